#!/usr/bin/env node
// Runs a command against a throwaway PostgreSQL cluster: the machine's PostgreSQL binaries
// (Debian's `postgresql` package, installed when missing and this runs as root), a temporary data
// directory, listening on 127.0.0.1 only on a free port, the command run with
// DATABASE_URL=postgres://postgres@127.0.0.1:PORT/rolegate. The cluster is stopped and its
// directory removed afterwards, whatever the command's outcome (also on Ctrl-C). PostgreSQL
// refuses to run as root: as root, the cluster runs as the `postgres` user (runuser).
//
//   node scripts/with-postgres.mjs node --test tests/js/server.test.mjs
//
// Exits with the command's exit code.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fail = (message) => {
  console.error(`with-postgres: ${message}`);
  process.exit(1);
};

/** The newest PostgreSQL's bin directory under /usr/lib/postgresql, installing the package if needed. */
function binaries() {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return null;
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    return versions.length ? join(root, versions[0], 'bin') : null;
  };
  let bin = find();
  if (!bin && process.getuid?.() === 0) {
    console.log('with-postgres: installing Debian\'s postgresql package (once)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
    bin = find();
  }
  if (!bin) fail('no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const command = process.argv.slice(2);
if (command.length === 0) fail('usage: node scripts/with-postgres.mjs <command> [args…]');

const bin = binaries();
const root = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-pg-'));
const data = join(dir, 'data');
let uid;
let gid;
if (root) {
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    uid = id('-u');
    gid = id('-g');
  } catch {
    fail('running as root, but there is no `postgres` user to run the cluster as');
  }
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
}
/** Runs a PostgreSQL program (as `postgres` when root). */
const pg = (program, args, options = {}) => {
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  return spawnSync(file, argv, { encoding: 'utf8', ...options });
};

let started = false;
function cleanUp() {
  if (started) pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  started = false;
  rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

try {
  const init = pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) fail(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=on -c max_connections=100`;
  const start = pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  if (start.status !== 0) fail(`pg_ctl start failed: ${start.stderr || start.stdout}`);
  started = true;
  const create = pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'rolegate']);
  if (create.status !== 0) fail(`createdb failed: ${create.stderr}`);
  const url = `postgres://postgres@127.0.0.1:${port}/rolegate`;
  console.log(`with-postgres: PostgreSQL (${bin}) on 127.0.0.1:${port}, data in ${data}`);
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  cleanUp();
  process.exit(code);
} catch (error) {
  cleanUp();
  fail(error.message);
}
