//! The lexicon's lower-cased forms as a trie, searched from one position
//! for the longest form there (what an anchored, leftmost-longest,
//! ASCII-case-insensitive Aho-Corasick search finds).
//!
//! Why not the automaton: every search here is anchored at a word start,
//! so failure transitions are never followed, yet building them was most
//! of the cost of starting the program. The forms arrive sorted, so the
//! trie is laid out in one pass over them, each node's edges side by side.
//!
//! An edge carries what the search needs of the node it leads to (the form
//! ending there, where that node's edges are), so a step of the search
//! reads one run of edges: the table is far bigger than the cache, and a
//! step that read a node and then its edges waited for memory twice.

/// An edge, and the node it leads to: the byte it reads (lower case), the
/// form ending at that node ([`NONE`] when none does) and the node's own
/// edges, `first..first + len`.
#[derive(Clone, Copy, Debug)]
struct Edge {
    pattern: u32,
    first: u32,
    len: u16,
    byte: u8,
}

const NONE: u32 = u32::MAX;
const NO_EDGE: Edge = Edge { pattern: NONE, first: 0, len: 0, byte: 0 };

#[derive(Clone, Debug)]
pub(super) struct FormTrie {
    /// Every node's edges, a node's edges side by side in byte order.
    edges: Vec<Edge>,
    /// The root's edge for each input byte as written (both cases of a
    /// letter share one); `len == 0 && pattern == NONE` when there is none.
    root_by_byte: Box<[Edge; 256]>,
    /// The empty form's number, when there is one.
    empty: u32,
}

impl FormTrie {
    /// The trie of `forms`, which must be sorted (byte order), distinct and
    /// without ASCII capitals; form `i` is reported as pattern `i`.
    pub(super) fn new(forms: &[&[u8]]) -> FormTrie {
        debug_assert!(forms.windows(2).all(|w| w[0] < w[1]));
        let mut t = FormTrie { edges: Vec::new(), root_by_byte: Box::new([NO_EDGE; 256]), empty: NONE };
        if forms.len() >= NONE as usize {
            // more forms than pattern numbers: an empty trie (finds nothing)
            return t;
        }
        let total: usize = forms.iter().map(|f| f.len()).sum();
        t.edges.reserve(total / 2 + 1);
        let root = t.add_node(forms, 0, 0);
        t.empty = root.pattern;
        for e in root.first as usize..(root.first as usize + root.len as usize) {
            let edge = t.edges[e];
            t.root_by_byte[edge.byte as usize] = edge;
            t.root_by_byte[edge.byte.to_ascii_uppercase() as usize] = edge;
        }
        t
    }

    /// Lays out the node for `forms` (numbered from `first`, sharing their
    /// first `depth` bytes) and every node below it, and returns that node
    /// as an edge (without its byte).
    ///
    /// Depth first, each node's edges side by side before the nodes below
    /// them; iterative, because a user's lexicon may hold a form far longer
    /// than a thread's stack allows recursion for.
    fn add_node(&mut self, forms: &[&[u8]], first: usize, depth: usize) -> Edge {
        let mut root = NO_EDGE;
        // (forms of the node, first form's number, depth, the edge that leads to it)
        let mut pending: Vec<(usize, usize, usize, Option<usize>)> = vec![(0, forms.len(), depth, None)];
        while let Some((lo, hi, depth, parent_edge)) = pending.pop() {
            let group = &forms[lo..hi];
            // the form equal to the shared prefix, if any, sorts first
            let (pattern, rest) = match group.first() {
                Some(f) if f.len() == depth => ((first + lo) as u32, 1),
                _ => (NONE, 0),
            };
            let first_edge = self.edges.len();
            // the children go on the stack, then are turned round
            let children = pending.len();
            let mut i = rest;
            while i < group.len() {
                let byte = group[i][depth];
                let end = i + group[i..].partition_point(|f| f[depth] == byte);
                pending.push((lo + i, lo + end, depth + 1, Some(self.edges.len())));
                self.edges.push(Edge { byte, ..NO_EDGE });
                i = end;
            }
            // a node has at most one edge per byte value
            let node = Edge { pattern, first: first_edge as u32, len: (self.edges.len() - first_edge) as u16, byte: 0 };
            match parent_edge {
                Some(e) => self.edges[e] = Edge { byte: self.edges[e].byte, ..node },
                None => root = node,
            }
            // the first child is laid out next, as a recursive walk would
            pending[children..].reverse();
        }
        root
    }

    /// Whether the empty form is one of the forms (it matches everywhere).
    pub(super) fn has_empty_form(&self) -> bool {
        self.empty != NONE
    }

