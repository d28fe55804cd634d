//! The concerns chart of the results page: the weighted share ranking each concern in the top N
//! with its 95% interval, one bar per concern in the table's order, drawn by the one chart
//! component ([`crate::chart`], `templates/chart/bars.html`).

use super::format::share;
use crate::chart::{layout, BarChart, BarRow, ChartData};
use crate::format::suppressed_because;
use crate::results::report::ConcernResult;

/// The chart of `concerns` (in the order given, ranked first at the top).
pub fn concerns_chart(concerns: &[ConcernResult], top_n: usize, suppression_threshold: u32, area: &str) -> BarChart {
    let withheld = suppressed_because(suppression_threshold);
    let rows = concerns
        .iter()
        .enumerate()
        .map(|(i, c)| BarRow::share(format!("{}. {}", i + 1, c.label), share(&c.share_top_n), &withheld))
        .collect();
    layout(&ChartData {
        id: "concerns-chart".into(),
        title: format!("Share ranking each concern in their top {top_n}, with 95% intervals"),
        summary: format!(
            "Horizontal bar chart. For each concern, in the order of the ranking, a bar shows the weighted share of \
             respondents in {area} who put it in their top {top_n}, and a line with end marks shows its 95% \
             confidence interval. Every figure is also in the table that follows."
        ),
        caption: "Bars show the weighted share; the line with end marks across each bar shows its 95% confidence \
                  interval. The same figures are in the table below."
            .into(),
        rows,
    })
}
