//! The survey form over HTTP against PostgreSQL: every form carries a single-use token, so a double
//! click, a browser retry or a resend after a lost reply stores one response and shows the same
//! confirmation page.

use crate::helpers::{spawn_app, TestApp};
use localvoice::domain::form_token::FormToken;

const SURVEY: &str = "/consultations/test-open/survey";
const ANSWERS: &str = "council_area=S12000036&feel_safe=2&concern_1=speeding&concern_2=drug_dealing";

async fn served_token(app: &TestApp) -> String {
    let html = app.get(SURVEY).await.text().await.unwrap();
    let start = html.find(r#"name="form_token" value=""#).expect("the form has a token") + 25;
    html[start..].split('"').next().unwrap().to_string()
}

async fn send(app: &TestApp, answers: &str, token: &str) -> reqwest::Response {
    let body = format!(
        "{answers}&form_token={}",
        url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>()
    );
    app.client
        .post(app.url(SURVEY))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .send()
        .await
        .unwrap()
}

fn thanks_location(res: &reqwest::Response) -> String {
    assert_eq!(res.status(), 303, "sent to the confirmation page");
    res.headers()["location"].to_str().unwrap().to_string()
}

#[actix_web::test]
async fn two_concurrent_posts_of_one_form_store_one_response_and_show_one_confirmation() {
    let app = spawn_app().await;
    let token = served_token(&app).await;
    let (a, b) = tokio::join!(send(&app, ANSWERS, &token), send(&app, ANSWERS, &token));
    assert_eq!(thanks_location(&a), thanks_location(&b));
    assert_eq!(app.stored_responses(), 1);
}

#[actix_web::test]
async fn sending_a_form_again_later_even_changed_replays_the_first_answers() {
    let app = spawn_app().await;
    let token = served_token(&app).await;
    let first = thanks_location(&send(&app, ANSWERS, &token).await);
    let changed = ANSWERS.replace("feel_safe=2", "feel_safe=5");
    assert_eq!(thanks_location(&send(&app, &changed, &token).await), first);
    assert_eq!(app.stored_responses(), 1);
    // A new form is a new response.
    let other = served_token(&app).await;
    assert_ne!(thanks_location(&send(&app, ANSWERS, &other).await), first);
    assert_eq!(app.stored_responses(), 2);
}

#[actix_web::test]
async fn the_service_can_tell_whether_a_form_was_saved() {
    let app = spawn_app().await;
    let submissions = &app.state.submissions;
    let raw = served_token(&app).await;
    let token: FormToken = submissions.verify_form_token("test-open", Some(&raw)).unwrap();
    assert!(submissions.saved_form("test-open", &token).await.unwrap().is_none());
    send(&app, ANSWERS, &raw).await;
    let saved = submissions
        .saved_form("test-open", &token)
        .await
        .unwrap()
        .expect("saved");
    assert_eq!(saved.council_area_code, "S12000036");
    assert!(
        submissions.verify_form_token("test-lothians", Some(&raw)).is_none(),
        "a token is for one consultation"
    );
}
