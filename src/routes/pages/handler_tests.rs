//! The page handlers through the real router (no database: validation happens before it is
//! reached, and a valid response meets an unreachable database).

use super::test_support::{definition, state_without_database};
use crate::domain::{ConsultationId, SurveyDefinition};
use crate::state::{today, AppState};
use actix_web::http::{header, StatusCode};
use actix_web::{test, web, App};
use chrono::Duration;

fn open_today() -> SurveyDefinition {
    let mut d = definition();
    d.opens = today() - Duration::days(10);
    d.closes = today() + Duration::days(100);
    d
}

fn closed() -> SurveyDefinition {
    let mut d = definition();
    d.id = ConsultationId::parse("your-police-2020").unwrap();
    d.title = "Your Police 2020".into();
    d.opens = today() - Duration::days(400);
    d.closes = today() - Duration::days(30);
    d
}

/// The real router with `state`.
macro_rules! app {
    ($state:expr) => {
        test::init_service(
            App::new()
                .app_data(web::Data::new($state))
                .configure(crate::routes::configure),
        )
        .await
    };
}

fn state() -> AppState {
    state_without_database(vec![open_today(), closed()])
}

async fn body_of(response: actix_web::dev::ServiceResponse) -> String {
    String::from_utf8(test::read_body(response).await.to_vec()).unwrap()
}

fn post(path: &str, body: &'static str) -> test::TestRequest {
    test::TestRequest::post()
        .uri(path)
        .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
        .insert_header(("sec-fetch-site", "same-origin"))
        .set_payload(body)
}

fn assert_html_with_security_headers(response: &actix_web::dev::ServiceResponse) {
    let h = response.headers();
    assert_eq!(h.get(header::CONTENT_TYPE).unwrap(), "text/html; charset=utf-8");
    let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(h.get(header::REFERRER_POLICY).unwrap(), "same-origin");
}

#[actix_web::test]
async fn the_landing_start_and_survey_pages_are_html_with_security_headers() {
    let app = app!(state());
    for path in [
        "/",
        "/consultations/your-police-2026",
        "/consultations/your-police-2026/survey",
        "/consultations/your-police-2026/easy-read",
        "/accessibility",
        "/consultations/your-police-2026/thanks?ref=3f2a9c01",
    ] {
        let response = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_html_with_security_headers(&response);
    }
}

#[actix_web::test]
async fn the_stylesheet_is_served() {
    let app = app!(state());
    let response = test::call_service(
        &app,
        test::TestRequest::get().uri("/static/localvoice.css").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
        "text/css; charset=utf-8"
    );
    assert!(body_of(response).await.contains(".lv-error-summary"));
}

