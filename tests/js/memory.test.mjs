// Memory: sessions are freed by free() and, when forgotten, by the garbage collector; a million
// of them must not grow the wasm memory without bound. Run with `node --expose-gc`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyEngine, wasmMemoryBytes } from 'rolegate';

const engine = PolicyEngine.builtin('platform');
const subject = { id: 'm', tenant: 'acme', tenantKind: 'operator', roles: ['machine_operator', { role: 'workshop_manager', scope: { facility: 'f1' } }] };
const MB = 1024 * 1024;

async function collect() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((done) => setTimeout(done, 10)); // let FinalizationRegistry callbacks run
  }
}

test('a million freed sessions leave the memory as it was', { timeout: 120_000 }, async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  for (let i = 0; i < 10_000; i++) engine.session(subject).free();
  const before = wasmMemoryBytes();
  for (let i = 0; i < 1_000_000; i++) {
    const session = engine.session(subject);
    if (!session.can('asset.read')) throw new Error('the session must work');
    session.free();
  }
  assert.equal(wasmMemoryBytes(), before, 'not a page more');
});

test('a million forgotten sessions are collected: the memory stops growing', { timeout: 120_000 }, async () => {
  await collect();
  const samples = [];
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 50_000; i++) engine.session(subject); // dropped without free()
    await collect();
    samples.push(wasmMemoryBytes());
  }
  const [first, half, last] = [samples[0], samples[9], samples[19]];
  // Memory may grow while the collector catches up, then must plateau: the second half of the
  // million adds nothing, and the total stays far below what a million live sessions would need.
  assert.equal(last, half, `memory kept growing: ${samples.map((s) => (s / MB).toFixed(1)).join(' → ')} MB`);
  assert.ok(last - first < 64 * MB, `grew by ${((last - first) / MB).toFixed(1)} MB`);
});
