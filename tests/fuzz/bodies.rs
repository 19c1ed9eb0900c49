//! The fuzz targets' bodies, shared by `cargo fuzz` (fuzz/fuzz_targets/) and by
//! `tests/fuzz_regressions.rs`, which replays the committed corpus and every saved crash under
//! `cargo test`. Each body takes arbitrary bytes, must never panic, and checks invariants that
//! hold for every input: a broken invariant panics, so the fuzzer reports it as a crash.

#![allow(dead_code)]

use rolegate::admin::{ApprovalRequest, RequestStatus, Step};
use rolegate::{Builtin, Lang, Operation, Organization, PolicyEngine, Resource, Subject};
use std::sync::OnceLock;

/// The built-in engines, compiled once per process.
fn builtin(first_byte: Option<&u8>) -> &'static PolicyEngine {
    static ENGINES: OnceLock<[PolicyEngine; 2]> = OnceLock::new();
    let engines = ENGINES.get_or_init(|| {
        [Builtin::Mytrumpf, Builtin::Platform].map(|b| PolicyEngine::builtin(b).expect("the built-ins load"))
    });
    &engines[usize::from(first_byte.copied().unwrap_or(0) & 1)]
}

/// `data` as text, split into at most `n` lines (the last line keeps the rest).
fn lines(data: &[u8], n: usize) -> Option<Vec<&str>> {
    let text = std::str::from_utf8(data).ok()?;
    Some(text.splitn(n, '\n').collect())
}

/// The policy parser, validator and compiler, then every query of a policy that loads: a valid
/// policy round-trips through its normalized JSON to the same fingerprint.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match PolicyEngine::from_json(text) {
        Err(error) => assert!(!error.problems.is_empty(), "an error lists its problems"),
        Ok(engine) => {
            let fingerprint = engine.fingerprint();
            assert_eq!(fingerprint.len(), 64);
            let normalized = engine.policy().to_json();
            let again = PolicyEngine::from_json(&normalized).expect("a normalized policy loads again");
            assert_eq!(again.fingerprint(), fingerprint, "the normalized policy is the same policy");
            let _ = engine.lint();
            let _ = engine.kinds();
            let _ = engine.permissions();
            for lang in [Lang::En, Lang::De] {
                let _ = engine.matrix(None, lang).expect("every kind");
            }
            for kind in engine.kinds() {
                let _ = engine.roles(Some(&kind.id)).expect("a kind of the policy");
            }
        }
    }
}

/// Decisions over arbitrary subjects and resources (line 1: the subject's JSON, line 2: the
/// action, line 3: the resource's JSON, if any; the first byte picks the built-in policy). The
/// one-off decision, the session and the explanation agree; an allowed decision is granted by
/// one of the subject's own roles; nothing crosses tenants.
pub fn decide(data: &[u8]) {
    let engine = builtin(data.first());
    let Some(parts) = lines(data, 3) else { return };
    let Ok(subject) = Subject::from_json(parts[0]) else { return };
    // Decided at an instant the input picks, in the two months from 30 November 2026.
    let at = 1_795_996_800 + i64::from(data.last().copied().unwrap_or(0)) * 6 * 3600;
    let subject = subject.at(at);
    let action = parts.get(1).copied().unwrap_or("");
    let resource = match parts.get(2) {
        Some(text) => match Resource::from_json(text) {
            Ok(resource) => Some(resource),
            Err(_) => return,
        },
        None => None,
    };
    let decided = engine.decide(&subject, action, resource.as_ref());
    let session = engine.session(&subject);
    match (decided, session) {
        (Ok(decision), Ok(session)) => {
            assert_eq!(decision.allowed, decision.code == rolegate::Reason::Granted);
            assert_eq!(session.can(action, resource.as_ref()), decision.allowed, "session and engine agree");
            let explanation = session.explain(action, resource.as_ref());
            assert_eq!((explanation.allowed, explanation.code), (decision.allowed, decision.code));
            let plan = session.plan(action);
            assert_eq!(plan.allows(resource.as_ref()), decision.allowed, "the plan allows what can allows: {plan:?}");
            if decision.allowed {
                assert!(!explanation.granted_by.is_empty(), "an allowed decision names its grant");
                for grant in &explanation.granted_by {
                    assert!(subject.roles.iter().any(|a| a.role == grant.role), "granted by a role the subject holds");
                    let second = |t: &Option<String>| t.as_deref().and_then(rolegate::unix_seconds);
                    assert!(second(&grant.from).is_none_or(|f| f <= at), "a window that has started");
                    assert!(second(&grant.until).is_none_or(|u| at < u), "a window that has not ended");
                }
                if let Some(tenant) = resource.as_ref().and_then(|r| r.tenant.as_deref()) {
                    assert_eq!(tenant, subject.tenant, "nothing crosses tenants");
                }
            } else {
                assert!(explanation.granted_by.is_empty());
            }
            assert!(!explanation.in_lang(Lang::De).message.is_empty(), "a message in German");
            let _ = session.permissions();
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "the same request error either way"),
        (a, b) => panic!("the engine and the session disagree on the subject: {a:?} / {:?}", b.map(|_| ())),
    }
}

