//! Coder tests on sentences written for them.

use dateline_doc::{Doc, DocMeta, EventStatus, EventType, Polarity};
use dateline_pipeline::Component;
use dateline_segment::Segmenter;

use crate::EventCoder;

fn code(text: &str) -> Doc {
    let meta = DocMeta { date: Some("2025-02-12".to_string()), ..DocMeta::default() };
    let mut doc = Doc::new(text.to_string(), meta);
    Segmenter.run(&mut doc);
    EventCoder.run(&mut doc);
    doc
}

fn summary(doc: &Doc) -> Vec<(EventType, Option<&str>, Option<&str>, EventStatus)> {
    doc.events
        .iter()
        .map(|e| (e.kind, e.source.country.as_deref(), e.target.country.as_deref(), e.status))
        .collect()
}

fn kinds_of(doc: &Doc) -> Vec<EventType> {
    doc.events.iter().map(|e| e.kind).collect()
}

#[test]
fn active_attack_with_actors_and_relative_date() {
    let d = code("Russian troops attacked Ukrainian positions on Tuesday.");
    assert_eq!(summary(&d), vec![(EventType::Assault, Some("RUS"), Some("UKR"), EventStatus::Asserted)]);
    // the report is a Wednesday: "on Tuesday" is the day before
    assert_eq!(d.events[0].date.as_deref(), Some("2025-02-11"));
    assert_eq!(d.slice(d.events[0].trigger.unwrap()), "attacked");
}

#[test]
fn passive_voice_swaps_the_actors() {
    let d = code("Ukrainian soldiers were attacked by Russian forces near the border.");
    assert_eq!(summary(&d), vec![(EventType::Assault, Some("RUS"), Some("UKR"), EventStatus::Asserted)]);
}

#[test]
fn nominal_triggers() {
    let d = code("Hezbollah's attack on Israeli border posts killed two soldiers.");
    assert_eq!(d.events[0].kind, EventType::Assault);
    assert_eq!(d.events[0].target.country.as_deref(), Some("ISR"));
    let d = code("French diplomats held talks with German officials in Berlin.");
    assert_eq!(summary(&d), vec![(EventType::Consult, Some("FRA"), Some("DEU"), EventStatus::Asserted)]);
    assert_eq!(d.events[0].place.as_deref(), Some("Berlin"));
}

#[test]
fn a_refused_deployment_is_a_rejection_not_a_deployment() {
    let d = code("He said U.S. troops would not be deployed to Ukraine.");
    assert_eq!(summary(&d), vec![(EventType::Reject, Some("USA"), Some("UKR"), EventStatus::Negated)]);
}

#[test]
fn a_future_hostile_act_is_a_threat() {
    let d = code("China will impose sanctions on Japan next month.");
    assert_eq!(summary(&d), vec![(EventType::Threaten, Some("CHN"), Some("JPN"), EventStatus::Future)]);
}

#[test]
fn a_future_cooperative_act_is_a_promise() {
    let d = code("Portugal will support Turkey's bid to join the bloc.");
    assert_eq!(summary(&d)[0], (EventType::Agree, Some("PRT"), Some("TUR"), EventStatus::Future));
}

#[test]
fn conditions_are_not_coded_as_events_that_happened() {
    let d = code("If these troops are deployed to Ukraine at any point, they will be part of a European mission.");
    assert!(d.events.iter().all(|e| e.status != EventStatus::Asserted), "{:?}", summary(&d));
}

#[test]
fn background_dates_are_their_own() {
    let d = code("Russia annexed Crimea from Ukraine in March 2014.");
    assert_eq!(summary(&d), vec![(EventType::Coerce, Some("RUS"), Some("UKR"), EventStatus::Asserted)]);
    assert_eq!(d.events[0].date.as_deref(), Some("2014-03"));
}

