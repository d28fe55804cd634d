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

/// Today's UK date (see `crate::domain::uk_time`): a consultation closing on 31 March takes
/// responses until midnight UK time, in British Summer Time as in winter.
pub fn today() -> NaiveDate {
    crate::domain::uk_time::today()
}

/// Whether a consultation is upcoming, open or closed now, by the UK date.
pub fn status_today(definition: &SurveyDefinition) -> ConsultationStatus {
    definition.status_at(chrono::Utc::now())
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
