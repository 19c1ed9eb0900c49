//! Reading and writing the policy document as JSON. Reading reports every shape problem (wrong
//! type, missing or unknown field, a member twice) with its path; writing leaves out optional
//! members that hold their default, so parse → write → parse gives the same [`Policy`].

use super::document::*;
use crate::json::decode::{Decode, Decoder};
use crate::json::{ToJson, Value};
use crate::lang::Label;

/// Decodes a whole policy document.
pub(crate) fn policy(d: &mut Decoder, v: &Value, path: &str) -> Option<Policy> {
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
    let mark = d.mark();
    let o = d.object(v, path, FIELDS)?;
    let policy = Policy {
        version: o.required(d, "version", Decoder::uint),
        id: o.required(d, "id", Decoder::string),
        label: o.required(d, "label", Decoder::label),
        comment: o.nullable(d, "comment", comment),
        scopes: o.optional(d, "scopes", |d, v, p| d.list(v, p, scope_key)),
        tenant_kinds: o.required(d, "tenantKinds", |d, v, p| d.list(v, p, tenant_kind)),
        permissions: o.required(d, "permissions", |d, v, p| d.list(v, p, permission)),
        features: o.optional(d, "features", |d, v, p| d.list(v, p, feature)),
        roles: o.required(d, "roles", |d, v, p| d.list(v, p, role)),
        administration: o.nullable(d, "administration", administration),
    };
    d.clean_since(mark).then_some(policy)
}

fn administration(d: &mut Decoder, v: &Value, path: &str) -> Option<AdministrationDef> {
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
    let mark = d.mark();
    let o = d.object(v, path, FIELDS)?;
    let def = AdministrationDef {
        invite: o.required(d, "invite", Decoder::string),
        approve: o.required(d, "approve", Decoder::string),
        assign_roles: o.required(d, "assignRoles", Decoder::string),
        remove_member: o.required(d, "removeMember", Decoder::string),
        manage_roles: o.required(d, "manageRoles", Decoder::string),
        invitation_days: o.nullable(d, "invitationDays", Decoder::uint),
        approver_coverage: o.nullable(d, "approverCoverage", approver_coverage),
        comment: o.nullable(d, "comment", comment),
    };
    d.clean_since(mark).then_some(def)
}

fn approver_coverage(d: &mut Decoder, v: &Value, path: &str) -> Option<ApproverCoverageDef> {
    let mark = d.mark();
    let o = d.object(v, path, &["request", "release", "minimum"])?;
    let def = ApproverCoverageDef {
        request: o.required(d, "request", Decoder::string),
        release: o.required(d, "release", Decoder::string),
        minimum: o.nullable(d, "minimum", Decoder::uint),
    };
    d.clean_since(mark).then_some(def)
}

fn comment(d: &mut Decoder, v: &Value, path: &str) -> Option<Comment> {
    match v {
        Value::String(s) => Some(Comment::Line(s.clone())),
        Value::Array(_) => d.strings(v, path).map(Comment::Lines),
        _ => {
            d.problem(path, crate::messages::NOT_A_COMMENT.label());
            None
        }
    }
}

/// `{ id, label, comment? }`, the shape of scope keys and modules.
fn named<T>(d: &mut Decoder, v: &Value, path: &str, make: fn(String, Label, Option<Comment>) -> T) -> Option<T> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "label", "comment"])?;
    let item = make(
        o.required(d, "id", Decoder::string),
        o.required(d, "label", Decoder::label),
        o.nullable(d, "comment", comment),
    );
    d.clean_since(mark).then_some(item)
}

fn scope_key(d: &mut Decoder, v: &Value, path: &str) -> Option<ScopeKeyDef> {
    named(d, v, path, |id, label, comment| ScopeKeyDef { id, label, comment })
}

fn module(d: &mut Decoder, v: &Value, path: &str) -> Option<ModuleDef> {
    named(d, v, path, |id, label, comment| ModuleDef { id, label, comment })
}

fn tenant_kind(d: &mut Decoder, v: &Value, path: &str) -> Option<TenantKindDef> {
    const FIELDS: &[&str] = &["id", "label", "modules", "defaultRole", "adminsAdministrativeOnly", "comment"];
    let mark = d.mark();
    let o = d.object(v, path, FIELDS)?;
    let kind = TenantKindDef {
        id: o.required(d, "id", Decoder::string),
        label: o.required(d, "label", Decoder::label),
        modules: o.optional(d, "modules", |d, v, p| d.list(v, p, module)),
        default_role: o.nullable(d, "defaultRole", Decoder::string),
        admins_administrative_only: o.optional(d, "adminsAdministrativeOnly", Decoder::boolean),
        comment: o.nullable(d, "comment", comment),
    };
    d.clean_since(mark).then_some(kind)
}

fn permission(d: &mut Decoder, v: &Value, path: &str) -> Option<PermissionDef> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "label", "implies", "administrative", "comment"])?;
    let permission = PermissionDef {
        id: o.required(d, "id", Decoder::string),
        label: o.required(d, "label", Decoder::label),
        implies: o.optional(d, "implies", Decoder::strings),
        administrative: o.optional(d, "administrative", Decoder::boolean),
        comment: o.nullable(d, "comment", comment),
    };
    d.clean_since(mark).then_some(permission)
}

fn feature(d: &mut Decoder, v: &Value, path: &str) -> Option<FeatureDef> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "label", "read", "manage", "administrative", "comment"])?;
    let feature = FeatureDef {
        id: o.required(d, "id", Decoder::string),
        label: o.required(d, "label", Decoder::label),
        read: o.optional(d, "read", Decoder::strings),
        manage: o.optional(d, "manage", Decoder::strings),
        administrative: o.optional(d, "administrative", Decoder::boolean),
        comment: o.nullable(d, "comment", comment),
    };
    d.clean_since(mark).then_some(feature)
}

