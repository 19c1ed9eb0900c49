// Server-sent events: the open pages hear of every change to their organization (and of resets)
// within a fraction of a second. Changes are read from the database's change log, so a change made
// by another server process on the same PostgreSQL database reaches this process's pages too.

import { changesSince, lastChange } from './store.mjs';

/** How often the change log is read while a page listens, in milliseconds. */
export const POLL_MS = 250;

/**
 * A broadcaster over `db`: `handler` is the route (`GET /api/events`), `close()` ends every
 * stream. The log is polled only while at least one page listens.
 */
export function changeStream(db, { fingerprints }) {
  const clients = new Set();
  let last = 0;
  let timer = null;
  let polling = false;

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const changes = await changesSince(db.query, last);
      for (const change of changes) {
        last = change.id;
        const data = JSON.stringify({ id: change.id, org: change.org, fingerprints: fingerprints() });
        for (const res of clients) res.write(`event: change\ndata: ${data}\n\n`);
      }
    } catch {
      // The database is busy or closing: the next tick tries again.
    } finally {
      polling = false;
    }
  }

  async function handler(req, res) {
    // The first listener after a pause: changes count from now (the page reloads its view on
    // `hello`, so nothing between its last load and this moment is missed).
    if (timer === null) last = await lastChange(db.query);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ fingerprints: fingerprints() })}\n\n`);
    clients.add(res);
    timer ??= setInterval(poll, POLL_MS);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      clients.delete(res);
      if (clients.size === 0) {
        clearInterval(timer);
        timer = null;
      }
    });
  }

  return {
    handler,
    close() {
      clearInterval(timer);
      timer = null;
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
