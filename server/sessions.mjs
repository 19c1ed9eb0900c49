// Sign-in sessions: a random token in an HttpOnly cookie, only its hash in `sessions`, bound to
// the member record it was made for. A session ends when it has been idle for IDLE, when it is
// older than MAX (whatever its use), when its member signs in more than PER_MEMBER times (the
// oldest ends), when the member signs out, and — in the transaction that writes the snapshot —
// when the member is removed, changes status or is replaced by another record under the same id
// (`endStaleSessions`). Every function takes a `query` (the database's or a transaction's).

import { hashToken, isToken, newToken } from './secrets.mjs';

/** The limits of a session, in seconds (and how many sessions a member keeps). */
export const SESSION_LIMITS = Object.freeze({
  /** Ends after this long without a request (an open event stream does not count). */
  idleSeconds: 2 * 60 * 60,
  /** Ends this long after signing in, however active. */
  maxSeconds: 12 * 60 * 60,
  /** A member's newest sessions kept; signing in once more ends the oldest. */
  perMember: 5,
  /** `last_seen` is written at most this often (not on every request). */
  touchSeconds: 60,
});

/** The SQL condition of a live session, the absolute and idle limits in parameters `$max` and `$idle`. */
const live = (max, idle) => `created_at > now() - $${max} * interval '1 second' AND last_seen > now() - $${idle} * interval '1 second'`;
const limits = () => [SESSION_LIMITS.maxSeconds, SESSION_LIMITS.idleSeconds];

/**
 * What a session is bound to: the member record's id, e-mail address (as stored: compared
 * exactly, in JavaScript and in SQL alike), status and since.
 */
function bindingOf(member) {
  return { member: member.id, email: String(member.email), status: member.status, since: member.since ?? null };
}

/** Whether `session` was made for this very record of `member` (explicitly true, else it does not count). */
export function sessionFits(session, member) {
  if (!session || !member) return false;
  const now = bindingOf(member);
  return session.member === now.member && session.email === now.email && session.status === now.status && session.since === now.since;
}

/**
 * Signs `member` (a record of organization `key`'s snapshot) in: a new session, whose token (the
 * cookie's value) is returned and never stored. The member's oldest sessions beyond PER_MEMBER end,
 * and so does every expired session.
 */
export async function createSession(query, key, member) {
  const token = newToken();
  const b = bindingOf(member);
  await query('INSERT INTO sessions (token_hash, org_key, member, member_email, member_status, member_since) VALUES ($1, $2, $3, $4, $5, $6)', [
    hashToken(token),
    key,
    b.member,
    b.email,
    b.status,
    b.since,
  ]);
  await query('DELETE FROM sessions WHERE org_key = $1 AND member = $2 AND id NOT IN (SELECT id FROM sessions WHERE org_key = $1 AND member = $2 ORDER BY id DESC LIMIT $3)', [
    key,
    b.member,
    SESSION_LIMITS.perMember,
  ]);
  await query(`DELETE FROM sessions WHERE NOT (${live(1, 2)})`, limits());
  return token;
}

/**
 * The live session of cookie value `token`: `{ hash, key, member, email, status, since }`, or
 * null (no such token, not a token at all, expired). Notes the use (at most every TOUCH seconds).
 */
export async function readSession(query, token) {
  if (!isToken(token)) return null;
  const hash = hashToken(token);
  const rows = await query(
    `SELECT org_key, member, member_email, member_status, member_since, last_seen < now() - $4 * interval '1 second' AS stale FROM sessions WHERE token_hash = $1 AND ${live(2, 3)}`,
    [hash, ...limits(), SESSION_LIMITS.touchSeconds],
  );
  if (rows.length === 0) return null;
  const [r] = rows;
  if (r.stale) await query('UPDATE sessions SET last_seen = now() WHERE token_hash = $1', [hash]);
  return { hash, key: r.org_key, member: r.member, email: r.member_email, status: r.member_status, since: r.member_since };
}

/** Which of the session hashes `hashes` are of live sessions: a Set. */
export async function liveSessions(query, hashes) {
  if (hashes.length === 0) return new Set();
  const rows = await query(`SELECT token_hash FROM sessions WHERE token_hash IN (SELECT jsonb_array_elements_text($1::jsonb)) AND ${live(2, 3)}`, [JSON.stringify(hashes), ...limits()]);
  return new Set(rows.map((r) => r.token_hash));
}

/** Ends the session of cookie value `token` (signing out, or signing in as someone else). */
export async function endSession(query, token) {
  if (isToken(token)) await query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/**
 * Ends every session of organization `key` (null: of every organization) whose member record is
 * gone or is not the one the session was made for: run in the transaction that writes a snapshot.
 */
export async function endStaleSessions(query, key) {
  await query(
    `DELETE FROM sessions s WHERE ($1::text IS NULL OR s.org_key = $1) AND NOT EXISTS (
       SELECT 1 FROM orgs o, jsonb_array_elements(o.snapshot->'members') m
       WHERE o.key = s.org_key AND m->>'id' = s.member AND m->>'email' = s.member_email
         AND m->>'status' = s.member_status AND (m->>'since') IS NOT DISTINCT FROM s.member_since)`,
    [key],
  );
}

/** The hash a cookie value is stored under (to close the event streams of a session ended here). */
export const sessionHash = (token) => (isToken(token) ? hashToken(token) : null);
