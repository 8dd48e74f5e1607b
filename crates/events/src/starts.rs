//! Where in a text a phrase of a list can start.
//!
//! The actor list is matched with an automaton run anchored at the places a
//! phrase can start. Its phrases start with a capital letter, bar a few
//! (`al-Shabaab`), so those places are rare: a word-at-a-time scan finds the
//! capitals, a substring search per prefix (SIMD, in the memchr crate; a
//! multi-pattern automaton spent more verifying its prefilter's many
//! candidates) the first bytes of the other phrases ("al-", "von"), and a check of the
//! first four bytes against the list's leaves few places for the automaton
//! (common pairs such as "Th" seldom go on as a phrase does).

use memchr::memmem::Finder;

/// The first bytes and first byte pairs of a phrase list.
pub struct PhraseStarts {
    /// The first three bytes (or all, if fewer) of the phrases that do not
    /// start with an ASCII capital (capitals are found wholesale), one
    /// searcher each.
    other_starts: Vec<Finder<'static>>,
    first: [bool; 256],
    /// A phrase of one byte starts with this byte.
    single: [bool; 256],
    /// Bit `b0 << 8 | b1` set: a phrase starts with bytes `b0 b1`.
    pairs: Box<[u64; 1024]>,
    /// Bit `b0 << 8 | b1` set: a phrase is the two bytes `b0 b1`.
    whole_pairs: Box<[u64; 1024]>,
    /// Bit [`slot`] of a phrase of three bytes set (a filter: other
    /// byte strings may share a slot).
    whole_triples: Box<[u64; 1024]>,
    /// Bit [`slot`] of a phrase's first four bytes set (a filter too).
    quads: Box<[u64; 1024]>,
}

