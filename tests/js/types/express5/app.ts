// rolegate/express as Express 5 handlers (@types/express 5), under `tsc --strict`, without casts;
// and the call sites that must not compile. express4/ compiles the same file against Express 4.
import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { PolicyEngine, type Subject } from 'rolegate';
import { fingerprintHeader, requirePermission, servePolicy, type DecisionEvent, type Refusal } from 'rolegate/express';

const engine = PolicyEngine.builtin('mytrumpf');
const loose: PolicyEngine = PolicyEngine.load({});
const app = express();

// Every export, as the handler types Express declares.
const stamp: RequestHandler = fingerprintHeader(engine);
const serve: RequestHandler = servePolicy(engine);
const guard: RequestHandler = requirePermission(engine, 'eshop.order.place', { subject: (req) => req.user as Subject | undefined });
app.use(stamp);
app.use(fingerprintHeader(() => engine));
app.get('/api/policy', servePolicy(engine));
app.get('/api/policy/current', servePolicy(() => engine));
app.post('/orders', requirePermission(engine, 'eshop.order.place', { subject: (req) => req.user as Subject | undefined }), (req, res) => {
  // req.rolegate is on Express's Request.
  res.json({ ok: req.rolegate?.allowed === true });
});
app.post('/cases/:facility', guard, serve);

// The request of Express in the options' functions, typed, when named.
const typed = requirePermission<'service.case.manage', Request>(engine, 'service.case.manage', {
  subject: (req: Request) => (req.header('x-user') ? { id: String(req.header('x-user')), tenant: 'acme', roles: ['operator'] } : null),
  resource: async (req: Request) => ({ facility: String(req.params.facility) }),
  lang: (req) => (req.acceptsLanguages('de') ? 'de' : 'en'),
  onDecision: (event: DecisionEvent<Request, 'service.case.manage'>) => console.log(event.req.path, event.action, event.allowed, event.status),
  onDenied: ({ status, body }: { status: number; body: Refusal }) => ({ status, reason: body.code, ask: body.grantingRoles ?? [] }),
});
app.put('/cases/:facility', typed);

// An engine that reloads, an untyped engine, and an adapter with an asynchronous `can`.
let current: PolicyEngine | undefined = loose;
app.get('/reloading', requirePermission(() => current, 'any.action', { subject: () => null }));
current = undefined;
app.get('/adapter', requirePermission({ can: async () => false, explain: () => undefined }, 'x', { subject: () => null }));

// Inside a handler of the app's own, with Express's types.
app.get('/inline', (req: Request, res: Response, next: NextFunction) => {
  void guard(req, res, next);
});
const onError: ErrorRequestHandler = (error, _req, res, _next) => {
  res.status(500).json({ fault: String(error) });
};
app.use(onError);

// Call sites that must not compile.
// @ts-expect-error a misspelt action of a typed engine
requirePermission(engine, 'eshop.order.plase', { subject: () => null });
// @ts-expect-error the engine's function must return an engine
requirePermission(() => 42, 'x', { subject: () => null });
// @ts-expect-error subject is required
requirePermission(engine, 'eshop.order.place', {});
// @ts-expect-error lang is 'en' or 'de'
requirePermission(engine, 'eshop.order.place', { subject: () => null, lang: 'fr' });
// @ts-expect-error servePolicy needs an engine
servePolicy(undefined);
