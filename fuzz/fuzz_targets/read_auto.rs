//! Arbitrary bytes read as auto input (Auto format), then analysed: no panic,
//! spans slice back.
#![no_main]

mod common;

use dateline_read::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::read_and_analyse(data, "input", Format::Auto);
});
