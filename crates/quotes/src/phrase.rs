//! Noun phrases around a reporting verb: the speaker to its left ("the
//! Pentagon chief said"), to its right ("said Lt. Gen. Tadesse Worku"), an
//! apposition ("Hugh Hill, a doctor, said"), a relative ("X, who said"),
//! and the addressee ("told reporters").
//!
//! Without a part-of-speech tagger, a phrase is a short run of words with
//! no clause word (conjunction, preposition, auxiliary) inside; commas
//! delimit appositions. Phrases are token ranges `[first, end)`.

use crate::names::is_title_word;
use crate::view::{View, DETERMINERS, NP_STOPS, RELATIVES, SUBJECT_PRONOUNS, SUBORDINATORS, TIME_DETERMINERS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NpKind {
    /// Holds a proper name ("Pete Hegseth", "the Ukrainian foreign ministry").
    Name,
    /// A personal pronoun ("he", "they").
    Pronoun,
    /// A relative pronoun standing for the phrase before it ("who").
    Relative,
    /// A common noun phrase ("the minister", "a source").
    Nominal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Np {
    pub first: usize,
    pub end: usize,
    pub kind: NpKind,
    /// For a relative: the phrase it stands for.
    pub antecedent: Option<(usize, usize)>,
    /// An apposition giving a role ("a doctor"), or the role before a name.
    pub role: Option<(usize, usize)>,
}

impl Np {
    pub(crate) fn simple(v: View, first: usize, end: usize) -> Np {
        let kind = if end == first + 1 && v.is_any(first, &SUBJECT_PRONOUNS) {
            NpKind::Pronoun
        } else if has_name(v, first, end) {
            NpKind::Name
        } else {
            NpKind::Nominal
        };
        Np { first, end, kind, antecedent: None, role: None }
    }
}

/// A phrase over a known token range.
pub(crate) fn np_from_range(v: View, first: usize, end: usize) -> Np {
    Np::simple(v, first, end)
}

/// Whether a token range holds a capitalised word that is not a title, a
/// determiner or a pronoun.
pub(crate) fn has_name(v: View, first: usize, end: usize) -> bool {
    (first..end).any(|i| {
        v.is_cap(i) && !is_title_word(v.text(i)) && !v.is_any(i, &DETERMINERS) && !v.is_any(i, &SUBJECT_PRONOUNS)
    })
}

fn np_word(v: View, i: usize) -> bool {
    (v.is_word(i) && (!v.is_any(i, &NP_STOPS) || v.is_name_continuation(i)) && !crate::cues::is_cue_word(v, i))
        || v.is_possessive(i)
        || v.is_abbrev_dot(i)
        || v.text(i) == "&"
}

/// A plain phrase ending just before `end`, scanning left no further than `lo`.
fn plain_left(v: View, lo: usize, end: usize) -> Option<Np> {
    let mut k = end;
    // "Ambassador to France": a title's "to" before a name belongs to the phrase
    let title_to = |t: usize| t > lo && t + 1 < end && v.is(t, "to") && v.is_cap(t + 1) && is_title_word(v.text(t - 1));
    while k > lo && end - k < 9 && (np_word(v, k - 1) || title_to(k - 1)) {
        // "a charge Addis Ababa denied": a common noun does not run into a name
        let t = k - 1;
        if k < end && v.is_cap(k) && v.kind(t) == dateline_doc::TokenKind::Word && !v.is_cap(t)
            && !v.is_any(t, &DETERMINERS) && !is_title_word(v.text(t)) && !v.is_possessive(t) && !v.is(t, "of")
            && !title_to(t)
        {
            break;
        }
        k -= 1;
    }
    // a phrase does not start with a possessive or a dot
    while k < end && (v.is_possessive(k) || v.text(k) == ".") {
        k += 1;
    }
    (k < end).then(|| Np::simple(v, k, end))
}

/// The speaker phrase ending just before `end` (the reporting verb, after
/// auxiliaries were skipped), within the sentence starting at `lo`.
pub(crate) fn np_left(v: View, lo: usize, end: usize) -> Option<Np> {
    if end <= lo {
        return None;
    }
    if v.text(end - 1) == ")" {
        let open = (lo..end - 1).rev().take(MAX_PARENTHESIS_TOKENS).find(|&k| v.text(k) == "(")?;
        return np_left(v, lo, open);
    }
    let last = end - 1;
    // "Ann Lee — a teacher from Troy — said": an apposition between dashes
    if is_dash(v, last) && last > lo {
        let open = (lo..last).rev().take(MAX_DASH_APPOSITION).find(|&k| is_dash(v, k) || v.is_final_punct(k))?;
        if !is_dash(v, open) || open == last - 1 {
            return None;
        }
        let outer = np_left(v, lo, open)?;
        return Some(Np { role: outer.role.or(Some((open + 1, last))), ..outer });
    }
    if v.is_any(last, &SUBJECT_PRONOUNS) {
        return Some(Np { first: last, end, kind: NpKind::Pronoun, antecedent: None, role: None });
    }
    if v.is_any(last, &RELATIVES) {
        let before = if last > lo && v.text(last - 1) == "," { last - 1 } else { last };
        let ante = np_left(v, lo, before).filter(|n| n.kind != NpKind::Relative);
        return Some(Np {
            first: last,
            end,
            kind: NpKind::Relative,
            antecedent: ante.map(|n| (n.first, n.end)),
            role: None,
        });
    }
    if v.text(last) == "," {
        // "X, Y, said": an apposition between commas
        let mut k = last;
        while k > lo
            && last - k < 24
            && v.text(k - 1) != ","
            && (!v.is_quote(k - 1) || v.is_possessive(k - 1))
            && !v.is_final_punct(k - 1)
        {
            k -= 1;
        }
        if k == last || k <= lo || v.text(k - 1) != "," {
            return None;
        }
        let inner = (k, last);
        // "Sen. Ann Lee (D-Ohio), who …, said": the outer phrase may end in a parenthesis
        let outer = if k >= lo + 2 && v.text(k - 2) == ")" {
            np_left(v, lo, k - 1)
        } else {
            plain_left(v, lo, k - 1).map(|np| placed_left(v, lo, np))
        }?;
        let inner_is_number = last - k == 1 && v.kind(k) == dateline_doc::TokenKind::Number;
        // "X, who runs the campaign, said": the relative clause describes X
        if inner_is_number || v.is_any(k, &["who", "which", "whose"]) {
            return Some(outer);
        }
        // not a clause between the commas ("…, and obtained by AP, concluded")
        let inner_name = has_name(v, inner.0, inner.1)
            && inner.1 - inner.0 <= 5
            && !v.is_any(inner.0, &DETERMINERS)
            && !v.is_any(inner.0, &NP_STOPS);
        if (outer.kind != NpKind::Name || !v.is_cap(outer.end - 1)) && inner_name {
            return Some(Np { role: Some((outer.first, outer.end)), ..Np::simple(v, inner.0, inner.1) });
        }
        return Some(Np { role: Some(inner), ..outer });
    }
    // "42% say"
    if v.text(last) == "%" && last > lo && v.kind(last - 1) == dateline_doc::TokenKind::Number {
        return Some(Np::simple(v, last - 1, end));
    }
    plain_left(v, lo, end).map(|np| placed_left(v, lo, quantity_left(v, lo, np)))
}

/// Words that place a speaker in an organisation, a group or an event
/// after its head noun ("a spokesman for", "two people close to", "a
/// source familiar with", "officials briefed on", "residents in").
fn placing_words_before(v: View, p: usize, lo: usize) -> Option<usize> {
    if p < lo + 2 {
        return None;
    }
    let k = p - 1;
    if v.is_any(k, &["for", "at", "from", "in"]) {
        return Some(k);
    }
    // "people with knowledge of the talks": the phrase stopped at "with", before "knowledge"
    if v.is(k, "with") && v.is(p, "knowledge") {
        return Some(k);
    }
    let two = (v.is(k, "to") && v.is(k - 1, "close"))
        || (v.is(k, "with") && v.is(k - 1, "familiar"))
        || (v.is(k, "on") && v.is(k - 1, "briefed"));
    if two && k >= lo + 2 {
        return Some(k - 1);
    }
    None
}

/// Single words that end in "s" but head no group of people.
const NOT_PLURAL_HEADS: &[&str] = &[
    "afterwards", "sometimes", "perhaps", "besides", "nevertheless", "nonetheless", "meanwhile", "thus", "always",
    "hours", "days", "weeks", "months", "years", "minutes", "times", "news", "this", "its", "his", "as", "is", "was",
];

/// "a spokesman for the ministry said", "two people close to the talks
/// said": the plain phrase stops at the preposition, leaving the place
/// ("the ministry") as the speaker. The speaker is the head before it with
/// its place: a short phrase opening with a determiner or number, or one
/// plural noun ("officials in Ohio"); a time word or adverb is no head
/// ("Later in the day the mayor said" keeps the phrase it had).
fn placed_left(v: View, lo: usize, np: Np) -> Np {
    if np.kind == NpKind::Pronoun || np.kind == NpKind::Relative {
        return np;
    }
    let Some(k) = placing_words_before(v, np.first, lo) else { return np };
    let Some(head) = plain_left(v, lo, k) else { return np };
    let len = head.end - head.first;
    let starts_determined = v.is_any(head.first, &DETERMINERS) && !v.is_any(head.first, &["this", "these", "that"]);
    let t = v.text(head.first);
    let plural = len == 1
        && t.len() > 3
        && (t.ends_with('s') || v.is_any(head.first, &["people", "staff", "police"]))
        && !v.is_any(head.first, NOT_PLURAL_HEADS)
        && !t.ends_with("ly");
    // a head ending in a verb form is a clause ("The farmers jeered at Ann Lee's claim")
    let last = v.text(head.end - 1);
    let last_ok = head.kind != NpKind::Pronoun
        && v.is_word(head.end - 1)
        && !last.ends_with("ly")
        && !last.ends_with("ed")
        && !last.ends_with("ing");
    // the head opens its clause: the sentence, or after a comma, quotation mark, dash or "and"/"but"
    let b = head.first;
    let opens = b == lo || v.text(b - 1) == "," || v.is_quote(b - 1) || is_dash(v, b - 1) || v.is_any(b - 1, &["and", "but"]);
    let lone_quantity = len == 1 && v.is_any(head.first, &["those", "some", "many", "several", "most", "others"]);
    if len <= 4 && last_ok && opens && ((starts_determined && len >= 2) || plural || lone_quantity) {
        Np::simple(v, head.first, np.end)
    } else {
        np
    }
}

/// Longest parenthesis after a speaker ("Sen. Ann Lee (a Democrat so
/// young she is taken for an aide) says").
const MAX_PARENTHESIS_TOKENS: usize = 24;

/// Longest apposition between dashes before a reporting verb.
const MAX_DASH_APPOSITION: usize = 30;

/// Sentence adverbs that open a fronted phrase before the subject ("Already, …", "Worst of all, …").
static ADVERB_OPENERS: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&[
        "already", "worst", "best", "indeed", "now", "today", "first", "finally", "overall", "separately", "similarly",
        "likewise", "nonetheless", "nevertheless", "moreover", "furthermore", "again", "rather", "back",
    ])
});

