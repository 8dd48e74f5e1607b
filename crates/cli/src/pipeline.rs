//! The standard pipeline, in the order DESIGN.md describes.

use dateline_entities::EntityRecognizer;
use dateline_events::EventCoder;
use dateline_facts::FactExtractor;
use dateline_pipeline::Pipeline;
use dateline_quotes::QuoteExtractor;
use dateline_segment::Segmenter;

pub fn standard_pipeline() -> Pipeline {
    Pipeline::new(vec![
        Box::new(Segmenter),
        Box::new(EntityRecognizer::default()),
        Box::new(QuoteExtractor::default()),
        Box::new(FactExtractor::default()),
        Box::new(EventCoder::default()),
    ])
    .expect("the standard pipeline is ordered")
}
