// What the demo server keeps, in SQL: organizations (snapshots with a version), carts, order
// requests, orders, service cases, and the change log the open pages follow (sessions:
// server/sessions.mjs; invitation links: server/invitations.mjs). Every function takes a `query`
// (the database's or a transaction's), so callers decide what is atomic.

import { ORG_KEYS, sampleOrgs } from '../common/sample.js';
import { dropStaleLinks } from './invitations.mjs';
import { endStaleSessions } from './sessions.mjs';

/** The policy an organization key belongs to. */
export const policyOf = (key) => (key === 'mytrumpf' ? 'mytrumpf' : 'platform');

/** Stores the sample organizations when there are none (first start). */
export async function seedIfEmpty(db) {
  await db.transaction(async (tx) => {
    await tx.query('LOCK TABLE orgs IN EXCLUSIVE MODE');
    const [{ n }] = await tx.query('SELECT count(*)::int AS n FROM orgs');
    if (n === 0) await insertSample(tx.query);
  });
}

async function insertSample(query) {
  const orgs = sampleOrgs();
  for (const key of ORG_KEYS) {
    await query('INSERT INTO orgs (key, policy, version, snapshot) VALUES ($1, $2, 1, $3::jsonb)', [key, policyOf(key), JSON.stringify(orgs[key])]);
  }
}

/**
 * Back to the sample data, in one transaction: the onboarded organizations and everything in the
 * shop and the cases go; the sample organizations get their sample snapshot under a new version
 * (a page still holding the old one gets 409, not a silent overwrite). Sessions of members whose
 * record is the sample's again stay signed in; every other session ends, and every invitation
 * link with its invitation.
 */
export async function reset(db) {
  await db.transaction(async (tx) => {
    await tx.query('LOCK TABLE orgs IN EXCLUSIVE MODE');
    for (const table of ['carts', 'orders', 'order_requests', 'service_cases']) await tx.query(`DELETE FROM ${table}`);
    await tx.query('DELETE FROM orgs WHERE NOT (key = ANY($1))', [ORG_KEYS]);
    const orgs = sampleOrgs();
    for (const key of ORG_KEYS) {
      const updated = await tx.query('UPDATE orgs SET snapshot = $2::jsonb, version = version + 1 WHERE key = $1 RETURNING key', [key, JSON.stringify(orgs[key])]);
      if (updated.length === 0) {
        await tx.query('INSERT INTO orgs (key, policy, version, snapshot) VALUES ($1, $2, 1, $3::jsonb)', [key, policyOf(key), JSON.stringify(orgs[key])]);
      }
    }
    await endStaleSessions(tx.query, null);
    await dropStaleLinks(tx.query, null);
    await tx.query('INSERT INTO changes (org_key) VALUES (NULL)');
  });
}

/** `{ key, policy, version, org }` or null; `lock` holds the row until the transaction ends. */
export async function getOrg(query, key, { lock = false } = {}) {
  const rows = await query(`SELECT key, policy, version, snapshot FROM orgs WHERE key = $1${lock ? ' FOR UPDATE' : ''}`, [key]);
  if (rows.length === 0) return null;
  const [row] = rows;
  return { key: row.key, policy: row.policy, version: row.version, org: row.snapshot };
}

