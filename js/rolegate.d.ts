// Types of the rolegate package. Checked by `tsc --strict --noEmit` against tests/js/types/usage.ts.

/** A language of the product: every label and message exists in both. */
export type Lang = 'en' | 'de';

/**
 * The ids a policy declares, as types: an engine typed with them (`PolicyEngine.builtin`, or
 * `new PolicyEngine<Ids>(policy)` with a file `rolegate types --policy FILE` writes) refuses a
 * misspelt action at compile time. Untyped, every id is a `string`. Subjects stay untyped (their
 * roles come from data); the ids are there for code of your own (`MytrumpfIds['role']`).
 */
export interface PolicyIds {
  permission: string;
  role: string;
  kind: string;
  module: string;
  scope: string;
  attribute: string;
}

/** The ids of each built-in policy. */
export interface BuiltinIds {
  mytrumpf: MytrumpfIds;
  platform: PlatformIds;
}

/** A text in English and German. */
export interface Label {
  en: string;
  de: string;
}

/** Scope attributes, e.g. `{ facility: 'f1' }`. */
export type Scope = Record<string, string>;

/**
 * One role held by a subject: a role id (tenant-wide, always) or a role limited to a scope and/or
 * a window of time: it counts from `from` (RFC 3339, included) until `until` (excluded). An
 * organization snapshot's assignments cannot have a window yet (`timed_assignment`).
 */
export type RoleAssignment = string | { role: string; scope?: Scope | null; from?: string | null; until?: string | null };

/** Who asks. `tenantKind` may be left out when the policy has a single tenant kind. */
export interface Subject {
  id?: string;
  tenant: string;
  tenantKind?: string | null;
  modules?: string[];
  roles: RoleAssignment[];
}

/**
 * What an action is done on: its tenant (the subject's own when left out), scope attributes and
 * typed attributes (money as `"12000.00 EUR"`; a whole number as a number or decimal text).
 */
export interface Resource {
  tenant?: string;
  [attribute: string]: string | number | undefined;
}

/**
 * Why a decision came out as it did; only `granted` allows. `no_policy`: the engine has no policy
 * (`PolicyEngine.load` failed closed, or `PolicyEngine.unavailable`).
 */
export type ReasonCode =
  | 'granted'
  | 'unknown_action'
  | 'other_tenant'
  | 'out_of_scope'
  | 'role_not_available'
  | 'outside_window'
  | 'not_granted'
  | 'approval_required'
  | 'invalid_attribute'
  | 'no_policy';

/** `allow` (do it), `approval` (ask for it: it needs the tiers of `approval`) or `deny`. */
export type Effect = 'allow' | 'approval' | 'deny';

/** A rule that applies to a request: a policy's default, the tenant's own, or the built-in release procedure. */
export interface RuleRef {
  id: string;
  source: 'policy' | 'tenant' | 'builtin';
}

/** What asking for an action needs: the rules that apply, and their tiers in order (one member holding one of `roles` approves each). */
export interface Approval {
  rules: RuleRef[];
  tiers: { rule: string; roles: string[] }[];
}

/** The three-way decision: `allowed` exactly when `effect` is `allow`. */
export interface Decision {
  allowed: boolean;
  effect: Effect;
  code: ReasonCode | 'no_session';
  /** When `effect` is `approval`. */
  approval?: Approval;
}

/** A bound of a condition: money text (`"5000.00 EUR"`) or a whole number. */
export type Threshold = string | number;

/** A condition on one typed attribute: `over` (>), `atLeast` (≥), `below` (<), `upTo` (≤). */
export interface Condition {
  over?: Threshold;
  atLeast?: Threshold;
  below?: Threshold;
  upTo?: Threshold;
}

/** An approval rule (of the policy's `approvals.rules`, or a tenant's `approvalRules`). */
export interface ApprovalRule {
  id: string;
  action: string;
  /** A sentence shown in explanations instead of the generated one. */
  label?: Label;
  /** Conditions by attribute, all of which must hold; left out, the rule always applies. */
  when?: Record<string, Condition>;
  /** The requesters' roles it applies to; left out, everyone. */
  requesters?: string[];
  /** The tiers, in order: each approved by one member holding one of its roles. */
  tiers: string[][];
  /** (Policy rules only.) The tenant kinds it is a default for. */
  kinds?: string[];
  comment?: string | string[];
}

/** Where a request stands. */
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';

/** A request for an action that needs approval: the caller stores it, each step returns the next version. */
export interface ApprovalRequest {
  id: string;
  action: string;
  requester: string;
  resource?: Resource;
  submittedAt: string;
  expiresAt: string;
  status: RequestStatus;
  rules: RuleRef[];
  tiers: { rule: string; roles: string[]; approvedBy?: string; approvedAt?: string }[];
  closedBy?: string;
  closedAt?: string;
  reason?: string;
}

