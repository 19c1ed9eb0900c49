//! The policy fingerprint: SHA-256 of the normalized document, so a client can tell whether it
//! holds the very policy the server enforces.
//!
//! Normalized means the canonical JSON text of the document ([`Policy::to_value`], written by
//! serde_json): members sorted by name, no whitespace, `comment` members removed (they are never
//! evaluated), optional members holding their default left out. Array order is kept: it is the display order of roles
//! and permissions.

use crate::policy::Policy;
use serde::{Serialize, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The fingerprint of `doc`: 64 lowercase hex digits.
pub(crate) fn fingerprint(doc: &Policy) -> String {
    let digest = Sha256::digest(canonical(doc).as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The canonical text of `doc`.
pub(crate) fn canonical(doc: &Policy) -> String {
    serde_json::to_string(&Canonical(&doc.to_value())).unwrap_or_default()
}

/// A JSON value as the fingerprint reads it: members sorted by name, members named `comment`
/// left out, at every depth.
struct Canonical<'a>(&'a Value);

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(members) => {
                let mut sorted: Vec<(&str, Canonical)> =
                    members.iter().filter(|(k, _)| *k != "comment").map(|(k, v)| (k.as_str(), Canonical(v))).collect();
                sorted.sort_unstable_by_key(|(k, _)| *k);
                serializer.collect_map(sorted)
            }
            Value::Array(items) => serializer.collect_seq(items.iter().map(Canonical)),
            scalar => scalar.serialize(serializer),
        }
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
