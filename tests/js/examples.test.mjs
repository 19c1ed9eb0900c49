// examples/vite-react as a user installs it: `make test` packs pkg/ (`npm pack`), installs the
// example's locked dependencies and that tarball (`make example-vite-react`), and this test
// builds it with Vite and drives it in Chromium: the gated buttons have the engine's answers for
// two members, switching the member re-renders exactly the buttons whose answer changed, and no
// console error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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
