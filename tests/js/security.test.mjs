// The demo server against a stranger (issue 24), each probe that once got through as a test:
// invitation links that are secrets (sequential ids and 1,000 guessed tokens open and accept
// nothing; a link is single use, expires, dies when revoked or replaced; accepting signs in a new
// session for the invitee only), sessions that end (with the member, on a change of status, idle
// and absolute limits, a few per member), the "accept as …" of another member refused, only the
// server's own Host names (DNS rebinding refused on every route), demo controls for signed-in
// members and administrators, a revoked company invitation freeing its tenant id, and the event
// stream (a session, only the member's organization and policy, a few streams per session, HEAD
// ends). Runs on PGlite and, in `make pg-tests`, on PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { startDemoServer } from '../../server/main.mjs';
import { STREAM_LIMITS } from '../../server/events.mjs';
import { SESSION_LIMITS } from '../../server/sessions.mjs';
import { rawRequest, request, resetDemo, signIn as signInAt, storedState } from './demo-api.mjs';

const DATA = mkdtempSync(join(tmpdir(), 'rolegate-security-'));
let server;

before(async () => {
  server = await startDemoServer({ databaseUrl: process.env.DATABASE_URL, dataDir: DATA, allowedHosts: ['demo.example'] });
});
after(async () => {
  await server?.close();
  rmSync(DATA, { recursive: true, force: true });
});
beforeEach(() => resetDemo(server.url));

const call = (method, path, body, options = {}) => request(server.url, method, path, body, options);
const signIn = (org, member) => signInAt(server.url, org, member);
const q = (sql, params) => server.db.query(sql, params);
const versionOf = async (cookie) => (await call('GET', '/api/view', undefined, { cookie })).body.version;
/** The token of a link `/#invitation=<token>`. */
const tokenOf = (url) => new URL(url, 'http://x').hash.replace('#invitation=', '');
/** The cookie a response set (`name=value`), or null. */
const cookieSet = (response) => response.headers.get('set-cookie')?.split(';')[0] ?? null;

/** An administrative operation as the member of `cookie`, at the version they see; the response. */
async function admin(cookie, op) {
  return call('POST', '/api/admin', { version: await versionOf(cookie), op }, { cookie });
}

/** Carl (Customer Data Manager) invites North Steel: `{ carl, token, invitation }`. */
async function inviteCompany(tenant = 'north-steel') {
  const carl = await signIn('platform:service_provider', 'carl');
  const invited = await admin(carl, { op: 'inviteTenant', tenant, kind: 'operator', company: 'North Steel GmbH', email: 'olga@north.example', name: 'Olga Nord' });
  assert.equal(invited.status, 200, JSON.stringify(invited.body));
  assert.equal(invited.body.links.length, 1);
  const [link] = invited.body.links;
  assert.equal(link.kind, 'company');
  return { carl, token: tokenOf(link.url), invitation: link.invitation };
}

/** Anna invites `email` to mytrumpf: `{ anna, token, invitation }`. */
async function inviteMember(email, name = 'New Member') {
  const anna = await signIn('mytrumpf', 'anna');
  const invited = await admin(anna, { op: 'invite', email, name });
  assert.equal(invited.status, 200, JSON.stringify(invited.body));
  const [link] = invited.body.links;
  assert.equal(link.kind, 'member');
  return { anna, token: tokenOf(link.url), invitation: link.invitation };
}

const liveSessionsOf = async (org, member) => (await q('SELECT count(*)::int AS n FROM sessions WHERE org_key = $1 AND member = $2', [org, member]))[0].n;

