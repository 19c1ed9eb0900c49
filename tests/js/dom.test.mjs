// rolegate/dom in real headless Chromium: hidden and disabled states, titles in English and
// German, elements added after gate(), update() after a role change, blocked activation, and
// disconnect() restoring everything.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch } from './browser.mjs';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>gate</title></head>
<body>
<main id="app">
  <button id="order" data-permission="eshop.order.place" title="Order now">Order</button>
  <button id="request" data-permission="eshop.order.request">Request</button>
  <a id="release" href="#released" data-permission="eshop.order.release">Release</a>
  <button id="case-f1" data-permission="service.case.manage" data-resource-facility="f1">Edit in f1</button>
  <button id="case-f2" data-permission="service.case.manage" data-resource-facility="f2">Edit in f2</button>
  <button id="plain">Not gated</button>
  <button id="big-order" data-permission="eshop.order.place" data-resource-total="6000.00 EUR">Order 6,000 EUR now</button>
  <button id="ask-big" data-permission="eshop.order.place" data-resource-total="6000.00 EUR" data-when="approval">Request approval</button>
  <button id="ask-small" data-permission="eshop.order.place" data-resource-total="100.00 EUR" data-when="approval">Request approval</button>
</main>
<script type="module">
  import init, { PolicyEngine } from '/pkg/web/rolegate.js';
  import { gate } from '/pkg/dom.js';
  await init();
  const engine = PolicyEngine.builtin('mytrumpf');
  window.t = {
    gate,
    session: (roles, approvalRules) => engine.session({ id: 'u', tenant: 'acme', roles }, { approvalRules }),
    clicks: [],
    denied: [],
    state: (id) => {
      const e = document.getElementById(id);
      return { gate: e.dataset.rolegate ?? null, hidden: e.hidden, ariaDisabled: e.getAttribute('aria-disabled'), title: e.getAttribute('title') };
    },
  };
  document.addEventListener('click', (e) => window.t.clicks.push(e.target.id));
  document.addEventListener('rolegate:denied', (e) => window.t.denied.push({ id: e.target.id, action: e.detail.action, code: e.detail.explanation.code, resource: e.detail.resource }));
  window.ready = true;
