"""Casualty figures (annotation guide §2) on sentences written for these tests."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.casualties import CASUALTY_COLUMNS, extract_casualties


def rows_of(nlp, text):
    doc = nlp(text)
    rows = extract_casualties(doc, doc_id="t.txt")
    for row in rows:
        assert doc.text[row["start"]:row["end"]] == row["figure"]
    return rows


def figures(nlp, text):
    """(value, category) of every row."""
    return [(r["value"], r["category"]) for r in rows_of(nlp, text)]


def one(nlp, text):
    rows = rows_of(nlp, text)
    assert len(rows) == 1, rows
    return rows[0]


# ----------------------------------------------------------------------------- columns

def test_columns_and_extras(nlp):
    row = one(nlp, "At least 12 people were killed in Kharkiv, the governor said.")
    assert list(CASUALTY_COLUMNS) == ["doc_id", "value", "value_high", "vague", "category", "side",
                                      "population", "qualifier", "claimed_by", "sentence", "start", "end"]
    assert set(CASUALTY_COLUMNS) <= set(row)
    assert row["doc_id"] == "t.txt" and row["figure"] == "12"
    assert row["sentence"] == "At least 12 people were killed in Kharkiv, the governor said."
    assert (row["sentence_start"], row["sentence_end"]) == (0, len(row["sentence"]))


def test_sentence_is_verbatim_and_offsets_are_document_offsets(nlp):
    text = "Talks resumed.\n\nLater, seven soldiers were wounded near Bakhmut."
    row = one(nlp, text)
    assert row["sentence"] == "Later, seven soldiers were wounded near Bakhmut."
    assert text[row["start"]:row["end"]] == "seven"
    assert text[row["sentence_start"]:row["sentence_end"]] == row["sentence"]


# ----------------------------------------------------------------------------- number forms

@pytest.mark.parametrize("text, value, high, vague", [
    ("Officials said 1,597 soldiers were wounded.", 1597, None, False),
    ("Some 4.5 million people have fled the country.", 4_500_000, None, False),
    ("Eleven people were injured.", 11, None, False),
    ("A dozen people were killed.", 12, None, False),
    ("Two hundred civilians died.", 200, None, False),
    ("Around 1.05 million soldiers were killed or wounded.", 1_050_000, None, False),
    ("Between 10 and 15 people were killed.", 10, 15, False),
    ("10-15 people were killed.", 10, 15, False),
    ("An estimated 7,000 to 15,000 soldiers died.", 7000, 15000, False),
    ("The strikes have killed dozens of civilians.", 12, None, True),
    ("The shelling killed hundreds of people.", 100, None, True),
    ("The war has killed thousands of people.", 1000, None, True),
    ("The war has killed tens of thousands of people.", 10_000, None, True),
    ("The war forced millions from their homes.", 1_000_000, None, True),
    ("One million refugees crossed into Poland.", 1_000_000, None, False),
])
def test_number_forms(nlp, text, value, high, vague):
    row = one(nlp, text)
    assert (row["value"], row["value_high"], row["vague"]) == (value, high, vague)


# ----------------------------------------------------------------------------- categories

@pytest.mark.parametrize("text, category", [
    ("Five people were killed overnight.", "killed"),
    ("Five people died in the blast.", "killed"),
    ("The blast left five people dead.", "killed"),
    ("Officials reported 40 deaths.", "killed"),
    ("The death toll has risen to 31.", "killed"),
    ("Twenty-three people lost their lives.", "killed"),
    ("Rescuers found the bodies of 9 residents.", "killed"),
    ("Nine people were wounded.", "wounded"),
    ("Nine people were injured.", "wounded"),
    ("Doctors treated 30 injuries.", "wounded"),
    ("The number of wounded rose to 45.", "wounded"),
    ("Three people are missing after the strike.", "missing"),
    ("Five soldiers were captured near the river.", "captured"),
    ("Two soldiers were taken prisoner.", "captured"),
    ("The sides swapped 90 prisoners of war.", "captured"),
    ("Kyiv said 75 POWs came home.", "captured"),
    ("Police detained 14 protesters and 20 civilians.", "captured"),
    ("The officials said 300 of their citizens were released from captivity.", "captured"),
    ("Officials said 120 people had been brought home through swaps.", "captured"),
    ("Some 40,000 people were forced from their homes.", "displaced"),
    ("About 3 million people are displaced inside the country.", "displaced"),
    ("Nearly 5 million people are still uprooted within their own country.", "displaced"),
    ("More than 6 million refugees are registered in Europe.", "refugees"),
    ("Two million people have fled Ukraine.", "refugees"),
    ("Two million people have fled the country.", "refugees"),
    ("Some 800,000 had sought refuge abroad.", "refugees"),
    ("The army lost 500 soldiers killed or wounded in a week.", "casualties"),
    ("The brigade suffered 300 casualties.", "casualties"),
    ("Russian losses of 900 troops were reported.", "casualties"),
    ("About 13,000 residents of the border districts have been evacuated.", "displaced"),
    ("Rescue crews evacuated some 3,800 people from the flooded districts.", "displaced"),
    ("Authorities evacuated 3,000 people from the town.", "displaced"),  # forced from their homes
    ("Twelve soldiers laid down their arms near the village.", "captured"),
])
def test_categories(nlp, text, category):
    rows = rows_of(nlp, text)
    assert rows and rows[0]["category"] == category, rows


@pytest.mark.parametrize("text", [
    "No one was killed in the attack.",
    "None of the 30 passengers were injured.",
    "Twelve people were not hurt when the roof fell.",
    "About 300 civilians could be killed if the offensive goes ahead.",
    "The strike could kill 1,000 people, the UN warned.",
    "Dozens of children were evacuated from the school to a shelter.",
    "Medics evacuated 40 patients to a hospital in Lviv.",
])
def test_negated_or_hypothetical_figures_are_not_casualties(nlp, text):
    assert rows_of(nlp, text) == []


def test_coordinated_figures_share_the_verb(nlp):
    rows = rows_of(nlp, "498 Russian soldiers have been killed and 1,597 wounded, the ministry said.")
    assert [(r["value"], r["category"], r["side"], r["population"]) for r in rows] == [
        (498, "killed", "russian", "military"), (1597, "wounded", "russian", "military")]


@pytest.mark.parametrize("text, expected", [
    ("Seven people have been killed and 22 injured in Kharkiv.", [(7, "killed"), (22, "wounded")]),
    ("Thirty people were killed and 88 wounded.", [(30, "killed"), (88, "wounded")]),
    ("The toll rose to 12 dead, with 33 people injured.", [(12, "killed"), (33, "wounded")]),
    ("Officials counted 1,151 civilian deaths and 1,824 injuries.", [(1151, "killed"), (1824, "wounded")]),
    ("The strike killed at least 18 people and left 36 missing.", [(18, "killed"), (36, "missing")]),
    ("The officials said 2,870 enemy troops and 'mercenaries' had been killed.", [(2870, "killed")]),
])
def test_coordinated_figures(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, value, category", [
    ("The death toll is 12, officials said.", 12, "killed"),
    ("Casualties rose to 50 on Monday.", 50, "casualties"),
    ("The number of people killed in the strike has risen to 34.", 34, "killed"),
    ("The British government puts the number of Russian troops killed or injured at 700,000.", 700_000, "casualties"),
    ("Among the freed Ukrainians were seven marines.", 7, "captured"),
])
def test_measure_phrases(nlp, text, value, category):
    assert figures(nlp, text) == [(value, category)]


def test_passive_victims_are_not_attackers(nlp):
    rows = rows_of(nlp, "Two Ukrainian soldiers were killed, and five people were wounded.")
    assert [(r["value"], r["side"]) for r in rows] == [(2, "ukrainian"), (5, "unspecified")]


def test_coordinated_figure_takes_the_population_of_its_partner(nlp):
    rows = rows_of(nlp, "Monitors verified 900 civilian deaths and 1,500 injuries in the region.")
    assert [r["population"] for r in rows] == ["civilian", "civilian"]


# ----------------------------------------------------------------------------- partitives

@pytest.mark.parametrize("text, expected", [
    ("Monitors confirmed the deaths of at least 80 civilians, nine of them children.",
     [(80, "killed", "civilian"), (9, "killed", "civilian")]),
    ("Officials said 250 civilians, including 20 children, had been killed.",
     [(250, "killed", "civilian"), (20, "killed", "civilian")]),
    ("Four people, one of them a child, had been killed and 15 injured.",
     [(4, "killed", "unspecified"), (1, "killed", "civilian"), (15, "wounded", "unspecified")]),
    ("Thirteen others were injured, three of them children.",
     [(13, "wounded", "unspecified"), (3, "wounded", "civilian")]),
    ("Officials said 140 of their citizens were freed, ten of them civilians.",
     [(140, "captured", "unspecified"), (10, "captured", "civilian")]),
])
def test_partitive_sub_figures_are_rows(nlp, text, expected):
    rows = rows_of(nlp, text)
    assert [(r["value"], r["category"], r["population"]) for r in rows] == expected


def test_partitive_of_a_figure_in_the_previous_sentence(nlp):
    text = ("The UN human rights office said it had verified the deaths of 9,000 civilians. "
            "Of those, 500 were children, it said.")
    rows = rows_of(nlp, text)
    assert [(r["value"], r["category"], r["population"], r["side"], r["claimed_by"]) for r in rows] == [
        (9000, "killed", "civilian", "ukrainian", "UN human rights office"),
        (500, "killed", "civilian", "ukrainian", "UN human rights office")]


def test_partitive_of_a_non_casualty_number_is_dropped(nlp):
    assert rows_of(nlp, "Air defences destroyed 300 drones, 90 of them over Kharkiv.") == []


def test_an_age_in_an_apposition_is_not_a_partitive(nlp):
    assert figures(nlp, "A dozen people, among them an eight-year-old boy, were killed.") == [(12, "killed")]


# ----------------------------------------------------------------------------- side and population

@pytest.mark.parametrize("text, side, population", [
    ("Almost 9,000 Russian soldiers had been killed.", "russian", "military"),
    ("At least 300 Ukrainian civilians were killed.", "ukrainian", "civilian"),
    ("More than 2,000 Ukrainian troops were killed.", "ukrainian", "military"),
    ("The strike killed 12 children.", "ukrainian", "civilian"),
    ("The attack killed 12 residents of the town.", "ukrainian", "civilian"),
    ("Twelve passengers were injured.", "ukrainian", "civilian"),
    ("Twelve servicemen were wounded.", "unspecified", "military"),
    ("Twelve fighters were killed.", "unspecified", "military"),
    ("Twelve people were killed.", "unspecified", "unspecified"),
    ("A Russian missile strike killed 14 people.", "ukrainian", "unspecified"),
    ("Ukrainian shelling killed 14 people.", "russian", "unspecified"),
    ("Two people were killed in the Moscow region.", "russian", "unspecified"),
    ("Missiles struck the Ukrainian city of Sumy, killing 20 people.", "ukrainian", "unspecified"),
    ("More than 2 million people had fled Ukraine.", "ukrainian", "unspecified"),
    ("The strike killed four civilians, all Syrian nationals.", "other", "civilian"),
    ("Two more people, a Ukrainian and a Syrian, were injured.", "unspecified", "unspecified"),
    ("The sides agreed to exchange 1,000 prisoners of war each.", "unspecified", "military"),
    ("The talks produced a 1,000-for-1,000 prisoner exchange.", "unspecified", "unspecified"),
    ("Russian forces had suffered 300,000 casualties.", "russian", "military"),
    ("Russian forces had lost about 1,500 soldiers.", "russian", "military"),
    ("Its forces killed about 5,000 Russian troops.", "russian", "military"),
])
def test_side_and_population(nlp, text, side, population):
    row = rows_of(nlp, text)[0]
    assert (row["side"], row["population"]) == (side, population), row


def test_its_own_servicemen_belong_to_the_claimant(nlp):
    row = one(nlp, "Russia's defence ministry acknowledged that 498 of its own servicemen had died.")
    assert (row["side"], row["population"], row["claimed_by"]) == ("russian", "military", "Russian defence ministry")


def test_its_missiles_killing_unnamed_servicemen_makes_them_the_other_side(nlp):
    row = one(nlp, "Russia's defence ministry claimed its missiles had hit a command post, killing 60 servicemen.")
    assert row["side"] == "ukrainian"


def test_place_in_previous_sentence_of_the_paragraph(nlp):
    rows = rows_of(nlp, "An airstrike hit a hospital in Mariupol. City officials said three people had been killed.")
    assert rows[0]["side"] == "ukrainian"


def test_place_in_another_paragraph_is_not_used(nlp):
    rows = rows_of(nlp, "An airstrike hit a hospital in Mariupol.\n\nThe war has killed tens of thousands of people.")
    assert rows[0]["side"] == "unspecified"


# ----------------------------------------------------------------------------- qualifiers

@pytest.mark.parametrize("phrase, qualifier", [
    ("at least", "at_least"), ("more than", "more_than"), ("over", "more_than"),
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"),
    ("approximately", "about"), ("up to", "up_to"), ("nearly", "up_to"), ("almost", "up_to"),
    ("just under", "up_to"), ("an estimated", "estimated"), ("", "exact"),
])
def test_qualifiers(nlp, phrase, qualifier):
    row = one(nlp, f"The attack killed {phrase} 300 people.".replace("  ", " "))
    assert row["qualifier"] == qualifier


# ----------------------------------------------------------------------------- claimants

@pytest.mark.parametrize("text, claimant", [
    ("More than 4 million refugees have fled, according to the UN refugee agency.", "UN refugee agency"),
    ("The Russian defence ministry has been forced to admit that 500 soldiers have been killed.",
     "Russian defence ministry"),
    ("Ukraine's State Emergency Service says seven people have been killed.", "Ukraine's State Emergency Service"),
    ("Seven people were killed, Ukraine's State Emergency Service said.", "Ukraine's State Emergency Service"),
    ("Two people were killed, regional governor Andrei Vorobyov said.", "Andrei Vorobyov"),
    ("NATO last week put Russian military deaths at 10,000.", "NATO"),
    ("Zelenskyy said 31,000 Ukrainian soldiers had been killed.", "Volodymyr Zelenskyy"),
    ("Kyiv had said that 2,000 people had been brought home.", "Kyiv"),
    ("The strike killed two people, according to police.", "police"),
    ("UNICEF said 500 children had been killed.", "UNICEF"),
    ("Filippo Grandi, the UN High Commissioner for Refugees, said one million refugees had left.", "Filippo Grandi"),
    ("Twelve people were killed.", None),
])
def test_claimants(nlp, text, claimant):
    assert rows_of(nlp, text)[0]["claimed_by"] == claimant


def test_according_to_figures_released_by(nlp):
    row = one(nlp, "Russia's losses have reached 500,000, according to figures released by the British government.")
    assert (row["category"], row["side"], row["claimed_by"]) == ("casualties", "russian", "British government")


def test_description_with_a_demonym_is_the_claimant(nlp):
    row = one(nlp, "In 2023, 500 soldiers were killed in the battle, a Ukrainian commander said.")
    assert row["claimed_by"] == "Ukrainian commander"


@pytest.mark.parametrize("text, claimant", [
    ("Two adults were killed and 16 people injured, Mayor Vitali Klitschko said.", "Vitali Klitschko"),
    ("Ukraine's prosecutor general's office said 589 children have been killed.",
     "Ukraine's prosecutor general's office"),
])
def test_titles_and_possessive_descriptions(nlp, text, claimant):
    assert rows_of(nlp, text)[0]["claimed_by"] == claimant


def test_its_troops_belong_to_the_party_named_before(nlp):
    rows = rows_of(nlp, "Kyiv got back 103 soldiers, while Russia got back 82 of its troops, the UAE said.")
    assert [(r["value"], r["category"], r["side"]) for r in rows] == [(103, "captured", "ukrainian"),
                                                                     (82, "captured", "russian")]


def test_detail_about_counted_victims_is_not_a_figure(nlp):
    assert rows_of(nlp, "Two of the injured are in serious condition.") == []


def test_claimant_carried_from_the_previous_sentence(nlp):
    text = ("Ukraine's State Emergency Service said 33 people were killed in Chernihiv. "
            "Eighteen others were injured, the service said.")
    assert [r["claimed_by"] for r in rows_of(nlp, text)] == ["Ukraine's State Emergency Service"] * 2


def test_pronoun_claimant_resolves_to_the_right_kind(nlp):
    text = ("UN human rights chief Michelle Bachelet told reporters that 100 civilians had died. "
            "A further 300 civilians had been injured, she said. "
            "Ukraine's interior ministry said 350 civilians had been killed. It said 1,600 people had been wounded.")
    assert [r["claimed_by"] for r in rows_of(nlp, text)] == [
        "Michelle Bachelet", "Michelle Bachelet", "Ukrainian interior ministry", "Ukrainian interior ministry"]


def test_clause_after_as_does_not_attribute(nlp):
    row = one(nlp, "Missiles kill 34 in Sumy as Trump says Russia made a mistake")
    assert row["claimed_by"] is None


def test_unresolved_description_is_the_claimant(nlp):
    row = one(nlp, "Shelling killed 14 people in Belgorod, the regional governor said.")
    assert row["claimed_by"] == "regional governor"


# ----------------------------------------------------------------------------- exclusions

@pytest.mark.parametrize("text", [
    "Putin says 617,000 soldiers are now in Ukraine.",
    "Russia sent tens of thousands of troops into Ukraine.",
    "Western officials put the build-up at up to 190,000 troops.",
    "He said Putin had brought 11,000 North Korean troops to the border.",
    "Russia fired at least 70 missiles and 145 drones at Ukraine.",
    "The EU approved 50 billion euros in aid.",
    "Support fell to 20% in the poll.",
    "Olena, a 33-year-old lawyer, saw the blast.",
    "Four men aged between 18 and 24 waited.",
    "As of 5:30 pm (1430 GMT), the shelling continued.",
    "The column stretched some 64 kilometres, or about 30km.",
    "The talks lasted three hours over two days.",
    "It was the 49th exchange since the start of the war.",
    "Kyiv's 12-member team arrived in Istanbul.",
    "Lavrov spoke to Russia 24 and TASS.",
    "The Ukrainian side turns 180 degrees every time.",
    "Hundreds of civilians had been sheltering in the basement.",
    "The talks were held on March 29, 2022.",
])
def test_non_casualty_numbers(nlp, text):
    assert rows_of(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Russia fired 122 missiles and 36 drones, and more than 40 people were killed.", [(40, "killed")]),
    ("At 5:30 pm a missile hit the square, killing 12 people.", [(12, "killed")]),
    ("A 14-year-old boy was among 20 people killed.", [(20, "killed")]),
    ("The 30-day truce collapsed after 9 soldiers were killed.", [(9, "killed")]),
    ("Air defences downed 61 of 85 drones, but 3 people were injured.", [(3, "wounded")]),
    ("Kyiv said 16 of the missiles hit the city, killing 25 people.", [(25, "killed")]),
])
def test_non_casualty_number_next_to_a_figure(nlp, text, expected):
    assert figures(nlp, text) == expected


# ----------------------------------------------------------------------------- repeats, teasers

def test_repeated_figure_is_one_row_keeping_the_attributed_mention(nlp):
    text = ("A missile strike on Kyiv left at least 12 people dead. "
            "\"The death toll has risen to 12,\" Ukraine's state emergency services reported.")
    rows = rows_of(nlp, text)
    assert len(rows) == 1
    assert rows[0]["claimed_by"] == "Ukraine's State Emergency Service"
    assert rows[0]["qualifier"] == "at_least"
    assert rows[0]["side"] == "ukrainian"


def test_same_value_for_opposite_sides_stays_two_rows(nlp):
    text = "Russia said 150 Russian soldiers were freed. Kyiv said 150 Ukrainian soldiers were freed."
    assert [r["side"] for r in rows_of(nlp, text)] == ["russian", "ukrainian"]


def test_teaser_lines_and_reader_comments_are_skipped(nlp):
    text = ("Twelve people were killed in Odesa, officials said.\n"
            "ALSO READ: Mariupol mayor says nearly 5,000 killed\n"
            "More text about the talks follows here in the article body.\n"
            "Comments (12)\n"
            "reader1: I heard 10,000 died already.")
    assert figures(nlp, text) == [(12, "killed")]


# ----------------------------------------------------------------------------- robustness

def test_empty_and_odd_documents(nlp):
    assert extract_casualties(nlp(""), doc_id="e") == []
    assert extract_casualties(nlp("  \n\n "), doc_id="e") == []
    assert extract_casualties(nlp("killed killed 12 12 , , of them"), doc_id="e") is not None


def test_doc_without_sentence_boundaries(nlp):
    import spacy

    doc = spacy.blank("en")("Twelve people were killed.")
    assert [(r["value"], r["category"]) for r in extract_casualties(doc, doc_id="b")] == [(12, "killed")]


_WORDS = ["killed", "wounded", "at least", "of them", "Of those,", "said", "it said", "1,000-for-1,000", "10-15",
          "between", "and", "a dozen", "dozens of", "tens of thousands", "Russian", "Ukrainian", "soldiers", "people",
          "children", ",", ".", "\n", "“", "”", "Kyiv", "according to", "the", "toll", "rose to", "put", "at", "12",
          "4.5 million", "one", "no one", "each", "fled", "33-year-old", "1430", "GMT", "including", "were",
          "bodies of", "lost", "forces", ";", "(", "-", "Eleven", "Comments (3)"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join), st.text(max_size=150)))
def test_arbitrary_text_never_raises_and_offsets_point_at_the_figure(nlp, text):
    doc = nlp(text)
    for row in extract_casualties(doc, doc_id="h"):
        assert doc.text[row["start"]:row["end"]] == row["figure"]
        assert row["sentence"] in doc.text
        assert row["category"] in {"killed", "wounded", "casualties", "missing", "captured", "displaced", "refugees"}
        assert row["side"] in {"russian", "ukrainian", "other", "unspecified"}
        assert row["population"] in {"military", "civilian", "unspecified"}


# ----------------------------------------------------------------------------- phrases between noun and cue

@pytest.mark.parametrize("text, expected", [
    ("Five workers of the Zaporizhzhia plant were injured.", [(5, "wounded")]),
    ("Three villagers from Hlyboke, a man and two women, died after the shelling.", [(3, "killed")]),
    ("Seven pupils of one school remain unaccounted for.", [(7, "missing")]),
])
def test_cue_after_an_of_or_from_phrase(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Fifteen marines who had been taken prisoner at the plant came home on Friday.", [(15, "captured")]),
    ("Eight people who were sheltering in the basement died.", [(8, "killed")]),
    ("About 30 residents who stayed behind remain missing.", [(30, "missing")]),
    ("Four soldiers who shelled the village were later captured.", [(4, "captured")]),
])
def test_cue_inside_or_after_a_relative_clause(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_an_active_verb_in_the_relative_clause_is_not_the_figure_s_cue(nlp):
    assert figures(nlp, "Twenty gunners who killed the hostages escaped.") == []


def test_among_the_dead_and_among_those_injured(nlp):
    assert figures(nlp, "Two teenagers were among the dead.") == [(2, "killed")]
    assert figures(nlp, "Six firefighters were among those injured.") == [(6, "wounded")]


def test_apposition_that_starts_with_a_qualifier(nlp):
    text = "An estimated 5 million people, almost an eighth of the population, have been forced from their homes."
    assert figures(nlp, text) == [(5_000_000, "displaced")]


def test_left_their_homes_and_remained_missing(nlp):
    assert figures(nlp, "Over 2,500 people have left their homes since the offensive began.") == [(2500, "displaced")]
    row = one(nlp, "Dozens remained missing on Sunday.")
    assert (row["value"], row["vague"], row["category"]) == (12, True, "missing")


def test_people_returning_to_their_homes_are_not_captives(nlp):
    assert figures(nlp, "Some 3 million people have returned to their homes.") == []
    assert figures(nlp, "Some 300 soldiers have returned to Ukraine from captivity.") == [(300, "captured")]


def test_eliminated_and_drowned_are_deaths(nlp):
    assert figures(nlp, "The ministry said its forces had eliminated up to 70 fighters.") == [(70, "killed")]
    assert figures(nlp, "Four residents drowned when the dam burst.") == [(4, "killed")]
    assert figures(nlp, "Air defences eliminated 30 drones overnight.") == []


def test_claimant_s_country_does_not_blur_the_side_of_the_losses(nlp):
    row = one(nlp, "Ukraine's military puts Russian losses at about 9,000 troops.")
    assert (row["value"], row["category"], row["side"]) == (9000, "casualties", "russian")


@pytest.mark.parametrize("text, expected", [
    ("The blast killed at least 40 prisoners of war.", [(40, "killed")]),
    ("Nearly 900 people lost their homes in the floods.", [(900, "displaced")]),
    ("About 300 families had to leave their homes.", [(300, "displaced")]),
    ("Some 2 million Ukrainians are registered as refugees in Germany and Poland.", [(2_000_000, "refugees")]),
    ("Dozens of journalists were arbitrarily detained.", [(12, "captured")]),
    ("Moscow is holding some 6,000 Ukrainians captive.", [(6000, "captured")]),
])
def test_idioms_of_loss_displacement_and_captivity(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_people_who_fled_in_a_relative_clause_are_refugees_or_displaced(nlp):
    assert figures(nlp, "The province has welcomed more than 25,000 Ukrainians who fled the war since 2022.") == [
        (25000, "refugees")]


def test_a_toll_noun_keeps_its_category_before_a_later_cue(nlp):
    text = "The mission has verified 1,580 civilian deaths, including 71 children, and 3,400 injured."
    assert figures(nlp, text) == [(1580, "killed"), (71, "killed"), (3400, "wounded")]
