//! Approval processes in the engine: the compiled attributes and rules, and the three-way
//! decision of an action that has a process (`allow`, `approval`, `deny`).
//!
//! An action with a process (`approvals.actions`: `{ action, request, approve }`) is decided in
//! two steps. First by roles, as every action: a member whose roles grant `action` may do it;
//! one whose roles grant only `request` may ask for it; anyone else is denied with the code of
//! the roles' verdict on `action`. Then by rules: the rules for the action that apply to the
//! requester (by role) and whose conditions the resource's attributes meet. A member who may do
//! the action does it when no rule applies, and needs the tiers of every rule that applies
//! otherwise; a member who may only ask needs the tiers of the rules that apply, or, when none
//! does, the built-in release procedure: one tier of the roles that hold `approve`. (Every tier's
//! approver holds `approve`, so any rule's tiers include that release.)
//!
//! A condition whose attribute the resource does not carry applies (an unknown total may be over
//! the threshold: never a silent pass). Money compares in integer minor units of one currency; a
//! value in a currency that none of the applicable rules conditioning on that attribute names is
//! an error (`currency_mismatch`), not a pass.

use super::decision::Reason;
use super::intern::Interner;
use super::model::{bit, Model};
use super::request::{RequestCode, RequestError, RequestProblem, Resource};
use super::resolve::Assigned;
use crate::lang::Label;
use crate::messages as msg;
use crate::money::Money;
use crate::path;
use crate::policy::{ApprovalRule, AttributeType, Condition, Conditions, Threshold};
use crate::text::{quote, unknown, Unknown};
use serde::{Deserialize, Serialize, Serializer};

/// A typed attribute, compiled.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct AttrModel {
    pub kind: AttributeType,
    #[serde(skip)]
    pub label: Label,
}

/// The approval processes of a policy, compiled.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ApprovalsModel {
    pub actions: Vec<Governed>,
    /// The roles a tenant's rules may name in tiers; `None`: every role holding the approving
    /// permission.
    pub approver_roles: Option<Vec<u32>>,
    pub max_tiers: u32,
    pub max_rules: u32,
    pub expires_after_days: u32,
    pub minimum_approvers: u32,
    pub requester_may_approve: bool,
    pub approver_may_repeat: bool,
    /// The policy's default rules.
    pub rules: Vec<RuleModel>,
}

/// An action with an approval process: permission numbers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Governed {
    pub action: u32,
    pub request: u32,
    pub approve: u32,
}

/// An approval rule, compiled: numbers of the model it was compiled against.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RuleModel {
    pub id: String,
    /// Its index in `ApprovalsModel::actions`.
    pub governed: u32,
    pub label: Option<Label>,
    /// The kinds it is a default for (policy rules), as a mask.
    pub kinds: u64,
    pub conditions: Vec<CondModel>,
    /// The requester roles; `None`: every requester.
    pub requesters: Option<Vec<u32>>,
    /// The tiers, each a list of role numbers.
    pub tiers: Vec<Vec<u32>>,
}

/// A condition on one attribute, compiled.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CondModel {
    pub attr: u32,
    pub over: Option<Bound>,
    pub at_least: Option<Bound>,
    pub below: Option<Bound>,
    pub up_to: Option<Bound>,
}

/// A bound or a value: a whole number or money.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Bound {
    Integer(i64),
    Money(Money),
}

impl Bound {
    /// The bound as the document writes it: a number, or normalized money text.
    pub fn threshold(&self) -> Threshold {
        match self {
            Bound::Integer(n) => Threshold::Number(*n),
            Bound::Money(m) => Threshold::Text(m.to_text()),
        }
    }

    /// The bound for a reader, in both languages.
    pub fn label(&self) -> Label {
        match self {
            Bound::Integer(n) => Label::new(n.to_string(), n.to_string()),
            Bound::Money(m) => m.label(),
        }
    }

    fn money(&self) -> Option<&Money> {
        match self {
            Bound::Money(m) => Some(m),
            Bound::Integer(_) => None,
        }
    }
}

impl CondModel {
    /// The bounds, in the order `over`, `atLeast`, `below`, `upTo`.
    pub fn bounds(&self) -> [(BoundKind, Option<&Bound>); 4] {
        [
            (BoundKind::Over, self.over.as_ref()),
            (BoundKind::AtLeast, self.at_least.as_ref()),
            (BoundKind::Below, self.below.as_ref()),
            (BoundKind::UpTo, self.up_to.as_ref()),
        ]
    }

    /// The condition's currency, when its bounds are money.
    pub fn currency(&self) -> Option<[u8; 3]> {
        self.bounds().into_iter().find_map(|(_, b)| b.and_then(Bound::money)).map(|m| m.currency)
    }

    /// Whether `value` meets every bound: `None` (the attribute is absent) meets them (the rule
    /// applies); money in another currency than the bounds' meets none.
    pub fn holds(&self, value: Option<&Bound>) -> bool {
        let Some(value) = value else { return true };
        self.bounds().into_iter().all(|(kind, bound)| {
            let Some(bound) = bound else { return true };
            let ordering = match (value, bound) {
                (Bound::Integer(v), Bound::Integer(b)) => Some(v.cmp(b)),
                (Bound::Money(v), Bound::Money(b)) => v.compare(b),
                _ => None,
            };
            ordering.is_some_and(|o| kind.admits(o))
        })
    }

