//! From lexicon hits and tagged names to mentions and document entities.
//!
//! The order matters and each step is one pass: lexicon mentions (with the
//! metonymy decision for capitals and seats of power), rule mentions
//! (national institutions, "X administration"), tagger names merged in
//! (the lexicon refines a tagged span it agrees with; a longer tagged name
//! overrides a shorter lexicon hit inside it), then grouping into entities
//! and reading titles into roles.
//!
//! It runs on every report, so names are compared as written, lower-cased
//! on the fly (`Folded`), and grouped by small per-document numbers: no
//! string is built per mention.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use dateline_doc::{Doc, Entity, EntityId, EntityKind, Mention, MentionSource, Sector, Span, Token, TokenKind};
use dateline_lexicon::geo::{geo, CountryNameRole, RegionKind};
use dateline_lexicon::orgs::orgs;
use dateline_lexicon::titles::title_sector;
use dateline_lexicon::WordHasher;

use crate::gazetteer::{sentence_in_capitals, Hit, LexMatch};
use crate::ner::{NameSpan, NerLabel};

/// Maps and sets keyed by short words and names (FNV: SipHash costs more
/// than the rest of a look-up here).
type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Whether a token is exactly `word` (lengths compared first: for the
/// scans over every token).
#[inline]
fn token_is(t: &Token, norm: &[u8], word: &[u8]) -> bool {
    t.norm_end.wrapping_sub(t.norm_start) as usize == word.len() && norm.get(t.norm_start as usize..t.norm_end as usize) == Some(word)
}

/// The tokens that are exactly `word`, in order, given the ascending
/// normalised offsets where `word` occurs (found with a fast byte search,
/// where a scan over every token would cost more).
fn tokens_spelled<'a>(doc: &'a Doc, positions: impl Iterator<Item = usize> + 'a, word: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let norm = doc.norm.as_str().as_bytes();
    positions.flat_map(move |p| {
        let first = doc.tokens.partition_point(|t| (t.norm_start as usize) < p);
        (first..doc.tokens.len()).take_while(move |&i| doc.tokens[i].norm_start as usize == p).filter(move |&i| token_is(&doc.tokens[i], norm, word))
    })
}

/// `word.to_lowercase()` is one of `list` (lower-case words), without
/// building the lower-case string when the word is ASCII.
fn lowercase_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// `s.trim_end_matches("'s")` without the general substring searcher.
fn trim_possessives(mut s: &str) -> &str {
    while let Some(t) = s.strip_suffix("'s") {
        s = t;
    }
    s
}

/// What a mention is grouped by. Names are compared lower-cased, as
/// numbers from [`KeyNames`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Country(u16),
    Org(u16),
    Place(NameId),
    Group(NameId),
    Institution(&'static str, u16),
    Person,
    Other(EntityKind, NameId),
}

/// A word of a name, compared and hashed as if lower-cased (as
/// `to_lowercase` does, without building the string when it is ASCII):
/// names are compared word by word for every person mention.
#[derive(Debug, Clone, Copy)]
struct Folded<'a>(&'a str);

impl Folded<'_> {
    /// The first character of the lower-cased word.
    fn first_char(&self) -> Option<char> {
        self.0.chars().next().and_then(|c| c.to_lowercase().next())
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        // words equal but for ASCII case lower-case alike; other words
        // differ unless a non-ASCII letter lower-cases to what the other has
        if self.0.eq_ignore_ascii_case(other.0) {
            true
        } else if self.0.is_ascii() && other.0.is_ascii() {
            false
        } else {
            self.0.to_lowercase() == other.0.to_lowercase()
        }
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    /// Hashes the lower-cased bytes eight at a time, the last eight padded
    /// with zeros (for [`WordHasher`], which reads eight bytes at a time,
    /// the hash of the lower-cased `str`), lower-casing an ASCII word
    /// eight bytes at once, without copying it.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if self.0.is_ascii() {
            write_in_words(state, self.0.as_bytes(), ascii_lower_word);
        } else {
            write_in_words(state, self.0.to_lowercase().as_bytes(), |w| w);
        }
        state.write_u8(0xff);
    }
}

/// Writes `bytes` to `state` as eight-byte words (little-endian, the last
/// padded with zeros), each passed through `map`.
#[inline]
fn write_in_words<H: std::hash::Hasher>(state: &mut H, bytes: &[u8], map: impl Fn(u64) -> u64) {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        state.write(&map(w).to_le_bytes());
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let w = rest.iter().enumerate().fold(0u64, |w, (k, &b)| w | u64::from(b) << (8 * k));
        state.write(&map(w).to_le_bytes());
    }
}

/// Eight ASCII bytes (each below 0x80) with their capitals lower-cased.
#[inline]
fn ascii_lower_word(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // a byte's high bit is set by adding 0x3F from 'A' on, by adding 0x25 from '[' on
    let capital = (w + ONES * 0x3F) & !(w + ONES * 0x25) & (ONES * 0x80);
    w | capital >> 2
}

/// A lower-cased name, numbered by [`KeyNames`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct NameId(u32);

/// The lower-cased names of one document's keys, numbered: a name is
/// looked up as written ([`Folded`] compares it lower-cased), so grouping
/// compares small numbers and no string is built per mention.
#[derive(Default)]
struct KeyNames<'a> {
    ids: WordMap<Folded<'a>, NameId>,
}

impl<'a> KeyNames<'a> {
    /// Room for about `n` names without growing.
    fn with_capacity(n: usize) -> KeyNames<'a> {
        KeyNames { ids: WordMap::with_capacity_and_hasher(n, Default::default()) }
    }

    /// The number of `text.to_lowercase()`.
    fn id(&mut self, text: &'a str) -> NameId {
        let next = NameId(self.ids.len() as u32);
        *self.ids.entry(Folded(text)).or_insert(next)
    }
}

#[derive(Debug, Clone)]
struct Cand {
    span: Span,
    /// Token range; empty for the dateline (which lies outside the body tokens).
    start: usize,
    end: usize,
    kind: EntityKind,
    source: MentionSource,
    country: Option<&'static str>,
    sector: Option<Sector>,
    key: Key,
    /// Written as the thing's own name (not a capital, seat or demonym).
    naming: bool,
    /// Written in capitals only (a headline or dateline).
    shouted: bool,
    /// The country whose capital this is.
    capital_of: Option<u16>,
}

impl Cand {
    fn overlaps_tokens(&self, s: usize, e: usize) -> bool {
        self.start < e && s < self.end
    }
}

/// Words after which a capital is a place, not its government.
const LOCATIVE: &[&str] = &[
    "in", "at", "from", "to", "near", "outside", "inside", "into", "across", "around", "via", "through", "toward", "towards", "within", "visit", "visited", "visiting", "left", "reached", "arrived",
];

/// Words that may stand capitalised before a name without being part of it.
const CALENDAR: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

fn sector(code: Option<&str>) -> Option<Sector> {
    code.and_then(Sector::from_code)
}

fn lower_first_char_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Token `i` is a capitalised word that no lexicon entry covers: probably
/// part of a person's name ("Chad Smith", "Jordan Peterson").
fn unknown_capitalised(doc: &Doc, i: usize, lex_tokens: &[bool]) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
        && lower_first_char_upper(doc.token_text(i))
        && !lex_tokens.get(i).copied().unwrap_or(false)
        && !CALENDAR.contains(&doc.token_text(i))
}

fn span_of_tokens(doc: &Doc, s: usize, e: usize) -> Span {
    doc.tokens[s].span.cover(doc.tokens[e - 1].span)
}

fn lexicon_cands<'a>(doc: &'a Doc, lex: &[LexMatch], names: &mut KeyNames<'a>) -> Vec<Cand> {
    let g = geo();
    let o = orgs();
    // the tokens some lexicon entry (other than a title modifier) covers,
    // marked when a one-word country or capital first needs them
    let mark_lex_tokens = || {
        let mut lex_tokens = vec![false; doc.tokens.len()];
        for m in lex {
            if m.hits().iter().any(|h| !matches!(h, Hit::TitleModifier)) {
                for t in m.start_token..m.end_token.min(lex_tokens.len()) {
                    lex_tokens[t] = true;
                }
            }
        }
        lex_tokens
    };
    let mut lex_tokens: Option<Vec<bool>> = None;
    let mut out = Vec::with_capacity(lex.len());
    let mut caps = SentenceCaps::default();
    for m in lex {
        let hits = m.hits();
        // titles and institution words make no mention here: their span is not needed
        if !hits.iter().any(|h| matches!(h, Hit::Org { .. } | Hit::Country { .. } | Hit::Region { .. })) {
            continue;
        }
        let span = doc.span_from_norm(m.norm_start, m.norm_end);
        let text = doc.slice(span);
        let base = |kind, key| Cand {
            span,
            start: m.start_token,
            end: m.end_token,
            kind,
            source: MentionSource::Lexicon,
            country: None,
            sector: None,
            key,
            naming: true,
            shouted: m.shouted,
            capital_of: None,
        };
        let countries = || hits.iter().filter_map(|h| if let Hit::Country { idx, role } = *h { Some((idx, role)) } else { None });
        let org = hits.iter().find_map(|h| if let Hit::Org { idx } = *h { Some(idx) } else { None });
        let region = hits.iter().find_map(|h| if let Hit::Region { idx } = *h { Some(idx) } else { None });
        if let Some(idx) = org {
            let org = &o.orgs[idx as usize];
            let mut c = base(EntityKind::Organization, Key::Org(idx));
            c.country = org.country.as_deref();
            c.sector = sector(Some(org.sector));
            out.push(c);
        } else if let Some((idx, role)) = countries().next() {
            let unique = countries().all(|(i, _)| i == idx);
            let country = &g.countries[idx as usize];
            let single = m.end_token == m.start_token + 1;
            let name_like = matches!(role, CountryNameRole::Name | CountryNameRole::Capital);
            // "Chad Smith", "George Washington": a person's name, left to
            // the tagger (the neighbours first: whether the sentence is in
            // capitals costs more to learn, and is rarely needed)
            if name_like
                && single
                && {
                    let lex_tokens = lex_tokens.get_or_insert_with(mark_lex_tokens);
                    unknown_capitalised(doc, m.end_token, lex_tokens)
                        || m.start_token > 0 && unknown_capitalised(doc, m.start_token - 1, lex_tokens) && !is_sentence_start(doc, m.start_token - 1)
                }
                && !(m.shouted || caps.in_capitals(doc, m.start_token))
            {
                continue;
            }
            if !unique {
                let mut c = base(EntityKind::Group, Key::Group(names.id(text)));
                c.naming = role == CountryNameRole::Demonym;
                if role != CountryNameRole::Demonym {
                    c.kind = EntityKind::Location;
                    c.key = Key::Place(names.id(text));
                }
                out.push(c);
                continue;
            }
            let mut c = base(EntityKind::Country, Key::Country(idx));
            c.country = Some(country.iso3.as_str());
            match role {
                CountryNameRole::Name => {}
                CountryNameRole::Seat => {
                    c.naming = false;
                    c.sector = Some(Sector::Gov);
                }
                CountryNameRole::Capital => {
                    c.capital_of = Some(idx);
                    c.naming = false;
                    let locative = m.start_token.checked_sub(1).is_some_and(|p| {
                        let prev = doc.token_text(p);
                        LOCATIVE.iter().any(|w| w.eq_ignore_ascii_case(prev))
                    });
                    let in_dateline = doc.meta.dateline_span.is_some_and(|d| d.overlaps(span));
                    if in_dateline || locative {
                        c.kind = EntityKind::Location;
                        c.key = Key::Place(names.id(text));
                        c.naming = true;
                    } else {
                        c.sector = Some(Sector::Gov);
                    }
                }
                CountryNameRole::Demonym => {
                    c.kind = EntityKind::Group;
                    c.key = Key::Group(names.id(&country.iso3));
                }
            }
            out.push(c);
        } else if let Some(idx) = region {
            let r = &g.regions[idx as usize];
            let mut c = if r.kind == RegionKind::People {
                base(EntityKind::Group, Key::Group(names.id(&r.name)))
            } else {
                base(EntityKind::Location, Key::Place(names.id(&r.name)))
            };
            c.country = r.country.as_deref();
            out.push(c);
        }
    }
    out
}