</script>
</body></html>`;

let env;
let page;
let errors;

before(async () => {
  env = await launch({ '/dom.html': PAGE });
  ({ page, errors } = await env.open('/dom.html'));
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  assert.deepEqual(errors, [], 'no console errors');
  await env.close();
});

// Programmer tenant-wide (requests orders), operator only in facility f1 (manages cases there).
const OPERATOR_IN_F1 = ['programmer', { role: 'operator', scope: { facility: 'f1' } }];

test('disable mode: aria-disabled with a title saying why and whom; allowed elements untouched', async () => {
  const states = await page.evaluate((roles) => {
    window.handle = window.t.gate(document.getElementById('app'), window.t.session(roles));
    return ['order', 'request', 'release', 'case-f1', 'case-f2', 'plain'].map(window.t.state);
  }, OPERATOR_IN_F1);
  const [order, request, release, f1, f2, plain] = states;
  // A programmer may not order, only request: the element is disabled in the approval state.
  assert.equal(order.gate, 'approval');
  assert.equal(order.ariaDisabled, 'true');
  assert.equal(
    order.title,
    'Approval needed: you may request “Order” (“Create order requests”); it is released by “Purchaser”, “Managing Director” or “Production Manager”.',
  );
  assert.deepEqual(request, { gate: 'allowed', hidden: false, ariaDisabled: null, title: null }, 'allowed: nothing added');
  assert.equal(release.gate, 'denied');
  assert.equal(release.title, 'Denied: none of your roles grants “Release order requests”. It is granted by the roles “Purchaser”, “Managing Director” and “Production Manager”.');
  assert.equal(f1.gate, 'allowed', 'the scoped role counts inside its facility');
  assert.equal(f2.gate, 'denied');
  assert.match(f2.title, /only within Facility “f1”; this resource is in Facility “f2”\.$/);
  assert.deepEqual(plain, { gate: null, hidden: false, ariaDisabled: null, title: null }, 'ungated elements are left alone');
  await page.evaluate(() => window.handle.disconnect());
});

test('German titles', async () => {
  const title = await page.evaluate((roles) => {
    const handle = window.t.gate(document.getElementById('app'), window.t.session(roles), { lang: 'de' });
    const state = window.t.state('release');
    handle.disconnect();
    return state.title;
  }, OPERATOR_IN_F1);
  assert.match(title, /^Verweigert: Keine Ihrer Rollen gewährt „Bestellanforderungen freigeben“\. Gewährt wird es von/);
});

test('hide mode hides denied elements only', async () => {
  const [order, request] = await page.evaluate((roles) => {
    const handle = window.t.gate(document.getElementById('app'), window.t.session(roles), { mode: 'hide' });
    const states = ['order', 'request'].map(window.t.state);
    handle.disconnect();
    return states;
  }, OPERATOR_IN_F1);
  assert.equal(order.hidden, true);
  assert.equal(order.gate, 'hidden');
  assert.equal(request.hidden, false);
});

test('activation of a denied element is blocked and reported as rolegate:denied', async () => {
  await page.evaluate((roles) => {
    window.handle = window.t.gate(document.getElementById('app'), window.t.session(roles));
    window.t.clicks.length = 0;
    window.t.denied.length = 0;
  }, OPERATOR_IN_F1);
  // Playwright will not click an aria-disabled element on its own; a person can.
  await page.click('#order', { force: true });
  await page.click('#release', { force: true }); // a link: no navigation to #released
  await page.focus('#order');
  await page.keyboard.press('Enter'); // keyboard activation is a click too
  await page.click('#request');
  const { clicks, denied, hash } = await page.evaluate(() => ({ clicks: [...window.t.clicks], denied: [...window.t.denied], hash: location.hash }));
  assert.deepEqual(clicks, ['request'], 'only the allowed element reached the page');
  assert.deepEqual(denied.map((d) => [d.id, d.action, d.code]), [
    ['order', 'eshop.order.place', 'approval_required'],
    ['release', 'eshop.order.release', 'not_granted'],
    ['order', 'eshop.order.place', 'approval_required'],
  ]);
  assert.equal(hash, '', 'the denied link did not navigate');
  await page.evaluate(() => window.handle.disconnect());
});

test('elements added or changed after gate() are gated too', async () => {
  const states = await page.evaluate(async (roles) => {
    const app = document.getElementById('app');
    const handle = window.t.gate(app, window.t.session(roles));
    const later = document.createElement('button');
    later.id = 'later';
    later.dataset.permission = 'eshop.order.place';
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<span><button id="nested" data-permission="eshop.order.request">x</button></span>';
    app.append(later, wrapper);
    document.getElementById('case-f1').dataset.resourceFacility = 'f9';
    await new Promise((done) => setTimeout(done, 0)); // MutationObserver callbacks
    const result = ['later', 'nested', 'case-f1'].map(window.t.state);
    handle.disconnect();
    document.getElementById('case-f1').dataset.resourceFacility = 'f1';
    later.remove();
    wrapper.remove();
    return result;
  }, OPERATOR_IN_F1);
  assert.deepEqual(states.map((s) => s.gate), ['approval', 'allowed', 'denied']);
});

test('update() after a role change; a null session hides everything; disconnect() restores', async () => {
  const steps = await page.evaluate((roles) => {
    const handle = window.t.gate(document.getElementById('app'), window.t.session(roles));
    const before = window.t.state('order');
    handle.update(window.t.session(['purchaser']));
    const purchaser = window.t.state('order');
    handle.update(null);
    const none = ['order', 'request'].map(window.t.state);
    handle.disconnect();
    const restored = ['order', 'request'].map(window.t.state);
    return { before, purchaser, none, restored };
  }, OPERATOR_IN_F1);
  assert.equal(steps.before.gate, 'approval');
  assert.deepEqual(steps.purchaser, { gate: 'allowed', hidden: false, ariaDisabled: null, title: 'Order now' }, 'the original title is back');
  assert.ok(steps.none.every((s) => s.hidden && s.gate === 'hidden'), 'fail closed: nothing shows without a session');
  assert.deepEqual(steps.restored, [
    { gate: null, hidden: false, ariaDisabled: null, title: 'Order now' },
    { gate: null, hidden: false, ariaDisabled: null, title: null },
  ]);
});

test('approval processes: the company\'s rules by order total; "Request approval" is enabled exactly when approval is needed', async () => {
  const rules = [{ id: 'md', action: 'eshop.order.place', when: { total: { over: '5000.00 EUR' } }, tiers: [['managing_director']],
    label: { en: 'Orders over 5,000.00 EUR need release by a Managing Director.', de: 'Bestellungen über 5.000,00 EUR gibt ein Geschäftsführer frei.' } }];
  const [big, askBig, askSmall, small] = await page.evaluate((rules) => {
    const handle = window.t.gate(document.getElementById('app'), window.t.session(['purchaser'], rules), { lang: 'de' });
    const states = ['big-order', 'ask-big', 'ask-small', 'order'].map(window.t.state);
    handle.disconnect();
    return states;
  }, rules);
  assert.equal(big.gate, 'approval');
  assert.equal(big.title, 'Freigabe nötig: Bestellungen über 5.000,00 EUR gibt ein Geschäftsführer frei.');
  assert.equal(askBig.gate, 'allowed');
  assert.equal(askBig.title, big.title, 'the request button says whose release it needs');
  assert.equal(askSmall.gate, 'denied', 'a small order needs no approval: order it instead');
  assert.equal(small.gate, 'approval', 'no total given: the rule on the total applies (never a silent pass)');
});

test('bad arguments are TypeErrors', async () => {
  const messages = await page.evaluate(() => {
    const attempts = [
      () => window.t.gate(null, null),
      () => window.t.gate(document.body, null, { mode: 'remove' }),
      () => window.t.gate(document.body, null, { lang: 'fr' }),
      () => window.t.gate(document.body, { can: 1 }),
    ];
    return attempts.map((attempt) => {
      try {
        attempt();
        return 'no error';
      } catch (e) {
        return `${e.name} ${e.code}`;
      }
    });
  });
  assert.deepEqual(messages, Array(4).fill('TypeError invalid_argument'));
});
