//! Free-text comments that read like residents' own: assembled from many fragments, about the
//! themes their ranking suggests, in varied lengths and styles, with typos, and (rarely) personal
//! data that the redaction step must catch: an email address, a phone number, a full postcode, a
//! vehicle registration or a name. The personal data uses reserved ranges (example.com addresses,
//! Ofcom's 07700 900xxx drama numbers) so it belongs to nobody.

use super::comment_text::{ThemeText, CLOSERS, FIRST_NAMES, OPENERS, SURNAMES, THEMES, WHEN};
use rand::seq::SliceRandom;
use rand::Rng;

/// Share of comments that carry some personal data.
pub const PERSONAL_DATA_RATE: f64 = 0.012;

fn pick<'s>(rng: &mut impl Rng, items: &[&'s str]) -> &'s str {
    items.choose(rng).copied().unwrap_or("")
}

fn fill(rng: &mut impl Rng, template: &str, places: &[&str]) -> String {
    let mut out = template.to_string();
    while out.contains("{place}") {
        out = out.replacen("{place}", pick(rng, places), 1);
    }
    while out.contains("{when}") {
        out = out.replacen("{when}", pick(rng, WHEN), 1);
    }
    out
}

fn theme_for<'t>(rng: &mut impl Rng, ranked: &[&str]) -> &'t ThemeText {
    if rng.gen_bool(0.6) {
        let about_ranked: Vec<&ThemeText> = THEMES
            .iter()
            .filter(|t| t.concerns.iter().any(|c| ranked.iter().take(2).any(|r| r == c)))
            .collect();
        if let Some(theme) = about_ranked.choose(rng) {
            return theme;
        }
    }
    // Visibility and response times are what residents write about most, whatever they ranked.
    let weights = [4, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    let i = (0..THEMES.len())
        .collect::<Vec<_>>()
        .choose_weighted(rng, |i| weights.get(*i).copied().unwrap_or(1))
        .copied()
        .unwrap_or(0);
    &THEMES[i]
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Capitals at the start and after each full stop, as a careful writer would.
fn sentence_case(s: &str) -> String {
    s.split(". ").map(capitalise).collect::<Vec<_>>().join(". ")
}

/// Misspells one word: two letters swapped, one dropped or one doubled.
fn typo(rng: &mut impl Rng, text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let candidates: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.len() >= 5 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|(i, _)| i)
        .collect();
    let Some(&target) = candidates.choose(rng) else {
        return text.to_string();
    };
    let mut bytes = words[target].as_bytes().to_vec();
    let at = rng.gen_range(1..bytes.len() - 1);
    match rng.gen_range(0..3) {
        0 => bytes.swap(at, at + 1),
        1 => {
            bytes.remove(at);
        }
        _ => bytes.insert(at, bytes[at]),
    }
    let misspelt = String::from_utf8(bytes).unwrap_or_else(|_| words[target].to_string());
    words
        .iter()
        .enumerate()
        .map(|(i, w)| if i == target { misspelt.as_str() } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

fn letters(rng: &mut impl Rng, n: usize) -> String {
    // The letters DVLA uses on plates (no I, O, Q, Z).
    (0..n)
        .map(|_| char::from(b"ABCDEFGHJKLMNPRSTUVWXY"[rng.gen_range(0..22)]))
        .collect()
}

fn personal_data(rng: &mut impl Rng, districts: &[&str]) -> String {
    let first = pick(rng, FIRST_NAMES);
    let last = pick(rng, SURNAMES);
    match rng.gen_range(0..6) {
        0 => format!("my name is {first} {last} if you want to follow this up"),
        1 => format!(
            "email me at {}.{}{}@example.com",
            first.to_lowercase(),
            last.to_lowercase(),
            rng.gen_range(1..99)
        ),
        2 => format!("you can phone me on 07700 900{:03}", rng.gen_range(0..1000)),
        3 => {
            let district = districts.choose(rng).copied().unwrap_or("EH12");
            format!("i live at {district} {}{}", rng.gen_range(1..10), letters(rng, 2))
        }
        4 => {
            let plate = format!("S{}{:02} {}", letters(rng, 1), rng.gen_range(10..25), letters(rng, 3));
            format!("the same car is always involved, a silver golf {plate}")
        }
        _ => format!(
            "{first} {last}, {} road, happy to talk to anyone about this",
            pick(rng, &["Station", "Church", "Main", "Mill", "Victoria"])
        ),
    }
}

/// A comment by a resident of an area with these `places` and postcode `districts` who ranked
/// `ranked` (concern ids, 1st first); at most `max_chars` characters, never blank.
pub fn compose(rng: &mut impl Rng, places: &[&str], districts: &[&str], ranked: &[&str], max_chars: usize) -> String {
    let sentences = match rng.gen_range(0..100) {
        0..=49 => 1,
        50..=84 => 2,
        _ => 3,
    };
    let mut parts: Vec<String> = Vec::with_capacity(sentences);
    for k in 0..sentences {
        let theme = if k == 0 {
            theme_for(rng, ranked)
        } else {
            theme_for(rng, &[])
        };
        let sentence = pick(rng, theme.sentences);
        parts.push(fill(rng, sentence, places));
    }
    let opener = pick(rng, OPENERS);
    let opener = fill(rng, opener, places);
    let closer = pick(rng, CLOSERS).to_string();
    let tidy = rng.gen_bool(0.45);
    let mut text = if tidy {
        sentence_case(&format!("{opener}{}", parts.join(". ")))
    } else {
        let joiner = pick(rng, &[" ", ". ", ", ", "... ", " and "]);
        format!("{opener}{}", parts.join(joiner)).to_lowercase()
    };
    if rng.gen_bool(0.3) {
        for _ in 0..rng.gen_range(1..=3) {
            text = typo(rng, &text);
        }
    }
    if rng.gen_bool(0.02) {
        text = text.to_uppercase();
    }
    // Personal data goes in after the typos, as people write it: it must reach the redaction intact.
    if rng.gen_bool(PERSONAL_DATA_RATE) {
        text.push_str(if tidy { ". " } else { " " });
        let personal = personal_data(rng, districts);
        text.push_str(&if tidy { capitalise(&personal) } else { personal });
    }
    if tidy {
        text.push('.');
    }
    if !closer.is_empty() {
        text.push_str(if tidy { " " } else { pick(rng, &[" ", ". ", "  "]) });
        text.push_str(&if tidy { capitalise(&closer) } else { closer });
    }
    let text: String = text.chars().take(max_chars).collect();
    let text = text.trim();
    if text.is_empty() {
        "no comment".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashSet;

    #[test]
    fn comments_are_varied_and_some_carry_personal_data() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let places = ["Leith", "Gorgie", "Portobello"];
        let comments: Vec<String> = (0..5_000)
            .map(|_| compose(&mut rng, &places, &["EH6"], &["drug_dealing", "speeding"], 2000))
            .collect();
        let distinct: HashSet<&String> = comments.iter().collect();
        assert!(distinct.len() > 4_000, "only {} distinct comments", distinct.len());
        let with_phone = comments.iter().filter(|c| c.contains("07700 900")).count();
        let with_email = comments.iter().filter(|c| c.contains("@example.com")).count();
        assert!(
            with_phone > 0 && with_email > 0,
            "phone {with_phone}, email {with_email}"
        );
        assert!(comments.iter().all(|c| !c.contains('{') && !c.trim().is_empty()));
        assert!(comments.iter().any(|c| c.contains("Leith") || c.contains("leith")));
    }

    #[test]
    fn comments_respect_the_length_limit() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for _ in 0..500 {
            assert!(
                compose(&mut rng, &["Hawick"], &["TD9"], &["speeding"], 40)
                    .chars()
                    .count()
                    <= 40
            );
        }
    }
}
