//! The policy fingerprint: SHA-256 of the normalized document, so a client can tell whether it
//! holds the very policy the server enforces.
//!
//! Normalized means: object keys sorted, no insignificant whitespace, `comment` fields removed
//! (they are never evaluated). Array order is kept: it is the display order of roles and
//! permissions. The normalization is written out here rather than left to serde_json's map
//! type, whose key order depends on a cargo feature that another crate could switch on.

use crate::policy::Policy;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The fingerprint of `doc`: 64 lowercase hex digits.
pub(crate) fn fingerprint(doc: &Policy) -> String {
    // INVARIANT: the document types only have string map keys, so conversion cannot fail;
    // should it ever, the fingerprint of `null` is still a stable value.
    let value = serde_json::to_value(doc).unwrap_or(Value::Null);
    let mut text = String::new();
    write_normalized(&value, &mut text);
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Appends the normalized JSON text of `value` to `out`.
fn write_normalized(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().filter(|k| *k != "comment").collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_normalized(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_normalized(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push_str(&Value::String(s.to_string()).to_string());
}
