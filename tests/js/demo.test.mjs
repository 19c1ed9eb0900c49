// The demo (www/ and its server, server/) end to end in headless Chromium, started as `make demo`
// starts it (on 127.0.0.1, an empty PGlite database in a temporary folder): members switch what
// the policy allows, an operator requests an order in one browser and a purchaser releases it in
// another after a server restart, the last-administrator refusal, tenant onboarding (a provider
// invites a company, its invitee accepts in another browser and the provider's page re-gates
// live), a colleague invited by a link that signs them in, the language switch, the why-panel,
// and screenshots of every panel at 1280×800 and 390×844 under test-results/demo/. Each test
// starts from the sample data (POST /api/reset, as a signed-in member).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../server/main.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { resetDemo } from './demo-api.mjs';
import { root } from './helpers.mjs';

const SHOTS = join(root, 'test-results/demo');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const DATA = mkdtempSync(join(tmpdir(), 'rolegate-demo-'));

let server;
let browser;

before(async () => {
  server = await startDemoServer({ databaseUrl: process.env.DATABASE_URL, dataDir: DATA });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(DATA, { recursive: true, force: true });
});

beforeEach(() => resetDemo(server.url));

/**
 * The refusals the page is built to show (403, 409, 422 from the API, and 404 for an invitation
 * link that is not valid): not errors of the page.
 */
const expectedRefusal = (status, url) => {
  const path = new URL(url).pathname;
  return ([403, 409, 422].includes(status) && path.startsWith('/api/')) || (status === 404 && path === '/api/invitations/view');
};

/** A fresh browser context (its own cookie: its own signed-in member) with the demo loaded; errors are collected. */
async function openDemo(viewport = DESKTOP, path = '/') {
  const context = await browser.newContext({ viewport });
  const errors = [];
  // Every page of the context (a tab a link opens too) reports its errors.
  context.on('page', (page) => {
    page.on('console', (m) => {
      // Which response it was is checked below (`expectedRefusal`).
      if (m.type() === 'error' && /^Failed to load resource: the server responded with a status of (403|404|409|422)/.test(m.text())) return;
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !expectedRefusal(r.status(), r.url())) errors.push(`${r.status()} ${r.url()}`);
    });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => window.rolegateDemo?.ready === true);
  await settle(page);
  return { page, context, errors, close: () => context.close() };
}

/** Waits until the page has no request to the server pending (it marks <body data-busy> meanwhile). */
const settle = (page) => page.waitForFunction(() => !document.body.dataset.busy);

/** Clicks, then waits for the page's round trip to the server. */
async function act(page, selector, options) {
  await page.click(selector, options);
  await settle(page);
}

async function choose(page, what, value) {
  await page.selectOption(`[data-choose="${what}"]`, value);
  await settle(page);
}

/** The gate state of the element: 'allowed', 'denied' or 'hidden'. */
async function gateOf(page, selector) {
  const element = page.locator(selector).first();
  assert.equal(await element.count(), 1, `${selector} is on the page`);
  return element.getAttribute('data-rolegate');
}

/** Clicks an element the engine denied (Playwright will not click aria-disabled ones unforced). */
const clickDenied = (page, selector) => act(page, selector, { force: true });

const shopButton = (permission, product = 'nozzle') => `#shop button[data-permission="${permission}"][data-product="${product}"]`;
const createCase = (asset, permission) => `#cases button[data-do="createCase"][data-asset="${asset}"][data-permission="${permission}"]`;

test('loads without console errors; every text of the page exists in English and German', async () => {
  const { page, errors, close } = await openDemo();
  const complete = await page.evaluate(async () => (await import('/common/i18n.js')).textsComplete());
  assert.equal(complete, true);
  for (const id of ['shop', 'cases', 'admin', 'mydata', 'matrix', 'why']) {
    assert.ok((await page.locator(`#${id} h2`).textContent()).length > 0, `${id} has a title`);
  }
  assert.deepEqual(errors, []);
  await close();
});

