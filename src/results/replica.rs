//! Reading results from a streaming replica. With a replica configured, every read the results
//! use cases make (dataset loads, version checks, snapshot reads, the pack's comments) goes to it,
//! and only snapshot-taking writes to the primary; without one, everything uses the primary, as
//! before. A replica serves the primary's data as of its last replayed WAL position, so results
//! may trail the primary by the replica's lag, which [`ResultsService::replica_lag`] measures.

use super::{ResultsError, ResultsService};
use crate::db::replication::{replica_lag, ReplicaLag};
use crate::db::DbPool;

impl ResultsService {
    /// The same service reading from `replica` (a hot standby of `pool`'s primary).
    pub fn with_replica(mut self, replica: DbPool) -> Self {
        self.reads = replica;
        self.replicated = true;
        self
    }

    /// The pool results read from: the replica, or the primary when there is none.
    pub fn read_pool(&self) -> &DbPool {
        &self.reads
    }

    /// Whether results are read from a replica.
    pub fn has_replica(&self) -> bool {
        self.replicated
    }

    /// How far the replica is behind the primary now; `None` without a replica, or when the
    /// replica URL names a server that is not a standby.
    pub async fn replica_lag(&self) -> Result<Option<ReplicaLag>, ResultsError> {
        if !self.replicated {
            return Ok(None);
        }
        let primary = self.pool.clone();
        let lag = crate::db::run(&self.reads, move |replica| {
            let mut primary = primary
                .get()
                .map_err(|e| crate::db::DbError::Unavailable(e.to_string()))?;
            replica_lag(replica, &mut primary)
        })
        .await?;
        Ok(lag)
    }
}
