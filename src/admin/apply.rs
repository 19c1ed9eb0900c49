//! The operations as pure transitions: `apply` checks every rule, reports every violation, and
//! returns a new organization only when there is none. The input is never changed.

use super::operation::Operation;
use super::org::{Invitation, Member, MemberStatus, Organization};
use super::tenant::{check_email, check_time, same_email, violation, Tenant};
use super::time;
use super::{AdminCode, Violation};
use crate::engine::model::{AdminModel, Model};
use crate::engine::RoleAssignment;
use crate::messages as msg;
use crate::path;
use crate::text::{join_and, quote, unknown, Unknown};

/// Applies `op` by `actor` to `org` at `now`.
pub(crate) fn apply(
    base: &Model,
    org: &Organization,
    actor: &str,
    op: &Operation,
    now: &str,
) -> Result<Organization, Vec<Violation>> {
    let mut out = Vec::new();
    let Some(settings) = base.admin.clone() else {
        violation(&mut out, AdminCode::NotConfigured, "policy", msg::NOT_CONFIGURED.label());
        return Err(out);
    };
    let Some(now) = check_time(now, "now", &mut out) else { return Err(out) };
    if let Operation::CreateTenant { .. } = op {
        return create_tenant(base, org, actor, op, now);
    }
    let mut tenant = Tenant::new(base, org)?;
    let mut next = org.clone();
    let mut run = Run { tenant: &tenant, actor, settings: &settings, out: &mut out };
    match op {
        Operation::Invite { email, name, roles } => run.invite(&mut next, email, name, roles.as_deref(), now),
        Operation::AcceptInvitation { invitation } => run.accept(&mut next, invitation, now),
        Operation::Approve { member } => {
            run.authorize(settings.approve);
            if let Some(i) = run.target(member) {
                if org.members[i].status != MemberStatus::Pending {
                    let message = msg::NOT_PENDING.fill(&[member]);
                    violation(run.out, AdminCode::NotPending, "operation.member", message);
                }
                next.members[i].status = MemberStatus::Active;
                next.members[i].since = Some(time::format(now));
            }
        }
        Operation::AssignRoles { member, roles } => run.assign(&mut next, member, roles),
        Operation::RemoveMember { member } => run.remove(&mut next, member),
        Operation::DefineRole { role } => {
            run.authorize(settings.manage_roles);
            let allowance = tenant.allowance();
            tenant.add_custom_role(role, "operation.role", &allowance, &mut out);
            next.custom_roles.push(role.clone());
        }
        Operation::DeleteRole { role } => run.delete_role(&mut next, role),
        Operation::CreateTenant { .. } => {}
    }
    if out.is_empty() {
        Ok(next)
    } else {
        Err(out)
    }
}

struct Run<'t, 'o> {
    tenant: &'t Tenant<'o>,
    actor: &'t str,
    settings: &'t AdminModel,
    out: &'t mut Vec<Violation>,
}

impl Run<'_, '_> {
    /// Checks that the actor is an active member holding `permission` (tenant-wide); reports and
    /// returns `false` when not.
    fn authorize(&mut self, permission: u32) -> bool {
        let before = self.out.len();
        self.check_actor(permission);
        self.out.len() == before
    }

    fn check_actor(&mut self, permission: u32) {
        let model = &self.tenant.model;
        let Some(member) = self.tenant.org.member(self.actor) else {
            let message = msg::NOT_A_MEMBER.fill(&[&self.actor, &self.tenant.org.tenant]);
            violation(self.out, AdminCode::OtherTenant, "actor", message);
            return;
        };
        if member.status != MemberStatus::Active {
            violation(self.out, AdminCode::NotPermitted, "actor", msg::NOT_ACTIVE.fill(&[&self.actor]));
        } else if !self.tenant.roles_can(&member.roles, permission, None) {
            let needed = quote(model.perm_label(permission));
            let roles = self.tenant.granting_roles(permission);
            let message = if roles.is_empty() {
                msg::NOT_PERMITTED_ANY.fill(&[&self.actor, &needed])
            } else {
                msg::NOT_PERMITTED.fill(&[&self.actor, &needed, &join_and(&roles)])
            };
            violation(self.out, AdminCode::NotPermitted, "actor", message);
        }
    }

