//! [`ProtectionSettings`]: rate limits, trusted proxies, the survey form's minimum time and HSTS,
//! from `LOCALVOICE_SUBMIT_RATE_PER_MINUTE`, `LOCALVOICE_SUBMIT_BURST`, `LOCALVOICE_TRUSTED_PROXIES`,
//! `LOCALVOICE_FORM_MIN_SECONDS` and `LOCALVOICE_HSTS` (documented in the table of `crate::config`).

use super::ConfigError;
use crate::client_address::TrustedProxies;
use std::num::NonZeroU32;
use std::time::Duration;

/// A sustained rate with a burst allowance, per client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: NonZeroU32,
    pub burst: NonZeroU32,
}

/// Protection against abuse: rate limits, the survey form's friction, transport security.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectionSettings {
    /// Submissions per client (`LOCALVOICE_SUBMIT_RATE_PER_MINUTE`, `LOCALVOICE_SUBMIT_BURST`);
    /// `None`: unlimited.
    pub submit_rate: Option<RateLimit>,
    /// Proxies whose `X-Forwarded-For` is believed (`LOCALVOICE_TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// Fewest seconds between serving a survey form and its being sent (`LOCALVOICE_FORM_MIN_SECONDS`).
    pub form_min_time: Duration,
    /// Send `Strict-Transport-Security` (`LOCALVOICE_HSTS`).
    pub hsts: bool,
}

/// Sustained submissions per client per minute by default. A household, a library or an office
/// shares one address, so the limit is set well above what one person sends, to slow a script
/// rather than stop a community meeting.
pub const DEFAULT_SUBMIT_RATE_PER_MINUTE: u32 = 10;
/// Submissions one client may send at once by default.
pub const DEFAULT_SUBMIT_BURST: u32 = 20;
/// A person needs longer than this to read and answer even the shortest survey.
pub const DEFAULT_FORM_MIN_SECONDS: u64 = 3;

impl Default for ProtectionSettings {
    /// What a real deployment uses.
    fn default() -> Self {
        Self {
            submit_rate: NonZeroU32::new(DEFAULT_SUBMIT_RATE_PER_MINUTE)
                .zip(NonZeroU32::new(DEFAULT_SUBMIT_BURST))
                .map(|(per_minute, burst)| RateLimit { per_minute, burst }),
            trusted_proxies: TrustedProxies::default(),
            form_min_time: Duration::from_secs(DEFAULT_FORM_MIN_SECONDS),
            hsts: false,
        }
    }
}

impl ProtectionSettings {
    /// No rate limit and no minimum form time: for tests and benchmarks that send many responses
    /// quickly on purpose.
    pub fn off() -> Self {
        Self {
            submit_rate: None,
            form_min_time: Duration::ZERO,
            ..Self::default()
        }
    }

