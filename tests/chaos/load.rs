//! A closed-loop load generator for the JSON API: `workers` clients each submit responses one
//! after another, as fast as the server answers, each with a new Idempotency-Key. A submission
//! without an answer (connection refused or reset, timeout, 503) is retried with the same key and
//! body until it gets one, so every submission ends acknowledged (201) or rejected (any other
//! status, which is a failure). Every attempt is recorded with its start time and latency, so the
//! caller can look at what happened during an outage.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 201; `replayed` when the server said it had stored this key before (Idempotent-Replayed).
    Created { replayed: bool },
    /// 503; whether it carried Retry-After and was application/problem+json.
    Unavailable { retry_after: bool, problem_json: bool },
    /// Any other status (a 5xx here is a bug; a 4xx means the generator sent something wrong).
    Status(u16),
    /// No HTTP answer: refused, reset, or the client's timeout.
    NoAnswer,
}

#[derive(Debug, Clone)]
pub struct Attempt {
    pub started: Instant,
    pub latency: Duration,
    pub outcome: Outcome,
}

/// A submission that ended in a 201.
#[derive(Debug, Clone)]
pub struct Acknowledged {
    pub key: String,
    pub id: uuid::Uuid,
    /// Attempts it took (1: acknowledged at once; more: a retry succeeded).
    pub attempts: u32,
}

/// Everything the generator saw.
#[derive(Debug, Default)]
pub struct Ledger {
    pub acknowledged: Vec<Acknowledged>,
    /// Submissions that ended with a status other than 201 or 503: (key, status).
    pub rejected: Vec<(String, u16)>,
    /// Submissions still unanswered when the drain deadline passed.
    pub unresolved: Vec<String>,
    pub attempts: Vec<Attempt>,
}

impl Ledger {
    pub fn first_try(&self) -> usize {
        self.acknowledged.iter().filter(|a| a.attempts == 1).count()
    }
    pub fn retried_successes(&self) -> usize {
        self.acknowledged.iter().filter(|a| a.attempts > 1).count()
    }
    /// Attempts answered with a 5xx other than 503.
    pub fn server_errors(&self) -> usize {
        self.attempts
            .iter()
            .filter(|a| matches!(a.outcome, Outcome::Status(s) if s >= 500))
            .count()
    }
    /// 503s missing Retry-After or problem+json.
    pub fn bad_503s(&self) -> usize {
        self.attempts
            .iter()
            .filter(|a| {
                matches!(a.outcome, Outcome::Unavailable { retry_after, problem_json } if !(retry_after && problem_json))
            })
            .count()
    }
    pub fn count(&self, pred: impl Fn(&Outcome) -> bool) -> usize {
        self.attempts.iter().filter(|a| pred(&a.outcome)).count()
    }
    /// The longest answer to an attempt started in `[from, to)`.
    pub fn max_latency_between(&self, from: Instant, to: Instant) -> Duration {
        self.attempts
            .iter()
            .filter(|a| a.started >= from && a.started < to)
            .map(|a| a.latency)
            .max()
            .unwrap_or_default()
    }
    /// When the first 201 that arrived at or after `after` arrived.
    pub fn first_created_after(&self, after: Instant) -> Option<Instant> {
        self.attempts
            .iter()
            .filter(|a| matches!(a.outcome, Outcome::Created { .. }))
            .map(|a| a.started + a.latency)
            .filter(|done| *done >= after)
            .min()
    }
}

/// The load generator's settings.
#[derive(Debug, Clone)]
pub struct LoadSettings {
    pub base_url: String,
    pub consultation: String,
    pub workers: usize,
    /// The client's timeout for one attempt.
    pub request_timeout: Duration,
    /// Pause before retrying an unanswered attempt.
    pub retry_pause: Duration,
}

/// A running load; [`RunningLoad::finish`] stops new submissions and drains the retries.
pub struct RunningLoad {
    stop: Arc<AtomicBool>,
    give_up: Arc<AtomicBool>,
    ledger: Arc<Mutex<Ledger>>,
    workers: Vec<tokio::task::JoinHandle<()>>,
}

