// The JSON Schemas the package ships (`rolegate/schema/NAME.json`, derived from the Rust types:
// tests/schema.rs holds the files to the types) against the documents the engine reads, with a
// JSON Schema validator (Ajv, draft 2020-12): every valid policy, organization snapshot and
// operation of the vectors and examples is accepted; every policy the reader refuses for its
// shape (`json_shape`) is rejected, and one-step variations of real policies are judged alike by
// the schema and the reader (a policy that is only wrong in what it means, such as an unknown
// role, has a valid shape).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { PolicyEngine } from 'rolegate';
import { root, vectors } from './helpers.mjs';

const require = createRequire(import.meta.url);
/** A schema as the package exports it (`rolegate/schema/NAME.json`). */
const shipped = (name) => JSON.parse(readFileSync(require.resolve(`rolegate/schema/${name}.json`), 'utf8'));
// Ajv in its default strict mode, as the README shows it: the schemas use only standard keywords and formats.
const ajv = new Ajv2020({ allErrors: true });
const validators = Object.fromEntries(['policy', 'organization', 'operation'].map((name) => [name, ajv.compile(shipped(name))]));
const json = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** Whether the schema `name` accepts `doc`, with Ajv's errors for a failure message. */
function judge(name, doc) {
  const ok = validators[name](doc);
  return { ok, errors: ok ? '' : ajv.errorsText(validators[name].errors) };
}

/** The codes of the reader's problems with a policy document ([] when it compiles). */
function readerCodes(doc) {
  try {
    new PolicyEngine(doc).free();
    return [];
  } catch (error) {
    assert.ok(error.problems, `a policy error with problems, not ${error}`);
    return error.problems.map((p) => p.code);
  }
}

const POLICIES = [
  ['policies/mytrumpf.json', json('policies/mytrumpf.json')],
  ['policies/platform.json', json('policies/platform.json')],
  ['examples/policy/shop.json', json('examples/policy/shop.json')],
  ['decisions_scopes.json', vectors('decisions_scopes.json').policy],
  ...Object.entries(vectors('approvals.json').policies).map(([name, policy]) => [`approvals.json ${name}`, policy]),
];

test('the package ships a schema for each document, named by its $id', () => {
  for (const name of ['policy', 'organization', 'operation']) {
    const schema = shipped(name);
    assert.equal(schema.$id, `https://rolegate.dev/schema/${name}.json`);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.ok(schema.description.length > 20, `${name}: the type's doc comment describes it`);
  }
});

test('every valid policy of the repository is accepted, also with a $schema member', () => {
  for (const [where, policy] of POLICIES) {
    if (typeof policy === 'string') continue; // a built-in's name
    assert.deepEqual(readerCodes(policy), [], `${where} compiles`);
    const { ok, errors } = judge('policy', policy);
    assert.ok(ok, `${where}: ${errors}`);
    const named = { $schema: './node_modules/rolegate/schema/policy.json', ...policy };
    assert.ok(judge('policy', named).ok, `${where} with $schema`);
    assert.deepEqual(readerCodes(named), [], `${where} with $schema compiles`);
    assert.equal(new PolicyEngine(named).fingerprint, new PolicyEngine(policy).fingerprint, `${where}: $schema is not in the fingerprint`);
  }
});

test('invalid policies: the schema rejects exactly those the reader refuses for their shape', () => {
  const { base, cases } = vectors('invalid_policies.json');
  let shape = 0;
  let meaning = 0;
  for (const c of cases) {
    if (c.policyText !== undefined) continue; // not JSON: no document to validate
    const doc = c.policy ?? base;
    const codes = c.expect.map((e) => e.code);
    const { ok, errors } = judge('policy', doc);
    if (codes.includes('json_shape')) {
      shape++;
      assert.equal(ok, false, `${c.name}: the schema rejects it as the reader does (${codes})`);
    } else {
      meaning++;
      assert.ok(ok, `${c.name}: only its meaning is wrong (${codes}), its shape is valid: ${errors}`);
    }
  }
  assert.ok(shape >= 10 && meaning >= 30, `both kinds are covered (${shape} of shape, ${meaning} of meaning)`);
});