/// The organization parser and every query on a snapshot (the first byte picks the policy; the
/// rest is the snapshot's JSON): the engine's answers equal an organization handle's.
pub fn org(data: &[u8]) {
    let engine = builtin(data.first());
    let Ok(text) = std::str::from_utf8(data.get(1..).unwrap_or_default()) else { return };
    let Ok(org) = Organization::from_json(text) else { return };
    let Ok(admins) = engine.admins(&org) else {
        assert!(engine.organization(org).is_err(), "a snapshot the engine refuses, the handle refuses");
        return;
    };
    let _ = engine.lint_org(&org, Some("2026-11-22T12:00:00Z")).expect("a snapshot that fits lints");
    let handle = engine.organization(org.clone()).expect("a snapshot that fits loads into a handle");
    assert_eq!(handle.admins(), admins);
    for permission in engine.permissions().iter().take(12) {
        let who = engine.who_can(&org, &permission.id, None).expect("fits");
        assert_eq!(
            handle.who_can(&permission.id, None).expect("a permission of the policy"),
            who,
            "whoCan {}",
            permission.id
        );
    }
    for member in org.members.iter().take(4) {
        let mine = engine.my_data(&org, &member.id).map_err(|e| e.problems);
        assert_eq!(handle.my_data(&member.id).map_err(|e| e.problems), mine);
    }
}

/// Administrative operations (the first byte picks the policy; line 1: the snapshot's JSON, line
/// 2: the actor, line 3: the operation's JSON, line 4: the time). A refused operation lists its
/// violations; an accepted one yields a snapshot that fits the policy and reads back as itself.
pub fn admin(data: &[u8]) {
    let engine = builtin(data.first());
    let Some(parts) = lines(data.get(1..).unwrap_or_default(), 4) else { return };
    let (Ok(org), Some(actor), Some(op)) = (Organization::from_json(parts[0]), parts.get(1), parts.get(2)) else {
        return;
    };
    let Ok(op) = Operation::from_json(op) else { return };
    let now = parts.get(3).copied().unwrap_or("2026-11-22T12:00:00Z");
    match engine.apply(&org, actor, &op, now) {
        Err(violations) => assert!(!violations.is_empty(), "a refusal says why"),
        Ok(applied) => {
            for next in std::iter::once(&applied.org).chain(&applied.created) {
                engine.admins(next).expect("an accepted operation leaves snapshots that fit the policy");
                let text = next.to_json();
                assert_eq!(&Organization::from_json(&text).expect("reads back"), next, "the snapshot round-trips");
            }
            if let Some(created) = &applied.created {
                assert_eq!(engine.admins(created).expect("fits").len(), 1, "a new tenant has one administrator");
            }
        }
    }
}

