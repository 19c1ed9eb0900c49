// The demo page: signs in as a sample member (the server's session cookie; no password: this is a
// demo, and it says so), loads the policy from the server (`watchPolicy`, fingerprint-checked),
// renders the panels from the server's view of the member's organization, gates every
// `data-permission` element with rolegate/dom, and sends every action to the server's API, which
// enforces the same policy. An invitation's link (`/#invitation=<token>`) shows the invitee their
// invitation and accepts it. The page never changes the demo's data itself; it keeps only its own
// preferences (language, delivery facility).

import init, { watchPolicy } from '../../pkg/web/rolegate_full.js';
import { gate, resourceOf } from '../../pkg/dom.js';
import { t as text, label, joinOr } from '/common/i18n.js';
import { FIRST_MEMBER } from '/common/sample.js';
import { apiClient } from './api.js';
import { loadPrefs, savePrefs } from './prefs.js';
import { esc, options } from './html.js';
import { renderShop, shopRequest } from './panels/shop.js';
import { caseRequest, placeOf, renderCases } from './panels/cases.js';
import { operationFor, renderAdmin } from './panels/admin.js';
import { renderMatrix, renderMyData, renderWhy } from './panels/info.js';

const app = document.getElementById('app');
const panels = ['switcher', 'shop', 'cases', 'admin', 'mydata', 'matrix', 'why'];
const el = Object.fromEntries(panels.map((id) => [id, document.getElementById(id)]));

await init();
const prefs = loadPrefs();
// The invitee's view of an invitation opened by its link: the token is in the fragment
// (`#invitation=…`), which the browser never sends to a server; the page sends it in a body.
// `links`: the invitation links this page was given (by invitation), shown until it reloads.
const ui = {
  editing: null,
  why: null,
  notices: {},
  invitation: new URLSearchParams(location.hash.slice(1)).get('invitation'),
  invitationInfo: null,
  invitationError: null,
  links: new Map(),
  asks: new Map(),
};
const watchers = {};
let directory = [];
let view = null;
let handle = null; // the rolegate/dom gate
let session = null; // the signed-in member's session in this page, freed when replaced

/** The policy `name` from the server, kept current; re-gates when it changes. */
function watcherOf(name) {
  // Only the policy of the page shown re-renders it (the other one may load while switching).
  watchers[name] ??= watchPolicy(`/api/policy/${name}`, { onChange: () => view?.policy === name && render() });
  return watchers[name];
}
const api = apiClient({ lang: () => prefs.lang, watcherOf });
/** Whether the page can act: a view, and its policy loaded (between two policies, nothing is offered). */
const ready = () => view !== null && watcherOf(view.policy).engine.loaded;

// The page's round trips to the server run one after the other (a sign-in never races a reload
// that still carries the old session), with `data-busy` on <body> while any is pending or
// running (tests wait for it to go).
let pending = 0;
let queue = Promise.resolve();
function busy(fn) {
  pending += 1;
  document.body.dataset.busy = 'true';
  const run = queue.then(fn);
  const done = () => {
    pending -= 1;
    if (pending === 0) delete document.body.dataset.busy;
  };
  queue = run.then(done, done);
  return run;
}

const t = (k, ...args) => text(prefs.lang, k, ...args);

/** The server's view of the signed-in member (signing in as the first sample member if none). */
async function load() {
  directory = await api.call('GET', '/api/directory');
  const signedIn = (await api.call('GET', '/api/session')).signedIn;
  if (!signedIn) {
    // Signed out by the server (the session expired, the member was removed or changed status,
    // the demo was reset): say so, and sign in again (no password: this is a demo), as the same
    // member when the directory still lists them (approved, say), else as one of the sample.
    const was = view?.me;
    const key = view?.key ?? 'mytrumpf';
    const still = was && directory.find((o) => o.key === key)?.members.some((m) => m.id === was.id && m.name === was.name);
    await signIn(key, still ? was.id : undefined);
    if (was) ui.notices.global = { info: [{ key: 'signedOut', args: [was.name, view.me.name] }] };
    return;
  }
  view = await api.call('GET', '/api/view');
  await watcherOf(view.policy).ready;
  ui.asks.clear();
}

