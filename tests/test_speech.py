"""Attribution of quotes and reported speech (analysis.speech)."""
from __future__ import annotations

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


def test_titles_with_of_before_the_name(nlp):
    doc, (att,) = attributions(nlp, "Britain's Secretary of State for Defence Ben Wallace said London would keep arming Kyiv.")
    assert att.speaker.name == "Ben Wallace"
    doc, (att,) = attributions(nlp, "The Minister of Foreign Affairs Sergei Lavrov told reporters talks could resume.")
    assert att.speaker.name == "Sergei Lavrov"
    doc, (att,) = attributions(nlp, "After talks with Secretary of State Marco Rubio, Lavrov said a deal was near.")
    assert att.speaker.name == "Sergei Lavrov"


def test_asides_between_the_subject_and_its_verb(nlp):
    doc, (att,) = attributions(nlp, "Dmitry Peskov, for his part, said Moscow remained open to talks.")
    assert att.speaker.name == "Dmitry Peskov"
    doc, (att,) = attributions(nlp, "Zelensky, meanwhile, urged allies to send more air defence systems.")
    assert att.speaker.name == "Volodymyr Zelenskyy"
    doc, (att,) = attributions(nlp, "Rustem Umerov, the head of Ukraine's delegation, has said Kyiv wants a truce.")
    assert att.speaker.name == "Rustem Umerov"


def test_a_byline_line_does_not_make_the_lead_s_name_prepositional(nlp):
    doc, (att,) = attributions(nlp, "Posted On 2 May 2023\n\nTurkish Foreign Minister Hakan Fidan urged both sides to talk.")
    assert att.speaker.name == "Hakan Fidan"


def test_role_subject_inside_a_clause_that_modifies_a_noun(nlp):
    text = ("Putin met Trump in Alaska. Lavrov accused Kyiv of rejecting a plan, a proposal the US president "
            "said was fair.")
    doc, atts = attributions(nlp, text)
    said = [a for a in atts if doc.text[a.verb_start:a.verb_end] == "said"]
    assert [(a.speaker.name, a.how) for a in said] == [("Donald Trump", "role")]
    accused = [a for a in atts if a.how == "accused"]
    assert [a.speaker.name for a in accused] == []  # Kyiv is no person; Lavrov keeps the accusation
    assert any(a.speaker.name == "Sergei Lavrov" and "rejecting a plan" in " ".join(contents(doc, a)) for a in atts)


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
