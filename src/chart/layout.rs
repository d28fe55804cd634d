//! Where everything in the bar chart goes, in SVG units (coordinates formatted for the template).
//!
//! The drawing is [`WIDTH`] units wide and scales to its container: labels are right-aligned
//! against the axis and wrapped at spaces, the plot takes the middle, and room is kept on the right
//! for the longest value written beside its bar (or its interval's end, when that is further right).

use super::{BarRow, ChartData};
use crate::format::percent;

/// Width of the drawing in SVG units.
pub const WIDTH: f64 = 560.0;
/// Font size of labels and values (the template sets it on the `<svg>`).
const FONT: f64 = 14.0;
/// A generous average character width at [`FONT`], for fitting text (Arial averages about 0.5 em).
const CHAR: f64 = FONT * 0.55;
/// Labels end here (right-aligned); the axis starts just after.
const LABEL_RIGHT: f64 = 200.0;
const PLOT_LEFT: f64 = 208.0;
/// Characters per label line: what fits left of the axis ((200 - 4) / 7.7 = 25.5).
const WRAP: usize = 25;
const LINE: f64 = 17.0;
const BAR: f64 = 18.0;
const CAP_HALF: f64 = 7.0;
const ROW_GAP: f64 = 12.0;
/// Axis labels sit above the grid.
const AXIS_BASELINE: f64 = 14.0;
const GRID_TOP: f64 = 22.0;
/// Gap between the end of a bar (or its interval) and its value.
const VALUE_GAP: f64 = 6.0;

/// A line of text at a position.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartText {
    pub x: String,
    pub y: String,
    pub text: String,
}

/// The 95% interval: a line across the bar's end with end marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Whisker {
    pub low_x: String,
    pub high_x: String,
    pub mid_y: String,
    pub cap_top: String,
    pub cap_bottom: String,
}

/// A drawn bar, its interval and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    pub whisker: Option<Whisker>,
    pub value: ChartText,
}

/// One row: its label (one text per line), and a bar or a note saying why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnRow {
    pub label: Vec<ChartText>,
    pub bar: Option<Bar>,
    pub note: Option<ChartText>,
}

/// A gridline with its percentage above the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: String,
    pub label: ChartText,
}

/// The chart laid out, for `templates/chart/bars.html`.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub id: String,
    pub view_box: String,
    pub title: String,
    pub desc: String,
    pub caption: String,
    pub ticks: Vec<Tick>,
    pub grid_top: String,
    pub grid_bottom: String,
    pub rows: Vec<DrawnRow>,
    /// The axis maximum, a share (0.1 to 1).
    pub axis_max: f64,
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
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The horizontal scale: shares from 0 to `max` across the plot, gridlines every `step`.
struct Scale {
    max: f64,
    step: f64,
    plot_right: f64,
}

impl Scale {
    /// The axis maximum is the largest interval end (or estimate) rounded up to a tenth (steps of
    /// 10%) or, above a half, to a fifth (steps of 20%); room is kept on the right for the longest
    /// value written beside its bar.
    fn of(rows: &[BarRow]) -> Self {
        let drawn = || rows.iter().filter(|r| r.drawn());
        let top = drawn()
            .filter_map(|r| r.ci_high.filter(|h| h.is_finite()).or(r.estimate))
            .fold(0.0_f64, f64::max)
            .clamp(0.0, 1.0);
        let step = if top <= 0.5 { 0.1 } else { 0.2 };
        let max = ((top / step - 1e-9).ceil() * step).clamp(step, 1.0);
        let value_room = drawn()
            .map(|r| r.value_text.chars().count() as f64 * CHAR)
            .fold(3.0 * CHAR, f64::max)
            + VALUE_GAP
            + 4.0;
        Scale {
            max,
            step,
            plot_right: WIDTH - value_room,
        }
    }

    fn x(&self, p: f64) -> f64 {
        PLOT_LEFT + (p.clamp(0.0, self.max) / self.max) * (self.plot_right - PLOT_LEFT)
    }

