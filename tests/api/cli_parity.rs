//! The web and the command line are one way through: the same request on the same stored responses
//! gives byte-identical JSON (results) and identical packs (JSON and every CSV table), whichever
//! door it came in by. The command line is the real `localvoice` binary against the test database.

use crate::evidence_pack::{app_with_demo_data, pack_path, CURRENT, EAST_LOTHIAN, PREVIOUS};
use crate::helpers::{repo_path, TestApp};
use std::process::Command;

/// Runs `localvoice ARGS` against the test app's database and survey definitions.
fn localvoice(app: &TestApp, args: &[&str]) -> Vec<u8> {
    let defs = repo_path("survey-defs");
    let seeds = repo_path("seeds");
    let output = Command::new(env!("CARGO_BIN_EXE_localvoice"))
        .args(["--database-url", &app.db.url])
        .args(["--defs".as_ref(), defs.as_os_str()])
        .args(["--seeds".as_ref(), seeds.as_os_str()])
        .args(args)
        .env("LOCALVOICE_LOG", "warn")
        .output()
        .expect("localvoice runs");
    assert!(
        output.status.success(),
        "localvoice {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

async fn body(app: &TestApp, path: &str) -> Vec<u8> {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    res.bytes().await.expect("body").to_vec()
}

#[actix_web::test]
async fn the_api_and_the_command_line_give_byte_identical_results() {
    let app = app_with_demo_data(1500).await;
    app.snapshot().await;
    let cases: [(&str, &[&str]); 5] = [
        ("division=J", &["--division", "J"]),
        ("division=J&trim=false", &["--division", "J", "--no-trim"]),
        ("scotland=true", &["--scotland"]),
        (
            "area=S12000010&compare_with=division",
            &["--area", EAST_LOTHIAN, "--compare-with", "division"],
        ),
        (
            "area=S12000010&compare_with=previous",
            &["--area", EAST_LOTHIAN, "--compare-with", "previous"],
        ),
    ];
    for (query, flags) in cases {
        let web = body(
            &app,
            &format!("/api/v1/consultations/{CURRENT}/results?{query}&bootstrap=40&seed=11"),
        )
        .await;
        // The API shows what the snapshot released; so does `--published`.
        let mut args = vec![
            "results",
            "--published",
            "--consultation",
            CURRENT,
            "--bootstrap",
            "40",
            "--seed",
            "11",
        ];
        args.extend_from_slice(flags);
        let cli = localvoice(&app, &args);
        assert!(!web.is_empty());
        if web != cli {
            let (web, cli) = (String::from_utf8_lossy(&web), String::from_utf8_lossy(&cli));
            let at = web.chars().zip(cli.chars()).take_while(|(a, b)| a == b).count();
            let around = |s: &str| s.chars().skip(at.saturating_sub(80)).take(240).collect::<String>();
            panic!(
                "{query}: the API and `localvoice results` differ from character {at}:\nAPI: …{}\nCLI: …{}",
                around(&web),
                around(&cli)
            );
        }
        let csv_web = body(
            &app,
            &format!("/api/v1/consultations/{CURRENT}/results.csv?{query}&bootstrap=40&seed=11"),
        )
        .await;
        args.extend_from_slice(&["--format", "csv"]);
        assert!(csv_web == localvoice(&app, &args), "{query}: the CSVs differ");
    }
}

#[actix_web::test]
async fn the_analyst_page_and_the_command_line_give_the_same_evidence_pack() {
    let app = app_with_demo_data(1500).await;
    let out = tempfile::tempdir().expect("temporary folder");
    let out_dir = out.path().to_str().expect("UTF-8 path");
    // The page uses 200 replicates and the default seed; so does the command by default.
    localvoice(
        &app,
        &[
            "evidence-pack",
            "--consultation",
            CURRENT,
            "--division",
            "J",
            "--compare-with",
            PREVIOUS,
            "--out",
            out_dir,
        ],
    );
    let web_json = body(
        &app,
        &pack_path("J", &format!("&compare_with={PREVIOUS}&download=json")),
    )
    .await;
    let cli_json = std::fs::read(out.path().join("evidence-pack.json")).expect("pack JSON written");
    assert!(
        web_json == cli_json,
        "the pack's JSON differs between the page and the command"
    );
    let tables = std::fs::read_dir(out.path().join("csv")).expect("csv folder");
    let mut compared = 0;
    for entry in tables {
        let path = entry.expect("entry").path();
        let table = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("table name")
            .to_string();
        let web = body(
            &app,
            &pack_path("J", &format!("&compare_with={PREVIOUS}&download=csv&table={table}")),
        )
        .await;
        assert!(web == std::fs::read(&path).expect("CSV"), "table {table} differs");
        compared += 1;
    }
    assert_eq!(compared, 7, "every table of the pack was compared");
}
