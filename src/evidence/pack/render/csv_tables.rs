//! The pack's tables as CSV files, one per table, every text cell neutralised against formula
//! injection (`crate::results::csv::neutralise`). Suppressed figures are empty cells with
//! `suppressed` = true, never 0.

use super::super::model::{CategoryRow, ChangeRow, EvidencePack, PlaceSection, Share};
use crate::results::csv::neutralise;

/// The tables, by file stem, in the order they are written.
pub const TABLES: [&str; 7] = [
    "headline",
    "priorities",
    "priority_concerns",
    "plan_coverage",
    "changes",
    "representativeness",
    "themes",
];

struct Table {
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&str]) -> Result<Self, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(header)?;
        Ok(Self { writer })
    }

    fn row(&mut self, cells: Vec<String>) -> Result<(), csv::Error> {
        self.writer.write_record(cells.iter().map(|c| neutralise(c)))
    }

    fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn share_cells(s: &Share) -> Vec<String> {
    vec![
        num(s.estimate),
        num(s.ci_low),
        num(s.ci_high),
        s.base.to_string(),
        s.suppressed.to_string(),
    ]
}

fn sections(pack: &EvidencePack) -> impl Iterator<Item = &PlaceSection> {
    std::iter::once(&pack.division_section).chain(pack.council_areas.iter())
}

fn place_cells(s: &PlaceSection) -> Vec<String> {
    vec![s.place.kind.clone(), s.place.code.clone(), s.place.name.clone()]
}

/// One table as CSV text; `None` for an unknown table name.
pub fn table_csv(pack: &EvidencePack, table: &str) -> Option<Result<String, csv::Error>> {
    let result = match table {
        "headline" => headline(pack),
        "priorities" => priorities(pack),
        "priority_concerns" => priority_concerns(pack),
        "plan_coverage" => plan_coverage(pack),
        "changes" => changes(pack),
        "representativeness" => representativeness(pack),
        "themes" => themes(pack),
        _ => return None,
    };
    Some(result)
}

const PLACE: [&str; 3] = ["place_type", "place_code", "place_name"];

fn headline(pack: &EvidencePack) -> Result<String, csv::Error> {
    let cols: Vec<&str> = PLACE
        .iter()
        .copied()
        .chain([
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
        ])
        .collect();
    let mut t = Table::new(&cols)?;
    for s in sections(pack) {
        let h = &s.headline;
        let change = |c: &Option<ChangeRow>| match c {
            Some(c) => vec![num(c.difference), c.significant.to_string()],
            None => vec![String::new(), String::new()],
        };
        let mut cells = place_cells(s);
        cells.extend([
            h.responses.to_string(),
            h.adult_population.to_string(),
            num(h.responses_per_1000_adults),
            num(h.effective_sample_size),
            num(h.design_effect),
        ]);
        cells.extend(share_cells(&h.feel_safe));
        cells.extend(share_cells(&h.confidence));
        cells.extend(change(&h.feel_safe_change));
        cells.extend(change(&h.confidence_change));
        t.row(cells)?;
    }
    t.finish()
}

fn priorities(pack: &EvidencePack) -> Result<String, csv::Error> {
    let cols: Vec<&str> = PLACE
        .iter()
        .copied()
        .chain([
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
        ])
        .collect();
    let mut t = Table::new(&cols)?;
    for s in sections(pack) {
        for r in &s.priorities.rows {
            let mut cells = place_cells(s);
            cells.extend([
                r.position.map(|p| p.to_string()).unwrap_or_default(),
                r.id.clone(),
                r.label.clone(),
            ]);
            cells.extend(share_cells(&r.support));
            cells.extend([
                r.strength.to_string(),
                r.rank_interval.map(|i| i[0].to_string()).unwrap_or_default(),
                r.rank_interval.map(|i| i[1].to_string()).unwrap_or_default(),
                num(r.p_rank_first),
                r.contributing
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ]);
            t.row(cells)?;
        }
    }
    t.finish()
}

fn priority_concerns(pack: &EvidencePack) -> Result<String, csv::Error> {
    let cols: Vec<&str> = PLACE
        .iter()
        .copied()
        .chain([
            "priority_id",
            "concern_id",
            "concern",
            "share_top_n",
            "ci_low",
            "ci_high",
            "base",
            "suppressed",
            "strength",
        ])
        .collect();
    let mut t = Table::new(&cols)?;
    for s in sections(pack) {
        for r in &s.priorities.rows {
            for c in &r.contributing {
                let mut cells = place_cells(s);
                cells.extend([r.id.clone(), c.id.clone(), c.label.clone()]);
                cells.extend(share_cells(&c.share));
                cells.push(c.strength.to_string());
                t.row(cells)?;
            }
        }
    }
    t.finish()
}

