//! Property test of the administration rules: random sequences of up to 50 operations by random
//! actors on random organizations of both built-in policies never leave an organization without
//! an active administrator, never give a member a permission through an operation its actor was
//! not allowed to perform, never touch anything outside the tenant, and never change the input.
//! Company invitations (onboarding) are among the operations: every tenant they create has
//! exactly one member, its active administrator; an invitation is used at most once; and nobody
//! of the inviting tenant holds anything in the created one, nor its founder in the inviter.
//!
//! The checks do not trust `apply`'s own reasoning: who may do what is asked of a member's
//! session on the organization as it was before the operation.

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRng, TestRunner};
use rolegate::admin::TenantInvitationStatus;
use rolegate::admin::{MemberStatus, Organization};
use rolegate::{Builtin, Operation, PolicyEngine, Resource, RoleAssignment};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

fn engines() -> &'static [PolicyEngine; 2] {
    static ENGINES: OnceLock<[PolicyEngine; 2]> = OnceLock::new();
    ENGINES.get_or_init(|| Builtin::ALL.map(|b| PolicyEngine::builtin(b).unwrap()))
}

/// One tenant kind of one policy, with the ids the generators draw from.
struct Setup {
    engine: &'static PolicyEngine,
    kind: String,
    modules: Vec<String>,
    /// Every role id of the policy (most not available to the kind), then two of the tenant's own
    /// and one nobody knows.
    roles: Vec<String>,
    /// An administrator role of the kind, for the first member.
    admin_role: String,
    /// Every permission id of the policy.
    permissions: Vec<String>,
    scope_key: String,
}

fn setups() -> &'static Vec<Setup> {
    static SETUPS: OnceLock<Vec<Setup>> = OnceLock::new();
    SETUPS.get_or_init(|| {
        let mut out = Vec::new();
        for engine in engines() {
            let mut roles: Vec<String> = engine.roles(None).unwrap().into_iter().map(|r| r.id).collect();
            roles.extend(["own_a", "own_b", "nope"].map(String::from));
            let permissions: Vec<String> = engine.permissions().into_iter().map(|p| p.id).collect();
            let scope_key = engine.policy().scopes[0].id.clone();
            for kind in engine.kinds() {
                let offered: Vec<String> = kind.modules.iter().map(|m| m.id.clone()).collect();
                let admin_role = engine
                    .roles(Some(&kind.id))
                    .unwrap()
                    .into_iter()
                    .find(|r| r.admin && r.modules.is_empty())
                    .expect("every kind has an administrator role")
                    .id;
                for modules in [Vec::new(), offered.clone()] {
                    let setup = Setup {
                        engine,
                        kind: kind.id.clone(),
                        modules,
                        roles: roles.clone(),
                        admin_role: admin_role.clone(),
                        permissions: permissions.clone(),
                        scope_key: scope_key.clone(),
                    };
                    out.push(setup);
                }
                if offered.is_empty() {
                    out.pop();
                }
            }
        }
        out
    })
}

/// A member as drawn: status (0 invited, 1 pending, else active), role picks, scoped or not.
type MemberSpec = (u8, Vec<u8>, bool);
/// An operation as drawn: which, two picks, role picks, a scope flag, and the actor pick.
type OpSpec = (u8, u8, u8, Vec<u8>, bool, u8);

fn member_spec() -> impl Strategy<Value = MemberSpec> {
    (0..6u8, prop::collection::vec(any::<u8>(), 0..3), prop::bool::weighted(0.2))
}

fn op_spec() -> impl Strategy<Value = OpSpec> {
    (
        0..12u8,
        any::<u8>(),
        any::<u8>(),
        prop::collection::vec(any::<u8>(), 0..3),
        prop::bool::weighted(0.2),
        any::<u8>(),
    )
}

fn pick<T: Clone>(items: &[T], n: u8) -> T {
    items[n as usize % items.len()].clone()
}

