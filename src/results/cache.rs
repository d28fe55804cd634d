//! What the results service keeps in memory between requests: each consultation's [`Dataset`], and
//! recently computed reports and packs.
//!
//! **Invalidation rule.** Responses are append-only. Every request first asks PostgreSQL, in one
//! REPEATABLE READ snapshot, for the consultation's `count(*)` and `max(id)` (one index-only scan)
//! and compares them with the cached dataset's version:
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
//! Computed results are cached by their request together with the versions of the datasets they
//! were computed from ([`ComputedKey`]), so any new response makes a new key and old entries simply
//! stop being used and are evicted as the bounded cache ([`ComputedCache`]) fills.

use super::request::DataView;
use super::ResultsError;
use crate::db::results::{refresh, Refresh};
use crate::db::snapshots::refresh_published;
use crate::db::DbPool;
use crate::domain::dataset::{Codebook, Dataset, DatasetVersion, Published};
use crate::domain::{Geography, SurveyDefinition};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

/// Most computed results a cache keeps.
pub const MAX_COMPUTED: usize = 256;

type Slot = Arc<tokio::sync::Mutex<Option<Arc<Dataset>>>>;

/// Per-consultation datasets, refreshed from the database by the rule in the module doc.
#[derive(Debug, Default)]
pub struct DatasetCache {
    slots: Mutex<HashMap<(String, DataView), Slot>>,
}

impl DatasetCache {
    fn slot(&self, consultation: &str, view: DataView) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.entry((consultation.to_string(), view)).or_default().clone()
    }

    /// The consultation's dataset, brought up to date with the database. Concurrent requests for
    /// the same consultation wait for one refresh rather than each loading.
    pub async fn dataset(
        &self,
        pool: &DbPool,
        geography: &Geography,
        definition: &SurveyDefinition,
        view: DataView,
    ) -> Result<Arc<Dataset>, ResultsError> {
        let slot = self.slot(definition.id.as_str(), view);
        let mut cached = slot.lock().await;
        let version = cached.as_ref().map(|d| d.version);
        let (found, published) = read_changes(pool, geography, definition, view, version).await?;
        let area_count = geography.areas.len();
        let dataset = match (found, cached.take()) {
            (Refresh::Unchanged, Some(current)) => current,
            (Refresh::Appended(delta, version), Some(mut current)) => {
                Arc::make_mut(&mut current).append(delta, version);
                current
            }
            (Refresh::Replaced(all, version), _) | (Refresh::Appended(all, version), None) => {
                let mut data = Dataset::from_rows(area_count, all, version);
                data.published = published;
                Arc::new(data)
            }
            (Refresh::Unchanged, None) => Arc::new(Dataset::new(area_count)),
        };
        *cached = Some(dataset.clone());
        Ok(dataset)
    }
}

/// What changed in the stored responses of `view` since `version` (`None`: read everything), and
/// for the published view, the snapshot it now reflects.
pub async fn read_changes(
    pool: &DbPool,
    geography: &Geography,
    definition: &SurveyDefinition,
    view: DataView,
    version: Option<DatasetVersion>,
) -> Result<(Refresh, Option<Published>), ResultsError> {
    let codebook = Codebook::new(geography, definition);
    let id = definition.id.as_str().to_string();
    let release_threshold = definition.suppression_threshold;
    Ok(match view {
        DataView::Live => (
            crate::db::run(pool, move |conn| refresh(conn, &id, version, &codebook)).await?,
            None,
        ),
        DataView::Published => {
            let (found, snapshot) =
                crate::db::run(pool, move |conn| refresh_published(conn, &id, version, &codebook)).await?;
            let published = Published {
                snapshot_id: snapshot.map(|s| s.id),
                taken_at: snapshot.map(|s| s.taken_at),
                release_threshold,
            };
            (found, Some(published))
        }
    })
}

/// What identifies a computed result: the request, and the versions of the datasets it used (this
/// consultation's, and the compared one's if any).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ComputedKey<R> {
    pub request: R,
    pub versions: Vec<DatasetVersion>,
}

/// Computed results (reports, packs) by key, at most [`MAX_COMPUTED`] of them (least recently and
/// least often used go first). Concurrent requests for the same key wait for one computation.
pub struct ComputedCache<R, V> {
    entries: quick_cache::sync::Cache<ComputedKey<R>, Arc<V>>,
}

impl<R: Hash + Eq + Clone, V> Default for ComputedCache<R, V> {
    fn default() -> Self {
        Self {
            entries: quick_cache::sync::Cache::new(MAX_COMPUTED),
        }
    }
}

impl<R: Hash + Eq + Clone, V> std::fmt::Debug for ComputedCache<R, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComputedCache")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl<R: Hash + Eq + Clone, V> ComputedCache<R, V> {
    /// The value for `key`, computed by `compute` unless it is held or being computed already.
    pub async fn get_or_compute<E>(
        &self,
        key: &ComputedKey<R>,
        compute: impl std::future::Future<Output = Result<Arc<V>, E>>,
    ) -> Result<Arc<V>, E> {
        self.entries.get_or_insert_async(key, compute).await
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
