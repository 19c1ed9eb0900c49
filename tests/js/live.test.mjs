// Live changes in the demo (server-sent events): when an administrator changes a member's roles,
// approves them or removes them, that member's open page re-gates by itself; when the server's
// policy file changes, every open page loads the new policy (denying everything in between) and
// re-gates. Each test reports how long the open page took (a figure, not a timed assertion).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { chromium } from 'playwright-core';
import { PolicyEngine } from 'rolegate';
import { startDemoServer } from '../../server/main.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { resetDemo } from './demo-api.mjs';

const DATA = mkdtempSync(join(tmpdir(), 'rolegate-live-'));
const POLICIES = mkdtempSync(join(tmpdir(), 'rolegate-policies-'));
const builtin = (name) => PolicyEngine.builtin(name).policy();
let server;
let browser;

before(async () => {
  for (const name of ['mytrumpf', 'platform']) writeFileSync(join(POLICIES, `${name}.json`), JSON.stringify(builtin(name), null, 2));
  server = await startDemoServer({ databaseUrl: process.env.DATABASE_URL, dataDir: DATA, policies: POLICIES });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(DATA, { recursive: true, force: true });
  rmSync(POLICIES, { recursive: true, force: true });
});
beforeEach(() => resetDemo(server.url));

/** A browser of its own, signed in as `member` of `org`, with the page open. */
async function memberPage(org, member) {
  const context = await browser.newContext();
  const signIn = await context.request.post(`${server.url}/api/session`, { data: { org, member } });
  assert.equal(signIn.status(), 201);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.rolegateDemo?.ready === true && !document.body.dataset.busy);
  return { context, page, errors };
}

const orderNow = '#shop button[data-do="order"][data-product="nozzle"]';
const gateOf = (page, selector) => page.locator(selector).first().getAttribute('data-rolegate');

/** Runs `change`, then waits until `done` holds in the page; reports the time taken. */
async function timed(t, what, change, page, done, arg = null) {
  const start = performance.now();
  await change();
  await page.waitForFunction(done, arg, { timeout: 10_000 });
  const ms = Math.round(performance.now() - start);
  t.diagnostic(`${what}: the open page re-gated ${ms} ms after the change was acknowledged`);
}

async function adminOp(context, op) {
  const view = await (await context.request.get(`${server.url}/api/view`)).json();
  const response = await context.request.post(`${server.url}/api/admin`, { data: { version: view.version, op } });
  assert.equal(response.status(), 200, await response.text());
}

test('a change of roles, an approval and a removal reach the member\'s open page by themselves', async (t) => {
  const anna = await memberPage('mytrumpf', 'anna');
  const otto = await memberPage('mytrumpf', 'otto');
  const paul = await memberPage('mytrumpf', 'paul');
  assert.equal(await gateOf(otto.page, orderNow), 'approval');
  assert.equal(await paul.page.locator('[data-inactive]').count(), 1);

  await timed(t, 'roles changed', () => adminOp(anna.context, { op: 'assignRoles', member: 'otto', roles: ['purchaser'] }), otto.page, (sel) => document.querySelector(sel)?.dataset.rolegate === 'allowed', orderNow);
  // Approving ends Paul's session (a change of status does); his page signs him in again, active now.
  await timed(t, 'approved', () => adminOp(anna.context, { op: 'approve', member: 'paul' }), paul.page, () => !document.querySelector('[data-inactive]') && document.querySelector('[data-rolegate="allowed"]') !== null);
  assert.equal(await paul.page.locator('[data-choose="member"]').inputValue(), 'paul', 'still Paul');
  assert.match(await paul.page.locator('#global-notice').textContent(), /Paul Kern was signed out .* as Paul Kern/);
  await timed(t, 'removed', () => adminOp(anna.context, { op: 'removeMember', member: 'otto' }), otto.page, () => /Otto Lang was signed out/.test(document.getElementById('global-notice').textContent));
  assert.notEqual(await otto.page.locator('[data-choose="member"]').inputValue(), 'otto');
  for (const p of [anna, otto, paul]) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test('a new policy on the server reaches every open page; an invalid one is refused and the running one kept', async (t) => {
  const otto = await memberPage('mytrumpf', 'otto');
  const mo = await memberPage('platform:operator', 'mo');
  assert.equal(await gateOf(otto.page, orderNow), 'approval');
  const before = await otto.page.evaluate(() => document.getElementById('footer').textContent);
  const policy = builtin('mytrumpf');
  policy.roles.find((r) => r.id === 'operator').grants.push('eshop.order.place');
  await timed(t, 'policy replaced', async () => writeFileSync(join(POLICIES, 'mytrumpf.json'), JSON.stringify(policy, null, 2)), otto.page, (sel) => document.querySelector(sel)?.dataset.rolegate === 'allowed', orderNow);
  assert.notEqual(await otto.page.evaluate(() => document.getElementById('footer').textContent), before, 'the footer shows the new fingerprint');
  // The server decides with it too.
  const order = await otto.context.request.post(`${server.url}/api/orders`, { data: { product: 'nozzle', facility: 'f1' } });
  assert.equal(order.status(), 201);
  // An invalid edit is refused by the server, which keeps the running policy.
  writeFileSync(join(POLICIES, 'mytrumpf.json'), '{"version": 1, "roles": [');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const still = await otto.context.request.post(`${server.url}/api/orders`, { data: { product: 'nozzle', facility: 'f1' } });
  assert.equal(still.status(), 201);
  // The other policy's pages kept theirs.
  assert.equal(await mo.page.locator('[data-policy-loading]').count(), 0);
  for (const p of [otto, mo]) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});
