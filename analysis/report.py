"""``python -m analysis report``: tables (rebuilt if the corpus changed), then notebooks
00–03 executed by papermill into the reports folder, exported to HTML (code hidden),
and an ``index.html`` linking them.

If a notebook fails, the run stops with :class:`ReportError` naming the notebook and
the failing cell; papermill keeps the partially executed notebook in the reports folder.
"""
from __future__ import annotations

import hashlib
import html
import json
import logging
from pathlib import Path
from typing import Callable

from . import config
from .build import build, default_jobs
from .cache import pipeline_version
from .corpus import iter_corpus_files

log = logging.getLogger(__name__)

NOTEBOOKS = ("00-corpus-overview.ipynb", "01-casualty-figures.ipynb", "02-talk-rounds.ipynb",
             "03-stance-shifts.ipynb")
MANIFEST = "build.json"
KERNEL = "python3"


class ReportError(RuntimeError):
    """A notebook failed; the message names it and the failing cell."""


def corpus_fingerprint(corpus_dir: Path) -> str:
    """Hash of every corpus file's path, size and modification time."""
    digest = hashlib.sha256()
    for path, problem in iter_corpus_files(corpus_dir):
        digest.update(path.relative_to(corpus_dir).as_posix().encode("utf-8", "surrogateescape"))
        if problem is None:
            stat = path.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def ensure_tables(corpus_dir: Path, tables_dir: Path, *, jobs: int | None = None) -> bool:
    """Build the tables unless ``tables_dir`` already holds a build of this corpus with
    this pipeline. Returns whether it built."""
    stamp = {"corpus": str(corpus_dir.resolve()), "fingerprint": corpus_fingerprint(corpus_dir),
             "pipeline": pipeline_version()}
    manifest = tables_dir / MANIFEST
    if manifest.exists() and _read_json(manifest) == stamp and (tables_dir / "documents.parquet").exists():
        return False
    build(corpus_dir, tables_dir, jobs=jobs)
    manifest.write_text(json.dumps(stamp, indent=1, sort_keys=True))
    return True


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def notebook_parameters(notebook: Path) -> set[str]:
    """Names declared in a notebook's ``parameters`` cell."""
    import papermill

    return set(papermill.inspect_notebook(str(notebook)))


def run_notebook(notebook: Path, output: Path, parameters: dict, *, kernel: str = KERNEL) -> None:
    """Execute one notebook with papermill; :class:`ReportError` names the failing cell.
    The kernel starts in the notebook's folder (nbclient's resource path), not through
    papermill's ``cwd``, which changes the whole process's directory and so breaks
    relative paths of notebooks running at the same time in other threads."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    declared = notebook_parameters(notebook)
    given = {k: v for k, v in parameters.items() if k in declared and v is not None}
    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=given, kernel_name=kernel,
                                   resources={"metadata": {"path": str(notebook.parent)}},
                                   progress_bar=False, log_output=False)
    except PapermillExecutionError as exc:
        raise ReportError(f"{notebook.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
                          f"(partial notebook kept at {output})") from None


def strip_run_metadata(notebook: Path) -> None:
    """Drop papermill's timings and timestamps from a notebook (keeps stored
    notebooks stable under version control; outputs are untouched)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, notebook)


def export_html(executed: Path) -> Path:
    """HTML of an executed notebook with code cells hidden (narrative, tables, charts kept)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    target = executed.with_suffix(".html")
    target.write_text(body, encoding="utf-8")
    return target


def write_index(out_dir: Path, reports: list[Path], summary_lines: list[str]) -> Path:
    """``index.html`` linking every report, with the corpus summary (all text escaped)."""
    items = "\n".join(f'<li><a href="{html.escape(p.name)}">{html.escape(p.stem)}</a></li>' for p in reports)
    summary = "\n".join(f"<li>{html.escape(line)}</li>" for line in summary_lines)
    page = (f"<!doctype html>\n<html><head><meta charset='utf-8'><title>News analysis reports</title></head>\n"
            f"<body><h1>News analysis reports</h1>\n<h2>Reports</h2><ol>\n{items}\n</ol>\n"
            f"<h2>Corpus</h2><ul>\n{summary}\n</ul></body></html>\n")
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def corpus_summary_lines(tables_dir: Path) -> list[str]:
    """One line per document status plus the size of each table."""
    from .tables import read_table

    documents = read_table("documents", tables_dir)
    lines = [f"{status}: {n} documents" for status, n in sorted(documents["status"].value_counts().items())]
    for name in config.TABLE_NAMES[1:]:
        lines.append(f"{name}: {len(read_table(name, tables_dir))} rows")
    return lines


def run_reports(*, corpus_dir: Path = config.RAW_DIR, tables_dir: Path = config.PROCESSED_DIR,
                out_dir: Path = config.REPORTS_DIR, parameters: dict | None = None, jobs: int | None = None,
                kernel: str = KERNEL, echo: Callable[[str], None] = lambda line: None) -> Path:
    """Run the whole report pipeline; returns the path of ``index.html``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if ensure_tables(corpus_dir, tables_dir, jobs=jobs):
        echo(f"built tables from {corpus_dir} into {tables_dir}")
    params = {"corpus_dir": str(corpus_dir.resolve()), "tables_dir": str(tables_dir.resolve()),
              "figures_dir": str((out_dir / "figures").resolve()), **(parameters or {})}
    reports = run_notebooks(out_dir, params, jobs=jobs or default_jobs(), kernel=kernel, echo=echo)
    return write_index(out_dir, reports, corpus_summary_lines(tables_dir))


def run_notebooks(out_dir: Path, params: dict, *, jobs: int, kernel: str = KERNEL,
                  echo: Callable[[str], None] = lambda line: None) -> list[Path]:
    """Execute and export every notebook, ``jobs`` at a time (each runs in its own
    kernel process); returns the HTML reports in notebook order. If any notebook
    fails, the first failure in notebook order is raised once all have stopped."""
    from concurrent.futures import ThreadPoolExecutor

    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)

    def one(name: str) -> Path:
        executed = out_dir / name
        run_notebook(config.NOTEBOOKS_DIR / name, executed, params, kernel=kernel)
        report = export_html(executed)
        echo(f"done: {name}")
        return report

    echo(f"running {len(NOTEBOOKS)} notebooks, {min(jobs, len(NOTEBOOKS))} at a time")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(one, name) for name in NOTEBOOKS]
    return [future.result() for future in futures]
