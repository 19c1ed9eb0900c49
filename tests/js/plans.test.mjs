// Query plans through the package: the shared plan vectors; `planToSql` against PostgreSQL (PGlite,
// in wasm, no service) selecting exactly the rows `can` allows over a few thousand generated rows,
// values only ever as parameters; `filter` and `planAllows` likewise; and every argument that does
// not fit refused with its path.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { filter, planAllows, planToSql, PolicyEngine, RequestError } from 'rolegate';
import { vectors } from './helpers.mjs';

test('plan vectors: engine and session plan alike, exactly as expected, and can agrees on every listed resource', () => {
  const { cases } = vectors('plans.json');
  for (const { name, policy, subject, action, expect, allowed, denied } of cases) {
    const engine = PolicyEngine.builtin(policy);
    const session = engine.session(subject);
    const plan = session.plan(action);
    assert.deepEqual(plan, expect, `${name}: session.plan`);
    assert.deepEqual(engine.plan(subject, action), plan, `${name}: engine.plan`);
    for (const [list, answer] of [[allowed, true], [denied, false]]) {
      for (const resource of list) {
        assert.equal(session.can(action, resource), answer, `${name}: can on ${JSON.stringify(resource)}`);
        assert.equal(planAllows(plan, resource), answer, `${name}: planAllows on ${JSON.stringify(resource)}`);
        assert.deepEqual(filter(plan, [resource], { singleTenant: true }), answer ? [resource] : [], `${name}: filter on ${JSON.stringify(resource)}`);
      }
    }
    session.free();
  }
});

test('an engine without a policy plans never, with code no_policy; a subject that does not fit is a RequestError', () => {
  const broken = PolicyEngine.load('{');
  assert.deepEqual(broken.plan({ tenant: 'acme', roles: [] }, 'eshop.order.place'), { decision: 'never', tenant: 'acme', code: 'no_policy' });
  assert.deepEqual(broken.session({ tenant: 'acme', roles: [] }).plan('x'), { decision: 'never', tenant: 'acme', code: 'no_policy' });
  const engine = PolicyEngine.builtin('mytrumpf');
  assert.throws(() => engine.plan({ tenant: 'acme', roles: ['opertor'] }, 'x'), (e) => e instanceof RequestError && e.problems[0].path === 'subject.roles[0]');
  assert.throws(() => engine.session({ tenant: 'acme', roles: [] }).plan(42), (e) => e instanceof RequestError && e.problems[0].path === 'action');
});

// PostgreSQL in wasm, one table of service cases over three tenants, four facilities and five
// customers; some rows lack a facility or a customer (NULL), which no scope on it matches.
const ROWS = 3000;
const FACILITIES = ['fac-0', 'fac-1', 'fac-2', 'fac-3'];
const CUSTOMERS = ['cust-0', 'cust-1', 'cust-2', 'cust-3', 'cust-4'];
const TENANTS = ['steelworks', 'servco', 'rival'];
const COLUMNS = { tenant: 'tenant_id', facility: 'facility_id', customer: 'customer_id', service_org: 'c.service_org_id' };
let db;
let rows;

