//! Validation and compilation in one pass: [`compile`] turns a [`Policy`] document into a
//! [`Model`] or reports every problem it finds, each with a path and a bilingual message.
//!
//! Doing both in one walk means every id is resolved exactly once, and the model is only ever
//! built from a document in which every reference resolved: nothing later needs to re-check.

use super::approval::{ApprovalsModel, AttrModel, Governed, RuleFault, RuleTables};
use super::intern::Interner;
use super::model::{
    bit, AdminModel, FeatureModel, KindModel, Model, PermModel, PermOrigin, RoleModel, TenantInvitationRule,
};
use super::permset::PermSet;
use crate::lang::{Label, Lang};
use crate::limits;
use crate::messages::{self as msg, Text};
use crate::path;
use crate::policy::{FeatureLevel, Policy, PolicyCode, PolicyProblem, TenantInvitationDef, FORMAT_VERSION};
use crate::text::{did_you_mean, suggest, unknown, Unknown};

/// Validates `doc` and compiles it; `Err` lists every problem found.
pub(crate) fn compile(doc: Policy) -> Result<Model, Vec<PolicyProblem>> {
    let mut b = Builder::default();
    b.check_sizes(&doc);
    if !b.problems.is_empty() {
        // Beyond a size limit nothing else is checked: the tables would be too large to build.
        return Err(b.problems);
    }
    b.check_header(&doc);
    b.scopes(&doc);
    b.kinds(&doc);
    b.permissions(&doc);
    b.features(&doc);
    b.implications(&doc);
    b.close_implications();
    b.administrative(&doc);
    b.roles(&doc);
    b.default_roles(&doc);
    b.administration(&doc);
    b.attributes(&doc);
    b.approvals(&doc);
    if !b.problems.is_empty() {
        return Err(b.problems);
    }
    Ok(b.finish(doc))
}

/// The label of a feature's level permission: "Service cases: Read".
pub(crate) fn feature_level_label(feature: &Label, level: FeatureLevel) -> Label {
    msg::FEATURE_LEVEL_LABEL.fill(&[feature, &level.label()])
}

/// The kinds of thing that have ids, for messages.
#[derive(Clone, Copy)]
enum Thing {
    Policy,
    ScopeKey,
    Kind,
    Module,
    Permission,
    Feature,
    Role,
    Attribute,
}

impl Thing {
    fn label(self) -> Label {
        match self {
            Thing::Policy => msg::THING_POLICY.label(),
            Thing::ScopeKey => msg::THING_SCOPE_KEY.label(),
            Thing::Kind => msg::THING_KIND.label(),
            Thing::Module => msg::THING_MODULE.label(),
            Thing::Permission => msg::THING_PERMISSION.label(),
            Thing::Feature => msg::THING_FEATURE.label(),
            Thing::Role => msg::THING_ROLE.label(),
            Thing::Attribute => msg::THING_ATTRIBUTE.label(),
        }
    }
}

/// A directed implication edge `from → to` and where it is written.
struct Edge {
    to: u32,
    path: String,
}

#[derive(Default)]
struct Builder {
    problems: Vec<PolicyProblem>,
    scope_keys: Interner,
    scope_paths: Vec<String>,
    scope_labels: Vec<Label>,
    kinds: Interner,
    kind_paths: Vec<String>,
    kind_modules: Vec<u64>,
    kind_labels: Vec<Label>,
    modules: Interner,
    module_labels: Vec<Label>,
    perms: Interner,
    perm_paths: Vec<String>,
    perm_labels: Vec<Label>,
    perm_origins: Vec<PermOrigin>,
    /// The number given to `permissions[i]`, if it was valid and new.
    declared: Vec<Option<u32>>,
    features: Interner,
    feature_paths: Vec<String>,
    /// The level numbers of `features[i]`, if its id and level ids were valid and new.
    feature_levels: Vec<Option<FeatureModel>>,
    edges: Vec<Vec<Edge>>,
    closure: Option<Vec<PermSet>>,
    administrative: Vec<bool>,
    roles: Interner,
    role_paths: Vec<String>,
    role_info: Vec<RoleModel>,
    default_roles: Vec<Option<u32>>,
    admin: Option<AdminModel>,
    attributes: Interner,
    attribute_paths: Vec<String>,
    attr_info: Vec<AttrModel>,
    approvals: Option<ApprovalsModel>,
}