fn plan_coverage(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&[
        "plan_id",
        "finding",
        "plan_priority",
        "concern_id",
        "concern",
        "share_top_n",
        "ci_low",
        "ci_high",
        "base",
        "suppressed",
        "strength",
        "note",
    ])?;
    for p in &pack.plan_coverage.plans {
        for g in &p.gaps {
            let mut cells = vec![
                p.plan_id.clone(),
                "gap".into(),
                String::new(),
                g.concern.id.clone(),
                g.concern.label.clone(),
            ];
            cells.extend(share_cells(&g.concern.share));
            cells.extend([g.concern.strength.to_string(), g.why.clone()]);
            t.row(cells)?;
        }
        for w in &p.weakly_supported {
            for c in &w.concerns {
                let mut cells = vec![
                    p.plan_id.clone(),
                    "weakly_supported".into(),
                    w.label.clone(),
                    c.id.clone(),
                    c.label.clone(),
                ];
                cells.extend(share_cells(&c.share));
                cells.extend([c.strength.to_string(), w.note.clone()]);
                t.row(cells)?;
            }
        }
        for u in &p.unmeasured {
            let mut cells = vec![p.plan_id.clone(), "not_measured".into(), u.label.clone()];
            cells.extend(std::iter::repeat(String::new()).take(8));
            cells.push(u.note.clone());
            t.row(cells)?;
        }
        for c in &p.covered {
            let mut cells = vec![
                p.plan_id.clone(),
                "covered".into(),
                c.plan_priorities.join(";"),
                c.concern.id.clone(),
                c.concern.label.clone(),
            ];
            cells.extend(share_cells(&c.concern.share));
            cells.extend([c.concern.strength.to_string(), String::new()]);
            t.row(cells)?;
        }
    }
    t.finish()
}

fn changes(pack: &EvidencePack) -> Result<String, csv::Error> {
    let cols: Vec<&str> = PLACE
        .iter()
        .copied()
        .chain([
            "compared_with",
            "measure",
            "this",
            "other",
            "difference",
            "p_adjusted",
            "significant",
        ])
        .collect();
    let mut t = Table::new(&cols)?;
    for s in sections(pack) {
        for section in std::iter::once(&s.changes).chain(s.differences.iter()) {
            for r in &section.significant {
                let mut cells = place_cells(s);
                cells.extend([
                    section.compared_with.clone().unwrap_or_default(),
                    r.measure.clone(),
                    num(r.this),
                    num(r.other),
                    num(r.difference),
                    num(r.p_adjusted),
                    r.significant.to_string(),
                ]);
                t.row(cells)?;
            }
        }
    }
    t.finish()
}

fn representativeness(pack: &EvidencePack) -> Result<String, csv::Error> {
    let cols: Vec<&str> = PLACE
        .iter()
        .copied()
        .chain([
            "margin",
            "category",
            "count",
            "sample_share",
            "weighted_share",
            "population_share",
            "under_represented",
            "suppressed",
        ])
        .collect();
    let mut t = Table::new(&cols)?;
    for s in sections(pack) {
        let r = &s.representativeness;
        let margins: [(&str, &Vec<CategoryRow>); 3] = [
            ("age_band", &r.age_band),
            ("sex", &r.sex),
            ("council_area", &r.council_areas),
        ];
        for (margin, rows) in margins {
            for c in rows {
                let mut cells = place_cells(s);
                cells.extend([
                    margin.to_string(),
                    c.label.clone(),
                    c.count.map(|n| n.to_string()).unwrap_or_default(),
                    num(c.sample_share),
                    num(c.weighted_share),
                    num(c.population_share),
                    c.under_represented.to_string(),
                    r.suppressed.to_string(),
                ]);
                t.row(cells)?;
            }
        }
    }
    t.finish()
}

fn themes(pack: &EvidencePack) -> Result<String, csv::Error> {
    let mut t = Table::new(&[
        "place_code",
        "place_name",
        "respondents",
        "suppressed",
        "theme_id",
        "theme",
        "comments",
        "example_1",
        "example_2",
        "example_3",
    ])?;
    for a in &pack.what_people_said.areas {
        if a.suppressed {
            let mut cells = vec![
                a.place.code.clone(),
                a.place.name.clone(),
                a.base.to_string(),
                "true".into(),
            ];
            cells.extend(std::iter::repeat(String::new()).take(6));
            t.row(cells)?;
            continue;
        }
        for theme in &a.themes {
            let mut cells = vec![
                a.place.code.clone(),
                a.place.name.clone(),
                a.base.to_string(),
                "false".into(),
                theme.id.clone(),
                theme.label.clone(),
                theme.count.to_string(),
            ];
            cells.extend((0..3).map(|i| theme.examples.get(i).cloned().unwrap_or_default()));
            t.row(cells)?;
        }
    }
    t.finish()
}
