//! Names in a title-case headline, checked against the report's body.
//!
//! A headline set in title case ("Christie Is Over Marco Rubio", "Stealth
//! Over Health: Clinton Was Headed to ER") capitalises every word, and the
//! tagger, for which a capital is the strongest sign of a name, runs names
//! together with the words around them ("Christie Is Over Marco Rubio" as
//! one person) or takes ordinary words for names. Such a false name then
//! draws the body's "Rubio" to it and a quote's speaker with it.
//!
//! The body of the same report is the evidence a careful reader uses: a
//! headline word that the body writes with a capital in mid-sentence, or
//! inside a name the tagger found there, or that a lexicon knows, is a
//! name's word; any other word is an ordinary word in title case (a word
//! in capitals too: "Named By Police BEFORE Obama" is emphasis). A tagged
//! name in the headline keeps its runs of such name words ("Christie",
//! "Marco Rubio") and loses the rest; every name outside the headline is
//! left alone. Lines in capitals only (wire headlines, anywhere in the
//! report) are checked the same way by [`check_capitals_against_body`],
//! which also gives a name there the kind the mixed-case text gives it.

use dateline_doc::{Doc, TokenKind};

use crate::gazetteer::LexMatch;
use crate::ner::{NameSpan, NerLabel};

/// The shortest word counted when deciding whether a line is in title case
/// (shorter ones — "of", "to", "a" — are lower case in many house styles).
const COUNTED_LETTERS: usize = 4;

/// The most words a headline has; a longer first line in capitals is a
/// list of names (of places, outlets, parties), not a headline.
const HEADLINE_WORDS: usize = 20;

/// Tagged names with those in a title-case headline cut down to the words
/// the body supports; names elsewhere pass unchanged.
pub fn check_against_body(doc: &Doc, lex: &[LexMatch], tagged: Vec<NameSpan>) -> Vec<NameSpan> {
    let Some(headline) = title_case_headline(doc) else {
        return tagged;
    };
    let in_headline = |n: &NameSpan| headline.contains(&n.start_token);
    if !tagged.iter().any(in_headline) {
        return tagged;
    }
    let named = NameWords::of_body(doc, headline.clone(), &tagged);
    // a headline set in title case capitalises words the body writes in
    // lower case; without one, its capitals are names
    if !headline.clone().any(|t| doc.token_text(t).chars().next().is_some_and(char::is_uppercase) && named.ordinary(doc.token_text(t))) {
        return tagged;
    }
    let in_lexicon = |t: usize| lex.iter().any(|m| m.start_token <= t && t < m.end_token);
    let supported = |t: usize| in_lexicon(t) || named.has(doc.token_text(t));
    let mut out = Vec::with_capacity(tagged.len());
    for n in tagged {
        if !in_headline(&n) {
            out.push(n);
            continue;
        }
        let end = n.end_token.min(headline.end);
        let mut t = n.start_token;
        while t < end {
            if !supported(t) {
                t += 1;
                continue;
            }
            let start = t;
            while t < end && supported(t) {
                t += 1;
            }
            out.push(NameSpan { start_token: start, end_token: t, label: n.label });
        }
    }
    out
}