/// Role ids drawn mostly from those the kind offers (so that operations succeed often enough to
/// matter), sometimes from anywhere.
fn role_ids(setup: &Setup, picks: &[u8], anywhere: &[String]) -> Vec<String> {
    let offered: Vec<String> = setup
        .engine
        .roles(Some(&setup.kind))
        .unwrap()
        .into_iter()
        .filter(|r| r.modules.iter().all(|m| setup.modules.contains(m)))
        .map(|r| r.id)
        .collect();
    picks.iter().map(|&n| if n % 4 == 0 { pick(anywhere, n / 4) } else { pick(&offered, n) }).collect()
}

/// Assignments drawn for an operation (any role id, even unknown ones) or for a snapshot (`known`:
/// the policy's roles only, as a snapshot that does not fit is refused outright).
fn assignments(setup: &Setup, picks: &[u8], scoped: bool, known: bool) -> Value {
    let anywhere = if known { &setup.roles[..setup.roles.len() - 3] } else { &setup.roles[..] };
    let roles = role_ids(setup, picks, anywhere);
    let with_scope = |(i, role): (usize, String)| {
        if scoped && i == 0 {
            json!({ "role": role, "scope": { setup.scope_key.clone(): "f1" } })
        } else {
            json!(role)
        }
    };
    Value::from(roles.into_iter().enumerate().map(with_scope).collect::<Vec<_>>())
}

fn organization(setup: &Setup, members: &[MemberSpec]) -> Organization {
    let mut list = vec![
        json!({ "id": "m0", "email": "m0@t.example", "name": "M0", "status": "active", "roles": [setup.admin_role] }),
    ];
    for (i, (status, picks, scoped)) in members.iter().enumerate() {
        let id = format!("m{}", i + 1);
        let status = ["invited", "pending"].get(*status as usize).copied().unwrap_or("active");
        let roles = assignments(setup, picks, *scoped, true);
        list.push(json!({ "id": id, "email": format!("{id}@t.example"), "name": id.to_uppercase(), "status": status, "roles": roles }));
    }
    let invitations = [
        json!({ "id": "inv-1", "email": "new@t.example", "name": "New", "roles": [setup.admin_role], "expiresAt": "2026-12-01T00:00:00Z", "used": false }),
    ];
    let mut doc = json!({ "tenant": "t", "kind": setup.kind, "modules": setup.modules, "members": list, "invitations": invitations });
    if !invitable(setup.engine, &setup.kind).is_empty() {
        // An open company invitation to start from, so that acceptances happen often enough.
        doc["tenantInvitations"] = json!([{ "id": "tinv-1", "tenant": "c0", "kind": "operator", "company": "C0",
            "email": "boss@c0.example", "name": "Boss", "invitedBy": "m0", "expiresAt": "2026-12-01T00:00:00Z" }]);
    }
    Organization::from_json(&doc.to_string()).expect("generated snapshots parse")
}

/// The kinds a tenant of kind `kind` may invite, with the permission it takes, from the policy.
fn invitable(engine: &PolicyEngine, kind: &str) -> Vec<(String, String)> {
    let admin = engine.policy().administration.as_ref().expect("built-in policies administer");
    admin
        .tenant_invitations
        .iter()
        .filter(|r| r.inviter == kind)
        .map(|r| (r.invitee.clone(), r.permission.clone()))
        .collect()
}

