// The two browser builds in real headless Chromium: the lean `rolegate/web` (what gated pages
// load) decides, explains, lints and refuses administration with `not_in_build`; the full
// `rolegate/web/full`, and `rolegate/full` as bundlers take it (the module inside), administer:
// the shared administration vectors give the same answers there as in Node and natively; both
// plan (the plan vectors, with planToSql and filter).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch } from './browser.mjs';
import { root } from './helpers.mjs';

const page = (entry) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>${entry}</title>
<script type="module">
  import init, * as rolegate from '/pkg/web/${entry}';
  await init();
  window.rolegate = rolegate;
  window.ready = true;
</script>`;

// A page that asks for an engine before the module is there, then after: every way to an
// engine throws `not_initialized` at once (never an engine that fails closed for good), and works
// once `ready()` resolved; an engine without a policy still answers fingerprint, id and loaded.
const early = (entry) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>early ${entry}</title>
<script type="module">
  import * as rolegate from '/pkg/web/${entry}';
  const doc = ${readFileSync(join(root, 'examples/policy/shop.json'), 'utf8')};
  const attempt = (fn) => {
    try {
      const engine = fn();
      return { ok: true, loaded: engine.loaded };
    } catch (e) {
      return { ok: false, code: e.code, message: e.message };
    }
  };
  const tries = () => ({
    load: attempt(() => rolegate.PolicyEngine.load(doc)),
    construct: attempt(() => new rolegate.PolicyEngine(doc)),
    text: attempt(() => new rolegate.PolicyEngine('{')),
    builtin: attempt(() => rolegate.PolicyEngine.builtin('mytrumpf')),
  });
  const before = tries();
  await rolegate.ready();
  const after = tries();
  const failed = rolegate.PolicyEngine.load('{"broken":');
  window.result = { before, after, failed: { loaded: failed.loaded, fingerprint: failed.fingerprint, id: failed.id, can: failed.can({ tenant: 't', roles: [] }, 'x') } };
  window.ready = true;
</script>`;

let env;
before(async () => {
  env = await launch({
    '/lean.html': page('rolegate.js'),
    '/full.html': page('rolegate_full.js'),
    '/early-lean.html': early('rolegate.js'),
    '/early-full.html': early('rolegate_full.js'),
    '/early-bundler.html': early('auto.js'),
    // `rolegate/full` for bundlers: the full build with its module inside; its default export is `ready`.
    '/bundler-full.html': page('auto-full.js'),
    '/early-bundler-full.html': early('auto-full.js'),
  });
});

