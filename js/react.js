// rolegate/react: React bindings (React 18 or later), for Node (server rendering) and browsers.
//
//   <RolegateProvider session={session} lang="de">          // or engine={engine} subject={user}
//     <Can action="eshop.order.place" fallback={<RequestButton />}><OrderButton /></Can>
//   </RolegateProvider>
//
//   const allowed = useCan('service_case.manage', { facility: 'f1' });
//   const why = useExplain('eshop.order.place');             // the explanation, in the provider's language
//   const { effect, approval } = useDecision('eshop.order.place', { total: '6000.00 EUR' }); // allow | approval | deny
//   <Can action="eshop.order.place" resource={{ total }} approval={<RequestApprovalButton />} fallback={<Denied />}>…</Can>
//
// The provider keeps the session and the language in a small external store; each hook reads its
// answer with useSyncExternalStore, so when the session, the policy or the language changes, a
// component renders again only when its own answer changed, and never otherwise. The answer is
// computed during rendering, on the server as in the browser, from the same session: the server's
// HTML already has every denied state and hydration finds the same (no effect decides late, so
// nothing allowed flashes). Without a session (null), everything is denied: fail closed.

import { createContext, createElement, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

// useLayoutEffect warns when rendered on a server; there the store never changes anyway.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

const StoreContext = createContext(null);

/** The provider's store: the current `{ session, lang, engine }`, replaced whole, and its listeners. */
function createStore(session, lang, engine) {
  let state = { session, lang, engine };
  const listeners = new Set();
  return {
    get: () => state,
    set(nextSession, nextLang, nextEngine) {
      if (nextSession === state.session && nextLang === state.lang && nextEngine === state.engine) return;
      state = { session: nextSession, lang: nextLang, engine: nextEngine };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const LANGS = new Set(['en', 'de']);

/**
 * Makes a session (or an engine and a subject, compiled into one) and a language available to
 * the hooks and `<Can>` below it. Changing any of them re-renders exactly the components whose
 * answers change.
 */
export function RolegateProvider({ session, engine, subject, approvalRules, lang = 'en', onError, children }) {
  // A subject given as a fresh object on each render is the same subject when its JSON is.
  const subjectKey = subject == null ? '' : safeKey(subject);
  const rulesKey = approvalRules == null ? '' : safeKey(approvalRules);
  const derived = useMemo(() => {
    if (session !== undefined) return { session: session ?? null, error: null };
    if (!engine || subject == null) return { session: null, error: null };
    try {
      return { session: approvalRules == null ? engine.session(subject) : engine.session(subject, { approvalRules }), error: null };
    } catch (error) {
      // A subject (or rules) that does not fit: everything denied, and said (below).
      return { session: null, error };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the subject and the rules by value
  }, [session, engine, subjectKey, rulesKey]);
  const language = LANGS.has(lang) ? lang : 'en';
  const [store] = useState(() => createStore(derived.session, language, engine ?? null));
  useIsomorphicLayoutEffect(() => {
    store.set(derived.session, language, engine ?? null);
  }, [store, derived, language, engine]);
  // Never a silent denial: the error reaches `onError`, and in development the console.
  const report = useRef(onError);
  report.current = onError;
  useEffect(() => {
    if (derived.error === null) return;
    if (typeof report.current === 'function') report.current(derived.error);
    if (DEVELOPMENT) console.warn(`rolegate: the subject does not fit the policy, so everything is denied:\n${problemsOf(derived.error)}`);
  }, [derived]);
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** Whether this is a development build (bundlers replace `process.env.NODE_ENV`; without one, yes). */
const DEVELOPMENT = (() => {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
})();

/** An error's problems, one per line (`path: message`), or its message. */
function problemsOf(error) {
  const problems = Array.isArray(error?.problems) ? error.problems : [];
  if (problems.length === 0) return `  ${error?.message ?? String(error)}`;
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}

/**
 * The provider, hooks and `<Can>` bound to one policy's ids: in TypeScript every call site is
 * typed by the one call (`createRolegate<MytrumpfIds>()`, or `createRolegate(engine)` with a typed
 * engine). At run time they are this module's own.
 */
export function createRolegate() {
  return { RolegateProvider, useCan, useExplain, useDecision, useSession, useWhomToAsk, Can };
}

function useStore(hook) {
  const store = useContext(StoreContext);
  if (store === null) {
    const error = new Error(`${hook} is used outside a <RolegateProvider>`);
    error.code = 'no_provider';
    throw error;
  }
  return store;
}

/** A stable text for a value; for one JSON cannot write, a marker (it is then compared by identity). */
function safeKey(value) {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '\u0000unreadable';
  }
}

/** `session.can`, false for no session and for anything that throws (a freed session, a bad resource). */
function decide(session, action, resource) {
  if (!session) return false;
  try {
    return session.can(action, resource ?? undefined) === true;
  } catch {
    return false;
  }
}

/** Whether the provider's session may do `action` (on `resource`). Re-renders only when that changes. */
export function useCan(action, resource) {
  const store = useStore('useCan');
  const read = () => decide(store.get().session, action, resource);
  return useSyncExternalStore(store.subscribe, read, read);
}

/**
 * One answer of the store: `answer(state)`, read again when the store changes or `key` (what the
 * answer depends on besides the state) does, and keeping its identity while its JSON is the same,
 * so that an equal answer renders nothing new.
 */
function useStoreAnswer(hook, key, answer) {
  const store = useStore(hook);
  const cache = useRef({ state: undefined, key: undefined, text: undefined, value: undefined });
  const read = () => {
    const state = store.get();
    const last = cache.current;
    if (last.state === state && last.key === key) return last.value;
    const value = answer(state);
    const text = safeKey(value);
    const kept = text === last.text ? last.value : value;
    cache.current = { state, key, text, value: kept };
    return kept;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}

/** The key of an action and a resource (and more), for `useStoreAnswer`. */
function keyOf(action, ...rest) {
  return [typeof action === 'string' ? action : safeKey(action), ...rest.map((value) => safeKey(value ?? null))].join('\u0000');
}

/**
 * The explanation of `action` (on `resource`) for the provider's session, in its language: `{
 * allowed, code, message, … }`, or `null` without a session. Re-renders only when the explanation
 * says something else.
 */
export function useExplain(action, resource) {
  return useStoreAnswer('useExplain', keyOf(action, resource), (state) => {
    if (!state.session) return null;
    try {
      return state.session.explain(action, resource ?? undefined, state.lang);
    } catch (error) {
      return { allowed: false, code: error?.code ?? 'invalid_request', action: String(action), message: String(error?.message ?? error) };
    }
  });
}

/** The decision of every check without a session. */
const NO_SESSION = Object.freeze({ allowed: false, effect: 'deny', code: 'no_session' });

/**
 * The three-way decision of `action` (on `resource`, e.g. with the order's `total`) for the
 * provider's session: `{ allowed, effect, code, approval? }`, `effect` `allow`, `approval` (ask
 * for it: `approval.tiers` say whose release it needs) or `deny`. Re-renders only when the
 * decision changes.
 */
export function useDecision(action, resource) {
  return useStoreAnswer('useDecision', keyOf(action, resource), (state) => decisionOf(state.session, action, resource, true));
}

/** The decision (`full`) or only whether it allows; a denial for no session and for anything that throws. */
function decisionOf(session, action, resource, full) {
  if (!full) return decide(session, action, resource);
  if (!session) return NO_SESSION;
  try {
    const { allowed, effect, code, approval } = session.decide(action, resource ?? undefined);
    return approval === undefined ? { allowed: allowed === true, effect, code } : { allowed: allowed === true, effect, code, approval };
  } catch (error) {
    return { allowed: false, effect: 'deny', code: error?.code ?? 'invalid_request' };
  }
}

/**
 * Whom to ask for `action` (on `resource`): `{ roles, members }`. `roles` are the roles of the
 * tenant that grant it (the explanation's `grantingRoles`); `members`, the active members of
 * `org` (an organization snapshot) who may do it, by name, from the provider's engine's `whoCan`
 * (Node's build and `rolegate/web/full`; `null` where the engine has no administration, or the
 * provider was given a session only, or without `org`). Re-renders only when the answer changes.
 */
export function useWhomToAsk(org, action, resource) {
  return useStoreAnswer('useWhomToAsk', keyOf(action, resource, org), (state) => whomToAsk(state, org, action, resource));
}

/** [`useWhomToAsk`]'s answer for one state of the store. */
function whomToAsk({ session, lang, engine }, org, action, resource) {
  let roles = [];
  if (session) {
    try {
      roles = session.explain(action, resource ?? undefined, lang).grantingRoles ?? [];
    } catch {
      roles = [];
    }
  }
  let members = null;
  if (engine && org != null && typeof engine.whoCan === 'function') {
    try {
      members = engine.whoCan(org, action, resource ?? undefined).map(({ id, name, roles: held }) => ({ id, name, roles: held }));
    } catch {
      members = null; // not in this build, or an organization that does not fit
    }
  }
  return { roles, members };
}

/** The provider's session (or null): for questions the hooks above do not ask. */
export function useSession() {
  const store = useStore('useSession');
  const read = () => store.get().session;
  return useSyncExternalStore(store.subscribe, read, read);
}

/**
 * Renders `children` when the provider's session may do `action` (on `resource`), `approval`
 * (when given) when it needs approval, else `fallback` (nothing by default). `children` may be a
 * function of the answer (and, with `approval` given, of the whole decision).
 */
export function Can({ action, resource, fallback = null, approval, children }) {
  const full = approval !== undefined;
  const answer = useStoreAnswer('Can', keyOf(action, resource, full), (state) => decisionOf(state.session, action, resource, full));
  const allowed = full ? answer.allowed : answer;
  if (typeof children === 'function') return full ? children(allowed, answer) : children(allowed);
  if (allowed) return children ?? null;
  return full && answer.effect === 'approval' ? approval : fallback;
}
