//! Reports: a reporting cue with its speaker, addressee and the clause it
//! reports, found one sentence at a time.
//!
//! Shapes handled (X = speaker phrase, C = reported clause):
//! * `X said (that) C`, `X told Y (that) C`, `X said on Tuesday C`;
//! * `C, X said` / `C, said X` (trailing and inverted);
//! * `According to X, C` / `C, according to X`;
//! * `…, adding C` and `… and said C` (the speaker is the one before);
//! * `what X said C` (a free relative: the clause starts at "what");
//! * `X, who said C` (relative), `X, a doctor, said` (apposition; a named
//!   sentence subject before any longer one);
//! * `X criticized/praised/asked Y …`: an object of three words or more
//!   (or an infinitive) is what was said, unless a modal makes the cue a
//!   future act ("would ask the court to rule");
//! * naming cues (`called it “…”`) attribute quotes but report no clause.
//!
//! A clause that is itself a direct quotation (it starts with an opening
//! mark, or ends with a closing one before `, X said`) is left to the
//! direct quote, so the same words are not reported twice.

use std::sync::LazyLock;

use dateline_lexicon::speech::{CueClass, CueForm};

use crate::cues::{cues_in, CueHit};
use crate::marks::Marked;
use crate::phrase::{addressee_right, leading_np, np_left, np_right, Np, NpKind};
use crate::view::{
    View, WordSet, ADJUNCT_HEADS, ADJUNCT_NOUNS, ADJUNCT_PREPOSITIONS, AUX_ADVERBS, BAD_CLAUSE_STARTS, BE_FORMS, DETERMINERS,
    SUBJECT_PRONOUNS, SUBORDINATORS, TIME_DETERMINERS,
};

#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub cue: CueHit,
    pub speaker: Option<Np>,
    /// The speaker is that of this earlier report ("… and said").
    pub speaker_from: Option<usize>,
    /// For a pronoun "it"/"they": the subject of the sentence, a likely antecedent.
    pub hint: Option<Np>,
    pub addressee: Option<(usize, usize)>,
    /// The reported clause, as a token range.
    pub content: Option<(usize, usize)>,
}

fn is_ly_adverb(v: View, i: usize) -> bool {
    let t = v.text(i);
    t.len() > 4 && t.ends_with("ly") && !v.is_cap(i) && !v.is_any(i, LY_NOUNS)
}

/// Nouns in "-ly", often the speaker before a verb ("the family said", "an
/// ally argued"), which no adverb rule may skip (an "-ly" word after an
/// article or possessive is as often an adverb: "Lee's highly rated plan").
const LY_NOUNS: &[&str] = &["family", "ally", "rally", "assembly", "supply", "monopoly", "anomaly", "bully", "tally", "homily"];

/// Whether token `i` lies inside a direct quotation.
fn inside_quote(quotes: &[Marked], i: usize) -> bool {
    let k = quotes.partition_point(|q| q.open <= i);
    quotes[..k].iter().rev().take(4).any(|q| q.open <= i && i <= q.close.unwrap_or(q.inner_end))
}

/// Whether token `i` lies between the marks of a direct quotation.
fn inside_quote_words(quotes: &[Marked], i: usize) -> bool {
    let k = quotes.partition_point(|q| q.open < i);
    quotes[..k].iter().rev().take(4).any(|q| q.inner_first <= i && i < q.inner_end)
}

/// Builds the reports of every sentence.
pub(crate) fn reports(v: View, quotes: &[Marked]) -> Vec<Report> {
    let mut out = Vec::new();
    let mut hits = Vec::new();
    // quotation-mark tokens, for the two shapes that hang on one (bylines, "X interrupted: “…”")
    let marks = v.quote_tokens();
    for sent in &v.doc.sentences {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        hits.clear();
        cues_in(v, a, b, &mut hits);
        hits.retain(|h| !inside_quote_words(quotes, h.first));
        let first_in_sentence = out.len();
        for (n, hit) in hits.iter().enumerate() {
            let later = &hits[n + 1..];
            let report = match hit.cue.class {
                CueClass::Belief => None,
                CueClass::Source => according(v, *hit, a, b, quotes, later),
                CueClass::Speech | CueClass::Naming => verb(v, *hit, a, b, quotes, later, first_in_sentence, out.len()),
            };
            out.extend(report.filter(|r| !asks_anonymity(v, r)).map(|r| with_free_relative(v, a, r)));
        }
        // a byline after a quotation: "“…” ― Ann Lee" (the name ends the paragraph)
        let (lo, hi) = (a.max(1), b.saturating_sub(1));
        let first_mark = marks.partition_point(|&m| m + 1 < lo);
        for k in marks[first_mark..].iter().map(|&m| m + 1).take_while(|&k| k < hi) {
            if v.is_word(k) {
                continue;
            }
            let dash = matches!(v.text(k), "-" | "--") || matches!(v.orig(k), "―" | "—" | "–");
            if dash && !v.doc.text[v.doc.tokens[k - 1].span.end()..v.doc.tokens[k].span.start()].contains('\n') {
                if let Some(np) = np_right(v, k + 1, b).filter(|np| np.kind == NpKind::Name && (np.end >= b || v.is_final_punct(np.end))) {
                    out.push(Report {
                        cue: CueHit { first: k, end: k + 1, cue: &COLON_CUE },
                        speaker: Some(np),
                        speaker_from: None,
                        hint: None,
                        addressee: None,
                        content: None,
                    });
                }
            }
        }
        // "Mr. Lee interrupted: “…”": a verb before a colon that opens a quotation
        if out.len() == first_in_sentence {
            let from = marks.partition_point(|&m| m < a + 3);
            let colon = marks[from..].iter().map(|&m| m - 1).take_while(|&k| k < b.saturating_sub(1)).find(|&k| v.text(k) == ":");
            if let Some(k) = colon {
                let verb = k - 1;
                let lowercase_verb = v.kind(verb) == dateline_doc::TokenKind::Word && !v.is_cap(verb);
                let starts_clause = |np: &Np| np.first == a || v.text(np.first - 1) == ",";
                let named = |np: &Np| np.kind != NpKind::Nominal || v.is_any(np.first, &DETERMINERS);
                if let Some(np) = np_left(v, a, verb).filter(|np| lowercase_verb && named(np) && starts_clause(np)) {
                    out.push(Report {
                        cue: CueHit { first: verb, end: verb + 1, cue: &COLON_CUE },
                        speaker: Some(np),
                        speaker_from: None,
                        hint: None,
                        addressee: None,
                        content: None,
                    });
                }
            }
        }
        noun_reports(v, a, b, quotes, &hits, &mut out);
    }
    out
}

/// "what Ann Lee said was a mistake", "about double what she said she
/// expected": "what" before the speaker is the object of the cue, so the
/// clause reported starts with it.
fn with_free_relative(v: View, a: usize, mut r: Report) -> Report {
    let Some(np) = r.speaker else { return r };
    if let Some((start, end)) = r.content {
        if np.first > a && np.end <= r.cue.first && start >= r.cue.end && v.is(np.first - 1, "what") {
            r.content = Some((np.first - 1, end));
        }
    }
    r
}

/// Nouns of saying whose "that" clause is what was said ("his claim that C").
const NOUN_CUES_THAT: &[&str] = &[
    "claim", "claims", "statement", "statements", "assertion", "assertions", "suggestion", "suggestions", "argument",
    "arguments", "accusation", "accusations", "allegation", "allegations", "insistence", "warning", "warnings",
    "promise", "promises", "vow", "vows", "pledge", "pledges", "threat", "threats",
];

/// Nouns of saying whose "to" infinitive is what was said ("her vow to C").
const NOUN_CUES_TO: &[&str] =
    &["promise", "promises", "vow", "vows", "pledge", "pledges", "call", "calls", "demand", "demands", "threat", "threats"];

/// One cue per noun of saying (the lexicon holds verbs).
static NOUN_CUES: std::sync::LazyLock<Vec<dateline_lexicon::speech::Cue>> = std::sync::LazyLock::new(|| {
    let mut nouns: Vec<&str> = NOUN_CUES_THAT.iter().chain(NOUN_CUES_TO).copied().collect();
    nouns.sort_unstable();
    nouns.dedup();
    nouns
        .into_iter()
        .map(|n| dateline_lexicon::speech::Cue {
            lemma: n.to_string(),
            rest: Vec::new(),
            addressee: false,
            class: CueClass::Speech,
            form: CueForm::Finite,
        })
        .collect()
});

/// Every noun of saying, for [`may_head_noun_report`].
static NOUN_CUE_WORDS: std::sync::LazyLock<crate::view::WordSet> =
    std::sync::LazyLock::new(|| crate::view::WordSet::new(&[NOUN_CUES_THAT, NOUN_CUES_TO].concat()));

/// Whether token `i` may head a noun report: "that" or "to" follows it and
/// it is a noun of saying. The cheap test in front of the per-token scan
/// (most tokens fail on the word after them); it passes every token
/// `noun_reports` goes on to read.
#[inline]
fn may_head_noun_report(v: View, i: usize) -> bool {
    let next = v.text(i + 1);
    (next.len() == 2 || next.len() == 4)
        && (next.eq_ignore_ascii_case("to") || next.eq_ignore_ascii_case("that"))
        && NOUN_CUE_WORDS.contains(v.text(i))
}

/// "Clinton's claim that C", "his vow to C", "the statement that C": a
/// noun of saying after a possessor or determiner, with its clause; the
/// possessor, when there is one, is the speaker. Only after the sentence's
/// other reports, which stay in text order.
fn noun_reports(v: View, a: usize, b: usize, quotes: &[Marked], hits: &[CueHit], out: &mut Vec<Report>) {
    // (i in a + 1..b - 2 with "that" or "to" after it)
    for i in v.that_to_tokens_in(a + 2, b.saturating_sub(1)).iter().map(|&k| k - 1) {
        if !may_head_noun_report(v, i) || out.last().is_some_and(|r| r.cue.first >= i) {
            continue;
        }
        let Some(cue) = NOUN_CUES.iter().find(|c| v.is(i, &c.lemma)) else { continue };
        let after = i + 1;
        let that = v.is(after, "that") && NOUN_CUES_THAT.contains(&cue.lemma.as_str());
        // "her call to ABC's show" is no infinitive
        let to = v.is(after, "to")
            && NOUN_CUES_TO.contains(&cue.lemma.as_str())
            && v.is_word(after + 1)
            && !v.is_cap(after + 1)
            && !v.is_any(after + 1, &DETERMINERS);
        if !(that || to) || inside_quote_words(quotes, i) {
            continue;
        }
        // "X said in a statement that C": the noun is an adjunct of a verb reporting the same clause
        let verb_adjunct = out.iter().rev().take_while(|r| r.cue.first >= a).any(|r| r.cue.end <= i && r.content.is_some_and(|(s, _)| s > i));
        if verb_adjunct {
            continue;
        }
        let before = i - 1;
        let speaker = if v.is_any(before, &["his", "her", "their", "its"]) {
            Some(Np { first: before, end: i, kind: NpKind::Pronoun, antecedent: None, role: None })
        } else if v.is_possessive(before) {
            np_left(v, a, before).filter(|np| np.end == before)
        } else if v.is_any(before, &["the", "a", "an", "this"]) {
            None
        } else {
            continue;
        };
        // as the sentence subject its clause would run into the main verb ("Lee's claim that C drew jeers")
        let phrase_start = speaker.map_or(before, |np| np.first);
        if sentence_opening(v, a, phrase_start) {
            continue;
        }
        let start = after + usize::from(that);
        // "the claim that was made" is a relative clause on the noun, not what was said
        if start >= b || (that && (v.is_any(start, &BE_FORMS) || v.is_any(start, &["has", "had"]) || v.is_any(start, MODALS))) {
            continue;
        }
        let later = &hits[hits.partition_point(|h| h.first <= i)..];
        let end = clause_end(v, start, b, quotes, later, false);
        if end < start + 2 || (that && !has_finite_verb(v, start, end)) {
            continue;
        }
        let hit = CueHit { first: i, end: i + 1, cue };
        out.push(Report { cue: hit, speaker, speaker_from: None, hint: None, addressee: None, content: Some((start, end)) });
    }
}

/// The cue of a verb that introduces a quotation after a colon.
static COLON_CUE: std::sync::LazyLock<dateline_lexicon::speech::Cue> = std::sync::LazyLock::new(|| {
    dateline_lexicon::speech::Cue {
        lemma: ":".to_string(),
        rest: Vec::new(),
        addressee: false,
        class: CueClass::Naming,
        form: CueForm::Finite,
    }
});

