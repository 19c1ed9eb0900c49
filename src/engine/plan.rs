//! [`Plan`]: the question a list asks, "on which resources may this subject do this action?",
//! answered once instead of by a check per row.
//!
//! Scopes are attribute equality, so the answer is small and exact: everywhere in the subject's
//! tenant, nowhere, or in any of a few scopes. A plan allows exactly what
//! [`Session::can`](super::Session::can) allows: for every resource, `can(action, resource)` ==
//! `plan.allows(resource)` (tests/plans.rs holds them to it over random policies).

use super::approval::{self, RuleSet};
use super::decision::Reason;
use super::model::Model;
use super::request::{Resource, Scope};
use super::resolve::{covers, Resolved};
use crate::policy::Conditions;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// Conditions on a resource's typed attributes (by attribute id) under which an action needs
/// approval: where every condition of one entry holds, a plan does not allow.
pub type Unless = Vec<Conditions>;

/// Which resources a subject may do an action on. JSON: `{ "decision": "always", "tenant" }`,
/// `{ "decision": "never", "tenant", "code" }` or `{ "decision": "conditional", "tenant",
/// "anyOf": [{ "facility": "f1" }, …] }`. Resources of another tenant than `tenant` are never
/// allowed, whatever the decision. For an action with an approval process, `unless` (when not
/// empty) lists the conditions on typed attributes under which it needs approval instead:
/// a resource meeting every condition of one entry is not allowed (see
/// [`Plan::allows`]). `excluding` (of the approvals awaiting a member) lists attributes a
/// resource must not have with these values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// A tenant-wide assignment that counts grants the action: every resource of the tenant, and
    /// no resource in particular (but those `unless` names).
    Always {
        /// The subject's tenant.
        tenant: String,
        /// Where the action needs approval instead.
        unless: Unless,
    },
    /// Nothing the subject holds can grant the action, on any resource.
    Never {
        /// The subject's tenant.
        tenant: String,
        /// The code every denial of the action carries: [`Reason::UnknownAction`],
        /// [`Reason::OutsideWindow`], [`Reason::RoleNotAvailable`] or
        /// [`Reason::NotGranted`].
        code: Reason,
    },
    /// Only scoped assignments grant the action: a resource of the tenant is allowed when it
    /// carries every attribute of one of these scopes with the same value. The scopes are
    /// distinct and minimal (none covers another), in ascending order; never empty.
    Conditional {
        /// The subject's tenant.
        tenant: String,
        /// The scopes, any one of which allows.
        any_of: Vec<Scope>,
        /// Where the action needs approval instead.
        unless: Unless,
        /// Attribute values a resource must not have (`requester` of the approvals awaiting a
        /// member: never their own).
        excluding: Scope,
    },
}

/// Written as `{ decision, tenant, code?, anyOf? }` by hand rather than by serde's internally
/// tagged derive, whose generic machinery (a `TaggedSerializer` over each data format) cost the
/// lean wasm module several KB.
impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut plan = serializer.serialize_struct("Plan", 3)?;
        plan.serialize_field("decision", self.decision())?;
        plan.serialize_field("tenant", self.tenant())?;
        match self {
            Plan::Always { unless, .. } => {
                if !unless.is_empty() {
                    plan.serialize_field("unless", unless)?;
                }
            }
            Plan::Never { code, .. } => plan.serialize_field("code", code)?,
            Plan::Conditional { any_of, unless, excluding, .. } => {
                plan.serialize_field("anyOf", any_of)?;
                if !unless.is_empty() {
                    plan.serialize_field("unless", unless)?;
                }
                if !excluding.is_empty() {
                    plan.serialize_field("excluding", excluding)?;
                }
            }
        }
        plan.end()
    }
}

impl Plan {
    /// The subject's tenant: the only tenant whose resources a plan can allow.
    pub fn tenant(&self) -> &str {
        match self {
            Plan::Always { tenant, .. } | Plan::Never { tenant, .. } | Plan::Conditional { tenant, .. } => tenant,
        }
    }

    /// The decision's name: `always`, `never` or `conditional`.
    pub fn decision(&self) -> &'static str {
        match self {
            Plan::Always { .. } => "always",
            Plan::Never { .. } => "never",
            Plan::Conditional { .. } => "conditional",
        }
    }

    /// Whether the plan allows `resource` (no resource in particular when `None`): the same
    /// answer as `Session::can` for the plan's action.
    pub fn allows(&self, resource: Option<&Resource>) -> bool {
        if resource.and_then(|r| r.tenant.as_deref()).is_some_and(|t| t != self.tenant()) {
            return false;
        }
        match self {
            Plan::Always { unless, .. } => !approval::unless_blocks(unless, resource),
            Plan::Never { .. } => false,
            Plan::Conditional { any_of, unless, excluding, .. } => {
                any_of.iter().any(|scope| covers(Some(scope), resource))
                    && !excluding.iter().any(|(k, v)| resource.and_then(|r| r.attributes.get(k)) == Some(v))
                    && !approval::unless_blocks(unless, resource)
            }
        }
    }
}

