"""Validate notebook and CLI parameters before any work.

Every notebook calls :func:`validate` on its ``parameters`` cell values first; a bad
value raises :class:`ParameterError` with one clear message naming the parameter.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

TOPICS = ("negotiations", "ceasefire", "agreement", "western_support")
CATEGORIES = ("killed", "wounded", "casualties", "missing", "captured", "displaced", "refugees")
SIDES = ("russian", "ukrainian", "other", "unspecified")
PARTIES = ("RU", "UA", "US", "TR", "BY", "EU", "UK", "FR", "DE", "SA", "UN", "NATO", "CN", "VA", "OTHER")


class ParameterError(ValueError):
    """A parameter value is unusable; the message names the parameter."""


@dataclass(frozen=True)
class Params:
    """Validated parameters: resolved paths, parsed dates, checked choices."""

    tables_dir: Path | None = None
    corpus_dir: Path | None = None
    start: date | None = None
    end: date | None = None
    topics: tuple[str, ...] = TOPICS
    categories: tuple[str, ...] = CATEGORIES
    sides: tuple[str, ...] = SIDES
    parties: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()


def _date(name: str, value: str | None) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _choices(name: str, values, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if values is None:
        return allowed
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ParameterError(f"{name}: unknown value(s) {', '.join(map(repr, unknown))}; choose from {', '.join(allowed)}")
    return tuple(values) or allowed


def _path(name: str, value: str | None, *, must_contain: str | None = None) -> Path | None:
    if value in (None, ""):
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise ParameterError(f"{name}: folder {path} does not exist")
    if must_contain and not (path / must_contain).exists():
        raise ParameterError(f"{name}: {path} has no {must_contain}; run `python -m analysis build` first")
    return path.resolve()


def validate(*, tables_dir: str | None = None, corpus_dir: str | None = None, start: str | None = None,
             end: str | None = None, topics=None, categories=None, sides=None, parties=None,
             speakers=None) -> Params:
    """Check every given parameter; returns them parsed, or raises :class:`ParameterError`."""
    first, last = _date("start", start), _date("end", end)
    if first and last and last < first:
        raise ParameterError(f"end: {end} is before start {start}")
    if isinstance(speakers, str):
        speakers = [s.strip() for s in speakers.split(",") if s.strip()]
    return Params(
        tables_dir=_path("tables_dir", tables_dir, must_contain="documents.parquet"),
        corpus_dir=_path("corpus_dir", corpus_dir),
        start=first, end=last,
        topics=_choices("topics", topics, TOPICS),
        categories=_choices("categories", categories, CATEGORIES),
        sides=_choices("sides", sides, SIDES),
        parties=_choices("parties", parties, PARTIES) if parties else (),
        speakers=tuple(speakers or ()),
    )
