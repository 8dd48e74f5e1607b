use dateline_doc::{Doc, Span, Token, TokenKind};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `i` of `s` (a char boundary), decoding
/// only when it is not ASCII: most text is, and `chars().next()` on every
/// byte was the tokenizer's main cost.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// Splits the normalised text into tokens, mapped back to original spans.
///
/// A word runs over letters and digits and keeps inner hyphens ("pre-2014"),
/// inner apostrophes ("don't", but a possessive "'s" is its own token),
/// dotted abbreviations ("U.S.") and numeric separators ("1,000.5").
pub fn tokenize(doc: &Doc) -> Vec<Token> {
    let norm = doc.norm.as_str();
    let bytes = norm.as_bytes();
    // news text has about one token per five bytes: rarely a reallocation
    let mut out = Vec::with_capacity(norm.len() / 4 + 16);
    // most texts need no normalising: then a token's span is its own range;
    // otherwise tokens come in text order, so the edits are walked once
    let identity = doc.norm.is_identity();
    let mut to_original = doc.norm.to_original_in_order(&doc.text);
    let mut i = 0;
    let mut space_before = true;
    while i < norm.len() {
        let first = bytes[i];
        // most tokens start with an ASCII letter or digit, never white space:
        // tested first
        let (end, kind) = if ASCII_CLASS[first as usize] != 0 {
            plain_word(bytes, i).unwrap_or_else(|| scan_word(norm, i))
        } else {
            if first == b' ' {
                space_before = true;
                i += 1;
                continue;
            }
            let Some(c) = char_at(norm, i) else { break };
            if c.is_whitespace() {
                space_before = true;
                i += c.len_utf8();
                continue;
            }
            other_token(norm, i, c)
        };
        let span = if identity {
            Span::new(&doc.text, i, end).unwrap_or_else(|_| to_original.map(i, end))
        } else {
            to_original.map(i, end)
        };
        out.push(Token { span, norm_start: i as u32, norm_end: end as u32, kind, space_before });
        // the one space after most tokens is passed here, not by a turn of the loop
        space_before = bytes.get(end) == Some(&b' ');
        i = end + usize::from(space_before);
    }
    out
}

/// The token at `i` that starts with `c`, neither an ASCII letter or digit
/// nor white space.
fn other_token(norm: &str, i: usize, c: char) -> (usize, TokenKind) {
    let bytes = norm.as_bytes();
    if is_word_char(c) {
        scan_word(norm, i)
    } else if c == '\'' && possessive_at(bytes, i) {
        (i + 2, TokenKind::Word)
    } else if c == '"' || c == '\'' || c == '`' {
        (i + 1, TokenKind::Quote)
    } else if c == '.' && bytes.get(i + 1) == Some(&b'.') {
        let mut j = i;
        while bytes.get(j) == Some(&b'.') {
            j += 1;
        }
        (j, TokenKind::Punct)
    } else if c.is_ascii_punctuation() || matches!(c, '¿' | '¡' | '§') {
        (i + c.len_utf8(), if matches!(c, '$' | '%' | '&' | '+' | '=' | '<' | '>' | '#' | '@') { TokenKind::Symbol } else { TokenKind::Punct })
    } else {
        (i + c.len_utf8(), TokenKind::Symbol)
    }
}

/// `'s` (or `'S`) followed by a non-letter: a possessive clitic.
fn possessive_at(bytes: &[u8], i: usize) -> bool {
    i > 0
        && bytes[i - 1].is_ascii_alphanumeric()
        && matches!(bytes.get(i + 1), Some(b's' | b'S'))
        && !bytes.get(i + 2).is_some_and(|b| b.is_ascii_alphanumeric())
}

const DIGIT: u8 = 1;
const LETTER: u8 = 2;

/// ASCII digits and letters by byte (0: any other byte): one load per byte
/// in the word loop of [`scan_word`] instead of range tests.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() { DIGIT } else if c.is_ascii_alphabetic() { LETTER } else { 0 };
        b += 1;
    }
    t
};

