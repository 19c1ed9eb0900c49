//! Helpers shared by the integration tests: the vector files and how to read them.
#![allow(dead_code)]

use rolegate::{Builtin, Code, Policy, PolicyEngine, Resource, Subject};
use serde_json::Value;

/// The decision vector files, by name.
pub const DECISION_FILES: &[(&str, &str)] = &[
    ("decisions_mytrumpf.json", include_str!("../vectors/decisions_mytrumpf.json")),
    ("decisions_platform.json", include_str!("../vectors/decisions_platform.json")),
    ("decisions_scopes.json", include_str!("../vectors/decisions_scopes.json")),
];
pub const SUBJECT_ERRORS: &str = include_str!("../vectors/subject_errors.json");
pub const MATRICES: &str = include_str!("../vectors/matrices.json");
pub const INVALID_POLICIES: &str = include_str!("../vectors/invalid_policies.json");
pub const LINT: &str = include_str!("../vectors/lint.json");
pub const PLANS: &str = include_str!("../vectors/plans.json");
pub const APPROVALS: &str = include_str!("../vectors/approvals.json");

/// The violation codes of approval requests (submit and each step), which `apply` never reports:
/// tests/approvals.rs holds the vectors of approvals.json to covering each.
pub const REQUEST_CODES: &[&str] = &[
    "approval_not_required",
    "invalid_attribute",
    "request_closed",
    "request_expired",
    "not_expired",
    "own_request",
    "already_approved",
    "not_eligible",
    "not_requester",
    "empty_reason",
    "invalid_request",
];

/// Parses a vector file.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("vector files are JSON")
}

/// The engine for a vector's `policy`: a built-in name or an inline document.
pub fn engine_for(policy: &Value) -> PolicyEngine {
    match policy {
        Value::String(name) => {
            PolicyEngine::builtin(name.parse::<Builtin>().expect("built-in name")).expect("built-in compiles")
        }
        doc => PolicyEngine::new(policy_doc(doc)).expect("vector policy compiles"),
    }
}

/// A policy document from a JSON value.
pub fn policy_doc(doc: &Value) -> Policy {
    Policy::from_json(&doc.to_string()).expect("vector policy parses")
}

/// A subject from a vector.
pub fn subject(v: &Value) -> Subject {
    Subject::from_json(&v.to_string()).expect("vector subject parses")
}

/// A resource from a vector, if present.
pub fn resource(v: Option<&Value>) -> Option<Resource> {
    v.map(|r| Resource::from_json(&r.to_string()).expect("vector resource parses"))
}

/// What the engine returns, as JSON text read back.
pub fn as_json<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::from_str(&serde_json::to_string(value).expect("serializes")).expect("the engine writes valid JSON")
}

/// `v[key]` as a string.
pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is a string in {v}"))
}

/// Every decision of `engine` over a fixed battery: each kind (all its modules on, then none) ×
/// each role of `roles` (tenant-wide, and scoped to the first scope key) × each action of
/// `actions`, on no resource and on resources inside and outside the scope. Codes, or the
/// request error's first code.
pub fn decisions(engine: &PolicyEngine, roles: &[String], actions: &[String]) -> Vec<String> {
    use rolegate::{Resource, RoleAssignment, Subject};
    let key = engine.policy().scopes.first().map(|s| s.id.clone()).unwrap_or_else(|| "facility".into());
    let resources = [None, Some(Resource::new(&[(&key, "f1")])), Some(Resource::new(&[(&key, "f2")]))];
    let mut out = Vec::new();
    for kind in engine.kinds() {
        let all: Vec<String> = kind.modules.iter().map(|m| m.id.clone()).collect();
        for modules in [all, Vec::new()] {
            for role in roles {
                for assignment in [RoleAssignment::new(role), RoleAssignment::scoped(role, &[(&key, "f1")])] {
                    let subject = Subject {
                        id: "s".into(),
                        tenant: "t".into(),
                        tenant_kind: Some(kind.id.clone()),
                        modules: modules.clone(),
                        roles: vec![assignment],
                        at: None,
                    };
                    for action in actions {
                        for resource in &resources {
                            out.push(match engine.decide(&subject, action, resource.as_ref()) {
                                Ok(d) => d.code.to_string(),
                                Err(e) => e.problems[0].code.as_str().to_string(),
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// Checks an explanation against a vector's `expect`: `grantedBy`, `grantingRoles` and
/// `blocked` (as `{ role, reason }`) exactly when present, and `messageContains` in each language.
pub fn check_explanation(name: &str, explanation: &rolegate::Explanation, expect: &Value) {
    use serde_json::json;
    if let Some(granted_by) = expect.get("grantedBy") {
        assert_eq!(&as_json(&explanation.granted_by), granted_by, "{name}: grantedBy");
    }
    if let Some(roles) = expect.get("grantingRoles") {
        assert_eq!(&json!(explanation.granting_roles), roles, "{name}: grantingRoles");
    }
    if let Some(blocked) = expect.get("blocked") {
        let actual: Vec<Value> =
            explanation.blocked.iter().map(|b| json!({ "role": b.grant.role, "reason": b.reason.code() })).collect();
        assert_eq!(&Value::from(actual), blocked, "{name}: blocked");
    }
    for lang in rolegate::Lang::ALL {
        let message = explanation.message.get(lang);
        if let Some(part) = expect.get("messageContains").and_then(|m| m[lang.as_str()].as_str()) {
            assert!(message.contains(part), "{name}: the {lang} message\n  {message}\nshould contain\n  {part}");
        }
    }
}
