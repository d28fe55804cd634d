//! Personal data removed from free text before any of it is quoted in the evidence pack.
//!
//! What is replaced, each by a placeholder saying what was there (rules in the modules named):
//! * links (http…, www…, facebook.com/…) → `[link removed]`, email addresses (also written
//!   "jane (at) example.com" or "jane at example dot com") → `[email removed]`, social-media
//!   handles (@name, and the account after "my snapchat is", "insta:") → `[social media handle
//!   removed]` (`redact_contact`);
//! * UK phone numbers as people write them (07700 900123, +44 (0)131 496 0000, (0141) 496 0000,
//!   0800 123 4567): a leading 0 (or +44/0044) and 9 or 10 further digits starting 1, 2, 3, 5, 7,
//!   8 or 9 → `[phone number removed]`. Short numbers (101, 999), years and times are kept;
//! * full UK postcodes, with or without the space (EH12 5AB, g2 1aa, KW151AB), whose area is a real
//!   postcode area → `[postcode removed]`. A postcode district alone ("EH12") is kept: it is the
//!   anonymised level the survey asks for;
//! * vehicle registrations (SN19 ABC, sn19abc, P123 ABC, ABC 123D) → `[vehicle registration
//!   removed]`, keeping what ordinary text makes ("EH12 and", "A9 HGV") (`redact_plates`);
//! * street addresses (a house number and up to three words ending in a street word: "12 Easter
//!   Road", "14a high st", "2-4 Mill Wynd"), flats ("Flat 3", "flat 2/1", "3F2", "the 2/1", "at
//!   number 12") → `[address removed]` (`redact_addresses`);
//! * people's names → `[name removed]`: after "my name is", "I'm called", "this is" and titles (Mr,
//!   PC, Cllr…, `redact_names`); pairs of capitalised words that are not a listed place,
//!   organisation or ordinary word ("Jane Doe", but not "Port Glasgow" or "Police Scotland"),
//!   listed given names and surnames, and a capitalised word after "my neighbour", "a lad
//!   called"… (`name_runs`, with the word lists of `name_lists`).
//!
//! Rules run in that order, each on the text the previous ones left, so a placeholder is never
//! redacted again and a number inside a phone number is never read as a house number.

use super::name_runs::name_spans;
use super::redact_addresses::{flat_span, house_number_span, numbered_house_span, tenement_flat_span};
use super::redact_contact::{handle_span, link_span, phone_span, platform_account_span, postcode_span};
use super::redact_names::{intro_name_span, titled_name_span};
use super::redact_plates::{current_plate_span, prefix_plate_span, suffix_plate_span};
use regex::{Captures, Regex};
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// What a redaction removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedactionKind {
    Link,
    Email,
    SocialMediaHandle,
    PhoneNumber,
    Postcode,
    VehicleRegistration,
    Address,
    Name,
    /// The whole text was withheld because redaction was not possible (never expected).
    WholeText,
}

impl RedactionKind {
    /// The text put in place of what was removed.
    pub fn placeholder(self) -> &'static str {
        match self {
            RedactionKind::Link => "[link removed]",
            RedactionKind::Email => "[email removed]",
            RedactionKind::SocialMediaHandle => "[social media handle removed]",
            RedactionKind::PhoneNumber => "[phone number removed]",
            RedactionKind::Postcode => "[postcode removed]",
            RedactionKind::VehicleRegistration => "[vehicle registration removed]",
            RedactionKind::Address => "[address removed]",
            RedactionKind::Name => "[name removed]",
            RedactionKind::WholeText => "[comment withheld]",
        }
    }
}

/// A text with personal data replaced, and one entry per replacement (by rule in the order of the
/// module doc; by position within a rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub kinds: Vec<RedactionKind>,
}

struct Patterns {
    link: Regex,
    email: Regex,
    spelt_email: Regex,
    handle: Regex,
    platform_account: Regex,
    phone: Regex,
    postcode: Regex,
    plate_current: Regex,
    plate_prefix: Regex,
    plate_suffix: Regex,
    flat: Regex,
    tenement_flat: Regex,
    numbered_house: Regex,
    house_number: Regex,
    name_intro: Regex,
    titled_name: Regex,
}

