// The demo page: loads the engine (the browser's full build, which has administration), keeps the
// state, renders the panels, gates every `data-permission` element with rolegate/dom, and turns
// clicks into e-shop, service-case and administrative actions.

import init, { PolicyEngine } from '../../pkg/web/rolegate_full.js';
import { gate, resourceOf } from '../../pkg/dom.js';
import { t as text, label, joinOr } from './i18n.js';
import { FIRST_MEMBER, initialState, onboardedKey } from './sample.js';
import { STORAGE_KEY, loadState, saveState } from './store.js';
import { esc, options } from './html.js';
import { doShop, renderShop } from './panels/shop.js';
import { doCase, placeOf, renderCases } from './panels/cases.js';
import { operationFor, renderAdmin } from './panels/admin.js';
import { renderMatrix, renderMyData, renderWhy, whomToAsk } from './panels/info.js';

const app = document.getElementById('app');
const panels = ['switcher', 'shop', 'cases', 'admin', 'mydata', 'matrix', 'why'];
const el = Object.fromEntries(panels.map((id) => [id, document.getElementById(id)]));

await init();
const engines = { mytrumpf: PolicyEngine.builtin('mytrumpf'), platform: PolicyEngine.builtin('platform') };
const engineFor = (key) => engines[key.split(':')[0]];

let { state, notice } = loadState(engineFor);
// A company invitation opened by its link (`?invitation=tinv-3`): the invitee's view of it.
const ui = { editing: null, why: null, notices: {}, invitation: new URLSearchParams(location.search).get('invitation') };
const PROVIDER = 'platform:service_provider';
if (notice) ui.notices.global = notice === 'storageUnavailable' ? { info: [{ key: notice }] } : { error: [notice] };

let handle = null; // the rolegate/dom gate
let session = null; // the signed-in member's session, freed when replaced

/** Everything a panel needs to render: the organization, the member, their session, helpers. */
function context() {
  const { choice } = state;
  const onboarded = choice.kind === 'operator' && state.orgs[choice.operatorOrg] ? choice.operatorOrg : null;
  const key = choice.policy === 'mytrumpf' ? 'mytrumpf' : (onboarded ?? `platform:${choice.kind}`);
  const engine = engineFor(key);
  const org = state.orgs[key];
  let me = org.members.find((m) => m.id === choice.members[key]);
  if (!me) {
    me = org.members.find((m) => m.status === 'active') ?? org.members[0];
    choice.members[key] = me.id;
  }
  const lang = choice.lang;
  const t = (k, ...args) => text(lang, k, ...args);
  const roles = new Map(engine.roles().map((r) => [r.id, r.label]));
  for (const r of org.customRoles ?? []) roles.set(r.id, r.label);
  const roleLabel = (id) => label(roles.get(id), lang) || id;
  const assignmentText = (a) => {
    if (typeof a === 'string') return roleLabel(a);
    const place = a.scope ? placeOf(a.scope, lang, org) : '';
    return place ? `${roleLabel(a.role)} (${place})` : roleLabel(a.role);
  };
  session?.free();
  session = me.status === 'active' ? engine.memberSession(org, me.id) : null;
  return { state, key, engine, org, me, lang, t, session, roleLabel, assignmentText, ui };
}

function renderSwitcher(ctx) {
  const { t, lang, state: { choice } } = ctx;
  const kinds = engines.platform.kinds();
  const kind = kinds.find((k) => k.id === choice.kind);
  const modules =
    choice.policy === 'platform' && kind.modules.length
      ? `<fieldset class="modules"><legend>${esc(t('modules'))}</legend>${kind.modules
          .map((m) => `<label><input type="checkbox" data-choose="module" value="${esc(m.id)}"${ctx.org.modules.includes(m.id) ? ' checked' : ''}> ${esc(label(m.label, lang))}</label>`)
          .join('')}</fieldset>`
      : '';
  const members = ctx.org.members.map((m) => {
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
      choice.policy,
    )}</select></label>
    ${choice.policy === 'platform' ? `<label>${esc(t('kind'))} <select data-choose="kind">${options(kinds.map((k) => [k.id, label(k.label, lang)]), choice.kind)}</select></label>` : ''}
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
  const { choice } = ctx.state;
  const onboarded = Object.keys(state.orgs).filter((k) => k.startsWith('platform:operator:'));
  if (choice.policy !== 'platform' || choice.kind !== 'operator' || onboarded.length === 0) return '';
  const company = (k) => state.orgs[PROVIDER].tenantInvitations?.find((i) => i.tenant === state.orgs[k].tenant)?.company ?? state.orgs[k].tenant;
  const pairs = [['platform:operator', state.orgs['platform:operator'].tenant], ...onboarded.map((k) => [k, company(k)])];
  return `<label>${esc(ctx.t('operatorOrg'))} <select data-choose="operatorOrg">${options(pairs, ctx.key)}</select></label>`;
}

