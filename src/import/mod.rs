//! CSV import of responses collected through other channels (paper forms, events, email, phone),
//! behind `localvoice import-responses --consultation ID FILE.csv`. Reads no environment variables.
//!
//! # File format
//! UTF-8 CSV (a byte-order mark is fine) with a header row; column names are matched ignoring case,
//! in any order. Blank cells are unanswered questions.
//!
//! | column | required | content |
//! |---|---|---|
//! | `council_area` | yes | GSS code (`S12000036`), NRS name (`City of Edinburgh`) or a common alias (`Edinburgh`) |
//! | `concern_1` … `concern_N` | `concern_1` | concern ids in rank order; N ≤ the consultation's `max_ranked`, no gaps |
//! | `feel_safe`, `confidence` | no | 1–5 |
//! | `postcode_district` | no | outward code like `EH12`, only if the consultation asks for it |
//! | `age_band`, `sex`, `disability` | no | `16-24` … `75+`; `F`/`M`; `yes`/`no`; or `prefer_not_to_say` |
//! | `comment` | no | free text, may span lines inside quotes |
//! | `submitted_at` | no | RFC 3339 (`2026-05-01T18:30:00+01:00`), or `YYYY-MM-DD HH:MM[:SS]` read as **UK local time** (GMT/BST); must fall in the consultation period (UK dates); a time in the hour skipped when the clocks go forward is refused, one in the hour repeated when they go back is read as BST; blank = the time of the import |
//! | `channel` | no | `paper`, `event`, `email`, `phone`, `web`, `api` or `import`; blank = `import` |
//!
//! # All or nothing
//! A file is imported in one transaction. Every row is checked; if any row is bad, the transaction
//! is rolled back and the report lists each bad row by the line it starts on, with all its problems.
//! The file is streamed: rows are checked and written in chunks, so memory stays bounded however
//! long the file is (a million rows is fine). With the default writer one thread checks rows while
//! the other streams them into a single binary COPY (see [`pipeline`]).

pub mod header;
mod pipeline;
pub mod report;
pub mod row;
mod scan;

pub use report::{ImportError, ImportReport, RejectedRows, RowProblem, ROW_PROBLEMS_KEPT};

use crate::db::import_batches::{batch_with_hash, set_batch_hash};
use crate::db::response_copy::ResponseCopyEncoder;
use crate::db::responses::{create_import_batch, finish_import_batch, insert_many};
use crate::domain::{Geography, SurveyDefinition};
use chrono::Utc;
use diesel::{Connection, PgConnection};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pipeline::{check_and_copy, Source};
use scan::scan;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// How rows reach the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowWriter {
    /// Binary `COPY FROM STDIN` (the default: several times faster).
    Copy,
    /// Multi-row `INSERT`s.
    Insert,
}

/// Settings of an import; [`import_csv`] uses the defaults.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// Show a progress bar on stderr (hidden anyway when stderr is not a terminal).
    pub progress: bool,
    pub writer: RowWriter,
    /// Rows checked before a chunk is written; bounds the memory used.
    pub chunk_rows: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            progress: false,
            writer: RowWriter::Copy,
            chunk_rows: 5_000,
        }
    }
}

/// Imports a CSV file of responses to `definition`'s consultation, all or nothing.
pub fn import_csv(
    conn: &mut PgConnection,
    definition: &SurveyDefinition,
    geography: &Geography,
    path: &Path,
    progress: bool,
) -> Result<ImportReport, ImportError> {
    import_csv_with(
        conn,
        definition,
        geography,
        path,
        ImportOptions {
            progress,
            ..ImportOptions::default()
        },
    )
}

/// [`import_csv`] with every setting spelled out.
pub fn import_csv_with(
    conn: &mut PgConnection,
    definition: &SurveyDefinition,
    geography: &Geography,
    path: &Path,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let started = Instant::now();
    let import_time = Utc::now();
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    let size = file.metadata().ok().map(|m| m.len());
    let bar = progress_bar(options.progress, size);
    let source_file = path.display().to_string();

    let file_sha256 = sha256_of_file(path)?;
    let (batch_id, rows) = conn.transaction(|conn| {
        if let Some((batch_id, source_file, imported_at)) = batch_with_hash(conn, definition.id.as_str(), &file_sha256)?
        {
            return Err(ImportError::AlreadyImported {
                file: path.to_path_buf(),
                batch_id,
                source_file,
                imported_at,
            });
        }
        let batch_id = create_import_batch(conn, definition.id.as_str(), &source_file)?;
        set_batch_hash(conn, batch_id, &file_sha256)?;
        let source = Source {
            reader: file,
            file: path,
            definition,
            geography,
            import_time,
            chunk_rows: options.chunk_rows.max(1),
            bar: &bar,
        };
        let written = match options.writer {
            RowWriter::Copy => {
                let encoder = ResponseCopyEncoder {
                    import_batch_id: Some(batch_id),
                    submitted_at_if_unset: import_time,
                };
                check_and_copy(conn, source, encoder)?
            }
            RowWriter::Insert => insert_checked(conn, source, batch_id)?,
        };
        finish_import_batch(conn, batch_id, i64::try_from(written).unwrap_or(i64::MAX))?;
        Ok::<_, ImportError>((batch_id, written))
    })?;
    bar.finish_and_clear();
    Ok(ImportReport {
        file: path.to_path_buf(),
        consultation_id: definition.id.as_str().to_string(),
        batch_id,
        rows_imported: rows,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Checks every row of `source` and writes the valid ones with multi-row INSERTs, chunk by chunk.
fn insert_checked(conn: &mut PgConnection, source: Source<'_, impl Read>, batch_id: i64) -> Result<u64, ImportError> {
    let mut written: u64 = 0;
    let Source {
        reader,
        file,
        definition,
        geography,
        import_time,
        chunk_rows,
        bar,
    } = source;
    let scanned = scan(
        reader,
        file,
        definition,
        geography,
        import_time,
        chunk_rows,
        bar,
        |chunk| {
            written += insert_many(conn, chunk, Some(batch_id))? as u64;
            Ok(())
        },
    )?;
    if written != scanned {
        return Err(ImportError::Db(crate::db::DbError::Task(format!(
            "{scanned} rows were checked but {written} were written; nothing was imported"
        ))));
    }
    Ok(written)
}

/// SHA-256 of the file's bytes, read in 64 KiB blocks (bounded memory for any size).
fn sha256_of_file(path: &Path) -> Result<String, ImportError> {
    use sha2::{Digest, Sha256};
    let io_error = |source| ImportError::Io {
        file: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut block).map_err(io_error)?;
        if read == 0 {
            break;
        }
        hasher.update(&block[..read]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Checks a file without writing anything (a dry run): the number of valid rows, or why the file
/// would be refused.
pub fn check_csv(definition: &SurveyDefinition, geography: &Geography, path: &Path) -> Result<u64, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    check_reader(file, path, definition, geography)
}

/// [`check_csv`] on any reader; `file` names it in messages.
pub fn check_reader(
    source: impl Read,
    file: &Path,
    definition: &SurveyDefinition,
    geography: &Geography,
) -> Result<u64, ImportError> {
    let bar = ProgressBar::hidden();
    scan(source, file, definition, geography, Utc::now(), 5_000, &bar, |_| Ok(()))
}

fn progress_bar(show: bool, size: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(size, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} · {msg} · {elapsed} elapsed, {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
