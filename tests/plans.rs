//! Query plans: the shared plan vectors, natively; and over random policies, subjects and
//! resources (proptest), the plan allows exactly what `can` allows, is minimal, and is the same whether asked
//! of a session or of the engine.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRng, TestRunner};
use rolegate::{Plan, PolicyEngine, Resource, RoleAssignment, Scope, Session, Subject};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[test]
fn plan_vectors() {
    let vectors = json(PLANS);
    let cases = vectors["cases"].as_array().expect("cases");
    for case in cases {
        let name = str_of(case, "name");
        let engine = engine_for(&case["policy"]);
        let subject = subject(&case["subject"]);
        let action = str_of(case, "action");
        let session = engine.session(&subject).expect("the vector's subject fits");
        let plan = session.plan(action);
        assert_eq!(as_json(&plan), case["expect"], "{name}");
        assert_eq!(engine.plan(&subject, action).unwrap(), plan, "{name}: engine.plan");
        for (list, expected) in [("allowed", true), ("denied", false)] {
            for value in case[list].as_array().expect(list) {
                let resource = resource(Some(value).filter(|v| !v.is_null()));
                assert_eq!(session.can(action, resource.as_ref()), expected, "{name}: can on {value}");
                assert_eq!(plan.allows(resource.as_ref()), expected, "{name}: the plan on {value}");
            }
        }
    }
    assert!(cases.len() >= 10);
}

#[test]
fn a_subject_that_does_not_fit_is_an_error_with_its_path() {
    let engine = engine_for(&json!("mytrumpf"));
    let error = engine.plan(&Subject::new("acme", &["opertor"]), "service.case.manage").unwrap_err();
    assert_eq!(error.problems[0].path, "subject.roles[0]");
}

const SCOPE_KEYS: [&str; 3] = ["facility", "customer", "line"];
const KINDS: [&str; 2] = ["k0", "k1"];
const VALUES: [&str; 3] = ["v1", "v2", "v3"];

/// A random valid policy: permissions imply only earlier ones (no cycles), a feature, roles
/// available to some kinds and needing a module sometimes.
fn policy() -> impl Strategy<Value = Value> {
    let permissions = prop::collection::vec(prop::collection::vec(0..8usize, 0..3), 1..8);
    let role = (
        prop::collection::vec(0..10usize, 0..4),
        prop::option::of(prop::sample::subsequence(KINDS.to_vec(), 1..=2)),
        any::<bool>(),
    );
    (permissions, prop::collection::vec(role, 1..6)).prop_map(|(implies, roles)| {
        let label = json!({ "en": "L", "de": "L" });
        let n = implies.len();
        let ids: Vec<String> = (0..n).map(|i| format!("p{i}")).chain(["f.read".into(), "f.manage".into()]).collect();
        let permissions: Vec<Value> = implies
            .iter()
            .enumerate()
            .map(|(i, to)| {
                let mut to: Vec<&String> = to.iter().filter(|&&j| j < i).map(|&j| &ids[j]).collect();
                to.dedup();
                json!({ "id": ids[i], "label": label, "implies": to })
            })
            .collect();
        let roles: Vec<Value> = roles
            .iter()
            .enumerate()
            .map(|(i, (grants, kinds, module))| {
                let mut grants: Vec<&String> = grants.iter().map(|&g| &ids[g % ids.len()]).collect();
                grants.sort();
                grants.dedup();
                let mut role = json!({ "id": format!("r{i}"), "label": label, "grants": grants, "admin": i == 0 });
                if i > 0 {
                    if let Some(kinds) = kinds {
                        role["kinds"] = json!(kinds);
                    }
                    if *module && kinds.as_ref().is_none_or(|k| k == &["k0"]) {
                        role["modules"] = json!(["m"]);
                        role["kinds"] = json!(["k0"]);
                    }
                }
                role
            })
            .collect();
        json!({
            "version": 1, "id": "random", "label": label,
            "scopes": SCOPE_KEYS.map(|id| json!({ "id": id, "label": label })),
            "tenantKinds": [
                { "id": "k0", "label": label, "modules": [{ "id": "m", "label": label }] },
                { "id": "k1", "label": label }
            ],
            "permissions": permissions,
            "features": [{ "id": "f", "label": label, "read": [ids[0]], "manage": [] }],
            "roles": roles
        })
    })
}

