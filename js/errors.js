// The errors the package throws. Every one has a stable `code` and a `problems` list
// (`{ code, path, message, messages: { en, de } }`), so callers never parse message text.

/** `value` as message text; never throws (`String` does for some objects). */
function text(value) {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `value` described for a message: `an object`, `the number 3`, `the string "x"`. */
export function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'function') return 'a function';
  return `the ${typeof value} ${String(value)}`;
}

/** One problem, as every error of the package lists them: the message in English and in both languages. */
export function problem(code, path, en, de) {
  return { code, path, message: en, messages: { en, de } };
}

/** A RequestError about one argument, in both languages. */
export function argumentError(path, en, de) {
  return new RequestError('invalid_request', `${path}: ${en}`, [problem('invalid_argument', path, en, de)]);
}

/**
 * What reading an argument threw (a getter, a proxy, a `toJSON`) as a RequestError at `path`; the
 * package's own argument errors pass unchanged.
 */
export function unreadable(error, path) {
  if (error instanceof RequestError) return error;
  let reason;
  try {
    reason = error instanceof Error ? error.message : describe(error);
  } catch {
    reason = 'an exception';
  }
  return argumentError(path, `cannot be read: ${reason}`, `kann nicht gelesen werden: ${reason}`);
}

/** Errors about the engine's state or the module itself: `freed`, `not_initialized`, `internal`. */
export class RolegateError extends Error {
  constructor(code, message, problems = []) {
    super(text(message));
    this.name = 'RolegateError';
    this.code = code;
    this.problems = problems;
  }
}

/** A policy that failed validation: `code` is `invalid_policy`, `problems` lists every problem. */
export class PolicyError extends RolegateError {
  constructor(message, problems) {
    super('invalid_policy', message, problems);
    this.name = 'PolicyError';
  }
}

/**
 * An argument that does not fit: a subject with a missing tenant or an unknown role, a resource
 * that is not an object, an action that is not a string. A `TypeError`; `code` is
 * `invalid_request` (or `unknown_builtin`), and each problem's `path` names the field.
 */
export class RequestError extends TypeError {
  constructor(code, message, problems) {
    super(text(message));
    this.name = 'RequestError';
    this.code = code;
    this.problems = problems;
  }
}

/**
 * Gives each class its own name back: the packaged builds are minified (without esbuild's
 * keep-names helpers, which cost part of a cold start), and a class's name shows in the console
 * and in stack traces.
 */
export function keepNames(classes) {
  for (const [name, value] of Object.entries(classes)) Object.defineProperty(value, 'name', { value: name });
}

keepNames({ RolegateError, PolicyError, RequestError });

/** Whether `error` was thrown by rolegate (then it has `code` and `problems`). */
export function isRolegateError(error) {
  return error instanceof RolegateError || error instanceof RequestError;
}
