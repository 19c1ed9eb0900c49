//! The two ways of reading a document agree. Every document type derives `Deserialize` (for
//! callers who read it with serde directly: the first problem only), and the crate reads
//! documents with a typed walk that reports every problem (`Policy::from_value`,
//! `Subject::from_value`, …). Over every one-step variation of real documents (each member removed
//! or renamed, each value replaced by one of another type), the derive accepts exactly what the
//! walk accepts, and reads the same value; and what the crate writes reads back as itself.

mod common;

use common::*;
use rolegate::{Operation, Organization, Policy, RequestError, Resource, Subject};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::fmt::Debug;

/// JSON pointers of every node of `value`.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                pointers(member, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Every one-step variation of `doc`: each node replaced by values of every JSON type, each
/// object member removed and renamed.
fn variations(doc: &Value) -> Vec<(String, Value)> {
    let replacements = [
        json!(null),
        json!(true),
        json!(0),
        json!(1.5),
        json!(-1),
        json!("x"),
        json!([]),
        json!({}),
        json!(["x"]),
        json!({"a": "b"}),
    ];
    let mut all = Vec::new();
    let mut at = Vec::new();
    pointers(doc, String::new(), &mut at);
    for pointer in at {
        for replacement in &replacements {
            let mut v = doc.clone();
            *v.pointer_mut(&pointer).expect("a pointer of the document") = replacement.clone();
            all.push((format!("{pointer} = {replacement}"), v));
        }
        if let Some(members) = doc.pointer(&pointer).and_then(Value::as_object) {
            for key in members.keys() {
                let mut removed = doc.clone();
                removed.pointer_mut(&pointer).unwrap().as_object_mut().unwrap().shift_remove(key);
                all.push((format!("{pointer}/{key} removed"), removed));
                let mut renamed = doc.clone();
                let object = renamed.pointer_mut(&pointer).unwrap().as_object_mut().unwrap();
                let member = object.shift_remove(key).unwrap();
                object.insert(format!("{key}s"), member);
                all.push((format!("{pointer}/{key} renamed"), renamed));
            }
        }
    }
    all
}

/// For `doc` and each variation: the walk and the derive accept alike and read the same value.
fn agree<T, E: Debug>(doc: &Value, walk: fn(&Value) -> Result<T, E>) -> (usize, usize)
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let (mut read, mut refused) = (0, 0);
    for (what, variant) in std::iter::once(("the document".to_string(), doc.clone())).chain(variations(doc)) {
        let walked = walk(&variant);
        let derived = serde_json::from_value::<T>(variant.clone());
        match (walked, derived) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{what}: the same value");
                read += 1;
            }
            (Err(_), Err(_)) => refused += 1,
            (Ok(_), Err(e)) => panic!("{what}: the walk reads it, the derive refuses it: {e}\n{variant}"),
            (Err(e), Ok(_)) => panic!("{what}: the derive reads it, the walk refuses it: {e:?}\n{variant}"),
        }
    }
    (read, refused)
}

#[test]
fn policies_read_alike_both_ways() {
    let docs: Vec<Value> = rolegate::Builtin::ALL.iter().map(|b| json(b.source())).collect();
    for doc in &docs {
        let (read, refused) = agree::<Policy, _>(doc, Policy::from_value);
        assert!(read > 100 && refused > 1000, "{read} read, {refused} refused");
        // And the document as the crate writes it reads back as itself.
        let policy = Policy::from_value(doc).unwrap();
        assert_eq!(Policy::from_json(&policy.to_json()).unwrap(), policy);
        assert_eq!(serde_json::from_value::<Policy>(serde_json::to_value(&policy).unwrap()).unwrap(), policy);
    }
    let lint = json(LINT);
    for case in lint["cases"].as_array().unwrap().iter().take(6) {
        if case["policy"].is_object() {
            agree::<Policy, _>(&case["policy"], Policy::from_value);
        }
    }
}

#[test]
fn subjects_and_resources_read_alike_both_ways() {
    let mut subjects = 0;
    for (_, text) in DECISION_FILES {
        for case in json(text)["cases"].as_array().unwrap().iter().step_by(7) {
            agree::<Subject, RequestError>(&case["subject"], Subject::from_value);
            if let Some(resource) = case.get("resource") {
                agree::<Resource, RequestError>(resource, Resource::from_value);
            }
            subjects += 1;
        }
    }
    assert!(subjects > 10);
}

#[test]
fn organizations_and_operations_read_alike_both_ways() {
    let admin = json(include_str!("vectors/admin.json"));
    for org in admin["orgs"].as_object().unwrap().values() {
        agree::<Organization, RequestError>(org, Organization::from_value);
        let read = Organization::from_value(org).unwrap();
        assert_eq!(Organization::from_json(&read.to_json()).unwrap(), read, "written and read back");
    }
    let mut ops = 0;
    for case in admin["cases"].as_array().unwrap() {
        agree::<Operation, RequestError>(&case["operation"], Operation::from_value);
        ops += 1;
    }
    assert!(ops > 20);
}