/// Verbs taking a "to" infinitive whose subject is the speaker ("continued to insist").
const CATENATIVES: &[&str] = &[
    "continued", "continues", "continue", "proceeded", "proceeds", "decided", "decides", "tried", "tries", "wanted",
    "wants", "rushed", "hastened", "went", "sought", "seeks", "chose", "chooses",
];

/// Adjectives and passive participles taking a "to" infinitive after a form
/// of "be" whose subject is the speaker ("was quick to note", "were eager
/// to say", "was prompted to add").
const BE_CATENATIVES: &[&str] = &[
    "quick", "eager", "ready", "happy", "willing", "careful", "able", "unable", "reluctant", "keen", "prompted",
    "forced", "compelled", "moved",
];

#[allow(clippy::too_many_arguments)]
fn verb(
    v: View,
    hit: CueHit,
    a: usize,
    b: usize,
    quotes: &[Marked],
    later: &[CueHit],
    first_in_sentence: usize,
    next_index: usize,
) -> Option<Report> {
    if let Some(report) = framing_report(v, hit, a, b, quotes, later) {
        return Some(report);
    }
    let participle = hit.cue.form == CueForm::Participle;
    let mut j = hit.first;
    // "have long argued", "they all said"; lowercase only ("Billy Long said")
    let plain_adverb = |k: usize| !v.is_cap(k) && v.is_any(k, &["long", "all", "both", "ever", "since", "soon", "too"]);
    // "he's said", "they've argued", "she'd told"
    let clitic_aux = |k: usize| v.is_any(k, &["'s", "'ve", "'d"]) && !participle;
    // "have in fact reported", "has of course said": a set phrase between auxiliary and verb
    let set_phrase = |k: usize| k > a + 1 && ((v.is(k - 1, "in") && v.is(k, "fact")) || (v.is(k - 1, "of") && v.is(k, "course")));
    while j > a
        && ((v.is_any(j - 1, &AUX_ADVERBS) && !v.is_name_continuation(j - 1))
            || is_ly_adverb(v, j - 1)
            || plain_adverb(j - 1)
            || clitic_aux(j - 1)
            || set_phrase(j - 1)
            || (participle && v.is_any(j - 1, &BE_FORMS)))
    {
        j -= if set_phrase(j - 1) { 2 } else { 1 };
    }
    // "went on to say", "continued to insist": the subject is before the catenative verb
    if j > a + 1 && v.is(j - 1, "to") {
        let before_to = j - 2;
        if v.is(before_to, "on") && before_to > a && v.is_any(before_to - 1, &["went", "goes", "go", "going", "gone"]) {
            j = before_to - 1;
        } else if !v.is_cap(before_to) && v.is_any(before_to, CATENATIVES) {
            j = before_to;
        } else if !v.is_cap(before_to) && v.is_any(before_to, BE_CATENATIVES) && before_to > a {
            // "Lee was quick to point out", "he was prompted to say": the subject is before "was"
            let mut k = before_to - 1;
            while k > a && v.is_any(k, &["not", "also", "never", "always", "often", "n't"]) {
                k -= 1;
            }
            if v.is_any(k, &BE_FORMS) {
                j = k;
            }
        }
        while j > a && ((v.is_any(j - 1, &AUX_ADVERBS) && !v.is_name_continuation(j - 1)) || is_ly_adverb(v, j - 1)) {
            j -= 1;
        }
    }
    if !participle && j > a && v.is_any(j - 1, &BE_FORMS) {
        // passive: "was announced by"; but "was asked whether C" reports its question
        return passive_question(v, hit, b, quotes, later);
    }
    let previous_in_sentence = (next_index > first_in_sentence).then(|| next_index - 1);
    let left = (j > a).then(|| j - 1);
    let left_text = left.map(|l| v.text(l));
    let mut speaker = None;
    let mut speaker_from = None;
    let mut inverted = false;
    let mut trailing_from = None; // the comma or mark before the speaker
    let coordinated = matches!(left_text, Some(t) if t.eq_ignore_ascii_case("and") || t.eq_ignore_ascii_case("but"));
    let apposition = (left_text == Some(",")).then(|| np_left(v, a, j)).flatten();
    let inverted_np = (left_text == Some(",") || left.is_some_and(|l| v.is_quote(l)) || left.is_none())
        .then(|| np_right(v, hit.end, b))
        .flatten()
        .filter(|np| closes_clause(v, np.role.map_or(np.end, |r| r.1), b) && !runs_into_verb(v, np));
    // "with 47 percent of voters saying …", "left most voters saying …": the phrase right before the participle
    let participle_subject = (participle && left.is_some_and(|l| v.is_word(l)))
        .then(|| np_left(v, a, j))
        .flatten()
        .filter(|np| np.kind != NpKind::Pronoun && np.kind != NpKind::Relative && np.first > a && v.is_any(np.first - 1, &["with", "left", "leaving"]));
    // "the campaign is already claiming …": a progressive has its subject before the auxiliary
    let progressive = participle && (j..hit.first).any(|k| v.is_any(k, &BE_FORMS)) && j > a && !v.is_any(j - 1, &["and", "but", ","]);
    if let Some(np) = participle_subject {
        speaker = Some(np);
    } else if let Some(np) = progressive.then(|| np_left(v, a, j)).flatten().filter(|np| np.kind != NpKind::Relative) {
        speaker = Some(np);
    } else if participle || coordinated {
        speaker_from = previous_in_sentence;
        if speaker_from.is_none() {
            speaker = leading_np(v, a, hit.first).filter(|np| np.end <= j);
        }
    } else if let Some(np) = apposition.and_then(|np| leading_name_before_relative(v, a, &np)) {
        // "Ann Lee, a senator who has refused to endorse Ira Bell, said": the name the relative clause describes
        speaker = Some(np);
    } else if let Some(np) = apposition.filter(|np| {
        sentence_opening(v, a, np.role.map_or(np.first, |r| r.0.min(np.first)))
            || (np.kind == NpKind::Name
                && (hit.cue.addressee || inverted_np.is_none_or(|inv| inv.kind == NpKind::Nominal)))
    }) {
        // "Hugh Hill, a doctor, said": an apposition before the verb; after "told" a name is its object
        speaker = Some(np);
        // "C, Hugh Hill, a doctor, said": the apposition trails the clause
        let np_start = np.role.map_or(np.first, |r| r.0.min(np.first));
        if np_start > a && (v.text(np_start - 1) == "," || v.is_quote(np_start - 1)) {
            trailing_from = Some(np_start - 1);
        }
    } else if let Some(np) = inverted_np {
        speaker = Some(np);
        inverted = true;
        trailing_from = left;
    } else {
        speaker = np_left(v, a, j).map(|np| before_restrictive_relative(v, a, np));
        // "A report published Tuesday said": a time phrase is no speaker; the sentence subject is
        // "Ann Lee on Tuesday said": the phrase before the time adjunct
        if let Some(time) = speaker.filter(|np| is_time_phrase(v, *np) && np.first > a + 1 && v.is_any(np.first - 1, &["on", "in", "at"])) {
            speaker = np_left(v, a, time.first - 1).filter(|np| !is_time_phrase(v, *np)).or(speaker);
        }
        if let Some(time) = speaker.filter(|np| is_time_phrase(v, *np)) {
            speaker = leading_np(v, a, time.first).filter(|np| !is_time_phrase(v, *np)).map(|np| {
                // without the participle that led to the time phrase ("released")
                let mut e = np.end;
                while e > np.first + 1 && !v.is_cap(e - 1) && v.text(e - 1).ends_with("ed") {
                    e -= 1;
                }
                if e < np.end { Np::simple(v, np.first, e) } else { np }
            });
        }
        // "Ann Lee, who runs the union's political arm, said …": the subject before the long apposition
        // (the apposition may end in a quotation: "Ann Lee, host of “Morning Joe,” said …")
        let comma_before = left_text == Some(",")
            || left.is_some_and(|l| {
                let mut k = l;
                while k > a && v.is_quote(k) {
                    k -= 1;
                }
                k < l && v.text(k) == ","
            });
        if speaker.is_none() && comma_before && !v.is_quote(a) {
            // ("The ad, titled “Unifier?”, concludes …": a phrase with a determiner too)
            let named = |np: &Np| np.kind == NpKind::Name || (np.kind == NpKind::Nominal && v.is_any(np.first, &DETERMINERS));
            speaker = leading_np(v, a, hit.first).filter(|np| named(np) && np.end < j && v.text(np.end) == ",");
        }
        if let Some(np) = speaker {
            if np.first > a && (v.text(np.first - 1) == "," || v.is_quote(np.first - 1)) {
                trailing_from = Some(np.first - 1);
            } else if np.kind == NpKind::Name {
                // "C, journalist Ann Lee said": a role noun before the name
                let role_start = (np.first.saturating_sub(MAX_ROLE_PREFIX)..np.first)
                    .rev()
                    .take_while(|&k| {
                        k > a
                            && v.kind(k) == dateline_doc::TokenKind::Word
                            && !v.is_cap(k)
                            && !v.is_any(k, &["and", "but", "or", "that", "who", "which"])
                            && !v.is_any(k, &DETERMINERS)
                    })
                    .last();
                if let Some(k) = role_start.filter(|&k| v.text(k - 1) == ",") {
                    trailing_from = Some(k - 1);
                } else if let Some(k) = role_start.filter(|&k| k > a + 1 && v.is(k - 1, "the") && v.text(k - 2) == "," && !DENIALS.contains(&hit.cue.lemma.as_str())) {
                    // "C, the news site RTL Info reported": "the" before the role nouns
                    // ("C, a charge Addis Ababa denied" is an apposition on the clause)
                    trailing_from = Some(k - 2);
                }
            }
        }
    }
    // "Noting that C, Ann Lee said …", "While saying that C, he …": a participle opening the
    // sentence has the main clause's subject, after the comma closing the fronted clause
    if speaker.is_none() && speaker_from.is_none() && participle && participle_opens_sentence(v, a, hit.first) {
        speaker = subject_after_fronted_clause(v, hit.end, b, quotes);
    }
    if speaker.is_none() && speaker_from.is_none() && !participle {
        // "Ann Lee, who led the army for a decade and later ran the war, said that C": a speaker
        // phrase the rules above miss is most often the sentence subject, and "said that C" reports C
        if !that_clause_follows(v, hit, b) {
            return None;
        }
        speaker = leading_np(v, a, hit.first).filter(|np| np.kind != NpKind::Relative && np.end < hit.first);
    }
    // the sentence subject matters only as the antecedent of "it" or "they"
    let hint = speaker
        .filter(|np| np.kind == NpKind::Pronoun && v.is_any(np.first, &["it", "they"]))
        .and_then(|_| leading_np(v, a, hit.first));
    let mut report = Report { cue: hit, speaker, speaker_from, hint, addressee: None, content: None };
    // "“…,” he continued" attributes a quotation; "continued the work" reports nothing
    if hit.cue.class == CueClass::Naming || hit.cue.lemma == "continue" {
        return Some(report);
    }
    let after = if inverted { speaker.map_or(hit.end, |np| np.role.map_or(np.end, |r| r.1)) } else { hit.end };
    if inverted {
        if hit.cue.addressee {
            report.addressee = addressee_right(v, after, b);
        }
    } else {
        let (addressee, start) = forward(v, hit, after, b);
        // not a parenthetical attribution ("That, they say, will …")
        let comma_clause = trailing_from.is_none() && COMMA_CLAUSE_VERBS.contains(hit.cue.lemma.as_str());
        // verbs that take their clause after a comma only past a connective ("warned, however, that"):
        // "warned the leader, Xi, not to move" is an apposition on the addressee
        let connective_clause = trailing_from.is_none()
            && CONNECTIVE_CLAUSE_VERBS.contains(hit.cue.lemma.as_str())
            && start.is_some_and(|s| s == hit.end && s + 2 < b && v.is_any(s + 1, crate::phrase::CONNECTIVES) && v.text(s + 2) == ",");
        let start = start.map(|s| (comma_clause || connective_clause).then(|| clause_after_comma(v, s, b)).flatten().unwrap_or(s));
        report.addressee = addressee;
        // "“…,” Ann Lee said in a statement issued on Monday": what follows an attribution
        // trailing a quotation describes the saying, not what was said
        let after_quotation = trailing_from.is_some_and(|t| {
            let close = if v.is_quote(t) { t } else if t > a && v.text(t) == "," && v.is_quote(t - 1) { t - 1 } else { return false };
            // "Citing “obligations at home,” the spokeswoman told …": a quotation inside a fronted
            // phrase or an apposition is not the one the attribution trails
            quotation_closing_at(quotes, close).is_none_or(|q| q.open < a || sentence_opening(v, a, q.open))
        });
        if after_quotation {
            return Some(report);
        }
        // "As Ann Lee said, C": the "as" clause frames the main clause after it
        let framed_by_as = speaker.is_some_and(|np| {
            np.first > a
                && v.is(np.first - 1, "as")
                && (sentence_opening(v, a, np.first - 1) || v.text(np.first - 2) == ",")
        });
        if let Some(start) = start.filter(|&s| framed_by_as && s < b && v.text(s) == ",") {
            if np_ends_sentence_clause(v, a, speaker) && clause_ok(v, start + 1, b) {
                let end = clause_end(v, start + 1, b, quotes, later, false);
                if end >= start + 3 {
                    report.content = Some((start + 1, end));
                    return Some(report);
                }
            }
        }
        // "C, as Ann Lee said.": the clause before the "as"
        if let Some(np) = speaker.filter(|_| framed_by_as && start.is_some_and(|s| s >= b || v.is_final_punct(s))) {
            if np.first >= a + 2 {
                report.content = trailing_clause(v, a, np.first - 2, quotes).filter(|&(x, y)| has_finite_verb(v, x, y));
                return Some(report);
            }
        }
        if let Some(start) = start {
            let after_that = start > hit.end && (v.is(start - 1, "that") || (v.text(start - 1) == "," && v.is(start - 2, "that")));
            let object_verb = OBJECT_VERBS.contains(hit.cue.lemma.as_str());
            let infinitive = object_verb && start + 2 < b && v.is(start, "to") && TO_VERBS.contains(hit.cue.lemma.as_str());
            if clause_ok(v, start, b) || infinitive || (after_that && start + 2 < b && (v.is_word(start) || v.is_quote(start))) {
                let subordinate = v.is_any(a, &SUBORDINATORS) && !(a..hit.first).any(|k| v.text(k) == ",");
                let end = clause_end(v, start, b, quotes, later, subordinate);
                // an object alone reports speech only when it says something ("rejected the charge" does not)
                // and the cue is not a future or hypothetical act ("would ask the court to rule")
                let object_only = !after_that && !has_finite_verb(v, start, end);
                let modal = (a..hit.first).rev().take_while(|&k| v.is_any(k, &AUX_ADVERBS)).any(|k| v.is_any(k, MODALS));
                let object_ok = object_verb && !modal && end >= start + 3;
                // "said" and "told" report a clause even without a recognisable verb in it
                let plain_say = matches!(hit.cue.lemma.as_str(), "say" | "tell") && end >= start + 4;
                if end >= start + 2 && (!object_only || object_ok || plain_say) {
                    report.content = Some((start, end));
                    return Some(report);
                }
            }
            // "did not respond to requests for comment", "agreed with the analysis", "asked about
            // the emails": the object of the preposition the verb takes is what was said
            if prepositional_object(v, hit, start, b) && !negated(v, a, hit.first) {
                let end = clause_end(v, start + 1, b, quotes, later, false);
                if end > start + 1 {
                    report.content = Some((start + 1, end));
                    return Some(report);
                }
            }
        }
    }
    // "In the last debate, …, Cruz has signaled his desire to …": a verb with an object of its
    // own ends no trailing attribution; the words before the subject are a fronted adjunct
    if trailing_from.is_some() && !inverted && !hit.cue.addressee && takes_own_object(v, hit.end, b) {
        return Some(report);
    }
    if let Some(t) = trailing_from {
        let mut after_speaker = if inverted { after } else { hit.end };
        // "The solution, the partner told them, was simple": whom it was told before the comma
        if !inverted && hit.cue.lemma == "tell" && !(j > a && v.is_any(j - 1, &["who", "which", "that"])) {
            if let Some((_, y)) = addressee_right(v, after_speaker, b).filter(|&(_, y)| y < b && v.text(y) == ",") {
                after_speaker = y;
            }
        }
        // a parenthetical attribution inside the clause it reports; "C, X said, “…”" introduces
        // a quotation instead, which is the direct quote's
        // "C, said Ann Lee, whose union …" / "…, said Ann Lee, the head of …": after an inverted
        // speaker, a relative or a noun phrase describes the speaker
        let describes_speaker = |k: usize| inverted && (v.is_any(k, &["who", "whose", "which"]) || v.is_any(k, &DETERMINERS) || v.is_cap(k));
        if after_speaker + 3 < b
            && v.text(after_speaker) == ","
            && !v.is_quote(a)
            && !v.is_quote(t)
            && !v.is_quote(after_speaker + 1)
            && !describes_speaker(after_speaker + 1)
        {
            let end = clause_end(v, after_speaker + 1, b, quotes, later, false);
            if end > after_speaker + 2 && t > a {
                report.content = Some((a, end));
                return Some(report);
            }
        }
        // "When asked whether …, Lee said no": a fronted subordinate clause is not what was said
        let fronted = (v.is_any(a, &SUBORDINATORS) || v.is(a, "asked")) && !(a..t).any(|k| v.text(k) == ",");
        report.content = trailing_clause(v, a, t, quotes).filter(|&(x, y)| !fronted && has_finite_verb(v, x, y));
    }
    Some(report)
}

