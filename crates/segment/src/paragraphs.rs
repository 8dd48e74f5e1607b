use dateline_doc::Span;

/// Paragraphs: runs of text separated by blank lines. A text with no blank
/// line at all (one sentence or headline a line, as in CoNLL) gets one
/// paragraph per line. Text before `body_start` (a wire header) is its own
/// paragraph.
pub fn paragraphs(text: &str, body_start: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let body_start = if text.is_char_boundary(body_start) { body_start } else { 0 };
    if body_start > 0 {
        push_trimmed(text, 0, body_start, &mut out);
    }
    let body = &text[body_start..];
    let has_blank_line = body.contains("\n\n") || body.contains("\n\r\n") || blank_line_with_spaces(body);
    let mut start = body_start;
    let mut line_start = body_start;
    let mut prev_line_blank = false;
    for i in memchr::memchr_iter(b'\n', body.as_bytes()) {
        let abs = body_start + i;
        let line = &text[line_start..abs];
        let blank = line.trim().is_empty();
        if !has_blank_line {
            push_trimmed(text, line_start, abs, &mut out);
            start = abs + 1;
        } else if blank && !prev_line_blank {
            push_trimmed(text, start, line_start, &mut out);
            start = abs + 1;
        } else if blank {
            start = abs + 1;
        }
        prev_line_blank = blank;
        line_start = abs + 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn blank_line_with_spaces(body: &str) -> bool {
    body.split('\n').skip(1).any(|l| l.trim().is_empty()) && body.trim_end().contains('\n')
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    if let Ok(s) = Span::new(text, start, end) {
        let t = s.trim(text);
        if !t.is_empty() {
            out.push(t);
        }
    }
}
