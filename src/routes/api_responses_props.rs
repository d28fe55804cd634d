//! Property tests for the JSON API's body at the edge: whatever bytes or JSON arrive, reading
//! them into a `ResponseDto` and then into a `SurveyResponse` gives a value or errors, never a
//! panic; text answers cut at any UTF-8 character are judged by characters, not bytes.

use super::ResponseDto;
use crate::domain::{Channel, SurveyDefinition, SurveyResponse};
use crate::testdata::{definition, geography};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn your_police() -> &'static SurveyDefinition {
    static DEFINITION: OnceLock<SurveyDefinition> = OnceLock::new();
    DEFINITION.get_or_init(definition)
}

/// Reads `body` as the handler does (serde, then the answers) and parses the answers.
fn read(body: &[u8]) {
    if let Ok(dto) = serde_json::from_slice::<ResponseDto>(body) {
        let (input, _) = dto.to_input();
        let _ = SurveyResponse::parse(&input, your_police(), geography(), Channel::Api, None);
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "S12000036",
            "Fife",
            "drug_dealing",
            "speeding",
            "4",
            "35-44",
            "F",
            "no"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map(".{0,8}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const FIELDS: [&str; 9] = [
    "council_area",
    "postcode_district",
    "feel_safe",
    "confidence",
    "concerns",
    "comment",
    "age_band",
    "sex",
    "disability",
];

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        read(&body);
    }

    #[test]
    fn any_json_in_any_field_never_panics(values in prop::collection::vec(json_value(), 9)) {
        let body: serde_json::Map<String, Value> =
            FIELDS.iter().map(|f| f.to_string()).zip(values).collect();
        read(&serde_json::to_vec(&Value::Object(body)).unwrap());
    }

    #[test]
    fn a_comment_is_measured_in_characters_at_any_utf8_width(
        ch in prop::sample::select(vec!['a', 'é', '€', '😀']),
        extra in 0usize..3,
    ) {
        let max = your_police().comment_max_chars;
        for (len, fits) in [(max, true), (max + 1 + extra, false)] {
            let body = serde_json::json!({
                "council_area": "S12000036",
                "concerns": ["drug_dealing"],
                "comment": ch.to_string().repeat(len),
            });
            let dto: ResponseDto = serde_json::from_value(body).unwrap();
            let (input, _) = dto.to_input();
            let parsed = SurveyResponse::parse(&input, your_police(), geography(), Channel::Api, None);
            prop_assert_eq!(parsed.is_ok(), fits, "{} × {:?}: {:?}", len, ch, parsed.err());
        }
    }
}
