//! Finds the pattern matches of a sentence.
//!
//! Patterns are indexed by every form of their trigger word in one hash
//! map, so a token costs one lookup; only at a hit are the pattern's other
//! words checked around it.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use dateline_doc::{Doc, EventType, TokenKind};
use crate::stances::Cue;
use dateline_lexicon::events::{builtin_patterns, load_patterns, EventLexicon, EventPattern, PatternWord, CLASS_WINDOW, GAP_WINDOW};

pub use dateline_lexicon::WordHasher;

/// A map keyed by words, hashed with [`WordHasher`].
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// Two bit sets over a word list, one over (length, first two bytes, last
/// byte), one over (length, first, third and next-to-last bytes), each
/// mixed into 15 bits: most tokens of a text are rejected by one bit test,
/// before any hashing ("the", "said" share no slot with the list words),
/// and most of the rest by the second ("united" shares the first slot with
/// a list word, not the second).
#[derive(Clone)]
pub struct WordFilter {
    first: [u64; 512],
    second: [u64; 512],
}

impl WordFilter {
    #[inline]
    fn slot(w: &str) -> Option<usize> {
        let b = w.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        let second = b.get(1).copied().unwrap_or(0);
        let key = (b.len() as u32 & 0xff) | (first as u32) << 8 | (second as u32) << 16 | (last as u32) << 24;
        Some((key.wrapping_mul(0x9e37_79b1) >> 17) as usize)
    }
    /// The slot of the second set (`w` is not empty).
    #[inline]
    fn second_slot(b: &[u8]) -> usize {
        let third = b.get(2).copied().unwrap_or(0);
        let before_last = b.len().checked_sub(2).map_or(0, |k| b[k]);
        let key = (b.len() as u32 & 0xff) | (b[0] as u32) << 8 | (third as u32) << 16 | (before_last as u32) << 24;
        (key.wrapping_mul(0x85eb_ca6b) >> 17) as usize
    }
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordFilter {
        let (mut first, mut second) = ([0u64; 512], [0u64; 512]);
        for w in words {
            if let Some(k) = WordFilter::slot(w) {
                first[k >> 6] |= 1 << (k & 63);
                let k = WordFilter::second_slot(w.as_bytes());
                second[k >> 6] |= 1 << (k & 63);
            }
        }
        WordFilter { first, second }
    }
    /// False when `w` is surely not in the list.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let Some(k) = WordFilter::slot(w) else { return false };
        if self.first[k >> 6] & (1 << (k & 63)) == 0 {
            return false;
        }
        let k = WordFilter::second_slot(w.as_bytes());
        self.second[k >> 6] & (1 << (k & 63)) != 0
    }
}

pub struct Matcher {
    pub lex: EventLexicon,
    /// Trigger form → the patterns it is the trigger of, longest first
    /// (then in line order): the order [`best_at`] tries them in.
    by_trigger: WordMap<Vec<usize>>,
    /// `by_trigger` with what [`best_at`] reads of each pattern before it
    /// tries one, side by side: the lists of a text's triggers are walked
    /// one entry after another, not by a look-up per pattern in the
    /// (large, mostly cold) pattern data.
    trigger_entries: WordMap<Vec<TriggerEntry>>,
    filter: WordFilter,
    /// Word → the classes it belongs to, one bit per class (the first 63
    /// classes; a word class past those is looked up in `lex`; the top bit
    /// marks a looked-up word in [`LowerTokens`]' cache).
    class_words: WordMap<u64>,
    /// The keys of `class_words`: most words asked about are in no class.
    class_filter: WordFilter,
    class_bit: WordMap<u64>,
    /// Per pattern, per word: the bit of a class word (0 otherwise).
    /// (Copied into `steps`.)
    #[cfg_attr(not(test), allow(dead_code))]
    word_class_bits: Vec<Vec<u64>>,
    /// Per pattern: the [`shape_bit`]s of the forms of the word right after
    /// its trigger and of the word right before it ([`ANY_SHAPE`] where
    /// that word is no list of forms, or there is none): a pattern whose
    /// neighbour shapes the text's do not fit is passed over untried.
    /// (Copied into `trigger_entries`, which the matcher reads; kept as the
    /// definition the tests check the copies against.)
    #[cfg_attr(not(test), allow(dead_code))]
    neighbour_shapes: Vec<(u64, u64)>,
    /// Per pattern: its event type (`None`: a SKIP reading or an unknown
    /// type), parsed once here rather than at every match.
    pub kinds: Vec<Option<EventType>>,
    /// Every pattern's words as [`Step`]s, one pattern after another (a
    /// [`TriggerEntry`] says where its pattern's are): what [`try_pattern`]
    /// reads, side by side, instead of the pattern's nested lists.
    steps: Vec<Step>,
    /// The forms of the [`Step::Forms`] lists, one list after another.
    form_pool: Vec<Form>,
    /// The bytes of the forms past their first eight, one after another.
    form_tails: Vec<u8>,
}

/// A form of a pattern word, compared with a token's word without a call:
/// length and first eight bytes, then (for a longer one) the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Form {
    head: u64,
    len: u32,
    /// Where its bytes past the first eight are in [`Matcher::form_tails`].
    tail: u32,
}