/** Signs in to organization `key` as `member` (default: the one last chosen there, else its first). */
async function signIn(key, member) {
  const entry = directory.find((o) => o.key === key) ?? directory[0];
  const chosen = member ?? prefs.members[entry.key] ?? FIRST_MEMBER[entry.key];
  const id = entry.members.some((m) => m.id === chosen) ? chosen : (entry.members.find((m) => m.status === 'active') ?? entry.members[0]).id;
  await api.call('POST', '/api/session', { org: entry.key, member: id });
  prefs.members[entry.key] = id;
  savePrefs(prefs);
  // A new session: the live changes of the old one (its organization) are not this member's.
  follow();
  await load();
}

/** Everything a panel needs to render: the view, the member, their session, helpers. */
function context() {
  const engine = watcherOf(view.policy).engine;
  const { org, me } = view;
  const lang = prefs.lang;
  const roles = new Map(engine.loaded ? engine.roles().map((r) => [r.id, r.label]) : []);
  for (const r of org.customRoles ?? []) roles.set(r.id, r.label);
  const roleLabel = (id) => label(roles.get(id), lang) || id;
  const companies = new Map(directory.map((o) => [o.tenant, o.company]));
  const companyOf = (tenant) => companies.get(tenant) ?? view.companies?.list.find((c) => c.tenant === tenant)?.company ?? tenant;
  const assignmentText = (a) => {
    if (typeof a === 'string') return roleLabel(a);
    const place = a.scope ? placeOf(a.scope, lang, companyOf) : '';
    return place ? `${roleLabel(a.role)} (${place})` : roleLabel(a.role);
  };
  session?.free();
  // No policy yet (loading, or a new fingerprint announced): no session, everything denied.
  session = me.status === 'active' && engine.loaded ? engine.memberSession(org, me.id) : null;
  const nameOf = (id) => view.names[id] ?? id;
  return { view, key: view.key, engine, org, me, lang, t, session, roleLabel, assignmentText, companyOf, nameOf, prefs, ui };
}

function renderSwitcher(ctx) {
  const { lang } = ctx;
  const entry = directory.find((o) => o.key === ctx.key);
  const platformKinds = [...new Set(directory.filter((o) => o.policy === 'platform' && o.key.split(':').length === 2).map((o) => o.kind))];
  const kinds = ctx.engine.loaded && view.policy === 'platform' ? ctx.engine.kinds().filter((k) => platformKinds.includes(k.id)) : [];
  const kind = kinds.find((k) => k.id === ctx.org.kind);
  // Booking modules is a demo control for the organization's administrators (the server checks it too).
  const administrator = view.admins.some((a) => a.id === ctx.me.id);
  const lock = administrator ? '' : ` disabled title="${esc(t('modulesAdminOnly'))}"`;
  const modules =
    kind?.modules.length
      ? `<fieldset class="modules"><legend>${esc(t('modules'))}</legend>${kind.modules
          .map((m) => `<label><input type="checkbox" data-choose="module" value="${esc(m.id)}"${ctx.org.modules.includes(m.id) ? ' checked' : ''}${lock}> ${esc(label(m.label, lang))}</label>`)
          .join('')}${administrator ? '' : `<small data-modules-admin-only>${esc(t('modulesAdminOnly'))}</small>`}</fieldset>`
      : '';
  const members = (entry?.members ?? [ctx.me]).map((m) => {
    const roles = m.roles.map((r) => ctx.assignmentText(r)).join(', ');
    const status = m.status === 'active' ? '' : ` · ${t(`status_${m.status}`)}`;
    return [m.id, `${m.name} — ${roles || '–'}${status}`];
  });
  return `
    <label>${esc(t('policy'))} <select data-choose="policy">${options(
      [
        ['mytrumpf', t('policyMytrumpf')],
        ['platform', t('policyPlatform')],
      ],
      view.policy,
    )}</select></label>
    ${view.policy === 'platform' ? `<label>${esc(t('kind'))} <select data-choose="kind">${options(kinds.map((k) => [k.id, label(k.label, lang)]), ctx.org.kind)}</select></label>` : ''}
    ${operatorOrgs(ctx)}
    ${modules}
    <label>${esc(t('member'))} <select data-choose="member">${options(members, ctx.me.id)}</select></label>
    <label>${esc(t('language'))} <select data-choose="lang">${options(
      [
        ['en', 'English'],
        ['de', 'Deutsch'],
      ],
      lang,
    )}</select></label>
    <button type="button" data-do="reset">${esc(t('reset'))}</button>`;
}