/** A step of a request's life. */
export type Step = { step: 'approve' } | { step: 'reject'; reason: string } | { step: 'cancel' } | { step: 'expire' };

/** What `submit` and `step` return. */
export type RequestResult = { ok: true; request: ApprovalRequest } | { ok: false; violations: Violation[] };

/** An assignment that grants (or would grant) an action, and through which implication chain. */
export interface Grant {
  role: string;
  scope?: Scope;
  /** The assignment's window (RFC 3339, UTC), when it has one. */
  from?: string;
  until?: string;
  /** The role's direct grant first, the action last. */
  via: string[];
}

/** An assignment that would grant the action but does not count here. */
export interface BlockedGrant extends Grant {
  reason: 'out_of_scope' | 'outside_window' | 'role_not_available';
}

/** A decision with everything that led to it. */
export interface Explanation {
  allowed: boolean;
  effect: Effect;
  code: ReasonCode;
  action: string;
  /** When `effect` is `approval`: the rules that apply and their tiers. */
  approval?: Approval;
  grantedBy: Grant[];
  blocked: BlockedGrant[];
  /** Roles available to the subject's tenant that grant the action: whom to ask. */
  grantingRoles: string[];
  /** The explanation in the requested language. */
  message: string;
}

export interface RoleInfo {
  id: string;
  label: Label;
  admin: boolean;
  deprecated: boolean;
  default: boolean;
  kinds: string[];
  modules: string[];
  grants: string[];
  permissions: string[];
}

export interface PermissionInfo {
  id: string;
  label: Label;
  implies: string[];
  administrative: boolean;
  feature?: { id: string; level: 'read' | 'manage' };
}

export interface KindInfo {
  id: string;
  label: Label;
  modules: { id: string; label: Label }[];
  defaultRole: string | null;
  adminsAdministrativeOnly: boolean;
}

/** The role × permission matrix; a permission a role does not hold is absent from its row. */
export interface Matrix {
  roles: { id: string; label: string; admin: boolean; deprecated: boolean; modules: string[] }[];
  permissions: { id: string; label: string }[];
  cells: Record<string, Record<string, 'direct' | 'implied'>>;
}

export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  path: string;
  message: string;
}

export interface EffectivePermission {
  id: string;
  label: Label;
  tenantWide: boolean;
  grantedBy: Grant[];
}

/** A policy document (see the README for the format). */
/**
 * A value as a JSON module import types it: every literal type widened (`1` to `number`,
 * `'money'` to `string`), the shape kept.
 */
export type Widened<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer U)[]
        ? Widened<U>[]
        : T extends object
          ? { [K in keyof T]: Widened<T[K]> }
          : T;

/**
 * A policy document as `import policy from './policy.json' with { type: 'json' }` types it (the
 * engine checks the values: `version` must be 1, an attribute's `type` one it knows).
 */
export type PolicyDocument = Widened<Policy>;

export interface Policy {
  /** The JSON Schema editors follow (`./node_modules/rolegate/schema/policy.json`): read and ignored, not part of the fingerprint. */
  $schema?: string;
  version: 1;
  id: string;
  label: Label;
  comment?: string | string[];
  scopes?: { id: string; label: Label; comment?: string | string[] }[];
  tenantKinds: {
    id: string;
    label: Label;
    modules?: { id: string; label: Label; comment?: string | string[] }[];
    defaultRole?: string;
    adminsAdministrativeOnly?: boolean;
    comment?: string | string[];
  }[];
  permissions: { id: string; label: Label; implies?: string[]; administrative?: boolean; comment?: string | string[] }[];
  features?: { id: string; label: Label; read?: string[]; manage?: string[]; administrative?: boolean; comment?: string | string[] }[];
  roles: {
    id: string;
    label: Label;
    grants?: string[];
    kinds?: string[];
    modules?: string[];
    admin?: boolean;
    deprecated?: boolean;
    comment?: string | string[];
  }[];
  /** Which permission each administrative operation needs; without it, `apply` refuses everything. */
  administration?: {
    invite: string;
    approve: string;
    assignRoles: string;
    removeMember: string;
    manageRoles: string;
    /** How many days an invitation is valid; 30 when left out. */
    invitationDays?: number;
    /** Warn when members may `request` but fewer than `minimum` (2) active members may `release`. */
    approverCoverage?: { request: string; release: string; minimum?: number };
    /**
     * Tenant onboarding: a member of an `inviter` tenant holding `permission` tenant-wide may invite
     * a company of kind `invitee` (`inviteTenant`); without rules, `inviteTenant` is refused.
     */
    tenantInvitations?: { inviter: string; invitee: string; permission: string }[];
    /** The permission of `setApprovalRules` (a tenant's own approval rules). */
    manageApprovals?: string;
    comment?: string | string[];
  };
  /** Typed attributes of resources that approval rules compare. */
  attributes?: { id: string; type: 'money' | 'integer'; label: Label; comment?: string | string[] }[];
  /** The approval processes: governed actions, the bounds of tenants' rules, default rules. */
  approvals?: {
    actions: { action: string; request: string; approve: string; comment?: string | string[] }[];
    approverRoles?: string[];
    maxTiers?: number;
    maxRules?: number;
    expiresAfterDays?: number;
    minimumApprovers?: number;
    requesterMayApprove?: boolean;
    approverMayRepeat?: boolean;
    rules?: ApprovalRule[];
    comment?: string | string[];
  };
}

