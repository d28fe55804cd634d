//! `/digests`: community councils sign up for email digests (double opt-in). The form works
//! without JavaScript; the POST must carry the form's signed token and come from our own page
//! (see [`super::csrf`]); nothing is stored for a form with problems.

use super::csrf::check_same_origin;
use super::errors::{ErrorPage, Link};
use super::html::{render, render_private};
use super::survey_view::ErrorLink;
use crate::digest::sign_up::{FieldError, SignUpForm};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

/// What the form token is issued for.
const FORM_PURPOSE: &str = "digests:sign-up";
/// How long a sign-up form may be left open.
const FORM_HOURS: i64 = 24;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/digests", web::get().to(show))
        .route("/digests", web::post().to(submit));
}

#[derive(Template)]
#[template(path = "pages/digests_sign_up.html")]
pub struct SignUpPage {
    pub title: String,
    pub easy_read: bool,
    pub form: SignUpForm,
    pub form_token: String,
    pub errors: Vec<FieldError>,
    /// The error summary: a link to each field with a problem.
    pub summary: Vec<ErrorLink>,
    /// (code, name) of every council area.
    pub areas: Vec<(String, String)>,
    pub community_councils: Vec<String>,
}

impl SignUpPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

async fn page(state: &AppState, form: SignUpForm, errors: Vec<FieldError>) -> SignUpPage {
    let mut areas: Vec<(String, String)> = state
        .geography
        .areas
        .iter()
        .map(|a| (a.code.as_str().to_string(), a.name.clone()))
        .collect();
    areas.sort_by(|a, b| a.1.cmp(&b.1));
    // Suggestions only: the page works without them.
    let mut community_councils: Vec<String> = match state.digests.community_councils().await {
        Ok(list) => list.into_iter().map(|(_, name)| name).collect(),
        Err(error) => {
            tracing::warn!(%error, "community councils not read for the sign-up page");
            Vec::new()
        }
    };
    community_councils.sort();
    community_councils.dedup();
    SignUpPage {
        // GOV.UK pattern: a page showing errors says so first in its title.
        title: format!(
            "{}Get email updates for your community council",
            if errors.is_empty() { "" } else { "Error: " }
        ),
        easy_read: false,
        form,
        form_token: state.submissions.issue_form_token(FORM_PURPOSE).as_str().to_string(),
        summary: errors
            .iter()
            .map(|e| ErrorLink {
                href: format!("#{}", e.field),
                message: e.message.clone(),
            })
            .collect(),
        errors,
        areas,
        community_councils,
    }
}

async fn show(state: web::Data<AppState>) -> HttpResponse {
    render(StatusCode::OK, &page(&state, SignUpForm::default(), Vec::new()).await)
}

async fn submit(req: HttpRequest, state: web::Data<AppState>, form: web::Form<SignUpForm>) -> HttpResponse {
    let form = form.into_inner();
    if let Err(why) = check_same_origin(&req) {
        tracing::info!(why, "digest sign-up refused: not sent from our page");
        return render(
            StatusCode::FORBIDDEN,
            &message(
                "This form did not come from LocalVoice",
                vec![
                    "Nothing has been saved. To get email updates, please use the form on the LocalVoice website."
                        .into(),
                ],
            ),
        );
    }
    let token_ok = state
        .submissions
        .verify_form_token(FORM_PURPOSE, Some(&form.form_token))
        .and_then(|t| t.issued_at())
        .is_some_and(|issued| chrono::Utc::now() - issued < chrono::Duration::hours(FORM_HOURS));
    if !token_ok {
        let error = FieldError {
            field: "email",
            message: "This form has expired or did not come from this page. Check your answers and send it again."
                .into(),
        };
        return render_private(StatusCode::BAD_REQUEST, &page(&state, form, vec![error]).await);
    }
    let sign_up = match form.parse(&state.geography) {
        Ok(s) => s,
        Err(errors) => return render_private(StatusCode::BAD_REQUEST, &page(&state, form, errors).await),
    };
    let area = sign_up.area.name.clone();
    let frequency = sign_up.frequency.describe();
    match state.digests.sign_up(sign_up, "sign-up").await {
        Ok(_) => {
            // Send the confirmation now rather than at the next timer tick.
            state.digests.wake_sender();
            render_private(StatusCode::OK, &message(
                "Check your email",
                vec![
                    "We have sent an email to the address you gave. Follow the link in it within 48 hours to start your updates.".into(),
                    format!("After that we will email you {frequency} about {area} while a police consultation covering it is open."),
                    "If the email does not arrive, check your junk folder. If you already get these updates for this area, nothing changes.".into(),
                ],
            ))
        }
        Err(error) => {
            tracing::error!(%error, "digest sign-up not stored");
            render(
                StatusCode::SERVICE_UNAVAILABLE,
                &message(
                    "Sorry, there is a problem with the service",
                    vec!["Nothing has been saved. Please try again in a few minutes.".into()],
                ),
            )
        }
    }
}

/// A page of plain paragraphs (the pages' usual message page), linking back to the sign-up page.
pub fn message(title: &str, paragraphs: Vec<String>) -> ErrorPage {
    ErrorPage {
        title: title.into(),
        easy_read: false,
        paragraphs,
        links: vec![Link {
            href: "/digests".into(),
            label: "Email updates for community councils".into(),
        }],
    }
}
