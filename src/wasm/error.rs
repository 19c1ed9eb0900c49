//! Errors thrown to JavaScript: a JS `Error` whose message is a JSON payload the JS layer reads.

use crate::json::Value;
use crate::policy::Members;
use crate::{Code, Lang, PolicyError, Problem, RequestCode, RequestError};
use wasm_bindgen::JsError;

/// The thrown Error: its message is `{ kind, code, message, problems }` as JSON, each problem
/// `{ code, path, message (English), messages: { en, de } }`.
fn throw<C: Code>(kind: &str, code: &str, summary: &str, problems: &[Problem<C>]) -> JsError {
    let problems: Vec<Value> = problems.iter().map(|p| problem_json(p, Lang::En)).collect();
    let payload = Members::default()
        .with("kind", kind)
        .with("code", code)
        .with("message", summary)
        .with("problems", &problems)
        .build();
    JsError::new(&payload.to_compact_string())
}

/// A problem for JavaScript: `{ code, path, message (in lang), messages: { en, de } }`.
pub(crate) fn problem_json<C: Code>(p: &Problem<C>, lang: Lang) -> Value {
    Members::default()
        .with("code", p.code.as_str())
        .with("path", &p.path)
        .with("message", p.message.get(lang))
        .with("messages", &p.message)
        .build()
}

/// A policy that failed validation: `PolicyError` in JavaScript.
pub(crate) fn policy(e: &PolicyError) -> JsError {
    throw("policy", PolicyError::CODE, &e.summary(Lang::En), &e.problems)
}

/// A request that does not fit: `RequestError` (a `TypeError`) in JavaScript.
pub(crate) fn request(e: &RequestError) -> JsError {
    throw("request", RequestError::CODE, &e.summary(Lang::En), &e.problems)
}

/// An organization snapshot that does not fit the policy: a `RequestError` with code
/// `invalid_org` in JavaScript.
#[cfg(feature = "wasm-admin")]
pub(crate) fn org(e: &crate::OrgError) -> JsError {
    throw("request", crate::OrgError::CODE, &e.summary(Lang::En), &e.problems)
}

/// An argument that is not one of the allowed values, e.g. a language.
pub(crate) fn argument(path: &str, message: crate::Label) -> JsError {
    request(&RequestError::single(RequestCode::JsonShape, path, message))
}

/// `lang`, or a `RequestError` naming the argument.
pub(crate) fn lang(lang: Option<String>) -> Result<Lang, JsError> {
    match lang.as_deref() {
        None => Ok(Lang::En),
        Some(text) => text.parse().map_err(|_| argument("lang", crate::messages::UNKNOWN_LANG.fill(&[&text]))),
    }
}
