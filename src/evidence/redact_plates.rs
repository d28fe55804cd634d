//! Vehicle registrations in free text (see `redact`): the current format and the older prefix
//! and suffix formats, without the forms ordinary text makes (a postcode district or road number
//! followed by a word or an acronym: "EH12 and", "A9 HGV").

use regex::Captures;
use std::ops::Range;

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
pub(super) fn current_plate_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
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
pub(super) fn prefix_plate_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let year = caps.name("year")?.as_str();
    let spaced = !caps.name("space")?.as_str().is_empty();
    let road = spaced && matches!(year, "A" | "B" | "M");
    let ok = !road && !ordinary_letters(caps.name("letters")?.as_str());
    ok.then(|| caps.get(0).map(|m| m.range())).flatten()
}

/// 1963–1983 suffix format (ABC 123D), capitals only.
pub(super) fn suffix_plate_span(_: &str, caps: &Captures) -> Option<Range<usize>> {
    let ok = !ordinary_letters(caps.name("letters")?.as_str());
    ok.then(|| caps.get(0).map(|m| m.range())).flatten()
}
