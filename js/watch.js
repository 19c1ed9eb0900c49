// A policy loaded from the server and kept current: the browser half of "the policy travels with
// its fingerprint" (the server half is rolegate/express's `servePolicy` and `fingerprintHeader`).
//
//   const policy = watchPolicy('/api/policy', { onChange: (engine) => regate(engine) });
//   await policy.ready;                      // loaded, or failed closed (engine.loadError says why)
//   const response = await policy.fetch('/api/orders', { method: 'POST', … });
//
// Every response the page reads through `policy.fetch` (or hands to `policy.check`) is compared by
// its `Rolegate-Fingerprint` header with the engine's fingerprint. When they differ, the engine is
// at once one that denies everything (`no_policy`: fail closed), the policy is loaded again, and it
// is accepted only with the fingerprint the server announced; `onChange` hears of both steps.

import { RolegateError, argumentError, describe, problem } from './errors.js';

/** The response header that carries the server's policy fingerprint. */
export const FINGERPRINT_HEADER = 'Rolegate-Fingerprint';

/** `"abc…"` or `W/"abc…"` (an ETag) as the fingerprint it quotes; undefined for anything else. */
function fingerprintOf(etag) {
  const match = typeof etag === 'string' ? /^\s*(?:W\/)?"([0-9a-fA-F]{64})"\s*$/.exec(etag) : null;
  return match ? match[1].toLowerCase() : undefined;
}

function unavailable(code, en, de) {
  return new RolegateError(code, en, [problem(code, 'policy', en, de)]);
}

/** `watchPolicy` for the package's `PolicyEngine` class (each entry has its own). */
export function policyWatcher(PolicyEngine) {
  /**
   * Loads the policy at `url` and keeps it current; see the top of this file. Options: `fetch`
   * (default: the global one), `onChange(engine)` (called with every engine that replaces the
   * current one).
   */
  return function watchPolicy(url, opts) {
    if (typeof url !== 'string' && !(url instanceof URL)) {
      throw argumentError('url', `must be a URL or a string, not ${describe(url)}`, `muss eine URL oder eine Zeichenkette sein, nicht ${describe(url)}`);
    }
    if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
      throw argumentError('options', `must be an object, not ${describe(opts)}`, `muss ein Objekt sein, nicht ${describe(opts)}`);
    }
    const fetcher = opts?.fetch ?? globalThis.fetch;
    const onChange = opts?.onChange;
    if (typeof fetcher !== 'function') {
      throw argumentError('options.fetch', `must be a function, not ${describe(fetcher)}`, `muss eine Funktion sein, nicht ${describe(fetcher)}`);
    }
    if (onChange !== undefined && typeof onChange !== 'function') {
      throw argumentError('options.onChange', `must be a function, not ${describe(onChange)}`, `muss eine Funktion sein, nicht ${describe(onChange)}`);
    }
    const target = String(url);
    let engine = PolicyEngine.unavailable(unavailable('no_policy', 'the policy is loading', 'die Richtlinie wird geladen'));
    let generation = 0;
    let expected; // the fingerprint the last reload was asked for
    let loading;

    function replace(next) {
      engine = next;
      if (onChange) {
        try {
          onChange(next);
        } catch (error) {
          // The caller's listener failing must not leave the watcher half updated: reported as an
          // event listener's error is (the browser's reportError), or thrown on its own.
          if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
          else
            queueMicrotask(() => {
              throw error;
            });
        }
      }
    }

    async function load(wanted, mine) {
      let next;
      try {
        const response = await fetcher(target, { headers: { accept: 'application/json' }, cache: 'no-cache' });
        if (!response || !response.ok) {
          const status = response?.status ?? 'no response';
          throw unavailable('no_policy', `GET ${target} answered ${status}`, `GET ${target} antwortete ${status}`);
        }
        const announced = fingerprintOf(response.headers?.get?.('etag')) ?? response.headers?.get?.(FINGERPRINT_HEADER) ?? undefined;
        const text = await response.text();
        next = PolicyEngine.load(text, { fingerprint: wanted ?? announced });
      } catch (error) {
        next = PolicyEngine.unavailable(error);
      }
      // A later reload (a newer announcement) wins over one still in flight.
      if (mine === generation) replace(next);
    }

    function reload(wanted) {
      generation += 1;
      expected = wanted;
      loading = load(wanted, generation);
      return loading;
    }

    const watcher = {
      /** The engine to decide with now: the current policy, or one that denies everything. */
      get engine() {
        return engine;
      },
      /** Settles when the policy being loaded has loaded or failed closed. */
      get ready() {
        return loading;
      },
      /**
       * Compares `response`'s fingerprint header with the engine's. When the server announces
       * another policy, denies everything at once and loads it; returns whether it did.
       */
      check(response) {
        let announced;
        try {
          announced = response?.headers?.get?.(FINGERPRINT_HEADER);
        } catch {
          announced = undefined;
        }
        if (typeof announced !== 'string' || announced === '') return false;
        const wanted = announced.trim().toLowerCase();
        if (engine.loaded && engine.fingerprint === wanted) return false;
        if (!engine.loaded && expected === wanted) return false; // being loaded, or it failed: see refresh()
        replace(
          PolicyEngine.unavailable(
            unavailable('policy_changed', `the server's policy changed to ${wanted}; loading it`, `die Richtlinie des Servers hat sich zu ${wanted} geändert; sie wird geladen`),
          ),
        );
        reload(wanted);
        return true;
      },
      /** `fetch(input, init)`, then `check` of its response. */
      async fetch(input, init) {
        const response = await fetcher(input, init);
        watcher.check(response);
        return response;
      },
      /** Loads the policy again (whatever it is now); settles like `ready`. */
      refresh() {
        return reload(undefined);
      },
    };
    reload(undefined);
    return watcher;
  };
}
