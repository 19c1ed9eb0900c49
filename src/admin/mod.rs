//! Administration: an organization's members, invitations, approvals, role assignments with
//! scopes, and roles of its own, as checked, explainable transitions.
//!
//! [`PolicyEngine::apply`] is a pure function of the policy, an [`Organization`] snapshot, the
//! actor, an [`Operation`] and the time: it returns a new organization, or every [`Violation`]
//! with a code and a message in English and German. The queries ([`PolicyEngine::admins`],
//! [`PolicyEngine::who_can`], [`PolicyEngine::my_data`]) and the organization linter
//! ([`PolicyEngine::lint_org`]) take the same snapshot. Which permission each operation needs is
//! the policy's `administration` section.

mod apply;
mod handle;
mod lint;
mod operation;
mod org;
mod queries;
mod request;
mod tenant;

pub use handle::OrganizationHandle;
pub use lint::{OrgLintCode, PENDING_DAYS};
pub use operation::{NewUser, Operation};
pub use org::{
    CustomRole, Invitation, InvitedBy, Member, MemberStatus, Organization, TenantInvitation, TenantInvitationStatus,
};
pub use queries::{Customer, CustomerStatus, MemberRef, MyData};
pub use request::{ApprovalRequest, RequestStatus, RequestTier, Step, TIER_ROLE};

use crate::engine::resolve::Resolved;
use crate::lang::Lang;
use crate::lint::Finding;
use crate::problem::{codes, Problem};
use crate::{PolicyEngine, RequestError, Resource, Session, Subject};
use std::fmt;
use std::sync::Arc;
use tenant::Tenant;

codes! {
    /// The code of a violation: why an operation is refused or a snapshot does not fit the policy.
    pub enum AdminCode {
        /// The policy has no `administration` section.
        NotConfigured = "not_configured",
        /// The actor lacks the operation's permission, is not active, or is not the invitee.
        NotPermitted = "not_permitted",
        /// The actor or the target is not a member of this tenant.
        OtherTenant = "other_tenant",
        /// A role is neither the policy's nor the tenant's own.
        UnknownRole = "unknown_role",
        /// A role is not available to the tenant's kind or modules.
        RoleNotAvailable = "role_not_available",
        /// A deprecated role would be assigned anew.
        DeprecatedRole = "deprecated_role",
        /// The operation would leave the tenant without an active administrator.
        LastAdmin = "last_admin",
        /// An administrator would delete their own account.
        SelfRemoval = "self_removal",
        /// An administrator would remove the administrator role from themselves.
        SelfDemotion = "self_demotion",
        /// A scope names an attribute that is not a scope key of the policy.
        UnknownScopeKey = "unknown_scope_key",
        /// A scope value is empty.
        EmptyScopeValue = "empty_scope_value",
        /// A role of the tenant's own grants an unknown permission.
        UnknownPermission = "unknown_permission",
        /// A role of the tenant's own has an invalid id or an empty label.
        InvalidRole = "invalid_role",
        /// A role of the tenant's own would take an id that is taken (by the policy or the tenant).
        RoleIdTaken = "role_id_taken",
        /// A role of the tenant's own would grant more than its kind allows.
        CustomRoleExceedsKind = "custom_role_exceeds_kind",
        /// A role of the tenant's own is still assigned.
        RoleInUse = "role_in_use",
        /// Two members share an e-mail address, or the invitee has an open invitation already.
        DuplicateEmail = "duplicate_email",
        /// Two members share an id.
        DuplicateMember = "duplicate_member",
        /// An e-mail address is not one.
        InvalidEmail = "invalid_email",
        /// A time is not RFC 3339.
        InvalidTime = "invalid_time",
        /// A member's or an invitation's role assignment has a window (`from`, `until`):
        /// administration does not decide with windows yet, so a snapshot or operation may not
        /// hold one (subjects may).
        TimedAssignment = "timed_assignment",
        /// There is no such invitation.
        UnknownInvitation = "unknown_invitation",
        /// The invitation expired.
        InvitationExpired = "invitation_expired",
        /// The invitation was used already.
        InvitationUsed = "invitation_used",
        /// The member to approve is not pending.
        NotPending = "not_pending",
        /// `createTenant` on a tenant that has members, roles or invitations.
        TenantExists = "tenant_exists",
        /// The tenant kind has no default role, and the invitation names none.
        NoDefaultRole = "no_default_role",
        /// The tenant kind has no administrator role for a new tenant's first user.
        NoAdminRole = "no_admin_role",
        /// The tenant kind is not one of the policy.
        UnknownTenantKind = "unknown_tenant_kind",
        /// A module is not one the tenant kind offers.
        UnknownModule = "unknown_module",
        /// The organization has more members or invitations than [`crate::limits::MAX_MEMBERS`].
        LimitExceeded = "limit_exceeded",
        /// The policy names no tenant kind that may invite another (`tenantInvitations`).
        OnboardingNotConfigured = "onboarding_not_configured",
        /// The inviting tenant's kind may not invite companies.
        KindMayNotInvite = "kind_may_not_invite",
        /// The inviting tenant's kind may not invite companies of this kind.
        KindNotInvitable = "kind_not_invitable",
        /// The invitation was revoked.
        InvitationRevoked = "invitation_revoked",
        /// A name (of a company or a person) is empty.
        EmptyName = "empty_name",
        /// A tenant id is not one, or is taken (the inviter's own, or invited already).
        InvalidTenant = "invalid_tenant",
        /// Two company invitations share an id.
        DuplicateInvitation = "duplicate_invitation",
        /// The policy has no `manageApprovals` permission (for `setApprovalRules`).
        ApprovalsNotConfigured = "approvals_not_configured",
        /// An approval rule governs an action without an approval process.
        NotGoverned = "not_governed",
        /// An approval rule's condition names an attribute the policy does not declare.
        UnknownAttribute = "unknown_attribute",
        /// A condition's bound does not fit its attribute, it has no bound, mixes currencies, or
        /// the rule can never apply.
        InvalidCondition = "invalid_condition",
        /// An approval rule has no tiers, an empty tier, or more tiers than the policy allows.
        InvalidTiers = "invalid_tiers",
        /// A tier names a role the policy does not let approve in a tenant's rules, or one that
        /// cannot approve.
        ApproverNotAllowed = "approver_not_allowed",
        /// More approval rules than the policy allows, or a rule of the tenant naming kinds.
        TooManyRules = "too_many_rules",
        /// An approval rule has an invalid id, or two share one.
        InvalidRule = "invalid_rule",
        /// The action needs no approval: the requester may do it directly.
        ApprovalNotRequired = "approval_not_required",
        /// A resource's typed attribute does not read, or is in a currency no rule names.
        InvalidAttribute = "invalid_attribute",
        /// The request is approved, rejected, cancelled or expired already.
        RequestClosed = "request_closed",
        /// The request's time ran out: it can only expire.
        RequestExpired = "request_expired",
        /// The request has not expired yet.
        NotExpired = "not_expired",
        /// The requester would approve or reject their own request (four-eyes).
        OwnRequest = "own_request",
        /// The member approved another tier of this request already (four-eyes).
        AlreadyApproved = "already_approved",
        /// The member holds none of the current tier's roles in a scope covering the request, or
        /// cannot approve its action.
        NotEligible = "not_eligible",
        /// Only the requester cancels a request.
        NotRequester = "not_requester",
        /// A rejection needs a reason.
        EmptyReason = "empty_reason",
        /// The request document does not fit the policy or the organization.
        InvalidRequest = "invalid_request",
    }
}

