//! PLOVER events and stances.
//!
//! Events: the pattern data (`data/events/patterns.txt`) says which words
//! state which kind of event; a hash lookup per token finds triggers, and
//! only there does the coder look around: the longest pattern wins, an event
//! verb that is the complement of another ("threatened to impose sanctions")
//! is folded into it, negation / future / condition words before the trigger
//! decide the status (a refused cooperative act is coded REJECT, a promised
//! one AGREE, a promised hostile one THREATEN: the PLOVER reading of
//! statements), and the actors are found around the trigger (subject on the
//! left, object or "against/with/to X" on the right, the agent of a passive).
//!
//! Stances: see [`stances`].

pub mod actors;
pub mod dates;
pub mod matcher;
pub mod stances;
pub mod starts;
mod words;

use dateline_doc::{Actor, Doc, Event, EventStatus, EventType, FactKind, FactValue, TokenKind};
use dateline_pipeline::{Component, Layer};

use actors::{find_actors, ActorHit};
use dates::{find_dates, Ymd};
use matcher::{LowerTokens, PatternMatch, MATCHER};

/// Whether negated and conditional events are kept (with their status) or
/// left out of `doc.events` altogether.
pub const KEEP_UNREAL_EVENTS: bool = false;

#[derive(Debug, Default)]
pub struct EventCoder;

impl Component for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Entities, Layer::Quotes, Layer::Facts]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Events, Layer::Stances]
    }
    fn run(&self, doc: &mut Doc) {
        if doc.tokens.is_empty() {
            return;
        }
        let lower = matcher::lower_text(doc);
        let toks = LowerTokens::new(doc, &lower);
        let at = stances::Positions::new(doc);
        let events = code_events(doc, &toks, &at);
        let stances = stances::find_stances_at(doc, &toks, &events, &at);
        drop(toks);
        doc.events = events;
        doc.stances = stances;
    }
}

/// Types that take a clause as complement: "agreed to withdraw", "urged X to
/// stop", "refused to meet", "accused X of shelling": the inner event is
/// what the outer one is about, not an event of its own.
fn takes_complement(t: EventType) -> bool {
    use EventType::*;
    matches!(t, Agree | Request | Reject | Threaten | Accuse | Concede | Support)
}

fn is_cooperative(t: EventType) -> bool {
    use EventType::*;
    matches!(t, Consult | Support | Concede | Cooperate | Aid | Retreat)
}

fn is_hostile_act(t: EventType) -> bool {
    use EventType::*;
    matches!(t, Sanction | Coerce | Assault | Protest)
}

fn is_negation(w: &str) -> bool {
    matches!(w, "not" | "never" | "no" | "cannot" | "neither" | "nor" | "without" | "failed" | "fail" | "fails" | "unable")
        || w.ends_with("n't")
}

fn is_adjectival_participle(w: &str) -> bool {
    matches!(w, "committed" | "prepared" | "opposed" | "determined" | "dedicated" | "resolved" | "inclined" | "supposed" | "expected" | "scheduled" | "set")
}

fn is_be(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were" | "been" | "being" | "be" | "get" | "got" | "gets")
}

/// The status words in the few tokens before a trigger.
#[derive(Debug, Default, Clone, Copy)]
struct Modality {
    negated: bool,
    future: bool,
    conditional: bool,
    /// The trigger is inside the "if" clause itself (the condition).
    in_condition: bool,
    passive: bool,
    /// The negation is "without": the act did not come about ("announced
    /// the deal without making an offer"), nobody refused it. (A failure
    /// to agree is a rejection: "failed to reach agreement".)
    unfulfilled: bool,
    /// The act is weighed, not done: "is considering suspending relations",
    /// "the possibility of a ban".
    prospect: bool,
}

fn modality(toks: &LowerTokens, sent_start: usize, trigger: usize) -> Modality {
    let mut m = Modality::default();
    let mut j = trigger;
    let floor = sent_start.max(trigger.saturating_sub(6));
    while j > floor {
        j -= 1;
        let w = toks.get(j);
        if matches!(w, "," | ";" | ":" | "\"" | "(" | ")") || toks.flags(j) & (words::CLAUSE_WORD | words::SPEECH_VERB) != 0 {
            break;
        }
        // "not only", "not just", "not the first hostages to be released":
        // no negation of the act
        let focus = w == "not"
            && (matches!(toks.get(j + 1), "only" | "just" | "merely" | "simply" | "least")
                || toks.get(j + 1) == "the" && matches!(toks.get(j + 2), "first" | "only" | "last"));
        if is_negation(w) && !focus {
            m.negated = true;
            if w == "without" {
                m.unfulfilled = true;
            }
        }
        // "a planned visit", "the expected talks": an adjective, which says
        // nothing of whether the event took place (a cancelled one did not)
        let attributive = j > sent_start && matches!(toks.get(j - 1), "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our");
        if matches!(w, "will" | "would" | "shall" | "'ll" | "won't" | "wo" | "going" | "plans" | "plan" | "planned" | "intends" | "intend" | "intended" | "aims" | "expected" | "wants" | "want" | "wanted" | "hopes" | "hoped")
            && !attributive
        {
            m.future = true;
        }
        if matches!(w, "could" | "might" | "may" | "should" | "must" | "can") {
            m.conditional = true;
        }
        if matches!(w, "considering" | "weighing" | "mulling" | "contemplating" | "possibility" | "option") {
            m.prospect = true;
        }
        if j + 1 == trigger || (j + 2 == trigger && toks.get(j + 1).ends_with("ly")) {
            if is_be(w) && toks.get(trigger).ends_with("ed") || is_be(w) && matches!(toks.get(trigger), "shot" | "held" | "struck" | "beaten" | "seized" | "taken" | "thrown" | "sentenced" | "freed" | "withdrawn" | "given" | "sent" | "met" | "fought" | "blown" | "broken" | "banned" | "expelled") {
                // "is committed to", "is opposed to": an adjective, not a passive
                m.passive = !(toks.get(trigger + 1) == "to" && is_adjectival_participle(toks.get(trigger)));
            }
        }
    }
    // "If the shelling stops, we will pull back": the main clause of a
    // sentence that opens with a condition is conditional too
    if matches!(toks.get(sent_start), "if" | "unless") || (toks.get(sent_start) == "\"" && matches!(toks.get(sent_start + 1), "if" | "unless")) {
        m.conditional = true;
    }
    // a condition governs the trigger when "if"/"unless" comes before it in
    // the sentence with no comma in between
    let mut j = trigger;
    while j > sent_start {
        j -= 1;
        let w = toks.get(j);
        if matches!(w, "," | ";" | ":") {
            break;
        }
        if matches!(w, "if" | "unless" | "whether") {
            m.conditional = true;
            m.in_condition = true;
            break;
        }
    }
    m
}

/// Where a trailing attribution (", officials said Thursday") starts, so
/// that its actors are not taken for the event's.
fn attribution_tail(toks: &LowerTokens, a: usize, b: usize) -> usize {
    let mut j = b;
    while j > a + 3 {
        j -= 1;
        let w = toks.get(j);
        if w == "," {
            let tail_has_cue = (j + 1..b).any(|k| toks.flags(k) & words::SPEECH_VERB != 0);
            return if tail_has_cue && b - j <= 14 { j } else { b };
        }
        if w == "according" && j + 1 < b && toks.get(j + 1) == "to" {
            return j;
        }
    }
    b
}

/// Start of the clause that holds token `t` (for the subject search) and
/// whether it began at a speech verb.
fn clause_start(toks: &LowerTokens, a: usize, t: usize) -> (usize, Option<usize>) {
    let mut j = t;
    while j > a {
        j -= 1;
        let w = toks.get(j);
        if matches!(w, ";" | ":" | "\"") {
            return (j + 1, None);
        }
        let flags = toks.flags(j);
        if flags & words::SPEECH_VERB != 0 {
            return (j + 1, Some(j));
        }
        if flags & words::CLAUSE_WORD != 0 && w != "as" {
            return (j + 1, None);
        }
    }
    (a, None)
}

/// A country or actor code for an entity the entity layer left without one.
fn entity_code(e: &dateline_doc::Entity) -> Option<String> {
    actors::inferred_code(e.id).or_else(|| actors::ACTORS.code_of(&e.name).map(str::to_string))
}

fn actor_of(hit: &ActorHit) -> Actor {
    Actor { entity: hit.entity, country: hit.code.map(str::to_string), sector: hit.sector, span: None }
}

