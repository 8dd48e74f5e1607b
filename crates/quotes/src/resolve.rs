//! Speaker resolution: from the words naming a speaker at one place to a
//! document entity.
//!
//! Works whether or not the entities component ran before: a mention that
//! overlaps the speaker's words gives its entity; otherwise the name is
//! matched against existing entities (equal, or a surname of a fuller name:
//! "Hegseth" → "Pete Hegseth"), and failing that a new entity is created
//! with a `Rule` mention. Pronouns go to the most recent fitting speaker;
//! a definite role ("the Pentagon chief", "the minister") goes to the
//! person last seen with that role, else to the most recent speaker who
//! holds a title; other common noun phrases ("a source", "officials")
//! become entities named by the phrase.

use dateline_doc::{Doc, Entity, EntityId, EntityKind, Mention, MentionSource, Span};

use crate::names::{is_org_word, is_people_word, is_title_word};
use crate::phrase::{Np, NpKind};
use crate::view::{View, DETERMINERS};

/// Everything resolution needs about a speaker phrase, owned (so the
/// document can be changed while resolving).
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub span: Span,
    pub kind: NpKind,
    /// The words of the name or phrase, without title or determiner.
    pub name_span: Span,
    pub role: Option<String>,
    pub pronoun: &'static str,
    pub head: String,
    pub definite: bool,
    pub entity_kind: EntityKind,
    pub antecedent: Option<Box<Phrase>>,
}

fn span_of(v: View, a: usize, b: usize) -> Span {
    v.doc.tokens[a].span.cover(v.doc.tokens[b - 1].span)
}

impl Phrase {
    pub fn of(v: View, np: &Np) -> Phrase {
        let (a, b) = (np.first, np.end);
        let span = span_of(v, a, b);
        let mut first = a;
        while first + 1 < b && (v.is_any(first, &DETERMINERS) || v.is_possessive(first)) && !v.is(first + 1, "of") {
            first += 1;
        }
        // "the Pentagon chief": a name-led phrase headed by a title is a role
        let head_is_role = !v.is_cap(b - 1) && (is_title_word(v.text(b - 1)) || is_people_word(v.text(b - 1)));
        let kind = if np.kind == NpKind::Name && head_is_role { NpKind::Nominal } else { np.kind };
        // "Ann Lee of the Sierra Club": the person is named before "of"
        let b = match (a + 1..b).find(|&i| v.is(i, "of")) {
            Some(o) if v.is_cap(o - 1) && !is_org_word(v.text(o - 1)) && !is_title_word(v.text(o - 1)) => o,
            _ => b,
        };
        let org = (a..b).any(|i| is_org_word(v.text(i)));
        let head_text = v.text(b - 1);
        let head = if kind == NpKind::Nominal { head_text.to_ascii_lowercase() } else { String::new() };
        let mut name_first = first;
        let mut role = np.role.map(|(x, y)| {
            let mut x = x;
            while x + 1 < y && v.is_any(x, &DETERMINERS) {
                x += 1;
            }
            v.doc.slice(span_of(v, x, y)).to_string()
        });
        let mut entity_kind = EntityKind::Misc;
        if kind == NpKind::Name && !org {
            // the name is the trailing run of capitalised, non-title words
            let mut k = b;
            while k > first
                && ((v.is_cap(k - 1) && !is_title_word(v.text(k - 1)))
                    || (v.is_abbrev_dot(k - 1) && k >= 2 && v.text(k - 2).len() == 1))
            {
                k -= 1;
            }
            if k < b && k > first {
                let titled = (first..k).any(|i| is_title_word(v.text(i)) || v.is_abbrev_dot(i));
                let mut rb = k;
                while rb > first && (v.text(rb - 1) == "," || v.is_possessive(rb - 1)) {
                    rb -= 1;
                }
                if role.is_none() && titled {
                    role = Some(v.doc.slice(span_of(v, first, rb)).to_string());
                }
                name_first = k;
            }
            let run = b - name_first;
            let all_caps = run == 1 && v.text(b - 1).len() > 1 && v.text(b - 1).chars().all(|c| c.is_ascii_uppercase());
            entity_kind = if all_caps { EntityKind::Organization } else { EntityKind::Person };
        } else if org {
            entity_kind = EntityKind::Organization;
        } else if is_people_word(head_text) || is_title_word(head_text) {
            entity_kind = EntityKind::Person;
        }
        let definite = v.is_any(a, &["the", "this", "that"]) || (a < b && a + 1 < b && v.is_possessive(a + 1));
        Phrase {
            span,
            kind,
            name_span: span_of(v, name_first, b),
            role,
            pronoun: ["he", "she", "it", "they", "who", "which", "that"]
                .into_iter()
                .find(|w| v.is(a, w))
                .unwrap_or(""),
            head,
            definite,
            entity_kind,
            antecedent: np.antecedent.map(|(x, y)| {
                let inner = crate::phrase::np_from_range(v, x, y);
                Box::new(Phrase::of(v, &inner))
            }),
        }
    }
}

