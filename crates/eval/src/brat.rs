//! BRAT standoff attribution gold, PolNeAR layout.
//!
//! A folder holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`.
//! Each `.ann` line is BRAT standoff: text-bound spans `T1<TAB>Label a b[;c d]<TAB>words`
//! labelled Source, Cue or Content; relations `R1<TAB>Type Arg1:T1 Arg2:T2`
//! or events `E1<TAB>Type:T1 Role:T2 …` tie them into attributions;
//! attributes (`A1<TAB>Name T1 [value]`), notes and equivalences are read
//! past. Offsets are Unicode code points, as in our records, and a
//! discontinuous span is scored as the range that covers its fragments.
//!
//! Each Content becomes one gold quote in the JSON Lines gold form
//! (`span`, `speaker_span`, `speaker_text`, `cue_span`, `speech`): its
//! source and cue are the Source and Cue tied to it, directly or through
//! its cue. PolNeAR does not mark speech apart from other attributions
//! (beliefs, documents, polls); an attribute whose name or value says
//! `speech`/`assertion` marks it when present, otherwise an attribution is
//! speech when its cue is a verb of saying (a closed list of English forms).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::EvalError;

/// One attribution folder read into gold documents.
#[derive(Debug, Default)]
pub struct BratSet {
    /// JSON Lines gold form: `{"id", "text", "quotes", "source"}`.
    pub docs: Vec<Value>,
    /// Annotations read past (text mismatch, dangling references).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Source,
    Cue,
    Content,
    Other,
}

#[derive(Debug, Clone)]
struct TextBound {
    role: Role,
    start: usize,
    end: usize,
}

/// Forms of the verbs (and the one preposition) that report speech.
const SPEECH_CUES: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding", "note",
    "notes", "noted", "noting", "write", "writes", "wrote", "written", "writing", "state", "states", "stated",
    "stating", "report", "reports", "reported", "reporting", "announce", "announces", "announced", "announcing",
    "claim", "claims", "claimed", "claiming", "warn", "warns", "warned", "warning", "explain", "explains",
    "explained", "explaining", "argue", "argues", "argued", "arguing", "ask", "asks", "asked", "asking", "reply",
    "replies", "replied", "respond", "responds", "responded", "insist", "insists", "insisted", "declare",
    "declares", "declared", "acknowledge", "acknowledges", "acknowledged", "according", "recall", "recalls",
    "recalled", "suggest", "suggests", "suggested", "admit", "admits", "admitted", "deny", "denies", "denied",
    "confirm", "confirms", "confirmed", "stress", "stresses", "stressed", "tweet", "tweets", "tweeted", "promise",
    "promises", "promised", "pledge", "pledges", "pledged", "urge", "urges", "urged", "predict", "predicts",
    "predicted", "comment", "comments", "commented", "agree", "agrees", "agreed", "complain", "complains",
    "complained", "testify", "testifies", "testified", "assert", "asserts", "asserted", "concede", "concedes",
    "conceded", "vow", "vows", "vowed", "criticize", "criticizes", "criticized", "describe", "describes",
    "described", "accuse", "accuses", "accused", "quip", "quipped", "joke", "joked", "remark", "remarked",
    "mention", "mentioned", "repeat", "repeated", "emphasize", "emphasized", "contend", "contended", "allege",
    "alleged", "insisting", "boast", "boasted", "speak", "spoke", "spoken",
];

const LEADING_AUXILIARIES: &[&str] =
    &["has", "have", "had", "also", "was", "were", "is", "are", "will", "would", "later", "then", "once", "again"];

/// Whether a cue reports speech: its first word after auxiliaries is a
/// form of a verb of saying.
pub fn is_speech_cue(cue: &str) -> bool {
    cue.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .find(|w| !LEADING_AUXILIARIES.contains(&w.as_str()))
        .is_some_and(|w| SPEECH_CUES.contains(&w.as_str()))
}

fn role_of(label: &str) -> Role {
    match label.to_ascii_lowercase().as_str() {
        "source" => Role::Source,
        "cue" => Role::Cue,
        "content" => Role::Content,
        _ => Role::Other,
    }
}

