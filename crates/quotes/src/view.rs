//! Token-level helpers over a [`Doc`] and the small closed word classes the
//! quotation rules need (determiners, pronouns, auxiliaries, clause
//! openers). These are facts of English grammar, not of any report.

use std::sync::LazyLock;

use dateline_doc::{Doc, TokenKind};
use dateline_lexicon::{folded_hash, packed_word};
use dateline_lexicon::speech::{speech_cues, Cue};

/// A set of lower-case words, tested case-insensitively without allocating:
/// a length window and a first-letter mask reject most words before
/// hashing; the hash folds ASCII case as it goes, so a word is neither
/// copied nor re-validated (open addressing, load at most one half;
/// [`folded_hash`] takes eight bytes at a time).
pub(crate) struct WordSet {
    /// Power-of-two table of words; "" marks an empty slot. A word of at
    /// most eight bytes sits at its [`short_hash`], a longer one at its
    /// [`folded_hash`].
    slots: Vec<&'static str>,
    /// Per slot: the word's bytes as one zero-padded little-endian word
    /// ([`pack`]) when it has at most eight, so a short word is compared
    /// in one step.
    packed: Vec<u64>,
    /// Bit `(a & 31) * 32 + (b & 31)` is set when a word starts with bytes `a b`.
    prefixes: [u64; 16],
    /// Bit `n` is set when a word has `n` bytes.
    lengths: u64,
}

/// The ASCII upper-case letters of a packed word lower-cased, all other
/// bytes (non-ASCII ones too) unchanged, eight at a time.
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // a byte's high bit: its low seven bits are >= 'A', > 'Z' (no carry crosses a byte)
    let ge_a = low7 + ONES * u64::from(0x80 - b'A');
    let gt_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = ge_a & !gt_z & !x & HIGH;
    x | upper >> 2
}

/// The slot hash of a packed word of `len` bytes.
#[inline]
fn short_hash(packed: u64, len: usize) -> usize {
    let h = (packed ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h ^ (h >> 29)) as usize
}

fn prefix2(w: &[u8]) -> usize {
    usize::from(w.first().copied().unwrap_or(0) & 31) * 32 + usize::from(w.get(1).copied().unwrap_or(0) & 31)
}

