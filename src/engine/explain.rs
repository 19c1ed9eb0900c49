//! [`Explanation`]: why a decision came out as it did: which assignments granted the action and
//! through which implications, which would have but did not count, which roles would grant it,
//! and a message in English and German.

use super::decision::Reason;
use super::model::{bit, Model};
use super::request::{Resource, Scope};
use super::resolve::{Assigned, Resolved};
use super::session::decide;
use crate::json::{ToJson, Value};
use crate::lang::{Label, Lang};
use crate::policy::Members;
use crate::text::{bilingual, did_you_mean, join_and, quote, suggest};

/// A role assignment that grants (or would grant) the action, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The role's id.
    pub role: String,
    /// The assignment's scope; absent when tenant-wide.
    pub scope: Option<Scope>,
    /// The implication chain: the role's direct grant first, the action last (just the action
    /// when the role grants it directly), e.g. `["eshop.order.place", "eshop.order.request"]`.
    pub via: Vec<String>,
}

/// A role assignment that would grant the action but does not count here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockedGrant {
    /// The assignment and its implication chain.
    pub grant: Grant,
    /// [`Reason::OutOfScope`] or [`Reason::RoleNotAvailable`].
    pub reason: Reason,
}

/// Everything that led to a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Whether the action is allowed.
    pub allowed: bool,
    /// The stable reason code.
    pub code: Reason,
    /// The action asked about.
    pub action: String,
    /// The assignments that grant the action (empty when denied).
    pub granted_by: Vec<Grant>,
    /// The assignments that would grant it but are out of scope or unavailable.
    pub blocked: Vec<BlockedGrant>,
    /// The roles available to the subject's tenant kind and modules (not deprecated) that grant
    /// the action: whom to ask, or what to assign.
    pub granting_roles: Vec<String>,
    /// The explanation in words.
    pub message: Label,
}

impl Explanation {
    /// The explanation as JSON with its message in `lang` only.
    pub fn to_json_value(&self, lang: Lang) -> Value {
        self.members().with("message", self.message.get(lang)).build()
    }

    fn members(&self) -> Members {
        Members::default()
            .with("allowed", self.allowed)
            .with("code", self.code)
            .with("action", &self.action)
            .with("grantedBy", &self.granted_by)
            .with("blocked", &self.blocked)
            .with("grantingRoles", &self.granting_roles)
    }
}

impl ToJson for Explanation {
    /// `{ allowed, code, action, grantedBy, blocked, grantingRoles, message: { en, de } }`.
    fn to_json(&self) -> Value {
        self.members().with("message", &self.message).build()
    }
}

impl Grant {
    fn members(&self) -> Members {
        Members::default().with("role", &self.role).with_some("scope", &self.scope).with("via", &self.via)
    }
}

impl ToJson for Grant {
    /// `{ role, scope?, via }`.
    fn to_json(&self) -> Value {
        self.members().build()
    }
}

impl ToJson for BlockedGrant {
    /// `{ role, scope?, via, reason }`.
    fn to_json(&self) -> Value {
        self.grant.members().with("reason", self.reason).build()
    }
}

/// Explains the decision for `resolved` of `tenant` on `action` and `resource`.
pub(crate) fn explain(
    model: &Model,
    tenant: &str,
    resolved: &Resolved,
    action: &str,
    resource: Option<&Resource>,
) -> Explanation {
    let code = decide(model, tenant, &resolved.assignments, action, resource);
    let mut explanation = Explanation {
        allowed: code == Reason::Granted,
        code,
        action: action.to_string(),
        granted_by: Vec::new(),
        blocked: Vec::new(),
        granting_roles: Vec::new(),
        message: Label::default(),
    };
    let Some(a) = model.perms.get(action) else {
        let hint = did_you_mean(suggest(action, model.perms.names()));
        explanation.message = bilingual(|lang| match lang {
            Lang::En => format!(
                "Denied: {} is not a permission of the policy {}.{}",
                quote(lang, action),
                quote(lang, &model.doc.label.en),
                hint.en
            ),
            Lang::De => format!(
                "Verweigert: {} ist keine Berechtigung der Richtlinie {}.{}",
                quote(lang, action),
                quote(lang, &model.doc.label.de),
                hint.de
            ),
        });
        return explanation;
    };
    explanation.granting_roles = (0..model.roles.len() as u32)
        .filter(|&r| {
            let role = &model.role_info[r as usize];
            !role.deprecated && role.effective.contains(a) && model.role_available(r, resolved.kind, resolved.modules)
        })
        .map(|r| model.roles.name(r).to_string())
        .collect();
    if code != Reason::OtherTenant {
        for assigned in resolved.assignments.iter().filter(|x| model.role_info[x.role as usize].effective.contains(a)) {
            let grant = grant_of(model, assigned, a);
            if !assigned.available {
                explanation.blocked.push(BlockedGrant { grant, reason: Reason::RoleNotAvailable });
            } else if assigned.covers(resource) {
                explanation.granted_by.push(grant);
            } else {
                explanation.blocked.push(BlockedGrant { grant, reason: Reason::OutOfScope });
            }
        }
    }
    explanation.message = message(model, tenant, resolved, &explanation, a, resource);
    explanation
}

