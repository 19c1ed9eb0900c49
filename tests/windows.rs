//! Time-bound role assignments (`from`, `until`), natively: the shared vectors of
//! `tests/vectors/windows.json` through every entry point, what only Rust can ask (a window and
//! no instant), and a property over random windows and instants: no assignment counts outside its
//! window, and a session's `valid_until` is the first instant its answers may change.

mod common;

use common::*;
use proptest::prelude::*;
use rolegate::{Builtin, Organization, PolicyEngine, Resource, RoleAssignment, Subject};
use serde_json::{json, Value};

const WINDOWS: &str = include_str!("vectors/windows.json");

fn seconds(text: &str) -> i64 {
    rolegate::unix_seconds(text).unwrap_or_else(|| panic!("{text} is RFC 3339"))
}

/// `valid_until` as the vectors write it: RFC 3339 (UTC) or null.
fn until_json(valid_until: Option<i64>) -> Value {
    valid_until.map_or(Value::Null, |s| Value::from(rolegate::admin::rfc3339(s)))
}

#[test]
fn window_decision_vectors() {
    let vectors = json(WINDOWS);
    let engine = engine_for(&vectors["policy"]);
    let cases = vectors["decisions"].as_array().expect("decisions");
    for case in cases {
        let name = str_of(case, "name");
        let subject = subject(&case["subject"]).at(seconds(str_of(case, "at")));
        let (action, resource, expect) = (str_of(case, "action"), resource(case.get("resource")), &case["expect"]);
        let allowed = expect["allowed"].as_bool().expect("allowed");
        let code = str_of(expect, "code");

        let decision = engine.decide(&subject, action, resource.as_ref()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((decision.allowed, decision.code.code()), (allowed, code), "{name}: engine.decide");
        assert_eq!(engine.can(&subject, action, resource.as_ref()), Ok(allowed), "{name}: engine.can");
        let session = engine.session(&subject).expect("session");
        assert_eq!(session.decide(action, resource.as_ref()), decision, "{name}: session.decide");
        assert_eq!(until_json(session.valid_until()), expect["validUntil"], "{name}: valid_until");

        let explanation = engine.explain(&subject, action, resource.as_ref()).expect("explain");
        assert_eq!((explanation.allowed, explanation.code), (allowed, decision.code), "{name}: explain");
        check_explanation(name, &explanation, expect);
    }
    assert!(cases.len() >= 12);
}

#[test]
fn window_plan_vectors() {
    let vectors = json(WINDOWS);
    let engine = engine_for(&vectors["policy"]);
    for case in vectors["plans"].as_array().expect("plans") {
        let name = str_of(case, "name");
        let subject = subject(&case["subject"]).at(seconds(str_of(case, "at")));
        let action = str_of(case, "action");
        let plan = engine.plan(&subject, action).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(as_json(&plan), case["expect"], "{name}");
        assert_eq!(engine.session(&subject).expect("session").plan(action), plan, "{name}: session and engine agree");
    }
}

#[test]
fn window_error_vectors() {
    let vectors = json(WINDOWS);
    let engine = engine_for(&vectors["policy"]);
    for case in vectors["errors"].as_array().expect("errors") {
        let name = str_of(case, "name");
        let wanted: Vec<(&str, &str)> = case["expect"]["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .map(|p| (str_of(p, "code"), str_of(p, "path")))
            .collect();
        let error = match Subject::from_json(&case["subject"].to_string()) {
            Err(e) => e,
            Ok(subject) => {
                let subject = subject.at(seconds(str_of(case, "at")));
                let via_decide = engine.decide(&subject, "profile.view", None).expect_err(name);
                assert_eq!(engine.session(&subject).expect_err(name), via_decide, "{name}: the same either way");
                via_decide
            }
        };
        let actual: Vec<(&str, &str)> =
            error.problems.iter().map(|p| (rolegate::Code::as_str(p.code), p.path.as_str())).collect();
        assert_eq!(actual, wanted, "{name}");
        assert!(error.problems.iter().all(|p| !p.message.en.is_empty() && !p.message.de.is_empty()));
    }
}

#[test]
fn organizations_refuse_windows_until_administration_decides_with_them() {
    let vectors = json(WINDOWS);
    let engine = engine_for(&vectors["policy"]);
    let admin = &vectors["admin"];
    let org = Organization::from_json(&admin["org"].to_string()).expect("the organization reads");
    engine.organization(org.clone()).expect("the untimed organization fits");
    for case in admin["snapshots"].as_array().expect("snapshots") {
        let timed = Organization::from_json(&case["org"].to_string()).expect("a window reads");
        let Err(error) = engine.organization(timed.clone()) else { panic!("refused") };
        let pairs: Vec<Value> =
            error.problems.iter().map(|p| json!({ "code": rolegate::Code::as_str(p.code), "path": p.path })).collect();
        assert_eq!(Value::from(pairs), case["expect"], "{}", str_of(case, "name"));
        assert!(engine.who_can(&timed, "eshop.order.release", None).is_err(), "no query answers over it");
    }
    for case in admin["operations"].as_array().expect("operations") {
        let op = rolegate::Operation::from_json(&case["operation"].to_string()).expect("the operation reads");
        let Err(refused) = engine.apply(&org, str_of(case, "actor"), &op, str_of(case, "now")) else {
            panic!("refused")
        };
        let pairs: Vec<Value> =
            refused.iter().map(|v| json!({ "code": rolegate::Code::as_str(v.code), "path": v.path })).collect();
        assert_eq!(Value::from(pairs), case["expect"], "{}", str_of(case, "name"));
    }
}

#[test]
fn a_window_without_an_instant_is_an_error_never_a_guess() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let timed = Subject {
        roles: vec![RoleAssignment::new("purchaser").during(None, Some("2026-12-15T00:00:00Z"))],
        ..Subject::new("acme", &[])
    };
    let Err(error) = engine.session(&timed) else { panic!("no instant, no session") };
    let problems: Vec<(&str, &str)> =
        error.problems.iter().map(|p| (rolegate::Code::as_str(p.code), p.path.as_str())).collect();
    assert_eq!(problems, [("missing_time", "subject.roles[0]")]);
    assert!(engine.can(&timed, "admin.users.invite", None).is_err());
    assert!(engine.plan(&timed, "admin.users.invite").is_err());
    // Untimed subjects need no instant, and one given changes nothing.
    let plain = Subject::new("acme", &["purchaser"]);
    assert_eq!(engine.can(&plain, "admin.users.invite", None), Ok(true));
    assert_eq!(engine.can(&plain.clone().at(0), "admin.users.invite", None), Ok(true));
    assert_eq!(engine.session(&plain).unwrap().valid_until(), None);
}

#[test]
fn windows_round_trip_through_json_and_serde() {
    let text = r#"{"tenant":"acme","roles":["operator",{"role":"purchaser","scope":{"facility":"f1"},"from":"2026-12-01T00:00:00Z","until":"2026-12-15T01:00:00+01:00"},{"role":"programmer","until":"2027-01-01T00:00:00Z"}]}"#;
    let subject = Subject::from_json(text).expect("reads");
    assert_eq!(subject.roles[1].from.as_deref(), Some("2026-12-01T00:00:00Z"));
    assert_eq!(subject.roles[2], RoleAssignment::new("programmer").during(None, Some("2027-01-01T00:00:00Z")));
    let written = serde_json::to_string(&subject).unwrap();
    assert_eq!(written, text, "written back as given (the text, not a normalized time)");
    let again: Subject = serde_json::from_str(&written).unwrap();
    assert_eq!(again, subject, "serde's own reader takes the windows too");
}

/// A tenant-wide assignment of a role of the mytrumpf policy, in one of a few windows around
/// day 10 (each bound a day number of December 2026), or none.
fn assignment() -> impl Strategy<Value = RoleAssignment> {
    const ROLES: [&str; 6] =
        ["purchaser", "managing_director", "production_manager", "programmer", "operator", "service_engineer"];
    let day = |d: i64| rolegate::admin::rfc3339(seconds("2026-12-01T00:00:00Z") + (d - 1) * 86_400);
    let bound = prop::option::weighted(0.5, 1..20i64);
    (prop::sample::select(ROLES.to_vec()), prop::option::weighted(0.3, Just(("facility", "f1"))), bound.clone(), bound)
        .prop_filter("a window that is not empty", |(_, _, from, until)| match (from, until) {
            (Some(f), Some(u)) => f < u,
            _ => true,
        })
        .prop_map(move |(role, scope, from, until)| {
            let base = match scope {
                Some(pair) => RoleAssignment::scoped(role, &[pair]),
                None => RoleAssignment::new(role),
            };
            let (from, until) = (from.map(day), until.map(day));
            base.during(from.as_deref(), until.as_deref())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// At every instant, a subject with windows decides exactly as the same subject holding only
    /// the assignments whose window holds that instant, windows removed; and nothing changes
    /// before `valid_until`.
    #[test]
    fn no_assignment_counts_outside_its_window(
        roles in prop::collection::vec(assignment(), 0..5),
        hour in 0..(24 * 24i64),
        later in 0..(24 * 24i64),
    ) {
        let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
        let at = seconds("2026-11-30T00:00:00Z") + hour * 3600;
        let timed = Subject { roles: roles.clone(), ..Subject::new("acme", &[]) }.at(at);
        let holds = |a: &RoleAssignment, t: i64| {
            a.from.as_deref().is_none_or(|f| seconds(f) <= t) && a.until.as_deref().is_none_or(|u| t < seconds(u))
        };
        let counting = |t: i64| Subject {
            roles: roles.iter().filter(|a| holds(a, t)).map(|a| RoleAssignment { from: None, until: None, ..a.clone() }).collect(),
            ..Subject::new("acme", &[])
        };
        let session = engine.session(&timed).unwrap();
        let plain = engine.session(&counting(at)).unwrap();
        let resources = [None, Some(Resource::new(&[("facility", "f1")])), Some(Resource::new(&[("facility", "f2")]))];
        for permission in engine.permissions() {
            for resource in &resources {
                let (a, b) = (session.can(&permission.id, resource.as_ref()), plain.can(&permission.id, resource.as_ref()));
                prop_assert_eq!(a, b, "{} on {:?} at {}", permission.id, resource, at);
            }
            prop_assert_eq!(session.plan(&permission.id).decision(), plain.plan(&permission.id).decision());
        }
        // The answers hold until valid_until: at any instant before it, the same assignments count.
        let next = at + later * 3600;
        let changes = roles.iter().any(|a| holds(a, at) != holds(a, next));
        if session.valid_until().is_none_or(|until| next < until) {
            prop_assert!(!changes, "an assignment changed at {} before valid_until {:?}", next, session.valid_until());
        }
        if let Some(until) = session.valid_until() {
            prop_assert!(until > at);
            prop_assert!(roles.iter().any(|a| holds(a, at) != holds(a, until)), "something changes at valid_until");
        }
    }
}
