//! The facts' word lists, read once from `data/facts/` (overridable like every
//! lexicon): currencies and counted nouns. Keys are lower-cased, so a lookup
//! lower-cases the token into a stack buffer and never allocates.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use dateline_lexicon::{data_file, data_lines, WordHasher};

use crate::numbers::lower;

/// Where a currency word stands relative to its number.
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
pub type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrencyPlace {
    Before,
    After,
    Both,
    /// A nationality naming the currency of the word after it ("Canadian dollars").
    Adjective,
}

#[derive(Debug, Clone, Copy)]
pub struct Currency {
    pub code: &'static str,
    pub place: CurrencyPlace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounClass {
    Person,
    Thing,
}

/// A line of a facts word list that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file} line {line}: {what}")]
pub struct WordListError {
    pub file: &'static str,
    pub line: usize,
    pub what: String,
}

pub const CURRENCIES_FILE: &str = "facts/currencies.tsv";
pub const COUNTED_NOUNS_FILE: &str = "facts/counted_nouns.tsv";
const BUILTIN_CURRENCIES: &str = include_str!("../../../data/facts/currencies.tsv");
const BUILTIN_COUNTED_NOUNS: &str = include_str!("../../../data/facts/counted_nouns.tsv");

/// Parses `form <TAB> ISO code [<TAB> before | after | both | adjective]`.
pub fn parse_currencies(text: &str) -> Result<WordMap<Currency>, WordListError> {
    let mut map = WordMap::default();
    for (line, l) in data_lines(text) {
        let err = |what: String| WordListError { file: CURRENCIES_FILE, line, what };
        let mut cols = l.split('\t').map(str::trim);
        let (Some(form), Some(code)) = (cols.next().filter(|f| !f.is_empty()), cols.next()) else {
            return Err(err("expected `form <TAB> ISO code [<TAB> place]`".into()));
        };
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(format!("bad ISO 4217 code {code:?}")));
        }
        let place = match cols.next() {
            Some("before") => CurrencyPlace::Before,
            Some("after") => CurrencyPlace::After,
            Some("adjective") => CurrencyPlace::Adjective,
            Some("both") | Some("") | None => CurrencyPlace::Both,
            Some(other) => return Err(err(format!("unknown place {other:?} (before, after, both or adjective)"))),
        };
        let code: &'static str = Box::leak(code.to_string().into_boxed_str());
        map.insert(form.to_lowercase(), Currency { code, place });
    }
    Ok(map)
}

/// Parses `noun [<TAB> person | thing]` (person when the class is left out).
pub fn parse_counted_nouns(text: &str) -> Result<WordMap<NounClass>, WordListError> {
    let mut map = WordMap::default();
    for (line, l) in data_lines(text) {
        let mut cols = l.split('\t').map(str::trim);
        let Some(noun) = cols.next().filter(|n| !n.is_empty()) else {
            return Err(WordListError { file: COUNTED_NOUNS_FILE, line, what: "expected `noun <TAB> person | thing`".into() });
        };
        let class = match cols.next() {
            Some("thing") => NounClass::Thing,
            Some("person") | Some("") | None => NounClass::Person,
            Some(other) => return Err(WordListError { file: COUNTED_NOUNS_FILE, line, what: format!("unknown class {other:?} (person or thing)") }),
        };
        map.insert(noun.to_lowercase(), class);
    }
    Ok(map)
}

/// Whether the word lists, with the user's overrides, parse.
pub fn check_data() -> Result<(), WordListError> {
    parse_currencies(&data_file(CURRENCIES_FILE, BUILTIN_CURRENCIES))?;
    parse_counted_nouns(&data_file(COUNTED_NOUNS_FILE, BUILTIN_COUNTED_NOUNS)).map(drop)
}

// A broken user override falls back to the built-in list here; `dateline`
// checks the user's files before it starts and reports them.
static CURRENCIES: LazyLock<WordMap<Currency>> = LazyLock::new(|| {
    parse_currencies(&data_file(CURRENCIES_FILE, BUILTIN_CURRENCIES)).or_else(|_| parse_currencies(BUILTIN_CURRENCIES)).unwrap_or_default()
});

/// The lengths and first two bytes (ASCII-lower-cased) of the currency
/// forms: a lookup of an ASCII word, lower-cased, can only find a form of
/// its length that starts with its lower-cased first two bytes.
struct FormFilter {
    /// Bit `n` set: a form has `n` bytes (bit 63: 63 bytes or more).
    lengths: u64,
    /// Bit `(a & 31) * 32 + (b & 31)` set: a form starts with bytes `a b`
    /// (`b` is 0 for a one-byte form); 128 bytes, kept in the first-level cache.
    prefixes: [u64; 16],
}

impl FormFilter {
    fn key(w: &[u8]) -> usize {
        usize::from(w[0].to_ascii_lowercase() & 31) * 32 + usize::from(w.get(1).map_or(0, u8::to_ascii_lowercase) & 31)
    }

    /// `false` when no form is `w` lower-cased (`w` not empty).
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        if self.lengths & (1 << w.len().min(63)) == 0 || w.is_empty() {
            return false;
        }
        let k = FormFilter::key(w);
        self.prefixes[k / 64] & (1 << (k % 64)) != 0
    }
}

