//! Turning an outbox row into an email and handing it to the mail server: lettre's async SMTP
//! transport (with its connection pool), or lettre's file transport writing `.eml` files.

use super::settings::{MailSettings, MailTarget};
use crate::db::outbox::ClaimedEmail;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Why a message was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// Worth trying again later: 4xx, connection refused, timeouts.
    Transient(String),
    /// Never worth trying again: the server said 5xx, or the message cannot be built.
    Permanent(String),
}

/// Where messages go.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Self, String> {
        match &settings.target {
            MailTarget::Smtp(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("LOCALVOICE_SMTP_URL: {e}"))?
                    .timeout(Some(Duration::from_secs(20)))
                    .pool_config(PoolConfig::new().max_size(4).idle_timeout(Duration::from_secs(30)))
                    .build();
                Ok(Self::Smtp(transport))
            }
            MailTarget::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("mail folder {}: {e}", dir.display()))?;
                Ok(Self::Files(AsyncFileTransport::<Tokio1Executor>::new(dir)))
            }
        }
    }

    /// Sends one message; `Ok` only once the server answered 250 (or the file is written).
    pub async fn send(&self, message: Message) -> Result<(), SendFailure> {
        match self {
            Self::Smtp(transport) => transport.send(message).await.map(drop).map_err(|e| {
                let text = e.to_string();
                if e.is_permanent() {
                    SendFailure::Permanent(text)
                } else {
                    SendFailure::Transient(text)
                }
            }),
            Self::Files(transport) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| SendFailure::Transient(e.to_string())),
        }
    }
}

const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");
const AUTO_SUBMITTED: HeaderName = HeaderName::new_from_ascii_str("Auto-Submitted");

/// The email of an outbox row: `multipart/alternative` (plain text first, then HTML), its stable
/// Message-ID, the Date it was queued, and for digests the one-click unsubscribe headers of
/// RFC 8058; DKIM-signed when a key is configured.
pub fn build_message(settings: &MailSettings, email: &ClaimedEmail) -> Result<Message, SendFailure> {
    let to: Mailbox = email
        .recipient
        .parse()
        .map_err(|e| SendFailure::Permanent(format!("the recipient address cannot be used: {e}")))?;
    let mut builder = Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(email.message_id.clone()))
        .date(std::time::SystemTime::from(email.created_at))
        .raw_header(HeaderValue::new(AUTO_SUBMITTED, "auto-generated".into()));
    if let Some(url) = &email.unsubscribe_url {
        builder = builder
            .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{url}>")))
            .raw_header(HeaderValue::new(
                LIST_UNSUBSCRIBE_POST,
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    let mut message = builder
        .multipart(MultiPart::alternative_plain_html(
            email.body_text.clone(),
            email.body_html.clone(),
        ))
        .map_err(|e| SendFailure::Permanent(format!("the message cannot be built: {e}")))?;
    if let Some(dkim) = &settings.dkim {
        message.sign(dkim);
    }
    Ok(message)
}

/// A Message-ID that is unique and the same every time the row is sent: `<kind.random@domain>`.
pub fn new_message_id(kind: &str, sender_domain: &str) -> String {
    format!("<{kind}.{}@{sender_domain}>", uuid::Uuid::new_v4().simple())
}
