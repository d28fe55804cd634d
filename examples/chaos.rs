//! The long fault runs behind `scripts/chaos-kill`, `scripts/chaos-pg-restart` and
//! `scripts/chaos-stuck-db` (issue 11): a load generator submitting responses through the JSON
//! API of a real `localvoice serve` process, while the server is SIGKILLed, PostgreSQL is
//! restarted or the responses table is locked. Prints the figures and exits non-zero if an
//! acknowledged response was lost or stored twice, or the service answered badly. Traffic goes
//! only to 127.0.0.1. The scenarios are the ones the `chaos` test binary runs in short form.
//!
//!   cargo run --example chaos -- kill --bin target/debug/localvoice [--kills 5]
//!   cargo run --example chaos -- pg-restart --bin target/debug/localvoice [--outage-secs 5]
//!   cargo run --example chaos -- stuck-db --bin target/debug/localvoice [--lock-secs 20]
//!
//! Reads `PG_BIN` (PostgreSQL's server tools, default the newest /usr/lib/postgresql/N/bin) for
//! pg-restart.

#[path = "../tests/chaos/load.rs"]
mod load;
#[path = "../tests/chaos/private_cluster.rs"]
mod private_cluster;
#[path = "../tests/chaos/processes.rs"]
mod processes;
#[path = "../tests/chaos/scenarios.rs"]
mod scenarios;
#[path = "../tests/chaos/verify.rs"]
mod verify;

use clap::{Args, Parser, Subcommand};
use private_cluster::PrivateCluster;
use processes::{ScratchDatabase, ServerProcess};
use scenarios::{Fault, Load};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Subcommand)]
enum Scenario {
    /// SIGKILL the server under load KILLS times and restart it.
    Kill {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 5)]
        kills: usize,
        /// Load between kills, in seconds.
        #[arg(long, default_value_t = 4.0)]
        every_secs: f64,
    },
    /// Stop and start a private PostgreSQL cluster under load.
    PgRestart {
        #[command(flatten)]
        common: Common,
        /// How long PostgreSQL stays down.
        #[arg(long, default_value_t = 5.0)]
        outage_secs: f64,
    },
    /// Hold LOCK TABLE responses IN ACCESS EXCLUSIVE MODE under load.
    StuckDb {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 20.0)]
        lock_secs: f64,
    },
}

#[derive(Args)]
struct Common {
    /// The localvoice binary to serve with.
    #[arg(long)]
    bin: PathBuf,
    /// PostgreSQL server for the scratch database (kill, stuck-db).
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    database_url: String,
    /// Concurrent clients.
    #[arg(long, default_value_t = 32)]
    workers: usize,
    /// Load before and after the fault, in seconds (pg-restart, stuck-db).
    #[arg(long, default_value_t = 5.0)]
    steady_secs: f64,
    /// Where the server's log goes.
    #[arg(long, default_value = "/tmp/localvoice-chaos.log")]
    log: PathBuf,
}

impl Common {
    fn load(&self) -> Load {
        Load {
            consultation: "test-open".into(),
            workers: self.workers,
            drain: Duration::from_secs(60),
        }
    }

    fn serve(&self, database_url: &str) -> anyhow::Result<ServerProcess> {
        let repo = std::env::current_dir()?;
        ServerProcess::start(
            &self.bin,
            &repo,
            database_url,
            &repo.join("tests/api/defs"),
            // One client sends thousands of responses a minute: no per-client rate limit
            // (LOCALVOICE_SUBMIT_RATE_PER_MINUTE=0; ignored by builds without one).
            &[("LOCALVOICE_LOG", "warn"), ("LOCALVOICE_SUBMIT_RATE_PER_MINUTE", "0")],
            &self.log,
        )
    }
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let passed = match Cli::parse().scenario {
        Scenario::Kill {
            common,
            kills,
            every_secs,
        } => {
            let db = ScratchDatabase::create(&common.database_url, "lv_chaos_kill")?;
            let mut server = common.serve(&db.url)?;
            println!(
                "== {kills} SIGKILLs, {} clients, {} ({})",
                common.workers,
                server.base_url(),
                db.name
            );
            let report =
                scenarios::kill_under_load(&mut server, &db.url, &common.load(), kills, secs(every_secs)).await?;
            println!("{}", report.summary());
            report.passed()
        }
        Scenario::PgRestart { common, outage_secs } => {
            let cluster = PrivateCluster::start(&processes::pg_bin())?;
            let url = cluster.url("localvoice");
            let server = common.serve(&url)?;
            println!(
                "== PostgreSQL (private, 127.0.0.1:{}) down for {outage_secs} s under {} clients",
                cluster.port, common.workers
            );
            let steady = secs(common.steady_secs);
            let fault = Fault::Restart(&cluster);
            let report = scenarios::outage_under_load(
                &server,
                &url,
                &common.load(),
                fault,
                (steady, secs(outage_secs), steady),
            )
            .await?;
            println!("{}", report.summary());
            drop(server);
            report.held_up() && report.readyz_failed > 0 && report.ready_at_end
        }
        Scenario::StuckDb { common, lock_secs } => {
            let db = ScratchDatabase::create(&common.database_url, "lv_chaos_stuck")?;
            let server = common.serve(&db.url)?;
            println!(
                "== responses locked for {lock_secs} s under {} clients ({})",
                common.workers, db.name
            );
            let steady = secs(common.steady_secs);
            let fault = Fault::LockResponses(&db.url);
            let report = scenarios::outage_under_load(
                &server,
                &db.url,
                &common.load(),
                fault,
                (steady, secs(lock_secs), steady),
            )
            .await?;
            println!("{}", report.summary());
            drop(server);
            report.held_up()
        }
    };
    if passed {
        println!("== PASSED");
        Ok(())
    } else {
        println!("== FAILED");
        std::process::exit(1)
    }
}
