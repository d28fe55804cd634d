//! Concern ids and a resident's ranking of their top concerns.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A concern's id in a consultation's taxonomy: lower-case letters, digits and `_`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ConcernId(String);

impl ConcernId {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        let ok = !s.is_empty()
            && s.len() <= 40
            && s.as_bytes()[0].is_ascii_lowercase()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(Self(s.to_string()))
        } else {
            Err(format!(
                "'{s}' is not a concern id (lower-case letters, digits and _, like drug_dealing)"
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for ConcernId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<ConcernId> for String {
    fn from(value: ConcernId) -> Self {
        value.0
    }
}
impl fmt::Display for ConcernId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resident's concerns in rank order: at least one, no repeats, at most the consultation's `max_ranked`,
/// every one from the consultation's taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking(Vec<ConcernId>);

impl Ranking {
    /// `positions[k]` is the answer for choice k+1 (`None` when left blank). A blank followed by a
    /// later choice is a gap and refused; trailing blanks are fine.
    pub fn parse(
        positions: &[Option<String>],
        max_ranked: usize,
        is_known: impl Fn(&ConcernId) -> bool,
    ) -> Result<Self, String> {
        let last_given = positions
            .iter()
            .rposition(|p| p.as_deref().is_some_and(|s| !s.trim().is_empty()));
        let Some(last_given) = last_given else {
            return Err("choose at least one concern".into());
        };
        if last_given + 1 > max_ranked {
            return Err(format!("choose no more than {max_ranked} concerns"));
        }
        let mut ids: Vec<ConcernId> = Vec::with_capacity(last_given + 1);
        for (k, p) in positions[..=last_given].iter().enumerate() {
            let raw = p.as_deref().map(str::trim).unwrap_or("");
            if raw.is_empty() {
                return Err(format!(
                    "you chose a {} concern without a {}: fill the choices in order",
                    ordinal(last_given + 1),
                    ordinal(k + 1)
                ));
            }
            let id = ConcernId::parse(raw)?;
            if !is_known(&id) {
                return Err(format!("'{raw}' is not one of this consultation's concerns"));
            }
            if ids.contains(&id) {
                return Err(format!(
                    "you chose '{raw}' more than once: choose each concern only once"
                ));
            }
            ids.push(id);
        }
        Ok(Self(ids))
    }

    pub fn concerns(&self) -> &[ConcernId] {
        &self.0
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// 1-based rank of a concern, if ranked.
    pub fn rank_of(&self, id: &ConcernId) -> Option<usize> {
        self.0.iter().position(|c| c == id).map(|i| i + 1)
    }
}

/// "1st", "2nd", "3rd", "4th"… for messages and labels.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &ConcernId) -> bool {
        ["drug_dealing", "speeding", "antisocial_behaviour"].contains(&id.as_str())
    }
    fn pos(v: &[&str]) -> Vec<Option<String>> {
        v.iter()
            .map(|s| if s.is_empty() { None } else { Some(s.to_string()) })
            .collect()
    }

    #[test]
    fn a_ranking_keeps_the_residents_order() {
        let r = Ranking::parse(&pos(&["speeding", "drug_dealing", ""]), 3, known).unwrap();
        assert_eq!(r.concerns()[0].as_str(), "speeding");
        assert_eq!(r.rank_of(&ConcernId::parse("drug_dealing").unwrap()), Some(2));
    }

    #[test]
    fn a_repeated_concern_is_refused() {
        assert!(Ranking::parse(&pos(&["speeding", "speeding"]), 3, known)
            .unwrap_err()
            .contains("more than once"));
    }

    #[test]
    fn a_gap_in_the_ranking_is_refused() {
        let e = Ranking::parse(&pos(&["", "speeding"]), 3, known).unwrap_err();
        assert!(e.contains("2nd concern without a 1st"), "{e}");
    }

    #[test]
    fn too_many_or_unknown_or_no_concerns_are_refused() {
        assert!(Ranking::parse(&pos(&["speeding", "drug_dealing", "antisocial_behaviour"]), 2, known).is_err());
        assert!(Ranking::parse(&pos(&["bank_robbery"]), 3, known).is_err());
        assert!(Ranking::parse(&pos(&["", ""]), 3, known).is_err());
    }

    #[test]
    fn ordinals_read_naturally() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }
}
