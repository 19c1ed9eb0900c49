//! The wasm build under Node: `make test` runs it with wasm-bindgen-test-runner.
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

mod wasm_shared;
