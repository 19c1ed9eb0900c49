//! `WasmSession`: one subject compiled, held by JavaScript.

use super::convert::{resource, to_js};
use super::error;
use crate::Session;
use wasm_bindgen::prelude::*;

/// A compiled subject. The package's `Session` class wraps it.
#[wasm_bindgen]
pub struct WasmSession {
    session: Session,
}

impl WasmSession {
    pub(crate) fn new(session: Session) -> Self {
        WasmSession { session }
    }
}

#[wasm_bindgen]
impl WasmSession {
    /// The subject's tenant.
    #[wasm_bindgen(getter)]
    pub fn tenant(&self) -> String {
        self.session.tenant().to_string()
    }

    /// Whether the subject may do the action on the resource (for an action with an approval
    /// process: without approval); a resource whose typed attributes do not read is a
    /// `RequestError`.
    pub fn can(&self, action: &str, resource_value: JsValue) -> Result<bool, JsValue> {
        let resource = resource(resource_value)?;
        self.session.try_can(action, resource.as_ref()).map_err(|e| error::request(&e))
    }

    /// The three-way decision: `{ allowed, effect, code, approval? }`.
    pub fn decide(&self, action: &str, resource_value: JsValue) -> Result<JsValue, JsValue> {
        let resource = resource(resource_value)?;
        to_js(&self.session.evaluate(action, resource.as_ref()).map_err(|e| error::request(&e))?)
    }

    /// Which resources the subject may do the action on: `{ decision, tenant, code?, anyOf? }`.
    pub fn plan(&self, action: &str) -> Result<JsValue, JsValue> {
        to_js(&self.session.plan(action))
    }

    /// The decision, explained, with the message in `lang`.
    pub fn explain(&self, action: &str, resource_value: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = error::lang(lang)?;
        let resource = resource(resource_value)?;
        // A resource whose typed attributes do not read is explained (`invalid_attribute`).
        to_js(&self.session.explain(action, resource.as_ref()).in_lang(lang))
    }

    /// The actions with an approval process, which the package's fast path leaves to the module.
    #[wasm_bindgen(js_name = governedActions)]
    pub fn governed_actions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.governed_actions())
    }

    /// The subject's effective permissions.
    pub fn permissions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.permissions())
    }
}
