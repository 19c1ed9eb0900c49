// Compiled by `tsc --strict --noEmit` in `make test`: the package's types cover the whole API,
// and misuse is a type error (each @ts-expect-error line must be an error).
import { OrganizationHandle, PolicyEngine, PolicyError, RequestError, RolegateError, Session, isRolegateError, wasmMemoryBytes } from 'rolegate';
import type { EffectivePermission, Explanation, Finding, KindInfo, Matrix, PermissionInfo, Policy, Problem, ReasonCode, RoleInfo, Subject } from 'rolegate';
import { filter, planAllows, planToSql } from 'rolegate';
import { planToSql as webPlanToSql } from 'rolegate/web';
import type { Plan, PlanToSqlOptions } from 'rolegate';
import type { ApplyResult, Customer, InvitedBy, MemberRef, MyData, Operation, OrgFinding, Organization, Violation } from 'rolegate';
import type { ApprovalRequest, ApprovalRule, Decision, Effect, RequestResult, Step } from 'rolegate';
import type { MytrumpfIds, PlatformIds, PolicyIds } from 'rolegate';
import type { ShopIds } from './generated/shop-ids.js';
import { createElement } from 'react';
import { Can, createRolegate, RolegateProvider, useCan, useExplain, useSession } from 'rolegate/react';
import type { CanProps, WhomToAsk } from 'rolegate/react';
import shopPolicy from '../../../examples/policy/shop.json' with { type: 'json' };
import mytrumpfPolicy from '../../../policies/mytrumpf.json' with { type: 'json' };
import { FINGERPRINT_HEADER, watchPolicy } from 'rolegate';
import { FINGERPRINT_HEADER as EXPRESS_FINGERPRINT_HEADER, fingerprintHeader, servePolicy } from 'rolegate/express';
import init, { PolicyEngine as WebPolicyEngine } from 'rolegate/web';
import initFull, { PolicyEngine as FullPolicyEngine } from 'rolegate/web/full';
// In Node, `rolegate/full` is Node's build: everything, the policy linter included.
import { PolicyEngine as NodeFullEngine } from 'rolegate/full';
import { gate, resourceOf } from 'rolegate/dom';
import type { DeniedDetail, GateHandle } from 'rolegate/dom';
import { languageOf, requirePermission } from 'rolegate/express';

