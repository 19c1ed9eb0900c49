// rolegate/dom: gate the elements of a plain page with a session.
//
//   <button data-permission="eshop.order.place">Order now</button>
//   <button data-permission="service_case.manage" data-resource-facility="f1">Edit</button>
//
//   const handle = gate(document.body, session, { lang: 'de', mode: 'disable' });
//   handle.update(otherSession); handle.disconnect();
//
// A denied element is hidden (`mode: 'hide'`) or marked `aria-disabled="true"` with a localized
// `title` saying why and which roles would allow it (`mode: 'disable'`). A disabled element stays
// focusable and clickable for assistive technology, but its activation is blocked: instead, a
// `rolegate:denied` event (bubbling, `detail: { action, resource, explanation }`) is dispatched
// on it, e.g. to show the full explanation. Without a session every gated element is hidden:
// nothing is shown before it is known to be allowed.
//
// Approval processes: an action that needs approval for this session and resource (e.g. an order
// whose `data-resource-total="6000.00 EUR"` is over the company's threshold) is not allowed, and
// its element is marked `data-rolegate="approval"` (its title says whose release it needs, the
// event's explanation has `effect: 'approval'` and the tiers). An element with
// `data-when="approval"` ("Request approval") is the other way round: enabled exactly when the
// action needs approval, gated otherwise.

const MODES = ['hide', 'disable'];
const LANGS = ['en', 'de'];
const PERMISSION = 'data-permission';
const RESOURCE_PREFIX = 'data-resource-';
const STATE = 'data-rolegate';
const WHEN = 'data-when';

const NO_SESSION = {
  en: 'Hidden until you are signed in.',
  de: 'Ausgeblendet, bis Sie angemeldet sind.',
};

function fail(message) {
  const error = new TypeError(message);
  error.code = 'invalid_argument';
  return error;
}

/** The resource an element names with `data-resource-*` attributes, or undefined. */
export function resourceOf(element) {
  if (!element || typeof element.getAttribute !== 'function' || element.attributes == null) {
    throw fail('resourceOf(element): element must be a DOM element');
  }
  let resource;
  for (const attribute of element.attributes) {
    if (attribute.name.startsWith(RESOURCE_PREFIX)) {
      resource ??= {};
      resource[attribute.name.slice(RESOURCE_PREFIX.length)] = attribute.value;
    }
  }
  return resource;
}

/**
 * Gates every element with `data-permission` under `root` (and `root` itself), now and whenever
 * elements are added or their `data-permission` / `data-resource-*` attributes change. Returns a
 * handle: `update(session)` re-gates with another session (or `null` to hide everything),
 * `disconnect()` stops watching and restores every element as it was.
 */