impl WordSet {
    pub fn new(list: &[&'static str]) -> WordSet {
        let mut prefixes = [0u64; 16];
        let mut lengths = 0u64;
        let size = (list.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![""; size];
        let mut packed = vec![0; size];
        for &w in list.iter().filter(|w| !w.is_empty()) {
            let bit = prefix2(w.as_bytes());
            prefixes[bit / 64] |= 1 << (bit % 64);
            if w.len() <= 32 {
                lengths |= 1 << w.len();
            }
            // (a short word is placed as written: one with an upper-case letter is never found)
            let short = w.len() <= 8;
            let mut i = if short { short_hash(packed_word(w.as_bytes()), w.len()) } else { folded_hash(w.as_bytes()) } & (size - 1);
            while !slots[i].is_empty() && slots[i] != w {
                i = (i + 1) & (size - 1);
            }
            slots[i] = w;
            packed[i] = if short { packed_word(w.as_bytes()) } else { 0 };
        }
        WordSet { slots, packed, prefixes, lengths }
    }

    /// Whether the set holds `word` once its ASCII letters are lower-cased.
    /// (The cheap rejections are inlined at the call; the probe is not.)
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let len = word.len();
        if len > 32 || self.lengths & (1 << len) == 0 {
            return false;
        }
        let bit = prefix2(word.as_bytes());
        if self.prefixes[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        self.probe(word)
    }

    #[inline(never)]
    fn probe(&self, word: &str) -> bool {
        let len = word.len();
        let bytes = word.as_bytes();
        let mask = self.slots.len() - 1;
        if len <= 8 {
            // the lower-cased word equals a slot's packed word of the same length
            let key = lower8(packed_word(bytes));
            let mut i = short_hash(key, len) & mask;
            loop {
                let entry = self.slots[i];
                if entry.is_empty() {
                    return false;
                }
                if self.packed[i] == key && entry.len() == len {
                    return true;
                }
                i = (i + 1) & mask;
            }
        }
        let mut i = folded_hash(bytes) & mask;
        loop {
            let entry = self.slots[i];
            if entry.is_empty() {
                return false;
            }
            if entry.len() == len && entry.bytes().zip(bytes).all(|(e, &b)| e == b.to_ascii_lowercase()) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Anything `View::is_any` can test a word against.
pub(crate) trait Words {
    fn has(&self, word: &str) -> bool;
}

impl Words for [&str] {
    fn has(&self, word: &str) -> bool {
        self.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

impl<const N: usize> Words for [&str; N] {
    fn has(&self, word: &str) -> bool {
        self.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

impl Words for LazyLock<WordSet> {
    #[inline]
    fn has(&self, word: &str) -> bool {
        self.contains(word)
    }
}

/// The normalised text of every token, sliced once per document: the rules
/// look at each token many times.
/// Also lists the quotation-mark tokens, which the mark and byline scans
/// visit instead of every token, and the reporting cues each token may
/// start, looked up once here: the cue scan and the phrase stops ask again.
/// The tokens that start some cue, and the tokens "that" and "to" (which
/// follow a noun of saying), are listed too: the cue scan and the noun
/// report scan of a sentence visit them instead of every token.
pub(crate) struct TokenTexts<'a> {
    texts: Vec<&'a str>,
    marks: Vec<usize>,
    cues: Vec<&'static [Cue]>,
    cue_tokens: Vec<usize>,
    that_to: Vec<usize>,
}

impl<'a> TokenTexts<'a> {
    pub fn new(doc: &'a Doc) -> TokenTexts<'a> {
        let norm = doc.norm.as_str();
        let lex = speech_cues();
        // tight passes (each a loop of known length) rather than one
        // that juggles all the vectors
        let texts: Vec<&'a str> =
            doc.tokens.iter().map(|t| norm.get(t.norm_start as usize..t.norm_end as usize).unwrap_or("")).collect();
        // the lists of a few tokens in a hundred are sized for one in eight, so they seldom grow
        let mut marks = Vec::with_capacity(doc.tokens.len() / 8);
        marks.extend(doc.tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Quote).map(|(i, _)| i));
        // the two lists with the cue look-up
        let mut cues: Vec<&'static [Cue]> = Vec::with_capacity(texts.len());
        let (mut cue_tokens, mut that_to) = (Vec::with_capacity(texts.len() / 8), Vec::with_capacity(texts.len() / 8));
        for (i, &text) in texts.iter().enumerate() {
            let c = lex.starting_with(text);
            if !c.is_empty() {
                cue_tokens.push(i);
            }
            if is_that_or_to(text) {
                that_to.push(i);
            }
            cues.push(c);
        }
        TokenTexts { texts, marks, cues, cue_tokens, that_to }
    }
}

/// "that" or "to", in any case: the bytes as one word with the ASCII case
/// bit (0x20) set; a byte ORed with it equals a lower-case letter only when
/// it is that letter in either case.
#[inline]
fn is_that_or_to(t: &str) -> bool {
    match *t.as_bytes() {
        [a, b] => u16::from_le_bytes([a, b]) | 0x2020 == u16::from_le_bytes(*b"to"),
        [a, b, c, d] => u32::from_le_bytes([a, b, c, d]) | 0x2020_2020 == u32::from_le_bytes(*b"that"),
        _ => false,
    }
}

/// The entries of a sorted index list in `[a, b)`.
fn indices_in(list: &[usize], a: usize, b: usize) -> &[usize] {
    let from = list.partition_point(|&m| m < a);
    let to = from + list[from..].partition_point(|&m| m < b);
    &list[from..to]
}

/// Read-only token access with the tests the rules use.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub doc: &'a Doc,
    texts: &'a [&'a str],
    marks: &'a [usize],
    cues: &'a [&'static [Cue]],
    cue_tokens: &'a [usize],
    that_to: &'a [usize],
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Doc, texts: &'a TokenTexts<'a>) -> View<'a> {
        View {
            doc,
            texts: &texts.texts,
            marks: &texts.marks,
            cues: &texts.cues,
            cue_tokens: &texts.cue_tokens,
            that_to: &texts.that_to,
        }
    }

    /// The tokens in `[a, b)` that start some cue (`cues_starting` is not
    /// empty), in order.
    pub fn cue_tokens_in(&self, a: usize, b: usize) -> &'a [usize] {
        indices_in(self.cue_tokens, a, b)
    }

    /// The tokens "that" and "to" (any case) in `[a, b)`, in order.
    pub fn that_to_tokens_in(&self, a: usize, b: usize) -> &'a [usize] {
        indices_in(self.that_to, a, b)
    }

    /// The cues whose first word is token `i` (`speech_cues().starting_with`
    /// of its text).
    #[inline]
    pub fn cues_starting(&self, i: usize) -> &'static [Cue] {
        self.cues[i]
    }