fn according(v: View, hit: CueHit, a: usize, b: usize, quotes: &[Marked], later: &[CueHit]) -> Option<Report> {
    // a source the noun-phrase reader can't take ("July's Post/ABC polling") still marks the clause;
    // a bare plural ("according to exit polls conducted for …") is the run of words after the cue
    let bare_source = || {
        let mut k = hit.end;
        while k < b && k - hit.end < MAX_BARE_SOURCE_WORDS && (v.is_word(k) || v.is_possessive(k)) && !v.is_any(k, &["that", "which", "who"]) {
            k += 1;
        }
        (k > hit.end && !v.is_cap(hit.end) && !v.is_any(hit.end, &SUBJECT_PRONOUNS)).then(|| crate::phrase::np_from_range(v, hit.end, k))
    };
    let mut speaker = np_right(v, hit.end, b).or_else(bare_source);
    // "according to the mediator, Ambassador Ana Ruiz, both sides …": the name in the apposition
    // speaks, and the reported clause starts after it
    if let Some(np) = speaker.filter(|np| np.kind != NpKind::Name || !v.is_cap(np.end - 1)) {
        if let Some((x, y)) = np.role.filter(|&(x, y)| crate::phrase::has_name(v, x, y) && y - x <= 5 && y + 1 < b && v.text(y) == ",") {
            speaker = Some(Np { role: Some((np.first, np.end)), ..crate::phrase::np_from_range(v, x, y) });
        }
    }
    let comma = (speaker.map_or(hit.end, |np| np.end)..b.min(hit.end + MAX_SOURCE_TOKENS))
        .take_while(|&k| !v.is_final_punct(k) && !v.is_quote(k))
        .find(|&k| v.text(k) == ",");
    let source_end = match (speaker, comma) {
        (_, Some(c)) => c,
        (Some(np), None) => np.end,
        (None, None) => return None,
    };
    let mut report = Report { cue: hit, speaker, speaker_from: None, hint: None, addressee: None, content: None };
    let opener = (a..hit.first).all(|k| v.is_any(k, &["but", "and", "yet", "also"]) || v.text(k) == ",");
    if opener {
        let mut start = source_end;
        if start < b && v.text(start) == "," {
            start += 1;
        }
        if clause_ok(v, start, b) {
            let end = clause_end(v, start, b, quotes, later, false);
            report.content = (end >= start + 2).then_some((start, end));
        }
    } else {
        let c = hit.first - 1;
        report.content = trailing_clause(v, a, c + usize::from(v.text(c) != ","), quotes);
        // "Fundraising, according to the campaign, has surged": a parenthetical source inside its clause
        let parenthetical = v.text(c) == ","
            && comma == Some(source_end)
            && source_end + 2 < b
            && v.is_word(source_end + 1)
            && !v.is_quote(a)
            && !report.content.is_some_and(|(x, y)| has_finite_verb(v, x, y));
        if parenthetical {
            let end = clause_end(v, source_end + 1, b, quotes, later, false);
            // (from the comma: the verb may be the first word after it, "…, according to X, are 16")
            if end > source_end + 2 && has_finite_verb(v, source_end, end) {
                report.content = Some((a, end));
            }
        }
    }
    Some(report)
}

/// Most words of a source after "according to" that is no noun phrase with a determiner or name.
const MAX_BARE_SOURCE_WORDS: usize = 8;

/// Whether a noun phrase with a determiner or possessive opens at `k`, right
/// after a cue ("signaled his desire", "said a lot"): the cue's own object.
/// A time phrase ("said the next day", "said a week later") is no object.
fn takes_own_object(v: View, k: usize, b: usize) -> bool {
    const OPENERS: &[&str] = &[
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "some", "no",
    ];
    const TIME_NOUNS: &[&str] = &[
        "next", "following", "same", "day", "week", "month", "year", "morning", "afternoon", "evening", "night",
        "weekend", "decade", "while", "moment", "time",
    ];
    k + 1 < b && v.is_any(k, OPENERS) && !v.is_cap(k) && v.is_word(k + 1) && !v.is_any(k + 1, TIME_NOUNS)
}

/// Whether only a connective, a preposition or a subordinator lies before a
/// participle cue in its sentence ("Noting …", "And in explaining …",
/// "While saying …", "Since announcing …"): it opens a fronted clause.
fn participle_opens_sentence(v: View, a: usize, cue: usize) -> bool {
    const OPENERS: &[&str] = &[
        "and", "but", "so", "yet", "still", "now", "then", "in", "after", "before", "since", "while", "when", "by",
        "upon", "on", "without", "despite",
    ];
    cue - a <= 3 && (a..cue).all(|k| v.is_any(k, OPENERS) || v.text(k) == ",")
}

/// Most tokens of a fronted participle clause before the main clause's subject.
const MAX_FRONTED_CLAUSE_TOKENS: usize = 40;

/// The subject of the main clause after a fronted clause running from
/// `from`: the phrase after one of its commas that a verb follows
/// ("…, the mayor offered", "…, Ann Lee said"), cut before the verb when
/// the phrase reader ran into it. A phrase followed by "and"/"or" or a
/// comma list ("…, wages and rents rose, …") is part of the fronted clause.
fn subject_after_fronted_clause(v: View, from: usize, b: usize, quotes: &[Marked]) -> Option<Np> {
    let hi = b.min(from + MAX_FRONTED_CLAUSE_TOKENS);
    for c in from..hi {
        if v.text(c) != "," || inside_quote(quotes, c) || c + 2 >= b || v.is_quote(c + 1) {
            continue;
        }
        let Some(mut np) = np_right(v, c + 1, b) else { continue };
        if np.kind == NpKind::Nominal && !v.is_any(np.first, &DETERMINERS) {
            continue;
        }
        // "the mayor offered himself as …": the phrase reader runs on into the verb
        if let Some(k) = (np.first + 1..np.end).find(|&k| {
            let t = v.text(k);
            !v.is_cap(k) && !v.is_possessive(k) && !v.is_any(k - 1, &DETERMINERS) && (FINITE.contains(t) || IRREGULAR_PAST.contains(t) || (t.len() > 4 && t.ends_with("ed")))
        }) {
            np = Np { end: k, role: None, ..np };
        }
        // "Mr. Rubio only occasionally disagreed": adverbs before the verb are not the subject's
        while np.end > np.first + 1 && !v.is_cap(np.end - 1) && (v.text(np.end - 1).ends_with("ly") || v.is_any(np.end - 1, &AUX_ADVERBS)) {
            np = Np { end: np.end - 1, role: None, ..np };
        }
        let next = np.role.map_or(np.end, |r| r.1);
        let verb_follows = next < b && v.is_word(next) && !v.is_cap(next) && !v.is_any(next, &["and", "or", "but", "of"]);
        let apposition_follows = next < b && matches!(v.text(next), "," | "(") && np.kind != NpKind::Nominal;
        if verb_follows || apposition_follows {
            return Some(np);
        }
    }
    None
}

/// Most tokens from "according to" to the comma ending its source.
const MAX_SOURCE_TOKENS: usize = 30;

/// Most tokens of an addressee and adjuncts before "that" ("told a crowded
/// hall at a hotel in downtown Baltimore that").
const MAX_ADDRESSEE_TOKENS: usize = 14;

/// Most tokens from "asked" to the question after an adjunct ("Asked by
/// the host on Sunday whether …").
const MAX_QUESTION_ADJUNCT_TOKENS: usize = 8;

/// Most lowercase role words between a trailing clause's comma and the
/// speaker's name ("…, veteran journalist Ann Lee said").
const MAX_ROLE_PREFIX: usize = 3;

/// Plural time nouns that end a "for …" duration adjunct.
const DURATION_NOUNS: &[&str] = &["days", "weeks", "months", "years", "decades", "hours", "while"];

