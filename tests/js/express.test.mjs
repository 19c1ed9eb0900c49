// rolegate/express against a real Express server on 127.0.0.1, and against plain node:http.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import express from 'express';
import { PolicyEngine } from 'rolegate';
import { languageOf, requirePermission } from 'rolegate/express';

const engine = PolicyEngine.builtin('mytrumpf');
const users = {
  anna: { id: 'anna', tenant: 'acme', roles: ['purchaser'] },
  otto: { id: 'otto', tenant: 'acme', roles: [{ role: 'operator', scope: { facility: 'f1' } }] },
  ghost: { id: 'ghost', tenant: 'acme', roles: ['purchasr'] },
};
let handled = 0;
let server;
let base;

before(async () => {
  const app = express();
  app.use((req, _res, next) => {
    req.user = users[req.get('x-user')];
    next();
  });
  const reply = (req, res) => {
    handled += 1;
    res.json({ ok: true, rolegate: req.rolegate });
  };
  const subject = (req) => req.user;
  app.post('/orders', requirePermission(engine, 'eshop.order.place', { subject }), reply);
  app.post('/cases/:facility', requirePermission(engine, 'service.case.manage', { subject, resource: (req) => ({ facility: req.params.facility }) }), reply);
  app.post('/tenants/:tenant/orders', requirePermission(engine, 'eshop.order.request', { subject, resource: (req) => ({ tenant: req.params.tenant }) }), reply);
  app.get('/profile', requirePermission(engine, 'profile.view', { subject: async (req) => new Promise((done) => setTimeout(() => done(req.user), 5)) }), reply);
  app.get('/broken-resource', requirePermission(engine, 'profile.view', { subject, resource: () => { throw new Error('no'); } }), reply);
  app.get('/bad-resource', requirePermission(engine, 'profile.view', { subject, resource: () => ({ facility: 3.5 }) }), reply);
  app.get('/german', requirePermission(engine, 'eshop.order.place', { subject, lang: 'de' }), reply);
  app.get('/no-engine', requirePermission(undefined, 'profile.view', { subject }), reply);
  app.get('/no-policy', requirePermission(PolicyEngine.load('{"broken":'), 'profile.view', { subject }), reply);
  await new Promise((ready) => {
    server = app.listen(0, '127.0.0.1', ready);
  });
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((done) => server.close(done)));

async function call(path, { user, method = 'POST', headers = {} } = {}) {
  const response = await fetch(base + path, { method, headers: { ...(user ? { 'x-user': user } : {}), ...headers } });
  return { status: response.status, body: await response.json() };
}

test('allowed: 200, the handler runs and sees the decision', async () => {
  const before = handled;
  const { status, body } = await call('/orders', { user: 'anna' });
  assert.equal(status, 200);
  assert.deepEqual(body, { ok: true, rolegate: { allowed: true, code: 'granted', action: 'eshop.order.place' } });
  assert.equal(handled, before + 1);
});

test('denied: 403 with { error, code, message }, and the handler does not run', async () => {
  const before = handled;
  const { status, body } = await call('/orders', { user: 'otto' });
  assert.equal(status, 403);
  assert.equal(body.error, 'forbidden');
  // Otto may ask for orders in his facility only: for no facility in particular, out of scope.
  assert.equal(body.code, 'out_of_scope');
  assert.match(body.message, /^Denied: the role “Operator” grants “Create order requests” only within Facility “f1”/);
  assert.equal(handled, before);
});

test('the message follows Accept-Language or the lang option', async () => {
  const { body } = await call('/orders', { user: 'otto', headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' } });
  assert.match(body.message, /^Verweigert:/);
  const fixed = await call('/german', { user: 'otto', method: 'GET' });
  assert.match(fixed.body.message, /^Verweigert:/);
  assert.equal(languageOf({ headers: { 'accept-language': 'en-US,de;q=0.5' } }), 'en');
  assert.equal(languageOf({}), 'en');
});

test('scopes and tenants: the resource decides', async () => {
  assert.equal((await call('/cases/f1', { user: 'otto' })).status, 200);
  const outside = await call('/cases/f2', { user: 'otto' });
  assert.equal(outside.status, 403);
  assert.equal(outside.body.code, 'out_of_scope');
  const foreign = await call('/tenants/globex/orders', { user: 'anna' });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.body.code, 'other_tenant');
});

test('no subject: 401', async () => {
  const { status, body } = await call('/orders');
  assert.equal(status, 401);
  assert.deepEqual(Object.keys(body), ['error', 'code', 'message']);
  assert.equal(body.error, 'unauthorized');
  assert.equal(body.code, 'no_subject');
});

test('a subject that does not fit the policy: 401 naming the problem', async () => {
  const { status, body } = await call('/orders', { user: 'ghost' });
  assert.equal(status, 401);
  assert.equal(body.code, 'invalid_subject');
  assert.equal(body.message, "unknown role 'purchasr'. Did you mean 'purchaser'?");
});

test('async subjects, unreadable resources and a missing engine', async () => {
  assert.equal((await call('/profile', { user: 'anna', method: 'GET' })).status, 200);
  assert.equal((await call('/profile', { method: 'GET' })).status, 401);
  const broken = await call('/broken-resource', { user: 'anna', method: 'GET' });
  assert.deepEqual([broken.status, broken.body.code], [400, 'bad_resource']);
  const bad = await call('/bad-resource', { user: 'anna', method: 'GET' });
  assert.deepEqual([bad.status, bad.body.code], [400, 'invalid_resource']);
  const none = await call('/no-engine', { user: 'anna', method: 'GET' });
  assert.deepEqual([none.status, none.body.error, none.body.code], [503, 'unavailable', 'no_policy'], 'never allows blindly');
  const failed = await call('/no-policy', { user: 'anna', method: 'GET' });
  assert.deepEqual([failed.status, failed.body.error, failed.body.code], [503, 'unavailable', 'no_policy'], 'a policy that did not load allows nothing');
});

test('bad configuration is refused when the middleware is made', () => {
  assert.throws(() => requirePermission(engine, '', { subject: () => null }), TypeError);
  assert.throws(() => requirePermission(engine, 'x', {}), /subject must be a function/);
  assert.throws(() => requirePermission(engine, 'x', { subject: () => null, resource: 'f1' }), /resource must be a function/);
  assert.throws(() => requirePermission(engine, 'x', { subject: () => null, lang: 'fr' }), /lang must be/);
});

test('works with plain node:http too', async () => {
  const guard = requirePermission(engine, 'eshop.order.place', { subject: (req) => users[req.headers['x-user']] });
  const plain = createServer((req, res) => guard(req, res, () => res.end('ok')));
  await new Promise((ready) => plain.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${plain.address().port}/`;
  try {
    const ok = await fetch(url, { headers: { 'x-user': 'anna' } });
    assert.equal(await ok.text(), 'ok');
    const denied = await fetch(url, { headers: { 'x-user': 'otto' } });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await denied.json()).code, 'out_of_scope');
  } finally {
    await new Promise((done) => plain.close(done));
  }
});