/// The grant record of `assigned` for permission `a`, with the shortest implication chain.
pub(crate) fn grant_of(model: &Model, assigned: &Assigned, a: u32) -> Grant {
    let role = &model.role_info[assigned.role as usize];
    let chain = model.implication_chain(&role.grants, a).unwrap_or_else(|| vec![a]);
    Grant {
        role: model.roles.name(assigned.role).to_string(),
        scope: assigned.scope.clone(),
        via: chain.iter().map(|&p| model.perms.name(p).to_string()).collect(),
    }
}

fn message(
    model: &Model,
    tenant: &str,
    resolved: &Resolved,
    e: &Explanation,
    a: u32,
    resource: Option<&Resource>,
) -> Label {
    let perm = |lang| quote(lang, model.perm_label(a).get(lang));
    match e.code {
        Reason::Granted => {
            let grant = e.granted_by.first();
            bilingual(|lang| {
                let Some(grant) = grant else { return String::new() };
                let role = assignment_phrase(model, grant, lang);
                let chain = chain_phrase(model, &grant.via, lang);
                match lang {
                    Lang::En => format!("Allowed: the role {role} grants {chain}."),
                    Lang::De => format!("Erlaubt: Die Rolle {role} gewährt {chain}."),
                }
            })
        }
        Reason::OtherTenant => {
            let other = resource.and_then(|r| r.tenant.as_deref()).unwrap_or_default();
            bilingual(|lang| {
                match lang {
                Lang::En => format!(
                    "Denied: the resource belongs to tenant {}, not to your tenant {}; nothing is ever allowed across tenants.",
                    quote(lang, other),
                    quote(lang, tenant)
                ),
                Lang::De => format!(
                    "Verweigert: Die Ressource gehört zum Mandanten {}, nicht zu Ihrem Mandanten {}; über Mandantengrenzen hinweg ist nichts erlaubt.",
                    quote(lang, other),
                    quote(lang, tenant)
                ),
            }
            })
        }
        Reason::OutOfScope => {
            let blocked = e.blocked.iter().find(|b| b.reason == Reason::OutOfScope);
            bilingual(|lang| {
                let Some(b) = blocked else { return String::new() };
                let role = quote(lang, role_label(model, &b.grant.role, lang));
                let scope = scope_phrase(model, b.grant.scope.as_ref(), lang);
                let miss = miss_phrase(model, b.grant.scope.as_ref(), resource, lang);
                match lang {
                    Lang::En => format!("Denied: the role {role} grants {} only within {scope}; {miss}.", perm(lang)),
                    Lang::De => format!(
                        "Verweigert: Die Rolle {role} gewährt {} nur innerhalb von {scope}; {miss}.",
                        perm(lang)
                    ),
                }
            })
        }
        Reason::RoleNotAvailable => {
            let blocked = e.blocked.iter().find(|b| b.reason == Reason::RoleNotAvailable);
            bilingual(|lang| {
                let Some(b) = blocked else { return String::new() };
                let Some(r) = model.roles.get(&b.grant.role) else { return String::new() };
                let role_model = &model.role_info[r as usize];
                let role = quote(lang, role_model.label.get(lang));
                let why = if role_model.kinds & bit(resolved.kind) == 0 {
                    let kind = quote(lang, model.kind_info[resolved.kind as usize].label.get(lang));
                    match lang {
                        Lang::En => format!("it is not available to tenants of kind {kind}"),
                        Lang::De => format!("ist aber für Mandanten der Art {kind} nicht verfügbar"),
                    }
                } else {
                    let missing = role_model.modules & !resolved.modules;
                    let names: Vec<String> = (0..model.modules.len())
                        .filter(|&m| missing & bit(m) != 0)
                        .map(|m| quote(lang, model.module_labels[m].get(lang)))
                        .collect();
                    let names = join_and(lang, &names);
                    match lang {
                        Lang::En => format!("it needs the module {names}, which is not enabled for your tenant"),
                        Lang::De => {
                            format!("setzt aber das Modul {names} voraus, das für Ihren Mandanten nicht aktiviert ist")
                        }
                    }
                };
                match lang {
                    Lang::En => format!("Denied: the role {role} would grant {}, but {why}.", perm(lang)),
                    Lang::De => format!("Verweigert: Die Rolle {role} würde {} gewähren, {why}.", perm(lang)),
                }
            })
        }
        // Not granted (unknown actions are answered before).
        _ => bilingual(|lang| {
            let roles: Vec<String> = e.granting_roles.iter().map(|r| quote(lang, role_label(model, r, lang))).collect();
            let who = join_and(lang, &roles);
            match (lang, roles.is_empty()) {
                (Lang::En, false) => format!("Denied: none of your roles grants {}. It is granted by the role(s) {who}.", perm(lang)),
                (Lang::En, true) => format!("Denied: none of your roles grants {}, and no role available to your tenant does.", perm(lang)),
                (Lang::De, false) => format!("Verweigert: Keine Ihrer Rollen gewährt {}. Gewährt wird es von der Rolle bzw. den Rollen {who}.", perm(lang)),
                (Lang::De, true) => format!("Verweigert: Keine Ihrer Rollen gewährt {}, und keine für Ihren Mandanten verfügbare Rolle gewährt es.", perm(lang)),
            }
        }),
    }
}

