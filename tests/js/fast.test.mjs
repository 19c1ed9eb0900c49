// The fast path (js/fast.js: decisions answered in JavaScript from a session's grants, and
// `engine.can` remembering subjects) against the plain path through the wasm module
// (`explain`, which never takes the fast path): for every decision vector, for variations of
// its subject and resource, and for random and hostile arguments, both give the same answer or
// throw the same error. Not a timing: benches/js/compare.mjs measures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PolicyEngine } from 'rolegate';
import { vectors } from './helpers.mjs';

const FILES = ['decisions_mytrumpf.json', 'decisions_platform.json', 'decisions_scopes.json'];
const engines = new Map();
const engineFor = (name) => {
  if (!engines.has(name)) engines.set(name, PolicyEngine.builtin(name));
  return engines.get(name);
};

/** What a call gave: its value, or the error's class, code and problem paths. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: error.name, code: error.code, paths: (error.problems ?? []).map((p) => `${p.code} ${p.path}`) };
  }
}

/** The plain path's answer for `engine.can(subject, action, resource)`. */
function plain(engine, subject, action, resource) {
  return outcome(() => engine.explain(subject, action, resource).allowed);
}

/** Resources that look alike but are read differently, around `resource` of `tenant`. */
function resourcesAround(resource, tenant) {
  const base = resource ?? {};
  const parsed = JSON.parse('{"__proto__": "x", "facility": "f1"}');
  const nullProto = Object.assign(Object.create(null), base);
  return [
    undefined,
    null,
    resource,
    { ...base, tenant },
    { ...base, tenant: 'someone-else' },
    { ...base, tenant: '' },
    { ...base, extra: 'ignored' },
    { ...base, facility: undefined },
    { ...base, facility: 'f2' },
    { facility: 'f1' },
    { facility: 'f1', customer: 'c1', service_org: 's1' },
    { tenant: 'f1' },
    nullProto,
    parsed,
    Object.defineProperty({ ...base }, 'facility', { value: 'f1', enumerable: false }),
    Object.defineProperty({ ...base }, 'facility', { get: () => 'f1', enumerable: true }),
    { ...base, facility: 1 },
    { ...base, facility: null },
    { ...base, facility: ['f1'] },
    { ...base, facility: () => 'f1' },
    { ...base, facility: '\uD800' },
    { ...base, '\uDC00': 'x' },
    { ...base, toJSON: () => ({ facility: 'elsewhere', tenant: 'someone-else' }) },
    { ...base, toJSON: 'not a function' },
    new Date(0),
    new Map([['facility', 'f1']]),
    Object.assign(new (class Resource {})(), base),
    [],
    'f1',
    42,
  ];
}

/** Subjects that share a session with `subject`, or fail where it does not. */
function subjectsAround(subject) {
  const roles = subject.roles;
  return [
    subject,
    { ...subject },
    { ...subject, id: undefined },
    { ...subject, id: 'someone else' },
    { ...subject, id: 'x'.repeat(85) },
    { ...subject, id: 'x'.repeat(300) },
    { ...subject, id: 'ü'.repeat(100) },
    { ...subject, id: '\uD800' },
    { ...subject, id: null },
    { ...subject, id: 7 },
    { ...subject, tenantKind: null },
    { ...subject, tenantKind: undefined },
    { ...subject, tenantKind: '' },
    { ...subject, modules: [] },
    { ...subject, modules: [null] },
    { ...subject, modules: 'x' },
    { ...subject, tenant: '' },
    { ...subject, tenant: 'x'.repeat(300) },
    { ...subject, extra: true },
    { ...subject, roles: [] },
    { ...subject, roles: [...roles, ...roles] },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? { role: r } : r)) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? { role: r, scope: null } : r)) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? { role: r, scope: {} } : r)) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? r : { ...r, scope: { ...r.scope, facility: 'f2' } })) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? r : { ...r, scope: { ...r.scope, facility: '' } })) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? r : { ...r, scope: { ...r.scope, nowhere: 'x' } })) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? r : { ...r, scope: { ...r.scope, facility: 1 } })) },
    { ...subject, roles: roles.map((r) => (typeof r === 'string' ? { role: r, extra: 1 } : r)) },
    { ...subject, roles: [...roles, 'no_such_role'] },
    { ...subject, roles: [...roles, 5] },
    { ...subject, roles: 'all' },
    { ...subject, toJSON: () => subject },
    { ...subject, roles: Object.assign([...roles], { toJSON: () => [] }) },
    { ...subject, modules: Object.assign([], { toJSON: () => 'x' }) },
    Object.assign(Object.create(null), subject),
    Object.assign(new (class Subject {})(), subject),
    null,
    'subject',
  ];
}

