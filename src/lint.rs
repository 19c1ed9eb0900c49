//! The policy linter: things a valid policy may still get wrong, as [`Finding`]s with a code, a
//! [`Severity`] and a path.
//!
//! Validation ([`crate::policy::validate`]) refuses policies that cannot be compiled; the linter
//! looks at compiled ones and reports what is questionable: the seed's footnote \*\* (a direct
//! grant already implied by another grant of the same role), permissions nobody can hold,
//! deprecated roles, empty roles, and administrators who must not work operationally but can.

use crate::engine::model::{bit, Model, PermOrigin};
use crate::json::{ToJson, Value};
use crate::lang::{Label, Lang};
use crate::policy::FeatureLevel;
use crate::policy::Members;
use crate::problem::codes;
use crate::text::{bilingual, join_and, quote};
use crate::PolicyEngine;

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
    }
}

/// How serious a finding is. Only errors fail `rolegate lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// One lint finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The stable code.
    pub code: LintCode,
    /// How serious it is.
    pub severity: Severity,
    /// Where in the policy document.
    pub path: String,
    /// What, in both languages.
    pub message: Label,
}

impl ToJson for Severity {
    fn to_json(&self) -> Value {
        self.as_str().to_json()
    }
}

impl Finding {
    /// The finding as JSON with its message in `lang` only: `{ code, severity, path, message }`.
    pub fn to_json_value(&self, lang: Lang) -> Value {
        self.members().with("message", self.message.get(lang)).build()
    }

    fn members(&self) -> Members {
        Members::default().with("code", self.code).with("severity", self.severity).with("path", &self.path)
    }
}

impl ToJson for Finding {
    /// `{ code, severity, path, message: { en, de } }`.
    fn to_json(&self) -> Value {
        self.members().with("message", &self.message).build()
    }
}

