// Invitation links. The engine's snapshot holds an invitation (`invitations[]` of a tenant,
// `tenantInvitations[]` of a service provider) under an id it counts up (`inv-1`, `tinv-1`):
// known to anyone who can count, so never a credential. The link the invitee gets carries a token
// of the server's (server/secrets.mjs); `invitation_links` keeps its hash keyed by the
// organization and the invitation's id, with the invitation's expiry. A link is found by its
// token's hash only, counts only while the snapshot still holds its invitation open, is claimed
// (deleted) by the one acceptance that uses it, and dies with the invitation: used, revoked,
// expired, or its member removed (`dropStaleLinks`, in the transaction that writes the snapshot).
// A new link for the same invitation replaces the old one.

import { hashToken, isToken, newToken } from './secrets.mjs';

/** The path of the page that opens a link: the token in the fragment, never sent in a URL to the server. */
export const linkUrl = (token) => `/#invitation=${token}`;

/**
 * The invitations of snapshot `org` that are open at `now`: `[{ kind, id, email, expiresAt,
 * record }]` (`kind`: `member` for a colleague, from `invitations`; `company` for a company
 * invited to the platform, from `tenantInvitations`; `record`: the snapshot's entry).
 */
export function openInvitations(org, now = new Date()) {
  const open = (i) => Date.parse(i.expiresAt) > now.getTime();
  const entry = (kind) => (i) => ({ kind, id: i.id, email: i.email, expiresAt: i.expiresAt, record: i });
  return [
    ...(org.invitations ?? []).filter((i) => i.used === false && open(i)).map(entry('member')),
    ...(org.tenantInvitations ?? []).filter((i) => i.status === 'open' && open(i)).map(entry('company')),
  ];
}

/** The open invitation `id` of `kind` in `org`, or null. */
export const openInvitation = (org, kind, id, now) => openInvitations(org, now).find((i) => i.kind === kind && i.id === id) ?? null;

/** The invitations open in `after` that were not in `before` (those an operation just made). */
export function newInvitations(before, after, now) {
  const had = new Set(openInvitations(before, now).map((i) => `${i.kind}:${i.id}`));
  return openInvitations(after, now).filter((i) => !had.has(`${i.kind}:${i.id}`));
}

/** A new link for open invitation `invitation` of organization `key` (replacing any earlier one): its token. */
export async function issueLink(query, key, invitation) {
  const token = newToken();
  await query('DELETE FROM invitation_links WHERE org_key = $1 AND kind = $2 AND invitation = $3', [key, invitation.kind, invitation.id]);
  await query('INSERT INTO invitation_links (token_hash, org_key, kind, invitation, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    hashToken(token),
    key,
    invitation.kind,
    invitation.id,
    invitation.expiresAt,
  ]);
  return token;
}

const linkRow = (r) => ({ key: r.org_key, kind: r.kind, invitation: r.invitation });

/** The unexpired link of `token`: `{ key, kind, invitation }`, or null (unknown, not a token, expired). */
export async function findLink(query, token) {
  if (!isToken(token)) return null;
  const rows = await query('SELECT org_key, kind, invitation FROM invitation_links WHERE token_hash = $1 AND expires_at > now()', [hashToken(token)]);
  return rows.length ? linkRow(rows[0]) : null;
}

/**
 * Claims the link of `token` for one acceptance: deletes it and returns what `findLink` would.
 * Run in the acceptance's transaction: a concurrent claim waits for it and then finds nothing; a
 * rollback (a refusal) gives the link back.
 */
export async function claimLink(query, token) {
  if (!isToken(token)) return null;
  const rows = await query('DELETE FROM invitation_links WHERE token_hash = $1 RETURNING org_key, kind, invitation, expires_at > now() AS live', [hashToken(token)]);
  return rows.length && rows[0].live ? linkRow(rows[0]) : null;
}

/**
 * Deletes the links of organization `key` (null: of every organization) whose invitation the
 * stored snapshot no longer holds open (used, revoked, removed with its member) or that expired.
 */
export async function dropStaleLinks(query, key) {
  await query(
    `DELETE FROM invitation_links l WHERE ($1::text IS NULL OR l.org_key = $1) AND (l.expires_at <= now() OR NOT EXISTS (
       SELECT 1 FROM orgs o, jsonb_array_elements(CASE l.kind WHEN 'member' THEN coalesce(o.snapshot->'invitations', '[]') ELSE coalesce(o.snapshot->'tenantInvitations', '[]') END) i
       WHERE o.key = l.org_key AND i->>'id' = l.invitation
         AND CASE l.kind WHEN 'member' THEN i->>'used' = 'false' ELSE i->>'status' = 'open' END))`,
    [key],
  );
}
