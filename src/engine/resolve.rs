//! Resolving a [`Subject`] against a [`Model`]: every id looked up once, every problem reported.

use super::model::{bit, Model};
use super::request::{RequestCode, RequestError, RequestProblem, Resource, RoleAssignment, Scope, Subject};
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
    /// The instant decided at (Unix seconds), when the subject gave one.
    pub at: Option<i64>,
    /// The earliest `from` or `until` after `at`: until then the answers hold.
    pub valid_until: Option<i64>,
}

/// When an assignment counts: from `from` (included) until `until` (excluded), Unix seconds;
/// `None` is open on that side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Window {
    pub from: Option<i64>,
    pub until: Option<i64>,
}

impl Window {
    /// Whether the window has a bound at all.
    pub fn is_timed(self) -> bool {
        self.from.is_some() || self.until.is_some()
    }

    /// Whether `at` is inside; an untimed window holds at every instant, asked or not.
    pub fn holds(self, at: Option<i64>) -> bool {
        match at {
            Some(at) => self.from.is_none_or(|f| f <= at) && self.until.is_none_or(|u| at < u),
            None => !self.is_timed(),
        }
    }

    /// The first bound strictly after `at`.
    pub fn next_change(self, at: i64) -> Option<i64> {
        [self.from, self.until].into_iter().flatten().filter(|&t| t > at).min()
    }
}

/// Whether an assignment counts at the instant decided at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    /// It counts.
    Counts,
    /// Its role is not available to the subject's tenant kind or modules.
    Unavailable,
    /// The instant is outside its window.
    OutsideWindow,
}

/// One role assignment, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Assigned {
    pub role: u32,
    /// `None` for tenant-wide (an empty scope is tenant-wide too).
    pub scope: Option<Scope>,
    /// Whether the assignment counts: its role is available to the subject's kind and modules,
    /// and the instant is inside its window ([`Assigned::standing`] says which is not).
    pub available: bool,
    /// When it counts.
    pub window: Window,
    /// Whether the instant is outside the window.
    pub outside: bool,
}

impl Assigned {
    /// Whether the assignment counts, and why not.
    pub fn standing(&self) -> Standing {
        if self.available {
            Standing::Counts
        } else if self.outside {
            Standing::OutsideWindow
        } else {
            Standing::Unavailable
        }
    }
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
        let mut valid_until: Option<i64> = None;
        let (kind, modules) = self.resolve_each(subject, |role, scope, standing, window| {
            if let Some(next) = subject.at.filter(|_| crate::time::WINDOWS).and_then(|at| window.next_change(at)) {
                valid_until = Some(valid_until.map_or(next, |v| v.min(next)));
            }
            let (available, outside) = (standing == Standing::Counts, standing == Standing::OutsideWindow);
            assignments.push(Assigned { role, scope: scope.cloned(), available, window, outside });
        })?;
        Ok(Resolved { kind, modules, assignments, at: subject.at, valid_until })
    }

    /// Resolves `subject` without allocating: calls `each(role, scope, standing, window)` for
    /// every assignment whose role exists (an empty scope is passed as `None`) and returns the
    /// kind and module mask. When this returns `Err`, whatever `each` saw must be discarded.
    pub(crate) fn resolve_each(
        &self,
        subject: &Subject,
        mut each: impl FnMut(u32, Option<&Scope>, Standing, Window),
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
                let path = if a.scope.is_some() || a.is_timed() {
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
            let window = match (a.is_timed(), crate::time::WINDOWS) {
                (false, _) => Window::default(),
                (true, true) => read_window(a, i, subject.at, &mut push),
                (true, false) => {
                    let here = path::index("subject.roles", i);
                    push(RequestCode::NotInBuild, here, msg::WINDOWS_NOT_IN_BUILD.label());
                    Window::default()
                }
            };
            if let (Some(role), Some(kind)) = (role, kind) {
                let standing = if crate::time::WINDOWS && !window.holds(subject.at) {
                    Standing::OutsideWindow
                } else if self.role_available(role, kind, modules) {
                    Standing::Counts
                } else {
                    Standing::Unavailable
                };
                each(role, scope, standing, window);
            }
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok((kind, modules)),
            _ => Err(RequestError { problems }),
        }
    }
}

/// The window of assignment `i` (`from`, `until`), every problem with it pushed: a time that
/// is not RFC 3339, an `until` not after `from`, or no instant to decide at.
fn read_window(
    a: &RoleAssignment,
    i: usize,
    at: Option<i64>,
    push: &mut impl FnMut(RequestCode, String, Label),
) -> Window {
    let here = path::index("subject.roles", i);
    let mut bound = |name: &str, text: &Option<String>| {
        let text = text.as_deref()?;
        let seconds = crate::time::parse(text);
        if seconds.is_none() {
            push(RequestCode::InvalidTime, path::key(&here, name), msg::INVALID_TIME.fill(&[&text]));
        }
        seconds
    };
    let window = Window { from: bound("from", &a.from), until: bound("until", &a.until) };
    if let (Some(from), Some(until)) = (window.from, window.until) {
        if until <= from {
            push(RequestCode::EmptyWindow, path::key(&here, "until"), msg::EMPTY_WINDOW.label());
        }
    }
    // The wasm boundary always gives an instant (the caller's or the current time); without
    // one the window holds at no instant (`Window::holds`), so the assignment never counts.
    if at.is_none() && !cfg!(all(target_arch = "wasm32", target_os = "unknown")) {
        push(RequestCode::MissingTime, here, msg::MISSING_TIME.label());
    }
    window
}

fn too_long(len: usize) -> Label {
    msg::VALUE_TOO_LONG.fill(&[&path::decimal(len), &path::decimal(limits::MAX_VALUE_LEN)])
}
