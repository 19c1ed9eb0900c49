//! [`Session`]: one subject compiled against the policy, so each check is a bit test.

use super::approval::{self, Approval, Effect, Outcome, RuleSet};
use super::decision::{Decision, Reason};
use super::explain::{self, Explanation};
use super::model::Model;
use super::permset::PermSet;
use super::plan::{self, Plan};
use super::query::{self, EffectivePermission};
use super::request::RequestError;
use super::request::Resource;
use super::request::Scope;
use super::resolve::{covers, Assigned, Resolved, Standing};
use std::sync::Arc;

/// The compiled grants of one subject. Checks on a session cost a hash lookup of the action and a
/// bit test; scoped assignments are only looked at when no tenant-wide one grants the action.
#[derive(Clone, Debug)]
pub struct Session {
    model: Arc<Model>,
    tenant: String,
    resolved: Resolved,
    /// Everything granted tenant-wide by assignments that count.
    unscoped: PermSet,
    /// Everything granted by scoped assignments that count, in some scope.
    scoped: PermSet,
    /// The approval rules of the subject's tenant.
    rules: RuleSet,
}

/// A decision with what an approval needs: `{ allowed, effect, code, approval? }`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evaluation {
    /// Whether the action is allowed (the effect is `allow`).
    pub allowed: bool,
    /// `allow`, `approval` or `deny`.
    pub effect: Effect,
    /// Why.
    pub code: Reason,
    /// When the effect is `approval`: the rules that apply and their tiers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
}

impl Session {
    pub(crate) fn new(model: Arc<Model>, tenant: String, resolved: Resolved) -> Self {
        let n = model.perm_info.len();
        let (mut unscoped, mut scoped) = (PermSet::empty(n), PermSet::empty(n));
        for a in resolved.assignments.iter().filter(|a| a.available) {
            let effective = &model.role_info[a.role as usize].effective;
            match a.scope {
                None => unscoped.union_with(effective),
                Some(_) => scoped.union_with(effective),
            }
        }
        Session { model, tenant, resolved, unscoped, scoped, rules: RuleSet::Defaults }
    }

    /// The same session deciding with `rules` (compiled against its model) instead of the
    /// policy's defaults.
    pub(crate) fn with_rules(mut self, rules: RuleSet) -> Self {
        self.rules = rules;
        self
    }

    /// The subject's tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// Until when the answers hold (Unix seconds): the earliest `from` or `until` of an
    /// assignment after the instant decided at. `None` when no window ends or starts ahead.
    /// Rebuild the session from then on.
    pub fn valid_until(&self) -> Option<i64> {
        self.resolved.valid_until
    }

    /// Whether the subject may do `action` on `resource` (on nothing in particular when `None`).
    /// For an action with an approval process, only when no approval is needed; a resource whose
    /// typed attributes do not read is denied (see [`Session::evaluate`] for the problems).
    #[inline]
    pub fn can(&self, action: &str, resource: Option<&Resource>) -> bool {
        self.try_can(action, resource).unwrap_or(false)
    }

    /// `can` of an action without an approval process, by roles and scopes.
    #[inline]
    fn can_by_roles(&self, action: u32, resource: Option<&Resource>) -> bool {
        if resource.and_then(|r| r.tenant.as_deref()).is_some_and(|t| t != self.tenant) {
            return false;
        }
        if self.unscoped.contains(action) {
            return true;
        }
        self.scoped.contains(action)
            && self.resolved.assignments.iter().any(|a| {
                a.available
                    && a.scope.is_some()
                    && self.model.role_info[a.role as usize].effective.contains(action)
                    && a.covers(resource)
            })
    }

    /// Whether some assignment that counts grants `action` in some scope: the question a menu
    /// asks ("is there anywhere I may create service cases?"). Never use it to allow an action on
    /// a particular resource; use [`Session::can`] with the resource.
    pub fn can_anywhere(&self, action: &str) -> bool {
        self.model.perms.get(action).is_some_and(|a| self.unscoped.contains(a) || self.scoped.contains(a))
    }

