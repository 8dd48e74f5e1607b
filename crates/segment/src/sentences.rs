use dateline_doc::{Doc, Sentence, Token, TokenKind};

/// Abbreviations after which a period does not end a sentence (lower-case).
fn never_final(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"mr" | b"mrs" | b"ms" | b"dr" | b"gen" | b"sen" | b"rep" | b"gov" | b"lt" | b"col" | b"sgt" | b"capt"
            | b"cmdr" | b"adm" | b"maj" | b"prof" | b"st" | b"ste" | b"jan" | b"feb" | b"mar" | b"apr" | b"jun"
            | b"jul" | b"aug" | b"sep" | b"sept" | b"oct" | b"nov" | b"dec" | b"no" | b"nos" | b"vs" | b"v" | b"ft"
            | b"mt" | b"rev" | b"pres" | b"supt" | b"atty" | b"gens" | b"sens" | b"reps" | b"fig" | b"approx"
            | b"dept" | b"est" | b"brig" | b"cpl" | b"pvt" | b"msgr" | b"hon" | b"messrs" | b"mme" | b"mlle" | b"sr"
            | b"jr" | b"e.g" | b"i.e" | b"cf" | b"al" | b"ave"
    )
}

/// Abbreviations that may end a sentence (lower-case): split only before a
/// typical sentence opener.
fn may_be_final(lower: &[u8]) -> bool {
    matches!(lower, b"inc" | b"corp" | b"ltd" | b"co" | b"etc" | b"bros" | b"plc" | b"llc" | b"a.m" | b"p.m")
}

/// Typical sentence openers (lower-case).
fn opener(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"the" | b"a" | b"an" | b"he" | b"she" | b"it" | b"they" | b"we" | b"i" | b"you" | b"but" | b"and" | b"in"
            | b"on" | b"at" | b"this" | b"that" | b"these" | b"those" | b"his" | b"her" | b"their" | b"its" | b"our"
            | b"there" | b"when" | b"while" | b"after" | b"before" | b"as" | b"if" | b"mr." | b"mrs." | b"ms."
            | b"dr." | b"some" | b"many" | b"most" | b"officials" | b"however" | b"meanwhile" | b"still" | b"yet"
            | b"so"
    )
}

/// The longest word of the lists above.
const LONGEST: usize = 9;

/// Whether `word`, ASCII-lower-cased, is in the list `is_in` tests.
fn lower_in(word: &str, is_in: fn(&[u8]) -> bool) -> bool {
    let w = word.as_bytes();
    if w.len() > LONGEST {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    is_in(&buf[..w.len()])
}

/// Groups each paragraph's tokens into sentences.
pub fn sentences(doc: &Doc) -> Vec<Sentence> {
    let mut out = Vec::new();
    let toks = &doc.tokens;
    let mut t = 0;
    for (p, para) in doc.paragraphs.iter().enumerate() {
        while t < toks.len() && toks[t].span.start() < para.start() {
            t += 1;
        }
        let first = t;
        while t < toks.len() && toks[t].span.end() <= para.end() {
            t += 1;
        }
        split_paragraph(doc, first, t, p, &mut out);
    }
    out
}

/// Whether token `tok` may end a sentence at all: punctuation, or a word of
/// two bytes or more whose last byte is a dot. Only these go on to
/// [`ends_sentence_at`]; nearly every token is a word without a final dot,
/// told here without a call.
#[inline]
fn may_end_sentence(norm: &[u8], tok: &Token) -> bool {
    match tok.kind {
        TokenKind::Punct => true,
        TokenKind::Word => tok.norm_end > tok.norm_start + 1 && norm.get(tok.norm_end as usize - 1) == Some(&b'.'),
        _ => false,
    }
}

fn split_paragraph(doc: &Doc, first: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let norm = doc.norm.as_str().as_bytes();
    let mut start = first;
    let mut i = first;
    while i < end {
        if may_end_sentence(norm, &doc.tokens[i]) && ends_sentence_at(doc, i, end) {
            let mut last = i;
            // closing quotes and brackets belong to the sentence they close
            while last + 1 < end && is_closer(doc, last + 1) {
                last += 1;
            }
            if last + 1 >= end || starts_sentence(doc, last + 1) {
                push(doc, start, last + 1, paragraph, out);
                start = last + 1;
                i = last + 1;
                continue;
            }
        }
        i += 1;
    }
    if start < end {
        push(doc, start, end, paragraph, out);
    }
}

fn push(doc: &Doc, a: usize, b: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let span = doc.tokens[a].span.cover(doc.tokens[b - 1].span);
    out.push(Sentence { span, tokens: a..b, paragraph });
}


fn ends_sentence_at(doc: &Doc, i: usize, end: usize) -> bool {
    let tok = &doc.tokens[i];
    match tok.kind {
        // the token's bytes: no char-boundary checks for every punctuation mark
        TokenKind::Punct => match doc.norm.as_str().as_bytes().get(tok.norm_start as usize..tok.norm_end as usize).unwrap_or(b"") {
            b"!" | b"?" => true,
            b"." => !(i > 0 && period_is_abbreviation(doc, i - 1, i + 1, end)),
            text if text.starts_with(b"..") => i + 1 < end && starts_with_upper(doc, i + 1),
            _ => false,
        },
        // a word of two bytes or more that ends in a dot, told by its last
        // byte: most tokens are words, and most words are not sliced here
        TokenKind::Word
            if tok.norm_end > tok.norm_start + 1 && doc.norm.as_str().as_bytes().get(tok.norm_end as usize - 1) == Some(&b'.') =>
        {
            // a dotted abbreviation such as "U.S." at the end of a sentence
            i + 1 >= end || next_is_opener(doc, i + 1)
        }
        _ => false,
    }
}

/// Whether the period after token `w` belongs to an abbreviation or initial.
fn period_is_abbreviation(doc: &Doc, w: usize, next: usize, end: usize) -> bool {
    let t = &doc.tokens[w];
    if t.span.end() != doc.tokens[w + 1].span.start() {
        return false; // "word ." with a space: a real stop
    }
    let word = doc.token_text(w);
    if t.kind == TokenKind::Number {
        return false;
    }
    if lower_in(word, never_final) {
        // "No." is an abbreviation only before a number
        if word.eq_ignore_ascii_case("no") {
            return next < end && doc.tokens[next].kind == TokenKind::Number;
        }
        return true;
    }
    if lower_in(word, may_be_final) {
        return !(next >= end || next_is_opener(doc, next));
    }
    // an initial: a single capital letter
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase()) && next < end && starts_with_upper(doc, next)
}

