//! The operations as pure transitions: `apply` checks every rule, reports every violation, and
//! returns a new organization only when there is none. The input is never changed.

use super::operation::{NewUser, Operation};
use super::org::{Invitation, InvitedBy, Member, MemberStatus, Organization, TenantInvitation, TenantInvitationStatus};
use super::tenant::{check_email, check_new_tenant_id, check_time, kind_and_modules, same_email, violation, Tenant};
use super::{AdminCode, Applied, Violation};
use crate::engine::model::{AdminModel, Model, TenantInvitationRule};
use crate::engine::RoleAssignment;
use crate::lang::Label;
use crate::messages as msg;
use crate::path;
use crate::text::{join_and, quote, unknown, Unknown};
use crate::time;

/// Applies `op` by `actor` to `org` at `now`.
pub(crate) fn apply(
    base: &Model,
    org: &Organization,
    actor: &str,
    op: &Operation,
    now: &str,
) -> Result<Applied, Vec<Violation>> {
    let mut out = Vec::new();
    let Some(settings) = base.admin.clone() else {
        violation(&mut out, AdminCode::NotConfigured, "policy", msg::NOT_CONFIGURED.label());
        return Err(out);
    };
    let Some(now) = check_time(now, "now", &mut out) else { return Err(out) };
    if let Operation::CreateTenant { .. } = op {
        return create_tenant(base, org, actor, op, now).map(|org| Applied { org, created: None });
    }
    let mut tenant = Tenant::new(base, org)?;
    let mut next = org.clone();
    let mut created = None;
    let mut run = Run { base, tenant: &tenant, actor, settings: &settings, out: &mut out };
    match op {
        Operation::Invite { email, name, roles } => run.invite(&mut next, email, name, roles.as_deref(), now),
        Operation::AcceptInvitation { invitation } => run.accept(&mut next, invitation, now),
        Operation::Approve { member } => {
            run.authorize(settings.approve);
            if let Some(i) = run.target(member) {
                if org.members[i].status != MemberStatus::Pending {
                    let message = msg::NOT_PENDING.fill(&[&org.members[i].who()]);
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
        Operation::InviteTenant { tenant: id, kind, modules, company, email, name } => {
            let company = NewCompany { tenant: id, kind, modules, company, email, name };
            run.invite_tenant(&mut next, &company, now);
        }
        Operation::AcceptTenantInvitation { invitation } => created = run.accept_tenant(&mut next, invitation, now),
        Operation::RevokeTenantInvitation { invitation } => run.revoke_tenant(&mut next, invitation, now),
        Operation::SetApprovalRules { rules } => {
            match settings.manage_approvals {
                Some(permission) => {
                    run.authorize(permission);
                }
                None => {
                    let message = msg::APPROVALS_NOT_CONFIGURED.label();
                    violation(run.out, AdminCode::ApprovalsNotConfigured, "policy", message);
                }
            }
            tenant.compile_rules(rules, "operation.rules", &mut out);
            next.approval_rules = Some(rules.clone());
        }
        Operation::CreateTenant { .. } => {}
    }
    if out.is_empty() {
        Ok(Applied { org: next, created })
    } else {
        Err(out)
    }
}

/// The fields of `inviteTenant`.
struct NewCompany<'a> {
    tenant: &'a str,
    kind: &'a str,
    modules: &'a [String],
    company: &'a str,
    email: &'a str,
    name: &'a str,
}

struct Run<'t, 'o> {
    /// The policy's model, without the tenant's own roles: what a new tenant starts from.
    base: &'t Model,
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
            violation(self.out, AdminCode::NotPermitted, "actor", msg::NOT_ACTIVE.fill(&[&member.who()]));
        } else if !self.tenant.roles_can(&member.roles, permission, None) {
            let needed = quote(model.perm_label(permission));
            let roles = self.tenant.granting_roles(permission);
            let message = if roles.is_empty() {
                msg::NOT_PERMITTED_ANY.fill(&[&member.who(), &needed])
            } else {
                let text = msg::by_count(roles.len(), &msg::NOT_PERMITTED_ONE, &msg::NOT_PERMITTED);
                text.fill(&[&member.who(), &needed, &join_and(&roles)])
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
            let message = msg::DUPLICATE_EMAIL.fill(&[&email, &holder.who()]);
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
        if time::expired(&invitation.expires_at, now) {
            let message = msg::INVITATION_EXPIRED.fill(&[&time::readable(&invitation.expires_at)]);
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
            let message = msg::DUPLICATE_EMAIL.fill(&[&invitation.email, &holder.who()]);
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
                let message = msg::LAST_ADMIN.fill(&[&member.who(), &self.tenant.org.tenant]);
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
            let message = msg::LAST_ADMIN.fill(&[&member.who(), &self.tenant.org.tenant]);
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
        let holders = org.members.iter().map(|m| (m.who(), &m.roles));
        let invited = org.invitations.iter().filter(|i| !i.used).map(|i| (i.email.clone(), &i.roles));
        if let Some((holder, _)) = holders.chain(invited).find(|(_, roles)| roles.iter().any(|a| a.role == id)) {
            violation(self.out, AdminCode::RoleInUse, "operation.role", msg::ROLE_IN_USE.fill(&[&id, &holder]));
        }
        next.custom_roles.remove(index);
    }
}

/// Company invitations (onboarding): `inviteTenant`, `acceptTenantInvitation`,
/// `revokeTenantInvitation`.
impl Run<'_, '_> {
    /// The onboarding rules whose inviter is this tenant's kind; reports and returns `None` when
    /// the policy has none, or none for this kind.
    fn onboarding_rules(&mut self) -> Option<Vec<TenantInvitationRule>> {
        let rules = &self.settings.tenant_invitations;
        if rules.is_empty() {
            let message = msg::ONBOARDING_NOT_CONFIGURED.label();
            violation(self.out, AdminCode::OnboardingNotConfigured, "policy", message);
            return None;
        }
        let mine: Vec<TenantInvitationRule> = rules.iter().filter(|r| r.inviter == self.tenant.kind).copied().collect();
        if mine.is_empty() {
            let kind = quote(&self.base.kind_info[self.tenant.kind as usize].label);
            violation(self.out, AdminCode::KindMayNotInvite, "org.kind", msg::KIND_MAY_NOT_INVITE.fill(&[&kind]));
            return None;
        }
        Some(mine)
    }

    /// The rule letting this tenant invite kind `kind`; reports `kind_not_invitable` at `at` when
    /// there is none.
    fn rule_for(&mut self, mine: &[TenantInvitationRule], kind: u32, at: &str) -> Option<TenantInvitationRule> {
        let rule = mine.iter().find(|r| r.invitee == kind).copied();
        if rule.is_none() {
            let label = |k: u32| quote(&self.base.kind_info[k as usize].label);
            let allowed: Vec<Label> = mine.iter().map(|r| label(r.invitee)).collect();
            let message = msg::KIND_NOT_INVITABLE.fill(&[&label(self.tenant.kind), &label(kind), &join_and(&allowed)]);
            violation(self.out, AdminCode::KindNotInvitable, at, message);
        }
        rule
    }

    fn invite_tenant(&mut self, next: &mut Organization, new: &NewCompany, now: i64) {
        let Some(mine) = self.onboarding_rules() else { return };
        let org = self.tenant.org;
        match kind_and_modules(self.base, new.kind, new.modules, "operation", self.out) {
            Some((kind, modules)) => {
                let rule = self.rule_for(&mine, kind, "operation.kind");
                // The actor needs the rule's permission; for a kind that may not be invited, the
                // first rule's, so that every violation is reported at once.
                self.authorize(rule.unwrap_or(mine[0]).permission);
                if rule.is_some() && founder_role(self.base, kind, modules).is_none() {
                    let name = quote(&self.base.kind_info[kind as usize].label);
                    violation(self.out, AdminCode::NoAdminRole, "operation.kind", msg::NO_ADMIN_ROLE.fill(&[&name]));
                }
            }
            None => {
                self.authorize(mine[0].permission);
            }
        }
        for (text, at) in [(new.company, "operation.company"), (new.name, "operation.name")] {
            if text.trim().is_empty() {
                violation(self.out, AdminCode::EmptyName, at, msg::EMPTY_NAME.label());
            }
        }
        check_email(new.email, "operation.email", self.out);
        if let Some(member) = org.members.iter().find(|m| same_email(&m.email, new.email)) {
            let message = msg::MEMBER_OF_INVITER.fill(&[&new.email, &member.who()]);
            violation(self.out, AdminCode::DuplicateEmail, "operation.email", message);
        } else if let Some(open) = org.tenant_invitations.iter().find(|i| {
            i.status == TenantInvitationStatus::Open
                && same_email(&i.email, new.email)
                && !time::expired(&i.expires_at, now)
        }) {
            let message = msg::TENANT_INVITED_ALREADY.fill(&[&new.email, &open.id]);
            violation(self.out, AdminCode::DuplicateEmail, "operation.email", message);
        }
        let taken = org
            .tenant_invitations
            .iter()
            .any(|i| i.tenant == new.tenant && i.status != TenantInvitationStatus::Revoked);
        check_new_tenant_id(org, new.tenant, taken, "operation.tenant", self.out);
        next.tenant_invitations.push(TenantInvitation {
            id: new_tenant_invitation_id(org),
            tenant: new.tenant.into(),
            kind: new.kind.into(),
            modules: new.modules.to_vec(),
            company: new.company.into(),
            email: new.email.into(),
            name: new.name.into(),
            invited_by: self.actor.into(),
            expires_at: time::format(now + i64::from(self.settings.invitation_days) * 86_400),
            status: TenantInvitationStatus::Open,
            since: None,
        });
    }

    /// The index of company invitation `id`, or a violation.
    fn tenant_invitation(&mut self, id: &str) -> Option<usize> {
        let found = self.tenant.org.tenant_invitations.iter().position(|i| i.id == id);
        if found.is_none() {
            let message = msg::UNKNOWN_TENANT_INVITATION.fill(&[&id]);
            violation(self.out, AdminCode::UnknownInvitation, "operation.invitation", message);
        }
        found
    }

    /// Reports a company invitation that is used or revoked; `true` when it is open.
    fn still_open(&mut self, invitation: &TenantInvitation) -> bool {
        let (code, message) = match invitation.status {
            TenantInvitationStatus::Open => return true,
            TenantInvitationStatus::Used => (AdminCode::InvitationUsed, msg::INVITATION_USED.label()),
            TenantInvitationStatus::Revoked => (AdminCode::InvitationRevoked, msg::INVITATION_REVOKED.label()),
        };
        violation(self.out, code, "operation.invitation", message);
        false
    }

    /// Accepts company invitation `id`: returns the new tenant's snapshot.
    fn accept_tenant(&mut self, next: &mut Organization, id: &str, now: i64) -> Option<Organization> {
        let org = self.tenant.org;
        let index = self.tenant_invitation(id)?;
        let invitation = &org.tenant_invitations[index];
        if !same_email(&invitation.email, self.actor) {
            let message = msg::NOT_INVITEE.fill(&[&invitation.email, &self.actor]);
            violation(self.out, AdminCode::NotPermitted, "actor", message);
        }
        if !self.still_open(invitation) {
            return None;
        }
        if time::expired(&invitation.expires_at, now) {
            let message = msg::INVITATION_EXPIRED.fill(&[&time::readable(&invitation.expires_at)]);
            violation(self.out, AdminCode::InvitationExpired, "operation.invitation", message);
        }
        if let Some(member) = org.members.iter().find(|m| same_email(&m.email, &invitation.email)) {
            let message = msg::MEMBER_OF_INVITER.fill(&[&invitation.email, &member.who()]);
            violation(self.out, AdminCode::DuplicateEmail, "operation.invitation", message);
        }
        // The policy may have changed since the invitation was sent: it must still allow it.
        let at = path::index("org.tenantInvitations", index);
        let mine = self.onboarding_rules()?;
        let (kind, modules) = kind_and_modules(self.base, &invitation.kind, &invitation.modules, &at, self.out)?;
        self.rule_for(&mine, kind, "operation.invitation")?;
        let Some(role) = founder_role(self.base, kind, modules) else {
            let name = quote(&self.base.kind_info[kind as usize].label);
            violation(self.out, AdminCode::NoAdminRole, "operation.invitation", msg::NO_ADMIN_ROLE.fill(&[&name]));
            return None;
        };
        let since = time::format(now);
        next.tenant_invitations[index].status = TenantInvitationStatus::Used;
        next.tenant_invitations[index].since = Some(since.clone());
        let first = Organization::default();
        Some(Organization {
            tenant: invitation.tenant.clone(),
            kind: invitation.kind.clone(),
            modules: invitation.modules.clone(),
            members: vec![founder(self.base, new_member_id(&first, &invitation.email), invitation, role, &since)],
            invited_by: Some(InvitedBy {
                tenant: org.tenant.clone(),
                kind: org.kind.clone(),
                invitation: invitation.id.clone(),
                since,
            }),
            ..first
        })
    }

    fn revoke_tenant(&mut self, next: &mut Organization, id: &str, now: i64) {
        let Some(mine) = self.onboarding_rules() else { return };
        let Some(index) = self.tenant_invitation(id) else {
            self.authorize(mine[0].permission);
            return;
        };
        let invitation = &self.tenant.org.tenant_invitations[index];
        // The permission that let the invitation be sent; the first rule's if that rule is gone.
        let kind = self.base.kinds.get(&invitation.kind);
        let rule = mine.iter().find(|r| Some(r.invitee) == kind).unwrap_or(&mine[0]);
        self.authorize(rule.permission);
        if self.still_open(invitation) {
            next.tenant_invitations[index].status = TenantInvitationStatus::Revoked;
            next.tenant_invitations[index].since = Some(time::format(now));
        }
    }
}

/// The role a new tenant's first user gets: the first administrator role available to its kind
/// and modules that needs no module and is not deprecated.
fn founder_role(base: &Model, kind: u32, modules: u64) -> Option<u32> {
    (0..base.roles.len() as u32).find(|&r| {
        let role = &base.role_info[r as usize];
        role.admin && !role.deprecated && role.modules == 0 && base.role_available(r, kind, modules)
    })
}

/// A new tenant's first user: active, holding `role`.
fn founder(base: &Model, id: String, user: &impl FirstUser, role: u32, since: &str) -> Member {
    Member {
        id,
        email: user.email().into(),
        name: user.name().into(),
        status: MemberStatus::Active,
        roles: vec![RoleAssignment::new(base.roles.name(role))],
        since: Some(since.into()),
    }
}

/// Who a new tenant's first user is: the `user` of `createTenant`, or the invitee of a company
/// invitation.
trait FirstUser {
    fn email(&self) -> &str;
    fn name(&self) -> &str;
}

impl FirstUser for NewUser {
    fn email(&self) -> &str {
        &self.email
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl FirstUser for TenantInvitation {
    fn email(&self) -> &str {
        &self.email
    }
    fn name(&self) -> &str {
        &self.name
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
        violation(
            &mut out,
            AdminCode::NotPermitted,
            "actor",
            msg::NOT_FIRST_USER.fill(&[&super::org::who(&user.name, &user.id), &actor]),
        );
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
            admin_role = founder_role(base, t.kind, t.modules);
            if admin_role.is_none() {
                let name = quote(&t.model.kind_info[t.kind as usize].label);
                violation(&mut out, AdminCode::NoAdminRole, "operation.kind", msg::NO_ADMIN_ROLE.fill(&[&name]));
            }
            admin_role = admin_role.filter(|_| out.is_empty());
        }
    }
    let Some(role) = admin_role else { return Err(out) };
    let first = founder(base, user.id.clone(), user, role, &time::format(now));
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
    next_id("inv-", org.invitations.len(), |id| org.invitations.iter().any(|i| i.id == id))
}

/// The next free company invitation id: `tinv-1`, `tinv-2`, …
fn new_tenant_invitation_id(org: &Organization) -> String {
    next_id("tinv-", org.tenant_invitations.len(), |id| org.tenant_invitations.iter().any(|i| i.id == id))
}

/// `prefix` and the first number after `count` that makes an id not `taken`.
fn next_id(prefix: &str, count: usize, taken: impl Fn(&str) -> bool) -> String {
    let mut n = count + 1;
    loop {
        let id = [prefix, &path::decimal(n)].concat();
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}
