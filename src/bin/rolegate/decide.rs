//! `rolegate decide` and `rolegate plan --cases`: many checks (or plans) in one run. For scripts and servers that log decisions, and for
//! comparing this build's decisions with another runtime's (the parity test feeds the same cases
//! to the wasm module and requires identical output).

use crate::Failure;
use rolegate::{PolicyEngine, RequestError, Resource, Subject};
use serde::Serialize;
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
    let checked = read_cases(text, source, true)?;
    Ok(answers(engine, checked.iter().map(|case| decide(engine, case)).collect()))
}

/// The cases in `text` (a JSON list of `{ subject, action }`), planned: `{ policy, fingerprint,
/// results }`, each result the plan (`{ decision, tenant, code?, anyOf? }`) or `{ error }` when the
/// case's subject does not fit. A plan names no resource, so a case with one is bad input.
pub fn plans(engine: &PolicyEngine, text: &str, source: &str) -> Result<Value, Failure> {
    let checked = read_cases(text, source, false)?;
    let results = checked.iter().map(|case| {
        result_json(Subject::from_value(&case.subject).and_then(|subject| engine.plan(&subject, &case.action)))
    });
    Ok(answers(engine, results.collect()))
}

/// `{ policy, fingerprint, results }`.
fn answers(engine: &PolicyEngine, results: Vec<Value>) -> Value {
    json!({ "policy": engine.id(), "fingerprint": engine.fingerprint(), "results": results })
}

/// Every case of `text`, or what is wrong with the first that is not one (`with_resource`: whether
/// a case may name a resource).
fn read_cases(text: &str, source: &str, with_resource: bool) -> Result<Vec<Case>, Failure> {
    let shape = if with_resource { "{ subject, action, resource? }" } else { "{ subject, action }" };
    let document: Value = serde_json::from_str(text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or_default();
        Failure::input(format!("{source}: not JSON (line {}, column {}): {what}", e.line(), e.column()))
    })?;
    let Value::Array(cases) = document else {
        return Err(Failure::input(format!("{source}: must be a list of cases {shape}")));
    };
    let mut checked = Vec::with_capacity(cases.len());
    for (i, case) in cases.into_iter().enumerate() {
        checked.push(read_case(case, shape, with_resource).map_err(|e| Failure::input(format!("{source}: [{i}]{e}")))?);
    }
    Ok(checked)
}

/// A case's members; `Err` says what is wrong, after the case's place.
fn read_case(case: Value, shape: &str, with_resource: bool) -> Result<Case, String> {
    let Value::Object(mut members) = case else {
        return Err(format!(": must be an object {shape}"));
    };
    let known = |k: &str| matches!(k, "subject" | "action") || (with_resource && k == "resource");
    if let Some(key) = members.keys().find(|k| !known(k)) {
        return Err(format!(": unknown member '{key}': a case is {shape}"));
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
    result_json(explained)
}

/// A case's answer as JSON, or `{ error: { code, problems } }` (each problem with its message in
/// both languages) when its subject or resource does not fit.
fn result_json<T: Serialize>(result: Result<T, RequestError>) -> Value {
    match result {
        Ok(answer) => serde_json::to_value(&answer).unwrap_or_default(),
        Err(error) => json!({ "error": { "code": RequestError::CODE, "problems": error.problems } }),
    }
}