/// "Officials who attended the rally said": the phrase before the verb
/// ends a restrictive relative clause; the speaker is the phrase "who"
/// qualifies.
fn before_restrictive_relative(v: View, a: usize, np: Np) -> Np {
    if matches!(np.kind, NpKind::Pronoun | NpKind::Relative) || np.role.is_some() {
        return np;
    }
    let who = (a..np.first).rev().take(12).take_while(|&k| v.is_word(k) || v.is_possessive(k)).find(|&k| v.is(k, "who"));
    let head = who.filter(|&w| w > a).and_then(|w| np_left(v, a, w).filter(|h| h.end == w && h.kind != NpKind::Pronoun));
    head.unwrap_or(np)
}

/// Question words that open an indirect question ("asked whether …").
const QUESTION_WORDS: &[&str] = &["whether", "if", "what", "why", "how", "who", "when", "where", "which"];

/// Reports framed by a leading participial clause, with no subject of
/// their own: "As reported by Ann Lee, C" (the main clause is what was
/// reported) and "Asked whether C, Ann Lee said …" (the question is).
fn framing_report(v: View, hit: CueHit, a: usize, b: usize, quotes: &[Marked], later: &[CueHit]) -> Option<Report> {
    let lead_word = hit.first > a && v.is_any(hit.first - 1, &["as", "when", "once"]);
    let lead = if lead_word { hit.first - 1 } else { hit.first };
    // "And when asked …" opens the sentence too
    let opens = sentence_opening(v, a, lead);
    // "“…,” Lee said when asked whether C": the question inside the sentence
    let asked_within = !opens && lead_word && v.is(lead, "when") && hit.cue.lemma == "ask";
    if !(opens || asked_within) || hit.cue.class != CueClass::Speech || hit.end >= b {
        return None;
    }
    let report = |speaker, content| Report { cue: hit, speaker, speaker_from: None, hint: None, addressee: None, content };
    if v.is(lead, "as") && v.is(hit.end, "by") && opens {
        let np = np_right(v, hit.end + 1, b)?;
        let comma = (np.end..b.min(np.end + 8)).find(|&k| v.text(k) == ",")?;
        if !clause_ok(v, comma + 1, b) {
            return None;
        }
        let end = clause_end(v, comma + 1, b, quotes, later, false);
        return (end >= comma + 3).then(|| report(Some(np), Some((comma + 1, end))));
    }
    if hit.cue.lemma != "ask" || v.is(lead, "as") {
        return None;
    }
    // "Asked by a reporter if …", "Asked on Fox News who …", "Asked Tuesday about …": an adjunct first
    let question_at = |k: usize| v.is_any(k, QUESTION_WORDS) || v.is(k, "about");
    let adjunct_start = hit.end < b
        && (v.is_any(hit.end, &["by", "on", "in", "at", "during"]) || v.is_any(hit.end, &ADJUNCT_HEADS) || v.is_cap(hit.end));
    let asked_at = if adjunct_start {
        (hit.end + 1..b.min(hit.end + MAX_QUESTION_ADJUNCT_TOKENS))
            .take_while(|&k| v.is_word(k) || v.is_possessive(k) || v.is_abbrev_dot(k))
            .find(|&k| question_at(k))
            .unwrap_or(hit.end)
    } else {
        hit.end
    };
    let mut start = asked_at;
    let about = v.is(start, "about");
    if about {
        start += 1;
    } else {
        if is_ly_adverb(v, start) {
            start += 1;
        }
        if start >= b || !(v.is_any(start, QUESTION_WORDS) || v.is(start, "to")) {
            return None;
        }
    }
    let end = clause_end(v, start, b, quotes, later, true);
    let first = if about { start } else { asked_at };
    let asker = asker_before(v, hit, asked_at);
    (end >= start + 2 && (asked_within || (end < b && v.text(end) == ","))).then(|| report(asker, Some((first, end))))
}

/// "asked by a reporter whether …": the one who asked, the agent between
/// "by" and the question (`q`), when there is one.
fn asker_before(v: View, hit: CueHit, q: usize) -> Option<Np> {
    if hit.end + 1 >= q || !v.is(hit.end, "by") {
        return None;
    }
    np_right(v, hit.end + 1, q).filter(|np| np.kind != NpKind::Pronoun || v.is_any(np.first, &["he", "she", "they"]))
}

/// "Voters were asked who would bring change": the question, with no
/// speaker; "I was told that C": what was said, with none either.
fn passive_question(v: View, hit: CueHit, b: usize, quotes: &[Marked], later: &[CueHit]) -> Option<Report> {
    // "had been told just before the vote that C", "it was said that C"
    let that = (hit.end..b.min(hit.end + MAX_PASSIVE_ADJUNCT_TOKENS))
        .take_while(|&k| v.is_word(k) || v.is_possessive(k))
        .find(|&k| v.is(k, "that"))
        .filter(|&k| !has_finite_verb(v, hit.end, k) && (k == hit.end || hit.cue.lemma == "tell"));
    if let Some(that) = that.filter(|&k| matches!(hit.cue.lemma.as_str(), "tell" | "say") && k + 3 < b && clause_ok(v, k + 1, b)) {
        let start = that + 1;
        let end = clause_end(v, start, b, quotes, later, false);
        let report = Report { cue: hit, speaker: None, speaker_from: None, hint: None, addressee: None, content: Some((start, end)) };
        return (end >= start + 3 && has_finite_verb(v, start, end)).then_some(report);
    }
    if hit.cue.lemma != "ask" || hit.end >= b {
        return None;
    }
    // "was asked by host Ann Lee whether …": the asker first
    let q = if v.is(hit.end, "by") {
        (hit.end + 2..b.min(hit.end + MAX_QUESTION_ADJUNCT_TOKENS))
            .take_while(|&k| v.is_word(k) || v.is_possessive(k) || v.is_abbrev_dot(k))
            .find(|&k| v.is(k, "about") || v.is_any(k, QUESTION_WORDS))?
    } else {
        hit.end
    };
    if !(v.is(q, "about") || v.is_any(q, QUESTION_WORDS)) {
        return None;
    }
    let start = q + usize::from(v.is(q, "about"));
    let end = clause_end(v, start, b, quotes, later, false);
    (end >= start + 2).then(|| Report {
        cue: hit,
        speaker: asker_before(v, hit, q),
        speaker_from: None,
        hint: None,
        addressee: None,
        content: Some((if v.is(q, "about") { start } else { q }, end)),
    })
}

/// Most tokens of an adjunct between a passive cue and "that".
const MAX_PASSIVE_ADJUNCT_TOKENS: usize = 8;

/// The quotation whose closing mark ends at token `c`.
fn quotation_closing_at(quotes: &[Marked], c: usize) -> Option<&Marked> {
    let k = quotes.partition_point(|q| q.open < c);
    quotes[..k].iter().rev().take(8).find(|q| q.close.is_some_and(|x| x == c || x + 1 == c))
}

/// "said the Khan family deserved better": a phrase after the cue that
/// runs into a verb is the subject of the reported clause, not an inverted
/// speaker ("said the newly elected mayor" is one).
fn runs_into_verb(v: View, np: &Np) -> bool {
    np.kind != NpKind::Pronoun
        && (np.first + 1..np.end.saturating_sub(1)).any(|k| {
            let t = v.text(k);
            // "the newly elected": an adverb right after the determiner ("family" is no adverb)
            let adverb_before = is_ly_adverb(v, k - 1) && (k - 1 == np.first || v.is_any(k - 2, &DETERMINERS));
            let modifier_before = v.is_any(k - 1, &DETERMINERS) || v.is_possessive(k - 1) || adverb_before;
            !v.is_cap(k) && !modifier_before && !v.is_possessive(k) && (FINITE.contains(t) || IRREGULAR_PAST.contains(t) || (t.len() > 4 && t.ends_with("ed")))
        })
}

/// "Ann Lee, a senator who has refused to endorse Ira Bell, said": when the
/// phrase before the comma ending an apposition lies inside a relative
/// clause, the speaker is the name opening the sentence.
fn leading_name_before_relative(v: View, a: usize, apposition: &Np) -> Option<Np> {
    if !(a..apposition.first).any(|k| v.is_any(k, &["who", "whose", "which"])) {
        return None;
    }
    let lead = leading_np(v, a, apposition.first)?;
    let relative_between = (lead.end..apposition.first).any(|k| v.is_any(k, &["who", "whose", "which"]));
    (lead.kind == NpKind::Name && lead.end < apposition.first && v.text(lead.end) == "," && relative_between).then_some(lead)
}

/// Whether an "as" clause opens the sentence (not "C, as X said, …" inside it).
fn np_ends_sentence_clause(v: View, a: usize, speaker: Option<Np>) -> bool {
    speaker.is_some_and(|np| np.first == a + 1 || sentence_opening(v, a, np.first - 1))
}

/// Whether a noun phrase only names a time ("Tuesday", "Thursday evening", "the past", "58").
fn is_time_phrase(v: View, np: Np) -> bool {
    // (a hashed set: every speaker phrase before a cue is asked, word by word)
    static TIME_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::new(&[
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
            "tonight", "morning", "evening", "afternoon", "night", "week", "weekend", "month", "year", "day", "shortly",
            "later", "earlier", "past", "the", "last", "this", "next", "early", "late", "time", "january", "february", "march",
            "april", "june", "july", "august", "september", "october", "november", "december",
        ])
    });
    (np.first..np.end)
        // ("Time" capitalised is the magazine, not a time phrase)
        .all(|k| (v.is_any(k, &TIME_WORDS) && !v.is_name_continuation(k) && !(v.is(k, "time") && v.is_cap(k))) || v.text(k).bytes().all(|c| c.is_ascii_digit()))
}

/// Whether only connectives lie between the sentence start `a` and `i`.
fn sentence_opening(v: View, a: usize, i: usize) -> bool {
    (a..i).all(|k| v.is_any(k, &["but", "and", "so", "meanwhile", "however", "yet", "still"]) || v.text(k) == ",")
}

/// Whether a clause ends at `i` (an inverted speaker phrase must end one).
fn closes_clause(v: View, i: usize, b: usize) -> bool {
    i >= b
        || v.is_final_punct(i)
        || matches!(v.text(i), "," | ";" | ":" | "(")
        || v.is_any(i, &ADJUNCT_PREPOSITIONS)
        || v.is_quote(i)
        // "said a data expert who has worked for …": a relative clause on the speaker
        || v.is_any(i, &["who", "whose"])
}

/// The clause before a trailing attribution: from the sentence start to
/// `cut` (the comma before the speaker or cue). `None` when it is a direct
/// quotation.
fn trailing_clause(v: View, a: usize, cut: usize, quotes: &[Marked]) -> Option<(usize, usize)> {
    if v.is_quote(cut) {
        return None;
    }
    let mut e = cut;
    while e > a && matches!(v.text(e - 1), "," | ":" | ";" | "-") {
        e -= 1;
    }
    if e <= a || v.is_quote(e - 1) {
        return None;
    }
    // "“Boots on the ground” would be right, Lee said": a clause that only opens with a
    // quotation has words of its own after it (not "“It will be late,” if it rains, …": an
    // utterance, punctuated inside its marks)
    if v.is_quote(a) {
        let opened = quotes
            .get(quotes.partition_point(|q| q.open < a))
            .filter(|q| q.open == a && q.inner_end > q.inner_first && v.is_word(q.inner_end - 1))?;
        let close = opened.close.filter(|&c| c + 1 < e)?;
        if (close + 1..e).filter(|&k| v.is_word(k)).count() < MIN_WORDS_AFTER_OPENING_QUOTATION {
            return None;
        }
    }
    (e >= a + 3).then_some((a, e))
}

/// Fewest words after a quotation opening a trailing clause for the clause to be reported.
const MIN_WORDS_AFTER_OPENING_QUOTATION: usize = 2;