/// The first eight bytes of `b` as one number, all its bytes for a shorter
/// one (read by overlapping loads, no copy): two byte strings of one length
/// have one head exactly when their first eight bytes are equal.
#[inline]
fn head_of(b: &[u8]) -> u64 {
    let n = b.len();
    let four = |k: usize| u32::from_le_bytes([b[k], b[k + 1], b[k + 2], b[k + 3]]) as u64;
    if n >= 8 {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    } else if n >= 4 {
        four(0) | four(n - 4) << 32
    } else if n > 0 {
        b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16
    } else {
        0
    }
}

/// A pattern word as [`try_pattern`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// [`PatternWord::Forms`]: any of `form_pool[start..start + len]`.
    Forms { start: u32, len: u32 },
    Number,
    Year,
    /// [`PatternWord::Class`] of a class with a bit in `class_bit`.
    Class(u64),
    /// [`PatternWord::Class`] of a class past those: looked up by the
    /// name the pattern of this index writes at word `word`.
    ClassByName { pattern: u32, word: u32 },
    Gap,
}

impl Matcher {
    pub fn new(lex: EventLexicon) -> Matcher {
        let lengths: Vec<usize> = lex.patterns.iter().map(pattern_length).collect();
        // (built once per process, before the first document: sized up
        // front, and a form's String is copied only at its first pattern)
        let forms: usize = lex.patterns.iter().map(|p| p.trigger_forms().len()).sum();
        let mut by_trigger: WordMap<Vec<usize>> = WordMap::with_capacity_and_hasher(forms, Default::default());
        for (i, p) in lex.patterns.iter().enumerate() {
            for f in p.trigger_forms() {
                match by_trigger.get_mut(f.as_str()) {
                    Some(list) if !list.contains(&i) => list.push(i),
                    Some(_) => {}
                    None => {
                        by_trigger.insert(f.clone(), vec![i]);
                    }
                }
            }
        }
        // in the order of preference: the first that matches is the best
        for list in by_trigger.values_mut() {
            list.sort_by_key(|&id| (std::cmp::Reverse(lengths[id]), id));
        }
        let filter = WordFilter::new(by_trigger.keys().map(String::as_str));
        let mut names: Vec<&String> = lex.classes.keys().collect();
        names.sort();
        let mut class_bit: WordMap<u64> = WordMap::default();
        let mut class_words: WordMap<u64> = WordMap::default();
        for (k, name) in names.into_iter().take(63).enumerate() {
            class_bit.insert(name.clone(), 1 << k);
            for w in &lex.classes[name] {
                *class_words.entry(w.clone()).or_default() |= 1 << k;
            }
        }
        let word_class_bits: Vec<Vec<u64>> = lex
            .patterns
            .iter()
            .map(|p| {
                p.words
                    .iter()
                    .map(|w| match w {
                        PatternWord::Class(c) => class_bit.get(c.as_str()).copied().unwrap_or(0),
                        _ => 0,
                    })
                    .collect()
            })
            .collect();
        // (a type name is parsed once, not once per pattern)
        let mut parsed: Vec<(&str, Option<EventType>)> = Vec::new();
        let kinds = lex
            .patterns
            .iter()
            .map(|p| match parsed.iter().find(|(k, _)| *k == p.kind) {
                Some(&(_, t)) => t,
                None => {
                    let t = EventType::parse(&p.kind);
                    parsed.push((&p.kind, t));
                    t
                }
            })
            .collect();
        let shapes_of = |w: Option<&PatternWord>| match w {
            Some(PatternWord::Forms(f)) => f.iter().fold(0, |bits, x| bits | shape_bit(x)),
            _ => ANY_SHAPE,
        };
        let neighbour_shapes: Vec<(u64, u64)> = lex
            .patterns
            .iter()
            .map(|p| (shapes_of(p.words.get(p.trigger + 1)), shapes_of(p.trigger.checked_sub(1).and_then(|k| p.words.get(k)))))
            .collect();
        let class_filter = WordFilter::new(class_words.keys().map(String::as_str));
        let words: usize = lex.patterns.iter().map(|p| p.words.len()).sum();
        let mut form_tails = Vec::new();
        let (mut steps, mut form_pool, mut first_steps) = (Vec::with_capacity(words), Vec::with_capacity(4 * words), Vec::with_capacity(lex.patterns.len()));
        for (id, p) in lex.patterns.iter().enumerate() {
            first_steps.push(steps.len() as u32);
            for (k, w) in p.words.iter().enumerate() {
                steps.push(match w {
                    // (the trigger's forms are never read: it matched already)
                    PatternWord::Forms(_) if k == p.trigger => Step::Gap,
                    PatternWord::Forms(f) => {
                        let start = form_pool.len() as u32;
                        for x in f {
                            let b = x.as_bytes();
                            form_pool.push(Form { head: head_of(b), len: b.len() as u32, tail: form_tails.len() as u32 });
                            form_tails.extend_from_slice(b.get(8..).unwrap_or(&[]));
                        }
                        Step::Forms { start, len: f.len() as u32 }
                    }
                    PatternWord::Number => Step::Number,
                    PatternWord::Year => Step::Year,
                    PatternWord::Class(_) if word_class_bits[id][k] != 0 => Step::Class(word_class_bits[id][k]),
                    PatternWord::Class(_) => Step::ClassByName { pattern: id as u32, word: k as u32 },
                    PatternWord::Gap => Step::Gap,
                });
            }
        }
        let mut trigger_entries: WordMap<Vec<TriggerEntry>> = WordMap::with_capacity_and_hasher(by_trigger.len(), Default::default());
        trigger_entries.extend(
            by_trigger.iter().map(|(w, ids)| (w.clone(), ids.iter().map(|&id| TriggerEntry::of(&lex, &neighbour_shapes, &first_steps, id)).collect())),
        );
        Matcher {
            lex,
            by_trigger,
            trigger_entries,
            filter,
            class_words,
            class_filter,
            class_bit,
            word_class_bits,
            neighbour_shapes,
            kinds,
            steps,
            form_pool,
            form_tails,
        }
    }

