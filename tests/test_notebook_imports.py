"""Notebooks only read the Parquet tables: what they import never loads spaCy."""
from __future__ import annotations

import json
import subprocess
import sys

from analysis import config


def notebook_import_lines() -> list[str]:
    lines = set()
    for path in sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                lines |= {ln.strip() for ln in source.splitlines() if ln.startswith(("import ", "from "))}
    return sorted(lines)


def test_notebook_imports_do_not_load_the_language_pipeline():
    lines = notebook_import_lines()
    assert any("analysis" in line for line in lines)
    code = "\n".join(lines) + "\nimport sys\nprint(sorted(m for m in ('spacy', 'trafilatura', 'dask') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_build_loads_spacy_only_where_documents_are_extracted():
    """The build's own process imports the corpus-level steps (talk events, shifts) and the
    table writers without spaCy, and no datasketch/scipy before its first batch: a rebuild
    from the cache never loads the pipeline, and worker processes start sooner. Importing
    the build loads not even numpy or dateparser: it starts the fork server at once."""
    code = ("import sys\nimport analysis.build\nbefore = sorted(m for m in ('spacy', 'datasketch', 'pandas', "
            "'numpy', 'dateparser') if m in sys.modules)\nimport analysis.talk_events, analysis.shifts, "
            "analysis.tables\nprint(before, 'spacy' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[] False"
