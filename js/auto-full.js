// `rolegate/full` for bundlers and browsers (the `default` export condition; Node takes its own
// build, which has everything, through `node`): `rolegate/web/full`, the full build
// (administration, the matrix, the lists), with its wasm module inside (js/inline.js), as
// `rolegate` has the lean one. `ready()` before the first call; it starts loading at import.
//
//   import { PolicyEngine, ready } from 'rolegate/full';
//   await ready(); PolicyEngine.builtin('mytrumpf').whoCan(org, 'eshop.order.release');
import init from './web-full.js';
import { inlineReady } from './inline.js';
import { MODULE_GZIP_BASE64 } from './rolegate_full_wasm_inline.js';

// Everything of rolegate/web/full; its `ready` is replaced below.
export * from './web-full.js';

/** Resolves when the engine can be used (the wasm module is instantiated); the same promise each time. */
export const ready = inlineReady(init, MODULE_GZIP_BASE64);
export default ready;