export function gate(root, session, options) {
  if (!root || typeof root.querySelectorAll !== 'function' || typeof root.addEventListener !== 'function') {
    throw fail('gate(root, …): root must be a DOM element or document');
  }
  if (options != null && (typeof options !== 'object' || Array.isArray(options))) {
    throw fail(`gate(…, options): options must be an object { lang, mode }, not ${typeof options}`);
  }
  const { lang = 'en', mode = 'disable' } = options ?? {};
  if (!MODES.includes(mode)) throw fail(`gate(…, { mode }): mode must be 'hide' or 'disable', not ${String(mode)}`);
  if (!LANGS.includes(lang)) throw fail(`gate(…, { lang }): lang must be 'en' or 'de', not ${String(lang)}`);
  checkSession(session);

  let current = session ?? null;
  const originals = new WeakMap(); // element → its attributes before we touched it
  const denials = new WeakMap(); // element → { action, resource, explanation }
  const touched = new Set(); // elements we changed, to restore them

  function remember(element) {
    if (!originals.has(element)) {
      originals.set(element, {
        hidden: element.hidden,
        ariaDisabled: element.getAttribute('aria-disabled'),
        title: element.getAttribute('title'),
      });
    }
    touched.add(element);
  }

  function restore(element) {
    const original = originals.get(element);
    if (!original) return;
    element.hidden = original.hidden;
    setOrRemove(element, 'aria-disabled', original.ariaDisabled);
    setOrRemove(element, 'title', original.title);
  }

  function apply(element) {
    const action = element.getAttribute(PERMISSION);
    if (!action) return;
    remember(element);
    restore(element);
    denials.delete(element);
    if (!current) {
      element.hidden = true;
      element.setAttribute('title', NO_SESSION[lang]);
      element.setAttribute(STATE, 'hidden');
      return;
    }
    const resource = resourceOf(element);
    const forApproval = element.getAttribute(WHEN) === 'approval';
    let explanation;
    try {
      if (!forApproval && current.can(action, resource) === true) {
        element.setAttribute(STATE, 'allowed');
        return;
      }
      explanation = current.explain(action, resource, lang);
    } catch (error) {
      // A session that cannot decide (freed, bad attributes) denies: fail closed.
      explanation = { allowed: false, effect: 'deny', code: error.code ?? 'error', message: error.message, grantingRoles: [] };
    }
    if (forApproval && explanation?.effect === 'approval') {
      // "Request approval": enabled, its title saying whose release it needs.
      element.setAttribute(STATE, 'allowed');
      element.setAttribute('title', explanation.message);
      return;
    }
    denials.set(element, { action, resource, explanation });
    if (mode === 'hide') {
      element.hidden = true;
      element.setAttribute(STATE, 'hidden');
    } else {
      element.setAttribute('aria-disabled', 'true');
      element.setAttribute(STATE, explanation?.effect === 'approval' ? 'approval' : 'denied');
    }
    element.setAttribute('title', explanation.message);
  }

  function applyWithin(node) {
    if (node.nodeType !== 1) return; // elements only
    if (node.hasAttribute(PERMISSION)) apply(node);
    for (const element of node.querySelectorAll(`[${PERMISSION}]`)) apply(element);
  }

  function forget(node) {
    if (node.nodeType !== 1) return;
    touched.delete(node);
    for (const element of node.querySelectorAll(`[${STATE}]`)) touched.delete(element);
  }

  // Blocks activation of denied elements (click, and Enter/Space, which click) and says why.
  function guard(event) {
    const element = event.target instanceof Element ? event.target.closest(`[${STATE}="denied"], [${STATE}="approval"]`) : null;
    if (!element || !root.contains(element)) return;
    const denial = denials.get(element);
    if (!denial) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    element.dispatchEvent(new CustomEvent('rolegate:denied', { bubbles: true, detail: denial }));
  }

  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'childList') {
        mutation.removedNodes.forEach(forget);
        mutation.addedNodes.forEach(applyWithin);
      } else if (mutation.attributeName === PERMISSION || mutation.attributeName === WHEN || mutation.attributeName.startsWith(RESOURCE_PREFIX)) {
        const element = mutation.target;
        if (element.hasAttribute(PERMISSION)) {
          apply(element);
        } else {
          restore(element);
          element.removeAttribute(STATE);
          touched.delete(element);
        }
      }
    }
  });

  applyWithin(root.nodeType === 9 ? root.documentElement : root);
  root.addEventListener('click', guard, true);
  observer.observe(root, { subtree: true, childList: true, attributes: true });

  return {
    /** Re-gates every element with another session (`null` hides everything). */
    update(next) {
      checkSession(next);
      current = next ?? null;
      applyWithin(root.nodeType === 9 ? root.documentElement : root);
    },
    /** Stops watching and restores every gated element as it was before `gate()`. */
    disconnect() {
      observer.disconnect();
      root.removeEventListener('click', guard, true);
      for (const element of touched) {
        restore(element);
        element.removeAttribute(STATE);
      }
      touched.clear();
    },
  };
}

function checkSession(session) {
  if (session != null && (typeof session.can !== 'function' || typeof session.explain !== 'function')) {
    throw fail('gate(…, session): session must be a rolegate Session (engine.session(subject)) or null');
  }
}

function setOrRemove(element, name, value) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
