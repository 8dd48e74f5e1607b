//! Scoring with sums of weights kept per word type: the tagger's exact
//! scores, with a fifth of the table reads.
//!
//! Why: the weights are integers, so a score does not depend on the order
//! in which features are added, and a group of features that depends on one
//! thing only can be summed once per value of that thing:
//! - the features of the current word alone (lower-case form, shape, three
//!   prefixes, four suffixes, and those crossed with "first word" and
//!   "sentence in capitals"), and those of a word as the neighbour one or
//!   two before or after the current one (lower-case form, shape), are
//!   summed per word type, each sum when first needed, in a bounded cache
//!   ([`MAX_WORDS`] types, emptied when full, never within a sentence;
//!   one per thread, so no lock); news words are Zipfian, so most lookups
//!   hit, and a sentence looks each of its units up once;
//! - the bias and the previous two tags (81 values), and the lexicon-bit
//!   features when the bits are empty, come from small tables.
//!
//! The other features (the pairs of words, the previous tag with the word,
//! non-empty lexicon bits) are still hashed per token, their table rows
//! fetched ahead of the additions.

use std::cell::RefCell;

use dateline_lexicon::packed_word;

use super::{hash_lower, mix, shape_hash, Model, SentenceView, AFTER, BEFORE, N_CLASSES, SEED};

/// Summed weights of several features, one per class, padded to a whole
/// number of 128-bit vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, align(16))]
struct Row([i32; LANES]);

const LANES: usize = 12;
const ZERO: Row = Row([0; LANES]);

/// Word types kept before the cache is emptied (each takes about 400 bytes).
pub(super) const MAX_WORDS: usize = 1 << 15;
/// Words of at most this many bytes are kept in the entry itself.
const INLINE: usize = 16;
/// The lexicon bits of a position outside the sentence.
const LEX_OUTSIDE: u64 = 0x000F_FFFF;

#[inline(always)]
fn add(acc: &mut Row, r: &Row) {
    for c in 0..LANES {
        acc.0[c] += r.0[c];
    }
}

/// Adds a table row (16-bit weights) to a sum (32-bit), lane by lane.
///
/// On x86-64 the first eight weights are widened and added as two vectors
/// (SSE2, always there): the compiler leaves nine lanes scalar, and these
/// additions were a sixth of the tagger's instructions.
#[inline(always)]
fn add_weights(acc: &mut Row, w: &[i16; N_CLASSES]) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{__m128i, _mm_add_epi32, _mm_load_si128, _mm_loadu_si128, _mm_srai_epi32, _mm_store_si128, _mm_unpackhi_epi16, _mm_unpacklo_epi16};
        const _: () = assert!(N_CLASSES >= 8 && LANES >= 8 && std::mem::align_of::<Row>() >= 16);
        let sum: *mut __m128i = acc.0.as_mut_ptr().cast();
        // SAFETY: SSE2 is part of x86-64; the unaligned load reads the
        // first 16 of the row's 18 bytes; the two aligned vectors are the
        // first eight lanes of the sum (`Row` is aligned to 16 bytes).
        unsafe {
            let v = _mm_loadu_si128(w.as_ptr().cast());
            // each weight doubled into a 32-bit lane, shifted back down with its sign
            let lo = _mm_srai_epi32::<16>(_mm_unpacklo_epi16(v, v));
            let hi = _mm_srai_epi32::<16>(_mm_unpackhi_epi16(v, v));
            _mm_store_si128(sum, _mm_add_epi32(_mm_load_si128(sum), lo));
            _mm_store_si128(sum.add(1), _mm_add_epi32(_mm_load_si128(sum.add(1)), hi));
        }
        for c in 8..N_CLASSES {
            acc.0[c] += w[c] as i32;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    for c in 0..N_CLASSES {
        acc.0[c] += w[c] as i32;
    }
}

impl Model {
    /// The table row of the feature of `template` with value `v`.
    #[inline(always)]
    fn feature_index(&self, template: u64, v: u64) -> usize {
        (mix(mix(SEED, template), v) & self.mask) as usize
    }

