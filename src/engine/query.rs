//! Read-only views of a compiled policy: roles, permissions, tenant kinds, the role × permission
//! matrix, and a subject's effective permissions.

use super::explain::{grant_of, Grant};
use super::model::{bit, Model, PermOrigin};
use super::permset::PermSet;
use super::resolve::Resolved;
use crate::lang::{Label, Lang};
use crate::policy::FeatureLevel;
use serde::Serialize;
use std::collections::BTreeMap;

/// A role with its flags and permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleInfo {
    /// The role's id.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// An administrator role.
    pub admin: bool,
    /// Deprecated: evaluated, but refused for new assignments.
    pub deprecated: bool,
    /// The default role of at least one tenant kind.
    pub default: bool,
    /// The tenant kinds it is available to.
    pub kinds: Vec<String>,
    /// The modules it needs.
    pub modules: Vec<String>,
    /// Its direct grants.
    pub grants: Vec<String>,
    /// Every permission it gives (direct grants and everything they imply), in display order.
    pub permissions: Vec<String>,
}

/// Which feature level a permission is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeatureRef {
    /// The feature's id.
    pub id: String,
    /// The level.
    pub level: FeatureLevel,
}

/// A permission with its label and direct implications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PermissionInfo {
    /// The permission's id: the action checked.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// What it directly implies.
    pub implies: Vec<String>,
    /// Administrative rather than operational.
    pub administrative: bool,
    /// The feature level it is, for `<feature>.read` / `<feature>.manage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<FeatureRef>,
}

/// An optional module of a tenant kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ModuleInfo {
    /// The module's id.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
}

/// A tenant kind with its modules and default role (`null` when it has none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindInfo {
    /// The kind's id.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// The optional modules it offers.
    pub modules: Vec<ModuleInfo>,
    /// The role new members get when none is given.
    pub default_role: Option<String>,
    /// Whether its administrator roles may hold administrative permissions only.
    pub admins_administrative_only: bool,
}

/// How a role holds a permission in the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cell {
    /// Granted by the role itself.
    Direct,
    /// Implied by a higher grant of the role.
    Implied,
}

/// A role as a matrix column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixRole {
    /// The role's id.
    pub id: String,
    /// Its name in the matrix's language.
    pub label: String,
    /// An administrator role.
    pub admin: bool,
    /// Deprecated.
    pub deprecated: bool,
    /// The modules it needs.
    pub modules: Vec<String>,
}

/// A permission as a matrix row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixPermission {
    /// The permission's id.
    pub id: String,
    /// Its name in the matrix's language.
    pub label: String,
}

/// The role × permission overview: which role holds which permission, directly or implied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// The columns.
    pub roles: Vec<MatrixRole>,
    /// The rows, grouped by feature.
    pub permissions: Vec<MatrixPermission>,
    /// role id → permission id → cell; a permission a role does not hold is absent.
    pub cells: BTreeMap<String, BTreeMap<String, Cell>>,
}

/// A permission a subject holds, and the assignments that give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectivePermission {
    /// The permission's id.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Whether some tenant-wide assignment gives it (otherwise only scoped ones do).
    pub tenant_wide: bool,
    /// The assignments that give it, each with its implication chain.
    pub granted_by: Vec<Grant>,
}

/// Permissions in display order: each feature's two levels followed by what they list, then the
/// other permissions in document order.
pub(crate) fn display_order(model: &Model) -> Vec<u32> {
    let n = model.perm_info.len();
    let mut seen = PermSet::empty(n);
    let mut order = Vec::with_capacity(n);
    let mut add = |p: u32, order: &mut Vec<u32>| {
        if !seen.contains(p) {
            seen.insert(p);
            order.push(p);
        }
    };
    for (feature, def) in model.features.iter().zip(&model.doc.features) {
        add(feature.read, &mut order);
        add(feature.manage, &mut order);
        for id in def.read.iter().chain(&def.manage) {
            if let Some(p) = model.perms.get(id) {
                add(p, &mut order);
            }
        }
    }
    for p in 0..n as u32 {
        add(p, &mut order);
    }
    order
}