test('invitation links: sequential ids and 1,000 guessed tokens open nothing and accept nothing; the real token works once', async (t) => {
  const { token } = await inviteCompany();
  const member = await inviteMember('lena@acme.example', 'Lena Vogt');
  const before = await storedState(q);
  const sessionsBefore = (await q('SELECT count(*)::int AS n FROM sessions'))[0].n;
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
  assert.equal((await q('SELECT count(*)::int AS n FROM invitation_links WHERE token_hash = $1', [token]))[0].n, 0, 'the token itself is not stored');

  // What a stranger tries: the old routes by id, and the ids (and anything else) as tokens.
  const secrets = ['olga@north.example', 'Olga Nord', 'North Steel', 'lena@acme.example', 'Lena Vogt'];
  const ids = Array.from({ length: 8 }, (_, i) => [`tinv-${i + 1}`, `inv-${i + 1}`]).flat();
  const probes = [];
  for (const id of ids) {
    probes.push(['GET', `/api/company-invitations/${id}`, undefined]);
    probes.push(['POST', `/api/company-invitations/${id}/accept`, {}]);
    probes.push(['POST', '/api/invitations/view', { token: id }]);
    probes.push(['POST', '/api/invitations/accept', { token: id }]);
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const guess = () => Array.from({ length: 43 }, () => alphabet[Math.floor(Math.random() * 64)]).join('');
  for (let i = 0; i < 1000; i++) probes.push(['POST', i % 2 ? '/api/invitations/accept' : '/api/invitations/view', { token: guess() }]);
  // Near misses of the real token: one character changed, cut short, in another case.
  probes.push(['POST', '/api/invitations/accept', { token: token.slice(0, -1) + (token.at(-1) === 'A' ? 'B' : 'A') }]);
  probes.push(['POST', '/api/invitations/accept', { token: token.slice(0, 42) }]);
  probes.push(['POST', '/api/invitations/accept', { token: token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase() }]);

  const start = performance.now();
  const answers = [];
  for (let i = 0; i < probes.length; i += 100) {
    answers.push(...(await Promise.all(probes.slice(i, i + 100).map(([method, path, body]) => call(method, path, body)))));
  }
  t.diagnostic(`${probes.length} stranger requests in ${Math.round(performance.now() - start)} ms`);
  answers.forEach((answer, i) => {
    const [method, path] = probes[i];
    assert.ok([401, 404].includes(answer.status), `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.equal(cookieSet(answer), null, `${method} ${path}: no session`);
    for (const secret of secrets) assert.ok(!JSON.stringify(answer.body).includes(secret), `${method} ${path}: nothing about an invitation`);
  });
  assert.equal(await storedState(q), before, 'nothing accepted, nothing written');
  assert.equal((await q('SELECT count(*)::int AS n FROM sessions'))[0].n, sessionsBefore, 'no session made');

  // The invitee with the real token: the invitation, then the acceptance, once.
  const view = await call('POST', '/api/invitations/view', { token });
  assert.equal(view.status, 200);
  assert.deepEqual([view.body.kind, view.body.company, view.body.email, view.body.tenant], ['company', 'North Steel GmbH', 'olga@north.example', 'north-steel']);
  const accepted = await call('POST', '/api/invitations/accept', { token });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  assert.deepEqual([accepted.body.org, accepted.body.member], ['platform:operator:north-steel', 'olga']);
  const session = (await call('GET', '/api/session', undefined, { cookie: cookieSet(accepted) })).body;
  assert.deepEqual([session.org, session.member, session.status], ['platform:operator:north-steel', 'olga', 'active']);
  for (const path of ['/api/invitations/view', '/api/invitations/accept']) {
    const again = await call('POST', path, { token });
    assert.equal(again.status, 404, `${path} a second time`);
    assert.equal(again.body.code, 'invitation_unknown');
  }
  // The member invitation's token was never guessed either.
  assert.equal((await call('POST', '/api/invitations/view', { token: member.token })).status, 200);
});

test('a link accepts once even when sent twice at once', async () => {
  const { token } = await inviteMember('lena@acme.example');
  const answers = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/api/invitations/accept', { token })));
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 404, 404, 404, 404, 404, 404, 404]);
  assert.equal(await liveSessionsOf('mytrumpf', 'lena'), 1, 'one session, of the one acceptance');
});

test('accepting signs in a new session for the invitee only; the browser\'s old session ends', async () => {
  const { anna, token } = await inviteMember('lena@acme.example', 'Lena Vogt');
  // The link is opened in a browser signed in as Otto: accepting signs it in as Lena, with a new token.
  const otto = await signIn('mytrumpf', 'otto');
  const accepted = await call('POST', '/api/invitations/accept', { token }, { cookie: otto });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  const lena = cookieSet(accepted);
  assert.notEqual(lena, otto);
  assert.match(accepted.headers.get('set-cookie'), /HttpOnly/i);
  assert.match(accepted.headers.get('set-cookie'), new RegExp(`Max-Age=${SESSION_LIMITS.maxSeconds}`));
  assert.equal((await call('GET', '/api/session', undefined, { cookie: otto })).body.signedIn, false, "Otto's old session ended");
  assert.equal((await call('GET', '/api/session', undefined, { cookie: lena })).body.member, 'lena');
  assert.equal((await call('GET', '/api/session', undefined, { cookie: anna })).body.member, 'anna', 'the inviter is who she was');
  // A company invitation alike: the caller's old session ends.
  const company = await inviteCompany();
  const viaCarl = await call('POST', '/api/invitations/accept', { token: company.token }, { cookie: company.carl });
  assert.equal(viaCarl.status, 201);
  assert.equal((await call('GET', '/api/session', undefined, { cookie: company.carl })).body.signedIn, false, "Carl's browser is Olga's now, not Carl's");
  assert.equal((await call('GET', '/api/session', undefined, { cookie: cookieSet(viaCarl) })).body.member, 'olga');
});

test('a link dies with its invitation: expired, revoked, its member removed, replaced by a new link', async () => {
  // Expired: the snapshot's expiry passed (the link's row is kept as it was).
  const expiring = await inviteMember('exp@acme.example');
  await q(`UPDATE orgs SET snapshot = jsonb_set(snapshot, '{invitations,0,expiresAt}', '"2020-01-01T00:00:00Z"') WHERE key = 'mytrumpf'`);
  assert.equal((await call('POST', '/api/invitations/view', { token: expiring.token })).status, 404, 'expired in the snapshot');
  assert.equal((await call('POST', '/api/invitations/accept', { token: expiring.token })).status, 404);
  // Expired: the link's own expiry (the invitation's, copied) passed.
  await resetDemo(server.url);
  const late = await inviteMember('late@acme.example');
  await q("UPDATE invitation_links SET expires_at = now() - interval '1 second'");
  assert.equal((await call('POST', '/api/invitations/accept', { token: late.token })).status, 404, 'the link expired');

  // Revoked: a company invitation.
  const company = await inviteCompany();
  const revoked = await admin(company.carl, { op: 'revokeTenantInvitation', invitation: company.invitation });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
  assert.equal((await call('POST', '/api/invitations/view', { token: company.token })).status, 404, 'revoked');
  assert.equal((await q("SELECT count(*)::int AS n FROM invitation_links WHERE kind = 'company'"))[0].n, 0, 'its link is gone in the same transaction');

  // The invited member removed: their invitation goes, and its link.
  const removed = await inviteMember('gone@acme.example');
  assert.equal((await admin(removed.anna, { op: 'removeMember', member: 'gone' })).status, 200);
  assert.equal((await call('POST', '/api/invitations/accept', { token: removed.token })).status, 404, 'removed with the member');

  // Replaced: a new link for the same invitation; the old one is dead, the new one works.
  const { anna, token, invitation } = await inviteMember('new@acme.example', 'New Colleague');
  const otto = await signIn('mytrumpf', 'otto');
  const refused = await call('POST', '/api/invitations/link', { kind: 'member', invitation }, { cookie: otto });
  assert.equal(refused.status, 403, 'an operator may not invite, nor renew a link');
  const renewed = await call('POST', '/api/invitations/link', { kind: 'member', invitation }, { cookie: anna });
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  assert.equal((await call('POST', '/api/invitations/view', { token })).status, 404, 'the old link is dead');
  const fresh = tokenOf(renewed.body.url);
  assert.notEqual(fresh, token);
  assert.equal((await call('POST', '/api/invitations/view', { token: fresh })).body.name, 'New Colleague');
  assert.equal((await call('POST', '/api/invitations/accept', { token: fresh })).status, 201);
  assert.equal((await call('POST', '/api/invitations/link', { kind: 'member', invitation }, { cookie: anna })).status, 404, 'no link for a used invitation');
});

test("a removed member's cookie is 401 forever, whatever is invited later", async () => {
  const sven = await signIn('mytrumpf', 'sven');
  const anna = await signIn('mytrumpf', 'anna');
  assert.equal((await admin(anna, { op: 'removeMember', member: 'sven' })).status, 200);
  assert.equal(await liveSessionsOf('mytrumpf', 'sven'), 0, "Sven's sessions ended in the removal's transaction");
  const probe = async (what) => {
    assert.equal((await call('GET', '/api/view', undefined, { cookie: sven })).status, 401, `${what}: view`);
    assert.equal((await call('GET', '/api/session', undefined, { cookie: sven })).body.signedIn, false, `${what}: session`);
    const accept = await call('POST', '/api/admin', { version: 1, op: { op: 'acceptInvitation', invitation: 'inv-1' } }, { cookie: sven });
    assert.equal(accept.status, 401, `${what}: accept`);
  };
  await probe('removed');
  // Someone else under the id `sven` (the engine takes ids from the e-mail's local part, and reuses them).
  const other = await inviteMember('sven@partner.example', 'Sven Other');
  await probe('another sven invited');
  assert.equal((await call('POST', '/api/invitations/accept', { token: other.token })).status, 201);
  await probe('another sven active');
  // And Sven himself, invited back under his old address, accepting again.
  assert.equal((await admin(anna, { op: 'removeMember', member: 'sven' })).status, 200);
  const back = await inviteMember('sven@acme.example', 'Sven Ott');
  assert.equal((await call('POST', '/api/invitations/accept', { token: back.token })).status, 201);
  await probe('Sven back, active, with his old address');
});

test("a change of a member's status ends their sessions; a session is bound to the record it was made for", async () => {
  const paul = await signIn('mytrumpf', 'paul'); // pending
  const anna = await signIn('mytrumpf', 'anna');
  assert.equal((await admin(anna, { op: 'approve', member: 'paul' })).status, 200);
  assert.equal(await liveSessionsOf('mytrumpf', 'paul'), 0, 'ended in the approval\'s transaction');
  assert.equal((await call('GET', '/api/view', undefined, { cookie: paul })).status, 401);
  // A record replaced behind the server's back (another e-mail address under the same id): the session does not count.
  const otto = await signIn('mytrumpf', 'otto');
  const [{ snapshot: original }] = await q("SELECT snapshot FROM orgs WHERE key = 'mytrumpf'");
  assert.equal(original.members[4].id, 'otto');
  await q(`UPDATE orgs SET snapshot = jsonb_set(snapshot, '{members,4,email}', '"otto@elsewhere.example"') WHERE key = 'mytrumpf'`);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: otto })).status, 401);
  // … and stays ended when the record comes back as it was.
  await q("UPDATE orgs SET snapshot = $1::jsonb WHERE key = 'mytrumpf'", [JSON.stringify(original)]);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: otto })).status, 401, 'ended for good');
  // A change of roles keeps the session: the next request counts the new roles.
  await resetDemo(server.url);
  const pia = await signIn('mytrumpf', 'pia');
  const anna2 = await signIn('mytrumpf', 'anna');
  assert.equal((await admin(anna2, { op: 'assignRoles', member: 'pia', roles: ['purchaser'] })).status, 200);
  assert.equal((await call('POST', '/api/orders', { product: 'nozzle', facility: 'f1' }, { cookie: pia })).status, 201);
});

test('no member accepts an invitation for another; the server never switches a session', async () => {
  const { anna, invitation } = await inviteMember('buyer@acme.example', 'New Buyer');
  const paul = await signIn('mytrumpf', 'paul'); // pending
  for (const [who, cookie] of [['paul', paul], ['anna', anna]]) {
    const answer = await call('POST', '/api/admin', { version: await versionOf(anna), op: { op: 'acceptInvitation', invitation } }, { cookie });
    assert.equal(answer.status, 400, `${who}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.code, 'accept_by_link');
    assert.equal((await call('GET', '/api/session', undefined, { cookie })).body.member, who, `${who} is still ${who}`);
  }
  const company = await inviteCompany();
  const tenant = await call('POST', '/api/admin', { version: await versionOf(company.carl), op: { op: 'acceptTenantInvitation', invitation: company.invitation } }, { cookie: company.carl });
  assert.equal(tenant.body.code, 'accept_by_link');
  const [row] = await q("SELECT snapshot FROM orgs WHERE key = 'mytrumpf'");
  assert.equal(row.snapshot.members.find((m) => m.email === 'buyer@acme.example').status, 'invited', 'still open');
});

test('only its own Host names: a rebinding Host is refused on every route, before any route', async () => {
  const anna = await signIn('mytrumpf', 'anna');
  const version = await versionOf(anna);
  const routes = [
    ['GET', '/'],
    ['GET', '/js/main.js'],
    ['GET', '/pkg/web/rolegate_full.js'],
    ['GET', '/api/policy/mytrumpf'],
    ['GET', '/api/directory'],
    ['GET', '/api/session'],
    ['POST', '/api/session', { org: 'mytrumpf', member: 'anna' }],
    ['DELETE', '/api/session', {}],
    ['POST', '/api/reset', {}],
    ['GET', '/api/events'],
    ['HEAD', '/api/events'],
    ['POST', '/api/invitations/view', { token: 'A'.repeat(43) }],
    ['POST', '/api/invitations/accept', { token: 'A'.repeat(43) }],
    ['POST', '/api/invitations/link', { kind: 'member', invitation: 'inv-1' }],
    ['GET', '/api/view'],
    ['GET', '/api/who-can?action=eshop.order.place'],
    ['PUT', '/api/modules', { version, modules: [] }],
    ['POST', '/api/cart', { product: 'nozzle', facility: 'f1' }],
    ['POST', '/api/order-requests', { product: 'nozzle', facility: 'f1' }],
    ['POST', '/api/orders', { product: 'nozzle', facility: 'f1' }],
    ['POST', '/api/order-requests/1/release', {}],
    ['POST', '/api/cases', { asset: 'laser', kind: 'shared' }],
    ['POST', '/api/cases/1/edit', {}],
    ['POST', '/api/admin', { version, op: { op: 'invite', email: 'evil@acme.example', name: 'Evil' } }],
    ['GET', '/api/nothing'],
    ['OPTIONS', '/api/reset'],
  ];
  const before = await storedState(q);
  const { port } = server;
  const hosts = [`rebind.attacker.example:${port}`, 'rebind.attacker.example', `127.0.0.2:${port}`, '127.0.0.1', `localhost.:${port}`, `demo.example.attacker.example:${port}`, ''];
  for (const host of hosts) {
    for (const [method, path, body] of routes) {
      const headers = { host, origin: `http://${host}`, cookie: anna, 'content-type': 'application/json' };
      const answer = await rawRequest(server.url, method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
      assert.equal(answer.status, 421, `Host ${host}: ${method} ${path}: ${answer.status}`);
      if (method !== 'HEAD') assert.equal(answer.body.code, 'unknown_host', `${method} ${path}`);
      assert.equal(answer.headers.get('set-cookie'), null);
    }
  }
  assert.equal(await storedState(q), before, 'nothing written');
  assert.equal((await call('GET', '/api/session', undefined, { cookie: anna })).body.member, 'anna', 'not signed out either');
  // Its own names answer: 127.0.0.1:PORT, localhost:PORT, and what ALLOWED_HOSTS adds (with and without the port).
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, 'demo.example', `demo.example:${port}`]) {
    const answer = await rawRequest(server.url, 'GET', '/api/session', { headers: { host, cookie: anna } });
    assert.equal(answer.status, 200, host);
    const change = await rawRequest(server.url, 'POST', '/api/cart', { headers: { host, origin: `http://${host.toLowerCase()}`, cookie: anna, 'content-type': 'application/json' }, body: JSON.stringify({ product: 'nozzle', facility: 'f1' }) });
    assert.equal(change.status, 200, `${host}: a same-origin change`);
  }
  // A page of another origin on an allowed Host is still cross-origin.
  const cross = await rawRequest(server.url, 'POST', '/api/reset', { headers: { host: `127.0.0.1:${port}`, origin: `http://rebind.attacker.example:${port}`, cookie: anna, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(cross.status, 403);
  assert.equal(cross.body.code, 'cross_origin');
});

test('sessions expire (idle and absolute) and a member keeps only the newest few', async () => {
  const newestHash = async () => (await q('SELECT token_hash FROM sessions ORDER BY id DESC LIMIT 1'))[0].token_hash;
  // Absolute: 13 months after signing in, however recently used.
  const old = await signIn('mytrumpf', 'otto');
  const oldHash = await newestHash();
  await q("UPDATE sessions SET created_at = now() - interval '13 months' WHERE token_hash = $1", [oldHash]);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: old })).status, 401, '13 months later');
  // Absolute: just past the limit.
  const day = await signIn('mytrumpf', 'otto');
  await q(`UPDATE sessions SET created_at = now() - interval '${SESSION_LIMITS.maxSeconds + 60} seconds' WHERE token_hash = $1`, [await newestHash()]);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: day })).status, 401, 'past the absolute limit');
  // Idle: unused for longer than the idle limit; used just inside it, it lives on (and its use is noted).
  const idle = await signIn('mytrumpf', 'otto');
  const idleHash = await newestHash();
  await q(`UPDATE sessions SET last_seen = now() - interval '${SESSION_LIMITS.idleSeconds - 120} seconds' WHERE token_hash = $1`, [idleHash]);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: idle })).status, 200, 'inside the idle limit');
  const [{ fresh }] = await q("SELECT last_seen > now() - interval '1 minute' AS fresh FROM sessions WHERE token_hash = $1", [idleHash]);
  assert.equal(fresh, true, 'the use was noted');
  await q(`UPDATE sessions SET last_seen = now() - interval '${SESSION_LIMITS.idleSeconds + 60} seconds' WHERE token_hash = $1`, [idleHash]);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: idle })).status, 401, 'idle too long');
  // 200 sign-ins: the newest few live, the others ended.
  const cookies = [];
  for (let i = 0; i < 200; i++) cookies.push(await signIn('mytrumpf', 'anna'));
  assert.equal(await liveSessionsOf('mytrumpf', 'anna'), SESSION_LIMITS.perMember);
  const answers = await Promise.all(cookies.map((cookie) => call('GET', '/api/session', undefined, { cookie })));
  const live = answers.map((a, i) => [i, a.body.signedIn]).filter(([, on]) => on).map(([i]) => i);
  assert.deepEqual(live, Array.from({ length: SESSION_LIMITS.perMember }, (_, i) => 200 - SESSION_LIMITS.perMember + i), 'the newest ones');
  // Signing out ends the session at once.
  const last = cookies.at(-1);
  assert.equal((await call('DELETE', '/api/session', {}, { cookie: last })).status, 204);
  assert.equal((await call('GET', '/api/view', undefined, { cookie: last })).status, 401);
});

