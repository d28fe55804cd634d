//! Bad requests get an HTML error page with an honest status, never a 500.

use super::text_of;
use crate::helpers::{repo_path, spawn_app_with_defs};

#[actix_web::test]
async fn unknown_or_missing_consultations_and_divisions_are_clear_html_errors() {
    let app = spawn_app_with_defs(&repo_path("survey-defs")).await;
    let cases = [
        (
            "/analyst/evidence-pack?consultation=nope&division=J",
            404,
            "no consultation called",
        ),
        (
            "/analyst/evidence-pack?consultation=your-police-2026&division=Z",
            404,
            "no police division",
        ),
        (
            "/analyst/evidence-pack?consultation=your-police-2026&division=JJ",
            404,
            "no police division",
        ),
        (
            "/analyst/evidence-pack?consultation=your-police-2026",
            400,
            "division is missing",
        ),
        ("/analyst/evidence-pack?division=J", 400, "consultation is missing"),
        (
            "/analyst/evidence-pack?consultation=your-police-2026&division=J&download=pdf",
            400,
            "html, json or csv",
        ),
        (
            "/analyst/evidence-pack?consultation=your-police-2026&division=J&download=csv&table=x",
            400,
            "table",
        ),
        (
            "/analyst/evidence-pack?consultation=your-police-2026&division=J&compare_with=nope",
            404,
            "to compare with",
        ),
        (
            "/analyst/evidence-pack?consultation=your-police-2026&division=J&colour=red",
            400,
            "web address",
        ),
    ];
    for (path, status, words) in cases {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), status, "{path}");
        let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
        assert!(content_type.starts_with("text/html"), "{path}: {content_type}");
        let body = res.text().await.unwrap().to_lowercase();
        assert!(body.contains(words), "{path}: {body}");
    }
    // A division with no responses yet is a page, not an error.
    let (status, html) = text_of(&app, "/analyst/evidence-pack?consultation=your-police-2026&division=G").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("suppressed"));
}
