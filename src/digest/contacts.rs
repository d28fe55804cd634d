//! `localvoice digests import-contacts FILE.csv`: community councils and their contact addresses,
//! in the columns of the Improvement Service Spatial Hub community council dataset
//! (`la_s_code`, `local_authority`, `cc_name`, `active`, `url`) plus `email`. Column names match
//! ignoring case, in any order.
//!
//! All or nothing: if any row is bad, nothing is stored and every bad row is reported by line.
//! Inactive or disbanded councils are skipped and reported. An imported contact gets a
//! confirmation email like anyone signing up, and no digest until they confirm; an address that
//! unsubscribed is refused (they can sign up again themselves).

use super::service::{DigestError, DigestService};
use super::sign_up::{community_council_name, SignUp};
use crate::db::digests::{self, SignUpOutcome};
use crate::domain::digest_schedule::Frequency;
use crate::domain::email_address::EmailAddress;
use crate::domain::Geography;
use chrono::Utc;
use diesel::Connection;
use std::collections::HashSet;

/// Largest contacts file accepted (Scotland has about 1,200 community councils).
pub const MAX_ROWS: usize = 20_000;

/// One bad row's problem.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContactProblem {
    pub line: u64,
    pub column: &'static str,
    pub message: String,
}

/// What an import did (or, with problems, why it did nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ContactsReport {
    /// Contacts stored as pending, each with a confirmation email queued.
    pub invited: usize,
    /// Contacts already subscribed and confirmed for the area: left as they are.
    pub already_subscribed: usize,
    /// (line, council) of inactive or disbanded councils, skipped.
    pub skipped_inactive: Vec<(u64, String)>,
    /// Lines whose address unsubscribed earlier: refused.
    pub refused_unsubscribed: Vec<u64>,
    /// Bad rows; when there are any, nothing was stored.
    pub problems: Vec<ContactProblem>,
}

/// A checked row.
struct ContactRow {
    line: u64,
    sign_up: SignUp,
    url: Option<String>,
}

enum Parsed {
    Contact(Box<ContactRow>),
    Inactive(u64, String),
}

/// Whether the `active` column says the council is active (blank: yes).
fn is_active(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" | "active" => Ok(true),
        "no" | "n" | "false" | "0" | "inactive" | "disbanded" | "dormant" | "lapsed" => Ok(false),
        other => Err(format!("'{other}' is not yes or no")),
    }
}

