// The demo server's database: PGlite (PostgreSQL compiled to wasm, in a data folder) by default,
// or a PostgreSQL server through `pg` when DATABASE_URL is set. Both answer the same SQL through
// one small interface: `query(sql, params) → rows`, `transaction(fn)` (fn gets a `query` of its
// own; a throw rolls back), `close()`. Migrations (server/migrations/NNN_name.sql) are applied at
// start, in order, once, under an advisory lock so that several processes can start together.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));
/** The advisory lock migrations and seeding hold (any constant, the same in every process). */
const MIGRATION_LOCK = 741_101;

/**
 * Opens the database: `url` (postgres://…) through a `pg` pool, else PGlite in `dir` (created when
 * missing; `dir` undefined keeps it in memory). Applies the migrations before resolving.
 */
export async function openDatabase({ url, dir } = {}) {
  const db = url ? await openPostgres(url) : await openPglite(dir);
  await migrate(db);
  return db;
}

async function openPglite(dir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite(dir);
  await pg.waitReady;
  return {
    kind: 'pglite',
    where: dir ?? 'memory',
    query: async (sql, params = []) => (await pg.query(sql, params)).rows,
    transaction: (fn) => pg.transaction((tx) => fn({ query: async (sql, params = []) => (await tx.query(sql, params)).rows })),
    close: () => pg.close(),
  };
}

async function openPostgres(url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A connection that breaks while idle must not take the process down.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    where: url.replace(/\/\/[^@/]*@/, '//'),
    query: async (sql, params = []) => (await pool.query(sql, params)).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params = []) => (await client.query(sql, params)).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The migrations in the folder: `[{ version, name, sql }]`, by version. */
export function migrations() {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(MIGRATIONS + f, 'utf8') }));
}

/** Applies the migrations not applied yet, each in the transaction that records it. */
async function migrate(db) {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of migrations()) {
      if (done.has(m.version)) continue;
      for (const statement of statements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
  });
}

/** The statements of a migration file (comments dropped; split at `;` ending a line). */
function statements(sql) {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export { MIGRATION_LOCK };