/** The operator organizations to choose from: the sample's, then the companies onboarded here. */
function operatorOrgs(ctx) {
  const operators = directory.filter((o) => o.policy === 'platform' && o.kind === 'operator');
  if (ctx.org.kind !== 'operator' || operators.length < 2) return '';
  const pairs = operators.map((o) => [o.key, o.company]);
  return `<label>${esc(t('operatorOrg'))} <select data-choose="operatorOrg">${options(pairs, ctx.key)}</select></label>`;
}

/** The invitee's view of the invitation opened by its link, with the button that accepts it. */
function invitationHtml() {
  if (!ui.invitation) return '';
  const i = ui.invitationInfo;
  if (!i) return `<div class="notice error" role="alert" data-invitation-view>${esc(ui.invitationError ?? '')}</div>`;
  if (i.kind === 'company') {
    const intro = t('invitationText', i.provider, i.company, i.name, i.email, i.tenant);
    return `<div class="notice info invitation" data-invitation-view="company">
      <strong>${esc(t('invitationTitle'))}</strong><p>${esc(intro)}</p>
      <div class="actions"><button type="button" class="primary" data-do="acceptInvitation">${esc(t('acceptCompany'))}</button></div>
    </div>`;
  }
  const company = directory.find((o) => o.key === i.org)?.company ?? i.tenant;
  const roleText = i.roles.map((r) => label(r.label, prefs.lang) || r.id).join(', ');
  return `<div class="notice info invitation" data-invitation-view="member">
      <strong>${esc(t('invitationMemberTitle', company))}</strong><p>${esc(t('invitationMemberText', i.roles.length, i.name, i.email, company, roleText || '–'))}</p>
      <div class="actions"><button type="button" class="primary" data-do="acceptInvitation">${esc(t('acceptMember'))}</button></div>
    </div>`;
}

function noticeHtml(where) {
  const n = ui.notices[where];
  if (!n) return '';
  const line = (item) => (typeof item === 'string' ? item : t(item.key, ...(item.args ?? [])));
  if (n.error) {
    const intro = n.refused ? `<strong>${esc(t('refused'))}</strong> ` : '';
    const items = n.error.map((item) => `<li>${esc(line(item))}</li>`).join('');
    return `<div class="notice error" role="alert" data-code="${esc(n.code ?? '')}">${intro}<ul>${items}</ul></div>`;
  }
  const items = (n.ok ? [n.ok] : n.info).map((item) => esc(line(item))).join('<br>');
  return `<div class="notice ${n.ok ? 'ok' : 'info'}" role="status">${items}</div>`;
}

function section(ctx, id, titleKey, body) {
  el[id].innerHTML = `<h2 id="${id}-title">${esc(t(titleKey))}</h2>${noticeHtml(id)}${body}`;
}

/** "Anna Berg (Purchaser)": the members who may do `action` on `resource`, asked of the server once per view. */
function whoCan(action, resource) {
  const params = new URLSearchParams({ action, ...(resource ?? {}) });
  const key = params.toString();
  if (!ui.asks.has(key)) ui.asks.set(key, api.call('GET', `/api/who-can?${key}`).catch(() => []));
  return ui.asks.get(key);
}

const whoText = (ctx, who) => who.filter((m) => m.id !== ctx.me.id).map((m) => `${m.name} (${m.roles.map((r) => ctx.assignmentText(r)).join(', ')})`);