fn hits_in<'a>(actors: &'a [ActorHit<'a>], a: usize, b: usize) -> &'a [ActorHit<'a>] {
    let lo = actors.partition_point(|h| h.start < a);
    let hi = actors.partition_point(|h| h.start < b);
    &actors[lo..hi.max(lo)]
}

/// A trigger that is part of a name ("Asia-Pacific Economic Cooperation").
fn inside_name(doc: &Doc, toks: &LowerTokens, sent_start: usize, sent_end: usize, i: usize) -> bool {
    let cap = |k: usize| doc.token_text(k).chars().next().is_some_and(char::is_uppercase);
    if !cap(i) {
        return false;
    }
    let all_caps = doc.token_text(i).chars().all(|c| !c.is_lowercase());
    // "Obama and Ban met", "Amnesty's director": a capital inside a sentence
    // written in lower case (not a headline) marks a name; capitals throughout
    // there, an acronym ("the spread of AIDS")
    let mid_sentence = i > sent_start && !matches!(toks.get(i - 1), "\"" | "'" | ":" | "(" | "-" | "--" | "—" | "*" | "|");
    if all_caps && !(mid_sentence && doc.token_text(i).len() >= 3) {
        return false;
    }
    if mid_sentence {
        let words = (sent_start..sent_end).filter(|&k| toks.kind(k) == TokenKind::Word && toks.get(k).len() > 3);
        let (mut lower, mut upper) = (0, 0);
        for k in words {
            if cap(k) { upper += 1 } else { lower += 1 }
        }
        if lower > 2 * upper {
            return true;
        }
    }
    (i > sent_start && cap(i - 1) && toks.get(i - 1) != "\"")
        || (i + 1 < doc.tokens.len() && cap(i + 1) && doc.tokens[i + 1].kind == TokenKind::Word)
        || (i + 2 < doc.tokens.len() && toks.get(i + 1) == "of" && cap(i + 2))
        // "the Minister of Finance", "the Committee for the Prevention of
        // Torture", "Alcohol, Tobacco, Firearms and Explosives": a capital
        // after a name's small word
        || (i >= sent_start + 2 && matches!(toks.get(i - 1), "of" | "and" | "for" | "&") && cap(i - 2) && mid_sentence)
}

/// "Anguilla Ratified the Agreement": a capitalised verb in a headline-style
/// sentence, followed by its object's article, is no part of a name.
fn verb_before_its_object(toks: &LowerTokens, pm: &PatternMatch) -> bool {
    !pm.pattern.trigger_is_noun && toks.get(pm.trigger).ends_with("ed") && matches!(toks.get(pm.trigger + 1), "the" | "a" | "an")
}

/// A noun trigger governed by a preposition is background, not an event
/// being reported ("triggered by Russia's invasion", "a solution to the war").
fn nominal_is_background(toks: &LowerTokens, sent_start: usize, i: usize) -> bool {
    let mut j = i;
    while j > sent_start && i - j < 4 {
        j -= 1;
        let w = toks.get(j);
        // "ten tons of aid", "a shipment of arms": a measure of the thing itself
        if w == "of" && j > sent_start && is_measure_noun(toks.get(j - 1)) {
            return false;
        }
        // "the plant was disabled by a cyber attack": the agent of a passive of
        // damage is the act being reported
        if w == "by" && j > sent_start && is_damaged(toks.get(j - 1)) {
            return false;
        }
        if matches!(w, "by" | "to" | "of" | "from" | "since" | "during" | "amid" | "despite" | "following" | "against" | "for" | "into" | "over" | "about" | "on" | "with" | "after" | "before")
            || matches!(w, "future" | "possible" | "potential" | "any" | "further" | "prospect")
        {
            return true;
        }
        // ", a charge Addis Ababa denied": an apposition restating what came before
        if matches!(w, "a" | "an") && j > sent_start && toks.get(j - 1) == "," {
            return true;
        }
        // "for a renewed offensive": a participle after an article is an adjective
        let adjective = j > sent_start && matches!(toks.get(j - 1), "a" | "an" | "the");
        let verbish = is_be(w)
            || (w.ends_with("ed") && !adjective)
            || matches!(w, "has" | "have" | "had" | "will" | "would" | "held" | "hold" | "holds" | "began" | "begin" | "launched" | "staged" | "mounted");
        if verbish || !w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') {
            return false;
        }
    }
    false
}

/// A participle of damage done to a thing, whose "by" names what did it.
fn is_damaged(w: &str) -> bool {
    matches!(
        w,
        "hit" | "struck" | "disabled" | "crippled" | "targeted" | "damaged" | "paralysed" | "paralyzed" | "disrupted"
            | "knocked" | "compromised" | "breached" | "infected" | "hacked" | "destroyed" | "downed"
    )
}

/// "told reporters after a closed-door meeting with EU officials", "said
/// following talks with the rebels", "after meeting with": a meeting with someone that a
/// preposition of time places the news in took place; it is the subject's
/// (or the speaker's) consultation with them, not background.
/// Gives the preposition's place: the subject is found before it.
fn meeting_held_with(toks: &LowerTokens, a: usize, kind: EventType, pm: &PatternMatch) -> Option<usize> {
    // ("meeting with" also reads as the verb pattern "meet with")
    if kind != EventType::Consult || !(toks.get(pm.end) == "with" || toks.get(pm.end - 1) == "with") {
        return None;
    }
    let mut j = pm.start;
    while j > a && pm.start - j < 4 {
        j -= 1;
        let w = toks.get(j);
        if matches!(w, "after" | "following" | "during" | "at") {
            return Some(j);
        }
        // "a closed-door", "the first direct", "his"
        if !(matches!(w, "a" | "an" | "the" | "his" | "her" | "its" | "their" | "-") || toks.kind(j) == TokenKind::Word && !doc_cap(toks, j)) {
            return None;
        }
    }
    None
}

/// "between October and March", "on Monday, March 13th": a capitalised
/// "March" inside a sentence is the month, not a protest march.
fn is_month_name(toks: &LowerTokens, sent_start: usize, i: usize) -> bool {
    toks.get(i) == "march" && i > sent_start && doc_cap(toks, i) && !matches!(toks.get(i - 1), "\"" | "'" | ":" | "(")
}

/// A noun that measures out what follows its "of" ("tons of aid").
fn is_measure_noun(w: &str) -> bool {
    matches!(
        w,
        "tons" | "tonnes" | "worth" | "shipment" | "shipments" | "delivery" | "deliveries" | "consignment" | "consignments"
            | "package" | "packages" | "convoy" | "convoys" | "truckloads" | "planeloads" | "dollars" | "euros" | "pounds"
            | "amount" | "amounts" | "batch" | "kits" | "crates" | "cargo"
    )
}

/// "a negotiated settlement", "the five injured patients", "dozens of
/// wounded protesters": a participle before its noun describes it. (Not
/// after a figure: "on Aug. 6 signed" is a date.)
fn participle_as_adjective(toks: &LowerTokens, start: usize) -> bool {
    let before = toks.get(start - 1);
    matches!(before, "a" | "an" | "the" | "of" | "many" | "several" | "other" | "dozens" | "hundreds" | "scores")
        || matches!(before, "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten")
}

/// "Armed rebels seized a town", "Wounded soldiers were flown out": a
/// participle that opens a sentence before a plain word describes the noun
/// after it (a verb there would have no subject).
fn opens_with_a_participle(toks: &LowerTokens, a: usize) -> bool {
    toks.kind(a + 1) == TokenKind::Word && !matches!(toks.get(a + 1), "the" | "a" | "an" | "by" | "to" | "in" | "on" | "at" | "with" | "from" | "for" | "his" | "her" | "its" | "their")
}

/// A deployment whose force is named, as its object ("will deploy troops")
/// or before it ("soldiers would be patrolling"): announced, it is a show of
/// force already (unnamed, "observers would deploy", it is only news of a plan).
fn names_a_force(toks: &LowerTokens, cstart: usize, pm: &PatternMatch) -> bool {
    let force = |k: usize| ["troops", "police", "armed"].iter().any(|c| MATCHER.in_class(c, toks.get(k)));
    (pm.start..pm.end).any(|k| k != pm.trigger && force(k)) || (cstart.max(pm.start.saturating_sub(6))..pm.start).any(force)
}

