//! The evidence-pack use case, shared by the analyst page and `localvoice evidence-pack`: check the
//! request, get the division's data through the results service, compute and build the pack on the
//! blocking pool, reading comments with a pooled connection taken per read and given straight back
//! (so a pack being computed never holds a connection that survey submissions need).

use super::comment_themes::StoredComment;
use super::pack::screening::screening_section;
use super::pack::{assemble_pack, AssembleError, EvidencePack, PackSources, PackTimings};
use crate::domain::dataset::Dataset;
use crate::domain::{DivisionCode, SurveyDefinition};
use crate::results::cache::{ComputedCache, ComputedKey};
use crate::results::request::{find_division, DataView, ResultsRequest, DEFAULT_TRIM};
use crate::results::{CompareWith, DataMode, EngineOptions, Inputs, ResultsError, ResultsService, Scope, Selection};
use crate::seeds::CurrentPlan;
use chrono::NaiveDate;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A request for one division's evidence pack.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PackRequest {
    pub consultation: String,
    /// The division letter as given (checked here).
    pub division: String,
    /// `None`: the consultation's previous wave when it has one (and it is loaded), else nothing.
    pub compare_with: Option<CompareWith>,
    pub bootstrap: usize,
    pub seed: u64,
    /// The date printed on the pack.
    pub generated_on: NaiveDate,
}

/// A finished pack and where the time went (when it was built: a cached pack keeps its timings).
#[derive(Debug, Clone)]
pub struct PackOutcome {
    pub pack: Arc<EvidencePack>,
    /// Reading the division's responses (both waves).
    pub load: Duration,
    pub timings: PackTimings,
}

/// The evidence-pack service: the results service plus the current Local Police Plans. Packs are
/// cached like reports, by request and the versions of the datasets they were made from.
#[derive(Debug, Clone)]
pub struct EvidenceService {
    pub results: Arc<ResultsService>,
    pub plans: Arc<Vec<CurrentPlan>>,
    packs: Arc<ComputedCache<PackRequest, PackOutcome>>,
}

impl EvidenceService {
    pub fn new(results: Arc<ResultsService>, plans: Arc<Vec<CurrentPlan>>) -> Self {
        Self {
            results,
            plans,
            packs: Arc::default(),
        }
    }

    /// The consultation compared with: the named one, or by default the previous wave if loaded.
    fn previous<'s>(
        &'s self,
        definition: &SurveyDefinition,
        compare_with: Option<&CompareWith>,
    ) -> Result<Option<&'s SurveyDefinition>, ResultsError> {
        match compare_with {
            None => Ok(definition
                .previous
                .as_ref()
                .and_then(|p| self.results.consultations.get(p.as_str()))),
            Some(CompareWith::RestOfDivision) => Err(ResultsError::BadRequest(
                "an evidence pack already compares each council area with the rest of its division: compare_with \
                 must be none, previous or another consultation's id"
                    .into(),
            )),
            Some(other) => self.results.compared_definition(&other.resolve(definition)?),
        }
    }

    /// The division's responses in this consultation and in the one compared with.
    async fn division_data(
        &self,
        definition: &SurveyDefinition,
        previous: Option<&SurveyDefinition>,
        division: &DivisionCode,
    ) -> Result<(Arc<Dataset>, Option<Arc<Dataset>>), ResultsError> {
        let scope = Scope::Areas(
            self.results
                .geography
                .areas_in(division)
                .map(|a| a.code.to_string())
                .collect(),
        );
        let dataset = self.results.dataset(definition, &scope, DataView::Live).await?;
        let previous_dataset = match previous {
            Some(p) => Some(self.results.dataset(p, &scope, DataView::Live).await?),
            None => None,
        };
        Ok((dataset, previous_dataset))
    }

    /// The pack a request asks for: from the cache when nothing changed since it was built.
    pub async fn pack(&self, request: &PackRequest) -> Result<Arc<PackOutcome>, ResultsError> {
        let results = &self.results;
        let definition = results.definition(&request.consultation)?;
        let division = find_division(&results.geography, &request.division)?;
        Selection::Division(division.clone()).resolve(&results.geography, definition)?;
        let previous = self.previous(definition, request.compare_with.as_ref())?;

        let started = Instant::now();
        let (dataset, previous_dataset) = self.division_data(definition, previous, &division).await?;
        let load = started.elapsed();
        let key = ComputedKey {
            request: PackRequest {
                consultation: definition.id.as_str().to_string(),
                division: division.to_string(),
                compare_with: previous.map(|p| CompareWith::Wave(p.id.clone())),
                ..request.clone()
            },
            versions: std::iter::once(dataset.version)
                .chain(previous_dataset.as_ref().map(|d| d.version))
                .collect(),
        };

        let (definition, previous) = (definition.clone(), previous.cloned());
        let (results, plans) = (self.results.clone(), self.plans.clone());
        let options = EngineOptions::with_bootstrap(request.bootstrap, request.seed);
        let generated_on = request.generated_on.to_string();
        // The sensitivity check for scripted responses (live data, no bootstrap), worked out with the
        // pack and cached with it.
        let screening_request = ResultsRequest {
            consultation: definition.id.as_str().to_string(),
            selection: Selection::Division(division.clone()),
            compare_with: CompareWith::None,
            bootstrap: 0,
            seed: request.seed,
            trim: DEFAULT_TRIM,
            view: DataView::Live,
        };
        let threshold = definition.suppression_threshold;
        let service = self.results.clone();
        let computation = async move {
            let screened = service.screening(&screening_request).await?;
            let screening = screening_section(&screened, threshold);
            service
                .compute(move || {
                    let current = Inputs {
                        definition: &definition,
                        geography: &results.geography,
                        population: &results.population,
                        dataset: &dataset,
                    };
                    let sources = PackSources {
                        current,
                        previous: previous
                            .as_ref()
                            .zip(previous_dataset.as_deref())
                            .map(|(d, data)| Inputs {
                                definition: d,
                                dataset: data,
                                ..current
                            }),
                        division: &division,
                        plans: &plans,
                        options: &options,
                        generated_on: &generated_on,
                    };
                    let consultation = definition.id.as_str();
                    let (mut pack, timings) = assemble_pack(&sources, |area| {
                        let mut conn = results
                            .read_pool()
                            .get()
                            .map_err(|e| crate::db::DbError::Unavailable(e.to_string()))?;
                        let rows = crate::db::comments::area_comments(&mut conn, consultation, area)?;
                        Ok(rows
                            .into_iter()
                            .map(|row| StoredComment {
                                text: row.text,
                                quotable: row.quotable,
                            })
                            .collect())
                    })
                    .map_err(|e| match e {
                        AssembleError::Results(e) => e,
                        AssembleError::Pack(e) => ResultsError::Internal(e.to_string()),
                    })?;
                    pack.screening = Some(screening);
                    Ok(Arc::new(PackOutcome {
                        pack: Arc::new(pack),
                        load,
                        timings,
                    }))
                })
                .await
        };
        match self.results.mode() {
            DataMode::Cached => self.packs.get_or_compute(&key, computation).await,
            DataMode::Direct => computation.await,
        }
    }
}
