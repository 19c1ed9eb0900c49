#!/usr/bin/env node
// `npx rolegate …`: the command-line tool of the Rust crate (src/bin/rolegate), the very same
// program built for WASI (`wasm32-wasip1`, scripts/build-pkg.mjs puts it beside this file) and run
// by Node's node:wasi. One source of truth: the output and exit codes are the native binary's
// (tests/js/cli-npm.test.mjs holds them equal on the README's console examples and the vectors).
// It sees the file system as the user does (relative paths from the current directory), reads
// stdin and writes stdout and stderr; it has no network and starts no processes.

try {
  await import('./node-version.cjs');
} catch (error) {
  // "rolegate needs Node 20.19 or later (this is Node …)", as one line.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// node:wasi announces itself as experimental on stderr, which is the program's: silenced for it alone.
const emitWarning = process.emitWarning;
process.emitWarning = function quiet(warning, ...rest) {
  const text = typeof warning === 'string' ? warning : warning?.message;
  if (typeof text === 'string' && text.startsWith('WASI is an experimental feature')) return undefined;
  return emitWarning.call(this, warning, ...rest);
};
const { WASI } = process.getBuiltinModule('node:wasi');
const { readFileSync } = process.getBuiltinModule('node:fs');
process.emitWarning = emitWarning;

const wasi = new WASI({
  version: 'preview1',
  args: ['rolegate', ...process.argv.slice(2)],
  // The program changes to this directory first (src/bin/rolegate/main.rs).
  env: { ...process.env, ROLEGATE_CWD: process.cwd() },
  // The file system as the user sees it; on Windows, the current drive.
  preopens: process.platform === 'win32' ? { '/': `${process.cwd().slice(0, 2)}\\` } : { '/': '/' },
  returnOnExit: true,
});

let status;
try {
  const module = new WebAssembly.Module(readFileSync(new URL('./rolegate.wasm', import.meta.url)));
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  status = wasi.start(instance);
} catch (error) {
  // A trap (a bug; the program's own panic message came first) or a module that did not load.
  process.stderr.write(`rolegate: internal error: ${error?.message ?? error}\n`);
  status = 2;
}
process.exitCode = status;
