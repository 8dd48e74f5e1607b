//! The [`Doc`]: one report, owning its original text, with the layers that
//! pipeline components add to it (paragraphs, sentences, tokens, mentions,
//! entities, quotes, facts, events, stances).
//!
//! Records are plain data that hold [`Span`]s (byte offsets into
//! [`Doc::text`], the original text exactly as read) and ids into other
//! layers. Nothing here knows JSON or code-point offsets: that conversion
//! happens once, in `dateline-record`.
//!
//! Architecture Invariant: every `Span` stored in a layer indexes
//! [`Doc::text`] and is on its char boundaries (it was built with
//! `Span::new` against that text, or mapped back from the normalised view).

mod index;
mod layers;

pub use dateline_text::{CharOffsets, NormalizedText, Span, SpanError};
pub use index::SpanIndex;
pub use layers::*;

/// What a reader knows about a document before any analysis.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    /// The id the input gave, if any (otherwise the record uses a content hash).
    pub id: Option<String>,
    /// Where the text came from: a path, `path:line`, `-` for stdin, a URL.
    pub source: String,
    /// Publication date, ISO 8601 (`YYYY-MM-DD`) when known.
    pub date: Option<String>,
    /// The place line of a wire report ("BRUSSELS"), as written.
    pub dateline: Option<String>,
    /// Where the dateline place is written in the text, when it is.
    pub dateline_span: Option<Span>,
    pub title: Option<String>,
    /// Byte offset where the body (after any header/dateline) starts.
    pub body_start: usize,
}

/// One document and everything the pipeline found in it.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// The original text exactly as read. Every span indexes this.
    pub text: String,
    /// The normalised view used for matching; map back with [`Doc::span_from_norm`].
    pub norm: NormalizedText,
    pub meta: DocMeta,

    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub facts: Vec<Fact>,
    pub events: Vec<Event>,
    pub stances: Vec<Stance>,
    /// Non-fatal problems found while reading or analysing (kept, reported).
    pub warnings: Vec<String>,
}

impl Doc {
    pub fn new(text: String, meta: DocMeta) -> Doc {
        let norm = NormalizedText::new(&text);
        Doc { text, norm, meta, ..Doc::default() }
    }

    /// The original words of a span.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// A span of the original text, checked.
    pub fn span(&self, start: usize, end: usize) -> Result<Span, SpanError> {
        Span::new(&self.text, start, end)
    }

    /// Maps a byte range of the normalised text back to the original text.
    pub fn span_from_norm(&self, start: usize, end: usize) -> Span {
        self.norm.to_original(&self.text, start, end)
    }

    /// The normalised text of a token.
    #[inline]
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm.as_str()[t.norm_start as usize..t.norm_end as usize]
    }

    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        let r = &self.sentences[s].tokens;
        &self.tokens[r.start..r.end]
    }

    /// Index of the sentence containing byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end() <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start() <= pos).then_some(i)
    }

    /// Index of the first token starting at or after byte offset `pos`.
    #[inline]
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start() < pos)
    }

    /// Index of the token covering byte offset `pos`, if any.
    #[inline]
    pub fn token_at(&self, pos: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end() <= pos);
        (i < self.tokens.len() && self.tokens[i].span.start() <= pos).then_some(i)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// Adds an entity and returns its id.
    pub fn add_entity(&mut self, mut e: Entity) -> EntityId {
        let id = EntityId(self.entities.len() as u32);
        e.id = id;
        self.entities.push(e);
        id
    }
}
