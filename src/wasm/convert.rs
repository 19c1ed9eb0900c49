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
