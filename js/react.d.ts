// Types of rolegate/react: React bindings (React 18 or later). Checked by `tsc --strict` against
// tests/js/types/usage.ts.
import type { ReactNode } from 'react';
import type { ApprovalRule, Decision, Explanation, Lang, LeanEngine, Organization, PolicyIds, Resource, RoleAssignment, Session, Subject } from './rolegate.js';

/** The props of `RolegateProvider`: a session, or an engine and a subject; and the language. */
export type RolegateProviderProps<I extends PolicyIds = PolicyIds> = {
  /** The language of explanations (`useExplain`); `en` by default. */
  lang?: Lang;
  /**
   * Hears why there is no session: a subject (or approval rules) that does not fit the policy
   * (a `RequestError` naming each problem). Everything is denied then; in development the
   * console says so too.
   */
  onError?: (error: unknown) => void;
  children?: ReactNode;
} & (
  | { session: Session<I> | null; engine?: undefined; subject?: undefined }
  | {
      session?: undefined;
      engine: LeanEngine<I> | null;
      subject: Subject | null;
      /** The tenant's own approval rules (an organization snapshot's `approvalRules`). */
      approvalRules?: ApprovalRule[] | null;
    }
);

/**
 * Makes a session (or an engine and a subject) and a language available to `useCan`,
 * `useExplain`, `useSession` and `<Can>`; without a session, everything is denied.
 */
export function RolegateProvider<I extends PolicyIds = PolicyIds>(props: RolegateProviderProps<I>): ReactNode;

/** Whether the provider's session may do `action` (on `resource`); re-renders only when that changes. */
export function useCan<I extends PolicyIds = PolicyIds>(action: I['permission'], resource?: Resource | null): boolean;

/** The explanation of `action` for the provider's session, in its language; `null` without a session. */
export function useExplain<I extends PolicyIds = PolicyIds>(action: I['permission'], resource?: Resource | null): Explanation | null;

/**
 * The three-way decision of `action` (on `resource`) for the provider's session; a denial with
 * code `no_session` without one. Re-renders only when it changes.
 */
export function useDecision<I extends PolicyIds = PolicyIds>(action: I['permission'], resource?: Resource | null): Decision;

/** The provider's session, or null. */
export function useSession<I extends PolicyIds = PolicyIds>(): Session<I> | null;

/** The props of `Can`. */
export interface CanProps<I extends PolicyIds = PolicyIds> {
  action: I['permission'];
  resource?: Resource | null;
  /** What to render when denied; nothing by default. */
  fallback?: ReactNode;
  /** What to render when the action needs approval (e.g. "Request approval"); without it, `fallback`. */
  approval?: ReactNode;
  /** What to render when allowed, or a function of the answer (and, with `approval` given, of the decision). */
  children?: ReactNode | ((allowed: boolean, decision?: Decision) => ReactNode);
}

/** Renders `children` when the provider's session may do `action`, else `fallback`. */
export function Can<I extends PolicyIds = PolicyIds>(props: CanProps<I>): ReactNode;

/** Whom to ask for an action: the roles that grant it, and the members of an organization who may. */
export interface WhomToAsk {
  /** The roles of the tenant that grant the action (the explanation's `grantingRoles`). */
  roles: string[];
  /** The active members who may do it, by name; `null` without an engine with administration, or without `org`. */
  members: { id: string; name: string; roles: RoleAssignment[] }[] | null;
}

/**
 * Whom to ask for `action` (on `resource`): the granting roles, and the members of `org` who may
 * (from the provider's engine: Node's build or `rolegate/web/full`).
 */
export function useWhomToAsk<I extends PolicyIds = PolicyIds>(org: Organization | null | undefined, action: I['permission'], resource?: Resource | null): WhomToAsk;

/** The provider, hooks and `<Can>`, bound to one policy's ids: a misspelt action does not compile anywhere. */
export interface Rolegate<I extends PolicyIds> {
  RolegateProvider: (props: RolegateProviderProps<I>) => ReactNode;
  useCan: (action: I['permission'], resource?: Resource | null) => boolean;
  useExplain: (action: I['permission'], resource?: Resource | null) => Explanation | null;
  useDecision: (action: I['permission'], resource?: Resource | null) => Decision;
  useSession: () => Session<I> | null;
  useWhomToAsk: (org: Organization | null | undefined, action: I['permission'], resource?: Resource | null) => WhomToAsk;
  Can: (props: CanProps<I>) => ReactNode;
}

/**
 * Typed bindings, once for the whole app: `export const { RolegateProvider, useCan, Can } =
 * createRolegate<MytrumpfIds>()` (the ids `rolegate types` writes), or `createRolegate(engine)`
 * with a typed engine (`PolicyEngine.builtin('mytrumpf')`, `new PolicyEngine<Ids>(…)`).
 */
export function createRolegate<I extends PolicyIds = PolicyIds>(engine?: LeanEngine<I> | null): Rolegate<I>;
