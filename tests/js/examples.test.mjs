// The examples as a user installs them: `make test` packs pkg/ (`npm pack`), installs each
// example's locked dependencies and that tarball (`make examples`), and this test builds them and
// drives them in Chromium. examples/vite-react: the gated buttons have the engine's answers for two
// members, switching the member re-renders exactly the buttons whose answer changed, no console
// error. examples/next: `next build` and `next start` (127.0.0.1, stopped by the test); the server's
// HTML already carries each member's denied states, and hydration reports no mismatch.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { PolicyEngine } from 'rolegate';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { root } from './helpers.mjs';

const example = join(root, 'examples/vite-react');
const engine = PolicyEngine.builtin('mytrumpf');
const SUBJECTS = {
  otto: { tenant: 'acme', roles: [{ role: 'operator', scope: { facility: 'f1' } }] },
  anna: { tenant: 'acme', roles: ['purchaser'] },
};
const BUTTONS = {
  request: ['eshop.order.request'],
  order: ['eshop.order.place'],
  release: ['eshop.order.release'],
  'case-f1': ['service.case.manage', { facility: 'f1' }],
  'case-f2': ['service.case.manage', { facility: 'f2' }],
};
const expected = (member) => Object.fromEntries(Object.entries(BUTTONS).map(([id, [action, resource]]) => [id, engine.can(SUBJECTS[member], action, resource)]));

let server;
let browser;
before(async () => {
  // The installed rolegate is the packed tarball's, not a link to pkg/.
  const installed = join(example, 'node_modules/rolegate/package.json');
  assert.equal(JSON.parse(execFileSync('node', ['-p', `JSON.stringify(require(${JSON.stringify(installed)}).name)`], { encoding: 'utf8' })), 'rolegate');
  execFileSync(join(example, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: example, stdio: 'inherit' });
  server = await startServer({ root: join(example, 'dist') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('examples/vite-react: gated buttons for two members, re-rendering only what changed, in Chromium', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('button[data-id="order"]');
  const read = () =>
    page.evaluate(() => ({
      allowed: Object.fromEntries([...document.querySelectorAll('button[data-id]')].map((b) => [b.dataset.id, !b.disabled])),
      renders: Object.fromEntries([...document.querySelectorAll('button[data-id]')].map((b) => [b.dataset.id, Number(b.dataset.renders)])),
      can: document.querySelector('[data-id="can"]').textContent,
      why: document.querySelector('[data-id="why"]').textContent,
    }));
  const otto = await read();
  assert.deepEqual(otto.allowed, expected('otto'));
  assert.match(otto.can, /Ask a purchaser/);
  await page.selectOption('select[data-id="member"]', 'anna');
  await page.waitForFunction(() => document.querySelector('[data-id="can"]').textContent.includes('You may order'));
  const anna = await read();
  assert.deepEqual(anna.allowed, expected('anna'));
  for (const id of Object.keys(BUTTONS)) {
    const changed = otto.allowed[id] !== anna.allowed[id];
    assert.equal(anna.renders[id] > otto.renders[id], changed, `${id}: rendered again only if its answer changed`);
  }
  await page.selectOption('select[data-id="lang"]', 'de');
  await page.waitForFunction(() => /Erlaubt|Gewährt|gewährt/.test(document.querySelector('[data-id="why"]').textContent));
  const german = await read();
  assert.deepEqual(german.renders, anna.renders, 'the language re-renders no button');
  assert.deepEqual(errors, []);
});

test('examples/next: the server renders the denied states, the page hydrates without a mismatch', async () => {
  const dir = join(root, 'examples/next');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  execFileSync(join(dir, 'node_modules/.bin/next'), ['build'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const port = 3000 + Math.floor(Math.random() * 2000);
  const next = spawn(join(dir, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  next.stdout.on('data', (d) => logs.push(String(d)));
  next.stderr.on('data', (d) => logs.push(String(d)));
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`next start did not get ready: ${logs.join('')}`)), 30000);
      next.stdout.on('data', (d) => {
        if (/Ready/.test(String(d))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = `http://127.0.0.1:${port}`;
    for (const member of ['otto', 'anna']) {
      const html = await (await fetch(`${url}/?member=${member}`)).text();
      for (const [id, allowed] of Object.entries(expected(member))) {
        const tag = html.match(new RegExp(`<button[^>]*data-id="${id}"[^>]*>`))?.[0];
        assert.ok(tag, `${member}: ${id} is in the server's HTML`);
        assert.equal(!tag.includes('disabled'), allowed, `${member}: ${id} in the server's HTML`);
      }
    }
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${url}/?member=otto`);
    await page.waitForSelector('[data-hydrated="yes"]', { timeout: 20000 });
    const read = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('button[data-id]')].map((b) => [b.dataset.id, !b.disabled])));
    assert.deepEqual(await read(), expected('otto'));
    await page.selectOption('select[data-id="member"]', 'anna');
    await page.waitForFunction(() => document.querySelector('[data-id="can"]').textContent.includes('You may order'));
    assert.deepEqual(await read(), expected('anna'));
    assert.deepEqual(errors, [], 'no hydration mismatch, no console error');
    await page.close();
  } finally {
    next.kill('SIGTERM');
  }
});
