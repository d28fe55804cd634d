//! What a digest says, read from the message the SMTP server received: the headers bulk senders
//! must carry, `multipart/alternative` with the same figures in both parts, the figures of the
//! results API, suppression of a small area, and no comment text.

use super::smtp_sink::{Received, SmtpSink};
use super::{app_with_real_defs_mailing, html_of, sql, subscribe, text_of};
use crate::evidence_pack::{store_demo_data, CURRENT, EAST_LOTHIAN};
use crate::helpers::TestApp;
use diesel::RunQueryDsl;
use localvoice::format::{percent_with_interval, rank_interval};
use mail_parser::MimeHeaders;
use std::collections::BTreeSet;

const ORKNEY: &str = "S12000023";

async fn digests_for(app: &TestApp, sink: &SmtpSink, expected: usize) -> Vec<Received> {
    app.snapshot().await;
    let built = super::build_now(app).await;
    assert!(
        built.areas_computed <= 2,
        "one results computation per area, not per subscriber: {built:?}"
    );
    super::send(app).await;
    // The sink keeps a message before it answers 250, so everything sent is there now.
    sink.received()
        .into_iter()
        .filter(|m| m.parsed().subject().unwrap_or("").contains("residents"))
        .take(expected)
        .collect()
}

/// Every figure-like token of the visible text (URLs left out).
fn figures(visible: &str) -> BTreeSet<String> {
    let without_urls = regex::Regex::new(r"https?://\S+").unwrap().replace_all(visible, " ");
    regex::Regex::new(r"[+\x{2212}]?\d[\d,.]*%?")
        .unwrap()
        .find_iter(&without_urls)
        .map(|m| m.as_str().trim_end_matches(['.', ',']).to_string())
        .collect()
}

