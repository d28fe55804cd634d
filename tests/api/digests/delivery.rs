//! Delivery through the outbox: nothing lost while the SMTP server is down, each email delivered
//! once when it is back, a 5xx failing only its own row, a sender that dies after the server's 250
//! causing at most one duplicate with the same Message-ID, and two senders never sending a row
//! twice.

use super::smtp_sink::SmtpSink;
use super::{app_mailing, count, mail_to, sql};
use crate::helpers::{another_instance, TestApp};
use localvoice::db::outbox;
use localvoice::digest::mailer::{build_message, Mailer};
use std::collections::HashMap;

/// Three confirmed subscriptions (the demo's examples) and their digests queued.
async fn three_digests_queued(app: &TestApp) {
    app.state.digests.add_demo_subscriptions().await.unwrap();
    let built = super::build_now(app).await;
    // test-open covers all three areas, test-lothians (division J) Midlothian and the Borders.
    assert_eq!(built.built, 5, "{built:?}");
    let again = super::build_now(app).await;
    assert_eq!((again.built, again.already_queued), (0, 5), "building is idempotent");
}

fn message_ids(sink: &SmtpSink) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for m in sink.received() {
        *ids.entry(m.parsed().message_id().unwrap().to_string()).or_default() += 1;
    }
    ids
}

#[actix_web::test]
async fn while_the_server_is_down_nothing_is_lost_and_afterwards_each_email_arrives_once() {
    let mut sink = SmtpSink::down();
    let app = app_mailing(&sink).await;
    three_digests_queued(&app).await;
    let report = super::send(&app).await;
    assert_eq!((report.sent, report.deferred, report.failed), (0, 5, 0));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND attempts = 1 AND last_error IS NOT NULL"
        ),
        5
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM outbox WHERE next_attempt_at > now() + interval '20 seconds'"
        ),
        5,
        "backed off"
    );
    // Not due again yet: nothing is tried.
    assert_eq!(super::send(&app).await.deferred, 0);

    sink.resume();
    sql(&app, "UPDATE outbox SET next_attempt_at = now()");
    let report = super::send(&app).await;
    assert_eq!((report.sent, report.deferred, report.failed), (5, 0, 0));
    assert_eq!(super::send(&app).await.sent, 0);
    let ids = message_ids(&sink);
    assert_eq!(ids.len(), 5);
    assert!(ids.values().all(|n| *n == 1), "each delivered exactly once: {ids:?}");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM outbox WHERE status = 'sent' AND attempts = 2"
        ),
        5
    );
}

#[actix_web::test]
async fn a_permanent_refusal_fails_only_that_email() {
    let sink = SmtpSink::start();
    sink.refuse("clerk@bonnyrigg-cc.example.org");
    let app = app_mailing(&sink).await;
    three_digests_queued(&app).await;
    let report = super::send(&app).await;
    assert_eq!((report.sent, report.failed), (3, 2));
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM outbox WHERE status = 'failed' AND recipient = 'clerk@bonnyrigg-cc.example.org' AND last_error LIKE '%550%'"),
        2
    );
    assert_eq!(sink.received().len(), 3);
    sql(&app, "UPDATE outbox SET next_attempt_at = now()");
    assert_eq!(
        super::send(&app).await,
        Default::default(),
        "a failed email is never retried"
    );
}

