//! What can be wrong with a policy document: [`PolicyCode`] and [`PolicyError`].

use crate::lang::Lang;
use crate::problem::{codes, Problem};
use std::fmt;

codes! {
    /// The code of a problem with a policy document.
    pub enum PolicyCode {
        /// The text is not JSON.
        JsonSyntax = "json_syntax",
        /// The JSON does not have the document's shape (wrong type, missing or unknown field).
        JsonShape = "json_shape",
        /// `version` is not a format version this crate reads.
        UnsupportedVersion = "unsupported_version",
        /// An id is empty or uses characters other than `a-z 0-9 _ - .`, or does not start with a
        /// letter; or a scope key is `tenant`, which names a resource's tenant.
        InvalidId = "invalid_id",
        /// Two items of the same kind share an id.
        DuplicateId = "duplicate_id",
        /// A label's English or German text is empty.
        EmptyLabel = "empty_label",
        /// An `implies`, `grants` or feature level names a permission that does not exist.
        UnknownPermission = "unknown_permission",
        /// Permissions imply each other in a circle.
        ImpliesCycle = "implies_cycle",
        /// A role names a tenant kind that does not exist.
        UnknownTenantKind = "unknown_tenant_kind",
        /// A role's `kinds` list is empty, so no tenant could ever use it.
        EmptyKinds = "empty_kinds",
        /// A role requires a module that one of its tenant kinds does not offer.
        UnknownModule = "unknown_module",
        /// A `defaultRole` names a role that does not exist.
        UnknownRole = "unknown_role",
        /// A `defaultRole` is deprecated, needs a module, or is not available to its kind.
        InvalidDefaultRole = "invalid_default_role",
        /// The policy declares no tenant kind.
        NoTenantKinds = "no_tenant_kinds",
        /// A number that must be positive is 0.
        InvalidValue = "invalid_value",
        /// A size limit (see [`crate::limits`]) is exceeded.
        LimitExceeded = "limit_exceeded",
        /// A compiled policy ([`crate::PolicyEngine::from_snapshot`]) is damaged or was written
        /// by another version of rolegate.
        InvalidSnapshot = "invalid_snapshot",
        /// An approval rule's condition names an attribute the policy does not declare.
        UnknownAttribute = "unknown_attribute",
        /// A condition's bound does not fit its attribute's type, it has no bound, or its bounds
        /// are in different currencies.
        InvalidCondition = "invalid_condition",
        /// An approval rule governs an action without an approval process.
        NotGoverned = "not_governed",
        /// An approval rule has no tiers, or an empty tier.
        InvalidTiers = "invalid_tiers",
    }
}

/// One problem with a policy document.
pub type PolicyProblem = Problem<PolicyCode>;

/// A policy document that cannot be used, with every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// Every problem, in document order; never empty.
    pub problems: Vec<PolicyProblem>,
}

impl PolicyError {
    /// The stable code of this error, as thrown to JavaScript: `invalid_policy`.
    pub const CODE: &'static str = "invalid_policy";

    /// A one-paragraph summary in `lang`: the count, then one problem per line.
    pub fn summary(&self, lang: Lang) -> String {
        let head = crate::messages::by_count(
            self.problems.len(),
            &crate::messages::INVALID_POLICY_ONE,
            &crate::messages::INVALID_POLICY,
        )
        .fill(&[&crate::path::decimal(self.problems.len())]);
        let mut out = head.get(lang).to_string();
        for p in &self.problems {
            out.extend(["\n  ", p.path.as_str(), ": ", p.message.get(lang)]);
        }
        out
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary(Lang::En))
    }
}

impl std::error::Error for PolicyError {}
