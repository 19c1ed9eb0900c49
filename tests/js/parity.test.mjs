// Client/server parity, differentially: thousands of random (policy, subject, action, resource)
// cases, decided by the native build (`rolegate decide`, `rolegate validate`) and by the wasm
// module through the package, must agree exactly: decisions, codes, explanations in both
// languages, request errors with their paths and messages, validation problems, fingerprints;
// and plans (`rolegate plan --cases`), which must also allow exactly what `can` allows. And the
// approval processes: random tenant rules, orders and request lifecycles, decided, submitted and
// stepped natively (`decide --org`, `submit`, `approve`…, `eligible`) and by the package, with
// the lifecycle's invariants checked on the way.
//
// The cases come from fast-check with a fixed seed (PARITY_SEED=… to explore others); a failure
// names the seed, the policy and the case.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { planAllows, PolicyEngine, PolicyError, RequestError } from 'rolegate';
import { cli, root } from './helpers.mjs';

const SEED = Number(process.env.PARITY_SEED ?? 20261122);
const POLICIES = 300;
/** When the run started: the random windows are placed around it (decisions are made at the current time). */
const STARTED = Date.now();
const CASES_PER_POLICY = 30;

const SCOPE_KEYS = ['facility', 'customer', 'line'];
const KINDS = ['customer', 'operator', 'supplier'];
const MODULES = ['m1', 'm2', 'm3'];
const TENANTS = ['acme', 'other'];
const VALUES = ['f1', 'f2'];

