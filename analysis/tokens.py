"""Plain-Python token columns of a Doc, computed once per document: :func:`token_view`.

Every ``doc[i]`` builds a new ``Token`` object, and the rule extractors look at each
token many times (numbers, cues, actors, attribution...). Reading the attributes once
into lists and indexing those instead made extraction several times faster. The view
is cached in ``doc.user_data``, so every extractor shares it.
"""
from __future__ import annotations

import bisect
import operator

import numpy
from dataclasses import dataclass
from functools import cached_property

from typing import Any, Callable, NamedTuple

from spacy.attrs import (ENT_ID, ENT_IOB, ENT_TYPE, IDX, IS_ALPHA, IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER,
                         LEMMA, LIKE_NUM, LOWER, ORTH, SENT_START, SPACY)
from spacy.tokens import Doc, Span

_KEY = "analysis.token_view"


class Entity(NamedTuple):
    """A named entity of the document (named like a Span's attributes; ``doc.ents``
    builds new Span objects on every access)."""

    start: int
    end: int
    start_char: int
    end_char: int
    label_: str
    ent_id_: str
    text: str


@dataclass(frozen=True)
class TokenView:
    """Columns indexed by token position in the document."""

    text: list[str]
    lower: list[str]
    lower_apos: list[str]
    """Lower-cased with a straight apostrophe ("’" → "'")."""
    lemma: list[str]
    idx: list[int]
    whitespace: list[str]
    is_space: list[bool]
    is_punct: list[bool]
    is_alpha: list[bool]
    is_lower: list[bool]
    is_upper: list[bool]
    is_title: list[bool]
    is_digit: list[bool]
    like_num: list[bool]
    ent_type: list[str]
    ent_id: list[str]
    """The entity id (the gazetteer's canonical name) of each token, '' outside entities."""
    sent_starts: list[int]
    """Token index of each sentence start, in order."""
    ents: list[Entity]
    """``doc.ents``, in order."""

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def doc_text(self) -> str:
        """The document's text (``Doc.text`` rebuilds it from Tokens on every access)."""
        return "".join(map(operator.add, self.text, self.whitespace))

    @cached_property
    def ent_starts(self) -> list[int]:
        """First token of each entity, in order (for bisection)."""
        return [e.start for e in self.ents]

    def ents_within(self, lo: int, hi: int) -> list[Entity]:
        """The entities lying wholly inside tokens [lo, hi) (``doc[lo:hi].ents``)."""
        first = bisect.bisect_left(self.ent_starts, lo)
        last = bisect.bisect_left(self.ent_starts, hi, lo=first)
        return [e for e in self.ents[first:last] if e.end <= hi]

    def end_char(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])

    def lower_at(self, i: int) -> str:
        """``lower_apos[i]``, or '' outside the document."""
        return self.lower_apos[i] if 0 <= i < len(self.text) else ""


def token_view(doc_or_span: Doc | Span) -> TokenView:
    """The cached :class:`TokenView` of the document (of a span's document)."""
    doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
    view = doc.user_data.get(_KEY)
    if view is None or len(view) != len(doc):
        view = _read(doc)
        doc.user_data[_KEY] = view
    return view


_FLAGS = (IS_SPACE, IS_PUNCT, IS_ALPHA, IS_LOWER, IS_UPPER, IS_TITLE, IS_DIGIT, LIKE_NUM)
_STRINGS = (ORTH, LOWER, LEMMA, ENT_TYPE, ENT_ID)
_IOB_INSIDE, _IOB_BEGIN = 1, 3


def _read(doc: Doc) -> TokenView:
    """All columns from one ``Doc.to_array`` call (no Token objects)."""
    if not len(doc):
        return TokenView(*([] for _ in range(18)))
    array = doc.to_array([*_STRINGS, IDX, SPACY, SENT_START, ENT_IOB, *_FLAGS]).T
    text, lower, lemma, ent_type, ent_id = (strings_of(doc, array[i].tolist()) for i in range(5))
    idx, iob = array[5].tolist(), array[8].tolist()
    whitespace = [" " if v else "" for v in array[6].tolist()]
    starts = sorted({0, *numpy.flatnonzero(array[7].astype("int64") == 1).tolist()})
    flags = (array[9:] != 0).tolist()
    ents = _entities(text, whitespace, idx, iob, ent_type, ent_id)
    return TokenView(text, lower, [w.replace("’", "'") for w in lower], lemma, idx, whitespace,
                     *flags, ent_type, ent_id, starts, ents)


def _entities(text: list[str], whitespace: list[str], idx: list[int], iob: list[int], ent_type: list[str],
              ent_id: list[str]) -> list[Entity]:
    """Entity spans from the IOB column, as ``Doc.ents`` reads them (an I token with another
    label than the previous token starts a new entity)."""
    out = []
    n, i = len(iob), 0
    while i < n:
        if iob[i] == _IOB_BEGIN or (iob[i] == _IOB_INSIDE and ent_type[i]
                                    and (i == 0 or iob[i - 1] not in (_IOB_BEGIN, _IOB_INSIDE)
                                         or ent_type[i - 1] != ent_type[i])):
            end = i + 1
            while end < n and iob[end] == _IOB_INSIDE and ent_type[end] == ent_type[i]:
                end += 1
            start_char, end_char = idx[i], idx[end - 1] + len(text[end - 1])
            surface = "".join(text[k] + whitespace[k] for k in range(i, end - 1)) + text[end - 1]
            out.append(Entity(i, end, start_char, end_char, ent_type[i], ent_id[i], surface))
            i = end
        else:
            i += 1
    return out


class HashMemo:
    """A process-wide map from spaCy hashes to values derived from them (a hash means the
    same string in every StringStore), filled on demand and cleared when it outgrows
    ``limit``."""

    def __init__(self, limit: int = 500_000):
        self.values: dict[int, Any] = {}
        self.limit = limit

    def fill(self, keys: list[int], compute: Callable[[int], Any]) -> dict[int, Any]:
        """The memo, holding a value for every key of ``keys``."""
        missing = set(keys).difference(self.values)
        if missing:
            if len(self.values) > self.limit:
                self.values.clear()
                missing = set(keys)
            self.values.update((key, compute(key)) for key in missing)
        return self.values


def strings_of(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of ``hashes``: a dict lookup per token, through a process-wide memo."""
    store = doc.vocab.strings
    values = _STRING_VALUES.fill(hashes, lambda h: store[h] if h else "")
    return [values[h] for h in hashes]


_STRING_VALUES = HashMemo()