    /// The condition in its document form, bounds normalized.
    pub fn document(&self) -> Condition {
        Condition {
            over: self.over.as_ref().map(Bound::threshold),
            at_least: self.at_least.as_ref().map(Bound::threshold),
            below: self.below.as_ref().map(Bound::threshold),
            up_to: self.up_to.as_ref().map(Bound::threshold),
        }
    }
}

/// Which side a bound limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BoundKind {
    Over,
    AtLeast,
    Below,
    UpTo,
}

impl BoundKind {
    /// Whether a value comparing `ordering` to the bound meets it.
    fn admits(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            BoundKind::Over => ordering == Greater,
            BoundKind::AtLeast => ordering != Less,
            BoundKind::Below => ordering == Less,
            BoundKind::UpTo => matches!(ordering, Less | Equal),
        }
    }

    /// "over {0}", "at least {0}", …
    fn phrase(self) -> &'static msg::Text {
        match self {
            BoundKind::Over => &msg::BOUND_OVER,
            BoundKind::AtLeast => &msg::BOUND_AT_LEAST,
            BoundKind::Below => &msg::BOUND_BELOW,
            BoundKind::UpTo => &msg::BOUND_UP_TO,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Compiling rules: the policy's (by the compiler) and a tenant's (by administration).

/// What a rule is compiled against: the tables of a model (or of the compiler building one).
pub(crate) struct RuleTables<'a> {
    pub perms: &'a Interner,
    pub roles: &'a Interner,
    pub kinds: &'a Interner,
    pub attributes: &'a Interner,
    pub attr_info: &'a [AttrModel],
    pub actions: &'a [Governed],
}

/// What can be wrong with a rule; the caller turns each into its own code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RuleFault {
    /// The id is not an id.
    InvalidId,
    /// Two rules share an id.
    DuplicateId,
    /// The action is not a permission.
    UnknownPermission,
    /// The action is a permission without an approval process.
    NotGoverned,
    /// `when` names an attribute the policy does not declare.
    UnknownAttribute,
    /// A bound does not fit its attribute's type, has no bound, or mixes currencies.
    InvalidCondition,
    /// A role does not exist.
    UnknownRole,
    /// A kind does not exist.
    UnknownKind,
    /// No tiers, or an empty tier, or more tiers than the policy allows.
    InvalidTiers,
    /// (A tenant's rule.) A tier names a role the policy's bounds do not let approve, or one
    /// that cannot hold the approving permission.
    ApproverNotAllowed,
    /// (A tenant's rules.) More rules than the policy allows, or a rule naming kinds.
    TooManyRules,
}

/// One fault: what, where, in words.
pub(crate) type Fault = (RuleFault, String, Label);

