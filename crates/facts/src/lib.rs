//! Facts: the counts, fractions ("more than half of their animals": a count
//! with unit "fraction" and the share as its value), percentages, amounts of
//! money, durations and dates a report states, each normalised (a number, or an ISO date) with its unit,
//! its hedge ("about", "more than"), what it measures ("of Ukraine's
//! territory") and whose it is (the sentence's subject entity).
//!
//! Why one pass over tokens: numbers are rare, so the scan only looks closer
//! at tokens that can start a quantity or a date (digits, currency symbols,
//! number words, month and day names); everything else costs one lookup.
//! Hedges are read backwards from the number, units forwards.
//!
//! What is listed, and what is not: a fact is something a reader would note
//! down. Dates are listed when the text names the calendar date itself (a
//! year, a month and year, a month and day, a decade); deictic ones
//! ("yesterday", "on Friday", "last year", "in April") only anchor events in
//! time and are left to [`dates::find_dates`]. Periods before or after a
//! year ("pre-2014 borders") describe a state, not a date. Durations that
//! only place something in time ("two weeks after the clashes", "three days
//! ago") are not durations. Counts of one, and small counts written as words
//! of things other than people with no hedge ("shelled two villages"), or
//! after a determiner ("the two leaders") are not worth a record. Digits in
//! names and codes (G7, F-16, COVID-19, Article 5), phone numbers, times and
//! lists of numbers are not quantities.

pub mod dates;
mod lexicon;
pub use lexicon::{check_data, parse_counted_nouns, parse_currencies, WordListError, COUNTED_NOUNS_FILE, CURRENCIES_FILE};
mod numbers;
mod view;

use dateline_doc::{Doc, Fact, FactKind, FactValue, Span, TokenKind};
use dateline_pipeline::{Component, Layer};

use dates::Tense;
use lexicon::{CurrencyPlace, NounClass};
use numbers::{fraction_denominator, lower, parse_digits, scale_abbreviation, scale_word, small_number_word, suffixed_amount};
use view::View;

#[derive(Debug, Default)]
pub struct FactExtractor;

impl Component for FactExtractor {
    fn name(&self) -> &'static str {
        "facts"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Facts]
    }
    fn run(&self, doc: &mut Doc) {
        doc.facts = extract(doc);
    }
}

/// All facts of a segmented document, in text order.
pub fn extract(doc: &Doc) -> Vec<Fact> {
    let view = View::new(doc);
    let anchor = dates::publication_date(&doc.meta);
    let norm = doc.norm.as_str().as_bytes();
    let start_table: &StartTable = &START_TABLE;
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        if sentence.span.start() < doc.meta.body_start {
            continue;
        }
        let lo = sentence.tokens.start;
        let hi = sentence.tokens.end.min(view.len());
        let mut i = lo;
        let mut free_from = lo;
        while i < hi {
            // one table look-up rejects nearly every token
            let t = &doc.tokens[i];
            let word = norm.get(t.norm_start as usize..t.norm_end as usize).unwrap_or(b"");
            if !start_table.may_start(word, t.kind) {
                i += 1;
                continue;
            }
            let start = may_start(&view, norm, i);
            if start == Start::Nothing {
                i += 1;
                continue;
            }
            if let Some(m) = dates::match_at(&view, i, hi, anchor, Tense::Past) {
                let listed = m.value.explicit && !matches!(m.value.qualifier, Some("before" | "after"));
                if listed {
                    out.push(Fact {
                        kind: FactKind::Date,
                        span: dates::view_span(&view, m.start, m.end),
                        value: FactValue::Date(m.value.iso),
                        unit: None,
                        qualifier: m.value.qualifier.map(str::to_string),
                        of: None,
                        holder: None,
                    });
                }
                i = m.end.max(i + 1);
                free_from = i;
                continue;
            }
            if start == Start::Date {
                i += 1;
                continue;
            }
            if let Some((fact, next)) = fraction_at(&view, i, hi, free_from) {
                out.push(fact);
                i = next;
                free_from = next;
                continue;
            }
            match quantity_at(&view, i, lo, hi, free_from) {
                Some(Found::Fact(fact, next)) => {
                    out.push(fact);
                    i = next;
                    free_from = next;
                }
                Some(Found::Skip(next)) => {
                    i = next.max(i + 1);
                    free_from = i;
                }
                None => i += 1,
            }
        }
    }
    if !out.is_empty() {
        let mut by_start: Vec<&dateline_doc::Mention> = doc.mentions.iter().collect();
        by_start.sort_by_key(|m| m.span.start());
        for fact in &mut out {
            fact.holder = holder(doc, &by_start, fact.span);
        }
    }
    out
}

/// The entity of the first named mention before the fact in its sentence.
/// `by_start` holds the document's mentions sorted by start, so a document
/// with many facts and mentions costs a binary search per fact, not a scan.
fn holder(doc: &Doc, by_start: &[&dateline_doc::Mention], span: Span) -> Option<dateline_doc::EntityId> {
    let s = doc.sentence_at(span.start())?;
    let sent = doc.sentences[s].span;
    let first = by_start.partition_point(|m| m.span.start() < sent.start());
    by_start[first..]
        .iter()
        .take_while(|m| m.span.start() < span.start())
        .find(|m| m.span.end() <= span.start())
        .and_then(|m| m.entity)
}

enum Found {
    Fact(Fact, usize),
    /// Not a fact, but these tokens are used up (a time anchor, a name's number).
    Skip(usize),
}

/// Every word that can start a quantity or a date, lower-case.
const START_WORDS: &[&str] = &[
    "a", "an", "dozen", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "today", "tonight", "yesterday", "tomorrow",
    "this", "last", "next", "earlier", "later", "early", "mid", "late", "pre", "post", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
    "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
];

/// Which words may start a quantity or a date, by their first three letters
/// and length: most words fail this test with one look-up. The key is hashed
/// into a 2 KiB bitmap, which stays in the first-level cache (a bitmap of
/// every key, 28 KiB, missed it on most look-ups); a word whose key shares
/// a bit with a start word's only costs a call to [`may_start`].
struct StartTable {
    bits: [u64; StartTable::WORDS],
}

impl StartTable {
    const LENGTHS: usize = 11;
    /// Letters, then '-' (26), then anything else or the end of the word (27).
    const SYMBOLS: usize = 28;
    const KEYS: usize = 26 * StartTable::SYMBOLS * StartTable::SYMBOLS * StartTable::LENGTHS;
    /// log2 of the bitmap's bits.
    const BITS_LOG2: u32 = 14;
    const WORDS: usize = (1 << StartTable::BITS_LOG2) / 64;

    /// The bit of key `k` (below [`StartTable::KEYS`], so it fits in 32 bits).
    #[inline]
    fn bit(k: usize) -> usize {
        ((k as u32).wrapping_mul(0x9e37_79b1) >> (32 - StartTable::BITS_LOG2)) as usize
    }