/// Reads and checks every row of `data`.
fn parse_contacts(data: &[u8], geography: &Geography) -> Result<Vec<Parsed>, Vec<ContactProblem>> {
    let problem = |line: u64, column: &'static str, message: String| ContactProblem { line, column, message };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect(),
        Err(e) => return Err(vec![problem(1, "header", format!("cannot read the header row: {e}"))]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (email_col, name_col) = (col("email"), col("cc_name"));
    let (code_col, la_col, active_col, url_col) = (col("la_s_code"), col("local_authority"), col("active"), col("url"));
    let mut missing = Vec::new();
    if email_col.is_none() {
        missing.push(problem(1, "email", "the file has no email column".into()));
    }
    if name_col.is_none() {
        missing.push(problem(1, "cc_name", "the file has no cc_name column".into()));
    }
    if code_col.is_none() && la_col.is_none() {
        missing.push(problem(
            1,
            "la_s_code",
            "the file needs a la_s_code or local_authority column".into(),
        ));
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(line, "row", format!("cannot read this row: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if rows.len() + problems.len() >= MAX_ROWS {
            problems.push(problem(
                line,
                "row",
                format!("a contacts file can have at most {MAX_ROWS} rows"),
            ));
            break;
        }
        let cell = |c: Option<usize>| c.and_then(|i| record.get(i)).unwrap_or("").trim();
        let before = problems.len();
        let name = match community_council_name(cell(name_col)) {
            Ok(Some(n)) => Some(n),
            Ok(None) => {
                problems.push(problem(line, "cc_name", "the community council's name is empty".into()));
                None
            }
            Err(m) => {
                problems.push(problem(line, "cc_name", m));
                None
            }
        };
        let active = is_active(cell(active_col))
            .map_err(|m| problems.push(problem(line, "active", m)))
            .ok();
        let area_key = if cell(code_col).is_empty() {
            cell(la_col)
        } else {
            cell(code_col)
        };
        let area = geography.find_area(area_key).cloned();
        if area.is_none() {
            let column = if cell(code_col).is_empty() {
                "local_authority"
            } else {
                "la_s_code"
            };
            problems.push(problem(
                line,
                column,
                format!("'{area_key}' is not a Scottish council area"),
            ));
        }
        let url = cell(url_col);
        if url.len() > 500 {
            problems.push(problem(
                line,
                "url",
                "the url can be at most 500 characters long".into(),
            ));
        }
        if active == Some(false) {
            if problems.len() == before {
                rows.push(Parsed::Inactive(line, name.unwrap_or_default()));
            }
            continue;
        }
        let email = EmailAddress::parse(cell(email_col))
            .map_err(|m| problems.push(problem(line, "email", m)))
            .ok();
        let (Some(name), Some(area), Some(email)) = (name, area, email) else {
            continue;
        };
        if problems.len() > before {
            continue;
        }
        if !seen.insert((email.normalised(), area.code.as_str().to_string())) {
            problems.push(problem(
                line,
                "email",
                format!("{} is already in the file for {}", email.as_str(), area.name),
            ));
            continue;
        }
        rows.push(Parsed::Contact(Box::new(ContactRow {
            line,
            sign_up: SignUp {
                email,
                area,
                community_council: Some(name),
                districts: Vec::new(),
                frequency: Frequency::Monthly,
            },
            url: (!url.is_empty()).then(|| url.to_string()),
        })));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

impl DigestService {
    /// Imports community-council contacts from CSV `data` (see the module doc).
    pub async fn import_contacts(&self, data: &[u8]) -> Result<ContactsReport, DigestError> {
        let mut report = ContactsReport::default();
        let rows = match parse_contacts(data, &self.geography) {
            Ok(rows) => rows,
            Err(problems) => {
                report.problems = problems;
                return Ok(report);
            }
        };
        let mut pending = Vec::new();
        for row in rows {
            match row {
                Parsed::Inactive(line, name) => report.skipped_inactive.push((line, name)),
                Parsed::Contact(row) => {
                    let (subscription, token, email) = self.pending(&row.sign_up, "import")?;
                    pending.push((row, subscription, token, email));
                }
            }
        }
        let expires = Utc::now() + chrono::Duration::hours(super::service::CONFIRM_HOURS);
        let stored = crate::db::run(&self.pool, move |conn| {
            conn.transaction(|conn| {
                let mut stored = ContactsReport::default();
                for (row, subscription, token, email) in &pending {
                    let area = row.sign_up.area.code.as_str();
                    let name = row.sign_up.community_council.as_deref().unwrap_or_default();
                    digests::upsert_community_council(conn, area, name, row.url.as_deref())?;
                    if digests::is_unsubscribed(conn, &subscription.email_hash)? {
                        stored.refused_unsubscribed.push(row.line);
                        continue;
                    }
                    match digests::sign_up(conn, subscription, &token.hash, expires, email)? {
                        SignUpOutcome::ConfirmationQueued => stored.invited += 1,
                        SignUpOutcome::AlreadyConfirmed => stored.already_subscribed += 1,
                    }
                }
                Ok::<_, crate::db::DbError>(stored)
            })
        })
        .await?;
        report.invited = stored.invited;
        report.already_subscribed = stored.already_subscribed;
        report.refused_unsubscribed = stored.refused_unsubscribed;
        Ok(report)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(csv: &str) -> Result<Vec<Parsed>, Vec<ContactProblem>> {
        parse_contacts(csv.as_bytes(), crate::testdata::geography())
    }

    #[test]
    fn spatial_hub_columns_are_read_in_any_order_and_case() {
        let rows = parse(
            "CC_NAME,la_s_code,Local_Authority,active,url,email\n\
             Blackhall,S12000036,City of Edinburgh,Yes,https://blackhall.example,sec@blackhall.example.org\n\
             Old Town,,City of Edinburgh,No,,\n",
        )
        .unwrap();
        assert!(matches!(&rows[0], Parsed::Contact(r) if r.line == 2 && r.sign_up.area.name == "City of Edinburgh"));
        assert!(matches!(&rows[1], Parsed::Inactive(3, name) if name == "Old Town"));
    }

    #[test]
    fn every_bad_row_is_reported_by_line_and_column() {
        let problems = parse(
            "cc_name,la_s_code,active,email\n\
             Blackhall,S12000036,yes,not-an-address\n\
             ,S12000036,yes,a@example.org\n\
             Ghost,S99999999,yes,b@example.org\n\
             Twice,S12000036,maybe,c@example.org\n\
             Dup,S12000036,yes,d@example.org\n\
             Dup again,S12000036,yes,D@example.org\n",
        )
        .err()
        .unwrap();
        let got: Vec<(u64, &str)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            got,
            [
                (2, "email"),
                (3, "cc_name"),
                (4, "la_s_code"),
                (5, "active"),
                (7, "email")
            ]
        );
        let missing = parse("name,email\nx,y@example.org\n").err().unwrap();
        assert_eq!(
            missing.iter().map(|p| p.column).collect::<Vec<_>>(),
            ["cc_name", "la_s_code"]
        );
    }
}