/// The operation and actor a spec stands for, drawn against the organization as it is now.
fn operation(setup: &Setup, org: &Organization, spec: &OpSpec) -> (Operation, String) {
    let (which, a, b, picks, scoped, actor) = spec;
    let ids: Vec<String> = org.members.iter().map(|m| m.id.clone()).chain(["x9".to_string()]).collect();
    let mut actors = ids.clone();
    actors.extend(org.invitations.iter().map(|i| i.email.clone()));
    actors.push("outsider@other.example".into());
    let invitees: Vec<String> = org.tenant_invitations.iter().map(|i| i.email.clone()).collect();
    // Accepting a company invitation: mostly its invitee.
    // Inviting or revoking: mostly a member who may.
    let inviters: Vec<String> = invitable(setup.engine, &org.kind)
        .first()
        .map(|(_, permission)| {
            let may = |m: &&rolegate::admin::Member| {
                setup.engine.member_session(org, &m.id).is_ok_and(|s| s.can(permission, None))
            };
            org.members.iter().filter(may).map(|m| m.id.clone()).collect()
        })
        .unwrap_or_default();
    let actor = match which {
        9 if actor % 4 != 0 && !invitees.is_empty() => pick(&invitees, *actor),
        8 | 10 if actor % 4 != 0 && !inviters.is_empty() => pick(&inviters, *actor),
        _ => pick(&actors, *actor),
    };
    let tenant_invitations: Vec<String> =
        org.tenant_invitations.iter().map(|i| i.id.clone()).chain(["tinv-404".to_string()]).collect();
    let roles = assignments(setup, picks, *scoped, false);
    let op = match which {
        0 => {
            let email = pick(&["new@t.example", "m1@t.example", "other@t.example", "not-an-address"], *a);
            let mut op = json!({ "op": "invite", "email": email, "name": "N" });
            if b % 2 == 0 {
                op["roles"] = roles;
            }
            op
        }
        1 => {
            let ids: Vec<String> =
                org.invitations.iter().map(|i| i.id.clone()).chain(["inv-404".to_string()]).collect();
            json!({ "op": "acceptInvitation", "invitation": pick(&ids, *a) })
        }
        2 => {
            // Mostly someone pending, so that approvals get past the first check.
            let pending: Vec<String> =
                org.members.iter().filter(|m| m.status == MemberStatus::Pending).map(|m| m.id.clone()).collect();
            let member = if a % 4 != 0 && !pending.is_empty() { pick(&pending, *a) } else { pick(&ids, *a) };
            json!({ "op": "approve", "member": member })
        }
        3 => json!({ "op": "assignRoles", "member": pick(&ids, *a), "roles": roles }),
        4 => json!({ "op": "removeMember", "member": pick(&ids, *a) }),
        5 => {
            let id = pick(&["own_a", "own_b", &setup.admin_role], *a);
            let grants: Vec<String> = picks.iter().map(|&n| pick(&setup.permissions, n)).collect();
            json!({ "op": "defineRole", "role": { "id": id, "label": { "en": "Own", "de": "Eigen" }, "grants": grants } })
        }
        6 => json!({ "op": "deleteRole", "role": pick(&["own_a", "own_b"], *a) }),
        7 => {
            json!({ "op": "createTenant", "tenant": "t2", "kind": setup.kind, "user": { "id": "z", "email": "z@t.example", "name": "Z" } })
        }
        8 => {
            let tenant = pick(&["c1", "c2", "c3", "c4", "c0", "t", "Not An Id"], *a);
            let email = match b % 6 {
                0 => "boss@c0.example".to_string(),
                1 => "m1@t.example".to_string(),
                2 => "nope".to_string(),
                _ => format!("boss@{tenant}.example"),
            };
            let kind = pick(&["operator", "operator", "operator", "operator", "service_provider", "zoo"], *a / 7);
            let mut op = json!({ "op": "inviteTenant", "tenant": tenant, "kind": kind, "company": "Company", "email": email, "name": "Boss" });
            if *scoped {
                op["modules"] = json!(["internal_service_cases"]);
            }
            op
        }
        9 => json!({ "op": "acceptTenantInvitation", "invitation": pick(&tenant_invitations, *a) }),
        10 => json!({ "op": "revokeTenantInvitation", "invitation": pick(&tenant_invitations, *a) }),
        _ => {
            // The tenant's own approval rules: tiers of role picks (not always ones that may
            // approve), a threshold, sometimes no rules at all.
            let tiers: Vec<Vec<String>> = picks.iter().map(|&n| vec![pick(&setup.roles, n)]).collect();
            let rules = if b % 5 == 0 {
                json!([])
            } else {
                json!([{ "id": "r1", "action": "eshop.order.place", "when": { "total": { "over": format!("{a}.00 EUR") } }, "tiers": tiers }])
            };
            json!({ "op": "setApprovalRules", "rules": rules })
        }
    };
    (Operation::from_json(&op.to_string()).expect("generated operations parse"), actor)
}