/// After the cue: the addressee, adjuncts and "that"; returns where the
/// reported clause starts.
fn forward(v: View, hit: CueHit, from: usize, b: usize) -> (Option<(usize, usize)>, Option<usize>) {
    // "that" soon after: what lies between is the addressee or an adjunct
    let mut k = from;
    // "and" between capitalised words is part of a name ("told The Post and Courier that")
    let name_and = |k: usize| k > from && k + 1 < b && v.is(k, "and") && v.is_cap(k - 1) && v.is_cap(k + 1);
    while k < b
        && k - from < if hit.cue.addressee { MAX_ADDRESSEE_TOKENS } else { 10 }
        // (a title in quotation marks inside an adjunct: "said on ''This Week'' that")
        && (v.is_word(k) || v.is_possessive(k) || v.is_abbrev_dot(k) || (k > from && v.is_quote(k)))
        && !v.is(k, "that")
        && (!v.is_any(k, &["and", "but", "or"]) || name_and(k))
        && !crate::cues::is_cue_word(v, k)
    {
        k += 1;
    }
    // "wrote to the senator that C", "explained to reporters why C": whom it was said to
    let to_whom = from + 1 < b && v.is(from, "to") && !TO_VERBS.contains(hit.cue.lemma.as_str()) && !NOT_TO_WHOM.contains(&hit.cue.lemma.as_str());
    if to_whom {
        let question = (from + 1..b.min(from + 8))
            .take_while(|&m| v.is_word(m) || v.is_possessive(m) || v.is_abbrev_dot(m))
            .find(|&m| v.is_any(m, &["why", "how", "what", "whether", "where", "when", "who"]));
        if let Some(m) = question.filter(|&m| m > from + 1 && !has_finite_verb(v, from + 1, m)) {
            return (Some((from + 1, m)), Some(m));
        }
    }
    // "said Thursday his worry is that …": an auxiliary or present verb before "that" makes the
    // words a clause of their own, not an adjunct ("said Tuesday in a statement released …" is one)
    let adjunct_clause = (from..k).any(|m| FINITE.contains(v.text(m)) && !v.is_possessive(m));
    let between_ok = k == from
        || (to_whom && k > from + 1 && !has_finite_verb(v, from + 1, k))
        || (hit.cue.addressee && !has_finite_verb(v, from, k) && !v.is_any(from, &SUBJECT_PRONOUNS))
        || (!adjunct_clause
            && (v.is_any(from, &ADJUNCT_PREPOSITIONS)
                || v.is_any(from, &["for", "since", "throughout", "amid", "despite", "again", "privately", "publicly"])
                || v.is_any(from, &ADJUNCT_HEADS)
                || v.is_any(from, &TIME_DETERMINERS)
                || is_ly_adverb(v, from)));
    if k < b && v.is(k, "that") && between_ok && !(k > from && v.is_any(k - 1, &DETERMINERS)) {
        let addressee = if to_whom { Some((from + 1, k)) } else { (hit.cue.addressee && k > from).then_some((from, k)) };
        // "said that was wrong": "that" is the subject; "said that, if …": skip the comma
        let mut start = k + 1;
        if start < b && v.is_any(start, &["was", "is", "would", "will", "has", "had", "could", "might", "may", "should"]) {
            start = k;
        } else if start < b && v.text(start) == "," {
            start += 1;
        }
        return (addressee, Some(start));
    }
    let mut i = from;
    let mut addressee = None;
    if hit.cue.addressee {
        if let Some((x, y)) = addressee_right(v, i, b) {
            addressee = Some((x, y));
            i = y;
        }
    }
    loop {
        if i < b && v.is_any(i, &ADJUNCT_HEADS) {
            i += 1;
            if i < b && v.is_any(i, &["morning", "afternoon", "evening", "night"]) {
                i += 1;
            }
            continue;
        }
        if i + 1 < b && v.is_any(i, &TIME_DETERMINERS) && v.is_any(i + 1, &ADJUNCT_NOUNS) {
            i += 2;
            continue;
        }
        if i < b && v.is_any(i, &ADJUNCT_PREPOSITIONS) {
            let mut m = i + 1;
            while m < b && m - i <= 4 && v.is_word(m) && !v.is_any(m, &ADJUNCT_NOUNS) {
                m += 1;
            }
            if m < b && m - i <= 4 && v.is_any(m, &ADJUNCT_NOUNS) {
                i = m + 1;
                continue;
            }
            // "said after the convention he would …": the clause starts at its subject pronoun
            if let Some(p) = (i + 2..b.min(i + 7))
                .take_while(|&p| v.is_word(p))
                .find(|&p| v.is_any(p, &["he", "she", "they", "it", "we", "i"]))
            {
                i = p;
                break;
            }
        }
        // "for weeks", "for the past two years"
        if i + 1 < b && v.is(i, "for") {
            if let Some(m) = (i + 1..b.min(i + 5)).take_while(|&m| v.is_word(m)).find(|&m| v.is_any(m, DURATION_NOUNS)) {
                i = m + 1;
                continue;
            }
        }
        if i < b && v.text(i) == "," && i + 1 < b && v.is_any(i + 1, &ADJUNCT_PREPOSITIONS) {
            i += 1;
            continue;
        }
        break;
    }
    if i < b && (v.is(i, "that") || v.text(i) == ":" || (v.text(i) == "," && i + 1 < b && v.is(i + 1, "that"))) {
        i += if v.text(i) == "," { 2 } else { 1 };
    }
    (addressee, Some(i))
}

/// Cues that answer a charge rather than report a clause of their own.
const DENIALS: &[&str] = &["deny", "reject", "dismiss", "dispute"];

/// Cues whose "to" after them is no addressee ("agreed to a plan that …").
const NOT_TO_WHOM: &[&str] = &["agree", "respond", "reply", "answer", "continue", "conclude", "welcome", "hint"];

/// "Lee says, however, that C", "Lee says, C": where a clause after a
/// comma right after the cue starts (with a verb of its own; not a
/// quotation, a new cue or a participle).
fn clause_after_comma(v: View, comma: usize, b: usize) -> Option<usize> {
    if comma >= b || v.text(comma) != "," {
        return None;
    }
    let mut s = comma + 1;
    if s + 1 < b && v.is_any(s, crate::phrase::CONNECTIVES) && v.text(s + 1) == "," {
        s += 2;
    }
    if s < b && v.is(s, "that") {
        s += 1;
    }
    let participle = s < b && v.text(s).ends_with("ing");
    let new_report = (s..b.min(s + 4)).any(|k| crate::cues::is_cue_word(v, k));
    (s + 2 < b && v.is_word(s) && !participle && !new_report && has_finite_verb(v, s, b)).then_some(s)
}

/// Verbs of saying that may take their clause after a comma ("says, however, that").
static COMMA_CLAUSE_VERBS: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&["say", "tell", "write", "report", "add", "note", "argue", "claim", "insist", "explain"])
});

/// Verbs of saying that take their clause after a comma only past a
/// connective right after them ("warned, however, that").
static CONNECTIVE_CLAUSE_VERBS: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&["warn", "stress", "acknowledge", "concede", "admit", "caution"])
});

/// Whether a token range holds a word that looks like a finite verb (an
/// auxiliary or modal, a negated auxiliary, or a past-tense "-ed" form):
/// a bare reported clause must have one, an object noun phrase does not.
pub(crate) fn has_finite_verb(v: View, a: usize, b: usize) -> bool {
    if v.is_any(a, &["he", "she", "they", "it", "we", "i", "you", "there"]) || is_contracted_verb(v.text(a)) {
        return true;
    }
    let upper = |t: &str| t.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    let mut prev_cap = upper(v.text(a));
    for i in a + 1..b {
        let t = v.text(i);
        let cap = upper(t);
        // "But he operates …": a subject pronoun after a connective or comma starts a clause
        if t.len() <= 4
            && CLAUSE_SUBJECTS.contains(t)
            && (v.text(i - 1) == "," || CLAUSE_CONNECTIVES.contains(v.text(i - 1)))
            && i + 1 < b
            && v.is_word(i + 1)
        {
            return true;
        }
        // "'s" is "is" or "has" after a pronoun ("he's"), a possessive after a noun ("the party's")
        if t == "'s" {
            if CLITIC_HOSTS.contains(v.text(i - 1)) {
                return true;
            }
            prev_cap = false;
            continue;
        }
        // "Trump favors …": a present-tense verb right after a name
        let verb_s = t.len() > 3 && t.ends_with('s') && !t.ends_with("ss") && !t.ends_with("us");
        // not after an adjective of nation or party ("Democratic strongholds", "Syrian refugees")
        let adjective = |p: &str| p.ends_with("ic") || p.ends_with("ish") || p.ends_with("ese") || p.ends_with("ian") || p.ends_with("can");
        let after_name = prev_cap && !cap && verb_s && !adjective(v.text(i - 1));
        // "the job marks …": after a determiner and a singular noun
        let after_noun = !cap
            && verb_s
            && !t.ends_with("is")
            && i >= a + 2
            && v.is_any(i - 2, &crate::view::DETERMINERS)
            && v.kind(i - 1) == dateline_doc::TokenKind::Word
            && !v.is_any(i - 1, &crate::view::DETERMINERS)
            && !v.text(i - 1).ends_with('s');
        if after_name
            || after_noun
            || FINITE.contains(t)
            || (!cap && IRREGULAR_PAST.contains(t))
            // (both need an apostrophe, which few words have)
            || (t.as_bytes().contains(&b'\'') && (t.contains("n't") || is_contracted_verb(t)))
            || (t.len() > 4 && !cap && t.ends_with("ed"))
        {
            return true;
        }
        prev_cap = cap && v.kind(i) == dateline_doc::TokenKind::Word;
    }
    false
}

/// A word with a contracted auxiliary, which the tokenizer keeps whole
/// ("she'll", "they're", "we've", "I'd", "it's"; "the party's" is a possessive).
fn is_contracted_verb(t: &str) -> bool {
    let Some((host, suffix)) = t.rsplit_once('\'') else { return false };
    if host.is_empty() {
        return false;
    }
    match suffix {
        "ll" | "re" | "ve" | "d" | "m" => true,
        "s" => CLITIC_HOSTS.contains(host),
        _ => false,
    }
}

/// Subject pronouns that open a clause after a comma or connective.
static CLAUSE_SUBJECTS: std::sync::LazyLock<crate::view::WordSet> =
    std::sync::LazyLock::new(|| crate::view::WordSet::new(&["he", "she", "they", "we", "i"]));

/// Connectives before such a pronoun ("but he …").
static CLAUSE_CONNECTIVES: std::sync::LazyLock<crate::view::WordSet> =
    std::sync::LazyLock::new(|| crate::view::WordSet::new(&["but", "and", "so", "yet", "then", "now"]));

/// Words after which "'s" is "is" or "has" ("he's", "that's").
static CLITIC_HOSTS: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&["he", "she", "it", "that", "there", "what", "who", "here", "where"])
});

/// Modals that make a cue a future or hypothetical act.
const MODALS: &[&str] = &["would", "will", "could", "can", "may", "might", "should", "must"];

/// Auxiliaries, modals and a few common present-tense verbs.
static FINITE: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&[
        "is", "are", "was", "were", "will", "would", "could", "can", "should", "must", "has", "have", "had", "did",
        "does", "do", "may", "might", "shall", "am", "'s", "'re", "'ll", "'d", "wants", "needs", "plans", "cannot",
        "ca", "wo",
    ])
});

/// Irregular past-tense verbs ("became", "took"), leaving out the forms
/// that are as often nouns or adjectives ("cut", "cost", "left", "set").
static IRREGULAR_PAST: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&[
        "became", "began", "came", "gave", "took", "went", "made", "knew", "grew", "drew", "threw", "flew", "rose",
        "fell", "wrote", "spoke", "broke", "chose", "drove", "ran", "sat", "stood", "understood", "got", "forgot",
        "brought", "bought", "caught", "taught", "fought", "sought", "held", "kept", "meant", "sent", "spent",
        "built", "found", "lost", "met", "won", "saw", "heard", "paid", "sold", "told", "felt", "fled", "dealt",
        "led", "struck", "stuck", "hung", "swore", "shook", "hid", "slid", "sank", "sang", "rang", "wore", "woke",
        "forgave", "overcame", "undertook", "withdrew", "foresaw", "upheld", "withheld", "mistook",
    ])
});

/// Reporting verbs whose object says what was said even without a clause
/// ("announced a ceasefire", "denied any role", "promised to resign").
static OBJECT_VERBS: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&[
        "announce", "deny", "confirm", "promise", "pledge", "vow", "urge", "propose", "demand", "reveal", "disclose",
        "predict", "estimate", "threaten", "agree", "forecast", "offer", "reiterate", "criticize", "praise", "reject",
        "dismiss", "denounce", "condemn", "blast", "slam", "question", "welcome", "describe", "ask", "report", "warn",
        "order", "instruct", "implore", "beg", "tweet", "recall", "note", "acknowledge", "applaud", "hail", "explain",
        "request", "highlight", "lament", "mention", "recount",
    ])
});

/// Of those, the ones that take a "to" infinitive ("promised to resign").
static TO_VERBS: std::sync::LazyLock<crate::view::WordSet> = std::sync::LazyLock::new(|| {
    crate::view::WordSet::new(&[
        "promise", "pledge", "vow", "threaten", "propose", "demand", "ask", "urge", "offer", "order", "instruct", "implore",
        "beg",
    ])
});

