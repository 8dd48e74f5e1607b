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
    // One pass over the line ends finds each line's end and blankness and
    // whether the body has a blank line, which decides how lines group; the
    // second walks those lines (no more searches over the whole body).
    let lines = body_lines(text, body_start);
    let mut start = body_start;
    let mut line_start = body_start;
    let mut prev_line_blank = false;
    for &(abs, blank) in &lines.ends {
        if !lines.has_blank_line {
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

/// The lines of the body that end in a line feed, and whether the body
/// has a blank line.
struct BodyLines {
    /// Each line feed's offset in the text and whether the line it ends is
    /// blank (white space only).
    ends: Vec<(usize, bool)>,
    has_blank_line: bool,
}

/// The body's lines from `body_start` to the end of `text`. A blank line is
/// one of: an empty line or a lone "\r" between two line feeds (the text
/// holds "\n\n" or "\n\r\n"), or any line after the first made of white
/// space only while a line after the first has more than white space (a
/// line feed comes before the body's last visible character): the tests
/// [`has_blank_line`] makes with three searches, read off the lines here.
fn body_lines(text: &str, body_start: usize) -> BodyLines {
    let body = &text[body_start..];
    let mut ends = Vec::new();
    let (mut empty_between, mut blank_after_first, mut visible_after_first) = (false, false, false);
    let mut line_start = body_start;
    for i in memchr::memchr_iter(b'\n', body.as_bytes()) {
        let abs = body_start + i;
        let line = &text[line_start..abs];
        let blank = line.trim().is_empty();
        if !ends.is_empty() {
            // a line after the first, ended by a line feed
            empty_between |= line.is_empty() || line == "\r";
            blank_after_first |= blank;
            visible_after_first |= !blank;
        }
        ends.push((abs, blank));
        line_start = abs + 1;
    }
    if !ends.is_empty() {
        // the last line, after the last line feed
        let blank = text[line_start..].trim().is_empty();
        blank_after_first |= blank;
        visible_after_first |= !blank;
    }
    BodyLines { ends, has_blank_line: empty_between || (blank_after_first && visible_after_first) }
}

/// The plain definition [`body_lines`] reads off the lines.
#[cfg(test)]
fn has_blank_line(body: &str) -> bool {
    body.contains("\n\n") || body.contains("\n\r\n") || blank_line_with_spaces(body)
}

#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines as the plain scan finds them: each line feed's offset
    /// and whether the line before it is blank.
    fn plain_ends(text: &str, body_start: usize) -> Vec<(usize, bool)> {
        let mut line_start = body_start;
        let mut ends = Vec::new();
        for i in memchr::memchr_iter(b'\n', text[body_start..].as_bytes()) {
            let abs = body_start + i;
            ends.push((abs, text[line_start..abs].trim().is_empty()));
            line_start = abs + 1;
        }
        ends
    }

    fn check(text: &str, body_start: usize) {
        let lines = body_lines(text, body_start);
        assert_eq!(lines.has_blank_line, has_blank_line(&text[body_start..]), "{text:?} from {body_start}");
        assert_eq!(lines.ends, plain_ends(text, body_start), "{text:?}");
    }

    #[test]
    fn blank_lines_are_the_three_searches() {
        for text in [
            "", "\n", "\n\n", "a\n\n", "a\n\nb", "a\n \nb", "a\n\r\nb", "a\r\n\r\n", "a\n\r\n", "a\n b", "a\nb\n",
            "a\nb\n ", "a\nb\n \n", " \na", "\u{a0}\na\n\u{2003}\n", "a\n\u{2003}", "a\n\u{2003}\nb", "\n\na", "a\n\t\n",
        ] {
            check(text, 0);
        }
        check("HEAD\nbody\n\nmore", 5);
    }

    proptest::proptest! {
        #[test]
        fn blank_lines_of_any_text_are_the_three_searches(text in "([ab \\t\\r\\n]|\u{a0}|\u{2003}){0,24}") {
            check(&text, 0);
        }
    }
}
