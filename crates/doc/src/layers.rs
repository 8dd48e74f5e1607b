//! The annotation layers. Plain data: spans, ids and small enums.

use std::ops::Range;

use crate::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into `Doc::tokens`.
    pub tokens: Range<usize>,
    /// Index into `Doc::paragraphs`.
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    /// A quotation mark (straight or typographic, single or double).
    Quote,
    Punct,
    Symbol,
}

/// A token: its original span and its normalised text (as a byte range of
/// `Doc::norm`, so no allocation per token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub norm_start: u32,
    pub norm_end: u32,
    pub kind: TokenKind,
    /// White space (or the start of the text) precedes the token.
    pub space_before: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Location,
    /// Nationalities, ethnic, religious and political groups.
    Group,
    /// Named things of no other kind (events, laws, products).
    Misc,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Organization => "ORGANIZATION",
            EntityKind::Country => "COUNTRY",
            EntityKind::Location => "LOCATION",
            EntityKind::Group => "GROUP",
            EntityKind::Misc => "MISC",
        }
    }
}

/// How a mention was found; decides what the record lists as a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionSource {
    /// A lexicon entry (countries, organisations, …).
    Lexicon,
    /// The statistical name tagger.
    Model,
    /// A hand-written rule (title + name, apposition, "X said").
    Rule,
    /// A role or title standing for a person ("the Pentagon chief").
    Role,
    /// A pronoun resolved to an entity.
    Pronoun,
    /// A common noun phrase ("the minister", "officials").
    Nominal,
}

impl MentionSource {
    /// Names (not pronouns or common nouns) are what NER-style mention lists hold.
    pub fn is_name(self) -> bool {
        matches!(self, MentionSource::Lexicon | MentionSource::Model | MentionSource::Rule)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    pub source: MentionSource,
    /// The entity this mention refers to, once coreference has run.
    pub entity: Option<EntityId>,
}

/// Actor sector codes, in the PLOVER/Phoenix spirit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sector {
    Gov,
    Mil,
    Leg,
    Jud,
    Opp,
    Reb,
    Bus,
    Med,
    Edu,
    Ngo,
    Igo,
    Cvl,
    Pol,
    Cop,
    Rel,
}

impl Sector {
    pub const ALL: [Sector; 15] = [
        Sector::Gov,
        Sector::Mil,
        Sector::Leg,
        Sector::Jud,
        Sector::Opp,
        Sector::Reb,
        Sector::Bus,
        Sector::Med,
        Sector::Edu,
        Sector::Ngo,
        Sector::Igo,
        Sector::Cvl,
        Sector::Pol,
        Sector::Cop,
        Sector::Rel,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Sector::Gov => "GOV",
            Sector::Mil => "MIL",
            Sector::Leg => "LEG",
            Sector::Jud => "JUD",
            Sector::Opp => "OPP",
            Sector::Reb => "REB",
            Sector::Bus => "BUS",
            Sector::Med => "MED",
            Sector::Edu => "EDU",
            Sector::Ngo => "NGO",
            Sector::Igo => "IGO",
            Sector::Cvl => "CVL",
            Sector::Pol => "POL",
            Sector::Cop => "COP",
            Sector::Rel => "REL",
        }
    }

    pub fn from_code(code: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(code))
    }
}

/// A document-level entity: the mentions that refer to one thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: EntityId,
    /// The fullest name the document gives.
    pub name: String,
    pub kind: EntityKind,
    /// ISO 3166-1 alpha-3 of the country it belongs to, when known.
    pub country: Option<String>,
    pub sector: Option<Sector>,
    /// Title or function, when given ("Defense Secretary").
    pub role: Option<String>,
    /// Indices into `Doc::mentions`.
    pub mentions: Vec<usize>,
}

impl Entity {
    pub fn new(name: impl Into<String>, kind: EntityKind) -> Entity {
        Entity {
            id: EntityId(u32::MAX),
            name: name.into(),
            kind,
            country: None,
            sector: None,
            role: None,
            mentions: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted or reported words only, without the marks.
    pub span: Span,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: Option<Span>,
    /// The words naming or referring to the speaker at that place.
    pub speaker_span: Option<Span>,
    /// The speaker, resolved to a document entity.
    pub speaker: Option<EntityId>,
    pub addressee_span: Option<Span>,
    pub addressee: Option<EntityId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactKind {
    Count,
    Percent,
    Money,
    Duration,
    Date,
}

impl FactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Count => "count",
            FactKind::Percent => "percent",
            FactKind::Money => "money",
            FactKind::Duration => "duration",
            FactKind::Date => "date",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Number(f64),
    /// An ISO 8601 date or partial date ("2014-03", "2025-02-12").
    Date(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub kind: FactKind,
    pub span: Span,
    pub value: FactValue,
    /// "percent", "years", "USD", or the counted noun ("allies").
    pub unit: Option<String>,
    /// "about", "more than", "nearly", "at least", "up to".
    pub qualifier: Option<String>,
    /// What it counts or measures when the text says ("Ukraine's territory").
    pub of: Option<String>,
    /// Whose fact it is, when the sentence says (an entity).
    pub holder: Option<EntityId>,
}

/// The PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// Whether an event is said to have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventStatus {
    Asserted,
    Negated,
    Future,
    Hypothetical,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Asserted => "asserted",
            EventStatus::Negated => "negated",
            EventStatus::Future => "future",
            EventStatus::Hypothetical => "hypothetical",
        }
    }
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actor {
    pub entity: Option<EntityId>,
    /// ISO-3 country, or an actor code the ontology uses ("IGO").
    pub country: Option<String>,
    pub sector: Option<Sector>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventType,
    pub mode: Option<String>,
    pub source: Actor,
    pub target: Actor,
    /// When it happened (ISO 8601, possibly partial), not when it was reported.
    pub date: Option<String>,
    pub place: Option<String>,
    /// The words that state it.
    pub span: Span,
    /// The verb or noun that triggered it.
    pub trigger: Option<Span>,
    pub status: EventStatus,
    /// The issue it concerns, when the text says.
    pub issue: Option<String>,
    /// Index into `Doc::quotes` when the event is stated in a quote.
    pub quote: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    For,
    Against,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::For => "for",
            Polarity::Against => "against",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    pub holder: Option<EntityId>,
    /// The issue as a short phrase ("NATO membership for Ukraine").
    pub target: String,
    /// A canonical key for the issue, shared by its different wordings.
    pub issue_key: String,
    pub polarity: Polarity,
    /// The words that carry the stance.
    pub span: Span,
    /// The word(s) carrying the polarity ("unrealistic").
    pub cue: Option<Span>,
    /// Index into `Doc::quotes` when the stance comes from one.
    pub quote: Option<usize>,
    /// Set when this stance is reported as a change from another one
    /// (index into `Doc::stances` of the stance it departs from).
    pub shift_from: Option<usize>,
}
