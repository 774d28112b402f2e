"""Document dating: every rule on short texts written for the test."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.dating import (DocDate, date_document, number_value, resolve_year, stamp_date, war_age_date,
                             years_with_weekday)

HEADLINE = "Envoys meet to discuss a pause in the fighting"
BODY = "Delegations met for a second day of talks, officials said, without agreeing on a ceasefire."


def doc(*lines: str) -> str:
    return "\n\n".join(lines)


@pytest.mark.parametrize("stamp,expected", [
    ("Staff Writer April 12, 2022 01:09:52 IST", "2022-04-12"),
    ("March 9, 2022", "2022-03-09"),
    ("Published: 03/03/2022 21:47 CET | Updated: 04/03/2022 23:05 CET", "2022-03-03"),
    ("Updated: 05/03/2022 10:00 CET | Published: 04/03/2022 09:00 CET", "2022-03-04"),
    ("10 Mar 2022 | 18:05 IST", "2022-03-10"),
    ("Tue 29 Mar 2022 16.40 BST", "2022-03-29"),
    ("2025-03-12T11:20:00Z", "2025-03-12"),
    ("16.05.2025 · 19:48", "2025-05-16"),
    ("Monday 14 April 2025 10:32 am", "2025-04-14"),
    ("March 30, 2022 5:02 AM", "2022-03-30"),
    ("August 16, 2025 · 9:41 PM ET · 6 min read", "2025-08-16"),
    ("14 FEB 2023, 09:30", "2023-02-14"),
    ("SEPTEMBER 2, 2024 18:15", "2024-09-02"),
    ("Tuesday 3 June 2025 — as it happened", "2025-06-03"),
])
def test_printed_stamp_in_header_is_explicit(stamp, expected):
    result = date_document(doc(HEADLINE, stamp, BODY))
    assert result == DocDate(expected, "explicit", stamp)


def test_past_date_in_a_body_sentence_is_not_a_stamp():
    text = doc(HEADLINE, "The two sides last negotiated directly in the same palace on March 29, 2022, "
                         "officials recalled during a long briefing on the process.")
    assert date_document(text).published is None


def test_stamp_beyond_header_region_ignored():
    text = doc(HEADLINE, *[BODY] * 13, "March 9, 2022")
    assert date_document(text).published is None


def test_menu_lines_above_the_headline_do_not_push_the_stamp_out_of_the_header():
    menu = ["Home", "World", "Business", "Live TV", "Sign In", "Search"] * 3
    stamp = "By Jane Roe"
    text = "\n".join([*menu, HEADLINE, stamp, "March 15, 2024 7:48 PM GMT+1", BODY])
    assert date_document(text) == DocDate("2024-03-15", "explicit", "March 15, 2024 7:48 PM GMT+1")


@pytest.mark.parametrize("stamp,expected", [
    ("11/21/2023", "2023-11-21"),  # month first: the second number cannot be a month
    ("Roman Roe 11/21/2023", "2023-11-21"),
    ("21/11/2023", "2023-11-21"),
    ("21.11.2023", "2023-11-21"),
])
def test_numeric_stamps_either_order_when_unambiguous(stamp, expected):
    assert date_document(doc(HEADLINE, stamp, BODY)).published == expected


def test_headline_naming_a_date_is_not_a_stamp():
    assert date_document(doc("Russia and Ukraine to meet on March 29, 2022", BODY)).published is None


def test_stamp_helper():
    assert stamp_date("By Jane Roe · March 3, 2022") == (date(2022, 3, 3), "March 3, 2022")
    assert stamp_date("Talks in Geneva") is None


def test_dateline_with_year_is_explicit():
    text = doc(HEADLINE, "KYIV, March 3, 2022 (AP) - " + BODY)
    assert date_document(text) == DocDate("2022-03-03", "explicit", "KYIV, March 3, 2022 (AP) -")


@pytest.mark.parametrize("sentence, expected", [
    ("Kyiv fell silent at dawn, a year to the day after Russia invaded.", "2023-02-24"),
    ("Leaders gathered as Ukraine marks the third anniversary of the full-scale invasion.", "2025-02-24"),
    ("Today, as Ukraine marks four years since the start of Russia's full-scale invasion, sirens sounded.",
     "2026-02-24"),
])
def test_anniversary_of_the_invasion_is_inferred(sentence, expected):
    result = date_document(doc(HEADLINE, sentence))
    assert (result.published, result.basis) == (expected, "inferred")


def test_past_anniversary_without_a_present_cue_is_not_a_date():
    text = doc(HEADLINE, "On the first anniversary of the invasion, which fell on a Friday in a cold and wet week, "
                         "the president travelled to Kyiv by train with his closest advisers and aides.")
    assert date_document(text).published is None


def test_years_since_the_invasion_without_marks_or_today_is_not_a_date():
    text = doc(HEADLINE, "Two years since the invasion, the front line has barely moved in the east, "
                         "commanders said in a long briefing to reporters in the capital.")
    assert date_document(text).published is None


def test_agency_slash_dateline():
    text = doc(HEADLINE, "KYIV, March 3, 2022. /Ukrinform/. " + BODY)
    assert date_document(text) == DocDate("2022-03-03", "explicit", "KYIV, March 3, 2022. /Ukrinform/.")


def test_dateline_year_from_weekday_in_lead():
    # April 11 is a Monday only in 2022 among 2022..2026.
    text = doc(HEADLINE, "April 11 (Wire) - The minister said on Monday that talks would go on.")
    assert date_document(text) == DocDate("2022-04-11", "inferred", "April 11 (Wire) -")


@pytest.mark.parametrize("dateline", [
    "GOMEL REGION, Belarus, Feb 28 (Example Wire) -",
    "Antalya [Turkey], Feb 28 (EW):",
    "MOSCOW, 28 Feb (Example Wire) —",
])
def test_dateline_year_from_war_age(dateline):
    text = doc(HEADLINE, dateline + " Officials held talks.", "The human cost of the five-day-old war kept rising.")
    assert date_document(text) == DocDate("2022-02-28", "inferred", dateline)


def test_dateline_year_from_printed_years_when_no_weekday():
    text = doc(HEADLINE, "ISTANBUL, May 20 (Wire) - Talks resumed.", "The talks last met in 2022 and again in 2025.")
    assert date_document(text).published == "2025-05-20"


def test_dateline_without_any_year_cue_is_undated():
    assert date_document(doc(HEADLINE, "ISTANBUL, May 20 (Wire) - Talks resumed.")).published is None


@pytest.mark.parametrize("sentence,expected", [
    ("The large-scale invasion entered its eighth day on Thursday, with heavy shelling.", "2022-03-03"),
    ("The human cost of the five-day-old war kept rising.", "2022-02-28"),
    ("Today marks 1,000 days since Russia launched its full-scale invasion of Ukraine.", "2024-11-19"),
    ("Today is the 100th day of the war, officials noted.", "2022-06-03"),
    ("The war entered its one hundred and first day yesterday.", "2022-06-05"),
])
def test_war_age_is_inferred(sentence, expected):
    result = date_document(doc(HEADLINE, sentence))
    assert (result.published, result.basis) == (expected, "inferred")


def test_retrospective_war_day_without_present_cue_ignored():
    text = doc(HEADLINE, "On the first day of the invasion, troops crossed from the north and from Crimea "
                         "and moved towards Kyiv with armoured columns.")
    assert war_age_date(text) is None


def test_war_age_of_a_dated_past_event_is_not_the_articles_date():
    text = doc(HEADLINE, "The first meeting took place on Feb. 28, 2022, four days after the full-scale "
                         "invasion began, when the delegations met near Gomel.")
    assert date_document(text).published is None


def test_vague_war_age_is_not_a_date():
    assert date_document(doc(HEADLINE, "Nearly two years into the war, the front barely moves.")).published is None


def test_dated_event_n_days_ago():
    # September 30 is a Friday only in 2022 among 2022..2026.
    text = doc(HEADLINE, "A decision was taken on Friday, September 30 - four days ago, officials said.")
    assert date_document(text) == DocDate("2022-10-04", "inferred", "Friday, September 30 - four days ago")


def test_days_ago_before_the_date_and_yesterday():
    assert date_document(doc(HEADLINE, "Two days ago, on March 3, 2022, the talks began.")).published == "2022-03-05"
    assert date_document(doc(HEADLINE, "The strike came yesterday, Sunday, April 13, and killed many.")
                         ).published == "2025-04-14"


@pytest.mark.parametrize("stamp", ["4 days ago", "Updated 2 hours ago", "By Staff Reporter · 4 days ago"])
def test_relative_stamps_are_not_dates(stamp):
    assert date_document(doc(HEADLINE, stamp, BODY)) == DocDate(None, None, None)


def test_stamp_beats_dateline_and_war_age():
    text = doc(HEADLINE, "16.05.2025 · 19:48", "ISTANBUL, May 16 (Wire) - Talks were held.",
               "The five-day-old war goes on.")
    assert date_document(text).basis == "explicit" and date_document(text).published == "2025-05-16"


@pytest.mark.parametrize("phrase,value", [
    ("eighth", 8), ("five", 5), ("1,000", 1000), ("100th", 100), ("twenty-first", 21),
    ("one hundred and fifth", 105), ("thousandth", 1000), ("two thousand", 2000), ("ninetieth", 90),
    ("banana", None),
])
def test_number_value(phrase, value):
    assert number_value(phrase) == value


def test_year_helpers():
    assert years_with_weekday(4, 11, "Monday") == [2022]
    assert resolve_year(2, 29, text="", lead="") is None  # no cue: no year
    assert resolve_year(2, 29, text="In 2024 and 2025.", lead="") == 2024  # only valid printed year
    assert resolve_year(4, 11, text="", lead="said on Monday") == 2022
    assert resolve_year(9, 30, text="", lead="", weekday="Friday") == 2022
    assert all(config.INVASION_START.year <= y <= config.LATEST_YEAR for y in years_with_weekday(1, 1, "Sunday"))


def test_empty_and_non_string():
    assert date_document("") == DocDate()
    assert date_document(None) == DocDate()  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    result = date_document(text)
    if result.published is not None:
        assert date.fromisoformat(result.published) and result.basis in ("explicit", "inferred")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["April 31 (Wire) - x", "Feb 30, 2023", "day 99999 of the war today",
                                 "the 0th day of the war today", "31/02/2022", "on Monday", "2099-01-01",
                                 "February 29 (Wire) - said on Thursday", "\n"]), max_size=6))
def test_invalid_dates_never_raise(parts):
    date_document(" ".join(parts))
