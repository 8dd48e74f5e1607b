//! Finds the pattern matches of a sentence.
//!
//! Patterns are indexed by every form of their trigger word in one hash
//! map, so a token costs one lookup; only at a hit are the pattern's other
//! words checked around it.

use std::collections::HashMap;
use std::sync::LazyLock;

use dateline_doc::{Doc, TokenKind};
use dateline_lexicon::events::{EventLexicon, EventPattern, PatternWord, CLASS_WINDOW, EVENT_PATTERNS, GAP_WINDOW};

pub struct Matcher {
    pub lex: EventLexicon,
    by_trigger: HashMap<String, Vec<usize>>,
}

impl Matcher {
    pub fn new(lex: EventLexicon) -> Matcher {
        let mut by_trigger: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in lex.patterns.iter().enumerate() {
            for f in p.trigger_forms() {
                let list = by_trigger.entry(f.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Matcher { lex, by_trigger }
    }
}

/// The built-in matcher (no patterns if the user's override does not parse).
pub static MATCHER: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(EVENT_PATTERNS.as_ref().cloned().unwrap_or_default()));

/// One pattern found in the text.
#[derive(Debug, Clone, Copy)]
pub struct PatternMatch<'a> {
    pub pattern: &'a EventPattern,
    /// Token range the pattern covers `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub trigger: usize,
}

/// Lower-cased tokens of a document, sharing one buffer.
pub struct LowerTokens<'d> {
    lower: String,
    doc: &'d Doc,
}

impl<'d> LowerTokens<'d> {
    pub fn new(doc: &'d Doc) -> LowerTokens<'d> {
        LowerTokens { lower: doc.norm.as_str().to_ascii_lowercase(), doc }
    }
    /// The lower-cased text of token `i` ("" past the end).
    pub fn get(&self, i: usize) -> &str {
        let Some(t) = self.doc.tokens.get(i) else { return "" };
        self.lower.get(t.norm_start as usize..t.norm_end as usize).unwrap_or("")
    }
    /// The normalised (not lower-cased) text of token `i`.
    pub fn original(&self, i: usize) -> &'d str {
        if i < self.doc.tokens.len() {
            self.doc.token_text(i)
        } else {
            ""
        }
    }
    pub fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens.get(i).map_or(TokenKind::Punct, |t| t.kind)
    }
}

fn word_ok(w: &PatternWord, lex: &EventLexicon, toks: &LowerTokens, i: usize) -> bool {
    let t = toks.get(i);
    match w {
        PatternWord::Forms(f) => f.iter().any(|x| x == t),
        PatternWord::Number => toks.kind(i) == TokenKind::Number,
        PatternWord::Year => {
            toks.kind(i) == TokenKind::Number && t.len() == 4 && (t.starts_with("19") || t.starts_with("20"))
        }
        PatternWord::Class(c) => lex.in_class(c, t),
        PatternWord::Gap => true,
    }
}

/// Tries one pattern with its trigger at token `i`; `lim` is the sentence end.
fn try_pattern<'a>(
    m: &'a Matcher,
    p: &'a EventPattern,
    toks: &LowerTokens,
    i: usize,
    sent_start: usize,
    lim: usize,
) -> Option<PatternMatch<'a>> {
    if i < sent_start + p.trigger {
        return None;
    }
    let start = i - p.trigger;
    for (k, w) in p.words[..p.trigger].iter().enumerate() {
        if !word_ok(w, &m.lex, toks, start + k) {
            return None;
        }
    }
    let mut pos = i + 1;
    let mut gap = false;
    for w in &p.words[p.trigger + 1..] {
        match w {
            PatternWord::Gap => {
                gap = true;
                continue;
            }
            PatternWord::Class(_) => {
                let found = (pos..(pos + CLASS_WINDOW).min(lim))
                    .take_while(|&j| !matches!(toks.get(j), "." | ";" | ":" | "," | "and" | "but" | "that"))
                    .find(|&j| word_ok(w, &m.lex, toks, j))?;
                pos = found + 1;
            }
            _ => {
                let reach = if gap { GAP_WINDOW + 1 } else { 1 };
                let found = (pos..(pos + reach).min(lim)).find(|&j| word_ok(w, &m.lex, toks, j))?;
                pos = found + 1;
            }
        }
        gap = false;
    }
    Some(PatternMatch { pattern: p, start, end: pos, trigger: i })
}

/// The best pattern with its trigger at token `i` (the longest; the earlier
/// line on a tie), or `None`.
pub fn best_at<'a>(m: &'a Matcher, toks: &LowerTokens, i: usize, sent_start: usize, lim: usize) -> Option<PatternMatch<'a>> {
    let ids = m.by_trigger.get(toks.get(i))?;
    let mut best: Option<(usize, PatternMatch)> = None;
    for &id in ids {
        let p = &m.lex.patterns[id];
        if let Some(pm) = try_pattern(m, p, toks, i, sent_start, lim) {
            let score = p.words.iter().filter(|w| !matches!(w, PatternWord::Gap)).count();
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, pm));
            }
        }
    }
    best.map(|(_, pm)| pm)
}

/// All event matches of the token range `[a, b)` (one sentence), left to
/// right, a token used by one match never starting another; SKIP readings
/// are consumed but not returned.
pub fn sentence_matches<'a>(m: &'a Matcher, toks: &LowerTokens, a: usize, b: usize) -> Vec<PatternMatch<'a>> {
    let mut out = Vec::new();
    let mut used_until = a;
    for i in a..b {
        if i < used_until || toks.kind(i) != TokenKind::Word {
            continue;
        }
        if let Some(pm) = best_at(m, toks, i, a, b) {
            used_until = pm.end;
            if !pm.pattern.is_skip() {
                out.push(pm);
            }
        }
    }
    out
}
