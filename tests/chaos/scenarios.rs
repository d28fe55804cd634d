//! The fault scenarios, each under load from [`super::load`] and checked with [`super::verify`]:
//! SIGKILL of the server, a PostgreSQL restart, and a table locked for a while.

use super::load::{self, LoadSettings, Outcome};
use super::private_cluster::PrivateCluster;
use super::processes::ServerProcess;
use super::verify::{verify, Verdict};
use diesel::{Connection, PgConnection, RunQueryDsl};
use std::time::{Duration, Instant};

/// How hard and how long to push.
#[derive(Debug, Clone)]
pub struct Load {
    pub consultation: String,
    pub workers: usize,
    /// How long unanswered submissions may keep retrying after the load stops.
    pub drain: Duration,
}

impl Load {
    fn settings(&self, server: &ServerProcess) -> LoadSettings {
        LoadSettings {
            base_url: server.base_url(),
            consultation: self.consultation.clone(),
            workers: self.workers,
            request_timeout: Duration::from_secs(15),
            retry_pause: Duration::from_millis(20),
        }
    }
}

/// The figures of a SIGKILL run.
#[derive(Debug)]
pub struct KillReport {
    pub verdict: Verdict,
    pub kills: usize,
    pub restarts: Vec<Duration>,
    pub attempts: usize,
    pub no_answer: usize,
    pub unavailable: usize,
    pub server_errors: usize,
    /// Retries answered "already stored" (Idempotent-Replayed): the first attempt had committed
    /// but its answer was lost with the server.
    pub replayed: usize,
    pub elapsed: Duration,
}

impl KillReport {
    pub fn passed(&self) -> bool {
        self.verdict.passed() && self.server_errors == 0
    }

    pub fn summary(&self) -> String {
        let per_second = self.verdict.acknowledged as f64 / self.elapsed.as_secs_f64();
        format!(
            "{} SIGKILLs in {:.1} s; {:.0} acknowledged responses/s overall; restarts took {:?}\n\
             attempts {}: no answer {}, 503 {}, other 5xx {}; retries replayed as already stored {}\n{}",
            self.kills,
            self.elapsed.as_secs_f64(),
            per_second,
            self.restarts,
            self.attempts,
            self.no_answer,
            self.unavailable,
            self.server_errors,
            self.replayed,
            self.verdict.summary()
        )
    }
}

/// Runs the load, SIGKILLs the server `kills` times `every` apart (restarting it at once on the
/// same port), runs `every` more, stops and drains, and checks the database.
pub async fn kill_under_load(
    server: &mut ServerProcess,
    database_url: &str,
    load: &Load,
    kills: usize,
    every: Duration,
) -> anyhow::Result<KillReport> {
    let started = Instant::now();
    let running = load::start(load.settings(server))?;
    let mut restarts = Vec::new();
    for _ in 0..kills {
        tokio::time::sleep(every).await;
        tokio::task::block_in_place(|| -> anyhow::Result<()> {
            server.kill()?;
            restarts.push(server.restart()?);
            Ok(())
        })?;
    }
    tokio::time::sleep(every).await;
    let ledger = running.finish(load.drain).await;
    let elapsed = started.elapsed();
    let verdict = verify(database_url, &load.consultation, &ledger)?;
    Ok(KillReport {
        verdict,
        kills,
        restarts,
        attempts: ledger.attempts.len(),
        no_answer: ledger.count(|o| *o == Outcome::NoAnswer),
        unavailable: ledger.count(|o| matches!(o, Outcome::Unavailable { .. })),
        server_errors: ledger.server_errors(),
        replayed: ledger.count(|o| *o == Outcome::Created { replayed: true }),
        elapsed,
    })
}

