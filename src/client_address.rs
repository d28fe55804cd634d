//! Which address a request came from, for rate limiting only (it is never logged or stored; see
//! `crate::client_key`).
//!
//! `X-Forwarded-For` is believed only when the connection comes from a configured trusted proxy
//! (`LOCALVOICE_TRUSTED_PROXIES`, read by `crate::config`): anyone else could write any address
//! there and so get a fresh rate-limit bucket per request. Behind a trusted proxy the client is the
//! right-most address in the header that is not itself a trusted proxy (addresses to its left were
//! written by the client and prove nothing). A header that cannot be read gives the peer address.

use std::net::{IpAddr, SocketAddr};

/// The addresses of the reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpAddr>);

impl TrustedProxies {
    pub fn new(addresses: Vec<IpAddr>) -> Self {
        Self(addresses.into_iter().map(canonical).collect())
    }

    /// A comma- or space-separated list of IP addresses; `Err` names the first entry that is not one.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<IpAddr>().map_err(|_| s.to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map(Self::new)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, address: IpAddr) -> bool {
        self.0.contains(&canonical(address))
    }

    /// The client's address: the peer's, or when the peer is a trusted proxy, the one it forwarded.
    /// `forwarded_for` is every `X-Forwarded-For` header, in order.
    pub fn client_address<'a>(&self, peer: IpAddr, forwarded_for: impl IntoIterator<Item = &'a str>) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded_for
            .into_iter()
            .flat_map(|header| header.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(address) = parse_hop(hop) else {
                return client;
            };
            client = address;
            if !self.contains(address) {
                break;
            }
        }
        client
    }
}

/// `203.0.113.7`, `203.0.113.7:5000`, `2001:db8::1` or `[2001:db8::1]:5000`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(canonical)
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(address),
        v4 => v4,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a panic is how a test fails
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_address(ip("198.51.100.1"), ["203.0.113.7"]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        assert_eq!(
            proxies.client_address(ip("198.51.100.1"), ["203.0.113.7"]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.1, 10.0.0.2").unwrap();
        // The client claimed 1.2.3.4; the outer proxy saw 203.0.113.7; the inner saw the outer.
        let headers = ["1.2.3.4, 203.0.113.7", "10.0.0.2"];
        assert_eq!(proxies.client_address(ip("10.0.0.1"), headers), ip("203.0.113.7"));
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["[2001:db8::5]:4711"]),
            ip("2001:db8::5")
        );
        assert_eq!(
            proxies.client_address(ip("::ffff:10.0.0.1"), ["203.0.113.9:80"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_missing_or_unreadable_header_gives_the_last_address_known() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        assert_eq!(proxies.client_address(ip("10.0.0.1"), []), ip("10.0.0.1"));
        assert_eq!(proxies.client_address(ip("10.0.0.1"), ["unknown"]), ip("10.0.0.1"));
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["garbage, 203.0.113.7"]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn a_list_with_something_not_an_address_is_refused() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.1, proxy.local"),
            Err("proxy.local".to_string())
        );
        assert!(TrustedProxies::parse(" ").unwrap().is_empty());
    }
}