for (const file of FILES) {
  test(`fast and plain paths agree on every vector and its variations: ${file}`, () => {
    const { policy, cases } = vectors(file);
    const engine = engineFor(policy);
    const actions = [...engine.permissions().map((p) => p.id), 'no.such.action'];
    let compared = 0;
    for (const { name, subject, action, resource } of cases) {
      // The vector itself first, so later variations find its grants remembered.
      assert.deepEqual(outcome(() => engine.can(subject, action, resource)), plain(engine, subject, action, resource), name);
      const around = resourcesAround(resource, subject.tenant);
      for (const [v, variant] of subjectsAround(subject).entries()) {
        const session = outcome(() => engine.session(variant));
        // Every resource with the vector's subject and a copy of it; a few with the other subjects.
        for (const [r, where] of (v < 2 ? around : around.slice(0, 5)).entries()) {
          // An action that is not a string only with the first few resources: it fails alike anywhere.
          for (const act of r < 3 ? [action, actions[compared % actions.length], 7, undefined] : [action, actions[compared % actions.length]]) {
            const want = plain(engine, variant, act, where);
            const label = `${name}: ${JSON.stringify(variant) ?? String(variant)} ${String(act)} ${outcome(() => JSON.stringify(where)).value}`;
            // Twice: the first call may compile and remember the subject, the second finds it.
            assert.deepEqual(outcome(() => engine.can(variant, act, where)), want, `${label}: engine.can`);
            assert.deepEqual(outcome(() => engine.can(variant, act, where)), want, `${label}: engine.can again`);
            if (session.value) {
              const s = session.value;
              const viaSession = plain({ explain: (_, a, r) => s.explain(a, r) }, null, act, where);
              assert.deepEqual(viaSession, want, `${label}: session.explain`);
              assert.deepEqual(outcome(() => s.can(act, where)), want, `${label}: session.can`);
              if (typeof act === 'string') {
                const many = outcome(() => s.canMany([act], [where]));
                if (want.value !== undefined) assert.deepEqual(many, { value: [[want.value]] }, `${label}: canMany`);
                else assert.equal(many.code, want.code, `${label}: canMany throws too`);
              }
            }
            compared++;
          }
        }
        session.value?.free();
      }
      // Every action, for the vector's subject and resource.
      const session = engine.session(subject);
      const row = session.canMany(actions, [resource]);
      assert.deepEqual(
        row,
        [actions.map((a) => engine.explain(subject, a, resource).allowed)],
        `${name}: canMany over every action`,
      );
      const held = new Set(session.permissions().map((p) => p.id));
      for (const a of actions) assert.equal(session.canAnywhere(a), held.has(a), `${name}: canAnywhere ${a}`);
      session.free();
    }
    assert.ok(compared > 1000, `only ${compared} comparisons`);
  });
}