/// The common word: ASCII letters and digits up to a byte that cannot
/// continue it (white space, most punctuation). `None` when the byte after
/// the run may join more to the word (`-`, `'`, `,`, `.`) or is not ASCII:
/// [`scan_word`] decides those.
#[inline]
fn plain_word(bytes: &[u8], start: usize) -> Option<(usize, TokenKind)> {
    #[cfg(target_arch = "x86_64")]
    if let Some((end, all_digits)) = ascii_run16(bytes, start) {
        return match bytes.get(end) {
            Some(&b) if b >= 0x80 || matches!(b, b'-' | b'\'' | b',' | b'.') => None,
            _ => Some((end, if all_digits { TokenKind::Number } else { TokenKind::Word })),
        };
    }
    plain_word_bytes(bytes, start)
}

/// The run of ASCII letters and digits at `start` when it ends within the
/// sixteen bytes from there (most words do), found by one SSE2 step (part
/// of every x86-64) instead of a loop whose exit the processor mispredicts
/// once a word: the run's end and whether it is all digits. `None` when
/// fewer than sixteen bytes are left or the run goes on past them.
#[cfg(target_arch = "x86_64")]
#[inline]
fn ascii_run16(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    use std::arch::x86_64::{__m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    if bytes.len() < 16 || start > bytes.len() - 16 {
        return None;
    }
    // SAFETY: SSE2 is enabled on every x86-64 target; the unaligned load
    // reads bytes[start..start + 16], inside `bytes` (checked above)
    let (word, digit) = unsafe {
        let v = _mm_loadu_si128(bytes.as_ptr().add(start).cast::<__m128i>());
        // signed compares: bytes of 0x80 and above are negative, in no range
        let in_range = |x: __m128i, lo: u8, hi: u8| _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)), _mm_cmpgt_epi8(_mm_set1_epi8(hi as i8 + 1), x));
        let digit = in_range(v, b'0', b'9');
        let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        (_mm_movemask_epi8(_mm_or_si128(digit, letter)) as u32, _mm_movemask_epi8(digit) as u32)
    };
    let len = (!word).trailing_zeros();
    if len >= 16 {
        return None;
    }
    let run = (1u32 << len) - 1;
    Some((start + len as usize, digit & run == run))
}

/// [`plain_word`] a byte at a time (the plain definition, and the path for
/// the last bytes of a text and long runs).
#[inline]
fn plain_word_bytes(bytes: &[u8], start: usize) -> Option<(usize, TokenKind)> {
    let mut i = start;
    let mut classes = 0;
    while let Some(&b) = bytes.get(i) {
        let class = ASCII_CLASS[b as usize];
        if class == 0 {
            if b >= 0x80 || matches!(b, b'-' | b'\'' | b',' | b'.') {
                return None;
            }
            break;
        }
        classes |= class;
        i += 1;
    }
    Some((i, if classes == DIGIT { TokenKind::Number } else { TokenKind::Word }))
}

