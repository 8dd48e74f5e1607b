//! Countries and places: the facts in `data/geo/countries.tsv` and
//! `data/geo/regions.tsv`, parsed once, with lookups by any name a report
//! uses for a country (its name, "the U.S.", its capital, "Ukrainian",
//! "the Kremlin") so that every component codes actors the same way.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::{data_file, data_lines, WordHasher};

/// The look-up tables' maps, keyed by our own names: [`WordHasher`], not
/// SipHash (loading hashed every form twice with SipHash).
type NameMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A line of a geo data file that does not parse.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GeoError {
    #[error("{file}:{line}: expected {want} tab-separated columns, found {found}")]
    Columns { file: &'static str, line: usize, want: usize, found: usize },
    #[error("{file}:{line}: {what}")]
    Invalid { file: &'static str, line: usize, what: String },
}

/// One country (UN member, observer, or a widely reported disputed territory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    /// Other names of the country itself ("United States of America", "U.S.").
    pub variants: Vec<String>,
    /// Seats of government ("Kyiv"), used as places and as metonyms.
    pub capitals: Vec<String>,
    /// Nationality adjectives and nouns ("Ukrainian", "Ukrainians").
    pub demonyms: Vec<String>,
    /// Other names for its government ("the Kremlin", "Downing Street").
    pub seats: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionKind {
    Region,
    City,
    Continent,
    Area,
    Water,
    /// A word for the people of a wider region, or a nation without a state
    /// ("European", "Arab", "Kurdish"): a group, not a place.
    People,
}

impl RegionKind {
    fn parse(s: &str) -> Option<RegionKind> {
        Some(match s {
            "region" => RegionKind::Region,
            "city" => RegionKind::City,
            "continent" => RegionKind::Continent,
            "area" => RegionKind::Area,
            "water" => RegionKind::Water,
            "people" => RegionKind::People,
            _ => return None,
        })
    }
}

/// A place below (or above) the country level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub name: String,
    pub variants: Vec<String>,
    /// ISO-3 of the country it lies in; `None` when it spans several or is disputed.
    pub country: Option<String>,
    pub kind: RegionKind,
}

/// How a written name refers to a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountryNameRole {
    /// Its name or a variant ("Ukraine", "the U.S.").
    Name,
    /// Its capital ("Kyiv"): a place, or its government by metonymy.
    Capital,
    /// A nationality word ("Ukrainian"): a group of people, or an adjective.
    Demonym,
    /// Another name for its government ("the Kremlin").
    Seat,
}

/// All the geographic lexicon, indexed.
#[derive(Debug)]
pub struct Geo {
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
    /// Exact written form → (country index, role); several when ambiguous
    /// ("Congolese").
    country_names: NameMap<Vec<(usize, CountryNameRole)>>,
    /// Lower-cased written form → the same, for case-insensitive lookups.
    country_names_lower: NameMap<Vec<(usize, CountryNameRole)>>,
    by_iso3: NameMap<usize>,
    region_names: NameMap<usize>,
}

