#!/usr/bin/env python3
"""Writes the bundled example reports (examples/wire/*.txt) and their gold
(examples/gold/*.json, the format of score.py) from the specs below, finding
each span by its words so offsets are right by construction.

The reports are invented (people, events and figures are fictional; the
countries are real). The gold is what a careful reader finds; partial quotes
inside reported speech are marked as direct quotes only, as in the shared
examples; a quote running over two paragraphs is one direct quote per
paragraph. Run: python3 scripts/make-example-gold.py (then regenerate
examples/expected with UPDATE_EXPECTED=1 cargo test --release -p dateline --test examples).
"""
import json, os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
R = {}
R['2026-06-09-valletta-fisheries'] = (""" date 2026-06-09 VALLETTA >> Malta's fisheries minister, Carmel Azzopardi, accused Tunisia on Monday of letting its trawlers fish illegally inside Maltese waters, and said his government would raise the matter with the European Commission.

"Our fishermen are watching their catch disappear while the rules are ignored," Azzopardi told reporters at the Grand Harbour. "We cannot accept this any longer."

He said patrol boats had counted 23 foreign vessels in the protected zone since April.

Tunisia's agriculture ministry rejected the accusation. A ministry spokeswoman, Salma Gharbi, told the Maltese ambassador that the boats were fishing "in full respect of international law" and invited Malta to joint inspections.

According to the European Fisheries Control Agency, bluefin tuna catches in the central Mediterranean fell by about 12% last year.

The dispute will be discussed at a meeting of Mediterranean fisheries ministers in Rome on June 20, the minister added.
""", {
 "doc": {"date": "2026-06-09", "dateline": "VALLETTA"},
 "entities": [
  {"name": "Carmel Azzopardi", "type": "PERSON", "country": "MLT", "role": "fisheries minister", "aliases": ["Azzopardi"]},
  {"name": "Malta", "type": "COUNTRY", "country": "MLT", "aliases": []},
  {"name": "Tunisia", "type": "COUNTRY", "country": "TUN", "aliases": []},
  {"name": "European Commission", "type": "ORGANIZATION", "aliases": ["the European Commission"]},
  {"name": "Grand Harbour", "type": "LOCATION", "country": "MLT", "aliases": ["the Grand Harbour"]},
  {"name": "Tunisian agriculture ministry", "type": "ORGANIZATION", "country": "TUN", "aliases": ["Tunisia's agriculture ministry"]},
  {"name": "Salma Gharbi", "type": "PERSON", "country": "TUN", "role": "ministry spokeswoman", "aliases": ["Gharbi"]},
  {"name": "European Fisheries Control Agency", "type": "ORGANIZATION", "aliases": ["the European Fisheries Control Agency"]},
  {"name": "Mediterranean", "type": "LOCATION", "aliases": ["central Mediterranean", "the central Mediterranean"]},
  {"name": "Rome", "type": "LOCATION", "country": "ITA", "aliases": []},
  {"name": "Valletta", "type": "LOCATION", "country": "MLT", "aliases": ["VALLETTA"]}],
 "quotes": [
  ("indirect", "his government would raise the matter with the European Commission", "Carmel Azzopardi", "said", None),
  ("direct", "Our fishermen are watching their catch disappear while the rules are ignored,", "Carmel Azzopardi", "told", "reporters"),
  ("direct", "We cannot accept this any longer.", "Carmel Azzopardi", "told", "reporters"),
  ("indirect", "patrol boats had counted 23 foreign vessels in the protected zone since April", "Carmel Azzopardi", "said", None),
  ("direct", "in full respect of international law", "Salma Gharbi", "told", "the Maltese ambassador"),
  ("indirect", "bluefin tuna catches in the central Mediterranean fell by about 12% last year", "European Fisheries Control Agency", "According to", None),
  ("indirect", "The dispute will be discussed at a meeting of Mediterranean fisheries ministers in Rome on June 20", "Carmel Azzopardi", "added", None)],
 "events": [
  ("ACCUSE", "MLT", "TUN", "accused Tunisia on Monday of letting its trawlers fish illegally inside Maltese waters", {"date": "2026-06-08"}),
  ("REJECT", "TUN", "MLT", "Tunisia's agriculture ministry rejected the accusation.", {}),
  ("CONSULT", "TUN", "MLT", "told the Maltese ambassador", {}),
  ("COOPERATE", "TUN", "MLT", "invited Malta to joint inspections", {})],
 "stances": [
  {"holder": "Carmel Azzopardi", "target": "Tunisian trawlers fishing in Maltese waters", "polarity": "against"},
  {"holder": "Salma Gharbi", "target": "joint inspections with Malta", "polarity": "for"}],
 "facts": [
  ("count", "23 foreign vessels", 23, {"unit": "vessels"}),
  ("date", "April", "2026-04", {}),
  ("percent", "about 12%", 12, {"unit": "percent", "qualifier": "about"}),
  ("date", "June 20", "2026-06-20", {})],
})

