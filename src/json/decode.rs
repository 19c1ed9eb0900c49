//! Decoding typed documents from [`Value`]s while keeping the path, reporting every problem and
//! going on after one.
//!
//! A field decoder records a problem and returns a default when the value does not fit; a
//! struct decoder compares [`Decoder::mark`]s before and after its fields and returns `None` when
//! any of them recorded something. So one pass reports every broken member of every element.

use super::value::Value;
use crate::lang::Label;
use crate::map::Map;
use crate::messages::{self as msg, Text};
use crate::path;
use crate::text::suggest;

/// Collects the problems found while decoding: (path, message).
#[derive(Default)]
pub(crate) struct Decoder {
    pub problems: Vec<(String, Label)>,
}

/// A decoding function: the decoder, the value, and its path.
pub(crate) type Decode<T> = fn(&mut Decoder, &Value, &str) -> Option<T>;

impl Decoder {
    /// Records a problem at `path`.
    pub fn problem(&mut self, path: &str, message: Label) {
        self.problems.push((path.to_string(), message));
    }

    /// How many problems so far; pass it to [`Decoder::clean_since`].
    pub fn mark(&self) -> usize {
        self.problems.len()
    }

    /// Whether nothing was recorded since `mark`.
    pub fn clean_since(&self, mark: usize) -> bool {
        self.problems.len() == mark
    }

    fn wrong_type(&mut self, path: &str, expected: &Text, found: &Value) {
        let shown = match found {
            Value::Number(n) | Value::String(n) if crate::text::char_count(n) <= 24 => [" (", n, ")"].concat(),
            _ => String::new(),
        };
        self.problem(path, msg::WRONG_TYPE.fill(&[&expected.label(), &found.kind(), &shown]));
    }

    /// The members of an object: reports a value that is not an object, members that appear
    /// twice, and members that are not among `fields`.
    pub fn object<'v>(&mut self, value: &'v Value, path: &str, fields: &[&str]) -> Option<Obj<'v>> {
        let Value::Object(members) = value else {
            self.wrong_type(path, &msg::KIND_OBJECT, value);
            return None;
        };
        for (i, (key, _)) in members.iter().enumerate() {
            let at = member_path(path, key);
            if members[..i].iter().any(|(k, _)| k == key) {
                self.problem(&at, msg::FIELD_TWICE.fill(&[key]));
            } else if !fields.contains(&key.as_str()) {
                let mut known = String::new();
                for (n, field) in fields.iter().enumerate() {
                    known.extend([if n == 0 { "`" } else { ", `" }, field, "`"]);
                }
                let hint = suggest(key, fields.iter().copied())
                    .map_or_else(Label::default, |s| msg::DID_YOU_MEAN_FIELD.fill(&[&s]));
                self.problem(&at, msg::UNKNOWN_FIELD.fill(&[key, &known, &hint]));
            }
        }
        Some(Obj { members, path: path.to_string() })
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
                let parsed = n.parse::<u32>().ok();
                if parsed.is_none() {
                    self.problem(path, msg::NOT_A_U32.fill(&[n]));
                }
                parsed
            }
            other => {
                self.wrong_type(path, &msg::KIND_WHOLE_NUMBER, other);
                None
            }
        }
    }

    /// A list whose every item `item` decodes; every bad item is reported.
    pub fn list<T>(&mut self, value: &Value, path: &str, item: Decode<T>) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            self.wrong_type(path, &msg::KIND_LIST, value);
            return None;
        };
        let mark = self.mark();
        // A loop, not `filter_map().collect()`: smaller for each of the many item types.
        let mut decoded = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            if let Some(x) = item(self, v, &path::index(path, i)) {
                decoded.push(x);
            }
        }
        self.clean_since(mark).then_some(decoded)
    }

    /// A list of strings.
    pub fn strings(&mut self, value: &Value, path: &str) -> Option<Vec<String>> {
        self.list(value, path, Decoder::string)
    }

    /// An object whose every member is a string: `{ "facility": "f1" }`.
    pub fn string_map(&mut self, value: &Value, path: &str) -> Option<Map<String>> {
        let Value::Object(members) = value else {
            self.wrong_type(path, &msg::KIND_OBJECT, value);
            return None;
        };
        let mark = self.mark();
        let mut map = Map::new();
        for (key, member) in members {
            let at = member_path(path, key);
            if map.contains_key(key) {
                self.problem(&at, msg::FIELD_TWICE.fill(&[key]));
            } else if let Some(s) = self.string(member, &at) {
                map.insert(key.clone(), s);
            }
        }
        self.clean_since(mark).then_some(map)
    }

    /// A label: `{ "en": …, "de": … }`.
    pub fn label(&mut self, value: &Value, path: &str) -> Option<Label> {
        let mark = self.mark();
        let obj = self.object(value, path, &["en", "de"])?;
        let label =
            Label { en: obj.required(self, "en", Decoder::string), de: obj.required(self, "de", Decoder::string) };
        self.clean_since(mark).then_some(label)
    }
}

