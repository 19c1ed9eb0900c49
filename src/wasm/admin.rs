//! Administration across the boundary: `apply`, the organization queries and the organization
//! linter on `WasmEngine`. Snapshots and operations come in as JSON text; a snapshot or operation
//! that does not parse is thrown as a `RequestError`, a refused operation is an answer
//! (`{ ok: false, violations }`), not an exception.

use super::engine::{json, resource, WasmEngine};
use super::error;
use super::session::WasmSession;
use crate::admin::{Operation, Organization};
use crate::json::Value;
use crate::policy::Members;
use wasm_bindgen::prelude::*;

fn organization(org_json: &str) -> Result<Organization, JsError> {
    Organization::from_json(org_json).map_err(|e| error::request(&e))
}

#[wasm_bindgen]
impl WasmEngine {
    /// Applies an operation: `{ ok: true, org }` or `{ ok: false, violations }`, each violation
    /// `{ code, path, message (in lang), messages: { en, de } }`.
    #[wasm_bindgen(js_name = applyJson)]
    pub fn apply_json(
        &self,
        org_json: &str,
        actor: &str,
        op_json: &str,
        now: &str,
        lang: Option<String>,
    ) -> Result<String, JsError> {
        let lang = error::lang(lang)?;
        let org = organization(org_json)?;
        let op = Operation::from_json(op_json).map_err(|e| error::request(&e))?;
        let answer = match self.engine.apply(&org, actor, &op, now) {
            Ok(next) => Members::default().with("ok", true).with("org", &next).build(),
            Err(violations) => {
                let violations: Vec<Value> = violations.iter().map(|v| error::problem_json(v, lang)).collect();
                Members::default().with("ok", false).with("violations", &violations).build()
            }
        };
        Ok(answer.to_compact_string())
    }

    /// The active administrators: `[{ id, name, email, roles }]`.
    #[wasm_bindgen(js_name = adminsJson)]
    pub fn admins_json(&self, org_json: &str) -> Result<String, JsError> {
        let org = organization(org_json)?;
        self.engine.admins(&org).map(|a| json(&a)).map_err(|e| error::org(&e))
    }

    /// The active members who may do the action on the resource, with the granting assignments.
    #[wasm_bindgen(js_name = whoCanJson)]
    pub fn who_can_json(&self, org_json: &str, action: &str, resource_json: Option<String>) -> Result<String, JsError> {
        let org = organization(org_json)?;
        let resource = resource(resource_json)?;
        self.engine.who_can(&org, action, resource.as_ref()).map(|a| json(&a)).map_err(|e| error::org(&e))
    }

    /// A member's "My data": `{ member, status, permissions, administrators }`.
    #[wasm_bindgen(js_name = myDataJson)]
    pub fn my_data_json(&self, org_json: &str, member: &str) -> Result<String, JsError> {
        let org = organization(org_json)?;
        self.engine.my_data(&org, member).map(|d| json(&d)).map_err(|e| error::org(&e))
    }

    /// A session for a member, counting the tenant's own roles.
    #[wasm_bindgen(js_name = memberSession)]
    pub fn member_session(&self, org_json: &str, member: &str) -> Result<WasmSession, JsError> {
        let org = organization(org_json)?;
        self.engine.member_session(&org, member).map(WasmSession::new).map_err(|e| error::org(&e))
    }

    /// Organization lint findings with messages in `lang`; with `now`, also the time-based ones.
    #[wasm_bindgen(js_name = lintOrgJson)]
    pub fn lint_org_json(&self, org_json: &str, now: Option<String>, lang: Option<String>) -> Result<String, JsError> {
        let lang = error::lang(lang)?;
        let org = organization(org_json)?;
        let findings = self.engine.lint_org(&org, now.as_deref()).map_err(|e| error::org(&e))?;
        let findings: Vec<Value> = findings.iter().map(|f| f.to_json_value(lang)).collect();
        Ok(json(&findings))
    }
}

/// An organization loaded once (`engine.organization(org)`): the package's `Organization` class
/// wraps it.
#[wasm_bindgen]
pub struct WasmOrganization {
    handle: crate::admin::OrganizationHandle,
}

#[wasm_bindgen]
impl WasmEngine {
    /// Checks an organization snapshot once and keeps it for repeated questions.
    #[wasm_bindgen(js_name = organization)]
    pub fn organization_handle(&self, org_json: &str) -> Result<WasmOrganization, JsError> {
        let org = organization(org_json)?;
        self.engine.organization(org).map(|handle| WasmOrganization { handle }).map_err(|e| error::org(&e))
    }
}

#[wasm_bindgen]
impl WasmOrganization {
    /// The active administrators: `[{ id, name, email, roles }]`.
    #[wasm_bindgen(js_name = adminsJson)]
    pub fn admins_json(&self) -> String {
        json(&self.handle.admins())
    }

    /// The active members who may do the action on the resource, with the granting assignments.
    #[wasm_bindgen(js_name = whoCanJson)]
    pub fn who_can_json(&self, action: &str, resource_json: Option<String>) -> Result<String, JsError> {
        let resource = resource(resource_json)?;
        Ok(json(&self.handle.who_can(action, resource.as_ref())))
    }

    /// A member's "My data": `{ member, status, permissions, administrators }`.
    #[wasm_bindgen(js_name = myDataJson)]
    pub fn my_data_json(&self, member: &str) -> Result<String, JsError> {
        self.handle.my_data(member).map(|d| json(&d)).map_err(|e| error::org(&e))
    }

    /// A session for a member, counting the tenant's own roles.
    #[wasm_bindgen(js_name = memberSession)]
    pub fn member_session(&self, member: &str) -> Result<WasmSession, JsError> {
        self.handle.member_session(member).map(WasmSession::new).map_err(|e| error::org(&e))
    }

    /// The organization as loaded, as JSON.
    #[wasm_bindgen(js_name = orgJson)]
    pub fn org_json(&self) -> String {
        json(self.handle.organization())
    }
}