const dir = mkdtempSync(join(tmpdir(), 'rolegate-parity-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const label = (id) => ({ en: `Label ${id}`, de: `Bezeichnung ${id}` });
const some = (list) => fc.subarray(list);

/**
 * A random policy: mostly valid (implications point backwards, references exist), sometimes
 * broken on purpose by one edit, so validation is compared too.
 */
const policyArbitrary = fc
  .record({
    permissions: fc.integer({ min: 1, max: 10 }),
    implications: fc.array(fc.array(fc.nat(9), { maxLength: 3 }), { minLength: 10, maxLength: 10 }),
    administrative: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    features: fc.array(fc.record({ read: fc.array(fc.nat(9), { maxLength: 3 }), manage: fc.array(fc.nat(9), { maxLength: 3 }) }), { maxLength: 2 }),
    scopes: some(SCOPE_KEYS),
    kinds: fc.uniqueArray(fc.record({ id: fc.constantFrom(...KINDS), modules: some(MODULES), defaultRole: fc.option(fc.nat(7)), adminsOnly: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
      selector: (k) => k.id,
    }),
    roles: fc.array(
      fc.record({
        grants: fc.array(fc.nat(13), { maxLength: 4 }),
        kinds: fc.option(some(KINDS)),
        modules: fc.option(some(MODULES)),
        admin: fc.boolean(),
        deprecated: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    breakage: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(7) }),
  })
  .map((r) => {
    const perms = Array.from({ length: r.permissions }, (_, i) => `p${i}`);
    const permissions = perms.map((id, i) => {
      const p = { id, label: label(id) };
      const implies = [...new Set(r.implications[i].filter((j) => j < i).map((j) => perms[j]))];
      if (implies.length) p.implies = implies;
      if (r.administrative[i]) p.administrative = true;
      return p;
    });
    const features = r.features.map((f, i) => ({
      id: `feature${i}`,
      label: label(`feature${i}`),
      read: [...new Set(f.read.filter((j) => j < perms.length).map((j) => perms[j]))],
      manage: [...new Set(f.manage.filter((j) => j < perms.length).map((j) => perms[j]))],
    }));
    const grantable = [...perms, ...features.flatMap((f) => [`${f.id}.read`, `${f.id}.manage`])];
    const kindIds = r.kinds.map((k) => k.id);
    const roleIds = r.roles.map((_, i) => `r${i}`);
    const kindModules = new Map(r.kinds.map((k) => [k.id, k.modules]));
    const roles = r.roles.map((role, i) => {
      const out = { id: roleIds[i], label: label(roleIds[i]), grants: [...new Set(role.grants.map((g) => grantable[g % grantable.length]))] };
      let kinds = role.kinds ? role.kinds.filter((k) => kindIds.includes(k)) : null;
      if (role.modules?.length) {
        // A role that needs modules is available only to kinds offering all of them.
        const offering = (kinds ?? kindIds).filter((k) => role.modules.every((m) => kindModules.get(k).includes(m)));
        if (offering.length) {
          out.modules = role.modules;
          kinds = offering;
        }
      }
      if (kinds?.length) out.kinds = kinds;
      if (role.admin) out.admin = true;
      if (role.deprecated) out.deprecated = true;
      return out;
    });
    const tenantKinds = r.kinds.map((k) => {
      const kind = { id: k.id, label: label(k.id), modules: k.modules.map((m) => ({ id: m, label: label(m) })) };
      const role = k.defaultRole === null ? undefined : roles[k.defaultRole];
      if (role && !role.deprecated && !role.modules && (!role.kinds || role.kinds.includes(k.id))) kind.defaultRole = role.id;
      if (k.adminsOnly) kind.adminsAdministrativeOnly = true;
      return kind;
    });
    const policy = {
      version: 1,
      id: 'random',
      label: label('random'),
      scopes: r.scopes.map((id) => ({ id, label: label(id) })),
      tenantKinds,
      permissions,
      features,
      roles,
    };
    return r.breakage === null ? policy : broken(policy, r.breakage);
  });

/** `policy` with one mistake of kind `n`. */
function broken(policy, n) {
  const p = structuredClone(policy);
  switch (n) {
    case 0: p.roles[0].grants.push('no.such.permission'); break;
    case 1: p.permissions.push({ ...p.permissions[0] }); break;
    case 2: p.permissions[0].implies = [p.permissions.at(-1).id]; if (p.permissions.length > 1) p.permissions.at(-1).implies = [p.permissions[0].id]; break;
    case 3: p.roles[0].label = { en: '', de: 'x' }; break;
    case 4: p.roles[0].kinds = ['nokind']; break;
    case 5: p.scopes.push({ id: 'tenant', label: label('tenant') }); break;
    case 6: p.tenantKinds[0].defaultRole = 'ghost'; break;
    default: p.roles[0].surprise = true;
  }
  return p;
}

/** Random cases for `policy`: subjects, actions and resources drawn mostly from its own ids. */
function casesArbitrary(policy) {
  const roleIds = [...policy.roles.map((r) => r.id), 'ghost'];
  const kinds = [...policy.tenantKinds.map((k) => k.id), 'nokind'];
  const actions = [...policy.permissions.map((p) => p.id), ...policy.features.flatMap((f) => [`${f.id}.read`, `${f.id}.manage`]), 'no.such.action'];
  const keys = [...SCOPE_KEYS, 'colour'];
  const scope = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...VALUES, ''), { maxKeys: 2 });
  // Windows a month around the time of the run (both sides decide at the current time), and
  // now and then one that does not read or is empty.
  const day = 86400 * 1000;
  const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const window = fc.constantFrom(
    { from: iso(STARTED - 30 * day), until: iso(STARTED + 30 * day) },
    { until: iso(STARTED - 30 * day) },
    { from: iso(STARTED + 30 * day) },
    { from: iso(STARTED - 30 * day) },
    { until: '31.12.2026' },
    { from: iso(STARTED + day), until: iso(STARTED + day) },
  );
  const timed = fc.tuple(fc.constantFrom(...roleIds), scope, window).map(([role, scope, w]) => ({ role, scope, ...w }));
  const assignment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...roleIds) },
    { weight: 4, arbitrary: fc.record({ role: fc.constantFrom(...roleIds), scope }) },
    { weight: 1, arbitrary: timed },
  );
  const subject = fc.record(
    {
      id: fc.constantFrom('u1', 'u2'),
      tenant: fc.constantFrom(...TENANTS, ''),
      tenantKind: fc.constantFrom(...kinds),
      modules: some([...MODULES, 'zz']),
      roles: fc.array(assignment, { maxLength: 4 }),
    },
    { requiredKeys: ['tenant', 'roles'] },
  );
  const resource = fc.option(
    fc.record(
      { tenant: fc.constantFrom(...TENANTS), facility: fc.constantFrom(...VALUES), customer: fc.constantFrom(...VALUES), colour: fc.constantFrom(...VALUES, '') },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );
  return fc.array(fc.record({ subject, action: fc.constantFrom(...actions), resource }, { requiredKeys: ['subject', 'action'] }), {
    minLength: CASES_PER_POLICY,
    maxLength: CASES_PER_POLICY,
  });
}

/** A subject that fits `policy` (its kinds, the kind's modules, its scope keys), mostly scoped, and an action. */
function fittingCaseArbitrary(policy) {
  const actions = [...policy.permissions.map((p) => p.id), ...policy.features.flatMap((f) => [`${f.id}.read`, `${f.id}.manage`])];
  const keys = policy.scopes.map((s) => s.id);
  const scope = keys.length ? fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...VALUES), { minKeys: 1, maxKeys: 2 }) : fc.constant(undefined);
  const role = fc.constantFrom(...policy.roles.map((r) => r.id));
  const assignment = fc.oneof({ weight: 1, arbitrary: role }, { weight: 4, arbitrary: fc.record({ role, scope }) });
  const subject = fc.constantFrom(...policy.tenantKinds).chain((kind) =>
    fc.record({
      tenant: fc.constant('acme'),
      tenantKind: fc.constant(kind.id),
      modules: fc.subarray(kind.modules.map((m) => m.id)),
      roles: fc.array(assignment, { minLength: 1, maxLength: 4 }),
    }),
  );
  return fc.record({ subject, action: fc.constantFrom(...actions) });
}

