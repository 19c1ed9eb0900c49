// The e-shop panel (customer portal): products with "Add to cart", "Request order" and "Order
// now", the order-request inbox with "Release", and the orders. Every button is gated by its
// permission for the chosen delivery facility.

import { FACILITIES, PRODUCTS } from '../sample.js';
import { button, esc, options } from '../html.js';
import { label } from '../i18n.js';

const product = (id) => PRODUCTS.find((p) => p.id === id);

export function renderShop(ctx) {
  const { t, lang, state } = ctx;
  if (ctx.key !== 'mytrumpf') return `<p class="note">${esc(t('shopOnlyPortal'))}</p>`;
  const facility = state.choice.deliverTo;
  const resource = { facility };
  const place = (id) => label(FACILITIES.find((f) => f.id === id)?.label, lang);
  const cards = PRODUCTS.map(
    (p) => `<li class="card">
      <h3>${esc(label(p.name, lang))}</h3>
      <p class="price">${esc(t('price', p.price.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')))}</p>
      <div class="actions">
        ${button(t('addToCart'), { action: 'cart', permission: 'eshop.cart.edit', resource, data: { product: p.id } })}
        ${button(t('requestOrder'), { action: 'request', permission: 'eshop.order.request', resource, data: { product: p.id } })}
        ${button(t('orderNow'), { action: 'order', permission: 'eshop.order.place', resource, data: { product: p.id }, kind: 'primary' })}
        <p class="ask" aria-live="polite"></p>
      </div>
    </li>`,
  ).join('');
  const name = (id) => ctx.org.members.find((m) => m.id === id)?.name ?? id;
  const inbox = state.shop.requests.filter((r) => r.org === ctx.key);
  const inboxItems = inbox
    .map(
      (r) => `<li class="request" data-request="${esc(r.id)}">
        <span>${esc(t('requestLine', label(product(r.product)?.name, lang), place(r.facility), name(r.by)))}</span>
        <div class="actions">
          ${button(t('release'), { action: 'release', permission: 'eshop.order.release', resource: { facility: r.facility }, data: { request: r.id }, kind: 'primary' })}
          <p class="ask" aria-live="polite"></p>
        </div>
      </li>`,
    )
    .join('');
  const orders = state.shop.orders
    .filter((o) => o.org === ctx.key)
    .map((o) => {
      const what = label(product(o.product)?.name, lang);
      const text = o.releasedBy
        ? t('orderReleasedLine', what, place(o.facility), name(o.by), name(o.releasedBy))
        : t('orderLine', what, place(o.facility), name(o.by));
      return `<li>${esc(text)}</li>`;
    })
    .join('');
  const cart = state.shop.carts[`${ctx.key}/${ctx.me.id}`] ?? 0;
  const facilities = FACILITIES.map((f) => [f.id, label(f.label, lang)]);
  return `
    <div class="row">
      <label>${esc(t('deliverTo'))} <select data-choose="deliverTo">${options(facilities, facility)}</select></label>
      <p class="cart" data-cart>${esc(cart ? t('cart', cart) : t('cartEmpty'))}</p>
    </div>
    <ul class="cards">${cards}</ul>
    <h3>${esc(t('inbox'))}</h3>
    ${inboxItems ? `<ul class="list" data-inbox>${inboxItems}</ul>` : `<p class="empty" data-inbox>${esc(t('inboxEmpty'))}</p>`}
    <h3>${esc(t('orders'))}</h3>
    ${orders ? `<ul class="list" data-orders>${orders}</ul>` : `<p class="empty" data-orders>${esc(t('ordersEmpty'))}</p>`}`;
}

/** Does a shop action the engine allowed; returns the notice to show. */
export function doShop(ctx, action, el) {
  const { state, t, lang } = ctx;
  const me = ctx.me.id;
  const facility = state.choice.deliverTo;
  const place = label(FACILITIES.find((f) => f.id === facility)?.label, lang);
  const what = label(product(el.dataset.product)?.name, lang);
  switch (action) {
    case 'cart': {
      const cartKey = `${ctx.key}/${me}`;
      state.shop.carts[cartKey] = (state.shop.carts[cartKey] ?? 0) + 1;
      return { ok: t('added', what) };
    }
    case 'request':
      state.shop.requests.push({ id: `r${state.next++}`, org: ctx.key, product: el.dataset.product, facility, by: me });
      return { ok: t('requested', place) };
    case 'order':
      state.shop.orders.push({ id: `o${state.next++}`, org: ctx.key, product: el.dataset.product, facility, by: me });
      return { ok: t('ordered', what) };
    case 'release': {
      const at = state.shop.requests.findIndex((r) => r.id === el.dataset.request);
      if (at < 0) return null;
      const [request] = state.shop.requests.splice(at, 1);
      state.shop.orders.push({ ...request, id: `o${state.next++}`, releasedBy: me });
      const by = ctx.org.members.find((m) => m.id === request.by)?.name ?? request.by;
      return { ok: t('released', by, ctx.me.name) };
    }
    default:
      return null;
  }
}
