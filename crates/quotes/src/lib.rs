//! Quotations and reported speech: direct quotes between marks, indirect
//! (reported) speech after a reporting cue, each with its cue, the words
//! naming its speaker and addressee, and the entities they refer to.
//!
//! Steps, each in its module:
//! 1. `marks`: pair quotation marks in the original text (paragraph-bound);
//! 2. `cues` + `report`: find reporting cues (data/speech/cues.tsv) and, per
//!    cue, the speaker phrase (`phrase`), addressee and reported clause;
//! 3. attribution (here): give every direct quote the report next to it —
//!    right after its closing mark ("…,” she said; "…” ― Ann Lee), before
//!    its opening mark in the same sentence (He said “…”; Lee interrupted:
//!    “…”), the quote before it in the same paragraph when the quote opens
//!    its sentence, or the running speaker of the previous paragraph when
//!    the paragraph is only quotation;
//! 4. `resolve`: speaker phrases → document entities, in text order.
//!
//! Precision rules: a quote with no attribution is kept only when it holds
//! at least [`MIN_UNATTRIBUTED_WORDS`] words (scare quotes and titles are
//! not speech), and one or two quoted words that a word of the writer's
//! sentence leads into (called him “reckless”) are a scare quote or label
//! whatever their attribution; a reported clause that is itself the direct quotation, or is
//! mostly made of a quotation attributed to the same cue, is not reported
//! twice, and a quoted fragment inside a reported clause is part of that
//! report, not a quote of its own (PolNeAR counts it so). Multi-paragraph quotations are one quote per paragraph, and an
//! interrupted quotation (“A,” she said. “B.”) is two quotes with the same
//! speaker and cue, as the project's gold examples record them, but one
//! sentence the attribution interrupts (“A,” she said, “b …”) is one quote. Attribution
//! corpora such as PolNeAR join them into one span running over the
//! attribution; [`QuoteSpans::Joined`] gives that convention instead.

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

/// Most tokens from a closing mark to the cue of the speaker right after it
/// ("…,” Ann Lee, the legal director for the union of teachers, said).
const MAX_ATTRIBUTION_TOKENS: usize = 30;

/// Most tokens of unquoted words between a closing mark and the inverted
/// attribution ending the same sentence.
const MAX_RUN_ON_TOKENS: usize = 20;

/// Fewest words for a quotation with no cue or speaker near it to count as
/// speech: shorter ones are mostly scare quotes, titles, slogans and
/// headlines, or pieces of a quotation whose attribution was missed.
pub const MIN_UNATTRIBUTED_WORDS: usize = 8;

/// Most tokens between the two pieces of a joined quote: the attribution
/// may run on past the speaker and cue ("…,” she said of the election, in
/// which she was sure he would win. “…”).
const MAX_JOIN_GAP_TOKENS: usize = 50;

/// How an interrupted direct quotation (“A,” she said. “B.”) is recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QuoteSpans {
    /// One quote per piece, each with the shared cue and speaker (the
    /// project's convention, in its gold examples); one sentence the
    /// attribution interrupts (“A,” she said, “b …”) is still one quote.
    #[default]
    Split,
    /// One quote from the first piece's first word to the last piece's last
    /// word, the attribution between them included (the convention of
    /// attribution corpora such as PolNeAR).
    Joined,
}

impl QuoteSpans {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteSpans::Split => "split",
            QuoteSpans::Joined => "joined",
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct QuoteExtractor {
    pub spans: QuoteSpans,
}

impl QuoteExtractor {
    pub fn new(spans: QuoteSpans) -> QuoteExtractor {
        QuoteExtractor { spans }
    }
}

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
        extract(doc, self.spans);
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
    /// Per direct quote: it is a quoted noun phrase, not speech.
    noun_phrases: Vec<bool>,
    /// Per direct quote: it continues the one before, the two sharing the
    /// attribution between them (only with [`QuoteSpans::Joined`]).
    continues_previous: Vec<bool>,
    /// Per direct quote: the whole clause it finishes, as a token range,
    /// when the writer's words before a parenthetical attribution open it
    /// (see [`mixed_sentence`]).
    mixed: Vec<Option<(usize, usize)>>,
}

fn token_span(doc: &Doc, a: usize, b: usize) -> Span {
    doc.tokens[a].span.cover(doc.tokens[b - 1].span)
}

fn analyse(doc: &Doc, spans: QuoteSpans) -> Found {
    let texts = view::TokenTexts::new(doc);
    let v = View::new(doc, &texts);
    let paras = marks::paragraph_tokens(doc);
    let marked = marks::scan(v, &paras);
    let reports = report::reports(v, &marked);
    let attributions = attribute(v, &marked, &reports, &paras);
    let phrases = reports
        .iter()
        .map(|r| {
            // the sentence subject matters only for "it" and "they"
            let needs_hint = r.speaker.is_some_and(|np| np.kind == phrase::NpKind::Pronoun && v.is_any(np.first, &["it", "they"]));
            (r.speaker.map(|np| Phrase::of(v, &np)), r.hint.filter(|_| needs_hint).map(|np| Phrase::of(v, &np)))
        })
        .collect();
    let cue_spans = reports.iter().map(|r| token_span(doc, r.cue.first, r.cue.end)).collect();
    let addressee_spans = reports.iter().map(|r| r.addressee.map(|(a, b)| token_span(doc, a, b))).collect();
    let mut content_spans: Vec<Option<Span>> = reports
        .iter()
        .map(|r| {
            let (a, b) = r.content?;
            let b = through_quotation(&marked, a, b);
            // a clause mostly made of a quotation attributed to this same cue is left to the quote
            let span = token_span(doc, a, b);
            let from = marked.partition_point(|q| q.open < a);
            let to = marked.partition_point(|q| q.open < b);
            let quoted: usize = (from..to)
                .filter(|&qi| {
                    span.contains(marked[qi].span)
                        && matches!(attributions[qi], Attribution::Report(k) if reports[k].cue.first == r.cue.first)
                })
                .map(|qi| marked[qi].outer.len())
                .sum();
            // one that only starts with words of its own keeps them ("said that X “…”")
            let own_words = (a..b).take_while(|&t| !v.is_quote(t)).count();
            // "said that Lee is “very involved” in the design": words on both sides make it a clause
            let words_after = (a..b).rev().take_while(|&t| !v.is_quote(t)).filter(|&t| v.is_word(t)).count();
            (quoted * 2 <= span.len() || own_words >= 3 || (own_words >= 1 && words_after >= 2)).then_some(span)
        })
        .collect();
    let continues_previous = (0..marked.len())
        .map(|qi| {
            qi > 0
                && (spans == QuoteSpans::Joined || one_sentence_interrupted(v, &marked[qi - 1], &marked[qi]))
                && shares_attribution_between(v, &marked[qi - 1], &marked[qi], &attributions[qi - 1..=qi], &reports)
        })
        .collect();
    let noun_phrases =
        marked.iter().map(|q| q.inner_end > q.inner_first && (is_quoted_noun_phrase(v, q) || is_scare_quote(v, q))).collect();
    let mixed: Vec<Option<(usize, usize)>> = marked
        .iter()
        .zip(&attributions)
        .map(|(q, a)| match *a {
            // not one inside another report's clause, which holds it already
            Attribution::Report(k) if !content_spans.iter().flatten().any(|c| c.contains(q.span)) => mixed_sentence(v, q, &reports[k]),
            _ => None,
        })
        .collect();
    // the writer's words before the attribution are part of the mixed quote, not a clause of their own
    for (m, a) in mixed.iter().zip(&attributions) {
        if let (Some((a0, b0)), Attribution::Report(k)) = (*m, *a) {
            let whole = token_span(doc, a0, b0);
            if content_spans[k].is_some_and(|c| c.start() < whole.end() && whole.start() < c.end()) {
                content_spans[k] = None;
            }
        }
    }
    Found { marked, attributions, reports, phrases, cue_spans, addressee_spans, content_spans, noun_phrases, continues_previous, mixed }
}

