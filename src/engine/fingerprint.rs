//! The policy fingerprint: SHA-256 of the normalized document, so a client can tell whether it
//! holds the very policy the server enforces.
//!
//! Normalized means the canonical JSON text of the document as serde_json writes it: members
//! sorted by name, no whitespace, `comment` members removed (they are never evaluated), optional
//! members holding their default left out. Array order is kept: it is the display order of roles
//! and permissions.

use crate::policy::Policy;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The fingerprint of `doc`: 64 lowercase hex digits.
pub(crate) fn fingerprint(doc: &Policy) -> String {
    let digest = Sha256::digest(canonical(doc).as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The canonical text of `doc`.
pub(crate) fn canonical(doc: &Policy) -> String {
    let mut value = serde_json::to_value(doc).unwrap_or_default();
    drop_comments(&mut value);
    value.sort_all_objects();
    value.to_string()
}

/// `value` without any member named `comment`, at any depth.
fn drop_comments(value: &mut Value) {
    match value {
        Value::Object(members) => {
            members.shift_remove("comment");
            members.values_mut().for_each(drop_comments);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_comments),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_sorts_members_and_leaves_out_comments() {
        let policy = Policy::from_json(
            r#"{"version": 1, "id": "t", "label": {"en": "T", "de": "T"}, "comment": "x",
                "tenantKinds": [{"label": {"de": "K", "en": "K"}, "id": "k", "comment": ["a", "b"]}],
                "permissions": [], "roles": []}"#,
        )
        .unwrap();
        assert_eq!(
            canonical(&policy),
            r#"{"id":"t","label":{"de":"T","en":"T"},"permissions":[],"roles":[],"tenantKinds":[{"id":"k","label":{"de":"K","en":"K"}}],"version":1}"#
        );
        assert_eq!(fingerprint(&policy).len(), 64);
    }
}
