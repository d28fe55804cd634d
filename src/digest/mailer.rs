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
                    .pool_config(
                        PoolConfig::new()
                            .max_size(settings.connections)
                            .idle_timeout(Duration::from_secs(30)),
                    )
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use base64::Engine;
    use lettre::message::dkim::{DkimConfig, DkimSigningAlgorithm, DkimSigningKey};

    fn email(unsubscribe: Option<&str>) -> ClaimedEmail {
        ClaimedEmail {
            id: 7,
            recipient: "sec@cc.example.org".into(),
            message_id: "<digest.abc@localvoice.invalid>".into(),
            subject: "What residents are telling us".into(),
            body_text: "62% (58% to 66%)".into(),
            body_html: "<p>62% (58% to 66%)</p>".into(),
            unsubscribe_url: unsubscribe.map(str::to_string),
            attempts: 1,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn a_digest_carries_one_click_unsubscribe_and_its_stored_message_id() {
        let settings = MailSettings::files(std::env::temp_dir(), "https://lv.example.gov.uk");
        let raw = String::from_utf8(
            build_message(
                &settings,
                &email(Some("https://lv.example.gov.uk/digests/unsubscribe/u1.7.x")),
            )
            .unwrap()
            .formatted(),
        )
        .unwrap();
        assert!(
            raw.contains("List-Unsubscribe: <https://lv.example.gov.uk/digests/unsubscribe/u1.7.x>"),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(raw.contains("Message-ID: <digest.abc@localvoice.invalid>"));
        assert!(raw.contains("multipart/alternative"));
        let confirmation = String::from_utf8(build_message(&settings, &email(None)).unwrap().formatted()).unwrap();
        assert!(!confirmation.contains("List-Unsubscribe"));
    }

    #[test]
    fn with_a_dkim_key_every_email_is_signed_for_the_sender_domain() {
        let mut settings = MailSettings::files(std::env::temp_dir(), "https://lv.example.gov.uk");
        let seed = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        let key = DkimSigningKey::new(&seed, DkimSigningAlgorithm::Ed25519).unwrap();
        settings.dkim = Some(std::sync::Arc::new(DkimConfig::default_config(
            "lv2026".into(),
            settings.sender_domain(),
            key,
        )));
        let raw = String::from_utf8(
            build_message(&settings, &email(Some("https://x/u")))
                .unwrap()
                .formatted(),
        )
        .unwrap();
        let signature = raw.lines().find(|l| l.starts_with("DKIM-Signature:")).expect("signed");
        assert!(
            signature.contains("d=localvoice.invalid") && signature.contains("s=lv2026"),
            "{signature}"
        );
    }

    #[test]
    fn a_recipient_that_cannot_be_addressed_is_a_permanent_failure() {
        let settings = MailSettings::files(std::env::temp_dir(), "https://lv.example.gov.uk");
        let mut bad = email(None);
        bad.recipient = "not an address".into();
        assert!(matches!(build_message(&settings, &bad), Err(SendFailure::Permanent(_))));
    }
}
