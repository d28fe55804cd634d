//! Words of free text, ready for keyword matching: lower-cased, apostrophes dropped ("didn't" →
//! "didnt"), hyphens and punctuation splitting words ("anti-social" → "anti", "social"), a number
//! followed by "mph" joined ("20 mph" → "20mph"), and a few Scots and irregular English forms
//! mapped to the form a keyword list would use ("polis" → "police", "weans" → "kids", "seen" →
//! "see"). Keywords and comments go through the same steps, so a mapping never stops a keyword
//! from matching itself.

/// The words of one text, kept in one buffer so that tokenising many comments reuses memory.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl Tokens {
    /// Replaces the held words with those of `text`.
    pub(crate) fn tokenize(&mut self, text: &str) {
        self.text.clear();
        self.spans.clear();
        let mut start: Option<usize> = None;
        let mut apostrophe_at: Option<usize> = None;
        for c in text.chars() {
            if c.is_alphanumeric() {
                start.get_or_insert(self.text.len());
                if c.is_ascii() {
                    self.text.push(c.to_ascii_lowercase());
                } else {
                    self.text.extend(c.to_lowercase());
                }
            } else if is_apostrophe(c) && start.is_some() {
                // Inside a word: "didn't" is one word, "didnt".
                apostrophe_at = Some(self.text.len());
            } else if let Some(s) = start.take() {
                self.finish_word(s, apostrophe_at.take());
            }
        }
        if let Some(s) = start {
            self.finish_word(s, apostrophe_at);
        }
    }

    fn finish_word(&mut self, start: usize, apostrophe_at: Option<usize>) {
        // A possessive or "is" ('s) adds nothing to what the word is about: "naebody's" → "naebody".
        if apostrophe_at == Some(self.text.len() - 1) && self.text.ends_with('s') {
            self.text.pop();
        }
        if let Some(mapped) = normalised_form(&self.text[start..]) {
            self.text.truncate(start);
            self.text.push_str(mapped);
        }
        let end = self.text.len();
        if &self.text[start..] == "mph" {
            if let Some(last) = self.spans.last_mut() {
                if last.1 == start && self.text[last.0..last.1].bytes().all(|b| b.is_ascii_digit()) {
                    last.1 = end;
                    return;
                }
            }
        }
        self.spans.push((start, end));
    }

    /// How many words the text has.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The `i`th word (empty past the end).
    pub(crate) fn word(&self, i: usize) -> &str {
        self.spans.get(i).map_or("", |&(s, e)| &self.text[s..e])
    }

    /// The words in order.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> + '_ {
        self.spans.iter().map(|&(s, e)| &self.text[s..e])
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Scots spellings and irregular English forms, mapped to the form keyword lists use. Only
/// one-word to one-word mappings whose meaning is not in doubt.
fn normalised_form(word: &str) -> Option<&'static str> {
    Some(match word {
        // Scots
        "polis" => "police",
        "weans" | "bairns" => "kids",
        "wean" | "bairn" => "kid",
        "naebody" => "nobody",
        "naething" => "nothing",
        "nae" | "naw" => "no",
        "didnae" => "didnt",
        "dinnae" | "dinna" => "dont",
        "disnae" => "doesnt",
        "cannae" | "canna" => "cant",
        "wisnae" => "wasnt",
        "isnae" => "isnt",
        "wouldnae" => "wouldnt",
        "couldnae" => "couldnt",
        "shouldnae" => "shouldnt",
        "huvnae" | "havnae" | "havenae" => "havent",
        "oot" => "out",
        "aboot" => "about",
        "hame" => "home",
        "toon" => "town",
        "fae" | "frae" => "from",
        "wi" => "with",
        "ower" => "over",
        "yous" | "youse" => "you",
        // Irregular English: past forms to the present, as keywords are usually written
        "seen" | "saw" => "see",
        "came" => "come",
        "took" | "taken" => "take",
        "broke" | "broken" => "break",
        "stole" | "stolen" => "steal",
        "heard" => "hear",
        "kept" => "keep",
        "went" | "gone" => "go",
        "got" | "gotten" => "get",
        "told" => "tell",
        "caught" => "catch",
        "drove" | "driven" => "drive",
        "rode" | "ridden" => "ride",
        "fought" => "fight",
        "threw" | "thrown" => "throw",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::Tokens;

    fn words(text: &str) -> Vec<String> {
        let mut t = Tokens::default();
        t.tokenize(text);
        t.words().map(str::to_string).collect()
    }

    #[test]
    fn words_are_lower_cased_split_on_punctuation_and_hyphens_with_apostrophes_dropped() {
        assert_eq!(
            words("The polis DIDN'T come—anti-social kids’ fireworks!"),
            ["the", "police", "didnt", "come", "anti", "social", "kids", "fireworks"]
        );
    }

    #[test]
    fn a_number_and_mph_become_one_word() {
        assert_eq!(words("a 20 mph zone, 30mph"), ["a", "20mph", "zone", "30mph"]);
        assert_eq!(words("mph"), ["mph"]);
    }

    #[test]
    fn scots_and_irregular_forms_are_mapped() {
        assert_eq!(words("Naebody's seen the weans"), ["nobody", "see", "the", "kids"]);
        assert_eq!(words("my car was stolen"), ["my", "car", "was", "steal"]);
    }

    #[test]
    fn non_ascii_letters_are_kept_and_lower_cased() {
        assert_eq!(words("Café ÉCOLE"), ["café", "école"]);
    }
}
