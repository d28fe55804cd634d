//! Shared by the import tests: the repository's reference data and definition, a scratch
//! database per test, and queries on what was stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use localvoice::domain::SurveyDefinition;
use localvoice::seeds::ReferenceData;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The repository's seeds and the Your Police 2026 definition.
pub fn reference_and_definition() -> (ReferenceData, SurveyDefinition) {
    let reference = localvoice::seeds::load_all(&repo("seeds")).unwrap();
    let definition =
        localvoice::defs::load_file(&repo("survey-defs/your-police-2026.toml"), Some(&reference.geography)).unwrap();
    (reference, definition)
}

// ---------------------------------------------------------------------------------------------
// A scratch database per test.

pub struct ScratchDb {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl ScratchDb {
    pub fn new(definition: &SurveyDefinition) -> Self {
        let admin_url =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("lv_import_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("these tests need PostgreSQL at {admin_url} (set TEST_DATABASE_URL): {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        let db = Self {
            admin_url,
            name,
            url: url.to_string(),
        };
        let mut conn = db.connect();
        localvoice::db::pool::run_migrations(&mut conn).unwrap();
        localvoice::commands::prepare::seed_reference(&mut conn, &repo("seeds")).unwrap();
        localvoice::db::consultations::sync_definitions(&mut conn, std::slice::from_ref(definition)).unwrap();
        db
    }

    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).unwrap()
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

#[derive(QueryableByName, Debug, PartialEq)]
pub struct Stored {
    #[diesel(sql_type = Text)]
    pub council_area_code: String,
    #[diesel(sql_type = diesel::sql_types::Array<Text>)]
    pub concerns: Vec<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub comment: Option<String>,
    #[diesel(sql_type = Text)]
    pub channel: String,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub submitted_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub import_batch_id: Option<i64>,
}

pub fn stored(conn: &mut PgConnection) -> Vec<Stored> {
    diesel::sql_query(
        "SELECT council_area_code, concerns, comment, channel, submitted_at, import_batch_id FROM responses ORDER BY id",
    )
    .load(conn)
    .unwrap()
}

#[derive(QueryableByName)]
pub struct Count {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

pub fn count(conn: &mut PgConnection, table: &str) -> i64 {
    diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result::<Count>(conn)
        .unwrap()
        .n
}

pub fn csv_file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    file.write_all(content).unwrap();
    file.flush().unwrap();
    file
}

pub const HEADER: &str = "council_area,feel_safe,confidence,concern_1,concern_2,concern_3,age_band,sex,disability,comment,submitted_at,channel\n";

pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}