    /// Which resources the subject may do `action` on: everywhere in its tenant, nowhere (with
    /// the code every denial would carry), or in any of some scopes. The question a list asks,
    /// answered once: the plan allows a resource exactly when [`Session::can`] does.
    pub fn plan(&self, action: &str) -> Plan {
        plan::plan(&self.model, &self.rules, &self.tenant, &self.resolved, action)
    }

    /// The actions whose answers depend on the resource's typed attributes for this subject: those
    /// with an approval process (the policy's `approvals.actions`) for which a rule of the
    /// subject's tenant applies to its roles. For every other action `can` is the roles' answer
    /// (with no rule that applies, no attribute is read and no approval asked), which a cache of
    /// grants may give; for these it must not.
    pub fn actions_with_rules(&self) -> Vec<&str> {
        let Some(approvals) = &self.model.approvals else { return Vec::new() };
        (0u32..)
            .zip(&approvals.actions)
            .filter(|&(i, _)| self.has_rules(i))
            .map(|(_, g)| self.model.perms.name(g.action))
            .collect()
    }

    /// The rules of [`Session::actions_with_rules`] as numbers a fast path compares (see
    /// [`crate::FastRules`]); an action whose bounds a fast path cannot hold exactly is left
    /// out, so the engine decides it.
    pub fn fast_rules(&self) -> Vec<approval::FastRules> {
        let Some(approvals) = &self.model.approvals else { return Vec::new() };
        let (kind, assignments) = (self.resolved.kind, &self.resolved.assignments);
        (0u32..approvals.actions.len() as u32)
            .filter(|&i| self.has_rules(i))
            .filter_map(|i| approval::fast_rules(&self.model, &self.rules, kind, assignments, i))
            .collect()
    }

    /// Whether a rule of the tenant for governed action number `governed` applies to the subject.
    fn has_rules(&self, governed: u32) -> bool {
        let assignments = &self.resolved.assignments;
        self.rules.for_action(&self.model, self.resolved.kind, governed).any(|(r, _)| r.applies_to(assignments))
    }

    /// [`Session::can`], with the problems of a resource whose typed attributes do not read as
    /// an error instead of a denial (what the JavaScript API throws).
    #[inline]
    pub fn try_can(&self, action: &str, resource: Option<&Resource>) -> Result<bool, RequestError> {
        match self.model.perms.get(action) {
            None => Ok(false),
            Some(number) if self.model.approvals.is_some() && self.model.governed(number).is_some() => {
                self.evaluate(action, resource).map(|e| e.allowed)
            }
            Some(number) => Ok(self.can_by_roles(number, resource)),
        }
    }

    /// The decision with its reason code; a resource whose typed attributes do not read is
    /// denied with `invalid_attribute` (see [`Session::evaluate`] for the problems).
    pub fn decide(&self, action: &str, resource: Option<&Resource>) -> Decision {
        let reason = self.outcome(action, resource).map_or(Reason::InvalidAttribute, |o| o.reason);
        Decision::from_reason(reason)
    }

    /// The three-way decision: `allow`, `approval` (with the rules that apply and their tiers)
    /// or `deny`. `Err` when the resource's typed attributes do not read (a money value that is
    /// none, or in a currency no applicable rule names).
    pub fn evaluate(&self, action: &str, resource: Option<&Resource>) -> Result<Evaluation, RequestError> {
        let outcome = self.outcome(action, resource)?;
        let approval = outcome.approval(&self.model, self.resolved.kind, self.resolved.modules);
        let reason = outcome.reason;
        Ok(Evaluation { allowed: reason == Reason::Granted, effect: Effect::of(reason), code: reason, approval })
    }

    /// The decision with everything that led to it, and a message in English and German.
    pub fn explain(&self, action: &str, resource: Option<&Resource>) -> Explanation {
        explain::explain(&self.model, &self.rules, &self.tenant, &self.resolved, action, resource)
    }

