//! One trie over every name the lexicons know (countries and their
//! capitals, demonyms and seats of power; regions; organisations; kinds of
//! national institution; titles), searched at each word start of the
//! normalised text (see [`trie`]).
//!
//! Matching is ASCII-case-insensitive so that headlines in capitals
//! ("NO U.S. TROOPS IN UKRAINE") are found, and each hit is then checked
//! against the case the lexicon writes it in: "US" must not match the pronoun
//! "us", "WHO" must not match "who".

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use dateline_doc::{Doc, TokenKind};
use dateline_lexicon::geo::{country_forms, geo, CountryNameRole};
use dateline_lexicon::orgs::orgs;
use dateline_lexicon::titles::titles;
use dateline_lexicon::{packed_word, WordHasher};

mod trie;
use trie::FormTrie;

/// What a lexicon entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A form of `geo().countries[idx]`.
    Country { idx: u16, role: CountryNameRole },
    /// `geo().regions[idx]`.
    Region { idx: u16 },
    /// `orgs().orgs[idx]`.
    Org { idx: u16 },
    /// `orgs().institutions[idx]` ("foreign ministry").
    Institution { idx: u16 },
    /// A title phrase ("defense secretary", "president").
    Title,
    /// A title modifier ("deputy", "acting").
    TitleModifier,
    /// An abbreviated title before a name ("Lt. Gen.").
    TitleAbbrev,
}

impl Hit {
    /// Names of things (as opposed to titles and institution words), which
    /// must be written with the lexicon's capitals.
    pub fn is_name(self) -> bool {
        matches!(self, Hit::Country { .. } | Hit::Region { .. } | Hit::Org { .. } | Hit::TitleAbbrev)
    }
}

/// The written forms sharing one lower-case spelling, each with its hits.
type Forms = Vec<(String, Vec<Hit>)>;

pub struct Gazetteer {
    /// The lower-cased forms, one pattern per spelling.
    forms: FormTrie,
    /// Hashes of the first words of forms written in lower case ("foreign
    /// minister", "deputy"): a lower-case token that is none of them starts
    /// no match, and the trie is not searched there.
    lower_first_words: HashSet<u64, BuildHasherDefault<WordHasher>>,
    /// The outlines ([`word_outline`]) of those words, which reject most
    /// lower-case words without hashing them.
    lower_first_outlines: Bitmap16,
    /// Per small letter, the lengths (bit `len.min(63)`) of those words
    /// beginning with it: a word of another length is none of them, told
    /// before its outline is worked out.
    lower_first_lengths: [u64; 26],
    /// Every prefix of every lower-cased form, by [`word_hash`]: a token
    /// (without a hyphen) that is no form's prefix ends inside no form, so
    /// no match that starts with it can end on a token boundary, and the
    /// trie is not searched there (most capitalised words are no name the
    /// lexicons know).
    form_prefixes: PrefixBits,
    /// Per pattern (a lower-cased form): the forms written with that spelling
    /// ("Mercosur", "MERCOSUR") and what each may be (several when a form is
    /// shared, e.g. "Congolese").
    entries: Vec<Vec<(String, Vec<Hit>)>>,
}