/** Runs the native CLI; its JSON output. */
function native(args) {
  try {
    return JSON.parse(execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    if (error.status === 1 && error.stdout) return JSON.parse(error.stdout);
    throw new Error(`rolegate ${args.join(' ')}: ${error.stderr || error.message}`);
  }
}

/** A thrown package error as the native CLI prints one: `{ code, problems: [{ code, path, message: { en, de } }] }`. */
function asNative(error) {
  assert.ok(error instanceof RequestError, `a RequestError, not ${error?.name}: ${error?.message}`);
  return { code: error.code, problems: error.problems.map((p) => ({ code: p.code, path: p.path, message: p.messages })) };
}

/** What `fn` returns, or the error it throws as `{ error }`. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: asNative(error) };
  }
}

const generated = fc.sample(policyArbitrary, { seed: SEED, numRuns: POLICIES });
/** Each policy's file, for the native CLI: written once, here. */
const policyFiles = generated.map((policy, n) => {
  const file = join(dir, `policy-${n}.json`);
  writeFileSync(file, JSON.stringify(policy));
  return file;
});
/**
 * Each generated policy that compiles: its number, the document, its engine (freed when the loop
 * moves on) and its random decision cases.
 */
function* compiledPolicies() {
  for (const [n, policy] of generated.entries()) {
    let engine;
    try {
      engine = new PolicyEngine(policy);
    } catch {
      continue;
    }
    yield { n, policy, engine, cases: fc.sample(casesArbitrary(policy), { seed: SEED + n, numRuns: 1 })[0] };
    engine.free();
  }
}

/** The native CLI's `command` (`decide`, `plan --cases`) over `list`, written to `name`, for policy `n`. */
function nativeRun(command, name, list, n, engine) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(list));
  const out = native([...command, file, '--policy', policyFiles[n]]);
  assert.equal(out.fingerprint, engine.fingerprint, `policy ${n}: the same policy natively`);
  return out;
}

let comparedCases = 0;
let comparedValid = 0;
let comparedInvalid = 0;

test(`${POLICIES} random policies: validation problems and fingerprints agree (seed ${SEED})`, (t) => {
  for (const [n, policy] of generated.entries()) {
    const file = policyFiles[n];
    let engine;
    try {
      engine = new PolicyEngine(policy);
    } catch (error) {
      assert.ok(error instanceof PolicyError, `policy ${n}: ${error?.message}`);
      const en = native(['validate', '--format', 'json', '--lang', 'en', file]);
      const de = native(['validate', '--format', 'json', '--lang', 'de', file]);
      const expected = en.map((p, i) => ({ code: p.code, path: p.path, message: p.message, messages: { en: p.message, de: de[i].message } }));
      assert.deepEqual(error.problems, expected, `seed ${SEED}, policy ${n}: ${JSON.stringify(policy)}`);
      comparedInvalid++;
      continue;
    }
    assert.equal(engine.fingerprint, execFileSync(cli, ['fingerprint', '--policy', file], { encoding: 'utf8' }).trim(), `policy ${n}`);
    engine.free();
    comparedValid++;
  }
  assert.ok(comparedValid > POLICIES / 2 && comparedInvalid > POLICIES / 20, `${comparedValid} valid, ${comparedInvalid} invalid`);
  t.diagnostic(`${comparedValid} valid policies (fingerprints compared), ${comparedInvalid} invalid (problems compared)`);
});

test(`thousands of random cases: decisions, codes, explanations and errors agree (seed ${SEED})`, (t) => {
  const codes = new Set();
  for (const { n, policy, engine, cases } of compiledPolicies()) {
    const out = nativeRun(['decide'], `cases-${n}.json`, cases, n, engine);
    for (const [i, { subject, action, resource }] of cases.entries()) {
      const where = `seed ${SEED}, policy ${n}, case ${i}: ${JSON.stringify({ subject, action, resource })}\npolicy: ${JSON.stringify(policy)}`;
      const expected = out.results[i];
      const explainedEn = outcome(() => engine.explain(subject, action, resource, 'en'));
      const explainedDe = outcome(() => engine.explain(subject, action, resource, 'de'));
      const allowed = outcome(() => engine.can(subject, action, resource));
      const session = outcome(() => engine.session(subject));
      if (expected.error) {
        codes.add(expected.error.problems[0].code);
        assert.deepEqual(explainedEn.error, expected.error, where);
        assert.deepEqual(explainedDe.error, expected.error, where);
        assert.deepEqual(allowed.error, expected.error, where);
        if (session.error) {
          assert.deepEqual(session.error, expected.error, where);
        } else {
          // The subject fits; the resource does not: the session says so on each check.
          assert.deepEqual(outcome(() => session.value.can(action, resource)).error, expected.error, where);
          assert.deepEqual(outcome(() => session.value.explain(action, resource, 'de')).error, expected.error, where);
          session.value.free();
        }
      } else {
        codes.add(expected.code);
        assert.deepEqual(explainedEn.value, { ...expected, message: expected.message.en }, where);
        assert.deepEqual(explainedDe.value, { ...expected, message: expected.message.de }, where);
        assert.equal(allowed.value, expected.allowed, where);
        assert.equal(session.value.can(action, resource), expected.allowed, where);
        assert.deepEqual(session.value.canMany([action], [resource]), [[expected.allowed]], where);
        assert.deepEqual(session.value.explain(action, resource, 'de'), { ...expected, message: expected.message.de }, where);
        session.value.free();
      }
      comparedCases++;
    }
  }
  assert.ok(comparedCases >= 5000, `${comparedCases} cases compared`);
  t.diagnostic(`${comparedCases} cases compared; codes seen: ${[...codes].sort().join(', ')}`);
  // The generator reaches every decision code and the usual request errors.
  for (const code of ['granted', 'unknown_action', 'other_tenant', 'out_of_scope', 'role_not_available', 'not_granted', 'unknown_role', 'empty_tenant', 'unknown_scope_key', 'outside_window', 'invalid_time', 'empty_window']) {
    assert.ok(codes.has(code), `no case came out as ${code}: ${[...codes]}`);
  }
});

