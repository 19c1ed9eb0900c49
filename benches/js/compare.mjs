// rolegate against the engines our users would otherwise pick, on the same workload in one Node
// process: a plain `Set` (the floor), CASL (`@casl/ability`), casbin (`casbin`, `enforceSync`)
// and Cedar's wasm build (`@cedar-policy/cedar-wasm`, preparsed `statefulIsAuthorized`).
//
//   node benches/js/compare.mjs              the table (ns per check, median of the rounds)
//   node benches/js/compare.mjs --markdown   the same, as the README's table
//   node benches/js/compare.mjs --quick      fewer rounds, no browser (a smoke run)
//   node benches/js/compare.mjs --baseline=DIR   also the Node cold start of another build of
//                                            the package (its pkg/ directory), in the same run
//
// Needs `make pkg` (and `make link-pkg`, which makes `rolegate` resolve to pkg/). Every peer gets
// the subject's permissions already flattened (implications resolved), which only favours them,
// and the decisions of all engines are compared before anything is timed: a fast wrong answer
// does not count. The numbers are this machine's; only the ratios in one run mean something.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createMongoAbility, subject as caslSubject } from '@casl/ability';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { newEnforcer, newModelFromString } from 'casbin';
import { PolicyEngine } from 'rolegate';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const ROUNDS = QUICK ? 3 : 9;
/** Another build of the package (a pkg/ directory) whose Node cold start is measured alongside. */
const BASELINE = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
/** Each round runs about this long per engine. */
const ROUND_MS = QUICK ? 20 : 100;

// ---------------------------------------------------------------------------------------------
// The workload: a purchaser of a customer company (role only), and a service engineer scoped to
// facility f1 (with a resource). Actions cycle through every permission of the policy and one
// the policy does not know.

const engine = PolicyEngine.builtin('mytrumpf');
const ACTIONS = [...engine.permissions().map((p) => p.id), 'no.such.action'];
const plainSubject = { id: 'alice', tenant: 'acme', roles: ['purchaser'] };
const scopedSubject = { id: 'bob', tenant: 'acme', roles: [{ role: 'service_engineer', scope: { facility: 'f1' } }] };
const RESOURCES = [{ facility: 'f1' }, { facility: 'f2' }, { facility: 'f1', line: '3' }];
const held = (s) => engine.session(s).permissions();
const plainAllowed = held(plainSubject).map((p) => p.id);
const scopedAllowed = held(scopedSubject).map((p) => p.id);

// ---------------------------------------------------------------------------------------------
// The engines, each answering `check(i)` for the i-th request of the workload.

const session = engine.session(plainSubject);
const scopedSession = engine.session(scopedSubject);

const set = new Set(plainAllowed);

const ability = createMongoAbility(plainAllowed.map((action) => ({ action, subject: 'all' })));
const scopedAbility = createMongoAbility(scopedAllowed.map((action) => ({ action, subject: 'Machine', conditions: { facility: 'f1' } })));
const caslResources = RESOURCES.map((r) => caslSubject('Machine', { ...r }));

const model = newModelFromString(`
[request_definition]
r = sub, act
[policy_definition]
p = sub, act
[role_definition]
g = _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub) && r.act == p.act
`);
const enforcer = await newEnforcer(model);
for (const action of plainAllowed) await enforcer.addPolicy('purchaser', action);
await enforcer.addGroupingPolicy('alice', 'purchaser');

const cedarPolicies = plainAllowed
  .map((a, i) => `@id("p${i}") permit(principal in Role::"purchaser", action == Action::${JSON.stringify(a)}, resource);`)
  .join('\n');
const parsed = cedar.preparsePolicySet('bench', { staticPolicies: cedarPolicies });
if (parsed.type !== 'success') throw new Error(`cedar could not parse the policies: ${JSON.stringify(parsed)}`);
const cedarEntities = [
  { uid: { type: 'User', id: 'alice' }, attrs: {}, parents: [{ type: 'Role', id: 'purchaser' }] },
  { uid: { type: 'Role', id: 'purchaser' }, attrs: {}, parents: [] },
];
function cedarCheck(action) {
  const answer = cedar.statefulIsAuthorized({
    principal: { type: 'User', id: 'alice' },
    action: { type: 'Action', id: action },
    resource: { type: 'Thing', id: 'x' },
    context: {},
    preparsedPolicySetId: 'bench',
    entities: cedarEntities,
  });
  if (answer.type !== 'success') throw new Error(`cedar failed: ${JSON.stringify(answer)}`);
  return answer.response.decision === 'allow';
}

