//! Finding reporting cues in the token stream: the cues each token starts
//! are looked up once per document (`view::TokenTexts`: one hash lookup per
//! word passing the lexicon's pre-test, see `dateline_lexicon::speech`),
//! then checks that the word is used as a verb here ("his claims" and "the
//! said report" are not cues).

use dateline_lexicon::speech::{Cue, CueForm};

use crate::view::{View, DETERMINERS};

/// A reporting cue found in the text: tokens `[first, end)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    pub first: usize,
    pub end: usize,
    pub cue: &'static Cue,
}

/// Cue forms that are as often plural nouns ("his early-morning tweets"):
/// they count as verbs only right after a subject.
static NOUN_LIKE: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&[
        "tweets", "claims", "promises", "calls", "notes", "reports", "estimates", "questions", "pledges", "vows",
        "charges", "demands", "protests", "comments", "answers", "replies", "forecasts", "signals", "labels",
        "brands", "terms", "fears", "hopes", "recalls", "warnings", "writes", "states", "posts", "statements",
    ])
});

/// Determiners that also stand alone as a subject ("Many said", "Two say").
const PRONOUN_QUANTIFIERS: &[&str] = &[
    "some", "many", "most", "several", "both", "all", "each", "few", "another", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
];

/// Whether a subject sits right before token `i`: a name, a pronoun, or
/// a determiner + noun ("the report notes").
fn subject_before(v: View, a: usize, i: usize) -> bool {
    if i <= a {
        return false;
    }
    let p = i - 1;
    (v.is_cap(p) && !v.is_any(p, &DETERMINERS))
        || v.is_any(p, &["he", "she", "it", "who", "which", "that"])
        || (p > a && v.is_any(p - 1, &DETERMINERS) && v.is_word(p))
}

/// Whether token `i` follows the closing mark of a quoted utterance
/// ending in a comma, "?" or "!" ("“…,” writes Ann Lee"; "“…?” asks the
/// report"): the place of an inverted reporting verb, not of a noun
/// ("the “farm” notes").
fn after_quotation(v: View, a: usize, i: usize) -> bool {
    let m = i.wrapping_sub(1);
    i >= a + 2 && v.is_quote(m) && !v.doc.tokens[m].space_before && matches!(v.text(m - 1), "," | "?" | "!")
}

/// A lower-case adverb in -ly ("politically", "widely").
fn is_ly(v: View, i: usize) -> bool {
    let t = v.text(i);
    v.kind(i) == dateline_doc::TokenKind::Word && !v.is_cap(i) && t.len() > 4 && t.ends_with("ly")
}

/// A lower-case word in plural -s form ("delegates", not "class" or "status").
fn plural_noun(v: View, i: usize) -> bool {
    let t = v.text(i);
    v.kind(i) == dateline_doc::TokenKind::Word
        && !v.is_cap(i)
        && t.len() > 3
        && t.ends_with('s')
        && !t.ends_with("ss")
        && !t.ends_with("us")
        && !t.ends_with("is")
}

/// Whether token `i` is one of the cue words (used to stop phrases).
pub(crate) fn is_cue_word(v: View, i: usize) -> bool {
    v.cues_starting(i).iter().any(|c| c.rest.is_empty())
}

