//! A per-client key that is not the client's address: HMAC-SHA256 of the address under a random
//! key that lives only in this process's memory and is replaced at the start of every UTC day,
//! truncated to 128 bits. The rate limiter (`crate::rate_limit`) keys its buckets by it.
//!
//! Why: an IP address is personal data (ICO), so LocalVoice neither logs nor stores one. A bare
//! hash of an address could be reversed by hashing all 2^32 IPv4 addresses; a secret key that is
//! never written down, and is forgotten after a day, means the same client can be recognised
//! within the day (to slow down a script) but not linked across days, nor by anyone reading memory
//! dumps of earlier days. Several instances each have their own key; their limits are per instance.
//!
//! IPv6 addresses are keyed by their /64 prefix: one household or phone is given a whole /64, and
//! could otherwise take a fresh address (and a fresh bucket) for every request.
//!
//! Reads no environment variables.

use chrono::{DateTime, NaiveDate, Utc};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::IpAddr;
use std::sync::Mutex;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the HMAC kept: enough that two clients in one day never collide in practice.
pub const CLIENT_KEY_BYTES: usize = 16;

/// The keyed hash of one client's address for one UTC day. Its `Debug` does not show the hash,
/// so that it cannot end up in a log by accident.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey([u8; CLIENT_KEY_BYTES]);

impl std::fmt::Debug for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientKey(…)")
    }
}

/// Today's secret key. Never serialised, logged or stored.
struct DayKey {
    day: NaiveDate,
    mac: HmacSha256,
}

impl DayKey {
    fn random(day: NaiveDate) -> Self {
        let mut bytes = [0u8; 64];
        rand::Rng::fill(&mut rand::thread_rng(), &mut bytes[..]);
        let mac = <HmacSha256 as KeyInit>::new(&bytes.into());
        Self { day, mac }
    }
}

/// Turns client addresses into [`ClientKey`]s, rotating its secret at each UTC midnight.
pub struct ClientKeyer {
    current: Mutex<DayKey>,
}

impl std::fmt::Debug for ClientKeyer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientKeyer(…)")
    }
}

impl Default for ClientKeyer {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientKeyer {
    /// A keyer with a fresh random secret for today.
    pub fn new() -> Self {
        Self {
            current: Mutex::new(DayKey::random(Utc::now().date_naive())),
        }
    }

    /// The key of `address` now.
    pub fn key(&self, address: IpAddr) -> ClientKey {
        self.key_at(address, Utc::now())
    }

    /// The key of `address` at `now`: the same all UTC day, unrelated to any other day's.
    pub fn key_at(&self, address: IpAddr, now: DateTime<Utc>) -> ClientKey {
        let day = now.date_naive();
        // A poisoned lock only means another thread panicked mid-update of a key that is replaced
        // whole, so the value inside is still a valid key.
        let mut current = self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if current.day != day {
            *current = DayKey::random(day);
        }
        let mut mac = current.mac.clone();
        drop(current);
        mac.update(&address_bytes(address));
        let digest = mac.finalize().into_bytes();
        let mut key = [0u8; CLIENT_KEY_BYTES];
        key.copy_from_slice(&digest[..CLIENT_KEY_BYTES]);
        ClientKey(key)
    }
}

/// What identifies a client: the whole IPv4 address (or IPv4-mapped IPv6), an IPv6 /64 prefix.
fn address_bytes(address: IpAddr) -> Vec<u8> {
    match address {
        IpAddr::V4(v4) => [&[4u8][..], &v4.octets()].concat(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => [&[4u8][..], &v4.octets()].concat(),
            None => [&[6u8][..], &v6.octets()[..8]].concat(),
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn one_address_has_one_key_all_day_and_another_the_next_day() {
        let keyer = ClientKeyer::new();
        let address: IpAddr = "203.0.113.7".parse().unwrap();
        let morning = keyer.key_at(address, at(4, 0));
        assert_eq!(keyer.key_at(address, at(4, 23)), morning);
        assert_ne!(keyer.key_at(address, at(5, 0)), morning);
    }

    #[test]
    fn different_addresses_and_different_processes_give_different_keys() {
        let (a, b) = (ClientKeyer::new(), ClientKeyer::new());
        let one: IpAddr = "203.0.113.7".parse().unwrap();
        let two: IpAddr = "203.0.113.8".parse().unwrap();
        assert_ne!(a.key_at(one, at(4, 9)), a.key_at(two, at(4, 9)));
        assert_ne!(
            a.key_at(one, at(4, 9)),
            b.key_at(one, at(4, 9)),
            "the secret is random per keyer"
        );
    }

    #[test]
    fn an_ipv6_client_is_its_64_prefix_and_a_mapped_ipv4_is_the_ipv4_address() {
        let keyer = ClientKeyer::new();
        let key = |s: &str| keyer.key_at(s.parse().unwrap(), at(4, 9));
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:203.0.113.7"), key("203.0.113.7"));
    }

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let key = ClientKeyer::new().key_at("203.0.113.7".parse().unwrap(), at(4, 9));
        assert_eq!(format!("{key:?}"), "ClientKey(…)");
    }
}
