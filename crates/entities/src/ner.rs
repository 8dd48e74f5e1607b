//! The statistical name tagger: a greedy averaged perceptron over BIO tags
//! (PER, ORG, LOC, MISC), trained by the project on CoNLL-2003
//! (`cargo run --release -p dateline-entities --bin train-ner -- TRAIN models/ner.bin`).
//!
//! Why this design: it is fast (features are hashed straight from the token
//! bytes into a fixed table of 16-bit weights, with no string built per
//! token; lower-case words outside a name are tagged O without scoring; the
//! weights of the features of one word are summed once per word type, see
//! [`word_rows`]), its
//! model is small enough to compile into the binary, and it learns from the
//! lexicons (a token inside a country, demonym, organisation or title is a
//! feature), so the tagger and the gazetteer agree.

use std::borrow::Cow;
use std::sync::LazyLock;

use dateline_doc::{Doc, Sentence, Span, Token, TokenKind};

use crate::gazetteer::{self, Hit, LexMatch};
use dateline_lexicon::geo::{geo, CountryNameRole, RegionKind};
use dateline_lexicon::packed_word;

mod word_rows;
use word_rows::WordRows;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

/// A name the tagger found, on tokens `start_token..end_token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameSpan {
    pub start_token: usize,
    pub end_token: usize,
    pub label: NerLabel,
}

/// BIO classes: O, then B/I for PER, ORG, LOC, MISC.
pub const N_CLASSES: usize = 9;
pub const CLASS_NAMES: [&str; N_CLASSES] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

pub fn class_of(tag: &str) -> usize {
    CLASS_NAMES.iter().position(|c| *c == tag).unwrap_or(0)
}

fn label_of(class: usize) -> Option<NerLabel> {
    match class {
        1 | 2 => Some(NerLabel::Per),
        3 | 4 => Some(NerLabel::Org),
        5 | 6 => Some(NerLabel::Loc),
        7 | 8 => Some(NerLabel::Misc),
        _ => None,
    }
}

/// I-X may only follow B-X or I-X.
fn allowed(prev: usize, class: usize) -> bool {
    class == 0 || class % 2 == 1 || (prev != 0 && prev.div_ceil(2) == class.div_ceil(2))
}

// ---------------------------------------------------------------- features

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(29).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[inline]
fn hash_lower(bytes: &[u8]) -> u64 {
    let mut h = SEED;
    for &b in bytes {
        h = mix(h, b.to_ascii_lowercase() as u64);
    }
    mix(h, bytes.len() as u64)
}

/// The shape class of a byte: 'X' for a capital, 'x' for a small letter,
/// 'd' for a digit, 'u' for a byte of a non-ASCII character, else the byte
/// (a table: words mix classes, so branches on them are mispredicted).
static SHAPE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            b'X'
        } else if c.is_ascii_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c >= 0x80 {
            b'u'
        } else {
            c
        };
        b += 1;
    }
    t
};

/// Word shape with runs collapsed: "Hegseth" → "Xx", "U.S." → "X.X.", "1996" → "d".
fn shape_hash(bytes: &[u8]) -> u64 {
    let mut h = SEED ^ 0x5bd1_e995;
    let mut last = 0u8;
    let mut n = 0;
    for &b in bytes {
        let c = SHAPE_CLASS[b as usize];
        if c != last {
            h = mix(h, c as u64);
            last = c;
            n += 1;
            if n > 6 {
                break;
            }
        }
    }
    h
}

/// Lexicon facts about a token, as bits.
pub mod lexbit {
    pub const COUNTRY_B: u16 = 1;
    pub const COUNTRY_I: u16 = 1 << 1;
    pub const CAPITAL: u16 = 1 << 2;
    pub const DEMONYM: u16 = 1 << 3;
    pub const SEAT: u16 = 1 << 4;
    pub const REGION: u16 = 1 << 5;
    pub const ORG_B: u16 = 1 << 6;
    pub const ORG_I: u16 = 1 << 7;
    pub const TITLE: u16 = 1 << 8;
    pub const ABBREV: u16 = 1 << 9;
    pub const INSTITUTION: u16 = 1 << 10;
    pub const MODIFIER: u16 = 1 << 11;
}

/// Lexicon bits for every token of the document.
pub fn lexicon_bits(n_tokens: usize, lex: &[LexMatch]) -> Vec<u16> {
    let mut bits = vec![0u16; n_tokens];
    for m in lex {
        for h in m.hits() {
            for t in m.start_token..m.end_token.min(n_tokens) {
                let first = t == m.start_token;
                bits[t] |= match *h {
                    Hit::Country { role: CountryNameRole::Name, .. } => {
                        if first {
                            lexbit::COUNTRY_B
                        } else {
                            lexbit::COUNTRY_I
                        }
                    }
                    Hit::Country { role: CountryNameRole::Capital, .. } => lexbit::CAPITAL,
                    Hit::Country { role: CountryNameRole::Demonym, .. } => lexbit::DEMONYM,
                    Hit::Country { role: CountryNameRole::Seat, .. } => lexbit::SEAT,
                    Hit::Region { idx } => {
                        if geo().regions.get(idx as usize).is_some_and(|r| r.kind == RegionKind::People) {
                            lexbit::DEMONYM
                        } else {
                            lexbit::REGION
                        }
                    }
                    Hit::Org { .. } => {
                        if first {
                            lexbit::ORG_B
                        } else {
                            lexbit::ORG_I
                        }
                    }
                    Hit::Title => lexbit::TITLE,
                    Hit::TitleAbbrev => lexbit::ABBREV,
                    Hit::Institution { .. } => lexbit::INSTITUTION,
                    Hit::TitleModifier => lexbit::MODIFIER,
                };
            }
        }
    }
    bits
}

/// A sentence as the tagger sees it: token bytes and lexicon bits.
pub struct SentenceView<'a> {
    pub words: &'a [&'a [u8]],
    pub lex: &'a [u16],
}

/// The lower-case and shape hashes of a position before the sentence and
/// after it (shared by the feature definition and the fast scorer).
const BEFORE: u64 = 0xB05;
const AFTER: u64 = 0xE05;

