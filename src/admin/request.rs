//! The life of an approval request, as checked transitions: [`PolicyEngine::submit`] (the rules
//! and tiers are fixed at submission), then [`PolicyEngine::step`]: approve the current tier,
//! reject (with a reason), cancel (by the requester), expire (after the policy's days). Like
//! `apply`, each is a pure function of the policy, the organization snapshot, the request
//! document, the actor and the time: it returns the new request or every violation, and never
//! changes its input. The queries: the eligible approvers of the current tier, and the requests
//! awaiting a member as a [`Plan`] over approval slots.
//!
//! Four-eyes by rule: the requester never approves (or rejects) their own request, and one member
//! approves at most one tier of a request, unless the policy's `approvals` says otherwise
//! (`requesterMayApprove`, `approverMayRepeat`). A request is complete exactly when every tier of
//! every rule it was submitted under is approved.

use super::org::{MemberStatus, Organization};
use super::queries::MemberRef;
use super::tenant::{check_time, violation, Tenant};
use super::{member_subject, AdminCode, OrgError, Violation};
use crate::engine::approval::{ApprovalsModel, Governed, RuleRef};
use crate::engine::model::Model;
use crate::engine::resolve::covers;
use crate::engine::{parse, parse_from, parse_value, Plan, Reason, Resource, RoleAssignment, Scope};
use crate::lang::Label;
use crate::limits;
use crate::messages as msg;
use crate::path;
use crate::read::walk::{Walk, Walker};
use crate::read::Document;
use crate::text::{join_or, quote};
use crate::time;
use crate::PolicyEngine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A request for an action that needs approval: `{ id, action, requester, resource?, submittedAt,
/// expiresAt, status, rules, tiers, closedBy?, closedAt?, reason? }`. The caller stores it; each
/// step returns the next version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApprovalRequest {
    /// The request's id, chosen by the caller (e.g. its database row).
    pub id: String,
    /// The action asked for, e.g. `eshop.order.place`.
    pub action: String,
    /// The requester's member id.
    pub requester: String,
    /// What the action is done on: its scope and typed attributes (e.g. `facility`, `total`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    /// When it was submitted (RFC 3339).
    pub submitted_at: String,
    /// When it expires unless complete (RFC 3339).
    pub expires_at: String,
    /// Where it stands.
    #[serde(default)]
    pub status: RequestStatus,
    /// The rules it was submitted under.
    pub rules: Vec<RuleRef>,
    /// The tiers, in order, each with its approval once given.
    pub tiers: Vec<RequestTier>,
    /// Who rejected or cancelled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    /// When it was approved, rejected, cancelled or expired (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One tier of a request: `{ rule, roles, approvedBy?, approvedAt? }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestTier {
    /// The id of the rule the tier belongs to.
    pub rule: String,
    /// The roles whose holders may approve it (fixed at submission).
    pub roles: Vec<String>,
    /// The member who approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// When (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_at: Option<String>,
}

/// Where a request stands: `"pending"`, `"approved"`, `"rejected"`, `"cancelled"` or `"expired"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequestStatus {
    /// Waiting for its current tier.
    #[default]
    Pending,
    /// Every tier approved: the action may be done now.
    Approved,
    /// Rejected by an approver, with a reason.
    Rejected,
    /// Withdrawn by the requester.
    Cancelled,
    /// Not complete in time.
    Expired,
}

impl RequestStatus {
    /// `pending`, `approved`, `rejected`, `cancelled` or `expired`.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Rejected => "rejected",
            RequestStatus::Cancelled => "cancelled",
            RequestStatus::Expired => "expired",
        }
    }
}

/// A step of a request's life: `{ "step": "approve" }`, `{ "step": "reject", "reason" }`,
/// `{ "step": "cancel" }` or `{ "step": "expire" }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "camelCase", deny_unknown_fields)]
pub enum Step {
    /// The actor approves the current tier.
    Approve,
    /// The actor, an eligible approver of the current tier, rejects the request.
    Reject {
        /// Why; not empty.
        reason: String,
    },
    /// The requester withdraws the request.
    Cancel,
    /// The request's time ran out (a step of the system: the actor is not checked).
    Expire,
}

