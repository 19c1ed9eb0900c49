//! [`Explanation`]: why a decision came out as it did: which assignments granted the action and
//! through which implications, which would have but did not count, which roles would grant it,
//! and a message in English and German.

use super::approval::{Approval, Effect, RuleSet};
use super::decision::Reason;
use super::model::{bit, Model};
use super::request::{Resource, Scope};
use super::resolve::{Assigned, Resolved};
use super::session::outcome;
use crate::lang::{Label, Lang};
use crate::messages as msg;
use crate::text::{did_you_mean, join_and, quote, suggest};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A role assignment that grants (or would grant) the action, and how: `{ role, scope?, from?,
/// until?, via }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The role's id.
    pub role: String,
    /// The assignment's scope; absent when tenant-wide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// When the assignment starts to count (RFC 3339, UTC); absent when it always has.
    #[serde(skip_serializing_if = "no_window")]
    pub from: Option<String>,
    /// When it stops counting (RFC 3339, UTC); absent when it never does.
    #[serde(skip_serializing_if = "no_window")]
    pub until: Option<String>,
    /// The implication chain: the role's direct grant first, the action last (just the action
    /// when the role grants it directly), e.g. `["eshop.order.place", "eshop.order.request"]`.
    pub via: Vec<String>,
}

/// Whether a window's bound is left out: when absent, and always in a build without windows
/// (whose serializers then have no code for them).
fn no_window(bound: &Option<String>) -> bool {
    !crate::time::WINDOWS || bound.is_none()
}

/// A role assignment that would grant the action but does not count here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockedGrant {
    /// The assignment and its implication chain.
    pub grant: Grant,
    /// [`Reason::OutOfScope`], [`Reason::OutsideWindow`] or [`Reason::RoleNotAvailable`].
    pub reason: Reason,
}

/// Everything that led to a decision: `{ allowed, effect, code, action, approval?, grantedBy,
/// blocked, grantingRoles, message: { en, de } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// Whether the action is allowed.
    pub allowed: bool,
    /// `allow`, `approval` or `deny`.
    pub effect: Effect,
    /// The stable reason code.
    pub code: Reason,
    /// The action asked about.
    pub action: String,
    /// When the effect is `approval`: the rules that apply and their tiers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// The assignments that grant the action (empty when denied; when only asking for it is
    /// allowed, the assignments that grant asking).
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
    /// The explanation with its message in `lang` only, to serialize for a user.
    pub fn in_lang(&self, lang: Lang) -> ExplanationIn<'_> {
        ExplanationIn {
            allowed: self.allowed,
            effect: self.effect,
            code: self.code,
            action: &self.action,
            approval: self.approval.as_ref(),
            granted_by: &self.granted_by,
            blocked: &self.blocked,
            granting_roles: &self.granting_roles,
            message: self.message.get(lang),
        }
    }
}

/// An [`Explanation`] with its message in one language: `{ allowed, effect, code, action,
/// approval?, grantedBy, blocked, grantingRoles, message }`.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplanationIn<'a> {
    /// Whether the action is allowed.
    pub allowed: bool,
    /// `allow`, `approval` or `deny`.
    pub effect: Effect,
    /// The stable reason code.
    pub code: Reason,
    /// The action asked about.
    pub action: &'a str,
    /// What an approval needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<&'a Approval>,
    /// The assignments that grant the action.
    pub granted_by: &'a [Grant],
    /// The assignments that would grant it but do not count.
    pub blocked: &'a [BlockedGrant],
    /// The roles that would grant it.
    pub granting_roles: &'a [String],
    /// The explanation in the language asked for.
    pub message: &'a str,
}

/// `{ role, scope?, from?, until?, via, reason }`: the grant's members and why it does not count.
impl Serialize for BlockedGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Grant { role, scope, from, until, via } = &self.grant;
        let timed = if crate::time::WINDOWS { usize::from(from.is_some()) + usize::from(until.is_some()) } else { 0 };
        let mut out = serializer.serialize_struct("BlockedGrant", 3 + usize::from(scope.is_some()) + timed)?;
        out.serialize_field("role", role)?;
        match scope {
            Some(scope) => out.serialize_field("scope", scope)?,
            None => out.skip_field("scope")?,
        }
        if crate::time::WINDOWS {
            for (name, time) in [("from", from), ("until", until)] {
                match time {
                    Some(time) => out.serialize_field(name, time)?,
                    None => out.skip_field(name)?,
                }
            }
        }
        out.serialize_field("via", via)?;
        out.serialize_field("reason", &self.reason)?;
        out.end()
    }
}