/// Tagged names in lines set in capitals only (a wire headline "SOCCER -
/// SHEARER NAMED AS ENGLAND CAPTAIN.", a results line) checked against the
/// rest of the report, as a careful reader checks them: in capitals every
/// word looks like a name, and the tagger runs names together with the
/// words beside them ("HENKE TAKES LEAD" as one organisation). A name there
/// keeps its runs of words that the report's mixed-case sentences write as
/// names' words (or that a lexicon knows); when none of its words is
/// such a word, it loses only the words those sentences write in lower
/// case. A run written in the mixed-case text as a name the tagger found
/// takes the kind the tagger gave it there most often ("WOODS" is the
/// golfer "Woods"). Lines of fewer than four words are left alone.
pub fn check_capitals_against_body(doc: &Doc, lex: &[LexMatch], tagged: Vec<NameSpan>) -> Vec<NameSpan> {
    // cheap test first: a name in such a line is itself in capitals
    let name_in_capitals = |n: &NameSpan| {
        n.end_token > n.start_token && !(n.start_token..n.end_token).any(|t| doc.token_text(t).chars().any(char::is_lowercase))
    };
    if !tagged.iter().any(name_in_capitals) {
        return tagged;
    }
    let sentence_of = |t: usize| doc.sentences.partition_point(|s| s.tokens.end <= t);
    let sentence_in_capitals = |n: &NameSpan| doc.sentences.get(sentence_of(n.start_token)).is_some_and(|s| in_capitals(doc.slice(s.span)));
    if !tagged.iter().any(|n| name_in_capitals(n) && sentence_in_capitals(n)) {
        return tagged;
    }
    let shouted: Vec<bool> = doc.sentences.iter().map(|s| in_capitals(doc.slice(s.span))).collect();
    if !shouted.iter().any(|&b| !b) {
        return tagged;
    }
    let in_shouted = |n: &NameSpan| shouted.get(sentence_of(n.start_token)).copied().unwrap_or(false);
    let words = tagged.iter().filter(|n| in_shouted(n)).flat_map(|n| n.start_token..n.end_token).collect::<Vec<_>>();
    let named = NameWords::of_sentences(doc, words.into_iter(), &tagged, |i, _| !shouted[i]);
    let in_lexicon = |t: usize| lex.iter().any(|m| m.start_token <= t && t < m.end_token);
    let supported = |t: usize| in_lexicon(t) || named.has(doc.token_text(t));
    // the names the tagger found in the mixed-case sentences
    let body: Vec<&NameSpan> = tagged.iter().filter(|n| !in_shouted(n)).collect();
    let longest = body.iter().map(|n| n.end_token - n.start_token).max().unwrap_or(0);
    // the kind the tagger gave most often to the words `s..e` there
    let body_name = |s: usize, e: usize| -> Option<NerLabel> {
        let mut votes = [0u32; 4];
        for n in body.iter().filter(|n| n.end_token - n.start_token == e - s) {
            if (0..e - s).all(|j| same_word(doc.token_text(n.start_token + j), doc.token_text(s + j))) {
                votes[n.label as usize] += 1;
            }
        }
        let best = (0..4).max_by_key(|&l| votes[l])?;
        (votes[best] > 0).then_some([NerLabel::Per, NerLabel::Org, NerLabel::Loc, NerLabel::Misc][best])
    };
    let mut out = Vec::with_capacity(tagged.len());
    for n in &tagged {
        if !in_shouted(n) {
            out.push(*n);
            continue;
        }
        let sentence = &doc.sentences[sentence_of(n.start_token)];
        let words = sentence.tokens.clone().filter(|&t| doc.token_text(t).chars().any(char::is_alphabetic)).count();
        if words < HEADLINE_MIN_WORDS {
            out.push(*n);
            continue;
        }
        // the longest names of the mixed-case text first, with their kind
        let mut keep = vec![None; n.end_token - n.start_token];
        let mut t = n.start_token;
        while t < n.end_token {
            let found = (t + 1..=n.end_token.min(t + longest)).rev().find_map(|e| body_name(t, e).map(|l| (e, l)));
            match found {
                Some((e, l)) => {
                    out.push(NameSpan { start_token: t, end_token: e, label: l });
                    t = e;
                }
                None => {
                    keep[t - n.start_token] = Some(());
                    t += 1;
                }
            }
        }
        // the other words: runs of the words written as names' words, or,
        // with none, of the words not written in lower case
        let rest = |t: usize| keep[t - n.start_token].is_some();
        let any_supported = (n.start_token..n.end_token).any(|t| !rest(t) || supported(t));
        let keep_word = |t: usize| rest(t) && if any_supported { supported(t) } else { !named.ordinary(doc.token_text(t)) };
        let mut t = n.start_token;
        while t < n.end_token {
            if !keep_word(t) {
                t += 1;
                continue;
            }
            let start = t;
            while t < n.end_token && keep_word(t) {
                t += 1;
            }
            out.push(NameSpan { start_token: start, end_token: t, label: n.label });
        }
    }
    out.sort_by_key(|n| (n.start_token, n.end_token));
    out
}

