// The service-cases panel: assets in two facilities (or at two customers), buttons that open
// cases on them, and per open case the conference and remote-access actions. Each button is gated
// for the asset's place, so scoped roles visibly matter. The server lists only the cases the
// member's plan for listing them allows (`session.plan` → `planAllows`, as it would in SQL) and
// says how many others there are; it names the assets too (a service provider's are the machines
// of the companies it onboarded).

import { CASE_ACTIONS, FACILITIES, catalogKey } from '/common/sample.js';
import { button, esc } from '../html.js';
import { label } from '/common/i18n.js';

/** "Plant North", or a customer's company name (`companyOf(tenant)`): where an asset is. */
export function placeOf(scope, lang, companyOf = (tenant) => tenant) {
  if (scope.facility) return label(FACILITIES.find((f) => f.id === scope.facility)?.label, lang);
  if (scope.customer) return companyOf(scope.customer);
  return '';
}

export function renderCases(ctx) {
  const { t, lang, key, companyOf } = ctx;
  const catalog = CASE_ACTIONS[catalogKey(key)];
  const assets = ctx.view.assets;
  const where = (scope) => (scope.customer ? t('forCustomer', placeOf(scope, lang, companyOf)) : t('at', placeOf(scope, lang, companyOf)));
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
  const name = ctx.nameOf;
  const cases = ctx.view.cases
    .map((c) => {
      const asset = assets.find((a) => a.id === c.asset);
      const title = t(c.kind === 'internal' ? 'caseInternal' : 'caseShared', c.id, `${label(asset.name, lang)}, ${placeOf(asset.scope, lang, companyOf)}`);
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
  const hidden = ctx.view.hiddenCases;
  const hiddenNote = hidden > 0 ? `<p class="note" data-cases-hidden="${hidden}">${esc(t('casesHidden', hidden))}</p>` : '';
  return `${note}
    <ul class="cards">${assetItems}</ul>
    ${cases ? `<ul class="list cases" data-cases>${cases}</ul>` : `<p class="empty" data-cases>${esc(t('casesNone'))}</p>`}
    ${hiddenNote}`;
}

/**
 * The request a case button makes: `{ path, body, ok(result) }`, or null. The server reads the
 * case's asset (and so its place) from its own records.
 */
export function caseRequest(ctx, action, el) {
  const { t } = ctx;
  if (action === 'createCase') {
    return { path: '/api/cases', body: { asset: el.dataset.asset, kind: el.dataset.kind }, ok: (r) => t('caseOpened', ctx.me.name, r.id) };
  }
  if (!el.dataset.case) return null;
  const id = el.dataset.case;
  const ok = (r) => (action === 'toggleRemote' ? t(r.remote ? 'remoteOn' : 'remoteOff', id) : t(r.log, ctx.me.name, id));
  return { path: `/api/cases/${encodeURIComponent(id)}/${encodeURIComponent(action)}`, body: {}, ok };
}