/** One-step variations of a document: each member left out, made another type, and an unknown member added, at every depth. */
function* variations(doc, path = []) {
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      for (const [p, v] of variations(doc[i], [...path, i])) yield [p, doc.map((x, j) => (j === i ? v : x))];
    }
    return;
  }
  if (doc === null || typeof doc !== 'object') return;
  yield [[...path, '+unknown'], { ...doc, unknownMember: 1 }];
  for (const key of Object.keys(doc)) {
    const { [key]: _, ...rest } = doc;
    yield [[...path, `-${key}`], rest];
    for (const other of [7, 'text', true, [], {}, null]) {
      if (typeof other === typeof doc[key] && Array.isArray(other) === Array.isArray(doc[key])) continue;
      yield [[...path, `${key}=${JSON.stringify(other)}`], { ...doc, [key]: other }];
    }
    for (const [p, v] of variations(doc[key], [...path, key])) yield [p, { ...doc, [key]: v }];
  }
}

test('one-step variations of real policies: the schema accepts a variation exactly when the reader finds no fault in its shape', () => {
  const docs = [json('examples/policy/shop.json'), vectors('decisions_scopes.json').policy, ...Object.values(vectors('approvals.json').policies).filter((p) => typeof p === 'object').slice(0, 1)];
  let compared = 0;
  const differences = [];
  for (const doc of docs) {
    for (const [path, variant] of variations(doc)) {
      const shapeFault = readerCodes(variant).includes('json_shape');
      const { ok } = judge('policy', variant);
      compared++;
      if (ok === shapeFault) differences.push(`${path.join('.')}: reader ${shapeFault ? 'refuses the shape' : 'reads the shape'}, schema ${ok ? 'accepts' : 'rejects'}`);
    }
  }
  assert.deepEqual(differences.slice(0, 20), [], `${differences.length} of ${compared} variations judged differently`);
  assert.ok(compared > 500, `${compared} variations`);
});

test('organization snapshots of the vectors and examples are accepted; a misspelt or mistyped member is not', () => {
  const orgs = [
    ...Object.entries(vectors('admin.json').orgs).map(([name, org]) => [`admin.json ${name}`, org]),
    ...Object.entries(vectors('approvals.json').orgs).map(([name, org]) => [`approvals.json ${name}`, org]),
    ...['acme', 'servo', 'acme-approvals'].map((name) => [`examples/org/${name}.json`, json(`examples/org/${name}.json`)]),
    ...vectors('admin.json')
      .cases.filter((c) => c.expect.ok)
      .map((c) => [`the snapshot after "${c.name}"`, c.expect.org]),
  ];
  const engine = PolicyEngine.builtin('mytrumpf');
  for (const [where, org] of orgs) {
    const { ok, errors } = judge('organization', org);
    assert.ok(ok, `${where}: ${errors}`);
  }
  const acme = json('examples/org/acme.json');
  for (const [what, bad] of [
    ['an unknown member', { ...acme, tenantt: 'acme' }],
    ['members not a list', { ...acme, members: {} }],
    ['a member without an e-mail', { ...acme, members: [{ id: 'x', name: 'X', status: 'active', roles: [] }] }],
    ['a status that does not exist', { ...acme, members: [{ ...acme.members[0], status: 'sleeping' }] }],
    ['a role assignment of a number', { ...acme, members: [{ ...acme.members[0], roles: [7] }] }],
    ['a scope value of a number', { ...acme, members: [{ ...acme.members[0], roles: [{ role: 'operator', scope: { facility: 1 } }] }] }],
  ]) {
    assert.equal(judge('organization', bad).ok, false, `the schema rejects ${what}`);
    assert.throws(() => engine.organization(bad), { name: 'RequestError' }, `the reader refuses ${what} too`);
  }
  engine.free();
});

test('the operations of the vectors and examples are accepted; a misspelt or mistyped one is not', () => {
  const operations = [
    ...vectors('admin.json').cases.map((c) => [`admin.json "${c.name}"`, c.operation]),
    ...['invite', 'invite-company', 'remove-anna', 'approve-paul'].map((name) => [`examples/org/${name}.json`, json(`examples/org/${name}.json`)]),
  ].filter(([, op]) => op !== undefined);
  assert.ok(operations.length > 40, `${operations.length} operations`);
  for (const [where, op] of operations) {
    const { ok, errors } = judge('operation', op);
    assert.ok(ok, `${where}: ${errors}`);
  }
  for (const [what, bad] of [
    ['an operation that does not exist', { op: 'promote', member: 'anna' }],
    ['no op', { email: 'x@acme.example', name: 'X' }],
    ['an unknown member', { op: 'invite', email: 'x@acme.example', name: 'X', rolez: [] }],
    ['an e-mail of a number', { op: 'invite', email: 1, name: 'X' }],
  ]) {
    assert.equal(judge('operation', bad).ok, false, `the schema rejects ${what}`);
  }
});
