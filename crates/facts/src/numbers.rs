//! Reading numerals: digits with separators ("40,000", "1.5"), number words
//! ("three", "forty-five", "a dozen"), scale words ("million", "bn") and
//! suffixed amounts ("3bn", "200k").
//!
//! Everything here works on one token's text at a time and never allocates:
//! words are lower-cased into a small stack buffer before lookup.

/// Longest numeral we read; anything longer is an identifier, not a quantity.
const MAX_DIGITS: usize = 40;

/// Lower-cases an ASCII word into `buf`; `None` for long or non-ASCII words
/// (none of the words we look up is either).
pub fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    let lowered = &buf[..bytes.len()];
    debug_assert!(lowered.is_ascii());
    // SAFETY: the bytes of an ASCII word, ASCII-lower-cased, are ASCII and
    // so UTF-8 (this look-up runs on every candidate word: no re-check)
    Some(unsafe { std::str::from_utf8_unchecked(lowered) })
}

/// A numeral in digits: "40", "40,000", "1.5", "1,000.5". Thousands groups
/// must have three digits; anything else ("1,2", "1.2.3") is not a number.
pub fn parse_digits(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > MAX_DIGITS || !b[0].is_ascii_digit() {
        return None;
    }
    let (int_part, frac_part) = match s.find('.') {
        Some(p) => (&s[..p], Some(&s[p + 1..])),
        None => (s, None),
    };
    let mut value = 0f64;
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > MAX_DIGITS || !first.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let grouped = int_part.contains(',');
    if grouped && first.len() > 3 {
        return None;
    }
    for c in first.bytes() {
        value = value * 10.0 + f64::from(c - b'0');
    }
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        for c in g.bytes() {
            value = value * 10.0 + f64::from(c - b'0');
        }
    }
    if let Some(frac) = frac_part {
        if frac.is_empty() || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut scale = 0.1;
        for c in frac.bytes() {
            value += f64::from(c - b'0') * scale;
            scale /= 10.0;
        }
    }
    value.is_finite().then_some(value)
}

/// The numbers from zero to ninety-nine written as words ("forty-five").
pub fn small_number_word(word: &str) -> Option<u32> {
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    if let Some((tens, units)) = w.split_once('-') {
        let t = unit_word(tens)?;
        let u = unit_word(units)?;
        return (t >= 20 && t % 10 == 0 && (1..10).contains(&u)).then_some(t + u);
    }
    unit_word(w)
}

fn unit_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The denominator a fraction word names ("half" 2, "third" 3, "quarters"
/// 4, "fifths" 5 … "tenth" 10), and whether it is plural.
pub fn fraction_denominator(word: &str) -> Option<(u32, bool)> {
    let mut buf = [0u8; 24];
    Some(match lower(word, &mut buf)? {
        "half" => (2, false),
        "halves" => (2, true),
        "third" => (3, false),
        "thirds" => (3, true),
        "quarter" => (4, false),
        "quarters" => (4, true),
        "fifth" => (5, false),
        "fifths" => (5, true),
        "sixth" => (6, false),
        "sixths" => (6, true),
        "seventh" => (7, false),
        "sevenths" => (7, true),
        "eighth" => (8, false),
        "eighths" => (8, true),
        "ninth" => (9, false),
        "ninths" => (9, true),
        "tenth" => (10, false),
        "tenths" => (10, true),
        _ => return None,
    })
}

/// A scale word written out: "hundred", "thousand", "million", "dozen"…
pub fn scale_word(word: &str) -> Option<f64> {
    let mut buf = [0u8; 24];
    Some(match lower(word, &mut buf)? {
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "lakh" => 1e5,
        "million" => 1e6,
        "crore" => 1e7,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// A scale abbreviation as money writes it ("$3 bn", "€5m", "200k").
pub fn scale_abbreviation(word: &str) -> Option<f64> {
    let mut buf = [0u8; 24];
    Some(match lower(word, &mut buf)? {
        "k" => 1e3,
        "m" | "mn" | "mln" => 1e6,
        "b" | "bn" | "bln" => 1e9,
        "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// An amount with a scale suffix in one token: "3bn", "1.5m", "200k".
pub fn suffixed_amount(token: &str) -> Option<f64> {
    let split = token.find(|c: char| c.is_ascii_alphabetic())?;
    let (digits, suffix) = token.split_at(split);
    Some(parse_digits(digits)? * scale_abbreviation(suffix)?)
}

/// An ordinal in digits: "4th", "21st", "2nd", "3rd".
pub fn ordinal_digits(token: &str) -> Option<u32> {
    let split = token.find(|c: char| !c.is_ascii_digit())?;
    let (digits, suffix) = token.split_at(split);
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let mut buf = [0u8; 24];
    matches!(lower(suffix, &mut buf)?, "st" | "nd" | "rd" | "th").then(|| digits.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_with_separators() {
        assert_eq!(parse_digits("40,000"), Some(40000.0));
        assert_eq!(parse_digits("1,000.5"), Some(1000.5));
        assert_eq!(parse_digits("1.5"), Some(1.5));
        assert_eq!(parse_digits("1,2"), None);
        assert_eq!(parse_digits("1234,567"), None);
        assert_eq!(parse_digits("1."), None);
        assert_eq!(parse_digits("abc"), None);
        assert_eq!(parse_digits(&"9".repeat(41)), None);
        assert!(parse_digits(&"9".repeat(40)).is_some_and(f64::is_finite));
    }

    #[test]
    fn number_words() {
        assert_eq!(small_number_word("three"), Some(3));
        assert_eq!(small_number_word("Forty-five"), Some(45));
        assert_eq!(small_number_word("forty-fifty"), None);
        assert_eq!(small_number_word("five-year"), None);
        assert_eq!(small_number_word("third"), None);
        assert_eq!(scale_word("Million"), Some(1e6));
        assert_eq!(scale_word("dozen"), Some(12.0));
    }

    #[test]
    fn suffixes_and_ordinals() {
        assert_eq!(suffixed_amount("3bn"), Some(3e9));
        assert_eq!(suffixed_amount("1.5m"), Some(1.5e6));
        assert_eq!(suffixed_amount("200k"), Some(2e5));
        assert_eq!(suffixed_amount("G7"), None);
        assert_eq!(suffixed_amount("16s"), None);
        assert_eq!(ordinal_digits("4th"), Some(4));
        assert_eq!(ordinal_digits("21st"), Some(21));
        assert_eq!(ordinal_digits("4x"), None);
    }
}
