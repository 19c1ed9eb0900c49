//! The checks of a policy document that did not deserialize (see `crate::read`): every shape
//! problem (wrong type, missing or unknown field) with its path. They mirror the serde
//! attributes of `document.rs`: `required` for a field without a default, `optional` for
//! `#[serde(default)]`, `nullable` for an `Option`.

use crate::read::check::Checker;
use serde_json::Value;

/// Checks a whole policy document.
pub(crate) fn policy(c: &mut Checker, v: &Value, path: &str) {
    const FIELDS: &[&str] = &[
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
    ];
    let Some(o) = c.object(v, path, FIELDS) else { return };
    o.required(c, "version", Checker::uint);
    o.required(c, "id", Checker::string);
    o.required(c, "label", Checker::label);
    o.nullable(c, "comment", comment);
    o.optional(c, "scopes", |c, v, p| c.list(v, p, named));
    o.required(c, "tenantKinds", |c, v, p| c.list(v, p, tenant_kind));
    o.required(c, "permissions", |c, v, p| c.list(v, p, permission));
    o.optional(c, "features", |c, v, p| c.list(v, p, feature));
    o.required(c, "roles", |c, v, p| c.list(v, p, role));
    o.nullable(c, "administration", administration);
}

fn administration(c: &mut Checker, v: &Value, path: &str) {
    const FIELDS: &[&str] = &[
        "invite",
        "approve",
        "assignRoles",
        "removeMember",
        "manageRoles",
        "invitationDays",
        "approverCoverage",
        "comment",
    ];
    let Some(o) = c.object(v, path, FIELDS) else { return };
    for key in ["invite", "approve", "assignRoles", "removeMember", "manageRoles"] {
        o.required(c, key, Checker::string);
    }
    o.nullable(c, "invitationDays", Checker::uint);
    o.nullable(c, "approverCoverage", approver_coverage);
    o.nullable(c, "comment", comment);
}

fn approver_coverage(c: &mut Checker, v: &Value, path: &str) {
    let Some(o) = c.object(v, path, &["request", "release", "minimum"]) else { return };
    o.required(c, "request", Checker::string);
    o.required(c, "release", Checker::string);
    o.nullable(c, "minimum", Checker::uint);
}

fn comment(c: &mut Checker, v: &Value, path: &str) {
    match v {
        Value::String(_) => {}
        Value::Array(_) => c.strings(v, path),
        _ => c.problem(path, crate::messages::NOT_A_COMMENT.label()),
    }
}

/// `{ id, label, comment? }`, the shape of scope keys and modules.
fn named(c: &mut Checker, v: &Value, path: &str) {
    let Some(o) = c.object(v, path, &["id", "label", "comment"]) else { return };
    o.required(c, "id", Checker::string);
    o.required(c, "label", Checker::label);
    o.nullable(c, "comment", comment);
}

fn tenant_kind(c: &mut Checker, v: &Value, path: &str) {
    const FIELDS: &[&str] = &["id", "label", "modules", "defaultRole", "adminsAdministrativeOnly", "comment"];
    let Some(o) = c.object(v, path, FIELDS) else { return };
    o.required(c, "id", Checker::string);
    o.required(c, "label", Checker::label);
    o.optional(c, "modules", |c, v, p| c.list(v, p, named));
    o.nullable(c, "defaultRole", Checker::string);
    o.optional(c, "adminsAdministrativeOnly", Checker::boolean);
    o.nullable(c, "comment", comment);
}

fn permission(c: &mut Checker, v: &Value, path: &str) {
    let Some(o) = c.object(v, path, &["id", "label", "implies", "administrative", "comment"]) else { return };
    o.required(c, "id", Checker::string);
    o.required(c, "label", Checker::label);
    o.optional(c, "implies", Checker::strings);
    o.optional(c, "administrative", Checker::boolean);
    o.nullable(c, "comment", comment);
}

fn feature(c: &mut Checker, v: &Value, path: &str) {
    let Some(o) = c.object(v, path, &["id", "label", "read", "manage", "administrative", "comment"]) else { return };
    o.required(c, "id", Checker::string);
    o.required(c, "label", Checker::label);
    o.optional(c, "read", Checker::strings);
    o.optional(c, "manage", Checker::strings);
    o.optional(c, "administrative", Checker::boolean);
    o.nullable(c, "comment", comment);
}

fn role(c: &mut Checker, v: &Value, path: &str) {
    const FIELDS: &[&str] = &["id", "label", "grants", "kinds", "modules", "admin", "deprecated", "comment"];
    let Some(o) = c.object(v, path, FIELDS) else { return };
    o.required(c, "id", Checker::string);
    o.required(c, "label", Checker::label);
    o.optional(c, "grants", Checker::strings);
    o.nullable(c, "kinds", Checker::strings);
    o.optional(c, "modules", Checker::strings);
    o.optional(c, "admin", Checker::boolean);
    o.optional(c, "deprecated", Checker::boolean);
    o.nullable(c, "comment", comment);
}