    #[inline(always)]
    fn add_row(&self, acc: &mut Row, f: usize) {
        add_weights(acc, &self.weights[f]);
    }

    #[inline(always)]
    fn add_feature(&self, acc: &mut Row, template: u64, v: u64) {
        self.add_row(acc, self.feature_index(template, v));
    }

    fn rows(&self, features: &[(u64, u64)]) -> Row {
        let mut acc = ZERO;
        for &(template, v) in features {
            self.add_feature(&mut acc, template, v);
        }
        acc
    }

    /// Asks the CPU to fetch table row `f`: the table is megabytes and each
    /// feature reads a random row of it, so the reads are started before
    /// the additions wait for them.
    #[inline(always)]
    fn prefetch(&self, f: usize) {
        let row: *const [i16; N_CLASSES] = self.weights.as_ptr().wrapping_add(f);
        let bytes: *const u8 = row.cast();
        prefetch_line(bytes);
        // a row may straddle two cache lines
        prefetch_line(bytes.wrapping_add(std::mem::size_of::<[i16; N_CLASSES]>() - 1));
    }
}

/// Asks the CPU to fetch the cache line at `p` (a hint: it never faults).
#[inline(always)]
fn prefetch_line<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint that never faults nor reads into the program.
        #[allow(unused_unsafe)]
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p.cast());
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Rows that depend on no word: tag history, empty lexicon bits, and the
/// positions before and after the sentence as neighbours.
struct FixedRows {
    /// Bias, previous tag, and previous two tags, at `prev * N_CLASSES + prev2`.
    tags: [Row; N_CLASSES * N_CLASSES],
    /// Previous tag with no lexicon bits on the current word.
    prev_no_lex: [Row; N_CLASSES],
    /// No lexicon bits on the current word, on the word before, after.
    no_lex: Row,
    no_lex_before: Row,
    no_lex_after: Row,
    /// The position before the sentence as the word before and as the one
    /// two before; the position after it as the word after and two after.
    outside: [Row; 4],
}

impl FixedRows {
    fn new(m: &Model) -> FixedRows {
        FixedRows {
            tags: std::array::from_fn(|k| {
                let (p, p2) = ((k / N_CLASSES) as u64, (k % N_CLASSES) as u64);
                m.rows(&[(1, 0), (27, p), (28, mix(p, p2))])
            }),
            prev_no_lex: std::array::from_fn(|p| m.rows(&[(31, mix(p as u64, 0))])),
            no_lex: m.rows(&[(23, 0)]),
            no_lex_before: m.rows(&[(25, 0)]),
            no_lex_after: m.rows(&[(26, 0)]),
            outside: std::array::from_fn(|k| neighbour_row(m, k, if k < 2 { BEFORE } else { AFTER }, if k < 2 { BEFORE } else { AFTER })),
        }
    }
}

/// The rows of an entry (index in `WordEntry::rows`, bit in `WordEntry::done`).
/// `0..4`: the features of the word as the current word, with "first
/// word" and "sentence in capitals", at `(first word) * 2 + (sentence in capitals)`.
const NO_LEX: usize = 4;
/// The previous tag × word and × shape features when the previous tag is O.
const AFTER_O: usize = 5;
/// The word as a neighbour, at `AS_NEIGHBOUR + k`: the word before the
/// current one (lower-case form and shape), two before (lower-case form),
/// the word after (lower-case form and shape), two after (lower-case form).
const AS_NEIGHBOUR: usize = 6;
const N_ROWS: usize = AS_NEIGHBOUR + 4;
const BEFORE_1: usize = 0;
const BEFORE_2: usize = 1;
const AFTER_1: usize = 2;
const AFTER_2: usize = 3;

