//! When an event happened: the date words next to it, resolved against the
//! report's date ("on Tuesday" in a Wednesday report is the day before;
//! "in March 2014" is 2014-03, whatever the report's date).
//!
//! A small local reader; the facts component's date layer is preferred when
//! it has a date fact in the same clause.

use dateline_doc::TokenKind;

use crate::matcher::LowerTokens;

#[cfg(test)]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];
#[cfg(test)]
const MONTH_ABBR: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A calendar date (year, month, day), parsed from `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd(pub i32, pub u32, pub u32);

impl Ymd {
    pub fn parse(s: &str) -> Option<Ymd> {
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Ymd(y, m, d))
    }
    fn days(self) -> i64 {
        // days from civil (Howard Hinnant's algorithm)
        let (y, m, d) = (self.0 as i64 - if self.1 <= 2 { 1 } else { 0 }, self.1 as i64, self.2 as i64);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
    fn from_days(z: i64) -> Ymd {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
        Ymd(y, m, d)
    }
    /// 0 = Monday.
    fn weekday(self) -> i64 {
        (self.days() + 3).rem_euclid(7)
    }
    fn plus_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

fn month_of(w: &str) -> Option<u32> {
    if !(3..=10).contains(&w.len()) || !w.as_bytes()[0].is_ascii_lowercase() {
        return None;
    }
    // every token of a sentence with an event comes here: the first letter
    // picks the few names to compare
    let w = w.trim_end_matches('.');
    let month = match w.as_bytes().first()? {
        b'j' => match w {
            "january" | "jan" => 1,
            "june" | "jun" => 6,
            "july" | "jul" => 7,
            _ => return None,
        },
        b'f' if matches!(w, "february" | "feb") => 2,
        b'm' => match w {
            "march" | "mar" => 3,
            "may" => 5,
            _ => return None,
        },
        b'a' => match w {
            "april" | "apr" => 4,
            "august" | "aug" => 8,
            _ => return None,
        },
        b's' if matches!(w, "september" | "sep") => 9,
        b'o' if matches!(w, "october" | "oct") => 10,
        b'n' if matches!(w, "november" | "nov") => 11,
        b'd' if matches!(w, "december" | "dec") => 12,
        _ => return None,
    };
    Some(month)
}

/// The first three letters of every word a date expression can start with:
/// the months and their abbreviations, the weekdays, "today", "tonight",
/// "yesterday" and "year".
const DATE_STARTS: [&[u8; 3]; 23] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec", b"mon", b"tue", b"wed",
    b"thu", b"fri", b"sat", b"sun", b"tod", b"ton", b"yes", b"yea",
];

/// A 12-bit slot for three bytes.
const fn date_slot(b0: u8, b1: u8, b2: u8) -> usize {
    (((b0 as u32) << 16 | (b1 as u32) << 8 | b2 as u32).wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// Bit [`date_slot`] set for each of [`DATE_STARTS`].
static DATE_START_BITS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut i = 0;
    while i < DATE_STARTS.len() {
        let k = date_slot(DATE_STARTS[i][0], DATE_STARTS[i][1], DATE_STARTS[i][2]);
        bits[k >> 6] |= 1 << (k & 63);
        i += 1;
    }
    bits
};

/// False when no date expression can start at lower-case word `w` (most
/// words: "the", "said", "and"): every word [`find_dates`] reads a date
/// from is at least three bytes long and starts as one of [`DATE_STARTS`],
/// or is a year of the 1900s to 2100.
#[inline]
fn may_start_date(w: &str) -> bool {
    let &[b0, b1, b2, ..] = w.as_bytes() else { return false };
    let k = date_slot(b0, b1, b2);
    DATE_START_BITS[k >> 6] & (1 << (k & 63)) != 0 || (b0 == b'1' && b1 == b'9') || (b0 == b'2' && matches!(b1, b'0' | b'1'))
}

fn year_of(w: &str, kind: TokenKind) -> Option<i32> {
    (kind == TokenKind::Number && w.len() == 4).then(|| w.parse().ok()).flatten().filter(|y| (1900..=2100).contains(y))
}

/// A date expression found in the tokens: where it is and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateWords {
    pub start: usize,
    pub end: usize,
    pub value: String,
}

/// Date expressions in tokens `[a, b)`, resolved against the report date.
pub fn find_dates(toks: &LowerTokens, a: usize, b: usize, report: Option<Ymd>) -> Vec<DateWords> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let w = toks.get(i);
        if !may_start_date(w) {
            i += 1;
            continue;
        }
        let next = |k: usize| if i + k < b { Some((toks.get(i + k), toks.kind(i + k))) } else { None };
        if let Some(m) = month_of(w).filter(|_| w != "may" || next(1).is_some_and(|(_, k)| k == TokenKind::Number)) {
            let mut end = i + 1;
            let mut day = None;
            let mut year = None;
            if let Some((t, k)) = next(1) {
                if let Some(y) = year_of(t, k) {
                    year = Some(y);
                    end = i + 2;
                } else if k == TokenKind::Number && t.len() <= 2 {
                    day = t.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
                    end = i + 2;
                    let (c, y) = (next(2), next(3));
                    if let (Some((",", _)), Some((t, k))) = (c, y) {
                        if let Some(y) = year_of(t, k) {
                            year = Some(y);
                            end = i + 4;
                        }
                    } else if let Some((t, k)) = c {
                        if let Some(y) = year_of(t, k) {
                            year = Some(y);
                            end = i + 3;
                        }
                    }
                }
            }
            let year = year.or_else(|| report.map(|r| if m > r.1 + 1 { r.0 - 1 } else { r.0 }));
            if let Some(y) = year {
                let value = match day {
                    Some(d) => format!("{y:04}-{m:02}-{d:02}"),
                    None => format!("{y:04}-{m:02}"),
                };
                out.push(DateWords { start: i, end, value });
            }
            i = end;
            continue;
        }
        if let Some(wd) = (w.len() >= 6 && w.ends_with("day")).then(|| WEEKDAYS.iter().position(|d| *d == w)).flatten() {
            if let Some(r) = report {
                let back = (r.weekday() - wd as i64).rem_euclid(7);
                out.push(DateWords { start: i, end: i + 1, value: r.plus_days(-back).iso() });
            }
        } else if let Some(y) = year_of(w, toks.kind(i)) {
            let prev = if i > a { toks.get(i - 1) } else { "" };
            if matches!(prev, "in" | "since" | "of" | "until" | "by" | "early" | "late" | "mid") {
                out.push(DateWords { start: i, end: i + 1, value: format!("{y:04}") });
            }
        } else if let Some(r) = report {
            let value = match w {
                "today" | "tonight" => Some(r.iso()),
                "yesterday" => Some(r.plus_days(-1).iso()),
                "year" if i > a && toks.get(i - 1) == "last" => Some(format!("{:04}", r.0 - 1)),
                _ => None,
            };
            if let Some(value) = value {
                out.push(DateWords { start: i, end: i + 1, value });
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        let by_lists = |w: &str| {
            if !(3..=10).contains(&w.len()) || !w.as_bytes()[0].is_ascii_lowercase() {
                return None;
            }
            let w = w.trim_end_matches('.');
            MONTHS.iter().position(|m| *m == w).or_else(|| MONTH_ABBR.iter().position(|m| *m == w && w != "may")).map(|i| i as u32 + 1)
        };
        let words = MONTHS.iter().chain(&MONTH_ABBR).flat_map(|m| [m.to_string(), format!("{m}."), format!("{m}.."), format!("{m}s"), m.to_uppercase()]);
        for w in words.chain(["mayday", "ma", "m", "sept", "a.", "...", "junee", "decemberr"].map(String::from)) {
            assert_eq!(month_of(&w), by_lists(&w), "{w}");
        }
    }

    /// Every word that one of `find_dates`' readings takes passes the filter.
    #[test]
    fn date_filter_keeps_every_date_word() {
        let starts_a_date = |w: &str| {
            month_of(w).is_some()
                || WEEKDAYS.contains(&w)
                || year_of(w, TokenKind::Number).is_some()
                || matches!(w, "today" | "tonight" | "yesterday" | "year")
        };
        let mut words: Vec<String> = MONTHS.iter().chain(&MONTH_ABBR).chain(&WEEKDAYS).flat_map(|m| [m.to_string(), format!("{m}."), format!("{m}s")]).collect();
        words.extend((0..=2200).map(|y| y.to_string()));
        words.extend(["today", "tonight", "yesterday", "year", "+1999", "-200", "the", "said", "and", "a", "", "of", "thus", "maybe", "sa", "ju", "to", "yes", "19", "20"].map(String::from));
        for w in &words {
            if starts_a_date(w) {
                assert!(may_start_date(w), "{w}");
            }
        }
        let rejected = ["the", "said", "and", "a", "of", "to", "in", "that", "was", "troops", "attacked"].iter().filter(|w| !may_start_date(w)).count();
        assert!(rejected >= 10, "{rejected}");
    }

    #[test]
    fn calendar_arithmetic() {
        let d = Ymd(2026, 3, 4);
        assert_eq!(d.weekday(), 2); // a Wednesday
        assert_eq!(d.plus_days(-1), Ymd(2026, 3, 3));
        assert_eq!(Ymd(2024, 3, 1).plus_days(-1), Ymd(2024, 2, 29));
        assert_eq!(Ymd::parse("2025-02-12"), Some(Ymd(2025, 2, 12)));
    }
}