impl RuleTables<'_> {
    /// Compiles `rule` at `at`; every fault is pushed to `out` and `None` returned when there is
    /// any.
    pub fn compile(&self, rule: &ApprovalRule, at: &str, out: &mut Vec<Fault>) -> Option<RuleModel> {
        let mark = out.len();
        let mut fault = |code, path: String, message| out.push((code, path, message));
        if !super::compile::is_valid_id(&rule.id) {
            fault(
                RuleFault::InvalidId,
                path::key(at, "id"),
                msg::ID_INVALID.fill(&[&msg::THING_RULE.label(), &rule.id]),
            );
        }
        let governed = match self.perms.get(&rule.action) {
            None => {
                let message = unknown(Unknown::Permission, &rule.action, self.perms.names());
                fault(RuleFault::UnknownPermission, path::key(at, "action"), message);
                None
            }
            Some(p) => {
                let found = self.actions.iter().position(|g| g.action == p);
                if found.is_none() {
                    let governed: Vec<&str> = self.actions.iter().map(|g| self.perms.name(g.action)).collect();
                    let message = msg::NOT_GOVERNED.fill(&[&rule.action, &governed.join("', '")]);
                    fault(RuleFault::NotGoverned, path::key(at, "action"), message);
                }
                found
            }
        };
        let mut conditions = Vec::with_capacity(rule.when.0.len());
        for (name, condition) in &rule.when.0 {
            let cond_path = crate::read::walk::member_path(&path::key(at, "when"), name);
            let Some(attr) = self.attributes.get(name) else {
                let names = self.attributes.names().collect::<Vec<_>>().join("', '");
                let hint = crate::text::did_you_mean(crate::text::suggest(name, self.attributes.names()));
                fault(RuleFault::UnknownAttribute, cond_path, msg::UNKNOWN_ATTRIBUTE.fill(&[name, &names, &hint]));
                continue;
            };
            let kind = self.attr_info[attr as usize].kind;
            let mut read = |key: &str, value: &Option<Threshold>| -> Option<Bound> {
                let value = value.as_ref()?;
                let at = path::key(&cond_path, key);
                match (kind, value) {
                    (AttributeType::Integer, Threshold::Number(n)) => Some(Bound::Integer(*n)),
                    (AttributeType::Money, Threshold::Text(text)) => match Money::parse(text) {
                        Ok(m) => Some(Bound::Money(m)),
                        Err(e) => {
                            fault(RuleFault::InvalidCondition, at, e.message(text));
                            None
                        }
                    },
                    (AttributeType::Integer, Threshold::Text(_)) => {
                        fault(RuleFault::InvalidCondition, at, msg::BOUND_NOT_INTEGER.fill(&[name]));
                        None
                    }
                    (AttributeType::Money, Threshold::Number(_)) => {
                        fault(RuleFault::InvalidCondition, at, msg::BOUND_NOT_MONEY.fill(&[name]));
                        None
                    }
                }
            };
            let cond = CondModel {
                attr,
                over: read("over", &condition.over),
                at_least: read("atLeast", &condition.at_least),
                below: read("below", &condition.below),
                up_to: read("upTo", &condition.up_to),
            };
            let given = [&condition.over, &condition.at_least, &condition.below, &condition.up_to];
            if given.iter().all(|b| b.is_none()) {
                fault(RuleFault::InvalidCondition, cond_path.clone(), msg::CONDITION_EMPTY.fill(&[name]));
            }
            let currencies: Vec<[u8; 3]> =
                cond.bounds().into_iter().filter_map(|(_, b)| b.and_then(Bound::money)).map(|m| m.currency).collect();
            if currencies.windows(2).any(|pair| pair[0] != pair[1]) {
                fault(RuleFault::InvalidCondition, cond_path, msg::CONDITION_MIXED_CURRENCIES.fill(&[name]));
            }
            conditions.push(cond);
        }
        let role = |id: &str, at: String, fault: &mut dyn FnMut(RuleFault, String, Label)| match self.roles.get(id) {
            Some(r) => Some(r),
            None => {
                fault(RuleFault::UnknownRole, at, unknown(Unknown::Role, id, self.roles.names()));
                None
            }
        };
        let requesters = rule.requesters.as_ref().map(|list| {
            let at = path::key(at, "requesters");
            list.iter().enumerate().filter_map(|(i, r)| role(r, path::index(&at, i), &mut fault)).collect()
        });
        if rule.tiers.is_empty() {
            fault(RuleFault::InvalidTiers, path::key(at, "tiers"), msg::NO_TIERS.label());
        }
        let mut tiers = Vec::with_capacity(rule.tiers.len());
        for (t, tier) in rule.tiers.iter().enumerate() {
            let tier_path = path::index(&path::key(at, "tiers"), t);
            if tier.is_empty() {
                fault(RuleFault::InvalidTiers, tier_path.clone(), msg::EMPTY_TIER.label());
            }
            let roles: Vec<u32> =
                tier.iter().enumerate().filter_map(|(i, r)| role(r, path::index(&tier_path, i), &mut fault)).collect();
            tiers.push(roles);
        }
        let mut kinds = u64::MAX;
        if let Some(list) = &rule.kinds {
            kinds = 0;
            for (i, k) in list.iter().enumerate() {
                match self.kinds.get(k) {
                    Some(n) => kinds |= bit(n),
                    None => {
                        let message = unknown(Unknown::TenantKind, k, self.kinds.names());
                        fault(RuleFault::UnknownKind, path::index(&path::key(at, "kinds"), i), message);
                    }
                }
            }
        }
        if out.len() != mark {
            return None;
        }
        Some(RuleModel {
            id: rule.id.clone(),
            governed: governed? as u32,
            label: rule.label.clone(),
            kinds,
            conditions,
            requesters,
            tiers,
        })
    }
}