/// Each member's permissions (ids, tenant-wide or scoped), as its session sees them.
fn permissions(engine: &PolicyEngine, org: &Organization) -> BTreeMap<String, BTreeSet<(String, bool)>> {
    org.members
        .iter()
        .map(|m| {
            // Only active members have a session: the others hold nothing.
            let held = match engine.member_session(org, &m.id) {
                Ok(session) => session.permissions().into_iter().map(|p| (p.id, p.tenant_wide)).collect(),
                Err(_) => {
                    assert_ne!(m.status, MemberStatus::Active, "an active member has a session");
                    BTreeSet::new()
                }
            };
            (m.id.clone(), held)
        })
        .collect()
}

/// The permission the policy asks for `op` on `org`, and the member `op` changes, if one.
fn needed<'a>(engine: &PolicyEngine, org: &Organization, op: &'a Operation) -> (Option<String>, Option<&'a str>) {
    let admin = engine.policy().administration.as_ref().expect("built-in policies administer");
    let rule = |kind: &str| invitable(engine, &org.kind).into_iter().find(|(k, _)| k == kind).map(|(_, p)| p);
    match op {
        Operation::InviteTenant { kind, .. } => (rule(kind), None),
        Operation::RevokeTenantInvitation { invitation } => {
            let kind = org.tenant_invitations.iter().find(|i| &i.id == invitation).map(|i| i.kind.as_str());
            (kind.and_then(rule), None)
        }
        Operation::AcceptTenantInvitation { .. } => (None, None),
        Operation::Invite { .. } => (Some(admin.invite.clone()), None),
        Operation::AcceptInvitation { .. } => (None, None),
        Operation::Approve { member } => (Some(admin.approve.clone()), Some(member)),
        Operation::AssignRoles { member, .. } => (Some(admin.assign_roles.clone()), Some(member)),
        Operation::RemoveMember { member } => (Some(admin.remove_member.clone()), Some(member)),
        Operation::DefineRole { .. } | Operation::DeleteRole { .. } => (Some(admin.manage_roles.clone()), None),
        Operation::CreateTenant { .. } => (None, None),
        Operation::SetApprovalRules { .. } => (admin.manage_approvals.clone(), None),
    }
}

/// Checks a tenant created by accepting company invitation `id` of `org` (now `next`): the
/// invitation was open and the actor's, is used now and by nothing else; the new tenant has
/// exactly one member, the invitee, its active administrator, and records who invited it; no
/// member of either tenant holds anything in the other.
fn check_created(
    engine: &PolicyEngine,
    org: &Organization,
    next: &Organization,
    created: &Organization,
    id: &str,
    actor: &str,
    context: &str,
) -> Result<(), TestCaseError> {
    let before = org.tenant_invitations.iter().find(|i| i.id == id).expect("an invitation of the tenant");
    let after = next.tenant_invitations.iter().find(|i| i.id == id).expect("still listed");
    prop_assert!(
        before.status == TenantInvitationStatus::Open,
        "{}: accepted a {:?} invitation",
        context,
        before.status
    );
    prop_assert!(after.status == TenantInvitationStatus::Used, "{}: the invitation is used now", context);
    prop_assert!(before.email.eq_ignore_ascii_case(actor), "{}: accepted by someone else", context);
    prop_assert_eq!(&created.tenant, &before.tenant, "{}", context);
    prop_assert_eq!(created.members.len(), 1, "{}: exactly one member", context);
    let founder = &created.members[0];
    prop_assert!(founder.email.eq_ignore_ascii_case(&before.email), "{}: the invitee founds it", context);
    let admins = engine.admins(created).map_err(|e| TestCaseError::fail(format!("{context}: {e}")))?;
    prop_assert_eq!(admins.len(), 1, "{}: one active administrator", context);
    prop_assert_eq!(&admins[0].id, &founder.id, "{}", context);
    let by = created.invited_by.as_ref().expect("records the inviter");
    prop_assert_eq!((&by.tenant, by.invitation.as_str()), (&org.tenant, id), "{}", context);
    // Only the members' ids and the invitations changed in the inviter.
    prop_assert_eq!(&next.members, &org.members, "{}: the inviter's members are untouched", context);
    // Nothing crosses: the founder holds nothing in the inviter, the inviter's members nothing in
    // the new tenant.
    let session =
        engine.member_session(created, &founder.id).map_err(|e| TestCaseError::fail(format!("{context}: {e}")))?;
    let elsewhere = Resource::new(&[]).in_tenant(&org.tenant);
    for p in session.permissions() {
        prop_assert!(
            !session.can(&p.id, Some(&elsewhere)),
            "{}: the founder holds {} in {}",
            context,
            p.id,
            org.tenant
        );
    }
    for m in org.members.iter().filter(|m| m.status == MemberStatus::Active) {
        let theirs = engine.member_session(org, &m.id).map_err(|e| TestCaseError::fail(format!("{context}: {e}")))?;
        let there = Resource::new(&[]).in_tenant(&created.tenant);
        for p in theirs.permissions() {
            prop_assert!(!theirs.can(&p.id, Some(&there)), "{}: {} holds {} in the new tenant", context, m.id, p.id);
        }
        prop_assert!(engine.member_session(created, &m.id).is_err() || m.id == founder.id, "{}", context);
    }
    Ok(())
}