/// The features of a word with hashes `lower` and `shape` at neighbour position `k`.
#[inline]
fn neighbour_row(m: &Model, k: usize, lower: u64, shape: u64) -> Row {
    match k {
        BEFORE_1 => m.rows(&[(11, lower), (15, shape)]),
        BEFORE_2 => m.rows(&[(13, lower)]),
        AFTER_1 => m.rows(&[(12, lower), (16, shape)]),
        _ => {
            debug_assert_eq!(k, AFTER_2);
            m.rows(&[(14, lower)])
        }
    }
}

/// One word type: its bytes, hashes, and the sums of its features, by
/// role (current word, neighbour), each filled in when first needed.
struct WordEntry {
    /// The [`head_words`] of the word when it has at most [`INLINE`]
    /// bytes, else its start in `WordTable::keys` in the first number.
    key: [u64; 2],
    key_len: u32,
    /// Bit `k`: row `k` is filled in.
    done: u16,
    /// Rows 1 to 3 (the word first in its sentence, or in a sentence in
    /// capitals: rare) at this index of `WordTable::variants`, or `u32::MAX`.
    variants: u32,
    /// The hashes `TokenHashes` gives the word.
    lower: u64,
    shape: u64,
    /// Row 0 and rows 4 and after, at `k - 3` (see [`inline_slot`]).
    rows: [Row; N_ROWS - 3],
}

/// Where row `k` (not 1 to 3) of an entry is kept in `WordEntry::rows`.
#[inline(always)]
const fn inline_slot(k: usize) -> usize {
    if k < 4 {
        0
    } else {
        k - 3
    }
}

/// The per-thread cache of word rows.
pub(super) struct WordRows {
    /// Address of the model the rows were summed from.
    owner: usize,
    fixed: Option<Box<FixedRows>>,
    words: WordTable,
}

/// Word types and their rows, and the entries of the sentence being tagged.
struct WordTable {
    /// Open addressing (a power of two of slots, at least twice the
    /// entries): 0 is empty, else the high half of the word's hash over
    /// its index in `entries` plus one.
    slots: Vec<u64>,
    entries: Vec<WordEntry>,
    /// The bytes of words longer than [`INLINE`].
    keys: Vec<u8>,
    /// Rows 1 to 3 of the entries that need them.
    variants: Vec<[Row; 3]>,
    /// Per unit of the sentence: its entry plus one, or 0 when not looked up yet.
    units: Vec<u32>,
    /// Word types added (for tests).
    misses: usize,
}

thread_local! {
    static WORD_ROWS: RefCell<WordRows> = const { RefCell::new(WordRows::new()) };
}

/// Runs `f` with this thread's cache.
pub(super) fn with_thread_cache<R>(f: impl FnOnce(&mut WordRows) -> R) -> R {
    WORD_ROWS.with_borrow_mut(f)
}

const HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

#[inline(always)]
fn hash_step(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(HASH_K)
}