/// Sentence connectives set off by commas after a fronted adjunct ("On Monday, however, …").
pub(crate) const CONNECTIVES: &[&str] = &[
    "however", "meanwhile", "though", "too", "instead", "nonetheless", "nevertheless", "moreover", "furthermore",
    "indeed", "therefore", "also", "still", "again", "likewise", "similarly",
];

/// Whether tokens `[i, c)` name a region or country ("Ohio", "New Hampshire")
/// or are an abbreviated state ("N.H.", "Tex."): the second part of "Salem,
/// New Hampshire" in a fronted place.
fn region_name(v: View, i: usize, c: usize) -> bool {
    if c <= i || c - i > 4 || !(i..c).all(|k| v.is_cap(k) || v.text(k) == ".") {
        return false;
    }
    let d = v.doc;
    let text = d.slice(d.tokens[i].span.cover(d.tokens[c - 1].span));
    let abbreviation = text.len() <= 6 && text.ends_with('.') && !text.contains(' ') && text.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    abbreviation || dateline_lexicon::geo::place_country(text).is_some()
}

/// A spaced dash ("—", "--", " - "), not a hyphen inside a word.
fn is_dash(v: View, i: usize) -> bool {
    matches!(v.text(i), "-" | "--") && v.doc.tokens[i].space_before
}

