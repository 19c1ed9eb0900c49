// `rolegate/web`, the browser's lean build as a plain ES module beside its .wasm: everything of
// lean.d.ts (an engine without administration, the matrix and the lists: their calls do not
// compile), plus `init`, which must be awaited first. `rolegate/web/full` has administration. It
// reads a policy given as JSON text with the browser's `JSON.parse`.
export * from '../lean.js';

/** Loads and instantiates the wasm module (once). By default it is fetched next to this file. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