/// How many prior mentions starting before a speaker phrase ends are looked
/// at, nearest first.
const MENTION_LOOKBACK: usize = 64;

/// Running state of resolution, in text order.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    last_person: Option<EntityId>,
    last_other: Option<EntityId>,
    /// The mentions that existed before this component ran, by start: (span, entity, is a name).
    prior: Vec<(Span, EntityId, bool)>,
    /// `reach[k]`: the furthest end among `prior[..=k]`, so a search for
    /// mentions reaching a given end knows where to stop looking back.
    reach: Vec<usize>,
    /// Mentions this component added (no duplicates).
    added: std::collections::HashSet<(Span, EntityId)>,
    /// Lower-cased entity names and roles, by entity index.
    names: Vec<String>,
    roles: Vec<String>,
}

fn lower(s: &str) -> String {
    // an ASCII name has no curly apostrophe to straighten
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let l = s.to_lowercase();
    if l.contains('’') { l.replace('’', "'") } else { l }
}

impl Resolver {
    pub fn new(doc: &Doc) -> Resolver {
        // (sized up front: a filtered or scanned iterator would grow its vector step by step)
        let mut prior: Vec<_> = Vec::with_capacity(doc.mentions.len());
        prior.extend(doc.mentions.iter().filter_map(|m| m.entity.map(|e| (m.span, e, m.source.is_name()))));
        prior.sort_by_key(|(s, _, _)| (s.start(), s.end()));
        let mut far = 0;
        let reach = prior
            .iter()
            .map(|(s, _, _)| {
                far = s.end().max(far);
                far
            })
            .collect();
        Resolver { prior, reach, ..Resolver::default() }
    }

    /// Brings the lower-cased name cache up to date with the entities.
    fn sync(&mut self, doc: &Doc) {
        while self.names.len() < doc.entities.len() {
            let e = &doc.entities[self.names.len()];
            self.names.push(lower(&e.name));
            self.roles.push(e.role.as_deref().map(lower).unwrap_or_default());
        }
    }

    fn set_name(&mut self, doc: &mut Doc, id: EntityId, name: String) {
        self.sync(doc);
        self.names[id.0 as usize] = lower(&name);
        doc.entities[id.0 as usize].name = name;
    }

    fn set_role(&mut self, doc: &mut Doc, id: EntityId, role: Option<String>) {
        self.sync(doc);
        let i = id.0 as usize;
        if doc.entities[i].role.is_none() && role.is_some() {
            self.roles[i] = role.as_deref().map(lower).unwrap_or_default();
            doc.entities[i].role = role;
        }
    }

    fn note(&mut self, doc: &Doc, id: EntityId) {
        if doc.entity(id).kind == EntityKind::Person {
            self.last_person = Some(id);
        } else {
            self.last_other = Some(id);
        }
    }

