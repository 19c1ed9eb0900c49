// rolegate/express: the server side of "the same rules on client and server".
//
//   app.post('/orders', requirePermission(engine, 'eshop.order.place', {
//     subject: (req) => req.user,                       // { id, tenant, roles, … } or a Promise of it
//     resource: (req) => ({ tenant: req.params.tenant }), // optional
//   }), handler);
//
// Allowed (the engine's `can` answered exactly `true`): `req.rolegate = { allowed: true, code:
// 'granted', action }` and the handler runs. Denied: 403 `{ error: 'forbidden', code, message,
// action, grantingRoles }` (whom to ask); the handler does not run. No subject (the function
// returns nothing): 401. A subject that does not fit the policy (a stored role the policy no
// longer has): 403 with the problem's code. A resource that does not fit: 400. No engine, or one
// without a policy: 503. A fault of the caller's own functions (`subject` or `resource` throws or
// rejects, a database is down) and an engine that answers anything but `true` or `false` go to
// `next(error)`, Express's error handling: the middleware never allows blindly.
//
// The policy travels with its fingerprint (the page's half is `watchPolicy` of the package):
//
//   app.use(fingerprintHeader(engine));          // every response: Rolegate-Fingerprint: <sha-256>
//   app.get('/api/policy', servePolicy(engine));  // the policy, ETag "<sha-256>", 304 on If-None-Match
//
// `engine` may be a function returning the current engine, for a server that reloads its policy.

const MESSAGES = {
  no_subject: { en: 'Sign in first: no user could be read from the request.', de: 'Bitte zuerst anmelden: Aus der Anfrage konnte kein Benutzer gelesen werden.' },
  no_policy: { en: 'The permission policy is not loaded; the request is refused.', de: 'Die Berechtigungsrichtlinie ist nicht geladen; die Anfrage wird abgelehnt.' },
  denied: { en: 'Denied: the request is not permitted.', de: 'Verweigert: Die Anfrage ist nicht erlaubt.' },
};

/** The response header that carries the policy's fingerprint (as `watchPolicy` reads it). */
export const FINGERPRINT_HEADER = 'Rolegate-Fingerprint';

/** A mistake in how the middleware is set up: thrown when it is made, code `invalid_argument`. */
function fail(message, code = 'invalid_argument') {
  const error = new TypeError(message);
  error.code = code;
  return error;
}

/** 'de' when the request's first preferred language is German, else 'en'. */
export function languageOf(req) {
  const header = req?.headers?.['accept-language'];
  return typeof header === 'string' && /^\s*de\b/i.test(header) ? 'de' : 'en';
}

function send(res, status, body) {
  if (typeof res.status === 'function' && typeof res.json === 'function') {
    res.status(status).json(body);
  } else {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  }
}

const isThenable = (value) => value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';

/** A value as an error message names it (never its whole content). */
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** `engine`, or what the function `engine` returns now; anything that fails counts as none. */
function current(engine) {
  if (typeof engine !== 'function') return engine;
  try {
    return engine();
  } catch {
    return undefined;
  }
}

/** Whether `e` is an engine with a policy (reading `loaded` of a freed engine counts as none). */
function usable(e, ...methods) {
  if (!e || (typeof e !== 'object' && typeof e !== 'function')) return false;
  try {
    return e.loaded !== false && methods.every((m) => typeof e[m] === 'function');
  } catch {
    return false;
  }
}

/**
 * The permission ids of a loaded engine (`permissions()`, else its policy document's), or
 * `undefined` when it cannot say: then the engine's own `unknown_action` denial stands.
 */
function knownActions(e) {
  try {
    if (typeof e.permissions === 'function') return e.permissions().map((p) => p.id);
    const permissions = typeof e.policy === 'function' ? e.policy()?.permissions : undefined;
    if (Array.isArray(permissions)) return permissions.map((p) => p.id);
    if (permissions && typeof permissions === 'object') return Object.keys(permissions);
  } catch {
    // A freed or fail-closed engine: nothing to check against.
  }
  return undefined;
}

/**
 * The error for an action the engine's policy does not know, in the engine's own words with its
 * "did you mean" (its `whoCan` on an empty organization refuses an unknown action so), or a plain
 * sentence from an engine that has no `whoCan`.
 */
