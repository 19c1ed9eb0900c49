// Types of the browser's lean build: `rolegate` as bundlers and browsers import it, and
// `rolegate/web`. Everything of the package, with an engine that decides, explains and plans; the
// methods of administration, the matrix and the lists (`FullOnlyMethod`) and Node's own
// (`NodeOnlyMethod`) are not there: calling one does not compile (at run time it would throw
// `not_in_build`). `rolegate/full` has administration. Checked by tests/js/types/bundler.ts.
import { ready } from './rolegate.js';
import type { EngineConstructor, FullOnlyMethod, LeanEngine, NodeOnlyMethod, PolicyIds, PolicyWatcher, WatchOptions } from './rolegate.js';

export * from './rolegate.js';

/** The lean build's engine: decisions, explanations, plans and sessions. */
export type PolicyEngine<I extends PolicyIds = PolicyIds> = LeanEngine<I>;
/** A compiled policy: load once (after `ready()`), then decide. See the Node build's `PolicyEngine`. */
export declare const PolicyEngine: EngineConstructor<NodeOnlyMethod | FullOnlyMethod>;

/** Loads the policy at `url` and keeps it current by the server's fingerprint header. */
export declare function watchPolicy<I extends PolicyIds = PolicyIds>(url: string | URL, options?: WatchOptions<LeanEngine<I>>): PolicyWatcher<I, LeanEngine<I>>;

/** `ready`, also as the default export: `import ready from 'rolegate'` resolves when the module is there. */
export default ready;
