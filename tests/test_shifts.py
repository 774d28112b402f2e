"""Corpus-level stance shifts (§5 rule) and shift cues (analysis.shifts)."""
from __future__ import annotations

import pandas as pd

from analysis.shifts import SHIFT_COLUMNS, find_shift_cues, find_shifts, speaker_key


def statement(doc, speaker, date, topic, stance):
    return {"doc_id": doc, "speaker": speaker, "side": None, "date": date, "topic": topic, "stance": stance,
            "quote": "indirect", "sentence": f"{speaker} on {topic}", "start": 0, "end": 1}


def reported(doc, speaker, date, topic, from_stance, to_stance):
    return {"doc_id": doc, "speaker": speaker, "topic": topic, "from_stance": from_stance, "to_stance": to_stance,
            "date": date, "sentence": "reported", "start": 0, "end": 1}


def shifts_of(statements, reports=()):
    out = find_shifts(pd.DataFrame(statements), pd.DataFrame(list(reports)))
    return [(r.speaker, r.topic, r.date, r.from_stance, r.to_stance, bool(r.explicit), list(r.doc_ids))
            for r in out.itertuples()]


def test_change_of_sign_is_a_shift_dated_at_the_first_new_statement():
    got = shifts_of([statement("a", "Sergei Lavrov", "2022-04", "agreement", -1),
                     statement("b", "Lavrov", "2025-04-24", "agreement", 1),
                     statement("c", "Sergey Lavrov", "2025-05-01", "agreement", 1)])
    assert got == [("Sergei Lavrov", "agreement", "2025-04-24", -1, 1, False, ["a", "b"])]


def test_same_sign_throughout_is_no_shift():
    assert shifts_of([statement("a", "Peskov", "2022-03-09", "negotiations", 1),
                      statement("b", "Peskov", "2022-10-04", "negotiations", 1)]) == []


def test_month_precision_takes_part_only_without_a_day_in_that_month():
    rows = [statement("a", "Lavrov", "2022-04-11", "agreement", 1),
            statement("b", "Lavrov", "2022-04", "agreement", -1),
            statement("c", "Lavrov", "2022-05-02", "agreement", 1)]
    assert shifts_of(rows) == []
    rows[0]["date"] = "2022-03-30"
    assert [s[2:5] for s in shifts_of(rows)] == [("2022-04", 1, -1), ("2022-05-02", -1, 1)]


def test_a_date_with_both_signs_is_left_out():
    rows = [statement("a", "Medinsky", "2022-03-03", "ceasefire", 1),
            statement("b", "Medinsky", "2025-05-16", "ceasefire", -1),
            statement("c", "Medinsky", "2025-05-16", "ceasefire", 1),
            statement("d", "Medinsky", "2025-06-02", "ceasefire", 1)]
    assert shifts_of(rows) == []


def test_speakers_matched_by_surname_and_gazetteer_variants():
    rows = [statement("a", "Volodymyr Zelensky", "2022-03-28", "negotiations", 1),
            statement("b", "Zelenskyy", "2022-10-04", "negotiations", -1),
            statement("c", "Zelenskiy", "2025-05-11", "negotiations", 1)]
    got = shifts_of(rows)
    assert [(s[0], s[2], s[4]) for s in got] == [("Volodymyr Zelenskyy", "2022-10-04", -1),
                                                 ("Volodymyr Zelenskyy", "2025-05-11", 1)]
    assert speaker_key("Ivan Petrenko") == speaker_key("Petrenko") == "petrenko"


def test_explicit_shift_counts_whatever_the_statements_say():
    rows = [statement("a", "Lavrov", "2022-03-03", "ceasefire", -1),
            statement("b", "Lavrov", "2022-04-11", "ceasefire", -1)]
    got = shifts_of(rows, [reported("b", "Sergei Lavrov", "2022-04-11", "ceasefire", 1, -1),
                           reported("c", "Lavrov", "2022-04-12", "ceasefire", 1, -1)])
    assert got == [("Sergei Lavrov", "ceasefire", "2022-04-11", 1, -1, True, ["b", "c"])]