/// Reads every `text/*.txt` with its annotation file. `annotator` picks
/// `NAME_ANNOTATOR.ann` when several annotators marked a text; without it
/// the first in name order is used. Texts without an annotation file are
/// skipped with a warning.
pub fn read_brat_dir(dir: &Path, annotator: Option<&str>) -> Result<BratSet, EvalError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let list = |d: &Path, ext: &str| -> Result<Vec<PathBuf>, EvalError> {
        let rd = std::fs::read_dir(d).map_err(|source| EvalError::Io { path: d.to_path_buf(), source })?;
        let mut v: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        v.sort();
        Ok(v)
    };
    let texts = list(&text_dir, "txt")?;
    let anns = list(&ann_dir, "ann")?;
    let mut set = BratSet::default();
    for txt in texts {
        let stem = txt.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let prefix = format!("{stem}_");
        let candidates: Vec<&PathBuf> = anns
            .iter()
            .filter(|a| a.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.starts_with(&prefix) || s == stem))
            .filter(|a| {
                annotator.is_none_or(|who| a.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.ends_with(&format!("_{who}"))))
            })
            .collect();
        let Some(ann) = candidates.first() else {
            set.warnings.push(format!("{}: no annotation file in {}", txt.display(), ann_dir.display()));
            continue;
        };
        let text = std::fs::read_to_string(&txt).map_err(|source| EvalError::Io { path: txt.clone(), source })?;
        let standoff = std::fs::read_to_string(ann).map_err(|source| EvalError::Io { path: (*ann).clone(), source })?;
        let quotes = parse_ann(ann, &standoff, &text, &mut set.warnings)?;
        set.docs.push(json!({"id": stem, "text": text, "quotes": quotes, "source": txt.display().to_string()}));
    }
    Ok(set)
}

