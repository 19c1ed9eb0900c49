// The service-cases panel: assets in two facilities (or at two customers), buttons that open
// cases on them, and per open case the conference and remote-access actions. Each button is gated
// for the asset's place, so scoped roles visibly matter. The list of cases is filtered with the
// member's plan for listing them (`session.plan`, `planAllows`), as a server would filter it in SQL:
// a case outside every scope that lets the member see it is not listed at all.

import { planAllows } from '../../../pkg/web/rolegate_full.js';
import { ASSETS, CASE_ACTIONS, FACILITIES, catalogKey, onboardedAsset } from '../sample.js';
import { button, esc } from '../html.js';
import { label } from '../i18n.js';

/**
 * "Plant North", or a customer's company name: where an asset is. A customer is named by the
 * company invitation of `org` (the service provider that onboarded it), else by its tenant id.
 */
export function placeOf(scope, lang, org) {
  if (scope.facility) return label(FACILITIES.find((f) => f.id === scope.facility)?.label, lang);
  if (scope.customer) return org?.tenantInvitations?.find((i) => i.tenant === scope.customer)?.company ?? scope.customer;
  return '';
}

/**
 * The assets the organization's service cases are about. A service provider's are its customers'
 * machines, and only those of the companies it onboarded (its used company invitations, as the
 * engine's `customers` lists them): never another provider's customers.
 */
export function assetsOf(ctx) {
  const catalog = CASE_ACTIONS[catalogKey(ctx.key)];
  if (catalog.assets !== 'customer') return ASSETS[catalog.assets];
  const onboarded = ctx.engine.customers(ctx.org).filter((c) => c.status === 'onboarded');
  return onboarded.flatMap((c) => {
    const known = ASSETS.customer.filter((a) => a.scope.customer === c.tenant);
    return known.length ? known : [onboardedAsset(c.tenant)];
  });
}

export function renderCases(ctx) {
  const { t, lang, key, org } = ctx;
  const catalog = CASE_ACTIONS[catalogKey(key)];
  const assets = assetsOf(ctx);
  const where = (scope) => (scope.customer ? t('forCustomer', placeOf(scope, lang, org)) : t('at', placeOf(scope, lang, org)));
  const assetItems = assets
    .map(
      (a) => `<li class="card">
        <h3>${esc(label(a.name, lang))} <span class="place">${esc(where(a.scope))}</span></h3>
        <div class="actions">
          ${catalog.create.map((c) => button(t(`action_${c.id}`), { action: 'createCase', permission: c.permission, resource: a.scope, data: { asset: a.id, kind: c.kind } })).join('')}
          <p class="ask" aria-live="polite"></p>
        </div>
      </li>`,
    )
    .join('');
  const name = (id) => ctx.org.members.find((m) => m.id === id)?.name ?? id;
  const all = ctx.state.cases.filter((c) => c.org === key && assets.some((a) => a.id === c.asset));
  const listed = listedCases(ctx, all, assets);
  const cases = listed
    .map((c) => {
      const asset = assets.find((a) => a.id === c.asset);
      const title = t(c.kind === 'internal' ? 'caseInternal' : 'caseShared', c.id, `${label(asset.name, lang)}, ${placeOf(asset.scope, lang, org)}`);
      const buttons = (catalog.case[c.kind] ?? [])
        .map((a) => {
          const text = a.id === 'toggleRemote' && c.remote ? t('action_toggleRemoteOff') : t(`action_${a.id}`);
          return button(text, { action: a.id, permission: a.permission, resource: asset.scope, data: { case: c.id } });
        })
        .join('');
      const log = c.log
        .slice(-3)
        .map((entry) => `<li>${esc(t(entry.what, name(entry.by), c.id))}</li>`)
        .join('');
      const remote = c.kind === 'shared' && catalog.case.shared.some((a) => a.id === 'toggleRemote')
        ? `<span class="badge${c.remote ? ' on' : ''}">${esc(t('remoteState', t(c.remote ? 'on' : 'off')))}</span>`
        : '';
      return `<li class="case" data-case="${c.id}">
        <h4>${esc(title)} ${remote}</h4>
        <div class="actions">${buttons}<p class="ask" aria-live="polite"></p></div>
        <ul class="log">${log}</ul>
      </li>`;
    })
    .join('');
  const note = key === 'platform:app_developer' ? `<p class="note">${esc(t('casesAppDeveloper'))}</p>` : '';
  const hidden = all.length - listed.length;
  const hiddenNote = hidden > 0 ? `<p class="note" data-cases-hidden="${hidden}">${esc(t('casesHidden', hidden))}</p>` : '';
  return `${note}
    <ul class="cards">${assetItems}</ul>
    ${cases ? `<ul class="list cases" data-cases>${cases}</ul>` : `<p class="empty" data-cases>${esc(t('casesNone'))}</p>`}
    ${hiddenNote}`;
}

/**
 * The cases the member may see: per kind of case, the plan of its list permission, applied to the
 * place of each case's asset. Without a session (a member who is not active), none.
 */
function listedCases(ctx, cases, assets) {
  if (!ctx.session) return [];
  const plans = new Map(Object.entries(CASE_ACTIONS[catalogKey(ctx.key)].list).map(([kind, permission]) => [kind, ctx.session.plan(permission)]));
  const place = (c) => assets.find((a) => a.id === c.asset).scope;
  return cases.filter((c) => plans.has(c.kind) && planAllows(plans.get(c.kind), place(c)));
}

/** Does a case action the engine allowed; returns the notice to show. */
export function doCase(ctx, action, el) {
  const { state, t } = ctx;
  const me = ctx.me.id;
  if (action === 'createCase') {
    const id = state.next++;
    state.cases.push({ id, org: ctx.key, asset: el.dataset.asset, kind: el.dataset.kind, remote: false, log: [{ by: me, what: 'caseOpened' }] });
    return { ok: t('caseOpened', ctx.me.name, id) };
  }
  const c = state.cases.find((x) => x.id === Number(el.dataset.case));
  if (!c) return null;
  const log = (what) => {
    c.log.push({ by: me, what });
    return { ok: t(what, ctx.me.name, c.id) };
  };
  switch (action) {
    case 'edit':
    case 'editInternal':
      return log('caseEdited');
    case 'conference':
      return log('conferenceJoined');
    case 'toggleRemote':
      c.remote = !c.remote;
      return { ok: t(c.remote ? 'remoteOn' : 'remoteOff', c.id) };
    case 'useRemote':
      if (!c.remote) return { error: [t('remoteNotActive', c.id)] };
      return log('remoteUsed');
    case 'remoteSession':
      return log('remoteSession');
    case 'fileTransfer':
      return log('filesSent');
    default:
      return null;
  }
}