/// The fewest words of a line in capitals read as a headline; a shorter
/// line ("NATIONAL LEAGUE", "KANSAS CITY 61 74", "NEW YORK 1996-08-30") is
/// a table's heading or row or a dateline, mostly names, left to the tagger.
const HEADLINE_MIN_WORDS: usize = 4;

/// Whether a sentence has letters and none of them in lower case.
fn in_capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// The tokens of the report's headline when it is set in title case: the
/// first paragraph, one line long, a blank line before the body, with most of its
/// longer words capitalised and not all of them in capitals.
fn title_case_headline(doc: &Doc) -> Option<std::ops::Range<usize>> {
    let first = doc.sentences.iter().position(|s| s.span.start() >= doc.meta.body_start)?;
    let paragraph = doc.sentences[first].paragraph;
    let body = doc.sentences[first..].iter().position(|s| s.paragraph != paragraph)? + first;
    let para = doc.paragraphs.get(paragraph)?;
    let next = doc.paragraphs.get(doc.sentences[body].paragraph)?;
    let gap = doc.text.get(para.end()..next.start())?;
    // one line, set apart from the body by a blank line
    if doc.slice(*para).contains('\n') || gap.matches('\n').count() < 2 {
        return None;
    }
    let tokens = doc.sentences[first].tokens.start..doc.sentences[body].tokens.start;
    let (mut counted, mut capitalised, mut shouted) = (0usize, 0usize, 0usize);
    for t in tokens.clone() {
        let word = doc.token_text(t);
        if doc.tokens[t].kind != TokenKind::Word || word.chars().filter(|c| c.is_alphabetic()).count() < COUNTED_LETTERS {
            continue;
        }
        counted += 1;
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
        if !word.chars().any(char::is_lowercase) {
            shouted += 1;
        }
    }
    let words = tokens.clone().filter(|&t| doc.tokens[t].kind == TokenKind::Word).count();
    let title_case = counted >= 3 && words <= HEADLINE_WORDS && capitalised * 4 >= counted * 3 && shouted * 2 < counted;
    title_case.then_some(tokens)
}

/// How the body writes each word of the headline: how often as a name's
/// word (capitalised in mid-sentence, or inside a name the tagger found)
/// and how often in lower case. Only the headline's words are counted, so
/// the body is read once with no copy of its words.
struct NameWords<'a> {
    words: Vec<&'a str>,
    counts: Vec<(u32, u32)>,
}

impl<'a> NameWords<'a> {
    /// From the body: the tokens after the headline.
    fn of_body(doc: &'a Doc, headline: std::ops::Range<usize>, tagged: &[NameSpan]) -> NameWords<'a> {
        let body = headline.end;
        Self::of_sentences(doc, headline, tagged, |_, s| s.tokens.start >= body)
    }

    /// The words of the tokens `of`, counted over the sentences `counted` picks.
    fn of_sentences(
        doc: &'a Doc,
        of: impl Iterator<Item = usize>,
        tagged: &[NameSpan],
        counted: impl Fn(usize, &dateline_doc::Sentence) -> bool,
    ) -> NameWords<'a> {
        let mut words: Vec<&str> = of.filter(|&t| doc.tokens[t].kind == TokenKind::Word).map(|t| doc.token_text(t)).collect();
        words.sort_unstable_by_key(|w| w.to_lowercase());
        words.dedup_by(|a, b| same_word(a, b));
        // a cheap filter before any comparison: the first letters (folded,
        // bit 26 for any other byte) of the headline's words of each length
        let mut initials = [0u32; 64];
        for w in &words {
            initials[w.len().min(63)] |= initial_bit(w.as_bytes()[0]);
        }
        let norm = doc.norm.as_str().as_bytes();
        let mut named = NameWords { counts: vec![(0, 0); words.len()], words };
        let mut names = tagged.iter().peekable();
        for (_, s) in doc.sentences.iter().enumerate().filter(|(i, s)| counted(*i, s)) {
            for t in s.tokens.clone() {
                let tok = &doc.tokens[t];
                let (a, b) = (tok.norm_start as usize, tok.norm_end as usize);
                if tok.kind != TokenKind::Word || b <= a || initials[(b - a).min(63)] & initial_bit(norm[a]) == 0 {
                    continue;
                }
                let word = doc.token_text(t);
                let Some(i) = named.index(word) else { continue };
                while names.peek().is_some_and(|n| n.end_token <= t) {
                    names.next();
                }
                let in_name = names.peek().is_some_and(|n| n.start_token <= t);
                let first = word.chars().next().unwrap_or(' ');
                if in_name || (first.is_uppercase() && t > s.tokens.start && !opens_clause(doc, t)) {
                    named.counts[i].0 += 1;
                } else if first.is_lowercase() {
                    named.counts[i].1 += 1;
                }
            }
        }
        named
    }

