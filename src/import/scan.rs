//! Reading an import file: the header, then every row, checked and handed on in chunks.

use super::header::{self, ColumnMap};
use super::report::{ImportError, RejectedRows, RowProblem};
use super::row::{parse_row, RowContext};
use crate::domain::{Geography, SurveyDefinition, SurveyResponse};
use chrono::Utc;
use csv::ByteRecord;
use indicatif::ProgressBar;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// Reads the header and every row, handing full chunks of valid rows to `sink` until the first
/// bad row (after which rows are only checked). Returns the number of rows, all valid.
#[allow(clippy::too_many_arguments)]
pub(super) fn scan(
    source: impl Read,
    file: &Path,
    definition: &SurveyDefinition,
    geography: &Geography,
    import_time: chrono::DateTime<Utc>,
    chunk_rows: usize,
    bar: &ProgressBar,
    mut sink: impl FnMut(&[SurveyResponse]) -> Result<(), ImportError>,
) -> Result<u64, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .buffer_capacity(1 << 16)
        .from_reader(source);
    let columns = read_columns(&mut reader, file, definition.max_ranked)?;
    let cx = RowContext {
        columns: &columns,
        definition,
        geography,
        import_time,
    };

    let started = Instant::now();
    let mut rejected = RejectedRows::new(file.to_path_buf());
    let mut chunk: Vec<SurveyResponse> = Vec::with_capacity(chunk_rows);
    let mut record = ByteRecord::new();
    let mut rows: u64 = 0;
    while reader.read_byte_record(&mut record).map_err(|e| csv_error(file, e))? {
        rows += 1;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        match parse_row(&record, &cx) {
            Ok(response) if rejected.is_empty() => {
                chunk.push(response);
                if chunk.len() >= chunk_rows {
                    sink(&chunk)?;
                    chunk.clear();
                }
            }
            Ok(_) => {}
            Err(errors) => {
                rejected.record(RowProblem { line, errors });
                chunk = Vec::new();
            }
        }
        if rows % 1_000 == 0 {
            report_progress(bar, &record, rows, &started);
        }
    }
    rejected.rows_read = rows;
    if !rejected.is_empty() {
        bar.abandon_with_message(format!(
            "{} of {rows} rows have problems: nothing imported",
            rejected.bad_rows
        ));
        return Err(ImportError::Rejected(Box::new(rejected)));
    }
    if rows == 0 {
        return Err(ImportError::NoRows {
            file: file.to_path_buf(),
        });
    }
    sink(&chunk)?;
    report_progress(bar, &record, rows, &started);
    Ok(rows)
}

/// Where each answer is, from the header row; every problem with the header at once.
fn read_columns<R: Read>(
    reader: &mut csv::Reader<R>,
    file: &Path,
    max_ranked: usize,
) -> Result<ColumnMap, ImportError> {
    let header = reader.byte_headers().map_err(|e| csv_error(file, e))?.clone();
    if header.is_empty() || (header.len() == 1 && header.as_slice().trim_ascii().is_empty()) {
        return Err(ImportError::Header {
            file: file.to_path_buf(),
            problems: vec!["the file is empty: the first line must name the columns".into()],
        });
    }
    header::read_header(&header, max_ranked).map_err(|problems| ImportError::Header {
        file: file.to_path_buf(),
        problems,
    })
}

/// A reading error: the file's own (I/O) or its contents' (malformed CSV, with the line).
fn csv_error(file: &Path, e: csv::Error) -> ImportError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(source) => ImportError::Io {
            file: file.to_path_buf(),
            source,
        },
        _ => ImportError::Csv {
            file: file.to_path_buf(),
            line,
            message,
        },
    }
}

fn report_progress(bar: &ProgressBar, record: &ByteRecord, rows: u64, started: &Instant) {
    if bar.is_hidden() {
        return;
    }
    if let Some(position) = record.position() {
        bar.set_position(position.byte());
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    bar.set_message(format!("{rows} rows, {:.0} rows/s", rows as f64 / seconds));
}
