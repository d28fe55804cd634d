//! Checking and writing at once: one thread reads and checks the file and encodes each chunk of
//! valid rows for binary COPY, while the calling thread streams the chunks into a single
//! `COPY responses FROM STDIN` on its connection. On two cores the checks and the server's work
//! overlap instead of taking turns. At most [`CHUNKS_IN_FLIGHT`] encoded chunks wait between the
//! threads, so memory stays bounded however long the file is.
//!
//! All or nothing still holds: the checker stops handing on rows at the first bad one but checks
//! the rest, then tells the writer to abandon the COPY (the server keeps none of it) and the whole
//! transaction is rolled back by the caller.

use super::report::ImportError;
use super::scan::scan;
use crate::db::response_copy::{copy_rows, ResponseCopyEncoder};
use crate::db::DbError;
use crate::domain::{Geography, SurveyDefinition};
use chrono::{DateTime, Utc};
use diesel::PgConnection;
use indicatif::ProgressBar;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{channel, sync_channel};

/// Encoded chunks that may wait for the writer before the checker waits in turn.
pub const CHUNKS_IN_FLIGHT: usize = 4;

/// What the checker hands the writer.
enum Handed {
    /// Valid rows, encoded for binary COPY.
    Rows(Vec<u8>),
    /// The file will not be imported: abandon the COPY.
    Abandon,
}

/// The file being imported and what its rows are checked against.
pub(super) struct Source<'a, R> {
    pub reader: R,
    pub file: &'a Path,
    pub definition: &'a SurveyDefinition,
    pub geography: &'a Geography,
    pub import_time: DateTime<Utc>,
    pub chunk_rows: usize,
    pub bar: &'a ProgressBar,
}

/// Checks every row of `source` and copies the valid ones into `responses` with `encoder`, on
/// `conn` (the caller owns the transaction). Returns the number of rows, all checked and written;
/// a file's problems (bad rows, unreadable file) take precedence over the database's.
pub(super) fn check_and_copy<R: Read + Send>(
    conn: &mut PgConnection,
    source: Source<'_, R>,
    encoder: ResponseCopyEncoder,
) -> Result<u64, ImportError> {
    let (handed_tx, handed_rx) = sync_channel::<Handed>(CHUNKS_IN_FLIGHT);
    // Written buffers go back to the checker for reuse: no new allocation per chunk.
    let (spent_tx, spent_rx) = channel::<Vec<u8>>();
    std::thread::scope(|threads| {
        let checker = threads.spawn(move || {
            let mut writer_gone = false;
            let checked = scan(
                source.reader,
                source.file,
                source.definition,
                source.geography,
                source.import_time,
                source.chunk_rows,
                source.bar,
                |chunk| {
                    let mut buffer = spent_rx.try_recv().unwrap_or_default();
                    buffer.clear();
                    encoder.encode(chunk, &mut buffer);
                    handed_tx.send(Handed::Rows(buffer)).map_err(|_| {
                        writer_gone = true;
                        ImportError::Db(DbError::Task("the database stopped taking rows".into()))
                    })
                },
            );
            if checked.is_err() {
                // The writer may have gone already; then there is nobody left to tell.
                let _ = handed_tx.send(Handed::Abandon);
            }
            (checked, writer_gone)
        });
        // The closure owns the receiving end, so it is dropped as soon as the COPY ends, however
        // it ends, and a checker still sending is released instead of waiting forever.
        let copied = copy_rows(conn, move |stream| {
            for handed in handed_rx.iter() {
                match handed {
                    Handed::Rows(buffer) => {
                        stream.send(&buffer)?;
                        let _ = spent_tx.send(buffer);
                    }
                    Handed::Abandon => return Err(abandoned()),
                }
            }
            Ok(())
        });
        let (checked, writer_gone) = checker
            .join()
            .map_err(|_| ImportError::Db(DbError::Task("the thread checking the file panicked".into())))?;
        outcome(checked, writer_gone, copied)
    })
}

fn abandoned() -> ImportError {
    ImportError::Db(DbError::Task(
        "the file was refused, so its rows were not written".into(),
    ))
}

/// One result from the checker's and the writer's.
fn outcome(
    checked: Result<u64, ImportError>,
    writer_gone: bool,
    copied: Result<usize, ImportError>,
) -> Result<u64, ImportError> {
    match (checked, copied) {
        (Err(refused), _) if !writer_gone => Err(refused),
        (_, Err(failed)) => Err(failed),
        (Err(refused), Ok(_)) => Err(refused),
        (Ok(rows), Ok(written)) if written as u64 == rows => Ok(rows),
        (Ok(rows), Ok(written)) => Err(ImportError::Db(DbError::Task(format!(
            "{rows} rows were checked but {written} were written; nothing was imported"
        )))),
    }
}
