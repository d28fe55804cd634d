//! Every response carries the security headers: an HTML page, an API response, a file and the
//! not-found answers of both; HSTS only when configured.

use crate::helpers::{spawn_app, spawn_app_with_protection};
use localvoice::config::ProtectionSettings;
use reqwest::header::HeaderMap;

fn assert_security_headers(headers: &HeaderMap, what: &str) {
    let header = |name: &str| {
        headers
            .get(name)
            .unwrap_or_else(|| panic!("{what}: no {name}"))
            .to_str()
            .unwrap()
            .to_string()
    };
    let csp = header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(
        csp.contains("default-src 'none'") || csp.contains("default-src 'self'"),
        "{what}: {csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{what}: {csp}"
    );
    assert!(
        !csp.contains("script-src") || csp.contains("script-src 'none'"),
        "{what}: {csp}"
    );
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
    assert!(
        ["same-origin", "no-referrer", "strict-origin-when-cross-origin"].contains(&header("referrer-policy").as_str()),
        "{what}"
    );
    assert!(header("permissions-policy").contains("camera=()"), "{what}");
}

#[actix_web::test]
async fn pages_api_responses_files_and_not_found_answers_all_carry_the_security_headers() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/", 200),
        ("/consultations/test-open/survey", 200),
        ("/api/v1/consultations", 200),
        ("/static/localvoice.css", 200),
        ("/no-such-page", 404),
        ("/api/v1/no-such-thing", 404),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        assert_security_headers(res.headers(), path);
        assert!(
            !res.headers().contains_key("strict-transport-security"),
            "{path}: no HSTS unless served over https"
        );
    }
}

#[actix_web::test]
async fn hsts_is_sent_when_the_service_is_configured_as_https() {
    let app = spawn_app_with_protection(ProtectionSettings {
        hsts: true,
        ..ProtectionSettings::off()
    })
    .await;
    for path in ["/", "/api/v1/consultations", "/no-such-page"] {
        let res = app.get(path).await;
        let hsts = res.headers().get("strict-transport-security").expect("HSTS");
        assert!(hsts.to_str().unwrap().starts_with("max-age="), "{path}");
    }
}
