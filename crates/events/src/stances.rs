//! Stances: who is for or against what, from what they say.
//!
//! A stance cue (`data/events/stance_cues.txt`) is an evaluation of a
//! clause's subject ("returning to the old borders is unrealistic"), a verb
//! whose object is the issue ("supported Brazil's request") or a modal whose
//! verb phrase is ("troops would not be deployed to Ukraine"). A negation in
//! the clause turns the polarity round. The holder is the speaker of the
//! quote the cue is in, else the subject of the sentence. The issue gets a
//! canonical key (see [`issue_key`]) so different wordings of one issue
//! meet. Acts say positions too: an accuser is against what it accuses of,
//! whoever calls or appeals for something (a REQUEST the event coder found)
//! or invites others to it is for it, whoever promises to end, repeal or
//! abolish something is against it, whoever signs an agreement or calls a
//! thing by a quoted verdict ("a first step", "a mistake") is for or
//! against it; a bare "the agreement" takes the terms of the report's
//! first agreement event. A reported change of position ("a stark change
//! from the stance of the Biden administration") links opposite stances on
//! one issue.

use std::sync::LazyLock;

use dateline_doc::{Doc, EntityId, EntityKind, Event, Polarity, SpanIndex, Stance};
use dateline_lexicon::{data_file, data_lines};

use crate::actors::ACTORS;
use crate::matcher::{LowerTokens, WordFilter, WordMap};

const BUILTIN: &str = include_str!("../../../data/events/stance_cues.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Eval,
    Verb,
    Modal,
    NegModal,
    /// A verb that ends what it takes as object, said of what the holder
    /// will or means to do: "would end the blockade" → against the blockade.
    Undo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub polarity: Polarity,
    pub kind: CueKind,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("stance cues line {line}: {what}")]
pub struct CueError {
    pub line: usize,
    pub what: String,
}

/// Parses the format documented at the top of `data/events/stance_cues.txt`.
pub fn parse_cues(text: &str) -> Result<WordMap<Cue>, CueError> {
    let mut out = WordMap::default();
    for (line, l) in data_lines(text) {
        let cols: Vec<&str> = l.split_whitespace().collect();
        let [pol, kind, word] = cols[..] else {
            return Err(CueError { line, what: "expected `POLARITY KIND WORD`".into() });
        };
        let polarity = match pol {
            "for" => Polarity::For,
            "against" => Polarity::Against,
            _ => return Err(CueError { line, what: format!("unknown polarity `{pol}`") }),
        };
        let kind = match kind {
            "eval" => CueKind::Eval,
            "verb" => CueKind::Verb,
            "modal" => CueKind::Modal,
            "negmodal" => CueKind::NegModal,
            "undo" => CueKind::Undo,
            _ => return Err(CueError { line, what: format!("unknown kind `{kind}`") }),
        };
        out.insert(word.to_lowercase(), Cue { polarity, kind });
    }
    Ok(out)
}

pub static CUES: LazyLock<WordMap<Cue>> =
    // a broken user override falls back to the built-in cues; `dateline` reports it before it starts
    LazyLock::new(|| parse_cues(&data_file(STANCE_CUES_FILE, BUILTIN)).or_else(|_| parse_cues(BUILTIN)).unwrap_or_default());

pub const STANCE_CUES_FILE: &str = "events/stance_cues.txt";

/// Whether the stance cues, with the user's overrides, parse.
pub fn check_data() -> Result<(), CueError> {
    parse_cues(&data_file(STANCE_CUES_FILE, BUILTIN)).map(drop)
}

pub static CUE_FILTER: LazyLock<WordFilter> = LazyLock::new(|| WordFilter::new(CUES.keys().map(String::as_str)));

fn flip(p: Polarity) -> Polarity {
    match p {
        Polarity::For => Polarity::Against,
        Polarity::Against => Polarity::For,
    }
}

fn is_neg(w: &str) -> bool {
    matches!(w, "not" | "never" | "no" | "cannot" | "nobody" | "neither") || w.ends_with("n't")
}

fn is_copula(w: &str) -> bool {
    matches!(w, "is" | "was" | "are" | "were" | "be" | "been" | "remains" | "remain")
}

fn is_boundary(w: &str) -> bool {
    matches!(w, "." | ";" | ":" | "\"" | "," | "(" | ")" | "but" | "and" | "that" | "which" | "who" | "because" | "while" | "if")
}

const STOP: [&str; 37] = [
    "the", "a", "an", "of", "to", "for", "in", "on", "its", "their", "his", "her", "any", "such", "as", "part", "be", "been",
    "being", "by", "at", "that", "it", "they", "them", "this", "these", "those", "he", "she", "we", "i", "you", "our",
    "your", "there", "and",
];

/// `STOP.contains(w)`, by one `match`.
fn is_stop_word(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "of" | "to" | "for" | "in" | "on" | "its" | "their" | "his" | "her" | "any" | "such" | "as"
            | "part" | "be" | "been" | "being" | "by" | "at" | "that" | "it" | "they" | "them" | "this" | "these"
            | "those" | "he" | "she" | "we" | "i" | "you" | "our" | "your" | "there" | "and"
    )
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "it" | "they" | "them" | "this" | "that" | "these" | "those" | "he" | "she" | "we" | "i" | "you" | "there")
}

const PRONOUNS: [&str; 13] = ["it", "they", "them", "this", "that", "these", "those", "he", "she", "we", "i", "you", "there"];

