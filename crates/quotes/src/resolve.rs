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
    pub pronoun: String,
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
        while first + 1 < b && (v.is_any(first, DETERMINERS) || v.is_possessive(first)) {
            first += 1;
        }
        let org = (a..b).any(|i| is_org_word(v.text(i)));
        let head = v.text(b - 1).to_ascii_lowercase();
        let mut name_first = first;
        let mut role = np.role.map(|(x, y)| {
            let mut x = x;
            while x + 1 < y && v.is_any(x, DETERMINERS) {
                x += 1;
            }
            v.doc.slice(span_of(v, x, y)).to_string()
        });
        let mut entity_kind = EntityKind::Misc;
        if np.kind == NpKind::Name && !org {
            // the name is the trailing run of capitalised, non-title words
            let mut k = b;
            while k > first && v.is_cap(k - 1) && !is_title_word(v.text(k - 1)) {
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
        } else if is_people_word(&head) || is_title_word(&head) {
            entity_kind = EntityKind::Person;
        }
        let definite = v.is_any(a, &["the", "this", "that"]) || (a < b && a + 1 < b && v.is_possessive(a + 1));
        Phrase {
            span,
            kind: np.kind,
            name_span: span_of(v, name_first, b),
            role,
            pronoun: v.text(a).to_ascii_lowercase(),
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

/// Running state of resolution, in text order.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    last_person: Option<EntityId>,
    last_other: Option<EntityId>,
}

fn lower(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

impl Resolver {
    fn note(&mut self, doc: &Doc, id: EntityId) {
        if doc.entity(id).kind == EntityKind::Person {
            self.last_person = Some(id);
        } else {
            self.last_other = Some(id);
        }
    }

    fn add_mention(doc: &mut Doc, span: Span, id: EntityId, source: MentionSource) {
        if doc.mentions.iter().any(|m| m.span == span && m.entity == Some(id)) {
            return;
        }
        let kind = doc.entity(id).kind;
        doc.mentions.push(Mention { span, kind, source, entity: Some(id) });
        let idx = doc.mentions.len() - 1;
        doc.entities[id.0 as usize].mentions.push(idx);
    }

    /// The entity an existing mention gives for these words, if any.
    fn from_mentions(doc: &Doc, span: Span) -> Option<EntityId> {
        doc.mentions
            .iter()
            .filter(|m| m.entity.is_some() && m.span.overlaps(span))
            .max_by_key(|m| (m.source.is_name(), m.span.end().min(span.end()) - m.span.start().max(span.start())))
            .and_then(|m| m.entity)
    }

    /// An entity whose name is this name, or a fuller form of it.
    fn by_name(doc: &Doc, name: &str, want_person: bool) -> Option<EntityId> {
        let n = lower(name);
        if n.is_empty() {
            return None;
        }
        let suffix = format!(" {n}");
        let mut best = None;
        for e in doc.entities.iter().rev() {
            let en = lower(&e.name);
            if en == n {
                return Some(e.id);
            }
            if best.is_none() && en.ends_with(&suffix) && (e.kind == EntityKind::Person || !want_person) {
                best = Some(e.id);
            }
        }
        best
    }

    /// Resolves a speaker phrase; may add mentions and entities.
    pub fn resolve(&mut self, doc: &mut Doc, p: &Phrase, hint: Option<&Phrase>) -> Option<EntityId> {
        if p.kind != NpKind::Pronoun && p.kind != NpKind::Relative {
            if let Some(id) = Self::from_mentions(doc, p.span) {
                self.note(doc, id);
                return Some(id);
            }
        }
        let id = match p.kind {
            NpKind::Pronoun => {
                let id = match p.pronoun.as_str() {
                    "he" | "she" => self.last_person,
                    "it" | "they" => match hint.filter(|h| h.kind == NpKind::Name && h.span.end() <= p.span.start()) {
                        Some(h) => self.resolve(doc, h, None),
                        None if p.pronoun == "it" => self.last_other,
                        None => self.last_other.or(self.last_person),
                    },
                    _ => None,
                }?;
                Self::add_mention(doc, p.span, id, MentionSource::Pronoun);
                return Some(id);
            }
            NpKind::Relative => {
                let ante = p.antecedent.as_deref()?;
                let id = self.resolve(doc, ante, None)?;
                Self::add_mention(doc, p.span, id, MentionSource::Pronoun);
                return Some(id);
            }
            NpKind::Name => {
                let name = doc.slice(p.name_span).to_string();
                let want_person = p.entity_kind == EntityKind::Person;
                match Self::by_name(doc, &name, want_person) {
                    Some(id) => {
                        let e = &mut doc.entities[id.0 as usize];
                        if e.role.is_none() {
                            e.role = p.role.clone();
                        }
                        id
                    }
                    None => {
                        // a fuller name of an entity first seen by surname
                        let shorter = doc.entities.iter().rev().find(|e| {
                            e.kind == EntityKind::Person && !e.name.contains(' ') && lower(&name).ends_with(&format!(" {}", lower(&e.name)))
                        });
                        match shorter.map(|e| e.id) {
                            Some(id) => {
                                doc.entities[id.0 as usize].name = name;
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
                let by_role = role_like
                    .then(|| {
                        doc.entities.iter().rev().find(|e| {
                            e.kind == EntityKind::Person && e.role.as_deref().is_some_and(|r| lower(r).split(' ').any(|w| w == p.head))
                        })
                    })
                    .flatten()
                    .map(|e| e.id)
                    .or_else(|| {
                        role_like
                            .then_some(self.last_person)
                            .flatten()
                            .filter(|id| doc.entity(*id).role.is_some())
                    });
                match by_role {
                    Some(id) => {
                        Self::add_mention(doc, p.span, id, MentionSource::Role);
                        self.note(doc, id);
                        return Some(id);
                    }
                    None => {
                        let name = doc.slice(p.name_span).to_string();
                        let id = match Self::by_name(doc, &name, false).filter(|id| lower(&doc.entity(*id).name) == lower(&name)) {
                            Some(id) => id,
                            None => doc.add_entity(Entity::new(name, p.entity_kind)),
                        };
                        Self::add_mention(doc, p.span, id, MentionSource::Nominal);
                        self.note(doc, id);
                        return Some(id);
                    }
                }
            }
        };
        Self::add_mention(doc, p.name_span, id, MentionSource::Rule);
        self.note(doc, id);
        Some(id)
    }

    /// An addressee: only through an existing mention or a name.
    pub fn addressee(&mut self, doc: &mut Doc, span: Span) -> Option<EntityId> {
        Self::from_mentions(doc, span)
    }
}
