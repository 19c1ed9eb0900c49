// The package as a package: the tarball `npm pack` made of pkg/ (`make examples` packs it into
// target/pack), installed into a fresh project outside the repository as a user installs it.
// publint and @arethetypeswrong/cli pass on it; it ships its licences and no build records; and
// `npx rolegate …` (the CLI built for WASI, run by Node) prints exactly what the native CLI prints,
// with the same exit status, on the README's console examples and on the vectors' inputs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cli, root, vectors } from './helpers.mjs';

const packs = join(root, 'target/pack');
const tarball = join(packs, readdirSync(packs).find((f) => /^rolegate-.*\.tgz$/.test(f)));
let project;

before(() => {
  project = mkdtempSync(join(tmpdir(), 'rolegate-npm-'));
  writeFileSync(join(project, 'package.json'), '{ "name": "new-user", "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  // The inputs the commands read, by the same relative paths as in the repository.
  for (const dir of ['examples/policy', 'examples/org', 'policies', 'tests/vectors']) cpSync(join(root, dir), join(project, dir), { recursive: true });
});
after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const bin = (...names) => join(root, 'node_modules/.bin', ...names);

test('publint and @arethetypeswrong/cli pass on the packed tarball', () => {
  const lint = spawnSync(bin('publint'), [tarball, '--strict'], { encoding: 'utf8' });
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  // rolegate/web, /dom and /react are ES modules only: CommonJS reaches them with require() of an
  // ES module (Node 20.19, the package's floor) or import(), which attw reports as a warning.
  const types = spawnSync(bin('attw'), [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii'], { encoding: 'utf8' });
  assert.equal(types.status, 0, types.stdout + types.stderr);
});

test('what the tarball holds: both licence texts, the CLI, source maps; no build records', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  for (const file of ['LICENSE-MIT', 'LICENSE-APACHE', 'README.md', 'bin/rolegate.mjs', 'bin/rolegate.wasm', 'node/rolegate.mjs.map', 'web/rolegate.js.map', 'web/auto.js.map', 'schema/policy.json', 'schema/organization.json', 'schema/operation.json']) {
    assert.ok(files.includes(file), `${file} is shipped`);
  }
  assert.ok(!files.some((f) => f.endsWith('size.json')), 'no size.json');
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/rolegate/package.json'), 'utf8'));
  for (const key of ['repository', 'homepage', 'bugs', 'keywords', 'bin', 'license', 'engines']) assert.ok(manifest[key], `package.json has ${key}`);
  assert.deepEqual(manifest.bin, { rolegate: './bin/rolegate.mjs' });
  assert.match(readFileSync(join(project, 'node_modules/rolegate/README.md'), 'utf8'), /github\.com\/rolegate\/rolegate#readme/);
  assert.match(readFileSync(join(project, 'node_modules/rolegate/LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0/);
});

test('below Node 20.19, the package and the CLI say so in words', () => {
  const old = "Object.defineProperty(process.versions, 'node', { value: '20.11.1' });";
  for (const [how, code] of [['import', `${old} await import('rolegate');`], ['require', `${old} require('rolegate');`], ['the CLI', `${old} await import('./node_modules/rolegate/bin/rolegate.mjs');`]]) {
    const run = spawnSync(process.execPath, [how === 'require' ? '--input-type=commonjs' : '--input-type=module', '-e', code], { cwd: project, encoding: 'utf8' });
    assert.notEqual(run.status, 0, how);
    assert.match(run.stderr, /rolegate needs Node 20\.19 or later \(this is Node 20\.11\.1\)/, how);
    assert.doesNotMatch(run.stderr, /getBuiltinModule is not a function|ERR_REQUIRE_ESM/, how);
  }
});

/** One command, natively and through `npx rolegate`, both in the new project. */
function both(args, input) {
  const options = { cwd: project, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } };
  const native = spawnSync(cli, args, options);
  const npm = spawnSync(join(project, 'node_modules/.bin/rolegate'), args, options);
  return { native, npm };
}

function same(args, input) {
  const { native, npm } = both(args, input);
  const what = `rolegate ${args.join(' ')}`;
  assert.equal(npm.stdout, native.stdout, `${what}: stdout`);
  assert.equal(npm.stderr, native.stderr, `${what}: stderr`);
  assert.equal(npm.status, native.status, `${what}: exit status`);
  return native.status;
}

/** The README's console examples, as tests/readme.rs runs them. */
function consoleExamples() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```console\n\$ rolegate ([^\n]*)\n/g)].map((m) => m[1].split(/\s+/));
}

test('npx rolegate: the exact output and exit status of the native CLI, on the README console examples and the vectors', () => {
  const statuses = new Map();
  const count = (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const examples = consoleExamples();
  assert.ok(examples.length >= 8, `${examples.length} console examples`);
  for (const args of examples) count(same(args));

  // Every policy the repository has, through every policy command, in both languages.
  const policies = ['mytrumpf', 'platform', 'examples/policy/shop.json', 'policies/mytrumpf.json'];
  for (const policy of policies) {
    count(same(['matrix', '--policy', policy]));
    count(same(['matrix', '--policy', policy, '--format', 'json', '--lang', 'de']));
    count(same(['types', '--policy', policy]));
  }
  count(same(['validate', 'examples/policy/shop.json', 'policies/platform.json']));
  count(same(['lint', 'examples/policy/shop.json']));
  // The invalid policies of the vectors: every problem, exit 1.
  vectors('invalid_policies.json').cases.forEach((c, i) => {
    const file = `invalid-${i}.json`;
    writeFileSync(join(project, file), c.policyText ?? JSON.stringify(c.policy));
    count(same(['validate', file]));
  });
  // Every decision vector at once, and plans.
  for (const [name, policy] of [['decisions_mytrumpf.json', 'mytrumpf'], ['decisions_platform.json', 'platform']]) {
    const cases = vectors(name).cases.map(({ subject, action, resource }) => ({ subject, action, ...(resource ? { resource } : {}) }));
    writeFileSync(join(project, `${policy}-cases.json`), JSON.stringify(cases));
    count(same(['decide', '--policy', policy, `${policy}-cases.json`]));
  }
  const plans = vectors('plans.json').cases.filter((c) => c.policy === 'mytrumpf').map(({ subject, action }) => ({ subject, action }));
  writeFileSync(join(project, 'plan-cases.json'), JSON.stringify(plans));
  count(same(['plan', '--policy', 'mytrumpf', '--cases', 'plan-cases.json']));
  // Explanations, who-can, an operation from stdin, and the refusals.
  count(same(['explain', '--policy', 'mytrumpf', '--roles', 'operator', '--lang', 'de', 'eshop.order.place']));
  count(same(['who-can', '--policy', 'mytrumpf', '--org', 'examples/org/acme.json', 'eshop.order.release']));
  count(same(['apply', '--policy', 'mytrumpf', '--org', 'examples/org/acme.json', '--actor', 'anna', '--now', '2026-11-22T12:00:00Z', '-'], readFileSync(join(root, 'examples/org/remove-anna.json'), 'utf8')));
  count(same(['explain', '--policy', 'no-such-policy.json', 'x']));
  count(same(['validate', 'missing.json']));
  count(same(['frobnicate']));
  count(same([]));
  count(same(['--help']));
  count(same(['decide', '--help']));
  count(same(['--version']));
  // The commands reached every exit status they have: 0, 1 (a finding, a refusal) and 2 (bad input, usage).
  for (const status of [0, 1, 2]) assert.ok(statuses.get(status) > 0, `exit ${status}: ${[...statuses]}`);
});

test('the JSON Schemas, from the project: `rolegate/schema/NAME.json` resolves, and `npx rolegate schema NAME` prints the same file', () => {
  for (const name of ['policy', 'organization', 'operation']) {
    const resolved = spawnSync(process.execPath, ['--input-type=module', '-e', `import { createRequire } from 'node:module'; process.stdout.write(createRequire(process.cwd() + '/x.js').resolve('rolegate/schema/${name}.json'))`], { cwd: project, encoding: 'utf8' });
    assert.equal(resolved.status, 0, resolved.stderr);
    const file = readFileSync(resolved.stdout, 'utf8');
    assert.equal(JSON.parse(file).$id, `https://rolegate.dev/schema/${name}.json`);
    assert.equal(file, readFileSync(join(root, 'schema', `${name}.json`), 'utf8'), `${name}: the repository's file`);
    same(['schema', name]);
    assert.equal(both(['schema', name]).npm.stdout, file, `npx rolegate schema ${name}`);
  }
});

test('`npx rolegate` itself, from the project, and `rolegate types` for typed ids without a Rust toolchain', () => {
  const run = spawnSync('npx', ['--no-install', 'rolegate', 'types', '--policy', 'examples/policy/shop.json'], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '', 'no experimental-feature warning of node:wasi');
  assert.equal(run.stdout, spawnSync(cli, ['types', '--policy', 'examples/policy/shop.json'], { cwd: project, encoding: 'utf8' }).stdout);
  assert.match(run.stdout, /export interface \w+Ids/);
});