R['2026-09-14-nairobi-drought'] = (""" date 2026-09-14 NAIROBI >> The head of a regional drought agency appealed on Monday for $340 million in emergency aid, warning that 2.1 million people in northern Kenya and southern Ethiopia faced severe food shortages.

"The rains have failed for the third season in a row. Herders have lost more than half of their animals, and families are walking for days to reach water.

"If help does not arrive before the end of October, we will be counting deaths, not livestock," Amina Warsame, executive director of the East African Drought Authority, told donors at a briefing in Nairobi.

Kenya's interior minister, Daniel Kiprop, said the government had already sent water trucks to Marsabit and Turkana counties. He promised that "no Kenyan will be left behind".

Ethiopian officials did not respond to requests for comment. A diplomat from a donor country, who asked not to be named, said pledges so far covered less than a fifth of the appeal.

The World Food Programme said it would double deliveries to the border region next month, according to a statement.
""", {
 "doc": {"date": "2026-09-14", "dateline": "NAIROBI"},
 "entities": [
  {"name": "Amina Warsame", "type": "PERSON", "role": "executive director", "aliases": ["Warsame", "The head of a regional drought agency"]},
  {"name": "East African Drought Authority", "type": "ORGANIZATION", "aliases": ["the East African Drought Authority"]},
  {"name": "Kenya", "type": "COUNTRY", "country": "KEN", "aliases": []},
  {"name": "Ethiopia", "type": "COUNTRY", "country": "ETH", "aliases": []},
  {"name": "Nairobi", "type": "LOCATION", "country": "KEN", "aliases": ["NAIROBI"]},
  {"name": "Daniel Kiprop", "type": "PERSON", "country": "KEN", "role": "interior minister", "aliases": ["Kiprop"]},
  {"name": "Marsabit", "type": "LOCATION", "country": "KEN", "aliases": []},
  {"name": "Turkana", "type": "LOCATION", "country": "KEN", "aliases": []},
  {"name": "World Food Programme", "type": "ORGANIZATION", "aliases": ["The World Food Programme"]}],
 "quotes": [
  ("indirect", "2.1 million people in northern Kenya and southern Ethiopia faced severe food shortages", "Amina Warsame", "warning", None),
  ("direct", "The rains have failed for the third season in a row. Herders have lost more than half of their animals, and families are walking for days to reach water.", "Amina Warsame", "told", "donors"),
  ("direct", "If help does not arrive before the end of October, we will be counting deaths, not livestock,", "Amina Warsame", "told", "donors"),
  ("indirect", "the government had already sent water trucks to Marsabit and Turkana counties", "Daniel Kiprop", "said", None),
  ("direct", "no Kenyan will be left behind", "Daniel Kiprop", "promised", None),
  ("indirect", "pledges so far covered less than a fifth of the appeal", None, "said", None),
  ("indirect", "it would double deliveries to the border region next month", "World Food Programme", "said", None)],
 "events": [
  ("REQUEST", None, None, "appealed on Monday for $340 million in emergency aid", {"date": "2026-09-14"}),
  ("AID", "KEN", None, "the government had already sent water trucks to Marsabit and Turkana counties", {}),
  ("AID", None, None, "it would double deliveries to the border region next month", {})],
 "stances": [
  {"holder": "Amina Warsame", "target": "emergency aid for the drought", "polarity": "for"}],
 "facts": [
  ("money", "$340 million", 340000000, {"unit": "USD"}),
  ("count", "2.1 million people", 2100000, {"unit": "people"}),
  ("count", "more than half of their animals", 0.5, {"qualifier": "more than", "unit": "fraction"}),
  ("count", "less than a fifth of the appeal", 0.2, {"qualifier": "less than", "unit": "fraction"})],
})