/// Whether `w.to_lowercase()` is one of lower-case ASCII `words`, none of
/// which has a "k": without the allocation. Of the chars that are not
/// ASCII, only the Kelvin sign lower-cases to an ASCII letter (a "k"), so
/// a word that is not ASCII lower-cases to none of them, and an ASCII one
/// to one of them exactly when it is one of them in any case.
fn lowercases_to_one_of(w: &str, words: &[&str]) -> bool {
    debug_assert!(words.iter().all(|x| !x.contains('k')));
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// A canonical key for an issue: content words, metonyms and demonyms
/// mapped to country codes, light lemmatisation, a few synonyms folded,
/// sorted. "NATO membership for Kyiv", "Ukraine joining NATO" and
/// "Ukraine's NATO membership" all give `member nato ukr`.
pub fn issue_key(phrase: &str) -> String {
    // the key's words are written one after another into `arena` (no String
    // per word: a key is built for every candidate stance)
    let mut arena = String::with_capacity(phrase.len() + 8);
    let mut words: Vec<(usize, usize)> = Vec::new();
    let (mut curly, mut lower, mut stem) = (String::new(), String::new(), String::new());
    let kept = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '\u{2019}');
    for raw in phrase.split(|c: char| !kept(c)).filter(|w| !w.is_empty()) {
        let raw = if raw.contains('\u{2019}') {
            curly.clear();
            curly.extend(raw.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
            curly.as_str()
        } else {
            raw
        };
        // `trim_end_matches("'s")` without setting up a substring searcher
        let mut w = raw;
        while let Some(stem) = w.strip_suffix("'s") {
            w = stem;
        }
        let w = w.trim_end_matches('\'').trim_matches('.');
        if w.is_empty() {
            continue;
        }
        let from = arena.len();
        if let Some(code) = ACTORS.code_of(w).filter(|c| *c != "IGO" && *c != "NGO") {
            push_lowercase(&mut arena, code);
            words.push((from, arena.len()));
            continue;
        }
        lower.clear();
        push_lowercase(&mut lower, w);
        if is_stop_word(&lower) {
            continue;
        }
        stem.clear();
        lemma_into(&lower, &mut stem);
        arena.push_str(fold(&stem));
        words.push((from, arena.len()));
    }
    words.sort_unstable_by(|x, y| arena[x.0..x.1].cmp(&arena[y.0..y.1]));
    words.dedup_by(|x, y| arena[x.0..x.1] == arena[y.0..y.1]);
    let mut key = String::with_capacity(arena.len() + words.len());
    for (k, &(a, b)) in words.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(&arena[a..b]);
    }
    key
}