/// [`sentence_in_capitals`], remembered per sentence.
#[derive(Default)]
struct SentenceCaps {
    /// Per sentence: 0 not yet known, 1 no, 2 yes.
    known: Vec<u8>,
}

impl SentenceCaps {
    fn in_capitals(&mut self, doc: &Doc, token: usize) -> bool {
        let Some(s) = doc.sentence_at(doc.tokens[token].span.start()) else { return false };
        if self.known.len() < doc.sentences.len() {
            self.known.resize(doc.sentences.len(), 0);
        }
        if self.known[s] == 0 {
            self.known[s] = 1 + sentence_in_capitals(doc, token) as u8;
        }
        self.known[s] == 2
    }
}

fn is_sentence_start(doc: &Doc, token: usize) -> bool {
    let pos = doc.tokens[token].span.start();
    doc.sentence_at(pos).is_some_and(|s| doc.sentences[s].tokens.start == token)
        || doc.token_text(token).chars().all(|c| !c.is_alphanumeric())
}

/// The dateline place ("BRUSSELS") as a mention, when the lexicon knows it.
fn dateline_cand<'a>(doc: &'a Doc, names: &mut KeyNames<'a>) -> Option<Cand> {
    let span = doc.meta.dateline_span?;
    let text = doc.slice(span);
    let g = geo();
    let refs = g.country_refs(text);
    let (country, capital_of, key_name) = if let Some(&(idx, role)) = refs.first() {
        let c = &g.countries[idx];
        match role {
            CountryNameRole::Capital => (Some(c.iso3.as_str()), Some(idx as u16), text),
            _ => (Some(c.iso3.as_str()), None, text),
        }
    } else {
        let r = g.regions.iter().find(|r| r.name.eq_ignore_ascii_case(text) || r.variants.iter().any(|v| v.eq_ignore_ascii_case(text)))?;
        (r.country.as_deref(), None, r.name.as_str())
    };
    let is_country_name = refs.first().is_some_and(|&(_, role)| role == CountryNameRole::Name);
    Some(Cand {
        span,
        start: 0,
        end: 0,
        kind: if is_country_name { EntityKind::Country } else { EntityKind::Location },
        source: MentionSource::Lexicon,
        country,
        sector: None,
        key: match refs.first() {
            Some(&(idx, CountryNameRole::Name)) => Key::Country(idx as u16),
            _ => Key::Place(names.id(key_name)),
        },
        naming: true,
        shouted: !text.chars().any(|c| c.is_lowercase()),
        capital_of,
    })
}

/// Nouns that an institution word modifies rather than names ("military allies").
const NOT_AN_INSTITUTION_BEFORE: &[&str] = &[
    "allies", "ally", "operation", "operations", "officials", "official", "forces", "force", "aid", "support", "spending", "budget", "personnel",
    "leaders", "leadership", "sources", "source", "analysts", "experts", "bases", "base", "exercises", "equipment", "assistance", "buildup",
    "build-up", "action", "campaign", "presence", "power", "might", "capabilities", "capability", "doctrine", "planners", "intelligence",
    "contracts", "ties", "cooperation", "bonds", "debt", "policy", "policies",
];

/// "Ukraine's foreign ministry", "the Ukrainian foreign ministry", "the Russian army".
fn institution_cands(doc: &Doc, lex: &[LexMatch], cands: &[Cand]) -> Vec<Cand> {
    if !lex.iter().any(|m| m.hits().iter().any(|h| matches!(h, Hit::Institution { .. }))) {
        return Vec::new();
    }
    let o = orgs();
    let index = CandIndex::new(cands);
    let mut out = Vec::new();
    for m in lex {
        let Some(inst) = m.hits().iter().find_map(|h| if let Hit::Institution { idx } = *h { Some(idx) } else { None }) else { continue };
        // "Ukraine's military allies": the institution word is a modifier
        if m.end_token < doc.tokens.len() && {
            let next = doc.token_text(m.end_token);
            NOT_AN_INSTITUTION_BEFORE.iter().any(|w| w.eq_ignore_ascii_case(next))
        } {
            continue;
        }
        // the country word ends right before, or before a possessive 's
        let mut before = m.start_token;
        if before > 0 && doc.token_text(before - 1).eq_ignore_ascii_case("'s") {
            before -= 1;
        }
        let Some(owner) = index.ending_at(before).find(|c| matches!(c.key, Key::Country(_) | Key::Group(_)) && c.country.is_some()) else {
            continue;
        };
        let Some(country) = owner.country else { continue };
        let span = owner.span.cover(doc.span_from_norm(m.norm_start, m.norm_end));
        out.push(Cand {
            span,
            start: owner.start,
            end: m.end_token,
            kind: EntityKind::Organization,
            source: MentionSource::Rule,
            country: Some(country),
            sector: sector(Some(o.institutions[inst as usize].sector)),
            key: Key::Institution(country, inst),
            naming: true,
            shouted: owner.shouted,
            capital_of: None,
        });
    }
    out
}

/// "the Trump administration": a capitalised word before "administration".
fn administration_cands<'a>(doc: &'a Doc, names: &mut KeyNames<'a>) -> Vec<Cand> {
    let mut out = Vec::new();
    let norm = doc.norm.as_str().as_bytes();
    // the searcher built once (building it was a third of this function)
    static ADMINISTRATION: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(b"administration"));
    for i in tokens_spelled(doc, ADMINISTRATION.find_iter(norm), b"administration") {
        if i == 0 {
            continue;
        }
        let p = i - 1;
        let w = doc.token_text(p);
        if doc.tokens[p].kind != TokenKind::Word || !lower_first_char_upper(w) || w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && w.len() > 4 {
            continue;
        }
        let span = span_of_tokens(doc, p, i + 1);
        out.push(Cand {
            span,
            start: p,
            end: i + 1,
            kind: EntityKind::Organization,
            source: MentionSource::Rule,
            country: None,
            sector: Some(Sector::Gov),
            key: Key::Other(EntityKind::Organization, names.id(doc.slice(span))),
            naming: true,
            shouted: false,
            capital_of: None,
        });
    }
    out
}

fn model_kind(label: NerLabel) -> EntityKind {
    match label {
        NerLabel::Per => EntityKind::Person,
        NerLabel::Org => EntityKind::Organization,
        NerLabel::Loc => EntityKind::Location,
        NerLabel::Misc => EntityKind::Misc,
    }
}

/// Common nouns for kinds of place that follow a place's name in lower
/// case ("Marsabit county", "Idlib and Hama provinces"). Not "region",
/// "district" or "village": adjectives and parties come before those
/// ("Kurdish region", "House district", "Muslim villages").
const PLACE_KINDS: &[&str] = &[
    "county", "counties", "province", "provinces", "governorate", "governorates", "prefecture", "prefectures", "oblast", "oblasts",
    "municipality", "municipalities",
];

/// Weekdays and months: after "on", "in", "since"… inside a tagged name
/// they start a time adjunct, not a part of the name.
const CALENDAR_NAMES: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December",
];

/// Capitalised last words that make a name of several words an
/// institution ("East African Drought Authority", "Labour Party").
const INSTITUTION_HEADS: &[&str] = &[
    "Agency", "Alliance", "Assembly", "Association", "Authority", "Bank", "Board", "Bureau", "Coalition", "Command",
    "Commission", "Committee", "Company", "Congress", "Corporation", "Council", "Court", "Department", "Federation",
    "Foundation", "Fund", "Institute", "Ministry", "Movement", "Office", "Organisation", "Organization", "Parliament",
    "Party", "Programme", "Senate", "Tribunal", "Union", "University",
];

/// Whether the words from token `end` on name the kind of place the name
/// before them is: a place noun right after it, or after "and"/"or" and a
/// second capitalised name ("Marsabit and Turkana counties").
fn names_a_place_kind(doc: &Doc, end: usize) -> bool {
    let word = |t: usize| if t < doc.tokens.len() { doc.token_text(t) } else { "" };
    let is_place_kind = |t: usize| PLACE_KINDS.contains(&word(t));
    if is_place_kind(end) {
        return true;
    }
    if !matches!(word(end), "and" | "or") {
        return false;
    }
    let mut t = end + 1;
    while t < end + 4 && word(t).chars().next().is_some_and(char::is_uppercase) {
        t += 1;
    }
    t > end + 1 && is_place_kind(t)
}

/// Function words that begin a sentence capitalised without being part
/// of the name after them ("Though Ukraine set its sights…").
const SENTENCE_OPENERS: &[&str] = &[
    "though", "but", "and", "or", "if", "when", "while", "after", "before", "as", "since", "although", "because", "so", "yet", "then",
    "meanwhile", "however", "in", "on", "at", "for", "with", "by", "from", "of", "to", "it", "he", "she", "they", "we", "i", "this",
    "that", "these", "those", "there", "here", "what", "why", "how", "where", "who", "all", "some", "many", "most", "no", "not", "every",
    "each", "both", "either", "neither", "unlike", "like", "despite", "during", "under", "over", "until", "without", "within", "among",
    "between", "against", "also", "still", "even", "only", "now", "today", "yesterday", "tomorrow", "instead", "once", "unless", "whether",
    "a", "an", "his", "her", "their", "its", "our", "my", "your",
];

/// Party and similar labels written before a person's name.
#[cfg(test)]
const PERSON_LABELS: &[&str] = &[
    "Democrat", "Republican", "Democratic", "Labour", "Tory", "Conservative", "Liberal", "Socialist", "Communist", "Independent", "Green",
    "Sen", "Rep", "Gov", "Pres", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Prince", "Princess", "King", "Queen", "Pope", "Saint",
];