impl Step {
    /// The steps' names, as written in `step`.
    pub const NAMES: [&'static str; 4] = ["approve", "reject", "cancel", "expire"];

    /// Reads a step from JSON; problems are reported below `step`.
    pub fn from_json(json: &str) -> Result<Step, crate::RequestError> {
        parse(json)
    }

    /// Reads a step from a JSON value.
    pub fn from_value(value: &Value) -> Result<Step, crate::RequestError> {
        parse_value(value)
    }

    /// Reads a step from any serde data source (in the wasm build, a JavaScript value).
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, crate::RequestError> {
        parse_from(deserializer)
    }
}

impl ApprovalRequest {
    /// Reads a request from JSON; problems are reported below `request`.
    pub fn from_json(json: &str) -> Result<ApprovalRequest, crate::RequestError> {
        parse(json)
    }

    /// Reads a request from a JSON value.
    pub fn from_value(value: &Value) -> Result<ApprovalRequest, crate::RequestError> {
        parse_value(value)
    }

    /// Reads a request from any serde data source (in the wasm build, a JavaScript value).
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, crate::RequestError> {
        parse_from(deserializer)
    }

    /// The index of the first tier not approved yet; `None` when every tier is.
    pub fn current_tier(&self) -> Option<usize> {
        self.tiers.iter().position(|t| t.approved_by.is_none())
    }

    /// Whether every tier is approved.
    pub fn complete(&self) -> bool {
        !self.tiers.is_empty() && self.current_tier().is_none()
    }

