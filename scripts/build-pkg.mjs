#!/usr/bin/env node
// Builds pkg/, the npm package `rolegate`, from the wasm module cargo built
// (target/wasm32-unknown-unknown/wasm-release/rolegate.wasm) and the JS sources in js/.
// Run by `make pkg`; prints the optimized .wasm size and writes it to pkg/size.json.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const input = join(root, 'target/wasm32-unknown-unknown/wasm-release/rolegate.wasm');
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
// Rust >= 1.87 emits these features; wasm-opt must accept them.
const WASM_OPT_FLAGS = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int'];

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

// The wasm module with its JS bindings, for Node (CommonJS, loads synchronously) and the web.
for (const [target, dir] of [['nodejs', 'node'], ['web', 'web']]) {
  const out = join(pkg, dir);
  run('wasm-bindgen', ['--target', target, '--out-dir', out, '--out-name', 'rolegate_wasm', '--no-typescript', input]);
  const wasm = join(out, 'rolegate_wasm_bg.wasm');
  run(wasmOpt, [...WASM_OPT_FLAGS, wasm, '-o', wasm]);
}
renameSync(join(pkg, 'node/rolegate_wasm.js'), join(pkg, 'node/rolegate_wasm.cjs'));

// Node: the API bundled as CommonJS around the bindings, and an ES module over the same instance.
await esbuild.build({
  entryPoints: [join(root, 'js/node.js')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  external: ['./rolegate_wasm.cjs'],
  outfile: join(pkg, 'node/rolegate.cjs'),
  logLevel: 'warning',
});
const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'node/rolegate.cjs'))).filter((n) => n !== 'default');
writeFileSync(
  join(pkg, 'node/rolegate.mjs'),
  `// ES module entry for Node: the same instance as the CommonJS entry.\nimport api from './rolegate.cjs';\n\nexport const { ${names.join(', ')} } = api;\nexport default api;\n`,
);

// Browser: plain ES modules, no bundler needed.
cpSync(join(root, 'js/web.js'), join(pkg, 'web/rolegate.js'));
cpSync(join(root, 'js/api.js'), join(pkg, 'web/api.js'));
cpSync(join(root, 'js/errors.js'), join(pkg, 'web/errors.js'));

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
        './dom': { types: './dom.d.ts', default: './dom.js' },
        './express': {
          import: { types: './express.d.ts', default: './express.mjs' },
          require: { types: './express.d.cts', default: './express.cjs' },
        },
        './package.json': './package.json',
      },
      engines: { node: '>=18' },
    },
    null,
    2,
  )}\n`,
);

// The size of what a browser downloads.
const wasm = join(pkg, 'web/rolegate_wasm_bg.wasm');
const raw = statSync(wasm).size;
const gzip = gzipSync(readFileSync(wasm), { level: 9 }).length;
const size = { raw, gzip, profile: 'wasm-release (opt-level "z", lto, codegen-units 1, panic abort)', wasmOpt: WASM_OPT_FLAGS.join(' ') };
writeFileSync(join(pkg, 'size.json'), `${JSON.stringify(size, null, 2)}\n`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`pkg/: rolegate ${version}; web/rolegate_wasm_bg.wasm ${kb(raw)} raw, ${kb(gzip)} gzip (budget 150 KB raw, 60 KB gzip)`);
