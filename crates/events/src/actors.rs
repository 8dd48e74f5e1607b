//! Who does what to whom: actor words and their codes.
//!
//! The entity layer is the first source of an actor's country and sector.
//! Where it says nothing (no entity there, or one without a country), the
//! actor word list in `data/events/actors.txt` gives a country or IGO/NGO
//! code for names, adjectives and capitals ("Israeli", "Kyiv", "NATO"), and
//! sector words ("troops" → MIL). It is matched once per document on the
//! normalised text, by a walk down a byte trie of the phrases at the few
//! places a phrase can start, so the cost does not depend on the number of
//! names.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

#[cfg(test)]
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use dateline_doc::{Doc, EntityId, EntityKind, MentionSource, Sector};
use dateline_lexicon::{data_file, data_lines};

use crate::matcher::{LowerTokens, WordFilter, WordHasher};
use crate::starts::PhraseStarts;

const BUILTIN: &str = include_str!("../../../data/events/actors.txt");
/// Well-known heads of state and government and other office holders, in the
/// same format (`data/events/leaders.txt`): read after the actor list.
const BUILTIN_LEADERS: &str = include_str!("../../../data/events/leaders.txt");

/// The parsed actor word list.
pub struct ActorLexicon {
    /// The phrases as a byte trie: the longest phrase at a place, found
    /// by one walk (see [`ActorLexicon::phrases_in`]).
    trie: PhraseTrie,
    /// Case-sensitive leftmost-longest phrase automaton: the definition
    /// the trie is tested against.
    #[cfg(test)]
    names: AhoCorasick,
    /// Where a phrase can start: the trie is only walked from there
    /// (see [`ActorLexicon::phrases_in`]).
    starts: PhraseStarts,
    /// The code of each phrase in `names`.
    codes: Vec<&'static str>,
    /// Whole phrase → code (the first line's code for a phrase listed
    /// twice, as the automaton reports it) and sector (for names listed as
    /// `CODE/SECTOR`: "Putin" → GOV): [`ActorLexicon::code_of`] is asked for
    /// every mention, where one hash lookup beats a scan.
    exact: HashMap<String, ListedPhrase, BuildHasherDefault<WordHasher>>,
    /// The keys of `exact`: most phrases asked for (every word of an issue,
    /// every mention) are in no list, and one bit test says so.
    exact_filter: WordFilter,
    /// The sector of each phrase in `names` (that of its whole phrase in
    /// `exact`), so a match needs no lookup.
    pattern_sectors: Vec<Option<Sector>>,
    /// Lower-case single sector words.
    sectors: HashMap<String, Sector, BuildHasherDefault<WordHasher>>,
    /// The keys of `sectors` (asked for the words after every actor).
    sector_filter: WordFilter,
}

/// What the list says of one phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedPhrase {
    pub code: &'static str,
    pub sector: Option<Sector>,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Parses the format documented at the top of `data/events/actors.txt`.
/// Malformed lines are skipped and returned as messages.
pub fn parse_actors(text: &str) -> (ActorLexicon, Vec<String>) {
    let mut phrases = Vec::new();
    let mut codes = Vec::new();
    let mut sectors = HashMap::default();
    let mut problems = Vec::new();
    let mut exact: HashMap<String, ListedPhrase, BuildHasherDefault<WordHasher>> = HashMap::default();
    for (line, l) in data_lines(text) {
        let Some((code, words)) = l.split_once('|') else {
            problems.push(format!("actors line {line}: expected `CODE | words`"));
            continue;
        };
        let code = code.trim();
        if let Some(sec) = code.strip_prefix('=') {
            let Some(sector) = Sector::from_code(sec) else {
                problems.push(format!("actors line {line}: unknown sector {sec}"));
                continue;
            };
            for w in words.split(';').map(str::trim).filter(|w| !w.is_empty() && !w.contains(' ')) {
                sectors.insert(w.to_lowercase(), sector);
            }
            continue;
        }
        // "RUS/GOV": a country and the sector of the named actor
        let (code, sector) = match code.split_once('/') {
            Some((c, sec)) => match Sector::from_code(sec.trim()) {
                Some(sector) => (c.trim(), Some(sector)),
                None => {
                    problems.push(format!("actors line {line}: unknown sector {sec}"));
                    continue;
                }
            },
            None => (code, None),
        };
        let code = leak(code.to_string());
        for w in words.split(';').map(str::trim).filter(|w| !w.is_empty()) {
            let listed = exact.entry(w.to_string()).or_insert(ListedPhrase { code, sector: None });
            // the first line that gives the phrase a sector gives it
            listed.sector = listed.sector.or(sector);
            phrases.push(w.to_string());
            codes.push(code);
        }
    }
    #[cfg(test)]
    let names = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .start_kind(StartKind::Both)
        .build(&phrases)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton builds"));
    let starts = PhraseStarts::new(phrases.iter().map(String::as_str));
    let pattern_sectors = phrases.iter().map(|p| exact.get(p).and_then(|l| l.sector)).collect();
    let exact_filter = WordFilter::new(exact.keys().map(String::as_str));
    let sector_filter = WordFilter::new(sectors.keys().map(String::as_str));
    let trie = PhraseTrie::new(phrases.iter().map(String::as_str));
    let lex = ActorLexicon {
        trie,
        #[cfg(test)]
        names,
        starts,
        codes,
        exact,
        exact_filter,
        pattern_sectors,
        sectors,
        sector_filter,
    };
    (lex, problems)
}

