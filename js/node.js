// The Node build's entry: the module instantiates synchronously on load, so no init() is needed.
import * as wasm from './rolegate_wasm.cjs';
import { createApi } from './api.js';
import { BUILTINS } from './builtins.js';

export { PolicyError, RequestError, RolegateError, isRolegateError } from './errors.js';
export const { OrganizationHandle, PolicyEngine, Session, wasmMemoryBytes } = createApi(wasm, BUILTINS);
