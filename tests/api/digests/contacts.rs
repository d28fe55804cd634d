//! `localvoice digests import-contacts`: the Spatial Hub columns plus email, all or nothing,
//! inactive councils skipped, and imported contacts confirming like anyone else.

use super::smtp_sink::SmtpSink;
use super::{app_mailing, count, link_path, text_of};

const GOOD: &str = "la_s_code,local_authority,cc_name,active,url,email\n\
    S12000036,City of Edinburgh,Blackhall Community Council,Yes,https://blackhall.example.org,sec@blackhall.example.org\n\
    S12000019,Midlothian,Bonnyrigg and Lasswade Community Council,Yes,,clerk@bonnyrigg.example.org\n\
    S12000026,Scottish Borders,Old Ettrick Community Council,Disbanded,,\n";

#[actix_web::test]
async fn contacts_are_invited_to_confirm_and_get_no_digest_before() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    let report = app.state.digests.import_contacts(GOOD.as_bytes()).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.invited, 2);
    assert_eq!(
        report.skipped_inactive,
        vec![(4, "Old Ettrick Community Council".to_string())]
    );
    assert_eq!(count(&app, "SELECT count(*) AS n FROM community_councils"), 2);
    super::send(&app).await;
    let received = sink.wait_for(2);
    assert!(received.iter().all(|m| text_of(m).contains("/digests/confirm/")));
    // The sign-up page offers the imported names.
    let page = app.get("/digests").await.text().await.unwrap();
    assert!(page.contains(r#"<option value="Blackhall Community Council">"#));
    // Nothing but the confirmation until they confirm.
    let built = super::build_now(&app).await;
    assert_eq!(built.built, 0);
    let path = link_path(&text_of(&received[0]), "/digests/confirm/");
    assert_eq!(app.get(&path).await.status(), 200);
    let built = super::build_now(&app).await;
    assert!(built.built >= 1);
    // Importing the same file again changes nothing for the confirmed contact.
    let again = app.state.digests.import_contacts(GOOD.as_bytes()).await.unwrap();
    assert_eq!((again.invited, again.already_subscribed), (1, 1));
}

#[actix_web::test]
async fn a_file_with_a_bad_row_imports_nothing_and_names_every_bad_line() {
    let sink = SmtpSink::start();
    let app = app_mailing(&sink).await;
    let bad =
        format!("{GOOD}S99999999,Atlantis,Sunken CC,Yes,,a@example.org\nS12000036,,Leith CC,Yes,,not-an-address\n");
    let report = app.state.digests.import_contacts(bad.as_bytes()).await.unwrap();
    let lines: Vec<(u64, &str)> = report.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(lines, [(5, "la_s_code"), (6, "email")]);
    assert_eq!(report.invited, 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM digest_subscriptions"), 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM community_councils"), 0);
    assert_eq!(count(&app, "SELECT count(*) AS n FROM outbox"), 0);
}
