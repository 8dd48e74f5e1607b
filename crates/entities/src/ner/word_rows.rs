//! Scoring with sums of weights kept per word type: the tagger's exact
//! scores, with a third of the table reads.
//!
//! Why: the weights are integers, so a score does not depend on the order
//! in which features are added, and a group of features that depends on one
//! thing only can be summed once per value of that thing:
//! - the features of the current word alone (lower-case form, shape, three
//!   prefixes, four suffixes, and those crossed with "first word" and
//!   "sentence in capitals") are summed per word type, in a bounded cache
//!   ([`MAX_WORDS`] types, emptied when full; one per thread, so no lock);
//!   news words are Zipfian, so most lookups hit;
//! - the bias and the previous two tags (81 values), and the lexicon-bit
//!   features when the bits are empty, come from small tables.
//!
//! The other features (the neighbours' words, the pairs) are still hashed
//! per token, their table rows fetched ahead of the additions.

use std::cell::RefCell;

use super::{hash_lower, mix, shape_hash, Model, SentenceView, AFTER, BEFORE, N_CLASSES, SEED};

/// Summed weights of several features, one per class, padded to a whole
/// number of 128-bit vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, align(16))]
struct Row([i32; LANES]);

const LANES: usize = 12;
const ZERO: Row = Row([0; LANES]);

/// Word types kept before the cache is emptied (each takes about 400 bytes).
const MAX_WORDS: usize = 1 << 14;
/// Hash slots: twice the word types, so that probes stay short.
const SLOTS: usize = MAX_WORDS * 2;
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

/// Rows that depend on no word: tag history and empty lexicon bits.
struct FixedRows {
    /// Bias, previous tag, and previous two tags, at `prev * N_CLASSES + prev2`.
    tags: [Row; N_CLASSES * N_CLASSES],
    /// Previous tag with no lexicon bits on the current word.
    prev_no_lex: [Row; N_CLASSES],
    /// No lexicon bits on the current word, on the word before, after.
    no_lex: Row,
    no_lex_before: Row,
    no_lex_after: Row,
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
        }
    }
}

/// One word type: its bytes, hashes, and the sums of its features as the
/// current word.
struct WordEntry {
    /// The word when it has at most [`INLINE`] bytes (zero-padded), else
    /// its start in `WordTable::keys` in the first four bytes.
    key: [u8; INLINE],
    key_len: u32,
    /// The hashes `TokenHashes` gives the word.
    lower: u64,
    shape: u64,
    /// The features of the word alone.
    base: Row,
    /// `base` and the word crossed with "first word" and "sentence in
    /// capitals", at `(first word) * 2 + (sentence in capitals)`, filled in
    /// when first needed (bit `k` of `done`).
    current: [Row; 4],
    done: u8,
    /// The lexicon × shape feature when the word has no lexicon bits.
    no_lex: Row,
    /// The previous tag × word and × shape features when the previous tag is O.
    after_o: Row,
}

/// The per-thread cache of word rows.
pub(super) struct WordRows {
    /// Address of the model the rows were summed from.
    owner: usize,
    fixed: Option<Box<FixedRows>>,
    words: WordTable,
}

