//! Event patterns for PLOVER coding, read from `data/events/patterns.txt`.
//!
//! The patterns are data so that an analyst can extend them without touching
//! code: the file header documents the format. This module only parses and
//! validates; matching against a document lives in `dateline-events`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::{data_file, data_lines};

/// The PLOVER event type names a pattern may name (plus `SKIP`).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/// The type name that marks a blocking (non-event) pattern.
pub const SKIP: &str = "SKIP";

/// How far (in tokens) a class word may stand from the previous pattern word.
pub const CLASS_WINDOW: usize = 6;
/// How many tokens a `_` gap may swallow.
pub const GAP_WINDOW: usize = 4;

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum PatternError {
    #[error("patterns line {line}: expected `TYPE MODE WORDS...`")]
    Short { line: usize },
    #[error("patterns line {line}: unknown event type `{name}`")]
    UnknownType { line: usize, name: String },
    #[error("patterns line {line}: unknown word class `@{name}`")]
    UnknownClass { line: usize, name: String },
    #[error("patterns line {line}: {what}")]
    Malformed { line: usize, what: String },
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternWord {
    /// Any of these lower-case word forms.
    Forms(Vec<String>),
    /// Up to [`GAP_WINDOW`] tokens of anything.
    Gap,
    /// A word of the named class within [`CLASS_WINDOW`] tokens.
    Class(String),
    /// A number token.
    Number,
    /// A four-digit number token.
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPattern {
    /// 1-based line in the data file, for messages.
    pub line: usize,
    /// A PLOVER type name, or [`SKIP`].
    pub kind: String,
    pub mode: Option<String>,
    pub words: Vec<PatternWord>,
    /// Index into `words` of the trigger word (always a `Forms`).
    pub trigger: usize,
    /// The trigger was written `n:LEMMA`: a nominal event ("the attack on").
    pub trigger_is_noun: bool,
}

impl EventPattern {
    /// The trigger's word forms.
    pub fn trigger_forms(&self) -> &[String] {
        match &self.words[self.trigger] {
            PatternWord::Forms(f) => f,
            _ => &[],
        }
    }
    pub fn is_skip(&self) -> bool {
        self.kind == SKIP
    }
}

#[derive(Debug, Clone, Default)]
pub struct EventLexicon {
    pub patterns: Vec<EventPattern>,
    /// Class name → lower-case member forms (plurals included).
    pub classes: HashMap<String, Vec<String>>,
}

impl EventLexicon {
    /// Whether `word` (lower case) belongs to class `name`.
    pub fn in_class(&self, name: &str, word: &str) -> bool {
        self.classes.get(name).is_some_and(|ws| ws.iter().any(|w| w == word))
    }
}

/// The name of the pattern file in an override folder.
pub const PATTERNS_FILE: &str = "events/patterns.txt";
const BUILTIN: &str = include_str!("../../../data/events/patterns.txt");

/// Whether the patterns, with the user's overrides, parse.
pub fn check_data() -> Result<(), PatternError> {
    EVENT_PATTERNS.as_ref().map(drop).map_err(Clone::clone)
}

/// The built-in patterns (or the user's override), parsed, with the error
/// kept for `dateline` to report when the override does not parse.
pub static EVENT_PATTERNS: LazyLock<Result<EventLexicon, PatternError>> = LazyLock::new(load_patterns);

/// A fresh parse of the patterns [`EVENT_PATTERNS`] holds, for a user that
/// keeps them in its own structure (the event matcher takes them by
/// value; a copy of [`EVENT_PATTERNS`] would cost more than this parse, and
/// the memory of two copies).
pub fn load_patterns() -> Result<EventLexicon, PatternError> {
    parse_patterns(&data_file(PATTERNS_FILE, BUILTIN))
}

/// The patterns built into the binary, ignoring any override: what a
/// library user falls back on when an override does not parse.
pub fn builtin_patterns() -> Result<EventLexicon, PatternError> {
    parse_patterns(BUILTIN)
}

/// Parses the pattern format documented at the top of `data/events/patterns.txt`.
pub fn parse_patterns(text: &str) -> Result<EventLexicon, PatternError> {
    let mut lex = EventLexicon::default();
    let mut irregular: HashMap<String, Vec<String>> = HashMap::new();
    let mut lines = Vec::new();
    for (line, raw) in data_lines(text) {
        let l = raw.trim();
        if let Some(rest) = l.strip_prefix('@') {
            let (name, members) = rest
                .split_once('=')
                .ok_or_else(|| PatternError::Malformed { line, what: "class needs `@NAME = words`".into() })?;
            let mut forms = Vec::new();
            for m in words_of(members) {
                forms.extend(noun_forms(&m.to_lowercase()));
            }
            lex.classes.insert(name.trim().to_string(), forms);
        } else if let Some(rest) = l.strip_prefix("%forms") {
            let mut ws = words_of(rest).map(str::to_lowercase);
            let lemma = ws.next().ok_or_else(|| PatternError::Malformed { line, what: "empty %forms".into() })?;
            let mut forms: Vec<String> = ws.collect();
            forms.push(lemma.clone());
            irregular.insert(lemma, forms);
        } else {
            lines.push((line, l));
        }
    }
    for (line, l) in lines {
        let mut cols = words_of(l);
        let (Some(kind), Some(mode)) = (cols.next(), cols.next()) else {
            return Err(PatternError::Short { line });
        };
        if kind != SKIP && !PLOVER_TYPES.contains(&kind) {
            return Err(PatternError::UnknownType { line, name: kind.to_string() });
        }
        let mut words = Vec::new();
        let mut trigger = None;
        let mut trigger_is_noun = false;
        for w in cols {
            let (is_trigger, w) = match w.strip_prefix('^') {
                Some(rest) => (true, rest),
                None => (false, w),
            };
            let word = if w == "_" {
                PatternWord::Gap
            } else if w == "%NUM" {
                PatternWord::Number
            } else if w == "%YEAR" {
                PatternWord::Year
            } else if let Some(c) = w.strip_prefix('@') {
                if !lex.classes.contains_key(c) {
                    return Err(PatternError::UnknownClass { line, name: c.to_string() });
                }
                PatternWord::Class(c.to_string())
            } else if let Some(v) = w.strip_prefix("v:") {
                let v = v.to_lowercase();
                PatternWord::Forms(irregular.get(&v).cloned().unwrap_or_else(|| verb_forms(&v)))
            } else if let Some(n) = w.strip_prefix("n:") {
                PatternWord::Forms(noun_forms(&n.to_lowercase()))
            } else {
                PatternWord::Forms(w.split('|').map(str::to_lowercase).collect())
            };
            if is_trigger {
                if trigger.is_some() {
                    return Err(PatternError::Malformed { line, what: "two trigger words".into() });
                }
                trigger = Some(words.len());
                trigger_is_noun = w.starts_with("n:");
            }
            words.push(word);
        }
        if words.is_empty() {
            return Err(PatternError::Short { line });
        }
        let trigger = trigger.unwrap_or_else(|| {
            trigger_is_noun = words_of(l).nth(2).is_some_and(|w| w.starts_with("n:"));
            0
        });
        if !matches!(words[trigger], PatternWord::Forms(_)) {
            return Err(PatternError::Malformed { line, what: "the trigger must be a word".into() });
        }
        if words[..trigger].iter().any(|w| !matches!(w, PatternWord::Forms(_))) {
            return Err(PatternError::Malformed { line, what: "only plain words may precede the trigger".into() });
        }
        lex.patterns.push(EventPattern {
            line,
            kind: kind.to_string(),
            mode: (mode != "-").then(|| mode.to_string()),
            words,
            trigger,
            trigger_is_noun,
        });
    }
    Ok(lex)
}

/// The words of `l` as `str::split_whitespace` gives them, read byte by
/// byte when `l` is ASCII without a vertical tab (every pattern line of the
/// built-in file): Unicode's white space in ASCII is `u8::is_ascii_whitespace`
/// plus the vertical tab, so the two splits agree there. (The lines are
/// padded into columns; a split that decodes and classifies every char was
/// a third of the patterns' parse, paid once per process.)
fn words_of(l: &str) -> Words<'_> {
    if l.is_ascii() && !l.contains('\x0B') {
        Words::Ascii(l, 0)
    } else {
        Words::Any(l.split_whitespace())
    }
}

enum Words<'a> {
    /// An ASCII line and where the rest of it starts: a run of spaces is
    /// skipped in one loop, not split into empty pieces one by one.
    Ascii(&'a str, usize),
    Any(std::str::SplitWhitespace<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(l, pos) => {
                let b = l.as_bytes();
                let mut k = *pos;
                while b.get(k).is_some_and(u8::is_ascii_whitespace) {
                    k += 1;
                }
                let start = k;
                while b.get(k).is_some_and(|c| !c.is_ascii_whitespace()) {
                    k += 1;
                }
                *pos = k;
                // (all ASCII: every place is a char boundary)
                (k > start).then(|| &l[start..k])
            }
            Words::Any(w) => w.next(),
        }
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular English inflections of a verb lemma (base, -s, -ed, -ing),
/// with the doubled-consonant variants added for short stems.
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let b = lemma.as_bytes();
    let mut out = vec![lemma.to_string()];
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    let cons_y = last == b'y' && n > 1 && !is_vowel(b[n - 2]);
    // -s
    if lemma.ends_with('s') || lemma.ends_with('x') || lemma.ends_with('z') || lemma.ends_with("ch") || lemma.ends_with("sh") {
        out.push([lemma, "es"].concat());
    } else if cons_y {
        out.push([&lemma[..n - 1], "ies"].concat());
    } else {
        out.push([lemma, "s"].concat());
    }
    // -ed, -ing
    if last == b'e' {
        out.push([lemma, "d"].concat());
        if lemma.ends_with("ee") {
            out.push([lemma, "ing"].concat());
        } else {
            out.push([&lemma[..n - 1], "ing"].concat());
        }
    } else if cons_y {
        out.push([&lemma[..n - 1], "ied"].concat());
        out.push([lemma, "ing"].concat());
    } else {
        out.push([lemma, "ed"].concat());
        out.push([lemma, "ing"].concat());
        // consonant-vowel-consonant: ban → banned (harmless extra forms otherwise)
        if n >= 3 && !is_vowel(last) && is_vowel(b[n - 2]) && !is_vowel(b[n - 3]) && !matches!(last, b'w' | b'x' | b'y') {
            let mut buf = [0; 4];
            let c: &str = (last as char).encode_utf8(&mut buf);
            out.push([lemma, c, "ed"].concat());
            out.push([lemma, c, "ing"].concat());
        }
    }
    out
}

/// Singular and plural of a noun.
pub fn noun_forms(lemma: &str) -> Vec<String> {
    let n = lemma.len();
    let b = lemma.as_bytes();
    let plural = if lemma.ends_with('s') || lemma.ends_with('x') || lemma.ends_with("ch") || lemma.ends_with("sh") {
        [lemma, "es"].concat()
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        [&lemma[..n - 1], "ies"].concat()
    } else {
        [lemma, "s"].concat()
    };
    vec![lemma.to_string(), plural]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_parse_and_name_valid_types() {
        let lex = EVENT_PATTERNS.as_ref().expect("built-in patterns parse");
        assert!(lex.patterns.len() > 300);
        for p in &lex.patterns {
            assert!(p.kind == SKIP || PLOVER_TYPES.contains(&p.kind.as_str()), "line {}", p.line);
            assert!(!p.trigger_forms().is_empty(), "line {}", p.line);
        }
        // every PLOVER type has at least one pattern
        for t in PLOVER_TYPES {
            assert!(lex.patterns.iter().any(|p| p.kind == t), "no pattern for {t}");
        }
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        for l in ["AGREE     -   v:agree", "  a\tb\r\nc\x0Cd  ", "a\x0Bb c", "a\u{a0}b\u{2003}c d", "", "   ", "x"] {
            assert_eq!(words_of(l).collect::<Vec<_>>(), l.split_whitespace().collect::<Vec<_>>(), "{l:?}");
        }
    }

    #[test]
    fn inflections() {
        assert_eq!(verb_forms("accuse"), ["accuse", "accuses", "accused", "accusing"]);
        assert!(verb_forms("ban").contains(&"banned".to_string()));
        assert!(verb_forms("deny").contains(&"denied".to_string()));
        assert!(verb_forms("deny").contains(&"denies".to_string()));
        assert_eq!(noun_forms("ally"), ["ally", "allies"]);
    }

    #[test]
    fn errors_are_reported_with_lines() {
        assert_eq!(parse_patterns("FOO - v:x").unwrap_err(), PatternError::UnknownType { line: 1, name: "FOO".into() });
        assert_eq!(
            parse_patterns("\nAGREE - v:sign @nothing").unwrap_err(),
            PatternError::UnknownClass { line: 2, name: "nothing".into() }
        );
        let lex = parse_patterns("@t = troop\n%forms go went gone\nRETREAT withdraw v:go _ home @t\nASSAULT - air ^n:strike").unwrap();
        assert_eq!(lex.patterns[0].trigger_forms(), ["went", "gone", "go"]);
        assert_eq!(lex.patterns[1].trigger, 1);
        assert!(lex.in_class("t", "troops"));
    }
}
