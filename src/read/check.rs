//! Step 3 of reading: the checks that explain why a document did not deserialize. They walk the
//! `serde_json::Value`, keep the path, and go on after a problem, so one pass reports every
//! broken member of every element: wrong types, missing and unknown fields (with "did you mean"),
//! and numbers out of range. Each document type has its check beside its type
//! (`policy/codec.rs`, `engine/request.rs`, `admin/org.rs`, `admin/operation.rs`); a test holds
//! each to its type's serde derive: a value deserializes exactly when its check finds nothing.

use crate::lang::Label;
use crate::messages::{self as msg, Text};
use crate::path;
use crate::text::suggest;
use serde_json::{Map, Value};

/// Collects the problems found: (path, message).
#[derive(Default)]
pub(crate) struct Checker {
    pub problems: Vec<(String, Label)>,
}

/// The check of one value: the checker, the value, and its path.
pub(crate) type CheckFn = fn(&mut Checker, &Value, &str);

/// What kind of value `value` is, for messages.
pub(crate) fn kind(value: &Value) -> Label {
    match value {
        Value::Null => msg::KIND_NULL.label(),
        Value::Bool(_) => msg::KIND_BOOL.label(),
        Value::Number(_) => msg::KIND_NUMBER.label(),
        Value::String(_) => msg::KIND_STRING.label(),
        Value::Array(_) => msg::KIND_LIST.label(),
        Value::Object(_) => msg::KIND_OBJECT.label(),
    }
}

impl Checker {
    /// Records a problem at `path`.
    pub fn problem(&mut self, path: &str, message: Label) {
        self.problems.push((path.to_string(), message));
    }

    /// Records that `found` is not `expected`, showing short numbers and strings.
    pub fn wrong_type(&mut self, path: &str, expected: &Text, found: &Value) {
        let shown = match found {
            Value::Number(n) => [" (", &n.to_string(), ")"].concat(),
            Value::String(s) if crate::text::char_count(s) <= 24 => [" (", s, ")"].concat(),
            _ => String::new(),
        };
        self.problem(path, msg::WRONG_TYPE.fill(&[&expected.label(), &kind(found), &shown]));
    }

    /// The members of an object: reports a value that is not an object and members that are not
    /// among `fields`.
    pub fn object<'v>(&mut self, value: &'v Value, path: &str, fields: &[&str]) -> Option<Obj<'v>> {
        let Value::Object(members) = value else {
            self.wrong_type(path, &msg::KIND_OBJECT, value);
            return None;
        };
        for key in members.keys() {
            if !fields.contains(&key.as_str()) {
                let mut known = String::new();
                for (n, field) in fields.iter().enumerate() {
                    known.extend([if n == 0 { "`" } else { ", `" }, field, "`"]);
                }
                let hint = suggest(key, fields.iter().copied())
                    .map_or_else(Label::default, |s| msg::DID_YOU_MEAN_FIELD.fill(&[&s]));
                self.problem(&member_path(path, key), msg::UNKNOWN_FIELD.fill(&[key, &known, &hint]));
            }
        }
        Some(Obj { members, path: path.to_string() })
    }

    /// A string.
    pub fn string(&mut self, value: &Value, path: &str) {
        if !value.is_string() {
            self.wrong_type(path, &msg::KIND_STRING, value);
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, value: &Value, path: &str) {
        if !value.is_boolean() {
            self.wrong_type(path, &msg::KIND_BOOL, value);
        }
    }

    /// A whole number that fits 32 bits.
    pub fn uint(&mut self, value: &Value, path: &str) {
        match value {
            Value::Number(n) if n.as_u64().is_some_and(|n| u32::try_from(n).is_ok()) => {}
            Value::Number(n) => self.problem(path, msg::NOT_A_U32.fill(&[&n.to_string()])),
            other => self.wrong_type(path, &msg::KIND_WHOLE_NUMBER, other),
        }
    }

    /// A list whose every item `item` checks.
    pub fn list(&mut self, value: &Value, path: &str, item: CheckFn) {
        match value {
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    item(self, v, &path::index(path, i));
                }
            }
            other => self.wrong_type(path, &msg::KIND_LIST, other),
        }
    }

    /// A list of strings.
    pub fn strings(&mut self, value: &Value, path: &str) {
        self.list(value, path, Checker::string);
    }

    /// An object whose every member is a string: `{ "facility": "f1" }`.
    pub fn string_map(&mut self, value: &Value, path: &str) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    self.string(member, &member_path(path, key));
                }
            }
            other => self.wrong_type(path, &msg::KIND_OBJECT, other),
        }
    }

    /// A label: `{ "en": …, "de": … }`.
    pub fn label(&mut self, value: &Value, path: &str) {
        if let Some(o) = self.object(value, path, &["en", "de"]) {
            o.required(self, "en", Checker::string);
            o.required(self, "de", Checker::string);
        }
    }
}

