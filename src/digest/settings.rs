//! How the digest service sends mail. Read from the environment by [`MailSettings::from_env`]
//! (flags of the same names win, see `crate::cli`):
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `LOCALVOICE_SMTP_URL` | `smtp://host:port` (plain, for a relay on this machine), `smtp://host?tls=required` (STARTTLS), `smtps://user:password@host` (TLS); credentials percent-encoded | none: emails are written as `.eml` files to `LOCALVOICE_MAIL_DIR` |
//! | `LOCALVOICE_MAIL_DIR` | folder the `.eml` files go to when no SMTP server is set | `./.localvoice/mail` |
//! | `LOCALVOICE_MAIL_FROM` | sender (`Name <address>`) | `LocalVoice <digests@localvoice.invalid>` |
//! | `LOCALVOICE_PUBLIC_URL` | the service's public address, for links in emails (https in production) | `http://127.0.0.1:8080` |
//! | `LOCALVOICE_DKIM_KEY_FILE`, `LOCALVOICE_DKIM_SELECTOR` | PEM private key (RSA or Ed25519) and selector: sign every email with DKIM for the sender's domain | not signed |
//! | `LOCALVOICE_MAIL_PER_DOMAIN_PER_SECOND` | most messages a second to one receiving domain | `5` |
//! | `LOCALVOICE_SMTP_CONNECTIONS` | SMTP connections (and messages in flight) at once | `16` |
//! | `LOCALVOICE_MAIL_MAX_ATTEMPTS` | attempts before a transient failure becomes permanent | `8` |
//! | `LOCALVOICE_MAIL_RETRY_SECONDS` | first retry delay; doubled each attempt (with jitter), at most 6 hours | `60` |
//! | `LOCALVOICE_DIGEST_INTERVAL_SECONDS` | how often `serve` builds due digests and sends the outbox | `300` |

use lettre::message::dkim::{DkimConfig, DkimSigningAlgorithm, DkimSigningKey};
use lettre::message::Mailbox;
use std::path::PathBuf;
use std::time::Duration;

/// Where emails go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTarget {
    /// A real SMTP server (URL as `LOCALVOICE_SMTP_URL`).
    Smtp(String),
    /// `.eml` files in a folder, for trying LocalVoice out without a mail server.
    Files(PathBuf),
}

/// Retry policy of the outbox sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: i32,
    pub first_delay: Duration,
    pub longest_delay: Duration,
    /// How long a claimed row is reserved for the sender that claimed it; after that (the sender
    /// crashed), another sender may send it again.
    pub lease: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            first_delay: Duration::from_secs(60),
            longest_delay: Duration::from_secs(6 * 3600),
            // Longer than a batch can take however slow the server (each message gives up after
            // 30 s), so that a live sender's rows are never sent by another.
            lease: Duration::from_secs(600),
        }
    }
}

#[derive(Clone)]
pub struct MailSettings {
    pub target: MailTarget,
    pub from: Mailbox,
    /// Base of every link in an email, without a trailing slash.
    pub public_url: String,
    pub dkim: Option<std::sync::Arc<DkimConfig>>,
    pub per_domain_per_second: u32,
    /// SMTP connections in the pool, and messages sent at once. lettre writes a message's
    /// terminating dot as a separate small write, which waits for the server's delayed ACK
    /// (tens of milliseconds), so one connection manages only some tens of messages a second:
    /// throughput comes from sending on several connections at once.
    pub connections: u32,
    /// Longest one message may take (connecting included) before it counts as a transient
    /// failure: a server that takes the connection and then says nothing must not stall sending.
    pub send_timeout: Duration,
    pub retry: RetryPolicy,
    pub interval: Duration,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The SMTP URL may hold a password: only its scheme and host are shown.
        let target = match &self.target {
            MailTarget::Smtp(url) => url::Url::parse(url)
                .map(|u| format!("{}://{}", u.scheme(), u.host_str().unwrap_or("?")))
                .unwrap_or_else(|_| "smtp (unparsable URL)".into()),
            MailTarget::Files(dir) => format!("files in {}", dir.display()),
        };
        f.debug_struct("MailSettings")
            .field("target", &target)
            .field("from", &self.from.to_string())
            .field("public_url", &self.public_url)
            .field("dkim", &self.dkim.is_some())
            .finish_non_exhaustive()
    }
}

pub const DEFAULT_FROM: &str = "LocalVoice <digests@localvoice.invalid>";
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";
pub const DEFAULT_MAIL_DIR: &str = ".localvoice/mail";

impl MailSettings {
    /// Emails written as files to `dir`, links to `public_url`: the default for `demo` and tests.
    pub fn files(dir: PathBuf, public_url: &str) -> Self {
        Self {
            target: MailTarget::Files(dir),
            from: DEFAULT_FROM
                .parse()
                .unwrap_or_else(|_| unreachable!("the default sender parses")),
            public_url: public_url.trim_end_matches('/').to_string(),
            dkim: None,
            per_domain_per_second: 5,
            connections: 16,
            send_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            interval: Duration::from_secs(300),
        }
    }

    /// Emails through the SMTP server at `url`.
    pub fn smtp(url: &str, public_url: &str) -> Self {
        Self {
            target: MailTarget::Smtp(url.to_string()),
            ..Self::files(PathBuf::from(DEFAULT_MAIL_DIR), public_url)
        }
    }