/// "about half", "about 40 percent", "about a third": a quantity after "about".
fn approximate_quantity(v: View, i: usize) -> bool {
    const QUANTITIES: &[&str] = &["half", "one", "two", "three", "four", "five", "dozens", "hundreds", "thousands", "millions"];
    const FRACTIONS: &[&str] = &["third", "quarter", "fifth", "dozen", "fourth"];
    v.kind(i) == dateline_doc::TokenKind::Number || v.is_any(i, QUANTITIES) || (v.is(i, "a") && v.is_any(i + 1, FRACTIONS))
}

/// Whether a reported clause may start at `start`.
fn clause_ok(v: View, start: usize, b: usize) -> bool {
    if start >= b || v.is_quote(start) {
        return false; // nothing, or a quotation (left to the direct quote)
    }
    // "at least 8 in 10 voters …" opens a clause with its subject
    let quantity = start + 2 < b
        && ((v.is(start, "at") && v.is_any(start + 1, &["least", "most"]))
            || (v.is(start, "about") && approximate_quantity(v, start + 1))
            // "more than 1 million donors …", "much of the debate …"
            || (v.is_any(start, &["more", "less", "fewer"]) && v.is(start + 1, "than"))
            || (v.is_any(start, &["much", "more"]) && v.is(start + 1, "of"))
            // "such legislation could …" (not "such a thing", "such as")
            || (v.is(start, "such") && v.is_word(start + 1) && !v.is_any(start + 1, &["a", "an", "as"]) && has_finite_verb(v, start + 1, b)));
    v.is_word(start) && (!v.is_any(start, &BAD_CLAUSE_STARTS) || quantity) && start + 2 < b
}

/// Where the reported clause ends: the sentence end, a new report in the
/// same sentence (", adding", "and said", ", a charge X denied"), or the
/// comma closing a leading subordinate clause.
fn clause_end(v: View, start: usize, b: usize, quotes: &[Marked], later: &[CueHit], subordinate: bool) -> usize {
    let mut e = b;
    for j in start..b {
        let t = v.text(j);
        let sep = t == "," || t == ";" || t.eq_ignore_ascii_case("and") || t.eq_ignore_ascii_case("but");
        if !sep || inside_quote(quotes, j) {
            continue;
        }
        if t == ";" {
            e = j;
            break;
        }
        // ", whereas …", ", although he …": a new clause with a subject of its own (", but
        // still lost", ", but would add" go on with the reported clause's subject)
        let contrast = |k: usize| v.is_any(k, &["but", "while", "although", "though", "whereas"]);
        // (", while Republican candidates went after …": a determiner or a name opens a subject too)
        let subject_at = |k: usize| v.is_any(k, &SUBJECT_PRONOUNS) || v.is_any(k, &DETERMINERS) || (v.is_cap(k) && !v.is(k, "I"));
        if t == "," && j + 2 < b && contrast(j + 1) && (v.is(j + 1, "whereas") || subject_at(j + 2)) {
            e = j;
            break;
        }
        if subordinate && t == "," {
            e = j;
            break;
        }
        if t == "," && j + 1 < b && appositive_after_clause(v, j) {
            e = j;
            break;
        }
        // ", and the party …": a clause of its own, with a subject, joined after a comma
        // (", and has championed …": the speaker's own next act, no subject)
        if t == "," && j + 2 < b && v.is(j + 1, "and") && (v.is_any(j + 2, &SUBJECT_PRONOUNS) || v.is_any(j + 2, &DETERMINERS) || v.is_any(j + 2, &["has", "have", "had"])) {
            e = j;
            break;
        }
        if later.iter().any(|h| new_report_at(v, j + 1, h)) {
            e = j;
            break;
        }
    }
    while e > start && (v.is_final_punct(e - 1) || matches!(v.text(e - 1), "," | ":" | ";" | "-" | "(")) {
        e -= 1;
    }
    e
}

/// "said the person would not be hurt, a swipe at …": a noun phrase with
/// "a"/"an" after the comma closing a reported clause is the writer's
/// apposition on the whole report, not more of what was said.
fn appositive_after_clause(v: View, j: usize) -> bool {
    v.is_any(j + 1, &["a", "an"])
}

/// Verbs of saying with the preposition whose object is what was said
/// ("respond to", "agree with", "ask about", "comment on").
const PREPOSITIONAL_OBJECTS: &[(&str, &[&str])] = &[
    ("respond", &["to"]),
    ("reply", &["to"]),
    ("agree", &["with"]),
    ("ask", &["about", "for"]),
    ("comment", &["on"]),
    ("complain", &["about", "of"]),
    ("warn", &["about", "against", "of"]),
    ("argue", &["for", "against"]),
    ("hint", &["at"]),
    ("boast", &["about", "of"]),
    ("joke", &["about"]),
    ("write", &["about"]),
    ("report", &["on"]),
    ("tweet", &["about"]),
    ("remark", &["on"]),
    ("testify", &["about"]),
    ("speculate", &["about"]),
];

/// "did not respond to", "declined to comment on", "never replied to": a
/// cue that says nothing was said (up to four words before it).
fn negated(v: View, a: usize, cue: usize) -> bool {
    (a.max(cue.saturating_sub(4))..cue).any(|k| {
        v.is_any(k, &["not", "never", "declined", "refused", "declines", "refuses", "decline", "refuse", "cannot"]) || v.text(k).ends_with("n't")
    })
}

/// Whether token `start` is the preposition whose object the cue reports.
fn prepositional_object(v: View, hit: CueHit, start: usize, b: usize) -> bool {
    start + 1 < b
        && v.is_word(start + 1)
        && PREPOSITIONAL_OBJECTS.iter().any(|(lemma, preps)| hit.cue.lemma == *lemma && preps.iter().any(|p| v.is(start, p)))
}

/// Whether "that" opens the reported clause after the cue and its adjuncts
/// ("said on Sunday that C"). Most sentences have no "that" after the cue
/// at all, which the list of "that" tokens tells before `forward` runs.
fn that_clause_follows(v: View, hit: CueHit, b: usize) -> bool {
    v.that_to_tokens_in(hit.end.saturating_sub(1), b).iter().any(|&k| v.is(k, "that")) && that_clause_after_forward(v, hit, b)
}

/// [`that_clause_follows`] without its pre-test.
fn that_clause_after_forward(v: View, hit: CueHit, b: usize) -> bool {
    let (_, start) = forward(v, hit, hit.end, b);
    start.is_some_and(|s| s > hit.end && s < b && (v.is(s - 1, "that") || (v.text(s - 1) == "," && v.is(s - 2, "that"))))
}

/// Whether the cue `h` opens a new report at token `k` (right at it, or
/// after a short subject phrase).
fn new_report_at(v: View, k: usize, h: &CueHit) -> bool {
    if h.first < k || h.first - k > 6 || h.cue.class == CueClass::Belief {
        return false;
    }
    if h.first == k {
        return true;
    }
    (k..h.first).all(|i| (v.is_word(i) || v.is_possessive(i)) && !v.is_any(i, &["that", "which", "to", "will", "would"]))
}