R['2026-11-02-montevideo-bridge'] = (""" date 2026-11-02 MONTEVIDEO >> Uruguay and Paraguay agreed on Sunday to reopen a disputed river crossing closed since August, after two days of talks mediated by Brazil.

"This is a good day for the people who live on both banks," Uruguay's foreign minister, Lucía Ferreira, said after signing the accord with her Paraguayan counterpart, Ramón Benítez.

Benítez said the agreement would allow about 4,000 trucks a week to cross the bridge again. He warned, however, that Paraguay would close it again if customs checks were not shared.

According to the Brazilian mediator, Ambassador Sérgio Lemos, both sides have committed to meeting every three months. Lemos told the two ministers that the deal was "a model for the region".

Farmers' groups in northern Uruguay, who had protested at the bridge for six weeks, welcomed the news. Their leader, Jorge Pereyra, said they would end the blockade on Monday.
""", {
 "doc": {"date": "2026-11-02", "dateline": "MONTEVIDEO"},
 "entities": [
  {"name": "Uruguay", "type": "COUNTRY", "country": "URY", "aliases": []},
  {"name": "Paraguay", "type": "COUNTRY", "country": "PRY", "aliases": []},
  {"name": "Brazil", "type": "COUNTRY", "country": "BRA", "aliases": []},
  {"name": "Lucía Ferreira", "type": "PERSON", "country": "URY", "role": "foreign minister", "aliases": ["Ferreira"]},
  {"name": "Ramón Benítez", "type": "PERSON", "country": "PRY", "role": "foreign minister", "aliases": ["Benítez"]},
  {"name": "Sérgio Lemos", "type": "PERSON", "country": "BRA", "role": "Ambassador", "aliases": ["Lemos", "Ambassador Sérgio Lemos", "the Brazilian mediator"]},
  {"name": "Jorge Pereyra", "type": "PERSON", "country": "URY", "role": "leader", "aliases": ["Pereyra"]},
  {"name": "Montevideo", "type": "LOCATION", "country": "URY", "aliases": ["MONTEVIDEO"]}],
 "quotes": [
  ("direct", "This is a good day for the people who live on both banks,", "Lucía Ferreira", "said", None),
  ("indirect", "the agreement would allow about 4,000 trucks a week to cross the bridge again", "Ramón Benítez", "said", None),
  ("indirect", "Paraguay would close it again if customs checks were not shared", "Ramón Benítez", "warned", None),
  ("indirect", "both sides have committed to meeting every three months", "Sérgio Lemos", "According to", None),
  ("direct", "a model for the region", "Sérgio Lemos", "told", "the two ministers"),
  ("indirect", "they would end the blockade on Monday", "Jorge Pereyra", "said", None)],
 "events": [
  ("AGREE", "URY", "PRY", "Uruguay and Paraguay agreed on Sunday to reopen a disputed river crossing", {"date": "2026-11-01"}),
  ("CONSULT", "URY", "PRY", "two days of talks mediated by Brazil", {}),
  ("THREATEN", "PRY", "URY", "Paraguay would close it again if customs checks were not shared", {}),
  ("PROTEST", "URY", None, "who had protested at the bridge for six weeks", {})],
 "stances": [
  {"holder": "Lucía Ferreira", "target": "the accord reopening the river crossing", "polarity": "for"},
  {"holder": "Jorge Pereyra", "target": "the blockade of the bridge", "polarity": "against"}],
 "facts": [
  ("date", "August", "2026-08", {}),
  ("duration", "two days", 2, {"unit": "days"}),
  ("count", "about 4,000 trucks a week", 4000, {"unit": "trucks a week", "qualifier": "about"}),
  ("duration", "every three months", 3, {"unit": "months"}),
  ("duration", "six weeks", 6, {"unit": "weeks"})],
})

def find(text, s, after=0):
    i = text.find(s, after)
    assert i >= 0, s
    assert text.find(s, i + 1) < 0 or after, ("ambiguous", s)
    return i, i + len(s)

for name, (text, spec) in R.items():
    open(f"wire/{name}.txt", "w", encoding="utf-8").write(text)
    g = {"doc": {"file": f"wire/{name}.txt", **spec["doc"], "invented": True, "offsets": "unicode code points into the file's text"},
         "entities": spec["entities"], "quotes": [], "events": [], "stances": spec["stances"], "facts": []}
    for kind, words, spk, cue, addr in spec["quotes"]:
        a, b = find(text, words)
        q = {"kind": kind, "span": [a, b], "text": text[a:b], "speaker": spk, "cue": cue}
        if addr: q["addressee"] = addr
        g["quotes"].append(q)
    for ty, src, tgt, ev, extra in spec["events"]:
        a, b = find(text, ev)
        g["events"].append({"type": ty, "source": src, "target": tgt, **extra, "evidence": ev, "span": [a, b]})
    for kind, words, value, extra in spec["facts"]:
        a, b = find(text, words)
        g["facts"].append({"kind": kind, "text": words, "value": value, **extra, "span": [a, b]})
    names = set()
    for e in g["entities"]:
        for n in [e["name"]] + e["aliases"]:
            assert n in text or n == e["name"], (name, n)
    json.dump(g, open(f"gold/{name}.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    open(f"gold/{name}.json", "a").write("\n")
    print(name, len(text), "quotes", len(g["quotes"]), "events", len(g["events"]), "facts", len(g["facts"]))
