// The demo's state in localStorage: loaded and checked whole (a broken or hand-edited state is
// reported and replaced by the sample data, never half used), saved after every change.

import { FACILITIES, LOG_TEXTS, ORG_KEYS, PRODUCTS, initialState } from './sample.js';

export const STORAGE_KEY = 'rolegate-demo';

/** Why a stored state cannot be used, in both languages. */
class Broken extends Error {
  constructor(en, de) {
    super(en);
    this.label = { en, de };
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v) => typeof v === 'string';

function expect(condition, en, de) {
  if (!condition) throw new Broken(en, de);
}

/**
 * Checks a parsed state: its shape, and that every organization fits its policy (asked of the
 * engine itself, so anything `apply` would refuse as a snapshot is caught here).
 */
export function checkState(state, engineFor) {
  expect(isObject(state) && state.version === 1, 'not a demo state of this version', 'kein Demo-Zustand dieser Version');
  expect(isObject(state.orgs), 'no organizations', 'keine Organisationen');
  for (const key of ORG_KEYS) {
    expect(isObject(state.orgs[key]), `organization ${key} is missing`, `Organisation ${key} fehlt`);
  }
  for (const [key, org] of Object.entries(state.orgs)) {
    // Beside the sample's organizations, the operators onboarded in the demo (`platform:operator:<tenant>`).
    const onboarded = /^platform:operator:[a-z][a-z0-9_.-]*$/.test(key) && isObject(org) && key === `platform:operator:${org.tenant}`;
    expect(ORG_KEYS.includes(key) || onboarded, `unknown organization ${key}`, `unbekannte Organisation ${key}`);
    const kind = key === 'mytrumpf' ? 'customer' : key.split(':')[1];
    expect(org.kind === kind, `organization ${key} has the wrong kind`, `Organisation ${key} hat die falsche Art`);
    try {
      engineFor(key).admins(org);
    } catch (error) {
      const problem = error.problems?.[0];
      const where = problem ? `${problem.path}: ` : '';
      throw new Broken(`${key}: ${where}${problem?.messages?.en ?? error.message}`, `${key}: ${where}${problem?.messages?.de ?? error.message}`);
    }
  }
  const { shop, cases, choice } = state;
  expect(isObject(shop) && isObject(shop.carts), 'no e-shop', 'kein E-Shop');
  expect(Object.values(shop.carts).every((n) => Number.isInteger(n) && n >= 0), 'a cart is not a count', 'ein Warenkorb ist keine Anzahl');
  const line = (r) =>
    isObject(r) &&
    isString(r.id) &&
    Object.hasOwn(state.orgs, r.org) &&
    PRODUCTS.some((p) => p.id === r.product) &&
    FACILITIES.some((f) => f.id === r.facility) &&
    isString(r.by) &&
    (r.releasedBy === undefined || isString(r.releasedBy));
  expect(Array.isArray(shop.requests) && shop.requests.every(line), 'bad order requests', 'fehlerhafte Bestellanforderungen');
  expect(Array.isArray(shop.orders) && shop.orders.every(line), 'bad orders', 'fehlerhafte Bestellungen');
  const caseOk = (c) =>
    isObject(c) &&
    Number.isInteger(c.id) &&
    Object.hasOwn(state.orgs, c.org) &&
    isString(c.asset) &&
    ['shared', 'internal'].includes(c.kind) &&
    typeof c.remote === 'boolean' &&
    Array.isArray(c.log) &&
    c.log.every((e) => isObject(e) && isString(e.by) && LOG_TEXTS.includes(e.what));
  expect(Array.isArray(cases) && cases.every(caseOk), 'bad service cases', 'fehlerhafte Servicefälle');
  expect(Number.isInteger(state.next) && state.next > 0, 'bad counter', 'fehlerhafter Zähler');
  expect(isObject(choice) && ['mytrumpf', 'platform'].includes(choice.policy), 'bad policy choice', 'fehlerhafte Richtlinienwahl');
  expect(['en', 'de'].includes(choice.lang), 'bad language', 'fehlerhafte Sprache');
  expect(FACILITIES.some((f) => f.id === choice.deliverTo), 'bad delivery facility', 'fehlerhafter Lieferort');
  expect(['operator', 'service_provider', 'app_developer'].includes(choice.kind), 'bad tenant kind', 'fehlerhafte Mandantenart');
  expect(isObject(choice.members) && ORG_KEYS.every((k) => isString(choice.members[k])), 'bad member choice', 'fehlerhafte Mitgliederwahl');
  expect(choice.operatorOrg === undefined || Object.hasOwn(state.orgs, choice.operatorOrg), 'bad company choice', 'fehlerhafte Firmenwahl');
  return state;
}

/**
 * The stored state, checked; or the sample state and a notice `{ en, de }` saying why the stored
 * one was not used (nothing stored yet is no notice).
 */
export function loadState(engineFor, storage = globalThis.localStorage) {
  let text;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { state: initialState(), notice: 'storageUnavailable' };
  }
  if (text === null) return { state: initialState(), notice: null };
  try {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Broken('not JSON', 'kein JSON');
    }
    return { state: checkState(parsed, engineFor), notice: null };
  } catch (error) {
    const reason = error instanceof Broken ? error.label : { en: String(error.message), de: String(error.message) };
    const state = initialState();
    saveState(state, storage);
    return { state, notice: { key: 'stateBroken', reason } };
  }
}

/** Saves the state; a browser that refuses (private mode, quota) keeps it in memory only. */
export function saveState(state, storage = globalThis.localStorage) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}
