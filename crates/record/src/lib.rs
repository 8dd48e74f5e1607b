//! The serialization boundary: a [`Doc`] becomes a schema-1 [`Record`]
//! (`../shared/SCHEMA.md`), and byte offsets become Unicode code-point
//! offsets, once, here.
//!
//! Architecture Invariant: for every span `[a, b)` in a record and the
//! document text `t` it was made from, `t.chars().skip(a).take(b - a)` is
//! exactly the text the span names (checked over whole corpora in tests).
//! Fields are only ever added; `SCHEMA_VERSION` changes when a field's
//! meaning does.

mod write;

use dateline_doc::{Actor, CharOffsets, Doc, EntityId, FactValue, Span};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const SCHEMA_VERSION: u32 = 1;

/// `[start, end)` in Unicode code points.
pub type CharSpan = [usize; 2];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub schema: u32,
    pub id: String,
    pub source: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    #[serde(default)]
    pub quotes: Vec<QuoteRecord>,
    #[serde(default)]
    pub events: Vec<EventRecord>,
    #[serde(default)]
    pub stances: Vec<StanceRecord>,
    #[serde(default)]
    pub facts: Vec<FactRecord>,
    /// Non-fatal problems met while reading or analysing the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// Every place it is named (names only: what NER scorers count).
    pub mentions: Vec<CharSpan>,
    /// Places it is referred to by a pronoun, role or common noun.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<CharSpan>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteRecord {
    pub kind: String,
    pub span: CharSpan,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    #[serde(default)]
    pub speaker_span: Option<CharSpan>,
    pub cue: Option<String>,
    pub cue_span: Option<CharSpan>,
    pub addressee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee_span: Option<CharSpan>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActorRecord {
    pub entity: Option<String>,
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRecord {
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub source: ActorRecord,
    pub target: ActorRecord,
    pub date: Option<String>,
    pub place: Option<String>,
    pub span: CharSpan,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_span: Option<CharSpan>,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StanceRecord {
    pub holder: Option<String>,
    pub holder_name: Option<String>,
    pub target: String,
    pub issue: String,
    pub polarity: String,
    pub span: CharSpan,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<CharSpan>,
    pub quote: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_from: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FactRecord {
    pub kind: String,
    pub text: String,
    pub value: serde_json::Value,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    pub span: CharSpan,
}

/// The id a document gets when its input gave none: sha256 of its text.
pub fn content_id(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// "E" and the 1-based entity number, written without the formatting
/// machinery (every entity, speaker and actor of a record names one).
fn entity_ref(id: EntityId) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(u64::from(id.0) + 1);
    let mut out = String::with_capacity(1 + digits.len());
    out.push('E');
    out.push_str(digits);
    out
}

/// The entities a record lists and their numbers: every entity the text
/// names, and every entity a quote, event, stance or fact of the record
/// refers to. An entity met only as a phrase that no record kept (the
/// speaker phrase of a candidate report that was dropped: "anybody",
/// "softer language") is left out, and the rest are numbered without gaps.
struct Listed(Vec<Option<u32>>);

impl Listed {
    fn new(doc: &Doc) -> Listed {
        let size = doc.entities.iter().map(|e| e.id.0 as usize + 1).max().unwrap_or(0);
        let mut keep = vec![false; size];
        for e in &doc.entities {
            keep[e.id.0 as usize] = e.mentions.iter().any(|&m| doc.mentions.get(m).is_some_and(|m| m.source.is_name()));
        }
        let mut mark = |id: Option<EntityId>| {
            if let Some(k) = id.and_then(|id| keep.get_mut(id.0 as usize)) {
                *k = true;
            }
        };
        for q in &doc.quotes {
            mark(q.speaker);
            mark(q.addressee);
        }
        for e in &doc.events {
            mark(e.source.entity);
            mark(e.target.entity);
        }
        for s in &doc.stances {
            mark(s.holder);
        }
        for f in &doc.facts {
            mark(f.holder);
        }
        let mut next = 0;
        Listed(
            keep.into_iter()
                .map(|k| {
                    k.then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect(),
        )
    }

    fn listed(&self, id: EntityId) -> bool {
        self.0.get(id.0 as usize).is_some_and(Option::is_some)
    }

    /// The record's reference to a listed entity ("E3").
    fn entity_ref(&self, id: EntityId) -> Option<String> {
        self.number(id).map(|n| entity_ref(EntityId(n)))
    }

    /// A listed entity's number in the record (0-based).
    fn number(&self, id: EntityId) -> Option<u32> {
        self.0.get(id.0 as usize).copied().flatten()
    }
}

/// A fact's number as JSON: an integer when it is one (and exactly
/// representable), else a float.
fn number_value(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::json!(n as i64)
    } else {
        serde_json::json!(n)
    }
}

impl Record {
    /// Builds the record of an analysed document.
    pub fn from_doc(doc: &Doc) -> Record {
        let offsets = CharOffsets::new(&doc.text);
        let listed = Listed::new(doc);
        let entity_ref = |id: EntityId| listed.entity_ref(id);
        let cs = |s: Span| -> CharSpan { [offsets.char_index(s.start()), offsets.char_index(s.end())] };
        let name_of = |id: Option<EntityId>| id.map(|e| doc.entity(e).name.clone());

        let entities = doc
            .entities
            .iter()
            .filter(|e| listed.listed(e.id))
            .map(|e| {
                // sized once: names first, the rest references
                let names = e.mentions.iter().filter(|&&m| doc.mentions[m].source.is_name()).count();
                let mut mentions = Vec::with_capacity(names);
                let mut references = Vec::with_capacity(e.mentions.len() - names);
                for &m in &e.mentions {
                    let m = &doc.mentions[m];
                    if m.source.is_name() {
                        mentions.push(cs(m.span));
                    } else {
                        references.push(cs(m.span));
                    }
                }
                mentions.sort_unstable();
                mentions.dedup();
                references.sort_unstable();
                references.dedup();
                EntityRecord {
                    id: entity_ref(e.id).unwrap_or_default(),
                    name: e.name.clone(),
                    kind: e.kind.as_str().to_string(),
                    country: e.country.clone(),
                    sector: e.sector.map(|s| s.code().to_string()),
                    role: e.role.clone(),
                    mentions,
                    references,
                }
            })
            .collect();

        let quotes = doc
            .quotes
            .iter()
            .map(|q| QuoteRecord {
                kind: q.kind.as_str().to_string(),
                span: cs(q.span),
                text: doc.slice(q.span).to_string(),
                speaker: q.speaker.and_then(entity_ref),
                speaker_name: name_of(q.speaker).or_else(|| q.speaker_span.map(|s| doc.slice(s).to_string())),
                speaker_span: q.speaker_span.map(cs),
                cue: q.cue.map(|s| doc.slice(s).to_string()),
                cue_span: q.cue.map(cs),
                addressee: q.addressee.and_then(entity_ref),
                addressee_span: q.addressee_span.map(cs),
            })
            .collect();

        let actor = |a: &Actor| ActorRecord {
            entity: a.entity.and_then(entity_ref),
            country: a.country.clone(),
            sector: a.sector.map(|s| s.code().to_string()),
        };
        let events = doc
            .events
            .iter()
            .map(|e| EventRecord {
                kind: e.kind.as_str().to_string(),
                mode: e.mode.clone(),
                source: actor(&e.source),
                target: actor(&e.target),
                date: e.date.clone(),
                place: e.place.clone(),
                span: cs(e.span),
                text: doc.slice(e.span).to_string(),
                trigger_span: e.trigger.map(cs),
                status: e.status.as_str().to_string(),
                issue: e.issue.clone(),
                quote: e.quote,
            })
            .collect();

        let stances = doc
            .stances
            .iter()
            .map(|s| StanceRecord {
                holder: s.holder.and_then(entity_ref),
                holder_name: name_of(s.holder),
                target: s.target.clone(),
                issue: s.issue_key.clone(),
                polarity: s.polarity.as_str().to_string(),
                span: cs(s.span),
                text: doc.slice(s.span).to_string(),
                cue_span: s.cue.map(cs),
                quote: s.quote,
                shift_from: s.shift_from,
            })
            .collect();

        let facts = doc
            .facts
            .iter()
            .map(|f| FactRecord {
                kind: f.kind.as_str().to_string(),
                text: doc.slice(f.span).to_string(),
                value: match &f.value {
                    FactValue::Number(n) => number_value(*n),
                    FactValue::Date(d) => serde_json::json!(d),
                },
                unit: f.unit.clone(),
                qualifier: f.qualifier.clone(),
                of: f.of.clone(),
                holder: f.holder.and_then(entity_ref),
                span: cs(f.span),
            })
            .collect();

        Record {
            schema: SCHEMA_VERSION,
            id: doc.meta.id.clone().unwrap_or_else(|| content_id(&doc.text)),
            source: doc.meta.source.clone(),
            date: doc.meta.date.clone(),
            dateline: doc.meta.dateline.clone(),
            title: doc.meta.title.clone(),
            entities,
            quotes,
            events,
            stances,
            facts,
            warnings: doc.warnings.clone(),
        }
    }

    /// Every span in the record with the text it should name, for checking
    /// the offset invariant: `(what, span, expected words or None)`.
    pub fn spans(&self) -> Vec<(&'static str, CharSpan, Option<&str>)> {
        let mut out = Vec::new();
        let listed: Result<(), std::convert::Infallible> = self.each_span(|what, span, words| {
            out.push((what, span, words));
            Ok(())
        });
        let Ok(()) = listed;
        out
    }

    /// Calls `visit` with what [`Record::spans`] lists, in the same order,
    /// until it returns an error.
    fn each_span<'r, E>(&'r self, mut visit: impl FnMut(&'static str, CharSpan, Option<&'r str>) -> Result<(), E>) -> Result<(), E> {
        for e in &self.entities {
            for m in e.mentions.iter().chain(&e.references) {
                visit("entity mention", *m, None)?;
            }
        }
        for q in &self.quotes {
            visit("quote", q.span, Some(q.text.as_str()))?;
            if let Some(s) = q.speaker_span {
                visit("speaker", s, None)?;
            }
            if let (Some(s), Some(c)) = (q.cue_span, q.cue.as_deref()) {
                visit("cue", s, Some(c))?;
            }
            if let Some(s) = q.addressee_span {
                visit("addressee", s, None)?;
            }
        }
        for e in &self.events {
            visit("event", e.span, Some(e.text.as_str()))?;
        }
        for s in &self.stances {
            visit("stance", s.span, Some(s.text.as_str()))?;
        }
        for f in &self.facts {
            visit("fact", f.span, Some(f.text.as_str()))?;
        }
        Ok(())
    }

    /// Checks that every span is inside `text` and gives back the words the
    /// record says it does. Returns the first violation. Cheap enough to run
    /// on every record: code points become byte offsets through the sparse
    /// table of the text's multi-byte characters ([`CharOffsets`]).
    pub fn check_spans(&self, text: &str) -> Result<(), String> {
        let offsets = CharOffsets::new(text);
        let chars = offsets.len_chars();
        self.each_span(|what, [a, b], words| {
            if a > b || b > chars {
                return Err(format!("{what} span [{a}, {b}) is outside a {chars}-character text"));
            }
            if let Some(w) = words {
                let got = &text[offsets.byte_index(a)..offsets.byte_index(b)];
                if got != w {
                    return Err(format!("{what} span [{a}, {b}) gives {got:?}, record says {w:?}"));
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_doc::{DocMeta, Entity, EntityKind, Mention, MentionSource, Quote, QuoteKind};

    /// Entities the text names, or that a record refers to, are listed and
    /// numbered without gaps; a phrase no record kept is not.
    #[test]
    fn only_named_or_used_entities_are_listed() {
        let text = "Anybody knows. Lee said the talks failed, an aide added.";
        let mut doc = Doc::new(text.to_string(), DocMeta::default());
        let mut entity = |doc: &mut Doc, words: &str, source: MentionSource| {
            let at = text.find(words).unwrap();
            let span = doc.span(at, at + words.len()).unwrap();
            doc.mentions.push(Mention { span, kind: EntityKind::Person, source, entity: None });
            let mut e = Entity::new(words, EntityKind::Person);
            e.mentions.push(doc.mentions.len() - 1);
            (doc.add_entity(e), span)
        };
        let (_anybody, _) = entity(&mut doc, "Anybody", MentionSource::Nominal);
        let (lee, _) = entity(&mut doc, "Lee", MentionSource::Rule);
        let (aide, aide_span) = entity(&mut doc, "an aide", MentionSource::Nominal);
        let at = text.find("the talks").unwrap();
        doc.quotes.push(Quote {
            kind: QuoteKind::Indirect,
            span: doc.span(at, at + "the talks failed".len()).unwrap(),
            cue: None,
            speaker_span: Some(aide_span),
            speaker: Some(aide),
            addressee_span: None,
            addressee: Some(lee),
        });
        let r = Record::from_doc(&doc);
        let listed: Vec<(&str, &str)> = r.entities.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect();
        assert_eq!(listed, [("E1", "Lee"), ("E2", "an aide")]);
        assert_eq!(r.quotes[0].speaker.as_deref(), Some("E2"));
        assert_eq!(r.quotes[0].speaker_name.as_deref(), Some("an aide"));
        assert_eq!(r.quotes[0].addressee.as_deref(), Some("E1"));
    }

    /// The record written straight from a document is the record built and
    /// then written, byte for byte, with every optional field both ways.
    #[test]
    fn doc_json_is_the_built_record_json() {
        use dateline_doc::{Event, EventStatus, EventType, Fact, FactKind, Polarity, Sector, Stance};
        let text = "BRÜSSEL \"Ünal\" said:\n“We\tleave” — Lee, the minister, told NATO 3.5 % of €2 bn on 4 May.\u{1}";
        let at = |words: &str| text.find(words).unwrap();
        for full in [false, true] {
            let meta = DocMeta {
                id: full.then(|| "doc-\"1\"".to_string()),
                source: "in/ü.txt".into(),
                date: full.then(|| "2026-05-04".into()),
                dateline: full.then(|| "BRÜSSEL".into()),
                title: full.then(|| "Title \\ \"x\"".into()),
                ..Default::default()
            };
            let mut doc = Doc::new(text.to_string(), meta);
            let span = |doc: &Doc, words: &str| doc.span(at(words), at(words) + words.len()).unwrap();
            let entity = |doc: &mut Doc, name: &str, spans: &[(&str, MentionSource)]| {
                let mut e = Entity::new(name, EntityKind::Person);
                for &(words, source) in spans {
                    let s = span(doc, words);
                    doc.mentions.push(Mention { span: s, kind: EntityKind::Person, source, entity: None });
                    e.mentions.push(doc.mentions.len() - 1);
                }
                if full {
                    e.country = Some("TUR".into());
                    e.sector = Some(Sector::Gov);
                    e.role = Some("the \"minister\"".into());
                }
                doc.add_entity(e)
            };
            let lee = entity(&mut doc, "Lee", &[("the minister", MentionSource::Role), ("Lee", MentionSource::Rule), ("Lee", MentionSource::Rule), ("Ünal", MentionSource::Model)]);
            let unlisted = entity(&mut doc, "We", &[("We", MentionSource::Pronoun)]);
            let nato = entity(&mut doc, "NATO", &[("NATO", MentionSource::Lexicon)]);
            let quote = |doc: &Doc| Quote {
                kind: if full { QuoteKind::Direct } else { QuoteKind::Indirect },
                span: span(doc, "We\tleave"),
                cue: full.then(|| span(doc, "said")),
                speaker_span: full.then(|| span(doc, "Lee")),
                speaker: full.then_some(lee),
                addressee_span: full.then(|| span(doc, "NATO")),
                addressee: full.then_some(nato),
            };
            let q = quote(&doc);
            doc.quotes.push(q);
            let q = Quote { speaker: Some(unlisted), speaker_span: Some(span(&doc, "We")), ..quote(&doc) };
            doc.quotes.push(q);
            let actor = |entity: Option<EntityId>| dateline_doc::Actor { entity, country: full.then(|| "BEL".into()), sector: full.then_some(Sector::Mil), span: None };
            doc.events.push(Event {
                kind: EventType::Agree,
                mode: full.then(|| "verbal".into()),
                source: actor(Some(lee)),
                target: actor(full.then_some(unlisted)),
                date: full.then(|| "2026-05".into()),
                place: full.then(|| "Brüssel".into()),
                span: span(&doc, "told NATO"),
                trigger: full.then(|| span(&doc, "told")),
                status: EventStatus::Asserted,
                issue: full.then(|| "bases".into()),
                quote: full.then_some(1),
            });
            doc.stances.push(Stance {
                holder: full.then_some(nato),
                target: "a \"target\"".into(),
                issue_key: "key".into(),
                polarity: Polarity::Against,
                span: span(&doc, "leave"),
                cue: full.then(|| span(&doc, "leave")),
                quote: full.then_some(0),
                shift_from: full.then_some(0),
            });
            for (words, value) in [("3.5 %", FactValue::Number(3.5)), ("€2 bn", FactValue::Number(2e9)), ("4 May", FactValue::Date("2026-05-04".into())), ("3.5", FactValue::Number(f64::NAN)), ("2", FactValue::Number(1e300))] {
                doc.facts.push(Fact {
                    kind: FactKind::Count,
                    span: span(&doc, words),
                    value,
                    unit: full.then(|| "percent".into()),
                    qualifier: full.then(|| "about".into()),
                    of: full.then(|| "the \"vote\"".into()),
                    holder: full.then_some(lee),
                });
            }
            if full {
                doc.warnings = vec!["a \"warning\"\n".into(), "another".into()];
            }
            let record = Record::from_doc(&doc);
            let mut built = Vec::new();
            record.write_json(&mut built);
            let mut direct = Vec::new();
            let (records, checked) = Record::write_doc_json(&doc, &mut direct);
            assert_eq!(checked, Ok(()));
            assert_eq!(String::from_utf8_lossy(&direct), String::from_utf8_lossy(&built), "full: {full}");
            assert_eq!(records, record.entities.len() + record.quotes.len() + record.events.len() + record.stances.len() + record.facts.len());
        }
        let empty = Doc::new(String::new(), DocMeta::default());
        let (mut built, mut direct) = (Vec::new(), Vec::new());
        Record::from_doc(&empty).write_json(&mut built);
        assert_eq!(Record::write_doc_json(&empty, &mut direct), (0, Ok(())));
        assert_eq!(direct, built);
    }

    #[test]
    fn entity_refs_count_from_one() {
        for n in [0u32, 1, 8, 9, 10, 99, 12345, u32::MAX] {
            assert_eq!(entity_ref(EntityId(n)), format!("E{}", u64::from(n) + 1));
        }
    }

    /// Every code point range of a text mixing one-, two-, three- and
    /// four-byte characters is checked against the characters it holds.
    #[test]
    fn span_check_agrees_with_the_characters() {
        let text = "a“Ü€b 😀c”é";
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        for a in 0..=n {
            for b in a..=n {
                let words: String = chars[a..b].iter().collect();
                let mut r = Record::from_doc(&Doc::new(text.to_string(), DocMeta::default()));
                r.facts.push(FactRecord { kind: "number".into(), text: words.clone(), span: [a, b], value: serde_json::Value::Null, unit: None, qualifier: None, of: None, holder: None });
                assert_eq!(r.check_spans(text), Ok(()), "[{a}, {b})");
                r.facts[0].text.push('x');
                assert!(r.check_spans(text).is_err(), "[{a}, {b})");
            }
        }
        let mut r = Record::from_doc(&Doc::new(text.to_string(), DocMeta::default()));
        r.facts.push(FactRecord { kind: "number".into(), text: String::new(), span: [n, n + 1], value: serde_json::Value::Null, unit: None, qualifier: None, of: None, holder: None });
        assert!(r.check_spans(text).unwrap_err().contains("outside"));
    }

    #[test]
    fn offsets_are_code_points_and_round_trip() {
        let text = "“Hello,” said Ünal.".to_string();
        let mut doc = Doc::new(text.clone(), DocMeta { source: "t".into(), ..Default::default() });
        let name = doc.span(text.find('Ü').unwrap(), text.len() - 1).unwrap();
        doc.mentions.push(Mention { span: name, kind: EntityKind::Person, source: MentionSource::Rule, entity: None });
        let mut e = Entity::new("Ünal", EntityKind::Person);
        e.mentions.push(0);
        let id = doc.add_entity(e);
        let words = doc.span(3, 9).unwrap();
        doc.quotes.push(Quote {
            kind: QuoteKind::Direct,
            span: words,
            cue: Some(doc.span(text.find("said").unwrap(), text.find("said").unwrap() + 4).unwrap()),
            speaker_span: Some(name),
            speaker: Some(id),
            addressee_span: None,
            addressee: None,
        });
        let r = Record::from_doc(&doc);
        assert_eq!(r.quotes[0].span, [1, 7]);
        assert_eq!(r.quotes[0].text, "Hello,");
        assert_eq!(r.entities[0].mentions, vec![[14, 18]]);
        assert_eq!(r.quotes[0].speaker.as_deref(), Some("E1"));
        assert_eq!(r.id, content_id(&text));
        r.check_spans(&text).unwrap();
        let mut bad = r.clone();
        bad.quotes[0].span = [2, 7];
        assert!(bad.check_spans(&text).unwrap_err().contains("gives \"ello,\""));
        bad.quotes[0].span = [2, 70];
        assert!(bad.check_spans(&text).unwrap_err().contains("outside a 19-character text"));
        let ascii = "He said: \"Go.\"";
        let mut doc = Doc::new(ascii.to_string(), DocMeta::default());
        let words = doc.span(10, 13).unwrap();
        doc.quotes.push(Quote { kind: QuoteKind::Direct, span: words, cue: None, speaker_span: None, speaker: None, addressee_span: None, addressee: None });
        let r = Record::from_doc(&doc);
        r.check_spans(ascii).unwrap();
        let mut bad = r.clone();
        bad.quotes[0].span = [9, 12];
        assert!(bad.check_spans(ascii).is_err());
        let json = serde_json::to_string(&r).unwrap();
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}