test(`random policies and subjects: plans agree natively and in wasm, and allow exactly what can allows (seed ${SEED})`, (t) => {
  const seen = new Map();
  let resourcesChecked = 0;
  for (const { n, policy, engine, cases } of compiledPolicies()) {
    // The decision cases' subjects and actions, and as many that fit the policy, mostly scoped.
    const planCases = [...cases.map(({ subject, action }) => ({ subject, action })), ...fc.sample(fittingCaseArbitrary(policy), { seed: SEED + n, numRuns: CASES_PER_POLICY })];
    const out = nativeRun(['plan', '--cases'], `plans-${n}.json`, planCases, n, engine);
    // Every case's resource, and a few more, are asked of every plan of the policy.
    const resources = [undefined, ...cases.map((c) => c.resource).filter((r) => r !== undefined)];
    for (const [i, { subject, action }] of planCases.entries()) {
      const where = `seed ${SEED}, policy ${n}, plan case ${i}: ${JSON.stringify({ subject, action })}\npolicy: ${JSON.stringify(policy)}`;
      const expected = out.results[i];
      const planned = outcome(() => engine.plan(subject, action));
      if (expected.error) {
        assert.deepEqual(planned.error, expected.error, where);
        continue;
      }
      assert.deepEqual(planned.value, expected, where);
      const session = engine.session(subject);
      assert.deepEqual(session.plan(action), expected, where);
      seen.set(expected.decision, (seen.get(expected.decision) ?? 0) + 1);
      for (const resource of resources) {
        const allowed = outcome(() => session.can(action, resource));
        if (allowed.error) continue; // a resource that does not fit the policy is refused by both
        assert.equal(planAllows(expected, resource), allowed.value, `${where}\nresource: ${JSON.stringify(resource)}`);
        resourcesChecked++;
      }
      if (expected.decision === 'conditional') {
        // Minimal: distinct, none covers another, each allowed on its own.
        for (const [a, scope] of expected.anyOf.entries()) {
          assert.equal(session.can(action, scope), true, where);
          for (const [b, other] of expected.anyOf.entries()) {
            if (a !== b) assert.ok(!Object.entries(scope).every(([k, v]) => other[k] === v), `${where}: ${JSON.stringify(scope)} covers ${JSON.stringify(other)}`);
          }
        }
      }
      session.free();
    }
  }
  for (const decision of ['always', 'never', 'conditional']) assert.ok(seen.get(decision) > 50, `${decision}: ${[...seen]}`);
  t.diagnostic(`plans compared: ${[...seen].map(([d, k]) => `${k} ${d}`).join(', ')}; ${resourcesChecked} resources checked against can`);
});

// ---------------------------------------------------------------------------------------------
// Approval processes: `mytrumpf` governs `eshop.order.place` (request `eshop.order.request`,
// approve `eshop.order.release`); random tenant rules on the acme members, random orders, random
// steps, natively and in the package.

const APPROVAL_ORGS = 120;
const ORDER = 'eshop.order.place';
/** mytrumpf's `approverRoles`: the roles that hold `eshop.order.release`. */
const APPROVER_ROLES = ['purchaser', 'managing_director', 'production_manager'];
const REQUESTER_ROLES = [...APPROVER_ROLES, 'programmer', 'operator', 'service_engineer'];
const THRESHOLDS = [0, 1000, 5000, 10000, 25000, 50000];
const acmeApprovals = JSON.parse(readFileSync(join(root, 'examples/org/acme-approvals.json'), 'utf8'));
const ACME_MEMBERS = acmeApprovals.members.map((m) => m.id);
const APPROVALS_START = Date.parse('2026-12-02T10:00:00Z') / 1000;

