//! # rolegate
//!
//! A role and permission engine for B2B portals. A policy (JSON) declares tenant kinds,
//! permissions with implications, features with `read` < `manage` levels, and roles. The
//! [`PolicyEngine`] compiles it once; then each decision is deny-by-default, explained in English
//! and German, and identical wherever the crate runs (natively, or as the wasm module of the npm
//! package).
//!
//! ```
//! use rolegate::{Builtin, Lang, PolicyEngine, Resource, RoleAssignment, Subject};
//!
//! let engine = PolicyEngine::builtin(Builtin::Mytrumpf)?;
//! let mut anna = Subject::new("acme", &["purchaser"]);
//! anna.roles.push(RoleAssignment::scoped("operator", &[("facility", "f1")]));
//! let session = engine.session(&anna)?;
//!
//! assert!(session.can("eshop.order.place", None));
//! let why = session.explain("eshop.order.request", None);
//! assert_eq!(why.granted_by[0].via, ["eshop.order.place", "eshop.order.request"]);
//! assert_eq!(
//!     why.message.get(Lang::De),
//!     "Erlaubt: Die Rolle „Einkäufer“ gewährt „Bestellen“, das „Bestellanforderungen erstellen“ einschließt."
//! );
//! // The operator role counts only inside facility f1.
//! assert!(session.can("service.case.manage", Some(&Resource::new(&[("facility", "f1")]))));
//! assert!(!session.can("service.case.manage", Some(&Resource::new(&[("facility", "f2")]))));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate's core never depends on wasm-bindgen; the JavaScript boundary lives in its own
//! module. See `ARCHITECTURE.md` for the codemap and invariants.

#![warn(missing_docs)]

pub mod admin;
mod engine;
pub mod lang;
pub mod limits;
pub mod lint;
mod messages;
pub mod money;
mod path;
pub mod policy;
pub mod problem;
mod read;
#[cfg(feature = "schema")]
pub mod schema;
pub mod text;
mod time;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod wasm;

pub use admin::{AdminCode, Applied, Operation, OrgError, Organization, QueryError, Violation};
pub use engine::{
    Approval, ApprovalTier, BlockedGrant, Cell, Decision, Effect, EffectivePermission, Evaluation, Explanation,
    ExplanationIn, FastAttribute, FastCondition, FastRules, FeatureRef, Grant, KindInfo, Matrix, MatrixPermission,
    MatrixRole, ModuleInfo, PermissionInfo, Plan, PolicyEngine, Reason, RequestCode, RequestError, RequestProblem,
    Resource, RoleAssignment, RoleInfo, RuleRef, RuleSource, Scope, Session, Subject, Unless,
};
pub use lang::{Label, Lang};
pub use lint::{Finding, FindingIn, LintCode, Severity};
pub use policy::{Builtin, Policy, PolicyCode, PolicyError, PolicyProblem, UnknownBuiltin};
pub use problem::{Code, LocalizedProblem, Problem, ProblemIn};
pub use read::MAX_DEPTH;

/// The Unix seconds of an RFC 3339 time (`2026-12-14T08:00:00Z`, `2026-12-14T09:00:00.5+01:00`;
/// fractions of a second dropped), as [`Subject::at`] takes them; `None` when `text` is not one.
pub fn unix_seconds(text: &str) -> Option<i64> {
    time::parse(text)
}

/// The README's Rust examples, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
