//! The policy linter: things a valid policy may still get wrong, as [`Finding`]s with a code, a
//! [`Severity`] and a path.
//!
//! Validation ([`crate::policy::validate`]) refuses policies that cannot be compiled; the linter
//! looks at compiled ones and reports what is questionable: the seed's footnote \*\* (a direct
//! grant already implied by another grant of the same role), permissions nobody can hold,
//! deprecated roles, empty roles, and administrators who must not work operationally but can.

use crate::engine::model::{bit, Model, PermOrigin};
use crate::lang::{Label, Lang};
use crate::messages as msg;
use crate::path;
use crate::policy::FeatureLevel;
use crate::problem::codes;
use crate::text::{join_and, quote};
use crate::PolicyEngine;
use serde::Serialize;

codes! {
    /// The code of a lint finding.
    pub enum LintCode {
        /// A role grants a permission directly that another of its grants already implies.
        RedundantGrant = "redundant_grant",
        /// A permission implies something that another of its implications already implies.
        RedundantImplication = "redundant_implication",
        /// The same entry appears twice in a list.
        DuplicateEntry = "duplicate_entry",
        /// No role grants the permission, directly or by implication.
        UnreachablePermission = "unreachable_permission",
        /// The role is deprecated.
        DeprecatedRole = "deprecated_role",
        /// The role grants nothing.
        EmptyRole = "empty_role",
        /// An administrator role holds operational permissions where its kind says administrators
        /// are administrative only.
        AdminRoleOperational = "admin_role_operational",
        /// An administrator role holds no administrative permission.
        AdminRoleWithoutAdminPermission = "admin_role_without_admin_permission",
        /// A role that is not an administrator role holds an administrative permission.
        AdminPermissionInNonAdminRole = "admin_permission_in_non_admin_role",
        /// A tenant kind has no administrator role a new tenant's first user could get.
        KindWithoutAdminRole = "kind_without_admin_role",
        /// A tenant kind has no default role, so every invitation must name roles.
        NoDefaultRole = "no_default_role",
        /// A tier of an approval rule names a role that does not hold the action's approving
        /// permission: its holders can never approve.
        ApproverCannotApprove = "approver_cannot_approve",
        /// An approval rule can never apply: its bounds exclude each other, or no requester role
        /// can ask for its action.
        RuleNeverMatches = "rule_never_matches",
    }
}

/// How serious a finding is. Only errors fail `rolegate lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The policy contradicts one of its own rules.
    Error,
    /// Probably a mistake.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One lint finding: of a policy (`LintCode`) or of an organization
/// (`crate::admin::OrgLintCode`). JSON: `{ code, severity, path, message: { en, de } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding<C = LintCode> {
    /// The stable code.
    pub code: C,
    /// How serious it is.
    pub severity: Severity,
    /// Where in the policy document or organization.
    pub path: String,
    /// What, in both languages.
    pub message: Label,
}

impl<C: crate::Code> Finding<C> {
    /// The finding with its message in `lang` only, to serialize for a user: `{ code, severity,
    /// path, message }`.
    pub fn in_lang(&self, lang: Lang) -> FindingIn<'_, C> {
        FindingIn { code: self.code, severity: self.severity, path: &self.path, message: self.message.get(lang) }
    }
}

/// A [`Finding`] with its message in one language.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct FindingIn<'a, C> {
    /// The stable code.
    pub code: C,
    /// How serious it is.
    pub severity: Severity,
    /// Where.
    pub path: &'a str,
    /// What, in the language asked for.
    pub message: &'a str,
}

