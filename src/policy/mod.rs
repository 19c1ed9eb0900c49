//! The policy document ([`Policy`]), reading and writing it as JSON, validating it, and the
//! built-in policies.

mod builtin;
mod codec;
mod document;
mod error;

pub use builtin::{Builtin, UnknownBuiltin};
pub use document::*;
pub use error::{PolicyCode, PolicyError, PolicyProblem};

use crate::json::decode::Decoder;
use crate::json::{ToJson, Value};
use crate::limits;

pub(crate) use codec::Members;

impl Policy {
    /// Reads a policy document from JSON text. Only the document's shape is checked here (every
    /// wrong type, missing, unknown or repeated field is reported with its path); use
    /// [`validate`] or [`crate::PolicyEngine::new`] to check its meaning.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        if json.len() > limits::MAX_POLICY_BYTES {
            let message = crate::messages::POLICY_TOO_LONG
                .fill(&[&crate::path::decimal(json.len()), &crate::path::decimal(limits::MAX_POLICY_BYTES)]);
            return Err(PolicyError { problems: vec![PolicyProblem::new(PolicyCode::LimitExceeded, "$", message)] });
        }
        let value = crate::json::parse(json).map_err(|e| PolicyError { problems: vec![syntax_problem(&e)] })?;
        Policy::from_json_value(&value)
    }

    /// Reads a policy document from a parsed JSON value.
    pub fn from_json_value(value: &Value) -> Result<Policy, PolicyError> {
        let mut decoder = Decoder::default();
        match codec::policy(&mut decoder, value, "$") {
            Some(policy) => Ok(policy),
            None => Err(PolicyError {
                problems: decoder
                    .problems
                    .into_iter()
                    .map(|(path, message)| PolicyProblem::new(PolicyCode::JsonShape, path, message))
                    .collect(),
            }),
        }
    }

    /// The document as pretty-printed JSON. Reading it back gives an equal [`Policy`].
    pub fn to_json_pretty(&self) -> String {
        self.to_json().to_pretty_string()
    }
}

/// A JSON syntax error as a policy problem: at the root, saying the line and column.
fn syntax_problem(e: &crate::json::SyntaxError) -> PolicyProblem {
    let message =
        crate::messages::NOT_JSON.fill(&[&crate::path::decimal(e.line), &crate::path::decimal(e.column), &e.message]);
    PolicyProblem::new(PolicyCode::JsonSyntax, "$", message)
}

/// Every problem of a policy document, in document order; empty when the policy is valid.
pub fn validate(policy: &Policy) -> Vec<PolicyProblem> {
    match crate::engine::compile(policy.clone()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}
