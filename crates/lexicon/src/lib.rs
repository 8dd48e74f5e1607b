//! Lexicons the project writes itself from facts: places and countries,
//! organisations, titles and offices (for entities and actor codes),
//! reporting verbs (for quotations), event patterns (for PLOVER coding).
//!
//! The data files live in `data/` at the repository root, are reviewed like
//! code, and are compiled into the binary with `include_str!`. A user can
//! override or extend any of them from a folder: set `DATELINE_LEXICON_DIR`
//! and a file of the same name there replaces the built-in one, while a file
//! named `NAME.extra` (e.g. `countries.tsv.extra`) is appended to it.

use std::borrow::Cow;
use std::hash::Hasher;
use std::path::PathBuf;

pub mod events;
pub mod geo;
pub mod orgs;
pub mod speech;
pub mod titles;

/// The environment variable naming a folder of lexicon overrides.
pub const OVERRIDE_DIR_VAR: &str = "DATELINE_LEXICON_DIR";

/// The text of a data file: the built-in copy, or the user's override,
/// plus the user's `.extra` additions.
pub fn data_file(name: &str, builtin: &'static str) -> Cow<'static, str> {
    let Some(dir) = std::env::var_os(OVERRIDE_DIR_VAR).map(PathBuf::from) else {
        return Cow::Borrowed(builtin);
    };
    let mut text = match std::fs::read_to_string(dir.join(name)) {
        Ok(t) => Cow::Owned(t),
        Err(_) => Cow::Borrowed(builtin),
    };
    if let Ok(extra) = std::fs::read_to_string(dir.join(format!("{name}.extra"))) {
        let mut owned = text.into_owned();
        if !owned.ends_with('\n') {
            owned.push('\n');
        }
        owned.push_str(&extra);
        text = Cow::Owned(owned);
    }
    text
}

/// Non-comment, non-blank lines of a data file, with their 1-based line numbers.
pub fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// FNV-1a for the word-keyed tables of the lexicons and the components that
/// look words up on their hot path: keys are short ASCII words from our own
/// data, so a simple hash beats SipHash here.
#[derive(Debug, Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}
