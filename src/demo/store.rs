//! Storing generated responses: the bulk path behind `localvoice demo`.

use super::{generate, DemoError, Wave};
use crate::db::response_copy::copy_many;
use crate::db::responses::{create_import_batch, finish_import_batch};
use crate::domain::population::PopulationMargins;
use crate::domain::{Geography, SurveyDefinition, SurveyResponse};
use chrono::Utc;
use diesel::{Connection, PgConnection};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Rows generated before each COPY: bounds memory however many responses are asked for.
const CHUNK_ROWS: usize = 5_000;

/// What [`store_generated`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredDemo {
    /// The `import_batches` row the responses point to, so demo data can be told apart and removed.
    pub batch_id: i64,
    pub rows: u64,
}

/// What every demo batch's source starts with, so demo data can be found and replaced.
pub const DEMO_SOURCE_PREFIX: &str = "demo data:";

/// The `import_batches.source_file` recorded for generated responses of `seed` and `wave`.
pub fn batch_source(seed: u64, wave: Wave) -> String {
    let wave = if wave == Wave::Previous { "previous" } else { "current" };
    format!("{DEMO_SOURCE_PREFIX} seed {seed}, {wave} wave")
}

/// Generates `n` responses (see [`generate`]) and stores them with COPY in one transaction, as an
/// import batch named after the seed and wave. All or nothing. With `progress`, shows a bar on
/// stderr (hidden when stderr is not a terminal).
#[allow(clippy::too_many_arguments)]
pub fn store_generated(
    conn: &mut PgConnection,
    definition: &SurveyDefinition,
    geography: &Geography,
    population: &PopulationMargins,
    n: usize,
    seed: u64,
    wave: Wave,
    progress: bool,
) -> Result<StoredDemo, DemoError> {
    let responses = generate(definition, geography, population, n, seed, wave)?;
    let bar = if progress {
        let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} demo responses · {per_sec} · {eta} left")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let source = batch_source(seed, wave);
    let stored = conn.transaction::<_, DemoError, _>(|conn| {
        let batch_id = create_import_batch(conn, definition.id.as_str(), &source)?;
        let mut chunk: Vec<SurveyResponse> = Vec::with_capacity(CHUNK_ROWS.min(n));
        let mut rows = 0u64;
        let now = Utc::now();
        for response in responses {
            chunk.push(response?);
            if chunk.len() == CHUNK_ROWS {
                rows += copy_many(conn, &chunk, Some(batch_id), now)? as u64;
                bar.set_position(rows);
                chunk.clear();
            }
        }
        rows += copy_many(conn, &chunk, Some(batch_id), now)? as u64;
        finish_import_batch(conn, batch_id, i64::try_from(rows).unwrap_or(i64::MAX))?;
        Ok(StoredDemo { batch_id, rows })
    })?;
    bar.finish_and_clear();
    Ok(stored)
}
