//! The duplicate and burst screening use case ([`ResultsService::screening`]): the selection's
//! online responses screened by [`super::screening`], counted per council area, and the headline
//! figures worked out again without the flagged responses, as a sensitivity check. Analysts' live
//! data only; nothing is removed from any published figure. Reads no environment variables.

use super::proportion::Proportion;
use super::request::ResultsRequest;
use super::screening::{flag_responses, ScreeningRule};
use super::service::ResultsService;
use super::weighting::WeightingOptions;
use super::{results_report, Comparison, EngineOptions, Inputs, ResultsError};
use crate::domain::dataset::{Dataset, DatasetVersion};
use crate::stats::TrimOptions;
use std::collections::BTreeMap;

/// One council area's screening.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScreening {
    pub code: String,
    pub name: String,
    /// Online responses screened.
    pub screened: usize,
    /// Flagged by any rule (each response once).
    pub flagged: usize,
    pub identical_answers: usize,
    pub burst: usize,
    pub repeated_comment: usize,
}

/// The headline figures of a selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub n: usize,
    pub feel_safe: Proportion,
    pub confidence: Proportion,
}

/// The screening of one selection.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreeningReport {
    pub areas: Vec<AreaScreening>,
    pub flagged: usize,
    /// The headline figures with every stored response, and without the flagged ones (`None` when
    /// nothing was flagged).
    pub with_all: Headline,
    pub without_flagged: Option<Headline>,
}

impl ResultsService {
    /// Screens the responses of `request`'s selection (live data) and works out the headline figures
    /// without the flagged ones, weighted as `request` asks but without a bootstrap.
    pub async fn screening(&self, request: &ResultsRequest) -> Result<ScreeningReport, ResultsError> {
        let definition = self.definition(&request.consultation)?.clone();
        let resolved = request.selection.resolve(&self.geography, &definition)?;
        let areas: Vec<(String, String)> = resolved
            .areas
            .iter()
            .filter_map(|&i| self.geography.areas.get(i))
            .map(|a| (a.code.to_string(), a.name.clone()))
            .collect();
        let codes: Vec<String> = areas.iter().map(|(code, _)| code.clone()).collect();
        let id = definition.id.to_string();
        let rows = crate::db::run(&self.reads, move |conn| {
            crate::db::screening::load_screening_rows(conn, &id, &codes)
        })
        .await?;
        let flagged = flag_responses(&rows);
        let mut per_area: BTreeMap<&str, AreaScreening> = BTreeMap::new();
        for row in &rows {
            let entry = per_area.entry(row.area.as_str()).or_insert_with(|| AreaScreening {
                code: row.area.clone(),
                name: String::new(),
                screened: 0,
                flagged: 0,
                identical_answers: 0,
                burst: 0,
                repeated_comment: 0,
            });
            entry.screened += 1;
            if let Some(rules) = flagged.get(&row.id) {
                entry.flagged += 1;
                entry.identical_answers += usize::from(rules.contains(&ScreeningRule::IdenticalAnswers));
                entry.burst += usize::from(rules.contains(&ScreeningRule::Burst));
                entry.repeated_comment += usize::from(rules.contains(&ScreeningRule::RepeatedComment));
            }
        }
        let area_rows = areas
            .iter()
            .map(|(code, name)| AreaScreening {
                name: name.clone(),
                ..per_area.get(code.as_str()).cloned().unwrap_or(AreaScreening {
                    code: code.clone(),
                    name: String::new(),
                    screened: 0,
                    flagged: 0,
                    identical_answers: 0,
                    burst: 0,
                    repeated_comment: 0,
                })
            })
            .collect();
        let excluded: Vec<i64> = flagged.keys().copied().collect();
        let codes: Vec<String> = areas.iter().map(|(code, _)| code.clone()).collect();
        let with_all = self.headline(request, &definition, codes.clone(), Vec::new()).await?;
        let without_flagged = match excluded.is_empty() {
            true => None,
            false => Some(self.headline(request, &definition, codes, excluded).await?),
        };
        Ok(ScreeningReport {
            areas: area_rows,
            flagged: flagged.len(),
            with_all,
            without_flagged,
        })
    }

    /// The selection's headline figures from the live responses of areas `codes`, less `excluded`.
    async fn headline(
        &self,
        request: &ResultsRequest,
        definition: &crate::domain::SurveyDefinition,
        codes: Vec<String>,
        excluded: Vec<i64>,
    ) -> Result<Headline, ResultsError> {
        let codebook = crate::domain::dataset::Codebook::new(&self.geography, definition);
        let id = definition.id.to_string();
        let rows = crate::db::run(&self.reads, move |conn| {
            crate::db::results::load_responses_excluding(conn, &id, Some(&codes), &excluded, &codebook)
        })
        .await?;
        let dataset = Dataset::from_rows(self.geography.areas.len(), rows, DatasetVersion::default());
        let options = EngineOptions {
            weighting: WeightingOptions {
                trim: request.trim.then(TrimOptions::default),
                ..WeightingOptions::default()
            },
            ..EngineOptions::with_bootstrap(0, request.seed)
        };
        let (definition, geography, population) = (definition.clone(), self.geography.clone(), self.population.clone());
        let selection = request.selection.clone();
        self.compute(move || {
            let inputs = Inputs {
                definition: &definition,
                geography: &geography,
                population: &population,
                dataset: &dataset,
            };
            let report = results_report(&inputs, &selection, Comparison::Nothing, &options)?;
            Ok(Headline {
                n: report.n,
                feel_safe: report.feel_safe,
                confidence: report.confidence,
            })
        })
        .await
    }
}
