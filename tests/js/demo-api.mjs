// Talking to the demo server from the tests: one request (`{ status, body, headers }`, the body
// parsed when it is JSON) and signing in as a sample member (the session cookie to send).
import assert from 'node:assert/strict';

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