thread_local! {
    /// Countries inferred for the current document's entities (by entity
    /// index), set by [`find_actors`] for the rest of the coder to read.
    pub static ENTITY_CODES: std::cell::RefCell<Vec<Option<String>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The country inferred for an entity of the document last passed to [`find_actors`].
pub fn inferred_code(id: EntityId) -> Option<String> {
    ENTITY_CODES.with(|cell| cell.borrow().get(id.0 as usize).cloned().flatten())
}

pub const ACTORS_FILE: &str = "events/actors.txt";
pub const LEADERS_FILE: &str = "events/leaders.txt";

/// Lines of the actor lists that were skipped.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}: {}", problems.join("; "))]
pub struct ActorListError {
    pub file: &'static str,
    pub problems: Vec<String>,
}

/// Whether the actor and office-holder lists, with the user's overrides,
/// load without skipping a line (each file is checked alone, so that line
/// numbers are its own).
pub fn check_data() -> Result<(), ActorListError> {
    for (file, builtin) in [(ACTORS_FILE, BUILTIN), (LEADERS_FILE, BUILTIN_LEADERS)] {
        let problems = parse_actors(&data_file(file, builtin)).1;
        if !problems.is_empty() {
            return Err(ActorListError { file, problems });
        }
    }
    Ok(())
}

pub static ACTORS: LazyLock<ActorLexicon> = LazyLock::new(|| parse_actors(&actor_list_text()).0);

/// The actor list followed by the list of office holders.
fn actor_list_text() -> String {
    let mut text = data_file(ACTORS_FILE, BUILTIN).into_owned();
    text.push('\n');
    text.push_str(&data_file(LEADERS_FILE, BUILTIN_LEADERS));
    text
}

impl ActorLexicon {
    pub fn sector_of(&self, lower_word: &str) -> Option<Sector> {
        if !self.sector_filter.may_contain(lower_word) {
            return None;
        }
        self.sectors.get(lower_word).copied()
    }
    /// The sector the list gives a whole phrase ("Vladimir Putin" → GOV), if any.
    pub fn sector_of_phrase(&self, phrase: &str) -> Option<Sector> {
        self.listed(phrase).and_then(|l| l.sector)
    }
    /// The code the list gives a whole phrase ("Kyiv" → UKR), if any.
    pub fn code_of(&self, phrase: &str) -> Option<&'static str> {
        self.listed(phrase).map(|l| l.code)
    }
    /// Code and sector of a whole phrase, in one lookup.
    pub fn listed(&self, phrase: &str) -> Option<ListedPhrase> {
        if !self.exact_filter.may_contain(phrase) {
            return None;
        }
        self.exact.get(phrase).copied()
    }

    /// The phrases in `text` as `(start, end, code)`: the matches of an
    /// unanchored leftmost-longest scan, non-overlapping, left to right.
    /// Phrases mostly start with a capital, so the longest phrase is looked
    /// for (in the trie) only at the few places a phrase can start (see
    /// [`PhraseStarts`]) instead of at every byte:
    /// the first start with a match is the leftmost one and the longest
    /// match there the scan's, so the answer is the scan's.
    pub fn phrases_in(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        let mut out = Vec::new();
        self.each_phrase(text, |a, b, id| out.push((a, b, self.codes[id])));
        out
    }

    /// Calls `f(start, end, phrase index)` for each phrase of [`ActorLexicon::phrases_in`].
    fn each_phrase(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let mut at = 0;
        self.starts.each(text.as_bytes(), |p| {
            if p < at {
                return;
            }
            if let Some((end, id)) = self.trie.longest_at(text.as_bytes(), p) {
                at = end;
                f(p, end, id);
            }
        });
    }
}

