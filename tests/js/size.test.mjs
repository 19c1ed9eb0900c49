// The wasm modules' sizes: the lean one (what every gated page loads) within its budget, and the
// README says what the build measured for each module and for the bundlers' entries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.mjs';

const size = JSON.parse(readFileSync(join(root, 'target/size.json'), 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

test('the .wasm modules are within budget: lean 100 KB gzip, full 150 KB gzip', () => {
  assert.equal(size.budget.gzip, 100 * 1024);
  assert.equal(size.budget.full.gzip, 150 * 1024);
  assert.ok(size.gzip <= size.budget.gzip, `the lean module: ${kb(size.gzip)} gzip is over ${kb(size.budget.gzip)}`);
  assert.ok(size.full.gzip <= size.budget.full.gzip, `the full module: ${kb(size.full.gzip)} gzip is over ${kb(size.budget.full.gzip)}`);
});

test('the README states the measured sizes', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const line of [
    `| \`.wasm\` (browser build, optimized) | ${kb(size.raw)} raw | ${kb(size.gzip)} gzip |`,
    `| \`.wasm\` with administration (\`rolegate/web/full\`) | ${kb(size.full.raw)} raw | ${kb(size.full.gzip)} gzip |`,
    `| \`.wasm\` of the Node build (read from disk, no budget) | ${kb(size.node.raw)} raw | ${kb(size.node.gzip)} gzip |`,
    `| \`rolegate\` for bundlers (\`web/auto.js\`: code and lean module in one file) | ${kb(size.bundlerEntry.raw)} raw | ${kb(size.bundlerEntry.gzip)} gzip |`,
    `| \`rolegate/full\` for bundlers (\`web/auto-full.js\`: code and full module) | ${kb(size.bundlerEntryFull.raw)} raw | ${kb(size.bundlerEntryFull.gzip)} gzip |`,
  ]) {
    assert.ok(readme.includes(line), `the README's size row should read:\n${line}`);
  }
});