    fn ticks(&self) -> Vec<Tick> {
        (0..=(self.max / self.step).round() as u32)
            .map(|k| f64::from(k) * self.step)
            .map(|t| Tick {
                x: n1(self.x(t)),
                label: ChartText {
                    x: n1(self.x(t)),
                    y: n1(AXIS_BASELINE),
                    text: percent(t),
                },
            })
            .collect()
    }
}

/// A text's baseline that centres it on `mid`.
fn baseline(mid: f64) -> String {
    n1(mid + FONT * 0.35)
}

/// The bar of a drawn row centred on `mid`, with its interval and its value past the interval.
fn bar(row: &BarRow, estimate: f64, mid: f64, scale: &Scale) -> Bar {
    let interval = row
        .ci_low
        .zip(row.ci_high)
        .filter(|(lo, hi)| lo.is_finite() && hi.is_finite());
    let whisker = interval.map(|(lo, hi)| Whisker {
        low_x: n1(scale.x(lo)),
        high_x: n1(scale.x(hi)),
        mid_y: n1(mid),
        cap_top: n1(mid - CAP_HALF),
        cap_bottom: n1(mid + CAP_HALF),
    });
    let end = interval.map_or(estimate, |(_, hi)| hi.max(estimate));
    Bar {
        x: n1(PLOT_LEFT),
        y: n1(mid - BAR / 2.0),
        width: n1(scale.x(estimate) - PLOT_LEFT),
        height: n1(BAR),
        whisker,
        value: ChartText {
            x: n1(scale.x(end) + VALUE_GAP),
            y: baseline(mid),
            text: row.value_text.clone(),
        },
    }
}

/// `row` drawn from `top` down; returns it with its height.
fn draw_row(row: &BarRow, top: f64, scale: &Scale) -> (DrawnRow, f64) {
    let lines = wrap(&row.label, WRAP);
    let height = (lines.len() as f64 * LINE).max(BAR + 4.0);
    let mid = top + height / 2.0;
    let first = mid - (lines.len() as f64 - 1.0) * LINE / 2.0;
    let label = lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| ChartText {
            x: n1(LABEL_RIGHT),
            y: baseline(first + i as f64 * LINE),
            text,
        })
        .collect();
    let drawn = match (row.drawn(), row.estimate) {
        (true, Some(e)) => DrawnRow {
            label,
            bar: Some(bar(row, e, mid, scale)),
            note: None,
        },
        _ => DrawnRow {
            label,
            bar: None,
            note: Some(ChartText {
                x: n1(PLOT_LEFT + VALUE_GAP),
                y: baseline(mid),
                text: row.value_text.clone(),
            }),
        },
    };
    (drawn, height)
}

/// Places `data`'s rows, axis and description.
pub fn layout(data: &ChartData) -> BarChart {
    let scale = Scale::of(&data.rows);
    let mut y = GRID_TOP + ROW_GAP / 2.0;
    let mut rows = Vec::with_capacity(data.rows.len());
    for row in &data.rows {
        let (drawn, height) = draw_row(row, y, &scale);
        rows.push(drawn);
        y += height + ROW_GAP;
    }
    let grid_bottom = y - ROW_GAP / 2.0;
    let described: Vec<String> = data.rows.iter().map(BarRow::described).collect();
    let desc = format!(
        "{} The axis runs from 0% to {}. {}.",
        data.summary,
        percent(scale.max),
        described.join("; ")
    );
    BarChart {
        id: data.id.clone(),
        view_box: format!("0 0 {WIDTH:.0} {:.0}", (grid_bottom + 6.0).ceil()),
        title: data.title.clone(),
        desc,
        caption: data.caption.clone(),
        ticks: scale.ticks(),
        grid_top: n1(GRID_TOP),
        grid_bottom: n1(grid_bottom),
        rows,
        axis_max: scale.max,
    }
}
