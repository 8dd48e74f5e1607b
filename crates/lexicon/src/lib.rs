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

/// A file of the user's override folder that replaces or extends a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDataFile {
    pub path: PathBuf,
    pub text: String,
}

/// A file of the override folder that exists but cannot be read as UTF-8 text.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct UserDataFileError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// The user's files for data file `name`: the replacement `NAME` and the
/// addition `NAME.extra` in the folder named by [`OVERRIDE_DIR_VAR`], those
/// that exist (none when the variable is unset). A program checks them with
/// the data file's parser before it starts, so that a broken override is
/// reported with its path and line instead of being dropped for the
/// built-in copy by [`data_file`]'s callers.
pub fn user_data_files(name: &str) -> Result<Vec<UserDataFile>, UserDataFileError> {
    let Some(dir) = std::env::var_os(OVERRIDE_DIR_VAR).map(PathBuf::from) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for path in [dir.join(name), dir.join(format!("{name}.extra"))] {
        if !path.exists() {
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => out.push(UserDataFile { path, text }),
            Err(source) => return Err(UserDataFileError { path, source }),
        }
    }
    Ok(out)
}

/// Non-comment, non-blank lines of a data file, with their 1-based line numbers.
pub fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// A hash of a word that ignores ASCII case, eight bytes at a time, for
/// the open-addressing word tables (the speech cues, the quotation
/// component's word classes): every byte is or-ed with 0x20 (which lower-cases ASCII letters and leaves them
/// equal to their lower-case form), so a lower-case key and the same word
/// in any case hash alike. Bytes that differ only in bit 0x20 otherwise
/// ("@" and "`") collide, which the key comparison sorts out.
#[inline]
pub fn folded_hash(w: &[u8]) -> usize {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ (x | FOLD)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(5) ^ (packed_word(rest) | FOLD)).wrapping_mul(K);
    }
    (h ^ (h >> 32)) as usize
}

/// The hasher of the word-keyed tables of the lexicons and of the
/// components that look words up on their hot path: keys are short words
/// from our own data, so a multiply-rotate hash over eight bytes at a time
/// (as rustc's FxHash) beats SipHash, and FNV's byte-at-a-time loop. The
/// final rotation brings the well-mixed high bits down to the low bits a
/// hash table picks its bucket with.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

const WORD_HASH_K: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ w).wrapping_mul(WORD_HASH_K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            h = (h.rotate_left(5) ^ packed_word(rest)).wrapping_mul(WORD_HASH_K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(WORD_HASH_K);
    }
}

/// The bytes of a word of at most eight bytes as one little-endian word
/// padded with zeros, from two overlapping loads: no loop over the bytes,
/// and no copy into a zeroed array (which calls `memcpy` for its variable
/// length on every lookup). Used for the tails of hashed keys here and for
/// the short words the quote cues compare whole.
#[inline]
pub fn packed_word(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n <= 8);
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << ((n - 4) * 8)
    } else if n >= 2 {
        let lo = u64::from(u16::from_le_bytes([b[0], b[1]]));
        let hi = u64::from(u16::from_le_bytes([b[n - 2], b[n - 1]]));
        lo | hi << ((n - 2) * 8)
    } else {
        b.first().map_or(0, |&c| u64::from(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_hash_ignores_ascii_case_only_as_far_as_keys_need() {
        for (a, b) in [("said", "SAID"), ("According", "according"), ("e-mail", "E-Mail"), ("n't", "N'T"), ("", ""), ("a-very-long-word-here", "A-VERY-LONG-WORD-HERE")] {
            assert_eq!(folded_hash(a.as_bytes()), folded_hash(b.as_bytes()), "{a} {b}");
        }
        let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).chain(["said", "says", "say", "sad", "told", "tell"].map(String::from)).collect();
        let hashes: std::collections::HashSet<usize> = words.iter().map(|w| folded_hash(w.as_bytes())).collect();
        assert_eq!(hashes.len(), words.len(), "distinct words hash apart");
        let buckets: std::collections::HashSet<usize> = words.iter().map(|w| folded_hash(w.as_bytes()) & 4095).collect();
        assert!(buckets.len() > 2000, "low bits spread: {}", buckets.len());
    }
    use std::hash::BuildHasher;

    #[test]
    fn packed_word_is_the_zero_padded_word() {
        let bytes = b"aZ@[`{AbCdEfGh\xff\xc3\x89\x80zZ09'-";
        for a in 0..bytes.len() {
            for b in a..(a + 9).min(bytes.len() + 1) {
                let rest = &bytes[a..b];
                let mut tail = [0u8; 8];
                tail[..rest.len()].copy_from_slice(rest);
                assert_eq!(packed_word(rest), u64::from_le_bytes(tail), "{rest:?}");
            }
        }
    }

    #[test]
    fn word_hashes_spread_over_the_low_bits() {
        let hasher = std::hash::BuildHasherDefault::<WordHasher>::default();
        let words: Vec<String> = (0..2000).map(|i| format!("w{i}")).chain(["said", "sad", "say", "says", "a", ""].map(String::from)).collect();
        let hashes: std::collections::HashSet<u64> = words.iter().map(|w| hasher.hash_one(w)).collect();
        assert_eq!(hashes.len(), words.len());
        // the buckets of a 1024-slot table: words sharing their first bytes must not share them
        let buckets: std::collections::HashSet<u64> = words.iter().map(|w| hasher.hash_one(w) & 1023).collect();
        assert!(buckets.len() > 700, "{}", buckets.len());
    }
}
