//! The administrative operations, as JSON objects with an `op` field.

use super::org::{read_custom_role, CustomRole};
use crate::engine::{read_assignments, RoleAssignment};
use crate::messages as msg;
use crate::read::walk::{Walk, Walker};
use crate::read::Document;
use crate::text::did_you_mean;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One administrative operation: a JSON object whose `op` names it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase", deny_unknown_fields)]
pub enum Operation {
    /// `{ "op": "invite", "email", "name", "roles"? }`: invites a colleague; without roles, the
    /// kind's default role.
    Invite {
        /// The invitee's e-mail address.
        email: String,
        /// The invitee's name.
        name: String,
        /// The roles on accepting; `None` for the kind's default role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        roles: Option<Vec<RoleAssignment>>,
    },
    /// `{ "op": "acceptInvitation", "invitation" }`: the invitee (the actor is their e-mail
    /// address) accepts and is active at once.
    AcceptInvitation {
        /// The invitation's id.
        invitation: String,
    },
    /// `{ "op": "approve", "member" }`: a pending member becomes active.
    Approve {
        /// The member's id.
        member: String,
    },
    /// `{ "op": "assignRoles", "member", "roles" }`: replaces a member's role assignments.
    AssignRoles {
        /// The member's id.
        member: String,
        /// The new assignments, with scopes.
        roles: Vec<RoleAssignment>,
    },
    /// `{ "op": "removeMember", "member" }`.
    RemoveMember {
        /// The member's id.
        member: String,
    },
    /// `{ "op": "createTenant", "tenant", "kind", "modules"?, "user": { id, email, name } }`: the
    /// first user (the actor) creates the tenant and is its administrator.
    CreateTenant {
        /// The new tenant's id.
        tenant: String,
        /// Its kind.
        kind: String,
        /// Its enabled modules.
        #[serde(default)]
        modules: Vec<String>,
        /// The first user, who becomes its administrator.
        user: NewUser,
    },
    /// `{ "op": "defineRole", "role": { id, label, grants } }`: a role of the tenant's own.
    DefineRole {
        /// The role.
        role: CustomRole,
    },
    /// `{ "op": "deleteRole", "role" }`: deletes a role of the tenant's own.
    DeleteRole {
        /// The role's id.
        role: String,
    },
    /// `{ "op": "inviteTenant", "tenant", "kind", "modules"?, "company", "email", "name" }`: invites
    /// a company to become a tenant of its own (onboarding), whose first user (the invitee)
    /// becomes its administrator. Recorded in the inviting tenant's snapshot.
    InviteTenant {
        /// The new tenant's id.
        tenant: String,
        /// Its kind; the policy's `tenantInvitations` say which kinds the inviter's kind may invite.
        kind: String,
        /// Its optional modules.
        #[serde(default)]
        modules: Vec<String>,
        /// The company's name.
        company: String,
        /// The invitee's e-mail address.
        email: String,
        /// The invitee's name.
        name: String,
    },
    /// `{ "op": "acceptTenantInvitation", "invitation" }`: the invitee (the actor is their e-mail
    /// address) accepts a company invitation; the result holds the inviting tenant's snapshot
    /// (the invitation used) and the new tenant's (the invitee its active administrator).
    AcceptTenantInvitation {
        /// The company invitation's id.
        invitation: String,
    },
    /// `{ "op": "revokeTenantInvitation", "invitation" }`: withdraws an open company invitation.
    RevokeTenantInvitation {
        /// The company invitation's id.
        invitation: String,
    },
    /// `{ "op": "setApprovalRules", "rules": [ … ] }`: replaces the tenant's own approval rules
    /// (within the policy's bounds); they replace the policy's defaults for the tenant. Pending
    /// requests keep the tiers they were submitted with.
    SetApprovalRules {
        /// The tenant's rules.
        rules: Vec<crate::policy::ApprovalRule>,
    },
}

/// The first user of a new tenant: `{ id, email, name }`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// The user's id.
    pub id: String,
    /// The user's e-mail address.
    pub email: String,
    /// The user's name.
    pub name: String,
}

impl Operation {
    /// The operations' names, as written in `op`.
    pub const NAMES: [&'static str; 12] = [
        "invite",
        "acceptInvitation",
        "approve",
        "assignRoles",
        "removeMember",
        "createTenant",
        "defineRole",
        "deleteRole",
        "inviteTenant",
        "acceptTenantInvitation",
        "revokeTenantInvitation",
        "setApprovalRules",
    ];

    /// Reads an operation from JSON; problems are reported below `operation`.
    pub fn from_json(json: &str) -> Result<Operation, crate::RequestError> {
        crate::engine::parse(json)
    }

    /// Reads an operation from a JSON value, reporting every problem as
    /// [`Operation::from_json`] does.
    pub fn from_value(value: &Value) -> Result<Operation, crate::RequestError> {
        crate::engine::parse_value(value)
    }

