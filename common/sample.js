// The demo's sample data: one organization per policy and tenant kind, the e-shop's products,
// the assets service cases are about, and which actions each panel offers. Ids are the policies'
// public ids (domain.md); names and labels exist in English and German.

/** Where an organization lives in the state: `mytrumpf`, or `platform:<kind>`. */
export const ORG_KEYS = ['mytrumpf', 'platform:operator', 'platform:service_provider', 'platform:app_developer'];

export const FACILITIES = [
  { id: 'f1', label: { en: 'Plant North', de: 'Werk Nord' } },
  { id: 'f2', label: { en: 'Plant South', de: 'Werk Süd' } },
];

/** The companies the sample service provider onboarded (its used company invitations). */
export const CUSTOMERS = [
  { id: 'c1', company: 'Acme Blechtechnik GmbH', email: 'clara@c1.example', name: 'Clara Hess' },
  { id: 'c2', company: 'Beta Zerspanung AG', email: 'ben@c2.example', name: 'Ben Falk' },
];

/** The operator organization an onboarded company `tenant` has in the state. */
export const onboardedKey = (tenant) => `platform:operator:${tenant}`;

/** The sample catalog of `key`: onboarded companies' organizations use the operator's. */
export const catalogKey = (key) => key.split(':').slice(0, 2).join(':');

export const PRODUCTS = [
  { id: 'nozzle', name: { en: 'Cutting nozzle set', de: 'Schneiddüsen-Set' }, price: 189 },
  { id: 'lens', name: { en: 'Protective lens (10 pcs.)', de: 'Schutzglas (10 Stk.)' }, price: 240 },
  { id: 'punch', name: { en: 'Punching tool 20 mm', de: 'Stanzwerkzeug 20 mm' }, price: 1250 },
];

/** The machines service cases are opened on: two per organization kind, in two places. */
export const ASSETS = {
  facility: [
    { id: 'laser', name: { en: 'TruLaser 3030', de: 'TruLaser 3030' }, scope: { facility: 'f1' } },
    { id: 'bend', name: { en: 'TruBend 5130', de: 'TruBend 5130' }, scope: { facility: 'f2' } },
  ],
  customer: [
    { id: 'laser-c1', name: { en: 'TruLaser 5030', de: 'TruLaser 5030' }, scope: { customer: 'c1' } },
    { id: 'punch-c2', name: { en: 'TruPunch 1000', de: 'TruPunch 1000' }, scope: { customer: 'c2' } },
  ],
};

/** A machine of a company onboarded in the demo, which the sample data does not know. */
export const onboardedAsset = (tenant) => ({ id: `machine-${tenant}`, name: { en: 'TruBend 7036', de: 'TruBend 7036' }, scope: { customer: tenant } });

/**
 * The assets the service cases of organization `key` are about. A service provider's are its
 * customers' machines, and only those of the companies it onboarded (`customers`: the engine's
 * `customers(org)`), never another provider's customers.
 */
export function assetsFor(key, customers = []) {
  const catalog = CASE_ACTIONS[catalogKey(key)];
  if (!catalog) return [];
  if (catalog.assets !== 'customer') return ASSETS[catalog.assets];
  return customers
    .filter((c) => c.status === 'onboarded')
    .flatMap((c) => {
      const known = ASSETS.customer.filter((a) => a.scope.customer === c.tenant);
      return known.length ? known : [onboardedAsset(c.tenant)];
    });
}

/**
 * The service-case actions of each organization: `create` buttons per asset, `case` buttons per
 * open case. Each names the permission that gates it. `list` names, per kind of case, the
 * permission that lists a case: the panel shows only the cases its plan allows.
 */
export const CASE_ACTIONS = {
  mytrumpf: {
    assets: 'facility',
    list: { shared: 'service.case.view' },
    create: [{ id: 'create', kind: 'shared', permission: 'service.case.create' }],
    case: {
      shared: [{ id: 'edit', permission: 'service.case.manage' }],
    },
  },
  'platform:operator': {
    assets: 'facility',
    list: { shared: 'service_case.read', internal: 'internal_case.read' },
    create: [
      { id: 'createShared', kind: 'shared', permission: 'service_case.manage' },
      { id: 'createInternal', kind: 'internal', permission: 'internal_case.create' },
    ],
    case: {
      shared: [
        { id: 'conference', permission: 'service_case.conference' },
        { id: 'toggleRemote', permission: 'service_case.remote_access.toggle' },
        { id: 'useRemote', permission: 'service_case.remote_access.use' },
      ],
      internal: [{ id: 'editInternal', permission: 'internal_case.manage' }],
    },
  },
  'platform:service_provider': {
    assets: 'customer',
    list: { shared: 'customer_case.read' },
    create: [{ id: 'createCustomerCase', kind: 'shared', permission: 'customer_case.manage' }],
    case: {
      shared: [
        { id: 'conference', permission: 'customer_case.conference' },
        { id: 'remoteSession', permission: 'remote_session.start' },
        { id: 'fileTransfer', permission: 'file_transfer.use' },
      ],
    },
  },
  'platform:app_developer': {
    assets: 'facility',
    list: { shared: 'service_case.read' },
    create: [{ id: 'createShared', kind: 'shared', permission: 'service_case.manage' }],
    case: { shared: [{ id: 'conference', permission: 'service_case.conference' }] },
  },
};

