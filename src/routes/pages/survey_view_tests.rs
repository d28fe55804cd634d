//! Rendering the survey page from a hand-built definition: structure, ARIA, kept answers, errors and
//! the easy-read wording.

use super::survey_view::survey_page;
use super::test_support::{definition, geography};
use super::Version;
use crate::domain::{ResponseInput, ValidationErrors};
use askama::Template;

fn render(version: Version, input: &ResponseInput, errors: &ValidationErrors) -> String {
    survey_page(&definition(), &geography(), version, input, errors, None, "v1.token")
        .render()
        .unwrap()
}

fn empty(version: Version) -> String {
    render(version, &ResponseInput::default(), &ValidationErrors::default())
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} not found in\n{html}"))
}

#[test]
fn the_council_area_list_holds_only_covered_areas_sorted_by_name() {
    let html = empty(Version::Standard);
    let east = position(&html, ">East Lothian</option>");
    let edinburgh = position(&html, ">City of Edinburgh</option>");
    let mid = position(&html, ">Midlothian</option>");
    let borders = position(&html, ">Scottish Borders</option>");
    assert!(edinburgh < east && east < mid && mid < borders);
    assert!(
        !html.contains("Glasgow City"),
        "an area outside the coverage is offered"
    );
    assert!(html.contains(
        r#"<label class="lv-label lv-heading-m" for="council_area">Which council area do you live in?</label>"#
    ));
}

#[test]
fn a_fresh_survey_has_no_error_summary_and_plain_title() {
    let html = empty(Version::Standard);
    assert!(html.contains("<title>Your Police 2026: the survey – LocalVoice</title>"));
    assert!(!html.contains("There is a problem"));
    assert!(!html.contains("aria-invalid"));
    assert!(html.contains(
        r#"<form method="post" action="/consultations/your-police-2026/survey" id="survey-form" novalidate>"#
    ));
    assert!(!html.contains("<script"), "pages must work without JavaScript");
}

