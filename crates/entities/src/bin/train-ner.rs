//! Trains the name tagger on CoNLL-2003 and writes the model file.
//!
//! usage: train-ner TRAIN.txt OUT.bin [--buckets-log2 N] [--epochs N]
//!
//! The training data never enters the repository; the model file does,
//! with this command to rebuild it.

use std::process::ExitCode;

use dateline_entities::ner;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut buckets_log2 = 18u32;
    let mut epochs = 8usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--buckets-log2" => {
                i += 1;
                buckets_log2 = args.get(i).and_then(|s| s.parse().ok()).unwrap_or(buckets_log2);
            }
            "--epochs" => {
                i += 1;
                epochs = args.get(i).and_then(|s| s.parse().ok()).unwrap_or(epochs);
            }
            a => positional.push(a.to_string()),
        }
        i += 1;
    }
    let [train_path, out_path] = positional.as_slice() else {
        eprintln!("usage: train-ner TRAIN.txt OUT.bin [--buckets-log2 N] [--epochs N]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(train_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("train-ner: {train_path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let data = ner::read_conll(&text);
    eprintln!("train-ner: {} sentences", data.len());
    let model = ner::train(&data, 1 << buckets_log2, epochs, |e, acc| eprintln!("epoch {e}: token accuracy {acc:.4}"));
    if let Err(e) = std::fs::write(out_path, model.to_bytes()) {
        eprintln!("train-ner: {out_path}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("train-ner: wrote {out_path}");
    ExitCode::SUCCESS
}
