//! The shared decision and subject-error vectors, run natively. Every decision is checked four
//! ways: the one-off `engine.decide`, a session's `decide` and `can`, and `explain`.

mod common;

use common::*;
use rolegate::{Lang, Problem, RequestCode};
use serde_json::Value;

#[test]
fn decision_vectors() {
    let mut count = 0;
    for (file, text) in DECISION_FILES {
        let vectors = json(text);
        let engine = engine_for(&vectors["policy"]);
        for case in vectors["cases"].as_array().expect("cases") {
            let name = format!("{file}: {}", str_of(case, "name"));
            let subject = subject(&case["subject"]);
            let action = str_of(case, "action");
            let resource = resource(case.get("resource"));
            let expect = &case["expect"];
            let allowed = expect["allowed"].as_bool().expect("allowed");
            let code = str_of(expect, "code");

            let decision = engine.decide(&subject, action, resource.as_ref()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((decision.allowed, decision.code.code()), (allowed, code), "{name}: engine.decide");
            let session = engine.session(&subject).expect("session");
            assert_eq!(session.decide(action, resource.as_ref()), decision, "{name}: session.decide");
            assert_eq!(session.can(action, resource.as_ref()), allowed, "{name}: session.can");
            assert_eq!(engine.can(&subject, action, resource.as_ref()).unwrap(), allowed, "{name}: engine.can");

            let effect = expect.get("effect").and_then(Value::as_str).unwrap_or(match (allowed, code) {
                (true, _) => "allow",
                (false, "approval_required") => "approval",
                _ => "deny",
            });
            assert_eq!(decision.effect.as_str(), effect, "{name}: effect");
            let evaluation = session.evaluate(action, resource.as_ref()).expect("evaluate");
            assert_eq!(
                (evaluation.allowed, evaluation.effect, evaluation.code),
                (allowed, decision.effect, decision.code)
            );
            assert_eq!(
                evaluation.approval.is_some(),
                effect == "approval",
                "{name}: an approval exactly with that effect"
            );
            if let Some(approval) = expect.get("approval") {
                assert_eq!(&as_json(&evaluation.approval), approval, "{name}: approval");
            }

            let explanation = engine.explain(&subject, action, resource.as_ref()).expect("explain");
            assert_eq!((explanation.allowed, explanation.code.code()), (allowed, code), "{name}: explain");
            assert_eq!(explanation.action, action);
            assert_eq!(explanation.effect, decision.effect, "{name}: explain's effect");
            assert_eq!(explanation.approval, evaluation.approval, "{name}: explain's approval");
            assert_eq!(
                explanation.granted_by.is_empty(),
                effect == "deny",
                "{name}: grants exist exactly when allowed, or asking is"
            );
            for lang in Lang::ALL {
                assert!(!explanation.message.get(lang).is_empty(), "{name}: a message in {lang}");
            }
            check_explanation(&name, &explanation, expect);
            count += 1;
        }
    }
    assert!(count >= 80, "all vector files were read ({count} cases)");
}

#[test]
fn subject_error_vectors() {
    let vectors = json(SUBJECT_ERRORS);
    for case in vectors["cases"].as_array().expect("cases") {
        let name = str_of(case, "name");
        let engine = engine_for(&case["policy"]);
        let expect = &case["expect"];
        let error = match rolegate::Subject::from_json(&case["subject"].to_string()) {
            Err(e) => e,
            Ok(subject) => {
                let via_decide = engine.decide(&subject, "profile.view", None).expect_err(name);
                let via_session = engine.session(&subject).expect_err(name);
                assert_eq!(via_decide, via_session, "{name}: both entry points report the same");
                via_session
            }
        };
        assert_eq!(str_of(expect, "error"), rolegate::RequestError::CODE);
        let expected = expect["problems"].as_array().expect("problems");
        let actual: Vec<(&str, &str)> = error.problems.iter().map(|p| (code(p), p.path.as_str())).collect();
        let wanted: Vec<(&str, &str)> = expected.iter().map(|p| (str_of(p, "code"), str_of(p, "path"))).collect();
        assert_eq!(actual, wanted, "{name}");
        for (problem, want) in error.problems.iter().zip(expected) {
            assert!(
                !problem.message.en.is_empty() && !problem.message.de.is_empty(),
                "{name}: messages in both languages"
            );
            if let Some(part) = want.get("messageContains").and_then(Value::as_str) {
                assert!(problem.message.en.contains(part), "{name}: {:?} should contain {part:?}", problem.message.en);
            }
        }
    }
}

fn code(p: &Problem<RequestCode>) -> &'static str {
    rolegate::Code::as_str(p.code)
}
