//! Contact details in free text (see `redact`): UK phone numbers, full postcodes, links and
//! social-media handles.

use super::name_lists::is_common_word;
use regex::Captures;
use std::ops::Range;

fn alphanumeric_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

fn alphanumeric_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// The longest run of the match's digit groups that makes a UK number: 9 or 10 digits after the
/// leading 0 (or +44), the first of them 1, 2, 3, 5, 7, 8 or 9.
pub(super) fn phone_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
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

pub(super) fn postcode_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
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

/// A link, without the punctuation that ends the sentence it is in.
pub(super) fn link_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let m = caps.get(0)?;
    let kept = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
    (!kept.is_empty()).then(|| m.start()..m.start() + kept.len())
}

/// An @handle that is not the end of an email address or of a word ("jane@home").
pub(super) fn handle_span(text: &str, caps: &Captures) -> Option<Range<usize>> {
    let m = caps.get(0)?;
    let before = text[..m.start()].chars().next_back();
    let glued = before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '@'));
    let length = m.as_str().chars().count();
    (!glued && (3..=31).contains(&length)).then(|| m.range())
}

/// The account name after a platform ("my snapchat is jd_99", "insta: jane.doe"): taken when a
/// person's account is meant (my, his, her, their, our before the platform), when it follows a
/// colon or an equals sign, or when it has a digit, an underscore or a dot, and it is not an
/// ordinary word ("facebook is useless", "on facebook groups").
pub(super) fn platform_account_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let account = caps.name("account")?;
    let owned = caps.name("owner").is_some();
    let separated = caps.name("sep").is_some_and(|s| matches!(s.as_str(), ":" | "="));
    let handle_like = account
        .as_str()
        .contains(|c: char| c.is_ascii_digit() || c == '_' || c == '.');
    let ordinary = is_common_word(&account.as_str().to_lowercase());
    (!ordinary && (owned || separated || handle_like)).then(|| account.range())
}
