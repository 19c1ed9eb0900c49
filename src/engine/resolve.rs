//! Resolving a [`Subject`] against a [`Model`]: every id looked up once, every problem reported.

use super::model::{bit, Model};
use super::request::{RequestCode, RequestError, RequestProblem, Resource, Scope, Subject};
use crate::lang::Label;
use crate::limits;
use crate::messages as msg;
use crate::path;
use crate::text::{did_you_mean, suggest, unknown, Unknown};

/// A subject whose ids all exist in the policy.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub kind: u32,
    pub modules: u64,
    pub assignments: Vec<Assigned>,
}

/// One role assignment, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Assigned {
    pub role: u32,
    /// `None` for tenant-wide (an empty scope is tenant-wide too).
    pub scope: Option<Scope>,
    /// Whether the role is available to the subject's kind and modules.
    pub available: bool,
}

impl Assigned {
    /// Whether this assignment covers `resource`; see [`covers`].
    #[inline]
    pub fn covers(&self, resource: Option<&Resource>) -> bool {
        covers(self.scope.as_ref(), resource)
    }
}

/// Whether an assignment with `scope` covers `resource`: tenant-wide ones (`None`) cover
/// everything; scoped ones cover a resource that carries every scope attribute with the same value.
#[inline]
pub(crate) fn covers(scope: Option<&Scope>, resource: Option<&Resource>) -> bool {
    match scope {
        None => true,
        Some(scope) => resource.is_some_and(|r| scope.iter().all(|(k, v)| r.attributes.get(k) == Some(v))),
    }
}

impl Model {
    /// Resolves `subject`; `Err` lists every id that is not in the policy and every limit exceeded.
    pub(crate) fn resolve(&self, subject: &Subject) -> Result<Resolved, RequestError> {
        let mut assignments = Vec::with_capacity(subject.roles.len());
        let (kind, modules) = self.resolve_each(subject, |role, scope, available| {
            assignments.push(Assigned { role, scope: scope.cloned(), available });
        })?;
        Ok(Resolved { kind, modules, assignments })
    }

    /// Resolves `subject` without allocating: calls `each(role, scope, available)` for every
    /// assignment whose role exists (an empty scope is passed as `None`) and returns the kind
    /// and module mask. When this returns `Err`, whatever `each` saw must be discarded.
    pub(crate) fn resolve_each(
        &self,
        subject: &Subject,
        mut each: impl FnMut(u32, Option<&Scope>, bool),
    ) -> Result<(u32, u64), RequestError> {
        let mut problems: Vec<RequestProblem> = Vec::new();
        let mut push = |code, path: String, message| problems.push(RequestProblem::new(code, path, message));

        if subject.tenant.is_empty() {
            push(RequestCode::EmptyTenant, "subject.tenant".into(), msg::EMPTY_TENANT.label());
        }
        for (path, value) in [("subject.tenant", &subject.tenant), ("subject.id", &subject.id)] {
            if value.len() > limits::MAX_VALUE_LEN {
                push(RequestCode::LimitExceeded, path.into(), too_long(value.len()));
            }
        }
        let kind = match &subject.tenant_kind {
            Some(k) => {
                let found = self.kinds.get(k);
                if found.is_none() {
                    push(
                        RequestCode::UnknownTenantKind,
                        "subject.tenantKind".into(),
                        unknown(Unknown::TenantKind, k, self.kinds.names()),
                    );
                }
                found
            }
            None if self.kinds.len() == 1 => Some(0),
            None => {
                let kinds = self.kinds.names().collect::<Vec<_>>().join("', '");
                push(RequestCode::MissingTenantKind, "subject.tenantKind".into(), msg::MISSING_KIND.fill(&[&kinds]));
                None
            }
        };
        let offered = kind.map_or(0, |k| self.kind_info[k as usize].modules);
        let mut modules = 0u64;
        for (i, m) in subject.modules.iter().enumerate() {
            match self.modules.get(m).filter(|&n| offered & bit(n) != 0) {
                Some(n) => modules |= bit(n),
                None if kind.is_some() => {
                    let kind_id = self.kinds.name(kind.unwrap_or(0));
                    let names = self.module_ids(offered);
                    let hint = did_you_mean(suggest(m, names.iter().map(String::as_str)));
                    let message = msg::KIND_OFFERS_NO_MODULE.fill(&[&kind_id, m, &hint]);
                    push(RequestCode::UnknownModule, path::index("subject.modules", i), message);
                }
                None => {} // the kind itself is wrong; that is reported already
            }
        }
        if subject.roles.len() > limits::MAX_ASSIGNMENTS {
            let message = msg::TOO_MANY_ASSIGNMENTS
                .fill(&[&path::decimal(subject.roles.len()), &path::decimal(limits::MAX_ASSIGNMENTS)]);
            push(RequestCode::LimitExceeded, "subject.roles".into(), message);
            return Err(RequestError { problems });
        }
        for (i, a) in subject.roles.iter().enumerate() {
            let role = self.roles.get(&a.role);
            if role.is_none() {
                let path = if a.scope.is_some() {
                    path::key(&path::index("subject.roles", i), "role")
                } else {
                    path::index("subject.roles", i)
                };
                push(RequestCode::UnknownRole, path, unknown(Unknown::Role, &a.role, self.roles.names()));
            }
            let scope = a.scope.as_ref().filter(|s| !s.is_empty());
            if let Some(scope) = scope {
                if scope.len() > limits::MAX_SCOPE_ATTRIBUTES {
                    let message = msg::TOO_MANY_SCOPE_ATTRIBUTES
                        .fill(&[&path::decimal(scope.len()), &path::decimal(limits::MAX_SCOPE_ATTRIBUTES)]);
                    push(RequestCode::LimitExceeded, path::key(&path::index("subject.roles", i), "scope"), message);
                }
                for (key, value) in scope {
                    let path = || path::key(&path::key(&path::index("subject.roles", i), "scope"), key);
                    if self.scope_keys.get(key).is_none() {
                        let keys = self.scope_keys.names().collect::<Vec<_>>().join("', '");
                        let hint = did_you_mean(suggest(key, self.scope_keys.names()));
                        push(RequestCode::UnknownScopeKey, path(), msg::UNKNOWN_SCOPE_KEY.fill(&[key, &keys, &hint]));
                    } else if value.is_empty() {
                        push(RequestCode::EmptyScopeValue, path(), msg::EMPTY_SCOPE_VALUE.label());
                    } else if value.len() > limits::MAX_VALUE_LEN {
                        push(RequestCode::LimitExceeded, path(), too_long(value.len()));
                    }
                }
            }
            if let (Some(role), Some(kind)) = (role, kind) {
                each(role, scope, self.role_available(role, kind, modules));
            }
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok((kind, modules)),
            _ => Err(RequestError { problems }),
        }
    }
}

fn too_long(len: usize) -> Label {
    msg::VALUE_TOO_LONG.fill(&[&path::decimal(len), &path::decimal(limits::MAX_VALUE_LEN)])
}