impl LintCode {
    /// The severity findings of this code have.
    pub fn severity(self) -> Severity {
        match self {
            LintCode::AdminRoleOperational | LintCode::KindWithoutAdminRole => Severity::Error,
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
    // Errors first, then warnings, then notes; document order within each (a stable partition).
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .flat_map(|s| findings.iter().filter(move |f| f.severity == s).cloned())
        .collect()
}

type Add<'a> = dyn FnMut(LintCode, String, Label) + 'a;

fn perm_phrase(model: &Model, id: &str, lang: Lang) -> String {
    let label = model.perms.get(id).map_or(id, |p| model.perm_label(p).get(lang));
    format!("{} ({id})", quote(lang, label))
}

fn duplicates(model: &Model, add: &mut Add) {
    let mut lists: Vec<(String, &Vec<String>)> = Vec::new();
    for (i, p) in model.doc.permissions.iter().enumerate() {
        lists.push((format!("$.permissions[{i}].implies"), &p.implies));
    }
    for (i, f) in model.doc.features.iter().enumerate() {
        lists.push((format!("$.features[{i}].read"), &f.read));
        lists.push((format!("$.features[{i}].manage"), &f.manage));
    }
    for (i, r) in model.doc.roles.iter().enumerate() {
        lists.push((format!("$.roles[{i}].grants"), &r.grants));
        lists.push((format!("$.roles[{i}].modules"), &r.modules));
        if let Some(kinds) = &r.kinds {
            lists.push((format!("$.roles[{i}].kinds"), kinds));
        }
    }
    for (path, list) in lists {
        let mut seen: Vec<&str> = Vec::new();
        for (j, entry) in list.iter().enumerate() {
            if seen.contains(&entry.as_str()) {
                add(
                    LintCode::DuplicateEntry,
                    format!("{path}[{j}]"),
                    Label::new(
                        format!("'{entry}' is listed more than once"),
                        format!("'{entry}' ist mehrfach aufgeführt"),
                    ),
                );
            } else {
                seen.push(entry);
            }
        }
    }
}

fn kinds(model: &Model, add: &mut Add) {
    for (k, kind) in model.kind_info.iter().enumerate() {
        let path = format!("$.tenantKinds[{k}]");
        let name = |lang| quote(lang, kind.label.get(lang));
        let has_admin_role =
            model.role_info.iter().any(|r| r.admin && !r.deprecated && r.modules == 0 && r.kinds & bit(k) != 0);
        if !has_admin_role {
            add(
                LintCode::KindWithoutAdminRole,
                path.clone(),
                bilingual(|lang| {
                    match lang {
                    Lang::En => format!("tenant kind {} has no administrator role (admin, not deprecated, needing no module); a new tenant's first user could not be its administrator", name(lang)),
                    Lang::De => format!("die Mandantenart {} hat keine Administratorrolle (admin, nicht veraltet, ohne Modul); der erste Benutzer eines neuen Mandanten könnte nicht sein Administrator sein", name(lang)),
                }
                }),
            );
        }
        if kind.default_role.is_none() {
            add(
                LintCode::NoDefaultRole,
                path,
                bilingual(|lang| match lang {
                    Lang::En => {
                        format!("tenant kind {} has no default role; every invitation must name its roles", name(lang))
                    }
                    Lang::De => format!(
                        "die Mandantenart {} hat keine Standardrolle; jede Einladung muss ihre Rollen nennen",
                        name(lang)
                    ),
                }),
            );
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
                add(
                    LintCode::RedundantImplication,
                    format!("$.permissions[{i}].implies[{j}]"),
                    bilingual(|lang| match lang {
                        Lang::En => format!(
                            "{} is already implied through {}",
                            perm_phrase(model, target, lang),
                            perm_phrase(model, other, lang)
                        ),
                        Lang::De => format!(
                            "{} ist bereits über {} eingeschlossen",
                            perm_phrase(model, target, lang),
                            perm_phrase(model, other, lang)
                        ),
                    }),
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
            PermOrigin::Declared(i) => format!("$.permissions[{i}]"),
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
                format!("$.features[{feature}]")
            }
        };
        let id = model.perms.name(p as u32);
        add(
            LintCode::UnreachablePermission,
            path,
            bilingual(|lang| match lang {
                Lang::En => format!("no role grants {}, directly or by implication", perm_phrase(model, id, lang)),
                Lang::De => {
                    format!("keine Rolle gewährt {}, weder direkt noch eingeschlossen", perm_phrase(model, id, lang))
                }
            }),
        );
    }
}

fn roles(model: &Model, add: &mut Add) {
    for (i, (def, role)) in model.doc.roles.iter().zip(&model.role_info).enumerate() {
        let path = format!("$.roles[{i}]");
        let name = |lang| quote(lang, role.label.get(lang));
        for (j, grant) in def.grants.iter().enumerate() {
            let Some(g) = model.perms.get(grant) else { continue };
            let covering = def.grants.iter().find_map(|other| {
                let o = model.perms.get(other)?;
                (o != g && model.perm_info[o as usize].closure.contains(g)).then_some(other)
            });
            if let Some(other) = covering {
                add(
                    LintCode::RedundantGrant,
                    format!("{path}.grants[{j}]"),
                    bilingual(|lang| {
                        match lang {
                        Lang::En => format!(
                            "the role {} grants {} directly, but its grant {} already includes it; the direct grant is not needed",
                            name(lang), perm_phrase(model, grant, lang), perm_phrase(model, other, lang)
                        ),
                        Lang::De => format!(
                            "die Rolle {} gewährt {} direkt, aber ihre Berechtigung {} schließt sie bereits ein; die direkte Vergabe wird nicht benötigt",
                            name(lang), perm_phrase(model, grant, lang), perm_phrase(model, other, lang)
                        ),
                    }
                    }),
                );
            }
        }
        if role.deprecated {
            add(
                LintCode::DeprecatedRole,
                path.clone(),
                bilingual(|lang| {
                    match lang {
                    Lang::En => format!("the role {} is deprecated: members who hold it keep its permissions, but it cannot be assigned anew", name(lang)),
                    Lang::De => format!("die Rolle {} ist veraltet: Mitglieder, die sie haben, behalten ihre Berechtigungen, neu vergeben werden kann sie nicht", name(lang)),
                }
                }),
            );
        }
        if role.effective.is_empty() {
            add(
                LintCode::EmptyRole,
                format!("{path}.grants"),
                bilingual(|lang| match lang {
                    Lang::En => format!("the role {} grants no permission", name(lang)),
                    Lang::De => format!("die Rolle {} gewährt keine Berechtigung", name(lang)),
                }),
            );
        }
        let administrative: Vec<u32> =
            role.effective.iter().filter(|&p| model.perm_info[p as usize].administrative).collect();
        let operational: Vec<u32> =
            role.effective.iter().filter(|&p| !model.perm_info[p as usize].administrative).collect();
        if role.admin && administrative.is_empty() {
            add(
                LintCode::AdminRoleWithoutAdminPermission,
                format!("{path}.admin"),
                bilingual(|lang| match lang {
                    Lang::En => format!(
                        "the role {} is an administrator role but holds no administrative permission",
                        name(lang)
                    ),
                    Lang::De => format!(
                        "die Rolle {} ist eine Administratorrolle, hat aber keine administrative Berechtigung",
                        name(lang)
                    ),
                }),
            );
        }
        if !role.admin && !administrative.is_empty() {
            let list = |lang| {
                let items: Vec<String> =
                    administrative.iter().map(|&p| perm_phrase(model, model.perms.name(p), lang)).collect();
                join_and(lang, &items)
            };
            add(
                LintCode::AdminPermissionInNonAdminRole,
                path.clone(),
                bilingual(|lang| match lang {
                    Lang::En => format!(
                        "the role {} is not an administrator role but holds administrative permissions: {}",
                        name(lang),
                        list(lang)
                    ),
                    Lang::De => format!(
                        "die Rolle {} ist keine Administratorrolle, hat aber administrative Berechtigungen: {}",
                        name(lang),
                        list(lang)
                    ),
                }),
            );
        }
        let strict_kinds: Vec<usize> = (0..model.kind_info.len())
            .filter(|&k| model.kind_info[k].admins_administrative_only && role.kinds & bit(k) != 0)
            .collect();
        if role.admin && !operational.is_empty() && !strict_kinds.is_empty() {
            let kinds: Vec<&str> = strict_kinds.iter().map(|&k| model.kinds.name(k as u32)).collect();
            let kinds = kinds.join("', '");
            let list = |lang| {
                let items: Vec<String> =
                    operational.iter().map(|&p| perm_phrase(model, model.perms.name(p), lang)).collect();
                join_and(lang, &items)
            };
            add(
                LintCode::AdminRoleOperational,
                format!("{path}.grants"),
                bilingual(|lang| {
                    match lang {
                    Lang::En => format!("the administrator role {} holds operational permissions, but tenant kind(s) '{kinds}' say administrators are administrative only: {}", name(lang), list(lang)),
                    Lang::De => format!("die Administratorrolle {} hat operative Berechtigungen, obwohl Administratoren der Mandantenart(en) '{kinds}' nur administrativ arbeiten: {}", name(lang), list(lang)),
                }
                }),
            );
        }
    }
}
