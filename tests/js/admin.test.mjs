// The administration vectors (tests/vectors/admin.json) through the package's public API — the
// same transitions, violations, queries and lint findings the native tests check — and the JS
// layer's own handling of organizations, operations and times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyEngine, RequestError } from 'rolegate';
import { vectors } from './helpers.mjs';

const engineFor = (policy) => (typeof policy === 'string' ? PolicyEngine.builtin(policy) : new PolicyEngine(policy));
const admin = vectors('admin.json');
const orgOf = (c) => c.orgDocument ?? admin.orgs[c.org];
const codesAndPaths = (list) => list.map(({ code, path }) => ({ code, path }));

test('administration vectors: every transition and every refusal', () => {
  for (const c of admin.cases) {
    const engine = engineFor(c.policy);
    const org = structuredClone(orgOf(c));
    const result = engine.apply(org, c.actor, c.operation, c.now);
    assert.deepEqual(org, orgOf(c), `${c.name}: the input is never changed`);
    assert.equal(result.ok, c.expect.ok, `${c.name}: ${JSON.stringify(result.violations)}`);
    if (c.expect.ok) {
      assert.deepEqual(result.org, c.expect.org, c.name);
      assert.deepEqual(result.created, c.expect.created, `${c.name}: the created tenant`);
    } else {
      assert.deepEqual(codesAndPaths(result.violations), c.expect.violations, c.name);
      const german = engine.apply(org, c.actor, c.operation, c.now, 'de');
      for (const [i, v] of result.violations.entries()) {
        assert.equal(v.message, v.messages.en, `${c.name}: English by default`);
        assert.equal(german.violations[i].message, v.messages.de, `${c.name}: German when asked`);
        assert.notEqual(v.messages.en, v.messages.de, `${c.name}: both languages`);
      }
    }
  }
});

test('organization queries', () => {
  for (const q of admin.queries) {
    const engine = engineFor(q.policy);
    const loaded = engine.organization(orgOf(q));
    const ask = {
      admins: [() => engine.admins(orgOf(q)), () => loaded.admins()],
      whoCan: [() => engine.whoCan(orgOf(q), q.action, q.resource), () => loaded.whoCan(q.action, q.resource)],
      whoCanAnywhere: [() => engine.whoCan(orgOf(q), q.action, undefined, { anywhere: true }), () => loaded.whoCan(q.action, undefined, { anywhere: true })],
    }[q.query];
    if (q.error) {
      for (const fn of ask) {
        assert.throws(fn, (e) => e instanceof RequestError && e.code === 'invalid_request' && e.problems[0].code === q.error.code && e.problems[0].path === q.error.path && e.problems[0].message === q.error.message, q.name);
      }
    } else {
      const answer = ask[0]();
      assert.deepEqual(answer.map(({ id, roles }) => ({ id, roles })), q.expect, q.name);
      assert.deepEqual(ask[1](), answer, `${q.name}: loaded once`);
    }
    loaded.free();
  }
  const engine = engineFor('mytrumpf');
  const org = orgOf(admin.queries[0]);
  assert.throws(() => engine.whoCan(org, 'service.case.manage', { facility: 'f1' }, { anywhere: true }), (e) => e instanceof RequestError && e.problems[0].path === 'options.anywhere');
  assert.throws(() => engine.whoCan(org, 'service.case.manage', undefined, { anywhere: 'yes' }), (e) => e instanceof RequestError && /must be true or false/.test(e.message));
});

test('onboarding queries: the companies a provider invited, and who invited a tenant', () => {
  for (const q of admin.onboarding) {
    const engine = engineFor(q.policy);
    const answer = q.query === 'customers' ? engine.customers(orgOf(q), q.now) : engine.invitedBy(orgOf(q));
    assert.deepEqual(answer, q.expect, q.name);
  }
  const engine = PolicyEngine.builtin('platform');
  const servo = admin.orgs.servo;
  assert.deepEqual(engine.customers(servo, new Date('2026-11-22T12:00:00Z')), engine.customers(servo, '2026-11-22T12:00:00Z'), 'a Date');
  assert.throws(() => engine.customers(servo, 'soon'), (e) => e.code === 'invalid_org' || e.code === 'invalid_request');
  assert.throws(() => engine.invitedBy({ tenant: 'x', kind: 'zoo', members: [] }), (e) => e.code === 'invalid_org');
});