/** Writes "Order now: ask Anna Berg (Purchaser)." under each group of buttons with denials, and whom to ask in the why-panel. */
async function decorateAsks(ctx) {
  const jobs = [];
  for (const group of app.querySelectorAll('.actions')) {
    const ask = group.querySelector('.ask');
    if (!ask) continue;
    const denied = [...group.querySelectorAll('[data-rolegate="denied"], [data-rolegate="approval"]')];
    ask.hidden = denied.length === 0;
    if (!denied.length) {
      ask.textContent = '';
      continue;
    }
    jobs.push(
      Promise.all(denied.map((b) => whoCan(b.dataset.permission, resourceOf(b)))).then((lists) => {
        ask.textContent = denied
          .map((b, i) => {
            const who = whoText(ctx, lists[i]);
            return who.length ? t('ask', b.textContent, joinOr(who, ctx.lang)) : t('askNobody', b.textContent);
          })
          .join(' ');
      }),
    );
  }
  const why = app.querySelector('[data-why-ask]');
  if (why && ui.why) {
    jobs.push(
      whoCan(ui.why.action, ui.why.resource).then((list) => {
        const who = whoText(ctx, list);
        why.textContent = who.length ? joinOr(who, ctx.lang) : t('nobody');
      }),
    );
  }
  await Promise.all(jobs);
}

function render() {
  const ctx = context();
  document.documentElement.lang = ctx.lang;
  document.title = t('title');
  document.getElementById('title').textContent = t('title');
  document.getElementById('tagline').textContent = t('tagline');
  document.getElementById('demo-note').textContent = t('passwordless');
  el.switcher.innerHTML = renderSwitcher(ctx);
  document.getElementById('global-notice').innerHTML = noticeHtml('global') + invitationHtml();
  const inactive = ctx.me.status === 'active' ? '' : `<p class="notice info" role="status" data-inactive>${esc(t('notActive', ctx.me.name, t(`status_${ctx.me.status}`)))}</p>`;
  document.getElementById('member-notice').innerHTML = inactive;
  handle?.disconnect();
  if (!ctx.engine.loaded) {
    // Between two policies (a response announced another fingerprint): nothing is offered until it has loaded.
    for (const [id, title] of [['shop', 'shop'], ['cases', 'cases'], ['admin', 'admin'], ['mydata', 'myData'], ['matrix', 'matrix'], ['why', 'why']]) {
      section(ctx, id, title, `<p class="note" data-policy-loading>${esc(t('policyLoading'))}</p>`);
    }
    return;
  }
  section(ctx, 'shop', 'shop', renderShop(ctx));
  section(ctx, 'cases', 'cases', renderCases(ctx));
  section(ctx, 'admin', 'admin', renderAdmin(ctx));
  section(ctx, 'mydata', 'myData', renderMyData(ctx));
  section(ctx, 'matrix', 'matrix', renderMatrix(ctx));
  section(ctx, 'why', 'why', renderWhy(ctx));
  handle = gate(app, ctx.session, { lang: ctx.lang, mode: 'disable' });
  document.getElementById('footer').textContent = t('footer', (ctx.engine.fingerprint ?? '').slice(0, 16));
  // After what is queued: a view replaced meanwhile is not asked about (its member is gone).
  busy(() => (ctx.view === view ? decorateAsks(ctx) : undefined)).catch(() => {});
}

/**
 * Sends an action to the server and shows its outcome in panel `where`: `ok(result)` is the
 * notice on success. A refusal shows the server's message; a conflict reloads the current state
 * first; a lost session signs in again.
 */
async function act(where, request, ok) {
  await busy(async () => {
    ui.notices = {};
    try {
      const result = await request();
      await load();
      const notice = ok(result);
      if (notice) ui.notices[where] = { ok: notice };
    } catch (error) {
      const messages = [error.message];
      if (error.code === 'conflict') messages.push({ key: 'api_conflicted' });
      if (error.status === 0) messages.splice(0, 1, { key: 'api_offline', args: [error.message] });
      await load().catch(() => {});
      ui.notices[where] = { error: messages, refused: error.status === 403 || error.status === 422, code: error.code };
    }
    render();
  });
}

/** Shows the explanation of a gated element in the why-panel (allowed or not). */
function explain(element) {
  ui.why = { action: element.dataset.permission, resource: resourceOf(element) };
}

