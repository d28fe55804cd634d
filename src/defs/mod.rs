//! Loading and checking consultation definitions: one TOML file per consultation in `survey-defs/`
//! (the folder is given by `--defs` or `LOCALVOICE_DEFS`, read by the command line in `crate::cli`
//! and listed in `crate::config`; this module reads no environment variables). The full field-by-field guide, with an example, is
//! `survey-defs/README.md`; in short:
//!
//! ```toml
//! id = "your-police-2026"            # must match the file name, your-police-2026.toml
//! title = "Your Police 2026"
//! easy_read_title = "Tell us about the police where you live"
//! summary = "..."                    # start page: who runs it, what answers are for
//! easy_read_summary = "..."
//! organiser = "Police Scotland"
//! opens = 2026-04-01                 # first and last day, inclusive
//! closes = 2027-03-31
//! previous = "your-police-2025"      # optional: the previous wave, for comparisons
//! max_ranked = 3                     # residents rank up to 3 concerns (1..=10, <= concerns)
//! comment_max_chars = 2000           # optional, 1..=10000
//! suppression_threshold = 10         # optional, >= 1
//! low_base_threshold = 50            # optional, >= suppression_threshold
//! coverage = { scotland = true }     # or { divisions = ["J"] } or { council_areas = ["S12000026"] }
//! unmapped = []                      # concerns deliberately supporting no priority
//!
//! [questions]                        # optional; every question has default wording
//! ask_postcode_district = true       # default true
//! ask_demographics = true            # default true
//! [questions.feel_safe]              # council_area, postcode_district, feel_safe,
//! text = "How safe do you feel ..."  # confidence, concerns, comment
//! hint = "..."                       # optional
//! easy_read_text = "Do you feel safe where you live?"
//! easy_read_hint = "..."             # optional
//!
//! [[concerns]]                       # at least 2
//! id = "drug_dealing"
//! label = "Drug dealing and drug misuse"
//! easy_read_label = "People selling or taking drugs"
//! description = "..."
//!
//! [[priorities]]                     # at least 1; candidate Local Police Plan priorities
//! id = "serious_organised_crime"
//! label = "Tackling serious and organised crime"
//! concerns = ["drug_dealing", "organised_crime"]
//!
//! [[themes]]                         # optional; for coding free-text comments
//! id = "speeding"
//! label = "Speeding and driving"
//! keywords = ["speed", "boy racer", "20mph"]
//! ```
//!
//! Every concern must support at least one priority or be listed in `unmapped`: forgetting to map
//! a concern is an error, leaving one out on purpose is a decision written in the file.
//!
//! Problems are reported all together, each naming the file, line, column and field
//! (`survey-defs/x.toml:42:6: concerns[3].id: ...`, entries counted from 1). A TOML syntax error,
//! an unknown key or a value of the wrong type stops the reading of that file at the first one.

mod check;
mod coverage;
mod directory;
mod error;
mod fields;
mod questions;
mod raw;
mod taxonomy;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_files;
#[cfg(test)]
mod tests_taxonomy;

pub use check::{
    COMMENT_MAX_CHARS_LIMIT, DEFAULT_COMMENT_MAX_CHARS, DEFAULT_LOW_BASE_THRESHOLD, DEFAULT_SUPPRESSION_THRESHOLD,
    MAX_RANKED_LIMIT,
};
pub use directory::load_dir;
pub use error::{DefError, DefsErrors};
pub use questions::default_questions;

pub(crate) use error::line_col;

use crate::domain::{Geography, SurveyDefinition};
use std::path::Path;

/// Parses and checks one definition. `file_name` is used in messages and must match the id
/// (`survey-defs/your-police-2026.toml` ⇒ `id = "your-police-2026"`). With a geography, coverage
/// codes must also exist in it.
pub fn parse_str(file_name: &str, text: &str, geography: Option<&Geography>) -> Result<SurveyDefinition, DefsErrors> {
    let raw: raw::RawDefinition = toml::from_str(text).map_err(|e| DefsErrors {
        errors: vec![error::from_toml_error(file_name, text, &e)],
    })?;
    check::build_definition(file_name, text, raw, geography)
}

/// Reads, parses and checks one definition file.
pub fn load_file(path: &Path, geography: Option<&Geography>) -> Result<SurveyDefinition, DefsErrors> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| DefsErrors::file_level(&file, "(file)", format!("cannot be read: {e}")))?;
    parse_str(&file, &text, geography)
}
