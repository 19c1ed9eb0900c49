// rolegate/react: the same components render on the server (Node build, react-dom/server) and
// hydrate in Chromium (browser build) with no mismatch and no flash: the server's HTML already
// carries every denied state. Switching the member re-renders exactly the components whose answer
// changed; switching the language, exactly the ones that show text of the engine; no session
// denies everything.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { PolicyEngine } from 'rolegate';
import { Can, createRolegate, RolegateProvider, useWhomToAsk } from 'rolegate/react';
import { App, BUTTONS } from './react/app.mjs';
import { launch } from './browser.mjs';
import { root } from './helpers.mjs';

const engine = PolicyEngine.builtin('mytrumpf');
const SUBJECTS = {
  otto: { id: 'otto', tenant: 'acme', roles: [{ role: 'operator', scope: { facility: 'f1' } }] },
  anna: { id: 'anna', tenant: 'acme', roles: ['purchaser'] },
};
/** What the engine answers for each button, and the explanation the why-panel shows. */
const expected = (member, lang = 'en') => ({
  buttons: Object.fromEntries(BUTTONS.map((b) => [b.id, engine.can(SUBJECTS[member], b.action, b.resource)])),
  can: engine.can(SUBJECTS[member], 'eshop.order.place'),
  why: engine.explain(SUBJECTS[member], 'eshop.order.place', undefined, lang).message,
});
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

test('server rendering: the HTML already carries each member\'s allowed and denied states', () => {
  for (const member of Object.keys(SUBJECTS)) {
    const html = renderToString(h(App, { session: engine.session(SUBJECTS[member]), lang: 'en' }));
    const want = expected(member);
    for (const b of BUTTONS) {
      const tag = html.match(new RegExp(`<button[^>]*data-id="${b.id}"[^>]*>`))[0];
      assert.equal(!tag.includes('disabled'), want.buttons[b.id], `${member}: ${b.id}`);
    }
    assert.match(html, want.can ? /You may order/ : /Ask a purchaser/);
    assert.ok(html.includes(escapeHtml(want.why)) || html.includes(want.why), `${member}: the why in the HTML`);
  }
  // Otto and Anna differ, so the test below switches something.
  assert.notDeepEqual(expected('otto').buttons, expected('anna').buttons);
  // Without a session everything is denied; outside a provider the hooks say so.
  const none = renderToString(h(App, { session: null, lang: 'en' }));
  assert.equal((none.match(/disabled=""/g) ?? []).length, BUTTONS.length);
  const outside = () => h(Can, { action: 'eshop.order.place' }, 'x');
  assert.throws(() => renderToString(h(outside)), (e) => e.code === 'no_provider');
  // An engine and a subject instead of a session: the same answers.
  const viaEngine = renderToString(h(RolegateProvider, { engine, subject: SUBJECTS.anna }, h(Can, { action: 'eshop.order.place', fallback: 'no' }, 'yes')));
  assert.equal(viaEngine, 'yes');
  const unfit = renderToString(h(RolegateProvider, { engine, subject: { tenant: 'acme', roles: ['nope'] } }, h(Can, { action: 'profile.view', fallback: 'no' }, 'yes')));
  assert.equal(unfit, 'no', 'a subject that does not fit the policy: denied');
});

let env;
before(async () => {
  const out = join(root, 'test-results/react');
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'tests/js/react/page.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"development"' },
    outfile: join(out, 'page.js'),
    logLevel: 'warning',
  });
  const member = 'otto';
  const html = renderToString(h(App, { session: engine.session(SUBJECTS[member]), lang: 'en' }));
  const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>react</title>
