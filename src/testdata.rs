//! Reference data for unit tests: the repository's own `seeds/` and `survey-defs/`, so the tests
//! exercise the definitions residents will actually answer.

use crate::domain::population::PopulationMargins;
use crate::domain::{Geography, SurveyDefinition};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn reference() -> &'static crate::seeds::ReferenceData {
    static REFERENCE: OnceLock<crate::seeds::ReferenceData> = OnceLock::new();
    REFERENCE.get_or_init(|| crate::seeds::load_all(&repo("seeds")).unwrap())
}

/// `survey-defs/<id>.toml`, checked against the seeded geography.
pub fn definition_named(id: &str) -> SurveyDefinition {
    let path = repo(&format!("survey-defs/{id}.toml"));
    crate::defs::load_file(&path, Some(geography())).unwrap()
}

/// Your Police 2026.
pub fn definition() -> SurveyDefinition {
    definition_named("your-police-2026")
}

pub fn geography() -> &'static Geography {
    &reference().geography
}

pub fn population() -> &'static PopulationMargins {
    &reference().population
}
