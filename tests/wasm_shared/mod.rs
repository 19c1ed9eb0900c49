//! The shared vectors through the JavaScript boundary (`rolegate::wasm`), compiled to wasm and run
//! by wasm-bindgen-test, under Node (`tests/wasm_node.rs`) and in headless Chromium
//! (`tests/wasm_browser.rs`), with every wasm feature (the Node module's). Values cross as the
//! package hands them over: JS objects, made here from the vectors with serde-wasm-bindgen, and
//! answers read back the same way. The native tests check the same files against the same
//! expectations, so both builds give identical decisions and codes for every vector.

use rolegate::wasm::{WasmEngine, WasmSession};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const DECISION_FILES: &[&str] = &[
    include_str!("../vectors/decisions_mytrumpf.json"),
    include_str!("../vectors/decisions_platform.json"),
    include_str!("../vectors/decisions_scopes.json"),
];

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// A vector's value as the JS object the package would pass (plain objects, not `Map`s).
fn js(value: &Value) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("a JS value")
}

/// An optional vector value: `undefined` when absent.
fn js_opt(value: Option<&Value>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, js)
}

/// A module answer as JSON.
fn back(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).expect("JSON data")
}

/// The built-in policies' text: the wasm build leaves them out, as the package does.
fn builtin(name: &str) -> WasmEngine {
    let text = match name {
        "mytrumpf" => include_str!("../../policies/mytrumpf.json"),
        "platform" => include_str!("../../policies/platform.json"),
        other => panic!("no built-in policy {other}"),
    };
    WasmEngine::new(JsValue::from(text)).map_err(message).unwrap()
}

fn engine(policy: &Value) -> WasmEngine {
    match policy.as_str() {
        Some(name) => builtin(name),
        None => WasmEngine::new(js(policy)).unwrap_or_else(|e| panic!("{}", message(e))),
    }
}

/// The message of a thrown Error.
fn message(error: JsValue) -> String {
    error.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

/// `(code, path)` of each problem in a list of `{ code, path, … }`.
fn pairs(list: &Value) -> Vec<(String, String)> {
    let items = list.as_array().expect("a list of problems").iter();
    items.map(|p| (p["code"].as_str().unwrap().to_string(), p["path"].as_str().unwrap().to_string())).collect()
}

/// The thrown Error's `code` and its problems' `(code, path)`; it is a JS `Error` with `kind`.
fn problems(error: JsValue) -> (String, Vec<(String, String)>) {
    assert!(error.is_instance_of::<js_sys::Error>(), "a real Error is thrown");
    let payload = back(error);
    assert!(matches!(payload["kind"].as_str(), Some("policy" | "request")), "{payload}");
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
            let subject = &case["subject"];
            let action = case["action"].as_str().unwrap();
            let resource = case.get("resource");
            let expect = &case["expect"];
            let allowed = expect["allowed"].as_bool().unwrap();

            let session: WasmSession =
                engine.session(js(subject), JsValue::UNDEFINED, JsValue::UNDEFINED).map_err(message).unwrap();
            assert_eq!(session.can(action, js_opt(resource)).map_err(message), Ok(allowed), "{name}: session.can");
            for lang in ["en", "de"] {
                let explanation =
                    back(session.explain(action, js_opt(resource), Some(lang.into())).map_err(message).unwrap());
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

/// The plan vectors: engine and session plan alike, exactly as expected, and `can` agrees with
/// the plan on each listed resource.
#[wasm_bindgen_test]
fn plan_vectors() {
    let vectors = json(include_str!("../vectors/plans.json"));
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine(&case["policy"]);
        let (subject, action) = (&case["subject"], case["action"].as_str().unwrap());
        let session: WasmSession =
            engine.session(js(subject), JsValue::UNDEFINED, JsValue::UNDEFINED).map_err(message).unwrap();
        let plan = back(session.plan(action).map_err(message).unwrap());
        assert_eq!(plan, case["expect"], "{name}: session.plan");
        for (list, allowed) in [("allowed", true), ("denied", false)] {
            for resource in case[list].as_array().unwrap() {
                let resource = if resource.is_null() { JsValue::NULL } else { js(resource) };
                assert_eq!(session.can(action, resource).map_err(message), Ok(allowed), "{name}: can");
            }
        }
    }
}

#[wasm_bindgen_test]
fn subject_error_vectors() {
    let vectors = json(include_str!("../vectors/subject_errors.json"));
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine(&case["policy"]);
        let error = engine
            .session(js(&case["subject"]), JsValue::UNDEFINED, JsValue::UNDEFINED)
            .err()
            .unwrap_or_else(|| panic!("{name}: refused"));
        let (code, problems) = problems(error);
        assert_eq!(code, case["expect"]["error"].as_str().unwrap(), "{name}");
        assert_eq!(problems, pairs(&case["expect"]["problems"]), "{name}");
    }
}

/// Every invalid policy, as JSON text and (when it is JSON) as a JS object: the same problems.
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
        let error = WasmEngine::new(JsValue::from(text)).err().unwrap_or_else(|| panic!("{name}: refused"));
        let (code, problems) = problems(error);
        assert_eq!(code, "invalid_policy", "{name}");
        assert_eq!(problems, pairs(&case["expect"]), "{name}");
        if let Some(policy) = case.get("policy") {
            let error = WasmEngine::new(js(policy)).err().unwrap_or_else(|| panic!("{name}: refused as an object"));
            assert_eq!(self::problems(error).1, pairs(&case["expect"]), "{name}: as an object");
        }
    }
}