/// Runs one sequence; returns the names of the operations that were allowed.
fn run_sequence(setup: &Setup, members: &[MemberSpec], ops: &[OpSpec]) -> Result<Vec<&'static str>, TestCaseError> {
    let engine = setup.engine;
    let mut org = organization(setup, members);
    prop_assert!(!engine.admins(&org).unwrap().is_empty(), "the generator starts with an administrator");
    let mut allowed = Vec::new();
    // The tenants created by accepting company invitations: each at most once.
    let mut used = BTreeSet::new();
    for (step, spec) in ops.iter().enumerate() {
        let (op, actor) = operation(setup, &org, spec);
        let before = org.clone();
        let result = engine.apply(&org, &actor, &op, "2026-11-22T12:00:00Z");
        prop_assert_eq!(&org, &before, "step {}: the input is never changed", step);
        let applied = match result {
            Err(violations) => {
                prop_assert!(!violations.is_empty());
                for v in &violations {
                    prop_assert!(!v.message.en.is_empty() && !v.message.de.is_empty() && !v.path.is_empty());
                }
                continue;
            }
            Ok(applied) => applied,
        };
        let context = format!("step {step}: {op:?} by {actor}");
        let next = match (&op, applied.created) {
            (Operation::AcceptTenantInvitation { invitation }, Some(created)) => {
                check_created(engine, &org, &applied.org, &created, invitation.as_str(), &actor, &context)?;
                prop_assert!(used.insert(created.tenant.clone()), "{}: a second tenant {}", context, created.tenant);
                applied.org
            }
            (_, None) => applied.org,
            (_, Some(created)) => return Err(TestCaseError::fail(format!("{context}: created {}", created.tenant))),
        };

        // The organization stays valid and administered, and stays this tenant.
        let admins = engine.admins(&next).map_err(|e| TestCaseError::fail(format!("{context}: {e}")))?;
        prop_assert!(!admins.is_empty(), "{}: no active administrator left", context);
        prop_assert_eq!(
            (&next.tenant, &next.kind, &next.modules),
            (&org.tenant, &org.kind, &org.modules),
            "{}",
            context
        );
        prop_assert!(
            !matches!(op, Operation::CreateTenant { .. }),
            "{}: an existing tenant is never created anew",
            context
        );

        // The actor was allowed: an active member whose session grants the permission tenant-wide
        // (or, accepting an invitation, the invitee of an unused, unexpired one).
        let (permission, target) = needed(engine, &org, &op);
        match (&op, permission) {
            (Operation::AcceptTenantInvitation { .. }, _) => {} // checked by check_created
            (Operation::AcceptInvitation { invitation }, _) => {
                let inv = org.invitations.iter().find(|i| &i.id == invitation).expect("an invitation of the tenant");
                prop_assert!(inv.email.eq_ignore_ascii_case(&actor) && !inv.used, "{}", context);
                let member = next.members.iter().find(|m| m.email.eq_ignore_ascii_case(&inv.email)).unwrap();
                prop_assert_eq!(&member.roles, &inv.roles, "{}: exactly the invitation's roles", context);
            }
            (_, Some(permission)) => {
                let session =
                    engine.member_session(&org, &actor).map_err(|e| TestCaseError::fail(format!("{context}: {e}")))?;
                prop_assert!(session.can(&permission, None), "{}: the actor lacks {}", context, permission);
                if let Operation::Invite { roles: Some(roles), .. } = &op {
                    let default: Vec<RoleAssignment> = engine
                        .kinds()
                        .into_iter()
                        .find(|k| k.id == org.kind)
                        .unwrap()
                        .default_role
                        .as_deref()
                        .map(RoleAssignment::new)
                        .into_iter()
                        .collect();
                    if *roles != default {
                        let assign = &engine.policy().administration.as_ref().unwrap().assign_roles;
                        prop_assert!(session.can(assign, None), "{}: inviting with roles needs {}", context, assign);
                    }
                }
            }
            (_, None) => prop_assert!(false, "{}: allowed without a permission", context),
        }

        // Nobody gains a permission except the member the operation was about (or the invitee).
        let was = permissions(engine, &org);
        for (id, now_held) in permissions(engine, &next) {
            let gained: Vec<_> = now_held.difference(was.get(&id).unwrap_or(&BTreeSet::new())).cloned().collect();
            let newcomer = !was.contains_key(&id) && matches!(op, Operation::Invite { .. });
            let accepted = matches!(op, Operation::AcceptInvitation { .. });
            if !gained.is_empty() && Some(id.as_str()) != target && !newcomer && !accepted {
                return Err(TestCaseError::fail(format!("{context}: {id} gained {gained:?}")));
            }
        }
        // Members nobody operated on are untouched.
        for m in &org.members {
            if Some(m.id.as_str()) != target && !matches!(op, Operation::AcceptInvitation { .. }) {
                prop_assert_eq!(Some(m), next.member(&m.id), "{}: {} was not the target", context, m.id);
            }
        }
        allowed.push(op.name());
        org = next;
    }
    Ok(allowed)
}