before(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE service_cases (id integer PRIMARY KEY, tenant_id text NOT NULL, facility_id text, customer_id text, service_org_id text);
    INSERT INTO service_cases
      SELECT i, (ARRAY['steelworks','servco','rival'])[1 + (i * 7) % 3],
             CASE WHEN i % 11 = 0 THEN NULL ELSE 'fac-' || (i % 4) END,
             CASE WHEN i % 13 = 0 THEN NULL ELSE 'cust-' || ((i / 4) % 5) END,
             CASE WHEN i % 2 = 0 THEN 'org-' || (i % 3) END
      FROM generate_series(1, ${ROWS}) AS i;
  `);
  rows = (await db.query('SELECT * FROM service_cases ORDER BY id')).rows;
});
after(async () => {
  await db?.close();
});

/** A row as the resource `can` is asked about: its tenant and the attributes it has. */
function resourceOf(row) {
  const resource = { tenant: row.tenant_id };
  if (row.facility_id !== null) resource.facility = row.facility_id;
  if (row.customer_id !== null) resource.customer = row.customer_id;
  if (row.service_org_id !== null) resource.service_org = row.service_org_id;
  return resource;
}

/** The ids `planToSql` selects. */
async function selected(plan) {
  const { sql, params } = planToSql(plan, { columns: COLUMNS });
  for (const value of params) assert.ok(!sql.includes(value), `the value ${value} is not in the SQL text: ${sql}`);
  const result = await db.query(`SELECT id FROM service_cases AS c WHERE ${sql} ORDER BY id`, params);
  return result.rows.map((r) => r.id);
}

const scopeArbitrary = fc.record(
  { facility: fc.constantFrom(...FACILITIES), customer: fc.constantFrom(...CUSTOMERS), service_org: fc.constantFrom('org-0', 'org-1') },
  { requiredKeys: [] },
);

test(`planToSql against PGlite: the rows selected are the rows can allows (${ROWS} rows, random subjects)`, async (t) => {
  const engine = PolicyEngine.builtin('platform');
  const roles = engine.roles().map((r) => r.id);
  const actions = ['customer_service_cases.manage', 'service_cases.manage', 'asset.manage', 'remote_access.manage', 'tenant_users.manage', 'no.such.action'];
  const subjects = fc.sample(
    fc.record({
      tenant: fc.constantFrom('steelworks', 'servco'),
      tenantKind: fc.constantFrom('operator', 'service_provider'),
      modules: fc.constantFrom([], ['internal_service_cases']),
      roles: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...roles) }, { weight: 4, arbitrary: fc.record({ role: fc.constantFrom(...roles), scope: scopeArbitrary }) }), { minLength: 1, maxLength: 5 }),
    }),
    { seed: 20261129, numRuns: 80 },
  );
  const seen = new Map();
  for (const subject of subjects) {
    let session;
    try {
      session = engine.session(subject);
    } catch (error) {
      assert.ok(error instanceof RequestError); // a module the kind does not offer
      continue;
    }
    for (const action of actions) {
      const plan = session.plan(action);
      seen.set(plan.decision, (seen.get(plan.decision) ?? 0) + 1);
      const expected = rows.filter((row) => session.can(action, resourceOf(row))).map((r) => r.id);
      assert.deepEqual(await selected(plan), expected, `${JSON.stringify(subject)} ${action}: ${JSON.stringify(plan)}`);
      assert.deepEqual(filter(plan, rows, { attributes: resourceOf }).map((r) => r.id), expected, 'filter');
    }
    session.free();
  }
  for (const decision of ['always', 'never', 'conditional']) assert.ok(seen.get(decision) > 20, `${decision}: ${[...seen]}`);
  t.diagnostic(`plans compared: ${[...seen].map(([d, n]) => `${n} ${d}`).join(', ')}`);
});

test('planToSql: values never in the text, even hostile ones; placeholders numbered after given params, or ?', async () => {
  const engine = PolicyEngine.builtin('mytrumpf');
  const hostile = "fac-1'); DROP TABLE service_cases; --";
  const plan = engine.plan({ tenant: 'steelworks', roles: [{ role: 'operator', scope: { facility: hostile } }, { role: 'operator', scope: { facility: 'fac-2' } }] }, 'service.case.manage');
  const { sql, params } = planToSql(plan, { columns: { tenant: 'tenant_id', facility: 'facility_id' }, params: ['x'] });
  assert.equal(sql, '(tenant_id = $2 AND (facility_id = $3 OR facility_id = $4))');
  assert.deepEqual(params, ['x', 'steelworks', hostile, 'fac-2']);
  const { rows: found } = await db.query(`SELECT count(*)::int AS n FROM service_cases WHERE $1 = 'x' AND ${sql}`, params);
  assert.equal(found[0].n, rows.filter((r) => r.tenant_id === 'steelworks' && r.facility_id === 'fac-2').length);
  assert.deepEqual(planToSql(plan, { columns: { facility: 'facility_id' }, singleTenant: true, placeholder: '?' }), { sql: '(facility_id = ? OR facility_id = ?)', params: [hostile, 'fac-2'] });
  assert.deepEqual(planToSql(plan, { columns: { facility: 'f."Facility"' }, singleTenant: true, placeholder: (n) => `:p${n}` }).sql, '(f."Facility" = :p1 OR f."Facility" = :p2)');
  const two = { decision: 'conditional', tenant: 't', anyOf: [{ customer: 'c', facility: 'f' }, { facility: 'g' }] };
  assert.equal(planToSql(two, { columns: { facility: 'fa', customer: 'cu' }, singleTenant: true }).sql, '((cu = $1 AND fa = $2) OR fa = $3)');
  assert.equal(planToSql({ decision: 'conditional', tenant: 't', anyOf: [{ customer: 'c', facility: 'f' }] }, { columns: { facility: 'fa', customer: 'cu' }, singleTenant: true }).sql, '(cu = $1 AND fa = $2)');
  assert.deepEqual(planToSql({ decision: 'always', tenant: 't' }, { columns: {}, singleTenant: true }), { sql: 'TRUE', params: [] });
  assert.deepEqual(planToSql({ decision: 'always', tenant: 't' }, { columns: { tenant: 'tenant_id' } }), { sql: 'tenant_id = $1', params: ['t'] });
  assert.deepEqual(planToSql({ decision: 'never', tenant: 't', code: 'not_granted' }, { columns: { tenant: 'tenant_id' }, params: [1] }), { sql: 'FALSE', params: [1] });
  assert.ok(await db.query('SELECT count(*) FROM service_cases'), 'the table is still there');
});

test('the helpers refuse what does not fit, naming it, and never drop a condition', () => {
  const plan = { decision: 'conditional', tenant: 't', anyOf: [{ facility: 'f1' }] };
  const refused = (fn, path, part) =>
    assert.throws(fn, (e) => e instanceof RequestError && e.code === 'invalid_request' && e.problems[0].path === path && e.message.includes(part) && e.problems[0].messages.de.length > 0, `${path}: ${part}`);
  refused(() => planToSql(plan, { columns: { facility: 'facility_id' } }), 'options.columns.tenant', "is missing: the plan allows rows of tenant 't' only");
  refused(() => planToSql({ decision: 'always', tenant: 't' }, { columns: {} }), 'options.columns.tenant', 'singleTenant: true');
  refused(() => planToSql(plan, { columns: {} }), 'options.columns.tenant', "holds the rows of tenant 't' alone");
  refused(() => planToSql({ decision: 'never', tenant: 't', code: 'not_granted' }, { columns: {} }), 'options.columns.tenant', 'is missing');
  refused(() => planToSql(plan, { columns: { tenant: 'tenant_id' }, singleTenant: true }), 'options.singleTenant', 'cannot be true together');
  refused(() => planToSql(plan, { columns: { facility: 'f' }, singleTenant: 'yes' }), 'options.singleTenant', 'must be true or false');
  refused(() => planToSql(plan, { columns: { tenant: 'tenant_id' } }), 'options.columns.facility', 'a condition is never left out');
  refused(() => planToSql(plan, { columns: {}, singleTenant: true }), 'options.columns.facility', 'a condition is never left out');
  refused(() => planToSql(plan, { columns: { facility: 'facility_id; DROP TABLE x' }, singleTenant: true }), 'options.columns.facility', 'must be a SQL column name');
  refused(() => planToSql(plan, { columns: { facility: 'f', tenant: 7 } }), 'options.columns.tenant', 'not the number 7');
  refused(() => planToSql(plan, { columns: [] }), 'options.columns', 'must be an object');
  refused(() => planToSql(plan, { columns: { facility: 'f' }, singleTenant: true, params: 'x' }), 'options.params', 'must be an array');
  refused(() => planToSql(plan, { columns: { facility: 'f' }, singleTenant: true, placeholder: ':' }), 'options.placeholder', "must be '$', '?'");
  refused(() => planToSql(plan, { columns: { facility: 'f' }, singleTenant: true, placeholder: () => 3 }), 'options.placeholder', 'must return');
  refused(() => planToSql(null, { columns: {} }), 'plan', 'must be a plan object');
  refused(() => planToSql({ decision: 'sometimes', tenant: 't' }, { columns: {} }), 'plan.decision', "not the string \"sometimes\"");
  refused(() => planToSql({ decision: 'always' }, { columns: {} }), 'plan.tenant', 'must be a string');
  refused(() => planToSql({ decision: 'conditional', tenant: 't', anyOf: [] }, { columns: {}, singleTenant: true }), 'plan.anyOf', 'non-empty array');
  refused(() => planToSql({ decision: 'conditional', tenant: 't', anyOf: [{}] }, { columns: {}, singleTenant: true }), 'plan.anyOf[0]', 'non-empty object');
  refused(() => planToSql({ decision: 'conditional', tenant: 't', anyOf: [{ facility: 1 }] }, { columns: {}, singleTenant: true }), 'plan.anyOf[0].facility', 'must be a string');
  refused(() => filter(plan, 'rows'), 'rows', 'must be an array');
  refused(() => filter(plan, [], { attributes: 'facility' }), 'options.attributes', 'must be a function');
  refused(() => filter(plan, [{ facility: 'f1' }, { facility: 2.5 }], { singleTenant: true }), 'rows[1].facility', 'must be a string or a whole number, not the number 2.5');
  refused(() => filter(plan, [7]), 'rows[0]', 'must be an object');
  refused(() => filter(plan, [{ tenant: 't', facility: 'f1' }, { facility: 'f1' }]), 'rows[1].tenant', "without it the row would count as tenant 't''s");
  refused(() => filter({ decision: 'always', tenant: 't' }, [{ tenant: 't' }, null]), 'rows[1].tenant', 'singleTenant: true');
  refused(() => filter(plan, [{ tenant: 't' }], { singleTenant: 1 }), 'options.singleTenant', 'must be true or false');
  // A table of several tenants: each row names its own, and another tenant's row is never kept.
  assert.deepEqual(filter(plan, [{ tenant: 't', facility: 'f1' }, { tenant: 'u', facility: 'f1' }, { tenant: 't', facility: 'f2' }]), [{ tenant: 't', facility: 'f1' }]);
  refused(() => planAllows(plan, { tenant: 5.5 }), 'resource.tenant', 'must be a string or a whole number');
  assert.equal(planAllows(plan, { tenant: 5 }), false, 'a whole number is its text: tenant "5", not the plan\'s');
  assert.deepEqual(filter({ decision: 'never', tenant: 't', code: 'not_granted' }, [{ facility: 'f1' }], { singleTenant: true }), []);
  assert.deepEqual(filter({ decision: 'always', tenant: 't' }, [{}, { tenant: 'u' }, { tenant: 't' }], { singleTenant: true }), [{}, { tenant: 't' }]);
  // A plan that went through JSON (from the server to the page) works the same.
  assert.equal(planAllows(JSON.parse(JSON.stringify(plan)), { facility: 'f1', extra: 'x' }), true);
});