// A decision with a money condition: a purchaser orders directly up to 5,000.00 EUR (the
// tenant's rule: above that a Managing Director releases), checked on orders of totals around
// the threshold. rolegate reads the money text of the resource (`"4999.99 EUR"`) in the module;
// CASL gets the total in cents and a condition `{ total: { $lte: 500000 } }`, cedar-wasm the
// same in its context with `when { context.total <= 500000 }`.
const MONEY_RULES = [{ id: 'md-over-5000', action: 'eshop.order.place', when: { total: { over: '5000.00 EUR' } }, tiers: [['managing_director']] }];
const moneySession = engine.session(plainSubject, { approvalRules: MONEY_RULES });
const CENTS = [100, 250000, 499999, 500000, 500001, 1200000, 9900000];
const eurText = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')} EUR`;
const ORDERS = CENTS.map((cents) => ({ facility: 'f1', total: eurText(cents) }));
const moneyAbility = createMongoAbility([{ action: 'eshop.order.place', subject: 'Order', conditions: { total: { $lte: 500000 } } }]);
const caslOrders = CENTS.map((total) => caslSubject('Order', { facility: 'f1', total }));
const cedarMoney = cedar.preparsePolicySet('money', {
  staticPolicies: '@id("m") permit(principal in Role::"purchaser", action == Action::"eshop.order.place", resource) when { context.total <= 500000 };',
});
if (cedarMoney.type !== 'success') throw new Error(`cedar could not parse the money policy: ${JSON.stringify(cedarMoney)}`);
function cedarMoneyCheck(cents) {
  const answer = cedar.statefulIsAuthorized({
    principal: { type: 'User', id: 'alice' },
    action: { type: 'Action', id: 'eshop.order.place' },
    resource: { type: 'Order', id: 'o' },
    context: { total: cents },
    preparsedPolicySetId: 'money',
    entities: cedarEntities,
  });
  if (answer.type !== 'success') throw new Error(`cedar failed: ${JSON.stringify(answer)}`);
  return answer.response.decision === 'allow';
}

const n = ACTIONS.length;
const r = RESOURCES.length;
const o = CENTS.length;
const roleOnly = [
  ['Set.has (the floor)', (i) => set.has(ACTIONS[i % n])],
  ['rolegate session.can', (i) => session.can(ACTIONS[i % n])],
  ['CASL ability.can', (i) => ability.can(ACTIONS[i % n], 'all')],
  ['rolegate engine.can (no session)', (i) => engine.can(plainSubject, ACTIONS[i % n])],
  ['casbin enforceSync', (i) => enforcer.enforceSync('alice', ACTIONS[i % n])],
  ['cedar-wasm statefulIsAuthorized', (i) => cedarCheck(ACTIONS[i % n])],
];
const withResource = [
  ['rolegate session.can(action, resource)', (i) => scopedSession.can(ACTIONS[i % n], RESOURCES[i % r])],
  ['CASL ability.can with conditions', (i) => scopedAbility.can(ACTIONS[i % n], caslResources[i % r])],
];
const withMoney = [
  ['rolegate session.can, money condition', (i) => moneySession.can('eshop.order.place', ORDERS[i % o])],
  ['CASL ability.can, { total: { $lte } }', (i) => moneyAbility.can('eshop.order.place', caslOrders[i % o])],
  ['cedar-wasm, when { context.total <= … }', (i) => cedarMoneyCheck(CENTS[i % o])],
];

// ---------------------------------------------------------------------------------------------
// Before timing: every engine gives the same decisions.

for (const group of [roleOnly, withResource, withMoney]) {
  const [[firstName, first]] = group;
  for (const [name, check] of group) {
    for (let i = 0; i < n * r * o; i++) {
      if (check(i) !== first(i)) throw new Error(`${name} and ${firstName} disagree on request ${i}`);
    }
  }
}

