//! Errors found in consultation definition files: each names the file, the line (and column
//! where known) and the field, worded for the analyst who wrote the file.

use std::fmt;
use std::ops::Range;

/// One problem in one definition file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefError {
    /// The file as it was given to the loader, e.g. `survey-defs/your-police-2026.toml`.
    pub file: String,
    /// 1-based line, when the problem can be pinned to one.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// The field, as a path: `id`, `questions.feel_safe.text`, `concerns[3].id` (entries counted from 1).
    pub field: String,
    pub message: String,
}

impl fmt::Display for DefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}: {}", self.field, self.message)
    }
}

/// Every problem found while loading definitions; `Display` writes one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefsErrors {
    pub errors: Vec<DefError>,
}

impl DefsErrors {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
    pub fn len(&self) -> usize {
        self.errors.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &DefError> {
        self.errors.iter()
    }
    /// A problem with a whole file (unreadable, wrong name), with no line.
    pub(crate) fn file_level(file: &str, field: &str, message: impl Into<String>) -> Self {
        Self {
            errors: vec![DefError {
                file: file.to_string(),
                line: None,
                column: None,
                field: field.to_string(),
                message: message.into(),
            }],
        }
    }
}

impl fmt::Display for DefsErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DefsErrors {}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Collects the problems of one file as it is checked, so that all of them are reported at once.
pub(crate) struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    pub(crate) errors: Vec<DefError>,
}

impl<'a> Problems<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            errors: Vec::new(),
        }
    }

    /// Records a problem located at `span` (a byte range of the file), or at no line when `None`.
    pub(crate) fn at(&mut self, span: Option<Range<usize>>, field: impl Into<String>, message: impl Into<String>) {
        let (line, column) = match span {
            Some(span) => {
                let (l, c) = line_col(self.text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        self.errors.push(DefError {
            file: self.file.to_string(),
            line,
            column,
            field: field.into(),
            message: message.into(),
        });
    }

    /// Where a table header such as `[questions.feel_safe]` is written, if it is.
    pub(crate) fn header_span(&self, header: &str) -> Option<Range<usize>> {
        let needle = format!("[{header}]");
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(&needle) {
                let start = offset + (line.len() - trimmed.len());
                return Some(start..start + needle.len());
            }
            offset += line.len();
        }
        None
    }

    pub(crate) fn into_result<T>(self, value: T) -> Result<T, DefsErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.into_errors())
        }
    }

    /// The problems in the order of the file (those with no line first), as an analyst fixes them.
    pub(crate) fn into_errors(mut self) -> DefsErrors {
        self.errors
            .sort_by_key(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0)));
        DefsErrors { errors: self.errors }
    }
}

/// Turns a TOML or serde error into one located problem, with a "did you mean" for unknown keys.
pub(crate) fn from_toml_error(file: &str, text: &str, error: &toml::de::Error) -> DefError {
    let (line, column) = match error.span() {
        Some(span) => {
            let (l, c) = line_col(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    let raw = error.message().trim();
    let (field, message) = match parse_unknown_field(raw) {
        Some((key, allowed)) => (key.to_string(), unknown_key_message(key, &allowed)),
        None => {
            let field = line
                .and_then(|l| key_on_line(text, l))
                .unwrap_or_else(|| "(toml)".to_string());
            (field, plain_type_names(&raw.replace('\n', " ")))
        }
    };
    DefError {
        file: file.to_string(),
        line,
        column,
        field,
        message,
    }
}

/// serde names Rust types ("expected i64", "expected struct RawCoverage"); the analyst wrote TOML.
fn plain_type_names(message: &str) -> String {
    if let Some((head, _)) = message.split_once("expected struct Raw") {
        return format!("{head}expected a table, like {{ key = value }} or a [header] block");
    }
    [
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list, like [\"a\", \"b\"]"),
    ]
    .iter()
    .fold(message.to_string(), |m, (from, to)| m.replace(from, to))
}

/// serde's "unknown field `titel`, expected one of `id`, `title`" → ("titel", ["id", "title"]).
fn parse_unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let allowed = rest.split('`').skip(1).step_by(2).collect();
    Some((key, allowed))
}

fn unknown_key_message(key: &str, allowed: &[&str]) -> String {
    let closest = allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 3))
        .min();
    let list = allowed.join(", ");
    match closest {
        Some((_, suggestion)) => {
            format!("unknown key '{key}': did you mean '{suggestion}'? (keys allowed here: {list})")
        }
        None if allowed.is_empty() => format!("unknown key '{key}': no keys are allowed here"),
        None => format!("unknown key '{key}' (keys allowed here: {list})"),
    }
}

/// Levenshtein distance, for suggesting the key an analyst probably meant.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The key assigned on a line (`max_ranked = "three"` → `max_ranked`), to name the field of a
/// type error that serde reports without a path.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let source = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = source.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then(|| key.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_from_one_in_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        let offset = text.find('"').unwrap_or(0);
        assert_eq!(line_col(text, offset), (2, 6));
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let m = unknown_key_message("titel", &["id", "title", "summary"]);
        assert!(m.contains("did you mean 'title'?"), "{m}");
        let m = unknown_key_message("zzzzzz", &["id", "title"]);
        assert!(!m.contains("did you mean"), "{m}");
    }

    #[test]
    fn the_display_has_one_error_per_line() {
        let e = |line| DefError {
            file: "f.toml".into(),
            line,
            column: None,
            field: "id".into(),
            message: "bad".into(),
        };
        let all = DefsErrors {
            errors: vec![e(Some(3)), e(None)],
        };
        assert_eq!(all.to_string(), "f.toml:3: id: bad\nf.toml: id: bad");
    }
}
