//! The organization linter: approver coverage (the seeds' "Important information"), deprecated
//! roles still held, members without a role, members pending too long, expired invitations, and a
//! tenant without an active administrator.

use super::org::{MemberStatus, TenantInvitationStatus};
use super::tenant::Tenant;
use crate::lint::{Finding, Severity};
use crate::messages as msg;
use crate::path;
use crate::problem::codes;
use crate::text::quote;
use crate::time;

codes! {
    /// The code of an organization lint finding.
    pub enum OrgLintCode {
        /// No active member holds an administrator role.
        NoActiveAdmin = "no_active_admin",
        /// Members may request, but too few active members may release.
        ApproverCoverage = "approver_coverage",
        /// A member still holds a deprecated role.
        DeprecatedRoleAssigned = "deprecated_role_assigned",
        /// A member holds no role.
        MemberWithoutRole = "member_without_role",
        /// A member has waited for approval longer than the limit.
        PendingTooLong = "pending_too_long",
        /// An invitation (to join, or a company invitation) expired unused.
        ExpiredInvitation = "expired_invitation",
        /// A tier of an approval rule that no active member other than a requester can approve.
        TierWithoutApprover = "tier_without_approver",
        /// A tier of an approval rule with fewer eligible approvers than the policy's minimum.
        TooFewApprovers = "too_few_approvers",
    }
}

