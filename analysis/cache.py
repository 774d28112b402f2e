"""Per-document result cache: SQLite keyed by content hash and pipeline version.

A key covers the document's id, date and cleaned text and the version of everything
that shapes extraction (the package's code, the gazetteer and lexicons), so a change
to any of them misses the cache. SQLite commits are atomic: an interrupted build
leaves at most the last uncommitted batch out of the cache, never a torn entry.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from . import config


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Hash of the package source, bundled resources and the user's gazetteer and stance lexicon."""
    digest = hashlib.sha256()
    files = sorted(config.PACKAGE_DIR.glob("*.py")) + sorted(config.RESOURCES_DIR.glob("*"))
    for user_file in (config.USER_GAZETTEER_PATH, config.USER_STANCE_LEXICON_PATH):
        if user_file.exists():
            files.append(user_file)
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def record_key(record, overrides: dict[str, str] | None) -> str:
    """Cache key of one raw record's processing (cleaning, dating, extraction) under the
    current pipeline version: its id, format, text, own fields and metadata overrides."""
    digest = hashlib.sha256()
    parts = (pipeline_version(), record.doc_id, record.fmt, str(record.raw_html), record.text or "",
             json.dumps(record.fields, sort_keys=True), json.dumps(overrides or {}, sort_keys=True))
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


class ResultCache:
    """Get and put per-document results; ``path=None`` disables caching."""

    def __init__(self, path: Path | None):
        self._db = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        """Cached results for those of ``keys`` that are present."""
        if self._db is None or not keys:
            return {}
        found = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for key, value in self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk):
                found[key] = json.loads(value)
        return found

    def put_many(self, items: list[tuple[str, dict]]) -> None:
        """Store results in one transaction."""
        if self._db is None or not items:
            return
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)",
                                 [(k, json.dumps(v, sort_keys=True)) for k, v in items])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
