//! The JavaScript boundary: the only module that knows wasm-bindgen. It converts and delegates;
//! every rule lives in the core.
//!
//! Values cross with serde-wasm-bindgen (`convert.rs`): subjects, resources, organizations,
//! operations and policies come in as JS values and are read by `crate::read`, which reports
//! every problem with the same paths as natively (`subject.roles[1].role`), misspelt keys
//! included; answers go out as plain JS objects through one JSON-compatible serializer. JSON
//! text crosses only where the caller hands over text: a policy fetched as text. Errors are
//! thrown as JS `Error` objects (js-sys) with `kind`, `code` and `problems`, which the package's
//! JS layer turns into `PolicyError` / `RequestError` (see `js/errors.js`). `now` may be a JS
//! `Date`; batch answers (`canMany`) are a `Uint8Array`. The built-in policies are not in this
//! module: the package passes them compiled (`PolicyEngine::snapshot_parts`, written by its
//! build) from a JS module (`builtins.js`), so that loading one runs neither the validator nor
//! the compiler.
//!
//! Administration (`admin.rs`) is exported only with the `wasm-admin` feature: the package's lean
//! browser module leaves it out to stay within its size budget, the Node module and the browser's
//! full module (`rolegate/web/full`) have it.

#[cfg(feature = "wasm-admin")]
mod admin;
mod convert;
mod engine;
mod error;
mod memory;
mod session;

pub use engine::WasmEngine;
pub use session::WasmSession;

use wasm_bindgen::prelude::*;

/// talc, an allocator made for wasm: smaller than the default dlmalloc, and as fast; its memory
/// grows in large steps (see `memory.rs`).
#[global_allocator]
static ALLOCATOR: memory::Allocator = memory::allocator();

/// Runs once when the module is instantiated: a Rust panic (there should be none) is logged to
/// the console with its message and place instead of a bare `unreachable`.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The size of the module's linear memory in bytes, for the package's memory tests.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65536
}
