//! The results use cases, shared by the JSON API, the analyst pages, the evidence pack and the
//! command line: find the consultation and the area, get the data (from the cache or straight from
//! the database), run the engine on the blocking pool, keep the report.
//!
//! A [`ResultsService`] either keeps datasets and reports between requests ([`DataMode::Cached`],
//! for `serve`) or reads just what one request needs and keeps nothing ([`DataMode::Direct`], for a
//! one-off command such as `localvoice results`). Either way the same request on the same stored
//! responses gives the same report. A database connection is held only while reading, never while
//! computing. Reads no environment variables.

use super::cache::{read_changes, ComputedCache, ComputedKey, DatasetCache};
use super::compute::run_blocking;
pub use super::compute::ComputeLimit;
use super::refusals::read_refusals;
use super::request::{CompareWith, DataView, ResultsRequest};
use super::selection::Selection;
use super::weighting::WeightingOptions;
use super::{results_report, Comparison, EngineOptions, Inputs, ResultsError, ResultsReport};
use crate::db::results::Refresh;
use crate::db::snapshots::{take_snapshot, Snapshot};
use crate::db::DbPool;
use crate::domain::dataset::{Codebook, Dataset, DatasetVersion};
use crate::domain::population::PopulationMargins;
use crate::domain::{Consultations, Geography, SurveyDefinition};
use crate::stats::TrimOptions;
use std::sync::Arc;

/// Whether datasets and reports are kept between requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataMode {
    /// Keep each consultation's dataset in memory, refreshed incrementally (see `cache`), and
    /// recently computed reports.
    Cached,
    /// Read only the council areas a request needs, straight from the database, every time.
    Direct,
}

/// Which stored responses a use case needs: the engine never looks outside these areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Council area codes.
    Areas(Vec<String>),
}

/// Reference data, the pool and the caches behind every results use case.
#[derive(Debug)]
pub struct ResultsService {
    /// The primary: snapshots are taken here.
    pub pool: DbPool,
    /// Where results, comparisons and packs read: a streaming replica when one is configured
    /// (see [`ResultsService::with_replica`]), otherwise `pool`.
    pub(super) reads: DbPool,
    pub(super) replicated: bool,
    pub geography: Arc<Geography>,
    pub population: Arc<PopulationMargins>,
    pub consultations: Arc<Consultations>,
    mode: DataMode,
    datasets: DatasetCache,
    reports: ComputedCache<ResultsRequest, ResultsReport>,
    limit: ComputeLimit,
    turns: Arc<tokio::sync::Semaphore>,
}

impl ResultsService {
    pub fn new(
        pool: DbPool,
        geography: Arc<Geography>,
        population: Arc<PopulationMargins>,
        consultations: Arc<Consultations>,
        mode: DataMode,
    ) -> Self {
        Self {
            reads: pool.clone(),
            replicated: false,
            pool,
            geography,
            population,
            consultations,
            mode,
            datasets: DatasetCache::default(),
            reports: ComputedCache::default(),
            limit: ComputeLimit::default(),
            turns: Arc::new(tokio::sync::Semaphore::new(ComputeLimit::default().at_once)),
        }
    }

    /// The same service with another limit on concurrent computations.
    pub fn with_compute_limit(mut self, limit: ComputeLimit) -> Self {
        self.turns = Arc::new(tokio::sync::Semaphore::new(limit.at_once.max(1)));
        self.limit = limit;
        self
    }

    pub fn mode(&self) -> DataMode {
        self.mode
    }

    /// Runs CPU-bound `work` on the blocking pool when a turn is free (see [`ComputeLimit`]).
    pub async fn compute<T, F>(&self, work: F) -> Result<T, ResultsError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, ResultsError> + Send + 'static,
    {
        let turn = tokio::time::timeout(self.limit.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| {
                ResultsError::Busy(format!(
                    "{} results are being worked out already; please try again in a few seconds",
                    self.limit.at_once
                ))
            })?
            .map_err(|e| ResultsError::Internal(format!("the computation queue closed: {e}")))?;
        let result = run_blocking(work).await;
        drop(turn);
        result
    }

    /// The consultation called `id`.
    pub fn definition(&self, id: &str) -> Result<&SurveyDefinition, ResultsError> {
        self.consultations
            .get(id.trim())
            .ok_or_else(|| ResultsError::NotFound(format!("there is no consultation called '{}'", id.trim())))
    }

    /// The consultation a comparison names, if it names one (`Previous` must be resolved first).
    pub fn compared_definition(&self, compare_with: &CompareWith) -> Result<Option<&SurveyDefinition>, ResultsError> {
        match compare_with {
            CompareWith::Wave(id) => self.consultations.get(id.as_str()).map(Some).ok_or_else(|| {
                ResultsError::NotFound(format!("there is no consultation called '{id}' to compare with"))
            }),
            _ => Ok(None),
        }
    }

