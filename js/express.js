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

const MESSAGES = {
  no_subject: { en: 'Sign in first: no user could be read from the request.', de: 'Bitte zuerst anmelden: Aus der Anfrage konnte kein Benutzer gelesen werden.' },
  no_policy: { en: 'The permission policy is not loaded; the request is refused.', de: 'Die Berechtigungsrichtlinie ist nicht geladen; die Anfrage wird abgelehnt.' },
  bad_resource: { en: 'The resource of the request could not be read.', de: 'Die Ressource der Anfrage konnte nicht gelesen werden.' },
  internal: { en: 'The permission check failed.', de: 'Die Berechtigungsprüfung ist fehlgeschlagen.' },
};

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

  return async function rolegate(req, res, next) {
    const language = typeof lang === 'function' ? (lang(req) === 'de' ? 'de' : 'en') : (lang ?? languageOf(req));
    const refuse = (status, error, code, message) => send(res, status, { error, code, message });
    if (!engine || typeof engine.can !== 'function' || typeof engine.explain !== 'function' || engine.loaded === false) {
      return refuse(503, 'unavailable', 'no_policy', MESSAGES.no_policy[language]);
    }
    let who;
    try {
      who = await subject(req);
    } catch {
      who = undefined;
    }
    if (who === undefined || who === null) return refuse(401, 'unauthorized', 'no_subject', MESSAGES.no_subject[language]);
    let where;
    try {
      where = resource ? await resource(req) : undefined;
    } catch {
      return refuse(400, 'bad_request', 'bad_resource', MESSAGES.bad_resource[language]);
    }
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
}
