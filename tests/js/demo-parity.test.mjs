// End-to-end parity of the demo: for every sample member of both policies and every gated element
// on their page, the page's state (allowed, or denied/hidden) equals the server's answer to the
// request that element makes (2xx or a refusal for another reason, against 403), sent directly
// with that member's cookie. Each request runs on a fresh copy of the sample data with the same
// records (a case per asset and kind, an order request per facility), so one request's effect
// never changes another's answer. Zero differences; the test says how many pairs it compared.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CASE_ACTIONS, FACILITIES, catalogKey } from '../../common/sample.js';
import { startDemoServer } from '../../server/main.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { request, resetDemo, signIn as signInAt } from './demo-api.mjs';

const DATA = mkdtempSync(join(tmpdir(), 'rolegate-parity-'));
let server;
let browser;

before(async () => {
  server = await startDemoServer({ databaseUrl: process.env.DATABASE_URL, dataDir: DATA });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(DATA, { recursive: true, force: true });
});

const call = (method, path, body, cookie) => request(server.url, method, path, method === 'GET' ? undefined : (body ?? {}), { cookie });
const signIn = (org, member) => signInAt(server.url, org, member);

/** The cookie `resetDemo` last reset with (a stranger may not reset). */
let resetter = null;

/**
 * Members whose sessions a request ended (approving or removing them does), as `<org> <member>`:
 * signed in again after the next reset, which brings their sample record back.
 */
const ended = new Set();

/**
 * The sample data plus the same records every time: per asset and kind of case a case (opened by
 * the first member who may), per facility an order request. Returns their ids in creation order.
 */
async function freshData(org, cookies) {
  resetter = await resetDemo(server.url, resetter);
  // (A member of another organization than this one's is not asked about again.)
  for (const entry of ended) if (entry.startsWith(`${org} `)) cookies[entry.slice(org.length + 1)] = await signIn(org, entry.slice(org.length + 1));
  ended.clear();
  const ids = { cases: [], requests: [] };
  const members = Object.keys(cookies);
  const view = (await call('GET', '/api/view', undefined, cookies[members[0]])).body;
  for (const asset of view.assets) {
    for (const create of CASE_ACTIONS[catalogKey(org)].create) {
      for (const m of members) {
        const r = await call('POST', '/api/cases', { asset: asset.id, kind: create.kind }, cookies[m]);
        if (r.status === 201) {
          ids.cases.push(r.body.id);
          break;
        }
      }
    }
  }
  if (org === 'mytrumpf') {
    for (const f of FACILITIES) {
      for (const m of members) {
        const r = await call('POST', '/api/order-requests', { product: 'lens', facility: f.id }, cookies[m]);
        if (r.status === 201) {
          ids.requests.push(r.body.id);
          break;
        }
      }
    }
  }
  return ids;
}

/** The request a gated element makes, as the page would send it (ids translated to `ids`). */
function requestOf(el, { org, version, members }, captured, ids) {
  const translate = (list, id) => String(ids[list][captured[list].indexOf(Number(id))]);
  const admin = (op) => ({ method: 'POST', path: '/api/admin', body: { version, op } });
  switch (el.do ?? el.form) {
    case 'cart':
      return { method: 'POST', path: '/api/cart', body: { product: el.product, facility: el.facility } };
    case 'request':
      return { method: 'POST', path: '/api/order-requests', body: { product: el.product, facility: el.facility } };
    case 'order':
      return { method: 'POST', path: '/api/orders', body: { product: el.product, facility: el.facility } };
    case 'release':
      return { method: 'POST', path: `/api/order-requests/${translate('requests', el.request)}/release`, body: {} };
    case 'createCase':
      return { method: 'POST', path: '/api/cases', body: { asset: el.asset, kind: el.kind } };
    case 'approve':
      return admin({ op: 'approve', member: el.member });
    case 'remove':
      return admin({ op: 'removeMember', member: el.member });
    case 'editRoles':
      return admin({ op: 'assignRoles', member: el.member, roles: members.find((m) => m.id === el.member).roles });
    case 'explainOnly':
    case 'invite':
      return admin({ op: 'invite', email: 'parity@new.example', name: 'Parity Check' });
    case 'defineRole':
      return admin({ op: 'defineRole', role: { id: 'parity_role', label: { en: 'Parity', de: 'Parität' }, grants: [] } });
    case 'inviteTenant':
      return admin({ op: 'inviteTenant', tenant: 'parity-co', kind: el.kind, company: 'Parity Co', email: 'p@parity.example', name: 'Pat Parity' });
    default:
      if (el.case) return { method: 'POST', path: `/api/cases/${translate('cases', el.case)}/${el.do}`, body: {} };
      throw new Error(`no request known for ${JSON.stringify(el)} in ${org}`);
  }
}

