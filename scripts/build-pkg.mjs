#!/usr/bin/env node
// Builds pkg/, the npm package `rolegate`, from the three wasm modules cargo built and the JS
// sources in js/: `node scripts/build-pkg.mjs LEAN.wasm FULL.wasm NODE.wasm CLI.wasm` (run by
// `make pkg`; CLI.wasm is the command-line tool built for WASI, `npx rolegate`).
// The lean module (decisions) is the browser's default, `rolegate/web`; the full one (feature
// `wasm-admin`: administration, the matrix, the linter too) is `rolegate/web/full`; the Node one
// adds what a browser need not download (features `wasm-text`: policy text read as natively, and
// `wasm-snapshot`: the built-ins loaded compiled, for the cold start). Prints the optimized
// browser modules' sizes and writes them to target/size.json (a build record, not shipped).

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const [lean, full, node, cli] = process.argv.slice(2).map((path) => join(root, path));
if (!lean || !full || !node || !cli) {
  console.error('usage: node scripts/build-pkg.mjs LEAN.wasm FULL.wasm NODE.wasm CLI.wasm (`make pkg` builds them)');
  process.exit(2);
}
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
// Rust >= 1.87 emits bulk-memory and nontrapping-float-to-int; wasm-opt must accept them.
// --low-memory-unused lets binaryen fold constant offsets into loads: it is sound here because
// Rust places the data at 1 MiB with the stack below it, growing down, and the module's
// recursion is bounded (JSON nesting is limited to 128), so the lowest 1 KiB is never touched.
// -ocimfs 15: binaryen inlines every function that has one caller, whatever its size; the giant
// functions that makes (all of a document's serde code in one) compress worse. Inlining only
// those of up to 15 bytes makes the modules 1 % larger and their gzip 7–9 % smaller (50 bytes,
// the earlier setting, gave 1.6 KB gzip more of the lean module once approval processes came).
// With time-bound assignments, 16 and -aimfs 4 (inlining functions of up to 4 bytes always, not
// 2) were 178 bytes gzip less of the lean module than 15 and 2, and 46 less of the full one.
const WASM_OPT_FLAGS = ['-Oz', '--converge', '-ocimfs', '16', '-aimfs', '4', '--low-memory-unused', '--enable-bulk-memory', '--enable-nontrapping-float-to-int'];

// Functions no input can reach, replaced by `unreachable` with wasm-snip (the Rust and
// WebAssembly book's tool for exactly this) before wasm-bindgen: core's float formatting, which
// only serde's `Unexpected::Float` (the message of a float where something else was expected)
// links. Every document is read from JSON data by a visitor that takes every kind of value
// (`src/read/value.rs`), so no deserializer ever reports an unexpected float; and serde_json
// writes its own floats (zmij). 6 KB gzip of each module. If one were ever reached, the module
// traps, which the package reports as a `RolegateError` with code `internal`: it never decides.
const SNIPPED = ['f64 as core.*fmt::(Display|Debug)', 'float_to_decimal', 'float_to_exponential'];

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
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
// for the browser's default build, the full one for `rolegate/web/full`, the Node one, which Node
// instantiates synchronously (`initSync`, js/node.js).
for (const [input, name] of [
  [lean, 'rolegate_wasm'],
  [full, 'rolegate_full_wasm'],
  [node, 'rolegate_node_wasm'],
]) {
  const snipped = join(staged, `${name}.snipped.wasm`);
  run('wasm-snip', [input, '-o', snipped, ...SNIPPED.flatMap((pattern) => ['-p', pattern])]);
  run('wasm-bindgen', ['--target', 'web', '--out-dir', staged, '--out-name', name, '--no-typescript', snipped]);
  const wasm = join(staged, `${name}_bg.wasm`);
  run(wasmOpt, [...WASM_OPT_FLAGS, wasm, '-o', wasm]);
}
mkdirSync(join(pkg, 'node'));
mkdirSync(join(pkg, 'web'));
cpSync(join(staged, 'rolegate_wasm_bg.wasm'), join(pkg, 'web/rolegate_wasm_bg.wasm'));
cpSync(join(staged, 'rolegate_full_wasm_bg.wasm'), join(pkg, 'web/rolegate_full_wasm_bg.wasm'));
cpSync(join(staged, 'rolegate_node_wasm_bg.wasm'), join(pkg, 'node/rolegate_wasm_bg.wasm'));

