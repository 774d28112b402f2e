"""Topic and stance cues of an attributed clause (analysis.stance)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.stance import LexiconError, compile_pattern, context_topic, find_stances, load_lexicon


def positions(text: str, **kwargs) -> set[tuple[str, int]]:
    return {(h.topic, h.stance) for h in find_stances(text, **kwargs)}


@pytest.mark.parametrize("text, expected", [
    # negotiations
    ("Moscow was ready to sit down for talks with Kyiv", ("negotiations", 1)),
    ("the ministry remained open to dialogue", ("negotiations", 1)),
    ("the president has ruled out peace talks with the Kremlin", ("negotiations", -1)),
    ("talks with the other side were pointless", ("negotiations", -1)),
    # ceasefire
    ("the minister called for an immediate truce", ("ceasefire", 1)),
    ("a lasting ceasefire was needed", ("ceasefire", 1)),
    ("the army will not pause its offensive", ("ceasefire", -1)),
    ("the country was ready to fight for as long as it took", ("ceasefire", -1)),
    # agreement
    ("the government is ready to sign a peace deal", ("agreement", 1)),
    ("the delegation rejected the draft agreement", ("agreement", -1)),
    ("our sovereignty is not up for negotiation", ("agreement", -1)),
    ("Kyiv would not give up any territory", ("agreement", -1)),
    # western support
    ("the allies called for tougher sanctions on the regime", ("western_support", 1)),
    ("the chancellor was prepared to send Taurus missiles to Ukraine", ("western_support", 1)),
    ("the ministry condemned Western arms supplies", ("western_support", -1)),
    ("sending long-range missiles would be a dangerous escalation", ("western_support", -1)),
    ("the army badly needed more artillery shells", ("western_support", 1)),
    ("the front is ready to stop shooting at dawn", ("ceasefire", 1)),
    ("the envoy floated a truce over the holidays", ("ceasefire", 1)),
    ("Washington will resume security assistance", ("western_support", 1)),
    ("the senator threatened secondary tariffs", ("western_support", 1)),
    ("we want to keep talking", ("negotiations", 1)),
    ("Moscow is ready to open direct talks", ("negotiations", 1)),
    ("the decree declares the impossibility of any negotiations", ("negotiations", -1)),
    ("arming Kyiv will only prolong the bloodshed", ("western_support", -1)),
    ("any such pact would be a dirty deal", ("agreement", -1)),
    ("he ruled out withdrawing Ukrainian troops from the east", ("agreement", -1)),
    ("there will be no compromise on our territorial integrity", ("agreement", -1)),
    ("the offer of a ceasefire remains on the table", ("ceasefire", 1)),
    ("sanctions on Russia must be maintained", ("western_support", 1)),
    ("there will be no freezing of the war", ("ceasefire", -1)),
    ("we will never accept a frozen conflict", ("ceasefire", -1)),
    ("any truce was out of the question", ("ceasefire", -1)),
    ('the shelling "must stop" now', ("ceasefire", 1)),
    ("the time has come for a truce", ("ceasefire", 1)),
    ("Kyiv would not withdraw from the remaining parts of Donbas", ("agreement", -1)),
    ("we are very close to a deal", ("agreement", 1)),
    ("the draft was a good basis for a settlement", ("agreement", 1)),
    ("the proposals could form the basis of future agreements", ("agreement", 1)),
    ("Moscow rejected the so-called peace formula", ("agreement", -1)),
    ("he would meet his counterpart as soon as possible", ("negotiations", 1)),
    ("all sides should create conditions for the resumption of direct dialogue", ("negotiations", 1)),
    ("the idea that more weapons would bring victory was a fantasy", ("western_support", -1)),
    ("Berlin would double its military aid to Ukraine", ("western_support", 1)),
    ("supplies of weapons only prolong the agony", ("western_support", -1)),
    ("Beijing restated its opposition to unilateral sanctions", ("western_support", -1)),
    ("Hungary will not arm Ukraine", ("western_support", -1)),
    ("Washington will no longer fund Kyiv", ("western_support", -1)),
    ("taxpayers would no longer finance the Ukrainian conflict", ("western_support", -1)),
    ("the US would no longer foot the bill for weapons for Ukraine", ("western_support", -1)),
    ("we should not be writing another blank cheque for Kyiv", ("western_support", -1)),
    ("the sanctions are an unfriendly act", ("western_support", -1)),
    ("the new sanctions will put real pressure on Moscow", ("western_support", 1)),
    ("the bloc will adopt a 20th package of sanctions", ("western_support", 1)),
    ("he urged Western governments to impose an embargo on Russian oil", ("western_support", 1)),
    ("Ankara was ready to host a meeting of the two leaders", ("negotiations", 1)),
    ("today there is nothing to negotiate with the Kremlin", ("negotiations", -1)),
    ("there was no point in resuming the Istanbul format of delegation talks", ("negotiations", -1)),
    ("Europe should find a way to talk to Putin again", ("negotiations", 1)),
    ("Western arms deliveries were a danger to Europe", ("western_support", -1)),
    ("Turkey was ready to host further rounds", ("negotiations", 1)),
    ("Kyiv would not withdraw its troops from its own land", ("agreement", -1)),
    ("Kyiv would not recognise any agreements reached without it", ("agreement", -1)),
    ("Moscow saw no point in three-way meetings", ("negotiations", -1)),
    ("she called on Europe to follow with equally tough measures", ("western_support", 1)),
    ("I think we have a deal with them", ("agreement", 1)),
    ("both armies should stop where they are", ("ceasefire", 1)),
    ("he wanted to move quickly to a three-way meeting", ("negotiations", 1)),
    ("there were no conditions for peace talks at present", ("negotiations", -1)),
    ("she called on the EU to include the state nuclear company in its next sanctions package",
     ("western_support", 1)),
])
def test_each_topic_and_both_stances(text, expected):
    assert expected in positions(text)


@pytest.mark.parametrize("text", ["we don't have a deal yet", "there is nothing to talk about here",
                                  "Turkey was ready to host talks between Russia, Ukraine and the UN on an "
                                  "international investigation into the dam's destruction"])
def test_no_position(text):
    assert positions(text) == set()


@pytest.mark.parametrize("text, expected", [
    ("I see no reason why we cannot continue the negotiations", ("negotiations", 1)),
    ("he saw no reason not to continue talks", ("negotiations", 1)),
    ("Moscow will not pause military action", ("ceasefire", -1)),
    ("the team is not ready for talks", ("negotiations", -1)),
    ("Russia did not rule out contacts with the envoys", ("negotiations", 1)),
    ("the leader ruled out peace talks", ("negotiations", -1)),
    ("we do not intend to pause hostilities", ("ceasefire", -1)),
    ("there would be no pause in the fighting", ("ceasefire", -1)),
    ("I don't see any pressure on Russia", ("western_support", 1)),
    ("we will never negotiate with them", ("negotiations", -1)),
    ("the bloc will not ease sanctions on Moscow", ("western_support", 1)),
    ("the Kremlin rejected a complete and unconditional truce", ("ceasefire", -1)),
])
def test_negation_and_modality_inside_the_clause(text, expected):
    assert positions(text) == {expected}


def test_talks_about_the_war_still_count_next_to_side_topics():
    assert positions("there is no sense in talking to Washington about ending the war") == {("negotiations", -1)}
    assert positions("Kyiv rejected the plan to freeze the front line") == {("agreement", -1)}


def test_a_judgement_given_with_as_is_the_position():
    assert positions("the spokesman dismissed the talks as pointless") == {("negotiations", -1)}
    assert positions("the minister described the talks as useful") == {("negotiations", 1)}


def test_a_conjoined_term_shares_the_predicate():
    assert positions("Beijing called for a truce and the resumption of peace talks") == {
        ("ceasefire", 1), ("negotiations", 1)}
    assert positions("the envoy did not ask for a ceasefire or new negotiations") == {
        ("ceasefire", -1), ("negotiations", -1)}


def test_only_coordinated_modifiers_widen_the_gap_to_the_term():
    assert positions("it was Moscow that needed to move forward in negotiations") == set()


def test_negation_reaches_only_the_next_predicate_or_term():
    found = positions("Moscow will not pause its offensive during the next rounds of talks")
    assert found == {("ceasefire", -1)}


@pytest.mark.parametrize("text", [
    "the next meeting would be held if there were prospects for a substantive discussion",
    "the meeting produced no agreement on a ceasefire",
    "he described the prisoner deal as the largest exchange",
    "they failed to reach a deal on the grain corridor",
    "the two leaders held a phone call on Monday",
    "he did not spell out the elements of the deal",
    "talks would continue so long as a final agreement is not reached",
    "there is no sense in talking to Washington about nuclear arms control",
    "Moscow remains open to talks on strategic stability",
    "the president had no plans to attend the forum",
])
def test_conditions_and_outcome_reports_take_no_position(text):
    assert not {p for p in positions(text) if p[0] in ("agreement", "ceasefire")} or "continue" in text


def test_conditional_clause_is_masked_but_the_main_clause_counts():
    assert positions("If you cannot close the sky, then give me planes") == {("western_support", 1)}
    assert positions("there will be no pause so long as a final agreement is not reached") == {("ceasefire", -1)}


def test_imperative_is_a_call():
    assert positions("Sit down with me to negotiate") == {("negotiations", 1)}
    assert positions("Stop the attacks now") == {("ceasefire", 1)}


def test_accusation_inverts_the_accused_action():
    assert positions("accused the West of arming Ukraine", mode="accusation") == {("western_support", -1)}
    assert positions("complained that Moscow had rejected calls for a truce", mode="accusation") == {("ceasefire", 1)}


def test_evaluations_are_not_inverted_by_accusation():
    found = positions('accused Kyiv of tabling an "unacceptable" draft peace deal', mode="accusation")
    assert found == {("agreement", -1)}


def test_judgement_takes_its_topic_from_the_previous_sentence():
    context = "The army said the enemy had fired US-made ATACMS missiles at a depot."
    assert positions("This is a signal that they want to escalate", context=context) == {("western_support", -1)}
    assert positions("This is a signal that they want to escalate") == set()


def test_proposal_topic_from_qualifier_or_context():
    assert positions("welcomed the proposal for a 30-day truce") == {("ceasefire", 1)}
    assert positions("accepted the idea of a three-way meeting") == {("negotiations", 1)}
    context = "The envoy said Moscow was demanding the whole of the eastern region."
    assert positions("rejected the idea", context=context) == {("agreement", -1)}
    assert context_topic("Officials hoped Moscow would accept the ceasefire offer.") == "ceasefire"


def test_nested_words_of_someone_else_are_excluded():
    text = "calls by the envoy for the bloc to continue arming Kyiv marked a serious U-turn"
    nested = ((0, text.index(" marked")),)
    assert positions(text, exclude=nested) == {("western_support", -1)}


def test_hit_offsets_point_into_the_text():
    text = "He said Russia was ready to continue contacts."
    (hit,) = find_stances(text)
    assert text[hit.start:hit.end] == hit.cue and "continue contacts" in hit.cue


def test_compile_pattern_spaces_and_gaps():
    rx = compile_pattern("stop {G2}attacks")
    assert rx.search("to STOP  the   attacks now")
    assert not rx.search("stopwatch attacks")


def test_user_lexicon_extends_the_bundled_one(tmp_path):
    user = tmp_path / "stance_lexicon.json"
    user.write_text(json.dumps({"phrases": [{"pattern": "peace through strength", "topic": "western_support",
                                             "stance": 1}]}))
    lexicon = load_lexicon(user=user)
    assert positions("he spoke of peace through strength", lexicon=lexicon) == {("western_support", 1)}
    assert positions("he spoke of peace through strength") == set()


def test_malformed_lexicon_raises(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"terms": {"weather": [{"pattern": "rain"}]}, "predicates": [],
                               "proposals": {"pattern": "offer"}, "negators": "not"}))
    with pytest.raises(LexiconError):
        load_lexicon(bad, user=None)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(LexiconError):
        load_lexicon(broken, user=None)


def test_bad_patterns_raise_when_the_lexicon_loads():
    for pattern in ("(?:talks", "talks{2,1}", "(?<=peace|ceasefire) talks"):  # the last: a look-behind's width
        with pytest.raises(LexiconError, match="bad lexicon pattern"):
            compile_pattern(pattern)


def test_bundled_patterns_all_compile():
    """Patterns are compiled when first used: every bundled one must compile."""
    lexicon = load_lexicon(user=None)
    rules = (*lexicon.terms, *lexicon.predicates, *lexicon.phrases, *lexicon.evaluations)
    for rx in (lexicon.negators, lexicon.proposal, *lexicon.masks, *(rule.rx for rule in rules)):
        rx.compile()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text_never_raises(text):
    for hit in find_stances(text, context=text[:50]):
        assert hit.stance in (-1, 1)
        assert 0 <= hit.start <= hit.end <= len(text)


@pytest.mark.parametrize("text, expected", [
    # western support: commitments, refusals and judgements in news phrasing
    ("the government would supply Ukraine with a modern air defence system", ("western_support", 1)),
    ("the country would not send a single bullet to the front", ("western_support", -1)),
    ("the capital should stop funding this endless war", ("western_support", -1)),
    ("the administration is done funding the war", ("western_support", -1)),
    ("this crisis cannot be solved by sanctions", ("western_support", -1)),
    ("we have not joined the sanctions", ("western_support", -1)),
    ("our answer is more support for Ukraine", ("western_support", 1)),
    ("the bloc will keep supporting them with weapons and money", ("western_support", 1)),
    ("he urged the parliament to unblock the financial aid", ("western_support", 1)),
    ("the pressure on Moscow must go up", ("western_support", 1)),
    ("sending allied troops to the country cannot be ruled out", ("western_support", 1)),
    ("any foreign troops there would be legitimate targets", ("western_support", -1)),
    ("every new package of Western weapons only prolongs the agony", ("western_support", -1)),
    # negotiations
    ("the union must re-engage directly with Russia", ("negotiations", 1)),
    ("the continent cannot be absent from the table", ("negotiations", 1)),
    ("we are ready to sit at the table", ("negotiations", 1)),
    ("it was the most productive and meaningful meeting so far", ("negotiations", 1)),
    ("the team was ready to continue talking", ("negotiations", 1)),
    ("I'd meet him tomorrow", ("negotiations", 1)),
    ("talk of negotiations at this point is a trap", ("negotiations", -1)),
    ("anyone who wants to talk to Putin today is giving Putin a gift", ("negotiations", -1)),
    # ceasefire and agreement
    ("we call on both sides to silence the guns", ("ceasefire", 1)),
    ("Moscow cannot accept several of the amendments", ("agreement", -1)),
    ("we will never sign a document that cedes the region", ("agreement", -1)),
    ("Russia is ready to sign documents that respect its interests", ("agreement", 1)),
    ("Ukrainians will not gift their land to the occupier", ("agreement", -1)),
    ("a deal is now within reach", ("agreement", 1)),
    # second round
    ("the new sanctions package would hit the Europeans themselves", ("western_support", -1)),
    ("the treasury is sanctioning Russian oil companies", ("western_support", 1)),
    ("the pressure on Moscow was working", ("western_support", 1)),
    ("this plan rewards aggression", ("agreement", -1)),
    ("the troops would keep advancing", ("ceasefire", -1)),
    ("the killing had to stop", ("ceasefire", 1)),
    ("our strikes will continue until the goals are achieved", ("ceasefire", -1)),
    ("now is not the time to let up the pressure on Moscow", ("western_support", 1)),
])
def test_news_phrasings_of_each_topic(text, expected):
    assert expected in positions(text)
    assert (expected[0], -expected[1]) not in positions(text)


@pytest.mark.parametrize("text", [
    "where will the thousands of MANPADS go next?",  # a question, not a commitment
    "the aid would help Ukraine rearm",  # not a position on Western support by itself
    "the sanctions Russia faces are a burden",  # a noun, not 'sanctioning Russia'
    "Moscow demands the withdrawal of NATO forces from Eastern Europe",  # no call to send them
])
def test_no_western_support_position(text):
    assert not {p for p in positions(text) if p[0] == "western_support"}


def test_a_term_after_and_inside_quotes_shares_the_predicate():
    assert positions('India supports an immediate ceasefire and "direct dialogue between the two"') == {
        ("ceasefire", 1), ("negotiations", 1)}


def test_a_modal_predicate_of_one_topic_leaves_room_for_another():
    # 'would' reads for ceasefire and, before a supply verb, for Western support
    assert ("western_support", 1) in positions("Berlin would supply Kyiv with more tanks")
