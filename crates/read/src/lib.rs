//! Readers: turn input files into [`Doc`]s.
//!
//! Formats: the wire format (`date YYYY-MM-DD PLACE >> text`), plain text
//! (with a dateline such as "BRUSSELS, Feb 12 (Reuters) -" detected at its
//! start or after a one-line headline), JSON Lines (`{"id", "text", "date"?, "title"?, "source"?,
//! "dateline"?}` one document a line) and standard input.
//!
//! Bad input never panics and never stops a batch: each problem is a
//! [`ReadError`] naming the input (and line), yielded in place of the
//! document it spoiled, and the reader goes on with the next one. Invalid
//! UTF-8 is decoded lossily, with a warning on the document that names the
//! first bad byte offset.

mod dateline;
mod formats;

pub use dateline::{find_dateline, find_dateline_after_headline, note_dateline, Dateline};
pub use formats::{read_input, Format, Input, ReadError};
