//! Measures the quote component alone against segmentation, on JSON Lines
//! files with a "text" field:
//! `cargo run --release -p dateline-quotes --example quote_speed -- FILES…`

use std::time::{Duration, Instant};

use dateline_doc::{Doc, DocMeta};
use dateline_pipeline::Component;
use dateline_quotes::QuoteExtractor;
use dateline_segment::Segmenter;

fn main() {
    let mut texts = Vec::new();
    let skip_quotes = std::env::args().any(|a| a == "--no-quotes");
    for path in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let Ok(data) = std::fs::read_to_string(&path) else { continue };
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut seg, mut quo) = (Duration::ZERO, Duration::ZERO);
    let mut n_quotes = 0;
    for t in &texts {
        let mut d = Doc::new(t.clone(), DocMeta::default());
        let a = Instant::now();
        Segmenter.run(&mut d);
        let b = Instant::now();
        if !skip_quotes {
            QuoteExtractor::default().run(&mut d);
        }
        quo += b.elapsed();
        seg += b - a;
        n_quotes += d.quotes.len();
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} docs, {:.2} MB, {} quotes; segment {:.3}s ({:.1} MB/s), quotes {:.3}s ({:.1} MB/s)",
        texts.len(),
        mb,
        n_quotes,
        seg.as_secs_f64(),
        mb / seg.as_secs_f64(),
        quo.as_secs_f64(),
        mb / quo.as_secs_f64()
    );
}
