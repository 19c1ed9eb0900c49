// Client/server parity, differentially: thousands of random (policy, subject, action, resource)
// cases, decided by the native build (`rolegate decide`, `rolegate validate`) and by the wasm
// module through the package, must agree exactly: decisions, codes, explanations in both
// languages, request errors with their paths and messages, validation problems, fingerprints;
// and plans (`rolegate plan --cases`), which must also allow exactly what `can` allows.
//
// The cases come from fast-check with a fixed seed (PARITY_SEED=… to explore others); a failure
// names the seed, the policy and the case.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { planAllows, PolicyEngine, PolicyError, RequestError } from 'rolegate';
import { cli } from './helpers.mjs';

const SEED = Number(process.env.PARITY_SEED ?? 20261122);
const POLICIES = 300;
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
  const assignment = fc.oneof(fc.constantFrom(...roleIds), fc.record({ role: fc.constantFrom(...roleIds), scope }));
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
  for (const code of ['granted', 'unknown_action', 'other_tenant', 'out_of_scope', 'role_not_available', 'not_granted', 'unknown_role', 'empty_tenant', 'unknown_scope_key']) {
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