/// `PERSON_LABELS.contains(&w)` as a `match` (a switch on length and
/// bytes; the list is kept to test it against).
fn is_person_label(w: &str) -> bool {
    matches!(
        w,
        "Democrat" | "Republican" | "Democratic" | "Labour" | "Tory" | "Conservative" | "Liberal" | "Socialist" | "Communist" | "Independent"
            | "Green" | "Sen" | "Rep" | "Gov" | "Pres" | "Mr" | "Mrs" | "Ms" | "Dr" | "Sir" | "Dame" | "Lord" | "Lady" | "Prince" | "Princess"
            | "King" | "Queen" | "Pope" | "Saint"
    )
}

#[cfg(test)]
fn in_demonym(lex: &[LexMatch], i: usize) -> bool {
    let j = lex.partition_point(|m| m.end_token <= i);
    lex[j..].iter().take_while(|m| m.start_token <= i).any(|m| {
        i < m.end_token
            && m.hits().iter().any(|h| matches!(h, Hit::Country { role: CountryNameRole::Demonym, .. }))
            && m.hits().iter().all(|h| !matches!(h, Hit::Org { .. }))
    })
}

/// Joins a name the tagger cut at a middle initial ("Donald" + "J. Trump").
fn join_initials(doc: &Doc, tagged: &[NameSpan]) -> Vec<NameSpan> {
    let mut out: Vec<NameSpan> = Vec::with_capacity(tagged.len());
    for n in tagged {
        if let Some(last) = out.last_mut() {
            let initial = doc.tokens.get(n.start_token).is_some_and(|_| {
                let w = doc.token_text(n.start_token);
                w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()) && doc.tokens.get(n.start_token + 1).is_some_and(|t| !t.space_before)
            });
            if last.label == NerLabel::Per && n.label == NerLabel::Per && last.end_token == n.start_token && initial {
                last.end_token = n.end_token;
                continue;
            }
        }
        out.push(*n);
    }
    out
}

/// Lexicon matches starting at token `s` (they are sorted and do not overlap;
/// two may share a token split at a hyphen).
fn lex_starting_at(lex: &[LexMatch], s: usize) -> impl Iterator<Item = &LexMatch> {
    let i = lex.partition_point(|m| m.start_token < s);
    lex[i..].iter().take_while(move |m| m.start_token == s)
}

fn lex_ending_at(lex: &[LexMatch], e: usize) -> impl Iterator<Item = &LexMatch> {
    let i = lex.partition_point(|m| m.end_token < e);
    lex[i..].iter().take_while(move |m| m.end_token == e)
}

/// Whether token `i` lies inside a title (not a name): "Lt. Gen.", "President".
#[cfg(test)]
fn in_title(lex: &[LexMatch], i: usize) -> bool {
    let j = lex.partition_point(|m| m.end_token <= i);
    lex[j..].iter().take_while(|m| m.start_token <= i).any(|m| {
        i < m.end_token && m.hits().iter().any(|h| matches!(h, Hit::Title | Hit::TitleAbbrev | Hit::TitleModifier))
    })
}

/// Per token: whether it lies inside a title ("Lt. Gen.", "President": a
/// lexicon match that is a title, an abbreviated title or a title's
/// modifier) and whether inside a demonym ("Ukrainian": a country's
/// demonym that is no organisation's name), marked once per document from
/// the lexicon matches; [`clean_span`] asks it of each tagged name's
/// tokens (a search of the matches per token cost more than the marking).
struct TokenRoles(Vec<u8>);

impl TokenRoles {
    const TITLE: u8 = 1;
    const DEMONYM: u8 = 2;

    fn new(doc: &Doc, lex: &[LexMatch]) -> TokenRoles {
        let n = doc.tokens.len();
        let mut roles = vec![0u8; n];
        for m in lex {
            let hits = m.hits();
            let mut role = 0;
            if hits.iter().any(|h| matches!(h, Hit::Title | Hit::TitleAbbrev | Hit::TitleModifier)) {
                role |= TokenRoles::TITLE;
            }
            if hits.iter().any(|h| matches!(h, Hit::Country { role: CountryNameRole::Demonym, .. })) && hits.iter().all(|h| !matches!(h, Hit::Org { .. })) {
                role |= TokenRoles::DEMONYM;
            }
            if role != 0 {
                for r in &mut roles[m.start_token.min(n)..m.end_token.min(n)] {
                    *r |= role;
                }
            }
        }
        TokenRoles(roles)
    }

    fn in_title(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|r| r & TokenRoles::TITLE != 0)
    }

    fn in_demonym(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|r| r & TokenRoles::DEMONYM != 0)
    }
}

/// Trims what the tagger put around a name: a sentence-opening function
/// word, trailing lower-case words ("NATO military"), and for a person a
/// leading title ("President"); drops spans that are only a title or that
/// fall on the dateline.
fn clean_span(doc: &Doc, roles: &TokenRoles, n: &NameSpan) -> Option<NameSpan> {
    let (mut s, mut e) = (n.start_token, n.end_token.min(doc.tokens.len()));
    if e <= s {
        return None;
    }
    if let Some(d) = doc.meta.dateline_span {
        if span_of_tokens(doc, s, e).overlaps(d) {
            return None;
        }
    }
    // "the Fisheries Control Agency on Monday": a time adjunct after the name
    if let Some(k) = (s + 1..e.saturating_sub(1)).find(|&k| {
        matches!(doc.token_text(k), "on" | "in" | "since" | "until" | "by" | "last" | "next" | "this")
            && CALENDAR_NAMES.contains(&doc.token_text(k + 1))
    }) {
        e = k;
    }
    while e > s + 1 && doc.token_text(e - 1).chars().next().is_some_and(|c| c.is_lowercase()) {
        e -= 1;
    }
    if e > s + 1 && is_sentence_start(doc, s) && lowercase_in(doc.token_text(s), SENTENCE_OPENERS) {
        s += 1;
    }
    if n.label == NerLabel::Per {
        // "President", "Lt. Gen.", "Democrat", "Ukrainian" before a person's name
        while s < e && (roles.in_title(s) || doc.token_text(s) == "." || is_person_label(doc.token_text(s)) || roles.in_demonym(s)) {
            s += 1;
        }
        // a person's name is short: longer runs are title-case headlines
        if e - s > 5 {
            return None;
        }
    } else if (s..e).all(|i| roles.in_title(i) || doc.token_text(i) == ".") {
        return None;
    }
    (s < e).then_some(NameSpan { start_token: s, end_token: e, label: n.label })
}

/// Merges tagged names with the lexicon and rule mentions.
fn merge_model<'a>(doc: &'a Doc, lex: &[LexMatch], mut cands: Vec<Cand>, tagged: &[NameSpan], names: &mut KeyNames<'a>) -> Vec<Cand> {
    if !cands.is_sorted_by_key(|c| (c.start, c.end)) {
        cands.sort_by_key(|c| (c.start, c.end));
    }
    let longest = cands.iter().map(|c| c.end.saturating_sub(c.start)).max().unwrap_or(0);
    let mut keep = vec![true; cands.len()];
    let mut extra = Vec::with_capacity(tagged.len());
    let tagged = join_initials(doc, tagged);
    let roles = if tagged.is_empty() { TokenRoles(Vec::new()) } else { TokenRoles::new(doc, lex) };
    for n in &tagged {
        let Some(n) = clean_span(doc, &roles, n) else { continue };
        let n = &n;
        // the candidates that may overlap the tagged name
        let lo = cands.partition_point(|c| c.start + longest < n.start_token);
        let hi = cands.partition_point(|c| c.start < n.end_token);
        let window = lo..hi;
        let exact = window.clone().find(|&i| cands[i].start == n.start_token && cands[i].end == n.end_token && cands[i].source == MentionSource::Lexicon);
        if let Some(i) = exact {
            // The lexicon knows this name: its kind, country and sector are surer,
            // except where the context says person or organisation for a place
            // ("Washington" the player, "CHICAGO" the team).
            let c = &cands[i];
            let model_says = model_kind(n.label);
            let place = matches!(c.kind, EntityKind::Location) || (c.kind == EntityKind::Country && !c.naming);
            if !(place && matches!(model_says, EntityKind::Person | EntityKind::Organization)) {
                continue;
            }
            keep[i] = false;
        }
        // a lexicon or rule mention strictly containing the tagged name wins
        if cands[window.clone()].iter().any(|c| c.start <= n.start_token && n.end_token <= c.end && c.end - c.start > n.end_token - n.start_token && c.source != MentionSource::Model) {
            continue;
        }
        // otherwise the tagged name overrides the lexicon hits it overlaps
        for i in window {
            let c = &cands[i];
            if c.end > c.start && c.overlaps_tokens(n.start_token, n.end_token) && c.source == MentionSource::Lexicon {
                keep[i] = false;
            }
        }
        let span = span_of_tokens(doc, n.start_token, n.end_token);
        let text = doc.slice(span);
        // a person or organisation the text calls a county or province is a place;
        // a name headed by "Authority", "Agency", "Party"… is an organisation
        let kind = match model_kind(n.label) {
            EntityKind::Person | EntityKind::Organization if names_a_place_kind(doc, n.end_token) => EntityKind::Location,
            EntityKind::Misc if n.end_token > n.start_token + 1 && INSTITUTION_HEADS.contains(&doc.token_text(n.end_token - 1)) => {
                EntityKind::Organization
            }
            kind => kind,
        };
        extra.push(Cand {
            span,
            start: n.start_token,
            end: n.end_token,
            kind,
            source: MentionSource::Model,
            country: None,
            sector: None,
            key: if kind == EntityKind::Person { Key::Person } else { Key::Other(kind, names.id(text)) },
            naming: true,
            shouted: !text.chars().any(|c| c.is_lowercase()),
            capital_of: None,
        });
    }
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    cands.extend(extra);
    cands
}

/// Decides what capitals and seats stand for once every mention is known:
/// a capital used for its government anywhere in the report ("Addis Ababa
/// denied") makes all its mentions the country's; a place that is the seat of
/// an organisation the report names ("Brussels" and the EU), used for its
/// government, is that organisation.
fn settle_metonyms(doc: &Doc, cands: &mut [Cand]) {
    if !cands.iter().any(|c| c.capital_of.is_some()) {
        return;
    }
    let o = orgs();
    let orgs_here: WordSet<u16> = cands.iter().filter_map(|c| if let Key::Org(i) = c.key { Some(i) } else { None }).collect();
    for c in cands.iter_mut() {
        if c.capital_of.is_some() && c.kind == EntityKind::Country {
            if let Some(org) = o.by_seat(doc.slice(c.span)) {
                let idx = o.orgs.iter().position(|x| std::ptr::eq(x, org)).unwrap_or(usize::MAX) as u16;
                if orgs_here.contains(&idx) {
                    c.kind = EntityKind::Organization;
                    c.key = Key::Org(idx);
                    c.country = None;
                    c.sector = sector(Some(org.sector));
                    c.capital_of = None;
                }
            }
        }
    }
    let metonymic: WordSet<String> =
        cands.iter().filter(|c| c.capital_of.is_some() && c.kind == EntityKind::Country).map(|c| doc.slice(c.span).to_lowercase()).collect();
    for c in cands.iter_mut() {
        if let Some(idx) = c.capital_of {
            if c.kind == EntityKind::Location && metonymic.contains(&doc.slice(c.span).to_lowercase()) {
                c.kind = EntityKind::Country;
                c.key = Key::Country(idx);
                c.naming = false;
            }
        }
    }
}