/// Per-token hashes, computed on first use (most tokens are never scored,
/// nor neighbours of a scored one) and shared by the features of the
/// neighbours.
struct TokenHashes {
    lower: Vec<u64>,
    shape: Vec<u64>,
}

impl TokenHashes {
    fn new(s: &SentenceView) -> TokenHashes {
        TokenHashes { lower: vec![0; s.words.len()], shape: vec![0; s.words.len()] }
    }

    #[inline]
    fn lower(&mut self, s: &SentenceView, j: isize) -> u64 {
        if j < 0 {
            return BEFORE;
        }
        let Some(w) = s.words.get(j as usize) else { return AFTER };
        let slot = &mut self.lower[j as usize];
        if *slot == 0 {
            *slot = hash_lower(w) | 1;
        }
        *slot
    }

    #[inline]
    fn shape(&mut self, s: &SentenceView, j: isize) -> u64 {
        if j < 0 {
            return BEFORE;
        }
        let Some(w) = s.words.get(j as usize) else { return AFTER };
        let slot = &mut self.shape[j as usize];
        if *slot == 0 {
            *slot = shape_hash(w) | 1;
        }
        *slot
    }
}

const MAX_FEATURES: usize = 40;

/// The features of token `i` given the two previous tags (what training
/// learns; tagging sums the same weights through [`word_rows`]).
#[allow(clippy::too_many_arguments)]
#[inline]
fn features(
    s: &SentenceView,
    th: &mut TokenHashes,
    caps_sentence: bool,
    i: usize,
    prev: usize,
    prev2: usize,
    out: &mut [u64; MAX_FEATURES],
) -> usize {
    let n = s.words.len();
    let w = s.words[i];
    let ii = i as isize;
    let lex_at = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            0x000F_FFFF
        } else {
            s.lex[j as usize] as u64
        }
    };
    let lower = th.lower(s, ii);
    let shape = th.shape(s, ii);
    let (lower_p1, lower_n1, lower_p2, lower_n2) = (th.lower(s, ii - 1), th.lower(s, ii + 1), th.lower(s, ii - 2), th.lower(s, ii + 2));
    let (shape_p1, shape_n1) = (th.shape(s, ii - 1), th.shape(s, ii + 1));
    let mut k = 0;
    let mut push = |template: u64, v: u64| {
        out[k] = mix(mix(SEED, template), v);
        k += 1;
    };
    push(1, 0);
    push(2, lower);
    push(3, shape);
    let len = w.len();
    // prefixes of 1 to 3 bytes: `hash_lower(&w[..p])`, each from the one before
    let mut prefix = SEED;
    for p in 1..=3usize {
        if len > p {
            prefix = mix(prefix, w[p - 1].to_ascii_lowercase() as u64);
            push(3 + p as u64, mix(prefix, p as u64));
        }
    }
    for p in 1..=4usize {
        if len > p {
            push(6 + p as u64, hash_lower(&w[len - p..]));
        }
    }
    push(11, lower_p1);
    push(12, lower_n1);
    push(13, lower_p2);
    push(14, lower_n2);
    push(15, shape_p1);
    push(16, shape_n1);
    push(17, mix(mix(shape_p1, shape), shape_n1));
    push(18, mix(lower_p1, lower));
    push(19, mix(lower, lower_n1));
    push(20, mix((i == 0) as u64, shape));
    push(21, mix(caps_sentence as u64, shape));
    push(22, mix(caps_sentence as u64, lower));
    let lx = s.lex[i] as u64;
    push(23, lx);
    push(24, mix(lx, shape));
    push(25, lex_at(ii - 1));
    push(26, lex_at(ii + 1));
    push(27, prev as u64);
    push(28, mix(prev as u64, prev2 as u64));
    push(29, mix(prev as u64, lower));
    push(30, mix(prev as u64, shape));
    push(31, mix(prev as u64, lx));
    push(32, mix(lower_p1, shape_n1));
    k
}

/// Whether a token is surely outside any name: a lower-case word (not
/// between two parts of a name, as "of" in "Bank of England"), a number,
/// or punctuation. Such tokens are tagged O without scoring.
///
/// After a name, only short lower-case words are scored: the words that
/// join the parts of a name ("of", "and", "de", "for", "on") are short,
/// and a longer lower-case word there ("said", "announced") ends the name
/// (scored, the tagger kept fewer than one in fifty inside it, on news).
#[inline(always)]
fn surely_outside(s: &SentenceView, i: usize, prev: usize) -> bool {
    let w = s.words[i];
    let Some(&first) = w.first() else { return true };
    if first.is_ascii_lowercase() {
        if prev != 0 {
            return w.len() > MAX_JOINING_WORD && !is_name_particle(w) && !capitalised_after_hyphen(w) && !capitalised_after_apostrophe(w);
        }
        // lower-case words that begin names: particles ("de Gaulle", "van
        // Gogh") and prefixes of capitalised words ("al-Qaeda", "pro-Russian")
        // (a hyphen after a small letter and before a capital needs three bytes:
        // the short words "of", "to", "a" are not scanned)
        return !(is_name_particle(w) || w.len() > 2 && capitalised_after_hyphen(w));
    }
    if first.is_ascii_digit() {
        return w.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'/' | b':'));
    }
    if prev == 0 && w.len() <= 7 && first.is_ascii_uppercase() && i + 1 < s.words.len() && is_function_word(w) {
        // "The", "But", "IN" at the start of a sentence or in a headline
        return true;
    }
    (first.is_ascii_punctuation() && w.len() == 1 && first != b'&') || w == b"'s"
}

/// [`surely_outside`] as the shipped model was trained: every word after a
/// name is scored and learnt from. The rule that tags a long lower-case
/// word after a name O unscored came after the model, as a rule of the
/// tagger, measured on the gold sets with this model; training without it
/// rebuilds `models/ner.bin` byte for byte. (Trained with it, the model
/// scores CoNLL testa 0.868 but loses 0.01–0.02 entities F1 on the
/// examples.)
fn surely_outside_in_training(s: &SentenceView, i: usize, prev: usize) -> bool {
    let w = s.words[i];
    if prev != 0 && w.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    surely_outside(s, i, prev)
}

