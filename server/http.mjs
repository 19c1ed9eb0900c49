// The demo server's HTTP conventions: only its own host names (before any route), refusals as
// `{ error, code, message }` in the request's language (texts in common/i18n.js, shared with the
// page), strict reading of JSON bodies (and of text the database cannot hold), same-origin JSON
// for every change, security headers, and an error handler that answers a client's mistake with
// a 4xx and never leaks a stack.

import { languageOf } from 'rolegate/express';
import { t } from '../common/i18n.js';

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
 * Where `value` (a parsed JSON body, a query) holds text PostgreSQL cannot store — a NUL
 * character (text and jsonb refuse it) or a lone surrogate (not UTF-8) — in a value or a key: the
 * field's path (`op.name`, `roles[0]`), or null. Iterative: a deeply nested body cannot overflow
 * the stack.
 */
export function unstorableText(value, root = '') {
  const bad = (s) => s.includes('\u0000') || !s.isWellFormed();
  // The path as it is shown: a key's NUL or lone surrogate written out, not sent back.
  const shown = (path) => path.replaceAll('\u0000', '\\0').toWellFormed();
  const stack = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop();
    if (typeof v === 'string') {
      if (bad(v)) return shown(path) || 'body';
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (bad(key)) return shown(at);
        stack.push([item, at]);
      }
    }
  }
  return null;
}

/**
 * The request's JSON body checked against `spec` (`{ field: 'string' | 'integer' | 'object' |
 * 'array' | '?string' … }`, `?` = optional): an object with exactly those fields, or a 400 naming
 * the field that is wrong. No body is `{}`; a JSON `null` is not an object (400), and neither is
 * text the database cannot hold anywhere in it (400 `bad_text` naming the field).
 */
export function readBody(req, spec) {
  const body = req.body === undefined ? {} : req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('not_object');
  const unstorable = unstorableText(body);
  if (unstorable !== null) throw badRequest('bad_text', unstorable);
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

/**
 * Host names (`Host` header values: `name` or `name:port`, lower case) the server answers for:
 * `127.0.0.1:PORT` and `localhost:PORT`, and those a setting adds (server/main.mjs). Each entry of
 * `extra` without a port counts as itself (a proxy on the default port) and with the port.
 */
export function ownHosts(port, extra = []) {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  for (const entry of extra) {
    const host = entry.trim().toLowerCase();
    if (!host) continue;
    if (!/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(host)) {
      throw new TypeError(`not a host name (name or name:port): ${JSON.stringify(entry)}`);
    }
    hosts.add(host);
    if (!/:\d+$/.test(host)) hosts.add(`${host}:${port}`);
  }
  return hosts;
}

/**
 * Refuses, before any route, a request whose `Host` is not one of `hosts()` (a Set of
 * `ownHosts`): 421 `unknown_host`. A page on another name that resolves here (DNS rebinding:
 * `rebind.attacker.example` pointed at 127.0.0.1) is the other name's origin, and so are its
 * `Origin` headers; only the Host names the server knows make the same-origin check mean
 * anything.
 */
export function hostGuard(hosts) {
  return (req, res, next) => {
    const host = String(req.headers.host ?? '').toLowerCase();
    if (hosts().has(host) === true) return next();
    res.setHeader('Cache-Control', 'no-store');
    return sendError(req, res, new ApiError(421, 'misdirected', 'unknown_host', [host.slice(0, 100) || '–']));
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change (any method but GET/HEAD) is accepted only as `application/json`, and only from this
 * server's own origin: a browser's `Origin` (and `Sec-Fetch-Site`) must say so. The origin is
 * the request's `Host`, which `hostGuard` checked to be one of the server's own names. A request
 * without them is not a browser's cross-site request (curl, tests) and passes.
 */
export function sameOriginJson(req, res, next) {
  if (SAFE.has(req.method)) return next();
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return sendError(req, res, new ApiError(415, 'unsupported_media_type', 'json_only'));
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const host = String(req.headers.host ?? '').toLowerCase();
  const own = origin === `http://${host}` || origin === `https://${host}`;
  if ((origin !== undefined && !own) || (site !== undefined && site !== 'same-origin')) {
    return sendError(req, res, new ApiError(403, 'forbidden', 'cross_origin'));
  }
  return next();
}

/** The last handler: refusals as JSON; body-parser's and the router's errors as the 4xx they are; anything else 500 (logged). */
export function errorHandler(error, req, res, next) {
  if (res.headersSent) return next(error);
  if (error instanceof ApiError) return sendError(req, res, error);
  if (error?.type === 'entity.parse.failed') return sendError(req, res, badRequest('bad_json'));
  // The router could not decode a path parameter (a malformed %-escape).
  if (error instanceof URIError) return sendError(req, res, badRequest('bad_path'));
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