test('mytrumpf: each role has what the policy allows, and not what it denies', async () => {
  const { page, errors, close } = await openDemo();
  // A case on the TruLaser (Plant North), so that "Edit case" exists.
  await choose(page, 'member', 'otto');
  await act(page, createCase('laser', 'service.case.create'));
  const editCase = '#cases button[data-do="edit"]';

  const expectations = {
    anna: { allowed: [shopButton('eshop.order.place')], denied: [editCase] }, // purchaser
    max: { allowed: [shopButton('eshop.order.place')], denied: [editCase] }, // managing director
    petra: { allowed: [editCase, shopButton('eshop.order.place')], denied: ['#admin button[data-permission="admin.users.invite"]'] }, // production manager
    // Who may only request an order sees "Order now" in the approval state (the built-in release
    // procedure): disabled, its title saying who releases it.
    pia: { allowed: [shopButton('eshop.order.request')], denied: [editCase], approval: [shopButton('eshop.order.place')] }, // programmer
    otto: { allowed: [createCase('laser', 'service.case.create'), editCase], denied: [createCase('bend', 'service.case.create')], approval: [shopButton('eshop.order.place')] }, // operator in Plant North
    sven: { allowed: [shopButton('eshop.order.request'), editCase], denied: [], approval: [shopButton('eshop.order.place')] }, // service engineer
  };
  for (const [member, { allowed, denied, approval = [] }] of Object.entries(expectations)) {
    await choose(page, 'member', member);
    for (const selector of allowed) assert.equal(await gateOf(page, selector), 'allowed', `${member}: ${selector}`);
    for (const [selector, state] of [...denied.map((d) => [d, 'denied']), ...approval.map((a) => [a, 'approval'])]) {
      assert.equal(await gateOf(page, selector), state, `${member}: ${selector}`);
      assert.equal(await page.locator(selector).first().getAttribute('aria-disabled'), 'true');
    }
  }
  // Administration: the two administrator roles see the panel; the production manager does not.
  await choose(page, 'member', 'petra');
  assert.equal(await page.locator('#admin [data-admin-only]').count(), 1, 'production managers do not administer');
  assert.match(await page.locator('#admin [data-admin-only]').textContent(), /Anna Berg \(Purchaser\), Max Weber \(Managing Director\)/);
  for (const member of ['anna', 'max']) {
    await choose(page, 'member', member);
    assert.equal(await gateOf(page, '#admin form[data-form="invite"] button[type="submit"]'), 'allowed', member);
  }
  // A pending member holds nothing: every gated element is hidden.
  await choose(page, 'member', 'paul');
  assert.equal(await page.locator('[data-inactive]').count(), 1);
  assert.equal(await page.locator('[data-rolegate="allowed"], [data-rolegate="denied"], [data-rolegate="approval"]').count(), 0);
  assert.deepEqual(errors, []);
  await close();
});