/** How many calls of `check` take about a round (doubled until a tenth of one, then ×10). */
function calibrate(check) {
  let count = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) check(i);
    if (Number(process.hrtime.bigint() - start) / 1e6 > ROUND_MS / 10) return count * 10;
    count *= 2;
  }
}

/** One round of `count` calls of `check`: ns per call. */
function round(check, count) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) if (check(i)) sink++;
  const ns = Number(process.hrtime.bigint() - start) / count;
  if (sink < 0) console.log(sink);
  return ns;
}

/**
 * The median ns per call of each check, over rounds taken in turns (every check's first round,
 * then every check's second…), so that a slow moment of this shared machine hits all alike.
 */
function measureAll(checks) {
  const counts = checks.map(calibrate);
  const rounds = checks.map(() => []);
  for (let k = 0; k < ROUNDS; k++) checks.forEach((check, c) => rounds[c].push(round(check, counts[c])));
  return rounds.map(median);
}

/** The median ns per call of `check` over the rounds. */
function measure(check) {
  return measureAll([check])[0];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const checks = [...roleOnly, ...withResource, ...withMoney];
const results = measureAll(checks.map(([, check]) => check)).map((ns, i) => ({ name: checks[i][0], ns }));
const ns = Object.fromEntries(results.map((x) => [x.name, x.ns]));

// The batch: 1,000 resources × 10 actions in one call, against the same decisions one by one.
const batchActions = ACTIONS.slice(0, 10);
const batchResources = Array.from({ length: 1000 }, (_, i) => ({ facility: `f${i % 4}`, machine: `m${i}` }));
const batchCasl = batchResources.map((x) => caslSubject('Machine', { ...x }));
const many = scopedSession.canMany(batchActions, batchResources);
for (let i = 0; i < batchResources.length; i++) {
  for (let j = 0; j < batchActions.length; j++) {
    if (many[i][j] !== scopedAbility.can(batchActions[j], batchCasl[i])) throw new Error(`canMany and CASL disagree at ${i}, ${j}`);
  }
}
const batchMs = measure(() => scopedSession.canMany(batchActions, batchResources).length > 0) / 1e6;
const batchCaslMs =
  measure(() => {
    let yes = 0;
    for (let i = 0; i < batchCasl.length; i++) for (let j = 0; j < batchActions.length; j++) if (scopedAbility.can(batchActions[j], batchCasl[i])) yes++;
    return yes > 0;
  }) / 1e6;

// ---------------------------------------------------------------------------------------------
// Scale, through the wasm module: a policy of 2,000 roles and 500 permissions, and an
// organization of 100,000 members loaded once (the same ones benches/engine.rs builds).

function largePolicy(roleCount, permissionCount) {
  const label = (s) => ({ en: s, de: `${s} (de)` });
  const permissions = Array.from({ length: permissionCount }, (_, p) => ({
    id: `p${p}`,
    label: label(`Permission ${p}`),
    ...(p % 10 === 9 ? { implies: [`p${p - 1}`] } : {}),
  }));
  const roles = Array.from({ length: roleCount }, (_, i) => ({
    id: `r${i}`,
    label: label(`Role ${i}`),
    grants: Array.from({ length: 12 }, (_, k) => `p${(i * 7 + k * 41) % permissionCount}`),
    admin: i === 0,
  }));
  return {
    version: 1,
    id: 'large',
    label: label('Large'),
    scopes: [{ id: 'facility', label: label('Facility') }],
    tenantKinds: [{ id: 'k', label: label('Kind'), defaultRole: 'r1' }],
    permissions,
    roles,
  };
}

function largeOrg(n) {
  const rolesOf = (i) => {
    if (i % 100 === 0) return ['purchaser'];
    if (i % 100 === 50) return ['production_manager'];
    if (i % 100 === 20) return ['operator'];
    if (i % 10 === 3) return [{ role: 'service_engineer', scope: { facility: `f${Math.floor(i / 10) % 10}` } }];
    return ['programmer'];
  };
  const members = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, email: `m${i}@acme.example`, name: `M ${i}`, status: 'active', roles: rolesOf(i) }));
  return { tenant: 'acme', kind: 'customer', members };
}

