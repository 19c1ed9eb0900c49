// A list screen's question, "which of the service cases may this user manage?", answered two ways
// over 100,000 service cases in PostgreSQL (PGlite, in this process):
//
//   plan   session.plan(action) → planToSql → SELECT … WHERE <the plan>: the database filters
//   can    SELECT every case of the table, then session.can(action, case) on each row in JS
//
// and, for a page that holds the rows already, `filter(plan, rows)` against `can` on each row.
// Every way must return the same cases before anything is timed. The ways take turns (each round
// starts with the next one); the table gives the median of each and the ratio against `can`. The
// numbers are this machine's; the ratios are what the README records.
//
//   node benches/js/plans.mjs [--quick] [--markdown]
//
// Needs `make pkg` and `make link-pkg` (`rolegate` resolves to pkg/).

import { PGlite } from '@electric-sql/pglite';
import { filter, planToSql, PolicyEngine } from 'rolegate';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const ROUNDS = QUICK ? 3 : 11;
const CASES = 100_000;
const FACILITIES = 40;
const CUSTOMERS = 200;

/** A row as the resource `can` is asked about. */
function resourceOf(row) {
  return { tenant: row.tenant_id, facility: row.facility_id, customer: row.customer_id };
}

const db = new PGlite();
await db.exec(`
  CREATE TABLE service_cases (id integer PRIMARY KEY, tenant_id text NOT NULL, facility_id text NOT NULL,
                              customer_id text NOT NULL, title text NOT NULL);
  INSERT INTO service_cases
    SELECT i, CASE WHEN i % 10 = 0 THEN 'rival' ELSE 'steelworks' END, 'f' || (i % ${FACILITIES}),
           'c' || ((i * 7) % ${CUSTOMERS}), 'Case ' || i
    FROM generate_series(1, ${CASES}) AS i;
  CREATE INDEX ON service_cases (tenant_id, facility_id);
  ANALYZE service_cases;
`);

const engine = PolicyEngine.builtin('platform');
// A workshop manager of two of the forty facilities: the usual list, a small part of the table.
const subject = {
  id: 'wanda',
  tenant: 'steelworks',
  tenantKind: 'operator',
  roles: [
    { role: 'workshop_manager', scope: { facility: 'f3' } },
    { role: 'workshop_manager', scope: { facility: 'f17' } },
  ],
};
const action = 'service_cases.manage';
const columns = { tenant: 'tenant_id', facility: 'facility_id', customer: 'customer_id' };

async function byPlan() {
  const session = engine.session(subject);
  const { sql, params } = planToSql(session.plan(action), { columns });
  const { rows } = await db.query(`SELECT * FROM service_cases WHERE ${sql} ORDER BY id`, params);
  session.free();
  return rows;
}

async function byCan() {
  const session = engine.session(subject);
  const { rows } = await db.query('SELECT * FROM service_cases ORDER BY id');
  const allowed = rows.filter((row) => session.can(action, resourceOf(row)));
  session.free();
  return allowed;
}

const loaded = (await db.query('SELECT * FROM service_cases ORDER BY id')).rows;
function byFilter() {
  const session = engine.session(subject);
  const allowed = filter(session.plan(action), loaded, { attributes: resourceOf });
  session.free();
  return allowed;
}

function byCanLoaded() {
  const session = engine.session(subject);
  const allowed = loaded.filter((row) => session.can(action, resourceOf(row)));
  session.free();
  return allowed;
}

// The same cases every way, before anything is timed.
const expected = (await byCan()).map((r) => r.id);
for (const [name, run] of [['plan', byPlan], ['filter', byFilter], ['can (loaded)', byCanLoaded]]) {
  const got = (await run()).map((r) => r.id);
  if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`${name} returns other cases than can`);
}

const ways = [
  ['database: SELECT … WHERE planToSql(plan)', byPlan],
  ['database: SELECT every case, then can on each', byCan],
  ['page: filter(plan, rows) over loaded rows', byFilter],
  ['page: can on each loaded row', byCanLoaded],
];
const times = ways.map(() => []);
// Each round starts with another way, so that none always pays for the garbage the one before it
// left (the full SELECT makes a lot).
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < ways.length; k++) {
    const i = (round + k) % ways.length;
    const start = process.hrtime.bigint();
    await ways[i][1]();
    times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
await db.close();

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = times.map(median);
const rows = [
  [ways[0][0], ms[0], ms[1] / ms[0]],
  [ways[1][0], ms[1], 1],
  [ways[2][0], ms[2], ms[3] / ms[2]],
  [ways[3][0], ms[3], 1],
];
const title = `${expected.length} of ${CASES} service cases allowed (2 of ${FACILITIES} facilities), median of ${ROUNDS} rounds`;
if (args.has('--markdown')) {
  console.log(`${title}\n\n| way | ms | faster than can on each row |\n|---|---:|---:|`);
  for (const [name, time, ratio] of rows) console.log(`| ${name} | ${time.toFixed(1)} | ${ratio === 1 ? '1×' : `${ratio.toFixed(1)}×`} |`);
} else {
  console.log(title);
  for (const [name, time, ratio] of rows) console.log(`${name.padEnd(48)} ${time.toFixed(1).padStart(9)} ms  ${ratio.toFixed(1)}×`);
}
