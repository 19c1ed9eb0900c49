//! `rolegate decide` and `rolegate plan --cases`: many checks (or plans) in one run. For scripts and servers that log decisions, and for
//! comparing this build's decisions with another runtime's (the parity test feeds the same cases
//! to the wasm module and requires identical output).

use crate::Failure;
use rolegate::{Organization, PolicyEngine, RequestError, Resource, Subject};
use serde::Serialize;
use serde_json::{json, Value};

/// One case of the input: the subject and resource stay JSON values, read one by one, so that
/// their problems are that case's result and not the whole run's.
struct Case {
    /// The subject, or (with an organization) `{ "member": id }`'s id.
    subject: Who,
    action: String,
    resource: Option<Value>,
    /// The instant to decide at (Unix seconds): the case's own `at`, or the run's.
    at: i64,
}

/// Who a case is about.
enum Who {
    Subject(Value),
    Member(String),
}

/// The cases in `text` (a JSON list of `{ subject, action, resource?, at? }`; `at`, RFC 3339, the
/// instant to decide at, `now` for the cases without one), decided and explained:
/// `{ policy, fingerprint, results }`, each result the explanation (messages in both languages)
/// or `{ error: { code, problems } }` when the case's subject or resource does not fit. `source`
/// names the input in errors; a list that is not one is bad input, nothing is decided.
///
/// With `org`, a case may name a `member` of it instead of a `subject`, and a subject is decided
/// with the organization's own approval rules (when it has them).
pub fn cases(
    engine: &PolicyEngine,
    org: Option<&Organization>,
    text: &str,
    source: &str,
    now: i64,
) -> Result<Value, Failure> {
    let checked = read_cases(text, source, true, org.is_some(), now)?;
    Ok(answers(engine, checked.iter().map(|case| decide(engine, org, case)).collect()))
}

/// The cases in `text` (a JSON list of `{ subject, action, at? }`), planned: `{ policy, fingerprint,
/// results }`, each result the plan (`{ decision, tenant, code?, anyOf? }`) or `{ error }` when the
/// case's subject does not fit. A plan names no resource, so a case with one is bad input.
pub fn plans(engine: &PolicyEngine, text: &str, source: &str, now: i64) -> Result<Value, Failure> {
    let checked = read_cases(text, source, false, false, now)?;
    let results = checked.iter().map(|case| {
        let Who::Subject(subject) = &case.subject else { return Value::Null };
        result_json(Subject::from_value(subject).and_then(|subject| engine.plan(&subject.at(case.at), &case.action)))
    });
    Ok(answers(engine, results.collect()))
}

/// `{ policy, fingerprint, results }`.
fn answers(engine: &PolicyEngine, results: Vec<Value>) -> Value {
    json!({ "policy": engine.id(), "fingerprint": engine.fingerprint(), "results": results })
}

/// Every case of `text`, or what is wrong with the first that is not one (`with_resource`: whether
/// a case may name a resource).
fn read_cases(text: &str, source: &str, with_resource: bool, members: bool, now: i64) -> Result<Vec<Case>, Failure> {
    let shape = match (with_resource, members) {
        (true, true) => "{ subject | member, action, resource?, at? }",
        (true, false) => "{ subject, action, resource?, at? }",
        _ => "{ subject, action, at? }",
    };
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
        let case = read_case(case, shape, with_resource, members, now)
            .map_err(|e| Failure::input(format!("{source}: [{i}]{e}")))?;
        checked.push(case);
    }
    Ok(checked)
}

/// A case's members; `Err` says what is wrong, after the case's place.
fn read_case(case: Value, shape: &str, with_resource: bool, by_member: bool, now: i64) -> Result<Case, String> {
    let Value::Object(mut members) = case else {
        return Err(format!(": must be an object {shape}"));
    };
    let known = |k: &str| {
        matches!(k, "subject" | "action" | "at") || (with_resource && k == "resource") || (by_member && k == "member")
    };
    if let Some(key) = members.keys().find(|k| !known(k)) {
        return Err(format!(": unknown member '{key}': a case is {shape}"));
    }
    let subject = match (members.shift_remove("subject"), members.shift_remove("member")) {
        (Some(subject), None) => Who::Subject(subject),
        (None, Some(Value::String(member))) => Who::Member(member),
        (None, Some(_)) => return Err(".member: not a string".into()),
        (Some(_), Some(_)) => return Err(": a subject or a member, not both".into()),
        (None, None) if by_member => return Err(": missing subject or member".into()),
        (None, None) => return Err(".subject: missing".into()),
    };
    let Some(Value::String(action)) = members.shift_remove("action") else {
        return Err(".action: missing, or not a string".into());
    };
    let resource = members.shift_remove("resource").filter(|r| !r.is_null());
    let at = match members.shift_remove("at") {
        None | Some(Value::Null) => now,
        Some(Value::String(text)) => rolegate::unix_seconds(&text)
            .ok_or_else(|| format!(".at: '{text}' is not an RFC 3339 time, e.g. 2026-11-22T12:00:00Z"))?,
        Some(_) => return Err(".at: not a string (an RFC 3339 time)".into()),
    };
    Ok(Case { subject, action, resource, at })
}

/// One case decided: the explanation, or the error that the subject, member or resource caused.
fn decide(engine: &PolicyEngine, org: Option<&Organization>, case: &Case) -> Value {
    let resource = match case.resource.as_ref().map(Resource::from_value).transpose() {
        Ok(resource) => resource,
        Err(e) => return result_json::<()>(Err(e)),
    };
    let session = match (&case.subject, org) {
        (Who::Member(member), Some(org)) => match engine.member_session(org, member) {
            Ok(session) => Ok(session),
            Err(e) => return json!({ "error": { "code": rolegate::OrgError::CODE, "problems": e.problems } }),
        },
        (Who::Subject(subject), Some(org)) => {
            Subject::from_value(subject).and_then(|subject| match &org.approval_rules {
                Some(rules) => engine.session_with_rules(&subject.at(case.at), rules),
                None => engine.session(&subject.at(case.at)),
            })
        }
        (Who::Subject(subject), None) => {
            Subject::from_value(subject).and_then(|subject| engine.session(&subject.at(case.at)))
        }
        (Who::Member(_), None) => return Value::Null,
    };
    // A resource whose typed attributes do not read is explained (`invalid_attribute`), as in JS.
    result_json(session.map(|session| session.explain(&case.action, resource.as_ref())))
}

/// A case's answer as JSON, or `{ error: { code, problems } }` (each problem with its message in
/// both languages) when its subject or resource does not fit.
fn result_json<T: Serialize>(result: Result<T, RequestError>) -> Value {
    match result {
        Ok(answer) => serde_json::to_value(&answer).unwrap_or_default(),
        Err(error) => json!({ "error": { "code": RequestError::CODE, "problems": error.problems } }),
    }
}