test('canMany: rows per resource, columns per action, errors name the element', () => {
  const engine = engineFor('platform');
  const session = engine.session({
    tenant: 'steelworks',
    tenantKind: 'operator',
    roles: [{ role: 'workshop_manager', scope: { facility: 'f1' } }],
  });
  assert.deepEqual(session.canMany(['asset.manage', 'asset.read', 'no.such'], [{ facility: 'f1' }, { facility: 'f2' }, { facility: 'f1', tenant: 'other' }]), [
    [true, true, false],
    [false, false, false],
    [false, false, false],
  ]);
  assert.deepEqual(session.canMany(['asset.manage']), [[false]], 'no resource: scoped grants do not count');
  assert.deepEqual(session.canMany([], [{}, {}]), [[], []]);
  const problem = (fn) => {
    const { code, paths } = outcome(fn);
    return { code, paths };
  };
  assert.deepEqual(problem(() => session.canMany('asset.read')), { code: 'invalid_request', paths: ['invalid_argument actions'] });
  assert.deepEqual(problem(() => session.canMany(['asset.read', 3])), { code: 'invalid_request', paths: ['invalid_argument actions[1]'] });
  assert.deepEqual(problem(() => session.canMany(['asset.read'], {})), { code: 'invalid_request', paths: ['invalid_argument resources'] });
  assert.deepEqual(problem(() => session.canMany(['asset.read'], [{}, 'f1'])), { code: 'invalid_request', paths: ['invalid_argument resources[1]'] });
  assert.deepEqual(problem(() => session.canMany(['asset.read'], [{}, { facility: 2.5 }])), {
    code: 'invalid_request',
    paths: ['json_shape resources[1].facility'],
  });
  session.free();
  assert.equal(outcome(() => session.canMany(['asset.read'])).code, 'freed');
  assert.equal(outcome(() => session.can('asset.read')).code, 'freed');
  assert.equal(outcome(() => session.canAnywhere('asset.read')).code, 'freed');
});

test('a money total a polluted Object.prototype lends an order is not its own: the rule holds as for no total', () => {
  const engine = engineFor('mytrumpf');
  const rules = [{ id: 'md', action: 'eshop.order.place', when: { total: { over: '5000.00 EUR' } }, tiers: [['managing_director']] }];
  const session = engine.session({ tenant: 'acme', roles: ['purchaser'] }, { approvalRules: rules });
  for (let i = 0; i < 3; i++) assert.equal(session.can('eshop.order.place', { total: '10.00 EUR' }), true, 'a small order, directly');
  Object.prototype.total = '10.00 EUR'; // eslint-disable-line no-extend-native
  try {
    for (let i = 0; i < 3; i++) assert.equal(session.can('eshop.order.place', {}), engine.session({ tenant: 'acme', roles: ['purchaser'] }, { approvalRules: rules }).decide('eshop.order.place', {}).allowed);
    assert.equal(session.can('eshop.order.place', {}), false, 'no total of its own: the rule holds (approval)');
  } finally {
    delete Object.prototype.total;
  }
  session.free();
});

test('money texts the fast path remembers answer as the module does: per session, beyond the table\'s bound, in another currency', () => {
  const engine = engineFor('mytrumpf');
  const over = (amount) => [{ id: 'md', action: 'eshop.order.place', when: { total: { over: amount } }, tiers: [['managing_director']] }];
  const subject = { id: 'p', tenant: 'acme', roles: ['purchaser'] };
  const low = engine.session(subject, { approvalRules: over('100.00 EUR') });
  const high = engine.session(subject, { approvalRules: over('5000.00 EUR') });
  const order = { total: '1000.00 EUR' };
  // Three checks each: the first asks the module, the others take the fast path and its table.
  for (let i = 0; i < 3; i++) {
    assert.equal(low.can('eshop.order.place', order), false, 'over 100.00 EUR in the first session');
    assert.equal(high.can('eshop.order.place', order), true, 'not over 5000.00 EUR in the second');
  }
  // More distinct texts than a table holds (256), then the first ones again: each as the module says.
  const texts = Array.from({ length: 600 }, (_, i) => `${i * 3}.${String(i % 100).padStart(2, '0')} EUR`);
  for (const text of [...texts, ...texts.slice(0, 50)]) {
    assert.equal(high.can('eshop.order.place', { total: text }), high.explain('eshop.order.place', { total: text }).allowed, text);
  }
  // A text the table refused is refused again (a request error from the module), never remembered as an answer.
  for (let i = 0; i < 2; i++) assert.throws(() => high.can('eshop.order.place', { total: '10.00 USD' }), { name: 'RequestError' });
  low.free();
  high.free();
});

test('attributes a polluted Object.prototype lends a resource are not its own', () => {
  const engine = engineFor('platform');
  const subject = { tenant: 't', tenantKind: 'operator', roles: [{ role: 'workshop_manager', scope: { facility: 'f1' } }] };
  const session = engine.session(subject);
  Object.prototype.facility = 'f1'; // eslint-disable-line no-extend-native
  try {
    assert.equal(engine.can(subject, 'asset.manage', {}), false);
    assert.equal(session.can('asset.manage', {}), false);
    assert.deepEqual(session.canMany(['asset.manage'], [{}]), [[false]]);
  } finally {
    delete Object.prototype.facility;
  }
  assert.equal(session.can('asset.manage', { facility: 'f1' }), true);
  session.free();
});

