//! [`Tenant`]: an organization snapshot checked against the policy, with the tenant's own roles
//! compiled in, answering "may this member do that" through the engine's one decision procedure.

use super::org::{CustomRole, Member, MemberStatus, Organization, TenantInvitationStatus};
use super::{AdminCode, Violation};
use crate::engine::approval::{RuleFault, RuleModel, RuleSet};
use crate::engine::compile::is_valid_id;
use crate::engine::model::{bit, Model, RoleModel};
use crate::engine::permset::PermSet;
use crate::engine::{Reason, Resource, RoleAssignment, Standing, Subject, Verdict};
use crate::lang::Label;
use crate::limits;
use crate::messages as msg;
use crate::path;
use crate::policy::ApprovalRule;
use crate::text::{did_you_mean, join_and, quote, suggest, unknown, Unknown};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// An organization that fits the policy.
pub(crate) struct Tenant<'o> {
    /// The policy with the tenant's own roles added (borrowed from an [`super::OrganizationHandle`]).
    pub model: Cow<'o, Model>,
    pub org: &'o Organization,
    pub kind: u32,
    pub modules: u64,
    /// The tenant's approval rules: its own (compiled against `model`) or the policy's defaults.
    pub rules: RuleSet,
}

/// Records a violation.
pub(crate) fn violation(out: &mut Vec<Violation>, code: AdminCode, path: impl Into<String>, message: Label) {
    out.push(Violation::new(code, path, message));
}

impl<'o> Tenant<'o> {
    /// Checks `org` against `base`; `Err` lists every problem.
    pub fn new(base: &'o Model, org: &'o Organization) -> Result<Self, Vec<Violation>> {
        let mut out = Vec::new();
        let Some((kind, modules)) = kind_and_modules(base, &org.kind, &org.modules, "org", &mut out) else {
            return Err(out);
        };
        let lists = [
            ("org.members", org.members.len()),
            ("org.invitations", org.invitations.len()),
            ("org.tenantInvitations", org.tenant_invitations.len()),
        ];
        for (list, len) in lists {
            if len > limits::MAX_MEMBERS {
                let message = msg::TOO_MANY_MEMBERS.fill(&[&path::decimal(len), &path::decimal(limits::MAX_MEMBERS)]);
                violation(&mut out, AdminCode::LimitExceeded, list, message);
                return Err(out);
            }
        }
        // The policy's model, copied only when the tenant has roles of its own to add to it.
        let mut tenant = Tenant { model: Cow::Borrowed(base), org, kind, modules, rules: RuleSet::Defaults };
        let allowance = tenant.allowance();
        for (i, role) in org.custom_roles.iter().enumerate() {
            tenant.add_custom_role(role, &path::index("org.customRoles", i), &allowance, &mut out);
        }
        // The first member with each id and each e-mail address (lowercased, as `same_email` compares).
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut emails: FxHashMap<String, usize> = FxHashMap::default();
        for (i, member) in org.members.iter().enumerate() {
            let at = path::index("org.members", i);
            if *ids.entry(&member.id).or_insert(i) != i {
                violation(
                    &mut out,
                    AdminCode::DuplicateMember,
                    path::key(&at, "id"),
                    msg::DUPLICATE_MEMBER.fill(&[&member.id]),
                );
            }
            let first = *emails.entry(member.email.to_ascii_lowercase()).or_insert(i);
            if first != i {
                let message = msg::DUPLICATE_EMAIL.fill(&[&member.email, &org.members[first].id]);
                violation(&mut out, AdminCode::DuplicateEmail, path::key(&at, "email"), message);
            }
            check_email(&member.email, &path::key(&at, "email"), &mut out);
            tenant.check_roles(&member.roles, &path::key(&at, "roles"), None, &mut out);
            if let Some(since) = &member.since {
                check_time(since, &path::key(&at, "since"), &mut out);
            }
        }
        for (i, invitation) in org.invitations.iter().enumerate() {
            let at = path::index("org.invitations", i);
            tenant.check_roles(&invitation.roles, &path::key(&at, "roles"), None, &mut out);
            check_time(&invitation.expires_at, &path::key(&at, "expiresAt"), &mut out);
        }
        check_tenant_invitations(base, org, &mut out);
        if let Some(rules) = &org.approval_rules {
            if let Some(compiled) = tenant.compile_rules(rules, "org.approvalRules", &mut out) {
                tenant.rules = RuleSet::Own(compiled.into());
            }
        }
        if let Some(by) = &org.invited_by {
            if by.tenant == org.tenant {
                violation(&mut out, AdminCode::InvalidTenant, "org.invitedBy.tenant", msg::INVITED_BY_SELF.label());
            }
            check_time(&by.since, "org.invitedBy.since", &mut out);
        }
        if out.is_empty() {
            Ok(tenant)
        } else {
            Err(out)
        }
    }

