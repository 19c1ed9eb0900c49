//! The wasm build under Node: `make test` runs it with wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

mod wasm_shared;