test('platform, operator kind: each role has what the policy allows, and not what it denies', async () => {
  const { page, errors, close } = await openDemo();
  await choose(page, 'policy', 'platform');
  await choose(page, 'kind', 'operator');
  const shared = (asset) => createCase(asset, 'service_case.manage');
  const internal = (asset) => createCase(asset, 'internal_case.create');
  const expectations = {
    mo: { allowed: [shared('laser')], denied: [shared('bend'), internal('laser')] }, // machine operator in Plant North
    wanda: { allowed: [shared('laser')], denied: [shared('bend'), internal('laser')] }, // workshop manager in Plant North
    ida: { allowed: [internal('laser'), internal('bend')], denied: [shared('laser')] }, // operator – internal service cases
    mika: { allowed: [shared('bend'), internal('bend')], denied: ['#admin button[data-permission="tenant_user.invite"]'] }, // maintenance engineer
    tara: { allowed: ['#admin form[data-form="invite"] button[type="submit"]'], denied: [shared('laser'), internal('laser')] }, // tenant admin
  };
  for (const [member, { allowed, denied }] of Object.entries(expectations)) {
    await choose(page, 'member', member);
    for (const selector of allowed) assert.equal(await gateOf(page, selector), 'allowed', `${member}: ${selector}`);
    for (const selector of denied) assert.equal(await gateOf(page, selector), 'denied', `${member}: ${selector}`);
  }
  // Booking modules is for the organization's administrators: Mika may not, Tara may.
  await choose(page, 'member', 'mika');
  assert.equal(await page.locator('[data-choose="module"][value="internal_service_cases"]').isDisabled(), true);
  assert.match(await page.locator('[data-modules-admin-only]').textContent(), /Only an administrator/);
  const bookInternal = async (on) => {
    await choose(page, 'member', 'tara');
    await page.setChecked('[data-choose="module"][value="internal_service_cases"]', on);
    await settle(page);
    await settle(page);
    await choose(page, 'member', 'mika');
  };
  // Without the module, the internal roles do not count.
  await bookInternal(false);
  assert.equal(await gateOf(page, internal('bend')), 'denied');
  await clickDenied(page, internal('bend'));
  assert.equal(await page.locator('#why [data-verdict]').textContent(), 'Denied');
  assert.match(await page.locator('#why [data-why-message]').textContent(), /module/i);

  // Scoped roles matter for the case list too: a case in Plant South is not listed for Mo (Plant
  // North), whose plan for reading cases is Plant North only; Wanda sees it neither, Ida does.
  await bookInternal(true);
  await act(page, shared('bend'));
  await act(page, '#cases button[data-do="toggleRemote"]');
  assert.match(await page.locator('#cases .badge').textContent(), /on/);
  for (const [member, listed] of [['mo', 0], ['wanda', 0], ['ida', 1]]) {
    await choose(page, 'member', member);
    assert.equal(await page.locator('#cases li[data-case]').count(), listed, `${member}: cases listed`);
    assert.equal(await page.locator('#cases [data-cases-hidden]').count(), 1 - listed, `${member}: the note on unlisted cases`);
  }
  await choose(page, 'member', 'mo');
  assert.match(await page.locator('#cases [data-cases-hidden]').textContent(), /1 more case of your organization is not listed/);
  // … while a case in Plant North is: its actions are gated for Mo's scope.
  await act(page, shared('laser'));
  assert.equal(await page.locator('#cases li[data-case]').count(), 1, 'Mo sees the case in Plant North');
  assert.equal(await gateOf(page, '#cases button[data-do="useRemote"]'), 'allowed');
  await choose(page, 'member', 'mika');
  await act(page, '#cases button[data-do="useRemote"]');
  assert.match(await page.locator('#cases .notice.ok').textContent(), /Mika Roos connected/);
  assert.deepEqual(errors, []);
  await close();
});

test('Otto requests an order in one browser, Anna releases it in another; the state survives a server restart', async () => {
  const otto = await openDemo();
  await choose(otto.page, 'member', 'otto');
  assert.equal(await gateOf(otto.page, shopButton('eshop.order.place')), 'approval', 'Otto requests; a releaser approves');
  assert.match(await otto.page.locator('#shop .ask').first().textContent(), /ask Anna Berg \(Purchaser\)/);
  await act(otto.page, shopButton('eshop.order.request'));
  assert.match(await otto.page.locator('#shop .notice.ok').textContent(), /Order request for Plant North sent/);
  assert.equal(await otto.page.locator('#shop [data-inbox] li').count(), 1);
  assert.equal(await gateOf(otto.page, '#shop [data-inbox] button[data-do="release"]'), 'denied', 'operators do not release');

  // The server stops and starts again on the same database (and port): nothing is lost.
  const { port } = server;
  await server.close();
  server = await startDemoServer({ databaseUrl: process.env.DATABASE_URL, dataDir: DATA, port });

  const anna = await openDemo();
  await choose(anna.page, 'member', 'anna');
  assert.equal(await anna.page.locator('#shop [data-inbox] li').count(), 1, 'kept across the restart');
  assert.equal(await gateOf(anna.page, '#shop [data-inbox] button[data-do="release"]'), 'allowed');
  await act(anna.page, '#shop [data-inbox] button[data-do="release"]');
  assert.match(await anna.page.locator('#shop .notice.ok').textContent(), /Anna Berg released the request of Otto Lang/);
  assert.equal(await anna.page.locator('#shop [data-inbox] li').count(), 0);
  assert.match(await anna.page.locator('#shop [data-orders]').textContent(), /requested by Otto Lang, released by Anna Berg/);
  // Otto's page (still open, signed in by its cookie) hears of it and shows the order.
  await otto.page.waitForSelector('#shop [data-orders] li');
  assert.match(await otto.page.locator('#shop [data-orders]').textContent(), /released by Anna Berg/);
  // Otto's page lived through the restart: its event stream's reconnection attempts failed
  // meanwhile (refused while the server was down, or reset as it went).
  assert.deepEqual(otto.errors.filter((e) => !e.includes('/api/events') && !/ERR_CONNECTION_(REFUSED|RESET)/.test(e)), []);
  assert.deepEqual(anna.errors, []);
  await otto.close();
  await anna.close();
});

