//! The measures of `../shared/eval/score.py`, re-implemented from their
//! definitions so the project can score itself without Python and agree
//! with the independent scorer to the third decimal.
//!
//! Records and gold are handled as `serde_json::Value`: the scorer must
//! accept any schema-1 record (ours or another tool's), missing fields
//! included, exactly as the Python scorer does with `dict.get`.
//!
//! Details that matter for agreement with score.py:
//! - matching is greedy and one-to-one, pairs taken by descending
//!   `(score, gold index, predicted index)`: Python's `sorted(..., reverse=True)`;
//! - name normalisation (`norm`) lowercases, drops a leading article and
//!   collapses runs of characters other than word characters, `% . ' -`;
//! - alias tables keep first-insertion order (a Python dict), which decides
//!   which alias a surname resolves to.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use serde_json::Value;

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub predicted: usize,
    pub gold: usize,
}

/// Raw counts of one measure: `(true positives among predicted, predicted,
/// true positives among gold, gold)`. Precision and recall may be counted
/// against different gold subsets (see the corpus quote measures).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp_pred: usize,
    pub predicted: usize,
    pub tp_gold: usize,
    pub gold: usize,
}

impl Counts {
    pub fn prf(&self) -> Prf {
        prf(self.tp_pred, self.predicted, self.tp_gold, self.gold)
    }
}

pub fn prf(tp_p: usize, n_pred: usize, tp_g: usize, n_gold: usize) -> Prf {
    let p = if n_pred > 0 { tp_p as f64 / n_pred as f64 } else { 0.0 };
    let r = if n_gold > 0 { tp_g as f64 / n_gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { precision: p, recall: r, f1: f, predicted: n_pred, gold: n_gold }
}

/// Counts per measure, in the order measures were first added (the order
/// score.py prints them in).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    order: Vec<String>,
    counts: HashMap<String, Counts>,
    /// Gold documents that had no record (corpus mode).
    pub documents_without_record: usize,
}

impl Tally {
    pub fn add(&mut self, key: &str, tp_pred: usize, predicted: usize, tp_gold: usize, gold: usize) {
        let c = self.counts.entry(key.to_string()).or_insert_with(|| {
            self.order.push(key.to_string());
            Counts::default()
        });
        c.tp_pred += tp_pred;
        c.predicted += predicted;
        c.tp_gold += tp_gold;
        c.gold += gold;
    }

    pub fn add_counts(&mut self, key: &str, c: Counts) {
        self.add(key, c.tp_pred, c.predicted, c.tp_gold, c.gold);
    }

    /// Adds every measure of `other` into this tally (micro average).
    pub fn merge(&mut self, other: &Tally) {
        for (k, c) in other.iter() {
            self.add_counts(k, c);
        }
        self.documents_without_record += other.documents_without_record;
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Counts)> + '_ {
        self.order.iter().map(|k| (k.as_str(), self.counts[k]))
    }

    pub fn get(&self, key: &str) -> Option<Prf> {
        self.counts.get(key).map(Counts::prf)
    }

    pub fn results(&self) -> Vec<(String, Prf)> {
        self.iter().map(|(k, c)| (k.to_string(), c.prf())).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(the|a|an)\s+").expect("valid regex"));
// Python's `\w` is letters, numbers and `_` (`str.isalnum`): no combining
// marks, unlike the regex crate's `\w`
static NON_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\p{L}\p{N}_%.'-]+").expect("valid regex"));

/// score.py's `norm`: lowercase, straight apostrophe, no leading article,
/// non-word runs collapsed to one space, trimmed.
pub fn norm(s: &str) -> String {
    let lowered = s.to_lowercase().replace('\u{2019}', "'");
    let stripped = ARTICLE.replace(lowered.trim(), "");
    NON_WORD.replace_all(&stripped, " ").trim().to_string()
}

/// A JSON value as score.py's `norm` would see it (`s or ""`).
fn norm_value(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => norm(s),
        None | Some(Value::Null) | Some(Value::Bool(false)) => String::new(),
        Some(other) => norm(&other.to_string()),
    }
}