/// What breaks the database for a while.
pub enum Fault<'a> {
    /// `pg_ctl stop -m fast`, then start again.
    Restart(&'a PrivateCluster),
    /// A session holding `LOCK TABLE responses IN ACCESS EXCLUSIVE MODE` on this database.
    LockResponses(&'a str),
}

/// The figures of an outage run.
#[derive(Debug)]
pub struct OutageReport {
    pub verdict: Verdict,
    pub outage: Duration,
    /// Attempts started during the outage, and how they ended.
    pub during: usize,
    pub during_unavailable: usize,
    pub during_created: usize,
    pub during_no_answer: usize,
    /// The longest answer to an attempt started during the outage.
    pub max_latency: Duration,
    /// 503s without Retry-After or problem+json, and 5xx other than 503, over the whole run.
    pub bad_503s: usize,
    pub server_errors: usize,
    /// /readyz answers during the outage that were not 200, of all; /livez answers that were not 200.
    pub readyz_failed: usize,
    pub readyz_during: usize,
    pub livez_failed: usize,
    pub livez_checked: usize,
    /// From the end of the fault to the first 201, and whether /readyz was 200 again at the end.
    pub recovered_after: Option<Duration>,
    pub ready_at_end: bool,
}

impl OutageReport {
    /// What every outage must show: nothing lost or doubled, clean 503s (and no other 5xx) quickly
    /// while it lasts, /livez up throughout, and submissions succeeding again afterwards.
    #[allow(dead_code)] // used by examples/chaos.rs, which includes this file
    pub fn held_up(&self) -> bool {
        self.verdict.passed()
            && self.bad_503s + self.server_errors + self.livez_failed == 0
            && self.during_unavailable > 0
            && self.max_latency < Duration::from_secs(5)
            && self.recovered_after.is_some()
    }

    pub fn summary(&self) -> String {
        format!(
            "outage {:.1} s: {} attempts started during it ({} 503, {} 201, {} no answer); max latency {} ms\n\
             503s without Retry-After/problem+json {}; other 5xx {}; /readyz failed {} of {} during the outage; \
             /livez failed {} of {}\nrecovered {} after the fault ended; /readyz 200 at the end: {}\n{}",
            self.outage.as_secs_f64(),
            self.during,
            self.during_unavailable,
            self.during_created,
            self.during_no_answer,
            self.max_latency.as_millis(),
            self.bad_503s,
            self.server_errors,
            self.readyz_failed,
            self.readyz_during,
            self.livez_failed,
            self.livez_checked,
            self.recovered_after
                .map(|d| format!("{} ms", d.as_millis()))
                .unwrap_or_else(|| "NEVER".into()),
            self.ready_at_end,
            self.verdict.summary()
        )
    }
}

/// A request to `path`: its status, or None without an answer.
async fn probe(client: &reqwest::Client, base: &str, path: &str) -> Option<u16> {
    client
        .get(format!("{base}{path}"))
        .send()
        .await
        .ok()
        .map(|r| r.status().as_u16())
}

/// Runs the load for `before`, breaks the database with `fault` for `outage` while probing
/// /livez and /readyz, repairs it, runs for `after`, drains and checks the database.
pub async fn outage_under_load(
    server: &ServerProcess,
    database_url: &str,
    load: &Load,
    fault: Fault<'_>,
    (before, outage, after): (Duration, Duration, Duration),
) -> anyhow::Result<OutageReport> {
    let running = load::start(load.settings(server))?;
    let probes = reqwest::Client::builder().timeout(Duration::from_secs(10)).build()?;
    let base = server.base_url();
    tokio::time::sleep(before).await;

    // The outage starts when PostgreSQL is told to stop (it ends every session at once), or
    // once the lock is granted.
    let mut broken_at = Instant::now();
    let lock_holder = match &fault {
        Fault::Restart(cluster) => {
            tokio::task::block_in_place(|| cluster.stop_server())?;
            None
        }
        Fault::LockResponses(url) => {
            let holder = tokio::task::block_in_place(|| hold_lock(url, outage))?;
            broken_at = Instant::now();
            Some(holder)
        }
    };
    let (mut readyz_failed, mut readyz_during, mut livez_failed, mut livez_checked) = (0, 0, 0, 0);
    while broken_at.elapsed() < outage {
        let (live, ready) = tokio::join!(probe(&probes, &base, "/livez"), probe(&probes, &base, "/readyz"));
        livez_checked += 1;
        livez_failed += usize::from(live != Some(200));
        readyz_during += 1;
        readyz_failed += usize::from(ready != Some(200));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    match &fault {
        Fault::Restart(cluster) => tokio::task::block_in_place(|| cluster.start_server())?,
        Fault::LockResponses(_) => {}
    }
    let mut repaired_at = Instant::now();
    if let Some(holder) = lock_holder {
        // When the lock went, not when the last probe returned.
        repaired_at = holder.await??;
    }
    tokio::time::sleep(after).await;
    let live_after = probe(&probes, &base, "/livez").await;
    livez_checked += 1;
    livez_failed += usize::from(live_after != Some(200));
    let ready_at_end = probe(&probes, &base, "/readyz").await == Some(200);
    let ledger = running.finish(load.drain).await;
    let verdict = verify(database_url, &load.consultation, &ledger)?;
    let during: Vec<_> = ledger
        .attempts
        .iter()
        .filter(|a| a.started >= broken_at && a.started < repaired_at)
        .collect();
    let count = |pred: &dyn Fn(&Outcome) -> bool| during.iter().filter(|a| pred(&a.outcome)).count();
    Ok(OutageReport {
        outage: repaired_at - broken_at,
        during: during.len(),
        during_unavailable: count(&|o| matches!(o, Outcome::Unavailable { .. })),
        during_created: count(&|o| matches!(o, Outcome::Created { .. })),
        during_no_answer: count(&|o| *o == Outcome::NoAnswer),
        max_latency: ledger.max_latency_between(broken_at, repaired_at),
        bad_503s: ledger.bad_503s(),
        server_errors: ledger.server_errors(),
        readyz_failed,
        readyz_during,
        livez_failed,
        livez_checked,
        recovered_after: ledger.first_created_after(repaired_at).map(|t| t - repaired_at),
        ready_at_end,
        verdict,
    })
}

/// A session that locks `responses` exclusively for `hold`, then commits; resolves to the
/// moment the lock was released.
fn hold_lock(database_url: &str, hold: Duration) -> anyhow::Result<tokio::task::JoinHandle<anyhow::Result<Instant>>> {
    let mut conn = PgConnection::establish(database_url)?;
    diesel::sql_query("BEGIN").execute(&mut conn)?;
    diesel::sql_query("LOCK TABLE responses IN ACCESS EXCLUSIVE MODE").execute(&mut conn)?;
    Ok(tokio::task::spawn_blocking(move || {
        std::thread::sleep(hold);
        diesel::sql_query("COMMIT").execute(&mut conn)?;
        Ok(Instant::now())
    }))
}
