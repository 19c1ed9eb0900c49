// The package's API, written once over the wasm module's low-level classes, for both the Node
// and the browser builds. It checks arguments, hands the module plain copies of the caller's
// values (the module reads them with serde-wasm-bindgen and answers with plain objects), and turns
// what the module throws into the package's error classes.

import { argumentError, describe, keepNames, PolicyError, problem, RequestError, RolegateError, unreadable } from './errors.js';
import { decide, fastCan, grantsOf, resourceTenant, SubjectTable, subjectTokens } from './fast.js';

const INTERNAL = Symbol('rolegate.internal');

/** Bytes from base64 (`atob` exists in browsers and in Node ≥ 16). */
function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The error of `new Session()` and the like: classes the package makes, not their users. */
function notConstructible(message) {
  const error = new TypeError(message);
  error.code = 'not_constructible';
  return error;
}

/** Nesting deeper than this is refused, as the module refuses it (`rolegate::MAX_DEPTH`). */
const MAX_DEPTH = 127;

const { keys: ownKeys } = Object;

/** Whether `text` is well-formed UTF-16 (a lone surrogate would reach the module as U+FFFD). */
const wellFormed = String.prototype.isWellFormed
  ? (text) => text.isWellFormed()
  : (text) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** `parent.key` or `parent[i]`, as the module writes paths. */
function at(parent, key) {
  return typeof key === 'number' ? `${parent}[${key}]` : /^[A-Za-z0-9_-]+$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * A plain copy of `value` as JSON data: what `JSON.parse(JSON.stringify(value))` gives (a `toJSON`
 * is used, a `Date` becomes its text, members that are `undefined`, functions or symbols are left
 * out), or a RequestError naming the place that is not data (a BigInt, text with a lone surrogate,
 * nesting deeper than 127 levels, a cycle, a value that throws when read). The module reads the
 * copy with serde-wasm-bindgen, so no caller's getter or proxy ever runs while the module is on
 * the stack (an exception there would unwind through Rust's frames).
 */
function data(value, name) {
  try {
    return copy(value, name, '', 0, []);
  } catch (error) {
    throw unreadable(error, name);
  }
}

function copy(value, path, key, depth, ancestors) {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint') && typeof value.toJSON === 'function') {
    value = value.toJSON(key);
  }
  switch (typeof value) {
    case 'string':
      if (!wellFormed(value)) {
        throw argumentError(path, 'is not well-formed text: it holds a lone surrogate', 'ist kein wohlgeformter Text: er enthält ein einzelnes Ersatzzeichen');
      }
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      throw argumentError(path, `must be JSON data, not ${describe(value)}`, `muss JSON-Daten sein, nicht ${describe(value)}`);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) {
    throw argumentError(path, `is nested more than ${MAX_DEPTH} levels deep`, `ist mehr als ${MAX_DEPTH} Ebenen tief verschachtelt`);
  }
  if (ancestors.includes(value)) {
    throw argumentError(path, 'contains itself (a circular structure)', 'enthält sich selbst (eine zirkuläre Struktur)');
  }
  ancestors.push(value);
  let out;
  if (Array.isArray(value)) {
    out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copy(value[i], at(path, i), String(i), depth + 1, ancestors);
      out[i] = item === undefined ? null : item;
    }
  } else {
    out = {};
    const names = ownKeys(value);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (!wellFormed(name)) {
        throw argumentError(at(path, name), 'is not a well-formed member name', 'ist kein wohlgeformter Feldname');
      }
      const member = copy(value[name], at(path, name), name, depth + 1, ancestors);
      if (member === undefined) continue;
      // `__proto__` as an own data member, not the prototype: as JSON.parse makes it.
      if (name === '__proto__') Object.defineProperty(out, name, { value: member, enumerable: true, writable: true, configurable: true });
      else out[name] = member;
    }
  }
  ancestors.pop();
  return out;
}

/** An object argument as plain data (see `data`). */
function object(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw argumentError(name, `must be an object, not ${describe(value)}`, `muss ein Objekt sein, nicht ${describe(value)}`);
  }
  return data(value, name);
}

/** A list argument as plain data (see `data`). */
function list(value, name) {
  if (!Array.isArray(value)) {
    throw argumentError(name, `must be a list, not ${describe(value)}`, `muss eine Liste sein, nicht ${describe(value)}`);
  }
  return data(value, name);
}

/** An optional object argument: `undefined` when left out or `null`. */
function optionalObject(value, name) {
  return value === undefined || value === null ? undefined : object(value, name);
}

function string(value, name) {
  if (typeof value !== 'string') {
    throw argumentError(name, `must be a string, not ${describe(value)}`, `muss eine Zeichenkette sein, nicht ${describe(value)}`);
  }
  return value;
}

function optionalString(value, name) {
  return value === undefined || value === null ? undefined : string(value, name);
}

