//! Small wording helpers shared by the pages: UK dates, numbers with thousands separators.

use chrono::NaiveDate;

/// "31 March 2027": the GOV.UK style for dates.
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "2,000": numbers of four digits or more with a comma, as GOV.UK writes them.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

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
    fn dates_are_written_the_uk_way() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        assert_eq!(uk_date(d), "31 March 2027");
        assert_eq!(uk_date(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()), "1 April 2026");
    }

    #[test]
    fn large_numbers_get_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn messages_start_with_a_capital() {
        assert_eq!(
            sentence_case("choose at least one concern"),
            "Choose at least one concern"
        );
        assert_eq!(sentence_case(""), "");
    }
}
