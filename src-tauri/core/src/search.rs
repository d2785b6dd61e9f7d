//! The board's search rule, one for the store and the page: text is folded
//! (canonical decomposition, marks dropped, lower case: "Société" is
//! "societe"), and a query matches a text when every word of it, folded,
//! appears in the folded text. The store keeps each application's folded
//! company, role and contact names (`applications.search`) and matches them
//! in SQLite; ui/board-logic.js's `fold` and `filterCards` are the page's
//! copy, checked on the same cases (tests/fixtures/search.json).

use icu_normalizer::DecomposingNormalizerBorrowed;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use icu_properties::CodePointMapData;

/// `s` folded: decomposed (NFD), without its marks, in lower case.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let categories = CodePointMapData::<GeneralCategory>::new();
    DecomposingNormalizerBorrowed::new_nfd()
        .normalize(s)
        .chars()
        .filter(|&c| !GeneralCategoryGroup::Mark.contains(categories.get(c)))
        .collect::<String>()
        .to_lowercase()
}

/// The folded words of a query (none for a blank one: everything matches).
pub fn words(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

/// The text an application is searched by: its company, role and contact names, folded.
pub fn text<'a>(company: &'a str, role: &'a str, contacts: impl IntoIterator<Item = &'a str>) -> String {
    let mut all = vec![company, role];
    all.extend(contacts);
    fold(&all.join("\n"))
}

/// Whether every word of `query` appears in `text` (both folded here).
pub fn matches(text: &str, query: &str) -> bool {
    let text = fold(text);
    words(query).iter().all(|w| text.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn cases() -> Value {
        serde_json::from_str(include_str!("../../../tests/fixtures/search.json")).expect("valid JSON")
    }

    #[test]
    fn folding_drops_marks_and_case_as_the_page_does() {
        let cases = cases();
        for case in cases["fold"].as_array().unwrap() {
            let (text, want) = (case["text"].as_str().unwrap(), case["folded"].as_str().unwrap());
            assert_eq!(fold(text), want, "fold({text:?})");
        }
    }

    #[test]
    fn a_query_matches_when_each_of_its_words_appears() {
        let cases = cases();
        for case in cases["match"].as_array().unwrap() {
            let (text, query) = (case["text"].as_str().unwrap(), case["query"].as_str().unwrap());
            assert_eq!(matches(text, query), case["matches"].as_bool().unwrap(), "{query:?} in {text:?}");
        }
    }
}