/** Where a member stands: invited by link, registered and waiting for approval, or working. */
export type MemberStatus = 'invited' | 'pending' | 'active';

/** A member of an organization. */
export interface Member {
  id: string;
  /** Unique in the organization, ignoring case. */
  email: string;
  name: string;
  /** Required: a member's standing is never guessed. */
  status: MemberStatus;
  roles: RoleAssignment[];
  /** Since when the member has this status (RFC 3339). */
  since?: string;
}

/** A role a tenant defined for itself: never more than its kind allows. */
export interface CustomRole {
  id: string;
  label: Label;
  grants: string[];
}

/** An invitation by link. */
export interface Invitation {
  id: string;
  email: string;
  name: string;
  roles: RoleAssignment[];
  /** RFC 3339. */
  expiresAt: string;
  used: boolean;
}

/** Where a company invitation stands. */
export type TenantInvitationStatus = 'open' | 'used' | 'revoked';

/** A company invited to become a tenant of its own: recorded in the inviting tenant's snapshot. */
export interface TenantInvitation {
  id: string;
  /** The new tenant's id, chosen by the inviter. */
  tenant: string;
  kind: string;
  modules?: string[];
  company: string;
  /** The invitee: the new tenant's first user and administrator. */
  email: string;
  name: string;
  /** The member of the inviting tenant who sent it. */
  invitedBy: string;
  /** RFC 3339. */
  expiresAt: string;
  /** `open` when left out. */
  status?: TenantInvitationStatus;
  /** When it was accepted or revoked (RFC 3339). */
  since?: string;
}

/** Who onboarded a tenant: recorded in the invited tenant's snapshot. */
export interface InvitedBy {
  tenant: string;
  kind: string;
  invitation: string;
  /** When the invitation was accepted (RFC 3339). */
  since: string;
}

/** One tenant's members, roles of its own and invitations: what `apply` transforms. */
export interface Organization {
  tenant: string;
  kind: string;
  modules?: string[];
  members: Member[];
  customRoles?: CustomRole[];
  invitations?: Invitation[];
  /** Companies this tenant invited to become tenants (the used ones: the customers it onboarded). */
  tenantInvitations?: TenantInvitation[];
  /** The tenant that invited this one. */
  invitedBy?: InvitedBy;
  /** The tenant's own approval rules; present (even empty), they replace the policy's defaults. */
  approvalRules?: ApprovalRule[];
}

/** A company a tenant invited, as `customers` shows it. */
export interface Customer {
  tenant: string;
  kind: string;
  company: string;
  email: string;
  name: string;
  status: 'onboarded' | 'invited' | 'expired' | 'revoked';
  invitation: string;
  expiresAt: string;
  since?: string;
}

/** An administrative operation. */
export type Operation =
  | { op: 'invite'; email: string; name: string; roles?: RoleAssignment[] }
  | { op: 'acceptInvitation'; invitation: string }
  | { op: 'approve'; member: string }
  | { op: 'assignRoles'; member: string; roles: RoleAssignment[] }
  | { op: 'removeMember'; member: string }
  | { op: 'createTenant'; tenant: string; kind: string; modules?: string[]; user: { id: string; email: string; name: string } }
  | { op: 'defineRole'; role: CustomRole }
  | { op: 'deleteRole'; role: string }
  | { op: 'inviteTenant'; tenant: string; kind: string; modules?: string[]; company: string; email: string; name: string }
  | { op: 'acceptTenantInvitation'; invitation: string }
  | { op: 'revokeTenantInvitation'; invitation: string }
  | { op: 'setApprovalRules'; rules: ApprovalRule[] };

