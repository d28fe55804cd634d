//! The survey form's single-use token: served in a hidden field of every survey form, signed with
//! the service's key (no cookie, no JavaScript, no server-side state until the form is sent).
//!
//! Its random part is the submission's idempotency key: a double click, a browser retry or two
//! tabs sending the same form store one response and all see the same confirmation page, and after
//! a failure the service can tell whether the answers were in fact saved. Its signature stops a
//! client from choosing keys (and so from taking someone else's), and its issue time lets the
//! service notice a form sent back implausibly fast.
//!
//! Format: `v1.<nonce>.<issued, Unix seconds>.<HMAC-SHA256 over consultation, nonce and time>`,
//! nonce and MAC in unpadded base64url.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of randomness in a token (128 bits).
pub const NONCE_BYTES: usize = 16;

/// Bytes in a form key (SHA-256's block size: HMAC uses such a key as it is).
pub const KEY_BYTES: usize = 64;

/// The key that signs form tokens (kept in the database so every instance and restart agrees).
#[derive(Clone)]
pub struct FormKey {
    prototype: HmacSha256,
}

impl std::fmt::Debug for FormKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormKey(…)")
    }
}

impl FormKey {
    /// The key of [`KEY_BYTES`] bytes.
    pub fn from_bytes(bytes: &[u8; KEY_BYTES]) -> Self {
        Self {
            prototype: <HmacSha256 as KeyInit>::new(&(*bytes).into()),
        }
    }

    /// A key read from storage; anything but [`KEY_BYTES`] bytes is refused.
    pub fn new(bytes: &[u8]) -> Result<Self, String> {
        let array: &[u8; KEY_BYTES] = bytes
            .try_into()
            .map_err(|_| format!("a form key has {KEY_BYTES} bytes, not {}", bytes.len()))?;
        Ok(Self::from_bytes(array))
    }

    /// A fresh random key, and its bytes (to store).
    pub fn random() -> (Self, [u8; KEY_BYTES]) {
        let mut bytes = [0u8; KEY_BYTES];
        rand::Rng::fill(&mut rand::thread_rng(), &mut bytes[..]);
        (Self::from_bytes(&bytes), bytes)
    }

    fn mac(&self, consultation: &str, nonce: &str, issued: i64) -> HmacSha256 {
        let mut mac = self.prototype.clone();
        mac.update(format!("v1|{consultation}|{nonce}|{issued}").as_bytes());
        mac
    }

    /// A new token for a form of `consultation`, issued at `now`.
    pub fn issue(&self, consultation: &str, now: DateTime<Utc>) -> FormToken {
        let nonce = URL_SAFE_NO_PAD.encode(rand::random::<[u8; NONCE_BYTES]>());
        let issued = now.timestamp();
        let signature = URL_SAFE_NO_PAD.encode(self.mac(consultation, &nonce, issued).finalize().into_bytes());
        FormToken {
            text: format!("v1.{nonce}.{issued}.{signature}"),
            nonce,
            issued,
        }
    }

    /// The token `raw`, if this key signed it for `consultation`.
    pub fn verify(&self, consultation: &str, raw: &str) -> Option<FormToken> {
        let mut parts = raw.trim().split('.');
        let (Some("v1"), Some(nonce), Some(issued), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let issued: i64 = issued.parse().ok()?;
        let decoded = URL_SAFE_NO_PAD.decode(nonce).ok()?;
        if decoded.len() != NONCE_BYTES {
            return None;
        }
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(consultation, nonce, issued).verify_slice(&signature).ok()?;
        Some(FormToken {
            text: raw.trim().to_string(),
            nonce: nonce.to_string(),
            issued,
        })
    }
}

/// A verified (or just issued) form token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormToken {
    text: String,
    nonce: String,
    issued: i64,
}

impl FormToken {
    /// What goes in the hidden field.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The random part: the submission's idempotency key.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// When the form was served.
    pub fn issued_at(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.issued, 0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_for_its_consultation_only_and_carries_its_issue_time() {
        let key = FormKey::random().0;
        let now = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let token = key.issue("your-police-2026", now);
        let verified = key.verify("your-police-2026", token.as_str()).unwrap();
        assert_eq!(verified, token);
        assert_eq!(verified.issued_at(), Some(now));
        assert_eq!(URL_SAFE_NO_PAD.decode(verified.nonce()).unwrap().len(), NONCE_BYTES);
        assert!(key.verify("your-police-2025", token.as_str()).is_none());
        assert!(FormKey::random().0.verify("your-police-2026", token.as_str()).is_none());
    }

    #[test]
    fn altered_or_malformed_tokens_are_refused() {
        let key = FormKey::random().0;
        let token = key.issue("c", Utc::now()).as_str().to_string();
        let parts: Vec<&str> = token.split('.').collect();
        let later = format!("v1.{}.{}.{}", parts[1], parts[2].parse::<i64>().unwrap() - 60, parts[3]);
        let other_nonce = format!("v1.{}.{}.{}", "A".repeat(22), parts[2], parts[3]);
        for bad in [
            "",
            "v1",
            "v2.a.b.c",
            &later,
            &other_nonce,
            &format!("{token}.x"),
            "v1.!!.1.x",
        ] {
            assert!(key.verify("c", bad).is_none(), "{bad}");
        }
        assert!(FormKey::new(&[1; 31]).is_err());
        assert!(FormKey::new(&[1; KEY_BYTES]).is_ok());
    }

    #[test]
    fn every_token_is_different() {
        let key = FormKey::random().0;
        let a = key.issue("c", Utc::now());
        let b = key.issue("c", Utc::now());
        assert_ne!(a.nonce(), b.nonce());
    }
}