    /// Each byte's symbol (letters case-folded), by one table look-up.
    const SYMBOL: [u8; 256] = {
        let mut t = [27u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = (b as u8).to_ascii_lowercase();
            if c.is_ascii_lowercase() {
                t[b] = c - b'a';
            } else if c == b'-' {
                t[b] = 26;
            }
            b += 1;
        }
        t
    };

    #[inline]
    fn symbol(b: Option<&u8>) -> usize {
        b.map_or(27, |&b| usize::from(StartTable::SYMBOL[usize::from(b)]))
    }

    /// `None` when the word does not start with an ASCII letter.
    #[inline]
    fn key(w: &[u8], len: usize) -> Option<usize> {
        let first = StartTable::symbol(w.first());
        if first >= 26 {
            return None;
        }
        let (second, third) = (StartTable::symbol(w.get(1)), StartTable::symbol(w.get(2)));
        let len = len.min(StartTable::LENGTHS - 1);
        Some(((first * StartTable::SYMBOLS + second) * StartTable::SYMBOLS + third) * StartTable::LENGTHS + len)
    }

    fn set(&mut self, w: &[u8], len: usize) {
        if let Some(k) = StartTable::key(w, len) {
            let b = StartTable::bit(k);
            self.bits[b / 64] |= 1 << (b % 64);
        }
    }

    /// Digits, apostrophes and symbols pass; words pass when their
    /// beginning and length match a start word's. Any other token (most of
    /// them punctuation) is one [`may_start`] would turn down.
    #[inline]
    fn may_start(&self, w: &[u8], kind: TokenKind) -> bool {
        match StartTable::key(w, w.len()) {
            Some(k) => {
                let b = StartTable::bit(k);
                self.bits[b / 64] >> (b % 64) & 1 == 1
            }
            None => match w.first() {
                Some(&c) => c.is_ascii_digit() || c == b'\'' || kind == TokenKind::Symbol,
                None => false,
            },
        }
    }
}

/// Start words that also begin hyphenated words ("three-year-old", "pre-2014").
fn hyphenates(w: &str) -> bool {
    small_number_word(w).is_some() || matches!(w, "pre" | "post" | "mid" | "early" | "late")
}

// every key fits the 32-bit hash of `StartTable::bit`
const _: () = assert!(StartTable::KEYS <= u32::MAX as usize);

static START_TABLE: std::sync::LazyLock<StartTable> = std::sync::LazyLock::new(|| {
    let mut table = StartTable { bits: [0; StartTable::WORDS] };
    for w in START_WORDS.iter().copied().chain(lexicon::currency_forms_before()) {
        let b = w.as_bytes();
        table.set(b, b.len());
        if hyphenates(w) {
            for len in b.len() + 2..=StartTable::LENGTHS {
                table.set(b, len);
            }
        }
    }
    table
});

/// What may start at a token, by a cheap test on its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Nothing,
    /// Only a date ("the 1990s", "March 2014", "last year").
    Date,
    /// A quantity or a date (digits, currency, number words).
    Any,
}

fn may_start(view: &View, norm: &[u8], i: usize) -> Start {
    let t = &view.doc.tokens[i];
    let Some(w) = norm.get(t.norm_start as usize..t.norm_end as usize) else { return Start::Nothing };
    let Some(&c) = w.first() else { return Start::Nothing };
    if c.is_ascii_alphabetic() {
        // a currency code or "Rs" before a number
        if w.len() <= 3 && c.is_ascii_uppercase() && view.is_number(i + 1) && lexicon::currency_before(view.word(i)).is_some() {
            return Start::Any;
        }
    } else if c.is_ascii_digit() {
        return Start::Any;
    } else if c == b'\'' {
        return Start::Date;
    } else if t.kind == TokenKind::Symbol {
        return if lexicon::currency_before(view.word(i)).is_some() { Start::Any } else { Start::Nothing };
    } else {
        return Start::Nothing;
    }
    // the word before any hyphen, lower-cased ("three" of "three-year-old")
    let head_len = w.iter().take(10).position(|&b| b == b'-').unwrap_or(w.len());
    if head_len > 9 {
        return Start::Nothing;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(&w[..head_len]) {
        *d = s.to_ascii_lowercase();
    }
    let date_only = |capital_needed: bool| if capital_needed && !c.is_ascii_uppercase() { Start::Nothing } else { Start::Date };
    match &buf[..head_len] {
        // "a dozen", "a million", "nearly a decade"
        b"a" | b"an" => {
            let next = view.word(i + 1);
            let plausible = matches!(next.as_bytes().first(), Some(b'd' | b'h' | b't' | b'm' | b'b' | b'l' | b'c' | b'y' | b'w'));
            if plausible && (scale_word(next).is_some() || time_unit(next).is_some()) || fraction_denominator(next).is_some() {
                Start::Any
            } else {
                Start::Nothing
            }
        }
        b"dozen" | b"zero" | b"one" | b"two" | b"three" | b"four" | b"five" | b"six" | b"seven"
        | b"eight" | b"nine" | b"ten" | b"eleven" | b"twelve" | b"thirteen" | b"fourteen" | b"fifteen" | b"sixteen"
        | b"seventeen" | b"eighteen" | b"nineteen" | b"twenty" | b"thirty" | b"forty" | b"fifty" | b"sixty"
        | b"seventy" | b"eighty" | b"ninety" => Start::Any,
        b"today" | b"tonight" | b"yesterday" | b"tomorrow" | b"this" | b"last" | b"next" | b"earlier" | b"later"
        | b"early" | b"mid" | b"late" | b"pre" | b"post" => date_only(false),
        b"january" | b"february" | b"march" | b"april" | b"may" | b"june" | b"july" | b"august" | b"september"
        | b"october" | b"november" | b"december" | b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug"
        | b"sep" | b"sept" | b"oct" | b"nov" | b"dec" | b"monday" | b"tuesday" | b"wednesday" | b"thursday"
        | b"friday" | b"saturday" | b"sunday" => date_only(true),
        b"half" => Start::Any,
        _ => Start::Nothing,
    }
}

/// Words that end a noun phrase (and so a counted noun or an "of" phrase).
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "over", "under", "after",
    "before", "since", "during", "than", "as", "of", "about", "against", "between", "among", "through", "across",
    "per", "via", "and", "or", "but", "nor", "so", "yet", "if", "because", "while", "when", "where", "who", "whom",
    "whose", "which", "that", "this", "these", "those", "what", "is", "are", "was", "were", "be", "been", "being",
    "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may",
    "might", "must", "not", "no", "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us",
    "our", "you", "your", "i", "me", "my", "there", "here", "then", "also", "only", "just", "more", "most", "less",
    "least", "each", "every", "all", "both", "either", "neither", "other", "such", "up", "down", "out", "off",
    "mainly", "mostly", "including", "according", "said", "says", "say", "told", "now", "currently", "already",
    "still", "again", "ago", "later", "earlier", "last", "next", "worth", "whether", "around", "within", "without",
    "toward", "towards", "until", "amid", "despite", "near", "since", "ahead", "away", "back", "even", "too", "very", "times",
];

