//! The approval-process vectors (tests/vectors/approvals.json), run natively: decisions with
//! their three effects, request errors of typed attributes, plans with `unless`, the life of
//! requests with every refusal, the eligible approvers and the plans of what awaits a member.

mod common;

use common::*;
use rolegate::admin::{ApprovalRequest, Organization, Step};
use rolegate::{Code, Lang, PolicyEngine, Resource, Session};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn vectors() -> Value {
    json(APPROVALS)
}

/// The engine of a case's `policy`: a built-in, or one of the file's `policies`.
fn engine_of(vectors: &Value, case: &Value) -> PolicyEngine {
    match vectors["policies"].get(str_of(case, "policy")) {
        Some(doc) => engine_for(doc),
        None => engine_for(&case["policy"]),
    }
}

fn org_of(vectors: &Value, case: &Value) -> Organization {
    Organization::from_json(&vectors["orgs"][str_of(case, "org")].to_string()).expect("the snapshot parses")
}

/// The session a case decides with: a member's (the tenant's rules), or a subject's (the
/// policy's defaults, or the case's `rules`).
fn session_of(engine: &PolicyEngine, vectors: &Value, case: &Value) -> Result<Session, rolegate::RequestError> {
    if case.get("member").is_some() {
        return Ok(engine.member_session(&org_of(vectors, case), str_of(case, "member")).expect("a member session"));
    }
    let subject = subject(&case["subject"]);
    match case.get("rules") {
        Some(rules) => {
            let rules: Vec<rolegate::policy::ApprovalRule> = serde_json::from_value(rules.clone()).expect("rules read");
            engine.session_with_rules(&subject, &rules)
        }
        None => engine.session(&subject),
    }
}

fn resource_of(case: &Value) -> Option<Resource> {
    resource(case.get("resource").filter(|r| !r.is_null()))
}

#[test]
fn decisions() {
    let vectors = vectors();
    let mut effects = BTreeSet::new();
    for case in vectors["decisions"].as_array().expect("decisions") {
        let name = str_of(case, "name");
        let engine = engine_of(&vectors, case);
        let action = str_of(case, "action");
        let resource = resource_of(case);
        let expect = &case["expect"];
        let session = match session_of(&engine, &vectors, case) {
            Ok(session) => session,
            Err(e) => {
                let want = &expect["error"];
                assert_eq!(
                    (e.problems[0].code.as_str(), e.problems[0].path.as_str()),
                    (str_of(want, "code"), str_of(want, "path")),
                    "{name}"
                );
                continue;
            }
        };
        match session.evaluate(action, resource.as_ref()) {
            Err(e) => {
                let want = &expect["error"];
                assert!(!want.is_null(), "{name}: unexpected error {e}");
                assert_eq!(
                    (e.problems[0].code.as_str(), e.problems[0].path.as_str()),
                    (str_of(want, "code"), str_of(want, "path")),
                    "{name}"
                );
                assert!(!e.problems[0].message.de.is_empty(), "{name}: in German too");
                // The paths that cannot fail deny.
                assert!(!session.can(action, resource.as_ref()), "{name}: can");
                assert_eq!(session.decide(action, resource.as_ref()).code.code(), "invalid_attribute", "{name}");
                let why = session.explain(action, resource.as_ref());
                assert_eq!((why.code.code(), why.effect.as_str()), ("invalid_attribute", "deny"), "{name}");
                assert!(why.message.en.starts_with("Denied: "), "{name}: {}", why.message.en);
                if let Some(subject) = case.get("subject").filter(|_| case.get("rules").is_none()) {
                    let error = engine.decide(&common::subject(subject), action, resource.as_ref()).unwrap_err();
                    assert_eq!(error, e, "{name}: engine.decide reports the same");
                }
            }
            Ok(evaluation) => {
                assert!(expect.get("error").is_none(), "{name}: expected an error, got {}", as_json(&evaluation));
                let actual = as_json(&evaluation);
                for key in ["allowed", "effect", "code"] {
                    assert_eq!(actual[key], expect[key], "{name}: {key}");
                }
                assert_eq!(actual.get("approval"), expect.get("approval"), "{name}: approval");
                effects.insert(str_of(&actual, "effect").to_string());
                assert_eq!(session.can(action, resource.as_ref()), expect["allowed"] == true, "{name}: can");
                let decision = session.decide(action, resource.as_ref());
                assert_eq!((decision.code, decision.effect), (evaluation.code, evaluation.effect), "{name}: decide");
                let why = session.explain(action, resource.as_ref());
                assert_eq!((why.code, why.effect), (evaluation.code, evaluation.effect), "{name}: explain");
                assert_eq!(why.approval, evaluation.approval, "{name}: explain's approval");
                if let Some(granted) = expect.get("grantedBy") {
                    assert_eq!(&as_json(&why.granted_by), granted, "{name}: grantedBy");
                }
                for lang in Lang::ALL {
                    let message = why.message.get(lang);
                    assert!(!message.is_empty(), "{name}: a message in {lang}");
                    if let Some(part) = expect.get("messageContains").and_then(|m| m[lang.as_str()].as_str()) {
                        assert!(
                            message.contains(part),
                            "{name}: the {lang} message\n  {message}\nshould contain\n  {part}"
                        );
                    }
                }
                if let Some(subject) = case.get("subject").filter(|_| case.get("rules").is_none()) {
                    let subject = common::subject(subject);
                    assert_eq!(
                        engine.decide(&subject, action, resource.as_ref()).unwrap(),
                        decision,
                        "{name}: engine.decide"
                    );
                    assert_eq!(engine.evaluate(&subject, action, resource.as_ref()).unwrap(), evaluation, "{name}");
                }
            }
        }
    }
    assert_eq!(effects.into_iter().collect::<Vec<_>>(), ["allow", "approval", "deny"], "every effect has a vector");
}

