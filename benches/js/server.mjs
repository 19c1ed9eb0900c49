// The cost of gating an Express route, measured with autocannon: the same route answered without
// a check, behind rolegate/express's `requirePermission`, and behind a CASL check doing the same
// decision. The server runs in a child process (so autocannon's own work does not share its
// thread), on 127.0.0.1; rounds alternate between the three (each round starting with another)
// and the median counts.
//
//   node benches/js/server.mjs              the table
//   node benches/js/server.mjs --markdown   the same, as the README's table
//   node benches/js/server.mjs --quick      shorter rounds (a smoke run)
//
// Needs `make pkg` and `make link-pkg`. Every request is allowed (the member holds the permission
// for the facility asked), so all three answer the same 200 and only the check differs. The
// numbers are this machine's; only the ratios of one run mean something.

import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const QUICK = process.argv.includes('--quick');
const MARKDOWN = process.argv.includes('--markdown');
const ROUNDS = QUICK ? 1 : 6;
const SECONDS = QUICK ? 2 : 5;
const CONNECTIONS = 10;
const ACTION = 'eshop.order.place';

/** The members the requests come from: a purchaser (tenant-wide) and a production manager in Plant North only. */
const MEMBERS = {
  alice: { id: 'alice', tenant: 'acme', roles: ['purchaser'] },
  bob: { id: 'bob', tenant: 'acme', roles: [{ role: 'production_manager', scope: { facility: 'f1' } }] },
};

/** The two checks as Express middleware, built the same way for the server and the per-call measurement. */
async function gates() {
  const { createMongoAbility, subject: caslSubject } = await import('@casl/ability');
  const { PolicyEngine } = await import('rolegate');
  const { requirePermission } = await import('rolegate/express');
  const engine = PolicyEngine.builtin('mytrumpf');
  // CASL gets each member's permissions already resolved by rolegate (which only favours it).
  const abilities = new Map(
    Object.entries(MEMBERS).map(([id, s]) => {
      const held = engine.session(s).permissions().map((p) => p.id);
      const scope = typeof s.roles[0] === 'string' ? undefined : s.roles[0].scope;
      return [id, createMongoAbility(held.map((action) => ({ action, subject: 'Facility', ...(scope ? { conditions: scope } : {}) })))];
    }),
  );
  const member = (req) => MEMBERS[req.headers['x-member']];
  return {
    rolegate: requirePermission(engine, ACTION, { subject: member, resource: (req) => ({ facility: req.params.facility }) }),
    casl(req, res, next) {
      const ability = abilities.get(req.headers['x-member']);
      if (!ability) return res.status(401).json({ error: 'unauthorized' });
      if (ability.can(ACTION, caslSubject('Facility', { facility: req.params.facility }))) return next();
      return res.status(403).json({ error: 'forbidden' });
    },
  };
}