/// A name the tagger calls a person somewhere is a person everywhere in
/// the report, and so is the surname of a full name ("Hegseth's remarks"
/// tagged as an organisation once).
fn one_label_per_name(doc: &Doc, cands: &mut [Cand]) {
    // only the tagger's names of other kinds can change: without one, the
    // persons' names need not be gathered
    if !cands.iter().any(|c| c.source == MentionSource::Model && c.key != Key::Person && c.end > c.start) {
        return;
    }
    // the persons' names given in full (two words or more), as ranges of
    // one buffer of words, and their last words (no vector per name)
    let persons = cands.iter().filter(|c| c.key == Key::Person).count();
    let mut words: Vec<Folded> = Vec::with_capacity(3 * persons);
    let mut full_names: Vec<std::ops::Range<usize>> = Vec::with_capacity(persons);
    let mut surnames: WordSet<Folded> = WordSet::with_capacity_and_hasher(persons, Default::default());
    for c in cands.iter().filter(|c| c.key == Key::Person) {
        // only names given in full: a one-word "person" may be the tagger's slip
        // (counted before the words are built)
        if c.end > c.start && (c.start..c.end).filter(|&i| !is_possessive(doc.token_text(i))).nth(1).is_none() {
            continue;
        }
        let at = words.len();
        push_name_words(doc, c, &mut words);
        if words.len() > at + 1 {
            surnames.insert(words[words.len() - 1]);
            full_names.push(at..words.len());
        } else {
            words.truncate(at);
        }
    }
    if full_names.is_empty() {
        return;
    }
    let mut name: Vec<Folded> = Vec::new();
    for c in cands.iter_mut() {
        if c.source != MentionSource::Model || c.key == Key::Person || c.end <= c.start {
            continue;
        }
        // cheap test first: the last word must be a known surname
        let last = doc.token_text(if doc.token_text(c.end - 1) == "'s" && c.end > c.start + 1 { c.end - 2 } else { c.end - 1 });
        if !surnames.contains(&Folded(last)) {
            continue;
        }
        // a surname alone, or a full name
        name.clear();
        push_name_words(doc, c, &mut name);
        let known = match name.len() {
            0 => false,
            1 => surnames.contains(&name[0]),
            _ => full_names.iter().any(|r| words[r.clone()] == name[..]),
        };
        if known {
            c.kind = EntityKind::Person;
            c.key = Key::Person;
        }
    }
}

/// Legal designators and abbreviations that end a company's name ("Acme
/// Holdings Inc", "Rossi SpA", "Baxter Bros"); a `match` on the word, which
/// compares lengths before bytes.
fn is_designator(w: &str) -> bool {
    matches!(
        w,
        "Inc" | "Corp" | "Co" | "Cos" | "Ltd" | "Plc" | "PLC" | "plc" | "LLC" | "SpA" | "SA" | "S.A." | "AG" | "NV" | "N.V." | "BV" | "GmbH"
            | "Bros" | "Corporation" | "Incorporated" | "Limited"
    )
}

/// The designator ending the tokens `s..e`, a name of two words or more.
fn ends_with_designator(doc: &Doc, s: usize, e: usize) -> bool {
    e >= s + 2 && is_designator(doc.token_text(e - 1))
}

/// A name ending with a company's designator ("Rossi Cables SpA") is an
/// organisation's, whatever the tagger took it for, and so is that name
/// without the designator, or its first words, written elsewhere in the
/// report ("Rossi Cables", "Rossi") where the tagger took it for a person
/// or a thing. The designator's full stop belongs to the name ("Acme
/// Corp. said") unless it also ends the line's sentence.
fn company_names<'a>(doc: &'a Doc, cands: &mut Vec<Cand>, names: &mut KeyNames<'a>) {
    join_designators(doc, cands, names);
    if !cands.iter().any(|c| ends_with_designator(doc, c.start, c.end)) {
        return;
    }
    let mut stems: Vec<Vec<Folded>> = Vec::new();
    for c in cands.iter_mut() {
        if !ends_with_designator(doc, c.start, c.end) {
            continue;
        }
        if c.kind != EntityKind::Organization && c.source == MentionSource::Model {
            c.kind = EntityKind::Organization;
            c.key = Key::Other(EntityKind::Organization, names.id(doc.slice(c.span)));
        }
        if c.kind != EntityKind::Organization {
            continue;
        }
        let mut e = c.end - 1;
        while e > c.start && matches!(doc.token_text(e - 1), "&" | "," | "and") {
            e -= 1;
        }
        if e > c.start {
            stems.push((c.start..e).map(|t| Folded(doc.token_text(t))).collect());
        }
        // "Acme Corp. said": the abbreviation's full stop, when the sentence goes on
        let dot = c.end;
        if dot + 1 < doc.tokens.len()
            && doc.token_text(dot) == "."
            && doc.tokens[dot].span.start() == c.span.end()
            && doc.token_text(c.end - 1).chars().all(|ch| ch.is_alphabetic())
            && !doc.text[doc.tokens[dot].span.end()..doc.tokens[dot + 1].span.start()].contains('\n')
            && !(doc.tokens[dot + 1].kind == TokenKind::Quote && ends_line(doc, dot + 1))
        {
            c.end += 1;
            c.span = span_of_tokens(doc, c.start, c.end);
        }
    }
    for c in cands.iter_mut() {
        if c.source != MentionSource::Model || c.kind == EntityKind::Organization || c.end <= c.start {
            continue;
        }
        let words: Vec<Folded> = (c.start..c.end).map(|t| Folded(doc.token_text(t))).collect();
        if stems.iter().any(|stem| stem.len() >= words.len() && stem[..words.len()] == words[..]) {
            c.kind = EntityKind::Organization;
            c.key = Key::Other(EntityKind::Organization, names.id(doc.slice(c.span)));
        }
    }
}

/// A designator the tagger left out of the name before it ("Rossi" and
/// "SpA", "Acme" then "International Inc"): the name, the capitalised words
/// after it and the designator are one organisation's name.
fn join_designators<'a>(doc: &'a Doc, cands: &mut Vec<Cand>, names: &mut KeyNames<'a>) {
    let mut joined = Vec::new();
    let norm = doc.norm.as_str().as_bytes();
    for d in 1..doc.tokens.len() {
        // cheap tests first: a designator is two to twelve bytes long and
        // begins with one of the letters of `is_designator`
        let tok = &doc.tokens[d];
        if !(2..=12).contains(&(tok.norm_end.wrapping_sub(tok.norm_start) as usize))
            || !matches!(norm[tok.norm_start as usize], b'I' | b'C' | b'L' | b'P' | b'p' | b'S' | b'A' | b'N' | b'B' | b'G')
        {
            continue;
        }
        if !is_designator(doc.token_text(d)) || cands.iter().any(|c| c.start < d && d < c.end) {
            continue;
        }
        // the capitalised words just before it, on its line
        let mut s = d;
        while s > 0
            && d - s < 5
            && doc.tokens[s - 1].kind == TokenKind::Word
            && doc.token_text(s - 1).chars().next().is_some_and(char::is_uppercase)
            && !ends_line(doc, s - 1)
        {
            s -= 1;
        }
        // from the first name among them
        let Some(first) = cands.iter().filter(|c| c.start >= s && c.end <= d && c.end > c.start).map(|c| c.start).min() else {
            continue;
        };
        joined.push((first, d + 1));
    }
    if joined.is_empty() {
        return;
    }
    for &(s, e) in &joined {
        cands.retain(|c| !(c.end > c.start && c.start >= s && c.end <= e));
        cands.push(name_cand(doc, names, s, e, EntityKind::Organization, MentionSource::Model));
    }
    sort_by_span(cands);
}

/// A candidate naming a thing that is not a person (an organisation or a
/// MISC name a rule put together) over the tokens `s..e`.
fn name_cand<'a>(doc: &'a Doc, names: &mut KeyNames<'a>, s: usize, e: usize, kind: EntityKind, source: MentionSource) -> Cand {
    let span = span_of_tokens(doc, s, e);
    Cand {
        span,
        start: s,
        end: e,
        kind,
        source,
        country: None,
        sector: None,
        key: Key::Other(kind, names.id(doc.slice(span))),
        naming: true,
        shouted: !doc.slice(span).chars().any(|c| c.is_lowercase()),
        capital_of: None,
    }
}

/// Small words a title in title case leaves in lower case ("Lawrence of
/// Arabia", "A Farewell to Arms").
const TITLE_SMALL_WORDS: &[&str] = &["of", "the", "a", "an", "in", "on", "and", "for", "to", "at", "from", "with", "by", "or", "de"];

/// The most words of a title in quotation marks.
const TITLE_WORDS: usize = 8;

/// The title of a work in quotation marks, in title case ("The Quiet
/// Harbour", "Letters from Kharkiv 1942"), is one name of a thing, not the
/// person or place its words may name: every word capitalised but small
/// ones, two words or more, on one line. A text in quotation marks that is
/// already one name ("Islamic State" in scare quotes) is left as it is.
fn quoted_titles<'a>(doc: &'a Doc, cands: &mut Vec<Cand>, names: &mut KeyNames<'a>) {
    let n = doc.tokens.len();
    let mut titles = Vec::new();
    let mut open = None;
    for t in 0..n {
        if doc.tokens[t].kind != TokenKind::Quote {
            continue;
        }
        let Some(o) = open.take() else {
            open = Some(t);
            continue;
        };
        let (s, mut e) = (o + 1, t);
        // a comma or full stop the house style puts inside the marks
        if e > s && matches!(doc.token_text(e - 1), "," | ".") {
            e -= 1;
        }
        let words = e.saturating_sub(s);
        if !(2..=TITLE_WORDS).contains(&words) || (o..t).any(|k| ends_line(doc, k)) {
            open = Some(t);
            continue;
        }
        let capital = |k: usize| doc.token_text(k).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let title = capital(s)
            && capital(e - 1)
            && (s..e).all(|k| doc.tokens[k].kind == TokenKind::Word && (capital(k) || TITLE_SMALL_WORDS.contains(&doc.token_text(k))));
        if title && !cands.iter().any(|c| c.start == s && c.end == e) {
            titles.push((s, e));
        }
    }
    for &(s, e) in &titles {
        cands.retain(|c| !(c.end > c.start && c.start >= s && c.end <= e));
        if cands.iter().any(|c| c.overlaps_tokens(s, e)) {
            continue;
        }
        cands.push(name_cand(doc, names, s, e, EntityKind::Misc, MentionSource::Rule));
    }
    if !titles.is_empty() {
        sort_by_span(cands);
    }
}