impl Gazetteer {
    fn build() -> Gazetteer {
        // (no order is read from these maps: the forms are sorted below)
        let g = geo();
        let o = orgs();
        let t = titles();
        let title_phrases = t.phrases();
        // sized once for every form (growing it cost more than filling it)
        let n_forms = g.countries.iter().map(|c| country_forms(c).count()).sum::<usize>()
            + g.regions.iter().map(|r| 1 + r.variants.len()).sum::<usize>()
            + o.orgs.iter().map(|org| org.forms().count()).sum::<usize>()
            + o.institutions.len()
            + title_phrases.len()
            + t.modifiers().len()
            + t.abbreviations().count();
        // every written form (borrowed from the lexicons) with its hits
        let mut by_form: HashMap<&str, Vec<Hit>, BuildHasherDefault<WordHasher>> = HashMap::with_capacity_and_hasher(n_forms, Default::default());
        let mut add = |form, hit: Hit| {
            let v = by_form.entry(form).or_default();
            if !v.contains(&hit) {
                v.push(hit);
            }
        };
        for (i, c) in g.countries.iter().enumerate() {
            for (form, role) in country_forms(c) {
                add(form, Hit::Country { idx: i as u16, role });
            }
        }
        for (i, r) in g.regions.iter().enumerate() {
            for form in std::iter::once(&r.name).chain(&r.variants) {
                add(form, Hit::Region { idx: i as u16 });
            }
        }
        for (i, org) in o.orgs.iter().enumerate() {
            for form in org.forms() {
                add(form, Hit::Org { idx: i as u16 });
            }
        }
        for (i, inst) in o.institutions.iter().enumerate() {
            add(&inst.phrase, Hit::Institution { idx: i as u16 });
        }
        for p in &title_phrases {
            add(p, Hit::Title);
        }
        for m in t.modifiers() {
            add(m, Hit::TitleModifier);
        }
        for a in t.abbreviations() {
            add(&a.text, Hit::TitleAbbrev);
        }
        // The forms in order of their lower-cased spelling (the patterns),
        // and of one spelling's forms those with lower-case letters first
        // (the one to prefer for a headline), then by bytes: one sort of
        // (spelling, form) pairs, which are distinct, so an unstable sort
        // gives the one order. Compared first by the spelling's first eight
        // bytes as a number (zero-padded, so a shorter spelling that is a
        // prefix comes first or ties), which settles most comparisons
        // without a call to compare the strings.
        // (the order is sorted as small pairs, head and index: moving the
        // forms themselves cost more than comparing them)
        let mut spelled: Vec<(String, &str, Vec<Hit>)> = by_form.into_iter().map(|(form, hits)| (form.to_ascii_lowercase(), form, hits)).collect();
        let mut order: Vec<(u64, u32)> = spelled
            .iter()
            .enumerate()
            .map(|(i, (key, _, _))| {
                let mut head = [0u8; 8];
                let n = key.len().min(8);
                head[..n].copy_from_slice(&key.as_bytes()[..n]);
                (u64::from_be_bytes(head), i as u32)
            })
            .collect();
        let no_lower_case = |f: &str| !f.bytes().any(|b| b.is_ascii_lowercase());
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                let (x, y) = (&spelled[a.1 as usize], &spelled[b.1 as usize]);
                x.0.cmp(&y.0).then_with(|| no_lower_case(x.1).cmp(&no_lower_case(y.1)).then_with(|| x.1.cmp(y.1)))
            })
        });
        let mut keyed: Vec<(String, Forms)> = Vec::with_capacity(spelled.len());
        for &(_, i) in &order {
            let (key, form, hits) = std::mem::take(&mut spelled[i as usize]);
            match keyed.last_mut() {
                Some((k, forms)) if *k == key => forms.push((form.to_string(), hits)),
                _ => keyed.push((key, vec![(form.to_string(), hits)])),
            }
        }
        let forms = FormTrie::new(&keyed.iter().map(|(k, _)| k.as_bytes()).collect::<Vec<_>>());
        let lower_first_words: HashSet<u64, BuildHasherDefault<WordHasher>> = keyed
            .iter()
            .flat_map(|(_, v)| v.iter())
            .filter(|(f, _)| f.bytes().next().is_some_and(|b| !b.is_ascii_uppercase()))
            .filter_map(|(f, _)| f.split(' ').next().map(|w| word_hash(w.as_bytes())))
            .collect();
        let mut lower_first_outlines = Bitmap16::default();
        let mut lower_first_lengths = [0u64; 26];
        for (f, _) in keyed.iter().flat_map(|(_, v)| v.iter()) {
            if let Some(w) = f.split(' ').next().filter(|_| f.bytes().next().is_some_and(|b| !b.is_ascii_uppercase())) {
                lower_first_outlines.insert(word_outline(w.as_bytes()));
                if let Some(&b @ b'a'..=b'z') = w.as_bytes().first() {
                    lower_first_lengths[(b - b'a') as usize] |= 1 << w.len().min(63);
                }
            }
        }
        let form_prefixes = PrefixBits::of_prefixes(keyed.iter().map(|(k, _)| k.as_bytes()));
        Gazetteer { forms, lower_first_words, lower_first_outlines, lower_first_lengths, form_prefixes, entries: keyed.into_iter().map(|(_, v)| v).collect() }
    }

    pub fn form(&self, pattern: usize, variant: usize) -> &str {
        &self.entries[pattern][variant].0
    }

    pub fn hits(&self, pattern: usize, variant: usize) -> &[Hit] {
        &self.entries[pattern][variant].1
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

/// A set of 2^16 bits, addressed by the low bits of a hash.
#[derive(Clone)]
struct Bitmap16(Box<[u64; 1024]>);

impl Default for Bitmap16 {
    fn default() -> Bitmap16 {
        Bitmap16(Box::new([0; 1024]))
    }
}

impl Bitmap16 {
    fn insert(&mut self, h: u64) {
        let i = (h & 0xFFFF) as usize;
        self.0[i / 64] |= 1 << (i % 64);
    }
    #[inline]
    fn contains(&self, h: u64) -> bool {
        let i = (h & 0xFFFF) as usize;
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A set of [`word_hash`]es as 2^20 bits (128 KiB): with the lexicons'
/// prefixes, about one bit in ten is set.
#[derive(Clone)]
struct PrefixBits(Box<[u64]>);

const PREFIX_BITS_LOG2: u32 = 20;

impl PrefixBits {
    /// The [`word_hash`]es of every non-empty prefix of every form, each
    /// from the hash of the whole eight-byte groups before its last one.
    fn of_prefixes<'a>(forms: impl Iterator<Item = &'a [u8]>) -> PrefixBits {
        let mut bits = PrefixBits(vec![0u64; 1 << (PREFIX_BITS_LOG2 - 6)].into_boxed_slice());
        for f in forms {
            let mut whole = WORD_HASH_SEED;
            // the bytes of the last group so far, as `packed_word` packs them
            let mut group = 0u64;
            for k in 1..=f.len() {
                // the last group of prefix `k` starts at `last`
                let last = 8 * ((k - 1) / 8);
                if last > 0 && k - 1 == last {
                    whole = word_hash_step(whole, lower8(group));
                    group = 0;
                }
                group |= u64::from(f[k - 1]) << (8 * (k - 1 - last));
                bits.insert(word_hash_end_packed(whole, group, k));
            }
        }
        bits
    }

    #[inline]
    fn bit(h: u64) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PREFIX_BITS_LOG2)) as usize
    }

    fn insert(&mut self, h: u64) {
        let i = Self::bit(h);
        self.0[i / 64] |= 1 << (i % 64);
    }

    #[inline]
    fn contains(&self, h: u64) -> bool {
        let i = Self::bit(h);
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// A lexicon hit on whole tokens `tokens.start..tokens.end`.
#[derive(Debug, Clone, PartialEq)]
pub struct LexMatch {
    /// Byte range in the normalised text.
    pub norm_start: usize,
    pub norm_end: usize,
    pub start_token: usize,
    pub end_token: usize,
    pub pattern: usize,
    /// Which written form of the pattern matched.
    pub variant: usize,
    /// The text is in capitals only (a headline); the hit is less sure.
    pub shouted: bool,
}

impl LexMatch {
    pub fn hits(&self) -> &'static [Hit] {
        gazetteer().hits(self.pattern, self.variant)
    }
}