/// A list of phrases as a byte trie: the longest phrase that starts at a
/// place, as an anchored leftmost-longest automaton search finds it, by one
/// walk down from the root, without the search's set-up at every place.
struct PhraseTrie {
    /// The node each first byte leads to ([`NO_NODE`]: none).
    root: Box<[u32; 256]>,
    /// What a step of the walk reads of a node, in one place.
    nodes: Vec<TrieNode>,
    /// The children of all nodes as (byte, node) pairs, each node's sorted by byte.
    edges: Vec<(u8, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct TrieNode {
    /// The node's children: `edges[first_edge..first_edge + edge_count]`.
    first_edge: u32,
    edge_count: u32,
    /// The first phrase (by index) that ends here ([`NO_NODE`]: none).
    phrase: u32,
}

const NO_NODE: u32 = u32::MAX;

impl PhraseTrie {
    fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseTrie {
        // node 0 is the root
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut phrase: Vec<u32> = vec![NO_NODE];
        for (id, p) in phrases.into_iter().enumerate() {
            let mut node = 0usize;
            for &b in p.as_bytes() {
                node = match children[node].iter().find(|e| e.0 == b) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = children.len();
                        children[node].push((b, next as u32));
                        children.push(Vec::new());
                        phrase.push(NO_NODE);
                        next
                    }
                };
            }
            if node != 0 && phrase[node] == NO_NODE {
                phrase[node] = id as u32;
            }
        }
        let mut root = Box::new([NO_NODE; 256]);
        for &(b, next) in &children[0] {
            root[b as usize] = next;
        }
        let (mut edges, mut nodes) = (Vec::new(), Vec::with_capacity(children.len()));
        for (c, &phrase) in children.iter_mut().zip(&phrase) {
            c.sort_unstable();
            nodes.push(TrieNode { first_edge: edges.len() as u32, edge_count: c.len() as u32, phrase });
            edges.extend_from_slice(c);
        }
        PhraseTrie { root, nodes, edges }
    }

    /// The end and index of the longest phrase that starts at byte `p` of
    /// `bytes` (the first listed of equal ones), if any.
    #[inline]
    fn longest_at(&self, bytes: &[u8], p: usize) -> Option<(usize, usize)> {
        let mut node = self.root[*bytes.get(p)? as usize];
        let mut k = p + 1;
        let mut best = None;
        // NO_NODE is no index of `nodes`: the walk ends there
        while let Some(n) = self.nodes.get(node as usize) {
            if n.phrase != NO_NODE {
                best = Some((k, n.phrase as usize));
            }
            let Some(&b) = bytes.get(k) else { break };
            let first = n.first_edge as usize;
            let edges = self.edges.get(first..first + n.edge_count as usize).unwrap_or(&[]);
            let Some(&(_, next)) = edges.iter().find(|e| e.0 == b) else { break };
            node = next;
            k += 1;
        }
        best
    }
}

/// An actor named in the text: a run of tokens with what is known of it.
/// (Its code is borrowed from the document's entities or the actor list:
/// no String per hit.)
#[derive(Debug, Clone, PartialEq)]
pub struct ActorHit<'d> {
    /// Token range `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub entity: Option<EntityId>,
    pub code: Option<&'d str>,
    pub sector: Option<Sector>,
    pub kind: Option<EntityKind>,
    /// A pronoun or common noun standing for an entity (weaker as a target).
    pub is_reference: bool,
}

