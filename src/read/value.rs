//! Step 1 of reading: any serde data source as a `serde_json::Value`, refusing nesting deeper
//! than [`MAX_DEPTH`] (a JS value may be cyclic or very deep: the recursion must stop first) and
//! noting members that appear twice in one object, with their paths.
//!
//! serde_json's own `Value` deserializer does neither (its text parser limits depth, a JS value
//! has no parser), so this is that visitor with the two checks added.

use crate::lang::Label;
use crate::messages as msg;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

pub use crate::limits::MAX_DEPTH;
use crate::messages::TOO_DEEP;

/// A value read, and the members found twice (path, message); the value keeps the last of them.
pub(crate) struct Read {
    pub value: Value,
    pub twice: Vec<(String, Label)>,
}

/// Reads the whole value of `deserializer`; paths of members found twice start at `root`.
pub(crate) fn read<'de, D: Deserializer<'de>>(deserializer: D, root: &str) -> Result<Read, D::Error> {
    let mut found = Found { at: Vec::new(), twice: Vec::new() };
    let value = ValueSeed { found: &mut found, depth: 0 }.deserialize(deserializer)?;
    let twice =
        found.twice.into_iter().map(|(at, key)| (path(root, &at, &key), msg::FIELD_TWICE.fill(&[&key]))).collect();
    Ok(Read { value, twice })
}

/// One step of a path: an object's member or an array's item.
enum Step {
    Key(String),
    Index(usize),
}

/// Where the reading is (the steps from the root), and the members found twice so far.
struct Found {
    at: Vec<Step>,
    twice: Vec<(Vec<Step>, String)>,
}

/// `root` followed by `steps` and `key`, as the checks write paths.
fn path(root: &str, steps: &[Step], key: &str) -> String {
    let mut out = root.to_string();
    for step in steps {
        out = match step {
            Step::Key(k) => super::walk::member_path(&out, k),
            Step::Index(i) => crate::path::index(&out, *i),
        };
    }
    super::walk::member_path(&out, key)
}

struct ValueSeed<'f> {
    found: &'f mut Found,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ValueSeed<'_> {
    /// The seed of a member or item one level down.
    fn child(&mut self) -> ValueSeed<'_> {
        ValueSeed { found: self.found, depth: self.depth + 1 }
    }

    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom(TOO_DEEP))
        } else {
            Ok(())
        }
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON data")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // NaN and infinities are not JSON numbers: null, as JSON.stringify writes them.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            self.found.at.push(Step::Index(items.len()));
            let item = seq.next_element_seed(self.child());
            self.found.at.pop();
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.found.at.push(Step::Key(key));
            let member = map.next_value_seed(self.child());
            let key = match self.found.at.pop() {
                Some(Step::Key(key)) => key,
                _ => String::new(),
            };
            let member = member?;
            if object.contains_key(&key) {
                let at = self.found.at.iter().map(|s| match s {
                    Step::Key(k) => Step::Key(k.clone()),
                    Step::Index(i) => Step::Index(*i),
                });
                self.found.twice.push((at.collect(), key.clone()));
            }
            object.insert(key, member);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Read, serde_json::Error> {
        read(&mut serde_json::Deserializer::from_str(text), "$")
    }

    #[test]
    fn reads_json_and_notes_members_twice_with_their_paths() {
        let read = read_text(r#"{"a": [1, {"b": true, "b": null}], "c": 1.5, "a": "last"}"#).unwrap();
        assert_eq!(read.value, serde_json::json!({ "a": "last", "c": 1.5 }));
        let twice: Vec<(&str, &str)> = read.twice.iter().map(|(p, m)| (p.as_str(), m.en.as_str())).collect();
        assert_eq!(twice, [("$.a[1].b", "field `b` appears twice"), ("$.a", "field `a` appears twice")]);
    }

    #[test]
    fn refuses_nesting_deeper_than_the_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(read_text(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let error = read_text(&deep).err().expect("too deep");
        assert!(error.to_string().contains("nested") || error.to_string().contains("recursion"), "{error}");
        let deeper = "{\"a\":".repeat(100_000);
        assert!(read_text(&deeper).is_err(), "no stack overflow");
    }
}
