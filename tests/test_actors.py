"""Named actors in a span (analysis.actors)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.actors import find_actors


def actors(nlp, text):
    return [(a.name, a.side, a.kind) for a in find_actors(nlp(text))]


def test_gazetteer_people_get_canonical_name_and_side(nlp):
    assert actors(nlp, "Zelenskiy met Sergey Lavrov.") == [("Volodymyr Zelenskyy", "UA", "person"),
                                                           ("Sergei Lavrov", "RU", "person")]


def test_gazetteer_institution_with_owner(nlp):
    found = find_actors(nlp("Russia's defence ministry said so."))
    assert [(a.name, a.side, a.text) for a in found] == [("Russian defence ministry", "RU", "Russia's defence ministry")]


@pytest.mark.parametrize("text, expected", [
    ("Polish Foreign Minister Jan Kowalczyk said so.", ("Jan Kowalczyk", "OTHER", "person")),
    ("Ukraine's police chief Ivan Petrenko said so.", ("Ivan Petrenko", "UA", "person")),
    ("Ihor Terekhov, the mayor of Kharkiv, said so.", ("Ihor Terekhov", "UA", "person")),
    ("Olena Kovalenko, an adviser to the Ukrainian presidency, said so.", ("Olena Kovalenko", "UA", "person")),
    ("Marta Kowalczyk, Poland's foreign minister, said so.", ("Marta Kowalczyk", "OTHER", "person")),
    ("Oleh Marchenko, governor of Kharkiv region, said so.", ("Oleh Marchenko", "UA", "person")),
    ("China's special envoy, Zhang Wei, said so.", ("Zhang Wei", "CN", "person")),
    ("Turkish President Recep Tayyip Erdoğan said so.", ("Recep Tayyip Erdogan", "TR", "person")),
    ("Prime Minister Denys Šmyhal said so.", ("Denys Šmyhal", None, "person")),
])
def test_people_missing_from_the_gazetteer(nlp, text, expected):
    assert [a for a in actors(nlp, text) if a[2] == "person"] == [expected]


@pytest.mark.parametrize("text", ["On Monday, the mayor said so.", "Last Friday, the governor spoke.",
                                  "In Kyiv, the minister said so."])
def test_dates_and_places_are_not_people(nlp, text):
    assert [a for a in actors(nlp, text) if a[2] == "person"] == []


@pytest.mark.parametrize("text, expected", [
    ("Mariupol's city council said so.", ("Mariupol's city council", "UA")),
    ("Ukrainian authorities said so.", ("Ukrainian authorities", "UA")),
    ("The UN refugee agency said so.", ("UN refugee agency", "UN")),
])
def test_institution_phrases(nlp, text, expected):
    found = [(a.name, a.side) for a in find_actors(nlp(text)) if a.kind == "institution"]
    assert found and found[0] == expected


def test_actors_do_not_overlap_and_offsets_match(nlp):
    doc = nlp("Kremlin spokesman Dmitry Peskov and Ukraine's foreign minister Dmytro Kuleba spoke.")
    found = find_actors(doc)
    assert [a.name for a in found] == ["Kremlin", "Dmitry Peskov", "Dmytro Kuleba"]
    for a in found:
        assert doc.text[a.start:a.end] == a.text
    for left, right in zip(found, found[1:]):
        assert left.end <= right.start


def test_span_input_uses_document_offsets(nlp):
    doc = nlp("First sentence here. Then Lavrov spoke.")
    sent = list(doc.sents)[1]
    (actor,) = find_actors(sent)
    assert doc.text[actor.start:actor.end] == "Lavrov"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(nlp, text):
    doc = nlp(text)
    for a in find_actors(doc):
        assert 0 <= a.start <= a.end <= len(doc.text)


def test_actor_text_is_the_document_slice_in_later_sentences(nlp):
    doc = nlp("Talks began.\n\nLater, Ukraine's interior ministry and police chief Ivan Petrenko said so.")
    for sent in doc.sents:
        for a in find_actors(sent):
            assert a.text == doc.text[a.start:a.end]
    assert [a.text for a in find_actors(doc)] == ["Ukraine's interior ministry", "Ivan Petrenko"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "the", "The", "state", "STATE", "Ukraine's", "Russia’s", "UN", "U.N.", "United Nations", "city", "Red",
    "Cross's", "x-y.z's", "ministry", "Ministry", "office", "officials", "police-run", "anti-government",
    "prosecutor's", "general's", "emergency", "service", "human", "rights", "armed", "forces", "said", ",",
    "İstanbul", "ıntelligence", "ſtate", "Kelvin", "\u212aremlin", "statement", "1990s",
]), max_size=10), st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0", "", "-", "'"]), max_size=10))
def test_institution_scan_matches_the_plain_regex(words, gaps):
    from analysis.actors import _INSTITUTION_RX, _institution_matches

    text = "".join(w + (gaps[k] if k < len(gaps) else " ") for k, w in enumerate(words))
    spans = lambda ms: [(m.span(), m.span("owner"), m.span("noun")) for m in ms]  # noqa: E731
    assert spans(_institution_matches(text)) == spans(_INSTITUTION_RX.finditer(text))


def test_a_country_s_ministry_is_named_with_its_adjective(nlp):
    doc = nlp("China's foreign ministry, Kyiv's city council and Ukraine's prosecutor general's office spoke.")
    assert [(a.name, a.side) for a in find_actors(doc)] == [
        ("Chinese foreign ministry", "CN"), ("Kyiv's city council", "UA"), ("Ukraine's prosecutor general's office", "UA")]


def test_a_surname_alone_names_the_person_named_in_full_before(nlp):
    doc = nlp("Odesa mayor Hennadiy Trukhanov spoke first. Later, Trukhanov said the port was shut. "
              "Trukhanov Street was closed.")
    people = [(a.name, a.text) for a in find_actors(doc) if a.kind == "person"]
    assert people == [("Hennadiy Trukhanov", "Hennadiy Trukhanov"), ("Hennadiy Trukhanov", "Trukhanov")]