/// Short forms that are also common English words: not taken from text in
/// capitals only, where case no longer tells them apart ("TELL US").
const WORDS_IN_CAPITALS: &[&str] = &["us", "who", "it", "am", "an", "or", "in", "at", "is", "as", "pa", "ap", "me", "no", "so", "us."];

/// Country and place names that are also common lower-case words; taken
/// from lower-case text only when the whole document is in lower case, and
/// never these.
const COMMON_WORDS: &[&str] = &["turkey", "china", "chad", "jordan", "georgia", "guinea", "niger", "nice", "reading", "mali", "peru", "cuba", "rio", "wales", "maine", "victoria", "lima", "male", "sofia", "split", "bath", "amazon"];

/// Finds every lexicon entry in the document on token boundaries.
pub fn find(doc: &Doc) -> Vec<LexMatch> {
    find_with(doc, true)
}

/// [`find`], searching the trie at every word start when `prefilter` is
/// off (the plain definition the prefix filter must agree with).
fn find_with(doc: &Doc, prefilter: bool) -> Vec<LexMatch> {
    let gaz = gazetteer();
    let norm = doc.norm.as_str();
    let tokens = &doc.tokens;
    // about one hit in twenty tokens in news text: grown once or twice at most
    let mut out = Vec::with_capacity(tokens.len() / 16);
    if tokens.is_empty() {
        return out;
    }
    let lowercase_doc = !norm.bytes().take(20_000).any(|b| b.is_ascii_uppercase());
    // Anchored searches at word starts only (token starts, and the parts of
    // capitalised compounds after a hyphen), longest match first, so short
    // forms never match inside a word ("us" in "because").
    let mut starts: Vec<usize> = Vec::with_capacity(4);
    let mut next_free = 0usize;
    for (ti, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let word = &norm.as_bytes()[t.norm_start as usize..t.norm_end as usize];
        // a lower-case word starts no match unless it is the first word of a
        // form written in lower case: its first letter and length, then its
        // outline, rule out most words before they are hashed
        if !lowercase_doc
            && word.first().is_some_and(|&b| {
                b.is_ascii_lowercase() && (gaz.lower_first_lengths[(b - b'a') as usize] >> word.len().min(63) & 1 == 0 || !gaz.lower_first_outlines.contains(word_outline(word)))
            })
        {
            continue;
        }
        // one pass for the hash and the hyphen
        let (h, hyphenated) = word_hash_and_hyphen(word);
        if prefilter && !hyphenated && !word.is_empty() && !gaz.forms.has_empty_form() {
            if !gaz.form_prefixes.contains(h) || !lowercase_doc && word[0].is_ascii_lowercase() && !gaz.lower_first_words.contains(&h) {
                continue;
            }
        } else if !lowercase_doc && word.first().is_some_and(|b| b.is_ascii_lowercase()) && !gaz.lower_first_words.contains(&h) {
            continue;
        }
        starts.clear();
        starts.push(t.norm_start as usize);
        if hyphenated && capitalised_compound(doc, ti) {
            let (ts, te) = (t.norm_start as usize, t.norm_end as usize);
            starts.extend(norm.as_bytes()[ts..te].iter().enumerate().filter(|(_, &b)| b == b'-').map(|(k, _)| ts + k + 1).filter(|&p| p < te));
        }
        for &pos in &starts {
            if pos < next_free {
                continue;
            }
            let Some((pattern, end)) = gaz.forms.longest_at(norm.as_bytes(), pos) else { continue };
            if let Some(lm) = accept(doc, gaz, pos, end, pattern, lowercase_doc, ti) {
                next_free = end;
                out.push(lm);
            }
        }
    }
    out
}

