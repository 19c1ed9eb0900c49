// The package's entry for bundlers and browsers (`import { PolicyEngine, ready } from 'rolegate'`
// takes it through the `default` export condition; Node takes its own build through `node`):
// `rolegate/web`, the lean build, with its wasm module inside (js/inline.js). `ready()` (awaited,
// or `.then`) before the first call; it starts loading at import. `rolegate/full` (js/auto-full.js)
// is the same with administration.
//
//   import { PolicyEngine, ready } from 'rolegate';
//   ready().then(() => { const engine = PolicyEngine.builtin('mytrumpf'); … });
import init from './web.js';
import { inlineReady } from './inline.js';
import { MODULE_GZIP_BASE64 } from './rolegate_wasm_inline.js';

// Everything of rolegate/web; its `ready`, which fetches the module beside the file, is replaced below.
export * from './web.js';

/** Resolves when the engine can be used (the wasm module is instantiated); the same promise each time. */
export const ready = inlineReady(init, MODULE_GZIP_BASE64);
export default ready;