/// Explains the decision for `resolved` of `tenant` on `action` and `resource`.
pub(crate) fn explain(
    model: &Model,
    rules: &RuleSet,
    tenant: &str,
    resolved: &Resolved,
    action: &str,
    resource: Option<&Resource>,
) -> Explanation {
    let outcome = outcome(model, rules, tenant, resolved, action, resource);
    let code = outcome.as_ref().map_or(Reason::InvalidAttribute, |o| o.reason);
    let mut explanation = Explanation {
        allowed: code == Reason::Granted,
        effect: Effect::of(code),
        code,
        action: action.to_string(),
        approval: None,
        granted_by: Vec::new(),
        blocked: Vec::new(),
        granting_roles: Vec::new(),
        message: Label::default(),
    };
    let Some(a) = model.perms.get(action) else {
        // A sentence: the suggestion's own ". Did you mean …?" or the full stop.
        let hint = match suggest(action, model.perms.names()) {
            None => Label::new(".", "."),
            close => did_you_mean(close),
        };
        explanation.message = msg::UNKNOWN_ACTION.fill(&[&quote(&action), &quote(&model.doc.label), &hint]);
        return explanation;
    };
    explanation.granting_roles = (0..model.roles.len() as u32)
        .filter(|&r| {
            let role = &model.role_info[r as usize];
            !role.deprecated && role.effective.contains(a) && model.role_available(r, resolved.kind, resolved.modules)
        })
        .map(|r| model.roles.name(r).to_string())
        .collect();
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            let problems: Vec<Label> = error.problems.iter().map(|p| p.message.clone()).collect();
            let joined = Label::new(join(&problems, Lang::En), join(&problems, Lang::De));
            explanation.message = msg::INVALID_ATTRIBUTE_DENIED.fill(&[&joined]);
            return explanation;
        }
    };
    // Asking for a governed action that one may not do oneself: the grants of asking.
    let shown = outcome.asked.unwrap_or(a);
    if code != Reason::OtherTenant {
        for assigned in
            resolved.assignments.iter().filter(|x| model.role_info[x.role as usize].effective.contains(shown))
        {
            let grant = grant_of(model, assigned, shown);
            if crate::time::WINDOWS && assigned.outside {
                explanation.blocked.push(BlockedGrant { grant, reason: Reason::OutsideWindow });
            } else if !assigned.available {
                explanation.blocked.push(BlockedGrant { grant, reason: Reason::RoleNotAvailable });
            } else if assigned.covers(resource) {
                explanation.granted_by.push(grant);
            } else {
                explanation.blocked.push(BlockedGrant { grant, reason: Reason::OutOfScope });
            }
        }
    }
    if code == Reason::ApprovalRequired {
        explanation.approval = outcome.approval(model, resolved.kind, resolved.modules);
        explanation.message = outcome.message(model, resolved.kind, resolved.modules);
        return explanation;
    }
    explanation.message = message(model, tenant, resolved, &explanation, shown, resource);
    explanation
}