    /// Reads an operation from any serde data source (another data format; in the wasm build, a
    /// JavaScript value), reporting every problem as `from_json` does.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, crate::RequestError> {
        crate::engine::parse_from(deserializer)
    }

    /// The name written in `op`.
    pub fn name(&self) -> &'static str {
        match self {
            Operation::Invite { .. } => "invite",
            Operation::AcceptInvitation { .. } => "acceptInvitation",
            Operation::Approve { .. } => "approve",
            Operation::AssignRoles { .. } => "assignRoles",
            Operation::RemoveMember { .. } => "removeMember",
            Operation::CreateTenant { .. } => "createTenant",
            Operation::DefineRole { .. } => "defineRole",
            Operation::DeleteRole { .. } => "deleteRole",
            Operation::InviteTenant { .. } => "inviteTenant",
            Operation::AcceptTenantInvitation { .. } => "acceptTenantInvitation",
            Operation::RevokeTenantInvitation { .. } => "revokeTenantInvitation",
            Operation::SetApprovalRules { .. } => "setApprovalRules",
        }
    }
}

impl Document for Operation {
    const ROOT: &'static str = "operation";
    const WALK: Walk<Self> = read_operation;
}

fn read_operation(w: &mut Walker, v: &Value, path: &str) -> Option<Operation> {
    let name = match v.get("op") {
        Some(op) => w.string(op, &crate::path::key(path, "op"))?,
        None => {
            // Let the object check report the missing field (or that this is no object).
            let o = w.object(v, path, &["op"])?;
            o.required(w, "op", Walker::string);
            return None;
        }
    };
    let fields: &[&str] = match name.as_str() {
        "invite" => &["op", "email", "name", "roles"],
        "acceptInvitation" | "acceptTenantInvitation" | "revokeTenantInvitation" => &["op", "invitation"],
        "inviteTenant" => &["op", "tenant", "kind", "modules", "company", "email", "name"],
        "approve" | "removeMember" => &["op", "member"],
        "assignRoles" => &["op", "member", "roles"],
        "createTenant" => &["op", "tenant", "kind", "modules", "user"],
        "defineRole" | "deleteRole" => &["op", "role"],
        "setApprovalRules" => &["op", "rules"],
        other => {
            let hint = did_you_mean(crate::text::suggest(other, Operation::NAMES.iter().copied()));
            let message = msg::UNKNOWN_OPERATION.fill(&[&other, &Operation::NAMES.join(", "), &hint]);
            w.problem(&crate::path::key(path, "op"), message);
            return None;
        }
    };
    // `Some` around the match: a `createTenant` without a readable `user` gives `None`.
    w.record(v, path, fields, |w, o| {
        Some(match name.as_str() {
            "invite" => Operation::Invite {
                email: o.required(w, "email", Walker::string),
                name: o.required(w, "name", Walker::string),
                roles: o.nullable(w, "roles", read_assignments),
            },
            "acceptInvitation" => {
                Operation::AcceptInvitation { invitation: o.required(w, "invitation", Walker::string) }
            }
            "approve" => Operation::Approve { member: o.required(w, "member", Walker::string) },
            "removeMember" => Operation::RemoveMember { member: o.required(w, "member", Walker::string) },
            "assignRoles" => Operation::AssignRoles {
                member: o.required(w, "member", Walker::string),
                roles: o.required(w, "roles", read_assignments),
            },
            "createTenant" => {
                let user = o.require(w, "user", read_user);
                Operation::CreateTenant {
                    tenant: o.required(w, "tenant", Walker::string),
                    kind: o.required(w, "kind", Walker::string),
                    modules: o.optional(w, "modules", Walker::strings),
                    user: user?,
                }
            }
            "inviteTenant" => Operation::InviteTenant {
                tenant: o.required(w, "tenant", Walker::string),
                kind: o.required(w, "kind", Walker::string),
                modules: o.optional(w, "modules", Walker::strings),
                company: o.required(w, "company", Walker::string),
                email: o.required(w, "email", Walker::string),
                name: o.required(w, "name", Walker::string),
            },
            "acceptTenantInvitation" => {
                Operation::AcceptTenantInvitation { invitation: o.required(w, "invitation", Walker::string) }
            }
            "revokeTenantInvitation" => {
                Operation::RevokeTenantInvitation { invitation: o.required(w, "invitation", Walker::string) }
            }
            "defineRole" => Operation::DefineRole { role: o.required(w, "role", read_custom_role) },
            "setApprovalRules" => Operation::SetApprovalRules {
                rules: o.required(w, "rules", |w, v, p| w.list(v, p, crate::policy::read_approval_rule)),
            },
            _ => Operation::DeleteRole { role: o.required(w, "role", Walker::string) },
        })
    })
    .flatten()
}

fn read_user(w: &mut Walker, v: &Value, path: &str) -> Option<NewUser> {
    w.record(v, path, &["id", "email", "name"], |w, o| NewUser {
        id: o.required(w, "id", Walker::string),
        email: o.required(w, "email", Walker::string),
        name: o.required(w, "name", Walker::string),
    })
}