/** The invitee's view of a company invitation opened by its link, with the button that accepts it. */
function invitationHtml(ctx) {
  if (!ui.invitation) return '';
  const provider = state.orgs[PROVIDER];
  const invitation = provider.tenantInvitations?.find((i) => i.id === ui.invitation);
  if (!invitation) return `<div class="notice error" role="alert" data-invitation-view>${esc(ctx.t('invitationUnknown', ui.invitation))}</div>`;
  const intro = ctx.t('invitationText', provider.tenant, invitation.company, invitation.name, invitation.email, invitation.tenant);
  return `<div class="notice info invitation" data-invitation-view="${esc(invitation.id)}">
      <strong>${esc(ctx.t('invitationTitle'))}</strong><p>${esc(intro)}</p>
      <div class="actions"><button type="button" class="primary" data-do="acceptCompany">${esc(ctx.t('acceptCompany'))}</button></div>
    </div>`;
}

/**
 * Accepts the company invitation opened by its link, as its invitee (the actor is their e-mail
 * address): the provider's snapshot and the new tenant's are stored together, and the page
 * switches to the new tenant, signed in as its administrator.
 */
function acceptCompany(ctx) {
  const provider = state.orgs[PROVIDER];
  const invitation = provider.tenantInvitations?.find((i) => i.id === ui.invitation);
  if (!invitation) return { error: [ctx.t('invitationUnknown', ui.invitation)] };
  const op = { op: 'acceptTenantInvitation', invitation: invitation.id };
  const result = engines.platform.apply(provider, invitation.email, op, new Date(), ctx.lang);
  if (!result.ok) return { error: result.violations.map((v) => v.message), refused: true };
  const key = onboardedKey(result.created.tenant);
  state.orgs[PROVIDER] = result.org;
  state.orgs[key] = result.created;
  Object.assign(state.choice, { policy: 'platform', kind: 'operator', operatorOrg: key });
  state.choice.members[key] = result.created.members[0].id;
  ui.invitation = null;
  history.replaceState(null, '', location.pathname);
  return { ok: ctx.t('done', ctx.t('op_acceptTenantInvitation', invitation.company)) };
}

function noticeHtml(ctx, where) {
  const n = ui.notices[where];
  if (!n) return '';
  const line = (item) => (typeof item === 'string' ? item : item.key === 'stateBroken' ? ctx.t('stateBroken', label(item.reason, ctx.lang)) : ctx.t(item.key));
  if (n.error) {
    const intro = n.refused ? `<strong>${esc(ctx.t('refused'))}</strong> ` : '';
    const items = n.error.map((item) => `<li>${esc(line(item))}</li>`).join('');
    return `<div class="notice error" role="alert">${intro}<ul>${items}</ul></div>`;
  }
  const items = (n.ok ? [n.ok] : n.info).map((item) => esc(line(item))).join('<br>');
  return `<div class="notice ${n.ok ? 'ok' : 'info'}" role="status">${items}</div>`;
}

function section(ctx, id, titleKey, body) {
  el[id].innerHTML = `<h2 id="${id}-title">${esc(ctx.t(titleKey))}</h2>${noticeHtml(ctx, id)}${body}`;
}

/** Writes "Order now: ask Anna Berg (Purchaser)." under each group of buttons with denials. */
function decorateAsks(ctx) {
  for (const group of app.querySelectorAll('.actions')) {
    const ask = group.querySelector('.ask');
    if (!ask) continue;
    const lines = [];
    for (const b of group.querySelectorAll('[data-rolegate="denied"]')) {
      const who = whomToAsk(ctx, b.dataset.permission, resourceOf(b));
      lines.push(who.length ? ctx.t('ask', b.textContent, joinOr(who, ctx.lang)) : ctx.t('askNobody', b.textContent));
    }
    ask.textContent = lines.join(' ');
    ask.hidden = lines.length === 0;
  }
}

function render() {
  const ctx = context();
  document.documentElement.lang = ctx.lang;
  document.title = ctx.t('title');
  document.getElementById('title').textContent = ctx.t('title');
  document.getElementById('tagline').textContent = ctx.t('tagline');
  el.switcher.innerHTML = renderSwitcher(ctx);
  document.getElementById('global-notice').innerHTML = noticeHtml(ctx, 'global') + invitationHtml(ctx);
  const inactive = ctx.me.status === 'active' ? '' : `<p class="notice info" role="status" data-inactive>${esc(ctx.t('notActive', ctx.me.name, ctx.t(`status_${ctx.me.status}`)))}</p>`;
  document.getElementById('member-notice').innerHTML = inactive;
  handle?.disconnect();
  section(ctx, 'shop', 'shop', renderShop(ctx));
  section(ctx, 'cases', 'cases', renderCases(ctx));
  section(ctx, 'admin', 'admin', renderAdmin(ctx));
  section(ctx, 'mydata', 'myData', renderMyData(ctx));
  section(ctx, 'matrix', 'matrix', renderMatrix(ctx));
  section(ctx, 'why', 'why', renderWhy(ctx));
  handle = gate(app, ctx.session, { lang: ctx.lang, mode: 'disable' });
  decorateAsks(ctx);
  document.getElementById('footer').textContent = ctx.t('footer', ctx.engine.fingerprint.slice(0, 16));
  return ctx;
}