/// A name's first word that joins a name to a lower-case participle or
/// adjective by a hyphen ("Bergamo-based", "Communist-led",
/// "Brazilian-born"): a modifier, not a part of the name after it.
fn hyphenated_modifier(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.rsplit_once('-').is_some_and(|(head, tail)| !head.is_empty() && tail.chars().next().is_some_and(char::is_lowercase))
}

/// "Bergamo-based Atalanta", "Brazilian-born Luis Oliveira" tagged as one
/// name: the modifier is a name of its own (MISC, an adjective made of a
/// name) and so is the name after it, of the kind the report gives that
/// name elsewhere, else a person after "-born" and an organisation after
/// the other participles ("-based", "-led", "-listed": companies, parties,
/// teams).
fn split_hyphenated_modifiers<'a>(doc: &'a Doc, cands: &mut Vec<Cand>, names: &mut KeyNames<'a>) {
    let split: Vec<usize> = (0..cands.len())
        .filter(|&i| {
            let c = &cands[i];
            c.source == MentionSource::Model && c.end >= c.start + 2 && hyphenated_modifier(doc.token_text(c.start))
        })
        .collect();
    if split.is_empty() {
        return;
    }
    for i in split {
        let c = cands[i].clone();
        let rest_span = span_of_tokens(doc, c.start + 1, c.end);
        let rest = Folded(doc.slice(rest_span));
        let elsewhere = cands.iter().find(|o| o.end > o.start && o.span != c.span && Folded(doc.slice(o.span)) == rest).map(|o| o.kind);
        let kind = elsewhere.unwrap_or(if doc.token_text(c.start).ends_with("-born") { EntityKind::Person } else { EntityKind::Organization });
        let first = span_of_tokens(doc, c.start, c.start + 1);
        cands[i] = Cand {
            span: first,
            end: c.start + 1,
            kind: EntityKind::Misc,
            key: Key::Other(EntityKind::Misc, names.id(doc.slice(first))),
            ..c.clone()
        };
        cands.push(Cand {
            span: rest_span,
            start: c.start + 1,
            kind,
            key: if kind == EntityKind::Person { Key::Person } else { Key::Other(kind, names.id(doc.slice(rest_span))) },
            ..c
        });
    }
    sort_by_span(cands);
}

/// Whether a token is a year: two digits ("96") or four from 1900 to 2099.
fn year_like(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit()) && (w.len() == 2 || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20"))))
}

/// The year that names an edition of an event ("Euro 96", "Expo 2030") is
/// part of the name: a MISC name followed on its line by a year. (A year
/// before the name, "the 1998 World Cup", is not: CoNLL-style gold is split
/// on it, and the measure fell.)
fn numbered_names(doc: &Doc, cands: &mut [Cand]) {
    let n = doc.tokens.len();
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.kind != EntityKind::Misc || c.end <= c.start || c.end > n {
            continue;
        }
        let (s, mut e) = (c.start, c.end);
        let after = |t: usize| t < n && !ends_line(doc, t - 1) && doc.tokens[t].span.start() > doc.tokens[t - 1].span.end();
        if after(e) {
            let w = doc.token_text(e);
            if year_like(w) && !cands.iter().any(|o| o.start == e) {
                e += 1;
            }
        }
        if (s, e) != (c.start, c.end) {
            let c = &mut cands[i];
            c.start = s;
            c.end = e;
            c.span = span_of_tokens(doc, s, e);
        }
    }
}

/// One kind per name in a report: the tagger's mentions of the same words
/// that it gave different kinds take the kind it gave most of them (a tie
/// changes nothing).
fn majority_kinds<'a>(doc: &'a Doc, cands: &mut [Cand], names: &mut KeyNames<'a>) {
    const KINDS: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organization, EntityKind::Location, EntityKind::Misc];
    let name_of = |c: &Cand| Folded(trim_possessives(doc.slice(c.span)));
    let mut votes: WordMap<Folded, [u16; 4]> = WordMap::default();
    for c in cands.iter().filter(|c| c.source == MentionSource::Model && c.end > c.start) {
        if let Some(k) = KINDS.iter().position(|k| *k == c.kind) {
            votes.entry(name_of(c)).or_default()[k] += 1;
        }
    }
    for c in cands.iter_mut().filter(|c| c.source == MentionSource::Model && c.end > c.start) {
        let Some(&v) = votes.get(&name_of(c)) else { continue };
        let best = v.iter().copied().max().unwrap_or(0);
        let total: u16 = v.iter().sum();
        if total < 2 || best == total || v.iter().filter(|&&x| x == best).count() > 1 {
            continue;
        }
        let kind = KINDS[v.iter().position(|&x| x == best).unwrap_or(0)];
        if c.kind != kind {
            c.kind = kind;
            c.key = if kind == EntityKind::Person { Key::Person } else { Key::Other(kind, names.id(doc.slice(c.span))) };
        }
    }
}

/// Whether token `t` is the last of its line.
fn ends_line(doc: &Doc, t: usize) -> bool {
    match doc.tokens.get(t + 1) {
        None => true,
        Some(next) => doc.text[doc.tokens[t].span.end()..next.span.start()].contains('\n'),
    }
}

/// A person's full name or surname written again where the tagger missed
/// it ("Tesfay added…" at the start of a sentence) is the same person.
fn repeated_person_names(doc: &Doc, cands: &[Cand]) -> Vec<Cand> {
    let names = repeated_names(doc, cands);
    if names.is_empty() {
        return Vec::new();
    }
    // the byte lengths of the names (63: longer), which rule out most tokens
    // before they are looked up
    let lengths: u64 = names.iter().fold(0, |m, w| m | 1 << w.len().min(63));
    let covered = covered_tokens(doc, cands);
    let mut out = Vec::new();
    let norm = doc.norm.as_str().as_bytes();
    for (i, t) in doc.tokens.iter().enumerate() {
        // cheap tests first: an ASCII word must begin with a capital
        // (the length first: it needs no read of the text, and rules out most)
        let len = t.norm_end.wrapping_sub(t.norm_start) as usize;
        if lengths & 1 << len.min(63) == 0 {
            continue;
        }
        let first = if t.norm_end > t.norm_start { norm.get(t.norm_start as usize) } else { None };
        if first.is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase()) || covered[i] {
            continue;
        }
        let w = doc.token_text(i);
        if !w.chars().next().is_some_and(char::is_uppercase) || !names.contains(w) || before_capitalised_word(doc, i) {
            continue;
        }
        out.push(repeated_name_cand(doc, i));
    }
    out
}

/// The last words of the persons named in full (without a possessive):
/// capitalised, of three characters or more.
fn repeated_names<'a>(doc: &'a Doc, cands: &[Cand]) -> WordSet<&'a str> {
    let mut names: WordSet<&str> = WordSet::default();
    for c in cands.iter().filter(|c| c.key == Key::Person && c.end >= c.start + 2) {
        let last = doc.token_text(c.end - 1);
        let last = if last == "'s" && c.end >= c.start + 2 { doc.token_text(c.end - 2) } else { last };
        if last.chars().next().is_some_and(char::is_uppercase) && last.chars().count() > 2 {
            names.insert(last);
        }
    }
    names
}

/// Per token: whether some candidate covers it.
fn covered_tokens(doc: &Doc, cands: &[Cand]) -> Vec<bool> {
    let mut covered = vec![false; doc.tokens.len()];
    for c in cands {
        for t in c.start..c.end.min(covered.len()) {
            covered[t] = true;
        }
    }
    covered
}

/// Token `i` is the first word of another capitalised name ("Prado Museum").
fn before_capitalised_word(doc: &Doc, i: usize) -> bool {
    doc.tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word) && doc.token_text(i + 1).chars().next().is_some_and(char::is_uppercase)
}

fn repeated_name_cand(doc: &Doc, i: usize) -> Cand {
    Cand {
        span: doc.tokens[i].span,
        start: i,
        end: i + 1,
        kind: EntityKind::Person,
        source: MentionSource::Rule,
        country: None,
        sector: None,
        key: Key::Person,
        naming: true,
        shouted: false,
        capital_of: None,
    }
}

/// "Assembly of First Nations (AFN)": a name followed by its acronym in
/// brackets is one organisation's name, whatever the tagger split it into.
fn acronym_definitions<'a>(doc: &'a Doc, cands: &mut Vec<Cand>, names: &mut KeyNames<'a>) {
    let n = doc.tokens.len();
    let mut found = Vec::new();
    let norm = doc.norm.as_str().as_bytes();
    for i in tokens_spelled(doc, memchr::memchr_iter(b'(', norm), b"(") {
        if i == 0 || i + 2 >= n || !token_is(&doc.tokens[i + 2], norm, b")") {
            continue;
        }
        let acr = doc.token_text(i + 1);
        let letters = acr.chars().count();
        if !(2..=8).contains(&letters) || !acr.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        // walk back over capitalised words and connectors
        let mut j = i;
        let mut start = None;
        let mut caps = 0;
        while j > 0 && i - j < 12 {
            let w = doc.token_text(j - 1);
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if !(capital || matches!(w, "of" | "the" | "and" | "for" | "on" | "de" | "&")) {
                break;
            }
            j -= 1;
            if capital {
                caps += 1;
                if caps == letters {
                    start = Some(j);
                    break;
                }
            }
        }
        let Some(s) = start else { continue };
        let words: Vec<Folded> = (s..i).map(|k| Folded(doc.token_text(k))).collect();
        if initials(&words) != acr {
            continue;
        }
        found.push((s, i, i + 1));
    }
    for (s, e, acr) in found {
        cands.retain(|c| !(c.source == MentionSource::Model && c.start < e && s < c.end));
        let span = span_of_tokens(doc, s, e);
        let kind = EntityKind::Organization;
        let key = Key::Other(kind, names.id(doc.slice(span)));
        cands.push(Cand { span, start: s, end: e, kind, source: MentionSource::Rule, country: None, sector: None, key, naming: true, shouted: false, capital_of: None });
        if !cands.iter().any(|c| c.start == acr && c.end == acr + 1) {
            let span = doc.tokens[acr].span;
            let key = Key::Other(kind, names.id(doc.slice(span)));
            cands.push(Cand { span, start: acr, end: acr + 1, kind, source: MentionSource::Rule, country: None, sector: None, key, naming: true, shouted: true, capital_of: None });
        }
    }
}

