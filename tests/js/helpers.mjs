// Shared by the JS tests: the vector files and the repository's paths.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A vector file from tests/vectors/, parsed. */
export function vectors(name) {
  return JSON.parse(readFileSync(join(root, 'tests/vectors', name), 'utf8'));
}

/** The native CLI built by `make` (for parity checks against the wasm build). */
export const cli = join(root, 'target/release/rolegate');
