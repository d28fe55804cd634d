//! What an import tells its user: the figures of a successful import, or why nothing was imported.

use crate::db::DbError;
use crate::domain::FieldError;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// How many bad rows are kept (with their messages) for the report; all of them are counted.
pub const ROW_PROBLEMS_KEPT: usize = 100;

/// A file that was imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub file: PathBuf,
    pub consultation_id: String,
    /// The `import_batches` row the responses point to (to trace or undo the import).
    pub batch_id: i64,
    pub rows_imported: u64,
    pub seconds: f64,
}

impl ImportReport {
    pub fn rows_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.rows_imported as f64 / self.seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "imported {} responses to {} from {} in {:.1} s ({:.0} rows/s), import batch {}",
            self.rows_imported,
            self.consultation_id,
            self.file.display(),
            self.seconds,
            self.rows_per_second(),
            self.batch_id
        )
    }
}

/// One bad row: its line in the file (where the record starts) and every problem in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub errors: Vec<FieldError>,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reasons: Vec<String> = self
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        write!(f, "line {}: {}", self.line, reasons.join("; "))
    }
}

/// The bad rows of a file that was rejected as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RejectedRows {
    pub file: PathBuf,
    /// Data rows read (good and bad).
    pub rows_read: u64,
    /// Every bad row is counted here…
    pub bad_rows: u64,
    /// …and the first [`ROW_PROBLEMS_KEPT`] are kept with their messages, in file order.
    pub first_problems: Vec<RowProblem>,
    /// How many bad rows had a problem with each field, to see at a glance what is wrong with a file.
    pub rows_per_field: BTreeMap<String, u64>,
}

impl RejectedRows {
    pub(crate) fn new(file: PathBuf) -> Self {
        Self {
            file,
            ..Self::default()
        }
    }

    pub(crate) fn record(&mut self, problem: RowProblem) {
        self.bad_rows += 1;
        let mut fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
        fields.dedup();
        for field in fields {
            *self.rows_per_field.entry(field.to_string()).or_default() += 1;
        }
        if self.first_problems.len() < ROW_PROBLEMS_KEPT {
            self.first_problems.push(problem);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bad_rows == 0
    }
}

impl fmt::Display for RejectedRows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: nothing was imported because {} of {} rows have problems. Fix them and import the whole file again.",
            self.file.display(),
            self.bad_rows,
            self.rows_read
        )?;
        let by_field: Vec<String> = self
            .rows_per_field
            .iter()
            .map(|(field, n)| format!("{field} {n}"))
            .collect();
        writeln!(f, "Rows with a problem, by column: {}", by_field.join(", "))?;
        for problem in &self.first_problems {
            writeln!(f, "  {problem}")?;
        }
        let hidden = self.bad_rows.saturating_sub(self.first_problems.len() as u64);
        if hidden > 0 {
            writeln!(
                f,
                "  … and {hidden} more rows with problems (only the first {} are listed)",
                self.first_problems.len()
            )?;
        }
        Ok(())
    }
}

/// Why a file was not imported. In every case nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", file.display())]
    Io { file: PathBuf, source: std::io::Error },
    #[error("{}, line {line}: {message}", file.display())]
    Csv { file: PathBuf, line: u64, message: String },
    #[error("{}: the header row has problems: {}", file.display(), problems.join("; "))]
    Header { file: PathBuf, problems: Vec<String> },
    #[error("{}: the file has a header but no responses", file.display())]
    NoRows { file: PathBuf },
    #[error("{0}")]
    Rejected(Box<RejectedRows>),
    #[error(
        "{}: this file was already imported into this consultation (import batch {batch_id}, from {source_file}, on {imported_at}); importing it again would count its responses twice",
        file.display()
    )]
    AlreadyImported {
        file: PathBuf,
        batch_id: i64,
        source_file: String,
        imported_at: chrono::DateTime<chrono::Utc>,
    },
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for ImportError {
    fn from(error: diesel::result::Error) -> Self {
        ImportError::Db(DbError::from(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: u64, fields: &[&str]) -> RowProblem {
        RowProblem {
            line,
            errors: fields.iter().map(|f| FieldError::new(*f, "is wrong")).collect(),
        }
    }

    #[test]
    fn every_bad_row_is_counted_but_only_the_first_hundred_are_listed() {
        let mut rejected = RejectedRows::new(PathBuf::from("paper.csv"));
        rejected.rows_read = 500;
        for line in 2..252 {
            rejected.record(problem(line, &["concerns", "concerns", "sex"]));
        }
        assert_eq!(rejected.bad_rows, 250);
        assert_eq!(rejected.first_problems.len(), ROW_PROBLEMS_KEPT);
        assert_eq!(rejected.rows_per_field["concerns"], 250);
        let text = rejected.to_string();
        assert!(
            text.starts_with("paper.csv: nothing was imported because 250 of 500 rows have problems"),
            "{text}"
        );
        assert!(
            text.contains("line 2: concerns: is wrong; concerns: is wrong; sex: is wrong"),
            "{text}"
        );
        assert!(text.contains("… and 150 more rows with problems"), "{text}");
    }
}