    /// The request as compact JSON text (what [`ApprovalRequest::from_json`] reads back).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Document for ApprovalRequest {
    const ROOT: &'static str = "request";
    const WALK: Walk<Self> = read_request;
}

impl Document for Step {
    const ROOT: &'static str = "step";
    const WALK: Walk<Self> = read_step;
}

fn read_request(w: &mut Walker, v: &Value, path: &str) -> Option<ApprovalRequest> {
    const FIELDS: &[&str] = &[
        "id",
        "action",
        "requester",
        "resource",
        "submittedAt",
        "expiresAt",
        "status",
        "rules",
        "tiers",
        "closedBy",
        "closedAt",
        "reason",
    ];
    w.record(v, path, FIELDS, |w, o| ApprovalRequest {
        id: o.required(w, "id", Walker::string),
        action: o.required(w, "action", Walker::string),
        requester: o.required(w, "requester", Walker::string),
        resource: o.nullable(w, "resource", crate::engine::read_resource),
        submitted_at: o.required(w, "submittedAt", Walker::string),
        expires_at: o.required(w, "expiresAt", Walker::string),
        status: o.optional(w, "status", read_status),
        rules: o.required(w, "rules", |w, v, p| w.list(v, p, read_rule_ref)),
        tiers: o.required(w, "tiers", |w, v, p| w.list(v, p, read_tier)),
        closed_by: o.nullable(w, "closedBy", Walker::string),
        closed_at: o.nullable(w, "closedAt", Walker::string),
        reason: o.nullable(w, "reason", Walker::string),
    })
}

fn read_status(w: &mut Walker, v: &Value, path: &str) -> Option<RequestStatus> {
    use RequestStatus::{Approved, Cancelled, Expired, Pending, Rejected};
    let names = [
        ("pending", Pending),
        ("approved", Approved),
        ("rejected", Rejected),
        ("cancelled", Cancelled),
        ("expired", Expired),
    ];
    let text = w.string(v, path)?;
    let found = names.iter().find(|(name, _)| *name == text).map(|&(_, s)| s);
    if found.is_none() {
        w.problem(path, msg::NOT_A_REQUEST_STATUS.fill(&[&text.as_str()]));
    }
    found
}

fn read_rule_ref(w: &mut Walker, v: &Value, path: &str) -> Option<RuleRef> {
    use crate::engine::RuleSource;
    w.record(v, path, &["id", "source"], |w, o| {
        let id = o.required(w, "id", Walker::string);
        let source = o.require(w, "source", |w, v, p| {
            let text = w.string(v, p)?;
            let found = match text.as_str() {
                "policy" => Some(RuleSource::Policy),
                "tenant" => Some(RuleSource::Tenant),
                "builtin" => Some(RuleSource::Builtin),
                _ => None,
            };
            if found.is_none() {
                w.problem(p, msg::NOT_A_RULE_SOURCE.fill(&[&text.as_str()]));
            }
            found
        });
        Some(RuleRef { id, source: source? })
    })
    .flatten()
}

fn read_tier(w: &mut Walker, v: &Value, path: &str) -> Option<RequestTier> {
    w.record(v, path, &["rule", "roles", "approvedBy", "approvedAt"], |w, o| RequestTier {
        rule: o.required(w, "rule", Walker::string),
        roles: o.required(w, "roles", Walker::strings),
        approved_by: o.nullable(w, "approvedBy", Walker::string),
        approved_at: o.nullable(w, "approvedAt", Walker::string),
    })
}

fn read_step(w: &mut Walker, v: &Value, path: &str) -> Option<Step> {
    let name = match v.get("step") {
        Some(step) => w.string(step, &path::key(path, "step"))?,
        None => {
            let o = w.object(v, path, &["step"])?;
            o.required(w, "step", Walker::string);
            return None;
        }
    };
    let fields: &[&str] = match name.as_str() {
        "reject" => &["step", "reason"],
        "approve" | "cancel" | "expire" => &["step"],
        other => {
            let hint = crate::text::did_you_mean(crate::text::suggest(other, Step::NAMES.iter().copied()));
            let message = msg::UNKNOWN_STEP.fill(&[&other, &Step::NAMES.join(", "), &hint]);
            w.problem(&path::key(path, "step"), message);
            return None;
        }
    };
    w.record(v, path, fields, |w, o| match name.as_str() {
        "reject" => Step::Reject { reason: o.required(w, "reason", Walker::string) },
        "approve" => Step::Approve,
        "cancel" => Step::Cancel,
        _ => Step::Expire,
    })
}

// ---------------------------------------------------------------------------------------------

impl PolicyEngine {
    /// Submits a request of member `requester` of `org` for `action` on `resource` at `now`,
    /// under id `id`: the rules that apply and their tiers are fixed now. Refused when the member
    /// may do the action directly (`approval_not_required`), may not ask for it
    /// (`not_permitted`, with the denial's words), or the resource's attributes do not read.
    pub fn submit(
        &self,
        org: &Organization,
        requester: &str,
        action: &str,
        resource: Option<&Resource>,
        id: &str,
        now: &str,
    ) -> Result<ApprovalRequest, Vec<Violation>> {
        let mut out = Vec::new();
        let now = check_time(now, "now", &mut out);
        check_id(id, &mut out);
        let tenant = Tenant::new(self.model(), org)?;
        let Some(approvals) = tenant.model.approvals.as_ref() else {
            violation(&mut out, AdminCode::NotGoverned, "action", msg::NO_APPROVALS.label());
            return Err(out);
        };
        let (subject, resolved) = match member_subject(&tenant, requester) {
            Ok(found) => found,
            Err(e) => {
                out.extend(e.problems.into_iter().map(|p| Violation::new(p.code, "requester", p.message)));
                return Err(out);
            }
        };
        let governed = tenant.model.perms.get(action).and_then(|a| tenant.model.governed(a));
        if governed.is_none() {
            let names: Vec<&str> = approvals.actions.iter().map(|g| tenant.model.perms.name(g.action)).collect();
            violation(
                &mut out,
                AdminCode::NotGoverned,
                "action",
                msg::NOT_GOVERNED.fill(&[&action, &names.join("', '")]),
            );
            return Err(out);
        }
        let model = &tenant.model;
        let decided =
            crate::engine::session::outcome(model, &tenant.rules, &subject.tenant, &resolved, action, resource);
        let outcome = match decided {
            Ok(outcome) => outcome,
            Err(e) => {
                for p in e.problems {
                    violation(&mut out, AdminCode::InvalidAttribute, p.path, p.message);
                }
                return Err(out);
            }
        };
        match outcome.reason {
            Reason::ApprovalRequired => {}
            Reason::Granted => {
                let message = msg::APPROVAL_NOT_REQUIRED
                    .fill(&[&org.who(requester), &quote(model.perm_label(outcome.governed.map_or(0, |g| g.action)))]);
                violation(&mut out, AdminCode::ApprovalNotRequired, "action", message);
            }
            _ => {
                let why =
                    crate::engine::explain::explain(model, &tenant.rules, &subject.tenant, &resolved, action, resource);
                violation(&mut out, AdminCode::NotPermitted, "requester", why.message);
            }
        }
        let Some(now) = now else { return Err(out) };
        if !out.is_empty() {
            return Err(out);
        }
        let Some(approval) = outcome.approval(model, resolved.kind, resolved.modules) else { return Err(out) };
        let days = i64::from(approvals.expires_after_days);
        Ok(ApprovalRequest {
            id: id.to_string(),
            action: action.to_string(),
            requester: requester.to_string(),
            resource: resource.cloned(),
            submitted_at: time::format(now),
            expires_at: time::format(now + days * 86_400),
            status: RequestStatus::Pending,
            rules: approval.rules,
            tiers: approval
                .tiers
                .into_iter()
                .map(|t| RequestTier { rule: t.rule, roles: t.roles, approved_by: None, approved_at: None })
                .collect(),
            closed_by: None,
            closed_at: None,
            reason: None,
        })
    }