#[test]
fn saying_alone_is_not_an_event() {
    let d = code("The minister said the economy was growing faster than expected.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
}

#[test]
fn a_demanded_act_is_folded_into_the_demand() {
    let d = code("Palestinian officials demanded that Israel withdraw its troops.");
    assert_eq!(summary(&d), vec![(EventType::Request, Some("PSE"), Some("ISR"), EventStatus::Asserted)]);
}

#[test]
fn obligations_reported_of_others_are_requests() {
    let d = code("Russia said on Tuesday that Sudan must return the helicopter.");
    assert_eq!(summary(&d)[0].0, EventType::Request);
    assert_eq!(summary(&d)[0].1, Some("RUS"));
}

#[test]
fn nothing_on_empty_or_odd_input() {
    for t in ["", "...", "\"", "attack", "March 2014 march", "If", "They support", "it would not", "X must", "is unrealistic", "see as", "change from"] {
        let d = code(t);
        assert!(d.events.len() <= 1);
    }
}

#[test]
fn stance_needs_a_holder_and_gets_a_key() {
    // no entity layer here: no holder, so no stance is made up
    let d = code("A return to the old borders is unrealistic.");
    assert!(d.stances.is_empty());
    assert_eq!(Polarity::Against.as_str(), "against");
}

fn with_people(text: &str, names: &[&str]) -> Doc {
    use dateline_doc::{Entity, EntityKind, Mention, MentionSource};
    let meta = DocMeta { date: Some("2025-02-12".to_string()), ..DocMeta::default() };
    let mut doc = Doc::new(text.to_string(), meta);
    Segmenter.run(&mut doc);
    for name in names {
        let id = doc.add_entity(Entity::new(*name, EntityKind::Person));
        let mut from = 0;
        while let Some(k) = doc.text[from..].find(name) {
            let span = doc.span(from + k, from + k + name.len()).expect("name span");
            doc.mentions.push(Mention { span, kind: EntityKind::Person, source: MentionSource::Rule, entity: Some(id) });
            let m = doc.mentions.len() - 1;
            doc.entities[id.0 as usize].mentions.push(m);
            from += k + name.len();
        }
    }
    doc.mentions.sort_by_key(|m| m.span.start());
    EventCoder.run(&mut doc);
    doc
}

#[test]
fn stances_with_holders_polarity_and_a_reported_shift() {
    let d = with_people(
        "Smith said the border plan is unrealistic. His remarks were a stark change from the stance of Jones, who had said the border plan is realistic.",
        &["Smith", "Jones"],
    );
    let by = |name: &str| d.stances.iter().position(|s| s.holder.is_some_and(|h| d.entity(h).name == name));
    let smith = by("Smith").expect("Smith's stance");
    let jones = by("Jones").expect("Jones's stance");
    assert_eq!(d.stances[smith].polarity, Polarity::Against);
    assert_eq!(d.stances[jones].polarity, Polarity::For);
    assert_eq!(d.stances[smith].issue_key, d.stances[jones].issue_key);
    assert_eq!(d.slice(d.stances[smith].cue.unwrap()), "unrealistic");
    assert_eq!(d.stances[smith].shift_from, Some(jones));
}

#[test]
fn negated_belief_and_negated_modal_stances() {
    let d = with_people(
        "Smith said he does not believe that NATO membership for Ukraine is realistic. Smith said U.S. troops would not be deployed to Ukraine.",
        &["Smith"],
    );
    let targets: Vec<(&str, Polarity)> = d.stances.iter().map(|s| (s.target.as_str(), s.polarity)).collect();
    assert!(targets.contains(&("NATO membership for Ukraine", Polarity::Against)), "{targets:?}");
    assert!(targets.iter().any(|(t, p)| t.contains("troops") && t.contains("deployed") && *p == Polarity::Against), "{targets:?}");
}

#[test]
fn signing_a_formal_agreement_is_support_but_reaching_one_is_agree() {
    let d = code("Peru and Chile signed a fisheries treaty in Lima on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("The Chilean parliament ratified the border accord on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("Peru and Chile reached an agreement on fishing rights on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

/// A document with hand-made entities: (name, kind, country, role), all of government.
fn with_entities(text: &str, ents: &[(&str, dateline_doc::EntityKind, Option<&str>, Option<&str>)]) -> Doc {
    use dateline_doc::{Entity, Mention, MentionSource, Sector};
    let meta = DocMeta { date: Some("2025-02-12".to_string()), ..DocMeta::default() };
    let mut doc = Doc::new(text.to_string(), meta);
    Segmenter.run(&mut doc);
    for (name, kind, country, role) in ents {
        let mut e = Entity::new(*name, *kind);
        e.country = country.map(str::to_string);
        e.role = role.map(str::to_string);
        e.sector = Some(Sector::Gov);
        let id = doc.add_entity(e);
        let mut from = 0;
        while let Some(k) = doc.text[from..].find(name) {
            let span = doc.span(from + k, from + k + name.len()).expect("name span");
            doc.mentions.push(Mention { span, kind: *kind, source: MentionSource::Rule, entity: Some(id) });
            let m = doc.mentions.len() - 1;
            doc.entities[id.0 as usize].mentions.push(m);
            from += k + name.len();
        }
    }
    doc.mentions.sort_by_key(|m| m.span.start());
    EventCoder.run(&mut doc);
    doc
}

#[test]
fn an_official_without_a_country_serves_the_reports_government() {
    use dateline_doc::EntityKind::{Organization, Person};
    let text = "Interior Minister Jane Roe accused Chile of sheltering smugglers on Monday. \
                The Lusitan Foreign Ministry and the Lusitan Finance Ministry said talks were over.";
    let ents = [
        ("Jane Roe", Person, None, Some("Interior Minister")),
        ("Lusitan Foreign Ministry", Organization, Some("PRT"), None),
        ("Lusitan Finance Ministry", Organization, Some("PRT"), None),
    ];
    let d = with_entities(text, &ents);
    assert_eq!(summary(&d)[0], (EventType::Accuse, Some("PRT"), Some("CHL"), EventStatus::Asserted));
    // institutions of two countries, neither a majority: the official stays unplaced
    let text = "Interior Minister Jane Roe accused Chile of sheltering smugglers on Monday. \
                The Lusitan Foreign Ministry and the Andean Finance Ministry said talks were over.";
    let ents = [
        ("Jane Roe", Person, None, Some("Interior Minister")),
        ("Lusitan Foreign Ministry", Organization, Some("PRT"), None),
        ("Andean Finance Ministry", Organization, Some("PER"), None),
    ];
    let d = with_entities(text, &ents);
    let first = summary(&d)[0];
    assert_eq!((first.0, first.2), (EventType::Accuse, Some("CHL")));
    assert!(!matches!(first.1, Some("PRT") | Some("PER")), "placed by a minority: {first:?}");
    // an international body's official serves no country
    let text = "The Arab League's envoy for refugees, Jane Roe, accused Chile of sheltering smugglers on Monday. \
                The Lusitan Foreign Ministry and the Lusitan Finance Ministry said talks were over.";
    let ents = [
        ("Jane Roe", Person, None, Some("envoy")),
        ("Arab League", Organization, None, None),
        ("Lusitan Foreign Ministry", Organization, Some("PRT"), None),
        ("Lusitan Finance Ministry", Organization, Some("PRT"), None),
    ];
    let d = with_entities(text, &ents);
    let accusation = d.events.iter().find(|e| e.kind == EventType::Accuse).expect("the accusation");
    assert_ne!(accusation.source.country.as_deref(), Some("PRT"), "{:?}", summary(&d));
}

#[test]
fn calling_off_dissent_and_lifting_curbs_are_concessions() {
    let kinds = |t: &str| code(t).events.iter().map(|e| e.kind).collect::<Vec<_>>();
    assert_eq!(kinds("The Bolivian opposition suspended its protests for two weeks on Monday."), vec![EventType::Concede]);
    assert_eq!(kinds("The miners' union called off the planned strike on Monday."), vec![EventType::Concede]);
    assert_eq!(kinds("The Bolivian government removed the night curfew on Monday."), vec![EventType::Concede]);
    // agreeing to a concession is an agreement, not a threat
    assert_eq!(kinds("The Bolivian government agreed to remove the curfew on Monday."), vec![EventType::Agree]);
}

#[test]
fn joint_military_exercises_are_cooperation() {
    let d = code("Peru and Chile conducted joint military exercises on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
    let d = code("Peru held military exercises near the border on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
}

#[test]
fn promises_recalled_in_a_relative_clause_are_background() {
    let d = code("The plan breaks with Chile's neighbours, who had declared they would support Peru for as long as needed.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    // a promise made now is still coded
    let d = code("Chile's neighbours declared on Monday they would support Peru for as long as needed.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn the_words_of_an_attribution_are_no_event() {
    // "relief" would be AID, but it is who reports, not what happened
    let d = code("Sudanese rebels shelled the town of Juba on Sunday, relief officials in Nairobi said.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Assault]);
}

#[test]
fn a_protest_demanding_something_is_one_protest() {
    let d = code("Thousands of Algerian farmers blocked roads in Algiers demanding the return of their land.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Protest]);
}

#[test]
fn a_resignation_has_no_domestic_target() {
    let d = code("Georgian President Eduard Shevardnadze resigned on Sunday.");
    assert_eq!(summary(&d), vec![(EventType::Retreat, Some("GEO"), None, EventStatus::Asserted)]);
}

#[test]
fn suspending_attacks_is_de_escalation_not_an_attack() {
    let d = code("The rebels suspended their attacks on government forces.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Retreat]);
    let d = code("The union called off the strike after talks with the ministry.");
    assert_eq!(d.events[0].kind, EventType::Concede);
}

#[test]
fn idioms_that_are_no_event() {
    for text in [
        "The ministry changed the rules in order to attract investors.",
        "The ministry released a list of the new rules.",
        "The new plant will meet the targets set for next year.",
        "The country expanded its missile program last year.",
    ] {
        let d = code(text);
        assert!(d.events.is_empty(), "{text}: {:?}", summary(&d));
    }
}

#[test]
fn an_announced_request_is_not_yet_an_event() {
    let d = code("Brazil's minister said her government would ask the World Trade Organization to rule on the dispute.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    // a promised or threatened act still is one
    let d = code("China will impose sanctions on Japan next month.");
    assert_eq!(d.events[0].kind, EventType::Threaten);
}

#[test]
fn a_conceded_clause_is_background() {
    let d = code("While French officials had long opposed the plan, Germany signed the agreement with Poland.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Support]);
}

#[test]
fn an_accuser_is_against_what_it_accuses_of() {
    let d = with_people("Smith accused Jones of shelling two villages near the border.", &["Smith", "Jones"]);
    let s = d.stances.iter().find(|s| s.target.starts_with("shelling")).expect("stance from the accusation");
    assert_eq!(d.entity(s.holder.unwrap()).name, "Smith");
    assert_eq!(s.polarity, Polarity::Against);
    assert_eq!(s.target, "shelling two villages near the border");
}

#[test]
fn a_purpose_clause_and_a_bare_anaphor_are_no_stance() {
    let d = with_people("Smith said any peace must include guarantees to ensure that the war will not begin again.", &["Smith"]);
    // the demand itself is a stance; "the war will not begin" is what it is for
    assert!(d.stances.iter().all(|s| s.polarity == Polarity::For), "{:?}", d.stances);
    let d = with_people("Smith rejected the charge.", &["Smith"]);
    assert!(d.stances.is_empty(), "{:?}", d.stances);
    let d = with_people("Smith supported Jones's request and would join the case.", &["Smith", "Jones"]);
    assert_eq!(d.stances.iter().map(|s| s.target.as_str()).collect::<Vec<_>>(), vec!["Jones's request"]);
}

#[test]
fn a_coordinated_holder_is_its_first_conjunct() {
    let d = with_people("It was a change from the stance of Jones and Smith, who had declared they would support Kyiv.", &["Jones", "Smith"]);
    let id = |n: &str| d.entities.iter().find(|e| e.name == n).unwrap().id;
    let support = (0..d.tokens.len()).find(|&k| d.token_text(k) == "support").unwrap();
    let at = crate::stances::Positions::new(&d);
    assert_eq!(crate::stances::first_conjunct(&d, &at, id("Smith"), 0, support), id("Jones"));
    assert_eq!(crate::stances::first_conjunct(&d, &at, id("Jones"), 0, support), id("Jones"));
}

#[test]
fn what_follows_the_reporting_verb_is_still_coded() {
    let d = code("Protest leaders met officials on Monday, and the union's head, Jorge Pereyra, said they would end the blockade.");
    assert!(d.events.iter().any(|e| e.kind == EventType::Agree), "{:?}", summary(&d));
    let d = code("An official, who asked not to be named, said the talks had stalled.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Request), "{:?}", summary(&d));
}

#[test]
fn an_adjectival_participle_is_no_passive() {
    let d = code("Israel is opposed to French mediation in the talks with Syria.");
    assert_eq!(summary(&d)[0].0, EventType::Reject);
    assert_eq!(summary(&d)[0].1, Some("ISR"));
}

#[test]
fn more_plover_readings() {
    let kind = |t: &str| code(t).events.first().map(|e| e.kind);
    assert_eq!(kind("Peru has issued an ultimatum to Ecuador to halt attacks."), Some(EventType::Threaten));
    assert_eq!(kind("Italy announced a suspension of air links with Serbia."), Some(EventType::Sanction));
    assert_eq!(kind("Israeli troops remained on alert in the West Bank."), Some(EventType::Mobilize));
    assert_eq!(kind("Settlers set fire to the offices of the administrators."), Some(EventType::Coerce));
    assert_eq!(kind("Uganda has granted political asylum to 18 Rwandan rebels."), Some(EventType::Aid));
}

#[test]
fn ties_esteem_recruitment_possibilities_and_returns() {
    let kind = |t: &str| code(t).events.first().map(|e| e.kind);
    assert_eq!(kind("Chile and Peru expanded their diplomatic ties on Monday."), Some(EventType::Support));
    assert_eq!(kind("The militia recruited hundreds of young men in the north."), Some(EventType::Mobilize));
    assert_eq!(kind("France raised the possibility of suspending talks with Italy."), Some(EventType::Threaten));
    assert_eq!(kind("The rebels returned the seized land to the farmers."), Some(EventType::Retreat));
    assert_eq!(kind("The fighting stopped on Sunday as talks began."), Some(EventType::Retreat));
}

#[test]
fn reneging_refusing_refugees_and_retaking_towns() {
    let kind = |t: &str| code(t).events.first().map(|e| e.kind);
    assert_eq!(kind("The president has reneged on his commitment to hold elections."), Some(EventType::Reject));
    assert_eq!(kind("Syria says it will not accept any more refugees."), Some(EventType::Reject));
    assert_eq!(kind("Vietnamese forces have retaken a strategic village in Cambodia."), Some(EventType::Assault));
    // a gerund that an evaluation is about is no attack
    assert_eq!(kind("Officials said retaking the land by force is unrealistic."), None);
}

#[test]
fn a_complaint_to_someone_is_about_someone_else() {
    let d = code("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.");
    assert_eq!(summary(&d)[0], (EventType::Accuse, Some("LBN"), Some("ISR"), EventStatus::Asserted));
}

#[test]
fn a_jail_is_a_place_and_fine_an_adjective() {
    let kinds = |t: &str| code(t).events.iter().map(|e| e.kind).collect::<Vec<_>>();
    assert_eq!(kinds("Prisoners rioted at a jail in northern Israel."), vec![EventType::Protest]);
    assert!(kinds("The weather was fine on Monday.").is_empty());
    assert_eq!(kinds("A Nigerian court jailed 52 activists on Monday."), vec![EventType::Sanction]);
}

#[test]
fn a_cancelled_planned_visit_is_one_sanction() {
    let d = code("A French minister has cancelled a planned visit to Haiti.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
}

#[test]
fn an_apposition_is_not_the_subject() {
    let d = code("Pakistan, a key U.S. ally in the region, has refused to deploy peacekeepers in Iraq.");
    assert_eq!(summary(&d)[0].0, EventType::Reject);
    assert_eq!(summary(&d)[0].1, Some("PAK"));
}

#[test]
fn an_ethnic_group_is_not_the_state_of_its_name() {
    let d = code("Ethnic Albanians have sworn to fight until they gain control of villages near Macedonia's border, Macedonian officials said.");
    assert!(summary(&d).iter().all(|e| e.1 != Some("ALB")), "{:?}", summary(&d));
}

#[test]
fn a_relative_clause_of_place_or_a_reduced_participle_is_background() {
    let d = code("Up to 100 people demonstrated on Tuesday in the capital, where 24 people were killed in riots last March.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
    let d = code("Farmers began a hunger strike outside Parliament to demand the return of land seized by government forces in the 1970s.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Coerce), "{:?}", summary(&d));
}

#[test]
fn an_official_of_an_international_body_acts_for_it() {
    let d = with_people("The US on Thursday rejected calls by Kofi Annan, UN secretary-general, to adopt the reforms.", &["Kofi Annan"]);
    let reject = d.events.iter().find(|e| e.kind == EventType::Reject).expect("the rejection");
    assert_eq!(reject.target.country.as_deref(), Some("IGO"), "{:?}", summary(&d));
}

#[test]
fn a_kind_of_event_talked_about_is_no_event() {
    let d = code("\"But a ceasefire that nobody watches is a ceasefire that will not last.\"");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("Seven opposition parties in Nepal have organized a general strike that shut down the capital.");
    assert!(d.events.iter().any(|e| e.kind == EventType::Protest), "{:?}", summary(&d));
}

#[test]
fn an_agreement_with_a_noun_complement_is_no_threat() {
    let d = code("The Sudanese government has reached an agreement with striking workers over pay.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Agree]);
    let d = code("The government said it is ready to ban foreign advocacy groups.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Threaten]);
}

#[test]
fn a_passive_clause_after_a_complement_is_an_event_of_its_own() {
    let d = code("A member of a group opposed to the election was beaten by police in the capital.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventType::Assault), "{kinds:?}");
}

#[test]
fn the_main_clause_after_a_time_clause_is_reported() {
    let d = code("After the protest ended on Sunday, police arrested four members of the group.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Coerce]);
}

#[test]
fn deaths_a_disaster_caused_are_no_attack() {
    let d = code("A year after the earthquake that killed 1,816 people, the government started its plan.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Assault));
}

#[test]
fn a_stated_disbelief_is_a_rejection_of_what_it_is_about() {
    let d = code("The United States does not believe that NATO membership for Ukraine is a realistic outcome.");
    assert_eq!(summary(&d), vec![(EventType::Reject, Some("USA"), Some("UKR"), EventStatus::Asserted)]);
    // the owner of a proposal stays its target
    let d = code("Bangladesh rejected an Indian proposal for a free trade agreement.");
    assert_eq!(summary(&d)[0], (EventType::Reject, Some("BGD"), Some("IND"), EventStatus::Asserted));
}

#[test]
fn descriptions_and_allegations_are_no_attacks() {
    let d = code("Television showed the bodies of dozens of wounded protesters.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Assault), "{:?}", summary(&d));
    let d = code("The government will confront the situation over the alleged genocide with the United Nations.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Assault), "{:?}", summary(&d));
    let d = code("Critics called the law an assault on freedom of expression.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Assault), "{:?}", summary(&d));
    // a date before the verb is no adjective
    let d = code("Kenya on Aug. 6 signed an agreement with Ethiopia.");
    assert_eq!(d.events[0].kind, EventType::Support);
}

#[test]
fn a_capitalised_headline_verb_is_no_name() {
    let d = code("The government of Anguilla Ratified the Agreement on Conventional Arms.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
}

#[test]
fn a_participial_threat_is_a_statement_of_its_own() {
    let d = code("EU leaders are pressing Belgium to settle the dispute, threatening to abandon the summit.");
    let kinds: Vec<EventType> = d.events.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventType::Threaten), "{kinds:?}");
}

#[test]
fn an_event_noun_after_an_adjectival_participle_keeps_its_preposition() {
    // "for a renewed offensive": what the call-up prepares, not an attack made
    let d = code("The army called up volunteers for a renewed offensive against the rebels.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Assault), "{:?}", summary(&d));
}

#[test]
fn calling_for_or_on_is_a_request() {
    let d = code("Germany called on Russia to withdraw its troops.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
    let d = code("Turkey called for an end to the fighting.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
}

#[test]
fn plover_verbal_support_and_de_escalation_vocabulary() {
    // apologising is verbal support in PLOVER (CAMEO 055)
    let d = code("Argentina has apologized to Brazil for the incident.");
    assert_eq!(summary(&d), vec![(EventType::Support, Some("ARG"), Some("BRA"), EventStatus::Asserted)]);
    // lifting a blockade is a military de-escalation, not an eased restriction
    let d = code("The Israeli army lifted on Friday a blockade on Palestinian lorries.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn an_announced_withdrawal_on_a_condition_is_an_ultimatum() {
    let d = code("Nigeria announced that it will withdraw its troops from Chad unless the president arranges a ceasefire.");
    assert_eq!(d.events[0].kind, EventType::Threaten);
    assert_eq!(d.events[0].status, EventStatus::Future);
    // without the condition it is a promise
    let d = code("Nigeria announced that it will withdraw its troops from Chad.");
    assert_eq!(d.events[0].kind, EventType::Agree);
}

#[test]
fn agencies_and_things_named_after_an_act_are_no_events() {
    let d = code("U.S. border patrol agents questioned the migrants.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Mobilize), "{:?}", summary(&d));
    let d = code("Saudi Arabia has courted pressure groups in the United States.");
    assert!(d.events.iter().all(|e| e.kind != EventType::Request), "{:?}", summary(&d));
}

#[test]
fn undoing_a_restriction_or_a_project_is_a_concession() {
    let d = code("The government announced the lifting of the curfew in the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    // announcing the restriction itself is no concession
    let d = code("The government announced the curfew in the capital.");
    assert!(!kinds_of(&d).contains(&EventType::Concede), "{:?}", summary(&d));
    let d = code("Peru halted construction of the dam after weeks of protests.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    let d = code("Peru halted the convoy.");
    assert!(!kinds_of(&d).contains(&EventType::Concede), "{:?}", summary(&d));
}

#[test]
fn starting_trade_is_cooperation_but_a_trade_figure_is_no_event() {
    let d = code("India began exporting rice to Belgium on Wednesday.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
    let d = code("India exported $5 billion of rice last year.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
}

#[test]
fn pledged_support_is_support_and_a_pledged_act_an_agreement() {
    let d = code("Japan pledged its full support for Ukraine.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("Japan pledged to send aid to Ukraine.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn raising_a_force_or_its_readiness_is_mobilisation() {
    let d = code("The army formed a new militia in the north.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    let d = code("A new militia appeared in the north.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("Iran raised the combat readiness of its forces.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    let d = code("Iran raised the price of bread.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
}

#[test]
fn letting_peacekeepers_in_is_access_other_people_a_concession() {
    let d = code("Sudan allowed UN peacekeepers into Darfur.");
    assert_eq!(d.events[0].kind, EventType::Retreat);
    assert_eq!(d.events[0].mode.as_deref(), Some("access"));
    let d = code("Sudan allowed journalists into Darfur.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    let d = code("Bangladeshi peacekeepers arrived in Sierra Leone on Tuesday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn an_instrument_that_allows_something_is_no_actor_yielding() {
    let d = code("The agreement will allow farmers to sell grain abroad.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    // a party that will allow it promises to
    let d = code("The government will allow farmers to sell grain abroad.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
    let d = code("Kenya allowed farmers to sell grain abroad.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
}

#[test]
fn releasing_a_statement_is_publishing_not_freeing() {
    let d = code("A statement released by the Russian embassy on Monday described the talks.");
    assert!(!kinds_of(&d).contains(&EventType::Retreat), "{:?}", summary(&d));
    let d = code("Human Rights Watch released a report on the camps.");
    assert!(!kinds_of(&d).contains(&EventType::Retreat), "{:?}", summary(&d));
    let d = code("The rebels released three hostages on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn a_publication_or_a_patient_released_is_no_captive_freed() {
    for text in [
        "The report was released on Monday by the ministry.",
        "Court records released on Friday show the men were convicted.",
        "The driver was treated and released for minor injuries.",
        "Two officers were released from hospital on Sunday.",
    ] {
        let d = code(text);
        assert!(!kinds_of(&d).contains(&EventType::Retreat), "{text}: {:?}", summary(&d));
    }
    let d = code("The army released a record number of prisoners on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn the_fight_against_a_scourge_is_no_assault() {
    for text in [
        "The two ministers discussed cooperation in the fight against terrorism.",
        "The government vowed to fight corruption in the police.",
        "Both countries are partners in the battle against organized crime.",
    ] {
        let d = code(text);
        assert!(!kinds_of(&d).contains(&EventType::Assault), "{text}: {:?}", summary(&d));
    }
    let d = code("Rebels fought government troops near the airport on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Assault]);
}

#[test]
fn protesters_acted_on_are_the_target_not_a_protest() {
    let d = code("Police arrested 23 protesters in front of the parliament.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Police said four protesters were arrested on Thursday.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    // protesters who act are protesting
    let d = code("Protesters blocked the main road to the airport.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
}

#[test]
fn a_verb_pattern_reaches_its_object_over_an_article() {
    let d = code("Denmark accepted a formula for ending its fisheries dispute.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
    let d = code("The union ended the four-day strike on Thursday.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    // but not over a conjunction into another phrase
    let d = code("They discussed border issues and threats posed by smugglers.");
    assert!(!kinds_of(&d).contains(&EventType::Threaten), "{:?}", summary(&d));
}

#[test]
fn a_measure_of_aid_is_aid_not_background() {
    let d = code("Bahrain delivered ten tons of humanitarian aid to Yemen on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Aid]);
    // a noun after a plain "of" stays background
    let d = code("Bahrain spoke of humanitarian aid for Yemen on Monday.");
    assert!(!kinds_of(&d).contains(&EventType::Aid), "{:?}", summary(&d));
}

#[test]
fn an_acts_restated_object_is_no_second_event() {
    let d = code("The United Nations will provide nearly 25,000 tons of emergency food aid to Liberia.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn a_force_sent_in_the_passive_is_mobilised_and_riot_police_are_no_riot() {
    let d = code("Riot police were called in to restore order in Lagos.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    let d = code("Troops were sent to the border with Chile.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    // a letter sent is no force
    let d = code("Letters were sent to the border villages.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("India and Japan held naval drills in the Bay of Bengal.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
}

#[test]
fn suspended_cooperation_is_one_sanction() {
    let d = code("France suspended military cooperation with Mali.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    let d = code("France expanded military cooperation with Mali.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
}

#[test]
fn cyber_warfare_disapproval_and_inquiries() {
    let d = code("Russia waged cyber warfare against Estonia.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Russia waged a campaign against Estonia.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("Citizens expressed widespread disapproval of the president.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
    let d = code("The government set up a commission to study the causes of the disaster.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
    let d = code("The government set up a school in the capital.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
}

#[test]
fn a_banned_rally_is_the_bans_object_and_aid_workers_no_aid() {
    let d = code("Authorities banned the opposition rally in the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Thousands joined the opposition rally in the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
    let d = code("Gunmen abducted three aid workers.");
    assert_eq!(kinds_of(&d), vec![EventType::Assault]);
}

#[test]
fn calls_by_phone_and_go_betweens_are_consultations() {
    let d = code("Putin spoke with Erdogan by phone on Monday.");
    assert_eq!(summary(&d), vec![(EventType::Consult, Some("RUS"), Some("TUR"), EventStatus::Asserted)]);
    assert_eq!(d.events[0].mode.as_deref(), Some("phone"));
    let d = code("Egypt mediated between Israel and Hamas.");
    assert_eq!(d.events[0].kind, EventType::Consult);
    // speaking of a phone is no call
    let d = code("Putin spoke about his phone on Monday.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
}

#[test]
fn irregular_freeze_and_find_and_a_release_from_confinement() {
    let d = code("The United States froze the assets of three Russian banks.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    let d = code("The court found the former president guilty of corruption.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    let d = code("The court found the former president at home.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("The regime released the opposition leader from house arrest.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn blocking_a_website_is_censorship_blocking_a_road_obstruction() {
    let d = code("The authorities blocked access to Facebook and Twitter.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Truck drivers blocked the highway.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
    let d = code("North Korea put its army on high alert.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
}

#[test]
fn irregular_past_forms_of_pattern_verbs() {
    let d = code("Panama made concessions to the European Union on Thursday.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    let d = code("Panama made a statement on Thursday.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    // "left four soldiers dead" is no withdrawal
    let d = code("The bombing left four soldiers dead in Beni.");
    assert!(!kinds_of(&d).contains(&EventType::Retreat), "{:?}", summary(&d));
}

#[test]
fn no_comment_is_no_rejection_and_running_for_office_no_request() {
    let d = code("The embassy declined to comment.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("The embassy declined to discuss the proposal.");
    assert_eq!(kinds_of(&d), vec![EventType::Reject]);
    let d = code("The president is seeking a second term.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("Kenya is seeking international help.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
}

#[test]
fn the_month_is_no_march_and_a_question_no_request() {
    let d = code("Unemployment rose sharply between October and March in the capital.");
    assert!(!kinds_of(&d).contains(&EventType::Protest), "{:?}", summary(&d));
    let d = code("On Monday, March 13th, the police in Sarajevo detained two men.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Thousands joined the march in the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
    let d = code("Asked if there would be more arrests, the minister said no.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("The new law bans street protests.");
    assert!(!kinds_of(&d).contains(&EventType::Coerce), "{:?}", summary(&d));
}

#[test]
fn cooperation_as_such_is_diplomatic_support_material_cooperation_cooperate() {
    // CAMEO 050 (diplomatic cooperation) is PLOVER SUPPORT, 06x (material) COOPERATE
    let d = code("Chile and Peru cooperate closely on climate change.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("Chile and Peru cooperate on security.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
    let d = code("France expanded military cooperation with Mali.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
}

#[test]
fn a_promised_hostile_act_is_a_threat_a_promised_aid_a_promise() {
    let d = code("The officials promised arrests if corruption continues.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
    let d = code("The officials promised aid to the flood victims.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn sending_peacekeepers_is_protection_and_ending_violence_de_escalation() {
    let d = code("The UN is deploying 3,400 peacekeepers in the Central African Republic.");
    assert_eq!(kinds_of(&d), vec![EventType::Aid]);
    let d = code("Russia deployed troops to the border.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    let d = code("The rebels ended months of violence in the north.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
    let d = code("The rebels ended months of isolation in the north.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
}

#[test]
fn armed_groups_raised_and_material_cooperation_by_field() {
    let d = code("The militia began operating near the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    let d = code("The museum began operating near the capital.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("A far-right paramilitary group was formed in Bavaria.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    let d = code("Kenya and Uganda expanded intelligence sharing.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
    let d = code("The warship conducted exercises with the Chilean navy.");
    assert_eq!(kinds_of(&d), vec![EventType::Cooperate]);
}

#[test]
fn epithets_expulsions_blockades_and_walkouts() {
    let d = code("The minister called the behavior deplorable.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
    let d = code("The minister called the behavior normal.");
    assert!(d.events.is_empty(), "{:?}", summary(&d));
    let d = code("The government expelled a human rights activist.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Troops blockaded the city.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("The rebels quit the peace talks.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    let d = code("The minister quit on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn an_accepted_invitation_is_an_agreement_an_invitation_a_request() {
    let d = code("The opposition accepted the government's invitation to talks.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
    let d = code("The opposition sent an invitation to the government.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
}

#[test]
fn a_capitalised_trigger_inside_a_lower_case_sentence_is_a_name() {
    let d = code("Later that day Obama and Ban had a long meeting with the president in the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Consult]);
    let d = code("Violence erupted in the capital on Monday after weeks of political violence in the provinces.");
    assert_eq!(kinds_of(&d), vec![EventType::Assault]);
    let d = code("The report described years of political violence in the provinces.");
    assert_eq!(kinds_of(&d), vec![]);
}

#[test]
fn an_announced_deployment_counts_when_it_names_the_force() {
    let d = code("The government said soldiers would be deployed to the border next week.");
    assert_eq!(kinds_of(&d), vec![EventType::Mobilize]);
    assert_eq!(d.events[0].status, EventStatus::Future);
    let d = code("The ministry said election monitors would deploy next month.");
    assert_eq!(kinds_of(&d), vec![]);
    let d = code("Armed rebels seized a small town overnight.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
}

#[test]
fn a_promised_hostile_act_is_a_threat() {
    let d = code("The president promised to declare a state of emergency within 48 hours.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
    let d = code("The rebels vowed on Wednesday to attack the capital.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
}

#[test]
fn an_acronym_and_a_deal_struck_are_no_events() {
    let d = code("The ministry unveiled a plan to curb the spread of AIDS in rural areas.");
    assert_eq!(kinds_of(&d), vec![]);
    let d = code("The rebels said the deal was struck on Wednesday in the capital.");
    assert_eq!(kinds_of(&d), vec![]);
}

#[test]
fn denying_a_charge_is_a_statement_not_a_rejection() {
    for s in [
        "The rebels accused Chad of bombing a market, a claim the government denied.",
        "Kenya denied the allegations on Monday.",
        "Peru has denied any involvement in the raid.",
        "The ministry denied that its soldiers had crossed the border.",
    ] {
        let d = code(s);
        assert!(!kinds_of(&d).contains(&EventType::Reject), "{s}: {:?}", summary(&d));
    }
    // what is denied in "denied that …" is not asserted either
    let d = code("Moscow denied bombing civilians in Syria.");
    assert!(!kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
    // refusing a request or access is still a rejection
    let d = code("Egypt denied the Israeli request for overflight rights.");
    assert!(kinds_of(&d).contains(&EventType::Reject), "{:?}", summary(&d));
    let d = code("Serbia denied access to the inspectors.");
    assert!(kinds_of(&d).contains(&EventType::Reject), "{:?}", summary(&d));
}

#[test]
fn a_former_position_in_the_past_perfect_is_background() {
    let d = code("Chile supported the Pacific trade pact with Japan last year.");
    assert!(kinds_of(&d).contains(&EventType::Support), "{:?}", summary(&d));
    let d = code("Chile had supported the Pacific trade pact with Japan until last year.");
    assert!(!kinds_of(&d).contains(&EventType::Support), "{:?}", summary(&d));
    // said by someone, it is a statement about what happened
    let d = code("Officials said Chile had supported Peru's bid.");
    assert!(kinds_of(&d).contains(&EventType::Support), "{:?}", summary(&d));
    // an act in the past perfect keeps its event
    let d = code("In 2005 Colombian rebels had attacked a Venezuelan border post.");
    assert!(kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
}

#[test]
fn telling_a_party_it_will_have_to_act_is_a_demand() {
    let d = code("Japan told China that it would have to release the fishermen.");
    assert_eq!(summary(&d), vec![(EventType::Request, Some("JPN"), Some("CHN"), EventStatus::Asserted)]);
    let d = code("Russia told Ukraine it will have to accept the new border.");
    assert_eq!(summary(&d), vec![(EventType::Request, Some("RUS"), Some("UKR"), EventStatus::Asserted)]);
    // said of oneself, or to reporters, it is a forecast, no demand
    let d = code("Germany said it would have to consider the implications.");
    assert!(!kinds_of(&d).contains(&EventType::Request), "{:?}", summary(&d));
    let d = code("The Greek minister told reporters that farmers would have to wait.");
    assert!(!kinds_of(&d).contains(&EventType::Request), "{:?}", summary(&d));
}

#[test]
fn a_meeting_with_someone_that_dates_the_news_took_place() {
    let d = code("The Brazilian minister spoke to reporters after a closed-door meeting with Argentine officials.");
    assert_eq!(summary(&d), vec![(EventType::Consult, Some("BRA"), Some("ARG"), EventStatus::Asserted)]);
    let d = code("Chile said following talks with Peruvian diplomats that the border was calm.");
    assert_eq!(summary(&d), vec![(EventType::Consult, Some("CHL"), Some("PER"), EventStatus::Asserted)]);
    // without "with", a time clause stays background
    let d = code("Two days after the meeting, Chilean troops attacked a Peruvian post.");
    assert!(!kinds_of(&d).contains(&EventType::Consult), "{:?}", summary(&d));
}

#[test]
fn denying_a_request_after_a_charge_noun_is_still_a_rejection() {
    let d = code("Ghana played a role in denying Togo's request for troops.");
    assert!(kinds_of(&d).contains(&EventType::Reject), "{:?}", summary(&d));
}

#[test]
fn what_was_said_in_a_relative_clause_of_place_is_background() {
    let d = code("Syria condemned Israeli air strikes on Monday in which it said 12 soldiers were killed.");
    assert!(!kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
    let d = code("Iran threatened to shell Iraqi towns near the border, where, it said, 40 people were killed.");
    assert!(!kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
}

#[test]
fn nuclear_missiles_named_are_no_attack() {
    let d = code("Moscow proposed to cut the number of nuclear missiles based in Europe.");
    assert!(!kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
    let d = code("Russian forces fired missiles at Ukrainian towns.");
    assert!(kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
}

#[test]
fn a_weapon_attack_compound_is_a_noun() {
    let d = code("Sudan is suing Britain for damage caused by a missile attack in May.");
    assert!(!kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
    let d = code("A rocket attack hit an Israeli town on Monday.");
    assert!(kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
}

#[test]
fn a_participle_after_a_thing_describes_it() {
    let d = code("The rebels returned weapons seized last year from Kenyan peacekeepers.");
    assert!(!kinds_of(&d).contains(&EventType::Coerce) && !kinds_of(&d).contains(&EventType::Threaten), "{:?}", summary(&d));
    // a finite verb after its subject, going on to its complement, is an event
    let d = code("Peru agreed to talks, but the court refused last week to allow the vote.");
    assert!(kinds_of(&d).contains(&EventType::Reject), "{:?}", summary(&d));
}

#[test]
fn a_foretold_passive_act_keeps_its_kind() {
    // no actor promises or threatens it: the act itself, still to come
    let d = code("The government said the night curfew will be lifted on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    assert_eq!(d.events[0].status, EventStatus::Future);
    let d = code("The judge said the two men would be sentenced next week.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    // an actor's own future act is still a promise
    let d = code("The government said it will lift the curfew on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn a_restriction_being_lifted_is_no_restriction_imposed() {
    let d = code("Residents returned to the market on Tuesday once the curfew was lifted.");
    assert!(!kinds_of(&d).contains(&EventType::Coerce), "{:?}", kinds_of(&d));
    let d = code("The army imposed a curfew on the town on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
}

#[test]
fn an_act_left_undone_is_no_rejection() {
    let d = code("The government announced the plan on Tuesday without making a formal offer to the unions.");
    assert!(!kinds_of(&d).contains(&EventType::Reject), "{:?}", kinds_of(&d));
    // a failure to agree still is one
    let d = code("Israel and Jordan failed to reach agreement on water rights on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Reject]);
}

#[test]
fn a_hostile_act_weighed_in_public_is_a_threat() {
    let d = code("Malaysia is considering suspending relations with Brunei over the dispute.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
    assert_eq!(d.events[0].status, EventStatus::Hypothetical);
    let d = code("The president raised the possibility of banning opposition parties.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
}

#[test]
fn a_cessation_of_hostilities_and_weapons_handed_over_are_retreats() {
    let d = code("A cessation of hostilities between the two armies took effect at midnight.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
    let d = code("The rebels handed over their weapons to the peace monitors on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
    assert_eq!(d.events[0].mode.as_deref(), Some("disarm"));
}

#[test]
fn protesters_saying_something_is_no_second_protest() {
    let d = code("The demonstrators called for a halt to the drilling of new wells.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
    let d = code("Thousands of demonstrators marched through the capital on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
}

#[test]
fn spreading_false_information_is_misinformation() {
    let d = code("Critics said the ruling party spread false information about the opposition candidate.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    assert_eq!(d.events[0].mode.as_deref(), Some("misinformation"));
    let d = code("Trolls sowed disinformation on social media before the vote.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
}

#[test]
fn announcing_a_boycott_or_skipping_a_summit_is_a_boycott() {
    let d = code("Chile became the latest country to announce a boycott of the trade conference.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
    assert_eq!(d.events[0].mode.as_deref(), Some("boycott"));
    let d = code("Eleven countries skipped the summit over human rights concerns.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
}

#[test]
fn a_civilian_body_pulling_out_curtails_relations_an_army_retreats() {
    let d = code("The international rights group withdrew from Cambodia amid security concerns.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    assert_eq!(d.events[0].mode.as_deref(), Some("withdraw"));
    let d = code("Russian troops withdrew from the town on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn pledged_allegiance_is_support_and_getting_prepared_no_offer() {
    let d = code("The armed group has pledged allegiance to the Islamic State.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("Officials prepared to evacuate the town as the river rose.");
    assert!(!kinds_of(&d).contains(&EventType::Agree), "{:?}", kinds_of(&d));
    let d = code("The government is prepared to lift the curfew.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn an_attack_on_computers_is_a_cyber_operation() {
    let d = code("Hackers attacked the ministry's website on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    assert_eq!(d.events[0].mode.as_deref(), Some("cyber"));
    let d = code("A hacking attack shut down the bank's payment systems on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Rebels attacked an army base on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Assault]);
}

#[test]
fn observers_allowed_back_is_access() {
    let d = code("Election observers were finally allowed back into the country on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
    assert_eq!(d.events[0].mode.as_deref(), Some("access"));
    let d = code("The government let UN inspectors into the site on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn a_restriction_eased_in_the_passive_is_a_concession() {
    let d = code("Restrictions on travel to the island were partially eased in May.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    let d = code("The ban on opposition rallies has been removed.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    let d = code("The curfew was imposed on Monday after the riots.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
}

#[test]
fn looking_into_allegations_is_an_investigation() {
    let d = code("Police are looking into the allegations against the mayor.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
    assert_eq!(d.events[0].mode.as_deref(), Some("investigate"));
    let d = code("The former minister was questioned by police on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
    // doubting a decision is no questioning by the police
    let d = code("Critics questioned the decision.");
    assert!(kinds_of(&d).is_empty(), "{:?}", kinds_of(&d));
}

#[test]
fn more_words_of_public_disapproval() {
    let d = code("Rights groups blasted the government over the arrests.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
    assert_eq!(d.events[0].mode.as_deref(), Some("disapprove"));
    let d = code("China hit out at the United States over the tariffs.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
}

#[test]
fn promising_a_harsh_response_is_a_threat() {
    let d = code("Iran promised a harsh response to the attack on its embassy.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
    let d = code("The militants vowed reprisals against the army.");
    assert_eq!(kinds_of(&d), vec![EventType::Threaten]);
    let d = code("The government promised a response to the petition.");
    assert_eq!(kinds_of(&d), vec![EventType::Agree]);
}

#[test]
fn a_coordinated_verb_is_no_complement() {
    let d = code("The president ordered the army to leave the town and threatened the rebels with arrest.");
    assert!(kinds_of(&d).contains(&EventType::Threaten), "{:?}", summary(&d));
    // a participle coordinated in a passive complement stays inside it
    let d = code("The protesters demanded that the officers be tried and punished.");
    assert_eq!(kinds_of(&d), vec![EventType::Request], "{:?}", summary(&d));
}

#[test]
fn peacekeepers_arriving_are_received_by_the_host() {
    let d = code("A first batch of Bangladeshi peacekeeping troops arrived in Sierra Leone on Tuesday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat], "{:?}", summary(&d));
    assert_eq!(d.events[0].mode.as_deref(), Some("access"));
    assert_eq!(d.events[0].source.country.as_deref(), Some("SLE"), "{:?}", d.events[0]);
    assert_eq!(d.events[0].target.country.as_deref(), Some("BGD"), "{:?}", d.events[0]);
    let d = code("The Philippine army has pulled all its forces from the region.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat], "{:?}", summary(&d));
}

#[test]
fn an_agreement_signed_in_the_passive_is_support() {
    let d = code("The trade deal was signed by the two foreign ministers in Ankara on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Support], "{:?}", summary(&d));
    let d = code("Jordan entered into a free trade agreement with Turkey on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Support], "{:?}", summary(&d));
}

#[test]
fn the_agent_of_a_passive_of_damage_is_reported() {
    let d = code("A power plant in the south was disabled by a cyber attack on Saturday.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce], "{:?}", summary(&d));
    // a cause stays background
    let d = code("The talks were overshadowed by the attack.");
    assert!(!kinds_of(&d).contains(&EventType::Assault), "{:?}", summary(&d));
}

#[test]
fn an_agency_withdrawing_reduces_relations() {
    let d = code("Human Rights Watch withdrew from Cambodia amid security concerns.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction], "{:?}", summary(&d));
    let d = code("Diplomatic ties were downgraded in August.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction], "{:?}", summary(&d));
    // an armed force leaving is a retreat
    let d = code("NATO withdrew its troops from the region on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat], "{:?}", summary(&d));
}

#[test]
fn a_committee_set_up_to_investigate_is_an_investigation() {
    let d = code("The parliament has formed an investigative committee to gather evidence.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse], "{:?}", summary(&d));
    assert_eq!(d.events[0].mode.as_deref(), Some("investigate"));
}

#[test]
fn water_and_tents_sent_are_aid() {
    let d = code("Jordan sent drinking water and tents to the flooded villages on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Aid], "{:?}", summary(&d));
    let d = code("The agency said it had doubled deliveries to the camps.");
    assert_eq!(kinds_of(&d), vec![EventType::Aid], "{:?}", summary(&d));
}

#[test]
fn a_plural_noun_pledges_is_no_promise() {
    let d = code("An official said pledges made in March had not arrived.");
    assert!(kinds_of(&d).is_empty(), "{:?}", summary(&d));
    let d = code("The pledges were never kept, the mayor said.");
    assert!(!kinds_of(&d).contains(&EventType::Agree), "{:?}", summary(&d));
    // the verb still is one
    let d = code("Norway pledges new funds for Sudan.");
    assert!(!kinds_of(&d).is_empty(), "{:?}", summary(&d));
}

#[test]
fn a_meeting_foretold_in_the_passive_is_no_offer() {
    let d = code("The border row will be discussed at a summit in Geneva next week.");
    assert!(kinds_of(&d).is_empty(), "{:?}", summary(&d));
}

#[test]
fn telling_an_envoy_and_mediated_talks_are_consultations() {
    let d = code("The Egyptian foreign minister told the Israeli ambassador that the raid was a mistake.");
    assert_eq!(d.events[0].kind, EventType::Consult, "{:?}", summary(&d));
    assert_eq!(d.events[0].target.country.as_deref(), Some("ISR"));
    let d = code("Talks mediated by Qatar ended on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Consult], "{:?}", summary(&d));
}

#[test]
fn a_quoted_promise_is_a_reassurance_not_an_agreement() {
    let d = code("The mayor promised that “every family will get a home” before winter.");
    assert!(!kinds_of(&d).contains(&EventType::Agree), "{:?}", summary(&d));
    // a promise to act stays one
    let d = code("Britain promised to send more aid to Mozambique.");
    assert!(kinds_of(&d).contains(&EventType::Agree) || kinds_of(&d).contains(&EventType::Aid), "{:?}", summary(&d));
}

#[test]
fn what_a_thing_is_aimed_at_is_no_event() {
    let d = code("French and German envoys held talks aimed at ending the border war.");
    assert_eq!(kinds_of(&d), vec![EventType::Consult]);
    let d = code("The council approved a resolution that aims to tighten sanctions on the junta.");
    assert!(!kinds_of(&d).contains(&EventType::Sanction) && !kinds_of(&d).contains(&EventType::Threaten), "{:?}", kinds_of(&d));
    // an act reported beside it stays
    let d = code("Rebels ended the siege of the town on Monday.");
    assert!(!d.events.is_empty());
}

#[test]
fn a_restriction_imposed_again_or_prolonged_is_coercion() {
    let d = code("The army reimposed a curfew on the city on Friday.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("The government reinstated the ban on rallies.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Washington tightened sanctions against Iran.");
    assert_eq!(kinds_of(&d), vec![EventType::Sanction]);
    // restoring a right stays a concession
    let d = code("The government restored the right to assemble.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
}

#[test]
fn a_state_of_siege_is_emergency_rule() {
    let d = code("The junta declared a state of siege on Saturday, suspending the constitution.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("The army lifted the state of siege on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Concede]);
    // a siege lifted by the force that laid it stays a retreat
    let d = code("Government troops lifted the siege of the town.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn an_inquiry_announced_is_an_investigation() {
    let d = code("The tribunal will investigate alleged war crimes committed during the conflict.");
    assert_eq!(summary(&d).iter().map(|e| (e.0, e.3)).collect::<Vec<_>>(), vec![(EventType::Accuse, EventStatus::Future)]);
    // an accusation only announced is still none
    let d = code("The ministry said it would accuse the company of fraud.");
    assert!(!kinds_of(&d).contains(&EventType::Accuse), "{:?}", kinds_of(&d));
}

#[test]
fn ties_resumed_or_formed_and_gratitude_are_support() {
    let d = code("Slovenia and North Korea announced a resumption of diplomatic ties after a two-year freeze.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("The two countries formed diplomatic relations in 1992.");
    assert_eq!(kinds_of(&d), vec![EventType::Support]);
    let d = code("The Czech government was grateful for the Georgian offer.");
    assert_eq!(kinds_of(&d)[0], EventType::Support);
    let d = code("Germany described the arrests as unacceptable.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
}

#[test]
fn aid_workers_let_in_is_access() {
    let d = code("The authorities let aid workers into the besieged town on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
    assert_eq!(d.events[0].mode.as_deref(), Some("access"));
    let d = code("The junta granted UN inspectors access to the prison.");
    assert_eq!(kinds_of(&d), vec![EventType::Retreat]);
}

#[test]
fn forced_by_circumstance_is_no_coercion() {
    let d = code("The embassy was forced to close after the storm.");
    assert!(!kinds_of(&d).contains(&EventType::Coerce), "{:?}", kinds_of(&d));
    let d = code("Soldiers forced villagers to leave their homes.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
}

#[test]
fn pushing_for_something_is_a_request() {
    let d = code("France pushed for tougher sanctions on Iran.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
    let d = code("Washington is pushing Kyiv to accept the deal.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
    let d = code("The army pushed the rebels back to the border.");
    assert!(!kinds_of(&d).contains(&EventType::Request), "{:?}", kinds_of(&d));
}

#[test]
fn defying_a_ban_is_rejection_and_breaking_a_truce_is_fighting() {
    let d = code("Hundreds of protesters flouted the curfew on Saturday.");
    assert_eq!(kinds_of(&d), vec![EventType::Reject]);
    let d = code("The newspaper violated a ban on political coverage.");
    assert_eq!(kinds_of(&d), vec![EventType::Reject]);
    let d = code("Government troops broke the truce on Sunday.");
    assert_eq!(kinds_of(&d), vec![EventType::Assault]);
    // charged with it, it is the charge
    let d = code("Sudan accused the rebels of violating the ceasefire.");
    assert_eq!(kinds_of(&d), vec![EventType::Accuse]);
}

#[test]
fn battle_zones_are_a_place_and_human_shields_coercion() {
    let d = code("The army is holding villagers as human shields in the battle zones.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce]);
    let d = code("Fierce battles raged in the north on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Assault]);
}

#[test]
fn an_act_begun_after_another_is_its_own_event() {
    let d = code("Police arrested 20 people and began to disperse the crowd.");
    assert_eq!(kinds_of(&d), vec![EventType::Coerce, EventType::Assault]);
    // a purpose stays folded: "staged rallies to demand reforms"
    let d = code("Students staged rallies to demand reforms.");
    assert_eq!(kinds_of(&d), vec![EventType::Protest]);
}

#[test]
fn a_need_expressed_is_a_request() {
    let d = code("Kenya expressed an urgent need for food aid on Monday.");
    assert_eq!(kinds_of(&d), vec![EventType::Request]);
    assert_eq!(d.events[0].mode.as_deref(), Some("assist"));
}

#[test]
fn a_capital_after_a_names_small_word_is_part_of_the_name() {
    let d = code("He met the Minister of Finance and the head of the Committee for the Prevention of Torture on Monday.");
    assert!(!kinds_of(&d).contains(&EventType::Aid) && !kinds_of(&d).contains(&EventType::Assault), "{:?}", kinds_of(&d));
}

#[test]
fn relief_as_a_feeling_or_a_workers_word_is_no_aid() {
    let d = code("It was a huge relief for the families, relief workers said.");
    assert!(!kinds_of(&d).contains(&EventType::Aid), "{:?}", kinds_of(&d));
    let d = code("The UN sent relief to the flooded region.");
    assert_eq!(kinds_of(&d), vec![EventType::Aid]);
}

#[test]
fn not_only_and_not_the_first_negate_no_act() {
    let d = code("The four men are not the first hostages to be released by the rebels.");
    assert!(!kinds_of(&d).contains(&EventType::Reject), "{:?}", kinds_of(&d));
    let d = code("The army not only withdrew its troops but also released prisoners.");
    assert!(!kinds_of(&d).contains(&EventType::Reject), "{:?}", kinds_of(&d));
    let d = code("The rebels did not release the hostages.");
    assert_eq!(summary(&d)[0].3, EventStatus::Negated);
}

#[test]
fn as_opposed_to_is_a_contrast() {
    let d = code("The arms are for the peacekeepers, as opposed to the militias.");
    assert!(!kinds_of(&d).contains(&EventType::Reject), "{:?}", kinds_of(&d));
    let d = code("Kenya opposed the plan and said it supports the talks.");
    assert!(kinds_of(&d).contains(&EventType::Reject), "{:?}", kinds_of(&d));
}

#[test]
fn a_journey_for_talks_is_the_meeting() {
    let d = code("The Iranian foreign minister arrived in Cairo on Monday for talks with Egyptian officials.");
    assert_eq!(kinds_of(&d), vec![EventType::Consult]);
    let d = code("The refugees will return to their homes.");
    assert!(!kinds_of(&d).contains(&EventType::Consult), "{:?}", kinds_of(&d));
}

fn stance_list(d: &Doc) -> Vec<(String, Polarity, String)> {
    d.stances.iter().map(|s| (d.entity(s.holder.unwrap()).name.clone(), s.polarity, s.target.clone())).collect()
}

#[test]
fn a_promised_end_is_a_stance_against_what_it_ends() {
    let d = with_people("Smith said the council would end the curfew on Friday.", &["Smith"]);
    assert_eq!(stance_list(&d), vec![("Smith".to_string(), Polarity::Against, "the curfew".to_string())]);
    let d = with_people("Smith said the mayor wants to abolish the night tax.", &["Smith"]);
    // the earlier verb states the position; no second one from "abolish"
    assert!(stance_list(&d).iter().all(|(_, p, _)| *p == Polarity::For), "{:?}", stance_list(&d));
    for text in [
        "Smith said shares would end the week higher.",
        "Smith said the talks would end up in court.",
        "Smith said the law would repeal that rule.",
        "Smith reached the end of the road.",
    ] {
        let d = with_people(text, &["Smith"]);
        assert!(d.stances.is_empty(), "{text}: {:?}", stance_list(&d));
    }
}

#[test]
fn a_call_or_an_invitation_is_for_what_it_asks() {
    let d = with_people("Smith called on Tuesday for an independent inquiry into the shooting.", &["Smith"]);
    let got = stance_list(&d);
    assert!(got.contains(&("Smith".to_string(), Polarity::For, "independent inquiry into the shooting".to_string())), "{got:?}");
    let d = with_people("Smith invited Jones to joint patrols along the river.", &["Smith", "Jones"]);
    let got = stance_list(&d);
    assert!(got.contains(&("Smith".to_string(), Polarity::For, "joint patrols along the river with Jones".to_string())), "{got:?}");
    for text in ["Smith invited Jones to a dinner at the palace.", "Smith invited Jones to attend the ceremony."] {
        let d = with_people(text, &["Smith", "Jones"]);
        assert!(d.stances.is_empty(), "{text}: {:?}", stance_list(&d));
    }
}

#[test]
fn a_quoted_verdict_on_a_thing_is_a_stance_on_it() {
    let d = with_people("Smith called the new tariff \"a serious mistake\" on Monday.", &["Smith"]);
    assert_eq!(stance_list(&d), vec![("Smith".to_string(), Polarity::Against, "the new tariff".to_string())]);
    let d = with_people("Smith described the reform as \"a historic step\".", &["Smith"]);
    assert_eq!(stance_list(&d), vec![("Smith".to_string(), Polarity::For, "the reform".to_string())]);
    // a quoted name that is no verdict
    let d = with_people("Smith called the operation \"Northern Shield\".", &["Smith"]);
    assert!(d.stances.is_empty(), "{:?}", stance_list(&d));
}

#[test]
fn a_verdict_on_the_agreement_names_what_was_agreed() {
    let d = with_people(
        "Smith and Jones agreed on Sunday to hold joint patrols along the river. Smith called the agreement \"a first step\".",
        &["Smith", "Jones"],
    );
    let got = stance_list(&d);
    assert!(got.contains(&("Smith".to_string(), Polarity::For, "the agreement to hold joint patrols along the river".to_string())), "{got:?}");
}

#[test]
fn a_signer_is_for_what_it_signs() {
    let d = with_people(
        "Smith and Jones agreed on Sunday to reopen the border crossing. \"This is a good day,\" Smith said after signing the accord with Jones.",
        &["Smith", "Jones"],
    );
    let got = stance_list(&d);
    assert!(got.contains(&("Smith".to_string(), Polarity::For, "the accord to reopen the border crossing".to_string())), "{got:?}");
    let d = with_people("Smith signed a treaty on fishing rights in the bay with Jones.", &["Smith", "Jones"]);
    assert_eq!(stance_list(&d), vec![("Smith".to_string(), Polarity::For, "a treaty on fishing rights".to_string())]);
    for text in ["Smith signed a treaty.", "Smith signed a new agreement with Jones.", "The treaty was signed by Smith.", "Smith refused to sign the treaty."] {
        let d = with_people(text, &["Smith"]);
        assert!(d.stances.iter().all(|s| s.polarity == Polarity::Against), "{text}: {:?}", stance_list(&d));
    }
}