/** Why an operation is refused. */
export type ViolationCode =
  | 'not_configured'
  | 'not_permitted'
  | 'other_tenant'
  | 'unknown_role'
  | 'role_not_available'
  | 'deprecated_role'
  | 'last_admin'
  | 'self_removal'
  | 'self_demotion'
  | 'unknown_scope_key'
  | 'empty_scope_value'
  | 'unknown_permission'
  | 'invalid_role'
  | 'role_id_taken'
  | 'custom_role_exceeds_kind'
  | 'role_in_use'
  | 'duplicate_email'
  | 'duplicate_member'
  | 'invalid_email'
  | 'invalid_time'
  | 'timed_assignment'
  | 'unknown_invitation'
  | 'invitation_expired'
  | 'invitation_used'
  | 'not_pending'
  | 'tenant_exists'
  | 'no_default_role'
  | 'no_admin_role'
  | 'unknown_tenant_kind'
  | 'unknown_module'
  | 'limit_exceeded'
  | 'onboarding_not_configured'
  | 'kind_may_not_invite'
  | 'kind_not_invitable'
  | 'invitation_revoked'
  | 'empty_name'
  | 'invalid_tenant'
  | 'duplicate_invitation'
  | 'approvals_not_configured'
  | 'not_governed'
  | 'unknown_attribute'
  | 'invalid_condition'
  | 'invalid_tiers'
  | 'approver_not_allowed'
  | 'too_many_rules'
  | 'invalid_rule'
  | 'approval_not_required'
  | 'invalid_attribute'
  | 'request_closed'
  | 'request_expired'
  | 'not_expired'
  | 'own_request'
  | 'already_approved'
  | 'not_eligible'
  | 'not_requester'
  | 'empty_reason'
  | 'invalid_request';

/** One reason an operation is refused: `message` in the requested language, `messages` in both. */
export interface Violation extends Problem {
  code: ViolationCode;
}

/** What `apply` returns. */
export type ApplyResult =
  | { ok: true; org: Organization; /** The new tenant of `acceptTenantInvitation`. */ created?: Organization }
  | { ok: false; violations: Violation[] };

/** A member as the organization queries show it, with the assignments that answer the question. */
export interface MemberRef {
  id: string;
  name: string;
  email: string;
  roles: RoleAssignment[];
}

/** A member's "My data". */
export interface MyData {
  member: MemberRef;
  status: MemberStatus;
  permissions: EffectivePermission[];
  administrators: MemberRef[];
}

/** An organization lint finding. */
export interface OrgFinding extends Finding {
  code:
    | 'no_active_admin'
    | 'approver_coverage'
    | 'deprecated_role_assigned'
    | 'member_without_role'
    | 'pending_too_long'
    | 'expired_invitation'
    | 'tier_without_approver'
    | 'too_few_approvers';
}

/** One problem of an input: a stable code, where, and what (English, and both languages). */
export interface Problem {
  code: string;
  path: string;
  message: string;
  messages: Label;
}

/**
 * Errors about the engine's state: `freed`, `not_initialized`, `not_in_build`, `internal`;
 * `no_policy` (a question other than a decision to an engine without a policy) and
 * `fingerprint_mismatch` (the `loadError` of `PolicyEngine.load` with an unexpected fingerprint).
 */
export class RolegateError extends Error {
  readonly code: string;
  readonly problems: Problem[];
}

/** A policy that failed validation; `problems` lists every problem. */
export class PolicyError extends RolegateError {
  readonly code: 'invalid_policy';
}

/**
 * An argument that does not fit (a bad subject, resource, action…); each problem names the field.
 * `invalid_org`: an organization snapshot that does not fit the policy.
 */
export class RequestError extends TypeError {
  readonly code: 'invalid_request' | 'unknown_builtin' | 'invalid_org';
  readonly problems: Problem[];
}

/**
 * Which resources a subject may do an action on (`session.plan(action)`): every resource of its
 * tenant, none (with the code every denial carries), or those in any of `anyOf`'s scopes.
 * Resources of another tenant are never allowed. It allows exactly what `can` allows.
 */
export type Plan =
  | { decision: 'always'; tenant: string; unless?: Record<string, Condition>[] }
  | { decision: 'never'; tenant: string; code: 'unknown_action' | 'not_granted' | 'role_not_available' | 'outside_window' | 'approval_required' | 'no_policy' }
  | { decision: 'conditional'; tenant: string; anyOf: Scope[]; unless?: Record<string, Condition>[]; excluding?: Scope };

/** Whether `plan` allows `resource` (no resource in particular when left out): what `can` answers. */
export function planAllows(plan: Plan, resource?: Resource | null): boolean;

/** Options of `filter`. */
export type FilterOptions<Row> = {
  /** A row's resource (the row itself by default). */
  attributes?: (row: Row) => Resource | null | undefined;
  /**
   * `true` when every row is of the plan's tenant alone; otherwise (the default) every row's
   * resource must name its `tenant`, and one that does not is refused (it would count as the plan's).
   */
  singleTenant?: boolean;
};

