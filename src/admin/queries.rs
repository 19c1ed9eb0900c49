//! Questions about an organization: its administrators (every member may see them), who may do
//! an action (whom to ask), a member's "My data", a member's session, and the companies it
//! onboarded.

use super::org::{Member, MemberStatus, Organization, TenantInvitationStatus};
use super::tenant::Tenant;
use crate::engine::query::effective_permissions;
use crate::engine::{EffectivePermission, RequestCode, RequestError, Resource, RoleAssignment};
use crate::text::{unknown, Unknown};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// A member as the queries show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MemberRef {
    /// The member's id.
    pub id: String,
    /// The member's name.
    pub name: String,
    /// The member's e-mail address.
    pub email: String,
    /// The assignments that answer the question: for `admins`, the administrator roles; for
    /// `who_can`, those that grant the action; for `my_data`, all of them.
    pub roles: Vec<RoleAssignment>,
}

/// A member's "My data": own roles and effective permissions, and the organization's
/// administrators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MyData {
    /// The member and all their assignments.
    pub member: MemberRef,
    /// `invited`, `pending` or `active`.
    pub status: &'static str,
    /// Every permission the member holds, with the assignments that give it (none before the
    /// member is active).
    pub permissions: Vec<EffectivePermission>,
    /// The organization's administrators: whom to ask when roles need to change.
    pub administrators: Vec<MemberRef>,
}

/// A company a tenant invited to become a tenant of its own (`customers`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The company's tenant id.
    pub tenant: String,
    /// Its kind.
    pub kind: String,
    /// The company's name.
    pub company: String,
    /// Its first user's e-mail address.
    pub email: String,
    /// Its first user's name.
    pub name: String,
    /// Where it stands.
    pub status: CustomerStatus,
    /// The company invitation's id.
    pub invitation: String,
    /// When the invitation expires (or expired).
    pub expires_at: String,
    /// When it was accepted or revoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// Where an invited company stands: `"onboarded"`, `"invited"`, `"expired"` or `"revoked"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CustomerStatus {
    /// It accepted: a tenant of its own, onboarded by this one.
    Onboarded,
    /// Invited, not accepted yet.
    Invited,
    /// Invited, not accepted in time.
    Expired,
    /// The invitation was withdrawn.
    Revoked,
}

/// The companies `tenant` invited, in the order invited, with their status at `now` (Unix seconds).
pub(crate) fn customers(tenant: &Tenant, now: Option<i64>) -> Vec<Customer> {
    let org = tenant.org;
    org.tenant_invitations
        .iter()
        .map(|i| {
            let expired = || now.is_some_and(|now| crate::time::expired(&i.expires_at, now));
            let status = match i.status {
                TenantInvitationStatus::Used => CustomerStatus::Onboarded,
                TenantInvitationStatus::Revoked => CustomerStatus::Revoked,
                TenantInvitationStatus::Open if expired() => CustomerStatus::Expired,
                TenantInvitationStatus::Open => CustomerStatus::Invited,
            };
            Customer {
                tenant: i.tenant.clone(),
                kind: i.kind.clone(),
                company: i.company.clone(),
                email: i.email.clone(),
                name: i.name.clone(),
                status,
                invitation: i.id.clone(),
                expires_at: i.expires_at.clone(),
                since: i.since.clone(),
            }
        })
        .collect()
}

fn member_ref(member: &Member, roles: Vec<RoleAssignment>) -> MemberRef {
    MemberRef { id: member.id.clone(), name: member.name.clone(), email: member.email.clone(), roles }
}

/// The active administrators, each with their administrator roles.
pub(crate) fn admins(tenant: &Tenant) -> Vec<MemberRef> {
    let active = tenant.org.members.iter().filter(|m| tenant.is_admin(m));
    active
        .map(|m| {
            let roles = m.roles.iter().filter(|a| tenant.admin_roles(std::slice::from_ref(*a))).cloned().collect();
            member_ref(m, roles)
        })
        .collect()
}

