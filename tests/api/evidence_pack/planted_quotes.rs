//! The corpus of identifying comments (tests/fixtures/identifying_comments.toml), planted among
//! ordinary ones into a database with demo data: every planted comment is quoted, redacted as the
//! fixture says, and no identifying string reaches the pack's HTML page, HTML download, JSON or
//! any CSV table; the places and organisations of the ordinary comments are quoted unchanged.

use super::{app_with_demo_data, pack_json, pack_path, sql, text_of, CURRENT};
use crate::helpers::{repo_path, TestApp};
use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use localvoice::evidence::pack::render::TABLES;
use localvoice::evidence::{RedactionKind, ThemeCoder};
use serde::Deserialize;
use std::collections::HashMap;

/// Division J's council areas: East Lothian, Midlothian, Scottish Borders, West Lothian.
const J_AREAS: [&str; 4] = ["S12000010", "S12000019", "S12000026", "S12000040"];
/// Quotes shown per theme and area.
const QUOTES_PER_THEME: usize = 3;

#[derive(Deserialize)]
struct Corpus {
    identifying: Vec<Identifying>,
    ordinary: Vec<Ordinary>,
}

#[derive(Deserialize)]
struct Identifying {
    comment: String,
    quote: String,
    secrets: Vec<String>,
}

#[derive(Deserialize)]
struct Ordinary {
    comment: String,
}

fn corpus() -> Corpus {
    let path = repo_path("tests/fixtures/identifying_comments.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).expect("corpus")
}

/// A council area for each comment, so that no theme of an area gets more comments than it shows
/// quotes: then every comment must be quoted.
fn areas_for<'c>(coder: &ThemeCoder, comments: &[&'c str]) -> Vec<(&'static str, &'c str)> {
    let mut used: HashMap<(&str, usize), usize> = HashMap::new();
    comments
        .iter()
        .map(|&comment| {
            let themes = coder.themes_of(comment);
            assert!(
                !themes.is_empty(),
                "names no theme, so it could never be quoted: {comment}"
            );
            let area = J_AREAS
                .into_iter()
                .find(|area| {
                    themes
                        .iter()
                        .all(|t| used.get(&(*area, *t)).copied().unwrap_or(0) < QUOTES_PER_THEME)
                })
                .unwrap_or_else(|| panic!("the corpus has too many comments on the themes of: {comment}"));
            for t in themes {
                *used.entry((area, t)).or_default() += 1;
            }
            (area, comment)
        })
        .collect()
}

/// Gives the next response of `area` without a comment (and not sent through the API) `comment`.
fn plant(app: &TestApp, area: &str, comment: &str) {
    let updated = diesel::sql_query(
        "UPDATE responses SET comment = $1 WHERE id = (SELECT id FROM responses WHERE consultation_id = $2 \
         AND council_area_code = $3 AND comment IS NULL AND channel <> 'api' ORDER BY id LIMIT 1)",
    )
    .bind::<Text, _>(comment)
    .bind::<Text, _>(CURRENT)
    .bind::<Text, _>(area)
    .execute(&mut app.db.connect())
    .expect("plant a comment");
    assert_eq!(updated, 1, "no response left in {area} for: {comment}");
}

/// Whether `needle` occurs in `haystack` as whole words (no letter or digit joined on either side).
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The text of an HTML page as a reader sees it (the entities askama writes turned back).
fn unescape_html(html: &str) -> String {
    [
        ("&#x27;", "'"),
        ("&#39;", "'"),
        ("&quot;", "\""),
        ("&#x2F;", "/"),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ]
    .iter()
    .fold(html.to_string(), |text, (entity, c)| text.replace(entity, c))
    .replace("&amp;", "&")
}

