//! Look-ups by position over a layer, so that a component asking "which
//! quote holds this token?" once per event costs a binary search, not a scan
//! of the layer: a scan per item is quadratic on a long document.

use crate::Span;

/// Spans of one layer (e.g. `Doc::quotes`), indexed by start.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// (start, end, index in the layer), sorted by start then index.
    by_start: Vec<(usize, usize, usize)>,
    longest: usize,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut by_start: Vec<(usize, usize, usize)> =
            spans.into_iter().enumerate().map(|(i, s)| (s.start(), s.end(), i)).collect();
        by_start.sort_unstable();
        let longest = by_start.iter().map(|&(a, b, _)| b - a).max().unwrap_or(0);
        SpanIndex { by_start, longest }
    }

    /// The lowest layer index whose span contains `span`: the same answer as
    /// `layer.iter().position(|x| x.span.contains(span))`.
    pub fn first_containing(&self, span: Span) -> Option<usize> {
        let hi = self.by_start.partition_point(|&(a, _, _)| a <= span.start());
        let lowest_start = span.start().saturating_sub(self.longest);
        self.by_start[..hi]
            .iter()
            .rev()
            .take_while(|&&(a, _, _)| a >= lowest_start)
            .filter(|&&(_, b, _)| b >= span.end())
            .map(|&(_, _, i)| i)
            .min()
    }

    /// Layer indices of the spans that start in `[from, to)`, in start order.
    pub fn starting_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let lo = self.by_start.partition_point(|&(a, _, _)| a < from);
        self.by_start[lo..].iter().take_while(move |&&(a, _, _)| a < to).map(|&(_, _, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_scan() {
        let text = "x".repeat(100);
        let spans: Vec<Span> = [(10, 50), (20, 30), (0, 5), (25, 27), (60, 99)]
            .iter()
            .map(|&(a, b)| Span::new(&text, a, b).unwrap())
            .collect();
        let index = SpanIndex::new(spans.iter().copied());
        for a in 0..100 {
            for b in a..100 {
                let probe = Span::new(&text, a, b).unwrap();
                let scan = spans.iter().position(|s| s.contains(probe));
                assert_eq!(index.first_containing(probe), scan, "{a}..{b}");
            }
        }
        assert_eq!(index.starting_in(10, 26).collect::<Vec<_>>(), vec![0, 1, 3]);
    }
}