// The built-in policies: for the browser builds, each document's JSON text (a JS string, which
// compresses as text does), which they compile on load; for Node, each compiled
// (`PolicyEngine::snapshot`, base64), which the Node module reads with `WasmEngine.fromSnapshot`
// without the JSON reader, the validator and the compiler (most of a cold start).
const bindings = await import(pathToFileURL(join(staged, 'rolegate_node_wasm.js')).href);
bindings.initSync({ module: readFileSync(join(staged, 'rolegate_node_wasm_bg.wasm')) });
const { WasmEngine } = bindings;
const documents = {};
const snapshots = {};
for (const name of ['mytrumpf', 'platform']) {
  const engine = new WasmEngine(readFileSync(join(root, `policies/${name}.json`), 'utf8'));
  documents[name] = { doc: JSON.stringify(engine.policy()) };
  snapshots[name] = { snapshot: Buffer.from(engine.snapshot()).toString('base64') };
  engine.free();
}
for (const [file, builtins, what] of [
  ['builtins.js', documents, "their documents' JSON text"],
  ['builtins-compiled.js', snapshots, 'compiled (PolicyEngine::snapshot, base64)'],
]) {
  writeFileSync(
    join(staged, file),
    `// Generated by scripts/build-pkg.mjs from policies/*.json: the built-in policies, ${what}.
export const BUILTINS = ${JSON.stringify(builtins)};
`,
  );
}

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
  // Lines and names kept (an uncaught error's stack names the package's functions, line by
  // line), with a source map of js/ for `node --enable-source-maps`.
  minifySyntax: true,
  sourcemap: true,
  outfile: join(pkg, 'node/rolegate.mjs'),
  logLevel: 'warning',
});
cpSync(join(root, 'js/node-version.cjs'), join(pkg, 'node/node-version.cjs'));
writeFileSync(
  join(pkg, 'node/rolegate.cjs'),
  `// CommonJS entry for Node: the ES module's one instance (require() of an ES module, Node >= 20.19).
require('./node-version.cjs');
module.exports = require('./rolegate.mjs');
`,
);

