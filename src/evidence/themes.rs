//! Coding free-text comments into the consultation's themes (`[[themes]]` in the definition) by
//! keyword, the way an analyst would with a coding frame, but the same every time.
//!
//! Matching rules, applied to the words of both keywords and comments (see `tokens` for how text
//! becomes words: lower case, apostrophes dropped, hyphens split, some Scots forms mapped):
//! * a comment word matches a keyword word when their English Snowball stems are equal
//!   ("speeding", "speeds" and "speed" all stem to "speed");
//! * or when the comment word is the keyword word (or its stem), at least 4 letters long, followed
//!   by a common English ending such as "s", "er", "ers", "ing", "ism", "ised", "y", possibly after
//!   a doubled consonant. This is how keywords written as word beginnings work ("drink driv"
//!   matches "drink driving" and "drink drivers", "burglar" matches "burglary", "speed" matches
//!   "speeders"), without "scam" matching "scampi";
//! * a keyword of several words ("boy racer", "never see") matches the same number of consecutive
//!   comment words, each matching in turn;
//! * a hyphenated keyword also matches its words written together ("e-scooter", "escooter").
//!
//! Two guards against stems that are other words:
//! * a keyword word ending in "ful" matches only itself and its endings: Snowball stems "helpful"
//!   to "help", which is not what the keyword means;
//! * a keyword word written with "ing", "ed" or "ly" that stemming shortens does not match its bare
//!   stem: "parking" and "parked" match "parks" and "parking" but not "park" (as in "the park"),
//!   "dealing" does not match "deal" ("deal with it"), "lonely" does not match "lone".
//!
//! Speed: the keyword stems are computed once; a comment word is stemmed only when its first two
//! letters begin some keyword word (stemming never changes the first two letters), and what a
//! word matched is remembered for the rest of a [`super::comment_themes::code_comments`] run, so
//! most words cost one or two table look-ups (400,000 comments code in well under a second).

use super::tokens::Tokens;
use crate::domain::Theme;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// Endings that, after a keyword word of at least [`MIN_BASE_LEN`] letters, still mean the same thing.
const ENDINGS: &[&str] = &[
    "s", "es", "e", "ed", "d", "er", "ers", "r", "rs", "ing", "ings", "y", "ies", "ied", "ism", "isms", "ist", "ists",
    "ise", "ised", "ises", "ising", "ize", "ized", "izes", "izing", "ment", "ments", "ness", "ly", "est", "ery",
    "eries", "ary", "aries",
];
const MIN_BASE_LEN: usize = 4;

/// Codes comments into themes; build once per consultation and reuse for every comment.
pub struct ThemeCoder {
    themes: Vec<Theme>,
    stemmer: Stemmer,
    /// Keyword-word ids by the stem a comment word must have.
    by_stem: HashMap<String, Vec<u16>>,
    /// The same, for keyword words that a comment word equal to the stem must not match.
    by_stem_not_bare: HashMap<String, Vec<u16>>,
    /// Keyword-word ids by the beginning a comment word may extend with one of [`ENDINGS`].
    by_base: HashMap<String, Vec<u16>>,
    /// Whether any keyword word starts with these two bytes (index `b0 * 256 + b1`).
    first_two: Vec<bool>,
    phrases: Vec<Phrase>,
    /// Phrase indices by their first keyword word id.
    phrases_by_first_word: Vec<Vec<usize>>,
}

struct Phrase {
    theme: usize,
    words: Vec<u16>,
}

/// Working memory for coding comments, reused from one comment to the next.
#[derive(Default)]
pub(crate) struct CodingScratch {
    pub(crate) tokens: Tokens,
    /// Keyword-word ids matched by each comment word: `matched[starts[i]..starts[i + 1]]`.
    matched: Vec<u16>,
    starts: Vec<usize>,
    /// Whether the last comment coded mentions each theme.
    pub(crate) hits: Vec<bool>,
    /// What each word seen so far matched (`cached_ids[range]`): most words of a large set of
    /// comments repeat, and stemming costs far more than a look-up.
    cache: HashMap<String, (usize, usize)>,
    cached_ids: Vec<u16>,
}

/// Distinct words remembered per [`CodingScratch`]; past this, words are matched afresh each time.
const MAX_CACHED_WORDS: usize = 1 << 18;

impl ThemeCoder {
    /// Prepares the keyword lists of `themes` (stemmed once, here).
    pub fn new(themes: &[Theme]) -> Self {
        let mut coder = ThemeCoder {
            themes: themes.to_vec(),
            stemmer: Stemmer::create(Algorithm::English),
            by_stem: HashMap::new(),
            by_stem_not_bare: HashMap::new(),
            by_base: HashMap::new(),
            first_two: vec![false; 256 * 256],
            phrases: Vec::new(),
            phrases_by_first_word: Vec::new(),
        };
        let mut word_ids: HashMap<String, u16> = HashMap::new();
        let mut tokens = Tokens::default();
        for (theme, t) in themes.iter().enumerate() {
            for keyword in &t.keywords {
                let mut variants = vec![keyword.clone()];
                if keyword.contains('-') {
                    variants.push(keyword.replace('-', ""));
                }
                for variant in variants {
                    tokens.tokenize(&variant);
                    let words: Vec<u16> = tokens.words().map(|w| coder.word_id(w, &mut word_ids)).collect();
                    let duplicate = coder.phrases.iter().any(|p| p.theme == theme && p.words == words);
                    if !words.is_empty() && !duplicate {
                        coder.phrases.push(Phrase { theme, words });
                    }
                }
            }
        }
        coder.phrases_by_first_word = vec![Vec::new(); word_ids.len()];
        for (i, p) in coder.phrases.iter().enumerate() {
            coder.phrases_by_first_word[usize::from(p.words[0])].push(i);
        }
        coder
    }

