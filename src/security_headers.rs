//! Security headers on every response, pages, API, files and errors alike, added by
//! [`security_headers`] (actix `DefaultHeaders`: a header the handler set itself is kept).
//!
//! HTML pages set their own Content-Security-Policy (`crate::routes::pages::html`: no script, styles
//! only from `/static/localvoice.css`; the evidence pack allows exactly its inline style sheet by
//! hash); every other response gets [`FALLBACK_CSP`], which allows nothing to load at all. The
//! Referrer-Policy is `same-origin`: nothing leaves for other sites, and our own survey page still
//! sends the `Referer` that the form's cross-site check falls back on (`routes::pages::csrf`).
//!
//! `Strict-Transport-Security` is sent only when `LOCALVOICE_HSTS=true` (read by `crate::config`):
//! over plain http it would be ignored, and on a host also served over http it would break it.

use actix_web::middleware::DefaultHeaders;

/// The policy of any response that does not set its own: nothing may load, nothing may frame it.
pub const FALLBACK_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Browser features no LocalVoice page uses, switched off for the page and anything it embeds.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=()";

/// One year, the usual HSTS lifetime; sub-domains are not included, since other services of the
/// same organisation may live on them.
pub const HSTS: &str = "max-age=31536000";

/// The headers, as a middleware; `hsts` adds `Strict-Transport-Security`.
pub fn security_headers(hsts: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", FALLBACK_CSP))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Permissions-Policy", PERMISSIONS_POLICY))
        .add(("Cross-Origin-Opener-Policy", "same-origin"));
    if hsts {
        headers.add(("Strict-Transport-Security", HSTS))
    } else {
        headers
    }
}