/// Tokens of a name without a final possessive.
fn name_words<'a>(doc: &'a Doc, c: &Cand) -> Vec<Folded<'a>> {
    if c.end <= c.start {
        return doc.slice(c.span).split_whitespace().map(Folded).collect();
    }
    let mut words = Vec::with_capacity(c.end - c.start);
    for i in c.start..c.end {
        let w = doc.token_text(i);
        if !is_possessive(w) {
            words.push(Folded(w));
        }
    }
    words
}

/// `w.to_lowercase() == "'s"` (no other text lower-cases to it).
fn is_possessive(w: &str) -> bool {
    w.len() == 2 && w.eq_ignore_ascii_case("'s")
}

/// "Donald J. Trump" and "Donald Trump": the same surname and the same
/// first initial, both with a given name.
fn same_person_name(a: &[Folded], b: &[Folded]) -> bool {
    a.len() > 1 && b.len() > 1 && a.last() == b.last() && a.first().and_then(Folded::first_char) == b.first().and_then(Folded::first_char)
}

/// Connecting words an acronym leaves out.
const NOT_IN_ACRONYMS: &[&str] = &["of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le"];

/// The upper-cased first letters of the words an acronym keeps. An ASCII
/// first letter is upper-cased as a byte: the Unicode case tables (lower,
/// then upper) give the same for it at many times the cost, and this runs
/// for each organisation an acronym is compared with. An ASCII word is
/// compared with the (ASCII) connecting words by length and ASCII case:
/// [`Folded`]'s equality asks both words whether they are ASCII after
/// every mismatch.
fn initials(words: &[Folded]) -> String {
    let mut out = String::with_capacity(words.len());
    let connecting = |w: &Folded| {
        if w.0.is_ascii() {
            NOT_IN_ACRONYMS.iter().any(|c| c.len() == w.0.len() && c.eq_ignore_ascii_case(w.0))
        } else {
            NOT_IN_ACRONYMS.iter().any(|&c| *w == Folded(c))
        }
    };
    for w in words.iter().filter(|w| !connecting(w)) {
        match w.0.as_bytes().first() {
            Some(b) if b.is_ascii() => out.push(char::from(b.to_ascii_uppercase())),
            _ => out.extend(w.first_char().into_iter().flat_map(char::to_uppercase)),
        }
    }
    out
}

/// Appends the words of a name without a final possessive to `out`
/// (as [`name_words`], into one buffer shared by a document's names).
fn push_name_words<'a>(doc: &'a Doc, c: &Cand, out: &mut Vec<Folded<'a>>) {
    if c.end <= c.start {
        out.extend(doc.slice(c.span).split_whitespace().map(Folded));
        return;
    }
    for i in c.start..c.end {
        let w = doc.token_text(i);
        if !is_possessive(w) {
            out.push(Folded(w));
        }
    }
}

/// Assigns each candidate a group index; candidates are in text order.
fn group(doc: &Doc, cands: &[Cand]) -> Vec<usize> {
    let mut groups: Vec<usize> = vec![0; cands.len()];
    let mut by_key: WordMap<&Key, usize> = WordMap::with_capacity_and_hasher(cands.len(), Default::default());
    // persons: surname ↔ full name. Each person's words are a range of
    // `words` (one buffer for the document, not a vector per mention); the
    // persons sharing a last word are chained in order from the first
    // (`persons_by_last` holds the first and the last of the chain)
    let n_persons = cands.iter().filter(|c| c.key == Key::Person).count();
    let mut words: Vec<Folded> = Vec::with_capacity(4 * n_persons);
    // (group, words, next person with the same last word)
    let mut persons: Vec<(usize, std::ops::Range<usize>, usize)> = Vec::with_capacity(n_persons);
    let mut persons_by_last: WordMap<Folded, (usize, usize)> = WordMap::with_capacity_and_hasher(n_persons, Default::default());
    let mut n_groups = 0;
    // organisations: (group, candidate, its initials when it has two words
    // or more, worked out when an acronym is first compared)
    let mut org_groups: Vec<(usize, usize, Option<Option<String>>)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.key == Key::Person {
            let at = words.len();
            push_name_words(doc, c, &mut words);
            let Some(&last) = words.last().filter(|_| words.len() > at) else { continue };
            let here = at..words.len();
            let found = {
                let name = &words[here.clone()];
                let chain = |first: usize| {
                    std::iter::successors(Some(first), |&p| Some(persons[p].2).filter(|&n| n != usize::MAX))
                };
                let first = persons_by_last.get(&last).map_or(usize::MAX, |&(f, _)| f);
                let same_last = || (first != usize::MAX).then(|| chain(first)).into_iter().flatten();
                let full_of = |p: usize| &words[persons[p].1.clone()];
                // every way two names can be one person shares the last word
                let fits = |full: &[Folded]| full == name || (name.len() < full.len() && full.ends_with(name)) || same_person_name(full, name);
                // a bare surname shared by two people named in full ("Obama" with
                // Barack and Michelle Obama) stays apart from both
                let ambiguous = name.len() == 1 && same_last().filter(|&p| full_of(p).len() > 1 && fits(full_of(p))).nth(1).is_some();
                let direct = if ambiguous { same_last().find(|&p| full_of(p) == name) } else { same_last().find(|&p| fits(full_of(p))) };
                // or a surname seen before its full name
                direct.map(|p| (p, false)).or_else(|| same_last().find(|&p| full_of(p).len() < name.len() && name.ends_with(full_of(p))).map(|p| (p, true)))
            };
            match found {
                Some((p, longer)) => {
                    groups[i] = persons[p].0;
                    if longer {
                        persons[p].1 = here;
                    } else {
                        words.truncate(at);
                    }
                }
                None => {
                    let p = persons.len();
                    persons.push((n_groups, here, usize::MAX));
                    match persons_by_last.entry(last) {
                        std::collections::hash_map::Entry::Occupied(mut e) => {
                            let (_, tail) = *e.get();
                            persons[tail].2 = p;
                            e.get_mut().1 = p;
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert((p, p));
                        }
                    }
                    groups[i] = n_groups;
                    n_groups += 1;
                }
            }
            continue;
        }
        if c.kind == EntityKind::Organization {
            // an acronym of an organisation named before ("Assembly of First Nations (AFN)")
            let text = doc.slice(c.span);
            if text.len() >= 2 && text.chars().all(|ch| ch.is_uppercase()) && !by_key.contains_key(&c.key) {
                let acronym_of = org_groups.iter_mut().find_map(|(g, named_by, initials_of)| {
                    let initials_of = initials_of.get_or_insert_with(|| {
                        let w = name_words(doc, &cands[*named_by]);
                        (w.len() >= 2).then(|| initials(&w))
                    });
                    (initials_of.as_deref() == Some(text)).then_some(*g)
                });
                if let Some(g) = acronym_of {
                    groups[i] = g;
                    by_key.insert(&c.key, g);
                    continue;
                }
            }
        }
        let g = *by_key.entry(&c.key).or_insert_with(|| {
            n_groups += 1;
            n_groups - 1
        });
        groups[i] = g;
        if c.kind == EntityKind::Organization {
            org_groups.push((g, i, None));
        }
    }
    groups
}

/// A title just before or in apposition to a person's name.
struct RoleInfo {
    role: String,
    country: Option<&'static str>,
    sector: Option<Sector>,
}

/// The title phrase (with its modifiers) ending at token `end` (exclusive).
fn title_ending_at(doc: &Doc, lex: &[LexMatch], end: usize) -> Option<(usize, Span)> {
    let t = lex_ending_at(lex, end).find(|m| m.hits().contains(&Hit::Title))?;
    let mut start = t.start_token;
    let mut span = doc.span_from_norm(t.norm_start, t.norm_end);
    while let Some(m) = lex_ending_at(lex, start).find(|m| m.hits().contains(&Hit::TitleModifier) && m.start_token < start) {
        start = m.start_token;
        span = doc.span_from_norm(m.norm_start, m.norm_end).cover(span);
    }
    Some((start, span))
}

/// The title phrase (with modifiers) starting at token `start`.
fn title_starting_at(doc: &Doc, lex: &[LexMatch], start: usize) -> Option<(usize, Span)> {
    let mut s = start;
    let mut first: Option<Span> = None;
    while let Some(m) = lex_starting_at(lex, s).find(|m| m.hits().contains(&Hit::TitleModifier) && !m.hits().contains(&Hit::Title) && m.end_token > s) {
        first.get_or_insert(doc.span_from_norm(m.norm_start, m.norm_end));
        s = m.end_token;
    }
    let t = lex_starting_at(lex, s).find(|m| m.hits().contains(&Hit::Title))?;
    let tspan = doc.span_from_norm(t.norm_start, t.norm_end);
    Some((t.end_token, first.map_or(tspan, |f| f.cover(tspan))))
}

/// The country a title belongs to from the words before it: "Eritrea's",
/// "the Ukrainian", "U.S.".
fn country_before(cands: &CandIndex, doc: &Doc, start: usize) -> Option<&'static str> {
    let mut s = start;
    if s > 0 && doc.token_text(s - 1).eq_ignore_ascii_case("'s") {
        s -= 1;
    }
    cands
        .ending_at(s)
        .find(|c| c.end > c.start && c.country.is_some() && matches!(c.key, Key::Country(_) | Key::Group(_) | Key::Org(_) | Key::Institution(..)))
        .and_then(|c| c.country)
}

/// Candidates by the token they start and end at. Candidates in order of
/// their first token (as they mostly are) are searched by bisection as
/// they are, those ending at a token among the ones starting at most the
/// longest candidate's length before it; otherwise through sorted pairs.
/// Either way the candidates found come in the order of the slice.
struct CandIndex<'a> {
    cands: &'a [Cand],
    /// The candidates are in order of their first token.
    in_order: bool,
    /// The most tokens a candidate covers (when `in_order`).
    longest: usize,
    /// (first token, candidate), (end token, candidate), sorted (when not `in_order`).
    by_start: Vec<(usize, usize)>,
    by_end: Vec<(usize, usize)>,
}

