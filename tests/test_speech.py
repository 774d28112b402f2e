"""Attribution of quotes and reported speech (analysis.speech)."""
from __future__ import annotations

import pytest

from analysis.speech import find_attributions, find_quotes, is_speaker, long_quotes
from analysis.actors import Actor


def attributions(nlp, text):
    doc = nlp(text)
    return doc, find_attributions(doc)


def contents(doc, att):
    return [doc.text[s:e] for s, e in att.content]


def test_quotes_pair_up_and_run_to_the_paragraph_end():
    text = '“One two three four,” he said. "Five six seven eight" and "nine\nNext line'
    assert [text[s:e] for s, e in find_quotes(text)] == ['“One two three four,”', '"Five six seven eight"', '"nine']
    assert [text[s:e] for s, e in long_quotes(text)] == ['“One two three four,”', '"Five six seven eight"']


def test_trailing_attribution_takes_the_clause_before_it(nlp):
    doc, (att,) = attributions(nlp, "Moscow is interested in more talks, Kremlin spokesman Dmitry Peskov said on Wednesday.")
    assert att.speaker.name == "Dmitry Peskov" and contents(doc, att) == ["Moscow is interested in more talks"]
    assert any("on Wednesday" in doc.text[s:e] for s, e in att.frame)


def test_split_attribution_takes_both_sides(nlp):
    doc, (att,) = attributions(nlp, "If that goes well, Trump said, he would schedule a meeting with Putin.")
    assert contents(doc, att) == ["If that goes well", "said, he would schedule a meeting with Putin."]


def test_multi_sentence_quote_before_the_attribution(nlp):
    doc, atts = attributions(nlp, "“We urge restraint. We expect progress at the next round,” Zakharova said.")
    (att,) = [a for a in atts if a.speaker.name == "Maria Zakharova"]
    assert contents(doc, att) == ["“We urge restraint. We expect progress at the next round,”"]


def test_postposed_name_and_relative_pronoun(nlp):
    doc, (att,) = attributions(nlp, "Talks will resume, said Foreign Minister Sergei Lavrov.")
    assert (att.speaker.name, att.how) == ("Sergei Lavrov", "name")
    doc, (att,) = attributions(nlp, "The idea came from Putin, who said on Sunday that talks could resume.")
    assert (att.speaker.name, att.how) == ("Vladimir Putin", "relative")


def test_name_after_a_participle_is_not_its_subject(nlp):
    doc, atts = attributions(nlp, "Trump changed course, saying after his summit with Putin that a deal was better.")
    assert [a.speaker.name for a in atts] == ["Donald Trump"]


def test_nouns_and_passives_are_not_speech_verbs(nlp):
    assert attributions(nlp, "After phone calls with Zelensky, numerous calls for talks were ignored.")[1] == []
    assert attributions(nlp, "A meeting was not ruled out by Lavrov.")[1] == []


def test_prepositional_names_are_skipped_for_the_subject(nlp):
    doc, (att,) = attributions(nlp, "Lavrov in an interview with RIA Novosti and TASS reportedly said talks would go on.")
    assert att.speaker.name == "Sergei Lavrov"


@pytest.mark.parametrize("text, speaker", [
    # titles with of/for are not prepositional phrases
    ("Britain's Secretary of State for Defence Ben Wallace said London would keep arming Kyiv.", "Ben Wallace"),
    ("The Minister of Foreign Affairs Sergei Lavrov told reporters talks could resume.", "Sergei Lavrov"),
    ("After talks with Secretary of State Marco Rubio, Lavrov said a deal was near.", "Sergei Lavrov"),
    # asides between the subject and its verb
    ("Dmitry Peskov, for his part, said Moscow remained open to talks.", "Dmitry Peskov"),
    ("Zelensky, meanwhile, urged allies to send more air defence systems.", "Volodymyr Zelenskyy"),
    ("Rustem Umerov, the head of Ukraine's delegation, has said Kyiv wants a truce.", "Rustem Umerov"),
    # a byline line does not make the lead's name prepositional
    ("Posted On 2 May 2023\n\nTurkish Foreign Minister Hakan Fidan urged both sides to talk.", "Hakan Fidan"),
])
def test_speaker_named_before_the_verb(nlp, text, speaker):
    doc, (att,) = attributions(nlp, text)
    assert att.speaker.name == speaker


def test_role_subject_inside_a_clause_that_modifies_a_noun(nlp):
    text = ("Putin met Trump in Alaska. Lavrov accused Kyiv of rejecting a plan, a proposal the US president "
            "said was fair.")
    doc, atts = attributions(nlp, text)
    said = [a for a in atts if doc.text[a.verb_start:a.verb_end] == "said"]
    assert [(a.speaker.name, a.how) for a in said] == [("Donald Trump", "role")]
    accused = [a for a in atts if a.how == "accused"]
    assert [a.speaker.name for a in accused] == []  # Kyiv is no person; Lavrov keeps the accusation
    assert any(a.speaker.name == "Sergei Lavrov" and "rejecting a plan" in " ".join(contents(doc, a)) for a in atts)


