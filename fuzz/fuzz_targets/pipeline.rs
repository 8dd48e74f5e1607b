//! Arbitrary text through the whole standard pipeline (segmentation, the
//! quote scanner, entities, facts, events): no panic, spans slice back.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    common::analyse(dateline_doc::Doc::new(text, Default::default()));
});
