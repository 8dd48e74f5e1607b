//! Reporting verbs and cue phrases ("said", "told", "according to"), for
//! the quotation component.
//!
//! The list is `data/speech/cues.tsv`: one lemma a line with its
//! inflections, whether it can name an addressee ("told reporters") and its
//! class (speech, belief, naming, source). It is compiled into the binary and
//! may be overridden like every data file (see [`crate::data_file`]).
//!
//! Matching is a hash lookup on a token's lowercased text (no allocation
//! for words up to 32 bytes); a multi-word form ("according to") is keyed on
//! its first word and lists the words that must follow.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use thiserror::Error;

use crate::{data_file, data_lines, folded_hash};

const BUILTIN: &str = include_str!("../../../data/speech/cues.tsv");
/// The name of the cue list in an override folder.
pub const CUES_FILE: &str = "cues.tsv";
const FILE_NAME: &str = CUES_FILE;

/// What a cue reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Words said or written; a reported clause may follow.
    Speech,
    /// A thought or stance ("believes"): not speech.
    Belief,
    /// Attributes a quoted label only ("called it “a first step”").
    Naming,
    /// A source phrase around a clause ("according to X").
    Source,
}

/// The grammatical shape of a matched form, as far as it matters for
/// finding the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueForm {
    /// Finite or base form ("said", "says", "say").
    Finite,
    /// An -ing participle ("saying", "adding"): its speaker is the subject
    /// of the clause it hangs from.
    Participle,
    /// A multi-word phrase ("according to").
    Phrase,
}

