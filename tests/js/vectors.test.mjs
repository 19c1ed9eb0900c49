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
