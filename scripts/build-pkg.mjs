#!/usr/bin/env node
// Builds pkg/, the npm package `rolegate`, from the two wasm modules cargo built and the JS
// sources in js/: `node scripts/build-pkg.mjs LEAN.wasm FULL.wasm` (run by `make pkg`). The lean
// module (decisions only) is the browser's default, `rolegate/web`; the full one (with the
// `wasm-admin` feature: administration too) serves Node and `rolegate/web/full`. Prints the
// optimized modules' sizes and writes them to pkg/size.json.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const [lean, full] = process.argv.slice(2).map((path) => join(root, path));
if (!lean || !full) {
  console.error('usage: node scripts/build-pkg.mjs LEAN.wasm FULL.wasm (`make pkg` builds both)');
  process.exit(2);
}
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
// Rust >= 1.87 emits bulk-memory and nontrapping-float-to-int; wasm-opt must accept them.
// --low-memory-unused lets binaryen fold constant offsets into loads: it is sound here because
// Rust places the data at 1 MiB with the stack below it, growing down, and the module's
// recursion is bounded (JSON nesting is limited to 128), so the lowest 1 KiB is never touched.
const WASM_OPT_FLAGS = ['-Oz', '--converge', '--low-memory-unused', '--enable-bulk-memory', '--enable-nontrapping-float-to-int'];

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * A snapshot (src/engine/snapshot.rs: magic, version, string count, the strings' lengths, their
 * text, the body) as `{ head, text, body }`: the bytes before the text and after it as base64,
 * the text itself as a string.
 */
function snapshotPieces(bytes) {
  let at = 4;
  const leb = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      n += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return n;
    }
  };
  const versionLength = leb(); // (read before `at` is: leb() moves it)
  at += versionLength;
  let total = 0;
  for (let count = leb(); count > 0; count--) total += leb();
  const text = bytes.subarray(at, at + total).toString('utf8');
  return { head: bytes.subarray(0, at).toString('base64'), text, body: bytes.subarray(at + total).toString('base64') };
}

function cargoVersion() {
  const manifest = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const pinned = /wasm-bindgen = "=([0-9.]+)"/.exec(manifest)?.[1];
  const version = /^version = "([^"]+)"/m.exec(manifest)?.[1];
  return { pinned, version };
}

const { pinned, version } = cargoVersion();
const installed = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1];
if (installed !== pinned) {
  console.error(`wasm-bindgen ${installed} is installed, but Cargo.toml pins ${pinned}: run \`make pkg\`, which installs it`);
  process.exit(1);
}

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);

// The JS sources, staged; the module of the built-in policies is written below, once the
// bindings exist to compile them.
const staged = join(root, 'target/pkg-js');
rmSync(staged, { recursive: true, force: true });
cpSync(join(root, 'js'), staged, { recursive: true });

// The wasm modules with their JS bindings (wasm-bindgen's `web` target, ES modules): the lean one
// for the browser's default build, the full one for Node and `rolegate/web/full`. Node
// instantiates the full one synchronously (`initSync`, js/node.js).
for (const [input, name] of [
  [lean, 'rolegate_wasm'],
  [full, 'rolegate_full_wasm'],
]) {
  run('wasm-bindgen', ['--target', 'web', '--out-dir', staged, '--out-name', name, '--no-typescript', input]);
  const wasm = join(staged, `${name}_bg.wasm`);
  run(wasmOpt, [...WASM_OPT_FLAGS, wasm, '-o', wasm]);
}
mkdirSync(join(pkg, 'node'));
mkdirSync(join(pkg, 'web'));
cpSync(join(staged, 'rolegate_wasm_bg.wasm'), join(pkg, 'web/rolegate_wasm_bg.wasm'));
cpSync(join(staged, 'rolegate_full_wasm_bg.wasm'), join(pkg, 'web/rolegate_full_wasm_bg.wasm'));
cpSync(join(staged, 'rolegate_full_wasm_bg.wasm'), join(pkg, 'node/rolegate_wasm_bg.wasm'));

// The built-in policies, compiled (`PolicyEngine::snapshot`) by the Node module just made: the
// package loads them with `WasmEngine.fromSnapshotParts`, which runs neither the JSON parser nor the
// validator (most of a cold start). Each snapshot travels in three pieces: its head and its body
// as base64, and its string table's text as a JS string, which compresses as text does (both
// built-ins: 7 KB gzip, against 5 KB as JSON; the base64 is most of the difference).
const bindings = await import(pathToFileURL(join(staged, 'rolegate_full_wasm.js')).href);
bindings.initSync({ module: readFileSync(join(staged, 'rolegate_full_wasm_bg.wasm')) });
const { WasmEngine } = bindings;
const builtins = Object.fromEntries(
  ['mytrumpf', 'platform'].map((name) => {
    const engine = new WasmEngine(readFileSync(join(root, `policies/${name}.json`), 'utf8'));
    const bytes = Buffer.from(engine.snapshot());
    engine.free();
    return [name, snapshotPieces(bytes)];
  }),
);
writeFileSync(
  join(staged, 'builtins.js'),
  `// Generated by scripts/build-pkg.mjs from policies/*.json: the built-in policies, compiled
// (PolicyEngine::snapshot's bytes, cut around the text of their strings).
export const BUILTINS = ${JSON.stringify(builtins)};
`,
);