    /// Settings from the environment (see the module doc); a value that is set but unusable is an
    /// error naming the variable.
    pub fn from_env() -> Result<Self, String> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let public_url = get("LOCALVOICE_PUBLIC_URL").unwrap_or_else(|| DEFAULT_PUBLIC_URL.into());
        url::Url::parse(&public_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| format!("LOCALVOICE_PUBLIC_URL must be an http(s) URL, not '{public_url}'"))?;
        let mut settings = match get("LOCALVOICE_SMTP_URL") {
            Some(url) => {
                let parsed = url::Url::parse(&url).map_err(|_| "LOCALVOICE_SMTP_URL is not a URL".to_string())?;
                if !matches!(parsed.scheme(), "smtp" | "smtps") {
                    return Err(format!(
                        "LOCALVOICE_SMTP_URL must start smtp:// or smtps://, not {}://",
                        parsed.scheme()
                    ));
                }
                Self::smtp(&url, &public_url)
            }
            None => Self::files(
                PathBuf::from(get("LOCALVOICE_MAIL_DIR").unwrap_or_else(|| DEFAULT_MAIL_DIR.into())),
                &public_url,
            ),
        };
        if let Some(from) = get("LOCALVOICE_MAIL_FROM") {
            settings.from = from.parse().map_err(|e| {
                format!("LOCALVOICE_MAIL_FROM must be an address like 'LocalVoice <digests@example.org>': {e}")
            })?;
        }
        let number = |name: &str, default: u64, min: u64| -> Result<u64, String> {
            match get(name) {
                None => Ok(default),
                Some(raw) => raw
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|v| *v >= min)
                    .ok_or_else(|| format!("{name} must be a whole number of at least {min}, not '{raw}'")),
            }
        };
        settings.per_domain_per_second = u32::try_from(number("LOCALVOICE_MAIL_PER_DOMAIN_PER_SECOND", 5, 1)?)
            .map_err(|_| "LOCALVOICE_MAIL_PER_DOMAIN_PER_SECOND is too large".to_string())?;
        settings.connections = u32::try_from(number("LOCALVOICE_SMTP_CONNECTIONS", 16, 1)?)
            .map_err(|_| "LOCALVOICE_SMTP_CONNECTIONS is too large".to_string())?;
        settings.retry.max_attempts = i32::try_from(number("LOCALVOICE_MAIL_MAX_ATTEMPTS", 8, 1)?)
            .map_err(|_| "LOCALVOICE_MAIL_MAX_ATTEMPTS is too large".to_string())?;
        settings.retry.first_delay = Duration::from_secs(number("LOCALVOICE_MAIL_RETRY_SECONDS", 60, 1)?);
        settings.interval = Duration::from_secs(number("LOCALVOICE_DIGEST_INTERVAL_SECONDS", 300, 1)?);
        settings.dkim = match (get("LOCALVOICE_DKIM_KEY_FILE"), get("LOCALVOICE_DKIM_SELECTOR")) {
            (None, None) => None,
            (Some(file), Some(selector)) => Some(std::sync::Arc::new(dkim_config(&file, &selector, &settings.from)?)),
            _ => return Err("set both LOCALVOICE_DKIM_KEY_FILE and LOCALVOICE_DKIM_SELECTOR, or neither".into()),
        };
        Ok(settings)
    }

    /// The domain of the sender address (Message-IDs and DKIM use it).
    pub fn sender_domain(&self) -> String {
        self.from.email.domain().to_string()
    }
}

/// DKIM signing for the sender's domain with the key in `file` (RSA PKCS#1 PEM, or an Ed25519 key
/// as base64).
fn dkim_config(file: &str, selector: &str, from: &Mailbox) -> Result<DkimConfig, String> {
    let pem = std::fs::read_to_string(file).map_err(|e| format!("LOCALVOICE_DKIM_KEY_FILE {file}: {e}"))?;
    let algorithm = if pem.contains("RSA PRIVATE KEY") {
        DkimSigningAlgorithm::Rsa
    } else {
        DkimSigningAlgorithm::Ed25519
    };
    let key = DkimSigningKey::new(pem.trim(), algorithm)
        .map_err(|e| format!("LOCALVOICE_DKIM_KEY_FILE {file} is not a usable DKIM key: {e}"))?;
    Ok(DkimConfig::default_config(
        selector.trim().to_string(),
        from.email.domain().to_string(),
        key,
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn without_an_smtp_server_emails_are_written_to_files() {
        let settings = MailSettings::from_lookup(lookup(&[])).unwrap();
        assert_eq!(settings.target, MailTarget::Files(PathBuf::from(DEFAULT_MAIL_DIR)));
        assert_eq!(settings.public_url, DEFAULT_PUBLIC_URL);
        assert_eq!(settings.sender_domain(), "localvoice.invalid");
    }

    #[test]
    fn bad_values_name_their_variable_and_passwords_stay_out_of_debug_output() {
        let error = MailSettings::from_lookup(lookup(&[("LOCALVOICE_SMTP_URL", "http://x")]))
            .err()
            .unwrap();
        assert!(error.contains("LOCALVOICE_SMTP_URL"), "{error}");
        let error = MailSettings::from_lookup(lookup(&[("LOCALVOICE_MAIL_MAX_ATTEMPTS", "0")]))
            .err()
            .unwrap();
        assert!(error.contains("LOCALVOICE_MAIL_MAX_ATTEMPTS"), "{error}");
        let error = MailSettings::from_lookup(lookup(&[("LOCALVOICE_DKIM_SELECTOR", "lv")]))
            .err()
            .unwrap();
        assert!(error.contains("DKIM"), "{error}");
        let smtp =
            MailSettings::from_lookup(lookup(&[("LOCALVOICE_SMTP_URL", "smtps://u:s3cret@mail.example.org")])).unwrap();
        assert!(!format!("{smtp:?}").contains("s3cret"));
    }
}
