//! Reading JSON input with errors that say where: the path of a shape error (`$.roles[2].grants`)
//! or the line and column of a syntax error.

use crate::lang::Label;
use serde::Deserialize;
use serde_path_to_error::Segment;

/// Why a JSON text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// True when the text is not JSON at all; false when it is JSON of the wrong shape.
    pub syntax: bool,
    /// Where: a path below the root name (`$`, `subject`, …).
    pub path: String,
    /// What, in both languages (serde's own detail stays English).
    pub message: Label,
}

/// Parses `json` into `T`; `root` names the document in paths (`$` for a policy).
pub(crate) fn parse<T: for<'de> Deserialize<'de>>(json: &str, root: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => value,
        Err(e) => return Err(describe(root, Some(e.path()), e.inner())),
    };
    // Trailing characters after the document.
    deserializer.end().map_err(|e| describe(root, None, &e))?;
    Ok(value)
}

/// Reads an already parsed JSON `value` into `T`; `root` names it in paths.
pub(crate) fn parse_value<T: for<'de> Deserialize<'de>>(value: &serde_json::Value, root: &str) -> Result<T, JsonError> {
    serde_path_to_error::deserialize(value).map_err(|e| describe(root, Some(e.path()), e.inner()))
}

fn describe(root: &str, path: Option<&serde_path_to_error::Path>, error: &serde_json::Error) -> JsonError {
    let full = error.to_string();
    // serde_json appends " at line L column C"; the path says where more plainly.
    let detail = full.find(" at line ").map_or(full.as_str(), |at| &full[..at]).to_string();
    let (line, column) = (error.line(), error.column());
    if error.is_syntax() || error.is_eof() || error.is_io() {
        return JsonError {
            syntax: true,
            path: root.to_string(),
            message: Label::new(
                format!("not valid JSON at line {line}, column {column}: {detail}"),
                format!("kein gültiges JSON in Zeile {line}, Spalte {column}: {detail}"),
            ),
        };
    }
    JsonError {
        syntax: false,
        path: path.map_or_else(|| root.to_string(), |p| render_path(root, p)),
        message: Label::new(detail.clone(), format!("falsche Struktur: {detail}")),
    }
}

/// `root` followed by `.field` and `[index]` segments.
fn render_path(root: &str, path: &serde_path_to_error::Path) -> String {
    let mut out = root.to_string();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                out.push('.');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
    }

    #[test]
    fn shape_errors_carry_the_path() {
        let e = parse::<Doc>(r#"{"items":[{"name":"a"},{"name":3}]}"#, "$").unwrap_err();
        assert!(!e.syntax);
        assert_eq!(e.path, "$.items[1].name");
        assert!(e.message.en.starts_with("invalid type: integer `3`"), "{}", e.message.en);
        assert!(!e.message.en.contains("line"), "the path replaces the position");
    }

    #[test]
    fn syntax_errors_carry_the_position() {
        let e = parse::<Doc>("{\"items\": [\n  {\"name\": \"a\"},,\n]}", "$").unwrap_err();
        assert!(e.syntax);
        assert_eq!(e.path, "$");
        assert!(e.message.en.starts_with("not valid JSON at line 2, column"), "{}", e.message.en);
        assert!(e.message.de.starts_with("kein gültiges JSON in Zeile 2"));
    }

    #[test]
    fn trailing_text_is_refused() {
        let e = parse::<Doc>(r#"{"items":[]} x"#, "$").unwrap_err();
        assert!(e.syntax);
    }
}
