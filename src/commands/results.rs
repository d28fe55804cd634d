//! `localvoice results`: the weighted results of a consultation for a council area, a division or
//! Scotland, printed to standard output as the API's JSON (the same bytes as the API's response
//! body) or as CSV. The same use case as the API ([`crate::results::ResultsService::report`]),
//! reading only the council areas the request needs straight from the database.

use super::prepare;
use crate::cli::{Cli, ResultsArgs, ResultsFormat};
use crate::results::request::DataView;
use crate::results::{CompareWith, ResultsRequest, Selection};
use std::io::{IsTerminal, Write};

pub async fn run(cli: &Cli, args: &ResultsArgs) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let services = prepare::direct_services(&database, cli)?;
    let results = &services.results;
    let selection = Selection::from_request(
        args.area.as_deref(),
        args.division.as_deref(),
        args.scotland,
        &results.geography,
    )?;
    let request = ResultsRequest {
        consultation: args.consultation.clone(),
        selection,
        compare_with: args.compare_with.clone().unwrap_or(CompareWith::None),
        bootstrap: args.bootstrap,
        seed: args.seed,
        trim: args.trim,
        view: if args.published {
            DataView::Published
        } else {
            DataView::Live
        },
    };
    let report = results.report(&request).await?;
    let text = match args.format {
        ResultsFormat::Json => crate::results::json::to_json(&report)?,
        ResultsFormat::Csv => crate::results::csv::to_csv(&report)?,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if out.is_terminal() && !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}
