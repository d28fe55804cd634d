use crate::helpers::{spawn_app, TestDb};
use localvoice::startup::Application;
use localvoice::state::{AppState, Consultations};

#[actix_web::test]
async fn livez_and_readyz_answer_when_the_database_is_up() {
    let app = spawn_app().await;
    assert_eq!(app.get("/livez").await.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body["database"], "ok");
}

/// An app whose pool points at a port where no PostgreSQL listens.
async fn app_with_database_down() -> (String, reqwest::Client, TestDb) {
    let db = TestDb::new();
    let app = crate::helpers::spawn_app().await;
    let state = AppState::new(
        localvoice::db::pool::build_pool(
            "postgres://postgres@127.0.0.1:1/nothing",
            2,
            std::time::Duration::from_millis(500),
        ),
        (*app.state.geography).clone(),
        (*app.state.population).clone(),
        Consultations::new(app.state.consultations.all().to_vec()),
        app.state.plans.to_vec(),
        localvoice::state::AppSettings {
            protection: localvoice::config::ProtectionSettings::off(),
            ..localvoice::state::AppSettings::for_one_instance()
        },
    )
    .unwrap();
    let server = Application::build("127.0.0.1:0", state).unwrap();
    let address = format!("http://127.0.0.1:{}", server.port());
    actix_web::rt::spawn(server.run_until_stopped());
    (address, reqwest::Client::new(), db)
}

#[actix_web::test]
async fn with_the_database_down_readyz_and_submissions_answer_503_not_500() {
    let (address, client, _db) = app_with_database_down().await;
    let live = client.get(format!("{address}/livez")).send().await.unwrap();
    assert_eq!(live.status(), 200, "the process is still alive");
    let ready = client.get(format!("{address}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    let submit = client
        .post(format!("{address}/api/v1/consultations/test-open/responses"))
        .json(&serde_json::json!({"council_area": "S12000036", "concerns": ["speeding"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(submit.status(), 503);
    assert!(submit.headers().contains_key("retry-after"));
    assert_eq!(submit.headers()["content-type"], "application/problem+json");
}
