// The whole JS API and every error path, against the built package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import * as rolegate from 'rolegate';
import { PolicyEngine, PolicyError, RequestError, RolegateError, Session, isRolegateError } from 'rolegate';
import { cli } from './helpers.mjs';

const mytrumpf = PolicyEngine.builtin('mytrumpf');
const platform = PolicyEngine.builtin('platform');
const otto = { id: 'otto', tenant: 'acme', roles: ['operator'] };

/** Asserts that `fn` throws a RequestError whose first problem is at `path`. */
function throwsRequest(fn, path, code = 'invalid_request') {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof RequestError && e instanceof TypeError, `${e?.name}: ${e?.message}`);
    assert.equal(e.code, code);
    assert.equal(e.problems[0].path, path);
    assert.ok(e.message.includes(path) || path === 'name', e.message);
    return true;
  });
}

test('the package exports exactly its API', () => {
  assert.deepEqual(
    Object.keys(rolegate).filter((k) => k !== 'default').sort(),
    ['FINGERPRINT_HEADER', 'OrganizationHandle', 'PolicyEngine', 'PolicyError', 'RequestError', 'RolegateError', 'Session', 'filter', 'isRolegateError', 'planAllows', 'planToSql', 'ready', 'wasmMemoryBytes', 'watchPolicy'],
  );
});

test('built-in policies, fingerprints equal to the native build', () => {
  for (const [name, engine] of [['mytrumpf', mytrumpf], ['platform', platform]]) {
    assert.equal(engine.id, name);
    assert.match(engine.fingerprint, /^[0-9a-f]{64}$/);
    const native = execFileSync(cli, ['fingerprint', '--policy', name], { encoding: 'utf8' }).trim();
    assert.equal(engine.fingerprint, native, `${name}: wasm and native fingerprints agree`);
  }
  throwsRequest(() => PolicyEngine.builtin('mytrumf'), 'name', 'unknown_builtin');
  throwsRequest(() => PolicyEngine.builtin(42), 'name');
});

test('a policy as an object or as JSON text', () => {
  const doc = mytrumpf.policy();
  assert.equal(doc.id, 'mytrumpf');
  assert.ok(Array.isArray(doc.comment), 'comments are kept');
  const fromObject = new PolicyEngine(doc);
  const fromText = new PolicyEngine(JSON.stringify(doc, null, 2));
  assert.equal(fromObject.fingerprint, mytrumpf.fingerprint);
  assert.equal(fromText.fingerprint, mytrumpf.fingerprint);
  const changed = structuredClone(doc);
  changed.roles[3].grants.push('eshop.order.place');
  assert.notEqual(new PolicyEngine(changed).fingerprint, mytrumpf.fingerprint);
});

test('invalid policies throw PolicyError with every problem', () => {
  assert.throws(() => new PolicyEngine('{"version": 1,'), (e) => e instanceof PolicyError && e instanceof RolegateError && e.problems[0].code === 'json_syntax');
  const bad = { version: 1, id: 'x', label: { en: 'X', de: 'X' }, tenantKinds: [], permissions: [], roles: [{ id: 'r', label: { en: '', de: 'R' }, grants: ['nope'] }] };
  assert.throws(
    () => new PolicyEngine(bad),
    (e) => {
      assert.ok(e instanceof PolicyError);
      assert.deepEqual(e.problems.map((p) => p.code), ['no_tenant_kinds', 'empty_label', 'unknown_permission']);
      assert.ok(e.message.startsWith('invalid policy: 3 problems'), e.message);
      assert.equal(e.problems[1].messages.de, 'die englische Bezeichnung ist leer');
      return true;
    },
  );
  for (const notPolicy of [undefined, null, 42, true, [1, 2]]) throwsRequest(() => new PolicyEngine(notPolicy), 'policy');
});