/// Appends `w` lower-cased (as `str::to_lowercase`, without allocating for
/// ASCII: copied whole, then lower-cased in place).
fn push_lowercase(out: &mut String, w: &str) {
    if w.is_ascii() {
        let from = out.len();
        out.push_str(w);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// Appends the light lemma of lower-case `w` to `out`.
fn lemma_into(w: &str, out: &mut String) {
    for (suf, rep) in [("ships", ""), ("ship", ""), ("ing", ""), ("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", "")] {
        if let Some(stem) = w.strip_suffix(suf) {
            if stem.len() >= 3 && !(suf == "s" && stem.ends_with('s')) {
                out.push_str(stem);
                out.push_str(rep);
                return;
            }
        }
    }
    out.push_str(w);
}

fn fold(w: &str) -> &str {
    match w {
        "join" | "joining" | "member" | "accession" | "admission" | "admit" | "entry" => "member",
        "deploy" | "send" | "station" => "deploy",
        "troop" | "soldier" | "force" => "troop",
        _ => w,
    }
}

/// The holder of a statement at token `i`: the speaker of the quote it is
/// in, else the first entity named in its sentence before it.
fn holder_at(doc: &Doc, at: &Positions, i: usize, sent_start: usize) -> (Option<EntityId>, Option<usize>) {
    let span = doc.tokens[i].span;
    if let Some(qi) = at.quotes.first_containing(span) {
        let speaker = doc.quotes[qi].speaker.map(|sp| first_conjunct(doc, at, sp, sent_start, i));
        return (speaker, Some(qi));
    }
    let start = doc.tokens[sent_start].span.start();
    // the earliest-starting mention before the word (first in layer order among equals)
    let mut best: Option<(usize, usize)> = None;
    for m in at.mentions.starting_in(start, span.start()) {
        let mention = &doc.mentions[m];
        if mention.span.end() > span.start() || mention.entity.is_none() {
            continue;
        }
        match best {
            Some((s0, _)) if s0 < mention.span.start() => break,
            Some((_, m0)) if m0 < m => {}
            _ => best = Some((mention.span.start(), m)),
        }
    }
    (best.and_then(|(_, m)| doc.mentions[m].entity), None)
}

/// "supported Brazil's request and would join the case": "and" before a
/// modal or a past verb starts the subject's next predicate, not more of
/// the object.
fn starts_second_predicate(toks: &LowerTokens, k: usize) -> bool {
    toks.get(k) == "and" && {
        let next = toks.get(k + 1);
        matches!(next, "would" | "will" | "could" | "should" | "can" | "may" | "might" | "must" | "said" | "says") || next.ends_with("ed")
    }
}

/// "the Biden administration and many of its allies, who had declared…":
/// a coordinated holder is held by its first conjunct, as an event's
/// source is ("Ethiopia and Eritrea agreed").
pub(crate) fn first_conjunct(doc: &Doc, at: &Positions, holder: EntityId, sent_start: usize, i: usize) -> EntityId {
    let (start, end) = (doc.tokens[sent_start].span.start(), doc.tokens[i].span.start());
    let mut prev: Option<(usize, EntityId)> = None;
    for m in at.mentions.starting_in(start, end) {
        let mention = &doc.mentions[m];
        let Some(e) = mention.entity else { continue };
        if e == holder {
            if let Some((prev_end, other)) = prev.filter(|&(_, o)| o != holder) {
                let between = doc.text.get(prev_end..mention.span.start()).unwrap_or("");
                let person_or_org = doc
                    .entities
                    .get(other.0 as usize)
                    .is_some_and(|x| !matches!(x.kind, EntityKind::Misc | EntityKind::Location));
                if between.trim() == "and" && person_or_org {
                    return other;
                }
            }
            return holder;
        }
        prev = Some((mention.span.end(), e));
    }
    holder
}

/// Position look-ups over the quote and mention layers, built once per
/// document (for the event coder and the stances alike).
pub(crate) struct Positions {
    pub(crate) quotes: SpanIndex,
    pub(crate) mentions: SpanIndex,
}

impl Positions {
    pub(crate) fn new(doc: &Doc) -> Positions {
        Positions {
            quotes: SpanIndex::new(doc.quotes.iter().map(|q| q.span)),
            mentions: SpanIndex::new(doc.mentions.iter().map(|m| m.span)),
        }
    }
}

fn phrase(doc: &Doc, a: usize, b: usize) -> Option<(String, dateline_doc::Span)> {
    if a >= b {
        return None;
    }
    let span = doc.tokens[a].span.cover(doc.tokens[b - 1].span);
    Some((doc.slice(span).to_string(), span))
}

fn strip_lead(toks: &LowerTokens, mut a: usize, b: usize) -> usize {
    while a < b && matches!(toks.get(a), "the" | "a" | "an" | "to" | "that" | "any" | "by" | "recognizing" | "recognising") {
        a += 1;
    }
    a
}

pub fn find_stances(doc: &Doc, toks: &LowerTokens, events: &[Event]) -> Vec<Stance> {
    find_stances_at(doc, toks, events, &Positions::new(doc))
}

/// [`find_stances`] with the document's position look-ups already built.
pub(crate) fn find_stances_at(doc: &Doc, toks: &LowerTokens, events: &[Event], at: &Positions) -> Vec<Stance> {
    let mut out: Vec<Stance> = Vec::new();
    accusation_stances(doc, toks, events, &mut out);
    // the class is looked up by name once; its members once per token
    let armed_bit = crate::matcher::MATCHER.class_bit_of("armed");
    let mut cue_cursor = 0;
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        let lo = crate::matcher::first_place_from(&toks.cues, &mut cue_cursor, a);
        let hi = lo + toks.cues[lo..].partition_point(|&p| (p as usize) < b);
        if lo == hi {
            continue;
        }
        // the front end found the cues and looked them up (all cue words are words)
        for (&pos, &cue) in toks.cues[lo..hi].iter().zip(&toks.cue_kinds[lo..hi]) {
            let i = pos as usize;
            let w = toks.get(i);
            // modals are common: decide cheaply whether this one can carry a stance
            let neg_after = (i + 1..(i + 3).min(b)).any(|k| is_neg(toks.get(k)));
            if (cue.kind == CueKind::NegModal && !neg_after)
                || (cue.kind == CueKind::Modal && matches!(w, "have" | "has" | "need" | "needs") && toks.get(i + 1) != "to")
            {
                continue;
            }
            // clause start: back to a boundary
            let mut cs = i;
            while cs > a && !is_boundary(toks.get(cs - 1)) && !matches!(toks.get(cs - 1), "said" | "says" | "told" | "believe" | "believes" | "see" | "sees") {
                cs -= 1;
            }
            // "guarantees to ensure that the war will not begin again": the
            // clause says what the position is for, not a position of its own
            if cs >= a + 2 && toks.get(cs - 1) == "that" && matches!(toks.get(cs - 2), "ensure" | "ensures" | "ensuring" | "guarantee" | "guarantees" | "so") {
                continue;
            }
            let negated = (cs.max(i.saturating_sub(4))..i).any(|k| is_neg(toks.get(k)))
                || (a..i).rev().take(12).any(|k| matches!(toks.get(k), "believe" | "believes" | "think" | "thinks" | "see" | "sees") && k > 0 && is_neg(toks.get(k - 1)));
            let mut polarity = if negated { flip(cue.polarity) } else { cue.polarity };
            let mut issue: Option<(usize, usize)> = None;
            match cue.kind {
                CueKind::Eval => {
                    // "X is/was (a more) WORD", or "see X as (part of a) WORD"
                    let cop = (cs..i).rev().find(|&k| is_copula(toks.get(k)));
                    let see_as = (a..i).rev().find(|&k| toks.get(k) == "as");
                    if let Some(c) = cop {
                        // the subject: back from the copula to a boundary or speech verb
                        let mut sa = c;
                        while sa > a && !matches!(toks.get(sa - 1), "." | ";" | ":" | "\"" | "that" | "said" | "says" | "told" | "believe" | "believes" | "," | "and" | "but") {
                            sa -= 1;
                        }
                        let sa = strip_lead(toks, sa, c);
                        if c > sa && !(c == sa + 1 && is_pronoun(toks.get(sa))) {
                            issue = Some((sa, c));
                        }
                        // "it is a mistake to X" / "X is not …": the negation sits after the copula
                        if (c + 1..i).any(|k| is_neg(toks.get(k))) && !negated {
                            polarity = flip(cue.polarity);
                        }
                    } else if let Some(asx) = see_as {
                        let see = (a..asx).rev().find(|&k| matches!(toks.get(k), "see" | "sees" | "saw" | "view" | "views"));
                        if let Some(sv) = see {
                            if asx > sv + 1 {
                                issue = Some((sv + 1, asx));
                            }
                        }
                    }
                }
                CueKind::Undo => {
                    // only a planned or promised act: "to end", "would end"
                    let prev = if i > a { toks.get(i - 1) } else { "" };
                    // "would end up with": a phrasal verb, nothing ended
                    if !matches!(prev, "to" | "would" | "will" | "could" | "should" | "must" | "can" | "shall") || toks.get(i + 1) == "up" {
                        continue;
                    }
                    // "refused to lift", "wants to end": the earlier verb states the position
                    let verb_before = toks.cues.iter().zip(&toks.cue_kinds).any(|(&p, c)| (cs..i).contains(&(p as usize)) && c.kind == CueKind::Verb);
                    if verb_before {
                        continue;
                    }
                    // "repeal that measure": the thing is named elsewhere
                    if matches!(toks.get(i + 1), "that" | "this" | "these" | "those" | "it" | "them" | "its" | "their" | "his" | "her") {
                        continue;
                    }
                    let mut e = i + 1;
                    while e < b
                        && e < i + 11
                        && !matches!(toks.get(e), "." | ";" | ":" | "," | "\"" | "?" | "but" | "because" | "which" | "who" | "if" | "after" | "before" | "when" | "through")
                        && !is_copula(toks.get(e))
                        && !starts_second_predicate(toks, e)
                        && !(toks.get(e) == "and" && is_pronoun(toks.get(e + 1)))
                    {
                        e += 1;
                    }
                    // the article stays: "the blockade" names a thing the reader
                    // knows, which a bare "blockade" would not
                    let sa = if toks.get(i + 1) == "the" { i + 1 } else { strip_lead(toks, i + 1, e) };
                    let head = if toks.get(sa) == "the" { sa + 1 } else { sa };
                    // "to end the day higher", "end the season": a stretch of time, not a thing one opposes
                    if head >= e || !toks.get(head).chars().next().is_some_and(|c| c.is_alphabetic()) || is_time_word(toks.get(head)) {
                        continue;
                    }
                    // "would end the blockade on Monday": a trailing date says when, not what
                    let mut e2 = e;
                    if let Some(k) = (head + 1..e).find(|&k| {
                        let next = toks.get(k + 1);
                        is_weekday(toks.get(k))
                            || (matches!(toks.get(k), "on" | "by" | "within" | "next" | "this" | "last")
                                && (is_weekday(next) || is_time_word(next) || next.starts_with(|c: char| c.is_ascii_digit())))
                    }) {
                        e2 = k;
                    }
                    issue = Some((sa, trim_tail(toks, head, e2)));
                }
                CueKind::Verb => {
                    // "the border plan is …", "its support": a noun, not a verb
                    let prev = if i > a { toks.get(i - 1) } else { "" };
                    if matches!(prev, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "that" | "'s" | "our" | "your")
                        || is_copula(toks.get(i + 1))
                    {
                        continue;
                    }
                    // the object: up to the next boundary, at most 10 words
                    let mut e = i + 1;
                    while e < b && e < i + 11 && !matches!(toks.get(e), "." | ";" | ":" | "," | "but" | "because" | "which" | "who") && !starts_second_predicate(toks, e) {
                        e += 1;
                    }
                    while e > i + 1 && toks.get(e - 1) == "\"" {
                        e -= 1;
                    }
                    let sa = strip_lead(toks, i + 1, e);
                    if e > sa {
                        issue = Some((sa, e));
                    }
                }
                CueKind::Modal | CueKind::NegModal => {
                    if cue.kind == CueKind::NegModal && !(i + 1..(i + 3).min(b)).any(|k| is_neg(toks.get(k))) {
                        continue;
                    }
                    if cue.kind == CueKind::Modal && matches!(toks.get(i), "have" | "has" | "need" | "needs") && toks.get(i + 1) != "to" {
                        continue;
                    }
                    let negm = (i + 1..(i + 3).min(b)).any(|k| is_neg(toks.get(k)));
                    polarity = if negm || negated { flip(cue.polarity) } else { cue.polarity };
                    // subject words + the verb phrase without the modal, negation, "be"
                    let mut e = i + 1;
                    while e < b
                        && e < i + 14
                        && !matches!(toks.get(e), "." | ";" | ":" | "," | "but" | "because" | "which" | "who" | "if")
                        && !(toks.get(e) == "and" && e + 1 < b && is_pronoun(toks.get(e + 1)))
                    {
                        e += 1;
                    }
                    while e > i + 1 && toks.get(e - 1) == "\"" {
                        e -= 1;
                    }
                    // a cue inside the verb phrase says more than the modal does
                    let next_cue = toks.cues.partition_point(|&p| p as usize <= i);
                    let mut cues_in_phrase = toks.cues[next_cue..].iter().zip(&toks.cue_kinds[next_cue..]).take_while(|(&p, _)| (p as usize) < e);
                    if cues_in_phrase.any(|(_, c)| c.kind != CueKind::NegModal && c.kind != CueKind::Modal) {
                        continue;
                    }
                    let mut vp = i + 1;
                    while vp < e && (is_neg(toks.get(vp)) || matches!(toks.get(vp), "be" | "to" | "have" | "also" | "only" | "\"")) {
                        vp += 1;
                    }
                    if e < vp + 2 {
                        continue;
                    }
                    let sa = strip_lead(toks, cs, i);
                    if let (Some((subj, _)), Some((pred, _))) = (phrase(doc, sa, i), phrase(doc, vp, e)) {
                        let (holder, quote) = holder_at(doc, at, i, a);
                        let subj_is_pronoun = lowercases_to_one_of(&subj, &["we", "i", "you", "it", "they", "he", "she"]);
                        let target = if subj_is_pronoun || subj.is_empty() { pred.clone() } else { format!("{subj} {pred}") };
                        push(doc, &mut out, holder, quote, polarity, target, a, b, i);
                    } else if let Some((pred, _)) = phrase(doc, vp, e) {
                        let (holder, quote) = holder_at(doc, at, i, a);
                        push(doc, &mut out, holder, quote, polarity, pred, a, b, i);
                    }
                    continue;
                }
            }
                    // backing or arming fighters is an act (AID), not a position
            let armed = |k: usize| match armed_bit {
                Some(bit) => toks.in_builtin_class(k, bit),
                None => crate::matcher::MATCHER.in_class("armed", toks.get(k)),
            };
            if cue.kind == CueKind::Verb && issue.is_some_and(|(x, y)| (x..y).any(armed)) {
                continue;
            }
            if let Some((ia, ib)) = issue {
                if let Some((target, _)) = phrase(doc, ia, ib.min(ia + 12)) {
                    let (holder, quote) = holder_at(doc, at, i, a);
                    push(doc, &mut out, holder, quote, polarity, target, a, b, i);
                }
            }
        }
    }
    request_stances(doc, toks, events, &mut out);
    let (calling, signing) = calling_and_signing_verbs(toks, doc.tokens.len());
    if !calling.is_empty() {
        called_stances(doc, toks, events, at, &calling, &mut out);
    }
    if !signing.is_empty() {
        signing_stances(doc, toks, events, at, &signing, &mut out);
    }
    link_shifts(doc, at, toks, &mut out);
    out
}

fn is_calling_verb(w: &str) -> bool {
    matches!(w, "called" | "calls" | "call" | "calling" | "labelled" | "labeled" | "described")
}

fn is_signing_verb(w: &str) -> bool {
    matches!(w, "signed" | "signing" | "signs" | "sign")
}

/// The places of the verbs [`called_stances`] and [`signing_stances`] start
/// from, in one pass over the document's words (a first-byte test turns
/// down nearly every word), so that each rule visits only its verbs.
fn calling_and_signing_verbs(toks: &LowerTokens, n: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut calling, mut signing) = (Vec::new(), Vec::new());
    for i in 0..n {
        let w = toks.get(i);
        match w.as_bytes().first() {
            Some(b'c' | b'l' | b'd') if is_calling_verb(w) => calling.push(i),
            Some(b's') if is_signing_verb(w) => signing.push(i),
            _ => {}
        }
    }
    (calling, signing)
}

