//! Turning a template into an HTML response with the security headers every page carries.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, HttpResponseBuilder};
use askama::Template;

/// No scripts at all, styles only from our own stylesheet, forms only to ourselves, never framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the headers every HTML page carries.
pub fn with_security_headers(builder: &mut HttpResponseBuilder) -> &mut HttpResponseBuilder {
    builder
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::REFERRER_POLICY, "same-origin"))
}

/// Renders `page` with `status`. A template that fails to render is a bug: it is logged and the
/// resident gets a plain apology rather than half a page.
pub fn render<T: Template>(status: StatusCode, page: &T) -> HttpResponse {
    let mut builder = HttpResponse::build(status);
    with_security_headers(&mut builder);
    match page.render() {
        Ok(body) => builder.content_type("text/html; charset=utf-8").body(body),
        Err(error) => {
            tracing::error!(%error, "page template failed to render");
            HttpResponse::InternalServerError()
                .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .content_type("text/plain; charset=utf-8")
                .body("Sorry, something went wrong on our side. Please try again later.")
        }
    }
}

/// Like [`render`], for pages holding a resident's answers: never stored by the browser or a proxy,
/// so that someone using a shared computer later cannot read them from the cache.
pub fn render_private<T: Template>(status: StatusCode, page: &T) -> HttpResponse {
    let mut response = render(status, page);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}