#[test]
fn likert_questions_are_radio_groups_in_fieldsets_from_one_to_five() {
    let html = empty(Version::Standard);
    let legend = position(
        &html,
        "How safe do you feel in your local area? (optional)</h2></legend>",
    );
    let first = position(&html, r#"id="feel_safe" name="feel_safe" type="radio" value="1""#);
    let last = position(&html, r#"id="feel_safe-5" name="feel_safe" type="radio" value="5""#);
    assert!(legend < first && first < last);
    assert!(html.contains(r#"<label class="lv-radios__label" for="feel_safe">Very unsafe</label>"#));
    assert!(html.contains(r#"<label class="lv-radios__label" for="confidence-5">Very confident</label>"#));
    assert!(html.contains(r#"aria-describedby="feel_safe-hint""#));
}

#[test]
fn the_ranking_is_one_labelled_select_per_choice_each_listing_every_concern() {
    let html = empty(Version::Standard);
    for (rank, label) in [
        (1, "1st choice"),
        (2, "2nd choice (optional)"),
        (3, "3rd choice (optional)"),
    ] {
        assert!(
            html.contains(&format!(
                r#"<label class="lv-label" for="concern_{rank}">{label}</label>"#
            )),
            "{label}"
        );
        assert!(html.contains(&format!(r#"id="concern_{rank}" name="concern_{rank}""#)));
    }
    assert!(!html.contains("concern_4"));
    assert_eq!(
        html.matches(r#"<option value="speeding">Speeding and dangerous driving</option>"#)
            .count(),
        3
    );
    assert!(html.contains("What these concerns mean"));
}

#[test]
fn the_comment_hint_states_the_length_limit_rather_than_relying_on_maxlength() {
    let html = empty(Version::Standard);
    assert!(html.contains("You can write up to 2000 characters."));
    assert!(!html.contains("maxlength"));
    let easy = empty(Version::EasyRead);
    assert!(
        easy.contains("You can write up to 2,000 letters, numbers and spaces."),
        "{easy}"
    );
}

#[test]
fn demographic_questions_each_offer_prefer_not_to_say() {
    let html = empty(Version::Standard);
    assert_eq!(html.matches(r#"value="prefer_not_to_say""#).count(), 3);
    assert!(html.contains(r#"<label class="lv-radios__label" for="age_band-7">75 or over</label>"#));
    assert!(html.contains(r#"id="age_band" name="age_band" type="radio" value="16-24""#));
    let mut def = definition();
    def.questions.demographics = false;
    def.questions.postcode_district = None;
    let html = survey_page(
        &def,
        &geography(),
        Version::Standard,
        &ResponseInput::default(),
        &ValidationErrors::default(),
        None,
        "v1.token",
    )
    .render()
    .unwrap();
    assert!(!html.contains("age_band") && !html.contains("postcode_district") && !html.contains("About you"));
}

fn full_input() -> ResponseInput {
    ResponseInput {
        council_area: Some("S12000019".into()),
        postcode_district: Some("EH22".into()),
        feel_safe: Some("4".into()),
        confidence: Some("2".into()),
        concerns: vec![Some("speeding".into()), Some("drug_dealing".into()), None],
        comment: Some("Cars race <past> the school & nobody stops them".into()),
        age_band: Some("75+".into()),
        sex: Some("F".into()),
        disability: Some("prefer_not_to_say".into()),
    }
}

#[test]
fn every_answer_is_kept_when_the_form_is_shown_again() {
    let mut errors = ValidationErrors::default();
    errors.push(
        "comment",
        "Your comment must be 2000 characters or fewer (you wrote 2001)",
    );
    let html = render(Version::Standard, &full_input(), &errors);
    assert!(html.contains(r#"<option value="S12000019" selected>Midlothian</option>"#));
    assert!(html.contains(r#"value="EH22""#));
    assert!(html.contains(r#"id="feel_safe-4" name="feel_safe" type="radio" value="4" checked>"#));
    assert!(html.contains(r#"id="confidence-2" name="confidence" type="radio" value="2" checked>"#));
    let first = &html[position(&html, r#"id="concern_1""#)..position(&html, r#"id="concern_2""#)];
    assert!(first.contains(r#"<option value="speeding" selected>"#));
    assert!(!first.contains(r#"<option value="drug_dealing" selected>"#));
    let second = &html[position(&html, r#"id="concern_2""#)..position(&html, r#"id="concern_3""#)];
    assert!(second.contains(r#"<option value="drug_dealing" selected>"#));
    assert!(
        html.contains("Cars race &#60;past&#62; the school &#38; nobody stops them</textarea>"),
        "comment not kept or not escaped"
    );
    assert!(html.contains(r#"value="75+" checked>"#));
    assert!(html.contains(r#"id="sex" name="sex" type="radio" value="F" checked>"#));
    assert!(html.contains(r#"id="disability-3" name="disability" type="radio" value="prefer_not_to_say" checked>"#));
    assert_eq!(html.matches(" checked>").count(), 5);
}

#[test]
fn errors_are_summarised_at_the_top_with_links_to_each_field() {
    let mut errors = ValidationErrors::default();
    errors.push("council_area", "Choose your council area");
    errors.push("feel_safe", "must be a whole number from 1 to 5, not '9'");
    errors.push("concerns", "choose at least one concern");
    errors.push(
        "comment",
        "Your comment must be 2000 characters or fewer (you wrote 2001)",
    );
    let html = render(Version::Standard, &ResponseInput::default(), &errors);
    assert!(html.contains("<title>Error: Your Police 2026: the survey – LocalVoice</title>"));
    let summary = position(
        &html,
        r#"<div class="lv-error-summary" id="error-summary" tabindex="-1" autofocus>"#,
    );
    assert!(
        summary < position(&html, "<h1"),
        "the error summary comes before the heading"
    );
    assert!(html.contains(r#"<div role="alert">"#));
    assert!(html.contains("There is a problem"));
    for (href, message) in [
        ("#council_area", "Choose your council area"),
        ("#feel_safe", "Must be a whole number from 1 to 5, not &#39;9&#39;"),
        ("#concern_1", "Choose at least one concern"),
        (
            "#comment",
            "Your comment must be 2000 characters or fewer (you wrote 2001)",
        ),
    ] {
        assert!(
            html.contains(&format!(r#"<li><a href="{href}">{message}</a></li>"#)),
            "{href} {message}\n{html}"
        );
    }
}

#[test]
fn each_field_with_an_error_says_so_inline_and_is_described_by_it() {
    let mut errors = ValidationErrors::default();
    errors.push("council_area", "Choose your council area");
    errors.push("concerns", "choose at least one concern");
    errors.push(
        "postcode_district",
        "enter only the first part of your postcode, like EH12 (not the full postcode)",
    );
    let html = render(Version::Standard, &ResponseInput::default(), &errors);
    assert!(html.contains(
        r#"<p id="council_area-error" class="lv-error-message"><span class="lv-visually-hidden">Error:</span> Choose your council area</p>"#
    ));
    assert!(html
        .contains(r#"id="council_area" name="council_area" aria-describedby="council_area-hint council_area-error""#));
    assert!(html.contains(r#"<fieldset class="lv-fieldset" aria-describedby="concerns-hint concerns-error">"#));
    assert!(html.contains(r#"id="concerns-error""#));
    assert!(html.contains(r#"aria-describedby="postcode_district-hint postcode_district-error""#));
    assert!(html.contains("Enter only the first part of your postcode"));
    assert_eq!(html.matches("lv-form-group--error").count(), 3);
}

#[test]
fn the_easy_read_survey_uses_easy_read_wording_throughout() {
    let html = empty(Version::EasyRead);
    assert!(html.contains(r#"<html lang="en-GB" class="lv-easy-read">"#));
    assert!(html.contains("<title>Your Police 2026: easy read survey – LocalVoice</title>"));
    assert!(html.contains("Your Police 2026: tell us about the police where you live</h1>"));
    assert!(html.contains("Do you feel safe where you live? (you can skip this)"));
    assert!(html.contains("What worries you most where you live?"));
    assert!(html.contains(r#"<option value="speeding">Cars going too fast or driving badly</option>"#));
    assert!(!html.contains("Speeding and dangerous driving"));
    assert!(html.contains("Your biggest worry"));
    assert!(html.contains(r#"action="/consultations/your-police-2026/easy-read""#));
    assert!(html.contains(r#"href="/consultations/your-police-2026/survey">Standard version of this survey</a>"#));
    let standard = empty(Version::Standard);
    assert!(
        standard.contains(r#"href="/consultations/your-police-2026/easy-read">Easy read version of this survey</a>"#)
    );
}

#[test]
fn easy_read_errors_use_plain_words() {
    let mut errors = ValidationErrors::default();
    errors.push("council_area", "Choose your council area");
    errors.push("concerns", "choose at least one concern");
    let html = render(Version::EasyRead, &ResponseInput::default(), &errors);
    assert!(html.contains(r##"<a href="#council_area">Choose where you live.</a>"##));
    assert!(html.contains(r##"<a href="#concern_1">Choose at least 1 thing that worries you.</a>"##));
}

#[test]
fn the_honeypot_is_labelled_to_be_left_empty_and_kept_out_of_the_tab_order_and_autofill() {
    for version in [Version::Standard, Version::EasyRead] {
        let html = empty(version);
        let at = position(&html, r#"<div class="lv-honeypot">"#);
        let field = &html[at..at + 400];
        assert!(
            field.contains(r#"<label for="website">Leave this box empty"#),
            "{field}"
        );
        assert!(
            field.contains(
                r#"<input type="text" id="website" name="website" value="" autocomplete="off" tabindex="-1">"#
            ),
            "{field}"
        );
    }
    let css = include_str!("../../../static/localvoice.css");
    assert!(
        css.contains(".lv-honeypot {"),
        "hidden by the stylesheet, not an inline style"
    );
}
