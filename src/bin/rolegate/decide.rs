//! `rolegate decide`: many checks in one run. For scripts and servers that log decisions, and for
//! comparing this build's decisions with another runtime's (the parity test feeds the same cases
//! to the wasm module and requires identical output).

use crate::Failure;
use rolegate::{PolicyEngine, RequestError, Resource, Subject};
use serde_json::{json, Value};

/// One case of the input: the subject and resource stay JSON values, read one by one, so that
/// their problems are that case's result and not the whole run's.
struct Case {
    subject: Value,
    action: String,
    resource: Option<Value>,
}

/// The cases in `text` (a JSON list of `{ subject, action, resource? }`), decided and explained:
/// `{ policy, fingerprint, results }`, each result the explanation (messages in both languages)
/// or `{ error: { code, problems } }` when the case's subject or resource does not fit. `source`
/// names the input in errors; a list that is not one is bad input, nothing is decided.
pub fn cases(engine: &PolicyEngine, text: &str, source: &str) -> Result<Value, Failure> {
    let document: Value = serde_json::from_str(text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or_default();
        Failure::input(format!("{source}: not JSON (line {}, column {}): {what}", e.line(), e.column()))
    })?;
    let Value::Array(cases) = document else {
        return Err(Failure::input(format!("{source}: must be a list of cases {{ subject, action, resource? }}")));
    };
    let mut checked = Vec::with_capacity(cases.len());
    for (i, case) in cases.into_iter().enumerate() {
        checked.push(read_case(case).map_err(|e| Failure::input(format!("{source}: [{i}]{e}")))?);
    }
    let results: Vec<Value> = checked.iter().map(|case| decide(engine, case)).collect();
    Ok(json!({ "policy": engine.id(), "fingerprint": engine.fingerprint(), "results": results }))
}

/// A case's members; `Err` says what is wrong, after the case's place.
fn read_case(case: Value) -> Result<Case, String> {
    let Value::Object(mut members) = case else {
        return Err(": must be an object { subject, action, resource? }".into());
    };
    if let Some(key) = members.keys().find(|k| !matches!(k.as_str(), "subject" | "action" | "resource")) {
        return Err(format!(": unknown member '{key}': a case has subject, action and resource"));
    }
    let subject = members.shift_remove("subject").ok_or(".subject: missing")?;
    let Some(Value::String(action)) = members.shift_remove("action") else {
        return Err(".action: missing, or not a string".into());
    };
    let resource = members.shift_remove("resource").filter(|r| !r.is_null());
    Ok(Case { subject, action, resource })
}

/// One case decided: the explanation, or the error that the subject or resource caused.
fn decide(engine: &PolicyEngine, case: &Case) -> Value {
    let explained = Subject::from_value(&case.subject).and_then(|subject| {
        let resource = case.resource.as_ref().map(Resource::from_value).transpose()?;
        engine.explain(&subject, &case.action, resource.as_ref())
    });
    match explained {
        Ok(explanation) => serde_json::to_value(&explanation).unwrap_or_default(),
        Err(error) => error_json(&error),
    }
}

/// `{ error: { code, problems } }`, each problem with its message in both languages.
fn error_json(error: &RequestError) -> Value {
    json!({ "error": { "code": RequestError::CODE, "problems": error.problems } })
}
