//! Single answers: Likert scales, demographics, comment, postcode district, channel.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An answer on a five-point scale, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Likert5(u8);

impl Likert5 {
    pub fn new(value: i64) -> Result<Self, String> {
        if (1..=5).contains(&value) {
            Ok(Self(value as u8))
        } else {
            Err(format!("must be a whole number from 1 to 5, not {value}"))
        }
    }
    /// Parses "1".."5"; anything else is an error message fit for the person who typed it.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().parse::<i64>() {
            Ok(v) => Self::new(v),
            Err(_) => Err(format!("must be a whole number from 1 to 5, not '{}'", raw.trim())),
        }
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// 4 or 5: "fairly" or "very" (safe, confident). The one statement of this rule: the
    /// results engine's "feels safe" and "confident" shares count the answers for which it holds.
    pub fn is_top_two(self) -> bool {
        self.0 >= 4
    }
}
impl TryFrom<u8> for Likert5 {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(i64::from(value))
    }
}
impl From<Likert5> for u8 {
    fn from(value: Likert5) -> Self {
        value.0
    }
}

/// The adult age bands the survey asks for and the population margins use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    #[serde(rename = "16-24")]
    A16To24,
    #[serde(rename = "25-34")]
    A25To34,
    #[serde(rename = "35-44")]
    A35To44,
    #[serde(rename = "45-54")]
    A45To54,
    #[serde(rename = "55-64")]
    A55To64,
    #[serde(rename = "65-74")]
    A65To74,
    #[serde(rename = "75+")]
    A75Plus,
}

impl AgeBand {
    pub const ALL: [AgeBand; 7] = [
        AgeBand::A16To24,
        AgeBand::A25To34,
        AgeBand::A35To44,
        AgeBand::A45To54,
        AgeBand::A55To64,
        AgeBand::A65To74,
        AgeBand::A75Plus,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::A16To24 => "16-24",
            AgeBand::A25To34 => "25-34",
            AgeBand::A35To44 => "35-44",
            AgeBand::A45To54 => "45-54",
            AgeBand::A55To64 => "55-64",
            AgeBand::A65To74 => "65-74",
            AgeBand::A75Plus => "75+",
        }
    }
    /// Human label with an en dash, "16 to 24" style for screen readers.
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::A16To24 => "16 to 24",
            AgeBand::A25To34 => "25 to 34",
            AgeBand::A35To44 => "35 to 44",
            AgeBand::A45To54 => "45 to 54",
            AgeBand::A55To64 => "55 to 64",
            AgeBand::A65To74 => "65 to 74",
            AgeBand::A75Plus => "75 or over",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn parse(raw: &str) -> Option<Self> {
        let s = raw.trim().replace(['–', '—', ' '], "-").replace("--", "-");
        let s = s.trim_matches('-');
        Self::ALL
            .into_iter()
            .find(|b| b.as_str() == s || (*b == AgeBand::A75Plus && (s == "75-and-over" || s == "75-or-over")))
    }
}

/// Answer to the optional age question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeAnswer {
    Band(AgeBand),
    PreferNotToSay,
}

pub const PREFER_NOT_TO_SAY: &str = "prefer_not_to_say";

fn is_prefer_not(raw: &str) -> bool {
    let s = raw.trim().to_lowercase().replace([' ', '-'], "_");
    s == PREFER_NOT_TO_SAY || s == "pnts" || s == "refused"
}

impl AgeAnswer {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if is_prefer_not(raw) {
            return Ok(AgeAnswer::PreferNotToSay);
        }
        AgeBand::parse(raw).map(AgeAnswer::Band).ok_or_else(|| {
            format!(
                "'{}' is not an age band: use 16-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75+ or prefer_not_to_say",
                raw.trim()
            )
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            AgeAnswer::Band(b) => b.as_str(),
            AgeAnswer::PreferNotToSay => PREFER_NOT_TO_SAY,
        }
    }
    pub fn band(self) -> Option<AgeBand> {
        match self {
            AgeAnswer::Band(b) => Some(b),
            AgeAnswer::PreferNotToSay => None,
        }
    }
}

/// Sex as recorded by National Records of Scotland's population estimates (the raking margin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
}
impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Male",
            Sex::Female => "Female",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Answer to the optional sex question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SexAnswer {
    Given(Sex),
    PreferNotToSay,
}
impl SexAnswer {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if is_prefer_not(raw) {
            return Ok(SexAnswer::PreferNotToSay);
        }
        match raw.trim().to_lowercase().as_str() {
            "m" | "male" | "man" => Ok(SexAnswer::Given(Sex::Male)),
            "f" | "female" | "woman" => Ok(SexAnswer::Given(Sex::Female)),
            other => Err(format!(
                "'{other}' is not an answer to the sex question: use F, M or prefer_not_to_say"
            )),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SexAnswer::Given(s) => s.as_str(),
            SexAnswer::PreferNotToSay => PREFER_NOT_TO_SAY,
        }
    }
    pub fn sex(self) -> Option<Sex> {
        match self {
            SexAnswer::Given(s) => Some(s),
            SexAnswer::PreferNotToSay => None,
        }
    }
}

