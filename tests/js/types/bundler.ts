// The types as a bundler-resolved app sees them (`moduleResolution: bundler`: the package's
// top-level `types` condition), with the bundlers' entry's `ready()`.
import { PolicyEngine, ready } from 'rolegate';

export async function check(): Promise<boolean> {
  await ready();
  const engine = PolicyEngine.builtin('mytrumpf');
  // @ts-expect-error: a misspelt action of the built-in policy
  engine.can({ tenant: 'acme', roles: ['operator'] }, 'eshop.order.plac');
  return engine.can({ tenant: 'acme', roles: ['operator'] }, 'eshop.order.request');
}
