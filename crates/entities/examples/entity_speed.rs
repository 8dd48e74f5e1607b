//! Times the entity layer alone against segmentation on JSON Lines input
//! (one object a line with a "text" field):
//! `cargo run --release -p dateline-entities --example entity_speed -- FILE.jsonl`

use std::time::Duration;

/// The allocator of the `dateline` binary, so that the times match its.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use dateline_doc::{Doc, DocMeta};
use dateline_entities::{gazetteer, ner, resolve, EntityRecognizer};
use dateline_pipeline::Component;
use dateline_segment::Segmenter;

fn text_field(line: &str) -> Option<String> {
    // a minimal reader for the "text" string of a JSON object
    let i = line.find("\"text\":")? + 7;
    let rest = line[i..].trim_start().strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let h: String = chars.by_ref().take(4).collect();
                    out.push(u32::from_str_radix(&h, 16).ok().and_then(char::from_u32).unwrap_or('?'));
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
    None
}

/// CPU time of this thread (the machine may be shared; wall time would lie).
fn cpu() -> Duration {
    let t = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(t.split_whitespace().next().and_then(|x| x.parse().ok()).unwrap_or(0))
}

fn main() {
    let mut texts = Vec::new();
    for path in std::env::args().skip(1) {
        let Ok(t) = std::fs::read_to_string(&path) else { continue };
        texts.extend(t.lines().filter_map(text_field));
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let _ = (gazetteer::gazetteer(), ner::model());
    let t0 = cpu();
    let mut docs: Vec<Doc> = texts
        .into_iter()
        .map(|t| {
            let mut d = Doc::new(t, DocMeta::default());
            Segmenter.run(&mut d);
            d
        })
        .collect();
    let t1 = cpu();
    let lex: Vec<_> = docs.iter().map(gazetteer::find).collect();
    let t2 = cpu();
    let tagged: Vec<_> = docs.iter().zip(&lex).map(|(d, l)| ner::tag_doc(d, l)).collect();
    let n: usize = tagged.iter().map(Vec::len).sum();
    let t3 = cpu();
    let repeat_tagger: usize = std::env::var("TAGGER_REPEAT").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    for _ in 0..repeat_tagger {
        let _: usize = docs.iter().zip(&lex).map(|(d, l)| ner::tag_doc(d, l).len()).sum();
    }
    let t3 = if repeat_tagger > 0 { cpu() } else { t3 };
    for ((d, l), t) in docs.iter_mut().zip(&lex).zip(&tagged) {
        resolve::resolve(d, l, t);
    }
    let t4 = cpu();
    for d in docs.iter_mut() {
        EntityRecognizer.run(d);
    }
    let t5 = cpu();
    let mb = bytes as f64 / 1e6;
    println!("{mb:.2} MB, {n} tagged names (CPU time of one thread)");
    for (name, d) in [("normalise+segment", t1 - t0), ("gazetteer", t2 - t1), ("tagger", t3 - t2), ("resolve", t4 - t3), ("entities (all)", t5 - t4)] {
        println!("{name:18} {:8.3} s  {:8.1} MB/s", d.as_secs_f64(), mb / d.as_secs_f64());
    }
}
