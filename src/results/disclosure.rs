//! The public form of the results' per-category counts: the representativeness tables and the
//! weighting diagnostics of each council area, with small cells withheld by the rules of
//! [`super::small_cells`]. Reads no environment variables.
//!
//! * **Representativeness.** Each margin is one row: the age bands (or sexes) and "not given",
//!   adding up to the selection's `n`, which is published. Withheld counts take their unweighted
//!   and weighted shares with them. When "not given" is withheld, `answered` and every unweighted
//!   share are withheld too: a published count and its share would give `answered` away, and
//!   `n − answered` is "not given". Weighted shares add up to 1, so at least two are withheld or
//!   none; and a band raked together with a withheld band in some area has its weighted share
//!   withheld as well, since within a raking group weight follows the number of respondents.
//! * **Weighting diagnostics.** An area with fewer respondents than the threshold shows only its
//!   name, `n`, convergence and the over-5% flag (every respondent of so small an area carries more
//!   than 5%); its weights and margins are withheld. The respondents who did not give their age
//!   (or sex) per area add up to the selection's "not given", so they are a row too: all withheld
//!   when that total is, otherwise withheld by the same rules, the withheld areas' counts forced.

use super::representativeness::{MarginShares, Representativeness};
use super::small_cells::{at_least_two, suppress_row};
use super::weighting::{AreaWeightingReport, Variable};

impl Representativeness {
    /// The public form: everything withheld when `suppressed` (the whole selection is too small),
    /// otherwise small cells withheld (see the module doc). `areas` are the selection's weighting
    /// reports, before disclosure control (for which bands were raked together).
    pub fn disclosed(&self, suppressed: bool, threshold: usize, areas: &[AreaWeightingReport]) -> Self {
        let mut out = self.clone();
        if suppressed {
            out.suppressed = true;
            hide_margin(&mut out.age_band);
            hide_margin(&mut out.sex);
            return out;
        }
        out.age_band = disclose_margin(&self.age_band, threshold, &raked_together(areas, Variable::AgeBand));
        out.sex = disclose_margin(&self.sex, threshold, &raked_together(areas, Variable::Sex));
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

fn disclose_margin(margin: &MarginShares, threshold: usize, together: &[Vec<&'static str>]) -> MarginShares {
    let mut out = margin.clone();
    let Some(not_given) = margin.not_given else {
        return out;
    };
    let k = margin.categories.len();
    let mut counts: Vec<usize> = margin.categories.iter().map(|c| c.count.unwrap_or(0)).collect();
    counts.push(not_given);
    let withheld = suppress_row(&counts, &[], threshold);
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
    at_least_two(&mut weighted_withheld, &counts[..k]);
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

/// The public form of the selection's per-area weighting reports. `not_given` is the selection's
/// published "not given" count for age band and for sex (`None` when withheld).
pub fn disclosed_areas(
    areas: &[AreaWeightingReport],
    threshold: usize,
    not_given: [Option<usize>; 2],
) -> Vec<AreaWeightingReport> {
    let mut out: Vec<AreaWeightingReport> = areas.to_vec();
    for (variable, total) in [Variable::AgeBand, Variable::Sex].into_iter().zip(not_given) {
        let margin = |a: usize| areas[a].margins.iter().position(|x| x.variable == variable);
        // An area whose margin was not used had every respondent not give it: that count is `n`,
        // which is published, so it can neither be withheld nor protect another.
        let row: Vec<(usize, usize)> = (0..areas.len())
            .filter_map(|a| margin(a).map(|m| (a, m)))
            .filter(|&(a, m)| areas[a].suppressed_by(threshold) || areas[a].margins[m].used)
            .collect();
        let counts: Vec<usize> = row
            .iter()
            .map(|&(a, m)| areas[a].margins[m].unknown.unwrap_or(0))
            .collect();
        let forced: Vec<bool> = row
            .iter()
            .map(|&(a, _)| total.is_none() || areas[a].suppressed_by(threshold))
            .collect();
        for (&(a, m), hide) in row.iter().zip(suppress_row(&counts, &forced, threshold)) {
            if hide {
                out[a].margins[m].unknown = None;
                out[a].margins[m].unknown_suppressed = true;
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