const engine: PolicyEngine = PolicyEngine.builtin('mytrumpf');
const subject: Subject = { id: 'otto', tenant: 'acme', roles: ['operator', { role: 'programmer', scope: { facility: 'f1' } }] };
const allowed: boolean = engine.can(subject, 'eshop.order.place', { facility: 'f1' });
const why: Explanation = engine.explain(subject, 'eshop.order.place', null, 'de');
const codes: string = `${why.code}${why.grantedBy[0]?.via.join('>')}${why.grantingRoles.join()}${why.message}`;
const session: Session = engine.session(subject);
const fast: boolean = session.can('eshop.order.request') && session.canAnywhere('service.case.manage');
const rows: boolean[][] = session.canMany(['eshop.order.request', 'eshop.order.place'], [{ facility: 'f1' }, null]);
const mine: EffectivePermission[] = session.permissions();
const plan: Plan = session.plan('service.case.manage');
if (plan.decision === 'conditional') {
  const first: string | undefined = plan.anyOf[0]?.facility;
  void first;
}
if (plan.decision === 'never') {
  const code: 'unknown_action' | 'not_granted' | 'role_not_available' | 'outside_window' | 'approval_required' | 'no_policy' = plan.code;
  void code;
}
const samePlan: Plan = engine.plan(subject, 'service.case.manage');
const options: PlanToSqlOptions = { columns: { tenant: 'tenant_id', facility: 'facility_id' }, params: [1], placeholder: '?' };
const where: { sql: string; params: unknown[] } = planToSql(plan, options);
const whereWeb: string = webPlanToSql(samePlan, { columns: { facility: 'f' }, singleTenant: true, placeholder: (n) => `:p${n}` }).sql;
const cases: { id: number; facility: string }[] = filter(plan, [{ id: 1, facility: 'f1' }], { attributes: (row) => ({ facility: row.facility }), singleTenant: true });
const shared: { id: number; tenant: string }[] = filter(plan, [{ id: 1, tenant: 'acme' }]);
void shared;
// @ts-expect-error a table of several tenants needs its tenant column (or singleTenant: true)
planToSql(plan, { columns: { facility: 'facility_id' } });
const inPlan: boolean = planAllows(plan, { facility: 'f1' });
void [where, whereWeb, cases, inPlan];
// @ts-expect-error a plan is not a string
planToSql('always', { columns: {} });
// @ts-expect-error columns are required
planToSql(plan, {});
session.free();
const roles: RoleInfo[] = engine.roles('customer');
const permissions: PermissionInfo[] = engine.permissions();
const kinds: KindInfo[] = engine.kinds();
const matrix: Matrix = engine.matrix({ tenantKind: 'customer', lang: 'en' });
const cell: 'direct' | 'implied' | undefined = matrix.cells.purchaser?.['eshop.order.place'];
const findings: Finding[] = engine.lint({ lang: 'de' });
const doc: Policy = engine.policy();
const copy = new PolicyEngine(doc);
const fromText = new PolicyEngine(JSON.stringify(doc));
// A policy written inline may name its JSON Schema (the reader ignores it).
const named = new PolicyEngine({ ...doc, $schema: './node_modules/rolegate/schema/policy.json' });
void named;
const fingerprint: string = copy.fingerprint + fromText.id;
const bytes: number = wasmMemoryBytes();
const shipped: PolicyEngine = PolicyEngine.load(JSON.stringify(doc), { fingerprint });
const closed: PolicyEngine = PolicyEngine.unavailable(new Error('fetch failed'));
const ready: boolean = shipped.loaded && !closed.loaded;
const failure: unknown = closed.loadError;
const noPolicy: ReasonCode = closed.explain(subject, 'x').code;
void [ready, failure, noPolicy];

try {
  engine.can(subject, 'x');
} catch (error) {
  if (error instanceof RequestError) {
    const problem: Problem = error.problems[0];
    const where: string = problem.path + problem.messages.de + error.code;
    void where;
  } else if (error instanceof PolicyError || error instanceof RolegateError) {
    const code: string = error.code;
    void code;
  } else if (isRolegateError(error)) {
    void error.problems;
  }
}

async function browser(root: HTMLElement): Promise<void> {
  await init();
  const webEngine = WebPolicyEngine.builtin('platform');
  const handle: GateHandle = gate(root, webEngine.session({ tenant: 't', tenantKind: 'operator', roles: ['machine_operator'] }), { lang: 'de', mode: 'disable' });
  root.addEventListener('rolegate:denied', (event) => {
    const detail: DeniedDetail = event.detail;
    void detail.explanation.message;
  });
  handle.update(null);
  handle.disconnect();
  void resourceOf(root);
}

const middleware = requirePermission(engine, 'eshop.order.place', {
  subject: (req) => (req.user as Subject | undefined) ?? null,
  resource: async () => ({ facility: 'f1' }),
  lang: (req) => languageOf(req),
});