/// The places among `verbs` (sorted) inside the tokens `a..b`.
fn verbs_in(verbs: &[usize], a: usize, b: usize) -> &[usize] {
    let lo = verbs.partition_point(|&i| i < a);
    let hi = lo + verbs[lo..].partition_point(|&i| i < b);
    &verbs[lo..hi]
}

/// "called the agreement \"a first step\"", "called the plan \"a disaster\"":
/// naming a thing by a quoted verdict is a position on it. A bare "the
/// agreement" (or accord, deal …) is the one the report's first agreement
/// event states, and takes that event's words.
fn called_stances(doc: &Doc, toks: &LowerTokens, events: &[Event], at: &Positions, calling: &[usize], out: &mut Vec<Stance>) {
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        for &i in verbs_in(calling, a, b) {
            // the thing: up to the opening quote, at most six words
            let Some(q) = (i + 1..(i + 8).min(b)).find(|&k| toks.get(k) == "\"") else { continue };
            if q < i + 2 || (i + 1..q).any(|k| is_boundary(toks.get(k)) || is_copula(toks.get(k))) {
                continue;
            }
            // the verdict: the quoted words up to the closing quote
            let Some(close) = (q + 1..(q + 8).min(b)).find(|&k| toks.get(k) == "\"") else { continue };
            let verdict = (q + 1..close).find_map(|k| verdict_of(toks.get(k)));
            let Some(mut polarity) = verdict else { continue };
            if (q + 1..close).any(|k| is_neg(toks.get(k))) {
                polarity = flip(polarity);
            }
            let (holder, quote) = holder_at(doc, at, i, a);
            let Some(holder) = holder else { continue };
            let span = doc.tokens[a].span.cover(doc.tokens[b - 1].span);
            if out.iter().any(|x| x.holder == Some(holder) && x.span == span) {
                continue;
            }
            // "called the deal a \"disaster\"", "described the field as \"good\"": the thing ends before the article
            let np_end = (i + 2..q).find(|&k| matches!(toks.get(k), "as" | "a" | "an")).unwrap_or(q);
            let Some((mut target, _)) = phrase(doc, i + 1, np_end) else { continue };
            if np_end == i + 3 && toks.get(i + 1) == "the" && is_agreement_noun(toks.get(i + 2)) {
                if let Some(what) = agreed_terms(doc, toks, events) {
                    target = format!("{target} {what}");
                } else {
                    continue;
                }
            }
            push(doc, out, Some(holder), quote, polarity, target, a, b, i);
        }
    }
}

