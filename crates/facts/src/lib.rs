//! Facts: counts, percentages, money, durations and dates. (Being built: see issue 3.)

use dateline_doc::Doc;
use dateline_pipeline::{Component, Layer};

#[derive(Debug, Default)]
pub struct FactExtractor;

impl Component for FactExtractor {
    fn name(&self) -> &'static str {
        "facts"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Facts]
    }
    fn run(&self, _doc: &mut Doc) {}
}
