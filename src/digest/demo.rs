//! The demo's example community councils: three confirmed subscriptions at example.org (a domain
//! reserved for examples, so nothing can reach a real person), whose digests `demo` builds at once
//! and, with no SMTP server configured, writes as `.eml` files to open and read.

use super::service::{DigestError, DigestService};
use crate::db::digests::{insert_confirmed, NewSubscription};

/// (council area, community council, address, postcode districts, frequency).
const EXAMPLES: &[(&str, &str, &str, &[&str], &str)] = &[
    (
        "S12000036",
        "Blackhall Community Council",
        "secretary@blackhall-cc.example.org",
        &["EH4"],
        "monthly",
    ),
    (
        "S12000019",
        "Bonnyrigg and Lasswade Community Council",
        "clerk@bonnyrigg-cc.example.org",
        &["EH18", "EH19"],
        "weekly",
    ),
    (
        "S12000026",
        "Peebles and District Community Council",
        "info@peebles-cc.example.org",
        &[],
        "monthly",
    ),
];

impl DigestService {
    /// Stores the example subscriptions (once).
    pub async fn add_demo_subscriptions(&self) -> Result<usize, DigestError> {
        let subscriptions: Vec<NewSubscription> = EXAMPLES
            .iter()
            .map(|(area, name, email, districts, frequency)| NewSubscription {
                email: (*email).to_string(),
                email_hash: self.keys.email_hash(email),
                council_area_code: (*area).to_string(),
                community_council: Some((*name).to_string()),
                postcode_districts: districts.iter().map(|d| (*d).to_string()).collect(),
                frequency,
                source: "import",
            })
            .collect();
        let n = subscriptions.len();
        crate::db::run(&self.pool, move |conn| {
            subscriptions.iter().try_for_each(|s| insert_confirmed(conn, s))
        })
        .await?;
        Ok(n)
    }
}