    /// The tenant's own approval `rules` (at `at`), compiled within the policy's bounds; `None`
    /// with every fault reported as a violation.
    pub fn compile_rules(&self, rules: &[ApprovalRule], at: &str, out: &mut Vec<Violation>) -> Option<Vec<RuleModel>> {
        match self.model.compile_tenant_rules(rules, self.kind, self.modules, at) {
            Ok(compiled) => Some(compiled),
            Err(faults) => {
                for (fault, path, message) in faults {
                    let code = match fault {
                        RuleFault::InvalidId | RuleFault::DuplicateId => AdminCode::InvalidRule,
                        RuleFault::UnknownPermission => AdminCode::UnknownPermission,
                        RuleFault::NotGoverned => AdminCode::NotGoverned,
                        RuleFault::UnknownAttribute => AdminCode::UnknownAttribute,
                        RuleFault::InvalidCondition => AdminCode::InvalidCondition,
                        RuleFault::UnknownRole => AdminCode::UnknownRole,
                        RuleFault::UnknownKind => AdminCode::UnknownTenantKind,
                        RuleFault::InvalidTiers => AdminCode::InvalidTiers,
                        RuleFault::ApproverNotAllowed => AdminCode::ApproverNotAllowed,
                        RuleFault::TooManyRules => AdminCode::TooManyRules,
                    };
                    violation(out, code, path, message);
                }
                None
            }
        }
    }

    /// Everything the roles available to this tenant (not deprecated) can give: the most a role
    /// of its own may grant.
    pub fn allowance(&self) -> PermSet {
        let mut allowed = PermSet::empty(self.model.perm_info.len());
        for (r, role) in self.model.role_info.iter().enumerate() {
            if !role.deprecated && self.model.role_available(r as u32, self.kind, self.modules) {
                allowed.union_with(&role.effective);
            }
        }
        allowed
    }

    /// Checks a role of the tenant's own and, when it is sound, adds it to the model.
    pub fn add_custom_role(&mut self, role: &CustomRole, at: &str, allowance: &PermSet, out: &mut Vec<Violation>) {
        let mark = out.len();
        let id_path = path::key(at, "id");
        if !is_valid_id(&role.id) {
            violation(
                out,
                AdminCode::InvalidRole,
                id_path,
                msg::ID_INVALID.fill(&[&msg::THING_ROLE.label(), &role.id]),
            );
        } else if self.model.roles.get(&role.id).is_some() {
            violation(out, AdminCode::RoleIdTaken, id_path, msg::ROLE_ID_TAKEN.fill(&[&role.id]));
        }
        for (text, lang, empty) in
            [(&role.label.en, "en", &msg::ENGLISH_LABEL_EMPTY), (&role.label.de, "de", &msg::GERMAN_LABEL_EMPTY)]
        {
            if text.trim().is_empty() {
                violation(out, AdminCode::InvalidRole, path::key(&path::key(at, "label"), lang), empty.label());
            }
        }
        let mut effective = PermSet::empty(self.model.perm_info.len());
        let mut grants = Vec::new();
        for (j, grant) in role.grants.iter().enumerate() {
            match self.model.perms.get(grant) {
                Some(p) => {
                    grants.push(p);
                    effective.union_with(&self.model.perm_info[p as usize].closure);
                }
                None => {
                    let message = unknown(Unknown::Permission, grant, self.model.perms.names());
                    violation(out, AdminCode::UnknownPermission, path::index(&path::key(at, "grants"), j), message);
                }
            }
        }
        let beyond: Vec<Label> =
            effective.iter().filter(|&p| !allowance.contains(p)).map(|p| quote(self.model.perm_label(p))).collect();
        if !beyond.is_empty() {
            let kind = quote(&self.model.kind_info[self.kind as usize].label);
            let message = msg::CUSTOM_TOO_POWERFUL.fill(&[&kind, &join_and(&beyond)]);
            violation(out, AdminCode::CustomRoleExceedsKind, path::key(at, "grants"), message);
        }
        if out.len() == mark && self.model.to_mut().roles.insert(&role.id).is_ok() {
            self.model.to_mut().role_info.push(RoleModel {
                label: role.label.clone(),
                grants,
                effective,
                kinds: bit(self.kind),
                modules: 0,
                admin: false,
                deprecated: false,
            });
        }
    }