impl Builder {
    fn push(&mut self, code: PolicyCode, path: impl Into<String>, message: Label) {
        self.problems.push(PolicyProblem::new(code, path, message));
    }

    fn limit(&mut self, path: &str, what: &Text, count: usize, max: usize) {
        let message = msg::LIMIT.fill(&[&what.label(), &path::decimal(count), &path::decimal(max)]);
        self.push(PolicyCode::LimitExceeded, path, message);
    }

    fn check_sizes(&mut self, doc: &Policy) {
        let permissions = doc.permissions.len() + 2 * doc.features.len();
        let checks = [
            ("$.permissions", &msg::COUNT_PERMISSIONS, permissions, limits::MAX_PERMISSIONS),
            ("$.roles", &msg::COUNT_ROLES, doc.roles.len(), limits::MAX_ROLES),
            ("$.tenantKinds", &msg::COUNT_KINDS, doc.tenant_kinds.len(), limits::MAX_TENANT_KINDS),
            ("$.scopes", &msg::COUNT_SCOPE_KEYS, doc.scopes.len(), limits::MAX_SCOPE_KEYS),
        ];
        for (path, what, count, max) in checks {
            if count > max {
                self.limit(path, what, count, max);
            }
        }
    }

    fn check_header(&mut self, doc: &Policy) {
        if doc.version != FORMAT_VERSION {
            let message = msg::UNSUPPORTED_VERSION
                .fill(&[&path::decimal(doc.version as usize), &path::decimal(FORMAT_VERSION as usize)]);
            self.push(PolicyCode::UnsupportedVersion, "$.version", message);
        }
        self.check_id(Thing::Policy, "$.id", &doc.id);
        self.check_label("$.label", &doc.label);
        if doc.tenant_kinds.is_empty() {
            self.push(PolicyCode::NoTenantKinds, "$.tenantKinds", msg::NO_TENANT_KINDS.label());
        }
    }

    /// Checks an id's syntax; `true` when it is usable.
    fn check_id(&mut self, thing: Thing, path: &str, id: &str) -> bool {
        let what = thing.label();
        if id.len() > limits::MAX_ID_LEN {
            let message = msg::ID_TOO_LONG.fill(&[&what, &path::decimal(id.len()), &path::decimal(limits::MAX_ID_LEN)]);
            self.push(PolicyCode::LimitExceeded, path, message);
            return false;
        }
        if is_valid_id(id) {
            return true;
        }
        let message = if id.is_empty() { msg::ID_EMPTY.fill(&[&what]) } else { msg::ID_INVALID.fill(&[&what, &id]) };
        self.push(PolicyCode::InvalidId, path, message);
        false
    }

    fn check_label(&mut self, path: &str, label: &Label) {
        for lang in Lang::ALL {
            let text = label.get(lang);
            let field = path::key(path, lang.as_str());
            if text.trim().is_empty() {
                let message = match lang {
                    Lang::En => msg::ENGLISH_LABEL_EMPTY.label(),
                    Lang::De => msg::GERMAN_LABEL_EMPTY.label(),
                };
                self.push(PolicyCode::EmptyLabel, field, message);
            } else if crate::text::char_count(text) > limits::MAX_LABEL_CHARS {
                let n = crate::text::char_count(text);
                self.limit(&field, &msg::LABEL_LENGTH, n, limits::MAX_LABEL_CHARS);
            }
        }
    }

    /// Checks `id` and adds it to `table`; `None` when it is invalid or already there.
    fn intern(&mut self, thing: Thing, table: Table, id: &str, id_path: &str) -> Option<u32> {
        if !self.check_id(thing, id_path, id) {
            return None;
        }
        let (interner, paths) = match table {
            Table::ScopeKeys => (&mut self.scope_keys, &mut self.scope_paths),
            Table::Kinds => (&mut self.kinds, &mut self.kind_paths),
            Table::Perms => (&mut self.perms, &mut self.perm_paths),
            Table::Features => (&mut self.features, &mut self.feature_paths),
            Table::Roles => (&mut self.roles, &mut self.role_paths),
            Table::Attributes => (&mut self.attributes, &mut self.attribute_paths),
        };
        match interner.insert(id) {
            Ok(n) => {
                paths.push(id_path.to_string());
                Some(n)
            }
            Err(existing) => {
                let first = paths.get(existing as usize).cloned().unwrap_or_default();
                let message = msg::ID_TAKEN.fill(&[&thing.label(), &id, &first]);
                self.push(PolicyCode::DuplicateId, id_path, message);
                None
            }
        }
    }

