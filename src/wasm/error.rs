//! Errors thrown to JavaScript: real `Error` objects (js-sys) carrying `kind` (`policy` or
//! `request`), `code` and `problems`, each problem `{ code, path, message (English), messages:
//! { en, de } }`. The package's JS layer turns them into `PolicyError` / `RequestError`.

use super::convert::to_js;
use crate::{Code, Lang, PolicyError, Problem, RequestCode, RequestError};
use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

/// A JS `Error` with the message `summary` and `kind`, `code` and `problems` properties.
fn throw<C: Code>(kind: &str, code: &str, summary: &str, problems: &[Problem<C>]) -> JsValue {
    let error = Error::new(summary);
    let problems: Vec<_> = problems.iter().map(|p| p.in_lang(Lang::En)).collect();
    let problems = to_js(&problems).unwrap_or(JsValue::UNDEFINED);
    // Setting properties of a fresh Error cannot fail.
    for (key, value) in [("kind", JsValue::from(kind)), ("code", JsValue::from(code)), ("problems", problems)] {
        let _ = Reflect::set(&error, &JsValue::from(key), &value);
    }
    error.into()
}

/// A policy that failed validation: `PolicyError` in JavaScript.
pub(crate) fn policy(e: &PolicyError) -> JsValue {
    throw("policy", PolicyError::CODE, &e.summary(Lang::En), &e.problems)
}

/// A request that does not fit: `RequestError` (a `TypeError`) in JavaScript.
pub(crate) fn request(e: &RequestError) -> JsValue {
    throw("request", RequestError::CODE, &e.summary(Lang::En), &e.problems)
}

/// An organization snapshot that does not fit the policy: a `RequestError` with code
/// `invalid_org` in JavaScript.
#[cfg(feature = "wasm-admin")]
pub(crate) fn org(e: &crate::OrgError) -> JsValue {
    throw("request", crate::OrgError::CODE, &e.summary(Lang::En), &e.problems)
}

/// A question about an organization without an answer: its snapshot does not fit
/// (`invalid_org`), or the question does not (`invalid_request`, e.g. `unknown_action`).
#[cfg(feature = "wasm-admin")]
pub(crate) fn query(e: &crate::QueryError) -> JsValue {
    match e {
        crate::QueryError::Org(e) => org(e),
        crate::QueryError::Request(e) => request(e),
    }
}

/// An argument that is not one of the allowed values, e.g. a language.
pub(crate) fn argument(path: &str, message: crate::Label) -> JsValue {
    request(&RequestError::single(RequestCode::JsonShape, path, message))
}

/// `lang`, or a `RequestError` naming the argument.
pub(crate) fn lang(lang: Option<String>) -> Result<Lang, JsValue> {
    match lang.as_deref() {
        None => Ok(Lang::En),
        Some(text) => text.parse().map_err(|_| argument("lang", crate::messages::UNKNOWN_LANG.fill(&[&text]))),
    }
}