    /// Takes `step` of `request` by member `actor` of `org` at `now`: the next version of the
    /// request, or every violation. Approving the last tier makes it `approved` (see
    /// [`ApprovalRequest::complete`]).
    pub fn step(
        &self,
        org: &Organization,
        request: &ApprovalRequest,
        actor: &str,
        step: &Step,
        now: &str,
    ) -> Result<ApprovalRequest, Vec<Violation>> {
        let mut out = Vec::new();
        let now = check_time(now, "now", &mut out);
        let tenant = Tenant::new(self.model(), org)?;
        let Some(checked) = Checked::new(&tenant, request, &mut out) else { return Err(out) };
        let Some(now) = now else { return Err(out) };
        if request.status != RequestStatus::Pending {
            let message = msg::REQUEST_CLOSED.fill(&[&request.id, &request.status.as_str()]);
            violation(&mut out, AdminCode::RequestClosed, "request.status", message);
            return Err(out);
        }
        let expired = time::expired(&request.expires_at, now);
        let mut next = request.clone();
        let stamp = time::format(now);
        match step {
            Step::Expire => {
                if !expired {
                    let message = msg::NOT_EXPIRED.fill(&[&request.id, &time::readable(&request.expires_at)]);
                    violation(&mut out, AdminCode::NotExpired, "request.expiresAt", message);
                }
                next.status = RequestStatus::Expired;
                next.closed_at = Some(stamp);
            }
            Step::Cancel => {
                if actor != request.requester {
                    let message = msg::NOT_REQUESTER.fill(&[&org.who(actor), &org.who(&request.requester)]);
                    violation(&mut out, AdminCode::NotRequester, "actor", message);
                }
                check_open(&mut out, request, expired);
                next.status = RequestStatus::Cancelled;
                next.closed_by = Some(actor.to_string());
                next.closed_at = Some(stamp);
            }
            Step::Approve | Step::Reject { .. } => {
                check_open(&mut out, request, expired);
                let tier = request.current_tier();
                if let Some(t) = tier {
                    checked.check_approver(actor, t, &mut out);
                }
                match step {
                    Step::Reject { reason } => {
                        if reason.trim().is_empty() {
                            violation(&mut out, AdminCode::EmptyReason, "step.reason", msg::EMPTY_REASON.label());
                        }
                        next.status = RequestStatus::Rejected;
                        next.closed_by = Some(actor.to_string());
                        next.closed_at = Some(stamp);
                        next.reason = Some(reason.clone());
                    }
                    _ => {
                        if let Some(t) = tier {
                            next.tiers[t].approved_by = Some(actor.to_string());
                            next.tiers[t].approved_at = Some(stamp.clone());
                        }
                        if next.complete() {
                            next.status = RequestStatus::Approved;
                            next.closed_at = Some(stamp);
                        }
                    }
                }
            }
        }
        if out.is_empty() {
            Ok(next)
        } else {
            Err(out)
        }
    }

    /// The members who may approve the current tier of `request` now: active, holding one of its
    /// roles in a scope covering the request's resource (and the approving permission), neither
    /// the requester nor an approver of another tier (unless the policy allows either). Empty
    /// when the request is not pending.
    pub fn eligible_approvers(
        &self,
        org: &Organization,
        request: &ApprovalRequest,
    ) -> Result<Vec<MemberRef>, OrgError> {
        let tenant = Tenant::new(self.model(), org).map_err(|problems| OrgError { problems })?;
        let mut out = Vec::new();
        let checked = Checked::new(&tenant, request, &mut out).ok_or(OrgError { problems: out })?;
        let Some(t) = request.current_tier().filter(|_| request.status == RequestStatus::Pending) else {
            return Ok(Vec::new());
        };
        Ok(org
            .members
            .iter()
            .filter_map(|m| {
                let mut refused = Vec::new();
                checked.check_approver(&m.id, t, &mut refused);
                refused.is_empty().then(|| MemberRef {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    email: m.email.clone(),
                    roles: checked.eligible_assignments(&m.roles, t),
                })
            })
            .collect())
    }

