"""Speaker turns of interviews and transcripts: paragraphs opened by a speaker label.

In a Q&A interview or a press-conference transcript the speaker is named once, in a label
at the start of a paragraph ("Robert Fico: …", "PRESIDENT ERDOĞAN: …", "DW: …"), and the
answer runs on over the following paragraphs until the next label. A document counts as a
transcript when at least two label paragraphs are found and at least one of them names a
known speaker; each turn then runs from its label to the next label (or the end of the
text), except the first, which keeps to its own paragraph (a headline such as "Kaja Kallas:
'My position has changed'" is followed by the writer's introduction, not by her answer).
A label that names no known speaker (the interviewer: "Q", "DW", "THE PRESIDENT") still
ends the turn before it, so questions are never given to the person answering.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .actors import Actor

MIN_LABELS = 2
"""Label paragraphs a document needs before its labels are read as speaker turns."""
MAX_EXTRA_LABEL_WORDS = 2
"""Words a speaker label may hold besides the speaker's name ("PRESIDENT", "Mr.")."""

_LABEL = re.compile(r"(?m)^[ \t]*(?P<label>[^\W\d_][\w .'’()-]{0,38}?)[ \t]*:[ \t]+(?=\S)")
_LABEL_WORD = re.compile(r"[\w'’]+")
NOT_SPEAKER_LABELS = {"read also", "tags", "share", "source", "sources", "image", "photo", "video", "note",
                      "updated", "published", "sort by", "follow", "editor's note", "related", "see also",
                      "read more", "watch", "listen", "caption", "credit", "topics", "suggested topics"}
"""Line openings followed by a colon that are page furniture, never a speaker."""


@dataclass(frozen=True)
class Turn:
    """Text from ``start`` (just after the label) to ``end`` spoken by ``speaker`` (None: a
    label naming no known speaker, such as the interviewer's)."""

    start: int
    end: int
    label_start: int
    speaker: Actor | None


def speaker_turns(text: str, speakers: Sequence[Actor]) -> list[Turn]:
    """The turns of ``text`` if it reads as a transcript (see the module), else none.
    ``speakers``: the document's speaker mentions, left to right."""
    labels = [m for m in _LABEL.finditer(text) if m.group("label").strip().lower() not in NOT_SPEAKER_LABELS]
    if len(labels) < MIN_LABELS:
        return []
    owners = [_label_speaker(m, speakers) for m in labels]
    if not any(owners):
        return []
    ends = [m.start() for m in labels[1:]] + [len(text)]
    paragraph_end = text.find("\n", labels[0].end())
    if paragraph_end >= 0:
        ends[0] = min(ends[0], paragraph_end)
    return [Turn(m.end(), end, m.start(), owner) for m, owner, end in zip(labels, owners, ends)]


def _label_speaker(label: re.Match, speakers: Sequence[Actor]) -> Actor | None:
    """The known speaker a label names, when the label is little more than the name; a
    label in capitals ("PRESIDENT ERDOĞAN") names the speaker whose surname it holds."""
    start, end = label.span("label")
    inside = [a for a in speakers if start <= a.start and a.end <= end]
    words = [w.lower() for w in _LABEL_WORD.findall(label.group("label"))]
    if len(inside) == 1:
        actor = inside[0]
        rest = label.group("label")[:actor.start - start] + " " + label.group("label")[actor.end - start:]
        return actor if len(_LABEL_WORD.findall(rest)) <= MAX_EXTRA_LABEL_WORDS else None
    if inside or len(words) > MAX_EXTRA_LABEL_WORDS + 1:
        return None
    named = {a.name: a for a in speakers if a.kind == "person" and _surname(a) in words}
    return next(iter(named.values())) if len(named) == 1 else None


def _surname(actor: Actor) -> str:
    """The last word of a mention, lower-cased ('' if it has none)."""
    words = _LABEL_WORD.findall(actor.text)
    return words[-1].lower() if words else ""


def turn_at(turns: Sequence[Turn], pos: int) -> Turn | None:
    """The turn holding offset ``pos``, if any."""
    return next((t for t in turns if t.label_start <= pos < t.end), None)
