//! The test harness: a real LocalVoice on a random port against a fresh PostgreSQL database per
//! test, cloned from a template database that is migrated and seeded once per test process.

use diesel::{Connection, PgConnection, RunQueryDsl};
use localvoice::commands::prepare;
use localvoice::config::ProtectionSettings;
use localvoice::db;
use localvoice::domain::DivisionCode;
use localvoice::results::request::DataView;
use localvoice::results::service::ComputeLimit;
use localvoice::results::{CompareWith, ResultsReport, ResultsRequest, Selection};
use localvoice::startup::Application;
use localvoice::state::{AppSettings, AppState, Consultations};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The server every test talks to; `TEST_DATABASE_URL` overrides it (any database name: only the
/// server is used).
pub fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn url_for(database: &str) -> String {
    let mut url = url::Url::parse(&server_url()).expect("TEST_DATABASE_URL is not a URL");
    url.set_path(&format!("/{database}"));
    url.to_string()
}

fn admin() -> PgConnection {
    PgConnection::establish(&url_for("postgres")).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL is required for these tests and is not reachable at {}: {e}",
            server_url()
        )
    })
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Migrated and seeded once per process; each test clones it (CREATE DATABASE … TEMPLATE).
fn template_database() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("lv_template_{}", std::process::id());
        let mut admin = admin();
        drop_templates_of_finished_processes(&mut admin);
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut admin)
            .expect("drop old template");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .expect("create template");
        let mut conn = PgConnection::establish(&url_for(&name)).expect("connect to template");
        db::pool::run_migrations(&mut conn).expect("migrations apply");
        prepare::seed_reference(&mut conn, &repo_path("seeds")).expect("seeds load");
        name
    })
}

/// Test processes cannot drop their template on exit, so each new one drops the templates (and
/// any test databases) left by processes that are no longer running on this machine.
fn drop_templates_of_finished_processes(admin: &mut PgConnection) {
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    let names: Vec<Name> =
        diesel::sql_query("SELECT datname::text AS datname FROM pg_database WHERE datname LIKE 'lv\\_template\\_%'")
            .load(admin)
            .unwrap_or_default();
    for Name { datname } in names {
        let pid = datname.trim_start_matches("lv_template_");
        let alive = Path::new("/proc").join(pid).exists();
        if !alive {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {datname} WITH (FORCE)")).execute(admin);
        }
    }
}

/// A fresh database for one test; dropped when the test ends.
pub struct TestDb {
    pub name: String,
    pub url: String,
    /// False for a second handle on another test's database, which that test drops.
    dropped_by_owner: bool,
}

impl TestDb {
    pub fn new() -> Self {
        let template = template_database();
        let name = format!("lv_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = admin();
        // Two clones of one template at the same instant can collide; retry briefly.
        let mut attempt = 0;
        loop {
            match diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin) {
                Ok(_) => break,
                Err(e) if attempt < 20 => {
                    attempt += 1;
                    eprintln!("retrying database clone: {e}");
                    std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
                }
                Err(e) => panic!("could not clone the template database: {e}"),
            }
        }
        let url = url_for(&name);
        Self {
            name,
            url,
            dropped_by_owner: true,
        }
    }

    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect to test database")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if !self.dropped_by_owner {
            return;
        }
        let mut admin = admin();
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
    }
}

/// A running LocalVoice and an HTTP client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: TestDb,
    pub state: AppState,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request sent")
    }

    /// Takes a snapshot, releasing to the public what the release rule allows (as `serve` does on
    /// its timer); returns how many responses it released.
    pub async fn snapshot(&self) -> i64 {
        let taken = self.state.results.take_snapshots(None).await.expect("snapshot taken");
        taken.iter().map(|(_, s)| s.released).sum()
    }

    /// Division `division`'s results of `consultation` as analysts see them (every stored
    /// response, through the service's cache), without a bootstrap.
    pub async fn live_division_report(&self, consultation: &str, division: &str) -> Arc<ResultsReport> {
        let request = ResultsRequest {
            consultation: consultation.into(),
            selection: Selection::Division(DivisionCode::parse(division).expect("a division letter")),
            compare_with: CompareWith::None,
            bootstrap: 0,
            seed: 1,
            trim: false,
            view: DataView::Live,
        };
        self.state.results.report(&request).await.expect("live results")
    }

    /// Rows in `responses` (straight from the database, not through the app).
    pub fn stored_responses(&self) -> i64 {
        use diesel::dsl::count_star;
        use diesel::QueryDsl;
        use localvoice::db::schema::responses;
        responses::table
            .select(count_star())
            .first(&mut self.db.connect())
            .expect("count responses")
    }
}

/// Starts the app on a random port with the test consultations in `tests/api/defs/`.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_defs(&repo_path("tests/api/defs")).await
}

pub async fn spawn_app_with_defs(defs_dir: &Path) -> TestApp {
    spawn_app_with_limit(defs_dir, ComputeLimit::default()).await
}

