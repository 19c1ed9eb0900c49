// Types of the browser's full build: `rolegate/full` as bundlers and browsers import it (in Node,
// `rolegate/full` is Node's build, typed by rolegate.d.ts), and `rolegate/web/full`. The lean
// build's engine and administration, the matrix and the lists; Node's own methods
// (`NodeOnlyMethod`: the policy linter, the life of approval requests) are not there.
import { ready } from './rolegate.js';
import type { EngineConstructor, FullEngine, NodeOnlyMethod, PolicyIds, PolicyWatcher, WatchOptions } from './rolegate.js';

export * from './rolegate.js';

/** The full build's engine: the lean one's methods, administration, the matrix and the lists. */
export type PolicyEngine<I extends PolicyIds = PolicyIds> = FullEngine<I>;
/** A compiled policy: load once (after `ready()`), then decide and administer. See the Node build's `PolicyEngine`. */
export declare const PolicyEngine: EngineConstructor<NodeOnlyMethod>;

/** Loads the policy at `url` and keeps it current by the server's fingerprint header. */
export declare function watchPolicy<I extends PolicyIds = PolicyIds>(url: string | URL, options?: WatchOptions<FullEngine<I>>): PolicyWatcher<I, FullEngine<I>>;

/** `ready`, also as the default export: `import ready from 'rolegate'` resolves when the module is there. */
export default ready;
