//! Every setting LocalVoice reads from its environment, in one table. Those with a command-line
//! flag are read by clap in `crate::cli` (the flag wins); the logging ones by `crate::telemetry`
//! at start-up; the database connection settings here, by [`DatabaseSettings::from_env`].
//!
//! | variable | meaning | default | read by |
//! |---|---|---|---|
//! | `DATABASE_URL` | PostgreSQL URL; the database is created if missing | `postgres://postgres@127.0.0.1:5432/localvoice` | `cli` (`--database-url`) |
//! | `LOCALVOICE_REPLICA_URL` | PostgreSQL URL of a streaming replica (hot standby) that results, comparisons and evidence packs read from; results API responses then carry `LocalVoice-Replica-Lag-Ms`, `LocalVoice-Replica-Lag-Bytes` and `LocalVoice-Replica-Replay-Lsn` | none: everything uses `DATABASE_URL` | `cli` (`--replica-url`) |
//! | `LOCALVOICE_DEFS` | folder of consultation definitions | `survey-defs` | `cli` (`--defs`) |
//! | `LOCALVOICE_SEEDS` | folder of reference data | `seeds` | `cli` (`--seeds`) |
//! | `LOCALVOICE_BIND` | address `serve` and `demo` listen on | `127.0.0.1:8080` | `cli` (`--bind`) |
//! | `LOCALVOICE_DB_POOL` | largest number of pooled database connections | `16` | [`DatabaseSettings`] |
//! | `LOCALVOICE_DB_STATEMENT_TIMEOUT_MS` | longest a statement on a pooled connection may run, in milliseconds, before PostgreSQL cancels it (the request then answers 503) | `30000` | [`DatabaseSettings`] |
//! | `LOCALVOICE_DB_LOCK_TIMEOUT_MS` | longest a statement on a pooled connection may wait for a lock, in milliseconds, before PostgreSQL cancels it (the request then answers 503) | `2000` | [`DatabaseSettings`] |
//! | `LOCALVOICE_DB_CHECKOUT_TIMEOUT_MS` | longest a request waits for a pooled connection (all busy, or the database down), in milliseconds, before answering 503 | `2000` | [`DatabaseSettings`] |
//! | `LOCALVOICE_SMTP_URL`, `LOCALVOICE_MAIL_DIR`, `LOCALVOICE_MAIL_FROM`, `LOCALVOICE_PUBLIC_URL`, `LOCALVOICE_DKIM_KEY_FILE`, `LOCALVOICE_DKIM_SELECTOR`, `LOCALVOICE_MAIL_PER_DOMAIN_PER_SECOND`, `LOCALVOICE_MAIL_MAX_ATTEMPTS`, `LOCALVOICE_MAIL_RETRY_SECONDS`, `LOCALVOICE_DIGEST_INTERVAL_SECONDS` | where digests and confirmation emails go and how they are paced and retried | see `crate::digest::settings` | `crate::digest::settings::MailSettings::from_env` |
//! | `LOCALVOICE_LOG` / `RUST_LOG` | log filter (tracing `EnvFilter` syntax) | `info` | `telemetry` |
//! | `LOCALVOICE_LOG_FORMAT` | `json` for one JSON object per log line | human-readable | `telemetry` |
//! | `LOCALVOICE_SUBMIT_RATE_PER_MINUTE` | responses (web form and API) one client may send per minute, sustained; `0` switches the limit off | `10` | [`ProtectionSettings`] |
//! | `LOCALVOICE_SUBMIT_BURST` | responses one client may send at once before the per-minute rate applies | `20` | [`ProtectionSettings`] |
//! | `LOCALVOICE_TRUSTED_PROXIES` | comma-separated IP addresses of reverse proxies whose `X-Forwarded-For` is believed (see `crate::client_address`) | none: the peer address is the client | [`ProtectionSettings`] |
//! | `LOCALVOICE_FORM_MIN_SECONDS` | fewest seconds between serving the survey form and its being sent; quicker forms are refused as automated (the resident can send again); `0` switches it off | `3` | [`ProtectionSettings`] |
//! | `LOCALVOICE_HSTS` | `true` when the service is reached over https: every response then has `Strict-Transport-Security` | `false` | [`ProtectionSettings`] |
//!
//! A client is known to the rate limiter only by a keyed hash of its address whose key is random,
//! held in memory and replaced every UTC day (`crate::client_key`); no address is logged or stored.

mod protection;

