//! Reading documents (policies, subjects, resources, organization snapshots, operations) from
//! JSON text or from any serde data source (a JavaScript value, through serde-wasm-bindgen).
//!
//! Two steps:
//! 1. The input becomes a `serde_json::Value` ([`value`]): JSON text through serde_json's
//!    parser, a JS value through serde-wasm-bindgen, any other format through its deserializer.
//!    On the way, nesting deeper than [`MAX_DEPTH`] is refused and a member that appears twice in
//!    an object is noted (serde_json's own `Value` would keep the last one silently).
//! 2. The document's typed walk ([`walk`]) reads the value into its Rust type, reporting every
//!    problem with its path and a message in English and German, where a serde derive stops at
//!    the first. Unknown fields are found on every path, also for JS values, whose deserializer
//!    reads only the fields a struct declares (serde-wasm-bindgen #39).
//!
//! The types derive `Deserialize` too, for callers who read them with serde directly (first
//! problem only); a test holds each walk to its type's derive. Reading with the derive here
//! instead would report one problem, and its code, generic over the value deserializer, made the
//! wasm modules 48 KB (lean) and 107 KB (full) larger.

mod value;
pub(crate) mod walk;

use crate::lang::Label;
use crate::messages as msg;
use crate::problem::{Code, Problem};
use serde::de::Deserializer;
use serde_json::Value;
use walk::Walker;

pub use value::MAX_DEPTH;

/// A document type read by this module: where its paths start, and its walk.
pub(crate) trait Document: Sized {
    /// The path of the whole document in problems: `subject`, `org`, …
    const ROOT: &'static str;
    /// Reads the document from a value, reporting every problem.
    const WALK: walk::Walk<Self>;
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
pub(crate) fn from_text<T>(text: &str, root: &str, walk: walk::Walk<T>) -> Result<T, ReadError> {
    let read = value_of_text(text, root)?;
    typed(&read.value, read.twice, root, walk)
}

/// Step 1 for JSON text.
fn value_of_text(text: &str, root: &str) -> Result<value::Read, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = value::read(&mut deserializer, root).map_err(|e| ReadError::NotJson(syntax_message(&e)))?;
    deserializer.end().map_err(|e| ReadError::NotJson(syntax_message(&e)))?;
    Ok(read)
}

/// Step 1 for any serde data source.
fn value_of<'de, D: Deserializer<'de>>(deserializer: D, root: &str) -> Result<value::Read, ReadError> {
    value::read(deserializer, root).map_err(|e| ReadError::NotJson(msg::NOT_DATA.fill(&[&e.to_string()])))
}

/// Reads a `T` from any serde data source (a JavaScript value through serde-wasm-bindgen).
pub(crate) fn from_deserializer<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    root: &str,
    walk: walk::Walk<T>,
) -> Result<T, ReadError> {
    let read = value_of(deserializer, root)?;
    typed(&read.value, read.twice, root, walk)
}

/// Reads a `T` from a value in memory.
pub(crate) fn from_value<T>(value: &Value, root: &str, walk: walk::Walk<T>) -> Result<T, ReadError> {
    typed(value, Vec::new(), root, walk)
}

/// Step 2: the walk, and with it the members found twice in step 1.
fn typed<T>(value: &Value, twice: Vec<(String, Label)>, root: &str, walk: walk::Walk<T>) -> Result<T, ReadError> {
    let mut walker = Walker { problems: twice, ..Walker::default() };
    match walk(&mut walker, value, root) {
        Some(document) if walker.problems.is_empty() => Ok(document),
        _ => Err(ReadError::Shape(walker.problems)),
    }
}

/// A document that did not read, and, when every problem was a member no field has, the
/// document as written without those members: the rest read exactly, so its meaning can be
/// checked too ("every problem at once"). Any other problem (a wrong type, a missing member)
/// would put a default in its place, and checking that could report problems that are not
/// there, so then there is no document. (Only policies are read so: [`crate::Policy`].)
pub(crate) struct Salvaged<T> {
    /// Every shape problem.
    pub error: ReadError,
    /// The document without its unknown members, when those were its only problems.
    pub document: Option<T>,
}

/// [`from_text`], with what did read when it does not.
pub(crate) fn salvage_text<T>(text: &str, root: &str, walk: walk::Walk<T>) -> Result<T, Salvaged<T>> {
    let read = value_of_text(text, root).map_err(|error| Salvaged { error, document: None })?;
    salvaged(&read.value, read.twice, root, walk)
}

/// [`from_deserializer`], with what did read when it does not.
pub(crate) fn salvage_deserializer<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    root: &str,
    walk: walk::Walk<T>,
) -> Result<T, Salvaged<T>> {
    let read = value_of(deserializer, root).map_err(|error| Salvaged { error, document: None })?;
    salvaged(&read.value, read.twice, root, walk)
}

/// [`typed`]; when its only problems are unknown members, the walk runs again, passing them
/// over, for [`Salvaged::document`].
fn salvaged<T>(value: &Value, twice: Vec<(String, Label)>, root: &str, walk: walk::Walk<T>) -> Result<T, Salvaged<T>> {
    let duplicates = twice.len();
    let mut walker = Walker { problems: twice, ..Walker::default() };
    match walk(&mut walker, value, root) {
        Some(document) if walker.problems.is_empty() => Ok(document),
        _ => {
            let only_unknown = duplicates == 0 && walker.unknown_members == walker.problems.len();
            let mut again = Walker { ignore_unknown: true, ..Walker::default() };
            let document =
                if only_unknown { walk(&mut again, value, root).filter(|_| again.problems.is_empty()) } else { None };
            Err(Salvaged { error: ReadError::Shape(walker.problems), document })
        }
    }
}

/// A serde_json error as a message: where (line, column) and what, in both languages.
fn syntax_message(e: &serde_json::Error) -> Label {
    let (line, column) = (e.line().to_string(), e.column().to_string());
    let text = e.to_string();
    let what = text.strip_suffix(&[" at line ", &line, " column ", &column].concat()).unwrap_or(&text);
    msg::NOT_JSON.fill(&[&line, &column, &msg::json_syntax(what)])
}
