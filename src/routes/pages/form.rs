//! The survey form as the browser sends it (`application/x-www-form-urlencoded`), turned into a
//! `ResponseInput`. Field names match the API's (`council_area`, `feel_safe`…), with the ranking
//! as one select per place: `concern_1` is the 1st choice, `concern_2` the 2nd, and so on.

use crate::domain::{AnswerField, ResponseInput};

/// The hidden field holding the form's single-use token (`crate::domain::form_token`).
pub const FORM_TOKEN_FIELD: &str = "form_token";

pub use crate::domain::answer_field::concern_field;

/// Reads the decoded form fields. Blank answers become `None`; unknown fields are ignored; a field
/// sent twice keeps its first value (a browser never does that for these controls).
pub fn response_input(fields: &[(String, String)], max_ranked: usize) -> ResponseInput {
    let get = |name: &str| -> Option<String> {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.trim().is_empty())
    };
    let answer = |field: AnswerField| get(field.as_str());
    ResponseInput {
        council_area: answer(AnswerField::CouncilArea),
        postcode_district: answer(AnswerField::PostcodeDistrict),
        feel_safe: answer(AnswerField::FeelSafe),
        confidence: answer(AnswerField::Confidence),
        concerns: (1..=max_ranked).map(|rank| get(&concern_field(rank))).collect(),
        comment: answer(AnswerField::Comment),
        age_band: answer(AnswerField::AgeBand),
        sex: answer(AnswerField::Sex),
        disability: answer(AnswerField::Disability),
    }
}

/// Decodes a form body. `None` when it is not valid `application/x-www-form-urlencoded`.
pub fn decode(body: &[u8]) -> Option<Vec<(String, String)>> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_become_a_response_input_with_the_ranking_in_order() {
        let fields = decode(
            b"council_area=S12000036&feel_safe=4&concern_2=speeding&concern_1=drug_dealing&concern_3=&comment=Hi+there&age_band=75%2B",
        )
        .unwrap();
        let input = response_input(&fields, 3);
        assert_eq!(input.council_area.as_deref(), Some("S12000036"));
        assert_eq!(input.feel_safe.as_deref(), Some("4"));
        assert_eq!(input.confidence, None);
        assert_eq!(
            input.concerns,
            vec![Some("drug_dealing".to_string()), Some("speeding".to_string()), None]
        );
        assert_eq!(input.comment.as_deref(), Some("Hi there"));
        assert_eq!(input.age_band.as_deref(), Some("75+"));
    }

    #[test]
    fn choices_beyond_the_consultations_limit_are_not_read() {
        let fields = decode(b"concern_1=a&concern_4=b").unwrap();
        assert_eq!(response_input(&fields, 3).concerns.len(), 3);
    }
}