/// Answer to the optional disability question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DisabilityAnswer {
    Yes,
    No,
    PreferNotToSay,
}
impl DisabilityAnswer {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if is_prefer_not(raw) {
            return Ok(DisabilityAnswer::PreferNotToSay);
        }
        match raw.trim().to_lowercase().as_str() {
            "yes" | "y" => Ok(DisabilityAnswer::Yes),
            "no" | "n" => Ok(DisabilityAnswer::No),
            other => Err(format!(
                "'{other}' is not an answer to the disability question: use yes, no or prefer_not_to_say"
            )),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            DisabilityAnswer::Yes => "yes",
            DisabilityAnswer::No => "no",
            DisabilityAnswer::PreferNotToSay => PREFER_NOT_TO_SAY,
        }
    }
}

/// A free-text comment: trimmed, control characters removed (line breaks kept), never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment(String);
impl Comment {
    /// `Ok(None)` for a blank comment; an error when longer than `max_chars` characters.
    pub fn parse(raw: &str, max_chars: usize) -> Result<Option<Self>, String> {
        let cleaned: String = raw
            .chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .collect::<String>()
            .replace("\r\n", "\n");
        let cleaned = cleaned.trim();
        if cleaned.is_empty() {
            return Ok(None);
        }
        let len = cleaned.chars().count();
        if len > max_chars {
            return Err(format!("must be {max_chars} characters or fewer (you wrote {len})"));
        }
        Ok(Some(Self(cleaned.to_string())))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The outward part of a UK postcode ("EH12", "G2", "KW15"). Full postcodes are refused: too identifying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostcodeDistrict(String);
impl PostcodeDistrict {
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let s: String = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Ok(None);
        }
        if s.contains(' ') || s.len() > 4 {
            return Err("enter only the first part of your postcode, like EH12 (not the full postcode)".into());
        }
        let letters = s.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let rest = &s[letters..];
        let ok = (1..=2).contains(&letters)
            && !rest.is_empty()
            && rest.as_bytes()[0].is_ascii_digit()
            && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            && rest.len() <= 2;
        if ok {
            Ok(Some(Self(s)))
        } else {
            Err(format!(
                "'{}' is not the first part of a postcode, like EH12 or G2",
                raw.trim()
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a response reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Api,
    Paper,
    Event,
    Email,
    Phone,
    Import,
}
impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Web,
        Channel::Api,
        Channel::Paper,
        Channel::Event,
        Channel::Email,
        Channel::Phone,
        Channel::Import,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Paper => "paper",
            Channel::Event => "event",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Import => "import",
        }
    }
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim().to_lowercase();
        Self::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| {
            format!(
                "'{}' is not a channel: use web, api, paper, event, email, phone or import",
                raw.trim()
            )
        })
    }
}
impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likert_values_outside_one_to_five_are_refused() {
        assert!(Likert5::parse("0").is_err());
        assert!(Likert5::parse("6").is_err());
        assert!(Likert5::parse("three").is_err());
        assert_eq!(Likert5::parse(" 4 ").unwrap().get(), 4);
    }

    #[test]
    fn only_fairly_and_very_count_as_the_top_two_answers() {
        let top: Vec<bool> = (1..=5).map(|v| Likert5::new(v).unwrap().is_top_two()).collect();
        assert_eq!(top, [false, false, false, true, true]);
    }

    #[test]
    fn age_answers_accept_bands_and_prefer_not_to_say() {
        assert_eq!(AgeAnswer::parse("35-44").unwrap(), AgeAnswer::Band(AgeBand::A35To44));
        assert_eq!(AgeAnswer::parse("35–44").unwrap(), AgeAnswer::Band(AgeBand::A35To44));
        assert_eq!(
            AgeAnswer::parse("Prefer not to say").unwrap(),
            AgeAnswer::PreferNotToSay
        );
        assert!(AgeAnswer::parse("12-15").is_err());
    }

    #[test]
    fn full_postcodes_are_refused_to_keep_responses_anonymous() {
        assert!(PostcodeDistrict::parse("EH12 5AB").is_err());
        assert_eq!(PostcodeDistrict::parse("eh12").unwrap().unwrap().as_str(), "EH12");
        assert_eq!(PostcodeDistrict::parse("G2").unwrap().unwrap().as_str(), "G2");
        assert!(PostcodeDistrict::parse("").unwrap().is_none());
        assert!(PostcodeDistrict::parse("12AB").is_err());
    }

    #[test]
    fn comments_are_trimmed_and_limited() {
        assert!(Comment::parse("   ", 10).unwrap().is_none());
        assert_eq!(Comment::parse(" hi\u{0007} ", 10).unwrap().unwrap().as_str(), "hi");
        assert!(Comment::parse("é".repeat(11).as_str(), 10).is_err());
        assert!(Comment::parse("é".repeat(10).as_str(), 10).is_ok());
    }
}