    /// The quotation-mark tokens, in order.
    pub fn quote_tokens(&self) -> &'a [usize] {
        self.marks
    }

    /// The quotation-mark tokens in `[a, b)`.
    pub fn quote_tokens_in(&self, a: usize, b: usize) -> &'a [usize] {
        indices_in(self.marks, a, b)
    }

    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// Normalised text of token `i`.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.texts[i]
    }

    /// Original text of token `i` (keeps curly quotation marks).
    pub fn orig(&self, i: usize) -> &'a str {
        self.doc.slice(self.doc.tokens[i].span)
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.text(i).eq_ignore_ascii_case(word)
    }

    #[inline]
    pub fn is_any<W: Words + ?Sized>(&self, i: usize, words: &W) -> bool {
        words.has(self.text(i))
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.kind(i), TokenKind::Word | TokenKind::Number)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.kind(i) == TokenKind::Quote
    }

    /// Starts with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.kind(i) == TokenKind::Word && self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A possessive clitic token ("'s").
    pub fn is_possessive(&self, i: usize) -> bool {
        let t = self.text(i);
        // a bare apostrophe is possessive only right after a word in -s ("voters'"),
        // not as half of a '' quotation mark
        t.eq_ignore_ascii_case("'s")
            || (t == "'"
                && i > 0
                && !self.doc.tokens[i].space_before
                && self.kind(i - 1) == TokenKind::Word
                && self.text(i - 1).ends_with(['s', 'S']))
    }

    /// A period that belongs to an abbreviated title or an initial ("Gen." "M.").
    pub fn is_abbrev_dot(&self, i: usize) -> bool {
        i > 0
            && self.text(i) == "."
            && !self.doc.tokens[i].space_before
            && (crate::names::is_title_abbreviation(self.text(i - 1))
                || (self.text(i - 1).len() == 1 && self.is_cap(i - 1)))
    }

    /// A capitalised word that continues a name although it is also a
    /// modal or a time noun ("Ms. Day", "Mr. May", "Theresa May said"):
    /// right after an honorific or another capitalised name word (not a
    /// determiner), with no capitalised word after it (a Title Case
    /// headline, "Clinton May Face Charges", keeps its modal).
    pub fn is_name_continuation(&self, i: usize) -> bool {
        if i == 0 || !self.is_cap(i) || (i + 1 < self.len() && self.is_cap(i + 1)) {
            return false;
        }
        let p = i - 1;
        let honorific = self.is_abbrev_dot(p);
        // not after "In", "Last", "Since": a month or day ("In March")
        let name_before = self.is_cap(p)
            && !self.is_any(p, &DETERMINERS)
            && !self.is_any(p, &SUBJECT_PRONOUNS)
            && !self.is_any(p, &NP_STOPS)
            && !self.is_any(p, &TIME_DETERMINERS)
            && !self.is_any(p, &SUBORDINATORS);
        honorific || name_before
    }

    /// Sentence-final punctuation.
    pub fn is_final_punct(&self, i: usize) -> bool {
        matches!(self.text(i), "." | "!" | "?") || self.text(i).starts_with("..")
    }
}

pub(crate) static DETERMINERS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "some", "many",
    "most", "several", "both", "all", "each", "another", "other", "no", "any", "few", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
])
});

/// Pronouns that can be the subject of a reporting verb.
pub(crate) static SUBJECT_PRONOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&["he", "she", "they", "it", "we", "i", "you"]));

/// Relative pronouns that stand for the noun phrase before them.
pub(crate) static RELATIVES: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&["who", "which", "that"]));

/// Auxiliaries and adverbs that may sit between a subject and its reporting
/// verb ("he has also said", "it has increasingly acknowledged").
pub(crate) static AUX_ADVERBS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "has", "have", "had", "also", "later", "then", "previously", "again", "further", "repeatedly", "recently", "once",
    "still", "already", "just", "would", "will", "could", "can", "may", "might", "did", "does", "do", "not", "never",
    "n't", "reportedly", "earlier", "only", "often", "always", "even", "first", "separately", "himself", "herself",
    "themselves", "itself", "subsequently", "initially", "last", "yesterday", "today", "tonight", "now",
])
});

