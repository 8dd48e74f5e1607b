//! Datelines at the start of a report: "BRUSSELS, Feb 12 (Reuters) -",
//! "WASHINGTON (AP) —", "KYIV, Ukraine —", "LONDON 1996-08-30".

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
    fn ordinary_sentences_are_not_datelines() {
        assert!(find_dateline("The minister said - and meant it").is_none());
        assert!(find_dateline("NO U.S. TROOPS IN UKRAINE").is_none());
        assert!(find_dateline("A - B").is_none());
        assert!(find_dateline("").is_none());
    }
}
