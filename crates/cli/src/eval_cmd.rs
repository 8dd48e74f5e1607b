//! `dateline eval`: score records against gold with the measures of
//! `../shared/eval/score.py`, so accuracy can be checked without Python and
//! in the formats users of the field hold.
//!
//! Gold kinds, told apart by the path: a folder is BRAT standoff in the
//! PolNeAR layout (`text/*.txt`, `attributions/*_ANNOTATOR.ann`), `*.jsonl`
//! a JSON Lines gold set (matched to records by `id`), anything else a
//! single-report gold (`examples/gold/*.json`, several are added up). With
//! no `--records`, the standard pipeline is run on the gold's own texts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use dateline_eval::brat::read_brat_dir;
use dateline_eval::gold::report_text_path;
use dateline_eval::{read_jsonl_gold, read_records, read_report_gold, score_corpus, score_reports, to_json, to_text, Tally};
use dateline_read::{Format, Input};
use indicatif::ProgressBar;
use serde_json::Value;

use crate::extract::{for_each_record, thread_pool};
use crate::pipeline::{pipeline_with, PipelineOptions};

#[derive(Args)]
pub struct EvalArgs {
    /// Gold: a JSON Lines gold set, a report gold (.json; repeat for several)
    /// or a BRAT attribution folder (text/ and attributions/).
    #[arg(long, required = true)]
    pub gold: Vec<PathBuf>,
    /// Records to score (JSON Lines or one JSON object). For report golds,
    /// one per --gold, in the same order. Without it, extraction runs on the
    /// gold texts.
    #[arg(long)]
    pub records: Vec<PathBuf>,
    /// BRAT: which annotator's file to use when a text has several.
    #[arg(long)]
    pub annotator: Option<String>,
    /// Print one JSON object (as score.py --json) instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Documents analysed in parallel when extracting.
    #[arg(short, long, default_value_t = 1)]
    pub jobs: usize,
    /// Annotation conventions (e.g. --quote-spans).
    #[command(flatten)]
    pub pipeline: PipelineOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GoldKind {
    Corpus,
    Brat,
    Report,
}

fn kind_of(p: &Path) -> GoldKind {
    if p.is_dir() {
        GoldKind::Brat
    } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")) {
        GoldKind::Corpus
    } else {
        GoldKind::Report
    }
}

/// Runs the standard pipeline over `inputs` and returns each record as JSON,
/// with the input it came from.
fn extract_records(inputs: Vec<(Input, Format)>, jobs: usize, options: &PipelineOptions) -> Result<Vec<(String, Value)>> {
    let pipeline = pipeline_with(options);
    let pool = thread_pool(jobs)?;
    let mut out = Vec::new();
    for (input, format) in inputs {
        let summary = pool.install(|| {
            for_each_record(std::slice::from_ref(&input), format, &pipeline, &ProgressBar::hidden(), |doc, rec| {
                out.push((doc.meta.source.clone(), serde_json::to_value(&rec)?));
                Ok(())
            })
        })?;
        if summary.errors > 0 {
            // scored as documents without a record, as score.py does
            eprintln!("dateline: warning: {}: {} documents could not be read", input.name(), summary.errors);
        }
    }
    Ok(out)
}

fn read_all_records(paths: &[PathBuf]) -> Result<Vec<Value>> {
    let mut all = Vec::new();
    for p in paths {
        all.extend(read_records(p)?);
    }
    Ok(all)
}

/// Scores what `args` names; `true` in the pair when the gold was a corpus.
pub fn evaluate(args: &EvalArgs) -> Result<(Tally, bool)> {
    let kinds: Vec<GoldKind> = args.gold.iter().map(|g| kind_of(g)).collect();
    let kind = kinds[0];
    if kinds.iter().any(|k| (*k == GoldKind::Report) != (kind == GoldKind::Report)) {
        bail!("give either report golds (.json) or gold sets (.jsonl, BRAT folders), not both");
    }
    for g in &args.gold {
        if !g.exists() {
            bail!("{}: no such gold file or folder", g.display());
        }
    }
    if kind == GoldKind::Report {
        let golds: Vec<Value> = args.gold.iter().map(|g| read_report_gold(g)).collect::<Result<_, _>>()?;
        let records: Vec<Value> = if args.records.is_empty() {
            let mut inputs = Vec::new();
            for (path, gold) in args.gold.iter().zip(&golds) {
                let text = report_text_path(path, gold)
                    .with_context(|| format!("{}: cannot find the report its doc.file names", path.display()))?;
                inputs.push((Input::Path(text), Format::Auto));
            }
            extract_records(inputs, args.jobs, &args.pipeline)?.into_iter().map(|(_, r)| r).collect()
        } else {
            if args.records.len() != args.gold.len() {
                bail!("give one --records per report --gold ({} golds, {} records)", args.gold.len(), args.records.len());
            }
            let mut one = Vec::new();
            for p in &args.records {
                let mut rs = read_records(p)?;
                if rs.len() != 1 {
                    bail!("{}: must hold one document record, found {}", p.display(), rs.len());
                }
                one.push(rs.remove(0));
            }
            one
        };
        if records.len() != golds.len() {
            bail!("extraction gave {} records for {} reports", records.len(), golds.len());
        }
        return Ok((score_reports(golds.iter().zip(&records)), false));
    }

    let mut gold_docs = Vec::new();
    let mut inputs = Vec::new();
    let mut id_of_source: HashMap<String, String> = HashMap::new();
    for (path, k) in args.gold.iter().zip(&kinds) {
        match k {
            GoldKind::Brat => {
                let set = read_brat_dir(path, args.annotator.as_deref())?;
                for w in &set.warnings {
                    eprintln!("dateline: warning: {w}");
                }
                for d in &set.docs {
                    let source = d["source"].as_str().unwrap_or_default().to_string();
                    id_of_source.insert(source.clone(), d["id"].as_str().unwrap_or_default().to_string());
                    inputs.push((Input::Path(source.into()), Format::Text));
                }
                gold_docs.extend(set.docs);
            }
            _ => {
                gold_docs.extend(read_jsonl_gold(path)?);
                inputs.push((Input::Path(path.clone()), Format::Jsonl));
            }
        }
    }
    let records = if args.records.is_empty() {
        extract_records(inputs, args.jobs, &args.pipeline)?
            .into_iter()
            .map(|(source, mut r)| {
                if let Some(id) = id_of_source.get(&source) {
                    r["id"] = Value::String(id.clone());
                }
                r
            })
            .collect()
    } else {
        read_all_records(&args.records)?
    };
    Ok((score_corpus(&gold_docs, &records), true))
}

pub fn run(args: EvalArgs) -> Result<i32> {
    let (tally, corpus) = evaluate(&args)?;
    if args.json {
        println!("{}", to_json(&tally, corpus));
    } else {
        print!("{}", to_text(&tally, corpus));
    }
    Ok(0)
}
