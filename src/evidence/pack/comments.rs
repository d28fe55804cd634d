//! Section 7: What people said: comments coded into the consultation's themes per council area (see
//! `crate::evidence::comment_themes`), with up to three short redacted quotes per theme (never from
//! comments sent through the API, which are counted only), nothing at all for areas under the
//! suppression threshold, and division totals over the areas shown only (so a suppressed area's
//! counts cannot be worked out by subtraction).

use super::model::{AreaComments, CommentsSection, Place, ThemeLabel, ThemeRow};
use crate::evidence::comment_themes::{
    code_comments, suppress_small_groups, Comment, GroupComments, StoredComment, SuppressedThemeCounts, ThemeCounts,
};
use crate::evidence::themes::ThemeCoder;
use std::collections::{BTreeMap, HashMap};

/// Codes comments one council area at a time, so only one area's texts need be in memory.
pub struct AreaCommentCoder<'c> {
    coder: &'c ThemeCoder,
    counts: Option<ThemeCounts<String>>,
}

impl<'c> AreaCommentCoder<'c> {
    pub fn new(coder: &'c ThemeCoder) -> Self {
        Self { coder, counts: None }
    }

    /// Codes the comments of council area `code` (blank ones are skipped; only quotable ones may
    /// be quoted).
    pub fn add_area(&mut self, code: &str, comments: &[StoredComment]) {
        let coded = code_comments(self.coder, comments.iter().map(|c| (code.to_string(), c.as_comment())));
        match &mut self.counts {
            None => self.counts = Some(coded),
            Some(all) => all.groups.extend(coded.groups),
        }
    }

    /// The counts with every area whose respondents (`bases`, by area code) are under `threshold`
    /// suppressed.
    pub fn finish(self, bases: &HashMap<String, u32>, threshold: u32) -> SuppressedThemeCounts<String> {
        let counts = self
            .counts
            .unwrap_or_else(|| code_comments(self.coder, std::iter::empty::<(String, Comment<'_>)>()));
        suppress_small_groups(counts, bases, threshold)
    }
}

/// The section, with areas in the order of `places` (code, name, anchor).
pub fn build_comments(counts: &SuppressedThemeCounts<String>, places: &[(Place, String)]) -> CommentsSection {
    let themes: Vec<ThemeLabel> = counts
        .themes
        .iter()
        .map(|t| ThemeLabel {
            id: t.id.clone(),
            label: t.label.clone(),
        })
        .collect();
    let mut totals = vec![0u32; themes.len()];
    let mut any_shown = false;
    let mut left_out = Vec::new();
    let mut areas = Vec::with_capacity(places.len());
    let empty = BTreeMap::new();
    let groups = if counts.groups.is_empty() {
        &empty
    } else {
        &counts.groups
    };
    for (place, anchor) in places {
        let entry = groups.get(&place.code);
        let area = match entry {
            Some(GroupComments::Shown { base, counts: c }) => {
                any_shown = true;
                let mut rows: Vec<ThemeRow> = themes
                    .iter()
                    .zip(&c.themes)
                    .zip(totals.iter_mut())
                    .filter_map(|((t, tally), total)| {
                        *total += tally.count;
                        (tally.count > 0).then(|| ThemeRow {
                            id: t.id.clone(),
                            label: t.label.clone(),
                            count: tally.count,
                            examples: tally.examples.clone(),
                        })
                    })
                    .collect();
                rows.sort_by_key(|r| std::cmp::Reverse(r.count));
                AreaComments {
                    place: place.clone(),
                    anchor: anchor.clone(),
                    base: *base,
                    suppressed: false,
                    comments: Some(c.comments),
                    coded: Some(c.coded),
                    themes: rows,
                }
            }
            Some(GroupComments::Suppressed { base }) => {
                left_out.push(place.name.clone());
                suppressed_area(place, anchor, *base)
            }
            None => {
                left_out.push(place.name.clone());
                suppressed_area(place, anchor, 0)
            }
        };
        areas.push(area);
    }
    CommentsSection {
        themes,
        areas,
        division_totals: any_shown.then_some(totals),
        areas_left_out: left_out,
    }
}

fn suppressed_area(place: &Place, anchor: &str, base: u32) -> AreaComments {
    AreaComments {
        place: place.clone(),
        anchor: anchor.to_string(),
        base,
        suppressed: true,
        comments: None,
        coded: None,
        themes: Vec::new(),
    }
}
