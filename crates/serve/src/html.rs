//! Web pages rendered on the server: home, search, report, actor.
//!
//! Why server-rendered: the pages must work from the one binary with no
//! build step and no network, and be checkable with `--dump-dom`. The
//! little JavaScript there is only dims other speakers' quotes on a click.
//! Every piece of stored text goes through [`escape`].

use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::{Path, State};
use axum::response::Html;
use dateline_store::{ActorSummary, QuoteRow, Shift, StanceRow, StoredDocument};
use serde::Deserialize;

use crate::api::{document_id, params, SearchParams, Q};
use crate::{ApiError, AppState};

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query value.
fn url(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

const STYLE: &str = r#"
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222}
header a{margin-right:1rem} form{margin:1rem 0} input[type=search]{width:24rem;padding:.3rem}
.text{white-space:pre-wrap;line-height:1.6;border:1px solid #ddd;padding:1rem;background:#fcfcfc}
.q{border-radius:3px} .sp0{background:#ffe9a8}.sp1{background:#c9e7ff}.sp2{background:#d7f5c9}.sp3{background:#f8d0e8}
.sp4{background:#e3d7ff}.sp5{background:#ffd9c2}.sp6{background:#d0f0ef}.sp7{background:#eeeeee}
.ent{border-bottom:2px solid #5a7} .ev{outline:1px dashed #c33} .fact{font-weight:bold} .st{font-style:italic}
.dim .q{background:none} .legend span{cursor:pointer;padding:.1rem .4rem;margin-right:.4rem}
table{border-collapse:collapse;margin:.5rem 0} td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
mark{background:#ff0} .for{fill:#2a8a3a} .against{fill:#c0392b} .muted{color:#777}
"#;

const SCRIPT: &str = r#"
document.querySelectorAll('.legend span[data-sp]').forEach(function(el){
  el.addEventListener('click', function(){
    var sp = el.getAttribute('data-sp');
    document.querySelectorAll('.text .q').forEach(function(q){
      q.style.opacity = (q.classList.contains(sp) || document.body.dataset.sp === sp) ? '' : '0.35';
    });
    document.body.dataset.sp = (document.body.dataset.sp === sp) ? '' : sp;
  });
});
"#;

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} - dateline</title><style>{STYLE}</style></head>\
         <body><header><a href=\"/\">dateline</a><a href=\"/openapi.json\">API</a></header>\
         <form action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"Search reports and quotes\"> <button>Search</button></form>\
         {body}<script>{SCRIPT}</script></body></html>",
        t = escape(title)
    ))
}

fn actor_link(name: &str) -> String {
    format!("<a href=\"/actor?name={}\">{}</a>", url(name), escape(name))
}

pub(crate) async fn home(State(s): State<AppState>) -> Result<Html<String>, ApiError> {
    let (docs, actors, issues) = s
        .read(|st| {
            Ok((
                st.documents(Some(50), 0)?,
                st.actors(Some(30))?,
                st.issues()?,
            ))
        })
        .await?;
    let mut b =
        String::from("<h1>Reports</h1><table><tr><th>Date</th><th>Report</th><th>Source</th></tr>");
    for d in &docs {
        let _ = write!(
            b,
            "<tr><td>{}</td><td><a href=\"/report/{}\">{}</a></td><td class=\"muted\">{}</td></tr>",
            escape(d.date.as_deref().unwrap_or("")),
            d.document,
            escape(&d.headline),
            escape(&d.source)
        );
    }
    b.push_str("</table><h2>Actors</h2><p>");
    b.push_str(
        &actors
            .iter()
            .map(|a: &ActorSummary| actor_link(&a.name))
            .collect::<Vec<_>>()
            .join(" · "),
    );
    b.push_str("</p><h2>Issues</h2><table><tr><th>Issue</th><th>Stances</th><th>For</th><th>Against</th><th>Events</th></tr>");
    for i in &issues {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&i.issue),
            i.stances,
            i.for_,
            i.against,
            i.events
        );
    }
    b.push_str("</table>");
    Ok(page("Reports", &b))
}

