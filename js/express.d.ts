import type { Lang, Resource, Subject } from './rolegate.js';

/** What the middleware leaves on the request: `req.rolegate`. */
export interface RolegateDecision {
  allowed: boolean;
  code: string;
  action: string;
}

declare global {
  // Express's own request type gains `req.rolegate` (the way Express middleware types do it).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by rolegate/express's `requirePermission`. */
      rolegate?: RolegateDecision;
    }
  }
}

/**
 * The parts of an HTTP request the middleware reads: Express's `Request` (4 and 5) and Node's
 * `IncomingMessage` are both one.
 */
export interface RequestLike {
  headers?: Record<string, string | string[] | undefined>;
  rolegate?: RolegateDecision;
}

/** The parts of an HTTP response the middleware writes: Express's `Response` or Node's `ServerResponse`. */
export interface ResponseLike {
  status?(code: number): { json?(body: unknown): unknown };
  json?(body: unknown): unknown;
  statusCode?: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** Express's `next`: called with nothing to go on, with an error for Express's error handling. */
export type Next = (error?: unknown) => void;

/** A handler as Express (4 and 5) and plain `node:http` take it. */
export type Middleware = (req: RequestLike, res: ResponseLike, next: Next) => Promise<void>;

/** The engine `requirePermission` asks: a `PolicyEngine` (typed or not), or an adapter of the same shape. */
export interface GuardEngine<A extends string = string> {
  /** Only exactly `true` (or a promise of it) lets a request through. */
  can(subject: Subject, action: A, resource?: Resource | null): boolean | Promise<boolean>;
  explain(subject: Subject, action: A, resource?: Resource | null, lang?: Lang): { code: string; message: string; grantingRoles?: string[] } | undefined;
  readonly loaded?: boolean;
}

/** The body of every refusal: `error` (the HTTP meaning), `code` (the engine's or the middleware's), `message`. */
export interface Refusal {
  error: 'forbidden' | 'unauthorized' | 'bad_request' | 'unavailable';
  code: string;
  message: string;
  /** On 403: the action refused. */
  action?: string;
  /** On a denial (403): the roles that grant the action, whom to ask. */
  grantingRoles?: string[];
}

/** What `onDecision` hears, for every request the middleware answers or lets through. */
export interface DecisionEvent<Req, A extends string = string> {
  req: Req;
  action: A;
  allowed: boolean;
  /** 200 when allowed; else the refusal's status (401, 400, 403, 503). */
  status: number;
  code: string;
  subject?: Subject;
}

/** The default request type of the options' functions: the request with anything your app put on it. */
export type AnyRequest = RequestLike & { [key: string]: any };

export interface RequirePermissionOptions<Req = AnyRequest, A extends string = string> {
  /**
   * The request's subject (or a promise of it). Nothing (`null`, `undefined`) answers 401
   * `no_subject`; a throw or a rejection goes to `next(error)` (a fault of the server, not the client).
   */
  subject: (req: Req) => Subject | null | undefined | Promise<Subject | null | undefined>;
  /** The request's resource, if the action is done on one; a throw or a rejection goes to `next(error)`. */
  resource?: (req: Req) => Resource | null | undefined | Promise<Resource | null | undefined>;
  /** The language of messages; default: from Accept-Language (a function that throws: the same). */
  lang?: Lang | ((req: Req) => Lang);
  /** Called for every answer (for logging); a throw goes to `next(error)`. */
  onDecision?: (event: DecisionEvent<Req, A>) => void;
  /** Shapes a refusal: return the body to send instead (its status stays); nothing keeps `refusal.body`. */
  onDenied?: (refusal: { status: number; body: Refusal }, req: Req) => object | undefined | void;
}

/**
 * Express middleware: `next()` only when `engine.can` answers exactly `true`; otherwise 403 (denied,
 * or a subject that does not fit the policy, with its code), 401 `no_subject`, 400
 * `invalid_resource`, 503 `no_policy` (no engine, or one without a policy), or `next(error)` for a
 * fault of the caller's functions or an engine that answers anything but `true`/`false`. With a
 * typed engine, a misspelt action does not compile; an action the engine's policy does not know
 * throws here (code `unknown_action`), when the middleware is made.
 */
export function requirePermission<A extends string, Req = AnyRequest>(
  engine: GuardEngine<A> | (() => GuardEngine<A> | null | undefined) | null | undefined,
  action: NoInfer<A>,
  options: RequirePermissionOptions<Req, NoInfer<A>>,
): Middleware;

/** 'de' when the request's first preferred language is German, else 'en'. */
export function languageOf(req: RequestLike): Lang;

/** The response header that carries the policy's fingerprint: `Rolegate-Fingerprint`. */
export const FINGERPRINT_HEADER: 'Rolegate-Fingerprint';

/** What `servePolicy` and `fingerprintHeader` read of an engine. */
export interface ServedEngine {
  policy(): unknown;
  readonly fingerprint: string;
  readonly loaded?: boolean;
}

/** A loaded engine, or a function returning the current one (for a server that reloads its policy). */
export type EngineSource = ServedEngine | (() => ServedEngine | null | undefined);

/** A handler serving the policy as JSON with `ETag: "<fingerprint>"` (304 on If-None-Match); 503 `no_policy` without one. */
export function servePolicy(engine: EngineSource): (req: RequestLike, res: ResponseLike) => void;

/** Middleware setting `Rolegate-Fingerprint` on every response (none without a loaded engine). */
export function fingerprintHeader(engine: EngineSource): (req: RequestLike, res: ResponseLike, next: Next) => void;
