//! Policy validation (every error kind, via the shared vectors), round-trips, limits and the
//! fingerprint.

mod common;

use common::*;
use rolegate::{limits, Builtin, Code, Lang, Policy, PolicyEngine, PolicyError};
use serde_json::{json, Value};

fn check(policy: &Value) -> Result<PolicyEngine, PolicyError> {
    PolicyEngine::from_json(&policy.to_string())
}

#[test]
fn invalid_policy_vectors() {
    let vectors = json(INVALID_POLICIES);
    check(&vectors["base"]).expect("the base of the cases is valid");
    let mut codes_seen = std::collections::BTreeSet::new();
    for case in vectors["cases"].as_array().unwrap() {
        let name = str_of(case, "name");
        let result = match case.get("policyText") {
            Some(text) => PolicyEngine::from_json(text.as_str().unwrap()),
            None => check(&case["policy"]),
        };
        let error = result.expect_err(name);
        let actual: Vec<(&str, &str)> = error.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
        let expected = case["expect"].as_array().unwrap();
        let wanted: Vec<(&str, &str)> = expected.iter().map(|p| (str_of(p, "code"), str_of(p, "path"))).collect();
        assert_eq!(actual, wanted, "{name}");
        for (problem, want) in error.problems.iter().zip(expected) {
            codes_seen.insert(problem.code.as_str());
            assert!(
                !problem.message.en.trim().is_empty() && !problem.message.de.trim().is_empty(),
                "{name}: both languages"
            );
            if let Some(part) = want.get("messageContains").and_then(Value::as_str) {
                assert!(problem.message.en.contains(part), "{name}: {:?} should contain {part:?}", problem.message.en);
            }
        }
        // validate() on a parsed document agrees with the engine.
        if let Ok(doc) = Policy::from_json(
            &case
                .get("policyText")
                .and_then(Value::as_str)
                .map(String::from)
                .unwrap_or_else(|| case["policy"].to_string()),
        ) {
            assert_eq!(rolegate::policy::validate(&doc), error.problems, "{name}: validate agrees");
        }
    }
    // `invalid_snapshot` is about compiled bytes, not a document: tests/snapshot.rs covers it.
    for code in rolegate::PolicyCode::ALL.iter().filter(|c| c.as_str() != "invalid_snapshot") {
        assert!(codes_seen.contains(code.as_str()), "a vector covers {code}");
    }
}

#[test]
fn built_in_policies_are_valid_and_round_trip() {
    for builtin in Builtin::ALL {
        let policy = Policy::from_json(builtin.source()).unwrap();
        assert!(rolegate::policy::validate(&policy).is_empty(), "{builtin}");
        assert_eq!(policy.id, builtin.id());
        let text = policy.to_json_pretty();
        let again = Policy::from_json(&text).unwrap();
        assert_eq!(again, policy, "{builtin}: parse ∘ serialize ∘ parse = parse");
        assert_eq!(again.to_json_pretty(), text, "{builtin}: serializing is stable");
        assert!(policy.comment.is_some(), "{builtin} states its interpretations in a comment");
    }
}

#[test]
fn defaults_are_left_out_when_serializing() {
    let vectors = json(INVALID_POLICIES);
    let policy = policy_doc(&vectors["base"]);
    let value: Value = serde_json::from_str(&policy.to_json_pretty()).unwrap();
    assert!(value.get("features").is_none() && value.get("scopes").is_none() && value.get("comment").is_none());
    assert!(value["roles"][0].get("deprecated").is_none() && value["roles"][0].get("kinds").is_none());
    assert_eq!(value["roles"][0]["admin"], true);
}

