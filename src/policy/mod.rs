//! The policy document ([`Policy`]), reading and writing it as JSON, validating it, and the
//! built-in policies.

mod builtin;
mod codec;
mod document;
mod error;

pub use builtin::{Builtin, UnknownBuiltin};
pub(crate) use codec::approval_rule as read_approval_rule;

/// A tenant's approval rules from any serde data source (the wasm build: a JS list), every
/// problem reported below `rules`.
#[cfg_attr(not(all(target_arch = "wasm32", target_os = "unknown")), allow(dead_code))]
pub(crate) fn read_approval_rules<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<ApprovalRule>, crate::RequestError> {
    fn list(w: &mut crate::read::walk::Walker, v: &serde_json::Value, path: &str) -> Option<Vec<ApprovalRule>> {
        w.list(v, path, codec::approval_rule)
    }
    crate::read::from_deserializer(deserializer, "rules", list).map_err(|e| crate::RequestError {
        problems: e.problems("rules", crate::RequestCode::JsonSyntax, crate::RequestCode::JsonShape),
    })
}
pub use document::*;
pub use error::{PolicyCode, PolicyError, PolicyProblem};

use crate::limits;
use crate::read::{self, ReadError};
use serde::Deserializer;

/// A policy read, or why not with what did read (see [`Policy::read_json`]).
pub(crate) type ReadPolicy = Result<Policy, (PolicyError, Option<Box<Policy>>)>;

impl Policy {
    /// Reads a policy document from JSON text. Only the document's shape is checked here (every
    /// wrong type, missing, unknown or repeated field is reported with its path); use
    /// [`validate`] or [`crate::PolicyEngine::new`] to check its meaning.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        Policy::read_json(json).map_err(|(e, _)| e)
    }

    /// [`Policy::from_json`], and when it fails, the document without its unknown members if
    /// those were its only problems (then its meaning can be checked as well).
    pub(crate) fn read_json(json: &str) -> ReadPolicy {
        let policy = Policy::from_json_limited(json).map_err(|e| (e, None))?;
        policy.map_err(|s| (shape_error(s.error), s.document.map(Box::new)))
    }

    /// [`Policy::from_deserializer`], with what did read as for [`Policy::read_json`].
    pub(crate) fn read_deserializer<'de, D: Deserializer<'de>>(deserializer: D) -> ReadPolicy {
        read::salvage_deserializer(deserializer, "$", codec::policy)
            .map_err(|s| (shape_error(s.error), s.document.map(Box::new)))
    }

    /// The size limit of policy text, then the read.
    #[allow(clippy::type_complexity)]
    fn from_json_limited(json: &str) -> Result<Result<Policy, read::Salvaged<Policy>>, PolicyError> {
        if json.len() > limits::MAX_POLICY_BYTES {
            let message = crate::messages::POLICY_TOO_LONG
                .fill(&[&crate::path::decimal(json.len()), &crate::path::decimal(limits::MAX_POLICY_BYTES)]);
            return Err(PolicyError { problems: vec![PolicyProblem::new(PolicyCode::LimitExceeded, "$", message)] });
        }
        Ok(read::salvage_text(json, "$", codec::policy))
    }

    /// Reads a policy document from a JSON value, reporting every shape problem as
    /// [`Policy::from_json`] does (`serde_json::from_value` would stop at the first).
    pub fn from_value(value: &serde_json::Value) -> Result<Policy, PolicyError> {
        read::from_value(value, "$", codec::policy).map_err(shape_error)
    }

    /// Reads a policy document from any serde data source (another data format; in the wasm
    /// build, a JavaScript object), reporting every shape problem as [`Policy::from_json`] does:
    /// the data is read whole first, so unknown fields are found even where the format's own
    /// deserializer would skip them.
    pub fn from_deserializer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Policy, PolicyError> {
        Policy::read_deserializer(deserializer).map_err(|(e, _)| e)
    }

    /// The document as a JSON value, as its author writes it: members holding their default
    /// are left out (serde's own form, `serde_json::to_value(policy)`, writes every member).
    /// Reading it back gives an equal [`Policy`].
    pub fn to_value(&self) -> serde_json::Value {
        // Serializing plain data to a value cannot fail.
        let mut value = serde_json::to_value(self).unwrap_or_default();
        codec::leave_out_defaults(&mut value);
        value
    }

    /// The document as compact JSON text (see [`Policy::to_value`]). Reading it back gives an
    /// equal [`Policy`].
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The document as JSON text indented by two spaces, ending in a newline (see
    /// [`Policy::to_value`]). Reading it back gives an equal [`Policy`].
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.to_value()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A document that could not be read, as a policy error.
fn shape_error(e: ReadError) -> PolicyError {
    PolicyError { problems: e.problems("$", PolicyCode::JsonSyntax, PolicyCode::JsonShape) }
}

/// Every problem of a policy document, in document order; empty when the policy is valid.
pub fn validate(policy: &Policy) -> Vec<PolicyProblem> {
    match crate::engine::compile(policy.clone()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}