/// Connectives that may open a sentence before a parenthetical attribution
/// ("But, he added, “…”") without being part of what is quoted.
static CONNECTIVES: std::sync::LazyLock<view::WordSet> = std::sync::LazyLock::new(|| {
    view::WordSet::new(&[
        "but", "and", "or", "so", "yet", "still", "however", "also", "instead", "meanwhile", "indeed", "moreover",
        "furthermore", "besides", "otherwise", "rather", "thus", "hence", "nevertheless", "nonetheless", "finally",
        "now", "then", "again", "too", "anyway", "first", "second", "third", "later", "earlier", "separately",
    ])
});

/// A mixed quotation: the writer's words open a clause, a parenthetical
/// attribution follows between commas, and a quotation opening with a
/// lower-case word finishes the clause ("An early vote, she said, “would
/// be a mistake” for the party."). The quoted words cannot stand alone, so
/// the report is the whole clause, attribution included, up to the final
/// punctuation. Returns that token range. A capitalised quotation is a
/// sentence of its own ("As the crowd jeered, he said, “Please …”"), a
/// lone connective ("But, he added, “…”") is the writer's, not the
/// speaker's, and an attribution with words of its own ("sent a letter
/// saying, “…”") is not parenthetical.
fn mixed_sentence(v: View, q: &Marked, r: &Report) -> Option<(usize, usize)> {
    let doc = v.doc;
    let (open, close) = (q.open, q.close?);
    let lower = q.inner_first < q.inner_end && v.kind(q.inner_first) == dateline_doc::TokenKind::Word && !v.is_cap(q.inner_first);
    if !lower || open == 0 || v.text(open - 1) != "," {
        return None;
    }
    let np = r.speaker?;
    // speaker, cue and addressee make up the attribution, right before the comma, and nothing else
    let mut parts = vec![(r.cue.first, r.cue.end), (np.first, np.end)];
    parts.extend(np.role);
    parts.extend(r.addressee);
    let first = parts.iter().map(|p| p.0).min()?;
    let end = parts.iter().map(|p| p.1).max()?;
    let covered: usize = parts.iter().map(|p| p.1 - p.0).sum();
    let s = doc.sentence_at(doc.tokens[open].span.start())?;
    let mut start = doc.sentences[s].tokens.start;
    if end + 1 != open || first < start + 2 || v.text(first - 1) != "," || end - first > covered + 1 {
        return None;
    }
    // in a sentence of several clauses, the one the quotation finishes (“…, and also, he said, “to …”)
    if let Some(t) = (start + 1..first - 1).rev().find(|&t| v.text(t - 1) == "," && v.is_any(t, &["and", "but", "or", "which", "who"])) {
        start = if v.is_any(t, &["which", "who"]) { t } else { t + 1 };
    }
    let lead = start..first - 1;
    if lead.clone().any(|t| v.is_quote(t)) || lead.clone().all(|t| !v.is_word(t) || v.is_any(t, &CONNECTIVES)) {
        return None;
    }
    // the sentence's own words after the closing mark, up to its final punctuation
    let cs = doc.sentence_at(doc.tokens[close].span.start())?;
    let mut last = close;
    if cs == s {
        let se = doc.sentences[s].tokens.end;
        let mut e = se;
        while e > close + 1 && (v.is_final_punct(e - 1) || v.is_quote(e - 1)) {
            e -= 1;
        }
        if e > close + 1 && !(close + 1..e).any(|t| v.is_quote(t)) {
            last = e;
        }
    }
    Some((start, last))
}

/// Where a reported clause `[a, b)` ends when a quotation opening inside it
/// closes only after the sentence ("said the plan “may have failed. We
/// need a new one.”"): at the closing mark, the quoted words being part of
/// what is reported.
fn through_quotation(marked: &[Marked], a: usize, b: usize) -> usize {
    let from = marked.partition_point(|q| q.open < a);
    marked[from..]
        .iter()
        .take_while(|q| q.open < b)
        .find(|q| q.open > a && q.close.is_some_and(|c| c >= b))
        .and_then(|q| q.close)
        .map_or(b, |c| c + 1)
}

/// Whether two quotations are the pieces of one sentence an attribution
/// interrupts (“We will not sign,” she said, “not while …”): the first
/// ends in a comma, not a sentence end, a comma ends the attribution and
/// the second opens with a lower-case word. Such a sentence is one quote
/// under both conventions; separate sentences (“A,” she said. “B.”) are
/// split under [`QuoteSpans::Split`].
fn one_sentence_interrupted(v: View, first: &Marked, second: &Marked) -> bool {
    let Some(close) = first.close else { return false };
    let first_ends_comma = first.inner_end > first.inner_first && v.text(first.inner_end - 1) == ",";
    let lower = second.inner_first < second.inner_end
        && v.kind(second.inner_first) == dateline_doc::TokenKind::Word
        && !v.is_cap(second.inner_first);
    first_ends_comma && second.open > close + 1 && v.text(second.open - 1) == "," && lower
}

