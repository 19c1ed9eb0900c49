// Writes the fuzz targets' seed corpus (fuzz/corpus/<target>/) from the shipped policies and the
// shared test vectors, in the byte layouts tests/fuzz/bodies.rs reads. Run it again after the
// vectors change: `node fuzz/seeds.mjs`. The corpus is committed and small on purpose.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(root, path), 'utf8');
const vectors = (name) => JSON.parse(read(`tests/vectors/${name}`));
/** The first byte of a seed picks the built-in policy, as `builtin()` in the bodies reads it. */
const POLICY_BYTE = { mytrumpf: 0, platform: 1 };

const corpus = { policy: [], decide: [], org: [], admin: [], snapshot: [], request: [] };
const seed = (target, policy, text) => corpus[target].push(Buffer.concat([Buffer.from([POLICY_BYTE[policy]]), Buffer.from(text)]));

corpus.policy.push(Buffer.from(read('policies/mytrumpf.json')), Buffer.from(read('policies/platform.json')));
const invalid = vectors('invalid_policies.json');
for (const c of invalid.cases.slice(0, 6)) corpus.policy.push(Buffer.from(c.policyText ?? JSON.stringify(c.policy)));

for (const file of ['decisions_mytrumpf.json', 'decisions_platform.json', 'decisions_scopes.json']) {
  const v = vectors(file);
  for (const c of v.cases.filter((_, i) => i % 6 === 0)) {
    const lines = [JSON.stringify(c.subject), c.action];
    if (c.resource) lines.push(JSON.stringify(c.resource));
    seed('decide', v.policy, lines.join('\n'));
  }
}

// Time-bound assignments: every third decision of windows.json (the body picks the instant).
const windows = vectors('windows.json');
for (const c of windows.decisions.filter((_, i) => i % 3 === 0)) {
  const lines = [JSON.stringify(c.subject), c.action];
  if (c.resource) lines.push(JSON.stringify(c.resource));
  seed('decide', windows.policy, lines.join('\n'));
}

const admin = vectors('admin.json');
const policyOf = { acme: 'mytrumpf', empty: 'mytrumpf', steel: 'platform', fixit: 'platform', servo: 'platform' };
for (const [name, org] of Object.entries(admin.orgs)) seed('org', policyOf[name], JSON.stringify(org));
// Every fifth case, and every case of the onboarding operations (company invitations) and of a
// tenant's approval rules.
const onboarding = (c) => /TenantInvitation|inviteTenant|setApprovalRules/.test(c.operation.op ?? '');
for (const c of admin.cases.filter((c, i) => i % 5 === 0 || onboarding(c))) {
  const org = typeof c.org === 'string' ? admin.orgs[c.org] : c.org;
  seed('admin', c.policy, [JSON.stringify(org), c.actor, JSON.stringify(c.operation), c.now].join('\n'));
}

// Approval requests: each lifecycle vector of a built-in policy, step by step (a submission, or a
// step on the request the vectors expect before it), in the layout the request body reads:
// snapshot, requester, actor, action, request or resource, step, time.
const approvals = vectors('approvals.json');
for (const c of approvals.lifecycle.filter((c) => c.policy in POLICY_BYTE)) {
  const org = JSON.stringify(approvals.orgs[c.org]);
  let current = null;
  for (const entry of c.steps) {
    if (entry.submit) {
      const { requester, action, resource } = entry.submit;
      seed('request', c.policy, [org, requester, requester, action, resource ? JSON.stringify(resource) : '', '', entry.now].join('\n'));
    } else if (entry.step) {
      const request = entry.request ?? current;
      if (request) seed('request', c.policy, [org, '', entry.actor, '', JSON.stringify(request), JSON.stringify(entry.step), entry.now].join('\n'));
    }
    if (entry.expect?.ok && entry.expect.request) current = entry.expect.request;
  }
}

// Snapshots: a built-in's own (no edit), and a few edits of it (position, two bytes, and a byte to
// XOR there; 0 cuts it short), as the snapshot body reads them.
const edits = (policy, ...triples) => Buffer.from([POLICY_BYTE[policy], ...triples.flat()]);
corpus.snapshot.push(
  edits('mytrumpf'),
  edits('platform'),
  edits('mytrumpf', [12, 0, 0x01]),
  edits('platform', [200, 1, 0x80], [7, 0, 0xff]),
  edits('mytrumpf', [0, 8, 0]),
);

for (const [target, inputs] of Object.entries(corpus)) {
  const dir = join(root, 'fuzz/corpus', target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  inputs.forEach((bytes, i) => writeFileSync(join(dir, `seed-${String(i).padStart(3, '0')}`), bytes));
  console.log(`fuzz/corpus/${target}: ${inputs.length} seeds`);
}