test('a resource\'s own `hasOwnProperty`, or a replaced `Object.prototype.hasOwnProperty`, never decides which members are its own', () => {
  const engine = engineFor('mytrumpf');
  const rules = [{ id: 'md', action: 'eshop.order.place', when: { total: { over: '5000.00 EUR' } }, tiers: [['managing_director']] }];
  const subject = { tenant: 'acme', roles: ['purchaser'] };
  const session = engine.session(subject, { approvalRules: rules });
  const scoped = engine.session({ tenant: 'acme', roles: [{ role: 'service_engineer', scope: { facility: 'f1' } }] });
  const hidden = (resource) => Object.defineProperty(resource, 'hasOwnProperty', { value: () => false, enumerable: false });
  const resources = [
    { tenant: 'other', total: '10.00 EUR', hasOwnProperty: () => false },
    { total: '9000.00 EUR', hasOwnProperty: () => false },
    hidden({ tenant: 'other', total: '10.00 EUR' }),
    hidden({ total: '9000.00 EUR', facility: 'f2' }),
    { total: '10.00 EUR', hasOwnProperty: 'yes' },
    Object.assign(Object.create(null), { total: '9000.00 EUR' }),
    Object.assign(Object.create(null), { tenant: 'other', total: '10.00 EUR' }),
  ];
  const same = (label) => {
    for (const resource of resources) {
      for (const [s, action] of [[session, 'eshop.order.place'], [scoped, 'service.case.manage']]) {
        const expected = outcome(() => s.explain(action, resource).allowed);
        // Three checks: the first asks the module, the others take the fast path if at all.
        for (let i = 0; i < 3; i++) assert.deepEqual(outcome(() => s.can(action, resource)), expected, `${label}: ${action} on ${Object.keys(resource)}`);
      }
    }
  };
  same('as made');
  const real = Object.prototype.hasOwnProperty;
  Object.prototype.hasOwnProperty = () => true; // eslint-disable-line no-extend-native
  Object.prototype.tenant = 'other'; // eslint-disable-line no-extend-native
  try {
    same('with every member its own, says Object.prototype');
    assert.equal(session.can('eshop.order.place', { total: '10.00 EUR' }), true, 'a lent tenant is not the order\'s');
  } finally {
    Object.prototype.hasOwnProperty = real; // eslint-disable-line no-extend-native
    delete Object.prototype.tenant;
  }
  session.free();
  scoped.free();
});

test('member names the fast path found well-formed are remembered; an ill-formed one is still refused as the module refuses it', () => {
  const engine = engineFor('mytrumpf');
  const session = engine.session({ tenant: 'acme', roles: [{ role: 'service_engineer', scope: { facility: 'f1' } }] });
  const names = Array.from({ length: 40 }, (_, i) => `member${i}`);
  for (const name of names) {
    for (let i = 0; i < 2; i++) assert.equal(session.can('service.case.manage', { facility: 'f1', [name]: 'x' }), session.explain('service.case.manage', { facility: 'f1', [name]: 'x' }).allowed, name);
  }
  for (const name of ['\uD800', 'a\uDFFFb', `${names[0]}\uD800`]) {
    const resource = { facility: 'f1', [name]: 'x' };
    const expected = outcome(() => session.explain('service.case.manage', resource).allowed);
    assert.ok(expected.error, `the module refuses the name ${JSON.stringify(name)}`);
    for (let i = 0; i < 3; i++) assert.deepEqual(outcome(() => session.can('service.case.manage', resource)), expected);
  }
  session.free();
});

test('a freed engine forgets the subjects it remembered', () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const subject = { tenant: 'acme', roles: ['purchaser'] };
  assert.equal(engine.can(subject, 'eshop.order.place'), true);
  engine.free();
  assert.equal(outcome(() => engine.can(subject, 'eshop.order.place')).code, 'freed');
});

