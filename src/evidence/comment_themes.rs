//! "What people said": comments coded into themes and counted per group (usually a council area),
//! with up to [`MAX_EXAMPLES`] short example quotes per theme and group, personal data redacted;
//! then [`suppress_small_groups`] withholds everything for groups whose unweighted base is under
//! the consultation's suppression threshold.
//!
//! Example quotes are chosen the same way every time: among the theme's comments in the group,
//! informative ones (at least [`MIN_INFORMATIVE_WORDS`] words) come first, then shorter before
//! longer, then by text; of the first few, those needing no redaction are preferred, and quotes
//! that read the same (ignoring case, spacing and punctuation) are shown once. A quote longer than
//! [`MAX_QUOTE_CHARS`] is cut at a sentence end (or a word) and marked with "…".

use super::redact::redact_personal_data;
use super::themes::{CodingScratch, ThemeCoder};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// At most this many example quotes per theme and group.
pub const MAX_EXAMPLES: usize = 3;
/// Quotes longer than this many characters are cut.
pub const MAX_QUOTE_CHARS: usize = 200;
/// Comments with fewer words are quoted only when there are not enough longer ones.
pub const MIN_INFORMATIVE_WORDS: usize = 5;
/// Candidate quotes kept per theme and group while counting, so that redacted or repeated ones
/// can be passed over.
const CANDIDATES: usize = 8;

/// A theme's id and label, in the coder's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeRef {
    pub id: String,
    pub label: String,
}

/// One theme in one group: how many comments mention it, and example quotes (redacted).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ThemeTally {
    pub count: u32,
    pub examples: Vec<String>,
}

/// The coded comments of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupThemeCounts {
    /// Non-blank comments in the group.
    pub comments: u32,
    /// Comments that mention at least one theme.
    pub coded: u32,
    /// One entry per theme, in the order of [`ThemeCounts::themes`]. A comment may count in several.
    pub themes: Vec<ThemeTally>,
}

/// Coded comments per group, before suppression: not for publication as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeCounts<G: Ord> {
    pub themes: Vec<ThemeRef>,
    pub groups: BTreeMap<G, GroupThemeCounts>,
}

/// A group's comments as they may be published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum GroupComments {
    /// The group's unweighted base is at or above the threshold.
    Shown { base: u32, counts: GroupThemeCounts },
    /// The base is under the threshold: no count and no quote may be shown (not even zero).
    Suppressed { base: u32 },
}

/// Coded comments per group, with small groups suppressed: safe to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressedThemeCounts<G: Ord> {
    pub themes: Vec<ThemeRef>,
    pub suppression_threshold: u32,
    pub groups: BTreeMap<G, GroupComments>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate<'a> {
    uninformative: bool,
    len: usize,
    text: &'a str,
}

struct GroupTally<'a> {
    comments: u32,
    coded: u32,
    counts: Vec<u32>,
    candidates: Vec<Vec<Candidate<'a>>>,
}

impl<'a> GroupTally<'a> {
    fn new(themes: usize) -> Self {
        GroupTally {
            comments: 0,
            coded: 0,
            counts: vec![0; themes],
            candidates: vec![Vec::new(); themes],
        }
    }
}

/// Codes every comment and counts themes per group (`group` is usually the council area).
/// Blank comments are skipped. 400,000 comments take under a second (see the timing test).
pub fn code_comments<'a, G, I>(coder: &ThemeCoder, comments: I) -> ThemeCounts<G>
where
    G: Ord,
    I: IntoIterator<Item = (G, &'a str)>,
{
    let themes = coder.themes().len();
    let mut tallies: BTreeMap<G, GroupTally<'a>> = BTreeMap::new();
    let mut scratch = CodingScratch::default();
    for (group, comment) in comments {
        let text = comment.trim();
        if text.is_empty() {
            continue;
        }
        coder.code_into(text, &mut scratch);
        let hits = &scratch.hits;
        let tally = match tallies.get_mut(&group) {
            Some(t) => t,
            None => tallies.entry(group).or_insert_with(|| GroupTally::new(themes)),
        };
        tally.comments += 1;
        if !hits.contains(&true) {
            continue;
        }
        tally.coded += 1;
        let candidate = Candidate {
            uninformative: scratch.tokens.len() < MIN_INFORMATIVE_WORDS,
            len: text.len(),
            text,
        };
        for (theme, _) in hits.iter().enumerate().filter(|(_, &hit)| hit) {
            tally.counts[theme] += 1;
            offer(&mut tally.candidates[theme], candidate);
        }
    }
    ThemeCounts {
        themes: coder
            .themes()
            .iter()
            .map(|t| ThemeRef {
                id: t.id.clone(),
                label: t.label.clone(),
            })
            .collect(),
        groups: tallies
            .into_iter()
            .map(|(group, t)| {
                let tallies = t
                    .counts
                    .iter()
                    .zip(&t.candidates)
                    .map(|(&count, candidates)| ThemeTally {
                        count,
                        examples: example_quotes(candidates),
                    })
                    .collect();
                (
                    group,
                    GroupThemeCounts {
                        comments: t.comments,
                        coded: t.coded,
                        themes: tallies,
                    },
                )
            })
            .collect(),
    }
}

/// Keeps `kept` sorted and at most [`CANDIDATES`] long, without repeated texts.
fn offer<'a>(kept: &mut Vec<Candidate<'a>>, candidate: Candidate<'a>) {
    if kept.len() == CANDIDATES && kept.last().is_some_and(|worst| candidate >= *worst) {
        return;
    }
    if let Err(at) = kept.binary_search(&candidate) {
        kept.insert(at, candidate);
        kept.truncate(CANDIDATES);
    }
}

fn example_quotes(candidates: &[Candidate<'_>]) -> Vec<String> {
    let mut redacted: Vec<(bool, String)> = candidates
        .iter()
        .map(|c| {
            let r = redact_personal_data(c.text);
            (!r.kinds.is_empty(), r.text)
        })
        .collect();
    // Stable: among equally clean quotes the shortest-first order stands.
    redacted.sort_by_key(|(needed_redaction, _)| *needed_redaction);
    let mut quotes: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (_, text) in redacted {
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

/// Withholds the counts and quotes of every group whose unweighted base (respondents in the group,
/// from `bases`) is under `threshold`. A group missing from `bases` counts as base 0; a group in
/// `bases` with no comments is shown with zero counts when its base allows.
pub fn suppress_small_groups<G>(
    counts: ThemeCounts<G>,
    bases: &HashMap<G, u32>,
    threshold: u32,
) -> SuppressedThemeCounts<G>
where
    G: Ord + Clone + Hash,
{
    let publishable = |group: &G, group_counts: GroupThemeCounts| {
        let base = bases.get(group).copied().unwrap_or(0);
        if base >= threshold {
            GroupComments::Shown {
                base,
                counts: group_counts,
            }
        } else {
            GroupComments::Suppressed { base }
        }
    };
    let zero = GroupThemeCounts {
        comments: 0,
        coded: 0,
        themes: vec![ThemeTally::default(); counts.themes.len()],
    };
    let mut groups: BTreeMap<G, GroupComments> = counts
        .groups
        .into_iter()
        .map(|(group, c)| (group.clone(), publishable(&group, c)))
        .collect();
    for group in bases.keys() {
        if !groups.contains_key(group) {
            groups.insert(group.clone(), publishable(group, zero.clone()));
        }
    }
    SuppressedThemeCounts {
        themes: counts.themes,
        suppression_threshold: threshold,
        groups,
    }
}