/// The plan for `action` over the resolved assignments of a subject of `tenant`, whose tenant
/// has approval `rules`.
pub(crate) fn plan(model: &Model, rules: &RuleSet, tenant: &str, resolved: &Resolved, action: &str) -> Plan {
    let Some(number) = model.perms.get(action) else {
        return Plan::Never { tenant: tenant.to_string(), code: Reason::UnknownAction };
    };
    let plan = by_roles(model, tenant, &resolved.assignments, number);
    let Some((governed, _)) = model.governed(number) else { return plan };
    if matches!(plan, Plan::Never { .. }) {
        return plan;
    }
    match approval::unless(model, rules, resolved.kind, &resolved.assignments, governed) {
        None => Plan::Never { tenant: tenant.to_string(), code: Reason::ApprovalRequired },
        Some(conditions) => match plan {
            Plan::Always { tenant, .. } => Plan::Always { tenant, unless: conditions },
            Plan::Conditional { tenant, any_of, excluding, .. } => {
                Plan::Conditional { tenant, any_of, unless: conditions, excluding }
            }
            never => never,
        },
    }
}

/// The plan of permission `action` by roles and scopes alone.
fn by_roles(model: &Model, tenant: &str, assignments: &[super::resolve::Assigned], action: u32) -> Plan {
    let tenant = tenant.to_string();
    let mut scopes: Vec<&Scope> = Vec::new();
    let (mut unavailable, mut outside) = (false, false);
    for a in assignments.iter().filter(|a| model.role_info[a.role as usize].effective.contains(action)) {
        match (&a.scope, a.available) {
            (_, false) if crate::time::WINDOWS && a.outside => outside = true,
            (_, false) => unavailable = true,
            (None, true) => return Plan::Always { tenant, unless: Vec::new() },
            (Some(scope), true) => scopes.push(scope),
        }
    }
    if scopes.is_empty() {
        let code = match (outside, unavailable) {
            (true, _) => Reason::OutsideWindow,
            (false, true) => Reason::RoleNotAvailable,
            (false, false) => Reason::NotGranted,
        };
        return Plan::Never { tenant, code };
    }
    Plan::Conditional { tenant, any_of: minimal(scopes), unless: Vec::new(), excluding: Scope::new() }
}

/// The scopes without duplicates and without any that another one covers (a scope covers every
/// scope that has all of its attributes), in ascending order.
///
/// Kept in order by insertion rather than sorted afterwards: the lists are short (a subject's
/// assignments), and the standard library's sorts, instantiated for them, were 4 KB gzip of the
/// lean wasm module.
fn minimal(scopes: Vec<&Scope>) -> Vec<Scope> {
    // `kept` stays ascending, and no scope in it covers another; every scope seen so far is
    // covered by one in it.
    let mut kept: Vec<&Scope> = Vec::with_capacity(scopes.len());
    for scope in scopes {
        if kept.iter().any(|k| within(k, scope)) {
            continue; // a duplicate, or inside one kept already
        }
        kept.retain(|k| !within(scope, k));
        let at = kept.iter().position(|k| *k > scope).unwrap_or(kept.len());
        kept.insert(at, scope);
    }
    kept.into_iter().cloned().collect()
}

/// Whether scope `outer` covers scope `inner`: `inner` has every attribute of `outer`, with the
/// same value.
fn within(outer: &Scope, inner: &Scope) -> bool {
    outer.iter().all(|(key, value)| inner.get(key) == Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(pairs: &[(&str, &str)]) -> Scope {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn minimal_drops_duplicates_and_covered_scopes() {
        let f1 = scope(&[("facility", "f1")]);
        let f1c9 = scope(&[("customer", "c9"), ("facility", "f1")]);
        let f3c9 = scope(&[("customer", "c9"), ("facility", "f3")]);
        let f2 = scope(&[("facility", "f2")]);
        let kept = minimal(vec![&f1c9, &f3c9, &f2, &f1, &f1, &f3c9]);
        assert_eq!(kept, vec![f3c9, f1, f2]);
    }

    #[test]
    fn allows_never_crosses_tenants() {
        let plan = Plan::Always { tenant: "acme".into(), unless: Vec::new() };
        assert!(plan.allows(None));
        assert!(plan.allows(Some(&Resource::new(&[]).in_tenant("acme"))));
        assert!(!plan.allows(Some(&Resource::new(&[]).in_tenant("rival"))));
        let plan = Plan::Conditional {
            tenant: "acme".into(),
            any_of: vec![scope(&[("facility", "f1")])],
            unless: Vec::new(),
            excluding: Scope::new(),
        };
        assert!(!plan.allows(None));
        assert!(plan.allows(Some(&Resource::new(&[("facility", "f1"), ("asset", "a")]))));
        assert!(!plan.allows(Some(&Resource::new(&[("facility", "f1")]).in_tenant("rival"))));
        assert!(!plan.allows(Some(&Resource::new(&[("facility", "f2")]))));
    }
}
