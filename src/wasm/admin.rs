//! Administration across the boundary: `apply`, the organization queries and the organization
//! linter on `WasmEngine`. Snapshots and operations come in as JS objects; a snapshot or
//! operation that does not read is thrown as a `RequestError`, a refused operation is an answer
//! (`{ ok: false, violations }`), not an exception. `now` is a JS `Date`, RFC 3339 text, or left
//! out for the current time.

use super::convert::{from_js, resource, to_js};
use super::error;
use super::session::WasmSession;
#[cfg(feature = "wasm-requests")]
use crate::admin::{ApprovalRequest, Step};
use crate::admin::{Operation, Organization};
use crate::{Lang, ProblemIn};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn organization(value: JsValue) -> Result<Organization, JsValue> {
    Organization::from_deserializer(from_js(value)).map_err(|e| error::request(&e))
}

/// `now` as RFC 3339 text: a `Date` (whole seconds, UTC), text as given, the current time when
/// `undefined` or `null`.
fn time(now: JsValue, name: &str) -> Result<String, JsValue> {
    if let Some(text) = now.as_string() {
        return Ok(text);
    }
    let seconds = super::convert::date_seconds(&now);
    seconds.map(crate::admin::rfc3339).ok_or_else(|| error::argument(name, crate::messages::NOT_A_TIME.label()))
}

/// The answer of `apply`.
#[derive(Serialize)]
#[serde(untagged)]
enum Answer<'a> {
    Accepted {
        ok: bool,
        org: Organization,
        #[serde(skip_serializing_if = "Option::is_none")]
        created: Option<Box<Organization>>,
    },
    Refused {
        ok: bool,
        violations: Vec<ProblemIn<'a, crate::AdminCode>>,
    },
}

#[wasm_bindgen]
impl WasmEngine {
    /// Applies an operation: `{ ok: true, org, created? }` (`created`: the new tenant of
    /// `acceptTenantInvitation`) or `{ ok: false, violations }`, each violation
    /// `{ code, path, message (in lang), messages: { en, de } }`.
    pub fn apply(
        &self,
        org: JsValue,
        actor: &str,
        op: JsValue,
        now: JsValue,
        lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let lang: Lang = error::lang(lang)?;
        let now = time(now, "now")?;
        let org = organization(org)?;
        let op = Operation::from_deserializer(from_js(op)).map_err(|e| error::request(&e))?;
        match self.engine.apply(&org, actor, &op, &now) {
            Ok(applied) => {
                to_js(&Answer::Accepted { ok: true, org: applied.org, created: applied.created.map(Box::new) })
            }
            Err(violations) => {
                let violations = violations.iter().map(|v| v.in_lang(lang)).collect();
                to_js(&Answer::Refused { ok: false, violations })
            }
        }
    }

    /// The companies the organization invited to become tenants, each with its status at `now`
    /// (a `Date` or RFC 3339 text; left out, an open invitation counts as invited).
    pub fn customers(&self, org: JsValue, now: JsValue) -> Result<JsValue, JsValue> {
        let now = if super::convert::absent(&now) { None } else { Some(time(now, "now")?) };
        let org = organization(org)?;
        to_js(&self.engine.customers(&org, now.as_deref()).map_err(|e| error::org(&e))?)
    }

    /// The tenant that invited the organization (`{ tenant, kind, invitation, since }`), or `null`.
    #[wasm_bindgen(js_name = invitedBy)]
    pub fn invited_by(&self, org: JsValue) -> Result<JsValue, JsValue> {
        let org = organization(org)?;
        to_js(&self.engine.invited_by(&org).map_err(|e| error::org(&e))?)
    }

    /// The active administrators: `[{ id, name, email, roles }]`.
    pub fn admins(&self, org: JsValue) -> Result<JsValue, JsValue> {
        let admins = self.engine.admins(&organization(org)?).map_err(|e| error::org(&e))?;
        to_js(&admins)
    }

    /// The active members who may do the action on the resource (`anywhere`: somewhere, the
    /// resource left out), with the granting assignments.
    #[wasm_bindgen(js_name = whoCan)]
    pub fn who_can(
        &self,
        org: JsValue,
        action: &str,
        resource_value: JsValue,
        anywhere: bool,
    ) -> Result<JsValue, JsValue> {
        let org = organization(org)?;
        let resource = resource(resource_value)?;
        let members = if anywhere {
            self.engine.who_can_anywhere(&org, action)
        } else {
            self.engine.who_can(&org, action, resource.as_ref())
        };
        to_js(&members.map_err(|e| error::query(&e))?)
    }

    /// A member's "My data": `{ member, status, permissions, administrators }`.
    #[wasm_bindgen(js_name = myData)]
    pub fn my_data(&self, org: JsValue, member: &str) -> Result<JsValue, JsValue> {
        to_js(&self.engine.my_data(&organization(org)?, member).map_err(|e| error::org(&e))?)
    }

    /// A session for a member, counting the tenant's own roles.
    #[wasm_bindgen(js_name = memberSession)]
    pub fn member_session(&self, org: JsValue, member: &str) -> Result<WasmSession, JsValue> {
        let org = organization(org)?;
        self.engine.member_session(&org, member).map(WasmSession::new).map_err(|e| error::org(&e))
    }

    /// Organization lint findings with messages in `lang`, judged at `now` (as for `apply`).
    #[wasm_bindgen(js_name = lintOrg)]
    pub fn lint_org(&self, org: JsValue, now: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = error::lang(lang)?;
        let now = time(now, "options.now")?;
        let org = organization(org)?;
        let findings = self.engine.lint_org(&org, Some(&now)).map_err(|e| error::org(&e))?;
        to_js(&findings.iter().map(|f| f.in_lang(lang)).collect::<Vec<_>>())
    }