test('queries: kinds, roles, permissions, matrix, lint', () => {
  assert.deepEqual(platform.kinds().map((k) => k.id), ['operator', 'service_provider', 'app_developer']);
  assert.deepEqual(platform.kinds()[0].modules[0], { id: 'internal_service_cases', label: { en: 'Internal Service Cases', de: 'Interne Servicefälle' } });
  const roles = mytrumpf.roles();
  assert.equal(roles.length, 6);
  assert.deepEqual(roles[0].label, { en: 'Purchaser', de: 'Einkäufer' });
  assert.equal(roles.find((r) => r.id === 'service_engineer').default, true);
  assert.ok(roles[0].permissions.includes('eshop.cart.edit'), 'effective permissions include implied ones');
  assert.deepEqual(platform.roles('app_developer').map((r) => r.id), ['tenant_admin', 'app_publisher']);
  throwsRequest(() => platform.roles('operater'), 'kind');
  throwsRequest(() => platform.roles(7), 'tenantKind');

  const permission = platform.permissions().find((p) => p.id === 'service_cases.manage');
  assert.deepEqual(permission.feature, { id: 'service_cases', level: 'manage' });

  const matrix = platform.matrix({ tenantKind: 'operator', lang: 'de' });
  assert.equal(matrix.roles[1].label, 'Maschinenbediener');
  assert.equal(matrix.cells.machine_operator['service_cases.manage'], 'direct');
  assert.equal(Object.getPrototypeOf(matrix.cells), Object.prototype, 'plain objects, not Maps');
  throwsRequest(() => platform.matrix({ lang: 'fr' }), 'lang');
  throwsRequest(() => platform.matrix('operator'), 'options');

  const [finding] = mytrumpf.lint({ lang: 'de' });
  assert.equal(finding.code, 'redundant_grant');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.path, '$.roles[2].grants[2]');
  assert.ok(finding.message.startsWith('die Rolle „Produktionsleiter“'));
});

test('can, explain and sessions', () => {
  assert.equal(mytrumpf.can(otto, 'eshop.order.request'), true);
  assert.equal(mytrumpf.can(otto, 'eshop.order.place'), false);
  const explanation = mytrumpf.explain(otto, 'eshop.order.place');
  // An operator may not order, only request: the built-in release procedure.
  assert.deepEqual(Object.keys(explanation), ['allowed', 'effect', 'code', 'action', 'approval', 'grantedBy', 'blocked', 'grantingRoles', 'message']);
  assert.equal(explanation.code, 'approval_required');
  assert.equal(mytrumpf.explain(otto, 'eshop.order.place', null, 'de').message.slice(0, 15), 'Freigabe nötig:');
  const denied = mytrumpf.explain(otto, 'eshop.order.release');
  assert.deepEqual(Object.keys(denied), ['allowed', 'effect', 'code', 'action', 'grantedBy', 'blocked', 'grantingRoles', 'message']);
  assert.equal(mytrumpf.explain(otto, 'eshop.order.release', null, 'de').message.slice(0, 11), 'Verweigert:');
  assert.deepEqual(mytrumpf.decide(otto, 'eshop.order.request'), { allowed: true, effect: 'allow', code: 'granted' });

  const session = mytrumpf.session({ ...otto, roles: ['programmer', { role: 'operator', scope: { facility: 'f1' } }] });
  assert.ok(session instanceof Session);
  assert.equal(session.tenant, 'acme');
  assert.equal(session.can('service.case.manage', { facility: 'f1' }), true);
  assert.equal(session.can('service.case.manage', { facility: 'f2' }), false);
  assert.equal(session.can('service.case.manage'), false, 'a scoped role needs a resource in scope');
  assert.equal(session.canAnywhere('service.case.manage'), true);
  assert.equal(session.can('service.case.manage', { tenant: 'globex', facility: 'f1' }), false);
  assert.equal(session.explain('service.case.manage', { facility: 'f2' }).code, 'out_of_scope');
  const permissions = session.permissions();
  assert.equal(permissions.find((p) => p.id === 'service.case.manage').tenantWide, false);
  assert.deepEqual(permissions.find((p) => p.id === 'service.case.manage').grantedBy[0].scope, { facility: 'f1' });
  assert.throws(() => new Session(), TypeError, 'sessions come from engine.session()');
});

