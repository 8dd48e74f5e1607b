//! Quotations and reported speech: direct quotes between marks, indirect
//! (reported) speech after a reporting cue, each with its cue, the words
//! naming its speaker and addressee, and the entities they refer to.
//!
//! Steps, each in its module:
//! 1. `marks`: pair quotation marks in the original text (paragraph-bound);
//! 2. `cues` + `report`: find reporting cues (data/speech/cues.tsv) and, per
//!    cue, the speaker phrase (`phrase`), addressee and reported clause;
//! 3. attribution (here): give every direct quote the report next to it —
//!    right after its closing mark ("…,” she said), before its opening mark
//!    in the same sentence (He said “…”), the quote before it in the same
//!    paragraph, or the running speaker of the previous paragraph when the
//!    paragraph is only quotation;
//! 4. `resolve`: speaker phrases → document entities, in text order.
//!
//! Precision rules: a quote with no attribution is kept only when it holds
//! at least [`MIN_UNATTRIBUTED_WORDS`] words (scare quotes and titles are
//! not speech); a reported clause that is itself the direct quotation, or is
//! mostly made of a quotation attributed to the same cue, is not reported
//! twice. Multi-paragraph quotations are one quote per paragraph.

mod cues;
mod marks;
mod names;
mod phrase;
mod report;
mod resolve;
mod view;

use dateline_doc::{Doc, EntityId, Quote, QuoteKind, Span};
use dateline_pipeline::{Component, Layer};

use marks::Marked;
use report::Report;
use resolve::{Phrase, Resolver};
use view::View;

/// Fewest words for a quotation with no cue or speaker near it to count as speech.
pub const MIN_UNATTRIBUTED_WORDS: usize = 4;

#[derive(Debug, Default)]
pub struct QuoteExtractor;

impl Component for QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens, Layer::Sentences, Layer::Mentions, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quotes, Layer::Mentions, Layer::Entities]
    }
    fn run(&self, doc: &mut Doc) {
        extract(doc);
    }
}

/// How a direct quote is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribution {
    None,
    /// To a report (index into the reports).
    Report(usize),
    /// To the speaker of an earlier quote with no cue of its own
    /// (index into the direct quotes).
    Running(usize),
}

/// What analysis found before resolution (token-level, owned).
struct Found {
    marked: Vec<Marked>,
    attributions: Vec<Attribution>,
    reports: Vec<Report>,
    /// Per report: its speaker phrase and the sentence-subject hint.
    phrases: Vec<(Option<Phrase>, Option<Phrase>)>,
    cue_spans: Vec<Span>,
    addressee_spans: Vec<Option<Span>>,
    content_spans: Vec<Option<Span>>,
}

fn token_span(doc: &Doc, a: usize, b: usize) -> Span {
    doc.tokens[a].span.cover(doc.tokens[b - 1].span)
}

fn analyse(doc: &Doc) -> Found {
    let v = View::new(doc);
    let paras = marks::paragraph_tokens(doc);
    let marked = marks::scan(doc, &paras);
    let reports = report::reports(v, &marked);
    let attributions = attribute(v, &marked, &reports, &paras);
    let phrases = reports
        .iter()
        .map(|r| (r.speaker.map(|np| Phrase::of(v, &np)), r.hint.map(|np| Phrase::of(v, &np))))
        .collect();
    let cue_spans = reports.iter().map(|r| token_span(doc, r.cue.first, r.cue.end)).collect();
    let addressee_spans = reports.iter().map(|r| r.addressee.map(|(a, b)| token_span(doc, a, b))).collect();
    let content_spans = reports
        .iter()
        .map(|r| {
            let (a, b) = r.content?;
            // a clause mostly made of a quotation attributed to this same cue is left to the quote
            let span = token_span(doc, a, b);
            let quoted: usize = marked
                .iter()
                .zip(&attributions)
                .filter(|(q, at)| span.contains(q.span) && matches!(at, Attribution::Report(k) if reports[*k].cue.first == r.cue.first))
                .map(|(q, _)| q.outer.len())
                .sum();
            (quoted * 2 <= span.len()).then_some(span)
        })
        .collect();
    Found { marked, attributions, reports, phrases, cue_spans, addressee_spans, content_spans }
}