test('engine.can remembers subjects by content, not by object, and never mixes them up', () => {
  const engine = engineFor('platform');
  const subject = { tenant: 't', tenantKind: 'operator', roles: [{ role: 'workshop_manager', scope: { facility: 'f1' } }] };
  assert.equal(engine.can(subject, 'asset.manage', { facility: 'f1' }), true);
  subject.roles[0].scope.facility = 'f2'; // changed in place: must not be answered from memory
  assert.equal(engine.can(subject, 'asset.manage', { facility: 'f1' }), false);
  assert.equal(engine.can(subject, 'asset.manage', { facility: 'f2' }), true);
  subject.roles = ['machine_operator'];
  assert.equal(engine.can(subject, 'asset.manage', { facility: 'f2' }), engine.explain(subject, 'asset.manage', { facility: 'f2' }).allowed);
  // Strings that would run together in a naive key are kept apart.
  const a = { tenant: 't', tenantKind: 'operator', modules: [], roles: [{ role: 'workshop_manager', scope: { facility: 'f1' } }] };
  const b = { tenant: 't', tenantKind: 'operator', modules: [], roles: [{ role: 'workshop_manager', scope: { facility: 'f' } }] };
  assert.equal(engine.can(a, 'asset.manage', { facility: 'f1' }), true);
  assert.equal(engine.can(b, 'asset.manage', { facility: 'f1' }), false);
  // A scope's strings never pass for roles, nor roles for modules.
  const flat = { tenant: 't', tenantKind: 'operator', roles: ['workshop_manager', 'facility', 'f1'] };
  assert.equal(outcome(() => engine.can(flat, 'asset.manage', { facility: 'f1' })).code, 'invalid_request');
  const moved = { tenant: 't', tenantKind: 'operator', modules: ['workshop_manager'], roles: [] };
  assert.equal(outcome(() => engine.can(moved, 'asset.manage')).code, 'invalid_request');
});

/** Random subjects of `engine`'s policy (valid and not), resources and actions. */
function arbitraries(engine, kinds) {
  const roles = engine.roles().map((r) => r.id);
  const actions = engine.permissions().map((p) => p.id);
  const text = fc.oneof(fc.constantFrom('f1', 'f2', 'c1', 't', 'other', ''), fc.string({ maxLength: 4 }));
  const scopeKey = fc.constantFrom('facility', 'customer', 'service_org', 'tenant', 'nowhere');
  const scope = fc.dictionary(scopeKey, text, { maxKeys: 3 });
  const assignment = fc.oneof(
    fc.constantFrom(...roles, 'no_such_role'),
    fc.record({ role: fc.constantFrom(...roles), scope: fc.option(scope, { nil: undefined }) }, { requiredKeys: ['role'] }),
  );
  const subject = fc.record(
    {
      id: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(undefined)),
      tenant: fc.constantFrom('t', 'other', ''),
      tenantKind: fc.constantFrom(...kinds, undefined, null),
      modules: fc.subarray(engine.kinds().flatMap((k) => (k.modules ?? []).map((m) => (typeof m === 'string' ? m : m.id)))),
      roles: fc.array(assignment, { maxLength: 4 }),
    },
    { requiredKeys: ['tenant', 'roles'] },
  );
  const resource = fc.oneof(
    fc.constant(undefined),
    fc.dictionary(fc.oneof(scopeKey, fc.constant('extra')), text, { maxKeys: 4 }),
    fc.anything({ maxDepth: 2 }),
  );
  const action = fc.oneof(fc.constantFrom(...actions, 'no.such'), fc.anything({ maxDepth: 1 }));
  return { subject, resource, action };
}

for (const name of ['mytrumpf', 'platform']) {
  test(`random subjects, resources and actions: fast and plain agree (${name})`, () => {
    const engine = engineFor(name);
    const { subject, resource, action } = arbitraries(engine, engine.kinds().map((k) => k.id));
    fc.assert(
      fc.property(subject, resource, action, (s, r, a) => {
        const want = plain(engine, s, a, r);
        assert.deepEqual(outcome(() => engine.can(s, a, r)), want);
        assert.deepEqual(outcome(() => engine.can(s, a, r)), want);
        const session = outcome(() => engine.session(s)).value;
        if (session) {
          assert.deepEqual(outcome(() => session.can(a, r)), want);
          session.free();
        }
      }),
      { numRuns: 3000, seed: 20261122 },
    );
  });
}