    fn add_mention(&mut self, doc: &mut Doc, span: Span, id: EntityId, source: MentionSource) {
        // `prior` is sorted by (start, end): the same span sits in one run
        let from = self.prior.partition_point(|(s, _, _)| (s.start(), s.end()) < (span.start(), span.end()));
        let known = self.prior[from..].iter().take_while(|(s, _, _)| *s == span).any(|(_, e, _)| *e == id);
        if known || !self.added.insert((span, id)) {
            return;
        }
        let kind = doc.entity(id).kind;
        doc.mentions.push(Mention { span, kind, source, entity: Some(id) });
        let idx = doc.mentions.len() - 1;
        doc.entities[id.0 as usize].mentions.push(idx);
    }

    /// The entity an existing mention gives for these words, if any. The
    /// mention must cover the head (the last word): "the Pentagon chief" is
    /// not the Pentagon, "Trump administration officials" not the administration.
    fn mention_entity(&self, span: Span) -> Option<EntityId> {
        let end = self.prior.partition_point(|(s, _, _)| s.start() < span.end());
        // the 64 mentions before `end` are the candidates; those before `from`
        // all end before the span does, so none of them passes the filter
        let lo = end.saturating_sub(MENTION_LOOKBACK);
        let from = lo + self.reach[lo..end].partition_point(|&far| far < span.end());
        self.prior[from..end]
            .iter()
            .rev()
            .filter(|(s, _, _)| s.overlaps(span) && s.end() >= span.end())
            .max_by_key(|(s, _, name)| (*name, s.end().min(span.end()) - s.start().max(span.start())))
            .map(|(_, e, _)| *e)
    }

    /// An entity whose name is this name, or a fuller form of it.
    fn by_name(&mut self, doc: &Doc, name: &str, want_person: bool) -> Option<EntityId> {
        self.sync(doc);
        let n = lower(name);
        if n.is_empty() {
            return None;
        }
        let mut best = None;
        for (i, en) in self.names.iter().enumerate().rev() {
            if *en == n {
                return Some(EntityId(i as u32));
            }
            let surname = en.len() > n.len() && en.ends_with(&n) && en.as_bytes()[en.len() - n.len() - 1] == b' ';
            if best.is_none() && surname && (doc.entities[i].kind == EntityKind::Person || !want_person) {
                best = Some(EntityId(i as u32));
            }
        }
        best
    }

    /// Resolves a speaker phrase; may add mentions and entities.
    pub fn resolve(&mut self, doc: &mut Doc, p: &Phrase, hint: Option<&Phrase>) -> Option<EntityId> {
        if p.kind != NpKind::Pronoun && p.kind != NpKind::Relative {
            if let Some(id) = self.mention_entity(p.span) {
                self.note(doc, id);
                return Some(id);
            }
        }
        let id = match p.kind {
            NpKind::Pronoun => {
                let id = match p.pronoun {
                    "he" | "she" => self.last_person,
                    "it" | "they" => match hint.filter(|h| h.kind == NpKind::Name && h.span.end() <= p.span.start()) {
                        Some(h) => self.resolve(doc, h, None),
                        None if p.pronoun == "it" => self.last_other,
                        None => self.last_other.or(self.last_person),
                    },
                    _ => None,
                }?;
                self.add_mention(doc, p.span, id, MentionSource::Pronoun);
                return Some(id);
            }
            NpKind::Relative => {
                let ante = p.antecedent.as_deref()?;
                let id = self.resolve(doc, ante, None)?;
                self.add_mention(doc, p.span, id, MentionSource::Pronoun);
                return Some(id);
            }
            NpKind::Name => {
                let name = doc.slice(p.name_span).to_string();
                let want_person = p.entity_kind == EntityKind::Person;
                match self.by_name(doc, &name, want_person) {
                    Some(id) => {
                        self.set_role(doc, id, p.role.clone());
                        id
                    }
                    None => {
                        // a fuller name of an entity first seen by surname
                        let full = lower(&name);
                        let shorter = self.names.iter().enumerate().rev().find(|(i, en)| {
                            doc.entities[*i].kind == EntityKind::Person
                                && !en.contains(' ')
                                && full.len() > en.len()
                                && full.ends_with(en.as_str())
                                && full.as_bytes()[full.len() - en.len() - 1] == b' '
                        });
                        match shorter.map(|(i, _)| EntityId(i as u32)) {
                            Some(id) => {
                                self.set_name(doc, id, name);
                                id
                            }
                            None => {
                                let mut e = Entity::new(name, p.entity_kind);
                                e.role = p.role.clone();
                                doc.add_entity(e)
                            }
                        }
                    }
                }
            }
            NpKind::Nominal => {
                let role_like = p.definite && (is_title_word(&p.head) || is_people_word(&p.head)) && !p.head.ends_with('s');
                self.sync(doc);
                let by_role = role_like
                    .then(|| {
                        self.roles.iter().enumerate().rev().find(|(i, r)| {
                            doc.entities[*i].kind == EntityKind::Person && r.split(' ').any(|w| w == p.head)
                        })
                    })
                    .flatten()
                    .map(|(i, _)| EntityId(i as u32))
                    .or_else(|| {
                        role_like
                            .then_some(self.last_person)
                            .flatten()
                            .filter(|id| doc.entity(*id).role.is_some())
                    });
                match by_role {
                    Some(id) => {
                        self.add_mention(doc, p.span, id, MentionSource::Role);
                        self.note(doc, id);
                        return Some(id);
                    }
                    None => {
                        let name = doc.slice(p.name_span).to_string();
                        let exact = self.by_name(doc, &name, false).filter(|id| self.names[id.0 as usize] == lower(&name));
                        let id = match exact {
                            Some(id) => id,
                            None => doc.add_entity(Entity::new(name, p.entity_kind)),
                        };
                        self.add_mention(doc, p.span, id, MentionSource::Nominal);
                        self.note(doc, id);
                        return Some(id);
                    }
                }
            }
        };
        self.add_mention(doc, p.name_span, id, MentionSource::Rule);
        self.note(doc, id);
        Some(id)
    }