static CURRENCY_FILTER: LazyLock<FormFilter> = LazyLock::new(|| {
    let mut filter = FormFilter { lengths: 0, prefixes: [0; 16] };
    for form in CURRENCIES.keys().filter(|f| !f.is_empty()) {
        filter.lengths |= 1 << form.len().min(63);
        let k = FormFilter::key(form.as_bytes());
        filter.prefixes[k / 64] |= 1 << (k % 64);
    }
    filter
});

static COUNTED_NOUNS: LazyLock<WordMap<NounClass>> = LazyLock::new(|| {
    parse_counted_nouns(&data_file(COUNTED_NOUNS_FILE, BUILTIN_COUNTED_NOUNS))
        .or_else(|_| parse_counted_nouns(BUILTIN_COUNTED_NOUNS))
        .unwrap_or_default()
});

/// The currency a symbol, code or name stands for.
pub fn currency(form: &str) -> Option<Currency> {
    if form.is_ascii() {
        // a word whose length and first two letters begin no form (every
        // number, nearly every word) is turned down before it is copied and hashed
        if !CURRENCY_FILTER.may_hold(form.as_bytes()) {
            return None;
        }
        let mut buf = [0u8; 24];
        CURRENCIES.get(lower(form, &mut buf)?).copied()
    } else {
        CURRENCIES.get(form).copied()
    }
}

/// The forms of the currencies that may stand before a number ("$", "€", "USD").
pub fn currency_forms_before() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().filter(|(_, c)| matches!(c.place, CurrencyPlace::Before | CurrencyPlace::Both)).map(|(form, _)| form.as_str())
}

/// A currency written before its number ("$", "€", "USD", "Rs").
pub fn currency_before(form: &str) -> Option<Currency> {
    currency(form).filter(|c| matches!(c.place, CurrencyPlace::Before | CurrencyPlace::Both))
}

/// A currency written after its number ("euros", "yuan", "USD").
pub fn currency_after(form: &str) -> Option<Currency> {
    currency(form).filter(|c| matches!(c.place, CurrencyPlace::After | CurrencyPlace::Both))
}

/// The currency a nationality names before a currency word ("Canadian" dollars).
pub fn currency_adjective(form: &str) -> Option<&'static str> {
    currency(form).filter(|c| c.place == CurrencyPlace::Adjective).map(|c| c.code)
}

/// The class of a counted noun the list knows.
pub fn counted_noun(word: &str) -> Option<NounClass> {
    let mut buf = [0u8; 24];
    COUNTED_NOUNS.get(lower(word, &mut buf)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_word_lists_parse_and_bad_lines_name_their_line() {
        assert!(parse_currencies(BUILTIN_CURRENCIES).expect("built-in currencies parse").len() > 50);
        assert!(!parse_counted_nouns(BUILTIN_COUNTED_NOUNS).expect("built-in counted nouns parse").is_empty());
        let e = parse_currencies("# comment\n$\tUSD\tbefore\nrupee\tinr\n").unwrap_err();
        assert_eq!((e.line, e.file), (3, CURRENCIES_FILE));
        assert!(e.to_string().contains("\"inr\""), "{e}");
        assert_eq!(parse_currencies("yen\tJPY\tabove\n").unwrap_err().line, 1);
        assert_eq!(parse_counted_nouns("people\tperson\npolice\tcrowd\n").unwrap_err().line, 2);
    }

    /// The length and prefix test turns down only words the map does not hold.
    #[test]
    fn currency_is_the_plain_lookup() {
        let plain = |form: &str| -> Option<&'static str> {
            let mut buf = [0u8; 24];
            let key = if form.is_ascii() { lower(form, &mut buf)? } else { form };
            CURRENCIES.get(key).map(|c| c.code)
        };
        let mut forms: Vec<String> = Vec::new();
        for form in CURRENCIES.keys() {
            forms.extend([form.clone(), form.to_uppercase(), form.to_ascii_uppercase(), format!("{form}s"), form.chars().skip(1).collect(), format!("x{form}")]);
        }
        for b in 0..128u8 {
            forms.push(char::from(b).to_string());
            forms.push(format!("{}5", char::from(b)));
        }
        forms.extend(["", "1990", "US$", "Rs", "rs", "RS", "usd", "UsD", "€", "£", "¥", "Über"].map(String::from));
        for f in &forms {
            assert_eq!(currency(f).map(|c| c.code), plain(f), "{f:?}");
        }
    }

    #[test]
    fn data_files_load_and_answer() {
        assert_eq!(currency("$").map(|c| c.code), Some("USD"));
        assert_eq!(currency("€").map(|c| c.code), Some("EUR"));
        assert_eq!(currency("Euros").map(|c| (c.code, c.place)), Some(("EUR", CurrencyPlace::After)));
        assert_eq!(currency("yuan").map(|c| c.code), Some("CNY"));
        assert!(currency("apples").is_none());
        assert_eq!(currency_adjective("Canadian"), Some("CAD"));
        assert!(currency_before("Canadian").is_none() && currency_before("euros").is_none());
        assert_eq!(currency_after("dollars").map(|c| c.code), Some("USD"));
        assert_eq!(counted_noun("People"), Some(NounClass::Person));
        assert_eq!(counted_noun("cattle"), Some(NounClass::Thing));
        assert_eq!(counted_noun("villages"), None);
        assert!(CURRENCIES.len() > 50 && COUNTED_NOUNS.len() > 50);
    }
}
