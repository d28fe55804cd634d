//! Reading a seed CSV by column name, keeping each row's line number for messages.

use super::error::Problems;

/// One data row: its 1-based line in the file, and the values of the requested columns in the
/// order they were requested (trimmed).
pub(super) struct Row {
    pub line: usize,
    pub values: Vec<String>,
}

impl Row {
    pub(super) fn get(&self, i: usize) -> &str {
        self.values.get(i).map_or("", String::as_str)
    }
}

/// The rows of `text`, with `columns` picked out by header name (extra columns are ignored, so a
/// file may carry names or notes for people). A missing column or a malformed row is a problem.
pub(super) fn read_rows(file: &str, text: &str, columns: &[&str], problems: &mut Problems) -> Vec<Row> {
    let before = problems.list.len();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push(file, Some(1), "(header)", format!("cannot be read as CSV: {e}"));
            return Vec::new();
        }
    };
    let mut indices = Vec::with_capacity(columns.len());
    for column in columns {
        match headers.iter().position(|h| h == *column) {
            Some(i) => indices.push(i),
            None => problems.push(
                file,
                Some(1),
                column,
                format!(
                    "column is missing from the header (expected columns: {})",
                    columns.join(",")
                ),
            ),
        }
    }
    if indices.len() != columns.len() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let values = indices.iter().map(|&i| r.get(i).unwrap_or("").to_string()).collect();
                rows.push(Row { line, values });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push(file, line, "(row)", format!("cannot be read as CSV: {e}"));
            }
        }
    }
    if rows.is_empty() && problems.list.len() == before {
        problems.push(file, None, "(rows)", "has a header but no data rows");
    }
    rows
}
