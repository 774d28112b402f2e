"""The tables the build writes: column schemas, atomic Parquet writing, reading.

Names and types follow ``shared/spec/tables.md``; extra columns are allowed after
the required ones. Every write goes to a temporary file in the same folder and is
then renamed over the target, so a killed build never leaves a half-written table.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import config

STR, INT, BOOL, LIST = "str", "int", "bool", "list"

SCHEMAS: dict[str, dict[str, str]] = {
    "documents": {"doc_id": STR, "status": STR, "reason": STR, "duplicate_of": STR, "title": STR,
                  "outlet": STR, "url": STR, "published": STR, "date_basis": STR, "text": STR, "removed": INT,
                  "similarity": "float", "date_evidence": STR, "source_format": STR, "n_chars": INT,
                  "removed_lines": LIST},
    "casualties": {"doc_id": STR, "value": INT, "value_high": INT, "vague": BOOL, "category": STR, "side": STR,
                   "population": STR, "qualifier": STR, "claimed_by": STR, "sentence": STR, "start": INT,
                   "end": INT, "figure": STR, "published": STR},
    "talks": {"talk_id": STR, "date": STR, "status": STR, "venue": STR, "level": STR, "parties": LIST,
              "round": INT, "doc_ids": LIST, "evidence": STR, "outcome": STR, "n_mentions": INT},
    "talk_mentions": {"doc_id": STR, "date": STR, "precision": STR, "status": STR, "venue": STR, "parties": LIST,
                      "level": STR, "round": INT, "outcome": STR, "sentence": STR, "start": INT, "end": INT},
    "statements": {"doc_id": STR, "speaker": STR, "side": STR, "date": STR, "topic": STR, "stance": INT,
                   "quote": STR, "sentence": STR, "start": INT, "end": INT, "cue": STR},
    "reported_shifts": {"doc_id": STR, "speaker": STR, "topic": STR, "from_stance": INT, "to_stance": INT,
                        "date": STR, "sentence": STR, "start": INT, "end": INT},
    "shifts": {"speaker": STR, "topic": STR, "date": STR, "from_stance": INT, "to_stance": INT,
               "explicit": BOOL, "doc_ids": LIST, "evidence": STR},
}
PER_DOCUMENT_TABLES = ("casualties", "talk_mentions", "statements", "reported_shifts")
"""Tables whose rows come from one document each (the rest are built over the corpus)."""

EXTRA_COLUMNS: dict[str, dict[str, str]] = {
    "casualties": {"sentence_end": INT, "sentence_start": INT},
    "talk_mentions": {"date_text": STR, "trigger": STR, "weak": BOOL},
    "reported_shifts": {"cue": STR, "side": STR},
    "talks": {"precision": STR},
}
"""Columns the extractors add after the spec's ones (streamed tables need a fixed schema)."""
_ARROW = {STR: pa.string(), INT: pa.int64(), BOOL: pa.bool_(), LIST: pa.list_(pa.string()), "float": pa.float64()}


def conform(name: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A frame with the table's schema columns first (missing ones null), extras after
    in sorted order (so fresh and cached rows give the same columns)."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(rows)
    schema = SCHEMAS[name]
    for column in schema:
        if column not in frame.columns:
            frame[column] = None
    extras = sorted(c for c in frame.columns if c not in schema)
    return frame[list(schema) + extras].reset_index(drop=True)


def _arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    schema = SCHEMAS[name] | EXTRA_COLUMNS.get(name, {})
    arrays = [_normalised_array(schema.get(column), frame[column].tolist()) for column in frame.columns]
    return pa.Table.from_arrays(arrays, schema=pa.schema(
        [pa.field(column, array.type) for column, array in zip(frame.columns, arrays)]))


def _normalised_array(kind: str | None, values: list) -> pa.Array:
    """Missing values (None, NaN, NA) as nulls and every value cast to the column's kind."""
    values = [None if _is_missing(v) else v for v in values]
    if kind == LIST:
        values = [None if v is None else [str(x) for x in v] for v in values]
    elif kind == INT:
        values = [None if v is None else int(v) for v in values]
    elif kind == BOOL:
        values = [None if v is None else bool(v) for v in values]
    elif kind == STR:
        values = [None if v is None else str(v) for v in values]
    return pa.array(values, type=_ARROW.get(kind) if kind else None)


def _column_array(kind: str, values: list) -> pa.Array:
    """``values`` as an Arrow array of the column's kind: directly when they already have
    the right Python types (the usual case), else through :func:`_normalised_array`."""
    try:
        return pa.array(values, type=_ARROW[kind], from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return _normalised_array(kind, values)


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return value is pd.NA or value is pd.NaT


def write_table(name: str, rows: list[dict] | pd.DataFrame, out_dir: Path) -> Path:
    """Write ``name.parquet`` atomically; returns its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.parquet"
    table = _arrow_table(name, conform(name, rows))
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def remove_stale_temporaries(out_dir: Path) -> None:
    """Delete temporary tables left by a build that was killed (its process is gone)."""
    for path in out_dir.glob(".*.*.tmp"):
        pid = path.name.split(".")[2]
        if pid.isdigit() and not _process_alive(int(pid)):
            path.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class TableWriter:
    """Stream batches of rows into ``name.parquet`` (one row group per batch) through a
    temporary file; :meth:`commit` renames it over the target, :meth:`abort` drops it."""

    def __init__(self, name: str, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.name, self.target = name, out_dir / f"{name}.parquet"
        self.kinds = SCHEMAS[name] | EXTRA_COLUMNS.get(name, {})
        self.columns = list(SCHEMAS[name]) + sorted(EXTRA_COLUMNS.get(name, {}))
        self.schema = _arrow_table(name, pd.DataFrame({c: [] for c in self.columns}, dtype=object)).schema
        remove_stale_temporaries(out_dir)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=".tmp", dir=out_dir)
        os.close(fd)
        self._writer = pq.ParquetWriter(self._tmp, self.schema)
        self.rows = 0

    def append(self, rows: list[dict]) -> None:
        """Write ``rows`` as one row group (nothing when empty)."""
        if not rows:
            return
        unknown = sorted(set().union(*rows).difference(self.columns))
        if unknown:
            raise ValueError(f"table {self.name!r} got undeclared columns {unknown}: add them to EXTRA_COLUMNS")
        arrays = [_column_array(self.kinds[c], [row.get(c) for row in rows]) for c in self.columns]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows += len(rows)

    def close(self) -> None:
        """Finish the file (still under its temporary name)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def read_back(self, columns: list[str] | None = None) -> pa.Table:
        """What was written so far (closes the file), e.g. for corpus-level steps."""
        self.close()
        return pq.read_table(self._tmp, columns=columns)

    def commit(self) -> Path:
        """Close the file and move it into place atomically."""
        self.close()
        os.replace(self._tmp, self.target)
        return self.target

    def abort(self) -> None:
        """Close and delete the temporary file; the previous table stays."""
        self.close()
        if os.path.exists(self._tmp):
            os.unlink(self._tmp)


def read_table(name: str, tables_dir: Path | str = config.PROCESSED_DIR) -> pd.DataFrame:
    """Read one table written by the build (nullable dtypes, lists as Python lists)."""
    path = Path(tables_dir) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run `python -m analysis build` first")
    frame = pq.read_table(path).to_pandas(types_mapper=_nullable)
    for column, kind in SCHEMAS[name].items():
        if kind == LIST and column in frame:
            frame[column] = [list(v) if v is not None else [] for v in frame[column]]
    return frame


def _nullable(arrow_type: pa.DataType):
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    return None
