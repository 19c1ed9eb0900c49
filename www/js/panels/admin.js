// The administration panel: members (approve, change roles and scopes, remove, an invitee's
// link), inviting, roles of the organization's own, the companies a service provider onboarded
// (inviting a company, its link, revoking an invitation), and the organization check. Every
// change is `engine.apply`: a refusal shows the engine's violation messages, and nothing changes.
// An invitation is accepted by its invitee with its link (a secret the server keeps only hashed:
// this page shows a link it was given until it reloads, and otherwise offers a new one).

import { attrs, button, esc, options } from '../html.js';
import { label } from '/common/i18n.js';
import { placeOf } from './cases.js';

/** The administration permissions of the policy: `{ invite, approve, assignRoles, removeMember, manageRoles }`. */
export function adminPermissions(engine) {
  return engine.policy().administration;
}

/** Whether the signed-in member may do any administrative operation (the server says so, and sends the whole organization). */
export function mayAdminister(ctx) {
  return ctx.view.administers && Boolean(ctx.session);
}

/** The scopes assignments may take here: tenant-wide, or one of the places the assets are in. */
function scopeChoices(ctx) {
  const seen = new Map();
  for (const asset of ctx.view.assets) {
    const [k, v] = Object.entries(asset.scope)[0];
    seen.set(`${k}=${v}`, placeOf(asset.scope, ctx.lang, ctx.companyOf));
  }
  return [['', ctx.t('everywhere')], ...seen];
}

function scopeValue(assignment) {
  const scope = typeof assignment === 'string' ? null : assignment.scope;
  const entry = scope ? Object.entries(scope)[0] : null;
  return entry ? `${entry[0]}=${entry[1]}` : '';
}

function assignment(role, scopeText) {
  if (!scopeText) return role;
  const [k, v] = scopeText.split('=');
  return { role, scope: { [k]: v } };
}

/** The roles this organization may hand out: the kind's roles, then its own. */
function roleChoices(ctx) {
  const own = ctx.org.customRoles ?? [];
  return [...ctx.engine.roles(ctx.org.kind).map((r) => ({ id: r.id, label: r.label, default: r.default, deprecated: r.deprecated })), ...own];
}

/**
 * The link of invitation `invitation` (`kind`: member or company) if this page was given it, else
 * a button for a new one (gated by `permission`, the one that sends such invitations).
 */
function invitationLink(ctx, kind, invitation, email, permission) {
  if (!invitation) return '';
  const url = ctx.ui.links.get(`${kind}:${invitation}`);
  if (url) {
    return `<a href="${esc(url)}" target="_blank" rel="noopener" data-invitation-link="${esc(invitation)}">${esc(ctx.t('invitationLink', email))}</a>
      <small class="link-note">${esc(ctx.t('linkOnce'))}</small>`;
  }
  return button(ctx.t('newLink'), { action: 'newLink', permission, data: { kind, invitation, subject: email } });
}

/** The policy's rule letting this organization's kind invite companies, if one. */
function onboardingRule(ctx) {
  return (adminPermissions(ctx.engine).tenantInvitations ?? []).find((r) => r.inviter === ctx.org.kind);
}

/**
 * The companies a service provider onboarded (the engine's `customers`), with the company
 * invitation form and, per open invitation, its link and a revoke button: gated by the rule's
 * permission (`customer.manage` on the platform), for every member, administrator or not.
 */
function renderCompanies(ctx) {
  const rule = onboardingRule(ctx);
  if (!rule) return '';
  const { t } = ctx;
  // The list comes from the server, to members who may manage customers; the others see the form, denied.
  const rows = (ctx.view.companies?.list ?? [])
    .map((c) => {
      const actions =
        c.status === 'invited'
          ? `${invitationLink(ctx, 'company', c.invitation, c.email, rule.permission)}
            ${button(t('revoke'), { action: 'revokeTenant', permission: rule.permission, data: { invitation: c.invitation, company: c.company }, kind: 'danger' })}`
          : '';
      return `<tr data-company="${esc(c.tenant)}" data-company-status="${esc(c.status)}">
        <th scope="row">${esc(c.company)}<br><small>${esc(c.tenant)}</small></th>
        <td>${esc(c.name)}<br><small>${esc(c.email)}</small></td>
        <td>${esc(t(`company_${c.status}`))}</td>
        <td><div class="actions">${actions}</div></td>
      </tr>`;
    })
    .join('');
  const table = rows
    ? `<div class="table-wrap"><table class="members" data-companies>
        <thead><tr><th scope="col">${esc(t('company'))}</th><th scope="col">${esc(t('contact'))}</th><th scope="col">${esc(t('status'))}</th><th scope="col">${esc(t('actions'))}</th></tr></thead>
        <tbody>${rows}</tbody></table></div>`
    : `<p class="empty">${esc(t('companiesNone'))}</p>`;
  const form = `<form data-form="inviteTenant" class="form" data-kind="${esc(rule.invitee)}">
      <label>${esc(t('company'))} <input name="company" required autocomplete="off"></label>
      <label>${esc(t('tenantId'))} <input name="tenant" required pattern="[a-z][a-z0-9_.\\-]*" autocomplete="off" placeholder="north-steel"></label>
      <label>${esc(t('name'))} <input name="name" required autocomplete="off"></label>
      <label>${esc(t('email'))} <input type="email" name="email" required autocomplete="off"></label>
      <div class="actions"><button type="submit" class="primary"${attrs({ 'data-permission': rule.permission })}>${esc(t('inviteCompanyButton'))}</button><p class="ask" aria-live="polite"></p></div>
    </form>`;
  return `<h3>${esc(t('companies'))}</h3>
    <p class="note">${esc(t('companiesNote'))}</p>
    ${table}
    <details><summary>${esc(t('inviteCompany'))}</summary>${form}</details>`;
}

