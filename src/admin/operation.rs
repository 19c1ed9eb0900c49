//! The administrative operations, as JSON objects with an `op` field.

use super::org::{decode_custom_role, CustomRole};
use crate::engine::{decode_assignment, RoleAssignment};
use crate::json::decode::Decoder;
use crate::json::Value;
use crate::messages as msg;
use crate::text::did_you_mean;

/// One administrative operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `{ "op": "invite", "email", "name", "roles"? }`: invites a colleague; without roles, the
    /// kind's default role.
    Invite {
        /// The invitee's e-mail address.
        email: String,
        /// The invitee's name.
        name: String,
        /// The roles on accepting; `None` for the kind's default role.
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
        modules: Vec<String>,
        /// The first user's id.
        user_id: String,
        /// The first user's e-mail address.
        user_email: String,
        /// The first user's name.
        user_name: String,
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
}

impl Operation {
    /// The operations' names, as written in `op`.
    pub const NAMES: [&'static str; 8] = [
        "invite",
        "acceptInvitation",
        "approve",
        "assignRoles",
        "removeMember",
        "createTenant",
        "defineRole",
        "deleteRole",
    ];

    /// Reads an operation from JSON; problems are reported below `operation`.
    pub fn from_json(json: &str) -> Result<Operation, crate::RequestError> {
        crate::engine::parse_json(json, "operation", decode_operation)
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
        }
    }
}

pub(crate) fn decode_operation(d: &mut Decoder, v: &Value, path: &str) -> Option<Operation> {
    let name = match v.get("op") {
        Some(op) => d.string(op, &crate::path::key(path, "op"))?,
        None => {
            // Let the object check report the missing field (or that this is no object).
            let o = d.object(v, path, &["op"])?;
            o.required(d, "op", Decoder::string);
            return None;
        }
    };
    let fields: &[&str] = match name.as_str() {
        "invite" => &["op", "email", "name", "roles"],
        "acceptInvitation" => &["op", "invitation"],
        "approve" | "removeMember" => &["op", "member"],
        "assignRoles" => &["op", "member", "roles"],
        "createTenant" => &["op", "tenant", "kind", "modules", "user"],
        "defineRole" | "deleteRole" => &["op", "role"],
        other => {
            let hint = did_you_mean(crate::text::suggest(other, Operation::NAMES.iter().copied()));
            d.problem(
                &crate::path::key(path, "op"),
                msg::UNKNOWN_OPERATION.fill(&[&other, &Operation::NAMES.join(", "), &hint]),
            );
            return None;
        }
    };
    let mark = d.mark();
    let o = d.object(v, path, fields)?;
    let roles = |d: &mut Decoder, v: &Value, p: &str| d.list(v, p, decode_assignment);
    let op = match name.as_str() {
        "invite" => Operation::Invite {
            email: o.required(d, "email", Decoder::string),
            name: o.required(d, "name", Decoder::string),
            roles: o.nullable(d, "roles", roles),
        },
        "acceptInvitation" => Operation::AcceptInvitation { invitation: o.required(d, "invitation", Decoder::string) },
        "approve" => Operation::Approve { member: o.required(d, "member", Decoder::string) },
        "removeMember" => Operation::RemoveMember { member: o.required(d, "member", Decoder::string) },
        "assignRoles" => Operation::AssignRoles {
            member: o.required(d, "member", Decoder::string),
            roles: o.required(d, "roles", roles),
        },
        "createTenant" => {
            let user = o.required(d, "user", decode_user);
            Operation::CreateTenant {
                tenant: o.required(d, "tenant", Decoder::string),
                kind: o.required(d, "kind", Decoder::string),
                modules: o.optional(d, "modules", Decoder::strings),
                user_id: user.0,
                user_email: user.1,
                user_name: user.2,
            }
        }
        "defineRole" => Operation::DefineRole { role: o.required(d, "role", decode_custom_role) },
        _ => Operation::DeleteRole { role: o.required(d, "role", Decoder::string) },
    };
    d.clean_since(mark).then_some(op)
}

fn decode_user(d: &mut Decoder, v: &Value, path: &str) -> Option<(String, String, String)> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "email", "name"])?;
    let user = (
        o.required(d, "id", Decoder::string),
        o.required(d, "email", Decoder::string),
        o.required(d, "name", Decoder::string),
    );
    d.clean_since(mark).then_some(user)
}
