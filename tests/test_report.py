"""Reports: papermill runs, HTML export with escaped corpus text, failures named."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis import config
from analysis.cli import main
from analysis import report as report_module
from analysis.report import ReportError, run_notebook, run_notebooks, run_reports

HOSTILE = """Strike on Kharkiv kills civilians <script>alert(1)</script>

KHARKIV, March 8, 2022 (Wire) - At least 12 people were killed in a missile strike on Kharkiv, the regional governor said on Tuesday. <img src=x onerror=alert(2)>

Russia's Foreign Minister Sergei Lavrov said on Monday that Moscow was ready to continue the negotiations.
"""

pytestmark = pytest.mark.slow


def test_reports_escape_corpus_html(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE)
    index = run_reports(corpus_dir=corpus, tables_dir=tmp_path / "tables", out_dir=tmp_path / "reports")
    assert index.exists()
    pages = sorted((tmp_path / "reports").glob("0*.html"))
    assert [p.stem for p in pages] == [n.removesuffix(".ipynb") for n in
                                       ("00-corpus-overview.ipynb", "01-casualty-figures.ipynb",
                                        "02-talk-rounds.ipynb", "03-stance-shifts.ipynb")]
    for page in pages:
        html = page.read_text()
        assert "<script>alert(1)</script>" not in html and "<img src=x onerror" not in html
    overview = (tmp_path / "reports" / "00-corpus-overview.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview
    casualties = (tmp_path / "reports" / "01-casualty-figures.html").read_text()
    assert "onerror=alert(2)" in casualties.replace("&lt;", "<").replace("&gt;", ">")
    assert (tmp_path / "reports" / "figures" / "01-casualties-over-time.csv").exists()
    assert "views.status_counts" not in overview  # code cells are hidden


def test_failing_notebook_names_the_cell_and_keeps_partial_output(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    parameters = nbformat.v4.new_code_cell("x: int = 1  # a number")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell("y = x + 1"), nbformat.v4.new_code_cell("raise ValueError('boom')")]
    source = tmp_path / "bad.ipynb"
    nbformat.write(nb, source)
    with pytest.raises(ReportError, match=r"bad.ipynb failed in cell \d+: ValueError: boom"):
        run_notebook(source, tmp_path / "out.ipynb", {"x": 2, "unknown": 3})
    assert (tmp_path / "out.ipynb").exists()


def _notebook(path, code: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("A report"), nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)


def test_concurrent_notebooks_report_the_first_failure_in_order(tmp_path, monkeypatch):
    source = tmp_path / "notebooks"
    source.mkdir()
    _notebook(source / "a.ipynb", "print('fine')")
    _notebook(source / "b.ipynb", "raise KeyError('second')")
    _notebook(source / "c.ipynb", "raise ValueError('third')")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", source)
    monkeypatch.setattr(report_module, "NOTEBOOKS", ("a.ipynb", "b.ipynb", "c.ipynb"))
    with pytest.raises(ReportError, match="b.ipynb failed in cell 1: KeyError"):
        run_notebooks(tmp_path / "out", {}, jobs=2)
    assert (tmp_path / "out" / "a.html").exists() and (tmp_path / "out" / "c.ipynb").exists()
    monkeypatch.setattr(report_module, "NOTEBOOKS", ("a.ipynb",))
    assert run_notebooks(tmp_path / "out", {}, jobs=2) == [tmp_path / "out" / "a.html"]


def test_concurrent_notebooks_keep_the_process_directory_and_relative_outputs(tmp_path, monkeypatch):
    source = tmp_path / "notebooks"
    source.mkdir()
    names = ("a.ipynb", "b.ipynb", "c.ipynb")
    for name in names:
        _notebook(source / name, f"open('ran_{name[0]}.txt', 'w').close()")  # relative to the kernel's folder
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", source)
    monkeypatch.setattr(report_module, "NOTEBOOKS", names)
    monkeypatch.chdir(tmp_path)
    reports = run_notebooks(Path("out"), {}, jobs=3)
    assert Path.cwd() == tmp_path
    assert reports == [tmp_path / "out" / f"{name[0]}.html" for name in names]
    assert all((source / f"ran_{name[0]}.txt").exists() for name in names)


@pytest.mark.parametrize("args,message", [
    (["--topics", "peace"], "topics: unknown value(s) 'peace'"),
    (["--start", "2022-02-30"], "start: '2022-02-30' is not a date"),
    (["--start", "2022-05-01", "--end", "2022-04-01"], "end: 2022-04-01 is before start"),
    (["--corpus", "/no/such/corpus"], "--corpus: folder /no/such/corpus does not exist"),
])
def test_report_options_are_validated_before_any_work(tmp_path, capsys, args, message):
    assert main(["report", "--out", str(tmp_path / "r"), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "r").exists()


def test_parameters_file_is_read(tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("topics: [truce]\n")
    assert main(["report", "-f", str(params), "--out", str(tmp_path / "r")]) == 1
    assert "topics: unknown value(s) 'truce'" in capsys.readouterr().err