def test_implicit_shift_near_an_explicit_one_merges_into_it():
    rows = [statement("a", "Trump", "2025-03-11", "ceasefire", 1),
            statement("b", "Trump", "2025-08-15", "ceasefire", 1),
            statement("b", "Trump", "2025-08-16", "ceasefire", -1)]
    got = shifts_of(rows, [reported("b", "Donald Trump", "2025-08-16", "ceasefire", 1, -1)])
    assert got == [("Donald Trump", "ceasefire", "2025-08-16", 1, -1, True, ["b"])]
    far = shifts_of(rows, [reported("z", "Donald Trump", "2025-01-01", "ceasefire", 1, -1)])
    assert [(s[2], s[5]) for s in far] == [("2025-01-01", True), ("2025-08-16", False)]


def test_explicit_shift_names_the_documents_of_both_statements():
    rows = [statement("old", "Zelensky", "2022-03-28", "negotiations", 1),
            statement("new", "Zelensky", "2022-10-04", "negotiations", -1)]
    got = shifts_of(rows, [reported("report", "Zelensky", "2022-10-04", "negotiations", 1, -1)])
    assert got[0][6] == ["new", "old", "report"]


def test_empty_inputs_give_an_empty_frame_with_the_columns():
    for statements, reports in [(pd.DataFrame(), pd.DataFrame()), (None, None),
                                (pd.DataFrame(columns=["doc_id", "speaker"]), pd.DataFrame())]:
        out = find_shifts(statements, reports)
        assert list(out.columns) == SHIFT_COLUMNS and out.empty


def test_rows_without_a_date_are_ignored():
    rows = [statement("a", "Peskov", None, "negotiations", 1), statement("b", "Peskov", "2022", "negotiations", -1)]
    assert shifts_of(rows) == []


def test_output_is_deterministic_and_sorted():
    rows = [statement("b", "Zelensky", "2022-10-04", "negotiations", -1),
            statement("a", "Zelensky", "2022-03-28", "negotiations", 1),
            statement("c", "Medinsky", "2025-05-16", "ceasefire", -1),
            statement("d", "Medinsky", "2022-03-03", "ceasefire", 1)]
    first = find_shifts(pd.DataFrame(rows), pd.DataFrame())
    second = find_shifts(pd.DataFrame(rows[::-1]), pd.DataFrame())
    pd.testing.assert_frame_equal(first, second)
    assert list(first.speaker) == ["Vladimir Medinsky", "Volodymyr Zelenskyy"]


# --- cues --------------------------------------------------------------------------------------

def cue_kinds(sentence):
    return [(c.kind, c.owner) for c in find_shift_cues(sentence)]


def test_cue_kinds_and_owners():
    assert cue_kinds("Lavrov said Moscow's position had changed since.") == [("changed", "Moscow")]
    assert cue_kinds("The offer marked a striking change of position.")[0][0] == "marked"
    assert cue_kinds("Trump abandoned his call for a ceasefire.") == [("object", None)]
    assert cue_kinds("Russia no longer insists on it.") == [("no_longer", None)]
    assert cue_kinds("It marks a U-turn from Kyiv's position.")[0] == ("marked", "Kyiv")
    assert cue_kinds("In a U-turn, he said he would meet Putin.")[0][0] == "prefix"


def test_cue_spans_for_old_and_new_positions():
    sentence = "Trump abandoned his call for an immediate ceasefire on Saturday, saying a deal was needed."
    (cue,) = find_shift_cues(sentence, offset=100)
    (old_start, old_end), = cue.old_spans
    assert sentence[old_start - 100:old_end - 100].strip() == "call for an immediate ceasefire"
    assert cue.owner_side() is None


def test_hypothetical_and_denied_changes_are_not_cues():
    assert find_shift_cues("They wait for Zelensky to change his position.") == []
    assert find_shift_cues("Moscow has not changed its position.") == []
    assert find_shift_cues("Its position has not changed.") == []
