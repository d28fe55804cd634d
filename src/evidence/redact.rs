//! Personal data removed from free text before any of it is quoted in the evidence pack.
//!
//! What is replaced, each by a placeholder saying what was there:
//! * email addresses → `[email removed]`;
//! * UK phone numbers as people write them (07700 900123, 07700900123, +44 7700 900123,
//!   +44 (0)131 496 0000, 0131 496 0000, (0141) 496 0000, 0800 123 4567, with spaces or hyphens):
//!   a leading 0 (or +44/0044) and 9 or 10 further digits starting 1, 2, 3, 5, 7, 8 or 9 →
//!   `[phone number removed]`. Short numbers (101, 999), years and times have too few digits;
//! * full UK postcodes, with or without the space (EH12 5AB, g2 1aa, KW151AB), whose area is a real
//!   postcode area → `[postcode removed]`. A postcode district alone ("EH12") is kept: it is the
//!   anonymised level the survey asks for;
//! * vehicle registrations → `[vehicle registration removed]`: the current format (SN19 ABC,
//!   SN19ABC, sn19 abc) with a real age identifier, and the older prefix (P123 ABC) and suffix
//!   (ABC 123D) formats in capitals only. Forms that ordinary text makes are kept: a postcode
//!   district followed by a word ("EH12 and", "EH12 THE"), a road number followed by a word or
//!   an acronym ("A9 HGV");
//! * names: after "my name is" / "my name's", "I'm called" / "I am called" and "this is" when
//!   followed by capitalised words, and after a title (Mr, Mrs, Ms, Miss, Mx, Dr, PC, Sgt,
//!   Sergeant, Inspector, Constable) → `[name removed]`, keeping the introducing words ("my name is
//!   [name removed]", "Mr [name removed]"). See `redact_names` for the rules that keep "this is
//!   Police Scotland" and "this is Leith Walk".

use super::redact_names::{intro_name_span, titled_name_span};
use regex::{Captures, Regex};
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// What a redaction removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedactionKind {
    Email,
    PhoneNumber,
    Postcode,
    VehicleRegistration,
    Name,
    /// The whole text was withheld because redaction was not possible (never expected).
    WholeText,
}

impl RedactionKind {
    /// The text put in place of what was removed.
    pub fn placeholder(self) -> &'static str {
        match self {
            RedactionKind::Email => "[email removed]",
            RedactionKind::PhoneNumber => "[phone number removed]",
            RedactionKind::Postcode => "[postcode removed]",
            RedactionKind::VehicleRegistration => "[vehicle registration removed]",
            RedactionKind::Name => "[name removed]",
            RedactionKind::WholeText => "[comment withheld]",
        }
    }
}

/// A text with personal data replaced, and one entry per replacement (by kind in the order emails,
/// phone numbers, postcodes, registrations, names; by position within a kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub kinds: Vec<RedactionKind>,
}

struct Patterns {
    email: Regex,
    phone: Regex,
    postcode: Regex,
    plate_current: Regex,
    plate_prefix: Regex,
    plate_suffix: Regex,
    name_intro: Regex,
    titled_name: Regex,
}