/** Every organization: `[{ key, policy, version, org }]`, the sample's first. */
export async function allOrgs(query) {
  const rows = await query('SELECT key, policy, version, snapshot FROM orgs ORDER BY key');
  const rank = (k) => (ORG_KEYS.includes(k) ? ORG_KEYS.indexOf(k) : ORG_KEYS.length);
  return rows.map((r) => ({ key: r.key, policy: r.policy, version: r.version, org: r.snapshot })).sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/**
 * Writes a new snapshot if the stored version is still `version`; returns the new version or
 * null. In the same transaction (callers pass a transaction's `query`), the sessions of members
 * the snapshot no longer holds as they were end, and so do the links of invitations it no longer
 * holds open.
 */
export async function putOrg(query, key, version, org) {
  const rows = await query('UPDATE orgs SET snapshot = $3::jsonb, version = version + 1 WHERE key = $1 AND version = $2 RETURNING version', [key, version, JSON.stringify(org)]);
  if (rows.length === 0) return null;
  await endStaleSessions(query, key);
  await dropStaleLinks(query, key);
  await noteChange(query, key);
  return rows[0].version;
}

/** Stores a new organization (an onboarded tenant) at version 1; false when the key exists. */
export async function insertOrg(query, key, policy, org) {
  const rows = await query('INSERT INTO orgs (key, policy, version, snapshot) VALUES ($1, $2, 1, $3::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key', [key, policy, JSON.stringify(org)]);
  if (rows.length) await noteChange(query, key);
  return rows.length === 1;
}

/**
 * Whether tenant id `tenant` is taken on the platform (a check of the platform's, not of one
 * snapshot): an organization has it, or a company invitation names it that was not revoked (open,
 * expired or used; the engine counts them alike within the inviter's snapshot). Revoking frees it.
 */
export async function tenantTaken(query, tenant) {
  const rows = await query(
    `SELECT 1 FROM orgs WHERE snapshot->>'tenant' = $1 OR EXISTS (
       SELECT 1 FROM jsonb_array_elements(coalesce(snapshot->'tenantInvitations', '[]')) i WHERE i->>'tenant' = $1 AND i->>'status' <> 'revoked') LIMIT 1`,
    [tenant],
  );
  return rows.length > 0;
}

/** Tells the open pages of organization `key` (null: every page) that something changed. */
export async function noteChange(query, key) {
  await query('INSERT INTO changes (org_key) VALUES ($1)', [key]);
}

/** The changes after `after`: `[{ id, org }]`. */
export async function changesSince(query, after) {
  const rows = await query('SELECT id, org_key FROM changes WHERE id > $1 ORDER BY id LIMIT 1000', [String(after)]);
  return rows.map((r) => ({ id: Number(r.id), org: r.org_key }));
}

/** The last change's id (0 when none). */
export async function lastChange(query) {
  const [row] = await query('SELECT coalesce(max(id), 0) AS id FROM changes');
  return Number(row.id);
}

// The e-shop ---------------------------------------------------------------------------------

export async function cartOf(query, key, member) {
  const rows = await query('SELECT items FROM carts WHERE org_key = $1 AND member = $2', [key, member]);
  return rows.length ? rows[0].items : 0;
}

export async function addToCart(query, key, member) {
  const [row] = await query(
    'INSERT INTO carts (org_key, member, items) VALUES ($1, $2, 1) ON CONFLICT (org_key, member) DO UPDATE SET items = carts.items + 1 RETURNING items',
    [key, member],
  );
  await noteChange(query, key);
  return row.items;
}

export async function addRequest(query, key, { product, facility, by }) {
  const [row] = await query('INSERT INTO order_requests (org_key, product, facility, requested_by) VALUES ($1, $2, $3, $4) RETURNING id', [key, product, facility, by]);
  await noteChange(query, key);
  return row.id;
}

/** The organization's order requests not released yet. */
export async function openRequests(query, key) {
  const rows = await query('SELECT id, product, facility, requested_by FROM order_requests WHERE org_key = $1 AND released_by IS NULL ORDER BY id', [key]);
  return rows.map((r) => ({ id: r.id, product: r.product, facility: r.facility, by: r.requested_by }));
}

/** `{ id, product, facility, by, releasedBy }` of a request of organization `key`, or null. */
export async function getRequest(query, key, id) {
  const rows = await query('SELECT id, product, facility, requested_by, released_by FROM order_requests WHERE id = $1 AND org_key = $2', [id, key]);
  if (rows.length === 0) return null;
  const [r] = rows;
  return { id: r.id, product: r.product, facility: r.facility, by: r.requested_by, releasedBy: r.released_by };
}

/**
 * Releases a request exactly once: only the update that finds it unreleased turns it into an
 * order (and the order's unique request id would refuse a second). Returns the order's id, or
 * null when it was released already.
 */
export async function releaseRequest(query, key, id, by) {
  const rows = await query(
    'UPDATE order_requests SET released_by = $3 WHERE id = $1 AND org_key = $2 AND released_by IS NULL RETURNING product, facility, requested_by',
    [id, key, by],
  );
  if (rows.length === 0) return null;
  const [r] = rows;
  const [order] = await query(
    'INSERT INTO orders (org_key, product, facility, ordered_by, released_by, request_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [key, r.product, r.facility, r.requested_by, by, id],
  );
  await noteChange(query, key);
  return order.id;
}

export async function addOrder(query, key, { product, facility, by }) {
  const [row] = await query('INSERT INTO orders (org_key, product, facility, ordered_by) VALUES ($1, $2, $3, $4) RETURNING id', [key, product, facility, by]);
  await noteChange(query, key);
  return row.id;
}

export async function ordersOf(query, key) {
  const rows = await query('SELECT id, product, facility, ordered_by, released_by FROM orders WHERE org_key = $1 ORDER BY id', [key]);
  return rows.map((r) => ({ id: r.id, product: r.product, facility: r.facility, by: r.ordered_by, ...(r.released_by ? { releasedBy: r.released_by } : {}) }));
}

// Service cases ------------------------------------------------------------------------------

const caseRow = (r) => ({ id: r.id, asset: r.asset, kind: r.kind, remote: r.remote, log: r.log });

export async function casesOf(query, key) {
  return (await query('SELECT id, asset, kind, remote, log FROM service_cases WHERE org_key = $1 ORDER BY id', [key])).map(caseRow);
}

/** A case of organization `key`, or null; `lock` holds it until the transaction ends. */
export async function getCase(query, key, id, { lock = false } = {}) {
  const rows = await query(`SELECT id, asset, kind, remote, log FROM service_cases WHERE id = $1 AND org_key = $2${lock ? ' FOR UPDATE' : ''}`, [id, key]);
  return rows.length ? caseRow(rows[0]) : null;
}

export async function addCase(query, key, { asset, kind, by }) {
  const [row] = await query(
    "INSERT INTO service_cases (org_key, asset, kind, log) VALUES ($1, $2, $3, jsonb_build_array(jsonb_build_object('by', $4::text, 'what', 'caseOpened'))) RETURNING id",
    [key, asset, kind, by],
  );
  await noteChange(query, key);
  return row.id;
}

/** Appends a log entry and sets `remote` (when given) of a case. */
export async function updateCase(query, key, id, { remote, log }) {
  await query(
    "UPDATE service_cases SET remote = coalesce($3, remote), log = CASE WHEN $4::text IS NULL THEN log ELSE log || jsonb_build_array(jsonb_build_object('by', $5::text, 'what', $4::text)) END WHERE id = $1 AND org_key = $2",
    [id, key, remote ?? null, log?.what ?? null, log?.by ?? null],
  );
  await noteChange(query, key);
}
