// rolegate/express against a real Express server on 127.0.0.1, and against plain node:http.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import express from 'express';
import { PolicyEngine } from 'rolegate';
import { fingerprintHeader, languageOf, requirePermission, servePolicy } from 'rolegate/express';

const engine = PolicyEngine.builtin('mytrumpf');
const users = {
  anna: { id: 'anna', tenant: 'acme', roles: ['purchaser'] },
  otto: { id: 'otto', tenant: 'acme', roles: [{ role: 'operator', scope: { facility: 'f1' } }] },
  ghost: { id: 'ghost', tenant: 'acme', roles: ['purchasr'] },
};
let handled = 0;
const decisions = [];
const faults = [];
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
  app.get('/throwing-subject', requirePermission(engine, 'profile.view', { subject: () => { throw new Error('session store down'); } }), reply);
  app.get('/rejecting-subject', requirePermission(engine, 'profile.view', { subject: async () => { throw new Error('session store down'); } }), reply);
  app.get('/rejecting-resource', requirePermission(engine, 'profile.view', { subject, resource: async () => { throw new Error('database down'); } }), reply);
  app.get('/current', requirePermission(() => engine, 'eshop.order.place', { subject }), reply);
  app.get('/gone', requirePermission(() => undefined, 'eshop.order.place', { subject }), reply);
  app.get('/misspelt-later', requirePermission(() => engine, 'eshop.order.plase', { subject }), reply);
  // Adapters that answer anything but `true`: never let through.
  const adapter = (can) => ({ can, explain: () => ({ code: 'adapter_denied', message: 'no', grantingRoles: [] }) });
  app.get('/adapter/async-false', requirePermission(adapter(async () => false), 'x', { subject }), reply);
  app.get('/adapter/async-true', requirePermission(adapter(async () => true), 'x', { subject }), reply);
  app.get('/adapter/text-false', requirePermission(adapter(() => 'false'), 'x', { subject }), reply);
  app.get('/adapter/object', requirePermission(adapter(() => ({ allowed: false })), 'x', { subject }), reply);
  app.get('/adapter/one', requirePermission(adapter(() => 1), 'x', { subject }), reply);
  app.get('/adapter/rejects', requirePermission(adapter(() => Promise.reject(new Error('pdp down'))), 'x', { subject }), reply);
  app.get('/adapter/silent', requirePermission({ can: () => false, explain: () => undefined }, 'x', { subject }), reply);
  app.get('/lang-throws', requirePermission(engine, 'eshop.order.place', { subject, lang: () => { throw new Error('no'); } }), reply);
  app.get('/hooks', requirePermission(engine, 'eshop.order.place', {
    subject,
    onDecision: (event) => decisions.push({ path: event.req.path, allowed: event.allowed, status: event.status, code: event.code }),
    onDenied: ({ status, body }) => ({ problem: body.code, status, hint: 'ask an administrator' }),
  }), reply);
  app.get('/hook-throws', requirePermission(engine, 'eshop.order.place', { subject, onDecision: () => { throw new Error('log full'); } }), reply);
  // Express's error handling: the faults that are not the client's arrive here.
  app.use((error, _req, res, _next) => {
    faults.push(error);
    res.status(500).json({ fault: error.message, code: error.code ?? null });
  });
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

test('a subject that does not fit the policy (a stored role the policy no longer has): 403 with its code, not 401', async () => {
  const { status, body } = await call('/orders', { user: 'ghost' });
  assert.equal(status, 403);
  assert.equal(body.error, 'forbidden');
  assert.equal(body.code, 'unknown_role');
  assert.equal(body.message, "unknown role 'purchasr'. Did you mean 'purchaser'?");
});

test('a denial says whom to ask: the action and the roles that grant it', async () => {
  const { status, body } = await call('/orders', { user: 'otto' });
  assert.equal(status, 403);
  assert.equal(body.action, 'eshop.order.place');
  assert.ok(body.grantingRoles.includes('purchaser'), JSON.stringify(body.grantingRoles));
});

test('async subjects, unreadable resources and a missing engine', async () => {
  assert.equal((await call('/profile', { user: 'anna', method: 'GET' })).status, 200);
  assert.equal((await call('/profile', { method: 'GET' })).status, 401);
  const bad = await call('/bad-resource', { user: 'anna', method: 'GET' });
  assert.deepEqual([bad.status, bad.body.code], [400, 'invalid_resource']);
  const none = await call('/no-engine', { user: 'anna', method: 'GET' });
  assert.deepEqual([none.status, none.body.error, none.body.code], [503, 'unavailable', 'no_policy'], 'never allows blindly');
  const failed = await call('/no-policy', { user: 'anna', method: 'GET' });
  assert.deepEqual([failed.status, failed.body.error, failed.body.code], [503, 'unavailable', 'no_policy'], 'a policy that did not load allows nothing');
});

test("faults of the server's own functions go to Express's error handling, not to the client as 401/400", async () => {
  const before = handled;
  for (const path of ['/throwing-subject', '/rejecting-subject', '/broken-resource', '/rejecting-resource']) {
    const seen = faults.length;
    const { status, body } = await call(path, { user: 'anna', method: 'GET' });
    assert.equal(status, 500, path);
    assert.match(body.fault, /down|^no$/, path);
    assert.equal(faults.length, seen + 1, `${path}: next(error) once`);
  }
  assert.equal(handled, before, 'no handler ran');
});