impl<'a> CandIndex<'a> {
    fn new(cands: &'a [Cand]) -> CandIndex<'a> {
        if cands.is_sorted_by_key(|c| c.start) {
            let longest = cands.iter().map(|c| c.end.saturating_sub(c.start)).max().unwrap_or(0);
            return CandIndex { cands, in_order: true, longest, by_start: Vec::new(), by_end: Vec::new() };
        }
        let mut by_start: Vec<(usize, usize)> = Vec::with_capacity(cands.len());
        by_start.extend(cands.iter().enumerate().filter(|(_, c)| c.end > c.start).map(|(i, c)| (c.start, i)));
        let mut by_end: Vec<(usize, usize)> = Vec::with_capacity(cands.len());
        by_end.extend(cands.iter().enumerate().filter(|(_, c)| c.end > c.start).map(|(i, c)| (c.end, i)));
        if !by_start.is_sorted() {
            by_start.sort_unstable();
        }
        if !by_end.is_sorted() {
            by_end.sort_unstable();
        }
        CandIndex { cands, in_order: false, longest: 0, by_start, by_end }
    }
    fn starting_at(&self, s: usize) -> impl Iterator<Item = &'a Cand> + '_ {
        let cands: &'a [Cand] = self.cands;
        let (direct, pairs) = if self.in_order {
            (&cands[cands.partition_point(|c| c.start < s)..], &[][..])
        } else {
            let v: &[(usize, usize)] = &self.by_start;
            (&[][..], &v[v.partition_point(|&(x, _)| x < s)..])
        };
        direct
            .iter()
            .take_while(move |c| c.start == s)
            .filter(|c| c.end > c.start)
            .chain(pairs.iter().take_while(move |&&(x, _)| x == s).map(move |&(_, j)| &cands[j]))
    }
    fn ending_at(&self, e: usize) -> impl Iterator<Item = &'a Cand> + '_ {
        let cands: &'a [Cand] = self.cands;
        let longest = self.longest;
        let (direct, pairs) = if self.in_order {
            (&cands[cands.partition_point(|c| c.start + longest < e)..], &[][..])
        } else {
            let v: &[(usize, usize)] = &self.by_end;
            (&[][..], &v[v.partition_point(|&(x, _)| x < e)..])
        };
        direct
            .iter()
            .take_while(move |c| c.start < e)
            .filter(move |c| c.end == e && c.end > c.start)
            .chain(pairs.iter().take_while(move |&&(x, _)| x == e).map(move |&(_, j)| &cands[j]))
    }
}

fn role_for(doc: &Doc, lex: &[LexMatch], cands: &CandIndex, c: &Cand) -> Option<RoleInfo> {
    if c.end <= c.start {
        return None;
    }
    let make = |span: Span, start: usize| {
        let role = doc.slice(span).to_string();
        Some(RoleInfo { sector: sector(title_sector(&role)), country: country_before(cands, doc, start), role })
    };
    // "X's trade minister, Helena Prado," / "Defense Secretary Pete Hegseth"
    let mut before = c.start;
    let comma_before = before > 0 && doc.token_text(before - 1) == ",";
    if comma_before {
        before -= 1;
    }
    // apposition after: "Tadesse Worku, Ethiopia's deputy chief of staff"
    if c.end < doc.tokens.len() && doc.token_text(c.end) == "," {
        let mut k = c.end + 1;
        // skip "the", a country word and a possessive
        if k < doc.tokens.len() && doc.token_text(k).eq_ignore_ascii_case("the") {
            k += 1;
        }
        if let Some(owner) = cands.starting_at(k).find(|o| matches!(o.key, Key::Country(_) | Key::Group(_))) {
            k = owner.end;
            if k < doc.tokens.len() && doc.token_text(k) == "'s" {
                k += 1;
            }
        }
        if let Some((_, span)) = title_starting_at(doc, lex, k) {
            let start_tok = doc.token_at_or_after(span.start());
            return make(span, start_tok);
        }
    }
    if let Some((start, span)) = title_ending_at(doc, lex, before) {
        return make(span, start);
    }
    if !comma_before {
        // "Lt. Gen. Tadesse Worku": an abbreviated title gives a sector only
        if let Some(m) = lex_ending_at(lex, c.start).find(|m| m.hits().contains(&Hit::TitleAbbrev)) {
            let text = doc.slice(doc.span_from_norm(m.norm_start, m.norm_end));
            if let Some(s) = sector(title_sector(text)) {
                return Some(RoleInfo { role: String::new(), country: None, sector: Some(s) });
            }
        }
    }
    None
}

/// Writes `doc.mentions` and `doc.entities`.
pub fn resolve(doc: &mut Doc, lex: &[LexMatch], tagged: &[NameSpan]) {
    let mut names = KeyNames::with_capacity(lex.len() + tagged.len() + 1);
    let mut cands = lexicon_cands(doc, lex, &mut names);
    // room for the rule and tagger mentions to come, so that the vector grows once
    cands.reserve(tagged.len() + 8);
    let inst = institution_cands(doc, lex, &cands);
    cands.extend(inst);
    cands.extend(administration_cands(doc, &mut names));
    let mut cands = merge_model(doc, lex, cands, tagged, &mut names);
    acronym_definitions(doc, &mut cands, &mut names);
    if let Some(d) = dateline_cand(doc, &mut names) {
        if !cands.iter().any(|c| c.span.overlaps(d.span)) {
            cands.push(d);
        }
    }
    sort_by_span(&mut cands);
    cands.dedup_by(|a, b| a.span == b.span);
    settle_metonyms(doc, &mut cands);
    one_label_per_name(doc, &mut cands);
    split_hyphenated_modifiers(doc, &mut cands, &mut names);
    majority_kinds(doc, &mut cands, &mut names);
    company_names(doc, &mut cands, &mut names);
    quoted_titles(doc, &mut cands, &mut names);
    numbered_names(doc, &mut cands);
    sort_by_span(&mut cands);
    let more = repeated_person_names(doc, &cands);
    if !more.is_empty() {
        cands.extend(more);
        sort_by_span(&mut cands);
    }
    let groups = group(doc, &cands);
    let index = CandIndex::new(&cands);

    let members = members_by_group(&groups);
    let g = geo();
    let o = orgs();
    doc.mentions.clear();
    doc.entities.clear();
    doc.mentions.reserve(cands.len() + 8);
    let mut mention_of_cand = vec![0usize; cands.len()];
    for (i, c) in cands.iter().enumerate() {
        mention_of_cand[i] = doc.mentions.len();
        doc.mentions.push(Mention { span: c.span, kind: c.kind, source: c.source, entity: None });
    }
    doc.entities.reserve(groups.iter().max().map_or(0, |g| g + 1));
    for m in members.chunk_by(|&a, &b| groups[a] == groups[b]) {
        let first = &cands[m[0]];
        let kind = match first.key {
            Key::Country(_) => EntityKind::Country,
            Key::Org(_) | Key::Institution(..) => EntityKind::Organization,
            _ => m.iter().map(|&i| cands[i].kind).find(|k| *k == EntityKind::Country).unwrap_or(first.kind),
        };
        let best = m
            .iter()
            .copied()
            .filter(|&i| cands[i].naming)
            .max_by_key(|&i| (!cands[i].shouted, trim_possessives(doc.slice(cands[i].span)).chars().count(), std::cmp::Reverse(i)));
        let name = match (best, &first.key) {
            (Some(i), _) => display_name(doc, &cands[i]),
            (None, Key::Country(idx)) => g.countries[*idx as usize].name.clone(),
            (None, Key::Org(idx)) => o.orgs[*idx as usize].name.clone(),
            (None, _) => display_name(doc, first),
        };
        let mut e = Entity::new(name, kind);
        e.country = m.iter().find_map(|&i| cands[i].country).map(str::to_string);
        e.sector = if kind == EntityKind::Country { None } else { m.iter().find_map(|&i| cands[i].sector) };
        if kind == EntityKind::Person {
            if let Some(r) = m.iter().find_map(|&i| role_for(doc, lex, &index, &cands[i])) {
                if !r.role.is_empty() {
                    e.role = Some(r.role);
                }
                e.country = e.country.or(r.country.map(str::to_string));
                e.sector = e.sector.or(r.sector);
            }
        }
        e.mentions = m.iter().map(|&i| mention_of_cand[i]).collect();
        let id: EntityId = doc.add_entity(e);
        for &i in m {
            doc.mentions[mention_of_cand[i]].entity = Some(id);
        }
    }
    add_role_references(doc, &cands, &mention_of_cand);
}

/// Sorts candidates by start, longer first (a stable sort, skipped when
/// they are already in order, as they mostly are).
fn sort_by_span(cands: &mut [Cand]) {
    let key = |c: &Cand| (c.span.start(), std::cmp::Reverse(c.span.end()));
    if !cands.is_sorted_by_key(key) {
        cands.sort_by_key(key);
    }
}

/// Candidate indices grouped by their group number, groups in order and
/// candidates in order inside each (one vector, not one per group).
fn members_by_group(groups: &[usize]) -> Vec<usize> {
    let n_groups = groups.iter().copied().max().map_or(0, |m| m + 1);
    let mut start = vec![0usize; n_groups + 1];
    for &g in groups {
        start[g + 1] += 1;
    }
    for g in 0..n_groups {
        start[g + 1] += start[g];
    }
    let mut out = vec![0usize; groups.len()];
    for (i, &g) in groups.iter().enumerate() {
        out[start[g]] = i;
        start[g] += 1;
    }
    out
}

/// Words that, after an organisation or a country, name the person who
/// leads or speaks for it ("the Pentagon chief", "the Kremlin spokesman").
const ROLE_HEADS: &[&str] = &[
    "chief", "head", "boss", "leader", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "envoy", "commander", "president",
    "chairman", "chairwoman", "director", "negotiator",
];

/// "the Pentagon chief": a role phrase standing for a person. It is linked
/// to the person the report has given a title to, when exactly one such
/// person's country agrees with the organisation's (or is unknown);
/// otherwise to the nearest such person named before it.
fn add_role_references(doc: &mut Doc, cands: &[Cand], mention_of_cand: &[usize]) {
    let mut added = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        if c.end <= c.start || c.end >= doc.tokens.len() || !matches!(c.key, Key::Org(_) | Key::Country(_) | Key::Institution(..)) {
            continue;
        }
        let head = doc.token_text(c.end);
        if !ROLE_HEADS.contains(&head) {
            continue;
        }
        // not "Pentagon chief Pete Hegseth": there the name itself follows
        if doc.tokens.get(c.end + 1).is_some_and(|t| t.kind == TokenKind::Word && doc.token_text(c.end + 1).chars().next().is_some_and(char::is_uppercase)) {
            continue;
        }
        let owner_country = doc.mentions[mention_of_cand[ci]].entity.and_then(|e| doc.entity(e).country.clone());
        let compatible: Vec<EntityId> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && e.role.is_some())
            .filter(|e| e.country.is_none() || owner_country.is_none() || e.country == owner_country)
            .map(|e| e.id)
            .collect();
        let target = if compatible.len() == 1 {
            compatible.first().copied()
        } else {
            // the nearest compatible person named before the phrase
            compatible
                .iter()
                .filter_map(|&id| {
                    let before = doc.entity(id).mentions.iter().map(|&m| doc.mentions[m].span.start()).filter(|&p| p < c.span.start()).max()?;
                    Some((before, id))
                })
                .max()
                .map(|(_, id)| id)
        };
        let Some(target) = target else { continue };
        let mut start = c.span;
        if c.start > 0 && doc.token_text(c.start - 1).eq_ignore_ascii_case("the") {
            start = doc.tokens[c.start - 1].span;
        }
        added.push((start.cover(doc.tokens[c.end].span), target));
    }
    for (span, target) in added {
        let idx = doc.mentions.len();
        doc.mentions.push(Mention { span, kind: EntityKind::Person, source: MentionSource::Role, entity: Some(target) });
        doc.entities[target.0 as usize].mentions.push(idx);
    }
}