/// The longest lower-case word scored after a name, but for the particles
/// of [`is_name_particle`] ("della") and prefixes of capitalised words.
const MAX_JOINING_WORD: usize = 3;

/// A hyphen followed by a capital ("al-Qaeda"); most words have no hyphen:
/// a word of at most eight bytes is tested for one as a whole number,
/// longer words by a plain byte scan.
#[inline(always)]
fn capitalised_after_hyphen(w: &[u8]) -> bool {
    if w.len() <= 8 && !has_byte(packed_word(w), b'-') {
        return false;
    }
    capitalised_after_hyphen_scan(w)
}

/// Whether the eight bytes of `x` hold byte `b` (`b` not 0: zero padding never matches).
#[inline(always)]
fn has_byte(x: u64, b: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let v = x ^ (ONES * b as u64);
    v.wrapping_sub(ONES) & !v & (ONES << 7) != 0
}

fn capitalised_after_hyphen_scan(w: &[u8]) -> bool {
    let mut rest = w;
    while let Some(h) = rest.iter().position(|&b| b == b'-') {
        if rest.get(h + 1).is_some_and(u8::is_ascii_uppercase) {
            return true;
        }
        rest = &rest[h + 1..];
    }
    false
}

/// An apostrophe followed by a capital ("d'Ivoire", "l'Aquila"): a
/// particle joined to the next part of a name.
#[inline]
fn capitalised_after_apostrophe(w: &[u8]) -> bool {
    w.windows(2).any(|p| p[0] == b'\'' && p[1].is_ascii_uppercase())
}

/// Capitalised function words, which do not begin names (compared ignoring case).
const FUNCTION_WORDS: &[&[u8]] = &[
    b"the", b"a", b"an", b"and", b"but", b"or", b"if", b"when", b"while", b"after", b"before", b"as", b"since", b"although", b"though",
    b"because", b"so", b"yet", b"then", b"in", b"on", b"at", b"for", b"with", b"by", b"from", b"of", b"to", b"it", b"he", b"she",
    b"they", b"we", b"i", b"this", b"that", b"these", b"those", b"there", b"here", b"what", b"why", b"how", b"where", b"who", b"all",
    b"some", b"many", b"most", b"no", b"not", b"his", b"her", b"their", b"its", b"our", b"is", b"was", b"are", b"were", b"be", b"has",
    b"have", b"had", b"will", b"would", b"can", b"could", b"should", b"may", b"also", b"still", b"even", b"only", b"now",
];

/// A word of up to 8 bytes, lower-cased, as one number (its bytes in
/// order from the lowest, as [`packed_word`] packs them).
const fn word_key(w: &[u8]) -> Option<u64> {
    if w.len() > 8 {
        return None;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    Some(k)
}

/// Slots of [`FUNCTION_WORD_TABLE`]: a power of two, over six times the
/// words, so that a look-up probes one or two slots.
const FUNCTION_WORD_SLOTS: usize = 512;

const fn function_word_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize & (FUNCTION_WORD_SLOTS - 1)
}

/// The [`word_key`]s of [`FUNCTION_WORDS`] in an open-addressed table
/// built by the compiler (0: an empty slot; no word's key is 0).
static FUNCTION_WORD_TABLE: [u64; FUNCTION_WORD_SLOTS] = {
    let mut table = [0u64; FUNCTION_WORD_SLOTS];
    let mut i = 0;
    while i < FUNCTION_WORDS.len() {
        let Some(key) = word_key(FUNCTION_WORDS[i]) else { panic!("a function word longer than 8 bytes") };
        assert!(key != 0);
        let mut slot = function_word_slot(key);
        while table[slot] != 0 && table[slot] != key {
            slot = (slot + 1) & (FUNCTION_WORD_SLOTS - 1);
        }
        table[slot] = key;
        i += 1;
    }
    table
};

/// Compared as [`word_key`]s, computed here with the bit 0x20 set in every
/// byte of the word: the same key for the ASCII letters, and a byte that
/// is not a letter never becomes one (a byte with the bit set is a small
/// letter only if it was a letter), so a word matches a function word,
/// all letters, exactly when [`word_key`] would.
#[inline(always)]
fn is_function_word(w: &[u8]) -> bool {
    let n = w.len();
    if n == 0 || n > 8 {
        return false;
    }
    let key = packed_word(w) | (0x2020_2020_2020_2020u64 >> (8 * (8 - n)));
    let mut slot = function_word_slot(key);
    loop {
        match FUNCTION_WORD_TABLE[slot] {
            0 => return false,
            k if k == key => return true,
            _ => slot = (slot + 1) & (FUNCTION_WORD_SLOTS - 1),
        }
    }
}

/// Lower-case words that begin personal or place names (a `match`, which
/// compiles to a switch on length and bytes: this runs for every lower-case
/// word, inlined, after a test of the length that passes over most words).
#[inline(always)]
fn is_name_particle(w: &[u8]) -> bool {
    w.len() <= LONGEST_NAME_PARTICLE && name_particle_match(w)
}

/// The bytes of the longest word [`name_particle_match`] takes ("della").
const LONGEST_NAME_PARTICLE: usize = 5;

#[inline(always)]
fn name_particle_match(w: &[u8]) -> bool {
    matches!(
        w,
        b"de" | b"da" | b"di" | b"du" | b"del" | b"della" | b"der" | b"den" | b"van" | b"von" | b"la" | b"le" | b"el" | b"al" | b"bin"
            | b"ibn" | b"ben" | b"dos" | b"das" | b"do" | b"ter" | b"ten" | b"zu" | b"mc" | b"st" | b"e"
    )
}

fn sentence_in_caps(s: &SentenceView) -> bool {
    let mut upper = 0;
    for w in s.words {
        for &b in *w {
            if b.is_ascii_lowercase() {
                return false;
            }
            upper += b.is_ascii_uppercase() as usize;
        }
    }
    upper > 2
}

// ------------------------------------------------------------------- model

/// The weights: `buckets × N_CLASSES` 16-bit values and their scale.
pub struct Model {
    mask: u64,
    /// One row of `N_CLASSES` weights per bucket: for the built-in model,
    /// the file's bytes compiled into the binary, read where they lie (see
    /// [`Model::from_static_bytes`]).
    weights: Cow<'static, [[i16; N_CLASSES]]>,
}

