//! The JSON Schemas in `schema/` (shipped in the npm package as `rolegate/schema/NAME.json`) are
//! what the Rust types derive: a type changed without its schema file fails here. To bring the
//! files up to date: `make schemas`. The CLI prints these files (`rolegate schema NAME`).
#![cfg(feature = "schema")]

use rolegate::policy::Policy;

fn committed(name: &str) -> serde_json::Value {
    let path = format!("{}/schema/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// With `UPDATE_SCHEMAS=1` (`make schemas`), the files are written from the types instead.
#[test]
fn each_schema_file_is_what_the_types_derive() {
    for name in rolegate::schema::NAMES {
        let derived = rolegate::schema::schema(name).unwrap();
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            let text = serde_json::to_string_pretty(&derived).unwrap() + "\n";
            std::fs::write(format!("{}/schema/{name}.json", env!("CARGO_MANIFEST_DIR")), text).unwrap();
            continue;
        }
        assert!(
            derived == committed(name),
            "schema/{name}.json is not what the Rust types derive: run `make schemas` and commit the file"
        );
    }
}

#[test]
fn a_policy_may_name_its_schema_which_the_fingerprint_ignores() {
    let text = rolegate::Builtin::Mytrumpf.source();
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    let plain = Policy::from_json(text).unwrap();
    value.as_object_mut().unwrap().insert("$schema".into(), "./node_modules/rolegate/schema/policy.json".into());
    let named = Policy::from_json(&value.to_string()).unwrap();
    assert_eq!(named, plain, "`$schema` is not part of the policy");
    let fingerprint = |p: Policy| rolegate::PolicyEngine::new(p).unwrap().fingerprint();
    assert_eq!(fingerprint(named), fingerprint(plain));

    value["$schema"] = serde_json::json!(7);
    let error = Policy::from_json(&value.to_string()).unwrap_err();
    assert!(error.to_string().contains("$schema"), "a `$schema` that is not text is named: {error}");
}
