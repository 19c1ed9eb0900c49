// The shared vectors (tests/vectors/*.json) through the package's public API: the same
// expectations the native Rust tests and the wasm-bindgen tests check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyEngine, PolicyError, RequestError } from 'rolegate';
import { vectors } from './helpers.mjs';

const engineFor = (policy) => (typeof policy === 'string' ? PolicyEngine.builtin(policy) : new PolicyEngine(policy));

for (const file of ['decisions_mytrumpf.json', 'decisions_platform.json', 'decisions_scopes.json']) {
  test(`decision vectors: ${file}`, () => {
    const { policy, cases } = vectors(file);
    const engine = engineFor(policy);
    for (const { name, subject, action, resource, expect } of cases) {
      assert.equal(engine.can(subject, action, resource), expect.allowed, `${name}: engine.can`);
      const session = engine.session(subject);
      assert.equal(session.can(action, resource), expect.allowed, `${name}: session.can`);
      for (const lang of ['en', 'de']) {
        const explanation = engine.explain(subject, action, resource, lang);
        assert.deepEqual(session.explain(action, resource, lang), explanation, `${name}: engine and session agree`);
        assert.equal(explanation.allowed, expect.allowed, name);
        assert.equal(explanation.code, expect.code, name);
        if (expect.grantedBy) assert.deepEqual(explanation.grantedBy, expect.grantedBy, `${name}: grantedBy`);
        if (expect.grantingRoles) assert.deepEqual(explanation.grantingRoles, expect.grantingRoles, `${name}: grantingRoles`);
        if (expect.blocked) {
          assert.deepEqual(explanation.blocked.map(({ role, reason }) => ({ role, reason })), expect.blocked, `${name}: blocked`);
        }
        const part = expect.messageContains?.[lang];
        if (part) assert.ok(explanation.message.includes(part), `${name}: ${explanation.message} should contain ${part}`);
      }
      session.free();
    }
  });
}

test('subject error vectors', () => {
  for (const { name, policy, subject, expect } of vectors('subject_errors.json').cases) {
    const engine = engineFor(policy);
    for (const attempt of [() => engine.session(subject), () => engine.can(subject, 'profile.view'), () => engine.explain(subject, 'x')]) {
      assert.throws(attempt, (error) => {
        assert.ok(error instanceof RequestError && error instanceof TypeError, name);
        assert.equal(error.code, expect.error, name);
        assert.deepEqual(error.problems.map(({ code, path }) => ({ code, path })), expect.problems.map(({ code, path }) => ({ code, path })), name);
        for (const [i, want] of expect.problems.entries()) {
          if (want.messageContains) assert.ok(error.problems[i].message.includes(want.messageContains), `${name}: ${error.problems[i].message}`);
          assert.ok(error.problems[i].messages.de.length > 0, `${name}: German message`);
        }
        return true;
      });
    }
  }
});

test('invalid policy vectors, as JS objects and as JSON text', () => {
  for (const { name, policy, policyText, expect } of vectors('invalid_policies.json').cases) {
    // A document is given both ways: as the object, read through serde-wasm-bindgen, and as its
    // text, read by serde_json in the module (the Node build); the same problems either way.
    const forms = policyText === undefined ? [policy, JSON.stringify(policy)] : [policyText];
    for (const form of forms) {
      const how = `${name} (${typeof form === 'string' ? 'text' : 'object'})`;
      assert.throws(
        () => new PolicyEngine(form),
        (error) => {
          assert.ok(error instanceof PolicyError, how);
          assert.equal(error.code, 'invalid_policy');
          assert.deepEqual(error.problems.map(({ code, path }) => ({ code, path })), expect.map(({ code, path }) => ({ code, path })), how);
          expect.forEach((want, i) => {
            if (want.messageContains) assert.ok(error.problems[i].message.includes(want.messageContains), `${how}: ${error.problems[i].message}`);
          });
          return true;
        },
      );
    }
  }
});

test('lint vectors', () => {
  for (const { name, policy, expect } of vectors('lint.json').cases) {
    const findings = new PolicyEngine(policy).lint();
    const key = (f) => `${f.code} ${f.severity} ${f.path}`;
    assert.deepEqual(findings.map(key).sort(), expect.map(key).sort(), name);
  }
});

test('the mytrumpf matrix, cell by cell', () => {
  const { roles, rows } = vectors('matrices.json').mytrumpf;
  const matrix = PolicyEngine.builtin('mytrumpf').matrix();
  assert.deepEqual(matrix.roles.map((r) => r.id), roles);
  for (const [permission, marks] of Object.entries(rows)) {
    roles.forEach((role, i) => {
      const want = { '✔': 'direct', '(✔)': 'implied', '–': undefined }[marks[i]];
      assert.equal(matrix.cells[role][permission], want, `${role} / ${permission}`);
    });
  }
});

