//! The tables for the division as a whole: plan coverage (a row per finding) and what people said
//! (a row per council area and theme).

use super::{share_cells, Cell, Table};
use crate::evidence::pack::model::EvidencePack;

/// Cells left empty where a finding has no concern (a plan priority the survey does not measure).
fn empty(n: usize) -> impl Iterator<Item = Cell> {
    std::iter::repeat_with(|| Cell::text("")).take(n)
}

pub(super) fn plan_coverage(pack: &EvidencePack) -> Result<String, csv::Error> {
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
        let finding = |kind: &str, plan_priority: String, concern_id: &str, concern: &str| {
            vec![
                Cell::text(&p.plan_id),
                Cell::text(kind),
                Cell::text(plan_priority),
                Cell::text(concern_id),
                Cell::text(concern),
            ]
        };
        for g in &p.gaps {
            let mut cells = finding("gap", String::new(), &g.concern.id, &g.concern.label);
            cells.extend(share_cells(&g.concern.share));
            cells.extend([Cell::text(g.concern.strength.to_string()), Cell::text(&g.why)]);
            t.row(cells)?;
        }
        for w in &p.weakly_supported {
            for c in &w.concerns {
                let mut cells = finding("weakly_supported", w.label.clone(), &c.id, &c.label);
                cells.extend(share_cells(&c.share));
                cells.extend([Cell::text(c.strength.to_string()), Cell::text(&w.note)]);
                t.row(cells)?;
            }
        }
        for u in &p.unmeasured {
            let mut cells = vec![Cell::text(&p.plan_id), Cell::text("not_measured"), Cell::text(&u.label)];
            cells.extend(empty(8));
            cells.push(Cell::text(&u.note));
            t.row(cells)?;
        }
        for c in &p.covered {
            let mut cells = finding("covered", c.plan_priorities.join(";"), &c.concern.id, &c.concern.label);
            cells.extend(share_cells(&c.concern.share));
            cells.extend([Cell::text(c.concern.strength.to_string()), Cell::text("")]);
            t.row(cells)?;
        }
    }
    t.finish()
}

pub(super) fn themes(pack: &EvidencePack) -> Result<String, csv::Error> {
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
        let place = || {
            vec![
                Cell::text(&a.place.code),
                Cell::text(&a.place.name),
                Cell::Count(usize::try_from(a.base).ok()),
                Cell::Flag(a.suppressed),
            ]
        };
        if a.suppressed {
            let mut cells = place();
            cells.extend(empty(6));
            t.row(cells)?;
            continue;
        }
        for theme in &a.themes {
            let mut cells = place();
            cells.extend([
                Cell::text(&theme.id),
                Cell::text(&theme.label),
                Cell::Count(usize::try_from(theme.count).ok()),
            ]);
            cells.extend((0..3).map(|i| Cell::text(theme.examples.get(i).cloned().unwrap_or_default())));
            t.row(cells)?;
        }
    }
    t.finish()
}
