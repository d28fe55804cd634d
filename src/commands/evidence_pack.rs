//! `localvoice evidence-pack --consultation ID --division CODE [--compare-with ID] [--bootstrap N]
//! --out DIR`: the evidence pack for a division as `DIR/evidence-pack.html`, `DIR/evidence-pack.json`
//! and `DIR/csv/*.csv`, with what was written and how long each stage took. Reads responses and
//! comments straight from the database (no cache), the population and plans from seeds/.

use super::prepare;
use crate::cli::{Cli, EvidencePackArgs};
use crate::domain::{DivisionCode, SurveyDefinition};
use crate::evidence::pack::render::write_pack;
use crate::evidence::pack::{assemble_pack, PackRequest};
use crate::results::dataset::{Codebook, Dataset};
use crate::results::{EngineOptions, Inputs};
use anyhow::Context;
use std::time::Instant;

/// The consultation to compare with: `--compare-with`, else the definition's `previous`; `none`
/// means no comparison.
fn compare_with<'d>(
    args: &EvidencePackArgs,
    definition: &SurveyDefinition,
    definitions: &'d [SurveyDefinition],
) -> anyhow::Result<Option<&'d SurveyDefinition>> {
    let wanted = match args.compare_with.as_deref() {
        Some("none") => return Ok(None),
        Some(id) => id.to_string(),
        None => match &definition.previous {
            Some(previous) => previous.as_str().to_string(),
            None => return Ok(None),
        },
    };
    let found = definitions.iter().find(|d| d.id.as_str() == wanted);
    match (found, args.compare_with.is_some()) {
        (Some(d), _) => Ok(Some(d)),
        (None, true) => anyhow::bail!("--compare-with: there is no consultation called '{wanted}'"),
        (None, false) => {
            eprintln!("note: the previous consultation '{wanted}' is not in the definitions, so nothing is compared");
            Ok(None)
        }
    }
}

pub fn run(cli: &Cli, args: &EvidencePackArgs) -> anyhow::Result<()> {
    let total = Instant::now();
    let database = prepare::database(cli)?;
    let mut conn = database.connect()?;
    let reference = prepare::seed_reference(&mut conn, &cli.seeds)?;
    let definitions = prepare::definitions(&cli.defs, &reference.geography)?;
    let definition = definitions
        .iter()
        .find(|d| d.id.as_str() == args.consultation)
        .with_context(|| {
            format!(
                "--consultation: there is no consultation called '{}' in {}",
                args.consultation,
                cli.defs.display()
            )
        })?;
    let geography = &reference.geography;
    let division = DivisionCode::parse(args.division.trim())
        .ok()
        .filter(|code| geography.division(code).is_some())
        .with_context(|| {
            let known: Vec<&str> = geography.divisions.iter().map(|d| d.code.as_str()).collect();
            format!(
                "--division: there is no police division '{}' (divisions: {})",
                args.division,
                known.join(", ")
            )
        })?;
    let previous = compare_with(args, definition, &definitions)?;

    let started = Instant::now();
    let area_codes: Vec<String> = geography.areas_in(&division).map(|a| a.code.to_string()).collect();
    let dataset = load_division(&mut conn, geography, definition, &area_codes)?;
    let previous_dataset = previous
        .map(|p| load_division(&mut conn, geography, p, &area_codes))
        .transpose()?;
    let load = started.elapsed();

    let options = EngineOptions::with_bootstrap(args.bootstrap, args.seed);
    let population = &reference.population;
    let generated_on = chrono::Utc::now().date_naive().to_string();
    let request = PackRequest {
        current: Inputs {
            definition,
            geography,
            population,
            dataset: &dataset,
        },
        previous: previous.zip(previous_dataset.as_ref()).map(|(d, data)| Inputs {
            definition: d,
            geography,
            population,
            dataset: data,
        }),
        division: &division,
        plans: &reference.plans,
        options: &options,
        generated_on: &generated_on,
    };
    let consultation = definition.id.as_str();
    let (pack, timings) = assemble_pack(&request, |area| {
        crate::db::comments::area_comments(&mut conn, consultation, area)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;

    let started = Instant::now();
    let written = write_pack(&pack, &args.out)?;
    let render = started.elapsed();

    println!(
        "Evidence pack for {} ({}) from {} ({} responses in the division){}:",
        pack.division.name,
        pack.division.code,
        definition.title,
        pack.division_section.headline.responses,
        previous
            .map(|p| format!(", compared with {}", p.title))
            .unwrap_or_default()
    );
    for path in &written {
        println!("  wrote {}", path.display());
    }
    let secs = |d: std::time::Duration| d.as_secs_f64();
    println!("Timings (seconds):");
    println!("  load responses from the database      {:>8.3}", secs(load));
    println!(
        "  weighting, estimates and bootstrap     {:>8.3}  (division and {} council areas, {} replicates)",
        secs(timings.engine.current_wave),
        pack.council_areas.len(),
        args.bootstrap
    );
    println!(
        "  previous wave and area comparisons    {:>8.3}",
        secs(timings.engine.comparisons)
    );
    println!(
        "  comments (read and code)              {:>8.3}",
        secs(timings.comments)
    );
    println!("  build sections                        {:>8.3}", secs(timings.build));
    println!("  render and write HTML, JSON, CSV      {:>8.3}", secs(render));
    println!("  total (including start-up)            {:>8.3}", secs(total.elapsed()));
    Ok(())
}

/// The responses of the division's council areas only (the pack never looks at other areas).
fn load_division(
    conn: &mut diesel::PgConnection,
    geography: &crate::domain::Geography,
    definition: &SurveyDefinition,
    area_codes: &[String],
) -> anyhow::Result<Dataset> {
    let codebook = Codebook::new(geography, definition);
    let loaded = crate::db::results::load_responses_in_areas(conn, definition.id.as_str(), area_codes, &codebook)?;
    let mut dataset = Dataset::new(geography.areas.len());
    dataset.version.rows = loaded.rows.len() as u64;
    dataset.version.max_id = loaded.max_id;
    for (area, respondent) in loaded.rows {
        dataset.push(area, respondent);
    }
    dataset.unknown_concerns += loaded.unknown_concerns;
    Ok(dataset)
}