test('every browser build: an engine asked for before ready() throws not_initialized at once, and works after', async () => {
  for (const path of ['/early-lean.html', '/early-full.html', '/early-bundler.html', '/early-bundler-full.html']) {
    const { page, errors } = await open(path);
    const { before, after, failed } = await page.evaluate(() => window.result);
    for (const [way, answer] of Object.entries(before)) {
      assert.deepEqual([answer.ok, answer.code], [false, 'not_initialized'], `${path}: ${way} before ready()`);
      assert.match(answer.message, /await ready\(\)/, `${path}: ${way}`);
    }
    assert.deepEqual(after.load, { ok: true, loaded: true }, `${path}: load after ready()`);
    assert.deepEqual(after.construct, { ok: true, loaded: true }, `${path}: new after ready()`);
    assert.equal(after.text.code, 'invalid_policy', `${path}: bad text after ready() is the policy's error`);
    assert.deepEqual(after.builtin, { ok: true, loaded: true }, `${path}: builtin after ready()`);
    assert.deepEqual(failed, { loaded: false, fingerprint: '', id: '', can: false }, `${path}: a fail-closed engine answers without throwing`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
after(async () => {
  await env?.close();
});

async function open(path) {
  const opened = await env.open(path);
  await opened.page.waitForFunction(() => window.ready === true);
  return opened;
}

test('lean build: decisions, explanations, sessions, the fingerprint and policy text; administration, the matrix and the linter are not in it', async () => {
  const { page, errors } = await open('/lean.html');
  const result = await page.evaluate(() => {
    const { PolicyEngine, RolegateError } = window.rolegate;
    const engine = PolicyEngine.builtin('mytrumpf');
    const subject = { id: 'u', tenant: 'acme', roles: ['purchaser'] };
    const notInBuild = (fn) => {
      try {
        fn();
        return undefined;
      } catch (e) {
        return { isRolegateError: e instanceof RolegateError, code: e.code, message: e.message };
      }
    };
    const fromText = new PolicyEngine(JSON.stringify(engine.policy()));
    let badText;
    try {
      new PolicyEngine('{"version": 1,');
    } catch (e) {
      badText = { name: e.name, code: e.code, problem: e.problems[0].code, path: e.problems[0].path };
    }
    return {
      can: engine.can(subject, 'eshop.order.release'),
      explained: engine.explain({ ...subject, roles: ['operator'] }, 'eshop.order.release', undefined, 'de').code,
      sessionMany: engine.session(subject).canMany(['eshop.order.release', 'eshop.order.place'], [undefined, { facility: 'f1' }]),
      sameFingerprint: fromText.fingerprint === engine.fingerprint,
      badText,
      thrown: [
        notInBuild(() => engine.apply({ tenant: 'acme', kind: 'customer', members: [] }, 'u', { op: 'approve', member: 'x' })),
        notInBuild(() => engine.matrix()),
      ],
      lint: notInBuild(() => engine.lint()),
      stillWorks: engine.can(subject, 'eshop.order.release'),
    };
  });
  assert.equal(result.can, true);
  assert.equal(result.explained, 'not_granted');
  assert.deepEqual(result.sessionMany, [[true, true], [true, true]]);
  assert.equal(result.sameFingerprint, true, 'a policy given as text is the same policy');
  assert.deepEqual(result.badText, { name: 'PolicyError', code: 'invalid_policy', problem: 'json_syntax', path: '$' });
  for (const thrown of result.thrown) {
    assert.equal(thrown.isRolegateError, true);
    assert.equal(thrown.code, 'not_in_build');
    assert.match(thrown.message, /rolegate\/web\/full/);
  }
  assert.deepEqual([result.lint.code, /Node build/.test(result.lint.message)], ['not_in_build', true], 'the policy linter is for authors: Node');
  assert.equal(result.stillWorks, true);
  assert.deepEqual(errors, []);
});

test('lean build: every invalid policy vector refused alike, as an object and as text (which the browser parses)', async () => {
  const { cases } = JSON.parse(readFileSync(join(root, 'tests/vectors/invalid_policies.json'), 'utf8'));
  const { page, errors } = await open('/lean.html');
  const answers = await page.evaluate((cases) => {
    const { PolicyEngine } = window.rolegate;
    const problems = (form) => {
      try {
        new PolicyEngine(form);
        return 'accepted';
      } catch (e) {
        return e.problems.map(({ code, path }) => ({ code, path }));
      }
    };
    return cases.map((c) => (c.policyText === undefined ? [problems(c.policy), problems(JSON.stringify(c.policy))] : [problems(c.policyText)]));
  }, cases);
  cases.forEach((c, i) => {
    const want = c.expect.map(({ code, path }) => ({ code, path }));
    for (const got of answers[i]) assert.deepEqual(got, want, c.name);
  });
  assert.deepEqual(errors, []);
});

test('full build (rolegate/web/full, and rolegate/full as bundlers take it): the administration vectors, as in Node and natively', async () => {
  for (const path of ['/full.html', '/bundler-full.html']) await administrationVectors(path);
});

async function administrationVectors(path) {
  const admin = JSON.parse(readFileSync(join(root, 'tests/vectors/admin.json'), 'utf8'));
  const { page, errors } = await open(path);
  const answers = await page.evaluate((vectors) => {
    const { PolicyEngine } = window.rolegate;
    const engineFor = (policy) => (typeof policy === 'string' ? PolicyEngine.builtin(policy) : new PolicyEngine(policy));
    const orgOf = (c) => c.orgDocument ?? vectors.orgs[c.org];
    return {
      cases: vectors.cases.map((c) => engineFor(c.policy).apply(orgOf(c), c.actor, c.operation, c.now)),
      queries: vectors.queries.map((q) => {
        const engine = engineFor(q.policy);
        try {
          if (q.query === 'admins') return engine.admins(orgOf(q));
          return q.query === 'whoCanAnywhere' ? engine.whoCan(orgOf(q), q.action, undefined, { anywhere: true }) : engine.whoCan(orgOf(q), q.action, q.resource);
        } catch (e) {
          return { error: { code: e.problems?.[0]?.code, path: e.problems?.[0]?.path, message: e.problems?.[0]?.message } };
        }
      }),
      lint: vectors.lint.map((l) => engineFor(l.policy).lintOrg(orgOf(l), { now: l.now })),
      policyLint: (() => {
        try {
          PolicyEngine.builtin('mytrumpf').lint();
          return null;
        } catch (e) {
          return e.code;
        }
      })(),
    };
  }, admin);
  assert.equal(answers.policyLint, 'not_in_build', 'the policy linter is in Node only');
  for (const [i, c] of admin.cases.entries()) {
    const got = answers.cases[i];
    assert.equal(got.ok, c.expect.ok, c.name);
    if (c.expect.ok) assert.deepEqual(got.org, c.expect.org, c.name);
    else assert.deepEqual(got.violations.map(({ code, path }) => ({ code, path })), c.expect.violations, c.name);
  }
  for (const [i, q] of admin.queries.entries()) {
    if (q.error) assert.deepEqual(answers.queries[i].error, q.error, q.name);
    else assert.deepEqual(answers.queries[i].map(({ id, roles }) => ({ id, roles })), q.expect, q.name);
  }
  for (const [i, l] of admin.lint.entries()) {
    assert.deepEqual(answers.lint[i].map(({ code, severity, path }) => ({ code, severity, path })), l.expect, `${path}: ${l.name}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
}

test('both browser builds: the plan vectors, and planToSql and filter on their plans, as in Node', async () => {
  const { cases } = JSON.parse(readFileSync(join(root, 'tests/vectors/plans.json'), 'utf8'));
  for (const path of ['/lean.html', '/full.html']) {
    const { page, errors } = await open(path);
    const answers = await page.evaluate((cases) => {
      const { PolicyEngine, filter, planToSql } = window.rolegate;
      return cases.map(({ policy, subject, action, allowed, denied }) => {
        const engine = PolicyEngine.builtin(policy);
        const plan = engine.session(subject).plan(action);
        const columns = { tenant: 't', facility: 'f', customer: 'c' };
        return { plan, same: JSON.stringify(engine.plan(subject, action)) === JSON.stringify(plan), sql: planToSql(plan, { columns }), kept: filter(plan, [...allowed, ...denied], { singleTenant: true }).length };
      });
    }, cases);
    cases.forEach((c, i) => {
      assert.deepEqual(answers[i].plan, c.expect, `${path}: ${c.name}`);
      assert.equal(answers[i].same, true, `${path}: engine.plan and session.plan`);
      assert.equal(answers[i].kept, c.allowed.length, `${path}: filter keeps the allowed resources only`);
      assert.equal(typeof answers[i].sql.sql, 'string');
    });
    assert.deepEqual(errors, []);
  }
});

test('both browser builds: a subject with a time-bound assignment is refused (not_in_build), never decided without its window', async () => {
  const { decisions } = JSON.parse(readFileSync(join(root, 'tests/vectors/windows.json'), 'utf8'));
  for (const path of ['/lean.html', '/full.html', '/bundler-full.html']) {
    const { page, errors } = await open(path);
    const answers = await page.evaluate((decisions) => {
      const { PolicyEngine } = window.rolegate;
      const engine = PolicyEngine.builtin('mytrumpf');
      const refusal = (fn) => {
        try {
          return { answered: fn() };
        } catch (e) {
          return { code: e.code, problems: e.problems.map(({ code, path }) => ({ code, path })) };
        }
      };
      const timed = decisions.filter((c) => c.subject.roles.some((r) => typeof r === 'object' && (r.from || r.until)));
      const untimed = { tenant: 'acme', roles: ['purchaser'] };
      return {
        timed: timed.map(({ subject, action, at }) => [refusal(() => engine.session(subject, { at })), refusal(() => engine.can(subject, action))]),
        untimed: [engine.session(untimed, { at: '2026-12-10T12:00:00Z' }).can('admin.users.invite'), engine.session(untimed).validUntil],
        badAt: refusal(() => engine.session(untimed, { at: 'next Tuesday' })),
      };
    }, decisions);
    assert.ok(answers.timed.length >= 10, path);
    for (const [session, can] of answers.timed) {
      assert.equal(session.code, 'invalid_request', path);
      assert.ok(session.problems.some((p) => p.code === 'not_in_build' && /^subject\.roles\[\d+\]$/.test(p.path)), `${path}: ${JSON.stringify(session)}`);
      assert.equal(can.answered, undefined, `${path}: engine.can throws rather than deciding`);
    }
    assert.deepEqual(answers.untimed, [true, null], path);
    assert.deepEqual(answers.badAt.problems, [{ code: 'invalid_time', path: 'options.at' }], path);
    assert.deepEqual(errors, []);
  }
});

test('both browser builds: the approval decision vectors (the lean one those without a snapshot), as in Node; requests are Node\'s', async () => {
  const vectors = JSON.parse(readFileSync(join(root, 'tests/vectors/approvals.json'), 'utf8'));
  for (const path of ['/lean.html', '/full.html']) {
    const lean = path === '/lean.html';
    const cases = vectors.decisions.filter((c) => !lean || c.lean);
    const { page, errors } = await open(path);
    const answers = await page.evaluate(
      ({ cases, vectors }) => {
        const { PolicyEngine } = window.rolegate;
        const engineOf = (c) => (typeof c.policy === 'string' && !vectors.policies[c.policy] ? PolicyEngine.builtin(c.policy) : new PolicyEngine(vectors.policies[c.policy] ?? c.policy));
        const answer = (fn) => {
          try {
            return fn();
          } catch (e) {
            return { error: { code: e.problems?.[0]?.code ?? e.code, path: e.problems?.[0]?.path } };
          }
        };
        const decided = cases.map((c) =>
          answer(() => {
            const engine = engineOf(c);
            const session = c.member ? engine.memberSession(vectors.orgs[c.org], c.member) : engine.session(c.subject, { approvalRules: c.rules });
            const { allowed, effect, code, approval } = session.decide(c.action, c.resource);
            return { allowed, effect, code, ...(approval ? { approval } : {}), can: session.can(c.action, c.resource), explained: session.explain(c.action, c.resource, 'de') };
          }),
        );
        const engine = PolicyEngine.builtin('mytrumpf');
        const submit = answer(() => engine.submit(vectors.orgs['acme-rules'], 'anna', 'eshop.order.place', { total: '6000.00 EUR' }, { id: 'r1' }));
        return { decided, submit };
      },
      { cases, vectors },
    );
    assert.ok(cases.length >= (lean ? 5 : vectors.decisions.length), `${path}: ${cases.length} cases`);
    cases.forEach((c, i) => {
      const got = answers.decided[i];
      if (c.expect.error) return assert.deepEqual(got.error, c.expect.error, `${path}: ${c.name}`);
      const { messageContains, grantedBy, ...want } = c.expect;
      const { can, explained, ...decision } = got;
      assert.deepEqual(decision, want, `${path}: ${c.name}`);
      assert.equal(can, want.effect === 'allow', `${path}: ${c.name}: can`);
      assert.equal(explained.code, want.code, `${path}: ${c.name}: explained`);
      if (messageContains?.de) assert.ok(explained.message.includes(messageContains.de), `${path}: ${c.name}: ${explained.message}`);
    });
    assert.equal(answers.submit.error.code, 'not_in_build', `${path}: submit is Node's`);
    assert.deepEqual(errors, []);
  }
});

test('both browser builds: watchPolicy loads the policy by URL and re-gates when a response announces another', async () => {
  const policies = {};
  for (const name of ['mytrumpf', 'platform']) {
    const text = readFileSync(join(root, `policies/${name}.json`), 'utf8');
    policies[name] = text;
  }
  for (const path of ['/lean.html', '/full.html']) {
    const { page, errors } = await open(path);
    // The server, as rolegate/express's servePolicy and fingerprintHeader answer (mocked in the page).
    const fingerprints = await page.evaluate((docs) => {
      const { PolicyEngine } = window.rolegate;
      return Object.fromEntries(Object.entries(docs).map(([name, text]) => [name, new PolicyEngine(text).fingerprint]));
    }, policies);
    let serving = 'mytrumpf';
    await page.route('**/api/policy', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', headers: { etag: `"${fingerprints[serving]}"` }, body: policies[serving] }),
    );
    await page.route('**/api/orders', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', headers: { 'rolegate-fingerprint': fingerprints[serving] }, body: '{}' }),
    );
    const before = await page.evaluate(async () => {
      const { watchPolicy } = window.rolegate;
      const seen = [];
      window.watcher = watchPolicy('/api/policy', { onChange: (engine) => seen.push(engine.loaded ? engine.id : engine.loadError.code) });
      window.seen = seen;
      const denied = window.watcher.engine.can({ tenant: 'acme', roles: ['operator'] }, 'eshop.order.request');
      await window.watcher.ready;
      return { denied, id: window.watcher.engine.id, allowed: window.watcher.engine.can({ tenant: 'acme', roles: ['operator'] }, 'eshop.order.request') };
    });
    assert.deepEqual(before, { denied: false, id: 'mytrumpf', allowed: true });
    serving = 'platform';
    const after = await page.evaluate(async () => {
      await window.watcher.fetch('/api/orders', { method: 'POST' });
      const between = window.watcher.engine.loaded;
      await window.watcher.ready;
      return { between, id: window.watcher.engine.id, seen: window.seen };
    });
    assert.deepEqual(after, { between: false, id: 'platform', seen: ['mytrumpf', 'policy_changed', 'platform'] });
    assert.deepEqual(errors, []);
  }
});
