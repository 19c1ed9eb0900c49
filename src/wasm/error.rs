//! Errors thrown to JavaScript: a JS `Error` whose message is a JSON payload the JS layer reads.

use crate::json::{ToJson, Value};
use crate::policy::Members;
use crate::{Lang, PolicyError, RequestCode, RequestError};
use wasm_bindgen::JsError;

/// One problem as JavaScript sees it: the English message, and both languages.
struct JsProblem<'a> {
    code: &'static str,
    path: &'a str,
    message: &'a str,
    messages: &'a crate::Label,
}

impl ToJson for JsProblem<'_> {
    fn to_json(&self) -> Value {
        Members::default()
            .with("code", self.code)
            .with("path", self.path)
            .with("message", self.message)
            .with("messages", self.messages)
            .build()
    }
}

struct Payload<'a> {
    kind: &'static str,
    code: &'static str,
    message: String,
    problems: Vec<JsProblem<'a>>,
}

fn throw(payload: &Payload) -> JsError {
    let value = Members::default()
        .with("kind", payload.kind)
        .with("code", payload.code)
        .with("message", &payload.message)
        .with("problems", &payload.problems)
        .build();
    JsError::new(&value.to_compact_string())
}

/// A policy that failed validation: `PolicyError` in JavaScript.
pub(crate) fn policy(e: &PolicyError) -> JsError {
    let problems = e
        .problems
        .iter()
        .map(|p| JsProblem {
            code: crate::Code::as_str(p.code),
            path: &p.path,
            message: &p.message.en,
            messages: &p.message,
        })
        .collect();
    throw(&Payload { kind: "policy", code: PolicyError::CODE, message: e.summary(Lang::En), problems })
}

/// A request that does not fit: `RequestError` (a `TypeError`) in JavaScript.
pub(crate) fn request(e: &RequestError) -> JsError {
    let problems = e
        .problems
        .iter()
        .map(|p| JsProblem {
            code: crate::Code::as_str(p.code),
            path: &p.path,
            message: &p.message.en,
            messages: &p.message,
        })
        .collect();
    throw(&Payload { kind: "request", code: RequestError::CODE, message: e.summary(Lang::En), problems })
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
