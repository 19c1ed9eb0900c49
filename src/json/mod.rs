//! A small JSON codec of our own: [`Value`], a parser that reports where ([`parse`]), writers
//! (compact, pretty, and the canonical form the fingerprint hashes), and `decode` helpers that
//! keep the path and go on after a problem, so every shape problem of a document is reported.
//!
//! Why not serde: its derived (de)serializers and serde_json made up most of the wasm module
//! (over 250 KB of 400 KB), and serde stops at the first shape error. Numbers are kept as their
//! source text, so no float parsing or formatting code is ever linked.

pub(crate) mod decode;
mod parse;
mod value;
mod write;

pub use parse::{parse, SyntaxError, MAX_DEPTH};
pub use value::{ToJson, Value};