fn cstart_of(toks: &LowerTokens, a: usize, start: usize) -> usize {
    clause_start(toks, a, start).0
}

/// An announced act made to depend on the other side's conduct ("will
/// withdraw its troops unless …"): an ultimatum, which PLOVER codes THREATEN.
fn is_ultimatum(toks: &LowerTokens, trigger: usize, sent_end: usize) -> bool {
    (trigger + 1..sent_end.min(trigger + 20)).any(|k| toks.get(k) == "unless")
}

/// A noun use: written as a noun pattern, or the trigger follows a
/// determiner, a preposition or an adjective that only nouns follow
/// ("the attack", "after clashes", "future attacks").
fn is_nominal(toks: &LowerTokens, sent_start: usize, pm: &PatternMatch) -> bool {
    pm.pattern.trigger_is_noun
        || (pm.trigger > sent_start
            && matches!(
                toks.get(pm.trigger - 1),
                "a" | "an" | "the" | "its" | "their" | "his" | "her" | "this" | "these" | "'s" | "after" | "amid" | "during"
                    | "following" | "despite" | "future" | "possible" | "potential" | "further"
            ))
}

/// "a ceasefire that nobody watches is a ceasefire that will not last": a
/// kind of event talked about, not one that took place.
/// Only as a subject or after a copula: "organised a strike that shut down
/// the city" reports one.
fn is_generic_mention(toks: &LowerTokens, sent_start: usize, pm: &PatternMatch) -> bool {
    let article = pm.start.wrapping_sub(1);
    let opens_clause = article == sent_start
        || matches!(toks.get(article.wrapping_sub(1)), "but" | "and" | "," | "\"" | "is" | "was" | "be" | "are" | "were");
    pm.start > sent_start && matches!(toks.get(article), "a" | "an") && opens_clause && matches!(toks.get(pm.end), "that" | "which")
}

struct Candidate<'a> {
    pm: PatternMatch<'a>,
    kind: EventType,
    mode: Option<&'a str>,
    /// End of the whole construction (the complement included).
    end: usize,
    /// How many complement events were folded into this one.
    folded: usize,
    /// A denial of a charge: a statement, no event, though it still holds
    /// what it denies ("denied shelling the villages" asserts no shelling).
    denial: bool,
}

