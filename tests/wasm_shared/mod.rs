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
