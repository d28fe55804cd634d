//! The shipped definitions, and the checks that need a whole folder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

use super::*;
use crate::domain::{ConsultationId, Coverage};
use std::path::PathBuf;

fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn shipped() -> Vec<SurveyDefinition> {
    match load_dir(&repo_path("survey-defs"), None) {
        Ok(defs) => defs,
        Err(e) => panic!("survey-defs/ does not load:\n{e}"),
    }
}

#[test]
fn the_shipped_definitions_load_cleanly() {
    let defs = shipped();
    let ids: Vec<&str> = defs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["lothians-borders-rural-2026", "your-police-2025", "your-police-2026"],
        "file-name order"
    );
}

#[test]
fn your_police_2026_is_the_national_wave_after_2025() {
    let defs = shipped();
    let d = defs.iter().find(|d| d.id.as_str() == "your-police-2026").unwrap();
    assert_eq!(d.previous, Some(ConsultationId::parse("your-police-2025").unwrap()));
    assert_eq!(d.coverage, Coverage::Scotland);
    assert_eq!(d.organiser, "Police Scotland");
    assert_eq!(
        (d.opens.to_string(), d.closes.to_string()),
        ("2026-04-01".into(), "2027-03-31".into())
    );
    assert_eq!(d.max_ranked, 3);
    assert!(d.questions.postcode_district.is_some() && d.questions.demographics);
    assert!(d.concerns.len() >= 15, "{} concerns", d.concerns.len());
    assert!((10..=15).contains(&d.themes.len()), "{} themes", d.themes.len());
    for c in &d.concerns {
        assert!(
            !c.easy_read_label.is_empty() && c.easy_read_label.len() <= 80,
            "{}",
            c.id
        );
    }
    // The previous wave lacks the concerns added in 2026; everything else is shared.
    let previous = defs.iter().find(|p| Some(&p.id) == d.previous.as_ref()).unwrap();
    let added: Vec<&str> = d
        .concerns
        .iter()
        .filter(|c| !previous.has_concern(&c.id))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(added, ["shoplifting", "online_fraud"]);
    assert!(previous.concerns.iter().all(|c| d.has_concern(&c.id)));
}

#[test]
fn previous_must_name_an_earlier_consultation_in_the_folder() {
    let dir = repo_path("tests/fixtures/defs/cross-file");
    let e = load_dir(&dir, None).unwrap_err();
    let text = e.to_string();
    let one = dir.join("wave-one.toml").display().to_string();
    let two = dir.join("wave-two.toml").display().to_string();
    let broken = dir.join("wave-broken.toml").display().to_string();
    assert!(
        text.contains(&format!(
            "{one}:9:1: previous: 'wave-zero' is not a consultation in this folder"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("{two}:9:1: previous: 'wave-three' opens on 2026-07-01")),
        "{text}"
    );
    assert!(text.contains(&format!("{broken}:2:")), "{text}");
    // wave-four's previous failed to load: its own error is enough.
    assert!(!text.contains("wave-four"), "{text}");
    assert_eq!(e.len(), 3, "{text}");
}

#[test]
fn consultation_ids_must_be_unique_across_files() {
    let text = std::fs::read_to_string(repo_path("tests/fixtures/defs/cross-file/wave-three.toml")).unwrap();
    let d = parse_str("wave-three.toml", &text, None).unwrap();
    let loaded = vec![
        ("a/wave-three.toml".to_string(), text.clone(), d.clone()),
        ("b/wave-three.toml".to_string(), text, d),
    ];
    let errors = directory::cross_file_problems(&loaded, &[]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].to_string(), "b/wave-three.toml:1:1: id: 'wave-three' is already the id of a/wave-three.toml: consultation ids must be unique");
}

#[test]
fn a_missing_folder_or_file_is_reported_by_name() {
    let e = load_dir(&repo_path("no-such-folder"), None).unwrap_err();
    assert!(
        e.to_string().contains("no-such-folder: (folder): cannot be read"),
        "{e}"
    );
    let e = load_file(&repo_path("survey-defs/nope.toml"), None).unwrap_err();
    assert!(e.to_string().contains("nope.toml: (file): cannot be read"), "{e}");
}

#[test]
fn the_invalid_fixture_reports_every_mistake_with_its_line() {
    let dir = repo_path("tests/fixtures/defs/invalid");
    let e = load_dir(&dir, None).unwrap_err();
    let file = dir.join("bad-wave.toml").display().to_string();
    let found: Vec<(usize, &str)> = e.iter().map(|e| (e.line.unwrap_or(0), e.field.as_str())).collect();
    assert_eq!(
        found,
        [
            (9, "closes"),
            (10, "max_ranked"),
            (19, "concerns[2].easy_read_label"),
            (20, "concerns[2].id"),
            (27, "priorities[1].concerns"),
        ],
        "{e}"
    );
    assert!(e.iter().all(|err| err.file == file));
}
