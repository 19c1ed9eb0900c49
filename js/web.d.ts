// The browser build: everything of the package, plus `init`, which must be awaited first.
export * from '../rolegate.js';

/** Loads and instantiates the wasm module (once). By default it is fetched next to this file. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