    pub(crate) fn outcome(&self, action: &str, resource: Option<&Resource>) -> Result<Outcome<'_>, RequestError> {
        outcome(&self.model, &self.rules, &self.tenant, &self.resolved, action, resource)
    }

    /// Every permission the subject holds through assignments that count, with the assignments
    /// that give it (scoped ones say their scope).
    pub fn permissions(&self) -> Vec<EffectivePermission> {
        query::effective_permissions(&self.model, &self.resolved)
    }
}

/// The checks that come before any role is looked at: an unknown action, then a resource of
/// another tenant. `Ok` with the action's number when neither applies.
#[inline]
pub(crate) fn precheck(model: &Model, tenant: &str, action: &str, resource: Option<&Resource>) -> Result<u32, Reason> {
    let Some(action) = model.perms.get(action) else { return Err(Reason::UnknownAction) };
    if resource.and_then(|r| r.tenant.as_deref()).is_some_and(|t| t != tenant) {
        return Err(Reason::OtherTenant);
    }
    Ok(action)
}

/// The one decision procedure, fed one assignment at a time, shared by sessions and one-off
/// checks. Deny by default; the deny reason is the most specific one: a scope that did not fit,
/// then an assignment outside its window, then a role that is unavailable, then plainly not
/// granted.
#[derive(Default)]
pub(crate) struct Verdict {
    granted: bool,
    out_of_scope: bool,
    outside: bool,
    unavailable: bool,
}

impl Verdict {
    /// Takes one assignment of `role` with `scope` into account for `action` on `resource`.
    #[inline]
    pub fn consider(
        &mut self,
        model: &Model,
        action: u32,
        role: u32,
        scope: Option<&Scope>,
        standing: Standing,
        resource: Option<&Resource>,
    ) {
        if self.granted || !model.role_info[role as usize].effective.contains(action) {
            return;
        }
        match standing {
            Standing::Unavailable => self.unavailable = true,
            Standing::OutsideWindow => self.outside = true,
            Standing::Counts if covers(scope, resource) => self.granted = true,
            Standing::Counts => self.out_of_scope = true,
        }
    }

    /// The reason, once every assignment was considered.
    pub fn reason(&self) -> Reason {
        if self.granted {
            Reason::Granted
        } else if self.out_of_scope {
            Reason::OutOfScope
        } else if self.outside {
            Reason::OutsideWindow
        } else if self.unavailable {
            Reason::RoleNotAvailable
        } else {
            Reason::NotGranted
        }
    }
}

/// The roles' verdict on permission `action` over resolved assignments.
pub(crate) fn verdict(model: &Model, action: u32, assignments: &[Assigned], resource: Option<&Resource>) -> Reason {
    let mut verdict = Verdict::default();
    for a in assignments {
        verdict.consider(model, action, a.role, a.scope.as_ref(), a.standing(), resource);
    }
    verdict.reason()
}

/// Decides over resolved assignments, with the approval process of an action that has one.
pub(crate) fn outcome<'m>(
    model: &'m Model,
    rules: &'m RuleSet,
    tenant: &str,
    resolved: &Resolved,
    action: &str,
    resource: Option<&Resource>,
) -> Result<Outcome<'m>, RequestError> {
    let plain = |reason| Ok(Outcome { reason, governed: None, matched: Vec::new(), direct: false, asked: None });
    let action = match precheck(model, tenant, action, resource) {
        Ok(action) => action,
        Err(reason) => return plain(reason),
    };
    let direct = verdict(model, action, &resolved.assignments, resource);
    let Some((number, g)) = model.governed(action) else { return plain(direct) };
    let request = verdict(model, g.request, &resolved.assignments, resource);
    approval::decide_governed(
        model,
        rules,
        resolved.kind,
        &resolved.assignments,
        resource,
        (number, g),
        (direct, request),
    )
}
