// The browser builds: everything of the package, plus `init`, which must be awaited first.
// `rolegate/web` (lean) throws a `RolegateError` with code `not_in_build` from the administration
// methods (`apply`, `admins`, `whoCan`, `myData`, `memberSession`, `lintOrg`, `organization`), the
// matrix and the policy linter (`matrix`, `lint`); `rolegate/web/full` has them. Both read a
// policy given as JSON text with the browser's `JSON.parse`.
export * from '../rolegate.js';

/** Loads and instantiates the wasm module (once). By default it is fetched next to this file. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