#[test]
fn administration_keeps_its_invariants() {
    let tally: RefCell<BTreeMap<&'static str, usize>> = RefCell::default();
    // A fixed seed: the tally's minimums below must hold on every run, not on most.
    let config = ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = TestRunner::new_with_rng(config.clone(), TestRng::deterministic_rng(config.rng_algorithm));
    // Setups whose kind may invite companies are drawn three times as often: only they onboard.
    let inviting: Vec<usize> =
        (0..setups().len()).filter(|&i| !invitable(setups()[i].engine, &setups()[i].kind).is_empty()).collect();
    let drawn: Vec<usize> =
        (0..setups().len()).chain(inviting.iter().copied()).chain(inviting.iter().copied()).collect();
    let strategy = (
        prop::sample::select(drawn),
        prop::collection::vec(member_spec(), 0..6),
        prop::collection::vec(op_spec(), 1..=50),
    );
    runner
        .run(&strategy, |(which, members, ops)| {
            for name in run_sequence(&setups()[which], &members, &ops)? {
                *tally.borrow_mut().entry(name).or_default() += 1;
            }
            Ok(())
        })
        .unwrap();
    let tally = tally.into_inner();
    eprintln!("allowed operations: {tally:?}");
    for op in Operation::NAMES.iter().filter(|&&op| op != "createTenant") {
        assert!(tally.get(op).copied().unwrap_or(0) >= 20, "too few allowed {op}: {tally:?}");
    }
}