/// Escapes a search snippet and turns its match markers into `<mark>`.
fn snippet_html(snippet: &str) -> String {
    escape(snippet)
        .replace('\u{1}', "<mark>")
        .replace('\u{2}', "</mark>")
}

pub(crate) async fn search(
    State(s): State<AppState>,
    q: Q<SearchParams>,
) -> Result<Html<String>, ApiError> {
    let p = params(q)?;
    let text = p.q.unwrap_or_default();
    if text.trim().is_empty() {
        return Ok(page("Search", "<p>Type words to search for.</p>"));
    }
    let query = text.clone();
    let hits = s
        .read(move |st| st.search(&query, p.limit.or(Some(50))))
        .await?;
    let mut b = format!(
        "<h1>Search: {}</h1><p id=\"count\">{} results</p><ol class=\"hits\">",
        escape(&text),
        hits.len()
    );
    for h in &hits {
        let (href, what) = match (h.quote_idx, &h.speaker) {
            (Some(i), Some(sp)) => (
                format!("/report/{}#q{i}", h.document),
                format!("quote by {}", escape(sp)),
            ),
            (Some(i), None) => (format!("/report/{}#q{i}", h.document), "quote".to_string()),
            _ => (format!("/report/{}", h.document), "report".to_string()),
        };
        let _ = write!(
            b,
            "<li><a class=\"hit\" href=\"{href}\">{}</a> <span class=\"muted\">{what}, {}</span><br>{}</li>",
            escape(&h.headline),
            escape(h.date.as_deref().unwrap_or("undated")),
            snippet_html(&h.snippet)
        );
    }
    b.push_str("</ol>");
    Ok(page(&format!("Search: {text}"), &b))
}

/// A span of the text to mark: code points `[start, end)`.
struct Mark {
    start: usize,
    end: usize,
    class: String,
    anchor: Option<String>,
    title: String,
}

/// The document text with every record marked. Overlapping records split
/// the text at every boundary; each piece carries the classes of all the
/// records over it, and each record's anchor sits where it starts.
fn marked_text(text: &str, marks: &[Mark]) -> String {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = byte_at.len() - 1;
    let mut cuts: Vec<usize> = vec![0, n];
    for m in marks {
        cuts.push(m.start.min(n));
        cuts.push(m.end.min(n));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        for m in marks.iter().filter(|m| m.start == a) {
            if let Some(anchor) = &m.anchor {
                let _ = write!(out, "<a id=\"{anchor}\"></a>");
            }
        }
        let over: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.start <= a && b <= m.end && m.start < m.end)
            .collect();
        let piece = escape(&text[byte_at[a]..byte_at[b]]);
        if over.is_empty() {
            out.push_str(&piece);
        } else {
            let classes: Vec<&str> = over.iter().map(|m| m.class.as_str()).collect();
            let titles: Vec<&str> = over.iter().map(|m| m.title.as_str()).collect();
            let _ = write!(
                out,
                "<span class=\"{}\" title=\"{}\">{piece}</span>",
                classes.join(" "),
                escape(&titles.join("; "))
            );
        }
    }
    out
}