#[wasm_bindgen_test]
fn mytrumpf_matrix_and_lint() {
    let vectors = json(include_str!("../vectors/matrices.json"));
    let m = &vectors["mytrumpf"];
    let engine = builtin("mytrumpf");
    let matrix = back(engine.matrix(None, None).map_err(message).unwrap());
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
    let lint = back(engine.lint(Some("de".into())).map_err(message).unwrap());
    assert_eq!(lint[0]["code"], "redundant_grant");
    assert!(lint[0]["message"].as_str().unwrap().starts_with("die Rolle „Produktionsleiter“"));
    assert_eq!(engine.fingerprint().len(), 64);
}

/// A compiled policy reads back as the same engine, and damaged bytes are a PolicyError.
#[wasm_bindgen_test]
fn snapshots_read_back() {
    let engine = builtin("platform");
    let copy = WasmEngine::from_snapshot(&engine.snapshot()).map_err(message).unwrap();
    assert_eq!(copy.fingerprint(), engine.fingerprint());
    assert_eq!(back(copy.policy().unwrap()), back(engine.policy().unwrap()));
    let (code, found) = problems(WasmEngine::from_snapshot(&[1, 2, 3]).err().unwrap());
    assert_eq!((code.as_str(), found[0].0.as_str()), ("invalid_policy", "invalid_snapshot"));
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_and_the_engine_keeps_working() {
    let engine = builtin("platform");
    assert!(message(engine.matrix(None, Some("fr".into())).err().unwrap()).contains("unknown language 'fr'"));
    let (code, found) =
        problems(engine.session(JsValue::from("not an object"), JsValue::UNDEFINED, JsValue::UNDEFINED).err().unwrap());
    assert_eq!((code.as_str(), found[0].0.as_str(), found[0].1.as_str()), ("invalid_request", "json_shape", "subject"));
    let subject = json(r#"{"tenant":"t","tenantKind":"operator","roles":["machine_operator"]}"#);
    let machine_operator = engine.session(js(&subject), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let (_, found) = problems(machine_operator.can("asset.read", js(&json("[1]"))).err().unwrap());
    assert_eq!(found[0].1, "resource");
    assert_eq!(machine_operator.can("asset.read", JsValue::UNDEFINED).map_err(message), Ok(true));
    // A misspelt key of a JS object is found although serde-wasm-bindgen reads only known fields.
    let misspelt = json(r#"{"tenant":"t","tenantKind":"operator","role":["machine_operator"]}"#);
    let (_, found) = problems(engine.session(js(&misspelt), JsValue::UNDEFINED, JsValue::UNDEFINED).err().unwrap());
    assert_eq!(found[0], ("json_shape".to_string(), "subject.role".to_string()));
    // A resource that does not fit is named (whole numbers are read as text; a boolean is not).
    let session = engine.session(js(&subject), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        problems(session.can("asset.read", js(&json(r#"{"site": true}"#))).err().unwrap()).1[0].1,
        "resource.site"
    );
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
            .apply(js(&org_of(c)), c["actor"].as_str().unwrap(), js(&c["operation"]), js(&c["now"]), Some("de".into()))
            .map_err(message)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let answer = back(answer);
        let expect = &c["expect"];
        assert_eq!(answer["ok"], expect["ok"], "{name}: {answer}");
        if expect["ok"] == true {
            assert_eq!(answer["org"], expect["org"], "{name}");
            assert_eq!(answer.get("created"), expect.get("created"), "{name}: the created tenant");
        } else {
            assert_eq!(pairs(&answer["violations"]), pairs(&expect["violations"]), "{name}");
            for v in answer["violations"].as_array().unwrap() {
                assert_eq!(v["message"], v["messages"]["de"], "{name}: the message in the language asked for");
            }
        }
    }
    for q in vectors["queries"].as_array().unwrap() {
        let engine = engine(&q["policy"]);
        let org = js(&org_of(q));
        let answer = match q["query"].as_str().unwrap() {
            "admins" => engine.admins(org),
            "whoCanAnywhere" => engine.who_can(org, q["action"].as_str().unwrap(), JsValue::UNDEFINED, true),
            _ => engine.who_can(org, q["action"].as_str().unwrap(), js_opt(q.get("resource")), false),
        };
        if let Some(expected) = q.get("error") {
            let error = answer.expect_err(q["name"].as_str().unwrap());
            let (code, found) = problems(error.clone());
            assert_eq!(code, "invalid_request", "{}", q["name"]);
            assert_eq!(
                found,
                vec![(expected["code"].as_str().unwrap().to_string(), expected["path"].as_str().unwrap().to_string())]
            );
            assert_eq!(back(error)["problems"][0]["message"], expected["message"], "{}", q["name"]);
            continue;
        }
        let answer = back(answer.map_err(message).unwrap());
        let got: Vec<Value> = answer
            .as_array()
            .unwrap()
            .iter()
            .map(|m| serde_json::json!({ "id": m["id"], "roles": m["roles"] }))
            .collect();
        assert_eq!(Value::from(got), q["expect"], "{}", q["name"]);
    }
    for q in vectors["onboarding"].as_array().unwrap() {
        let engine = engine(&q["policy"]);
        let org = js(&org_of(q));
        let answer = match q["query"].as_str().unwrap() {
            "customers" => engine.customers(org, js_opt(q.get("now"))),
            _ => engine.invited_by(org),
        };
        assert_eq!(back(answer.map_err(message).unwrap()), q["expect"], "{}", q["name"]);
    }
    for l in vectors["lint"].as_array().unwrap() {
        let engine = engine(&l["policy"]);
        let answer = engine.lint_org(js(&org_of(l)), js_opt(l.get("now")), None);
        let answer = back(answer.map_err(message).unwrap());
        let got: Vec<Value> = answer
            .as_array()
            .unwrap()
            .iter()
            .map(|f| serde_json::json!({ "code": f["code"], "severity": f["severity"], "path": f["path"] }))
            .collect();
        assert_eq!(Value::from(got), l["expect"], "{}", l["name"]);
    }
}

/// A snapshot or operation that does not read is thrown, naming the field; one that does not fit
/// the policy is thrown by the queries as `invalid_org`; `now` may be a JS `Date`; the engine
/// keeps working.
#[wasm_bindgen_test]
fn administration_errors() {
    let engine = builtin("mytrumpf");
    let now = JsValue::from("2026-11-22T12:00:00Z");
    let bad_org = engine.apply(
        js(&json(r#"{"tenant":"acme","kind":"customer","members":[{"id":1}]}"#)),
        "a",
        js(&json(r#"{"op":"approve","member":"x"}"#)),
        now.clone(),
        None,
    );
    let (code, found) = problems(bad_org.unwrap_err());
    assert_eq!(code, "invalid_request");
    assert!(found.contains(&("json_shape".to_string(), "org.members[0].id".to_string())), "{found:?}");
    let empty = json(r#"{"tenant":"acme","kind":"customer","members":[]}"#);
    let bad_op = engine.apply(js(&empty), "a", js(&json(r#"{"op":"promote"}"#)), now.clone(), None);
    assert_eq!(problems(bad_op.unwrap_err()).1[0].1, "operation.op");
    let (code, found) =
        problems(engine.admins(js(&json(r#"{"tenant":"acme","kind":"zoo","members":[]}"#))).unwrap_err());
    assert_eq!((code.as_str(), found[0].1.as_str()), ("invalid_org", "org.kind"));
    // `now` as a Date, and as something that is no time.
    let date = js_sys::Date::new(&JsValue::from("2026-11-22T12:00:00Z"));
    let create = json(
        r#"{"op":"createTenant","tenant":"acme","kind":"customer","user":{"id":"a","email":"a@x.example","name":"A"}}"#,
    );
    let created = back(engine.apply(js(&empty), "a", js(&create), date.into(), None).map_err(message).unwrap());
    assert_eq!(created["org"]["members"][0]["since"], "2026-11-22T12:00:00Z");
    let (_, found) = problems(engine.apply(js(&empty), "a", js(&create), JsValue::from(7), None).unwrap_err());
    assert_eq!(found[0].1, "now");
    let session = engine.member_session(js(&created["org"]), "a");
    assert!(session.map_err(message).unwrap().can("eshop.order.release", JsValue::UNDEFINED).unwrap());
}

/// The approval-process vectors through the boundary: decisions (a member's session with the
/// tenant's rules, a subject's with the policy's defaults or with `rules`), plans with `unless`,
/// and the life of each request (`submit`, `step`, `eligibleApprovers`), as natively.
#[wasm_bindgen_test]
fn approval_vectors() {
    let vectors = json(include_str!("../vectors/approvals.json"));
    let engine_of = |case: &Value| match vectors["policies"].get(case["policy"].as_str().unwrap()) {
        Some(doc) => engine(doc),
        None => engine(&case["policy"]),
    };
    let org_of = |case: &Value| js(&vectors["orgs"][case["org"].as_str().unwrap()]);
    let session_of = |engine: &WasmEngine, case: &Value| -> Result<WasmSession, JsValue> {
        match case.get("member") {
            Some(member) => engine.member_session(org_of(case), member.as_str().unwrap()),
            None => engine.session(js(&case["subject"]), js_opt(case.get("rules")), JsValue::UNDEFINED),
        }
    };
    for case in vectors["decisions"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine_of(case);
        let resource = js_opt(case.get("resource").filter(|r| !r.is_null()));
        let expect = &case["expect"];
        let action = case["action"].as_str().unwrap();
        let decided = session_of(&engine, case).and_then(|session| session.decide(action, resource.clone()));
        match expect.get("error") {
            Some(want) => {
                let (_, found) = problems(decided.err().unwrap_or_else(|| panic!("{name}: refused")));
                assert_eq!(
                    (found[0].0.as_str(), found[0].1.as_str()),
                    (want["code"].as_str().unwrap(), want["path"].as_str().unwrap()),
                    "{name}"
                );
            }
            None => {
                let answer = back(decided.map_err(message).unwrap_or_else(|e| panic!("{name}: {e}")));
                for key in ["allowed", "effect", "code"] {
                    assert_eq!(answer[key], expect[key], "{name}: {key}");
                }
                assert_eq!(answer.get("approval"), expect.get("approval"), "{name}: approval");
                let session = session_of(&engine, case).unwrap();
                let explained = back(session.explain(action, resource, Some("de".into())).map_err(message).unwrap());
                assert_eq!((&explained["effect"], &explained["code"]), (&expect["effect"], &expect["code"]), "{name}");
                if let Some(part) = expect.get("messageContains").and_then(|m| m["de"].as_str()) {
                    assert!(explained["message"].as_str().unwrap().contains(part), "{name}: {explained}");
                }
            }
        }
    }
    for case in vectors["plans"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine_of(case);
        let session = session_of(&engine, case).map_err(message).unwrap();
        let action = case["action"].as_str().unwrap();
        assert_eq!(back(session.plan(action).map_err(message).unwrap()), case["expect"], "{name}");
        for (list, allowed) in [("allowed", true), ("denied", false)] {
            for r in case[list].as_array().unwrap() {
                let resource = if r.is_null() { JsValue::NULL } else { js(r) };
                assert_eq!(session.can(action, resource).map_err(message).unwrap_or(false), allowed, "{name}: {r}");
            }
        }
    }
    for case in vectors["lifecycle"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine_of(case);
        let mut current: Option<Value> = None;
        for entry in case["steps"].as_array().unwrap() {
            let expect = &entry["expect"];
            if entry.get("eligible").is_some() {
                let request = js(current.as_ref().unwrap());
                let members = back(engine.eligible_approvers(org_of(case), request).map_err(message).unwrap());
                let ids: Vec<Value> = members.as_array().unwrap().iter().map(|m| m["id"].clone()).collect();
                assert_eq!(Value::from(ids), *expect, "{name}: eligible");
                continue;
            }
            let now = js(&entry["now"]);
            let answer = if let Some(s) = entry.get("submit") {
                let resource = js_opt(s.get("resource").filter(|r| !r.is_null()));
                engine.submit(
                    org_of(case),
                    s["requester"].as_str().unwrap(),
                    s["action"].as_str().unwrap(),
                    resource,
                    s["id"].as_str().unwrap(),
                    now,
                    None,
                )
            } else {
                let request = entry.get("request").cloned().or_else(|| current.clone()).unwrap();
                engine.step(org_of(case), js(&request), entry["actor"].as_str().unwrap(), js(&entry["step"]), now, None)
            };
            let answer = back(answer.map_err(message).unwrap_or_else(|e| panic!("{name}: {e}")));
            assert_eq!(answer["ok"], expect["ok"], "{name}: {answer}");
            if expect["ok"] == true {
                assert_eq!(answer["request"], expect["request"], "{name}: the request");
                current = Some(answer["request"].clone());
            } else {
                assert_eq!(pairs(&answer["violations"]), pairs(&expect["violations"]), "{name}");
            }
        }
    }
    for case in vectors["awaiting"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let engine = engine_of(case);
        let plan = engine.awaiting(org_of(case), case["member"].as_str().unwrap(), case["action"].as_str().unwrap());
        assert_eq!(back(plan.map_err(message).unwrap()), case["expect"], "{name}");
    }
}

/// Time-bound assignments (`windows.json`): each case decided at its `at`, given as RFC 3339
/// text and as a `Date`, with `validUntil`; the errors at their paths; a time that is none.
#[wasm_bindgen_test]
fn window_vectors() {
    let vectors = json(include_str!("../vectors/windows.json"));
    let engine = engine(&vectors["policy"]);
    for case in vectors["decisions"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (action, resource, expect) = (case["action"].as_str().unwrap(), case.get("resource"), &case["expect"]);
        let at = case["at"].as_str().unwrap();
        let date: JsValue = js_sys::Date::new(&JsValue::from(at)).into();
        for when in [JsValue::from(at), date] {
            let session = engine.session(js(&case["subject"]), JsValue::UNDEFINED, when).map_err(message).unwrap();
            assert_eq!(session.can(action, js_opt(resource)).map_err(message), Ok(expect["allowed"] == true), "{name}");
            let valid_until = session
                .valid_until()
                .map(|ms| String::from(js_sys::Date::new(&JsValue::from(ms)).to_iso_string()).replace(".000Z", "Z"));
            assert_eq!(valid_until.map_or(Value::Null, Value::from), expect["validUntil"], "{name}: validUntil");
            let explanation =
                back(session.explain(action, js_opt(resource), Some("de".into())).map_err(message).unwrap());
            assert_eq!(explanation["code"], expect["code"], "{name}");
            if let Some(want) = expect.get("grantedBy") {
                assert_eq!(&explanation["grantedBy"], want, "{name}: grantedBy");
            }
            if let Some(part) = expect.get("messageContains").and_then(|m| m["de"].as_str()) {
                assert!(explanation["message"].as_str().unwrap().contains(part), "{name}: {}", explanation["message"]);
            }
        }
    }
    for case in vectors["errors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let at = JsValue::from(case["at"].as_str().unwrap());
        let error =
            engine.session(js(&case["subject"]), JsValue::UNDEFINED, at).err().unwrap_or_else(|| panic!("{name}"));
        let (code, found) = problems(error);
        assert_eq!(code, case["expect"]["error"].as_str().unwrap(), "{name}");
        assert_eq!(found, pairs(&case["expect"]["problems"]), "{name}");
    }
    let subject = json(r#"{ "tenant": "acme", "roles": ["purchaser"] }"#);
    for bad in [JsValue::from("next Tuesday"), JsValue::from(5), js_sys::Date::new(&JsValue::from(f64::NAN)).into()] {
        let error = engine.session(js(&subject), JsValue::UNDEFINED, bad).err().expect("not a time");
        assert_eq!(problems(error), ("invalid_request".into(), vec![("invalid_time".into(), "options.at".into())]));
    }
}
