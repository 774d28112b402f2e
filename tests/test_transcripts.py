"""Speaker turns of interviews and transcripts (analysis.transcripts)."""
from __future__ import annotations

from analysis.actors import Actor
from analysis.transcripts import speaker_turns, turn_at



def mentions(text: str, *names: str) -> list[Actor]:
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            found.append(Actor(name, "TR", "person", at, at + len(name), name))
            at = text.find(name, at + 1)
    return sorted(found, key=lambda a: a.start)


def test_turns_run_to_the_next_label():
    text = "Q: Are you ready?\nErdogan: Yes.\nWe are ready.\nQ: Why?\nBecause."
    turns = speaker_turns(text, mentions(text, "Erdogan"))
    assert [(t.speaker.name if t.speaker else None, text[t.start:t.end]) for t in turns] == [
        (None, "Are you ready?"), ("Erdogan", "Yes.\nWe are ready.\n"), (None, "Why?\nBecause.")]
    assert turn_at(turns, text.find("We are")).speaker.name == "Erdogan"


def test_one_label_or_no_known_speaker_is_no_transcript():
    text = "Zakharova: West's silence shows hypocrisy\nThe ministry said more."
    assert speaker_turns(text, mentions(text, "Zakharova")) == []
    text = "DW: How many?\nPascal Hundt: Thousands.\nDW: Thank you."
    assert speaker_turns(text, []) == []


def test_a_headline_label_keeps_to_its_paragraph():
    text = "Kallas: 'My view changed'\nThe writer's introduction.\nQ: Why?\nKallas: Because."
    first = speaker_turns(text, mentions(text, "Kallas"))[0]
    assert text[first.start:first.end] == "'My view changed'"


def test_a_label_in_capitals_names_the_speaker_by_surname():
    text = "THE PRESIDENT: Thank you.\nPRESIDENT ERDOĞAN: We are ready.\nErdoğan spoke later."
    turns = speaker_turns(text, mentions(text, "Erdoğan"))
    assert [t.speaker.name if t.speaker else None for t in turns] == [None, "Erdoğan"]


def test_page_furniture_is_no_label():
    text = "Read also: other news\nTags: Kyiv, Moscow\nSource: agencies"
    assert speaker_turns(text, []) == []
