// The demo server's HTTP conventions: refusals as `{ error, code, message }` in the request's
// language (texts in www/js/i18n.js, shared with the page), strict reading of JSON bodies,
// same-origin JSON for every change, security headers, and an error handler that answers a
// client's mistake with a 4xx and never leaks a stack.

import { languageOf } from 'rolegate/express';
import { t } from '../www/js/i18n.js';

/** The largest request body accepted, in bytes. */
export const BODY_LIMIT = 16 * 1024;

/** A refusal: HTTP `status`, `error` class, `code`, and the text `api_<code>` filled with `args`. */
export class ApiError extends Error {
  constructor(status, error, code, args = [], extra = {}) {
    super(code);
    Object.assign(this, { status, error, code, args, extra });
  }
}

export const badRequest = (code, ...args) => new ApiError(400, 'bad_request', code, args);
export const notFound = (what) => new ApiError(404, 'not_found', 'not_found', [what]);

/** Sends a refusal in the request's language. */
export function sendError(req, res, error) {
  const message = error.message_ ?? t(req.lang ?? 'en', `api_${error.code}`, ...error.args);
  res.status(error.status).json({ error: error.error, code: error.code, message, ...error.extra });
}

/** A refusal whose message is given (the engine's own, already in the request's language). */
export function refusal(status, error, code, message, extra = {}) {
  const e = new ApiError(status, error, code, [], extra);
  e.message_ = message;
  return e;
}

const TYPE_NAMES = {
  string: ['a string', 'eine Zeichenkette'],
  integer: ['a whole number', 'eine ganze Zahl'],
  object: ['an object', 'ein Objekt'],
  array: ['a list of strings', 'eine Liste von Zeichenketten'],
};

/**
 * The request's JSON body checked against `spec` (`{ field: 'string' | 'integer' | 'object' |
 * 'array' | '?string' … }`, `?` = optional): an object with exactly those fields, or a 400 naming
 * the field that is wrong.
 */
export function readBody(req, spec) {
  const body = req.body ?? {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('not_object');
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(spec, key)) throw badRequest('unknown_field', key);
  }
  for (const [key, kind] of Object.entries(spec)) {
    const optional = kind.startsWith('?');
    const type = optional ? kind.slice(1) : kind;
    const value = body[key];
    if (value === undefined) {
      if (optional) continue;
      throw badRequest('missing_field', key);
    }
    const ok =
      type === 'string' ? typeof value === 'string' && value.length <= 500
      : type === 'integer' ? Number.isSafeInteger(value)
      : type === 'object' ? value !== null && typeof value === 'object' && !Array.isArray(value)
      : Array.isArray(value) && value.length <= 100 && value.every((v) => typeof v === 'string');
    if (!ok) throw badRequest('wrong_type', key, TYPE_NAMES[type][req.lang === 'de' ? 1 : 0]);
  }
  return body;
}

/** A positive whole number from a path parameter, or 404 for `what`. */
export function idParam(value, what) {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw notFound(what);
  return Number(value);
}

/**
 * Every response: the page may run only its own scripts (no inline script, no eval; wasm
 * compilation allowed), connect only to this server, and not be framed. `securityHeaders` sets
 * them and reads the request's language (`req.lang`).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(req, res, next) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  req.lang = languageOf(req);
  next();
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change (any method but GET/HEAD) is accepted only as `application/json`, and only from this
 * server's own origin: a browser's `Origin` (and `Sec-Fetch-Site`) must say so. A request without
 * them is not a browser's cross-site request (curl, tests) and passes.
 */
export function sameOriginJson(req, res, next) {
  if (SAFE.has(req.method)) return next();
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return sendError(req, res, new ApiError(415, 'unsupported_media_type', 'json_only'));
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const own = `http://${req.headers.host}`;
  if ((origin !== undefined && origin !== own) || (site !== undefined && site !== 'same-origin')) {
    return sendError(req, res, new ApiError(403, 'forbidden', 'cross_origin'));
  }
  return next();
}

/** The last handler: refusals as JSON; body-parser's errors as the 4xx they are; anything else 500 (logged). */
export function errorHandler(error, req, res, next) {
  if (res.headersSent) return next(error);
  if (error instanceof ApiError) return sendError(req, res, error);
  if (error?.type === 'entity.parse.failed') return sendError(req, res, badRequest('bad_json'));
  if (error?.type === 'entity.too.large') return sendError(req, res, new ApiError(413, 'too_large', 'too_large', [BODY_LIMIT]));
  if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
    return sendError(req, res, new ApiError(415, 'unsupported_media_type', 'json_only'));
  }
  if (Number.isInteger(error?.status) && error.status >= 400 && error.status < 500) {
    return sendError(req, res, new ApiError(error.status, 'bad_request', 'bad_json'));
  }
  console.error(error);
  return sendError(req, res, new ApiError(500, 'internal', 'internal'));
}
