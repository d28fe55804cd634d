//! A small area is suppressed (never 0) and shows no comments; personal data planted in comments
//! never reaches the HTML, the JSON or any CSV table.

use super::{app_with_demo_data, area_section, pack_json, pack_path, sql, text_of, CURRENT, EAST_LOTHIAN, MIDLOTHIAN};
use localvoice::evidence::pack::render::TABLES;

/// Comments with personal data, each also naming a theme ("patrol", "speeding") so it is quoted.
const PLANTED: [&str; 6] = [
    "We never see a patrol on our street, email me at jane.doe@example.com about it",
    "Speeding on the main road every night, call me on 07700 900123 if you want details",
    "Boy racers speeding past the school, I live at EH41 3AB and it is dangerous",
    "The car SN19 XYZ is always speeding through the village at night",
    "My name is Hamish McTavish and we never see a patrol here any more",
    "Speeding cars outside my house all day long, ring 0131 496 0000 please",
];
const RAW: [&str; 7] = [
    "jane.doe@example.com",
    "07700 900123",
    "EH41 3AB",
    "SN19 XYZ",
    "Hamish",
    "McTavish",
    "0131 496 0000",
];

#[actix_web::test]
async fn a_small_area_is_suppressed_and_planted_personal_data_never_appears() {
    let app = app_with_demo_data(6_000).await;
    // Midlothian down to 6 responses (under the threshold of 10), each with personal data.
    sql(&app, &format!(
        "DELETE FROM responses WHERE consultation_id = '{CURRENT}' AND council_area_code = '{MIDLOTHIAN}' AND id NOT IN \
         (SELECT id FROM responses WHERE consultation_id = '{CURRENT}' AND council_area_code = '{MIDLOTHIAN}' ORDER BY id LIMIT 6)"
    ));
    sql(
        &app,
        &format!(
        "UPDATE responses SET comment = 'Speeding and no patrol, contact secret.person@example.org or 07700 900999' \
         WHERE consultation_id = '{CURRENT}' AND council_area_code = '{MIDLOTHIAN}'"
    ),
    );
    // East Lothian: only the planted comments, so they must be the quotes.
    sql(&app, &format!(
        "UPDATE responses SET comment = NULL WHERE consultation_id = '{CURRENT}' AND council_area_code = '{EAST_LOTHIAN}'"
    ));
    for (i, comment) in PLANTED.iter().enumerate() {
        let body = serde_json::json!({
            "council_area": EAST_LOTHIAN,
            "feel_safe": 1 + i % 5,
            "confidence": 1 + (i * 2) % 5,
            "concerns": ["speeding", "drug_dealing", "housebreaking"],
            "comment": comment,
        });
        let res = app
            .post_json(&format!("/api/v1/consultations/{CURRENT}/responses"), &body)
            .await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }
    // Comments sent through the API are never quoted: these stand for comments from the web form.
    sql(
        &app,
        &format!("UPDATE responses SET channel = 'web' WHERE consultation_id = '{CURRENT}' AND channel = 'api'"),
    );

    let pack = pack_json(&app, "J").await;
    let small = area_section(&pack, MIDLOTHIAN);
    assert_eq!(small["headline"]["responses"], 6);
    assert_eq!(small["headline"]["suppressed"], true);
    for measure in ["feel_safe", "confidence"] {
        assert_eq!(small["headline"][measure]["suppressed"], true);
        assert!(
            small["headline"][measure]["estimate"].is_null(),
            "suppressed, not 0: {}",
            small["headline"][measure]
        );
    }
    for row in small["priorities"]["rows"].as_array().unwrap() {
        assert!(
            row["support"]["estimate"].is_null() && row["strength"] == "suppressed",
            "{row}"
        );
        assert!(row["position"].is_null() && row["rank_interval"].is_null());
    }
    assert_eq!(small["representativeness"]["suppressed"], true);
    let said = pack["what_people_said"]["areas"].as_array().unwrap();
    let small_said = said.iter().find(|a| a["place"]["code"] == MIDLOTHIAN).unwrap();
    assert_eq!(small_said["suppressed"], true);
    assert!(small_said["comments"].is_null() && small_said["themes"].as_array().unwrap().is_empty());
    assert_eq!(
        pack["what_people_said"]["areas_left_out"],
        serde_json::json!(["Midlothian"])
    );

    // East Lothian's quotes are the planted comments, redacted.
    let east = said.iter().find(|a| a["place"]["code"] == EAST_LOTHIAN).unwrap();
    assert_eq!(east["comments"], PLANTED.len());
    let quotes: Vec<&str> = east["themes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["examples"].as_array().unwrap().iter().map(|q| q.as_str().unwrap()))
        .collect();
    assert!(!quotes.is_empty());
    let all_quotes = quotes.join("\n");
    for placeholder in [
        "[email removed]",
        "[phone number removed]",
        "[postcode removed]",
        "[vehicle registration removed]",
        "[name removed]",
    ] {
        assert!(all_quotes.contains(placeholder), "{placeholder} in {all_quotes}");
    }

    let mut outputs = vec![("json", serde_json::to_string(&pack).unwrap())];
    let (status, html) = text_of(&app, &pack_path("J", "")).await;
    assert_eq!(status, 200);
    outputs.push(("html", html.clone()));
    for table in TABLES {
        let (status, csv) = text_of(&app, &pack_path("J", &format!("&download=csv&table={table}"))).await;
        assert_eq!(status, 200, "{table}");
        outputs.push((table, csv));
    }
    for (name, text) in &outputs {
        for raw in RAW.iter().chain(&["secret.person@example.org", "07700 900999"]) {
            assert!(!text.contains(raw), "{raw} appears in the {name} output");
        }
    }
    // The page says "suppressed" for Midlothian, and shows no comments for it.
    assert!(html.contains("Comments from Midlothian are suppressed"));
    assert!(html.contains("Support for the candidate priorities in Midlothian is suppressed"));
    let themes_csv = &outputs.iter().find(|(n, _)| *n == "themes").unwrap().1;
    let midlothian_rows: Vec<&str> = themes_csv.lines().filter(|l| l.contains(MIDLOTHIAN)).collect();
    assert_eq!(
        midlothian_rows.len(),
        1,
        "one suppressed row, no theme counts: {midlothian_rows:?}"
    );
    assert!(midlothian_rows[0].contains(",true,"), "{}", midlothian_rows[0]);
    let headline_csv = &outputs.iter().find(|(n, _)| *n == "headline").unwrap().1;
    let row = headline_csv.lines().find(|l| l.contains(MIDLOTHIAN)).unwrap();
    assert!(row.contains(",,,"), "suppressed shares are empty cells, not 0: {row}");
}
