// The Node build's entry: one ES module that instantiates the wasm module synchronously as it
// loads, so no init() is needed. The Node module has everything of the browser's full one, and
// reads policy text itself and the built-ins compiled (see scripts/build-pkg.mjs). `require('rolegate')` loads this same module (Node ≥ 20.19
// requires ES modules), so `import` and `require` share one instance.
import './node-version.cjs';
import * as wasm from './rolegate_node_wasm.js';
import { createApi } from './api.js';
import { BUILTINS } from './builtins-compiled.js';
import { PolicyError, RequestError, RolegateError, isRolegateError } from './errors.js';
import { filter, planAllows, planToSql } from './plan.js';
import { FINGERPRINT_HEADER, policyWatcher } from './watch.js';

// process.getBuiltinModule, not `import … from 'node:fs'`: an import builds fs's whole namespace,
// streams and all, which is a good part of a cold start.
const { readFileSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');
// The module beside this file. Its name is built at run time, so that a bundler of server code
// (webpack in Next.js) does not take `new URL('….wasm', import.meta.url)` for an asset of its own
// (it rewrites that into a URL that fs does not read); such a bundler leaves this file's URL.
const WASM = ['rolegate_wasm_bg', 'wasm'].join('.');
wasm.initSync({ module: readFileSync(fileURLToPath(new URL(WASM, import.meta.url).href)) });

const core = createApi(wasm, BUILTINS, { admin: true, requests: true, readsText: true });
const watchPolicy = policyWatcher(core.PolicyEngine);
/** Resolves at once: Node's module is instantiated as it loads (the browser entry has to fetch it). */
const ready = () => Promise.resolve();
const api = { ...core, PolicyError, RequestError, RolegateError, isRolegateError, filter, planAllows, planToSql, watchPolicy, FINGERPRINT_HEADER, ready };
export { PolicyError, RequestError, RolegateError, isRolegateError, filter, planAllows, planToSql, watchPolicy, FINGERPRINT_HEADER, ready };
export const { OrganizationHandle, PolicyEngine, Session, wasmMemoryBytes } = api;
export default api;