export function renderAdmin(ctx) {
  const { t, lang, org, ui } = ctx;
  const companies = renderCompanies(ctx);
  if (!mayAdminister(ctx)) {
    const admins = ctx.view.admins.map((a) => `${a.name} (${a.roles.map((r) => ctx.assignmentText(r)).join(', ')})`);
    // The invite button, denied: clicking it explains why and says whom to ask.
    const invite = button(t('invite'), { action: 'explainOnly', permission: adminPermissions(ctx.engine).invite });
    return `<p class="note" data-admin-only>${esc(t('adminOnly', admins.join(', ')))}</p>
      <div class="actions">${invite}<p class="ask" aria-live="polite"></p></div>
      ${companies}`;
  }
  const perms = adminPermissions(ctx.engine);
  const rows = org.members
    .map((m) => {
      const buttons = [];
      if (m.status === 'pending') buttons.push(button(t('approve'), { action: 'approve', permission: perms.approve, data: { member: m.id }, kind: 'primary' }));
      if (m.status === 'invited') {
        const invitation = (org.invitations ?? []).find((i) => i.used === false && i.email.toLowerCase() === m.email.toLowerCase());
        buttons.push(invitationLink(ctx, 'member', invitation?.id, m.email, perms.invite));
      }
      buttons.push(button(t('editRoles'), { action: 'editRoles', permission: perms.assignRoles, data: { member: m.id } }));
      buttons.push(button(t('remove'), { action: 'remove', permission: perms.removeMember, data: { member: m.id }, kind: 'danger' }));
      return `<tr data-member="${esc(m.id)}">
        <th scope="row">${esc(m.name)}<br><small>${esc(m.email)}</small></th>
        <td>${esc(t(`status_${m.status}`))}</td>
        <td>${esc(m.roles.map((r) => ctx.assignmentText(r)).join(', ') || '–')}</td>
        <td><div class="actions">${buttons.join('')}</div></td>
      </tr>`;
    })
    .join('');
  const roles = roleChoices(ctx);
  const scopes = scopeChoices(ctx);
  const editing = ui.editing && org.members.find((m) => m.id === ui.editing);
  const editor = editing
    ? `<form class="editor" data-form="assignRoles" data-member="${esc(editing.id)}" aria-label="${esc(`${t('editRoles')}: ${editing.name}`)}">
        <fieldset><legend>${esc(`${t('editRoles')}: ${editing.name}`)}</legend>
        ${roles
          .map((r) => {
            const held = editing.roles.find((a) => (typeof a === 'string' ? a : a.role) === r.id);
            return `<div class="role-choice">
              <label><input type="checkbox" name="role" value="${esc(r.id)}"${held ? ' checked' : ''}> ${esc(label(r.label, lang))}</label>
              <label class="scope">${esc(t('scope'))} <select name="scope-${esc(r.id)}">${options(scopes, held ? scopeValue(held) : '')}</select></label>
            </div>`;
          })
          .join('')}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary"${attrs({ 'data-permission': perms.assignRoles })}>${esc(t('save'))}</button>
          <button type="button" data-do="cancelEdit">${esc(t('cancel'))}</button>
        </div>
      </form>`
    : '';
  const defaultRole = roles.find((r) => r.default)?.id ?? roles[0]?.id;
  const roleOptions = roles.map((r) => [r.id, r.default ? t('defaultRole', label(r.label, lang)) : label(r.label, lang)]);
  const invite = `<form data-form="invite" class="form">
      <label>${esc(t('email'))} <input type="email" name="email" required autocomplete="off"></label>
      <label>${esc(t('name'))} <input name="name" required autocomplete="off"></label>
      <label>${esc(t('role'))} <select name="role">${options(roleOptions, defaultRole)}</select></label>
      <label>${esc(t('scope'))} <select name="scope">${options(scopes, '')}</select></label>
      <div class="actions"><button type="submit" class="primary"${attrs({ 'data-permission': perms.invite })}>${esc(t('inviteButton'))}</button></div>
    </form>`;
  const own = (org.customRoles ?? [])
    .map(
      (r) => `<li data-custom-role="${esc(r.id)}"><strong>${esc(label(r.label, lang))}</strong> <code>${esc(r.id)}</code>: ${esc(r.grants.join(', '))}
        ${button(t('deleteRole'), { action: 'deleteRole', permission: perms.manageRoles, data: { role: r.id }, kind: 'danger' })}</li>`,
    )
    .join('');
  const grantable = ctx.engine.permissions().filter((p) => ctx.key === 'mytrumpf' || p.feature);
  const define = `<form data-form="defineRole" class="form">
      <label>${esc(t('roleId'))} <input name="id" required pattern="[a-z][a-z0-9_.\\-]*" autocomplete="off" placeholder="shift_lead"></label>
      <label>${esc(t('labelEn'))} <input name="en" required autocomplete="off"></label>
      <label>${esc(t('labelDe'))} <input name="de" required autocomplete="off"></label>
      <fieldset class="grants"><legend>${esc(t('grants'))}</legend>
        ${grantable.map((p) => `<label><input type="checkbox" name="grant" value="${esc(p.id)}"> ${esc(label(p.label, lang))} <code>${esc(p.id)}</code></label>`).join('')}
      </fieldset>
      <div class="actions"><button type="submit" class="primary"${attrs({ 'data-permission': perms.manageRoles })}>${esc(t('defineButton'))}</button></div>
    </form>`;
  const findings = ctx.view.lint ?? [];
  const health = findings.length
    ? `<ul class="findings">${findings.map((f) => `<li class="${esc(f.severity)}"><code>${esc(f.code)}</code> ${esc(f.message)}</li>`).join('')}</ul>`
    : `<p class="empty">${esc(t('healthy'))}</p>`;
  return `
    <h3>${esc(t('members'))}</h3>
    <div class="table-wrap"><table class="members">
      <thead><tr><th scope="col">${esc(t('name'))}</th><th scope="col">${esc(t('status'))}</th><th scope="col">${esc(t('roles'))}</th><th scope="col">${esc(t('actions'))}</th></tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    ${editor}
    <h3>${esc(t('invite'))}</h3>
    ${invite}
    <h3>${esc(t('customRoles'))}</h3>
    ${own ? `<ul class="list">${own}</ul>` : `<p class="empty">${esc(t('customRolesNone'))}</p>`}
    <details><summary>${esc(t('defineRole'))}</summary>${define}</details>
    ${companies}
    <h3>${esc(t('health'))}</h3>
    ${health}`;
}

