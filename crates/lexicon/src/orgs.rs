//! Organisations: international bodies, national institutions, armed groups,
//! parties, NGOs and news agencies (`data/orgs/orgs.tsv`), and the kinds of
//! national institution that a country word turns into an organisation
//! (`data/orgs/institutions.tsv`: "Ukraine's foreign ministry").

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::geo::{cell_values, split_columns};
use crate::{data_file, data_lines};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OrgError {
    #[error("{file}:{line}: expected {want} tab-separated columns, found {found}")]
    Columns { file: &'static str, line: usize, want: usize, found: usize },
    #[error("{file}:{line}: {what}")]
    Invalid { file: &'static str, line: usize, what: String },
}

/// Sector codes an organisation or title may carry (DIP is coded as GOV).
pub const SECTOR_CODES: [&str; 15] =
    ["GOV", "MIL", "LEG", "JUD", "OPP", "REB", "BUS", "MED", "EDU", "NGO", "IGO", "CVL", "POL", "COP", "REL"];

/// The canonical sector code for a data-file code (`DIP` → `GOV`).
pub fn canonical_sector(code: &str) -> Option<&'static str> {
    if code == "DIP" {
        return Some("GOV");
    }
    SECTOR_CODES.iter().copied().find(|c| *c == code)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub key: String,
    pub name: String,
    /// Acronyms and other names, matched case-sensitively.
    pub variants: Vec<String>,
    pub sector: &'static str,
    /// ISO-3 for national bodies; `None` for international ones.
    pub country: Option<String>,
    /// Places whose name stands for the organisation ("Brussels" for the EU).
    pub seats: Vec<String>,
}

impl Org {
    /// Every written form: the name, then its variants.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// A kind of national institution ("foreign ministry", "army").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    pub phrase: String,
    pub sector: &'static str,
}

pub const ORGS_FILE: &str = "orgs.tsv";
pub const INSTITUTIONS_FILE: &str = "institutions.tsv";
/// The built-in `orgs.tsv`, compiled into the binary.
const BUILTIN_ORGS: &str = include_str!("../../../data/orgs/orgs.tsv");
/// The built-in `institutions.tsv`, compiled into the binary.
const BUILTIN_INSTITUTIONS: &str = include_str!("../../../data/orgs/institutions.tsv");

pub fn parse_orgs(text: &str) -> Result<Vec<Org>, OrgError> {
    let mut out = Vec::new();
    for (line, l) in data_lines(text) {
        if l.starts_with("key\t") {
            continue;
        }
        let cols = split_columns(l, 6).ok_or(OrgError::Columns { file: ORGS_FILE, line, want: 6, found: l.split('\t').count() })?;
        let name = cols[1].trim();
        if cols[0].trim().is_empty() || name.is_empty() || name == "-" {
            return Err(OrgError::Invalid { file: ORGS_FILE, line, what: "empty key or name".into() });
        }
        let sector = canonical_sector(cols[3].trim())
            .ok_or_else(|| OrgError::Invalid { file: ORGS_FILE, line, what: format!("unknown sector {:?}", cols[3]) })?;
        let country = match cols[4].trim() {
            "-" => None,
            c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => Some(c.to_string()),
            c => return Err(OrgError::Invalid { file: ORGS_FILE, line, what: format!("bad ISO-3 code {c:?}") }),
        };
        out.push(Org {
            key: cols[0].trim().to_string(),
            name: name.to_string(),
            variants: cell_values(cols[2]).into_iter().filter(|v| v != name).collect(),
            sector,
            country,
            seats: cell_values(cols[5]),
        });
    }
    Ok(out)
}

pub fn parse_institutions(text: &str) -> Result<Vec<Institution>, OrgError> {
    let mut out = Vec::new();
    for (line, l) in data_lines(text) {
        if l.starts_with("phrase\t") {
            continue;
        }
        let cols = split_columns(l, 2).ok_or(OrgError::Columns { file: INSTITUTIONS_FILE, line, want: 2, found: l.split('\t').count() })?;
        let sector = canonical_sector(cols[1].trim()).ok_or_else(|| OrgError::Invalid {
            file: INSTITUTIONS_FILE,
            line,
            what: format!("unknown sector {:?}", cols[1]),
        })?;
        out.push(Institution { phrase: cols[0].trim().to_string(), sector });
    }
    Ok(out)
}

#[derive(Debug)]
pub struct Orgs {
    pub orgs: Vec<Org>,
    pub institutions: Vec<Institution>,
    by_form: HashMap<String, usize>,
    by_seat: HashMap<String, usize>,
}

impl Orgs {
    pub fn from_text(orgs: &str, institutions: &str) -> Result<Orgs, OrgError> {
        let orgs = parse_orgs(orgs)?;
        let institutions = parse_institutions(institutions)?;
        let mut by_form = HashMap::new();
        let mut by_seat = HashMap::new();
        for (i, o) in orgs.iter().enumerate() {
            for f in o.forms() {
                by_form.entry(f.to_string()).or_insert(i);
            }
            for s in &o.seats {
                by_seat.entry(s.clone()).or_insert(i);
            }
        }
        Ok(Orgs { orgs, institutions, by_form, by_seat })
    }

    /// The organisation a written form names (case-sensitive: "WHO", not "who").
    pub fn lookup(&self, form: &str) -> Option<&Org> {
        let form = form.trim();
        let form = form.strip_prefix("the ").or_else(|| form.strip_prefix("The ")).unwrap_or(form);
        self.by_form.get(form).map(|&i| &self.orgs[i])
    }

    /// The organisation a place name stands for ("Brussels" → EU).
    pub fn by_seat(&self, place: &str) -> Option<&Org> {
        self.by_seat.get(place).map(|&i| &self.orgs[i])
    }

    /// The sector of a kind of institution ("foreign ministry" → GOV).
    pub fn institution_sector(&self, phrase: &str) -> Option<&'static str> {
        self.institutions.iter().find(|i| i.phrase.eq_ignore_ascii_case(phrase.trim())).map(|i| i.sector)
    }
}

