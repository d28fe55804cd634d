//! The results cache held in `AppState`: each consultation's [`Dataset`] and recently computed
//! reports.
//!
//! **Invalidation rule.** Responses are append-only. Every results request first asks PostgreSQL,
//! in one REPEATABLE READ snapshot, for the consultation's `count(*)` and `max(id)` (one index-only
//! scan) and compares them with the cached dataset's version:
//! * both equal → the cached dataset is current;
//! * more rows and a larger `max(id)` → only rows with `cached max(id) < id <= new max(id)` are
//!   loaded and appended, provided that brings the count to the new count;
//! * anything else (first request, rows deleted, or a transaction that committed a *lower* id after
//!   the cache was filled, so the count does not add up) → the whole consultation is reloaded.
//!
//! Counting as well as taking `max(id)` is what makes this safe: ids are handed out when a row is
//! inserted, not when it commits, so a long import can commit ids below rows already cached, and
//! `max(id)` alone would never notice them.
//!
//! Reports are cached by (consultation, area selection, comparison, bootstrap replicates and seed)
//! together with the versions of the datasets they were computed from, so any new response makes a
//! new key and old reports simply stop being used; the report cache is emptied when it holds more
//! than [`MAX_REPORTS`] entries.

use super::dataset::{Codebook, Dataset, DatasetVersion};
use super::report::ResultsReport;
use super::ResultsError;
use crate::db::results::{refresh, Refresh};
use crate::db::DbPool;
use crate::domain::{Geography, SurveyDefinition};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Most reports kept before the report cache is emptied.
pub const MAX_REPORTS: usize = 256;

type Slot = Arc<tokio::sync::Mutex<Option<Arc<Dataset>>>>;

/// What identifies a computed report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportKey {
    pub consultation: String,
    /// The selection, comparison and bootstrap settings, as a canonical string.
    pub request: String,
    /// Versions of the datasets used (this consultation's, and the compared one's if any).
    pub versions: Vec<DatasetVersion>,
}

/// Per-consultation datasets and computed reports.
#[derive(Debug, Default)]
pub struct ResultsCache {
    datasets: Mutex<HashMap<String, Slot>>,
    reports: Mutex<HashMap<ReportKey, Arc<ResultsReport>>>,
}

impl ResultsCache {
    pub fn new() -> Self {
        Self::default()
    }

    fn slot(&self, consultation: &str) -> Slot {
        let mut datasets = self.datasets.lock().unwrap_or_else(PoisonError::into_inner);
        datasets.entry(consultation.to_string()).or_default().clone()
    }

    /// The consultation's dataset, brought up to date with the database (see the module doc).
    /// Concurrent requests for the same consultation wait for one refresh rather than each loading.
    pub async fn dataset(
        &self,
        pool: &DbPool,
        geography: &Arc<Geography>,
        definition: &SurveyDefinition,
    ) -> Result<Arc<Dataset>, ResultsError> {
        let slot = self.slot(definition.id.as_str());
        let mut cached = slot.lock().await;
        let codebook = Codebook::new(geography, definition);
        let id = definition.id.as_str().to_string();
        let version = cached.as_ref().map(|d| d.version);
        let found = crate::db::run(pool, move |conn| refresh(conn, &id, version, &codebook)).await?;
        let area_count = geography.areas.len();
        let dataset = match (found, cached.take()) {
            (Refresh::Unchanged, Some(current)) => current,
            (Refresh::Appended(delta, version), Some(mut current)) => {
                let data = Arc::make_mut(&mut current);
                apply(data, delta, version);
                current
            }
            (Refresh::Replaced(all, version), _) | (Refresh::Appended(all, version), None) => {
                let mut data = Dataset::new(area_count);
                apply(&mut data, all, version);
                Arc::new(data)
            }
            (Refresh::Unchanged, None) => Arc::new(Dataset::new(area_count)),
        };
        *cached = Some(dataset.clone());
        Ok(dataset)
    }

    /// A cached report, if one was computed for exactly this key.
    pub fn report(&self, key: &ReportKey) -> Option<Arc<ResultsReport>> {
        self.reports
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// Keeps a computed report.
    pub fn store_report(&self, key: ReportKey, report: Arc<ResultsReport>) {
        let mut reports = self.reports.lock().unwrap_or_else(PoisonError::into_inner);
        if reports.len() >= MAX_REPORTS {
            reports.clear();
        }
        reports.insert(key, report);
    }
}

fn apply(data: &mut Dataset, loaded: crate::db::results::LoadedResponses, version: DatasetVersion) {
    for (area, respondent) in loaded.rows {
        data.push(area, respondent);
    }
    data.unknown_areas += loaded.unknown_areas;
    data.unknown_concerns += loaded.unknown_concerns;
    data.version = version;
}
