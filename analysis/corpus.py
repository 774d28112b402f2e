"""Read a corpus folder into raw records, one per file or per JSONL/CSV record.

Nothing is dropped silently: a file or record that cannot be used becomes a record
with a ``reason`` (binary, empty, too large, undecodable, malformed line, missing text
column, unreadable, unsupported type), which the build turns into a ``rejected`` row.

Supported inputs: ``.txt`` page captures, ``.html``/``.htm`` pages (main text extracted
offline with trafilatura), ``.jsonl`` and ``.csv`` files with one article per record
(``id``, ``text`` and optional ``title``, ``published``, ``outlet``, ``url``). A
``metadata.csv`` at the corpus root is not a document: see :func:`read_metadata`.
"""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import config
from .temporal import InvalidDate, valid_iso_date

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".csv"}
RECORD_FIELDS = ("title", "published", "outlet", "url")
METADATA_FIELDS = ("title", "outlet", "url", "published")


class CorpusError(Exception):
    """The corpus folder is missing or holds nothing readable."""


@dataclass
class RawRecord:
    """One candidate document: its text, or the reason it cannot be used."""

    doc_id: str
    source: str
    fmt: str
    text: str | None = None
    reason: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    """Metadata the input itself carries (JSONL/CSV fields, HTML metadata)."""
    raw_html: bool = False
    """``text`` is still the HTML page: :func:`finish_record` extracts it."""


def iter_corpus_files(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Every file below ``root`` in sorted order, with a reason when it can't be listed.

    Symbolic links to folders are not followed (no loops); unreadable folders yield a
    record of their own.
    """
    def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"unreadable folder: {exc.strerror or exc}"
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    yield from walk(path)
                elif entry.is_symlink() and not path.exists():
                    yield path, "broken or looping symbolic link"
                elif entry.is_dir():
                    yield path, "symbolic link to a folder (not followed)"
                else:
                    yield path, None
            except OSError as exc:
                yield path, f"unreadable: {exc.strerror or exc}"

    yield from walk(root)


def doc_id_of(path: Path, root: Path) -> str:
    """The path relative to the corpus root, with ``/`` separators."""
    return path.relative_to(root).as_posix()


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode text bytes: BOMs, UTF-8, then the best of cp1251/latin-1 by
    charset-normalizer. Returns ``(text, None)`` or ``(None, reason)``."""
    if not data.strip():
        return None, "empty file"
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                return None, f"unreadable encoding: invalid {codec} despite its byte-order mark"
    if looks_binary(data):
        return None, "binary file"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str | None, str | None]:
    """Single-byte encodings: cp1251 when the text reads as Cyrillic, else latin-1."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "latin_1", "cp1252"]).best()
    if best is not None and best.encoding in ("cp1251", "windows_1251"):
        return data.decode("cp1251"), None
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return data.decode("latin-1"), None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 50)


def read_text_file(path: Path) -> tuple[str | None, str | None]:
    """The decoded text of a file, or the reason it cannot be used."""
    try:
        size = path.stat().st_size
        if size > config.MAX_FILE_BYTES:
            return None, f"too large: {size / 1e6:.1f} MB > {config.MAX_FILE_BYTES / 1e6:.0f} MB limit"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    return decode_bytes(data)


def read_records(root: Path, *, defer_html: bool = False) -> Iterator[RawRecord]:
    """Every candidate document below ``root``, in a deterministic order.

    With ``defer_html``, HTML pages come raw (``raw_html``) so that the costly text
    extraction can run in a worker process (:func:`finish_record`).
    """
    for path, problem in iter_corpus_files(root):
        doc_id = doc_id_of(path, root)
        if path.parent == root and path.name == config.METADATA_FILENAME:
            continue
        suffix = path.suffix.lower()
        if problem:
            yield RawRecord(doc_id, str(path), "unknown", reason=problem)
            continue
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES:
            yield RawRecord(doc_id, str(path), "unknown", reason=f"unsupported file type {suffix or '(none)'}")
            continue
        text, reason = read_text_file(path)
        if text is None:
            yield RawRecord(doc_id, str(path), suffix.lstrip("."), reason=reason)
        elif suffix in TEXT_SUFFIXES:
            yield RawRecord(doc_id, str(path), "txt", text=text)
        elif suffix in HTML_SUFFIXES and defer_html:
            yield RawRecord(doc_id, str(path), "html", text=text, raw_html=True)
        elif suffix in HTML_SUFFIXES:
            yield html_record(doc_id, str(path), text)
        elif suffix == ".jsonl":
            yield from jsonl_records(doc_id, str(path), text)
        else:
            yield from csv_records(doc_id, str(path), text)


def finish_record(record: RawRecord) -> RawRecord:
    """The record with its HTML extracted if it was deferred; otherwise unchanged."""
    return html_record(record.doc_id, record.source, record.text) if record.raw_html else record


HTML_DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""htmldate (through trafilatura): the publication date from the page's markup only. Its
extensive search guesses from any date in the text ("talks planned for February 17"),
which the project's own dating of the text does with more care."""