#[actix_web::test]
async fn a_sender_killed_after_the_servers_250_causes_at_most_one_duplicate_with_the_same_message_id() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    three_digests_queued(&app).await;
    // A sender claims and sends, then dies before marking anything sent.
    let settings = mail_to(&sink);
    let claimed = outbox::claim(&mut app.db.connect(), 100, std::time::Duration::from_secs(60)).unwrap();
    assert_eq!(claimed.len(), 5);
    let mailer = Mailer::new(&settings).unwrap();
    for email in &claimed {
        mailer.send(build_message(&settings, email).unwrap()).await.unwrap();
    }
    drop(mailer);
    // While its lease lasts, nobody else sends those rows.
    assert_eq!(super::send(&app).await.sent, 0);
    // The lease runs out; another sender sends them again.
    sql(&app, "UPDATE outbox SET locked_until = now() - interval '1 second'");
    assert_eq!(super::send(&app).await.sent, 5);
    let ids = message_ids(&sink);
    assert_eq!(ids.len(), 5, "the resend carries the same Message-IDs");
    assert!(ids.values().all(|n| *n == 2), "at most one duplicate each: {ids:?}");
    assert_eq!(count(&app, "SELECT count(*) AS n FROM outbox WHERE status = 'sent'"), 5);
}

#[actix_web::test]
async fn two_instances_sending_at_once_deliver_each_email_once() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    app.state.digests.add_demo_subscriptions().await.unwrap();
    // Both instances build (the unique constraint keeps one digest per period) and send.
    let other = another_instance(&app);
    let (a, b) = tokio::join!(
        app.state.digests.build_due(chrono::Utc::now(), true, false),
        other.state.digests.build_due(chrono::Utc::now(), true, false)
    );
    assert_eq!(a.unwrap().built + b.unwrap().built, 5);
    let (a, b) = tokio::join!(app.state.digests.send_due(), other.state.digests.send_due());
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 5);
    let ids = message_ids(&sink);
    assert_eq!(ids.len(), 5, "{ids:?} from {} messages", sink.received().len());
    assert!(ids.values().all(|n| *n == 1), "{ids:?}");
}

#[actix_web::test]
async fn messages_to_one_domain_are_paced_and_other_domains_are_not_held_up() {
    let sink = SmtpSink::start();
    let mut settings = mail_to(&sink);
    settings.per_domain_per_second = 2;
    let app = crate::helpers::spawn_app_with_mail(&crate::helpers::repo_path("tests/api/defs"), settings).await;
    // Five emails to one domain (sign-ups at example.org) and one to another.
    for (i, email) in [
        "a@example.org",
        "b@example.org",
        "c@example.org",
        "d@example.org",
        "e@example.org",
        "x@other.example.net",
    ]
    .iter()
    .enumerate()
    {
        let area = if i % 2 == 0 { "S12000036" } else { "S12000019" };
        let res = super::post_sign_up(&app, &[("email", email), ("council_area", area)]).await;
        assert_eq!(res.status(), 200);
    }
    // The sign-up handler may have started sending already; wait for everything to be delivered.
    let started = std::time::Instant::now();
    while count(&app, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'") > 0 {
        super::send(&app).await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let received = sink.wait_for(6);
    assert_eq!(received.len(), 6);
    // At 2 a second, the fifth message to example.org cannot start before 2 s after the first,
    // however many sends ran at once.
    let at: Vec<std::time::Instant> = received
        .iter()
        .filter(|m| m.to.iter().any(|t| t.ends_with("@example.org")))
        .map(|m| m.at)
        .collect();
    assert_eq!(at.len(), 5);
    let spread = *at.iter().max().unwrap() - *at.iter().min().unwrap();
    assert!(
        spread >= std::time::Duration::from_millis(1_500),
        "five messages to one domain within {spread:?}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[actix_web::test]
async fn a_server_that_takes_the_connection_and_says_nothing_does_not_stall_sending() {
    // Accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut settings = localvoice::digest::MailSettings::smtp(
        &format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port()),
        super::PUBLIC_URL,
    );
    settings.send_timeout = std::time::Duration::from_millis(500);
    let app = crate::helpers::spawn_app_with_mail(&crate::helpers::repo_path("tests/api/defs"), settings).await;
    three_digests_queued(&app).await;
    let report = super::send(&app).await;
    assert_eq!((report.sent, report.deferred, report.failed), (0, 5, 0));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND last_error LIKE 'no answer within%'"
        ),
        5
    );
    drop(silent);
}