impl Model {
    /// Compiles a tenant's own rules (`rules`, at `at`) for a tenant of `kind` with `modules`,
    /// within the policy's bounds: its governed actions, its approver roles (roles that hold the
    /// approving permission and are available to the tenant), at most `maxRules` rules of at
    /// most `maxTiers` tiers, no `kinds`. `Err` lists every fault.
    pub(crate) fn compile_tenant_rules(
        &self,
        rules: &[ApprovalRule],
        kind: u32,
        modules: u64,
        at: &str,
    ) -> Result<Vec<RuleModel>, Vec<Fault>> {
        let mut out: Vec<Fault> = Vec::new();
        let Some(approvals) = &self.approvals else {
            if !rules.is_empty() {
                out.push((RuleFault::NotGoverned, at.to_string(), msg::NO_APPROVALS.label()));
                return Err(out);
            }
            return Ok(Vec::new());
        };
        if rules.len() > approvals.max_rules as usize {
            let message =
                msg::TOO_MANY_RULES.fill(&[&path::decimal(rules.len()), &path::decimal(approvals.max_rules as usize)]);
            out.push((RuleFault::TooManyRules, at.to_string(), message));
            return Err(out);
        }
        let tables = RuleTables {
            perms: &self.perms,
            roles: &self.roles,
            kinds: &self.kinds,
            attributes: &self.attributes,
            attr_info: &self.attr_info,
            actions: &approvals.actions,
        };
        let mut compiled = Vec::with_capacity(rules.len());
        for (i, rule) in rules.iter().enumerate() {
            let item = path::index(at, i);
            if rules[..i].iter().any(|r| r.id == rule.id) {
                let message = msg::DUPLICATE_RULE.fill(&[&rule.id]);
                out.push((RuleFault::DuplicateId, path::key(&item, "id"), message));
            }
            if rule.kinds.is_some() {
                out.push((RuleFault::TooManyRules, path::key(&item, "kinds"), msg::TENANT_RULE_KINDS.label()));
            }
            if rule.tiers.len() > approvals.max_tiers as usize {
                let message = msg::TOO_MANY_TIERS
                    .fill(&[&path::decimal(rule.tiers.len()), &path::decimal(approvals.max_tiers as usize)]);
                out.push((RuleFault::InvalidTiers, path::key(&item, "tiers"), message));
            }
            let Some(model) = tables.compile(rule, &item, &mut out) else { continue };
            let g = approvals.actions[model.governed as usize];
            for (t, tier) in model.tiers.iter().enumerate() {
                for (j, &r) in tier.iter().enumerate() {
                    let role = &self.role_info[r as usize];
                    let bounded = approvals.approver_roles.as_ref().is_none_or(|allowed| allowed.contains(&r));
                    let reason = if !bounded {
                        Some(msg::APPROVER_NOT_IN_BOUNDS.fill(&[&quote(&role.label)]))
                    } else if !role.effective.contains(g.approve) {
                        Some(
                            msg::APPROVER_CANNOT_APPROVE
                                .fill(&[&quote(&role.label), &quote(self.perm_label(g.approve))]),
                        )
                    } else if !self.role_available(r, kind, modules) || role.deprecated {
                        Some(msg::APPROVER_UNAVAILABLE.fill(&[&quote(&role.label)]))
                    } else {
                        None
                    };
                    if let Some(message) = reason {
                        let at = path::index(&path::index(&path::key(&item, "tiers"), t), j);
                        out.push((RuleFault::ApproverNotAllowed, at, message));
                    }
                }
            }
            if model.never_matches() {
                out.push((RuleFault::InvalidCondition, path::key(&item, "when"), msg::RULE_NEVER_MATCHES.label()));
            }
            compiled.push(RuleModel { kinds: u64::MAX, ..model });
        }
        if out.is_empty() {
            Ok(compiled)
        } else {
            Err(out)
        }
    }
}

impl RuleModel {
    /// Whether the rule can never apply: a condition whose bounds exclude each other.
    pub fn never_matches(&self) -> bool {
        self.conditions.iter().any(|c| {
            let low = c.over.as_ref().map(|b| (b, true)).or(c.at_least.as_ref().map(|b| (b, false)));
            let high = c.below.as_ref().map(|b| (b, true)).or(c.up_to.as_ref().map(|b| (b, false)));
            let (Some((low, low_strict)), Some((high, high_strict))) = (low, high) else { return false };
            let ordering = match (low, high) {
                (Bound::Integer(l), Bound::Integer(h)) => Some(l.cmp(h)),
                (Bound::Money(l), Bound::Money(h)) => l.compare(h),
                _ => None,
            };
            match ordering {
                Some(std::cmp::Ordering::Greater) => true,
                Some(std::cmp::Ordering::Equal) => low_strict || high_strict,
                _ => false,
            }
        }) || self.requesters.as_ref().is_some_and(Vec::is_empty)
    }

    /// Whether the rule applies to a requester with `assignments` (by role: an assignment that
    /// counts, whatever its scope).
    pub fn applies_to(&self, assignments: &[Assigned]) -> bool {
        match &self.requesters {
            None => true,
            Some(roles) => assignments.iter().any(|a| a.available && roles.contains(&a.role)),
        }
    }

    /// Whether the resource's attributes (`values`, by attribute number) meet every condition.
    pub fn holds(&self, values: &[Option<Bound>]) -> bool {
        self.conditions.iter().all(|c| c.holds(values.get(c.attr as usize).and_then(Option::as_ref)))
    }

    /// The rule's conditions in document form, by attribute id.
    pub fn when(&self, model: &Model) -> Conditions {
        let mut when = Vec::with_capacity(self.conditions.len());
        for c in &self.conditions {
            when.push((model.attributes.name(c.attr).to_string(), c.document()));
        }
        Conditions(when)
    }
}

// ---------------------------------------------------------------------------------------------
// Answers.

/// The effect of a decision: `"allow"` (do it), `"approval"` (ask for it: it needs the tiers of
/// [`Approval`]) or `"deny"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Allowed: do it.
    Allow,
    /// Allowed to ask for it; it needs approval.
    Approval,
    /// Denied.
    Deny,
}

impl Effect {
    /// `allow`, `approval` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "allow",
            Effect::Approval => "approval",
            Effect::Deny => "deny",
        }
    }

    /// The effect a decision with `reason` has.
    pub fn of(reason: Reason) -> Effect {
        match reason {
            Reason::Granted => Effect::Allow,
            Reason::ApprovalRequired => Effect::Approval,
            _ => Effect::Deny,
        }
    }
}

