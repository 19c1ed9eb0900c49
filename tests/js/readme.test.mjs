// The README's JavaScript examples, run exactly as written: the Node ones with node, the browser
// one in headless Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch } from './browser.mjs';
import { root } from './helpers.mjs';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

function block(lang) {
  const blocks = readme.split(`\`\`\`${lang}\n`).slice(1).map((rest) => rest.split('```')[0]);
  assert.equal(blocks.length, 1, `exactly one ${lang} block in the README`);
  return blocks[0];
}

test('the Node example prints what its comments say', () => {
  const code = block('js');
  assert.equal(code.trim().split('\n').length, 5, 'five lines');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const comments = code.trim().split('\n').filter((line) => line.includes('// ')).map((line) => line.split('// ')[1].replace(' …', ''));
  assert.equal(output.length, 2);
  assert.equal(output[0], comments[0]);
  assert.ok(output[1].startsWith(comments[1]), `${output[1]} starts with ${comments[1]}`);
});

test('the security example (shipping a policy with its fingerprint) prints what its comments say', () => {
  const code = block('mjs');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const comments = code.trim().split('\n').filter((line) => line.startsWith('console.log')).map((line) => line.split('// ')[1]);
  assert.deepEqual(output, comments);
});

test('the plan example (planToSql, filter) prints what its comments say', () => {
  const code = block('javascript');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const comments = code.trim().split('\n').filter((line) => line.startsWith('console.log')).map((line) => line.split(' // ')[1]);
  assert.equal(comments.length, 4);
  assert.deepEqual(output, comments);
});

test('the approval example (CommonJS) prints what its comments say', () => {
  const code = block('cjs');
  const output = execFileSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const comments = code.trim().split('\n').filter((line) => line.startsWith('console.log')).map((line) => line.split(' // ')[1]);
  assert.equal(comments.length, 3);
  assert.deepEqual(output, comments);
});

test('the browser example gates the page as its comment says', async () => {
  const html = block('html');
  const script = html.split('<script type="module">')[1].split('</script>')[0].trim().split('\n');
  assert.equal(script.length, 5, 'five lines of JavaScript');
  const env = await launch({ '/readme-example.html': `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>${html}</body>` });
  try {
    const { page, errors } = await env.open('/readme-example.html');
    await page.waitForSelector('[data-rolegate]');
    const [order, request] = await page.$$eval('button', (buttons) => buttons.map((b) => [b.getAttribute('aria-disabled'), b.title, b.dataset.rolegate]));
    assert.equal(order[0], 'true');
    assert.match(order[1], /^Freigabe nötig: /, 'an operator requests orders: approval');
    assert.equal(request[2], 'allowed');
    assert.deepEqual(errors, []);
  } finally {
    await env.close();
  }
});

test('the typed-ids example: what it marks as an error does not compile, the rest does', () => {
  const dir = join(root, 'tests/js/types/generated');
  mkdirSync(dir, { recursive: true });
  const ids = execFileSync(join(root, 'target/release/rolegate'), ['types', '--policy', 'examples/policy/shop.json'], { cwd: root, encoding: 'utf8' });
  writeFileSync(join(dir, 'shop-ids.d.ts'), ids);
  // Each line the example marks `// error:` must fail to compile (@ts-expect-error fails when it does not).
  const lines = block('ts')
    .split('\n')
    .filter((line) => !line.startsWith('// $'))
    .flatMap((line) => (line.includes('// error:') ? ['// @ts-expect-error', line] : [line]));
  const imports = lines.filter((line) => line.startsWith('import '));
  const body = lines.filter((line) => !line.startsWith('import '));
  const source = [
    "import { PolicyEngine } from 'rolegate';",
    "import type { Subject } from 'rolegate';",
    ...imports,
    'declare const subject: Subject;',
    ...body,
    'export {};',
  ].join('\n');
  writeFileSync(join(dir, 'readme-example.ts'), source);
  const config = { extends: '../tsconfig.json', compilerOptions: { noUnusedLocals: false }, files: ['readme-example.ts'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: root, encoding: 'utf8' });
});