fn role(d: &mut Decoder, v: &Value, path: &str) -> Option<RoleDef> {
    const FIELDS: &[&str] = &["id", "label", "grants", "kinds", "modules", "admin", "deprecated", "comment"];
    let mark = d.mark();
    let o = d.object(v, path, FIELDS)?;
    let strings: Decode<Vec<String>> = Decoder::strings;
    let role = RoleDef {
        id: o.required(d, "id", Decoder::string),
        label: o.required(d, "label", Decoder::label),
        grants: o.optional(d, "grants", strings),
        kinds: o.nullable(d, "kinds", strings),
        modules: o.optional(d, "modules", strings),
        admin: o.optional(d, "admin", Decoder::boolean),
        deprecated: o.optional(d, "deprecated", Decoder::boolean),
        comment: o.nullable(d, "comment", comment),
    };
    d.clean_since(mark).then_some(role)
}

/// Builds an object, leaving out members that hold their default.
#[derive(Default)]
pub(crate) struct Members(Vec<(String, Value)>);

impl Members {
    /// Adds a member.
    pub fn with(self, key: &str, value: impl ToJson) -> Self {
        self.member(key, value.to_json())
    }

    /// Adds a member made already: the one body `with` shares between all its value types.
    #[inline(never)]
    fn member(mut self, key: &str, value: Value) -> Self {
        self.0.push((key.to_string(), value));
        self
    }

    /// Adds a member unless `skip` (it holds its default).
    pub fn with_unless(self, skip: bool, key: &str, value: impl ToJson) -> Self {
        if skip {
            self
        } else {
            self.with(key, value)
        }
    }

    /// Adds a list member unless it is empty.
    pub fn with_list<T: ToJson>(self, key: &str, list: &[T]) -> Self {
        self.with_unless(list.is_empty(), key, list)
    }

    /// Adds an optional member when it is present.
    pub fn with_some<T: ToJson>(self, key: &str, value: &Option<T>) -> Self {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    /// The object.
    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

impl ToJson for Label {
    fn to_json(&self) -> Value {
        Members::default().with("en", &self.en).with("de", &self.de).build()
    }
}

impl ToJson for Comment {
    fn to_json(&self) -> Value {
        match self {
            Comment::Line(s) => s.to_json(),
            Comment::Lines(lines) => lines.to_json(),
        }
    }
}

impl ToJson for Policy {
    fn to_json(&self) -> Value {
        Members::default()
            .with("version", self.version)
            .with("id", &self.id)
            .with("label", &self.label)
            .with_some("comment", &self.comment)
            .with_list("scopes", &self.scopes)
            .with("tenantKinds", &self.tenant_kinds)
            .with("permissions", &self.permissions)
            .with_list("features", &self.features)
            .with("roles", &self.roles)
            .with_some("administration", &self.administration)
            .build()
    }
}

impl ToJson for AdministrationDef {
    fn to_json(&self) -> Value {
        Members::default()
            .with("invite", &self.invite)
            .with("approve", &self.approve)
            .with("assignRoles", &self.assign_roles)
            .with("removeMember", &self.remove_member)
            .with("manageRoles", &self.manage_roles)
            .with_some("invitationDays", &self.invitation_days)
            .with_some("approverCoverage", &self.approver_coverage)
            .with_some("comment", &self.comment)
            .build()
    }
}

impl ToJson for ApproverCoverageDef {
    fn to_json(&self) -> Value {
        Members::default()
            .with("request", &self.request)
            .with("release", &self.release)
            .with_some("minimum", &self.minimum)
            .build()
    }
}

impl ToJson for ScopeKeyDef {
    fn to_json(&self) -> Value {
        Members::default().with("id", &self.id).with("label", &self.label).with_some("comment", &self.comment).build()
    }
}

impl ToJson for ModuleDef {
    fn to_json(&self) -> Value {
        Members::default().with("id", &self.id).with("label", &self.label).with_some("comment", &self.comment).build()
    }
}

impl ToJson for TenantKindDef {
    fn to_json(&self) -> Value {
        Members::default()
            .with("id", &self.id)
            .with("label", &self.label)
            .with_list("modules", &self.modules)
            .with_some("defaultRole", &self.default_role)
            .with_unless(!self.admins_administrative_only, "adminsAdministrativeOnly", true)
            .with_some("comment", &self.comment)
            .build()
    }
}

impl ToJson for PermissionDef {
    fn to_json(&self) -> Value {
        Members::default()
            .with("id", &self.id)
            .with("label", &self.label)
            .with_list("implies", &self.implies)
            .with_unless(!self.administrative, "administrative", true)
            .with_some("comment", &self.comment)
            .build()
    }
}

impl ToJson for FeatureDef {
    fn to_json(&self) -> Value {
        Members::default()
            .with("id", &self.id)
            .with("label", &self.label)
            .with_list("read", &self.read)
            .with_list("manage", &self.manage)
            .with_unless(!self.administrative, "administrative", true)
            .with_some("comment", &self.comment)
            .build()
    }
}

impl ToJson for RoleDef {
    fn to_json(&self) -> Value {
        Members::default()
            .with("id", &self.id)
            .with("label", &self.label)
            .with_list("grants", &self.grants)
            .with_some("kinds", &self.kinds)
            .with_list("modules", &self.modules)
            .with_unless(!self.admin, "admin", true)
            .with_unless(!self.deprecated, "deprecated", true)
            .with_some("comment", &self.comment)
            .build()
    }
}

impl ToJson for FeatureLevel {
    fn to_json(&self) -> Value {
        self.as_str().to_json()
    }
}
