//! The policy document ([`Policy`]), reading and writing it as JSON, validating it, and the
//! built-in policies.

mod builtin;
mod document;
mod error;

pub use builtin::{Builtin, UnknownBuiltin};
pub use document::*;
pub use error::{PolicyCode, PolicyError, PolicyProblem};

use crate::lang::Lang;
use crate::limits;
use crate::text::bilingual;

impl Policy {
    /// Reads a policy document from JSON text. Only the document's shape is checked here; use
    /// [`validate`] or [`crate::PolicyEngine::new`] to check its meaning.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        if json.len() > limits::MAX_POLICY_BYTES {
            let (n, max) = (json.len(), limits::MAX_POLICY_BYTES);
            let message = bilingual(|lang| match lang {
                Lang::En => format!("the policy is {n} bytes long; the limit is {max}"),
                Lang::De => format!("die Richtlinie ist {n} Bytes lang; die Grenze ist {max}"),
            });
            return Err(PolicyError { problems: vec![PolicyProblem::new(PolicyCode::LimitExceeded, "$", message)] });
        }
        crate::json::parse(json, "$").map_err(|e| {
            let code = if e.syntax { PolicyCode::JsonSyntax } else { PolicyCode::JsonShape };
            PolicyError { problems: vec![PolicyProblem::new(code, e.path, e.message)] }
        })
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