    /// The requests of governed action `action` awaiting member `member` of `org`, as a plan over
    /// **approval slots**: one row per role of a pending request's current tier, with the
    /// attributes `tierRole` (that role), `requester` and the request's scope attributes. A slot
    /// is allowed when the member holds its role in a scope covering the request (and the role
    /// can approve), and is not the requester (`excluding`). Whether the member approved another
    /// tier of the same request already is the caller's to leave out (the step refuses it).
    pub fn awaiting(&self, org: &Organization, member: &str, action: &str) -> Result<Plan, OrgError> {
        let tenant = Tenant::new(self.model(), org).map_err(|problems| OrgError { problems })?;
        let (subject, resolved) = member_subject(&tenant, member)?;
        let model = &tenant.model;
        let governed = model.perms.get(action).and_then(|a| model.governed(a));
        let Some((_, g)) = governed else {
            let code = if model.perms.get(action).is_none() { Reason::UnknownAction } else { Reason::NotGranted };
            return Ok(Plan::Never { tenant: subject.tenant, code });
        };
        let requester_may_approve = model.approvals.as_ref().is_some_and(|a| a.requester_may_approve);
        let mut scopes: Vec<Scope> = Vec::new();
        for a in resolved.assignments.iter().filter(|a| a.available) {
            if !model.role_info[a.role as usize].effective.contains(g.approve) {
                continue;
            }
            let mut scope = a.scope.clone().unwrap_or_default();
            scope.insert(TIER_ROLE.to_string(), model.roles.name(a.role).to_string());
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        if scopes.is_empty() {
            return Ok(Plan::Never { tenant: subject.tenant, code: Reason::NotGranted });
        }
        let mut excluding = Scope::new();
        if !requester_may_approve {
            excluding.insert("requester".to_string(), member.to_string());
        }
        scopes.sort();
        Ok(Plan::Conditional { tenant: subject.tenant, any_of: scopes, unless: Vec::new(), excluding })
    }
}

/// The attribute of an approval slot that names the role of the current tier it stands for.
pub const TIER_ROLE: &str = "tierRole";

/// A request checked against the tenant: its action governed, its tier roles known.
struct Checked<'t, 'o> {
    tenant: &'t Tenant<'o>,
    request: &'t ApprovalRequest,
    governed: Governed,
    settings: &'t ApprovalsModel,
    /// The role numbers of each tier (roles the tenant no longer has are left out).
    tiers: Vec<Vec<u32>>,
}

impl<'t, 'o> Checked<'t, 'o> {
    fn new(tenant: &'t Tenant<'o>, request: &'t ApprovalRequest, out: &mut Vec<Violation>) -> Option<Self> {
        let model: &'t Model = &tenant.model;
        let mark = out.len();
        let settings = model.approvals.as_ref();
        let governed = settings.and_then(|_| model.perms.get(&request.action)).and_then(|a| model.governed(a));
        if governed.is_none() {
            violation(
                out,
                AdminCode::InvalidRequest,
                "request.action",
                msg::NOT_GOVERNED.fill(&[&request.action, &""]),
            );
        }
        if request.tiers.is_empty() {
            violation(out, AdminCode::InvalidRequest, "request.tiers", msg::NO_TIERS.label());
        }
        for (i, field) in [&request.submitted_at, &request.expires_at].into_iter().enumerate() {
            check_time(field, if i == 0 { "request.submittedAt" } else { "request.expiresAt" }, out);
        }
        let mut tiers = Vec::with_capacity(request.tiers.len());
        for tier in &request.tiers {
            tiers.push(tier.roles.iter().filter_map(|r| model.roles.get(r)).collect());
        }
        let mut seen_open = false;
        for (t, tier) in request.tiers.iter().enumerate() {
            if tier.approved_by.is_none() {
                seen_open = true;
            } else if seen_open {
                let message = msg::TIER_OUT_OF_ORDER.fill(&[&path::decimal(t + 1)]);
                violation(out, AdminCode::InvalidRequest, path::index("request.tiers", t), message);
            }
        }
        // The status must say what the tiers say: a pending request has a tier to approve, an
        // approved one has none left (a document that says otherwise never passes a step).
        let approved = request.tiers.iter().filter(|t| t.approved_by.is_some()).count();
        let complete = approved == request.tiers.len();
        let open = matches!(request.status, RequestStatus::Pending | RequestStatus::Approved);
        if open && !request.tiers.is_empty() && complete != (request.status == RequestStatus::Approved) {
            let message = msg::STATUS_MISMATCH.fill(&[
                &request.status.as_str(),
                &path::decimal(approved),
                &path::decimal(request.tiers.len()),
            ]);
            violation(out, AdminCode::InvalidRequest, "request.status", message);
        }
        if request.id.len() > limits::MAX_VALUE_LEN
            || request.tiers.len() > limits::MAX_TIERS * limits::MAX_APPROVAL_RULES
        {
            violation(out, AdminCode::LimitExceeded, "request", msg::REQUEST_TOO_LARGE.label());
        }
        if out.len() != mark {
            return None;
        }
        Some(Checked { tenant, request, governed: governed?.1, settings: settings?, tiers })
    }