/// The active members grouped by identical role assignments, so that a question is answered once
/// per group rather than once per member (organizations have many members and few role lists).
#[derive(Clone, Debug)]
pub(crate) struct Groups {
    /// Each member's group; `u32::MAX` for members who are not active.
    of_member: Vec<u32>,
    /// A member of each group, whose assignments stand for the group's.
    representative: Vec<usize>,
}

impl Groups {
    /// Groups `org`'s active members.
    pub fn new(org: &Organization) -> Self {
        let mut index: FxHashMap<&[RoleAssignment], u32> = FxHashMap::default();
        let mut representative = Vec::new();
        let of_member = org
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                if m.status != MemberStatus::Active {
                    return u32::MAX;
                }
                *index.entry(&m.roles).or_insert_with(|| {
                    representative.push(i);
                    (representative.len() - 1) as u32
                })
            })
            .collect();
        Groups { of_member, representative }
    }
}

/// Where the members of [`who_can_in`] may do the action.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reach<'r> {
    /// On this resource (`None`: on nothing in particular, so tenant-wide assignments only).
    On(Option<&'r Resource>),
    /// Somewhere: an assignment counts when it grants the action on a resource that is its own
    /// scope (a tenant-wide one: on nothing in particular), the engine's own rule.
    Anywhere,
}

/// The active members who may do `action` where `reach` says, each with the assignments that
/// grant it there; an action the policy does not have is `unknown_action` at `action`, with the
/// closest permission as a suggestion.
pub(crate) fn who_can(tenant: &Tenant, action: &str, reach: Reach) -> Result<Vec<MemberRef>, RequestError> {
    who_can_in(tenant, &Groups::new(tenant.org), action, reach)
}

/// [`who_can`] over `groups` of `tenant`'s members, made once.
pub(crate) fn who_can_in(
    tenant: &Tenant,
    groups: &Groups,
    action: &str,
    reach: Reach,
) -> Result<Vec<MemberRef>, RequestError> {
    let Some(a) = tenant.model.perms.get(action) else {
        let message = unknown(Unknown::Permission, action, tenant.model.perms.names());
        return Err(RequestError::single(RequestCode::UnknownAction, "action", message));
    };
    let members = &tenant.org.members;
    let grants = |r: &RoleAssignment| match reach {
        Reach::On(resource) => tenant.roles_can(std::slice::from_ref(r), a, resource),
        Reach::Anywhere => {
            let within =
                r.scope.as_ref().filter(|s| !s.is_empty()).map(|s| Resource { tenant: None, attributes: s.clone() });
            tenant.roles_can(std::slice::from_ref(r), a, within.as_ref())
        }
    };
    let granting: Vec<Option<Vec<RoleAssignment>>> = groups
        .representative
        .iter()
        .map(|&m| {
            let granting: Vec<RoleAssignment> = members[m].roles.iter().filter(|r| grants(r)).cloned().collect();
            (!granting.is_empty()).then_some(granting)
        })
        .collect();
    Ok(members
        .iter()
        .zip(&groups.of_member)
        .filter_map(|(m, &g)| granting.get(g as usize)?.as_ref().map(|roles| member_ref(m, roles.clone())))
        .collect())
}

/// A member's "My data"; `None` when there is no such member.
pub(crate) fn my_data(tenant: &Tenant, member: &str) -> Option<MyData> {
    let m = tenant.org.member(member)?;
    let resolved = tenant.model.resolve(&tenant.subject(m)).ok()?;
    Some(MyData {
        member: member_ref(m, m.roles.clone()),
        status: m.status.as_str(),
        // Nothing is allowed before approval, so an invited or pending member holds nothing yet.
        permissions: if m.status == MemberStatus::Active {
            effective_permissions(&tenant.model, &resolved)
        } else {
            Vec::new()
        },
        administrators: admins(tenant),
    })
}