impl LintCode {
    /// The severity findings of this code have.
    pub fn severity(self) -> Severity {
        match self {
            LintCode::AdminRoleOperational | LintCode::KindWithoutAdminRole | LintCode::ApproverCannotApprove => {
                Severity::Error
            }
            LintCode::RedundantImplication | LintCode::NoDefaultRole => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

impl PolicyEngine {
    /// Lints the policy: every finding, errors first, then in document order.
    pub fn lint(&self) -> Vec<Finding> {
        lint(self.model())
    }
}

fn lint(model: &Model) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut add = |code: LintCode, path: String, message: Label| {
        findings.push(Finding { code, severity: code.severity(), path, message });
    };
    duplicates(model, &mut add);
    kinds(model, &mut add);
    implications(model, &mut add);
    unreachable(model, &mut add);
    roles(model, &mut add);
    approvals(model, &mut add);
    errors_first(findings)
}

/// The approval rules of the policy: tiers whose roles cannot approve, rules that never apply.
fn approvals(model: &Model, add: &mut Add) {
    let Some(approvals) = &model.approvals else { return };
    for (i, rule) in approvals.rules.iter().enumerate() {
        let at = path::index("$.approvals.rules", i);
        let g = approvals.actions[rule.governed as usize];
        for (t, tier) in rule.tiers.iter().enumerate() {
            for (j, &r) in tier.iter().enumerate() {
                let role = &model.role_info[r as usize];
                if !role.effective.contains(g.approve) {
                    let message =
                        msg::APPROVER_CANNOT_APPROVE.fill(&[&quote(&role.label), &quote(model.perm_label(g.approve))]);
                    add(
                        LintCode::ApproverCannotApprove,
                        path::index(&path::index(&path::key(&at, "tiers"), t), j),
                        message,
                    );
                }
            }
        }
        let can_ask = |r: &u32| {
            let effective = &model.role_info[*r as usize].effective;
            effective.contains(g.action) || effective.contains(g.request)
        };
        let nobody_asks = rule.requesters.as_ref().is_some_and(|roles| !roles.iter().any(can_ask));
        if rule.never_matches() || nobody_asks {
            add(LintCode::RuleNeverMatches, at, msg::RULE_NEVER_MATCHES.label());
        }
    }
}

/// Errors first, then warnings, then notes; the order of finding within each (a stable partition).
pub(crate) fn errors_first<C: Clone>(findings: Vec<Finding<C>>) -> Vec<Finding<C>> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .flat_map(|s| findings.iter().filter(move |f| f.severity == s).cloned())
        .collect()
}

type Add<'a> = dyn FnMut(LintCode, String, Label) + 'a;

/// “Order” (eshop.order.place).
fn perm_phrase(model: &Model, id: &str) -> Label {
    let label = model.perms.get(id).map_or_else(|| Label::new(id, id), |p| model.perm_label(p).clone());
    msg::PERMISSION_PHRASE.fill(&[&quote(&label), &id])
}

/// The phrases of permissions `ids`, joined with "and".
fn perm_list(model: &Model, ids: &[u32]) -> Label {
    let items: Vec<Label> = ids.iter().map(|&p| perm_phrase(model, model.perms.name(p))).collect();
    join_and(&items)
}

fn duplicates(model: &Model, add: &mut Add) {
    let mut lists: Vec<(String, &Vec<String>)> = Vec::new();
    for (i, p) in model.doc.permissions.iter().enumerate() {
        lists.push((path::key(&path::index("$.permissions", i), "implies"), &p.implies));
    }
    for (i, f) in model.doc.features.iter().enumerate() {
        lists.push((path::key(&path::index("$.features", i), "read"), &f.read));
        lists.push((path::key(&path::index("$.features", i), "manage"), &f.manage));
    }
    for (i, r) in model.doc.roles.iter().enumerate() {
        lists.push((path::key(&path::index("$.roles", i), "grants"), &r.grants));
        lists.push((path::key(&path::index("$.roles", i), "modules"), &r.modules));
        if let Some(kinds) = &r.kinds {
            lists.push((path::key(&path::index("$.roles", i), "kinds"), kinds));
        }
    }
    for (path, list) in lists {
        let mut seen: Vec<&str> = Vec::new();
        for (j, entry) in list.iter().enumerate() {
            if seen.contains(&entry.as_str()) {
                add(LintCode::DuplicateEntry, path::index(&path, j), msg::LISTED_TWICE.fill(&[entry]));
            } else {
                seen.push(entry);
            }
        }
    }
}

fn kinds(model: &Model, add: &mut Add) {
    for (k, kind) in model.kind_info.iter().enumerate() {
        let path = path::index("$.tenantKinds", k);
        let name = quote(&kind.label);
        let has_admin_role =
            model.role_info.iter().any(|r| r.admin && !r.deprecated && r.modules == 0 && r.kinds & bit(k) != 0);
        if !has_admin_role {
            add(LintCode::KindWithoutAdminRole, path.clone(), msg::KIND_WITHOUT_ADMIN.fill(&[&name]));
        }
        if kind.default_role.is_none() {
            add(LintCode::NoDefaultRole, path, msg::KIND_WITHOUT_DEFAULT.fill(&[&name]));
        }
    }
}

fn implications(model: &Model, add: &mut Add) {
    for (i, def) in model.doc.permissions.iter().enumerate() {
        for (j, target) in def.implies.iter().enumerate() {
            let Some(t) = model.perms.get(target) else { continue };
            let covering = def.implies.iter().enumerate().find_map(|(k, other)| {
                let o = model.perms.get(other)?;
                (k != j && o != t && model.perm_info[o as usize].closure.contains(t)).then_some(other)
            });
            if let Some(other) = covering {
                let message =
                    msg::REDUNDANT_IMPLICATION.fill(&[&perm_phrase(model, target), &perm_phrase(model, other)]);
                add(
                    LintCode::RedundantImplication,
                    path::index(&path::key(&path::index("$.permissions", i), "implies"), j),
                    message,
                );
            }
        }
    }
}

fn unreachable(model: &Model, add: &mut Add) {
    let mut held = vec![false; model.perm_info.len()];
    for role in &model.role_info {
        for p in role.effective.iter() {
            held[p as usize] = true;
        }
    }
    for (p, info) in model.perm_info.iter().enumerate() {
        if held[p] {
            continue;
        }
        let path = match info.origin {
            PermOrigin::Declared(i) => path::index("$.permissions", i),
            // A level that lists nothing of its own (e.g. `manage` of a read-only feature) exists
            // only because every feature has two levels: nobody needs to hold it.
            PermOrigin::FeatureLevel { feature, level } => {
                let Some(def) = model.doc.features.get(feature) else { continue };
                let own = match level {
                    FeatureLevel::Read => &def.read,
                    FeatureLevel::Manage => &def.manage,
                };
                if own.is_empty() {
                    continue;
                }
                path::index("$.features", feature)
            }
        };
        let message = msg::UNREACHABLE.fill(&[&perm_phrase(model, model.perms.name(p as u32))]);
        add(LintCode::UnreachablePermission, path, message);
    }
}

fn roles(model: &Model, add: &mut Add) {
    for (i, (def, role)) in model.doc.roles.iter().zip(&model.role_info).enumerate() {
        let path = path::index("$.roles", i);
        let name = quote(&role.label);
        for (j, grant) in def.grants.iter().enumerate() {
            let Some(g) = model.perms.get(grant) else { continue };
            let covering = def.grants.iter().find_map(|other| {
                let o = model.perms.get(other)?;
                (o != g && model.perm_info[o as usize].closure.contains(g)).then_some(other)
            });
            if let Some(other) = covering {
                let message =
                    msg::REDUNDANT_GRANT.fill(&[&name, &perm_phrase(model, grant), &perm_phrase(model, other)]);
                add(LintCode::RedundantGrant, path::index(&path::key(&path, "grants"), j), message);
            }
        }
        if role.deprecated {
            add(LintCode::DeprecatedRole, path.clone(), msg::DEPRECATED_ROLE.fill(&[&name]));
        }
        if role.effective.is_empty() {
            add(LintCode::EmptyRole, path::key(&path, "grants"), msg::EMPTY_ROLE.fill(&[&name]));
        }
        let (administrative, operational): (Vec<u32>, Vec<u32>) =
            role.effective.iter().partition(|&p| model.perm_info[p as usize].administrative);
        if role.admin && administrative.is_empty() {
            add(
                LintCode::AdminRoleWithoutAdminPermission,
                path::key(&path, "admin"),
                msg::ADMIN_WITHOUT_ADMIN_PERMISSION.fill(&[&name]),
            );
        }
        if !role.admin && !administrative.is_empty() {
            let message = msg::ADMIN_PERMISSION_IN_NON_ADMIN.fill(&[&name, &perm_list(model, &administrative)]);
            add(LintCode::AdminPermissionInNonAdminRole, path.clone(), message);
        }
        let strict_kinds: Vec<&str> = (0..model.kind_info.len())
            .filter(|&k| model.kind_info[k].admins_administrative_only && role.kinds & bit(k) != 0)
            .map(|k| model.kinds.name(k as u32))
            .collect();
        if role.admin && !operational.is_empty() && !strict_kinds.is_empty() {
            let message = msg::by_count(strict_kinds.len(), &msg::ADMIN_OPERATIONAL_ONE, &msg::ADMIN_OPERATIONAL)
                .fill(&[&name, &strict_kinds.join("', '"), &perm_list(model, &operational)]);
            add(LintCode::AdminRoleOperational, path::key(&path, "grants"), message);
        }
    }
}
