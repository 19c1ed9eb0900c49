// The wasm module's size: within its budget, and the README says what the build measured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.mjs';

const size = JSON.parse(readFileSync(join(root, 'pkg/size.json'), 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

test('the .wasm is within budget: 150 KB raw, 60 KB gzip', () => {
  assert.ok(size.raw < size.budget.raw, `${kb(size.raw)} raw is over ${kb(size.budget.raw)}`);
  assert.ok(size.gzip < size.budget.gzip, `${kb(size.gzip)} gzip is over ${kb(size.budget.gzip)}`);
});

test('the README states the measured size', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const line = `| \`.wasm\` (browser build, optimized) | ${kb(size.raw)} raw | ${kb(size.gzip)} gzip |`;
  assert.ok(readme.includes(line), `the README's size row should read:\n${line}`);
});