    /// The index of member `id`, or a violation.
    fn target(&mut self, id: &str) -> Option<usize> {
        let found = self.tenant.org.members.iter().position(|m| m.id == id);
        if found.is_none() {
            let message = msg::NOT_A_MEMBER.fill(&[&id, &self.tenant.org.tenant]);
            violation(self.out, AdminCode::OtherTenant, "operation.member", message);
        }
        found
    }

    /// Whether an active administrator other than `member` remains.
    fn other_admin(&self, member: &str) -> bool {
        self.tenant.org.members.iter().any(|m| m.id != member && self.tenant.is_admin(m))
    }

    fn invite(&mut self, next: &mut Organization, email: &str, name: &str, roles: Option<&[RoleAssignment]>, now: i64) {
        let org = self.tenant.org;
        let may_invite = self.authorize(self.settings.invite);
        check_email(email, "operation.email", self.out);
        if let Some(holder) = org.members.iter().find(|m| same_email(&m.email, email)) {
            let message = msg::DUPLICATE_EMAIL.fill(&[&email, &holder.id]);
            violation(self.out, AdminCode::DuplicateEmail, "operation.email", message);
        } else if org
            .invitations
            .iter()
            .any(|i| !i.used && same_email(&i.email, email) && time::parse(&i.expires_at) > Some(now))
        {
            violation(self.out, AdminCode::DuplicateEmail, "operation.email", msg::ALREADY_INVITED.fill(&[&email]));
        }
        let model = &self.tenant.model;
        let default =
            model.kind_info[self.tenant.kind as usize].default_role.map(|r| RoleAssignment::new(model.roles.name(r)));
        let roles: Vec<RoleAssignment> = match (roles, default) {
            (Some(roles), default) => {
                self.tenant.check_roles(roles, "operation.roles", Some(&[]), self.out);
                // Naming other roles than the default one is assigning roles: that needs the
                // assign permission too, so inviting cannot hand out more than one may assign.
                if may_invite && default.as_ref().is_none_or(|d| roles != std::slice::from_ref(d)) {
                    self.authorize(self.settings.assign_roles);
                }
                roles.to_vec()
            }
            (None, Some(default)) => vec![default],
            (None, None) => {
                let kind = quote(&model.kind_info[self.tenant.kind as usize].label);
                violation(self.out, AdminCode::NoDefaultRole, "operation.roles", msg::NO_DEFAULT_ROLE.fill(&[&kind]));
                Vec::new()
            }
        };
        let id = new_member_id(org, email);
        let expires_at = time::format(now + i64::from(self.settings.invitation_days) * 86_400);
        let invitation = Invitation {
            id: new_invitation_id(org),
            email: email.into(),
            name: name.into(),
            roles: roles.clone(),
            expires_at,
            used: false,
        };
        next.members.push(Member {
            id,
            email: email.into(),
            name: name.into(),
            status: MemberStatus::Invited,
            roles,
            since: Some(time::format(now)),
        });
        next.invitations.push(invitation);
    }

