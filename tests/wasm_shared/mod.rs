//! The shared vectors through the JavaScript boundary (`rolegate::wasm`), compiled to wasm and run
//! by wasm-bindgen-test, under Node (`tests/wasm_node.rs`) and in headless Chromium
//! (`tests/wasm_browser.rs`). The native tests check the same files against the same
//! expectations, so both builds give identical decisions and codes for every vector.

use rolegate::wasm::{WasmEngine, WasmSession};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const DECISION_FILES: &[&str] = &[
    include_str!("../vectors/decisions_mytrumpf.json"),
    include_str!("../vectors/decisions_platform.json"),
    include_str!("../vectors/decisions_scopes.json"),
];

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// The built-in policies' text: the wasm build leaves them out, as the package does.
fn builtin(name: &str) -> WasmEngine {
    let text = match name {
        "mytrumpf" => include_str!("../../policies/mytrumpf.json"),
        "platform" => include_str!("../../policies/platform.json"),
        other => panic!("no built-in policy {other}"),
    };
    WasmEngine::new(text).map_err(message).unwrap()
}

fn engine(policy: &Value) -> WasmEngine {
    let made = match policy.as_str() {
        Some(name) => return builtin(name),
        None => WasmEngine::new(&policy.to_string()),
    };
    made.unwrap_or_else(|e| panic!("{}", message(e)))
}

/// The JSON payload the boundary put in the thrown Error's message.
fn message(error: JsError) -> String {
    let value: JsValue = error.into();
    value.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

/// `(code, path)` of each problem in a list of `{ code, path, … }`.
fn pairs(list: &Value) -> Vec<(String, String)> {
    let items = list.as_array().expect("a list of problems").iter();
    items.map(|p| (p["code"].as_str().unwrap().to_string(), p["path"].as_str().unwrap().to_string())).collect()
}

fn problems(error: JsError) -> (String, Vec<(String, String)>) {
    let payload = json(&message(error));
    (payload["code"].as_str().unwrap().to_string(), pairs(&payload["problems"]))
}

#[wasm_bindgen_test]
fn decision_vectors() {
    let mut count = 0;
    for text in DECISION_FILES {
        let vectors = json(text);
        let engine = engine(&vectors["policy"]);
        for case in vectors["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let subject = case["subject"].to_string();
            let action = case["action"].as_str().unwrap();
            let resource = case.get("resource").map(Value::to_string);
            let expect = &case["expect"];
            let allowed = expect["allowed"].as_bool().unwrap();

            assert_eq!(engine.can(&subject, action, resource.clone()).map_err(message), Ok(allowed), "{name}: can");
            let session: WasmSession = engine.session(&subject).map_err(message).unwrap();
            assert_eq!(session.can(action, resource.clone()).map_err(message), Ok(allowed), "{name}: session.can");
            for lang in ["en", "de"] {
                let explanation = json(
                    &engine
                        .explain_json(&subject, action, resource.clone(), Some(lang.into()))
                        .map_err(message)
                        .unwrap(),
                );
                let from_session =
                    json(&session.explain_json(action, resource.clone(), Some(lang.into())).map_err(message).unwrap());
                assert_eq!(explanation, from_session, "{name}: engine and session explain alike");
                assert_eq!(explanation["allowed"], expect["allowed"], "{name}");
                assert_eq!(explanation["code"], expect["code"], "{name}");
                for key in ["grantedBy", "grantingRoles"] {
                    if let Some(want) = expect.get(key) {
                        assert_eq!(&explanation[key], want, "{name}: {key}");
                    }
                }
                if let Some(part) = expect.get("messageContains").and_then(|m| m[lang].as_str()) {
                    let message = explanation["message"].as_str().unwrap();
                    assert!(message.contains(part), "{name}: {message:?} should contain {part:?}");
                }
            }
            count += 1;
        }
    }
    assert!(count >= 80);
}

#[wasm_bindgen_test]
fn subject_error_vectors() {
    let vectors = json(include_str!("../vectors/subject_errors.json"));
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine(&case["policy"]);
        let error = engine.session(&case["subject"].to_string()).err().unwrap_or_else(|| panic!("{name}: refused"));
        let (code, problems) = problems(error);
        assert_eq!(code, case["expect"]["error"].as_str().unwrap(), "{name}");
        assert_eq!(problems, pairs(&case["expect"]["problems"]), "{name}");
    }
}

#[wasm_bindgen_test]
fn invalid_policy_vectors() {
    let vectors = json(include_str!("../vectors/invalid_policies.json"));
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case
            .get("policyText")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| case["policy"].to_string());
        let error = WasmEngine::new(&text).err().unwrap_or_else(|| panic!("{name}: refused"));
        let (code, problems) = problems(error);
        assert_eq!(code, "invalid_policy", "{name}");
        assert_eq!(problems, pairs(&case["expect"]), "{name}");
    }
}