/** Money text in EUR for `cents`, without decimals when `whole` and it has none. */
const eur = (cents, whole) => (whole && cents % 100 === 0 ? `${cents / 100} EUR` : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')} EUR`);
/** RFC 3339 text (seconds, UTC) of `seconds` since the epoch, as the engine writes times. */
const rfc3339 = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** A rule's random parts: a lower and an upper bound on the total (mostly ordered), requesters, tiers. */
const approvalRuleArbitrary = fc.record({
  lower: fc.option(fc.record({ kind: fc.constantFrom('over', 'atLeast'), euros: fc.constantFrom(...THRESHOLDS) })),
  upper: fc.option(fc.record({ kind: fc.constantFrom('below', 'upTo'), euros: fc.constantFrom(...THRESHOLDS) })),
  ordered: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  requesters: fc.option(fc.subarray(REQUESTER_ROLES, { minLength: 1, maxLength: 3 })),
  tiers: fc.array(fc.subarray(APPROVER_ROLES, { minLength: 1 }), { minLength: 1, maxLength: 3 }),
});

/** An order: a facility (mostly), a total in EUR near a threshold or anywhere, sometimes none or in USD; sometimes no resource at all. */
const orderArbitrary = fc.option(
  fc
    .record({
      facility: fc.option(fc.constantFrom(...VALUES), { nil: undefined, freq: 5 }),
      total: fc.oneof(
        { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...THRESHOLDS), fc.constantFrom(-1, 0, 0, 1), fc.boolean()).map(([e, c, w]) => eur(Math.max(0, e * 100 + c), w)) },
        { weight: 3, arbitrary: fc.tuple(fc.nat(6_000_000), fc.boolean()).map(([c, w]) => eur(c, w)) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant('100.00 USD') },
      ),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
  { nil: undefined, freq: 12 },
);

/** A step: which, by whom (a current eligible approver, any member, the requester, an approver of an earlier tier), why, how much later, in which language. */
const approvalStepArbitrary = fc.record({
  step: fc.constantFrom('approve', 'approve', 'approve', 'reject', 'cancel', 'expire'),
  actor: fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((eligible) => ({ eligible })) },
    { weight: 3, arbitrary: fc.constantFrom(...ACME_MEMBERS, 'ghost') },
    { weight: 2, arbitrary: fc.constant('requester') },
    { weight: 1, arbitrary: fc.constant('approver') },
  ),
  reason: fc.constantFrom('Too expensive', 'Budget frozen until Q2', ' '),
  advance: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 86400 }) },
    { weight: 2, arbitrary: fc.integer({ min: 86400, max: 35 * 86400 }) },
  ),
  lang: fc.constantFrom('en', 'de'),
});

/**
 * A random acme: its members (some with their roles scoped to a facility), 0–3 rules of its own
 * (or none, the built-in release procedure), three orders to decide for every member, and three
 * request lifecycles (`pick`: which member and order; the first two prefer one that needs approval).
 */
const approvalOrgArbitrary = fc
  .record({
    scopes: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...VALUES) }), {
      minLength: ACME_MEMBERS.length,
      maxLength: ACME_MEMBERS.length,
    }),
    rules: fc.option(fc.array(approvalRuleArbitrary, { maxLength: 3 }), { freq: 6 }),
    orders: fc.array(orderArbitrary, { minLength: 3, maxLength: 3 }),
    lifecycles: fc.array(fc.record({ pick: fc.nat(), start: fc.nat(90 * 86400), steps: fc.array(approvalStepArbitrary, { maxLength: 6 }) }), {
      minLength: 3,
      maxLength: 3,
    }),
  })
  .map((r) => {
    const org = structuredClone(acmeApprovals);
    org.members.forEach((m, i) => {
      if (r.scopes[i]) m.roles = m.roles.map((a) => ({ role: typeof a === 'string' ? a : a.role, scope: { facility: r.scopes[i] } }));
    });
    if (r.rules === null) {
      delete org.approvalRules;
    } else {
      org.approvalRules = r.rules.map((rule, i) => {
        const out = { id: `rule-${i}`, action: ORDER };
        let { lower, upper } = rule;
        if (lower && upper && rule.ordered && lower.euros > upper.euros) [lower, upper] = [{ ...lower, euros: upper.euros }, { ...upper, euros: lower.euros }];
        const condition = {};
        for (const bound of [lower, upper]) if (bound) condition[bound.kind] = eur(bound.euros * 100, false);
        if (lower || upper) out.when = { total: condition };
        if (rule.requesters) out.requesters = rule.requesters;
        out.tiers = rule.tiers;
        return out;
      });
    }
    return { org, orders: r.orders, lifecycles: r.lifecycles };
  });

