//! The pack's priorities chart: each candidate priority's support with its 95% interval, most
//! supported first, drawn by the one chart component ([`crate::chart`], `templates/chart/bars.html`)
//! beside the table with the same numbers.

use super::super::model::PriorityRow;
use crate::chart::{layout, BarChart, BarRow, ChartData};
use crate::format::SUPPRESSED;

/// The priorities chart of one place, `id` its HTML id; `None` when the figures are suppressed
/// (the page says so in words instead).
pub fn priorities_chart(rows: &[PriorityRow], place: &str, top_n: usize, id: &str) -> Option<BarChart> {
    if rows.is_empty()
        || rows
            .iter()
            .any(|r| r.support.suppressed || r.support.estimate.is_none())
    {
        return None;
    }
    let bars = rows
        .iter()
        .map(|r| BarRow::share(r.label.as_str(), r.support.figure(), SUPPRESSED))
        .collect();
    Some(layout(&ChartData {
        id: id.to_string(),
        title: format!("Support for candidate priorities, {place}"),
        summary: format!(
            "Horizontal bar chart of the weighted share of respondents in {place} who ranked at least one of each \
             candidate priority's concerns in their top {top_n}, most supported first, with 95% intervals as lines."
        ),
        caption: format!(
            "Support for candidate priorities, {place} (bars: weighted share; lines: 95% interval). The numbers are \
             in the table below."
        ),
        rows: bars,
    }))
}
