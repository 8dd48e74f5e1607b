//! Date expressions normalised to ISO 8601, relative to the publication date.
//!
//! Reports date things the way people speak ("on Wednesday", "last month",
//! "March 4"), so a date only means something against the day the report was
//! published. This module finds such expressions in a document's tokens and
//! resolves them; other components (events) call it to date what they find.
//!
//! Values are ISO 8601 at the precision the text gives: `2025-02-12` (a day),
//! `2025-W07` (a week), `2025-02` (a month), `2025` (a year), `199` (a
//! decade, "the 1990s"). Without a publication date only expressions that
//! name their own year resolve.
//!
//! Public API:
//! - [`normalize`]: one expression, e.g. `normalize("last month", Some(pub_date), Tense::Past)`.
//! - [`find_dates`]: every date expression in a token range of a [`Doc`],
//!   with its span, resolved against `doc.meta.date`, the tense read from
//!   its clause.
//! - [`sentence_date`]: the first of those in one sentence.
//! - [`publication_date`]: `doc.meta.date` parsed.

use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use dateline_doc::{Doc, DocMeta, Span};

use crate::numbers::{lower, ordinal_digits, parse_digits, small_number_word};
use crate::view::View;

/// Which way a bare day or month name points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "said on Wednesday": the most recent Wednesday on or before publication.
    Past,
    /// "will meet on Wednesday": the next Wednesday on or after publication.
    Future,
}

/// A resolved date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    /// ISO 8601 date, week, month, year or decade.
    pub iso: String,
    /// "before" (pre-2014), "after" (post-2014), "early", "mid", "late".
    pub qualifier: Option<&'static str>,
    /// The expression names its calendar date itself (a year, or a month and
    /// day), as opposed to a deictic one ("yesterday", "on Friday", "last
    /// year", "in April") that only the publication date resolves.
    pub explicit: bool,
}

/// A date expression found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The words of the expression, without a leading preposition ("March 2014").
    pub span: Span,
    /// Token indices of the expression.
    pub tokens: Range<usize>,
    pub value: DateValue,
}

/// The publication date of a document, when its metadata gives one.
pub fn publication_date(meta: &DocMeta) -> Option<NaiveDate> {
    let d = meta.date.as_deref()?;
    NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok()
}

/// Normalises one date expression ("today", "on Wednesday", "last month",
/// "in March 2014", "March 4", "pre-2014", "Feb. 12, 2025", "the 1990s",
/// "three weeks ago") against a publication date. A leading preposition is
/// allowed; the expression must be a date as a whole. `None` when it is not a
/// date or needs a publication date that is not given.
pub fn normalize(expr: &str, publication: Option<NaiveDate>, tense: Tense) -> Option<DateValue> {
    let mut doc = Doc::new(expr.to_string(), DocMeta::default());
    doc.tokens = dateline_segment::tokenize(&doc);
    let view = View::new(&doc);
    let n = view.len();
    let mut start = 0;
    while start < n && view.is_any(start, PREPOSITIONS) {
        start += 1;
    }
    let m = match_at(&view, start, n, publication, tense)?;
    // a trailing full stop ("Feb. 12, 2025.") is not part of the date
    let end = if view.is(n.saturating_sub(1), ".") && m.end < n { n - 1 } else { n };
    (m.end == end).then_some(m.value)
}