fn is_agreement_noun(w: &str) -> bool {
    matches!(w, "agreement" | "accord" | "accords" | "deal" | "treaty" | "pact" | "truce" | "ceasefire" | "charter" | "protocol")
}

/// "signed the accord", "said after signing the treaty": whoever signs an
/// agreement is for it. After "said after", the signer is the speaker of
/// the quote that "said" reports.
fn signing_stances(doc: &Doc, toks: &LowerTokens, events: &[Event], at: &Positions, signing: &[usize], out: &mut Vec<Stance>) {
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        for &i in verbs_in(signing, a, b) {
            // "was signed", "the sign": not the signer's act
            if i > a && (is_copula(toks.get(i - 1)) || matches!(toks.get(i - 1), "the" | "a" | "to" | "not" | "never" | "refused")) {
                continue;
            }
            if !matches!(toks.get(i + 1), "the" | "an" | "a") {
                continue;
            }
            let Some(head) = (i + 2..(i + 6).min(b)).find(|&k| is_agreement_noun(toks.get(k))) else { continue };
            if (i + 2..head).any(|k| is_boundary(toks.get(k))) {
                continue;
            }
            let (mut holder, mut quote) = holder_at(doc, at, i, a);
            if i >= a + 2 && matches!(toks.get(i - 1), "after" | "before" | "when") {
                let cue = doc.tokens[i - 2].span;
                if let Some((qi, q)) = doc.quotes.iter().enumerate().find(|(_, q)| q.cue == Some(cue)) {
                    holder = q.speaker;
                    quote = Some(qi);
                }
            }
            let Some(holder) = holder else { continue };
            let span = doc.tokens[a].span.cover(doc.tokens[b - 1].span);
            if out.iter().any(|x| x.holder == Some(holder) && x.span == span) {
                continue;
            }
            let mut end = head + 1;
            // "signed a new agreement": generic words name nothing either
            let generic = (i + 2..head).all(|k| {
                matches!(
                    toks.get(k),
                    "new" | "similar" | "further" | "another" | "second" | "first" | "formal" | "final" | "landmark" | "historic"
                        | "preliminary" | "draft" | "intergovernmental" | "bilateral" | "multilateral" | "separate" | "major" | "broad"
                        | "joint" | "same" | "written" | "secret" | "binding" | "legally" | "framework" | "comprehensive"
                )
            });
            if generic && toks.get(i + 1) != "the" {
                // "signed a treaty" names nothing; "a treaty on fishing rights" does
                if !matches!(toks.get(head + 1), "on" | "to" | "for") {
                    continue;
                }
                end = head + 2;
                while end < b && end < head + 10 && !is_boundary(toks.get(end)) && !matches!(toks.get(end), "with" | "in" | "at") && !is_weekday(toks.get(end)) {
                    end += 1;
                }
                end = trim_tail(toks, head, end);
                if end <= head + 2 {
                    continue;
                }
            }
            let Some((mut target, _)) = phrase(doc, i + 1, end) else { continue };
            if head == i + 2 && toks.get(i + 1) == "the" {
                match agreed_terms(doc, toks, events) {
                    Some(what) => target = format!("{target} {what}"),
                    None => continue,
                }
            }
            push(doc, out, Some(holder), quote, Polarity::For, target, a, b, i);
        }
    }
}

