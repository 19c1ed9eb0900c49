//! Step 2 of reading: the typed walk of a `serde_json::Value`. Each document type has its walk
//! beside its type (`policy/codec.rs`, `engine/request.rs`, `admin/org.rs`,
//! `admin/operation.rs`), written with the helpers here: it builds the typed value, keeps the
//! path, and goes on after a problem, so one pass reports every broken member of every element
//! (wrong types, missing and unknown fields with "did you mean", numbers out of range) where a
//! serde derive would stop at the first. The walks mirror the types' serde attributes
//! (`required`: no default, `optional`: `#[serde(default)]`, `nullable`: an `Option`), and a test
//! holds every walk to its type's derive: the same values read, the same values refused.
//!
//! A field reader records a problem and gives a default when the value does not fit; a struct
//! reader ([`Walker::record`]) compares the problems before and after its fields and gives
//! `None` when any of them recorded something.

use crate::lang::Label;
use crate::messages::{self as msg, Text};
use crate::path;
use crate::text::suggest;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Collects the problems found: (path, message).
#[derive(Default)]
pub(crate) struct Walker {
    pub problems: Vec<(String, Label)>,
    /// How many of `problems` are members no field has (they are left out; nothing else changes).
    pub unknown_members: usize,
    /// Whether members no field has are passed over without a word (the second walk of
    /// [`crate::read::salvage_text`]: the document as written without them).
    pub ignore_unknown: bool,
}

/// The walk of one value: the walker, the value, and its path.
pub(crate) type Walk<T> = fn(&mut Walker, &Value, &str) -> Option<T>;

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

impl Walker {
    /// Records a problem at `path`.
    pub fn problem(&mut self, path: &str, message: Label) {
        self.problems.push((path.to_string(), message));
    }

    /// How many problems so far; pass it to [`Walker::clean_since`].
    fn mark(&self) -> usize {
        self.problems.len()
    }

    /// Whether nothing was recorded since `mark`.
    fn clean_since(&self, mark: usize) -> bool {
        self.problems.len() == mark
    }

    /// Reads an object with `fields` through `build`, which reads its members: `None` when the
    /// value is not such an object or when anything in it was wrong (every problem recorded).
    pub fn record<'v, 'p, T>(
        &mut self,
        value: &'v Value,
        path: &'p str,
        fields: &[&str],
        build: impl FnOnce(&mut Walker, &Obj<'v, 'p>) -> T,
    ) -> Option<T> {
        let mark = self.mark();
        let members = self.object(value, path, fields)?;
        let built = build(self, &members);
        self.clean_since(mark).then_some(built)
    }

    /// Records that `found` is not `expected`, showing numbers and short strings.
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
    pub fn object<'v, 'p>(&mut self, value: &'v Value, path: &'p str, fields: &[&str]) -> Option<Obj<'v, 'p>> {
        let Value::Object(members) = value else {
            self.wrong_type(path, &msg::KIND_OBJECT, value);
            return None;
        };
        for key in members.keys() {
            if !fields.contains(&key.as_str()) && !self.ignore_unknown {
                let mut known = String::new();
                for (n, field) in fields.iter().enumerate() {
                    known.extend([if n == 0 { "`" } else { ", `" }, field, "`"]);
                }
                let hint = suggest(key, fields.iter().copied())
                    .map_or_else(Label::default, |s| msg::DID_YOU_MEAN_FIELD.fill(&[&s]));
                self.problem(&member_path(path, key), msg::UNKNOWN_FIELD.fill(&[key, &known, &hint]));
                self.unknown_members += 1;
            }
        }
        Some(Obj { members, path })
    }

    /// A string.
    pub fn string(&mut self, value: &Value, path: &str) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(path, &msg::KIND_STRING, other);
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, value: &Value, path: &str) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(path, &msg::KIND_BOOL, other);
                None
            }
        }
    }

    /// A whole number that fits 32 bits.
    pub fn uint(&mut self, value: &Value, path: &str) -> Option<u32> {
        match value {
            Value::Number(n) => {
                let fits = n.as_u64().and_then(|n| u32::try_from(n).ok());
                if fits.is_none() {
                    self.problem(path, msg::NOT_A_U32.fill(&[&n.to_string()]));
                }
                fits
            }
            other => {
                self.wrong_type(path, &msg::KIND_WHOLE_NUMBER, other);
                None
            }
        }
    }

    /// A list whose every item `item` reads; every bad item is reported.
    pub fn list<T>(&mut self, value: &Value, path: &str, item: Walk<T>) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            self.wrong_type(path, &msg::KIND_LIST, value);
            return None;
        };
        let mark = self.mark();
        // A loop, not `filter_map().collect()`: smaller for each of the many item types.
        let mut read = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            if let Some(x) = item(self, v, &path::index(path, i)) {
                read.push(x);
            }
        }
        self.clean_since(mark).then_some(read)
    }

    /// A list of strings.
    pub fn strings(&mut self, value: &Value, path: &str) -> Option<Vec<String>> {
        self.list(value, path, Walker::string)
    }

    /// An object whose every member is a string: `{ "facility": "f1" }`.
    pub fn string_map(&mut self, value: &Value, path: &str) -> Option<BTreeMap<String, String>> {
        let Value::Object(members) = value else {
            self.wrong_type(path, &msg::KIND_OBJECT, value);
            return None;
        };
        let mark = self.mark();
        let mut map = BTreeMap::new();
        for (key, member) in members {
            if let Some(s) = self.string(member, &member_path(path, key)) {
                map.insert(key.clone(), s);
            }
        }
        self.clean_since(mark).then_some(map)
    }

    /// A whole number that fits 64 bits, signed.
    pub fn int(&mut self, value: &Value, path: &str) -> Option<i64> {
        match value {
            Value::Number(n) => {
                let fits = n.as_i64();
                if fits.is_none() {
                    self.problem(path, msg::NOT_AN_I64.fill(&[&n.to_string()]));
                }
                fits
            }
            other => {
                self.wrong_type(path, &msg::KIND_WHOLE_NUMBER, other);
                None
            }
        }
    }

    /// A label: `{ "en": …, "de": … }`.
    pub fn label(&mut self, value: &Value, path: &str) -> Option<Label> {
        self.record(value, path, &["en", "de"], |w, o| Label {
            en: o.required(w, "en", Walker::string),
            de: o.required(w, "de", Walker::string),
        })
    }
}