impl Serialize for Effect {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Where a rule comes from: `"policy"` (a default of the policy), `"tenant"` (the tenant's own)
/// or `"builtin"` (the release procedure: one tier of the roles holding the approving
/// permission).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSource {
    /// The policy's default rule.
    Policy,
    /// The tenant's own rule.
    Tenant,
    /// The built-in release procedure.
    Builtin,
}

impl RuleSource {
    /// `policy`, `tenant` or `builtin`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleSource::Policy => "policy",
            RuleSource::Tenant => "tenant",
            RuleSource::Builtin => "builtin",
        }
    }
}

/// A rule that applies to a request: `{ id, source }`. The built-in procedure's id is the
/// approving permission's.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRef {
    /// The rule's id.
    pub id: String,
    /// Where it comes from.
    pub source: RuleSource,
}

/// One tier of approvers: `{ rule, roles }`: one member holding one of `roles` approves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApprovalTier {
    /// The id of the rule the tier belongs to.
    pub rule: String,
    /// The roles whose holders may approve it.
    pub roles: Vec<String>,
}

/// What asking for an action needs: the rules that apply and their tiers, in order: `{ rules,
/// tiers }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Approval {
    /// The rules that apply.
    pub rules: Vec<RuleRef>,
    /// Their tiers, rule after rule, each in order.
    pub tiers: Vec<ApprovalTier>,
}

// ---------------------------------------------------------------------------------------------
// Deciding.

/// The rules of a tenant: the policy's defaults for its kind, or its own.
#[derive(Clone, Debug, Default)]
pub(crate) enum RuleSet {
    /// The policy's rules whose kinds include the tenant's.
    #[default]
    Defaults,
    /// The tenant's own rules (compiled against the session's model).
    Own(std::sync::Arc<[RuleModel]>),
}

impl RuleSet {
    /// The rules for governed action `governed` of a tenant of `kind`, with their source.
    pub fn for_action<'m>(
        &'m self,
        model: &'m Model,
        kind: u32,
        governed: u32,
    ) -> impl Iterator<Item = (&'m RuleModel, RuleSource)> + 'm {
        let (rules, source): (&[RuleModel], RuleSource) = match self {
            RuleSet::Own(rules) => (rules, RuleSource::Tenant),
            RuleSet::Defaults => (model.approvals.as_ref().map_or(&[][..], |a| a.rules.as_slice()), RuleSource::Policy),
        };
        let by_kind = matches!(self, RuleSet::Defaults);
        rules
            .iter()
            .filter(move |r| r.governed == governed && (!by_kind || r.kinds & bit(kind) != 0))
            .map(move |r| (r, source))
    }
}

/// The decision of an action with a process, before it becomes an answer.
pub(crate) struct Outcome<'m> {
    pub reason: Reason,
    /// The governed action, when the action has a process.
    pub governed: Option<Governed>,
    /// The rules that apply (when the effect is approval), with their source.
    pub matched: Vec<(&'m RuleModel, RuleSource)>,
    /// Whether the requester may do the action itself (rather than only ask for it).
    pub direct: bool,
    /// The permission whose grants explain the answer: the action, or (asking for it only,
    /// or denied asking) its request permission.
    pub asked: Option<u32>,
}

impl Model {
    /// The governed action whose action is permission `action`, with its index.
    pub fn governed(&self, action: u32) -> Option<(u32, Governed)> {
        let approvals = self.approvals.as_ref()?;
        approvals.actions.iter().position(|g| g.action == action).map(|i| (i as u32, approvals.actions[i]))
    }

    /// The roles available to a tenant of `kind` with `modules` (not deprecated) that hold
    /// permission `p`: the built-in tier for approving permission `p`.
    pub fn roles_holding(&self, p: u32, kind: u32, modules: u64) -> Vec<u32> {
        (0..self.roles.len() as u32)
            .filter(|&r| {
                let role = &self.role_info[r as usize];
                !role.deprecated && role.effective.contains(p) && self.role_available(r, kind, modules)
            })
            .collect()
    }
}

/// The typed attributes of `resource` (by attribute number) that `rules` compare; `Err` names
/// every one whose value does not read. Attributes no rule compares are not read (as any
/// attribute that is not a scope key).
pub(crate) fn read_values(
    model: &Model,
    rules: &[(&RuleModel, RuleSource)],
    resource: Option<&Resource>,
) -> Result<Vec<Option<Bound>>, RequestError> {
    let mut values = vec![None; model.attributes.len()];
    let Some(resource) = resource else { return Ok(values) };
    let mut problems = Vec::new();
    for (n, info) in model.attr_info.iter().enumerate() {
        if !rules.iter().any(|(r, _)| r.conditions.iter().any(|c| c.attr as usize == n)) {
            continue;
        }
        let name = model.attributes.name(n as u32);
        let Some(text) = resource.attributes.get(name) else { continue };
        match read_value(info.kind, text) {
            Some(value) => values[n] = Some(value),
            None => {
                let message = match info.kind {
                    AttributeType::Money => Money::parse(text).err().map(|e| e.message(text)).unwrap_or_default(),
                    AttributeType::Integer => {
                        msg::NOT_AN_INTEGER_ATTRIBUTE.fill(&[&quote(&info.label), &text.as_str()])
                    }
                };
                let at = crate::read::walk::member_path("resource", name);
                problems.push(RequestProblem::new(RequestCode::InvalidAttribute, at, message));
            }
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(RequestError { problems })
    }
}

/// An attribute's value of type `kind` from its text: money (`"12000.00 EUR"`) or a whole number
/// in decimal; `None` when it does not read.
pub(crate) fn read_value(kind: AttributeType, text: &str) -> Option<Bound> {
    match kind {
        AttributeType::Money => Money::parse(text).ok().map(Bound::Money),
        AttributeType::Integer => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            plain.then(|| text.parse::<i64>().ok()).flatten().map(Bound::Integer)
        }
    }
}