/// The report attributing each direct quote (see the module docs).
fn attribute(v: View, marked: &[Marked], reports: &[Report], paras: &[(usize, usize)]) -> Vec<Attribution> {
    let doc = v.doc;
    let mut out = vec![Attribution::None; marked.len()];
    for (qi, q) in marked.iter().enumerate() {
        // right after the closing mark, within its sentence
        if let Some(c) = q.close {
            let mut j = c + 1;
            while j < v.len() && (v.is_quote(j) || v.text(j) == ",") && j <= c + 2 {
                j += 1;
            }
            let sentence_end = doc.sentence_at(doc.tokens[c].span.start()).map_or(j, |s| doc.sentences[s].tokens.end);
            let hi = sentence_end.min(j + 10);
            if let Some(k) = reports.iter().position(|r| {
                r.cue.first >= j
                    && r.cue.first < hi
                    && !(j..r.cue.first).any(|t| v.is_quote(t) || v.is_final_punct(t))
                    && r.speaker.is_none_or(|np| np.first >= j)
            }) {
                out[qi] = Attribution::Report(k);
                continue;
            }
        }
        // before the opening mark, in the same sentence
        if let Some(s) = doc.sentence_at(doc.tokens[q.open].span.start()) {
            let start = doc.sentences[s].tokens.start;
            if let Some(k) = reports.iter().rposition(|r| r.cue.end <= q.open && r.cue.first >= start) {
                out[qi] = Attribution::Report(k);
                continue;
            }
        }
    }
    // the quote before (or after) in the same paragraph; the running speaker
    for qi in 0..marked.len() {
        if out[qi] != Attribution::None {
            continue;
        }
        let p = marked[qi].paragraph;
        let before = (0..qi).rev().take_while(|&k| marked[k].paragraph == p).find(|&k| out[k] != Attribution::None);
        let after = (qi + 1..marked.len()).take_while(|&k| marked[k].paragraph == p).find(|&k| out[k] != Attribution::None);
        if let Some(k) = before.or(after) {
            out[qi] = out[k];
            continue;
        }
        let (pa, _) = paras[p];
        let opens_paragraph = marked[qi].open == pa;
        if opens_paragraph && p > 0 {
            // a quote paragraph continuing the speaker of the previous one
            let prev_para = (0..qi).rev().find(|&k| marked[k].paragraph == p - 1 && out[k] != Attribution::None);
            let prev_para_report = reports.iter().rposition(|r| {
                let (a, b) = paras[p - 1];
                r.cue.first >= a && r.cue.first < b
            });
            out[qi] = match (prev_para, prev_para_report) {
                (Some(k), Some(r)) if reports[r].cue.first > marked[k].open => Attribution::Report(r),
                (Some(k), _) => match out[k] {
                    Attribution::Report(r) => Attribution::Report(r),
                    _ => Attribution::Running(k),
                },
                (None, Some(r)) => Attribution::Report(r),
                (None, None) => Attribution::None,
            };
        }
    }
    // a paragraph of an unclosed multi-paragraph quote takes the attribution of its continuation
    for qi in (0..marked.len()).rev() {
        if out[qi] == Attribution::None && marked[qi].close.is_none() && qi + 1 < marked.len() && marked[qi + 1].paragraph == marked[qi].paragraph + 1 {
            out[qi] = out[qi + 1];
        }
    }
    out
}

fn extract(doc: &mut Doc) {
    if doc.tokens.is_empty() {
        return;
    }
    let found = analyse(doc);
    let mut resolver = Resolver::default();
    // resolve the reports' speakers in text order
    let mut speakers: Vec<(Option<Span>, Option<EntityId>)> = Vec::with_capacity(found.reports.len());
    for (i, r) in found.reports.iter().enumerate() {
        let resolved = match (r.speaker_from, &found.phrases[i].0) {
            (Some(k), _) if k < speakers.len() => speakers[k],
            (_, Some(p)) => (Some(p.span), resolver.resolve(doc, p, found.phrases[i].1.as_ref())),
            _ => (None, None),
        };
        speakers.push(resolved);
    }
    let addressees: Vec<Option<EntityId>> =
        found.addressee_spans.iter().map(|s| s.and_then(|s| resolver.addressee(doc, s))).collect();

    let mut quotes: Vec<(usize, Quote)> = Vec::new();
    let mut direct_speakers: Vec<Option<EntityId>> = Vec::with_capacity(found.marked.len());
    for (qi, q) in found.marked.iter().enumerate() {
        let quote = match found.attributions[qi] {
            Attribution::Report(k) => Some(Quote {
                kind: QuoteKind::Direct,
                span: q.span,
                cue: Some(found.cue_spans[k]),
                speaker_span: speakers[k].0,
                speaker: speakers[k].1,
                addressee_span: found.addressee_spans[k],
                addressee: addressees[k],
            }),
            Attribution::Running(k) => Some(Quote {
                kind: QuoteKind::Direct,
                span: q.span,
                cue: None,
                speaker_span: None,
                speaker: direct_speakers.get(k).copied().flatten(),
                addressee_span: None,
                addressee: None,
            }),
            Attribution::None => {
                let words = (q.inner_first..q.inner_end).filter(|&t| doc.tokens[t].kind == dateline_doc::TokenKind::Word).count();
                (words >= MIN_UNATTRIBUTED_WORDS).then_some(Quote {
                    kind: QuoteKind::Direct,
                    span: q.span,
                    cue: None,
                    speaker_span: None,
                    speaker: None,
                    addressee_span: None,
                    addressee: None,
                })
            }
        };
        direct_speakers.push(quote.as_ref().and_then(|q| q.speaker));
        if let Some(quote) = quote {
            quotes.push((q.span.start(), quote));
        }
    }
    for (k, content) in found.content_spans.iter().enumerate() {
        let Some(span) = *content else { continue };
        quotes.push((
            span.start(),
            Quote {
                kind: QuoteKind::Indirect,
                span,
                cue: Some(found.cue_spans[k]),
                speaker_span: speakers[k].0,
                speaker: speakers[k].1,
                addressee_span: found.addressee_spans[k],
                addressee: addressees[k],
            },
        ));
    }
    quotes.sort_by_key(|(start, q)| (*start, q.kind == QuoteKind::Indirect));
    doc.quotes = quotes.into_iter().map(|(_, q)| q).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_doc::DocMeta;
    use dateline_segment::Segmenter;

    pub(crate) fn seg(text: &str) -> Doc {
        let mut d = Doc::new(text.to_string(), DocMeta::default());
        Segmenter.run(&mut d);
        d
    }
}
