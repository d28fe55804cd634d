//! What every request handler shares: the pool, the reference geography and population, the
//! consultations, and the results cache.

use crate::db::DbPool;
use crate::domain::population::PopulationMargins;
use crate::domain::{ConsultationStatus, Geography, SurveyDefinition};
use crate::results::cache::ResultsCache;
use chrono::NaiveDate;
use std::sync::Arc;

/// The consultations loaded from survey-defs/ at start-up, in file-name order.
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

/// Today's date for deciding whether a consultation is open. UTC: a consultation closing on
/// 31 March stops taking responses at midnight UTC, one hour after midnight in British Summer Time.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

pub fn status_today(definition: &SurveyDefinition) -> ConsultationStatus {
    definition.status_on(today())
}

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub geography: Arc<Geography>,
    pub consultations: Arc<Consultations>,
    /// Adult population by council area, sex and age band (weighting targets).
    pub population: Arc<PopulationMargins>,
    /// Consultations' responses in memory and computed results (see `crate::results::cache`).
    pub results: Arc<ResultsCache>,
    /// The current Local Police Plans from seeds/plans/ (for the evidence pack), read at start-up.
    pub plans: Arc<Vec<crate::seeds::CurrentPlan>>,
}