/// Approval requests (the first byte picks the policy; line 1: the snapshot's JSON, line 2: the
/// requester, line 3: the actor, line 4: the action, line 5: a request document, or else the
/// resource's JSON (or nothing), line 6: a step's JSON, line 7: the time). Without a request
/// document, the requester submits one for the action on the resource; then the actor takes the
/// step on it. Every answer is a request that reads back as itself, or violations that say why;
/// a request is approved exactly when every tier is; a closed request takes no step; the
/// queries of a request that checks answer.
pub fn request(data: &[u8]) {
    let engine = builtin(data.first());
    let Some(parts) = lines(data.get(1..).unwrap_or_default(), 7) else { return };
    let Ok(org) = Organization::from_json(parts[0]) else { return };
    let part = |i: usize| parts.get(i).copied().unwrap_or("");
    let now = Some(part(6)).filter(|t| !t.is_empty()).unwrap_or("2026-12-02T10:00:00Z");
    let request = match ApprovalRequest::from_json(part(4)) {
        Ok(request) => request,
        Err(_) => {
            let resource = match part(4) {
                "" => None,
                text => match Resource::from_json(text) {
                    Ok(resource) => Some(resource),
                    Err(_) => return,
                },
            };
            match engine.submit(&org, part(1), part(3), resource.as_ref(), "fz", now) {
                Err(violations) => {
                    assert!(!violations.is_empty(), "a refusal says why");
                    return;
                }
                Ok(request) => {
                    assert_request(&request);
                    assert_eq!(request.status, RequestStatus::Pending, "a request starts pending");
                    assert!(!request.tiers.is_empty() && request.current_tier() == Some(0), "with its first tier open");
                    request
                }
            }
        }
    };
    if let Ok(eligible) = engine.eligible_approvers(&org, &request) {
        // Both built-ins keep four-eyes (`requesterMayApprove` is false).
        assert!(eligible.iter().all(|m| m.id != request.requester), "the requester never approves");
        assert!(request.status == RequestStatus::Pending || eligible.is_empty(), "a closed request has no approvers");
    }
    let _ = engine.awaiting(&org, part(2), &request.action);
    let Ok(step) = Step::from_json(part(5)) else { return };
    match engine.step(&org, &request, part(2), &step, now) {
        Err(violations) => assert!(!violations.is_empty(), "a refusal says why"),
        Ok(next) => {
            assert_eq!(request.status, RequestStatus::Pending, "only a pending request takes a step");
            assert_ne!(next, request, "a step changes the request");
            assert_request(&next);
        }
    }
}

/// The invariants of a request the engine wrote: approved exactly when every tier is (a
/// rejected, cancelled or expired one may have had every tier approved only if it is not
/// `approved`); it reads back as itself.
fn assert_request(request: &ApprovalRequest) {
    let complete = !request.tiers.is_empty() && request.tiers.iter().all(|t| t.approved_by.is_some());
    match request.status {
        RequestStatus::Approved => assert!(complete, "an approved request has every tier approved"),
        RequestStatus::Pending => assert!(!complete, "a pending request has a tier to approve"),
        _ => {}
    }
    let text = request.to_json();
    assert_eq!(&ApprovalRequest::from_json(&text).expect("reads back"), request, "the request round-trips");
}

/// Compiled policies (`PolicyEngine::from_snapshot`) from arbitrary bytes: the bytes themselves,
/// and a built-in's snapshot edited by them (the first byte picks the built-in; then each three
/// bytes are a position, two bytes little-endian, and a value to XOR there, 0 cutting the
/// snapshot short at that position). Neither ever panics; a snapshot that loads answers every
/// query and decision, and the snapshot it writes reads back to the same bytes.
pub fn snapshot(data: &[u8]) {
    check_snapshot(data);
    let mut bytes = builtin(data.first()).snapshot();
    for edit in data.get(1..).unwrap_or_default().chunks_exact(3) {
        if bytes.is_empty() {
            break;
        }
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % bytes.len();
        match edit[2] {
            0 => bytes.truncate(at),
            x => bytes[at] ^= x,
        }
    }
    check_snapshot(&bytes);
}

fn check_snapshot(bytes: &[u8]) {
    let Ok(engine) = PolicyEngine::from_snapshot(bytes) else { return };
    let written = engine.snapshot();
    let back = PolicyEngine::from_snapshot(&written).expect("a snapshot the engine wrote reads back");
    assert_eq!(back.snapshot(), written, "and reads back as itself");
    let _ = (engine.fingerprint(), engine.lint(), engine.policy().to_json());
    for lang in [Lang::En, Lang::De] {
        let _ = engine.matrix(None, lang).expect("every kind");
    }
    let actions: Vec<String> = engine.permissions().into_iter().map(|p| p.id).take(8).collect();
    for kind in engine.kinds() {
        for role in engine.roles(Some(&kind.id)).expect("a kind of the policy").into_iter().take(6) {
            let subject = Subject {
                id: "s".into(),
                tenant: "t".into(),
                tenant_kind: Some(kind.id.clone()),
                modules: kind.modules.iter().map(|m| m.id.clone()).collect(),
                roles: vec![rolegate::RoleAssignment::new(&role.id)],
                at: None,
            };
            let Ok(session) = engine.session(&subject) else { continue };
            for action in &actions {
                let explained = session.explain(action, None);
                assert_eq!(engine.can(&subject, action, None).ok(), Some(explained.allowed));
            }
        }
    }
}
