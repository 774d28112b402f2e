"""Turn raw records into rows of the ``documents`` table.

For each record: clean page captures, find title and outlet, date it with a basis
(``metadata`` > ``explicit`` > ``inferred``), and reject what holds no article.
Near-duplicates are marked by the build, in corpus order (:class:`analysis.dedup.NearDuplicateIndex`).
"""
from __future__ import annotations

from . import config
from .cleaning import clean_capture
from .corpus import RawRecord
from .dating import date_document
from .docmeta import find_outlet, find_title
from .temporal import InvalidDate, valid_iso_date

def document_row(record: RawRecord, overrides: dict[str, str] | None = None) -> dict:
    """One ``documents`` row for a raw record (``status`` ok or rejected)."""
    row = {"doc_id": record.doc_id, "status": "ok", "reason": None, "duplicate_of": None,
           "title": None, "outlet": None, "url": None, "published": None, "date_basis": None,
           "date_evidence": None, "text": "", "removed": 0, "removed_lines": [],
           "source_format": record.fmt, "similarity": None}
    if record.text is None:
        return row | {"status": "rejected", "reason": record.reason}
    text, removed_lines, removed = _clean(record)
    row.update(text=text, removed=removed, removed_lines=removed_lines, n_chars=len(text))
    if len(text.strip()) < config.MIN_TEXT_CHARS:
        return row | {"status": "rejected", "reason": "empty after cleaning: no article text"}
    row["title"] = record.fields.get("title") or find_title(text)
    row["outlet"] = record.fields.get("outlet") or find_outlet(record.text, text)
    row["url"] = record.fields.get("url")
    row.update(_date_fields(record, text))
    for key, value in (overrides or {}).items():
        row[key] = value
    if overrides and overrides.get("published"):
        row.update(date_basis="metadata", date_evidence=config.METADATA_FILENAME)
    return row


def _clean(record: RawRecord) -> tuple[str, list[str], int]:
    """Page captures are cleaned of boilerplate; HTML (already extracted by trafilatura)
    and JSONL/CSV article texts are only normalised."""
    if record.fmt == "txt":
        result = clean_capture(record.text)
        return result.text, list(result.removed_lines), result.removed
    text = record.text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text, [], len(record.text) - len(text)


def _date_fields(record: RawRecord, text: str) -> dict:
    note = None
    if record.fields.get("published"):
        try:
            return {"published": valid_iso_date(record.fields["published"]), "date_basis": "metadata",
                    "date_evidence": "record field 'published'"}
        except InvalidDate as exc:
            note = f"ignored record field 'published': {exc}"
    found = date_document(text)
    if found.published and found.basis == "explicit":
        return {"published": found.published, "date_basis": found.basis, "date_evidence": found.evidence}
    if record.fields.get("html_date"):  # the page's markup: above what the text only implies
        return {"published": record.fields["html_date"], "date_basis": "explicit", "date_evidence": "HTML metadata"}
    if found.published:
        return {"published": found.published, "date_basis": found.basis, "date_evidence": found.evidence}
    return {"date_evidence": note}
