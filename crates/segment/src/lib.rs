//! Segmentation: paragraphs, tokens, sentences.
//!
//! Tokens are found on the normalised view (so `’` and `'` behave alike) and
//! carry their original spans. Sentences are built from tokens, so a sentence
//! boundary never falls inside a token; abbreviations (U.S., Gen., Jan., No.),
//! initials and decimals do not end sentences.

mod paragraphs;
mod sentences;
mod tokens;

use dateline_doc::Doc;
use dateline_pipeline::{Component, Layer};

pub use paragraphs::paragraphs;
pub use sentences::sentences;
pub use tokens::tokenize;

/// The segmentation component: writes paragraphs, tokens and sentences.
#[derive(Debug, Default)]
pub struct Segmenter;

impl Component for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens, Layer::Sentences]
    }
    fn run(&self, doc: &mut Doc) {
        doc.paragraphs = paragraphs(&doc.text, doc.meta.body_start);
        doc.tokens = tokenize(doc);
        doc.sentences = sentences(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_doc::DocMeta;

    fn seg(text: &str) -> Doc {
        let mut d = Doc::new(text.to_string(), DocMeta::default());
        Segmenter.run(&mut d);
        d
    }

    fn sents(d: &Doc) -> Vec<&str> {
        d.sentences.iter().map(|s| d.slice(s.span)).collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        let d = seg("Gen. Mark A. Milley met Sen. Jones on Jan. 5 in the U.S. capital. Inflation was 3.5 percent. He left.");
        assert_eq!(
            sents(&d),
            vec![
                "Gen. Mark A. Milley met Sen. Jones on Jan. 5 in the U.S. capital.",
                "Inflation was 3.5 percent.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end_splits_before_a_capital_starter() {
        let d = seg("Troops left the U.S. The talks went on.");
        assert_eq!(sents(&d), vec!["Troops left the U.S.", "The talks went on."]);
    }

    #[test]
    fn a_quotation_after_an_abbreviation() {
        // a quoted word inside the sentence: no split
        let d = seg("He said the U.S. “clearly” needed time. Then he left.");
        assert_eq!(sents(&d), vec!["He said the U.S. “clearly” needed time.", "Then he left."]);
        // a quoted sentence after one that ends in the abbreviation: a split
        let d = seg("Troops left the U.S. “We are home,” one said.");
        assert_eq!(sents(&d), vec!["Troops left the U.S.", "“We are home,” one said."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let d = seg("“We will win,” he said. “They lost.” She nodded.");
        assert_eq!(sents(&d), vec!["“We will win,” he said.", "“They lost.”", "She nodded."]);
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let d = seg("One para.\n\nTwo para\ncontinues here.\n\n\nThree.");
        let p: Vec<_> = d.paragraphs.iter().map(|s| d.slice(*s)).collect();
        assert_eq!(p, vec!["One para.", "Two para\ncontinues here.", "Three."]);
        assert_eq!(d.sentences.len(), 3);
    }

    #[test]
    fn tokens_keep_original_spans() {
        let d = seg("Russia’s “pre-2014” U.S.-led 1,000.5% don't");
        let toks: Vec<_> = d.tokens.iter().map(|t| d.slice(t.span)).collect();
        assert_eq!(toks, vec!["Russia", "’s", "“", "pre-2014", "”", "U.S.-led", "1,000.5", "%", "don't"]);
        assert_eq!(d.token_text(1), "'s");
    }

    proptest::proptest! {
        #[test]
        fn segmentation_never_panics_and_spans_slice(text in "\\PC{0,200}") {
            let d = seg(&text);
            for t in &d.tokens { let _ = d.slice(t.span); }
            for s in &d.sentences {
                let _ = d.slice(s.span);
                proptest::prop_assert!(s.tokens.end <= d.tokens.len());
            }
        }
    }
}
