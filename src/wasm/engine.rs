//! `WasmEngine`: a compiled policy held by JavaScript.

use super::error;
use super::session::WasmSession;
use crate::json::ToJson;
use crate::{PolicyEngine, Resource, Subject};
use wasm_bindgen::prelude::*;

/// A compiled policy. The package's `PolicyEngine` class wraps it.
#[wasm_bindgen]
pub struct WasmEngine {
    pub(super) engine: PolicyEngine,
}

/// JSON text for JavaScript's `JSON.parse`.
pub(crate) fn json<T: ToJson + ?Sized>(value: &T) -> String {
    value.to_json_string()
}

/// Reads a subject from the JSON text the JS layer made.
pub(crate) fn subject(json: &str) -> Result<Subject, JsError> {
    Subject::from_json(json).map_err(|e| error::request(&e))
}

/// Reads an optional resource.
pub(crate) fn resource(json: Option<String>) -> Result<Option<Resource>, JsError> {
    json.map(|text| Resource::from_json(&text).map_err(|e| error::request(&e))).transpose()
}

#[wasm_bindgen]
impl WasmEngine {
    /// Validates and compiles a policy from its JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Result<WasmEngine, JsError> {
        PolicyEngine::from_json(policy_json).map(|engine| WasmEngine { engine }).map_err(|e| error::policy(&e))
    }

    /// An engine from a compiled policy (`PolicyEngine::snapshot`'s bytes, cut around the text
    /// of its strings): how the package loads its built-in policies without parsing and
    /// validating their JSON again.
    #[wasm_bindgen(js_name = fromSnapshotParts)]
    pub fn from_snapshot_parts(head: &[u8], text: &str, body: &[u8]) -> Result<WasmEngine, JsError> {
        PolicyEngine::from_snapshot_parts(head, text, body)
            .map(|engine| WasmEngine { engine })
            .map_err(|e| error::policy(&e))
    }

    /// The compiled policy as bytes, for `fromSnapshotParts` (the package's build writes the
    /// built-ins' with it).
    #[cfg(feature = "wasm-admin")]
    pub fn snapshot(&self) -> Vec<u8> {
        self.engine.snapshot()
    }

    /// The policy's fingerprint.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.engine.fingerprint()
    }

    /// The policy's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.engine.id().to_string()
    }

    /// The policy document, normalized.
    #[wasm_bindgen(js_name = policyJson)]
    pub fn policy_json(&self) -> String {
        json(self.engine.policy())
    }

    /// The tenant kinds.
    #[wasm_bindgen(js_name = kindsJson)]
    pub fn kinds_json(&self) -> String {
        json(&self.engine.kinds())
    }

    /// The roles of a tenant kind (all when `undefined`).
    #[wasm_bindgen(js_name = rolesJson)]
    pub fn roles_json(&self, kind: Option<String>) -> Result<String, JsError> {
        self.engine.roles(kind.as_deref()).map(|r| json(&r)).map_err(|e| error::request(&e))
    }

    /// Every permission.
    #[wasm_bindgen(js_name = permissionsJson)]
    pub fn permissions_json(&self) -> String {
        json(&self.engine.permissions())
    }

    /// The role × permission matrix.
    #[wasm_bindgen(js_name = matrixJson)]
    pub fn matrix_json(&self, kind: Option<String>, lang: Option<String>) -> Result<String, JsError> {
        let lang = error::lang(lang)?;
        self.engine.matrix(kind.as_deref(), lang).map(|m| json(&m)).map_err(|e| error::request(&e))
    }

    /// Lint findings with messages in `lang`.
    #[wasm_bindgen(js_name = lintJson)]
    pub fn lint_json(&self, lang: Option<String>) -> Result<String, JsError> {
        let lang = error::lang(lang)?;
        let findings: Vec<_> = self.engine.lint().iter().map(|f| f.to_json_value(lang)).collect();
        Ok(json(&findings))
    }

    /// Whether the subject may do the action. (Through a session: the same answer and the same
    /// errors as `PolicyEngine::can`, which the tests hold them to, and the module then carries one
    /// decision path instead of two. The package calls this only for subjects its fast path does
    /// not take.)
    pub fn can(&self, subject_json: &str, action: &str, resource_json: Option<String>) -> Result<bool, JsError> {
        let subject = subject(subject_json)?;
        let resource = resource(resource_json)?;
        let session = self.engine.session(&subject).map_err(|e| error::request(&e))?;
        Ok(session.can(action, resource.as_ref()))
    }

    /// The decision, explained, with the message in `lang`.
    #[wasm_bindgen(js_name = explainJson)]
    pub fn explain_json(
        &self,
        subject_json: &str,
        action: &str,
        resource_json: Option<String>,
        lang: Option<String>,
    ) -> Result<String, JsError> {
        let lang = error::lang(lang)?;
        let subject = subject(subject_json)?;
        let resource = resource(resource_json)?;
        let explanation = self.engine.explain(&subject, action, resource.as_ref()).map_err(|e| error::request(&e))?;
        Ok(json(&explanation.to_json_value(lang)))
    }

    /// A session: the subject compiled for repeated checks.
    pub fn session(&self, subject_json: &str) -> Result<WasmSession, JsError> {
        let subject = subject(subject_json)?;
        self.engine.session(&subject).map(WasmSession::new).map_err(|e| error::request(&e))
    }
}