    fn index(&self, word: &str) -> Option<usize> {
        self.words.iter().position(|w| same_word(w, word))
    }

    /// Whether the body writes `word` as a name's word more often than in
    /// lower case.
    fn has(&self, word: &str) -> bool {
        self.index(word).is_some_and(|i| self.counts[i].0 > self.counts[i].1)
    }

    /// Whether the body writes `word` in lower case more often than as a
    /// name's word.
    fn ordinary(&self, word: &str) -> bool {
        self.index(word).is_some_and(|i| self.counts[i].1 > self.counts[i].0)
    }
}

/// A word's first byte as one bit of a mask: its letter, folded to lower
/// case, or bit 26 for anything else.
fn initial_bit(byte: u8) -> u32 {
    match byte.to_ascii_lowercase() {
        c @ b'a'..=b'z' => 1 << (c - b'a'),
        _ => 1 << 26,
    }
}

/// The same word but for case.
fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase()))
}

/// Whether token `t` opens a clause inside its sentence (after a colon or
/// an opening quotation mark), where a capital says nothing of a name.
fn opens_clause(doc: &Doc, t: usize) -> bool {
    t.checked_sub(1).is_some_and(|p| doc.tokens[p].kind == TokenKind::Quote || matches!(doc.token_text(p), ":" | "—" | "–" | "-" | "(" | ";"))
}

#[cfg(test)]
mod tests {
    use dateline_doc::{Doc, DocMeta};
    use dateline_pipeline::Component;

    use super::*;

    fn doc(text: &str) -> Doc {
        let mut doc = Doc::new(text.to_string(), DocMeta::default());
        dateline_segment::Segmenter.run(&mut doc);
        doc
    }

    fn span(doc: &Doc, words: &str, label: NerLabel) -> NameSpan {
        span_after(doc, words, label, 0)
    }

    /// The first place from token `after` on where `words` are written.
    fn span_after(doc: &Doc, words: &str, label: NerLabel, after: usize) -> NameSpan {
        let first = words.split(' ').next().unwrap();
        let start = (after..doc.tokens.len()).find(|&t| doc.token_text(t) == first).unwrap();
        NameSpan { start_token: start, end_token: start + words.split(' ').count(), label }
    }

    fn names(doc: &Doc, spans: &[NameSpan]) -> Vec<String> {
        spans.iter().map(|n| (n.start_token..n.end_token).map(|t| doc.token_text(t)).collect::<Vec<_>>().join(" ")).collect()
    }

    #[test]
    fn a_run_on_name_keeps_the_words_the_body_capitalises() {
        let d = doc("Governor Is Losing Ground to Maria Lopez in Polls\n\nThe race tightened on Monday, when a poll showed Maria Lopez ahead. Lopez said she was losing no sleep over the ground game.");
        let tagged = vec![span(&d, "Governor Is Losing Ground", NerLabel::Per), span(&d, "Maria Lopez", NerLabel::Per)];
        let out = check_against_body(&d, &[], tagged);
        assert_eq!(names(&d, &out), ["Maria Lopez"]);
        assert!(out.iter().all(|n| n.label == NerLabel::Per));
    }

