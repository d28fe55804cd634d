//! Cheap friction against scripts on the survey form: a filled honeypot field, or a form sent back
//! sooner than the minimum time, is refused with the answers shown again (never a silent drop),
//! counted per consultation, area, reason and day, and reported as "responses refused as automated".

use crate::helpers::{spawn_app_with_protection, TestApp};
use diesel::prelude::*;
use localvoice::config::ProtectionSettings;
use localvoice::db::schema::automated_refusals;
use serde_json::Value;
use std::time::Duration;

const SURVEY: &str = "/consultations/test-open/survey";
const ANSWERS: &str = "council_area=S12000036&feel_safe=2&concern_1=speeding&comment=Speeding+on+Ferry+Road";

fn with_min_time(seconds: u64) -> ProtectionSettings {
    ProtectionSettings {
        form_min_time: Duration::from_secs(seconds),
        ..ProtectionSettings::off()
    }
}

async fn served_token(app: &TestApp) -> String {
    let html = app.get(SURVEY).await.text().await.unwrap();
    let start = html.find(r#"name="form_token" value=""#).expect("the form has a token") + 25;
    html[start..].split('"').next().unwrap().to_string()
}

async fn send(app: &TestApp, fields: &str, token: &str) -> reqwest::Response {
    let token = url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>();
    app.client
        .post(app.url(SURVEY))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(format!("{fields}&form_token={token}"))
        .send()
        .await
        .unwrap()
}

fn refusals(app: &TestApp) -> Vec<(String, String, String, chrono::NaiveDate, i64)> {
    automated_refusals::table
        .select((
            automated_refusals::consultation_id,
            automated_refusals::council_area_code,
            automated_refusals::reason,
            automated_refusals::day,
            automated_refusals::refused,
        ))
        .order(automated_refusals::reason)
        .load(&mut app.db.connect())
        .unwrap()
}

#[actix_web::test]
async fn a_filled_honeypot_is_refused_politely_with_the_answers_kept_and_counted() {
    let app = spawn_app_with_protection(with_min_time(0)).await;
    let token = served_token(&app).await;
    let res = send(&app, &format!("{ANSWERS}&website=http%3A%2F%2Fspam.example"), &token).await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("Your answers have not been saved yet"), "{html}");
    assert!(html.contains("Speeding on Ferry Road"), "the comment is shown again");
    assert!(
        html.contains(r#"name="website" value="""#),
        "the honeypot is empty again"
    );
    assert!(html.contains(&token), "the same form can be sent again");
    assert_eq!(app.stored_responses(), 0);
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        refusals(&app),
        [("test-open".into(), "S12000036".into(), "honeypot".into(), today, 1)]
    );
    // The person sends the same form again with the box empty: it is stored.
    assert_eq!(send(&app, ANSWERS, &token).await.status(), 303);
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn a_form_sent_back_too_soon_is_refused_and_the_same_form_goes_through_later() {
    let app = spawn_app_with_protection(with_min_time(2)).await;
    let token = served_token(&app).await;
    let res = send(&app, ANSWERS, &token).await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("faster than people usually answer"), "{html}");
    assert!(html.contains("Speeding on Ferry Road"));
    assert_eq!(app.stored_responses(), 0);
    assert_eq!(refusals(&app)[0].2, "too_fast");
    // Whole-second issue times: wait past the minimum whatever the fraction.
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert_eq!(send(&app, ANSWERS, &token).await.status(), 303);
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn answers_that_need_correcting_are_not_counted_as_automated() {
    let app = spawn_app_with_protection(with_min_time(60)).await;
    let token = served_token(&app).await;
    let res = send(&app, "feel_safe=2&website=x", &token).await;
    assert_eq!(res.status(), 422, "the resident is told what to correct first");
    assert!(refusals(&app).is_empty());
}

#[actix_web::test]
async fn refusals_are_shown_in_the_results_json_and_on_the_analyst_page() {
    let app = spawn_app_with_protection(with_min_time(600)).await;
    for honeypot in ["", "&website=x", ""] {
        let token = served_token(&app).await;
        assert_eq!(send(&app, &format!("{ANSWERS}{honeypot}"), &token).await.status(), 400);
    }
    let res = app
        .get("/api/v1/consultations/test-open/results?area=S12000036&bootstrap=0")
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["refused_as_automated"],
        serde_json::json!({"total": 3, "honeypot": 1, "too_fast": 2})
    );
    // Another area of the same consultation had none.
    let other: Value = app
        .get("/api/v1/consultations/test-open/results?area=S12000026&bootstrap=0")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(other["refused_as_automated"]["total"], 0);
    let html = app
        .get("/analyst/results?consultation=test-open&area=S12000036")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Responses refused as automated"), "{html}");
    assert!(html.contains("3 (hidden field filled in: 1; sent too soon after the form was opened: 2)"));
}