/// One matchable form of a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub lemma: String,
    /// Lowercase words after the first one that must follow it.
    pub rest: Vec<String>,
    pub addressee: bool,
    pub class: CueClass,
    pub form: CueForm,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum SpeechLexiconError {
    #[error("{file}:{line}: expected 4 tab-separated columns (lemma, forms, addressee, class)")]
    Columns { file: &'static str, line: usize },
    #[error("{file}:{line}: unknown class `{class}` (speech, belief, naming, source)")]
    Class { file: &'static str, line: usize, class: String },
}

/// The compiled cue list.
#[derive(Debug, Default)]
pub struct SpeechCues {
    /// Each first word (lower-case), sorted, with its cues in file order.
    entries: Vec<(String, Vec<Cue>)>,
    /// Open-addressing table of entry indices ([`EMPTY`] for a free slot),
    /// a power of two at most half full, placed by [`folded_hash`]: a word
    /// is found without being copied or lower-cased first (keys are lower
    /// case, so comparing ignoring ASCII case is comparing the lower-cased word).
    slots: Vec<u32>,
    /// Bit `c - 'a'` is set when some key starts with letter `c`: most words
    /// are rejected before hashing.
    first_letters: u32,
    /// Bit [`prefix_bit`] is set when some key starts with those three bytes.
    prefixes: Vec<u64>,
    min_len: usize,
    max_len: usize,
}

/// A free slot of [`SpeechCues::slots`].
const EMPTY: u32 = u32::MAX;

impl SpeechCues {
    /// Parses a cue file in the `cues.tsv` format.
    pub fn parse(text: &str) -> Result<SpeechCues, SpeechLexiconError> {
        let mut by_first_word: HashMap<String, Vec<Cue>, BuildHasherDefault<crate::WordHasher>> = HashMap::default();
        for (line, l) in data_lines(text) {
            let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            if cols.len() != 4 {
                return Err(SpeechLexiconError::Columns { file: FILE_NAME, line });
            }
            let class = match cols[3] {
                "speech" => CueClass::Speech,
                "belief" => CueClass::Belief,
                "naming" => CueClass::Naming,
                "source" => CueClass::Source,
                other => return Err(SpeechLexiconError::Class { file: FILE_NAME, line, class: other.to_string() }),
            };
            let addressee = cols[2].eq_ignore_ascii_case("yes");
            for form in cols[1].split(',').map(str::trim).filter(|f| !f.is_empty()) {
                let mut words = form.split_whitespace().map(str::to_ascii_lowercase);
                let Some(first) = words.next() else { continue };
                let rest: Vec<String> = words.collect();
                let form = if !rest.is_empty() {
                    CueForm::Phrase
                } else if first.ends_with("ing") && !cols[0].ends_with("ing") {
                    CueForm::Participle
                } else {
                    CueForm::Finite
                };
                let cue = Cue { lemma: cols[0].to_string(), rest, addressee, class, form };
                let entry = by_first_word.entry(first).or_default();
                if !entry.contains(&cue) {
                    entry.push(cue);
                }
            }
        }
        let mut first_letters = 0u32;
        let mut prefixes = vec![0u64; 512];
        let (mut min_len, mut max_len) = (usize::MAX, 0);
        for k in by_first_word.keys() {
            let bit = prefix_bit(k.as_bytes());
            prefixes[bit / 64] |= 1 << (bit % 64);
            if let Some(b) = k.bytes().next().filter(u8::is_ascii_lowercase) {
                first_letters |= 1 << (b - b'a');
            } else {
                first_letters = u32::MAX;
            }
            min_len = min_len.min(k.len());
            max_len = max_len.max(k.len());
        }
        // sorted, so that the table does not depend on the map's iteration order
        let mut entries: Vec<(String, Vec<Cue>)> = by_first_word.into_iter().collect();
        entries.sort_by(|x, y| x.0.cmp(&y.0));
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![EMPTY; size];
        for (n, (key, _)) in entries.iter().enumerate() {
            let mut i = folded_hash(key.as_bytes()) & (size - 1);
            while slots[i] != EMPTY {
                i = (i + 1) & (size - 1);
            }
            slots[i] = n as u32;
        }
        Ok(SpeechCues { entries, slots, first_letters, prefixes, min_len, max_len })
    }

    /// The cues whose first word is `word` (any case), longest phrases first.
    #[inline]
    pub fn starting_with(&self, word: &str) -> &[Cue] {
        if !self.may_start(word.as_bytes()) {
            return &[];
        }
        self.lookup(word)
    }

    /// A cheap pre-test on a word's bytes (length window and three-letter
    /// prefix): `false` means no cue starts with this word.
    #[inline]
    pub fn may_start(&self, word: &[u8]) -> bool {
        if word.len() < self.min_len || word.len() > self.max_len {
            return false;
        }
        let bit = prefix_bit(word);
        self.prefixes.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    #[inline(never)]
    fn lookup(&self, word: &str) -> &[Cue] {
        if word.len() < self.min_len || word.len() > self.max_len {
            return &[];
        }
        let first = word.as_bytes()[0].to_ascii_lowercase();
        if first.is_ascii_lowercase() && self.first_letters & (1 << (first - b'a')) == 0 {
            return &[];
        }
        let bit = prefix_bit(word.as_bytes());
        if self.prefixes.get(bit / 64).is_none_or(|w| w & (1 << (bit % 64)) == 0) {
            return &[];
        }
        let bytes = word.as_bytes();
        // (a word over 32 bytes is matched only as written in lower case)
        if bytes.len() > 32 && bytes.iter().any(u8::is_ascii_uppercase) {
            return &[];
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = folded_hash(bytes) & mask;
        while let Some(&n) = self.slots.get(i) {
            let Some((key, cues)) = self.entries.get(n as usize) else { return &[] };
            if key.len() == bytes.len() && key.as_bytes().eq_ignore_ascii_case(bytes) {
                return cues;
            }
            i = (i + 1) & mask;
        }
        &[]
    }

    /// The shortest and longest first words (bytes): a token outside this
    /// range cannot start a cue.
    pub fn first_word_lengths(&self) -> (usize, usize) {
        (self.min_len, self.max_len)
    }

    pub fn len(&self) -> usize {
        self.entries.iter().map(|(_, cues)| cues.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The prefix-filter bit of a word's first three bytes (case folded).
#[inline]
fn prefix_bit(w: &[u8]) -> usize {
    let at = |i: usize| usize::from(w.get(i).copied().unwrap_or(0) & 31);
    (at(0) << 10) | (at(1) << 5) | at(2)
}

/// Whether the cue list, with the user's overrides, loads.
pub fn check_data() -> Result<(), SpeechLexiconError> {
    SpeechCues::parse(&data_file(FILE_NAME, BUILTIN)).map(drop)
}

static CUES: LazyLock<SpeechCues> = LazyLock::new(|| {
    let text = data_file(FILE_NAME, BUILTIN);
    // A broken user override falls back to the built-in list.
    SpeechCues::parse(&text).or_else(|_| SpeechCues::parse(BUILTIN)).unwrap_or_default()
});

/// The reporting cues, loaded once.
pub fn speech_cues() -> &'static SpeechCues {
    &CUES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses_and_matches_forms() {
        let cues = SpeechCues::parse(BUILTIN).expect("built-in cues parse");
        assert!(cues.len() > 100);
        let said = cues.starting_with("Said");
        assert_eq!(said[0].lemma, "say");
        assert_eq!(said[0].class, CueClass::Speech);
        assert_eq!(said[0].form, CueForm::Finite);
        assert!(cues.starting_with("told")[0].addressee);
        assert_eq!(cues.starting_with("adding")[0].form, CueForm::Participle);
        let acc = cues.starting_with("According");
        assert_eq!(acc[0].rest, vec!["to".to_string()]);
        assert_eq!(acc[0].class, CueClass::Source);
        assert_eq!(cues.starting_with("believes")[0].class, CueClass::Belief);
        assert!(cues.starting_with("table").is_empty());
    }

    /// The plain definition the table replaces: the entry whose key is the
    /// word with its ASCII letters lower-cased (a word over 32 bytes only as
    /// written in lower case).
    fn plain_lookup<'c>(cues: &'c SpeechCues, word: &str) -> &'c [Cue] {
        if word.len() > 32 && word.bytes().any(|b| b.is_ascii_uppercase()) {
            return &[];
        }
        let lower = word.to_ascii_lowercase();
        cues.entries.iter().find(|(k, _)| *k == lower).map_or(&[], |(_, c)| c.as_slice())
    }

    #[test]
    fn table_lookup_matches_the_plain_definition() {
        let cues = SpeechCues::parse(BUILTIN).expect("built-in cues parse");
        let mut words: Vec<String> = Vec::new();
        for (key, _) in &cues.entries {
            let upper = key.to_ascii_uppercase();
            let mut title = key.clone();
            title[..1].make_ascii_uppercase();
            words.extend([key.clone(), upper, title, format!("{key}s"), format!("x{key}"), key[..key.len() - 1].to_string()]);
        }
        words.extend(["", "a", "the", "Saïd", "SAÏD", "table", "according"].map(String::from));
        words.extend(["x".repeat(40), "Told".repeat(9)]);
        for w in &words {
            assert_eq!(cues.starting_with(w), plain_lookup(&cues, w), "{w:?}");
            if !cues.may_start(w.as_bytes()) {
                assert!(plain_lookup(&cues, w).is_empty(), "the pre-test rejects a cue: {w:?}");
            }
        }
        let long = SpeechCues::parse(&format!("x\t{}\tno\tspeech", "y".repeat(40))).expect("parses");
        assert!(!long.starting_with(&"y".repeat(40)).is_empty());
        assert!(long.starting_with(&"Y".repeat(40)).is_empty(), "as before: long words match as written");
        assert!(SpeechCues::default().starting_with("said").is_empty());
    }

    #[test]
    fn bad_lines_are_typed_errors() {
        assert_eq!(SpeechCues::parse("say\tsaid\tno").unwrap_err(), SpeechLexiconError::Columns { file: FILE_NAME, line: 1 });
        assert!(matches!(SpeechCues::parse("say\tsaid\tno\tshout"), Err(SpeechLexiconError::Class { .. })));
    }
}
