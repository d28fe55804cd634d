//! "What people said": comments coded into themes and counted per group (usually a council area),
//! with up to [`MAX_EXAMPLES`] short example quotes per theme and group, personal data redacted;
//! then [`suppress_small_groups`] withholds everything for groups whose unweighted base is under
//! the consultation's suppression threshold.
//!
//! Every comment is counted; only quotable ones ([`Comment::quotable`]: not sent through the API)
//! may be quoted, chosen by the neutral rule of `quotes`.

use super::quotes::{example_quotes, Candidate};
pub use super::quotes::{quote_method, short_quote, MAX_EXAMPLES, MAX_QUOTE_CHARS, MIN_INFORMATIVE_WORDS};
use super::themes::{CodingScratch, ThemeCoder};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// A comment to code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment<'a> {
    pub text: &'a str,
    /// Whether it may be quoted. Comments sent through the JSON API are counted but not quoted:
    /// they are the easiest to script, and no analyst approves quotes yet.
    pub quotable: bool,
}

/// A comment as read for the pack (see [`Comment`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub text: String,
    pub quotable: bool,
}

impl StoredComment {
    pub fn as_comment(&self) -> Comment<'_> {
        Comment {
            text: &self.text,
            quotable: self.quotable,
        }
    }
}

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
    I: IntoIterator<Item = (G, Comment<'a>)>,
{
    let themes = coder.themes().len();
    let mut tallies: BTreeMap<G, GroupTally<'a>> = BTreeMap::new();
    let mut scratch = CodingScratch::default();
    for (group, comment) in comments {
        let text = comment.text.trim();
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
        let candidate = comment.quotable.then(|| Candidate {
            uninformative: scratch.tokens.len() < MIN_INFORMATIVE_WORDS,
            chars: text.chars().count(),
            text,
        });
        for (theme, _) in hits.iter().enumerate().filter(|(_, &hit)| hit) {
            tally.counts[theme] += 1;
            tally.candidates[theme].extend(candidate);
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
                    .zip(t.candidates)
                    .map(|(&count, mut candidates)| ThemeTally {
                        count,
                        examples: example_quotes(&mut candidates),
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