/// `[start, end)` of a JSON span, if it is one.
pub fn span_of(v: Option<&Value>) -> Option<(f64, f64)> {
    let a = v?.as_array()?;
    Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
}

pub fn iou(a: (f64, f64), b: (f64, f64)) -> f64 {
    let inter = (a.1.min(b.1) - a.0.max(b.0)).max(0.0);
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union != 0.0 {
        inter / union
    } else {
        0.0
    }
}

fn iou_of(g: &Value, p: &Value) -> f64 {
    match (span_of(g.get("span")), span_of(p.get("span"))) {
        (Some(a), Some(b)) => iou(a, b),
        _ => 0.0,
    }
}

/// IoU when it is at least one half, else 0: the quote matching score.
fn half_iou(g: &Value, p: &Value) -> f64 {
    let x = iou_of(g, p);
    if x >= 0.5 {
        x
    } else {
        0.0
    }
}

/// Greedy one-to-one matching: pairs by descending score (ties: higher gold
/// index, then higher predicted index first); a score ≤ 0 is no match.
pub fn greedy_match<G, P>(gold: &[G], pred: &[P], score: impl Fn(&G, &P) -> f64) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let s = score(g, p);
            if s > 0.0 {
                pairs.push((s, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let mut used_g = HashSet::new();
    let mut used_p = HashSet::new();
    let mut out = Vec::new();
    for (_, gi, pi) in pairs {
        if used_g.contains(&gi) || used_p.contains(&pi) {
            continue;
        }
        used_g.insert(gi);
        used_p.insert(pi);
        out.push((gi, pi));
    }
    out
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The predicted speaker's name: `speaker_name`, or the name of the entity
/// `speaker` points to, or `speaker` itself when it is a string.
pub fn speaker_of(pred_doc: &Value, q: &Value) -> Option<String> {
    if truthy(q.get("speaker_name")) {
        return q.get("speaker_name").map(as_text);
    }
    let sid = q.get("speaker").filter(|v| !v.is_null());
    if let Some(sid) = sid {
        for e in array(pred_doc, "entities") {
            if e.get("id") == Some(sid) {
                return e.get("name").filter(|v| !v.is_null()).map(as_text);
            }
        }
    }
    match sid {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Normalised gold name or alias → canonical gold name, in first-insertion
/// order (a later duplicate updates the value, keeps the place).
#[derive(Debug, Default)]
pub struct Aliases {
    order: Vec<String>,
    canonical: HashMap<String, String>,
}

impl Aliases {
    pub fn of_gold(gold: &Value) -> Aliases {
        let mut a = Aliases::default();
        for e in array(gold, "entities") {
            let name = e.get("name").map(as_text).unwrap_or_default();
            let mut names = vec![name.clone()];
            names.extend(array(e, "aliases").iter().map(as_text));
            for n in names {
                let k = norm(&n);
                if !a.canonical.contains_key(&k) {
                    a.order.push(k.clone());
                }
                a.canonical.insert(k, name.clone());
            }
        }
        a
    }

    /// The canonical gold name `name` refers to: exact after normalisation,
    /// or as a surname / longer form of a known name.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        let n = norm(name);
        if let Some(v) = self.canonical.get(&n) {
            return Some(v);
        }
        if n.is_empty() {
            return None;
        }
        let with_space = format!(" {n}");
        for k in &self.order {
            if n.ends_with(&format!(" {k}")) || k.ends_with(&with_space) {
                return Some(&self.canonical[k]);
            }
        }
        None
    }
}

fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    fn num(v: Option<&Value>) -> Option<f64> {
        match v? {
            Value::Number(n) => n.as_f64(),
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::String(s) => s.trim().replace('_', "").parse::<f64>().ok(),
            _ => None,
        }
    }
    fn text(v: Option<&Value>) -> String {
        match v {
            None | Some(Value::Null) => "None".to_string(),
            Some(Value::Bool(true)) => "True".to_string(),
            Some(Value::Bool(false)) => "False".to_string(),
            Some(v) => as_text(v),
        }
    }
    match (num(a), num(b)) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => text(a).trim().to_lowercase() == text(b).trim().to_lowercase(),
    }
}

const STANCE_STOPWORDS: [&str; 8] = ["of", "the", "to", "for", "a", "in", "its", "on"];

fn content_words(s: &str) -> HashSet<String> {
    norm(s).split_whitespace().filter(|w| !STANCE_STOPWORDS.contains(w)).map(str::to_string).collect()
}

/// An actor's country code as a JSON value: `country` of an object, or the
/// value itself.
fn actor_code(v: Option<&Value>) -> Option<&Value> {
    match v {
        Some(Value::Object(o)) => o.get("country").filter(|c| !c.is_null()),
        Some(Value::Null) | None => None,
        Some(other) => Some(other),
    }
}

/// One report against its gold (`../shared/examples/gold/*.json`): quotes,
/// speakers, entities, events, stances and facts.
pub fn score_report(gold: &Value, pred: &Value) -> Tally {
    let mut t = Tally::default();
    let aliases = Aliases::of_gold(gold);
    let (gq, pq) = (array(gold, "quotes"), array(pred, "quotes"));
    let m = greedy_match(gq, pq, half_iou);
    t.add("quotes", m.len(), pq.len(), m.len(), gq.len());
    let good = m
        .iter()
        .filter(|&&(gi, pi)| {
            let got = aliases.resolve(&speaker_of(pred, &pq[pi]).unwrap_or_default()).map(str::to_string);
            let want_name = gq[gi].get("speaker").filter(|v| !v.is_null()).map(as_text).unwrap_or_default();
            got.as_deref() == aliases.resolve(&want_name)
        })
        .count();
    t.add("quotes+speaker", good, pq.len(), good, gq.len());
    for kind in ["direct", "indirect"] {
        let g_k: Vec<&Value> = gq.iter().filter(|g| g.get("kind").and_then(Value::as_str) == Some(kind)).collect();
        let p_k: Vec<&Value> = pq.iter().filter(|p| p.get("kind").and_then(Value::as_str) == Some(kind)).collect();
        let mk = greedy_match(&g_k, &p_k, |g, p| half_iou(g, p));
        t.add(&format!("quotes.{kind}"), mk.len(), p_k.len(), mk.len(), g_k.len());
    }

    let (ge, pe) = (array(gold, "entities"), array(pred, "entities"));
    let m = greedy_match(ge, pe, |g, p| {
        let mut names: HashSet<String> = HashSet::new();
        names.insert(norm_value(g.get("name")));
        names.extend(array(g, "aliases").iter().map(|a| norm(&as_text(a))));
        if names.contains(&norm_value(p.get("name"))) {
            1.0
        } else {
            0.0
        }
    });
    let typed = m.iter().filter(|&&(gi, pi)| pe[pi].get("type") == ge[gi].get("type")).count();
    // entities the gold does not list are not counted against precision
    let listed = pe
        .iter()
        .filter(|p| {
            let name = p.get("name").filter(|v| truthy(Some(v))).map(as_text).unwrap_or_default();
            aliases.resolve(&name).is_some_and(|c| !c.is_empty())
        })
        .count();
    t.add("entities", m.len(), listed, m.len(), ge.len());
    t.add("entities+type", typed, listed, typed, ge.len());

    let (gv, pv) = (array(gold, "events"), array(pred, "events"));
    let m = greedy_match(gv, pv, |g, p| {
        if p.get("type").filter(|v| !v.is_null()) != g.get("type").filter(|v| !v.is_null()) {
            return 0.0;
        }
        if actor_code(p.get("source")) != g.get("source").filter(|v| !v.is_null())
            || actor_code(p.get("target")) != g.get("target").filter(|v| !v.is_null())
        {
            return 0.0;
        }
        let x = iou_of(g, p);
        if truthy(p.get("span")) && x > 0.0 {
            1.0 + x
        } else {
            0.0
        }
    });
    t.add("events", m.len(), pv.len(), m.len(), gv.len());

    let (gs, ps) = (array(gold, "stances"), array(pred, "stances"));
    let m = greedy_match(gs, ps, |g, p| {
        let holder = if truthy(p.get("holder_name")) { p.get("holder_name") } else { p.get("holder") };
        let holder = holder.filter(|v| truthy(Some(v))).map(as_text).unwrap_or_default();
        let want = g.get("holder").map(as_text).unwrap_or_default();
        if aliases.resolve(&holder) != aliases.resolve(&want) {
            return 0.0;
        }
        if p.get("polarity").filter(|v| !v.is_null()) != g.get("polarity").filter(|v| !v.is_null()) {
            return 0.0;
        }
        let gw = content_words(&g.get("target").map(as_text).unwrap_or_default());
        let pw = content_words(&p.get("target").filter(|v| truthy(Some(v))).map(as_text).unwrap_or_default());
        let ov = if gw.is_empty() { 0.0 } else { gw.intersection(&pw).count() as f64 / gw.len() as f64 };
        if ov >= 0.5 {
            ov
        } else {
            0.0
        }
    });
    t.add("stances", m.len(), ps.len(), m.len(), gs.len());

    let (gf, pf) = (array(gold, "facts"), array(pred, "facts"));
    let m = greedy_match(gf, pf, |g, p| {
        if !truthy(p.get("span")) || iou_of(g, p) < 0.3 {
            return 0.0;
        }
        if same_value(p.get("value"), g.get("value")) {
            1.0
        } else {
            0.0
        }
    });
    t.add("facts", m.len(), pf.len(), m.len(), gf.len());
    t
}

/// CoNLL type of a record entity type.
pub fn ner_type(kind: Option<&str>) -> &'static str {
    match kind {
        Some("PERSON") => "PER",
        Some("ORGANIZATION") => "ORG",
        Some("COUNTRY") | Some("LOCATION") => "LOC",
        _ => "MISC",
    }
}

fn overlaps(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (span_of(a), span_of(b)) {
        (Some(a), Some(b)) => a.1.min(b.1) > a.0.max(b.0),
        _ => false,
    }
}

fn corpus_quotes(t: &mut Tally, g: &Value, p: &Value) {
    let (gq, pq) = (array(g, "quotes"), array(p, "quotes"));
    let speech: Vec<&Value> = gq.iter().filter(|q| truthy(q.get("speech"))).collect();
    // precision against every attribution the gold holds, recall against speech only
    let m_all = greedy_match(gq, pq, half_iou);
    let m_sp = greedy_match(&speech, pq, |a, b| half_iou(a, b));
    t.add("quotes", m_all.len(), pq.len(), m_sp.len(), speech.len());
    let spk_ok = |gold_q: &Value, pred_q: &Value| -> bool {
        let no = |k: &str| gold_q.get(k).is_none_or(Value::is_null);
        if no("speaker_span") && no("speaker") {
            return !truthy(speaker_of(p, pred_q).map(Value::String).as_ref());
        }
        if overlaps(pred_q.get("speaker_span"), gold_q.get("speaker_span")) {
            return true;
        }
        let name = norm(&speaker_of(p, pred_q).unwrap_or_default());
        let want_v = if truthy(gold_q.get("speaker")) { gold_q.get("speaker") } else { gold_q.get("speaker_text") };
        let want = norm_value(want_v);
        !name.is_empty()
            && !want.is_empty()
            && (name == want || name.ends_with(&format!(" {want}")) || want.ends_with(&format!(" {name}")))
    };
    let good_all = m_all.iter().filter(|&&(gi, pi)| spk_ok(&gq[gi], &pq[pi])).count();
    let good_sp = m_sp.iter().filter(|&&(gi, pi)| spk_ok(speech[gi], &pq[pi])).count();
    t.add("quotes+speaker", good_all, pq.len(), good_sp, speech.len());
    let cue_all = m_all.iter().filter(|&&(gi, pi)| overlaps(gq[gi].get("cue_span"), pq[pi].get("cue_span"))).count();
    let cue_sp = m_sp.iter().filter(|&&(gi, pi)| overlaps(speech[gi].get("cue_span"), pq[pi].get("cue_span"))).count();
    t.add("quotes+cue", cue_all, pq.len(), cue_sp, speech.len());
    let named: Vec<&Value> = gq.iter().filter(|q| truthy(q.get("speaker"))).collect();
    if !named.is_empty() {
        let m_n = greedy_match(&named, pq, |a, b| half_iou(a, b));
        let res = m_n
            .iter()
            .filter(|&&(gi, pi)| {
                let got = speaker_of(p, &pq[pi]);
                let want = norm_value(named[gi].get("speaker"));
                norm(got.as_deref().unwrap_or("")) == want
                    || want.ends_with(&format!(" {}", norm(got.as_deref().filter(|s| !s.is_empty()).unwrap_or("-"))))
            })
            .count();
        t.add("quotes+resolved_speaker", res, pq.len(), res, named.len());
    }
}

type MentionKey = (i64, i64, &'static str);

fn gold_type(s: &str) -> &'static str {
    match s {
        "PER" => "PER",
        "ORG" => "ORG",
        "LOC" => "LOC",
        "MISC" => "MISC",
        _ => "OTHER",
    }
}

fn span_ints(v: Option<&Value>) -> Option<(i64, i64)> {
    let a = v?.as_array()?;
    Some((a.first()?.as_i64()?, a.get(1)?.as_i64()?))
}

fn corpus_mentions(t: &mut Tally, g: &Value, p: &Value) {
    let gold: HashSet<MentionKey> = array(g, "mentions")
        .iter()
        .filter_map(|m| {
            let (a, b) = span_ints(m.get("span"))?;
            Some((a, b, gold_type(m.get("type").and_then(Value::as_str).unwrap_or(""))))
        })
        .collect();
    let mut pred: HashSet<MentionKey> = HashSet::new();
    for e in array(p, "entities") {
        let ty = ner_type(e.get("type").and_then(Value::as_str));
        for sp in array(e, "mentions") {
            if let Some((a, b)) = span_ints(Some(sp)) {
                pred.insert((a, b, ty));
            }
        }
    }
    let tp = gold.intersection(&pred).count();
    t.add("mentions", tp, pred.len(), tp, gold.len());
    for ty in ["PER", "ORG", "LOC", "MISC"] {
        let gs: HashSet<_> = gold.iter().filter(|x| x.2 == ty).collect();
        let ps: HashSet<_> = pred.iter().filter(|x| x.2 == ty).collect();
        let tp = gs.intersection(&ps).count();
        t.add(&format!("mentions.{ty}"), tp, ps.len(), tp, gs.len());
    }
    let gs: HashSet<(i64, i64)> = gold.iter().map(|x| (x.0, x.1)).collect();
    let ps: HashSet<(i64, i64)> = pred.iter().map(|x| (x.0, x.1)).collect();
    let tp = gs.intersection(&ps).count();
    t.add("mentions.untyped", tp, ps.len(), tp, gs.len());
}

type EventKey = (Option<String>, Option<String>, Option<String>);

fn event_key(e: &Value, with_actors: bool) -> EventKey {
    let code = |v: Option<&Value>| -> Option<String> {
        let c = actor_code(v).map(as_text).unwrap_or_default();
        let c: String = c.chars().take(3).collect();
        (!c.is_empty()).then_some(c)
    };
    let ty = e.get("type").filter(|v| !v.is_null()).map(as_text);
    if with_actors {
        (ty, code(e.get("source")), code(e.get("target")))
    } else {
        (ty, None, None)
    }
}

fn corpus_events(t: &mut Tally, g: &Value, p: &Value) {
    let gold: Vec<&Value> = array(g, "events").iter().filter(|e| truthy(e.get("type"))).collect();
    let pv = array(p, "events");
    for (name, wa) in [("events.type", false), ("events.type+actors", true)] {
        let gs: HashSet<EventKey> = gold.iter().map(|e| event_key(e, wa)).collect();
        let ps: HashSet<EventKey> = pv.iter().map(|e| event_key(e, wa)).collect();
        let tp = gs.intersection(&ps).count();
        t.add(name, tp, ps.len(), tp, gs.len());
    }
}

fn corpus_label(t: &mut Tally, g: &Value, p: &Value) {
    let want = g.get("label").and_then(|l| l.get("type")).filter(|v| !v.is_null()).map(as_text);
    let types: Vec<Option<String>> =
        array(p, "events").iter().map(|e| e.get("type").filter(|v| !v.is_null()).map(as_text)).collect();
    let hit = usize::from(types.contains(&want));
    t.add("label.recall", hit, usize::from(!types.is_empty()), hit, 1);
    // the most frequent type; score.py breaks ties in set order (arbitrary),
    // here the first to reach the top count wins
    let mut counts: Vec<(&Option<String>, usize)> = Vec::new();
    for ty in &types {
        match counts.iter_mut().find(|(k, _)| *k == ty) {
            Some(c) => c.1 += 1,
            None => counts.push((ty, 1)),
        }
    }
    let top = counts.iter().fold(None, |best: Option<(&Option<String>, usize)>, &(k, n)| match best {
        Some((_, bn)) if bn >= n => best,
        _ => Some((k, n)),
    });
    let top = top.and_then(|(k, _)| k.as_ref());
    let right = usize::from(top.is_some() && top == want.as_ref());
    t.add("label.top1", right, usize::from(top.is_some()), right, 1);
}

/// One gold document of a JSON Lines gold set against its record (`None`
/// when the extractor wrote no record for it: everything missed).
pub fn score_corpus_doc(t: &mut Tally, gold: &Value, pred: Option<&Value>) {
    let empty = Value::Object(Default::default());
    let p = match pred {
        Some(p) => p,
        None => {
            t.documents_without_record += 1;
            &empty
        }
    };
    if gold.get("quotes").is_some() {
        corpus_quotes(t, gold, p);
    }
    if gold.get("mentions").is_some() {
        corpus_mentions(t, gold, p);
    }
    if gold.get("events").is_some() {
        corpus_events(t, gold, p);
    }
    if gold.get("label").is_some() {
        corpus_label(t, gold, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_matches_score_py() {
        assert_eq!(norm("  The  U.S.-led NATO  "), "u.s.-led nato");
        assert_eq!(norm("Ukraine’s"), "ukraine's");
        assert_eq!(norm("A B & C"), "b c");
        assert_eq!(norm("A, B"), "a b");
        assert_eq!(norm("Jose\u{301} Martí_2"), "jose martí_2");
        assert_eq!(norm("an"), "an");
    }

    #[test]
    fn greedy_match_takes_best_pairs_first() {
        let gold = [(0.0, 10.0), (10.0, 20.0)];
        let pred = [(0.0, 12.0), (9.0, 20.0), (0.0, 9.0)];
        let m = greedy_match(&gold, &pred, |g, p| {
            let x = iou(*g, *p);
            if x >= 0.5 {
                x
            } else {
                0.0
            }
        });
        assert_eq!(m, vec![(1, 1), (0, 2)]);
    }

    #[test]
    fn aliases_resolve_surnames_and_long_forms() {
        let gold = json!({"entities": [{"name": "Pete Hegseth", "aliases": ["Hegseth"]}, {"name": "NATO", "aliases": []}]});
        let a = Aliases::of_gold(&gold);
        assert_eq!(a.resolve("hegseth"), Some("Pete Hegseth"));
        assert_eq!(a.resolve("Defense Secretary Pete Hegseth"), Some("Pete Hegseth"));
        assert_eq!(a.resolve("the NATO"), Some("NATO"));
        assert_eq!(a.resolve("Kyiv"), None);
    }

    #[test]
    fn report_quotes_and_speakers() {
        let gold = json!({
            "entities": [{"name": "Ada Vell", "type": "PERSON", "aliases": ["Vell"]}],
            "quotes": [{"kind": "direct", "span": [10, 30], "speaker": "Ada Vell"},
                       {"kind": "indirect", "span": [40, 60], "speaker": "Ada Vell"}],
        });
        let pred = json!({
            "entities": [{"id": "E1", "name": "Vell", "type": "PERSON"}],
            "quotes": [{"kind": "direct", "span": [11, 30], "speaker": "E1"},
                       {"kind": "direct", "span": [70, 80], "speaker_name": "Someone"}],
        });
        let t = score_report(&gold, &pred);
        let q = t.get("quotes").unwrap();
        assert_eq!((q.precision, q.recall), (0.5, 0.5));
        assert_eq!(t.get("quotes+speaker").unwrap().recall, 0.5);
        assert_eq!(t.get("quotes.direct").unwrap().recall, 1.0);
        assert_eq!(t.get("quotes.indirect").unwrap().predicted, 0);
        let e = t.get("entities+type").unwrap();
        assert_eq!((e.precision, e.recall), (1.0, 1.0));
    }

    #[test]
    fn corpus_precision_counts_any_attribution_recall_speech_only() {
        let gold = json!({"quotes": [
            {"span": [0, 10], "speaker_span": [20, 25], "speaker_text": "Ann", "cue_span": [26, 30], "speech": true},
            {"span": [40, 50], "speaker_span": [60, 65], "speaker_text": "Bob", "cue_span": [66, 70], "speech": false}]});
        let pred = json!({"quotes": [
            {"span": [0, 10], "speaker_span": [20, 23], "cue_span": [0, 1]},
            {"span": [41, 50], "speaker_name": "bob", "cue_span": [66, 68]}]});
        let mut t = Tally::default();
        score_corpus_doc(&mut t, &gold, Some(&pred));
        let q = t.get("quotes").unwrap();
        assert_eq!((q.precision, q.recall), (1.0, 1.0));
        assert_eq!(t.get("quotes+speaker").unwrap().precision, 1.0);
        let c = t.get("quotes+cue").unwrap();
        assert_eq!((c.precision, c.recall), (0.5, 0.0));
        assert!(t.get("quotes+resolved_speaker").is_none());
    }

    #[test]
    fn corpus_mentions_events_and_label() {
        let gold = json!({"mentions": [{"span": [0, 5], "type": "PER"}, {"span": [10, 15], "type": "LOC"}],
                          "events": [{"type": "AGREE", "source": "HUN", "target": null}],
                          "label": {"type": "AGREE"}});
        let pred = json!({"entities": [{"type": "PERSON", "mentions": [[0, 5]]}, {"type": "ORGANIZATION", "mentions": [[10, 15]]}],
                          "events": [{"type": "AGREE", "source": {"country": "HUNGARY"}, "target": {"country": null}},
                                     {"type": "CONSULT", "source": {}, "target": {}},
                                     {"type": "AGREE", "source": {}, "target": {}}]});
        let mut t = Tally::default();
        score_corpus_doc(&mut t, &gold, Some(&pred));
        assert_eq!(t.get("mentions").unwrap().recall, 0.5);
        assert_eq!(t.get("mentions.untyped").unwrap().recall, 1.0);
        assert_eq!(t.get("events.type").unwrap().precision, 0.5);
        assert_eq!(t.get("events.type+actors").unwrap().recall, 1.0);
        assert_eq!(t.get("label.top1").unwrap().recall, 1.0);
        score_corpus_doc(&mut t, &gold, None);
        assert_eq!(t.documents_without_record, 1);
        assert_eq!(t.get("label.recall").unwrap().recall, 0.5);
    }
}
