// The wasm modules' sizes: the lean one (what every gated page loads) within its budget, and the
// README says what the build measured for both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.mjs';

const size = JSON.parse(readFileSync(join(root, 'pkg/size.json'), 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

test('the lean .wasm is within budget: 150 KB raw, 60 KB gzip', () => {
  assert.ok(size.raw < size.budget.raw, `${kb(size.raw)} raw is over ${kb(size.budget.raw)}`);
  assert.ok(size.gzip < size.budget.gzip, `${kb(size.gzip)} gzip is over ${kb(size.budget.gzip)}`);
});

test('the README states the measured sizes', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const line of [
    `| \`.wasm\` (browser build, optimized) | ${kb(size.raw)} raw | ${kb(size.gzip)} gzip |`,
    `| \`.wasm\` with administration (\`rolegate/web/full\`, Node) | ${kb(size.full.raw)} raw | ${kb(size.full.gzip)} gzip |`,
  ]) {
    assert.ok(readme.includes(line), `the README's size row should read:\n${line}`);
  }
});