/// Number words that head a quantity phrase ("one in three").
const NUMBER_WORDS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// "One in three", "all but two": a quantity phrase whose last part the
/// plain phrase stopped at ("in" and "but" end phrases elsewhere).
fn quantity_left(v: View, lo: usize, np: Np) -> Np {
    let k = np.first;
    let number = |i: usize| v.kind(i) == dateline_doc::TokenKind::Number || v.is_any(i, NUMBER_WORDS);
    if np.end != k + 1 || !number(k) || k < lo + 2 {
        return np;
    }
    let ratio = v.is(k - 1, "in") && number(k - 2);
    let all_but = v.is(k - 1, "but") && v.is(k - 2, "all");
    if ratio || all_but { Np::simple(v, k - 2, np.end) } else { np }
}

/// Longest apposition after an inverted speaker: a relative clause
/// ("a consultant who ran the super PAC behind …") may run long.
const MAX_ROLE_TOKENS: usize = 40;

/// Longest phrase placing an inverted speaker ("for Ukraine's Foreign Ministry").
const MAX_PLACE_TOKENS: usize = 8;

/// A phrase starting at `start` (after an inverted "said"), running to a
/// comma, a clause word or `hi`. With its apposition as role.
pub(crate) fn np_right(v: View, start: usize, hi: usize) -> Option<Np> {
    if start >= hi {
        return None;
    }
    if v.is_any(start, &SUBJECT_PRONOUNS) {
        return Some(Np { first: start, end: start + 1, kind: NpKind::Pronoun, antecedent: None, role: None });
    }
    let mut k = start;
    let starts_with_name = v.is_cap(start) && !v.is_any(start, &DETERMINERS) && !is_title_word(v.text(start));
    let mut possessed = false;
    while k < hi
        && k - start < 10
        && (np_word(v, k) || (k > start && !v.is_cap(k - 1) && v.is_word(k) && crate::cues::is_cue_word(v, k)))
        && !(k > start && past_verb_after_noun(v, k))
    {
        possessed |= v.is_possessive(k);
        if starts_with_name && !possessed && k > start && v.kind(k) == dateline_doc::TokenKind::Word && !v.is_cap(k)
            && !v.is_possessive(k) && !v.is_possessive(k - 1) && !v.is(k, "of")
        {
            // "Marquette pollster Charles Franklin": a role noun between a name and the person's name
            let mut l = k;
            while l < hi && l - k < 3 && np_word(v, l) && !v.is_cap(l) && !v.is_any(l, &DETERMINERS) {
                l += 1;
            }
            if l > k && l < hi && l - start < 10 && v.is_cap(l) && np_word(v, l) && !v.is_any(l, &DETERMINERS) {
                k = l;
                continue;
            }
            break;
        }
        k += 1;
    }
    while k > start && v.is_any(k - 1, &["of", "the"]) {
        k -= 1;
    }
    if k == start {
        return None;
    }
    // "a spokesman for the ministry", "a source close to the campaign", "a professor at Yale":
    // a phrase that places a speaker, up to the comma or the end of the clause
    if k > start && k + 1 < hi && !v.is_any(start, &SUBJECT_PRONOUNS) {
        let opener = v.is_any(k, &["for", "at", "with"]) || (v.is(k - 1, "close") && v.is(k, "to"));
        if opener {
            let m = k + 1;
            let mut e = m;
            while e < hi && e - m < MAX_PLACE_TOKENS && np_word(v, e) {
                e += 1;
            }
            if e > m && (e >= hi || v.text(e) == "," || v.is_final_punct(e)) {
                k = e;
            }
        }
    }
    let mut np = Np::simple(v, start, k);
    if np.kind == NpKind::Nominal && !v.is_any(start, &DETERMINERS) {
        return None;
    }
    if k + 1 < hi && v.text(k) == "," {
        let mut e = k + 1;
        while e < hi && e - k < MAX_ROLE_TOKENS && v.text(e) != "," && !v.is_final_punct(e) && !v.is_quote(e) {
            e += 1;
        }
        // a role cut short is no role ("said Ann Lee, a fellow who spends … research.")
        let cut_short = e < hi && e - k >= MAX_ROLE_TOKENS;
        if e > k + 1 && !cut_short {
            np.role = Some((k + 1, e));
        }
    }
    Some(np)
}