/// The text a reader sees in an HTML part: tags and the head removed, entities decoded.
fn visible_html(html: &str) -> String {
    let body = html
        .split("<body")
        .nth(1)
        .and_then(|b| b.split_once('>'))
        .map_or(html, |(_, b)| b);
    let no_tags = regex::Regex::new(r"<[^>]*>").unwrap().replace_all(body, " ");
    no_tags
        .replace("&ndash;", "–")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[actix_web::test]
async fn a_digest_carries_the_results_api_figures_in_both_parts_and_never_a_comment() {
    let sink = SmtpSink::start();
    let app = app_with_real_defs_mailing(&sink).await;
    store_demo_data(&app, 6_000);
    subscribe(&app, &sink, "cc@east-lothian.example.org", EAST_LOTHIAN, "EH21 EH31").await;
    subscribe(&app, &sink, "other@east-lothian.example.org", EAST_LOTHIAN, "").await;
    let digests = digests_for(&app, &sink, 2).await;
    assert_eq!(digests.len(), 2, "one digest per subscriber");
    let message = &digests[0];
    let parsed = message.parsed();

    // Headers large mailbox providers require of bulk senders, and a stable Message-ID.
    let message_id = parsed.message_id().expect("Message-ID").to_string();
    let stored: Vec<String> = {
        use diesel::prelude::*;
        use localvoice::db::schema::outbox;
        outbox::table
            .filter(outbox::kind.eq("digest"))
            .select(outbox::message_id)
            .load(&mut app.db.connect())
            .unwrap()
    };
    assert!(
        stored.iter().any(|id| id.trim_matches(['<', '>']) == message_id),
        "{message_id} in {stored:?}"
    );
    assert!(parsed.date().is_some(), "Date");
    assert!(parsed.header_raw("List-Unsubscribe").unwrap().contains("https://"));
    assert_eq!(
        parsed.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let content_type = parsed.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("multipart", Some("alternative"))
    );
    assert_eq!(parsed.text_body.len(), 1);
    assert_eq!(parsed.html_body.len(), 1);

    // The figures are the public results API's (published figures, default bootstrap and seed).
    let api: serde_json::Value = app
        .get(&format!(
            "/api/v1/consultations/{CURRENT}/results?area={EAST_LOTHIAN}&compare_with=previous"
        ))
        .await
        .json()
        .await
        .unwrap();
    let text = text_of(message);
    let html = visible_html(&html_of(message));
    assert!(
        text.contains(&format!(
            "{} responses",
            localvoice::format::count(api["n"].as_u64().unwrap() as usize)
        )),
        "{text}"
    );
    for (i, concern) in api["concerns"].as_array().unwrap().iter().take(5).enumerate() {
        let share = &concern["share_top_n"];
        let figure = percent_with_interval(
            share["estimate"].as_f64().unwrap(),
            share["ci_low"].as_f64().unwrap(),
            share["ci_high"].as_f64().unwrap(),
        );
        let rank = concern["rank_interval"].as_array().unwrap();
        let ranks = rank_interval([rank[0].as_u64().unwrap() as usize, rank[1].as_u64().unwrap() as usize]);
        let label = concern["label"].as_str().unwrap();
        let line = format!("{}. {label}: {figure}; ranked {ranks}", i + 1);
        assert!(text.contains(&line), "missing «{line}» in\n{text}");
        assert!(
            html.contains(&figure) && html.contains(&ranks),
            "{figure} / {ranks} in the HTML"
        );
    }
    assert_eq!(
        figures(&text),
        figures(&html),
        "the text and HTML parts carry the same figures"
    );

    // No comment, ever.
    #[derive(diesel::QueryableByName)]
    struct Comment {
        #[diesel(sql_type = diesel::sql_types::Text)]
        comment: String,
    }
    let comments: Vec<Comment> = diesel::sql_query(format!(
        "SELECT comment FROM responses WHERE council_area_code = '{EAST_LOTHIAN}' AND comment IS NOT NULL AND length(comment) > 30 LIMIT 50"
    ))
    .load(&mut app.db.connect())
    .unwrap();
    assert!(!comments.is_empty(), "the demo data has comments to look for");
    for c in comments {
        let fragment: String = c.comment.chars().take(30).collect();
        assert!(
            !text.contains(&fragment) && !html_of(message).contains(&fragment),
            "a comment is in the digest: {fragment}"
        );
    }
}

#[actix_web::test]
async fn a_small_area_is_said_to_be_suppressed_never_shown_as_zero() {
    let sink = SmtpSink::start();
    let app = app_with_real_defs_mailing(&sink).await;
    store_demo_data(&app, 6_000);
    sql(&app, &format!(
        "DELETE FROM responses WHERE consultation_id = '{CURRENT}' AND council_area_code = '{ORKNEY}' \
         AND id NOT IN (SELECT id FROM responses WHERE consultation_id = '{CURRENT}' AND council_area_code = '{ORKNEY}' LIMIT 4)"
    ));
    subscribe(&app, &sink, "clerk@orkney-cc.example.org", ORKNEY, "KW15").await;
    let digests = digests_for(&app, &sink, 1).await;
    let text = text_of(&digests[0]);
    let html = visible_html(&html_of(&digests[0]));
    for part in [&text, &html] {
        assert!(
            part.contains("Fewer than 10 people in Orkney Islands have answered so far"),
            "{part}"
        );
        assert!(part.contains("fewer than 10"), "the count is withheld: {part}");
        assert!(
            !part.contains(" 0%") && !part.contains(": 0 ") && !part.contains(">0<"),
            "a zero is shown: {part}"
        );
        assert!(!part.contains("ranked "), "no concern figures: {part}");
        assert!(
            part.contains("KW15: suppressed"),
            "the district count is withheld: {part}"
        );
    }
}

#[actix_web::test]
async fn after_closing_each_subscriber_gets_one_final_digest() {
    let sink = SmtpSink::start();
    // test-open, closed yesterday (UK date).
    let defs = tempfile::tempdir().unwrap();
    let yesterday = localvoice::domain::uk_time::today().pred_opt().unwrap();
    let definition = std::fs::read_to_string(crate::helpers::repo_path("tests/api/defs/test-open.toml"))
        .unwrap()
        .replace("closes = 2099-12-31", &format!("closes = {yesterday}"));
    std::fs::write(defs.path().join("test-open.toml"), definition).unwrap();
    let app = crate::helpers::spawn_app_with_mail(defs.path(), super::mail_to(&sink)).await;
    app.state.digests.add_demo_subscriptions().await.unwrap();
    // Subscribed while it was open.
    sql(
        &app,
        "UPDATE digest_subscriptions SET confirmed_at = now() - interval '30 days'",
    );
    let built = super::build_now(&app).await;
    assert_eq!(built.built, 3, "{built:?}");
    let again = super::build_now(&app).await;
    assert_eq!((again.built, again.already_queued), (0, 3), "one final digest each");
    super::send(&app).await;
    let received = sink.wait_for(3);
    for message in &received {
        assert!(message.parsed().subject().unwrap().starts_with("Final results"));
        let text = text_of(message);
        assert!(text.contains("The consultation closed on"), "{text}");
        assert!(text.contains("The division will publish its results"), "{text}");
    }
    // A subscription confirmed after closing gets none.
    sql(&app, "DELETE FROM outbox");
    sql(&app, "UPDATE digest_subscriptions SET confirmed_at = now()");
    let late = super::build_now(&app).await;
    assert_eq!(late.built, 0);
}