    /// Whether `w` is one of the forms `forms` of `form_pool`.
    #[inline]
    fn is_one_of(&self, forms: &[Form], w: &str) -> bool {
        let b = w.as_bytes();
        let (head, len) = (head_of(b), b.len() as u32);
        forms.iter().any(|f| {
            f.head == head && f.len == len && (len <= 8 || self.form_tails[f.tail as usize..(f.tail + len - 8) as usize] == b[8..])
        })
    }

    /// Whether lower-case `word` is a member of class `name`: the answer of
    /// `EventLexicon::in_class` by one lookup of the word.
    pub fn in_class(&self, name: &str, word: &str) -> bool {
        match self.class_bit.get(name) {
            Some(&bit) => self.in_classes(bit, word),
            None => self.lex.in_class(name, word),
        }
    }

    /// The bit of class `name` in the per-token class cache (`None`: a
    /// class past the cached ones, or none).
    pub fn class_bit_of(&self, name: &str) -> Option<u64> {
        self.class_bit.get(name).copied()
    }

    #[inline]
    fn in_classes(&self, bits: u64, word: &str) -> bool {
        self.class_mask_of(word) & bits != 0
    }

    /// The class bits of lower-case `word`.
    #[inline]
    fn class_mask_of(&self, word: &str) -> u64 {
        if !self.class_filter.may_contain(word) {
            return 0;
        }
        self.class_words.get(word).copied().unwrap_or(0)
    }
}

/// One pattern of a trigger's list with what decides, without reading the
/// pattern, that it cannot match at a place: where its trigger is among
/// its words and the [`Matcher::neighbour_shapes`] of the words beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerEntry {
    /// The pattern's index in the matcher's lexicon.
    pub id: usize,
    /// `EventPattern::trigger`: how many words come before the trigger.
    trigger: u16,
    /// How many words the pattern has.
    len: u16,
    /// Where its words begin in [`Matcher::steps`].
    first_step: u32,
    after: u64,
    before: u64,
}

impl TriggerEntry {
    fn of(lex: &EventLexicon, shapes: &[(u64, u64)], first_steps: &[u32], id: usize) -> TriggerEntry {
        let (after, before) = shapes[id];
        let p = &lex.patterns[id];
        let (trigger, len) = (u16::try_from(p.trigger).expect("a short pattern"), u16::try_from(p.words.len()).expect("a short pattern"));
        TriggerEntry { id, trigger, len, first_step: first_steps[id], after, before }
    }
}

/// One of 64 bits for a word's length and first byte: equal words have
/// equal bits, so a word whose bit is not among those of a list of forms
/// is none of them.
#[inline]
fn shape_bit(w: &str) -> u64 {
    let first = w.as_bytes().first().copied().unwrap_or(0) as u32;
    1 << ((w.len() as u32).wrapping_mul(7).wrapping_add(first.wrapping_mul(13)) & 63)
}

/// The neighbour shapes of a pattern whose neighbour may be any word.
const ANY_SHAPE: u64 = u64::MAX;

/// How many words a pattern has (gaps aside), which decides between
/// patterns that match at one trigger: the longest wins.
fn pattern_length(p: &EventPattern) -> usize {
    p.words.iter().filter(|w| !matches!(w, PatternWord::Gap)).count()
}

/// The matcher of the patterns in use: the user's override, or the built-in
/// patterns when it does not parse (`dateline` itself stops on such an
/// override before reading a document; see `cli::data_check`).
pub static MATCHER: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(load_patterns().or_else(|_| builtin_patterns()).unwrap_or_default()));

/// What a lower-case word can be to this crate (a pattern trigger, with
/// the patterns it starts; a stance cue), in one table: the per-token pass
/// of [`LowerTokens::new`] costs one filter test and at most one lookup.
pub struct WordRoles {
    filter: WordFilter,
    roles: WordMap<WordRole>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordRole {
    /// The patterns the word is the trigger of (empty: none), in
    /// [`Matcher::by_trigger`]'s order.
    pub patterns: &'static [TriggerEntry],
    /// The stance cue the word is (`None`: none).
    pub cue: Option<Cue>,
    /// A noun of a change of position ("a shift from …"): see [`SHIFT_WORDS`].
    pub shift: bool,
}

/// The nouns of a reported change of position, which the stances look for
/// before "from".
pub const SHIFT_WORDS: [&str; 6] = ["change", "shift", "departure", "reversal", "break", "u-turn"];

impl WordRoles {
    fn new<'a>(m: &'static Matcher, cues: impl IntoIterator<Item = (&'a str, Cue)>) -> WordRoles {
        let mut roles: WordMap<WordRole> = WordMap::with_capacity_and_hasher(m.trigger_entries.len() + 256, Default::default());
        for (w, entries) in &m.trigger_entries {
            roles.entry(w.clone()).or_default().patterns = entries;
        }
        for (w, cue) in cues {
            roles.entry(w.to_string()).or_default().cue = Some(cue);
        }
        for w in SHIFT_WORDS {
            roles.entry(w.to_string()).or_default().shift = true;
        }
        let filter = WordFilter::new(roles.keys().map(String::as_str));
        WordRoles { filter, roles }
    }

