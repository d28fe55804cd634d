//! How much CPU-bound results work one instance does at once, and running it off the async runtime.

use super::ResultsError;

/// How much expensive work (weighting with a bootstrap, evidence packs) one instance does at once,
/// so that analysts' requests can never starve survey submissions of CPU. A request that cannot
/// start within `wait` is refused as busy (503 with Retry-After), never queued without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComputeLimit {
    pub at_once: usize,
    pub wait: std::time::Duration,
}

impl Default for ComputeLimit {
    /// One computation per core; wait up to 10 seconds for a turn.
    fn default() -> Self {
        Self {
            at_once: std::thread::available_parallelism().map_or(2, |n| n.get()),
            wait: std::time::Duration::from_secs(10),
        }
    }
}

/// Runs CPU-bound work on the blocking pool, so the async runtime keeps serving other requests.
pub(super) async fn run_blocking<T, F>(work: F) -> Result<T, ResultsError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ResultsError> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ResultsError::Internal(format!("the computation stopped: {e}")))?
}
