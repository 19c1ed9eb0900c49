//! Small text helpers for messages: "did you mean" suggestions and quoting.

use crate::lang::{Label, Lang};
use crate::messages as msg;

/// The number of characters of `text` (a plain count of the bytes that start a character: core's
/// vectorized version is larger than this whole module in the wasm build).
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
/// (at most a third of the word's length, and at least one edit allowed).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest(word, &mut candidates.into_iter())
}

/// [`suggest`] behind a trait object: one copy of the search, whatever the candidates' iterator.
fn closest<'a>(word: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (char_count(word) / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let d = edit_distance(word, candidate);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The Levenshtein distance between two strings, counted in characters (strsim's).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// " Did you mean 'x'?" in both languages, or empty texts when there is no suggestion.
pub(crate) fn did_you_mean(suggestion: Option<&str>) -> Label {
    match suggestion {
        Some(s) => msg::DID_YOU_MEAN.fill(&[&s]),
        None => Label::default(),
    }
}

/// The things whose unknown ids are reported with a suggestion.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Unknown {
    Permission,
    Role,
    TenantKind,
}

/// "unknown role 'x'. Did you mean 'y'?" in both languages, suggesting the closest of
/// `candidates`. (German inflects the adjective by the noun's gender, hence whole phrases.)
pub(crate) fn unknown<'a>(what: Unknown, id: &str, candidates: impl IntoIterator<Item = &'a str>) -> Label {
    let text = match what {
        Unknown::Permission => &msg::UNKNOWN_PERMISSION,
        Unknown::Role => &msg::UNKNOWN_ROLE,
        Unknown::TenantKind => &msg::UNKNOWN_KIND,
    };
    text.fill(&[&id, &did_you_mean(suggest(id, candidates))])
}

/// A phrase in the typographic quotes of each language: “x” and „x“.
pub(crate) fn quote(text: &dyn msg::Arg) -> Label {
    msg::QUOTED.fill(&[text])
}

/// Items joined with ", " and, before the last one, the language's word for "and".
pub(crate) fn join_and(items: &[Label]) -> Label {
    match items {
        [] => Label::default(),
        [one] => one.clone(),
        [init @ .., last] => {
            let init = Label::new(join(init, Lang::En), join(init, Lang::De));
            msg::AND.fill(&[&init, last])
        }
    }
}

/// Items joined with ", " and, before the last one, the language's word for "or".
pub(crate) fn join_or(items: &[Label]) -> Label {
    match items {
        [] => Label::default(),
        [one] => one.clone(),
        [init @ .., last] => {
            let init = Label::new(join(init, Lang::En), join(init, Lang::De));
            msg::OR.fill(&[&init, last])
        }
    }
}

fn join(items: &[Label], lang: Lang) -> String {
    items.iter().map(|l| l.get(lang)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("straße", "strasse"), 2);
    }

    #[test]
    fn suggests_only_close_candidates() {
        let ids = ["purchaser", "operator", "programmer"];
        assert_eq!(suggest("purchasr", ids), Some("purchaser"));
        assert_eq!(suggest("opertor", ids), Some("operator"));
        assert_eq!(suggest("zzz", ids), None);
    }

    #[test]
    fn joins_with_the_languages_and() {
        let items: Vec<Label> = ["A", "B", "C"].iter().map(|s| Label::new(*s, *s)).collect();
        assert_eq!(join_and(&items).en, "A, B and C");
        assert_eq!(join_and(&items[..2]).de, "A und B");
        assert_eq!(join_and(&items[..1]).de, "A");
        assert_eq!(join_or(&items).en, "A, B or C");
        assert_eq!(join_or(&items[..2]).de, "A oder B");
        assert_eq!(quote(&Label::new("Order", "Bestellen")).de, "„Bestellen“");
    }
}
