//! The outbox sender: claims due emails (`FOR UPDATE SKIP LOCKED` with a lease, so several
//! instances can run it), sends them, and marks each sent only after the server's 250. A
//! transient failure (4xx, connection refused, timeout) is retried with exponential backoff and
//! jitter up to the attempt limit; a permanent one (5xx) is marked failed with the server's reply.
//! A sender that dies between the 250 and marking the row leaves it claimed until the lease ends;
//! then it is sent again with the same Message-ID, so at most one duplicate, recognisable as such.
//!
//! Per-domain pacing: messages to one receiving domain are spaced so that no more than
//! `per_domain_per_second` start in any second.

use super::mailer::{build_message, SendFailure};
use super::service::{DigestError, DigestService};
use super::settings::RetryPolicy;
use crate::db::outbox::{self, ClaimedEmail};
use crate::domain::email_address::domain_of;
use rand::Rng;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// Emails claimed at a time per connection: a batch is done well within the lease (8 × the send
/// timeout).
const BATCH_PER_CONNECTION: i64 = 8;

/// What a round of sending did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SendReport {
    pub sent: usize,
    /// Transient failures, to be tried again later.
    pub deferred: usize,
    /// Permanent failures (5xx, or out of attempts).
    pub failed: usize,
}

/// The next free sending slot per receiving domain, shared by every send of one instance.
pub struct Pacing {
    spacing: Duration,
    next: Mutex<HashMap<String, Instant>>,
}

impl Pacing {
    pub fn new(per_second: u32) -> Self {
        Self {
            spacing: Duration::from_secs(1) / per_second.max(1),
            next: Mutex::new(HashMap::new()),
        }
    }

    /// When the next message to `domain` may start (now, or a spacing after the previous one).
    fn slot(&self, domain: &str) -> Instant {
        let now = Instant::now();
        let mut next = self.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        next.retain(|_, at| *at > now);
        let at = next.get(domain).copied().unwrap_or(now).max(now);
        next.insert(domain.to_string(), at + self.spacing);
        at
    }
}

/// What happened to one email.
enum Outcome {
    Sent,
    Deferred(Duration, String),
    Failed(String),
}

impl DigestService {
    /// Sends every email that is due now, batch by batch, until none is left that is due.
    pub async fn send_due(&self) -> Result<SendReport, DigestError> {
        let mut report = SendReport::default();
        loop {
            let lease = self.settings.retry.lease;
            let size = BATCH_PER_CONNECTION * i64::from(self.settings.connections.clamp(1, 25));
            let batch = crate::db::run(&self.pool, move |c| outbox::claim(c, size, lease)).await?;
            if batch.is_empty() {
                return Ok(report);
            }
            let outcomes = self.send_batch(batch).await;
            let mut sent = Vec::new();
            for (id, outcome) in outcomes {
                match outcome {
                    Outcome::Sent => sent.push(id),
                    Outcome::Deferred(delay, error) => {
                        report.deferred += 1;
                        tracing::warn!(outbox_id = id, %error, retry_in_s = delay.as_secs(), "email deferred");
                        crate::db::run(&self.pool, move |c| outbox::mark_retry(c, id, delay, &error)).await?;
                    }
                    Outcome::Failed(error) => {
                        report.failed += 1;
                        tracing::warn!(outbox_id = id, %error, "email failed permanently");
                        crate::db::run(&self.pool, move |c| outbox::mark_failed(c, id, &error)).await?;
                    }
                }
            }
            report.sent += sent.len();
            crate::db::run(&self.pool, move |c| outbox::mark_sent(c, &sent)).await?;
        }
    }

    /// Sends a claimed batch, paced per domain, at most `connections` at once.
    async fn send_batch(&self, batch: Vec<ClaimedEmail>) -> Vec<(i64, Outcome)> {
        let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(
            usize::try_from(self.settings.connections).unwrap_or(1).max(1),
        ));
        let mut tasks = tokio::task::JoinSet::new();
        for email in batch {
            let at = self.pacing.slot(&domain_of(&email.recipient));
            let (mailer, settings, limit) = (self.mailer.clone(), self.settings.clone(), limit.clone());
            tasks.spawn(async move {
                tokio::time::sleep_until(at).await;
                let _permit = limit.acquire().await;
                let id = email.id;
                let result = match build_message(&settings, &email) {
                    Ok(message) => tokio::time::timeout(settings.send_timeout, mailer.send(message))
                        .await
                        .unwrap_or_else(|_| {
                            Err(SendFailure::Transient(format!(
                                "no answer within {} s",
                                settings.send_timeout.as_secs_f64()
                            )))
                        }),
                    Err(e) => Err(e),
                };
                (id, outcome(result, email.attempts, &settings.retry))
            });
        }
        let mut outcomes = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(done) => outcomes.push(done),
                // A task that panicked leaves its row claimed; the lease frees it for a retry.
                Err(error) => tracing::error!(%error, "an email task failed"),
            }
        }
        outcomes
    }
}

fn outcome(result: Result<(), SendFailure>, attempts: i32, retry: &RetryPolicy) -> Outcome {
    match result {
        Ok(()) => Outcome::Sent,
        Err(SendFailure::Permanent(reply)) => Outcome::Failed(reply),
        Err(SendFailure::Transient(error)) if attempts >= retry.max_attempts => {
            Outcome::Failed(format!("gave up after {attempts} attempts: {error}"))
        }
        Err(SendFailure::Transient(error)) => Outcome::Deferred(backoff(attempts, retry), error),
    }
}

/// `first_delay × 2^(attempts−1)`, at most `longest_delay`, times a random factor in [0.5, 1.5)
/// so that many deferred emails do not all come back at the same moment.
pub fn backoff(attempts: i32, retry: &RetryPolicy) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
    let base = retry
        .first_delay
        .saturating_mul(1u32 << exponent)
        .min(retry.longest_delay);
    base.mul_f64(rand::thread_rng().gen_range(0.5..1.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let retry = RetryPolicy::default();
        for attempts in 1..=12 {
            let d = backoff(attempts, &retry);
            let base =
                (retry.first_delay * 2u32.pow(u32::try_from(attempts - 1).unwrap_or(0))).min(retry.longest_delay);
            assert!(
                d >= base.mul_f64(0.5) && d < base.mul_f64(1.5),
                "attempt {attempts}: {d:?}"
            );
        }
    }

    #[test]
    fn transient_failures_become_permanent_at_the_attempt_limit() {
        let retry = RetryPolicy::default();
        let transient = || Err(SendFailure::Transient("421 try later".into()));
        assert!(matches!(outcome(transient(), 1, &retry), Outcome::Deferred(..)));
        assert!(matches!(
            outcome(transient(), retry.max_attempts, &retry),
            Outcome::Failed(_)
        ));
        assert!(matches!(
            outcome(Err(SendFailure::Permanent("550 no such user".into())), 1, &retry),
            Outcome::Failed(_)
        ));
        assert!(matches!(outcome(Ok(()), 1, &retry), Outcome::Sent));
    }
}