test('administration: invite, approve, define a role; the last administrator cannot demote themselves', async () => {
  const { page, errors, close } = await openDemo();
  await choose(page, 'member', 'anna');
  // Invite with the default role preselected.
  assert.equal(await page.locator('#admin form[data-form="invite"] select[name="role"]').inputValue(), 'service_engineer');
  await page.fill('#admin form[data-form="invite"] input[name="email"]', 'lena@acme.example');
  await page.fill('#admin form[data-form="invite"] input[name="name"]', 'Lena Vogt');
  await act(page, '#admin form[data-form="invite"] button[type="submit"]');
  assert.match(await page.locator('#admin .notice.ok').textContent(), /lena@acme.example invited/);
  assert.match(await page.locator('#admin tr[data-member="lena"]').textContent(), /invited/);
  // Her link, opened in another browser, shows her the invitation and signs her in when she accepts.
  const link = await page.getAttribute('#admin tr[data-member="lena"] [data-invitation-link]', 'href');
  assert.match(link, /^\/#invitation=[A-Za-z0-9_-]{43}$/);
  const lena = await openDemo(DESKTOP, link);
  assert.match(await lena.page.locator('[data-invitation-view]').textContent(), /Lena Vogt \(lena@acme.example\) is invited to .* with the role Service engineer\./i);
  await act(lena.page, '[data-do="acceptInvitation"]');
  assert.match(await lena.page.locator('#global-notice .notice.ok').textContent(), /Lena Vogt accepted the invitation and is signed in/);
  assert.equal(await lena.page.locator('[data-choose="member"]').inputValue(), 'lena');
  assert.equal(await lena.page.locator('[data-inactive]').count(), 0, 'active at once');
  // Anna's page hears of it; the link is gone with the invitation.
  await page.waitForFunction(() => /active/.test(document.querySelector('#admin tr[data-member="lena"]')?.textContent ?? ''));
  assert.equal(await page.locator('#admin tr[data-member="lena"] [data-invitation-link], #admin tr[data-member="lena"] [data-do="newLink"]').count(), 0);
  assert.deepEqual(lena.errors, []);
  await lena.close();
  // Approve the pending colleague.
  await act(page, '#admin tr[data-member="paul"] button[data-do="approve"]');
  assert.match(await page.locator('#admin tr[data-member="paul"]').textContent(), /active/);
  // A role of the organization's own.
  await act(page, '#admin details summary');
  await page.fill('#admin form[data-form="defineRole"] input[name="id"]', 'buyer_light');
  await page.fill('#admin form[data-form="defineRole"] input[name="en"]', 'Light buyer');
  await page.fill('#admin form[data-form="defineRole"] input[name="de"]', 'Einkauf light');
  await page.check('#admin form[data-form="defineRole"] input[value="eshop.order.request"]');
  await act(page, '#admin form[data-form="defineRole"] button[type="submit"]');
  assert.equal(await page.locator('#admin [data-custom-role="buyer_light"]').count(), 1);
  // A custom role may not exceed the kind, and the violation says so.
  await act(page, '#admin details summary');
  await page.fill('#admin form[data-form="defineRole"] input[name="id"]', 'purchaser');
  await page.fill('#admin form[data-form="defineRole"] input[name="en"]', 'Mine');
  await page.fill('#admin form[data-form="defineRole"] input[name="de"]', 'Meins');
  await act(page, '#admin form[data-form="defineRole"] button[type="submit"]');
  assert.match(await page.locator('#admin .notice.error').textContent(), /Refused:.*purchaser/s);

  // The last administrator: Anna removes Max, then tries to give up her own administrator role.
  await act(page, '#admin tr[data-member="max"] button[data-do="remove"]');
  assert.equal(await page.locator('#admin tr[data-member="max"]').count(), 0);
  await act(page, '#admin tr[data-member="anna"] button[data-do="editRoles"]');
  await page.uncheck('#admin form[data-form="assignRoles"] input[value="purchaser"]');
  await page.check('#admin form[data-form="assignRoles"] input[value="programmer"]');
  await act(page, '#admin form[data-form="assignRoles"] button[type="submit"]');
  const refusal = await page.locator('#admin .notice.error').textContent();
  assert.match(refusal, /administrators cannot remove the administrator role from themselves/);
  assert.match(refusal, /Anna Berg is the last active administrator of tenant 'acme'/);
  assert.match(await page.locator('#admin tr[data-member="anna"]').textContent(), /Purchaser/, 'nothing changed');
  assert.deepEqual(errors, []);
  await close();
});

test('onboarding: a Customer Data Manager invites a company; the invitee accepts in another browser and administers it', async () => {
  const { page, errors, close } = await openDemo();
  await choose(page, 'policy', 'platform');
  await choose(page, 'kind', 'service_provider');
  const customerCase = (asset) => createCase(asset, 'customer_case.manage');
  // The provider's customers are the companies it onboarded; Theo's assignment is scoped to one.
  await choose(page, 'member', 'finn');
  assert.equal(await gateOf(page, customerCase('laser-c1')), 'allowed');
  assert.equal(await gateOf(page, customerCase('punch-c2')), 'allowed');
  await act(page, customerCase('punch-c2'));
  await choose(page, 'member', 'theo');
  assert.equal(await gateOf(page, customerCase('laser-c1')), 'allowed');
  assert.equal(await gateOf(page, customerCase('punch-c2')), 'denied');
  assert.equal(await page.locator('#cases li[data-case]').count(), 0, "Theo does not see the other customer's case");
  // The companies' list is for members who manage customers (the server sends it to them only).
  assert.equal(await page.locator('[data-companies]').count(), 0, 'Theo does not manage customers');
  // Inviting a company needs customer management: Finn may not, Carl may.
  await choose(page, 'member', 'finn');
  const inviteCompany = '#admin form[data-form="inviteTenant"] button[type="submit"]';
  assert.equal(await gateOf(page, inviteCompany), 'denied');
  await choose(page, 'member', 'carl');
  assert.equal(await gateOf(page, inviteCompany), 'allowed');
  assert.equal(await page.locator('[data-companies] tr[data-company-status="onboarded"]').count(), 2);
  const fillInvitation = async (tenant) => {
    await page.locator('#admin details:has(form[data-form="inviteTenant"]) summary').click();
    await page.fill('form[data-form="inviteTenant"] [name="company"]', 'North Steel <b>GmbH</b>');
    await page.fill('form[data-form="inviteTenant"] [name="tenant"]', tenant);
    await page.fill('form[data-form="inviteTenant"] [name="name"]', 'Olga Nord');
    await page.fill('form[data-form="inviteTenant"] [name="email"]', 'olga@north.example');
    await act(page, inviteCompany);
  };
  // A tenant id the platform has already is refused, and nothing is recorded.
  await fillInvitation('steelworks');
  assert.match(await page.locator('#admin .notice.error').textContent(), /steelworks is taken/);
  assert.equal(await page.locator('[data-companies] tr').count(), 3, 'the header and two companies');
  await fillInvitation('north-steel');
  assert.match(await page.locator('#admin .notice.ok').textContent(), /North Steel <b>GmbH<\/b> invited to the platform/);
  assert.equal(await page.locator('[data-company="north-steel"]').getAttribute('data-company-status'), 'invited');
  assert.equal(await page.locator('[data-company="north-steel"] b').count(), 0, 'markup in a company name is text');

  // The invitee opens the invitation's link (a secret token in the fragment, never the
  // invitation's id) in another browser and accepts it.
  const link = await page.getAttribute('[data-invitation-link]', 'href');
  assert.match(link, /^\/#invitation=[A-Za-z0-9_-]{43}$/);
  assert.ok(!link.includes('tinv-'), 'the id is no credential');
  const other = await openDemo(DESKTOP, link);
  const invitee = other.page;
  assert.match(await invitee.locator('[data-invitation-view]').textContent(), /servicepro invites North Steel <b>GmbH<\/b> \(Olga Nord, olga@north.example\)/);
  await act(invitee, '[data-do="acceptInvitation"]');
  assert.match(await invitee.locator('#global-notice .notice.ok').textContent(), /you are its administrator/);
  assert.equal(await invitee.locator('[data-choose="operatorOrg"]').inputValue(), 'platform:operator:north-steel');
  assert.equal(await invitee.locator('[data-choose="member"]').inputValue(), 'olga');
  assert.equal(await gateOf(invitee, '#admin form[data-form="invite"] button[type="submit"]'), 'allowed', 'she administers the new tenant');
  assert.equal(await gateOf(invitee, createCase('laser', 'service_case.manage')), 'denied', 'a tenant admin has no operational permission');
  assert.equal(new URL(invitee.url()).hash, '', 'the link is used up');

  // The provider's page re-gates live (server-sent events): the company is onboarded, its machine offered.
  await page.waitForSelector('[data-company="north-steel"][data-company-status="onboarded"]');
  await choose(page, 'member', 'finn');
  assert.equal(await gateOf(page, customerCase('machine-north-steel')), 'allowed');
  await choose(page, 'member', 'theo');
  assert.equal(await gateOf(page, customerCase('machine-north-steel')), 'denied', 'Theo is scoped to Acme Blechtechnik');

  // The link works once: opened again (in the tab that used it), it shows nothing of the invitation.
  await invitee.goto(`${server.url}${link}`);
  await invitee.waitForSelector('[data-invitation-view]');
  await settle(invitee);
  assert.match(await invitee.locator('[data-invitation-view]').textContent(), /This invitation link is not valid/);
  assert.equal(await invitee.locator('[data-do="acceptInvitation"]').count(), 0);
  // Revoking an invitation kills its link at once.
  await choose(page, 'member', 'carl');
  await fillInvitation('south-steel');
  const revocable = await page.getAttribute('[data-company="south-steel"] [data-invitation-link]', 'href');
  await act(page, '[data-company="south-steel"] button[data-do="revokeTenant"]');
  assert.equal(await page.locator('[data-company="south-steel"]').getAttribute('data-company-status'), 'revoked');
  const late = await openDemo(DESKTOP, revocable);
  assert.match(await late.page.locator('[data-invitation-view]').textContent(), /not valid/);
  assert.deepEqual(late.errors, []);
  await late.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.close();
  await close();
});

test('the why-panel explains allowed and denied elements; keyboard activation works', async () => {
  const { page, errors, close } = await openDemo();
  await choose(page, 'member', 'otto');
  await clickDenied(page, shopButton('eshop.order.place'));
  assert.equal(await page.locator('#why [data-verdict]').textContent(), 'Approval needed');
  assert.match(await page.locator('#why [data-why-message]').textContent(), /Approval needed: you may request “Order”/);
  assert.match(await page.locator('#why [data-why-ask]').textContent(), /Anna Berg \(Purchaser\)/);
  assert.equal(await page.locator('#shop .notice').count(), 0, 'a denied button does nothing');

  await act(page, shopButton('eshop.order.request'));
  assert.equal(await page.locator('#why [data-verdict]').textContent(), 'Allowed');
  assert.match(await page.locator('#why').textContent(), /Operator \(Plant North\): eshop\.order\.request/);

  // Keyboard: focus the first "Add to cart" and press Enter.
  await page.focus(shopButton('eshop.cart.edit'));
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await page.locator('#shop [data-cart]').textContent(), /Cart: 1 item/);
  // A denied button stays focusable, and Enter explains instead of acting.
  await page.focus(shopButton('eshop.order.place', 'lens'));
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await page.locator('#why [data-verdict]').textContent(), 'Approval needed');
  assert.deepEqual(errors, []);
  await close();
});