// Administration.
const org: Organization = {
  tenant: 'acme',
  kind: 'customer',
  members: [{ id: 'anna', email: 'anna@acme.example', name: 'Anna', status: 'active', roles: ['purchaser'] }],
};
const invite: Operation = { op: 'invite', email: 'neu@acme.example', name: 'Neu', roles: [{ role: 'operator', scope: { facility: 'f1' } }] };
const applied: ApplyResult = engine.apply(org, 'anna', invite, new Date(), 'de');
const next: Organization | undefined = applied.ok ? applied.org : undefined;
const violations: Violation[] = applied.ok ? [] : applied.violations;
const whoCan: MemberRef[] = engine.whoCan(org, 'eshop.order.release', { facility: 'f1' });
const loaded: OrganizationHandle = engine.organization(org);
const askOnce: MemberRef[] = loaded.whoCan('eshop.order.release');
loaded.free();
const admins: MemberRef[] = engine.admins(org);
const myData: MyData = engine.myData(org, 'anna');
const memberSession: Session = engine.memberSession(org, 'anna');
const orgFindings: OrgFinding[] = engine.lintOrg(org, { now: '2026-11-22T12:00:00Z', lang: 'en' });
const nodeFull = NodeFullEngine.builtin('mytrumpf');
const fullFindings: Finding[] = nodeFull.lint();
void fullFindings;
void nodeFull.whoCan(org, 'eshop.order.release');
// @ts-expect-error: rolegate/web/full has no policy linter (Node's)
void new FullPolicyEngine('{}').lint();
async function administer() {
  await initFull();
  return new FullPolicyEngine('{}').apply(org, 'anna', { op: 'approve', member: 'paul' }, '2026-11-22T12:00:00Z');
}
// Approval processes: the three-way decision, a tenant's own rules, the request's life.
const rules: ApprovalRule[] = [{ id: 'md', action: 'eshop.order.place', when: { total: { over: '5000.00 EUR' } }, tiers: [['managing_director']] }];
const ruled: Session = engine.session(subject, { approvalRules: rules });
// Time-bound assignments: a window on a role, the instant to decide at, until when answers hold.
const deputy: Subject = { tenant: 't', roles: [{ role: 'purchaser', from: '2026-12-01T00:00:00Z', until: '2026-12-15T00:00:00Z' }] };
const atText: Session = engine.session(deputy, { at: '2026-12-10T12:00:00Z' });
const atDate: Session = engine.session(deputy, { at: new Date() });
const holds: Date | null = atText.validUntil;
const windowOf: string | undefined = atDate.explain('eshop.order.release').grantedBy[0]?.until;
const expiredCode: ReasonCode = 'outside_window';
void [holds, windowOf, expiredCode];
// @ts-expect-error: a window's bounds are RFC 3339 text
const badWindow: Subject = { tenant: 't', roles: [{ role: 'purchaser', until: 5 }] };
// @ts-expect-error: the instant is a Date or text
engine.session(deputy, { at: 5 });
void badWindow;
const decided: Decision = ruled.decide('eshop.order.place', { facility: 'f1', total: '12000.00 EUR' });
const effect: Effect = decided.effect;
const tierRoles: string[][] = decided.approval ? decided.approval.tiers.map((t) => t.roles) : [];
const withRules: Organization = { ...org, approvalRules: rules };
const submitted: RequestResult = engine.submit(withRules, 'anna', 'eshop.order.place', { facility: 'f1', total: '12000.00 EUR' }, { id: 'r1', now: new Date() });
if (submitted.ok) {
  const request: ApprovalRequest = submitted.request;
  const step: Step = { step: 'reject', reason: 'not now' };
  const stepped: RequestResult = engine.step(withRules, request, 'max', step, '2026-12-02T10:00:00Z', 'de');
  const approvers: MemberRef[] = engine.eligibleApprovers(withRules, request);
  const status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired' = request.status;
  void [stepped, approvers, status, engine.approve(withRules, request, 'max'), engine.cancel(withRules, request, 'anna')];
}
const awaitingMe: Plan = engine.awaiting(withRules, 'max', 'eshop.order.place');
// @ts-expect-error: a request needs its id
engine.submit(withRules, 'anna', 'eshop.order.place', null, {});
// @ts-expect-error: a step is one of four
const badStep: Step = { step: 'approve-all' };
void [effect, tierRoles, awaitingMe, badStep];
// Tenant onboarding: a company invitation, accepted into two snapshots.
const inviteCompany: Operation = { op: 'inviteTenant', tenant: 'north', kind: 'operator', company: 'North Steel', email: 'olga@north.example', name: 'Olga' };
const sent: ApplyResult = engine.apply(org, 'cora', inviteCompany, '2026-11-22T12:00:00Z');
const accepted: ApplyResult = engine.apply(org, 'olga@north.example', { op: 'acceptTenantInvitation', invitation: 'tinv-1' });
const created: Organization | undefined = accepted.ok ? accepted.created : undefined;
const revoke: Operation = { op: 'revokeTenantInvitation', invitation: 'tinv-1' };
const customers: Customer[] = engine.customers(org, new Date());
const onboardedOnes: string[] = customers.filter((c) => c.status === 'onboarded').map((c) => c.tenant);
const provider: InvitedBy | null = engine.invitedBy(org);
const withInvitations: Organization = {
  ...org,
  tenantInvitations: [{ id: 'tinv-1', tenant: 'north', kind: 'operator', company: 'N', email: 'o@n.example', name: 'O', invitedBy: 'cora', expiresAt: '2026-12-22T12:00:00Z', status: 'open' }],
  invitedBy: { tenant: 'servo', kind: 'service_provider', invitation: 'tinv-9', since: '2026-11-22T12:00:00Z' },
};
// @ts-expect-error: a company invitation names the company
const noCompany: Operation = { op: 'inviteTenant', tenant: 'north', kind: 'operator', email: 'o@n.example', name: 'O' };
// @ts-expect-error: a company invitation is open, used or revoked
const badStatus: Organization = { ...org, tenantInvitations: [{ ...withInvitations.tenantInvitations![0], status: 'accepted' }] };
// @ts-expect-error: operations are the eleven named ones
engine.apply(org, 'anna', { op: 'promote', member: 'paul' });
// @ts-expect-error: a member's status is required
const noStatus: Organization = { tenant: 't', kind: 'k', members: [{ id: 'a', email: 'a@t', name: 'A', roles: [] }] };