/// Determiners and possessives that may open an "of" phrase.
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these", "those", "all", "each", "every"];

/// Hedges before a number, longest first.
const QUALIFIERS: &[&[&str]] = &[
    &["no", "fewer", "than"],
    &["no", "more", "than"],
    &["no", "less", "than"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["as", "little", "as"],
    &["more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["close", "to"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["upwards", "of"],
    &["an", "estimated"],
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["nearly"],
    &["almost"],
    &["some"],
    &["over"],
    &["under"],
    &["estimated"],
    &["barely"],
    &["only"],
    &["within"],
    &["between"],
];

/// The last words of the hedges, to reject most numbers with one look-up.
const QUALIFIER_ENDS: &[&str] = &["than", "as", "least", "most", "to", "over", "under", "of", "estimated", "about", "around", "roughly", "approximately", "nearly", "almost", "some", "barely", "only", "within", "between"];

const TIME_UNITS: &[(&str, &str)] = &[
    ("year", "years"),
    ("years", "years"),
    ("month", "months"),
    ("months", "months"),
    ("week", "weeks"),
    ("weeks", "weeks"),
    ("day", "days"),
    ("days", "days"),
    ("hour", "hours"),
    ("hours", "hours"),
    ("minute", "minutes"),
    ("minutes", "minutes"),
    ("seconds", "seconds"),
    ("decade", "decades"),
    ("decades", "decades"),
    ("century", "centuries"),
    ("centuries", "centuries"),
];

/// Words after a length of time that make it a point in time ("two weeks after").
const TIME_ANCHORS: &[&str] = &["ago", "after", "before", "later", "earlier", "prior", "since", "from", "previously", "beforehand"];

fn time_unit(word: &str) -> Option<&'static str> {
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    let first = w.as_bytes()[0];
    TIME_UNITS.iter().find(|(form, _)| form.len() == w.len() && form.as_bytes()[0] == first && *form == w).map(|(_, unit)| *unit)
}

/// A number read at a token: its value and the tokens it covers.
struct Number {
    value: f64,
    start: usize,
    /// One past the last token.
    end: usize,
    /// Written as words ("three"), not digits.
    words: bool,
    /// The rest of a hyphenated token after the number ("year-old" in "three-year-old").
    tail: Option<&'static str>,
    /// The upper bound of a range ("20 to 30", "20-30").
    upper: Option<f64>,
}

/// Reads a number at `i`: digits, words, "a dozen", with scale words after.
fn number_at(view: &View, i: usize, hi: usize) -> Option<Number> {
    let w = view.word(i);
    let mut end = i + 1;
    let mut words = false;
    let mut tail = None;
    let mut upper = None;
    let mut value = if view.is_number(i) {
        parse_digits(w)?
    } else if let Some(v) = suffixed_amount(w) {
        v
    } else if let Some(v) = small_number_word(w) {
        words = true;
        f64::from(v)
    } else if view.is_any(i, &["a", "an"]) {
        // "a dozen", "a million"; "a decade" only with a hedge (checked by the caller)
        words = true;
        if scale_word(view.word(i + 1)).is_none() && time_unit(view.word(i + 1)).is_none() {
            return None;
        }
        1.0
    } else if let Some((head, rest)) = w.split_once('-') {
        let v = parse_digits(head).or_else(|| small_number_word(head).map(f64::from))?;
        words = !head.as_bytes()[0].is_ascii_digit();
        if let Some(u) = parse_digits(rest).or_else(|| small_number_word(rest).map(f64::from)) {
            upper = Some(u);
        } else {
            tail = Some(tail_kind(rest)?);
        }
        v
    } else {
        return None;
    };
    if tail.is_none() {
        // scale words: "two million", "1.5 billion", "two hundred thousand"
        let mut total = 0.0;
        let mut current = value;
        let mut scaled = false;
        while end < hi {
            if let Some(s) = scale_word(view.word(end)) {
                if s < 1000.0 {
                    current *= s;
                } else {
                    total += current * s;
                    current = 0.0;
                }
                scaled = true;
                end += 1;
            } else if scaled && current == 0.0 && small_number_word(view.word(end)).is_some() {
                current = f64::from(small_number_word(view.word(end)).unwrap_or(0));
                end += 1;
            } else {
                break;
            }
        }
        value = total + current;
        // ranges: "20 to 30", "20-30" handled above
        if upper.is_none() && end + 1 < hi && view.is_any(end, &["to", "and"]) {
            if let Some(u) = parse_digits(view.word(end + 1)).filter(|_| view.is_number(end + 1)).or_else(|| small_number_word(view.word(end + 1)).map(f64::from)) {
                // "and" makes a range only after "between" ("20 and 30 people" is two groups)
                let range_word_fits = !view.is(end, "and") || view.is(i.wrapping_sub(1), "between");
                if u > value && range_word_fits {
                    let mut u = u;
                    let mut k = end + 2;
                    while let Some(s) = scale_word(view.word(k)).filter(|_| k < hi) {
                        u *= s;
                        k += 1;
                    }
                    // "between 20 and 30 million": the scale belongs to both
                    if value < u && k > end + 2 && !scaled {
                        value *= u / parse_digits(view.word(end + 1)).unwrap_or(u).max(1.0);
                    }
                    upper = Some(u);
                    end = k;
                }
            }
        }
    }
    value.is_finite().then_some(Number { value, start: i, end, words, tail, upper })
}

/// What a hyphenated number token's rest says: a unit of time used as an
/// adjective ("30-day", "three-year-old") is all we read.
fn tail_kind(rest: &str) -> Option<&'static str> {
    let unit = rest.split('-').next()?;
    let after = rest.get(unit.len()..).unwrap_or("");
    if !(after.is_empty() || after.eq_ignore_ascii_case("-old") || after.eq_ignore_ascii_case("-long")) {
        return None;
    }
    time_unit(unit)
}

/// An adjective by its ending ("fraudulent", "national", "armed").
fn looks_adjective(word: &str) -> bool {
    ["al", "ful", "ous", "ive", "ic", "ent", "ant", "ary", "ese", "ian", "ish", "ern", "ed", "less"].iter().any(|suffix| word.ends_with(suffix))
}

