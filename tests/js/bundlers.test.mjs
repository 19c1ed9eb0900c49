// One import everywhere: a three-line page (`import { PolicyEngine, ready } from 'rolegate'`, a
// session, a check) bundled with no rolegate-specific configuration by esbuild, webpack 5, Rollup
// (with its usual node-resolve) and Vite (production build, default target; and its dev server),
// and loaded with a plain <script type="module"> and an import map — each run in Chromium, each
// deciding as Node does. Node takes its own build through the same import (api.test.mjs).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import webpack from 'webpack';
import { build as viteBuild, createServer as viteServer } from 'vite';
import { PolicyEngine } from 'rolegate';
import { PolicyEngine as NodeFullEngine } from 'rolegate/full';
import { launch } from './browser.mjs';
import { root } from './helpers.mjs';

const dir = join(root, 'test-results/bundlers');
const MAIN = `import { PolicyEngine, ready } from 'rolegate';
ready().then(() => {
  const session = PolicyEngine.builtin('mytrumpf').session({ tenant: 'acme', roles: ['operator'] });
  document.body.dataset.result = [session.can('eshop.order.request'), session.can('eshop.order.place')].join();
});
`;
// `rolegate/full`: the same one import, with administration (the full module inside).
const ORG = { tenant: 'acme', kind: 'customer', members: [
  { id: 'anna', name: 'Anna Berg', email: 'anna@acme.example', status: 'active', roles: ['managing_director'] },
  { id: 'otto', name: 'Otto Lang', email: 'otto@acme.example', status: 'active', roles: ['operator'] },
] };
const MAIN_FULL = `import { PolicyEngine, ready } from 'rolegate/full';
ready().then(() => {
  const engine = PolicyEngine.builtin('mytrumpf');
  document.body.dataset.result = JSON.stringify([engine.whoCan(${JSON.stringify(ORG)}, 'eshop.order.release').map((m) => m.id), engine.matrix().roles.length]);
});
`;
const nodeFull = NodeFullEngine.builtin('mytrumpf');
const EXPECTED_FULL = JSON.stringify([nodeFull.whoCan(ORG, 'eshop.order.release').map((m) => m.id), nodeFull.matrix().roles.length]);
const node = PolicyEngine.builtin('mytrumpf').session({ tenant: 'acme', roles: ['operator'] });
const EXPECTED = [node.can('eshop.order.request'), node.can('eshop.order.place')].join();
const page = (script) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bundle</title><script type="module" src="${script}"></script>`;

let env;
before(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'vite'), { recursive: true });
  writeFileSync(join(dir, 'main.js'), MAIN);
  writeFileSync(join(dir, 'main-full.js'), MAIN_FULL);
  writeFileSync(join(dir, 'vite/main.js'), MAIN);
  writeFileSync(join(dir, 'vite/index.html'), page('./main.js'));
  env = await launch({
    '/esbuild.html': page('/test-results/bundlers/out/esbuild.js'),
    '/webpack.html': page('/test-results/bundlers/out/webpack.js'),
    '/rollup.html': page('/test-results/bundlers/out/rollup.js'),
    '/esbuild-full.html': page('/test-results/bundlers/out/esbuild-full.js'),
    '/webpack-full.html': page('/test-results/bundlers/out/webpack-full.js'),
    // No bundler: an import map names the package's browser entry.
    '/importmap.html': `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>import map</title>
<script type="importmap">{ "imports": { "rolegate": "/pkg/web/auto.js" } }</script>
<script type="module">${MAIN}</script>`,
  });
});
after(async () => {
  await env?.close();
});

/** Opens `url` (a path of the test server, or a whole URL) and returns what the page decided. */
async function decided(url) {
  const { page, errors } = url.startsWith('http') ? await openAt(url) : await env.open(url);
  await page.waitForFunction(() => document.body?.dataset.result !== undefined, null, { timeout: 20000 });
  const result = await page.evaluate(() => document.body.dataset.result);
  await page.close();
  return { result, errors };
}

async function openAt(url) {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, errors };
}

test('esbuild: a browser bundle with no configuration', async () => {
  await esbuild.build({ entryPoints: [join(dir, 'main.js')], bundle: true, format: 'esm', outfile: join(dir, 'out/esbuild.js'), logLevel: 'warning' });
  assert.deepEqual(await decided('/esbuild.html'), { result: EXPECTED, errors: [] });
});

test('webpack 5: a production bundle with no rules for rolegate', async () => {
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: 'production', entry: join(dir, 'main.js'), output: { path: join(dir, 'out'), filename: 'webpack.js' } }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
  assert.deepEqual(await decided('/webpack.html'), { result: EXPECTED, errors: [] });
});

test('Rollup: node-resolve as every Rollup app has it, no other plugin', async () => {
  const bundle = await rollup({ input: join(dir, 'main.js'), plugins: [nodeResolve()], onwarn: () => {} });
  await bundle.write({ file: join(dir, 'out/rollup.js'), format: 'es' });
  await bundle.close();
  assert.deepEqual(await decided('/rollup.html'), { result: EXPECTED, errors: [] });
});

test('Vite: the production build (default target) and the dev server, default configuration', async () => {
  const viteRoot = join(dir, 'vite');
  await viteBuild({ root: viteRoot, configFile: false, logLevel: 'warn', build: { outDir: join(viteRoot, 'dist') } });
  const built = (await import('node:fs')).readdirSync(join(viteRoot, 'dist/assets')).find((f) => f.endsWith('.js'));
  writeFileSync(join(dir, 'vite-built.html'), page(`/test-results/bundlers/vite/dist/assets/${built}`));
  const servedBuild = await decided('/test-results/bundlers/vite-built.html');
  assert.deepEqual(servedBuild, { result: EXPECTED, errors: [] });
  const server = await viteServer({ root: viteRoot, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  try {
    await server.listen();
    const { port } = server.httpServer.address();
    assert.deepEqual(await decided(`http://127.0.0.1:${port}/`), { result: EXPECTED, errors: [] });
  } finally {
    await server.close();
  }
});

test('no bundler: a <script type="module"> with an import map', async () => {
  assert.deepEqual(await decided('/importmap.html'), { result: EXPECTED, errors: [] });
});

test('rolegate/full: the same one import with administration, bundled by esbuild and webpack 5 with no configuration, deciding as Node does', async () => {
  assert.match(EXPECTED_FULL, /"anna"/, 'the managing director releases orders');
  await esbuild.build({ entryPoints: [join(dir, 'main-full.js')], bundle: true, format: 'esm', outfile: join(dir, 'out/esbuild-full.js'), logLevel: 'warning' });
  assert.deepEqual(await decided('/esbuild-full.html'), { result: EXPECTED_FULL, errors: [] });
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: 'production', entry: join(dir, 'main-full.js'), output: { path: join(dir, 'out'), filename: 'webpack-full.js' } }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
  assert.deepEqual(await decided('/webpack-full.html'), { result: EXPECTED_FULL, errors: [] });
});
