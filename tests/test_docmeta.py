"""Title and outlet detection on short captures written for the test."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cleaning import clean_capture
from analysis.docmeta import expand_abbreviation, find_outlet, find_title, initials

HEADLINE = "Envoys meet in Geneva to discuss a pause in the fighting"
BODY = "Delegations from both countries met in Geneva on Tuesday for talks, officials said."


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def outlet(*lines: str) -> str | None:
    raw = page(*lines)
    return find_outlet(raw, clean_capture(raw).text)


# --- title ---------------------------------------------------------------------------------

@pytest.mark.parametrize("before", [
    [], ["March 9, 2022", "1 min read"], ["THE EVENING POST", "World | Europe"], ["Military"],
])
def test_title_is_first_substantial_line(before):
    raw = page(*before, HEADLINE, "By Jane Roe", BODY)
    assert find_title(clean_capture(raw).text) == HEADLINE


@pytest.mark.parametrize("skipped", [
    "Tue 29 Mar 2022 16.40 BST", "By Jane Roe, Foreign News Reporter", "2025-03-12T11:20:00Z",
    "16.40 BST", "Published: 03/03/2022 21:47 CET",
])
def test_title_skips_stamps_bylines_and_times(skipped):
    assert find_title(page(skipped, HEADLINE, BODY)) == HEADLINE


def test_title_is_none_when_text_opens_with_body():
    text = page(BODY + " The talks will resume next week. A ceasefire remains possible, he said.")
    assert find_title(text) is None
    assert find_title("") is None


def test_all_caps_tabloid_headline():
    assert find_title(page("ZELENSKY SLAMS DOOR ON TALKS", BODY)) == "ZELENSKY SLAMS DOOR ON TALKS"


# --- outlet --------------------------------------------------------------------------------

@pytest.mark.parametrize("lines,expected", [
    (["Don't Miss", "Trending on Example News", HEADLINE, BODY], "Example News"),
    ([HEADLINE, BODY, "___", "Source: TRT", "Advertisement"], "TRT"),
    ([HEADLINE, BODY, "© NordPress 2025"], "NordPress"),
    ([HEADLINE, BODY, "Copyright 2022 Transcontinental Press. All rights reserved."], "Transcontinental Press"),
    ([HEADLINE, "The minister will fly to Antalya on Wednesday…reports Asian Lite News", BODY], "Asian Lite News"),
    ([HEADLINE, "By Reuters", BODY], "Reuters"),
    ([HEADLINE, "April 11 (Reuters) - " + BODY], "Reuters"),
    ([HEADLINE, "GOMEL REGION, Belarus, Feb 28 (Meridian Wire) - " + BODY], "Meridian Wire"),
    (["Northbridge News Service", HEADLINE, "JEDDAH, Saudi Arabia (NNS) - " + BODY], "Northbridge News Service"),
    ([HEADLINE, "FP Staff April 12, 2022 01:09:52 IST", BODY], "Firstpost"),
    ([HEADLINE, "By Example Wire staff", BODY], "Example Wire"),
    ([HEADLINE, "Filed by NordPress correspondents", BODY], "NordPress"),
    (["THE DAILY BANNER", "NEWS | WORLD", HEADLINE, BODY], "The Daily Banner"),
])
def test_outlet_cues(lines, expected):
    assert outlet(*lines) == expected


def test_unexpandable_abbreviation_and_people_are_not_outlets():
    # "TP" must not expand to "Turkish President" (not an outlet-like name).
    assert outlet("Turkish President Erdogan spoke.", HEADLINE, "ISTANBUL (TP) - " + BODY) is None
    assert outlet(HEADLINE, "By Jane Roe, Foreign News Reporter", BODY) is None
    assert outlet(HEADLINE, "By our Europe correspondent, with agencies", BODY) is None


def test_initials_and_expansion():
    assert initials("NewsLine Asia") == "NLA"
    assert expand_abbreviation("NLA", "Read NewsLine Asia daily.") == "NewsLine Asia"
    assert expand_abbreviation("TP", "From Transcontinental Press reports") == "Transcontinental Press"
    assert expand_abbreviation("tp", "From Transcontinental Press") is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.text(max_size=100))
def test_arbitrary_text_never_raises(raw, cleaned):
    find_title(cleaned)
    find_outlet(raw, cleaned)