/// Every date expression in `tokens` (a range of `doc.tokens`), resolved
/// against the publication date in `doc.meta`. Bare day and month names
/// point back in time unless their clause speaks of the future ("will",
/// "next", "scheduled").
pub fn find_dates(doc: &Doc, tokens: Range<usize>) -> Vec<DateMention> {
    let view = View::new(doc);
    let anchor = publication_date(&doc.meta);
    let end = tokens.end.min(view.len());
    let mut out = Vec::new();
    let mut i = tokens.start;
    while i < end {
        let tense = clause_tense(&view, tokens.start, end, i);
        if let Some(m) = match_at(&view, i, end, anchor, tense) {
            out.push(DateMention { span: view_span(&view, m.start, m.end), tokens: m.start..m.end, value: m.value });
            i = m.end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The first date expression in sentence `sentence` of `doc` (events use it
/// as the time of what the sentence reports), or `None`.
pub fn sentence_date(doc: &Doc, sentence: usize) -> Option<DateMention> {
    let range = doc.sentences.get(sentence)?.tokens.clone();
    find_dates(doc, range).into_iter().next()
}

pub(crate) fn view_span(view: &View, start: usize, end: usize) -> Span {
    let toks = &view.doc.tokens;
    toks[start].span.cover(toks[end - 1].span)
}

/// A date found at a token: tokens `start..end` and the value.
pub(crate) struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

const PREPOSITIONS: &[&str] = &["in", "on", "at", "since", "by", "until", "till", "from", "to", "through", "before", "after", "during", "of", "for", "between", "and", "as", "recently"];

/// Words that may stand (capitalised) right before a year without making it
/// part of a name ("In 2014", "By 2030"); any other capitalised word before a
/// number makes it a name ("Vision 2030", "Resolution 2231").
const YEAR_LEADS: &[&str] = &["in", "on", "since", "by", "until", "till", "from", "to", "through", "before", "after", "during", "of", "for", "between", "and", "or", "early", "late", "mid", "the", "as", "around", "circa", "about", "until", "throughout", "spring", "summer", "autumn", "fall", "winter"];

const FUTURE_CUES: &[&str] = &["will", "'ll", "shall", "next", "upcoming", "scheduled", "due", "expected", "planned", "plans", "plan", "set", "tomorrow", "going"];

/// Reads the tense of the clause around token `i`: future when the clause
/// (between commas, semicolons or quotation marks) has a future cue.
pub(crate) fn clause_tense(view: &View, lo: usize, hi: usize, i: usize) -> Tense {
    let boundary = |j: usize| matches!(view.word(j), "," | ";" | ":" | "\"" | "(" | ")" | "." | "!" | "?");
    let mut j = i;
    while j > lo && !boundary(j - 1) {
        j -= 1;
        if view.is_any(j, FUTURE_CUES) {
            return Tense::Future;
        }
    }
    let mut k = i + 1;
    while k < hi && k < i + 8 && !boundary(k) {
        if view.is_any(k, FUTURE_CUES) {
            return Tense::Future;
        }
        k += 1;
    }
    Tense::Past
}

/// Tries every date pattern at token `i` (not looking past `end`).
pub(crate) fn match_at(view: &View, i: usize, end: usize, anchor: Option<NaiveDate>, tense: Tense) -> Option<DateMatch> {
    if i >= end {
        return None;
    }
    let word = view.word(i);
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        return numeric_date(view, i, end, anchor);
    }
    if first == '\'' {
        return decade_at(view, i, end, i);
    }
    if !first.is_alphabetic() {
        return None;
    }
    if word.contains('-') {
        return hyphenated(view, i, anchor, tense);
    }
    if view.is(i + 2, "ago") {
        return ago_at(view, i, end, anchor);
    }
    let mut buf = [0u8; 24];
    let lw = lower(word, &mut buf)?;
    let a = anchor;
    let relative = |iso: Option<String>, len: usize| {
        iso.map(|iso| DateMatch { start: i, end: i + len, value: DateValue { iso, qualifier: None, explicit: false } })
    };
    match lw {
        "today" | "tonight" => return relative(a.map(day), 1),
        "yesterday" => return relative(a.and_then(|d| d.checked_sub_days(Days::new(1))).map(day), 1),
        "tomorrow" => return relative(a.and_then(|d| d.checked_add_days(Days::new(1))).map(day), 1),
        "last" if view.is(i + 1, "night") && i + 1 < end => {
            return relative(a.and_then(|d| d.checked_sub_days(Days::new(1))).map(day), 2)
        }
        "earlier" | "later" if view.is(i + 1, "this") => {
            let m = deictic(view, i + 1, end, a?)?;
            return Some(DateMatch { start: i, ..m });
        }
        "this" | "last" | "next" => return deictic(view, i, end, a?),
        "early" | "mid" | "late" => {
            // "early 2014", "late March", "the early 1990s" start at the year or month
            let m = match_at(view, i + 1, end, anchor, tense)?;
            if m.start != i + 1 {
                return None;
            }
            let qualifier = Some(match lw {
                "early" => "early",
                "mid" => "mid",
                _ => "late",
            });
            return Some(DateMatch { start: i, end: m.end, value: DateValue { qualifier, ..m.value } });
        }
        "the" => {
            // "the 1990s", "the '90s"
            if matches!(view.word(i + 1).chars().next(), Some('0'..='9' | '\'')) {
                let m = decade_at(view, i + 1, end, i)?;
                return Some(m);
            }
            if view.is_any(i + 1, &["early", "mid", "late"]) {
                let m = match_at(view, i + 1, end, anchor, tense)?;
                return (m.value.iso.len() == 3).then_some(DateMatch { start: i, ..m });
            }
            return None;
        }
        _ => {}
    }
    if !view.capitalised(i) {
        return None;
    }
    if let Some(wd) = weekday(lw) {
        let d = weekday_near(a?, wd, tense, false)?;
        return relative(Some(day(d)), 1);
    }
    month_at(view, i, end, anchor, tense)
}

fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn month_iso(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

fn week_iso(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let total = year * 12 + month as i32 - 1 + delta;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

fn weekday(lw: &str) -> Option<Weekday> {
    Some(match lw {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The `wd` nearest the anchor in the tense's direction; `strict` skips the
/// anchor day itself ("last Friday" said on a Friday is a week back).
fn weekday_near(anchor: NaiveDate, wd: Weekday, tense: Tense, strict: bool) -> Option<NaiveDate> {
    let from = anchor.weekday().num_days_from_monday() as i64;
    let to = wd.num_days_from_monday() as i64;
    match tense {
        Tense::Past => {
            let mut back = (from - to).rem_euclid(7);
            if strict && back == 0 {
                back = 7;
            }
            anchor.checked_sub_days(Days::new(back as u64))
        }
        Tense::Future => {
            let mut ahead = (to - from).rem_euclid(7);
            if strict && ahead == 0 {
                ahead = 7;
            }
            anchor.checked_add_days(Days::new(ahead as u64))
        }
    }
}

/// A month name: full names, or abbreviations ("Feb", "Sept") when a full
/// stop or a number follows.
fn month_name(view: &View, i: usize) -> Option<(u32, bool)> {
    let mut buf = [0u8; 24];
    let lw = lower(view.word(i), &mut buf)?;
    let full = match lw {
        "january" => Some(1),
        "february" => Some(2),
        "march" => Some(3),
        "april" => Some(4),
        "may" => Some(5),
        "june" => Some(6),
        "july" => Some(7),
        "august" => Some(8),
        "september" => Some(9),
        "october" => Some(10),
        "november" => Some(11),
        "december" => Some(12),
        _ => None,
    };
    if let Some(m) = full {
        return Some((m, false));
    }
    let abbr = match lw {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some((abbr, true))
}

/// A day of the month: "4", "04", "4th".
fn day_number(view: &View, i: usize) -> Option<u32> {
    let w = view.word(i);
    let d = if view.is_number(i) && w.len() <= 2 { w.parse().ok()? } else { ordinal_digits(w)? };
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year, 1000 to 2199, written without separators.
fn year_number(view: &View, i: usize) -> Option<i32> {
    let w = view.word(i);
    if !view.is_number(i) || w.len() != 4 {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1000..=2199).contains(&y).then_some(y)
}

fn month_at(view: &View, i: usize, end: usize, anchor: Option<NaiveDate>, tense: Tense) -> Option<DateMatch> {
    let (month, abbreviated) = month_name(view, i)?;
    let mut j = i + 1;
    if abbreviated {
        if view.is(j, ".") && !view.spaced(j) {
            j += 1;
        } else if !view.is_number(j) {
            return None;
        }
    }
    let in_range = |k: usize| k < end;
    let explicit = |iso: String, end: usize| DateMatch { start: i, end, value: DateValue { iso, qualifier: None, explicit: true } };
    if in_range(j) {
        if let Some(d) = day_number(view, j) {
            // "March 4", "March 4, 2025", "March 4 2025"
            let mut k = j + 1;
            if view.is(k, ",") && in_range(k + 1) && year_number(view, k + 1).is_some() {
                k += 1;
            }
            if in_range(k) {
                if let Some(y) = year_number(view, k) {
                    let date = NaiveDate::from_ymd_opt(y, month, d)?;
                    return Some(explicit(day(date), k + 1));
                }
            }
            let date = NaiveDate::from_ymd_opt(anchor?.year(), month, d)?;
            return Some(explicit(day(date), j + 1));
        }
        // "March 2014", "March, 2014"
        let k = if view.is(j, ",") { j + 1 } else { j };
        if in_range(k) {
            if let Some(y) = year_number(view, k) {
                return Some(explicit(month_iso(y, month), k + 1));
            }
        }
    }
    // A bare month name: only after a word that makes it a time ("in May"),
    // since "May" and "March" are also other words.
    let lead = view.before(i, 1);
    let mut buf = [0u8; 24];
    let led = lower(lead, &mut buf).is_some_and(|l| {
        matches!(l, "in" | "since" | "until" | "till" | "by" | "from" | "through" | "early" | "late" | "mid" | "before" | "after" | "during" | "of" | "last" | "next" | "this" | "between" | "and" | "to")
    });
    if !led || abbreviated {
        return None;
    }
    let a = anchor?;
    let (y, m) = match tense {
        Tense::Past if month > a.month() => (a.year() - 1, month),
        Tense::Future if month < a.month() => (a.year() + 1, month),
        _ => (a.year(), month),
    };
    Some(DateMatch { start: i, end: j, value: DateValue { iso: month_iso(y, m), qualifier: None, explicit: false } })
}

/// "this week", "last month", "next year", "last Friday", "next March", "this morning".
fn deictic(view: &View, i: usize, end: usize, a: NaiveDate) -> Option<DateMatch> {
    if i + 1 >= end || view.is(i.wrapping_sub(1), "the") && i > 0 {
        return None;
    }
    let step: i32 = if view.is(i, "last") {
        -1
    } else if view.is(i, "next") {
        1
    } else {
        0
    };
    let mut buf = [0u8; 24];
    let unit = lower(view.word(i + 1), &mut buf)?;
    let iso = match unit {
        "week" | "weekend" => week_iso(a.checked_add_signed(chrono::TimeDelta::days(7 * step as i64))?),
        "month" => {
            let (y, m) = add_months(a.year(), a.month(), step);
            month_iso(y, m)
        }
        "year" => format!("{:04}", a.year() + step),
        "morning" | "afternoon" | "evening" if step == 0 => day(a),
        _ => {
            if let Some(wd) = weekday(unit) {
                let d = match step {
                    -1 => weekday_near(a, wd, Tense::Past, true)?,
                    1 => weekday_near(a, wd, Tense::Future, true)?,
                    _ => weekday_near(a, wd, Tense::Future, false)?,
                };
                day(d)
            } else if let Some((m, false)) = month_name(view, i + 1) {
                let y = match step {
                    -1 if m >= a.month() => a.year() - 1,
                    1 if m <= a.month() => a.year() + 1,
                    _ => a.year(),
                };
                month_iso(y, m)
            } else {
                return None;
            }
        }
    };
    Some(DateMatch { start: i, end: i + 2, value: DateValue { iso, qualifier: None, explicit: false } })
}

/// Dates starting with a digit: years, decades, "12 February 2025",
/// ISO dates, and "three weeks ago" (digits form).
fn numeric_date(view: &View, i: usize, end: usize, anchor: Option<NaiveDate>) -> Option<DateMatch> {
    if let Some(m) = decade_at(view, i, end, i) {
        return Some(m);
    }
    if let Some(m) = ago_at(view, i, end, anchor) {
        return Some(m);
    }
    if view.kind(i) == Some(dateline_doc::TokenKind::Word) && view.word(i).contains('-') {
        return hyphenated(view, i, anchor, Tense::Past);
    }
    if let Some(d) = day_number(view, i) {
        // "12 February 2025", "12 February"
        if i + 1 < end {
            if let Some((month, abbreviated)) = month_name(view, i + 1) {
                if view.capitalised(i + 1) {
                    let mut k = i + 2;
                    if abbreviated && view.is(k, ".") {
                        k += 1;
                    }
                    if k < end {
                        if let Some(y) = year_number(view, k) {
                            let date = NaiveDate::from_ymd_opt(y, month, d)?;
                            return Some(DateMatch { start: i, end: k + 1, value: DateValue { iso: day(date), qualifier: None, explicit: true } });
                        }
                    }
                    let date = NaiveDate::from_ymd_opt(anchor?.year(), month, d)?;
                    return Some(DateMatch { start: i, end: k, value: DateValue { iso: day(date), qualifier: None, explicit: true } });
                }
            }
        }
    }
    let y = year_number(view, i)?;
    if !year_stands_alone(view, i) {
        return None;
    }
    Some(DateMatch { start: i, end: i + 1, value: DateValue { iso: format!("{y:04}"), qualifier: None, explicit: true } })
}

/// A four-digit number is a year unless its neighbours make it an amount
/// ("$2000", "2000 percent", "about 2000 troops"), part of a name
/// ("Vision 2030") or of a list or code ("1999, 2000" stays a year; "555-2000" does not).
pub(crate) fn year_stands_alone(view: &View, i: usize) -> bool {
    let prev = view.before(i, 1);
    if matches!(prev, "$" | "€" | "£" | "¥" | "#" | "+" | "-" | "/" | ":" | "No" | "no") {
        return false;
    }
    if !view.spaced(i) && (prev == "," || prev == ".") {
        return false;
    }
    let next = view.word(i + 1);
    if !view.spaced(i + 1) && matches!(next, "-" | "/" | ":" | "," | ".") && view.is_number(i + 2) {
        return false;
    }
    if matches!(next, "%") || view.is_any(i + 1, &["percent", "per", "pct", "million", "billion", "trillion", "thousand", "hundred", "a.m", "p.m", "a.m.", "p.m.", "am", "pm", "gmt", "utc", "hours", "hrs"]) {
        return false;
    }
    // "1500 refugees", "2000 dollars": an amount of people or money
    let noun_modifier = view.word(i + 2) == "'s";
    if !noun_modifier && (crate::lexicon::counted_noun(next) == Some(crate::lexicon::NounClass::Person) || crate::lexicon::currency_after(next).is_some()) {
        return false;
    }
    if view.is_number(i + 1) || (i > 0 && view.is_number(i - 1) && view.spaced(i)) {
        return false;
    }
    if view.is_any(i - i.min(1), &["about", "some", "nearly", "almost", "roughly", "approximately", "over", "than", "least", "estimated"]) && i > 0 {
        return false;
    }
    // a capitalised word right before: part of a name unless it is a lead-in word
    if i > 0 && view.capitalised(i - 1) && view.kind(i - 1) == Some(dateline_doc::TokenKind::Word) {
        let mut buf = [0u8; 24];
        let lead_in = lower(prev, &mut buf).is_some_and(|l| crate::view::one_of(l, YEAR_LEADS));
        if !lead_in {
            return false;
        }
    }
    true
}

/// "1990s", "'90s", "the 1990s": a decade as ISO's three-digit form ("199").
/// `start` is where the expression starts (on "the" when there is one).
fn decade_at(view: &View, i: usize, end: usize, start: usize) -> Option<DateMatch> {
    let (k, w) = if view.word(i) == "'" { (i + 1, view.word(i + 1)) } else { (i, view.word(i)) };
    if k >= end {
        return None;
    }
    let digits = w.strip_suffix('s')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.ends_with('0') {
        return None;
    }
    let iso = match digits.len() {
        4 => digits[..3].to_string(),
        2 if k != i => format!("19{}", &digits[..1]),
        _ => return None,
    };
    // "the 1990s": the article belongs to the expression
    let start = if start == i && i > 0 && view.is(i - 1, "the") { i - 1 } else { start };
    Some(DateMatch { start, end: k + 1, value: DateValue { iso, qualifier: None, explicit: true } })
}

/// "three weeks ago", "2 years ago".
fn ago_at(view: &View, i: usize, end: usize, anchor: Option<NaiveDate>) -> Option<DateMatch> {
    if i + 2 >= end || !view.is(i + 2, "ago") {
        return None;
    }
    let n = count_word(view, i)?;
    if !(0.0..=10000.0).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    let n = n as i64;
    let a = anchor?;
    let mut buf = [0u8; 24];
    let iso = match lower(view.word(i + 1), &mut buf)? {
        "day" | "days" => day(a.checked_sub_days(Days::new(n as u64))?),
        "week" | "weeks" => week_iso(a.checked_sub_days(Days::new(7 * n as u64))?),
        "month" | "months" => {
            let (y, m) = add_months(a.year(), a.month(), -(n as i32));
            month_iso(y, m)
        }
        "year" | "years" => format!("{:04}", a.year() - n as i32),
        "decade" | "decades" => format!("{:04}", a.year() - 10 * n as i32),
        _ => return None,
    };
    Some(DateMatch { start: i, end: i + 3, value: DateValue { iso, qualifier: None, explicit: false } })
}

fn count_word(view: &View, i: usize) -> Option<f64> {
    let w = view.word(i);
    if view.is_number(i) {
        return parse_digits(w);
    }
    if view.is_any(i, &["a", "an"]) {
        return Some(1.0);
    }
    small_number_word(w).map(f64::from)
}

/// One hyphenated token: "pre-2014", "post-2014", "mid-2014", "mid-1990s",
/// "mid-March", "2025-02-12", and "three-weeks-ago"-free forms only.
fn hyphenated(view: &View, i: usize, anchor: Option<NaiveDate>, tense: Tense) -> Option<DateMatch> {
    let w = view.word(i);
    // ISO date
    let b = w.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let date = NaiveDate::parse_from_str(w, "%Y-%m-%d").ok()?;
        return Some(DateMatch { start: i, end: i + 1, value: DateValue { iso: day(date), qualifier: None, explicit: true } });
    }
    let (prefix, rest) = w.split_once('-')?;
    let mut buf = [0u8; 24];
    let qualifier = match lower(prefix, &mut buf)? {
        "pre" => "before",
        "post" => "after",
        "mid" => "mid",
        "early" => "early",
        "late" => "late",
        _ => return None,
    };
    let iso = if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = rest.parse().ok()?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        rest.to_string()
    } else if let Some(d) = rest.strip_suffix('s').filter(|d| d.len() == 4 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit())) {
        d[..3].to_string()
    } else {
        // "mid-March": a month relative to publication
        let month = match rest.to_ascii_lowercase().as_str() {
            "january" => 1,
            "february" => 2,
            "march" => 3,
            "april" => 4,
            "may" => 5,
            "june" => 6,
            "july" => 7,
            "august" => 8,
            "september" => 9,
            "october" => 10,
            "november" => 11,
            "december" => 12,
            _ => return None,
        };
        let a = anchor?;
        let y = match tense {
            Tense::Past if month > a.month() => a.year() - 1,
            Tense::Future if month < a.month() => a.year() + 1,
            _ => a.year(),
        };
        return Some(DateMatch { start: i, end: i + 1, value: DateValue { iso: month_iso(y, month), qualifier: Some(qualifier), explicit: false } });
    };
    Some(DateMatch { start: i, end: i + 1, value: DateValue { iso, qualifier: Some(qualifier), explicit: true } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pubdate() -> Option<NaiveDate> {
        // a Wednesday
        NaiveDate::from_ymd_opt(2025, 2, 12)
    }

    fn iso(expr: &str) -> Option<String> {
        normalize(expr, pubdate(), Tense::Past).map(|v| v.iso)
    }

    #[test]
    fn deictic_days() {
        assert_eq!(iso("today").as_deref(), Some("2025-02-12"));
        assert_eq!(iso("yesterday").as_deref(), Some("2025-02-11"));
        assert_eq!(iso("tomorrow").as_deref(), Some("2025-02-13"));
        assert_eq!(iso("last night").as_deref(), Some("2025-02-11"));
        assert_eq!(iso("this morning").as_deref(), Some("2025-02-12"));
    }

    #[test]
    fn weekdays_by_tense() {
        assert_eq!(iso("on Wednesday").as_deref(), Some("2025-02-12"));
        assert_eq!(iso("on Monday").as_deref(), Some("2025-02-10"));
        assert_eq!(iso("Thursday").as_deref(), Some("2025-02-06"));
        let fut = normalize("on Thursday", pubdate(), Tense::Future).map(|v| v.iso);
        assert_eq!(fut.as_deref(), Some("2025-02-13"));
        assert_eq!(iso("last Wednesday").as_deref(), Some("2025-02-05"));
        assert_eq!(iso("next Wednesday").as_deref(), Some("2025-02-19"));
        assert_eq!(iso("next Friday").as_deref(), Some("2025-02-14"));
        assert!(!normalize("on Monday", pubdate(), Tense::Past).unwrap().explicit);
    }

    #[test]
    fn deictic_periods() {
        assert_eq!(iso("last month").as_deref(), Some("2025-01"));
        assert_eq!(iso("next month").as_deref(), Some("2025-03"));
        assert_eq!(iso("this year").as_deref(), Some("2025"));
        assert_eq!(iso("next year").as_deref(), Some("2026"));
        assert_eq!(iso("last year").as_deref(), Some("2024"));
        assert_eq!(iso("this week").as_deref(), Some("2025-W07"));
        assert_eq!(iso("last week").as_deref(), Some("2025-W06"));
        assert_eq!(iso("earlier this month").as_deref(), Some("2025-02"));
        assert_eq!(iso("last March").as_deref(), Some("2024-03"));
        assert_eq!(iso("three weeks ago").as_deref(), Some("2025-W04"));
        assert_eq!(iso("two years ago").as_deref(), Some("2023"));
        assert_eq!(iso("5 days ago").as_deref(), Some("2025-02-07"));
        let jan = NaiveDate::from_ymd_opt(2025, 1, 15);
        assert_eq!(normalize("last month", jan, Tense::Past).map(|v| v.iso).as_deref(), Some("2024-12"));
    }

    #[test]
    fn months_and_days() {
        assert_eq!(iso("in March 2014").as_deref(), Some("2014-03"));
        assert_eq!(iso("March 4").as_deref(), Some("2025-03-04"));
        assert_eq!(iso("Feb. 12, 2025").as_deref(), Some("2025-02-12"));
        assert_eq!(iso("February 12 2025").as_deref(), Some("2025-02-12"));
        assert_eq!(iso("12 February 2025").as_deref(), Some("2025-02-12"));
        assert_eq!(iso("12 Feb. 2025").as_deref(), Some("2025-02-12"));
        assert_eq!(iso("on March 4th").as_deref(), Some("2025-03-04"));
        assert_eq!(iso("in April").as_deref(), Some("2024-04"));
        assert_eq!(normalize("in April", pubdate(), Tense::Future).map(|v| v.iso).as_deref(), Some("2025-04"));
        assert_eq!(iso("since January").as_deref(), Some("2025-01"));
        assert_eq!(iso("February 30, 2025"), None);
        assert!(normalize("March 4", pubdate(), Tense::Past).unwrap().explicit);
        // "May" as a verb is no month
        assert_eq!(iso("May"), None);
    }

    #[test]
    fn years_and_decades() {
        assert_eq!(iso("2014").as_deref(), Some("2014"));
        assert_eq!(iso("in 2014").as_deref(), Some("2014"));
        let pre = normalize("pre-2014", None, Tense::Past).unwrap();
        assert_eq!((pre.iso.as_str(), pre.qualifier), ("2014", Some("before")));
        let mid = normalize("mid-2014", None, Tense::Past).unwrap();
        assert_eq!((mid.iso.as_str(), mid.qualifier), ("2014", Some("mid")));
        let early = normalize("early 2015", None, Tense::Past).unwrap();
        assert_eq!((early.iso.as_str(), early.qualifier), ("2015", Some("early")));
        assert_eq!(iso("the 1990s").as_deref(), Some("199"));
        assert_eq!(iso("the '90s").as_deref(), Some("199"));
        assert_eq!(iso("the early 1990s").as_deref(), Some("199"));
        assert_eq!(iso("2025-02-12").as_deref(), Some("2025-02-12"));
    }

    #[test]
    fn without_publication_date_only_absolute_dates() {
        assert_eq!(normalize("yesterday", None, Tense::Past), None);
        assert_eq!(normalize("last month", None, Tense::Past), None);
        assert_eq!(normalize("March 4", None, Tense::Past), None);
        assert_eq!(normalize("March 2014", None, Tense::Past).map(|v| v.iso).as_deref(), Some("2014-03"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(iso("Vision 2030"), None);
        assert_eq!(iso("$2000"), None);
        assert_eq!(iso("2000 percent"), None);
        assert_eq!(iso("the last year"), None);
        assert_eq!(iso("555-2000"), None);
        assert_eq!(iso("12345"), None);
    }

    #[test]
    fn sentence_date_of_a_wire_report() {
        let text = "Brazil accused the European Union on Tuesday of unfair rules. It will respond next week.";
        let mut doc = Doc::new(text.to_string(), DocMeta { date: Some("2026-03-04".into()), ..DocMeta::default() });
        {
            use dateline_pipeline::Component;
            dateline_segment::Segmenter.run(&mut doc);
        }
        let first = sentence_date(&doc, 0).unwrap();
        assert_eq!((doc.slice(first.span), first.value.iso.as_str()), ("Tuesday", "2026-03-03"));
        assert_eq!(sentence_date(&doc, 1).unwrap().value.iso, "2026-W11");
        assert!(sentence_date(&doc, 2).is_none());
    }

    #[test]
    fn find_dates_reads_the_clause_tense() {
        let mut doc = Doc::new(
            "Talks ended on Monday. The ministers will meet again on Friday, officials said in March 2014.".to_string(),
            DocMeta { date: Some("2025-02-12".into()), ..DocMeta::default() },
        );
        doc.tokens = dateline_segment::tokenize(&doc);
        let found = find_dates(&doc, 0..doc.tokens.len());
        let got: Vec<_> = found.iter().map(|m| (doc.slice(m.span), m.value.iso.as_str())).collect();
        assert_eq!(got, vec![("Monday", "2025-02-10"), ("Friday", "2025-02-14"), ("March 2014", "2014-03")]);
    }
}
