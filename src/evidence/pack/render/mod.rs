//! Writing an [`EvidencePack`]: one self-contained HTML file ([`html`]), one CSV file per table
//! ([`csv_tables`], named by [`PackTable`]) and one JSON document with everything.

pub mod chart;
pub mod csv_tables;
pub mod html;
pub mod pack_table;

pub use csv_tables::table_csv;
pub use html::{render_html, PACK_CSS};
pub use pack_table::{PackTable, UnknownTable, TABLES};

use super::model::EvidencePack;
use std::path::{Path, PathBuf};

/// The pack as pretty-printed JSON.
pub fn render_json(pack: &EvidencePack) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(pack)
}

/// Why the pack could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the HTML could not be rendered: {0}")]
    Html(#[from] askama::Error),
    #[error("the JSON could not be written: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

fn write(path: PathBuf, text: &str) -> Result<PathBuf, RenderError> {
    std::fs::write(&path, text).map_err(|source| RenderError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(path)
}

/// Writes `dir/evidence-pack.html`, `dir/evidence-pack.json` and `dir/csv/<table>.csv`, creating the
/// folders; returns the files written.
pub fn write_pack(pack: &EvidencePack, dir: &Path) -> Result<Vec<PathBuf>, RenderError> {
    let csv_dir = dir.join("csv");
    std::fs::create_dir_all(&csv_dir).map_err(|source| RenderError::Io {
        path: csv_dir.display().to_string(),
        source,
    })?;
    let mut written = vec![
        write(dir.join("evidence-pack.html"), &render_html(pack)?)?,
        write(dir.join("evidence-pack.json"), &render_json(pack)?)?,
    ];
    for table in PackTable::ALL {
        written.push(write(csv_dir.join(format!("{table}.csv")), &table_csv(pack, table)?)?);
    }
    Ok(written)
}
