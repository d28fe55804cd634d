//! The resident-facing pages: server-rendered HTML (askama templates in `templates/pages/`) that
//! works with JavaScript switched off, follows GOV.UK Design System patterns and aims at WCAG 2.2
//! AA. One file per page or action; the JSON API lives in the sibling `api_*` modules.
//!
//! Reads no environment variables.

mod accessibility;
mod assets;
mod csrf;
mod digest_links;
mod digests;
pub(crate) mod errors;
mod fields;
mod form;
#[cfg(test)]
mod form_props;
mod home;
pub(crate) mod html;
mod notices;
mod questions;
mod start;
mod survey;
mod survey_view;
pub(crate) mod text;
mod thanks;

#[cfg(test)]
mod handler_tests;
#[cfg(test)]
mod survey_view_tests;
#[cfg(test)]
mod test_support;

pub use errors::not_found_page;

use actix_web::web;

/// Registers every page route. Call before the default service is set.
pub fn configure(cfg: &mut web::ServiceConfig) {
    home::configure(cfg);
    start::configure(cfg);
    survey::configure(cfg);
    thanks::configure(cfg);
    accessibility::configure(cfg);
    digests::configure(cfg);
    digest_links::configure(cfg);
    assets::configure(cfg);
}

/// Which wording a page uses: the standard survey, or the easy-read one (short sentences, everyday
/// words, larger layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Standard,
    EasyRead,
}

impl Version {
    pub fn is_easy_read(self) -> bool {
        self == Version::EasyRead
    }
}
