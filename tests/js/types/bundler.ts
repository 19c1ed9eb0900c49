// The types as a bundler-resolved app sees them (`moduleResolution: bundler`: the packages'
// `types` conditions, not `node`), with the bundlers' entries' `ready()`: `rolegate` is the lean
// build (no administration: those calls do not compile), `rolegate/full` the full one (no policy
// linter, no life of requests: Node's), and the same for `rolegate/web` and `rolegate/web/full`.
import { PolicyEngine, ready, watchPolicy, type ApprovalRequest, type Operation, type Organization } from 'rolegate';
import readyToo from 'rolegate';
import { PolicyEngine as FullPolicyEngine, ready as fullReady } from 'rolegate/full';
import initWeb, { PolicyEngine as WebPolicyEngine } from 'rolegate/web';
import initWebFull, { PolicyEngine as WebFullPolicyEngine } from 'rolegate/web/full';
import { RolegateProvider } from 'rolegate/react';

const org: Organization = { tenant: 'acme', kind: 'customer', members: [] };
declare const request: ApprovalRequest;
declare const op: Operation;

export async function check(): Promise<boolean> {
  await ready();
  await readyToo();
  const engine = PolicyEngine.builtin('mytrumpf');
  // @ts-expect-error: a misspelt action of the built-in policy
  engine.can({ tenant: 'acme', roles: ['operator'] }, 'eshop.order.plac');
  // @ts-expect-error: the lean build has no administration
  engine.whoCan(org, 'eshop.order.release');
  // @ts-expect-error: nor the matrix
  engine.matrix();
  // @ts-expect-error: nor the policy linter
  engine.lint();
  const own = new PolicyEngine<{ permission: 'a'; role: 'r'; kind: string; module: string; scope: string; attribute: string }>('{}');
  // @ts-expect-error: a typed engine of your own refuses an action it does not have
  own.can({ tenant: 't', roles: [] }, 'b');
  own.can({ tenant: 't', roles: [] }, 'a');
  const watcher = watchPolicy('/policy');
  // @ts-expect-error: the watcher's engine is the lean one too
  watcher.engine.apply(org, 'anna', op);
  // Any build's engine is the provider's.
  void RolegateProvider({ engine, subject: null });

  await fullReady();
  const full = FullPolicyEngine.builtin('mytrumpf');
  full.whoCan(org, 'eshop.order.release');
  full.matrix({ lang: 'de' });
  // @ts-expect-error: the full build has no policy linter (Node's)
  full.lint();
  // @ts-expect-error: nor the life of approval requests (the server's)
  full.eligibleApprovers(org, request);
  void RolegateProvider({ engine: full, subject: null });

  await initWeb();
  // @ts-expect-error: rolegate/web is the lean build
  WebPolicyEngine.builtin('platform').admins(org);
  await initWebFull();
  WebFullPolicyEngine.builtin('platform').admins(org);
  return engine.can({ tenant: 'acme', roles: ['operator'] }, 'eshop.order.request') && full instanceof FullPolicyEngine;
}
