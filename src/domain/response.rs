//! One resident's response: the raw input from any channel, and the validated `SurveyResponse`.

use super::answer_field::AnswerField;
use super::answers::{AgeAnswer, Channel, Comment, DisabilityAnswer, Likert5, PostcodeDistrict, SexAnswer};
use super::definition::{ConsultationId, SurveyDefinition};
use super::geography::{CouncilAreaCode, Geography};
use super::ranking::Ranking;
use super::validation::{FieldError, ValidationErrors};
use chrono::{DateTime, Utc};

/// A response as it arrived (form, JSON or CSV row), every answer still text. Blank means not answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseInput {
    pub council_area: Option<String>,
    pub postcode_district: Option<String>,
    pub feel_safe: Option<String>,
    pub confidence: Option<String>,
    /// Choice 1, 2, … in order; `None` or blank for a choice left empty.
    pub concerns: Vec<Option<String>>,
    pub comment: Option<String>,
    pub age_band: Option<String>,
    pub sex: Option<String>,
    pub disability: Option<String>,
}

/// A valid response to one consultation, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyResponse {
    pub consultation_id: ConsultationId,
    pub council_area: CouncilAreaCode,
    pub postcode_district: Option<PostcodeDistrict>,
    pub feel_safe: Option<Likert5>,
    pub confidence: Option<Likert5>,
    pub ranking: Ranking,
    pub comment: Option<Comment>,
    pub age: Option<AgeAnswer>,
    pub sex: Option<SexAnswer>,
    pub disability: Option<DisabilityAnswer>,
    pub channel: Channel,
    /// When it was given; `None` means "now" (the database's clock at commit).
    pub submitted_at: Option<DateTime<Utc>>,
}

fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn optional<T>(
    field: &str,
    raw: &Option<String>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, FieldError> {
    match given(raw) {
        None => Ok(None),
        Some(s) => parse(s).map(Some).map_err(|m| FieldError::new(field, m)),
    }
}

impl SurveyResponse {
    /// Checks every answer against the consultation and the reference geography, reporting every
    /// problem at once (field names as the API and the form use them). Does not check the dates:
    /// whether a consultation accepts responses today is the caller's decision (imports may be late).
    pub fn parse(
        input: &ResponseInput,
        definition: &SurveyDefinition,
        geography: &Geography,
        channel: Channel,
        submitted_at: Option<DateTime<Utc>>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();

        let council_area = errors.collect(covered_council_area(&input.council_area, definition, geography));
        let postcode_district = errors.collect(postcode_district(input, definition)).flatten();
        let feel_safe = errors
            .collect(optional(
                AnswerField::FeelSafe.as_str(),
                &input.feel_safe,
                Likert5::parse,
            ))
            .flatten();
        let confidence = errors
            .collect(optional(
                AnswerField::Confidence.as_str(),
                &input.confidence,
                Likert5::parse,
            ))
            .flatten();
        let ranking = errors.collect(
            Ranking::parse(&input.concerns, definition.max_ranked, |id| definition.has_concern(id))
                .map_err(|m| FieldError::new(AnswerField::Concerns.as_str(), m)),
        );
        let comment = errors
            .collect(
                Comment::parse(input.comment.as_deref().unwrap_or(""), definition.comment_max_chars)
                    .map_err(|m| FieldError::new(AnswerField::Comment.as_str(), format!("Your comment {m}"))),
            )
            .flatten();
        let age = errors
            .collect(optional(
                AnswerField::AgeBand.as_str(),
                &input.age_band,
                AgeAnswer::parse,
            ))
            .flatten();
        let sex = errors
            .collect(optional(AnswerField::Sex.as_str(), &input.sex, SexAnswer::parse))
            .flatten();
        let disability = errors
            .collect(optional(
                AnswerField::Disability.as_str(),
                &input.disability,
                DisabilityAnswer::parse,
            ))
            .flatten();

        match (council_area, ranking) {
            (Some(council_area), Some(ranking)) if errors.is_empty() => Ok(Self {
                consultation_id: definition.id.clone(),
                council_area,
                postcode_district,
                feel_safe,
                confidence,
                ranking,
                comment,
                age,
                sex,
                disability,
                channel,
                submitted_at,
            }),
            _ => Err(errors),
        }
    }
}

/// The council area, by code, name or alias; it must be one the consultation covers.
fn covered_council_area(
    raw: &Option<String>,
    definition: &SurveyDefinition,
    geography: &Geography,
) -> Result<CouncilAreaCode, FieldError> {
    let Some(raw) = given(raw) else {
        return Err(FieldError::new(
            AnswerField::CouncilArea.as_str(),
            "Choose your council area",
        ));
    };
    match geography.find_area(raw) {
        None => Err(FieldError::new(
            AnswerField::CouncilArea.as_str(),
            format!("'{raw}' is not a Scottish council area"),
        )),
        Some(area) if !definition.coverage.covers(area) => Err(FieldError::new(
            AnswerField::CouncilArea.as_str(),
            format!("{} is not covered by this consultation", area.name),
        )),
        Some(area) => Ok(area.code.clone()),
    }
}

/// The postcode district, when the consultation asks for it (ignored otherwise).
fn postcode_district(
    input: &ResponseInput,
    definition: &SurveyDefinition,
) -> Result<Option<PostcodeDistrict>, FieldError> {
    if definition.questions.postcode_district.is_none() {
        return Ok(None);
    }
    PostcodeDistrict::parse(input.postcode_district.as_deref().unwrap_or(""))
        .map_err(|m| FieldError::new(AnswerField::PostcodeDistrict.as_str(), m))
}
