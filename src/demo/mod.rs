//! Deterministic synthetic responses for demos, tests and benchmarks. Reads no environment variables.
//!
//! The same seed always gives the same responses. They are skewed the way real consultations are,
//! so that weighting visibly matters: some councils respond three times as often per head as
//! others; 65–74s answer at about three times their population share and 16–24s at about a third;
//! women somewhat more than men; about 8% decline the age or sex question. Urban residents rank
//! drug dealing, antisocial behaviour and violence highest, rural residents speeding, rural crime
//! and doorstep scams; older residents worry more about scams and housebreaking, younger ones
//! about violence and hate crime. Rankings are drawn from a Plackett–Luce model with those worths.
//! About 40% leave a comment, assembled from fragments into thousands of distinct texts, a few
//! with personal data for the redaction to find. `Wave::Previous` shifts some worths (online fraud
//! lower, housebreaking higher) so that a comparison between waves has something to show.
//!
//! Every response is generated as a [`ResponseInput`] and parsed with [`SurveyResponse::parse`],
//! so the generator speaks the same language as real input.

pub mod areas;
mod comment_text;
pub mod comments;
pub mod concerns;
mod csv_out;
pub mod dataset;
mod model;
mod store;

pub use csv_out::{write_csv, CsvResponseWriter};
pub use dataset::generate_dataset;
pub use model::{AGE_RESPONSE, COMMENT_RATE, SEX_RESPONSE};
pub use store::{batch_source, store_generated, StoredDemo, DEMO_SOURCE_PREFIX};

use crate::domain::population::PopulationMargins;
use crate::domain::{Geography, ResponseInput, SurveyDefinition, SurveyResponse, ValidationErrors};
use model::Model;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Which wave of a repeated consultation to imitate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wave {
    /// This year's pattern.
    #[default]
    Current,
    /// Last year's: online fraud and doorstep scams less of a worry, housebreaking and vehicle
    /// crime more; people felt slightly safer and more confident in the police; more paper forms.
    Previous,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("no council area covered by {consultation} has population figures, so no respondents can be drawn")]
    NoPopulation { consultation: String },
    #[error("the demo model could not be built: {0}")]
    Model(String),
    /// A bug in the generator: it made up an answer the consultation refuses.
    #[error("generated response {index} is invalid: {errors}")]
    Invalid { index: usize, errors: ValidationErrors },
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

impl From<diesel::result::Error> for DemoError {
    fn from(error: diesel::result::Error) -> Self {
        DemoError::Db(error.into())
    }
}

/// `n` synthetic responses to `definition`, drawn from `population` with the skews described in
/// the module documentation. Lazily generated: a million responses need no more memory than one.
pub fn generate<'a>(
    definition: &'a SurveyDefinition,
    geography: &'a Geography,
    population: &PopulationMargins,
    n: usize,
    seed: u64,
    wave: Wave,
) -> Result<DemoResponses<'a>, DemoError> {
    Ok(DemoResponses {
        model: Model::new(definition, geography, population, wave)?,
        definition,
        geography,
        rng: ChaCha8Rng::seed_from_u64(seed),
        produced: 0,
        n,
    })
}

/// The responses of [`generate`], in order. Each item is a response that passed
/// [`SurveyResponse::parse`], or the reason it did not (which would be a bug in the generator).
pub struct DemoResponses<'a> {
    model: Model,
    definition: &'a SurveyDefinition,
    geography: &'a Geography,
    rng: ChaCha8Rng,
    produced: usize,
    n: usize,
}

impl DemoResponses<'_> {
    /// The next respondent's answers as typed, before parsing (for tests of the input paths).
    pub fn next_input(&mut self) -> Option<ResponseInput> {
        if self.produced >= self.n {
            return None;
        }
        self.produced += 1;
        Some(self.model.draw(&mut self.rng).input)
    }
}

impl Iterator for DemoResponses<'_> {
    type Item = Result<SurveyResponse, DemoError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.produced >= self.n {
            return None;
        }
        let index = self.produced;
        self.produced += 1;
        let draw = self.model.draw(&mut self.rng);
        Some(
            SurveyResponse::parse(
                &draw.input,
                self.definition,
                self.geography,
                draw.channel,
                Some(draw.submitted_at),
            )
            .map_err(|errors| DemoError::Invalid { index, errors }),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.n - self.produced;
        (left, Some(left))
    }
}

impl ExactSizeIterator for DemoResponses<'_> {}

#[cfg(test)]
mod tests;
