// The demo server: the page (www/, with common/) and the package's files (pkg/) as static files and nothing
// else of the repository, and the HTTP JSON API every action of the page goes through. Each route
// is gated by the same engine and policy the page loads (`requirePermission` of rolegate/express,
// or `engine.apply` for administration), with the resource read from the stored record. Only the
// server's own host names are answered; sessions (server/sessions.mjs) and invitation links
// (server/invitations.mjs) are random tokens stored hashed.

import { fileURLToPath } from 'node:url';
import cookie from 'cookie';
import express from 'express';
import { PolicyEngine, planAllows } from 'rolegate';
import { fingerprintHeader, requirePermission, servePolicy } from 'rolegate/express';
import { CASE_ACTIONS, CASE_LOG, FACILITIES, PRODUCTS, assetsFor, catalogKey, onboardedKey } from '../common/sample.js';
import { t } from '../common/i18n.js';
import { ApiError, BODY_LIMIT, badRequest, errorHandler, hostGuard, idParam, notFound, readBody, refusal, sameOriginJson, securityHeaders, unstorableText } from './http.mjs';
import { changeStream } from './events.mjs';
import { claimLink, findLink, issueLink, linkUrl, newInvitations, openInvitation } from './invitations.mjs';
import { SESSION_LIMITS, createSession, endSession, readSession, sessionFits, sessionHash } from './sessions.mjs';
import * as store from './store.mjs';

const WWW = fileURLToPath(new URL('../www/', import.meta.url));
// What the page and the server share (the texts, the sample data): served at /common/, imported
// by the server from disk; neither www/ nor server/ imports from the other.
const COMMON = fileURLToPath(new URL('../common/', import.meta.url));
const PKG = fileURLToPath(new URL('../pkg/', import.meta.url));

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it),
 * gone from the browser when the session's absolute limit ends it on the server.
 */
export const COOKIE = 'rolegate_session';
const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/' };

/** Each engine's `administration` section (engine.policy() copies the whole policy out of the module: once). */
const administrations = new WeakMap();
function administrationOf(engine) {
  if (!administrations.has(engine)) administrations.set(engine, engine.policy().administration ?? {});
  return administrations.get(engine);
}

/** The policy's rule letting organizations of `kind` invite companies, if one. */
const companyRuleOf = (engine, kind) => (administrationOf(engine).tenantInvitations ?? []).find((r) => r.inviter === kind);

/** Fields of the operations' answers that name members, for the page's notices. */
const nameOf = (org, id) => org.members.find((m) => m.id === id)?.name ?? id;

/** The response header naming the policy of `Rolegate-Fingerprint` (the signed-in member's). */
export const POLICY_HEADER = 'Rolegate-Policy';

/** The policies the demo uses: the built-in `mytrumpf` and `platform`. */
export const POLICY_NAMES = ['mytrumpf', 'platform'];

/**
 * The Express app over `db` (server/db.mjs), answering for the host names `hosts()` returns (a
 * Set of http.mjs's `ownHosts`; any other Host is refused before any route). `engines` (one per
 * name of POLICY_NAMES) defaults to the built-in policies. Returns `{ app, setEngine(name,
 * engine), close() }`: setEngine replaces a policy while running (every open page hears of it and
 * reloads it); close ends the open event streams.
 */
