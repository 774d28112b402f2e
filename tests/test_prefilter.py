"""The regex prefilter: required literals of a pattern, and never skipping a pattern that matches."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.prefilter import LazyPattern, Prefilter, fold_case, required_literals


def test_fold_case_keeps_length_and_agrees_with_regex_ignorecase():
    """Scans look for lower-case ASCII literals in a folded copy of the text: exact only
    if folding keeps every character one character and gives an ASCII letter exactly
    where re.IGNORECASE matches that letter (checked over all of Unicode)."""
    everything = "".join(map(chr, range(0x110000)))
    low = fold_case(everything)
    assert len(low) == len(everything)
    ascii_letters = [m.start() for m in re.finditer("[a-z]", low)]
    matched = [m.start() for m in re.finditer("[a-z]", everything, re.IGNORECASE)]
    assert ascii_letters == matched
    for k in matched:
        assert re.fullmatch(low[k], everything[k], re.IGNORECASE), hex(k)
        assert sum(bool(re.fullmatch(x, everything[k], re.IGNORECASE)) for x in "abcdefghijklmnopqrstuvwxyz") == 1


def test_required_literals_of_words_alternatives_and_optional_parts():
    assert required_literals(re.compile(r"\bcease-?fire\b")) == (("cease",), ("fire",))
    assert required_literals(re.compile(r"(?:peace\s+)?talks")) == (("talks",),)
    assert required_literals(re.compile(r"\b(?:truce|armistice)\b")) == (("armistice", "truce"),)
    assert required_literals(re.compile(r"\w+ed\b")) == (("ed",),)
    assert required_literals(re.compile(r"(?:\w+\s+)?\d+")) == ()


def test_candidates_keep_only_patterns_whose_literals_the_text_holds():
    talks, truce, anything = re.compile(r"\btalks\b"), re.compile(r"\b(?:truce|ceasefire)\b"), re.compile(r"\d+")
    pre = Prefilter({"cues": [("talks", talks), ("truce", truce), ("number", anything)]})
    assert pre.candidates("cues", pre.scan("The TALKS resumed on 3 May")) == ["talks", "number"]
    assert pre.candidates("cues", pre.scan("a Ceasefire was agreed")) == ["truce", "number"]
    patterns = Prefilter({"cues": [(rx, rx) for rx in (talks, truce, anything)]})
    text = "Truce talks, then a truce"
    assert [m.group() for m in patterns.finditer("cues", text, patterns.scan(text))] == ["talks", "truce"]


PATTERNS = [r"\btalks?\b", r"(?i:cease-?fire)", r"\b(?i:peace)\s+(?:deal|plan)\b", r"(?<!no )agreement",
            r"(?i:\bkill(?:ed|ing)\b)", r"(?:war|wars)\s+\w+", r"\bİstanbul\b", r"[A-Z]\w+ said"]
WORDS = ["talks", "Talk", "ceasefire", "CEASE-FIRE", "peace", "Peace", "deal", "plan", "no", "agreement",
         "killed", "KILLING", "war", "wars", "ended", "İstanbul", "ISTANBUL", "Lavrov", "said", ",", "ſ", "ı"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "  ", "\n"]))
def test_prefilter_never_skips_a_pattern_that_matches(words, space):
    compiled = [re.compile(p) for p in PATTERNS]
    pre = Prefilter({"all": [(rx, rx) for rx in compiled]})
    text = space.join(words)
    kept = set(pre.candidates("all", pre.scan(text)))
    assert {rx for rx in compiled if rx.search(text)} <= kept


def test_lazy_pattern_is_parsed_at_once_and_compiled_when_first_used():
    source = r"\b(?:peace\s+)?talks\b"
    lazy = LazyPattern(source, re.IGNORECASE)
    assert lazy._compiled is None
    assert required_literals(lazy) == required_literals(re.compile(source, re.IGNORECASE)) == (("talks",),)
    pre = Prefilter({"cues": [(lazy, lazy)]})
    assert pre.candidates("cues", pre.scan("a ceasefire")) == [] and lazy._compiled is None
    text = "Peace TALKS resumed"
    assert [m.group() for m in pre.finditer("cues", text, pre.scan(text))] == ["Peace TALKS"]
    assert lazy.compile() is lazy.compile() == re.compile(source, re.IGNORECASE)
    assert lazy == LazyPattern(source, re.IGNORECASE) and len({lazy, LazyPattern(source, re.IGNORECASE)}) == 1
    try:
        LazyPattern(r"(?:talks")
    except re.error:
        pass
    else:
        raise AssertionError("a syntax error is found when the pattern is made")