/** A time for the engine: RFC 3339 text or a `Date`, passed on as it is; the current time when left out. */
function time(value, name) {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw argumentError(name, 'must be a valid date, not an Invalid Date', 'muss ein gültiges Datum sein, kein Invalid Date');
    }
    return value;
  }
  if (typeof value !== 'string') {
    const en = `must be an RFC 3339 time (e.g. '2026-11-22T12:00:00Z') or a Date, not ${describe(value)}`;
    const de = `muss eine Zeit nach RFC 3339 (z. B. '2026-11-22T12:00:00Z') oder ein Date sein, nicht ${describe(value)}`;
    throw argumentError(name, en, de);
  }
  return value;
}

/** `whoCan`'s `options.anywhere`: `true` or `false`; with a resource, it is refused. */
function anywhereOf(resource, opts) {
  const { anywhere = false } = options(opts, 'options');
  if (typeof anywhere !== 'boolean') {
    throw argumentError('options.anywhere', `must be true or false, not ${describe(anywhere)}`, `muss true oder false sein, nicht ${describe(anywhere)}`);
  }
  if (anywhere && resource !== undefined && resource !== null) {
    throw argumentError('options.anywhere', 'cannot be true with a resource: it asks who may do the action somewhere', 'kann nicht zusammen mit einer Ressource true sein: es fragt, wer die Aktion irgendwo darf');
  }
  return anywhere;
}

function options(value, name) {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw argumentError(name, `must be an options object, not ${describe(value)}`, `muss ein Optionsobjekt sein, nicht ${describe(value)}`);
  }
  return value;
}

/**
 * One row of `canMany` on the fast path, `ask(action)` answering the cells the module must (an
 * action an approval rule governs); `undefined` when the plain path must answer the batch.
 */
function fastRow(grants, actions, resource, ask) {
  const tenant = resourceTenant(resource);
  if (tenant === undefined) return undefined;
  const row = new Array(actions.length);
  for (let j = 0; j < actions.length; j++) {
    let answer = decide(grants, actions[j], resource, tenant);
    if (answer === undefined) {
      if (!grants.deferred?.has(actions[j]) && !grants.ruled?.has(actions[j])) return undefined;
      answer = ask(actions[j]);
    }
    row[j] = answer;
  }
  return row;
}

/**
 * A `RequestError` about `resource` as one about `to` (`resources[3]`): its problems' paths and
 * its message moved; any other error as it is.
 */
function movedTo(error, to) {
  if (!(error instanceof RequestError)) return error;
  const move = (path) => (path === 'resource' || /^resource[.[]/.test(path) ? to + path.slice('resource'.length) : path);
  const problems = error.problems.map((p) => ({ ...p, path: move(p.path) }));
  return new RequestError(error.code, problems.map((p) => `${p.path}: ${p.message}`).join('\n'), problems);
}

/** How many subjects' grants an engine keeps for `engine.can` (then it starts over). */
const REMEMBERED_SUBJECTS = 1024;

/** Why an engine without a policy denies: the message of its `no_policy` decisions. */
const NO_POLICY = {
  en: 'The permission policy did not load, so nothing is allowed.',
  de: 'Die Berechtigungsrichtlinie wurde nicht geladen, daher ist nichts erlaubt.',
};

/** `lang` checked as the module checks it: `'en'` when left out. */
function language(lang) {
  const text = optionalString(lang, 'lang') ?? 'en';
  if (text !== 'en' && text !== 'de') {
    throw argumentError('lang', `unknown language '${text}': use 'en' or 'de'`, `unbekannte Sprache '${text}': verwenden Sie 'en' oder 'de'`);
  }
  return text;
}

/** The explanation of every decision of an engine without a policy (the arguments checked first). */
function noPolicyExplanation(action, resource, lang) {
  string(action, 'action');
  optionalObject(resource, 'resource');
  const message = NO_POLICY[language(lang)];
  return { allowed: false, effect: 'deny', code: 'no_policy', action, grantedBy: [], blocked: [], grantingRoles: [], message };
}

/** The decision of every check of an engine without a policy (the arguments checked first). */
function noPolicyDecision(action, resource) {
  const { allowed, effect, code } = noPolicyExplanation(action, resource);
  return { allowed, effect, code };
}

/** The tenant of a subject's plain copy, for an engine without a policy ('' when it names none). */
function tenantOf(subject) {
  return typeof subject.tenant === 'string' ? subject.tenant : '';
}

/** The plan of every action for a subject of `tenant` on an engine without a policy: never. */
function noPolicyPlan(tenant, action) {
  string(action, 'action');
  return { decision: 'never', tenant, code: 'no_policy' };
}

/** The error of everything but decisions on an engine without a policy; `cause` says why it has none. */
function noPolicyError(cause) {
  let reason;
  try {
    reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  } catch {
    reason = 'an unprintable reason';
  }
  const en = `no policy is loaded (${reason}): decisions deny everything, nothing else can be answered`;
  const de = `keine Richtlinie geladen (${reason}): Entscheidungen verweigern alles, sonst kann nichts beantwortet werden`;
  const error = new RolegateError('no_policy', en, [problem('no_policy', 'policy', en, de)]);
  error.cause = cause;
  return error;
}

/**
 * What the wasm module threw, as the package's error classes: its errors are `Error` objects with
 * `kind` (`policy` or `request`), `code` and `problems`. (No caller's code runs while the module
 * is on the stack, see `data`: nothing else can be thrown through it.)
 */
function convert(error) {
  if (error instanceof Error && (error.kind === 'policy' || error.kind === 'request') && Array.isArray(error.problems)) {
    return error.kind === 'policy'
      ? new PolicyError(error.message, error.problems)
      : new RequestError(error.code, error.message, error.problems);
  }
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) {
    return new RolegateError('internal', `internal error in the rolegate module: ${error.message}`);
  }
  return error;
}

