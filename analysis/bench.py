"""``python -m analysis bench``: speed and memory figures for the build. Prints, never asserts.

It generates a synthetic corpus of N articles by recombining sentences of the bundled
corpus with varied names, numbers and dates (so documents are not near-duplicates),
then times, on the same texts and in the same run:

- the reference: bare ``spacy.blank("en")`` plus a sentencizer over all texts;
- the full build with 1 process and with all cores (no cache);
- a rebuild with nothing changed, and one after changing one file (with the cache);

each timed ``--repeat`` times (default 3) and reported by the median, since timings on
a shared machine vary from run to run;
- where the time goes: milliseconds per article of each stage of the per-document work
  (cleaning and dating, MinHash, the tokenizer, each pipeline component, each
  extractor) in one process on a sample, next to the reference on the same sample;
- optionally (``--reports``) ``make reports`` on the bundled corpus against papermill
  running the same number of trivial notebooks (the floor).

Each build runs in a child process; its peak memory is that of its whole process tree
(main process, fork server and workers), sampled every 0.2 s, as PSS (proportional set
size: pages the workers share with the fork server are divided among them, so the sum is
the tree's physical memory) and as summed RSS (which counts shared pages once per process).
"""
from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

from . import config

NAMES = ["Sergei Lavrov", "Dmytro Kuleba", "Dmitry Peskov", "Volodymyr Zelenskyy", "Vladimir Putin",
         "Donald Trump", "Steve Witkoff", "Marco Rubio", "Hakan Fidan", "Mark Rutte", "Rustem Umerov"]
PLACES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Sumy", "Zaporizhzhia", "Mykolaiv", "Kherson", "Lviv", "Poltava"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def corpus_sentences(corpus_dir: Path = config.RAW_DIR) -> list[str]:
    """Body sentences of the bundled corpus (after cleaning), the material to recombine."""
    from .cleaning import clean_capture
    from .corpus import read_records

    sentences = []
    for record in read_records(corpus_dir):
        if record.text:
            for line in clean_capture(record.text).text.split("\n"):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line) if len(s.strip()) > 40]
    return sorted(set(sentences))


def vary(sentence: str, rng: random.Random) -> str:
    """The sentence with other names, places, numbers and weekdays."""
    out = re.sub(r"\d[\d,.]*", lambda m: f"{rng.randint(2, 9999):,}", sentence)
    for group in (NAMES, PLACES, WEEKDAYS):
        for word in group:
            if word in out:
                out = out.replace(word, rng.choice(group))
    return out


def synthetic_article(i: int, sentences: list[str], rng: random.Random) -> str:
    """One article: a dateline with its own date and 12–25 varied sentences."""
    year, month, day = rng.choice([2022, 2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28)
    place = rng.choice(PLACES).upper()
    body = [vary(s, rng) for s in rng.sample(sentences, k=min(len(sentences), rng.randint(12, 25)))]
    head = f"Report {i}: {vary(rng.choice(sentences), rng)[:70]}\n\n{MONTHS[month - 1]} {day}, {year}\n\n"
    return head + f"{place}, {MONTHS[month - 1]} {day} (Wire) - " + "\n\n".join(body) + "\n"


def generate_corpus(folder: Path, n: int, *, seed: int = 7) -> list[Path]:
    """Write ``n`` synthetic articles into ``folder`` (100 per sub-folder)."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    paths = []
    for i in range(n):
        path = folder / f"{i // 100:04d}" / f"a{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic_article(i, sentences, rng), encoding="utf-8")
        paths.append(path)
    return paths


class Run(NamedTuple):
    """A timed child process: wall seconds and peak memory of its process tree in MB."""

    seconds: float
    rss_mb: float
    """Summed resident memory (or the largest single process from ``wait4`` if that is more)."""
    pss_mb: float
    """Summed proportional memory: the tree's physical memory."""


def run_child(args: list[str]) -> Run:
    """Run a command and time it; its process tree's memory is sampled every 0.2 s."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = _TreeMemorySampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        sampler.stop()
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed: {errors.read().decode(errors='replace')[-500:]}")
    return Run(elapsed, max(sampler.peak_mb, usage.ru_maxrss / 1024), sampler.peak_pss_mb)


class _TreeMemorySampler(threading.Thread):
    """Peaks of the summed memory of a process and all its descendants: resident (RSS,
    which counts pages that forked workers share with the fork server once per process)
    and proportional (PSS, shared pages divided among their sharers: the tree's physical
    memory)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.peak_pss_mb, self._done = pid, 0.0, 0.0, threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.wait(0.2):
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:  # the process has ended
                return
            rss = pss = 0
            for proc in tree:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)  # PSS is Linux-only
            self.peak_mb = max(self.peak_mb, rss / 2**20)
            self.peak_pss_mb = max(self.peak_pss_mb, pss / 2**20)

    def stop(self) -> None:
        self._done.set()
        self.join()


