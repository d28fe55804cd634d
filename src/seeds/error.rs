//! Errors in the seed files, each naming the file, the line and the field.

use std::fmt;

/// One problem in one seed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedProblem {
    pub file: String,
    /// 1-based line, when the problem belongs to one (a CSV row, a TOML value).
    pub line: Option<usize>,
    /// The column or key, e.g. `population`, `priorities[2].concerns`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for SeedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}: {}", self.file, self.field, self.message),
            None => write!(f, "{}: {}: {}", self.file, self.field, self.message),
        }
    }
}

/// Why the reference data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{file}: cannot be read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// Every problem found, one per line in `Display`.
    #[error("{}", join_lines(.0))]
    Invalid(Vec<SeedProblem>),
}

impl SeedError {
    /// The problems, when the files could be read but are wrong.
    pub fn problems(&self) -> &[SeedProblem] {
        match self {
            SeedError::Invalid(problems) => problems,
            SeedError::Read { .. } => &[],
        }
    }
}

fn join_lines(problems: &[SeedProblem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// Collects the problems of one or more files, so that all of them are reported together.
#[derive(Debug, Default)]
pub(super) struct Problems {
    pub(super) list: Vec<SeedProblem>,
}

impl Problems {
    pub(super) fn push(&mut self, file: &str, line: Option<usize>, field: &str, message: impl Into<String>) {
        self.list.push(SeedProblem {
            file: file.to_string(),
            line,
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// For when a problem has certainly been recorded and there is nothing to return.
    pub(super) fn into_error(self) -> SeedError {
        SeedError::Invalid(self.list)
    }

    pub(super) fn into_result<T>(self, value: T) -> Result<T, SeedError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(SeedError::Invalid(self.list))
        }
    }
}

pub(super) fn read_text(path: &std::path::Path) -> Result<String, SeedError> {
    std::fs::read_to_string(path).map_err(|source| SeedError::Read {
        file: path.display().to_string(),
        source,
    })
}