/** The child: the Express app with the three routes. */
async function serve() {
  const { default: express } = await import('express');
  const gate = await gates();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const answer = (req, res) => res.json({ ok: true, facility: req.params.facility });
  app.get('/plain/:facility', answer);
  app.get('/noop/:facility', (req, res, next) => next(), answer);
  app.get('/rolegate/:facility', gate.rolegate, answer);
  app.get('/casl/:facility', gate.casl, answer);
  const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

/** Microseconds per call of each middleware alone, on an allowed request (median of 5 runs of 50,000). */
async function perCall() {
  const gate = await gates();
  const requests = Object.keys(MEMBERS).map((m) => ({ headers: { 'x-member': m }, params: { facility: 'f1' } }));
  const out = {};
  for (const [name, middleware] of Object.entries(gate)) {
    const runs = [];
    for (let run = 0; run < 6; run++) {
      const start = performance.now();
      for (let i = 0; i < 50_000; i++) await middleware(requests[i & 1], {}, () => {});
      if (run > 0) runs.push(((performance.now() - start) * 1000) / 50_000);
    }
    out[name] = runs.sort((a, b) => a - b)[2];
  }
  return out;
}

/** Pins process `pid` to core `core` with taskset (Linux); false when that is not possible. */
function pin(pid, core) {
  try {
    execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function run() {
  const { default: autocannon } = await import('autocannon');
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: 'inherit' });
  // On a machine with two or more cores, the server gets the first and autocannon the second.
  const pinned = cpus().length >= 2 && pin(child.pid, 0) && pin(process.pid, 1);
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const base = `http://127.0.0.1:${port}`;
  const variants = ['plain', 'noop', 'rolegate', 'casl'];
  // Each variant's answers are checked before anything is timed.
  for (const v of variants) {
    for (const m of Object.keys(MEMBERS)) {
      const r = await fetch(`${base}/${v}/f1`, { headers: { 'x-member': m } });
      if (r.status !== 200) throw new Error(`${v} answers ${r.status} for ${m}`);
    }
    const denied = await fetch(`${base}/${v}/f2`, { headers: { 'x-member': 'bob' } });
    if (!['plain', 'noop'].includes(v) && denied.status !== 403) throw new Error(`${v} lets bob into f2`);
  }
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < ROUNDS + 1; round++) {
    // Each round starts with another variant, so that none always runs first (or last).
    for (const v of [...variants.slice(round % variants.length), ...variants.slice(0, round % variants.length)]) {
      const result = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: round === 0 ? 1 : SECONDS,
        requests: [
          { method: 'GET', path: `/${v}/f1`, headers: { 'x-member': 'alice' } },
          { method: 'GET', path: `/${v}/f1`, headers: { 'x-member': 'bob' } },
        ],
      });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${v}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      if (round > 0) results[v].push(result.requests.average); // round 0 warms up
    }
  }
  child.disconnect();
  const micro = await perCall();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rps = Object.fromEntries(variants.map((v) => [v, median(results[v])]));
  const overhead = (v) => 1 - rps[v] / rps.plain;
  const version = (name) => JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url))).version;
  const lines = [
    `Node ${process.version}, ${cpus()[0].model.trim()}${pinned ? ' (server and autocannon on a core each)' : ''}, express ${version('express')}, @casl/ability ${version('@casl/ability')}, autocannon ${version('autocannon')}: ${CONNECTIONS} connections, ${SECONDS} s per round, median of ${ROUNDS} rounds.`,
    '',
    '| Route | Requests per second | Overhead against no check |',
    '| --- | ---: | ---: |',
    `| No check | ${Math.round(rps.plain).toLocaleString('en-US')} | – |`,
    `| A middleware that only calls \`next()\` (the floor of any check) | ${Math.round(rps.noop).toLocaleString('en-US')} | ${(overhead('noop') * 100).toFixed(1)} % |`,
    `| \`requirePermission\` (rolegate/express) | ${Math.round(rps.rolegate).toLocaleString('en-US')} | ${(overhead('rolegate') * 100).toFixed(1)} % |`,
    `| CASL \`ability.can\` middleware | ${Math.round(rps.casl).toLocaleString('en-US')} | ${(overhead('casl') * 100).toFixed(1)} % |`,
    '',
    `The middleware alone, per allowed request (in one process, no HTTP): \`requirePermission\` ${micro.rolegate.toFixed(2)} µs, the CASL middleware ${micro.casl.toFixed(2)} µs; for scale, the route without a check answers one request per ${(1e6 / rps.plain).toFixed(0)} µs.`,
  ];
  if (MARKDOWN) console.log(lines.join('\n'));
  else {
    console.log(lines.join('\n').replace(/\| /g, '').replace(/ \|/g, '').replace(/^---.*$/m, ''));
    console.log(`rolegate's overhead ${(overhead('rolegate') * 100).toFixed(1)} % (goal: under 10 %); rolegate at ${(rps.rolegate / rps.casl).toFixed(2)}× CASL's requests per second`);
  }
}

if (process.argv.includes('--serve')) await serve();
else await run();
