//! The evidence pack over HTTP (`/analyst/evidence-pack`) from demo data in the real survey
//! definitions: its numbers against the results API, suppression of a small area, redaction of
//! planted personal data (a corpus of identifying comments), comments sent through the API never
//! quoted, a planted gap in the current plan, and honest errors.

mod api_comments;
mod busy;
mod errors;
mod gap;
mod numbers;
mod planted_quotes;
mod screening;
mod suppression;

use crate::helpers::{repo_path, spawn_app_with_defs, TestApp};
use diesel::RunQueryDsl;
use localvoice::demo::{store_generated, Wave};
use serde_json::Value;

pub const CURRENT: &str = "your-police-2026";
pub const PREVIOUS: &str = "your-police-2025";
pub const EAST_LOTHIAN: &str = "S12000010";
pub const MIDLOTHIAN: &str = "S12000019";

/// The app with the real survey definitions and `current` (and 4/5 as many previous-wave) demo
/// responses across Scotland.
pub async fn app_with_demo_data(current: usize) -> TestApp {
    let app = spawn_app_with_defs(&repo_path("survey-defs")).await;
    store_demo_data(&app, current);
    // Released to the public too, so the public API and the analysts' pack can be compared.
    app.snapshot().await;
    app
}

/// Stores `current` (and 4/5 as many previous-wave) demo responses in the app's database.
pub fn store_demo_data(app: &TestApp, current: usize) {
    let mut conn = app.db.connect();
    let find = |id: &str| app.state.consultations.get(id).expect("definition loaded").clone();
    let (geography, population) = (app.state.geography.clone(), app.state.population.clone());
    store_generated(
        &mut conn,
        &find(CURRENT),
        &geography,
        &population,
        current,
        7,
        Wave::Current,
        false,
    )
    .expect("current demo data");
    store_generated(
        &mut conn,
        &find(PREVIOUS),
        &geography,
        &population,
        current * 4 / 5,
        8,
        Wave::Previous,
        false,
    )
    .expect("previous demo data");
}

/// Runs SQL against the test database.
pub fn sql(app: &TestApp, statement: &str) -> usize {
    diesel::sql_query(statement)
        .execute(&mut app.db.connect())
        .unwrap_or_else(|e| panic!("{statement}: {e}"))
}

pub fn pack_path(division: &str, extra: &str) -> String {
    format!("/analyst/evidence-pack?consultation={CURRENT}&division={division}{extra}")
}

pub async fn pack_json(app: &TestApp, division: &str) -> Value {
    let res = app.get(&pack_path(division, "&download=json")).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    res.json().await.expect("pack JSON")
}

pub async fn text_of(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(path).await;
    (res.status().as_u16(), res.text().await.expect("body"))
}

/// The pack section of council area `code`.
pub fn area_section<'a>(pack: &'a Value, code: &str) -> &'a Value {
    pack["council_areas"]
        .as_array()
        .expect("council areas")
        .iter()
        .find(|s| s["place"]["code"] == code)
        .unwrap_or_else(|| panic!("no section for {code}"))
}
