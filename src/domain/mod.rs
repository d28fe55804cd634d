//! Domain types: no actix, no diesel. Every value here was parsed and validated once, at the edge
//! (form, JSON, CSV, survey-defs file); past that point it is known to be valid.

pub mod answer_field;
pub mod answers;
pub mod automated;
pub mod consultations;
pub mod dataset;
pub mod definition;
pub mod digest_schedule;
pub mod email_address;
pub mod form_token;
pub mod geography;
pub mod idempotency;
pub mod population;
pub mod postcode_district;
pub mod ranking;
pub mod response;
pub mod screening;
pub mod uk_time;
pub mod validation;

pub use answer_field::AnswerField;
pub use answers::{AgeAnswer, AgeBand, Channel, Comment, DisabilityAnswer, Likert5, PostcodeDistrict, Sex, SexAnswer};
pub use consultations::Consultations;
pub use definition::{
    Concern, ConsultationId, ConsultationStatus, Coverage, Priority, QuestionWording, Questions, SurveyDefinition,
    Theme,
};
pub use geography::{CouncilArea, CouncilAreaCode, Division, DivisionCode, Geography};
pub use ranking::{ConcernId, Ranking};
pub use response::{ResponseInput, SurveyResponse};
pub use validation::{FieldError, ValidationErrors};
