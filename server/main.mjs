#!/usr/bin/env node
// Starts the demo server: `make demo` runs it. The database is PGlite in `.demo-data/` (created
// and seeded on first start) or, with DATABASE_URL=postgres://…, a PostgreSQL server. Listens on
// 127.0.0.1:$PORT (8080) until Ctrl-C (or SIGTERM), then closes the database cleanly. It answers
// only for the host names 127.0.0.1:PORT and localhost:PORT, and those ALLOWED_HOSTS
// (comma-separated) and HOST add (a name behind a proxy, with or without a port); any other Host
// is refused. The policies are the built-in ones, or with `--policies DIR` (POLICIES=DIR) the
// files DIR/mytrumpf.json and DIR/platform.json, reloaded when they change (an invalid edit is
// reported and the running policy kept).
//
//   node server/main.mjs [--port N] [--data DIR] [--policies DIR]
//
// Tests import startDemoServer() and get the chosen port back (port 0 = any free port).

import { existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyEngine, ready } from 'rolegate';
import { POLICY_NAMES, createApp } from './app.mjs';
import { openDatabase } from './db.mjs';
import { ownHosts } from './http.mjs';
import { seedIfEmpty } from './store.mjs';

/** Where `make demo` keeps its PGlite database (ignored by git). */
export const DEFAULT_DATA = fileURLToPath(new URL('../.demo-data/', import.meta.url));

/** How long closing waits for the requests in progress. */
const CLOSE_GRACE_MS = 3000;

/**
 * Opens the database (`databaseUrl`, else PGlite in `dataDir`; `dataDir: null` keeps it in
 * memory), applies the migrations, seeds the sample data when empty, and listens on
 * 127.0.0.1:`port`, answering for 127.0.0.1:PORT, localhost:PORT and `allowedHosts` (names, with
 * or without a port). Resolves to `{ url, port, hosts, db, close() }`.
 */
export async function startDemoServer({ port = 0, dataDir = DEFAULT_DATA, databaseUrl, policies, allowedHosts = [] } = {}) {
  ownHosts(port, allowedHosts); // refuses a malformed name before anything starts
  await ready();
  const engines = policies ? loadPolicies(policies) : {};
  const db = await openDatabase(databaseUrl ? { url: databaseUrl } : { dir: dataDir ?? undefined });
  await seedIfEmpty(db);
  // Empty until the port is known: a request before that is refused, like any other host's.
  let hosts = new Set();
  const { app, setEngine, close: closeApp } = createApp(db, { engines, hosts: () => hosts });
  const watcher = policies ? watchPolicies(policies, engines, setEngine) : null;
  const server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', (error) => (error ? reject(error) : resolve(s)));
  });
  const actual = server.address().port;
  hosts = ownHosts(actual, allowedHosts);
  // Requests in progress, so that closing lets them finish before the database goes away (a
  // request cut off midway would meet a closed pool, and its page a reset connection).
  let inFlight = 0;
  let drained = () => {};
  server.on('request', (req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) drained();
    });
  });
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    hosts: [...hosts],
    db,
    /**
     * Stops taking connections, ends the event streams, lets the requests in progress finish
     * (at most `CLOSE_GRACE_MS`), then closes the remaining connections and the database.
     */
    async close() {
      watcher?.close();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      closeApp();
      server.closeIdleConnections?.();
      if (inFlight > 0) {
        let timer;
        await Promise.race([
          new Promise((resolve) => (drained = resolve)),
          new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections?.();
      await closed;
      await db.close();
    },
  };
}

/** The policies in `dir` (`<name>.json` for each name that has a file); throws naming the file that is wrong. */
function loadPolicies(dir) {
  const engines = {};
  for (const name of POLICY_NAMES) {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) continue;
    try {
      engines[name] = new PolicyEngine(readFileSync(file, 'utf8'));
    } catch (error) {
      const problem = error.problems?.[0];
      throw new Error(`${file}: ${problem ? `${problem.path}: ${problem.message}` : error.message}`);
    }
  }
  return engines;
}

/** Reloads a policy file when it changes (after a short pause, as editors write in steps); `loaded`: the running ones. */
function watchPolicies(dir, loaded, setEngine) {
  let timer = null;
  const fingerprints = Object.fromEntries(Object.entries(loaded).map(([name, engine]) => [name, engine.fingerprint]));
  const reload = () => {
    let engines;
    try {
      engines = loadPolicies(dir);
    } catch (error) {
      console.error(`rolegate demo: policy not reloaded, the running one stays: ${error.message}`);
      return;
    }
    for (const [name, engine] of Object.entries(engines)) {
      if (fingerprints[name] === engine.fingerprint) continue;
      fingerprints[name] = engine.fingerprint;
      setEngine(name, engine).then(
        () => console.log(`rolegate demo: policy ${name} reloaded (${engine.fingerprint.slice(0, 16)})`),
        (error) => console.error(`rolegate demo: policy ${name}: ${error.message}`),
      );
    }
  };
  const watcher = watch(dir, () => {
    clearTimeout(timer);
    timer = setTimeout(reload, 100);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

function argument(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(argument('--port') ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`rolegate demo: PORT must be a port number, not ${JSON.stringify(argument('--port') ?? process.env.PORT)}`);
    process.exit(2);
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const allowedHosts = [...(process.env.ALLOWED_HOSTS ?? '').split(','), process.env.HOST ?? ''].map((h) => h.trim()).filter(Boolean);
  try {
    ownHosts(port, allowedHosts);
  } catch (error) {
    console.error(`rolegate demo: ALLOWED_HOSTS / HOST: ${error.message}`);
    process.exit(2);
  }
  try {
    const policies = argument('--policies') ?? process.env.POLICIES ?? undefined;
    const server = await startDemoServer({ port, dataDir: argument('--data') ?? DEFAULT_DATA, databaseUrl, policies, allowedHosts });
    const where = databaseUrl ? `PostgreSQL at ${server.db.where}` : `PGlite in ${server.db.where}`;
    console.log(`rolegate demo on ${server.url}/ (database: ${where}); Ctrl-C stops it`);
    console.log(`rolegate demo: answers only for the host names ${server.hosts.join(', ')} (ALLOWED_HOSTS=… adds more)`);
    console.log('rolegate demo: this demo signs in WITHOUT PASSWORDS: anyone who can reach it can act as any member it lists. Keep it on 127.0.0.1.');
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const reason = error?.code === 'EADDRINUSE' ? `port ${port} is in use (PORT=… to choose another)` : (error?.message ?? String(error));
    console.error(`rolegate demo: cannot start: ${reason}`);
    process.exit(1);
  }
}
