//! The policy fingerprint: SHA-256 of the normalized document, so a client can tell whether it
//! holds the very policy the server enforces.
//!
//! Normalized means the canonical JSON text of the document as written by this crate: members
//! sorted by name, no whitespace, `comment` members removed (they are never
//! evaluated), optional members holding their default left out. Array order is kept: it is the
//! display order of roles and permissions.

use super::sha256::sha256;
use crate::json::ToJson;
use crate::policy::Policy;

/// The fingerprint of `doc`: 64 lowercase hex digits.
pub(crate) fn fingerprint(doc: &Policy) -> String {
    let digest = sha256(doc.to_json().to_canonical_string().as_bytes());
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.extend([char::from(DIGITS[usize::from(byte >> 4)]), char::from(DIGITS[usize::from(byte & 15)])]);
    }
    hex
}
