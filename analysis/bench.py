"""``python -m analysis bench``: speed and memory figures for the build. Prints, never asserts.

It generates a synthetic corpus of N articles by recombining sentences of the bundled
corpus with varied names, numbers and dates (so documents are not near-duplicates),
then times, on the same texts and in the same run:

- the reference: bare ``spacy.blank("en")`` plus a sentencizer over all texts;
- the full build with 1 process and with all cores (no cache);
- a rebuild with nothing changed, and one after changing one file (with the cache);
- optionally (``--reports``) ``make reports`` on the bundled corpus against papermill
  running the same number of trivial notebooks (the floor).

Each build runs in a child process; its peak resident memory comes from ``wait4``.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run_child(args: list[str]) -> tuple[float, float]:
    """Run a command; (wall seconds, peak RSS in MB of the child and its children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


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


def reports_figures(work: Path) -> list[tuple[str, str]]:
    """``make reports`` (tables already built) against papermill's trivial-notebook floor."""
    from .report import NOTEBOOKS

    floor_start = time.perf_counter()
    for i in range(len(NOTEBOOKS)):
        nb = work / f"trivial{i}.ipynb"
        trivial_notebook(nb)
        subprocess.run([sys.executable, "-m", "papermill", "-k", "python3", str(nb), str(work / f"out{i}.ipynb")],
                       check=True, capture_output=True)
    floor = time.perf_counter() - floor_start
    reports, _ = run_child([sys.executable, "-m", "analysis", "report", "--out", str(work / "reports")])
    return [("trivial notebooks (floor)", f"{floor:.1f} s"), ("make reports", f"{reports:.1f} s"),
            ("reports / floor", f"{reports / floor:.2f}×")]


def main(n: int = 2000, *, reports: bool = False) -> None:
    """Run the benchmark and print a table of figures."""
    from .build import default_jobs

    work = Path(tempfile.mkdtemp(prefix="analysis-bench-"))
    cores = default_jobs()
    try:
        corpus = work / "corpus"
        paths = generate_corpus(corpus, n)
        ref_s, words = reference_seconds(corpus)
        one_s, one_rss = run_child(build_command(corpus, work / "t1", jobs=1, cache=None))
        all_s, all_rss = run_child(build_command(corpus, work / "tn", jobs=cores, cache=None))
        cache = work / "cache"
        run_child(build_command(corpus, work / "tc", jobs=cores, cache=cache))
        same_s, _ = run_child(build_command(corpus, work / "tc", jobs=cores, cache=cache))
        paths[len(paths) // 2].write_text(paths[len(paths) // 2].read_text() + "\nOne more sentence was added.\n")
        one_changed_s, _ = run_child(build_command(corpus, work / "tc", jobs=cores, cache=cache))
        rows = [
            ("articles", f"{n:,}"), ("words", f"{words:,}"),
            ("reference: blank('en') + sentencizer", f"{ref_s:.1f} s, {n / ref_s:,.0f} docs/s, {words / ref_s:,.0f} words/s"),
            ("full build, 1 process", f"{one_s:.1f} s, {n / one_s:,.0f} docs/s, {words / one_s:,.0f} words/s, peak RSS {one_rss:,.0f} MB"),
            (f"full build, {cores} processes", f"{all_s:.1f} s, {n / all_s:,.0f} docs/s, peak RSS {all_rss:,.0f} MB"),
            ("build throughput / reference (1 process)", f"{ref_s / one_s:.2f}×"),
            (f"speed-up on {cores} cores", f"{one_s / all_s:.2f}×"),
            ("rebuild, nothing changed", f"{same_s:.1f} s"),
            ("rebuild, one file changed", f"{one_changed_s:.1f} s (+{(one_changed_s - same_s) / all_s * 100:.1f}% of a full build)"),
        ]
        if reports:
            rows += reports_figures(work)
        width = max(len(k) for k, _ in rows)
        print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)
