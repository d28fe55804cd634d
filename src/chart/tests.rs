#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::format::{suppressed_because, SUPPRESSED};
use askama::Template;

/// The chart template on its own, as pages include it.
#[derive(Template)]
#[template(source = "{% include \"chart/bars.html\" %}", ext = "html")]
struct Alone<'a> {
    chart: &'a BarChart,
}

fn shown(label: &str, e: f64, lo: f64, hi: f64) -> BarRow {
    let figure = ShareFigure {
        estimate: Some(e),
        ci_low: Some(lo),
        ci_high: Some(hi),
        suppressed: false,
    };
    BarRow::share(label, figure, SUPPRESSED)
}

fn data(rows: Vec<BarRow>) -> ChartData {
    ChartData {
        id: "test-chart".into(),
        title: "Support".into(),
        summary: "Bars of shares.".into(),
        caption: "The numbers are in the table below.".into(),
        rows,
    }
}

fn num(s: &str) -> f64 {
    s.parse().unwrap()
}

#[test]
fn labels_sit_left_of_the_axis_and_values_beside_their_bars_past_the_interval() {
    let chart = layout(&data(vec![
        shown("Drug dealing", 0.62, 0.58, 0.66),
        shown("Speeding", 0.30, 0.25, 0.35),
        shown("Shoplifting", 0.004, 0.001, 0.02),
    ]));
    for row in &chart.rows {
        let bar = row.bar.as_ref().unwrap();
        let whisker = bar.whisker.as_ref().unwrap();
        for line in &row.label {
            assert!(
                num(&line.x) < num(&bar.x),
                "label at {} left of the axis at {}",
                line.x,
                bar.x
            );
        }
        let bar_end = num(&bar.x) + num(&bar.width);
        assert!(num(&whisker.low_x) <= bar_end && bar_end <= num(&whisker.high_x));
        let value_x = num(&bar.value.x);
        assert!(
            value_x > num(&whisker.high_x),
            "the value is written after the interval"
        );
        assert!(value_x - num(&whisker.high_x) < 10.0, "and right beside it");
        // Room on the right for the value: it ends inside the drawing.
        let value_end = value_x + bar.value.text.chars().count() as f64 * 14.0 * 0.55;
        assert!(value_end <= layout::WIDTH, "{} ends at {value_end}", bar.value.text);
        assert_eq!(bar.value.y, row.label[0].y, "a one-line label is level with its value");
    }
    let values: Vec<&str> = chart
        .rows
        .iter()
        .map(|r| r.bar.as_ref().unwrap().value.text.as_str())
        .collect();
    assert_eq!(values, ["62%", "30%", "less than 1%"]);
    // Axis: 0% to 80% (the largest interval end, 66%, rounded up to a step of 20%).
    assert!((chart.axis_max - 0.8).abs() < 1e-9);
    let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.label.text.as_str()).collect();
    assert_eq!(ticks, ["0%", "20%", "40%", "60%", "80%"]);
}

#[test]
fn small_shares_get_an_axis_in_tens_and_rows_do_not_overlap() {
    let chart = layout(&data(vec![
        shown(
            "Protecting vulnerable people in a physical and digital world",
            0.21,
            0.17,
            0.25,
        ),
        shown("Vandalism", 0.12, 0.09, 0.15),
    ]));
    assert!((chart.axis_max - 0.3).abs() < 1e-9);
    assert_eq!(chart.ticks.len(), 4);
    let first = &chart.rows[0];
    let joined: Vec<&str> = first.label.iter().map(|l| l.text.as_str()).collect();
    assert!(joined.len() > 1, "a long label wraps");
    assert_eq!(
        joined.join(" "),
        "Protecting vulnerable people in a physical and digital world",
        "wrapped, never cut"
    );
    let last_line = num(&first.label.last().unwrap().y);
    let next_top = num(&chart.rows[1].bar.as_ref().unwrap().y);
    assert!(last_line < next_top, "the next row starts below the wrapped label");
}

#[test]
fn withheld_figures_are_written_in_words_where_the_bar_would_be_never_as_zero() {
    let hidden = ShareFigure {
        estimate: None,
        ci_low: None,
        ci_high: None,
        suppressed: true,
    };
    let because = suppressed_because(10);
    let chart = layout(&data(vec![
        shown("Drug dealing", 0.4, 0.35, 0.45),
        BarRow::share("Terrorism", hidden, &because),
    ]));
    let withheld = &chart.rows[1];
    assert!(withheld.bar.is_none());
    assert_eq!(withheld.note.as_ref().unwrap().text, because);
    assert!(chart.desc.contains("Terrorism: suppressed (fewer than 10 responses)"));
    let html = Alone { chart: &chart }.render().unwrap();
    assert_eq!(html.matches("<rect").count(), 1, "no bar for the withheld figure");
    assert!(!html.contains(">0%</text>\n    </g>"));
}

#[test]
fn the_drawing_is_named_and_described_with_every_figure_and_its_text_is_escaped() {
    let chart = layout(&data(vec![
        shown("Drug dealing", 0.62, 0.58, 0.66),
        shown("<script>alert(1)</script> & \"quotes\"", 0.2, 0.15, 0.25),
    ]));
    assert_eq!(
        chart.desc,
        "Bars of shares. The axis runs from 0% to 80%. Drug dealing: 62% (58% to 66%); \
         <script>alert(1)</script> & \"quotes\": 20% (15% to 25%)."
    );
    let html = Alone { chart: &chart }.render().unwrap();
    assert!(html.contains("<svg class=\"lv-chart__svg\""));
    assert!(html.contains("role=\"img\" aria-labelledby=\"test-chart-title\" aria-describedby=\"test-chart-desc\""));
    assert!(html.contains("<title id=\"test-chart-title\">Support</title>"));
    assert!(html.contains("<desc id=\"test-chart-desc\">Bars of shares."));
    assert!(html.contains("<figcaption class=\"lv-chart__caption\">The numbers are in the table below.</figcaption>"));
    assert!(!html.contains("<script>"), "labels are escaped by the template engine");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;: 20%"),
        "{html}"
    );
    assert!(
        html.contains(">&#60;script&#62;alert(1)&#60;/script&#62;</text>"),
        "the label too: {html}"
    );
    assert_eq!(html.matches("class=\"lv-chart__value\"").count(), 2);
    assert!(html.contains(">62%</text>"));
}

#[test]
fn labels_wrap_at_spaces_and_a_long_word_gets_its_own_line() {
    assert_eq!(
        wrap("Protecting vulnerable people in a physical and digital world", 25),
        vec!["Protecting vulnerable", "people in a physical and", "digital world"]
    );
    assert_eq!(wrap("Housebreaking", 25), vec!["Housebreaking"]);
    assert_eq!(
        wrap("a Supercalifragilisticexpialidocious b", 10),
        vec!["a", "Supercalifragilisticexpialidocious", "b"]
    );
    assert_eq!(wrap("", 10), vec![""]);
}
