'use client';
// E-shop and service-case buttons gated by rolegate/react. On the server the Node build is ready
// at once and the buttons render with their answers; in the browser, hydration waits (Suspense,
// `use`) for the module, then finds exactly the server's HTML: no mismatch, no flash.
import { Suspense, memo, use, useEffect, useMemo, useState } from 'react';
import { PolicyEngine, ready } from 'rolegate';
import { Can, RolegateProvider, useCan } from 'rolegate/react';

const SUBJECTS = {
  otto: { id: 'otto', tenant: 'acme', roles: [{ role: 'operator', scope: { facility: 'f1' } }] },
  anna: { id: 'anna', tenant: 'acme', roles: ['purchaser'] },
};
const BUTTONS = [
  { id: 'request', action: 'eshop.order.request', label: 'Request order' },
  { id: 'order', action: 'eshop.order.place', label: 'Order now' },
  { id: 'release', action: 'eshop.order.release', label: 'Release request' },
  { id: 'case-f1', action: 'service.case.manage', resource: { facility: 'f1' }, label: 'Edit case (Plant North)' },
  { id: 'case-f2', action: 'service.case.manage', resource: { facility: 'f2' }, label: 'Edit case (Plant South)' },
];

// Node's build is ready as it loads; the browser's loads its module (started here, once).
const loaded = typeof window === 'undefined' ? null : ready();
let engine;
const portal = () => (engine ??= PolicyEngine.builtin('mytrumpf'));

const GatedButton = memo(function GatedButton({ id, action, resource, label }) {
  const allowed = useCan(action, resource);
  return (
    <button type="button" data-id={id} disabled={!allowed}>
      {label}
    </button>
  );
});

function Buttons({ initialMember }) {
  if (loaded) use(loaded);
  const [member, setMember] = useState(initialMember);
  const session = useMemo(() => portal().session(SUBJECTS[member]), [member]);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <RolegateProvider session={session}>
      <div data-hydrated={hydrated ? 'yes' : 'no'}>
        <select data-id="member" value={member} onChange={(e) => setMember(e.target.value)}>
          <option value="otto">Otto Lang (operator, Plant North)</option>
          <option value="anna">Anna Berg (purchaser)</option>
        </select>
        {BUTTONS.map((b) => (
          <GatedButton key={b.id} {...b} />
        ))}
        <Can action="eshop.order.place" fallback={<p data-id="can">Ask a purchaser to order.</p>}>
          <p data-id="can">You may order.</p>
        </Can>
      </div>
    </RolegateProvider>
  );
}

export function Gated({ initialMember }) {
  return (
    <Suspense fallback={<p>Loading permissions…</p>}>
      <Buttons initialMember={initialMember} />
    </Suspense>
  );
}