/// A policy whose permissions p0 → p1 → … form one chain of `n` permissions.
fn chain_policy(n: usize) -> Value {
    let permissions: Vec<Value> = (0..n)
        .map(|i| {
            let implies: Vec<String> = if i + 1 < n { vec![format!("p{}", i + 1)] } else { vec![] };
            json!({ "id": format!("p{i}"), "label": { "en": "P", "de": "P" }, "implies": implies })
        })
        .collect();
    json!({
        "version": 1, "id": "chain", "label": { "en": "C", "de": "C" },
        "tenantKinds": [{ "id": "k", "label": { "en": "K", "de": "K" } }],
        "permissions": permissions,
        "roles": [{ "id": "r", "label": { "en": "R", "de": "R" }, "grants": ["p0"], "admin": true }]
    })
}

#[test]
fn implication_depth_is_limited() {
    let engine = check(&chain_policy(limits::MAX_IMPLICATION_DEPTH)).expect("a chain at the limit is fine");
    let last = format!("p{}", limits::MAX_IMPLICATION_DEPTH - 1);
    let why = engine.explain(&rolegate::Subject::new("t", &["r"]), &last, None).unwrap();
    assert_eq!(why.granted_by[0].via.len(), limits::MAX_IMPLICATION_DEPTH, "the whole chain is explained");

    let error = check(&chain_policy(limits::MAX_IMPLICATION_DEPTH + 1)).unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].code.as_str(), "limit_exceeded");
    assert_eq!(error.problems[0].path, "$.permissions[0].id");
    assert!(error.problems[0].message.en.contains("65 exceeds the limit of 64"), "{}", error.problems[0].message.en);
}

#[test]
fn size_limits_are_errors_not_hangs() {
    let huge = " ".repeat(limits::MAX_POLICY_BYTES + 1);
    let error = PolicyEngine::from_json(&huge).unwrap_err();
    assert_eq!((error.problems[0].code.as_str(), error.problems[0].path.as_str()), ("limit_exceeded", "$"));

    let mut policy = chain_policy(1);
    let roles: Vec<Value> =
        (0..=limits::MAX_ROLES).map(|i| json!({ "id": format!("r{i}"), "label": { "en": "R", "de": "R" } })).collect();
    policy["roles"] = Value::from(roles);
    let error = check(&policy).unwrap_err();
    assert_eq!(error.problems.len(), 1, "beyond a size limit nothing else is checked");
    assert_eq!((error.problems[0].code.as_str(), error.problems[0].path.as_str()), ("limit_exceeded", "$.roles"));

    // Deep nesting meets the parser's depth limit, not a stack overflow.
    let deep = format!("{{\"comment\": {}", "[".repeat(100_000));
    let error = PolicyEngine::from_json(&deep).unwrap_err();
    assert_eq!(error.problems[0].code.as_str(), "json_syntax");
    assert!(
        error.problems[0].message.en.contains("nested more than 127 levels deep"),
        "{}",
        error.problems[0].message.en
    );
}

#[test]
fn the_error_summary_lists_every_problem_in_both_languages() {
    let vectors = json(INVALID_POLICIES);
    let case = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with("every problem"))
        .unwrap();
    let error = check(&case["policy"]).unwrap_err();
    let en = error.to_string();
    assert!(en.starts_with("invalid policy: 5 problems\n"), "{en}");
    assert!(en.contains("  $.roles[0].grants[1]: unknown permission 'q'"), "{en}");
    let de = error.summary(Lang::De);
    assert!(de.starts_with("ungültige Richtlinie: 5 Probleme\n") && de.contains("unbekannte Berechtigung 'q'"), "{de}");
    let json = as_json(&error.problems[0]);
    assert_eq!(json["code"], "unsupported_version");
    assert_eq!(json["path"], "$.version");
    assert!(json["message"]["de"].as_str().unwrap().contains("Formatversion 9"));
    assert_eq!(PolicyError::CODE, "invalid_policy");
}