pub fn start(settings: LoadSettings) -> anyhow::Result<RunningLoad> {
    let client = reqwest::Client::builder()
        .timeout(settings.request_timeout)
        .pool_max_idle_per_host(settings.workers)
        .build()?;
    let stop = Arc::new(AtomicBool::new(false));
    let give_up = Arc::new(AtomicBool::new(false));
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let url = format!(
        "{}/api/v1/consultations/{}/responses",
        settings.base_url, settings.consultation
    );
    let workers = (0..settings.workers)
        .map(|worker| {
            let (client, url, stop, give_up, ledger) = (
                client.clone(),
                url.clone(),
                stop.clone(),
                give_up.clone(),
                ledger.clone(),
            );
            let pause = settings.retry_pause;
            tokio::spawn(async move {
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let key = uuid::Uuid::new_v4().to_string();
                    let body = response_body(worker as u64 * 1_000_003 + n);
                    submit(&client, &url, &key, &body, pause, &give_up, &ledger).await;
                }
            })
        })
        .collect();
    Ok(RunningLoad {
        stop,
        give_up,
        ledger,
        workers,
    })
}

impl RunningLoad {
    /// Stops starting new submissions, lets the unanswered ones retry for up to `drain`, and
    /// returns the ledger.
    pub async fn finish(self, drain: Duration) -> Ledger {
        self.stop.store(true, Ordering::Relaxed);
        let give_up = self.give_up.clone();
        let timer = tokio::spawn(async move {
            tokio::time::sleep(drain).await;
            give_up.store(true, Ordering::Relaxed);
        });
        for worker in self.workers {
            let _ = worker.await;
        }
        timer.abort();
        std::mem::take(&mut *self.ledger.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// A valid response that varies with `n`: council area, answers and ranked concerns.
pub fn response_body(n: u64) -> Value {
    const AREAS: [&str; 4] = ["S12000036", "S12000019", "S12000010", "S12000026"];
    const CONCERNS: [&str; 4] = ["drug_dealing", "speeding", "housebreaking", "antisocial_behaviour"];
    let first = (n % 4) as usize;
    json!({
        "council_area": AREAS[(n / 4 % 4) as usize],
        "feel_safe": n % 5 + 1,
        "confidence": (n / 5) % 5 + 1,
        "concerns": [CONCERNS[first], CONCERNS[(first + 1 + (n as usize / 16) % 3) % 4]],
        "age_band": "35-44",
    })
}

async fn submit(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    body: &Value,
    pause: Duration,
    give_up: &AtomicBool,
    ledger: &Mutex<Ledger>,
) {
    let mut attempts = 0u32;
    loop {
        if give_up.load(Ordering::Relaxed) {
            lock(ledger).unresolved.push(key.to_string());
            return;
        }
        attempts += 1;
        let started = Instant::now();
        let sent = client.post(url).header("Idempotency-Key", key).json(body).send().await;
        let (outcome, id) = match sent {
            Err(_) => (Outcome::NoAnswer, None),
            Ok(res) => {
                let status = res.status().as_u16();
                let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                let replayed = header("idempotent-replayed").as_deref() == Some("true");
                let retry_after = header("retry-after").is_some();
                let problem_json = header("content-type").as_deref() == Some("application/problem+json");
                match status {
                    201 => match res.json::<Value>().await {
                        Ok(v) => (
                            Outcome::Created { replayed },
                            v["id"].as_str().and_then(|s| s.parse::<uuid::Uuid>().ok()),
                        ),
                        // The body was lost on the way: unanswered, so retried.
                        Err(_) => (Outcome::NoAnswer, None),
                    },
                    503 => (
                        Outcome::Unavailable {
                            retry_after,
                            problem_json,
                        },
                        None,
                    ),
                    other => (Outcome::Status(other), None),
                }
            }
        };
        let latency = started.elapsed();
        if record(
            ledger,
            key,
            attempts,
            Attempt {
                started,
                latency,
                outcome,
            },
            id,
        ) {
            return;
        }
        tokio::time::sleep(pause).await;
    }
}

/// Records one attempt; true when the submission is over (acknowledged or rejected).
fn record(ledger: &Mutex<Ledger>, key: &str, attempts: u32, attempt: Attempt, id: Option<uuid::Uuid>) -> bool {
    let mut l = lock(ledger);
    let outcome = attempt.outcome.clone();
    l.attempts.push(attempt);
    match (outcome, id) {
        (Outcome::Created { .. }, Some(id)) => {
            l.acknowledged.push(Acknowledged {
                key: key.to_string(),
                id,
                attempts,
            });
            true
        }
        (Outcome::Created { .. }, None) => {
            l.rejected.push((key.to_string(), 201));
            true
        }
        (Outcome::Status(status), _) => {
            l.rejected.push((key.to_string(), status));
            true
        }
        (Outcome::Unavailable { .. } | Outcome::NoAnswer, _) => false,
    }
}

fn lock(ledger: &Mutex<Ledger>) -> std::sync::MutexGuard<'_, Ledger> {
    ledger.lock().unwrap_or_else(|e| e.into_inner())
}