#[test]
fn plans_with_unless() {
    let vectors = vectors();
    for case in vectors["plans"].as_array().expect("plans") {
        let name = str_of(case, "name");
        let engine = engine_of(&vectors, case);
        let session = session_of(&engine, &vectors, case).expect("a session");
        let action = str_of(case, "action");
        let plan = session.plan(action);
        assert_eq!(as_json(&plan), case["expect"], "{name}: the plan");
        for (key, allowed) in [("allowed", true), ("denied", false)] {
            for r in case[key].as_array().expect("resources") {
                let resource = resource(Some(r).filter(|r| !r.is_null()));
                assert_eq!(plan.allows(resource.as_ref()), allowed, "{name}: plan.allows({r})");
                assert_eq!(session.can(action, resource.as_ref()), allowed, "{name}: can({r})");
            }
        }
    }
}

#[test]
fn request_lifecycle() {
    let vectors = vectors();
    let mut codes_seen = BTreeSet::new();
    let mut steps_taken = BTreeSet::new();
    for case in vectors["lifecycle"].as_array().expect("lifecycle") {
        let name = str_of(case, "name");
        let engine = engine_of(&vectors, case);
        let org = org_of(&vectors, case);
        let mut current: Option<ApprovalRequest> = None;
        for (i, entry) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let at = format!("{name} [{i}]");
            let expect = &entry["expect"];
            if entry.get("eligible").is_some() {
                let request = current.as_ref().expect("a request to ask about");
                let members = engine.eligible_approvers(&org, request).unwrap_or_else(|e| panic!("{at}: {e}"));
                let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
                assert_eq!(json!(ids), *expect, "{at}: eligible approvers");
                continue;
            }
            let result = if let Some(submit) = entry.get("submit") {
                let resource = resource(submit.get("resource").filter(|r| !r.is_null()));
                engine.submit(
                    &org,
                    str_of(submit, "requester"),
                    str_of(submit, "action"),
                    resource.as_ref(),
                    str_of(submit, "id"),
                    str_of(entry, "now"),
                )
            } else {
                let request = match entry.get("request") {
                    Some(doc) => ApprovalRequest::from_json(&doc.to_string()).expect("the request parses"),
                    None => current.clone().expect("a request to take the step on"),
                };
                let step = Step::from_json(&entry["step"].to_string()).expect("the step parses");
                steps_taken.insert(str_of(&entry["step"], "step").to_string());
                let before = request.clone();
                let result = engine.step(&org, &request, str_of(entry, "actor"), &step, str_of(entry, "now"));
                assert_eq!(request, before, "{at}: the input is never changed");
                result
            };
            match (result, expect["ok"].as_bool().expect("ok")) {
                (Ok(request), true) => {
                    assert_eq!(as_json(&request), expect["request"], "{at}: the request");
                    let again = ApprovalRequest::from_json(&as_json(&request).to_string()).expect("round-trips");
                    assert_eq!(again, request, "{at}: the request round-trips");
                    assert_eq!(ApprovalRequest::from_json(&request.to_json()).as_ref(), Ok(&request), "{at}: to_json");
                    current = Some(request);
                }
                (Err(violations), false) => {
                    let actual: Vec<Value> =
                        violations.iter().map(|v| json!({ "code": v.code.as_str(), "path": v.path })).collect();
                    assert_eq!(Value::from(actual), expect["violations"], "{at}: the violations");
                    for v in &violations {
                        assert!(!v.message.en.is_empty() && v.message.en != v.message.de, "{at}: both languages");
                        codes_seen.insert(v.code.as_str().to_string());
                    }
                }
                (Ok(request), false) => panic!("{at}: accepted, expected refused: {}", as_json(&request)),
                (Err(violations), true) => panic!("{at}: refused: {violations:?}"),
            }
        }
    }
    for code in REQUEST_CODES {
        assert!(codes_seen.contains(*code), "a vector covers the violation {code}");
    }
    assert_eq!(steps_taken, Step::NAMES.iter().map(|s| s.to_string()).collect(), "a vector takes every step");
}

#[test]
fn awaiting_plans() {
    let vectors = vectors();
    for case in vectors["awaiting"].as_array().expect("awaiting") {
        let name = str_of(case, "name");
        let engine = engine_of(&vectors, case);
        let plan = engine.awaiting(&org_of(&vectors, case), str_of(case, "member"), str_of(case, "action")).unwrap();
        assert_eq!(as_json(&plan), case["expect"], "{name}");
        for (key, allowed) in [("allowed", true), ("denied", false)] {
            for r in case[key].as_array().expect("slots") {
                assert_eq!(plan.allows(resource(Some(r)).as_ref()), allowed, "{name}: {r}");
            }
        }
    }
}
