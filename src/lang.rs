//! The two languages every user-facing text exists in, and the bilingual [`Label`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of the product. Every label and message exists in both.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The ISO 639-1 code: `"en"` or `"de"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`Lang`] from anything but `en` or `de`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Lang::En),
            "de" => Ok(Lang::De),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

/// A text in English and German: labels in a policy, and every message the engine produces.
/// JSON: `{ "en": …, "de": … }`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The English text.
    pub en: String,
    /// The German text.
    pub de: String,
}

impl Label {
    /// A label from its English and German texts.
    pub fn new(en: impl Into<String>, de: impl Into<String>) -> Self {
        Label { en: en.into(), de: de.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::De => &self.de,
        }
    }
}

impl fmt::Display for Label {
    /// Shows the English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_languages_and_refuses_others() {
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Ok(Lang::De));
        let err = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(err.to_string(), "unknown language 'fr': use 'en' or 'de'");
    }

    #[test]
    fn label_picks_the_language() {
        let l = Label::new("Order", "Bestellen");
        assert_eq!(l.get(Lang::En), "Order");
        assert_eq!(l.get(Lang::De), "Bestellen");
    }
}