/// The members of an object being read.
pub(crate) struct Obj<'v, 'p> {
    members: &'v Map<String, Value>,
    path: &'p str,
}

impl Obj<'_, '_> {
    /// A member that must be present (serde: a field without a default); reports it when
    /// missing or not readable, then gives `T::default()` to go on with.
    pub fn required<T: Default>(&self, w: &mut Walker, key: &str, walk: Walk<T>) -> T {
        self.require(w, key, walk).unwrap_or_default()
    }

    /// [`Obj::required`] for a type without a default: `None` when missing or not readable.
    pub fn require<T>(&self, w: &mut Walker, key: &str, walk: Walk<T>) -> Option<T> {
        match self.members.get(key) {
            Some(value) => walk(w, value, &member_path(self.path, key)),
            None => {
                w.problem(self.path, msg::MISSING_FIELD.fill(&[&key]));
                None
            }
        }
    }

    /// A member that may be left out, then `T::default()`, but not be `null` (serde:
    /// `#[serde(default)]`).
    pub fn optional<T: Default>(&self, w: &mut Walker, key: &str, walk: Walk<T>) -> T {
        self.members.get(key).and_then(|value| walk(w, value, &member_path(self.path, key))).unwrap_or_default()
    }

    /// A member that may be left out or `null`, then `None` (serde: an `Option`).
    pub fn nullable<T>(&self, w: &mut Walker, key: &str, walk: Walk<T>) -> Option<T> {
        match self.members.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => walk(w, value, &member_path(self.path, key)),
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

    #[derive(Debug, PartialEq)]
    struct Item {
        name: String,
        tags: Vec<String>,
        size: Option<u32>,
    }

    fn item(w: &mut Walker, v: &Value, path: &str) -> Option<Item> {
        w.record(v, path, &["name", "tags", "size"], |w, o| Item {
            name: o.required(w, "name", Walker::string),
            tags: o.optional(w, "tags", Walker::strings),
            size: o.nullable(w, "size", Walker::uint),
        })
    }

    fn read(value: Value) -> (Option<Vec<Item>>, Vec<(String, String)>) {
        let mut w = Walker::default();
        let items = w.list(&value, "$", item);
        (items, w.problems.into_iter().map(|(p, m)| (p, m.en)).collect())
    }

    #[test]
    fn reads_and_defaults() {
        let value =
            serde_json::json!([{"name": "a"}, {"name": "b", "tags": ["x"], "size": 3}, {"name": "c", "size": null}]);
        let (items, problems) = read(value);
        assert!(problems.is_empty(), "{problems:?}");
        let items = items.unwrap();
        assert_eq!(items[0], Item { name: "a".into(), tags: vec![], size: None });
        assert_eq!(items[1].size, Some(3));
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let value = serde_json::json!([{"nam": "a", "tags": ["x", 2]}, 7, {"name": "b", "size": -1, "a b": 1}, {"name": null, "tags": null, "size": 5000000000u64}]);
        let (items, problems) = read(value);
        assert!(items.is_none());
        let expected = [
            ("$[0].nam", "unknown field `nam`; the fields here are `name`, `tags`, `size`. Did you mean `name`?"),
            ("$[0]", "missing field `name`"),
            ("$[0].tags[1]", "expected a string, found a number (2)"),
            ("$[1]", "expected an object, found a number (7)"),
            ("$[2][\"a b\"]", "unknown field `a b`; the fields here are `name`, `tags`, `size`"),
            ("$[2].size", "expected a whole number from 0 to 4294967295, found -1"),
            ("$[3].name", "expected a string, found null"),
            ("$[3].tags", "expected a list, found null"),
            ("$[3].size", "expected a whole number from 0 to 4294967295, found 5000000000"),
        ];
        let actual: Vec<(&str, &str)> = problems.iter().map(|(p, m)| (p.as_str(), m.as_str())).collect();
        assert_eq!(actual, expected);
    }
}
