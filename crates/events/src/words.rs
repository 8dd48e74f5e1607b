//! Two small word lists the coder asks about at every token it walks past
//! (speech verbs, clause words), and their per-token flags.
//!
//! Clause starts, attribution tails and status words are found by walking
//! back and forth over a sentence, once per candidate event, so the same
//! tokens are asked about many times: [`crate::matcher::LowerTokens::flags`]
//! answers from a per-token cache of [`flags_of`], which matches each word
//! against the lists once.

/// The word is a verb of saying (see [`is_speech_verb`]).
pub(crate) const SPEECH_VERB: u8 = 1;
/// The word opens a clause (see [`is_clause_word`]).
pub(crate) const CLAUSE_WORD: u8 = 2;
/// Set in every cached value: the word was looked at.
pub(crate) const KNOWN: u8 = 0x80;

pub(crate) fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "say" | "told" | "tells" | "added" | "announced" | "announces" | "stated" | "declared"
            | "reported" | "confirmed" | "according" | "quoted" | "noted" | "insisted" | "explained" | "claimed"
            | "wrote" | "argued" | "suggested" | "believes" | "believe" | "thinks" | "think"
    )
}

pub(crate) fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "that" | "who" | "which" | "whom" | "because" | "while" | "whereas" | "although" | "though" | "if"
            | "unless" | "when" | "but" | "after" | "before" | "since" | "as" | "where"
    )
}

/// The flags of lower-case word `w` ([`KNOWN`] not set).
pub(crate) fn flags_of(w: &str) -> u8 {
    // both lists hold words of two to nine bytes
    if !(2..=9).contains(&w.len()) {
        return 0;
    }
    (if is_speech_verb(w) { SPEECH_VERB } else { 0 }) | (if is_clause_word(w) { CLAUSE_WORD } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_the_lists() {
        for w in ["said", "that", "as", "according", "believe", "where", "", "x", "sai", "saidx", "thinks", "although", "the", "If"] {
            assert_eq!(flags_of(w) & SPEECH_VERB != 0, is_speech_verb(w), "{w}");
            assert_eq!(flags_of(w) & CLAUSE_WORD != 0, is_clause_word(w), "{w}");
        }
    }
}
