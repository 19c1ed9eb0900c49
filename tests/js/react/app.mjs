// The React app of the rolegate/react tests, without JSX so that Node renders it as is and esbuild
// bundles it for the browser as is: gated buttons (memoized, so that only the store re-renders
// them), a <Can> with a fallback, and the why of one action. Every render is counted.
import { createElement as h, memo } from 'react';
import { Can, RolegateProvider, useCan, useExplain } from 'rolegate/react';

/** Renders per component id, since the page loaded. */
export const renders = {};
const count = (id) => {
  renders[id] = (renders[id] ?? 0) + 1;
};

/** The gated buttons: e-shop and service-case actions of `mytrumpf`, two of them scoped. */
export const BUTTONS = [
  { id: 'request', action: 'eshop.order.request', label: 'Request order' },
  { id: 'order', action: 'eshop.order.place', label: 'Order now' },
  { id: 'release', action: 'eshop.order.release', label: 'Release request' },
  { id: 'case-f1', action: 'service.case.manage', resource: { facility: 'f1' }, label: 'Edit case (Plant North)' },
  { id: 'case-f2', action: 'service.case.manage', resource: { facility: 'f2' }, label: 'Edit case (Plant South)' },
];

const GatedButton = memo(function GatedButton({ id, action, resource, label }) {
  count(id);
  const allowed = useCan(action, resource);
  return h('button', { type: 'button', 'data-id': id, disabled: !allowed }, label);
});

const OrderGate = memo(function OrderGate() {
  return h(Can, { action: 'eshop.order.place' }, (allowed) => {
    count('can');
    return allowed ? h('span', { 'data-id': 'can' }, 'You may order') : h('span', { 'data-id': 'can' }, 'Ask a purchaser to order');
  });
});

const Why = memo(function Why() {
  count('why');
  const explanation = useExplain('eshop.order.place');
  return h('p', { 'data-id': 'why' }, explanation ? explanation.message : 'no session');
});

/** The app for `session` in `lang`. */
export function App({ session, lang }) {
  return h(
    RolegateProvider,
    { session, lang },
    h('div', { className: 'buttons' }, ...BUTTONS.map((b) => h(GatedButton, { key: b.id, ...b }))),
    h(OrderGate),
    h(Why),
  );
}
