//! [`Model`]: a compiled policy. Ids are interned to dense numbers, implications are closed
//! once, and each role's effective permissions are a bitset.

pub(crate) use super::approval::{ApprovalsModel, AttrModel};
use super::intern::Interner;
use super::permset::PermSet;
use crate::lang::Label;
use crate::policy::{FeatureLevel, Policy};
use serde::{Deserialize, Serialize};

/// A validated, compiled policy. Immutable once built; shared by engines and sessions.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Model {
    /// The document it was compiled from.
    pub doc: Policy,
    pub scope_keys: Interner,
    #[serde(skip)]
    pub scope_labels: Vec<Label>,
    pub kinds: Interner,
    pub kind_info: Vec<KindModel>,
    pub modules: Interner,
    #[serde(skip)]
    pub module_labels: Vec<Label>,
    pub perms: Interner,
    pub perm_info: Vec<PermModel>,
    pub features: Vec<FeatureModel>,
    pub roles: Interner,
    pub role_info: Vec<RoleModel>,
    /// The administration settings, resolved; `None` when the policy has none.
    pub admin: Option<AdminModel>,
    /// The typed attributes of resources (`attributes`), by number.
    pub attributes: Interner,
    pub attr_info: Vec<AttrModel>,
    /// The approval processes, resolved; `None` when the policy has none.
    pub approvals: Option<ApprovalsModel>,
}

/// The administration settings of a policy, compiled: permission numbers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct AdminModel {
    pub invite: u32,
    pub approve: u32,
    pub assign_roles: u32,
    pub remove_member: u32,
    pub manage_roles: u32,
    pub invitation_days: u32,
    /// (request, release, minimum) of the approver coverage check.
    pub coverage: Option<(u32, u32, u32)>,
    /// Which tenant kinds may invite which, with which permission.
    pub tenant_invitations: Vec<TenantInvitationRule>,
    /// The permission of `setApprovalRules`, when the policy names one.
    pub manage_approvals: Option<u32>,
}

/// An onboarding rule, compiled: kind numbers and a permission number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TenantInvitationRule {
    /// The inviting tenant's kind.
    pub inviter: u32,
    /// The invited tenant's kind.
    pub invitee: u32,
    /// The permission the inviting member needs.
    pub permission: u32,
}

/// A tenant kind, compiled.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct KindModel {
    #[serde(skip)]
    pub label: Label,
    /// The modules this kind offers, as a mask over `Model::modules`.
    pub modules: u64,
    pub default_role: Option<u32>,
    pub admins_administrative_only: bool,
}

/// Where a permission comes from in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum PermOrigin {
    /// `permissions[i]`.
    Declared(usize),
    /// A level of `features[feature]`.
    FeatureLevel { feature: usize, level: FeatureLevel },
}

/// A permission, compiled.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PermModel {
    #[serde(skip)]
    pub label: Label,
    /// Direct implications, in document order.
    pub implies: Vec<u32>,
    /// Itself and everything it implies, transitively.
    pub closure: PermSet,
    pub administrative: bool,
    pub origin: PermOrigin,
}

/// A feature, compiled: the numbers of its two level permissions.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct FeatureModel {
    pub read: u32,
    pub manage: u32,
}

/// A role, compiled.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct RoleModel {
    #[serde(skip)]
    pub label: Label,
    /// Direct grants, in document order.
    pub grants: Vec<u32>,
    /// Every permission the role gives: the union of its grants' closures.
    pub effective: PermSet,
    /// The kinds the role is available to, as a mask over `Model::kinds`.
    pub kinds: u64,
    /// The modules a tenant needs enabled, as a mask over `Model::modules`.
    pub modules: u64,
    pub admin: bool,
    pub deprecated: bool,
}

/// The bit of number `n` in a kind or module mask; 0 for a number beyond the mask's 64 bits (the
/// limits keep every valid policy below that, and the compiler reports any that is not).
#[inline]
pub(crate) fn bit<N: TryInto<u32>>(n: N) -> u64 {
    n.try_into().ok().and_then(|n| 1u64.checked_shl(n)).unwrap_or(0)
}

impl Model {
    /// Whether role `role` counts for a tenant of kind `kind` with `modules` enabled.
    #[inline]
    pub fn role_available(&self, role: u32, kind: u32, modules: u64) -> bool {
        self.role_info.get(role as usize).is_some_and(|r| r.kinds & bit(kind) != 0 && r.modules & !modules == 0)
    }

    /// The label of permission `id`.
    pub fn perm_label(&self, id: u32) -> &Label {
        &self.perm_info[id as usize].label
    }

    /// The label of role `id`.
    pub fn role_label(&self, id: u32) -> &Label {
        &self.role_info[id as usize].label
    }

    /// The ids of the kinds in `mask`.
    pub fn kind_ids(&self, mask: u64) -> Vec<String> {
        self.kinds.names_in(mask)
    }

    /// The ids of the modules in `mask`.
    pub fn module_ids(&self, mask: u64) -> Vec<String> {
        self.modules.names_in(mask)
    }

    /// The shortest implication chain from one of `from` to `to`, both ends included
    /// (`[to]` when `to` itself is in `from`). `None` when none of `from` implies `to`.
    pub fn implication_chain(&self, from: &[u32], to: u32) -> Option<Vec<u32>> {
        let n = self.perm_info.len();
        let mut previous: Vec<Option<u32>> = vec![None; n];
        let mut seen = PermSet::empty(n);
        // Breadth-first: a vector read from the front is the queue.
        let mut queue: Vec<u32> = Vec::new();
        for &f in from {
            if !seen.contains(f) {
                seen.insert(f);
                queue.push(f);
            }
        }
        let mut next_in_line = 0;
        while let Some(&p) = queue.get(next_in_line) {
            next_in_line += 1;
            if p == to {
                let mut chain = vec![p];
                let mut at = p;
                while let Some(prev) = previous[at as usize] {
                    chain.push(prev);
                    at = prev;
                }
                chain.reverse();
                return Some(chain);
            }
            for &next in &self.perm_info[p as usize].implies {
                if !seen.contains(next) {
                    seen.insert(next);
                    previous[next as usize] = Some(p);
                    queue.push(next);
                }
            }
        }
        None
    }
}