#[test]
fn the_fingerprint_is_stable_and_follows_every_decision_relevant_change() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let fingerprint = engine.fingerprint().to_string();
    assert_eq!(fingerprint.len(), 64);
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(PolicyEngine::builtin(Builtin::Mytrumpf).unwrap().fingerprint(), fingerprint, "deterministic");
    assert_ne!(PolicyEngine::builtin(Builtin::Platform).unwrap().fingerprint(), fingerprint);

    let original: Value = serde_json::from_str(Builtin::Mytrumpf.source()).unwrap();
    let fp = |v: &Value| check(v).unwrap().fingerprint().to_string();

    // Not decision-relevant: comments, whitespace, key order.
    let mut v = original.clone();
    v["comment"] = json!("changed");
    v["roles"][0]["comment"] = json!(["other", "lines"]);
    assert_eq!(fp(&v), fingerprint, "comments do not count");
    let compact = serde_json::to_string(&original).unwrap();
    assert_eq!(PolicyEngine::from_json(&compact).unwrap().fingerprint(), fingerprint, "whitespace does not count");

    // Decision-relevant: each of these changes the fingerprint.
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        ("a grant", Box::new(|v| v["roles"][3]["grants"][0] = json!("eshop.order.place"))),
        ("an implication", Box::new(|v| v["permissions"][1]["implies"] = json!([]))),
        ("the admin flag", Box::new(|v| v["roles"][2]["admin"] = json!(true))),
        ("the deprecated flag", Box::new(|v| v["roles"][4]["deprecated"] = json!(true))),
        ("the default role", Box::new(|v| v["tenantKinds"][0]["defaultRole"] = json!("operator"))),
        ("a role's kinds", Box::new(|v| v["roles"][0]["kinds"] = json!(["customer"]))),
        ("a scope key", Box::new(|v| v["scopes"][0]["id"] = json!("site"))),
        ("a label", Box::new(|v| v["roles"][0]["label"]["de"] = json!("Einkauf"))),
        ("the administrative flag", Box::new(|v| v["permissions"][0]["administrative"] = json!(true))),
        ("the role order", Box::new(|v| v["roles"].as_array_mut().unwrap().swap(0, 1))),
    ];
    for (what, mutate) in mutations {
        let mut v = original.clone();
        mutate(&mut v);
        assert_ne!(fp(&v), fingerprint, "changing {what} changes the fingerprint");
    }
}

#[test]
fn more_modules_than_the_mask_holds_is_a_limit_not_a_panic() {
    let modules: Vec<Value> = (0..=limits::MAX_MODULES)
        .map(|i| json!({ "id": format!("m{i}"), "label": { "en": "M", "de": "M" } }))
        .collect();
    let last = format!("m{}", limits::MAX_MODULES);
    let policy = json!({
        "version": 1, "id": "mods", "label": { "en": "M", "de": "M" },
        "tenantKinds": [{ "id": "k", "label": { "en": "K", "de": "K" }, "modules": modules }],
        "permissions": [{ "id": "a", "label": { "en": "A", "de": "A" } }],
        "roles": [{ "id": "r", "label": { "en": "R", "de": "R" }, "grants": ["a"], "admin": true, "modules": [last] }]
    });
    let error = check(&policy).unwrap_err();
    let codes: Vec<(&str, &str)> = error.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
    assert_eq!(codes, [("limit_exceeded", "$.tenantKinds[0].modules[64]")]);
}

