//! [`Decision`] and its [`Reason`]: the answer to "may this subject do this action here?".

use super::approval::Effect;
use serde::{Serialize, Serializer};
use std::fmt;

/// Why a decision came out as it did. Deny is the default: only [`Reason::Granted`] allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// A role assignment that counts grants the action, directly or by implication.
    Granted,
    /// The action is not a permission of the policy.
    UnknownAction,
    /// The resource belongs to another tenant. Nothing ever crosses tenants.
    OtherTenant,
    /// Only scoped assignments grant the action, and the resource is outside every one of them.
    OutOfScope,
    /// Only roles that are not available to the tenant's kind or modules would grant it.
    RoleNotAvailable,
    /// Only assignments whose window (`from`, `until`) does not hold the instant decided at
    /// would grant it: expired, or not started yet.
    OutsideWindow,
    /// None of the subject's roles grants the action.
    NotGranted,
    /// The subject may ask for the action, and it needs approval (see [`crate::Approval`]).
    ApprovalRequired,
    /// The resource's typed attributes do not read (a session's `can` and `decide`, which
    /// cannot fail; `PolicyEngine::decide` and `Session::evaluate` report the problems instead).
    InvalidAttribute,
}

impl Reason {
    /// Every reason, the allowing one first.
    pub const ALL: [Reason; 9] = [
        Reason::Granted,
        Reason::UnknownAction,
        Reason::OtherTenant,
        Reason::OutOfScope,
        Reason::RoleNotAvailable,
        Reason::OutsideWindow,
        Reason::NotGranted,
        Reason::ApprovalRequired,
        Reason::InvalidAttribute,
    ];

    /// The stable code, e.g. `out_of_scope`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Granted => "granted",
            Reason::UnknownAction => "unknown_action",
            Reason::OtherTenant => "other_tenant",
            Reason::OutOfScope => "out_of_scope",
            Reason::RoleNotAvailable => "role_not_available",
            Reason::OutsideWindow => "outside_window",
            Reason::NotGranted => "not_granted",
            Reason::ApprovalRequired => "approval_required",
            Reason::InvalidAttribute => "invalid_attribute",
        }
    }

    /// The reason with code `code`, if there is one.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Written as its code, e.g. `"out_of_scope"`.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The answer to one check: `{ allowed, effect, code }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Whether the action is allowed (the effect is `allow`).
    pub allowed: bool,
    /// `allow`, `approval` (the subject may ask for it: see [`crate::Evaluation`] for what it
    /// needs) or `deny`.
    pub effect: Effect,
    /// Why.
    pub code: Reason,
}

impl Decision {
    /// The decision for `reason`: allowed exactly when it is [`Reason::Granted`].
    pub fn from_reason(reason: Reason) -> Self {
        Decision { allowed: reason == Reason::Granted, effect: Effect::of(reason), code: reason }
    }
}
