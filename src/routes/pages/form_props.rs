//! Property tests for the survey form's body at the edge: any bytes, decoded as
//! `application/x-www-form-urlencoded` and read into a response, give a value or errors, never a
//! panic — including percent-encoded sequences that are not UTF-8 and fields cut mid-character.

use super::form::{decode, response_input};
use crate::domain::{Channel, SurveyResponse};
use crate::testdata::{definition, geography};
use proptest::prelude::*;

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "council_area",
            "feel_safe",
            "confidence",
            "concern_1",
            "concern_2",
            "concern_3",
            "comment",
            "age_band",
            "sex",
            "disability",
            "postcode_district",
            "form_token",
        ])
        .prop_map(str::to_string),
        ".{0,12}",
    ]
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let def = definition();
        if let Some(fields) = decode(&body) {
            let input = response_input(&fields, def.max_ranked);
            let _ = SurveyResponse::parse(&input, &def, geography(), Channel::Web, None);
        }
    }

    #[test]
    fn encoded_fields_with_any_text_or_raw_bytes_never_panic(
        fields in prop::collection::vec((field_name(), ".{0,60}", prop::collection::vec(any::<u8>(), 0..6)), 0..14),
    ) {
        // Each value: its text percent-encoded, then raw bytes percent-encoded one by one (which
        // can make the value invalid UTF-8 or cut a character in two).
        let body: Vec<String> = fields
            .iter()
            .map(|(name, text, raw)| {
                let mut value: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
                value.extend(raw.iter().map(|b| format!("%{b:02X}")));
                format!("{}={value}", url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>())
            })
            .collect();
        let def = definition();
        if let Some(decoded) = decode(body.join("&").as_bytes()) {
            let input = response_input(&decoded, def.max_ranked);
            let _ = SurveyResponse::parse(&input, &def, geography(), Channel::Web, None);
        }
    }
}
