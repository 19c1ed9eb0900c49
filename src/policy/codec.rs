//! The policy document's JSON form. Reading: the typed walk (see `crate::read`) of a
//! `serde_json::Value` into a [`Policy`], reporting every shape problem (wrong type, missing or
//! unknown field) with its path; it mirrors the serde attributes of `document.rs`: `required` for
//! a field without a default, `optional` for `#[serde(default)]`, `nullable` for an `Option`.
//! Writing: the serde form with the members that hold their default left out
//! ([`leave_out_defaults`]).

use super::document::*;
use crate::lang::Label;
use crate::read::walk::{Walk, Walker};
use serde_json::Value;

/// Lists that stay when empty: the required ones, `kinds` (an empty list means no kind, a left-out
/// one every kind) and `comment` (an empty list of lines is a comment written).
const KEPT_WHEN_EMPTY: &[&str] =
    &["tenantKinds", "permissions", "roles", "kinds", "comment", "actions", "approverRoles", "requesters", "tiers"];

/// `value` (a document in its full serde form) as an author writes it: at every depth, members
/// that are `null` or `false` (every optional member and flag of the document defaults to those),
/// empty lists other than [`KEPT_WHEN_EMPTY`] and empty objects (a rule's `when`) are left out.
pub(crate) fn leave_out_defaults(value: &mut Value) {
    match value {
        Value::Object(members) => {
            members.retain(|key, member| match member {
                Value::Null | Value::Bool(false) => false,
                Value::Array(items) => !items.is_empty() || KEPT_WHEN_EMPTY.contains(&key.as_str()),
                Value::Object(members) => !members.is_empty(),
                _ => true,
            });
            members.values_mut().for_each(leave_out_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(leave_out_defaults),
        _ => {}
    }
}

/// Reads a whole policy document.
pub(crate) fn policy(w: &mut Walker, v: &Value, path: &str) -> Option<Policy> {
    const FIELDS: &[&str] = &[
        "$schema",
        "version",
        "id",
        "label",
        "comment",
        "scopes",
        "tenantKinds",
        "permissions",
        "features",
        "roles",
        "administration",
        "attributes",
        "approvals",
    ];
    w.record(v, path, FIELDS, |w, o| {
        // The JSON Schema an editor follows (`rolegate schema policy`): read, so that it is
        // text, and left out of the policy, so that the fingerprint never sees it.
        o.nullable(w, "$schema", Walker::string);
        Policy {
            version: o.required(w, "version", Walker::uint),
            id: o.required(w, "id", Walker::string),
            label: o.required(w, "label", Walker::label),
            comment: o.nullable(w, "comment", comment),
            scopes: o.optional(w, "scopes", |w, v, p| w.list(v, p, scope_key)),
            tenant_kinds: o.required(w, "tenantKinds", |w, v, p| w.list(v, p, tenant_kind)),
            permissions: o.required(w, "permissions", |w, v, p| w.list(v, p, permission)),
            features: o.optional(w, "features", |w, v, p| w.list(v, p, feature)),
            roles: o.required(w, "roles", |w, v, p| w.list(v, p, role)),
            administration: o.nullable(w, "administration", administration),
            attributes: o.optional(w, "attributes", |w, v, p| w.list(v, p, attribute)),
            approvals: o.nullable(w, "approvals", approvals),
        }
    })
}

fn attribute(w: &mut Walker, v: &Value, path: &str) -> Option<AttributeDef> {
    w.record(v, path, &["id", "type", "label", "comment"], |w, o| {
        let id = o.required(w, "id", Walker::string);
        let kind = o.require(w, "type", attribute_type);
        let label = o.required(w, "label", Walker::label);
        let comment = o.nullable(w, "comment", comment);
        Some(AttributeDef { id, kind: kind?, label, comment })
    })
    .flatten()
}

fn attribute_type(w: &mut Walker, v: &Value, path: &str) -> Option<AttributeType> {
    let text = w.string(v, path)?;
    match text.as_str() {
        "money" => Some(AttributeType::Money),
        "integer" => Some(AttributeType::Integer),
        _ => {
            w.problem(path, crate::messages::NOT_AN_ATTRIBUTE_TYPE.fill(&[&text]));
            None
        }
    }
}

fn approvals(w: &mut Walker, v: &Value, path: &str) -> Option<ApprovalsDef> {
    const FIELDS: &[&str] = &[
        "actions",
        "approverRoles",
        "maxTiers",
        "maxRules",
        "expiresAfterDays",
        "minimumApprovers",
        "requesterMayApprove",
        "approverMayRepeat",
        "rules",
        "comment",
    ];
    w.record(v, path, FIELDS, |w, o| ApprovalsDef {
        actions: o.required(w, "actions", |w, v, p| w.list(v, p, governed_action)),
        approver_roles: o.nullable(w, "approverRoles", Walker::strings),
        max_tiers: o.nullable(w, "maxTiers", Walker::uint),
        max_rules: o.nullable(w, "maxRules", Walker::uint),
        expires_after_days: o.nullable(w, "expiresAfterDays", Walker::uint),
        minimum_approvers: o.nullable(w, "minimumApprovers", Walker::uint),
        requester_may_approve: o.optional(w, "requesterMayApprove", Walker::boolean),
        approver_may_repeat: o.optional(w, "approverMayRepeat", Walker::boolean),
        rules: o.optional(w, "rules", |w, v, p| w.list(v, p, approval_rule)),
        comment: o.nullable(w, "comment", comment),
    })
}

fn governed_action(w: &mut Walker, v: &Value, path: &str) -> Option<GovernedActionDef> {
    w.record(v, path, &["action", "request", "approve", "comment"], |w, o| GovernedActionDef {
        action: o.required(w, "action", Walker::string),
        request: o.required(w, "request", Walker::string),
        approve: o.required(w, "approve", Walker::string),
        comment: o.nullable(w, "comment", comment),
    })
}

/// Reads an approval rule (of the policy, or of an organization snapshot).
pub(crate) fn approval_rule(w: &mut Walker, v: &Value, path: &str) -> Option<ApprovalRule> {
    const FIELDS: &[&str] = &["id", "action", "label", "when", "requesters", "tiers", "kinds", "comment"];
    w.record(v, path, FIELDS, |w, o| ApprovalRule {
        id: o.required(w, "id", Walker::string),
        action: o.required(w, "action", Walker::string),
        label: o.nullable(w, "label", Walker::label),
        when: o.optional(w, "when", conditions),
        requesters: o.nullable(w, "requesters", Walker::strings),
        tiers: o.required(w, "tiers", |w, v, p| w.list(v, p, Walker::strings)),
        kinds: o.nullable(w, "kinds", Walker::strings),
        comment: o.nullable(w, "comment", comment),
    })
}

/// `{ attribute: condition, … }`, in document order.
fn conditions(w: &mut Walker, v: &Value, path: &str) -> Option<Conditions> {
    let Value::Object(members) = v else {
        w.wrong_type(path, &crate::messages::KIND_OBJECT, v);
        return None;
    };
    let mut out = Vec::with_capacity(members.len());
    let mut fine = true;
    for (name, member) in members {
        match condition(w, member, &crate::read::walk::member_path(path, name)) {
            Some(c) => out.push((name.clone(), c)),
            None => fine = false,
        }
    }
    fine.then_some(Conditions(out))
}

fn condition(w: &mut Walker, v: &Value, path: &str) -> Option<Condition> {
    w.record(v, path, &["over", "atLeast", "below", "upTo"], |w, o| Condition {
        over: o.nullable(w, "over", threshold),
        at_least: o.nullable(w, "atLeast", threshold),
        below: o.nullable(w, "below", threshold),
        up_to: o.nullable(w, "upTo", threshold),
    })
}

fn threshold(w: &mut Walker, v: &Value, path: &str) -> Option<Threshold> {
    match v {
        Value::String(text) => Some(Threshold::Text(text.clone())),
        Value::Number(_) => w.int(v, path).map(Threshold::Number),
        other => {
            w.wrong_type(path, &crate::messages::KIND_THRESHOLD, other);
            None
        }
    }
}

fn administration(w: &mut Walker, v: &Value, path: &str) -> Option<AdministrationDef> {
    const FIELDS: &[&str] = &[
        "invite",
        "approve",
        "assignRoles",
        "removeMember",
        "manageRoles",
        "invitationDays",
        "approverCoverage",
        "tenantInvitations",
        "manageApprovals",
        "comment",
    ];
    w.record(v, path, FIELDS, |w, o| AdministrationDef {
        invite: o.required(w, "invite", Walker::string),
        approve: o.required(w, "approve", Walker::string),
        assign_roles: o.required(w, "assignRoles", Walker::string),
        remove_member: o.required(w, "removeMember", Walker::string),
        manage_roles: o.required(w, "manageRoles", Walker::string),
        invitation_days: o.nullable(w, "invitationDays", Walker::uint),
        approver_coverage: o.nullable(w, "approverCoverage", approver_coverage),
        tenant_invitations: o.optional(w, "tenantInvitations", |w, v, p| w.list(v, p, tenant_invitation)),
        manage_approvals: o.nullable(w, "manageApprovals", Walker::string),
        comment: o.nullable(w, "comment", comment),
    })
}

fn tenant_invitation(w: &mut Walker, v: &Value, path: &str) -> Option<TenantInvitationDef> {
    w.record(v, path, &["inviter", "invitee", "permission"], |w, o| TenantInvitationDef {
        inviter: o.required(w, "inviter", Walker::string),
        invitee: o.required(w, "invitee", Walker::string),
        permission: o.required(w, "permission", Walker::string),
    })
}

fn approver_coverage(w: &mut Walker, v: &Value, path: &str) -> Option<ApproverCoverageDef> {
    w.record(v, path, &["request", "release", "minimum"], |w, o| ApproverCoverageDef {
        request: o.required(w, "request", Walker::string),
        release: o.required(w, "release", Walker::string),
        minimum: o.nullable(w, "minimum", Walker::uint),
    })
}

fn comment(w: &mut Walker, v: &Value, path: &str) -> Option<Comment> {
    match v {
        Value::String(s) => Some(Comment::Line(s.clone())),
        Value::Array(_) => w.strings(v, path).map(Comment::Lines),
        _ => {
            w.problem(path, crate::messages::NOT_A_COMMENT.label());
            None
        }
    }
}

/// `{ id, label, comment? }`, the shape of scope keys and modules.
fn named<T>(w: &mut Walker, v: &Value, path: &str, make: fn(String, Label, Option<Comment>) -> T) -> Option<T> {
    w.record(v, path, &["id", "label", "comment"], |w, o| {
        make(
            o.required(w, "id", Walker::string),
            o.required(w, "label", Walker::label),
            o.nullable(w, "comment", comment),
        )
    })
}

fn scope_key(w: &mut Walker, v: &Value, path: &str) -> Option<ScopeKeyDef> {
    named(w, v, path, |id, label, comment| ScopeKeyDef { id, label, comment })
}

fn module(w: &mut Walker, v: &Value, path: &str) -> Option<ModuleDef> {
    named(w, v, path, |id, label, comment| ModuleDef { id, label, comment })
}

fn tenant_kind(w: &mut Walker, v: &Value, path: &str) -> Option<TenantKindDef> {
    const FIELDS: &[&str] = &["id", "label", "modules", "defaultRole", "adminsAdministrativeOnly", "comment"];
    w.record(v, path, FIELDS, |w, o| TenantKindDef {
        id: o.required(w, "id", Walker::string),
        label: o.required(w, "label", Walker::label),
        modules: o.optional(w, "modules", |w, v, p| w.list(v, p, module)),
        default_role: o.nullable(w, "defaultRole", Walker::string),
        admins_administrative_only: o.optional(w, "adminsAdministrativeOnly", Walker::boolean),
        comment: o.nullable(w, "comment", comment),
    })
}

fn permission(w: &mut Walker, v: &Value, path: &str) -> Option<PermissionDef> {
    w.record(v, path, &["id", "label", "implies", "administrative", "comment"], |w, o| PermissionDef {
        id: o.required(w, "id", Walker::string),
        label: o.required(w, "label", Walker::label),
        implies: o.optional(w, "implies", Walker::strings),
        administrative: o.optional(w, "administrative", Walker::boolean),
        comment: o.nullable(w, "comment", comment),
    })
}

fn feature(w: &mut Walker, v: &Value, path: &str) -> Option<FeatureDef> {
    w.record(v, path, &["id", "label", "read", "manage", "administrative", "comment"], |w, o| FeatureDef {
        id: o.required(w, "id", Walker::string),
        label: o.required(w, "label", Walker::label),
        read: o.optional(w, "read", Walker::strings),
        manage: o.optional(w, "manage", Walker::strings),
        administrative: o.optional(w, "administrative", Walker::boolean),
        comment: o.nullable(w, "comment", comment),
    })
}

fn role(w: &mut Walker, v: &Value, path: &str) -> Option<RoleDef> {
    const FIELDS: &[&str] = &["id", "label", "grants", "kinds", "modules", "admin", "deprecated", "comment"];
    let strings: Walk<Vec<String>> = Walker::strings;
    w.record(v, path, FIELDS, |w, o| RoleDef {
        id: o.required(w, "id", Walker::string),
        label: o.required(w, "label", Walker::label),
        grants: o.optional(w, "grants", strings),
        kinds: o.nullable(w, "kinds", strings),
        modules: o.optional(w, "modules", strings),
        admin: o.optional(w, "admin", Walker::boolean),
        deprecated: o.optional(w, "deprecated", Walker::boolean),
        comment: o.nullable(w, "comment", comment),
    })
}
