"""Command line: ``python -m analysis build|report|bench``.

Options are validated before any work; a bad option or input is one clear line on
stderr and a non-zero exit.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import config
from .params import ParameterError, validate

VALIDATED = ("start", "end", "topics", "categories", "sides", "parties", "speakers")

EXIT_USAGE, EXIT_INPUT = 2, 1


def _progress(total: int):
    """A tqdm bar on stderr for corpora of 200 files or more; nothing for small ones."""
    if total < 200:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="building", unit="doc", file=sys.stderr)


def _jobs(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the Parquet tables from a corpus folder")
    b.add_argument("corpus", nargs="?", type=Path, default=config.RAW_DIR, help="corpus folder (default data/raw)")
    b.add_argument("--out", type=Path, default=config.PROCESSED_DIR, help="output folder (default data/processed)")
    b.add_argument("--jobs", type=_jobs, default=None, help="worker processes (default: all cores)")
    b.add_argument("--no-cache", action="store_true", help="ignore and do not write the per-document cache")
    b.add_argument("--cache-dir", type=Path, default=config.CACHE_DIR, help="cache folder (default data/cache)")
    b.add_argument("--scheduler", default=None,
                   help="run extraction on Dask: 'local' for a LocalCluster, or tcp://HOST:8786")
    b.add_argument("--strict", action="store_true", help="fail if any input is rejected")
    r = sub.add_parser("report", help="build the tables if needed and run the notebooks into reports/")
    r.add_argument("-f", "--parameters-file", type=Path, help="YAML file of notebook parameters (papermill's -f)")
    r.add_argument("--corpus", type=Path, default=config.RAW_DIR, help="corpus folder (default data/raw)")
    r.add_argument("--tables", type=Path, default=None,
                   help="tables folder (default data/processed for the bundled corpus, else OUT/tables)")
    r.add_argument("--out", type=Path, default=config.REPORTS_DIR, help="reports folder (default reports)")
    r.add_argument("--start", help="first date to include (YYYY-MM-DD)")
    r.add_argument("--end", help="last date to include (YYYY-MM-DD)")
    r.add_argument("--topics", help="comma-separated statement topics")
    r.add_argument("--categories", help="comma-separated casualty categories")
    r.add_argument("--sides", help="comma-separated casualty sides")
    r.add_argument("--parties", help="comma-separated party codes for talks")
    r.add_argument("--speakers", help="comma-separated speaker names")
    r.add_argument("--jobs", type=_jobs, default=None,
                   help="worker processes for the build and notebooks run at once (default: all cores)")
    r.add_argument("--kernel", default="python3", help="Jupyter kernel name (default python3)")
    bench = sub.add_parser("bench", help="benchmark the build on a generated corpus (prints figures)")
    bench.add_argument("-n", "--articles", type=_jobs, default=2000, help="articles to generate (default 2000)")
    bench.add_argument("--reports", action="store_true", help="also time `make reports` against a papermill floor")
    bench.add_argument("--scale-only", action="store_true",
                       help="only the all-cores build and its peak memory (for 100,000 articles)")
    bench.add_argument("--repeat", type=_jobs, default=3, help="runs per timed figure, reported by the median (default 3)")
    sub.add_parser("refresh-notebooks", help="re-execute notebooks/ in place (refreshes stored outputs)")
    return parser


def report_parameters(args: argparse.Namespace) -> dict:
    """Notebook parameters from the YAML file, overridden by command-line options."""
    params: dict = {}
    if args.parameters_file:
        import yaml

        try:
            loaded = yaml.safe_load(args.parameters_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ParameterError(f"{args.parameters_file}: cannot read parameters ({exc})") from None
        if not isinstance(loaded, dict):
            raise ParameterError(f"{args.parameters_file}: expected a mapping of parameter names to values")
        params.update(loaded)
    for name in ("start", "end", "topics", "categories", "sides", "parties", "speakers"):
        value = getattr(args, name)
        if value is not None:
            params[name] = [v.strip() for v in value.split(",") if v.strip()] if name not in ("start", "end") else value
    return params


def cmd_report(args: argparse.Namespace) -> int:
    from .report import run_reports

    params = report_parameters(args)
    if not args.corpus.is_dir():
        raise ParameterError(f"--corpus: folder {args.corpus} does not exist")
    validate(**{k: v for k, v in params.items() if k in VALIDATED})
    tables = args.tables or (config.PROCESSED_DIR if args.corpus.resolve() == config.RAW_DIR.resolve()
                             else args.out / "tables")
    index = run_reports(corpus_dir=args.corpus, tables_dir=tables, out_dir=args.out, parameters=params,
                        jobs=args.jobs, kernel=args.kernel, echo=print)
    print(f"reports written: {index}")
    return 0


def cmd_refresh_notebooks(args: argparse.Namespace) -> int:
    from .report import NOTEBOOKS, run_notebook, strip_run_metadata

    for name in NOTEBOOKS:
        path = config.NOTEBOOKS_DIR / name
        print(f"refreshing {name}")
        run_notebook(path, path, {})
        strip_run_metadata(path)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as run_bench

    run_bench(args.articles, reports=args.reports, scale_only=args.scale_only, repeat=args.repeat)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    summary = build(args.corpus, args.out, jobs=args.jobs, cache_dir=None if args.no_cache else args.cache_dir,
                    scheduler=args.scheduler, strict=args.strict, progress=_progress)
    print("\n".join(summary.lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args = build_parser().parse_args(argv)
    from .corpus import CorpusError
    from .gazetteer import GazetteerError
    from .report import ReportError

    commands = {"build": cmd_build, "report": cmd_report, "refresh-notebooks": cmd_refresh_notebooks,
                "bench": cmd_bench}
    try:
        return commands[args.command](args)
    except (CorpusError, GazetteerError, ParameterError, ReportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
