// The read-only panels: "My data" (the member's roles, effective permissions and the
// organization's administrators), the role overview matrix, and the why-panel with the full
// explanation of the last gated element clicked.

import { esc } from '../html.js';
import { label } from '/common/i18n.js';
import { placeOf } from './cases.js';

export function renderMyData(ctx) {
  const { t, lang } = ctx;
  const mine = ctx.view.myData;
  const roles = mine.member.roles.map((r) => `<li>${esc(ctx.assignmentText(r))}</li>`).join('');
  const permissions = mine.permissions
    .map((p) => {
      const via = [...new Set(p.grantedBy.map((g) => ctx.assignmentText(g.scope ? { role: g.role, scope: g.scope } : g.role)))];
      return `<li><span>${esc(label(p.label, lang))}</span> <code>${esc(p.id)}</code> <small>${esc(t('via', via.join(', ')))}</small></li>`;
    })
    .join('');
  const admins = mine.administrators.map((a) => `<li>${esc(a.name)} <small>${esc(a.email)}</small></li>`).join('');
  return `
    <p><strong>${esc(mine.member.name)}</strong> · ${esc(t(`status_${mine.status}`))}</p>
    <h3>${esc(t('myRoles'))}</h3>
    ${roles ? `<ul class="chips">${roles}</ul>` : `<p class="empty">${esc(t('noRoles'))}</p>`}
    <h3>${esc(t('myPermissions'))}</h3>
    ${permissions ? `<ul class="list compact" data-my-permissions>${permissions}</ul>` : `<p class="empty" data-my-permissions>${esc(t('noPermissions'))}</p>`}
    <h3>${esc(t('administrators', ctx.org.tenant))}</h3>
    <ul class="list compact" data-administrators>${admins}</ul>`;
}

export function renderMatrix(ctx) {
  const { t, lang } = ctx;
  const matrix = ctx.engine.matrix({ tenantKind: ctx.org.kind, lang });
  const head = matrix.roles.map((r) => `<th scope="col">${esc(r.label)}${r.admin ? ' *' : ''}${r.deprecated ? ' †' : ''}</th>`).join('');
  const rows = matrix.permissions
    .map((p) => {
      const cells = matrix.roles
        .map((r) => {
          const cell = matrix.cells[r.id]?.[p.id];
          const mark = cell === 'direct' ? '✔' : cell === 'implied' ? '(✔)' : '–';
          return `<td class="${cell ?? 'none'}">${mark}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(p.label)} <code>${esc(p.id)}</code></th>${cells}</tr>`;
    })
    .join('');
  return `<p class="legend">${esc(t('matrixLegend'))}</p>
    <div class="table-wrap matrix-wrap" tabindex="0"><table class="matrix">
      <thead><tr><th scope="col">${esc(t('permission'))}</th>${head}</tr></thead>
      <tbody>${rows}</tbody>
    </table></div>`;
}

export function renderWhy(ctx) {
  const { t, lang } = ctx;
  const last = ctx.ui.why;
  if (!last) return `<p class="empty">${esc(t('whyHint'))}</p>`;
  const { action, resource } = last;
  const explanation = ctx.session
    ? ctx.session.explain(action, resource, lang)
    : { allowed: false, code: 'not_permitted', message: t('notActive', ctx.me.name, t(`status_${ctx.me.status}`)), grantedBy: [], blocked: [], grantingRoles: [] };
  const chain = (g) => `${ctx.assignmentText(g.scope ? { role: g.role, scope: g.scope } : g.role)}: ${g.via.join(' → ')}`;
  const list = (items) => `<ul class="list compact">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  const parts = [
    `<p class="verdict ${explanation.allowed ? 'allowed' : 'denied'}" data-verdict>${esc(t(explanation.allowed ? 'allowed' : explanation.effect === 'approval' ? 'approvalNeeded' : 'denied'))}</p>`,
    `<p data-why-message>${esc(explanation.message)}</p>`,
    `<dl><dt>${esc(t('action'))}</dt><dd><code>${esc(action)}</code></dd>`,
    resource
      ? `<dt>${esc(t('resource'))}</dt><dd>${esc(placeOf(resource, lang, ctx.companyOf))} <code>${esc(Object.entries(resource).map(([k, v]) => `${k}=${v}`).join(', '))}</code></dd>`
      : '',
    `<dt>${esc(t('code'))}</dt><dd><code>${esc(explanation.code)}</code></dd></dl>`,
  ];
  if (explanation.grantedBy.length) parts.push(`<h3>${esc(t('grantedBy'))}</h3>`, list(explanation.grantedBy.map(chain)));
  if (explanation.blocked.length) parts.push(`<h3>${esc(t('blocked'))}</h3>`, list(explanation.blocked.map((b) => `${chain(b)} [${b.reason}]`)));
  if (!explanation.allowed) {
    const roles = explanation.grantingRoles.map((id) => ctx.roleLabel(id));
    parts.push(`<h3>${esc(t('grantingRoles'))}</h3>`, roles.length ? list(roles) : `<p>${esc(t('nobody'))}</p>`);
    // Filled in by the page once the server has said who may (GET /api/who-can).
    parts.push(`<h3>${esc(t('whoCan'))}</h3>`, '<p data-why-ask></p>');
  }
  return parts.join('');
}
