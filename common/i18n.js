// Every text of the demo page in English and German. The engine writes its own messages (in the
// chosen language); these are the page's labels around them.

const TEXTS = {
  title: ['rolegate demo', 'rolegate-Demo'],
  passwordless: [
    'This demo signs in without passwords: whoever can open this page can act as any member it lists. Run it on your own machine only.',
    'Diese Demo meldet ohne Passwort an: Wer diese Seite öffnen kann, kann als jedes aufgeführte Mitglied handeln. Betreiben Sie sie nur auf Ihrem eigenen Rechner.',
  ],
  tagline: [
    'Every button on this page is gated live by the same engine the server uses. Switch member, policy or language and watch what changes.',
    'Jede Schaltfläche dieser Seite wird live von derselben Engine freigegeben, die auch der Server verwendet. Wechseln Sie Mitglied, Richtlinie oder Sprache und sehen Sie, was sich ändert.',
  ],
  policy: ['Policy', 'Richtlinie'],
  policyMytrumpf: ['Customer portal (mytrumpf)', 'Kundenportal (mytrumpf)'],
  policyPlatform: ['Service platform (platform)', 'Serviceplattform (platform)'],
  kind: ['Tenant kind', 'Mandantenart'],
  modules: ['Modules', 'Module'],
  modulesAdminOnly: ['Only an administrator of this organization books modules.', 'Nur ein Administrator dieser Organisation bucht Module.'],
  member: ['Signed in as', 'Angemeldet als'],
  language: ['Language', 'Sprache'],
  reset: ['Reset demo', 'Demo zurücksetzen'],
  resetDone: ['The demo was reset to its sample data.', 'Die Demo wurde auf ihre Beispieldaten zurückgesetzt.'],
  stateBroken: [
    'The saved demo state could not be used ({0}); the demo was reset to its sample data.',
    'Der gespeicherte Demo-Zustand war nicht verwendbar ({0}); die Demo wurde auf ihre Beispieldaten zurückgesetzt.',
  ],
  storageUnavailable: [
    'This browser does not let the page save its state; changes last until the page is reloaded.',
    'Dieser Browser erlaubt der Seite nicht, ihren Zustand zu speichern; Änderungen gelten bis zum Neuladen.',
  ],
  status_active: ['active', 'aktiv'],
  status_pending: ['waiting for approval', 'noch nicht freigeschaltet'],
  status_invited: ['invited', 'eingeladen'],
  notActive: [
    '{0} is {1}: nothing is allowed before an administrator approves. Every gated element is hidden.',
    '{0} ist {1}: Vor der Freischaltung durch einen Administrator ist nichts erlaubt. Alle geschützten Elemente sind ausgeblendet.',
  ],
  // E-shop
  shop: ['E-shop', 'E-Shop'],
  shopOnlyPortal: [
    'The e-shop belongs to the customer portal: choose the policy “Customer portal” to try it.',
    'Der E-Shop gehört zum Kundenportal: Wählen Sie die Richtlinie „Kundenportal“, um ihn auszuprobieren.',
  ],
  deliverTo: ['Deliver to', 'Liefern an'],
  price: ['{0} €', '{0} €'],
  addToCart: ['Add to cart', 'In den Warenkorb'],
  requestOrder: ['Request order', 'Bestellung anfordern'],
  orderNow: ['Order now', 'Jetzt bestellen'],
  release: ['Release', 'Freigeben'],
  cart: { one: ['Cart: 1 item', 'Warenkorb: 1 Artikel'], other: ['Cart: {0} items', 'Warenkorb: {0} Artikel'] },
  cartEmpty: ['Your cart is empty.', 'Ihr Warenkorb ist leer.'],
  added: ['{0} is in your cart.', '{0} liegt in Ihrem Warenkorb.'],
  inbox: ['Order requests', 'Bestellanforderungen'],
  inboxEmpty: ['No open order requests.', 'Keine offenen Bestellanforderungen.'],
  requestLine: ['{0} for {1}, requested by {2}', '{0} für {1}, angefordert von {2}'],
  requested: ['Order request for {0} sent: someone who may release it sees it in the inbox.', 'Bestellanforderung für {0} gesendet: Wer freigeben darf, sieht sie im Posteingang.'],
  ordered: ['{0} ordered.', '{0} bestellt.'],
  released: ['{1} released the request of {0}: ordered.', '{1} hat die Anforderung von {0} freigegeben: bestellt.'],
  orders: ['Orders', 'Bestellungen'],
  ordersEmpty: ['No orders yet.', 'Noch keine Bestellungen.'],
  orderLine: ['{0} for {1}, by {2}', '{0} für {1}, von {2}'],
  orderReleasedLine: ['{0} for {1}, requested by {2}, released by {3}', '{0} für {1}, angefordert von {2}, freigegeben von {3}'],
  ask: ['{0}: ask {1}.', '{0}: Fragen Sie {1}.'],
  askNobody: ['{0}: nobody in your organization may do this.', '{0}: Niemand in Ihrer Organisation darf das.'],
  or: ['or', 'oder'],
  // Service cases
  cases: ['Service cases', 'Servicefälle'],
  casesNone: ['No service cases yet.', 'Noch keine Servicefälle.'],
  casesHidden: {
    one: [
      '1 more case of your organization is not listed: none of your roles lets you see it there.',
      '1 weiterer Fall Ihrer Organisation ist nicht aufgeführt: Keine Ihrer Rollen erlaubt Ihnen, ihn dort zu sehen.',
    ],
    other: [
      '{0} more cases of your organization are not listed: none of your roles lets you see them there.',
      '{0} weitere Fälle Ihrer Organisation sind nicht aufgeführt: Keine Ihrer Rollen erlaubt Ihnen, sie dort zu sehen.',
    ],
  },
  casesAppDeveloper: [
    'App developers do not work on service cases: every action here is denied, and the why-panel says so.',
    'App-Entwickler bearbeiten keine Servicefälle: Jede Aktion hier wird verweigert, und das Warum-Feld sagt weshalb.',
  ],
  at: ['in {0}', 'in {0}'],
  forCustomer: ['for {0}', 'für {0}'],
  action_create: ['Create service case', 'Servicefall anlegen'],
  action_createShared: ['Create shared case', 'Geteilten Fall anlegen'],
  action_createInternal: ['Create internal case', 'Internen Fall anlegen'],
  action_createCustomerCase: ['Create customer case', 'Kundenfall anlegen'],
  action_edit: ['Edit case', 'Fall bearbeiten'],
  action_editInternal: ['Edit internal case', 'Internen Fall bearbeiten'],
  action_conference: ['Join conference', 'Konferenz beitreten'],
  action_toggleRemote: ['Activate remote access', 'Fernzugriff aktivieren'],
  action_toggleRemoteOff: ['Deactivate remote access', 'Fernzugriff deaktivieren'],
  action_useRemote: ['Use remote access', 'Fernzugriff nutzen'],
  action_remoteSession: ['Start remote session', 'Fernsitzung starten'],
  action_fileTransfer: ['Transfer files', 'Dateien übertragen'],
  caseShared: ['Service case #{0}: {1}', 'Servicefall #{0}: {1}'],
  caseInternal: ['Internal case #{0}: {1}', 'Interner Fall #{0}: {1}'],
  caseOpened: ['{0} opened case #{1}.', '{0} hat Fall #{1} angelegt.'],
  caseEdited: ['{0} updated case #{1}.', '{0} hat Fall #{1} bearbeitet.'],
  conferenceJoined: ['{0} joined the conference of case #{1}.', '{0} ist der Konferenz zu Fall #{1} beigetreten.'],
  remoteOn: ['Remote access to case #{0} is active.', 'Fernzugriff auf Fall #{0} ist aktiv.'],
  remoteOff: ['Remote access to case #{0} is off.', 'Fernzugriff auf Fall #{0} ist aus.'],
  remoteUsed: ['{0} connected to the machine of case #{1}.', '{0} hat sich mit der Maschine zu Fall #{1} verbunden.'],
  remoteNotActive: [
    'Remote access to case #{0} is not active: someone who may activate it has to first.',
    'Fernzugriff auf Fall #{0} ist nicht aktiv: Jemand, der ihn aktivieren darf, muss das zuerst tun.',
  ],
  remoteSession: ['{0} started a remote session for case #{1}.', '{0} hat eine Fernsitzung zu Fall #{1} gestartet.'],
  filesSent: ['{0} transferred files for case #{1}.', '{0} hat Dateien zu Fall #{1} übertragen.'],
  remoteState: ['remote access {0}', 'Fernzugriff {0}'],
  on: ['on', 'an'],
  off: ['off', 'aus'],
  // Administration
  admin: ['Administration', 'Administration'],
  adminOnly: [
    'Only administrators manage the organization. Your administrators: {0}.',
    'Nur Administratoren verwalten die Organisation. Ihre Administratoren: {0}.',
  ],
  members: ['Members', 'Mitglieder'],
  name: ['Name', 'Name'],
  email: ['E-mail', 'E-Mail'],
  status: ['Status', 'Status'],
  roles: ['Roles', 'Rollen'],
  actions: ['Actions', 'Aktionen'],
  approve: ['Approve', 'Freischalten'],
  editRoles: ['Change roles', 'Rollen ändern'],
  remove: ['Remove', 'Entfernen'],
  save: ['Save roles', 'Rollen speichern'],
  cancel: ['Cancel', 'Abbrechen'],
  scope: ['Scope', 'Bereich'],
  everywhere: ['tenant-wide', 'mandantenweit'],
  invite: ['Invite a colleague', 'Kollegen einladen'],
  inviteButton: ['Send invitation', 'Einladung senden'],
  role: ['Role', 'Rolle'],
  defaultRole: ['{0} (default)', '{0} (Standard)'],
  defineRole: ['Define a role of your own', 'Eigene Rolle festlegen'],
  roleId: ['Id', 'Kennung'],
  labelEn: ['Name (English)', 'Name (Englisch)'],
  labelDe: ['Name (German)', 'Name (Deutsch)'],
  grants: ['Grants', 'Gewährt'],
  defineButton: ['Define role', 'Rolle festlegen'],
  customRoles: ['Roles of your own', 'Eigene Rollen'],
  customRolesNone: ['None yet.', 'Noch keine.'],
  deleteRole: ['Delete', 'Löschen'],
  health: ['Organization check', 'Organisationsprüfung'],
  healthy: ['Nothing to report.', 'Nichts zu melden.'],
  done: ['Done: {0}.', 'Erledigt: {0}.'],
  refused: ['Refused:', 'Abgelehnt:'],
  op_invite: ['{0} invited', '{0} eingeladen'],
  op_acceptInvitation: ['{0} accepted the invitation and is signed in', '{0} hat die Einladung angenommen und ist angemeldet'],
  op_newLink: ['a new invitation link for {0} (the old one no longer works)', 'ein neuer Einladungslink für {0} (der alte gilt nicht mehr)'],
  op_approve: ['{0} approved', '{0} freigeschaltet'],
  op_assignRoles: ['roles of {0} changed', 'Rollen von {0} geändert'],
  op_removeMember: ['{0} removed', '{0} entfernt'],
  op_defineRole: ['role {0} defined', 'Rolle {0} festgelegt'],
  op_deleteRole: ['role {0} deleted', 'Rolle {0} gelöscht'],
  op_inviteTenant: ['{0} invited to the platform', '{0} auf die Plattform eingeladen'],
  op_revokeTenantInvitation: ['the invitation of {0} revoked', 'die Einladung von {0} widerrufen'],
  op_acceptTenantInvitation: ['{0} is on the platform, you are its administrator', '{0} ist auf der Plattform, Sie sind ihr Administrator'],
  // Tenant onboarding
  companies: ['Companies you onboarded', 'Von Ihnen aufgenommene Firmen'],
  companiesNote: [
    'Operating companies join the platform by your invitation; their first user becomes their administrator. Your customers\' service cases are those of the companies listed as onboarded.',
    'Betreiberfirmen kommen auf Ihre Einladung auf die Plattform; ihr erster Benutzer wird ihr Administrator. Die Servicefälle Ihrer Kunden sind die der hier als aufgenommen geführten Firmen.',
  ],
  companiesNone: ['No company invited yet.', 'Noch keine Firma eingeladen.'],
  company: ['Company', 'Firma'],
  tenantId: ['Tenant id', 'Mandanten-ID'],
  contact: ['First user', 'Erster Benutzer'],
  inviteCompany: ['Invite a company', 'Firma einladen'],
  inviteCompanyButton: ['Send company invitation', 'Firmeneinladung senden'],
  revoke: ['Revoke', 'Widerrufen'],
  invitationLink: ['Invitation link for {0}', 'Einladungslink für {0}'],
  linkOnce: [
    'Send it to the invitee: it is their way in, shown only on this page now. A new link replaces it.',
    'Senden Sie ihn der eingeladenen Person: Er ist ihr Zugang und wird nur jetzt auf dieser Seite gezeigt. Ein neuer Link ersetzt ihn.',
  ],
  newLink: ['New invitation link', 'Neuer Einladungslink'],
  company_onboarded: ['onboarded', 'aufgenommen'],
  company_invited: ['invited', 'eingeladen'],
  company_expired: ['invitation expired', 'Einladung abgelaufen'],
  company_revoked: ['invitation revoked', 'Einladung widerrufen'],
  // The demo server's refusals ({ error, code, message }), in the request's language.
  signedOut: [
    '{0} was signed out by the server (removed from the organization, their status changed, the session expired, or the demo was reset); this demo signed in again, without a password, as {1}.',
    '{0} wurde vom Server abgemeldet (aus der Organisation entfernt, Status geändert, Sitzung abgelaufen, oder die Demo wurde zurückgesetzt); diese Demo hat ohne Passwort neu angemeldet, als {1}.',
  ],
  policyLoading: ['The policy is being loaded from the server; until then nothing is offered.', 'Die Richtlinie wird vom Server geladen; bis dahin wird nichts angeboten.'],
  api_signed_out: [
    'Sign in first: this browser has no session, or it ended (it expired, the member was removed or changed status, or the demo was reset).',
    'Bitte zuerst anmelden: Dieser Browser hat keine Sitzung, oder sie ist beendet (abgelaufen, das Mitglied wurde entfernt oder hat einen anderen Status, oder die Demo wurde zurückgesetzt).',
  ],
  api_unknown_host: [
    'This server does not answer for the host name {0}: open it as http://127.0.0.1:PORT/ or http://localhost:PORT/ (ALLOWED_HOSTS adds names).',
    'Dieser Server antwortet nicht für den Hostnamen {0}: Öffnen Sie ihn als http://127.0.0.1:PORT/ oder http://localhost:PORT/ (ALLOWED_HOSTS fügt Namen hinzu).',
  ],
  api_bad_text: [
    'The field {0} holds text that cannot be stored (a NUL character or a lone surrogate).',
    'Das Feld {0} enthält Text, der nicht gespeichert werden kann (ein NUL-Zeichen oder ein einzelnes Surrogat).',
  ],
  api_not_admin: ['Only an administrator of this organization may do this. Its administrators: {0}.', 'Nur ein Administrator dieser Organisation darf das. Ihre Administratoren: {0}.'],
  api_accept_by_link: [
    '{0} is the invitee\'s: they accept with the link of their invitation, not through another member.',
    '{0} ist Sache der eingeladenen Person: Sie nimmt mit dem Link ihrer Einladung an, nicht über ein anderes Mitglied.',
  ],
  api_invitation_unknown: [
    'This invitation link is not valid: it is mistyped, was used already, expired, or was revoked (a new link replaces the old one).',
    'Dieser Einladungslink ist nicht gültig: Er ist falsch, wurde schon benutzt, ist abgelaufen oder wurde widerrufen (ein neuer Link ersetzt den alten).',
  ],
  api_too_many_streams: [
    'This session follows live changes in {0} tabs already: close one of them.',
    'Diese Sitzung verfolgt Änderungen bereits in {0} Tabs: Schließen Sie einen davon.',
  ],
  api_streams_busy: ['The server follows as many pages as it can: try again in a moment.', 'Der Server verfolgt so viele Seiten, wie er kann: Bitte gleich noch einmal versuchen.'],
  api_bad_path: ['The address is not valid: it holds a malformed %-escape.', 'Die Adresse ist ungültig: Sie enthält eine fehlerhafte %-Kodierung.'],
  api_bad_json: ['The request body is not valid JSON.', 'Der Inhalt der Anfrage ist kein gültiges JSON.'],
  api_json_only: ['This route accepts only application/json.', 'Diese Route nimmt nur application/json an.'],
  api_cross_origin: ['Changes are accepted only from this server\'s own page.', 'Änderungen werden nur von der eigenen Seite dieses Servers angenommen.'],
  api_too_large: ['The request body is larger than {0} bytes.', 'Der Inhalt der Anfrage ist größer als {0} Bytes.'],
  api_not_object: ['The request body must be a JSON object.', 'Der Inhalt der Anfrage muss ein JSON-Objekt sein.'],
  api_unknown_field: ['Unknown field {0}.', 'Unbekanntes Feld {0}.'],
  api_missing_field: ['The field {0} is missing.', 'Das Feld {0} fehlt.'],
  api_wrong_type: ['The field {0} must be {1}.', 'Das Feld {0} muss {1} sein.'],
  api_unknown_value: ['{0}: there is no {1}.', '{0}: {1} gibt es nicht.'],
  api_not_found: ['There is no {0} here.', 'Hier gibt es kein(e) {0}.'],
  api_unknown_route: ['There is no route {0}.', 'Es gibt keine Route {0}.'],
  api_no_shop: ['This organization has no e-shop.', 'Diese Organisation hat keinen E-Shop.'],
  api_already_released: ['Order request {0} was released already.', 'Die Bestellanforderung {0} wurde bereits freigegeben.'],
  api_conflict: ['Someone changed the organization meanwhile (version {0}, not {1}): nothing was changed; the page shows the current state.', 'Jemand hat die Organisation inzwischen geändert (Version {0}, nicht {1}): Es wurde nichts geändert; die Seite zeigt den aktuellen Stand.'],
  api_invalid_operation: ['The operation is malformed: {0}', 'Die Operation ist fehlerhaft: {0}'],
  api_internal: ['The server failed; nothing was changed.', 'Der Server ist gescheitert; es wurde nichts geändert.'],
  api_conflicted: ['The page was out of date: it now shows the current state. Please try again.', 'Die Seite war veraltet: Sie zeigt jetzt den aktuellen Stand. Bitte erneut versuchen.'],
  api_offline: ['The server cannot be reached ({0}); nothing was changed.', 'Der Server ist nicht erreichbar ({0}); es wurde nichts geändert.'],
  tenantTaken: ['The tenant id {0} is taken on this platform.', 'Die Mandanten-ID {0} ist auf dieser Plattform vergeben.'],
  invitationTitle: ['Invitation to the service platform', 'Einladung auf die Serviceplattform'],
  invitationText: [
    '{0} invites {1} ({2}, {3}) to the platform. Accepting creates the tenant {4} with you as its administrator.',
    '{0} lädt {1} ({2}, {3}) auf die Plattform ein. Mit der Annahme entsteht der Mandant {4} mit Ihnen als Administrator.',
  ],
  acceptCompany: ['Accept and create the tenant', 'Annehmen und Mandanten anlegen'],
  invitationMemberTitle: ['Invitation to join {0}', 'Einladung zu {0}'],
  // {0} is the number of roles, {4} their names.
  invitationMemberText: {
    one: [
      '{1} ({2}) is invited to {3} with the role {4}. Accepting signs you in as {1}, in this browser only.',
      '{1} ({2}) ist zu {3} eingeladen, mit der Rolle {4}. Mit der Annahme sind Sie als {1} angemeldet, nur in diesem Browser.',
    ],
    other: [
      '{1} ({2}) is invited to {3} with the roles {4}. Accepting signs you in as {1}, in this browser only.',
      '{1} ({2}) ist zu {3} eingeladen, mit den Rollen {4}. Mit der Annahme sind Sie als {1} angemeldet, nur in diesem Browser.',
    ],
  },
  acceptMember: ['Accept the invitation', 'Einladung annehmen'],
  operatorOrg: ['Company', 'Firma'],
  // My data and the matrix
  myData: ['My data', 'Meine Daten'],
  myRoles: ['My roles', 'Meine Rollen'],
  myPermissions: ['My permissions', 'Meine Berechtigungen'],
  administrators: ['Administrators of {0}', 'Administratoren von {0}'],
  noRoles: ['No roles.', 'Keine Rollen.'],
  noPermissions: ['No permissions.', 'Keine Berechtigungen.'],
  via: ['via {0}', 'über {0}'],
  onlyIn: ['only in {0}', 'nur in {0}'],
  matrix: ['Role overview', 'Rollenübersicht'],
  matrixLegend: ['✔ granted directly · (✔) implied by a higher grant · – not granted', '✔ direkt gewährt · (✔) durch eine höhere Berechtigung enthalten · – nicht gewährt'],
  permission: ['Permission', 'Berechtigung'],
  // Why
  why: ['Why?', 'Warum?'],
  whyHint: [
    'Click any gated button to see why it is allowed or denied.',
    'Klicken Sie auf eine geschützte Schaltfläche, um zu sehen, warum sie erlaubt oder verweigert ist.',
  ],
  allowed: ['Allowed', 'Erlaubt'],
  denied: ['Denied', 'Verweigert'],
  approvalNeeded: ['Approval needed', 'Freigabe nötig'],
  action: ['Action', 'Aktion'],
  code: ['Code', 'Code'],
  grantedBy: ['Granted by', 'Gewährt durch'],
  blocked: ['Would grant it, but does not count here', 'Würde es gewähren, zählt hier aber nicht'],
  grantingRoles: ['Roles that grant it', 'Rollen, die es gewähren'],
  whoCan: ['Who may do it here', 'Wer es hier darf'],
  nobody: ['nobody', 'niemand'],
  resource: ['Resource', 'Ressource'],
  footer: [
    'Client-side gating is a convenience: the server enforces the same policy (fingerprint {0}).',
    'Die Freigabe im Browser ist eine Bequemlichkeit: Der Server setzt dieselbe Richtlinie durch (Fingerabdruck {0}).',
  ],
};

const LANGS = ['en', 'de'];

/**
 * The text `key` in `lang`, with `{0}`, `{1}`… filled from `args`. A text that counts something
 * is `{ one, other }`: its first argument is the count, which chooses the grammatical number.
 */
export function t(lang, key, ...args) {
  const entry = TEXTS[key];
  if (!entry) throw new Error(`no text '${key}'`);
  const pair = Array.isArray(entry) ? entry : Number(args[0]) === 1 ? entry.one : entry.other;
  const text = pair[LANGS.indexOf(lang)] ?? pair[0];
  return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** Whether every text exists in both languages (checked by the tests). */
export function textsComplete() {
  const pairComplete = (pair) => Array.isArray(pair) && pair.length === 2 && pair.every((s) => typeof s === 'string' && s.length > 0);
  return Object.values(TEXTS).every((entry) => (Array.isArray(entry) ? pairComplete(entry) : pairComplete(entry.one) && pairComplete(entry.other)));
}

/** A label `{ en, de }` in `lang`. */
export function label(value, lang) {
  return value?.[lang] ?? value?.en ?? '';
}

/** "A, B or C" in `lang`. */
export function joinOr(items, lang) {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t(lang, 'or')} ${items.at(-1)}`;
}
