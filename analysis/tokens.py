"""Plain-Python token columns of a Doc, computed once per document: :func:`token_view`.

Every ``doc[i]`` builds a new ``Token`` object, and the rule extractors look at each
token many times (numbers, cues, actors, attribution...). Reading the attributes once
into lists and indexing those instead made extraction several times faster. The view
is cached in ``doc.user_data``, so every extractor shares it.
"""
from __future__ import annotations

import operator

import numpy
from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import (ENT_TYPE, IDX, IS_ALPHA, IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER,
                         LEMMA, LIKE_NUM, LOWER, ORTH, SENT_START, SPACY)
from spacy.tokens import Doc, Span

_KEY = "analysis.token_view"


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
    sent_starts: list[int]
    """Token index of each sentence start, in order."""

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def doc_text(self) -> str:
        """The document's text (``Doc.text`` rebuilds it from Tokens on every access)."""
        return "".join(map(operator.add, self.text, self.whitespace))

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
_STRINGS = (ORTH, LOWER, LEMMA, ENT_TYPE)


def _read(doc: Doc) -> TokenView:
    """All columns from one ``Doc.to_array`` call (no Token objects)."""
    if not len(doc):
        return TokenView(*([] for _ in range(16)))
    array = doc.to_array([*_STRINGS, IDX, SPACY, SENT_START, *_FLAGS]).T
    text, lower, lemma, ent_type = (strings_of(doc, array[i].tolist()) for i in range(4))
    sent_start = array[6].astype("int64")
    starts = sorted({0, *numpy.flatnonzero(sent_start == 1).tolist()})
    flags = (array[7:] != 0).tolist()
    return TokenView(text, lower, [w.replace("’", "'") for w in lower], lemma, array[4].tolist(),
                     [" " if v else "" for v in array[5].tolist()], *flags, ent_type, starts)


def strings_of(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of ``hashes``; a process-wide memo (hash → string is the same for every
    StringStore) makes this a dict lookup per token."""
    memo = _STRING_MEMO
    missing = set(hashes).difference(memo)
    if missing:
        if len(memo) > _STRING_MEMO_LIMIT:
            memo.clear()
            missing = set(hashes)
        store = doc.vocab.strings
        memo.update((h, store[h] if h else "") for h in missing)
    return [memo[h] for h in hashes]


_STRING_MEMO: dict[int, str] = {}
_STRING_MEMO_LIMIT = 500_000
