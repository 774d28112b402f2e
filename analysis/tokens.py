"""Plain-Python token columns of a Doc, computed once per document: :func:`token_view`.

Every ``doc[i]`` builds a new ``Token`` object, and the rule extractors look at each
token many times (numbers, cues, actors, attribution...). Reading the attributes once
into lists and indexing those instead made extraction several times faster. The view
is cached in ``doc.user_data``, so every extractor shares it.
"""
from __future__ import annotations

from dataclasses import dataclass

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


def _read(doc: Doc) -> TokenView:
    text, lower, lemma, idx, ws = [], [], [], [], []
    is_space, is_punct, is_alpha, like_num, ent_type, starts = [], [], [], [], [], []
    is_lower, is_upper, is_title, is_digit = [], [], [], []
    for tok in doc:
        text.append(tok.text)
        lower.append(tok.lower_)
        lemma.append(tok.lemma_)
        idx.append(tok.idx)
        ws.append(tok.whitespace_)
        is_space.append(tok.is_space)
        is_punct.append(tok.is_punct)
        is_alpha.append(tok.is_alpha)
        is_lower.append(tok.is_lower)
        is_upper.append(tok.is_upper)
        is_title.append(tok.is_title)
        is_digit.append(tok.is_digit)
        like_num.append(tok.like_num)
        ent_type.append(tok.ent_type_)
        if tok.is_sent_start or tok.i == 0:
            starts.append(tok.i)
    return TokenView(text, lower, [w.replace("’", "'") for w in lower], lemma, idx, ws, is_space, is_punct,
                     is_alpha, is_lower, is_upper, is_title, is_digit, like_num, ent_type, starts)