fn code_events(doc: &Doc, toks: &LowerTokens, at: &stances::Positions) -> Vec<Event> {
    // most documents have no sentence with a candidate event: the actors and
    // the position indexes are built at the first one that does
    let lazy = std::cell::OnceCell::new();
    let per_doc = || {
        (
            find_actors(doc, toks),
            &at.quotes,
            dateline_doc::SpanIndex::new(doc.facts.iter().map(|f| f.span)),
            &at.mentions,
        )
    };
    let report = doc.meta.date.as_deref().and_then(Ymd::parse);
    let mut events: Vec<Event> = Vec::new();
    let mut trigger_cursor = 0;
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start, s.tokens.end.min(doc.tokens.len()));
        if a >= b {
            continue;
        }
        let lo = matcher::first_place_from(&toks.triggers, &mut trigger_cursor, a);
        if toks.triggers.get(lo).is_none_or(|&p| p as usize >= b) {
            continue;
        }
        let found = matcher::sentence_matches_from(&MATCHER, toks, lo, a, b);
        if found.is_empty() {
            continue;
        }
        let mut cands: Vec<Candidate> = Vec::new();
        let acted_on: Vec<bool> =
            found.iter().map(|pm| participants_acted_on(toks, &found, pm) || restriction_lifted(toks, &found, pm)).collect();
        for (pm, acted_on) in found.into_iter().zip(acted_on) {
            let Some(kind) = MATCHER.kinds[pm.id] else { continue };
            // "the curfew will be relaxed": the restriction's easing, told from its side
            let eased = restriction_eased(toks, b, &pm);
            let kind = if eased { EventType::Concede } else { kind };
            if acted_on || is_month_name(toks, a, pm.trigger) || is_stated_aim(toks, a, &pm) {
                continue;
            }
            if inside_name(doc, toks, a, b, pm.trigger) && !verb_before_its_object(toks, &pm) {
                continue;
            }
            if is_obligation(toks, &pm) && !obligation_is_request(toks, a, pm.trigger) {
                continue;
            }
            if let Some(prev) = cands.last_mut() {
                // "provided 25,000 tons of food aid": the act's own object, restated
                if prev.kind == kind && pm.pattern.trigger_is_noun && pm.start >= prev.pm.trigger && pm.start <= prev.end + 1 {
                    prev.end = prev.end.max(pm.end);
                    continue;
                }
                let gap = pm.trigger.saturating_sub(prev.end);
                let clean = (prev.end..pm.trigger).all(|k| !matches!(toks.get(k), ";" | ":" | "," | "but" | "while" | "\""));
                let before = if pm.start > a { toks.get(pm.start - 1) } else { "" };
                // "staged rallies to demand reforms", "..., demanding more pay": a purpose
                // (not an aspect verb's "to": "and are starting to boycott")
                let purpose = before == "to" && !(pm.start >= a + 2 && is_aspect_verb(toks.get(pm.start - 2)))
                    // ("warning that people faced shortages" stays the appeal's reason)
                    || (before == "," && toks.get(pm.trigger).ends_with("ing") && !participial_statement(toks, kind, pm.trigger))
                    || (before == "protest" && pm.trigger >= 2 && toks.get(pm.trigger - 2) == "in")
                    // "demonstrators ... demanding a referendum": what the protest demands
                    || (prev.kind == EventType::Protest && kind == EventType::Request && toks.get(pm.trigger).ends_with("ing") && gap <= 8 && clean);
                // "ordered the party to meet and warned that …": a second verb of the
                // subject's, coordinated, is no complement of the first
                // (not a participle coordinated in a passive complement: "demanded
                // that they be tried and punished")
                let coordinated_verb = before == "and"
                    && !pm.pattern.trigger_is_noun
                    && pm.trigger == pm.start
                    && toks.get(pm.trigger).ends_with("ed")
                    && !(prev.pm.trigger..pm.start).any(|k| is_be(toks.get(k)));
                let own_clause = starts_own_clause(toks, prev.end, pm.start) || coordinated_verb;
                if (takes_complement(prev.kind) && gap <= 8 && clean && pm.trigger >= prev.end && !own_clause) || (purpose && pm.trigger >= prev.end) {
                    if prev.mode.is_none() {
                        prev.mode = pm.pattern.mode.as_deref();
                    }
                    if prev.kind == EventType::Agree && is_hostile_act(kind) && prev.folded == 0
                        && (offers_infinitive(toks, &prev.pm, pm.start) || promises_a_hostile_object(toks, &prev.pm, &pm))
                    {
                        // "prepared to impose martial law" is a threat, not an offer
                        prev.kind = EventType::Threaten;
                    }
                    prev.end = pm.end;
                    prev.folded += 1;
                    continue;
                }
            }
            // "a negotiated settlement", "an armed insurgency": a participle used as an adjective
            if !pm.pattern.trigger_is_noun && pm.trigger == pm.start && toks.get(pm.trigger).ends_with("ed")
                && (pm.start > a && participle_as_adjective(toks, pm.start) || pm.start == a && opens_with_a_participle(toks, a))
            {
                continue;
            }
            // "the alleged genocide", "reported abuses": what someone claims, not a reported act
            if is_nominal(toks, a, &pm) && pm.start > a && matches!(toks.get(pm.start - 1), "alleged" | "reported" | "suspected" | "purported" | "so-called") {
                continue;
            }
            if is_nominal(toks, a, &pm)
                && ((nominal_is_background(toks, a, pm.start) && meeting_held_with(toks, a, kind, &pm).is_none()) || is_generic_mention(toks, a, &pm))
            {
                continue;
            }
            let denial = kind == EventType::Reject && denies_a_charge(toks, a, &pm);
            let mode = if eased { None } else { pm.pattern.mode.as_deref() };
            cands.push(Candidate { pm, kind, mode, end: pm.end, folded: 0, denial });
        }
        // "demonstrators called for a halt", "protesters refused to leave": people
        // named by their protest, saying what the sentence reports
        if cands.iter().any(|c| matches!(c.kind, EventType::Request | EventType::Reject | EventType::Accuse | EventType::Agree | EventType::Support | EventType::Consult)) {
            cands.retain(|c| !names_protesters(toks, c));
        }
        if cands.is_empty() {
            continue;
        }
        let (all_actors, quote_index, fact_index, mention_index) = lazy.get_or_init(per_doc);
        // every look-up of actors below is of a range inside the sentence
        let actors = hits_in(all_actors, a, b);
        let tail = attribution_tail(toks, a, b);
        // read only when an event of the sentence gets this far
        let dates = std::cell::OnceCell::new();
        let mut prev_source: Option<Actor> = None;
        let sentence_first = events.len();
        for c in cands {
            let t = c.pm.trigger;
            if c.denial {
                continue;
            }
            // "While officials had signaled they would not support…, X said":
            // the conceded clause is background to the main one
            if matches!(toks.get(a), "while" | "although" | "though" | "whereas")
                && (a..t).any(|k| toks.get(k) == ",") == false
                && (t..b).any(|k| toks.get(k) == ",")
            {
                continue;
            }
            // ", relief officials said": words of the attribution are no event
            // (what follows the reporting verb is what was said, not the attribution)
            if t >= tail && (t + 1..b).any(|k| toks.flags(k) & words::SPEECH_VERB != 0) {
                continue;
            }
            let mut m = modality(toks, a, t);
            // "told its allies they would have to step up": "will/would have to" is
            // an obligation (reported speech shifts "will" to "would"), no future
            // act; told to another party, it is a demand of it (said of oneself or
            // of the world at large, "it would have to consider", a forecast)
            if is_obligation(toks, &c.pm) && obligation_in_future(toks, a, t) && told_a_party(toks, &actors, a, t) {
                m.future = false;
            }
            let mut kind = c.kind;
            let mut status = EventStatus::Asserted;
            let mut foretold_meeting = false;
            if m.negated {
                // a refusal is a rejection; an act left undone ("without") is no event
                if (is_cooperative(kind) || kind == EventType::Mobilize || kind == EventType::Agree) && !m.unfulfilled {
                    kind = EventType::Reject;
                }
                status = EventStatus::Negated;
            } else if m.prospect && is_hostile_act(kind) {
                // a harm weighed in public is held out as a threat
                status = EventStatus::Hypothetical;
                kind = EventType::Threaten;
            } else if m.conditional {
                status = EventStatus::Hypothetical;
                // "X could suspend relations if …": a harm held out is a threat
                if is_hostile_act(kind) && !m.in_condition {
                    kind = EventType::Threaten;
                }
            } else if m.future {
                status = EventStatus::Future;
                if kind == EventType::Consult && ((m.passive && !passive_agent_named(toks, t, b)) || foretold_in_passive(toks, a, t)) {
                    // "the dispute will be discussed at a meeting in Rome": a
                    // meeting foretold with no one who offers or holds it
                    foretold_meeting = true;
                } else if m.passive && kind != EventType::Consult {
                    // "the curfew will be lifted", "the men would be sentenced":
                    // an act foretold, with no actor who promises or threatens it
                    // (talks that "will be held" stay an offer to meet)
                } else if is_ultimatum(toks, t, b) && (is_cooperative(kind) || kind == EventType::Sanction) {
                    // "will withdraw its force unless the president arranges a ceasefire"
                    kind = EventType::Threaten;
                } else if is_cooperative(kind) {
                    kind = EventType::Agree;
                } else if is_hostile_act(kind) {
                    kind = EventType::Threaten;
                }
            }
            let real = match status {
                EventStatus::Negated => kind == EventType::Reject && c.kind != EventType::Reject,
                // a conditional threat is still a threat
                EventStatus::Hypothetical => kind == EventType::Threaten && (!m.in_condition || c.kind == EventType::Threaten),
                // an announced request, charge or deployment is no act yet, and
                // unlike a promise or a threat, announcing it is no act either
                // (an inquiry announced is decided: "the court will investigate")
                EventStatus::Future => !foretold_meeting && !(kind == c.kind && matches!(kind, EventType::Request | EventType::Accuse) && c.mode != Some("investigate") || kind == c.kind && kind == EventType::Mobilize && !names_a_force(toks, cstart_of(toks, a, c.pm.start), &c.pm)),
                _ => true,
            };
            if !real && !KEEP_UNREAL_EVENTS {
                continue;
            }

            // the subject: the nearest actor on the left in the clause
            let held = meeting_held_with(toks, a, c.kind, &c.pm);
            let (cstart, speech_at) = clause_start(toks, a, held.unwrap_or(c.pm.start));
            // "two weeks after clashes … killed 14 soldiers": a time clause is background
            // (not the main clause after it: "after the protest ended, police arrested four")
            if held.is_none() && cstart > a && matches!(toks.get(cstart - 1), "after" | "before" | "since" | "until" | "following") && !(cstart..c.pm.start).any(|k| toks.get(k) == ",") {
                continue;
            }
            // "…, where 24 people were killed in riots last March", "property
            // seized by the army": a relative clause after the sentence's event
            // describes its background
            if events.len() > sentence_first && (in_relative_clause(toks, cstart, &c.pm) || said_in_relative_clause(toks, a, speech_at)) {
                continue;
            }
            // "will return the equipment seized last year from peacekeepers": a
            // participle right after a thing (no actor) describes it
            if events.len() > sentence_first && participle_after_a_thing(toks, cstart, &c.pm) && hits_in(&actors, t - 1, t).is_empty() {
                continue;
            }
            // "allies, who had declared they would support Kyiv": what others had
            // once said, recalled in a relative clause, is background
            let recalled = (a..t).rev().take(8).any(|k| {
                k > a && toks.get(k) == "had" && matches!(toks.get(k - 1), "who" | "which") && k > a + 1 && toks.get(k - 2) == ","
            });
            if recalled && status != EventStatus::Asserted {
                continue;
            }
            if matches!(c.kind, EventType::Support | EventType::Reject) && is_narrated_backstory(toks, a, t) && quote_index.first_containing(doc.tokens[t].span).is_none() {
                continue;
            }
            let left = hits_in(&actors, cstart, c.pm.start);
            // the nearest actor with a known country or code, else the nearest
            let mut pick = left.iter().rposition(|h| h.code.is_some()).or(left.len().checked_sub(1));
            // "Bosnian Serbs": the country word in front is the one that places them
            if let Some(k) = pick {
                if k > 0 && left[k - 1].end == left[k].start && left[k - 1].code.is_some() {
                    pick = Some(k - 1);
                }
            }
            // "Pakistan, a key U.S. ally, has refused": the head, not its apposition
            if let Some(head) = apposition_head(toks, cstart, c.pm.start, left) {
                pick = Some(head);
            }
            let mut subject: Option<&ActorHit> = pick.map(|k| &left[k]);
            let mut partner: Option<&ActorHit> = None;
            if let (Some(sj), Some(idx)) = (subject, pick) {
                // "Ethiopia and Eritrea agreed": the first is the source
                if idx > 0 {
                    let before = &left[idx - 1];
                    if before.end + 1 == sj.start && matches!(toks.get(before.end), "and" | ",") {
                        partner = Some(sj);
                        subject = Some(before);
                    }
                }
            }
            if subject.is_none() && toks.get(a).ends_with("ing") {
                if let Some(comma) = (a..b).find(|&k| toks.get(k) == ",") {
                    subject = hits_in(&actors, comma + 1, (comma + 4).min(b)).first();
                }
            }
            if subject.is_none() {
                if let Some(sp) = speech_at {
                    // "X said it supported…": the speaker's clause
                    let (s2, _) = clause_start(toks, a, sp);
                    subject = hits_in(&actors, s2, sp).first();
                }
            }
            // the object: the first actor on the right, before the attribution
            let mut right_end = tail.max(c.end).min(b);
            if let Some(k) = (c.end.max(t + 1)..right_end).find(|&k| matches!(toks.get(k), "," | ";" | ":")) {
                right_end = k;
            }
            let obj_from = if m.passive { t + 1 } else { c.pm.end.min(t + 1).max(t + 1) };
            let right = hits_in(&actors, obj_from, right_end);
            let right: Vec<&ActorHit> = right.iter().filter(|h| !h.is_reference).collect();
            let right = &right[..];
            // "annexed Crimea ... and then backed separatists": the same subject
            let coordinated = (c.pm.start.saturating_sub(3)..c.pm.start).any(|k| k >= a && toks.get(k) == "and")
                && subject.is_none_or(|h| h.end + 3 < c.pm.start);
            if coordinated && prev_source.is_some() {
                subject = None;
            }
            let passive = m.passive && !(status == EventStatus::Negated && kind == EventType::Reject);
            let (mut source, mut target) = if passive {
                let agents = hits_in(&actors, t + 1, tail.max(c.end).min(b));
                let by = agents
                    .iter()
                    .find(|h| (h.start.saturating_sub(3)..h.start).any(|k| k > t && toks.get(k) == "by"));
                (by.or_else(|| right.first().copied()).map(actor_of), subject.map(actor_of))
            } else {
                // a complaint is made to someone but is about someone else
                let addressee = |h: &&&ActorHit| {
                    let before = |k: usize| if h.start >= k { toks.get(h.start - k) } else { "" };
                    kind == EventType::Accuse && (before(1) == "to" || (before(2) == "to" && matches!(before(1), "the" | "a" | "an")))
                };
                let obj = right
                    .iter()
                    .find(|h| subject.is_none_or(|s| s.start != h.start) && !addressee(h) && !modifies_a_noun_for_another(toks, h, right))
                    .or_else(|| right.iter().find(|h| subject.is_none_or(|s| s.start != h.start) && !addressee(h)))
                    .or_else(|| right.iter().find(|h| subject.is_none_or(|s| s.start != h.start)));
                (subject.map(actor_of), obj.map(|h| actor_of(h)))
            };
            if let (Some(p), false) = (partner, passive) {
                if matches!(kind, EventType::Agree | EventType::Consult | EventType::Cooperate) || target.is_none() {
                    target = Some(actor_of(p));
                }
            }
            // "Russia said Sudan must return …": the sayer demands, of the one who must
            if is_obligation(toks, &c.pm) {
                if let Some(sv) = (a..t).rev().find(|&k| toks.flags(k) & words::SPEECH_VERB != 0 || matches!(toks.get(k), "reiterated" | "concluded" | "reminder" | "warned" | "stressed" | "demanded")) {
                    let (s0, _) = clause_start(toks, a, sv);
                    let sayer = hits_in(&actors, s0, sv).last().or_else(|| hits_in(&actors, a, sv).first());
                    let obliged = hits_in(&actors, sv + 1, t).last();
                    if sayer.is_some() {
                        source = sayer.map(actor_of);
                        target = obliged.map(actor_of).or(target);
                    }
                }
            }
            if source.is_none() && coordinated {
                source = prev_source.clone();
            }
            // a statement inside a quote is its speaker's
            let quote = quote_index.first_containing(doc.tokens[t].span);
            if let Some(qi) = quote {
                let q = &doc.quotes[qi];
                let first_person = (cstart..t).any(|k| matches!(toks.get(k), "we" | "i" | "our" | "us"));
                if first_person || source.is_none() {
                    if let Some(e) = q.speaker.and_then(|sp| doc.entities.get(sp.0 as usize)) {
                        let country = e.country.clone().or_else(|| entity_code(e));
                        if country.is_some() || source.is_none() {
                            source = Some(Actor { entity: Some(e.id), country, sector: e.sector, span: None });
                        }
                    }
                }
            }
            prev_source = source.clone();
            let mut source = source.unwrap_or_default();
            let mut target = target.unwrap_or_default();
            let mut mode = c.mode.map(str::to_string);
            // "peacekeeping troops arrived in Sierra Leone": the host receives them
            // (PLOVER's access is the host's act); their deployment, reported in the
            // same sentence, is the one event ("the first deployment of NATO troops
            // has arrived")
            if kind == EventType::Retreat && mode.as_deref() == Some("access") && toks.get(t).starts_with("arriv") {
                if events[sentence_first..].iter().any(|e| matches!(e.kind, EventType::Aid | EventType::Mobilize)) {
                    continue;
                }
                std::mem::swap(&mut source, &mut target);
            }
            // "Human Rights Watch withdrew from Cambodia", "the UN mission pulled
            // out": an agency or mission leaving a country reduces relations
            // with it (PLOVER SANCTION, CAMEO 166); an armed force leaving is a
            // retreat
            let agency = matches!(source.country.as_deref(), Some("IGO" | "NGO")) || matches!(source.sector, Some(dateline_doc::Sector::Ngo | dateline_doc::Sector::Igo));
            let force_named = || {
                names_a_force(toks, cstart, &c.pm)
                    || (t + 1..(t + 5).min(b)).any(|k| ["troops", "police", "armed"].iter().any(|cl| MATCHER.in_class(cl, toks.get(k))))
            };
            if kind == EventType::Retreat && mode.as_deref() == Some("withdraw") && agency && !force_named() {
                kind = EventType::Sanction;
            }
            // a party reporting its adversary's violence is accusing it:
            // "He said Ethiopian forces had shelled two villages"
            if let Some(q) = quote.map(|qi| &doc.quotes[qi]) {
                let speaker = q.speaker.and_then(|sp| doc.entities.get(sp.0 as usize));
                if let Some(e) = speaker.filter(|_| q.kind == dateline_doc::QuoteKind::Indirect) {
                    let sc = e.country.clone().or_else(|| entity_code(e));
                    let hostile = matches!(kind, EventType::Assault | EventType::Coerce);
                    if hostile && status == EventStatus::Asserted && sc.is_some() && source.country.is_some() && source.country != sc
                        && (target.country.is_none() || target.country == sc)
                    {
                        target = std::mem::take(&mut source);
                        source = Actor { entity: Some(e.id), country: sc, sector: e.sector, span: None };
                        kind = EventType::Accuse;
                        mode = Some("allege".to_string());
                    }
                }
            }

            // a reply with no named target answers the last other party
            // mentioned in the report's events ("rejected the charge")
            let directed = kind == c.kind && matches!(kind, EventType::Threaten | EventType::Reject | EventType::Accuse | EventType::Request);
            if target.country.is_none() && target.entity.is_none() && directed && source.country.is_some() {
                let other = events.iter().rev().take(4).find_map(|e: &Event| {
                    [&e.target, &e.source].into_iter().find(|x| x.country.is_some() && x.country != source.country).cloned()
                });
                if let Some(o) = other {
                    target = o;
                }
            }
            // an act with no named target stays within the actor's own country
            // (a government arresting, a union striking): code it domestic
            let symmetric = matches!(kind, EventType::Agree | EventType::Consult | EventType::Cooperate | EventType::Retreat)
                || (kind == EventType::Reject && c.kind != EventType::Reject);
            let national = |c: &Option<String>| c.clone().filter(|c| c.len() == 3 && c != "IGO" && c != "NGO");
            if target.country.is_none() && !symmetric {
                if let Some(sc) = national(&source.country) {
                    target.country = Some(sc);
                }
            }
            // and an unnamed actor acting on its own country's affairs is of that country
            // (not the unstated agent of a passive: "civilians were killed")
            if source.country.is_none() && !passive && !symmetric {
                if let Some(tc) = national(&target.country) {
                    source.country = Some(tc);
                }
            }
            // the words that state it: subject (when close) to the clause end
            let span_start = subject.filter(|h| h.start + 12 >= t && !m.passive).map_or(c.pm.start, |h| h.start.min(c.pm.start));
            let mut span_end = c.end.max(t + 1);
            while span_end < right_end.min(t + 30) && !matches!(toks.get(span_end), "," | ";" | ":" | "\"" | "." | "(") {
                span_end += 1;
            }
            let span_end = span_end.min(b).max(t + 1);
            let span = doc.tokens[span_start].span.cover(doc.tokens[span_end - 1].span);

            // when: date words in the clause, else a date fact there, else the report date
            let date = dates
                .get_or_init(|| find_dates(toks, a, b, report))
                .iter()
                .filter(|d| d.start >= cstart && d.start < span_end.max(right_end))
                .min_by_key(|d| (d.start as i64 - t as i64).unsigned_abs())
                .map(|d| d.value.clone())
                .or_else(|| {
                    fact_index
                        .starting_in(span.start(), span.end())
                        .filter(|&f| span.contains(doc.facts[f].span))
                        .filter_map(|f| match (&doc.facts[f].kind, &doc.facts[f].value) {
                            (FactKind::Date, FactValue::Date(v)) => Some((f, v)),
                            _ => None,
                        })
                        .min_by_key(|&(f, _)| f)
                        .map(|(_, v)| v.clone())
                })
                .or_else(|| events[sentence_first..].last().and_then(|e| e.date.as_ref().map(|d| d.chars().take(4).collect())))
                .or_else(|| if status == EventStatus::Asserted && !past_perfect(toks, cstart, t) { doc.meta.date.clone() } else { None });

            // where: "in/at/near PLACE" in the clause, a place the entity layer
            // found, else a capital or country of the actor list
            let (clause_a, clause_b) = (doc.tokens[cstart].span.start(), doc.tokens[right_end.max(t + 1).min(b) - 1].span.end());
            let after_prep = |start: usize| {
                let k = doc.token_at_or_after(start);
                k > 0 && matches!(toks.get(k - 1), "in" | "at" | "near" | "outside")
            };
            let place = mention_index
                .starting_in(clause_a, clause_b)
                .map(|k| (k, &doc.mentions[k]))
                .filter(|(_, m)| matches!(m.kind, dateline_doc::EntityKind::Location | dateline_doc::EntityKind::Country))
                .filter(|(_, m)| m.span.end() <= clause_b && after_prep(m.span.start()))
                .min_by_key(|&(k, m)| ((m.span.start() as i64 - doc.tokens[t].span.start() as i64).unsigned_abs(), k))
                .map(|(_, m)| doc.slice(m.span).to_string())
                .or_else(|| {
                    hits_in(&actors, t, right_end)
                        .iter()
                        .chain(hits_in(&actors, cstart, t).iter())
                        .find(|h| {
                            h.start > 0
                                && matches!(toks.get(h.start - 1), "in" | "at" | "near" | "outside")
                                && h.code.as_deref().is_some_and(|c| c != "IGO" && c != "NGO")
                                && doc.token_text(h.start).chars().next().is_some_and(char::is_uppercase)
                                && !doc.token_text(h.start).ends_with("ian")
                        })
                        .map(|h| doc.slice(doc.tokens[h.start].span.cover(doc.tokens[h.end - 1].span)).to_string())
                });

            let issue = (c.end > t + 1 || matches!(kind, EventType::Reject | EventType::Request | EventType::Support))
                .then(|| object_phrase(doc, toks, c.pm.end.min(b), span_end))
                .flatten();

            let event = Event {
                kind,
                mode,
                source,
                target,
                date,
                place,
                span,
                trigger: Some(doc.tokens[t].span),
                status,
                issue,
                quote,
            };
            // one sentence, one event of a kind: "clashes ... killed 14 soldiers";
            // and a report that mentions one meeting twice has one meeting
            let trig = toks.get(t);
            let dup = events[sentence_first..].iter().any(|e| e.kind == event.kind)
                || events[..sentence_first].iter().any(|e| e.trigger.is_some_and(|tr| same_event(e, doc.slice(tr), &event, trig)));
            if !dup {
                events.push(event);
            }
        }
    }
    events
}