    /// The role of `w` (the default: none).
    #[inline(always)]
    pub fn of(&self, w: &str) -> WordRole {
        if !self.filter.may_contain(w) {
            return WordRole::default();
        }
        self.roles.get(w).copied().unwrap_or_default()
    }
}

/// The roles of the built-in matcher's triggers and stance cues.
pub static WORD_ROLES: LazyLock<WordRoles> =
    LazyLock::new(|| WordRoles::new(&MATCHER, crate::stances::CUES.iter().map(|(w, &c)| (w.as_str(), c))));

/// The first index of sorted `places` holding a place at or after `a`, as
/// `places.partition_point(|&p| p < a)`: walked on from `cursor` when `a`
/// did not go back since the last call (sentences come in order), else
/// bisected.
pub(crate) fn first_place_from(places: &[u32], cursor: &mut usize, a: usize) -> usize {
    if *cursor > places.len() || (*cursor > 0 && places[*cursor - 1] as usize >= a) {
        *cursor = places.partition_point(|&p| (p as usize) < a);
        return *cursor;
    }
    while places.get(*cursor).is_some_and(|&p| (p as usize) < a) {
        *cursor += 1;
    }
    *cursor
}

/// One pattern found in the text.
#[derive(Debug, Clone, Copy)]
pub struct PatternMatch<'a> {
    pub pattern: &'a EventPattern,
    /// The pattern's index in the matcher's lexicon.
    pub id: usize,
    /// Token range the pattern covers `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub trigger: usize,
}

/// A document's normalised text, ASCII lower-cased: the buffer the words
/// of [`LowerTokens`] point into.
pub fn lower_text(doc: &Doc) -> String {
    doc.norm.as_str().to_ascii_lowercase()
}

/// Lower-cased tokens of a document, sharing one buffer, with the places
/// of the words that may start a pattern or carry a stance (found in one
/// pass, so that later work visits only those). Each token's word is sliced
/// once here: the coder asks for words many times over.
pub struct LowerTokens<'d> {
    doc: &'d Doc,
    words: Vec<&'d str>,
    /// The places of the words of [`SHIFT_WORDS`].
    pub shifts: Vec<u32>,
    pub triggers: Vec<u32>,
    /// The patterns each of `triggers` starts.
    trigger_patterns: Vec<&'static [TriggerEntry]>,
    /// The places of the stance cues (all are words) and, in `cue_kinds`, what each is.
    pub cues: Vec<u32>,
    pub cue_kinds: Vec<Cue>,
    /// Per token, what is worked out of its word at the first question
    /// (the patterns of a trigger ask the same of the same few words over
    /// and over), in one array.
    cache: Vec<TokenCache>,
}

/// What [`LowerTokens`] keeps of one token's word, each part 0 before the
/// first question.
#[derive(Clone, Default)]
struct TokenCache {
    /// Its class bits in the built-in [`MATCHER`] with [`LOOKED_UP`] set.
    class_mask: Cell<u64>,
    /// [`crate::words::flags_of`] it with [`crate::words::KNOWN`] set.
    flags: Cell<u8>,
}

/// The bit of [`LowerTokens`]' class cache that marks a looked-up word.
const LOOKED_UP: u64 = 1 << 63;

impl<'d> LowerTokens<'d> {
    /// `lower` is [`lower_text`] of `doc`.
    pub fn new(doc: &'d Doc, lower: &'d str) -> LowerTokens<'d> {
        // room for the usual share of triggers and cues: no growing from empty
        let room = doc.tokens.len() / 4 + 8;
        let (mut triggers, mut trigger_patterns) = (Vec::with_capacity(room), Vec::with_capacity(room));
        let (mut cue_at, mut cue_kinds) = (Vec::with_capacity(room), Vec::with_capacity(room));
        // one tight pass slicing the words, then one over the words for their
        // roles (measured: fewer instructions than one pass doing both)
        let words: Vec<&str> = doc.tokens.iter().map(|tok| lower.get(tok.norm_start as usize..tok.norm_end as usize).unwrap_or("")).collect();
        let roles = &*WORD_ROLES;
        let mut shifts = Vec::new();
        for (i, (tok, &w)) in doc.tokens.iter().zip(&words).enumerate() {
            if tok.kind != TokenKind::Word {
                // the shift words are looked for in tokens of any kind (all are five bytes or more)
                if w.len() >= 5 && roles.of(w).shift {
                    shifts.push(i as u32);
                }
                continue;
            }
            let role = roles.of(w);
            if role.shift {
                shifts.push(i as u32);
            }
            if !role.patterns.is_empty() {
                triggers.push(i as u32);
                trigger_patterns.push(role.patterns);
            }
            if let Some(cue) = role.cue {
                cue_at.push(i as u32);
                cue_kinds.push(cue);
            }
        }
        let cache = vec![TokenCache::default(); doc.tokens.len()];
        LowerTokens { doc, words, shifts, triggers, trigger_patterns, cues: cue_at, cue_kinds, cache }
    }
    /// The lower-cased text of token `i` ("" past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &'d str {
        self.words.get(i).copied().unwrap_or("")
    }
    /// The normalised (not lower-cased) text of token `i`.
    pub fn original(&self, i: usize) -> &'d str {
        if i < self.doc.tokens.len() {
            self.doc.token_text(i)
        } else {
            ""
        }
    }
    /// The class bits of token `i` in `m`, looked up once per token for the built-in matcher.
    fn class_mask(&self, i: usize, m: &Matcher) -> u64 {
        let cached = self.cache.get(i).filter(|_| std::ptr::eq(m, &*MATCHER));
        let Some(cell) = cached.map(|c| &c.class_mask) else { return m.class_mask_of(self.get(i)) };
        if cell.get() == 0 {
            cell.set(m.class_mask_of(self.get(i)) | LOOKED_UP);
        }
        cell.get() & !LOOKED_UP
    }
    /// Whether token `i`'s word is of the built-in [`MATCHER`]'s class of
    /// bit `bit` (see [`Matcher::class_bit_of`]), looked up once per token.
    pub fn in_builtin_class(&self, i: usize, bit: u64) -> bool {
        self.class_mask(i, &MATCHER) & bit != 0
    }
    /// [`crate::words::flags_of`] the word of token `i` (that of "" past
    /// the end), worked out once per token.
    #[inline]
    pub(crate) fn flags(&self, i: usize) -> u8 {
        let Some(cell) = self.cache.get(i).map(|c| &c.flags) else { return crate::words::flags_of("") };
        let known = cell.get();
        if known != 0 {
            return known & !crate::words::KNOWN;
        }
        let f = crate::words::flags_of(self.get(i));
        cell.set(f | crate::words::KNOWN);
        f
    }
    pub fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens.get(i).map_or(TokenKind::Punct, |t| t.kind)
    }
}

