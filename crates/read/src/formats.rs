use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dateline_doc::{Doc, DocMeta, Span};
use serde::Deserialize;
use thiserror::Error;

use crate::dateline::note_dateline;

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Input formats. `Auto` decides from the extension and the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Auto,
    /// `date YYYY-MM-DD PLACE >> text`
    Wire,
    /// Plain text, a dateline detected at its start.
    Text,
    /// One JSON document a line.
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "auto" => Ok(Format::Auto),
            "wire" => Ok(Format::Wire),
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            other => Err(format!("unknown format `{other}` (expected auto, wire, text or jsonl)")),
        }
    }
}

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{input}: cannot read: {source}")]
    Io { input: String, source: io::Error },
    #[error("{input}: is a directory (give the files in it, e.g. {input}/*.txt)")]
    Directory { input: String },
    #[error("{input}: is empty")]
    Empty { input: String },
    #[error("{input}: looks like binary data (NUL byte at offset {offset}), not text")]
    Binary { input: String, offset: usize },
    #[error("{input}:{line}: not a JSON document: {message}")]
    Json { input: String, line: usize, message: String },
    #[error("{input}:{line}: JSON document has no \"text\" string")]
    MissingText { input: String, line: usize },
    #[error("{input}:{line}: \"text\" is empty")]
    EmptyText { input: String, line: usize },
    #[error("{input}: wire header is malformed: {message}")]
    Wire { input: String, message: String },
}

/// Reads every document of one input. Errors come in the stream in place of
/// the documents they spoil; the stream goes on after them.
pub fn read_input(input: &Input, format: Format) -> Box<dyn Iterator<Item = Result<Doc, ReadError>>> {
    let name = input.name();
    let reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::Path(p) => match open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return Box::new(std::iter::once(Err(e))),
        },
    };
    let format = match format {
        Format::Auto => match input {
            Input::Path(p) if has_ext(p, &["jsonl", "ndjson"]) => Format::Jsonl,
            _ => Format::Auto,
        },
        f => f,
    };
    if format == Format::Jsonl {
        return Box::new(JsonLines { input: name, lines: BufReader::with_capacity(1 << 16, reader), line: 0, buf: Vec::new() });
    }
    // whole-file formats: read it all, then decide
    let mut bytes = Vec::new();
    let mut reader = reader;
    if let Err(source) = reader.read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(ReadError::Io { input: name, source })));
    }
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let format = match (format, first) {
        (Format::Auto, Some(i)) if bytes[i] == b'{' => Format::Jsonl,
        (f, _) => f,
    };
    if format == Format::Jsonl {
        let cursor = io::Cursor::new(bytes);
        return Box::new(JsonLines { input: name, lines: BufReader::new(Box::new(cursor) as Box<dyn Read>), line: 0, buf: Vec::new() });
    }
    Box::new(std::iter::once(whole_document(&name, bytes, format)))
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn open(p: &Path) -> Result<File, ReadError> {
    let input = p.display().to_string();
    let meta = std::fs::metadata(p).map_err(|source| ReadError::Io { input: input.clone(), source })?;
    if meta.is_dir() {
        return Err(ReadError::Directory { input });
    }
    File::open(p).map_err(|source| ReadError::Io { input, source })
}

/// Decodes bytes as UTF-8; invalid sequences are replaced, with a warning.
fn decode(input: &str, bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(invalid_utf8(input, e.utf8_error()));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// [`decode`] of borrowed bytes: a copy only when some are invalid.
fn decode_borrowed<'b>(input: impl FnOnce() -> String, bytes: &'b [u8], warnings: &mut Vec<String>) -> std::borrow::Cow<'b, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            warnings.push(invalid_utf8(&input(), e));
            String::from_utf8_lossy(bytes)
        }
    }
}

fn invalid_utf8(input: &str, e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    format!("{input}: invalid UTF-8 at byte {at}; decoded with replacement characters")
}

