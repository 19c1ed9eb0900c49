//! The compiled engine: [`PolicyEngine`] (load once), [`Session`] (one subject), decisions,
//! explanations and queries.

pub(crate) mod approval;
pub(crate) mod compile;
mod decision;
pub(crate) mod explain;
mod fingerprint;
mod intern;
pub(crate) mod model;
pub(crate) mod permset;
mod plan;
pub(crate) mod query;
mod request;
pub(crate) mod resolve;
pub(crate) mod session;
mod snapshot;

pub use approval::{Approval, ApprovalTier, Effect, FastAttribute, FastCondition, FastRules, RuleRef, RuleSource};
pub(crate) use compile::compile;
pub use decision::{Decision, Reason};
pub use explain::{BlockedGrant, Explanation, ExplanationIn, Grant};
pub use plan::{Plan, Unless};
pub use query::{
    Cell, EffectivePermission, FeatureRef, KindInfo, Matrix, MatrixPermission, MatrixRole, ModuleInfo, PermissionInfo,
    RoleInfo,
};
pub(crate) use request::{parse, parse_from, parse_value, read_assignments, read_resource};
pub use request::{RequestCode, RequestError, RequestProblem, Resource, RoleAssignment, Scope, Subject};
pub(crate) use resolve::Standing;
pub(crate) use session::Verdict;
pub use session::{Evaluation, Session};

use crate::lang::Lang;
#[cfg(feature = "builtin-policies")]
use crate::policy::Builtin;
use crate::policy::{Policy, PolicyCode, PolicyError};
use crate::text::{unknown, Unknown};
use model::Model;
use std::sync::Arc;

/// A compiled policy, ready to decide. Cheap to clone (the compiled policy is shared).
///
/// ```
/// use rolegate::{Builtin, PolicyEngine, Subject};
///
/// let engine = PolicyEngine::builtin(Builtin::Mytrumpf)?;
/// let operator = Subject::new("acme", &["operator"]);
/// assert!(engine.can(&operator, "eshop.order.request", None)?);
/// assert!(!engine.can(&operator, "eshop.order.place", None)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct PolicyEngine {
    model: Arc<Model>,
}

impl PolicyEngine {
    /// Validates and compiles `policy`; `Err` lists every problem.
    pub fn new(policy: Policy) -> Result<Self, PolicyError> {
        let model = compile(policy).map_err(|problems| PolicyError { problems })?;
        Ok(PolicyEngine { model: Arc::new(model) })
    }

