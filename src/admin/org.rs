//! The organization snapshot: a tenant's members, its own roles and its open invitations, as JSON
//! in and out (`{ tenant, kind, modules, members, customRoles, invitations, tenantInvitations?,
//! invitedBy?, approvalRules? }`).

use crate::engine::{read_assignments, RoleAssignment};
use crate::lang::Label;
use crate::messages as msg;
use crate::read::walk::{Walk, Walker};
use crate::read::Document;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One tenant's members, roles of its own and open invitations.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organization {
    /// The tenant's id.
    pub tenant: String,
    /// The tenant's kind, e.g. `customer`.
    pub kind: String,
    /// The optional modules the tenant has enabled.
    #[serde(default)]
    pub modules: Vec<String>,
    /// The members, in order.
    pub members: Vec<Member>,
    /// Roles the tenant defined for itself.
    #[serde(default)]
    pub custom_roles: Vec<CustomRole>,
    /// Invitations sent, used or not.
    #[serde(default)]
    pub invitations: Vec<Invitation>,
    /// Companies this tenant invited to become tenants of their own (onboarding), in every state:
    /// the used ones are the customers it onboarded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tenant_invitations: Vec<TenantInvitation>,
    /// The tenant that invited this one, when it was onboarded by invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<InvitedBy>,
    /// The tenant's own approval rules (`setApprovalRules`); when present (even empty), they
    /// replace the policy's default rules for this tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_rules: Option<Vec<crate::policy::ApprovalRule>>,
}

/// A company invited to become a tenant of its own: recorded in the inviting tenant's snapshot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TenantInvitation {
    /// The invitation's id (`tinv-1`, …; the link's secret is not part of the snapshot).
    pub id: String,
    /// The new tenant's id, chosen by the inviter (the `customer` scope value of its resources).
    pub tenant: String,
    /// The new tenant's kind, e.g. `operator`.
    pub kind: String,
    /// The new tenant's optional modules.
    #[serde(default)]
    pub modules: Vec<String>,
    /// The company's name.
    pub company: String,
    /// The invitee's e-mail address: the new tenant's first user and administrator.
    pub email: String,
    /// The invitee's name.
    pub name: String,
    /// The member of the inviting tenant who sent it.
    pub invited_by: String,
    /// When the invitation expires (RFC 3339).
    pub expires_at: String,
    /// Open, used or revoked.
    #[serde(default)]
    pub status: TenantInvitationStatus,
    /// When it was accepted or revoked (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// Where a company invitation stands: `"open"`, `"used"` or `"revoked"`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TenantInvitationStatus {
    /// Sent, not accepted (it may have expired: compare `expiresAt`).
    #[default]
    Open,
    /// Accepted: the company is a tenant.
    Used,
    /// Withdrawn by the inviting tenant.
    Revoked,
}

impl TenantInvitationStatus {
    /// `open`, `used` or `revoked`.
    pub fn as_str(self) -> &'static str {
        match self {
            TenantInvitationStatus::Open => "open",
            TenantInvitationStatus::Used => "used",
            TenantInvitationStatus::Revoked => "revoked",
        }
    }
}

/// Who onboarded a tenant: recorded in the invited tenant's snapshot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvitedBy {
    /// The inviting tenant's id.
    pub tenant: String,
    /// The inviting tenant's kind.
    pub kind: String,
    /// The company invitation's id in the inviting tenant's snapshot.
    pub invitation: String,
    /// When the invitation was accepted (RFC 3339).
    pub since: String,
}

/// Where a member stands: `"invited"`, `"pending"` or `"active"`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberStatus {
    /// Invited by link, not yet accepted.
    Invited,
    /// Registered, waiting for an administrator's approval.
    Pending,
    /// A working member.
    Active,
}

impl MemberStatus {
    /// `invited`, `pending` or `active`.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Invited => "invited",
            MemberStatus::Pending => "pending",
            MemberStatus::Active => "active",
        }
    }

    /// The status as a message says it: "invited", "waiting for approval", "active".
    pub(crate) fn label(self) -> crate::lang::Label {
        match self {
            MemberStatus::Invited => crate::messages::STATUS_INVITED.label(),
            MemberStatus::Pending => crate::messages::STATUS_PENDING.label(),
            MemberStatus::Active => crate::lang::Label::new("active", "aktiv"),
        }
    }
}