/// What an accepted operation gives: the organization it was applied to, changed, and for
/// `acceptTenantInvitation` the new tenant's snapshot. Nothing is applied unless both are kept.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// The organization the operation was applied to, as it is now.
    pub org: Organization,
    /// The tenant the operation created (`acceptTenantInvitation`), with its first member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Organization>,
}

/// One reason an operation is refused (or a snapshot does not fit): code, path, en/de message.
pub type Violation = Problem<AdminCode>;

/// An organization snapshot that does not fit the policy, with every problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgError {
    /// Every problem; never empty.
    pub problems: Vec<Violation>,
}

impl OrgError {
    /// The stable code of this error, as thrown to JavaScript: `invalid_org`.
    pub const CODE: &'static str = "invalid_org";

    /// The problems as one line each, in `lang`: `path: message`.
    pub fn summary(&self, lang: Lang) -> String {
        crate::problem::lines(&self.problems, lang)
    }
}

impl fmt::Display for OrgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary(Lang::En))
    }
}

impl std::error::Error for OrgError {}

/// Why a question about an organization (`who_can`) has no answer: the snapshot does not fit the
/// policy, or the question does not (an action the policy does not have).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// The organization snapshot does not fit the policy.
    Org(OrgError),
    /// The question does not fit the policy (code `invalid_request`, e.g. `unknown_action`).
    Request(RequestError),
}

impl From<OrgError> for QueryError {
    fn from(e: OrgError) -> Self {
        QueryError::Org(e)
    }
}