const PANEL_OF = { cart: 'shop', request: 'shop', order: 'shop', release: 'shop' };

app.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-do]') : null;
  const gated = event.target instanceof Element ? event.target.closest('[data-permission]') : null;
  if (gated) explain(gated);
  if (!target) {
    // A submit button: the form's submit handler renders (rendering now would drop the form).
    if (gated && gated.type !== 'submit') render();
    return;
  }
  const action = target.dataset.do;
  if (action === 'reset') {
    ui.editing = null;
    ui.why = null;
    return act('global', () => api.call('POST', '/api/reset'), () => ({ key: 'resetDone' }));
  }
  if (!ready()) return;
  const ctx = context();
  if (action === 'acceptInvitation') {
    const token = ui.invitation;
    return act('global', async () => {
      // Accepted: the server signed this browser in as the invitee, with a new session.
      const accepted = await api.call('POST', '/api/invitations/accept', { token });
      ui.invitation = null;
      ui.invitationInfo = null;
      history.replaceState(null, '', location.pathname + location.search);
      prefs.members[accepted.org] = accepted.member;
      savePrefs(prefs);
      follow();
      return accepted;
    }, (r) => t('done', r.kind === 'company' ? t('op_acceptTenantInvitation', r.company) : t('op_acceptInvitation', r.name)));
  }
  if (action === 'newLink') {
    const { kind, invitation, subject } = target.dataset;
    return act('admin', async () => {
      const result = await api.call('POST', '/api/invitations/link', { kind, invitation });
      ui.links.set(`${kind}:${invitation}`, result.url);
      return result;
    }, () => t('done', t('op_newLink', subject)));
  }
  if (action === 'editRoles') {
    ui.editing = target.dataset.member;
    ui.notices = {};
    render();
    app.querySelector('form[data-form="assignRoles"] input, form[data-form="assignRoles"] button')?.focus();
    return;
  }
  if (action === 'explainOnly' || action === 'cancelEdit') {
    if (action === 'cancelEdit') ui.editing = null;
    ui.notices = {};
    render();
    return;
  }
  if (PANEL_OF[action]) {
    const { path, body, ok } = shopRequest(ctx, action, target);
    return act('shop', () => api.call('POST', path, body), ok);
  }
  const step = operationFor(ctx, action, target, null);
  if (step) return administer(step);
  const request = caseRequest(ctx, action, target);
  if (request) return act('cases', () => api.call('POST', request.path, request.body), request.ok);
});

/** An administrative operation: applied by the server to the version of the organization shown. */
function administer(step) {
  return act('admin', async () => {
    const result = await api.call('POST', '/api/admin', { version: view.version, op: step.op });
    if (step.op.op === 'assignRoles') ui.editing = null;
    // The link of an invitation just made: shown in its row until the page reloads (the server keeps only its hash).
    for (const link of result.links ?? []) ui.links.set(`${link.kind}:${link.invitation}`, link.url);
    return result;
  }, () => t('done', t(`op_${step.op.op}`, step.subject)));
}

// A denied element's activation is blocked by rolegate/dom, which says why instead.
app.addEventListener('rolegate:denied', (event) => {
  explain(event.target);
  render();
  document.getElementById('why').scrollIntoView?.({ block: 'nearest' });
});

app.addEventListener('submit', (event) => {
  const form = event.target.closest('form[data-form]');
  if (!form) return;
  event.preventDefault();
  if (!ready()) return;
  administer(operationFor(context(), form.dataset.form, null, form));
});

