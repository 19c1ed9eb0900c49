// rolegate/express: the server side of "the same rules on client and server".
//
//   app.post('/orders', requirePermission(engine, 'eshop.order.place', {
//     subject: (req) => req.user,                       // { id, tenant, roles, … } or a Promise of it
//     resource: (req) => ({ tenant: req.params.tenant }), // optional
//   }), handler);
//
// Allowed: `req.rolegate = { allowed: true, code: 'granted', action }` and the handler runs.
// Denied: 403 `{ error: 'forbidden', code, message }`; the handler does not run.
// No subject (the function returns nothing or throws), or one that does not fit the policy: 401.
// A resource that cannot be read: 400. No engine: 503: the middleware never allows blindly.
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
  bad_resource: { en: 'The resource of the request could not be read.', de: 'Die Ressource der Anfrage konnte nicht gelesen werden.' },
  internal: { en: 'The permission check failed.', de: 'Die Berechtigungsprüfung ist fehlgeschlagen.' },
};

/** The response header that carries the policy's fingerprint (as `watchPolicy` reads it). */
export const FINGERPRINT_HEADER = 'Rolegate-Fingerprint';

function fail(message) {
  const error = new TypeError(message);
  error.code = 'invalid_argument';
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

/**
 * Middleware that lets the request through only when `engine` allows `action` to the request's
 * subject (and resource). `options.subject(req)` returns the subject (or a promise of it);
 * `options.resource(req)` the resource; `options.lang` is `'en'`, `'de'` or `(req) => lang`
 * (default: from Accept-Language). Without an engine, or with one that has no policy
 * (`engine.loaded === false`), every request is refused with 503 `no_policy`: never allowed.
 */
export function requirePermission(engine, action, options) {
  if (options == null || typeof options !== 'object') {
    throw fail('requirePermission(engine, action, options): options must be an object { subject, resource?, lang? }');
  }
  const { subject, resource, lang } = options;
  if (typeof action !== 'string' || action === '') throw fail('requirePermission(engine, action): action must be a permission id');
  if (typeof subject !== 'function') throw fail('requirePermission(…, { subject }): subject must be a function (req) => subject');
  if (resource !== undefined && typeof resource !== 'function') throw fail('requirePermission(…, { resource }): resource must be a function (req) => resource');
  if (lang !== undefined && typeof lang !== 'function' && lang !== 'en' && lang !== 'de') {
    throw fail("requirePermission(…, { lang }): lang must be 'en', 'de' or a function (req) => lang");
  }

  // Subjects and resources read synchronously are decided in the same tick (the request goes on
  // without a detour through the microtask queue); promises of them are awaited.
  return function rolegate(req, res, next) {
    const language = typeof lang === 'function' ? (lang(req) === 'de' ? 'de' : 'en') : (lang ?? languageOf(req));
    const refuse = (status, error, code, message) => send(res, status, { error, code, message });
    if (!engine || typeof engine.can !== 'function' || typeof engine.explain !== 'function' || engine.loaded === false) {
      return Promise.resolve(refuse(503, 'unavailable', 'no_policy', MESSAGES.no_policy[language]));
    }
    const badResource = () => refuse(400, 'bad_request', 'bad_resource', MESSAGES.bad_resource[language]);
    const decide = (who, where) => {
      let explanation;
      try {
        if (engine.can(who, action, where ?? undefined)) {
          req.rolegate = { allowed: true, code: 'granted', action };
          return next();
        }
        explanation = engine.explain(who, action, where ?? undefined, language);
      } catch (error) {
        const problem = error?.problems?.[0];
        const message = problem?.messages?.[language] ?? error?.message ?? MESSAGES.internal[language];
        if (error?.code === 'invalid_request' && String(problem?.path ?? '').startsWith('resource')) {
          return refuse(400, 'bad_request', 'invalid_resource', message);
        }
        if (error?.code === 'invalid_request') return refuse(401, 'unauthorized', 'invalid_subject', message);
        return refuse(500, 'internal', 'internal', MESSAGES.internal[language]);
      }
      req.rolegate = { allowed: false, code: explanation.code, action };
      return refuse(403, 'forbidden', explanation.code, explanation.message);
    };
    const withSubject = (who) => {
      if (who === undefined || who === null) return refuse(401, 'unauthorized', 'no_subject', MESSAGES.no_subject[language]);
      let where;
      try {
        where = resource ? resource(req) : undefined;
      } catch {
        return badResource();
      }
      return isThenable(where) ? Promise.resolve(where).then((r) => decide(who, r), badResource) : decide(who, where);
    };
    let who;
    try {
      who = subject(req);
    } catch {
      who = undefined;
    }
    return isThenable(who) ? Promise.resolve(who).then(withSubject, () => withSubject(undefined)) : Promise.resolve(withSubject(who));
  };
}

const isThenable = (value) => value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';

/** `engine`, or what the function `engine` returns now; anything that fails counts as none. */
function current(engine) {
  if (typeof engine !== 'function') return engine;
  try {
    return engine();
  } catch {
    return undefined;
  }
}

function checkEngine(engine, where) {
  const shaped = typeof engine === 'function' || (engine !== null && typeof engine === 'object' && typeof engine.policy === 'function');
  if (!shaped) throw fail(`${where}(engine): engine must be a PolicyEngine or a function returning one`);
}

function loadedOf(engine) {
  const e = current(engine);
  if (!e || e.loaded === false || typeof e.policy !== 'function' || typeof e.fingerprint !== 'string') return undefined;
  return e;
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
 * a loaded engine: 503 `no_policy`. The document served loads to the same fingerprint.
 */
export function servePolicy(engine) {
  checkEngine(engine, 'servePolicy');
  return function policy(req, res) {
    const e = loadedOf(engine);
    const language = languageOf(req);
    if (!e) return send(res, 503, { error: 'unavailable', code: 'no_policy', message: MESSAGES.no_policy[language] });
    let body;
    try {
      body = JSON.stringify(e.policy());
    } catch {
      return send(res, 503, { error: 'unavailable', code: 'no_policy', message: MESSAGES.no_policy[language] });
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
 * it sets none (the page keeps failing closed on its side).
 */
export function fingerprintHeader(engine) {
  checkEngine(engine, 'fingerprintHeader');
  return function fingerprint(req, res, next) {
    const e = loadedOf(engine);
    if (e) res.setHeader(FINGERPRINT_HEADER, e.fingerprint);
    next();
  };
}
