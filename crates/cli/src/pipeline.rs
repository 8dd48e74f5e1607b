//! The standard pipeline, in the order DESIGN.md describes, and the options
//! that change how its components annotate (shared by every command that
//! builds it).

use clap::{Args, ValueEnum};
use dateline_entities::EntityRecognizer;
use dateline_events::EventCoder;
use dateline_facts::FactExtractor;
use dateline_pipeline::Pipeline;
use dateline_quotes::{QuoteExtractor, QuoteSpans};
use dateline_segment::Segmenter;

/// How an interrupted direct quotation (“A,” she said. “B.”) is recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum QuoteSpansArg {
    /// One quote per piece, each with the shared cue and speaker (one sentence the attribution interrupts stays one quote).
    #[default]
    Split,
    /// One quote over both pieces and the attribution between them (PolNeAR).
    Joined,
}

impl From<QuoteSpansArg> for QuoteSpans {
    fn from(arg: QuoteSpansArg) -> QuoteSpans {
        match arg {
            QuoteSpansArg::Split => QuoteSpans::Split,
            QuoteSpansArg::Joined => QuoteSpans::Joined,
        }
    }
}

/// Annotation conventions of the pipeline; the defaults are the product's.
#[derive(Args, Debug, Clone, Copy, Default)]
pub struct PipelineOptions {
    /// Interrupted quotes (“A,” she said. “B.”): split into one quote per
    /// piece, or joined into one span over the attribution (PolNeAR style).
    #[arg(long, value_enum, default_value_t = QuoteSpansArg::Split)]
    pub quote_spans: QuoteSpansArg,
}

impl PipelineOptions {
    /// What differs from the defaults, for a summary line ("" when nothing does).
    pub fn describe_changes(&self) -> String {
        match self.quote_spans {
            QuoteSpansArg::Split => String::new(),
            QuoteSpansArg::Joined => format!(", quote spans: {}", QuoteSpans::Joined.as_str()),
        }
    }
}

pub fn standard_pipeline() -> Pipeline {
    pipeline_with(&PipelineOptions::default())
}

pub fn pipeline_with(options: &PipelineOptions) -> Pipeline {
    Pipeline::new(vec![
        Box::new(Segmenter),
        Box::new(EntityRecognizer::default()),
        Box::new(QuoteExtractor::new(options.quote_spans.into())),
        Box::new(FactExtractor::default()),
        Box::new(EventCoder::default()),
    ])
    .expect("the standard pipeline is ordered")
}