impl From<RequestError> for QueryError {
    fn from(e: RequestError) -> Self {
        QueryError::Request(e)
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Org(e) => e.fmt(f),
            QueryError::Request(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for QueryError {}

impl PolicyEngine {
    fn tenant<'o>(&'o self, org: &'o Organization) -> Result<Tenant<'o>, OrgError> {
        Tenant::new(self.model(), org).map_err(|problems| OrgError { problems })
    }

    /// Applies `op` by `actor` (a member id; for `acceptInvitation` and `acceptTenantInvitation`
    /// the invitee's e-mail address, for `createTenant` the first user's id) to `org` at `now`
    /// (RFC 3339). Returns the new organization (and, for `acceptTenantInvitation`, the new
    /// tenant's), or every violation; `org` is never changed.
    pub fn apply(&self, org: &Organization, actor: &str, op: &Operation, now: &str) -> Result<Applied, Vec<Violation>> {
        apply::apply(self.model(), org, actor, op, now)
    }

    /// The companies `org` invited to become tenants (onboarding), each with its status at `now`
    /// (RFC 3339; without it, an open invitation counts as invited even when past its expiry).
    pub fn customers(&self, org: &Organization, now: Option<&str>) -> Result<Vec<Customer>, OrgError> {
        let now = check_now(now)?;
        Ok(queries::customers(&self.tenant(org)?, now))
    }

    /// The tenant that invited `org` (its service provider), when it was onboarded by invitation.
    pub fn invited_by(&self, org: &Organization) -> Result<Option<InvitedBy>, OrgError> {
        Ok(self.tenant(org)?.org.invited_by.clone())
    }

    /// The active administrators of `org`, visible to every member.
    pub fn admins(&self, org: &Organization) -> Result<Vec<MemberRef>, OrgError> {
        Ok(queries::admins(&self.tenant(org)?))
    }

    /// The active members of `org` who may do `action` on `resource`, each with the assignments
    /// that grant it: whom to ask. Without a resource, "on nothing in particular": only
    /// tenant-wide assignments count (see [`PolicyEngine::who_can_anywhere`] for the others).
    /// An action the policy does not have is an error (`unknown_action`, with a suggestion).
    pub fn who_can(
        &self,
        org: &Organization,
        action: &str,
        resource: Option<&Resource>,
    ) -> Result<Vec<MemberRef>, QueryError> {
        Ok(queries::who_can(&self.tenant(org)?, action, queries::Reach::On(resource))?)
    }

    /// The active members of `org` who may do `action` somewhere: each with every assignment
    /// that grants it within its own scope (a scoped one with its scope, a tenant-wide one as
    /// it is). An action the policy does not have is an error, as for [`PolicyEngine::who_can`].
    pub fn who_can_anywhere(&self, org: &Organization, action: &str) -> Result<Vec<MemberRef>, QueryError> {
        Ok(queries::who_can(&self.tenant(org)?, action, queries::Reach::Anywhere)?)
    }

    /// Member `member`'s "My data": roles, effective permissions and the administrators.
    pub fn my_data(&self, org: &Organization, member: &str) -> Result<MyData, OrgError> {
        my_data_of(&self.tenant(org)?, member)
    }

    /// A session for member `member` of `org`, counting the tenant's own roles. Only an active
    /// member has one: an invited or pending member is refused (`not_permitted`), so nothing is
    /// allowed before an administrator approved them.
    pub fn member_session(&self, org: &Organization, member: &str) -> Result<Session, OrgError> {
        let tenant = self.tenant(org)?;
        let (subject, resolved) = member_subject(&tenant, member)?;
        let rules = tenant.rules.clone();
        Ok(Session::new(Arc::new(tenant.model.into_owned()), subject.tenant, resolved).with_rules(rules))
    }

    /// Lints `org`: errors first. With `now` (RFC 3339), also members pending too long and expired
    /// invitations.
    pub fn lint_org(&self, org: &Organization, now: Option<&str>) -> Result<Vec<Finding<OrgLintCode>>, OrgError> {
        let now = check_now(now)?;
        Ok(lint::lint(&self.tenant(org)?, now))
    }
}

/// The RFC 3339 text (UTC, whole seconds, e.g. `2026-11-22T12:00:00Z`) of `unix_seconds`: for
/// callers that read the clock, as [`PolicyEngine::apply`] never does.
pub fn rfc3339(unix_seconds: i64) -> String {
    crate::time::format(unix_seconds)
}

/// `now` (RFC 3339) of a query, as Unix seconds; a time that is none is refused at `now`.
fn check_now(now: Option<&str>) -> Result<Option<i64>, OrgError> {
    let mut problems = Vec::new();
    let now = now.and_then(|n| tenant::check_time(n, "now", &mut problems));
    if problems.is_empty() {
        Ok(now)
    } else {
        Err(OrgError { problems })
    }
}

/// Member `member`'s "My data" in `tenant`.
fn my_data_of(tenant: &Tenant, member: &str) -> Result<MyData, OrgError> {
    queries::my_data(tenant, member).ok_or_else(|| not_a_member(tenant.org, member))
}

/// The subject and resolved assignments of the active member `member` of `tenant`, for a session
/// over `tenant.model`.
fn member_subject(tenant: &Tenant, member: &str) -> Result<(Subject, Resolved), OrgError> {
    let org = tenant.org;
    let m = org.member(member).ok_or_else(|| not_a_member(org, member))?;
    if m.status != MemberStatus::Active {
        let message = crate::messages::NOT_ACTIVE_MEMBER.fill(&[&m.who(), &m.status.label()]);
        return Err(OrgError { problems: vec![Violation::new(AdminCode::NotPermitted, "member", message)] });
    }
    let subject = tenant.subject(m);
    let resolved = tenant.model.resolve(&subject).map_err(|_| not_a_member(org, member))?;
    Ok((subject, resolved))
}

fn not_a_member(org: &Organization, member: &str) -> OrgError {
    let message = crate::messages::NOT_A_MEMBER.fill(&[&member, &org.tenant]);
    OrgError { problems: vec![Violation::new(AdminCode::OtherTenant, "member", message)] }
}
