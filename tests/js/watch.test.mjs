// The policy travels with its fingerprint: rolegate/express serves the policy with its fingerprint
// as ETag (304 when the page has it) and sets the fingerprint header on every response; the
// package's watchPolicy loads the policy from that URL, denies everything from the moment a
// response announces another policy, and decides with the new one once it has loaded — and only
// when its fingerprint is the one announced. Against a real HTTP server on 127.0.0.1.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { FINGERPRINT_HEADER, PolicyEngine, watchPolicy } from 'rolegate';
import { fingerprintHeader, servePolicy } from 'rolegate/express';

const mytrumpf = PolicyEngine.builtin('mytrumpf');
const platform = PolicyEngine.builtin('platform');
const otto = { tenant: 'acme', roles: ['operator'] };

/** What the server decides with now, and what it answers (a test may break it on purpose). */
const server = { engine: mytrumpf, policyRoute: null };
let http;
let base;

before(async () => {
  const header = fingerprintHeader(() => server.engine);
  const policy = servePolicy(() => server.engine);
  http = createServer((req, res) => {
    header(req, res, () => {
      if (req.url === '/api/policy') return (server.policyRoute ?? policy)(req, res);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${http.address().port}`;
});

after(() => new Promise((resolve) => http.close(resolve)));

test('servePolicy: the policy with its fingerprint as ETag; 304 when the client has it; 503 without one', async () => {
  server.engine = mytrumpf;
  const first = await fetch(`${base}/api/policy`);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('etag'), `"${mytrumpf.fingerprint}"`);
  assert.equal(first.headers.get(FINGERPRINT_HEADER), mytrumpf.fingerprint);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const text = await first.text();
  assert.equal(new PolicyEngine(text).fingerprint, mytrumpf.fingerprint, 'the document served loads to the same fingerprint');
  for (const tag of [`"${mytrumpf.fingerprint}"`, `W/"${mytrumpf.fingerprint}"`, `"other", "${mytrumpf.fingerprint}"`, '*']) {
    const again = await fetch(`${base}/api/policy`, { headers: { 'if-none-match': tag } });
    assert.equal(again.status, 304, tag);
    assert.equal(await again.text(), '');
  }
  const stale = await fetch(`${base}/api/policy`, { headers: { 'if-none-match': `"${platform.fingerprint}"` } });
  assert.equal(stale.status, 200);
  await stale.text();
  server.engine = PolicyEngine.unavailable();
  const none = await fetch(`${base}/api/policy`, { headers: { 'accept-language': 'de' } });
  assert.equal(none.status, 503);
  assert.deepEqual(Object.keys(await none.json()), ['error', 'code', 'message']);
  assert.equal(none.headers.get(FINGERPRINT_HEADER), null, 'no fingerprint without a policy');
  server.engine = mytrumpf;
});

test('the middleware and the handler refuse what is no engine when they are made', () => {
  for (const bad of [undefined, null, 42, 'mytrumpf', {}]) {
    assert.throws(() => servePolicy(bad), (e) => e.code === 'invalid_argument');
    assert.throws(() => fingerprintHeader(bad), (e) => e.code === 'invalid_argument');
  }
});

test('watchPolicy: fails closed until loaded, then decides with the served policy', async () => {
  server.engine = mytrumpf;
  const changes = [];
  const watcher = watchPolicy(`${base}/api/policy`, { onChange: (engine) => changes.push(engine.loaded ? engine.id : engine.loadError.code) });
  assert.equal(watcher.engine.loaded, false, 'nothing is allowed before the policy is there');
  assert.equal(watcher.engine.can(otto, 'eshop.order.request'), false);
  await watcher.ready;
  assert.equal(watcher.engine.fingerprint, mytrumpf.fingerprint);
  assert.equal(watcher.engine.can(otto, 'eshop.order.request'), true);
  assert.deepEqual(changes, ['mytrumpf']);

  // Responses with the same fingerprint change nothing.
  await watcher.fetch(`${base}/api/orders`);
  assert.equal(watcher.engine.fingerprint, mytrumpf.fingerprint);
  assert.deepEqual(changes, ['mytrumpf']);

  // The server changes its policy: the next response says so; the page denies at once, then
  // decides with the new policy.
  server.engine = platform;
  const response = await watcher.fetch(`${base}/api/orders`);
  assert.equal(response.status, 200);
  assert.equal(watcher.engine.loaded, false, 'denied in between');
  assert.equal(watcher.engine.loadError.code, 'policy_changed');
  assert.equal(watcher.engine.can(otto, 'eshop.order.request'), false);
  await watcher.ready;
  assert.equal(watcher.engine.fingerprint, platform.fingerprint);
  assert.deepEqual(changes, ['mytrumpf', 'policy_changed', 'platform']);
  server.engine = mytrumpf;
});

test('watchPolicy: a policy that is not the one announced, or no policy at all, fails closed', async () => {
  server.engine = mytrumpf;
  const watcher = watchPolicy(new URL('/api/policy', base));
  await watcher.ready;
  assert.equal(watcher.engine.fingerprint, mytrumpf.fingerprint);
  // The header announces platform, but the policy route still serves mytrumpf: refused.
  server.engine = platform;
  server.policyRoute = servePolicy(mytrumpf);
  assert.equal(watcher.check(await fetch(`${base}/api/x`)), true);
  await watcher.ready;
  assert.equal(watcher.engine.loaded, false);
  assert.equal(watcher.engine.loadError.code, 'fingerprint_mismatch');
  // Announced again while that failed: no storm of reloads; refresh() tries again.
  assert.equal(watcher.check(await fetch(`${base}/api/x`)), false);
  server.policyRoute = null;
  await watcher.refresh();
  assert.equal(watcher.engine.fingerprint, platform.fingerprint);
  // A server error, a body that is no policy, a network failure: each fails closed with its reason.
  for (const [route, code] of [
    [(req, res) => { res.statusCode = 500; res.end('oops'); }, 'no_policy'],
    [(req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"not": "a policy"}'); }, 'invalid_policy'],
  ]) {
    server.policyRoute = route;
    await watcher.refresh();
    assert.equal(watcher.engine.loaded, false);
    assert.equal(watcher.engine.loadError.code, code);
    assert.equal(watcher.engine.can(otto, 'eshop.order.request'), false);
  }
  server.policyRoute = null;
  const offline = watchPolicy(`${base}/api/policy`, { fetch: async () => { throw new Error('offline'); } });
  await offline.ready;
  assert.equal(offline.engine.loaded, false);
  assert.match(offline.engine.loadError.message, /offline/);
  server.engine = mytrumpf;
});

test('watchPolicy: a newer announcement wins over a load still in flight; bad arguments are refused', async () => {
  server.engine = mytrumpf;
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let calls = 0;
  // The first load is held back until the second (newer) one has finished.
  const slow = async (input, init) => {
    calls += 1;
    if (calls === 1) await gate;
    return fetch(input, init);
  };
  const watcher = watchPolicy(`${base}/api/policy`, { fetch: slow });
  server.engine = platform;
  assert.equal(watcher.check(await fetch(`${base}/api/x`)), true);
  await watcher.ready;
  assert.equal(watcher.engine.fingerprint, platform.fingerprint);
  release();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(watcher.engine.fingerprint, platform.fingerprint, 'the older load did not replace the newer policy');
  server.engine = mytrumpf;

  for (const [args, path] of [[[42], 'url'], [['/p', 7], 'options'], [['/p', { fetch: 'no' }], 'options.fetch'], [['/p', { onChange: 1 }], 'options.onChange']]) {
    assert.throws(() => watchPolicy(...args), (e) => e.code === 'invalid_request' && e.problems[0].path === path, path);
  }
  // A listener that throws does not stop the watcher; its error is reported (reportError).
  const reported = [];
  globalThis.reportError = (error) => reported.push(error.message);
  try {
    const failing = watchPolicy(`${base}/api/policy`, { onChange: () => { throw new Error('listener'); } });
    await failing.ready;
    assert.deepEqual(reported, ['listener']);
    assert.equal(failing.engine.fingerprint, mytrumpf.fingerprint);
  } finally {
    delete globalThis.reportError;
  }
});