const MAGIC: &[u8; 8] = b"DLNER01\0";

/// Errors reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a dateline NER model (bad magic)")]
    Magic,
    #[error("model file truncated or inconsistent")]
    Size,
}

impl Model {
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mask = Model::check_header(b)?;
        let weights = b[16..].chunks_exact(2 * N_CLASSES).map(|r| std::array::from_fn(|c| i16::from_le_bytes([r[2 * c], r[2 * c + 1]]))).collect();
        Ok(Model { mask, weights: Cow::Owned(weights) })
    }

    /// [`Model::from_bytes`] for bytes that live as long as the program
    /// (the model compiled in): on a little-endian machine, where the
    /// file's rows are already `[i16; N_CLASSES]` in memory, the table is
    /// read in place rather than copied (a copy cost 2.6 M instructions at
    /// start-up and 4.7 MB of memory).
    pub fn from_static_bytes(b: &'static [u8]) -> Result<Model, ModelError> {
        type R = [i16; N_CLASSES];
        let rows = b.get(16..).unwrap_or_default();
        let in_place = cfg!(target_endian = "little") && (rows.as_ptr() as usize).is_multiple_of(std::mem::align_of::<R>());
        let mask = Model::check_header(b)?;
        if !in_place {
            return Model::from_bytes(b);
        }
        // SAFETY: `check_header` checked that `rows` holds exactly `buckets`
        // rows of `N_CLASSES` two-byte values; the pointer is aligned for
        // `R` (tested above); every bit pattern is a valid `i16`, and on a
        // little-endian machine the in-memory value of each is the file's
        // `i16::from_le_bytes`; the bytes are never written (`'static` shared).
        let weights: &'static [R] = unsafe { std::slice::from_raw_parts(rows.as_ptr().cast::<R>(), rows.len() / std::mem::size_of::<R>()) };
        Ok(Model { mask, weights: Cow::Borrowed(weights) })
    }

    /// Checks the header and size of a model file; returns the bucket mask.
    fn check_header(b: &[u8]) -> Result<u64, ModelError> {
        if b.len() < 16 || &b[..8] != MAGIC {
            return Err(ModelError::Magic);
        }
        let buckets = u32::from_le_bytes([b[8], b[9], b[10], b[11]]) as usize;
        let classes = u32::from_le_bytes([b[12], b[13], b[14], b[15]]) as usize;
        if classes != N_CLASSES || !buckets.is_power_of_two() || b.len() != 16 + buckets * N_CLASSES * 2 {
            return Err(ModelError::Size);
        }
        Ok(buckets as u64 - 1)
    }

    /// Quantises float weights to 16 bits.
    pub fn from_floats(w: &[f32], buckets: usize) -> Model {
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = 32000.0 / max;
        let weights = w.chunks_exact(N_CLASSES).map(|r| std::array::from_fn(|c| (r[c] * scale).round() as i16)).collect();
        Model { mask: buckets as u64 - 1, weights: Cow::Owned(weights) }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.weights.len() * N_CLASSES * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&((self.mask + 1) as u32).to_le_bytes());
        out.extend_from_slice(&(N_CLASSES as u32).to_le_bytes());
        for w in self.weights.iter().flatten() {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    #[cfg(test)]
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [i32; N_CLASSES]) {
        *scores = [0; N_CLASSES];
        for &f in feats {
            let row = &self.weights[(f & self.mask) as usize];
            for c in 0..N_CLASSES {
                scores[c] += row[c] as i32;
            }
        }
    }

    /// Tags one sentence; returns a class per token.
    pub fn tag(&self, s: &SentenceView, out: &mut Vec<usize>) {
        self.tag_with(s, &mut WordRows::new(), out);
    }

    /// [`Model::tag`] with the word rows of the caller; returns whether a
    /// token was tagged as part of a name.
    fn tag_with(&self, s: &SentenceView, rows: &mut WordRows, out: &mut Vec<usize>) -> bool {
        let n = s.words.len();
        // every unit O to begin with: only the scored ones are written
        out.clear();
        out.resize(n, 0);
        let mut named = false;
        // whether the sentence is in capitals, and the rows prepared, once
        // the first unit is scored (most sentences: never)
        let mut caps = None;
        let (mut prev, mut prev2) = (0, 0);
        let mut i = 0;
        while i < n {
            if prev == 0 {
                // the run of units surely O after an O (most of the text)
                let from = i;
                while i < n && surely_outside(s, i, 0) {
                    i += 1;
                }
                if i == n {
                    break;
                }
                if i > from {
                    prev2 = 0;
                }
            } else if surely_outside(s, i, prev) {
                prev2 = prev;
                prev = 0;
                i += 1;
                continue;
            }
            let caps = *caps.get_or_insert_with(|| {
                rows.start_sentence(self, s);
                sentence_in_caps(s)
            });
            let scores = rows.score(self, s, caps, i, prev, prev2);
            let class = best_allowed(&scores, prev);
            out[i] = class;
            named |= class != 0;
            prev2 = prev;
            prev = class;
            i += 1;
        }
        named
    }

    /// [`Model::tag`] by hashing every feature of every scored token: the
    /// definition the word rows must agree with.
    #[cfg(test)]
    fn tag_by_features(&self, s: &SentenceView, out: &mut Vec<usize>) {
        out.clear();
        let mut th = TokenHashes::new(s);
        let caps = sentence_in_caps(s);
        let mut feats = [0u64; MAX_FEATURES];
        let mut scores = [0i32; N_CLASSES];
        let (mut prev, mut prev2) = (0, 0);
        for i in 0..s.words.len() {
            let class = if surely_outside(s, i, prev) {
                0
            } else {
                let k = features(s, &mut th, caps, i, prev, prev2, &mut feats);
                self.score(&feats[..k], &mut scores);
                best_allowed(&scores, prev)
            };
            out.push(class);
            prev2 = prev;
            prev = class;
        }
    }
}

fn best_allowed<T: PartialOrd + Copy>(scores: &[T; N_CLASSES], prev: usize) -> usize {
    let mut best = 0;
    for c in 1..N_CLASSES {
        if allowed(prev, c) && scores[c] > scores[best] {
            best = c;
        }
    }
    best
}