/// Whether the organisation lexicon, with the user's overrides, loads.
pub fn check_data() -> Result<(), OrgError> {
    let o = data_file(ORGS_FILE, BUILTIN_ORGS);
    let i = data_file(INSTITUTIONS_FILE, BUILTIN_INSTITUTIONS);
    Orgs::from_text(&o, &i).map(drop)
}

static ORGS: LazyLock<Orgs> = LazyLock::new(|| {
    let o = data_file(ORGS_FILE, BUILTIN_ORGS);
    let i = data_file(INSTITUTIONS_FILE, BUILTIN_INSTITUTIONS);
    Orgs::from_text(&o, &i).unwrap_or_else(|e| {
        eprintln!("dateline-lexicon: {e}; using the built-in organisation lexicon");
        Orgs::from_text(BUILTIN_ORGS, BUILTIN_INSTITUTIONS)
            .unwrap_or_else(|_| Orgs { orgs: Vec::new(), institutions: Vec::new(), by_form: HashMap::new(), by_seat: HashMap::new() })
    })
});

/// The organisation lexicon (built on first use).
pub fn orgs() -> &'static Orgs {
    &ORGS
}

/// The organisation a written form names ("NATO", "the Pentagon", "World Bank").
pub fn org(form: &str) -> Option<&'static Org> {
    orgs().lookup(form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::geo;
    use std::collections::HashSet;

    #[test]
    fn every_line_parses() {
        let o = Orgs::from_text(BUILTIN_ORGS, BUILTIN_INSTITUTIONS).expect("built-in data parses");
        assert!(o.orgs.len() > 150);
        assert!(o.institutions.len() > 30);
    }

    #[test]
    fn keys_and_forms_are_unique() {
        let o = Orgs::from_text(BUILTIN_ORGS, BUILTIN_INSTITUTIONS).unwrap();
        let mut keys = HashSet::new();
        let mut forms = HashSet::new();
        for org in &o.orgs {
            assert!(keys.insert(org.key.clone()), "key {} twice", org.key);
            for f in org.forms() {
                assert!(forms.insert(f.to_string()), "form {f} twice");
            }
        }
    }

    #[test]
    fn countries_and_seats_are_known() {
        let o = Orgs::from_text(BUILTIN_ORGS, BUILTIN_INSTITUTIONS).unwrap();
        for org in &o.orgs {
            if let Some(c) = &org.country {
                assert!(geo().country(c).is_some(), "{} points at unknown {c}", org.name);
            }
            for s in &org.seats {
                assert!(geo().place_country(s).is_some(), "seat {s} of {} is not a known place", org.name);
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(org("NATO").map(|o| o.name.as_str()), Some("North Atlantic Treaty Organization"));
        assert_eq!(org("the Pentagon").map(|o| (o.sector, o.country.as_deref())), Some(("GOV", Some("USA"))));
        assert_eq!(org("WHO").map(|o| o.sector), Some("IGO"));
        assert!(org("who").is_none());
        assert_eq!(orgs().by_seat("Brussels").map(|o| o.key.as_str()), Some("EU"));
        assert_eq!(orgs().institution_sector("foreign ministry"), Some("GOV"));
        assert_eq!(orgs().institution_sector("army"), Some("MIL"));
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(matches!(parse_orgs("X\tX\t-\tXYZ\t-\t-\n"), Err(OrgError::Invalid { line: 1, .. })));
        assert!(matches!(parse_orgs("X\tX\n"), Err(OrgError::Columns { .. })));
        assert_eq!(canonical_sector("DIP"), Some("GOV"));
    }
}
