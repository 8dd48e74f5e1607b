//! PLOVER events and stances. (Being built: see issue 4.)

use dateline_doc::Doc;
use dateline_pipeline::{Component, Layer};

#[derive(Debug, Default)]
pub struct EventCoder;

impl Component for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Entities, Layer::Quotes, Layer::Facts]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Events, Layer::Stances]
    }
    fn run(&self, _doc: &mut Doc) {}
}