    fn scopes(&mut self, doc: &Policy) {
        for (i, scope) in doc.scopes.iter().enumerate() {
            let path = path::index("$.scopes", i);
            self.check_label(&path::key(&path, "label"), &scope.label);
            if scope.id == "tenant" {
                self.push(PolicyCode::InvalidId, path::key(&path, "id"), msg::SCOPE_KEY_TENANT.label());
            } else if self.intern(Thing::ScopeKey, Table::ScopeKeys, &scope.id, &path::key(&path, "id")).is_some() {
                self.scope_labels.push(scope.label.clone());
            }
        }
    }

    fn kinds(&mut self, doc: &Policy) {
        for (i, kind) in doc.tenant_kinds.iter().enumerate() {
            let path = path::index("$.tenantKinds", i);
            self.check_label(&path::key(&path, "label"), &kind.label);
            let mut mask = 0u64;
            let mut local: Vec<&str> = Vec::new();
            for (j, module) in kind.modules.iter().enumerate() {
                let mpath = path::index(&path::key(&path, "modules"), j);
                self.check_label(&path::key(&mpath, "label"), &module.label);
                let id_path = path::key(&mpath, "id");
                if !self.check_id(Thing::Module, &id_path, &module.id) {
                    continue;
                }
                if local.contains(&module.id.as_str()) {
                    self.push(PolicyCode::DuplicateId, id_path, msg::MODULE_TWICE.fill(&[&module.id]));
                    continue;
                }
                local.push(&module.id);
                let n = match self.modules.insert(&module.id) {
                    Ok(n) => {
                        self.module_labels.push(module.label.clone());
                        n
                    }
                    Err(existing) => existing,
                };
                if (n as usize) < limits::MAX_MODULES {
                    mask |= bit(n);
                } else if n as usize == limits::MAX_MODULES {
                    self.limit(&mpath, &msg::COUNT_MODULES, n as usize + 1, limits::MAX_MODULES);
                }
            }
            if self.intern(Thing::Kind, Table::Kinds, &kind.id, &path::key(&path, "id")).is_some() {
                self.kind_modules.push(mask);
                self.kind_labels.push(kind.label.clone());
            }
        }
    }

    fn add_perm(&mut self, id: &str, id_path: &str, label: Label, origin: PermOrigin) -> Option<u32> {
        let n = self.intern(Thing::Permission, Table::Perms, id, id_path)?;
        self.perm_labels.push(label);
        self.perm_origins.push(origin);
        Some(n)
    }

    fn permissions(&mut self, doc: &Policy) {
        for (i, perm) in doc.permissions.iter().enumerate() {
            let path = path::index("$.permissions", i);
            self.check_label(&path::key(&path, "label"), &perm.label);
            let n = self.add_perm(&perm.id, &path::key(&path, "id"), perm.label.clone(), PermOrigin::Declared(i));
            self.declared.push(n);
        }
    }

    fn features(&mut self, doc: &Policy) {
        for (i, feature) in doc.features.iter().enumerate() {
            let path = path::index("$.features", i);
            self.check_label(&path::key(&path, "label"), &feature.label);
            let id_path = path::key(&path, "id");
            if self.intern(Thing::Feature, Table::Features, &feature.id, &id_path).is_none() {
                self.feature_levels.push(None);
                continue;
            }
            let level = |b: &mut Builder, level: FeatureLevel| {
                let label = feature_level_label(&feature.label, level);
                let id = path::key(&feature.id, level.as_str());
                b.add_perm(&id, &id_path, label, PermOrigin::FeatureLevel { feature: i, level })
            };
            let read = level(self, FeatureLevel::Read);
            let manage = level(self, FeatureLevel::Manage);
            let levels = read.zip(manage).map(|(read, manage)| FeatureModel { read, manage });
            self.feature_levels.push(levels);
        }
    }

    /// Resolves a permission reference; reports it when unknown.
    fn resolve_perm(&mut self, id: &str, path: String) -> Option<u32> {
        let found = self.perms.get(id);
        if found.is_none() {
            let message = unknown(Unknown::Permission, id, self.perms.names());
            self.push(PolicyCode::UnknownPermission, path, message);
        }
        found
    }

