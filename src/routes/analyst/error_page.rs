//! The analyst pages' HTML error page (the results pages and the evidence pack share it).

use crate::error::ApiError;
use crate::routes::pages::errors::{ErrorPage, Link};
use crate::routes::pages::html::render;
use crate::routes::pages::text::sentence_case;
use actix_web::http::header;
use actix_web::{HttpResponse, ResponseError};

/// The page for a request that cannot be answered, with its honest status: `title`, the error's
/// own public words as a sentence, `advice`, a link back to the analyst form, and `Retry-After`
/// when the service is unavailable or busy.
pub fn error_response(error: &ApiError, title: &str, advice: &str) -> HttpResponse {
    let status = error.status_code();
    let mut detail = sentence_case(&error.public_detail());
    if !detail.ends_with('.') {
        detail.push('.');
    }
    let page = ErrorPage {
        title: title.into(),
        easy_read: false,
        paragraphs: vec![detail, advice.into()],
        links: vec![Link {
            href: "/analyst".into(),
            label: "Choose a consultation and area".into(),
        }],
    };
    let mut response = render(status, &page);
    if let Some(value) = error.retry_after().and_then(|s| header::HeaderValue::from_str(&s).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