    /// The defaults, overridden by the variables that are set (an unusable value is an error).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`ProtectionSettings::from_env`], with the variables looked up by `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let defaults = Self::default();
        let whole = |name: &'static str, default: u64, expected: &'static str| -> Result<u64, ConfigError> {
            match lookup(name) {
                None => Ok(default),
                Some(raw) => raw.trim().parse::<u64>().map_err(|_| ConfigError {
                    name,
                    value: raw.clone(),
                    expected,
                }),
            }
        };
        let per_minute = whole(
            "LOCALVOICE_SUBMIT_RATE_PER_MINUTE",
            u64::from(DEFAULT_SUBMIT_RATE_PER_MINUTE),
            "a whole number of responses per minute (0 for no limit)",
        )?;
        let burst = whole(
            "LOCALVOICE_SUBMIT_BURST",
            u64::from(DEFAULT_SUBMIT_BURST),
            "a whole number of responses, 1 or more",
        )?;
        let submit_rate = match per_minute {
            0 => None,
            n => Some(RateLimit {
                per_minute: nonzero_u32("LOCALVOICE_SUBMIT_RATE_PER_MINUTE", n)?,
                burst: nonzero_u32("LOCALVOICE_SUBMIT_BURST", burst)?,
            }),
        };
        let trusted_proxies = match lookup("LOCALVOICE_TRUSTED_PROXIES") {
            None => defaults.trusted_proxies,
            Some(raw) => TrustedProxies::parse(&raw).map_err(|_| ConfigError {
                name: "LOCALVOICE_TRUSTED_PROXIES",
                value: raw.clone(),
                expected: "a comma-separated list of IP addresses",
            })?,
        };
        let form_min_time = Duration::from_secs(whole(
            "LOCALVOICE_FORM_MIN_SECONDS",
            DEFAULT_FORM_MIN_SECONDS,
            "a whole number of seconds (0 for none)",
        )?);
        let hsts = match lookup("LOCALVOICE_HSTS").map(|v| v.trim().to_ascii_lowercase()) {
            None => defaults.hsts,
            Some(v) if v == "true" || v == "1" => true,
            Some(v) if v == "false" || v == "0" || v.is_empty() => false,
            Some(v) => {
                return Err(ConfigError {
                    name: "LOCALVOICE_HSTS",
                    value: v,
                    expected: "true or false",
                })
            }
        };
        Ok(Self {
            submit_rate,
            trusted_proxies,
            form_min_time,
            hsts,
        })
    }
}

fn nonzero_u32(name: &'static str, value: u64) -> Result<NonZeroU32, ConfigError> {
    u32::try_from(value)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or_else(|| ConfigError {
            name,
            value: value.to_string(),
            expected: "a whole number from 1 to 4294967295",
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protection(vars: &[(&str, &str)]) -> Result<ProtectionSettings, ConfigError> {
        ProtectionSettings::from_lookup(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn protection_defaults_limit_submissions_and_quick_forms() {
        let p = protection(&[]).unwrap();
        let rate = p.submit_rate.unwrap();
        assert_eq!((rate.per_minute.get(), rate.burst.get()), (10, 20));
        assert_eq!(p.form_min_time, Duration::from_secs(3));
        assert!(p.trusted_proxies.is_empty() && !p.hsts);
    }

    #[test]
    fn protection_variables_override_and_zero_switches_off() {
        let p = protection(&[
            ("LOCALVOICE_SUBMIT_RATE_PER_MINUTE", "0"),
            ("LOCALVOICE_FORM_MIN_SECONDS", "0"),
            ("LOCALVOICE_TRUSTED_PROXIES", "10.0.0.1, ::1"),
            ("LOCALVOICE_HSTS", "true"),
        ])
        .unwrap();
        assert_eq!(p.submit_rate, None);
        assert_eq!(p.form_min_time, Duration::ZERO);
        assert_eq!(p.trusted_proxies, TrustedProxies::parse("10.0.0.1,::1").unwrap());
        assert!(p.hsts);
        let p = protection(&[
            ("LOCALVOICE_SUBMIT_RATE_PER_MINUTE", "60"),
            ("LOCALVOICE_SUBMIT_BURST", "5"),
        ])
        .unwrap();
        let rate = p.submit_rate.unwrap();
        assert_eq!((rate.per_minute.get(), rate.burst.get()), (60, 5));
    }

    #[test]
    fn unusable_protection_values_are_errors_naming_the_variable() {
        for (name, value) in [
            ("LOCALVOICE_SUBMIT_RATE_PER_MINUTE", "ten"),
            ("LOCALVOICE_SUBMIT_BURST", "0"),
            ("LOCALVOICE_TRUSTED_PROXIES", "proxy.internal"),
            ("LOCALVOICE_FORM_MIN_SECONDS", "-1"),
            ("LOCALVOICE_HSTS", "maybe"),
        ] {
            assert_eq!(protection(&[(name, value)]).unwrap_err().name, name);
        }
    }
}
