//! An email address given for a digest subscription or imported with a community council's
//! contact: checked once here, so everything past this point holds a usable address.

use validator::ValidateEmail;

/// Longest address SMTP can carry (RFC 5321: 254 octets in a path).
pub const MAX_EMAIL_LENGTH: usize = 254;

/// A syntactically valid email address, as given (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err("enter an email address".into());
        }
        if trimmed.len() > MAX_EMAIL_LENGTH {
            return Err(format!(
                "an email address can be at most {MAX_EMAIL_LENGTH} characters long"
            ));
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) || !trimmed.validate_email() {
            return Err("enter an email address in the correct format, like name@example.com".into());
        }
        // An address needs a domain mail can be delivered to ("name@localhost" is not one).
        let domain = trimmed.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
        if !domain.contains('.') || domain.starts_with('[') {
            return Err("enter an email address in the correct format, like name@example.com".into());
        }
        Ok(Self(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to recognise an address again (hashing): lower case, as mail providers treat it.
    pub fn normalised(&self) -> String {
        self.0.to_lowercase()
    }

    /// The receiving domain (lower case), for per-domain pacing.
    pub fn domain(&self) -> String {
        domain_of(&self.0)
    }
}

/// The lower-case domain of an address (everything after the last `@`).
pub fn domain_of(address: &str) -> String {
    address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or(address)
        .to_lowercase()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_trimmed() {
        let address = EmailAddress::parse("  Secretary@Blackhall-CC.org.uk ").unwrap();
        assert_eq!(address.as_str(), "Secretary@Blackhall-CC.org.uk");
        assert_eq!(address.normalised(), "secretary@blackhall-cc.org.uk");
        assert_eq!(address.domain(), "blackhall-cc.org.uk");
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_reason() {
        for bad in [
            "",
            "   ",
            "no-at-sign",
            "a@b",
            "two@@example.org",
            "sp ace@example.org",
            "a@localhost",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(EmailAddress::parse(&long).unwrap_err().contains("254"));
    }
}