    /// Reads, validates and compiles a policy from JSON text. `Err` lists every problem: those of
    /// its shape and, when every one of them is a member no field has (it is left out, the rest
    /// reads as written), those of its meaning too.
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        PolicyEngine::from_read(Policy::read_json(json))
    }

    /// An engine from a read policy (see [`Policy::read_json`]): every problem, of the shape and,
    /// where what did read is the document as written, of the meaning.
    pub(crate) fn from_read(read: crate::policy::ReadPolicy) -> Result<Self, PolicyError> {
        match read {
            Ok(policy) => PolicyEngine::new(policy),
            Err((mut error, document)) => {
                if let Some(Err(problems)) = document.map(|policy| compile(*policy)) {
                    error.problems.extend(problems);
                }
                Err(error)
            }
        }
    }

    /// A built-in policy. (The built-ins are validated by the test suite; `Err` cannot happen in
    /// a tested build, but is reported rather than panicking.)
    #[cfg(feature = "builtin-policies")]
    pub fn builtin(builtin: Builtin) -> Result<Self, PolicyError> {
        PolicyEngine::from_json(builtin.source())
    }

    /// The compiled policy as bytes, for [`PolicyEngine::from_snapshot`]: loading those skips
    /// parsing and validating the document again. The bytes are an internal format, readable
    /// only by this same version of rolegate; keep the JSON as the policy's source.
    pub fn snapshot(&self) -> Vec<u8> {
        snapshot::encode(&self.model)
    }

    /// An engine from [`PolicyEngine::snapshot`]'s bytes. `Err` (code `invalid_snapshot`) when
    /// they are damaged or were written by another version of rolegate: every number in them is
    /// checked against the tables it indexes, so bad bytes never make a panicking engine.
    pub fn from_snapshot(bytes: &[u8]) -> Result<Self, PolicyError> {
        Self::from_model(snapshot::decode(bytes))
    }

    fn from_model(model: Result<Model, snapshot::SnapshotFault>) -> Result<Self, PolicyError> {
        let model = model.map_err(|fault| {
            let message = match fault {
                snapshot::SnapshotFault::Foreign => {
                    crate::messages::SNAPSHOT_FOREIGN.fill(&[&env!("CARGO_PKG_VERSION")])
                }
                snapshot::SnapshotFault::Damaged => crate::messages::SNAPSHOT_DAMAGED.label(),
            };
            PolicyError { problems: vec![crate::policy::PolicyProblem::new(PolicyCode::InvalidSnapshot, "$", message)] }
        })?;
        Ok(PolicyEngine { model: Arc::new(model) })
    }

    /// The policy document the engine was compiled from.
    pub fn policy(&self) -> &Policy {
        &self.model.doc
    }

    /// The policy's id.
    pub fn id(&self) -> &str {
        &self.model.doc.id
    }

    /// A stable hash of the normalized policy (SHA-256, 64 hex digits): equal on every platform
    /// for the same policy, different when anything but comments changes. Computed on each call
    /// (loading a policy does not pay for it); keep it if you ask often.
    pub fn fingerprint(&self) -> String {
        fingerprint::fingerprint(&self.model.doc)
    }

    /// Whether `action` is a permission of the policy.
    pub fn has_permission(&self, action: &str) -> bool {
        self.model.perms.get(action).is_some()
    }

    /// Compiles `subject` into a [`Session`] for repeated checks. Actions with an approval
    /// process are decided with the policy's default rules for the subject's tenant kind.
    pub fn session(&self, subject: &Subject) -> Result<Session, RequestError> {
        let resolved = self.model.resolve(subject)?;
        Ok(Session::new(Arc::clone(&self.model), subject.tenant.clone(), resolved))
    }

    /// [`PolicyEngine::session`] deciding with the tenant's own approval `rules` (as an
    /// organization snapshot's `approvalRules` holds them, checked within the policy's bounds)
    /// instead of the policy's defaults: for pages that have the tenant's rules but no snapshot.
    /// `Err` names every problem of the subject and of the rules (below `rules`).
    pub fn session_with_rules(
        &self,
        subject: &Subject,
        rules: &[crate::policy::ApprovalRule],
    ) -> Result<Session, RequestError> {
        let resolved = self.model.resolve(subject)?;
        let compiled =
            self.model.compile_tenant_rules(rules, resolved.kind, resolved.modules, "rules").map_err(|faults| {
                let problems = faults
                    .into_iter()
                    .map(|(fault, path, message)| {
                        let code = match fault {
                            approval::RuleFault::UnknownRole => RequestCode::UnknownRole,
                            _ => RequestCode::InvalidRule,
                        };
                        RequestProblem::new(code, path, message)
                    })
                    .collect();
                RequestError { problems }
            })?;
        let session = Session::new(Arc::clone(&self.model), subject.tenant.clone(), resolved);
        Ok(session.with_rules(approval::RuleSet::Own(compiled.into())))
    }

    /// Decides one check. `Err` only when the subject does not fit the policy (unknown role,
    /// kind, module or scope key); an unknown action is a denial with code `unknown_action`.
    pub fn decide(
        &self,
        subject: &Subject,
        action: &str,
        resource: Option<&Resource>,
    ) -> Result<Decision, RequestError> {
        if self.model.approvals.is_some() && self.model.perms.get(action).and_then(|a| self.model.governed(a)).is_some()
        {
            let evaluation = self.session(subject)?.evaluate(action, resource)?;
            return Ok(Decision::from_reason(evaluation.code));
        }
        // One pass, no allocation: resolve each assignment and feed it straight to the verdict.
        let checked = session::precheck(&self.model, &subject.tenant, action, resource);
        let mut verdict = session::Verdict::default();
        self.model.resolve_each(subject, |role, scope, standing, _| {
            if let Ok(action) = checked {
                verdict.consider(&self.model, action, role, scope, standing, resource);
            }
        })?;
        Ok(Decision::from_reason(checked.map_or_else(|reason| reason, |_| verdict.reason())))
    }

    /// The three-way decision (`allow`, `approval` with what it needs, `deny`) of one check, with
    /// the policy's default approval rules; see [`Session::evaluate`].
    pub fn evaluate(
        &self,
        subject: &Subject,
        action: &str,
        resource: Option<&Resource>,
    ) -> Result<Evaluation, RequestError> {
        self.session(subject)?.evaluate(action, resource)
    }

    /// Whether `subject` may do `action` on `resource`.
    pub fn can(&self, subject: &Subject, action: &str, resource: Option<&Resource>) -> Result<bool, RequestError> {
        self.decide(subject, action, resource).map(|d| d.allowed)
    }

    /// Which resources `subject` may do `action` on: [`Session::plan`] without compiling a
    /// session.
    pub fn plan(&self, subject: &Subject, action: &str) -> Result<Plan, RequestError> {
        let resolved = self.model.resolve(subject)?;
        Ok(plan::plan(&self.model, &approval::RuleSet::Defaults, &subject.tenant, &resolved, action))
    }

    /// Decides one check and explains it.
    pub fn explain(
        &self,
        subject: &Subject,
        action: &str,
        resource: Option<&Resource>,
    ) -> Result<Explanation, RequestError> {
        Ok(self.session(subject)?.explain(action, resource))
    }

    /// The tenant kinds.
    pub fn kinds(&self) -> Vec<KindInfo> {
        query::kinds(&self.model)
    }

    /// The roles available to `kind` (every role when `None`), in document order.
    pub fn roles(&self, kind: Option<&str>) -> Result<Vec<RoleInfo>, RequestError> {
        Ok(query::roles(&self.model, self.kind(kind)?))
    }

    /// Every permission, feature levels included, in display order.
    pub fn permissions(&self) -> Vec<PermissionInfo> {
        query::permissions(&self.model)
    }

    /// The role × permission matrix for `kind` (every role when `None`), labelled in `lang`.
    pub fn matrix(&self, kind: Option<&str>, lang: Lang) -> Result<Matrix, RequestError> {
        Ok(query::matrix(&self.model, self.kind(kind)?, lang))
    }

    pub(crate) fn model(&self) -> &Model {
        &self.model
    }

    fn kind(&self, kind: Option<&str>) -> Result<Option<u32>, RequestError> {
        let Some(kind) = kind else { return Ok(None) };
        match self.model.kinds.get(kind) {
            Some(k) => Ok(Some(k)),
            None => {
                let message = unknown(Unknown::TenantKind, kind, self.model.kinds.names());
                Err(RequestError::single(RequestCode::UnknownTenantKind, "kind", message))
            }
        }
    }
}