test('language switch: the page, the titles and the engine messages in German', async () => {
  const { page, errors, close } = await openDemo();
  await choose(page, 'member', 'otto');
  await choose(page, 'lang', 'de');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.locator('#title').textContent(), 'rolegate-Demo');
  assert.equal(await page.locator(shopButton('eshop.order.place')).textContent(), 'Jetzt bestellen');
  assert.match(await page.locator(shopButton('eshop.order.place')).getAttribute('title'), /^Freigabe nötig: /);
  assert.match(await page.locator('#shop .ask').first().textContent(), /Fragen Sie Anna Berg \(Einkäufer\)/);
  assert.match(await page.locator('#matrix').textContent(), /Bestellanforderungen freigeben/);
  await clickDenied(page, shopButton('eshop.order.place'));
  assert.equal(await page.locator('#why [data-verdict]').textContent(), 'Freigabe nötig');
  await choose(page, 'lang', 'en');
  assert.equal(await page.locator(shopButton('eshop.order.place')).textContent(), 'Order now');
  assert.deepEqual(errors, []);
  await close();
});

test('damaged preferences are ignored; the reset button restores the sample data on the server', async () => {
  const { page, errors, close } = await openDemo();
  for (const text of ['{"lang":', JSON.stringify({ lang: 'fr', deliverTo: 'mars', members: 5 }), 'null']) {
    await page.evaluate((value) => localStorage.setItem('rolegate-demo-prefs', value), text);
    await page.reload();
    await page.waitForFunction(() => window.rolegateDemo?.ready === true);
    await settle(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', text);
    assert.equal(await page.locator('[data-choose="deliverTo"]').inputValue(), 'f1', text);
  }
  await act(page, shopButton('eshop.cart.edit'));
  assert.match(await page.locator('#shop [data-cart]').textContent(), /Cart: 1 item/);
  await act(page, '[data-do="reset"]');
  assert.match(await page.locator('#global-notice').textContent(), /reset to its sample data/);
  assert.match(await page.locator('#shop [data-cart]').textContent(), /empty/);
  assert.deepEqual(errors, []);
  await close();
});

test('screenshots of every panel at 1280×800 and 390×844 (test-results/demo/)', async () => {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, errors, close } = await openDemo(viewport);
    await choose(page, 'member', 'otto');
    await act(page, shopButton('eshop.order.request'));
    await clickDenied(page, shopButton('eshop.order.place'));
    await choose(page, 'member', 'anna');
    await page.screenshot({ path: join(SHOTS, `page-${size}.png`), fullPage: true });
    for (const id of ['switcher', 'shop', 'cases', 'admin', 'why', 'mydata', 'matrix']) {
      await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `${id}-${size}.png`) });
    }
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${size}: the page is ${overflow}px wider than the screen`);
    await choose(page, 'policy', 'platform');
    await page.screenshot({ path: join(SHOTS, `platform-${size}.png`), fullPage: true });
    assert.deepEqual(errors, [], size);
    await close();
  }
});

test('markup in names, e-mail addresses, role labels and company names renders as text in every panel', async () => {
  const { page, errors, close } = await openDemo();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const markup = '<img src=x onerror="window.__xss=1">';
  await choose(page, 'member', 'anna');
  await page.fill('#admin form[data-form="invite"] input[name="email"]', 'mark@acme.example');
  await page.fill('#admin form[data-form="invite"] input[name="name"]', `Mark ${markup}`);
  await act(page, '#admin form[data-form="invite"] button[type="submit"]');
  assert.match(await page.locator('#admin .notice.ok').textContent(), /invited/);
  await act(page, '#admin details summary');
  await page.fill('#admin form[data-form="defineRole"] input[name="id"]', 'marked');
  await page.fill('#admin form[data-form="defineRole"] input[name="en"]', `Role ${markup}`);
  await page.fill('#admin form[data-form="defineRole"] input[name="de"]', `Rolle ${markup}`);
  await page.check('#admin form[data-form="defineRole"] input[value="eshop.order.request"]');
  await act(page, '#admin form[data-form="defineRole"] button[type="submit"]');
  // Give the role to Otto, whose case log, requests and the switcher then show both texts.
  await act(page, '#admin tr[data-member="otto"] button[data-do="editRoles"]');
  await page.check('#admin form[data-form="assignRoles"] input[value="marked"]');
  await act(page, '#admin form[data-form="assignRoles"] button[type="submit"]');
  for (const member of ['anna', 'otto']) {
    await choose(page, 'member', member);
    await act(page, shopButton('eshop.order.request'));
    await clickDenied(page, shopButton('eshop.order.place')).catch(() => {});
  }
  // Every panel, in both languages: the markup is text, never an element, and never ran.
  for (const lang of ['en', 'de']) {
    await choose(page, 'lang', lang);
    for (const member of ['anna', 'otto']) {
      await choose(page, 'member', member);
      assert.equal(await page.locator('#app img').count(), 0, `${lang}/${member}: no <img> from data`);
      const text = await page.locator('#app').textContent();
      assert.ok(text.includes(markup), `${lang}/${member}: the markup shows as text`);
    }
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await close();
});