    #[test]
    fn names_split_where_ordinary_words_join_them() {
        let d = doc("Keller Is Over Dana Whitfield\n\nVoters in the county said Keller had won them over. Dana Whitfield conceded on Tuesday.");
        let headline = span(&d, "Keller Is Over Dana Whitfield", NerLabel::Per);
        // "Dana" opens its sentence in the body: the tagger's name there vouches for it
        let body = span_after(&d, "Dana Whitfield", NerLabel::Per, headline.end_token);
        let out = check_against_body(&d, &[], vec![headline, body]);
        assert_eq!(names(&d, &out), ["Keller", "Dana Whitfield", "Dana Whitfield"]);
        assert_eq!(out[2], body);
    }

    #[test]
    fn words_in_capitals_need_the_body_too() {
        // an acronym the body writes is a name; a word in capitals for emphasis is not
        let d = doc("GOP Leaders Reject Budget Deal BEFORE Vote\n\nThe leaders of the GOP said the deal was dead before the vote.");
        let out = check_against_body(&d, &[], vec![span(&d, "GOP Leaders", NerLabel::Org), span(&d, "BEFORE Vote", NerLabel::Misc)]);
        assert_eq!(names(&d, &out), ["GOP"]);
    }

    #[test]
    fn other_headlines_and_the_body_are_left_alone() {
        // a sentence case first line is no title-case headline
        let d = doc("Senator Ann Kole said on Friday that talks had failed.\n\nThe talks will resume.");
        let tagged = vec![span(&d, "Senator Ann Kole", NerLabel::Per)];
        assert_eq!(check_against_body(&d, &[], tagged.clone()), tagged);
        // a headline in capitals only is the tagger's to read
        let d = doc("SENATOR KOLE QUITS OVER BUDGET ROW\n\nThe senator quit.");
        let tagged = vec![span(&d, "SENATOR KOLE QUITS", NerLabel::Per)];
        assert_eq!(check_against_body(&d, &[], tagged.clone()), tagged);
        // lines of a table or a list, no blank line after the first
        let d = doc("Kole Quits Over Budget Row\nThe senator quit.");
        let tagged = vec![span(&d, "Kole Quits", NerLabel::Per)];
        assert_eq!(check_against_body(&d, &[], tagged.clone()), tagged);
        // no body: nothing to check against
        let d = doc("Kole Quits Over Budget Row");
        let tagged = vec![span(&d, "Kole Quits", NerLabel::Per)];
        assert_eq!(check_against_body(&d, &[], tagged.clone()), tagged);
        // names in the body pass unchanged
        let d = doc("Kole Quits Over Budget Row\n\nSenator Ann Kole Quits was not her name.");
        let body = span(&d, "Ann Kole Quits", NerLabel::Per);
        let out = check_against_body(&d, &[], vec![body]);
        assert!(out.contains(&body));
    }

    #[test]
    fn a_headline_in_capitals_keeps_the_names_the_body_writes() {
        let d = doc("SAILING - MARLOWE TAKES LEAD IN HOBART RACE.\nHOBART 2001-12-28\nAnna Marlowe took the lead on Friday as the fleet rounded the cape. Marlowe said the wind had dropped.");
        let headline = span(&d, "MARLOWE TAKES", NerLabel::Org);
        let body = span_after(&d, "Marlowe", NerLabel::Per, 12);
        let full = span_after(&d, "Anna Marlowe", NerLabel::Per, 8);
        let out = check_capitals_against_body(&d, &[], vec![headline, full, body]);
        assert_eq!(names(&d, &out), ["MARLOWE", "Anna Marlowe", "Marlowe"]);
        assert_eq!(out[0].label, NerLabel::Per);
    }

    #[test]
    fn a_short_line_in_capitals_keeps_its_name_and_kind() {
        // a table's heading is mostly a name: no word is cut for want of the body's support
        let d = doc("EASTERN DIVISION\nThe table shows the standings after Sunday's games in the division.");
        let heading = span(&d, "EASTERN DIVISION", NerLabel::Misc);
        assert_eq!(check_capitals_against_body(&d, &[], vec![heading]), vec![heading]);
    }
}