/// A verb of aspect whose "to" brings its own act, not a purpose: "began
/// to withdraw", "are starting to boycott", "continued to shell".
fn is_aspect_verb(w: &str) -> bool {
    matches!(
        w,
        "start" | "starts" | "started" | "starting" | "begin" | "begins" | "began" | "begun" | "beginning" | "continue" | "continues"
            | "continued" | "continuing"
    )
}

/// "talks aimed at ending the war", "a resolution that aims to tighten
/// sanctions", "a law designed to curb protests": what a thing is meant to
/// bring about is its purpose, no act of anyone's.
/// (also over the verb of a nominal trigger: "aims to tighten sanctions")
fn is_stated_aim(toks: &LowerTokens, a: usize, pm: &PatternMatch) -> bool {
    // ("Russia aims to withdraw its troops": an actor's aim, an intent, stays)
    (1..=2).any(|back| {
        let k = pm.start.saturating_sub(back + 1);
        pm.start >= a + back + 1
            && match (toks.get(k), toks.get(pm.start - back)) {
                ("aimed" | "aiming" | "aims" | "aim", "at") | ("designed" | "intended" | "meant", "to") => true,
                ("aims" | "aimed", "to") => k > a && matches!(toks.get(k - 1), "that" | "which" | "is" | "are" | "was" | "were"),
                _ => false,
            }
    })
}