fn scope(max: usize) -> impl Strategy<Value = Scope> {
    prop::collection::btree_map(
        prop::sample::select(SCOPE_KEYS.to_vec()),
        prop::sample::select(VALUES.to_vec()),
        0..=max,
    )
    .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

/// A policy, a subject of it, and resources: attributes from a few values, so that they often
/// fall inside the subject's scopes; sometimes of another tenant.
fn case() -> impl Strategy<Value = (Value, Subject, Vec<Option<Resource>>)> {
    policy().prop_flat_map(|doc| {
        let roles = doc["roles"].as_array().unwrap().len();
        let assignment = (0..roles, prop::option::weighted(0.7, scope(2)))
            .prop_map(|(r, scope)| RoleAssignment { scope, ..RoleAssignment::new(&format!("r{r}")) });
        let subject = (prop::sample::select(KINDS.to_vec()), any::<bool>(), prop::collection::vec(assignment, 0..5))
            .prop_map(|(kind, module, roles)| Subject {
                id: "s".into(),
                tenant: "acme".into(),
                tenant_kind: Some(kind.into()),
                modules: if module && kind == "k0" { vec!["m".into()] } else { vec![] },
                roles,
                at: None,
            });
        let tenant = prop::option::weighted(0.2, prop::sample::select(vec!["acme", "rival"]));
        let resource = prop::option::weighted(
            0.9,
            (tenant, scope(3)).prop_map(|(t, attributes)| Resource { tenant: t.map(String::from), attributes }),
        );
        (Just(doc), subject, prop::collection::vec(resource, 1..12))
    })
}

/// Whether scope `a` covers scope `b`: `b` has every attribute of `a`.
fn covers(a: &Scope, b: &Scope) -> bool {
    a.iter().all(|(k, v)| b.get(k) == Some(v))
}

#[test]
fn the_plan_allows_exactly_what_can_allows() {
    // A fixed seed: the minimums below must hold on every run, not on most.
    let config = ProptestConfig { cases: 512, ..ProptestConfig::default() };
    let mut runner = TestRunner::new_with_rng(config.clone(), TestRng::deterministic_rng(config.rng_algorithm));
    let seen = RefCell::new(BTreeMap::<&str, usize>::new());
    runner
        .run(&case(), |(doc, subject, resources)| {
            let engine = PolicyEngine::from_json(&doc.to_string()).expect("the generated policy is valid");
            let session = engine.session(&subject).expect("the generated subject fits");
            let actions = engine.permissions().into_iter().map(|p| p.id).chain(["nope".to_string()]);
            for action in actions {
                let plan = session.plan(&action);
                *seen.borrow_mut().entry(plan.decision()).or_default() += 1;
                check(&engine, &session, &subject, &action, &plan, &resources)?;
            }
            Ok(())
        })
        .unwrap();
    // Not vacuous: every kind of plan came up, many times.
    let seen = seen.into_inner();
    for decision in ["always", "never", "conditional"] {
        assert!(seen.get(decision).is_some_and(|&n| n > 100), "{decision}: {seen:?}");
    }
}

/// One plan held to `can` on every resource (and none), to `engine.plan`, and to minimality.
fn check(
    engine: &PolicyEngine,
    session: &Session,
    subject: &Subject,
    action: &str,
    plan: &Plan,
    resources: &[Option<Resource>],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(&engine.plan(subject, action).unwrap(), plan);
    for resource in resources.iter().chain(std::iter::once(&None)) {
        let can = session.can(action, resource.as_ref());
        prop_assert_eq!(plan.allows(resource.as_ref()), can, "{} on {:?}: {:?}", action, resource, plan);
    }
    match plan {
        Plan::Conditional { any_of, tenant, .. } => {
            prop_assert_eq!(tenant, "acme");
            prop_assert!(!any_of.is_empty());
            prop_assert!(any_of.windows(2).all(|w| w[0] < w[1]), "ascending and distinct: {:?}", any_of);
            for (i, a) in any_of.iter().enumerate() {
                prop_assert!(!a.is_empty());
                // Each scope, as a resource, is allowed; and none covers another.
                let inside = Resource { tenant: None, attributes: a.clone() };
                prop_assert!(session.can(action, Some(&inside)));
                for (j, b) in any_of.iter().enumerate() {
                    prop_assert!(i == j || !covers(a, b), "{:?} covers {:?}", a, b);
                }
            }
        }
        Plan::Never { code, .. } => prop_assert_eq!(session.decide(action, None).code, *code),
        Plan::Always { .. } => prop_assert!(session.can(action, None)),
    }
    Ok(())
}
