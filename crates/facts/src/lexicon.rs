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

static CURRENCIES: LazyLock<WordMap<Currency>> = LazyLock::new(|| {
    let text = data_file("facts/currencies.tsv", include_str!("../../../data/facts/currencies.tsv"));
    let mut map = WordMap::default();
    for (_, line) in data_lines(&text) {
        let mut cols = line.split('\t');
        let (Some(form), Some(code)) = (cols.next(), cols.next()) else { continue };
        let place = match cols.next().map(str::trim) {
            Some("before") => CurrencyPlace::Before,
            Some("after") => CurrencyPlace::After,
            Some("adjective") => CurrencyPlace::Adjective,
            _ => CurrencyPlace::Both,
        };
        let code: &'static str = Box::leak(code.trim().to_string().into_boxed_str());
        map.insert(form.trim().to_lowercase(), Currency { code, place });
    }
    map
});

static COUNTED_NOUNS: LazyLock<WordMap<NounClass>> = LazyLock::new(|| {
    let text = data_file("facts/counted_nouns.tsv", include_str!("../../../data/facts/counted_nouns.tsv"));
    let mut map = WordMap::default();
    for (_, line) in data_lines(&text) {
        let mut cols = line.split('\t');
        let Some(noun) = cols.next() else { continue };
        let class = if cols.next().map(str::trim) == Some("thing") { NounClass::Thing } else { NounClass::Person };
        map.insert(noun.trim().to_lowercase(), class);
    }
    map
});

/// The currency a symbol, code or name stands for.
pub fn currency(form: &str) -> Option<Currency> {
    if form.is_ascii() {
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
