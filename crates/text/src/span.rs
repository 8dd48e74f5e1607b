use serde::Serialize;
use thiserror::Error;

/// A `[start, end)` byte range into a text.
///
/// Architecture Invariant: a `Span` made from a text by [`Span::new`] (or
/// derived from such spans) satisfies `start <= end <= text.len()` with both
/// ends on char boundaries of that text, so `span.slice(text)` cannot panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    start: usize,
    end: usize,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum SpanError {
    #[error("span [{start}, {end}) is reversed")]
    Reversed { start: usize, end: usize },
    #[error("span [{start}, {end}) runs past the end of a {len}-byte text")]
    OutOfBounds { start: usize, end: usize, len: usize },
    #[error("span [{start}, {end}) does not fall on character boundaries")]
    NotCharBoundary { start: usize, end: usize },
}

impl Span {
    /// Checks the span against the text it indexes.
    #[inline]
    pub fn new(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        if end > text.len() {
            return Err(SpanError::OutOfBounds { start, end, len: text.len() });
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(SpanError::NotCharBoundary { start, end });
        }
        Ok(Span { start, end })
    }

    /// The span of a sub-slice: `part` must be a slice borrowed from `text`
    /// (as `str::split`, `trim` or a regex match return). Returns `None` when
    /// it is not.
    pub fn of_subslice(text: &str, part: &str) -> Option<Span> {
        let base = text.as_ptr() as usize;
        let p = part.as_ptr() as usize;
        if p < base || p + part.len() > base + text.len() {
            return None;
        }
        Some(Span { start: p - base, end: p - base + part.len() })
    }

    /// The whole of `text`.
    pub fn whole(text: &str) -> Span {
        Span { start: 0, end: text.len() }
    }

    /// The smallest span covering both (both must index the same text).
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// From the start of `self` to the end of `other`; `None` if reversed.
    #[inline]
    pub fn to(self, other: Span) -> Option<Span> {
        (self.start <= other.end).then_some(Span { start: self.start, end: other.end })
    }

    /// The gap between two spans, `self` first. `None` when they overlap.
    #[inline]
    pub fn gap(self, other: Span) -> Option<Span> {
        (self.end <= other.start).then_some(Span { start: self.end, end: other.start })
    }

    #[inline]
    pub fn start(self) -> usize {
        self.start
    }
    #[inline]
    pub fn end(self) -> usize {
        self.end
    }
    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The words this span covers. Panics only if `text` is not the text the
    /// span was made from (a programming error, not an input error).
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// The same span without leading/trailing white space and the given
    /// extra characters.
    pub fn trim_matches(self, text: &str, extra: &[char]) -> Span {
        let s = self.slice(text);
        let t = s.trim_matches(|c: char| c.is_whitespace() || extra.contains(&c));
        if t.is_empty() {
            return Span { start: self.start, end: self.start };
        }
        let off = t.as_ptr() as usize - s.as_ptr() as usize;
        Span { start: self.start + off, end: self.start + off + t.len() }
    }

    /// The same span without leading and trailing white space.
    pub fn trim(self, text: &str) -> Span {
        self.trim_matches(text, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_reversed_out_of_bounds_and_split_characters() {
        let t = "a’b";
        assert_eq!(Span::new(t, 2, 1), Err(SpanError::Reversed { start: 2, end: 1 }));
        assert!(matches!(Span::new(t, 0, 9), Err(SpanError::OutOfBounds { .. })));
        assert!(matches!(Span::new(t, 0, 2), Err(SpanError::NotCharBoundary { .. })));
        assert_eq!(Span::new(t, 1, 4).unwrap().slice(t), "’");
    }

    #[test]
    fn subslice_and_trim() {
        let t = "  “hello”  ";
        let inner = t.trim();
        let s = Span::of_subslice(t, inner).unwrap();
        assert_eq!(s.slice(t), "“hello”");
        assert_eq!(s.trim_matches(t, &['“', '”']).slice(t), "hello");
        assert!(Span::of_subslice(t, "elsewhere").is_none());
    }

    proptest::proptest! {
        #[test]
        fn any_checked_span_slices(text in "\\PC{0,40}", a in 0usize..60, b in 0usize..60) {
            if let Ok(s) = Span::new(&text, a, b) {
                let _ = s.slice(&text);
                let _ = s.trim(&text).slice(&text);
            }
        }
    }
}
