// The e-shop panel (customer portal): products with "Add to cart", "Request order" and "Order
// now", the order-request inbox with "Release", and the orders. Every button is gated by its
// permission for the chosen delivery facility.

import { FACILITIES, PRODUCTS } from '/common/sample.js';
import { button, esc, options } from '../html.js';
import { label } from '/common/i18n.js';

const product = (id) => PRODUCTS.find((p) => p.id === id);

export function renderShop(ctx) {
  const { t, lang, view } = ctx;
  if (!view.shop) return `<p class="note">${esc(t('shopOnlyPortal'))}</p>`;
  const facility = ctx.prefs.deliverTo;
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
  const name = ctx.nameOf;
  const inbox = view.shop.requests;
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
  const orders = view.shop.orders
    .map((o) => {
      const what = label(product(o.product)?.name, lang);
      const text = o.releasedBy
        ? t('orderReleasedLine', what, place(o.facility), name(o.by), name(o.releasedBy))
        : t('orderLine', what, place(o.facility), name(o.by));
      return `<li>${esc(text)}</li>`;
    })
    .join('');
  const cart = view.shop.cart;
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

/**
 * The request a shop button makes: `{ path, body, ok(result) }` (ok: the notice on success). The
 * server checks the permission for the stored request's facility, or the chosen one.
 */
export function shopRequest(ctx, action, el) {
  const { t, lang } = ctx;
  const facility = ctx.prefs.deliverTo;
  const place = label(FACILITIES.find((f) => f.id === facility)?.label, lang);
  const what = label(product(el.dataset.product)?.name, lang);
  const line = { product: el.dataset.product, facility };
  switch (action) {
    case 'cart':
      return { path: '/api/cart', body: line, ok: () => t('added', what) };
    case 'request':
      return { path: '/api/order-requests', body: line, ok: () => t('requested', place) };
    case 'order':
      return { path: '/api/orders', body: line, ok: () => t('ordered', what) };
    case 'release':
      return { path: `/api/order-requests/${encodeURIComponent(el.dataset.request)}/release`, body: {}, ok: (r) => t('released', r.by, ctx.me.name) };
    default:
      return null;
  }
}