/** The log entry each case action writes: a text of `www/js/i18n.js`, filled with (member, case number). */
export const CASE_LOG = { edit: 'caseEdited', editInternal: 'caseEdited', conference: 'conferenceJoined', useRemote: 'remoteUsed', remoteSession: 'remoteSession', fileTransfer: 'filesSent' };

const member = (id, name, roles, status = 'active', domain = 'acme.example') => ({
  id,
  email: `${id}@${domain}`,
  name,
  status,
  roles,
  ...(status === 'active' ? {} : { since: '2026-11-10T08:00:00Z' }),
});

/** A fresh copy of the sample organizations. */
export function sampleOrgs() {
  return {
    mytrumpf: {
      tenant: 'acme',
      kind: 'customer',
      modules: [],
      members: [
        member('anna', 'Anna Berg', ['purchaser']),
        member('max', 'Max Weber', ['managing_director']),
        member('petra', 'Petra Lind', ['production_manager']),
        member('pia', 'Pia Roth', ['programmer']),
        member('otto', 'Otto Lang', [{ role: 'operator', scope: { facility: 'f1' } }]),
        member('sven', 'Sven Ott', ['service_engineer']),
        member('paul', 'Paul Kern', ['service_engineer'], 'pending'),
      ],
      customRoles: [],
      invitations: [],
    },
    'platform:operator': {
      tenant: 'steelworks',
      kind: 'operator',
      modules: ['internal_service_cases'],
      members: [
        member('tara', 'Tara Sund', ['tenant_admin'], 'active', 'steelworks.example'),
        member('mo', 'Mo Hahn', [{ role: 'machine_operator', scope: { facility: 'f1' } }], 'active', 'steelworks.example'),
        member('wanda', 'Wanda Maas', [{ role: 'workshop_manager', scope: { facility: 'f1' } }], 'active', 'steelworks.example'),
        member('ida', 'Ida Brandt', ['operator_internal'], 'active', 'steelworks.example'),
        member('mika', 'Mika Roos', ['maintenance_engineer'], 'active', 'steelworks.example'),
      ],
      customRoles: [],
      invitations: [],
    },
    'platform:service_provider': {
      tenant: 'servicepro',
      kind: 'service_provider',
      modules: [],
      members: [
        member('sara', 'Sara Vogel', ['tenant_admin'], 'active', 'servicepro.example'),
        member('finn', 'Finn Berger', ['first_level_support'], 'active', 'servicepro.example'),
        member('theo', 'Theo Kranz', [{ role: 'service_technician', scope: { customer: 'c1' } }], 'active', 'servicepro.example'),
        member('mara', 'Mara Jung', ['master_data_manager'], 'active', 'servicepro.example'),
        member('carl', 'Carl Weiss', ['customer_data_manager'], 'active', 'servicepro.example'),
        member('olaf', 'Olaf Brandt', ['service_manager'], 'active', 'servicepro.example'),
      ],
      customRoles: [],
      invitations: [],
      tenantInvitations: CUSTOMERS.map((c, i) => ({
        id: `tinv-${i + 1}`,
        tenant: c.id,
        kind: 'operator',
        modules: [],
        company: c.company,
        email: c.email,
        name: c.name,
        invitedBy: 'carl',
        expiresAt: '2026-03-01T00:00:00Z',
        status: 'used',
        since: '2026-02-10T09:00:00Z',
      })),
    },
    'platform:app_developer': {
      tenant: 'appworks',
      kind: 'app_developer',
      modules: [],
      members: [
        member('alex', 'Alex Stein', ['tenant_admin'], 'active', 'appworks.example'),
        member('jana', 'Jana Roth', ['app_publisher'], 'active', 'appworks.example'),
      ],
      customRoles: [],
      invitations: [],
    },
  };
}

/** The first member each organization shows. */
export const FIRST_MEMBER = {
  mytrumpf: 'otto',
  'platform:operator': 'mo',
  'platform:service_provider': 'theo',
  'platform:app_developer': 'jana',
};
