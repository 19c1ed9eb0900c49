// E-shop and service-case buttons of the customer portal (`mytrumpf`), gated with rolegate/react
// for the member signed in. Switching the member re-renders only the buttons whose answer changes
// (each counts its renders in `data-renders`, for the test).
import { memo, useMemo, useRef, useState } from 'react';
import { PolicyEngine } from 'rolegate';
import { Can, RolegateProvider, useCan, useExplain } from 'rolegate/react';

// Made on first use: main.jsx renders only once `ready()` has resolved.
let engine;
const portal = () => (engine ??= PolicyEngine.builtin('mytrumpf'));

/** Sample members of the Acme organization: a name, and the subject the engine decides for. */
export const MEMBERS = {
  otto: { name: 'Otto Lang (operator, Plant North)', subject: { id: 'otto', tenant: 'acme', roles: [{ role: 'operator', scope: { facility: 'f1' } }] } },
  anna: { name: 'Anna Berg (purchaser)', subject: { id: 'anna', tenant: 'acme', roles: ['purchaser'] } },
};

const BUTTONS = [
  { id: 'request', action: 'eshop.order.request', label: 'Request order' },
  { id: 'order', action: 'eshop.order.place', label: 'Order now' },
  { id: 'release', action: 'eshop.order.release', label: 'Release request' },
  { id: 'case-f1', action: 'service.case.manage', resource: { facility: 'f1' }, label: 'Edit case (Plant North)' },
  { id: 'case-f2', action: 'service.case.manage', resource: { facility: 'f2' }, label: 'Edit case (Plant South)' },
];

const GatedButton = memo(function GatedButton({ id, action, resource, label }) {
  const renders = useRef(0);
  renders.current += 1;
  const allowed = useCan(action, resource);
  return (
    <button type="button" data-id={id} data-renders={renders.current} disabled={!allowed}>
      {label}
    </button>
  );
});

const Why = memo(function Why() {
  const why = useExplain('eshop.order.place');
  return <p data-id="why">{why?.message}</p>;
});

export function App() {
  const [member, setMember] = useState('otto');
  const [lang, setLang] = useState('en');
  const session = useMemo(() => portal().session(MEMBERS[member].subject), [member]);
  return (
    <RolegateProvider session={session} lang={lang}>
      <label>
        Signed in as{' '}
        <select data-id="member" value={member} onChange={(e) => setMember(e.target.value)}>
          {Object.entries(MEMBERS).map(([id, m]) => (
            <option key={id} value={id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Language{' '}
        <select data-id="lang" value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="en">English</option>
          <option value="de">Deutsch</option>
        </select>
      </label>
      <div>
        {BUTTONS.map((b) => (
          <GatedButton key={b.id} {...b} />
        ))}
      </div>
      <Can action="eshop.order.place" fallback={<p data-id="can">Ask a purchaser to order.</p>}>
        <p data-id="can">You may order.</p>
      </Can>
      <Why />
    </RolegateProvider>
  );
}
