//! Settings, from command-line flags or environment variables (flags win).
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `DATABASE_URL` | PostgreSQL URL; the database is created if missing | `postgres://postgres@127.0.0.1:5432/localvoice` |
//! | `LOCALVOICE_DEFS` | folder of consultation definitions | `survey-defs` |
//! | `LOCALVOICE_SEEDS` | folder of reference data | `seeds` |
//! | `LOCALVOICE_BIND` | address `serve` and `demo` listen on | `127.0.0.1:8080` |
//! | `LOCALVOICE_DB_POOL` | largest number of database connections | `16` |
//! | `LOCALVOICE_LOG` / `RUST_LOG` | log filter (tracing `EnvFilter` syntax) | `info` |
//! | `LOCALVOICE_LOG_FORMAT` | `json` for one JSON object per log line | human-readable |

use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/localvoice";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Largest request body the API and forms accept. A response with a 2,000-character comment is ~3 KiB.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// Everything the web application needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub defs_dir: PathBuf,
    pub seeds_dir: PathBuf,
    pub bind: String,
    pub pool_size: u32,
    /// How long a request waits for a database connection before answering 503.
    pub db_checkout_timeout: Duration,
}

impl Settings {
    pub fn new(database_url: String, defs_dir: PathBuf, seeds_dir: PathBuf, bind: String) -> Self {
        let pool_size = std::env::var("LOCALVOICE_DB_POOL")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(16);
        Self {
            database_url,
            defs_dir,
            seeds_dir,
            bind,
            pool_size,
            db_checkout_timeout: Duration::from_secs(3),
        }
    }
}
