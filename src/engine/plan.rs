//! [`Plan`]: the question a list asks, "on which resources may this subject do this action?",
//! answered once instead of by a check per row.
//!
//! Scopes are attribute equality, so the answer is small and exact: everywhere in the subject's
//! tenant, nowhere, or in any of a few scopes. A plan allows exactly what
//! [`Session::can`](super::Session::can) allows: for every resource, `can(action, resource)` ==
//! `plan.allows(resource)` (tests/plans.rs holds them to it over random policies).

use super::decision::Reason;
use super::model::Model;
use super::request::{Resource, Scope};
use super::resolve::{covers, Assigned};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// Which resources a subject may do an action on. JSON: `{ "decision": "always", "tenant" }`,
/// `{ "decision": "never", "tenant", "code" }` or `{ "decision": "conditional", "tenant",
/// "anyOf": [{ "facility": "f1" }, …] }`. Resources of another tenant than `tenant` are never
/// allowed, whatever the decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// A tenant-wide assignment that counts grants the action: every resource of the tenant, and
    /// no resource in particular.
    Always {
        /// The subject's tenant.
        tenant: String,
    },
    /// Nothing the subject holds can grant the action, on any resource.
    Never {
        /// The subject's tenant.
        tenant: String,
        /// The code every denial of the action carries: [`Reason::UnknownAction`],
        /// [`Reason::RoleNotAvailable`] or [`Reason::NotGranted`].
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
            Plan::Always { .. } => {}
            Plan::Never { code, .. } => plan.serialize_field("code", code)?,
            Plan::Conditional { any_of, .. } => plan.serialize_field("anyOf", any_of)?,
        }
        plan.end()
    }
}

impl Plan {
    /// The subject's tenant: the only tenant whose resources a plan can allow.
    pub fn tenant(&self) -> &str {
        match self {
            Plan::Always { tenant } | Plan::Never { tenant, .. } | Plan::Conditional { tenant, .. } => tenant,
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
            Plan::Always { .. } => true,
            Plan::Never { .. } => false,
            Plan::Conditional { any_of, .. } => any_of.iter().any(|scope| covers(Some(scope), resource)),
        }
    }
}

/// The plan for `action` over resolved `assignments` of a subject of `tenant`.
pub(crate) fn plan(model: &Model, tenant: &str, assignments: &[Assigned], action: &str) -> Plan {
    let tenant = tenant.to_string();
    let Some(action) = model.perms.get(action) else {
        return Plan::Never { tenant, code: Reason::UnknownAction };
    };
    let mut scopes: Vec<&Scope> = Vec::new();
    let mut unavailable = false;
    for a in assignments.iter().filter(|a| model.role_info[a.role as usize].effective.contains(action)) {
        match (&a.scope, a.available) {
            (_, false) => unavailable = true,
            (None, true) => return Plan::Always { tenant },
            (Some(scope), true) => scopes.push(scope),
        }
    }
    if scopes.is_empty() {
        let code = if unavailable { Reason::RoleNotAvailable } else { Reason::NotGranted };
        return Plan::Never { tenant, code };
    }
    Plan::Conditional { tenant, any_of: minimal(scopes) }
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
        let plan = Plan::Always { tenant: "acme".into() };
        assert!(plan.allows(None));
        assert!(plan.allows(Some(&Resource::new(&[]).in_tenant("acme"))));
        assert!(!plan.allows(Some(&Resource::new(&[]).in_tenant("rival"))));
        let plan = Plan::Conditional { tenant: "acme".into(), any_of: vec![scope(&[("facility", "f1")])] };
        assert!(!plan.allows(None));
        assert!(plan.allows(Some(&Resource::new(&[("facility", "f1"), ("asset", "a")]))));
        assert!(!plan.allows(Some(&Resource::new(&[("facility", "f1")]).in_tenant("rival"))));
        assert!(!plan.allows(Some(&Resource::new(&[("facility", "f2")]))));
    }
}
