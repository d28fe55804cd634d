//! The "Who responded" part of the results page: sample against population by age band and by sex
//! (from the report's `representativeness`, small cells withheld and said to be), and what the
//! weighting did ([`super::weighting_view`]).

use super::weighting_view::{area_rows, weighting_sentences, AreaWeightingRow};
use crate::format::{count, percent, suppressed_because, NOT_AVAILABLE, NO_ANSWERS, SUPPRESSED};
use crate::results::report::ResultsReport;
use crate::results::representativeness::MarginShares;

/// One age band or sex.
pub struct SampleRow {
    pub label: String,
    pub count: String,
    pub sample: String,
    pub weighted: String,
    pub population: String,
}

/// The table for one margin.
pub struct SampleTable {
    pub id: &'static str,
    pub caption: String,
    pub first_header: &'static str,
    pub rows: Vec<SampleRow>,
    /// "Not given or preferred not to say" count (or the suppressed text).
    pub not_given: String,
    /// Why some cells say "suppressed", when some do (and the whole table is not).
    pub note: Option<String>,
}

pub struct SampleView {
    pub suppressed: bool,
    pub tables: Vec<SampleTable>,
    pub population_note: String,
    /// What the weighting did, sentence by sentence.
    pub weighting: Vec<String>,
    pub areas: Vec<AreaWeightingRow>,
}

/// A share, or why there is none: nobody answered, or it is withheld (`withheld` says so).
fn share(p: Option<f64>, nobody_answered: bool, withheld: &str) -> String {
    match p {
        Some(p) => percent(p),
        None if nobody_answered => NO_ANSWERS.to_string(),
        None => withheld.to_string(),
    }
}

fn table(
    id: &'static str,
    caption: String,
    first_header: &'static str,
    m: &MarginShares,
    threshold: u32,
    whole_suppressed: bool,
) -> SampleTable {
    let nobody_answered = m.answered == Some(0);
    // The whole table withheld has one reason, said in every cell; a withheld cell of a published
    // table does not say why (see the note), as that would narrow it down.
    let withheld = if whole_suppressed {
        suppressed_because(threshold)
    } else {
        SUPPRESSED.to_string()
    };
    let rows = m
        .categories
        .iter()
        .map(|c| SampleRow {
            label: c.label.to_string(),
            count: c.count.map_or_else(|| withheld.clone(), count),
            sample: share(c.sample_share, nobody_answered, &withheld),
            weighted: share(c.weighted_share, nobody_answered, &withheld),
            population: c.population_share.map_or_else(|| NOT_AVAILABLE.to_string(), percent),
        })
        .collect();
    let some_withheld = m.not_given_suppressed
        || m.categories
            .iter()
            .any(|c| c.suppressed || (c.weighted_share.is_none() && !nobody_answered));
    SampleTable {
        id,
        caption,
        first_header,
        rows,
        not_given: m.not_given.map_or_else(|| withheld.clone(), count),
        note: (some_withheld && !whole_suppressed).then(|| {
            format!(
                "To protect respondents, counts from 1 to {} are suppressed, and so are the next smallest counts in \
                 the table, so that no suppressed count can be worked out from the total; for a division or Scotland, \
                 so are counts that would give away a suppressed count of a council area. The shares made from them \
                 are suppressed too, as are all shares of responses when the number not given is suppressed, and \
                 shares after weighting of bands weighted together with a suppressed band.",
                threshold.saturating_sub(1)
            )
        }),
    }
}

pub fn sample_view(report: &ResultsReport) -> SampleView {
    let r = &report.representativeness;
    let threshold = report.disclosure.suppression_threshold;
    let area = &report.area.name;
    SampleView {
        suppressed: r.suppressed,
        tables: vec![
            table(
                "sample-age",
                format!("Respondents in {area} by age band"),
                "Age band",
                &r.age_band,
                threshold,
                r.suppressed,
            ),
            table(
                "sample-sex",
                format!("Respondents in {area} by sex"),
                "Sex",
                &r.sex,
                threshold,
                r.suppressed,
            ),
        ],
        population_note: format!(
            "Population: {} adults aged 16 and over in the covered council areas (mid-{} estimates).",
            count(usize::try_from(r.adult_population).unwrap_or(usize::MAX)),
            report.weighting.population.year
        ),
        weighting: if report.suppressed {
            Vec::new()
        } else {
            weighting_sentences(report)
        },
        areas: if report.suppressed {
            Vec::new()
        } else {
            area_rows(report)
        },
    }
}