test('every gated element of every sample member agrees with the server', { timeout: 600_000 }, async (t) => {
  const directory = (await call('GET', '/api/directory')).body.filter((o) => o.key.split(':').length <= 2);
  assert.equal(directory.length, 4);
  let pairs = 0;
  const differences = [];
  const states = { allowed: 0, denied: 0, approval: 0, hidden: 0 };
  for (const org of directory) {
    const cookies = {};
    for (const m of org.members) cookies[m.id] = await signIn(org.key, m.id);
    for (const member of org.members) {
      const captured = await freshData(org.key, cookies);
      const context = await browser.newContext();
      await context.request.post(`${server.url}/api/session`, { data: { org: org.key, member: member.id } });
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => window.rolegateDemo?.ready === true && !document.body.dataset.busy);
      const elements = await page.$$eval('#app [data-permission]', (list) =>
        list.map((e) => {
          const form = e.closest('form[data-form]');
          return {
            state: e.dataset.rolegate,
            permission: e.dataset.permission,
            do: e.dataset.do,
            form: form?.dataset.form,
            kind: e.dataset.kind ?? form?.dataset.kind,
            product: e.dataset.product,
            facility: e.dataset.resourceFacility,
            member: e.dataset.member,
            request: e.dataset.request,
            case: e.dataset.case,
            asset: e.dataset.asset,
            text: e.textContent.trim(),
          };
        }),
      );
      await context.close();
      assert.ok(elements.length > 0, `${org.key}/${member.id}: gated elements`);
      for (const el of elements) {
        states[el.state] += 1;
        const ids = await freshData(org.key, cookies);
        const { version } = (await call('GET', '/api/view', undefined, cookies[member.id])).body;
        const request = requestOf(el, { org: org.key, version, members: org.members }, captured, ids);
        const answer = await call(request.method, request.path, request.body, cookies[member.id]);
        assert.ok(answer.status < 500, `${org.key}/${member.id} ${request.path}: ${answer.status}`);
        assert.notEqual(answer.status, 401, `${org.key}/${member.id} ${request.path}: signed in`);
        if (answer.status === 200 && ['approve', 'removeMember'].includes(request.body?.op?.op)) ended.add(`${org.key} ${request.body.op.member}`);
        const serverAllows = answer.status !== 403 && answer.status !== 401;
        const pageAllows = el.state === 'allowed';
        pairs += 1;
        if (serverAllows !== pageAllows) {
          differences.push(`${org.key}/${member.id}: "${el.text}" (${el.permission}) page ${el.state}, server ${answer.status} ${answer.body?.code ?? ''}`);
        }
      }
    }
  }
  t.diagnostic(`${pairs} pairs (element × member) compared: ${states.allowed} allowed, ${states.denied} denied, ${states.approval} needing approval, ${states.hidden} hidden on the page; ${differences.length} differences`);
  assert.deepEqual(differences, []);
  assert.ok(pairs > 200, `${pairs} pairs`);
});
