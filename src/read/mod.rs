//! Reading documents (policies, subjects, resources, organization snapshots, operations) from
//! JSON text or from any serde data source (a JavaScript value, through serde-wasm-bindgen).
//!
//! Three steps:
//! 1. The input becomes a `serde_json::Value` ([`value`]): JSON text through serde_json's
//!    parser, a JS value through serde-wasm-bindgen. On the way, nesting deeper than
//!    [`MAX_DEPTH`] is refused and a member that appears twice in an object is noted (serde_json
//!    would keep the last one silently).
//! 2. The typed document is deserialized from the value by its serde derive
//!    (`deny_unknown_fields`, camelCase names): the whole work for a valid input.
//! 3. Only when that fails, the document's checks ([`check`]) walk the value and report every
//!    problem with its path and a message in English and German, where serde would stop at the
//!    first. A misspelt key is one of them on every path, also for JS values, whose
//!    deserializer would ignore it (serde-wasm-bindgen #39) if the typed document were read from
//!    it directly.

pub(crate) mod check;
mod value;

use crate::lang::Label;
use crate::messages as msg;
use crate::problem::{Code, Problem};
use check::Checker;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;

pub use value::MAX_DEPTH;
pub(crate) use value::TOO_DEEP;

/// The checks of one document type: they walk a value that did not deserialize and record every
/// problem in the checker, below the path given.
pub(crate) type Check = fn(&mut Checker, &Value, &str);

/// A document type read by this module: where its paths start, and its checks.
pub(crate) trait Document: DeserializeOwned {
    /// The path of the whole document in problems: `subject`, `org`, …
    const ROOT: &'static str;
    /// The checks that explain why a value is not this document.
    const CHECK: Check;
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// Not JSON at all (text that does not parse, a value nested too deeply, a JS value that is
    /// not data): one message, about the whole input.
    NotJson(Label),
    /// Not the expected shape: every problem, with its path.
    Shape(Vec<(String, Label)>),
}

impl ReadError {
    /// The problems, with codes for each kind: `not_json` (at `root`) or `shape`.
    pub(crate) fn problems<C: Code>(self, root: &str, not_json: C, shape: C) -> Vec<Problem<C>> {
        match self {
            ReadError::NotJson(message) => vec![Problem::new(not_json, root, message)],
            ReadError::Shape(problems) => problems.into_iter().map(|(path, m)| Problem::new(shape, path, m)).collect(),
        }
    }
}

/// Reads a `T` from JSON text; paths start at `root`.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str, root: &str, check: Check) -> Result<T, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = value::read(&mut deserializer, root).map_err(|e| ReadError::NotJson(syntax_message(&e)))?;
    deserializer.end().map_err(|e| ReadError::NotJson(syntax_message(&e)))?;
    typed(read, root, check)
}

/// Reads a `T` from any serde data source (a JavaScript value through serde-wasm-bindgen).
pub(crate) fn from_deserializer<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
    root: &str,
    check: Check,
) -> Result<T, ReadError> {
    let read =
        value::read(deserializer, root).map_err(|e| ReadError::NotJson(msg::NOT_DATA.fill(&[&e.to_string()])))?;
    typed(read, root, check)
}

/// Reads a `T` from a value in memory.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value, root: &str, check: Check) -> Result<T, ReadError> {
    typed(value::Read { value: value.clone(), twice: Vec::new() }, root, check)
}

/// Step 2, and step 3 when it fails.
fn typed<T: DeserializeOwned>(read: value::Read, root: &str, check: Check) -> Result<T, ReadError> {
    let failure = if read.twice.is_empty() {
        match T::deserialize(&read.value) {
            Ok(document) => return Ok(document),
            Err(e) => e,
        }
    } else {
        serde::de::Error::custom("a member appears twice")
    };
    let mut checker = Checker::default();
    check(&mut checker, &read.value, root);
    let mut problems = read.twice;
    problems.extend(checker.problems);
    if problems.is_empty() {
        // The checks and the derive disagree (a test holds them to the same verdicts): report
        // what serde said rather than nothing.
        problems.push((root.to_string(), msg::DOES_NOT_FIT.fill(&[&failure.to_string()])));
    }
    Err(ReadError::Shape(problems))
}

/// A serde_json error as a message: where (line, column) and what, in both languages.
fn syntax_message(e: &serde_json::Error) -> Label {
    let text = e.to_string();
    let what = text.split(" at line ").next().unwrap_or_default();
    let what = msg::json_syntax(what);
    msg::NOT_JSON.fill(&[&crate::path::decimal(e.line()), &crate::path::decimal(e.column()), &what])
}