fn whole_document(input: &str, bytes: Vec<u8>, format: Format) -> Result<Doc, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { input: input.to_string() });
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(ReadError::Binary { input: input.to_string(), offset });
    }
    let mut warnings = Vec::new();
    let text = decode(input, bytes, &mut warnings);
    let mut meta = DocMeta { source: input.to_string(), ..DocMeta::default() };
    let is_wire = format == Format::Wire || (format != Format::Text && looks_like_wire(&text));
    if is_wire {
        parse_wire_header(input, &text, &mut meta)?;
    } else {
        note_dateline(&text, &mut meta);
    }
    let mut doc = Doc::new(text, meta);
    doc.warnings = warnings;
    Ok(doc)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn looks_like_wire(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("date ") && t.get(5..15).is_some_and(is_iso_date)
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `date YYYY-MM-DD PLACE >> text`: the header stays in the text (offsets
/// count from the start of the file), the body starts after `>>`.
fn parse_wire_header(input: &str, text: &str, meta: &mut DocMeta) -> Result<(), ReadError> {
    let err = |message: &str| ReadError::Wire { input: input.to_string(), message: message.to_string() };
    let lead = text.len() - text.trim_start().len();
    let date_start = lead + 5;
    let date = text.get(date_start..date_start + 10).filter(|d| is_iso_date(d)).ok_or_else(|| err("expected `date YYYY-MM-DD`"))?;
    meta.date = Some(date.to_string());
    let line_end = text[lead..].find('\n').map_or(text.len(), |i| lead + i);
    let header = &text[date_start + 10..line_end];
    let arrows = header.find(">>").ok_or_else(|| err("expected `PLACE >>` after the date"))?;
    let place = header[..arrows].trim();
    if !place.is_empty() {
        let place_start = date_start + 10 + (header[..arrows].find(place).unwrap_or(0));
        meta.dateline = Some(place.to_string());
        meta.dateline_span = Span::new(text, place_start, place_start + place.len()).ok();
    }
    let mut body = date_start + 10 + arrows + 2;
    body += text[body..].len() - text[body..].trim_start().len();
    meta.body_start = body;
    Ok(())
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
    dateline: Option<String>,
}

struct JsonLines {
    input: String,
    lines: BufReader<Box<dyn Read>>,
    line: usize,
    buf: Vec<u8>,
}

impl Iterator for JsonLines {
    type Item = Result<Doc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            // a line held whole in the reader's buffer is parsed there; one
            // that runs past the buffer's end is gathered in `buf`
            let avail = match self.lines.fill_buf() {
                Ok(avail) => avail,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(source) => return Some(Err(ReadError::Io { input: self.input.clone(), source })),
            };
            if avail.is_empty() {
                return None;
            }
            if let Some(end) = memchr::memchr(b'\n', avail) {
                self.line += 1;
                let bytes = &avail[..=end];
                let doc = (!bytes.iter().all(|b| b.is_ascii_whitespace())).then(|| parse_line(&self.input, self.line, bytes));
                self.lines.consume(end + 1);
                match doc {
                    Some(doc) => return Some(doc),
                    None => continue,
                }
            }
            self.buf.clear();
            match self.lines.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => return Some(Err(ReadError::Io { input: self.input.clone(), source })),
            }
            self.line += 1;
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_line(&self.input, self.line, &self.buf));
        }
    }
}

/// `INPUT:LINE`, the source of a document that names none, built by hand:
/// `format!` cost about three times as much, on every line.
fn line_source(input: &str, line: usize) -> String {
    use std::fmt::Write;
    let mut source = String::with_capacity(input.len() + 8);
    source.push_str(input);
    source.push(':');
    let _ = write!(source, "{line}");
    source
}

