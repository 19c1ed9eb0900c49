//! Small text helpers for messages: "did you mean" suggestions and quoting.

use crate::lang::{Label, Lang};

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
/// (at most a third of the word's length, and at least one edit allowed).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// " Did you mean 'x'?" in both languages, or empty texts when there is no suggestion.
pub fn did_you_mean(suggestion: Option<&str>) -> Label {
    match suggestion {
        Some(s) => Label::new(format!(" Did you mean '{s}'?"), format!(" Meinten Sie '{s}'?")),
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
    let (en, de) = match what {
        Unknown::Permission => ("unknown permission", "unbekannte Berechtigung"),
        Unknown::Role => ("unknown role", "unbekannte Rolle"),
        Unknown::TenantKind => ("unknown tenant kind", "unbekannte Mandantenart"),
    };
    let hint = did_you_mean(suggest(id, candidates));
    Label::new(format!("{en} '{id}'.{}", hint.en), format!("{de} '{id}'.{}", hint.de))
}

/// A quoted phrase with the typographic quotes of the language: “x” or „x“.
pub fn quote(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => format!("“{text}”"),
        Lang::De => format!("„{text}“"),
    }
}

/// Builds a [`Label`] by running the same formatting closure for each language.
pub fn bilingual(mut f: impl FnMut(Lang) -> String) -> Label {
    Label::new(f(Lang::En), f(Lang::De))
}

/// Joins items with ", " and the language's word for "and" before the last one.
pub fn join_and(lang: Lang, items: &[String]) -> String {
    let and = match lang {
        Lang::En => "and",
        Lang::De => "und",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
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
        let items = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(join_and(Lang::En, &items), "A, B and C");
        assert_eq!(join_and(Lang::De, &items[..2]), "A und B");
        assert_eq!(join_and(Lang::De, &items[..1]), "A");
    }
}