/// Whether token `k` is a verb in the past that ends the phrase before it:
/// a lower-case word in "-ed" right after a noun or a name ("the head of
/// the agency appealed on Monday", "the judge rubbed his chin"), not after
/// a determiner, "of", a possessive or an adverb, where it describes the
/// noun to come ("the embattled minister", "a newly elected mayor").
fn past_verb_after_noun(v: View, k: usize) -> bool {
    let word = v.text(k);
    word.len() >= 6
        && word.ends_with("ed")
        && !word.ends_with("eed")
        && v.is_word(k)
        && !v.is_cap(k)
        && v.is_word(k - 1)
        && !v.is_any(k - 1, &DETERMINERS)
        && !v.is_any(k - 1, &["of", "and", "or", "most", "more", "less", "least", "very", "so", "too", "fully"])
        && !v.is_possessive(k - 1)
        && !v.text(k - 1).ends_with("ly")
        && !v.text(k - 1).ends_with("ed")
        // "a source involved in the talks", "officials based in Kyiv": a participle placing the noun
        && !(k + 1 < v.len() && v.is_any(k + 1, &["in", "by", "at", "with", "near", "from", "inside", "under", "within"]))
}

/// The object of a verb like "told": a pronoun, a name, or a short phrase.
pub(crate) fn addressee_right(v: View, start: usize, hi: usize) -> Option<(usize, usize)> {
    if start >= hi || !v.is_word(start) {
        return None;
    }
    const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "us", "me", "you", "it", "reporters", "journalists"];
    if v.is_any(start, OBJECT_PRONOUNS) {
        return Some((start, start + 1));
    }
    if v.is_any(start, &NP_STOPS) || v.is_any(start, &SUBJECT_PRONOUNS) {
        return None;
    }
    let mut k = start + 1;
    while k < hi
        && k - start < 8
        && np_word(v, k)
        && (!v.is_any(k, &DETERMINERS) || v.is(k - 1, "of"))
        && !v.is_any(k, &SUBJECT_PRONOUNS)
    {
        // a name ends the phrase when a lower-case word follows it ("told CNN the war")
        if v.is_cap(start) && !v.is_any(start, &DETERMINERS) && !v.is_cap(k) && !v.is_possessive(k) && !v.is_possessive(k - 1) {
            break;
        }
        k += 1;
    }
    Some((start, k))
}