test('an engine given as a function is asked on each request; none answers 503', async () => {
  assert.equal((await call('/current', { user: 'anna', method: 'GET' })).status, 200);
  assert.equal((await call('/current', { user: 'otto', method: 'GET' })).status, 403);
  const gone = await call('/gone', { user: 'anna', method: 'GET' });
  assert.deepEqual([gone.status, gone.body.code], [503, 'no_policy']);
  const later = await call('/misspelt-later', { user: 'anna', method: 'GET' });
  assert.deepEqual([later.status, later.body.code], [500, 'unknown_action'], 'the policy does not know the action: a fault of the server');
  assert.match(later.body.fault, /Did you mean 'eshop\.order\.place'\?/);
});

test('never fails open: only exactly true lets a request through', async () => {
  const before = handled;
  const denied = await call('/adapter/async-false', { user: 'anna', method: 'GET' });
  assert.deepEqual([denied.status, denied.body.code], [403, 'adapter_denied'], 'a promise of false is awaited and denies');
  for (const path of ['/adapter/text-false', '/adapter/object', '/adapter/one']) {
    const { status, body } = await call(path, { user: 'anna', method: 'GET' });
    assert.deepEqual([status, body.code], [500, 'invalid_answer'], path);
    assert.match(body.fault, /not true or false/, path);
  }
  assert.equal((await call('/adapter/rejects', { user: 'anna', method: 'GET' })).status, 500);
  assert.equal(handled, before, 'none of them ran the handler');
  assert.equal((await call('/adapter/async-true', { user: 'anna', method: 'GET' })).status, 200, 'a promise of true allows');
  const silent = await call('/adapter/silent', { user: 'anna', method: 'GET' });
  assert.deepEqual([silent.status, silent.body.code, silent.body.message], [403, 'denied', 'Denied: the request is not permitted.'], 'an explain that answers nothing: the documented refusal');
  const lang = await call('/lang-throws', { user: 'otto', method: 'GET', headers: { 'accept-language': 'de' } });
  assert.deepEqual([lang.status, lang.body.code], [403, 'out_of_scope'], 'a lang() that throws: Accept-Language');
  assert.match(lang.body.message, /^Verweigert:/);
});

test('hooks: onDecision hears every answer, onDenied shapes the refusal; a hook that throws is a fault', async () => {
  decisions.length = 0;
  assert.equal((await call('/hooks', { user: 'anna', method: 'GET' })).status, 200);
  const denied = await call('/hooks', { user: 'otto', method: 'GET' });
  assert.deepEqual(denied, { status: 403, body: { problem: 'out_of_scope', status: 403, hint: 'ask an administrator' } });
  assert.equal((await call('/hooks', { method: 'GET' })).status, 401);
  assert.deepEqual(decisions, [
    { path: '/hooks', allowed: true, status: 200, code: 'granted' },
    { path: '/hooks', allowed: false, status: 403, code: 'out_of_scope' },
    { path: '/hooks', allowed: false, status: 401, code: 'no_subject' },
  ]);
  const before = handled;
  assert.equal((await call('/hook-throws', { user: 'anna', method: 'GET' })).status, 500);
  assert.equal(handled, before, 'a failing log does not let the request through');
});

test('bad configuration is refused when the middleware is made', () => {
  assert.throws(() => requirePermission(engine, '', { subject: () => null }), TypeError);
  assert.throws(() => requirePermission(engine, 'x', {}), /subject must be a function/);
  assert.throws(() => requirePermission(engine, 'x', { subject: () => null, resource: 'f1' }), /resource must be a function/);
  assert.throws(() => requirePermission(engine, 'x', { subject: () => null, lang: 'fr' }), /lang must be/);
  assert.throws(() => requirePermission(engine, 'eshop.order.place', { subject: () => null, onDecision: 'log' }), /onDecision must be a function/);
  assert.throws(() => requirePermission(42, 'eshop.order.place', { subject: () => null }), /engine must be a PolicyEngine/);
  assert.throws(
    () => requirePermission(engine, 'eshop.order.plase', { subject: () => null }),
    (e) => e.code === 'unknown_action' && e.message === "requirePermission(engine, 'eshop.order.plase') with the policy 'mytrumpf': unknown permission 'eshop.order.plase'. Did you mean 'eshop.order.place'?",
  );
  assert.throws(() => requirePermission(engine, 'ticket.close', { subject: () => null }), (e) => e.code === 'unknown_action' && e.message.endsWith(": unknown permission 'ticket.close'"));
});

test('servePolicy and fingerprintHeader: a freed engine is no engine (503, no header), not a throw', async () => {
  const freed = PolicyEngine.builtin('mytrumpf');
  const serve = servePolicy(freed);
  const stamp = fingerprintHeader(freed);
  freed.free();
  const headers = {};
  let status;
  let body;
  const res = { setHeader: (k, v) => { headers[k] = v; }, status: (s) => { status = s; return { json: (b) => { body = b; } }; }, json: () => {} };
  serve({ headers: {} }, res);
  assert.deepEqual([status, body.code], [503, 'no_policy']);
  let went = false;
  stamp({ headers: {} }, res, () => { went = true; });
  assert.ok(went);
  assert.deepEqual(headers, {});
  const loaded = PolicyEngine.builtin('mytrumpf');
  fingerprintHeader(() => loaded)({ headers: {} }, res, () => {});
  assert.equal(headers['Rolegate-Fingerprint'], loaded.fingerprint);
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
