// The browser build's entry: `import init, { PolicyEngine } from '…/pkg/web/rolegate.js'; await init();`
import initWasm, * as wasm from './rolegate_wasm.js';
import { createApi } from './api.js';
import { BUILTINS } from './builtins.js';

export { PolicyError, RequestError, RolegateError, isRolegateError } from './errors.js';

let ready = false;
let loading;

export const { PolicyEngine, Session, wasmMemoryBytes } = createApi(wasm, BUILTINS, () => ready);

/**
 * Loads and instantiates the wasm module (once; later calls return the same promise). By default
 * it is fetched next to this file; pass a URL, a Response or a compiled WebAssembly.Module to
 * load it from elsewhere.
 */
export default function init(moduleOrPath) {
  loading ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => {
    ready = true;
  });
  return loading;
}
