//! The policy document ([`Policy`]), reading and writing it as JSON, validating it, and the
//! built-in policies.

mod builtin;
mod document;
mod error;
mod shape;

pub use builtin::{Builtin, UnknownBuiltin};
pub use document::*;
pub use error::{PolicyCode, PolicyError, PolicyProblem};

use crate::lang::Lang;
use crate::limits;
use crate::text::bilingual;

impl Policy {
    /// Reads a policy document from JSON text. Only the document's shape is checked here (every
    /// element with a wrong type, a missing or an unknown field is reported); use [`validate`] or
    /// [`crate::PolicyEngine::new`] to check its meaning.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        if json.len() > limits::MAX_POLICY_BYTES {
            let (n, max) = (json.len(), limits::MAX_POLICY_BYTES);
            let message = bilingual(|lang| match lang {
                Lang::En => format!("the policy is {n} bytes long; the limit is {max}"),
                Lang::De => format!("die Richtlinie ist {n} Bytes lang; die Grenze ist {max}"),
            });
            return Err(PolicyError { problems: vec![PolicyProblem::new(PolicyCode::LimitExceeded, "$", message)] });
        }
        match crate::json::parse::<Policy>(json, "$") {
            Ok(policy) => Ok(policy),
            Err(e) if e.syntax => {
                Err(PolicyError { problems: vec![PolicyProblem::new(PolicyCode::JsonSyntax, e.path, e.message)] })
            }
            // The text is JSON: read it again as a value to report every shape problem, not just the first.
            Err(first) => {
                let problems = match serde_json::from_str::<serde_json::Value>(json) {
                    Ok(value) => shape::all_problems(&value, first),
                    Err(_) => vec![PolicyProblem::new(PolicyCode::JsonShape, first.path, first.message)],
                };
                Err(PolicyError { problems })
            }
        }
    }

    /// The document as pretty-printed JSON. Reading it back gives an equal [`Policy`].
    pub fn to_json_pretty(&self) -> String {
        // INVARIANT: the document types only have string map keys; serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Every problem of a policy document, in document order; empty when the policy is valid.
pub fn validate(policy: &Policy) -> Vec<PolicyProblem> {
    match crate::engine::compile(policy.clone()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}