pub(crate) fn roles(model: &Model, kind: Option<u32>) -> Vec<RoleInfo> {
    let order = display_order(model);
    (0..model.roles.len() as u32)
        .filter(|&r| kind.is_none_or(|k| model.role_info[r as usize].kinds & bit(k) != 0))
        .map(|r| {
            let role = &model.role_info[r as usize];
            RoleInfo {
                id: model.roles.name(r).to_string(),
                label: role.label.clone(),
                admin: role.admin,
                deprecated: role.deprecated,
                default: model.kind_info.iter().any(|k| k.default_role == Some(r)),
                kinds: model.kind_ids(role.kinds),
                modules: model.module_ids(role.modules),
                grants: model.perms.names_of(&role.grants),
                permissions: model
                    .perms
                    .names_of(&order.iter().copied().filter(|&p| role.effective.contains(p)).collect::<Vec<_>>()),
            }
        })
        .collect()
}

pub(crate) fn permissions(model: &Model) -> Vec<PermissionInfo> {
    display_order(model)
        .into_iter()
        .map(|p| {
            let info = &model.perm_info[p as usize];
            let feature = match info.origin {
                PermOrigin::FeatureLevel { feature, level } => {
                    model.doc.features.get(feature).map(|f| FeatureRef { id: f.id.clone(), level })
                }
                PermOrigin::Declared(_) => None,
            };
            PermissionInfo {
                id: model.perms.name(p).to_string(),
                label: info.label.clone(),
                implies: model.perms.names_of(&info.implies),
                administrative: info.administrative,
                feature,
            }
        })
        .collect()
}

pub(crate) fn kinds(model: &Model) -> Vec<KindInfo> {
    (0..model.kinds.len() as u32)
        .map(|k| {
            let kind = &model.kind_info[k as usize];
            KindInfo {
                id: model.kinds.name(k).to_string(),
                label: kind.label.clone(),
                modules: (0..model.modules.len() as u32)
                    .filter(|&m| kind.modules & bit(m) != 0)
                    .map(|m| ModuleInfo {
                        id: model.modules.name(m).to_string(),
                        label: model.module_labels[m as usize].clone(),
                    })
                    .collect(),
                default_role: kind.default_role.map(|r| model.roles.name(r).to_string()),
                admins_administrative_only: kind.admins_administrative_only,
            }
        })
        .collect()
}

/// The matrix of the roles available to `kind` (all roles when `None`). With a kind, only the
/// permissions some of its roles hold are rows; without, every permission is.
pub(crate) fn matrix(model: &Model, kind: Option<u32>, lang: Lang) -> Matrix {
    let role_ids: Vec<u32> = (0..model.roles.len() as u32)
        .filter(|&r| kind.is_none_or(|k| model.role_info[r as usize].kinds & bit(k) != 0))
        .collect();
    let rows: Vec<u32> = display_order(model)
        .into_iter()
        .filter(|&p| kind.is_none() || role_ids.iter().any(|&r| model.role_info[r as usize].effective.contains(p)))
        .collect();
    let mut cells = BTreeMap::new();
    for &r in &role_ids {
        let role = &model.role_info[r as usize];
        // Inserted one by one: collecting into a map sorts first, which is more code in the wasm
        // module for rows of a few dozen.
        let mut row = BTreeMap::new();
        for &p in rows.iter().filter(|&&p| role.effective.contains(p)) {
            let cell = if role.grants.contains(&p) { Cell::Direct } else { Cell::Implied };
            row.insert(model.perms.name(p).to_string(), cell);
        }
        cells.insert(model.roles.name(r).to_string(), row);
    }
    Matrix {
        roles: role_ids
            .iter()
            .map(|&r| {
                let role = &model.role_info[r as usize];
                MatrixRole {
                    id: model.roles.name(r).to_string(),
                    label: role.label.get(lang).to_string(),
                    admin: role.admin,
                    deprecated: role.deprecated,
                    modules: model.module_ids(role.modules),
                }
            })
            .collect(),
        permissions: rows
            .iter()
            .map(|&p| MatrixPermission {
                id: model.perms.name(p).to_string(),
                label: model.perm_label(p).get(lang).to_string(),
            })
            .collect(),
        cells,
    }
}

pub(crate) fn effective_permissions(model: &Model, resolved: &Resolved) -> Vec<EffectivePermission> {
    display_order(model)
        .into_iter()
        .filter_map(|p| {
            let holders: Vec<_> = resolved
                .assignments
                .iter()
                .filter(|a| a.available && model.role_info[a.role as usize].effective.contains(p))
                .collect();
            if holders.is_empty() {
                return None;
            }
            Some(EffectivePermission {
                id: model.perms.name(p).to_string(),
                label: model.perm_label(p).clone(),
                tenant_wide: holders.iter().any(|a| a.scope.is_none()),
                granted_by: holders.iter().map(|a| grant_of(model, a, p)).collect(),
            })
        })
        .collect()
}
