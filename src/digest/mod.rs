//! Email digests for community councils: double opt-in subscriptions (`/digests` and
//! `localvoice digests import-contacts`), what each digest says (from the results engine), the
//! transactional outbox in PostgreSQL and its sender (lettre: SMTP, or `.eml` files when no server
//! is configured), and one-click unsubscribe (RFC 8058).
//!
//! Environment variables: see [`settings`].

pub mod build;
pub mod contacts;
pub mod content;
pub mod demo;
pub mod mailer;
pub mod render;
pub mod sender;
pub mod service;
pub mod settings;
pub mod sign_up;
pub mod tokens;

pub use service::{DigestError, DigestService};
pub use settings::MailSettings;