/// The cues of the sentence with token range `[a, b)`.
pub(crate) fn cues_in(v: View, a: usize, b: usize, out: &mut Vec<CueHit>) {
    // (only the tokens that start some cue)
    for &i in v.cue_tokens_in(a, b) {
        let candidates = v.cues_starting(i);
        if v.kind(i) != dateline_doc::TokenKind::Word {
            continue;
        }
        for cue in candidates {
            let n = cue.rest.len();
            if i + 1 + n > b {
                continue;
            }
            if !cue.rest.iter().enumerate().all(|(k, w)| v.is(i + 1 + k, w)) {
                continue;
            }
            if cue.form != CueForm::Phrase {
                // a capitalised cue word inside a sentence is a name ("Edward Said")
                // (unless the whole line is in Title Case, as headlines are: "Mayor Says He Will Resign")
                let title_case = i > a && i + 1 < b && v.is_cap(i - 1) && v.is_cap(i + 1) && (a..b).filter(|&k| v.is_word(k)).all(|k| v.is_cap(k) || v.text(k).len() <= 3);
                if i > a && v.is_cap(i) && !v.is_quote(i - 1) && !title_case {
                    continue;
                }
                // after a determiner or possessive it is a noun ("his claims"); a quantifier
                // may stand alone as the subject ("Many said", "One in three say", "Another said")
                let quantifier = |p: usize| v.is_any(p, PRONOUN_QUANTIFIERS) && !NOUN_LIKE.contains(v.text(i));
                // "he's said": after a pronoun "'s" is "has", not a possessive
                let has_clitic = i >= a + 2 && v.is(i - 1, "'s") && v.is_any(i - 2, &["he", "she", "it", "that", "who", "there", "what"]);
                if i > a && ((v.is_any(i - 1, &DETERMINERS) && !quantifier(i - 1)) || (v.is_possessive(i - 1) && !has_clitic)) {
                    continue;
                }
            }
            // "758 pledged delegates", "a count of pledged delegates": an -ed form between a
            // number or preposition and a plural noun is an adjective
            if i > a && i + 1 < b && v.text(i).ends_with("ed") && plural_noun(v, i + 1)
                && (v.kind(i - 1) == dateline_doc::TokenKind::Number || v.is_any(i - 1, &["of", "in", "with", "by", "for"]))
            {
                continue;
            }
            // "a politically charged visit", "so widely reported that": an adverb in -ly between a
            // determiner or degree word and an -ed form makes it an adjective
            if i >= a + 2 && v.text(i).ends_with("ed") && is_ly(v, i - 1)
                && v.is_any(i - 2, &["a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "so", "very", "too", "how"])
            {
                continue;
            }
            if NOUN_LIKE.contains(v.text(i)) && !subject_before(v, a, i) && !after_quotation(v, a, i) {
                continue;
            }
            out.push(CueHit { first: i, end: i + 1 + n, cue });
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::seg;

    fn found(text: &str) -> Vec<String> {
        let d = seg(text);
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let mut out = Vec::new();
        cues_in(v, 0, d.tokens.len(), &mut out);
        out.iter().map(|c| d.slice(d.tokens[c.first].span.cover(d.tokens[c.end - 1].span)).to_string()).collect()
    }

    #[test]
    fn verbs_and_phrases_but_not_nouns_or_names() {
        assert_eq!(found("According to Ann, he said so and his claims failed."), vec!["According to", "said"]);
        assert!(found("The Edward Said essay.").is_empty());
        assert_eq!(found("Says who? Mayor Says He Will Resign"), vec!["Says", "Says"]);
        assert_eq!(found("She told them."), vec!["told"]);
        assert!(found("Lee has won 758 pledged delegates and a majority of pledged delegates.").is_empty());
        assert_eq!(found("Lee pledged jobs for all."), vec!["pledged"]);
    }

    #[test]
    fn noun_like_forms_are_verbs_right_after_a_quotation() {
        assert_eq!(found("“The levy will fail,” writes Ann Lee."), vec!["writes"]);
        assert_eq!(found("“Will the levy fail?” notes the farm report."), vec!["notes"]);
        // near miss: after a quoted word the plural noun stays a noun
        assert!(found("Ann Lee read the “farm” notes of the levy.").is_empty());
    }

    #[test]
    fn an_ed_form_after_an_article_and_an_ly_adverb_is_an_adjective() {
        assert!(found("Lee made a politically charged visit to the farm.").is_empty());
        assert!(found("The levy stayed so hotly disputed that the vote failed.").is_empty());
        // near miss: with a subject before the adverb it is the verb
        assert_eq!(found("Lee repeatedly warned the farmers."), vec!["warned"]);
    }

    #[test]
    fn directive_and_rebuttal_verbs_but_not_their_adjective_uses() {
        assert_eq!(found("The judge ordered the city to reopen it; Lee disputed that and rebutted the charge."), vec!["ordered", "disputed", "rebutted"]);
        assert!(found("They reopened a disputed river crossing.").is_empty());
    }
}
