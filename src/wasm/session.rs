//! `WasmSession`: one subject compiled, held by JavaScript.

use super::convert::{moved, read_resource, resource, to_js};
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

    /// Whether the subject may do the action on the resource.
    pub fn can(&self, action: &str, resource_value: JsValue) -> Result<bool, JsValue> {
        let resource = resource(resource_value)?;
        Ok(self.session.can(action, resource.as_ref()))
    }

    /// Decisions for every resource × every action, as one `Uint8Array` of rows (1 allowed, 0
    /// denied): `answers[i * actions.length + j]` is `actions[j]` on `resources[i]`. An
    /// `undefined` or `null` resource is no resource in particular; a resource that does not fit
    /// is a `RequestError` naming `resources[i]`.
    #[wasm_bindgen(js_name = canMany)]
    pub fn can_many(&self, actions: Vec<String>, resources: Vec<JsValue>) -> Result<Vec<u8>, JsValue> {
        let mut answers = Vec::with_capacity(actions.len() * resources.len());
        for (i, value) in resources.into_iter().enumerate() {
            let resource =
                read_resource(value).map_err(|e| error::request(&moved(e, "resource", &format!("resources[{i}]"))))?;
            answers.extend(actions.iter().map(|action| u8::from(self.session.can(action, resource.as_ref()))));
        }
        Ok(answers)
    }

    /// Whether some assignment grants the action in some scope.
    #[wasm_bindgen(js_name = canAnywhere)]
    pub fn can_anywhere(&self, action: &str) -> bool {
        self.session.can_anywhere(action)
    }

    /// Which resources the subject may do the action on: `{ decision, tenant, code?, anyOf? }`.
    pub fn plan(&self, action: &str) -> Result<JsValue, JsValue> {
        to_js(&self.session.plan(action))
    }

    /// The decision, explained, with the message in `lang`.
    pub fn explain(&self, action: &str, resource_value: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = error::lang(lang)?;
        let resource = resource(resource_value)?;
        to_js(&self.session.explain(action, resource.as_ref()).in_lang(lang))
    }

    /// The subject's effective permissions.
    pub fn permissions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.permissions())
    }
}
