//! Compiled policies as bytes (`PolicyEngine::snapshot` / `from_snapshot`): an engine read back
//! from its snapshot is the same engine, and damaged or foreign bytes are an error, never a panic.

mod common;

use common::*;
use proptest::prelude::*;
use rolegate::{Builtin, Code, Lang, PolicyEngine, PolicyError};
use serde_json::Value;

/// Every policy the vectors hold (the built-ins and the inline documents that compile).
fn vector_engines() -> Vec<(String, PolicyEngine)> {
    let mut engines: Vec<(String, PolicyEngine)> = Builtin::ALL
        .iter()
        .map(|b| (b.id().to_string(), PolicyEngine::builtin(*b).expect("built-in compiles")))
        .collect();
    for (file, text) in DECISION_FILES.iter().chain([&("lint.json", LINT)]) {
        let doc = json(text);
        let mut policies: Vec<&Value> = Vec::new();
        collect_policies(&doc, &mut policies);
        for (i, policy) in policies.into_iter().enumerate() {
            if let Ok(engine) = PolicyEngine::from_json(&policy.to_string()) {
                engines.push((format!("{file} #{i}"), engine));
            }
        }
    }
    engines
}

/// Every inline policy document (an object under a `policy` key) anywhere in `v`.
fn collect_policies<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "policy" && value.is_object() {
                    out.push(value);
                }
                collect_policies(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_policies(item, out)),
        _ => {}
    }
}

/// What the engine answers about itself, in both languages, as JSON.
fn queries(engine: &PolicyEngine) -> Vec<Value> {
    let mut out = vec![
        Value::String(engine.fingerprint()),
        as_json(engine.policy()),
        as_json(&engine.kinds()),
        as_json(&engine.permissions()),
        as_json(&engine.roles(None).expect("every role")),
        as_json(&engine.lint()),
    ];
    for lang in [Lang::En, Lang::De] {
        out.push(as_json(&engine.matrix(None, lang).expect("the whole matrix")));
        for kind in engine.kinds() {
            out.push(as_json(&engine.matrix(Some(&kind.id), lang).expect("a kind's matrix")));
        }
    }
    out
}

fn ids(engine: &PolicyEngine) -> (Vec<String>, Vec<String>) {
    let roles = engine.roles(None).expect("every role").into_iter().map(|r| r.id).collect();
    let mut actions: Vec<String> = engine.permissions().into_iter().map(|p| p.id).collect();
    actions.push("no.such.action".into());
    (roles, actions)
}

#[test]
fn an_engine_read_from_its_snapshot_is_the_same_engine() {
    let engines = vector_engines();
    assert!(engines.len() >= 6, "the vectors hold the built-ins and several inline policies: {}", engines.len());
    for (name, engine) in engines {
        let bytes = engine.snapshot();
        let back = PolicyEngine::from_snapshot(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Writing it again gives the same bytes: nothing was lost or changed on the way.
        assert_eq!(back.snapshot(), bytes, "{name}: the snapshot round-trips byte for byte");
        assert_eq!(back.policy(), engine.policy(), "{name}");
        assert_eq!(queries(&back), queries(&engine), "{name}");
        let (roles, actions) = ids(&engine);
        assert_eq!(decisions(&back, &roles, &actions), decisions(&engine, &roles, &actions), "{name}");
    }
}

#[test]
fn a_snapshot_is_smaller_than_the_policy_text() {
    for builtin in Builtin::ALL {
        let engine = PolicyEngine::builtin(builtin).expect("built-in compiles");
        let text = serde_json::to_string(&json(builtin.source())).expect("minified");
        let bytes = engine.snapshot();
        assert!(
            bytes.len() < text.len(),
            "{}: {} bytes of snapshot, {} of JSON",
            builtin.id(),
            bytes.len(),
            text.len()
        );
    }
}

fn snapshot_error(bytes: &[u8]) -> Option<PolicyError> {
    PolicyEngine::from_snapshot(bytes).err()
}

#[test]
fn foreign_bytes_are_an_error_naming_the_version() {
    let bytes = PolicyEngine::builtin(Builtin::Mytrumpf).expect("built-in").snapshot();
    let version = env!("CARGO_PKG_VERSION");
    let mut other = bytes.clone();
    // The version follows the magic and its length byte: change its first digit.
    other[5] = if other[5] == b'9' { b'8' } else { b'9' };
    for bad in [&b""[..], b"{\"id\":\"x\"}", b"RGS1", &other] {
        let error = snapshot_error(bad).expect("not this version's snapshot");
        assert_eq!(error.problems.len(), 1);
        let problem = &error.problems[0];
        assert_eq!((problem.code.as_str(), problem.path.as_str()), ("invalid_snapshot", "$"));
        assert!(problem.message.en.contains(version), "{}", problem.message.en);
        assert!(problem.message.de.contains("kompilierte Richtlinie"), "{}", problem.message.de);
    }
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = PolicyEngine::builtin(Builtin::Platform).expect("built-in").snapshot();
    for end in 0..bytes.len() {
        let error = snapshot_error(&bytes[..end]).unwrap_or_else(|| panic!("{end} of {} bytes read", bytes.len()));
        assert_eq!(error.problems[0].code.as_str(), "invalid_snapshot");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(snapshot_error(&longer).is_some(), "bytes after the end are refused too");
}

/// Reads `bytes`; when they load, the engine must answer everything without panicking.
fn load_and_use(bytes: &[u8]) {
    if let Ok(engine) = PolicyEngine::from_snapshot(bytes) {
        let _ = queries(&engine);
        let (roles, actions) = ids(&engine);
        let _ = decisions(&engine, &roles, &actions);
        for role in roles.iter().take(3) {
            let subject = rolegate::Subject::new("t", &[role.as_str()]);
            for action in actions.iter().take(5) {
                let _ = engine.explain(&subject, action, None).map(|e| e.message);
            }
        }
    }
}

#[test]
fn every_one_byte_change_is_an_error_or_a_usable_engine() {
    let bytes = PolicyEngine::builtin(Builtin::Mytrumpf).expect("built-in").snapshot();
    let mut loaded = 0;
    for at in 0..bytes.len() {
        for change in [0x01u8, 0x80, 0xff] {
            let mut bad = bytes.clone();
            bad[at] ^= change;
            if PolicyEngine::from_snapshot(&bad).is_ok() {
                loaded += 1;
            }
            load_and_use(&bad);
        }
    }
    // Some changes only alter a label or a flag and still load; most are caught.
    assert!(loaded < bytes.len(), "{loaded} of {} changed snapshots loaded", 3 * bytes.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
        load_and_use(&tail);
        // Behind a valid header too, so that the reader gets past the first check.
        let mut bytes = b"RGS1".to_vec();
        let version = env!("CARGO_PKG_VERSION");
        bytes.push(version.len() as u8);
        bytes.extend_from_slice(version.as_bytes());
        bytes.extend_from_slice(&tail);
        load_and_use(&bytes);
    }

    #[test]
    fn spliced_snapshots_never_panic(cut in 0usize..4000, other_cut in 0usize..9000) {
        // The head of one built-in's snapshot with the tail of the other's: well-formed pieces
        // in the wrong places.
        let a = PolicyEngine::builtin(Builtin::Mytrumpf).expect("built-in").snapshot();
        let b = PolicyEngine::builtin(Builtin::Platform).expect("built-in").snapshot();
        let mut bytes = a[..cut.min(a.len())].to_vec();
        bytes.extend_from_slice(&b[other_cut.min(b.len())..]);
        load_and_use(&bytes);
    }
}