/// The grant record of `assigned` for permission `a`, with the shortest implication chain.
pub(crate) fn grant_of(model: &Model, assigned: &Assigned, a: u32) -> Grant {
    let role = &model.role_info[assigned.role as usize];
    let chain = model.implication_chain(&role.grants, a).unwrap_or_else(|| vec![a]);
    let (from, until) = match crate::time::WINDOWS {
        true => (assigned.window.from.map(crate::time::format), assigned.window.until.map(crate::time::format)),
        false => (None, None),
    };
    Grant {
        role: model.roles.name(assigned.role).to_string(),
        scope: assigned.scope.clone(),
        from,
        until,
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
    let perm = quote(model.perm_label(a));
    match e.code {
        Reason::Granted => match e.granted_by.first() {
            Some(grant) => msg::ALLOWED.fill(&[&assignment_phrase(model, grant), &chain_phrase(model, &grant.via)]),
            None => Label::default(),
        },
        Reason::OtherTenant => {
            let other = resource.and_then(|r| r.tenant.as_deref()).unwrap_or_default();
            msg::OTHER_TENANT.fill(&[&quote(&other), &quote(&tenant)])
        }
        Reason::OutOfScope => match e.blocked.iter().find(|b| b.reason == Reason::OutOfScope) {
            Some(b) => {
                let role = quote(&role_label(model, &b.grant.role));
                let scope = scope_phrase(model, b.grant.scope.as_ref());
                let miss = miss_phrase(model, b.grant.scope.as_ref(), resource);
                msg::OUT_OF_SCOPE.fill(&[&role, &perm, &scope, &miss])
            }
            None => Label::default(),
        },
        Reason::OutsideWindow if crate::time::WINDOWS => {
            let Some(b) = e.blocked.iter().find(|b| b.reason == Reason::OutsideWindow) else { return Label::default() };
            let role = assignment_phrase(model, &Grant { from: None, until: None, ..b.grant.clone() });
            let at = resolved.at.unwrap_or_default();
            let started = |from: &String| crate::time::parse(from).is_some_and(|f| f <= at);
            let why = match (&b.grant.from, &b.grant.until) {
                (Some(from), _) if !started(from) => msg::COUNTS_FROM.fill(&[&crate::time::readable(from)]),
                (_, Some(until)) => msg::EXPIRED_ON.fill(&[&crate::time::readable(until)]),
                _ => return Label::default(),
            };
            msg::ROLE_UNAVAILABLE.fill(&[&role, &perm, &why])
        }
        Reason::RoleNotAvailable => {
            let blocked = e.blocked.iter().find(|b| b.reason == Reason::RoleNotAvailable);
            let Some(r) = blocked.and_then(|b| model.roles.get(&b.grant.role)) else { return Label::default() };
            let role = &model.role_info[r as usize];
            let why = if role.kinds & bit(resolved.kind) == 0 {
                msg::OTHER_KIND.fill(&[&quote(&model.kind_info[resolved.kind as usize].label)])
            } else {
                let missing = role.modules & !resolved.modules;
                let names: Vec<Label> = (0..model.modules.len())
                    .filter(|&m| missing & bit(m) != 0)
                    .map(|m| quote(&model.module_labels[m]))
                    .collect();
                msg::MODULE_OFF.fill(&[&join_and(&names)])
            };
            msg::ROLE_UNAVAILABLE.fill(&[&quote(&role.label), &perm, &why])
        }
        // Not granted (unknown actions are answered before).
        _ => {
            let roles: Vec<Label> = e.granting_roles.iter().map(|r| quote(&role_label(model, r))).collect();
            if roles.is_empty() {
                msg::GRANTED_BY_NONE.fill(&[&perm])
            } else {
                msg::by_count(roles.len(), &msg::NOT_GRANTED_ONE, &msg::NOT_GRANTED).fill(&[&perm, &join_and(&roles)])
            }
        }
    }
}

/// The label of role `role` (its id when unknown).
fn role_label(model: &Model, role: &str) -> Label {
    model.roles.get(role).map_or_else(|| Label::new(role, role), |r| model.role_label(r).clone())
}

/// “Operator” or “Operator” (Facility “f1”), and its window: “Operator” until 14 Dec 2026, 08:00
/// UTC.
fn assignment_phrase(model: &Model, grant: &Grant) -> Label {
    let role = quote(&role_label(model, &grant.role));
    let role = match &grant.scope {
        None => role,
        Some(scope) => msg::ROLE_IN_SCOPE.fill(&[&role, &scope_phrase(model, Some(scope))]),
    };
    if !crate::time::WINDOWS {
        return role;
    }
    let role = match &grant.from {
        Some(from) => msg::ROLE_FROM.fill(&[&role, &crate::time::readable(from)]),
        None => role,
    };
    match &grant.until {
        Some(until) => msg::ROLE_UNTIL.fill(&[&role, &crate::time::readable(until)]),
        None => role,
    }
}

/// Facility “f1”, Customer “c1”.
fn scope_phrase(model: &Model, scope: Option<&Scope>) -> Label {
    let parts: Vec<Label> = scope
        .into_iter()
        .flatten()
        .map(|(k, v)| msg::SCOPE_VALUE.fill(&[&scope_key_label(model, k), &quote(v)]))
        .collect();
    Label::new(join(&parts, Lang::En), join(&parts, Lang::De))
}

fn join(parts: &[Label], lang: Lang) -> String {
    parts.iter().map(|p| p.get(lang)).collect::<Vec<_>>().join(", ")
}

/// The label of scope key `key` (the key itself when unknown).
fn scope_key_label(model: &Model, key: &str) -> Label {
    model.scope_keys.get(key).map_or_else(|| Label::new(key, key), |k| model.scope_labels[k as usize].clone())
}

/// Why `resource` is outside `scope`, for the first attribute that does not fit.
fn miss_phrase(model: &Model, scope: Option<&Scope>, resource: Option<&Resource>) -> Label {
    let Some(resource) = resource else { return msg::NO_RESOURCE.label() };
    let misfit = scope.into_iter().flatten().find(|(k, v)| resource.attributes.get(*k) != Some(*v));
    match misfit {
        Some((key, _)) => {
            let name = scope_key_label(model, key);
            match resource.attributes.get(key) {
                Some(value) => msg::RESOURCE_IN.fill(&[&name, &quote(value)]),
                // German puts the name in quotes: "hat keine Angabe zu „Standort“".
                None => msg::RESOURCE_LACKS.fill(&[&name, &quote(&name)]),
            }
        }
        None => Label::default(),
    }
}

/// “Order”, or “Order”, which includes “Create order requests” (via …).
fn chain_phrase(model: &Model, via: &[String]) -> Label {
    let label = |id: &String| match model.perms.get(id) {
        Some(p) => quote(model.perm_label(p)),
        None => quote(id),
    };
    match via {
        [] => Label::default(),
        [only] => label(only),
        [first, middle @ .., last] => {
            let middle: Vec<Label> = middle.iter().map(label).collect();
            let through = if middle.is_empty() {
                Label::default()
            } else {
                msg::VIA.fill(&[&Label::new(join(&middle, Lang::En), join(&middle, Lang::De))])
            };
            msg::INCLUDES.fill(&[&label(first), &label(last), &through])
        }
    }
}
