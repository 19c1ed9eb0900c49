//! Every shape problem of a policy document at once. serde stops at the first wrong type or
//! unknown field; when it does, the document is read again as a JSON value and each list element
//! is checked on its own, so a policy author sees all the broken elements in one go.

use super::document::{FeatureDef, PermissionDef, Policy, RoleDef, ScopeKeyDef, TenantKindDef};
use super::error::{PolicyCode, PolicyProblem};
use crate::json::{self, JsonError};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Checks one JSON value against a document type; the error names paths below the root given.
type Checker = fn(&Value, &str) -> Option<JsonError>;

/// The document's lists and a checker for their elements.
const LISTS: [(&str, Checker); 5] = [
    ("scopes", check::<ScopeKeyDef>),
    ("tenantKinds", check::<TenantKindDef>),
    ("permissions", check::<PermissionDef>),
    ("features", check::<FeatureDef>),
    ("roles", check::<RoleDef>),
];

/// Every shape problem of `value`, a document that serde refused with `first`.
pub(super) fn all_problems(value: &Value, first: JsonError) -> Vec<PolicyProblem> {
    let Some(object) = value.as_object() else { return vec![problem(first)] };
    let mut problems = Vec::new();
    // The document without its lists: the scalar fields, missing fields and unknown keys.
    let mut skeleton = object.clone();
    for (key, check_element) in LISTS {
        let Some(list) = object.get(key) else { continue };
        match list.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    problems.extend(check_element(item, &format!("$.{key}[{i}]")).map(problem));
                }
                skeleton.insert(key.to_string(), Value::Array(Vec::new()));
            }
            None => continue, // left in the skeleton: its check reports the wrong type
        }
    }
    let skeleton_problem = check::<Policy>(&Value::Object(skeleton), "$");
    let mut all: Vec<PolicyProblem> = skeleton_problem.map(problem).into_iter().chain(problems).collect();
    if all.is_empty() {
        all.push(problem(first)); // cannot happen: some part must be what serde refused
    }
    all
}

fn check<T: DeserializeOwned>(value: &Value, root: &str) -> Option<JsonError> {
    json::parse_value::<T>(value, root).err()
}

fn problem(e: JsonError) -> PolicyProblem {
    let code = if e.syntax { PolicyCode::JsonSyntax } else { PolicyCode::JsonShape };
    PolicyProblem::new(code, e.path, e.message)
}
