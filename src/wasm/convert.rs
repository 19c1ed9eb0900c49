//! Values across the boundary with serde-wasm-bindgen: answers out as plain JS objects (one
//! serializer, JSON-compatible, so maps arrive as objects, never `Map`s), documents in from JS
//! values, read whole and checked by `crate::read` so that every problem is reported with its
//! path (a misspelt key too, which serde-wasm-bindgen alone would skip).

use super::error;
use crate::{Resource, Subject};
use serde::Serialize;
use serde_wasm_bindgen::{Deserializer, Serializer};
use wasm_bindgen::JsValue;

/// The serializer of every answer: plain objects for maps, numbers for 64-bit integers that fit.
const SERIALIZER: Serializer = Serializer::json_compatible();

/// `value` as a JS value.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&SERIALIZER).map_err(JsValue::from)
}

/// The JS value as a serde data source.
pub(crate) fn from_js(value: JsValue) -> Deserializer {
    Deserializer::from(value)
}

/// Whether the JS value stands for "left out": `undefined` or `null`.
pub(crate) fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// A subject from a JS object.
pub(crate) fn subject(value: JsValue) -> Result<Subject, JsValue> {
    Subject::from_deserializer(from_js(value)).map_err(|e| error::request(&e))
}

/// The Unix seconds (whole, rounded down) of a `Date`, or of the current time when `value` is
/// `undefined` or `null`; `None` for anything else and for an Invalid Date.
#[cfg_attr(not(any(feature = "wasm-admin", feature = "wasm-windows")), allow(dead_code))]
pub(crate) fn date_seconds(value: &JsValue) -> Option<i64> {
    use wasm_bindgen::JsCast;
    let millis = if absent(value) { js_sys::Date::now() } else { value.dyn_ref::<js_sys::Date>()?.get_time() };
    // INVARIANT: a finite Date is within ±8.64e15 ms, far inside i64 seconds.
    millis.is_finite().then(|| (millis / 1000.0).floor() as i64)
}

/// The instant decisions are for, as Unix seconds: a `Date`, RFC 3339 text, or the current time
/// when `undefined` or `null`; anything else is an argument error at `name`.
#[cfg_attr(not(feature = "wasm-windows"), allow(dead_code))]
pub(crate) fn instant(value: &JsValue, name: &str) -> Result<i64, JsValue> {
    let seconds = match value.as_string() {
        Some(text) => crate::time::parse(&text),
        None => date_seconds(value),
    };
    let code = crate::RequestCode::InvalidTime;
    seconds.ok_or_else(|| error::request(&crate::RequestError::single(code, name, crate::messages::NOT_A_TIME.label())))
}

/// An optional resource from a JS object, `undefined` or `null`.
pub(crate) fn resource(value: JsValue) -> Result<Option<Resource>, JsValue> {
    if absent(&value) {
        return Ok(None);
    }
    Resource::from_deserializer(from_js(value)).map(Some).map_err(|e| error::request(&e))
}

/// A tenant's approval rules from a JS list, every problem named below `rules`.
pub(crate) fn approval_rules(value: JsValue) -> Result<Vec<crate::policy::ApprovalRule>, JsValue> {
    crate::policy::read_approval_rules(from_js(value)).map_err(|e| error::request(&e))
}