/** A policy given as JSON text, parsed by the JavaScript engine (for the lean module, which has no JSON parser). */
function parsePolicy(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    const en = `not valid JSON: ${error.message}`;
    const de = `kein gültiges JSON: ${error.message}`;
    throw new PolicyError(`invalid policy: 1 problem\n  $: ${en}`, [problem('json_syntax', '$', en, de)]);
  }
}

/**
 * Builds the API over `wasm`, the module's bindings. `builtins` maps the built-in policies' names
 * to `{ doc }` (the document's JSON text, which the module compiles) or `{ snapshot }` (compiled, as
 * base64, for a module that reads snapshots), written by scripts/build-pkg.mjs. `isReady` says
 * whether the module is instantiated (the browser builds need `await init()` first); `admin`,
 * whether it has administration, the matrix and the linter (the full and the Node modules);
 * `readsText`, whether it reads policy text itself (the Node module; for the others the
 * JavaScript engine parses it).
 */
export function createApi(wasm, builtins, { isReady = () => true, admin = false, requests = false, readsText = false } = {}) {
  /** Throws `not_initialized` while the module is not instantiated (the browser builds, before `ready()`). */
  function initialized() {
    if (!isReady()) {
      throw new RolegateError('not_initialized', 'rolegate is not initialized yet: call `await ready()` (or, for rolegate/web, `await init()`) first, then load the policy');
    }
  }

  function call(fn) {
    initialized();
    try {
      return fn();
    } catch (error) {
      throw convert(error);
    }
  }

  function freed(what) {
    return new RolegateError('freed', `this ${what} was freed with free() and cannot be used any more`);
  }

  /** The grants of a compiled session, for the fast path (js/fast.js). */
  function grantsOfSession(inner) {
    // Only Node's module has `fastRules` (the browser builds' size budgets): in the browser
    // builds, the actions with rules are left to the module.
    return grantsOf(inner.tenant, inner.permissions(), inner.actionsWithRules(), typeof inner.fastRules === 'function' ? inner.fastRules() : []);
  }

  /**
   * The compiled grants of one subject: `engine.session(subject)`. A session of an engine without
   * a policy has no grants: every decision is a denial with code `no_policy`.
   */
  class Session {
    #inner;
    #grants;
    /** For a session of an engine without a policy: true, and the subject's tenant. */
    #noPolicy;
    #tenant;
    /** Whether `can` was called before (see there). */
    #checked = false;
    /**
     * For a session that follows the clock (made without `options.at`) of a subject with a
     * window ahead: when it must be compiled again (ms since the epoch), and how (`#renew`).
     */
    #renewAt;
    #renew;

    constructor(token, inner, grants, noPolicy = false, tenant = undefined, renew = undefined) {
      if (token !== INTERNAL) throw notConstructible('create sessions with engine.session(subject)');
      this.#inner = inner;
      this.#grants = grants;
      this.#noPolicy = noPolicy;
      this.#tenant = tenant;
      if (renew !== undefined && inner) {
        this.#renew = renew;
        this.#renewAt = inner.validUntil;
      }
    }

    #live() {
      if (!this.#inner) throw freed('session');
      if (this.#renewAt !== undefined) this.#follow();
      return this.#inner;
    }

    /**
     * Compiles the subject again once an assignment's window has started or ended: a session
     * that follows the clock never answers with a role that no longer counts.
     */
    #follow() {
      if (Date.now() < this.#renewAt) return;
      const next = call(() => this.#renew());
      this.#inner.free();
      this.#inner = next;
      this.#grants = undefined;
      this.#checked = false;
      this.#renewAt = next.validUntil;
    }

    /**
     * Until when the answers hold: the earliest start or end of an assignment's window after the
     * instant the session decides at, as a `Date`; `null` when none is ahead. A session made
     * without `options.at` follows the clock: it compiles itself again then.
     */
    get validUntil() {
      if (this.#noPolicy) return null;
      const millis = this.#live().validUntil;
      return millis === undefined ? null : new Date(millis);
    }

    /** The grants, read from the module on first use. */
    #fast() {
      this.#grants ??= call(() => grantsOfSession(this.#live()));
      return this.#grants;
    }

    /** The subject's tenant. */
    get tenant() {
      if (this.#noPolicy) return this.#tenant;
      return call(() => this.#live().tenant);
    }

    /** Whether the subject may do `action` on `resource` (on nothing in particular when left out). */
    can(action, resource) {
      if (this.#renewAt !== undefined && this.#inner) this.#follow();
      // `#grants` is set only while the session is live (free() clears it).
      let grants = this.#grants;
      if (grants === undefined && this.#inner) {
        // The first check asks the module; the grants for the fast path are read from the second
        // on, so a session used once (say, per request) never pays for them.
        if (this.#checked) grants = this.#fast();
        this.#checked = true;
      }
      if (grants !== undefined) {
        const answer = fastCan(grants, action, resource);
        if (answer !== undefined) return answer;
      }
      if (this.#noPolicy) return noPolicyExplanation(action, resource).allowed;
      return call(() => this.#live().can(string(action, 'action'), optionalObject(resource, 'resource')));
    }

    /**
     * Decisions for every resource × every action in one call: `rows[i][j]` says whether the
     * subject may do `actions[j]` on `resources[i]`. `resources` left out means one row for no
     * resource in particular.
     */
    canMany(actions, resources) {
      const inner = this.#noPolicy ? undefined : this.#live();
      if (!Array.isArray(actions)) {
        throw argumentError('actions', `must be an array of actions, not ${describe(actions)}`, `muss eine Liste von Aktionen sein, nicht ${describe(actions)}`);
      }
      for (let j = 0; j < actions.length; j++) string(actions[j], `actions[${j}]`);
      const list = resources === undefined || resources === null ? [undefined] : resources;
      if (!Array.isArray(list)) {
        throw argumentError('resources', `must be an array of resources, not ${describe(list)}`, `muss eine Liste von Ressourcen sein, nicht ${describe(list)}`);
      }
      if (this.#noPolicy) {
        return list.map((resource, i) => {
          optionalObject(resource, `resources[${i}]`);
          return actions.map(() => false);
        });
      }
      const grants = this.#fast();
      /** The module's answer for `action` on `copy`, its errors named at `resources[k]`. */
      const ask = (action, copy, k) => {
        try {
          return call(() => inner.can(action, copy));
        } catch (error) {
          throw movedTo(error, `resources[${k}]`);
        }
      };
      const rows = new Array(list.length);
      for (let i = 0; i < list.length; i++) {
        let copy;
        rows[i] = fastRow(grants, actions, list[i], (action) => ask(action, (copy ??= [optionalObject(list[i], `resources[${i}]`) ?? null])[0], i));
        if (rows[i] === undefined) {
          // A resource the fast path does not take: the whole batch through the module, which
          // decides every row or names the first resource that does not fit.
          const copies = list.map((resource, k) => optionalObject(resource, `resources[${k}]`) ?? null);
          return copies.map((copy, k) => actions.map((action) => ask(action, copy, k)));
        }
      }
      return rows;
    }

    /** Whether some assignment grants `action` in some scope (for menus; never for a resource). */
    canAnywhere(action) {
      if (this.#noPolicy) return noPolicyExplanation(action).allowed;
      this.#live();
      string(action, 'action');
      const grants = this.#fast();
      return grants.everywhere.has(action) || grants.scoped.has(action);
    }

    /**
     * Which resources the subject may do `action` on, for lists: `{ decision: 'always', tenant }`,
     * `{ decision: 'never', tenant, code }` or `{ decision: 'conditional', tenant, anyOf }`. It
     * allows exactly what `can` allows (see `planAllows`, `planToSql`, `filter`).
     */
    plan(action) {
      if (this.#noPolicy) return noPolicyPlan(this.#tenant, action);
      return call(() => this.#live().plan(string(action, 'action')));
    }

    /**
     * The three-way decision: `{ allowed, effect, code, approval? }`, `effect` one of `allow`,
     * `approval` (the subject may ask for it; `approval` holds the rules that apply and their
     * tiers) and `deny`.
     */
    decide(action, resource) {
      if (this.#noPolicy) return noPolicyDecision(action, resource);
      return call(() => this.#live().decide(string(action, 'action'), optionalObject(resource, 'resource')));
    }

    /** The decision explained: `{ allowed, effect, code, approval?, grantedBy, blocked, grantingRoles, message }`. */
    explain(action, resource, lang) {
      if (this.#noPolicy) return noPolicyExplanation(action, resource, lang);
      return call(() => this.#live().explain(string(action, 'action'), optionalObject(resource, 'resource'), optionalString(lang, 'lang')));
    }

    /** The subject's effective permissions, each with the assignments that give it. */
    permissions() {
      if (this.#noPolicy) return [];
      return call(() => this.#live().permissions());
    }

    /** Frees the session's memory now (the garbage collector does it otherwise). */
    free() {
      if (this.#inner) {
        this.#inner.free();
        this.#inner = null;
        this.#grants = undefined;
      }
    }
  }

  /**
   * An organization loaded once: `engine.organization(org)`. Its questions equal the engine's
   * own on the same snapshot, without checking it again: for large organizations and servers.
   */
  class OrganizationHandle {
    #inner;

    constructor(token, inner) {
      if (token !== INTERNAL) throw notConstructible('create organizations with engine.organization(org)');
      this.#inner = inner;
    }

    #live() {
      if (!this.#inner) throw freed('organization');
      return this.#inner;
    }

    /** The snapshot as loaded. */
    org() {
      return call(() => this.#live().org());
    }

    /** The active administrators: `engine.admins(org)`. */
    admins() {
      return call(() => this.#live().admins());
    }

    /** The active members who may do `action` on `resource` (or, with `{ anywhere: true }`, somewhere): `engine.whoCan(org, …)`. */
    whoCan(action, resource, opts) {
      const inner = this.#live();
      const anywhere = anywhereOf(resource, opts);
      return call(() => inner.whoCan(string(action, 'action'), optionalObject(resource, 'resource'), anywhere));
    }

    /** A member's "My data": `engine.myData(org, memberId)`. */
    myData(memberId) {
      return call(() => this.#live().myData(string(memberId, 'memberId')));
    }

    /** A session for an active member: `engine.memberSession(org, memberId)`. */
    memberSession(memberId) {
      return new Session(INTERNAL, call(() => this.#live().memberSession(string(memberId, 'memberId'))));
    }

    /** Frees the organization's memory now (the garbage collector does it otherwise). */
    free() {
      if (this.#inner) {
        this.#inner.free();
        this.#inner = null;
      }
    }
  }

  /**
   * A compiled policy: load once, then decide. An engine without a policy
   * (`PolicyEngine.load` of a policy that did not load, `PolicyEngine.unavailable`) fails closed:
   * every decision is a denial with code `no_policy`, every other question throws `no_policy`.
   */
  class PolicyEngine {
    #inner;
    #fingerprint;
    /** The `no_policy` error of an engine without a policy. */
    #failure;
    /** Grants per subject (js/fast.js), for `can` without a session. */
    #remembered = new SubjectTable(REMEMBERED_SUBJECTS);

    /**
     * Compiles a policy given as an object or as JSON text; throws `PolicyError` when invalid. The
     * Node module reads the text itself (as natively: line and column of a syntax error, members
     * that appear twice); for the browser modules the JavaScript engine parses it.
     */
    constructor(policy, token, inner, failure) {
      if (token === INTERNAL) {
        this.#inner = inner;
        this.#failure = failure;
        return;
      }
      // Before the module is there, nothing is read: the one rule of every way to an engine.
      initialized();
      let document;
      if (typeof policy !== 'string') document = object(policy, 'policy');
      else document = readsText ? policy : data(parsePolicy(policy), 'policy');
      this.#inner = call(() => new wasm.WasmEngine(document));
    }

    /**
     * Loads a policy (an object or JSON text) and never throws for it: when it does not load, or
     * its fingerprint is not `options.fingerprint` (when given), the engine fails closed (see
     * `loaded` and `loadError`). For pages and servers that must not allow anything by accident.
     */
    static load(policy, opts) {
      // Too early is the caller's mistake, not the policy's: an engine that failed closed for it
      // would deny everything for good.
      initialized();
      const { fingerprint } = options(opts, 'options');
      const expected = optionalString(fingerprint, 'options.fingerprint');
      let engine;
      try {
        engine = new PolicyEngine(policy);
      } catch (error) {
        return PolicyEngine.unavailable(error);
      }
      if (expected !== undefined && engine.fingerprint !== expected.toLowerCase()) {
        const actual = engine.fingerprint;
        engine.free();
        const en = `the policy's fingerprint is ${actual}, not the expected ${expected}`;
        const de = `der Fingerabdruck der Richtlinie ist ${actual}, nicht der erwartete ${expected}`;
        const error = new RolegateError('fingerprint_mismatch', en, [problem('fingerprint_mismatch', 'options.fingerprint', en, de)]);
        return PolicyEngine.unavailable(error);
      }
      return engine;
    }

    /** An engine without a policy, failing closed; `cause` (e.g. why fetching it failed) is its `loadError`. */
    static unavailable(cause) {
      const reason = cause ?? new RolegateError('no_policy', 'no policy was given');
      return new PolicyEngine(undefined, INTERNAL, undefined, noPolicyError(reason));
    }

    /** Whether the engine has a policy (false for one that failed closed). */
    get loaded() {
      return this.#failure === undefined;
    }

    /** Why the engine has no policy (e.g. the `PolicyError`), or null when it has one. */
    get loadError() {
      return this.#failure === undefined ? null : this.#failure.cause;
    }

    /** A built-in policy: `'mytrumpf'` or `'platform'`. */
    static builtin(name) {
      initialized();
      string(name, 'name');
      if (!Object.hasOwn(builtins, name)) {
        const names = Object.keys(builtins).map((n) => `'${n}'`).join(' or ');
        const en = `unknown built-in policy '${name}': use ${names}`;
        const de = `unbekannte eingebaute Richtlinie '${name}': verwenden Sie ${names.replace(' or ', ' oder ')}`;
        throw new RequestError('unknown_builtin', en, [problem('unknown_builtin', 'name', en, de)]);
      }
      const { doc, snapshot } = builtins[name];
      // Node reads the snapshot (no validation, no compilation: a fast cold start); the browser
      // modules, which leave the snapshot reader out, compile the document.
      const inner =
        snapshot === undefined
          ? call(() => new wasm.WasmEngine(JSON.parse(doc)))
          : call(() => wasm.WasmEngine.fromSnapshot(fromBase64(snapshot)));
      return new PolicyEngine(undefined, INTERNAL, inner);
    }

    #live() {
      if (this.#failure) throw this.#failure;
      if (!this.#inner) throw freed('engine');
      return this.#inner;
    }

    /**
     * The engine, when its module is the full one (or Node's): administration, the matrix and the
     * linter are not in the lean browser module.
     */
    #full(what = 'administration') {
      const inner = this.#live();
      if (!admin) {
        throw new RolegateError(
          'not_in_build',
          `${what} is not in this build of rolegate: in the browser, import from 'rolegate/web/full' (the Node build has it)`,
        );
      }
      return inner;
    }

    /** The engine, when its module has the life of approval requests (Node's). */
    #requests() {
      const inner = this.#live();
      if (!requests) {
        throw new RolegateError(
          'not_in_build',
          "the life of approval requests (submit, step, eligibleApprovers, awaiting) runs where requests are stored: it is in the Node build of rolegate; a page asks its server, and decides with decide()",
        );
      }
      return inner;
    }

    /** SHA-256 of the normalized policy: equal here and on the server exactly when the policies are. */
    get fingerprint() {
      // An engine without a policy answers '' (a page footer showing it must not fail).
      if (this.#failure) return '';
      this.#fingerprint ??= call(() => this.#live().fingerprint);
      return this.#fingerprint;
    }

    /** The policy's id; '' for an engine without a policy. */
    get id() {
      if (this.#failure) return '';
      return call(() => this.#live().id);
    }

    /** The policy document, normalized. */
    policy() {
      return call(() => this.#live().policy());
    }

    /** The tenant kinds with their modules and default roles (full module). */
    kinds() {
      const inner = this.#full('the list of tenant kinds');
      return call(() => inner.kinds());
    }

    /** The roles (of `tenantKind`, when given) with labels, flags and effective permissions (full module). */
    roles(tenantKind) {
      const inner = this.#full('the list of roles');
      return call(() => inner.roles(optionalString(tenantKind, 'tenantKind')));
    }

    /** Every permission, feature levels included, with labels and implications (full module). */
    permissions() {
      const inner = this.#full('the list of permissions');
      return call(() => inner.permissions());
    }

    /** The role × permission matrix: `{ roles, permissions, cells }` (full module). */
    matrix(opts) {
      const inner = this.#full('the role × permission matrix');
      const { tenantKind, lang } = options(opts, 'options');
      return call(() => inner.matrix(optionalString(tenantKind, 'options.tenantKind'), optionalString(lang, 'options.lang')));
    }

    /** Lint findings: `[{ code, severity, path, message }]` (full module). */
    lint(opts) {
      const inner = this.#live();
      if (typeof inner.lint !== 'function') {
        throw new RolegateError(
          'not_in_build',
          "the policy linter is for the policy's authors: it is in the Node build of rolegate and the CLI (`npx rolegate lint`); no browser build has it",
        );
      }
      const { lang } = options(opts, 'options');
      return call(() => inner.lint(optionalString(lang, 'options.lang')));
    }

    /**
     * The grants of `subject` for the fast path, compiled once per distinct subject; `undefined`
     * when the subject is not plain data or does not compile (the plain path then says why).
     */
    #grantsOf(subject) {
      const tokens = subjectTokens(subject);
      if (tokens === undefined) return undefined;
      let grants = this.#remembered.get(tokens);
      if (grants === undefined) {
        let inner;
        try {
          inner = this.#inner.session(data(subject, 'subject'));
        } catch {
          return undefined;
        }
        try {
          grants = grantsOfSession(inner);
        } finally {
          inner.free();
        }
        this.#remembered.set(tokens, grants);
      }
      return grants;
    }

    /** Whether `subject` may do `action` on `resource`. */
    can(subject, action, resource) {
      if (this.#inner) {
        const grants = this.#grantsOf(subject);
        if (grants !== undefined) {
          const answer = fastCan(grants, action, resource);
          if (answer !== undefined) return answer;
        }
      }
      if (this.#failure) {
        object(subject, 'subject');
        return noPolicyExplanation(action, resource).allowed;
      }
      const inner = this.#live();
      const args = [object(subject, 'subject'), string(action, 'action'), optionalObject(resource, 'resource')];
      return this.#once(inner, args[0], (session) => session.can(args[1], args[2]));
    }

    /**
     * `fn` of a session of `subject` compiled for one question and freed after it: the module has
     * one decision path, a session's (the arguments are read before, in the order they are given).
     */
    #once(inner, subject, fn) {
      return call(() => {
        const session = inner.session(subject);
        try {
          return fn(session);
        } finally {
          session.free();
        }
      });
    }

    /** The three-way decision of one check: `session(subject).decide(action, resource)` in one call. */
    decide(subject, action, resource) {
      if (this.#failure) {
        object(subject, 'subject');
        return noPolicyDecision(action, resource);
      }
      const inner = this.#live();
      const args = [object(subject, 'subject'), string(action, 'action'), optionalObject(resource, 'resource')];
      return this.#once(inner, args[0], (session) => session.decide(args[1], args[2]));
    }

    /** Which resources `subject` may do `action` on: `session(subject).plan(action)` in one call. */
    plan(subject, action) {
      if (this.#failure) {
        return noPolicyPlan(tenantOf(object(subject, 'subject')), action);
      }
      const inner = this.#live();
      const args = [object(subject, 'subject'), string(action, 'action')];
      return this.#once(inner, args[0], (session) => session.plan(args[1]));
    }

    /** The decision explained: `{ allowed, code, grantedBy, blocked, grantingRoles, message }`. */
    explain(subject, action, resource, lang) {
      if (this.#failure) {
        object(subject, 'subject');
        return noPolicyExplanation(action, resource, lang);
      }
      const inner = this.#live();
      const args = [object(subject, 'subject'), string(action, 'action'), optionalObject(resource, 'resource'), optionalString(lang, 'lang')];
      return this.#once(inner, args[0], (session) => session.explain(args[1], args[2], args[3]));
    }

    /**
     * Compiles `subject` once for repeated checks. `options.approvalRules` (a list, as an
     * organization snapshot's `approvalRules`): decide with the tenant's own approval rules
     * instead of the policy's defaults. `options.at` (a `Date` or RFC 3339 text): the instant to
     * decide at, for assignments with a window (`from`, `until`); left out, the session follows
     * the clock (see `validUntil`).
     */
    session(subject, opts) {
      const { approvalRules, at } = options(opts, 'options');
      if (this.#failure) {
        return new Session(INTERNAL, null, undefined, true, tenantOf(object(subject, 'subject')));
      }
      const rules = approvalRules === undefined || approvalRules === null ? undefined : list(approvalRules, 'options.approvalRules');
      const when = time(at, 'options.at');
      const engine = this.#live();
      const inner = call(() => engine.session(object(subject, 'subject'), rules, when));
      if (typeof when === 'string' && !('validUntil' in inner) && Number.isNaN(Date.parse(when))) {
        // A browser module decides with no window and so reads no instant: the text is still
        // checked to be a time (as JavaScript reads one; Node's module reads RFC 3339 strictly).
        inner.free();
        const en = `'${when}' is not an RFC 3339 time, e.g. 2026-11-22T12:00:00Z`;
        const de = `'${when}' ist keine Zeitangabe nach RFC 3339, z. B. 2026-11-22T12:00:00Z`;
        throw new RequestError('invalid_request', `options.at: ${en}`, [problem('invalid_time', 'options.at', en, de)]);
      }
      if (when === undefined && inner.validUntil !== undefined) {
        // A window starts or ends ahead: the session compiles a copy of the subject again then.
        const copy = data(subject, 'subject');
        return new Session(INTERNAL, inner, undefined, false, undefined, () => engine.session(copy, rules, undefined));
      }
      const tokens = rules === undefined ? subjectTokens(subject) : undefined;
      return new Session(INTERNAL, inner, tokens === undefined ? undefined : this.#remembered.get(tokens));
    }

    /**
     * Applies an administrative operation by `actorId` to the organization snapshot `org` at `now`
     * (RFC 3339 text or a Date; the current time when left out). Returns `{ ok: true, org }` with a
     * new snapshot (and, for `acceptTenantInvitation`, `created`: the new tenant's snapshot), or
     * `{ ok: false, violations }`, each `{ code, path, message, messages }`, with `message` in
     * `lang`. `org` is never changed. Throws `RequestError` when `org` or `op` is not one at all.
     */
    apply(org, actorId, op, now, lang) {
      const inner = this.#full();
      return call(() =>
        inner.apply(object(org, 'org'), string(actorId, 'actorId'), object(op, 'op'), time(now, 'now'), optionalString(lang, 'lang')),
      );
    }

    /**
     * The companies `org` invited to become tenants (onboarding), in the order invited:
     * `[{ tenant, kind, company, email, name, status, invitation, expiresAt, since? }]`, `status`
     * one of `onboarded`, `invited`, `expired` (judged at `now`, RFC 3339 text or a Date; left
     * out, an open invitation counts as invited) and `revoked`.
     */
    customers(org, now) {
      const inner = this.#full();
      return call(() => inner.customers(object(org, 'org'), time(now, 'now')));
    }

    /**
     * Submits member `requesterId`'s request for `action` on `resource` (an action with an
     * approval process, which needs approval for them): `{ ok: true, request }`, the request
     * document to store (its rules and tiers fixed now), or `{ ok: false, violations }`.
     * `options`: `id` (the request's id, required), `now`, `lang`.
     */
    submit(org, requesterId, action, resource, opts) {
      const inner = this.#requests();
      const { id, now, lang } = options(opts, 'options');
      return call(() =>
        inner.submit(
          object(org, 'org'),
          string(requesterId, 'requesterId'),
          string(action, 'action'),
          optionalObject(resource, 'resource'),
          string(id, 'options.id'),
          time(now, 'options.now'),
          optionalString(lang, 'options.lang'),
        ),
      );
    }

    /**
     * Takes a step of a request by member `actorId`: `step` is `{ step: 'approve' }`,
     * `{ step: 'reject', reason }`, `{ step: 'cancel' }` or `{ step: 'expire' }`. Returns
     * `{ ok: true, request }` (the next version; `status: 'approved'` once every tier is) or
     * `{ ok: false, violations }`. The request given is never changed.
     */
    step(org, request, actorId, step, now, lang) {
      const inner = this.#requests();
      return call(() =>
        inner.step(object(org, 'org'), object(request, 'request'), string(actorId, 'actorId'), object(step, 'step'), time(now, 'now'), optionalString(lang, 'lang')),
      );
    }

    /** `step(org, request, approverId, { step: 'approve' }, now, lang)`. */
    approve(org, request, approverId, now, lang) {
      return this.step(org, request, approverId, { step: 'approve' }, now, lang);
    }

    /** `step(org, request, approverId, { step: 'reject', reason }, now, lang)`. */
    reject(org, request, approverId, reason, now, lang) {
      return this.step(org, request, approverId, { step: 'reject', reason: string(reason, 'reason') }, now, lang);
    }

    /** `step(org, request, requesterId, { step: 'cancel' }, now, lang)`. */
    cancel(org, request, requesterId, now, lang) {
      return this.step(org, request, requesterId, { step: 'cancel' }, now, lang);
    }

    /** The members who may approve `request`'s current tier now: `[{ id, name, email, roles }]`. */
    eligibleApprovers(org, request) {
      const inner = this.#requests();
      return call(() => inner.eligibleApprovers(object(org, 'org'), object(request, 'request')));
    }

    /**
     * The requests for `action` awaiting member `memberId`'s approval, as a plan over approval
     * slots (`{ tierRole, requester, …scope }`: one per role of a pending request's current tier),
     * for `planToSql` and `filter`.
     */
    awaiting(org, memberId, action) {
      const inner = this.#requests();
      return call(() => inner.awaiting(object(org, 'org'), string(memberId, 'memberId'), string(action, 'action')));
    }

    /** The tenant that invited `org`: `{ tenant, kind, invitation, since }`, or `null`. */
    invitedBy(org) {
      const inner = this.#full();
      return call(() => inner.invitedBy(object(org, 'org')));
    }

    /** The organization's active administrators: `[{ id, name, email, roles }]`. */
    admins(org) {
      const inner = this.#full();
      return call(() => inner.admins(object(org, 'org')));
    }

    /**
     * The active members who may do `action` on `resource`, each with the assignments that grant
     * it. Without a resource: on nothing in particular, so only tenant-wide assignments count;
     * with `{ anywhere: true }`: everyone who may do it somewhere, each with the assignments (and
     * their scopes) that grant it. An action the policy does not have is a `RequestError`
     * (`unknown_action`, with a suggestion).
     */
    whoCan(org, action, resource, opts) {
      const inner = this.#full();
      const anywhere = anywhereOf(resource, opts);
      return call(() => inner.whoCan(object(org, 'org'), string(action, 'action'), optionalObject(resource, 'resource'), anywhere));
    }

    /** Member `memberId`'s "My data": `{ member, status, permissions, administrators }`. */
    myData(org, memberId) {
      const inner = this.#full();
      return call(() => inner.myData(object(org, 'org'), string(memberId, 'memberId')));
    }

    /** A session for member `memberId` of `org`, counting the tenant's own roles. */
    memberSession(org, memberId) {
      const inner = this.#full();
      return new Session(INTERNAL, call(() => inner.memberSession(object(org, 'org'), string(memberId, 'memberId'))));
    }

    /** Checks `org` once and keeps it for repeated questions (whoCan, admins, myData, memberSession). */
    organization(org) {
      const inner = this.#full();
      return new OrganizationHandle(INTERNAL, call(() => inner.organization(object(org, 'org'))));
    }

    /**
     * Organization lint findings, errors first: `[{ code, severity, path, message }]`. Members
     * pending too long and expired invitations are judged at `options.now` (the current time when
     * left out).
     */
    lintOrg(org, opts) {
      const inner = this.#full();
      const { now, lang } = options(opts, 'options');
      return call(() => inner.lintOrg(object(org, 'org'), time(now, 'options.now'), optionalString(lang, 'options.lang')));
    }

    /** Frees the engine's memory now (sessions made from it keep working). */
    free() {
      if (this.#inner) {
        this.#inner.free();
        this.#inner = null;
        this.#remembered.clear();
      }
    }
  }

  /** The wasm module's memory size in bytes (a diagnostic). */
  function wasmMemoryBytes() {
    return call(() => wasm.memoryBytes());
  }

  keepNames({ OrganizationHandle, PolicyEngine, Session });
  return { OrganizationHandle, PolicyEngine, Session, wasmMemoryBytes };
}
