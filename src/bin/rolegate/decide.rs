//! `rolegate decide`: many checks in one run. For scripts and servers that log decisions, and for
//! comparing this build's decisions with another runtime's (the parity test feeds the same cases
//! to the wasm module and requires identical output).

use crate::Failure;
use rolegate::json::{parse, ToJson, Value};
use rolegate::{PolicyEngine, RequestError, Resource, Subject};

/// The cases in `text` (a JSON list of `{ subject, action, resource? }`), decided and explained:
/// `{ policy, fingerprint, results }`, each result the explanation (messages in both languages)
/// or `{ error: { code, problems } }` when the case's subject or resource does not fit. `source`
/// names the input in errors; a list that is not one is bad input, nothing is decided.
pub fn cases(engine: &PolicyEngine, text: &str, source: &str) -> Result<Value, Failure> {
    let document = parse(text).map_err(|e| {
        Failure::input(format!("{source}: not JSON (line {}, column {}): {}", e.line, e.column, e.message))
    })?;
    let Value::Array(cases) = document else {
        return Err(Failure::input(format!("{source}: must be a list of cases {{ subject, action, resource? }}")));
    };
    let mut checked = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        checked.push(read_case(case).map_err(|e| Failure::input(format!("{source}: [{i}]{e}")))?);
    }
    let results = checked.iter().map(|(subject, action, resource)| decide(engine, subject, action, resource)).collect();
    Ok(Value::object([
        ("policy", engine.id().to_json()),
        ("fingerprint", engine.fingerprint().to_json()),
        ("results", Value::Array(results)),
    ]))
}

/// A case's members, the subject and resource still JSON text (their problems are the case's result).
fn read_case(case: &Value) -> Result<(String, String, Option<String>), String> {
    let Value::Object(members) = case else { return Err(": must be an object { subject, action, resource? }".into()) };
    if let Some((key, _)) = members.iter().find(|(k, _)| !matches!(k.as_str(), "subject" | "action" | "resource")) {
        return Err(format!(": unknown member '{key}': a case has subject, action and resource"));
    }
    let subject = case.get("subject").ok_or(".subject: missing")?.to_compact_string();
    let action = case.get("action").and_then(Value::as_str).ok_or(".action: missing, or not a string")?;
    let resource = match case.get("resource") {
        None | Some(Value::Null) => None,
        Some(resource) => Some(resource.to_compact_string()),
    };
    Ok((subject, action.to_string(), resource))
}

/// One case decided: the explanation, or the error that the subject or resource caused.
fn decide(engine: &PolicyEngine, subject: &str, action: &str, resource: &Option<String>) -> Value {
    let explained = Subject::from_json(subject).and_then(|subject| {
        let resource = resource.as_deref().map(Resource::from_json).transpose()?;
        engine.explain(&subject, action, resource.as_ref())
    });
    match explained {
        Ok(explanation) => explanation.to_json(),
        Err(error) => error_json(&error),
    }
}

/// `{ error: { code, problems } }`, each problem with its message in both languages.
fn error_json(error: &RequestError) -> Value {
    Value::object([(
        "error",
        Value::object([("code", RequestError::CODE.to_json()), ("problems", error.problems.to_json())]),
    )])
}