/**
 * The rows `plan` allows, in order. Each row's resource must name its `tenant`, unless
 * `singleTenant: true` says the rows are of the plan's tenant alone.
 */
export function filter<Row>(plan: Plan, rows: readonly Row[], options?: FilterOptions<Row>): Row[];

/** The columns of `planToSql`: scope attribute → column; a money attribute of `unless` → `{ amount, currency }`. */
export type PlanColumns = Record<string, string | { amount: string; currency: string }>;

/** Options of `planToSql`: the tenant column, or `singleTenant: true` for a table of one tenant. */
export type PlanToSqlOptions = PlanToSqlShared &
  (
    | {
        /** `tenant` → the tenant column (required: the condition then also requires the plan's tenant). */
        columns: { tenant: string } & PlanColumns;
        singleTenant?: false;
      }
    | {
        /** The scope attributes' columns; no `tenant`. */
        columns: PlanColumns;
        /** The table (or the query) holds the plan's tenant's rows alone: no tenant condition. */
        singleTenant: true;
      }
  );

/** What both forms of `PlanToSqlOptions` have. */
export interface PlanToSqlShared {
  /** Parameters the query already has; the plan's values are numbered after them. */
  params?: readonly unknown[];
  /** `'$'` (`$1`, PostgreSQL; the default), `'?'` (MySQL, SQLite), or a function of the parameter's number. */
  placeholder?: '$' | '?' | ((n: number) => string);
}

/**
 * The plan as a parameterized SQL condition: `always` → `tenant_id = $1`, `never` → `FALSE`,
 * `conditional` → `(tenant_id = $1 AND (facility_id = $2 OR …))`. The tenant column is required
 * unless `singleTenant: true`. Values are only ever in `params`, never in `sql`.
 */
export function planToSql(plan: Plan, options: PlanToSqlOptions): { sql: string; params: unknown[] };

/** Whether `error` was thrown by rolegate. */
export function isRolegateError(error: unknown): error is RolegateError | RequestError;

/** The compiled grants of one subject; typed with its engine's ids (see `PolicyIds`). */
export class Session<I extends PolicyIds = PolicyIds> {
  private constructor();
  readonly tenant: string;
  /**
   * Until when the answers hold: the earliest start or end of an assignment's window after the
   * instant decided at; `null` when none is ahead. A session made without `options.at` compiles
   * itself again then.
   */
  readonly validUntil: Date | null;
  can(action: I['permission'], resource?: Resource | null): boolean;
  /**
   * Decisions for every resource × every action in one call: `rows[i][j]` says whether the
   * subject may do `actions[j]` on `resources[i]`. Left out, `resources` is one row for no
   * resource in particular.
   */
  canMany(actions: readonly I['permission'][], resources?: readonly (Resource | null | undefined)[] | null): boolean[][];
  canAnywhere(action: I['permission']): boolean;
  /** Which resources the subject may do `action` on: for lists and SQL filters. */
  plan(action: I['permission']): Plan;
  /** The three-way decision: allow, approval (with what it needs), or deny. */
  decide(action: I['permission'], resource?: Resource | null): Decision;
  explain(action: I['permission'], resource?: Resource | null, lang?: Lang): Explanation;
  permissions(): EffectivePermission[];
  free(): void;
}

/**
 * A compiled policy: load once, then decide. An engine without a policy (see `load`) fails closed:
 * every decision is a denial with code `no_policy`; every other question throws a `RolegateError`
 * with code `no_policy`.
 */
