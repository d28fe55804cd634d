//! A per-client rate limiter (the `governor` crate's GCRA, one bucket per [`ClientKey`]), usable
//! for any action: survey submissions now, analyst sign-in when it exists. Buckets live in memory
//! only and are per instance. Limits come from `crate::config` (`LOCALVOICE_SUBMIT_RATE_PER_MINUTE`,
//! `LOCALVOICE_SUBMIT_BURST`); this module reads no environment variables itself.

use crate::client_key::ClientKey;
use crate::config::RateLimit;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Checks between two sweeps of buckets that are full again (so memory does not grow with every
/// client ever seen).
const SWEEP_EVERY: u64 = 4096;

/// A client over its limit, and how long until it may try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    pub retry_after: Duration,
}

impl Throttled {
    /// Whole seconds to wait, rounded up and at least 1 (for `Retry-After`).
    pub fn retry_after_seconds(&self) -> u64 {
        let whole = self.retry_after.as_secs() + u64::from(self.retry_after.subsec_nanos() > 0);
        whole.max(1)
    }
}

/// One limit for many clients; `None` inside when the limit is switched off.
pub struct ClientRateLimiter {
    limiter: Option<DefaultKeyedRateLimiter<ClientKey>>,
    checks: AtomicU64,
}

impl std::fmt::Debug for ClientRateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientRateLimiter")
            .field("enabled", &self.limiter.is_some())
            .finish()
    }
}

impl ClientRateLimiter {
    /// A limiter allowing `limit` per client; `None` allows everything.
    pub fn new(limit: Option<RateLimit>) -> Self {
        let limiter = limit.map(|limit| {
            // per_minute(n) refills one cell every 60/n s; the burst is the bucket's size.
            RateLimiter::keyed(Quota::per_minute(limit.per_minute).allow_burst(limit.burst))
        });
        Self {
            limiter,
            checks: AtomicU64::new(0),
        }
    }

    /// Counts one action by `client`: `Err` when it is over the limit (the action is not counted).
    pub fn check(&self, client: &ClientKey) -> Result<(), Throttled> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter.check_key(client).map_err(|not_until| Throttled {
            retry_after: not_until.wait_time_from(DefaultClock::default().now()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client_key::ClientKeyer;
    use std::num::NonZeroU32;

    fn limit(per_minute: u32, burst: u32) -> Option<RateLimit> {
        Some(RateLimit {
            per_minute: NonZeroU32::new(per_minute).unwrap(),
            burst: NonZeroU32::new(burst).unwrap(),
        })
    }

    #[test]
    fn a_client_over_its_burst_is_told_how_long_to_wait() {
        let limiter = ClientRateLimiter::new(limit(2, 3));
        let client = ClientKeyer::new().key("203.0.113.7".parse().unwrap());
        for _ in 0..3 {
            assert!(limiter.check(&client).is_ok());
        }
        let throttled = limiter.check(&client).unwrap_err();
        // One cell comes back every 30 s.
        assert!(throttled.retry_after <= Duration::from_secs(30), "{throttled:?}");
        assert!(throttled.retry_after_seconds() >= 29, "{throttled:?}");
    }

    #[test]
    fn clients_do_not_share_a_bucket() {
        let limiter = ClientRateLimiter::new(limit(1, 1));
        let keyer = ClientKeyer::new();
        let (a, b) = (
            keyer.key("203.0.113.7".parse().unwrap()),
            keyer.key("203.0.113.8".parse().unwrap()),
        );
        assert!(limiter.check(&a).is_ok());
        assert!(limiter.check(&a).is_err());
        assert!(limiter.check(&b).is_ok());
    }

    #[test]
    fn no_limit_allows_everything() {
        let limiter = ClientRateLimiter::new(None);
        let client = ClientKeyer::new().key("203.0.113.7".parse().unwrap());
        assert!((0..10_000).all(|_| limiter.check(&client).is_ok()));
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        let t = |ms| Throttled {
            retry_after: Duration::from_millis(ms),
        };
        assert_eq!(t(0).retry_after_seconds(), 1);
        assert_eq!(t(1500).retry_after_seconds(), 2);
        assert_eq!(t(6000).retry_after_seconds(), 6);
    }
}