/// Bytes aligned to 16 (the rows of the model are read in place as `i16`s).
#[repr(C, align(16))]
struct Aligned<T: ?Sized>(T);

static MODEL_FILE: &Aligned<[u8]> = &Aligned(*include_bytes!("../../../models/ner.bin"));

static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_static_bytes(&MODEL_FILE.0).ok());

/// The built-in model, when one was trained into the binary.
pub fn model() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// Turns a class sequence into spans.
pub fn spans(classes: &[usize], offset: usize, out: &mut Vec<NameSpan>) {
    let mut i = 0;
    while i < classes.len() {
        // most units are O: jump to the next one that is not
        let Some(k) = classes[i..].iter().position(|&c| c != 0) else { break };
        i += k;
        let c = classes[i];
        let Some(label) = label_of(c) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < classes.len() && classes[j] != 0 && classes[j].is_multiple_of(2) && label_of(classes[j]) == Some(label) {
            j += 1;
        }
        out.push(NameSpan { start_token: offset + i, end_token: offset + j, label });
        i = j;
    }
}

/// Tags every sentence of the document.
///
/// The tagger reads words as CoNLL wrote them: an initial and its dot
/// ("T." in "T. Moody"), which the segmenter splits in two, are one word.
pub fn tag_doc(doc: &Doc, lex: &[LexMatch]) -> Vec<NameSpan> {
    let Some(model) = model() else { return Vec::new() };
    let bits = lexicon_bits(doc.tokens.len(), lex);
    word_rows::with_thread_cache(|rows| tag_sentences(doc, model, &bits, rows))
}

/// [`tag_doc`] with the lexicon bits of every token and this thread's word rows.
fn tag_sentences(doc: &Doc, model: &Model, bits: &[u16], rows: &mut WordRows) -> Vec<NameSpan> {
    let norm = doc.norm.as_str().as_bytes();
    // per sentence, reused: units (byte slices; where an initial joins its
    // dot, also first tokens and lexicon bits)
    // sized once for the longest sentence: growing them costs more than the tagging of short reports
    let longest = doc.sentences.iter().map(|s| s.tokens.len()).max().unwrap_or(0);
    let mut words: Vec<&[u8]> = Vec::with_capacity(longest);
    let mut unit_start: Vec<usize> = Vec::new();
    let mut unit_bits: Vec<u16> = Vec::new();
    let mut out = Vec::with_capacity(doc.tokens.len() / 8);
    let mut classes = Vec::with_capacity(longest);
    let mut unit_spans = Vec::with_capacity(8);
    for s in &doc.sentences {
        words.clear();
        let end = s.tokens.end.min(doc.tokens.len());
        let start = s.tokens.start.min(end);
        let toks = &doc.tokens[start..end];
        // an initial and the dot after it ("T." in "T. Moody")
        let joins_dot = |k: usize| {
            let t = &toks[k];
            t.norm_end == t.norm_start + 1
                && norm[t.norm_start as usize].is_ascii_uppercase()
                && toks.get(k + 1).is_some_and(|d| !d.space_before && &norm[d.norm_start as usize..d.norm_end as usize] == b".")
        };
        // most sentences join nothing: their units are their tokens
        // (found first, so that the words of the others are copied in one pass)
        let joined = (0..toks.len()).any(joins_dot);
        if !joined {
            words.extend(toks.iter().map(|t| &norm[t.norm_start as usize..t.norm_end as usize]));
        } else {
            let mut k = 0;
            while k < toks.len() {
                let t = &toks[k];
                if joins_dot(k) {
                    words.push(&norm[t.norm_start as usize..toks[k + 1].norm_end as usize]);
                    k += 2;
                } else {
                    words.push(&norm[t.norm_start as usize..t.norm_end as usize]);
                    k += 1;
                }
            }
        }
        // units are the tokens, unless an initial joined its dot
        let lex: &[u16] = if joined {
            unit_start.clear();
            unit_bits.clear();
            let mut k = 0;
            while k < toks.len() {
                unit_start.push(start + k);
                unit_bits.push(bits[start + k]);
                k += if joins_dot(k) { 2 } else { 1 };
            }
            &unit_bits
        } else {
            &bits[start..end]
        };
        let view = SentenceView { words: &words, lex };
        if !model.tag_with(&view, rows, &mut classes) {
            // all O: no spans (most sentences name nothing the tagger finds)
            continue;
        }
        unit_spans.clear();
        spans(&classes, 0, &mut unit_spans);
        for u in &unit_spans {
            if !joined {
                out.push(NameSpan { start_token: start + u.start_token, end_token: start + u.end_token, label: u.label });
                continue;
            }
            // back from units to tokens: a unit ends where the next one starts
            let end_token = if u.end_token < words.len() { unit_start[u.end_token] } else { last_token_of_unit(doc, unit_start[u.end_token - 1], norm) };
            out.push(NameSpan { start_token: unit_start[u.start_token], end_token, label: u.label });
        }
    }
    out
}

/// The end (exclusive) of the unit starting at token `i`, the last of its sentence.
fn last_token_of_unit(doc: &Doc, i: usize, norm: &[u8]) -> usize {
    let t = &doc.tokens[i];
    let w = &norm[t.norm_start as usize..t.norm_end as usize];
    let joined = w.len() == 1
        && w[0].is_ascii_uppercase()
        && doc.tokens.get(i + 1).is_some_and(|d| !d.space_before && &norm[d.norm_start as usize..d.norm_end as usize] == b".");
    if joined {
        i + 2
    } else {
        i + 1
    }
}

// ---------------------------------------------------------------- training

/// One training sentence: tokens and gold classes.
pub struct TrainSentence {
    pub words: Vec<String>,
    pub classes: Vec<usize>,
    pub lex: Vec<u16>,
}

/// Reads CoNLL-2003 columns (token … tag), sentences split by blank lines.
pub fn read_conll(text: &str) -> Vec<TrainSentence> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut classes = Vec::new();
    let mut flush = |words: &mut Vec<String>, classes: &mut Vec<usize>| {
        if !words.is_empty() {
            let lex = lexicon_bits_of_words(words);
            out.push(TrainSentence { words: std::mem::take(words), classes: std::mem::take(classes), lex });
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            flush(&mut words, &mut classes);
            continue;
        }
        let mut cols = line.split(' ');
        let (Some(w), Some(tag)) = (cols.next(), line.rsplit(' ').next()) else { continue };
        words.push(w.to_string());
        classes.push(class_of(tag));
    }
    flush(&mut words, &mut classes);
    out
}