    fn accept(&mut self, next: &mut Organization, id: &str, now: i64) {
        let org = self.tenant.org;
        let Some(index) = org.invitations.iter().position(|i| i.id == id) else {
            violation(
                self.out,
                AdminCode::UnknownInvitation,
                "operation.invitation",
                msg::UNKNOWN_INVITATION.fill(&[&id]),
            );
            return;
        };
        let invitation = &org.invitations[index];
        if !same_email(&invitation.email, self.actor) {
            let message = msg::NOT_INVITEE.fill(&[&invitation.email, &self.actor]);
            violation(self.out, AdminCode::NotPermitted, "actor", message);
        }
        if invitation.used {
            // Its invitee is a member already: that is the whole story, not a duplicate e-mail.
            violation(self.out, AdminCode::InvitationUsed, "operation.invitation", msg::INVITATION_USED.label());
            return;
        }
        if time::parse(&invitation.expires_at).is_some_and(|expiry| now > expiry) {
            let message = msg::INVITATION_EXPIRED.fill(&[&invitation.expires_at]);
            violation(self.out, AdminCode::InvitationExpired, "operation.invitation", message);
        }
        // The roles must still be available (the tenant's modules may have changed since).
        self.tenant.check_roles(&invitation.roles, "operation.invitation", Some(&invitation.roles), self.out);
        let invited = org
            .members
            .iter()
            .position(|m| same_email(&m.email, &invitation.email) && m.status == MemberStatus::Invited);
        if let Some(holder) =
            org.members.iter().find(|m| same_email(&m.email, &invitation.email) && m.status != MemberStatus::Invited)
        {
            let message = msg::DUPLICATE_EMAIL.fill(&[&invitation.email, &holder.id]);
            violation(self.out, AdminCode::DuplicateEmail, "operation.invitation", message);
        }
        let member = Member {
            id: invited.map_or_else(|| new_member_id(org, &invitation.email), |i| org.members[i].id.clone()),
            email: invitation.email.clone(),
            name: invitation.name.clone(),
            status: MemberStatus::Active,
            roles: invitation.roles.clone(),
            since: Some(time::format(now)),
        };
        match invited {
            Some(i) => next.members[i] = member,
            None => next.members.push(member),
        }
        next.invitations[index].used = true;
    }

    fn assign(&mut self, next: &mut Organization, id: &str, roles: &[RoleAssignment]) {
        self.authorize(self.settings.assign_roles);
        let Some(i) = self.target(id) else { return };
        let member = &self.tenant.org.members[i];
        self.tenant.check_roles(roles, "operation.roles", Some(&member.roles), self.out);
        let stays_admin = member.status == MemberStatus::Active && self.tenant.admin_roles(roles);
        if self.tenant.is_admin(member) && !stays_admin {
            if member.id == self.actor {
                violation(self.out, AdminCode::SelfDemotion, "operation.roles", msg::SELF_DEMOTION.label());
            }
            if !self.other_admin(&member.id) {
                let message = msg::LAST_ADMIN.fill(&[&member.id, &self.tenant.org.tenant]);
                violation(self.out, AdminCode::LastAdmin, "operation.roles", message);
            }
        }
        next.members[i].roles = roles.to_vec();
    }

    fn remove(&mut self, next: &mut Organization, id: &str) {
        self.authorize(self.settings.remove_member);
        let Some(i) = self.target(id) else { return };
        let member = &self.tenant.org.members[i];
        if member.id == self.actor {
            violation(self.out, AdminCode::SelfRemoval, "operation.member", msg::SELF_REMOVAL.label());
        }
        if self.tenant.is_admin(member) && !self.other_admin(&member.id) {
            let message = msg::LAST_ADMIN.fill(&[&member.id, &self.tenant.org.tenant]);
            violation(self.out, AdminCode::LastAdmin, "operation.member", message);
        }
        next.members.remove(i);
        next.invitations.retain(|inv| inv.used || !same_email(&inv.email, &member.email));
    }