    /// An addressee: only through an existing mention or a name.
    pub fn addressee(&self, span: Span) -> Option<EntityId> {
        self.mention_entity(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `mention_entity` replaces: the 64 nearest
    /// mentions starting before the span ends, all of them looked at.
    fn plain_mention_entity(r: &Resolver, span: Span) -> Option<EntityId> {
        let end = r.prior.partition_point(|(s, _, _)| s.start() < span.end());
        r.prior[..end]
            .iter()
            .rev()
            .take(64)
            .filter(|(s, _, _)| s.overlaps(span) && s.end() >= span.end())
            .max_by_key(|(s, _, name)| (*name, s.end().min(span.end()) - s.start().max(span.start())))
            .map(|(_, e, _)| *e)
    }

    #[test]
    fn lower_folds_case_and_straightens_apostrophes() {
        // the plain definition: lower-case, then straighten every curly apostrophe
        let plain = |s: &str| s.to_lowercase().replace('’', "'");
        for s in ["Ann Lee", "O’Brien", "ÉLYSÉE Palace", "", "D'Arcy", "İstanbul", "ΣΟΦΙΑ", "a’b’c"] {
            assert_eq!(lower(s), plain(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn mention_lookup_stops_early_with_the_same_answer(
            mentions in proptest::collection::vec((0usize..300, 1usize..60, 0u32..20, proptest::bool::ANY), 0..200),
            probes in proptest::collection::vec((0usize..300, 1usize..30), 1..40),
        ) {
            let text = "x".repeat(400);
            let mut prior: Vec<(Span, EntityId, bool)> = mentions
                .iter()
                .map(|&(a, len, e, name)| (Span::new(&text, a, a + len).expect("in the text"), EntityId(e), name))
                .collect();
            prior.sort_by_key(|(s, _, _)| (s.start(), s.end()));
            let reach = prior.iter().scan(0, |far, (s, _, _)| { *far = s.end().max(*far); Some(*far) }).collect();
            let r = Resolver { prior, reach, ..Resolver::default() };
            for &(a, len) in &probes {
                let span = Span::new(&text, a, a + len).expect("in the text");
                proptest::prop_assert_eq!(r.mention_entity(span), plain_mention_entity(&r, span));
            }
        }
    }
}
