use dateline_doc::{Doc, Sentence, TokenKind};

/// Abbreviations after which a period does not end a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "prof",
    "st", "ste", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos",
    "vs", "v", "ft", "mt", "rev", "pres", "supt", "atty", "gens", "sens", "reps", "fig", "approx", "dept", "est",
    "brig", "cpl", "pvt", "msgr", "hon", "messrs", "mme", "mlle", "sr", "jr", "e.g", "i.e", "cf", "al", "ave",
];

/// Abbreviations that may end a sentence: split only before a typical sentence opener.
const MAY_BE_FINAL: &[&str] = &["inc", "corp", "ltd", "co", "etc", "bros", "plc", "llc", "a.m", "p.m"];

const OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At", "This", "That",
    "These", "Those", "His", "Her", "Their", "Its", "Our", "There", "When", "While", "After", "Before", "As", "If",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Some", "Many", "Most", "Officials", "However", "Meanwhile", "Still", "Yet", "So",
];

fn eq_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(word))
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

fn split_paragraph(doc: &Doc, first: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let mut start = first;
    let mut i = first;
    while i < end {
        if ends_sentence_at(doc, i, end) {
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
        TokenKind::Punct => match doc.token_text(i) {
            "!" | "?" => true,
            "." => !(i > 0 && period_is_abbreviation(doc, i - 1, i + 1, end)),
            text if text.starts_with("..") => i + 1 < end && starts_with_upper(doc, i + 1),
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
    if eq_any(word, NEVER_FINAL) {
        // "No." is an abbreviation only before a number
        if word.eq_ignore_ascii_case("no") {
            return next < end && doc.tokens[next].kind == TokenKind::Number;
        }
        return true;
    }
    if eq_any(word, MAY_BE_FINAL) {
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

fn next_is_opener(doc: &Doc, i: usize) -> bool {
    let tok = &doc.tokens[i];
    tok.kind == TokenKind::Quote || eq_any(doc.token_text(i), OPENERS)
}
