//! The lexicon's lower-cased forms as a trie, searched from one position
//! for the longest form there (what an anchored, leftmost-longest,
//! ASCII-case-insensitive Aho-Corasick search finds).
//!
//! Why not the automaton: every search here is anchored at a word start,
//! so failure transitions are never followed, yet building them was most
//! of the cost of starting the program. The forms arrive sorted, so the
//! trie is laid out in one pass over them, each node's edges side by side.

/// A node: its edges `first_edge..first_edge + n_edges` and the form
/// ending there ([`NONE`] when none does).
#[derive(Clone, Copy, Debug)]
struct Node {
    first_edge: u32,
    n_edges: u32,
    pattern: u32,
}

const NONE: u32 = u32::MAX;
const ROOT: u32 = 0;

#[derive(Clone, Debug)]
pub(super) struct FormTrie {
    nodes: Vec<Node>,
    /// Per edge: the (lower-case) byte it reads and the node it leads to,
    /// a node's edges in byte order.
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
    /// The root's child for each input byte as written (both cases of a
    /// letter lead to the same child), [`NONE`] when there is none.
    root_by_byte: Box<[u32; 256]>,
}

impl FormTrie {
    /// The trie of `forms`, which must be sorted (byte order), distinct and
    /// without ASCII capitals; form `i` is reported as pattern `i`.
    pub(super) fn new(forms: &[&[u8]]) -> FormTrie {
        debug_assert!(forms.windows(2).all(|w| w[0] < w[1]));
        let mut t = FormTrie { nodes: Vec::new(), edge_bytes: Vec::new(), edge_targets: Vec::new(), root_by_byte: Box::new([NONE; 256]) };
        if forms.len() >= NONE as usize {
            // more forms than pattern numbers: an empty trie (finds nothing)
            t.nodes.push(Node { first_edge: 0, n_edges: 0, pattern: NONE });
            return t;
        }
        let total: usize = forms.iter().map(|f| f.len()).sum();
        t.nodes.reserve(total / 2 + 1);
        t.edge_bytes.reserve(total / 2 + 1);
        t.edge_targets.reserve(total / 2 + 1);
        t.add_node(forms, 0, 0);
        let root = t.nodes[ROOT as usize];
        for e in root.first_edge as usize..(root.first_edge + root.n_edges) as usize {
            let b = t.edge_bytes[e];
            t.root_by_byte[b as usize] = t.edge_targets[e];
            t.root_by_byte[b.to_ascii_uppercase() as usize] = t.edge_targets[e];
        }
        t
    }

    /// Adds the node for the forms `forms` (numbered from `first`), which
    /// share their first `depth` bytes, and the nodes below it.
    fn add_node(&mut self, forms: &[&[u8]], first: usize, depth: usize) -> u32 {
        let id = self.nodes.len() as u32;
        // the form equal to the shared prefix, if any, sorts first
        let (pattern, rest) = match forms.first() {
            Some(f) if f.len() == depth => (first as u32, 1),
            _ => (NONE, 0),
        };
        self.nodes.push(Node { first_edge: self.edge_bytes.len() as u32, n_edges: 0, pattern });
        // the edges first, so that they lie side by side; then the children
        let first_edge = self.edge_bytes.len();
        let mut i = rest;
        while i < forms.len() {
            let b = forms[i][depth];
            let end = i + forms[i..].partition_point(|f| f[depth] == b);
            self.edge_bytes.push(b);
            self.edge_targets.push(NONE);
            i = end;
        }
        let n_edges = self.edge_bytes.len() - first_edge;
        self.nodes[id as usize].n_edges = n_edges as u32;
        let mut i = rest;
        let mut e = first_edge;
        while i < forms.len() {
            let b = forms[i][depth];
            let end = i + forms[i..].partition_point(|f| f[depth] == b);
            let child = self.add_node(&forms[i..end], first + i, depth + 1);
            self.edge_targets[e] = child;
            e += 1;
            i = end;
        }
        id
    }

    #[inline]
    fn child(&self, node: u32, byte: u8) -> u32 {
        let n = self.nodes[node as usize];
        let (a, b) = (n.first_edge as usize, (n.first_edge + n.n_edges) as usize);
        let b_lower = byte.to_ascii_lowercase();
        match self.edge_bytes.get(a..b).and_then(|bytes| bytes.iter().position(|&x| x == b_lower)) {
            Some(k) => self.edge_targets[a + k],
            None => NONE,
        }
    }

    /// The longest form that `text[pos..]` begins with, ASCII case aside:
    /// `(pattern, end)`.
    #[inline]
    pub(super) fn longest_at(&self, text: &[u8], pos: usize) -> Option<(usize, usize)> {
        let root = self.nodes.first()?;
        let mut best = (root.pattern != NONE).then_some((root.pattern as usize, pos));
        let rest = text.get(pos..)?;
        let Some(&b0) = rest.first() else { return best };
        let mut node = self.root_by_byte[b0 as usize];
        let mut end = pos + 1;
        while node != NONE {
            let p = self.nodes[node as usize].pattern;
            if p != NONE {
                best = Some((p as usize, end));
            }
            let Some(&b) = text.get(end) else { break };
            node = self.child(node, b);
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
}
