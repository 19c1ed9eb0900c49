// Talking to the demo server from the tests: one request (`{ status, body, headers }`, the body
// parsed when it is JSON), one with any headers (a forged `Host` too), signing in as a sample
// member (the session cookie to send), resetting the demo (as a signed-in member: a stranger may
// not), and what the database holds that a refused request must not change.
import assert from 'node:assert/strict';
import http from 'node:http';

/** A request to the server at `base`; a body is sent as JSON unless `raw` (sent as is) is given. */
export async function request(base, method, path, body, { cookie, headers = {}, raw } = {}) {
  const init = { method, headers: { ...headers } };
  if (cookie) init.headers.cookie = cookie;
  if (body !== undefined || raw !== undefined) {
    init.headers['content-type'] ??= 'application/json';
    init.body = raw ?? JSON.stringify(body);
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Signs in as `member` of `org` on the server at `base`; returns the cookie header to send. */
export async function signIn(base, org, member) {
  const response = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ org, member }) });
  assert.equal(response.status, 201, `${org}/${member} signs in`);
  const setCookie = response.headers.get('set-cookie');
  assert.match(setCookie, /HttpOnly/i);
  assert.match(setCookie, /SameSite=Strict/i);
  return setCookie.split(';')[0];
}

/**
 * A request with exactly `headers` (`Host` included, which fetch will not forge) through
 * node:http: `{ status, body, headers }` like `request`, `headers` a Headers.
 */
export function rawRequest(base, method, path, { headers = {}, body } = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false, setHost: !Object.keys(headers).some((h) => h.toLowerCase() === 'host') }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let parsed = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: the text
        }
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode, body: parsed, headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Back to the sample data on the server at `base`, as a signed-in member (a stranger may not
 * reset): the one of `cookie` while that session lives, else the directory's first member, signed
 * in for it. Returns the cookie used (reset keeps it: the sample member is there again).
 */
export async function resetDemo(base, cookie) {
  if (cookie) {
    const response = await request(base, 'POST', '/api/reset', {}, { cookie });
    if (response.status === 200) return cookie;
    assert.equal(response.status, 401, `reset: ${JSON.stringify(response.body)}`);
  }
  const directory = (await request(base, 'GET', '/api/directory')).body;
  const fresh = await signIn(base, directory[0].key, directory[0].members[0].id);
  const response = await request(base, 'POST', '/api/reset', {}, { cookie: fresh });
  assert.equal(response.status, 200, `reset: ${JSON.stringify(response.body)}`);
  return fresh;
}

/** Everything the database `query` holds that a refused request must not change (sessions aside). */
export async function storedState(query) {
  return JSON.stringify({
    orgs: await query('SELECT key, version, snapshot FROM orgs ORDER BY key'),
    carts: await query('SELECT * FROM carts ORDER BY org_key, member'),
    requests: await query('SELECT id, product, facility, requested_by, released_by FROM order_requests ORDER BY id'),
    orders: await query('SELECT id, product, facility, ordered_by, released_by, request_id FROM orders ORDER BY id'),
    cases: await query('SELECT id, asset, kind, remote, log FROM service_cases ORDER BY id'),
    links: await query('SELECT token_hash, org_key, kind, invitation FROM invitation_links ORDER BY token_hash'),
  });
}
