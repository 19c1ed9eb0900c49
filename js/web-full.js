// The browser build's full entry: everything of the lean one, plus administration. For the pages
// that administer an organization; pages that only gate use `rolegate/web`, which is smaller.
// `import init, { PolicyEngine } from '…/pkg/web/rolegate_full.js'; await init();`
import initWasm, * as wasm from './rolegate_full_wasm.js';
import { webApi } from './web-api.js';

export { PolicyError, RequestError, RolegateError, isRolegateError } from './errors.js';
export { filter, planAllows, planToSql } from './plan.js';

const api = webApi(initWasm, wasm, true);
export const { OrganizationHandle, PolicyEngine, Session, wasmMemoryBytes } = api;
export default api.init;