<script type="application/json" id="subjects">${JSON.stringify(SUBJECTS)}</script>
<script type="application/json" id="initial">${JSON.stringify({ member, lang: 'en' })}</script>
<div id="root">${html}</div>
<script type="module" src="/test-results/react/page.js"></script>`;
  env = await launch({ '/react.html': page });
});
after(async () => {
  await env?.close();
});

/** The page's state: each button's, the <Can>'s and the why's. */
const state = (page) =>
  page.evaluate(() => ({
    buttons: Object.fromEntries([...document.querySelectorAll('button[data-id]')].map((b) => [b.dataset.id, !b.disabled])),
    can: document.querySelector('[data-id="can"]').textContent === 'You may order',
    why: document.querySelector('[data-id="why"]').textContent,
  }));

test('hydration in Chromium: no mismatch, no console error; a member switch re-renders exactly the changed answers', async () => {
  const { page, errors } = await env.open('/react.html');
  // The server's HTML is right before any script ran: no flash of allowed buttons.
  const first = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('button[data-id]')].map((b) => [b.dataset.id, !b.disabled])));
  assert.deepEqual(first, expected('otto').buttons);
  await page.waitForFunction(() => window.ready === true);
  assert.deepEqual(await page.evaluate(() => window.recoverable), [], 'no hydration mismatch');
  assert.deepEqual(errors, [], 'no console error');
  assert.deepEqual(await state(page), expected('otto'));

  const switchTo = async (member, lang) => {
    const before = await page.evaluate(() => ({ ...window.renders }));
    await page.evaluate(([m, l]) => window.show(m, l), [member, lang]);
    await page.waitForTimeout(50);
    const now = await page.evaluate(() => ({ ...window.renders }));
    return Object.fromEntries(Object.keys(now).map((id) => [id, now[id] - (before[id] ?? 0)]));
  };
  // Otto → Anna: the buttons, the <Can> and the why whose answers differ render again; nothing else.
  const was = expected('otto');
  const rendered = await switchTo('anna', 'en');
  const want = expected('anna');
  assert.deepEqual(await state(page), want);
  for (const b of BUTTONS) {
    const changed = was.buttons[b.id] !== want.buttons[b.id];
    assert.equal(rendered[b.id] > 0, changed, `${b.id}: rendered ${rendered[b.id]}× (answer changed: ${changed})`);
  }
  assert.equal(rendered.can > 0, was.can !== want.can, 'the <Can>');
  assert.equal(rendered.why > 0, was.why !== want.why, 'the why');
  // The language: only the why (engine text) renders again.
  const german = await switchTo('anna', 'de');
  assert.deepEqual(await state(page), expected('anna', 'de'));
  assert.deepEqual(Object.entries(german).filter(([, n]) => n > 0).map(([id]) => id), ['why']);
  // The same member again (a new session object with the same grants is another session; the same one is nothing).
  const same = await switchTo('anna', 'de');
  assert.deepEqual(Object.values(same).filter((n) => n > 0), [], 'the same session and language: no render');
  // No session: everything denied.
  await switchTo(null, 'de');
  const none = await state(page);
  assert.deepEqual(Object.values(none.buttons), BUTTONS.map(() => false));
  assert.equal(none.can, false);
  assert.deepEqual(errors, []);
});

test('a subject that does not fit: everything denied, onError hears the problems, and the development console says so', async () => {
  const { page, errors } = await env.open('/react.html');
  await page.waitForFunction(() => window.ready === true);
  const { heard, warnings, text } = await page.evaluate(() => window.unfit());
  assert.equal(text, 'denied');
  assert.deepEqual(heard, [{ code: 'invalid_request', path: 'subject.roles[0]' }]);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^rolegate: the subject does not fit the policy, so everything is denied:\n {2}subject\.roles\[0\]: unknown role 'purchasr'\. Did you mean 'purchaser'\?/);
  assert.deepEqual(errors, []);
});

test('createRolegate: the same bindings, typed once; useWhomToAsk names the roles and the members to ask', () => {
  const bound = createRolegate(engine);
  assert.equal(bound.Can, Can);
  assert.equal(bound.useWhomToAsk, useWhomToAsk);
  const org = {
    tenant: 'acme',
    kind: 'customer',
    members: [
      { id: 'otto', name: 'Otto Meier', email: 'otto@acme.example', status: 'active', roles: [{ role: 'operator', scope: { facility: 'f1' } }] },
      { id: 'anna', name: 'Anna Berg', email: 'anna@acme.example', status: 'active', roles: ['purchaser'] },
      { id: 'paul', name: 'Paul Neu', email: 'paul@acme.example', status: 'invited', roles: ['purchaser'] },
    ],
  };
  let answer;
  function Ask() {
    answer = bound.useWhomToAsk(org, 'eshop.order.release');
    return null;
  }
  renderToString(h(bound.RolegateProvider, { engine, subject: SUBJECTS.otto }, h(Ask)));
  assert.deepEqual(answer.members.map((m) => m.name), ['Anna Berg'], 'active members who may release, by name');
  assert.ok(answer.roles.includes('purchaser'), JSON.stringify(answer.roles));
  renderToString(h(bound.RolegateProvider, { session: engine.session(SUBJECTS.otto) }, h(Ask)));
  assert.equal(answer.members, null, 'a provider given only a session has no engine to ask');
  assert.ok(answer.roles.includes('purchaser'));
});