/// The first [`INLINE`] bytes of a word, zero-padded, as two numbers
/// (loaded whole: no copy through a buffer).
#[inline(always)]
fn head_words(w: &[u8]) -> [u64; 2] {
    let n = w.len();
    if n <= 8 {
        return [packed_word(w), 0];
    }
    let lo = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
    if n >= INLINE {
        return [lo, u64::from_le_bytes([w[8], w[9], w[10], w[11], w[12], w[13], w[14], w[15]])];
    }
    // the last eight bytes, less those already in `lo`
    let tail = u64::from_le_bytes([w[n - 8], w[n - 7], w[n - 6], w[n - 5], w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
    [lo, tail >> (8 * (INLINE - n))]
}

/// The hash of a whole word, given its [`head_words`].
#[inline]
fn key_hash(w: &[u8], head: [u64; 2]) -> u64 {
    let mut h = hash_step(hash_step((w.len() as u64).wrapping_mul(HASH_K), head[0]), head[1]);
    if w.len() > INLINE {
        for c in w[INLINE..].chunks(8) {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            h = hash_step(h, u64::from_le_bytes(b));
        }
    }
    h ^ (h >> 29)
}

impl WordRows {
    pub(super) const fn new() -> WordRows {
        WordRows { owner: 0, fixed: None, words: WordTable { slots: Vec::new(), entries: Vec::new(), keys: Vec::new(), variants: Vec::new(), units: Vec::new(), misses: 0 } }
    }

    /// Word types added since the cache was made.
    #[cfg(test)]
    pub(super) fn misses(&self) -> usize {
        self.words.misses
    }

    /// Prepares for sentence `s` scored with model `m`.
    pub(super) fn start_sentence(&mut self, m: &Model, s: &SentenceView) {
        let addr = m as *const Model as usize;
        let n = s.words.len();
        if self.owner != addr || self.fixed.is_none() {
            self.owner = addr;
            self.fixed = Some(Box::new(FixedRows::new(m)));
            self.words.clear(n);
        }
        // room for every unit of the sentence, so that the cache is not
        // emptied while the sentence holds entry numbers
        if self.words.slots.is_empty() || self.words.entries.len() + n > MAX_WORDS.max(n) {
            self.words.clear(n);
        }
        self.words.units.clear();
        self.words.units.resize(n, 0);
    }

    /// The scores of unit `i` given the previous two tags: exactly the sum
    /// of the weights of `features(s, .., caps, i, prev, prev2, ..)`.
    /// [`WordRows::start_sentence`] must have been called for `s` and `m`.
    pub(super) fn score(&mut self, m: &Model, s: &SentenceView, caps: bool, i: usize, prev: usize, prev2: usize) -> [i32; N_CLASSES] {
        if self.owner != m as *const Model as usize || self.words.units.len() != s.words.len() {
            self.start_sentence(m, s);
        }
        let row = match self.fixed.as_deref() {
            Some(fixed) => self.words.score(fixed, m, s, caps, i, prev, prev2),
            None => ZERO,
        };
        std::array::from_fn(|c| row.0[c])
    }
}

impl WordTable {
    /// Empties the cache, with slots for a sentence of `n` units.
    fn clear(&mut self, n: usize) {
        self.slots.clear();
        self.slots.resize((2 * MAX_WORDS.max(n)).next_power_of_two(), 0);
        self.entries.clear();
        // all at once: growing by doubling would leave the smaller copies behind
        self.entries.reserve_exact(MAX_WORDS);
        self.keys.clear();
        self.variants.clear();
    }

    /// The entry of unit `j` of the sentence, looked up once per sentence.
    #[inline(always)]
    fn unit_entry(&mut self, s: &SentenceView, j: usize) -> usize {
        let v = self.units[j];
        if v != 0 {
            return v as usize - 1;
        }
        let e = self.entry(s.words[j]);
        self.units[j] = e as u32 + 1;
        e
    }

    /// The entry of word `w`, added if new.
    #[inline(always)]
    fn entry(&mut self, w: &[u8]) -> usize {
        let head = head_words(w);
        let h = key_hash(w, head);
        let tag = h & !0xFFFF_FFFF;
        let mask = self.slots.len() - 1;
        let mut slot = (h as usize) & mask;
        loop {
            let v = self.slots[slot];
            if v == 0 {
                break;
            }
            if v & !0xFFFF_FFFF == tag {
                let e = (v & 0xFFFF_FFFF) as usize - 1;
                if self.is_word(e, w, head) {
                    return e;
                }
            }
            slot = (slot + 1) & mask;
        }
        self.add(w, slot, tag)
    }

    #[inline]
    fn is_word(&self, e: usize, w: &[u8], head: [u64; 2]) -> bool {
        let entry = &self.entries[e];
        if entry.key_len as usize != w.len() {
            return false;
        }
        if w.len() <= INLINE {
            return entry.key == head;
        }
        let start = entry.key[0] as usize;
        self.keys.get(start..start + w.len()) == Some(w)
    }

    /// Adds word `w` at hash slot `slot` (its rows are summed when first needed).
    #[cold]
    #[inline(never)]
    fn add(&mut self, w: &[u8], slot: usize, tag: u64) -> usize {
        self.misses += 1;
        let e = self.entries.len();
        self.slots[slot] = tag | (e as u64 + 1);
        let key = if w.len() <= INLINE {
            head_words(w)
        } else {
            self.keys.extend_from_slice(w);
            [(self.keys.len() - w.len()) as u64, 0]
        };
        let (lower, shape) = (hash_lower(w) | 1, shape_hash(w) | 1);
        self.entries.push(WordEntry { key, key_len: w.len() as u32, done: 0, variants: u32::MAX, lower, shape, rows: [ZERO; N_ROWS - 3] });
        e
    }

    /// Row `k` of entry `e` (of word `w`), summed if not yet.
    #[inline(always)]
    fn row(&mut self, m: &Model, e: usize, w: &[u8], k: usize) -> &Row {
        if self.entries[e].done & (1 << k) == 0 {
            self.fill(m, e, w, k);
        }
        let entry = &self.entries[e];
        if (1..4).contains(&k) {
            &self.variants[entry.variants as usize][k - 1]
        } else {
            &entry.rows[inline_slot(k)]
        }
    }

    /// Sums row `k` of entry `e`, the entry of word `w`.
    #[cold]
    #[inline(never)]
    fn fill(&mut self, m: &Model, e: usize, w: &[u8], k: usize) {
        let entry = &mut self.entries[e];
        let (lower, shape) = (entry.lower, entry.shape);
        let r = match k {
            0..4 => {
                let (first, caps) = ((k / 2) as u64, (k % 2) as u64);
                let mut r = m.rows(&[(2, lower), (3, shape), (20, mix(first, shape)), (21, mix(caps, shape)), (22, mix(caps, lower))]);
                let len = w.len();
                let mut prefix = SEED;
                for p in 1..=3usize {
                    if len > p {
                        prefix = mix(prefix, w[p - 1].to_ascii_lowercase() as u64);
                        m.add_feature(&mut r, 3 + p as u64, mix(prefix, p as u64));
                    }
                }
                for p in 1..=4usize {
                    if len > p {
                        m.add_feature(&mut r, 6 + p as u64, hash_lower(&w[len - p..]));
                    }
                }
                r
            }
            NO_LEX => m.rows(&[(24, mix(0, shape))]),
            AFTER_O => m.rows(&[(29, mix(0, lower)), (30, mix(0, shape))]),
            _ => neighbour_row(m, k - AS_NEIGHBOUR, lower, shape),
        };
        if (1..4).contains(&k) {
            if entry.variants == u32::MAX {
                entry.variants = self.variants.len() as u32;
                self.variants.push([ZERO; 3]);
            }
            self.variants[entry.variants as usize][k - 1] = r;
        } else {
            entry.rows[inline_slot(k)] = r;
        }
        entry.done |= 1 << k;
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn score(&mut self, fixed: &FixedRows, m: &Model, s: &SentenceView, caps: bool, i: usize, prev: usize, prev2: usize) -> Row {
        let n = s.words.len();
        let e = self.unit_entry(s, i);
        // the neighbours' entries (none outside the sentence)
        let near = [
            if i >= 1 { Some(self.unit_entry(s, i - 1)) } else { None },
            if i >= 2 { Some(self.unit_entry(s, i - 2)) } else { None },
            if i + 1 < n { Some(self.unit_entry(s, i + 1)) } else { None },
            if i + 2 < n { Some(self.unit_entry(s, i + 2)) } else { None },
        ];
        let (lower, shape) = (self.entries[e].lower, self.entries[e].shape);
        let (lower_p1, shape_p1) = near[BEFORE_1].map_or((BEFORE, BEFORE), |x| (self.entries[x].lower, self.entries[x].shape));
        let (lower_n1, shape_n1) = near[AFTER_1].map_or((AFTER, AFTER), |x| (self.entries[x].lower, self.entries[x].shape));
        let lex_at = |j: usize| -> u64 {
            if j < n {
                s.lex[j] as u64
            } else {
                LEX_OUTSIDE
            }
        };
        let lx = s.lex[i] as u64;
        let lex_p1 = if i >= 1 { lex_at(i - 1) } else { LEX_OUTSIDE };
        let lex_n1 = lex_at(i + 1);
        let p = prev as u64;
        // the features of two words: hashed, their rows fetched ahead
        let hashed = [
            m.feature_index(17, mix(mix(shape_p1, shape), shape_n1)),
            m.feature_index(18, mix(lower_p1, lower)),
            m.feature_index(19, mix(lower, lower_n1)),
            m.feature_index(32, mix(lower_p1, shape_n1)),
        ];
        for &f in &hashed {
            m.prefetch(f);
        }
        let after_tag = if prev == 0 { None } else { Some([m.feature_index(29, mix(p, lower)), m.feature_index(30, mix(p, shape))]) };
        if let Some(fs) = after_tag {
            fs.iter().for_each(|&f| m.prefetch(f));
        }
        let variant = (i == 0) as usize * 2 + caps as usize;
        let mut acc = *self.row(m, e, s.words[i], variant);
        add(&mut acc, &fixed.tags[prev * N_CLASSES + prev2]);
        if lx == 0 {
            add(&mut acc, self.row(m, e, s.words[i], NO_LEX));
            add(&mut acc, &fixed.no_lex);
            add(&mut acc, &fixed.prev_no_lex[prev]);
        } else {
            m.add_feature(&mut acc, 24, mix(lx, shape));
            m.add_feature(&mut acc, 23, lx);
            m.add_feature(&mut acc, 31, mix(p, lx));
        }
        if lex_p1 == 0 {
            add(&mut acc, &fixed.no_lex_before);
        } else {
            m.add_feature(&mut acc, 25, lex_p1);
        }
        if lex_n1 == 0 {
            add(&mut acc, &fixed.no_lex_after);
        } else {
            m.add_feature(&mut acc, 26, lex_n1);
        }
        match after_tag {
            None => add(&mut acc, self.row(m, e, s.words[i], AFTER_O)),
            Some(fs) => fs.iter().for_each(|&f| m.add_row(&mut acc, f)),
        }
        const OFFSETS: [isize; 4] = [-1, -2, 1, 2];
        for (k, x) in near.into_iter().enumerate() {
            match x {
                Some(x) => {
                    let j = (i as isize + OFFSETS[k]) as usize;
                    add(&mut acc, self.row(m, x, s.words[j], AS_NEIGHBOUR + k));
                }
                None => add(&mut acc, &fixed.outside[k]),
            }
        }
        for f in hashed {
            m.add_row(&mut acc, f);
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_words_are_the_zero_padded_head() {
        let bytes = b"aZ@[`{AbCdEfGh\xff\xc3\x89\x80zZ09'-xyzXYZ0123456789";
        for a in 0..bytes.len() {
            for b in a..bytes.len() + 1 {
                let w = &bytes[a..b];
                let mut padded = [0u8; INLINE];
                let n = w.len().min(INLINE);
                padded[..n].copy_from_slice(&w[..n]);
                let expected = [u64::from_le_bytes(padded[..8].try_into().unwrap()), u64::from_le_bytes(padded[8..].try_into().unwrap())];
                assert_eq!(head_words(w), expected, "{w:?}");
            }
        }
    }

    #[test]
    fn rows_added_as_lane_by_lane() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let extremes = [i16::MIN, i16::MAX, -1, 0, 1, -32000, 32000];
        let mut acc = Row([0; LANES]);
        let mut plain = [0i32; LANES];
        for k in 0..5_000 {
            let w: [i16; N_CLASSES] = std::array::from_fn(|c| if k % 3 == 0 { extremes[(next() as usize + c) % extremes.len()] } else { next() as i16 });
            add_weights(&mut acc, &w);
            for c in 0..N_CLASSES {
                plain[c] += w[c] as i32;
            }
            assert_eq!(acc.0, plain, "row {k}");
        }
    }
}
