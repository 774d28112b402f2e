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
    schema = SCHEMAS[name]
    arrays, fields = [], []
    for column in frame.columns:
        values = [None if _is_missing(v) else v for v in frame[column].tolist()]
        kind = schema.get(column)
        if kind == LIST:
            values = [None if v is None else [str(x) for x in v] for v in values]
        elif kind == INT:
            values = [None if v is None else int(v) for v in values]
        elif kind == BOOL:
            values = [None if v is None else bool(v) for v in values]
        elif kind == STR:
            values = [None if v is None else str(v) for v in values]
        arrow_type = _ARROW.get(kind) if kind else None
        arrays.append(pa.array(values, type=arrow_type))
        fields.append(pa.field(column, arrays[-1].type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


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
