// Server-sent events: a signed-in member's open page hears of every change to their own
// organization (and of resets, and of a new fingerprint of their own policy) within a fraction of
// a second, and of nothing else. Changes are read from the database's change log, so a change
// made by another server process on the same PostgreSQL database reaches this process's pages too.
// A stream lives only as long as its session: after each change to its organization, and every
// CHECK_MS, streams whose session ended (signed out, removed, expired) are closed.

import { ApiError } from './http.mjs';
import { liveSessions } from './sessions.mjs';
import { changesSince, lastChange } from './store.mjs';

/** How often the change log is read while a page listens, in milliseconds. */
export const POLL_MS = 250;
/** How often every stream's session is checked (and a keep-alive comment sent), in milliseconds. */
export const CHECK_MS = 15_000;
/** Open streams per session (a few tabs of one browser), and per process. */
export const STREAM_LIMITS = Object.freeze({ perSession: 4, total: 500 });

/**
 * A broadcaster over `db`: `handler(req, res, member)` is the route (`GET /api/events`, for the
 * signed-in `member` of app.mjs), `endSession(hash)` closes the streams of a session ended here,
 * `close()` ends every stream. `fingerprintOf(policy)` is the fingerprint a page of that policy is
 * told. The log is polled only while at least one page listens.
 */
export function changeStream(db, { fingerprintOf }) {
  /** `{ res, key, policy, session }` per open stream (`session`: the hash of its session's token). */
  const clients = new Set();
  let last = 0;
  let poller = null;
  let checker = null;
  let polling = false;

  const send = (client, event, data) => client.res.write(`event: ${event}\ndata: ${JSON.stringify({ ...data, fingerprints: { [client.policy]: fingerprintOf(client.policy) } })}\n\n`);

  function end(client) {
    clients.delete(client);
    client.res.end();
    if (clients.size === 0) {
      clearInterval(poller);
      clearInterval(checker);
      poller = checker = null;
    }
  }

  /** Closes the streams among `which` whose session is no longer live. */
  async function checkSessions(which) {
    const list = [...which];
    if (list.length === 0) return;
    const live = await liveSessions(db.query, [...new Set(list.map((c) => c.session))]);
    for (const client of list) if (clients.has(client) && live.has(client.session) !== true) end(client);
  }

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const changes = await changesSince(db.query, last);
      const touched = new Set();
      for (const change of changes) {
        last = change.id;
        for (const client of clients) {
          if (change.org !== null && change.org !== client.key) continue;
          send(client, 'change', { id: change.id, org: change.org });
          touched.add(client);
        }
      }
      // A change may have removed a member (or reset the demo): their streams end after hearing of it.
      await checkSessions(touched);
    } catch {
      // The database is busy or closing: the next tick tries again.
    } finally {
      polling = false;
    }
  }

  async function handler(req, res, member) {
    const session = member.sessionHash;
    const headers = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' };
    // HEAD: the headers a GET would get, and no stream.
    if (req.method === 'HEAD') {
      res.writeHead(200, headers);
      return res.end();
    }
    // The first listener after a pause: changes count from now (the page reloads its view on
    // `hello`, so nothing between its last load and this moment is missed).
    if (poller === null) {
      const at = await lastChange(db.query);
      if (poller === null) last = at;
    }
    if (req.socket.destroyed) return;
    // The limits are checked after the last wait, so that streams opened at once count each other.
    if (clients.size >= STREAM_LIMITS.total) throw new ApiError(503, 'unavailable', 'streams_busy');
    if ([...clients].filter((c) => c.session === session).length >= STREAM_LIMITS.perSession) {
      throw new ApiError(429, 'too_many_requests', 'too_many_streams', [STREAM_LIMITS.perSession]);
    }
    res.writeHead(200, headers);
    const client = { res, key: member.key, policy: member.policy, session };
    res.write('retry: 1000\n');
    send(client, 'hello', {});
    clients.add(client);
    poller ??= setInterval(poll, POLL_MS);
    checker ??= setInterval(() => {
      for (const c of clients) c.res.write(': keep-alive\n\n');
      checkSessions(clients).catch(() => {});
    }, CHECK_MS);
    req.on('close', () => {
      if (clients.has(client)) end(client);
    });
  }

  return {
    handler,
    endSession(hash) {
      for (const client of clients) if (client.session === hash) end(client);
    },
    close() {
      for (const client of [...clients]) end(client);
    },
  };
}
