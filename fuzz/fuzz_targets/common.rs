//! Shared by the fuzz targets: the standard pipeline (the binary's own
//! module, included so the targets fuzz exactly what ships) and a reader
//! harness that goes through a file, as users' inputs do.

#[path = "../../crates/cli/src/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

use std::io::Write;
use std::path::PathBuf;
use std::sync::LazyLock;

use dateline_pipeline::Pipeline;
use dateline_read::{read_input, Format, Input};
use dateline_record::Record;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(pipeline::standard_pipeline);

#[allow(dead_code)]
/// Analyses a document and checks the offset invariant of its record.
pub fn analyse(mut doc: dateline_doc::Doc) {
    PIPELINE.run(&mut doc);
    let rec = Record::from_doc(&doc);
    if let Err(e) = rec.check_spans(&doc.text) {
        panic!("offset invariant broken: {e}");
    }
}

#[allow(dead_code)]
/// Writes `data` to a per-process file named `name` and reads it as `format`.
pub fn read_and_analyse(data: &[u8], name: &str, format: Format) {
    let path: PathBuf = std::env::temp_dir().join(format!("dateline-fuzz-{}-{name}", std::process::id()));
    std::fs::File::create(&path).and_then(|mut f| f.write_all(data)).expect("temp file writes");
    for doc in read_input(&Input::Path(path), format).flatten() {
        analyse(doc);
    }
}
