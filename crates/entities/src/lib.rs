//! Names, entities, actor codes and coreference.
//!
//! Mentions come from two places: the lexicons (countries, their capitals and
//! seats of power, demonyms, regions, organisations; see [`gazetteer`]) and
//! the statistical name tagger ([`ner`]) for the names no lexicon can list.
//! [`resolve`] then merges the two, decides metonymy ("Kyiv said" is Ukraine
//! speaking, "in Kyiv" a place), groups mentions into document entities
//! (surname ↔ full name, acronym ↔ expansion, capital ↔ country) and reads
//! titles ("Defense Secretary Pete Hegseth", "Eritrea's information
//! minister, Yemane Tesfay") into a role, a country and a sector.

use dateline_doc::Doc;
use dateline_pipeline::{Component, Layer};

pub mod gazetteer;
pub mod headline;
pub mod ner;
pub mod resolve;

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
    fn run(&self, doc: &mut Doc) {
        let lex = gazetteer::find(doc);
        let tagged = ner::tag_doc(doc, &lex);
        let tagged = headline::check_against_body(doc, &lex, tagged);
        let tagged = headline::check_capitals_against_body(doc, &lex, tagged);
        resolve::resolve(doc, &lex, &tagged);
    }
}
