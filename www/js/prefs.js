// The page's own preferences in localStorage: language, delivery facility, and the member last
// chosen per organization. Not the demo's data (that is the server's): anything unreadable is
// ignored and the defaults used.

import { FACILITIES } from '/common/sample.js';

export const PREFS_KEY = 'rolegate-demo-prefs';

const DEFAULTS = () => ({ lang: 'en', deliverTo: 'f1', members: {} });

/** The stored preferences, each checked; defaults for anything missing or wrong. */
export function loadPrefs(storage = globalThis.localStorage) {
  const prefs = DEFAULTS();
  let stored;
  try {
    stored = JSON.parse(storage.getItem(PREFS_KEY) ?? '{}');
  } catch {
    return prefs;
  }
  if (stored === null || typeof stored !== 'object') return prefs;
  if (['en', 'de'].includes(stored.lang)) prefs.lang = stored.lang;
  if (FACILITIES.some((f) => f.id === stored.deliverTo)) prefs.deliverTo = stored.deliverTo;
  if (stored.members && typeof stored.members === 'object') {
    for (const [key, id] of Object.entries(stored.members)) if (typeof id === 'string') prefs.members[key] = id;
  }
  return prefs;
}

/** Saves the preferences; a browser that refuses (private mode) keeps them for this page only. */
export function savePrefs(prefs, storage = globalThis.localStorage) {
  try {
    storage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Nothing to do: the preferences last until the page is reloaded.
  }
}