app.addEventListener('change', (event) => {
  const input = event.target.closest('[data-choose]');
  if (!input) return;
  const focused = input.dataset.choose;
  const refocus = () => app.querySelector(`[data-choose="${focused}"]`)?.focus();
  ui.editing = null;
  ui.notices = {};
  switch (focused) {
    case 'lang':
    case 'deliverTo':
      prefs[focused] = input.value;
      savePrefs(prefs);
      ui.asks.clear();
      busy(() => load()).then(render).then(refocus);
      return;
    case 'module': {
      const modules = new Set(view.org.modules);
      if (input.checked) modules.add(input.value);
      else modules.delete(input.value);
      act('global', () => api.call('PUT', '/api/modules', { version: view.version, modules: [...modules] }), () => null).then(refocus);
      return;
    }
    default: {
      // Another organization or member: sign in there (the last explanation was about something else).
      const key =
        focused === 'policy' ? (input.value === 'mytrumpf' ? 'mytrumpf' : 'platform:operator')
        : focused === 'kind' ? `platform:${input.value}`
        : focused === 'operatorOrg' ? input.value
        : view.key;
      if (focused !== 'member') ui.why = null;
      busy(async () => {
        try {
          await signIn(key, focused === 'member' ? input.value : undefined);
        } catch (error) {
          ui.notices.global = { error: [error.message], code: error.code };
        }
        render();
        refocus();
      });
    }
  }
});

/** Reads the invitation the page was opened for (by its link's token), if any. */
async function loadInvitation() {
  if (!ui.invitation) return;
  try {
    ui.invitationInfo = await api.call('POST', '/api/invitations/view', { token: ui.invitation });
  } catch (error) {
    ui.invitationInfo = null;
    ui.invitationError = error.status === 0 ? t('api_offline', error.message) : error.message;
  }
}

// Live changes: the server says when this organization changed (or the demo was reset, or the
// policy was replaced); the page reloads its view and re-gates. The stream belongs to the
// session: it is opened anew after every sign-in, and the server ends it when the session ends.
let events = null;
let retry = null;
function follow() {
  clearTimeout(retry);
  events?.close();
  const source = new EventSource('/api/events');
  events = source;
  // `hello` opens every connection (also after a server restart): what changed meanwhile is
  // unknown, so the view is read again like after a change.
  const onEvent = (event) => {
    let change;
    try {
      change = JSON.parse(event.data);
    } catch {
      return;
    }
    // The watcher compares the announced fingerprint with its policy (loaded, or still loading:
    // its engine is not asked) and loads another one.
    const fingerprint = view && change.fingerprints?.[view.policy];
    if (fingerprint) watcherOf(view.policy).check({ headers: { get: (name) => (name.toLowerCase() === 'rolegate-fingerprint' ? fingerprint : null) } });
    if (event.type === 'change' && change.org !== null && change.org !== view?.key) return;
    busy(async () => {
      // Re-rendered only when the view changed: a change this page made itself is shown already,
      // and a form being filled in stays as it is.
      const previous = view;
      const before = JSON.stringify(view);
      try {
        await load();
      } catch {
        return;
      }
      // The same view: the one rendered stays (its pending requests, whom to ask, still count).
      if (JSON.stringify(view) !== before) render();
      else view = previous;
    });
  };
  source.addEventListener('hello', onEvent);
  source.addEventListener('change', onEvent);
  source.addEventListener('error', () => {
    // Reconnecting by itself (the server went away for a moment): nothing to do. Refused (the
    // session ended, or this session follows in too many tabs): read the state again, which signs
    // in anew when signed out, and follow again.
    if (source !== events || source.readyState !== EventSource.CLOSED) return;
    retry = setTimeout(() => {
      busy(async () => {
        await load();
        render();
      })
        .catch(() => {})
        .finally(() => {
          if (source === events) follow();
        });
    }, 2000);
  });
}

// A link opened in a tab that shows the demo already (only the fragment changes: no reload).
window.addEventListener('hashchange', () => {
  const token = new URLSearchParams(location.hash.slice(1)).get('invitation');
  if (!token) return;
  ui.invitation = token;
  ui.invitationInfo = ui.invitationError = null;
  busy(async () => {
    await loadInvitation();
    render();
  }).catch(() => {});
});

await busy(async () => {
  try {
    await Promise.all([load(), loadInvitation()]);
  } catch (error) {
    document.getElementById('global-notice').innerHTML = `<div class="notice error" role="alert">${esc(t('api_offline', error.message))}</div>`;
    throw error;
  }
  render();
});
if (!events) follow();
window.rolegateDemo = { ready: true };