/// The hedge right before token `i` (not reaching before `floor`).
fn qualifier_before(view: &View, i: usize, floor: usize) -> Option<(&'static str, usize)> {
    if i <= floor || !view.is_any(i - 1, QUALIFIER_ENDS) {
        return None;
    }
    for q in QUALIFIERS {
        let n = q.len();
        if i < floor + n {
            continue;
        }
        let start = i - n;
        if q.iter().enumerate().all(|(k, w)| view.is(start + k, w)) {
            return Some((qualifier_name(q), start));
        }
    }
    None
}

fn qualifier_name(q: &'static [&'static str]) -> &'static str {
    match q {
        ["no", "fewer", "than"] => "no fewer than",
        ["no", "more", "than"] => "no more than",
        ["no", "less", "than"] => "no less than",
        ["as", "many", "as"] => "as many as",
        ["as", "much", "as"] => "as much as",
        ["as", "few", "as"] => "as few as",
        ["as", "little", "as"] => "as little as",
        ["more", "than"] => "more than",
        ["fewer", "than"] => "fewer than",
        ["less", "than"] => "less than",
        ["at", "least"] => "at least",
        ["at", "most"] => "at most",
        ["up", "to"] => "up to",
        ["close", "to"] => "close to",
        ["just", "over"] => "just over",
        ["just", "under"] => "just under",
        ["well", "over"] => "well over",
        ["upwards", "of"] => "upwards of",
        ["an", "estimated"] => "an estimated",
        [one] => one,
        _ => "",
    }
}

static STOP_SET: std::sync::LazyLock<lexicon::WordSet> = std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());

fn is_stop_word(lowercase: &str) -> bool {
    STOP_SET.contains(lowercase)
}

fn is_stop(view: &View, i: usize) -> bool {
    let mut buf = [0u8; 24];
    lower(view.word(i), &mut buf).is_some_and(is_stop_word)
}

/// A plural noun by its shape ("allies", "villages") or the list ("people").
fn counted_head(view: &View, i: usize) -> Option<NounClass> {
    if view.kind(i) != Some(TokenKind::Word) || is_stop(view, i) {
        return None;
    }
    let w = view.word(i);
    if let Some(class) = lexicon::counted_noun(w) {
        return Some(class);
    }
    let b = w.as_bytes();
    let capital = view.capitalised(i);
    let plural = b.len() >= 3
        && b[b.len() - 1] == b's'
        && b[b.len() - 2] != b's'
        && b[b.len() - 2] != b'u'
        && (capital || b[b.len() - 2] != b'i')
        && !b[..b.len() - 1].iter().any(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_alphabetic() || c == '-');
    plural.then_some(NounClass::Thing)
}

/// The counted noun after a number: up to three modifiers, then a plural
/// head. Returns the head's index and class.
fn counted_noun_after(view: &View, j: usize, hi: usize) -> Option<(usize, NounClass)> {
    for k in j..(j + 4).min(hi) {
        if view.kind(k) != Some(TokenKind::Word) || is_stop(view, k) || view.word(k) == "'s" {
            return None;
        }
        if let Some(class) = counted_head(view, k) {
            return Some((k, class));
        }
    }
    None
}

/// The noun phrase after "of" at `j`: determiners, words, possessives; its last token.
fn of_phrase(view: &View, j: usize, hi: usize) -> Option<usize> {
    let mut k = j;
    while k < hi && view.is_any(k, DETERMINERS) {
        k += 1;
    }
    let mut last = None;
    while k < hi && k < j + 8 {
        let w = view.word(k);
        let word_like = matches!(view.kind(k), Some(TokenKind::Word | TokenKind::Number));
        if !word_like || (w != "'s" && is_stop(view, k)) {
            break;
        }
        // a verb after the noun phrase ("of registered voters agreed")
        if last.is_some() && !view.capitalised(k) && (w.ends_with("ed") || w.ends_with("ing")) {
            break;
        }
        if w != "'s" {
            last = Some(k);
        }
        k += 1;
    }
    last
}

/// Nouns of a measure, which a bare "half the" compares rather than shares
/// out ("half the size of Wales"; but "a quarter of the cost" is a share).
const MEASURE_NOUNS: &[&str] = &["size", "price", "cost", "rate", "level", "length", "width", "height", "weight", "speed", "distance", "amount", "number", "value", "pace"];

/// A fraction of something: "more than half of their animals", "a fifth of
/// the appeal", "two-thirds of the voters", "nearly half the budget"; the
/// value is the fraction itself (0.5, 0.2), the unit "fraction" and `of`
/// what it is a fraction of. Only with that "of" phrase: a bare "half" or
/// "a third" says nothing a reader would note. Not a share of a span of
/// time ("half of the year", "a quarter of a century": they place things in
/// time), nor an ordinal or a part of a sequence ("the third of four sons",
/// "the first half of the match", "one and a half").
fn fraction_at(view: &View, i: usize, hi: usize, free_from: usize) -> Option<(Fact, usize)> {
    let word = view.word(i);
    // fractions here are written in words; most tokens asked are digits
    if !word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut bare_half = false;
    let (value, end) = if let Some((d, plural)) = fraction_denominator(word) {
        // of the bare denominators only "half" is a fraction; "third" is an ordinal
        if d != 2 || plural {
            return None;
        }
        bare_half = true;
        (0.5, i + 1)
    } else if let Some((n, (d, plural))) = word.split_once('-').and_then(|(a, b)| Some((small_number_word(a)?, fraction_denominator(b)?))) {
        // "one-third", "two-thirds", "three-quarters"
        if n == 0 || (n == 1) == plural {
            return None;
        }
        (f64::from(n) / f64::from(d), i + 1)
    } else {
        let n = if view.is_any(i, &["a", "an"]) { 1 } else { small_number_word(word)? };
        let (d, plural) = fraction_denominator(view.word(i + 1))?;
        // "a third", "two thirds"; not "one thirds", "two third"
        if n == 0 || (n == 1) == plural {
            return None;
        }
        (f64::from(n) / f64::from(d), i + 2)
    };
    if end >= hi || view.is_any(i.wrapping_sub(1), &["the", "first", "second", "last", "latter", "former", "other", "each", "every"]) {
        return None;
    }
    // "two and a half million"
    if view.is(i.wrapping_sub(1), "and") && view.is_any(i, &["a", "an"]) {
        return None;
    }
    let of_start = if view.is(end, "of") {
        end + 1
    } else if bare_half && view.is_any(end, &["the", "its", "their", "his", "her", "our"]) {
        end
    } else {
        return None;
    };
    let last = of_phrase(view, of_start, hi)?;
    // "a quarter of a million dollars" is an amount, "half the size" a
    // comparison; "half of the 90 members" and "half of 1 percent" are left
    // to the number's own fact
    let measure = |k: usize| {
        view.is_number(k) || time_unit(view.word(k)).is_some() || scale_word(view.word(k)).is_some() || of_start == end && view.is_any(k, MEASURE_NOUNS)
    };
    if (of_start..=last).any(measure) {
        return None;
    }
    let (qualifier, qstart) = match qualifier_before(view, i, free_from) {
        Some((q, s)) if q != "within" && q != "between" => (Some(q), s),
        _ => (None, i),
    };
    let fact = Fact {
        kind: FactKind::Count,
        span: dates::view_span(view, qstart, last + 1),
        value: FactValue::Number(value),
        unit: Some("fraction".to_string()),
        qualifier: qualifier.map(str::to_string),
        of: Some(view.doc.slice(dates::view_span(view, of_start, last + 1)).to_string()),
        holder: None,
    };
    Some((fact, last + 1))
}