export class PolicyEngine<I extends PolicyIds = PolicyIds> {
  /**
   * Throws `PolicyError` when the policy is invalid. `new PolicyEngine<Ids>(…)` types its actions.
   * In the browser builds, before `ready()` (or `init()`) resolved, it throws `not_initialized`,
   * as `builtin` and `load` do.
   */
  constructor(policy: Policy | PolicyDocument | string);
  /** A built-in policy, typed with its ids: a misspelt action does not compile. */
  static builtin<N extends keyof BuiltinIds>(name: N): PolicyEngine<BuiltinIds[N]>;
  /**
   * Never throws for `policy`: when it does not load, or its fingerprint is not
   * `options.fingerprint`, the engine returned fails closed (`loaded` false, `loadError` why).
   * Called before the module is initialized (browser builds, before `ready()`), it throws
   * `not_initialized`: too early is not a policy that failed.
   */
  static load<I extends PolicyIds = PolicyIds>(policy: unknown, options?: { fingerprint?: string }): PolicyEngine<I>;
  /** An engine without a policy that fails closed; `cause` becomes its `loadError`. */
  static unavailable<I extends PolicyIds = PolicyIds>(cause?: unknown): PolicyEngine<I>;
  /** Whether the engine has a policy. */
  readonly loaded: boolean;
  /** Why it has none (e.g. the `PolicyError`), or null. */
  readonly loadError: unknown;
  /** SHA-256 of the normalized policy; '' for an engine without a policy (never throws for it). */
  readonly fingerprint: string;
  /** The policy's id; '' for an engine without a policy. */
  readonly id: string;
  policy(): Policy;
  /** The tenant kinds (Node and `rolegate/web/full`). */
  kinds(): KindInfo[];
  /** The roles, of one kind or all (Node and `rolegate/web/full`). */
  roles(tenantKind?: I['kind']): RoleInfo[];
  /** The permissions (Node and `rolegate/web/full`). */
  permissions(): PermissionInfo[];
  /** The role × permission matrix (Node and `rolegate/web/full`). */
  matrix(options?: { tenantKind?: I['kind']; lang?: Lang }): Matrix;
  /** The policy linter's findings (Node only: the policy's authors lint it; the browser builds throw `not_in_build`). */
  lint(options?: { lang?: Lang }): Finding[];
  can(subject: Subject, action: I['permission'], resource?: Resource | null): boolean;
  /** Which resources `subject` may do `action` on: `session(subject).plan(action)`. */
  plan(subject: Subject, action: I['permission']): Plan;
  explain(subject: Subject, action: I['permission'], resource?: Resource | null, lang?: Lang): Explanation;
  /** The three-way decision with the policy's default approval rules. */
  decide(subject: Subject, action: I['permission'], resource?: Resource | null): Decision;
  /** A session; with `approvalRules`, deciding with the tenant's own approval rules. */
  /**
   * `options.at`: the instant to decide at (a `Date` or RFC 3339 text), for assignments with a
   * window; left out, the session follows the clock (see `Session.validUntil`).
   */
  session(subject: Subject, options?: { approvalRules?: ApprovalRule[] | null; at?: Date | string | null }): Session<I>;
  /**
   * Submits a request for an action that needs approval (Node only: a browser build throws
   * `not_in_build`; requests are stored, and stepped, by the server).
   */
  submit(
    org: Organization,
    requesterId: string,
    action: I['permission'],
    resource: Resource | null | undefined,
    options: { id: string; now?: string | Date; lang?: Lang },
  ): RequestResult;
  /** Takes a step of a request (Node only, as `submit`). */
  step(org: Organization, request: ApprovalRequest, actorId: string, step: Step, now?: string | Date, lang?: Lang): RequestResult;
  approve(org: Organization, request: ApprovalRequest, approverId: string, now?: string | Date, lang?: Lang): RequestResult;
  reject(org: Organization, request: ApprovalRequest, approverId: string, reason: string, now?: string | Date, lang?: Lang): RequestResult;
  cancel(org: Organization, request: ApprovalRequest, requesterId: string, now?: string | Date, lang?: Lang): RequestResult;
  /** Who may approve the request's current tier now. */
  eligibleApprovers(org: Organization, request: ApprovalRequest): MemberRef[];
  /** The requests awaiting `memberId`'s approval, as a plan over approval slots. */
  awaiting(org: Organization, memberId: string, action: I['permission']): Plan;
  apply(org: Organization, actorId: string, op: Operation, now?: string | Date, lang?: Lang): ApplyResult;
  admins(org: Organization): MemberRef[];
  /** The companies `org` invited to become tenants, with their status at `now` (left out: open counts as invited). */
  customers(org: Organization, now?: string | Date): Customer[];
  /** The tenant that invited `org`, or `null`. */
  invitedBy(org: Organization): InvitedBy | null;
  /**
   * The active members who may do `action` on `resource`. Without a resource, on nothing in
   * particular: only tenant-wide assignments count; with `{ anywhere: true }` (and no resource),
   * everyone who may do it somewhere, each with the assignments (and scopes) that grant it. An
   * action the policy does not have throws a `RequestError` (`unknown_action`, with a suggestion).
   */
  whoCan(org: Organization, action: I['permission'], resource?: Resource | null, options?: { anywhere?: boolean }): MemberRef[];
  myData(org: Organization, memberId: string): MyData;
  memberSession(org: Organization, memberId: string): Session<I>;
  lintOrg(org: Organization, options?: { now?: string | Date; lang?: Lang }): OrgFinding[];
  /** Checks `org` once and keeps it for repeated questions (large organizations, servers). */
  organization(org: Organization): OrganizationHandle<I>;
  free(): void;
}

