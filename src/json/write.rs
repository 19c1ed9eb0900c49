//! Writing JSON: compact (`Display`), pretty, and canonical (sorted keys, `comment` members left
//! out: what the policy fingerprint hashes).

use super::value::Value;
use std::fmt;

impl fmt::Display for Value {
    /// Compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_compact_string())
    }
}

impl Value {
    /// Compact JSON text (what `Display` shows), written without the formatting machinery.
    pub fn to_compact_string(&self) -> String {
        let mut out = String::new();
        write_compact(self, &mut out, false);
        out
    }

    /// JSON text indented by two spaces, one member or item per line, ending in a newline.
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        write_pretty(self, &mut out, 0);
        out.push('\n');
        out
    }

    /// The canonical text: compact, object members sorted by name, members named `comment`
    /// left out. Equal documents give equal text whatever their layout and member order.
    pub fn to_canonical_string(&self) -> String {
        let mut out = String::new();
        write_compact(self, &mut out, true);
        out
    }
}

fn write_compact(value: &Value, out: &mut String, canonical: bool) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out, canonical);
            }
            out.push(']');
        }
        Value::Object(members) => {
            let mut members: Vec<&(String, Value)> = members.iter().collect();
            if canonical {
                members.retain(|(k, _)| k != "comment");
                // Insertion sort: objects have a handful of members, and it links no sort code.
                for i in 1..members.len() {
                    let mut j = i;
                    while j > 0 && members[j - 1].0 > members[j].0 {
                        members.swap(j - 1, j);
                        j -= 1;
                    }
                }
            }
            out.push('{');
            for (i, (key, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_compact(member, out, canonical);
            }
            out.push('}');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_pretty(value: &Value, out: &mut String, indent: usize) {
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 2);
                write_pretty(item, out, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            for (i, (key, member)) in members.iter().enumerate() {
                pad(out, indent + 2);
                write_string(key, out);
                out.push_str(": ");
                write_pretty(member, out, indent + 2);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(s, out),
        Value::Array(_) | Value::Object(_) => {}
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn compact_and_pretty_round_trip() {
        let text = r#"{"b":[1,{"c":"x\"y\u0001"}],"a":{},"d":[],"comment":"keep"}"#;
        let value = parse(text).unwrap();
        assert_eq!(value.to_string(), text);
        assert_eq!(parse(&value.to_pretty_string()).unwrap(), value);
        assert!(value.to_pretty_string().starts_with("{\n  \"b\": [\n    1,\n"));
    }

    #[test]
    fn canonical_sorts_and_drops_comments() {
        let a = parse(r#"{"b": 1, "a": {"z": true, "comment": "x", "y": null}, "comment": ["n"]}"#).unwrap();
        let b = parse(r#"{"a": {"y": null, "z": true}, "b": 1}"#).unwrap();
        assert_eq!(a.to_canonical_string(), r#"{"a":{"y":null,"z":true},"b":1}"#);
        assert_eq!(a.to_canonical_string(), b.to_canonical_string());
    }
}
