//! `WasmEngine`: a compiled policy held by JavaScript.

use super::convert::{from_js, subject, to_js};
use super::error;
use super::session::WasmSession;
use crate::{Policy, PolicyEngine};
use wasm_bindgen::prelude::*;

/// A compiled policy. The package's `PolicyEngine` class wraps it.
#[wasm_bindgen]
pub struct WasmEngine {
    pub(super) engine: PolicyEngine,
}

impl WasmEngine {
    /// The engine for JS, or its `PolicyError` as a JS `Error`.
    fn held(engine: Result<PolicyEngine, crate::PolicyError>) -> Result<WasmEngine, JsValue> {
        engine.map(|engine| WasmEngine { engine }).map_err(|e| error::policy(&e))
    }
}

#[wasm_bindgen]
impl WasmEngine {
    /// Validates and compiles a policy: a JS object, or (feature `wasm-text`, the Node module) its
    /// JSON text, read by serde_json as natively. The browser modules take objects only: the
    /// package parses text for them with `JSON.parse`, since serde_json's text parser would be
    /// 9 KB gzip of modules within a budget.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: JsValue) -> Result<WasmEngine, JsValue> {
        #[cfg(feature = "wasm-text")]
        if let Some(text) = policy.as_string() {
            return Self::held(PolicyEngine::from_json(&text));
        }
        Self::held(PolicyEngine::from_read(Policy::read_deserializer(from_js(policy))))
    }

    /// An engine from a compiled policy (`PolicyEngine::snapshot`'s bytes): how the package's
    /// Node build loads its built-in policies without validating and compiling them again (feature
    /// `wasm-snapshot`). The browser modules compile them from the document instead: the snapshot
    /// reader would be 8 KB gzip of modules within a budget.
    #[cfg(feature = "wasm-snapshot")]
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(bytes: &[u8]) -> Result<WasmEngine, JsValue> {
        Self::held(PolicyEngine::from_snapshot(bytes))
    }

    /// The compiled policy as bytes, for `fromSnapshot` (the package's build writes the
    /// built-ins' with it).
    #[cfg(feature = "wasm-snapshot")]
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

    /// The policy document, normalized: as its author writes it, defaults left out.
    pub fn policy(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine.policy().to_value())
    }

    /// The tenant kinds. (Not in the lean browser module: an administration or overview page's
    /// question; a gated page's explanations name what they need.)
    #[cfg(feature = "wasm-admin")]
    pub fn kinds(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine.kinds())
    }

    /// The roles of a tenant kind (all when `undefined`). (Not in the lean browser module, as
    /// `kinds`.)
    #[cfg(feature = "wasm-admin")]
    pub fn roles(&self, kind: Option<String>) -> Result<JsValue, JsValue> {
        let roles = self.engine.roles(kind.as_deref()).map_err(|e| error::request(&e))?;
        to_js(&roles)
    }

    /// Every permission. (Not in the lean browser module, as `kinds`.)
    #[cfg(feature = "wasm-admin")]
    pub fn permissions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine.permissions())
    }

    /// The role × permission matrix. (Not in the lean browser module: an overview page's job,
    /// not a gated page's.)
    #[cfg(feature = "wasm-admin")]
    pub fn matrix(&self, kind: Option<String>, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = error::lang(lang)?;
        let matrix = self.engine.matrix(kind.as_deref(), lang).map_err(|e| error::request(&e))?;
        to_js(&matrix)
    }

    /// Lint findings with messages in `lang`. (Only in Node's module: the policy's authors lint
    /// it, in CI, the CLI or Node; no browser page does, and the linter would be 3.6 KB gzip of
    /// the full module's budget.)
    #[cfg(feature = "wasm-policy-lint")]
    pub fn lint(&self, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = error::lang(lang)?;
        let findings = self.engine.lint();
        to_js(&findings.iter().map(|f| f.in_lang(lang)).collect::<Vec<_>>())
    }

    /// A session: the subject compiled for repeated checks at `at` (a `Date`, RFC 3339 text, or
    /// the current time when left out); with `rules` (a list, as an organization snapshot's
    /// `approvalRules`), deciding with the tenant's own approval rules.
    pub fn session(&self, subject_value: JsValue, rules: JsValue, at: JsValue) -> Result<WasmSession, JsValue> {
        let mut subject = subject(subject_value)?;
        // The browser modules refuse windows, so they need no instant (the package checks `at`).
        if crate::time::WINDOWS {
            subject = subject.at(super::convert::instant(&at, "options.at")?);
        }
        if super::convert::absent(&rules) {
            return self.engine.session(&subject).map(WasmSession::new).map_err(|e| error::request(&e));
        }
        let rules = super::convert::approval_rules(rules)?;
        self.engine.session_with_rules(&subject, &rules).map(WasmSession::new).map_err(|e| error::request(&e))
    }
}
