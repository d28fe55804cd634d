//! The rate limit on submissions, applied by the survey form and the responses API before they
//! call the submission service: the client is known by a daily-rotating keyed hash of its address
//! (`crate::client_key`), the address taken from `X-Forwarded-For` only behind a trusted proxy
//! (`crate::client_address`). Limits come from `LOCALVOICE_SUBMIT_RATE_PER_MINUTE` and
//! `LOCALVOICE_SUBMIT_BURST` via `crate::config`.

use crate::rate_limit::Throttled;
use crate::state::AppState;
use actix_web::HttpRequest;

/// Counts one submission by the request's client; `Err` when it is over the limit. A request whose
/// peer address is unknown (not a TCP connection) is not limited.
pub fn check_submission_rate(state: &AppState, req: &HttpRequest) -> Result<(), Throttled> {
    let Some(peer) = req.peer_addr() else {
        return Ok(());
    };
    let forwarded = req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok());
    let address = state.protection.trusted_proxies.client_address(peer.ip(), forwarded);
    state.submit_limiter.check(&state.client_keys.key(address))
}
