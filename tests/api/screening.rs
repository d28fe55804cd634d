//! Duplicate and burst screening for analysts: identical answers sent close together and repeated
//! long comments are flagged per council area, and the headline figures are shown with and without
//! them; nothing is removed from the results.

use crate::helpers::spawn_app;
use serde_json::json;

#[actix_web::test]
async fn identical_responses_are_flagged_per_area_with_the_figures_without_them() {
    let app = spawn_app().await;
    let post = |body: serde_json::Value| {
        let app = &app;
        async move {
            let res = app.post_json("/api/v1/consultations/test-open/responses", &body).await;
            assert_eq!(res.status(), 201);
        }
    };
    // Twelve varied responses from Edinburgh, then the same answer and comment five times.
    for i in 0..12 {
        post(
            json!({"council_area": "S12000036", "feel_safe": 1 + i % 5, "concerns": ["speeding"],
                    "comment": format!("Different comment number {i}")}),
        )
        .await;
    }
    let copy = json!({"council_area": "S12000036", "feel_safe": 5, "confidence": 5,
                      "concerns": ["drug_dealing"], "comment": "Everything is fine here, nothing to report"});
    for _ in 0..5 {
        post(copy.clone()).await;
    }
    let res = app
        .get("/analyst/screening?consultation=test-open&area=S12000036")
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("5 responses are flagged"), "{html}");
    assert!(
        html.contains("<th scope=\"row\">City of Edinburgh</th>\n        <td>17</td>\n        <td>5</td>\n        <td>5</td>\n        <td>0</td>\n        <td>5</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\">Responses</th>\n        <td>17</td>\n        <td>12</td>"),
        "{html}"
    );
    // The results themselves still count every response.
    let results = app
        .get("/analyst/results?consultation=test-open&area=S12000036")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        results.contains("/analyst/screening?consultation=test-open&#38;area=S12000036"),
        "{results}"
    );
}

#[actix_web::test]
async fn screening_an_unknown_area_or_consultation_is_an_html_error_not_a_500() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/analyst/screening?consultation=test-open&area=S12000999", 404),
        ("/analyst/screening?consultation=nope&area=S12000036", 404),
        ("/analyst/screening?area=S12000036", 400),
        ("/analyst/screening?consultation=test-open&area=S12000036&area=x", 400),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        assert!(
            res.headers()["content-type"].to_str().unwrap().starts_with("text/html"),
            "{path}"
        );
    }
}