/// Lexicon bits for a sentence given as words, by building a small document
/// whose tokens are exactly those words.
pub fn lexicon_bits_of_words(words: &[String]) -> Vec<u16> {
    let text = words.join(" ");
    let mut doc = Doc::new(text, Default::default());
    if doc.norm.as_str().len() != doc.text.len() {
        return vec![0; words.len()];
    }
    let mut pos = 0;
    for w in words {
        let end = pos + w.len();
        let Ok(span) = Span::new(&doc.text, pos, end) else { return vec![0; words.len()] };
        let kind = if w.chars().next().is_some_and(char::is_alphanumeric) { TokenKind::Word } else { TokenKind::Punct };
        doc.tokens.push(Token { span, norm_start: pos as u32, norm_end: end as u32, kind, space_before: true });
        pos = end + 1;
    }
    if let Ok(span) = Span::new(&doc.text, 0, doc.text.len()) {
        doc.sentences.push(Sentence { span, tokens: 0..words.len(), paragraph: 0 });
    }
    let lex = gazetteer::find(&doc);
    lexicon_bits(words.len(), &lex)
}

/// Averaged-perceptron training.
pub fn train(data: &[TrainSentence], buckets: usize, epochs: usize, mut log: impl FnMut(usize, f64)) -> Model {
    let mask = buckets as u64 - 1;
    let mut w = vec![0f32; buckets * N_CLASSES];
    let mut u = vec![0f32; buckets * N_CLASSES];
    let mut t: f32 = 1.0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut feats = [0u64; MAX_FEATURES];
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &data[si];
            let wb: Vec<&[u8]> = s.words.iter().map(|x| x.as_bytes()).collect();
            let view = SentenceView { words: &wb, lex: &s.lex };
            let mut th = TokenHashes::new(&view);
            let caps = sentence_in_caps(&view);
            let (mut prev, mut prev2) = (0, 0);
            for i in 0..wb.len() {
                let gold = s.classes[i];
                let pred = if surely_outside_in_training(&view, i, prev) {
                    0
                } else {
                    let k = features(&view, &mut th, caps, i, prev, prev2, &mut feats);
                    let mut scores = [0f32; N_CLASSES];
                    for &f in &feats[..k] {
                        let base = ((f & mask) as usize) * N_CLASSES;
                        for c in 0..N_CLASSES {
                            scores[c] += w[base + c];
                        }
                    }
                    let pred = best_allowed(&scores, prev);
                    if pred != gold {
                        for &f in &feats[..k] {
                            let base = ((f & mask) as usize) * N_CLASSES;
                            w[base + gold] += 1.0;
                            u[base + gold] += t;
                            w[base + pred] -= 1.0;
                            u[base + pred] -= t;
                        }
                    }
                    t += 1.0;
                    pred
                };
                correct += (pred == gold) as usize;
                total += 1;
                prev2 = prev;
                prev = pred;
            }
        }
        log(epoch, correct as f64 / total.max(1) as f64);
    }
    let avg: Vec<f32> = w.iter().zip(&u).map(|(w, u)| w - u / t).collect();
    Model::from_floats(&avg, buckets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_from_classes() {
        let mut out = Vec::new();
        spans(&[0, 1, 2, 0, 5, 3, 4, 4], 10, &mut out);
        assert_eq!(
            out,
            vec![
                NameSpan { start_token: 11, end_token: 13, label: NerLabel::Per },
                NameSpan { start_token: 14, end_token: 15, label: NerLabel::Loc },
                NameSpan { start_token: 15, end_token: 18, label: NerLabel::Org },
            ]
        );
    }

    #[test]
    fn prefix_hashes_as_whole_word_hashes() {
        let words: Vec<&[u8]> = vec![b"Hegseth", b"U.S."];
        let view = SentenceView { words: &words, lex: &[0, 0] };
        let mut out = [0u64; MAX_FEATURES];
        let k = features(&view, &mut TokenHashes::new(&view), false, 0, 0, 0, &mut out);
        for p in 1..=3u64 {
            let expected = mix(mix(SEED, 3 + p), hash_lower(&b"Hegseth"[..p as usize]));
            assert!(out[..k].contains(&expected), "prefix of {p}");
        }
    }

    /// A model whose weights are pseudo-random, on few buckets (so features
    /// collide, as they do in the real table).
    fn noisy_model(buckets: usize) -> Model {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let w: Vec<f32> = (0..buckets * N_CLASSES)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 2001) as f32 - 1000.0
            })
            .collect();
        Model::from_floats(&w, buckets)
    }

    const VARIED_WORDS: &[&str] = &[
        "The", "the", "THE", "Hegseth", "U.S.", "U.S", "1996", "12,000", "al-Qaeda", "pro-Russian", "de", "Gaulle", ",", ".", "'s", "&",
        "Bank", "of", "England", "said", "Kyiv", "Zelenskiy", "T.", "ÉLYSÉE", "Élysée", "x", "A", "NATO", "Nato", "nato", "well-known",
        "(", "\"", "Mr", "Mrs.", "van", "Gogh", "IN", "But", "e", "McDonald's", "2026-05-18", "",
    ];

    /// Sentences over [`VARIED_WORDS`] with lexicon bits, some empty.
    fn varied_sentences() -> Vec<(Vec<&'static [u8]>, Vec<u16>)> {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        (0..60)
            .map(|k| {
                let len = 1 + (k % 9) as usize + next(4) as usize;
                let words: Vec<&[u8]> = (0..len).map(|_| VARIED_WORDS[next(VARIED_WORDS.len() as u64) as usize].as_bytes()).collect();
                let lex: Vec<u16> = (0..len).map(|_| if next(3) == 0 { 1 << next(12) | next(2) as u16 } else { 0 }).collect();
                (words, lex)
            })
            .collect()
    }

    #[test]
    fn word_rows_sum_exactly_the_features() {
        let noisy = noisy_model(1 << 10);
        let models: Vec<&Model> = [Some(&noisy), model()].into_iter().flatten().collect();
        let sentences = varied_sentences();
        let mut feats = [0u64; MAX_FEATURES];
        for m in models {
            let mut rows = WordRows::new();
            for (words, lex) in &sentences {
                let view = SentenceView { words, lex };
                let mut th = TokenHashes::new(&view);
                rows.start_sentence(m, &view);
                for caps in [false, true] {
                    for i in 0..words.len() {
                        for prev in 0..N_CLASSES {
                            for prev2 in 0..N_CLASSES {
                                let k = features(&view, &mut th, caps, i, prev, prev2, &mut feats);
                                let mut expected = [0i32; N_CLASSES];
                                m.score(&feats[..k], &mut expected);
                                assert_eq!(rows.score(m, &view, caps, i, prev, prev2), expected, "{words:?} {i} {prev} {prev2} {caps}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn word_rows_scored_out_of_order_sum_the_features() {
        // the per-sentence hash memos must not depend on the order the
        // tagger visits units: skipping, going back and repeating one must
        // all still give the plain sums
        let m = noisy_model(1 << 10);
        let mut feats = [0u64; MAX_FEATURES];
        let mut rows = WordRows::new();
        for (words, lex) in &varied_sentences() {
            let view = SentenceView { words, lex };
            let mut th = TokenHashes::new(&view);
            rows.start_sentence(&m, &view);
            let n = words.len();
            let order = (0..n).rev().chain((0..n).step_by(2)).chain((0..n).flat_map(|i| [i, i]));
            for (k, i) in order.enumerate() {
                let (prev, prev2) = (k % N_CLASSES, (k / 3) % N_CLASSES);
                let f = features(&view, &mut th, false, i, prev, prev2, &mut feats);
                let mut expected = [0i32; N_CLASSES];
                m.score(&feats[..f], &mut expected);
                assert_eq!(rows.score(&m, &view, false, i, prev, prev2), expected, "{words:?} {i}");
            }
        }
    }

    #[test]
    fn tagging_through_a_full_cache_matches_the_features() {
        let m = noisy_model(1 << 10);
        let mut rows = WordRows::new();
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let mut tagged = 0;
        // more word types than the cache keeps, so it empties mid-way
        let sentences = word_rows::MAX_WORDS / 8 + 600;
        for k in 0..sentences {
            let words: Vec<String> = (0..8).map(|j| format!("W{}x{}", k * 8 + j, k % 7)).collect();
            let words: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
            let lex = vec![(k % 3) as u16; words.len()];
            let view = SentenceView { words: &words, lex: &lex };
            m.tag_with(&view, &mut rows, &mut fast);
            m.tag_by_features(&view, &mut slow);
            assert_eq!(fast, slow, "sentence {k}");
            tagged += fast.iter().filter(|&&c| c != 0).count();
        }
        assert!(rows.misses() > word_rows::MAX_WORDS, "the cache saw every word");
        assert!(tagged > 0, "the noisy model tags something");
    }

    #[test]
    fn a_sentence_longer_than_the_cache_is_tagged_as_by_features() {
        // every unit of a sentence keeps its entry while the sentence is
        // tagged: the cache grows for it rather than empty mid-sentence
        let m = noisy_model(1 << 10);
        let mut rows = WordRows::new();
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let words: Vec<String> = (0..word_rows::MAX_WORDS + 300).map(|j| format!("Q{j}")).collect();
        let words: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        let lex = vec![0u16; words.len()];
        let view = SentenceView { words: &words, lex: &lex };
        for _ in 0..2 {
            m.tag_with(&view, &mut rows, &mut fast);
            m.tag_by_features(&view, &mut slow);
            assert_eq!(fast, slow);
        }
    }

    #[test]
    fn built_in_model_tags_varied_sentences_as_by_features() {
        let Some(m) = model() else { return };
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for (words, lex) in varied_sentences() {
            let view = SentenceView { words: &words, lex: &lex };
            m.tag(&view, &mut fast);
            m.tag_by_features(&view, &mut slow);
            assert_eq!(fast, slow, "{words:?}");
        }
    }

    #[test]
    fn short_lower_case_words_need_no_hyphen_scan() {
        // the lower-case branch of `surely_outside` with every word scanned
        let plain = |w: &[u8], prev: usize| {
            let joins = is_name_particle(w) || capitalised_after_hyphen(w);
            if prev == 0 {
                !joins
            } else {
                w.len() > MAX_JOINING_WORD && !joins && !w.iter().zip(&w[1..]).any(|(&a, b)| a == b'\'' && b.is_ascii_uppercase())
            }
        };
        let mut words: Vec<Vec<u8>> = VARIED_WORDS.iter().map(|w| w.as_bytes().to_vec()).collect();
        words.extend([&b"a-B"[..], b"x-Y", b"x-", b"xY", b"ab", b"a", b"z-Zz", b"al-", b"of", b"e-Mail", b"d'Ivoire", b"isn't", b"said", b"l'a"].map(<[u8]>::to_vec));
        let lower: Vec<&[u8]> = words.iter().map(Vec::as_slice).filter(|w| w.first().is_some_and(u8::is_ascii_lowercase)).collect();
        assert!(lower.iter().any(|w| capitalised_after_hyphen(w)) && lower.iter().any(|w| w.len() <= 2));
        for w in lower {
            let view = SentenceView { words: &[w, b"x"], lex: &[0, 0] };
            for prev in [0, 1, 2] {
                assert_eq!(surely_outside(&view, 0, prev), plain(w, prev), "{:?} {prev}", String::from_utf8_lossy(w));
            }
        }
    }

    #[test]
    fn name_particles_found_as_listed_whatever_their_length() {
        const PARTICLES: &[&str] = &[
            "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "el", "al", "bin", "ibn", "ben", "dos", "das", "do",
            "ter", "ten", "zu", "mc", "st", "e",
        ];
        assert!(PARTICLES.iter().all(|p| p.len() <= LONGEST_NAME_PARTICLE));
        let mut words: Vec<String> = PARTICLES.iter().map(|p| p.to_string()).collect();
        words.extend(PARTICLES.iter().flat_map(|p| [format!("{p}s"), format!("{p}llaaa"), p.to_uppercase(), p[1..].to_string()]));
        words.extend(VARIED_WORDS.iter().map(|w| w.to_string()));
        for w in &words {
            assert_eq!(is_name_particle(w.as_bytes()), PARTICLES.contains(&w.as_str()), "{w:?}");
            assert_eq!(is_name_particle(w.as_bytes()), name_particle_match(w.as_bytes()), "{w:?}");
        }
    }

    #[test]
    fn function_words_found_as_in_a_sorted_list() {
        let mut keys: Vec<u64> = FUNCTION_WORDS.iter().filter_map(|w| word_key(w)).collect();
        keys.sort_unstable();
        let plain = |w: &[u8]| word_key(w).is_some_and(|k| keys.binary_search(&k).is_ok());
        let mut words: Vec<Vec<u8>> = FUNCTION_WORDS.iter().map(|w| w.to_vec()).collect();
        words.extend(FUNCTION_WORDS.iter().map(|w| w.to_ascii_uppercase()));
        words.extend(FUNCTION_WORDS.iter().map(|w| [*w, &b"s"[..]].concat()));
        words.extend(VARIED_WORDS.iter().map(|w| w.as_bytes().to_vec()));
        words.extend([&b""[..], b"\0", b"\0a", b"Although", b"ALTHOUGHT", "Thé".as_bytes()].map(<[u8]>::to_vec));
        let mut found = 0;
        for w in &words {
            assert_eq!(is_function_word(w), plain(w), "{:?}", String::from_utf8_lossy(w));
            found += plain(w) as usize;
        }
        assert!(found >= 2 * FUNCTION_WORDS.len());
    }

    #[test]
    fn shape_classes_of_every_byte() {
        for b in 0..=255u8 {
            let expected = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                0x80..=0xFF => b'u',
                _ => b,
            };
            assert_eq!(SHAPE_CLASS[b as usize], expected, "byte {b}");
        }
    }

    #[test]
    fn bytes_found_in_packed_words() {
        let bytes = b"ab-C-d\xad\x2c\x2e-zz\x01\xff-";
        for a in 0..bytes.len() {
            for b in a..(a + 9).min(bytes.len() + 1) {
                let w = &bytes[a..b];
                for c in [b'-', 0x2c, 0xad, 0x01, 0xff, b'a'] {
                    assert_eq!(has_byte(packed_word(w), c), w.contains(&c), "{w:?} {c}");
                }
            }
        }
        let long = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let mut words: Vec<Vec<u8>> = [&b"al-Qaeda"[..], b"a-B", b"ab-", b"-", b"abcdefg-", b"abcdefgh-X", b"well-known-Xy"].map(<[u8]>::to_vec).to_vec();
        for n in 0..long.len() {
            for h in 0..n {
                let mut w = long[..n].to_vec();
                w[h] = b'-';
                words.push(w);
            }
            words.push(long[..n].to_vec());
        }
        for w in &words {
            let w = &w[..];
            assert_eq!(capitalised_after_hyphen(w), capitalised_after_hyphen_scan(w), "{w:?}");
        }
    }

    #[test]
    fn hyphen_then_capital() {
        for (w, expected) in [(&b"al-Qaeda"[..], true), (b"pro-Russian", true), (b"well-known", false), (b"-", false), (b"a-", false), (b"x-y-Z", true), (b"", false)] {
            assert_eq!(capitalised_after_hyphen(w), expected, "{:?}", std::str::from_utf8(w));
            assert_eq!(capitalised_after_hyphen(w), w.windows(2).any(|p| p[0] == b'-' && p[1].is_ascii_uppercase()));
        }
    }

    #[test]
    fn transitions() {
        assert!(allowed(1, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(3, 2));
        assert!(allowed(4, 4));
    }

    #[test]
    fn built_in_model_read_in_place_as_copied() {
        let Some(m) = model() else { return };
        assert!(matches!(m.weights, Cow::Borrowed(_)) || cfg!(target_endian = "big"));
        let copied = Model::from_bytes(&MODEL_FILE.0).expect("the built-in model reads");
        assert_eq!(copied.mask, m.mask);
        assert_eq!(copied.weights, m.weights);
        // a file of the wrong size is refused in place too
        let short: &'static [u8] = MODEL_FILE.0.split_at(MODEL_FILE.0.len() - 2).0;
        assert!(Model::from_static_bytes(short).is_err());
        assert!(Model::from_static_bytes(b"").is_err());
    }

    #[test]
    fn model_bytes_round_trip_and_bad_files_are_refused() {
        let m = Model::from_floats(&[0.5f32; 4 * N_CLASSES], 4);
        let b = m.to_bytes();
        let m2 = Model::from_bytes(&b).expect("round trip");
        assert_eq!(m2.weights, m.weights);
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
    }

    #[test]
    fn training_learns_a_toy_pattern() {
        let mk = |ws: &[&str], cs: &[usize]| TrainSentence {
            words: ws.iter().map(|s| s.to_string()).collect(),
            classes: cs.to_vec(),
            lex: vec![0; ws.len()],
        };
        let data = vec![
            mk(&["Mr", "Smith", "said", "so"], &[0, 1, 0, 0]),
            mk(&["Mr", "Jones", "said", "so"], &[0, 1, 0, 0]),
            mk(&["Acme", "Corp", "said", "so"], &[3, 4, 0, 0]),
            mk(&["Zeta", "Corp", "said", "so"], &[3, 4, 0, 0]),
            // lower-case words after a name are not scored (not learnt
            // from): the title is learnt from sentences of its own
            mk(&["Mr", "Green", "said", "so"], &[0, 1, 0, 0]),
            mk(&["Mr", "White", "spoke"], &[0, 1, 0]),
        ];
        let m = train(&data, 1 << 12, 10, |_, _| {});
        let words: Vec<&[u8]> = ["Mr", "Brown", "said", "so"].iter().map(|s| s.as_bytes()).collect();
        let mut out = Vec::new();
        m.tag(&SentenceView { words: &words, lex: &[0; 4] }, &mut out);
        assert_eq!(out, vec![0, 1, 0, 0]);
    }
}