/// Checks a raw trie hit: on token boundaries, in an acceptable case.
/// `token` is the token the search started in: the start token when the
/// match begins where it does (and no empty token before it does too).
fn accept(doc: &Doc, gaz: &Gazetteer, a: usize, b: usize, pattern: usize, lowercase_doc: bool, token: usize) -> Option<LexMatch> {
    let norm = doc.norm.as_str();
    let starts_here = |i: usize| doc.tokens.get(i).is_some_and(|t| t.norm_start as usize == a);
    let start_token = if starts_here(token) && !(token > 0 && starts_here(token - 1)) { token } else { token_starting_at(doc, a)? };
    let end_token = token_ending_at(doc, b, start_token)?;
    let text = &norm[a..b];
    let variant = choose_variant(&gaz.entries[pattern], text, lowercase_doc)?;
    let form = gaz.form(pattern, variant);
    let hits = gaz.hits(pattern, variant);
    let is_name = hits.iter().any(|h| h.is_name());
    let shouted = text != form && !text.bytes().any(|c| c.is_ascii_lowercase());
    if is_name && form.len() <= 3 && WORDS_IN_CAPITALS.contains(&form.to_ascii_lowercase().as_str()) && (shouted || sentence_in_capitals(doc, start_token)) {
        return None;
    }
    Some(LexMatch { norm_start: a, norm_end: b, start_token, end_token, pattern, variant, shouted })
}