    #[cfg(feature = "wasm-requests")]
    /// Submits a request for an action that needs approval: `{ ok: true, request }` or
    /// `{ ok: false, violations }`. `now` as for `apply`.
    #[allow(clippy::too_many_arguments)]
    pub fn submit(
        &self,
        org: JsValue,
        requester: &str,
        action: &str,
        resource_value: JsValue,
        id: &str,
        now: JsValue,
        lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let lang: Lang = error::lang(lang)?;
        let now = time(now, "now")?;
        let org = organization(org)?;
        let resource = resource(resource_value)?;
        let submitted = self.engine.submit(&org, requester, action, resource.as_ref(), id, &now);
        request_answer(submitted, lang)
    }

    #[cfg(feature = "wasm-requests")]
    /// Takes a step of a request (`{ step: 'approve' | 'reject' | 'cancel' | 'expire', reason? }`):
    /// `{ ok: true, request }` or `{ ok: false, violations }`.
    pub fn step(
        &self,
        org: JsValue,
        request: JsValue,
        actor: &str,
        step: JsValue,
        now: JsValue,
        lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let lang: Lang = error::lang(lang)?;
        let now = time(now, "now")?;
        let org = organization(org)?;
        let request = approval_request(request)?;
        let step = Step::from_deserializer(from_js(step)).map_err(|e| error::request(&e))?;
        request_answer(self.engine.step(&org, &request, actor, &step, &now), lang)
    }

    #[cfg(feature = "wasm-requests")]
    /// The members who may approve the request's current tier now: `[{ id, name, email, roles }]`.
    #[wasm_bindgen(js_name = eligibleApprovers)]
    pub fn eligible_approvers(&self, org: JsValue, request: JsValue) -> Result<JsValue, JsValue> {
        let org = organization(org)?;
        let request = approval_request(request)?;
        to_js(&self.engine.eligible_approvers(&org, &request).map_err(|e| error::org(&e))?)
    }

    #[cfg(feature = "wasm-requests")]
    /// The requests awaiting a member's approval, as a plan over approval slots.
    pub fn awaiting(&self, org: JsValue, member: &str, action: &str) -> Result<JsValue, JsValue> {
        let org = organization(org)?;
        to_js(&self.engine.awaiting(&org, member, action).map_err(|e| error::org(&e))?)
    }

    /// Checks an organization snapshot once and keeps it for repeated questions.
    #[wasm_bindgen(js_name = organization)]
    pub fn organization_handle(&self, org: JsValue) -> Result<WasmOrganization, JsValue> {
        let org = organization(org)?;
        self.engine.organization(org).map(|handle| WasmOrganization { handle }).map_err(|e| error::org(&e))
    }
}

/// An approval request from a JS object.
#[cfg(feature = "wasm-requests")]
fn approval_request(value: JsValue) -> Result<ApprovalRequest, JsValue> {
    ApprovalRequest::from_deserializer(from_js(value)).map_err(|e| error::request(&e))
}

/// The answer of `submit` and `step`.
#[cfg(feature = "wasm-requests")]
#[derive(Serialize)]
#[serde(untagged)]
enum RequestAnswer<'a> {
    Accepted { ok: bool, request: ApprovalRequest },
    Refused { ok: bool, violations: Vec<ProblemIn<'a, crate::AdminCode>> },
}

#[cfg(feature = "wasm-requests")]
fn request_answer(result: Result<ApprovalRequest, Vec<crate::Violation>>, lang: Lang) -> Result<JsValue, JsValue> {
    match result {
        Ok(request) => to_js(&RequestAnswer::Accepted { ok: true, request }),
        Err(violations) => {
            let violations = violations.iter().map(|v| v.in_lang(lang)).collect();
            to_js(&RequestAnswer::Refused { ok: false, violations })
        }
    }
}

use super::engine::WasmEngine;

/// An organization loaded once (`engine.organization(org)`): the package's `Organization` class
/// wraps it.
#[wasm_bindgen]
pub struct WasmOrganization {
    handle: crate::admin::OrganizationHandle,
}

#[wasm_bindgen]
impl WasmOrganization {
    /// The active administrators: `[{ id, name, email, roles }]`.
    pub fn admins(&self) -> Result<JsValue, JsValue> {
        to_js(&self.handle.admins())
    }

    /// The active members who may do the action on the resource, with the granting assignments.
    #[wasm_bindgen(js_name = whoCan)]
    pub fn who_can(&self, action: &str, resource_value: JsValue, anywhere: bool) -> Result<JsValue, JsValue> {
        let resource = resource(resource_value)?;
        let members = if anywhere {
            self.handle.who_can_anywhere(action)
        } else {
            self.handle.who_can(action, resource.as_ref())
        };
        to_js(&members.map_err(|e| error::request(&e))?)
    }

    /// A member's "My data": `{ member, status, permissions, administrators }`.
    #[wasm_bindgen(js_name = myData)]
    pub fn my_data(&self, member: &str) -> Result<JsValue, JsValue> {
        to_js(&self.handle.my_data(member).map_err(|e| error::org(&e))?)
    }

    /// A session for a member, counting the tenant's own roles.
    #[wasm_bindgen(js_name = memberSession)]
    pub fn member_session(&self, member: &str) -> Result<WasmSession, JsValue> {
        self.handle.member_session(member).map(WasmSession::new).map_err(|e| error::org(&e))
    }

    /// The organization as loaded.
    pub fn org(&self) -> Result<JsValue, JsValue> {
        to_js(self.handle.organization())
    }
}
