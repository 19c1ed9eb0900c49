// Hostile input, from JavaScript: fast-check throws arbitrary values (undefined, numbers, BigInts,
// symbols, functions, huge strings, deep and cyclic objects, `__proto__` keys, throwing getters,
// near-valid subjects, resources and organizations…) into every exported function and method.
// Each call must return a well-formed value or throw an Error with a string `code`; never the
// module's trap (`RuntimeError: unreachable`, code `internal`); the engine keeps deciding as
// before; and `Object.prototype` and `Array.prototype` are untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as rolegate from 'rolegate';
import { OrganizationHandle, PolicyEngine, PolicyError, RequestError, RolegateError, Session, isRolegateError, wasmMemoryBytes } from 'rolegate';
import { gate, resourceOf } from 'rolegate/dom';
import { fingerprintHeader, languageOf, requirePermission, servePolicy } from 'rolegate/express';
import { vectors } from './helpers.mjs';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 4000);
const engine = PolicyEngine.builtin('mytrumpf');
const acme = vectors('admin.json').orgs.acme;
const otto = { id: 'otto', tenant: 'acme', roles: ['operator', { role: 'service_engineer', scope: { facility: 'f1' } }] };
const session = engine.session(otto);
const organization = engine.organization(acme);
const ACTIONS = engine.permissions().map((p) => p.id);
const ROLES = engine.roles().map((r) => r.id);
const RELEASERS = organization.whoCan('eshop.order.release').map((m) => m.id);

// Values no generator makes by chance.
const huge = 'x'.repeat(5 * 1024 * 1024);
const hugeId = { id: 'u', tenant: 't'.repeat(100_000), roles: ['operator'] };
const deep = (() => {
  let v = { tenant: 'acme', roles: [] };
  for (let i = 0; i < 100_000; i++) v = { nested: v };
  return v;
})();
const deepArray = (() => {
  let v = [];
  for (let i = 0; i < 100_000; i++) v = [v];
  return v;
})();
const cyclic = { tenant: 'acme', roles: ['operator'] };
cyclic.self = cyclic;
const cyclicRoles = ['operator'];
cyclicRoles.push(cyclicRoles);
const polluting = JSON.parse('{"__proto__": {"polluted": true}, "tenant": "acme", "roles": ["operator"], "constructor": {"prototype": {"polluted": true}}}');
const pollutingScope = JSON.parse('{"tenant": "acme", "roles": [{"role": "operator", "scope": {"__proto__": "f1", "facility": "f1"}}]}');
// (fc.toStringMethod: how fast-check prints them in a counterexample, without calling what throws.)
const throwingGetter = {
  [fc.toStringMethod]: () => 'throwingGetter',
  tenant: 'acme',
  get roles() {
    throw new Error('a getter that throws');
  },
};
const throwingToJSON = { [fc.toStringMethod]: () => 'throwingToJSON', tenant: 'acme', roles: ['operator'], toJSON: () => { throw new Error('toJSON throws'); } };
const lyingToString = { [fc.toStringMethod]: () => 'lyingToString', toString: () => { throw new Error('toString throws'); } };
const nullPrototype = Object.assign(Object.create(null), { tenant: 'acme', roles: ['operator'] });
const SPECIALS = [undefined, null, NaN, -0, Infinity, -Infinity, 0n, '', '\uD800', huge, hugeId, deep, deepArray, cyclic, cyclicRoles, polluting,
  pollutingScope, throwingGetter, throwingToJSON, lyingToString, nullPrototype, Symbol('s'), () => true, class {}, new Date(NaN), new Date(0),
  new Map([['tenant', 'acme']]), new Set(['operator']), new Uint8Array(4), Promise.resolve(otto), new Proxy({}, {}), [], {}, [[]], 'mytrumpf',
  'platform', 'de', 'en', 'operator', '2026-11-22T12:00:00Z', acme, otto, session, engine, organization];

const keys = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'toJSON', 'valueOf',
  'tenant', 'tenantKind', 'roles', 'role', 'scope', 'id', 'modules', 'facility', 'op', 'member', 'members', 'kind', 'status'));
const anything = fc.anything({ key: keys, maxDepth: 3, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
  withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true });
const assignment = fc.oneof(fc.constantFrom(...ROLES, 'ghost'), fc.record({ role: fc.oneof(fc.constantFrom(...ROLES), anything),
  scope: fc.oneof(fc.dictionary(keys, fc.oneof(fc.constantFrom('f1', 'f2', ''), anything), { maxKeys: 3 }), anything) }, { requiredKeys: [] }));