/// A word's first and last bytes (ASCII-lower-cased) and length, hashed to
/// 16 bits: equal for words equal but for case, and cheaper than hashing
/// every byte.
fn word_outline(w: &[u8]) -> u64 {
    let (Some(first), Some(last)) = (w.first(), w.last()) else { return 0 };
    let x = first.to_ascii_lowercase() as u64 | (last.to_ascii_lowercase() as u64) << 8 | (w.len().min(255) as u64) << 16;
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48
}

const WORD_HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const WORD_HASH_K: u64 = 0x517c_c1b7_2722_0a95;

/// Eight bytes of a word with its ASCII capitals made small (the other
/// bytes as they are), all at once.
#[inline(always)]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (ONES * 0x7F);
    // the top bit of a byte: at least 'A', and above 'Z'
    let from_a = low7.wrapping_add(ONES * (0x80 - b'A' as u64));
    let past_z = low7.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
    let capital = from_a & !past_z & !x & (ONES * 0x80);
    x | capital >> 2
}

/// Whether the eight bytes of `x` hold a hyphen (zero padding never does).
#[inline(always)]
fn has_hyphen8(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let v = x ^ (ONES * b'-' as u64);
    v.wrapping_sub(ONES) & !v & (ONES * 0x80) != 0
}

#[inline(always)]
fn word_hash_step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(WORD_HASH_K)
}

/// A cheap hash of a word, lower-cased: eight bytes at a time.
fn word_hash(w: &[u8]) -> u64 {
    word_hash_and_hyphen(w).0
}

/// [`word_hash`] and whether the word holds a hyphen, in one pass.
#[inline(always)]
fn word_hash_and_hyphen(w: &[u8]) -> (u64, bool) {
    let mut h = WORD_HASH_SEED;
    let mut hyphen = false;
    let mut rest = w;
    while rest.len() > 8 {
        let x = u64::from_le_bytes([rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6], rest[7]]);
        hyphen |= has_hyphen8(x);
        h = word_hash_step(h, lower8(x));
        rest = &rest[8..];
    }
    hyphen |= has_hyphen8(packed_word(rest));
    (word_hash_end(h, rest, w.len()), hyphen)
}

/// The end of [`word_hash`]: the last group of one to eight bytes (none
/// for the empty word) of a word of `len` bytes, the whole groups before
/// it hashed to `h`.
#[inline(always)]
fn word_hash_end(h: u64, last: &[u8], len: usize) -> u64 {
    word_hash_end_packed(h, packed_word(last), len)
}

/// [`word_hash_end`] with the last group already packed.
#[inline(always)]
fn word_hash_end_packed(h: u64, last: u64, len: usize) -> u64 {
    let h = word_hash_step(word_hash_step(h, lower8(last)), len as u64);
    h ^ h >> 29
}

/// Which written form of a pattern the text is: the same spelling; for text
/// in capitals only, a form with lower-case letters (a headline); for a
/// document without capitals, a lower-case reading of a longer name.
/// Titles and institution words match in any case.
fn choose_variant(forms: &[(String, Vec<Hit>)], text: &str, lowercase_doc: bool) -> Option<usize> {
    if let Some(i) = forms.iter().position(|(f, _)| f == text) {
        return Some(i);
    }
    if let Some(i) = forms.iter().position(|(_, h)| !h.iter().any(|h| h.is_name())) {
        return Some(i);
    }
    let (form, _) = forms.first()?;
    let lower = form.to_ascii_lowercase();
    let shouted = !text.bytes().any(|c| c.is_ascii_lowercase());
    if shouted && form.bytes().any(|c| c.is_ascii_lowercase()) {
        return (!WORDS_IN_CAPITALS.contains(&lower.as_str())).then_some(0);
    }
    let lower_text = !text.bytes().any(|c| c.is_ascii_uppercase());
    (lower_text && lowercase_doc && form.len() >= 4 && !COMMON_WORDS.contains(&lower.as_str())).then_some(0)
}