/// Whether two consecutive direct quotes are the pieces of one interrupted
/// quotation: same paragraph, both attributed to one report with no
/// reported clause of its own, and that report (cue, speaker, addressee)
/// lying between the first's closing mark and the second's opening mark,
/// which follows a "," or "." ending the attribution. Words of the
/// attribution beyond speaker and cue ("at a briefing on Monday") are
/// allowed: PolNeAR's spans run over them too.
fn shares_attribution_between(v: View, first: &Marked, second: &Marked, attributions: &[Attribution], reports: &[Report]) -> bool {
    let (Attribution::Report(k), Attribution::Report(k2)) = (attributions[0], attributions[1]) else { return false };
    let Some(close) = first.close else { return false };
    let open = second.open;
    if k != k2 || first.paragraph != second.paragraph || open <= close + 1 || open - close > MAX_JOIN_GAP_TOKENS {
        return false;
    }
    let r = &reports[k];
    if r.content.is_some() || !matches!(v.text(open - 1), "," | ".") {
        return false;
    }
    let between = |(a, b): (usize, usize)| a > close && b <= open;
    let mut parts: Vec<(usize, usize)> = vec![(r.cue.first, r.cue.end)];
    if let Some(np) = r.speaker {
        parts.push((np.first, np.end));
        parts.extend(np.role);
    }
    parts.extend(r.addressee);
    parts.iter().all(|&p| between(p))
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
            let sentence = doc.sentence_at(doc.tokens[c].span.start());
            let mut sentence_end = sentence.map_or(j, |s| doc.sentences[s].tokens.end);
            // a quote ending in "." or "?" closes its sentence; "… okay?” Trump said." goes on in the next
            if sentence_end <= j {
                if let Some(next) = sentence.map(|s| s + 1).filter(|&s| s < doc.sentences.len()) {
                    let next = &doc.sentences[next];
                    let same_para = paras.get(q.paragraph).is_some_and(|&(_, pb)| next.tokens.end <= pb);
                    if next.tokens.start == j && same_para {
                        sentence_end = next.tokens.end;
                    }
                }
            }
            let hi = sentence_end.min(j + MAX_ATTRIBUTION_TOKENS);
            let hi_own = sentence.map_or(j, |s| doc.sentences[s].tokens.end).max(j + 1);
            let first = reports.partition_point(|r| r.cue.first < j);
            if let Some(k) = (first..reports.len()).take_while(|&k| reports[k].cue.first < hi.max(j + 1)).find(|&k| {
                let r = &reports[k];
                // the speaker may follow a few words of description ("Tulsa police Chief Ann Lee said")
                let near = |x: usize| x >= j && x - j <= 3 && (j..x).all(|t| v.is_word(t));
                // "Asked by Ann Lee whether C, …" opening the next sentence frames its own question
                let framing_question = r.cue.cue.lemma == "ask" && r.content.is_some();
                r.cue.first >= j
                    && !framing_question
                    && (r.cue.first < hi || r.cue.first == j)
                    && (r.content.is_none() || r.cue.first < hi_own)
                    && !(j..r.cue.first).any(|t| v.is_quote(t) && !v.is_possessive(t))
                    && (r.cue.first == j
                        || r.speaker.is_some_and(|np| near(np.first) || np.role.is_some_and(|(a, _)| near(a))))
            }) {
                out[qi] = Attribution::Report(k);
                continue;
            }
            // "“…,” like the recent swings in markets, said Ann Lee": the quoted sentence runs on
            // unquoted to an inverted attribution, the first report after the mark
            if reports.get(first).is_some_and(|r| {
                r.cue.first > j
                    && r.cue.first < sentence_end
                    && r.cue.first - j <= MAX_RUN_ON_TOKENS
                    && v.text(r.cue.first - 1) == ","
                    && r.speaker.is_some_and(|np| np.first >= r.cue.end)
                    && !(j..r.cue.first).any(|t| v.is_quote(t) && !v.is_possessive(t))
            }) {
                out[qi] = Attribution::Report(first);
                continue;
            }
        }
        // before the opening mark, in the same sentence
        if let Some(s) = doc.sentence_at(doc.tokens[q.open].span.start()) {
            let start = doc.sentences[s].tokens.start;
            let before = reports.partition_point(|r| r.cue.end <= q.open);
            if let Some(k) = before.checked_sub(1).filter(|&k| reports[k].cue.first >= start) {
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
        // only a quote that opens its sentence shares its neighbours' speaker (not a scare quote)
        let open_start = doc.tokens[marked[qi].open].span.start();
        let opens_sentence = doc.sentence_at(open_start).is_some_and(|s| doc.sentences[s].tokens.start == marked[qi].open);
        // nor a short one the sentence goes on after ("“Non-paper” is a diplomatic term"): a term
        if !opens_sentence || is_term_in_sentence(v, &marked[qi]) {
            continue;
        }
        // "Ann Lee agreed. “…”": a report without a clause ending the sentence before, in the same paragraph
        if let Some(prev) = doc.sentence_at(open_start).and_then(|s| s.checked_sub(1)).map(|s| &doc.sentences[s]) {
            let (pa, _) = paras[p];
            let (sa, sb) = (prev.tokens.start, prev.tokens.end);
            let last = reports.partition_point(|r| r.cue.first < sb).checked_sub(1).filter(|&k| reports[k].cue.first >= sa);
            if let Some(k) = last.filter(|&k| {
                let r = &reports[k];
                let tail_end = r.speaker.filter(|np| np.first >= r.cue.end).map_or(r.cue.end, |np| np.end);
                sa >= pa
                    && r.content.is_none()
                    && r.speaker.is_some()
                    && sb == marked[qi].open
                    && tail_end + 1 == sb
                    && v.is_final_punct(tail_end)
            }) {
                out[qi] = Attribution::Report(k);
                continue;
            }
        }
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
            let (pa0, pb0) = paras[p - 1];
            let prev_para_report =
                reports.partition_point(|r| r.cue.first < pb0).checked_sub(1).filter(|&k| reports[k].cue.first >= pa0);
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

/// Most words of a quotation that, with the sentence going on after it,
/// names a term rather than quoting speech.
const MAX_TERM_WORDS: usize = 3;

/// Whether a quotation is a few unpunctuated words the sentence goes on
/// after with a lower-case word ("“Non-paper” is a diplomatic term").
fn is_term_in_sentence(v: View, q: &Marked) -> bool {
    let Some(close) = q.close else { return false };
    let words = (q.inner_first..q.inner_end).filter(|&t| v.is_word(t)).count();
    let after = close + 1;
    // "“Call the roll,” came the cry": punctuation inside the marks makes an utterance
    let punctuated = q.inner_end > q.inner_first && !v.is_word(q.inner_end - 1);
    words <= MAX_TERM_WORDS && !punctuated && after < v.len() && v.is_word(after) && !v.is_cap(after)
}

/// A quotation in Title Case ("Morning Joe", "State of the Union", "The
/// Trumps: Three Generations That Built an Empire,") names a show, book or
/// slogan; it is not speech. A comma or period closing it is the
/// quotation's punctuation, one inside it makes a sentence.
fn looks_like_title(doc: &Doc, q: &Marked) -> bool {
    const MINOR: &[&str] =
        &["of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "it", "is", "with", "from", "by", "as", "or", "but", "not"];
    let words: Vec<usize> =
        (q.inner_first..q.inner_end).filter(|&t| doc.tokens[t].kind == dateline_doc::TokenKind::Word).collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let capitalised = |t: usize| doc.token_text(t).chars().next().is_some_and(char::is_uppercase);
    let minor = |t: usize| MINOR.iter().any(|m| m.eq_ignore_ascii_case(doc.token_text(t)));
    let all_title = words.iter().all(|&t| capitalised(t) || minor(t)) && words.iter().filter(|&&t| capitalised(t)).count() >= 2;
    let mut inner_end = q.inner_end;
    if inner_end > q.inner_first && matches!(doc.token_text(inner_end - 1), "," | ".") {
        inner_end -= 1;
    }
    let sentence_punct = (q.inner_first..inner_end).any(|t| matches!(doc.token_text(t), "," | "!" | "?" | ";"));
    all_title && !sentence_punct
}

/// A quotation opening right after an article or "of" ("the “stark
/// realities” of", "an “existential threat”", "a sense of “betrayal”")
/// is a noun phrase the writer's sentence goes on with: a term or title,
/// not speech, unless a finite verb makes a clause of it ("said the “plan
/// is dead”").
fn is_quoted_noun_phrase(v: View, q: &Marked) -> bool {
    q.open > 0 && v.is_any(q.open - 1, &["a", "an", "the", "of"]) && !report::has_finite_verb(v, q.inner_first, q.inner_end)
        || is_credited_title(v, q)
}

/// Most words of a quotation that the writer's sentence leads into with a
/// word and that is read as a term or scare quote, not as speech.
const MAX_SCARE_QUOTE_WORDS: usize = 2;

/// A quotation of one or two words that a word of the writer's sentence
/// leads into ("called him “unhinged.”", "his “plan”", "said “zero”
/// voters") is a label, a term or a scare quote: words picked out, not a
/// report of what was said. One that opens its sentence or follows a
/// comma or colon ("“No,” she replied"; "He said, “Probably.”") is an
/// utterance and stays.
fn is_scare_quote(v: View, q: &Marked) -> bool {
    let words = (q.inner_first..q.inner_end).filter(|&t| v.is_word(t)).count();
    words <= MAX_SCARE_QUOTE_WORDS && q.open > 0 && v.kind(q.open - 1) == dateline_doc::TokenKind::Word && same_sentence(v, q.open - 1, q.open)
}

/// Whether tokens `a` and `b` lie in one sentence.
fn same_sentence(v: View, a: usize, b: usize) -> bool {
    let doc = v.doc;
    let s = doc.sentence_at(doc.tokens[b].span.start());
    s.is_some_and(|s| doc.sentences[s].tokens.start <= a)
}

/// A quotation followed by "by" and its author ("“Hamilton to play
/// Chicago,” by Variety's Gordon Cox", a book "“…” by Ann Lee") is the
/// title of a work, as in reading lists and link roundups.
fn is_credited_title(v: View, q: &Marked) -> bool {
    let Some(close) = q.close else { return false };
    let mut k = close + 1;
    if k < v.len() && v.text(k) == "," {
        k += 1;
    }
    k + 1 < v.len() && v.is(k, "by") && v.is_cap(k + 1)
}

fn extract(doc: &mut Doc, spans: QuoteSpans) {
    if doc.tokens.is_empty() {
        return;
    }
    let found = analyse(doc, spans);
    let mut resolver = Resolver::new(doc);
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
        found.addressee_spans.iter().map(|s| s.and_then(|s| resolver.addressee(s))).collect();

    let mut contents: Vec<Span> = found.content_spans.iter().flatten().copied().collect();
    contents.sort_unstable_by_key(|c| c.start());
    let mut quotes: Vec<(usize, Quote)> = Vec::new();
    let mut direct_speakers: Vec<Option<EntityId>> = Vec::with_capacity(found.marked.len());
    // the direct quote recorded last, by its index in `marked` and in `quotes`
    let mut last_recorded: Option<(usize, usize)> = None;
    for (qi, q) in found.marked.iter().enumerate() {
        // a quoted fragment inside a reported clause is part of that report, not a quote of its own
        let before = contents.partition_point(|c| c.start() <= q.span.start());
        let in_report = contents[..before].iter().rev().take(4).any(|c| c.contains(q.span));
        if looks_like_title(doc, q) || in_report || found.noun_phrases[qi] {
            direct_speakers.push(None);
            continue;
        }
        let quote = match found.attributions[qi] {
            Attribution::Report(k) => Some(Quote {
                kind: QuoteKind::Direct,
                span: found.mixed[qi].map_or(q.span, |(a, b)| token_span(doc, a, b).cover(q.span)),
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
            match last_recorded {
                Some((prev, at)) if prev + 1 == qi && found.continues_previous[qi] => {
                    quotes[at].1.span = quotes[at].1.span.cover(quote.span);
                }
                _ => quotes.push((q.span.start(), quote)),
            }
            last_recorded = Some((qi, quotes.len() - 1));
        }
    }
    // (clause, cue) of every report, by clause start
    let mut reported: Vec<(Span, Span)> =
        found.content_spans.iter().zip(&found.cue_spans).filter_map(|(c, cue)| c.map(|c| (c, *cue))).collect();
    reported.sort_unstable_by_key(|(c, _)| c.start());
    let holds = |outer: &(Span, Span), inner: Span, inner_cue: Span| outer.0 != inner && outer.0.contains(inner) && outer.0.contains(inner_cue);
    for (k, content) in found.content_spans.iter().enumerate() {
        let Some(span) = *content else { continue };
        let cue = found.cue_spans[k];
        let before = reported.partition_point(|(c, _)| c.start() <= span.start());
        // a report inside the clause of another ("said he was asked about C") is part of that one …
        if reported[..before].iter().rev().take(4).any(|o| holds(o, span, cue) && o.1.start() < o.0.start()) {
            continue;
        }
        // … but a trailing source around a whole report ("X said C, a statement said") is not one of its own
        let trailing = cue.start() >= span.end();
        let from = reported.partition_point(|(c, _)| c.start() < span.start());
        if trailing && reported[from..].iter().take_while(|(c, _)| c.start() < span.end()).take(4).any(|&(c, q)| holds(&(span, cue), c, q)) {
            continue;
        }
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

    /// (kind, words, cue, speaker words, speaker entity name, addressee words)
    type Row = (&'static str, String, Option<String>, Option<String>, Option<String>, Option<String>);

    fn quotes(text: &str) -> Vec<Row> {
        quotes_with(text, QuoteSpans::Split)
    }

    fn quotes_with(text: &str, spans: QuoteSpans) -> Vec<Row> {
        let mut d = seg(text);
        QuoteExtractor::new(spans).run(&mut d);
        let sl = |s: Option<Span>| s.map(|s| d.slice(s).to_string());
        d.quotes
            .iter()
            .map(|q| {
                (
                    q.kind.as_str(),
                    d.slice(q.span).to_string(),
                    sl(q.cue),
                    sl(q.speaker_span),
                    q.speaker.map(|id| d.entity(id).name.clone()),
                    sl(q.addressee_span),
                )
            })
            .collect()
    }

    fn speaker_of(rows: &[Row], words: &str) -> Option<String> {
        rows.iter().find(|r| r.1 == words).and_then(|r| r.4.clone())
    }

    #[test]
    fn attribution_before_a_comma_and_quotation_introduces_the_quotation() {
        let q = quotes("As the crowd jeered, the farm minister said, “Please let me finish.”");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), ("direct", "Please let me finish."), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("the farm minister"), "{q:?}");
        // near miss: words after the comma go on with the clause the attribution sits in
        let q = quotes("The harvest, the farm minister said, will be late this year.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), ("indirect", "The harvest, the farm minister said, will be late this year"), "{q:?}");
    }

    #[test]
    fn writer_words_before_a_parenthetical_attribution_open_a_mixed_quote() {
        let q = quotes("An early vote on the levy, Ira Bell said, “would split the farm caucus” before the harvest.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "direct", "{q:?}");
        assert_eq!(q[0].1, "An early vote on the levy, Ira Bell said, “would split the farm caucus” before the harvest", "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Ira Bell"), "{q:?}");
        // the clause the quotation finishes, in a sentence of several
        let q = quotes("The dam held in the spring, and by the first frost, she added, “it had cracked.”");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "by the first frost, she added, “it had cracked.", "{q:?}");
        // near misses: a capitalised quotation stands alone; a lone connective is the writer's
        let q = quotes("After the vote, Ira Bell said, “We will try again in May.”");
        assert_eq!(q[0].1, "We will try again in May.", "{q:?}");
        let q = quotes("But, Ira Bell said, “we will try again in May.”");
        assert_eq!(q[0].1, "we will try again in May.", "{q:?}");
        // nor is an attribution with words of its own ("sent a letter saying")
        let q = quotes("Late on Friday, Ira Bell sent a letter saying, “we will try again in May.”");
        assert_eq!(q.iter().find(|r| r.0 == "direct").map(|r| r.1.as_str()), Some("we will try again in May."), "{q:?}");
    }

    #[test]
    fn a_dateline_is_not_the_subject_a_participle_cue_takes() {
        let q = quotes("Lisbon (AFP) – Farm minister Ana Gil has taken aim at the levy, saying that it would ruin small farms.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Farm minister Ana Gil"), "{q:?}");
        let q = quotes("LISBON — Ana Gil defended the levy, saying it would save small farms.");
        assert_eq!(q[0].4.as_deref(), Some("Ana Gil"), "{q:?}");
        // near miss: a name set off by dashes is the subject
        let q = quotes("Ana Gil — the farm minister — defended the levy, saying it would save small farms.");
        assert_eq!(q[0].4.as_deref(), Some("Ana Gil"), "{q:?}");
    }

    #[test]
    fn fronted_time_and_place_before_the_subject_of_a_participle_cue() {
        let q = quotes("The day before, at a rally in Peoria, Ill., Ana Gil was just as blunt, claiming that the levy would ruin small farms.");
        assert_eq!(q[0].4.as_deref(), Some("Ana Gil"), "{q:?}");
        let q = quotes("The night after, at a fair in Salem, Ore., the farm minister was blunt, saying the levy would fail.");
        assert_eq!(q[0].3.as_deref(), Some("the farm minister"), "{q:?}");
        // near miss: a name before the first comma is the subject
        let q = quotes("Ana Gil, at a fair in Salem, Ore., was blunt, saying the levy would fail.");
        assert_eq!(q[0].4.as_deref(), Some("Ana Gil"), "{q:?}");
    }

    #[test]
    fn contrast_without_a_subject_goes_on_with_the_reported_clause() {
        let q = quotes("Ira Bell said the union had doubts about the levy, but would back it in the vote.");
        assert_eq!(q[0].1, "the union had doubts about the levy, but would back it in the vote", "{q:?}");
        // near miss: a subject of its own makes it the writer's clause
        let q = quotes("Ira Bell said the union had doubts about the levy, although he voted for it in the end.");
        assert_eq!(q[0].1, "the union had doubts about the levy", "{q:?}");
    }

    #[test]
    fn reported_clause_runs_to_the_end_of_a_quotation_opened_in_it() {
        let q = quotes("Ira Bell said the new farm levy “may well fail. We need a new one by spring.” The vote is on Monday.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), ("indirect", "the new farm levy “may well fail. We need a new one by spring.”"), "{q:?}");
        // near miss: a quotation closed inside the sentence leaves the clause where it was
        let q = quotes("Ira Bell said the levy was “a tax on hope” and would go. “We need a new one by spring.”");
        assert_eq!(q[0].1, "the levy was “a tax on hope” and would go", "{q:?}");
    }

    #[test]
    fn said_that_reports_its_clause_when_the_speaker_phrase_is_unusual() {
        let q = quotes("Ann Lee, who led the army for a decade and later ran the war office, said on Sunday that the border would stay shut.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "the border would stay shut", "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ann Lee"), "{q:?}");
        // near miss: without "that" (or a speaker found) nothing is reported
        let q = quotes("And the old farm lobby, long a power in the valley and now a shadow, said nothing about the levy.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn quoted_title_inside_the_adjunct_before_that() {
        let q = quotes("Ann Lee said on ''Farm Week'' on Sunday that the border would stay shut.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), ("indirect", "the border would stay shut"), "{q:?}");
        // near miss: a quotation right after the cue is the direct quote
        let q = quotes("Ann Lee said “the border will stay shut” on Sunday.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), ("direct", "the border will stay shut"), "{q:?}");
    }

    #[test]
    fn directive_verb_reports_its_object_and_infinitive() {
        let q = quotes("The court ordered the farm ministry to publish the catch figures.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].2.as_deref(), q[0].1.as_str()), (Some("ordered"), "the farm ministry to publish the catch figures"), "{q:?}");
        // near miss: a modal makes it a future act
        assert!(quotes("The court would order the ministry to publish the catch figures.").is_empty());
    }

    #[test]
    fn a_short_term_in_quotation_marks_does_not_take_the_running_speaker() {
        let q = quotes("“We will sign,” Ann Lee said. “Side letter” is the diplomats' word for such a note.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "We will sign,", "{q:?}");
        // near miss: an utterance, punctuated inside its marks
        let q = quotes("“We will sign,” Ann Lee said. “Sign now!” came the cry from the hall.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].3.as_deref(), Some("Ann Lee"), "{q:?}");
    }

    #[test]
    fn trailing_clause_opening_with_a_quotation_is_reported_whole() {
        let q = quotes("“Boots on the ground” would be the right answer, the farm minister said.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), ("indirect", "“Boots on the ground” would be the right answer"), "{q:?}");
        // near miss: a quotation that is the whole clause stays a direct quote
        let q = quotes("“Boots on the ground would be the right answer,” the farm minister said.");
        assert_eq!((q[0].0, q[0].1.as_str()), ("direct", "Boots on the ground would be the right answer,"), "{q:?}");
    }

    #[test]
    fn reported_clause_may_open_with_such() {
        let q = quotes("Ira Bell argued such levies could ruin the smallest farms.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "such levies could ruin the smallest farms", "{q:?}");
        // near miss: "such a thing" is an object, not a clause
        assert!(quotes("Ira Bell never argued such a thing in public.").is_empty());
    }

    #[test]
    fn comma_and_a_new_subject_ends_the_reported_clause() {
        let q = quotes("Ira Bell argued that the levy must be reformed, and the union is already lobbying the ministry.");
        assert_eq!(q[0].1, "the levy must be reformed", "{q:?}");
        // near miss: "and" with no comma and no subject goes on with the clause
        let q = quotes("Ira Bell argued that the levy must be reformed and would hurt small farms.");
        assert_eq!(q[0].1, "the levy must be reformed and would hurt small farms", "{q:?}");
    }

    #[test]
    fn words_describing_an_inverted_speaker_are_not_the_reported_clause() {
        let q = quotes("The farm program has grown fast, said Ana Gil, whose group runs it in three valleys.");
        assert_eq!(q[0].1, "The farm program has grown fast", "{q:?}");
        // near miss: the clause going on after a parenthetical attribution
        let q = quotes("The farm program, Ana Gil said, has grown fast in three valleys.");
        assert_eq!(q[0].1, "The farm program, Ana Gil said, has grown fast in three valleys", "{q:?}");
    }

    #[test]
    fn noun_of_saying_with_its_clause_is_a_report() {
        let q = quotes("The farmers jeered at Ann Lee’s claim that the levy would save the valley.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].2.as_deref(), q[0].1.as_str()), (Some("claim"), "the levy would save the valley"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Ann Lee"), "{q:?}");
        let q = quotes("The union repeated its vow to block the levy.");
        assert_eq!(q[0].1, "to block the levy", "{q:?}");
        // near misses: the subject of the sentence, a relative clause on the noun, a noun with no clause
        assert!(quotes("Ann Lee’s claim that the levy would save the valley drew jeers.").is_empty());
        assert!(quotes("Of all the arguments that could be made against the levy, cost was the last.").is_empty());
        assert!(quotes("She repeated the claim during a call to the farm radio show.").is_empty());
    }

    #[test]
    fn direct_quote_with_trailing_and_inverted_cues() {
        let q = quotes("“The dam will hold,” said Gen. Ira Bell, the army’s engineer. “We checked it twice,” he added.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "The dam will hold,");
        assert_eq!(q[0].2.as_deref(), Some("said"));
        assert_eq!(q[0].3.as_deref(), Some("Gen. Ira Bell"));
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"));
        assert_eq!(q[1].2.as_deref(), Some("added"));
        assert_eq!(q[1].4.as_deref(), Some("Ira Bell"), "he → the last person speaker");
    }

    const INTERRUPTED: &str = "The talks stalled.\n\n“We will not sign,” Foreign Minister Ana Ruiz told reporters. “Not this week.”";
    const INTERRUPTED_COMMA: &str = "“We will not sign,” Ana Ruiz said, “not while the shelling goes on.”";

    #[test]
    fn interrupted_sentences_are_split_by_default() {
        let q = quotes(INTERRUPTED);
        let direct: Vec<&Row> = q.iter().filter(|r| r.0 == "direct").collect();
        assert_eq!(direct.len(), 2, "{q:?}");
        assert_eq!(direct[0].1, "We will not sign,");
        assert_eq!(direct[1].1, "Not this week.");
        for r in &direct {
            assert_eq!(r.2.as_deref(), Some("told"), "{q:?}");
            assert_eq!(r.4.as_deref(), Some("Ana Ruiz"), "{q:?}");
        }
        // one sentence interrupted by its attribution is one quote under both conventions
        let q = quotes(INTERRUPTED_COMMA);
        let direct: Vec<&Row> = q.iter().filter(|r| r.0 == "direct").collect();
        assert_eq!(direct.len(), 1, "{q:?}");
        assert_eq!(direct[0].1, "We will not sign,” Ana Ruiz said, “not while the shelling goes on.");
        assert_eq!(direct[0].4.as_deref(), Some("Ana Ruiz"), "{q:?}");
        // a capitalised second piece is a sentence of its own
        let q = quotes("“We will not sign,” Ana Ruiz said, “Not this week.”");
        assert_eq!(q.iter().filter(|r| r.0 == "direct").count(), 2, "{q:?}");
    }

    #[test]
    fn joined_interrupted_quote_runs_over_its_attribution() {
        for (text, expected) in [
            (INTERRUPTED, "We will not sign,” Foreign Minister Ana Ruiz told reporters. “Not this week."),
            (INTERRUPTED_COMMA, "We will not sign,” Ana Ruiz said, “not while the shelling goes on."),
            (
                "“We will not sign,” Ana Ruiz said of the draft, which her ministry received on Monday. “Not this week.”",
                "We will not sign,” Ana Ruiz said of the draft, which her ministry received on Monday. “Not this week.",
            ),
        ] {
            let mut d = seg(text);
            QuoteExtractor::new(QuoteSpans::Joined).run(&mut d);
            let direct: Vec<&Quote> = d.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
            assert_eq!(direct.len(), 1, "{:?}", d.quotes);
            let q = direct[0];
            assert_eq!(d.slice(q.span), expected, "the span slices back to the original text");
            let cue = q.cue.expect("the shared cue is kept");
            assert!(q.span.contains(cue), "the attribution lies inside the joined span");
            assert_eq!(q.speaker.map(|id| d.entity(id).name.as_str()), Some("Ana Ruiz"));
            assert!(q.speaker_span.is_some_and(|s| d.slice(s).ends_with("Ana Ruiz")));
        }
        let q = quotes_with(INTERRUPTED, QuoteSpans::Joined);
        assert_eq!(q.iter().find(|r| r.0 == "direct").and_then(|r| r.5.as_deref()), Some("reporters"), "addressee kept: {q:?}");
    }

    #[test]
    fn joined_keeps_pieces_with_their_own_attribution_apart() {
        // different speakers: each piece has its own cue
        let q = quotes_with("“We will not sign,” Ana Ruiz said. “We will,” Bo Stark replied.", QuoteSpans::Joined);
        let direct: Vec<&Row> = q.iter().filter(|r| r.0 == "direct").collect();
        assert_eq!(direct.len(), 2, "{q:?}");
        assert_eq!(direct[0].4.as_deref(), Some("Ana Ruiz"), "{q:?}");
        assert_eq!(direct[1].4.as_deref(), Some("Bo Stark"), "{q:?}");
        // one speaker, but the second piece has a cue of its own after it
        let q = quotes_with("“We will not sign,” Ana Ruiz said. “Not this week,” she added.", QuoteSpans::Joined);
        assert_eq!(q.iter().filter(|r| r.0 == "direct").count(), 2, "{q:?}");
        // a paragraph break between the pieces
        let q = quotes_with("“We will not sign,” Ana Ruiz said.\n\n“Not this week.”", QuoteSpans::Joined);
        assert_eq!(q.iter().filter(|r| r.0 == "direct").count(), 2, "{q:?}");
    }

    #[test]
    fn quote_ending_its_sentence_takes_the_cue_of_the_next() {
        let q = quotes("The council met at noon.\n\n“Is the bridge safe for the winter?” Mayor Ruth Olsen asked. “We will know soon.”");
        assert_eq!(q[0].1, "Is the bridge safe for the winter?", "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("asked"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Mayor Ruth Olsen"), "{q:?}");
        let q = quotes("“The bridge is safe.” Ruth Olsen said the council would vote on the repairs.");
        assert!(q.iter().all(|r| r.1 != "The bridge is safe." || r.2.is_none()), "a new report is not an attribution: {q:?}");
        // nor is a question framed by "Asked by X whether …": X asked it, not the quotation
        let q = quotes("The council met at noon.\n\n“The bridge is safe.” Asked by a reporter whether the repairs would wait, Ruth Olsen said no.");
        assert!(q.iter().all(|r| r.1 != "The bridge is safe." || r.3.as_deref() != Some("a reporter")), "{q:?}");
    }

    #[test]
    fn inverted_speaker_with_a_long_relative_apposition() {
        let q = quotes("“The dam will hold,” said Ira Bell, an engineer who spent twenty years building bridges and tunnels across the northern provinces of the country.");
        assert_eq!(q[0].2.as_deref(), Some("said"), "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn inverted_speaker_with_a_restrictive_relative() {
        let q = quotes("“The dam will hold,” said a longtime engineer who has worked on the project for years.");
        assert_eq!(q[0].2.as_deref(), Some("said"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("a longtime engineer"), "{q:?}");
    }

    #[test]
    fn named_apposition_before_told_is_the_speaker_not_its_object() {
        let q = quotes("“The dam will hold,” Ira Bell, the chief engineer, told Reuters.");
        assert_eq!(q[0].2.as_deref(), Some("told"), "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn quote_running_on_unquoted_to_an_inverted_cue() {
        let q = quotes("“The harvest will be late,” if the rain keeps up through the month, said Ira Bell, a farmer.");
        assert_eq!(q[0].1, "The harvest will be late,", "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("said"), "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn adverb_before_the_cue_is_not_the_speaker() {
        let q = quotes("Rival farm unions have long argued that the levy is unfair to small growers.");
        assert_eq!(q[0].2.as_deref(), Some("argued"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Rival farm unions"), "{q:?}");
        let q = quotes("Senator Billy Long said the levy is unfair to small growers.");
        assert_eq!(q[0].3.as_deref(), Some("Senator Billy Long"), "{q:?}");
    }

    #[test]
    fn fronted_adjunct_is_not_the_subject() {
        let q = quotes("Inside the old town hall, Ira Bell on Monday rejected the plan, arguing that the levy is unfair to small growers.");
        assert_eq!(q[0].2.as_deref(), Some("arguing"), "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn with_phrase_before_a_participle_cue_is_its_speaker() {
        let q = quotes("The survey ended in a tie, with most dairy farmers saying the levy is unfair to small growers.");
        assert_eq!(q[0].2.as_deref(), Some("saying"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("most dairy farmers"), "{q:?}");
    }

    #[test]
    fn fronted_time_phrase_or_clause_is_not_the_subject() {
        let q = quotes("Ira Bell runs the farm union. Two years ago, he rejected the plan, arguing that the levy is unfair to small growers.");
        assert_eq!(q[0].3.as_deref(), Some("he"), "{q:?}");
        let q = quotes("When the mayor came to town, Ira Bell met her, insisting that the levy is unfair to small growers.");
        assert_eq!(q[0].3.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn catenative_verb_before_the_cue_keeps_its_subject() {
        let q = quotes("The farm minister went on to say, “The levy will stay until the harvest is in.”");
        assert_eq!(q[0].2.as_deref(), Some("say"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("The farm minister"), "{q:?}");
        let q = quotes("Ira Bell continued to insist that the levy is unfair to small growers.");
        assert_eq!(q[0].3.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn quote_after_a_sentence_ending_in_a_bare_cue() {
        let q = quotes("The vote was close. Farm leader Ira Bell agreed. “The levy will stay until the harvest is in.”");
        assert_eq!(q[0].1, "The levy will stay until the harvest is in.", "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("agreed"), "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn speaker_with_a_long_apposition_before_the_cue() {
        let q = quotes("“The levy will stay,” Ira Bell, the legal director for the union of dairy farmers, said on Monday.");
        assert_eq!(q[0].2.as_deref(), Some("said"), "{q:?}");
        assert_eq!(q[0].4.as_deref(), Some("Ira Bell"), "{q:?}");
    }

    #[test]
    fn inverted_speaker_with_a_role_noun_inside_the_name() {
        let q = quotes("“The levy will stay,” said Oslo University economist Ira Bell.");
        assert_eq!(q[0].2.as_deref(), Some("said"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Oslo University economist Ira Bell"), "{q:?}");
    }

    #[test]
    fn partial_quote_inside_reported_speech() {
        let q = quotes("Farm Minister Lena Voss said “grave new risks”, such as drought, were rising.");
        assert_eq!(q.len(), 1, "a quote-led clause is left to the direct quote: {q:?}");
        assert_eq!(q[0].0, "direct");
        assert_eq!(q[0].1, "grave new risks");
        assert_eq!(q[0].4.as_deref(), Some("Lena Voss"));
    }

    #[test]
    fn quoted_fragment_inside_a_reported_clause_is_part_of_it() {
        let q = quotes("The governor said the new levy was “a tax on hope” and would be repealed.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "indirect");
        assert_eq!(q[0].1, "the new levy was “a tax on hope” and would be repealed");
    }

    #[test]
    fn reported_clause_mostly_quoted_keeps_its_own_words() {
        let q = quotes("The mayor told reporters that the city council “has no plan at all for the winter floods”.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "indirect");
        assert_eq!(q[0].1, "the city council “has no plan at all for the winter floods”");
    }

    #[test]
    fn double_apostrophe_marks_take_an_inverted_cue() {
        let q = quotes("''The library pays for itself,'' said Ann Moss, head of the studio.");
        assert_eq!(q[0].1, "The library pays for itself,");
        assert_eq!(q[0].2.as_deref(), Some("said"), "{q:?}");
        assert_eq!(q[0].3.as_deref(), Some("Ann Moss"), "{q:?}");
    }

    #[test]
    fn quotation_after_an_article_is_a_term_unless_it_holds_a_clause() {
        let q = quotes("Ann Lee warned of the “stark realities of a long and costly war in the north,” officials said.");
        assert!(q.iter().all(|r| r.0 != "direct"), "{q:?}");
        let q = quotes("Ann Lee said the “plan is dead and nobody in this city will ever revive it,” and left.");
        assert!(q.iter().any(|r| r.0 == "direct" || r.1.contains("plan is dead")), "{q:?}");
    }

    #[test]
    fn one_or_two_quoted_words_inside_the_sentence_are_a_scare_quote() {
        let q = quotes("The mayor called the new budget “reckless” on Monday and left the hall.");
        assert!(q.iter().all(|r| r.0 != "direct"), "{q:?}");
        let q = quotes("Ben Ortiz said “nobody” in the council had read the report.");
        assert!(q.iter().all(|r| r.0 != "direct" || r.1 != "nobody"), "{q:?}");
        // an utterance of one or two words after a comma, or opening its sentence, is speech
        let q = quotes("Asked whether he would sign the bill, Ben Ortiz said, “Certainly not.”");
        assert!(q.iter().any(|r| r.0 == "direct" && r.1 == "Certainly not."), "{q:?}");
        let q = quotes("“Never,” replied Ben Ortiz.");
        assert!(q.iter().any(|r| r.0 == "direct" && r.1 == "Never,"), "{q:?}");
        // three words are a phrase the speaker chose
        let q = quotes("The ministry called the agreement “a modest start” and said it would sign.");
        assert!(q.iter().any(|r| r.0 == "direct" && r.1 == "a modest start"), "{q:?}");
    }

    #[test]
    fn what_before_the_speaker_opens_the_reported_clause() {
        let q = quotes("The fair raised about twice what the organisers said they had hoped for.");
        assert!(q.iter().any(|r| r.0 == "indirect" && r.1 == "what the organisers said they had hoped for"), "{q:?}");
    }

    #[test]
    fn quotation_credited_to_an_author_is_a_title() {
        let q = quotes("Worth reading:\n\n—“The long road back to the city council after twenty years away,” by Ann Lee of the Herald.");
        assert!(q.iter().all(|r| r.0 != "direct"), "{q:?}");
    }

    #[test]
    fn interrupted_quote_gives_both_pieces_the_speaker() {
        let q = quotes("“We are ready,” Ann Moss told reporters in Oslo. “The rest is up to them.”");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].5.as_deref(), Some("reporters"));
        assert_eq!(q[1].1, "The rest is up to them.");
        assert_eq!(q[1].2.as_deref(), Some("told"));
        assert_eq!(q[1].4.as_deref(), Some("Ann Moss"));
    }

    #[test]
    fn quote_paragraph_without_cue_takes_the_running_speaker() {
        let q = quotes("“We are ready,” said Ann Moss.\n\n“Nobody here wants another long delay on this.”\n\nThe talks resume Monday.");
        assert_eq!(speaker_of(&q, "Nobody here wants another long delay on this."), Some("Ann Moss".into()));
    }

    #[test]
    fn multi_paragraph_quote_is_one_per_paragraph_with_one_speaker() {
        let q = quotes("Ann Moss said: “The first thing is money.\n\n“The second thing is time,” she said.");
        let direct: Vec<_> = q.iter().filter(|r| r.0 == "direct").collect();
        assert_eq!(direct.len(), 2, "{q:?}");
        assert!(direct.iter().all(|r| r.4.as_deref() == Some("Ann Moss")), "{q:?}");
    }

    #[test]
    fn scare_quotes_without_cue_are_not_speech() {
        assert!(quotes("The so-called “reset” failed. Critics called it a “fiasco”.").iter().all(|r| r.1 != "reset"));
        let q = quotes("The plan, dubbed “Iron Gate” by officials, stalled. She told CNN’s “State of the Union” it would pass.");
        assert!(q.iter().all(|r| r.1 != "Iron Gate" && r.1 != "State of the Union"), "titles are not speech: {q:?}");
        let q = quotes("He wrote “The Long Road: Three Generations That Built the Port,” a history of the town.");
        assert!(q.iter().all(|r| r.0 != "direct"), "a book title is not speech: {q:?}");
        let q = quotes("“We Will Not Go Back, Not Ever,” Ann Lee said.");
        assert!(q.iter().any(|r| r.0 == "direct"), "a sentence in capitals still is: {q:?}");
    }

    #[test]
    fn indirect_forms_and_speakers() {
        let q = quotes(
            "Interior Minister Sara Lind said on Monday that the border would stay shut. \
             Lind also told lawmakers the decision was final. \
             Prices rose again, according to the statistics office. \
             Hugh Hill, a doctor, said patients were waiting for hours. \
             The dam is safe, the minister said.",
        );
        assert_eq!(speaker_of(&q, "the border would stay shut"), Some("Sara Lind".into()), "{q:?}");
        let told = q.iter().find(|r| r.1 == "the decision was final").expect("told X clause");
        assert_eq!(told.4.as_deref(), Some("Sara Lind"), "surname → full name");
        assert_eq!(told.5.as_deref(), Some("lawmakers"));
        assert_eq!(speaker_of(&q, "Prices rose again"), Some("statistics office".into()));
        assert_eq!(speaker_of(&q, "patients were waiting for hours"), Some("Hugh Hill".into()));
        assert_eq!(speaker_of(&q, "The dam is safe"), Some("Sara Lind".into()), "the minister → the titled speaker");
    }

    #[test]
    fn colon_byline_and_object_complements() {
        let q = quotes("Mayor Ana Ruiz interrupted: “That is not true.”\n\n“A fine plan.” ― Bo Stark\n\nThe council announced a new curfew.");
        assert_eq!(speaker_of(&q, "That is not true."), Some("Ana Ruiz".into()), "{q:?}");
        assert_eq!(speaker_of(&q, "A fine plan."), Some("Bo Stark".into()), "{q:?}");
        assert_eq!(speaker_of(&q, "a new curfew"), Some("council".into()), "{q:?}");
    }

    #[test]
    fn pronoun_it_goes_to_the_sentence_subject() {
        let q = quotes("Though Norland lost the vote, it has acknowledged that the result stands.");
        assert_eq!(speaker_of(&q, "the result stands"), Some("Norland".into()), "{q:?}");
    }

    #[test]
    fn a_mention_inside_a_role_phrase_is_not_the_speaker() {
        let mut d = seg("Defense Minister Ira Holm said talks failed. The war will go on, the Pentagon chief said.");
        let p = d.text.find("Pentagon").unwrap();
        let span = d.span(p, p + 8).unwrap();
        let id = d.add_entity(dateline_doc::Entity::new("Pentagon", dateline_doc::EntityKind::Organization));
        d.mentions.push(dateline_doc::Mention {
            span,
            kind: dateline_doc::EntityKind::Organization,
            source: dateline_doc::MentionSource::Lexicon,
            entity: Some(id),
        });
        QuoteExtractor::default().run(&mut d);
        let q = d.quotes.iter().find(|q| d.slice(q.span) == "The war will go on").expect("trailing report");
        assert_eq!(q.speaker.map(|s| d.entity(s).name.as_str()), Some("Ira Holm"));
    }

    #[test]
    fn existing_entity_mentions_win() {
        let mut d = seg("Dr. Ames said the water is safe.");
        let span = d.span(4, 8).unwrap();
        let id = d.add_entity(dateline_doc::Entity::new("Paul Ames", dateline_doc::EntityKind::Person));
        d.mentions.push(dateline_doc::Mention {
            span,
            kind: dateline_doc::EntityKind::Person,
            source: dateline_doc::MentionSource::Model,
            entity: Some(id),
        });
        QuoteExtractor::default().run(&mut d);
        assert_eq!(d.quotes.len(), 1);
        assert_eq!(d.quotes[0].speaker, Some(id));
        assert_eq!(d.entities.len(), 1, "no duplicate entity");
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_slice_back(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[A-Za-z ,.]{0,12}").unwrap(),
                    proptest::sample::select(vec![
                        "“", "”", "‘", "’", "\"", "'", "''", " said ", " told ", ", according to ", "\n\n",
                        " He ", " the minister ", " that ", ": ", "«", "»", "„", "Ann Lee", ", who said ",
                    ]).prop_map(str::to_string),
                ],
                0..40,
            )
        ) {
            let text: String = parts.concat();
            for spans in [QuoteSpans::Split, QuoteSpans::Joined] {
                let mut d = seg(&text);
                QuoteExtractor::new(spans).run(&mut d);
                check_quote_spans(&d)?;
            }
        }
    }

    /// Every quote span slices back, is not empty and stays in one paragraph.
    fn check_quote_spans(d: &Doc) -> Result<(), proptest::test_runner::TestCaseError> {
        for q in &d.quotes {
            let words = d.slice(q.span);
            proptest::prop_assert!(!words.is_empty());
            proptest::prop_assert!(d.paragraphs.iter().any(|p| p.contains(q.span)), "a quote stays in one paragraph");
            for s in [q.cue, q.speaker_span, q.addressee_span].into_iter().flatten() {
                let _ = d.slice(s);
            }
            if let Some(id) = q.speaker {
                proptest::prop_assert!((id.0 as usize) < d.entities.len());
            }
        }
        for m in &d.mentions {
            let _ = d.slice(m.span);
        }
        Ok(())
    }
}