/// `s` is ASCII words (graphic characters) between single spaces, in one
/// pass over its bytes.
fn single_spaced_ascii(s: &str) -> bool {
    let mut after_space = true;
    for &b in s.as_bytes() {
        if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if b.is_ascii_graphic() {
            after_space = false;
        } else {
            return false;
        }
    }
    !after_space || s.is_empty()
}

/// The name as written, without a possessive.
fn display_name(doc: &Doc, c: &Cand) -> String {
    let s = doc.slice(c.span);
    let s = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(s);
    // most names are already ASCII words between single spaces
    if single_spaced_ascii(s) {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn possessive_as_lower_cased() {
        for w in ["'s", "'S", "’s", "s", "'", "is", "'sa", "K", "\u{212A}"] {
            assert_eq!(is_possessive(w), w.to_lowercase() == "'s", "{w}");
        }
    }

    #[test]
    fn key_names_equal_when_lower_cased_equal() {
        let mut names = KeyNames::default();
        let words = ["Brussels", "BRUSSELS", "brussels", "Zürich", "ZÜRICH", "\u{212A}iev", "kiev", "Kiev", "Brussel"];
        for a in words {
            for b in words {
                assert_eq!(names.id(a) == names.id(b), a.to_lowercase() == b.to_lowercase(), "{a} {b}");
            }
        }
    }

    #[test]
    fn folded_words_equal_and_hash_as_lower_cased() {
        let hasher = BuildHasherDefault::<WordHasher>::default();
        let words = [
            "Obama", "OBAMA", "obama", "Zürich", "ZÜRICH", "\u{212A}iev", "kiev", "Of", "a-very-long-hyphenated-name-beyond-32-bytes", "A-VERY-LONG-HYPHENATED-NAME-BEYOND-32-BYTES",
            "", "@[`{", "EIGHTCHR", "eightchr", "Hegseth's", "HEGSETH'S",
        ];
        for a in words {
            assert_eq!(hasher.hash_one(Folded(a)), hasher.hash_one(a.to_lowercase()), "{a}");
            assert_eq!(Folded(a).first_char(), a.to_lowercase().chars().next(), "{a}");
            for b in words {
                assert_eq!(Folded(a) == Folded(b), a.to_lowercase() == b.to_lowercase(), "{a} {b}");
            }
        }
    }

    /// [`repeated_person_names`] without the cheap tests that rule tokens out.
    fn repeated_person_names_by_scan(doc: &Doc, cands: &[Cand]) -> Vec<Cand> {
        let names = repeated_names(doc, cands);
        let covered = covered_tokens(doc, cands);
        (0..doc.tokens.len())
            .filter(|&i| {
                let w = doc.token_text(i);
                w.chars().next().is_some_and(char::is_uppercase) && names.contains(w) && !covered[i] && !before_capitalised_word(doc, i)
            })
            .map(|i| repeated_name_cand(doc, i))
            .collect()
    }

    /// Person candidates over every run of two or more capitalised words
    /// (and a possessive after one), as the tagger might give them.
    fn capitalised_runs(doc: &Doc) -> Vec<Cand> {
        let capital = |i: usize| doc.token_text(i).chars().next().is_some_and(char::is_uppercase);
        let mut out = Vec::new();
        let mut i = 0;
        while i < doc.tokens.len() {
            let mut j = i;
            while j < doc.tokens.len() && capital(j) {
                j += 1;
            }
            if j >= i + 2 {
                let end = if j < doc.tokens.len() && doc.token_text(j) == "'s" { j + 1 } else { j };
                let mut c = repeated_name_cand(doc, i);
                c.end = end;
                c.span = span_of_tokens(doc, i, end);
                out.push(c);
            }
            i = j.max(i + 1);
        }
        out
    }

    #[test]
    fn repeated_names_found_as_by_comparing_every_token() {
        use dateline_pipeline::Component;
        let texts = [
            "Pete Hegseth spoke. Hegseth added that Hegseth's plan, and HEGSETH, stood. Hegseth Museum. Hegseths. xHegseth Hegseth-Smith.",
            "Anna Ana met Ana Ana. AnAnA Anana and Ana.Ana with Ana",
            "Yemane Tesfay said: \"Tesfay\" (Tesfay) Tesfay, Tesfay. Tesfay Tesfay",
            "Zoë Ébert and Éric Ébert; Ébert said Ébert's view; ÉBERT",
            "Ab A. Aba Aba Aba aba Aba",
            "",
        ];
        let mut found = 0;
        for text in texts {
            let mut doc = Doc::new(text.to_string(), Default::default());
            dateline_segment::Segmenter.run(&mut doc);
            let runs = capitalised_runs(&doc);
            // all runs, and every other one (so that more tokens are uncovered)
            let some: Vec<Cand> = runs.iter().step_by(2).cloned().collect();
            for cands in [runs, some] {
                let fast: Vec<(usize, usize, Span)> = repeated_person_names(&doc, &cands).iter().map(|c| (c.start, c.end, c.span)).collect();
                let slow: Vec<(usize, usize, Span)> = repeated_person_names_by_scan(&doc, &cands).iter().map(|c| (c.start, c.end, c.span)).collect();
                assert_eq!(fast, slow, "{text}");
                found += fast.len();
            }
        }
        assert!(found > 10, "the texts repeat names: {found}");
    }

    #[test]
    fn person_labels_matched_as_listed() {
        let mut words: Vec<String> = PERSON_LABELS.iter().map(|w| w.to_string()).collect();
        words.extend(PERSON_LABELS.iter().map(|w| w.to_lowercase()));
        words.extend(PERSON_LABELS.iter().map(|w| format!("{w}.")));
        words.extend(["", "M", "Mrs.", "Smith", "Greens", "King's"].map(String::from));
        for w in &words {
            assert_eq!(is_person_label(w), PERSON_LABELS.contains(&w.as_str()), "{w}");
        }
        assert_eq!(PERSON_LABELS.iter().filter(|w| is_person_label(w)).count(), PERSON_LABELS.len());
    }

    #[test]
    fn ascii_words_lower_cased_eight_bytes_at_once() {
        for b in 0..0x80u8 {
            for pos in 0..8 {
                let w = (b as u64) << (8 * pos) | 0x4161_7A5A_2040_5B60 & !(0xFF << (8 * pos));
                let expected = u64::from_le_bytes(w.to_le_bytes().map(|x| x.to_ascii_lowercase()));
                assert_eq!(ascii_lower_word(w), expected, "{b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn single_spaced_ascii_as_its_definition() {
        let plain = |s: &str| !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ") && s.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
        for s in ["", " ", "  ", "a", "a b", "a  b", " a", "a ", "Pete Hegseth", "Zürich", "a\tb", "a\nb", "U.S. Army", "x y z", "x y  z", "~ !"] {
            assert_eq!(single_spaced_ascii(s), plain(s), "{s:?}");
        }
    }

    #[test]
    fn initials_as_by_unicode_case_mapping() {
        let by_tables = |words: &[Folded]| -> String {
            words
                .iter()
                .filter(|w| !NOT_IN_ACRONYMS.iter().any(|&c| **w == Folded(c)))
                .filter_map(Folded::first_char)
                .flat_map(char::to_uppercase)
                .collect()
        };
        let names = [
            "Assembly of First Nations", "assembly OF first nations", "Banque de France", "ßtraße Über Öl", "ǆ Ǉ", "1st 2nd & Co",
            "\u{212A}elvin İstanbul", "", "The the THE", "ﬁrm ǳ", "@[`{ x", "Ministère DES Affaires étrangères De La République", "ΟΦ Of oF Ǉe",
        ];
        for n in names {
            let words: Vec<Folded> = n.split(' ').map(Folded).collect();
            assert_eq!(initials(&words), by_tables(&words), "{n}");
        }
    }

    #[test]
    fn token_roles_as_by_searching_the_matches() {
        use dateline_pipeline::Component;
        let texts = [
            "Defense Secretary Pete Hegseth met Ukrainian President Volodymyr Zelensky and Lt. Gen. Tadesse Worku in Kyiv.",
            "Eritrea's information minister, Yemane Tesfay, said the Ethiopian-Eritrean talks and the acting deputy prime minister agreed.",
            "NO U.S. TROOPS IN UKRAINE, SAYS PRESIDENT. Russian and Chinese officials; the Congolese foreign ministry; Sen. Smith.",
            "",
        ];
        for text in texts {
            let mut doc = Doc::new(text.to_string(), Default::default());
            dateline_segment::Segmenter.run(&mut doc);
            let lex = crate::gazetteer::find(&doc);
            let roles = TokenRoles::new(&doc, &lex);
            for i in 0..doc.tokens.len() + 2 {
                assert_eq!(roles.in_title(i), in_title(&lex, i), "{text} {i}");
                assert_eq!(roles.in_demonym(i), in_demonym(&lex, i), "{text} {i}");
            }
        }
    }

    #[test]
    fn members_listed_by_group_in_order() {
        assert_eq!(members_by_group(&[1, 0, 1, 2, 0]), vec![1, 4, 0, 2, 3]);
        assert!(members_by_group(&[]).is_empty());
    }

    #[test]
    fn the_tagger_kind_given_most_often_to_a_name_wins() {
        let mut doc = Doc::new("Corvina won. Corvina lost. Corvina drew. Halden met Halden.".to_string(), dateline_doc::DocMeta::default());
        dateline_pipeline::Component::run(&dateline_segment::Segmenter, &mut doc);
        let at = |doc: &Doc, word: &str, nth: usize| (0..doc.tokens.len()).filter(|&t| doc.token_text(t) == word).nth(nth).unwrap();
        let mut names = KeyNames::default();
        let cand = |t: usize, kind: EntityKind| Cand {
            span: doc.tokens[t].span,
            start: t,
            end: t + 1,
            kind,
            source: MentionSource::Model,
            country: None,
            sector: None,
            key: Key::Person,
            naming: true,
            shouted: false,
            capital_of: None,
        };
        let mut cands = vec![
            cand(at(&doc, "Corvina", 0), EntityKind::Organization),
            cand(at(&doc, "Corvina", 1), EntityKind::Person),
            cand(at(&doc, "Corvina", 2), EntityKind::Organization),
            cand(at(&doc, "Halden", 0), EntityKind::Person),
            cand(at(&doc, "Halden", 1), EntityKind::Location),
        ];
        majority_kinds(&doc, &mut cands, &mut names);
        let kinds: Vec<EntityKind> = cands.iter().map(|c| c.kind).collect();
        // a tie changes nothing
        assert_eq!(
            kinds,
            [EntityKind::Organization, EntityKind::Organization, EntityKind::Organization, EntityKind::Person, EntityKind::Location]
        );
    }
}