/// The polarity of a quoted verdict word.
fn verdict_of(w: &str) -> Option<Polarity> {
    match w {
        "step" | "breakthrough" | "milestone" | "model" | "success" | "victory" | "achievement" | "historic" | "good" | "positive"
        | "welcome" | "opportunity" => Some(Polarity::For),
        "mistake" | "disaster" | "failure" | "farce" | "betrayal" | "insult" | "sham" | "surrender" | "catastrophe" | "provocation"
        | "unacceptable" | "illegal" | "outrageous" => Some(Polarity::Against),
        _ => None,
    }
}

/// What the report's first asserted agreement is to do: "agreed on Sunday to
/// let observers monitor their border" → "to let observers monitor their border".
fn agreed_terms(doc: &Doc, toks: &LowerTokens, events: &[Event]) -> Option<String> {
    use dateline_doc::{EventStatus, EventType};
    let e = events.iter().find(|e| e.kind == EventType::Agree && e.status == EventStatus::Asserted && e.trigger.is_some())?;
    let t = doc.token_at_or_after(e.trigger?.start());
    let end = doc.token_at_or_after(e.span.end());
    let to = (t + 1..(t + 5).min(end)).find(|&k| toks.get(k) == "to")?;
    let e2 = trim_tail(toks, to, end.min(to + 12));
    phrase(doc, to, e2).map(|(x, _)| x)
}

/// `[a, e)` without the function words a cut-off phrase ends in ("the
/// era of waiting for the", "to 28 percent in a").
fn trim_tail(toks: &LowerTokens, a: usize, mut e: usize) -> usize {
    while e > a + 1 && matches!(toks.get(e - 1), "the" | "a" | "an" | "of" | "for" | "to" | "in" | "on" | "at" | "by" | "with" | "and" | "or" | "from") {
        e -= 1;
    }
    e
}

/// What follows "invited X to" when it is no proposal of the inviter's:
/// an article (a set occasion: "to a party", "to the rally") or a verb
/// (what the guests are to do: "to attend", "to enter the contest").
fn is_invited_act(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this" | "that" | "be" | "attend" | "speak"
            | "join" | "visit" | "take" | "come" | "participate" | "address" | "testify" | "submit" | "apply" | "enter"
            | "play" | "perform" | "give" | "make" | "share" | "send" | "help" | "stay" | "see" | "watch" | "meet" | "dinner"
            | "lunch" | "breakfast"
    )
}