export function createApp(db, { engines: given, hosts } = {}) {
  if (typeof hosts !== 'function') throw new TypeError('createApp: `hosts` (the host names to answer for) is required');
  const engines = { ...Object.fromEntries(POLICY_NAMES.map((name) => [name, PolicyEngine.builtin(name)])), ...given };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const fingerprintOf = Object.fromEntries(POLICY_NAMES.map((name) => [name, fingerprintHeader(() => engines[name])]));
  const policyOf = Object.fromEntries(POLICY_NAMES.map((name) => [name, servePolicy(() => engines[name])]));
  const events = changeStream(db, { fingerprintOf: (name) => engines[name].fingerprint });

  app.use(securityHeaders);
  app.use(hostGuard(hosts));
  app.use('/api', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', sameOriginJson);
  app.use('/api', express.json({ limit: BODY_LIMIT, strict: false, type: () => true }));

  // --- Signing in -----------------------------------------------------------------------------

  const cookieOf = (req) => cookie.parse(req.headers.cookie ?? '')[COOKIE];

  /**
   * The signed-in member, read from the store on every request (a change of roles counts at
   * once), or null: no live session, or one made for another record than the member's now.
   */
  async function loadMember(req, res) {
    const token = cookieOf(req);
    const signin = await readSession(db.query, token);
    if (!signin) return null;
    const row = await store.getOrg(db.query, signin.key);
    const me = row?.org.members.find((m) => m.id === signin.member);
    // Removing or changing a member ends their sessions in that transaction; this is the second
    // lock: a session found not to fit its record ends for good (the record may come back, the
    // session does not).
    if (sessionFits(signin, me) !== true) {
      await endSession(db.query, token);
      return null;
    }
    const engine = engines[row.policy];
    fingerprintOf[row.policy](req, res, () => {});
    // Which policy the fingerprint is of: a page that switches between the two policies checks
    // each response against the right one.
    res.setHeader(POLICY_HEADER, row.policy);
    let session = null;
    if (me.status === 'active') {
      session = engine.memberSession(row.org, me.id);
      res.on('close', () => session.free());
    }
    return { ...row, sessionHash: signin.hash, me, engine, session };
  }

  const signedIn = async (req, res, next) => {
    req.member = await loadMember(req, res);
    if (!req.member) throw new ApiError(401, 'unauthorized', 'signed_out');
    next();
  };

  /**
   * Lets the request through only when the member may do `action` on `resource`: the package's
   * `requirePermission` over the member's session, so the refusal is the engine's, in the
   * request's language. Resolves to false when it answered (401/403), true to go on.
   */
  function permitted(req, res, action, resource) {
    const { session, me } = req.member;
    requireActive(req);
    const gate = { can: (_s, a, r) => session.can(a, r), explain: (_s, a, r, lang) => session.explain(a, r, lang) };
    const check = requirePermission(gate, action, { subject: () => ({ id: me.id }), resource: () => resource, lang: () => req.lang });
    return new Promise((resolve, reject) => {
      check(req, res, (error) => (error ? reject(error) : resolve(true))).then(() => {
        if (res.headersSent) resolve(false);
      }, reject);
    });
  }

  /** A member who is not active (invited, pending) holds nothing: 403 `not_active`, in the page's words. */
  function requireActive(req) {
    const { session, me } = req.member;
    if (!session) throw refusal(403, 'forbidden', 'not_active', t(req.lang, 'notActive', me.name, t(req.lang, `status_${me.status}`)));
  }

  /** A demo control changes the organization: only one of its active administrators (the engine's `admins`) may. */
  function requireAdministrator(req) {
    const { engine, org, me } = req.member;
    const admins = engine.admins(org);
    if (admins.some((a) => a.id === me.id) !== true) throw new ApiError(403, 'forbidden', 'not_admin', [admins.map((a) => a.name).join(', ') || '–']);
  }

  /**
   * Signs `member` (a record of organization `key`'s snapshot) in, in `query`'s transaction: a new
   * session; the browser's old one, if any, ends with it. Returns what `sessionStarted` needs
   * once the transaction has committed (a refusal rolls both back and sets no cookie).
   */
  async function startSession(req, query, key, member) {
    const old = cookieOf(req);
    if (old) await endSession(query, old);
    return { token: await createSession(query, key, member), ended: sessionHash(old) };
  }

  /** After the transaction of `startSession`: the new session's cookie; the old session's event streams here end. */
  function sessionStarted(res, { token, ended }) {
    if (ended !== null) events.endSession(ended);
    res.setHeader('Set-Cookie', cookie.serialize(COOKIE, token, { ...COOKIE_OPTIONS, maxAge: SESSION_LIMITS.maxSeconds }));
  }

  // --- Public routes ----------------------------------------------------------------------------

  app.get('/api/policy/:name', (req, res, next) => {
    if (!Object.hasOwn(policyOf, req.params.name)) throw notFound(`policy ${req.params.name}`);
    policyOf[req.params.name](req, res, next);
  });

  /**
   * The members of every organization: the demo's sign-in list (no passwords: this demo lets
   * anyone act as anyone listed). Invited members are not in it: they join by their link.
   */
  app.get('/api/directory', async (req, res) => {
    const rows = await store.allOrgs(db.query);
    const companies = new Map(rows.flatMap((r) => (r.org.tenantInvitations ?? []).filter((i) => i.status === 'used').map((i) => [i.tenant, i.company])));
    res.json(
      rows.map(({ key, policy, org }) => ({
        key,
        policy,
        kind: org.kind,
        tenant: org.tenant,
        company: companies.get(org.tenant) ?? org.tenant,
        modules: org.modules,
        customRoles: (org.customRoles ?? []).map((r) => ({ id: r.id, label: r.label })),
        members: org.members.filter((m) => m.status !== 'invited').map((m) => ({ id: m.id, name: m.name, status: m.status, roles: m.roles })),
      })),
    );
  });

  /**
   * Signs in as a member of the directory, without a password (the demo's stand-in for a
   * login). The organization's row is locked meanwhile, so a removal of this member waits and
   * then ends this session with the others.
   */
  app.post('/api/session', async (req, res) => {
    const body = readBody(req, { org: 'string', member: 'string' });
    const started = await db.transaction(async (tx) => {
      const row = await store.getOrg(tx.query, body.org, { lock: true });
      if (!row) throw notFound(`organization ${body.org}`);
      const member = row.org.members.find((m) => m.id === body.member && m.status !== 'invited');
      if (!member) throw notFound(`member ${body.member}`);
      return startSession(req, tx.query, row.key, member);
    });
    sessionStarted(res, started);
    res.status(201).json({ org: body.org, member: body.member });
  });

  /** Who this browser is signed in as: `{ signedIn: false }` or the member. */
  app.get('/api/session', async (req, res) => {
    const member = await loadMember(req, res);
    if (!member) return res.json({ signedIn: false });
    const { key, policy, me } = member;
    res.json({ signedIn: true, org: key, policy, member: me.id, name: me.name, status: me.status });
  });

  app.delete('/api/session', async (req, res) => {
    readBody(req, {});
    const token = cookieOf(req);
    if (token) {
      await endSession(db.query, token);
      events.endSession(sessionHash(token));
    }
    res.setHeader('Set-Cookie', cookie.serialize(COOKIE, '', { ...COOKIE_OPTIONS, maxAge: 0 }));
    res.status(204).end();
  });

  // Invitation links: the token (in the body, never in a URL) is the only credential, and
  // nothing about any invitation is shown without it. 404 `invitation_unknown` alike for a
  // token that never was, was used, expired or was revoked.
  const unknownInvitation = () => new ApiError(404, 'not_found', 'invitation_unknown');

  /** The open invitation `link` (of invitations.mjs) stands for, with its organization's row. */
  async function invitationOf(query, link, { lock = false } = {}) {
    const row = link ? await store.getOrg(query, link.key, { lock }) : null;
    const invitation = row ? openInvitation(row.org, link.kind, link.invitation, new Date()) : null;
    if (!invitation) throw unknownInvitation();
    return { row, invitation };
  }

  /** What the invitee is shown when they open their link. */
  app.post('/api/invitations/view', async (req, res) => {
    const { token } = readBody(req, { token: 'string' });
    const link = await findLink(db.query, token);
    const { row, invitation } = await invitationOf(db.query, link);
    const i = invitation.record;
    const seen = { kind: invitation.kind, name: i.name, email: i.email, expiresAt: i.expiresAt };
    if (invitation.kind === 'member') {
      const labels = new Map([...engines[row.policy].roles(row.org.kind), ...(row.org.customRoles ?? [])].map((r) => [r.id, r.label]));
      const roles = i.roles.map((a) => (typeof a === 'string' ? a : a.role)).map((id) => ({ id, label: labels.get(id) ?? null }));
      return res.json({ ...seen, org: row.key, tenant: row.org.tenant, roles });
    }
    res.json({ ...seen, provider: row.org.tenant, company: i.company, tenant: i.tenant });
  });

  /**
   * The invitee accepts: the engine applies the acceptance with the invitation's e-mail address
   * as the actor (holding the link is what the server takes as proof of that address), the link
   * is claimed (used once), and the invitee is signed in with a new session — the browser's old
   * one ends. A company invitation writes the provider's snapshot and the new tenant's in the
   * same transaction.
   */
  app.post('/api/invitations/accept', async (req, res) => {
    const { token } = readBody(req, { token: 'string' });
    const { started, ...result } = await db.transaction(async (tx) => {
      // The organization's row first, then the link (every writer locks in this order). A
      // concurrent acceptance of the same link waits for the row, then finds the invitation used.
      const { row, invitation } = await invitationOf(tx.query, await findLink(tx.query, token), { lock: true });
      if ((await claimLink(tx.query, token)) === null) throw unknownInvitation();
      const engine = engines[row.policy];
      if (invitation.kind === 'company') {
        const applied = applyChecked(engine, row.org, invitation.email, { op: 'acceptTenantInvitation', invitation: invitation.id }, req.lang);
        const key = onboardedKey(applied.created.tenant);
        if (!(await store.insertOrg(tx.query, key, row.policy, applied.created))) throw refusal(409, 'conflict', 'tenant_taken', t(req.lang, 'tenantTaken', applied.created.tenant));
        await store.putOrg(tx.query, row.key, row.version, applied.org);
        const admin = applied.created.members[0];
        const started = await startSession(req, tx.query, key, admin);
        return { started, kind: 'company', org: key, member: admin.id, name: admin.name, company: invitation.record.company };
      }
      const applied = applyChecked(engine, row.org, invitation.email, { op: 'acceptInvitation', invitation: invitation.id }, req.lang);
      await store.putOrg(tx.query, row.key, row.version, applied.org);
      const member = applied.org.members.find((m) => m.email.toLowerCase() === invitation.email.toLowerCase() && m.status === 'active');
      // The engine made the invitee an active member; anything else is not signed in.
      if (!member) throw unknownInvitation();
      const started = await startSession(req, tx.query, row.key, member);
      return { started, kind: 'member', org: row.key, member: member.id, name: member.name };
    });
    sessionStarted(res, started);
    res.status(201).json(result);
  });

  // --- The signed-in member's routes --------------------------------------------------------------

  app.use('/api', signedIn);

  /** Back to the sample data: any signed-in member may (never a stranger). */
  app.post('/api/reset', async (req, res) => {
    readBody(req, {});
    await store.reset(db);
    res.json({ ok: true });
  });

  /** The member's live changes: their organization's, and their own policy's fingerprint. */
  app.get('/api/events', (req, res) => events.handler(req, res, req.member));

  app.get('/api/view', async (req, res) => {
    res.json(await viewOf(req));
  });

  app.get('/api/who-can', async (req, res) => {
    const { engine, org } = req.member;
    const unstorable = unstorableText(req.query);
    if (unstorable !== null) throw badRequest('bad_text', unstorable);
    const action = String(req.query.action ?? '');
    if (!engine.permissions().some((p) => p.id === action)) throw badRequest('unknown_value', 'action', action);
    const resource = {};
    for (const k of ['facility', 'customer']) if (typeof req.query[k] === 'string') resource[k] = req.query[k];
    const unknown = Object.keys(req.query).filter((k) => !['action', 'facility', 'customer'].includes(k));
    if (unknown.length) throw badRequest('unknown_field', unknown[0]);
    requireActive(req);
    res.json(engine.whoCan(org, action, Object.keys(resource).length ? resource : undefined));
  });

  /** The organization's booked modules: a demo control (what the platform's operator would book), for its administrators. */
  app.put('/api/modules', async (req, res) => {
    const body = readBody(req, { version: 'integer', modules: 'array' });
    requireAdministrator(req);
    const { engine, key } = req.member;
    const offered = engine.kinds().find((k) => k.id === req.member.org.kind)?.modules.map((m) => m.id) ?? [];
    const wrong = body.modules.find((m) => !offered.includes(m));
    if (wrong !== undefined) throw badRequest('unknown_value', 'modules', wrong);
    const version = await atVersion(req, body.version, (tx, row) => store.putOrg(tx.query, key, row.version, { ...row.org, modules: [...new Set(body.modules)] }));
    res.json({ ok: true, version });
  });

  // The e-shop (the customer portal): every line's facility is one of the organization's.
  function shopLine(req) {
    if (req.member.key !== 'mytrumpf') throw new ApiError(404, 'not_found', 'no_shop');
    const body = readBody(req, { product: 'string', facility: 'string' });
    if (!PRODUCTS.some((p) => p.id === body.product)) throw badRequest('unknown_value', 'product', body.product);
    if (!FACILITIES.some((f) => f.id === body.facility)) throw badRequest('unknown_value', 'facility', body.facility);
    return body;
  }

  app.post('/api/cart', async (req, res) => {
    const line = shopLine(req);
    if (!(await permitted(req, res, 'eshop.cart.edit', { facility: line.facility }))) return;
    const items = await store.addToCart(db.query, req.member.key, req.member.me.id);
    res.json({ ok: true, items });
  });

  app.post('/api/order-requests', async (req, res) => {
    const line = shopLine(req);
    if (!(await permitted(req, res, 'eshop.order.request', { facility: line.facility }))) return;
    const id = await store.addRequest(db.query, req.member.key, { ...line, by: req.member.me.id });
    res.status(201).json({ ok: true, id });
  });

  app.post('/api/orders', async (req, res) => {
    const line = shopLine(req);
    if (!(await permitted(req, res, 'eshop.order.place', { facility: line.facility }))) return;
    const id = await store.addOrder(db.query, req.member.key, { ...line, by: req.member.me.id });
    res.status(201).json({ ok: true, id });
  });

  /** Releasing a request: gated for the stored request's facility; happens exactly once. */
  app.post('/api/order-requests/:id/release', async (req, res) => {
    readBody(req, {});
    const id = idParam(req.params.id, 'order request');
    const request = await store.getRequest(db.query, req.member.key, id);
    if (!request) throw notFound(`order request ${req.params.id}`);
    if (!(await permitted(req, res, 'eshop.order.release', { facility: request.facility }))) return;
    const order = await db.transaction((tx) => store.releaseRequest(tx.query, req.member.key, id, req.member.me.id));
    if (order === null) throw new ApiError(409, 'conflict', 'already_released', [id]);
    res.json({ ok: true, order, by: nameOf(req.member.org, request.by) });
  });

  // Service cases: the asset (and so the place) of a case is the stored one.
  const catalogOf = (req) => CASE_ACTIONS[catalogKey(req.member.key)];
  /** The companies the member's organization invited (computed once per request). */
  const customersOf = (req) => (req.member.customers ??= req.member.engine.customers(req.member.org, new Date()));
  /** The assets of the organization's cases: a provider's are those of the companies it onboarded. */
  const assetsOf = (req) => assetsFor(req.member.key, catalogOf(req)?.assets === 'customer' ? customersOf(req) : []);

  app.post('/api/cases', async (req, res) => {
    const body = readBody(req, { asset: 'string', kind: 'string' });
    const asset = assetsOf(req).find((a) => a.id === body.asset);
    if (!asset) throw badRequest('unknown_value', 'asset', body.asset);
    const create = catalogOf(req).create.find((c) => c.kind === body.kind);
    if (!create) throw badRequest('unknown_value', 'kind', body.kind);
    if (!(await permitted(req, res, create.permission, asset.scope))) return;
    const id = await store.addCase(db.query, req.member.key, { asset: asset.id, kind: create.kind, by: req.member.me.id });
    res.status(201).json({ ok: true, id });
  });

  app.post('/api/cases/:id/:action', async (req, res) => {
    readBody(req, {});
    const id = idParam(req.params.id, 'service case');
    const { key, me } = req.member;
    const found = await store.getCase(db.query, key, id);
    const asset = found && assetsOf(req).find((a) => a.id === found.asset);
    if (!found || !asset) throw notFound(`service case ${req.params.id}`);
    const action = (catalogOf(req).case[found.kind] ?? []).find((a) => a.id === req.params.action);
    if (!action) throw notFound(`action ${req.params.action}`);
    if (!(await permitted(req, res, action.permission, asset.scope))) return;
    const result = await db.transaction(async (tx) => {
      const c = await store.getCase(tx.query, key, id, { lock: true });
      if (!c) throw notFound(`service case ${id}`);
      if (action.id === 'toggleRemote') {
        await store.updateCase(tx.query, key, id, { remote: !c.remote });
        return { remote: !c.remote };
      }
      if (action.id === 'useRemote' && !c.remote) throw refusal(409, 'conflict', 'remote_not_active', t(req.lang, 'remoteNotActive', id));
      await store.updateCase(tx.query, key, id, { log: { by: me.id, what: CASE_LOG[action.id] } });
      return { log: CASE_LOG[action.id] };
    });
    res.json({ ok: true, ...result });
  });

  // Administration: `engine.apply` on the stored snapshot, in one transaction, at the version the
  // page saw (a later change wins nothing silently: 409 with the current state). The actor is
  // always the signed-in member. An invitation the operation makes gets its link, returned once.
  app.post('/api/admin', async (req, res) => {
    const body = readBody(req, { version: 'integer', op: 'object' });
    const { key, me, engine, policy } = req.member;
    // Accepting is the invitee's, with their link (POST /api/invitations/accept), never a member's operation.
    if (body.op.op === 'acceptInvitation' || body.op.op === 'acceptTenantInvitation') throw badRequest('accept_by_link', body.op.op);
    const result = await atVersion(req, body.version, async (tx, row) => {
      if (body.op.op === 'inviteTenant' && typeof body.op.tenant === 'string' && (await store.tenantTaken(tx.query, body.op.tenant))) {
        throw refusal(422, 'refused', 'tenant_taken', t(req.lang, 'tenantTaken', body.op.tenant));
      }
      const applied = applyChecked(engine, row.org, me.id, body.op, req.lang);
      const version = await store.putOrg(tx.query, key, row.version, applied.org);
      const links = [];
      for (const invitation of newInvitations(row.org, applied.org, new Date())) {
        links.push({ kind: invitation.kind, invitation: invitation.id, email: invitation.email, url: linkUrl(await issueLink(tx.query, key, invitation)) });
      }
      return { ok: true, version, policy, links };
    });
    res.json(result);
  });

  /**
   * A new link for an open invitation of the member's organization (the old link dies): for
   * whoever may send that kind of invitation, tenant-wide. Only the hash is kept, so a lost link
   * is replaced, never shown again.
   */
  app.post('/api/invitations/link', async (req, res) => {
    const body = readBody(req, { kind: 'string', invitation: 'string' });
    const { key, org, engine } = req.member;
    if (body.kind !== 'member' && body.kind !== 'company') throw badRequest('unknown_value', 'kind', body.kind);
    const permission = body.kind === 'member' ? administrationOf(engine).invite : companyRuleOf(engine, org.kind)?.permission;
    if (typeof permission !== 'string') throw notFound(`invitation ${body.invitation}`);
    if (!(await permitted(req, res, permission, undefined))) return;
    const url = await db.transaction(async (tx) => {
      const row = await store.getOrg(tx.query, key, { lock: true });
      const invitation = openInvitation(row.org, body.kind, body.invitation, new Date());
      if (!invitation) throw notFound(`invitation ${body.invitation}`);
      return linkUrl(await issueLink(tx.query, key, invitation));
    });
    res.json({ ok: true, kind: body.kind, invitation: body.invitation, url });
  });

  /** `engine.apply`, its refusals as 403 (not permitted) or 422 (anything else), a malformed operation as 400. */
  function applyChecked(engine, org, actor, op, lang) {
    let result;
    try {
      result = engine.apply(org, actor, op, new Date(), lang);
    } catch (error) {
      if (error?.code === 'invalid_request' || error?.code === 'invalid_org') {
        const problem = error.problems?.[0];
        const detail = problem ? `${problem.path}: ${problem.messages?.[lang] ?? problem.message}` : error.message;
        throw refusal(400, 'bad_request', 'invalid_operation', t(lang, 'api_invalid_operation', detail));
      }
      throw error;
    }
    if (result.ok === true) return result;
    const forbidden = result.violations.find((v) => v.code === 'not_permitted');
    const first = forbidden ?? result.violations[0];
    throw refusal(forbidden ? 403 : 422, forbidden ? 'forbidden' : 'refused', first.code, result.violations.map((v) => v.message).join(' '), { violations: result.violations });
  }

  /**
   * Runs `fn(tx, row)` in one transaction on the member's organization, its row locked, if it is
   * still at `version` (the one the page saw); else 409 `conflict` with the current version only
   * (the page reloads its view, which is filtered for the member).
   */
  function atVersion(req, version, fn) {
    return db.transaction(async (tx) => {
      const row = await store.getOrg(tx.query, req.member.key, { lock: true });
      if (row.version !== version) throw refusal(409, 'conflict', 'conflict', t(req.lang, 'api_conflict', row.version, version), { version: row.version });
      return fn(tx, row);
    });
  }

  /** Everything the page shows the member: only what the member may see. */
  async function viewOf(req) {
    const { key, policy, version, org, me, engine, session } = req.member;
    const perms = administrationOf(engine);
    const administers = Boolean(session) && Object.values(perms).some((p) => typeof p === 'string' && session.can(p) === true);
    const rule = companyRuleOf(engine, org.kind);
    const assets = assetsOf(req);
    const catalog = catalogOf(req);
    const cases = (await store.casesOf(db.query, key)).filter((c) => assets.some((a) => a.id === c.asset));
    const plans = session ? new Map(Object.entries(catalog.list).map(([kind, permission]) => [kind, session.plan(permission)])) : new Map();
    const listed = cases.filter((c) => plans.has(c.kind) && planAllows(plans.get(c.kind), assets.find((a) => a.id === c.asset).scope));
    const shop = key === 'mytrumpf'
      ? { cart: await store.cartOf(db.query, key, me.id), requests: await store.openRequests(db.query, key), orders: await store.ordersOf(db.query, key) }
      : null;
    return {
      key,
      policy,
      version,
      fingerprint: engine.fingerprint,
      // Administrators see the whole organization; everyone else their own record and its roles.
      org: administers ? org : { ...org, members: [me], invitations: [], tenantInvitations: [] },
      me,
      administers,
      names: Object.fromEntries(org.members.map((m) => [m.id, m.name])),
      shop,
      assets,
      cases: listed,
      hiddenCases: cases.length - listed.length,
      myData: engine.myData(org, me.id),
      admins: engine.admins(org),
      lint: administers ? engine.lintOrg(org, { lang: req.lang }) : null,
      companies: rule && session?.can(rule.permission) === true ? { rule, list: customersOf(req) } : null,
    };
  }

  app.use('/api', (req, res) => {
    throw new ApiError(404, 'not_found', 'unknown_route', [`${req.method} ${req.originalUrl.split('?')[0]}`]);
  });

  // --- Static files: www/ at /, common/ at /common/, the package at /pkg/; nothing else of the repository
  app.use(express.static(WWW, { dotfiles: 'ignore', index: 'index.html', redirect: false }));
  app.use('/common', express.static(COMMON, { dotfiles: 'ignore', index: false, redirect: false }));
  app.use('/pkg', express.static(PKG, { dotfiles: 'ignore', index: false, redirect: false }));
  app.use((req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  app.use(errorHandler);

  return {
    app,
    /** Replaces policy `name` (requests from now on use it); the open pages are told at once. */
    async setEngine(name, engine) {
      if (!POLICY_NAMES.includes(name)) throw new TypeError(`setEngine: no policy ${name}`);
      // The old engine is not freed: requests in flight still hold its sessions.
      engines[name] = engine;
      await store.noteChange(db.query, null);
    },
    close: () => events.close(),
  };
}