#[wasm_bindgen_test]
fn mytrumpf_matrix_and_lint() {
    let vectors = json(include_str!("../vectors/matrices.json"));
    let m = &vectors["mytrumpf"];
    let engine = builtin("mytrumpf");
    let matrix = json(&engine.matrix_json(None, None).map_err(message).unwrap());
    let roles = m["roles"].as_array().unwrap();
    for (permission, marks) in m["rows"].as_object().unwrap() {
        for (role, mark) in roles.iter().zip(marks.as_array().unwrap()) {
            let cell = &matrix["cells"][role.as_str().unwrap()][permission];
            let want = match mark.as_str().unwrap() {
                "✔" => Value::from("direct"),
                "(✔)" => Value::from("implied"),
                _ => Value::Null,
            };
            assert_eq!(cell, &want, "{role} / {permission}");
        }
    }
    let lint = json(&engine.lint_json(Some("de".into())).map_err(message).unwrap());
    assert_eq!(lint[0]["code"], "redundant_grant");
    assert!(lint[0]["message"].as_str().unwrap().starts_with("die Rolle „Produktionsleiter“"));
    assert_eq!(engine.fingerprint().len(), 64);
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_and_the_engine_keeps_working() {
    let engine = builtin("platform");
    assert!(message(engine.matrix_json(None, Some("fr".into())).err().unwrap()).contains("unknown language 'fr'"));
    assert!(message(engine.session("not json").err().unwrap()).contains("\"code\":\"json_syntax\""));
    let subject = r#"{"tenant":"t","tenantKind":"operator","roles":["machine_operator"]}"#;
    assert!(
        message(engine.can(subject, "asset.read", Some("[1]".into())).err().unwrap()).contains("\"path\":\"resource\"")
    );
    assert_eq!(engine.can(subject, "asset.read", None).map_err(message), Ok(true));
}

/// The administration vectors through the boundary (the `wasm-admin` feature, as in the package's
/// Node module and `rolegate/web/full`): the same transitions, violations, queries and findings.
#[wasm_bindgen_test]
fn administration_vectors() {
    let vectors = json(include_str!("../vectors/admin.json"));
    let org_of = |c: &Value| {
        c.get("orgDocument").cloned().unwrap_or_else(|| vectors["orgs"][c["org"].as_str().unwrap()].clone())
    };
    for c in vectors["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let engine = engine(&c["policy"]);
        let answer = engine
            .apply_json(
                &org_of(c).to_string(),
                c["actor"].as_str().unwrap(),
                &c["operation"].to_string(),
                c["now"].as_str().unwrap(),
                Some("de".into()),
            )
            .map_err(message)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let answer = json(&answer);
        let expect = &c["expect"];
        assert_eq!(answer["ok"], expect["ok"], "{name}: {answer}");
        if expect["ok"] == true {
            assert_eq!(answer["org"], expect["org"], "{name}");
        } else {
            assert_eq!(pairs(&answer["violations"]), pairs(&expect["violations"]), "{name}");
            for v in answer["violations"].as_array().unwrap() {
                assert_eq!(v["message"], v["messages"]["de"], "{name}: the message in the language asked for");
            }
        }
    }
    for q in vectors["queries"].as_array().unwrap() {
        let engine = engine(&q["policy"]);
        let org = org_of(q).to_string();
        let answer = match q["query"].as_str().unwrap() {
            "admins" => engine.admins_json(&org),
            _ => engine.who_can_json(&org, q["action"].as_str().unwrap(), q.get("resource").map(|r| r.to_string())),
        };
        let answer = json(&answer.map_err(message).unwrap());
        let got: Vec<Value> = answer
            .as_array()
            .unwrap()
            .iter()
            .map(|m| serde_json::json!({ "id": m["id"], "roles": m["roles"] }))
            .collect();
        assert_eq!(Value::from(got), q["expect"], "{}", q["name"]);
    }
    for l in vectors["lint"].as_array().unwrap() {
        let engine = engine(&l["policy"]);
        let answer = engine.lint_org_json(&org_of(l).to_string(), l["now"].as_str().map(String::from), None);
        let answer = json(&answer.map_err(message).unwrap());
        let got: Vec<Value> = answer
            .as_array()
            .unwrap()
            .iter()
            .map(|f| serde_json::json!({ "code": f["code"], "severity": f["severity"], "path": f["path"] }))
            .collect();
        assert_eq!(Value::from(got), l["expect"], "{}", l["name"]);
    }
}

/// A snapshot or operation that does not parse is thrown, naming the field; one that does not fit
/// the policy is thrown by the queries as `invalid_org`; the engine keeps working.
#[wasm_bindgen_test]
fn administration_errors() {
    let engine = builtin("mytrumpf");
    let bad_org = engine.apply_json(
        r#"{"tenant":"acme","kind":"customer","members":[{"id":1}]}"#,
        "a",
        r#"{"op":"approve","member":"x"}"#,
        "2026-11-22T12:00:00Z",
        None,
    );
    let (code, found) = problems(bad_org.unwrap_err());
    assert_eq!(code, "invalid_request");
    assert!(found.contains(&("json_shape".to_string(), "org.members[0].id".to_string())), "{found:?}");
    let bad_op = engine.apply_json(
        r#"{"tenant":"acme","kind":"customer","members":[]}"#,
        "a",
        r#"{"op":"promote"}"#,
        "2026-11-22T12:00:00Z",
        None,
    );
    assert_eq!(problems(bad_op.unwrap_err()).1[0].1, "operation.op");
    let (code, found) = problems(engine.admins_json(r#"{"tenant":"acme","kind":"zoo","members":[]}"#).unwrap_err());
    assert_eq!((code.as_str(), found[0].1.as_str()), ("invalid_org", "org.kind"));
    let session = engine.member_session(r#"{"tenant":"acme","kind":"customer","members":[{"id":"a","email":"a@x.example","name":"A","status":"active","roles":["purchaser"]}]}"#, "a");
    assert!(session.map_err(message).unwrap().can("eshop.order.release", None).unwrap());
}