/** Runs the native CLI: its exit status, output and errors. */
function nativeStatus(args) {
  const run = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A request command of the native CLI (`submit`, `approve`…) as the package answers: `{ ok, request }` or `{ ok, violations }` (messages in `lang`). */
function nativeRequest(args, lang) {
  const run = nativeStatus([...args, '--policy', 'mytrumpf', '--format', 'json', '--lang', lang]);
  if (run.status === 0) return { ok: true, request: JSON.parse(run.stdout) };
  if (run.status === 1) return JSON.parse(run.stdout);
  throw new Error(`rolegate ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
}

/** A package request answer as the native CLI prints it (violations with their message in `lang`); the package's messages are in both languages. */
function comparable(answer, lang, where) {
  if (answer.ok) return answer;
  for (const v of answer.violations) {
    assert.ok(v.messages.en && v.messages.de, `${where}: ${v.code} in both languages`);
    assert.equal(v.message, v.messages[lang], `${where}: ${v.code} in ${lang}`);
  }
  return { ok: false, violations: answer.violations.map((v) => ({ code: v.code, path: v.path, message: v.message })) };
}

/** The parts of a request no step changes. */
const fixedParts = (r) => ({
  id: r.id,
  action: r.action,
  requester: r.requester,
  resource: r.resource,
  submittedAt: r.submittedAt,
  expiresAt: r.expiresAt,
  rules: r.rules,
  tiers: r.tiers.map(({ rule, roles }) => ({ rule, roles })),
});

/**
 * The lifecycle's invariants for one step of `before` (the package's answer `answer`): a closed
 * request takes no step; a step is taken exactly when it may be (approve and reject: by a current
 * eligible approver, reject with a reason; cancel: by the requester; all three before expiry;
 * expire: after it); a step changes only what it says; `approved` exactly when every tier is, each
 * approval by an eligible member other than the requester, one tier each.
 */
function checkStep(where, before, step, actor, now, eligible, answer) {
  const codes = answer.ok ? [] : answer.violations.map((v) => v.code);
  if (before.status !== 'pending') {
    assert.equal(answer.ok, false, `${where}: a ${before.status} request takes no step`);
    assert.ok(codes.includes('request_closed'), `${where}: ${codes}`);
    return;
  }
  const expired = Date.parse(now) > Date.parse(before.expiresAt);
  const may = {
    approve: !expired && eligible.includes(actor),
    reject: !expired && eligible.includes(actor) && step.reason?.trim() !== '',
    cancel: !expired && actor === before.requester,
    expire: expired,
  }[step.step];
  assert.equal(answer.ok, may, `${where}: ${step.step} by ${actor} at ${now} (eligible: ${eligible.join(', ') || 'nobody'}; expires ${before.expiresAt}): ${codes.join(', ') || 'taken'}`);
  if (!answer.ok) return;
  const next = answer.request;
  assert.deepEqual(fixedParts(next), fixedParts(before), `${where}: only the step's parts change`);
  const current = before.tiers.findIndex((t) => t.approvedBy === undefined);
  assert.ok(current >= 0, `${where}: a pending request has a tier to approve`);
  const approvers = next.tiers.map((t) => t.approvedBy);
  if (step.step === 'approve') {
    assert.deepEqual(approvers, before.tiers.map((t, i) => (i === current ? actor : t.approvedBy)), `${where}: approving approves the current tier`);
    assert.equal(next.tiers[current].approvedAt, now, where);
    assert.notEqual(actor, before.requester, `${where}: the requester approved`);
    assert.equal(approvers.filter((a) => a === actor).length, 1, `${where}: ${actor} approved two tiers`);
    assert.equal(next.status, approvers.every((a) => a !== undefined) ? 'approved' : 'pending', where);
  } else {
    assert.deepEqual(next.tiers, before.tiers, `${where}: closing keeps the approvals`);
    assert.equal(next.status, { reject: 'rejected', cancel: 'cancelled', expire: 'expired' }[step.step], where);
    assert.equal(next.closedAt, now, where);
    if (step.step !== 'expire') assert.equal(next.closedBy, actor, where);
    if (step.step === 'reject') assert.equal(next.reason, step.reason, where);
  }
  assert.equal(next.status === 'approved', approvers.every((a) => a !== undefined), `${where}: approved exactly when every tier is`);
  const given = approvers.filter((a) => a !== undefined);
  assert.equal(new Set(given).size, given.length, `${where}: one member, one tier`);
  assert.ok(!given.includes(next.requester), `${where}: the requester approved`);
}

test(`random approval rules, orders and approval sequences: package and CLI agree, and the lifecycle invariants hold (seed ${SEED})`, (t) => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const effects = new Map();
  const steps = new Map();
  const statuses = new Map();
  const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  let invalidOrgs = 0;
  let decisions = 0;
  let submitted = 0;
  let eligibleCompared = 0;
  const orgs = fc.sample(approvalOrgArbitrary, { seed: SEED, numRuns: APPROVAL_ORGS });
  for (const [n, { org, orders, lifecycles }] of orgs.entries()) {
    const orgFile = join(dir, `approval-org-${n}.json`);
    writeFileSync(orgFile, JSON.stringify(org));
    const scene = `seed ${SEED}, approval org ${n}: rules ${JSON.stringify(org.approvalRules ?? null)}, members ${JSON.stringify(org.members.map((m) => [m.id, m.status, m.roles]))}`;

    // 1. Decisions: every member (and a stranger) × every order, in one native run.
    const cases = [...ACME_MEMBERS, 'ghost'].flatMap((member) => orders.map((resource) => ({ member, action: ORDER, resource })));
    let fits = true;
    try {
      engine.organization(org).free();
    } catch (error) {
      assert.ok(error instanceof RequestError && error.code === 'invalid_org', `${scene}: ${error?.message}`);
      fits = false;
      invalidOrgs++;
      // Natively, a snapshot that does not fit is bad input, with every problem.
      const run = nativeStatus(['decide', '--policy', 'mytrumpf', '--org', orgFile, '-']);
      assert.equal(run.status, 2, `${scene}: decide with an organization that does not fit: ${run.stdout}`);
      assert.ok(run.stderr.includes(error.problems.map((p) => `${p.path}: ${p.messages.en}`).join('; ')), `${scene}\nnative: ${run.stderr}\npackage: ${JSON.stringify(error.problems)}`);
      for (const member of ACME_MEMBERS) assert.deepEqual(outcome(() => engine.memberSession(org, member)).error, asNative(error), `${scene}: ${member}'s session`);
    }
    const decided = [];
    if (fits) {
      const file = join(dir, `approval-cases-${n}.json`);
      writeFileSync(file, JSON.stringify(cases));
      const out = native(['decide', '--policy', 'mytrumpf', '--org', orgFile, file]);
      assert.equal(out.fingerprint, engine.fingerprint, scene);
      for (const [i, { member, resource }] of cases.entries()) {
        const where = `${scene}\ncase ${i}: ${member} orders ${JSON.stringify(resource)}`;
        const expected = out.results[i];
        const session = outcome(() => engine.memberSession(org, member));
        if (expected.error) {
          assert.deepEqual(session.error, expected.error, where);
          decided.push({ member, resource, effect: 'error' });
          continue;
        }
        assert.ok(session.value, `${where}: natively ${JSON.stringify(expected)}, the package: ${JSON.stringify(session.error)}`);
        const s = session.value;
        assert.deepEqual(s.explain(ORDER, resource, 'en'), { ...expected, message: expected.message.en }, where);
        assert.deepEqual(s.explain(ORDER, resource, 'de'), { ...expected, message: expected.message.de }, where);
        const decision = outcome(() => s.decide(ORDER, resource));
        const can = outcome(() => s.can(ORDER, resource));
        if (decision.error) {
          // A total that does not read (or in a currency no rule names): explained, thrown by decide and can.
          assert.equal(expected.code, 'invalid_attribute', where);
          assert.deepEqual(can.error, decision.error, where);
          assert.ok(['invalid_attribute', 'currency_mismatch'].includes(decision.error.problems[0].code) && decision.error.problems[0].path === 'resource.total', `${where}: ${JSON.stringify(decision.error)}`);
          count(effects, 'error');
          decided.push({ member, resource, effect: 'error' });
        } else {
          const { allowed, effect, code, approval } = expected;
          assert.deepEqual(decision.value, approval ? { allowed, effect, code, approval } : { allowed, effect, code }, where);
          assert.equal(can.value, effect === 'allow', `${where}: can is effect === 'allow'`);
          assert.equal(allowed, effect === 'allow', where);
          assert.equal(effect === 'approval', code === 'approval_required', where);
          count(effects, effect);
          decided.push({ member, resource, effect, approval });
        }
        s.free();
        decisions++;
      }
    }

    // 2. and 3. Requests: submitted, then stepped, natively and in the package.
    for (const [l, { pick, start, steps: sequence }] of lifecycles.entries()) {
      const needing = decided.filter((d) => d.effect === 'approval' && d.member !== 'ghost');
      const pool = l < 2 && needing.length ? needing : decided.length ? decided : cases;
      const { member: requester, resource } = pool[pick % pool.length];
      let time = APPROVALS_START + start;
      const id = `r-${n}-${l}`;
      const requestFile = join(dir, `approval-request-${n}-${l}.json`);
      const where = `${scene}\nrequest ${id}: ${requester} orders ${JSON.stringify(resource)} at ${rfc3339(time)}`;
      const lang = sequence[0]?.lang ?? 'en';
      const args = ['submit', '--org', orgFile, '--requester', requester, '--id', id, '--now', rfc3339(time), ...(resource ? ['--resource', JSON.stringify(resource)] : []), ORDER];
      const answer = engine.submit(org, requester, ORDER, resource, { id, now: rfc3339(time), lang });
      assert.deepEqual(comparable(answer, lang, where), nativeRequest(args, lang), where);
      const decision = decided.find((d) => d.member === requester && d.resource === resource);
      if (decision) {
        assert.equal(answer.ok, decision.effect === 'approval', `${where}: submitted exactly when it needs approval (${decision.effect}): ${JSON.stringify(answer)}`);
        if (!answer.ok && decision.effect === 'allow') assert.deepEqual(answer.violations.map((v) => v.code), ['approval_not_required'], where);
        if (!answer.ok && decision.effect === 'deny') assert.deepEqual(answer.violations.map((v) => v.code), ['not_permitted'], where);
      }
      if (!answer.ok) continue;
      assert.ok(decision, `${where}: submitted for an organization that does not fit`);
      submitted++;
      let request = answer.request;
      count(statuses, 'pending');
      assert.deepEqual({ rules: request.rules, tiers: request.tiers }, decision.approval, `${where}: the decision's rules and tiers`);
      assert.deepEqual([request.status, request.submittedAt, request.expiresAt], ['pending', rfc3339(time), rfc3339(time + 30 * 86400)], where);
      for (const [k, step] of sequence.entries()) {
        writeFileSync(requestFile, JSON.stringify(request));
        // Who may approve now: natively the same, and what `awaiting` says of each member.
        const eligible = engine.eligibleApprovers(org, request);
        assert.deepEqual(native(['eligible', '--policy', 'mytrumpf', '--org', orgFile, '--format', 'json', requestFile]), eligible, `${where}: eligible`);
        eligibleCompared++;
        const ids = eligible.map((m) => m.id);
        const current = request.tiers.find((tier) => tier.approvedBy === undefined);
        if (request.status === 'pending') {
          for (const m of org.members.filter((m) => m.status === 'active')) {
            const plan = engine.awaiting(org, m.id, ORDER);
            const slots = current.roles.map((tierRole) => ({ tenant: org.tenant, tierRole, requester: request.requester, ...(request.resource?.facility ? { facility: request.resource.facility } : {}) }));
            const awaits = slots.some((slot) => planAllows(plan, slot));
            // The caller leaves out the requests a member approved a tier of (the step refuses them).
            if (!request.tiers.some((tier) => tier.approvedBy === m.id)) assert.equal(awaits, ids.includes(m.id), `${where}: awaiting ${m.id}: ${JSON.stringify(plan)}`);
          }
        } else {
          assert.deepEqual(ids, [], `${where}: nobody approves a ${request.status} request`);
        }
        time += step.advance;
        const now = rfc3339(time);
        const earlier = request.tiers.map((tier) => tier.approvedBy).filter((a) => a !== undefined);
        const actor =
          step.actor === 'requester' || (step.actor === 'approver' && !earlier.length)
            ? request.requester
            : step.actor === 'approver'
              ? earlier.at(-1)
              : typeof step.actor === 'string'
                ? step.actor
                : ids.length
                  ? ids[step.actor.eligible % ids.length]
                  : ACME_MEMBERS[step.actor.eligible % ACME_MEMBERS.length];
        const taken = step.step === 'reject' ? { step: 'reject', reason: step.reason } : { step: step.step };
        const stepWhere = `${where}\nstep ${k}: ${JSON.stringify(taken)} by ${actor} at ${now} of ${JSON.stringify(request)}`;
        const before = structuredClone(request);
        const next = engine.step(org, request, actor, taken, now, step.lang);
        assert.deepEqual(request, before, `${stepWhere}: the request given is never changed`);
        const stepArgs = [step.step, '--org', orgFile, '--actor', actor, '--now', now, ...(step.step === 'reject' ? ['--reason', step.reason] : []), requestFile];
        assert.deepEqual(comparable(next, step.lang, stepWhere), nativeRequest(stepArgs, step.lang), stepWhere);
        checkStep(stepWhere, request, taken, actor, now, ids, next);
        count(steps, `${step.step} ${next.ok ? 'taken' : next.violations.map((v) => v.code).join('+')}`);
        if (next.ok) {
          request = next.request;
          count(statuses, request.status);
        }
      }
    }
  }
  t.diagnostic(
    `${APPROVAL_ORGS} organizations (${invalidOrgs} that do not fit), ${decisions} decisions (${[...effects].map(([e, k]) => `${k} ${e}`).join(', ')}), ` +
      `${submitted} requests, ${eligibleCompared} eligible lists; steps: ${[...steps].sort().map(([s, k]) => `${k} ${s}`).join(', ')}; states: ${[...statuses].map(([s, k]) => `${k} ${s}`).join(', ')}`,
  );
  // The generator reaches every effect, and every way a request ends.
  for (const effect of ['allow', 'approval', 'deny']) assert.ok(effects.get(effect) > 20, `${effect}: ${[...effects]}`);
  for (const status of ['approved', 'rejected', 'cancelled', 'expired']) assert.ok(statuses.get(status) > 0, `no request came out ${status}: ${[...statuses]}`);
  assert.ok(invalidOrgs < APPROVAL_ORGS / 3, `${invalidOrgs} organizations do not fit`);
  engine.free();
});
