"""Per-document extraction: one spaCy pass, every extractor, plain rows out.

This is the unit of work the build parallelises and caches: it takes a document's
cleaned text, id and date and returns JSON-serialisable rows for the per-document
tables (casualties, talk mentions, statements, reported shifts).
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .casualties import extract_casualties
from .nlp import get_nlp
from .statements import extract_reported_shifts, extract_statements
from .talks import extract_talk_mentions

EXTRACTORS: dict[str, Callable[..., list[dict]]] = {
    "casualties": extract_casualties,
    "talk_mentions": extract_talk_mentions,
    "statements": extract_statements,
    "reported_shifts": extract_reported_shifts,
}
"""Per-document table -> its extractor, called as ``extract(doc, doc_id=…, published=…)``, in this order."""


def extract_document(text: str, *, doc_id: str, published: str | None,
                     nlp: Language | None = None) -> dict[str, list[dict]]:
    """Rows of every per-document table for one document."""
    doc: Doc = (nlp or get_nlp())(text)
    return {table: extract(doc, doc_id=doc_id, published=published) for table, extract in EXTRACTORS.items()}