/**
 * The methods only Node's build has: the policy linter and the life of approval requests (a
 * browser build throws `not_in_build` from them; their calls do not compile with its types).
 */
export type NodeOnlyMethod = 'lint' | 'submit' | 'step' | 'approve' | 'reject' | 'cancel' | 'eligibleApprovers' | 'awaiting';

/**
 * The methods the browser's full build (`rolegate/full`, `rolegate/web/full`) has and its lean one
 * (`rolegate` in a browser, `rolegate/web`) does not: administration, the matrix, the lists.
 */
export type FullOnlyMethod =
  | 'kinds'
  | 'roles'
  | 'permissions'
  | 'matrix'
  | 'apply'
  | 'admins'
  | 'customers'
  | 'invitedBy'
  | 'whoCan'
  | 'myData'
  | 'memberSession'
  | 'lintOrg'
  | 'organization';

/** The engine of a build that lacks the methods `Absent`. */
export type EngineWithout<I extends PolicyIds, Absent extends keyof PolicyEngine> = Omit<PolicyEngine<I>, Absent>;

/** The engine of the browser's lean build: decisions, explanations, plans, sessions. Every build's engine is one. */
export type LeanEngine<I extends PolicyIds = PolicyIds> = EngineWithout<I, NodeOnlyMethod | FullOnlyMethod>;

/** The engine of the browser's full build: the lean one's methods and administration, the matrix, the lists. */
export type FullEngine<I extends PolicyIds = PolicyIds> = EngineWithout<I, NodeOnlyMethod>;

/** `PolicyEngine` of a build that lacks the methods `Absent`: its constructor and static functions. */
export interface EngineConstructor<Absent extends keyof PolicyEngine> {
  /** Throws `PolicyError` when the policy is invalid, `not_initialized` before `ready()` resolved. */
  new <I extends PolicyIds = PolicyIds>(policy: Policy | PolicyDocument | string): EngineWithout<I, Absent>;
  /** A built-in policy, typed with its ids: a misspelt action does not compile. */
  builtin<N extends keyof BuiltinIds>(name: N): EngineWithout<BuiltinIds[N], Absent>;
  /** Never throws for `policy` (see `PolicyEngine.load`); `not_initialized` before `ready()` resolved. */
  load<I extends PolicyIds = PolicyIds>(policy: unknown, options?: { fingerprint?: string }): EngineWithout<I, Absent>;
  /** An engine without a policy that fails closed; `cause` becomes its `loadError`. */
  unavailable<I extends PolicyIds = PolicyIds>(cause?: unknown): EngineWithout<I, Absent>;
  readonly prototype: EngineWithout<PolicyIds, Absent>;
}

/** An organization loaded once: the engine's questions on it, without checking it again. */
export class OrganizationHandle<I extends PolicyIds = PolicyIds> {
  private constructor();
  org(): Organization;
  admins(): MemberRef[];
  /** `engine.whoCan(org, …)` on the loaded organization. */
  whoCan(action: I['permission'], resource?: Resource | null, options?: { anywhere?: boolean }): MemberRef[];
  myData(memberId: string): MyData;
  memberSession(memberId: string): Session<I>;
  free(): void;
}

/** The wasm module's memory in bytes (a diagnostic). */
export function wasmMemoryBytes(): number;

/**
 * Resolves when the engine can be used: at once in Node; in a browser (the bundlers' entry of
 * `rolegate`, and `rolegate/web`), when the wasm module is instantiated. Call it (`await ready()`
 * or `ready().then(…)`) before the first engine call; the same promise each time.
 */
export function ready(): Promise<void>;

/** The response header that carries the server's policy fingerprint (`rolegate/express` sets it). */
export const FINGERPRINT_HEADER: 'Rolegate-Fingerprint';

/**
 * A policy loaded from the server and kept current. `engine` is always the one to decide with: it
 * denies everything (`no_policy`) while the policy loads, and from the moment a response announces
 * another fingerprint until that policy has loaded (fail closed).
 */
export interface PolicyWatcher<I extends PolicyIds = PolicyIds, E extends LeanEngine<I> = PolicyEngine<I>> {
  readonly engine: E;
  /** Settles when the policy being loaded has loaded or failed closed. */
  readonly ready: Promise<void>;
  /** Reads the response's fingerprint header; when it announces another policy, loads it. Returns whether it did. */
  check(response: { headers: { get(name: string): string | null } }): boolean;
  /** `fetch`, then `check` of the response. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Loads the policy again. */
  refresh(): Promise<void>;
}

/**
 * Loads the policy at `url` (served by `servePolicy` of `rolegate/express`: JSON with its
 * fingerprint as ETag) and keeps it current; `onChange` hears of every engine that replaces the
 * current one.
 */