function unknownAction(e, action) {
  let reason = `unknown permission '${action}'`;
  let policy = '';
  try {
    policy = typeof e.id === 'string' && e.id !== '' ? ` with the policy '${e.id}'` : '';
    const kind = typeof e.kinds === 'function' ? e.kinds()[0]?.id : undefined;
    e.whoCan({ tenant: 'unknown-action-check', kind, members: [] }, action);
  } catch (error) {
    const message = error?.problems?.find((p) => p?.code === 'unknown_action')?.message;
    if (typeof message === 'string' && message !== '') reason = message;
  }
  return fail(`requirePermission(engine, '${action}')${policy}: ${reason}`, 'unknown_action');
}

const HOOKS = ['onDecision', 'onDenied'];

/**
 * Middleware that lets the request through only when `engine.can` answers exactly `true` for the
 * request's subject (and resource). See the file's header for every answer and the options
 * (`subject`, `resource`, `lang`, `onDecision`, `onDenied`) in express.d.ts.
 */
export function requirePermission(engine, action, options) {
  if (options == null || typeof options !== 'object') {
    throw fail('requirePermission(engine, action, options): options must be an object { subject, resource?, lang?, onDecision?, onDenied? }');
  }
  const { subject, resource, lang, onDecision, onDenied } = options;
  if (typeof action !== 'string' || action === '') throw fail('requirePermission(engine, action): action must be a permission id');
  if (typeof subject !== 'function') throw fail('requirePermission(…, { subject }): subject must be a function (req) => subject');
  if (resource !== undefined && typeof resource !== 'function') throw fail('requirePermission(…, { resource }): resource must be a function (req) => resource');
  if (lang !== undefined && typeof lang !== 'function' && lang !== 'en' && lang !== 'de') {
    throw fail("requirePermission(…, { lang }): lang must be 'en', 'de' or a function (req) => lang");
  }
  for (const hook of HOOKS) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') throw fail(`requirePermission(…, { ${hook} }): ${hook} must be a function`);
  }
  if (engine !== undefined && engine !== null && typeof engine !== 'function' && typeof engine !== 'object') {
    throw fail('requirePermission(engine): engine must be a PolicyEngine or a function returning one');
  }
  // An action the policy does not know would be refused on every request: say so now. (An engine
  // given as a function is checked on each request against the engine it returns.)
  const checked = new WeakSet();
  const check = (e) => {
    if (checked.has(e)) return undefined;
    const known = knownActions(e);
    if (known !== undefined && !known.includes(action)) return unknownAction(e, action);
    checked.add(e);
    return undefined;
  };
  if (typeof engine !== 'function' && usable(engine, 'can', 'explain')) {
    const error = check(engine);
    if (error) throw error;
  }

  // Subjects and resources read synchronously are decided in the same tick (the request goes on
  // without a detour through the microtask queue); promises of them are awaited.
  return function rolegate(req, res, next) {
    let language = 'en';
    try {
      language = typeof lang === 'function' ? (lang(req) === 'de' ? 'de' : 'en') : (lang ?? languageOf(req));
    } catch {
      language = languageOf(req);
    }
    /** Sends a refusal, through the hooks; a hook that throws is a server fault. */
    const refuse = (status, body, who) => {
      try {
        onDecision?.({ req, action, allowed: false, status, code: body.code, subject: who });
        const shaped = onDenied ? onDenied({ status, body }, req) : undefined;
        send(res, status, shaped !== undefined && shaped !== null && typeof shaped === 'object' ? shaped : body);
      } catch (error) {
        next(error);
      }
    };
    const unavailable = () => refuse(503, { error: 'unavailable', code: 'no_policy', message: MESSAGES.no_policy[language] });
    const e = current(engine);
    if (!usable(e, 'can', 'explain')) return Promise.resolve(unavailable());
    const unknown = check(e);
    if (unknown) return Promise.resolve(next(unknown));

    const allow = (who) => {
      req.rolegate = { allowed: true, code: 'granted', action };
      try {
        onDecision?.({ req, action, allowed: true, status: 200, code: 'granted', subject: who });
      } catch (error) {
        return next(error);
      }
      return next();
    };
    const deny = (who, where) => {
      let explanation;
      try {
        explanation = e.explain(who, action, where ?? undefined, language);
      } catch {
        explanation = undefined;
      }
      const code = typeof explanation?.code === 'string' ? explanation.code : 'denied';
      const message = typeof explanation?.message === 'string' && explanation.message !== '' ? explanation.message : MESSAGES.denied[language];
      const grantingRoles = Array.isArray(explanation?.grantingRoles) ? explanation.grantingRoles : [];
      req.rolegate = { allowed: false, code, action };
      return refuse(403, { error: 'forbidden', code, message, action, grantingRoles }, who);
    };
    /** An error of `can`: the request's data did not fit the policy, or a server fault. */
    const failed = (error, who) => {
      const problem = error?.problems?.[0];
      const message = problem?.messages?.[language] ?? error?.message;
      if (error?.code === 'invalid_request' && typeof message === 'string') {
        if (String(problem?.path ?? '').startsWith('resource')) return refuse(400, { error: 'bad_request', code: 'invalid_resource', message }, who);
        return refuse(403, { error: 'forbidden', code: problem?.code ?? 'invalid_subject', message, action }, who);
      }
      if (error?.code === 'no_policy' || error?.code === 'freed') return unavailable();
      return next(error);
    };
    const settle = (answer, who, where) => {
      if (answer === true) return allow(who);
      if (answer === false) return deny(who, where);
      return next(fail(`requirePermission: engine.can answered ${describe(answer)}, not true or false; the request is refused`, 'invalid_answer'));
    };
    const decide = (who, where) => {
      let answer;
      try {
        answer = e.can(who, action, where ?? undefined);
      } catch (error) {
        return failed(error, who);
      }
      if (isThenable(answer)) return Promise.resolve(answer).then((a) => settle(a, who, where), (error) => failed(error, who));
      return settle(answer, who, where);
    };
    const withSubject = (who) => {
      if (who === undefined || who === null) return refuse(401, { error: 'unauthorized', code: 'no_subject', message: MESSAGES.no_subject[language] });
      let where;
      try {
        where = resource ? resource(req) : undefined;
      } catch (error) {
        return next(error);
      }
      return isThenable(where) ? Promise.resolve(where).then((r) => decide(who, r), next) : decide(who, where);
    };
    let who;
    try {
      who = subject(req);
    } catch (error) {
      return Promise.resolve(next(error));
    }
    return isThenable(who) ? Promise.resolve(who).then(withSubject, next) : Promise.resolve(withSubject(who));
  };
}