/// Word types and their rows, and the hashes of the sentence being tagged.
struct WordTable {
    /// Open addressing: 0 is empty, else the high half of the word's hash
    /// over its index in `entries` plus one.
    slots: Vec<u64>,
    entries: Vec<WordEntry>,
    /// The bytes of words longer than [`INLINE`].
    keys: Vec<u8>,
    /// Per unit of the sentence: `hash_lower | 1` and `shape_hash | 1`, or 0 when not computed.
    lower: Vec<u64>,
    shape: Vec<u64>,
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

/// The first [`INLINE`] bytes of a word, zero-padded, as two numbers.
#[inline(always)]
fn head_words(w: &[u8]) -> [u64; 2] {
    let mut b = [0u8; INLINE];
    let n = w.len().min(INLINE);
    b[..n].copy_from_slice(&w[..n]);
    [u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]), u64::from_le_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]])]
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
        WordRows {
            owner: 0,
            fixed: None,
            words: WordTable { slots: Vec::new(), entries: Vec::new(), keys: Vec::new(), lower: Vec::new(), shape: Vec::new(), misses: 0 },
        }
    }

    /// Word types added since the cache was made.
    #[cfg(test)]
    pub(super) fn misses(&self) -> usize {
        self.words.misses
    }

    /// Prepares for sentence `s` scored with model `m`.
    pub(super) fn start_sentence(&mut self, m: &Model, s: &SentenceView) {
        let addr = m as *const Model as usize;
        if self.owner != addr || self.fixed.is_none() {
            self.owner = addr;
            self.fixed = Some(Box::new(FixedRows::new(m)));
            self.words.clear();
        }
        let n = s.words.len();
        for v in [&mut self.words.lower, &mut self.words.shape] {
            v.clear();
            v.resize(n, 0);
        }
    }

    /// The scores of unit `i` given the previous two tags: exactly the sum
    /// of the weights of `features(s, .., caps, i, prev, prev2, ..)`.
    /// [`WordRows::start_sentence`] must have been called for `s` and `m`.
    pub(super) fn score(&mut self, m: &Model, s: &SentenceView, caps: bool, i: usize, prev: usize, prev2: usize) -> [i32; N_CLASSES] {
        if self.owner != m as *const Model as usize || self.words.lower.len() != s.words.len() {
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
    fn clear(&mut self) {
        self.slots.clear();
        self.slots.resize(SLOTS, 0);
        self.entries.clear();
        // all at once: growing by doubling would leave the smaller copies behind
        self.entries.reserve_exact(MAX_WORDS);
        self.keys.clear();
    }

    /// The entry of word `w`, added if new.
    #[inline]
    fn entry(&mut self, m: &Model, w: &[u8]) -> usize {
        if self.entries.len() >= MAX_WORDS || self.slots.len() != SLOTS {
            self.clear();
        }
        let head = head_words(w);
        let h = key_hash(w, head);
        let tag = h & !0xFFFF_FFFF;
        let mask = SLOTS - 1;
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
        self.add(m, w, slot, tag)
    }

    #[inline]
    fn is_word(&self, e: usize, w: &[u8], head: [u64; 2]) -> bool {
        let entry = &self.entries[e];
        if entry.key_len as usize != w.len() {
            return false;
        }
        if w.len() <= INLINE {
            return head_words(&entry.key) == head;
        }
        let start = u32::from_le_bytes([entry.key[0], entry.key[1], entry.key[2], entry.key[3]]) as usize;
        self.keys.get(start..start + w.len()) == Some(w)
    }

    /// Adds word `w` at hash slot `slot`, summing its rows.
    #[cold]
    #[inline(never)]
    fn add(&mut self, m: &Model, w: &[u8], slot: usize, tag: u64) -> usize {
        self.misses += 1;
        let e = self.entries.len();
        self.slots[slot] = tag | (e as u64 + 1);
        let mut key = [0u8; INLINE];
        if w.len() <= INLINE {
            key[..w.len()].copy_from_slice(w);
        } else {
            key[..4].copy_from_slice(&(self.keys.len() as u32).to_le_bytes());
            self.keys.extend_from_slice(w);
        }
        let (lower, shape) = (hash_lower(w) | 1, shape_hash(w) | 1);
        let mut base = m.rows(&[(2, lower), (3, shape)]);
        let len = w.len();
        let mut prefix = SEED;
        for p in 1..=3usize {
            if len > p {
                prefix = mix(prefix, w[p - 1].to_ascii_lowercase() as u64);
                m.add_feature(&mut base, 3 + p as u64, mix(prefix, p as u64));
            }
        }
        for p in 1..=4usize {
            if len > p {
                m.add_feature(&mut base, 6 + p as u64, hash_lower(&w[len - p..]));
            }
        }
        let no_lex = m.rows(&[(24, mix(0, shape))]);
        let after_o = m.rows(&[(29, mix(0, lower)), (30, mix(0, shape))]);
        self.entries.push(WordEntry { key, key_len: w.len() as u32, lower, shape, base, current: [ZERO; 4], done: 0, no_lex, after_o });
        e
    }

    /// Fills in variant `k` of entry `e`'s rows as the current word.
    #[cold]
    #[inline(never)]
    fn fill_variant(&mut self, m: &Model, e: usize, k: usize) {
        let entry = &mut self.entries[e];
        let (first, caps) = ((k / 2) as u64, (k % 2) as u64);
        let mut r = entry.base;
        m.add_feature(&mut r, 20, mix(first, entry.shape));
        m.add_feature(&mut r, 21, mix(caps, entry.shape));
        m.add_feature(&mut r, 22, mix(caps, entry.lower));
        entry.current[k] = r;
        entry.done |= 1 << k;
    }

    /// `hash_lower | 1` of unit `j`, or the value of a position outside the sentence.
    #[inline(always)]
    fn lower_at(&mut self, s: &SentenceView, j: usize, outside: u64) -> u64 {
        match self.lower.get_mut(j) {
            None => outside,
            Some(slot) => {
                if *slot == 0 {
                    *slot = hash_lower(s.words[j]) | 1;
                }
                *slot
            }
        }
    }

    /// `shape_hash | 1` of unit `j`, or the value of a position outside the sentence.
    #[inline(always)]
    fn shape_at(&mut self, s: &SentenceView, j: usize, outside: u64) -> u64 {
        match self.shape.get_mut(j) {
            None => outside,
            Some(slot) => {
                if *slot == 0 {
                    *slot = shape_hash(s.words[j]) | 1;
                }
                *slot
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn score(&mut self, fixed: &FixedRows, m: &Model, s: &SentenceView, caps: bool, i: usize, prev: usize, prev2: usize) -> Row {
        let n = s.words.len();
        let e = self.entry(m, s.words[i]);
        let (lower, shape) = (self.entries[e].lower, self.entries[e].shape);
        self.lower[i] = lower;
        self.shape[i] = shape;
        let (lower_p1, shape_p1, lower_p2) = if i >= 2 {
            (self.lower_at(s, i - 1, BEFORE), self.shape_at(s, i - 1, BEFORE), self.lower_at(s, i - 2, BEFORE))
        } else if i == 1 {
            (self.lower_at(s, 0, BEFORE), self.shape_at(s, 0, BEFORE), BEFORE)
        } else {
            (BEFORE, BEFORE, BEFORE)
        };
        let (lower_n1, shape_n1, lower_n2) = (self.lower_at(s, i + 1, AFTER), self.shape_at(s, i + 1, AFTER), self.lower_at(s, i + 2, AFTER));
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
        let hashed = [
            m.feature_index(11, lower_p1),
            m.feature_index(12, lower_n1),
            m.feature_index(13, lower_p2),
            m.feature_index(14, lower_n2),
            m.feature_index(15, shape_p1),
            m.feature_index(16, shape_n1),
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
        if self.entries[e].done & (1 << variant) == 0 {
            self.fill_variant(m, e, variant);
        }
        let entry = &self.entries[e];
        let mut acc = entry.current[variant];
        add(&mut acc, &fixed.tags[prev * N_CLASSES + prev2]);
        if lx == 0 {
            add(&mut acc, &entry.no_lex);
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
            None => add(&mut acc, &entry.after_o),
            Some(fs) => fs.iter().for_each(|&f| m.add_row(&mut acc, f)),
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