    /// The definition's stored responses within `scope` (all of them when datasets are cached),
    /// as the view shows them.
    pub async fn dataset(
        &self,
        definition: &SurveyDefinition,
        scope: &Scope,
        view: DataView,
    ) -> Result<Arc<Dataset>, ResultsError> {
        match (self.mode, view) {
            (DataMode::Cached, _) => {
                self.datasets
                    .dataset(&self.reads, &self.geography, definition, view)
                    .await
            }
            (DataMode::Direct, DataView::Published) => {
                let (found, published) = read_changes(&self.reads, &self.geography, definition, view, None).await?;
                let mut dataset = Dataset::new(self.geography.areas.len());
                if let Refresh::Replaced(rows, version) | Refresh::Appended(rows, version) = found {
                    dataset.append(rows, version);
                }
                dataset.published = published;
                Ok(Arc::new(dataset))
            }
            (DataMode::Direct, DataView::Live) => {
                let codebook = Codebook::new(&self.geography, definition);
                let id = definition.id.as_str().to_string();
                let areas = match scope {
                    Scope::All => None,
                    Scope::Areas(codes) => Some(codes.clone()),
                };
                let rows = crate::db::run(&self.reads, move |conn| {
                    crate::db::results::load_responses_in(conn, &id, areas.as_deref(), &codebook)
                })
                .await?;
                let version = DatasetVersion {
                    rows: rows.rows.len() as u64 + rows.unknown_areas,
                    max_id: rows.max_id,
                    generation: 0,
                };
                Ok(Arc::new(Dataset::from_rows(self.geography.areas.len(), rows, version)))
            }
        }
    }

    /// Takes a snapshot of every consultation (or of `only`), releasing to the public each area's
    /// new responses where there are at least the consultation's suppression threshold of them.
    pub async fn take_snapshots(&self, only: Option<&str>) -> Result<Vec<(String, Snapshot)>, ResultsError> {
        let wanted: Vec<(String, u32)> = match only {
            Some(id) => vec![(
                self.definition(id)?.id.to_string(),
                self.definition(id)?.suppression_threshold,
            )],
            None => self
                .consultations
                .all()
                .iter()
                .map(|d| (d.id.to_string(), d.suppression_threshold))
                .collect(),
        };
        let taken = crate::db::run(&self.pool, move |conn| {
            wanted
                .into_iter()
                .map(|(id, threshold)| Ok((id.clone(), take_snapshot(conn, &id, threshold)?)))
                .collect::<Result<Vec<_>, crate::db::DbError>>()
        })
        .await?;
        Ok(taken)
    }

    /// The council areas a selection (and its comparison) needs.
    fn scope(&self, selection: &Selection, compare_with: &CompareWith) -> Scope {
        let division_areas =
            |division| Scope::Areas(self.geography.areas_in(division).map(|a| a.code.to_string()).collect());
        match (selection, compare_with) {
            (Selection::Scotland, _) => Scope::All,
            (Selection::CouncilArea(code), CompareWith::RestOfDivision) => {
                match self.geography.areas.iter().find(|a| &a.code == code) {
                    Some(area) => division_areas(&area.division),
                    None => Scope::All,
                }
            }
            (Selection::CouncilArea(code), _) => Scope::Areas(vec![code.to_string()]),
            (Selection::Division(division), _) => division_areas(division),
        }
    }

    /// The weighted results a request asks for, from the cache when the data has not changed.
    pub async fn report(&self, request: &ResultsRequest) -> Result<Arc<ResultsReport>, ResultsError> {
        let definition = self.definition(&request.consultation)?;
        // Check the selection before touching the database, so a bad area is a quick 404.
        let resolved = request.selection.resolve(&self.geography, definition)?;
        let compare_with = request.compare_with.resolve(definition)?;
        let other = self.compared_definition(&compare_with)?;
        let scope = self.scope(&request.selection, &compare_with);
        let dataset = self.dataset(definition, &scope, request.view).await?;
        let other_dataset = match other {
            Some(d) => Some(self.dataset(d, &scope, request.view).await?),
            None => None,
        };
        let key = ComputedKey {
            request: ResultsRequest {
                consultation: definition.id.as_str().to_string(),
                compare_with: compare_with.clone(),
                ..request.clone()
            },
            versions: std::iter::once(dataset.version)
                .chain(other_dataset.as_ref().map(|d| d.version))
                .collect(),
        };
        let options = EngineOptions {
            weighting: WeightingOptions {
                trim: request.trim.then(TrimOptions::default),
                ..WeightingOptions::default()
            },
            ..EngineOptions::with_bootstrap(request.bootstrap, request.seed)
        };
        let consultation_id = definition.id.to_string();
        let (definition, other) = (definition.clone(), other.cloned());
        let (geography, population) = (self.geography.clone(), self.population.clone());
        let selection = request.selection.clone();
        let computation = self.compute(move || {
            let inputs = Inputs {
                definition: &definition,
                geography: &geography,
                population: &population,
                dataset: &dataset,
            };
            let comparison = match (&other, &other_dataset, &compare_with) {
                (Some(d), Some(data), _) => Comparison::Wave(Inputs {
                    definition: d,
                    dataset: data,
                    ..inputs
                }),
                (_, _, CompareWith::RestOfDivision) => Comparison::RestOfDivision,
                _ => Comparison::Nothing,
            };
            let mut report = results_report(&inputs, &selection, comparison, &options)?;
            report.snapshot = dataset.published;
            Ok(Arc::new(report))
        });
        let report = match self.mode {
            DataMode::Cached => self.reports.get_or_compute(&key, computation).await,
            DataMode::Direct => computation.await,
        }?;
        let codes = resolved
            .areas
            .iter()
            .filter_map(|&i| self.geography.areas.get(i))
            .map(|a| a.code.to_string())
            .collect();
        let refused = read_refusals(&self.reads, &consultation_id, codes).await?;
        // The count changes without the responses changing, so it is added to a copy of the
        // (possibly cached) report rather than kept in it.
        let mut report = (*report).clone();
        report.refused_as_automated = Some(refused);
        Ok(Arc::new(report))
    }
}
