//! The secrets of the digest service: single-use confirmation tokens (stored hashed), signed
//! unsubscribe links (no expiry, so an old email's link still works), and the keyed hash by
//! which an unsubscribed address is recognised without being kept.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// Bytes in each key (SHA-256's block size).
pub const KEY_BYTES: usize = 64;

/// The two keys, kept in `signing_keys` (`digest-links`, `email-hash`) so every instance agrees.
#[derive(Clone)]
pub struct DigestKeys {
    links: HmacSha256,
    email: HmacSha256,
}

impl std::fmt::Debug for DigestKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DigestKeys(…)")
    }
}

impl DigestKeys {
    pub fn new(links: &[u8], email: &[u8]) -> Result<Self, String> {
        let key = |bytes: &[u8]| {
            (bytes.len() == KEY_BYTES)
                .then(|| <HmacSha256 as KeyInit>::new_from_slice(bytes).ok())
                .flatten()
                .ok_or_else(|| format!("a digest key has {KEY_BYTES} bytes, not {}", bytes.len()))
        };
        Ok(Self {
            links: key(links)?,
            email: key(email)?,
        })
    }

    /// Fresh random keys (for a state that is not shared: tests).
    pub fn random() -> Self {
        let (a, b) = (random_key(), random_key());
        let (Ok(links), Ok(email)) = (
            <HmacSha256 as KeyInit>::new_from_slice(&a),
            <HmacSha256 as KeyInit>::new_from_slice(&b),
        ) else {
            unreachable!("HMAC accepts keys of any length")
        };
        Self { links, email }
    }

    /// The keyed hash of a normalised address.
    pub fn email_hash(&self, normalised: &str) -> Vec<u8> {
        let mut mac = self.email.clone();
        mac.update(normalised.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The unsubscribe token of a subscription: `u1.<id>.<MAC>`.
    pub fn unsubscribe_token(&self, subscription_id: i64) -> String {
        let mac = self.link_mac(subscription_id);
        format!("u1.{subscription_id}.{}", URL_SAFE_NO_PAD.encode(mac))
    }

    /// The subscription an unsubscribe token names, if its signature is ours.
    pub fn verify_unsubscribe(&self, token: &str) -> Option<i64> {
        let mut parts = token.trim().split('.');
        let (Some("u1"), Some(id), Some(mac), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let id: i64 = id.parse().ok()?;
        let given = URL_SAFE_NO_PAD.decode(mac).ok()?;
        let mut check = self.links.clone();
        check.update(&id.to_be_bytes());
        check.verify_slice(&given).ok().map(|()| id)
    }

    fn link_mac(&self, subscription_id: i64) -> Vec<u8> {
        let mut mac = self.links.clone();
        mac.update(&subscription_id.to_be_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

/// A fresh random key of [`KEY_BYTES`].
pub fn random_key() -> [u8; KEY_BYTES] {
    let mut bytes = [0u8; KEY_BYTES];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes
}

/// A single-use confirmation token: the text goes in the link, only its hash is stored.
pub struct ConfirmToken {
    pub text: String,
    pub hash: Vec<u8>,
}

impl ConfirmToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let text = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_token(&text);
        Self { text, hash }
    }
}

/// The stored form of a confirmation token.
pub fn hash_token(text: &str) -> Vec<u8> {
    Sha256::digest(text.trim().as_bytes()).to_vec()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_verify_only_with_our_key_and_unchanged() {
        let keys = DigestKeys::random();
        let token = keys.unsubscribe_token(42);
        assert_eq!(keys.verify_unsubscribe(&token), Some(42));
        assert_eq!(DigestKeys::random().verify_unsubscribe(&token), None);
        let forged = token.replacen("u1.42.", "u1.43.", 1);
        assert_eq!(keys.verify_unsubscribe(&forged), None);
        for junk in ["", "u1", "u1.x.y", "u2.42.abc", &format!("{token}.extra")] {
            assert_eq!(keys.verify_unsubscribe(junk), None, "{junk}");
        }
    }

    #[test]
    fn email_hashes_are_keyed() {
        let keys = DigestKeys::random();
        assert_eq!(keys.email_hash("a@example.org"), keys.email_hash("a@example.org"));
        assert_ne!(
            keys.email_hash("a@example.org"),
            DigestKeys::random().email_hash("a@example.org")
        );
    }

    #[test]
    fn confirmation_tokens_are_random_and_stored_hashed() {
        let (a, b) = (ConfirmToken::generate(), ConfirmToken::generate());
        assert_ne!(a.text, b.text);
        assert_eq!(hash_token(&a.text), a.hash);
        assert!(a.text.len() >= 43);
    }
}
