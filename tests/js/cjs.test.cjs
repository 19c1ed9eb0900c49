// CommonJS loading: require('rolegate') needs no init, and ESM and CJS share one instance.
const assert = require('node:assert/strict');
const { test } = require('node:test');

test('require() loads the package with no init call', () => {
  const { PolicyEngine, PolicyError, RequestError } = require('rolegate');
  const engine = PolicyEngine.builtin('platform');
  const session = engine.session({ tenant: 't', tenantKind: 'operator', roles: ['workshop_manager'] });
  assert.equal(session.can('asset_proposal.accept'), true);
  assert.throws(() => new PolicyEngine('{}'), PolicyError);
  assert.throws(() => engine.can({}, 'x'), RequestError);
});

test('import() and require() give the same classes', async () => {
  const esm = await import('rolegate');
  const cjs = require('rolegate');
  assert.equal(esm.PolicyEngine, cjs.PolicyEngine);
  assert.equal(esm.RequestError, cjs.RequestError);
});

test('rolegate/express loads with require() too', () => {
  const { requirePermission, languageOf } = require('rolegate/express');
  assert.equal(typeof requirePermission, 'function');
  assert.equal(languageOf({ headers: { 'accept-language': 'de-DE,de;q=0.9' } }), 'de');
});
