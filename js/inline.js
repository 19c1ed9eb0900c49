// The bundlers' entries' `ready()`: the wasm module is in the file itself, gzip'd and base64-encoded
// (scripts/build-pkg.mjs writes it), so that every bundler takes the package as plain JavaScript,
// with no plugin, asset rule or configuration.

/** The module's bytes: base64 decoded, then gunzipped by the browser's DecompressionStream. */
async function moduleBytes(gzipBase64) {
  const binary = atob(gzipBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/**
 * `ready` of an entry whose module is `gzipBase64`: instantiates it with `init` (the bindings'),
 * once; resolves when the engine can be used, the same promise each time. Loading starts at once;
 * a failure is reported by the `ready()` the caller awaits.
 */
export function inlineReady(init, gzipBase64) {
  let loading;
  const ready = () => {
    loading ??= init(moduleBytes(gzipBase64));
    return loading;
  };
  ready().catch(() => {});
  return ready;
}
