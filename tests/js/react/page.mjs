// The browser side of the rolegate/react test: hydrates the server's HTML with the same session,
// then lets the test switch the member and the language.
import { createElement as h } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import init, { PolicyEngine } from 'rolegate/web';
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
