//! Rate limiting of submissions per client: 429 with Retry-After over the limit (problem+json from
//! the API, the form again with the answers kept from the web form); `X-Forwarded-For` believed
//! only from a trusted proxy; each client its own bucket.

use crate::helpers::{spawn_app_with_protection, TestApp};
use localvoice::client_address::TrustedProxies;
use localvoice::config::{ProtectionSettings, RateLimit};
use serde_json::{json, Value};
use std::num::NonZeroU32;

const RESPONSES: &str = "/api/v1/consultations/test-open/responses";

fn limited(burst: u32, trusted: &str) -> ProtectionSettings {
    ProtectionSettings {
        submit_rate: Some(RateLimit {
            per_minute: NonZeroU32::new(1).unwrap(),
            burst: NonZeroU32::new(burst).unwrap(),
        }),
        trusted_proxies: TrustedProxies::parse(trusted).unwrap(),
        ..ProtectionSettings::off()
    }
}

fn answer() -> Value {
    json!({"council_area": "S12000036", "feel_safe": 4, "concerns": ["speeding"]})
}

async fn post_from(app: &TestApp, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut request = app.client.post(app.url(RESPONSES)).json(&answer());
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    request.send().await.unwrap()
}

fn retry_after(res: &reqwest::Response) -> u64 {
    res.headers()
        .get("retry-after")
        .expect("a 429 says when to retry")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[actix_web::test]
async fn api_submissions_over_the_limit_get_429_problem_json_with_retry_after() {
    let app = spawn_app_with_protection(limited(2, "")).await;
    for _ in 0..2 {
        assert_eq!(post_from(&app, None).await.status(), 201);
    }
    let refused = post_from(&app, None).await;
    assert_eq!(refused.status(), 429);
    // One cell a minute: the next one is due in at most 60 s.
    let wait = retry_after(&refused);
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(refused.headers()["content-type"], "application/problem+json");
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["status"], 429);
    assert_eq!(problem["type"], "/problems/too-many-requests");
    assert_eq!(app.stored_responses(), 2, "the refused response was not stored");
}

#[actix_web::test]
async fn x_forwarded_for_is_ignored_from_a_peer_that_is_not_a_trusted_proxy() {
    let app = spawn_app_with_protection(limited(1, "10.9.9.9")).await;
    assert_eq!(post_from(&app, Some("203.0.113.1")).await.status(), 201);
    // Claiming another address does not give a fresh bucket.
    assert_eq!(post_from(&app, Some("203.0.113.2")).await.status(), 429);
}

#[actix_web::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket() {
    let app = spawn_app_with_protection(limited(1, "127.0.0.1")).await;
    assert_eq!(post_from(&app, Some("203.0.113.1")).await.status(), 201);
    assert_eq!(post_from(&app, Some("203.0.113.2")).await.status(), 201);
    assert_eq!(post_from(&app, Some("203.0.113.1")).await.status(), 429);
    // A client-written address to the left of the real one changes nothing.
    assert_eq!(post_from(&app, Some("198.51.100.50, 203.0.113.2")).await.status(), 429);
}

#[actix_web::test]
async fn the_web_form_over_the_limit_is_shown_again_with_the_answers_and_retry_after() {
    let app = spawn_app_with_protection(limited(1, "")).await;
    assert_eq!(post_from(&app, None).await.status(), 201, "uses up the one submission");
    let res = app
        .client
        .post(app.url("/consultations/test-open/survey"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body("council_area=S12000036&concern_1=speeding&comment=Please+slow+the+traffic")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(retry_after(&res) >= 1);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Please wait a moment before sending your answers"),
        "{html}"
    );
    assert!(html.contains("Please slow the traffic"), "the comment is kept");
    assert_eq!(app.stored_responses(), 1);
}
