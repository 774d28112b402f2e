"""Statements (attributed positions) and text-reported stance shifts (analysis.statements)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.statements import (REPORTED_SHIFT_COLUMNS, STATEMENT_COLUMNS, _DocumentAnalyser,
                                 extract_reported_shifts, extract_statements)

PUBLISHED = "2025-03-05"  # a Wednesday


def rows(nlp, text, published=PUBLISHED):
    return extract_statements(nlp(text), doc_id="t.txt", published=published)


def keys(nlp, text, published=PUBLISHED):
    return {(r["speaker"], r["topic"], r["stance"], r["quote"]) for r in rows(nlp, text, published)}


def shifts(nlp, text, published=PUBLISHED):
    return {(r["speaker"], r["topic"], r["from_stance"], r["to_stance"])
            for r in extract_reported_shifts(nlp(text), doc_id="t.txt", published=published)}


# --- quote forms -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "“We are ready to continue the talks,” Lavrov said.",
    "Lavrov said: “We are ready to continue the talks.”",
    "“We are ready to continue the talks,” said Lavrov.",
    "Lavrov told reporters on Monday, \"We are ready to continue the talks.\"",
    "“The situation is difficult. But we are ready to continue the talks,” Lavrov said.",
    "“The situation is difficult,” Lavrov said, “but we are ready to continue the talks.”",
])
def test_direct_quote_forms(nlp, text):
    assert keys(nlp, text) == {("Sergei Lavrov", "negotiations", 1, "direct")}


def test_unattributed_quote_continues_the_previous_speaker(nlp):
    text = ("Zelensky said on Tuesday the situation at the front was hard. "
            "“Give us more air defence systems and we will hold the line.”")
    assert ("Volodymyr Zelenskyy", "western_support", 1, "direct") in keys(nlp, text)


def test_scare_quotes_are_indirect(nlp):
    text = 'Lavrov accused Kyiv of tabling an "unacceptable" draft peace deal.'
    assert keys(nlp, text) == {("Sergei Lavrov", "agreement", -1, "indirect")}


# --- speech-verb families ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Peskov said the Kremlin remained open to negotiations.", ("Dmitry Peskov", "negotiations", 1)),
    ("Kuleba told a news conference that he had pressed for a truce.", ("Dmytro Kuleba", "ceasefire", 1)),
    ("Lavrov added that Moscow would not halt its offensive.", ("Sergei Lavrov", "ceasefire", -1)),
    ("Lavrov insisted Moscow would keep fighting.", ("Sergei Lavrov", "ceasefire", -1)),
    ("Lavrov accused the West of arming Ukraine.", ("Sergei Lavrov", "western_support", -1)),
    ("Medvedev warned that Western weapons deliveries risked a nuclear catastrophe.",
     ("Dmitry Medvedev", "western_support", -1)),
    ("Macron urged allies to send more weapons to Ukraine.", ("Emmanuel Macron", "western_support", 1)),
    ("Erdogan called for an immediate ceasefire.", ("Recep Tayyip Erdogan", "ceasefire", 1)),
    ("Zelensky questioned whether Moscow would ever agree to a full ceasefire.",
     ("Volodymyr Zelenskyy", "ceasefire", 1)),
    ("Zelensky complained that Moscow had rejected every call for a truce.",
     ("Volodymyr Zelenskyy", "ceasefire", 1)),
    ("Zelensky rejected the peace plan.", ("Volodymyr Zelenskyy", "agreement", -1)),
    ("Zelensky has ruled out talks with Putin.", ("Volodymyr Zelenskyy", "negotiations", -1)),
    ("According to Peskov, Moscow is ready for talks.", ("Dmitry Peskov", "negotiations", 1)),
    ("Zelensky's call for a no-fly zone was rejected.", ("Volodymyr Zelenskyy", "western_support", 1)),
])
def test_speech_verb_families(nlp, text, expected):
    assert expected in {k[:3] for k in keys(nlp, text)}


def test_participle_and_coordinated_verbs_share_the_subject(nlp):
    text = ("Erdogan opened the meeting by urging both sides to secure a ceasefire, "
            "and said talks should continue.")
    found = {k[:3] for k in keys(nlp, text)}
    assert ("Recep Tayyip Erdogan", "ceasefire", 1) in found
    assert ("Recep Tayyip Erdogan", "negotiations", 1) in found


def test_verb_of_an_inner_clause_is_not_the_speakers(nlp):
    text = "Zelensky complained that Russia had rejected a truce and had not said when it would stop the killing."
    assert {k[:3] for k in keys(nlp, text)} == {("Volodymyr Zelenskyy", "ceasefire", 1)}


# --- speakers ----------------------------------------------------------------------------------

def test_pronoun_carries_to_the_last_named_person(nlp):
    text = "Kremlin spokesman Dmitry Peskov spoke to reporters. He said Russia was ready for talks."
    assert {k[:3] for k in keys(nlp, text)} == {("Dmitry Peskov", "negotiations", 1)}


def test_she_and_role_noun_carry_over(nlp):
    text = ("Zakharova held a briefing on Tuesday. She said the new sanctions were illegal. "
            "Lavrov met reporters. The foreign minister said Moscow remained open to negotiations.")
    found = {k[:3] for k in keys(nlp, text)}
    assert ("Maria Zakharova", "western_support", -1) in found
    assert ("Sergei Lavrov", "negotiations", 1) in found


def test_speaker_with_role_resolves_to_canonical_name_and_side(nlp):
    (row,) = rows(nlp, "Russia's Foreign Minister Sergey Lavrov said Moscow was ready to reach a deal.")
    assert (row["speaker"], row["side"], row["topic"], row["stance"]) == ("Sergei Lavrov", "RU", "agreement", 1)


def test_unknown_person_keeps_the_text_name_and_the_role_side(nlp):
    (row,) = rows(nlp, "Ukraine's foreign minister Ivan Petrenko said Kyiv was ready for talks.")
    assert (row["speaker"], row["side"]) == ("Ivan Petrenko", "UA")


def test_speaker_named_after_a_role_apposition(nlp):
    text = "“The next step must be a full ceasefire,” said Ukraine's defence minister, Rustem Umerov."
    assert {(r["speaker"], r["topic"], r["stance"]) for r in rows(nlp, text)} == {("Rustem Umerov", "ceasefire", 1)}
    text = "Marta Kowalczyk, Poland's foreign minister, said on Monday that Warsaw wanted peace talks to resume."
    assert {(r["speaker"], r["side"]) for r in rows(nlp, text)} == {("Marta Kowalczyk", "OTHER")}


def test_a_role_with_its_name_is_no_apposition_to_skip(nlp):
    text = "Speaking to reporters, Russian Foreign Minister Sergey Lavrov said Moscow wanted to continue the talks."
    assert {r["speaker"] for r in rows(nlp, text)} == {"Sergei Lavrov"}


def test_appositive_person_beats_the_institution_in_the_apposition(nlp):
    text = "Vladimir Medinsky, the Kremlin aide who led the delegation, said Moscow was ready to continue contacts."
    assert {r["speaker"] for r in rows(nlp, text)} == {"Vladimir Medinsky"}


def test_institution_speaks_only_when_no_person_is_named(nlp):
    assert {r["speaker"] for r in rows(nlp, "The Kremlin said it had no plans for talks.")} == {"Kremlin"}
    assert rows(nlp, "Russian officials said they were ready for talks.") == []
    assert rows(nlp, "Russia is ready for talks, the source said.") == []


def test_two_speakers_in_one_sentence(nlp):
    text = ("Lavrov said that calls by Josep Borrell, the EU's top diplomat, for the bloc to continue "
            "arming Kyiv marked a serious U-turn.")
    found = {k[:3] for k in keys(nlp, text)}
    assert found == {("Sergei Lavrov", "western_support", -1), ("Josep Borrell", "western_support", 1)}


def test_accused_person_gets_the_action(nlp):
    found = {k[:3] for k in keys(nlp, "Zelensky accused Putin of dragging out the talks.")}
    assert found == {("Vladimir Putin", "negotiations", -1)}


def test_did_not_rule_out(nlp):
    found = {k[:3] for k in keys(nlp, "Umerov did not rule out a new truce.")}
    assert found == {("Rustem Umerov", "ceasefire", 1)}


def test_no_position_no_row(nlp):
    assert rows(nlp, "Peskov said the talks in Istanbul had lasted two hours.") == []
    assert rows(nlp, "Zelensky visited troops near the front on Monday.") == []


# --- dates -------------------------------------------------------------------------------------

def test_weekday_is_the_one_on_or_before_the_article_date(nlp):
    (row,) = rows(nlp, "Peskov said on Monday that Moscow was open to negotiations.")
    assert row["date"] == "2025-03-03"


def test_last_week_gives_month_precision(nlp):
    (row,) = rows(nlp, "Lavrov last week accused Kyiv of presenting an unacceptable draft deal.")
    assert row["date"] == "2025-02"


def test_explicit_date_and_article_date(nlp):
    (row,) = rows(nlp, "On October 4, 2022, Zelensky signed a decree declaring negotiations with Putin impossible.")
    assert row["date"] == "2022-10-04"
    (row,) = rows(nlp, "Peskov said Moscow was open to negotiations.")
    assert row["date"] == PUBLISHED
    (row,) = rows(nlp, "Peskov said Moscow was open to negotiations.", published=None)
    assert row["date"] is None


def test_pronoun_statement_inherits_the_date(nlp):
    text = "Lavrov said on Monday that Moscow was open to talks. He added that Russia would not halt its offensive."
    assert {(r["topic"], r["date"]) for r in rows(nlp, text)} == {("negotiations", "2025-03-03"),
                                                                  ("ceasefire", "2025-03-03")}


# --- rows --------------------------------------------------------------------------------------

def test_row_columns_and_offsets(nlp):
    text = "Headline here\n\nKremlin spokesman Dmitry Peskov said on Monday that Moscow was open to negotiations."
    doc = nlp(text)
    (row,) = extract_statements(doc, doc_id="a.txt", published=PUBLISHED)
    assert list(row) == STATEMENT_COLUMNS
    assert row["sentence"] == doc.text[row["start"]:row["end"]]
    assert row["sentence"].startswith("Kremlin spokesman") and row["cue"]


def test_one_row_per_speaker_topic_and_stance(nlp):
    text = ("Peskov said Moscow was open to negotiations. Peskov said on Monday that Moscow remained ready for talks.")
    found = rows(nlp, text)
    assert len(found) == 1 and found[0]["date"] == "2025-03-03"  # the evidence whose date the text states


def test_the_speaker_s_own_words_are_better_evidence_than_an_accusation(nlp):
    text = ("Peskov on Monday accused Zelensky of refusing talks with Moscow. "
            "“We will not negotiate with them,” Zelensky said.")
    (row,) = [r for r in rows(nlp, text) if r["speaker"] == "Volodymyr Zelenskyy"]
    assert (row["topic"], row["stance"], row["quote"], row["date"]) == ("negotiations", -1, "direct", PUBLISHED)


# --- reported shifts ---------------------------------------------------------------------------

def test_position_had_changed_reported_by_the_speaker(nlp):
    text = ("Lavrov said that Putin had ordered a pause in hostilities during the first round "
            "but that Moscow's position had changed since.")
    assert shifts(nlp, text) == {("Sergei Lavrov", "ceasefire", 1, -1)}
    assert rows(nlp, text) == []  # the old position he describes is not his statement


def test_marked_a_change_with_old_and_new_position(nlp):
    text = ("For Zelensky, the offer to sit down with Putin marked a striking change of position: "
            "on October 4, 2022, he signed a decree declaring negotiations with Putin impossible.")
    assert shifts(nlp, text) == {("Volodymyr Zelenskyy", "negotiations", -1, 1)}
    assert ("Volodymyr Zelenskyy", "negotiations", -1) in {k[:3] for k in keys(nlp, text)}


def test_abandoned_call(nlp):
    text = "Trump abandoned his call for an immediate ceasefire on Saturday, saying a full deal was needed."
    (row,) = extract_reported_shifts(nlp(text), doc_id="t.txt", published=PUBLISHED)
    assert (row["speaker"], row["topic"], row["from_stance"], row["to_stance"], row["date"]) == (
        "Donald Trump", "ceasefire", 1, -1, "2025-03-01")


def test_u_turn_about_a_government_falls_back_on_its_last_speaker(nlp):
    text = "Zelensky has ruled out talks with Putin. It marks a dramatic U-turn from Kyiv's position in the spring."
    assert shifts(nlp, text) == {("Volodymyr Zelenskyy", "negotiations", 1, -1)}


def test_no_longer_and_prefix_cues(nlp):
    assert shifts(nlp, "The White House said Trump no longer insists on a ceasefire.") == {
        ("Donald Trump", "ceasefire", 1, -1)}
    assert shifts(nlp, "In a U-turn, Zelensky said he was now ready to meet Putin.") == {
        ("Volodymyr Zelenskyy", "negotiations", -1, 1)}


@pytest.mark.parametrize("text", [
    "Peskov said Russia would wait for Zelensky to change his position.",
    "Peskov said Moscow's position on talks had not changed.",
    "Lavrov said Borrell's calls to keep arming Kyiv marked a U-turn in European policy.",
])
def test_hypothetical_denied_or_foreign_changes_are_not_shifts(nlp, text):
    assert shifts(nlp, text) == set()


def test_reported_shift_columns(nlp):
    text = "Lavrov said Putin had ordered a pause in hostilities but that Moscow's position had changed."
    (row,) = extract_reported_shifts(nlp(text), doc_id="t.txt", published=PUBLISHED)
    assert set(REPORTED_SHIFT_COLUMNS) <= set(row)
    assert row["sentence"] == text and (row["start"], row["end"]) == (0, len(text))


# --- robustness --------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_never_raises(nlp, text):
    analysis = _DocumentAnalyser(nlp(text), "x.txt", "2024-01-10").run()  # no safety net
    for row in analysis.statements:
        assert row["stance"] in (-1, 1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "Lavrov said", "“", "”", '"', "Zelensky", "he added that", "talks", "a ceasefire", "not", "no", ",", ".",
    "ready to", "rejected", "According to", "the Kremlin", "marked a U-turn", "no longer", "if", ":", "\n",
    "on Monday", "last week", "calls by Borrell for", "arming Kyiv", "'s position had changed", "accused",
]), max_size=30))
def test_shuffled_cue_words_never_raise(nlp, words):
    text = " ".join(words)
    _DocumentAnalyser(nlp(text), "x.txt", None).run()
    extract_statements(nlp(text), doc_id="x.txt", published="not a date")


# --- whose position ----------------------------------------------------------------------------

def test_refusal_by_the_other_side_is_the_speakers_complaint(nlp):
    assert {k[:3] for k in keys(nlp, "Zakharova said Kyiv had torpedoed the negotiations.")} == {
        ("Maria Zakharova", "negotiations", 1)}


def test_the_other_sides_readiness_is_not_the_speakers_position(nlp):
    assert rows(nlp, "Lavrov said Kyiv was ready to negotiate.") == []


def test_a_demand_on_another_party_is_the_speakers_position(nlp):
    assert {k[:3] for k in keys(nlp, "Zelensky said Europe must increase pressure on Russia.")} == {
        ("Volodymyr Zelenskyy", "western_support", 1)}


def test_fronted_topic_resolves_a_later_pronoun(nlp):
    text = "For Zelensky, the spring was different: on Friday he said Ukraine was ready for talks."
    assert {k[:3] for k in keys(nlp, text)} == {("Volodymyr Zelenskyy", "negotiations", 1)}