def reference_seconds(folder: Path) -> tuple[float, int]:
    """Bare spacy.blank('en') + sentencizer over every text; (seconds, words)."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - start, words


def build_command(corpus: Path, out: Path, *, jobs: int, cache: Path | None) -> list[str]:
    args = [sys.executable, "-m", "analysis", "build", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    return args + (["--cache-dir", str(cache)] if cache else ["--no-cache"])


def trivial_notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import pandas as pd\nimport matplotlib.pyplot as plt")]
    nbformat.write(nb, path)


FLOOR_SCRIPT = """
import sys, papermill
for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
    papermill.execute_notebook(src, dst, kernel_name="python3", progress_bar=False, log_output=False)
"""


def reports_figures(work: Path) -> list[tuple[str, str]]:
    """``make reports`` (tables up to date) against the floor: one Python process in which
    papermill executes, one after another, as many trivial notebooks as there are reports."""
    from .report import NOTEBOOKS

    tables = work / "tables"
    run_child([sys.executable, "-m", "analysis", "build", str(config.RAW_DIR), "--out", str(tables)])
    pairs = []
    for i in range(len(NOTEBOOKS)):
        trivial_notebook(work / f"trivial{i}.ipynb")
        pairs += [str(work / f"trivial{i}.ipynb"), str(work / f"out{i}.ipynb")]
    floor = run_child([sys.executable, "-c", FLOOR_SCRIPT, *pairs]).seconds
    ensure = [sys.executable, "-m", "analysis", "report", "--tables", str(tables), "--out", str(work / "reports")]
    run_child(ensure)  # writes the build manifest, so the timed run below only runs notebooks
    reports = run_child(ensure).seconds
    return [(f"papermill floor: {len(NOTEBOOKS)} trivial notebooks", f"{floor:.1f} s"),
            ("make reports (tables up to date)", f"{reports:.1f} s"), ("reports / floor", f"{reports / floor:.2f}×")]


def build_figures(corpus: Path, work: Path, n: int, cores: int, repeat: int = 3) -> list[tuple[str, str]]:
    """The reference, full builds on 1 and all cores, and the two cached rebuilds; each
    timed ``repeat`` times (the 1-core and all-core builds alternate, so that a slow spell
    of a shared machine hits both) and reported by the median."""
    refs = [reference_seconds(corpus) for _ in range(repeat)]
    ref_s, words = statistics.median(s for s, _ in refs), refs[0][1]
    ones, alls = [], []
    for _ in range(repeat):
        ones.append(run_child(build_command(corpus, work / "t1", jobs=1, cache=None)))
        alls.append(run_child(build_command(corpus, work / "tn", jobs=cores, cache=None)))
    one_s, all_s = statistics.median(r.seconds for r in ones), statistics.median(r.seconds for r in alls)
    same, changed = _rebuild_times(corpus, work, cores, repeat)
    extra = [c - s for s, c in zip(same, changed)]
    return [
        ("words", f"{words:,}"),
        ("runs per figure (median; min–max)", str(repeat)),
        ("reference: blank('en') + sentencizer", f"{ref_s:.1f} s, {n / ref_s:,.0f} docs/s, {words / ref_s:,.0f} words/s"),
        ("full build, 1 process", f"{one_s:.1f} s ({_spread(ones)}), {n / one_s:,.0f} docs/s, "
                                  f"{words / one_s:,.0f} words/s, peak memory {_peak_memory(ones)}"),
        (f"full build, {cores} processes", f"{all_s:.1f} s ({_spread(alls)}), {n / all_s:,.0f} docs/s, "
                                           f"{words / all_s:,.0f} words/s, peak memory {_peak_memory(alls)}"),
        ("throughput / reference, 1 process", f"{ref_s / one_s:.2f}×"),
        (f"throughput / reference, {cores} processes", f"{ref_s / all_s:.2f}×"),
        (f"speed-up on {cores} cores", f"{one_s / all_s:.2f}× (run by run: "
                                       f"{', '.join(f'{o[0] / a[0]:.2f}' for o, a in zip(ones, alls))})"),
        ("rebuild, nothing changed", f"{statistics.median(same):.1f} s ({min(same):.1f}–{max(same):.1f})"),
        ("rebuild, one file changed", f"{statistics.median(changed):.1f} s; extra "
                                      f"{statistics.median(extra):+.2f} s = {statistics.median(extra) / all_s * 100:+.1f}% "
                                      f"of the {cores}-process build (run by run: "
                                      f"{', '.join(f'{e:+.2f} s' for e in extra)})"),
    ]


def _rebuild_times(corpus: Path, work: Path, cores: int, repeat: int) -> tuple[list[float], list[float]]:
    """Cached rebuilds: ``repeat`` pairs of (nothing changed, one other file changed)."""
    cache = work / "cache"
    command = build_command(corpus, work / "tc", jobs=cores, cache=cache)
    run_child(command)  # fills the cache
    files = sorted(corpus.rglob("*.txt"))
    same, changed = [], []
    for k in range(repeat):
        same.append(run_child(command).seconds)
        target = files[(len(files) // 2 + k * 7) % len(files)]
        target.write_text(target.read_text(encoding="utf-8") + "\nOne more sentence was added.\n", encoding="utf-8")
        changed.append(run_child(command).seconds)
    return same, changed


def _spread(runs: list[Run]) -> str:
    seconds = [r.seconds for r in runs]
    return f"{min(seconds):.1f}–{max(seconds):.1f}"


def _peak_memory(runs: list[Run]) -> str:
    return f"{max(r.pss_mb for r in runs):,.0f} MB PSS ({max(r.rss_mb for r in runs):,.0f} MB summed RSS)"


STAGE_SAMPLE = 200
"""Articles timed stage by stage (in the benchmark's own process)."""


def stage_times(corpus: Path, sample: int = STAGE_SAMPLE) -> tuple[dict[str, float], float, int]:
    """Seconds spent in each stage of the per-document work over the first ``sample``
    articles, the reference's seconds on the same cleaned texts, and the articles timed.

    The stages are those of :func:`analysis.work.process_record`, run one by one on a
    warmed-up pipeline, so their sum is one process's cost per article."""
    import spacy

    from .corpus import finish_record, read_records
    from .dedup import signature_values
    from .documents import document_row
    from .extract import EXTRACTORS
    from .nlp import get_nlp
    from .work import warm_worker

    warm_worker()
    nlp, records = get_nlp(), list(itertools.islice(read_records(corpus), sample))
    seconds: dict[str, float] = {}

    def timed(stage: str, work, *args, **kwargs):
        start = time.perf_counter()
        result = work(*args, **kwargs)
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - start
        return result

    texts = []
    for record in records:
        row = timed("cleaning and dating", lambda: document_row(finish_record(record), None))
        if row["status"] != "ok":
            continue
        texts.append(row["text"])
        timed("MinHash signature", signature_values, row["text"])
        doc = timed("spaCy tokenizer", nlp.make_doc, row["text"])
        for name, component in nlp.pipeline:
            doc = timed(f"spaCy component {name}", component, doc)
        for table, extract in EXTRACTORS.items():
            timed(f"extract {table}", extract, doc, doc_id=row["doc_id"], published=row["published"])
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    passes = []
    for _ in range(3):  # the median pass: the first one also fills the tokenizer's caches
        start = time.perf_counter()
        for _ in reference.pipe(texts, batch_size=64):
            pass
        passes.append(time.perf_counter() - start)
    return seconds, statistics.median(passes), len(records)


def stage_figures(corpus: Path, cores: int, sample: int = STAGE_SAMPLE) -> list[tuple[str, str]]:
    """:func:`stage_times` as ms per article, with what they imply for throughput: the
    best ratio to the reference that ``cores`` processes could reach if they did nothing
    but run the spaCy pipeline (tokenizer and components)."""
    seconds, reference, n = stage_times(corpus, sample)
    per = {stage: s / n * 1000 for stage, s in seconds.items()}
    spacy_ms = sum(ms for stage, ms in per.items() if stage.startswith("spaCy"))
    rows = [(f"per article, 1 process, first {n} articles", ""),
            ("  reference (same cleaned texts)", f"{reference / n * 1000:.2f} ms")]
    rows += [(f"  {stage}", f"{ms:.2f} ms") for stage, ms in per.items()]
    rows += [("  all stages", f"{sum(per.values()):.2f} ms"),
             (f"throughput / reference, {cores} processes, spaCy pipeline alone (bound)",
              f"{cores * reference / n * 1000 / spacy_ms:.2f}×")]
    return rows


def scale_figures(corpus: Path, work: Path, n: int, cores: int) -> list[tuple[str, str]]:
    """Only the full build on all cores: time and peak memory (for very large N)."""
    run = run_child(build_command(corpus, work / "tn", jobs=cores, cache=None))
    return [(f"full build, {cores} processes", f"{run.seconds:.1f} s, {n / run.seconds:,.0f} docs/s"),
            ("peak memory of the process tree", _peak_memory([run]))]


def main(n: int = 2000, *, reports: bool = False, scale_only: bool = False, repeat: int = 3) -> None:
    """Run the benchmark and print a table of figures."""
    from .build import default_jobs

    work = Path(tempfile.mkdtemp(prefix="analysis-bench-"))
    cores = default_jobs()
    try:
        corpus = work / "corpus"
        start = time.perf_counter()
        generate_corpus(corpus, n)
        rows = [("articles", f"{n:,} (generated in {time.perf_counter() - start:.0f} s)"), ("cores", str(cores))]
        rows += scale_figures(corpus, work, n, cores) if scale_only else build_figures(corpus, work, n, cores, repeat)
        if not scale_only:
            rows += stage_figures(corpus, cores)
        if reports:
            rows += reports_figures(work)
        width = max(len(k) for k, _ in rows)
        print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)