/// A number written in digits right after a name ("Article 5", "Boeing 737"),
/// inside a code or list ("1,2,3", "555-0143"), or a time ("10:30").
fn digits_in_name_or_code(view: &View, i: usize, lo: usize) -> bool {
    if !view.is_number(i) {
        return false;
    }
    let prev = view.before(i, 1);
    if i > lo && matches!(prev, "#" | "+" | "/" | ":" | "-" | "No" | "no" | "Nos") {
        return true;
    }
    if i > lo && !view.spaced(i) && matches!(prev, "," | "." | ")" | "(") {
        return true;
    }
    let next = view.word(i + 1);
    if !view.spaced(i + 1) && matches!(next, ":" | "/" | "," | "." | "-" | ")") && view.is_number(i + 2) && !view.spaced(i + 2) {
        return true;
    }
    if view.is_number(i + 1) || (i > lo && view.is_number(i - 1)) {
        return true;
    }
    if view.is_any(i + 1, &["a.m", "p.m", "a.m.", "p.m.", "am", "pm", "gmt", "utc", "bst", "cet", "hrs"]) {
        return true;
    }
    if i > lo && view.capitalised(i - 1) && view.kind(i - 1) == Some(TokenKind::Word) {
        let mut buf = [0u8; 24];
        let lead = lower(prev, &mut buf);
        let lead_in = lead.is_some_and(|l| {
            is_stop_word(l) || QUALIFIERS.iter().any(|q| q.last() == Some(&l)) || matches!(l, "some" | "nearly" | "almost" | "roughly" | "approximately" | "estimated")
        });
        if !lead_in && lexicon::currency(prev).is_none() {
            return true;
        }
    }
    false
}

fn plural_unit(word: &str) -> String {
    if word.chars().next().is_some_and(char::is_uppercase) && word.chars().skip(1).any(char::is_lowercase) {
        word.to_string()
    } else {
        word.to_lowercase()
    }
}