/**
 * The administrative operation a click or a form stands for: `{ op, subject }` (subject:
 * what the notice names), or `null` for a purely visual step.
 */
export function operationFor(ctx, action, el, form) {
  switch (action) {
    case 'approve':
      return { op: { op: 'approve', member: el.dataset.member }, subject: nameOf(ctx, el.dataset.member) };
    case 'remove':
      return { op: { op: 'removeMember', member: el.dataset.member }, subject: nameOf(ctx, el.dataset.member) };
    case 'deleteRole':
      return { op: { op: 'deleteRole', role: el.dataset.role }, subject: el.dataset.role };
    case 'revokeTenant':
      return { op: { op: 'revokeTenantInvitation', invitation: el.dataset.invitation }, subject: el.dataset.company };
    case 'inviteTenant': {
      const data = new FormData(form);
      const field = (name) => String(data.get(name) ?? '').trim();
      const op = { op: 'inviteTenant', tenant: field('tenant'), kind: form.dataset.kind, company: field('company'), email: field('email'), name: field('name') };
      return { op, subject: op.company };
    }
    case 'invite': {
      const data = new FormData(form);
      const role = String(data.get('role'));
      const scope = String(data.get('scope') ?? '');
      const isDefault = roleChoices(ctx).find((r) => r.id === role)?.default && !scope;
      const op = { op: 'invite', email: String(data.get('email')).trim(), name: String(data.get('name')).trim() };
      if (!isDefault) op.roles = [assignment(role, scope)];
      return { op, subject: op.email };
    }
    case 'assignRoles': {
      const data = new FormData(form);
      const roles = data.getAll('role').map((role) => assignment(String(role), String(data.get(`scope-${role}`) ?? '')));
      return { op: { op: 'assignRoles', member: form.dataset.member, roles }, subject: nameOf(ctx, form.dataset.member) };
    }
    case 'defineRole': {
      const data = new FormData(form);
      const role = {
        id: String(data.get('id')).trim(),
        label: { en: String(data.get('en')).trim(), de: String(data.get('de')).trim() },
        grants: data.getAll('grant').map(String),
      };
      return { op: { op: 'defineRole', role }, subject: role.id };
    }
    default:
      return null;
  }
}

function nameOf(ctx, id) {
  return ctx.org.members.find((m) => m.id === id)?.name ?? id;
}