pub use protection::{
    ProtectionSettings, RateLimit, DEFAULT_FORM_MIN_SECONDS, DEFAULT_SUBMIT_BURST, DEFAULT_SUBMIT_RATE_PER_MINUTE,
};
use std::time::Duration;

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/localvoice";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Largest request body the API and forms accept. A response with a 2,000-character comment is ~3 KiB.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// How the web application's connection pool behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatabaseSettings {
    /// Largest number of pooled connections (`LOCALVOICE_DB_POOL`).
    pub pool_size: u32,
    /// How long a request waits for a pooled connection before answering 503
    /// (`LOCALVOICE_DB_CHECKOUT_TIMEOUT_MS`). While the database is down every checkout waits
    /// this long, so it bounds how quickly an outage is reported.
    pub checkout_timeout: Duration,
    /// How long one statement may run before PostgreSQL cancels it, so that no request holds a
    /// connection indefinitely (`LOCALVOICE_DB_STATEMENT_TIMEOUT_MS`).
    pub statement_timeout: Duration,
    /// How long one statement may wait for a lock before PostgreSQL cancels it
    /// (`LOCALVOICE_DB_LOCK_TIMEOUT_MS`): a table locked by maintenance or a stuck session gives
    /// quick 503s instead of requests piling up behind it.
    pub lock_timeout: Duration,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            pool_size: 16,
            checkout_timeout: Duration::from_secs(2),
            statement_timeout: Duration::from_secs(30),
            lock_timeout: Duration::from_secs(2),
        }
    }
}

/// A setting in the environment that is not a value LocalVoice can use.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{name} must be {expected}, not '{value}'")]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl DatabaseSettings {
    /// The defaults, overridden by the variables that are set; a set variable that is not a
    /// usable value is an error rather than silently replaced by the default.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`DatabaseSettings::from_env`], with the variables looked up by `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let defaults = Self::default();
        let pool_size = match lookup("LOCALVOICE_DB_POOL") {
            None => defaults.pool_size,
            Some(raw) => positive("LOCALVOICE_DB_POOL", &raw, "a whole number of connections, 1 or more")?,
        };
        let millis = |name: &'static str, default: Duration| match lookup(name) {
            None => Ok(default),
            Some(raw) => positive(name, &raw, "a whole number of milliseconds, 1 or more").map(Duration::from_millis),
        };
        Ok(Self {
            pool_size,
            checkout_timeout: millis("LOCALVOICE_DB_CHECKOUT_TIMEOUT_MS", defaults.checkout_timeout)?,
            statement_timeout: millis("LOCALVOICE_DB_STATEMENT_TIMEOUT_MS", defaults.statement_timeout)?,
            lock_timeout: millis("LOCALVOICE_DB_LOCK_TIMEOUT_MS", defaults.lock_timeout)?,
        })
    }
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(
    name: &'static str,
    raw: &str,
    expected: &'static str,
) -> Result<T, ConfigError> {
    match raw.trim().parse::<T>() {
        Ok(v) if v > T::default() => Ok(v),
        _ => Err(ConfigError {
            name,
            value: raw.to_string(),
            expected,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<DatabaseSettings, ConfigError> {
        DatabaseSettings::from_lookup(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn unset_variables_give_the_documented_defaults() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.pool_size, 16);
        assert_eq!(s.statement_timeout, Duration::from_millis(30_000));
        assert_eq!(s.checkout_timeout, Duration::from_millis(2_000));
        assert_eq!(s.lock_timeout, Duration::from_millis(2_000));
    }

    #[test]
    fn set_variables_override_the_defaults() {
        let s = settings(&[
            ("LOCALVOICE_DB_POOL", "4"),
            ("LOCALVOICE_DB_STATEMENT_TIMEOUT_MS", " 2500 "),
            ("LOCALVOICE_DB_LOCK_TIMEOUT_MS", "700"),
            ("LOCALVOICE_DB_CHECKOUT_TIMEOUT_MS", "900"),
        ])
        .unwrap();
        assert_eq!((s.pool_size, s.statement_timeout), (4, Duration::from_millis(2500)));
        assert_eq!(s.lock_timeout, Duration::from_millis(700));
        assert_eq!(s.checkout_timeout, Duration::from_millis(900));
    }

    #[test]
    fn an_unusable_value_is_an_error_naming_the_variable() {
        for (name, value) in [
            ("LOCALVOICE_DB_POOL", "0"),
            ("LOCALVOICE_DB_POOL", "sixteen"),
            ("LOCALVOICE_DB_STATEMENT_TIMEOUT_MS", "-5"),
            ("LOCALVOICE_DB_STATEMENT_TIMEOUT_MS", "30s"),
            ("LOCALVOICE_DB_LOCK_TIMEOUT_MS", "0"),
            ("LOCALVOICE_DB_CHECKOUT_TIMEOUT_MS", "2 s"),
        ] {
            let error = settings(&[(name, value)]).unwrap_err();
            assert_eq!(error.name, name);
            assert!(error.to_string().starts_with(&format!("{name} must be")), "{error}");
        }
    }
}
