"""Reporting clauses and claimant resolution of analysis.claimants."""
from __future__ import annotations

import pytest

from analysis.claimants import ClaimHistory, claimant_for, reporting_clauses
from analysis.gazetteer import default_gazetteer


def _claimants(nlp, text, word):
    """Claimant of the first token ``word`` in each sentence that has it, in order."""
    gaz = default_gazetteer()
    history = ClaimHistory()
    out = []
    for sent in nlp(text).sents:
        clauses = reporting_clauses(sent, gaz)
        for tok in sent:
            if tok.text == word:
                actor = claimant_for(tok.i, tok.i + 1, sent, clauses, history)
                out.append(actor.name if actor else None)
                break
        history.add_sentence(clauses)
    return out


def test_subject_before_the_verb_across_adverbials(nlp):
    assert _claimants(nlp, "NATO last week put the figure at 7,000.", "7,000") == ["NATO"]
    assert _claimants(nlp, "The Russian defence ministry has been forced to admit that 498 died.", "498") == [
        "Russian defence ministry"]


def test_relative_clause_and_apposition(nlp):
    text = "Russia's defence ministry, which acknowledged on Wednesday that 498 had died, said 2,870 had died."
    assert _claimants(nlp, text, "498") == ["Russian defence ministry"]
    assert _claimants(nlp, text, "2,870") == ["Russian defence ministry"]
    text = "Britain's chief of the defence staff, Admiral Sir Tony Radakin, said that 1,500 died."
    assert _claimants(nlp, text, "1,500") == ["Tony Radakin"]


def test_according_to_wins(nlp):
    assert _claimants(nlp, "Zelenskyy spoke as 3.8 million had fled, according to the UN refugee agency.",
                      "3.8") == ["UN refugee agency"]


def test_trailing_attribution_needs_a_comma_or_quote(nlp):
    assert _claimants(nlp, "Seven died, the governor said.", "Seven") == ["governor"]
    assert _claimants(nlp, "“The toll is 12,” Ukraine's State Emergency Service said.", "12") == [
        "Ukraine's State Emergency Service"]
    assert _claimants(nlp, "Missiles kill 34 as Trump says Russia erred", "34") == [None]


def test_anaphors_resolve_by_kind_and_head_noun(nlp):
    text = ("Kharkiv governor Oleh Syniehubov said 5 died. Ukraine's State Emergency Service said 7 died. "
            "She said 9 died. The service said 11 died.")
    assert _claimants(nlp, text, "9") == ["Oleh Syniehubov"]
    assert _claimants(nlp, text, "11") == ["Ukraine's State Emergency Service"]


def test_places_and_unknown_organisations_speak(nlp):
    assert _claimants(nlp, "Kyiv had said last month that 2,598 came home.", "2,598") == ["Kyiv"]
    assert _claimants(nlp, "UNICEF said 500 children had died.", "500") == ["UNICEF"]
    assert _claimants(nlp, "The International Organization for Migration said 5 million were displaced.", "5") == [
        "International Organization for Migration"]


@pytest.mark.parametrize("text, word, claimant", [
    # 'according to' a place's official or a role: the person
    ("Shelling killed 3 people, according to Sumy governor Volodymyr Artiukh.", "3", "Volodymyr Artiukh"),
    ("Four died, according to the head of the Odesa region, Oleh Kiper.", "Four", "Oleh Kiper"),
    ("The enemy lost 70 troops, according to Russian defence ministry spokesman Lt. Gen. Igor Konashenkov.", "70",
     "Igor Konashenkov"),
    ("Six died, according to Kyiv's military administration.", "Six", "Kyiv's military administration"),
    # a title abbreviation before a trailing name
    ("A strike wounded 8 people, regional Gov. Serhiy Lysak said.", "8", "Serhiy Lysak"),
    # an aside or a bracketed acronym between subject and verb
    ("Ukraine's interior ministry, in a statement on Friday, said 40 people had died.", "40",
     "Ukrainian interior ministry"),
    ("The International Committee of the Red Cross (ICRC) has verified 23,000 missing people.", "23,000",
     "International Committee of the Red Cross"),
    # owners and nouns of institutions
    ("By March, 200 had fled, the UN's migration agency estimated.", "200", "UN's migration agency"),
    ("Nine are missing, the Russian-installed authorities said.", "Nine", "Russian-installed authorities"),
    # appositions without an article, and the person before 'head of the …'
    ("Oleh Kiper, governor of the Odesa region, said that 5 people were hurt.", "5", "Oleh Kiper"),
    ("Ivan Fedorov, head of the regional military administration, said 6 people died.", "6", "Ivan Fedorov"),
    ("Six died, according to emergency services.", "Six", "emergency services"),
    ("The defence ministry itself reported that 9 soldiers died.", "9", "defence ministry"),
    # a described institution refers back only to one with its head noun
    ("Western officials said 3 died. A drone killed nine people, the regional administration said.", "nine",
     "regional administration"),
    ("The Polish Border Guard said 900 had crossed. On Friday alone, 97,000 people crossed, it said.", "97,000",
     "Border Guard"),
    # bare 'officials' refers back only to officials
    ("The UN refugee agency said 90 had fled. A strike killed 4 people, officials said.", "4", "officials"),
    ("Ukrainian officials said 5 died. Two more were injured, officials said.", "Two", "Ukrainian officials"),
])
def test_claimant_of_the_figure(nlp, text, word, claimant):
    assert _claimants(nlp, text, word)[-1] == claimant


def test_the_one_told_is_no_source(nlp):
    assert _claimants(nlp, "He raised the toll, telling CNN that 31,000 soldiers had died.", "31,000") != ["CNN"]
    assert _claimants(nlp, "At least 31,000 soldiers died, said CNN.", "31,000") == ["CNN"]


def test_no_attribution(nlp):
    assert _claimants(nlp, "Twelve people were killed on Monday.", "Twelve") == [None]


def test_history_finds_deferred_clauses_only_when_an_anaphor_looks_back(nlp):
    """Sentences added with add_sentence_later resolve anaphors exactly like add_sentence."""
    gaz = default_gazetteer()
    text = ("Kharkiv governor Oleh Syniehubov said 5 died. Ukraine's State Emergency Service said 7 died. "
            "Nothing else happened. She said 9 died. The service said 11 died.")
    sents = list(nlp(text).sents)
    calls = []

    def deferred(sent):
        calls.append(sent.start)
        return reporting_clauses(sent, gaz)

    history = ClaimHistory()
    for sent in sents[:3]:
        history.add_sentence_later(lambda sent=sent: deferred(sent))
    assert calls == []
    clauses = reporting_clauses(sents[3], gaz)
    nine = next(t.i for t in sents[3] if t.text == "9")
    assert claimant_for(nine, nine + 1, sents[3], clauses, history).name == "Oleh Syniehubov"
    assert sorted(calls) == [s.start for s in sents[:3]]