// @ts-expect-error: only the two built-in policies exist
PolicyEngine.builtin('nope');
// @ts-expect-error: the action is a string
engine.can(subject, 42);
// @ts-expect-error: a subject needs a tenant
engine.can({ roles: [] }, 'x');
// @ts-expect-error: only English and German
engine.explain(subject, 'x', null, 'fr');
// @ts-expect-error: sessions come from engine.session()
new Session();
// @ts-expect-error: the mode is 'hide' or 'disable'
gate(document.body, null, { mode: 'remove' });

// @ts-expect-error actions are strings
session.canMany([1]);
void [allowed, codes, fast, rows, mine, roles, permissions, kinds, cell, findings, fingerprint, bytes, browser, middleware];
void [next, violations, whoCan, askOnce, admins, myData, memberSession, orgFindings, administer, noStatus];
void [sent, created, revoke, onboardedOnes, provider, noCompany, badStatus];

// Typed action ids: the built-ins are typed out of the box, a policy of your own with the file
// `rolegate types --policy FILE` writes (here examples/policy/shop.json); untyped use compiles.
const mytrumpf = PolicyEngine.builtin('mytrumpf');
const anyone = { tenant: 'acme', roles: ['operator'] };
const typedCan: boolean = mytrumpf.session(anyone).can('eshop.order.place') && mytrumpf.can(anyone, 'eshop.order.request');
// @ts-expect-error: a misspelt action of the built-in policy does not compile
mytrumpf.session(anyone).can('eshop.order.plac');
// @ts-expect-error: nor on the engine
mytrumpf.can(anyone, 'eshop.order.plac');
// @ts-expect-error: nor an action of the other built-in policy
mytrumpf.whoCan(org, 'asset.manage');
const platformActions: PlatformIds['permission'][] = ['asset.manage', 'customer_case.read'];
const roleOfMine: MytrumpfIds['role'] = 'purchaser';
// @ts-expect-error: roles are typed too, for code of your own
const misspeltRole: MytrumpfIds['role'] = 'purchasr';
const shop = new PolicyEngine<ShopIds>('{}');
const shopCan: boolean = shop.can(anyone, 'order.place') && shop.session(anyone).canAnywhere('cases.manage');
// @ts-expect-error: a misspelt action of a generated file does not compile
shop.session(anyone).can('order.plase');
const loadedShop: PolicyEngine<ShopIds> = PolicyEngine.load<ShopIds>('{}');
// @ts-expect-error: the generated kinds
loadedShop.roles('customr');
// Untyped: any string, from data too.
const fromData: string = 'whatever.action';
const untypedCan: boolean = new PolicyEngine('{}').can(anyone, fromData);
const widened: PolicyEngine = mytrumpf;
const ids: PolicyIds = { permission: fromData, role: fromData, kind: fromData, module: fromData, scope: fromData, attribute: fromData };
void [typedCan, platformActions, roleOfMine, misspeltRole, shopCan, untypedCan, widened, ids];

