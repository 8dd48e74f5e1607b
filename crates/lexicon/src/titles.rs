//! Titles and offices (`data/titles/titles.tsv`): what a person is called
//! before or beside their name ("Defense Secretary", "Eritrea's information
//! minister", "Lt. Gen."), and the actor sector the office implies. Ministerial
//! titles are composed from a portfolio and an office word, so "trade
//! minister", "minister of trade" and "deputy trade minister" need one line each
//! of data, not one line per combination.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::geo::split_columns;
use crate::orgs::canonical_sector;
use crate::{data_file, data_lines};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TitleError {
    #[error("{file}:{line}: expected {want} tab-separated columns, found {found}")]
    Columns { file: &'static str, line: usize, want: usize, found: usize },
    #[error("{file}:{line}: {what}")]
    Invalid { file: &'static str, line: usize, what: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleKind {
    Office,
    Portfolio,
    Ministerial,
    Modifier,
    Abbrev,
}

impl TitleKind {
    fn parse(s: &str) -> Option<TitleKind> {
        Some(match s {
            "office" => TitleKind::Office,
            "portfolio" => TitleKind::Portfolio,
            "ministerial" => TitleKind::Ministerial,
            "modifier" => TitleKind::Modifier,
            "abbrev" => TitleKind::Abbrev,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleEntry {
    pub text: String,
    pub kind: TitleKind,
    /// Canonical sector code; `None` for modifiers and courtesy titles.
    pub sector: Option<&'static str>,
}

pub const TITLES_FILE: &str = "titles.tsv";
/// The built-in `titles.tsv`, compiled into the binary.
const BUILTIN_TITLES: &str = include_str!("../../../data/titles/titles.tsv");

pub fn parse_titles(text: &str) -> Result<Vec<TitleEntry>, TitleError> {
    let mut out = Vec::new();
    for (line, l) in data_lines(text) {
        if l.starts_with("title\t") {
            continue;
        }
        let cols = split_columns(l, 3).ok_or(TitleError::Columns { file: TITLES_FILE, line, want: 3, found: l.split('\t').count() })?;
        let text = cols[0].trim();
        if text.is_empty() {
            return Err(TitleError::Invalid { file: TITLES_FILE, line, what: "empty title".into() });
        }
        let kind = TitleKind::parse(cols[1].trim())
            .ok_or_else(|| TitleError::Invalid { file: TITLES_FILE, line, what: format!("unknown kind {:?}", cols[1]) })?;
        let sector = match cols[2].trim() {
            "-" => None,
            s => Some(canonical_sector(s).ok_or_else(|| TitleError::Invalid { file: TITLES_FILE, line, what: format!("unknown sector {s:?}") })?),
        };
        out.push(TitleEntry { text: text.to_string(), kind, sector });
    }
    Ok(out)
}

#[derive(Debug, Default)]
pub struct Titles {
    pub entries: Vec<TitleEntry>,
    /// Lower-cased office / portfolio / ministerial / modifier → sector.
    offices: HashMap<String, Option<&'static str>>,
    portfolios: HashMap<String, Option<&'static str>>,
    /// In file order (a later line for the same word replaces its sector):
    /// [`Titles::sector_of`] tries them in this order, so the answer does
    /// not depend on a hash map's iteration order.
    ministerials: Vec<(String, Option<&'static str>)>,
    modifiers: Vec<String>,
    /// The abbreviated titles (as written) and their sectors, in file
    /// order: [`Titles::sector_of`] looks a phrase up among these first,
    /// where a scan of every entry cost most of the look-up.
    abbrevs: Vec<(String, Option<&'static str>)>,
}

impl Titles {
    pub fn from_text(text: &str) -> Result<Titles, TitleError> {
        let entries = parse_titles(text)?;
        let mut t = Titles::default();
        for e in &entries {
            let key = e.text.to_lowercase();
            match e.kind {
                TitleKind::Office => {
                    t.offices.insert(key, e.sector);
                }
                TitleKind::Portfolio => {
                    t.portfolios.insert(key, e.sector);
                }
                TitleKind::Ministerial => match t.ministerials.iter_mut().find(|(word, _)| *word == key) {
                    Some(known) => known.1 = e.sector,
                    None => t.ministerials.push((key, e.sector)),
                },
                TitleKind::Modifier => t.modifiers.push(key),
                TitleKind::Abbrev => t.abbrevs.push((e.text.clone(), e.sector)),
            }
        }
        t.entries = entries;
        Ok(t)
    }

    /// The sector of a title as written ("Defense Secretary" → GOV,
    /// "deputy chief of staff" → GOV, "Lt. Gen." → MIL), or `None` when the
    /// phrase is not a title this lexicon knows.
    pub fn sector_of(&self, phrase: &str) -> Option<Option<&'static str>> {
        let trimmed = phrase.trim();
        if let Some((_, sector)) = self.abbrevs.iter().find(|(text, _)| text == trimmed) {
            return Some(*sector);
        }
        let lower = trimmed.to_lowercase();
        let mut rest = lower.as_str();
        loop {
            let before = rest;
            for m in &self.modifiers {
                if let Some(r) = rest.strip_prefix(m.as_str()).and_then(|r| r.strip_prefix(' ').or_else(|| r.strip_prefix('-'))) {
                    rest = r;
                }
            }
            if before == rest {
                break;
            }
        }
        if let Some(&s) = self.offices.get(rest) {
            return Some(s);
        }
        // "<portfolio> <ministerial>"
        for (m, ms) in self.ministerials.iter().map(|(m, s)| (m, *s)) {
            if let Some(p) = rest.strip_suffix(m.as_str()).and_then(|p| p.strip_suffix(' ')) {
                if let Some(&ps) = self.portfolios.get(p) {
                    return Some(ps.or(ms));
                }
            }
            // "<ministerial> of|for [the] <portfolio>"
            if let Some(r) = rest.strip_prefix(m.as_str()) {
                let r = r.strip_prefix(" of ").or_else(|| r.strip_prefix(" for "));
                if let Some(r) = r {
                    let r = r.strip_prefix("the ").unwrap_or(r);
                    if let Some(&ps) = self.portfolios.get(r) {
                        return Some(ps.or(ms));
                    }
                }
            }
        }
        None
    }

    /// Every composed title phrase (lower case, modifiers excluded), for
    /// building a matcher: offices, "<portfolio> <ministerial>",
    /// "<ministerial> of|for <portfolio>".
    pub fn phrases(&self) -> Vec<String> {
        // (built by concatenation: `format!` cost more than the rest here)
        let mut out: Vec<String> = Vec::with_capacity(self.offices.len() + 3 * self.portfolios.len() * self.ministerials.len());
        out.extend(self.offices.keys().cloned());
        for p in self.portfolios.keys() {
            for (m, _) in &self.ministerials {
                out.push([p, " ", m].concat());
                if m == "minister" || m == "secretary" || m == "commissioner" {
                    out.push([m, " of ", p].concat());
                    out.push([m, " for ", p].concat());
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Words that may precede a title ("deputy", "acting"), lower case.
    pub fn modifiers(&self) -> &[String] {
        &self.modifiers
    }

    /// Abbreviated titles written before a name ("Lt. Gen.", "Sen."), as written.
    pub fn abbreviations(&self) -> impl Iterator<Item = &TitleEntry> {
        self.entries.iter().filter(|e| e.kind == TitleKind::Abbrev)
    }
}

/// Whether the titles lexicon, with the user's overrides, loads.
pub fn check_data() -> Result<(), TitleError> {
    Titles::from_text(&data_file(TITLES_FILE, BUILTIN_TITLES)).map(drop)
}

static TITLES: LazyLock<Titles> = LazyLock::new(|| {
    let t = data_file(TITLES_FILE, BUILTIN_TITLES);
    Titles::from_text(&t).unwrap_or_else(|e| {
        eprintln!("dateline-lexicon: {e}; using the built-in titles");
        Titles::from_text(BUILTIN_TITLES).unwrap_or_default()
    })
});

/// The titles lexicon (built on first use).
pub fn titles() -> &'static Titles {
    &TITLES
}

/// The sector code a title implies ("Defense Secretary" → "GOV", "general" →
/// "MIL", "senator" → "LEG"); `None` when the phrase is not a known title or
/// implies no sector ("Mr.").
pub fn title_sector(phrase: &str) -> Option<&'static str> {
    titles().sector_of(phrase).flatten()
}

/// Whether a phrase is a title the lexicon knows.
pub fn is_title(phrase: &str) -> bool {
    titles().sector_of(phrase).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_line_parses_and_is_unique_per_kind() {
        let t = Titles::from_text(BUILTIN_TITLES).expect("built-in data parses");
        let mut seen = HashSet::new();
        for e in &t.entries {
            assert!(seen.insert((e.text.clone(), e.kind)), "{} twice", e.text);
            if matches!(e.kind, TitleKind::Office | TitleKind::Portfolio | TitleKind::Ministerial) {
                assert!(e.sector.is_some(), "{} has no sector", e.text);
            }
        }
        assert!(t.phrases().len() > 500);
    }

    #[test]
    fn sectors_of_composed_titles() {
        assert_eq!(title_sector("Defense Secretary"), Some("GOV"));
        assert_eq!(title_sector("trade minister"), Some("GOV"));
        assert_eq!(title_sector("deputy chief of staff"), Some("GOV"));
        assert_eq!(title_sector("peace and security commissioner"), Some("GOV"));
        assert_eq!(title_sector("Minister of Foreign Affairs"), Some("GOV"));
        assert_eq!(title_sector("general"), Some("MIL"));
        assert_eq!(title_sector("Lt. Gen."), Some("MIL"));
        assert_eq!(title_sector("senator"), Some("LEG"));
        assert_eq!(title_sector("ambassador"), Some("GOV"));
        assert_eq!(title_sector("Secretary-General"), Some("IGO"));
        assert_eq!(title_sector("acting deputy foreign minister"), Some("GOV"));
        assert!(is_title("Mr."));
        assert_eq!(title_sector("Mr."), None);
        assert!(!is_title("banana"));
        assert!(!is_title("trade"));
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(matches!(parse_titles("x\tweird\tGOV\n"), Err(TitleError::Invalid { line: 1, .. })));
        assert!(matches!(parse_titles("x\toffice\n"), Err(TitleError::Columns { .. })));
        assert!(matches!(parse_titles("x\toffice\tNOPE\n"), Err(TitleError::Invalid { .. })));
    }
}