fn is_time_word(w: &str) -> bool {
    matches!(w, "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "session" | "season" | "term" | "quarter" | "career" | "trading" | "month's" | "year's" | "week's" | "day's")
}

fn is_weekday(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}

/// "appealed for emergency aid", "called for a ceasefire", "invited Malta to
/// joint inspections": whoever the event coder finds asking for something
/// is for it. "invited Y to X" is for X with Y. Verbs that are stance cues
/// themselves ("urged", "demanded") are left to the cue; a sentence that
/// already gave the holder a stance gives no second one.
fn request_stances(doc: &Doc, toks: &LowerTokens, events: &[Event], out: &mut Vec<Stance>) {
    use dateline_doc::{EventStatus, EventType};
    for e in events.iter().filter(|e| e.kind == EventType::Request && matches!(e.status, EventStatus::Asserted | EventStatus::Future)) {
        let (Some(trigger), Some(holder)) = (e.trigger, e.source.entity) else { continue };
        let t = doc.token_at_or_after(trigger.start());
        let Some(s) = doc.sentence_at(trigger.start()).and_then(|k| doc.sentences.get(k)) else { continue };
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        if t >= b {
            continue;
        }
        let span = doc.tokens[a].span.cover(doc.tokens[b - 1].span);
        if out.iter().any(|x| x.holder == Some(holder) && x.span == span) {
            continue;
        }
        let stop = |k: usize| {
            let w = toks.get(k);
            matches!(w, "." | ";" | ":" | "," | "\"" | "?" | "but" | "because" | "which" | "who" | "if" | "warning" | "saying")
                || is_copula(w)
                || is_weekday(w)
                || starts_second_predicate(toks, k)
                // "… in a statement on Thursday": how and when it was said
                || (w == "in" && matches!(toks.get(k + 1), "a" | "an") && matches!(toks.get(k + 2), "statement" | "interview" | "letter" | "speech"))
        };
        let end_from = |from: usize| {
            let mut e = from;
            while e < b && e < from + 10 && !stop(e) {
                e += 1;
            }
            trim_tail(toks, from, e)
        };
        let w = toks.get(t);
        // "Texas was called for Cruz": a passive reports no request of the subject's
        if t > a && (is_copula(toks.get(t - 1)) || matches!(toks.get(t - 1), "the" | "a" | "an" | "get" | "got" | "gets")) {
            continue;
        }
        let target = if w.starts_with("invit") {
            // "invited Malta to joint inspections"
            let Some(to) = (t + 1..(t + 6).min(b)).take_while(|&k| !stop(k)).find(|&k| toks.get(k) == "to") else { continue };
            let xa = strip_lead(toks, to + 1, b);
            let xe = end_from(xa);
            // "invited reporters to attend": a verb after "to" is what the guests are to do;
            // "invited him to a party", "to the rally": a set occasion, not a proposal
            if xe <= xa || to == t + 1 || is_invited_act(toks.get(to + 1)) {
                continue;
            }
            match (phrase(doc, xa, xe), phrase(doc, t + 1, to)) {
                (Some((x, _)), Some((y, _))) if !is_pronoun(toks.get(xa)) => format!("{x} with {y}"),
                _ => continue,
            }
        } else if matches!(w, "call" | "calls" | "called" | "calling" | "appeal" | "appeals" | "appealed" | "appealing") {
            // "appealed on Monday for $340 million in emergency aid"
            // ("on Monday" may come between)
            let Some(f) = (t + 1..(t + 5).min(b)).take_while(|&k| !stop(k) || is_weekday(toks.get(k))).find(|&k| toks.get(k) == "for") else { continue };
            let xa = strip_lead(toks, f + 1, b);
            let xe = end_from(xa);
            match phrase(doc, xa, xe) {
                Some((x, _)) => x,
                None => continue,
            }
        } else {
            continue;
        };
        push(doc, out, Some(holder), e.quote, Polarity::For, target, a, b, t);
    }
}

/// "X accused Y of using environmental rules to shut out farm exports": the
/// accuser is against what it accuses the other of doing.
fn accusation_stances(doc: &Doc, toks: &LowerTokens, events: &[Event], out: &mut Vec<Stance>) {
    for e in events.iter().filter(|e| e.kind == dateline_doc::EventType::Accuse) {
        let (Some(trigger), Some(holder)) = (e.trigger, e.source.entity) else { continue };
        let t = doc.token_at_or_after(trigger.start());
        let Some(s) = doc.sentence_at(trigger.start()).and_then(|k| doc.sentences.get(k)) else { continue };
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        // "of" + a gerund within a few words of the verb
        let Some(of) = (t + 1..(t + 8).min(b)).take_while(|&k| !matches!(toks.get(k), "." | ";" | ":" | ",")).find(|&k| toks.get(k) == "of") else {
            continue;
        };
        let g = of + 1;
        if !toks.get(g).ends_with("ing") {
            continue;
        }
        let mut end = g;
        while end < b && end < g + 12 && !matches!(toks.get(end), "." | ";" | ":" | "," | "\"" | "and" | "but" | "which" | "who") {
            end += 1;
        }
        if end <= g + 1 {
            continue;
        }
        if let Some((target, _)) = phrase(doc, g, end) {
            push(doc, out, Some(holder), e.quote, Polarity::Against, target, a, b, t);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn push(doc: &Doc, out: &mut Vec<Stance>, holder: Option<EntityId>, quote: Option<usize>, polarity: Polarity, target: String, a: usize, b: usize, cue: usize) {
    let Some(holder) = holder else { return };
    // only people, organisations, countries and groups hold positions
    if doc.entities.get(holder.0 as usize).is_some_and(|e| matches!(e.kind, EntityKind::Misc | EntityKind::Location)) {
        return;
    }
    // "those goals", "this plan": the words name nothing without their antecedent
    let first = target.split_whitespace().next().unwrap_or("");
    if lowercases_to_one_of(first, &["those", "these", "this", "such"]) {
        return;
    }
    // "rejected the charge", "we want the deal": one common noun after "the"
    // points back to what an earlier sentence named, and names nothing here
    if is_bare_anaphor(doc, a, cue, &target) {
        return;
    }
    // "no plans to suspend it": "it" is the thing the sentence named first
    let mut target = target;
    if let Some(stem) = target.strip_suffix(" it").or_else(|| target.strip_suffix(" them")) {
        if let Some(np) = first_noun_phrase(doc, a, cue) {
            target = format!("{stem} {np}");
        }
    }
    let key = issue_key(&target);
    // (the key's words are joined by single spaces)
    if key.is_empty() || key.bytes().filter(|&c| c == b' ').count() >= 14 || lowercases_to_one_of(&target, &PRONOUNS) {
        return;
    }
    if out.iter().any(|s| s.holder == Some(holder) && s.issue_key == key && s.polarity == polarity) {
        return;
    }
    let span = doc.tokens[a].span.cover(doc.tokens[b - 1].span);
    out.push(Stance {
        holder: Some(holder),
        target,
        issue_key: key,
        polarity,
        span,
        cue: Some(doc.tokens[cue].span),
        quote,
        shift_from: None,
    });
}

fn is_bare_anaphor(doc: &Doc, a: usize, b: usize, target: &str) -> bool {
    let word = target.trim();
    if word.contains(' ') || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    // the word follows "the" in the sentence, after the cue
    let b = doc.sentences.get(doc.sentence_at(doc.tokens[b].span.start()).unwrap_or(0)).map_or(b + 1, |s| s.tokens.end);
    (a + 1..b.min(doc.tokens.len())).any(|k| doc.token_text(k) == word && doc.token_text(k - 1).eq_ignore_ascii_case("the"))
}

/// The first "the …" noun phrase of tokens `[a, b)`: up to three words after
/// the article, stopping before a verb-like or function word.
fn first_noun_phrase(doc: &Doc, a: usize, b: usize) -> Option<String> {
    let the = (a..b).find(|&k| doc.token_text(k).eq_ignore_ascii_case("the"))?;
    let mut e = the + 1;
    while e < b && e < the + 4 {
        let w = doc.token_text(e);
        let lw = w.to_ascii_lowercase();
        if !w.chars().all(|c| c.is_alphanumeric() || c == '-') || lw.ends_with("ed") || STOP.contains(&lw.as_str()) || is_copula(&lw) {
            break;
        }
        e += 1;
    }
    (e > the + 1).then(|| doc.slice(doc.tokens[the].span.cover(doc.tokens[e - 1].span)).to_string())
}

/// "a stark change from the stance of the Biden administration": a stance of
/// the sentence's subject and an opposite one of the named other holder on
/// the same issue are linked.
fn link_shifts(doc: &Doc, at: &Positions, toks: &LowerTokens, out: &mut [Stance]) {
    // no stances, nothing to link (and no sentence to read)
    if out.is_empty() {
        return;
    }
    let mut shift_cursor = 0;
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        // the front end found the shift words: only those can start the phrase
        let lo = crate::matcher::first_place_from(&toks.shifts, &mut shift_cursor, a);
        let found = toks.shifts[lo..].iter().map(|&p| p as usize).take_while(|&k| k < b).find(|&k| k + 1 < b && toks.get(k + 1) == "from");
        let Some(k) = found else {
            continue;
        };
        let after = doc.tokens[k].span.end();
        let other = at
            .mentions
            .starting_in(after, s.span.end())
            .filter(|&m| doc.mentions[m].span.end() <= s.span.end() && doc.mentions[m].entity.is_some())
            .min()
            .and_then(|m| doc.mentions[m].entity);
        let Some(other) = other else { continue };
        for i in 0..out.len() {
            if out[i].holder == Some(other) || out[i].shift_from.is_some() {
                continue;
            }
            if let Some(j) = out.iter().position(|o| o.holder == Some(other) && o.issue_key == out[i].issue_key && o.polarity != out[i].polarity) {
                out[i].shift_from = Some(j);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_file_parses() {
        let cues = parse_cues(BUILTIN).expect("stance cues parse");
        assert_eq!(cues["unrealistic"], Cue { polarity: Polarity::Against, kind: CueKind::Eval });
        assert!(parse_cues("maybe eval x").is_err());
    }

    /// The key as first written (a String per word), to check the arena version against.
    fn issue_key_by_words(phrase: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        let cleaned: String = phrase
            .chars()
            .map(|c| match c {
                '\u{2019}' => '\'',
                c if c.is_alphanumeric() || c == '\'' || c == '-' || c == '.' => c,
                _ => ' ',
            })
            .collect();
        for raw in cleaned.split_whitespace() {
            let w = raw.trim_end_matches("'s").trim_end_matches('\'').trim_matches('.');
            if w.is_empty() {
                continue;
            }
            if let Some(code) = ACTORS.code_of(w).filter(|c| *c != "IGO" && *c != "NGO") {
                words.push(code.to_lowercase());
                continue;
            }
            let lw = w.to_lowercase();
            if STOP.contains(&lw.as_str()) {
                continue;
            }
            words.push(fold(&lemma(&lw)).to_string());
        }
        words.sort();
        words.dedup();
        words.join(" ")
    }

    fn lemma(w: &str) -> String {
        for (suf, rep) in [("ships", ""), ("ship", ""), ("ing", ""), ("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", "")] {
            if let Some(stem) = w.strip_suffix(suf) {
                if stem.len() >= 3 && !(suf == "s" && stem.ends_with('s')) {
                    return format!("{stem}{rep}");
                }
            }
        }
        w.to_string()
    }

    #[test]
    fn lowercases_to_one_of_is_to_lowercase() {
        let words = ["those", "these", "this", "such", "it", "i", "there"];
        for w in ["This", "THOSE", "such", "It", "I", "\u{130}", "TH\u{130}S", "\u{212a}", "thi\u{17f}", "Ther\u{c9}", "", "th", "thiss", "There"] {
            assert_eq!(lowercases_to_one_of(w, &words), words.contains(&w.to_lowercase().as_str()), "{w}");
        }
        assert_eq!(PRONOUNS.iter().filter(|p| is_pronoun(p)).count(), PRONOUNS.len());
    }

    #[test]
    fn push_lowercase_is_to_lowercase() {
        let mut out = String::from("Ab");
        for w in ["NATO", "kyiv", "", "U.S.", "\u{c9}TATS", "\u{130}stanbul", "Mixed-Case'S"] {
            let before = out.clone();
            push_lowercase(&mut out, w);
            assert_eq!(out, format!("{before}{}", w.to_lowercase()), "{w}");
        }
    }

    #[test]
    fn stop_word_match_is_the_list() {
        for w in STOP.iter().copied().chain(["", "thee", "x", "The"]) {
            assert_eq!(is_stop_word(w), STOP.contains(&w), "{w}");
        }
    }

    #[test]
    fn arena_key_agrees_with_the_word_by_word_key() {
        let phrases = [
            "NATO membership for Ukraine", "Ukraine\u{2019}s NATO membership", "the U.S. troops' deployment in Kyiv",
            "joining joined joins ships shipping relationships", "Ünited Çountries' ÉTATS-Unis", "...", "", "a the of",
            "Russia's Russia's Russia", "studies studied passes bus gas", "\u{2019}s '' 's.  .x. x", "Kyiv; Moscow, (Beijing)",
            "İstanbul ΣΟΦΟΣ talks", "deploy sending stationed forces soldiers troops",
        ];
        for p in phrases {
            assert_eq!(issue_key(p), issue_key_by_words(p), "{p}");
        }
    }

    #[test]
    fn one_issue_many_wordings() {
        let k = issue_key("NATO membership for Ukraine");
        assert_eq!(k, issue_key("NATO membership for Kyiv"));
        assert_eq!(k, issue_key("Ukraine joining NATO"));
        assert_eq!(k, issue_key("Ukraine's NATO membership"));
        assert_ne!(k, issue_key("U.S. troops in Ukraine"));
    }
}