    fn implications(&mut self, doc: &Policy) {
        let mut edges: Vec<Vec<Edge>> = (0..self.perms.len()).map(|_| Vec::new()).collect();
        for (i, perm) in doc.permissions.iter().enumerate() {
            let from = self.declared.get(i).copied().flatten();
            for (j, target) in perm.implies.iter().enumerate() {
                let path = path::index(&path::key(&path::index("$.permissions", i), "implies"), j);
                if let (Some(to), Some(from)) = (self.resolve_perm(target, path.clone()), from) {
                    edges[from as usize].push(Edge { to, path });
                }
            }
        }
        for (i, feature) in doc.features.iter().enumerate() {
            let levels = self.feature_levels.get(i).and_then(|l| l.as_ref()).map(|l| (l.read, l.manage));
            let (read, manage) = (levels.map(|l| l.0), levels.map(|l| l.1));
            if let Some((read, manage)) = levels {
                edges[manage as usize]
                    .push(Edge { to: read, path: path::key(&path::index("$.features", i), "manage") });
            }
            for (list, from, name) in [(&feature.read, read, "read"), (&feature.manage, manage, "manage")] {
                for (j, target) in list.iter().enumerate() {
                    let path = path::index(&path::key(&path::index("$.features", i), name), j);
                    if let (Some(to), Some(from)) = (self.resolve_perm(target, path.clone()), from) {
                        edges[from as usize].push(Edge { to, path });
                    }
                }
            }
        }
        self.edges = edges;
    }