impl Patterns {
    fn compile() -> Result<Self, regex::Error> {
        Ok(Patterns {
            email: Regex::new(r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b")?,
            phone: Regex::new(
                r"(?:\+ ?44 ?(?:\(0\) ?)?|\b0044 ?(?:\(0\) ?)?|\(0|\b0)(?P<body>[0-9]{2,5}\)?(?:[ \-]?[0-9]){5,9})",
            )?,
            postcode: Regex::new(r"(?i)\b(?P<area>[a-z]{1,2})[0-9][a-z0-9]? ?[0-9](?P<unit>[a-z]{2})\b")?,
            plate_current: Regex::new(
                r"(?i)\b(?P<memory>[a-z]{2})(?P<age>[0-9]{2})(?P<space> ?)(?P<letters>[a-z]{3})\b",
            )?,
            plate_prefix: Regex::new(r"\b(?P<year>[A-HJ-NPR-Y])[0-9]{1,3}(?P<space> ?)(?P<letters>[A-HJ-PR-Z]{3})\b")?,
            plate_suffix: Regex::new(r"\b(?P<letters>[A-HJ-PR-Z]{3}) ?[0-9]{1,3}[A-HJ-NPR-Y]\b")?,
            name_intro: Regex::new(
                r"(?i)\b(?P<intro>my\s+name\s+is|my\s+name['’]s|i['’]?m\s+called|i\s+am\s+called|this\s+is)\s+",
            )?,
            titled_name: Regex::new(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|PC|Sgt|Sergeant|Inspector|Constable)\.?[ \t]+")?,
        })
    }
}

static PATTERNS: LazyLock<Result<Patterns, regex::Error>> = LazyLock::new(Patterns::compile);

/// Replaces the personal data listed in the module doc with placeholders.
pub fn redact_personal_data(text: &str) -> Redacted {
    let Ok(p) = PATTERNS.as_ref() else {
        // The patterns are constants that a test compiles; should they ever fail, quoting nothing
        // is the only safe answer.
        return Redacted {
            text: RedactionKind::WholeText.placeholder().to_string(),
            kinds: vec![RedactionKind::WholeText],
        };
    };
    let mut kinds = Vec::new();
    let whole = |_: &str, c: &Captures| c.get(0).map(|m| m.range());
    let text = replace(text, &p.email, RedactionKind::Email, &mut kinds, whole);
    let text = replace(&text, &p.phone, RedactionKind::PhoneNumber, &mut kinds, phone_span);
    let text = replace(&text, &p.postcode, RedactionKind::Postcode, &mut kinds, postcode_span);
    let plate = RedactionKind::VehicleRegistration;
    let text = replace(&text, &p.plate_current, plate, &mut kinds, current_plate_span);
    let text = replace(&text, &p.plate_prefix, plate, &mut kinds, prefix_plate_span);
    let text = replace(&text, &p.plate_suffix, plate, &mut kinds, suffix_plate_span);
    let text = replace(&text, &p.name_intro, RedactionKind::Name, &mut kinds, intro_name_span);
    let text = replace(&text, &p.titled_name, RedactionKind::Name, &mut kinds, titled_name_span);
    Redacted { text, kinds }
}

/// Replaces, left to right, the span `accept` picks for each match of `re` (`None` keeps the
/// match). A span may reach past its match (a name after "my name is"); later matches that start
/// inside a replaced span are skipped.
fn replace(
    text: &str,
    re: &Regex,
    kind: RedactionKind,
    kinds: &mut Vec<RedactionKind>,
    accept: impl Fn(&str, &Captures) -> Option<Range<usize>>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for caps in re.captures_iter(text) {
        let starts_after_done = caps.get(0).is_some_and(|m| m.start() >= done);
        let Some(span) = accept(text, &caps).filter(|s| starts_after_done && s.start >= done) else {
            continue;
        };
        out.push_str(&text[done..span.start]);
        out.push_str(kind.placeholder());
        kinds.push(kind);
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}

fn alphanumeric_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

fn alphanumeric_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// The longest run of the match's digit groups that makes a UK number: 9 or 10 digits after the
/// leading 0 (or +44), the first of them 1, 2, 3, 5, 7, 8 or 9.
fn phone_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    let (whole, body) = (caps.get(0)?, caps.name("body")?);
    if alphanumeric_before(text, whole.start()) {
        return None;
    }
    let international = !whole.as_str().starts_with(['0', '(']) || whole.as_str().starts_with("0044");
    let mut digits = 0usize;
    let mut first: Option<char> = None;
    let mut best: Option<usize> = None;
    let mut in_group = false;
    let group_end = |digits: usize, first: Option<char>, end: usize, best: &mut Option<usize>| {
        if (9..=10).contains(&digits) && first.is_some_and(|d| "1235789".contains(d)) {
            *best = Some(end);
        }
    };
    for (i, c) in body.as_str().char_indices() {
        if c.is_ascii_digit() {
            // "+44 0131 …": a national 0 written after the country code is not part of the number.
            if international && digits == 0 && first.is_none() && c == '0' {
                continue;
            }
            digits += 1;
            first.get_or_insert(c);
            in_group = true;
        } else if in_group {
            group_end(digits, first, body.start() + i, &mut best);
            in_group = false;
        }
    }
    if in_group && !alphanumeric_after(text, body.end()) {
        group_end(digits, first, body.end(), &mut best);
    }
    // "(07700 900123)": a bracket that does not close after the area code is not part of the number.
    let opens_bracket = whole.as_str().starts_with('(') && !body.as_str().contains(')');
    let start = if opens_bracket {
        whole.start() + 1
    } else {
        whole.start()
    };
    best.map(|end| start..end)
}

/// UK postcode areas (the letters before the district number).
const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB", "CF", "CH", "CM",
    "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EC", "EH", "EN", "EX",
    "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE",
    "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG",
    "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG",
    "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
    "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

fn postcode_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let (area, unit) = (caps.name("area")?.as_str(), caps.name("unit")?.as_str());
    let real_area = POSTCODE_AREAS.contains(&area.to_ascii_uppercase().as_str());
    // The last two letters of a postcode never use C, I, K, M, O or V (so "G1 2pm" is a time).
    let real_unit = !unit.chars().any(|c| "CIKMOVcikmov".contains(c));
    // "G2 1st" is more likely an ordinal than a postcode written in lower case.
    let ordinal = matches!(unit, "st" | "nd" | "rd" | "th");
    (real_area && real_unit && !ordinal)
        .then(|| caps.get(0).map(|m| m.range()))
        .flatten()
}