test('bad arguments throw RequestError naming the field; the engine keeps working', () => {
  throwsRequest(() => mytrumpf.can(undefined, 'x'), 'subject');
  throwsRequest(() => mytrumpf.can('otto', 'x'), 'subject');
  throwsRequest(() => mytrumpf.can([], 'x'), 'subject');
  throwsRequest(() => mytrumpf.can({ roles: ['operator'] }, 'x'), 'subject');
  throwsRequest(() => mytrumpf.can({ tenant: 'acme', roles: [5] }, 'x'), 'subject.roles[0]');
  throwsRequest(() => mytrumpf.can({ tenant: 'acme', roles: 'operator' }, 'x'), 'subject.roles');
  throwsRequest(() => mytrumpf.can({ tenant: 7, roles: [] }, 'x'), 'subject.tenant');
  throwsRequest(() => mytrumpf.can(otto, 42), 'action');
  throwsRequest(() => mytrumpf.can(otto, undefined), 'action');
  throwsRequest(() => mytrumpf.can(otto, 'x', 'f1'), 'resource');
  throwsRequest(() => mytrumpf.can(otto, 'x', { facility: 1.5 }), 'resource.facility');
  // A whole number is its decimal text.
  assert.equal(mytrumpf.can({ tenant: 'acme', roles: [{ role: 'operator', scope: { facility: '1' } }] }, 'service.case.manage', { facility: 1 }), true);
  throwsRequest(() => mytrumpf.explain(otto, 'x', null, 'fr'), 'lang');
  const cyclic = { tenant: 'acme', roles: [] };
  cyclic.self = cyclic;
  // The copy handed to the module names the place that is not JSON data.
  throwsRequest(() => mytrumpf.can(cyclic, 'x'), 'subject.self');
  throwsRequest(() => mytrumpf.can({ tenant: 'acme', roles: [], big: 1n }, 'x'), 'subject.big');
  throwsRequest(() => mytrumpf.can({ tenant: 'acme', roles: ['a\uD800'] }, 'x'), 'subject.roles[0]');
  const session = mytrumpf.session(otto);
  throwsRequest(() => session.can(null), 'action');
  throwsRequest(() => session.can('x', []), 'resource');
  // After all of that, everything still works.
  assert.equal(mytrumpf.can(otto, 'eshop.order.request'), true);
  assert.equal(session.can('eshop.order.request'), true);
  assert.ok(isRolegateError(new PolicyError('x', [])) && !isRolegateError(new Error('x')));
});

test('freed engines and sessions refuse clearly; sessions outlive their engine', () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const session = engine.session(otto);
  engine.free();
  engine.free(); // twice is harmless
  assert.throws(() => engine.can(otto, 'x'), (e) => e instanceof RolegateError && e.code === 'freed');
  assert.equal(session.can('eshop.order.request'), true, 'the compiled policy lives as long as a session needs it');
  session.free();
  assert.throws(() => session.can('x'), (e) => e instanceof RolegateError && e.code === 'freed' && /session was freed/.test(e.message));
});