/// The token starting at normalised offset `pos`, or a word token that `pos`
/// splits at a hyphen between capitalised parts ("EU-Mercosur").
fn token_starting_at(doc: &Doc, pos: usize) -> Option<usize> {
    let i = doc.tokens.partition_point(|t| (t.norm_start as usize) < pos);
    if doc.tokens.get(i).is_some_and(|t| t.norm_start as usize == pos) {
        return Some(i);
    }
    let j = i.checked_sub(1)?;
    let t = &doc.tokens[j];
    (t.norm_end as usize > pos && doc.norm.as_str().as_bytes().get(pos.wrapping_sub(1)) == Some(&b'-') && capitalised_compound(doc, j)).then_some(j)
}

fn token_ending_at(doc: &Doc, pos: usize, from: usize) -> Option<usize> {
    let norm = doc.norm.as_str().as_bytes();
    for (k, t) in doc.tokens.iter().enumerate().skip(from) {
        let end = t.norm_end as usize;
        if end == pos {
            return Some(k + 1);
        }
        if end > pos {
            // inside a capitalised compound, ending at a hyphen
            return (norm.get(pos) == Some(&b'-') && capitalised_compound(doc, k)).then_some(k + 1);
        }
    }
    None
}

/// A hyphenated word whose parts are all capitalised ("EU-Mercosur", "Russia-Ukraine").
fn capitalised_compound(doc: &Doc, token: usize) -> bool {
    let t = &doc.tokens[token];
    if t.kind != TokenKind::Word {
        return false;
    }
    let text = doc.token_text(token);
    text.contains('-') && text.split('-').all(|p| p.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// Whether the sentence holding `token` has no lower-case letters (a headline).
pub fn sentence_in_capitals(doc: &Doc, token: usize) -> bool {
    let pos = doc.tokens[token].span.start();
    let Some(s) = doc.sentence_at(pos) else { return false };
    let r = doc.sentences[s].tokens.clone();
    let mut letters = 0;
    for i in r {
        for c in doc.token_text(i).chars() {
            if c.is_lowercase() {
                return false;
            }
            letters += c.is_alphabetic() as usize;
        }
    }
    letters > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_doc::DocMeta;

    fn doc(text: &str) -> Doc {
        let mut d = Doc::new(text.to_string(), DocMeta::default());
        d.tokens = dateline_segment_free_tokens(&d);
        d
    }

    /// Whitespace-and-punctuation tokens, enough for matching tests.
    fn dateline_segment_free_tokens(d: &Doc) -> Vec<dateline_doc::Token> {
        let norm = d.norm.as_str();
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in norm.char_indices().chain(std::iter::once((norm.len(), ' '))) {
            let word = c.is_alphanumeric() || c == '-' || c == '.';
            match (start, word) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push(dateline_doc::Token { span: d.span_from_norm(s, i), norm_start: s as u32, norm_end: i as u32, kind: TokenKind::Word, space_before: true });
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn compounds_split_at_hyphens() {
        let d = doc("the EU-Mercosur deal");
        let found: Vec<&str> = find(&d).iter().map(|m| &d.norm.as_str()[m.norm_start..m.norm_end]).collect();
        assert_eq!(found, vec!["EU", "Mercosur"]);
    }

    #[test]
    fn every_form_prefix_is_in_the_prefix_bits() {
        let gaz = gazetteer();
        let mut prefixes = 0;
        for forms in &gaz.entries {
            let key = forms[0].0.to_ascii_lowercase();
            for k in 1..=key.len() {
                assert!(gaz.form_prefixes.contains(word_hash(&key.as_bytes()[..k])), "{key:?} {k}");
                prefixes += 1;
            }
        }
        let set = gaz.form_prefixes.0.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        assert!(prefixes > 1000 && set < (1 << PREFIX_BITS_LOG2) / 4, "{prefixes} prefixes, {set} bits");
        assert!(!gaz.form_prefixes.contains(word_hash(b"qzxqzxq")) || !gaz.form_prefixes.contains(word_hash(b"xqzjvv")));
    }

    #[test]
    fn patterns_in_byte_order_and_forms_lower_case_first() {
        let gaz = gazetteer();
        let keys: Vec<String> = gaz.entries.iter().map(|v| v[0].0.to_ascii_lowercase()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "patterns sorted and distinct");
        let no_lower_case = |f: &str| !f.bytes().any(|b| b.is_ascii_lowercase());
        for (key, forms) in keys.iter().zip(&gaz.entries) {
            assert!(forms.iter().all(|(f, _)| f.to_ascii_lowercase() == *key), "{key}");
            assert!(forms.windows(2).all(|w| (no_lower_case(&w[0].0), &w[0].0) < (no_lower_case(&w[1].0), &w[1].0)), "{key}");
        }
        assert!(gaz.entries.len() > 1000);
    }

    #[test]
    fn prefix_filter_finds_what_searching_every_word_start_finds() {
        use dateline_pipeline::Component;
        let texts = [
            "WASHINGTON (AP) - U.S. Defense Secretary Pete Hegseth met NATO allies in Brussels on Monday, the Pentagon said.",
            "The European Commission's deputy prime minister and the Foreign Ministry of the Democratic Republic of the Congo spoke.",
            "NO U.S. TROOPS IN UKRAINE, SAYS KREMLIN; tell us about the US and WHO and who",
            "the EU-Mercosur deal, Russia-Ukraine talks, al-Qaeda and pro-Russian forces in Addis Ababa and Côte d'Ivoire",
            "ministers of foreign affairs met in new york city; the united nations security council voted",
            "St. Louis, Mr. Smith, Lt. Gen. Jones, Gen. Brown and Prime Minister Keir Starmer of the United Kingdom",
            "Officials Smithsonian Unitedly Europeanish Washingtonian Brusselsprout Kyivan Kyiv Moscow's Beijing-based",
            "",
        ];
        let mut found = 0;
        for text in texts {
            for t in [text.to_string(), text.to_lowercase(), text.to_uppercase()] {
                let mut d = Doc::new(t.clone(), DocMeta::default());
                dateline_segment::Segmenter.run(&mut d);
                let fast = find_with(&d, true);
                assert_eq!(fast, find_with(&d, false), "{t}");
                found += fast.len();
                let d = doc(&t);
                assert_eq!(find_with(&d, true), find_with(&d, false), "{t}");
            }
        }
        assert!(found > 30, "{found}");
    }

    #[test]
    fn hash_and_hyphen_in_one_pass_as_apart() {
        for w in ["", "-", "a", "EU-Mercosur", "al-Qaeda", "Kyiv", "well-known-", "Zürich", "ÉLYSÉE-x", "abcdefgh-", "abcdefghijklmnop-", "-abcdefghijklmnop"] {
            let w = w.as_bytes();
            assert_eq!(word_hash_and_hyphen(w), (word_hash(w), w.contains(&b'-')), "{:?}", String::from_utf8_lossy(w));
            assert_eq!(word_hash(w), word_hash(&w.to_ascii_lowercase()));
        }
    }

    #[test]
    fn eight_bytes_lower_cased_as_each_byte() {
        for b in 0..=255u8 {
            for fill in [0u8, b'A', b'z', 0xC3, 0x80, b'@', b'[', b'`', b'{'] {
                let bytes = [fill, b, fill, b, b, fill, 0, b];
                let expected = u64::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase()));
                assert_eq!(lower8(u64::from_le_bytes(bytes)), expected, "{b} {fill}");
                assert_eq!(has_hyphen8(u64::from_le_bytes(bytes)), bytes.contains(&b'-'), "{b} {fill}");
            }
        }
        // words equal but for ASCII case hash alike, others apart
        let words = ["Kyiv", "KYIV", "kyiv", "Kyiw", "United States", "UNITED STATES", "Washington", "WASHINGTONIAN", "a", "A", "B"];
        for a in words {
            for b in words {
                assert_eq!(word_hash(a.as_bytes()) == word_hash(b.as_bytes()), a.eq_ignore_ascii_case(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn case_is_checked() {
        let d = doc("tell us about the US and WHO and who");
        let found: Vec<&str> = find(&d).iter().map(|m| &d.norm.as_str()[m.norm_start..m.norm_end]).collect();
        assert_eq!(found, vec!["US", "WHO"]);
    }
}
