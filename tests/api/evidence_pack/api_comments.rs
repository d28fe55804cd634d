//! Comments sent through the JSON API are counted in the themes but never quoted, and the pack
//! says so, and says that its quotes are unreviewed.

use super::{app_with_demo_data, pack_json, pack_path, sql, text_of, CURRENT, EAST_LOTHIAN};

const THROUGH_THE_API: [&str; 3] = [
    "Speeding lorries through the village every single morning, sent by a script",
    "Speeding vans on the school road at home time, sent by a script",
    "Speeding motorbikes on the bypass after dark, sent by a script",
];
const THROUGH_THE_FORM: &str = "Speeding cars past the primary school every day";

#[actix_web::test]
async fn comments_sent_through_the_api_are_counted_but_never_quoted() {
    let app = app_with_demo_data(3_000).await;
    sql(
        &app,
        &format!("UPDATE responses SET comment = NULL WHERE consultation_id = '{CURRENT}' AND council_area_code = '{EAST_LOTHIAN}'"),
    );
    sql(
        &app,
        &format!(
            "UPDATE responses SET comment = '{THROUGH_THE_FORM}' WHERE id = (SELECT id FROM responses WHERE \
             consultation_id = '{CURRENT}' AND council_area_code = '{EAST_LOTHIAN}' AND channel = 'web' ORDER BY id LIMIT 1)"
        ),
    );
    for comment in THROUGH_THE_API {
        let body = serde_json::json!({
            "council_area": EAST_LOTHIAN,
            "feel_safe": 2,
            "confidence": 3,
            "concerns": ["speeding", "drug_dealing", "housebreaking"],
            "comment": comment,
        });
        let res = app
            .post_json(&format!("/api/v1/consultations/{CURRENT}/responses"), &body)
            .await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }

    let pack = pack_json(&app, "J").await;
    let east = pack["what_people_said"]["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["place"]["code"] == EAST_LOTHIAN)
        .expect("East Lothian");
    assert_eq!(east["comments"], 4, "all four comments are counted");
    let speeding = east["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .find(|t| t["id"] == "speeding_driving")
        .expect("speeding theme");
    assert_eq!(speeding["count"], 4);
    assert_eq!(speeding["examples"], serde_json::json!([THROUGH_THE_FORM]));

    let method = pack["method"]["paragraphs"]
        .as_array()
        .expect("method")
        .iter()
        .find(|p| p["heading"] == "What people said")
        .expect("the method of what people said");
    let method = method["text"].as_str().expect("text");
    assert!(
        method.contains("sent through the API are counted in the themes but never quoted"),
        "{method}"
    );
    assert!(method.contains("have not been reviewed by an analyst"), "{method}");
    let (status, html) = text_of(&app, &pack_path("J", "")).await;
    assert_eq!(status, 200);
    assert!(html.contains("They have not been reviewed by an analyst"));
    assert!(html.contains("Comments sent through the API are counted but never quoted"));
    for comment in THROUGH_THE_API {
        assert!(!html.contains(comment), "{comment}");
    }
}