/// Replaces division J's comments with the corpus, identifying and ordinary comments taken in turn
/// so that they share areas and themes.
fn plant_corpus(app: &TestApp, corpus: &Corpus) {
    let definition = app.state.consultations.get(CURRENT).expect("definition").clone();
    let coder = ThemeCoder::new(&definition.themes);
    let areas = J_AREAS.map(|a| format!("'{a}'")).join(", ");
    sql(
        app,
        &format!("UPDATE responses SET comment = NULL WHERE consultation_id = '{CURRENT}' AND council_area_code IN ({areas})"),
    );
    let mut comments: Vec<&str> = Vec::new();
    let mut ordinary = corpus.ordinary.iter();
    for (i, identifying) in corpus.identifying.iter().enumerate() {
        comments.push(&identifying.comment);
        if i % 2 == 1 {
            comments.extend(ordinary.next().map(|o| o.comment.as_str()));
        }
    }
    comments.extend(ordinary.map(|o| o.comment.as_str()));
    for (area, comment) in areas_for(&coder, &comments) {
        plant(app, area, comment);
    }
}

/// Every form of the pack: JSON, the page, the HTML download (both as a reader sees them) and each
/// CSV table.
async fn outputs(app: &TestApp, pack: &serde_json::Value) -> Vec<(String, String)> {
    let mut outputs = vec![("json".to_string(), serde_json::to_string(pack).expect("json"))];
    for (name, extra) in [("page", String::new()), ("html download", "&download=html".to_string())] {
        let (status, html) = text_of(app, &pack_path("J", &extra)).await;
        assert_eq!(status, 200, "{name}");
        outputs.push((name.to_string(), unescape_html(&html)));
    }
    for table in TABLES {
        let (status, csv) = text_of(app, &pack_path("J", &format!("&download=csv&table={table}"))).await;
        assert_eq!(status, 200, "{table}");
        outputs.push((format!("{table} CSV"), csv));
    }
    outputs
}

#[actix_web::test]
async fn planted_identifying_comments_are_quoted_redacted_and_never_appear_in_any_output() {
    let corpus = corpus();
    assert!(
        corpus.identifying.len() >= 50,
        "only {} identifying comments",
        corpus.identifying.len()
    );
    let app = app_with_demo_data(6_000).await;
    plant_corpus(&app, &corpus);

    let pack = pack_json(&app, "J").await;
    let quotes: Vec<String> = pack["what_people_said"]["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .flat_map(|area| area["themes"].as_array().cloned().unwrap_or_default())
        .flat_map(|theme| theme["examples"].as_array().cloned().unwrap_or_default())
        .map(|quote| quote.as_str().expect("a quote is text").to_string())
        .collect();
    for planted in &corpus.identifying {
        assert!(
            quotes.contains(&planted.quote),
            "not quoted as {:?}: {}",
            planted.quote,
            planted.comment
        );
    }
    for planted in &corpus.ordinary {
        assert!(
            quotes.contains(&planted.comment),
            "places must survive: {}",
            planted.comment
        );
    }

    let outputs = outputs(&app, &pack).await;
    let mut leaks = Vec::new();
    for (name, text) in &outputs {
        for planted in &corpus.identifying {
            leaks.extend(
                planted
                    .secrets
                    .iter()
                    .filter(|secret| contains_words(text, secret))
                    .map(|secret| format!("{secret:?} in the {name} output")),
            );
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));

    let html = &outputs[1].1;
    use RedactionKind::*;
    for kind in [
        Link,
        Email,
        SocialMediaHandle,
        PhoneNumber,
        Postcode,
        VehicleRegistration,
        Address,
        Name,
    ] {
        assert!(
            html.contains(kind.placeholder()),
            "{} not in the page",
            kind.placeholder()
        );
    }
    for place in [
        "Port Glasgow",
        "Stonehaven",
        "Police Scotland",
        "Kyle of Lochalsh",
        "St Margaret's Hope",
    ] {
        assert!(html.contains(place), "{place} not in the page");
    }
}

#[test]
fn the_whole_word_check_finds_what_it_should() {
    assert!(contains_words("by Jane Doe at", "Jane"));
    assert!(contains_words("Jane", "Jane"));
    assert!(contains_words("(01632) 960 904.", "960 904"));
    assert!(!contains_words("Janet Doesn't", "Jane"));
    assert!(!contains_words("Doe", "doe"));
    assert_eq!(unescape_html("St Margaret&#x27;s &amp;amp;"), "St Margaret's &amp;");
}
