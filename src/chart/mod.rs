//! The one bar chart of shares, for the analyst results pages, the evidence pack and (later) the
//! public pages: horizontal bars of weighted shares with their 95% intervals as lines with end
//! marks, each label left of the axis (wrapped, never cut) and each value written beside its bar.
//! A row whose figure is withheld or missing says so in words where its bar would be.
//!
//! Callers describe the chart as plain data ([`ChartData`], one [`BarRow`] per bar); [`layout`]
//! places it, and `templates/chart/bars.html` draws it (include it where a `chart` of type
//! [`BarChart`] is in scope), so every text is escaped by askama. The drawing has a `<title>`
//! and a `<desc>` listing every figure, and callers put the same numbers in a table beside it.
//! Colours and sizes are SVG attributes rather than inline styles, so the chart needs no style
//! under a strict Content-Security-Policy; the `lv-chart__*` classes let a page's style sheet
//! adjust them (forced colours). Reads no environment variables.

mod layout;

pub use layout::{layout, wrap, Bar, BarChart, ChartText, DrawnRow, Tick, Whisker, WIDTH};

use crate::format::{percent_with_interval, ShareFigure};

/// One bar: a share with its interval, or a withheld figure.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub estimate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub suppressed: bool,
    /// Written beside the bar ("62%"), or in its place when there is no bar ("suppressed").
    pub value_text: String,
}

impl BarRow {
    /// A row for `share`, its value in [`crate::format`]'s words; `withheld` is what a suppressed
    /// share says ([`crate::format::SUPPRESSED`] or [`crate::format::suppressed_because`]).
    pub fn share(label: impl Into<String>, share: ShareFigure, withheld: &str) -> Self {
        BarRow {
            label: label.into(),
            estimate: share.estimate,
            ci_low: share.ci_low,
            ci_high: share.ci_high,
            suppressed: share.suppressed,
            value_text: share.estimate_text(withheld),
        }
    }

    /// Whether the row has a bar: a figure that is not withheld.
    pub fn drawn(&self) -> bool {
        !self.suppressed && self.estimate.is_some_and(f64::is_finite)
    }

    /// The row in the chart's description: "Drug dealing: 62% (58% to 66%)".
    fn described(&self) -> String {
        let figure = match (self.drawn(), self.estimate, self.ci_low, self.ci_high) {
            (true, Some(e), Some(lo), Some(hi)) => percent_with_interval(e, lo, hi),
            _ => self.value_text.clone(),
        };
        format!("{}: {figure}", self.label)
    }
}

/// A chart before layout.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// The `id` of the chart; its `<title>` and `<desc>` get `-title` and `-desc`.
    pub id: String,
    /// The accessible name.
    pub title: String,
    /// What the chart shows, in a sentence or two; the description adds the axis and every figure.
    pub summary: String,
    /// The visible caption under the chart.
    pub caption: String,
    /// In the order drawn, top first.
    pub rows: Vec<BarRow>,
}

#[cfg(test)]
mod tests;