/// The members of an object being checked.
pub(crate) struct Obj<'v> {
    members: &'v Map<String, Value>,
    path: String,
}

impl Obj<'_> {
    /// A member that must be present (serde: a field without a default).
    pub fn required(&self, c: &mut Checker, key: &str, check: CheckFn) {
        match self.members.get(key) {
            Some(value) => check(c, value, &member_path(&self.path, key)),
            None => c.problem(&self.path, msg::MISSING_FIELD.fill(&[&key])),
        }
    }

    /// A member that may be left out, but not be `null` (serde: `#[serde(default)]`).
    pub fn optional(&self, c: &mut Checker, key: &str, check: CheckFn) {
        if let Some(value) = self.members.get(key) {
            check(c, value, &member_path(&self.path, key));
        }
    }

    /// A member that may be left out or `null` (serde: an `Option`).
    pub fn nullable(&self, c: &mut Checker, key: &str, check: CheckFn) {
        match self.members.get(key) {
            None | Some(Value::Null) => {}
            Some(value) => check(c, value, &member_path(&self.path, key)),
        }
    }
}

/// `path.key`, or `path["key"]` for a key that is not a plain name.
pub(crate) fn member_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        path::key(path, key)
    } else {
        [path, "[", &Value::from(key).to_string(), "]"].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(c: &mut Checker, v: &Value, path: &str) {
        if let Some(o) = c.object(v, path, &["name", "tags", "size"]) {
            o.required(c, "name", Checker::string);
            o.optional(c, "tags", Checker::strings);
            o.nullable(c, "size", Checker::uint);
        }
    }

    fn check(value: Value) -> Vec<(String, String)> {
        let mut c = Checker::default();
        c.list(&value, "$", item);
        c.problems.into_iter().map(|(p, m)| (p, m.en)).collect()
    }

    #[test]
    fn finds_nothing_in_what_fits() {
        let value =
            serde_json::json!([{"name": "a"}, {"name": "b", "tags": ["x"], "size": 3}, {"name": "c", "size": null}]);
        assert!(check(value).is_empty());
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let value = serde_json::json!([{"nam": "a", "tags": ["x", 2]}, 7, {"name": "b", "size": -1, "a b": 1}, {"name": null, "tags": null, "size": 5000000000u64}]);
        let expected = [
            ("$[0].nam", "unknown field `nam`; the fields here are `name`, `tags`, `size`. Did you mean `name`?"),
            ("$[0]", "missing field `name`"),
            ("$[0].tags[1]", "expected a string, found a number (2)"),
            ("$[1]", "expected an object, found a number (7)"),
            ("$[2][\"a b\"]", "unknown field `a b`; the fields here are `name`, `tags`, `size`."),
            ("$[2].size", "expected a whole number from 0 to 4294967295, found -1"),
            ("$[3].name", "expected a string, found null"),
            ("$[3].tags", "expected a list, found null"),
            ("$[3].size", "expected a whole number from 0 to 4294967295, found 5000000000"),
        ];
        let actual = check(value);
        let actual: Vec<(&str, &str)> = actual.iter().map(|(p, m)| (p.as_str(), m.as_str())).collect();
        assert_eq!(actual, expected);
    }
}
