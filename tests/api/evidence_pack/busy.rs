//! Expensive work is limited per instance: while the only turn for computing is taken, a pack that
//! must be worked out is refused with 503 and Retry-After (never a queue without end), and a pack
//! that was worked out before comes from the cache without needing a turn.

use super::{pack_path, store_demo_data, PREVIOUS};
use crate::helpers::{repo_path, spawn_app_with_limit, TestApp};
use localvoice::results::service::ComputeLimit;
use std::time::Duration;

/// Takes the only computing turn for `hold` (as a long pack or bootstrap would).
fn occupy_the_only_turn(app: &TestApp, hold: Duration) -> tokio::task::JoinHandle<()> {
    let results = app.state.results.clone();
    let handle = tokio::spawn(async move {
        results
            .compute(move || {
                std::thread::sleep(hold);
                Ok(())
            })
            .await
            .expect("the turn was free");
    });
    handle
}

#[actix_web::test]
async fn a_pack_over_the_compute_limit_is_a_503_with_retry_after_and_a_cached_pack_needs_no_turn() {
    let limit = ComputeLimit {
        at_once: 1,
        wait: Duration::from_millis(50),
    };
    let app = spawn_app_with_limit(&repo_path("survey-defs"), limit).await;
    store_demo_data(&app, 1500);
    let cached_path = pack_path("J", &format!("&compare_with={PREVIOUS}"));
    assert_eq!(app.get(&cached_path).await.status(), 200);

    let holder = occupy_the_only_turn(&app, Duration::from_secs(3));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let refused = app.get(&pack_path("J", "&compare_with=none")).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "5");
    let page = refused.text().await.unwrap();
    assert!(page.contains("try again in a few seconds"), "{page}");
    let results = app
        .get("/api/v1/consultations/your-police-2026/results?division=G&seed=99")
        .await;
    assert_eq!(
        results.status(),
        503,
        "a results request with a new seed needs a turn too"
    );
    assert_eq!(
        app.get(&cached_path).await.status(),
        200,
        "the cached pack needs no turn"
    );
    holder.await.unwrap();

    assert_eq!(app.get(&pack_path("J", "&compare_with=none")).await.status(), 200);
}
