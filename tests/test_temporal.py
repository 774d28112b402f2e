"""Date expressions and their resolution (analysis.temporal)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.temporal import (_EXPLICIT_PATTERNS, _MONTH_ONLY, _RELATIVE, _WEEKDAY, _month_phrase_start, _ScanWindows,
                               explicit_date, find_date_expressions, iter_resolved, month_date)

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


# --- scan windows ---------------------------------------------------------------------------
DATE_WORDS = ["on", "last", "coming", "early", "late", "mid", "later in", "this", "next", "ago", "two weeks",
              "today", "Tonight", "the day before yesterday", "Monday", "FRIDAY", "sundays", "Sept.", "May", "March",
              "Feb", "June", "10", "2022", "2023-03-03", "3/4/2022", "\u0663", "ſince", "thıs", "İ", "x", "-", " ",
              "  ", "\n", ",", "."]
DATEY = st.lists(st.sampled_from(DATE_WORDS), max_size=30).map("".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=120), DATEY))
def test_scan_windows_keep_every_match(text):
    """find_date_expressions runs each pattern only where it can match: exactly the
    matches of a full scan."""
    where = _ScanWindows(text)

    def spans(rx, window=None):
        return [m.span() for m in (rx.finditer(text, *window) if window else rx.finditer(text))]

    for name, rx in _EXPLICIT_PATTERNS:
        start = where.month if name == "mdy" else where.digit
        ok = where.digit is not None and (name not in ("mdy", "dmy") or where.month is not None)
        assert spans(rx, (start, len(text)) if ok else (0, 0)) == spans(rx)
    assert spans(_RELATIVE, where.relative or (0, 0)) == spans(_RELATIVE)
    assert spans(_WEEKDAY, where.weekday or (0, 0)) == spans(_WEEKDAY)
    month_start = _month_phrase_start(text, where.month) if where.month is not None else len(text)
    assert spans(_MONTH_ONLY, (month_start, len(text))) == spans(_MONTH_ONLY)


@pytest.mark.parametrize("phrase, expected", [
    ("last Friday", date(2026, 1, 23)),  # on a Friday: the week before, not today
    ("on Friday", date(2026, 1, 30)),
    ("next Friday", date(2026, 2, 6)),
    ("last Thursday", date(2026, 1, 29)),
])
def test_last_and_next_weekday_never_give_the_anchor_itself(phrase, expected):
    (found, when), = list(iter_resolved(f"The talks were held {phrase}.", date(2026, 1, 30)))
    assert when.value == expected