export function watchPolicy<I extends PolicyIds = PolicyIds>(url: string | URL, options?: WatchOptions<PolicyEngine<I>>): PolicyWatcher<I>;

/** The options of `watchPolicy`: the `fetch` to use, and who hears of a new engine. */
export interface WatchOptions<E> {
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  onChange?: (engine: E) => void;
}

// The built-in policies' ids, as `rolegate types --policy mytrumpf|platform` writes them (a test
// holds these blocks to that output).
/** The ids of policy 'mytrumpf'. */
export interface MytrumpfIds extends PolicyIds {
  /** The permissions (actions), features' levels included. */
  permission:
    | "eshop.catalog.view"
    | "eshop.cart.edit"
    | "eshop.order.request"
    | "eshop.order.place"
    | "eshop.order.release"
    | "service.case.view"
    | "service.case.create"
    | "service.case.manage"
    | "admin.users.view"
    | "admin.users.invite"
    | "admin.users.approve"
    | "admin.roles.assign"
    | "admin.approvals.manage"
    | "profile.view";
  /** The roles. */
  role:
    | "purchaser"
    | "managing_director"
    | "production_manager"
    | "programmer"
    | "operator"
    | "service_engineer";
  /** The tenant kinds. */
  kind:
    | "customer";
  /** The optional modules. */
  module: never;
  /** The scope keys (attributes of resources and of scoped assignments). */
  scope:
    | "facility";
  /** The typed attributes of resources (money, whole numbers) that approval rules compare. */
  attribute:
    | "total";
}

/** The ids of policy 'platform'. */
export interface PlatformIds extends PolicyIds {
  /** The permissions (actions), features' levels included. */
  permission:
    | "service_cases.read"
    | "service_cases.manage"
    | "service_case.read"
    | "internal_case.read"
    | "service_case.conference"
    | "service_case.manage"
    | "service_case.remote_access.toggle"
    | "service_case.remote_access.use"
    | "internal_service_cases.read"
    | "internal_service_cases.manage"
    | "internal_case.create"
    | "internal_case.manage"
    | "digital_shopfloor.read"
    | "digital_shopfloor.manage"
    | "facility.read"
    | "asset.read"
    | "facility.manage"
    | "asset.manage"
    | "asset_proposal.accept"
    | "documents_media.read"
    | "documents_media.manage"
    | "document.read"
    | "document.manage"
    | "app.install"
    | "customer_service_cases.read"
    | "customer_service_cases.manage"
    | "customer_case.read"
    | "customer_case.conference"
    | "customer_case.manage"
    | "remote_access.read"
    | "remote_access.manage"
    | "remote_session.start"
    | "file_transfer.use"
    | "customer_management.read"
    | "customer_management.manage"
    | "customer.read"
    | "customer.manage"
    | "service_org.manage"
    | "customer_machine.manage"
    | "service_contract.manage"
    | "customer_machine.link_edge_device"
    | "machine_models.read"
    | "machine_models.manage"
    | "machine_model.read"
    | "machine_model.manage"
    | "remote_access_template.manage"
    | "opcua_template.manage"
    | "app_compatibility.manage"
    | "model_documents.read"
    | "model_documents.manage"
    | "model_document.read"
    | "model_document.manage"
    | "edge_devices.read"
    | "edge_devices.manage"
    | "edge_device.read"
    | "edge_device.manage"
    | "machine_licenses.read"
    | "machine_licenses.manage"
    | "license.read"
    | "license.download"
    | "applications.read"
    | "applications.manage"
    | "application.read"
    | "application.assign_to_model"
    | "app_publishing.read"
    | "app_publishing.manage"
    | "published_app.read"
    | "published_app.manage"
    | "tenant_users.read"
    | "tenant_users.manage"
    | "tenant_user.read"
    | "tenant_user.invite"
    | "tenant_user.delete"
    | "tenant_role.assign"
    | "tenant_config.read"
    | "tenant_config.manage"
    | "company.read"
    | "company.manage"
    | "appearance.manage";
  /** The roles. */
  role:
    | "tenant_admin"
    | "machine_operator"
    | "workshop_manager"
    | "operator_internal"
    | "maintenance_engineer"
    | "first_level_support"
    | "service_technician"
    | "master_data_manager"
    | "customer_data_manager"
    | "service_manager"
    | "app_publisher";
  /** The tenant kinds. */
  kind:
    | "operator"
    | "service_provider"
    | "app_developer";
  /** The optional modules. */
  module:
    | "internal_service_cases";
  /** The scope keys (attributes of resources and of scoped assignments). */
  scope:
    | "facility"
    | "customer"
    | "service_org";
  /** The typed attributes of resources (money, whole numbers) that approval rules compare. */
  attribute: never;
}