/// A member of the organization.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's id.
    pub id: String,
    /// The member's e-mail address (unique in the organization, ignoring case).
    pub email: String,
    /// The member's name.
    pub name: String,
    /// Invited, pending or active.
    pub status: MemberStatus,
    /// The member's role assignments.
    pub roles: Vec<RoleAssignment>,
    /// Since when the member has this status (RFC 3339), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

impl Member {
    /// How a message names the member: by name, or `'id'` when the name is blank.
    pub(crate) fn who(&self) -> String {
        who(&self.name, &self.id)
    }
}

/// How a message names a person: by `name`, or `'id'` when the name is blank.
pub(crate) fn who(name: &str, id: &str) -> String {
    if name.trim().is_empty() {
        format!("'{id}'")
    } else {
        name.to_string()
    }
}

/// A role the tenant defined for itself: a named set of permissions within what its kind allows.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRole {
    /// The role's id; it must not be a role id of the policy.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// The permissions it grants.
    pub grants: Vec<String>,
}

/// An invitation by link.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Invitation {
    /// The invitation's id (the link's secret is not part of the snapshot).
    pub id: String,
    /// The invitee's e-mail address.
    pub email: String,
    /// The invitee's name.
    #[serde(default)]
    pub name: String,
    /// The roles the invitee gets on accepting.
    pub roles: Vec<RoleAssignment>,
    /// When the invitation expires (RFC 3339).
    pub expires_at: String,
    /// Whether it was accepted already.
    #[serde(default)]
    pub used: bool,
}

impl Organization {
    /// Reads a snapshot from JSON; problems are reported below `org`.
    pub fn from_json(json: &str) -> Result<Organization, crate::RequestError> {
        crate::engine::parse(json)
    }

    /// Reads a snapshot from a JSON value, reporting every problem as
    /// [`Organization::from_json`] does.
    pub fn from_value(value: &Value) -> Result<Organization, crate::RequestError> {
        crate::engine::parse_value(value)
    }

    /// Reads a snapshot from any serde data source (another data format; in the wasm build, a
    /// JavaScript value), reporting every problem as `from_json` does.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, crate::RequestError> {
        crate::engine::parse_from(deserializer)
    }

    /// The snapshot as compact JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The member with id `id`.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// How a message names member `id`: by name where the snapshot has one, else `'id'`.
    pub(crate) fn who(&self, id: &str) -> String {
        match self.member(id) {
            Some(m) => m.who(),
            None => format!("'{id}'"),
        }
    }
}

impl Document for Organization {
    const ROOT: &'static str = "org";
    const WALK: Walk<Self> = read_org;
}

fn read_org(w: &mut Walker, v: &Value, path: &str) -> Option<Organization> {
    const FIELDS: &[&str] = &[
        "tenant",
        "kind",
        "modules",
        "members",
        "customRoles",
        "invitations",
        "tenantInvitations",
        "invitedBy",
        "approvalRules",
    ];
    w.record(v, path, FIELDS, |w, o| Organization {
        tenant: o.required(w, "tenant", Walker::string),
        kind: o.required(w, "kind", Walker::string),
        modules: o.optional(w, "modules", Walker::strings),
        members: o.required(w, "members", |w, v, p| w.list(v, p, read_member)),
        custom_roles: o.optional(w, "customRoles", |w, v, p| w.list(v, p, read_custom_role)),
        invitations: o.optional(w, "invitations", |w, v, p| w.list(v, p, read_invitation)),
        tenant_invitations: o.optional(w, "tenantInvitations", |w, v, p| w.list(v, p, read_tenant_invitation)),
        invited_by: o.nullable(w, "invitedBy", read_invited_by),
        approval_rules: o.nullable(w, "approvalRules", |w, v, p| w.list(v, p, crate::policy::read_approval_rule)),
    })
}

