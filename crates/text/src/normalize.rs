use crate::offsets::{next_matching, HIGH_BITS};
use crate::Span;

/// A normalised copy of a text that remembers where every piece came from.
///
/// What changes: typographic apostrophes and quotes become `'` and `"`,
/// non-breaking and other exotic spaces become ` `, dashes and minus signs
/// become `-`, `…` becomes `...`, common HTML entities are decoded, and
/// zero-width characters (soft hyphen, zero-width space, BOM) are dropped.
/// Everything else is copied unchanged.
///
/// The alignment is stored sparsely, as the list of edits; between edits the
/// two texts differ by a constant offset. A pure-ASCII text without `&` has
/// no edits at all.
///
/// Architecture Invariant: for every `[a, b)` on char boundaries of
/// [`NormalizedText::as_str`], [`NormalizedText::to_original`] returns a span
/// on char boundaries of the original text that covers exactly the original
/// characters that produced `[a, b)`.
#[derive(Debug, Clone, Default)]
pub struct NormalizedText {
    text: String,
    edits: Vec<Edit>,
    original_len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Edit {
    norm_start: usize,
    norm_end: usize,
    orig_start: usize,
    orig_end: usize,
}

const ENTITIES: &[(&str, &str)] = &[
    ("&amp;", "&"),
    ("&quot;", "\""),
    ("&apos;", "'"),
    ("&#39;", "'"),
    ("&#039;", "'"),
    ("&#x27;", "'"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&nbsp;", " "),
    ("&rsquo;", "'"),
    ("&lsquo;", "'"),
    ("&rdquo;", "\""),
    ("&ldquo;", "\""),
    ("&mdash;", "-"),
    ("&ndash;", "-"),
    ("&hellip;", "..."),
];

/// The replacement for one character, or `None` to keep it.
fn replace_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// The first byte at or after `from` that is not ASCII or is `&`.
fn next_non_ascii_or_amp(bytes: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    let from = match crate::offsets::high_or_byte16(bytes, from, Some(b'&')) {
        Ok(at) => return Some(at),
        Err(rest) => rest,
    };
    const ONES: u64 = 0x0101_0101_0101_0101;
    const AMPS: u64 = ONES * b'&' as u64;
    // the high bit of each byte that is '&' (exact for the lowest one)
    let amp = |w: u64| (w ^ AMPS).wrapping_sub(ONES) & !(w ^ AMPS) & HIGH_BITS;
    next_matching(bytes, from, |w| amp(w) | w & HIGH_BITS, |b| b >= 0x80 || b == b'&')
}

impl NormalizedText {
    pub fn new(original: &str) -> NormalizedText {
        let needs_work = !original.is_ascii() || original.as_bytes().contains(&b'&');
        if !needs_work {
            return NormalizedText { text: original.to_owned(), edits: Vec::new(), original_len: original.len() };
        }
        let mut text = String::with_capacity(original.len());
        let mut edits = Vec::new();
        let mut copied_to = 0; // original bytes before this are handled
        // only '&' and non-ASCII characters can change: the ASCII runs
        // between them are skipped byte-wise, not decoded char by char
        let bytes = original.as_bytes();
        let mut i = 0; // a char boundary: everything before it is looked at
        while let Some(at) = next_non_ascii_or_amp(bytes, i) {
            let Some(c) = original.get(at..).and_then(|rest| rest.chars().next()) else { break };
            i = at + c.len_utf8();
            let (replacement, orig_len) = if c == '&' {
                match ENTITIES.iter().find(|(e, _)| original[at..].starts_with(e)) {
                    Some((e, r)) => (*r, e.len()),
                    None => continue,
                }
            } else {
                match replace_char(c) {
                    Some(r) => (r, c.len_utf8()),
                    None => continue,
                }
            };
            text.push_str(&original[copied_to..at]);
            let norm_start = text.len();
            text.push_str(replacement);
            edits.push(Edit { norm_start, norm_end: text.len(), orig_start: at, orig_end: at + orig_len });
            // the rest of a multi-character entity is used up
            copied_to = at + orig_len;
            i = copied_to;
        }
        text.push_str(&original[copied_to..]);
        NormalizedText { text, edits, original_len: original.len() }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the normalised text is byte-for-byte the original.
    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    fn map_start(&self, p: usize) -> usize {
        let n = self.edits.partition_point(|e| e.norm_start <= p);
        self.start_after(n, p)
    }

    /// Where normalised offset `p` starts in the original, given the number
    /// `n` of edits starting at or before `p`.
    fn start_after(&self, n: usize, p: usize) -> usize {
        match n.checked_sub(1).map(|k| self.edits[k]) {
            None => p,
            Some(e) if p < e.norm_end => e.orig_start,
            Some(e) => e.orig_end + (p - e.norm_end),
        }
    }

    fn map_end(&self, p: usize) -> usize {
        let n = self.edits.partition_point(|e| e.norm_start < p);
        self.end_after(n, p)
    }

    /// Where normalised offset `p` ends in the original, given the number
    /// `n` of edits starting before `p`.
    fn end_after(&self, n: usize, p: usize) -> usize {
        match n.checked_sub(1).map(|k| self.edits[k]) {
            None => p,
            Some(e) if p <= e.norm_end => e.orig_end,
            Some(e) => e.orig_end + (p - e.norm_end),
        }
    }

    /// A mapper for many ranges given in text order (a tokenizer's): the
    /// same answers as [`NormalizedText::to_original`], found by walking the
    /// edits once instead of searching them per range.
    pub fn to_original_in_order<'a>(&'a self, original: &'a str) -> InOrder<'a> {
        let plain_end = self.edits.first().map_or(self.text.len(), |e| e.norm_start);
        InOrder { norm: self, original, starts: 0, ends: 0, plain: 0..plain_end, shift: 0 }
    }

    /// Maps a byte range of the normalised text to the original text. The
    /// range is clamped to the text; the original text must be the one this
    /// was built from.
    pub fn to_original(&self, original: &str, start: usize, end: usize) -> Span {
        debug_assert_eq!(original.len(), self.original_len);
        let end = end.min(self.text.len());
        let start = start.min(end);
        let a = self.map_start(start);
        let b = if start == end { a } else { self.map_end(end).max(a) };
        original_span(original, a, b)
    }
}

/// See [`NormalizedText::to_original_in_order`].
pub struct InOrder<'a> {
    norm: &'a NormalizedText,
    original: &'a str,
    /// Edits starting at or before the last start offset asked for.
    starts: usize,
    /// Edits starting before the last end offset asked for.
    ends: usize,
    /// The normalised bytes between two edits around the last start asked
    /// for: copied verbatim, at `shift` bytes further on in the original.
    plain: std::ops::Range<usize>,
    shift: usize,
}

impl InOrder<'_> {
    /// [`NormalizedText::to_original`] of `[start, end)`; fastest when the
    /// ranges come in ascending order, right for any order.
    #[inline]
    pub fn map(&mut self, start: usize, end: usize) -> Span {
        let end = end.min(self.norm.text.len());
        let start = start.min(end);
        // most ranges fall between two edits: a constant offset maps them
        if start < end && self.plain.start <= start && end <= self.plain.end {
            return original_span(self.original, start.wrapping_add(self.shift), end.wrapping_add(self.shift));
        }
        self.map_near_edits(start, end)
    }

    #[inline(never)]
    fn map_near_edits(&mut self, start: usize, end: usize) -> Span {
        let n = self.norm;
        self.starts = advance(&n.edits, self.starts, |e| e.norm_start <= start);
        let a = n.start_after(self.starts, start);
        let b = if start == end {
            a
        } else {
            self.ends = advance(&n.edits, self.ends, |e| e.norm_start < end);
            n.end_after(self.ends, end).max(a)
        };
        // the verbatim stretch after the edits that start before `end`,
        // where the next range in text order is likely to fall
        let k = if start == end { self.starts } else { self.ends };
        let before = k.checked_sub(1).map(|j| n.edits[j]);
        self.plain = before.map_or(0, |e| e.norm_end)..n.edits.get(k).map_or(n.text.len(), |e| e.norm_start);
        self.shift = before.map_or(0, |e| e.orig_end.wrapping_sub(e.norm_end));
        original_span(self.original, a, b)
    }
}

/// The number of leading `edits` that satisfy `pred` (a prefix, the edits
/// being sorted), starting the count from a previous answer `k`.
fn advance(edits: &[Edit], mut k: usize, pred: impl Fn(&Edit) -> bool) -> usize {
    if k > edits.len() || (k > 0 && !pred(&edits[k - 1])) {
        return edits.partition_point(pred);
    }
    while k < edits.len() && pred(&edits[k]) {
        k += 1;
    }
    k
}

/// The original span `[a, b)`, widened to char boundaries if need be.
#[inline]
fn original_span(original: &str, a: usize, b: usize) -> Span {
    Span::new(original, a, b).unwrap_or_else(|_| {
        // Only reachable if the range split a normalised character; widen
        // to the enclosing original characters.
        let mut a = a.min(original.len());
        while !original.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = b.min(original.len()).max(a);
        while !original.is_char_boundary(b) {
            b += 1;
        }
        Span::new(original, a, b).expect("widened to char boundaries")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_mapping_agrees_with_to_original() {
        for orig in ["Kyiv’s “plan”\u{a0}&amp; more… done", "plain ascii text", "“”…&amp;&lt;\u{ad}x\u{200b}y—z", ""] {
            let n = NormalizedText::new(orig);
            let len = n.as_str().len();
            let bounds: Vec<usize> = (0..=len).filter(|&p| n.as_str().is_char_boundary(p)).collect();
            let mut in_order = n.to_original_in_order(orig);
            for &a in &bounds {
                for &b in bounds.iter().filter(|&&b| b >= a) {
                    assert_eq!(in_order.map(a, b), n.to_original(orig, a, b), "{orig:?} {a}..{b}");
                }
            }
            // out of order too (a fresh mapper per start, ends descending)
            for &a in bounds.iter().rev() {
                let mut m = n.to_original_in_order(orig);
                for &b in bounds.iter().rev().filter(|&&b| b >= a) {
                    assert_eq!(m.map(a, b), n.to_original(orig, a, b), "{orig:?} {a}..{b}");
                }
                assert_eq!(m.map(a, len + 5), n.to_original(orig, a, len + 5));
            }
        }
    }

    #[test]
    fn curly_marks_entities_and_spaces() {
        let orig = "Kyiv’s “plan”\u{a0}&amp; more… done";
        let n = NormalizedText::new(orig);
        assert_eq!(n.as_str(), "Kyiv's \"plan\" & more... done");
        let find = |w: &str| {
            let s = n.as_str().find(w).unwrap();
            n.to_original(orig, s, s + w.len()).slice(orig)
        };
        assert_eq!(find("Kyiv's"), "Kyiv’s");
        assert_eq!(find("\"plan\""), "“plan”");
        assert_eq!(find("&"), "&amp;");
        assert_eq!(find("more..."), "more…");
        assert_eq!(find(".."), "…");
        assert_eq!(find("done"), "done");
    }

    #[test]
    fn ascii_is_identity() {
        let n = NormalizedText::new("plain text");
        assert!(n.is_identity());
        assert_eq!(n.to_original("plain text", 6, 10).slice("plain text"), "text");
    }

    #[test]
    fn dropped_characters_are_skipped() {
        let orig = "co\u{ad}operate";
        let n = NormalizedText::new(orig);
        assert_eq!(n.as_str(), "cooperate");
        assert_eq!(n.to_original(orig, 0, 9).slice(orig), orig);
        assert_eq!(n.to_original(orig, 2, 9).slice(orig), "operate");
    }

    proptest::proptest! {
        #[test]
        fn in_order_mapping_agrees_on_any_range_sequence(
            text in "([a-z ]|’|“|”|\u{a0}|—|…|&amp;|&|\u{ad}|é){0,30}",
            ranges in proptest::collection::vec((0usize..80, 0usize..80), 0..40),
        ) {
            let n = NormalizedText::new(&text);
            let s = n.as_str();
            let mut in_order = n.to_original_in_order(&text);
            for (a, b) in ranges {
                let (a, b) = (a.min(b).min(s.len() + 2), a.max(b));
                if s.is_char_boundary(a.min(s.len())) && s.is_char_boundary(b.min(s.len())) {
                    proptest::prop_assert_eq!(in_order.map(a, b), n.to_original(&text, a, b));
                }
            }
        }

        #[test]
        fn every_range_maps_to_a_valid_span(
            text in "([a-z ]|’|“|”|\u{a0}|—|…|&amp;|&|\u{ad}|é){0,30}",
            a in 0usize..80, b in 0usize..80,
        ) {
            let n = NormalizedText::new(&text);
            let s = n.as_str();
            let (a, b) = (a.min(s.len()), b.min(s.len()));
            let (a, b) = (a.min(b), a.max(b));
            if s.is_char_boundary(a) && s.is_char_boundary(b) {
                let span = n.to_original(&text, a, b);
                let back = NormalizedText::new(span.slice(&text));
                // normalising the original words gives the normalised words back
                // whenever the range did not cut through an expansion
                if !s[a..b].contains('.') {
                    proptest::prop_assert_eq!(back.as_str(), &s[a..b]);
                }
            }
        }
    }
}