/// Auxiliaries that make a following participle passive ("was announced by").
pub(crate) static BE_FORMS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&["is", "was", "were", "are", "be", "been", "being"]));

/// Words that end a noun phrase scanned leftwards from a verb.
pub(crate) static NP_STOPS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "and", "or", "but", "that", "which", "while", "when", "as", "because", "though", "although", "if", "after",
    "before", "since", "so", "than", "where", "whom", "whose", "who", "to", "in", "on", "at", "from", "with", "by",
    "for", "about", "into", "over", "under", "against", "during", "without", "between", "through", "per", "via",
    "nor", "yet", "is", "was", "were", "are", "be", "been", "has", "have", "had", "not", "what", "how", "why",
    "also", "said", "says", "told", "then", "there", "here", "would", "will", "could", "can", "did", "does", "do",
    "should", "must", "may", "might", "shall", "cannot", "didn't", "doesn't", "don't", "won't", "wasn't", "isn't",
    "weren't", "aren't", "hasn't", "haven't", "hadn't", "couldn't", "wouldn't", "shouldn't", "can't",
])
});

/// Subordinating words that open a clause at the start of a sentence.
pub(crate) static SUBORDINATORS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[
    "while", "though", "although", "as", "because", "if", "when", "after", "before", "since", "whereas", "unless",
    "once", "until",
]));

/// Time and manner adjuncts that may follow a reporting verb before its
/// clause ("said on Wednesday", "said in a statement").
pub(crate) static ADJUNCT_HEADS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
    "earlier", "later", "recently", "privately", "publicly", "separately", "repeatedly", "again", "also",
    "previously", "then", "now", "afterwards", "afterward", "flatly", "bluntly", "frankly", "firmly",
]));

/// Words that, followed by a time noun, make an adjunct ("last week").
pub(crate) static TIME_DETERMINERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&["last", "this", "next", "late", "early", "earlier", "that"]));

/// Prepositions that open an adjunct before the reported clause.
pub(crate) static ADJUNCT_PREPOSITIONS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&["on", "in", "at", "during", "late", "early", "over", "via", "through", "after", "before", "from"]));

/// Words a reported clause cannot start with.
pub(crate) static BAD_CLAUSE_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "to", "of", "about", "for", "with", "by", "on", "in", "at", "from", "as", "and", "but", "or", "into", "over",
    "after", "before", "up", "out", "off", "down", "back", "away", "so", "nothing", "something", "anything",
    "yes", "no", "goodbye", "hello", "thanks", "sorry", "against", "than", "such", "too", "very", "much", "more",
])
});

/// Objects of "in"/"on" that make a source adjunct ("in a statement").
pub(crate) static ADJUNCT_NOUNS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "statement", "interview", "speech", "letter", "email", "e-mail", "post", "tweet", "briefing", "release",
    "conference", "twitter", "facebook", "television", "radio", "remarks", "address", "report", "call", "message",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "month", "year",
    "morning", "evening", "afternoon", "night", "day", "weekend", "x", "instagram", "telegram", "broadcast",
    "session", "hearing", "meeting", "summit", "visit", "rally", "podcast", "video", "writing", "response",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "time",
])
});

#[cfg(test)]
mod tests {
    use super::{TokenTexts, View, WordSet};
    use dateline_lexicon::speech::speech_cues;

    #[test]
    fn cached_cues_are_the_lexicon_lookup_of_each_token() {
        let d = crate::tests::seg(
            "According to Ann Lee, SAID Mr. Said, who Told reporters: “We are adding, insisting, saying.” \
             He says they'd argued; ACCORDING TO them, she warned and claimed it.",
        );
        let texts = TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        assert!((0..v.len()).filter(|&i| !v.cues_starting(i).is_empty()).count() >= 8);
        for i in 0..v.len() {
            assert_eq!(v.cues_starting(i), speech_cues().starting_with(v.text(i)), "token {i} {:?}", v.text(i));
        }
    }

