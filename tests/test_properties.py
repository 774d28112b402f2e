"""Property-based tests: arbitrary input never raises and offsets point at what they claim."""
from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.shifts import find_shifts
from analysis.temporal import find_date_expressions, resolve

NEWSY = st.lists(st.sampled_from(list("abcdeMTFWSJ ADNO0123456789,.;:-'\"“”\n") +
                                 ["Monday ", "May ", "March ", "2022 ", "last week ", "on ", "Feb. ",
                                  "today ", "yesterday ", "next ", "10 ", "2025-03-12 "]), max_size=60).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=st.one_of(st.text(max_size=200), NEWSY), anchor=st.dates(date(1990, 1, 1), date(2040, 12, 31)),
       tense=st.sampled_from(["past", "future", "unknown"]))
def test_date_expressions_point_at_their_text_and_resolve_safely(text, anchor, tense):
    for expr in find_date_expressions(text):
        assert text[expr.start:expr.end] == expr.text
        resolved = resolve(expr, anchor, tense)
        if resolved is not None:
            assert len(resolved.iso) in (7, 10)


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), NEWSY))
def test_sentences_cover_the_text_in_order(nlp, text):
    doc = nlp(text)
    sentences = list(doc.sents) if len(doc) else []
    assert "".join(s.text_with_ws for s in sentences) == (text if len(doc) else "")
    for s in sentences:
        assert doc.text[s.start_char:s.end_char] == s.text


STATEMENT = st.fixed_dictionaries({
    "doc_id": st.sampled_from(["a.txt", "b.txt", "c.txt"]),
    "speaker": st.sampled_from(["Sergei Lavrov", "Sergey Lavrov", "Volodymyr Zelensky", "Kremlin"]),
    "side": st.sampled_from(["RU", "UA"]),
    "date": st.sampled_from(["2022-03-01", "2022-03", "2022-04-11", "2025-04-24", "2025-04"]),
    "topic": st.sampled_from(["negotiations", "ceasefire"]),
    "stance": st.sampled_from([1, -1]),
    "quote": st.just("indirect"), "sentence": st.just("s"), "start": st.just(0), "end": st.just(1),
})


@SETTINGS
@given(rows=st.lists(STATEMENT, max_size=12))
def test_shifts_alternate_signs_and_never_raise(rows):
    shifts = find_shifts(pd.DataFrame(rows), pd.DataFrame())
    for shift in shifts.itertuples():
        assert shift.from_stance == -shift.to_stance
        assert set(shift.doc_ids) <= {r["doc_id"] for r in rows}
