import type { Lang, PolicyEngine, Resource, Subject } from './rolegate.js';

/** The parts of an HTTP request the middleware reads. */
export interface RequestLike {
  headers?: Record<string, string | string[] | undefined>;
  rolegate?: { allowed: boolean; code: string; action: string };
  [key: string]: unknown;
}

/** The parts of an HTTP response the middleware writes (Express's or Node's). */
export interface ResponseLike {
  status?(code: number): ResponseLike;
  json?(body: unknown): unknown;
  statusCode?: number;
  setHeader?(name: string, value: string): unknown;
  end?(body?: string): unknown;
}

export interface RequirePermissionOptions<Req extends RequestLike = RequestLike> {
  /** The request's subject (or a promise of it); nothing or a throw answers 401. */
  subject: (req: Req) => Subject | null | undefined | Promise<Subject | null | undefined>;
  /** The request's resource, if the action is done on one. */
  resource?: (req: Req) => Resource | null | undefined | Promise<Resource | null | undefined>;
  /** The language of messages; default: from Accept-Language. */
  lang?: Lang | ((req: Req) => Lang);
}

/**
 * Express middleware: next() when allowed; 403/401/400/503 JSON `{ error, code, message }` otherwise
 * (503 `no_policy` when `engine` is missing or has no policy: `engine.loaded === false`).
 */
export function requirePermission<Req extends RequestLike = RequestLike>(
  engine: (Pick<PolicyEngine, 'can' | 'explain'> & { readonly loaded?: boolean }) | null | undefined,
  action: string,
  options: RequirePermissionOptions<Req>,
): (req: Req, res: ResponseLike, next: (error?: unknown) => void) => Promise<void>;

/** 'de' when the request's first preferred language is German, else 'en'. */
export function languageOf(req: RequestLike): Lang;

/** The response header that carries the policy's fingerprint: `Rolegate-Fingerprint`. */
export const FINGERPRINT_HEADER: 'Rolegate-Fingerprint';

/** A loaded engine, or a function returning the current one (for a server that reloads its policy). */
export type EngineSource = Pick<PolicyEngine, 'policy' | 'fingerprint'> & { readonly loaded?: boolean } | (() => (Pick<PolicyEngine, 'policy' | 'fingerprint'> & { readonly loaded?: boolean }) | null | undefined);

/** A handler serving the policy as JSON with `ETag: "<fingerprint>"` (304 on If-None-Match); 503 `no_policy` without one. */
export function servePolicy(engine: EngineSource): (req: RequestLike, res: ResponseLike & { setHeader(name: string, value: string): unknown; end(body?: string): unknown }) => void;

/** Middleware setting `Rolegate-Fingerprint` on every response. */
export function fingerprintHeader(engine: EngineSource): (req: RequestLike, res: ResponseLike & { setHeader(name: string, value: string): unknown }, next: (error?: unknown) => void) => void;