/// The members of an object being decoded.
pub(crate) struct Obj<'v> {
    members: &'v [(String, Value)],
    path: String,
}

impl<'v> Obj<'v> {
    fn member(&self, key: &str) -> Option<&'v Value> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A member that must be present; reports it when missing or not decodable.
    pub fn required<T: Default>(&self, d: &mut Decoder, key: &str, decode: Decode<T>) -> T {
        match self.member(key) {
            Some(value) => decode(d, value, &member_path(&self.path, key)).unwrap_or_default(),
            None => {
                d.problem(&self.path, msg::MISSING_FIELD.fill(&[&key]));
                T::default()
            }
        }
    }

    /// A member that may be left out (then `T::default()`).
    pub fn optional<T: Default>(&self, d: &mut Decoder, key: &str, decode: Decode<T>) -> T {
        self.member(key).and_then(|value| decode(d, value, &member_path(&self.path, key))).unwrap_or_default()
    }

    /// A member that may be left out or `null` (then `None`).
    pub fn nullable<T>(&self, d: &mut Decoder, key: &str, decode: Decode<T>) -> Option<T> {
        match self.member(key) {
            None | Some(Value::Null) => None,
            Some(value) => decode(d, value, &member_path(&self.path, key)),
        }
    }
}

/// `path.key`, or `path["key"]` for a key that is not a plain name.
pub(crate) fn member_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        path::key(path, key)
    } else {
        [path, "[", &Value::String(key.to_string()).to_compact_string(), "]"].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item {
        name: String,
        tags: Vec<String>,
        size: Option<u32>,
    }

    fn item(d: &mut Decoder, v: &Value, path: &str) -> Option<Item> {
        let mark = d.mark();
        let o = d.object(v, path, &["name", "tags", "size"])?;
        let item = Item {
            name: o.required(d, "name", Decoder::string),
            tags: o.optional(d, "tags", Decoder::strings),
            size: o.nullable(d, "size", Decoder::uint),
        };
        d.clean_since(mark).then_some(item)
    }

    fn decode(text: &str) -> (Option<Vec<Item>>, Vec<(String, String)>) {
        let mut d = Decoder::default();
        let items = d.list(&parse(text).unwrap(), "$", item);
        (items, d.problems.into_iter().map(|(p, m)| (p, m.en)).collect())
    }

    #[test]
    fn decodes_and_defaults() {
        let (items, problems) =
            decode(r#"[{"name": "a"}, {"name": "b", "tags": ["x"], "size": 3}, {"name": "c", "size": null}]"#);
        assert!(problems.is_empty(), "{problems:?}");
        let items = items.unwrap();
        assert_eq!(items[0], Item { name: "a".into(), tags: vec![], size: None });
        assert_eq!(items[1].size, Some(3));
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let (items, problems) =
            decode(r#"[{"nam": "a", "tags": ["x", 2]}, 7, {"name": "b", "name": "c", "size": -1, "a b": 1}]"#);
        assert!(items.is_none());
        let expected = [
            ("$[0].nam", "unknown field `nam`; the fields here are `name`, `tags`, `size`. Did you mean `name`?"),
            ("$[0]", "missing field `name`"),
            ("$[0].tags[1]", "expected a string, found a number (2)"),
            ("$[1]", "expected an object, found a number (7)"),
            ("$[2].name", "field `name` appears twice"),
            ("$[2][\"a b\"]", "unknown field `a b`; the fields here are `name`, `tags`, `size`."),
            ("$[2].size", "expected a whole number from 0 to 4294967295, found -1"),
        ];
        let actual: Vec<(&str, &str)> = problems.iter().map(|(p, m)| (p.as_str(), m.as_str())).collect();
        assert_eq!(actual, expected);
    }
}
