//! The organization snapshot: a tenant's members, its own roles and its open invitations, as JSON
//! in and out (`{ tenant, kind, modules, members, customRoles, invitations }`).

use crate::engine::{decode_assignment, RoleAssignment};
use crate::json::decode::Decoder;
use crate::json::{ToJson, Value};
use crate::lang::Label;
use crate::messages as msg;
use crate::policy::Members;

/// One tenant's members, roles of its own and open invitations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organization {
    /// The tenant's id.
    pub tenant: String,
    /// The tenant's kind, e.g. `customer`.
    pub kind: String,
    /// The optional modules the tenant has enabled.
    pub modules: Vec<String>,
    /// The members, in order.
    pub members: Vec<Member>,
    /// Roles the tenant defined for itself.
    pub custom_roles: Vec<CustomRole>,
    /// Invitations sent, used or not.
    pub invitations: Vec<Invitation>,
}

/// Where a member stands.
/// (`Default` is the decoder's placeholder only: a snapshot must give every member's status.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MemberStatus {
    /// Invited by link, not yet accepted.
    Invited,
    /// Registered, waiting for an administrator's approval.
    Pending,
    /// A working member.
    #[default]
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
}

/// A member of the organization.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub since: Option<String>,
}

/// A role the tenant defined for itself: a named set of permissions within what its kind allows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomRole {
    /// The role's id; it must not be a role id of the policy.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// The permissions it grants.
    pub grants: Vec<String>,
}

/// An invitation by link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    /// The invitation's id (the link's secret is not part of the snapshot).
    pub id: String,
    /// The invitee's e-mail address.
    pub email: String,
    /// The invitee's name.
    pub name: String,
    /// The roles the invitee gets on accepting.
    pub roles: Vec<RoleAssignment>,
    /// When the invitation expires (RFC 3339).
    pub expires_at: String,
    /// Whether it was accepted already.
    pub used: bool,
}

impl Organization {
    /// Reads a snapshot from JSON; problems are reported below `org`.
    pub fn from_json(json: &str) -> Result<Organization, crate::RequestError> {
        crate::engine::parse_json(json, "org", decode_org)
    }

    /// The member with id `id`.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }
}

pub(crate) fn decode_org(d: &mut Decoder, v: &Value, path: &str) -> Option<Organization> {
    const FIELDS: &[&str] = &["tenant", "kind", "modules", "members", "customRoles", "invitations"];
    let mark = d.mark();
    let o = d.object(v, path, FIELDS)?;
    let org = Organization {
        tenant: o.required(d, "tenant", Decoder::string),
        kind: o.required(d, "kind", Decoder::string),
        modules: o.optional(d, "modules", Decoder::strings),
        members: o.required(d, "members", |d, v, p| d.list(v, p, decode_member)),
        custom_roles: o.optional(d, "customRoles", |d, v, p| d.list(v, p, decode_custom_role)),
        invitations: o.optional(d, "invitations", |d, v, p| d.list(v, p, decode_invitation)),
    };
    d.clean_since(mark).then_some(org)
}

fn decode_member(d: &mut Decoder, v: &Value, path: &str) -> Option<Member> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "email", "name", "status", "roles", "since"])?;
    let member = Member {
        id: o.required(d, "id", Decoder::string),
        email: o.required(d, "email", Decoder::string),
        name: o.required(d, "name", Decoder::string),
        status: o.required(d, "status", decode_status),
        roles: o.required(d, "roles", |d, v, p| d.list(v, p, decode_assignment)),
        since: o.nullable(d, "since", Decoder::string),
    };
    d.clean_since(mark).then_some(member)
}

fn decode_status(d: &mut Decoder, v: &Value, path: &str) -> Option<MemberStatus> {
    let status = match d.string(v, path)?.as_str() {
        "invited" => MemberStatus::Invited,
        "pending" => MemberStatus::Pending,
        "active" => MemberStatus::Active,
        other => {
            d.problem(path, msg::NOT_A_STATUS.fill(&[&other]));
            return None;
        }
    };
    Some(status)
}

pub(crate) fn decode_custom_role(d: &mut Decoder, v: &Value, path: &str) -> Option<CustomRole> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "label", "grants"])?;
    let role = CustomRole {
        id: o.required(d, "id", Decoder::string),
        label: o.required(d, "label", Decoder::label),
        grants: o.required(d, "grants", Decoder::strings),
    };
    d.clean_since(mark).then_some(role)
}

fn decode_invitation(d: &mut Decoder, v: &Value, path: &str) -> Option<Invitation> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "email", "name", "roles", "expiresAt", "used"])?;
    let invitation = Invitation {
        id: o.required(d, "id", Decoder::string),
        email: o.required(d, "email", Decoder::string),
        name: o.optional(d, "name", Decoder::string),
        roles: o.required(d, "roles", |d, v, p| d.list(v, p, decode_assignment)),
        expires_at: o.required(d, "expiresAt", Decoder::string),
        used: o.optional(d, "used", Decoder::boolean),
    };
    d.clean_since(mark).then_some(invitation)
}

impl ToJson for Organization {
    fn to_json(&self) -> Value {
        Members::default()
            .with("tenant", &self.tenant)
            .with("kind", &self.kind)
            .with("modules", &self.modules)
            .with("members", &self.members)
            .with("customRoles", &self.custom_roles)
            .with("invitations", &self.invitations)
            .build()
    }
}

impl ToJson for Member {
    fn to_json(&self) -> Value {
        Members::default()
            .with("id", &self.id)
            .with("email", &self.email)
            .with("name", &self.name)
            .with("status", self.status.as_str())
            .with("roles", &self.roles)
            .with_some("since", &self.since)
            .build()
    }
}

impl ToJson for CustomRole {
    fn to_json(&self) -> Value {
        Members::default().with("id", &self.id).with("label", &self.label).with("grants", &self.grants).build()
    }
}

impl ToJson for Invitation {
    fn to_json(&self) -> Value {
        Members::default()
            .with("id", &self.id)
            .with("email", &self.email)
            .with("name", &self.name)
            .with("roles", &self.roles)
            .with("expiresAt", &self.expires_at)
            .with("used", self.used)
            .build()
    }
}
