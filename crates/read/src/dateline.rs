//! Datelines at the start of a report: "BRUSSELS, Feb 12 (Reuters) -",
//! "WASHINGTON (AP) —", "KYIV, Ukraine —", "LONDON 1996-08-30", on its
//! first line or opening the first paragraph after a one-line headline.

use dateline_doc::{DocMeta, Span};

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as written ("BRUSSELS", "KYIV, Ukraine").
    pub place: String,
    /// Byte range of the place in the text.
    pub place_start: usize,
    pub place_end: usize,
    /// Where the story proper starts (after the dash).
    pub body_start: usize,
}

/// Looks for a dateline in the first line of `text`. The place must be in
/// capitals (a wire convention), optionally followed by ", Region", a date,
/// and an agency in parentheses, then a dash.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    // the capitalised place
    let mut end = 0;
    let mut prev = ' ';
    for (i, c) in rest.char_indices() {
        let joins = c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || (c == '-' && prev.is_alphabetic());
        prev = c;
        if joins {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    let place_caps = rest[..end].trim_end_matches([' ', '-']);
    let letters = place_caps.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || place_caps.split_whitespace().count() > 4 {
        return None;
    }
    let mut place_end = lead + place_caps.len();
    let mut pos = place_end;
    // ", Ukraine" or ", Feb 12" or ", Calif."
    let after = &text[pos..line_end];
    if let Some(stripped) = after.strip_prefix(", ") {
        let word_end = stripped.find([' ', ',', '(', '\u{2014}', '\u{2013}', '-']).unwrap_or(stripped.len());
        let word = &stripped[..word_end];
        let is_month = MONTHS.iter().any(|m| word.trim_end_matches('.').eq_ignore_ascii_case(m));
        if !is_month && word.chars().next().is_some_and(|c| c.is_uppercase()) {
            place_end = pos + 2 + word_end;
        }
    }
    pos = place_end;
    // skip a date and an agency: anything up to a dash within 40 bytes
    let tail = &text[pos..line_end];
    let dash = tail.char_indices().take_while(|(i, _)| *i < 45).find(|(i, c)| {
        matches!(c, '\u{2014}' | '\u{2013}') || (*c == '-' && tail[..*i].ends_with(' ') && tail[*i + 1..].starts_with(' '))
    });
    let (di, dc) = dash?;
    let between = tail[..di].trim();
    let plausible = between.is_empty()
        || between.starts_with(',') && between.len() < 30
        || between.starts_with('(')
        || between.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !plausible {
        return None;
    }
    let mut body_start = pos + di + dc.len_utf8();
    body_start += text[body_start..].len() - text[body_start..].trim_start().len();
    Some(Dateline {
        place: text[lead..place_end].to_string(),
        place_start: lead,
        place_end,
        body_start,
    })
}

/// The longest first line taken for a headline (bytes): a longer one is a
/// paragraph of the story, whose next paragraph opens with no dateline.
const HEADLINE_MAX: usize = 300;

/// Looks for a dateline opening the paragraph after a one-line headline
/// ("Stein removed from debate site\n\nHEMPSTEAD, N.Y., Sept. 26 (UPI) —
/// Green Party …"), as articles collected with their titles are laid out.
/// Offsets count from the start of `text`.
pub fn find_dateline_after_headline(text: &str) -> Option<Dateline> {
    let lead = text.len() - text.trim_start().len();
    let line_end = text[lead..].find('\n').map_or(text.len(), |i| lead + i);
    let headline = text[lead..line_end].trim();
    if headline.is_empty() || headline.len() > HEADLINE_MAX {
        return None;
    }
    // a blank line must follow: the headline is a paragraph of its own
    let rest = &text[line_end..];
    let next = rest.len() - rest.trim_start().len();
    if rest[..next].matches('\n').count() < 2 {
        return None;
    }
    let para = line_end + next;
    let d = find_dateline(&text[para..])?;
    Some(Dateline { place: d.place, place_start: para + d.place_start, place_end: para + d.place_end, body_start: para + d.body_start })
}

/// Writes the dateline of `text` into `meta`: the place and where it is
/// written. A dateline on the first line also moves `body_start` past it
/// (the story proper starts after the dash); one after a headline leaves
/// `body_start` alone, so the headline stays text the components read.
pub fn note_dateline(text: &str, meta: &mut DocMeta) {
    let (d, moves_body) = match find_dateline(text) {
        Some(d) => (d, true),
        None => match find_dateline_after_headline(text) {
            Some(d) => (d, false),
            None => return,
        },
    };
    meta.dateline_span = Span::new(text, d.place_start, d.place_end).ok();
    meta.dateline = Some(d.place);
    if moves_body {
        meta.body_start = d.body_start;
    }
}

const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January",
    "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_datelines() {
        let d = find_dateline("BRUSSELS, Feb 12 (Reuters) - NATO said").unwrap();
        assert_eq!(d.place, "BRUSSELS");
        assert_eq!(&"BRUSSELS, Feb 12 (Reuters) - NATO said"[d.body_start..], "NATO said");
        let d = find_dateline("WASHINGTON (AP) — The Pentagon").unwrap();
        assert_eq!(d.place, "WASHINGTON");
        let d = find_dateline("KYIV, Ukraine — Officials").unwrap();
        assert_eq!(d.place, "KYIV, Ukraine");
        let d = find_dateline("ADDIS ABABA - Talks").unwrap();
        assert_eq!(d.place, "ADDIS ABABA");
    }

    #[test]
    fn dateline_after_a_headline() {
        let text = "Senator removed from debate site.\n\nHEMPSTEAD, N.Y., Sept. 26 (UPI) — The senator was escorted out.";
        assert!(find_dateline(text).is_none());
        let d = find_dateline_after_headline(text).unwrap();
        assert_eq!(d.place, "HEMPSTEAD, N.Y.");
        assert_eq!(&text[d.place_start..d.place_end], "HEMPSTEAD, N.Y.");
        assert_eq!(&text[d.body_start..], "The senator was escorted out.");
        let crlf = "  Talks stall\r\n\r\nGENEVA (Reuters) - Talks stalled.";
        assert_eq!(find_dateline_after_headline(crlf).unwrap().place, "GENEVA");
    }

    #[test]
    fn no_dateline_after_a_story_paragraph() {
        // no blank line after the first line: not a headline
        assert!(find_dateline_after_headline("Talks stall\nGENEVA (Reuters) - Talks stalled.").is_none());
        // a long first paragraph is the story, not a headline
        let long = format!("{}.\n\nGENEVA (Reuters) - Talks stalled.", "word ".repeat(80));
        assert!(find_dateline_after_headline(&long).is_none());
        assert!(find_dateline_after_headline("Talks stall\n\nThe minister said - and meant it").is_none());
        assert!(find_dateline_after_headline("").is_none());
        assert!(find_dateline_after_headline("\n\n\n").is_none());
    }

    #[test]
    fn noting_a_dateline() {
        let mut meta = DocMeta::default();
        let text = "WASHINGTON (AP) — The Pentagon said.";
        note_dateline(text, &mut meta);
        assert_eq!(meta.dateline.as_deref(), Some("WASHINGTON"));
        assert_eq!(&text[meta.body_start..], "The Pentagon said.");
        let mut meta = DocMeta::default();
        let text = "Pentagon speaks\n\nWASHINGTON (AP) — The Pentagon said.";
        note_dateline(text, &mut meta);
        assert_eq!(meta.dateline.as_deref(), Some("WASHINGTON"));
        assert_eq!(meta.dateline_span.map(|s| &text[s.start()..s.end()]), Some("WASHINGTON"));
        assert_eq!(meta.body_start, 0);
        let mut meta = DocMeta::default();
        note_dateline("No dateline here.\n\nNor here.", &mut meta);
        assert!(meta.dateline.is_none() && meta.dateline_span.is_none() && meta.body_start == 0);
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert!(find_dateline("The minister said - and meant it").is_none());
        assert!(find_dateline("NO U.S. TROOPS IN UKRAINE").is_none());
        assert!(find_dateline("A - B").is_none());
        assert!(find_dateline("").is_none());
    }
}
