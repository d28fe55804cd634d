//! CSV export of a results report: one row per figure (headline figures first, then each concern's
//! figures in the report's order, then who responded by age band and by sex), so the file loads
//! straight into a spreadsheet or R.
//!
//! Who responded: per age band (`age_band_*`) and sex (`sex_*`), rows `…_count` (respondents),
//! `…_sample_share`, `…_weighted_share` and `…_population_share`, the category's words in `label`,
//! and a `…_not_given` count; `base` is the selection's `n`. A small count, and the counts withheld
//! so that it cannot be worked out, are empty with `suppressed = true`, with their shares.
//!
//! Columns: `consultation, area_type, area_code, area_name, measure, concern_id, label, rank,
//! estimate, ci_low, ci_high, base, suppressed, low_base`. Suppressed figures have empty estimate
//! and interval cells and `suppressed = true`. For `rank_interval` rows, `ci_low`/`ci_high` are
//! the interval's ranks. Every cell that a spreadsheet would read as a formula (starting with `=`,
//! `+`, `-`, `@`, tab or carriage return) is prefixed with `'`; negative numbers are written as
//! text that way too, which is why estimates here are never negative.

use super::report::{Proportion, ResultsReport};
use super::representativeness::MarginShares;

const HEADER: [&str; 14] = [
    "consultation",
    "area_type",
    "area_code",
    "area_name",
    "measure",
    "concern_id",
    "label",
    "rank",
    "estimate",
    "ci_low",
    "ci_high",
    "base",
    "suppressed",
    "low_base",
];

/// A cell made safe for spreadsheets (one guard for every CSV export).
pub use crate::format::neutralise_formula as neutralise;

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

struct Row<'a> {
    measure: &'a str,
    concern_id: &'a str,
    label: &'a str,
    rank: Option<usize>,
    estimate: Option<f64>,
    ci: (Option<f64>, Option<f64>),
    base: usize,
    suppressed: bool,
    low_base: bool,
}

impl<'a> Row<'a> {
    fn proportion(measure: &'a str, concern: (&'a str, &'a str), rank: Option<usize>, p: &Proportion) -> Self {
        Row {
            measure,
            concern_id: concern.0,
            label: concern.1,
            rank,
            estimate: p.estimate,
            ci: (p.ci_low, p.ci_high),
            base: p.base,
            suppressed: p.suppressed,
            low_base: p.low_base,
        }
    }

    /// The cells after the area columns, before neutralising.
    fn cells(&self) -> [String; 10] {
        [
            self.measure.to_string(),
            self.concern_id.to_string(),
            self.label.to_string(),
            self.rank.map(|r| r.to_string()).unwrap_or_default(),
            number(self.estimate),
            number(self.ci.0),
            number(self.ci.1),
            self.base.to_string(),
            self.suppressed.to_string(),
            self.low_base.to_string(),
        ]
    }
}

/// The report as CSV text.
pub fn to_csv(report: &ResultsReport) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    let area_type = serde_json::to_value(report.area.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    let prefix = [
        report.consultation.clone(),
        area_type.unwrap_or_default(),
        report.area.code.clone(),
        report.area.name.clone(),
    ];
    let mut rows = headline_rows(report);
    rows.extend(concern_rows(report));
    let r = &report.representativeness;
    rows.extend(sample_rows(report, &r.age_band, AGE_BAND_MEASURES));
    rows.extend(sample_rows(report, &r.sex, SEX_MEASURES));
    for row in rows {
        let cells = row.cells();
        writer.write_record(prefix.iter().chain(cells.iter()).map(|c| neutralise(c)))?;
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The selection's size and weights, and the feeling-safe and confidence shares.
fn headline_rows(report: &ResultsReport) -> Vec<Row<'_>> {
    let headline = |measure: &'static str, value: Option<f64>| Row {
        measure,
        concern_id: "",
        label: "",
        rank: None,
        estimate: value,
        ci: (None, None),
        base: report.n,
        suppressed: report.suppressed,
        low_base: report.low_base,
    };
    vec![
        headline("n", Some(report.n as f64)),
        headline("sum_weights", report.sum_weights),
        headline("design_effect", report.design_effect),
        headline("n_effective", report.n_effective),
        Row::proportion("feel_safe", ("", "Feels safe (4 or 5)"), None, &report.feel_safe),
        Row::proportion(
            "confidence",
            ("", "Confident in the local police (4 or 5)"),
            None,
            &report.confidence,
        ),
    ]
}

/// Each concern's figures, in the report's order (its rank).
fn concern_rows(report: &ResultsReport) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for (position, c) in report.concerns.iter().enumerate() {
        let rank = Some(position + 1);
        let id = (c.concern_id.as_str(), c.label.as_str());
        rows.push(Row::proportion("share_top_n", id, rank, &c.share_top_n));
        rows.push(Row::proportion("share_first", id, rank, &c.share_first));
        let plain = |measure, estimate, ci| Row {
            measure,
            concern_id: id.0,
            label: id.1,
            rank,
            estimate,
            ci,
            base: report.n,
            suppressed: c.suppressed,
            low_base: c.low_base,
        };
        rows.push(plain("borda_mean", c.borda_mean, (None, None)));
        rows.push(plain("pl_worth", c.pl_worth, (None, None)));
        let interval = c
            .rank_interval
            .map(|[lo, hi]| (Some(lo as f64), Some(hi as f64)))
            .unwrap_or((None, None));
        rows.push(plain("rank_interval", None, interval));
        rows.push(plain("p_rank_first", c.p_rank_first, (None, None)));
    }
    rows
}

/// The measures of one margin: count, sample share, weighted share, population share, not given.
type Measures = [&'static str; 5];
const AGE_BAND_MEASURES: Measures = [
    "age_band_count",
    "age_band_sample_share",
    "age_band_weighted_share",
    "age_band_population_share",
    "age_band_not_given",
];
const SEX_MEASURES: Measures = [
    "sex_count",
    "sex_sample_share",
    "sex_weighted_share",
    "sex_population_share",
    "sex_not_given",
];

/// Who responded in one margin, small cells withheld (the report's disclosure control).
fn sample_rows<'a>(report: &'a ResultsReport, margin: &'a MarginShares, measures: Measures) -> Vec<Row<'a>> {
    let nobody_answered = margin.answered == Some(0);
    let row = |measure, label, estimate: Option<f64>, suppressed| Row {
        measure,
        concern_id: "",
        label,
        rank: None,
        estimate,
        ci: (None, None),
        base: report.n,
        suppressed,
        low_base: report.low_base,
    };
    let mut rows = Vec::new();
    for c in &margin.categories {
        // A share is missing because it is withheld, unless nobody answered at all.
        let withheld = |share: Option<f64>| share.is_none() && !nobody_answered;
        rows.push(row(measures[0], c.label, c.count.map(|n| n as f64), c.suppressed));
        rows.push(row(measures[1], c.label, c.sample_share, withheld(c.sample_share)));
        rows.push(row(measures[2], c.label, c.weighted_share, withheld(c.weighted_share)));
        rows.push(row(measures[3], c.label, c.population_share, false));
    }
    rows.push(row(
        measures[4],
        "Not given or prefer not to say",
        margin.not_given.map(|n| n as f64),
        margin.not_given_suppressed,
    ));
    rows
}
