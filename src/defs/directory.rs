//! Loading a whole folder of definitions, and the checks that need all of them: ids unique across
//! files, and `previous` naming a consultation that exists and opened earlier.

use super::error::{line_col, DefError, DefsErrors};
use super::parse_str;
use crate::domain::{Geography, SurveyDefinition};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Loads every `*.toml` file in `dir` (not sub-folders), in file-name order, and checks them
/// together. All problems in all files are reported; nothing is returned unless every file is good.
pub fn load_dir(dir: &Path, geography: Option<&Geography>) -> Result<Vec<SurveyDefinition>, DefsErrors> {
    let folder = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| DefsErrors::file_level(&folder, "(folder)", format!("cannot be read: {e}")))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| DefsErrors::file_level(&folder, "(folder)", format!("cannot be read: {e}")))?;
        let path = entry.path();
        let is_toml = path.extension().is_some_and(|x| x == "toml");
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if is_toml && !hidden && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();

    let mut errors: Vec<DefError> = Vec::new();
    let mut loaded: Vec<(String, String, SurveyDefinition)> = Vec::new();
    let mut failed_stems: Vec<String> = Vec::new();
    for path in &paths {
        let file = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                errors.extend(DefsErrors::file_level(&file, "(file)", format!("cannot be read: {e}")).errors);
                continue;
            }
        };
        match parse_str(&file, &text, geography) {
            Ok(definition) => loaded.push((file, text, definition)),
            Err(e) => {
                errors.extend(e.errors);
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    failed_stems.push(stem.to_string());
                }
            }
        }
    }
    errors.extend(cross_file_problems(&loaded, &failed_stems));
    if errors.is_empty() {
        Ok(loaded.into_iter().map(|(_, _, d)| d).collect())
    } else {
        Err(DefsErrors { errors })
    }
}

pub(super) fn cross_file_problems(
    loaded: &[(String, String, SurveyDefinition)],
    failed_stems: &[String],
) -> Vec<DefError> {
    let mut errors = Vec::new();
    let mut first_with_id: HashMap<&str, &str> = HashMap::new();
    for (file, text, d) in loaded {
        if let Some(other) = first_with_id.insert(d.id.as_str(), file.as_str()) {
            errors.push(located(
                file,
                text,
                "id",
                format!(
                    "'{}' is already the id of {other}: consultation ids must be unique",
                    d.id
                ),
            ));
        }
    }
    for (file, text, d) in loaded {
        let Some(previous) = &d.previous else {
            continue;
        };
        match loaded.iter().find(|(_, _, p)| &p.id == previous) {
            Some((_, _, p)) if p.opens >= d.opens => errors.push(located(
                file,
                text,
                "previous",
                format!(
                    "'{previous}' opens on {}, not before this consultation ({}): previous must name an earlier wave",
                    p.opens, d.opens
                ),
            )),
            Some(_) => {}
            // Its own file failed to load and has reported why; do not pile on.
            None if failed_stems.iter().any(|s| s == previous.as_str()) => {}
            None => errors.push(located(
                file,
                text,
                "previous",
                format!("'{previous}' is not a consultation in this folder (expected a file {previous}.toml)"),
            )),
        }
    }
    errors
}

/// An error at the top-level `key = ...` line of a file (spans are gone once a file is checked).
fn located(file: &str, text: &str, key: &str, message: String) -> DefError {
    let position = top_level_key_offset(text, key).map(|offset| line_col(text, offset));
    DefError {
        file: file.to_string(),
        line: position.map(|(l, _)| l),
        column: position.map(|(_, c)| c),
        field: key.to_string(),
        message,
    }
}

/// Byte offset of `key = ...` before the first table header.
fn top_level_key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    None
}