fn role_label<'m>(model: &'m Model, role: &str, lang: Lang) -> &'m str {
    model.roles.get(role).map_or("", |r| model.role_label(r).get(lang))
}

/// “Operator” or “Operator” (Facility “f1”).
fn assignment_phrase(model: &Model, grant: &Grant, lang: Lang) -> String {
    let role = quote(lang, role_label(model, &grant.role, lang));
    match &grant.scope {
        None => role,
        Some(scope) => format!("{role} ({})", scope_phrase(model, Some(scope), lang)),
    }
}

/// Facility “f1”, Customer “c1”.
fn scope_phrase(model: &Model, scope: Option<&Scope>, lang: Lang) -> String {
    let parts: Vec<String> = scope
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{} {}", scope_key_label(model, k, lang), quote(lang, v)))
        .collect();
    parts.join(", ")
}

fn scope_key_label<'a>(model: &'a Model, key: &'a str, lang: Lang) -> &'a str {
    model.scope_keys.get(key).map_or(key, |k| model.scope_labels[k as usize].get(lang))
}

/// Why `resource` is outside `scope`, for the first attribute that does not fit.
fn miss_phrase(model: &Model, scope: Option<&Scope>, resource: Option<&Resource>, lang: Lang) -> String {
    let Some(resource) = resource else {
        return match lang {
            Lang::En => "this check names no resource".into(),
            Lang::De => "diese Prüfung nennt keine Ressource".into(),
        };
    };
    let misfit = scope.into_iter().flatten().find(|(k, v)| resource.attributes.get(k) != Some(v));
    match misfit {
        Some((key, _)) => {
            let name = scope_key_label(model, key, lang);
            match (resource.attributes.get(key), lang) {
                (Some(value), Lang::En) => format!("this resource is in {name} {}", quote(lang, value)),
                (Some(value), Lang::De) => format!("diese Ressource liegt in {name} {}", quote(lang, value)),
                (None, Lang::En) => format!("this resource has no {name}"),
                (None, Lang::De) => format!("diese Ressource hat keine Angabe zu {}", quote(lang, name)),
            }
        }
        None => String::new(),
    }
}

/// “Order”, or “Order”, which includes “Create order requests” (via …).
fn chain_phrase(model: &Model, via: &[String], lang: Lang) -> String {
    let label = |id: &String| quote(lang, model.perms.get(id).map_or(id.as_str(), |p| model.perm_label(p).get(lang)));
    match via {
        [] => String::new(),
        [only] => label(only),
        [first, middle @ .., last] => {
            let (first, last) = (label(first), label(last));
            let middle: Vec<String> = middle.iter().map(label).collect();
            let via = if middle.is_empty() {
                String::new()
            } else {
                match lang {
                    Lang::En => format!(" (via {})", middle.join(", ")),
                    Lang::De => format!(" (über {})", middle.join(", ")),
                }
            };
            match lang {
                Lang::En => format!("{first}, which includes {last}{via}"),
                Lang::De => format!("{first}, das {last} einschließt{via}"),
            }
        }
    }
}
