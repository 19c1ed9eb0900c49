//! [`Problem`]: one thing wrong with an input, with a stable code, where it is, and a message in
//! both languages. Policy validation, subject checks and (later) administration all report
//! lists of these, so every caller renders them the same way.

use crate::lang::{Label, Lang};
use serde::Serialize;
use std::fmt;

/// A stable, machine-readable code of one concern's problems (e.g. `unknown_permission`).
/// Serializes as its text.
pub trait Code: Copy + fmt::Debug + PartialEq + Eq + Serialize {
    /// The code as written in JSON, messages and documentation: `snake_case`.
    fn as_str(self) -> &'static str;
}

/// One problem with an input: what (`code`), where (`path`, JSONPath-like, `$` is the document
/// root) and a plain message in English and German. JSON: `{ code, path, message: { en, de } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem<C> {
    /// The stable code.
    pub code: C,
    /// Where in the input: e.g. `$.roles[3].grants[1]`.
    pub path: String,
    /// What is wrong, in words a policy author understands.
    pub message: Label,
}

/// `problems` as one line each, in `lang`: `path: message` (the summary of the request and
/// organization errors).
pub(crate) fn lines<C>(problems: &[Problem<C>], lang: Lang) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        out.extend([if i == 0 { "" } else { "\n" }, p.path.as_str(), ": ", p.message.get(lang)]);
    }
    out
}

impl<C: Code> Problem<C> {
    /// A problem from its parts.
    pub fn new(code: C, path: impl Into<String>, message: Label) -> Self {
        Problem { code, path: path.into(), message }
    }

    /// The problem with its message in one language, ready to serialize for a user.
    pub fn localized(&self, lang: Lang) -> LocalizedProblem {
        LocalizedProblem {
            code: self.code.as_str(),
            path: self.path.clone(),
            message: self.message.get(lang).to_string(),
        }
    }

    /// The problem as JavaScript receives it: `{ code, path, message (in lang), messages: { en,
    /// de } }`.
    pub fn in_lang(&self, lang: Lang) -> ProblemIn<'_, C> {
        ProblemIn { code: self.code, path: &self.path, message: self.message.get(lang), messages: &self.message }
    }
}

/// A [`Problem`] with its message in one language and in both: `{ code, path, message,
/// messages: { en, de } }` (what the package's errors and refused operations list).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ProblemIn<'a, C> {
    /// The stable code.
    pub code: C,
    /// Where in the input.
    pub path: &'a str,
    /// The message in the language asked for.
    pub message: &'a str,
    /// The message in both languages.
    pub messages: &'a Label,
}

impl<C: Code> fmt::Display for Problem<C> {
    /// `path: message [code]`, in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.path, self.message.en, self.code.as_str())
    }
}

/// A [`Problem`] with its message in one language: `{ code, path, message }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocalizedProblem {
    /// The stable code.
    pub code: &'static str,
    /// Where in the input.
    pub path: String,
    /// The message in the chosen language.
    pub message: String,
}

/// Declares a `Code` enum whose variants are written (`Display`, serde) as the given `snake_case`
/// strings.
macro_rules! codes {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
        }

        impl $crate::problem::Code for $name {
            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::problem::Code::as_str(*self))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::problem::Code::as_str(*self))
            }
        }
    };
}
pub(crate) use codes;
