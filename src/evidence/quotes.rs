//! Choosing and cutting example quotes (see `comment_themes`), by a neutral rule, the same way
//! every time and whatever the order of the comments: among a theme's quotable comments in a group,
//! informative ones (at least [`MIN_INFORMATIVE_WORDS`] words) come first, then those whose length
//! is closest to the median length of the informative ones (typical of what people wrote, neither
//! the shortest nor the longest), then by text. Quotes that read the same once redacted (ignoring
//! case, spacing and punctuation) are shown once. Whether a comment needed redaction plays no part:
//! preferring comments that needed none would make an identifying comment that redaction missed
//! more likely to be shown. A quote longer than [`MAX_QUOTE_CHARS`] is cut at a sentence end (or a
//! word) and marked with "…".

use super::redact::redact_personal_data;

/// At most this many example quotes per theme and group.
pub const MAX_EXAMPLES: usize = 3;
/// Quotes longer than this many characters are cut.
pub const MAX_QUOTE_CHARS: usize = 200;
/// Comments with fewer words are quoted only when there are not enough longer ones.
pub const MIN_INFORMATIVE_WORDS: usize = 5;

/// How quotes are chosen and what is removed from them, for the pack's method section.
pub fn quote_method() -> String {
    format!(
        "Up to {MAX_EXAMPLES} example quotes per theme and area are shown, cut to {MAX_QUOTE_CHARS} characters. \
         They are chosen by a rule that does not read them: among the theme's comments in the area with at least \
         {MIN_INFORMATIVE_WORDS} words, those whose length is closest to the median length come first (ties by \
         text), and quotes that read the same are shown once. Links, email addresses, social media handles, phone \
         numbers, full postcodes, vehicle registrations, street addresses, flat numbers and people's names are \
         replaced by a note saying what was removed; whether a comment needed this plays no part in choosing it. \
         Comments sent through the API are counted in the themes but never quoted, as they are the easiest to \
         script. The quotes have not been reviewed by an analyst (there is no approval step yet): check them \
         before the pack is shared."
    )
}

/// A quotable comment of a theme in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate<'a> {
    pub uninformative: bool,
    pub chars: usize,
    pub text: &'a str,
}

/// The median length of the informative candidates (of all, when none is informative).
fn median_chars(candidates: &[Candidate<'_>]) -> usize {
    let informative: Vec<usize> = candidates
        .iter()
        .filter(|c| !c.uninformative)
        .map(|c| c.chars)
        .collect();
    let mut lengths = if informative.is_empty() {
        candidates.iter().map(|c| c.chars).collect()
    } else {
        informative
    };
    if lengths.is_empty() {
        return 0;
    }
    let middle = (lengths.len() - 1) / 2;
    *lengths.select_nth_unstable(middle).1
}

/// Up to [`MAX_EXAMPLES`] distinct redacted quotes, in the order of the module doc's rule.
pub(super) fn example_quotes(candidates: &mut [Candidate<'_>]) -> Vec<String> {
    let median = median_chars(candidates);
    candidates.sort_unstable_by_key(|c| (c.uninformative, c.chars.abs_diff(median), c.text));
    let mut quotes: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for candidate in candidates.iter() {
        let text = redact_personal_data(candidate.text).text;
        let key = comparison_key(&text);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        quotes.push(short_quote(&text));
        if quotes.len() == MAX_EXAMPLES {
            break;
        }
    }
    quotes
}

/// Lower-case letters and digits only, so that "Never see police!" and "never see police" are one quote.
fn comparison_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `text` on one line, cut to at most [`MAX_QUOTE_CHARS`] characters (plus " …") at the last
/// sentence end that keeps at least a quarter of the allowance, else at the last space.
pub fn short_quote(text: &str) -> String {
    let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((limit, _)) = tidy.char_indices().nth(MAX_QUOTE_CHARS) else {
        return tidy;
    };
    let head = &tidy[..limit];
    let min_len = head.char_indices().nth(MAX_QUOTE_CHARS / 4).map_or(0, |(i, _)| i);
    let sentence_end = head
        .match_indices(['.', '!', '?'])
        .map(|(i, _)| i + 1)
        .rfind(|&end| end >= min_len && (end == head.len() || head[end..].starts_with(' ')));
    let cut = match sentence_end {
        Some(end) => &head[..end],
        None => head
            .rfind(' ')
            .filter(|&i| i >= min_len)
            .map_or(head, |i| head[..i].trim_end_matches([',', ';', ':'])),
    };
    format!("{cut} …")
}
