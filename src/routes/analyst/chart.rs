//! The concerns chart: an inline SVG of horizontal bars (the weighted share ranking each concern in
//! the top N) with whiskers for the 95% interval, laid out here and drawn by
//! `templates/analyst/chart.html`.
//!
//! The drawing is in a 340-unit-wide `viewBox` and scales to its container, so it stays readable
//! on a 320 px screen (labels sit on their own line above each bar, wrapped, rather than beside
//! it). Nothing is told by colour alone: each bar has its concern's name and value in text, and a
//! suppressed figure is written out instead of drawn.

use super::format::{percent, percent_with_interval, suppressed_text};
use crate::results::report::ConcernResult;

/// Width of the drawing in SVG units.
pub const WIDTH: f64 = 340.0;
const PLOT_LEFT: f64 = 4.0;
const PLOT_RIGHT: f64 = 270.0;
const VALUE_X: f64 = 278.0;
const LINE_HEIGHT: f64 = 18.0;
const BAR_HEIGHT: f64 = 14.0;
const CAP_HALF: f64 = 10.0;
const ROW_GAP: f64 = 12.0;
const AXIS_HEIGHT: f64 = 34.0;
/// Characters per label line before wrapping (15-unit text over the 340-unit width).
const WRAP: usize = 36;

/// One line of text at a position (coordinates already formatted for the SVG).
pub struct ChartText {
    pub x: String,
    pub y: String,
    pub text: String,
}

/// A bar with its interval whisker.
pub struct Bar {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    pub ci_low_x: String,
    pub ci_high_x: String,
    pub mid_y: String,
    pub cap_top: String,
    pub cap_bottom: String,
    pub value: ChartText,
}

/// One concern: its wrapped label, and a bar or a note saying why there is none.
pub struct ChartRow {
    pub label: Vec<ChartText>,
    pub bar: Option<Bar>,
    pub note: Option<ChartText>,
}

/// A gridline with its label on the axis.
pub struct Tick {
    pub x: String,
    pub label: ChartText,
    /// `start` for the 0% label (so it is not cut at the left edge), else `middle`.
    pub anchor: &'static str,
}

pub struct Chart {
    pub id: String,
    pub view_box: String,
    pub title: String,
    pub desc: String,
    pub rows: Vec<ChartRow>,
    pub ticks: Vec<Tick>,
    pub grid_top: String,
    pub grid_bottom: String,
}

fn n1(x: f64) -> String {
    format!("{x:.1}")
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word gets a line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The axis maximum: the largest upper interval bound rounded up to 20%, 40%, … 100%.
fn axis_max(concerns: &[ConcernResult]) -> f64 {
    let top = concerns
        .iter()
        .filter_map(|c| c.share_top_n.ci_high.or(c.share_top_n.estimate))
        .fold(0.0_f64, f64::max);
    ((top * 5.0).ceil() / 5.0).clamp(0.2, 1.0)
}

/// Lays out the chart of `concerns` (in the order given, ranked first at the top).
pub fn concerns_chart(concerns: &[ConcernResult], top_n: usize, suppression_threshold: u32, area: &str) -> Chart {
    let max = axis_max(concerns);
    let x_of = |p: f64| PLOT_LEFT + (p.clamp(0.0, max) / max) * (PLOT_RIGHT - PLOT_LEFT);
    let mut y = 4.0;
    let mut rows = Vec::with_capacity(concerns.len());
    for (i, c) in concerns.iter().enumerate() {
        let mut label = Vec::new();
        for line in wrap(&format!("{}. {}", i + 1, c.label), WRAP) {
            y += LINE_HEIGHT;
            label.push(ChartText {
                x: n1(PLOT_LEFT),
                y: n1(y - 4.0),
                text: line,
            });
        }
        let p = &c.share_top_n;
        let (bar, note) = match (p.estimate, p.ci_low, p.ci_high) {
            (Some(e), Some(lo), Some(hi)) if !p.suppressed => {
                let top = y + 4.0;
                let mid = top + BAR_HEIGHT / 2.0;
                let bar = Bar {
                    x: n1(PLOT_LEFT),
                    y: n1(top),
                    width: n1(x_of(e) - PLOT_LEFT),
                    height: n1(BAR_HEIGHT),
                    ci_low_x: n1(x_of(lo)),
                    ci_high_x: n1(x_of(hi)),
                    mid_y: n1(mid),
                    cap_top: n1(mid - CAP_HALF),
                    cap_bottom: n1(mid + CAP_HALF),
                    value: ChartText {
                        x: n1(VALUE_X),
                        y: n1(mid + 5.0),
                        text: percent(e),
                    },
                };
                (Some(bar), None)
            }
            _ => {
                let text = if p.suppressed {
                    suppressed_text(suppression_threshold)
                } else {
                    "no answers".into()
                };
                (
                    None,
                    Some(ChartText {
                        x: n1(PLOT_LEFT),
                        y: n1(y + 4.0 + BAR_HEIGHT - 2.0),
                        text,
                    }),
                )
            }
        };
        rows.push(ChartRow { label, bar, note });
        y += 4.0 + BAR_HEIGHT + CAP_HALF - BAR_HEIGHT / 2.0 + ROW_GAP;
    }
    let grid_bottom = y;
    let step = if max <= 0.4 { 0.1 } else { 0.2 };
    let ticks = (0..)
        .map(|k| f64::from(k) * step)
        .take_while(|t| *t <= max + 1e-9)
        .map(|t| Tick {
            x: n1(x_of(t)),
            label: ChartText {
                x: n1(x_of(t)),
                y: n1(grid_bottom + 18.0),
                text: format!("{:.0}%", t * 100.0),
            },
            anchor: if t == 0.0 { "start" } else { "middle" },
        })
        .collect();
    let height = grid_bottom + AXIS_HEIGHT;
    let shown: Vec<&ConcernResult> = concerns.iter().filter(|c| c.share_top_n.estimate.is_some()).collect();
    let mut desc = format!(
        "Horizontal bar chart. For each concern, a bar shows the weighted share of respondents in {area} who put \
         it in their top {top_n}, and a line across the end of the bar shows its 95% confidence interval. \
         The axis runs from 0% to {:.0}%.",
        max * 100.0
    );
    if let Some(first) = shown.first() {
        let p = &first.share_top_n;
        if let (Some(e), Some(lo), Some(hi)) = (p.estimate, p.ci_low, p.ci_high) {
            desc.push_str(&format!(
                " The concern ranked first is {}: {}.",
                first.label,
                percent_with_interval(e, lo, hi)
            ));
        }
    }
    desc.push_str(" Every figure is also in the table that follows.");
    Chart {
        id: "concerns-chart".into(),
        view_box: format!("0 0 {WIDTH:.0} {height:.0}"),
        title: format!("Share ranking each concern in their top {top_n}, with 95% intervals"),
        desc,
        rows,
        ticks,
        grid_top: n1(4.0),
        grid_bottom: n1(grid_bottom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_at_spaces() {
        let lines = wrap("Protecting vulnerable people in a physical and digital world", 36);
        assert_eq!(
            lines,
            vec!["Protecting vulnerable people in a", "physical and digital world"]
        );
        assert_eq!(wrap("Housebreaking", 36), vec!["Housebreaking"]);
    }
}
