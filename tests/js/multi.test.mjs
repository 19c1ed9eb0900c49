// Several server processes on one PostgreSQL database (run by `make pg-tests`, which starts a
// throwaway cluster and sets DATABASE_URL; skipped without it): an operation on one process is
// seen by the other (and reaches a page served by the other, through the shared change log), and
// conflicting operations sent to both lose nothing and apply nothing twice.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { request, resetDemo, signIn } from './demo-api.mjs';
import { root } from './helpers.mjs';

const URL_ = process.env.DATABASE_URL;
const skip = URL_ ? false : 'needs DATABASE_URL (make pg-tests starts a PostgreSQL cluster)';
const servers = [];

/** A server process of its own on the shared database. */
function startProcess() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'server/main.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: URL_ } });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (found) resolve({ child, url: found[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

before(async () => {
  if (skip) return;
  // Both start at once: the migrations run once, under their advisory lock.
  servers.push(...(await Promise.all([startProcess(), startProcess()])));
});
after(() => {
  for (const s of servers) s.child.kill('SIGTERM');
});

const call = (base, method, path, body, cookie) => request(base, method, path, method === 'GET' ? undefined : (body ?? {}), { cookie });

test('an operation on one process is seen by the other, and reaches a page the other serves', { skip }, async () => {
  const [a, b] = servers;
  await resetDemo(a.url);
  // A session made on one process works on the other: sessions live in the database.
  const otto = await signIn(a.url, 'mytrumpf', 'otto');
  const anna = await signIn(b.url, 'mytrumpf', 'anna');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    await context.request.post(`${b.url}/api/session`, { data: { org: 'mytrumpf', member: 'anna' } });
    const page = await context.newPage();
    await page.goto(`${b.url}/`);
    await page.waitForFunction(() => window.rolegateDemo?.ready === true && !document.body.dataset.busy);
    const made = await call(a.url, 'POST', '/api/order-requests', { product: 'nozzle', facility: 'f1' }, otto);
    assert.equal(made.status, 201);
    const seen = await call(b.url, 'GET', '/api/view', undefined, anna);
    assert.ok(seen.body.shop.requests.some((r) => r.id === made.body.id), 'process B reads what A wrote');
    await page.waitForSelector(`#shop [data-request="${made.body.id}"]`, { timeout: 10_000 });
    const released = await call(b.url, 'POST', `/api/order-requests/${made.body.id}/release`, {}, anna);
    assert.equal(released.status, 200);
    assert.equal((await call(a.url, 'POST', `/api/order-requests/${made.body.id}/release`, {}, await signIn(a.url, 'mytrumpf', 'max'))).status, 409, 'released once, on whichever process');
  } finally {
    await browser.close();
  }
});

test('conflicting operations sent to both processes lose nothing and apply nothing twice', { skip }, async () => {
  const [a, b] = servers;
  await resetDemo(a.url);
  const cookies = { a: { anna: await signIn(a.url, 'mytrumpf', 'anna'), max: await signIn(a.url, 'mytrumpf', 'max') }, b: { anna: await signIn(b.url, 'mytrumpf', 'anna'), max: await signIn(b.url, 'mytrumpf', 'max') } };
  const otto = await signIn(a.url, 'mytrumpf', 'otto');
  const requests = [];
  for (let i = 0; i < 4; i++) requests.push((await call(b.url, 'POST', '/api/order-requests', { product: 'lens', facility: 'f1' }, otto)).body.id);
  const start = (await call(a.url, 'GET', '/api/view', undefined, cookies.a.anna)).body.version;
  const acknowledged = [];
  await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const side = i % 2 ? 'a' : 'b';
      const base = servers[side === 'a' ? 0 : 1].url;
      const who = i % 4 < 2 ? 'anna' : 'max';
      if (i % 5 === 3) {
        const r = await call(base, 'POST', `/api/order-requests/${requests[i % requests.length]}/release`, {}, cookies[side][who]);
        assert.ok([200, 409, 401].includes(r.status), JSON.stringify(r.body));
        if (r.status === 200) acknowledged.push(['release', requests[i % requests.length]]);
        return;
      }
      const op = i % 5 === 0 ? { op: 'removeMember', member: who === 'anna' ? 'max' : 'anna' } : i % 5 === 1 ? { op: 'approve', member: 'paul' } : { op: 'invite', email: `m${i}@acme.example`, name: `M ${i}` };
      let version = start;
      for (let attempt = 0; attempt < 40; attempt++) {
        const r = await call(base, 'POST', '/api/admin', { version, op }, cookies[side][who]);
        assert.ok(r.status < 500, JSON.stringify(r.body));
        if (r.status === 409 && r.body.code === 'conflict') {
          version = r.body.version;
          continue;
        }
        if (r.status === 200) acknowledged.push(['admin', op]);
        return;
      }
    }),
  );
  const admin = await signIn(a.url, 'mytrumpf', 'otto');
  const view = (await call(a.url, 'GET', '/api/view', undefined, admin)).body;
  const admins = acknowledged.filter(([w]) => w === 'admin');
  assert.equal(view.version, start + admins.length, 'one version per acknowledged operation');
  for (const [, op] of admins) if (op.op === 'invite') assert.ok(Object.values(view.names).length > 0);
  assert.ok(view.admins.length >= 1, 'an administrator is left');
  const releases = acknowledged.filter(([w]) => w === 'release').map(([, id]) => id);
  assert.equal(new Set(releases).size, releases.length, 'no request released twice');
  const released = view.shop.orders.filter((o) => o.releasedBy).length;
  assert.equal(released, releases.length, 'each acknowledged release is one order');
});