def html_record(doc_id: str, source: str, html: str) -> RawRecord:
    """Main text and metadata of an HTML page, extracted offline by trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                                with_metadata=True, favor_precision=True,
                                                date_extraction_params=HTML_DATE_PARAMS)
    except Exception as exc:  # trafilatura raises many parser-specific errors
        return RawRecord(doc_id, source, "html", reason=f"unparseable HTML: {type(exc).__name__}")
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return RawRecord(doc_id, source, "html", reason="no article text found in HTML")
    fields = {k: str(v) for k in ("title", "url") if (v := getattr(extracted, k, None))}
    if getattr(extracted, "sitename", None):
        fields["outlet"] = str(extracted.sitename)
    if getattr(extracted, "date", None):
        fields["html_date"] = str(extracted.date)[:10]
    return RawRecord(doc_id, source, "html", text=text, fields=fields)


def _record_from_mapping(prefix: str, source: str, fmt: str, row: dict, number: int) -> RawRecord:
    raw_id = str(row.get("id") or "").strip()
    doc_id = f"{prefix}#{raw_id or number}"
    text = row.get("text")
    fields = {k: str(row[k]).strip() for k in RECORD_FIELDS if row.get(k) not in (None, "") and str(row[k]).strip()}
    if not isinstance(text, str) or not text.strip():
        return RawRecord(doc_id, source, fmt, reason="record has no text", fields=fields)
    return RawRecord(doc_id, source, fmt, text=text, fields=fields)


def jsonl_records(prefix: str, source: str, text: str) -> Iterator[RawRecord]:
    """One record per JSON line; a malformed line is a rejected record of its own."""
    number = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        number += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawRecord(f"{prefix}#{number}", source, "jsonl", reason=f"malformed JSON on line {line_no}: {exc.msg}")
            continue
        if not isinstance(row, dict):
            yield RawRecord(f"{prefix}#{number}", source, "jsonl", reason=f"line {line_no} is not a JSON object")
            continue
        yield _record_from_mapping(prefix, source, "jsonl", row, number)


def csv_records(prefix: str, source: str, text: str) -> Iterator[RawRecord]:
    """One record per CSV row; a file without a ``text`` column is one rejected record."""
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        yield RawRecord(prefix, source, "csv", reason=f"malformed CSV: {exc}")
        return
    if "text" not in header:
        yield RawRecord(prefix, source, "csv", reason=f"CSV has no 'text' column (columns: {', '.join(header) or 'none'})")
        return
    reader.fieldnames = header
    try:
        for number, row in enumerate(reader, start=1):
            yield _record_from_mapping(prefix, source, "csv", row, number)
    except csv.Error as exc:
        yield RawRecord(prefix, source, "csv", reason=f"malformed CSV after row {reader.line_num}: {exc}")


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    """``metadata.csv`` at the corpus root: doc_id → overriding fields (empty if absent)."""
    path = root / config.METADATA_FILENAME
    if not path.exists():
        return {}
    text, reason = read_text_file(path)
    if text is None:
        raise CorpusError(f"{path}: {reason}")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "doc_id" not in (reader.fieldnames or []):
        raise CorpusError(f"{path}: needs a 'doc_id' column (has: {', '.join(reader.fieldnames or [])})")
    unknown = set(reader.fieldnames or []) - {"doc_id", *METADATA_FIELDS}
    if unknown:
        raise CorpusError(f"{path}: unknown columns {sorted(unknown)}; allowed: doc_id, {', '.join(METADATA_FIELDS)}")
    out = {}
    for line_no, row in enumerate(reader, start=2):
        values = {k: (row.get(k) or "").strip() for k in METADATA_FIELDS}
        if values["published"]:
            try:
                valid_iso_date(values["published"])
            except InvalidDate as exc:
                raise CorpusError(f"{path}, line {line_no}: {exc}") from None
        out[(row.get("doc_id") or "").strip()] = {k: v for k, v in values.items() if v}
    return out


def check_corpus_dir(root: Path) -> Path:
    """The resolved corpus folder, or :class:`CorpusError` with a clear message."""
    if not root.exists():
        raise CorpusError(f"corpus folder {root} does not exist")
    if not root.is_dir():
        raise CorpusError(f"corpus path {root} is not a folder")
    return root.resolve()