fn is_closer(doc: &Doc, i: usize) -> bool {
    let tok = &doc.tokens[i];
    let text = doc.token_text(i);
    match tok.kind {
        TokenKind::Quote => {
            let orig = doc.slice(tok.span);
            orig == "”" || orig == "’" || orig == "»" || !tok.space_before
        }
        TokenKind::Punct => matches!(text, ")" | "]" | "}"),
        _ => false,
    }
}

fn starts_with_upper(doc: &Doc, i: usize) -> bool {
    doc.token_text(i).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_sentence(doc: &Doc, i: usize) -> bool {
    let tok = &doc.tokens[i];
    match tok.kind {
        TokenKind::Quote | TokenKind::Symbol => true,
        TokenKind::Punct => matches!(doc.token_text(i), "(" | "[" | "-" | "*"),
        TokenKind::Number => true,
        TokenKind::Word => starts_with_upper(doc, i),
    }
}

/// Whether token `i` opens a sentence after an abbreviation's dot: a
/// typical opener, or a quotation mark before a capital ("U.S. “We …");
/// one before a lower-case word is a quote inside the sentence ("the
/// U.S. “clearly” needed").
fn next_is_opener(doc: &Doc, i: usize) -> bool {
    let tok = &doc.tokens[i];
    if tok.kind == TokenKind::Quote {
        return i + 1 >= doc.tokens.len() || !doc.token_text(i + 1).chars().next().is_some_and(char::is_lowercase);
    }
    lower_in(doc.token_text(i), opener)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_doc::DocMeta;

    /// The filter in front of [`ends_sentence_at`] passes every token that
    /// can end a sentence: tested over texts of words, dots, abbreviations,
    /// quotes and brackets.
    #[test]
    fn filter_never_drops_a_sentence_end() {
        let texts = [
            "Gen. Mark A. Milley met Sen. Jones on Jan. 5 in the U.S. capital. Inflation was 3.5 percent. He left.",
            "Troops left the U.S. The talks went on... And then? Yes! (Done.) “Quoted.” 'Single.' No. 5 is No. The end",
            "a.m. p.m. Inc. The Co. the co. etc. He said so... “we” — U.N.-led e.g. x. y. Z. A. B",
        ];
        for text in texts {
            let mut doc = Doc::new(text.to_string(), DocMeta::default());
            doc.tokens = crate::tokenize(&doc);
            let norm = doc.norm.as_str().as_bytes();
            let n = doc.tokens.len();
            for i in 0..n {
                for end in i + 1..=n {
                    if ends_sentence_at(&doc, i, end) {
                        assert!(may_end_sentence(norm, &doc.tokens[i]), "{:?} in {text:?}", doc.token_text(i));
                    }
                }
            }
        }
    }
}