// Browser: plain ES modules, no bundler needed.
// The browser entries, each one self-contained ES module (the API, the fast path, the error
// classes, the bindings and the built-in policies): a page's first decision waits for one script
// request and the .wasm, not for a graph of modules fetched one level after the other (in a
// fresh browser context each level costs a round trip). A page uses one of the two builds.
// The bundlers' entries (the `default` conditions of `rolegate` and `rolegate/full`) carry the
// lean module and the full one in themselves: gzip'd, base64, unpacked by the browser
// (js/inline.js).
for (const name of ['rolegate_wasm', 'rolegate_full_wasm']) {
  writeFileSync(
    join(staged, `${name}_inline.js`),
    `export const MODULE_GZIP_BASE64 = '${gzipSync(readFileSync(join(staged, `${name}_bg.wasm`)), { level: 9 }).toString('base64')}';\n`,
  );
}
for (const [entry, out] of [
  ['web.js', 'rolegate.js'],
  ['web-full.js', 'rolegate_full.js'],
  ['auto.js', 'auto.js'],
  ['auto-full.js', 'auto-full.js'],
]) {
  await esbuild.build({
    entryPoints: [join(staged, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // For the browser's developer tools and bundlers: the sources in js/, beside the file.
    sourcemap: true,
    outfile: join(pkg, 'web', out),
    logLevel: 'warning',
  });
}

// Neither the bundlers' entry (the module is inside) nor Node's (it reads the module itself) uses
// the bindings' default URL of the module: without it, a bundler (webpack in Next.js's server
// build, say) sees no asset that does not exist beside the file.
for (const [file, wasmName] of [
  ['web/auto.js', 'rolegate_wasm_bg.wasm'],
  ['web/auto-full.js', 'rolegate_full_wasm_bg.wasm'],
  ['node/rolegate.mjs', 'rolegate_node_wasm_bg.wasm'],
]) {
  const code = readFileSync(join(pkg, file), 'utf8');
  const defaultUrl = new RegExp(`new URL\\(\\s*"${wasmName.replaceAll('.', '\\.')}",\\s*import\\.meta\\.url\\s*\\)`, 'g');
  if ((code.match(defaultUrl) ?? []).length !== 1) throw new Error(`${file}: expected the bindings' default URL once (${defaultUrl})`);
  writeFileSync(join(pkg, file), code.replace(defaultUrl, 'void 0'));
}

// Helpers: rolegate/dom (browser ES module), rolegate/react (an ES module importing the app's
// React) and rolegate/express (Node, both module systems).
cpSync(join(root, 'js/dom.js'), join(pkg, 'dom.js'));
cpSync(join(root, 'js/react.js'), join(pkg, 'react.js'));
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
// The browser builds' own: the lean engine (`rolegate` for bundlers, `rolegate/web`) has no
// administration, the full one (`rolegate/full` for bundlers, `rolegate/web/full`) has; neither
// has Node's own methods. A call a build does not have does not compile.
cpSync(join(root, 'js/lean.d.ts'), join(pkg, 'lean.d.ts'));
cpSync(join(root, 'js/full.d.ts'), join(pkg, 'full.d.ts'));
cpSync(join(root, 'js/web.d.ts'), join(pkg, 'web/rolegate.d.ts'));
cpSync(join(root, 'js/web-full.d.ts'), join(pkg, 'web/rolegate_full.d.ts'));
// The same types where TypeScript's node10 resolution looks for them (no `exports` there): as
// web/full.d.ts for `rolegate/web/full` (full.d.ts is already where `rolegate/full` looks).
cpSync(join(root, 'js/web-full.d.ts'), join(pkg, 'web/full.d.ts'));
cpSync(join(root, 'js/dom.d.ts'), join(pkg, 'dom.d.ts'));
cpSync(join(root, 'js/react.d.ts'), join(pkg, 'react.d.ts'));
cpSync(join(root, 'js/express.d.ts'), join(pkg, 'express.d.ts'));
cpSync(join(root, 'js/express.d.ts'), join(pkg, 'express.d.cts'));
cpSync(join(root, 'js/README.md'), join(pkg, 'README.md'));
// The documents' JSON Schemas (`rolegate schema NAME`, derived from the Rust types), for editors
// and validators: `rolegate/schema/policy.json`, `organization.json`, `operation.json`.
cpSync(join(root, 'schema'), join(pkg, 'schema'), { recursive: true });
// Both licence texts of "MIT OR Apache-2.0".
cpSync(join(root, 'LICENSE-MIT'), join(pkg, 'LICENSE-MIT'));
cpSync(join(root, 'LICENSE-APACHE'), join(pkg, 'LICENSE-APACHE'));

// `npx rolegate`: the CLI (src/bin/rolegate) built for WASI, and the launcher that runs it in
// Node (js/cli.mjs). wasm-opt shrinks it as the other modules (it is downloaded with the package).
mkdirSync(join(pkg, 'bin'));
run(wasmOpt, [cli, '-o', join(pkg, 'bin/rolegate.wasm'), ...WASM_OPT_FLAGS]);
cpSync(join(root, 'js/cli.mjs'), join(pkg, 'bin/rolegate.mjs'));
cpSync(join(root, 'js/node-version.cjs'), join(pkg, 'bin/node-version.cjs'));

writeFileSync(
  join(pkg, 'package.json'),
  `${JSON.stringify(
    {
      name: 'rolegate',
      version,
      description: 'Role and permission engine for B2B portals: the same decisions in the browser, in Node and in Rust, explained in English and German.',
      license: 'MIT OR Apache-2.0',
      keywords: ['authorization', 'permissions', 'rbac', 'roles', 'access-control', 'approval', 'b2b', 'policy', 'webassembly', 'wasm'],
      homepage: 'https://github.com/rolegate/rolegate#readme',
      repository: { type: 'git', url: 'git+https://github.com/rolegate/rolegate.git' },
      bugs: { url: 'https://github.com/rolegate/rolegate/issues' },
      type: 'module',
      bin: { rolegate: './bin/rolegate.mjs' },
      main: './node/rolegate.cjs',
      types: './rolegate.d.ts',
      exports: {
        // Node takes its own build; every other resolver (Vite, webpack, esbuild, Rollup,
        // TypeScript's bundler resolution) the browser entry with the module inside.
        '.': {
          node: {
            import: { types: './rolegate.d.ts', default: './node/rolegate.mjs' },
            require: { types: './rolegate.d.cts', default: './node/rolegate.cjs' },
          },
          types: './lean.d.ts',
          default: './web/auto.js',
        },
        // The same with administration, the matrix and the lists: in Node, Node's build (which
        // has everything); elsewhere the full browser build with its module inside.
        './full': {
          node: {
            import: { types: './rolegate.d.ts', default: './node/rolegate.mjs' },
            require: { types: './rolegate.d.cts', default: './node/rolegate.cjs' },
          },
          types: './full.d.ts',
          default: './web/auto-full.js',
        },
        './web': { types: './web/rolegate.d.ts', default: './web/rolegate.js' },
        './web/rolegate.js': { types: './web/rolegate.d.ts', default: './web/rolegate.js' },
        './web/full': { types: './web/rolegate_full.d.ts', default: './web/rolegate_full.js' },
        './web/rolegate_full.js': { types: './web/rolegate_full.d.ts', default: './web/rolegate_full.js' },
        './dom': { types: './dom.d.ts', default: './dom.js' },
        './react': { types: './react.d.ts', default: './react.js' },
        './express': {
          import: { types: './express.d.ts', default: './express.mjs' },
          require: { types: './express.d.cts', default: './express.cjs' },
        },
        './schema/*.json': './schema/*.json',
        './package.json': './package.json',
      },
      engines: { node: '>=20.19' },
      // rolegate/react only: the app's own React.
      peerDependencies: { react: '>=18' },
      peerDependenciesMeta: { react: { optional: true } },
    },
    null,
    2,
  )}\n`,
);

// The size of what a browser downloads (KB = 1024 bytes; gzip at level 9, Node's zlib), and the
// budgets: the lean module, which every gated page loads, and the full one with administration.
// (The Node module is reported too; Node reads it from disk, so it has no budget.)
const BUDGET = { gzip: 100 * 1024, full: { gzip: 150 * 1024 } };
function measure(file) {
  const bytes = readFileSync(join(pkg, 'web', file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
const size = {
  ...measure('rolegate_wasm_bg.wasm'),
  budget: BUDGET,
  full: measure('rolegate_full_wasm_bg.wasm'),
  node: measure('../node/rolegate_wasm_bg.wasm'),
  // The bundlers' entry, code and lean module in one file (no budget of its own: it is the lean
  // module plus what `rolegate/web` also loads).
  bundlerEntry: measure('auto.js'),
  // `rolegate/full`'s, with the full module.
  bundlerEntryFull: measure('auto-full.js'),
  profile: 'wasm-release: opt-level "z", lto, codegen-units 1, panic abort',
  wasmOpt: WASM_OPT_FLAGS.join(' '),
};
size.cli = { raw: readFileSync(join(pkg, 'bin/rolegate.wasm')).length, gzip: gzipSync(readFileSync(join(pkg, 'bin/rolegate.wasm')), { level: 9 }).length };
writeFileSync(join(root, 'target/size.json'), `${JSON.stringify(size, null, 2)}\n`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const line = ({ raw, gzip }) => `${kb(raw)} raw (${raw} bytes), ${kb(gzip)} gzip (${gzip} bytes)`;
console.log(`pkg/: rolegate ${version}`);
console.log(`  web/rolegate_wasm_bg.wasm (lean)      ${line(size)}; budget ${kb(BUDGET.gzip)} gzip`);
console.log(`  web/rolegate_full_wasm_bg.wasm (full) ${line(size.full)}; budget ${kb(BUDGET.full.gzip)} gzip`);
console.log(`  node/rolegate_wasm_bg.wasm (Node)     ${line(size.node)}`);
console.log(`  web/auto.js (bundlers' entry, module inside) ${line(size.bundlerEntry)}`);
console.log(`  web/auto-full.js (rolegate/full's, module inside) ${line(size.bundlerEntryFull)}`);
console.log(`  bin/rolegate.wasm (the CLI, WASI)     ${line(size.cli)}`);