/// What one denies when one denies a charge made against one: "denied the
/// allegations", "denied any wrongdoing", "denied that its troops had crossed",
/// "denied killing the guard", ", a charge Addis Ababa denied". Denying
/// responsibility is a statement (CAMEO's "deny responsibility" is a public
/// statement), not the refusal of a request or proposal that PLOVER codes
/// REJECT ("denied access", "denied the request" stay REJECT).
fn denies_a_charge(toks: &LowerTokens, a: usize, pm: &PatternMatch) -> bool {
    let t = pm.trigger;
    let w = toks.get(t);
    if !(w.starts_with("deny") || w.starts_with("deni")) {
        return false;
    }
    let charge = |w: &str| {
        matches!(
            w,
            "charge" | "charges" | "allegation" | "allegations" | "accusation" | "accusations" | "claim" | "claims" | "report"
                | "reports" | "rumor" | "rumors" | "rumour" | "rumours" | "suggestion" | "suggestions" | "wrongdoing"
                | "involvement" | "responsibility" | "guilt" | "complicity" | "role" | "link" | "links" | "connection"
                | "connections" | "ties" | "knowledge"
        )
    };
    // what follows: "that …", a gerund ("denied killing"), or a charge noun
    // within its noun phrase ("denied any military involvement")
    let next = toks.get(pm.end);
    if matches!(next, "that" | "having" | "being") || (next.len() > 4 && next.ends_with("ing") && next != "during" && toks.kind(pm.end) == TokenKind::Word) {
        return true;
    }
    if matches!(next, "it" | "this") && matches!(toks.get(pm.end + 1), "," | "." | ";" | "") {
        return true;
    }
    for k in pm.end..pm.end + 4 {
        let w = toks.get(k);
        if charge(w) {
            return true;
        }
        if toks.kind(k) != TokenKind::Word {
            break;
        }
    }
    // what came before, denied in a relative clause: "a charge Addis Ababa
    // denied", "a claim quickly denied by the protest leaders" (a statement
    // noun heading it: not "a role in denying requests")
    let statement = |w: &str| {
        matches!(
            w,
            "charge" | "charges" | "allegation" | "allegations" | "accusation" | "accusations" | "claim" | "claims" | "report"
                | "reports" | "rumor" | "rumors" | "rumour" | "rumours"
        )
    };
    let mut k = pm.start;
    while k > a && pm.start - k < 5 {
        k -= 1;
        let w = toks.get(k);
        if statement(w) && !matches!(toks.get(k + 1), "in" | "of" | "for" | "about" | "on" | "to" | "against" | "by") {
            return true;
        }
        if matches!(w, "," | ";" | ":" | "\"" | "and" | "but") {
            break;
        }
    }
    false
}

/// A trigger in a relative clause of place or object ("where …", "whom …":
/// one whose subject, "who/which …", acts is an event of its own) or in a
/// participle after a noun that its agent follows ("equipment seized by …").
fn in_relative_clause(toks: &LowerTokens, cstart: usize, pm: &PatternMatch) -> bool {
    if cstart > 0 && matches!(toks.get(cstart - 1), "where" | "whom") {
        return true;
    }
    let t = pm.trigger;
    let reduced = !pm.pattern.trigger_is_noun
        && t > cstart
        && toks.get(t + 1) == "by"
        && toks.get(t).ends_with("ed")
        && toks.kind(t - 1) == TokenKind::Word
        && !is_be(toks.get(t - 1))
        && !matches!(toks.get(t - 1), "has" | "have" | "had" | "was" | "were" | "not" | "also" | "reportedly" | "allegedly");
    reduced && !toks.get(t - 1).ends_with("ly")
}