/// "who asked not to be named", "asked not to be identified": the source's
/// wish to stay anonymous describes the source, it reports no speech.
fn asks_anonymity(v: View, r: &Report) -> bool {
    let Some((start, end)) = r.content else { return false };
    end > start + 3
        && v.is(start, "not")
        && v.is(start + 1, "to")
        && v.is(start + 2, "be")
        && v.is_any(start + 3, &["named", "identified", "quoted"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contracted_and_negated_words_all_have_an_apostrophe() {
        // the gate in `has_finite_verb` skips both tests on words without one
        for t in ["don't", "can't", "she'll", "they're", "we've", "I'd", "it's", "he's", "party's", "said", "Lee", "n't", "'s", "rock'n'roll", "o'clock", "dont", "isnt"] {
            let tested = t.contains("n't") || is_contracted_verb(t);
            assert_eq!(tested, t.as_bytes().contains(&b'\'') && tested, "{t}");
        }
    }
    use crate::marks::{paragraph_tokens, scan};
    use crate::tests::seg;

    #[test]
    fn that_clause_pre_test_agrees_with_forward() {
        let text = "Lee said on Sunday that it rained. Lee said that. She told him, that is, nothing. \
                    Ann said, that said, no. They said it; that was all. He told reporters at the hall that, if so, C would go. \
                    She said to them, “That is it.” He said so: that is that. According to that, he said no. Said that Ann.";
        let d = seg(text);
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let mut hits = Vec::new();
        cues_in(v, 0, v.len(), &mut hits);
        assert!(hits.len() >= 8, "{}", hits.len());
        for hit in &hits {
            for b in hit.end..=v.len() {
                assert_eq!(that_clause_follows(v, *hit, b), that_clause_after_forward(v, *hit, b), "cue at {} to {b}", hit.first);
            }
        }
    }

    #[test]
    fn noun_report_gate_passes_every_token_the_plain_scan_reads_on() {
        let mut text = String::from("Her Claim THAT it rained, his vow to go, the calls To Arms, a promise that. That claim to fame; ");
        for n in NOUN_CUES_THAT.iter().chain(NOUN_CUES_TO) {
            text.push_str(&format!("{n} that {n} to {} TO {n}s that {n} thatch {n} too x{n} that. ", n.to_ascii_uppercase()));
        }
        let d = seg(&text);
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let mut passed = 0;
        for i in 0..v.len() - 1 {
            // the plain definition: a noun of saying with "that" or "to" after it
            let noun = NOUN_CUES.iter().any(|c| v.is(i, &c.lemma));
            let plain = noun && (v.is(i + 1, "that") || v.is(i + 1, "to"));
            assert_eq!(may_head_noun_report(v, i), plain, "token {i} {:?} {:?}", v.text(i), v.text(i + 1));
            passed += usize::from(plain);
        }
        assert!(passed > 2 * NOUN_CUES.len(), "{passed}");
    }

    fn run(text: &str) -> Vec<(String, String, Option<String>)> {
        let d = seg(text);
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let q = scan(v, &paragraph_tokens(&d));
        let sl = |a: usize, b: usize| d.slice(d.tokens[a].span.cover(d.tokens[b - 1].span)).to_string();
        reports(v, &q)
            .iter()
            .map(|r| {
                (
                    sl(r.cue.first, r.cue.end),
                    r.speaker.map(|s| sl(s.first, s.end)).unwrap_or_default(),
                    r.content.map(|(a, b)| sl(a, b)),
                )
            })
            .collect()
    }

    #[test]
    fn said_that_clause_and_bare_clause() {
        assert_eq!(
            run("The mayor said that the bridge would reopen. He also said the city does not believe the cost is high."),
            vec![
                ("said".into(), "The mayor".into(), Some("the bridge would reopen".into())),
                ("said".into(), "He".into(), Some("the city does not believe the cost is high".into())),
            ]
        );
    }

    #[test]
    fn trailing_and_inverted() {
        let r = run("The dam will hold, said Ana Ruiz. Rain will come soon, the water chief said.");
        assert_eq!(r[0], ("said".into(), "Ana Ruiz".into(), Some("The dam will hold".into())));
        assert_eq!(r[1], ("said".into(), "the water chief".into(), Some("Rain will come soon".into())));
    }

    #[test]
    fn trailing_clause_with_an_irregular_or_present_verb() {
        let r = run("Many leaders became more willing to act, Ana Ruiz said. The job marks his return to politics, a friend said.");
        assert_eq!(r[0].2.as_deref(), Some("Many leaders became more willing to act"), "{r:?}");
        assert_eq!(r[1].2.as_deref(), Some("The job marks his return to politics"), "{r:?}");
        let r = run("She told the two ministers that the deal was done.");
        assert_eq!(r[0].2.as_deref(), Some("the deal was done"), "a quantity and a plural noun make no verb: {r:?}");
        let r = run("Not the tax cut, she said.");
        assert_eq!(r[0].2, None, "a clause needs a verb: {r:?}");
    }

    #[test]
    fn quantity_subjects() {
        let r = run("One in three said the party does not care about them. All but two said the vote should wait. About 42% say they are liberal.");
        assert_eq!(r[0].1, "One in three", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the party does not care about them"), "{r:?}");
        assert_eq!(r[1].1, "All but two", "{r:?}");
        assert_eq!(r[2].1, "42%", "{r:?}");
        assert_eq!(r[2].2.as_deref(), Some("they are liberal"), "{r:?}");
    }

    #[test]
    fn framing_as_and_asked_clauses() {
        let r = run("As The Hill reported on Monday, the senator was also accused of breaking the rules.");
        assert_eq!(r[0].1, "The Hill", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the senator was also accused of breaking the rules"), "{r:?}");
        let r = run("The senator broke the rules, as The Hill reported.");
        assert_eq!(r[0].2.as_deref(), Some("The senator broke the rules"), "{r:?}");
        let r = run("As reported by the Daily Star, the mayor had resigned on Friday.");
        assert_eq!(r[0].1, "the Daily Star", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the mayor had resigned on Friday"), "{r:?}");
        let r = run("Asked whether there had been any fraud in the vote, Ann Lee said no.");
        assert_eq!(r[0].1, "", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("whether there had been any fraud in the vote"), "{r:?}");
        let r = run("Cruz has said for weeks he is the only candidate who can win.");
        assert_eq!(r[0].2.as_deref(), Some("he is the only candidate who can win"), "{r:?}");
    }

    #[test]
    fn parenthetical_attribution_after_one_word() {
        let r = run("That, they say, will be easier when he is isolated.");
        assert_eq!(r[0].2.as_deref(), Some("That, they say, will be easier when he is isolated"), "{r:?}");
    }

    #[test]
    fn a_connective_between_the_cue_and_its_clause() {
        let r = run("He warned, however, that the border would close again.");
        assert_eq!(r[0].2.as_deref(), Some("the border would close again"), "{r:?}");
        let r = run("The minister added, meanwhile, that talks would resume.");
        assert_eq!(r[0].2.as_deref(), Some("talks would resume"), "{r:?}");
        // a comma after the addressee is an apposition, not the clause's
        let r = run("Lee warned the Chinese leader, Xi Jinping, not to move on the shoal.");
        assert!(r.iter().all(|x| !x.2.as_deref().is_some_and(|c| c.starts_with("Xi"))), "{r:?}");
    }

    #[test]
    fn according_to_a_role_and_its_named_holder() {
        let r = run("According to the Chilean mediator, Ambassador Ana Ruiz, both sides have agreed to meet again.");
        assert_eq!(r[0].1, "Ambassador Ana Ruiz", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("both sides have agreed to meet again"), "{r:?}");
        let r = run("According to the ministry, the talks failed.");
        assert_eq!(r[0].1, "the ministry", "{r:?}");
    }

    #[test]
    fn a_subject_ends_before_its_verb_in_the_past() {
        let r = run("The head of a regional relief agency appealed on Monday for aid, warning that crops had failed.");
        assert_eq!(r[0].1, "The head of a regional relief agency", "{r:?}");
        let r = run("The judge rubbed his chin and said the case was strange.");
        assert_eq!(r[0].1, "The judge", "{r:?}");
        // a participle that places the noun stays with it; one after a determiner describes the next noun
        let r = run("“It is a way in,” says a source involved in the talks.");
        assert_eq!(r[0].1, "a source involved", "{r:?}");
        // the verb ends the text: nothing after it to look at
        let r = run("“We will go on,” said the committee chairman appointed");
        assert!(r.len() <= 1, "{r:?}");
        let r = run("The embattled minister said the talks would go on.");
        assert_eq!(r[0].1, "The embattled minister", "{r:?}");
    }

    #[test]
    fn asking_not_to_be_named_reports_nothing() {
        let r = run("An aide, who asked not to be named, said the vote would be close.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the vote would be close"), "{r:?}");
        let r = run("She asked not to be identified by name.");
        assert!(r.is_empty(), "{r:?}");
        // asking others not to be something is a request that reports speech
        let r = run("He asked voters not to be fooled by the ads.");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn speakers_past_relatives_clauses_and_adjuncts() {
        let r = run("A White House official who spoke anonymously to discuss strategy said talks were under way.");
        assert_eq!(r[0].1, "A White House official", "{r:?}");
        let r = run("A legal opinion drafted in May, and obtained by the AP, concluded that the centre was a foreign agent.");
        assert!(r.iter().all(|x| !x.1.contains("obtained")), "{r:?}");
        let r = run("At an event in Ames, Iowa, on Sunday, Ann Lee tried to explain, saying that the state should lead.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
        let r = run("In Troy, Ann Lee, a senator, said the state should lead.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
    }

    #[test]
    fn asked_questions() {
        let r = run("When asked whether he would run again, Lee said no.");
        assert!(r.iter().all(|x| x.2.as_deref() != Some("When asked whether he would run again")), "{r:?}");
        let r = run("Voters were asked who would bring change to Washington.");
        assert_eq!(r[0].2.as_deref(), Some("who would bring change to Washington"), "{r:?}");
        let r = run("The plan was announced by the council on Monday.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn speaker_before_a_time_adjunct() {
        let r = run("Dec 29 (Reuters) - Presidential candidate Ann Lee on Tuesday said that the vote was fair.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
    }

    #[test]
    fn according_to_both_ways() {
        let r = run("According to the agency, prices rose sharply. Prices fell in May, according to Ann Lee.");
        assert_eq!(r[0].2.as_deref(), Some("prices rose sharply"));
        assert_eq!(r[0].1, "the agency");
        assert_eq!(r[1].2.as_deref(), Some("Prices fell in May"));
        assert_eq!(r[1].1, "Ann Lee");
    }

    #[test]
    fn told_with_addressee() {
        let d = seg("She told the visiting envoys that the talks had failed. He told reporters the deal was off.");
        let texts = crate::view::TokenTexts::new(&d);
        let v = View::new(&d, &texts);
        let r = reports(v, &[]);
        let sl = |(a, b): (usize, usize)| d.slice(d.tokens[a].span.cover(d.tokens[b - 1].span)).to_string();
        assert_eq!(sl(r[0].addressee.unwrap()), "the visiting envoys");
        assert_eq!(sl(r[0].content.unwrap()), "the talks had failed");
        assert_eq!(sl(r[1].addressee.unwrap()), "reporters");
        assert_eq!(sl(r[1].content.unwrap()), "the deal was off");
    }

    #[test]
    fn adjuncts_and_coordination() {
        let r = run("The ministry said on Monday it would join the case and added that it had no choice.");
        assert_eq!(r[0].2.as_deref(), Some("it would join the case"));
        assert_eq!(r[1].2.as_deref(), Some("it had no choice"));
    }

    #[test]
    fn said_reports_a_clause_without_a_known_verb() {
        let r = run("The spokeswoman said all staff members sign contracts. Most voters said the same.");
        assert_eq!(r[0].2.as_deref(), Some("all staff members sign contracts"), "{r:?}");
        assert_eq!(r[1].2, None, "{r:?}");
    }

    #[test]
    fn a_noun_in_ly_before_the_verb_is_the_speaker() {
        let r = run("The boy was never found, his family said. The deal is dead, a close ally said.");
        assert_eq!(r[0].1, "his family", "{r:?}");
        assert_eq!(r[1].1, "a close ally", "{r:?}");
        // an adverb in -ly is still skipped
        let r = run("The mayor quickly said the bridge would reopen.");
        assert_eq!(r[0].1, "The mayor", "{r:?}");
    }

    #[test]
    fn a_that_inside_the_clause_after_a_time_adjunct_is_not_the_complementizer() {
        let r = run("Ana Ruiz said Thursday her biggest worry is that the dam will fail.");
        assert_eq!(r[0].2.as_deref(), Some("her biggest worry is that the dam will fail"), "{r:?}");
        // near miss: an adjunct with a participle before "that"
        let r = run("Ana Ruiz said Thursday in a statement released by her office that the dam will hold.");
        assert_eq!(r[0].2.as_deref(), Some("the dam will hold"), "{r:?}");
    }

    #[test]
    fn set_phrases_and_time_adjuncts_before_the_verb() {
        let r = run("Three unions have in fact reported losses this year.");
        assert_eq!(r[0].1, "Three unions", "{r:?}");
        let r = run("Ana Ruiz at the time said the dam was safe.");
        assert_eq!(r[0].1, "Ana Ruiz", "{r:?}");
        let r = run("Every December, Time announces its person of the year.");
        assert_eq!(r[0].1, "Time", "{r:?}");
    }

    #[test]
    fn be_quick_to_say_has_its_subject_before_be() {
        let r = run("The mayor was quick to say that the bridge would reopen.");
        assert_eq!((r[0].1.as_str(), r[0].2.as_deref()), ("The mayor", Some("the bridge would reopen")), "{r:?}");
        let r = run("Ana Ruiz was not willing to say who would pay for it.");
        assert_eq!(r[0].1, "Ana Ruiz", "{r:?}");
    }

    #[test]
    fn asked_by_names_the_one_who_asked() {
        let r = run("Asked by a reporter whether the dam was safe, Ana Ruiz said yes.");
        assert_eq!((r[0].1.as_str(), r[0].2.as_deref()), ("a reporter", Some("whether the dam was safe")), "{r:?}");
        let r = run("The mayor was asked by host Ira Bell whether the bridge would reopen.");
        assert_eq!((r[0].1.as_str(), r[0].2.as_deref()), ("host Ira Bell", Some("whether the bridge would reopen")), "{r:?}");
        // near miss: no agent, no speaker
        let r = run("Asked whether the dam was safe, Ana Ruiz said yes.");
        assert_eq!(r[0].1, "", "{r:?}");
    }

    #[test]
    fn a_participle_opening_the_sentence_has_the_main_clause_subject() {
        let r = run("Noting that the river had risen twice since May, Ana Ruiz said the dam was safe.");
        assert_eq!((r[0].1.as_str(), r[0].2.as_deref()), ("Ana Ruiz", Some("the river had risen twice since May")), "{r:?}");
        let r = run("While saying that he respects the council, the mayor rejected its budget.");
        assert_eq!(r[0].1, "the mayor", "{r:?}");
        let r = run("After suggesting that he regretted the insults, Ira Bell only rarely disagreed with him.");
        assert_eq!(r[0].1, "Ira Bell", "{r:?}");
        let r = run("Declaring that prices, wages and rents had all risen, the union called a strike.");
        assert_eq!(r[0].1, "the union", "{r:?}");
    }

    #[test]
    fn a_cue_with_an_object_of_its_own_ends_no_trailing_clause() {
        let r = run("After the vote in the morning, the governor signaled his support for the bill.");
        assert_eq!(r[0].2, None, "{r:?}");
        let r = run("Though the crowd was small, their cheers said a lot.");
        assert!(r.iter().all(|x| x.2.is_none()), "{r:?}");
        // a time phrase after the cue still ends one
        let r = run("The bridge will reopen in May, the mayor said the next day.");
        assert_eq!(r[0].2.as_deref(), Some("The bridge will reopen in May"), "{r:?}");
    }

    #[test]
    fn according_to_an_unreadable_source_still_reports() {
        let r = run("According to July's Post/ABC polling, most voters want change.");
        assert_eq!(r[0].2.as_deref(), Some("most voters want change"), "{r:?}");
    }

    #[test]
    fn a_time_phrase_before_the_cue_is_not_the_speaker() {
        let r = run("A police report released Tuesday said the driver had fled.");
        assert_eq!(r[0].1, "A police report", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the driver had fled"));
    }

    #[test]
    fn parenthetical_source_before_the_verb_of_its_clause() {
        let r = run("Most at risk, according to Ann Lee, are the unions.");
        assert_eq!(r[0].2.as_deref(), Some("Most at risk, according to Ann Lee, are the unions"), "{r:?}");
    }

    #[test]
    fn a_contrast_with_a_subject_of_its_own_ends_the_clause() {
        let r = run("Ann Lee has said the tax should rise, while Republican candidates went after the judge.");
        assert_eq!(r[0].2.as_deref(), Some("the tax should rise"), "{r:?}");
        let r = run("Ann Lee insists the party must change, and has championed an agenda of cuts.");
        assert_eq!(r[0].2.as_deref(), Some("the party must change"), "{r:?}");
    }

    #[test]
    fn a_noun_of_saying_in_the_verb_adjunct_is_no_second_report() {
        let r = run("Ann Lee said in a statement that the plan had failed.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the plan had failed"), "{r:?}");
    }

    #[test]
    fn a_time_noun_or_modal_in_a_name_is_the_name() {
        let r = run("Ms. Day said the plan had failed. Theresa May said Britain would leave.");
        assert_eq!(r[0].1, "Ms. Day", "{r:?}");
        assert_eq!(r[1].1, "Theresa May", "{r:?}");
    }

    #[test]
    fn subject_before_a_long_apposition_speaks() {
        let r = run("Ann Lee, who has run the union's political arm since the strike of 2009 ended, said members would vote.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("members would vote"));
    }

    #[test]
    fn object_cues_report_their_object() {
        let r = run("The senator criticized the mayor's handling of the flood. She asked the board to delay the vote.");
        assert_eq!(r[0], ("criticized".into(), "The senator".into(), Some("the mayor's handling of the flood".into())));
        assert_eq!(r[1].2.as_deref(), Some("to delay the vote"));
    }

    #[test]
    fn short_objects_and_modal_cues_report_nothing() {
        let r = run("The council rejected the plan. The union said it would ask the court to block the strike ban.");
        assert_eq!(r[0].2, None, "{r:?}");
        assert!(r.iter().all(|x| x.0 != "ask" || x.2.is_none()), "{r:?}");
    }

    #[test]
    fn passive_and_nouns_are_not_reports() {
        assert!(run("The plan was announced by the council. His claims were false.").is_empty());
    }

    #[test]
    fn trailing_clause_with_a_pronoun_subject_after_a_connective() {
        let r = run("But he works on a different principle, he said.");
        assert_eq!(r[0].2.as_deref(), Some("But he works on a different principle"), "{r:?}");
        let r = run("The party's leader, a senator, she said.");
        assert_eq!(r[0].2, None, "a possessive is not a verb: {r:?}");
    }

    #[test]
    fn long_named_addressee_and_opening_connective_before_as() {
        let r = run("Lee told The Post and Courier newspaper on Saturday that he voted for Ruiz.");
        assert_eq!(r[0].2.as_deref(), Some("he voted for Ruiz"), "{r:?}");
        let r = run("But as a local reporter noted, the mayor did not fill the hall.");
        assert_eq!(r[0].1, "a local reporter", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the mayor did not fill the hall"), "{r:?}");
    }

    #[test]
    fn words_after_an_attribution_trailing_a_quotation_are_not_reported() {
        let r = run("“We will win,” spokesman Ian Bell said in a statement issued an hour before the rally began.");
        assert_eq!(r[0].2, None, "{r:?}");
    }

    #[test]
    fn progressive_cue_takes_the_subject_before_the_auxiliary() {
        let r = run("The results are not in, but the Lee campaign is already claiming victory in the north.");
        assert_eq!(r[0].1, "the Lee campaign", "{r:?}");
        let r = run("Already, most delegates have said they support Ruiz.");
        assert_eq!(r[0].1, "most delegates", "{r:?}");
    }

    #[test]
    fn title_with_to_before_a_name_is_one_speaker() {
        let r = run("The talks had collapsed, Chad’s Ambassador to France confirmed.");
        assert_eq!(r[0].1, "Chad’s Ambassador to France", "{r:?}");
    }

    #[test]
    fn according_to_a_bare_or_long_source_and_a_parenthetical_one() {
        let r = run("Lee registered the firm in 2010, according to state corporate records.");
        assert_eq!(r[0].1, "state corporate records", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("Lee registered the firm in 2010"), "{r:?}");
        let r = run("According to early results of exit polls conducted for two networks by a research firm, at least 8 in 10 voters are angry.");
        assert_eq!(r[0].2.as_deref(), Some("at least 8 in 10 voters are angry"), "{r:?}");
        let r = run("Fundraising, according to the campaign, has surged in the same period.");
        assert_eq!(r[0].2.as_deref(), Some("Fundraising, according to the campaign, has surged in the same period"), "{r:?}");
    }

    #[test]
    fn trailing_clause_before_a_role_and_a_name() {
        let r = run("Many voters found the remark offensive, journalist Ann Lee said.");
        assert_eq!(r[0].2.as_deref(), Some("Many voters found the remark offensive"), "{r:?}");
        let r = run("He said troops had shelled two villages, a charge Addis Ababa denied.");
        assert_eq!(r[0].2.as_deref(), Some("troops had shelled two villages"), "{r:?}");
        assert!(r.iter().all(|x| x.0 != "denied" || x.2.is_none()), "a determiner opens no role: {r:?}");
    }

    #[test]
    fn clitic_auxiliary_and_approximate_quantities() {
        let r = run("While he's said he will fight on, the race is over.");
        assert_eq!(r[0].1, "he", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("he will fight on"), "{r:?}");
        let r = run("The budget office said about half of the deficit came from tax cuts.");
        assert_eq!(r[0].2.as_deref(), Some("about half of the deficit came from tax cuts"), "{r:?}");
    }

    #[test]
    fn clause_after_a_comma_and_long_addressees_and_parentheses() {
        let r = run("Kaine now says, however, that he is a strong advocate for the bill.");
        assert_eq!(r[0].2.as_deref(), Some("he is a strong advocate for the bill"), "{r:?}");
        let r = run("Ann Lee told a large crowd at a hotel in downtown Troy on Tuesday that she is not giving up.");
        assert_eq!(r[0].2.as_deref(), Some("she is not giving up"), "{r:?}");
        let r = run("Sen. Ann Lee (a Democrat so young she has been taken for an aide) says he was adrift for weeks.");
        assert_eq!(r[0].1, "Sen. Ann Lee", "{r:?}");
        let r = run("Local police reported 906 attacks against shelters last year.");
        assert_eq!(r[0].2.as_deref(), Some("906 attacks against shelters last year"), "{r:?}");
    }

    #[test]
    fn asked_after_an_adjunct_and_offered_to() {
        let r = run("Asked by a reporter if the plan remains his view, Lee said yes.");
        assert_eq!(r[0].2.as_deref(), Some("if the plan remains his view"), "{r:?}");
        let r = run("The minister offered to resign over the failed talks.");
        assert_eq!(r[0].2.as_deref(), Some("to resign over the failed talks"), "{r:?}");
        let r = run("The two states agreed to let observers monitor the border.");
        assert!(r.iter().all(|x| x.2.is_none()), "an agreement to act is no speech: {r:?}");
    }

    #[test]
    fn quote_led_clause_is_left_to_the_direct_quote() {
        let r = run("He said “grave new risks” were rising.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].2, None);
    }

    #[test]
    fn speaker_before_an_apposition_with_a_relative_or_a_quotation() {
        let r = run("Ann Lee, a senator who has refused to endorse Ira Bell, said the Khan family deserved better.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the Khan family deserved better"), "{r:?}");
        let r = run("Ann Lee, host of the show “Morning Talk,” suggested the mayor’s refusal to resign could cost him the race.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the mayor’s refusal to resign could cost him the race"), "{r:?}");
        let r = run("Citing “obligations at home,” the mayor’s spokeswoman told reporters that Lee plans to skip the vote.");
        assert_eq!(r[0].2.as_deref(), Some("Lee plans to skip the vote"), "{r:?}");
        let r = run("The dam will hold, said the newly elected mayor.");
        assert_eq!(r[0].1, "the newly elected mayor", "{r:?}");
    }

    #[test]
    fn whom_it_was_said_to_and_quantities_opening_the_clause() {
        let r = run("The veterans' group wrote to the senator’s office that it did not allow the use of its emblem.");
        assert_eq!(r[0].2.as_deref(), Some("it did not allow the use of its emblem"), "{r:?}");
        let r = run("Ann Lee, the editor, explained to viewers why the magazine had chosen the chancellor.");
        assert_eq!(r[0].2.as_deref(), Some("why the magazine had chosen the chancellor"), "{r:?}");
        let r = run("The two states agreed to a plan that would let observers monitor the border.");
        assert!(r.iter().all(|x| x.2.is_none()), "an agreement is no addressee: {r:?}");
        let r = run("Aides said more than 1 million donors had given to the campaign.");
        assert_eq!(r[0].2.as_deref(), Some("more than 1 million donors had given to the campaign"), "{r:?}");
        let r = run("The envoy said much of the meeting was about trade.");
        assert_eq!(r[0].2.as_deref(), Some("much of the meeting was about trade"), "{r:?}");
    }

    #[test]
    fn trailing_source_with_a_determiner_and_a_role() {
        let r2 = run("The driver often traveled for work and was headed to Cairo, the news site RTL Info reported.");
        assert_eq!(r2[0].2.as_deref(), Some("The driver often traveled for work and was headed to Cairo"), "{r2:?}");
    }

    #[test]
    fn when_asked_inside_a_sentence_and_passive_told() {
        let r = run("And when asked who they thought was the closest ally, most voters named Britain.");
        assert_eq!(r[0].2.as_deref(), Some("who they thought was the closest ally"), "{r:?}");
        let r = run("The mayor said no when asked whether he would close the bridge for the winter.");
        assert!(r.iter().any(|x| x.2.as_deref() == Some("whether he would close the bridge for the winter")), "{r:?}");
        let r = run("I was told that the board did not want to sit with the new owners.");
        assert_eq!(r[0].1, "", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the board did not want to sit with the new owners"), "{r:?}");
        let r = run("Farm leaders have also warned the central bank not to raise rates this year.");
        assert_eq!(r[0].2.as_deref(), Some("not to raise rates this year"), "{r:?}");
    }

    #[test]
    fn told_them_as_a_parenthetical() {
        let r = run("The solution, the partner told them, was simple.");
        assert_eq!(r[0].2.as_deref(), Some("The solution, the partner told them, was simple"), "{r:?}");
    }

    #[test]
    fn passive_cues_with_that_and_appositions_with_quotations() {
        let r = run("The mayor had been told just before the vote that he would lose narrowly.");
        assert_eq!(r[0].2.as_deref(), Some("he would lose narrowly"), "{r:?}");
        let r = run("It was said that the old theory could not save the economy.");
        assert_eq!(r[0].2.as_deref(), Some("the old theory could not save the economy"), "{r:?}");
        let r = run("The ad, titled “Unifier?”, concludes that the mayor is too reckless to lead.");
        assert_eq!(r[0].1, "The ad", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the mayor is too reckless to lead"), "{r:?}");
        let r = run("Ann Lee, citing ''the magic of the mayor,'' said the council could win in the north.");
        assert_eq!(r[0].1, "Ann Lee", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("the council could win in the north"), "{r:?}");
    }

    #[test]
    fn contracted_auxiliaries_make_a_clause() {
        let r = run("Ann Lee, in her campaign, suggested she'll turn to her husband for advice.");
        assert_eq!(r[0].2.as_deref(), Some("she'll turn to her husband for advice"), "{r:?}");
        let r = run("The mayor suggested they're ready for the flood.");
        assert_eq!(r[0].2.as_deref(), Some("they're ready for the flood"), "{r:?}");
        assert!(!is_contracted_verb("party's") && is_contracted_verb("it's") && is_contracted_verb("we've"));
    }

    #[test]
    fn continued_reports_no_clause() {
        let r = run("The firms continued the work until the regime fell in the spring.");
        assert!(r.iter().all(|x| x.2.is_none()), "{r:?}");
    }

    #[test]
    fn objects_of_more_verbs_of_saying_are_reported() {
        let r = run("Clinton tweeted her thanks to the president.");
        assert_eq!(r[0].2.as_deref(), Some("her thanks to the president"), "{r:?}");
        let r = run("He recalled Ali's generosity in support of a program in the city.");
        assert_eq!(r[0].2.as_deref(), Some("Ali's generosity in support of a program in the city"), "{r:?}");
        // a short object still says nothing
        let r = run("She noted the date.");
        assert!(r.iter().all(|x| x.2.is_none()), "{r:?}");
    }

    #[test]
    fn an_apposition_after_the_clause_is_not_reported() {
        let r = run("He said the person would not get beat up at his rally, a swipe at recent disturbances.");
        assert_eq!(r[0].2.as_deref(), Some("the person would not get beat up at his rally"), "{r:?}");
    }

    #[test]
    fn inverted_speakers_with_a_possessive_or_a_place() {
        let r = run("The big steel plant is hanging on, said the company's chief executive, John J. Ferriola.");
        assert_eq!(r[0].1, "the company's chief executive", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("The big steel plant is hanging on"), "{r:?}");
        let r = run("He also had a voice in major decisions, said a former spokesman for the Foreign Ministry, Olexander Dikusarov.");
        assert_eq!(r[0].1, "a former spokesman for the Foreign Ministry", "{r:?}");
        let r = run("In particular, Bill Clinton has been very worked up about it, said a source close to the campaign.");
        assert_eq!(r[0].1, "a source close to the campaign", "{r:?}");
        assert_eq!(r[0].2.as_deref(), Some("In particular, Bill Clinton has been very worked up about it"), "{r:?}");
    }

    #[test]
    fn prepositional_objects_of_verbs_of_saying() {
        let r = run("Former President Bill Clinton agreed with the analysis.");
        assert_eq!(r[0].2.as_deref(), Some("the analysis"), "{r:?}");
        let r = run("Trump has responded to Calderon's remarks on trade.");
        assert_eq!(r[0].2.as_deref(), Some("Calderon's remarks on trade"), "{r:?}");
        let r = run("Hewitt asked Trump about statements he had made the previous night.");
        assert_eq!(r[0].2.as_deref(), Some("statements he had made the previous night"), "{r:?}");
        // a cue that says nothing was said reports nothing
        let r = run("The ministry did not respond to a request for comment.");
        assert!(r.iter().all(|x| x.2.is_none()), "{r:?}");
        let r = run("Lee declined to comment on the case.");
        assert!(r.iter().all(|x| x.2.is_none()), "{r:?}");
    }
}
