// The package's entry for bundlers and browsers (`import { PolicyEngine, ready } from 'rolegate'`
// takes it through the `default` export condition; Node takes its own build through `node`):
// `rolegate/web`, the lean build, with its wasm module inside, gzip'd and base64-encoded, so that
// every bundler takes the package as plain JavaScript, with no plugin, asset rule or
// configuration. `ready()` (awaited, or `.then`) before the first call; it starts loading at import.
//
//   import { PolicyEngine, ready } from 'rolegate';
//   ready().then(() => { const engine = PolicyEngine.builtin('mytrumpf'); … });
import init from './web.js';
import { MODULE_GZIP_BASE64 } from './rolegate_wasm_inline.js';

// Everything of rolegate/web; its `ready`, which fetches the module beside the file, is replaced below.
export * from './web.js';

/** The module's bytes: base64 decoded, then gunzipped by the browser's DecompressionStream. */
async function moduleBytes() {
  const binary = atob(MODULE_GZIP_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

let loading;
/** Resolves when the engine can be used (the wasm module is instantiated); the same promise each time. */
export function ready() {
  loading ??= init(moduleBytes());
  return loading;
}
// Start at once; a failure is reported by the ready() the caller awaits.
ready().catch(() => {});
export default ready;