    fn delete_role(&mut self, next: &mut Organization, id: &str) {
        self.authorize(self.settings.manage_roles);
        let org = self.tenant.org;
        let Some(index) = org.custom_roles.iter().position(|r| r.id == id) else {
            let own = org.custom_roles.iter().map(|r| r.id.as_str());
            let message = unknown(Unknown::Role, id, own);
            violation(self.out, AdminCode::UnknownRole, "operation.role", message);
            return;
        };
        let holders = org.members.iter().map(|m| (m.id.as_str(), &m.roles));
        let invited = org.invitations.iter().filter(|i| !i.used).map(|i| (i.email.as_str(), &i.roles));
        if let Some((holder, _)) = holders.chain(invited).find(|(_, roles)| roles.iter().any(|a| a.role == id)) {
            violation(self.out, AdminCode::RoleInUse, "operation.role", msg::ROLE_IN_USE.fill(&[&id, &holder]));
        }
        next.custom_roles.remove(index);
    }
}

fn create_tenant(
    base: &Model,
    org: &Organization,
    actor: &str,
    op: &Operation,
    now: i64,
) -> Result<Organization, Vec<Violation>> {
    let Operation::CreateTenant { tenant, kind, modules, user } = op else {
        return Err(Vec::new());
    };
    let mut out = Vec::new();
    if !org.members.is_empty() || !org.custom_roles.is_empty() || !org.invitations.is_empty() {
        violation(&mut out, AdminCode::TenantExists, "org", msg::TENANT_EXISTS.fill(&[&org.tenant]));
    }
    if actor != user.id {
        violation(&mut out, AdminCode::NotPermitted, "actor", msg::NOT_FIRST_USER.fill(&[&user.id, &actor]));
    }
    check_email(&user.email, "operation.user.email", &mut out);
    let fresh = Organization {
        tenant: tenant.clone(),
        kind: kind.clone(),
        modules: modules.clone(),
        ..Organization::default()
    };
    // The new tenant's kind and modules are checked like any snapshot's, with operation paths.
    let mut admin_role = None;
    match Tenant::new(base, &fresh) {
        Err(problems) => out.extend(problems.into_iter().map(|mut p| {
            if let Some(rest) = p.path.strip_prefix("org.") {
                p.path = ["operation.", rest].concat();
            }
            p
        })),
        Ok(t) => {
            admin_role = (0..t.model.roles.len() as u32).find(|&r| {
                let role = &t.model.role_info[r as usize];
                role.admin && !role.deprecated && role.modules == 0 && t.model.role_available(r, t.kind, t.modules)
            });
            if admin_role.is_none() {
                let name = quote(&t.model.kind_info[t.kind as usize].label);
                violation(&mut out, AdminCode::NoAdminRole, "operation.kind", msg::NO_ADMIN_ROLE.fill(&[&name]));
            }
            admin_role = admin_role.filter(|_| out.is_empty());
        }
    }
    let Some(role) = admin_role else { return Err(out) };
    let first = Member {
        id: user.id.clone(),
        email: user.email.clone(),
        name: user.name.clone(),
        status: MemberStatus::Active,
        roles: vec![RoleAssignment::new(base.roles.name(role))],
        since: Some(time::format(now)),
    };
    Ok(Organization { members: vec![first], ..fresh })
}

/// A member id from the e-mail address's local part (lowercase letters, digits, `_`, `-`),
/// made unique with a number.
fn new_member_id(org: &Organization, email: &str) -> String {
    let local = email.as_bytes().iter().take_while(|&&b| b != b'@');
    let mut base: String = local
        .map(|&b| match b.to_ascii_lowercase() {
            c @ (b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-') => char::from(c),
            _ => '-',
        })
        .collect();
    if base.is_empty() {
        base.push_str("member");
    }
    let taken = |id: &str| org.members.iter().any(|m| m.id == id);
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = [base.as_str(), "-", &path::decimal(n)].concat();
        n += 1;
    }
    id
}

/// The next free invitation id: `inv-1`, `inv-2`, …
fn new_invitation_id(org: &Organization) -> String {
    let mut n = org.invitations.len() + 1;
    loop {
        let id = ["inv-", &path::decimal(n)].concat();
        if !org.invitations.iter().any(|i| i.id == id) {
            return id;
        }
        n += 1;
    }
}
