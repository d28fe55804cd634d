//! Community-council digests end to end against a real SMTP server in the test process
//! ([`smtp_sink`]) and PostgreSQL: double opt-in, one-click unsubscribe, contacts import, what a
//! digest says against the results API, and delivery through outages, refusals and a sender that
//! dies after the server's 250.

mod contacts;
mod content;
mod delivery;
mod sign_up;
pub mod smtp_sink;

use crate::helpers::{repo_path, spawn_app_with_mail, TestApp};
use diesel::RunQueryDsl;
use localvoice::digest::settings::RetryPolicy;
use localvoice::digest::MailSettings;
use smtp_sink::{Received, SmtpSink};
use std::time::Duration;

/// The public address links in test emails point to (https, as in production).
pub const PUBLIC_URL: &str = "https://localvoice.example.gov.uk";

/// Mail settings sending to `sink`, quickly: no pacing to speak of, a short lease, retries after
/// a minute (tests make rows due again by hand rather than wait).
pub fn mail_to(sink: &SmtpSink) -> MailSettings {
    let mut settings = MailSettings::smtp(&sink.url(), PUBLIC_URL);
    settings.per_domain_per_second = 1000;
    settings.retry = RetryPolicy {
        max_attempts: 5,
        first_delay: Duration::from_secs(60),
        longest_delay: Duration::from_secs(600),
        lease: Duration::from_secs(60),
    };
    settings
}

/// The app with the test consultations, mailing `sink`.
pub async fn app_mailing(sink: &SmtpSink) -> TestApp {
    spawn_app_with_mail(&repo_path("tests/api/defs"), mail_to(sink)).await
}

/// The app with the real survey definitions, mailing `sink`.
pub async fn app_with_real_defs_mailing(sink: &SmtpSink) -> TestApp {
    spawn_app_with_mail(&repo_path("survey-defs"), mail_to(sink)).await
}

/// A number from the test database.
pub fn count(app: &TestApp, query: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(query)
        .get_result::<N>(&mut app.db.connect())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .n
}

pub fn sql(app: &TestApp, statement: &str) -> usize {
    diesel::sql_query(statement)
        .execute(&mut app.db.connect())
        .unwrap_or_else(|e| panic!("{statement}: {e}"))
}

/// Builds this period's digests now (`digests run --now`).
pub async fn build_now(app: &TestApp) -> localvoice::digest::build::BuildReport {
    app.state
        .digests
        .build_due(chrono::Utc::now(), true, false)
        .await
        .unwrap()
}

/// Sends the outbox.
pub async fn send(app: &TestApp) -> localvoice::digest::sender::SendReport {
    app.state.digests.send_due().await.unwrap()
}

/// Confirmed subscriptions.
pub fn confirmed(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT count(*) AS n FROM digest_subscriptions WHERE confirmed_at IS NOT NULL",
    )
}

/// The sign-up form's token, from the page.
pub async fn sign_up_token(app: &TestApp) -> String {
    let html = app.get("/digests").await.text().await.unwrap();
    let start = html.find(r#"name="form_token" value=""#).expect("the form has a token") + 25;
    html[start..].split('"').next().unwrap().to_string()
}

/// Posts the sign-up form as a browser on our page would.
pub async fn post_sign_up(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = sign_up_token(app).await;
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    all.push(("form_token", &token));
    app.client
        .post(app.url("/digests"))
        .header("sec-fetch-site", "same-origin")
        .form(&all)
        .send()
        .await
        .unwrap()
}

/// The plain-text part of a message.
pub fn text_of(message: &Received) -> String {
    message.parsed().body_text(0).expect("a text part").into_owned()
}

/// The HTML part of a message.
pub fn html_of(message: &Received) -> String {
    message.parsed().body_html(0).expect("an HTML part").into_owned()
}

/// The first link in `text` starting with `PUBLIC_URL` + `prefix`, as a path on the test app.
pub fn link_path(text: &str, prefix: &str) -> String {
    let start = text
        .find(&format!("{PUBLIC_URL}{prefix}"))
        .expect("the link is in the email");
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
        .collect();
    url.trim_start_matches(PUBLIC_URL).to_string()
}

/// Signs up `email` for `area` and follows the confirmation link from the email the sink got.
pub async fn subscribe(app: &TestApp, sink: &SmtpSink, email: &str, area: &str, districts: &str) {
    let before = sink.received().len();
    let res = post_sign_up(
        app,
        &[
            ("email", email),
            ("council_area", area),
            ("postcode_districts", districts),
        ],
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    send(app).await;
    let received = sink.wait_for(before + 1);
    let confirmation = received
        .iter()
        .rev()
        .find(|m| m.to.contains(&email.to_lowercase()))
        .expect("a confirmation email");
    let path = link_path(&text_of(confirmation), "/digests/confirm/");
    assert_eq!(app.get(&path).await.status(), 200, "the confirmation link works");
}
