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
 * rejects with an ApiRefusal. `lang()` is read for each request; `watcherOf(name)` is the watcher
 * of policy `name`, which checks the fingerprint of each response about that policy (the server
 * names it in `Rolegate-Policy`: the signed-in member's).
 */
export function apiClient({ lang, watcherOf }) {
  async function call(method, path, body) {
    const init = { method, headers: { accept: 'application/json', 'accept-language': lang() }, credentials: 'same-origin' };
    if (method !== 'GET') {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (error) {
      throw new ApiRefusal(0, { code: 'offline', message: String(error?.message ?? error) });
    }
    const policy = response.headers.get('rolegate-policy');
    if (policy === 'mytrumpf' || policy === 'platform') watcherOf(policy).check(response);
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
