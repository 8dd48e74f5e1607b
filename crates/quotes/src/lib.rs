//! Quotations and reported speech. (Being built: see issue 2.)

use dateline_doc::Doc;
use dateline_pipeline::{Component, Layer};

#[derive(Debug, Default)]
pub struct QuoteExtractor;

impl Component for QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens, Layer::Sentences, Layer::Mentions, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quotes, Layer::Mentions, Layer::Entities]
    }
    fn run(&self, _doc: &mut Doc) {}
}
