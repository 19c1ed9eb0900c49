//! The JavaScript boundary: the only module that knows wasm-bindgen. It converts and delegates;
//! every rule lives in the core.
//!
//! Values cross as JSON text: subjects, resources and policies come in as the JSON the JS layer
//! made with `JSON.stringify`, and are read by the same path-reporting parser as natively, so an
//! error names the same field (`subject.roles[1].role`) in Rust and in JavaScript. Results go out
//! as JSON text for `JSON.parse`: plain objects, never `Map`s. Errors are thrown as a JS `Error`
//! whose message is a JSON payload `{ kind, code, message, problems }` that the package's JS
//! layer turns into `PolicyError` / `RequestError` (see `js/errors.js`). The built-in policies
//! are not in this module: the package passes them compiled (`PolicyEngine::snapshot`'s bytes,
//! written by its build) from a JS module (`builtins.js`), so that loading one runs neither the
//! JSON parser nor the compiler.
//!
//! Administration (`admin.rs`) is exported only with the `wasm-admin` feature: the package's lean
//! browser module leaves it out to stay within its size budget, the Node module and the browser's
//! full module (`rolegate/web/full`) have it.

#[cfg(feature = "wasm-admin")]
mod admin;
mod engine;
mod error;
mod session;

pub use engine::WasmEngine;
pub use session::WasmSession;

use wasm_bindgen::prelude::*;

/// talc, an allocator made for wasm: smaller than the default dlmalloc, and as fast.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs when the module is instantiated: a Rust panic (there should be none) is logged to the
/// console with its message instead of a bare `unreachable` (feature `panic-messages`).
#[cfg(feature = "panic-messages")]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The size of the module's linear memory in bytes, for the package's memory tests.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65536
}
