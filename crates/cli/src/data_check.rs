//! The user's lexicon overrides, checked before any document is read.
//!
//! Every data file can be replaced or extended from the folder named by
//! `DATELINE_LEXICON_DIR` (see `dateline_lexicon::data_file`). The lexicons
//! load lazily and, so that a library user is never taken down by a bad
//! file, fall back to their built-in copy when an override does not parse.
//! A command-line run must not silently use other data than its user gave
//! it, so `dateline` loads each overridden lexicon first and stops with the
//! file, the line and the problem.

use std::fmt::Display;

use anyhow::bail;
use dateline_lexicon::{geo, orgs, speech, titles, user_data_files, OVERRIDE_DIR_VAR};

/// One lexicon: the data files it reads and the check that loads it.
struct LexiconCheck {
    files: &'static [&'static str],
    check: fn() -> Result<(), String>,
}

fn message<E: Display>(r: Result<(), E>) -> Result<(), String> {
    r.map_err(|e| e.to_string())
}

const LEXICONS: &[LexiconCheck] = &[
    LexiconCheck { files: &[geo::COUNTRIES_FILE, geo::REGIONS_FILE], check: || message(geo::check_data()) },
    LexiconCheck { files: &[titles::TITLES_FILE], check: || message(titles::check_data()) },
    LexiconCheck { files: &[orgs::ORGS_FILE, orgs::INSTITUTIONS_FILE], check: || message(orgs::check_data()) },
    LexiconCheck { files: &[speech::CUES_FILE], check: || message(speech::check_data()) },
    LexiconCheck { files: &[dateline_lexicon::events::PATTERNS_FILE], check: || message(dateline_lexicon::events::check_data()) },
    LexiconCheck {
        files: &[dateline_events::actors::ACTORS_FILE, dateline_events::actors::LEADERS_FILE],
        check: || message(dateline_events::actors::check_data()),
    },
    LexiconCheck { files: &[dateline_events::stances::STANCE_CUES_FILE], check: || message(dateline_events::stances::check_data()) },
    LexiconCheck {
        files: &[dateline_facts::CURRENCIES_FILE, dateline_facts::COUNTED_NOUNS_FILE],
        check: || message(dateline_facts::check_data()),
    },
];

/// Loads every lexicon the user overrides; an error lists each file that
/// cannot be read or does not parse.
pub fn check_lexicon_overrides() -> anyhow::Result<()> {
    let Some(dir) = std::env::var_os(OVERRIDE_DIR_VAR) else { return Ok(()) };
    let mut problems = Vec::new();
    for lexicon in LEXICONS {
        let mut user_files = Vec::new();
        for name in lexicon.files {
            match user_data_files(name) {
                Ok(files) => user_files.extend(files.into_iter().map(|f| f.path.display().to_string())),
                Err(e) => problems.push(format!("cannot read {e}")),
            }
        }
        if user_files.is_empty() {
            continue;
        }
        if let Err(e) = (lexicon.check)() {
            problems.push(format!(
                "{e}\n    (from {}; in a file extended by NAME.extra, the lines of NAME, or of the built-in copy, come first)",
                user_files.join(", ")
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    bail!("the lexicon overrides in {} ({OVERRIDE_DIR_VAR}) do not load:\n  - {}", dir.to_string_lossy(), problems.join("\n  - "))
}