/// Checks that every money value is in a currency some applicable rule conditioning on its
/// attribute names (when any conditions on it).
fn check_currencies(
    model: &Model,
    rules: &[(&RuleModel, RuleSource)],
    values: &[Option<Bound>],
) -> Result<(), RequestError> {
    let mut problems = Vec::new();
    for (n, value) in values.iter().enumerate() {
        let Some(Bound::Money(value)) = value else { continue };
        let mut named: Vec<[u8; 3]> = Vec::new();
        for (rule, _) in rules {
            for c in rule.conditions.iter().filter(|c| c.attr as usize == n) {
                if let Some(currency) = c.currency() {
                    if !named.contains(&currency) {
                        named.push(currency);
                    }
                }
            }
        }
        if !named.is_empty() && !named.contains(&value.currency) {
            let label = quote(&model.attr_info[n].label);
            let mut names = String::new();
            for currency in &named {
                if !names.is_empty() {
                    names.push_str(", ");
                }
                names.extend(currency.iter().map(|&b| char::from(b)));
            }
            let message = msg::CURRENCY_MISMATCH.fill(&[&label, &value.code(), &names]);
            let at = crate::read::walk::member_path("resource", model.attributes.name(n as u32));
            problems.push(RequestProblem::new(RequestCode::CurrencyMismatch, at, message));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(RequestError { problems })
    }
}

/// Decides governed action number `governed` (`g`) for a requester with `assignments` of a
/// tenant of `kind`, given the roles' verdicts on the action and on its request permission.
pub(crate) fn decide_governed<'m>(
    model: &'m Model,
    rules: &'m RuleSet,
    kind: u32,
    assignments: &[Assigned],
    resource: Option<&Resource>,
    (governed, g): (u32, Governed),
    (direct, request): (Reason, Reason),
) -> Result<Outcome<'m>, RequestError> {
    let applicable: Vec<(&RuleModel, RuleSource)> =
        rules.for_action(model, kind, governed).filter(|(r, _)| r.applies_to(assignments)).collect();
    let values = read_values(model, &applicable, resource)?;
    check_currencies(model, &applicable, &values)?;
    let may_do = direct == Reason::Granted;
    if !may_do && request != Reason::Granted {
        // Denied: the more telling of the two verdicts (asking out of scope says more than
        // "none of your roles grants it").
        let (reason, asked) = match (direct, request) {
            (Reason::NotGranted, Reason::OutOfScope | Reason::RoleNotAvailable | Reason::OutsideWindow) => {
                (request, g.request)
            }
            _ => (direct, g.action),
        };
        return Ok(Outcome { reason, governed: Some(g), matched: Vec::new(), direct: false, asked: Some(asked) });
    }
    let matched: Vec<(&RuleModel, RuleSource)> = applicable.into_iter().filter(|(r, _)| r.holds(&values)).collect();
    let reason = if may_do && matched.is_empty() { Reason::Granted } else { Reason::ApprovalRequired };
    let asked = if may_do { g.action } else { g.request };
    Ok(Outcome { reason, governed: Some(g), matched, direct: may_do, asked: Some(asked) })
}

impl Outcome<'_> {
    /// What the approval needs, when the effect is approval; role ids of `model`.
    pub fn approval(&self, model: &Model, kind: u32, modules: u64) -> Option<Approval> {
        if self.reason != Reason::ApprovalRequired {
            return None;
        }
        let g = self.governed?;
        let names = |roles: &[u32]| roles.iter().map(|&r| model.roles.name(r).to_string()).collect::<Vec<_>>();
        if self.matched.is_empty() {
            let id = model.perms.name(g.approve).to_string();
            let roles = names(&model.roles_holding(g.approve, kind, modules));
            return Some(Approval {
                rules: vec![RuleRef { id: id.clone(), source: RuleSource::Builtin }],
                tiers: vec![ApprovalTier { rule: id, roles }],
            });
        }
        let mut approval = Approval { rules: Vec::new(), tiers: Vec::new() };
        for (rule, source) in &self.matched {
            approval.rules.push(RuleRef { id: rule.id.clone(), source: *source });
            for tier in &rule.tiers {
                approval.tiers.push(ApprovalTier { rule: rule.id.clone(), roles: names(tier) });
            }
        }
        Some(approval)
    }

    /// The approval in words: each rule's sentence (its label, or "“Order” with “Order total”
    /// over 5,000.00 EUR needs approval by …"), or the built-in procedure's.
    pub fn message(&self, model: &Model, kind: u32, modules: u64) -> Label {
        let Some(g) = self.governed else { return Label::default() };
        let action = quote(model.perm_label(g.action));
        if self.matched.is_empty() {
            let roles: Vec<Label> =
                model.roles_holding(g.approve, kind, modules).iter().map(|&r| quote(model.role_label(r))).collect();
            let request = quote(model.perm_label(g.request));
            return msg::APPROVAL_BUILTIN.fill(&[&action, &request, &crate::text::join_or(&roles)]);
        }
        let sentences: Vec<Label> = self.matched.iter().map(|(rule, _)| rule_sentence(model, rule)).collect();
        let intro = if self.direct { &msg::APPROVAL_NEEDED } else { &msg::APPROVAL_NEEDED_REQUEST };
        let joined = Label::new(
            join_sentences(&sentences, crate::lang::Lang::En),
            join_sentences(&sentences, crate::lang::Lang::De),
        );
        intro.fill(&[&joined])
    }
}

