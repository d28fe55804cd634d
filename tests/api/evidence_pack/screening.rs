//! The pack's sensitivity check: responses that look scripted are counted per council area and the
//! division's headline is shown with and without them, while every other figure keeps them.

use super::{app_with_demo_data, pack_json, pack_path, text_of, CURRENT, EAST_LOTHIAN};
use serde_json::json;

#[actix_web::test]
async fn planted_identical_responses_are_flagged_and_the_headline_shown_without_them() {
    let app = app_with_demo_data(3_000).await;
    let before = pack_json(&app, "J").await;
    let flagged_before = before["screening"]["flagged"].as_u64().expect("a screening section");
    let n_before = before["division_section"]["headline"]["responses"].clone();

    let copy = json!({"council_area": EAST_LOTHIAN, "feel_safe": 5, "confidence": 5,
                      "concerns": ["drug_dealing"], "comment": "All quiet round here, the police are doing a grand job"});
    for _ in 0..12 {
        let res = app
            .post_json(&format!("/api/v1/consultations/{CURRENT}/responses"), &copy)
            .await;
        assert_eq!(res.status(), 201);
    }
    let after = pack_json(&app, "J").await;
    let screening = &after["screening"];
    assert!(
        screening["flagged"].as_u64().unwrap() >= flagged_before + 12,
        "{flagged_before} before, {screening}"
    );
    let east_lothian = screening["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "East Lothian")
        .expect("East Lothian screened");
    assert_ne!(east_lothian["flagged"], "0");
    let without = screening["without_flagged"]
        .as_array()
        .expect("a headline without them");
    assert_ne!(
        without[0], screening["with_all"][0],
        "fewer responses without the flagged ones"
    );
    // The rest of the pack still counts every response.
    assert_ne!(after["division_section"]["headline"]["responses"], n_before);

    let (status, html) = text_of(&app, &pack_path("J", "")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Possibly scripted responses") && html.contains("Without the flagged ones"));
}
