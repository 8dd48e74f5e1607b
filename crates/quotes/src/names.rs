//! Just enough name and title knowledge to name a speaker when no entity
//! component has found one: which words are titles (stripped from a name,
//! kept as the role), which heads make an organisation, which make people.
//!
//! This is a stop-gap: the entities component owns names, and when its
//! mentions cover a speaker they win (see `resolve`). Keep it small.

/// Titles and offices that may precede a name or head a role phrase.
static TITLE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative", "gov",
    "governor", "mayor", "gen", "general", "lt", "col", "colonel", "maj", "major", "adm", "admiral", "capt",
    "captain", "sgt", "sergeant", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "judge", "justice",
    "chancellor", "king", "queen", "prince", "princess", "pope", "ambassador", "commissioner", "spokesman",
    "spokeswoman", "spokesperson", "chief", "director", "chairman", "chairwoman", "chair", "leader", "commander",
    "deputy", "foreign", "defense", "defence", "interior", "finance", "trade", "state", "attorney", "speaker",
    "envoy", "special", "lieutenant", "colonel", "sheikh", "rev", "reverend", "cardinal", "bishop", "archbishop",
    "emir", "sultan", "crown", "first", "lady", "former", "acting", "senior", "assistant", "associate", "executive",
    "ceo", "premier", "congressman", "congresswoman", "councilman", "councilwoman", "sheriff", "officer", "head",
    "supreme", "opposition", "party", "health", "economy", "economic", "justice", "information", "security",
    "national", "army", "navy", "air", "force", "staff", "of", "the", "and", "u.s.", "us", "un", "eu", "nato",
])
});

/// Abbreviated titles written with a period.
static TITLE_ABBREVIATIONS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "adm", "capt", "sgt", "sen", "rep", "gov", "prof", "rev",
    "cmdr", "brig", "cpl", "pvt", "st", "hon", "messrs", "jr", "sr",
])
});

/// Heads that make a phrase an organisation.
static ORG_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "ministry", "government", "administration", "office", "council", "commission", "union", "party", "agency",
    "department", "army", "military", "police", "committee", "court", "bank", "company", "corporation", "corp",
    "group", "organization", "organisation", "campaign", "newspaper", "network", "news", "times", "post",
    "journal", "institute", "university", "association", "federation", "alliance", "forces", "parliament",
    "congress", "senate", "embassy", "service", "authority", "authorities", "board", "fund", "foundation",
    "coalition", "movement", "front", "command", "cabinet", "kremlin", "pentagon", "nations", "house", "inc",
    "ltd", "team", "club", "center", "centre", "press", "agency", "bureau", "magazine", "channel", "radio",
    "television", "tv", "poll", "survey", "report", "study", "statement", "website", "blog", "site", "firm",
    "court", "tribunal", "council", "assembly", "navy", "guard", "monitor", "observatory", "ministries", "unions",
])
});

/// Heads that make a common noun phrase a person or people.
static PEOPLE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources", "analyst",
    "analysts", "expert", "experts", "people", "residents", "resident", "witness", "witnesses", "doctor",
    "doctors", "diplomat", "diplomats", "lawmaker", "lawmakers", "leader", "leaders", "minister", "ministers",
    "president", "chief", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "officer", "officers",
    "commander", "commanders", "man", "woman", "men", "women", "voter", "voters", "supporters", "critics",
    "activists", "activist", "observers", "researchers", "economists", "secretary", "senator", "governor",
    "mayor", "ambassador", "envoy", "commissioner", "director", "candidate", "father", "mother", "son",
    "daughter", "wife", "husband", "friend", "colleague", "lawyer", "lawyers", "attorney", "prosecutors",
    "prosecutor", "judge", "soldier", "soldiers", "troops", "member", "members", "negotiators", "negotiator",
    "representative", "representatives", "residents", "farmers", "workers", "protesters", "students", "teacher",
    "chairman", "chairwoman", "executive", "executives", "ceo", "head", "others", "many", "some", "both",
])
});

use std::sync::LazyLock;

use crate::view::WordSet;

pub(crate) fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(word)
}

pub(crate) fn is_title_abbreviation(word: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(word)
}

pub(crate) fn is_org_word(word: &str) -> bool {
    ORG_WORDS.contains(word)
}

pub(crate) fn is_people_word(word: &str) -> bool {
    PEOPLE_WORDS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes() {
        assert!(is_title_word("Secretary") && is_title_word("gen"));
        assert!(is_title_abbreviation("Lt"));
        assert!(is_org_word("Ministry") && !is_org_word("Smith"));
        assert!(is_people_word("officials") && !is_people_word("table"));
    }
}
