// The browser side of the rolegate/react test: hydrates the server's HTML with the same session,
// then lets the test switch the member and the language.
import { createElement as h } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import init, { PolicyEngine } from 'rolegate/web';
import { createRolegate } from 'rolegate/react';
import { App, renders } from './app.mjs';

const SUBJECTS = JSON.parse(document.getElementById('subjects').textContent);
await init('/pkg/web/rolegate_wasm_bg.wasm');
const engine = PolicyEngine.builtin('mytrumpf');
const sessions = Object.fromEntries(Object.entries(SUBJECTS).map(([name, subject]) => [name, engine.session(subject)]));
const { member, lang } = JSON.parse(document.getElementById('initial').textContent);
window.recoverable = [];
const root = hydrateRoot(document.getElementById('root'), h(App, { session: sessions[member], lang }), {
  onRecoverableError: (error) => window.recoverable.push(String(error?.message ?? error)),
});
window.renders = renders;
window.show = (name, language) => flushSync(() => root.render(h(App, { session: name === null ? null : sessions[name], lang: language })));
// Hydration is done once the effects ran.
setTimeout(() => {
  window.ready = true;
}, 0);

// A subject that does not fit the policy, under the typed bindings: denied, and said (onError and,
// in development, the console).
window.unfit = () =>
  new Promise((done) => {
    const heard = [];
    const warnings = [];
    const warn = console.warn;
    console.warn = (...args) => warnings.push(args.join(' '));
    const div = document.createElement('div');
    document.body.append(div);
    const { RolegateProvider, Can } = createRolegate(engine);
    const subject = { tenant: 'acme', roles: ['purchasr'] };
    const onError = (error) => heard.push({ code: error.code, path: error.problems?.[0]?.path });
    flushSync(() => createRoot(div).render(h(RolegateProvider, { engine, subject, onError }, h(Can, { action: 'profile.view', fallback: 'denied' }, 'allowed'))));
    setTimeout(() => {
      console.warn = warn;
      done({ heard, warnings, text: div.textContent });
    }, 0);
  });