pub(crate) async fn report(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, ApiError> {
    let id = document_id(&id)?;
    let doc = s
        .read(move |st| st.document(id))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    Ok(page(
        &dateline_store::headline(doc.record.title.as_deref(), &doc.text),
        &report_body(&doc),
    ))
}

fn report_body(doc: &StoredDocument) -> String {
    let r = &doc.record;
    let entity_name: HashMap<&str, &str> = r
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let name_of = |id: &Option<String>| id.as_deref().and_then(|i| entity_name.get(i).copied());
    // Speakers in order of first quote; each gets a colour class.
    let mut speakers: Vec<String> = Vec::new();
    for q in &r.quotes {
        let who = q
            .speaker_name
            .clone()
            .unwrap_or_else(|| "unknown speaker".into());
        if !speakers.contains(&who) {
            speakers.push(who);
        }
    }
    let speaker_class = |name: &str| {
        format!(
            "sp{}",
            speakers.iter().position(|s| s == name).unwrap_or(0) % 8
        )
    };

    let mut marks = Vec::new();
    for (i, q) in r.quotes.iter().enumerate() {
        let who = q
            .speaker_name
            .clone()
            .unwrap_or_else(|| "unknown speaker".into());
        marks.push(Mark {
            start: q.span[0],
            end: q.span[1],
            class: format!("q {}", speaker_class(&who)),
            anchor: Some(format!("q{i}")),
            title: format!("quote by {who}"),
        });
    }
    for (ei, e) in r.entities.iter().enumerate() {
        for (k, m) in e.mentions.iter().enumerate() {
            marks.push(Mark {
                start: m[0],
                end: m[1],
                class: "ent".into(),
                anchor: Some(format!("n{ei}-{k}")),
                title: format!("{} ({})", e.name, e.kind),
            });
        }
    }
    for (i, e) in r.events.iter().enumerate() {
        marks.push(Mark {
            start: e.span[0],
            end: e.span[1],
            class: "ev".into(),
            anchor: Some(format!("e{i}")),
            title: format!("event {}", e.kind),
        });
    }
    for (i, f) in r.facts.iter().enumerate() {
        marks.push(Mark {
            start: f.span[0],
            end: f.span[1],
            class: "fact".into(),
            anchor: Some(format!("f{i}")),
            title: format!("fact: {}", f.kind),
        });
    }
    for (i, st) in r.stances.iter().enumerate() {
        marks.push(Mark {
            start: st.span[0],
            end: st.span[1],
            class: "st".into(),
            anchor: Some(format!("s{i}")),
            title: format!("stance {} {}", st.polarity, st.issue),
        });
    }

    let mut b = format!(
        "<h1 id=\"title\">{}</h1><p class=\"muted\">{} · {} · {} · <a href=\"/api/documents/{}\">JSON</a></p>",
        escape(&dateline_store::headline(r.title.as_deref(), &doc.text)),
        escape(doc.date.as_deref().unwrap_or("undated")),
        escape(r.dateline.as_deref().unwrap_or("")),
        escape(&doc.source),
        doc.document
    );
    b.push_str("<p class=\"legend\">Speakers: ");
    for sp in &speakers {
        let _ = write!(
            b,
            "<span class=\"q {c}\" data-sp=\"{c}\">{}</span>",
            escape(sp),
            c = speaker_class(sp)
        );
    }
    b.push_str("</p><div class=\"text\" id=\"text\">");
    b.push_str(&marked_text(&doc.text, &marks));
    b.push_str("</div>");

    let _ = write!(b, "<h2>Quotes ({})</h2><table id=\"quotes\"><tr><th>Speaker</th><th>Cue</th><th>Words</th></tr>", r.quotes.len());
    for (i, q) in r.quotes.iter().enumerate() {
        let who = q
            .speaker_name
            .as_deref()
            .map(actor_link)
            .unwrap_or_else(|| "<span class=\"muted\">unknown</span>".into());
        let _ = write!(
            b,
            "<tr><td>{who}</td><td>{}</td><td><a href=\"#q{i}\">{}</a></td></tr>",
            escape(q.cue.as_deref().unwrap_or("")),
            escape(&q.text)
        );
    }
    let _ = write!(b, "</table><h2>Entities ({})</h2><table id=\"entities\"><tr><th>Name</th><th>Type</th><th>Country</th><th>Role</th><th>Named</th></tr>", r.entities.len());
    for (ei, e) in r.entities.iter().enumerate() {
        let first = if e.mentions.is_empty() {
            String::new()
        } else {
            format!("<a href=\"#n{ei}-0\">{}×</a>", e.mentions.len())
        };
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{first}</td></tr>",
            actor_link(&e.name),
            escape(&e.kind),
            escape(e.country.as_deref().unwrap_or("")),
            escape(e.role.as_deref().unwrap_or(""))
        );
    }
    let _ = write!(b, "</table><h2>Events ({})</h2><table id=\"events\"><tr><th>Type</th><th>Source</th><th>Target</th><th>Date</th><th>Words</th></tr>", r.events.len());
    for (i, e) in r.events.iter().enumerate() {
        let side = |a: &dateline_record::ActorRecord| {
            escape(
                &[name_of(&a.entity).map(str::to_string), a.country.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" / "),
            )
        };
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"#e{i}\">{}</a></td></tr>",
            escape(&e.kind),
            side(&e.source),
            side(&e.target),
            escape(e.date.as_deref().unwrap_or("")),
            escape(&e.text)
        );
    }
    let _ = write!(b, "</table><h2>Stances ({})</h2><table id=\"stances\"><tr><th>Holder</th><th>Issue</th><th>Polarity</th><th>Words</th></tr>", r.stances.len());
    for (i, st) in r.stances.iter().enumerate() {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"#s{i}\">{}</a></td></tr>",
            st.holder_name
                .as_deref()
                .map(actor_link)
                .unwrap_or_default(),
            escape(&st.issue),
            escape(&st.polarity),
            escape(&st.text)
        );
    }
    let _ = write!(b, "</table><h2>Facts ({})</h2><table id=\"facts\"><tr><th>Kind</th><th>Value</th><th>Words</th></tr>", r.facts.len());
    for (i, f) in r.facts.iter().enumerate() {
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td><a href=\"#f{i}\">{}</a></td></tr>",
            escape(&f.kind),
            escape(&f.value.to_string()),
            escape(&f.text)
        );
    }
    b.push_str("</table>");
    b
}