/// All actor hits of a document, sorted by start token, not overlapping.
pub fn find_actors<'d>(doc: &'d Doc, toks: &LowerTokens) -> Vec<ActorHit<'d>> {
    let lex = &*ACTORS;
    let mut hits: Vec<ActorHit> = Vec::with_capacity(doc.mentions.len() + 32);
    // 1. mentions of entities
    // mentions mostly come in text order: token cursors, as for the phrases below
    let mut start_cursor = 0;
    // what the list says of each entity's name, looked up at its first mention
    let mut name_listed: Vec<Option<Option<ListedPhrase>>> = vec![None; doc.entities.len()];
    for m in &doc.mentions {
        // `Doc::token_at_or_after` of both ends
        let start = first_token_from(&doc.tokens, &mut start_cursor, span_start, m.span.start());
        let end = end_token_from(&doc.tokens, start, span_start, m.span.end());
        let norm_text = norm_of_tokens(doc, start, end);
        if is_calendar_word(norm_text) || start >= end {
            continue;
        }
        let (mut code, mut sector) = (None, None);
        let mut entity_name: Option<(&str, Option<ListedPhrase>)> = None;
        if let Some(id) = m.entity {
            if let Some(e) = doc.entities.get(id.0 as usize) {
                code = e.country.as_deref();
                sector = e.sector;
                let by_name = *name_listed[id.0 as usize].get_or_insert_with(|| lex.listed(&e.name));
                code = code.or_else(|| by_name.map(|l| l.code));
                sector = sector.or(by_name.and_then(|l| l.sector));
                entity_name = Some((e.name.as_str(), by_name));
            }
        }
        // the mention mostly is the name: no second look-up then
        let by_text = match entity_name {
            Some((name, by_name)) if name == norm_text => by_name,
            _ => lex.listed(norm_text),
        };
        let listed = by_text.map(|l| l.code);
        if code.is_none() {
            code = listed;
        }
        if sector.is_none() {
            sector = by_text.and_then(|l| l.sector);
        }
        // a city or region is where things happen, not who does them, unless
        // it stands for a government ("Kyiv", "Moscow"); nameless odds and
        // ends ("non-NATO") are no actors at all
        if (m.kind == EntityKind::Location && listed.is_none()) || (m.kind == EntityKind::Misc && code.is_none()) {
            continue;
        }
        hits.push(ActorHit {
            start,
            end,
            entity: m.entity,
            code,
            sector,
            kind: Some(m.kind),
            is_reference: !m.source.is_name() && m.source != MentionSource::Role,
        });
    }
    // 2. actor words of the list where no mention covers them
    let norm = doc.norm.as_str();
    let bytes = norm.as_bytes();
    let mut covered = vec![false; doc.tokens.len()];
    for h in &hits {
        for c in &mut covered[h.start..h.end] {
            *c = true;
        }
    }
    let mut inner: Vec<(usize, &'static str)> = Vec::new();
    // phrases come in text order: token cursors walk forward, no bisection per phrase
    let mut start_cursor = 0;
    let mut phrases: Vec<(usize, usize, usize)> = Vec::with_capacity(64);
    lex.each_phrase(norm, |a, b, id| phrases.push((a, b, id)));
    for (a, b, id) in phrases {
        let code = lex.codes[id];
        let left_ok = (a == 0 || !(bytes[a - 1].is_ascii_alphanumeric() || bytes[a - 1] >= 0x80))
            && !(a >= 4 && bytes[a - 1] == b'-' && (norm[..a - 1].ends_with("pro") || norm[..a - 1].ends_with("anti") || norm[..a - 1].ends_with("Pro") || norm[..a - 1].ends_with("Anti")));
        let right_ok = b == bytes.len() || !(bytes[b].is_ascii_alphanumeric() || bytes[b] >= 0x80 || (bytes[b] == b'-' && b + 1 < bytes.len() && bytes[b + 1].is_ascii_alphabetic()));
        if !left_ok || !right_ok {
            continue;
        }
        let start = first_token_from(&doc.tokens, &mut start_cursor, norm_start, a);
        let end = end_token_from(&doc.tokens, start, norm_start, b);
        if start >= end {
            continue;
        }
        if covered[start..end].iter().any(|&c| c) {
            // a country inside a mention ("Brazil's trade minister, Helena Prado")
            inner.push((start, code));
            continue;
        }
        hits.push(ActorHit {
            start,
            end,
            entity: None,
            code: Some(code),
            sector: lex.pattern_sectors[id],
            kind: None,
            is_reference: false,
        });
    }
    // `inner` is in text order: the first inner phrase in a hit is found by bisection
    for h in &mut hits {
        if h.code.is_none() {
            let k = inner.partition_point(|(t, _)| *t < h.start);
            if let Some((_, c)) = inner.get(k).filter(|(t, _)| *t < h.end) {
                h.code = Some(c);
            }
        }
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<ActorHit<'d>> = Vec::with_capacity(hits.len());
    for h in hits {
        if out.last().is_some_and(|p| h.start < p.end) {
            continue;
        }
        out.push(h);
    }
    // 3. an entity the entity layer left without a country takes the one
    //    its apposition or possessor gives ("Brazil's trade minister, Helena Prado")
    let mut inferred: Vec<(EntityId, &'d str)> = Vec::new();
    let mut international: Vec<EntityId> = Vec::new();
    for (k, h) in out.iter().enumerate() {
        let (Some(id), None) = (h.entity, &h.code) else { continue };
        if h.is_reference {
            continue;
        }
        let near = out[..k].iter().rev().take(2).chain(out[k + 1..].iter().take(2)).find(|o| {
            let (lo, hi) = if o.end <= h.start { (o.end, h.start) } else { (h.end, o.start) };
            o.code.is_some()
                && o.entity.is_none_or(|e| e != id)
                && hi >= lo
                && hi - lo <= 5
                && ((lo..hi).any(|t| matches!(doc.token_text(t), "'s" | "of"))
                    // "Kofi Annan, UN secretary-general": an apposition naming the office
                    || (o.start == h.end + 1
                        && doc.token_text(h.end) == ","
                        && h.kind == Some(EntityKind::Person)
                        && doc.tokens.get(o.end).is_some_and(|_| doc.token_text(o.end).chars().next().is_some_and(char::is_lowercase))))
                && (lo..hi).all(|t| !matches!(doc.token_text(t), "." | ";" | "and" | "said" | "told"))
        });
        if let Some(o) = near {
            match o.code {
                // "the African Union's commissioner": he serves no country, he
                // acts for the organisation (coded as it is, CAMEO's reading)
                Some(c @ ("IGO" | "NGO")) => {
                    international.push(id);
                    inferred.push((id, c));
                }
                Some(c) => inferred.push((id, c)),
                None => {}
            }
        }
    }
    for h in &mut out {
        if let (Some(id), None) = (h.entity, &h.code) {
            if let Some(&(_, c)) = inferred.iter().find(|(e, _)| *e == id) {
                h.code = Some(c);
            }
        }
    }
    // 3b. what one mention of an entity says holds for all of them
    //     ("the Pentagon chief" places Hegseth)
    let mut by_entity: Vec<Option<&'d str>> = vec![None; doc.entities.len()];
    for &(id, code) in &inferred {
        if let Some(slot) = by_entity.get_mut(id.0 as usize) {
            slot.get_or_insert(code);
        }
    }
    // where each inner phrase starts in the text, read once for the bisections
    let inner_at: Vec<usize> = inner.iter().map(|&(t, _)| doc.tokens[t].span.start()).collect();
    for m in doc.mentions.iter().take_while(|_| !inner.is_empty()) {
        let Some(id) = m.entity else { continue };
        if by_entity.get(id.0 as usize).is_none_or(|c| c.is_some()) {
            continue;
        }
        let k = inner_at.partition_point(|&at| at < m.span.start());
        if let Some((_, c)) = inner.get(k).filter(|_| inner_at[k] < m.span.end()) {
            if *c != "IGO" && *c != "NGO" {
                by_entity[id.0 as usize] = Some(*c);
            }
        }
    }
    for h in &mut out {
        if let (Some(id), None) = (h.entity, &h.code) {
            if let Some(&Some(c)) = by_entity.get(id.0 as usize) {
                h.code = Some(c);
            }
        }
    }
    // 3c. an official whose title names no country ("Defense Secretary Pete
    //     Hegseth") serves the government the report is about: the country
    //     most of its government institutions belong to, if one has a majority
    for (k, h) in out.iter().enumerate() {
        let Some(id) = h.entity else { continue };
        // "the African Union's peace and security commissioner, Bankole Adeyemi"
        let igo_title = k > 0 && {
            let o = &out[k - 1];
            matches!(o.code.as_deref(), Some("IGO" | "NGO"))
                && o.end + 8 >= h.start
                && doc.tokens.get(o.end).is_some_and(|_| doc.token_text(o.end) == "'s")
                && (o.end..h.start).all(|t| !matches!(doc.token_text(t), "." | ";" | "said" | "told"))
        };
        if igo_title && !international.contains(&id) {
            international.push(id);
        }
    }
    if let Some(home) = home_government(&out) {
        for h in &mut out {
            let Some(id) = h.entity else { continue };
            if h.code.is_some() || international.contains(&id) {
                continue;
            }
            let Some(e) = doc.entities.get(id.0 as usize) else { continue };
            if e.kind == EntityKind::Person && e.role.is_some() && matches!(e.sector, Some(Sector::Gov) | Some(Sector::Mil)) {
                h.code = Some(home);
                if let Some(slot) = by_entity.get_mut(id.0 as usize) {
                    slot.get_or_insert(home);
                }
            }
        }
    }
    // "ethnic Albanians": a people, not the state of that name (coded, as
    // CAMEO does, by where they live: the place the event gives)
    for h in &mut out {
        if h.start > 0 && doc.token_text(h.start - 1).eq_ignore_ascii_case("ethnic") {
            h.code = None;
        }
    }
    ENTITY_CODES.with(|cell| {
        let mut codes = cell.borrow_mut();
        codes.clear();
        codes.extend(by_entity.iter().map(|c| c.map(str::to_string)));
    });
    // 4. sector from the words right after the name ("Israeli army bulldozers")
    for h in &mut out {
        if h.sector.is_some() {
            continue;
        }
        for i in h.end..(h.end + 3).min(doc.tokens.len()) {
            // the lower-cased word: ASCII letters and hyphens are so whether lower-cased or not
            let w = toks.get(i);
            if !w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-') {
                break;
            }
            if let Some(s) = lex.sector_of(w) {
                h.sector = Some(s);
                break;
            }
        }
    }
    out
}

/// The first token whose `offset` (an offset that grows with the token
/// index) is at or after `p`, as `tokens.partition_point(|t| offset(t) < p)`,
/// galloping on from `cursor` when `p` did not go back since the last call
/// (the next phrase is mostly a few tokens on), else bisecting.
fn first_token_from(tokens: &[dateline_doc::Token], cursor: &mut usize, offset: impl Fn(&dateline_doc::Token) -> usize, p: usize) -> usize {
    let before = |t: &dateline_doc::Token| offset(t) < p;
    if *cursor > tokens.len() || (*cursor > 0 && !before(&tokens[*cursor - 1])) {
        *cursor = tokens.partition_point(before);
        return *cursor;
    }
    // tokens before `lo` are all before `p`; the answer is below `lo + step`
    let (mut lo, mut step) = (*cursor, 1);
    while lo + step <= tokens.len() && before(&tokens[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(tokens.len());
    *cursor = lo + tokens[lo..hi].partition_point(before);
    *cursor
}

/// The first token whose `offset` is at or after `p`, as
/// `tokens.partition_point(|t| offset(t) < p)`, where `from` is that of a
/// place at or before `p` (the start of the phrase `p` ends): a phrase is a
/// few tokens long, so the tokens from `from` on are walked one by one.
fn end_token_from(tokens: &[dateline_doc::Token], from: usize, offset: impl Fn(&dateline_doc::Token) -> usize, p: usize) -> usize {
    let mut k = from;
    while tokens.get(k).is_some_and(|t| offset(t) < p) {
        k += 1;
    }
    k
}

fn norm_start(t: &dateline_doc::Token) -> usize {
    t.norm_start as usize
}

fn span_start(t: &dateline_doc::Token) -> usize {
    t.span.start()
}

/// The country most of the report's government or military organisations
/// belong to, when it holds a strict majority of them.
fn home_government<'d>(hits: &[ActorHit<'d>]) -> Option<&'d str> {
    let mut counts: Vec<(&'d str, usize)> = Vec::new();
    let mut total = 0;
    for h in hits {
        let (Some(code), Some(Sector::Gov | Sector::Mil)) = (h.code, h.sector) else { continue };
        if h.kind != Some(EntityKind::Organization) || code.len() != 3 || code == "IGO" || code == "NGO" {
            continue;
        }
        total += 1;
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    counts.into_iter().find(|&(_, n)| 2 * n > total).map(|(c, _)| c)
}

fn is_calendar_word(w: &str) -> bool {
    const CALENDAR: [&str; 17] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "april",
        "june", "july", "august", "september", "october", "november", "december",
    ];
    // all of them are 4 to 9 bytes long and start with one of a few letters
    // (`| 0x20` lower-cases an ASCII letter): most names are rejected there
    (4..=9).contains(&w.len())
        && matches!(w.as_bytes()[0] | 0x20, b'm' | b't' | b'w' | b'f' | b's' | b'j' | b'a' | b'o' | b'n' | b'd')
        && CALENDAR.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// The normalised text of tokens `[a, b)` ("" for an empty range).
fn norm_of_tokens(doc: &Doc, a: usize, b: usize) -> &str {
    if a >= b || b > doc.tokens.len() {
        return "";
    }
    let (s, e) = (doc.tokens[a].norm_start as usize, doc.tokens[b - 1].norm_end as usize);
    doc.norm.as_str().get(s..e).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_list_parses_cleanly() {
        let (lex, problems) = parse_actors(BUILTIN);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lex.code_of("Kyiv"), Some("UKR"));
        assert_eq!(lex.code_of("NATO"), Some("IGO"));
        assert_eq!(lex.sector_of("troops"), Some(Sector::Mil));
        assert_eq!(lex.code_of("us"), None);
    }

    #[test]
    fn office_holders_have_a_country_and_a_sector() {
        let (lex, problems) = parse_actors(&actor_list_text());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lex.code_of("Putin"), Some("RUS"));
        assert_eq!(lex.sector_of_phrase("Vladimir Putin"), Some(Sector::Gov));
        assert_eq!(lex.code_of("Guterres"), Some("IGO"));
        // the actor list's own lines come first and keep their codes
        assert_eq!(lex.code_of("Kyiv"), Some("UKR"));
        assert_eq!(lex.sector_of_phrase("Kyiv"), None);
    }

    /// The filtered look-ups answer as the plain maps do.
    #[test]
    fn filtered_lookups_agree_with_the_maps() {
        let (lex, _) = parse_actors(&actor_list_text());
        assert!(!lex.sectors.is_empty());
        let probes = ["troops", "Troops", "army", "the", "", "said", "police", "Kyiv", "kyiv", "NATO", "Putin", "Vladimir Putin", "United", "Ukraine's"];
        let words = lex.sectors.keys().chain(lex.exact.keys()).map(String::as_str).chain(probes);
        let mut variants: Vec<String> = Vec::new();
        for w in words {
            variants.extend([w.to_string(), format!("{w}s"), w.to_lowercase(), w.to_uppercase(), w.chars().skip(1).collect()]);
        }
        for w in &variants {
            assert_eq!(lex.sector_of(w), lex.sectors.get(w.as_str()).copied(), "{w}");
            assert_eq!(lex.listed(w), lex.exact.get(w.as_str()).copied(), "{w}");
        }
    }

    /// The trie against the automaton over the full list (office holders
    /// and phrases listed twice included), at every place of a text made
    /// of the phrases, their prefixes and their extensions.
    #[test]
    fn trie_finds_the_automatons_longest_match() {
        let (lex, _) = parse_actors(&actor_list_text());
        let mut phrases: Vec<&String> = lex.exact.keys().collect();
        phrases.sort();
        let mut text = String::from("al-Shabaab von der Leyen's UN-backed U.S.-led Ukraine");
        for (k, ph) in phrases.iter().enumerate() {
            text.push_str(ph);
            text.push_str([" ", "s ", "-", "", "'s ", "an "][k % 6]);
            let cut = ph.char_indices().map(|(i, _)| i).nth(ph.chars().count() / 2).unwrap_or(0);
            text.push_str(&ph[..cut]);
            text.push(' ');
        }
        let mut found = 0;
        for p in 0..text.len() {
            let input = Input::new(&text).range(p..).anchored(Anchored::Yes);
            let by_automaton = lex.names.try_find(input).ok().flatten().map(|m| (m.end(), m.pattern().as_usize()));
            assert_eq!(lex.trie.longest_at(text.as_bytes(), p), by_automaton, "at {p}");
            found += usize::from(by_automaton.is_some());
        }
        assert!(found > phrases.len());
        assert_eq!(lex.trie.longest_at(b"", 0), None);
    }

    #[test]
    fn calendar_words_in_any_case() {
        for w in ["Monday", "TUESDAY", "september", "Jul", "July", "Mayday", "Kyiv", "-Monday", "\u{e9}tait", "Decembers"] {
            let by_list = (4..=9).contains(&w.len())
                && ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "april", "june", "july", "august", "september", "october", "november", "december"]
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(w));
            assert_eq!(is_calendar_word(w), by_list, "{w}");
        }
    }

    #[test]
    fn token_cursor_agrees_with_bisection() {
        use dateline_pipeline::Component;
        let mut doc = Doc::new("Kyiv and Moscow said on Tuesday that talks in Geneva would go on.".into(), Default::default());
        dateline_segment::Segmenter.run(&mut doc);
        let len = doc.norm.as_str().len();
        let bisect = |p: usize| doc.tokens.partition_point(|t| (t.norm_start as usize) < p);
        let mut cursor = 0;
        for p in (0..=len + 2).chain([3, 40, 0, len, 7, 7]) {
            assert_eq!(first_token_from(&doc.tokens, &mut cursor, norm_start, p), bisect(p), "at {p}");
        }
        let mut cursor = 0;
        for p in (0..=len + 2).rev().chain([5, 9, 2]) {
            assert_eq!(first_token_from(&doc.tokens, &mut cursor, span_start, p), doc.token_at_or_after(p), "at {p}");
        }
        // an end walked on from the token of a start at or before it
        for a in 0..=len + 2 {
            let from = bisect(a);
            for b in a..=len + 2 {
                assert_eq!(end_token_from(&doc.tokens, from, norm_start, b), bisect(b), "{a}..{b}");
            }
        }
    }

    /// The whole-phrase map answers as the leftmost-longest automaton does
    /// for a phrase that is exactly one of its patterns (duplicates included).
    #[test]
    fn exact_lookup_agrees_with_the_automaton() {
        let (lex, _) = parse_actors(BUILTIN);
        let by_automaton = |phrase: &str| {
            lex.names
                .find_iter(phrase)
                .find(|m| m.start() == 0 && m.end() == phrase.len())
                .map(|m| lex.codes[m.pattern().as_usize()])
        };
        let mut haystack = String::from("Pro-Kyiv al-Shabaab fighters near McKyiv and in NATO-led");
        for phrase in lex.exact.keys() {
            assert_eq!(lex.code_of(phrase), by_automaton(phrase), "{phrase}");
            let by_pattern = lex.names.find_iter(phrase.as_str()).find(|m| m.start() == 0 && m.end() == phrase.len()).map(|m| lex.pattern_sectors[m.pattern().as_usize()]);
            assert_eq!(by_pattern, Some(lex.sector_of_phrase(phrase)), "{phrase}");
            haystack.push_str(phrase);
            haystack.push_str(["-", " ", "s ", "x", "", "'s "][phrase.len() % 6]);
            for probe in [format!("{phrase}s"), format!("the {phrase}"), phrase.to_lowercase(), String::new()] {
                assert_eq!(lex.code_of(&probe), by_automaton(&probe), "{probe}");
            }
        }
        let scan: Vec<(usize, usize, &str)> =
            lex.names.find_iter(&haystack).map(|m| (m.start(), m.end(), lex.codes[m.pattern().as_usize()])).collect();
        assert!(scan.len() > 100);
        assert_eq!(lex.phrases_in(&haystack), scan);
        // at every place, the trie's longest phrase is the anchored automaton's match
        for p in 0..haystack.len() {
            let input = Input::new(&haystack).range(p..).anchored(Anchored::Yes);
            let by_automaton = lex.names.try_find(input).ok().flatten().map(|m| (m.end(), m.pattern().as_usize()));
            assert_eq!(lex.trie.longest_at(haystack.as_bytes(), p), by_automaton, "at {p}");
        }
    }
}