fn quantity_at(view: &View, i: usize, lo: usize, hi: usize, free_from: usize) -> Option<Found> {
    let doc = view.doc;
    let mut j = i;
    let mut start = i;
    let mut currency: Option<&'static str> = None;
    // a currency before the number: "$", "US$", "€", "USD", "Rs"
    let symbol_or_code = view.kind(i) == Some(TokenKind::Symbol) || view.word(i).len() <= 3 && view.capitalised(i);
    if let Some(c) = lexicon::currency_before(view.word(i)).filter(|_| symbol_or_code) {
        if !(view.is_number(i + 1) || suffixed_amount(view.word(i + 1)).is_some() || small_number_word(view.word(i + 1)).is_some()) {
            return None;
        }
        currency = Some(c.code);
        j = i + 1;
        // letters glued before a "$": "US$", "C$", "HK$"
        if i > lo && !view.spaced(i) {
            let mut joined = [0u8; 24];
            let (p, s) = (view.word(i - 1).as_bytes(), view.word(i).as_bytes());
            if p.len() + s.len() <= joined.len() {
                joined[..p.len()].copy_from_slice(p);
                joined[p.len()..p.len() + s.len()].copy_from_slice(s);
                if let Some(c2) = std::str::from_utf8(&joined[..p.len() + s.len()]).ok().and_then(lexicon::currency_before) {
                    currency = Some(c2.code);
                    start = i - 1;
                }
            }
        }
    }
    if digits_in_name_or_code(view, j, lo) {
        return Some(Found::Skip(j + 1));
    }
    let number = number_at(view, j, hi)?;
    let mut end = number.end;
    let mut value = number.value;
    let (mut qualifier, qstart) = match qualifier_before(view, start, free_from) {
        Some((q, s)) => (Some(q), s),
        None => (None, start),
    };
    if number.upper.is_some() {
        qualifier = Some("between");
    }
    let span_of = |a: usize, b: usize| -> Span { dates::view_span(view, a, b) };
    let fact = |kind: FactKind, a: usize, b: usize, value: f64, unit: Option<String>, qualifier: Option<&str>, of: Option<String>| Fact {
        kind,
        span: span_of(a, b),
        value: FactValue::Number(value),
        unit,
        qualifier: qualifier.map(str::to_string),
        of,
        holder: None,
    };

    // "$3 bn", "€5 m": an abbreviated scale after a currency amount
    if currency.is_some() && end < hi {
        if let Some(s) = scale_abbreviation(view.word(end)) {
            value *= s;
            end += 1;
        }
    }

    // a unit of time inside the token: "30-day ceasefire", "three-year-old war"
    if let Some(unit) = number.tail {
        // the noun it modifies: "three-year-old war", "eight-year fraudulent scheme"
        let mut stop = end;
        let modifier = |k: usize| k < hi && view.kind(k) == Some(TokenKind::Word) && !is_stop(view, k) && !view.capitalised(k) && view.word(k) != "'s";
        if modifier(stop) {
            stop += 1;
            if looks_adjective(view.word(stop - 1)) && modifier(stop) {
                stop += 1;
            }
        }
        let q = qualifier.filter(|q| *q != "within" && *q != "between");
        let a = if q.is_some() { qstart } else { start };
        return Some(Found::Fact(fact(FactKind::Duration, a, stop, value, Some(unit.to_string()), q, None), stop));
    }

    // percentages
    let percent_end = if view.word(end) == "%" || view.is_any(end, &["percent", "pct"]) {
        Some(end + 1)
    } else if view.is(end, "per") && view.is(end + 1, "cent") {
        Some(end + 2)
    } else if view.is(end, "percentage") && view.is_any(end + 1, &["point", "points"]) {
        Some(end)
    } else {
        None
    };
    if let (Some(mut pend), None) = (percent_end, currency) {
        if pend > hi {
            return None;
        }
        let mut unit = "percent";
        if view.is(pend, "percentage") && view.is_any(pend + 1, &["point", "points"]) {
            unit = "percentage points";
            pend += 2;
        } else if view.is(end, "percentage") {
            return None;
        }
        let mut of = None;
        if pend < hi && view.is(pend, "of") {
            if let Some(last) = of_phrase(view, pend + 1, hi) {
                of = Some(doc.slice(span_of(pend + 1, last + 1)).to_string());
                pend = last + 1;
            }
        }
        let q = qualifier.filter(|q| *q != "within");
        let a = if q.is_some() { qstart } else { start };
        return Some(Found::Fact(fact(FactKind::Percent, a, pend, value, Some(unit.to_string()), q, of), pend));
    }

    // a currency after the number: "5 million euros", "10 billion yuan", "5 million U.S. dollars"
    if currency.is_none() && end < hi {
        // "U.S. dollars", "Canadian dollars", "Swiss francs"
        let (k, named) = if view.is_any(end, &["u.s.", "us"]) && view.is_any(end + 1, &["dollar", "dollars"]) {
            (end + 1, None)
        } else if let Some(code) = lexicon::currency_adjective(view.word(end)).filter(|_| lexicon::currency_after(view.word(end + 1)).is_some()) {
            (end + 1, Some(code))
        } else if view.is_any(end, &["hong", "new", "south", "sri"]) && lexicon::currency_after(view.word(end + 2)).is_some() {
            let code = match view.word(end).to_ascii_lowercase().as_str() {
                "hong" => "HKD",
                "new" => "NZD",
                "south" => "ZAR",
                _ => "LKR",
            };
            (end + 2, Some(code))
        } else {
            (end, None)
        };
        if let Some(c) = lexicon::currency_after(view.word(k)) {
            let code_like = view.word(k).chars().all(|ch| ch.is_ascii_uppercase());
            if c.place == CurrencyPlace::After || code_like {
                currency = Some(named.unwrap_or(c.code));
                end = k + 1;
            }
        }
        // "50 cents"
        if currency.is_none() && view.is_any(end, &["cent", "cents"]) {
            currency = Some("USD");
            value /= 100.0;
            end += 1;
        }
    }
    if let Some(code) = currency {
        if end > hi {
            return None;
        }
        let mut of = None;
        if view.is(end, "worth") && view.is(end + 1, "of") {
            if let Some(last) = of_phrase(view, end + 2, hi) {
                of = Some(doc.slice(span_of(end + 2, last + 1)).to_string());
            }
        }
        let q = qualifier.filter(|q| *q != "within");
        let a = if q.is_some() { qstart } else { start };
        return Some(Found::Fact(fact(FactKind::Money, a, end, value, Some(code.to_string()), q, of), end));
    }

    // durations: "30 days", "three years", "nearly a decade"
    if let Some(unit) = time_unit(view.word(end)).filter(|_| end < hi) {
        let stop = end + 1;
        if view.is_any(stop, TIME_ANCHORS) || view.is_any(i.wrapping_sub(1), &["the"]) && view.is_any(stop, &["of"]) {
            return Some(Found::Skip(stop));
        }
        if view.is_any(number.start, &["a", "an"]) && qualifier.is_none() {
            return Some(Found::Skip(stop));
        }
        let q = qualifier.filter(|q| *q != "between" || number.upper.is_some());
        let a = if q.is_some() { qstart } else { start };
        return Some(Found::Fact(fact(FactKind::Duration, a, stop, value, Some(unit.to_string()), q, None), stop));
    }

    // counts: "more than 40 allies", "120 unarmed observers"
    if view.is_any(number.start, &["a", "an"]) && scale_word(view.word(number.start + 1)).is_none() {
        return None;
    }
    let scaled = end > number.start + 1 && !view.is_number(end - 1) && number.upper.is_none() || end > number.start + 1 && scale_word(view.word(end - 1)).is_some();
    let q = qualifier.filter(|q| *q != "within");
    if value == 1.0 && q.is_none() {
        return None;
    }
    let noun = counted_noun_after(view, end, hi);
    // a hedged number that ends its clause counts what the sentence talks of ("killing at least 14.")
    let clause_ends = end >= hi || matches!(view.word(end), "." | "," | ";" | ":" | "!" | "?");
    let (stop, unit, class) = match noun {
        Some((head, class)) => (head + 1, Some(plural_unit(view.word(head))), Some(class)),
        None if scaled || (q.is_some() && clause_ends && number.upper.is_none()) => (end, None, None),
        None => return None,
    };
    if value == 1.0 && q.is_none() {
        return None;
    }
    let determined = view.is_any(qstart.wrapping_sub(1), &["the", "these", "those", "both", "its", "their", "his", "her", "our", "all", "first", "last", "next", "other", "another"]);
    // a rank, not a count: "the top 10 states"
    if view.is_any(qstart.wrapping_sub(1), &["top", "bottom"]) {
        return Some(Found::Skip(stop));
    }
    let small = value < 10.0 && number.upper.is_none();
    if small && determined && q.is_none() {
        return Some(Found::Skip(stop));
    }
    if small && number.words && q.is_none() && class != Some(NounClass::Person) {
        return Some(Found::Skip(stop));
    }
    let mut of = None;
    if stop < hi && view.is(stop, "of") {
        if let Some(last) = of_phrase(view, stop + 1, hi) {
            of = Some(doc.slice(span_of(stop + 1, last + 1)).to_string());
        }
    }
    let a = if q.is_some() { qstart } else { start };
    Some(Found::Fact(fact(FactKind::Count, a, stop, value, unit, q, of), stop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_doc::DocMeta;
    use dateline_segment::Segmenter;

    fn run(text: &str, date: Option<&str>) -> Doc {
        let mut doc = Doc::new(text.to_string(), DocMeta { date: date.map(str::to_string), ..DocMeta::default() });
        Segmenter.run(&mut doc);
        FactExtractor.run(&mut doc);
        doc
    }

    /// (kind, text, value, unit, qualifier) of a fact.
    type Seen = (&'static str, String, String, Option<String>, Option<String>);

    fn facts(text: &str) -> Vec<Seen> {
        let doc = run(text, Some("2025-02-12"));
        doc.facts
            .iter()
            .map(|f| {
                let v = match &f.value {
                    FactValue::Number(n) => format!("{n}"),
                    FactValue::Date(d) => d.clone(),
                };
                (f.kind.as_str(), doc.slice(f.span).to_string(), v, f.unit.clone(), f.qualifier.clone())
            })
            .collect()
    }

    fn one(text: &str) -> Seen {
        let mut f = facts(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f.remove(0)
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn counts_with_hedges_and_modifiers() {
        assert_eq!(one("He told more than 40 allies."), ("count", "more than 40 allies".into(), "40".into(), s("allies"), s("more than")));
        assert_eq!(one("Clashes killed at least 14 soldiers."), ("count", "at least 14 soldiers".into(), "14".into(), s("soldiers"), s("at least")));
        assert_eq!(one("He said 120 unarmed observers would deploy."), ("count", "120 unarmed observers".into(), "120".into(), s("observers"), None));
        assert_eq!(one("About 40,000 people have fled."), ("count", "About 40,000 people".into(), "40000".into(), s("people"), s("about")));
        assert_eq!(one("Some two million people fled."), ("count", "Some two million people".into(), "2000000".into(), s("people"), s("some")));
        assert_eq!(one("Rebels freed a dozen hostages."), ("count", "a dozen hostages".into(), "12".into(), s("hostages"), None));
        assert_eq!(one("It sent forty-five troops."), ("count", "forty-five troops".into(), "45".into(), s("troops"), None));
        assert_eq!(one("It took in 1500 refugees."), ("count", "1500 refugees".into(), "1500".into(), s("refugees"), None));
        assert_eq!(one("The blast killed at least 14."), ("count", "at least 14".into(), "14".into(), None, s("at least")));
        assert!(facts("It killed 14, police said.").is_empty());
        assert_eq!(one("Three soldiers died."), ("count", "Three soldiers".into(), "3".into(), s("soldiers"), None));
    }

    #[test]
    fn ranges_read_the_lower_bound() {
        let (kind, text, v, unit, q) = one("Between 20 and 30 people were hurt.");
        assert_eq!((kind, text.as_str(), v.as_str(), unit, q), ("count", "Between 20 and 30 people", "20", s("people"), s("between")));
        let (_, text, v, _, _) = one("It held 20-30 prisoners.");
        assert_eq!((text.as_str(), v.as_str()), ("20-30 prisoners", "20"));
    }

    #[test]
    fn percentages_with_what_they_measure() {
        let doc = run("Moscow currently controls about 20% of Ukraine’s territory, mainly in the east.", None);
        let f = &doc.facts[0];
        assert_eq!(doc.slice(f.span), "about 20% of Ukraine’s territory");
        assert_eq!((f.kind, &f.value, f.qualifier.as_deref(), f.of.as_deref()), (FactKind::Percent, &FactValue::Number(20.0), Some("about"), Some("Ukraine’s territory")));
        let doc = run("Only 52 percent of registered voters agreed.", None);
        assert_eq!(doc.facts[0].of.as_deref(), Some("registered voters"));
        assert_eq!(one("Turnout fell 3.5 percent."), ("percent", "3.5 percent".into(), "3.5".into(), s("percent"), None));
        assert_eq!(one("It rose by 2 percentage points."), ("percent", "2 percentage points".into(), "2".into(), s("percentage points"), None));
        assert_eq!(one("Roughly twenty per cent agreed."), ("percent", "Roughly twenty per cent".into(), "20".into(), s("percent"), s("roughly")));
    }

    #[test]
    fn money_in_currencies() {
        assert_eq!(one("Brazil exported about $19 billion worth of goods."), ("money", "about $19 billion".into(), "19000000000".into(), s("USD"), s("about")));
        assert_eq!(one("A $3bn loan."), ("money", "$3bn".into(), "3000000000".into(), s("USD"), None));
        assert_eq!(one("It paid €2.5 million."), ("money", "€2.5 million".into(), "2500000".into(), s("EUR"), None));
        assert_eq!(one("It cost £400,000."), ("money", "£400,000".into(), "400000".into(), s("GBP"), None));
        assert_eq!(one("They lent 1.5 billion yuan."), ("money", "1.5 billion yuan".into(), "1500000000".into(), s("CNY"), None));
        assert_eq!(one("Up to 5 million euros were lost."), ("money", "Up to 5 million euros".into(), "5000000".into(), s("EUR"), s("up to")));
        assert_eq!(one("It got US$5 million."), ("money", "US$5 million".into(), "5000000".into(), s("USD"), None));
        assert_eq!(one("Aid of USD 200 million."), ("money", "USD 200 million".into(), "200000000".into(), s("USD"), None));
        assert_eq!(one("It lent 5 billion Canadian dollars."), ("money", "5 billion Canadian dollars".into(), "5000000000".into(), s("CAD"), None));
        assert_eq!(one("It cost 6,425 forints."), ("money", "6,425 forints".into(), "6425".into(), s("HUF"), None));
        assert_eq!(one("Bread costs 50 cents."), ("money", "50 cents".into(), "0.5".into(), s("USD"), None));
        assert!(facts("Prices rose three times.").is_empty());
        assert_eq!(one("It cost ten thousand dollars."), ("money", "ten thousand dollars".into(), "10000".into(), s("USD"), None));
    }

    #[test]
    fn durations_and_time_anchors() {
        assert_eq!(one("the nearly three-year-old war"), ("duration", "nearly three-year-old war".into(), "3".into(), s("years"), s("nearly")));
        assert_eq!(one("They would deploy within 30 days."), ("duration", "within 30 days".into(), "30".into(), s("days"), s("within")));
        assert_eq!(one("an eight-year fraudulent scheme"), ("duration", "eight-year fraudulent scheme".into(), "8".into(), s("years"), None));
        assert_eq!(one("a 30-day ceasefire"), ("duration", "30-day ceasefire".into(), "30".into(), s("days"), None));
        assert_eq!(one("It lasted nearly a decade."), ("duration", "nearly a decade".into(), "1".into(), s("decades"), s("nearly")));
        assert!(facts("It came two weeks after clashes.").is_empty());
        assert!(facts("He left three days ago.").is_empty());
    }

    #[test]
    fn dates_listed_and_not() {
        assert_eq!(one("Russia annexed Crimea in March 2014."), ("date", "March 2014".into(), "2014-03".into(), None, None));
        assert_eq!(one("It backed the deal as recently as 2024."), ("date", "2024".into(), "2024".into(), None, None));
        assert_eq!(one("It happened on Feb. 12, 2025."), ("date", "Feb. 12, 2025".into(), "2025-02-12".into(), None, None));
        assert_eq!(one("Talks resume March 4."), ("date", "March 4".into(), "2025-03-04".into(), None, None));
        assert_eq!(one("Ties date from the 1990s."), ("date", "the 1990s".into(), "199".into(), None, None));
        let (_, text, v, _, q) = one("Growth slowed in mid-2014.");
        assert_eq!((text.as_str(), v.as_str(), q), ("mid-2014", "2014", s("mid")));
        // deictic dates and periods before a year are not listed as facts
        assert!(facts("He spoke today and on Wednesday; last year exports fell; since April nothing.").is_empty());
        assert!(facts("A return to Ukraine's pre-2014 borders is unrealistic.").is_empty());
    }

    #[test]
    fn fractions_of_something() {
        let fr = |text: &str, q: Option<&str>| ("count", text.to_string(), String::new(), s("fraction"), q.map(str::to_string));
        let seen = |text: &str| {
            let (kind, span, value, unit, q) = one(text);
            ((kind, span, String::new(), unit, q), value)
        };
        assert_eq!(seen("Farmers lost more than half of their cattle."), (fr("more than half of their cattle", Some("more than")), "0.5".into()));
        assert_eq!(seen("The pledges covered less than a fifth of the budget."), (fr("less than a fifth of the budget", Some("less than")), "0.2".into()));
        assert_eq!(seen("Three-quarters of the delegates voted."), (fr("Three-quarters of the delegates", None), "0.75".into()));
        assert_eq!(seen("He won two thirds of the seats."), (fr("two thirds of the seats", None), format!("{}", 2.0 / 3.0)));
        assert_eq!(seen("Nearly half the harvest was lost."), (fr("Nearly half the harvest", Some("nearly")), "0.5".into()));
        let doc = run("Officials said about a quarter of the wells had dried up.", Some("2025-02-12"));
        assert_eq!(doc.facts[0].of.as_deref(), Some("the wells"));
        for text in [
            "The third of four sons was arrested.",
            "They scored in the first half of the match.",
            "A quarter of a century has passed.",
            "Half of the year was lost.",
            "It sold a third party the rights.",
            "Its army is half the size of ours.",
            "He spent half an hour there.",
            "Half of them left.",
        ] {
            assert!(facts(text).is_empty(), "{text}: {:?}", facts(text));
        }
        // the number inside keeps its own fact
        assert_eq!(facts("About half of the 90 members left.")[0].1, "90 members");
        assert!(facts("Two and a half million people fled.").iter().all(|f| f.3 != s("fraction")));
    }

    #[test]
    fn not_quantities() {
        for text in [
            "The G7 and F-16 jets and COVID-19 and MH17.",
            "Call +1 202-555-0143 or (202) 555-0143 now.",
            "They are covered under Article 5 of the treaty.",
            "Numbers 1,2,3,4 and $ and %% and $%.",
            "The two leaders met. The two countries agreed.",
            "Ethiopian forces had shelled two villages.",
            "He was one of the first.",
            "It was one of the top 10 states.",
            "They met at 10:30 a.m. on the 3rd floor.",
            "They met at 10 a.m. and left at 4 pm.",
            "The Boeing 737 landed. Resolution 2231 stands.",
        ] {
            assert!(facts(text).is_empty(), "{text}: {:?}", facts(text));
        }
    }

    #[test]
    fn huge_numbers_stay_finite() {
        let f = facts(&format!("They counted {} people and {} soldiers.", "9".repeat(39), "9".repeat(400)));
        assert_eq!(f.len(), 1);
        let doc = run("$99999999999999999999999999999999999999 trillion", None);
        for fact in &doc.facts {
            if let FactValue::Number(n) = fact.value {
                assert!(n.is_finite());
            }
        }
    }

    #[test]
    fn holder_is_the_first_entity_before_the_fact() {
        use dateline_doc::{Entity, EntityKind, Mention, MentionSource};
        let mut doc = Doc::new("Moscow controls about 20% of Ukraine's territory.".to_string(), DocMeta::default());
        Segmenter.run(&mut doc);
        let id = doc.add_entity(Entity::new("Russia", EntityKind::Country));
        let span = doc.span(0, 6).unwrap();
        doc.mentions.push(Mention { span, kind: EntityKind::Country, source: MentionSource::Lexicon, entity: Some(id) });
        FactExtractor.run(&mut doc);
        assert_eq!(doc.facts[0].holder, Some(id));
    }

    #[test]
    fn wire_header_date_is_not_a_fact() {
        let text = " date 2025-02-12 BRUSSELS >> Hegseth spoke in 2024.";
        let body = text.find(">>").unwrap() + 3;
        let mut doc = Doc::new(text.to_string(), DocMeta { date: Some("2025-02-12".into()), body_start: body, ..DocMeta::default() });
        Segmenter.run(&mut doc);
        FactExtractor.run(&mut doc);
        let values: Vec<_> = doc.facts.iter().map(|f| f.value.clone()).collect();
        assert_eq!(values, vec![FactValue::Date("2024".into())]);
    }

    /// The start table passes every token [`may_start`] does not turn
    /// down (its plain definition), over texts of every kind of token.
    #[test]
    fn start_table_passes_every_possible_start() {
        let texts = [
            "Some 70 percent of $5 bn, US$3, €2.5 million, £400,000 and Rs 500 or USD 200 on March 4, 2014 at 10:30.",
            "It's the '90s: pre-2014, mid-2014, three-year-old, forty-five, a dozen, an hour, a decade, a million, A thousand.",
            "Today, tonight, yesterday, tomorrow, this week, last year, next month, earlier, later, early, late, Monday.",
            "# + / : - ( ) [ ] ; ! ? % & = < > @ ... “quoted” ‘single’ — – Ünal § ¿ ¡ 北京 😀 Jan. Feb. Sept. Dec.",
            "presidential pressure; one-off; ten-day; twenty-one; Ninety; ZERO; DOZEN; a.m.; p.m.; No. 5; 3rd; 1990s",
        ];
        for text in texts {
            let doc = run(text, Some("2025-02-12"));
            let view = View::new(&doc);
            let norm = doc.norm.as_str().as_bytes();
            for (i, t) in doc.tokens.iter().enumerate() {
                let word = &norm[t.norm_start as usize..t.norm_end as usize];
                if may_start(&view, norm, i) != Start::Nothing {
                    assert!(START_TABLE.may_start(word, t.kind), "{:?} in {text:?}", doc.token_text(i));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn start_table_passes_every_possible_start_of_any_text(text in "(\\PC|[0-9$€£%,.'\\- ]|million|percent|March |Rs |USD |a |an ){0,40}") {
            let doc = run(&text, Some("2025-02-12"));
            let view = View::new(&doc);
            let norm = doc.norm.as_str().as_bytes();
            for (i, t) in doc.tokens.iter().enumerate() {
                let word = &norm[t.norm_start as usize..t.norm_end as usize];
                if may_start(&view, norm, i) != Start::Nothing {
                    proptest::prop_assert!(START_TABLE.may_start(word, t.kind), "{:?}", doc.token_text(i));
                }
            }
        }

        #[test]
        fn never_panics_and_spans_slice(text in "(\\PC|[0-9$€£%,.\\- ]|million|percent|about |more than |March |2014){0,60}") {
            let doc = run(&text, Some("2025-02-12"));
            for f in &doc.facts {
                let _ = doc.slice(f.span);
                proptest::prop_assert!(f.span.end() <= doc.text.len());
                if let FactValue::Number(n) = f.value {
                    proptest::prop_assert!(n.is_finite());
                }
            }
        }

        #[test]
        fn dates_never_panic(text in "\\PC{0,40}") {
            let _ = dates::normalize(&text, chrono::NaiveDate::from_ymd_opt(2025, 2, 12), Tense::Past);
            let _ = dates::normalize(&text, None, Tense::Future);
        }
    }
}
