"""Number parsing and the non-count exclusions of analysis.numbers."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.numbers import find_numbers, non_count_reason, parse_number


@pytest.mark.parametrize("text, value", [
    ("1,597", 1597), ("12", 12), ("4.5 million", 4_500_000), ("1.05 million", 1_050_000),
    ("two", 2), ("Eleven", 11), ("TWO", 2), ("a dozen", 12), ("two dozen", 24),
    ("two hundred", 200), ("two hundred and fifty", 250), ("one hundred two", 102),
    ("twenty-five", 25), ("one million", 1_000_000), ("a million", 1_000_000),
    ("half a million", 500_000), ("three thousand five hundred", 3500), ("4.5m", 4_500_000),
    ("5bn", 5_000_000_000),
])
def test_parse_number_values(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, unit", [
    ("dozens", 12), ("hundreds", 100), ("thousands", 1000), ("tens of thousands", 10_000),
    ("hundreds of thousands", 100_000), ("millions", 1_000_000), ("several hundred", 100),
])
def test_parse_number_unnumbered_plurals_give_their_unit(text, unit):
    assert parse_number(text) == unit


@pytest.mark.parametrize("text", ["", "a", "a few", "two three", "12 13", "1.5", "49th", "dozen", "tens"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def _mentions(nlp, text):
    doc = nlp(text)
    return doc, find_numbers(doc)


def _only(nlp, text):
    doc, mentions = _mentions(nlp, text)
    assert len(mentions) == 1, [m.text for m in mentions]
    return doc, mentions[0]


@pytest.mark.parametrize("text, figure, low, high", [
    ("10 to 15 people", "10 to 15", 10, 15),
    ("10-15 people", "10-15", 10, 15),
    ("between 10 and 15 people", "10 and 15", 10, 15),
    ("an estimated 7,000 to 15,000 deaths", "7,000 to 15,000", 7000, 15000),
])
def test_ranges(nlp, text, figure, low, high):
    _, m = _only(nlp, text)
    assert (m.text, m.value, m.value_high, m.vague) == (figure, low, high, False)


def test_rising_from_one_number_to_another_is_not_a_range(nlp):
    _, mentions = _mentions(nlp, "the toll rose from 10 to 15")
    assert [(m.value, m.value_high) for m in mentions] == [(10, None), (15, None)]


def test_vague_mentions_are_flagged(nlp):
    _, mentions = _mentions(nlp, "dozens of civilians and tens of thousands of troops")
    assert [(m.text, m.value, m.vague) for m in mentions] == [("dozens", 12, True), ("tens of thousands", 10_000, True)]


def test_reciprocal_swap(nlp):
    _, m = _only(nlp, "a 1,000-for-1,000 swap")
    assert (m.text, m.value, m.reciprocal) == ("1,000-for-1,000", 1000, True)
    assert m.value_high is None


def test_offsets_point_at_the_number(nlp):
    doc, mentions = _mentions(nlp, "Some 4.5 million people and a dozen others, nearly four million in all.")
    assert [doc.text[m.start_char:m.end_char] for m in mentions] == [m.text for m in mentions]
    assert [m.text for m in mentions] == ["4.5 million", "a dozen", "four million"]


@pytest.mark.parametrize("text", ["No one was hurt.", "the one who left", "every one of them"])
def test_pronoun_one_is_not_a_number(nlp, text):
    _, mentions = _mentions(nlp, text)
    assert mentions == []


@pytest.mark.parametrize("text, reason", [
    ("a 33-year-old lawyer", "age"),
    ("an eight-year-old boy", "age"),
    ("four men aged between 18 and 24", "age"),
    ("As of 1430 GMT", "time"),
    ("a column 64 kilometres long", "unit"),
    ("it is 30km away", "unit"),
    ("it turns 180 degrees", "unit"),
    ("the 30-day truce", "compound"),
    ("a 12-member team", "compound"),
    ("an interview with Russia 24", "name"),
    ("on March 27 they met", "date"),
    ("on 24 February", "date"),
    ("the invasion in 2022", "year"),
    ("1,000 days since the invasion", "unit"),
    ("$5 billion in aid", "money"),
    ("20% of the vote", "unit"),
])
def test_non_count_reasons(nlp, text, reason):
    doc, mentions = _mentions(nlp, text)
    reasons = [non_count_reason(doc, m) for m in mentions]
    assert reason in reasons, (text, [m.text for m in mentions], reasons)


@pytest.mark.parametrize("text", ["498 Russian soldiers", "killed 1,999 people", "at least 12 people dead"])
def test_plain_counts_have_no_reason(nlp, text):
    doc, mentions = _mentions(nlp, text)
    assert [non_count_reason(doc, m) for m in mentions] == [None]


@pytest.mark.parametrize("text", ["Russian S-300 missiles", "a Su-24 jet", "flight MH-17", "under Article 5 of the treaty"])
def test_model_names_are_never_counts(nlp, text):
    doc, mentions = _mentions(nlp, text)
    assert all(non_count_reason(doc, m) for m in mentions)


def test_ordinals_are_not_numbers(nlp):
    _, mentions = _mentions(nlp, "the 49th exchange and the first round")
    assert mentions == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_find_numbers_never_raises_and_offsets_match(nlp, text):
    doc = nlp(text)
    for m in find_numbers(doc):
        assert doc.text[m.start_char:m.end_char] == m.text
        assert m.value >= 0
        non_count_reason(doc, m)