test('demo controls: a reset needs a signed-in member, booking modules an administrator of the organization', async () => {
  const before = await storedState(q);
  assert.equal((await call('POST', '/api/reset', {})).status, 401, 'a stranger');
  const mo = await signIn('platform:operator', 'mo');
  const tara = await signIn('platform:operator', 'tara');
  const paul = await signIn('mytrumpf', 'paul');
  const version = await versionOf(tara);
  for (const [who, cookie] of [['mo (machine operator)', mo], ['paul (pending, another organization)', paul]]) {
    const answer = await call('PUT', '/api/modules', { version, modules: [] }, { cookie });
    assert.equal(answer.status, 403, `${who}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.code, 'not_admin');
    assert.match(answer.body.message, /Tara Sund|Anna Berg/, 'names whom to ask');
  }
  assert.equal(await storedState(q), before, 'nothing changed');
  const booked = await call('PUT', '/api/modules', { version, modules: [] }, { cookie: tara });
  assert.equal(booked.status, 200, JSON.stringify(booked.body));
  assert.equal((await call('POST', '/api/reset', {}, { cookie: paul })).status, 200, 'any signed-in member resets, a pending one too');
});

test('revoking a company invitation frees its tenant id', async () => {
  const { carl, invitation } = await inviteCompany('north');
  const taken = await admin(carl, { op: 'inviteTenant', tenant: 'north', kind: 'operator', company: 'North Again', email: 'x@north.example', name: 'X' });
  assert.equal(taken.status, 422);
  assert.equal(taken.body.code, 'tenant_taken');
  assert.equal((await admin(carl, { op: 'revokeTenantInvitation', invitation })).status, 200);
  const again = await admin(carl, { op: 'inviteTenant', tenant: 'north', kind: 'operator', company: 'North Again', email: 'x@north.example', name: 'X' });
  assert.equal(again.status, 200, JSON.stringify(again.body));
});

/** Opens the event stream as `cookie`: `{ status, events (parsed, as they come), done, close() }`. */
async function openStream(cookie) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/events`, { headers: cookie ? { cookie } : {}, signal: controller.signal });
  const stream = { status: response.status, events: [], ended: false, close: () => controller.abort() };
  if (response.status !== 200) {
    stream.body = await response.json();
    return stream;
  }
  stream.done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let at;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type) stream.events.push({ type, ...JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
    stream.ended = true;
  })();
  return stream;
}

const until = async (what, condition, ms = 5000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('the event stream: a session, only the member\'s organization and policy, a few per session, HEAD ends', async () => {
  const stranger = await openStream(null);
  assert.equal(stranger.status, 401);
  assert.equal(stranger.body.code, 'signed_out');
  const head = await fetch(`${server.url}/api/events`, { method: 'HEAD', headers: { cookie: await signIn('mytrumpf', 'max') } });
  assert.equal(head.status, 200);
  assert.match(head.headers.get('content-type'), /text\/event-stream/);
  assert.equal(await head.text(), '', 'HEAD answers and ends');

  const otto = await signIn('mytrumpf', 'otto');
  const mo = await signIn('platform:operator', 'mo');
  const anna = await signIn('mytrumpf', 'anna');
  const streams = [];
  try {
    const ottos = await openStream(otto);
    streams.push(ottos);
    assert.equal(ottos.status, 200);
    await until('hello', () => ottos.events.length > 0);
    assert.deepEqual(Object.keys(ottos.events[0].fingerprints), ['mytrumpf'], 'only the policy of the member');
    // A change of another organization (a new tenant's too) is not told; the member's own is.
    assert.equal((await call('POST', '/api/cases', { asset: 'laser', kind: 'shared' }, { cookie: mo })).status, 201);
    const company = await inviteCompany();
    assert.equal((await call('POST', '/api/invitations/accept', { token: company.token })).status, 201);
    assert.equal((await call('POST', '/api/cart', { product: 'nozzle', facility: 'f1' }, { cookie: otto })).status, 200);
    await until('the change of mytrumpf', () => ottos.events.some((e) => e.type === 'change'));
    await new Promise((resolve) => setTimeout(resolve, 600)); // a few polls more: nothing else comes
    const changes = ottos.events.filter((e) => e.type === 'change');
    assert.deepEqual([...new Set(changes.map((e) => e.org))], ['mytrumpf'], `only mytrumpf: ${JSON.stringify(changes)}`);
    for (const e of ottos.events) assert.deepEqual(Object.keys(e.fingerprints), ['mytrumpf']);

    // A few streams per session, opened at once too; the others are refused.
    const more = await Promise.all(Array.from({ length: STREAM_LIMITS.perSession + 2 }, () => openStream(otto)));
    streams.push(...more.filter((m) => m.status === 200));
    assert.equal(streams.length, STREAM_LIMITS.perSession, `${STREAM_LIMITS.perSession} streams in all: ${more.map((m) => m.status)}`);
    const tooMany = more.filter((m) => m.status !== 200);
    assert.deepEqual(tooMany.map((m) => [m.status, m.body.code]), [[429, 'too_many_streams'], [429, 'too_many_streams'], [429, 'too_many_streams']]);
    assert.equal((await openStream(otto)).status, 429, 'and later');
    const annas = await openStream(anna);
    streams.push(annas);
    assert.equal(annas.status, 200, 'another session may');

    // Otto removed: his streams hear of it, then end.
    assert.equal((await admin(anna, { op: 'removeMember', member: 'otto' })).status, 200);
    const ottosStreams = streams.filter((s) => s !== annas);
    await until("the removed member's streams end", () => ottosStreams.every((s) => s.ended));
    assert.ok(ottos.events.some((e) => e.type === 'change' && e.id > changes.at(-1).id), 'after hearing of the removal');
    assert.equal(annas.ended, false, "Anna's stream goes on");
  } finally {
    for (const s of streams) s.close();
  }
});
