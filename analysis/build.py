"""``python -m analysis build``: corpus folder in, the five Parquet tables out.

Steps (each reads only what the previous one produced):

1. read every file/record (:mod:`analysis.corpus`) and make ``documents`` rows
   (cleaning, title/outlet, date; :mod:`analysis.documents`); mark near-duplicates;
2. extract per document (:mod:`analysis.extract`) for ``ok`` documents — cached by
   content hash and pipeline version, in parallel over ``jobs`` processes, or on a
   Dask cluster (``scheduler``);
3. corpus-level steps on the per-document rows only: talk consolidation and shifts;
4. write every table atomically.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from . import config
from .cache import ResultCache, document_key
from .corpus import CorpusError, check_corpus_dir, read_metadata, read_records
from .documents import document_row, mark_duplicates
from .extract import PER_DOCUMENT_TABLES
from .shifts import find_shifts
from .tables import conform, write_table
from .talks import consolidate_talks

log = logging.getLogger(__name__)

BATCH_SIZE = 64
"""Documents handed to the workers at a time; results are cached per batch."""

MIN_PARALLEL_TASKS = 24
"""Below this many uncached documents, starting worker processes costs more than it saves."""


@dataclass
class BuildSummary:
    """What a build did, for the CLI summary and the notebooks."""

    corpus_dir: str
    out_dir: str
    counts: dict[str, int] = field(default_factory=dict)
    dated: int = 0
    removed_chars: int = 0
    cached: int = 0
    extracted: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """A short human-readable summary."""
        c = self.counts
        return [
            f"documents: {c.get('ok', 0)} ok, {c.get('duplicate', 0)} duplicate, {c.get('rejected', 0)} rejected "
            f"({self.dated} dated); boilerplate removed: {self.removed_chars:,} characters",
            f"extraction: {self.extracted} documents processed, {self.cached} from cache",
            "tables: " + ", ".join(f"{name} {n}" for name, n in self.rows.items()),
            f"written to {self.out_dir}",
        ]


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def build(corpus_dir: Path | str = config.RAW_DIR, out_dir: Path | str = config.PROCESSED_DIR, *,
          jobs: int | None = None, cache_dir: Path | str | None = config.CACHE_DIR,
          scheduler: str | None = None, strict: bool = False,
          progress: Callable[[Iterable, int], Iterable] | None = None) -> BuildSummary:
    """Build every table from ``corpus_dir`` into ``out_dir``; see the module docstring.

    Raises :class:`CorpusError` when the folder is missing or nothing in it is readable,
    or (with ``strict``) when any input was rejected.
    """
    root = check_corpus_dir(Path(corpus_dir))
    out = Path(out_dir)
    metadata = read_metadata(root)
    rows = [document_row(record, metadata.get(record.doc_id)) for record in read_records(root)]
    if not any(r["status"] == "ok" for r in rows):
        raise CorpusError(f"no readable document in {root}" + _rejection_hint(rows))
    if strict and any(r["status"] == "rejected" for r in rows):
        raise CorpusError("rejected inputs (--strict):" + _rejection_hint(rows))
    mark_duplicates(rows)
    documents = conform("documents", rows)

    summary = BuildSummary(str(root), str(out))
    tasks = [(r["doc_id"], r["text"], r["published"]) for r in rows if r["status"] == "ok"]
    cache = ResultCache(Path(cache_dir) / "extraction.sqlite" if cache_dir else None)
    try:
        per_doc = _collect(_results(tasks, cache, jobs=jobs or default_jobs(), scheduler=scheduler,
                                    progress=progress, summary=summary))
    finally:
        cache.close()

    tables = {"documents": documents, **per_doc}
    tables["talks"] = consolidate_talks(per_doc["talk_mentions"])
    tables["shifts"] = find_shifts(per_doc["statements"], per_doc["reported_shifts"])
    for name, frame in tables.items():
        write_table(name, frame, out)
        summary.rows[name] = len(frame)
    summary.counts = documents["status"].value_counts().to_dict()
    summary.dated = int(documents["published"].notna().sum())
    summary.removed_chars = int(documents["removed"].fillna(0).sum())
    return summary


def _rejection_hint(rows: list[dict]) -> str:
    rejected = [r for r in rows if r["status"] == "rejected"]
    shown = "; ".join(f"{r['doc_id']}: {r['reason']}" for r in rejected[:5])
    more = f" (+{len(rejected) - 5} more)" if len(rejected) > 5 else ""
    return f" — {shown}{more}" if shown else " — the folder holds no files"


def _results(tasks: list[tuple[str, str, str | None]], cache: ResultCache, *, jobs: int,
             scheduler: str | None, progress, summary: BuildSummary) -> Iterator[dict[str, list[dict]]]:
    """Per-document results in task order, from the cache or freshly extracted."""
    bar = progress(range(len(tasks)), len(tasks)) if progress else None
    ticks = iter(bar) if bar is not None else None
    with _Executor(jobs=jobs, scheduler=scheduler) as executor:
        for start in range(0, len(tasks), BATCH_SIZE * max(1, jobs)):
            batch = tasks[start:start + BATCH_SIZE * max(1, jobs)]
            keys = [_task_key(task) for task in batch]
            cached = cache.get_many(keys)
            todo = [task for task, key in zip(batch, keys) if key not in cached]
            fresh = dict(zip([_task_key(t) for t in todo], executor.map(todo)))
            cache.put_many(sorted(fresh.items()))
            summary.cached += len(batch) - len(todo)
            summary.extracted += len(todo)
            for key in keys:
                if ticks is not None:
                    next(ticks, None)
                yield cached.get(key) or fresh[key]


def _task_key(task: tuple[str, str, str | None]) -> str:
    doc_id, text, published = task
    return document_key(doc_id, published, text)


def _collect(results: Iterable[dict[str, list[dict]]]) -> dict[str, pd.DataFrame]:
    """Concatenate per-document rows into one frame per per-document table."""
    collected: dict[str, list[dict]] = {name: [] for name in PER_DOCUMENT_TABLES}
    for result in results:
        for name in PER_DOCUMENT_TABLES:
            collected[name].extend(result.get(name, []))
    return {name: conform(name, rows) for name, rows in collected.items()}


def _extract_task(task: tuple[str, str, str | None]) -> dict[str, list[dict]]:
    from .extract import extract_document

    doc_id, text, published = task
    return extract_document(text, doc_id=doc_id, published=published)


def _warm_worker() -> None:
    from .nlp import get_nlp

    get_nlp()


class _Executor:
    """Map :func:`_extract_task` over tasks: in-process, a process pool, or Dask."""

    def __init__(self, *, jobs: int, scheduler: str | None):
        self.jobs, self.scheduler = jobs, scheduler
        self._pool = self._client = self._cluster = None

    def __enter__(self) -> "_Executor":
        if self.scheduler:
            from dask.distributed import Client, LocalCluster

            if self.scheduler == "local":
                self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler)
        return self

    def map(self, tasks: list) -> list[dict[str, list[dict]]]:
        if not tasks:
            return []
        if self._client is not None:
            import dask.bag as db

            bag = db.from_sequence(tasks, npartitions=min(len(tasks), 4 * self.jobs))
            return bag.map(_extract_task).compute(scheduler=self._client)
        if self.jobs > 1 and len(tasks) >= MIN_PARALLEL_TASKS:
            chunk = max(1, len(tasks) // (4 * self.jobs))
            return self._process_pool().map(_extract_task, tasks, chunksize=chunk)
        return [_extract_task(task) for task in tasks]

    def _process_pool(self):
        """Worker processes, started on first use (each loads the pipeline once)."""
        if self._pool is None:
            import multiprocessing

            self._pool = multiprocessing.get_context("spawn").Pool(self.jobs, initializer=_warm_worker)
        return self._pool

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