/// Past a dateline opening a sentence ("WASHINGTON — …", "Paris (AFP) –
/// …", "SEOUL, South Korea — …"): capitalised place words, commas and a
/// news agency in brackets up to a dash, with a word in capitals among
/// them. Returns `i` when there is none.
pub(crate) fn past_dateline(v: View, i: usize, end: usize) -> usize {
    let all_caps = |k: usize| {
        let t = v.text(k);
        t.len() >= 2 && v.kind(k) == dateline_doc::TokenKind::Word && t.chars().all(|c| c.is_uppercase() || c == '.')
    };
    let Some(dash) = (i + 1..end.min(i + 9)).find(|&k| matches!(v.text(k), "—" | "–" | "--" | "-")) else { return i };
    let place = (i..dash).all(|k| v.is_cap(k) || matches!(v.text(k), "," | "." | "(" | ")"));
    let capitals = (i..dash).any(|k| all_caps(k) && (v.text(k).len() >= 4 || (k > i && v.text(k - 1) == "(")));
    if place && capitals && dash + 1 < end {
        dash + 1
    } else {
        i
    }
}

/// Most tokens of a fronted adjunct before its comma.
const MAX_FRONTED_TOKENS: usize = 16;

/// The comma closing a fronted adjunct that starts at `i`: the first comma
/// outside quotation marks, or a closing mark right after a comma (“In an
/// interview with “Fox News,” Ann Lee …”: the mark ends the adjunct). A
/// quotation left open within reach gives none.
fn fronted_comma(v: View, i: usize, end: usize) -> Option<usize> {
    let mut inside = false;
    for k in i + 1..end.min(i + MAX_FRONTED_TOKENS) {
        if v.is_quote(k) && !v.is_possessive(k) {
            if inside && v.text(k - 1) == "," {
                return Some(k);
            }
            inside = !inside;
        } else if v.text(k) == "," && !inside {
            return Some(k);
        }
    }
    None
}

