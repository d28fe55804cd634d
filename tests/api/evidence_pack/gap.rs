//! A community concern the current plan does not cover is reported as a gap.

use super::{app_with_demo_data, pack_json, sql, CURRENT};
use serde_json::Value;

fn gaps(pack: &Value) -> Vec<String> {
    let plans = pack["plan_coverage"]["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 1, "J has one current plan");
    assert_eq!(plans[0]["plan_id"], "lothians-and-scottish-borders-2023-26");
    plans[0]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["concern"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn a_strongly_supported_concern_no_plan_priority_covers_is_a_gap() {
    let app = app_with_demo_data(5_000).await;
    let before = pack_json(&app, "J").await;
    assert!(
        !gaps(&before).contains(&"shoplifting".to_string()),
        "not a gap before: {:?}",
        gaps(&before)
    );

    // 1,500 residents across J rank shoplifting (which no priority of the J plan lists) first.
    let areas = ["S12000010", "S12000019", "S12000026", "S12000040"];
    let bands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"];
    for (a, area) in areas.iter().enumerate() {
        sql(
            &app,
            &format!(
            "INSERT INTO responses (public_id, consultation_id, council_area_code, feel_safe, confidence, concerns, \
             age_band, sex, channel) SELECT gen_random_uuid(), '{CURRENT}', '{area}', 1 + i % 5, 1 + (i * 3) % 5, \
             ARRAY['shoplifting', 'vandalism', 'drug_dealing'], (ARRAY{bands:?})[1 + (i + {a}) % 7], \
             CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, 'web' FROM generate_series(1, 375) AS i"
        )
            .replace('"', "'"),
        );
    }
    let after = pack_json(&app, "J").await;
    let found = gaps(&after);
    assert!(
        found.contains(&"shoplifting".to_string()),
        "shoplifting is a gap: {found:?}"
    );
    let gap = after["plan_coverage"]["plans"][0]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["concern"]["id"] == "shoplifting")
        .unwrap();
    assert_eq!(gap["concern"]["strength"], "strong");
    assert!(gap["why"]
        .as_str()
        .unwrap()
        .contains("Lothians and Scottish Borders Local Police Plan 2023-26"));
    assert!(gap["candidate_priorities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "Tackling acquisitive crime"));
}
