//! The pack as one self-contained, printable HTML page (`templates/evidence/pack.html`): inline
//! CSS, inline SVG charts with their numbers in tables, headings in order, no scripts.

use super::super::model::{CategoryRow, ChangeRow, EvidencePack, PlaceSection};
use super::chart::priorities_chart;
use crate::chart::BarChart;
use crate::format::{
    count, fixed, p_value, percent, points, rank_interval, uk_date_from_iso, whole, NOT_AVAILABLE, SUPPRESSED,
};
use askama::Template;

/// The page's only style sheet, inlined into the `<style>` element.
pub const PACK_CSS: &str = include_str!("../../../../templates/evidence/pack.css");

#[derive(Template)]
#[template(path = "evidence/pack.html")]
struct PackPage<'a> {
    pack: &'a EvidencePack,
    css: &'static str,
    division_chart: Option<BarChart>,
    area_charts: Vec<Option<BarChart>>,
}

/// The figures in the tables, in [`crate::format`]'s words ("suppressed" where withheld).
impl PackPage<'_> {
    fn sections(&self) -> Vec<&PlaceSection> {
        std::iter::once(&self.pack.division_section)
            .chain(self.pack.council_areas.iter())
            .collect()
    }

    fn margin<'s>(&self, section: &'s PlaceSection, which: &str) -> &'s [CategoryRow] {
        let r = &section.representativeness;
        match which {
            "age_band" => &r.age_band,
            "sex" => &r.sex,
            _ => &r.council_areas,
        }
    }

    /// "yes" or "no", or why it is not said.
    fn under(&self, row: &CategoryRow) -> &'static str {
        match row.under_represented {
            Some(true) => "yes",
            Some(false) => "no",
            None if row.suppressed => SUPPRESSED,
            None => NOT_AVAILABLE,
        }
    }

    fn area_chart(&self, index: &usize) -> Option<&BarChart> {
        self.area_charts.get(*index).and_then(Option::as_ref)
    }

    fn pct_or(&self, value: &Option<f64>, missing: &str) -> String {
        value.map(percent).unwrap_or_else(|| missing.to_string())
    }

    fn diff(&self, value: &Option<f64>) -> String {
        value.map(points).unwrap_or_else(|| SUPPRESSED.to_string())
    }

    fn p_value(&self, value: &Option<f64>) -> String {
        value.map(p_value).unwrap_or_else(|| "not tested".to_string())
    }

    fn change(&self, row: &Option<ChangeRow>) -> String {
        match row {
            None => "no comparison".to_string(),
            Some(r) if r.suppressed => SUPPRESSED.to_string(),
            Some(r) => match r.difference {
                Some(d) => format!("{}{}", points(d), if r.significant { "*" } else { "" }),
                None => "not compared".to_string(),
            },
        }
    }

    fn rank(&self, interval: &Option<[usize; 2]>) -> String {
        interval.map(rank_interval).unwrap_or_else(|| NOT_AVAILABLE.to_string())
    }

    fn position(&self, position: &Option<usize>) -> String {
        position
            .map(|p| p.to_string())
            .unwrap_or_else(|| SUPPRESSED.to_string())
    }

    fn count(&self, value: &Option<usize>) -> String {
        value.map(count).unwrap_or_else(|| SUPPRESSED.to_string())
    }

    fn responses(&self, n: &usize) -> String {
        count(*n)
    }

    fn count32(&self, value: &Option<u32>) -> String {
        value
            .and_then(|v| usize::try_from(v).ok())
            .map(count)
            .unwrap_or_else(|| SUPPRESSED.to_string())
    }

    fn whole(&self, value: &Option<f64>) -> String {
        match value {
            Some(v) if v.is_finite() && *v >= 0.0 => whole(*v),
            _ => SUPPRESSED.to_string(),
        }
    }

    fn num1(&self, value: &Option<f64>) -> String {
        value.map(|v| fixed(v, 1)).unwrap_or_else(|| "not known".to_string())
    }

    fn num2(&self, value: &Option<f64>) -> String {
        value.map(|v| fixed(v, 2)).unwrap_or_else(|| SUPPRESSED.to_string())
    }

    fn total(&self, totals: &[u32], index: &usize) -> String {
        totals
            .get(*index)
            .and_then(|t| usize::try_from(*t).ok())
            .map(count)
            .unwrap_or_default()
    }

    fn date(&self, iso: &str) -> String {
        uk_date_from_iso(iso)
    }

    fn suffixed(&self, anchor: &str, suffix: &str) -> String {
        format!("{anchor}-{suffix}")
    }

    fn caption(&self, what: &str, place: &str) -> String {
        format!("{what}, {place}: respondents, weighted and adult population shares")
    }
}

/// The pack as an HTML document.
pub fn render_html(pack: &EvidencePack) -> Result<String, askama::Error> {
    let chart = |s: &PlaceSection, id: &str| priorities_chart(&s.priorities.rows, &s.place.name, pack.top_n, id);
    let page = PackPage {
        pack,
        css: PACK_CSS,
        division_chart: chart(&pack.division_section, "chart-division"),
        area_charts: pack
            .council_areas
            .iter()
            .map(|s| chart(s, &format!("chart-{}", s.place.code)))
            .collect(),
    };
    page.render()
}