    /// The assignments of `roles` that make their holder eligible for tier `t`.
    fn eligible_assignments(&self, roles: &[RoleAssignment], t: usize) -> Vec<RoleAssignment> {
        let model = &self.tenant.model;
        let resource = self.request.resource.as_ref();
        if resource.and_then(|r| r.tenant.as_deref()).is_some_and(|other| other != self.tenant.org.tenant) {
            return Vec::new();
        }
        roles
            .iter()
            .filter(|a| {
                let Some(r) = model.roles.get(&a.role) else { return false };
                let scope = a.scope.as_ref().filter(|s| !s.is_empty());
                self.tiers[t].contains(&r)
                    && model.role_info[r as usize].effective.contains(self.governed.approve)
                    && model.role_available(r, self.tenant.kind, self.tenant.modules)
                    && covers(scope, resource)
            })
            .cloned()
            .collect()
    }

    /// Checks that member `actor` may approve (or reject) tier `t`.
    fn check_approver(&self, actor: &str, t: usize, out: &mut Vec<Violation>) {
        let org = self.tenant.org;
        let Some(member) = org.member(actor) else {
            violation(out, AdminCode::OtherTenant, "actor", msg::NOT_A_MEMBER.fill(&[&actor, &org.tenant]));
            return;
        };
        if member.status != MemberStatus::Active {
            violation(out, AdminCode::NotPermitted, "actor", msg::NOT_ACTIVE.fill(&[&member.who()]));
            return;
        }
        if actor == self.request.requester && !self.settings.requester_may_approve {
            violation(out, AdminCode::OwnRequest, "actor", msg::OWN_REQUEST.fill(&[&member.who()]));
        }
        let earlier = self.request.tiers.iter().position(|tier| tier.approved_by.as_deref() == Some(actor));
        if let (Some(earlier), false) = (earlier, self.settings.approver_may_repeat) {
            let message = msg::ALREADY_APPROVED.fill(&[&member.who(), &path::decimal(earlier + 1)]);
            violation(out, AdminCode::AlreadyApproved, "actor", message);
        }
        if self.eligible_assignments(&member.roles, t).is_empty() {
            let model = &self.tenant.model;
            let roles: Vec<Label> = self.tiers[t].iter().map(|&r| quote(model.role_label(r))).collect();
            let message = msg::NOT_ELIGIBLE.fill(&[&member.who(), &path::decimal(t + 1), &join_or(&roles)]);
            violation(out, AdminCode::NotEligible, "actor", message);
        }
    }
}

/// Refuses a step of a request whose time ran out (it can only expire).
fn check_open(out: &mut Vec<Violation>, request: &ApprovalRequest, expired: bool) {
    if expired {
        let message = msg::REQUEST_EXPIRED.fill(&[&request.id, &time::readable(&request.expires_at)]);
        violation(out, AdminCode::RequestExpired, "request.expiresAt", message);
    }
}

/// Checks a request id given by the caller.
fn check_id(id: &str, out: &mut Vec<Violation>) {
    if id.trim().is_empty() || id.len() > limits::MAX_VALUE_LEN {
        violation(out, AdminCode::InvalidRequest, "id", msg::INVALID_REQUEST_ID.label());
    }
}