/// Three-letter words and acronyms that follow a district or road number in ordinary text.
const NOT_PLATE_LETTERS: &[&str] = &[
    "AGE", "AGO", "AIR", "ALL", "AND", "ANY", "ARE", "ASB", "ASK", "ATM", "AYE", "BAD", "BAR", "BBC", "BED", "BIG",
    "BUS", "BUT", "BUY", "CAN", "CAR", "CCT", "CID", "COP", "CUT", "DAD", "DAY", "DID", "DOG", "DUI", "END", "ETA",
    "ETC", "FAR", "FEW", "FOR", "FUN", "GET", "GOT", "GPS", "HAD", "HAS", "HER", "HEY", "HGV", "HIM", "HIS", "HOW",
    "ITS", "ITV", "JOB", "KEY", "KID", "LAW", "LET", "LGV", "LOL", "LOT", "LOW", "MAN", "MAY", "MEN", "MOT", "MPH",
    "MSP", "MUM", "NEW", "NHS", "NOR", "NOT", "NOW", "OFF", "OLD", "OMG", "ONE", "OUR", "OUT", "OWN", "PAY", "PER",
    "PPE", "PSV", "PUB", "PUT", "RAN", "RED", "ROW", "RTA", "RTC", "RUN", "SAD", "SAW", "SAY", "SEE", "SET", "SHE",
    "SNP", "STV", "SUN", "SUV", "TEN", "THE", "TOO", "TOP", "TRY", "TWO", "USE", "VAN", "VIA", "WAS", "WAY", "WEE",
    "WET", "WHO", "WHY", "WON", "YES", "YET", "YOU",
];

fn ordinary_letters(letters: &str) -> bool {
    NOT_PLATE_LETTERS.contains(&letters.to_ascii_uppercase().as_str())
}

/// Current format: two memory-tag letters, a real age identifier (02–29 March, 51–79 September)
/// and three letters without I or Q; the three letters in capitals, or the whole mark in lower case.
fn current_plate_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let memory = caps.name("memory")?.as_str();
    let age: u32 = caps.name("age")?.as_str().parse().ok()?;
    let letters = caps.name("letters")?.as_str();
    let spaced = !caps.name("space")?.as_str().is_empty();
    let memory_ok = !memory.chars().any(|c| "IQZiqz".contains(c));
    let age_ok = (2..=29).contains(&age) || (51..=79).contains(&age);
    let letters_ok = !letters.chars().any(|c| "IQiq".contains(c));
    let all_lower = memory.chars().chain(letters.chars()).all(|c| c.is_ascii_lowercase());
    let case_ok = letters.chars().all(|c| c.is_ascii_uppercase()) || all_lower;
    let ok = memory_ok && age_ok && letters_ok && case_ok && !(spaced && ordinary_letters(letters));
    ok.then(|| caps.get(0).map(|m| m.range())).flatten()
}

/// 1983–2001 prefix format (P123 ABC), capitals only. With a space, A, B and M are road classes
/// ("A9 HGV"), so only the unspaced form counts for them.
fn prefix_plate_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let year = caps.name("year")?.as_str();
    let spaced = !caps.name("space")?.as_str().is_empty();
    let road = spaced && matches!(year, "A" | "B" | "M");
    let ok = !road && !ordinary_letters(caps.name("letters")?.as_str());
    ok.then(|| caps.get(0).map(|m| m.range())).flatten()
}

/// 1963–1983 suffix format (ABC 123D), capitals only.
fn suffix_plate_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let ok = !ordinary_letters(caps.name("letters")?.as_str());
    ok.then(|| caps.get(0).map(|m| m.range())).flatten()
}
