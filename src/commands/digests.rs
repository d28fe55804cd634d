//! `localvoice digests import-contacts FILE.csv` and `localvoice digests run [--now] [--dry-run]`:
//! the same service functions `serve` and the sign-up page use.

use super::prepare;
use crate::cli::{Cli, DigestsCommand, DigestsRunArgs, ImportContactsArgs};
use crate::digest::settings::MailTarget;
use crate::digest::DigestService;

pub async fn run(cli: &Cli, command: &DigestsCommand) -> anyhow::Result<()> {
    let database = prepare::database(cli)?;
    let state = prepare::app_state(&database, &cli.seeds, &cli.defs)?;
    match command {
        DigestsCommand::ImportContacts(args) => import_contacts(&state.digests, args).await,
        DigestsCommand::Run(args) => run_due(&state.digests, args).await,
    }
}

async fn import_contacts(digests: &DigestService, args: &ImportContactsArgs) -> anyhow::Result<()> {
    let data = std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let report = digests.import_contacts(&data).await?;
    let file = args.file.display();
    if !report.problems.is_empty() {
        for p in &report.problems {
            eprintln!("{file}:{}: {}: {}", p.line, p.column, p.message);
        }
        anyhow::bail!(
            "{file}: nothing imported: {} problem(s) to fix (each listed above with its line)",
            report.problems.len()
        );
    }
    for (line, name) in &report.skipped_inactive {
        println!("{file}:{line}: skipped: {name} is not active");
    }
    for line in &report.refused_unsubscribed {
        println!("{file}:{line}: refused: this address unsubscribed earlier (they can sign up again themselves)");
    }
    println!(
        "{file}: {} contact(s) invited (a confirmation email each), {} already subscribed, {} inactive skipped, {} refused",
        report.invited,
        report.already_subscribed,
        report.skipped_inactive.len(),
        report.refused_unsubscribed.len()
    );
    let sent = digests.send_due().await?;
    println!("{}", sent_line(digests, sent));
    Ok(())
}

async fn run_due(digests: &DigestService, args: &DigestsRunArgs) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    let started = std::time::Instant::now();
    let built = digests.build_due(now, args.now, args.dry_run).await?;
    let build_seconds = started.elapsed().as_secs_f64();
    for example in &built.examples {
        println!("  {example}");
    }
    println!(
        "{} digest(s) {}, {} already queued, in {build_seconds:.2} s; of which the results engine: {} area(s) in {:.2} s",
        built.built,
        if args.dry_run {
            "due (dry run: nothing queued)"
        } else {
            "queued"
        },
        built.already_queued,
        built.areas_computed,
        built.engine_seconds
    );
    if args.dry_run {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let sent = digests.send_due().await?;
    let send_seconds = started.elapsed().as_secs_f64();
    println!("{}", sent_line(digests, sent));
    println!(
        "sent in {send_seconds:.2} s ({:.0} messages/s); build and send {:.2} s",
        sent.sent as f64 / send_seconds.max(1e-9),
        build_seconds + send_seconds
    );
    Ok(())
}

fn sent_line(digests: &DigestService, sent: crate::digest::sender::SendReport) -> String {
    let to = match &digests.settings().target {
        MailTarget::Smtp(_) => "the SMTP server".to_string(),
        MailTarget::Files(dir) => format!(".eml files in {}", dir.display()),
    };
    format!(
        "outbox: {} sent to {to}, {} deferred (tried again later), {} failed",
        sent.sent, sent.deferred, sent.failed
    )
}
