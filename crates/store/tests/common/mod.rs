//! Hand-written fixture records over small invented reports (the people
//! are fictional), with spans computed from the text so they are exact.
#![allow(dead_code)]

use dateline_record::{
    ActorRecord, EntityRecord, EventRecord, FactRecord, QuoteRecord, Record, StanceRecord,
};

/// Code-point span of the first `needle` in `text`.
pub fn span(text: &str, needle: &str) -> [usize; 2] {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture text"));
    let a = text[..at].chars().count();
    [a, a + needle.chars().count()]
}

pub fn entity(
    text: &str,
    id: &str,
    name: &str,
    kind: &str,
    country: Option<&str>,
    named_as: &[&str],
) -> EntityRecord {
    EntityRecord {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        country: country.map(Into::into),
        sector: None,
        role: None,
        mentions: named_as.iter().map(|n| span(text, n)).collect(),
        references: vec![],
    }
}

pub fn quote(text: &str, words: &str, speaker: Option<(&str, &str)>, cue: &str) -> QuoteRecord {
    QuoteRecord {
        kind: "direct".into(),
        span: span(text, words),
        text: words.into(),
        speaker: speaker.map(|s| s.0.into()),
        speaker_name: speaker.map(|s| s.1.into()),
        speaker_span: None,
        cue: Some(cue.into()),
        cue_span: Some(span(text, cue)),
        addressee: None,
        addressee_span: None,
    }
}

pub fn stance(
    text: &str,
    words: &str,
    holder: (&str, &str),
    issue: &str,
    polarity: &str,
) -> StanceRecord {
    StanceRecord {
        holder: Some(holder.0.into()),
        holder_name: Some(holder.1.into()),
        target: issue.replace('_', " "),
        issue: issue.into(),
        polarity: polarity.into(),
        span: span(text, words),
        text: words.into(),
        cue_span: None,
        quote: Some(0),
        shift_from: None,
    }
}

pub fn event(
    text: &str,
    words: &str,
    kind: &str,
    source: (&str, &str),
    target: (&str, &str),
    date: &str,
) -> EventRecord {
    EventRecord {
        kind: kind.into(),
        mode: None,
        source: ActorRecord {
            entity: Some(source.0.into()),
            country: Some(source.1.into()),
            sector: None,
        },
        target: ActorRecord {
            entity: Some(target.0.into()),
            country: Some(target.1.into()),
            sector: None,
        },
        date: Some(date.into()),
        place: None,
        span: span(text, words),
        text: words.into(),
        trigger_span: None,
        status: "asserted".into(),
        issue: None,
        quote: None,
    }
}

fn record(id: &str, date: &str) -> Record {
    Record {
        schema: 1,
        id: id.into(),
        source: format!("fixtures/{id}.txt"),
        date: Some(date.into()),
        dateline: Some("VALDORA".into()),
        title: None,
        entities: vec![],
        quotes: vec![],
        events: vec![],
        stances: vec![],
        facts: vec![],
        warnings: vec![],
    }
}

/// Three invented reports over two months (fictional people): a French
/// minister first backs, then rejects, a grain corridor; events between
/// France and Germany; one count fact.
pub fn reports() -> Vec<(String, Record)> {
    let mut out = Vec::new();

    let t1 = "VALDORA, March 3 - Foreign Minister Ana Kessler said on Monday that France backs the grain corridor. \"We support the corridor without conditions,\" Kessler told reporters. Germany welcomed the move.".to_string();
    let mut r1 = record("r1", "2025-03-03");
    r1.entities = vec![
        entity(
            &t1,
            "E1",
            "Ana Kessler",
            "PERSON",
            Some("FRA"),
            &["Ana Kessler", "Kessler told"],
        ),
        entity(&t1, "E2", "France", "COUNTRY", Some("FRA"), &["France"]),
        entity(&t1, "E3", "Germany", "COUNTRY", Some("DEU"), &["Germany"]),
    ];
    r1.entities[0].mentions[1][1] -= " told".chars().count();
    r1.quotes = vec![quote(
        &t1,
        "We support the corridor without conditions,",
        Some(("E1", "Ana Kessler")),
        "told",
    )];
    r1.stances = vec![stance(
        &t1,
        "We support the corridor without conditions,",
        ("E1", "Ana Kessler"),
        "grain_corridor",
        "for",
    )];
    r1.events = vec![event(
        &t1,
        "Germany welcomed the move",
        "SUPPORT",
        ("E3", "DEU"),
        ("E2", "FRA"),
        "2025-03-03",
    )];
    out.push((t1, r1));

    let t2 = "VALDORA, April 14 - Ana Kessler said France would not sign the grain corridor deal. \"This corridor is a trap for our farmers,\" Kessler said. France accused Germany of bad faith and about 200 farmers protested.".to_string();
    let mut r2 = record("r2", "2025-04-14");
    r2.entities = vec![
        entity(
            &t2,
            "E1",
            "Ana Kessler",
            "PERSON",
            Some("FRA"),
            &["Ana Kessler"],
        ),
        entity(&t2, "E2", "France", "COUNTRY", Some("FRA"), &["France"]),
        entity(&t2, "E3", "Germany", "COUNTRY", Some("DEU"), &["Germany"]),
    ];
    r2.quotes = vec![quote(
        &t2,
        "This corridor is a trap for our farmers,",
        Some(("E1", "Ana Kessler")),
        "said",
    )];
    r2.stances = vec![stance(
        &t2,
        "This corridor is a trap for our farmers,",
        ("E1", "Ana Kessler"),
        "grain_corridor",
        "against",
    )];
    r2.events = vec![event(
        &t2,
        "France accused Germany of bad faith",
        "ACCUSE",
        ("E2", "FRA"),
        ("E3", "DEU"),
        "2025-04-14",
    )];
    r2.facts = vec![FactRecord {
        kind: "count".into(),
        text: "about 200 farmers".into(),
        value: serde_json::json!(200),
        unit: Some("farmers".into()),
        qualifier: Some("about".into()),
        of: None,
        holder: None,
        span: span(&t2, "about 200 farmers"),
    }];
    out.push((t2, r2));

    let t3 = "VALDORA, April 20 - A spokesman, Piet Okafor, said talks would go on. \"Nothing is decided,\" he said, adding that France hoped to meet Germany soon.".to_string();
    let mut r3 = record("r3", "2025-04-20");
    r3.entities = vec![
        entity(&t3, "E1", "Piet Okafor", "PERSON", None, &["Piet Okafor"]),
        entity(&t3, "E2", "France", "COUNTRY", Some("FRA"), &["France"]),
        entity(&t3, "E3", "Germany", "COUNTRY", Some("DEU"), &["Germany"]),
    ];
    r3.quotes = vec![quote(
        &t3,
        "Nothing is decided,",
        Some(("E1", "Piet Okafor")),
        "said",
    )];
    r3.events = vec![event(
        &t3,
        "France hoped to meet Germany soon",
        "CONSULT",
        ("E2", "FRA"),
        ("E3", "DEU"),
        "2025-04-20",
    )];
    out.push((t3, r3));

    for (t, r) in &out {
        r.check_spans(t).expect("fixture spans are exact");
    }
    out
}