    /// The longest form that `text[pos..]` begins with, ASCII case aside:
    /// `(pattern, end)`.
    #[inline]
    pub(super) fn longest_at(&self, text: &[u8], pos: usize) -> Option<(usize, usize)> {
        let rest = text.get(pos..)?;
        let mut best = (self.empty != NONE).then_some((self.empty as usize, pos));
        let Some(&b0) = rest.first() else { return best };
        let mut edge = self.root_by_byte[b0 as usize];
        let mut end = pos + 1;
        loop {
            if edge.pattern != NONE {
                best = Some((edge.pattern as usize, end));
            }
            let Some(&b) = text.get(end) else { break };
            let b = b.to_ascii_lowercase();
            let below = self.edges.get(edge.first as usize..edge.first as usize + edge.len as usize).unwrap_or_default();
            match below.iter().find(|e| e.byte == b) {
                Some(next) => edge = *next,
                None => break,
            }
            end += 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: the longest form that is a prefix of
    /// `text[pos..]`, compared ignoring ASCII case.
    fn longest_by_scan(forms: &[&[u8]], text: &[u8], pos: usize) -> Option<(usize, usize)> {
        let rest = text.get(pos..)?;
        forms
            .iter()
            .enumerate()
            .filter(|(_, f)| rest.len() >= f.len() && rest[..f.len()].eq_ignore_ascii_case(f))
            .max_by_key(|(_, f)| f.len())
            .map(|(i, f)| (i, pos + f.len()))
    }

    fn check(forms: &[&[u8]], texts: &[&[u8]]) {
        let trie = FormTrie::new(forms);
        for text in texts {
            for pos in 0..=text.len() + 1 {
                assert_eq!(trie.longest_at(text, pos), longest_by_scan(forms, text, pos), "{:?} at {pos}", String::from_utf8_lossy(text));
            }
        }
    }

    #[test]
    fn longest_form_as_by_scanning_every_form() {
        let mut forms: Vec<&[u8]> = vec![
            b"u.s.", b"us", b"u", b"new york", b"new", b"new york city", b"foreign minister", b"foreign ministry", b"e", b"eu", b"\xc3\xa9lys\xc3\xa9e",
            b"z", b"zz", b"a b", b"a bc",
        ];
        forms.sort();
        let texts: [&[u8]; 8] = [b"U.S. and US troops", b"NEW YORK CITY hall", b"New Yorker", b"Foreign Ministry said", b"EU-E", b"\xc3\xa9lys\xc3\xa9e \xc3\x89LYS\xc3\x89E", b"zzz a bcd a b", b""];
        check(&forms, &texts);
        let mut with_empty = forms.clone();
        with_empty.insert(0, b"");
        check(&with_empty, &texts);
        check(&[], &texts);
    }

    #[test]
    fn the_gazetteer_forms_as_by_scanning() {
        let gaz = super::super::gazetteer();
        let keys: Vec<String> = gaz.entries.iter().map(|v| v[0].0.to_ascii_lowercase()).collect();
        let forms: Vec<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
        let texts: [&[u8]; 3] = [
            b"The U.S. Defense Secretary met the Foreign Minister of the Democratic Republic of the Congo in Addis Ababa; NATO and the EU said.",
            b"KYIV, Ukraine (AP) - UKRAINIAN FORCES and Russian troops; the European Commission's deputy prime minister",
            b"Brussels Washington Beijing Moscow United Nations Security Council",
        ];
        let trie = FormTrie::new(&forms);
        // and as the anchored leftmost-longest automaton the trie replaced
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&forms)
            .expect("the automaton builds");
        for text in texts {
            for pos in 0..=text.len() {
                let expected = longest_by_scan(&forms, text, pos);
                assert_eq!(trie.longest_at(text, pos), expected, "at {pos}");
                let input = aho_corasick::Input::new(text).range(pos..).anchored(aho_corasick::Anchored::Yes);
                let found = automaton.try_find(input).expect("an anchored search").map(|m| (m.pattern().as_usize(), m.end()));
                assert_eq!(found, expected, "at {pos}");
            }
        }
    }

    #[test]
    fn a_form_longer_than_any_stack_allows_recursion_for() {
        // a user's lexicon line can be of any length: building and searching
        // must not recurse per byte (this thread's stack is 64 KiB)
        let long = vec![b'a'; 200_000];
        let built = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                let forms: Vec<&[u8]> = vec![b"a", &long, b"ab"];
                let trie = FormTrie::new(&forms);
                (trie.longest_at(&long, 0), trie.longest_at(b"abc", 0), trie.longest_at(&long[1..], 0))
            })
            .expect("the thread starts")
            .join()
            .expect("no stack overflow");
        assert_eq!(built, (Some((1, 200_000)), Some((2, 2)), Some((0, 1))));
    }
}
