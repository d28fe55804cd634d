//! Double opt-in, token expiry and reuse, one-click unsubscribe by POST (and a GET that does not
//! unsubscribe), and bad input refused with nothing stored.

use super::smtp_sink::SmtpSink;
use super::{app_mailing, count, link_path, post_sign_up, sql, subscribe, text_of};

const EDINBURGH: &str = "S12000036";

#[actix_web::test]
async fn nothing_but_a_confirmation_is_sent_until_its_link_is_followed_once() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    let res = post_sign_up(
        &app,
        &[
            ("email", "Secretary@Blackhall-CC.example.org"),
            ("council_area", EDINBURGH),
            ("community_council", "Blackhall Community Council"),
            ("postcode_districts", "eh4"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Check your email"));
    super::send(&app).await;
    let received = sink.wait_for(1);
    let text = text_of(&received[0]);
    assert!(
        text.contains("Blackhall Community Council") && text.contains("every month"),
        "{text}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM digest_subscriptions WHERE confirmed_at IS NULL"
        ),
        1
    );
    // The token is stored hashed: the link's token is nowhere in the database.
    let path = link_path(&text, "/digests/confirm/");
    let token = path.rsplit('/').next().unwrap();
    assert_eq!(count(&app, &format!("SELECT count(*) AS n FROM digest_subscriptions WHERE encode(confirm_token_hash, 'escape') LIKE '%{token}%'")), 0);

    // Before confirmation: no digest, even when asked for one now.
    let built = super::build_now(&app).await;
    assert_eq!(built.built, 0);

    let page = app.get(&path).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Your email updates have started"));
    let again = app.get(&path).await;
    assert_eq!(again.status(), 404, "a confirmation link works once");
    assert_eq!(super::confirmed(&app), 1);
    let built = super::build_now(&app).await;
    assert!(built.built >= 1, "confirmed: digests are due ({built:?})");
}

#[actix_web::test]
async fn an_expired_confirmation_link_is_refused_and_the_address_later_deleted() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    post_sign_up(&app, &[("email", "late@example.org"), ("council_area", EDINBURGH)]).await;
    super::send(&app).await;
    let path = link_path(&text_of(&sink.wait_for(1)[0]), "/digests/confirm/");
    sql(
        &app,
        "UPDATE digest_subscriptions SET confirm_expires_at = now() - interval '1 minute'",
    );
    let res = app.get(&path).await;
    assert_eq!(res.status(), 410);
    assert!(res.text().await.unwrap().contains("expired"));
    assert_eq!(super::confirmed(&app), 0);
    // The next build deletes the address of a sign-up that never began.
    let built = super::build_now(&app).await;
    assert_eq!(built.expired_sign_ups_deleted, 1);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_subscriptions"), 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM outbox"), 0);
}

#[actix_web::test]
async fn a_get_of_the_unsubscribe_link_asks_and_a_one_click_post_deletes_the_address() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    subscribe(&app, &sink, "chair@example.org", EDINBURGH, "").await;
    super::build_now(&app).await;
    super::send(&app).await;
    let received = sink.wait_for(2);
    let digest = received.last().unwrap().parsed();
    let header = digest
        .header_raw("List-Unsubscribe")
        .expect("List-Unsubscribe")
        .trim()
        .to_string();
    assert!(header.starts_with("<https://"), "{header}");
    assert_eq!(
        digest.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let path = link_path(header.trim_matches(|c| c == '<' || c == '>'), "/digests/unsubscribe/");

    // A link scanner's GET changes nothing.
    let page = app.get(&path).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(r#"<button type="submit""#));
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_subscriptions"), 1);

    // RFC 8058: a POST with List-Unsubscribe=One-Click, no cookie, no token, no further step.
    let res = app
        .client
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_subscriptions"), 0);
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM outbox"),
        0,
        "no email to the address is kept"
    );
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_unsubscribed"), 1);
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM digest_subscriptions, outbox WHERE recipient ILIKE '%chair@%' OR email ILIKE '%chair@%'"),
        0
    );
    // Again: still fine, nothing to delete.
    let again = app.client.post(app.url(&path)).send().await.unwrap();
    assert_eq!(again.status(), 200);
    // A forged link does nothing.
    let forged = path.replace("/u1.", "/u1.9");
    assert_eq!(app.client.post(app.url(&forged)).send().await.unwrap().status(), 404);

    // An analyst's import cannot subscribe the address again.
    let report = app
        .state
        .digests
        .import_contacts(b"cc_name,la_s_code,active,email\nBlackhall,S12000036,yes,Chair@Example.org\n")
        .await
        .unwrap();
    assert_eq!(report.refused_unsubscribed, vec![2]);
    assert_eq!(report.invited, 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_subscriptions"), 0);
}

#[actix_web::test]
async fn bad_sign_ups_name_the_field_and_store_nothing() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    let long_name = "x".repeat(201);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![("email", "not-an-address"), ("council_area", EDINBURGH)],
            "correct format",
        ),
        (
            vec![("email", "a@example.org"), ("council_area", "Atlantis")],
            "choose a council area from the list",
        ),
        (
            vec![
                ("email", "a@example.org"),
                ("council_area", EDINBURGH),
                ("postcode_districts", "EH4 ZE1"),
            ],
            "ZE1 is not in City of Edinburgh",
        ),
        (
            vec![
                ("email", "a@example.org"),
                ("council_area", EDINBURGH),
                ("community_council", &long_name),
            ],
            "at most 200 characters",
        ),
        (
            vec![
                ("email", "a@example.org"),
                ("council_area", EDINBURGH),
                ("frequency", "hourly"),
            ],
            "weekly or monthly",
        ),
    ];
    for (fields, expected) in cases {
        let res = post_sign_up(&app, &fields).await;
        assert_eq!(res.status(), 400, "{fields:?}");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("There is a problem") && html.contains(expected),
            "{expected}: {html}"
        );
    }
    // No form token: refused.
    let res = app
        .client
        .post(app.url("/digests"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", "a@example.org"), ("council_area", EDINBURGH)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // From another site's page (CSRF): refused even with a token.
    let token = super::sign_up_token(&app).await;
    let res = app
        .client
        .post(app.url("/digests"))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("email", "a@example.org"),
            ("council_area", EDINBURGH),
            ("form_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // An oversized body.
    let huge = "a".repeat(100_000);
    let res = app
        .client
        .post(app.url("/digests"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert!(res.status() == 413 || res.status() == 400, "{}", res.status());
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_subscriptions"), 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM outbox"), 0);
    super::send(&app).await;
    assert!(sink.received().is_empty());
}