function commit(where, result) {
  ui.notices = {};
  if (result) ui.notices[where] = result;
  saveState(state);
  render();
}

/** Shows the explanation of a gated element in the why-panel (allowed or not). */
function explain(element) {
  ui.why = { action: element.dataset.permission, resource: resourceOf(element) };
}

function applyOperation(ctx, step) {
  // Tenant ids are unique on the whole platform: a check of the platform's, not of one snapshot.
  if (step.op.op === 'inviteTenant' && Object.values(state.orgs).some((o) => o.tenant === step.op.tenant)) {
    return { error: [ctx.t('tenantTaken', step.op.tenant)], refused: true };
  }
  const result = ctx.engine.apply(ctx.org, step.actor, step.op, new Date(), ctx.lang);
  if (!result.ok) {
    return { error: result.violations.map((v) => v.message), refused: true };
  }
  state.orgs[ctx.key] = result.org;
  if (step.op.op === 'assignRoles') ui.editing = null;
  if (step.op.op === 'acceptInvitation') {
    const accepted = result.org.members.find((m) => m.email.toLowerCase() === step.actor.toLowerCase());
    if (accepted) state.choice.members[ctx.key] = accepted.id;
  }
  return { ok: ctx.t('done', ctx.t(`op_${step.op.op}`, step.subject)) };
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
    state = initialState();
    ui.editing = null;
    ui.why = null;
    commit('global', { info: [{ key: 'resetDone' }] });
    return;
  }
  const ctx = context();
  if (action === 'acceptCompany') return commit('global', acceptCompany(ctx));
  if (action === 'editRoles') {
    ui.editing = target.dataset.member;
    commit('admin', null);
    app.querySelector('form[data-form="assignRoles"] input, form[data-form="assignRoles"] button')?.focus();
    return;
  }
  if (action === 'explainOnly') {
    commit('admin', null);
    return;
  }
  if (action === 'cancelEdit') {
    ui.editing = null;
    commit('admin', null);
    return;
  }
  if (PANEL_OF[action]) return commit('shop', doShop(ctx, action, target));
  const step = operationFor(ctx, action, target, null);
  if (step) return commit('admin', applyOperation(ctx, step));
  return commit('cases', doCase(ctx, action, target));
});

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
  const ctx = context();
  const step = operationFor(ctx, form.dataset.form, null, form);
  commit('admin', applyOperation(ctx, step));
});

app.addEventListener('change', (event) => {
  const input = event.target.closest('[data-choose]');
  if (!input) return;
  const { choice } = state;
  const ctx = context();
  switch (input.dataset.choose) {
    case 'policy':
      choice.policy = input.value;
      break;
    case 'kind':
      choice.kind = input.value;
      break;
    case 'member':
      choice.members[ctx.key] = input.value;
      break;
    case 'operatorOrg':
      choice.operatorOrg = input.value === 'platform:operator' ? undefined : input.value;
      break;
    case 'lang':
      choice.lang = input.value;
      break;
    case 'deliverTo':
      choice.deliverTo = input.value;
      break;
    case 'module': {
      const modules = new Set(ctx.org.modules);
      if (input.checked) modules.add(input.value);
      else modules.delete(input.value);
      state.orgs[ctx.key] = { ...ctx.org, modules: [...modules] };
      break;
    }
    default:
      return;
  }
  ui.editing = null;
  // Another organization: the last explanation was about something else.
  if (['policy', 'kind', 'operatorOrg'].includes(input.dataset.choose)) ui.why = null;
  const focused = input.dataset.choose;
  commit('global', null);
  app.querySelector(`[data-choose="${focused}"]`)?.focus();
});

// Not one member lost: a choice pointing nowhere falls back to the organization's first member.
for (const [key, id] of Object.entries(FIRST_MEMBER)) state.choice.members[key] ??= id;
render();

// Another tab of the demo changed the state (an invitee accepted a company invitation there):
// read it again and re-gate, so this page never shows what is no longer so.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  // This tab keeps its own choice of policy, organization and member.
  const mine = state.choice;
  ({ state } = loadState(engineFor));
  state.choice = { ...mine, members: { ...state.choice.members, ...mine.members } };
  render();
});
window.rolegateDemo = { ready: true };