fn join_sentences(sentences: &[Label], lang: crate::lang::Lang) -> String {
    sentences.iter().map(|s| s.get(lang)).collect::<Vec<_>>().join(" ")
}

/// A rule's sentence: its label, or one made of its action, conditions and tiers.
pub(crate) fn rule_sentence(model: &Model, rule: &RuleModel) -> Label {
    if let Some(label) = &rule.label {
        return label.clone();
    }
    let action = model
        .approvals
        .as_ref()
        .and_then(|a| a.actions.get(rule.governed as usize))
        .map_or_else(Label::default, |g| quote(model.perm_label(g.action)));
    let tiers = tiers_phrase(model, &rule.tiers);
    if rule.conditions.is_empty() {
        return msg::RULE_ALWAYS.fill(&[&action, &tiers]);
    }
    msg::RULE_WHEN.fill(&[&action, &conditions_phrase(model, &rule.conditions), &tiers])
}

/// “Order total” over 5,000.00 EUR and up to 25,000.00 EUR; “Items” at least 10
pub(crate) fn conditions_phrase(model: &Model, conditions: &[CondModel]) -> Label {
    let parts: Vec<Label> = conditions
        .iter()
        .map(|c| {
            let bounds: Vec<Label> =
                c.bounds().into_iter().filter_map(|(kind, b)| b.map(|b| kind.phrase().fill(&[&b.label()]))).collect();
            msg::CONDITION_PHRASE
                .fill(&[&quote(&model.attr_info[c.attr as usize].label), &crate::text::join_and(&bounds)])
        })
        .collect();
    crate::text::join_and(&parts)
}

/// “Production Manager”, then “Managing Director” or “Purchaser”
pub(crate) fn tiers_phrase(model: &Model, tiers: &[Vec<u32>]) -> Label {
    let parts: Vec<Label> = tiers
        .iter()
        .map(|tier| {
            let roles: Vec<Label> = tier.iter().map(|&r| quote(model.role_label(r))).collect();
            crate::text::join_or(&roles)
        })
        .collect();
    let en = parts.iter().map(|p| p.en.as_str()).collect::<Vec<_>>().join(", then ");
    let de = parts.iter().map(|p| p.de.as_str()).collect::<Vec<_>>().join(", danach ");
    Label { en, de }
}

/// The conditions under which an action a plan allows needs approval instead (`unless`), or
/// `None` when a rule without conditions applies, so that it always does.
pub(crate) fn unless(
    model: &Model,
    rules: &RuleSet,
    kind: u32,
    assignments: &[Assigned],
    governed: u32,
) -> Option<Vec<Conditions>> {
    let mut out = Vec::new();
    for (rule, _) in rules.for_action(model, kind, governed).filter(|(r, _)| r.applies_to(assignments)) {
        if rule.conditions.is_empty() {
            return None;
        }
        out.push(rule.when(model));
    }
    Some(out)
}

/// Whether any entry of a plan's `unless` blocks `resource`: all its conditions hold (an absent
/// attribute holds; a value that does not read holds), or a money value is in a currency none
/// of the entries conditioning on its attribute names. The same answer as the engine's.
pub(crate) fn unless_blocks(unless: &[Conditions], resource: Option<&Resource>) -> bool {
    if unless.is_empty() {
        return false;
    }
    let value = |name: &str, bound: &Threshold| -> Result<Option<Bound>, ()> {
        let Some(text) = resource.and_then(|r| r.attributes.get(name)) else { return Ok(None) };
        let kind = match bound {
            Threshold::Text(_) => AttributeType::Money,
            Threshold::Number(_) => AttributeType::Integer,
        };
        read_value(kind, text).map(Some).ok_or(())
    };
    let bound = |t: &Threshold| match t {
        Threshold::Number(n) => Some(Bound::Integer(*n)),
        Threshold::Text(text) => Money::parse(text).ok().map(Bound::Money),
    };
    // Currencies named per attribute, for the check of uncovered currencies.
    let mut named: Vec<(&str, Vec<[u8; 3]>)> = Vec::new();
    for entry in unless {
        for (name, c) in &entry.0 {
            for t in [&c.over, &c.at_least, &c.below, &c.up_to].into_iter().flatten() {
                if let Some(Bound::Money(m)) = bound(t) {
                    match named.iter_mut().find(|(n, _)| n == name) {
                        Some((_, list)) => list.push(m.currency),
                        None => named.push((name, vec![m.currency])),
                    }
                }
            }
        }
    }
    for (name, currencies) in &named {
        if let Some(text) = resource.and_then(|r| r.attributes.get(*name)) {
            match Money::parse(text) {
                Ok(m) if currencies.contains(&m.currency) => {}
                _ => return true,
            }
        }
    }
    unless.iter().any(|entry| {
        entry.0.iter().all(|(name, c)| {
            let first = [&c.over, &c.at_least, &c.below, &c.up_to].into_iter().flatten().next();
            let Some(first) = first else { return true };
            let Ok(v) = value(name, first) else { return true };
            let compiled = CondModel {
                attr: 0,
                over: c.over.as_ref().and_then(bound),
                at_least: c.at_least.as_ref().and_then(bound),
                below: c.below.as_ref().and_then(bound),
                up_to: c.up_to.as_ref().and_then(bound),
            };
            compiled.holds(v.as_ref())
        })
    })
}

