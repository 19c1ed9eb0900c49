//! Compiled policies as bytes: [`encode`] writes a [`Model`] with its document, [`decode`] reads
//! it back without validating or compiling the document again.
//!
//! The package ships its built-in policies this way: loading one runs postcard's decoder instead
//! of the validator and the compiler, which are most of a cold start in a fresh wasm instance
//! (the engine compiles each wasm function on its first call). A snapshot is tied to the
//! rolegate version that wrote it; [`decode`] refuses any other, and checks every number in it
//! against the tables it indexes, so a damaged snapshot is an error, never a panic or a model
//! that later indexes out of bounds.
//!
//! Layout (postcard): the head (the magic `RGS2` and the writing crate's version), then the model,
//! its document included (in the document's full serde form: every member, as a format without
//! names needs).

use super::model::{Model, PermOrigin};
use super::permset::PermSet;
use serde::{Deserialize, Serialize};

const MAGIC: [u8; 4] = *b"RGS2";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why bytes are not a snapshot this build can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SnapshotFault {
    /// Not a snapshot, or one from another rolegate version.
    Foreign,
    /// Cut short, or a number out of range, or tables that do not fit each other.
    Damaged,
}

/// What a snapshot starts with: which format, written by which version.
#[derive(Serialize, Deserialize)]
struct Head<'a> {
    magic: [u8; 4],
    version: &'a str,
}

/// The head of this build.
const HEAD: Head<'static> = Head { magic: MAGIC, version: VERSION };

/// The model as bytes: the head, then the model (its document included).
pub(crate) fn encode(model: &Model) -> Vec<u8> {
    // Serializing plain data into a vector cannot fail.
    let mut bytes = postcard::to_allocvec(&HEAD).unwrap_or_default();
    bytes.extend(postcard::to_allocvec(model).unwrap_or_default());
    bytes
}

/// The model written by [`encode`] (of this same version), checked.
pub(crate) fn decode(bytes: &[u8]) -> Result<Model, SnapshotFault> {
    let tables = match postcard::take_from_bytes::<Head>(bytes) {
        Ok((head, rest)) if head.magic == MAGIC && head.version == VERSION => rest,
        _ => return Err(SnapshotFault::Foreign),
    };
    let Ok((mut model, [])) = postcard::take_from_bytes::<Model>(tables) else { return Err(SnapshotFault::Damaged) };
    if !fits(&model) || !relabel(&mut model) {
        return Err(SnapshotFault::Damaged);
    }
    Ok(model)
}

/// Gives `m` the labels of its document (a snapshot leaves them out: the document has them, and
/// they were a third of a built-in's snapshot), as `compile` gave them; `false` when a module
/// has no definition in the document. Runs on a model that [`fits`].
fn relabel(m: &mut Model) -> bool {
    let doc = &m.doc;
    m.scope_labels = doc.scopes.iter().map(|s| s.label.clone()).collect();
    // A module's label is that of its first definition, in the order of the kinds.
    let mut module_labels = Vec::with_capacity(m.modules.len());
    for name in m.modules.names() {
        let defs = doc.tenant_kinds.iter().flat_map(|k| &k.modules);
        match defs.into_iter().find(|d| d.id == name) {
            Some(def) => module_labels.push(def.label.clone()),
            None => return false,
        }
    }
    m.module_labels = module_labels;
    for (kind, def) in m.kind_info.iter_mut().zip(&doc.tenant_kinds) {
        kind.label = def.label.clone();
    }
    for (role, def) in m.role_info.iter_mut().zip(&doc.roles) {
        role.label = def.label.clone();
    }
    for (attribute, def) in m.attr_info.iter_mut().zip(&doc.attributes) {
        attribute.label = def.label.clone();
    }
    for perm in &mut m.perm_info {
        perm.label = match perm.origin {
            PermOrigin::Declared(i) => doc.permissions[i].label.clone(),
            PermOrigin::FeatureLevel { feature, level } => {
                crate::engine::compile::feature_level_label(&doc.features[feature].label, level)
            }
        };
    }
    true
}

/// Whether every number in `m` indexes a table entry that exists, and the tables agree in size,
/// so that no later lookup can go out of bounds.
fn fits(m: &Model) -> bool {
    let (perms, roles, kinds, modules) = (m.perms.len(), m.roles.len(), m.kinds.len(), m.modules.len());
    let doc = &m.doc;
    let perm = |p: &u32| (*p as usize) < perms;
    // A set's words cover exactly the permissions, and no bit past the last one is set.
    let set = |s: &PermSet| {
        let words = s.words();
        words.len() == perms.div_ceil(64) && words.last().is_none_or(|w| perms % 64 == 0 || w >> (perms % 64) == 0)
    };
    let mask = |mask: u64, len: usize| len >= 64 || mask >> len == 0;
    let mut ok = m.perm_info.len() == perms
        && m.role_info.len() == roles
        && m.kind_info.len() == kinds
        && m.features.len() == doc.features.len()
        && doc.permissions.len() + 2 * doc.features.len() == perms
        && doc.roles.len() == roles
        && doc.tenant_kinds.len() == kinds
        && doc.scopes.len() == m.scope_keys.len();
    for p in &m.perm_info {
        let origin = match p.origin {
            PermOrigin::Declared(i) => i < doc.permissions.len(),
            PermOrigin::FeatureLevel { feature, .. } => feature < doc.features.len(),
        };
        ok &= p.implies.iter().all(perm) && set(&p.closure) && origin;
    }
    for f in &m.features {
        ok &= perm(&f.read) && perm(&f.manage);
    }
    for r in &m.role_info {
        ok &= r.grants.iter().all(perm) && set(&r.effective) && mask(r.kinds, kinds) && mask(r.modules, modules);
    }
    for k in &m.kind_info {
        ok &= mask(k.modules, modules) && k.default_role.is_none_or(|r| (r as usize) < roles);
    }
    if let Some(a) = &m.admin {
        let (request, release, _) = a.coverage.unwrap_or_default();
        ok &= [a.invite, a.approve, a.assign_roles, a.remove_member, a.manage_roles, request, release].iter().all(perm);
        ok &= a.manage_approvals.iter().all(perm);
    }
    let attributes = m.attributes.len();
    ok &= m.attr_info.len() == attributes && doc.attributes.len() == attributes;
    if let Some(a) = &m.approvals {
        let role = |r: &u32| (*r as usize) < roles;
        for g in &a.actions {
            ok &= perm(&g.action) && perm(&g.request) && perm(&g.approve);
        }
        ok &= a.approver_roles.iter().flatten().all(role);
        for rule in &a.rules {
            ok &= (rule.governed as usize) < a.actions.len()
                && rule.conditions.iter().all(|c| (c.attr as usize) < attributes)
                && rule.requesters.iter().flatten().all(role)
                && rule.tiers.iter().flatten().all(role);
        }
    }
    ok
}
