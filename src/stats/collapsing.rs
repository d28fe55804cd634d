//! Collapsing small cells of an ordered margin (age bands) before raking.
//!
//! A band with very few respondents gets huge weights (or cannot be raked at all when empty), so
//! bands with fewer than a minimum number of respondents (default 5) are merged with a neighbour.
//! Rule: repeatedly take the smallest group below the minimum (the youngest on ties) and merge it
//! with whichever adjacent group has fewer respondents (the younger on ties), until every group
//! reaches the minimum or only one group is left. Only neighbours are merged, so groups stay
//! contiguous ranges of bands ("16-34", "65+").

/// Default smallest number of respondents a category may have before it is collapsed.
pub const DEFAULT_MINIMUM_CELL: usize = 5;

/// How original categories map onto collapsed groups.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CategoryCollapse {
    /// `mapping[c]` is the collapsed group of original category `c`.
    pub mapping: Vec<usize>,
    /// Original categories in each collapsed group, in order.
    pub groups: Vec<Vec<usize>>,
    /// Original categories that were merged with a neighbour (empty when nothing was collapsed).
    pub collapsed: Vec<usize>,
}

impl CategoryCollapse {
    /// Number of collapsed groups.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Collapsed group of a respondent's category (`None` stays unknown; an out-of-range category
    /// gives `None` too, which raking would then treat as unknown — callers validate first).
    pub fn map_category(&self, category: Option<usize>) -> Option<usize> {
        category.and_then(|c| self.mapping.get(c).copied())
    }

    /// Targets per collapsed group: the sum of the original categories' targets.
    pub fn merge_targets(&self, targets: &[f64]) -> Vec<f64> {
        self.groups
            .iter()
            .map(|group| group.iter().filter_map(|c| targets.get(*c)).sum())
            .collect()
    }
}

/// Collapses ordered categories with fewer than `minimum` respondents into their neighbours.
pub fn collapse_small_categories(counts: &[usize], minimum: usize) -> CategoryCollapse {
    let mut groups: Vec<Vec<usize>> = (0..counts.len()).map(|c| vec![c]).collect();
    let mut sizes: Vec<usize> = counts.to_vec();
    while groups.len() > 1 {
        let smallest = (0..groups.len())
            .filter(|&g| sizes[g] < minimum)
            .min_by_key(|&g| (sizes[g], g));
        let Some(small) = smallest else { break };
        let neighbour = match (small.checked_sub(1), (small + 1 < groups.len()).then_some(small + 1)) {
            (Some(before), Some(after)) => {
                if sizes[after] < sizes[before] {
                    after
                } else {
                    before
                }
            }
            (Some(before), None) => before,
            (None, Some(after)) => after,
            (None, None) => break,
        };
        let (keep, remove) = (small.min(neighbour), small.max(neighbour));
        let removed = groups.remove(remove);
        groups[keep].extend(removed);
        sizes[keep] += sizes.remove(remove);
    }
    let mut mapping = vec![0; counts.len()];
    let mut collapsed = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        for &c in group {
            mapping[c] = index;
        }
        if group.len() > 1 {
            collapsed.extend(group.iter().copied());
        }
    }
    CategoryCollapse {
        mapping,
        groups,
        collapsed,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn nothing_is_collapsed_when_every_band_is_big_enough() {
        let collapse = collapse_small_categories(&[5, 9, 12], DEFAULT_MINIMUM_CELL);
        assert_eq!(collapse.mapping, vec![0, 1, 2]);
        assert!(collapse.collapsed.is_empty());
    }

    #[test]
    fn a_small_band_merges_with_its_smaller_neighbour() {
        // Seven age bands; band 2 (35-44) has 2 respondents, neighbours have 10 and 6: merge with band 3.
        let collapse = collapse_small_categories(&[8, 10, 2, 6, 20, 30, 15], 5);
        assert_eq!(collapse.mapping, vec![0, 1, 2, 2, 3, 4, 5]);
        assert_eq!(collapse.groups[2], vec![2, 3]);
        assert_eq!(collapse.collapsed, vec![2, 3]);
        assert_eq!(
            collapse.merge_targets(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
            vec![1.0, 2.0, 7.0, 5.0, 6.0, 7.0]
        );
        assert_eq!(collapse.map_category(Some(3)), Some(2));
        assert_eq!(collapse.map_category(None), None);
    }

    #[test]
    fn an_end_band_merges_inwards_and_merging_repeats_until_big_enough() {
        // 75+ has 1; merged with 65-74 (2) gives 3, still small, so it merges again with 55-64.
        let collapse = collapse_small_categories(&[9, 9, 9, 9, 9, 2, 1], 5);
        assert_eq!(collapse.groups, vec![vec![0], vec![1], vec![2], vec![3], vec![4, 5, 6]]);
        assert_eq!(collapse.collapsed, vec![4, 5, 6]);
    }

    #[test]
    fn ties_between_neighbours_go_to_the_younger_one_and_tiny_totals_become_one_group() {
        let collapse = collapse_small_categories(&[7, 3, 7], 5);
        assert_eq!(collapse.groups, vec![vec![0, 1], vec![2]]);
        let all = collapse_small_categories(&[1, 0, 2], 5);
        assert_eq!(all.groups, vec![vec![0, 1, 2]]);
        assert_eq!(all.mapping, vec![0, 0, 0]);
    }
}