    /// Checks role assignments. `previous`, for an operation that assigns them, holds the
    /// assignments before it: then roles must also be available, and a deprecated one must
    /// already have been held. Without it (a snapshot), known roles and scope keys suffice.
    pub fn check_roles(
        &self,
        roles: &[RoleAssignment],
        at: &str,
        previous: Option<&[RoleAssignment]>,
        out: &mut Vec<Violation>,
    ) {
        for (i, a) in roles.iter().enumerate() {
            let item = path::index(at, i);
            if a.is_timed() {
                let name = if a.from.is_some() { "from" } else { "until" };
                violation(out, AdminCode::TimedAssignment, path::key(&item, name), msg::TIMED_ASSIGNMENT.label());
            }
            let role_path = if a.scope.is_some() || a.is_timed() { path::key(&item, "role") } else { item.clone() };
            let Some(r) = self.model.roles.get(&a.role) else {
                violation(
                    out,
                    AdminCode::UnknownRole,
                    role_path,
                    unknown(Unknown::Role, &a.role, self.model.roles.names()),
                );
                continue;
            };
            if let Some(previous) = previous {
                let role = &self.model.role_info[r as usize];
                let name = quote(&role.label);
                if role.kinds & bit(self.kind) == 0 {
                    let kind = quote(&self.model.kind_info[self.kind as usize].label);
                    violation(
                        out,
                        AdminCode::RoleNotAvailable,
                        role_path.clone(),
                        msg::ROLE_OTHER_KIND.fill(&[&name, &kind]),
                    );
                } else if role.modules & !self.modules != 0 {
                    let missing: Vec<Label> = (0..self.model.modules.len())
                        .filter(|&m| role.modules & !self.modules & bit(m) != 0)
                        .map(|m| quote(&self.model.module_labels[m]))
                        .collect();
                    let message = msg::ROLE_NEEDS_MODULE.fill(&[&name, &join_and(&missing)]);
                    violation(out, AdminCode::RoleNotAvailable, role_path.clone(), message);
                }
                if role.deprecated && !previous.iter().any(|p| p.role == a.role) {
                    violation(out, AdminCode::DeprecatedRole, role_path, msg::DEPRECATED_ASSIGNED.fill(&[&name]));
                }
            }
            for (key, value) in a.scope.iter().flatten() {
                let key_path = path::key(&path::key(&item, "scope"), key);
                if self.model.scope_keys.get(key).is_none() {
                    let keys = self.model.scope_keys.names().collect::<Vec<_>>().join("', '");
                    let hint = did_you_mean(suggest(key, self.model.scope_keys.names()));
                    violation(
                        out,
                        AdminCode::UnknownScopeKey,
                        key_path,
                        msg::UNKNOWN_SCOPE_KEY.fill(&[key, &keys, &hint]),
                    );
                } else if value.is_empty() {
                    violation(out, AdminCode::EmptyScopeValue, key_path, msg::EMPTY_SCOPE_VALUE.label());
                }
            }
        }
    }

    /// Whether `roles` (held by a member of this tenant) allow `action` on `resource`.
    pub fn roles_can(&self, roles: &[RoleAssignment], action: u32, resource: Option<&Resource>) -> bool {
        if resource.and_then(|r| r.tenant.as_deref()).is_some_and(|t| t != self.org.tenant) {
            return false;
        }
        let mut verdict = Verdict::default();
        for a in roles {
            if let Some(r) = self.model.roles.get(&a.role) {
                let scope = a.scope.as_ref().filter(|s| !s.is_empty());
                let standing = if self.model.role_available(r, self.kind, self.modules) {
                    Standing::Counts
                } else {
                    Standing::Unavailable
                };
                verdict.consider(&self.model, action, r, scope, standing, resource);
            }
        }
        verdict.reason() == Reason::Granted
    }

    /// Whether `roles` make their holder an administrator: a tenant-wide assignment of an
    /// administrator role available to this tenant.
    pub fn admin_roles(&self, roles: &[RoleAssignment]) -> bool {
        roles.iter().any(|a| {
            a.scope.as_ref().is_none_or(|s| s.is_empty())
                && self.model.roles.get(&a.role).is_some_and(|r| {
                    self.model.role_info[r as usize].admin && self.model.role_available(r, self.kind, self.modules)
                })
        })
    }

    /// Whether `member` is an active administrator.
    pub fn is_admin(&self, member: &Member) -> bool {
        member.status == MemberStatus::Active && self.admin_roles(&member.roles)
    }

    /// The subject a member is for decisions.
    pub fn subject(&self, member: &Member) -> Subject {
        Subject {
            id: member.id.clone(),
            tenant: self.org.tenant.clone(),
            tenant_kind: Some(self.org.kind.clone()),
            modules: self.org.modules.clone(),
            roles: member.roles.clone(),
            // Snapshots hold no windows (`check_roles` refuses them): no instant is needed.
            at: None,
        }
    }

