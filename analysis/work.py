"""The unit of work the build distributes: one raw record in, everything per-document out.

:func:`process_record` turns a record into its ``documents`` row, the MinHash signature
the build's near-duplicate index needs, and (for ``ok`` documents) the rows of every
per-document table. It runs in worker processes or on a Dask cluster, so its inputs
and outputs are plain picklable, JSON-able values; its result is what the cache stores.
"""
from __future__ import annotations

from .corpus import RawRecord, finish_record

Task = tuple[RawRecord, "dict[str, str] | None"]
"""A raw record and its ``metadata.csv`` overrides."""


def process_record(record: RawRecord, overrides: dict[str, str] | None = None) -> dict:
    """``{"document": row, "signature": [...] | None, "tables": {table: rows}}``."""
    # imported here, not with the module: the build imports it before starting its workers
    from .documents import document_row

    row = document_row(finish_record(record), overrides)
    if row["status"] != "ok":
        return {"document": row, "signature": None, "tables": {}}
    from .dedup import signature_values
    from .extract import extract_document  # spaCy only where extraction runs

    tables = extract_document(row["text"], doc_id=row["doc_id"], published=row["published"])
    return {"document": row, "signature": signature_values(row["text"]), "tables": tables}


def process_chunk(tasks: list[Task]) -> list[dict]:
    """:func:`process_record` over a chunk of tasks, in order."""
    return [process_record(record, overrides) for record, overrides in tasks]


WARM_UP_CAPTURE = ("Delegations meet in Istanbul\nPublished May 19, 2025\n\n"
                   "ISTANBUL, May 19 (Reuters) - Russian and Ukrainian delegations held talks in Istanbul on "
                   "Monday, officials said. At least 12 civilians were killed in a strike on Sumy overnight, Kyiv "
                   "said. \"We are ready for a ceasefire,\" Zelensky said on Sunday.\n")


def warm_worker() -> None:
    """Load what :func:`process_record` loads lazily (its modules, the pipeline, the
    lexicons; lexicon patterns compile when a text first needs them) by processing one
    short capture; later calls do nothing."""
    global _warm
    if not _warm:
        process_record(RawRecord("warm-up.txt", "warm-up.txt", "txt", WARM_UP_CAPTURE))
        _warm = True


_warm = False