/// Parses one `.ann` file over its text into gold quotes.
pub fn parse_ann(path: &Path, standoff: &str, text: &str, warnings: &mut Vec<String>) -> Result<Vec<Value>, EvalError> {
    let chars: Vec<char> = text.chars().collect();
    let err = |line: usize, message: String| EvalError::Brat { path: path.to_path_buf(), line, message };
    let mut spans: HashMap<String, TextBound> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut links: Vec<(String, String)> = Vec::new();
    let mut speech_marks: HashMap<String, bool> = HashMap::new();
    for (n, line) in standoff.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default().trim().to_string();
        let body = fields.next().ok_or_else(|| err(line_no, "expected a tab after the id".into()))?;
        match id.chars().next() {
            Some('T') => {
                let (label, ranges) = body.split_once(' ').ok_or_else(|| err(line_no, "expected `Label start end`".into()))?;
                let mut lo = usize::MAX;
                let mut hi = 0;
                for fragment in ranges.split(';') {
                    let mut it = fragment.split_whitespace().map(str::parse::<usize>);
                    match (it.next(), it.next(), it.next()) {
                        (Some(Ok(a)), Some(Ok(b)), None) if a <= b => {
                            lo = lo.min(a);
                            hi = hi.max(b);
                        }
                        _ => return Err(err(line_no, format!("bad offsets `{fragment}`"))),
                    }
                }
                if hi > chars.len() {
                    return Err(err(line_no, format!("span [{lo}, {hi}) is past the end of the {}-character text", chars.len())));
                }
                if !ranges.contains(';') {
                    if let Some(words) = fields.next() {
                        let got: String = chars[lo..hi].iter().collect();
                        if got.trim() != words.trim() {
                            warnings.push(format!("{}:{line_no}: span gives {got:?}, annotation says {words:?}", path.display()));
                        }
                    }
                }
                order.push(id.clone());
                spans.insert(id, TextBound { role: role_of(label), start: lo, end: hi });
            }
            Some('R') => {
                let args: Vec<String> =
                    body.split_whitespace().skip(1).filter_map(|a| a.split_once(':').map(|(_, t)| t.to_string())).collect();
                if args.len() != 2 {
                    return Err(err(line_no, "a relation needs Arg1:ID Arg2:ID".into()));
                }
                links.push((args[0].clone(), args[1].clone()));
            }
            Some('E') => {
                let args: Vec<String> =
                    body.split_whitespace().filter_map(|a| a.split_once(':').map(|(_, t)| t.to_string())).collect();
                for a in &args {
                    for b in &args {
                        if a < b {
                            links.push((a.clone(), b.clone()));
                        }
                    }
                }
            }
            Some('A') | Some('M') => {
                let mut words = body.split_whitespace();
                let name = words.next().unwrap_or_default().to_ascii_lowercase();
                let target = words.next().unwrap_or_default().to_string();
                let value = words.next().unwrap_or("").to_ascii_lowercase();
                let says = |s: &str| s.contains("speech") || s.contains("assert");
                if says(&name) || says(&value) {
                    let yes = !matches!(value.as_str(), "false" | "no" | "0");
                    speech_marks.insert(target, yes);
                } else if name.contains("type") || name.contains("kind") {
                    speech_marks.insert(target, says(&value));
                }
            }
            _ => {} // notes (#), equivalences (*), normalisations (N)
        }
    }
    let mut neighbours: HashMap<&str, Vec<&str>> = HashMap::new();
    for (a, b) in &links {
        if !spans.contains_key(a) || !spans.contains_key(b) {
            warnings.push(format!("{}: relation between {a} and {b} names an unknown span", path.display()));
            continue;
        }
        neighbours.entry(a).or_default().push(b);
        neighbours.entry(b).or_default().push(a);
    }
    let tied = |id: &str, role: Role| -> Option<&str> {
        neighbours.get(id)?.iter().copied().find(|n| spans[*n].role == role)
    };
    let slice = |t: &TextBound| -> String { chars[t.start..t.end].iter().collect() };
    let mut quotes = Vec::new();
    for id in &order {
        let content = &spans[id];
        if content.role != Role::Content {
            continue;
        }
        let cue = tied(id, Role::Cue);
        let source = tied(id, Role::Source).or_else(|| cue.and_then(|c| tied(c, Role::Source)));
        let cue_text = cue.map(|c| slice(&spans[c])).unwrap_or_default();
        let marked = [Some(id.as_str()), cue, source].into_iter().flatten().find_map(|t| speech_marks.get(t).copied());
        let speech = marked.unwrap_or_else(|| is_speech_cue(&cue_text));
        let span_json = |t: Option<&str>| t.map(|t| json!([spans[t].start, spans[t].end])).unwrap_or(Value::Null);
        quotes.push(json!({
            "span": [content.start, content.end],
            "speaker_span": span_json(source),
            "speaker_text": source.map(|s| Value::String(slice(&spans[s]))).unwrap_or(Value::Null),
            "cue_span": span_json(cue),
            "speech": speech,
        }));
    }
    Ok(quotes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_cues() {
        assert!(is_speech_cue("said"));
        assert!(is_speech_cue("has also said"));
        assert!(is_speech_cue("according to"));
        assert!(!is_speech_cue("believes"));
        assert!(!is_speech_cue(""));
    }

    #[test]
    fn content_gets_source_through_its_cue() {
        let text = "Mayor Ilse Varn said the dam would hold.";
        let ann = "T1\tSource 0 15\tMayor Ilse Varn\nT2\tCue 16 20\tsaid\nT3\tContent 21 39\tthe dam would hold\nR1\tSOURCE Arg1:T2 Arg2:T1\nR2\tCONTENT Arg1:T2 Arg2:T3\n";
        let mut w = Vec::new();
        let q = parse_ann(Path::new("x.ann"), ann, text, &mut w).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0]["span"], json!([21, 39]));
        assert_eq!(q[0]["speaker_span"], json!([0, 15]));
        assert_eq!(q[0]["speaker_text"], json!("Mayor Ilse Varn"));
        assert_eq!(q[0]["speech"], json!(true));
    }

    #[test]
    fn bad_offsets_are_errors_naming_the_line() {
        let mut w = Vec::new();
        let e = parse_ann(Path::new("x.ann"), "T1\tContent 5 900\tx\n", "short", &mut w).unwrap_err();
        assert!(e.to_string().contains("x.ann:1"), "{e}");
        let e = parse_ann(Path::new("x.ann"), "T1\tContent a b\tx\n", "short", &mut w).unwrap_err();
        assert!(e.to_string().contains("bad offsets"), "{e}");
    }
}