    /// The labels of the roles available to this tenant that grant `action`, quoted.
    pub fn granting_roles(&self, action: u32) -> Vec<Label> {
        (0..self.model.roles.len() as u32)
            .filter(|&r| {
                let role = &self.model.role_info[r as usize];
                !role.deprecated
                    && role.effective.contains(action)
                    && self.model.role_available(r, self.kind, self.modules)
            })
            .map(|r| quote(self.model.role_label(r)))
            .collect()
    }
}

/// Checks a tenant's kind and modules (at `at.kind`, `at.modules`): the kind's number and the
/// modules' mask, or `None` with the problems reported.
pub(crate) fn kind_and_modules(
    base: &Model,
    kind: &str,
    modules: &[String],
    at: &str,
    out: &mut Vec<Violation>,
) -> Option<(u32, u64)> {
    let Some(number) = base.kinds.get(kind) else {
        let message = unknown(Unknown::TenantKind, kind, base.kinds.names());
        violation(out, AdminCode::UnknownTenantKind, path::key(at, "kind"), message);
        return None;
    };
    let offered = base.kind_info[number as usize].modules;
    let mut mask = 0;
    let mark = out.len();
    for (i, m) in modules.iter().enumerate() {
        match base.modules.get(m).filter(|&n| offered & bit(n) != 0) {
            Some(n) => mask |= bit(n),
            None => {
                let message = msg::KIND_OFFERS_NO_MODULE.fill(&[&kind, m, &Label::default()]);
                violation(out, AdminCode::UnknownModule, path::index(&path::key(at, "modules"), i), message);
            }
        }
    }
    (out.len() == mark).then_some((number, mask))
}

/// Checks the company invitations of a snapshot: unique ids and tenant ids, valid kinds, modules,
/// addresses and times.
fn check_tenant_invitations(base: &Model, org: &Organization, out: &mut Vec<Violation>) {
    for (i, invitation) in org.tenant_invitations.iter().enumerate() {
        let at = path::index("org.tenantInvitations", i);
        let earlier = &org.tenant_invitations[..i];
        if earlier.iter().any(|e| e.id == invitation.id) {
            let message = msg::DUPLICATE_INVITATION.fill(&[&invitation.id]);
            violation(out, AdminCode::DuplicateInvitation, path::key(&at, "id"), message);
        }
        let taken =
            earlier.iter().any(|e| e.tenant == invitation.tenant && e.status != TenantInvitationStatus::Revoked);
        check_new_tenant_id(
            org,
            &invitation.tenant,
            taken && invitation.status != TenantInvitationStatus::Revoked,
            &path::key(&at, "tenant"),
            out,
        );
        kind_and_modules(base, &invitation.kind, &invitation.modules, &at, out);
        check_email(&invitation.email, &path::key(&at, "email"), out);
        check_time(&invitation.expires_at, &path::key(&at, "expiresAt"), out);
        if let Some(since) = &invitation.since {
            check_time(since, &path::key(&at, "since"), out);
        }
    }
}

/// Checks the id of a tenant to be: a valid id, not the inviting tenant's own, not `taken`.
pub(crate) fn check_new_tenant_id(org: &Organization, id: &str, taken: bool, at: &str, out: &mut Vec<Violation>) {
    if !is_valid_id(id) {
        let message = msg::ID_INVALID.fill(&[&msg::THING_TENANT.label(), &id]);
        violation(out, AdminCode::InvalidTenant, at, message);
    } else if id == org.tenant || taken {
        let what = if id == org.tenant { msg::OWN_TENANT.label() } else { msg::TENANT_INVITED.label() };
        let message = msg::TENANT_ID_TAKEN.fill(&[&id, &what]);
        violation(out, AdminCode::InvalidTenant, at, message);
    }
}

/// Whether two e-mail addresses are the same (ignoring ASCII case).
pub(crate) fn same_email(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Checks that `email` looks like an address: one `@`, something on both sides, no spaces.
pub(crate) fn check_email(email: &str, at: &str, out: &mut Vec<Violation>) {
    let bytes = email.as_bytes();
    let ats = bytes.iter().filter(|&&b| b == b'@').count();
    let sign = bytes.iter().position(|&b| b == b'@').unwrap_or(0);
    let valid = ats == 1 && sign > 0 && sign + 1 < bytes.len() && !bytes.iter().any(|&b| b <= b' ');
    if !valid {
        violation(out, AdminCode::InvalidEmail, at, msg::INVALID_EMAIL.fill(&[&email]));
    }
}

/// Checks that `text` is an RFC 3339 time.
pub(crate) fn check_time(text: &str, at: &str, out: &mut Vec<Violation>) -> Option<i64> {
    let parsed = crate::time::parse(text);
    if parsed.is_none() {
        violation(out, AdminCode::InvalidTime, at, msg::INVALID_TIME.fill(&[&text]));
    }
    parsed
}