function checkEngine(engine, where) {
  const shaped = typeof engine === 'function' || (engine !== null && typeof engine === 'object' && typeof engine.policy === 'function');
  if (!shaped) throw fail(`${where}(engine): engine must be a PolicyEngine or a function returning one`);
}

/** The current engine's policy text and fingerprint, or `undefined` (none, not loaded, freed). */
function served(engine) {
  const e = current(engine);
  if (!usable(e, 'policy')) return undefined;
  try {
    const fingerprint = e.fingerprint;
    if (typeof fingerprint !== 'string' || fingerprint === '') return undefined;
    return { fingerprint, body: () => JSON.stringify(e.policy()) };
  } catch {
    return undefined;
  }
}

/** Whether an If-None-Match header names `fingerprint` (quoted, weak or not) or is `*`. */
function matches(header, fingerprint) {
  const values = Array.isArray(header) ? header.join(',') : header;
  if (typeof values !== 'string') return false;
  return values.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === `"${fingerprint}"`;
  });
}

/**
 * A handler that serves the engine's policy as JSON, with `ETag: "<fingerprint>"` and the
 * fingerprint header; a request whose If-None-Match names that ETag gets 304 and no body. Without
 * a loaded engine (none, not loaded, freed): 503 `no_policy`. The document served loads to the
 * same fingerprint.
 */
export function servePolicy(engine) {
  checkEngine(engine, 'servePolicy');
  return function policy(req, res) {
    const language = languageOf(req);
    const unavailable = () => send(res, 503, { error: 'unavailable', code: 'no_policy', message: MESSAGES.no_policy[language] });
    const e = served(engine);
    if (!e) return unavailable();
    let body;
    try {
      body = e.body();
    } catch {
      return unavailable();
    }
    res.setHeader('ETag', `"${e.fingerprint}"`);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader(FINGERPRINT_HEADER, e.fingerprint);
    if (matches(req?.headers?.['if-none-match'], e.fingerprint)) {
      res.statusCode = 304;
      return res.end();
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    return res.end(body);
  };
}

/**
 * Middleware that sets the fingerprint header (`Rolegate-Fingerprint`) on every response, so that
 * a page deciding with another policy learns of it with its next request. Without a loaded engine
 * (none, not loaded, freed) it sets none: the page keeps failing closed on its side.
 */
export function fingerprintHeader(engine) {
  checkEngine(engine, 'fingerprintHeader');
  return function fingerprint(req, res, next) {
    const e = served(engine);
    if (e) res.setHeader(FINGERPRINT_HEADER, e.fingerprint);
    next();
  };
}