// ---------------------------------------------------------------------------------------------
// The rules of one subject, for a fast path outside the engine (the package's JavaScript).

/// The largest magnitude a bound may have to be given to a fast path: JavaScript's safe integers.
const SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A governed action's rules that apply to one subject, as numbers a fast path compares (in
/// JavaScript: `{ action, attributes: [{ id, money, currencies: { EUR: 2 } }], rules: [[{
/// attribute, over?, atLeast?, below?, upTo?, currency? }]] }`). With it, `can` of the action is: the roles grant it
/// directly (as for any action), and no rule holds, a rule holding when each of its conditions
/// does (an absent attribute meets its condition). Every attribute the rules compare must read
/// first (money: `"<digits>[.<decimals>] <CODE>"` with a code of `currencies` and at most its
/// decimals; integers: digits), or the engine's answer is an error: a fast path must then ask
/// the engine, as for anything it does not read exactly so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FastRules {
    /// The governed action.
    pub action: String,
    /// The attributes the rules compare.
    pub attributes: Vec<FastAttribute>,
    /// The rules, each a list of conditions.
    pub rules: Vec<Vec<FastCondition>>,
}

/// An attribute a subject's rules compare, for a fast path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FastAttribute {
    /// Its id, e.g. `total`.
    pub id: String,
    /// Whether it is money (else a whole number).
    pub money: bool,
    /// For money: the currencies the rules name, each with its minor units (a power of ten).
    pub currencies: Vec<(String, u8)>,
}

/// A condition, for a fast path: bounds in minor units (money) or whole numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FastCondition {
    /// The index of its attribute in [`FastRules::attributes`].
    pub attribute: usize,
    /// The currency of money bounds (a value in another one meets none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Exclusive lower bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over: Option<i64>,
    /// Inclusive lower bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least: Option<i64>,
    /// Exclusive upper bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below: Option<i64>,
    /// Inclusive upper bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub up_to: Option<i64>,
}

/// The rules of governed action number `governed` that apply to `assignments`, for a fast path;
/// `None` when a bound is beyond JavaScript's safe integers (the engine must decide).
pub(crate) fn fast_rules(
    model: &Model,
    rules: &RuleSet,
    kind: u32,
    assignments: &[Assigned],
    governed: u32,
) -> Option<FastRules> {
    let g = model.approvals.as_ref()?.actions.get(governed as usize)?;
    let mut attributes: Vec<FastAttribute> = Vec::new();
    let mut out = Vec::new();
    for (rule, _) in rules.for_action(model, kind, governed).filter(|(r, _)| r.applies_to(assignments)) {
        let mut conditions = Vec::with_capacity(rule.conditions.len());
        for c in &rule.conditions {
            let id = model.attributes.name(c.attr);
            let at = match attributes.iter().position(|a| a.id == id) {
                Some(at) => at,
                None => {
                    let money = model.attr_info[c.attr as usize].kind == AttributeType::Money;
                    attributes.push(FastAttribute { id: id.to_string(), money, currencies: Default::default() });
                    attributes.len() - 1
                }
            };
            let mut currency = None;
            let mut number = |bound: &Option<Bound>| -> Option<Option<i64>> {
                let Some(bound) = bound else { return Some(None) };
                let n = match bound {
                    Bound::Integer(n) => *n,
                    Bound::Money(m) => {
                        let code = m.code();
                        if !attributes[at].currencies.iter().any(|(c, _)| *c == code) {
                            attributes[at].currencies.push((code, m.exponent));
                        }
                        currency = Some(m.code());
                        m.minor
                    }
                };
                (n.unsigned_abs() <= SAFE_INTEGER as u64).then_some(Some(n))
            };
            let (over, at_least, below, up_to) =
                (number(&c.over)?, number(&c.at_least)?, number(&c.below)?, number(&c.up_to)?);
            conditions.push(FastCondition { attribute: at, currency, over, at_least, below, up_to });
        }
        out.push(conditions);
    }
    Some(FastRules { action: model.perms.name(g.action).to_string(), attributes, rules: out })
}