fn read_member(w: &mut Walker, v: &Value, path: &str) -> Option<Member> {
    w.record(v, path, &["id", "email", "name", "status", "roles", "since"], |w, o| {
        let id = o.required(w, "id", Walker::string);
        let email = o.required(w, "email", Walker::string);
        let name = o.required(w, "name", Walker::string);
        let status = o.require(w, "status", read_status);
        let roles = o.required(w, "roles", read_assignments);
        let since = o.nullable(w, "since", Walker::string);
        Some(Member { id, email, name, status: status?, roles, since })
    })
    .flatten()
}

/// Reads one of the `names`, as its value; any other text is reported with `unknown`.
fn read_one_of<T: Copy>(w: &mut Walker, v: &Value, path: &str, names: &[(&str, T)], unknown: &msg::Text) -> Option<T> {
    let text = w.string(v, path)?;
    let found = names.iter().find(|(name, _)| *name == text).map(|&(_, value)| value);
    if found.is_none() {
        w.problem(path, unknown.fill(&[&text.as_str()]));
    }
    found
}

fn read_status(w: &mut Walker, v: &Value, path: &str) -> Option<MemberStatus> {
    let names =
        [("invited", MemberStatus::Invited), ("pending", MemberStatus::Pending), ("active", MemberStatus::Active)];
    read_one_of(w, v, path, &names, &msg::NOT_A_STATUS)
}

pub(crate) fn read_custom_role(w: &mut Walker, v: &Value, path: &str) -> Option<CustomRole> {
    w.record(v, path, &["id", "label", "grants"], |w, o| CustomRole {
        id: o.required(w, "id", Walker::string),
        label: o.required(w, "label", Walker::label),
        grants: o.required(w, "grants", Walker::strings),
    })
}

fn read_invitation(w: &mut Walker, v: &Value, path: &str) -> Option<Invitation> {
    w.record(v, path, &["id", "email", "name", "roles", "expiresAt", "used"], |w, o| Invitation {
        id: o.required(w, "id", Walker::string),
        email: o.required(w, "email", Walker::string),
        name: o.optional(w, "name", Walker::string),
        roles: o.required(w, "roles", read_assignments),
        expires_at: o.required(w, "expiresAt", Walker::string),
        used: o.optional(w, "used", Walker::boolean),
    })
}

fn read_tenant_invitation(w: &mut Walker, v: &Value, path: &str) -> Option<TenantInvitation> {
    const FIELDS: &[&str] =
        &["id", "tenant", "kind", "modules", "company", "email", "name", "invitedBy", "expiresAt", "status", "since"];
    w.record(v, path, FIELDS, |w, o| {
        let id = o.required(w, "id", Walker::string);
        let tenant = o.required(w, "tenant", Walker::string);
        let kind = o.required(w, "kind", Walker::string);
        let modules = o.optional(w, "modules", Walker::strings);
        let company = o.required(w, "company", Walker::string);
        let email = o.required(w, "email", Walker::string);
        let name = o.required(w, "name", Walker::string);
        let invited_by = o.required(w, "invitedBy", Walker::string);
        let expires_at = o.required(w, "expiresAt", Walker::string);
        let status = o.optional(w, "status", read_tenant_invitation_status);
        let since = o.nullable(w, "since", Walker::string);
        TenantInvitation { id, tenant, kind, modules, company, email, name, invited_by, expires_at, status, since }
    })
}

fn read_tenant_invitation_status(w: &mut Walker, v: &Value, path: &str) -> Option<TenantInvitationStatus> {
    use TenantInvitationStatus::{Open, Revoked, Used};
    let names = [("open", Open), ("used", Used), ("revoked", Revoked)];
    read_one_of(w, v, path, &names, &msg::NOT_A_TENANT_INVITATION_STATUS)
}

fn read_invited_by(w: &mut Walker, v: &Value, path: &str) -> Option<InvitedBy> {
    w.record(v, path, &["tenant", "kind", "invitation", "since"], |w, o| InvitedBy {
        tenant: o.required(w, "tenant", Walker::string),
        kind: o.required(w, "kind", Walker::string),
        invitation: o.required(w, "invitation", Walker::string),
        since: o.required(w, "since", Walker::string),
    })
}
