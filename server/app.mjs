// The demo server: the page (www/) and the package's files (pkg/) as static files and nothing
// else of the repository, and the HTTP JSON API every action of the page goes through. Each route
// is gated by the same engine and policy the page loads (`requirePermission` of rolegate/express,
// or `engine.apply` for administration), with the resource read from the stored record.

import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from 'cookie';
import express from 'express';
import { PolicyEngine, planAllows } from 'rolegate';
import { fingerprintHeader, requirePermission, servePolicy } from 'rolegate/express';
import { CASE_ACTIONS, CASE_LOG, FACILITIES, PRODUCTS, assetsFor, catalogKey, onboardedKey } from '../www/js/sample.js';
import { t } from '../www/js/i18n.js';
import { ApiError, BODY_LIMIT, badRequest, errorHandler, idParam, notFound, readBody, refusal, sameOriginJson, securityHeaders } from './http.mjs';
import { changeStream } from './events.mjs';
import * as store from './store.mjs';

const WWW = fileURLToPath(new URL('../www/', import.meta.url));
const PKG = fileURLToPath(new URL('../pkg/', import.meta.url));

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export const COOKIE = 'rolegate_session';
const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/' };

/** Each engine's `administration` section (engine.policy() copies the whole policy out of the module: once). */
const administrations = new WeakMap();
function administrationOf(engine) {
  if (!administrations.has(engine)) administrations.set(engine, engine.policy().administration ?? {});
  return administrations.get(engine);
}

/** Fields of the operations' answers that name members, for the page's notices. */
const nameOf = (org, id) => org.members.find((m) => m.id === id)?.name ?? id;

/** The response header naming the policy of `Rolegate-Fingerprint` (the signed-in member's). */
export const POLICY_HEADER = 'Rolegate-Policy';

/** The policies the demo uses: the built-in `mytrumpf` and `platform`. */
export const POLICY_NAMES = ['mytrumpf', 'platform'];

/**
 * The Express app over `db` (server/db.mjs). `engines` (one per name of POLICY_NAMES) defaults to
 * the built-in policies. Returns `{ app, setEngine(name, engine), close() }`: setEngine replaces
 * a policy while running (every open page hears of it and reloads it); close ends the open
 * event streams.
 */