/// Every variation of `doc` one edit away: each leaf changed, each member removed, each array
/// element removed, each array's first two elements swapped.
fn one_edit_away(doc: &Value) -> Vec<(String, Value)> {
    /// An edit: what it does, and the change itself.
    type Edit = (String, Box<dyn Fn(&mut Value)>);
    fn walk(v: &Value, path: &str, edits: &mut Vec<Edit>, at: Vec<String>) {
        let pointer = |at: &[String]| at.iter().map(|s| format!("/{s}")).collect::<String>();
        let p = pointer(&at);
        match v {
            Value::String(s) => {
                let s = s.clone();
                edits.push((
                    format!("{path} changed"),
                    Box::new(move |d| *d.pointer_mut(&p).unwrap() = json!(format!("{s}_x"))),
                ));
            }
            Value::Bool(b) => {
                let b = *b;
                edits.push((format!("{path} flipped"), Box::new(move |d| *d.pointer_mut(&p).unwrap() = json!(!b))));
            }
            Value::Number(n) => {
                let n = n.as_u64().unwrap_or(0);
                edits.push((format!("{path} + 1"), Box::new(move |d| *d.pointer_mut(&p).unwrap() = json!(n + 1))));
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let q = p.clone();
                    edits.push((
                        format!("{path}[{i}] removed"),
                        Box::new(move |d| {
                            d.pointer_mut(&q).unwrap().as_array_mut().unwrap().remove(i);
                        }),
                    ));
                    let mut next = at.clone();
                    next.push(i.to_string());
                    walk(item, &format!("{path}[{i}]"), edits, next);
                }
                if items.len() >= 2 && items[0] != items[1] {
                    let q = p.clone();
                    edits.push((
                        format!("{path}[0] and [1] swapped"),
                        Box::new(move |d| d.pointer_mut(&q).unwrap().as_array_mut().unwrap().swap(0, 1)),
                    ));
                }
            }
            Value::Object(members) => {
                for (key, member) in members {
                    let (q, k) = (p.clone(), key.clone());
                    edits.push((
                        format!("{path}.{key} removed"),
                        Box::new(move |d| {
                            d.pointer_mut(&q).unwrap().as_object_mut().unwrap().remove(&k);
                        }),
                    ));
                    let mut next = at.clone();
                    next.push(key.replace('~', "~0").replace('/', "~1"));
                    walk(member, &format!("{path}.{key}"), edits, next);
                }
            }
            Value::Null => {}
        }
    }
    let mut edits = Vec::new();
    walk(doc, "$", &mut edits, Vec::new());
    edits
        .into_iter()
        .map(|(what, edit)| {
            let mut v = doc.clone();
            edit(&mut v);
            (what, v)
        })
        .collect()
}

/// `v` without its `comment` members, at every depth: what the fingerprint hashes.
fn without_comments(v: Value) -> Value {
    match v {
        Value::Object(members) => Value::Object(
            members.into_iter().filter(|(k, _)| k != "comment").map(|(k, v)| (k, without_comments(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_comments).collect()),
        other => other,
    }
}

/// Systematically: an edit of a built-in policy (that still loads) changes its fingerprint exactly
/// when it changes the normalized document (comments aside); an edit that keeps the fingerprint keeps every
/// decision of a battery of kinds, modules, roles, scopes and actions.
#[test]
fn every_edit_of_a_builtin_that_changes_a_decision_changes_its_fingerprint() {
    for builtin in Builtin::ALL {
        let original: Value = serde_json::from_str(builtin.source()).unwrap();
        let engine = check(&original).unwrap();
        let fingerprint = engine.fingerprint();
        let normalized = without_comments(as_json(engine.policy()));
        // A renamed role or permission shows: the original id becomes unknown.
        let roles: Vec<String> = engine.roles(None).unwrap().into_iter().map(|r| r.id).collect();
        let actions: Vec<String> = engine.permissions().into_iter().map(|p| p.id).collect();
        let battery = decisions(&engine, &roles, &actions);
        let (mut loaded, mut same) = (0, 0);
        for (what, edited) in one_edit_away(&original) {
            let Ok(other) = check(&edited) else { continue };
            loaded += 1;
            let changed_doc = without_comments(as_json(other.policy())) != normalized;
            assert_eq!(other.fingerprint() != fingerprint, changed_doc, "{builtin:?}: {what}");
            if other.fingerprint() == fingerprint {
                same += 1;
                assert!(
                    decisions(&other, &roles, &actions) == battery,
                    "{builtin:?}: {what} changes a decision, not the fingerprint"
                );
            }
        }
        assert!(loaded > 100 && same > 0, "{builtin:?}: {loaded} edits loaded, {same} kept the fingerprint");
        // The battery sees a change of grants.
        let mut fewer = original.clone();
        fewer["roles"][1]["grants"].as_array_mut().unwrap().clear();
        assert!(decisions(&check(&fewer).unwrap(), &roles, &actions) != battery);
    }
}
