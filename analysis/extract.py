"""Per-document extraction: one spaCy pass, every extractor, plain rows out.

This is the unit of work the build parallelises and caches: it takes a document's
cleaned text, id and date and returns JSON-serialisable rows for the per-document
tables (casualties, talk mentions, statements, reported shifts).
"""
from __future__ import annotations

from spacy.language import Language

from .casualties import extract_casualties
from .nlp import get_nlp
from .statements import extract_reported_shifts, extract_statements
from .talks import extract_talk_mentions



def extract_document(text: str, *, doc_id: str, published: str | None,
                     nlp: Language | None = None) -> dict[str, list[dict]]:
    """Rows of every per-document table for one document."""
    doc = (nlp or get_nlp())(text)
    options = {"doc_id": doc_id, "published": published}
    return {
        "casualties": extract_casualties(doc, **options),
        "talk_mentions": extract_talk_mentions(doc, **options),
        "statements": extract_statements(doc, **options),
        "reported_shifts": extract_reported_shifts(doc, **options),
    }