#[actix_web::test]
async fn submitting_an_empty_survey_shows_the_form_again_with_422_and_an_error_summary() {
    let app = app!(state());
    let response = test::call_service(
        &app,
        post("/consultations/your-police-2026/survey", "council_area=&comment=").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_html_with_security_headers(&response);
    assert_eq!(response.headers().get(header::CACHE_CONTROL).unwrap(), "no-store");
    let html = body_of(response).await;
    assert!(html.contains("<title>Error: Your Police 2026"));
    assert!(html.contains(r##"<a href="#council_area">Choose your council area</a>"##));
    assert!(html.contains(r##"<a href="#concern_1">Choose at least one concern</a>"##));
}

#[actix_web::test]
async fn the_easy_read_form_is_shown_again_in_easy_read() {
    let app = app!(state());
    let response = test::call_service(
        &app,
        post("/consultations/your-police-2026/easy-read", "feel_safe=3").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_of(response).await;
    assert!(html.contains("Choose where you live."));
    assert!(html.contains(r#"id="feel_safe-3" name="feel_safe" type="radio" value="3" checked>"#));
}

/// The form token served in the survey page's hidden field.
fn form_token_in(html: &str) -> String {
    let start = html.find(r#"name="form_token" value=""#).expect("the form has a token") + 25;
    html[start..].split('"').next().unwrap().to_string()
}

fn with_token(body: &str, token: &str) -> String {
    format!(
        "{body}&form_token={}",
        url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>()
    )
}

#[actix_web::test]
async fn a_valid_response_the_database_cannot_take_gets_503_saying_a_resend_is_safe_with_the_same_token() {
    let app = app!(state());
    let form = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/consultations/your-police-2026/survey")
            .to_request(),
    )
    .await;
    assert_eq!(form.headers().get(header::CACHE_CONTROL).unwrap(), "no-store");
    let token = form_token_in(&body_of(form).await);
    let body = with_token(
        "council_area=S12000036&feel_safe=2&concern_1=speeding&comment=Too+fast",
        &token,
    );
    let request = test::TestRequest::post()
        .uri("/consultations/your-police-2026/survey")
        .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
        .insert_header(("sec-fetch-site", "same-origin"))
        .set_payload(body)
        .to_request();
    let response = test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_html_with_security_headers(&response);
    assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "30");
    let html = body_of(response).await;
    assert!(html.contains("Sorry, we could not confirm that your answers were saved"));
    assert!(!html.contains("Nothing you sent has been saved"), "we cannot know that");
    assert!(html.contains("they will only be counted once"));
    assert_eq!(form_token_in(&html), token, "a resend carries the same token");
    assert!(html.contains(r#"<option value="S12000036" selected>City of Edinburgh</option>"#));
    assert!(html.contains(">Too fast</textarea>"));
}

#[actix_web::test]
async fn a_valid_form_without_a_token_is_shown_again_with_a_new_token_and_nothing_stored() {
    let app = app!(state());
    let body = "council_area=S12000036&feel_safe=2&concern_1=speeding&comment=Too+fast&form_token=v1.forged.1.x";
    let response = test::call_service(&app, post("/consultations/your-police-2026/survey", body).to_request()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let html = body_of(response).await;
    assert!(html.contains("Your answers have not been saved yet"));
    assert!(form_token_in(&html).starts_with("v1."));
    assert_ne!(form_token_in(&html), "v1.forged.1.x");
    assert!(html.contains(">Too fast</textarea>"));
}

#[actix_web::test]
async fn a_form_posted_from_another_site_is_refused_with_403() {
    let app = app!(state());
    let request = post(
        "/consultations/your-police-2026/survey",
        "council_area=S12000036&concern_1=speeding",
    )
    .insert_header(("sec-fetch-site", "cross-site"))
    .to_request();
    let response = test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_html_with_security_headers(&response);
    assert!(body_of(response).await.contains("Nothing has been saved"));
}

#[actix_web::test]
async fn a_form_over_the_size_limit_gets_an_html_413_page() {
    let app = app!(state());
    let huge: &'static str =
        Box::leak(format!("comment={}", "a".repeat(crate::config::BODY_LIMIT_BYTES + 1)).into_boxed_str());
    let response = test::call_service(&app, post("/consultations/your-police-2026/survey", huge).to_request()).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_html_with_security_headers(&response);
}

#[actix_web::test]
async fn a_body_that_is_not_a_form_is_refused_with_415() {
    let app = app!(state());
    let request = test::TestRequest::post()
        .uri("/consultations/your-police-2026/survey")
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .set_payload(r#"{"council_area":"S12000036"}"#)
        .to_request();
    let response = test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_html_with_security_headers(&response);
}

#[actix_web::test]
async fn a_closed_consultation_shows_a_409_page_and_no_form() {
    let app = app!(state());
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/consultations/your-police-2020/survey")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_html_with_security_headers(&response);
    let html = body_of(response).await;
    assert!(
        html.contains("Your Police 2020 is closed") && !html.contains("<form"),
        "{html}"
    );
    let response = test::call_service(
        &app,
        post(
            "/consultations/your-police-2020/survey",
            "council_area=S12000036&concern_1=speeding",
        )
        .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/consultations/your-police-2020")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body_of(response).await.contains("This consultation closed on"));
}

#[actix_web::test]
async fn unknown_pages_are_html_404s_but_unknown_api_paths_stay_problem_json() {
    let app = app!(state());
    for path in [
        "/nowhere",
        "/consultations/no-such-thing",
        "/consultations/no-such-thing/survey",
        "/consultations/no-such-thing/thanks",
    ] {
        let response = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_html_with_security_headers(&response);
        assert!(body_of(response).await.contains("Page not found"));
    }
    let response = test::call_service(
        &app,
        post("/consultations/no-such-thing/survey", "concern_1=speeding").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = test::call_service(&app, test::TestRequest::get().uri("/api/v1/nowhere").to_request()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
        "application/problem+json"
    );
}

#[actix_web::test]
async fn the_confirmation_page_shows_only_a_reference_shaped_value() {
    let app = app!(state());
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/consultations/your-police-2026/thanks?ref=3f2a9c01")
            .to_request(),
    )
    .await;
    let html = body_of(response).await;
    assert!(html.contains("Thank you — your response has been saved"));
    assert!(html.contains(r#"<strong class="lv-reference">3f2a9c01</strong>"#));
    let response = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/consultations/your-police-2026/thanks?ref=%3Cb%3Ehi")
            .to_request(),
    )
    .await;
    assert!(!body_of(response).await.contains("lv-reference"));
}
