"""``python -m analysis build``: corpus folder in, the seven Parquet tables out.

The build streams: records are read in batches, and each batch flows through

1. the cache (SQLite, keyed by the record's content and the pipeline version) and, for
   what is not cached, :func:`analysis.work.process_record` — cleaning, dating, the
   MinHash signature and every per-document extractor — in-process, in ``jobs`` worker
   processes, or on a Dask cluster (``scheduler``); the next batch is read while the
   workers run;
2. the near-duplicate index, in corpus order (the first of a group is kept);
3. the table writers, which append one Parquet row group per batch to temporary files.

Nothing per document stays in memory but the near-duplicate index. Once the workers
have stopped, talk consolidation and shifts read the talk mentions, statements and
reported shifts back from the temporary files; then every table is moved into place.
A failed or killed build leaves the previous tables untouched.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator


from . import config
from .cache import ResultCache, record_key
from .corpus import CorpusError, check_corpus_dir, iter_corpus_files, read_metadata, read_records
from .work import Task, process_chunk, process_record, warm_worker

if TYPE_CHECKING:
    from .dedup import NearDuplicateIndex

log = logging.getLogger(__name__)

BATCH_SIZE = 64
"""Records per worker and batch; results are cached and written per batch."""

CHUNK_SIZE = 8
"""Records handed to a worker at a time."""

MAX_AHEAD = 16
"""Batches read and handed out beyond the oldest unfinished one (bounds what waits in memory)."""

MIN_PARALLEL_TASKS = 24
"""Below this many uncached records in a batch, worker processes cost more than they save."""

SHIFT_INPUT_COLUMNS = ("doc_id", "speaker", "side", "topic", "stance", "date", "sentence", "start")
"""The statement columns :func:`analysis.shifts.find_shifts` reads."""


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
          progress: Callable[[int], Any] | None = None) -> BuildSummary:
    """Build every table from ``corpus_dir`` into ``out_dir``; see the module docstring.

    ``progress(total_files)`` may return a tqdm-like bar (``update(n)``, ``close()``).
    Raises :class:`CorpusError` when the folder is missing or nothing in it is readable,
    or (with ``strict``) as soon as an input is rejected.
    """
    root = check_corpus_dir(Path(corpus_dir))
    metadata = read_metadata(root)
    jobs = jobs or default_jobs()
    summary = BuildSummary(str(root), str(Path(out_dir)))
    sink = _TableSink(Path(out_dir), strict=strict)
    files = sum(1 for _ in iter_corpus_files(root))
    cache = ResultCache(Path(cache_dir) / "extraction.sqlite" if cache_dir else None)
    bar = None
    try:
        tasks = ((record, metadata.get(record.doc_id)) for record in read_records(root, defer_html=True))
        with _Executor(jobs=jobs, scheduler=scheduler, files=files) as executor:
            bar = progress(files) if progress else None  # after the fork server starts: tqdm loads in 0.1 s
            for results in _batch_results(tasks, cache, executor, batch_size=BATCH_SIZE * jobs, summary=summary):
                sink.add(results)
                if bar is not None:
                    bar.update(len(results))
        if not sink.counts.get("ok"):
            raise CorpusError(f"no readable document in {root}" + _rejection_hint(sink.rejections))
        sink.finish(summary)
    except BaseException:
        sink.abort()
        raise
    finally:
        cache.close()
        if bar is not None:
            bar.close()
    return summary


def _rejection_hint(rejections: list[tuple[str, str]]) -> str:
    shown = "; ".join(f"{doc_id}: {reason}" for doc_id, reason in rejections[:5])
    more = f" (+{len(rejections) - 5} more)" if len(rejections) > 5 else ""
    return f" — {shown}{more}" if shown else " — the folder holds no files"


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    iterator = iter(tasks)
    while batch := list(islice(iterator, size)):
        yield batch


def _batch_results(tasks: Iterable[Task], cache: ResultCache, executor: "_Executor", *, batch_size: int,
                   summary: BuildSummary) -> Iterator[list[dict]]:
    """Results batch by batch, in corpus order. Reading and cache lookups run ahead of the
    workers, up to :data:`MAX_AHEAD` batches past the oldest one still in work, so the
    workers always have work queued and cached batches need not wait for fresh ones."""
    pending: deque = deque()
    for batch in _batches(tasks, batch_size):
        pending.append(_submit(batch, cache, executor, summary))
        while pending and (pending[0][-1].done() or len(pending) > MAX_AHEAD):
            yield _collect(*pending.popleft(), cache)
    while pending:
        yield _collect(*pending.popleft(), cache)


def _submit(batch: list[Task], cache: ResultCache, executor: "_Executor", summary: BuildSummary):
    """Look a batch up in the cache and hand what is missing to the executor."""
    keys = [record_key(record, overrides) if record.text is not None else None for record, overrides in batch]
    cached = cache.get_many([k for k in keys if k])
    todo = [(task, key) for task, key in zip(batch, keys) if key and key not in cached]
    summary.cached += sum(1 for k in keys if k in cached)
    summary.extracted += len(todo)
    return batch, keys, cached, todo, executor.submit([task for task, _ in todo])


def _collect(batch: list[Task], keys: list[str | None], cached: dict[str, dict],
             todo: list[tuple[Task, str]], future, cache: ResultCache) -> list[dict]:
    fresh = dict(zip((key for _, key in todo), future.result()))
    cache.put_many(sorted(fresh.items()))
    # unreadable records (no key) are only a rejected row: cheap, done here
    return [process_record(record, overrides) if key is None else cached.get(key) or fresh[key]
            for (record, overrides), key in zip(batch, keys)]


class _TableSink:
    """Receives results in corpus order: marks near-duplicates, streams rows to the
    table writers, and keeps what the corpus-level steps need."""

    def __init__(self, out: Path, *, strict: bool):
        self.out, self.strict = out, strict
        self.writers: dict = {}
        self.tables: tuple[str, ...] = ()
        self.duplicates: NearDuplicateIndex | None = None
        self.counts: dict[str, int] = {}
        self.rejections: list[tuple[str, str]] = []
        self.dated = self.removed = 0

    def _open_writers(self) -> None:
        """The table writers and the near-duplicate index, set up with the first batch:
        pandas, pyarrow and datasketch load while the workers start rather than before."""
        from .dedup import NearDuplicateIndex
        from .tables import PER_DOCUMENT_TABLES, TableWriter

        self.duplicates = NearDuplicateIndex()

        self.tables = PER_DOCUMENT_TABLES
        self.writers = {name: TableWriter(name, self.out) for name in ("documents", *PER_DOCUMENT_TABLES)}

    def add(self, results: list[dict]) -> None:
        """One batch of results."""
        if not self.writers:
            self._open_writers()
        rows: dict[str, list[dict]] = {name: [] for name in self.writers}
        for result in results:
            row = dict(result["document"])
            if row["status"] == "ok":
                found = self.duplicates.offer(row["doc_id"], result["signature"])
                if found:
                    row.update(status="duplicate", duplicate_of=found[0], similarity=found[1])
                else:
                    for name in self.tables:
                        rows[name] += result["tables"].get(name, [])
            self._count(row)
            rows["documents"].append(row)
        if self.strict and self.rejections:
            raise CorpusError("rejected inputs (--strict):" + _rejection_hint(self.rejections))
        for name, writer in self.writers.items():
            writer.append(rows[name])

    def _count(self, row: dict) -> None:
        self.counts[row["status"]] = self.counts.get(row["status"], 0) + 1
        if row["status"] == "rejected":
            self.rejections.append((row["doc_id"], row["reason"]))
        self.dated += row["published"] is not None
        self.removed += row["removed"] or 0

    def finish(self, summary: BuildSummary) -> None:
        """Run the corpus-level steps on the rows written so far (read back from the
        temporary files, so nothing was held in memory while streaming) and move every
        table into place."""
        from .shifts import find_shifts
        from .tables import write_table
        from .talk_events import consolidate_talks

        self.duplicates = None  # free the index before the corpus-level steps
        written = self.writers
        mentions = written["talk_mentions"].read_back().to_pandas()
        talks = consolidate_talks(mentions)
        del mentions  # one corpus-level input in memory at a time
        statements = written["statements"].read_back(list(SHIFT_INPUT_COLUMNS)).to_pandas()
        reported = written["reported_shifts"].read_back().to_pandas()
        corpus_tables = {"talks": talks, "shifts": find_shifts(statements, reported)}
        del statements, reported
        for name, writer in self.writers.items():
            writer.commit()
            summary.rows[name] = writer.rows
        for name, frame in corpus_tables.items():
            write_table(name, frame, self.out)
            summary.rows[name] = len(frame)
        summary.counts = dict(self.counts)
        summary.dated, summary.removed_chars = self.dated, self.removed

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()


WORKER_PRELOAD = ["analysis.worker_preload"]
"""What the fork server imports once: the pipeline and lexicons, loaded (see the module)."""


def _worker_context():
    """A fork server that has loaded the pipeline (workers start warm, and nothing of the
    build's own state leaks into them); plain spawn where there is none."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


def _start_fork_server() -> bool:
    """Start the fork server now, without waiting for it (it loads the pipeline on another
    core while the build reads the corpus and the cache); False where there is none."""
    context = _worker_context()
    if context.get_start_method() != "forkserver":  # pragma: no cover - Windows
        return False
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return True


class _Done:
    """In-process work with the ``result()`` of a future: computed when first asked for."""

    def __init__(self, compute: Callable[[], list[dict]]):
        self._compute, self._value = compute, None

    def done(self) -> bool:
        return True  # nothing runs in the background: computing it now is as good as later

    def result(self) -> list[dict]:
        if self._value is None:
            self._value = self._compute()
        return self._value


class _PoolResult:
    def __init__(self, submitted):
        self._submitted = submitted  # a Future of the pool's AsyncResult

    def done(self) -> bool:
        return self._submitted.done() and self._submitted.result().ready()

    def result(self) -> list[dict]:
        return [r for chunk in self._submitted.result().get() for r in chunk]


class _DaskResult:
    def __init__(self, client, futures):
        self._client, self._futures = client, futures

    def done(self) -> bool:
        return all(future.done() for future in self._futures)

    def result(self) -> list[dict]:
        return [r for chunk in self._client.gather(self._futures) for r in chunk]


class _Executor:
    """Run :func:`analysis.work.process_chunk` over tasks: in-process, in a process pool,
    or on Dask; :meth:`submit` returns at once with a future-like ``result()``.

    With several jobs and a corpus of at least :data:`MIN_PARALLEL_TASKS` files, the fork
    server starts at once and every uncached record goes to the workers: a rebuild that
    finds one changed file then costs about that file's extraction, not seconds of
    loading spaCy (the server loads it on another core while the cache is read)."""

    def __init__(self, *, jobs: int, scheduler: str | None, files: int = 0):
        self.jobs, self.scheduler, self.files = jobs, scheduler, files
        self._pool = self._client = self._cluster = self._starter = None
        self._warm = False

    def __enter__(self) -> "_Executor":
        if self.scheduler:
            from dask.distributed import Client, LocalCluster

            if self.scheduler == "local":
                self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler)
        elif self.jobs > 1 and self.files >= MIN_PARALLEL_TASKS:
            self._warm = _start_fork_server()
        return self

    def submit(self, tasks: list[Task]):
        chunks = [tasks[i:i + CHUNK_SIZE] for i in range(0, len(tasks), CHUNK_SIZE)]
        if self._client is not None and tasks:
            return _DaskResult(self._client, self._client.map(process_chunk, chunks, pure=False))
        if tasks and self.jobs > 1 and (self._warm or len(tasks) >= MIN_PARALLEL_TASKS):
            return _PoolResult(self._pool_thread().submit(self._map, chunks))
        return _Done(lambda: process_chunk(tasks))

    def _pool_thread(self):
        """One thread that starts the worker processes on first use and hands them work:
        starting them takes seconds (the fork server imports spaCy), during which the
        build goes on reading the corpus."""
        if self._starter is None:
            from concurrent.futures import ThreadPoolExecutor

            self._starter = ThreadPoolExecutor(1, thread_name_prefix="worker-pool")
        return self._starter

    def _map(self, chunks: list[list[Task]]):
        if self._pool is None:
            self._pool = _worker_context().Pool(self.jobs, initializer=warm_worker)
        return self._pool.map_async(process_chunk, chunks, chunksize=1)

    def __exit__(self, *exc) -> None:
        if self._starter is not None:
            self._starter.shutdown(wait=True)
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