/// A 16-bit slot for up to four bytes, given as one number.
#[inline]
fn slot(bytes: u32) -> usize {
    (bytes.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

#[inline]
fn pack(b: &[u8]) -> u32 {
    b.iter().fold(0, |k, &x| k << 8 | x as u32)
}

#[inline]
fn bit(set: &[u64; 1024], k: usize) -> bool {
    set[k >> 6] & (1 << (k & 63)) != 0
}

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// High bit set in each byte of `v` that is an ASCII capital.
#[inline]
fn capitals(v: u64) -> u64 {
    let low = v & LOW7;
    let at_least_a = low.wrapping_add(ONES * (0x80 - b'A' as u64));
    let past_z = low.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
    at_least_a & !past_z & !v & HIGH
}

impl PhraseStarts {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseStarts {
        let mut first = [false; 256];
        let mut single = [false; 256];
        let mut pairs = Box::new([0u64; 1024]);
        let mut whole_pairs = Box::new([0u64; 1024]);
        let mut whole_triples = Box::new([0u64; 1024]);
        let mut quads = Box::new([0u64; 1024]);
        let mut others: Vec<&[u8]> = Vec::new();
        for p in phrases {
            let b = p.as_bytes();
            let Some(&b0) = b.first() else { continue };
            if !b0.is_ascii_uppercase() && !others.contains(&&b[..b.len().min(3)]) {
                others.push(&b[..b.len().min(3)]);
            }
            first[b0 as usize] = true;
            match b.get(1) {
                Some(&b1) => {
                    let k = (b0 as usize) << 8 | b1 as usize;
                    pairs[k >> 6] |= 1 << (k & 63);
                    let (set, t) = match b.len() {
                        2 => (&mut whole_pairs, k),
                        3 => (&mut whole_triples, slot(pack(b))),
                        _ => (&mut quads, slot(pack(&b[..4]))),
                    };
                    set[t >> 6] |= 1 << (t & 63);
                }
                None => single[b0 as usize] = true,
            }
        }
        // a few short patterns, each searched for with a SIMD substring searcher
        let other_starts = others.iter().map(|o| Finder::new(o).into_owned()).collect();
        PhraseStarts { other_starts, first, single, pairs, whole_pairs, whole_triples, quads }
    }

    /// Whether a phrase may start at byte `p` of `bytes`: its first four
    /// bytes (or all of it, if shorter) are those of a phrase.
    #[inline]
    fn may_start(&self, bytes: &[u8], p: usize) -> bool {
        let b0 = bytes[p];
        if self.single[b0 as usize] {
            return true;
        }
        let Some(&b1) = bytes.get(p + 1) else { return false };
        let k = (b0 as usize) << 8 | b1 as usize;
        if !bit(&self.pairs, k) {
            return false;
        }
        if bit(&self.whole_pairs, k) {
            return true;
        }
        let Some(three) = bytes.get(p..p + 3) else { return false };
        if bit(&self.whole_triples, slot(pack(three))) {
            return true;
        }
        bytes.get(p..p + 4).is_some_and(|four| bit(&self.quads, slot(pack(four))))
    }

    /// Calls `f` with each position of `bytes` where a phrase may start, in order.
    pub fn each(&self, bytes: &[u8], mut f: impl FnMut(usize)) {
        // the starts of the few phrases that are not capitalised, in order:
        // every place where one of their first bytes is (overlapping ones too)
        let others = self.other_places(bytes);
        let mut next_other = 0;
        // every place in order: the other starts before `p`, then `p`
        let mut check = |p: usize| {
            while let Some(&o) = others.get(next_other).filter(|&&o| o <= p) {
                next_other += 1;
                if o < p && self.first[bytes[o] as usize] && self.may_start(bytes, o) {
                    f(o);
                }
            }
            if self.first[bytes[p] as usize] && self.may_start(bytes, p) {
                f(p)
            }
        };
        let word_at = |p: usize| {
            let w = &bytes[p..p + 8];
            u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
        };
        let mut p = 0;
        while p + 8 <= bytes.len() {
            let mut mask = capitals(word_at(p));
            while mask != 0 {
                check(p + (mask.trailing_zeros() / 8) as usize);
                mask &= mask - 1;
            }
            p += 8;
        }
        for q in p..bytes.len() {
            if bytes[q].is_ascii_uppercase() {
                check(q);
            }
        }
        for &o in &others[next_other..] {
            if self.first[bytes[o] as usize] && self.may_start(bytes, o) {
                f(o);
            }
        }
    }
}

impl PhraseStarts {
    /// Every place of `bytes` where the first bytes of a phrase that does
    /// not start with a capital are, in order, each once.
    fn other_places(&self, bytes: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        for f in &self.other_starts {
            let mut from = 0;
            while let Some(k) = bytes.get(from..).and_then(|rest| f.find(rest)) {
                out.push(from + k);
                from += k + 1;
            }
        }
        if self.other_starts.len() > 1 {
            out.sort_unstable();
            out.dedup();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The other places are those where a byte-by-byte comparison finds
    /// one of the prefixes (overlapping and nested ones included).
    #[test]
    fn other_places_are_every_occurrence() {
        let phrases = ["al-Shabaab", "el-Sisi", "von der Leyen", "aa", "aaa-x", "Kyiv", "v"];
        let s = PhraseStarts::new(phrases);
        let prefixes: Vec<&[u8]> = phrases.iter().map(|p| &p.as_bytes()[..p.len().min(3)]).filter(|p| !p[0].is_ascii_uppercase()).collect();
        for text in ["al-el-von al-al- vonvon aaaa-x v", "", "a", "Kyiv", "xxal", "al-", "\u{e9}al-\u{e9}von"] {
            let bytes = text.as_bytes();
            let plain: Vec<usize> = (0..bytes.len()).filter(|&p| prefixes.iter().any(|x| bytes[p..].starts_with(x))).collect();
            assert_eq!(s.other_places(bytes), plain, "{text}");
        }
        assert!(PhraseStarts::new(["Kyiv"]).other_places(b"al-von").is_empty());
    }

    fn all_starts(s: &PhraseStarts, bytes: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        s.each(bytes, |p| out.push(p));
        out
    }

    #[test]
    fn word_masks_are_exact() {
        for b in 0..=255u8 {
            let v = u64::from_le_bytes([0, b, 0xff, b, 0x80, b, b'a', b]);
            let caps = capitals(v);
            for i in 0..8 {
                let byte = v.to_le_bytes()[i];
                assert_eq!(caps >> (8 * i + 7) & 1 == 1, byte.is_ascii_uppercase(), "{byte}");
            }
        }
    }

    #[test]
    fn finds_the_places_a_byte_scan_finds() {
        let phrases = ["Kyiv", "South Sudan", "al-Shabaab", "X", "\u{e9}tat", "UN", "UAE"];
        let s = PhraseStarts::new(phrases);
        let text = "In Kyiv, al-Shabaab and South Sudan: X-ray\u{e9}tats; KyKy alal SoSouth Kyiv X UN UNO UK Ky UAE UA Sou Kyi";
        let bytes = text.as_bytes();
        // the slot filter may let a few more through; with these phrases it does not
        let slow: Vec<usize> = (0..bytes.len())
            .filter(|&p| phrases.iter().any(|ph| bytes[p..].starts_with(&ph.as_bytes()[..ph.len().min(4)])))
            .collect();
        assert_eq!(all_starts(&s, bytes), slow);
        // many first bytes that are no capitals: the byte-by-byte path answers alike
        let lower = ["ab", "cd", "ef", "gh", "ij", "Kl"];
        let s = PhraseStarts::new(lower);
        let text = b"xxabxxcdKlefKLghij.ij";
        let slow: Vec<usize> = (0..text.len()).filter(|&p| lower.iter().any(|ph| text[p..].starts_with(ph.as_bytes()))).collect();
        assert_eq!(all_starts(&s, text), slow);
    }
}
