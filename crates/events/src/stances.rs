//! Stances (being built).
use dateline_doc::{Doc, Event, Stance};

use crate::matcher::LowerTokens;

pub fn find_stances(_doc: &Doc, _toks: &LowerTokens, _events: &[Event]) -> Vec<Stance> {
    Vec::new()
}