const nearSubject = fc.record({ id: fc.oneof(fc.string(), anything), tenant: fc.oneof(fc.constantFrom('acme', 'other', ''), anything),
  tenantKind: fc.oneof(fc.constant('customer'), anything), modules: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), anything),
  roles: fc.oneof(fc.array(assignment, { maxLength: 4 }), anything) }, { requiredKeys: [] });
const nearResource = fc.dictionary(keys, fc.oneof(fc.constantFrom('acme', 'f1', 'f2'), anything), { maxKeys: 4 });
const nearOrg = fc.tuple(fc.constantFrom('tenant', 'kind', 'modules', 'members', 'invitations', 'roles', 'extra'), anything)
  .map(([key, value]) => ({ ...acme, [key]: value }));
const nearOp = fc.record({ op: fc.constantFrom('approve', 'invite', 'assignRoles', 'remove', 'reject', 'nope'), member: fc.oneof(fc.constantFrom('paul', 'anna'), anything),
  email: anything, roles: fc.oneof(fc.array(assignment, { maxLength: 3 }), anything) }, { requiredKeys: ['op'] });
const hostile = fc.oneof(
  { weight: 4, arbitrary: anything },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 3, arbitrary: nearSubject },
  { weight: 2, arbitrary: nearResource },
  { weight: 2, arbitrary: fc.constantFrom(...ACTIONS, 'no.such.action') },
  { weight: 1, arbitrary: nearOrg },
  { weight: 1, arbitrary: nearOp },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...ACTIONS), anything), { maxLength: 3 }) },
);

const REASONS = ['granted', 'unknown_action', 'other_tenant', 'out_of_scope', 'role_not_available', 'outside_window', 'not_granted', 'approval_required', 'invalid_attribute', 'no_policy'];
const EFFECTS = ['allow', 'approval', 'deny'];
const isBoolean = (v) => typeof v === 'boolean';
const isExplanation = (v) =>
  isBoolean(v.allowed) && REASONS.includes(v.code) && EFFECTS.includes(v.effect) && typeof v.message === 'string' && (v.code === 'granted') === v.allowed && (v.effect === 'allow') === v.allowed;
const isDecision = (v) => isBoolean(v.allowed) && REASONS.includes(v.code) && EFFECTS.includes(v.effect) && (v.effect === 'allow') === v.allowed && (v.effect === 'approval') === (v.approval !== undefined);
const isRequestResult = (v) => isBoolean(v.ok) && (v.ok ? typeof v.request?.id === 'string' : isList(v.violations));
const isList = (v) => Array.isArray(v);
const isPlan = (v) => ['always', 'never', 'conditional'].includes(v.decision) && typeof v.tenant === 'string';
const isRows = (v) => isList(v) && v.every((row) => isList(row) && row.every(isBoolean));

/** A fresh engine for calls that free or replace it. */
const fresh = () => PolicyEngine.builtin('mytrumpf');

/** A fetch that never reaches anything. */
const offline = async () => {
  throw new Error('offline');
};