/// Whether token `i` fits pattern word `w`; `class_bit` is the bit of a
/// class word in [`Matcher::class_words`] (0: look the class up by name).
/// (The definition [`step_ok`] is tested against.)
#[cfg(test)]
fn word_ok(w: &PatternWord, class_bit: u64, m: &Matcher, toks: &LowerTokens, i: usize) -> bool {
    let t = toks.get(i);
    match w {
        PatternWord::Forms(f) => f.iter().any(|x| x == t),
        PatternWord::Number => toks.kind(i) == TokenKind::Number,
        PatternWord::Year => {
            toks.kind(i) == TokenKind::Number && t.len() == 4 && (t.starts_with("19") || t.starts_with("20"))
        }
        PatternWord::Class(_) if class_bit != 0 => toks.class_mask(i, m) & class_bit != 0,
        PatternWord::Class(c) => m.lex.in_class(c, t),
        PatternWord::Gap => true,
    }
}

/// Whether token `i` fits pattern word `s` (as [`word_ok`] answers for the
/// word `s` stands for).
#[inline]
fn step_ok(s: Step, m: &Matcher, toks: &LowerTokens, i: usize) -> bool {
    match s {
        Step::Forms { start, len } => m.is_one_of(&m.form_pool[start as usize..(start + len) as usize], toks.get(i)),
        Step::Number => toks.kind(i) == TokenKind::Number,
        Step::Year => {
            let t = toks.get(i);
            toks.kind(i) == TokenKind::Number && t.len() == 4 && (t.starts_with("19") || t.starts_with("20"))
        }
        Step::Class(bit) => toks.class_mask(i, m) & bit != 0,
        Step::ClassByName { pattern, word } => match &m.lex.patterns[pattern as usize].words[word as usize] {
            PatternWord::Class(c) => m.lex.in_class(c, toks.get(i)),
            _ => false,
        },
        Step::Gap => true,
    }
}

/// Tries pattern `id` with its trigger at token `i`; `lim` is the sentence end:
/// the pattern's own words read by [`word_ok`], the definition
/// [`try_entry`] is tested against.
#[cfg(test)]
fn try_pattern<'a>(m: &'a Matcher, id: usize, toks: &LowerTokens, i: usize, sent_start: usize, lim: usize) -> Option<PatternMatch<'a>> {
    let p = &m.lex.patterns[id];
    let bits = &m.word_class_bits[id];
    if i < sent_start + p.trigger {
        return None;
    }
    let start = i - p.trigger;
    for (k, w) in p.words[..p.trigger].iter().enumerate() {
        if !word_ok(w, bits[k], m, toks, start + k) {
            return None;
        }
    }
    let mut pos = i + 1;
    let mut gap = false;
    for (w, &bit) in p.words[p.trigger + 1..].iter().zip(&bits[p.trigger + 1..]) {
        match w {
            PatternWord::Gap => {
                gap = true;
                continue;
            }
            PatternWord::Class(_) => {
                let found = (pos..(pos + CLASS_WINDOW).min(lim))
                    .take_while(|&j| !matches!(toks.get(j), "." | ";" | ":" | "," | "and" | "but" | "that"))
                    .find(|&j| word_ok(w, bit, m, toks, j))?;
                pos = found + 1;
            }
            _ => {
                let reach = if gap { GAP_WINDOW + 1 } else { 1 };
                let found = (pos..(pos + reach).min(lim)).find(|&j| word_ok(w, bit, m, toks, j))?;
                pos = found + 1;
            }
        }
        gap = false;
    }
    Some(PatternMatch { pattern: p, id, start, end: pos, trigger: i })
}

/// The entry of pattern `id` in its trigger's lists.
#[cfg(test)]
fn entry_of(m: &Matcher, id: usize) -> TriggerEntry {
    *m.trigger_entries.values().flatten().find(|e| e.id == id).expect("every pattern has a trigger entry")
}

