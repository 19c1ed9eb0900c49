// Types of the rolegate package. Checked by `tsc --strict --noEmit` against tests/js/types/usage.ts.

/** A language of the product: every label and message exists in both. */
export type Lang = 'en' | 'de';

/** A text in English and German. */
export interface Label {
  en: string;
  de: string;
}

/** Scope attributes, e.g. `{ facility: 'f1' }`. */
export type Scope = Record<string, string>;

/** One role held by a subject: a role id (tenant-wide) or a role limited to a scope. */
export type RoleAssignment = string | { role: string; scope?: Scope | null };

/** Who asks. `tenantKind` may be left out when the policy has a single tenant kind. */
export interface Subject {
  id?: string;
  tenant: string;
  tenantKind?: string | null;
  modules?: string[];
  roles: RoleAssignment[];
}

/** What an action is done on: its tenant (the subject's own when left out) and scope attributes. */
export interface Resource {
  tenant?: string;
  [attribute: string]: string | undefined;
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
  | 'not_granted'
  | 'no_policy';

/** An assignment that grants (or would grant) an action, and through which implication chain. */
export interface Grant {
  role: string;
  scope?: Scope;
  /** The role's direct grant first, the action last. */
  via: string[];
}

/** An assignment that would grant the action but does not count here. */
export interface BlockedGrant extends Grant {
  reason: 'out_of_scope' | 'role_not_available';
}

/** A decision with everything that led to it. */
export interface Explanation {
  allowed: boolean;
  code: ReasonCode;
  action: string;
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
export interface Policy {
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
  | { op: 'revokeTenantInvitation'; invitation: string };

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
  | 'duplicate_invitation';

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
  code: 'no_active_admin' | 'approver_coverage' | 'deprecated_role_assigned' | 'member_without_role' | 'pending_too_long' | 'expired_invitation';
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
  | { decision: 'always'; tenant: string }
  | { decision: 'never'; tenant: string; code: 'unknown_action' | 'not_granted' | 'role_not_available' | 'no_policy' }
  | { decision: 'conditional'; tenant: string; anyOf: Scope[] };

/** Whether `plan` allows `resource` (no resource in particular when left out): what `can` answers. */
export function planAllows(plan: Plan, resource?: Resource | null): boolean;

/** The rows `plan` allows, in order; `attributes(row)` gives a row's resource (the row itself by default). */
export function filter<Row>(plan: Plan, rows: readonly Row[], options?: { attributes?: (row: Row) => Resource | null | undefined }): Row[];

/** Options of `planToSql`. */
export interface PlanToSqlOptions {
  /** Scope attribute → column (`{ facility: 'facility_id' }`); `tenant` → the tenant column, when the table holds several tenants. */
  columns: { tenant?: string } & Record<string, string>;
  /** Parameters the query already has; the plan's values are numbered after them. */
  params?: readonly unknown[];
  /** `'$'` (`$1`, PostgreSQL; the default), `'?'` (MySQL, SQLite), or a function of the parameter's number. */
  placeholder?: '$' | '?' | ((n: number) => string);
}

/**
 * The plan as a parameterized SQL condition: `always` → `TRUE`, `never` → `FALSE`, `conditional` →
 * `(facility_id = $1 OR …)`, with the tenant column's condition when one is given. Values are
 * only ever in `params`, never in `sql`.
 */
export function planToSql(plan: Plan, options: PlanToSqlOptions): { sql: string; params: unknown[] };

/** Whether `error` was thrown by rolegate. */
export function isRolegateError(error: unknown): error is RolegateError | RequestError;

/** The compiled grants of one subject. */
export class Session {
  private constructor();
  readonly tenant: string;
  can(action: string, resource?: Resource | null): boolean;
  /**
   * Decisions for every resource × every action in one call: `rows[i][j]` says whether the
   * subject may do `actions[j]` on `resources[i]`. Left out, `resources` is one row for no
   * resource in particular.
   */
  canMany(actions: readonly string[], resources?: readonly (Resource | null | undefined)[] | null): boolean[][];
  canAnywhere(action: string): boolean;
  /** Which resources the subject may do `action` on: for lists and SQL filters. */
  plan(action: string): Plan;
  explain(action: string, resource?: Resource | null, lang?: Lang): Explanation;
  permissions(): EffectivePermission[];
  free(): void;
}

/**
 * A compiled policy: load once, then decide. An engine without a policy (see `load`) fails closed:
 * every decision is a denial with code `no_policy`; every other question throws a `RolegateError`
 * with code `no_policy`.
 */
export class PolicyEngine {
  /** Throws `PolicyError` when the policy is invalid. */
  constructor(policy: Policy | string);
  static builtin(name: 'mytrumpf' | 'platform'): PolicyEngine;
  /**
   * Never throws for `policy`: when it does not load, or its fingerprint is not
   * `options.fingerprint`, the engine returned fails closed (`loaded` false, `loadError` why).
   */
  static load(policy: unknown, options?: { fingerprint?: string }): PolicyEngine;
  /** An engine without a policy that fails closed; `cause` becomes its `loadError`. */
  static unavailable(cause?: unknown): PolicyEngine;
  /** Whether the engine has a policy. */
  readonly loaded: boolean;
  /** Why it has none (e.g. the `PolicyError`), or null. */
  readonly loadError: unknown;
  readonly fingerprint: string;
  readonly id: string;
  policy(): Policy;
  kinds(): KindInfo[];
  roles(tenantKind?: string): RoleInfo[];
  permissions(): PermissionInfo[];
  /** The role × permission matrix (Node and `rolegate/web/full`). */
  matrix(options?: { tenantKind?: string; lang?: Lang }): Matrix;
  /** The policy linter's findings (Node and `rolegate/web/full`). */
  lint(options?: { lang?: Lang }): Finding[];
  can(subject: Subject, action: string, resource?: Resource | null): boolean;
  /** Which resources `subject` may do `action` on: `session(subject).plan(action)`. */
  plan(subject: Subject, action: string): Plan;
  explain(subject: Subject, action: string, resource?: Resource | null, lang?: Lang): Explanation;
  session(subject: Subject): Session;
  apply(org: Organization, actorId: string, op: Operation, now?: string | Date, lang?: Lang): ApplyResult;
  admins(org: Organization): MemberRef[];
  /** The companies `org` invited to become tenants, with their status at `now` (left out: open counts as invited). */
  customers(org: Organization, now?: string | Date): Customer[];
  /** The tenant that invited `org`, or `null`. */
  invitedBy(org: Organization): InvitedBy | null;
  whoCan(org: Organization, action: string, resource?: Resource | null): MemberRef[];
  myData(org: Organization, memberId: string): MyData;
  memberSession(org: Organization, memberId: string): Session;
  lintOrg(org: Organization, options?: { now?: string | Date; lang?: Lang }): OrgFinding[];
  /** Checks `org` once and keeps it for repeated questions (large organizations, servers). */
  organization(org: Organization): OrganizationHandle;
  free(): void;
}

/** An organization loaded once: the engine's questions on it, without checking it again. */
export class OrganizationHandle {
  private constructor();
  org(): Organization;
  admins(): MemberRef[];
  whoCan(action: string, resource?: Resource | null): MemberRef[];
  myData(memberId: string): MyData;
  memberSession(memberId: string): Session;
  free(): void;
}

/** The wasm module's memory in bytes (a diagnostic). */
export function wasmMemoryBytes(): number;
