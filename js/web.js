// The browser build's entry, lean: decisions, explanations, sessions, the policy's queries.
// Administration (`engine.apply`, `whoCan`, `admins`, `lintOrg`…) is in `rolegate/web/full`.
// `import init, { PolicyEngine } from '…/pkg/web/rolegate.js'; await init();`
import initWasm, * as wasm from './rolegate_wasm.js';
import { webApi } from './web-api.js';
import { policyWatcher } from './watch.js';

export { PolicyError, RequestError, RolegateError, isRolegateError } from './errors.js';
export { filter, planAllows, planToSql } from './plan.js';
export { FINGERPRINT_HEADER } from './watch.js';

const api = webApi(initWasm, wasm, false);
export const { OrganizationHandle, PolicyEngine, Session, wasmMemoryBytes } = api;
/** Loads the policy at a URL and keeps it current by the server's fingerprint header. */
export const watchPolicy = policyWatcher(PolicyEngine);
/** `init()` with the module beside this file: the same name as the bundlers' entry has. */
export const ready = () => api.init();
export default api.init;
