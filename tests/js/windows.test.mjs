// Time-bound role assignments through the package: the shared vectors (tests/vectors/windows.json)
// decided at each case's instant, given as text and as a Date; one-off calls and sessions without
// `at` decide at the current time, and a session follows the clock past `validUntil`.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { PolicyEngine, RequestError } from 'rolegate';
import { vectors } from './helpers.mjs';

const windows = vectors('windows.json');
const engine = PolicyEngine.builtin(windows.policy);

test('window vectors: decisions, explanations and validUntil at each case\'s instant', () => {
  for (const { name, subject, action, resource, at, expect } of windows.decisions) {
    for (const when of [at, new Date(at)]) {
      const session = engine.session(subject, { at: when });
      assert.equal(session.can(action, resource), expect.allowed, `${name}: can`);
      assert.equal(session.decide(action, resource).code, expect.code, `${name}: decide`);
      assert.equal(session.validUntil === null ? null : session.validUntil.toISOString().replace('.000Z', 'Z'), expect.validUntil, `${name}: validUntil`);
      for (const lang of ['en', 'de']) {
        const explanation = session.explain(action, resource, lang);
        assert.equal(explanation.code, expect.code, name);
        if (expect.grantedBy) assert.deepEqual(explanation.grantedBy, expect.grantedBy, `${name}: grantedBy`);
        if (expect.blocked) assert.deepEqual(explanation.blocked.map(({ role, reason }) => ({ role, reason })), expect.blocked, `${name}: blocked`);
        if (expect.grantingRoles) assert.deepEqual(explanation.grantingRoles, expect.grantingRoles, `${name}: grantingRoles`);
        const part = expect.messageContains?.[lang];
        if (part) assert.ok(explanation.message.includes(part), `${name}: ${explanation.message} should contain ${part}`);
      }
      // A second check goes through the fast path's grants: the same answer.
      assert.equal(session.can(action, resource), expect.allowed, `${name}: can, again`);
      session.free();
    }
  }
});

test('window vectors: plans and errors', () => {
  for (const { name, subject, action, at, expect } of windows.plans) {
    assert.deepEqual(engine.session(subject, { at }).plan(action), expect, name);
  }
  for (const { name, subject, at, expect } of windows.errors) {
    assert.throws(
      () => engine.session(subject, { at }),
      (error) => {
        assert.ok(error instanceof RequestError, name);
        assert.equal(error.code, expect.error, name);
        assert.deepEqual(error.problems.map(({ code, path }) => ({ code, path })), expect.problems, name);
        return true;
      },
    );
  }
});

test('organizations and operations refuse windows (timed_assignment), never read them as untimed', () => {
  const { org, snapshots, operations } = windows.admin;
  for (const { name, org: timed, expect } of snapshots) {
    assert.throws(
      () => engine.whoCan(timed, 'eshop.order.release'),
      (error) => error instanceof RequestError && error.code === 'invalid_org' && JSON.stringify(error.problems.map(({ code, path }) => ({ code, path }))) === JSON.stringify(expect),
      name,
    );
  }
  for (const { name, actor, now, operation, expect } of operations) {
    const answer = engine.apply(org, actor, operation, now);
    assert.equal(answer.ok, false, name);
    assert.deepEqual(answer.violations.map(({ code, path }) => ({ code, path })), expect, name);
  }
});

test('without `at`, decisions are for the current time', () => {
  const hour = 3600 * 1000;
  const iso = (ms) => new Date(ms).toISOString();
  const ending = { tenant: 'acme', roles: [{ role: 'purchaser', until: iso(Date.now() + hour) }] };
  const ended = { tenant: 'acme', roles: [{ role: 'purchaser', until: iso(Date.now() - hour) }] };
  const ahead = { tenant: 'acme', roles: [{ role: 'purchaser', from: iso(Date.now() + hour) }] };
  assert.equal(engine.can(ending, 'admin.users.invite'), true);
  assert.equal(engine.can(ended, 'admin.users.invite'), false);
  assert.equal(engine.decide(ended, 'admin.users.invite').code, 'outside_window');
  assert.equal(engine.explain(ahead, 'admin.users.invite').code, 'outside_window');
  assert.equal(engine.plan(ahead, 'admin.users.invite').code, 'outside_window');
  // Many one-off checks of the same subject: every answer is the module's, at the time of asking.
  for (let i = 0; i < 5; i++) assert.equal(engine.can(ended, 'admin.users.invite'), false);
  const session = engine.session(ending);
  assert.ok(session.validUntil instanceof Date);
  // Whole seconds: the fraction of the end's second is dropped.
  assert.equal(session.validUntil.getTime(), Math.floor(Date.parse(ending.roles[0].until) / 1000) * 1000);
  assert.equal(engine.session({ tenant: 'acme', roles: ['purchaser'] }).validUntil, null);
});

test('a session made without `at` follows the clock: when a window ends, the role stops counting', (t) => {
  t.after(() => mock.timers.reset());
  mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-14T23:59:00Z') });
  const subject = { tenant: 'acme', roles: ['operator', { role: 'purchaser', from: '2026-12-01T00:00:00Z', until: '2026-12-15T00:00:00Z' }] };
  const session = engine.session(subject);
  // The caller's object may change afterwards: the session keeps what it was given.
  subject.roles.push('managing_director');
  for (let i = 0; i < 3; i++) assert.equal(session.can('admin.users.invite'), true, 'inside the window (module, then fast path)');
  assert.equal(session.validUntil.toISOString(), '2026-12-15T00:00:00.000Z');
  mock.timers.tick(60 * 1000);
  assert.equal(session.can('admin.users.invite'), false, 'at its end the role no longer counts');
  assert.equal(session.canMany(['admin.users.invite', 'service.case.manage'])[0].join(), 'false,true');
  assert.equal(session.explain('admin.users.invite').code, 'outside_window');
  assert.equal(session.validUntil, null, 'nothing changes any more');
  // A session decided at a given instant stays at it.
  const fixed = engine.session(subject, { at: '2026-12-10T00:00:00Z' });
  assert.equal(fixed.can('admin.users.invite'), true);
  assert.equal(fixed.validUntil.toISOString(), '2026-12-15T00:00:00.000Z');
});

test('`options.at` that is not a time is refused, naming it', () => {
  const subject = { tenant: 'acme', roles: ['purchaser'] };
  for (const [at, code] of [['next Tuesday', 'invalid_time'], ['2026-12-10', 'invalid_time'], [new Date(Number.NaN), 'invalid_argument'], [5, 'invalid_argument'], [{}, 'invalid_argument']]) {
    assert.throws(
      () => engine.session(subject, { at }),
      (error) => error instanceof RequestError && error.problems[0].code === code && error.problems[0].path === 'options.at',
      String(at),
    );
  }
});