fn scan_word(s: &str, start: usize) -> (usize, TokenKind) {
    let bytes = s.as_bytes();
    let mut i = start;
    let mut all_digits = true;
    let next_char = |j: usize| char_at(s, j);
    loop {
        // a run of word characters (bytes while ASCII)
        while let Some(&b) = bytes.get(i) {
            let class = ASCII_CLASS[b as usize];
            if class != 0 {
                all_digits &= class == DIGIT;
                i += 1;
            } else if b < 0x80 {
                break;
            } else {
                match next_char(i) {
                    Some(c) if is_word_char(c) => {
                        all_digits = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        let Some(&b) = bytes.get(i) else { break };
        let after = next_char(i + 1);
        let joins = match b {
            b'-' => after.is_some_and(is_word_char),
            b'\'' => after.is_some_and(|c| c.is_alphabetic()) && !possessive_at(bytes, i),
            b',' => all_digits && after.is_some_and(|c| c.is_ascii_digit()) && digits_then_boundary(bytes, i + 1, 3),
            b'.' => {
                if all_digits {
                    after.is_some_and(|c| c.is_ascii_digit())
                } else {
                    // dotted abbreviation: single letters separated by dots (U.S., a.m.)
                    let seg_len = i - last_segment_start(bytes, start, i);
                    seg_len == 1 && (after.is_some_and(|c| c.is_alphabetic() && single_letter_then_dot(bytes, i + 1)) || ends_dotted(bytes, start, i))
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if b == b'.' && !all_digits && !after.is_some_and(|c| c.is_alphabetic()) {
            // the final dot of "U.S."
            i += 1;
            break;
        }
        i += 1;
        if b == b'-' || b == b'\'' {
            all_digits = false;
        }
    }
    // a dotted abbreviation followed by a hyphenated word: "U.S.-led"
    if bytes.get(i.wrapping_sub(1)) == Some(&b'.') && bytes.get(i) == Some(&b'-') && next_char(i + 1).is_some_and(is_word_char) {
        let (end, _) = scan_word(s, i + 1);
        return (end, TokenKind::Word);
    }
    (i, if all_digits { TokenKind::Number } else { TokenKind::Word })
}

fn last_segment_start(bytes: &[u8], start: usize, i: usize) -> usize {
    let mut j = i;
    while j > start && bytes[j - 1].is_ascii_alphanumeric() {
        j -= 1;
    }
    j
}

fn single_letter_then_dot(bytes: &[u8], j: usize) -> bool {
    bytes.get(j).is_some_and(|b| b.is_ascii_alphabetic()) && bytes.get(j + 1) == Some(&b'.')
}

/// Whether `bytes[start..i]` already looks like "X.Y" (so the dot at `i` closes it).
fn ends_dotted(bytes: &[u8], start: usize, i: usize) -> bool {
    i >= start + 3 && bytes[i - 2] == b'.'
}

fn digits_then_boundary(bytes: &[u8], j: usize, n: usize) -> bool {
    (0..n).all(|k| bytes.get(j + k).is_some_and(|b| b.is_ascii_digit()))
        && !bytes.get(j + n).is_some_and(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer tests ASCII letters and digits before white space: right
    /// only while no such byte is white space and each is a word start that
    /// the general dispatch would also hand to `scan_word`.
    #[test]
    fn ascii_word_starts_are_word_chars_never_white_space() {
        for b in 0u8..=255 {
            if ASCII_CLASS[b as usize] == 0 {
                continue;
            }
            let c = b as char;
            assert!(!c.is_whitespace() && is_word_char(c), "{c:?}");
            let text = format!("{c}x-1 y");
            assert_eq!(other_token(&text, 0, c), scan_word(&text, 0), "{text:?}");
        }
    }

    /// The sixteen-byte step against the byte loop: every start in texts of
    /// letters, digits, punctuation and multi-byte characters, runs of every
    /// length up to past sixteen.
    #[test]
    fn sixteen_byte_runs_are_the_byte_loop() {
        let mut texts = vec![
            "Russia's pre-2014 U.S.-led 1,000.5% don't Zürich 北京 x9 99 a.m. ends here and goes on for a while longer".to_string(),
            "@[`{/:AZaz09 \t\n\0\x7f".to_string(),
        ];
        for n in 0..=20 {
            for tail in [" ", "-", "'", ",", ".", "é", "", "!"] {
                texts.push(format!("{}{}{tail}0123456789abcdefghijklmnop", "ab1".repeat(n)[..n].to_string(), ""));
                texts.push(format!("{}{tail}xyzxyzxyzxyzxyzxyzxyz", "7".repeat(n)));
            }
        }
        for text in &texts {
            let bytes = text.as_bytes();
            for i in 0..bytes.len() {
                if ASCII_CLASS[bytes[i] as usize] != 0 {
                    assert_eq!(plain_word(bytes, i), plain_word_bytes(bytes, i), "at {i} of {text:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_words_are_the_byte_loop(text in "[a-zA-Z0-9 .,'’é@\\[`{/:-]{1,60}") {
            let bytes = text.as_bytes();
            for i in (0..text.len()).filter(|&i| ASCII_CLASS[bytes[i] as usize] != 0) {
                proptest::prop_assert_eq!(plain_word(bytes, i), plain_word_bytes(bytes, i), "at {} of {:?}", i, text);
            }
        }

        #[test]
        fn plain_words_end_where_scan_word_ends(text in "[a-zA-Z0-9 .,'’é-]{1,40}") {
            let bytes = text.as_bytes();
            for i in (0..text.len()).filter(|&i| ASCII_CLASS[bytes[i] as usize] != 0) {
                if let Some(found) = plain_word(bytes, i) {
                    proptest::prop_assert_eq!(found, scan_word(&text, i), "at {} of {:?}", i, text);
                }
            }
        }
    }
}