/// Tries the pattern of entry `e` with its trigger at token `i`; `lim` is the sentence end.
#[inline]
fn try_entry<'a>(m: &'a Matcher, e: &TriggerEntry, toks: &LowerTokens, i: usize, sent_start: usize, lim: usize) -> Option<PatternMatch<'a>> {
    let trigger = e.trigger as usize;
    if i < sent_start + trigger {
        return None;
    }
    let steps = &m.steps[e.first_step as usize..][..e.len as usize];
    let start = i - trigger;
    for (k, &s) in steps[..trigger].iter().enumerate() {
        if !step_ok(s, m, toks, start + k) {
            return None;
        }
    }
    let mut pos = i + 1;
    let mut gap = false;
    for &s in &steps[trigger + 1..] {
        match s {
            Step::Gap => {
                gap = true;
                continue;
            }
            Step::Class(_) | Step::ClassByName { .. } => {
                let found = (pos..(pos + CLASS_WINDOW).min(lim))
                    .take_while(|&j| !matches!(toks.get(j), "." | ";" | ":" | "," | "and" | "but" | "that"))
                    .find(|&j| step_ok(s, m, toks, j))?;
                pos = found + 1;
            }
            _ => {
                let reach = if gap { GAP_WINDOW + 1 } else { 1 };
                let found = (pos..(pos + reach).min(lim)).find(|&j| step_ok(s, m, toks, j))?;
                pos = found + 1;
            }
        }
        gap = false;
    }
    Some(PatternMatch { pattern: &m.lex.patterns[e.id], id: e.id, start, end: pos, trigger: i })
}

/// The best of patterns `ids` with their trigger at token `i` (the
/// longest; the earlier line on a tie), or `None`. `ids` is a list of
/// [`Matcher::by_trigger`], in that order of preference: the first match
/// is the best, and the patterns after it need not be tried.
///
/// A pattern whose word right after (before) the trigger is a list of
/// forms cannot match where the token there is out of the sentence or of
/// a shape none of the forms has: such patterns are passed over without
/// a try (see [`Matcher::neighbour_shapes`]).
///
/// (A pattern with more words before its trigger than the sentence has
/// before `i` is passed over too: [`try_pattern`] would refuse it.)
fn best_at<'a>(m: &'a Matcher, ids: &[TriggerEntry], toks: &LowerTokens, i: usize, sent_start: usize, lim: usize) -> Option<PatternMatch<'a>> {
    // 0: no token there, which no list of forms fits
    let next = if i + 1 < lim { shape_bit(toks.get(i + 1)) } else { 0 };
    let prev = if i > sent_start { shape_bit(toks.get(i - 1)) } else { 0 };
    let may_fit = |shapes: u64, here: u64| shapes == ANY_SHAPE || shapes & here != 0;
    let room = i - sent_start.min(i);
    ids.iter()
        .filter(|e| e.trigger as usize <= room && may_fit(e.after, next) && may_fit(e.before, prev))
        .find_map(|e| try_entry(m, e, toks, i, sent_start, lim))
}

/// All event matches of the token range `[a, b)` (one sentence), left to
/// right, a token used by one match never starting another; SKIP readings
/// are consumed but not returned.
pub fn sentence_matches<'a>(m: &'a Matcher, toks: &LowerTokens, a: usize, b: usize) -> Vec<PatternMatch<'a>> {
    sentence_matches_from(m, toks, toks.triggers.partition_point(|&p| (p as usize) < a), a, b)
}

/// [`sentence_matches`] where `lo` is the index in `toks.triggers` of the
/// sentence's first trigger.
pub(crate) fn sentence_matches_from<'a>(m: &'a Matcher, toks: &LowerTokens, lo: usize, a: usize, b: usize) -> Vec<PatternMatch<'a>> {
    let mut out = Vec::new();
    let mut used_until = a;
    for (&p, &ids) in toks.triggers[lo..].iter().zip(&toks.trigger_patterns[lo..]) {
        let i = p as usize;
        if i >= b {
            break;
        }
        if i < used_until {
            continue;
        }
        if let Some(pm) = best_at(m, ids, toks, i, a, b) {
            used_until = pm.end;
            if !pm.pattern.is_skip() {
                out.push(pm);
            }
        }
    }
    out
}

