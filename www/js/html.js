// Building markup from text safely: every value goes through `esc`, attributes through `attrs`.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `value` as HTML text. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** ` name="value"` for each entry whose value is not null, undefined or false (`true`: just the name). */
export function attrs(map) {
  let out = '';
  for (const [name, value] of Object.entries(map)) {
    if (value === null || value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${esc(value)}"`;
  }
  return out;
}

/**
 * A button that does `action` (read by the page's click handler), gated by `permission` on
 * `resource` when given: `data-permission` and `data-resource-*` for rolegate/dom.
 */
export function button(text, { action, permission, resource, data = {}, kind } = {}) {
  const gateAttrs = { 'data-permission': permission };
  for (const [key, value] of Object.entries(resource ?? {})) gateAttrs[`data-resource-${key}`] = value;
  const dataAttrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  return `<button type="button"${attrs({ class: kind, 'data-do': action, ...gateAttrs, ...dataAttrs })}>${esc(text)}</button>`;
}

/** `<option>`s from `[value, text]` pairs, `selected` marked. */
export function options(pairs, selected) {
  return pairs.map(([value, text]) => `<option${attrs({ value, selected: value === selected })}>${esc(text)}</option>`).join('');
}