/// One JSON Lines document, parsed where it was read.
fn parse_line(input: &str, line: usize, bytes: &[u8]) -> Result<Doc, ReadError> {
    let mut warnings = Vec::new();
    let text = decode_borrowed(|| format!("{input}:{line}"), bytes, &mut warnings);
    let parsed: JsonDoc = serde_json::from_str(&text).map_err(|e| ReadError::Json { input: input.to_string(), line, message: e.to_string() })?;
    let body = match parsed.text {
        Some(serde_json::Value::String(s)) => s,
        _ => return Err(ReadError::MissingText { input: input.to_string(), line }),
    };
    if body.trim().is_empty() {
        return Err(ReadError::EmptyText { input: input.to_string(), line });
    }
    let id = parsed.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    let mut meta = DocMeta {
        id,
        source: parsed.source.unwrap_or_else(|| line_source(input, line)),
        date: parsed.date.filter(|d| d.get(..10).is_some_and(is_iso_date)).map(|d| d[..10].to_string()),
        title: parsed.title,
        ..DocMeta::default()
    };
    if let Some(place) = parsed.dateline {
        meta.dateline = Some(place);
    } else {
        note_dateline(&body, &mut meta);
    }
    let mut doc = Doc::new(body, meta);
    doc.warnings = warnings;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_str(name: &str, content: &[u8], format: Format) -> Vec<Result<Doc, ReadError>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::File::create(&path).unwrap().write_all(content).unwrap();
        read_input(&Input::Path(path), format).collect()
    }

    #[test]
    fn wire_header_gives_date_place_and_keeps_offsets() {
        let docs = read_str("a.txt", b" date 2025-02-12 BRUSSELS >> Defense Secretary said.", Format::Auto);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.meta.date.as_deref(), Some("2025-02-12"));
        assert_eq!(d.meta.dateline.as_deref(), Some("BRUSSELS"));
        assert_eq!(d.slice(d.meta.dateline_span.unwrap()), "BRUSSELS");
        assert_eq!(&d.text[d.meta.body_start..], "Defense Secretary said.");
    }

    #[test]
    fn json_lines_report_bad_lines_and_go_on() {
        let content = b"{\"id\":\"a\",\"text\":\"One.\",\"date\":\"2020-01-02\"}\nnot json\n{\"id\":\"c\"}\n\n{\"id\":7,\"text\":\"Two.\"}\n";
        let docs = read_str("b.jsonl", content, Format::Auto);
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].as_ref().unwrap().meta.id.as_deref(), Some("a"));
        assert!(matches!(&docs[1], Err(ReadError::Json { line: 2, .. })));
        assert!(matches!(&docs[2], Err(ReadError::MissingText { line: 3, .. })));
        assert_eq!(docs[3].as_ref().unwrap().meta.id.as_deref(), Some("7"));
    }

    #[test]
    fn json_lines_longer_than_the_read_buffer() {
        // lines of every length around the buffer sizes (64 KiB for .jsonl,
        // 8 KiB for JSON found in a .txt), CRLF ends, no final newline
        let mut content = Vec::new();
        let mut want = Vec::new();
        for (i, len) in [10, 8190, 8200, 70_000, 5, 65_530, 65_540, 300].into_iter().enumerate() {
            let text = format!("Word {i}. {}", "x".repeat(len));
            content.extend_from_slice(format!("{{\"id\":\"d{i}\",\"text\":\"{text}\"}}\r\n").as_bytes());
            content.extend_from_slice(b"  \n{\"id\":\"bad\"}\n");
            want.push(text);
        }
        content.extend_from_slice(b"{\"id\":\"last\",\"text\":\"End.\"}");
        for name in ["long.jsonl", "long.txt"] {
            let docs = read_str(name, &content, Format::Auto);
            assert_eq!(docs.len(), 2 * want.len() + 1, "{name}");
            for (i, text) in want.iter().enumerate() {
                let d = docs[2 * i].as_ref().unwrap();
                assert_eq!((d.meta.id.as_deref(), &d.text), (Some(format!("d{i}").as_str()), text), "{name}");
                assert!(matches!(&docs[2 * i + 1], Err(ReadError::MissingText { line, .. }) if *line == 3 * i + 3), "{name}");
            }
            assert_eq!(docs.last().unwrap().as_ref().unwrap().meta.id.as_deref(), Some("last"));
        }
    }

    #[test]
    fn bad_files_get_named_errors() {
        assert!(matches!(read_str("e.txt", b"  \n", Format::Auto)[0], Err(ReadError::Empty { .. })));
        assert!(matches!(read_str("bin", b"ab\0cd", Format::Auto)[0], Err(ReadError::Binary { offset: 2, .. })));
        let lossy = read_str("u.txt", b"caf\xe9 ok", Format::Auto);
        let d = lossy[0].as_ref().unwrap();
        assert!(d.warnings[0].contains("invalid UTF-8 at byte 3"), "{:?}", d.warnings);
        let missing: Vec<_> = read_input(&Input::Path("/nonexistent/x.txt".into()), Format::Auto).collect();
        assert!(missing[0].as_ref().unwrap_err().to_string().contains("/nonexistent/x.txt"));
        let dir = tempfile::tempdir().unwrap();
        let d: Vec<_> = read_input(&Input::Path(dir.path().to_path_buf()), Format::Auto).collect();
        assert!(matches!(d[0], Err(ReadError::Directory { .. })));
    }

    #[test]
    fn plain_text_dateline() {
        let docs = read_str("c.txt", "KYIV, Ukraine — Officials said.".as_bytes(), Format::Auto);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.meta.dateline.as_deref(), Some("KYIV, Ukraine"));
        assert_eq!(&d.text[d.meta.body_start..], "Officials said.");
    }

    /// A headline, a blank line, then the dateline: the place is recorded
    /// (and its span slices back to it) and the headline stays body text.
    #[test]
    fn dateline_after_a_headline_in_text_and_json_lines() {
        let text = "Talks stall in Geneva\n\nGENEVA, March 3 (Reuters) — Talks stalled on Tuesday.";
        let line = serde_json::json!({"id": "a", "text": text}).to_string();
        for (name, content) in [("h.txt", text.to_string()), ("h.jsonl", line)] {
            let docs = read_str(name, content.as_bytes(), Format::Auto);
            let d = docs[0].as_ref().unwrap();
            assert_eq!(d.meta.dateline.as_deref(), Some("GENEVA"), "{name}");
            assert_eq!(d.meta.dateline_span.map(|s| &d.text[s.start()..s.end()]), Some("GENEVA"), "{name}");
            assert_eq!(d.meta.body_start, 0, "{name}");
        }
    }
}
