// The browser build's full entry: everything of the lean one, plus administration. For the pages
// that administer an organization; pages that only gate use `rolegate/web`, which is smaller.
// `import init, { PolicyEngine } from '…/pkg/web/rolegate_full.js'; await init();`
import initWasm, * as wasm from './rolegate_full_wasm.js';
import { webApi } from './web-api.js';
import { policyWatcher } from './watch.js';

export { PolicyError, RequestError, RolegateError, isRolegateError } from './errors.js';
export { filter, planAllows, planToSql } from './plan.js';
export { FINGERPRINT_HEADER } from './watch.js';

const api = webApi(initWasm, wasm, true);
export const { OrganizationHandle, PolicyEngine, Session, wasmMemoryBytes } = api;
/** Loads the policy at a URL and keeps it current by the server's fingerprint header. */
export const watchPolicy = policyWatcher(PolicyEngine);
/** `init()` with the module beside this file: the same name as the bundlers' entry has. */
export const ready = () => api.init();
export default api.init;