/** Every exported function and method, with a check of what it returns. */
const CALLS = {
  'new PolicyEngine': [(a) => new PolicyEngine(...a), (v) => v instanceof PolicyEngine],
  'PolicyEngine.builtin': [(a) => PolicyEngine.builtin(...a), (v) => v instanceof PolicyEngine],
  'PolicyEngine.load': [(a) => PolicyEngine.load(...a), (v) => v instanceof PolicyEngine && isBoolean(v.loaded)],
  'PolicyEngine.unavailable': [(a) => PolicyEngine.unavailable(...a).can(otto, 'profile.view'), (v) => v === false],
  'engine.can': [(a) => engine.can(...a), isBoolean],
  'engine.explain': [(a) => engine.explain(...a), isExplanation],
  'engine.decide': [(a) => engine.decide(...a), isDecision],
  'session.decide': [(a) => session.decide(...a), isDecision],
  'engine.submit': [(a) => engine.submit(...a), isRequestResult],
  'engine.step/approve/reject/cancel': [
    (a) => [engine.step(...a), engine.approve(...a), engine.reject(...a), engine.cancel(...a)],
    (v) => v.length === 4 && v.every(isRequestResult),
  ],
  'engine.eligibleApprovers': [(a) => engine.eligibleApprovers(...a), isList],
  'engine.awaiting': [(a) => engine.awaiting(...a), isPlan],
  'engine.session': [(a) => { const s = engine.session(...a); const v = s.can('eshop.order.request'); s.free(); return v; }, isBoolean],
  'engine.roles': [(a) => engine.roles(...a), isList],
  'engine.matrix': [(a) => engine.matrix(...a), (v) => isList(v.roles)],
  'engine.lint': [(a) => engine.lint(...a), isList],
  'engine.kinds/permissions/policy/fingerprint/id/loaded/loadError': [
    () => [engine.kinds(), engine.permissions(), engine.policy(), engine.fingerprint, engine.id, engine.loaded, engine.loadError],
    (v) => v.length === 7 && v[5] === true && v[6] === null,
  ],
  'engine.apply': [(a) => engine.apply(...a), (v) => isBoolean(v.ok)],
  'engine.admins': [(a) => engine.admins(...a), isList],
  'engine.whoCan': [(a) => engine.whoCan(...a), isList],
  'engine.myData': [(a) => engine.myData(...a), (v) => typeof v === 'object'],
  'engine.memberSession': [(a) => engine.memberSession(...a).canAnywhere('profile.view'), isBoolean],
  'engine.organization': [(a) => { const h = engine.organization(...a); const v = h.admins(); h.free(); return v; }, isList],
  'engine.lintOrg': [(a) => engine.lintOrg(...a), isList],
  'engine.customers': [(a) => engine.customers(...a), isList],
  'engine.invitedBy': [(a) => engine.invitedBy(...a), (v) => v === null || typeof v.tenant === 'string'],
  'engine.free': [(a) => { const e = fresh(); e.free(...a); return e.can(...a); }, isBoolean],
  'session.can': [(a) => session.can(...a), isBoolean],
  'session.canMany': [(a) => session.canMany(...a), isRows],
  'session.canAnywhere': [(a) => session.canAnywhere(...a), isBoolean],
  'session.explain': [(a) => session.explain(...a), isExplanation],
  'session.plan': [(a) => session.plan(...a), isPlan],
  'engine.plan': [(a) => engine.plan(...a), isPlan],
  'planToSql': [(a) => rolegate.planToSql(...a), (v) => typeof v.sql === 'string' && isList(v.params)],
  'filter': [(a) => rolegate.filter(...a), isList],
  'planAllows': [(a) => rolegate.planAllows(...a), isBoolean],
  // Offline: the hostile arguments are the URL and the listener; the watcher fails closed.
  'watchPolicy': [(a) => rolegate.watchPolicy(a[0], { fetch: offline, onChange: a[1] }).engine.can(otto, 'profile.view'), (v) => v === false],
  'FINGERPRINT_HEADER': [() => rolegate.FINGERPRINT_HEADER, (v) => v === 'Rolegate-Fingerprint'],
  'ready': [(a) => rolegate.ready(...a), (v) => v instanceof Promise],
  'session.permissions/tenant': [() => [session.permissions(), session.tenant], (v) => isList(v[0]) && v[1] === 'acme'],
  'session.validUntil': [(a) => { const s = engine.session({ ...otto, roles: [{ role: 'purchaser', until: '2027-01-01T00:00:00Z' }] }, { at: a[0] }); const v = [s.validUntil, session.validUntil]; s.free(); return v; }, (v) => v[0] instanceof Date && v[1] === null],
  'session.free': [(a) => { const s = engine.session(otto); s.free(...a); return s.can(...a); }, isBoolean],
  'organization.whoCan': [(a) => organization.whoCan(...a), isList],
  'organization.myData': [(a) => organization.myData(...a), (v) => typeof v === 'object'],
  'organization.memberSession': [(a) => organization.memberSession(...a).can('profile.view'), isBoolean],
  'organization.org/admins': [() => [organization.org(), organization.admins()], (v) => v.length === 2],
  'organization.free': [(a) => { const h = engine.organization(acme); h.free(...a); return h.whoCan(...a); }, isList],
  'new Session': [(a) => new Session(...a), () => false],
  'new OrganizationHandle': [(a) => new OrganizationHandle(...a), () => false],
  'wasmMemoryBytes': [(a) => wasmMemoryBytes(...a), (v) => Number.isInteger(v)],
  'isRolegateError': [(a) => isRolegateError(...a), isBoolean],
  'new RolegateError, PolicyError, RequestError': [(a) => [new RolegateError(...a), new PolicyError(...a), new RequestError(...a)], (v) => v.length === 3],
  'languageOf': [(a) => languageOf(...a), (v) => v === 'en' || v === 'de'],
  'requirePermission': [(a) => requirePermission(...a), (v) => typeof v === 'function'],
  'servePolicy': [(a) => servePolicy(...a), (v) => typeof v === 'function'],
  'fingerprintHeader': [(a) => fingerprintHeader(...a), (v) => typeof v === 'function'],
  'gate': [(a) => gate(...a), () => false],
  'resourceOf': [(a) => resourceOf(...a), (v) => v === undefined || typeof v === 'object'],
};