// The policy travels with its fingerprint.
const watcher = watchPolicy<MytrumpfIds>('/api/policy', { onChange: (next) => void next.fingerprint });
const watchedCan: boolean = watcher.engine.can(anyone, 'eshop.order.place');
// @ts-expect-error: the watcher's engine is typed with the ids it was given
watcher.engine.can(anyone, 'eshop.order.plac');
const changed: boolean = watcher.check(new Response(null, { headers: { [FINGERPRINT_HEADER]: 'x' } }));
async function watched() {
  await watcher.ready;
  return (await watcher.fetch('/api/orders', { method: 'POST' })).status;
}
const serve = servePolicy(mytrumpf);
const stamp = fingerprintHeader(() => mytrumpf);
const headerName: 'Rolegate-Fingerprint' = EXPRESS_FINGERPRINT_HEADER;
void [watchedCan, changed, watched, serve, stamp, headerName];

// rolegate/react.
const tree = createElement(RolegateProvider, { session: mytrumpf.session(anyone), lang: 'de' }, createElement(Can, { action: 'eshop.order.place', fallback: 'ask' }, 'order'));
const byEngine = createElement(RolegateProvider, { engine: mytrumpf, subject: anyone });
function Hooks() {
  const allowed: boolean = useCan<MytrumpfIds>('eshop.order.place', { facility: 'f1' });
  const why = useExplain('eshop.order.place');
  const current = useSession();
  // @ts-expect-error: a misspelt action with the policy's ids
  useCan<MytrumpfIds>('eshop.order.plac');
  return [allowed, why?.message, current?.tenant];
}
const orderProps: CanProps<MytrumpfIds> = { action: 'eshop.order.place', children: (allowed) => (allowed ? 'yes' : 'no') };
// @ts-expect-error: a misspelt action in <Can>'s props
const misspeltProps: CanProps<MytrumpfIds> = { action: 'eshop.order.plac' };
// @ts-expect-error: a provider takes a session, or an engine and a subject, not both
const both = createElement(RolegateProvider, { session: null, engine: mytrumpf, subject: anyone });
void [tree, byEngine, Hooks, orderProps, misspeltProps, both];

// Typed once for the whole app: every call site below is checked against the policy's ids.
const bound = createRolegate(mytrumpf);
const typedIds = createRolegate<MytrumpfIds>();
function TypedApp() {
  const may: boolean = bound.useCan('eshop.order.place');
  const why = typedIds.useExplain('eshop.order.release');
  const ask: WhomToAsk = bound.useWhomToAsk(null, 'eshop.order.release');
  // @ts-expect-error: a misspelt action, with no type parameter at the call site
  bound.useCan('eshop.order.plase');
  // @ts-expect-error: the same in useExplain
  typedIds.useExplain('eshop.order.relase');
  return [may, why?.code, ask.roles.length, ask.members?.length];
}
const boundCan = createElement(bound.Can, { action: 'eshop.order.place', fallback: 'ask' });
// @ts-expect-error: a misspelt action in the typed <Can>
const boundMisspelt = createElement(bound.Can, { action: 'eshop.order.plac' });
const reported = createElement(bound.RolegateProvider, { engine: mytrumpf, subject: anyone, onError: (error: unknown) => console.warn(error) });
void [TypedApp, boundCan, boundMisspelt, reported];

// A policy imported as a JSON module is a policy to load.
const fromJson = new PolicyEngine(shopPolicy);
const builtinFromJson = new PolicyEngine<MytrumpfIds>(mytrumpfPolicy);
void [fromJson, builtinFromJson];