/// Splits a `|`-joined cell; `-` is empty. A leading lower-case "the " is
/// dropped: the article is not part of the name a tagger marks.
pub(crate) fn cell_values(cell: &str) -> Vec<String> {
    let cell = cell.trim();
    if cell == "-" || cell.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for v in cell.split('|') {
        let v = v.trim();
        let v = v.strip_prefix("the ").unwrap_or(v);
        if !v.is_empty() && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

pub(crate) fn split_columns(line: &str, want: usize) -> Option<Vec<&str>> {
    let cols: Vec<&str> = line.split('\t').collect();
    (cols.len() == want).then_some(cols)
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

pub const COUNTRIES_FILE: &str = "countries.tsv";
pub const REGIONS_FILE: &str = "regions.tsv";
/// The built-in `countries.tsv`, compiled into the binary.
const BUILTIN_COUNTRIES: &str = include_str!("../../../data/geo/countries.tsv");
/// The built-in `regions.tsv`, compiled into the binary.
const BUILTIN_REGIONS: &str = include_str!("../../../data/geo/regions.tsv");

/// Parses `countries.tsv` (header line `iso3\t...` is skipped).
pub fn parse_countries(text: &str) -> Result<Vec<Country>, GeoError> {
    let mut out = Vec::new();
    for (line, l) in data_lines(text) {
        if l.starts_with("iso3\t") {
            continue;
        }
        let cols = split_columns(l, 6).ok_or(GeoError::Columns {
            file: COUNTRIES_FILE,
            line,
            want: 6,
            found: l.split('\t').count(),
        })?;
        let iso3 = cols[0].trim();
        if !is_iso3(iso3) {
            return Err(GeoError::Invalid { file: COUNTRIES_FILE, line, what: format!("bad ISO-3 code {iso3:?}") });
        }
        let name = cols[1].trim();
        if name.is_empty() || name == "-" {
            return Err(GeoError::Invalid { file: COUNTRIES_FILE, line, what: "empty name".into() });
        }
        out.push(Country {
            iso3: iso3.to_string(),
            name: name.to_string(),
            variants: cell_values(cols[2]).into_iter().filter(|v| v != name).collect(),
            capitals: cell_values(cols[3]),
            demonyms: cell_values(cols[4]),
            seats: cell_values(cols[5]),
        });
    }
    Ok(out)
}

/// Parses `regions.tsv`.
pub fn parse_regions(text: &str) -> Result<Vec<Region>, GeoError> {
    let mut out = Vec::new();
    for (line, l) in data_lines(text) {
        if l.starts_with("name\t") {
            continue;
        }
        let cols = split_columns(l, 4).ok_or(GeoError::Columns {
            file: REGIONS_FILE,
            line,
            want: 4,
            found: l.split('\t').count(),
        })?;
        let name = cols[0].trim();
        if name.is_empty() || name == "-" {
            return Err(GeoError::Invalid { file: REGIONS_FILE, line, what: "empty name".into() });
        }
        let country = match cols[2].trim() {
            "-" => None,
            c if is_iso3(c) => Some(c.to_string()),
            c => return Err(GeoError::Invalid { file: REGIONS_FILE, line, what: format!("bad ISO-3 code {c:?}") }),
        };
        let kind = RegionKind::parse(cols[3].trim()).ok_or_else(|| GeoError::Invalid {
            file: REGIONS_FILE,
            line,
            what: format!("unknown kind {:?}", cols[3]),
        })?;
        out.push(Region {
            name: name.to_string(),
            variants: cell_values(cols[1]).into_iter().filter(|v| v != name).collect(),
            country,
            kind,
        });
    }
    Ok(out)
}

impl Geo {
    /// Builds the indexes. Fails on data that does not parse.
    pub fn from_text(countries: &str, regions: &str) -> Result<Geo, GeoError> {
        let countries = parse_countries(countries)?;
        let regions = parse_regions(regions)?;
        // the tables sized once (growing them was a quarter of the loading)
        let forms: usize = countries.iter().map(|c| country_forms(c).count()).sum();
        let mut country_names: NameMap<Vec<(usize, CountryNameRole)>> = NameMap::with_capacity_and_hasher(forms, Default::default());
        let mut country_names_lower: NameMap<Vec<(usize, CountryNameRole)>> = NameMap::with_capacity_and_hasher(forms, Default::default());
        let mut by_iso3 = NameMap::with_capacity_and_hasher(countries.len(), Default::default());
        for (i, c) in countries.iter().enumerate() {
            by_iso3.insert(c.iso3.clone(), i);
            for (form, role) in country_forms(c) {
                for (map, key) in [(&mut country_names, form.to_string()), (&mut country_names_lower, form.to_lowercase())] {
                    let v = map.entry(key).or_default();
                    if !v.iter().any(|&(j, r)| j == i && r == role) {
                        v.push((i, role));
                    }
                }
            }
        }
        let mut region_names = NameMap::with_capacity_and_hasher(regions.iter().map(|r| 1 + r.variants.len()).sum(), Default::default());
        for (i, r) in regions.iter().enumerate() {
            for form in std::iter::once(&r.name).chain(&r.variants) {
                region_names.entry(form.clone()).or_insert(i);
            }
        }
        Ok(Geo { countries, regions, country_names, country_names_lower, by_iso3, region_names })
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.by_iso3.get(iso3).map(|&i| &self.countries[i])
    }

    /// The countries (and how) a written form names: exact case first, then
    /// any case when the exact form is unknown ("UKRAINE", "kyiv").
    pub fn country_refs(&self, form: &str) -> &[(usize, CountryNameRole)] {
        let form = form.trim();
        let bare = form.strip_prefix("the ").or_else(|| form.strip_prefix("The ")).unwrap_or(form);
        for f in [form, bare] {
            if let Some(v) = self.country_names.get(f) {
                return v;
            }
        }
        for f in [form, bare] {
            if let Some(v) = self.country_names_lower.get(&f.to_lowercase()) {
                return v;
            }
        }
        &[]
    }

    /// ISO-3 of the one country a name, variant, capital, demonym or seat
    /// refers to; `None` when unknown or ambiguous ("Congolese").
    pub fn country_code(&self, form: &str) -> Option<&str> {
        let refs = self.country_refs(form);
        let first = refs.first()?.0;
        refs.iter().all(|&(i, _)| i == first).then(|| self.countries[first].iso3.as_str())
    }

    pub fn region(&self, form: &str) -> Option<&Region> {
        self.region_names.get(form.trim()).map(|&i| &self.regions[i])
    }

    /// ISO-3 of the country a place lies in: a country form or a known region.
    pub fn place_country(&self, form: &str) -> Option<&str> {
        self.country_code(form).or_else(|| self.region(form).and_then(|r| r.country.as_deref()))
    }
}

/// Every written form of a country with its role.
pub fn country_forms(c: &Country) -> impl Iterator<Item = (&str, CountryNameRole)> {
    std::iter::once((c.name.as_str(), CountryNameRole::Name))
        .chain(c.variants.iter().map(|v| (v.as_str(), CountryNameRole::Name)))
        .chain(c.capitals.iter().map(|v| (v.as_str(), CountryNameRole::Capital)))
        .chain(c.demonyms.iter().map(|v| (v.as_str(), CountryNameRole::Demonym)))
        .chain(c.seats.iter().map(|v| (v.as_str(), CountryNameRole::Seat)))
}

/// Whether the geo lexicon, with the user's overrides, loads (the user's
/// files are otherwise replaced by the built-in copy, with a warning).
pub fn check_data() -> Result<(), GeoError> {
    Geo::from_text(&data_file(COUNTRIES_FILE, BUILTIN_COUNTRIES), &data_file(REGIONS_FILE, BUILTIN_REGIONS))
        .map(drop)
}

static GEO: LazyLock<Geo> = LazyLock::new(|| {
    let countries = data_file(COUNTRIES_FILE, BUILTIN_COUNTRIES);
    let regions = data_file(REGIONS_FILE, BUILTIN_REGIONS);
    Geo::from_text(&countries, &regions).unwrap_or_else(|e| {
        // A broken user override must not take the program down: fall back
        // to the built-in data, which the tests below keep valid.
        eprintln!("dateline-lexicon: {e}; using the built-in geo lexicon");
        Geo::from_text(BUILTIN_COUNTRIES, BUILTIN_REGIONS)
            .unwrap_or_else(|_| Geo::from_text("", "").unwrap_or_else(|_| unreachable!("empty data parses")))
    })
});

/// The geographic lexicon (built on first use).
pub fn geo() -> &'static Geo {
    &GEO
}

/// ISO-3 of the country a name, variant, capital, demonym or seat of
/// government refers to ("Ukrainian" → "UKR", "the Kremlin" → "RUS",
/// "Kyiv" → "UKR"); `None` when unknown or ambiguous.
pub fn country_code(form: &str) -> Option<&'static str> {
    geo().country_code(form)
}

/// ISO-3 of the country a place (country form or known region/city) lies in.
pub fn place_country(form: &str) -> Option<&'static str> {
    geo().place_country(form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_line_parses() {
        let g = Geo::from_text(BUILTIN_COUNTRIES, BUILTIN_REGIONS).expect("built-in data parses");
        // 193 UN members, 2 observers, Kosovo, Taiwan, Western Sahara
        assert_eq!(g.countries.len(), 198);
        assert!(g.regions.len() > 250);
    }

    #[test]
    fn codes_are_unique() {
        let g = Geo::from_text(BUILTIN_COUNTRIES, BUILTIN_REGIONS).unwrap();
        let mut seen = HashSet::new();
        for c in &g.countries {
            assert!(seen.insert(c.iso3.clone()), "duplicate {}", c.iso3);
        }
    }

    #[test]
    fn regions_point_at_known_countries() {
        let g = Geo::from_text(BUILTIN_COUNTRIES, BUILTIN_REGIONS).unwrap();
        for r in &g.regions {
            if let Some(c) = &r.country {
                assert!(g.country(c).is_some(), "{} points at unknown {c}", r.name);
            }
        }
    }

    #[test]
    fn region_names_are_unique_and_not_countries() {
        let g = Geo::from_text(BUILTIN_COUNTRIES, BUILTIN_REGIONS).unwrap();
        let mut seen = HashSet::new();
        for r in &g.regions {
            for f in std::iter::once(&r.name).chain(&r.variants) {
                assert!(seen.insert(f.clone()), "region form {f} twice");
                assert!(g.country_refs(f).is_empty(), "region form {f} is also a country form");
            }
        }
    }

    #[test]
    fn country_names_and_variants_name_one_country() {
        let g = Geo::from_text(BUILTIN_COUNTRIES, BUILTIN_REGIONS).unwrap();
        for c in &g.countries {
            for v in std::iter::once(&c.name).chain(&c.variants).chain(&c.capitals).chain(&c.seats) {
                assert_eq!(g.country_code(v), Some(c.iso3.as_str()), "{v}");
            }
        }
    }

    #[test]
    fn lookups_by_any_form() {
        assert_eq!(country_code("Ukrainian"), Some("UKR"));
        assert_eq!(country_code("the Kremlin"), Some("RUS"));
        assert_eq!(country_code("Kyiv"), Some("UKR"));
        assert_eq!(country_code("U.S."), Some("USA"));
        assert_eq!(country_code("the United States"), Some("USA"));
        assert_eq!(country_code("Britain"), Some("GBR"));
        assert_eq!(country_code("UK"), Some("GBR"));
        assert_eq!(country_code("Downing Street"), Some("GBR"));
        assert_eq!(country_code("UKRAINE"), Some("UKR"));
        assert_eq!(country_code("Zhongnanhai"), Some("CHN"));
        // ambiguous: both Congos
        assert_eq!(country_code("Congolese"), None);
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(place_country("Crimea"), Some("UKR"));
        assert_eq!(place_country("Geneva"), Some("CHE"));
        assert_eq!(place_country("Kashmir"), None);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let e = parse_countries("# c\nUKR\tUkraine\n").unwrap_err();
        assert!(matches!(e, GeoError::Columns { line: 2, .. }));
        let e = parse_countries("ukr\tUkraine\t-\t-\t-\t-\n").unwrap_err();
        assert!(matches!(e, GeoError::Invalid { line: 1, .. }));
        let e = parse_regions("Somewhere\t-\tXX\tcity\n").unwrap_err();
        assert!(matches!(e, GeoError::Invalid { .. }));
    }
}