/// "air raids in which it said 20 people were killed", "the town, where, it
/// said, 100 people were killed": the relative clause of place holds a
/// speech verb, and what was said there describes the background too.
fn said_in_relative_clause(toks: &LowerTokens, a: usize, speech_at: Option<usize>) -> bool {
    let Some(sv) = speech_at else { return false };
    let (s2, _) = clause_start(toks, a, sv);
    if s2 <= a + 1 {
        return false;
    }
    // a short clause of saying ("which it said", "where, police said,"), not
    // a participle ("in which reported abductions")
    let speaker = (s2..sv).filter(|&k| toks.kind(k) == TokenKind::Word).count();
    if !(1..=3).contains(&speaker) || !(matches!(toks.get(sv - 1), "it" | "he" | "she" | "they" | "officials" | "police") || doc_cap(toks, sv - 1)) {
        return false;
    }
    let opener = toks.get(s2 - 1);
    let place = opener == "where"
        || (matches!(opener, "which" | "whom") && matches!(toks.get(s2 - 2), "in" | "during" | "at" | "on" | "from" | "after"));
    // "a statement in which we stated": what a statement holds is no background
    let said_in_a_text = s2 >= 3
        && matches!(toks.get(s2 - 3), "statement" | "statements" | "letter" | "interview" | "speech" | "report" | "message" | "remarks" | "address" | "post" | "document" | "communique");
    place && !said_in_a_text
}

/// A past participle right after a lower-case noun and before a phrase of
/// time or origin ("equipment seized last year", "land taken from them"):
/// a reduced relative clause (the caller checks that the noun is no actor).
fn participle_after_a_thing(toks: &LowerTokens, cstart: usize, pm: &PatternMatch) -> bool {
    let t = pm.trigger;
    let before = toks.get(t - 1);
    !pm.pattern.trigger_is_noun
        && t > cstart
        && toks.get(t).ends_with("ed")
        && matches!(toks.get(t + 1), "last" | "earlier" | "from" | "during")
        && toks.kind(t - 1) == TokenKind::Word
        && !doc_cap(toks, t - 1)
        && before.len() > 3
        && !before.ends_with("ly")
        && !is_be(before)
        && !matches!(before, "has" | "have" | "had" | "they" | "also" | "then" | "this" | "that" | "which" | "who")
        // a finite verb goes on to its complement: "the court refused last week to allow"
        && !matches!(toks.get(if toks.get(t + 1) == "last" { t + 3 } else { t + 2 }), "to" | "the" | "a" | "an" | "its" | "his" | "her" | "their")
}

/// The actor before an apposition that ends right before the verb
/// ("Pakistan, a key U.S. ally in the war, has refused"): its index in `left`.
fn apposition_head(toks: &LowerTokens, cstart: usize, verb: usize, left: &[ActorHit]) -> Option<usize> {
    let mut j = verb;
    while j > cstart && matches!(toks.get(j - 1), "has" | "have" | "had" | "is" | "are" | "was" | "were" | "will" | "would" | "also" | "then" | "now" | "again" | "on" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday") {
        j -= 1;
    }
    if j <= cstart + 2 || toks.get(j - 1) != "," {
        return None;
    }
    let close = j - 1;
    let open = (cstart..close).rev().take(16).find(|&k| toks.get(k) == ",")?;
    if !matches!(toks.get(open + 1), "a" | "an" | "the" | "its" | "their" | "whose" | "which" | "who") {
        return None;
    }
    left.iter().rposition(|h| h.end == open && h.code.is_some())
}

/// ", threatening to ban them", ", accusing X of …", ", rejecting …": a
/// participle that makes a statement of its own, not the purpose of the act
/// before it.
fn participial_statement(toks: &LowerTokens, kind: EventType, trigger: usize) -> bool {
    match kind {
        EventType::Accuse | EventType::Reject => true,
        EventType::Threaten => toks.get(trigger).starts_with("threaten"),
        _ => false,
    }
}

/// A complement candidate with a subject of its own: a finite or passive verb
/// right after a noun phrase ("a group opposed to the election was beaten")
/// starts a new clause, unless "that" introduced it ("denied that troops
/// had shelled").
fn starts_own_clause(toks: &LowerTokens, outer_end: usize, inner_start: usize) -> bool {
    inner_start > outer_end + 1
        && matches!(toks.get(inner_start - 1), "was" | "were")
        && !matches!(toks.get(inner_start - 2), "who" | "which" | "that")
        && !(outer_end..inner_start).any(|k| toks.get(k) == "that")
}

/// An offer whose infinitive complement follows it ("ready to ban", "vowed to
/// impose martial law"): a hostile act offered this way is a threat. A noun
/// complement ("an agreement with striking workers") is no such offer.
fn offers_infinitive(toks: &LowerTokens, outer: &PatternMatch, inner_start: usize) -> bool {
    let vow = matches!(toks.get(outer.trigger), "vow" | "vows" | "vowed" | "vowing" | "pledge" | "pledges" | "pledged" | "pledging")
        || matches!(toks.get(outer.trigger), "promise" | "promises" | "promised" | "promising");
    // "vowed on Wednesday to", "pledged again to": a day or an adverb before the infinitive
    let mut after = outer.end;
    while vow && after < outer.end + 3 && (is_weekday(toks.get(after)) || matches!(toks.get(after), "on" | "again" | "also" | "publicly" | "repeatedly" | "today" | "yesterday")) {
        after += 1;
    }
    let to = if outer.end > 0 && toks.get(outer.end - 1) == "to" {
        outer.end - 1
    } else if vow && toks.get(after) == "to" {
        after
    } else {
        return false;
    };
    inner_start > to && inner_start <= to + 3
}

fn is_weekday(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}

/// "promised arrests if corruption continues", "vowed reprisals": a hostile
/// act promised as a noun object is a threat too.
fn promises_a_hostile_object(toks: &LowerTokens, outer: &PatternMatch, inner: &PatternMatch) -> bool {
    let w = toks.get(outer.trigger);
    let promise = ["promise", "vow", "pledge"].iter().any(|p| w.starts_with(p));
    // right after the verb it is its object ("promised arrests": the noun, whatever
    // the pattern that matched it; "promised to arrest" is the infinitive case)
    promise && inner.start >= outer.end && inner.start <= outer.end + 2 && toks.get(inner.start.saturating_sub(1)) != "to"
}

/// An actor name modifying a noun that is for or of another actor ("NATO
/// membership for Ukraine"): the event is about the second one. ("US
/// mediation in the talks" keeps the mediator.)
fn modifies_a_noun_for_another(toks: &LowerTokens, h: &ActorHit, right: &[&ActorHit]) -> bool {
    toks.kind(h.end) == TokenKind::Word
        && !doc_cap(toks, h.end)
        && matches!(toks.get(h.end + 1), "for" | "of")
        && right.iter().any(|o| o.start == h.end + 2 && o.code.is_some())
}

/// "police arrested 23 protesters", "two demonstrators were killed",
/// "authorities banned the rally": the people a protest noun names, or the
/// protest itself, acted on by another event of the sentence are that
/// event's target; their protest is its background.
fn participants_acted_on(toks: &LowerTokens, found: &[PatternMatch], pm: &PatternMatch) -> bool {
    if !pm.pattern.trigger_is_noun || MATCHER.kinds[pm.id] != Some(EventType::Protest) {
        return false;
    }
    let w = toks.get(pm.trigger);
    let names_people = w.ends_with("ers") || w.ends_with("ors") || w.ends_with("er") || w.ends_with("or");
    // people can be met, urged or attacked; a protest itself only banned, broken up or punished
    let other = |o: &PatternMatch| {
        MATCHER.kinds[o.id].is_some_and(|k| {
            if names_people {
                k != EventType::Protest
            } else {
                matches!(k, EventType::Coerce | EventType::Assault | EventType::Sanction)
            }
        })
    };
    let unbroken = |from: usize, to: usize| (from..to).all(|k| !matches!(toks.get(k), "," | ";" | ":" | "\"" | "and" | "who" | "which"));
    // the object of an act before it: "fired tear gas at hundreds of protesters"
    let object = found.iter().any(|o| other(o) && o.end <= pm.start && pm.start <= o.end + 4 && unbroken(o.end, pm.start));
    // the subject of a passive after it: "protesters were arrested"
    let patient = names_people
        && found.iter().any(|o| {
            other(o) && o.trigger >= pm.end && o.trigger <= pm.end + 3 && (pm.end..o.trigger).any(|k| is_be(toks.get(k))) && unbroken(pm.end, o.trigger)
        });
    object || patient
}

/// "the curfew was lifted", "sanctions will be eased": a restriction named
/// as the subject of its own easing is no new restriction imposed.
fn restriction_lifted(toks: &LowerTokens, found: &[PatternMatch], pm: &PatternMatch) -> bool {
    if !pm.pattern.trigger_is_noun || !matches!(MATCHER.kinds[pm.id], Some(EventType::Coerce | EventType::Sanction)) {
        return false;
    }
    found.iter().any(|o| {
        MATCHER.kinds[o.id] == Some(EventType::Concede)
            && o.trigger > pm.end
            && o.trigger <= pm.end + 3
            && (pm.end..o.trigger).any(|k| is_be(toks.get(k)))
            && (pm.end..o.trigger).all(|k| !matches!(toks.get(k), "," | ";" | ":" | "\"" | "and" | "who" | "which" | "that"))
    })
}

