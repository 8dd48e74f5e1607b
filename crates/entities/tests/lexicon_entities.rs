//! End-to-end checks of the entity layer on short texts.

use dateline_doc::{Doc, DocMeta, EntityKind};
use dateline_entities::EntityRecognizer;
use dateline_pipeline::Component;
use dateline_segment::Segmenter;

fn run(text: &str) -> Doc {
    let mut doc = Doc::new(text.to_string(), DocMeta::default());
    Segmenter.run(&mut doc);
    EntityRecognizer.run(&mut doc);
    doc
}

fn entities(doc: &Doc) -> Vec<(String, EntityKind, Option<String>)> {
    doc.entities.iter().map(|e| (e.name.clone(), e.kind, e.country.clone())).collect()
}

fn find<'a>(doc: &'a Doc, name: &str) -> Option<&'a dateline_doc::Entity> {
    doc.entities.iter().find(|e| e.name == name)
}

#[test]
fn countries_capitals_and_seats_are_one_entity() {
    let d = run("Ukraine asked for help. Kyiv said it would fight on, while the Kremlin and Moscow said nothing about Russia.");
    let ukr = find(&d, "Ukraine").expect("Ukraine");
    assert_eq!(ukr.kind, EntityKind::Country);
    assert_eq!(ukr.country.as_deref(), Some("UKR"));
    assert_eq!(ukr.mentions.len(), 2);
    let rus = find(&d, "Russia").expect("Russia");
    assert_eq!(rus.mentions.len(), 3);
}

#[test]
fn a_capital_as_a_place() {
    let d = run("The talks were held in Geneva and in Brussels.");
    let b = find(&d, "Brussels").expect("Brussels");
    assert_eq!(b.kind, EntityKind::Location);
    assert_eq!(b.country.as_deref(), Some("BEL"));
}

#[test]
fn seat_of_an_organisation_named_in_the_report() {
    let d = run("The European Union rejected the charge. Brussels had no plans to suspend the rule.");
    let eu = find(&d, "European Union").expect("EU");
    assert_eq!(eu.mentions.len(), 2);
}

#[test]
fn institutions_of_a_country() {
    let d = run("Argentina's foreign ministry said on Wednesday it agreed. The Ukrainian foreign ministry did not respond.");
    let a = find(&d, "Argentina's foreign ministry").expect("ministry");
    assert_eq!((a.kind, a.country.as_deref()), (EntityKind::Organization, Some("ARG")));
    assert!(find(&d, "Ukrainian foreign ministry").is_some());
}

#[test]
fn hyphenated_compounds_of_names() {
    let d = run("Buenos Aires had backed the EU-Mercosur trade agreement.");
    assert!(find(&d, "Mercosur").is_some(), "{:?}", entities(&d));
    assert!(find(&d, "EU").is_some());
}

#[test]
fn headlines_in_capitals() {
    let d = run("NO U.S. TROOPS IN UKRAINE\n\nThey told us it was over.");
    let names: Vec<_> = entities(&d).into_iter().map(|e| e.2).collect();
    assert!(names.contains(&Some("USA".into())));
    assert!(names.contains(&Some("UKR".into())));
    // the pronoun "us" is not the United States
    let usa = d.entities.iter().find(|e| e.country.as_deref() == Some("USA")).unwrap();
    assert_eq!(usa.mentions.len(), 1);
}

#[test]
fn shouted_pronoun_is_not_a_country() {
    let d = run("THEY TOLD US TO LEAVE\n\nNothing else.");
    assert!(d.entities.iter().all(|e| e.country.as_deref() != Some("USA")), "{:?}", entities(&d));
}

#[test]
fn ambiguous_words_get_no_confident_code() {
    let d = run("We ate turkey at Thanksgiving. Chad Smith, a drummer, and Jordan Peterson came.");
    assert!(d.entities.iter().all(|e| !matches!(e.country.as_deref(), Some("TUR" | "TCD" | "JOR"))), "{:?}", entities(&d));
    let d = run("They built a statue of George Washington by the river.");
    assert!(d.entities.iter().all(|e| e.country.as_deref() != Some("USA")), "{:?}", entities(&d));
    let d = run("Congolese troops crossed the river.");
    assert!(d.entities.iter().all(|e| e.country.is_none()), "{:?}", entities(&d));
}

#[test]
fn lower_case_text() {
    let d = run("ukraine and russia met in geneva. we ate turkey.");
    let codes: Vec<_> = d.entities.iter().filter_map(|e| e.country.clone()).collect();
    assert!(codes.contains(&"UKR".to_string()) && codes.contains(&"RUS".to_string()), "{codes:?}");
    assert!(!codes.contains(&"TUR".to_string()));
}

#[test]
fn odd_input_does_not_panic() {
    for t in [
        "",
        " ",
        "'s",
        "Ελλάδα και Κύπρος. Россия и Украина. 中国和日本。",
        "Côte d'Ivoire et le Sénégal ; Zürich, Malé, São Tomé.",
        "U.S.-led NATO-Russia EU-",
        "-EU- 's 's 's Kyiv's",
        "\u{feff}Ukraine\u{200b}Russia",
    ] {
        let d = run(t);
        for m in &d.mentions {
            assert!(d.text.get(m.span.start()..m.span.end()).is_some());
        }
    }
}

