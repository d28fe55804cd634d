//! The links in digest emails: `GET /digests/confirm/{token}` starts a subscription (double
//! opt-in); `/digests/unsubscribe/{token}` ends one. A GET of the unsubscribe link only shows a
//! page with one button, so that mail scanners following links do not unsubscribe anyone; a POST
//! (the button, or a mail client's one-click unsubscribe, RFC 8058) unsubscribes at once and
//! deletes the address.

use super::digests::message;
use super::html::render;
use crate::db::digests::ConfirmOutcome;
use crate::digest::service::Unsubscribed;
use crate::domain::digest_schedule::Frequency;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/digests/confirm/{token}", web::get().to(confirm))
        .route("/digests/unsubscribe/{token}", web::get().to(unsubscribe_page))
        .route("/digests/unsubscribe/{token}", web::post().to(unsubscribe));
}

fn unavailable(error: impl std::fmt::Display) -> HttpResponse {
    tracing::error!(%error, "digest link not followed");
    render(
        StatusCode::SERVICE_UNAVAILABLE,
        &message(
            "Sorry, there is a problem with the service",
            vec!["Nothing has changed. Please try the link again in a few minutes.".into()],
        ),
    )
}

async fn confirm(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    match state.digests.confirm(&token, chrono::Utc::now()).await {
        Ok(ConfirmOutcome::Confirmed { council_area_code, frequency }) => {
            let area = state
                .geography
                .find_area(&council_area_code)
                .map_or(council_area_code.clone(), |a| a.name.clone());
            let every = Frequency::parse(&frequency).unwrap_or_default().describe();
            render(StatusCode::OK, &message("Your email updates have started", vec![
                format!("Thank you. We will email you {every} about {area} while a police consultation covering it is open: how many residents have answered, which groups are missing, and the area's top concerns."),
                "When a consultation closes, we send one last email with its results.".into(),
                "Every email has a link to unsubscribe. Unsubscribing deletes your email address.".into(),
            ]))
        }
        Ok(ConfirmOutcome::Expired) => render(StatusCode::GONE, &message("This link has expired", vec![
            "Confirmation links work for 48 hours. Please sign up again and we will send you a new one.".into(),
        ])),
        Ok(ConfirmOutcome::Unknown) => render(StatusCode::NOT_FOUND, &message("This link does not work", vec![
            "It may have been used already: each confirmation link works once. If your updates have started, there is nothing more to do.".into(),
            "Otherwise, please sign up again.".into(),
        ])),
        Err(error) => unavailable(error),
    }
}

/// The page an unsubscribe link opens: what unsubscribing does, and one button.
#[derive(askama::Template)]
#[template(path = "pages/digests_unsubscribe.html")]
struct UnsubscribePage {
    title: String,
    easy_read: bool,
    paragraphs: Vec<String>,
    form_action: String,
}

fn not_ours() -> HttpResponse {
    render(
        StatusCode::NOT_FOUND,
        &message(
            "This link does not work",
            vec!["Please use the unsubscribe link in one of our emails, copied in full.".into()],
        ),
    )
}

async fn unsubscribe_page(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    if !state.digests.unsubscribe_link_is_ours(&token) {
        return not_ours();
    }
    let page = UnsubscribePage {
        title: "Unsubscribe from email updates".into(),
        easy_read: false,
        paragraphs: vec![
            "If you unsubscribe, we stop sending you LocalVoice email updates for this area and delete your email address.".into(),
            "We keep only a scrambled form of it that cannot be turned back into the address, so that nobody can sign you up again without you confirming.".into(),
        ],
        form_action: format!("/digests/unsubscribe/{}", token.as_str()),
    };
    render(StatusCode::OK, &page)
}

async fn unsubscribe(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    match state.digests.unsubscribe(&token).await {
        Ok(Some(Unsubscribed::Now)) => render(
            StatusCode::OK,
            &message(
                "You have unsubscribed",
                vec![
            "We will not send you any more email updates for this area, and we have deleted your email address.".into(),
        ],
            ),
        ),
        Ok(Some(Unsubscribed::Already)) => render(
            StatusCode::OK,
            &message(
                "You have unsubscribed",
                vec!["You had already unsubscribed: we hold no email address for this subscription.".into()],
            ),
        ),
        Ok(None) => not_ours(),
        Err(error) => unavailable(error),
    }
}