/// Like [`spawn_app_with_defs`], with a limit on concurrent results and packs.
pub async fn spawn_app_with_limit(defs_dir: &Path, compute_limit: ComputeLimit) -> TestApp {
    spawn_fresh(defs_dir, compute_limit, ProtectionSettings::off(), None)
}

/// The test consultations, with these rate limits and form checks (the other helpers switch them
/// off, since tests send responses much faster than people do).
pub async fn spawn_app_with_protection(protection: ProtectionSettings) -> TestApp {
    spawn_fresh(&repo_path("tests/api/defs"), ComputeLimit::default(), protection, None)
}

/// Starts the app with the consultations in `defs_dir`, sending its emails as `mail` says.
pub async fn spawn_app_with_mail(defs_dir: &Path, mail: localvoice::digest::MailSettings) -> TestApp {
    spawn_fresh(defs_dir, ComputeLimit::default(), ProtectionSettings::off(), Some(mail))
}

/// An instance on a fresh test database, and a client that does not follow redirects.
fn spawn_fresh(
    defs_dir: &Path,
    compute_limit: ComputeLimit,
    protection: ProtectionSettings,
    mail: Option<localvoice::digest::MailSettings>,
) -> TestApp {
    localvoice::telemetry::init();
    let db = TestDb::new();
    let (address, state) = spawn_instance_with_mail(&db.url, defs_dir, compute_limit, None, protection, mail);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address,
        client,
        db,
        state,
    }
}

/// One more LocalVoice instance, with its own pool and caches, on the same database as `app`
/// (as a second `serve` process behind a load balancer would be).
pub fn another_instance(app: &TestApp) -> TestApp {
    // The same mail settings too, so both instances send to the same place.
    let mail = Some(app.state.digests.settings().clone());
    let (address, state) = spawn_instance_with_mail(
        &app.db.url,
        &repo_path("tests/api/defs"),
        ComputeLimit::default(),
        None,
        ProtectionSettings::off(),
        mail,
    );
    TestApp {
        address,
        client: app.client.clone(),
        db: TestDb {
            name: app.db.name.clone(),
            url: app.db.url.clone(),
            dropped_by_owner: false,
        },
        state,
    }
}

/// A LocalVoice on a fresh database whose results read from `replica` (another test database
/// standing in for a streaming replica, so a test can tell which database a read went to).
pub async fn spawn_app_with_replica(replica: &TestDb) -> TestApp {
    let app = spawn_app().await;
    let (address, state) = spawn_instance(
        &app.db.url,
        &repo_path("tests/api/defs"),
        ComputeLimit::default(),
        Some(&replica.url),
        ProtectionSettings::off(),
    );
    TestApp { address, state, ..app }
}

/// Builds an instance's state on `database_url` (reading results from `replica_url` if given)
/// and serves it on a random port.
fn spawn_instance(
    database_url: &str,
    defs_dir: &Path,
    compute_limit: ComputeLimit,
    replica_url: Option<&str>,
    protection: ProtectionSettings,
) -> (String, AppState) {
    spawn_instance_with_mail(database_url, defs_dir, compute_limit, replica_url, protection, None)
}

fn spawn_instance_with_mail(
    database_url: &str,
    defs_dir: &Path,
    compute_limit: ComputeLimit,
    replica_url: Option<&str>,
    protection: ProtectionSettings,
    mail: Option<localvoice::digest::MailSettings>,
) -> (String, AppState) {
    let mut conn = PgConnection::establish(database_url).expect("connect to test database");
    let geography = db::reference::load_geography(&mut conn).expect("geography loads");
    let population = db::results::load_population(&mut conn).expect("population margins load");
    let defs = prepare::definitions(defs_dir, &geography).expect("test definitions load");
    db::consultations::sync_definitions(&mut conn, &defs).expect("definitions sync");
    if let Some(url) = replica_url {
        // What a streaming replica would have received from the primary.
        let mut replica = PgConnection::establish(url).expect("connect to the replica database");
        db::consultations::sync_definitions(&mut replica, &defs).expect("definitions sync to the replica");
    }
    let state = AppState::new(
        db::pool::build_pool(database_url, 8, std::time::Duration::from_secs(3)),
        geography,
        population,
        Consultations::new(defs),
        localvoice::seeds::read_plans(&repo_path("seeds/plans")).expect("plans load"),
        AppSettings {
            compute_limit,
            replica: replica_url.map(|url| db::pool::build_pool(url, 4, std::time::Duration::from_secs(3))),
            protection,
            ..match mail {
                Some(mail) => AppSettings {
                    mail,
                    ..AppSettings::for_one_instance()
                },
                None => AppSettings::for_one_instance(),
            }
        },
    )
    .expect("the app state builds");
    let app = Application::build("127.0.0.1:0", state.clone()).expect("app binds");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    (address, state)
}
