/// Converts byte offsets of one text into Unicode code point offsets.
///
/// Built once per document at the serialization boundary. Lookups are
/// O(log n) over a sparse table of the non-ASCII characters, so an ASCII
/// document costs nothing beyond one scan.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// (byte offset just after a multi-byte char, extra bytes accumulated so far)
    table: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut table = Vec::new();
        let mut extra = 0usize;
        // ASCII runs are skipped byte-wise; a lead byte says its character's length
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(at) = next_non_ascii(bytes, i) {
            let l = match bytes[at] {
                0xf0.. => 4,
                0xe0.. => 3,
                _ => 2,
            };
            extra += l - 1;
            i = (at + l).min(bytes.len());
            table.push((i, extra));
        }
        CharOffsets { table, len_bytes: text.len() }
    }

    /// The byte offset of code point index `char_index` (the text's length
    /// past its end): the inverse of [`CharOffsets::char_index`].
    #[inline]
    pub fn byte_index(&self, char_index: usize) -> usize {
        // a multi-byte character ending at byte `end` with `extra` bytes up
        // to there ends at code point `end - extra`
        let n = self.table.partition_point(|&(end, extra)| end - extra <= char_index);
        let byte = char_index + n.checked_sub(1).map_or(0, |k| self.table[k].1);
        byte.min(self.len_bytes)
    }

    /// The number of code points of the text.
    pub fn len_chars(&self) -> usize {
        self.len_bytes - self.table.last().map_or(0, |&(_, extra)| extra)
    }

    /// The code point index of byte offset `byte` (which must be a char
    /// boundary of the text this was built from).
    #[inline]
    pub fn char_index(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        let n = self.table.partition_point(|&(end, _)| end <= byte);
        if n == 0 {
            byte
        } else {
            byte - self.table[n - 1].1
        }
    }
}

/// The first byte at or after `from` that is not ASCII: eight bytes are
/// tested at a time (news texts are mostly ASCII between their few curly
/// quotes and accented names).
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    let from = match high_or_byte16(bytes, from, None) {
        Ok(at) => return Some(at),
        Err(rest) => rest,
    };
    next_matching(bytes, from, |w| w & HIGH_BITS, |b| b >= 0x80)
}

/// The first byte at or after `from` that is not ASCII or equals `also`,
/// sixteen bytes to an SSE2 step (part of every x86-64; a text is scanned
/// whole once per document to build [`CharOffsets`] and to normalise it):
/// `Ok(at)` when found there, `Err(i)` when fewer than sixteen bytes are
/// left from `i` on, all before `i` passed.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn high_or_byte16(bytes: &[u8], from: usize, also: Option<u8>) -> Result<usize, usize> {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    let mut i = from;
    // SAFETY: SSE2 is enabled on every x86-64 target; each unaligned load
    // reads bytes[i..i + 16], inside `bytes` (the loop's condition)
    unsafe {
        // (0x80 when there is no other byte: a byte equal to it is flagged as not ASCII anyway)
        let other = _mm_set1_epi8(also.unwrap_or(0x80) as i8);
        while i + 16 <= bytes.len() {
            let v = _mm_loadu_si128(bytes.as_ptr().add(i).cast::<__m128i>());
            // a byte's high bit: not ASCII, or (all ones) equal to `other`
            let flags = _mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, other))) as u32;
            if flags != 0 {
                return Ok(i + flags.trailing_zeros() as usize);
            }
            i += 16;
        }
    }
    Err(i)
}

pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The first byte at or after `from` that `flag` marks: `flag` maps eight
/// bytes (little-endian) to a word whose lowest set high bit is that of the
/// first marked byte, `test` says the same of one byte.
#[inline]
pub(crate) fn next_matching(bytes: &[u8], from: usize, flag: impl Fn(u64) -> u64, test: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while i + 8 <= bytes.len() {
        let w = &bytes[i..i + 8];
        let flags = flag(u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]));
        if flags != 0 {
            return Some(i + (flags.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| test(b)).map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sixteen-byte scan finds the first byte the plain test flags, or
    /// stops where fewer than sixteen bytes are left with none flagged.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sixteen_byte_scan_is_the_plain_one() {
        let mut text: Vec<u8> = b"Plain ASCII words & more of them, then some \xc3\xa9 and \xe2\x80\x9cquotes\xe2\x80\x9d at the end".to_vec();
        text.extend(std::iter::repeat_n(b'x', 40));
        for also in [None, Some(b'&'), Some(b'x'), Some(0x80)] {
            for from in 0..=text.len() {
                let plain = text.iter().skip(from).position(|&b| b >= 0x80 || Some(b) == also).map(|k| k + from);
                match high_or_byte16(&text, from, also) {
                    Ok(at) => assert_eq!(Some(at), plain, "{also:?} from {from}"),
                    Err(rest) => {
                        assert!(rest + 16 > text.len() && rest >= from, "{also:?} from {from}");
                        assert!(plain.is_none_or(|at| at >= rest), "{also:?} from {from}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn matches_char_indices(text in "\\PC{0,60}") {
            let map = CharOffsets::new(&text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(map.char_index(bi), ci);
            }
            proptest::prop_assert_eq!(map.char_index(text.len()), text.chars().count());
            proptest::prop_assert_eq!(map.len_chars(), text.chars().count());
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(map.byte_index(ci), bi);
            }
            proptest::prop_assert_eq!(map.byte_index(map.len_chars()), text.len());
            proptest::prop_assert_eq!(next_non_ascii(text.as_bytes(), 0), text.bytes().position(|b| b >= 0x80));
            for from in 0..=text.len() {
                proptest::prop_assert_eq!(next_non_ascii(text.as_bytes(), from), text.bytes().skip(from).position(|b| b >= 0x80).map(|k| k + from));
            }
            let amp = |w: u64| (w ^ 0x2626_2626_2626_2626).wrapping_sub(0x0101_0101_0101_0101) & !(w ^ 0x2626_2626_2626_2626) & HIGH_BITS;
            for from in 0..=text.len() {
                proptest::prop_assert_eq!(
                    next_matching(text.as_bytes(), from, |w| amp(w) | w & HIGH_BITS, |b| b == b'&' || b >= 0x80),
                    text.bytes().skip(from).position(|b| b == b'&' || b >= 0x80).map(|k| k + from)
                );
            }
        }
    }
}
