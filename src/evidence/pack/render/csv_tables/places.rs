//! The tables with a row per place (the division, then each council area) and figure.

use super::{place_cells, sections, share_cells, Cell, Table};
use crate::evidence::pack::model::{CategoryRow, ChangeRow, EvidencePack};

const PLACE: [&str; 3] = ["place_type", "place_code", "place_name"];

/// The place columns followed by `rest`.
fn place_header<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    PLACE.iter().chain(rest).copied().collect()
}

pub(super) fn headline(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&place_header(&[
        "responses",
        "adult_population",
        "responses_per_1000_adults",
        "effective_sample_size",
        "design_effect",
        "feel_safe",
        "feel_safe_ci_low",
        "feel_safe_ci_high",
        "feel_safe_base",
        "feel_safe_suppressed",
        "confidence",
        "confidence_ci_low",
        "confidence_ci_high",
        "confidence_base",
        "confidence_suppressed",
        "feel_safe_change",
        "feel_safe_change_significant",
        "confidence_change",
        "confidence_change_significant",
    ]))?;
    let change = |c: &Option<ChangeRow>| match c {
        Some(c) => vec![Cell::Number(c.difference), Cell::Flag(c.significant)],
        None => vec![Cell::text(""), Cell::text("")],
    };
    for s in sections(pack) {
        let h = &s.headline;
        let mut cells = place_cells(s);
        cells.extend([
            Cell::count(h.responses),
            Cell::Count(usize::try_from(h.adult_population).ok()),
            Cell::Number(h.responses_per_1000_adults),
            Cell::Number(h.effective_sample_size),
            Cell::Number(h.design_effect),
        ]);
        cells.extend(share_cells(&h.feel_safe));
        cells.extend(share_cells(&h.confidence));
        cells.extend(change(&h.feel_safe_change));
        cells.extend(change(&h.confidence_change));
        t.row(cells)?;
    }
    t.finish()
}

pub(super) fn priorities(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&place_header(&[
        "position",
        "priority_id",
        "priority",
        "support",
        "ci_low",
        "ci_high",
        "base",
        "suppressed",
        "strength",
        "rank_low",
        "rank_high",
        "p_rank_first",
        "concerns",
    ]))?;
    for s in sections(pack) {
        for r in &s.priorities.rows {
            let mut cells = place_cells(s);
            cells.extend([Cell::Count(r.position), Cell::text(&r.id), Cell::text(&r.label)]);
            cells.extend(share_cells(&r.support));
            let concerns: Vec<&str> = r.contributing.iter().map(|c| c.id.as_str()).collect();
            cells.extend([
                Cell::text(r.strength.to_string()),
                Cell::Count(r.rank_interval.map(|i| i[0])),
                Cell::Count(r.rank_interval.map(|i| i[1])),
                Cell::Number(r.p_rank_first),
                Cell::text(concerns.join(";")),
            ]);
            t.row(cells)?;
        }
    }
    t.finish()
}

pub(super) fn priority_concerns(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&place_header(&[
        "priority_id",
        "concern_id",
        "concern",
        "share_top_n",
        "ci_low",
        "ci_high",
        "base",
        "suppressed",
        "strength",
    ]))?;
    for s in sections(pack) {
        for r in &s.priorities.rows {
            for c in &r.contributing {
                let mut cells = place_cells(s);
                cells.extend([Cell::text(&r.id), Cell::text(&c.id), Cell::text(&c.label)]);
                cells.extend(share_cells(&c.share));
                cells.push(Cell::text(c.strength.to_string()));
                t.row(cells)?;
            }
        }
    }
    t.finish()
}

pub(super) fn changes(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&place_header(&[
        "compared_with",
        "measure",
        "this",
        "other",
        "difference",
        "p_adjusted",
        "significant",
    ]))?;
    for s in sections(pack) {
        for section in std::iter::once(&s.changes).chain(s.differences.iter()) {
            for r in &section.significant {
                let mut cells = place_cells(s);
                cells.extend([
                    Cell::text(section.compared_with.clone().unwrap_or_default()),
                    Cell::text(&r.measure),
                    Cell::Number(r.this),
                    Cell::Number(r.other),
                    Cell::Number(r.difference),
                    Cell::Number(r.p_adjusted),
                    Cell::Flag(r.significant),
                ]);
                t.row(cells)?;
            }
        }
    }
    t.finish()
}

/// Age bands, sexes (each with a "Not given" row) and, for the division, council areas. A
/// suppressed count is empty with `suppressed` = true, and takes its shares with it.
pub(super) fn representativeness(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&place_header(&[
        "margin",
        "category",
        "count",
        "sample_share",
        "weighted_share",
        "population_share",
        "under_represented",
        "suppressed",
    ]))?;
    for s in sections(pack) {
        let r = &s.representativeness;
        let margins: [(&str, &Vec<CategoryRow>, Option<NotGiven>); 3] = [
            (
                "age_band",
                &r.age_band,
                Some((r.age_not_given, r.age_not_given_suppressed)),
            ),
            ("sex", &r.sex, Some((r.sex_not_given, r.sex_not_given_suppressed))),
            ("council_area", &r.council_areas, None),
        ];
        for (margin, rows, not_given) in margins {
            for c in rows {
                let mut cells = place_cells(s);
                cells.extend([
                    Cell::text(margin),
                    Cell::text(&c.label),
                    Cell::Count(c.count),
                    Cell::Number(c.sample_share),
                    Cell::Number(c.weighted_share),
                    Cell::Number(c.population_share),
                    Cell::MaybeFlag(c.under_represented),
                    Cell::Flag(c.suppressed || r.suppressed),
                ]);
                t.row(cells)?;
            }
            if let (Some((count, suppressed)), false) = (not_given, rows.is_empty()) {
                let mut cells = place_cells(s);
                cells.extend([
                    Cell::text(margin),
                    Cell::text(NOT_GIVEN),
                    Cell::Count(count),
                    Cell::Number(None),
                    Cell::Number(None),
                    Cell::Number(None),
                    Cell::MaybeFlag(None),
                    Cell::Flag(suppressed || r.suppressed),
                ]);
                t.row(cells)?;
            }
        }
    }
    t.finish()
}

/// The count of respondents who did not give their age band (or sex), and whether it is withheld.
type NotGiven = (Option<usize>, bool);

/// The category of the respondents who did not give their age band (or sex).
const NOT_GIVEN: &str = "Not given or prefer not to say";
