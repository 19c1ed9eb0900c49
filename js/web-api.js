// What both browser entries share: the API over one wasm module, and its `init`.
import { createApi } from './api.js';
import { BUILTINS } from './builtins.js';

/**
 * The package's API over `wasm` (the bindings wasm-bindgen made for the web; `admin` for the full
 * module, with administration), with an `init` that
 * instantiates it: once; later calls return the same promise. By default the module is fetched
 * next to its bindings; pass a URL, a Response or a compiled WebAssembly.Module to load it from
 * elsewhere.
 */
export function webApi(initWasm, wasm, admin) {
  let ready = false;
  let loading;
  const api = createApi(wasm, BUILTINS, { isReady: () => ready, admin });
  function init(moduleOrPath) {
    loading ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => {
      ready = true;
    });
    return loading;
  }
  return { ...api, init };
}