def test_coordinated_verb_inside_a_relative_clause_belongs_to_its_antecedent(nlp):
    doc, atts = attributions(nlp, "Rutte thanked Zelensky, who visited Brussels and said Kyiv was ready for talks.")
    said = [a for a in atts if doc.text[a.verb_start:a.verb_end] == "said"]
    assert [(a.speaker.name, a.how) for a in said] == [("Volodymyr Zelenskyy", "relative")]


def test_unknown_person_takes_the_side_of_a_nationality_in_the_title(nlp):
    doc, (att,) = attributions(nlp, "Czech Foreign Minister Petra Novakova said the sanctions must stay.")
    assert (att.speaker.name, att.speaker.side) == ("Petra Novakova", "OTHER")


def test_generic_institutions_are_not_speakers():
    assert not is_speaker(Actor("Russian officials", "RU", "institution", 0, 1, "Russian officials"))
    assert is_speaker(Actor("Kremlin", "RU", "institution", 0, 1, "Kremlin"))
    assert is_speaker(Actor("Ivan Petrenko", "UA", "person", 0, 1, "Ivan Petrenko"))


def test_attributions_are_in_document_order(nlp):
    text = "Peskov said talks could resume. Lavrov said so too. “We are ready,” Zelensky said."
    _, atts = attributions(nlp, text)
    assert [a.speaker.name for a in atts] == ["Dmitry Peskov", "Sergei Lavrov", "Volodymyr Zelenskyy"]


def test_every_person_of_a_subject_list_speaks(nlp):
    doc, atts = attributions(nlp, "Macron, Merz, Starmer and Tusk travelled to Kyiv and demanded a ceasefire.")
    assert sorted(a.speaker.name for a in atts) == ["Donald Tusk", "Emmanuel Macron", "Friedrich Merz",
                                                    "Keir Starmer"]


def test_a_list_without_and_is_not_a_subject_list(nlp):
    doc, atts = attributions(nlp, "Zelensky met Macron, Scholz said on Friday.")
    assert [a.speaker.name for a in atts] == ["Olaf Scholz"]


def test_an_institution_relaying_a_named_person_is_not_a_speaker(nlp):
    text = "Erdogan said Ankara was ready to host talks in Istanbul, the Turkish presidency said."
    doc, atts = attributions(nlp, text)
    assert [a.speaker.name for a in atts] == ["Recep Tayyip Erdogan"]


@pytest.mark.parametrize("text, speaker", [
    # a name that only names the role ending a participle phrase
    ("Keir Starmer, speaking alongside the Danish prime minister, Mette Frederiksen, said Europe would act.",
     "Keir Starmer"),
    # an apposition with a possessive owner
    ("Yuri Ushakov, Putin's foreign policy aide, said Moscow was ready to sign an agreement.", "Yuri Ushakov"),
    ("Robert Fico, who returned to power in October, said his country was ready for talks.", "Robert Fico"),
])
def test_speaker_before_an_apposition(nlp, text, speaker):
    doc, (att,) = attributions(nlp, text)
    assert att.speaker.name == speaker


def test_a_role_between_commas_after_the_subject_is_the_speaker(nlp):
    text = "Kirill Dmitriev said the meeting went well. Moscow, the envoy argued, was ready to sign a deal."
    doc, atts = attributions(nlp, text)
    assert [(a.speaker.name, a.how) for a in atts][-1] == ("Kirill Dmitriev", "role")


@pytest.mark.parametrize("opening", ["According to her,", "In her words,"])
def test_pronoun_forms_of_according_to(nlp, opening):
    text = f"Maria Zakharova said Kyiv was lying. {opening} a truce would only let Kyiv regroup."
    doc, atts = attributions(nlp, text)
    assert (atts[-1].speaker.name, atts[-1].how) == ("Maria Zakharova", "pronoun")
    assert contents(doc, atts[-1]) == ["a truce would only let Kyiv regroup."]


def test_head_of_state_and_the_last_speaker_first(nlp):
    text = ("Zelensky said he was ready to sit down with Putin. "
            "The head of state also reiterated that he was ready to meet.")
    doc, atts = attributions(nlp, text)
    assert (atts[-1].speaker.name, atts[-1].how) == ("Volodymyr Zelenskyy", "role")


def test_interview_answers_belong_to_the_labelled_speaker(nlp):
    text = ("Sybiha speaks out\n"
            "Q: Will Ukraine recognise the occupied territories?\n"
            "Sybiha: No. We will never recognise them.\n"
            "We are ready for negotiations in any format.\n"
            "Q: And the allies?\n"
            "Those are questions for the allies.")
    doc, atts = attributions(nlp, text)
    said = {doc.text[s:e] for a in atts if a.speaker.name == "Andrii Sybiha" for s, e in a.content}
    assert "We will never recognise them." in said
    assert "We are ready for negotiations in any format." in said
    assert not any("questions for the allies" in c or "Will Ukraine" in c for c in said)