#[test]
fn very_long_lists() {
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(["Ukraine", "NATO", "Kyiv", "Ethiopian", "Geneva"][i % 5]);
        text.push_str(", ");
    }
    let d = run(&text);
    assert_eq!(d.mentions.len(), 10_000);
    assert!(d.entities.len() <= 5);
}

#[test]
fn title_and_name_give_role_country_and_sector() {
    let d = run("Eritrea's information minister, Yemane Tesfay, said Asmara would not allow it. Tesfay added nothing.");
    let p = find(&d, "Yemane Tesfay").expect("person");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.role.as_deref(), Some("information minister"));
    assert_eq!(p.country.as_deref(), Some("ERI"));
    assert_eq!(p.sector, Some(dateline_doc::Sector::Gov));
    assert_eq!(p.mentions.len(), 2, "surname joins the full name: {:?}", entities(&d));
}

#[test]
fn apposition_after_the_name_and_an_abbreviated_rank() {
    let d = run("\"We will pull back,\" said Lt. Gen. Tadesse Worku, Ethiopia's deputy chief of staff.");
    let p = find(&d, "Tadesse Worku").expect("person");
    assert_eq!(p.role.as_deref(), Some("deputy chief of staff"));
    assert_eq!(p.country.as_deref(), Some("ETH"));
    assert!(d.entities.iter().all(|e| e.name != "Lt" && e.name != "Gen"));
}

#[test]
fn a_role_phrase_refers_to_the_titled_person() {
    let d = run("Defense Secretary Pete Hegseth spoke in Brussels. The troops should be European, the Pentagon chief said.");
    let p = find(&d, "Pete Hegseth").expect("person");
    assert_eq!(p.role.as_deref(), Some("Defense Secretary"));
    let refs: Vec<&str> = p.mentions.iter().filter(|&&m| d.mentions[m].source == dateline_doc::MentionSource::Role).map(|&m| d.slice(d.mentions[m].span)).collect();
    assert_eq!(refs, vec!["the Pentagon chief"]);
}

#[test]
fn acronym_joins_its_expansion() {
    let d = run("The Assembly of First Nations (AFN) met on Monday. The AFN said it would appeal.");
    let e = d.entities.iter().find(|e| e.name == "Assembly of First Nations").unwrap_or_else(|| panic!("{:?}", entities(&d)));
    assert_eq!(e.kind, EntityKind::Organization);
    assert_eq!(e.mentions.len(), 3, "{:?}", entities(&d));
}

#[test]
fn the_tagger_reads_person_names_that_look_like_places() {
    let d = run("George Washington crossed the river. Chad Smith plays the drums.");
    assert_eq!(find(&d, "George Washington").map(|e| e.kind), Some(EntityKind::Person), "{:?}", entities(&d));
    assert!(d.entities.iter().all(|e| !matches!(e.country.as_deref(), Some("USA" | "TCD"))), "{:?}", entities(&d));
}

#[test]
fn a_surname_shared_by_two_people_stays_apart() {
    let d = run("U.S. President Barack Obama spoke on Monday in Ohio. First lady Michelle Obama spoke next, officials said. Obama then left the stage.");
    let barack = find(&d, "Barack Obama").expect("Barack");
    let michelle = find(&d, "Michelle Obama").expect("Michelle");
    assert_eq!(barack.mentions.len(), 1, "{:?}", entities(&d));
    assert_eq!(michelle.mentions.len(), 1);
}

#[test]
fn a_middle_initial_joins_the_full_name() {
    let d = run("The Republican nominee, Donald J. Trump, spoke on Monday in Ohio. Donald Trump later left, officials said.");
    let t = d.entities.iter().find(|e| e.kind == EntityKind::Person).expect("person");
    assert_eq!(t.name, "Donald J. Trump", "{:?}", entities(&d));
    assert_eq!(t.mentions.len(), 2);
}


#[test]
fn ten_thousand_distinct_people() {
    // grouping must not compare every name with every other one
    let first = ["John", "Mary", "Ahmed", "Olga", "Pedro", "Anna", "Kwame", "Yuki", "Ivan", "Lena"];
    let syllables = ["ka", "lo", "mi", "ter", "son", "berg", "ra", "vi", "to", "nu"];
    let mut text = String::from("The list: ");
    for i in 0..10_000usize {
        let surname: String = [i % 10, (i / 10) % 10, (i / 100) % 10, (i / 1000) % 10].iter().map(|&k| syllables[k]).collect();
        let mut surname_chars = surname.chars();
        let cap: String = surname_chars.next().map(|c| c.to_uppercase().chain(surname_chars).collect()).unwrap_or_default();
        text.push_str(&format!("{} {cap}, ", first[(i * 7) % 10]));
    }
    let d = run(&text);
    assert!(d.entities.len() > 1000, "{}", d.entities.len());
    for e in &d.entities {
        for &m in &e.mentions {
            assert_eq!(d.mentions[m].entity, Some(e.id));
        }
    }
}

