//! Small wording helpers shared by the pages. Dates and numbers are written by [`crate::format`]
//! (the one style for figures), re-exported here for the resident pages.

pub use crate::format::{count as thousands, uk_date};

/// Upper-cases the first letter, for domain messages written to follow a field name.
pub fn sentence_case(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits text written with blank lines between paragraphs.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_start_with_a_capital() {
        assert_eq!(
            sentence_case("choose at least one concern"),
            "Choose at least one concern"
        );
        assert_eq!(sentence_case(""), "");
    }
}
