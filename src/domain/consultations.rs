//! The consultations loaded from survey-defs/ at start-up.

use super::SurveyDefinition;

/// The consultations, newest first (by opening date, then id).
#[derive(Debug, Clone, Default)]
pub struct Consultations {
    definitions: Vec<SurveyDefinition>,
}

impl Consultations {
    pub fn new(mut definitions: Vec<SurveyDefinition>) -> Self {
        definitions.sort_by(|a, b| b.opens.cmp(&a.opens).then_with(|| a.id.cmp(&b.id)));
        Self { definitions }
    }

    pub fn get(&self, id: &str) -> Option<&SurveyDefinition> {
        self.definitions.iter().find(|d| d.id.as_str() == id)
    }

    /// Newest first.
    pub fn all(&self) -> &[SurveyDefinition] {
        &self.definitions
    }
}