/// A protest candidate that is only a noun for the people protesting
/// ("protesters", "demonstrators", "strikers").
fn names_protesters(toks: &LowerTokens, c: &Candidate) -> bool {
    let w = toks.get(c.pm.trigger);
    c.kind == EventType::Protest && c.pm.pattern.trigger_is_noun && c.folded == 0 && (w.ends_with("ers") || w.ends_with("ors"))
}

/// "sanctions were eased", "the ban has been removed": a restriction as the
/// subject of a passive verb of easing (with no event pattern of its own;
/// the participles are the class `@eased` of `data/events/patterns.txt`).
fn restriction_eased(toks: &LowerTokens, sent_end: usize, pm: &PatternMatch) -> bool {
    // (a noun, though written as a verb pattern too: "the ban", "sanctions")
    let w = toks.get(pm.trigger);
    if pm.trigger + 1 != pm.end || w.ends_with("ed") || w.ends_with("ing") || !matches!(MATCHER.kinds[pm.id], Some(EventType::Coerce | EventType::Sanction)) {
        return false;
    }
    // the noun's own complement may come first: "restrictions on travel were eased"
    let last = (pm.end + 7).min(sent_end.saturating_sub(1));
    let mut be = false;
    for k in pm.end..=last {
        let w = toks.get(k);
        if is_be(w) {
            be = true;
        } else if be && MATCHER.in_class("eased", w) {
            return true;
        } else if be && !matches!(w, "partially" | "partly" | "fully" | "finally" | "gradually" | "further" | "also" | "now") {
            return false;
        } else if !w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') || matches!(w, "and" | "or" | "who" | "which" | "that" | "after" | "because") {
            return false;
        }
    }
    false
}

/// What makes two events of different sentences the same event: kind,
/// actors' countries and trigger word (in any case). (Earlier events are
/// compared one by one: a report has few, and no key is built per event.)
fn same_event(e: &Event, e_trigger: &str, other: &Event, other_trigger: &str) -> bool {
    e.kind == other.kind
        && e.source.country == other.source.country
        && e.target.country == other.target.country
        && e_trigger.eq_ignore_ascii_case(other_trigger)
}

/// "must" / "have to": an obligation, which is a demand when someone says
/// another must do something ("Russia said Sudan must return the helicopter").
fn is_obligation(toks: &LowerTokens, pm: &PatternMatch) -> bool {
    matches!(toks.get(pm.trigger), "must" | "have" | "has" | "had")
}

/// "the row will be discussed at a summit": a meeting noun after a future
/// passive with no agent ("will be raised by Kenya at the summit" has one)
fn foretold_in_passive(toks: &LowerTokens, a: usize, t: usize) -> bool {
    (a + 1..t.saturating_sub(1)).any(|k| {
        toks.get(k) == "be"
            && matches!(toks.get(k - 1), "will" | "would" | "shall" | "'ll")
            && {
                let p = toks.get(k + 1);
                p.ends_with("ed") || matches!(p, "held" | "taken" | "brought" | "put" | "made" | "seen")
            }
            // "would be honored to meet": an adjective with its complement
            && toks.get(k + 2) != "to"
            && !(k + 2..t).any(|j| toks.get(j) == "by")
    })
}

/// "will be held by the UN": a passive's agent named in the few words after its verb
fn passive_agent_named(toks: &LowerTokens, t: usize, b: usize) -> bool {
    (t + 1..b.min(t + 4)).any(|k| toks.get(k) == "by")
}

/// "will have to", "would also have to", "'ll have to": the future of
/// "must".
fn obligation_in_future(toks: &LowerTokens, a: usize, t: usize) -> bool {
    let mut j = t;
    while j > a && j + 3 > t {
        j -= 1;
        let w = toks.get(j);
        if matches!(w, "will" | "would" | "'ll" | "shall") {
            return true;
        }
        if !(w.ends_with("ly") || matches!(w, "also" | "still" | "then" | "now" | "first")) {
            return false;
        }
    }
    false
}

/// "told Washington's allies that they would have to", "warned Iraq it will
/// have to": the obligation is laid on a party the speaker addressed, named
/// right after the verb of telling.
fn told_a_party(toks: &LowerTokens, actors: &[ActorHit], a: usize, t: usize) -> bool {
    let from = a.max(t.saturating_sub(14));
    let Some(v) = (from..t).rev().find(|&k| matches!(toks.get(k), "told" | "tells" | "telling" | "warned" | "warns" | "warning" | "reminded" | "reminds")) else {
        return false;
    };
    let addressee = hits_in(actors, v + 1, (v + 3).min(t)).first().is_some_and(|h| !h.is_reference);
    // the one who "would have to" is the addressee, by a pronoun or by name
    // (not the speaker, "we", nor some third party, "the government")
    let Some(modal) = (v + 1..t).rev().find(|&k| matches!(toks.get(k), "will" | "would" | "'ll" | "shall")) else {
        return false;
    };
    let named = hits_in(actors, v + 1, modal).iter().any(|h| h.end == modal && !h.is_reference);
    addressee
        && !(v + 1..t).any(|k| matches!(toks.get(k), "we" | "i" | "\"" | ";"))
        && (matches!(toks.get(modal - 1), "they" | "it" | "he" | "she" | "you") || named)
}

fn obligation_is_request(toks: &LowerTokens, a: usize, t: usize) -> bool {
    let mut j = t;
    let mut said = false;
    while j > a {
        j -= 1;
        let w = toks.get(j);
        if matches!(w, "we" | "i" | "\"" | ";") && !said {
            return false;
        }
        if matches!(w, "said" | "says" | "told" | "tells" | "announced" | "declared" | "insisted" | "reiterated" | "concluded" | "reminder" | "warned" | "stressed" | "demanded") {
            said = true;
            break;
        }
    }
    // someone must be told to act: a name or a pronoun before "must"
    said && (j + 1..t).any(|k| toks.kind(k) == TokenKind::Word && (matches!(toks.get(k), "they" | "he" | "she" | "it" | "you") || toks.get(k).len() > 1 && doc_cap(toks, k)))
}

fn doc_cap(toks: &LowerTokens, k: usize) -> bool {
    toks.original(k).chars().next().is_some_and(char::is_uppercase)
}

/// "Buenos Aires had backed the deal as recently as 2024": a position (support,
/// opposition) in the past perfect that the reporter narrates (no one is
/// reported saying it) recalls a former stance as background to the news,
/// not an event of its own; the stance layer keeps the stance. (Acts keep
/// their events: "in 2005 the group had abducted two men"; and "He said
/// forces had shelled two villages" is a statement about an event.)
fn is_narrated_backstory(toks: &LowerTokens, a: usize, t: usize) -> bool {
    let mut j = t;
    // "had backed", "had long backed", "had been expelled"
    while j > a && (j == t || toks.get(j).ends_with("ly") || matches!(toks.get(j), "been" | "already" | "long" | "once" | "also" | "previously")) {
        if j < t && toks.get(j) == "had" {
            break;
        }
        j -= 1;
    }
    if toks.get(j) != "had" || j + 4 < t {
        return false;
    }
    !(a..j).any(|k| toks.flags(k) & words::SPEECH_VERB != 0 || matches!(toks.get(k), "\"" | "if" | "unless" | "when" | "after" | "because" | "since"))
}

fn past_perfect(toks: &LowerTokens, a: usize, t: usize) -> bool {
    (a..t).rev().take(4).any(|k| toks.get(k) == "had")
}

/// A short phrase for what an event is about: the words after it in its
/// clause, without leading articles.
fn object_phrase(doc: &Doc, toks: &LowerTokens, from: usize, to: usize) -> Option<String> {
    let mut a = from;
    while a < to && matches!(toks.get(a), "the" | "a" | "an" | "to" | "that" | "on" | "of") {
        a += 1;
    }
    let b = to.min(a + 8);
    (a < b).then(|| doc.slice(doc.tokens[a].span.cover(doc.tokens[b - 1].span)).to_string())
}


#[cfg(test)]
mod tests;