    fn word_id(&mut self, word: &str, ids: &mut HashMap<String, u16>) -> u16 {
        if let Some(&id) = ids.get(word) {
            return id;
        }
        // More than 65,535 distinct keyword words is far beyond any coding frame; they share an id.
        let id = u16::try_from(ids.len()).unwrap_or(u16::MAX);
        ids.insert(word.to_string(), id);
        self.first_two[first_two_index(word)] = true;
        let stem = self.stemmer.stem(word).into_owned();
        let mut bases = vec![word.to_string()];
        if word.ends_with("ful") && stem.len() + 3 == word.len() {
            // "helpful" is not "help": only the word itself and its endings.
            self.by_stem.entry(word.to_string()).or_default().push(id);
        } else if stem != word && ["ing", "ed", "ly"].iter().any(|e| word.ends_with(e)) {
            // "parking" is not "park", "dealing" not "deal", "lonely" not "lone": every word with
            // the same stem except the bare stem itself.
            self.by_stem_not_bare.entry(stem).or_default().push(id);
        } else {
            self.by_stem.entry(stem.clone()).or_default().push(id);
            if stem != word {
                bases.push(stem);
            }
        }
        for base in bases.into_iter().filter(|b| b.chars().count() >= MIN_BASE_LEN) {
            self.by_base.entry(base).or_default().push(id);
        }
        id
    }

    /// The themes this coder codes into, in the order of the indices it reports.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// Indices (into [`ThemeCoder::themes`]) of the themes `comment` mentions, in ascending order.
    pub fn themes_of(&self, comment: &str) -> Vec<usize> {
        let mut scratch = CodingScratch::default();
        self.code_into(comment, &mut scratch);
        scratch
            .hits
            .iter()
            .enumerate()
            .filter(|(_, &hit)| hit)
            .map(|(i, _)| i)
            .collect()
    }

    /// Codes `comment` into `scratch`: its words in `scratch.tokens`, its themes in `scratch.hits`.
    pub(crate) fn code_into(&self, comment: &str, scratch: &mut CodingScratch) {
        scratch.tokens.tokenize(comment);
        scratch.matched.clear();
        scratch.starts.clear();
        for i in 0..scratch.tokens.len() {
            scratch.starts.push(scratch.matched.len());
            let word = scratch.tokens.word(i);
            if word.is_empty() || !self.first_two[first_two_index(word)] {
                continue;
            }
            if let Some(&(from, to)) = scratch.cache.get(word) {
                scratch.matched.extend_from_slice(&scratch.cached_ids[from..to]);
                continue;
            }
            let from = scratch.matched.len();
            self.match_word(word, &mut scratch.matched);
            if scratch.cache.len() < MAX_CACHED_WORDS {
                let cached_from = scratch.cached_ids.len();
                scratch.cached_ids.extend_from_slice(&scratch.matched[from..]);
                scratch
                    .cache
                    .insert(word.to_string(), (cached_from, scratch.cached_ids.len()));
            }
        }
        scratch.starts.push(scratch.matched.len());
        scratch.hits.clear();
        scratch.hits.resize(self.themes.len(), false);
        let (matched, starts, hits) = (&scratch.matched, &scratch.starts, &mut scratch.hits);
        let words_at = |i: usize| -> &[u16] {
            match (starts.get(i), starts.get(i + 1)) {
                (Some(&s), Some(&e)) => &matched[s..e],
                _ => &[],
            }
        };
        for i in 0..scratch.tokens.len() {
            for &first in words_at(i) {
                for &p in &self.phrases_by_first_word[usize::from(first)] {
                    let phrase = &self.phrases[p];
                    let rest_matches = phrase
                        .words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(k, w)| words_at(i + k).contains(w));
                    if rest_matches {
                        hits[phrase.theme] = true;
                    }
                }
            }
        }
    }

    /// Appends the ids of the keyword words `word` matches to `out` (each at most once).
    fn match_word(&self, word: &str, out: &mut Vec<u16>) {
        let from = out.len();
        let add = |ids: Option<&Vec<u16>>, out: &mut Vec<u16>| {
            for &id in ids.into_iter().flatten() {
                if !out[from..].contains(&id) {
                    out.push(id);
                }
            }
        };
        let stem = self.stemmer.stem(word);
        add(self.by_stem.get(stem.as_ref()), out);
        if stem != word {
            add(self.by_stem_not_bare.get(stem.as_ref()), out);
        }
        add(self.by_base.get(word), out);
        for ending in ENDINGS.iter().filter(|e| word.len() > e.len() && word.ends_with(*e)) {
            let base = &word[..word.len() - ending.len()];
            add(self.by_base.get(base), out);
            // A doubled final consonant: "scammer" is "scam" + "m" + "er".
            let b = base.as_bytes();
            let last = b.last().copied().unwrap_or(b'a');
            if b.len() >= 2 && last.is_ascii_alphabetic() && b[b.len() - 2] == last && !b"aeiou".contains(&last) {
                add(self.by_base.get(&base[..base.len() - 1]), out);
            }
        }
    }
}

fn first_two_index(word: &str) -> usize {
    let b = word.as_bytes();
    usize::from(b.first().copied().unwrap_or(0)) * 256 + usize::from(b.get(1).copied().unwrap_or(0))
}