    #[test]
    fn that_or_to_is_the_plain_case_blind_comparison() {
        let plain = |t: &str| t.eq_ignore_ascii_case("to") || t.eq_ignore_ascii_case("that");
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let two = [a, b];
                if let Ok(t) = std::str::from_utf8(&two) {
                    assert_eq!(super::is_that_or_to(t), plain(t), "{two:?}");
                }
                for w in [[a, b, b'a', b't'], [b't', b'h', a, b], [a, b'h', b'a', b], [b't', a, b, b'T']] {
                    if let Ok(t) = std::str::from_utf8(&w) {
                        assert_eq!(super::is_that_or_to(t), plain(t), "{w:?}");
                    }
                }
            }
        }
        for t in ["", "t", "TO", "To", "tO", "THAT", "tHaT", "thatt", "tha", "toe", "tó", "that’"] {
            assert_eq!(super::is_that_or_to(t), plain(t), "{t}");
        }
    }

    #[test]
    fn listed_tokens_are_the_plain_filters() {
        let d = crate::tests::seg(
            "That said, Lee told THAT to them: “To whom?” he asked. To be sure, according to Tom, thats tot that.\n\nSaid she: “no.”",
        );
        let texts = TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        for a in 0..=v.len() {
            for b in a..=v.len() {
                let cues: Vec<usize> = (a..b).filter(|&i| !v.cues_starting(i).is_empty()).collect();
                assert_eq!(v.cue_tokens_in(a, b), cues, "{a}..{b}");
                let linkers: Vec<usize> = (a..b).filter(|&i| v.is(i, "that") || v.is(i, "to")).collect();
                assert_eq!(v.that_to_tokens_in(a, b), linkers, "{a}..{b}");
                let marks: Vec<usize> = (a..b).filter(|&i| v.is_quote(i)).collect();
                assert_eq!(v.quote_tokens_in(a, b), marks, "{a}..{b}");
            }
        }
        assert!(v.cue_tokens_in(0, v.len()).len() >= 4 && v.that_to_tokens_in(0, v.len()).len() >= 6);
        assert!(v.that_to_tokens_in(5, 2).is_empty() && v.cue_tokens_in(v.len(), 0).is_empty());
    }

    #[test]
    fn word_set_is_the_plain_lower_case_membership() {
        let list: Vec<&'static str> = super::NP_STOPS.slots.iter().copied().filter(|w| !w.is_empty()).chain(["Upper", "e-mail", "x"]).collect();
        let set = WordSet::new(&list);
        let mut probes: Vec<String> = Vec::new();
        for w in &list {
            probes.extend([w.to_string(), w.to_ascii_uppercase(), format!("{w}s"), w[1..].to_string(), format!("@{w}"), format!("`{w}")]);
        }
        probes.extend(["", "Said", "UPPER", "upper", "a-very-long-word-that-is-longer-than-thirty-two-bytes"].map(String::from));
        for p in &probes {
            // the plain definition: some word equals the probe with its ASCII letters lower-cased
            let plain = list.iter().any(|w| *w == p.to_ascii_lowercase());
            assert_eq!(set.contains(p), plain, "{p:?}");
        }
    }

    #[test]
    fn packed_lower_case_is_the_plain_one() {
        let bytes = b"aZ@[`{AbCdEfGh\xff\xc3\x89\x80zZ09'-";
        for a in 0..bytes.len() {
            for b in a..(a + 9).min(bytes.len() + 1) {
                let w = &bytes[a..b];
                let mut padded = [0u8; 8];
                padded[..w.len()].copy_from_slice(w);
                assert_eq!(super::lower8(dateline_lexicon::packed_word(w)), u64::from_le_bytes(padded.map(|c| c.to_ascii_lowercase())), "{w:?}");
            }
        }
        for c in 0..=255u8 {
            let x = u64::from_le_bytes([c; 8]);
            assert_eq!(super::lower8(x), u64::from_le_bytes([c.to_ascii_lowercase(); 8]), "{c}");
        }
    }

    #[test]
    fn word_set_folds_ascii_case_only() {
        let set = WordSet::new(&["said", "n't", "e-mail", "the", "they", "them", "théâtre", "Upper"]);
        for w in ["said", "SAID", "Said", "N'T", "E-Mail", "the", "THEM", "théâtre"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["", "sai", "saids", "thé", "THÉÂTRE", "upper", "Upper", "x"] {
            assert!(!set.contains(w), "{w}");
        }
        let many: Vec<&'static str> = (0..200).map(|i| &*Box::leak(format!("w{i}").into_boxed_str())).collect();
        let set = WordSet::new(&many);
        assert!(many.iter().all(|w| set.contains(w)));
        assert!(!set.contains("w200"));
    }
}
