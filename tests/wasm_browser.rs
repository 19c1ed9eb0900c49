//! The wasm build in headless Chromium and in headless Firefox (`make wasm-tests` runs it in
//! each): the same tests as `wasm_node.rs`.
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_shared;