    /// Finds implication cycles; when there are none, computes every permission's closure and
    /// checks the longest chain against the depth limit.
    fn close_implications(&mut self) {
        let n = self.edges.len();
        let mut state = vec![0u8; n]; // 0: unvisited, 1: on the stack, 2: done
        let mut postorder: Vec<u32> = Vec::with_capacity(n);
        let mut reported: Vec<Vec<u32>> = Vec::new();
        let mut cycles: Vec<(String, Vec<u32>)> = Vec::new();
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            state[start] = 1;
            let mut stack: Vec<(u32, usize)> = vec![(start as u32, 0)];
            while let Some(top) = stack.len().checked_sub(1) {
                let (v, next) = stack[top];
                let Some(edge) = self.edges[v as usize].get(next) else {
                    state[v as usize] = 2;
                    postorder.push(v);
                    stack.pop();
                    continue;
                };
                stack[top].1 += 1;
                match state[edge.to as usize] {
                    0 => {
                        state[edge.to as usize] = 1;
                        stack.push((edge.to, 0));
                    }
                    1 => {
                        if let Some(pos) = stack.iter().position(|(x, _)| *x == edge.to) {
                            let cycle: Vec<u32> = stack[pos..].iter().map(|(x, _)| *x).collect();
                            // The same circle found from another start has the same members.
                            let mut members = PermSet::empty(n);
                            cycle.iter().for_each(|&p| members.insert(p));
                            let key: Vec<u32> = members.iter().collect();
                            if !reported.contains(&key) {
                                reported.push(key);
                                cycles.push((edge.path.clone(), cycle));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        for (path, cycle) in cycles {
            let mut names: Vec<&str> = cycle.iter().map(|&p| self.perms.name(p)).collect();
            names.push(names[0]);
            let shown = names.join(" → ");
            self.push(PolicyCode::ImpliesCycle, path, msg::IMPLIES_CYCLE.fill(&[&shown]));
        }
        if !reported.is_empty() {
            return;
        }
        // Postorder visits every permission after all it implies.
        let mut closure: Vec<PermSet> = vec![PermSet::default(); n];
        let mut depth = vec![0usize; n];
        let mut too_deep = None;
        for &v in &postorder {
            let mut set = PermSet::empty(n);
            set.insert(v);
            let mut d = 1;
            for edge in &self.edges[v as usize] {
                set.union_with(&closure[edge.to as usize]);
                d = d.max(depth[edge.to as usize] + 1);
            }
            closure[v as usize] = set;
            depth[v as usize] = d;
            if d > limits::MAX_IMPLICATION_DEPTH && too_deep.is_none() {
                too_deep = Some((v, d));
            }
        }
        if let Some((v, d)) = too_deep {
            let path = self.perm_paths[v as usize].clone();
            self.limit(&path, &msg::CHAIN_LENGTH, d, limits::MAX_IMPLICATION_DEPTH);
        }
        self.closure = Some(closure);
    }

    fn administrative(&mut self, doc: &Policy) {
        let mut admin = vec![false; self.perms.len()];
        for (i, perm) in doc.permissions.iter().enumerate() {
            if let (true, Some(n)) = (perm.administrative, self.declared.get(i).copied().flatten()) {
                admin[n as usize] = true;
            }
        }
        for feature in doc.features.iter().filter(|f| f.administrative) {
            let levels = [path::key(&feature.id, "read"), path::key(&feature.id, "manage")];
            let listed = levels.iter().chain(feature.read.iter()).chain(feature.manage.iter());
            for id in listed {
                if let Some(n) = self.perms.get(id) {
                    admin[n as usize] = true;
                }
            }
        }
        self.administrative = admin;
    }

    fn roles(&mut self, doc: &Policy) {
        let all_kinds = if self.kinds.len() >= 64 { u64::MAX } else { bit(self.kinds.len()) - 1 };
        for (i, role) in doc.roles.iter().enumerate() {
            let path = path::index("$.roles", i);
            self.check_label(&path::key(&path, "label"), &role.label);
            let number = self.intern(Thing::Role, Table::Roles, &role.id, &path::key(&path, "id"));
            let grants: Vec<u32> = role
                .grants
                .iter()
                .enumerate()
                .filter_map(|(j, g)| self.resolve_perm(g, path::index(&path::key(&path, "grants"), j)))
                .collect();
            let kinds = match &role.kinds {
                None => all_kinds,
                Some(list) if list.is_empty() => {
                    self.push(PolicyCode::EmptyKinds, path::key(&path, "kinds"), msg::EMPTY_KINDS.label());
                    0
                }
                Some(list) => self.role_kinds(list, &path),
            };
            let modules = self.role_modules(&role.modules, kinds, &path);
            if number.is_none() {
                continue;
            }
            let mut direct_closure = PermSet::empty(self.perms.len());
            if let Some(closure) = &self.closure {
                for &g in &grants {
                    direct_closure.union_with(&closure[g as usize]);
                }
            }
            self.role_info.push(RoleModel {
                label: role.label.clone(),
                grants,
                effective: direct_closure,
                kinds,
                modules,
                admin: role.admin,
                deprecated: role.deprecated,
            });
        }
    }

    fn role_kinds(&mut self, list: &[String], path: &str) -> u64 {
        let mut mask = 0;
        for (j, kind) in list.iter().enumerate() {
            match self.kinds.get(kind) {
                Some(k) => mask |= bit(k),
                None => {
                    let message = unknown(Unknown::TenantKind, kind, self.kinds.names());
                    self.push(PolicyCode::UnknownTenantKind, path::index(&path::key(path, "kinds"), j), message);
                }
            }
        }
        mask
    }

    fn role_modules(&mut self, list: &[String], kinds: u64, path: &str) -> u64 {
        let mut mask = 0;
        for (j, module) in list.iter().enumerate() {
            let mpath = path::index(&path::key(path, "modules"), j);
            let Some(m) = self.modules.get(module) else {
                let hint = did_you_mean(suggest(module, self.modules.names()));
                self.push(PolicyCode::UnknownModule, mpath, msg::NO_KIND_OFFERS_MODULE.fill(&[module, &hint]));
                continue;
            };
            if bit(m) == 0 {
                continue; // beyond the module limit, which is reported already
            }
            mask |= bit(m);
            let lacking = (0..self.kinds.len()).find(|&k| kinds & bit(k) != 0 && self.kind_modules[k] & bit(m) == 0);
            if let Some(k) = lacking {
                let message = msg::KIND_LACKS_MODULE.fill(&[module, &self.kinds.name(k as u32)]);
                self.push(PolicyCode::UnknownModule, mpath, message);
            }
        }
        mask
    }

    fn default_roles(&mut self, doc: &Policy) {
        for (i, kind) in doc.tenant_kinds.iter().enumerate() {
            let Some(number) = self.kinds.get(&kind.id) else { continue };
            if self.default_roles.len() != number as usize {
                continue; // a duplicate kind: its first declaration wins
            }
            let path = path::key(&path::index("$.tenantKinds", i), "defaultRole");
            let resolved = kind.default_role.as_deref().and_then(|r| self.default_role(number, r, &path));
            self.default_roles.push(resolved);
        }
    }

    fn default_role(&mut self, kind: u32, role_id: &str, path: &str) -> Option<u32> {
        let Some(r) = self.roles.get(role_id) else {
            let message = unknown(Unknown::Role, role_id, self.roles.names());
            self.push(PolicyCode::UnknownRole, path, message);
            return None;
        };
        let role = self.role_info.get(r as usize)?;
        let reason = if role.deprecated {
            Some(msg::DEFAULT_ROLE_DEPRECATED.fill(&[&role_id]))
        } else if role.kinds & bit(kind) == 0 {
            Some(msg::DEFAULT_ROLE_OTHER_KIND.fill(&[&role_id, &self.kinds.name(kind)]))
        } else if role.modules != 0 {
            Some(msg::DEFAULT_ROLE_NEEDS_MODULE.fill(&[&role_id]))
        } else {
            None
        };
        match reason {
            Some(message) => {
                self.push(PolicyCode::InvalidDefaultRole, path, message);
                None
            }
            None => Some(r),
        }
    }

    fn administration(&mut self, doc: &Policy) {
        let Some(def) = &doc.administration else { return };
        let perm = |b: &mut Builder, id: &str, key: &str| b.resolve_perm(id, path::key("$.administration", key));
        let invite = perm(self, &def.invite, "invite");
        let approve = perm(self, &def.approve, "approve");
        let assign_roles = perm(self, &def.assign_roles, "assignRoles");
        let remove_member = perm(self, &def.remove_member, "removeMember");
        let manage_roles = perm(self, &def.manage_roles, "manageRoles");
        let positive = |b: &mut Builder, value: Option<u32>, default: u32, at: &str| match value {
            Some(0) => {
                b.push(PolicyCode::InvalidValue, at, msg::NOT_POSITIVE.label());
                default
            }
            other => other.unwrap_or(default),
        };
        let invitation_days = positive(self, def.invitation_days, 30, "$.administration.invitationDays");
        let coverage = def.approver_coverage.as_ref().and_then(|c| {
            let request = perm(self, &c.request, "approverCoverage.request");
            let release = perm(self, &c.release, "approverCoverage.release");
            let minimum = positive(self, c.minimum, 2, "$.administration.approverCoverage.minimum");
            Some((request?, release?, minimum))
        });
        let tenant_invitations = self.tenant_invitations(&def.tenant_invitations);
        let manage_approvals = def.manage_approvals.as_deref().map(|p| perm(self, p, "manageApprovals"));
        if let (Some(invite), Some(approve), Some(assign_roles), Some(remove_member), Some(manage_roles)) =
            (invite, approve, assign_roles, remove_member, manage_roles)
        {
            self.admin = Some(AdminModel {
                invite,
                approve,
                assign_roles,
                remove_member,
                manage_roles,
                invitation_days,
                coverage,
                tenant_invitations,
                manage_approvals: manage_approvals.flatten(),
            });
        }
    }

    /// The typed attributes: ids unique, not a scope key, not `tenant`.
    fn attributes(&mut self, doc: &Policy) {
        for (i, attribute) in doc.attributes.iter().enumerate() {
            let at = path::index("$.attributes", i);
            let id_path = path::key(&at, "id");
            self.check_label(&path::key(&at, "label"), &attribute.label);
            if attribute.id == "tenant" {
                self.push(PolicyCode::InvalidId, id_path, msg::SCOPE_KEY_TENANT.label());
            } else if self.scope_keys.get(&attribute.id).is_some() {
                self.push(PolicyCode::DuplicateId, id_path, msg::ATTRIBUTE_IS_SCOPE_KEY.fill(&[&attribute.id]));
            } else if self.intern(Thing::Attribute, Table::Attributes, &attribute.id, &id_path).is_some() {
                self.attr_info.push(AttrModel { kind: attribute.kind, label: attribute.label.clone() });
            }
        }
    }

    /// The approval processes: the governed actions, the bounds of tenants' rules, the default
    /// rules.
    fn approvals(&mut self, doc: &Policy) {
        let Some(def) = &doc.approvals else { return };
        let mark = self.problems.len();
        let mut actions: Vec<Governed> = Vec::with_capacity(def.actions.len());
        for (i, g) in def.actions.iter().enumerate() {
            let at = path::index("$.approvals.actions", i);
            let action = self.resolve_perm(&g.action, path::key(&at, "action"));
            let request = self.resolve_perm(&g.request, path::key(&at, "request"));
            let approve = self.resolve_perm(&g.approve, path::key(&at, "approve"));
            let (Some(action), Some(request), Some(approve)) = (action, request, approve) else { continue };
            if actions.iter().any(|a| a.action == action) {
                let message = msg::ID_TAKEN.fill(&[&msg::THING_PERMISSION.label(), &g.action, &"$.approvals.actions"]);
                self.push(PolicyCode::DuplicateId, path::key(&at, "action"), message);
                continue;
            }
            actions.push(Governed { action, request, approve });
        }
        let approver_roles = def.approver_roles.as_ref().map(|roles| {
            let mut out = Vec::with_capacity(roles.len());
            for (i, r) in roles.iter().enumerate() {
                match self.roles.get(r) {
                    Some(n) => out.push(n),
                    None => {
                        let message = unknown(Unknown::Role, r, self.roles.names());
                        self.push(PolicyCode::UnknownRole, path::index("$.approvals.approverRoles", i), message);
                    }
                }
            }
            out
        });
        let number = |b: &mut Builder, value: Option<u32>, default: u32, key: &str, max: u32| -> u32 {
            let at = path::key("$.approvals", key);
            match value {
                Some(0) => {
                    b.push(PolicyCode::InvalidValue, at, msg::NOT_POSITIVE.label());
                    default
                }
                Some(n) if n > max => {
                    b.push(PolicyCode::InvalidValue, at, msg::NOT_AT_MOST.fill(&[&path::decimal(max as usize)]));
                    default
                }
                other => other.unwrap_or(default),
            }
        };
        let max_tiers = number(self, def.max_tiers, 5, "maxTiers", limits::MAX_TIERS as u32);
        let max_rules = number(self, def.max_rules, 20, "maxRules", limits::MAX_APPROVAL_RULES as u32);
        let expires_after_days = number(self, def.expires_after_days, 30, "expiresAfterDays", 3650);
        let minimum_approvers = number(self, def.minimum_approvers, 2, "minimumApprovers", 1000);
        for (i, rule) in def.rules.iter().enumerate() {
            if let Some(label) = &rule.label {
                self.check_label(&path::key(&path::index("$.approvals.rules", i), "label"), label);
            }
        }
        if def.rules.len() > limits::MAX_APPROVAL_RULES {
            self.limit("$.approvals.rules", &msg::COUNT_RULES, def.rules.len(), limits::MAX_APPROVAL_RULES);
            return;
        }
        let tables = RuleTables {
            perms: &self.perms,
            roles: &self.roles,
            kinds: &self.kinds,
            attributes: &self.attributes,
            attr_info: &self.attr_info,
            actions: &actions,
        };
        let mut faults = Vec::new();
        let mut rules = Vec::with_capacity(def.rules.len());
        for (i, rule) in def.rules.iter().enumerate() {
            let at = path::index("$.approvals.rules", i);
            if def.rules[..i].iter().any(|r| r.id == rule.id) {
                let message = msg::ID_TAKEN.fill(&[&msg::THING_RULE.label(), &rule.id, &"$.approvals.rules"]);
                faults.push((RuleFault::DuplicateId, path::key(&at, "id"), message));
                continue;
            }
            if rule.tiers.len() > max_tiers as usize {
                let message = msg::LIMIT.fill(&[
                    &msg::COUNT_TIERS.label(),
                    &path::decimal(rule.tiers.len()),
                    &path::decimal(max_tiers as usize),
                ]);
                faults.push((RuleFault::InvalidTiers, path::key(&at, "tiers"), message));
            }
            if let Some(compiled) = tables.compile(rule, &at, &mut faults) {
                rules.push(compiled);
            }
        }
        for (fault, at, message) in faults {
            let code = match fault {
                RuleFault::InvalidId => PolicyCode::InvalidId,
                RuleFault::DuplicateId => PolicyCode::DuplicateId,
                RuleFault::UnknownPermission => PolicyCode::UnknownPermission,
                RuleFault::NotGoverned => PolicyCode::NotGoverned,
                RuleFault::UnknownAttribute => PolicyCode::UnknownAttribute,
                RuleFault::InvalidCondition => PolicyCode::InvalidCondition,
                RuleFault::UnknownRole => PolicyCode::UnknownRole,
                RuleFault::UnknownKind => PolicyCode::UnknownTenantKind,
                RuleFault::InvalidTiers | RuleFault::TooManyRules => PolicyCode::InvalidTiers,
                RuleFault::ApproverNotAllowed => PolicyCode::InvalidTiers,
            };
            self.push(code, at, message);
        }
        if self.problems.len() == mark {
            self.approvals = Some(ApprovalsModel {
                actions,
                approver_roles,
                max_tiers,
                max_rules,
                expires_after_days,
                minimum_approvers,
                requester_may_approve: def.requester_may_approve,
                approver_may_repeat: def.approver_may_repeat,
                rules,
            });
        }
    }

    /// The onboarding rules as (inviter kind, invitee kind, permission); an unknown kind or
    /// permission and a repeated pair of kinds are reported.
    fn tenant_invitations(&mut self, rules: &[TenantInvitationDef]) -> Vec<TenantInvitationRule> {
        let mut out: Vec<TenantInvitationRule> = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let at = path::index("$.administration.tenantInvitations", i);
            let kind = |b: &mut Builder, id: &str, key: &str| {
                let found = b.kinds.get(id);
                if found.is_none() {
                    let message = unknown(Unknown::TenantKind, id, b.kinds.names());
                    b.push(PolicyCode::UnknownTenantKind, path::key(&at, key), message);
                }
                found
            };
            let inviter = kind(self, &rule.inviter, "inviter");
            let invitee = kind(self, &rule.invitee, "invitee");
            let permission = self.resolve_perm(&rule.permission, path::key(&at, "permission"));
            let (Some(inviter), Some(invitee), Some(permission)) = (inviter, invitee, permission) else { continue };
            if out.iter().any(|r| r.inviter == inviter && r.invitee == invitee) {
                let message = msg::DUPLICATE_TENANT_INVITATION_RULE.fill(&[&rule.inviter, &rule.invitee]);
                self.push(PolicyCode::DuplicateId, path::key(&at, "invitee"), message);
                continue;
            }
            out.push(TenantInvitationRule { inviter, invitee, permission });
        }
        out
    }

    fn finish(self, doc: Policy) -> Model {
        let closure = self.closure.unwrap_or_default();
        let perm_info = self
            .perm_labels
            .into_iter()
            .zip(self.perm_origins)
            .zip(self.edges)
            .zip(closure)
            .zip(self.administrative)
            .map(|((((label, origin), edges), closure), administrative)| PermModel {
                label,
                implies: edges.into_iter().map(|e| e.to).collect(),
                closure,
                administrative,
                origin,
            })
            .collect();
        // INVARIANT: `finish` only runs when there were no problems, so every table holds
        // exactly the document's items, in document order.
        let kind_info = self
            .kind_labels
            .into_iter()
            .zip(self.kind_modules)
            .zip(self.default_roles)
            .zip(&doc.tenant_kinds)
            .map(|(((label, modules), default_role), def)| KindModel {
                label,
                modules,
                default_role,
                admins_administrative_only: def.admins_administrative_only,
            })
            .collect();
        Model {
            doc,
            scope_keys: self.scope_keys,
            scope_labels: self.scope_labels,
            kinds: self.kinds,
            kind_info,
            modules: self.modules,
            module_labels: self.module_labels,
            perms: self.perms,
            perm_info,
            // INVARIANT: without problems every feature has its levels.
            features: self.feature_levels.into_iter().flatten().collect(),
            roles: self.roles,
            role_info: self.role_info,
            admin: self.admin,
            attributes: self.attributes,
            attr_info: self.attr_info,
            approvals: self.approvals,
        }
    }
}

#[derive(Clone, Copy)]
enum Table {
    ScopeKeys,
    Kinds,
    Perms,
    Features,
    Roles,
    Attributes,
}

/// Whether `id` is a valid id: starts with `a-z`, then `a-z 0-9 _ - .`, no `..`, and does not
/// end with `.` or `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    // Bytes only: the string-pattern machinery would link panic paths into the wasm module.
    let bytes = id.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    first.is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.'))
        && !bytes.windows(2).any(|pair| pair == b"..")
        && !matches!(last, b'.' | b'-')
}