#[derive(Deserialize)]
pub(crate) struct ActorParams {
    name: Option<String>,
}

pub(crate) async fn actor(
    State(s): State<AppState>,
    q: Q<ActorParams>,
) -> Result<Html<String>, ApiError> {
    let name = params(q)?
        .name
        .ok_or_else(|| ApiError::bad_request("give the actor: /actor?name=NAME or ISO3"))?;
    let who = name.clone();
    let (quotes, stances, shifts) = s
        .read(move |st| {
            let quotes = st.said(&dateline_store::SaidQuery {
                by: who.clone(),
                limit: Some(200),
                ..Default::default()
            })?;
            let stances = st.timeline(&who, None, Some(2000), None)?;
            let shifts = st.shifts(Some(&who), None, false, dateline_store::Period::Month)?;
            Ok((quotes, stances, shifts))
        })
        .await?;
    let mut b = format!("<h1 id=\"actor\">{}</h1>", escape(&name));
    let _ = write!(b, "<h2>Stances over time ({})</h2>", stances.len());
    b.push_str(&timeline_svg(&stances));
    b.push_str(&shifts_html(&shifts));
    let _ = write!(b, "<h2>Said ({})</h2><table id=\"said\"><tr><th>Date</th><th>Speaker</th><th>Words</th><th>Report</th></tr>", quotes.len());
    for q in &quotes {
        b.push_str(&quote_row(q));
    }
    b.push_str("</table>");
    Ok(page(&name, &b))
}

fn quote_row(q: &QuoteRow) -> String {
    format!(
        "<tr><td>{}</td><td>{}</td><td><a href=\"/report/{}#q{}\">{}</a></td><td class=\"muted\">{}</td></tr>",
        escape(q.date.as_deref().unwrap_or("")),
        escape(q.speaker.as_deref().unwrap_or("")),
        q.document,
        q.idx,
        escape(&q.text),
        escape(&q.source)
    )
}

fn shifts_html(shifts: &[Shift]) -> String {
    if shifts.is_empty() {
        return String::new();
    }
    let mut b = String::from("<h2>Shifts</h2><ul id=\"shifts\">");
    for s in shifts {
        let link = |r: &StanceRow| {
            format!(
                "<a href=\"/report/{}#s{}\">{}</a>",
                r.document,
                r.idx,
                escape(r.date.as_deref().unwrap_or("undated"))
            )
        };
        let _ = write!(
            b,
            "<li>{} on {}: {} in {} ({}) → {} in {} ({})</li>",
            escape(&s.actor),
            escape(&s.issue),
            escape(&s.from_polarity),
            escape(&s.from_period),
            s.before.iter().map(link).collect::<Vec<_>>().join(", "),
            escape(&s.to_polarity),
            escape(&s.to_period),
            s.after.iter().map(link).collect::<Vec<_>>().join(", ")
        );
    }
    b.push_str("</ul>");
    b
}