impl Patterns {
    fn compile() -> Result<Self, regex::Error> {
        Ok(Patterns {
            link: Regex::new(
                r#"(?i)\b(?:https?://|www\.|(?:facebook|fb|instagram|twitter|tiktok|snapchat|linkedin|youtube|threads)\.com/)[^\s<>"]+"#,
            )?,
            email: Regex::new(r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b")?,
            spelt_email: Regex::new(
                r"(?i)\b[a-z0-9_%+\-]+(?:(?:\.| dot )[a-z0-9_%+\-]+)* ?(?:\(at\)|\[at\]| at ) ?[a-z0-9\-]+(?: ?(?:\.|\(dot\)|\[dot\]|\bdot\b) ?[a-z0-9\-]+)*? ?(?:\.|\(dot\)|\[dot\]|\bdot\b) ?(?:com|uk|org|net|scot|gov|io|me|info|ie|eu)\b",
            )?,
            handle: Regex::new(r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")?,
            platform_account: Regex::new(
                r"(?i)(?:\b(?P<owner>my|his|her|their|our)\s+)?\b(?:snapchat|snap|insta|instagram|twitter|tiktok|facebook|fb)\b(?:\s+(?:name|handle|username|account|id|page))?(?:\s*(?P<sep>\bis\b|:|-|=))?\s*@?(?P<account>[a-z0-9_][a-z0-9_.]{2,29})",
            )?,
            phone: Regex::new(
                r"(?:\+ ?44 ?(?:\(0\) ?)?|\b0044 ?(?:\(0\) ?)?|\(0|\b0)(?P<body>[0-9]{2,5}\)?(?:[ \-]?[0-9]){5,9})",
            )?,
            postcode: Regex::new(r"(?i)\b(?P<area>[a-z]{1,2})[0-9][a-z0-9]? ?[0-9](?P<unit>[a-z]{2})\b")?,
            plate_current: Regex::new(
                r"(?i)\b(?P<memory>[a-z]{2})(?P<age>[0-9]{2})(?P<space> ?)(?P<letters>[a-z]{3})\b",
            )?,
            plate_prefix: Regex::new(r"\b(?P<year>[A-HJ-NPR-Y])[0-9]{1,3}(?P<space> ?)(?P<letters>[A-HJ-PR-Z]{3})\b")?,
            plate_suffix: Regex::new(r"\b(?P<letters>[A-HJ-PR-Z]{3}) ?[0-9]{1,3}[A-HJ-NPR-Y]\b")?,
            flat: Regex::new(
                r"(?i)\b(?:flat|apartment|apt)\.? ?(?:no\.? ?)?(?:[0-9]{1,2} ?/ ?[0-9]{1,2}|[0-9p]{1,2}f[0-9]{1,2}|[0-9]{1,3}[a-z]?)\b|\b(?:[0-9]{1,2}|P)F[0-9]{1,2}\b",
            )?,
            tenement_flat: Regex::new(r"(?i)\b(?:flat|in|at|from|the|of|to|outside)\s+(?P<flat>[0-9]/[0-9])\b")?,
            numbered_house: Regex::new(
                r"(?i)\b(?:at|from|in|outside|opposite|of|to|near|behind|next to|across from|lives? in|lives? at)\s+(?P<house>(?:number|no\.?|#) ?[0-9]{1,4}[a-z]?)\b",
            )?,
            house_number: Regex::new(
                r"(?i)(?:\bno\.? ?)?\b(?P<number>[0-9]{1,4})[a-z]?(?: ?[\-–/] ?[0-9]{1,4}[a-z]?)?\b,? +",
            )?,
            name_intro: Regex::new(
                r"(?i)\b(?P<intro>my\s+name\s+is|my\s+name['’]s|i['’]?m\s+called|i\s+am\s+called|this\s+is)\s+",
            )?,
            titled_name: Regex::new(
                r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|PC|DC|DS|DI|Sgt|Sergeant|Inspector|Constable|Officer|Detective|Councillor|Cllr|Provost)\.?[ \t]+",
            )?,
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
    use RedactionKind::{Address, Email, Link, Name, PhoneNumber, Postcode, SocialMediaHandle, VehicleRegistration};
    let mut kinds = Vec::new();
    let k = &mut kinds;
    let whole = |_: &str, c: &Captures| c.get(0).map(|m| m.range());
    let text = replace(text, &p.link, Link, k, link_span);
    let text = replace(&text, &p.email, Email, k, whole);
    let text = replace(&text, &p.spelt_email, Email, k, whole);
    let text = replace(&text, &p.handle, SocialMediaHandle, k, handle_span);
    let text = replace(&text, &p.platform_account, SocialMediaHandle, k, platform_account_span);
    let text = replace(&text, &p.phone, PhoneNumber, k, phone_span);
    let text = replace(&text, &p.postcode, Postcode, k, postcode_span);
    let text = replace(&text, &p.plate_current, VehicleRegistration, k, current_plate_span);
    let text = replace(&text, &p.plate_prefix, VehicleRegistration, k, prefix_plate_span);
    let text = replace(&text, &p.plate_suffix, VehicleRegistration, k, suffix_plate_span);
    let text = replace(&text, &p.flat, Address, k, flat_span);
    let text = replace(&text, &p.tenement_flat, Address, k, tenement_flat_span);
    let text = replace(&text, &p.numbered_house, Address, k, numbered_house_span);
    let text = replace(&text, &p.house_number, Address, k, house_number_span);
    let text = replace(&text, &p.name_intro, Name, k, intro_name_span);
    let text = replace(&text, &p.titled_name, Name, k, titled_name_span);
    let spans = name_spans(&text);
    let text = replace_spans(&text, &spans, Name, k);
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

/// Replaces `spans` (in order, not overlapping) with `kind`'s placeholder.
fn replace_spans(text: &str, spans: &[Range<usize>], kind: RedactionKind, kinds: &mut Vec<RedactionKind>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for span in spans {
        if span.start < done {
            continue;
        }
        out.push_str(&text[done..span.start]);
        out.push_str(kind.placeholder());
        kinds.push(kind);
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}
