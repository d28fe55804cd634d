//! The public form of the results' per-category counts: the representativeness tables and the
//! weighting diagnostics of each council area, with small cells withheld by the rules of
//! [`super::small_cells`]. Reads no environment variables.
//!
//! * **Which cells.** Each council area's row (age bands or sexes, then "not given", adding up to
//!   its published `n`) withholds its small cells and those protecting them; a division or
//!   Scotland, whose tables add up its areas' and are published beside them, also withholds what
//!   would give a withheld area cell away by subtraction ([`super::linked_cells`]).
//! * Withheld counts take their unweighted and weighted shares with them. When "not given" is
//!   withheld, `answered` and every unweighted share are withheld too: a published count and its
//!   share would give `answered` away, and `n − answered` is "not given". Weighted shares add up
//!   to 1, so at least two are withheld or none; and a band raked together with a withheld band in
//!   some area has its weighted share withheld as well, since within a raking group weight follows
//!   the number of respondents.
//! * **Weighting diagnostics.** An area with fewer respondents than the threshold shows only its
//!   name, `n`, convergence and the over-5% flag (every respondent of so small an area carries more
//!   than 5%); its weights and margins are withheld. An area's count of respondents who did not
//!   give their age (or sex) is withheld wherever its own table withholds it.

use super::linked_cells::{area_pattern, selection_pattern, AreaRow};
use super::representativeness::AreaCells;
use super::representativeness::{MarginShares, Representativeness};
use super::small_cells::at_least_two;
use super::weighting::{AreaWeightingReport, Variable};

impl Representativeness {
    /// The public form: everything withheld when `suppressed` (the whole selection is too small),
    /// otherwise small cells withheld (see the module doc). `areas` are the selection's weighting
    /// reports, before disclosure control (for which bands were raked together).
    pub fn disclosed(&self, suppressed: bool, threshold: usize, areas: &[AreaWeightingReport]) -> Self {
        let mut out = self.clone();
        // The per-area counts are what disclosure control works from, never part of the public form.
        out.area_cells.clear();
        if suppressed {
            out.suppressed = true;
            hide_margin(&mut out.age_band);
            hide_margin(&mut out.sex);
            return out;
        }
        let [age, sex] = [0, 1].map(|m| {
            let rows: Vec<AreaRow<'_>> = self
                .area_cells
                .iter()
                .map(|a| AreaRow {
                    division: &a.division,
                    cells: &a.cells[m],
                })
                .collect();
            selection_pattern(&rows, threshold)
        });
        out.age_band = disclose_margin(&self.age_band, &age, &raked_together(areas, Variable::AgeBand));
        out.sex = disclose_margin(&self.sex, &sex, &raked_together(areas, Variable::Sex));
        out
    }
}

fn hide_margin(margin: &mut MarginShares) {
    margin.answered = None;
    margin.not_given = None;
    margin.not_given_suppressed = true;
    for c in &mut margin.categories {
        c.count = None;
        c.sample_share = None;
        c.weighted_share = None;
        c.suppressed = true;
    }
}

/// The raking groups of several categories, in any area (categories by their stored code).
fn raked_together(areas: &[AreaWeightingReport], variable: Variable) -> Vec<Vec<&'static str>> {
    areas
        .iter()
        .flat_map(|a| a.margins.iter())
        .filter(|m| m.variable == variable)
        .flat_map(|m| m.groups.iter())
        .filter(|g| g.len() > 1)
        .cloned()
        .collect()
}

fn disclose_margin(margin: &MarginShares, withheld: &[bool], together: &[Vec<&'static str>]) -> MarginShares {
    let mut out = margin.clone();
    let k = margin.categories.len();
    if margin.not_given.is_none() {
        return out;
    }
    if withheld.len() != k + 1 {
        // No rows to work from (a bug): withhold everything rather than publish unchecked.
        hide_margin(&mut out);
        return out;
    }
    let counts: Vec<usize> = margin.categories.iter().map(|c| c.count.unwrap_or(0)).collect();
    let mut weighted_withheld = withheld[..k].to_vec();
    for group in together {
        let members: Vec<usize> = (0..k)
            .filter(|&c| group.contains(&margin.categories[c].category))
            .collect();
        if members.iter().any(|&c| withheld[c]) {
            for c in members {
                weighted_withheld[c] = true;
            }
        }
    }
    at_least_two(&mut weighted_withheld, &counts);
    let not_given_withheld = withheld[k];
    for (c, category) in out.categories.iter_mut().enumerate() {
        if withheld[c] {
            category.count = None;
            category.sample_share = None;
            category.suppressed = true;
        }
        if not_given_withheld {
            category.sample_share = None;
        }
        if weighted_withheld[c] {
            category.weighted_share = None;
        }
    }
    if not_given_withheld {
        out.answered = None;
        out.not_given = None;
        out.not_given_suppressed = true;
    }
    out
}

/// The public form of the selection's per-area weighting reports; `area_cells` are the areas'
/// rows, in the same order (see [`Representativeness::area_cells`]).
pub fn disclosed_areas(
    areas: &[AreaWeightingReport],
    threshold: usize,
    area_cells: &[AreaCells],
) -> Vec<AreaWeightingReport> {
    let mut out: Vec<AreaWeightingReport> = areas.to_vec();
    for (area, cells) in out.iter_mut().zip(area_cells) {
        for margin in &mut area.margins {
            let m = match margin.variable {
                Variable::AgeBand => 0,
                Variable::Sex => 1,
                Variable::Total => continue,
            };
            if area_pattern(&cells.cells[m], threshold)
                .last()
                .copied()
                .unwrap_or(false)
            {
                margin.unknown = None;
                margin.unknown_suppressed = true;
            }
        }
    }
    for area in out.iter_mut().filter(|a| a.suppressed_by(threshold)) {
        area.suppressed = true;
        area.min_weight = None;
        area.max_weight = None;
        area.weight_ratio = None;
        area.largest_weight_share = None;
        area.margins.clear();
    }
    out
}

impl AreaWeightingReport {
    /// Whether the area has too few respondents for its weights and counts to be shown.
    pub fn suppressed_by(&self, threshold: usize) -> bool {
        self.n < threshold
    }
}

#[cfg(test)]
#[path = "disclosure_tests.rs"]
mod tests;
