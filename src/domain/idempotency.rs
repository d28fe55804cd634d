//! A client's `Idempotency-Key` (IETF draft "The Idempotency-Key HTTP Header Field"): a retry with
//! the same key and the same body replays the first answer instead of storing a second response.
//!
//! Keys are shared by every client of a consultation, so one that could be guessed could be taken
//! first by someone else: a key must carry at least 128 bits, which we can only check by its form:
//! a UUID, or at least 22 characters of the URL-safe base64 alphabet (22 × 6 = 132 bits) with no
//! more than half of them the same character. Keys expire [`KEY_LIFETIME_HOURS`] after first use.

use uuid::Uuid;

/// How long a key is remembered; after that the same key starts a new submission.
pub const KEY_LIFETIME_HOURS: i64 = 24;
/// Shortest random-string key accepted (132 bits of base64url).
pub const MIN_KEY_CHARS: usize = 22;
/// Longest key accepted.
pub const MAX_KEY_CHARS: usize = 255;

/// A key that passed [`IdempotencyKey::parse`], with the SHA-256 (hex) of the request it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    key: String,
    request_sha256: String,
}

impl IdempotencyKey {
    /// Checks the header's value; the error says what a good key looks like.
    pub fn parse(raw: &str, request_sha256: String) -> Result<Self, String> {
        let key = raw.trim();
        let is_uuid = Uuid::try_parse(key).is_ok();
        let alphabet_ok = key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let long_enough = (MIN_KEY_CHARS..=MAX_KEY_CHARS).contains(&key.len());
        if is_uuid || (alphabet_ok && long_enough && !mostly_one_character(key)) {
            Ok(Self {
                key: key.to_string(),
                request_sha256,
            })
        } else {
            Err(format!(
                "the Idempotency-Key header must be a random UUID (version 4) or a random string of \
                 {MIN_KEY_CHARS} to {MAX_KEY_CHARS} letters, digits, - or _, so that nobody can guess it"
            ))
        }
    }

    /// The key of a survey form's token (see `crate::domain::form_token`): `form:` and the token's
    /// random part, which no client can choose (`:` is not allowed in a client's key). Any resend
    /// of the same form replays the first answer, whatever was changed in between.
    pub fn for_form(nonce: &str) -> Self {
        Self {
            key: format!("form:{nonce}"),
            request_sha256: "survey-form".to_string(),
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// SHA-256 (hex) of the request body the key first came with.
    pub fn request_sha256(&self) -> &str {
        &self.request_sha256
    }
}

/// "aaaaaaaaaaaaaaaaaaaaaaaa" is long but not random.
fn mostly_one_character(key: &str) -> bool {
    let mut counts = [0usize; 256];
    for b in key.bytes() {
        counts[usize::from(b)] += 1;
    }
    counts.iter().any(|&c| c * 2 > key.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    #[test]
    fn uuids_and_long_random_strings_are_keys() {
        for good in [
            "4f1c2a9e-8d7b-4c3a-9e2f-1a2b3c4d5e6f",
            "kT9_x-2QmZ8rW4pLs7VbN1",
            &"aB3".repeat(85),
        ] {
            let key = IdempotencyKey::parse(good, "h".into()).unwrap();
            assert_eq!(key.key(), good);
        }
    }

    #[test]
    fn short_guessable_or_odd_keys_are_refused_with_advice() {
        for bad in [
            "",
            "k1",
            "retry-7f3a",
            "kT9_x-2QmZ8rW4pLs7VbN",
            &"a".repeat(40),
            "kT9_x-2QmZ8rW4pLs7VbN1 with spaces",
            "kT9_x-2QmZ8rW4pLs7VbN1é",
            &"aB3".repeat(86),
        ] {
            let error = IdempotencyKey::parse(bad, "h".into()).unwrap_err();
            assert!(error.contains("random UUID"), "{bad}: {error}");
        }
    }
}
