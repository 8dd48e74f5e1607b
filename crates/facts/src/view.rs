//! A light view of a document's tokens for the matchers: each token's
//! normalised text, looked up by index, with bounds-checked helpers so a
//! pattern that runs off the end simply fails to match.

use dateline_doc::{Doc, TokenKind};

/// Whether `word` is one of `words`: the same as `words.contains(&word)`,
/// with the length and first byte compared before the bytes (the lists are
/// short, and most candidates differ in one of those), so most entries cost
/// no call to compare memory.
#[inline]
pub(crate) fn one_of(word: &str, words: &[&str]) -> bool {
    let (w, len) = (word.as_bytes(), word.len());
    let Some(&first) = w.first() else { return words.contains(&word) };
    words.iter().any(|x| x.len() == len && x.as_bytes()[0] == first && x.as_bytes() == w)
}

pub(crate) struct View<'a> {
    pub doc: &'a Doc,
    norm: &'a str,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Doc) -> View<'a> {
        View { doc, norm: doc.norm.as_str() }
    }

    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// The token's normalised text, or "" past either end.
    pub fn word(&self, i: usize) -> &'a str {
        self.doc.tokens.get(i).and_then(|t| self.norm.get(t.norm_start as usize..t.norm_end as usize)).unwrap_or("")
    }

    /// The word before `i`, or "" at the start.
    pub fn before(&self, i: usize, back: usize) -> &'a str {
        i.checked_sub(back).map_or("", |j| self.word(j))
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.doc.tokens.get(i).map(|t| t.kind)
    }

    /// Whether white space (or the start of the text) precedes token `i`.
    pub fn spaced(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_none_or(|t| t.space_before)
    }

    /// Whether token `i` equals `lowercase`, ignoring ASCII case.
    pub fn is(&self, i: usize, lowercase: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(lowercase)
    }

    /// Whether token `i` is one of `words` (lower-case), ignoring case:
    /// `lower(word)` is one of `words`. Each entry of the same length is
    /// compared with the word lower-cased byte by byte, so the word is
    /// not copied first (most entries differ in length or first byte);
    /// whether it is ASCII is only asked of a match.
    #[inline]
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i).as_bytes();
        if w.is_empty() || w.len() > 24 {
            return false;
        }
        words.iter().any(|x| x.len() == w.len() && x.bytes().zip(w).all(|(a, &b)| a == b.to_ascii_lowercase())) && w.is_ascii()
    }

    /// Whether the token starts with an upper-case letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::one_of;

    /// [`super::View::is_any`] is `lower(word)` in the list.
    #[test]
    fn is_any_is_lower_then_one_of() {
        use dateline_doc::{Doc, DocMeta};
        use dateline_pipeline::Component;
        let text = "The THE the tHe a An AN ÉTÉ été Than than-that U.S. u.s. 1990s aBoUt x averyveryverylongwordofmorethan24bytes Über";
        let mut doc = Doc::new(text.to_string(), DocMeta::default());
        dateline_segment::Segmenter.run(&mut doc);
        let view = super::View::new(&doc);
        let lists: [&[&str]; 5] = [&["the", "a", "an"], &["than", "about", "u.s."], &["été", "über", "x"], &[], &["averyveryverylongwordofmorethan24bytes"]];
        for i in 0..view.len() + 2 {
            for list in lists {
                let mut buf = [0u8; 24];
                let by_copy = crate::numbers::lower(view.word(i), &mut buf).is_some_and(|w| one_of(w, list));
                assert_eq!(view.is_any(i, list), by_copy, "{:?} in {list:?}", view.word(i));
            }
        }
    }

    #[test]
    fn one_of_is_contains() {
        let lists: [&[&str]; 4] = [&[], &["a", "an", "the"], &["", "x"], &["than", "as", "least", "most", "to", "over", "of", "ago", "about"]];
        let words = ["", "a", "an", "the", "th", "x", "than", "that", "as", "at", "least", "lease", "o", "of", "off", "ago", "about", "abou", "é"];
        for list in lists {
            for w in words {
                assert_eq!(one_of(w, list), list.contains(&w), "{w:?} in {list:?}");
            }
        }
    }
}