test('approval vectors (approvals.json): decisions, plans, every step of a request, awaiting', async () => {
  const { planAllows } = await import('rolegate');
  const all = vectors('approvals.json');
  const engineOf = (c) => engineFor(all.policies[c.policy] ?? c.policy);
  const org = (c) => all.orgs[c.org];
  const sessionOf = (engine, c) => (c.member ? engine.memberSession(org(c), c.member) : engine.session(c.subject, { approvalRules: c.rules }));
  for (const c of all.decisions) {
    const engine = engineOf(c);
    if (c.expect.error) {
      let session;
      try {
        session = sessionOf(engine, c);
      } catch (error) {
        // A tenant's rules that do not fit the policy: the session is refused, naming the rule.
        assert.ok(error instanceof RequestError, c.name);
        assert.deepEqual([error.problems[0].code, error.problems[0].path], [c.expect.error.code, c.expect.error.path], c.name);
        continue;
      }
      for (const attempt of [() => session.decide(c.action, c.resource), () => session.can(c.action, c.resource)]) {
        assert.throws(attempt, (error) => {
          assert.ok(error instanceof RequestError, c.name);
          assert.deepEqual([error.problems[0].code, error.problems[0].path], [c.expect.error.code, c.expect.error.path], c.name);
          return true;
        });
      }
      assert.equal(session.explain(c.action, c.resource).code, 'invalid_attribute', `${c.name}: explained`);
      continue;
    }
    const session = sessionOf(engine, c);
    const decision = session.decide(c.action, c.resource);
    const { messageContains, grantedBy, ...want } = c.expect;
    assert.deepEqual(decision, want, c.name);
    assert.equal(session.can(c.action, c.resource), decision.effect === 'allow', `${c.name}: can is effect === 'allow'`);
    if (!c.member && !c.rules) assert.deepEqual(engine.decide(c.subject, c.action, c.resource), want, `${c.name}: engine.decide`);
    for (const lang of ['en', 'de']) {
      const explanation = session.explain(c.action, c.resource, lang);
      assert.deepEqual([explanation.effect, explanation.code], [want.effect, want.code], `${c.name}: explained`);
      if (grantedBy) assert.deepEqual(explanation.grantedBy, grantedBy, `${c.name}: grantedBy`);
      if (messageContains?.[lang]) assert.ok(explanation.message.includes(messageContains[lang]), `${c.name}: ${explanation.message}`);
    }
    session.free();
  }
  for (const c of all.plans) {
    const session = sessionOf(engineOf(c), c);
    const plan = session.plan(c.action);
    assert.deepEqual(plan, c.expect, c.name);
    for (const [list, allowed] of [['allowed', true], ['denied', false]]) {
      for (const r of c[list]) {
        let can;
        try {
          can = session.can(c.action, r);
        } catch (error) {
          assert.ok(error instanceof RequestError, `${c.name}: ${JSON.stringify(r)}`);
          can = false;
        }
        assert.equal(can, allowed, `${c.name}: can ${JSON.stringify(r)}`);
        if (can) assert.equal(planAllows(plan, r), true, `${c.name}: the plan allows ${JSON.stringify(r)}`);
      }
    }
  }
  for (const c of all.lifecycle) {
    const engine = engineOf(c);
    let current;
    for (const entry of c.steps) {
      if (entry.eligible) {
        assert.deepEqual(engine.eligibleApprovers(org(c), current).map((m) => m.id), entry.expect, `${c.name}: eligible`);
        continue;
      }
      const answer = entry.submit
        ? engine.submit(org(c), entry.submit.requester, entry.submit.action, entry.submit.resource, { id: entry.submit.id, now: entry.now })
        : engine.step(org(c), entry.request ?? current, entry.actor, entry.step, entry.now);
      assert.equal(answer.ok, entry.expect.ok, `${c.name}: ${JSON.stringify(answer)}`);
      if (answer.ok) {
        assert.deepEqual(answer.request, entry.expect.request, `${c.name}: the request`);
        current = answer.request;
      } else {
        const pairs = (list) => list.map(({ code, path }) => ({ code, path }));
        assert.deepEqual(pairs(answer.violations), pairs(entry.expect.violations), c.name);
        for (const v of answer.violations) assert.ok(v.messages.en && v.messages.de, `${c.name}: ${v.code} in both languages`);
      }
    }
  }
  for (const c of all.awaiting) {
    const plan = engineOf(c).awaiting(org(c), c.member, c.action);
    assert.deepEqual(plan, c.expect, c.name);
    for (const [list, allowed] of [['allowed', true], ['denied', false]]) {
      for (const slot of c[list]) assert.equal(planAllows(plan, slot), allowed, `${c.name}: ${JSON.stringify(slot)}`);
    }
  }
});
