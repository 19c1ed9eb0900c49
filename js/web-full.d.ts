// `rolegate/web/full`, the browser's full build as a plain ES module beside its .wasm: everything
// of full.d.ts (the lean engine and administration, the matrix and the lists), plus `init`, which
// must be awaited first. It reads a policy given as JSON text with the browser's `JSON.parse`.
export * from '../full.js';

/** Loads and instantiates the wasm module (once). By default it is fetched next to this file. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