// Node: one minified ES module (the API, the bindings, the built-ins) beside the .wasm it reads,
// and a CommonJS entry that requires it (Node ≥ 20.19 requires ES modules), so that both module
// systems share one instance. ES module loading, one file and no name-keeping helpers are each a
// part of the cold start.
await esbuild.build({
  entryPoints: [join(staged, 'node.js')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  outfile: join(pkg, 'node/rolegate.mjs'),
  logLevel: 'warning',
});
writeFileSync(
  join(pkg, 'node/rolegate.cjs'),
  "// CommonJS entry for Node: the ES module's one instance (require() of an ES module, Node >= 20.19).\nmodule.exports = require('./rolegate.mjs');\n",
);

// Browser: plain ES modules, no bundler needed.
// The browser entries, each one self-contained ES module (the API, the fast path, the error
// classes, the bindings and the built-in policies): a page's first decision waits for one script
// request and the .wasm, not for a graph of modules fetched one level after the other (in a
// fresh browser context each level costs a round trip). A page uses one of the two builds.
for (const [entry, out] of [
  ['web.js', 'rolegate.js'],
  ['web-full.js', 'rolegate_full.js'],
]) {
  await esbuild.build({
    entryPoints: [join(staged, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: join(pkg, 'web', out),
    logLevel: 'warning',
  });
}

// Helpers: rolegate/dom (browser ES module) and rolegate/express (Node, both module systems).
cpSync(join(root, 'js/dom.js'), join(pkg, 'dom.js'));
cpSync(join(root, 'js/express.js'), join(pkg, 'express.mjs'));
await esbuild.build({
  entryPoints: [join(root, 'js/express.js')],
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: join(pkg, 'express.cjs'),
  logLevel: 'warning',
});

// Types: one declaration file per entry; the CommonJS entries get .d.cts twins.
cpSync(join(root, 'js/rolegate.d.ts'), join(pkg, 'rolegate.d.ts'));
cpSync(join(root, 'js/rolegate.d.ts'), join(pkg, 'rolegate.d.cts'));
cpSync(join(root, 'js/web.d.ts'), join(pkg, 'web/rolegate.d.ts'));
cpSync(join(root, 'js/dom.d.ts'), join(pkg, 'dom.d.ts'));
cpSync(join(root, 'js/express.d.ts'), join(pkg, 'express.d.ts'));
cpSync(join(root, 'js/express.d.ts'), join(pkg, 'express.d.cts'));
cpSync(join(root, 'js/README.md'), join(pkg, 'README.md'));

writeFileSync(
  join(pkg, 'package.json'),
  `${JSON.stringify(
    {
      name: 'rolegate',
      version,
      description: 'Role and permission engine for B2B portals: the same decisions in the browser, in Node and in Rust, explained in English and German.',
      license: 'MIT OR Apache-2.0',
      type: 'module',
      main: './node/rolegate.cjs',
      types: './rolegate.d.ts',
      exports: {
        '.': {
          import: { types: './rolegate.d.ts', default: './node/rolegate.mjs' },
          require: { types: './rolegate.d.cts', default: './node/rolegate.cjs' },
        },
        './web': { types: './web/rolegate.d.ts', default: './web/rolegate.js' },
        './web/rolegate.js': { types: './web/rolegate.d.ts', default: './web/rolegate.js' },
        './web/full': { types: './web/rolegate.d.ts', default: './web/rolegate_full.js' },
        './web/rolegate_full.js': { types: './web/rolegate.d.ts', default: './web/rolegate_full.js' },
        './dom': { types: './dom.d.ts', default: './dom.js' },
        './express': {
          import: { types: './express.d.ts', default: './express.mjs' },
          require: { types: './express.d.cts', default: './express.cjs' },
        },
        './package.json': './package.json',
      },
      engines: { node: '>=20.19' },
    },
    null,
    2,
  )}\n`,
);

// The size of what a browser downloads (KB = 1024 bytes; gzip at level 9, Node's zlib). The
// budget holds for the lean module, which every gated page loads; the full one is reported.
const BUDGET = { raw: 150 * 1024, gzip: 60 * 1024 };
function measure(file) {
  const bytes = readFileSync(join(pkg, 'web', file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
const size = {
  ...measure('rolegate_wasm_bg.wasm'),
  budget: BUDGET,
  full: measure('rolegate_full_wasm_bg.wasm'),
  profile: 'wasm-release: opt-level "z", lto, codegen-units 1, panic abort',
  wasmOpt: WASM_OPT_FLAGS.join(' '),
};
writeFileSync(join(pkg, 'size.json'), `${JSON.stringify(size, null, 2)}\n`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const line = ({ raw, gzip }) => `${kb(raw)} raw (${raw} bytes), ${kb(gzip)} gzip (${gzip} bytes)`;
console.log(`pkg/: rolegate ${version}`);
console.log(`  web/rolegate_wasm_bg.wasm (lean)      ${line(size)}; budget ${kb(BUDGET.raw)} raw, ${kb(BUDGET.gzip)} gzip`);
console.log(`  web/rolegate_full_wasm_bg.wasm (full) ${line(size.full)}`);
