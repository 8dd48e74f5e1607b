//! Direct quotations: pairing quotation marks.
//!
//! Marks are read in the ORIGINAL text, because typographic marks carry
//! their direction (“ opens, ” closes) which the normalised view loses. A
//! straight mark takes its direction from the spaces around it. Two
//! adjacent straight apostrophes ('' … '') count as one double mark.
//!
//! Rules that keep a bad text from doing harm:
//! * a quote never runs past its paragraph;
//! * an opening mark while a quote is open restarts the quote (the first
//!   mark was stray); a closing mark with no quote open is ignored;
//! * a quote left open at the end of its paragraph is kept only when the
//!   next paragraph opens with a mark (the convention for a quotation that
//!   runs over several paragraphs) or when the paragraph itself starts with
//!   the mark; we emit ONE QUOTE PER PARAGRAPH of such a run, each with its
//!   own span, and the attribution step gives them the same speaker;
//! * single marks pair only outside double quotes (nested single quotes stay
//!   inside the quote that holds them), and within 40 tokens.

use dateline_doc::{Doc, Span};

use crate::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    first: usize,
    last: usize,
    double: bool,
    dir: Dir,
}

/// A quotation found between marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marked {
    /// First token of the opening mark.
    pub open: usize,
    /// First token inside the quote.
    pub inner_first: usize,
    /// One past the last token inside the quote.
    pub inner_end: usize,
    /// Token index of the closing mark (its first token), if there is one.
    pub close: Option<usize>,
    /// The words between the marks, trimmed of white space.
    pub span: Span,
    /// The words with their marks.
    pub outer: Span,
    pub paragraph: usize,
    /// Single marks (‘…’).
    pub single: bool,
}

/// Token ranges of the paragraphs.
pub(crate) fn paragraph_tokens(doc: &Doc) -> Vec<(usize, usize)> {
    doc.paragraphs
        .iter()
        .map(|p| {
            let a = doc.tokens.partition_point(|t| t.span.start() < p.start());
            let b = doc.tokens.partition_point(|t| t.span.start() < p.end());
            (a, b.max(a))
        })
        .collect()
}

fn classify(v: View, i: usize, para: (usize, usize)) -> Dir {
    let o = v.orig(i);
    match o {
        "“" | "‘" | "„" | "‚" | "«" | "‹" => return Dir::Open,
        "”" | "’" | "»" | "›" => return Dir::Close,
        _ => {}
    }
    let space_before = i == para.0 || v.doc.tokens[i].space_before || is_opening_punct(v, i - 1);
    let space_after = i + 1 >= para.1 || v.doc.tokens[i + 1].space_before || is_closing_punct(v, i + 1);
    match (space_before, space_after) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        (false, false) if i > para.0 && matches!(v.text(i - 1), "," | "." | "!" | "?" | ";" | ":") => Dir::Close,
        _ => Dir::Either,
    }
}

fn is_opening_punct(v: View, i: usize) -> bool {
    matches!(v.text(i), "(" | "[" | "-" | "--" | ":") || v.orig(i) == "—"
}

