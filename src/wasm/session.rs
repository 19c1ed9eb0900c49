//! `WasmSession`: one subject compiled, held by JavaScript.

use super::engine::{json, resource};
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
    pub fn can(&self, action: &str, resource_json: Option<String>) -> Result<bool, JsError> {
        let resource = resource(resource_json)?;
        Ok(self.session.can(action, resource.as_ref()))
    }

    /// Whether some assignment grants the action in some scope.
    #[wasm_bindgen(js_name = canAnywhere)]
    pub fn can_anywhere(&self, action: &str) -> bool {
        self.session.can_anywhere(action)
    }

    /// The decision, explained, with the message in `lang`.
    #[wasm_bindgen(js_name = explainJson)]
    pub fn explain_json(
        &self,
        action: &str,
        resource_json: Option<String>,
        lang: Option<String>,
    ) -> Result<String, JsError> {
        let lang = error::lang(lang)?;
        let resource = resource(resource_json)?;
        Ok(json(&self.session.explain(action, resource.as_ref()).to_json_value(lang)))
    }

    /// The subject's effective permissions.
    #[wasm_bindgen(js_name = permissionsJson)]
    pub fn permissions_json(&self) -> String {
        json(&self.session.permissions())
    }
}