/// The subject at the head of a sentence, past an opening subordinate word
/// or connective ("Though Ukraine …", "But the minister, Ana Ruiz, …").
pub(crate) fn leading_np(v: View, first: usize, end: usize) -> Option<Np> {
    const OPENERS: &[&str] = &["but", "and", "so", "instead", "meanwhile", "however", "still", "yet", "also", "then"];
    let mut i = first;
    let mut subordinate = false;
    i = past_dateline(v, i, end);
    while i < end && (v.is_any(i, OPENERS) || v.is_any(i, &SUBORDINATORS) || v.text(i) == "," || v.is_quote(i)) {
        subordinate |= v.is_any(i, &SUBORDINATORS);
        i += 1;
    }
    // a fronted adjunct up to its comma ("Inside the hall, Lee …", "Facing criticism, Lee …", "Hours later, Lee …")
    const ADJUNCT_OPENERS: &[&str] = &[
        "inside", "outside", "in", "on", "at", "during", "after", "before", "from", "since", "despite", "with", "without",
        "under", "amid", "as", "while", "when", "therefore", "hours", "days", "weeks", "months", "years", "minutes",
        "moments", "later", "earlier", "speaking", "facing", "asked", "writing", "responding", "according",
        "whenever", "absent", "here",
    ];
    const TIME_ENDS: &[&str] = &[
        "ago", "later", "earlier", "year", "years", "week", "weeks", "month", "months", "day", "days", "night", "morning",
        "afternoon", "evening", "weekend", "before", "after",
    ];
    const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    // "Already, …", "Worst of all, …", "Led by Ann Lee, …": a fronted adverb or passive participle
    // "Publicly, …": an adverb in -ly right before its comma
    // "Tuesday, …": a weekday alone before its comma
    // ("Shortly after the vote, …": an -ly adverb before a time preposition opens the adjunct too)
    let ly_word = v.is_word(i) && v.text(i).len() > 4 && v.text(i).ends_with("ly");
    let ly_adverb = (v.is_any(i, WEEKDAYS) || ly_word)
        && i + 1 < end
        && (v.text(i + 1) == "," || (ly_word && v.is_any(i + 1, &["after", "before", "since", "following"])));
    let adverb = ly_adverb || (v.is_any(i, &ADVERB_OPENERS) && (i + 1..end.min(i + 4)).any(|k| v.text(k) == ","));
    let passive_participle = v.text(i).len() > 4 && v.text(i).ends_with("ed") && i + 1 < end && v.is(i + 1, "by");
    let fronted = subordinate
        || adverb
        || passive_participle
        || v.is_any(i, ADJUNCT_OPENERS)
        || v.is_any(i, &TIME_DETERMINERS)
        || (v.is_word(i) && v.text(i).len() > 4 && v.text(i).ends_with("ing"));
    let comma = fronted_comma(v, i, end);
    let time_phrase = comma.is_some_and(|c| v.is_any(c - 1, TIME_ENDS));
    if (fronted || time_phrase) && !v.is_any(i, &["according"]) {
        if let Some(comma) = comma {
            // "Though Norland lost, it …": the subject of "it"/"they" is looked for in the fronted part
            if comma + 1 < end && !v.is_any(comma + 1, &["it", "they"]) {
                i = comma + 1;
                // more adjuncts after the first: "At an event in Ames, Iowa, on Sunday, Ann Lee …"
                let adjunct = |k: usize| k < end && v.is_any(k, ADJUNCT_OPENERS) && !v.is_any(k, &["according", "asked"]);
                loop {
                    let Some(c) = (i + 1..end.min(i + 7)).find(|&k| v.text(k) == "," || v.is_quote(k)).filter(|&k| v.text(k) == ",") else {
                        break;
                    };
                    let place = c == i + 1 && v.is_cap(i) && v.is_cap(i - 2) && adjunct(c + 1);
                    // "At a rally in Beaumont, Tex., Ann Lee …": an abbreviated state ends the place
                    let state = c == i + 2 && v.is_cap(i) && v.is_cap(i - 2) && v.text(i + 1) == "." && !v.doc.tokens[i + 1].space_before;
                    // "In Salem, New Hampshire, Trump …", "in Troy, Ohio, 62-year-old Ann Lee …": the region of the place
                    let region = v.is_cap(i - 2) && c + 1 < end && v.text(c + 1) != "," && region_name(v, i, c);
                    if (adjunct(i) || place || state || region) && c + 1 < end {
                        i = c + 1;
                    } else {
                        break;
                    }
                }
                // "On Monday, however, Ann Lee …": a connective between commas after the adjunct
                if i + 2 < end && v.is_any(i, CONNECTIVES) && v.text(i + 1) == "," {
                    i += 2;
                }
            }
        }
    }
    let np = np_right(v, i, end).or_else(|| {
        let mut k = i;
        while k < end && k - i < 8 && np_word(v, k) {
            k += 1;
        }
        (k > i).then(|| Np::simple(v, i, k))
    })?;
    // "the trade minister, Ana Ruiz, …": the name in the apposition
    if np.kind != NpKind::Name || !v.is_cap(np.end - 1) {
        if let Some((a, b)) = np.role {
            if has_name(v, a, b) && b - a <= 5 && b < end && v.text(b) == "," {
                return Some(Np { role: Some((np.first, np.end)), ..Np::simple(v, a, b) });
            }
        }
    }
    Some(np)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::seg;

    fn left(text: &str, verb: &str) -> (String, Option<String>) {
        let d = seg(text);
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let i = (0..d.tokens.len()).find(|&i| v.text(i) == verb).unwrap();
        let np = np_left(v, 0, i).unwrap();
        let role = np.role.map(|(a, b)| d.slice(d.tokens[a].span.cover(d.tokens[b - 1].span)).to_string());
        (d.slice(d.tokens[np.first].span.cover(d.tokens[np.end - 1].span)).to_string(), role)
    }

    #[test]
    fn subject_and_apposition() {
        assert_eq!(left("The Pentagon chief said", "said").0, "The Pentagon chief");
        assert_eq!(left("Hugh Hill, a doctor, said", "said"), ("Hugh Hill".into(), Some("a doctor".into())));
        assert_eq!(left("His aide, Ann Moss, said", "said"), ("Ann Moss".into(), Some("His aide".into())));
        assert_eq!(left("Ann Moss, 32, said", "said").0, "Ann Moss");
        assert_eq!(left("Lt. Gen. Ira Bell warned", "warned").0, "Lt. Gen. Ira Bell");
        assert_eq!(left("Ann Moss — a teacher from Troy — said", "said"), ("Ann Moss".into(), Some("a teacher from Troy".into())));
        assert_eq!(left("Sen. Ann Moss (D-Ohio), who backs the plan, said", "said").0, "Sen. Ann Moss");
        assert_eq!(left("The well-known pundit said", "said").0, "The well-known pundit");
    }

    #[test]
    fn a_speaker_placed_by_a_preposition_keeps_its_head() {
        assert_eq!(left("A spokesman for the ministry said", "said").0, "A spokesman for the ministry");
        assert_eq!(left("The water will last, two people close to the talks said", "said").0, "two people close to the talks");
        assert_eq!(left("It was late, a source familiar with the plan said", "said").0, "a source familiar with the plan");
        assert_eq!(left("Diplomats briefed on the meeting said", "said").0, "Diplomats briefed on the meeting");
        assert_eq!(left("People with knowledge of the deal said", "said").0, "People with knowledge of the deal");
        assert_eq!(left("Those close to him said", "said").0, "Those close to him");
        assert_eq!(left("A nurse from a village clinic, who asked not to be named, said", "said").0, "A nurse from a village clinic");
        // a time word or adverb before the preposition heads nothing
        assert_eq!(left("Later in the day the mayor said", "said").0, "the day the mayor");
        assert_eq!(left("He said", "said").0, "He");
    }

    fn lead(text: &str) -> String {
        let d = seg(text);
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let verb = (0..d.tokens.len()).find(|&i| v.text(i) == "argued").unwrap();
        let np = leading_np(v, 0, verb).unwrap();
        d.slice(d.tokens[np.first].span.cover(d.tokens[np.end - 1].span)).to_string()
    }

    #[test]
    fn subject_past_a_fronted_place_and_connective() {
        // the region or abbreviated state after the town belongs to the fronted place
        assert!(lead("At a fair in Dover, Delaware, 54-year-old Ann Lee argued for the plan.").ends_with("Ann Lee"));
        assert_eq!(lead("Speaking at a hall in Troy, N.H., he argued for the plan."), "he");
        assert_eq!(lead("Speaking in Burlington, Vermont, the mayor argued for the plan."), "the mayor");
        // a connective set off by commas after the adjunct
        assert_eq!(lead("On Monday, however, the mayor argued for the plan."), "the mayor");
        assert_eq!(lead("At the same time, meanwhile, Ann Lee argued for the plan."), "Ann Lee");
        // an adverb, a weekday or "absent …" before the comma
        assert_eq!(lead("Publicly, the mayor argued for the plan."), "the mayor");
        assert_eq!(lead("Tuesday, the mayor argued for the plan."), "the mayor");
        assert_eq!(lead("Absent a deal, the mayor argued for the plan."), "the mayor");
        assert_eq!(lead("Rather, the mayor argued for the plan."), "the mayor");
        // a person's name after the town is the subject, not a region
        assert_eq!(lead("In Troy, Georgia Lee, a senator, argued for the plan."), "Georgia Lee");
        assert_eq!(lead("In Troy, Ann Lee argued for the plan."), "Ann Lee");
        // a quotation inside the fronted phrase, its comma inside the marks
        assert_eq!(lead("In an interview with “Morning Radio,” Ann Lee argued for the plan."), "Ann Lee");
        assert_eq!(lead("Citing “grave concerns,” the mayor argued for the plan."), "the mayor");
        assert_eq!(lead("Here in Troy, the mayor argued for the plan."), "the mayor");
        assert_eq!(lead("Shortly after the vote, the mayor argued for the plan."), "the mayor");
    }

    #[test]
    fn relative_points_back() {
        let d = seg("Ann Moss, who said");
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let np = np_left(v, 0, 4).unwrap();
        assert_eq!(np.kind, NpKind::Relative);
        assert_eq!(np.antecedent, Some((0, 2)));
    }

    #[test]
    fn inverted_speaker_with_role() {
        let d = seg("said Lt. Gen. Ira Bell, the army's chief of staff.");
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let np = np_right(v, 1, d.tokens.len()).unwrap();
        assert_eq!(d.slice(d.tokens[np.first].span.cover(d.tokens[np.end - 1].span)), "Lt. Gen. Ira Bell");
        let (a, b) = np.role.unwrap();
        assert_eq!(d.slice(d.tokens[a].span.cover(d.tokens[b - 1].span)), "the army's chief of staff");
    }
}
