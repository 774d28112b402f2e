"""The curated gazetteer of actors and places, and lookups into it.

The bundled file is ``analysis/resources/gazetteer.json``; a user file at
``data/gazetteer.json`` (same format) adds entries, replacing bundled ones of the
same ``name``. Sections:

- ``people``: ``name`` (canonical), ``aliases``, ``role``, ``side`` (party code);
- ``institutions``: ``name``, ``aliases``, ``side``;
- ``places``: ``name`` (English), ``aliases``, ``country``, ``code`` (party code of the
  country), ``kind`` (``city`` or ``country``), ``capital`` (true for a country's capital);
- ``demonyms``: adjective → party code ("Russian" → "RU").
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import config

SECTIONS = ("people", "institutions", "places")


class GazetteerError(ValueError):
    """The gazetteer file is missing, malformed or has an invalid entry."""


@dataclass(frozen=True)
class Entry:
    """One person, institution or place."""

    name: str
    kind: str  # person, institution, place
    side: str | None = None
    role: str | None = None
    country: str | None = None
    place_kind: str | None = None
    aliases: tuple[str, ...] = ()
    capital: bool = False


@dataclass
class Gazetteer:
    """Entries by canonical name, plus alias lookups (case-insensitive)."""

    entries: dict[str, Entry]
    demonyms: dict[str, str]
    version: str
    _alias: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                self._alias.setdefault(normalize_name(alias), entry)

    def lookup(self, text: str) -> Entry | None:
        """The entry a name or alias refers to, or ``None``."""
        return self._alias.get(normalize_name(text))

    def people(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == "person"]

    def places(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == "place"]

    def institutions(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == "institution"]

    def party_of_demonym(self, word: str) -> str | None:
        """'Russian' → 'RU'; ``None`` when the word is not a known demonym."""
        return self.demonyms.get(word) or self.demonyms.get(word.capitalize())

    def capital_of(self, code: str | None) -> str | None:
        """'SA' → 'Riyadh': the capital of the one country with this party code."""
        names = sorted(e.name for e in self.places() if e.capital and code and e.side == code)
        return names[0] if len(names) == 1 else None

    def demonym_of_country(self, name: str) -> str | None:
        """'China' → 'Chinese': the adjective of a country that is a party of its own
        (not OTHER), as institution names use it ("Chinese foreign ministry")."""
        entry = self.lookup(name)
        if entry is None or entry.kind != "place" or entry.place_kind != "country" or entry.side in (None, "OTHER"):
            return None
        return next((word for word, code in self.demonyms.items()
                     if code == entry.side and not word.endswith("s") and " " not in word), None)


def normalize_name(text: str) -> str:
    """Lookup key of a name: lower case, straight apostrophes, single spaces, no leading 'the'."""
    key = " ".join(text.replace("’", "'").replace("‘", "'").split()).lower()
    return key[4:] if key.startswith("the ") else key


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: the gazetteer must be a JSON object with sections {SECTIONS}")
    return data


def _entries(data: dict, path: Path) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    kinds = {"people": "person", "institutions": "institution", "places": "place"}
    for section, kind in kinds.items():
        for i, raw in enumerate(data.get(section, [])):
            if not isinstance(raw, dict) or not str(raw.get("name", "")).strip():
                raise GazetteerError(f"{path}: {section}[{i}] needs a non-empty 'name'")
            aliases = raw.get("aliases", [])
            if not isinstance(aliases, list):
                raise GazetteerError(f"{path}: {section}[{i}] 'aliases' must be a list")
            out[raw["name"]] = Entry(
                name=raw["name"], kind=kind, side=raw.get("side") or raw.get("code"),
                role=raw.get("role"), country=raw.get("country"), place_kind=raw.get("kind"),
                aliases=tuple(a for a in aliases if isinstance(a, str) and a.strip()),
                capital=raw.get("capital") is True)
    return out


def load_gazetteer(bundled: Path = config.GAZETTEER_PATH,
                   user: Path | None = config.USER_GAZETTEER_PATH) -> Gazetteer:
    """The bundled gazetteer merged with the user's extension file, if it exists."""
    paths = [bundled] + ([user] if user is not None and user.exists() else [])
    entries: dict[str, Entry] = {}
    demonyms: dict[str, str] = {}
    digest = hashlib.sha256()
    for path in paths:
        data = _read(path)
        entries.update(_entries(data, path))
        demonyms.update(data.get("demonyms", {}))
        digest.update(path.read_bytes())
    return Gazetteer(entries=entries, demonyms=demonyms, version=digest.hexdigest()[:16])


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer used by the pipeline (loaded once per process)."""
    return load_gazetteer()