/// Days since year 0, roughly: enough to place dates along an axis.
fn day_number(date: &str) -> Option<f64> {
    let y: f64 = date.get(..4)?.parse().ok()?;
    let m: f64 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1.0);
    let d: f64 = date.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1.0);
    Some(y * 365.25 + (m - 1.0) * 30.44 + d)
}

/// One row per issue, one dot per stance placed by date: green for,
/// red against; each dot links to the stance in its report.
fn timeline_svg(stances: &[StanceRow]) -> String {
    let dated: Vec<(&StanceRow, f64)> = stances
        .iter()
        .filter_map(|s| s.date.as_deref().and_then(day_number).map(|d| (s, d)))
        .collect();
    if dated.is_empty() {
        return "<p class=\"muted\" id=\"timeline\">No dated stances.</p>".into();
    }
    let mut issues: Vec<&str> = dated.iter().map(|(s, _)| s.issue.as_str()).collect();
    issues.sort_unstable();
    issues.dedup();
    let lo = dated.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
    let hi = dated.iter().map(|d| d.1).fold(f64::NEG_INFINITY, f64::max);
    let (left, width, row) = (180.0, 560.0, 28.0);
    let height = row * issues.len() as f64 + 30.0;
    let x = |d: f64| {
        if hi > lo {
            left + (d - lo) / (hi - lo) * width
        } else {
            left + width / 2.0
        }
    };
    let mut b = format!("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\" aria-label=\"stance timeline\">", left + width + 20.0);
    for (i, issue) in issues.iter().enumerate() {
        let y = 20.0 + row * i as f64;
        let _ = write!(b, "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><line x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ccc\"/>", y + 4.0, escape(issue), left + width);
    }
    for (s, d) in &dated {
        let i = issues.iter().position(|x| *x == s.issue).unwrap_or(0);
        let y = 20.0 + row * i as f64;
        let class = if s.polarity == "for" {
            "for"
        } else {
            "against"
        };
        let _ = write!(
            b,
            "<a href=\"/report/{}#s{}\"><circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y}\" r=\"6\"><title>{} {}: {} — {}</title></circle></a>",
            s.document,
            s.idx,
            x(*d),
            escape(s.date.as_deref().unwrap_or("")),
            escape(&s.issue),
            escape(&s.polarity),
            escape(&s.text)
        );
    }
    let first = dated
        .iter()
        .map(|(s, _)| s.date.as_deref().unwrap_or(""))
        .min()
        .unwrap_or("");
    let last = dated
        .iter()
        .map(|(s, _)| s.date.as_deref().unwrap_or(""))
        .max()
        .unwrap_or("");
    let _ = write!(
        b,
        "<text x=\"{left}\" y=\"{}\" font-size=\"11\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text></svg>",
        height - 4.0,
        escape(first),
        left + width,
        height - 4.0,
        escape(last)
    );
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_url() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(url("Ana Kessler&x"), "Ana%20Kessler%26x");
    }

    #[test]
    fn marks_split_at_every_boundary_and_anchor_starts() {
        let marks = [
            Mark {
                start: 0,
                end: 5,
                class: "q".into(),
                anchor: Some("q0".into()),
                title: "t".into(),
            },
            Mark {
                start: 2,
                end: 8,
                class: "ent".into(),
                anchor: None,
                title: "u".into(),
            },
        ];
        let html = marked_text("Ünal <said>", &marks);
        assert!(html.starts_with("<a id=\"q0\"></a><span class=\"q\" title=\"t\">Ün</span>"));
        assert!(html.contains("<span class=\"q ent\" title=\"t; u\">al </span>"));
        assert!(html.contains("&lt;sa"));
        // Spans past the end are clamped, not a panic.
        let odd = [Mark {
            start: 3,
            end: 99,
            class: "x".into(),
            anchor: None,
            title: String::new(),
        }];
        assert!(marked_text("abcd", &odd).ends_with("<span class=\"x\" title=\"\">d</span>"));
    }

    #[test]
    fn day_numbers_order_dates() {
        assert!(day_number("2025-03-03").unwrap() < day_number("2025-04-14").unwrap());
        assert!(day_number("x").is_none());
    }
}