test('actions with approval rules: the fast path reads money and compares the rules as the module does', () => {
  const engine = engineFor('mytrumpf');
  const ORDER = 'eshop.order.place';
  const amounts = ['0', '5000', '5000.00', '4999.99', '5000.01', '25000', '-1.00', '-5000.00', '0.5', '.5', '5.', '05000.00', '12.345', '9999999999999.99', '99999999999999.99', '99999999999999', '999999999999999', '1e3', '-', ' 5000 EUR', '5000  EUR'];
  const totals = fc.oneof(
    fc.tuple(fc.constantFrom(...amounts), fc.constantFrom('EUR', 'EUR', 'USD', 'JPY', 'XXX', 'eur', 'EURO', '')).map(([a, c]) => `${a} ${c}`),
    fc.constantFrom(undefined, '', '5000.00EUR', '5000.00 EUR ', '٥٠٠٠ EUR', '5000.00\u00a0EUR'),
    fc.tuple(fc.nat(10_000_000), fc.constantFrom('EUR', 'JPY')).map(([c, code]) => (code === 'EUR' ? `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')} EUR` : `${c} JPY`)),
  );
  const bound = fc.tuple(fc.constantFrom('over', 'atLeast', 'below', 'upTo'), fc.constantFrom('0.00 EUR', '5000.00 EUR', '25000 EUR', '4999.99 EUR', '100 JPY', '90071992547409.92 EUR'));
  const rule = fc.record({
    when: fc.option(fc.uniqueArray(bound, { maxLength: 2, selector: ([k]) => k }), { nil: undefined }),
    requesters: fc.option(fc.subarray(['purchaser', 'operator', 'managing_director'], { minLength: 1 }), { nil: undefined }),
  });
  const subject = fc.record({
    roles: fc.subarray(['purchaser', 'operator', 'managing_director', 'programmer'], { minLength: 1 }).map((roles) =>
      roles.map((role) => (role === 'operator' ? { role, scope: { facility: 'f1' } } : role)),
    ),
  });
  let fastAnswers = 0;
  fc.assert(
    fc.property(fc.array(rule, { maxLength: 3 }), subject, fc.array(fc.record({ total: totals, facility: fc.constantFrom('f1', 'f2', undefined), tenant: fc.constantFrom(undefined, 'acme', 'other') }), { minLength: 1, maxLength: 6 }), (rules, { roles }, resources) => {
      const approvalRules = rules.map((r, i) => ({
        id: `r${i}`,
        action: ORDER,
        tiers: [['managing_director']],
        ...(r.when ? { when: { total: Object.fromEntries(r.when) } } : {}),
        ...(r.requesters ? { requesters: r.requesters } : {}),
      }));
      const who = { id: 'anna', tenant: 'acme', roles };
      let session;
      try {
        session = engine.session(who, { approvalRules });
      } catch (error) {
        // Rules that do not fit (bounds that exclude each other, currencies that differ) are an error either way.
        assert.equal(error.name, 'RequestError');
        return;
      }
      session.can('eshop.order.request');
      session.can('eshop.order.request');
      for (const raw of resources) {
        const resource = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
        const fresh = engine.session(who, { approvalRules });
        const module = outcome(() => fresh.can(ORDER, resource));
        const fast = outcome(() => session.can(ORDER, resource));
        assert.deepEqual(fast, module, `${JSON.stringify(approvalRules)} ${JSON.stringify(roles)} ${JSON.stringify(resource)}`);
        assert.deepEqual(outcome(() => session.canMany([ORDER, 'eshop.order.request'], [resource]).map((row) => row[0])), 'value' in module ? { value: [module.value] } : outcome(() => fresh.canMany([ORDER], [resource]).map((row) => row[0])));
        if ('value' in module) fastAnswers++;
        fresh.free();
      }
      session.free();
    }),
    { seed: 20261202, numRuns: 400 },
  );
  assert.ok(fastAnswers > 500, `answers compared: ${fastAnswers}`);
});