const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const before = prototypes.map((p) => Object.getOwnPropertyNames(p).sort().join());

/** Throws unless `fn` returned a value `ok` accepts, or threw an Error with a code other than `internal`. */
function probe(name, fn, ok, args) {
  let value;
  try {
    value = fn(args);
  } catch (error) {
    const where = `${name}(${args.map((a) => typeof a).join(', ')})`;
    assert.ok(error instanceof Error, `${where} threw a non-Error: ${String(error)}`);
    assert.ok(!(error instanceof WebAssembly.RuntimeError) && !/unreachable/.test(error.message), `${where}: the module trapped: ${error.message}`);
    assert.equal(typeof error.code, 'string', `${where} threw an Error without a code: ${error.name}: ${error.message}`);
    assert.notEqual(error.code, 'internal', `${where}: ${error.message}`);
    return;
  }
  assert.ok(ok(value), `${name} returned ${String(value)}`);
}

/** The engine still decides as before, and nothing was added to the built-in prototypes. */
function unharmed() {
  assert.equal(engine.can(otto, 'eshop.order.request'), true);
  assert.equal(engine.can(otto, 'eshop.order.place'), false);
  assert.equal(session.can('service.case.create', { facility: 'f1' }), engine.can(otto, 'service.case.create', { facility: 'f1' }));
  assert.equal(session.explain('eshop.order.place').code, 'approval_required');
  assert.deepEqual(organization.whoCan('eshop.order.release').map((m) => m.id), RELEASERS);
  assert.deepEqual(prototypes.map((p) => Object.getOwnPropertyNames(p).sort().join()), before, 'a built-in prototype changed');
  assert.equal({}.polluted, undefined);
}

test('every export is covered', () => {
  const exported = Object.keys(rolegate).filter((k) => k !== 'default');
  for (const name of exported) assert.ok(Object.keys(CALLS).some((c) => c.includes(name) || c.includes(name.replace(/^\w/, (ch) => ch.toLowerCase()))), name);
  const methods = (cls) => Object.getOwnPropertyNames(cls.prototype).filter((m) => m !== 'constructor');
  for (const [prefix, cls] of [['engine', PolicyEngine], ['session', Session], ['organization', OrganizationHandle]]) {
    for (const method of methods(cls)) assert.ok(Object.keys(CALLS).some((c) => c.startsWith(`${prefix}.`) && c.includes(method)), `${prefix}.${method}`);
  }
});

test(`${RUNS} hostile calls: a value or an Error with a code; the engine keeps working; prototypes untouched`, () => {
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(CALLS)), fc.array(hostile, { maxLength: 5 }), (name, args) => {
      const [call, ok] = CALLS[name];
      probe(name, call, ok, args);
      unharmed();
    }),
    { numRuns: RUNS, seed: Number(process.env.HOSTILE_SEED ?? 7) },
  );
});

test('each special value in each argument position of each call', () => {
  for (const [name, [call, ok]] of Object.entries(CALLS)) {
    for (let position = 0; position < 5; position++) {
      for (const special of SPECIALS) {
        const args = [otto, 'eshop.order.request', undefined, 'en', undefined];
        args[position] = special;
        probe(name, call, ok, args);
      }
    }
    unharmed();
  }
});

test('the Express middleware never lets through what the engine denies', async () => {
  await fc.assert(
    fc.asyncProperty(hostile, hostile, fc.constantFrom(...ACTIONS), async (subject, resource, action) => {
      // The middleware awaits what the functions return: the same is asked of the engine below.
      const [who, where] = [await subject, await resource];
      const guard = requirePermission(engine, action, { subject: () => subject, resource: () => resource });
      let status = 200;
      let passed = false;
      const res = { status(s) { status = s; return this; }, json() {} };
      await guard({ headers: {} }, res, () => { passed = true; });
      if (passed) {
        assert.equal(status, 200);
        assert.equal(engine.can(who, action, where ?? undefined), true);
      } else {
        assert.ok([400, 401, 403].includes(status), `status ${status}`);
      }
    }),
    { numRuns: 1000, seed: 11 },
  );
});