impl Matcher {
    /// Whether a lower-case word starts any pattern.
    pub fn is_trigger(&self, w: &str) -> bool {
        self.filter.may_contain(w) && self.by_trigger.contains_key(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_roles_agree_with_the_trigger_and_cue_tables() {
        let roles = &*WORD_ROLES;
        let cues = &*crate::stances::CUES;
        let words = MATCHER.by_trigger.keys().chain(cues.keys()).map(String::as_str).chain(["the", "said", "", "x"]);
        for w in words {
            let role = roles.of(w);
            let ids: Vec<usize> = role.patterns.iter().map(|e| e.id).collect();
            assert_eq!(ids, MATCHER.by_trigger.get(w).map_or(&[][..], Vec::as_slice), "{w}");
            for e in role.patterns {
                assert_eq!((e.after, e.before), MATCHER.neighbour_shapes[e.id], "{w}");
                assert_eq!(usize::from(e.trigger), MATCHER.lex.patterns[e.id].trigger, "{w}");
                assert_eq!(usize::from(e.len), MATCHER.lex.patterns[e.id].words.len(), "{w}");
            }
            assert_eq!(role.cue, cues.get(w).copied(), "{w}");
        }
        assert!(MATCHER.by_trigger.keys().any(|w| !roles.of(w).patterns.is_empty() && roles.of(w).cue.is_none()));
    }

    /// `best_at` as first written: every pattern tried, the longest match
    /// kept, the earlier line on a tie.
    fn best_by_trying_all<'a>(m: &'a Matcher, ids: &[TriggerEntry], toks: &LowerTokens, i: usize, a: usize, b: usize) -> Option<PatternMatch<'a>> {
        let mut ids: Vec<usize> = ids.iter().map(|e| e.id).collect();
        ids.sort();
        let mut best: Option<(usize, PatternMatch)> = None;
        for id in ids {
            if let Some(pm) = try_pattern(m, id, toks, i, a, b) {
                let score = pattern_length(&m.lex.patterns[id]);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, pm));
                }
            }
        }
        best.map(|(_, pm)| pm)
    }

    /// A sentence written from each pattern's own words (so that longer and
    /// shorter patterns of one trigger match together), in a text with news
    /// sentences: at every trigger, the first match in preference order is
    /// the best of all.
    #[test]
    fn first_match_in_preference_order_is_the_best() {
        use dateline_pipeline::Component;
        let m = &*MATCHER;
        let class_word = |c: &str| m.lex.classes.get(c).and_then(|ws| ws.first()).cloned().unwrap_or_else(|| "troops".into());
        let mut text = String::from("Russia and Ukraine agreed to a ceasefire on Tuesday, officials said. Protesters attacked the police in March 2014. ");
        for (k, p) in m.lex.patterns.iter().enumerate() {
            let words: Vec<String> = p
                .words
                .iter()
                .map(|w| match w {
                    PatternWord::Forms(f) => f[k % f.len()].clone(),
                    PatternWord::Class(c) => class_word(c),
                    PatternWord::Number => "12".into(),
                    PatternWord::Year => "2014".into(),
                    PatternWord::Gap => "the".into(),
                })
                .collect();
            text.push_str(["The army ", "They ", "", "Officials said rebels "][k % 4]);
            text.push_str(&words.join(" "));
            text.push_str([" on Monday. ", ". ", " the talks and troops. ", "; "][k % 4]);
        }
        let mut doc = Doc::new(text, Default::default());
        dateline_segment::Segmenter.run(&mut doc);
        let lower = lower_text(&doc);
        let toks = LowerTokens::new(&doc, &lower);
        let (mut matched, mut several) = (0, 0);
        for s in &doc.sentences {
            let (a, b) = (s.tokens.start, s.tokens.end);
            for (&p, &ids) in toks.triggers.iter().zip(&toks.trigger_patterns) {
                let i = p as usize;
                if i < a || i >= b {
                    continue;
                }
                let fast = best_at(m, ids, &toks, i, a, b).map(|pm| (pm.id, pm.start, pm.end));
                let plain = best_by_trying_all(m, ids, &toks, i, a, b).map(|pm| (pm.id, pm.start, pm.end));
                assert_eq!(fast, plain, "at {:?}", toks.get(i));
                matched += usize::from(fast.is_some());
                several += usize::from(ids.iter().filter(|e| try_pattern(m, e.id, &toks, i, a, b).is_some()).count() > 1);
            }
        }
        assert!(matched > m.lex.patterns.len() / 2 && several > 50, "{matched} {several}");
    }

    /// The shift places are every token whose word is a shift word, of any kind.
    #[test]
    fn shift_places_are_the_shift_words() {
        use dateline_pipeline::Component;
        let text = "A Change from the past, a U-turn from Kyiv; BREAK from it. Breaking changes: shift-work, reversal, departure (departures) 'break' change";
        let mut doc = Doc::new(text.into(), Default::default());
        dateline_segment::Segmenter.run(&mut doc);
        let lower = lower_text(&doc);
        let toks = LowerTokens::new(&doc, &lower);
        let plain: Vec<u32> = (0..doc.tokens.len()).filter(|&k| SHIFT_WORDS.contains(&toks.get(k))).map(|k| k as u32).collect();
        assert_eq!(toks.shifts, plain);
        assert!(plain.len() >= 6, "{plain:?}");
    }

    /// A pattern passed over for its neighbours' shapes is one that does not match there.
    #[test]
    fn passed_over_patterns_do_not_match() {
        use dateline_pipeline::Component;
        let m = &*MATCHER;
        let mut text = String::from("They called off the strike. Police called on protesters; the army called. Rebels attacked. Attacked, they fled. ");
        for p in m.lex.patterns.iter().take(400) {
            for w in &p.words {
                if let PatternWord::Forms(f) = w {
                    text.push_str(&f[0]);
                    text.push(' ');
                }
            }
            text.push_str(". ");
        }
        let mut doc = Doc::new(text, Default::default());
        dateline_segment::Segmenter.run(&mut doc);
        let lower = lower_text(&doc);
        let toks = LowerTokens::new(&doc, &lower);
        let (mut passed_over, mut matched) = (0, 0);
        for s in &doc.sentences {
            let (a, b) = (s.tokens.start, s.tokens.end);
            for (&p, &ids) in toks.triggers.iter().zip(&toks.trigger_patterns) {
                let i = p as usize;
                if i < a || i >= b {
                    continue;
                }
                let next = if i + 1 < b { shape_bit(toks.get(i + 1)) } else { 0 };
                let prev = if i > a { shape_bit(toks.get(i - 1)) } else { 0 };
                for e @ &TriggerEntry { id, .. } in ids {
                    let (after, before) = m.neighbour_shapes[id];
                    let fits = (after == ANY_SHAPE || after & next != 0) && (before == ANY_SHAPE || before & prev != 0);
                    let plain = try_pattern(m, id, &toks, i, a, b).map(|pm| (pm.id, pm.start, pm.end));
                    assert_eq!(try_entry(m, e, &toks, i, a, b).map(|pm| (pm.id, pm.start, pm.end)), plain, "pattern {id} at {:?}", toks.get(i));
                    assert_eq!(entry_of(m, id).first_step, e.first_step);
                    let found = plain.is_some();
                    assert!(fits || !found, "pattern {id} at {:?}", toks.get(i));
                    passed_over += usize::from(!fits);
                    matched += usize::from(found);
                }
            }
        }
        assert!(passed_over > 100 && matched > 100, "{passed_over} {matched}");
    }

    /// The cached flags are those of the words, asked in any order, past the end too.
    #[test]
    fn cached_flags_agree_with_the_lists() {
        use dateline_pipeline::Component;
        let mut doc = Doc::new("He said that, as officials told reporters, talks would begin when \"Israel\" AGREED. Thinks: Which?".into(), Default::default());
        dateline_segment::Segmenter.run(&mut doc);
        let lower = lower_text(&doc);
        let toks = LowerTokens::new(&doc, &lower);
        let n = doc.tokens.len();
        let mut seen = 0;
        for k in (0..n + 3).rev().chain(0..n + 3) {
            let plain = crate::words::flags_of(toks.get(k));
            assert_eq!(toks.flags(k), plain, "{}", toks.get(k));
            assert_eq!(plain & crate::words::SPEECH_VERB != 0, crate::words::is_speech_verb(toks.get(k)));
            seen += usize::from(plain != 0);
        }
        assert!(seen >= 14, "{seen}");
    }

    #[test]
    fn cached_class_bits_agree_with_in_class() {
        use dateline_pipeline::Component;
        let m = &*MATCHER;
        let mut doc = Doc::new("Rebels and militants armed troops; the Militia fled. Rebel fighters, insurgents!".into(), Default::default());
        dateline_segment::Segmenter.run(&mut doc);
        let lower = lower_text(&doc);
        let toks = LowerTokens::new(&doc, &lower);
        let mut names: Vec<&String> = m.lex.classes.keys().collect();
        names.sort();
        let mut members = 0;
        for name in names {
            let Some(bit) = m.class_bit_of(name) else { continue };
            for k in 0..doc.tokens.len() {
                assert_eq!(toks.in_builtin_class(k, bit), m.in_class(name, toks.get(k)), "{name} {}", toks.get(k));
                members += usize::from(toks.in_builtin_class(k, bit));
            }
        }
        assert!(members >= 5, "{members}");
    }

    #[test]
    fn place_cursor_agrees_with_bisection() {
        let places = [2u32, 3, 3, 9, 15, 40];
        let mut cursor = 0;
        for a in (0..45).chain([3, 50, 0, 16, 16, 2]).chain((0..45).rev()) {
            assert_eq!(first_place_from(&places, &mut cursor, a), places.partition_point(|&p| (p as usize) < a), "at {a}");
        }
    }

    #[test]
    fn heads_tell_words_of_one_length_apart() {
        let words = ["", "a", "b", "ab", "ba", "abc", "acb", "cba", "abcd", "abdc", "abcde", "abdce", "abcdefg", "abcdegf", "abcdefgh", "abcdefgx", "abcdefghij", "abcdefghik", "xbcdefghij"];
        for x in words {
            for y in words.iter().filter(|y| y.len() == x.len()) {
                let same_eight = x.as_bytes()[..x.len().min(8)] == y.as_bytes()[..y.len().min(8)];
                assert_eq!(head_of(x.as_bytes()) == head_of(y.as_bytes()), same_eight, "{x} {y}");
            }
        }
    }

    #[test]
    fn word_filter_keeps_every_member() {
        let words = ["attack", "a", "", "troops", "ceasefire", "x-ray"];
        let f = WordFilter::new(words);
        assert!(words.iter().filter(|w| !w.is_empty()).all(|w| f.may_contain(w)));
        assert!(!f.may_contain(""));
        let rejected = ["the", "said", "of", "and", "to", "in", "that", "was"].iter().filter(|w| !f.may_contain(w)).count();
        assert!(rejected >= 6, "{rejected}");
        // the second set rejects words that share the first one's slot with a member
        let f = WordFilter::new(["unused", "mare", "stable"]);
        assert!(["unused", "mare", "stable"].iter().all(|w| f.may_contain(w)));
        assert!(!f.may_contain("united") && !f.may_contain("more") && !f.may_contain("state"));
    }

    #[test]
    fn class_bits_agree_with_the_lexicon() {
        let m = &*MATCHER;
        assert!(!m.lex.classes.is_empty());
        for (name, members) in &m.lex.classes {
            for w in members.iter().map(String::as_str).chain(["the", "", "troopss"]) {
                assert_eq!(m.in_class(name, w), m.lex.in_class(name, w), "{name} {w}");
            }
        }
        assert!(!m.in_class("no such class", "troops"));
        // the filtered look-up answers as the map does, members or not
        for w in m.class_words.keys().map(String::as_str).chain(["the", "said", "", "troopss", "Troops", "x"]) {
            assert_eq!(m.class_mask_of(w), m.class_words.get(w).copied().unwrap_or(0), "{w}");
        }
    }
}

