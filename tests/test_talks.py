"""Talk mentions (dates, tense, venue, parties, level, round, status) and their
consolidation into corpus-level events. All sentences are written for these tests."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.talk_events import consolidate_talks
from analysis.talks import DEADLINE_PREFIX, RANGE_PREFIX, TARGET_PREFIX, _ends_with, extract_talk_mentions

MONDAY = "2023-05-08"
WEDNESDAY = "2023-05-10"
THURSDAY = "2023-05-11"


def mentions(nlp, text: str, published: str | None = WEDNESDAY, doc_id: str = "a.txt") -> list[dict]:
    return extract_talk_mentions(nlp(text), doc_id=doc_id, published=published)


def only(nlp, text: str, published: str | None = WEDNESDAY) -> dict:
    found = mentions(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


# --- dates ---------------------------------------------------------------------------------
class TestDates:
    def test_explicit_date_with_year(self, nlp):
        m = only(nlp, "On March 29, 2022, Russian and Ukrainian delegations met in Istanbul.", published=None)
        assert (m["date"], m["precision"], m["status"]) == ("2022-03-29", "day", "held")

    def test_explicit_day_month_takes_year_from_article(self, nlp):
        m = only(nlp, "The two delegations held talks in Minsk on May 2.")
        assert m["date"] == "2023-05-02"

    def test_past_day_month_far_back_stays_in_the_past(self, nlp):
        m = only(nlp, "Ukrainian negotiators sat across the table from Russian delegations in Istanbul on March 29.",
                 published="2023-10-04")
        assert m["date"] == "2023-03-29"

    def test_weekday_past_clause_is_the_previous_one(self, nlp):
        m = only(nlp, "A first round of talks between the two countries took place on Monday.", published=THURSDAY)
        assert m["date"] == MONDAY

    def test_weekday_future_clause_is_the_next_one(self, nlp):
        m = only(nlp, "Russian and Ukrainian negotiators will meet in Istanbul on Thursday.", published=MONDAY)
        assert (m["date"], m["status"]) == (THURSDAY, "planned")

    def test_later_today_is_the_article_day_and_planned(self, nlp):
        m = only(nlp, "The next round of negotiations is due to take place later today, an aide said.")
        assert (m["date"], m["status"]) == (WEDNESDAY, "planned")

    def test_yesterday(self, nlp):
        m = only(nlp, "Talks between Russia and Ukraine took place yesterday in Minsk.")
        assert (m["date"], m["venue"]) == ("2023-05-09", "Minsk")

    def test_last_month_and_next_week_are_month_precise(self, nlp):
        held = only(nlp, "Lavrov met Kuleba last month in Antalya.")
        planned = only(nlp, "Russian and Ukrainian officials will hold talks next week.")
        assert (held["date"], held["precision"], held["status"]) == ("2023-04", "month", "held")
        assert (planned["precision"], planned["status"]) == ("month", "planned")

    def test_late_month_is_month_precise(self, nlp):
        m = only(nlp, "Putin ordered a pause during the first round of talks between Russian and Ukrainian "
                      "negotiators in late February.", published="2023-04-11")
        assert (m["date"], m["precision"], m["round"]) == ("2023-02", "month", 1)

    def test_future_month_is_ahead(self, nlp):
        m = only(nlp, "Russian and Ukrainian delegations will hold talks in Istanbul in August.", published="2025-07-21")
        assert (m["date"], m["status"]) == ("2025-08", "planned")

    def test_a_plan_noun_is_no_future_tense(self, nlp):
        m = only(nlp, "US and Ukrainian officials held talks in Geneva on Sunday on a US plan to end the war.",
                 published="2025-11-23")
        assert (m["date"], m["status"]) == ("2025-11-23", "held")

    def test_relative_date_without_article_date_is_no_event(self, nlp):
        assert mentions(nlp, "Russian and Ukrainian delegations met in Istanbul on Tuesday.", published=None) == []

    def test_ranges_and_counts_are_no_events(self, nlp):
        assert mentions(nlp, "Ukrainian and Russian delegations have held three rounds of talks since last week.") == []
        assert mentions(nlp, "The sides have held talks over the past week.") == []

    def test_date_of_the_report_is_not_the_date_of_the_talks(self, nlp):
        assert mentions(nlp, "Kuleba told reporters on Monday that talks with Russia were pointless.") == []
        assert mentions(nlp, "Zelensky said on Sunday he was ready to meet Putin.") == []
        m = only(nlp, "Peskov said on Wednesday that the next round of talks with Ukraine would take place "
                      "in Istanbul on Friday.")
        assert (m["date"], m["status"], m["venue"]) == ("2023-05-12", "planned", "Istanbul")

    def test_said_on_day_after_talks_is_a_weak_mention(self, nlp):
        m = only(nlp, "Moscow will scale back its operations, an official said on Tuesday after Russian and "
                      "Ukrainian negotiators met in Istanbul.")
        assert (m["date"], m["weak"], m["venue"]) == ("2023-05-09", True, "Istanbul")

    def test_a_planned_date_just_before_the_article_is_that_one(self, nlp):
        m = only(nlp, "A meeting of the Russian and Ukrainian delegations planned for May 3 in Geneva was called off.")
        assert (m["date"], m["status"]) == ("2023-05-03", "cancelled")

    def test_a_plan_in_a_past_clause_for_a_day_just_ahead(self, nlp):
        m = only(nlp, "Officials in Budapest had been preparing to host the summit of Putin and Zelensky on May 20.")
        assert (m["date"], m["status"]) == ("2023-05-20", "planned")

    def test_a_past_meeting_on_a_day_month_just_ahead_is_last_year(self, nlp):
        m = only(nlp, "Russian and Ukrainian delegations met in Minsk on May 20.")
        assert m["date"] == "2022-05-20"

    def test_of_that_year_takes_the_year_printed_before(self, nlp):
        m = only(nlp, "There have been no direct talks since the spring of 2022, when Russian and Ukrainian "
                      "delegations last met in Istanbul on March 29 of that year.")
        assert m["date"] == "2022-03-29"

    def test_a_narrative_goes_on_in_the_year_of_its_last_full_date(self, nlp):
        found = mentions(nlp, "The first meeting took place on Feb. 28, 2022, when Ukrainian and Russian "
                              "delegations met near Gomel. A second round of talks followed on March 3 in Brest.")
        assert [m["date"] for m in found] == ["2022-02-28", "2022-03-03"]

    def test_irregular_past_verbs_date_a_weekday_backwards(self, nlp):
        m = only(nlp, "Zelensky, who sat down with Putin in Istanbul on Friday, said little.")
        assert m["date"] == "2023-05-05"

    def test_dateline_date_is_not_the_event_date(self, nlp):
        m = only(nlp, "April 11 (Wire) - Russia will not pause for further rounds of talks, Lavrov said on Monday. "
                      "Russian and Ukrainian delegations met in Minsk on Friday.", published="2023-04-11")
        assert m["date"] == "2023-04-07"


# --- what counts as talks -----------------------------------------------------------------
class TestTriggers:
    def test_phone_calls_are_not_talks(self, nlp):
        assert mentions(nlp, "Putin held phone talks with Erdogan on Tuesday.") == []
        assert mentions(nlp, "Putin and Zelensky spoke by telephone on Tuesday.") == []

    def test_meetings_without_the_warring_sides_are_not_talks(self, nlp):
        assert mentions(nlp, "Xi Jinping held talks with the Pakistani president in Beijing on Tuesday.") == []

    def test_meetings_of_one_side_are_not_talks(self, nlp):
        assert mentions(nlp, "A missile hit a meeting of Ukrainian commanders on Monday.") == []

    def test_multilateral_summits_are_not_talks(self, nlp):
        assert mentions(nlp, "Leaders gathered at the G20 summit in Rome on Monday, where Lavrov spoke.") == []

    def test_round_of_something_else_is_not_talks(self, nlp):
        assert mentions(nlp, "Russia said on Monday the move meant a new round of tension with Ukraine.") == []

    def test_video_link_round_counts(self, nlp):
        m = only(nlp, "Ukraine and Russia held their fourth round of negotiations on Monday, this time by video link.")
        assert (m["round"], m["status"], m["parties"]) == (4, "held", ["RU", "UA"])

    def test_hosted_delegations(self, nlp):
        m = only(nlp, "Erdogan hosted Russian and Ukrainian delegations at Dolmabahce Palace on Tuesday.")
        assert (m["venue"], m["parties"]) == ("Istanbul", ["RU", "TR", "UA"])

    def test_meeting_an_ally_needs_a_peace_context(self, nlp):
        assert mentions(nlp, "Zelensky met Macron in Paris on Tuesday to ask for more weapons.") == []
        m = only(nlp, "Zelensky met Macron in Paris on Tuesday to discuss a peace plan.")
        assert (m["parties"], m["venue"], m["level"]) == (["FR", "UA"], "Paris", "leaders")

    def test_other_senses_of_met_are_no_meeting(self, nlp):
        assert mentions(nlp, "Russia's demands were met with scorn by Ukraine on Monday.") == []
        assert mentions(nlp, "Ukraine said on Monday that Russia had failed to meet the demands of the deal.") == []

    def test_proposals_and_deadlines_are_no_events(self, nlp):
        assert mentions(nlp, "Zelensky said he had proposed a meeting with Putin by the end of August.") == []
        assert mentions(nlp, "Putin on Sunday proposed direct talks with Ukraine in Istanbul on Thursday.") == []

    def test_offers_a_few_words_back_and_nothing_to_negotiate_are_no_events(self, nlp):
        assert mentions(nlp, "Lukashenko offered again on Monday to host talks between Russia and Ukraine in Minsk.") == []
        assert mentions(nlp, "Today there is nothing to negotiate with Putin, the French president told Russian "
                             "reporters.") == []

    def test_readiness_is_not_an_event(self, nlp):
        assert mentions(nlp, "Putin said on Sunday that Russia was prepared to resume direct negotiations.") == []


# --- venue ---------------------------------------------------------------------------------
class TestSubordinateDates:
    def test_date_of_a_since_clause_is_not_the_talks_date(self, nlp):
        text = ("The envoys held their first meeting since the offensive began three weeks ago, but the talks in "
                "Geneva produced nothing.")
        assert [m["date_text"] for m in mentions(nlp, text)] == []

    def test_an_appositive_meeting_keeps_the_date_of_its_clause(self, nlp):
        text = ("Shelling resumed hours after Witkoff spent three hours with Putin in Moscow on Monday, a meeting "
                "the Kremlin called useful.")
        assert [(m["date"], m["venue"]) for m in mentions(nlp, text)] == [(MONDAY, "Moscow")]


class TestEventClauses:
    def test_relative_that_after_the_delegations(self, nlp):
        m = only(nlp, "The delegations that met in Geneva on Monday spent three hours together.")
        assert (m["date"], m["venue"], m["status"]) == (MONDAY, "Geneva", "held")

    def test_could_take_place_is_planned(self, nlp):
        m = only(nlp, "Officials said a fourth round could take place in Istanbul in early June.")
        assert (m["date"], m["status"], m["round"]) == ("2023-06", "planned", 4)

    def test_take_place_owns_the_date_across_a_reporting_clause(self, nlp):
        m = only(nlp, "A meeting between Rubio and Lavrov, which officials had said could take place in Budapest "
                      "on Thursday, has been called off.")
        assert (m["date"], m["venue"], m["status"]) == (THURSDAY, "Budapest", "cancelled")


class TestHostedTalks:
    TEXT = ("The delegations that met in Istanbul on Monday spent two hours together, with Turkish foreign "
            "minister Hakan Fidan in the chair. Officials said a second round could take place in Istanbul "
            "in early June.")

    def test_the_chair_does_not_replace_the_delegations(self, nlp):
        first, second = mentions(nlp, self.TEXT)
        assert (first["date"], first["parties"]) == (MONDAY, ["RU", "TR", "UA"])

    def test_a_round_at_the_host_s_venue_keeps_the_warring_sides(self, nlp):
        first, second = mentions(nlp, self.TEXT)
        assert (second["date"], second["status"], second["round"], second["parties"]) == (
            "2023-06", "planned", 2, ["RU", "TR", "UA"])


class TestVenue:
    def test_possessive_country_city(self, nlp):
        m = only(nlp, "Lavrov will fly to Turkey's Antalya on Wednesday to attend a meeting with his Ukrainian "
                      "counterpart Dmytro Kuleba on Thursday.")
        assert (m["venue"], m["date"], m["level"]) == ("Antalya", THURSDAY, "ministers")

    def test_country_venue(self, nlp):
        m = only(nlp, "Trump's envoy Steve Witkoff is due in Russia on Friday where he is expected to hold "
                      "another round of ceasefire talks with Putin.", published=THURSDAY)
        assert (m["venue"], m["parties"], m["level"], m["status"]) == ("Russia", ["RU", "US"], "envoys", "planned")

    def test_landmarks(self, nlp):
        kremlin = only(nlp, "US envoy Steve Witkoff met Vladimir Putin at the Kremlin on Thursday.", published="2023-05-12")
        white_house = only(nlp, "Putin suggested that the next meeting be held in Moscow. "
                                "Zelenskyy will meet Trump at the White House on Monday.", published="2023-05-06")
        assert kremlin["venue"] == "Moscow"
        assert (white_house["venue"], white_house["level"], white_house["parties"]) == ("Washington", "leaders",
                                                                                      ["UA", "US"])

    def test_region_gives_its_country(self, nlp):
        m = only(nlp, "The talks between Russian and Ukrainian delegations took place in the Gomel region on Monday.")
        assert m["venue"] == "Belarus"

    def test_generic_place_refined_by_dateline(self, nlp):
        m = only(nlp, "JEDDAH, Saudi Arabia (Wire) - Kyiv accepted a truce plan, officials said on Tuesday after "
                      "eight hours of talks between US and Ukrainian delegations in the Saudi port city.")
        assert (m["venue"], m["date"]) == ("Jeddah", "2023-05-09")

    def test_dateline_city_for_the_lede(self, nlp):
        m = only(nlp, "ISTANBUL, May 10 (Wire) - Russian and Ukrainian negotiators met face to face on Wednesday.")
        assert m["venue"] == "Istanbul"

    def test_city_named_after_a_country_adjective(self, nlp):
        m = only(nlp, "Russian and Ukrainian negotiators met on Monday in the Saudi coastal city of Jeddah.")
        assert m["venue"] == "Jeddah"
        m = only(nlp, "The third round of talks was held on Monday near the Belarusian town of Brest.")
        assert m["venue"] == "Brest"

    def test_the_capital_of_a_country_adjective(self, nlp):
        m = only(nlp, "Russian and US delegations held talks in the Saudi capital on Tuesday.")
        assert m["venue"] == "Riyadh"

    def test_a_city_then_its_region_is_the_city(self, nlp):
        m = only(nlp, "Trump and Putin met in Anchorage, Alaska, on Monday.")
        assert m["venue"] == "Anchorage"

    def test_place_before_the_talk_noun(self, nlp):
        m = only(nlp, "Both delegations praised the Jeddah talks held on Tuesday.")
        assert m["venue"] == "Jeddah"

    def test_place_of_another_event_is_not_the_venue(self, nlp):
        m = only(nlp, "Negotiators met on Monday for talks on ending the war in Ukraine.")
        assert m["venue"] is None
        m = only(nlp, "The delegations met on Monday, days after the massacre in Bucha shocked the world.")
        assert m["venue"] is None

    def test_no_venue_when_none_is_named(self, nlp):
        assert only(nlp, "A first round of talks took place on Monday.")["venue"] is None


# --- parties, level, round, status ----------------------------------------------------------
class TestAttributes:
    def test_parties_from_people(self, nlp):
        m = only(nlp, "Rubio and Lavrov held the first high-level talks of the war in Riyadh on February 18.",
                 published="2025-03-12")
        assert (m["parties"], m["level"], m["venue"]) == (["RU", "US"], "ministers", "Riyadh")

    def test_the_reporting_source_is_no_party(self, nlp):
        m = only(nlp, "Russian and Ukrainian delegations will hold a new round of talks in Istanbul on Wednesday, "
                      "Turkish Foreign Minister Hakan Fidan said on Monday.", published="2025-07-21")
        assert (m["parties"], m["date"], m["round"]) == (["RU", "UA"], "2025-07-23", None)

    def test_one_warring_side_gets_the_other(self, nlp):
        assert only(nlp, "Russian negotiators held talks on Monday.")["parties"] == ["RU", "UA"]

    def test_levels(self, nlp):
        assert only(nlp, "The foreign ministers of Ukraine and Russia met on Thursday.", THURSDAY)["level"] == "ministers"
        assert only(nlp, "The two leaders, Trump and Putin, met in Anchorage on Friday.", "2023-05-13")["level"] == "leaders"
        assert only(nlp, "Ukrainian and Russian delegations met on Monday.")["level"] == "delegations"
        assert only(nlp, "Trump's special envoy Steve Witkoff spent hours with Vladimir Putin in St Petersburg on "
                         "Friday, a meeting the Kremlin said focused on the conflict.")["level"] == "envoys"

    def test_round_ordinals(self, nlp):
        assert only(nlp, "The second round of talks between Moscow and Kyiv ended on Tuesday.")["round"] == 2
        m = only(nlp, "The meeting followed three rounds of talks between the two delegations in Belarus, the third "
                      "of which was held on Monday.")
        assert (m["round"], m["venue"], m["date"]) == (3, "Belarus", MONDAY)

    def test_elliptical_rounds_inherit_the_series(self, nlp):
        text = ("Direct talks between Russia and Ukraine, mediated by Turkey, resumed in Istanbul this spring. "
                "The first round, on May 16, produced a prisoner swap. At the second, on June 2, the sides agreed "
                "to return bodies. The third, on July 23, lasted less than an hour.")
        found = mentions(nlp, text, published="2023-08-16")
        assert [(m["date"], m["round"], m["venue"]) for m in found] == [
            ("2023-05-16", 1, "Istanbul"), ("2023-06-02", 2, "Istanbul"), ("2023-07-23", 3, "Istanbul")]
        assert all(m["parties"] == ["RU", "TR", "UA"] for m in found)

    def test_elliptical_round_takes_the_venue_nearest_to_the_series(self, nlp):
        text = ("Sybiha spoke to the Kyiv Post in Kyiv on Wednesday, two days after the second round of direct talks "
                "between Ukraine and Russia, hosted by Turkey at Istanbul's Ciragan Palace, ended. "
                "The first round, on May 16, produced a prisoner swap.")
        assert [m["venue"] for m in mentions(nlp, text, published="2023-06-04") if m["round"] == 1] == ["Istanbul"]

    def test_regrouped_and_reconvened_are_meetings(self, nlp):
        m = only(nlp, "Ukrainian and Russian delegations regrouped in Istanbul on Monday for a new round of talks.")
        assert (m["venue"], m["date"]) == ("Istanbul", MONDAY)

    def test_cancelled(self, nlp):
        m = only(nlp, "The summit between Trump and Putin planned for Thursday in Budapest was called off.")
        assert (m["status"], m["venue"], m["level"]) == ("cancelled", "Budapest", "leaders")

    def test_called_off_is_cancelled_not_a_call(self, nlp):
        m = only(nlp, "Russian and Ukrainian delegations were due to meet in Minsk on Friday, but the talks were "
                      "called off.", published=THURSDAY)
        assert (m["status"], m["date"]) == ("cancelled", "2023-05-12")

    def test_outcome(self, nlp):
        m = only(nlp, "The second round of talks between Moscow and Kyiv ended on Tuesday without a breakthrough.")
        assert m["outcome"] == "without a breakthrough"

    def test_provenance(self, nlp):
        text = "Fighting went on. Russian and Ukrainian delegations met on Monday.  Nothing else."
        m = only(nlp, text)
        assert text[m["start"]:m["end"]] == m["sentence"] == "Russian and Ukrainian delegations met on Monday."
        assert m["doc_id"] == "a.txt"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list("abcdeMTWFS ,.;:-'’()\n0123456789") + [
    " talks ", " met ", " round ", " on Monday ", " March 3 ", " the third ", " in Istanbul ", " Russian ",
    " Ukrainian ", " said ", " after ", " of which ", "ISTANBUL (X) - ", " hosted ", " delegations ", " the ",
    " Putin ", " Trump's ", " envoy ", " region ", " White House ", " phone ", " planned for "]), max_size=60)
    .map("".join))
def test_arbitrary_text_never_raises(nlp, text):
    for published in (WEDNESDAY, None, "2023-05"):
        for m in mentions(nlp, text, published):
            assert m["status"] in {"held", "planned", "cancelled"}
            assert text[m["start"]:m["end"]] == m["sentence"]


# --- consolidation -------------------------------------------------------------------------
def row(doc_id, date, *, parties=("RU", "UA"), venue=None, round=None, status="held", level="delegations",
        weak=False, precision=None, sentence="s"):
    return {"doc_id": doc_id, "date": date, "precision": precision or ("day" if len(date) == 10 else "month"),
            "status": status, "venue": venue, "parties": list(parties), "level": level, "round": round,
            "outcome": None, "sentence": sentence, "start": 0, "end": 1, "weak": weak}


class TestConsolidation:
    def test_empty_input(self):
        out = consolidate_talks(pd.DataFrame())
        assert out.empty
        for column in ("talk_id", "date", "status", "venue", "level", "parties", "round", "doc_ids", "evidence"):
            assert column in out.columns

    def test_same_event_in_two_articles(self):
        out = consolidate_talks(pd.DataFrame([
            row("b.txt", "2022-03-10", venue="Turkey", status="planned", level="ministers"),
            row("a.txt", "2022-03-10", venue="Antalya", parties=("RU", "TR", "UA"), level="ministers")]))
        assert len(out) == 1
        event = out.iloc[0]
        assert (event["venue"], event["status"], event["doc_ids"], event["parties"]) == (
            "Antalya", "held", ["a.txt", "b.txt"], ["RU", "TR", "UA"])

    def test_one_day_apart_is_the_same_event(self):
        out = consolidate_talks(pd.DataFrame([row("a.txt", "2022-03-29"), row("b.txt", "2022-03-30")]))
        assert len(out) == 1

    def test_two_meetings_in_one_week_stay_apart(self):
        out = consolidate_talks(pd.DataFrame([
            row("a.txt", "2022-02-28", venue="Belarus", round=1), row("a.txt", "2022-03-03", venue="Belarus", round=2),
            row("b.txt", "2022-03-03", venue="Belarus")]))
        assert list(out["date"]) == ["2022-02-28", "2022-03-03"]
        assert list(out["n_mentions"]) == [1, 2]

    def test_contradicting_venue_or_round_or_parties_stay_apart(self):
        out = consolidate_talks(pd.DataFrame([
            row("a.txt", "2025-08-15", venue="Anchorage", parties=("RU", "US")),
            row("b.txt", "2025-08-15", venue="Istanbul"),
            row("c.txt", "2025-08-15", parties=("UA", "TR"), venue="Anchorage")]))
        assert len(out) == 3
        rounds = consolidate_talks(pd.DataFrame([row("a.txt", "2022-03-03", round=2), row("b.txt", "2022-03-03", round=3)]))
        assert len(rounds) == 2

    def test_month_precise_mention_joins_the_event_at_its_venue(self):
        out = consolidate_talks(pd.DataFrame([
            row("a.txt", "2022-03-10", parties=("RU", "TR", "UA")), row("b.txt", "2022-03-29", venue="Istanbul"),
            row("c.txt", "2022-03", venue="Istanbul")]))
        assert list(out["doc_ids"]) == [["a.txt"], ["b.txt", "c.txt"]]

    def test_month_precise_mention_joins_the_day_event(self):
        out = consolidate_talks(pd.DataFrame([
            row("a.txt", "2022-02-28", round=1), row("a.txt", "2022-02-10", round=None, venue="Minsk"),
            row("b.txt", "2022-02", round=1)]))
        first = out[out["round"] == 1].iloc[0]
        assert (first["date"], first["doc_ids"]) == ("2022-02-28", ["a.txt", "b.txt"])
        assert len(out) == 2

    def test_month_precise_alone_is_its_own_event(self):
        out = consolidate_talks(pd.DataFrame([row("a.txt", "2023-04", status="held")]))
        assert list(out["date"]) == ["2023-04"]

    def test_weak_mention_joins_despite_venue_and_never_sets_it(self):
        out = consolidate_talks(pd.DataFrame([
            row("a.txt", "2025-08-15", venue="Anchorage", parties=("RU", "US"), level="leaders"),
            row("a.txt", "2025-08-16", venue="Alaska", parties=("RU", "UA"), weak=True)]))
        assert len(out) == 1
        assert (out.iloc[0]["venue"], out.iloc[0]["date"], out.iloc[0]["parties"]) == ("Anchorage", "2025-08-15",
                                                                                      ["RU", "US"])

    def test_status_held_wins_then_cancelled(self):
        out = consolidate_talks(pd.DataFrame([row("a.txt", "2022-03-03", status="planned"),
                                              row("b.txt", "2022-03-03", status="cancelled")]))
        assert out.iloc[0]["status"] == "cancelled"

    def test_ids_are_stable_and_order_independent(self):
        rows = [row("a.txt", "2022-03-10", venue="Antalya"), row("b.txt", "2022-03-29", venue="Istanbul"),
                row("c.txt", "2022-03-10")]
        one = consolidate_talks(pd.DataFrame(rows))
        two = consolidate_talks(pd.DataFrame(list(reversed(rows))))
        pd.testing.assert_frame_equal(one, two)
        assert one["talk_id"].is_unique and one["round"].dtype == "Int64"

    def test_accepts_nan_and_string_lists(self):
        frame = pd.DataFrame([row("a.txt", "2022-03-10")])
        frame.loc[0, "round"] = float("nan")
        frame["parties"] = ["RU,UA"]
        out = consolidate_talks(frame)
        assert out.iloc[0]["parties"] == ["RU", "UA"] and pd.isna(out.iloc[0]["round"])


def test_end_to_end_two_articles(nlp):
    first = mentions(nlp, "Russian and Ukrainian delegations met in Belarus on Monday.", "2022-02-28", "x.txt")
    second = mentions(nlp, "Ukrainian and Russian delegations held a second round of talks in Belarus on Thursday, "
                           "three days after the first round on Monday.", "2022-03-03", "y.txt")
    out = consolidate_talks(pd.DataFrame(first + second))
    assert [(r.date, r.round, tuple(r.doc_ids)) for r in out.itertuples()] == [
        ("2022-02-28", 1, ("x.txt", "y.txt")), ("2022-03-03", 2, ("y.txt",))]


@pytest.mark.parametrize("published", ["not a date", "", "2023-13-45"])
def test_bad_article_dates_are_treated_as_unknown(nlp, published):
    assert mentions(nlp, "Russian and Ukrainian delegations met in Istanbul on Tuesday.", published) == []


PREFIX_WORDS = ["since", "until", "by", "before", "throughout", "the", "THE", "end", "beginning", "of", "scheduled",
                "ſet", "for", "due", "x-since", "talks", "a", " ", "  ", "\n", "\u00a0", "-", ","]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PREFIX_WORDS), max_size=12).map("".join))
def test_prefix_tests_search_only_the_tail(text):
    """The range/deadline/target tests before a date search only the last words: the same
    answer as searching the whole text."""
    for rx, words in ((RANGE_PREFIX, 2), (TARGET_PREFIX, 3), (DEADLINE_PREFIX, 4)):
        assert _ends_with(rx, text, words) == bool(rx.search(text))


def test_negotiations_before_this_war_are_no_events(nlp):
    text = "Armistice negotiations began in July 1951 and took two years. Delegations met in Istanbul on Monday."
    assert [m["date"] for m in mentions(nlp, text)] == ["2023-05-08"]
