// The page's only way to change or read the demo's data: the server's HTTP JSON API. Every
// request is same-origin JSON in the page's language; every response goes through the policy's
// watcher, so one that announces another policy fingerprint reloads the policy (and the page
// denies everything until it has). A refusal comes back as `{ error, code, message }`.

/** A refusal or failure of the API: `status` (0: no answer), `code`, `message` (the server's words). */
export class ApiRefusal extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? 'http_error';
    this.body = body;
  }
}

/**
 * A client: `call(method, path, body?)` resolves to the response's JSON (or null for 204) and
 * rejects with an ApiRefusal. `lang()` is read for each request; `watcher()` is the current
 * policy's watcher (or null), whose `fetch` checks the fingerprint header.
 */
export function apiClient({ lang, watcher }) {
  async function call(method, path, body) {
    const init = { method, headers: { accept: 'application/json', 'accept-language': lang() }, credentials: 'same-origin' };
    if (method !== 'GET') {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
    const w = watcher();
    let response;
    try {
      response = await (w ? w.fetch(path, init) : fetch(path, init));
    } catch (error) {
      throw new ApiRefusal(0, { code: 'offline', message: String(error?.message ?? error) });
    }
    if (response.status === 204) return null;
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (!response.ok) throw new ApiRefusal(response.status, json);
    return json;
  }
  return { call };
}