impl OrgLintCode {
    /// The severity findings of this code have.
    pub fn severity(self) -> Severity {
        match self {
            OrgLintCode::NoActiveAdmin | OrgLintCode::TierWithoutApprover => Severity::Error,
            OrgLintCode::PendingTooLong | OrgLintCode::ExpiredInvitation => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

/// Days a member may wait for approval before `pending_too_long`.
pub const PENDING_DAYS: i64 = 14;

/// Every finding, errors first. `now` (seconds) enables the checks that need the time.
pub(crate) fn lint(tenant: &Tenant, now: Option<i64>) -> Vec<Finding<OrgLintCode>> {
    let org = tenant.org;
    let model = &tenant.model;
    let mut findings = Vec::new();
    let mut add = |code: OrgLintCode, path: String, message| {
        findings.push(Finding { code, severity: code.severity(), path, message })
    };
    if !org.members.iter().any(|m| tenant.is_admin(m)) {
        add(OrgLintCode::NoActiveAdmin, "org.members".into(), msg::NO_ACTIVE_ADMIN.fill(&[&org.tenant]));
    }
    if let Some((request, release, minimum)) = model.admin.as_ref().and_then(|a| a.coverage) {
        let active = || org.members.iter().filter(|m| m.status == MemberStatus::Active);
        let requesters = active().filter(|m| tenant.roles_can(&m.roles, request, None)).count();
        let releasers = active().filter(|m| tenant.roles_can(&m.roles, release, None)).count();
        if requesters > 0 && releasers < minimum as usize {
            let count = |n: usize, none: Option<&'static msg::Text>, one, many: &'static msg::Text| match (n, none) {
                (0, Some(none)) => none.label(),
                (1, _) => msg::Text::label(one),
                _ => many.fill(&[&path::decimal(n)]),
            };
            let requesting = count(requesters, None, &msg::REQUESTERS_ONE, &msg::REQUESTERS);
            let releasing = count(releasers, Some(&msg::RELEASERS_NONE), &msg::RELEASERS_ONE, &msg::RELEASERS);
            let message = msg::APPROVER_COVERAGE.fill(&[&requesting, &releasing, &path::decimal(minimum as usize)]);
            add(OrgLintCode::ApproverCoverage, "org.members".into(), message);
        }
    }
    for (i, m) in org.members.iter().enumerate() {
        let at = path::index("org.members", i);
        if m.roles.is_empty() {
            add(OrgLintCode::MemberWithoutRole, path::key(&at, "roles"), msg::MEMBER_WITHOUT_ROLE.fill(&[&m.who()]));
        }
        for (j, a) in m.roles.iter().enumerate() {
            if let Some(r) = model.roles.get(&a.role).filter(|&r| model.role_info[r as usize].deprecated) {
                let message = msg::DEPRECATED_STILL_ASSIGNED.fill(&[&m.who(), &quote(model.role_label(r))]);
                add(OrgLintCode::DeprecatedRoleAssigned, path::index(&path::key(&at, "roles"), j), message);
            }
        }
        let since = m.since.as_deref().and_then(time::parse);
        if let (MemberStatus::Pending, Some(now), Some(since)) = (m.status, now, since) {
            if now - since > PENDING_DAYS * 86_400 {
                let message =
                    msg::PENDING_TOO_LONG.fill(&[&m.who(), &time::label(since), &path::decimal(PENDING_DAYS as usize)]);
                add(OrgLintCode::PendingTooLong, at, message);
            }
        }
    }
    let expired = |expires_at: &str| now.is_some_and(|now| time::expired(expires_at, now));
    for (i, invitation) in org.invitations.iter().enumerate() {
        if !invitation.used && expired(&invitation.expires_at) {
            let message =
                msg::OPEN_INVITATION_EXPIRED.fill(&[&invitation.email, &time::readable(&invitation.expires_at)]);
            add(OrgLintCode::ExpiredInvitation, path::index("org.invitations", i), message);
        }
    }
    for (i, invitation) in org.tenant_invitations.iter().enumerate() {
        if invitation.status == TenantInvitationStatus::Open && expired(&invitation.expires_at) {
            let message =
                msg::OPEN_INVITATION_EXPIRED.fill(&[&invitation.email, &time::readable(&invitation.expires_at)]);
            add(OrgLintCode::ExpiredInvitation, path::index("org.tenantInvitations", i), message);
        }
    }
    approval_tiers(tenant, &mut add);
    crate::lint::errors_first(findings)
}

/// Each tier of each approval rule of the tenant (its own, or the policy's defaults for its
/// kind): who may approve it, and whether that is enough.
fn approval_tiers(tenant: &Tenant, add: &mut impl FnMut(OrgLintCode, String, crate::lang::Label)) {
    let model = &tenant.model;
    let Some(approvals) = &model.approvals else { return };
    // The number of each active member's roles that count here, with the member.
    let counting = |m: &super::org::Member| -> Vec<u32> {
        let roles = m.roles.iter().filter_map(|a| model.roles.get(&a.role));
        roles.filter(|&r| model.role_available(r, tenant.kind, tenant.modules)).collect()
    };
    let active: Vec<Vec<u32>> =
        tenant.org.members.iter().filter(|m| m.status == MemberStatus::Active).map(counting).collect();
    for (governed, g) in approvals.actions.iter().enumerate() {
        for (i, (rule, source)) in tenant.rules.for_action(model, tenant.kind, governed as u32).enumerate() {
            let (list, index) = match source {
                crate::engine::RuleSource::Tenant => {
                    let own = tenant.org.approval_rules.iter().flatten();
                    ("org.approvalRules", own.clone().position(|r| r.id == rule.id).unwrap_or(i))
                }
                _ => ("$.approvals.rules", approvals.rules.iter().position(|r| r.id == rule.id).unwrap_or(0)),
            };
            let at = path::index(list, index);
            for (t, tier) in rule.tiers.iter().enumerate() {
                let eligible: Vec<&Vec<u32>> = active
                    .iter()
                    .filter(|roles| {
                        roles
                            .iter()
                            .any(|&r| tier.contains(&r) && model.role_info[r as usize].effective.contains(g.approve))
                    })
                    .collect();
                // The only one who could approve could be the requester: then their own request is stuck.
                let could_request = |roles: &Vec<u32>| {
                    rule.requesters.as_ref().is_none_or(|rs| roles.iter().any(|r| rs.contains(r)))
                        && roles.iter().any(|&r| {
                            let effective = &model.role_info[r as usize].effective;
                            effective.contains(g.action) || effective.contains(g.request)
                        })
                };
                let tier_path = path::index(&path::key(&at, "tiers"), t);
                let roles = crate::engine::approval::tiers_phrase(model, std::slice::from_ref(tier));
                let stuck = match eligible.as_slice() {
                    [] => true,
                    [only] => could_request(only) && !approvals.requester_may_approve,
                    _ => false,
                };
                if stuck {
                    let message = msg::TIER_WITHOUT_APPROVER.fill(&[&rule.id, &path::decimal(t + 1), &roles]);
                    add(OrgLintCode::TierWithoutApprover, tier_path, message);
                } else if eligible.len() < approvals.minimum_approvers as usize {
                    let text = if eligible.len() == 1 { &msg::TOO_FEW_APPROVERS_ONE } else { &msg::TOO_FEW_APPROVERS };
                    let (count, minimum) =
                        (path::decimal(eligible.len()), path::decimal(approvals.minimum_approvers as usize));
                    add(
                        OrgLintCode::TooFewApprovers,
                        tier_path,
                        text.fill(&[&rule.id, &path::decimal(t + 1), &roles, &count, &minimum]),
                    );
                }
            }
        }
    }
}
