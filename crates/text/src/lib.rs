//! Text primitives every other crate relies on.
//!
//! * [`Span`]: a `[start, end)` byte range into a document's *original* text.
//!   It can only be built through constructors that check `start <= end` and
//!   that both ends fall on UTF-8 character boundaries, so slicing a text with
//!   a span obtained from it never panics.
//! * [`NormalizedText`]: a normalised copy of the original text (curly quotes
//!   made straight, non-breaking spaces made plain, dashes unified, HTML
//!   entities decoded) that keeps, for every byte it holds, the original byte
//!   it came from. Components match on the normalised text and map what they
//!   find back with [`NormalizedText::to_original`], so every record can be
//!   sliced back out of the input (the lesson of HF tokenizers' `NormalizedString`).
//! * [`CharOffsets`]: byte → Unicode code point conversion, built once per
//!   document at the serialization boundary (the JSON contract counts code
//!   points, Rust slices count bytes).

mod normalize;
mod offsets;
mod span;

pub use normalize::{InOrder, NormalizedText};
pub use offsets::CharOffsets;
pub use span::{Span, SpanError};