test('onboarding end to end: a provider invites, the invitee founds the tenant and administers it', () => {
  const engine = PolicyEngine.builtin('platform');
  const now = '2026-11-22T12:00:00Z';
  const invite = { op: 'inviteTenant', tenant: 'east', kind: 'operator', company: 'East Forge', email: 'eve@east.example', name: 'Eve Ost' };
  const sent = engine.apply(admin.orgs.servo, 'cora', invite, now);
  assert.equal(sent.ok, true);
  assert.equal(sent.created, undefined, 'inviting creates nothing yet');
  const id = sent.org.tenantInvitations.at(-1).id;
  const accepted = engine.apply(sent.org, 'eve@east.example', { op: 'acceptTenantInvitation', invitation: id }, now);
  assert.equal(accepted.ok, true);
  const east = accepted.created;
  assert.deepEqual(engine.admins(east).map((m) => m.email), ['eve@east.example']);
  assert.deepEqual(engine.invitedBy(east), { tenant: 'servo', kind: 'service_provider', invitation: id, since: now });
  assert.equal(engine.customers(accepted.org, now).find((c) => c.tenant === 'east').status, 'onboarded');
  // The founder administers the new tenant at once, and holds nothing at the provider.
  const eve = engine.memberSession(east, east.members[0].id);
  assert.equal(eve.can('tenant_user.invite'), true);
  assert.equal(eve.can('tenant_user.invite', { tenant: 'servo' }), false);
  // Used once.
  const again = engine.apply(accepted.org, 'eve@east.example', { op: 'acceptTenantInvitation', invitation: id }, now, 'de');
  assert.deepEqual(codesAndPaths(again.violations), [{ code: 'invitation_used', path: 'operation.invitation' }]);
  assert.match(again.violations[0].message, /bereits verwendet/);
});

test('an organization loaded once answers as the engine does, and says what is wrong with it', () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const members = Array.from({ length: 3000 }, (_, i) => ({
    id: `m${i}`,
    email: `m${i}@acme.example`,
    name: `M ${i}`,
    status: i % 7 === 0 ? 'pending' : 'active',
    roles: i % 3 === 0 ? ['operator'] : i % 3 === 1 ? ['purchaser'] : [{ role: 'service_engineer', scope: { facility: `f${i % 5}` } }],
  }));
  const org = { tenant: 'acme', kind: 'customer', members };
  const loaded = engine.organization(org);
  assert.deepEqual(loaded.org(), engine.organization(loaded.org()).org(), 'the snapshot round-trips');
  for (const [action, resource] of [['eshop.order.release'], ['service.case.manage', { facility: 'f2' }]]) {
    assert.deepEqual(loaded.whoCan(action, resource), engine.whoCan(org, action, resource), action);
    assert.deepEqual(loaded.whoCan(action, undefined, { anywhere: true }), engine.whoCan(org, action, undefined, { anywhere: true }), `${action} anywhere`);
  }
  for (const ask of [() => loaded.whoCan('no.such.action'), () => engine.whoCan(org, 'no.such.action')]) {
    assert.throws(ask, (e) => e instanceof RequestError && e.problems[0].code === 'unknown_action' && e.problems[0].path === 'action');
  }
  assert.deepEqual(loaded.admins(), engine.admins(org));
  assert.deepEqual(loaded.myData('m1'), engine.myData(org, 'm1'));
  assert.equal(loaded.memberSession('m1').can('eshop.order.release'), true);
  assert.throws(() => loaded.memberSession('m7'), (e) => e.code === 'invalid_org' && e.problems[0].code === 'not_permitted');
  assert.throws(() => loaded.whoCan(5), (e) => e instanceof RequestError && e.problems[0].path === 'action');
  loaded.free();
  assert.throws(() => loaded.whoCan('eshop.order.release'), (e) => e.code === 'freed');
  const twice = { ...org, members: [members[1], members[1]] };
  assert.throws(() => engine.organization(twice), (e) => e.code === 'invalid_org' && e.problems[0].code === 'duplicate_member');
  assert.throws(() => engine.organization('acme'), (e) => e instanceof RequestError && e.problems[0].path === 'org');
});

test('organization lint', () => {
  for (const l of admin.lint) {
    const findings = engineFor(l.policy).lintOrg(orgOf(l), { now: l.now });
    assert.deepEqual(findings.map(({ code, severity, path }) => ({ code, severity, path })), l.expect, l.name);
    for (const f of findings) assert.ok(f.message.length > 0, `${l.name}: a message`);
  }
});

test('approver coverage: one purchaser and three operators are warned; a production manager clears it', () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const member = (id, role) => ({ id, email: `${id}@acme.example`, name: id, status: 'active', roles: [role] });
  const org = { tenant: 'acme', kind: 'customer', members: [member('anna', 'purchaser'), member('o1', 'operator'), member('o2', 'operator'), member('o3', 'operator')] };
  assert.deepEqual(engine.whoCan(org, 'eshop.order.release').map((m) => m.name), ['anna']);
  const warning = engine.lintOrg(org, { lang: 'de' }).find((f) => f.code === 'approver_coverage');
  assert.ok(warning && warning.severity === 'warning', 'warned');
  org.members.push(member('paul', 'production_manager'));
  assert.deepEqual(engine.whoCan(org, 'eshop.order.release').map((m) => m.id), ['anna', 'paul']);
  assert.ok(!engine.lintOrg(org).some((f) => f.code === 'approver_coverage'), 'cleared');
});

