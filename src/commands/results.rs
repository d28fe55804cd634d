//! `localvoice results`: the weighted results of a consultation for a council area, a division or
//! Scotland, printed to standard output as the API's JSON or as CSV. Reads the responses straight
//! from the database (no cache) and the population from seeds/ (loaded into the database too).

use super::prepare;
use crate::cli::{Cli, ResultsArgs, ResultsFormat};
use crate::domain::SurveyDefinition;
use crate::results::dataset::{Codebook, Dataset};
use crate::results::{results_report, CompareWith, EngineOptions, Inputs, Selection, WeightingOptions};
use crate::stats::TrimOptions;
use anyhow::Context;
use diesel::PgConnection;
use std::io::Write;

pub fn run(cli: &Cli, args: &ResultsArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let mut conn = database.connect()?;
    let reference = prepare::seed_reference(&mut conn, &cli.seeds)?;
    let definitions = prepare::definitions(&cli.defs, &reference.geography)?;
    let find = |id: &str| -> anyhow::Result<&SurveyDefinition> {
        definitions
            .iter()
            .find(|d| d.id.as_str() == id)
            .with_context(|| format!("there is no consultation called '{id}' in {}", cli.defs.display()))
    };
    let definition = find(&args.consultation)?;
    let geography = &reference.geography;
    let selection = Selection::from_request(args.area.as_deref(), args.division.as_deref(), args.scotland, geography)?;
    let dataset = load_dataset(&mut conn, geography, definition)?;
    let other = match args.compare_with.as_deref() {
        Some(id) if definitions.iter().any(|d| d.id.as_str() == id) => {
            let other = find(id)?;
            Some((other, load_dataset(&mut conn, geography, other)?))
        }
        Some("division") | None => None,
        Some(id) => anyhow::bail!("there is no consultation called '{id}' to compare with"),
    };
    let options = EngineOptions {
        weighting: WeightingOptions {
            trim: args.trim.then(TrimOptions::default),
            ..WeightingOptions::default()
        },
        ..EngineOptions::with_bootstrap(args.bootstrap, args.seed)
    };
    let population = &reference.population;
    let inputs = Inputs {
        definition,
        geography,
        population,
        dataset: &dataset,
    };
    let compare = match (&other, args.compare_with.as_deref()) {
        (Some((d, data)), _) => CompareWith::Wave(Inputs {
            definition: d,
            geography,
            population,
            dataset: data,
        }),
        (None, Some("division")) => CompareWith::RestOfDivision,
        _ => CompareWith::Nothing,
    };
    let report = results_report(&inputs, &selection, compare, &options)?;
    let text = match args.format {
        ResultsFormat::Json => serde_json::to_string_pretty(&report)?,
        ResultsFormat::Csv => crate::results::csv::to_csv(&report)?,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn load_dataset(
    conn: &mut PgConnection,
    geography: &crate::domain::Geography,
    definition: &SurveyDefinition,
) -> anyhow::Result<Dataset> {
    let codebook = Codebook::new(geography, definition);
    let version = crate::db::results::dataset_version(conn, definition.id.as_str())?;
    let loaded = crate::db::results::load_responses(conn, definition.id.as_str(), 0, version.max_id, &codebook)?;
    let mut dataset = Dataset::new(geography.areas.len());
    for (area, respondent) in loaded.rows {
        dataset.push(area, respondent);
    }
    dataset.unknown_areas += loaded.unknown_areas;
    dataset.unknown_concerns += loaded.unknown_concerns;
    dataset.version = version;
    Ok(dataset)
}