test('an engine whose policy failed to load fails closed: every decision denies with no_policy', () => {
  const invalid = PolicyEngine.load('{"id": "broken"');
  const missing = PolicyEngine.load(undefined);
  const fetchFailed = PolicyEngine.unavailable(new Error('GET /policy.json: 502'));
  const builtin = PolicyEngine.builtin('mytrumpf');
  const forged = PolicyEngine.load({ ...builtin.policy(), label: { en: 'Forged', de: 'Gefälscht' } }, { fingerprint: builtin.fingerprint });
  assert.ok(invalid.loadError instanceof PolicyError, 'loadError keeps why');
  assert.equal(missing.loadError.code, 'invalid_request');
  assert.equal(fetchFailed.loadError.message, 'GET /policy.json: 502');
  assert.equal(forged.loadError.code, 'fingerprint_mismatch');
  assert.equal(forged.loadError.problems[0].path, 'options.fingerprint');
  for (const engine of [invalid, missing, fetchFailed, forged, PolicyEngine.unavailable()]) {
    assert.equal(engine.loaded, false);
    // Every permission of the real policy, as an administrator with every role: all denied.
    const boss = { id: 'b', tenant: 'acme', roles: builtin.roles().map((r) => r.id) };
    for (const { id } of builtin.permissions()) {
      assert.equal(engine.can(boss, id), false);
      assert.equal(engine.can(boss, id, { tenant: 'acme', facility: 'f1' }), false);
      const explained = engine.explain(boss, id, undefined, 'de');
      assert.deepEqual(explained, {
        allowed: false, effect: 'deny', code: 'no_policy', action: id, grantedBy: [], blocked: [], grantingRoles: [],
        message: 'Die Berechtigungsrichtlinie wurde nicht geladen, daher ist nichts erlaubt.',
      });
    }
    const session = engine.session(boss);
    assert.equal(session.tenant, 'acme');
    assert.equal(session.can('eshop.order.place'), false);
    assert.equal(session.canAnywhere('eshop.order.place'), false);
    assert.deepEqual(session.canMany(['eshop.order.place', 'profile.view'], [{ tenant: 'acme' }, undefined]), [[false, false], [false, false]]);
    assert.deepEqual(session.permissions(), []);
    assert.equal(session.explain('eshop.order.place').code, 'no_policy');
    assert.match(session.explain('eshop.order.place').message, /did not load/);
    // Arguments are still checked, as on a loaded engine.
    throwsRequest(() => engine.can(null, 'x'), 'subject');
    throwsRequest(() => engine.can(boss, 7), 'action');
    throwsRequest(() => engine.explain(boss, 'x', 'f1'), 'resource');
    throwsRequest(() => engine.explain(boss, 'x', undefined, 'fr'), 'lang');
    throwsRequest(() => session.canMany(['x'], [3]), 'resources[0]');
    // What a page footer shows answers without a throw; every other question refuses, naming why.
    assert.deepEqual([engine.loaded, engine.fingerprint, engine.id], [false, '', '']);
    for (const ask of [() => engine.policy(), () => engine.roles(), () => engine.matrix(),
      () => engine.apply({}, 'a', {}), () => engine.whoCan({}, 'x'), () => engine.organization({})]) {
      assert.throws(ask, (e) => e instanceof RolegateError && e.code === 'no_policy' && e.cause === engine.loadError && e.problems[0].messages.de.length > 0);
    }
    engine.free();
    assert.equal(engine.can(boss, 'profile.view'), false, 'still closed after free()');
  }
  const good = PolicyEngine.load(builtin.policy(), { fingerprint: builtin.fingerprint.toUpperCase() });
  assert.equal(good.loaded, true);
  assert.equal(good.loadError, null);
  assert.equal(good.can(otto, 'eshop.order.request'), true);
  assert.equal(PolicyEngine.load(JSON.stringify(builtin.policy())).fingerprint, builtin.fingerprint);
  throwsRequest(() => PolicyEngine.load(builtin.policy(), { fingerprint: 5 }), 'options.fingerprint');
  throwsRequest(() => PolicyEngine.load(builtin.policy(), 'strict'), 'options');
});

test('values crossing the boundary cannot pollute prototypes', () => {
  const subject = JSON.parse('{"tenant":"acme","roles":["operator"],"__proto__":{"polluted":true}}');
  throwsRequest(() => mytrumpf.can(subject, 'x'), 'subject.__proto__');
  const explanation = mytrumpf.explain(otto, '__proto__');
  assert.equal(explanation.code, 'unknown_action');
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test("rolegate/full in Node is Node's build: the same module (one instance) as rolegate, with everything", async () => {
  const full = await import('rolegate/full');
  const main = await import('rolegate');
  assert.equal(full.PolicyEngine, main.PolicyEngine);
  const engine = full.PolicyEngine.builtin('mytrumpf');
  assert.ok(Array.isArray(engine.lint()));
  assert.ok(engine.matrix().roles.length > 0);
});