#[test]
fn offices_of_a_country_or_a_national_body() {
    let d = run("Russian President Vladimir Putin met officials on Monday. Kremlin spokesman Dmitry Peskov told reporters the talks went well. Pentagon spokesman John Ullyot declined to comment.");
    let putin = find(&d, "Vladimir Putin").unwrap_or_else(|| panic!("{:?}", entities(&d)));
    assert_eq!((putin.role.as_deref(), putin.country.as_deref()), (Some("President"), Some("RUS")));
    let peskov = find(&d, "Dmitry Peskov").unwrap_or_else(|| panic!("{:?}", entities(&d)));
    assert_eq!((peskov.role.as_deref(), peskov.country.as_deref()), (Some("spokesman"), Some("RUS")));
    let ullyot = find(&d, "John Ullyot").unwrap_or_else(|| panic!("{:?}", entities(&d)));
    assert_eq!(ullyot.country.as_deref(), Some("USA"));
}

/// A name before a lower-case kind of place is a place, whatever the
/// tagger guessed ("Marsabit and Turkana counties", "Idlib province").
#[test]
fn names_before_a_kind_of_place_are_places() {
    let d = run("The government sent water trucks to Korrale and Wambogo counties on Tuesday, officials in Garatu county said.");
    for name in ["Korrale", "Wambogo", "Garatu"] {
        let e = find(&d, name).unwrap_or_else(|| panic!("{name} in {:?}", entities(&d)));
        assert_eq!(e.kind, EntityKind::Location, "{name}");
    }
}

/// A name of several words headed by an institution noun is an organisation.
#[test]
fn names_headed_by_an_institution_noun_are_organisations() {
    let d = run("The warning came from the Horn Drought Authority and the Coastal Fisheries Control Agency on Monday.");
    for name in ["Horn Drought Authority", "Coastal Fisheries Control Agency"] {
        let e = find(&d, name).unwrap_or_else(|| panic!("{name} in {:?}", entities(&d)));
        assert_eq!(e.kind, EntityKind::Organization, "{name}");
    }
}

/// The mentions of the document as (text, kind), in order.
fn mention_texts(doc: &Doc) -> Vec<(String, EntityKind)> {
    doc.mentions.iter().map(|m| (doc.slice(m.span).to_string(), m.kind)).collect()
}

#[test]
fn a_company_designator_makes_an_organisation() {
    let d = run("Shares of Halvorsen Marine Holdings Inc. rose on Tuesday after Halvorsen Marine reported higher orders. Halvorsen said its yards were full.");
    let m = mention_texts(&d);
    assert!(m.contains(&("Halvorsen Marine Holdings Inc.".to_string(), EntityKind::Organization)), "{m:?}");
    assert!(m.iter().filter(|(t, _)| t.starts_with("Halvorsen")).all(|(_, k)| *k == EntityKind::Organization), "{m:?}");
}

#[test]
fn a_designator_ending_the_sentence_keeps_its_full_stop_out() {
    let d = run("The bonds were sold through Okonkwo Brothers Ltd.\nNo price was given.");
    let m = mention_texts(&d);
    assert!(m.contains(&("Okonkwo Brothers Ltd".to_string(), EntityKind::Organization)), "{m:?}");
}

#[test]
fn a_title_in_quotation_marks_is_one_name() {
    let d = run("The director, best known for \" The Quiet Harbour \" and \" Letters from Kharkiv \", died on Monday. She said the film was \" very hard \" to make.");
    let m = mention_texts(&d);
    assert!(m.contains(&("The Quiet Harbour".to_string(), EntityKind::Misc)), "{m:?}");
    assert!(m.contains(&("Letters from Kharkiv".to_string(), EntityKind::Misc)), "{m:?}");
    assert!(!m.iter().any(|(t, _)| t == "Kharkiv"), "{m:?}");
}

#[test]
fn a_hyphenated_modifier_is_not_part_of_the_name_after_it() {
    let d = run("The Lisbon-based Vantor Logistica said on Monday it had bought a rival. Vantor Logistica shares rose.");
    let m = mention_texts(&d);
    assert!(!m.iter().any(|(t, _)| t.starts_with("Lisbon-based ")), "{m:?}");
    assert!(hyphen_split_ok(&m), "{m:?}");
}

fn hyphen_split_ok(m: &[(String, EntityKind)]) -> bool {
    m.iter().any(|(t, k)| t == "Vantor Logistica" && *k == EntityKind::Organization)
}

#[test]
fn the_year_of_an_edition_is_part_of_its_name() {
    let d = run("The striker, who missed Euro 2028 with a knee injury, is fit again.");
    let m = mention_texts(&d);
    assert!(m.contains(&("Euro 2028".to_string(), EntityKind::Misc)), "{m:?}");
}