fn is_closing_punct(v: View, i: usize) -> bool {
    matches!(v.text(i), "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "-") || v.text(i).starts_with("..")
}

fn is_double(o: &str) -> bool {
    matches!(o, "\"" | "“" | "”" | "„" | "«" | "»" | "″" | "‟") || o.starts_with('&')
}

fn marks_of(v: View, para: (usize, usize), out: &mut Vec<Mark>) {
    out.clear();
    let quotes = v.quote_tokens_in(para.0, para.1);
    let mut n = 0;
    while let Some(&i) = quotes.get(n) {
        let o = v.orig(i);
        // '' as a double mark
        if (o == "'" || o == "`" || o == "’" || o == "‘")
            && i + 1 < para.1
            && v.is_quote(i + 1)
            && !v.doc.tokens[i + 1].space_before
            && matches!(v.orig(i + 1), "'" | "`" | "’" | "‘")
        {
            let d1 = classify(v, i, para);
            let d2 = classify(v, i + 1, para);
            let dir = if d1 == Dir::Open || (d1 == Dir::Either && d2 == Dir::Open) {
                Dir::Open
            } else if d2 == Dir::Close || d1 == Dir::Close {
                Dir::Close
            } else {
                Dir::Either
            };
            out.push(Mark { first: i, last: i + 1, double: true, dir });
            n += 2;
            continue;
        }
        out.push(Mark { first: i, last: i, double: is_double(o), dir: classify(v, i, para) });
        n += 1;
    }
}

fn make(v: View, open: &Mark, close: Option<&Mark>, para_end: usize, paragraph: usize) -> Option<Marked> {
    let doc = v.doc;
    let inner_first = open.last + 1;
    let inner_end = close.map_or(para_end, |c| c.first);
    if inner_first >= inner_end {
        return None;
    }
    let a = doc.tokens[open.last].span.end();
    let b = close.map_or(doc.tokens[para_end - 1].span.end(), |c| doc.tokens[c.first].span.start());
    let span = doc.span(a, b).ok()?.trim(&doc.text);
    if span.is_empty() {
        return None;
    }
    let outer_end = close.map_or(b, |c| doc.tokens[c.last].span.end());
    let outer = doc.span(doc.tokens[open.first].span.start(), outer_end).ok()?;
    Some(Marked {
        open: open.first,
        inner_first,
        inner_end,
        close: close.map(|c| c.first),
        span,
        outer,
        paragraph,
        single: !open.double,
    })
}

/// All direct quotations of the document, in text order.
pub(crate) fn scan(v: View, paras: &[(usize, usize)]) -> Vec<Marked> {
    let mut out = Vec::with_capacity(v.quote_tokens().len() / 2);
    // per-paragraph buffers, reused
    let (mut marks, mut found, mut singles) = (Vec::new(), Vec::<Marked>::new(), Vec::new());
    for (p, &para) in paras.iter().enumerate() {
        if para.0 >= para.1 {
            continue;
        }
        if v.quote_tokens_in(para.0, para.1).is_empty() {
            continue;
        }
        marks_of(v, para, &mut marks);
        found.clear();
        let mut open: Option<Mark> = None;
        for m in marks.iter().filter(|m| m.double) {
            match (m.dir, open) {
                (Dir::Open, _) | (Dir::Either, None) => open = Some(*m),
                (Dir::Close | Dir::Either, Some(o)) => {
                    found.extend(make(v, &o, Some(m), para.1, p));
                    open = None;
                }
                (Dir::Close, None) => {}
            }
        }
        if let Some(o) = open {
            let next_opens = paras.get(p + 1).is_some_and(|&(a, b)| {
                a < b && v.is_quote(a) && matches!(classify(v, a, (a, b)), Dir::Open | Dir::Either)
            });
            if next_opens || o.first == para.0 {
                found.extend(make(v, &o, None, para.1, p));
            }
        }
        // single marks, outside the double quotes
        let inside = |t: usize| found.iter().any(|q| q.open <= t && t <= q.close.unwrap_or(q.inner_end));
        let mut open: Option<Mark> = None;
        singles.clear();
        for m in marks.iter().filter(|m| !m.double && !inside(m.first)) {
            match (m.dir, open) {
                (Dir::Open, _) => open = Some(*m),
                (Dir::Close, Some(o)) | (Dir::Either, Some(o)) => {
                    if m.first - o.last <= 40 {
                        singles.extend(make(v, &o, Some(m), para.1, p));
                    }
                    open = None;
                }
                (Dir::Either, None) => open = Some(*m),
                (Dir::Close, None) => {}
            }
        }
        found.append(&mut singles);
        found.sort_by_key(|q| q.open);
        out.append(&mut found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::seg;

    fn quotes(text: &str) -> Vec<String> {
        let d = seg(text);
        let paras = paragraph_tokens(&d);
        let texts = crate::view::TokenTexts::new(&d);
        scan(View::new(&d, &texts), &paras).iter().map(|q| d.slice(q.span).to_string()).collect()
    }

    #[test]
    fn curly_and_straight_marks() {
        assert_eq!(quotes("“We will win,” she said. \"They lost.\""), vec!["We will win,", "They lost."]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(quotes("“He told me ‘never again’ twice,” she said."), vec!["He told me ‘never again’ twice,"]);
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_the_article() {
        let q = quotes("He said ” nothing. Then “ a stray opener here.\n\nNext paragraph is plain.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn quote_running_over_paragraphs_is_one_per_paragraph() {
        let q = quotes("“First part of it.\n\n“Second part,” he said.\n\nAfter.");
        assert_eq!(q, vec!["First part of it.", "Second part,"]);
    }

    #[test]
    fn doubled_apostrophes_are_a_double_mark() {
        assert_eq!(quotes("''It will take time,'' Mr. Ames said."), vec!["It will take time,"]);
    }

    #[test]
    fn possessive_apostrophe_is_not_a_quote() {
        assert!(quotes("The allies’ plans and the Joneses’ house.").is_empty());
    }
}
