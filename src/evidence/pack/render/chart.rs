//! Inline SVG charts for the pack: horizontal bars with 95% interval whiskers, a `<title>` and a
//! `<desc>` (the same numbers are in the table beside each chart). Colours and sizes are SVG
//! attributes, not styles, so the chart needs no inline style under a strict CSP.

use super::super::model::PriorityRow;
use super::super::words::percent;
use std::fmt::Write;

/// `<`, `>`, `&`, `"` and `'` escaped for HTML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const WIDTH: f64 = 760.0;
const LABEL_WIDTH: f64 = 330.0;
const BAR_HEIGHT: f64 = 22.0;
const GAP: f64 = 10.0;
const TOP: f64 = 30.0;

fn short_label(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() <= 48 {
        label.to_string()
    } else {
        format!("{}…", chars[..47].iter().collect::<String>().trim_end())
    }
}

/// The priorities chart of one place; `None` when the figures are suppressed.
pub fn priorities_chart(rows: &[PriorityRow], place: &str, top_n: usize, id: &str) -> Option<String> {
    if rows.is_empty()
        || rows
            .iter()
            .any(|r| r.support.suppressed || r.support.estimate.is_none())
    {
        return None;
    }
    let max = rows
        .iter()
        .filter_map(|r| r.support.ci_high.or(r.support.estimate))
        .fold(0.0_f64, f64::max)
        .clamp(0.05, 1.0);
    let scale_max = ((max * 10.0).ceil() / 10.0).min(1.0);
    let plot = WIDTH - LABEL_WIDTH - 60.0;
    let x = |p: f64| LABEL_WIDTH + plot * (p / scale_max);
    let height = TOP + rows.len() as f64 * (BAR_HEIGHT + GAP) + 20.0;
    let mut desc = format!(
        "Horizontal bar chart of the weighted share of respondents in {place} who ranked at least one of each \
         candidate priority's concerns in their top {top_n}, most supported first, with 95% intervals as lines. "
    );
    let listed: Vec<String> = rows
        .iter()
        .filter_map(|r| Some(format!("{}: {}", r.label, percent(r.support.estimate?))))
        .collect();
    desc.push_str(&listed.join("; "));
    desc.push('.');
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">Support for candidate priorities, {}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        escape(place),
        escape(&desc)
    );
    for tick in 0..=((scale_max * 10.0).round() as usize) {
        let p = tick as f64 / 10.0;
        let tx = x(p);
        let _ = write!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>\
             <text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0b0c0c\">{:.0}%</text>",
            TOP - 6.0,
            height - 20.0,
            TOP - 12.0,
            p * 100.0
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let (Some(e), lo, hi) = (r.support.estimate, r.support.ci_low, r.support.ci_high) else {
            continue;
        };
        let y = TOP + i as f64 * (BAR_HEIGHT + GAP);
        let mid = y + BAR_HEIGHT / 2.0;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#0b0c0c\">{}</text>\
             <rect x=\"{LABEL_WIDTH}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR_HEIGHT}\" fill=\"#1d70b8\"/>",
            LABEL_WIDTH - 8.0,
            mid + 4.0,
            escape(&short_label(&r.label)),
            (x(e) - LABEL_WIDTH).max(0.0)
        );
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let _ = write!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{mid:.1}\" x2=\"{:.1}\" y2=\"{mid:.1}\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>\
                 <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>\
                 <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>",
                x(lo),
                x(hi),
                x(lo),
                mid - 6.0,
                x(lo),
                mid + 6.0,
                x(hi),
                mid - 6.0,
                x(hi),
                mid + 6.0
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#0b0c0c\">{}</text>",
            x(hi.unwrap_or(e)) + 6.0,
            mid + 4.0,
            escape(&percent(e))
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}