export function createApp(db, { engines: given } = {}) {
  const engines = { ...Object.fromEntries(POLICY_NAMES.map((name) => [name, PolicyEngine.builtin(name)])), ...given };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const fingerprintOf = Object.fromEntries(POLICY_NAMES.map((name) => [name, fingerprintHeader(() => engines[name])]));
  const policyOf = Object.fromEntries(POLICY_NAMES.map((name) => [name, servePolicy(() => engines[name])]));
  const events = changeStream(db, { fingerprints: () => Object.fromEntries(Object.entries(engines).map(([n, e]) => [n, e.fingerprint])) });

  app.use(securityHeaders);
  app.use('/api', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', sameOriginJson);
  app.use('/api', express.json({ limit: BODY_LIMIT, strict: false, type: () => true }));

  // --- Signing in -----------------------------------------------------------------------------

  /** Reads the member from the store on every request (a change of roles counts at once). */
  async function loadMember(req, res) {
    const token = cookie.parse(req.headers.cookie ?? '')[COOKIE];
    if (!token || token.length > 100) return null;
    const session = await store.sessionOf(db.query, token);
    if (!session) return null;
    const row = await store.getOrg(db.query, session.key);
    const me = row?.org.members.find((m) => m.id === session.member);
    if (!me) return null;
    const engine = engines[row.policy];
    fingerprintOf[row.policy](req, res, () => {});
    // Which policy the fingerprint is of: a page that switches between the two policies checks
    // each response against the right one.
    res.setHeader(POLICY_HEADER, row.policy);
    let rolegate = null;
    if (me.status === 'active') {
      rolegate = engine.memberSession(row.org, me.id);
      res.on('close', () => rolegate.free());
    }
    return { ...row, token, me, engine, session: rolegate };
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

  async function signIn(res, query, key, member) {
    const token = randomBytes(32).toString('base64url');
    await store.createSession(query, token, key, member);
    res.setHeader('Set-Cookie', cookie.serialize(COOKIE, token, COOKIE_OPTIONS));
  }

  // --- Public routes ----------------------------------------------------------------------------

  app.get('/api/policy/:name', (req, res, next) => {
    if (!Object.hasOwn(policyOf, req.params.name)) throw notFound(`policy ${req.params.name}`);
    policyOf[req.params.name](req, res, next);
  });

  /** The sample members of every organization: the demo's sign-in list (no passwords). */
  app.get('/api/directory', async (req, res) => {
    const rows = await store.allOrgs(db.query);
    const companies = new Map(rows.flatMap((r) => (r.org.tenantInvitations ?? []).map((i) => [i.tenant, i.company])));
    res.json(
      rows.map(({ key, policy, org }) => ({
        key,
        policy,
        kind: org.kind,
        tenant: org.tenant,
        company: companies.get(org.tenant) ?? org.tenant,
        modules: org.modules,
        customRoles: (org.customRoles ?? []).map((r) => ({ id: r.id, label: r.label })),
        members: org.members.map((m) => ({ id: m.id, name: m.name, status: m.status, roles: m.roles })),
      })),
    );
  });

  app.post('/api/session', async (req, res) => {
    const body = readBody(req, { org: 'string', member: 'string' });
    const row = await store.getOrg(db.query, body.org);
    if (!row) throw notFound(`organization ${body.org}`);
    if (!row.org.members.some((m) => m.id === body.member)) throw notFound(`member ${body.member}`);
    const old = cookie.parse(req.headers.cookie ?? '')[COOKIE];
    if (old) await store.deleteSession(db.query, old);
    await signIn(res, db.query, body.org, body.member);
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
    const token = cookie.parse(req.headers.cookie ?? '')[COOKIE];
    if (token) await store.deleteSession(db.query, token);
    res.setHeader('Set-Cookie', cookie.serialize(COOKIE, '', { ...COOKIE_OPTIONS, maxAge: 0 }));
    res.status(204).end();
  });

  app.post('/api/reset', async (req, res) => {
    readBody(req, {});
    await store.reset(db);
    res.json({ ok: true });
  });

  app.get('/api/events', events.handler);

  /** A company invitation opened by its link: what the invitee is shown. */
  async function companyInvitation(query, id, lock) {
    if (!/^[a-z0-9_.-]{1,64}$/i.test(id)) return null;
    const rows = await query("SELECT key FROM orgs WHERE snapshot->'tenantInvitations' @> $1::jsonb", [JSON.stringify([{ id }])]);
    if (rows.length !== 1) return null;
    const row = await store.getOrg(query, rows[0].key, { lock });
    return { row, invitation: row.org.tenantInvitations.find((i) => i.id === id) };
  }

  app.get('/api/company-invitations/:id', async (req, res) => {
    const found = await companyInvitation(db.query, req.params.id, false);
    if (!found) throw refusal(404, 'not_found', 'not_found', t(req.lang, 'invitationUnknown', req.params.id));
    const { row, invitation: i } = found;
    const status = engines[row.policy].customers(row.org, new Date()).find((c) => c.invitation === i.id)?.status;
    res.json({ id: i.id, provider: row.org.tenant, company: i.company, name: i.name, email: i.email, tenant: i.tenant, status });
  });

  /**
   * The invitee accepts (the link is their credential in this demo): the provider's snapshot and
   * the new tenant's are written in one transaction, and the invitee is signed in as its
   * administrator.
   */
  app.post('/api/company-invitations/:id/accept', async (req, res) => {
    readBody(req, {});
    const result = await db.transaction(async (tx) => {
      const found = await companyInvitation(tx.query, req.params.id, true);
      if (!found) throw refusal(404, 'not_found', 'not_found', t(req.lang, 'invitationUnknown', req.params.id));
      const { row, invitation } = found;
      const applied = applyChecked(engines[row.policy], row.org, invitation.email, { op: 'acceptTenantInvitation', invitation: invitation.id }, req.lang);
      const key = onboardedKey(applied.created.tenant);
      if (!(await store.insertOrg(tx.query, key, row.policy, applied.created))) throw refusal(409, 'conflict', 'tenant_taken', t(req.lang, 'tenantTaken', applied.created.tenant));
      await store.putOrg(tx.query, row.key, row.version, applied.org);
      const admin = applied.created.members[0];
      await signIn(res, tx.query, key, admin.id);
      return { org: key, member: admin.id, company: invitation.company };
    });
    res.status(201).json(result);
  });

  // --- The signed-in member's routes --------------------------------------------------------------

  app.use('/api', signedIn);


  app.get('/api/view', async (req, res) => {
    res.json(await viewOf(req));
  });

  app.get('/api/who-can', async (req, res) => {
    const { engine, org } = req.member;
    const action = String(req.query.action ?? '');
    if (!engine.permissions().some((p) => p.id === action)) throw badRequest('unknown_value', 'action', action);
    const resource = {};
    for (const k of ['facility', 'customer']) if (typeof req.query[k] === 'string') resource[k] = req.query[k];
    const unknown = Object.keys(req.query).filter((k) => !['action', 'facility', 'customer'].includes(k));
    if (unknown.length) throw badRequest('unknown_field', unknown[0]);
    requireActive(req);
    res.json(engine.whoCan(org, action, Object.keys(resource).length ? resource : undefined));
  });

  /** The organization's booked modules: a demo control (what the platform's operator would book). */
  app.put('/api/modules', async (req, res) => {
    const body = readBody(req, { version: 'integer', modules: 'array' });
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
  // page saw (a later change wins nothing silently: 409 with the current state).
  app.post('/api/admin', async (req, res) => {
    const body = readBody(req, { version: 'integer', op: 'object' });
    const { key, me, engine, policy } = req.member;
    const result = await atVersion(req, body.version, async (tx, row) => {
      let actor = me.id;
      // The demo's "accept as …" button acts as the invitee, whose e-mail address the invitation holds.
      if (body.op.op === 'acceptInvitation') {
        actor = row.org.invitations?.find((i) => i.id === body.op.invitation)?.email ?? me.id;
      }
      if (body.op.op === 'inviteTenant' && typeof body.op.tenant === 'string') await checkTenantFree(req, tx.query, body.op.tenant);
      const applied = applyChecked(engine, row.org, actor, body.op, req.lang);
      const version = await store.putOrg(tx.query, key, row.version, applied.org);
      let signedInAs = null;
      if (body.op.op === 'acceptInvitation') {
        const accepted = applied.org.members.find((m) => m.email.toLowerCase() === actor.toLowerCase());
        if (accepted && accepted.id !== me.id) {
          await tx.query('UPDATE sessions SET member = $2 WHERE token = $1', [req.member.token, accepted.id]);
          signedInAs = accepted.id;
        }
      }
      return { ok: true, version, policy, ...(signedInAs ? { signedInAs } : {}) };
    });
    res.json(result);
  });

  /** Tenant ids are unique on the whole platform: a check of the platform's, not of one snapshot. */
  async function checkTenantFree(req, query, tenant) {
    const rows = await query("SELECT 1 FROM orgs WHERE snapshot->>'tenant' = $1 OR snapshot->'tenantInvitations' @> $2::jsonb LIMIT 1", [tenant, JSON.stringify([{ tenant }])]);
    if (rows.length) throw refusal(422, 'refused', 'tenant_taken', t(req.lang, 'tenantTaken', tenant));
  }

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
    if (result.ok) return result;
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
    const administers = Boolean(session) && Object.values(perms).some((p) => typeof p === 'string' && session.can(p));
    const rule = (perms.tenantInvitations ?? []).find((r) => r.inviter === org.kind);
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
      companies: rule && session?.can(rule.permission) ? { rule, list: customersOf(req) } : null,
    };
  }

  app.use('/api', (req, res) => {
    throw new ApiError(404, 'not_found', 'unknown_route', [`${req.method} ${req.originalUrl.split('?')[0]}`]);
  });

  // --- Static files: www/ at /, the package at /pkg/; nothing else of the repository ---------------
  app.use(express.static(WWW, { dotfiles: 'ignore', index: 'index.html', redirect: false }));
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