/** The median ms of `fn` over a few runs (for the slow, one-off steps). */
function slow(fn, runs = QUICK ? 3 : 7) {
  const times = [];
  for (let k = 0; k < runs; k++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const bigPolicy = largePolicy(2000, 500);
const loadLargeMs = slow(() => new PolicyEngine(bigPolicy).free());

// ---------------------------------------------------------------------------------------------
// The boundary: values cross with serde-wasm-bindgen (a JS object read field by field into the
// module, answers built as JS objects). The same document as JSON text, which the Node module
// reads with serde_json, measures it against the text it replaced; and the plain path's calls
// (a subject compiled, an explanation, a session's permissions) say what a call costs now.

const policyObject = engine.policy();
const policyText = JSON.stringify(policyObject);
const bigPolicyText = JSON.stringify(bigPolicy);
const boundaryRows = [
  ['`mytrumpf` given as a JS object (serde-wasm-bindgen), compiled', slow(() => new PolicyEngine(policyObject).free(), QUICK ? 5 : 41)],
  ['`mytrumpf` given as JSON text (serde_json in the module), compiled', slow(() => new PolicyEngine(policyText).free(), QUICK ? 5 : 41)],
  ['2,000 roles × 500 permissions as a JS object, compiled', loadLargeMs],
  ['2,000 roles × 500 permissions as JSON text, compiled', slow(() => new PolicyEngine(bigPolicyText).free())],
];
const boundaryCalls = [
  ['`engine.session(subject)` (a subject in, compiled)', measure(() => { engine.session(scopedSubject).free(); return true; })],
  ['`engine.explain(subject, action)` (a subject in, an explanation out)', measure((i) => engine.explain(scopedSubject, ACTIONS[i % n]).allowed)],
  ['`session.explain(action, resource)` (a resource in, an explanation out)', measure((i) => scopedSession.explain(ACTIONS[i % n], RESOURCES[i % r]).allowed)],
  ['`session.permissions()` (an answer of 30 permissions with their grants out)', measure(() => session.permissions().length > 0)],
];
const scaleRows = [];
for (const [name, policy] of [['20 roles', largePolicy(20, 500)], ['2,000 roles', bigPolicy]]) {
  const e = new PolicyEngine(policy);
  const s = e.session({ tenant: 't', roles: ['r3', 'r11'] });
  scaleRows.push([`session.can in a policy of ${name}`, measure((i) => s.can(i % 2 ? 'p99' : 'p100'))]);
  scaleRows.push([`engine.can in a policy of ${name}`, measure((i) => e.can({ tenant: 't', roles: ['r3', 'r11'] }, i % 2 ? 'p99' : 'p100'))]);
  s.free();
  e.free();
}
const bigOrg = largeOrg(100_000);
const loadOrgMs = slow(() => engine.organization(bigOrg).free(), QUICK ? 1 : 3);
const handle = engine.organization(bigOrg);
const releasers = handle.whoCan('eshop.order.release').length;
const whoCanMs = slow(() => handle.whoCan('eshop.order.release'));
const managers = handle.whoCan('service.case.manage', { facility: 'f3' }).length;
const whoCanScopedMs = slow(() => handle.whoCan('service.case.manage', { facility: 'f3' }));
handle.free();

// ---------------------------------------------------------------------------------------------
// Cold start. Node: a fresh process runs a module file (as an application is one) that imports
// the package, which instantiates the module, and loads the built-in policy (the target's
// definition), then decides once. Chromium: a fresh browser context (nothing cached) loads a page;
// the headline row is the time from the page's script to its first decision with the package's
// files preloaded by the README's hints (the library's share), the others include the network and
// the page's own start.

const COLD_RUNS = QUICK ? 3 : 15;
const coldDir = join(root, 'target/cold-start');
mkdirSync(coldDir, { recursive: true });

/**
 * Medians over fresh Node processes of the numbers each module file prints (a JSON list), for
 * each `[name, code]` (a name with a slash puts the file in a folder of its own); the files run
 * in turns, so a slow moment of the machine hits all alike.
 */
function nodeColdStarts(...files) {
  const paths = files.map(([name, code]) => {
    const file = join(coldDir, `${name}.mjs`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, code);
    return file;
  });
  const runs = paths.map(() => []);
  for (let k = 0; k < COLD_RUNS; k++) {
    paths.forEach((file, f) => runs[f].push(JSON.parse(execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' }))));
  }
  return runs.map((r) => r[0].map((_, i) => median(r.map((x) => x[i]))));
}

/** `nodeColdStarts` of one file. */
function nodeColdStart(name, code) {
  return nodeColdStarts([name, code])[0];
}
/** The cold-start module file for the package at `specifier`. */
const coldCode = (specifier) => `const t0 = performance.now();
const { PolicyEngine } = await import(${JSON.stringify(specifier)});
const engine = PolicyEngine.builtin('mytrumpf');
const t1 = performance.now();
const allowed = engine.session({ tenant: 'acme', roles: ['purchaser'] }).can('eshop.order.place');
const t2 = performance.now();
if (!allowed) throw new Error('the first decision in Node was wrong');
console.log(JSON.stringify([t1 - t0, t2 - t0]));`;
// The baseline is imported as `rolegate` too, from a folder whose node_modules/rolegate links to
// it: the package's name resolved alike (2 ms of a cold start on this VM) for both builds.
if (BASELINE) {
  const modules = join(coldDir, 'baseline/node_modules');
  mkdirSync(modules, { recursive: true });
  rmSync(join(modules, 'rolegate'), { force: true });
  symlinkSync(resolve(BASELINE), join(modules, 'rolegate'));
}
const [[coldOurs, coldOursDecision], coldBaseline] = nodeColdStarts(
  ['rolegate', coldCode('rolegate')],
  ...(BASELINE ? [['baseline/start', coldCode('rolegate')]] : []),
);
writeFileSync(join(coldDir, 'empty-module.mjs'), 'export default 1;\n');
const [coldEmpty] = nodeColdStart(
  'empty',
  `const t0 = performance.now();
await import('./empty-module.mjs');
console.log(JSON.stringify([performance.now() - t0]));`,
);
const [coldCedar] = nodeColdStart(
  'cedar',
  `const t0 = performance.now();
const cedar = await import('@cedar-policy/cedar-wasm/nodejs');
cedar.preparsePolicySet('p', { staticPolicies: 'permit(principal, action, resource);' });
console.log(JSON.stringify([performance.now() - t0]));`,
);

/** Chromium: ms to the first decision in fresh browser contexts, several ways (see the rows). */
async function browserColdStart() {
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('../../scripts/serve.mjs');
  // What every page does once it has the module: instantiate it, load the policy, decide.
  const decide = `await init();
const engine = PolicyEngine.builtin('mytrumpf');
const allowed = engine.session({ tenant: 'acme', roles: ['purchaser'] }).can('eshop.order.place');`;
  // The hints the README recommends: the module and the .wasm fetched while the HTML is parsed.
  const hints = '<link rel="modulepreload" href="/pkg/web/rolegate.js"><link rel="preload" href="/pkg/web/rolegate_wasm_bg.wasm" as="fetch" type="application/wasm" crossorigin>';
  const page = `<!doctype html><meta charset="utf-8"><script>window.scriptStart = performance.now();</script><script type="module">
import init, { PolicyEngine } from '/pkg/web/rolegate.js';
${decide}
window.firstDecision = { ms: performance.now(), script: performance.now() - window.scriptStart, allowed };
</script>`;
  const preloaded = page.replace('<meta charset="utf-8">', `<meta charset="utf-8">${hints}`);
  // The page is up (loaded, its preloads done, 100 ms of quiet); then its script imports the
  // package, instantiates it, loads the policy and decides.
  const loadedFrom = (pkg) => `<!doctype html><meta charset="utf-8">${hints.replaceAll('/pkg/', pkg)}<script type="module">
addEventListener('load', () => setTimeout(async () => {
  const t0 = performance.now();
  const { default: init, PolicyEngine } = await import('${pkg}web/rolegate.js');
  ${decide}
  window.firstDecision = { ms: performance.now() - t0, allowed };
}, 100));
</script>`;
  const loaded = loadedFrom('/pkg/');
  // The baseline build, served from a link inside the served folder.
  const baselineLink = join(coldDir, 'baseline-pkg');
  if (BASELINE) {
    rmSync(baselineLink, { force: true });
    symlinkSync(resolve(BASELINE), baselineLink);
  }
  const empty = `<!doctype html><meta charset="utf-8"><script type="module">
window.firstDecision = { ms: performance.now(), allowed: true };
</script>`;
  const server = await startServer({
    root,
    pages: {
      '/cold-start.html': page,
      '/cold-start-preload.html': preloaded,
      '/cold-start-loaded.html': loaded,
      '/baseline-loaded.html': loadedFrom('/target/cold-start/baseline-pkg/'),
      '/empty.html': empty,
    },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  async function time(path, field = 'ms') {
    const runs = [];
    for (let k = 0; k < COLD_RUNS; k++) {
      const context = await browser.newContext(); // a fresh context: nothing cached
      const tab = await context.newPage();
      await tab.goto(`${server.url}${path}`);
      const first = await tab.waitForFunction(() => window.firstDecision).then((h) => h.jsonValue());
      if (!first.allowed) throw new Error('the first decision in Chromium was wrong');
      runs.push(first[field]);
      await context.close();
    }
    return median(runs);
  }
  try {
    await time('/empty.html'); // warms the browser up
    return {
      loaded: await time('/cold-start-loaded.html'),
      ours: await time('/cold-start.html'),
      script: await time('/cold-start.html', 'script'),
      preloaded: await time('/cold-start-preload.html'),
      empty: await time('/empty.html'),
      baseline: BASELINE ? await time('/baseline-loaded.html') : undefined,
    };
  } finally {
    await browser.close();
    server.close();
  }
}
let coldBrowser;
if (!QUICK) {
  try {
    coldBrowser = await browserColdStart();
  } catch (error) {
    console.error(`(no Chromium cold start: ${error.message.split('\n')[0]})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Sizes of the .wasm files as shipped.

function size(path) {
  const bytes = readFileSync(join(root, path));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
const sizes = [
  ['rolegate (`rolegate/web`: decisions; budget 100 KB gzip)', size('pkg/web/rolegate_wasm_bg.wasm')],
  ['rolegate (`rolegate/web/full`: with administration; budget 150 KB gzip)', size('pkg/web/rolegate_full_wasm_bg.wasm')],
  ['rolegate (Node: also policy text and compiled built-ins; read from disk)', size('pkg/node/rolegate_wasm_bg.wasm')],
  ['cedar-wasm', size('node_modules/@cedar-policy/cedar-wasm/nodejs/cedar_wasm_bg.wasm')],
];

// ---------------------------------------------------------------------------------------------
// The table.

const casl = ns['CASL ability.can'];
const floor = ns['Set.has (the floor)'];
const caslConditions = ns['CASL ability.can with conditions'];
const caslMoney = ns['CASL ability.can, { total: { $lte } }'];
const fmt = (x) => (x >= 1000 ? `${(x / 1000).toFixed(1)} µs` : `${x.toFixed(1)} ns`);
const ratio = (x, y) => `${(x / y).toFixed(x / y >= 10 ? 0 : 2)}×`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const versions = ['@casl/ability', 'casbin', '@cedar-policy/cedar-wasm'].map(
  (name) => `${name} ${JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version}`,
);

const lines = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.versions.node}; ${versions.join(', ')}; median of ${ROUNDS} rounds.`);
lines.push('');
lines.push('| Check | Time per check | vs CASL | vs the `Set` floor |');
lines.push('|---|---:|---:|---:|');
for (const { name, ns: x } of results) {
  const against = name.includes('money') || name.includes('$lte') || name.includes('context.total') ? caslMoney : name.includes('resource') || name.includes('conditions') ? caslConditions : casl;
  lines.push(`| ${name} | ${fmt(x)} | ${ratio(x, against)} | ${ratio(x, floor)} |`);
}
const cedarNs = ns['cedar-wasm statefulIsAuthorized'];
lines.push('');
lines.push(`cedar-wasm takes ${ratio(cedarNs, ns['rolegate engine.can (no session)'])} as long as rolegate's \`engine.can\` without a session, ${ratio(cedarNs, ns['rolegate session.can'])} as long as \`session.can\`.`);
const moneyNs = ns['rolegate session.can, money condition'];
lines.push('');
lines.push(`With a money condition, cedar-wasm takes ${ratio(ns['cedar-wasm, when { context.total <= … }'], moneyNs)} as long as rolegate's \`session.can\`, which takes ${ratio(moneyNs, caslMoney)} as long as CASL's.`);
lines.push('');
lines.push('| Batch: 1,000 resources × 10 actions | Time |');
lines.push('|---|---:|');
lines.push(`| rolegate \`session.canMany\` (one call) | ${batchMs.toFixed(3)} ms |`);
lines.push(`| CASL, 10,000 \`ability.can\` calls | ${batchCaslMs.toFixed(3)} ms |`);
lines.push('');
lines.push('| Cold start (median of fresh processes and browser contexts) | Time |');
lines.push('|---|---:|');
lines.push(`| rolegate, Node: import (instantiates), \`builtin('mytrumpf')\` | ${coldOurs.toFixed(1)} ms |`);
lines.push(`| rolegate, Node: the same and the first decision | ${coldOursDecision.toFixed(1)} ms |`);
if (coldBaseline !== undefined) {
  lines.push(`| (the baseline build, Node: import, \`builtin('mytrumpf')\`) | ${coldBaseline[0].toFixed(1)} ms |`);
  lines.push(`| (the baseline build, Node: the same and the first decision) | ${coldBaseline[1].toFixed(1)} ms |`);
}
lines.push(`| (Node: importing an empty module file, for comparison) | ${coldEmpty.toFixed(1)} ms |`);
if (coldBrowser !== undefined) {
  lines.push(`| rolegate, Chromium: the page's script to its first decision, files preloaded (import, init, policy, decision) | ${coldBrowser.loaded.toFixed(1)} ms |`);
  if (coldBrowser.baseline !== undefined) {
    lines.push(`| (the baseline build, Chromium: the page's script to its first decision, files preloaded) | ${coldBrowser.baseline.toFixed(1)} ms |`);
  }
  lines.push(`| rolegate, Chromium: navigation to first decision, with the README's preload hints | ${coldBrowser.preloaded.toFixed(1)} ms |`);
  lines.push(`| rolegate, Chromium: navigation to first decision, no hints (page, module, init, policy) | ${coldBrowser.ours.toFixed(1)} ms |`);
  lines.push(`| rolegate, Chromium: the page's first script to the first decision, no hints (fetches included) | ${coldBrowser.script.toFixed(1)} ms |`);
  lines.push(`| (Chromium: navigation to an empty module script, for comparison) | ${coldBrowser.empty.toFixed(1)} ms |`);
}
lines.push(`| cedar-wasm, Node: import, instantiate, parse one policy | ${coldCedar.toFixed(1)} ms |`);
lines.push('');
lines.push('| Scale (wasm, in Node) | Time |');
lines.push('|---|---:|');
lines.push(`| load a policy of 2,000 roles and 500 permissions | ${loadLargeMs.toFixed(1)} ms |`);
for (const [name, x] of scaleRows) lines.push(`| ${name} | ${fmt(x)} |`);
lines.push(`| load an organization of 100,000 members (\`engine.organization\`) | ${loadOrgMs.toFixed(0)} ms |`);
lines.push(`| \`whoCan\` in it: order release (${releasers.toLocaleString('en')} members answer) | ${whoCanMs.toFixed(1)} ms |`);
lines.push(`| \`whoCan\` in it: service cases in facility f3 (${managers.toLocaleString('en')} answer) | ${whoCanScopedMs.toFixed(1)} ms |`);
lines.push('');
lines.push('| The boundary: serde-wasm-bindgen and JSON text (Node module) | Time |');
lines.push('|---|---:|');
for (const [name, ms] of boundaryRows) lines.push(`| ${name} | ${ms.toFixed(2)} ms |`);
for (const [name, x] of boundaryCalls) lines.push(`| ${name} | ${fmt(x)} |`);
lines.push('');
lines.push('| .wasm | Raw | gzip -9 |');
lines.push('|---|---:|---:|');
for (const [name, s] of sizes) lines.push(`| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} |`);

if (args.has('--markdown')) {
  console.log(lines.join('\n'));
} else {
  console.log(lines.join('\n').replaceAll('|---|---:|---:|---:|', '').replaceAll('|---|---:|---:|', '').replaceAll('|---|---:|', ''));
}
