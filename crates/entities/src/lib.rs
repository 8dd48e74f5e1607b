//! Names, entities, actor codes and coreference. (Being built: see issue 3.)

use dateline_doc::Doc;
use dateline_pipeline::{Component, Layer};

/// Finds name mentions and groups them into document entities.
#[derive(Debug, Default)]
pub struct EntityRecognizer;

impl Component for EntityRecognizer {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Mentions, Layer::Entities]
    }
    fn run(&self, _doc: &mut Doc) {}
}
