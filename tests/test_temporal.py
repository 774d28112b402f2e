"""Date expressions and their resolution (analysis.temporal)."""
from __future__ import annotations

from datetime import date

from analysis.temporal import explicit_date, find_date_expressions, month_date

ANCHOR = date(2022, 10, 4)


def test_explicit_day_month_defaults_to_the_nearest_year():
    assert explicit_date("March 29", ANCHOR).iso == "2023-03-29"


def test_explicit_day_month_follows_the_tense():
    assert explicit_date("March 29", ANCHOR, tense="past").iso == "2022-03-29"
    assert explicit_date("February 2", ANCHOR, tense="future").iso == "2023-02-02"
    assert explicit_date("October 4", ANCHOR, tense="past").iso == "2022-10-04"
    assert explicit_date("October 4", ANCHOR, tense="future").iso == "2022-10-04"


def test_explicit_date_with_year_ignores_the_tense():
    assert explicit_date("March 29, 2021", ANCHOR, tense="future").iso == "2021-03-29"


def test_sentence_initial_in_month_is_found():
    found = find_date_expressions("In March, the delegations met in Istanbul.")
    assert [(e.text, e.kind) for e in found] == [("March", "month")]
    assert month_date("March", ANCHOR).iso == "2022-03"