test('My data and member sessions count the tenant\'s own roles', () => {
  const engine = PolicyEngine.builtin('platform');
  const org = admin.orgs.steel;
  const lead = org.members.find((m) => m.roles.includes('shift_lead'));
  const mine = engine.myData(org, lead.id);
  assert.equal(mine.member.id, lead.id);
  assert.deepEqual(mine.administrators.map((a) => a.id), engine.admins(org).map((a) => a.id));
  assert.ok(mine.permissions.some((p) => p.id === 'facility.manage'));
  const session = engine.memberSession(org, lead.id);
  assert.equal(session.tenant, org.tenant);
  assert.equal(session.can('facility.manage'), true);
  session.free();
});

test('apply: now may be a Date or left out; the result is a new snapshot that applies again', () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const org = admin.orgs.acme;
  const invite = { op: 'invite', email: 'neu@acme.example', name: 'Neu' };
  const byDate = engine.apply(org, 'anna', invite, new Date('2026-11-22T12:00:00Z'));
  assert.equal(byDate.ok, true);
  assert.equal(byDate.org.invitations.at(-1).expiresAt, '2026-12-22T12:00:00Z');
  const byNow = engine.apply(org, 'anna', invite);
  assert.equal(byNow.ok, true);
  assert.ok(Date.parse(byNow.org.invitations.at(-1).expiresAt) > Date.now(), 'expires in the future');
  const invitation = byDate.org.invitations.at(-1).id;
  const accepted = engine.apply(byDate.org, 'neu@acme.example', { op: 'acceptInvitation', invitation }, '2026-11-23T08:00:00Z');
  assert.equal(accepted.ok, true);
  assert.equal(accepted.org.members.find((m) => m.email === 'neu@acme.example').status, 'active');
  const again = engine.apply(accepted.org, 'neu@acme.example', { op: 'acceptInvitation', invitation }, '2026-11-23T08:00:00Z');
  assert.deepEqual(codesAndPaths(again.violations), [{ code: 'invitation_used', path: 'operation.invitation' }]);
});

test('bad organizations, operations and arguments throw RequestError naming the field', () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const org = admin.orgs.acme;
  const fails = (attempt, code, path) =>
    assert.throws(attempt, (e) => {
      assert.ok(e instanceof RequestError, String(e));
      assert.equal(e.code, code);
      assert.ok(e.problems.some((p) => p.path === path), `${path} in ${JSON.stringify(e.problems)}`);
      return true;
    });
  fails(() => engine.apply({ tenant: 'acme', kind: 'customer', members: [{ id: 1 }] }, 'anna', { op: 'approve', member: 'x' }), 'invalid_request', 'org.members[0].id');
  fails(() => engine.apply(org, 'anna', { op: 'promote', member: 'paul' }), 'invalid_request', 'operation.op');
  fails(() => engine.apply(org, 'anna', 'approve paul'), 'invalid_request', 'op');
  fails(() => engine.apply(org, 42, { op: 'approve', member: 'paul' }), 'invalid_request', 'actorId');
  fails(() => engine.apply(org, 'anna', { op: 'approve', member: 'paul' }, 1700000000), 'invalid_request', 'now');
  fails(() => engine.apply(org, 'anna', { op: 'approve', member: 'paul' }, new Date('nonsense')), 'invalid_request', 'now');
  fails(() => engine.apply(org, 'anna', { op: 'approve', member: 'paul' }, undefined, 'fr'), 'invalid_request', 'lang');
  fails(() => engine.admins({ tenant: 'acme', kind: 'zoo', members: [] }), 'invalid_org', 'org.kind');
  fails(() => engine.lintOrg(org, { now: 'yesterday' }), 'invalid_org', 'now');
  fails(() => engine.myData(org, 'nobody'), 'invalid_org', 'member');
  fails(() => engine.memberSession(org, 'nobody'), 'invalid_org', 'member');
  // A snapshot that parses but does not fit is a refusal from apply, like any other violation.
  const refused = engine.apply({ ...org, kind: 'zoo' }, 'anna', { op: 'approve', member: 'paul' }, '2026-11-22T12:00:00Z');
  assert.deepEqual(codesAndPaths(refused.violations), [{ code: 'unknown_tenant_kind', path: 'org.kind' }]);
});
