//! Cross-site request forgery protection for the survey form, with no JavaScript, no cookies and no
//! login.
//!
//! Why headers and not a token: the survey is anonymous. There is no session, so there is no
//! ambient authority for a forged request to borrow; a synchronizer token would need a cookie or
//! server-side state just for this check. The harm left is a third-party page making its visitors'
//! browsers post answers here (stuffing a consultation). Browsers say where a request came from,
//! and a cross-site page cannot forge or remove these headers:
//!
//! 1. `Sec-Fetch-Site` (Fetch Metadata, sent by every current browser): only `same-origin` (or
//!    `none`, a request the user started themselves) is accepted.
//! 2. Without it, `Origin` (sent with every cross-origin POST, and same-origin POSTs in modern
//!    browsers) must name this host; the opaque `null` origin is refused.
//! 3. Without either, `Referer` must name this host (our pages send it: `Referrer-Policy: same-origin`).
//! 4. With none of them the request is not from a browser that could be tricked (curl, scripts, very
//!    old browsers), and such a client could send any header it liked anyway: it is accepted and
//!    validated like any other response.

use actix_web::HttpRequest;

/// `Ok` when the form may have come from our own page; `Err` says why not (for the log).
pub fn check_same_origin(req: &HttpRequest) -> Result<(), &'static str> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = header("sec-fetch-site") {
        return match site {
            "same-origin" | "none" => Ok(()),
            _ => Err("Sec-Fetch-Site is not same-origin"),
        };
    }
    let info = req.connection_info();
    let host = info.host();
    if let Some(origin) = header("origin") {
        return if same_host(origin, host) {
            Ok(())
        } else {
            Err("Origin is another site")
        };
    }
    if let Some(referer) = header("referer") {
        return if same_host(referer, host) {
            Ok(())
        } else {
            Err("Referer is another site")
        };
    }
    Ok(())
}

/// Whether `url` (an origin or a full URL) names `host` (a `Host` header: name and optional port).
fn same_host(url: &str, host: &str) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    let Some(name) = parsed.host_str() else {
        return false;
    };
    // `url` leaves out the scheme's default port; do the same to the Host header.
    let authority = match parsed.port() {
        Some(port) => format!("{name}:{port}"),
        None => name.to_string(),
    };
    let host = host.to_ascii_lowercase();
    let default_port = match parsed.scheme() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    let host = if default_port.is_empty() {
        host.as_str()
    } else {
        host.strip_suffix(default_port).unwrap_or(&host)
    };
    authority.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn request(headers: &[(&str, &str)]) -> HttpRequest {
        let mut req = TestRequest::post()
            .uri("/consultations/x/survey")
            .insert_header(("host", "localvoice.example:8080"));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        req.to_http_request()
    }

    #[test]
    fn fetch_metadata_decides_when_the_browser_sends_it() {
        assert!(check_same_origin(&request(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(check_same_origin(&request(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://localvoice.example:8080")
        ]))
        .is_err());
        assert!(check_same_origin(&request(&[("sec-fetch-site", "same-site")])).is_err());
    }

    #[test]
    fn origin_or_referer_must_name_this_host() {
        assert!(check_same_origin(&request(&[("origin", "http://localvoice.example:8080")])).is_ok());
        assert!(check_same_origin(&request(&[("origin", "https://evil.example")])).is_err());
        assert!(check_same_origin(&request(&[("origin", "null")])).is_err());
        assert!(check_same_origin(&request(&[(
            "referer",
            "http://localvoice.example:8080/consultations/x/survey"
        )]))
        .is_ok());
        assert!(check_same_origin(&request(&[("referer", "http://localvoice.example.evil.example/")])).is_err());
    }

    #[test]
    fn default_ports_match_a_host_without_one() {
        assert!(same_host("https://localvoice.example", "localvoice.example"));
        assert!(same_host("https://localvoice.example", "localvoice.example:443"));
        assert!(!same_host("https://localvoice.example", "localvoice.example:8443"));
        assert!(same_host("http://[::1]:8080", "[::1]:8080"));
    }

    #[test]
    fn a_client_sending_no_browser_headers_is_not_refused() {
        assert!(check_same_origin(&request(&[])).is_ok());
    }
}
