//! JSON Schemas of the documents the crate reads (feature `schema`): the policy, the organization
//! snapshot and an administration operation, derived with schemars from the Rust types and their
//! serde attributes, so that a schema cannot drift from the types; the descriptions are the doc
//! comments. The few types with hand-written serde impls (a string or a list, a bound that is text
//! or a number, a role assignment that is a string or an object) describe their JSON form here.
//!
//! The schemas give editors completion and hover text and catch a document's shape; what only the
//! policy knows (an unknown role, a permission that does not exist) is the reader's to report.
//! The repository keeps each schema as a file (`schema/NAME.json`, shipped in the npm package), and
//! `tests/schema.rs` fails when a type changes and its file does not.

use crate::admin::{Operation, Organization};
use crate::engine::RoleAssignment;
use crate::policy::{Comment, Condition, Conditions, Policy, Threshold};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;
use std::borrow::Cow;

/// The documents that have a schema, by the name `rolegate schema NAME` takes.
pub const NAMES: [&str; 3] = ["policy", "organization", "operation"];

/// The schema of the document `name` (one of [`NAMES`]) as JSON; `None` for another name.
pub fn schema(name: &str) -> Option<Value> {
    let mut schema = match name {
        "policy" => policy(),
        "organization" => schemars::schema_for!(Organization),
        "operation" => schemars::schema_for!(Operation),
        _ => return None,
    };
    schema.insert("$id".into(), Value::String(format!("https://rolegate.dev/schema/{name}.json")));
    let mut value = schema.to_value();
    drop_integer_formats(&mut value);
    Some(value)
}

/// Leaves out schemars' `format` of Rust's integer types (`uint32`, `int64`…): no JSON Schema
/// vocabulary defines them, so a validator in strict mode (Ajv's default) refuses the schema,
/// and the bounds that matter are there as `minimum`/`maximum`.
fn drop_integer_formats(value: &mut Value) {
    match value {
        Value::Object(members) => {
            let integer = members.get("format").and_then(Value::as_str).is_some_and(|f| {
                let digits = f.strip_prefix("uint").or_else(|| f.strip_prefix("int"));
                digits.is_some_and(|d| d.is_empty() || d.bytes().all(|b| b.is_ascii_digit()))
            });
            if integer {
                members.remove("format");
            }
            members.values_mut().for_each(drop_integer_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_integer_formats),
        _ => {}
    }
}

/// The policy's schema, with the `$schema` member a document may carry to name it (the reader
/// accepts it, the fingerprint ignores it).
fn policy() -> Schema {
    let mut schema = schemars::schema_for!(Policy);
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        properties.insert(
            "$schema".into(),
            serde_json::json!({
                "description": "The JSON Schema this document follows, for editors (e.g. `./node_modules/rolegate/schema/policy.json`). Read and ignored: it is not part of the policy or its fingerprint.",
                "type": "string"
            }),
        );
    }
    schema
}

impl JsonSchema for Comment {
    fn schema_name() -> Cow<'static, str> {
        "Comment".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A free-text note: one line, or a list of lines.",
            "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }]
        })
    }
}

impl JsonSchema for Threshold {
    fn schema_name() -> Cow<'static, str> {
        "Threshold".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A bound: money as text (`\"5000.00 EUR\"`: digits, optionally a point and decimals, a space, an ISO 4217 code) or a whole number.",
            "anyOf": [{ "type": "string" }, { "type": "integer" }]
        })
    }
}

impl JsonSchema for Condition {
    fn schema_name() -> Cow<'static, str> {
        "Condition".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // `null` is a bound left out, as for every `Option` serde reads.
        let bound = serde_json::json!({ "anyOf": [generator.subschema_for::<Threshold>(), { "type": "null" }] });
        json_schema!({
            "description": "Bounds on one attribute: `over` (>), `atLeast` (≥), `below` (<), `upTo` (≤); at least one (the reader reports a condition without a bound).",
            "type": "object",
            "properties": { "over": bound, "atLeast": bound, "below": bound, "upTo": bound },
            "additionalProperties": false
        })
    }
}

impl JsonSchema for Conditions {
    fn schema_name() -> Cow<'static, str> {
        "Conditions".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let condition = generator.subschema_for::<Condition>();
        json_schema!({
            "description": "Conditions on a resource's typed attributes, by attribute id, e.g. `{ \"total\": { \"over\": \"5000.00 EUR\" } }`; all must hold.",
            "type": "object",
            "additionalProperties": condition
        })
    }
}

impl JsonSchema for RoleAssignment {
    fn schema_name() -> Cow<'static, str> {
        "RoleAssignment".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One role held, tenant-wide (`\"operator\"`) or limited to a scope and a window of time (`{ \"role\": \"operator\", \"scope\": { \"facility\": \"f1\" }, \"until\": \"2026-12-15T00:00:00Z\" }`).",
            "anyOf": [
                { "type": "string", "description": "A role's id, held tenant-wide." },
                {
                    "type": "object",
                    "properties": {
                        "role": { "type": "string", "description": "The role's id." },
                        "scope": {
                            "type": "object",
                            "description": "Scope key → value: the assignment counts for resources that carry each with the same value. Empty or left out: tenant-wide.",
                            "additionalProperties": { "type": "string" }
                        },
                        "from": {
                            "type": ["string", "null"],
                            "description": "When the assignment starts to count (RFC 3339, e.g. `2026-12-01T00:00:00Z`; included). Left out: it always has."
                        },
                        "until": {
                            "type": ["string", "null"],
                            "description": "When the assignment stops counting (RFC 3339; excluded; after `from`). Left out: it never does."
                        }
                    },
                    "required": ["role"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_has_a_schema_and_no_other() {
        for name in NAMES {
            let schema = schema(name).unwrap();
            assert_eq!(schema["$id"], format!("https://rolegate.dev/schema/{name}.json"));
            assert!(schema["description"].is_string(), "{name}: the type's doc comment");
        }
        assert!(schema("subject").is_none());
        let text = schema("policy").unwrap().to_string();
        assert!(!text.contains("\"uint32\"") && !text.contains("\"int64\""), "no formats a validator does not know");
        assert_eq!(schema("policy").unwrap()["properties"]["$schema"]["type"], "string");
    }
}
