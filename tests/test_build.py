"""End-to-end builds of small corpora written by the tests."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import build as build_module
from analysis.build import build
from analysis.cli import main
from analysis.corpus import CorpusError
from analysis.tables import PER_DOCUMENT_TABLES, read_table

ARTICLE_A = """Talks resume as toll rises

KYIV, March 8, 2022 (Wire) - Russian and Ukrainian delegations held a third round of talks in Belarus on Monday, officials said.

At least 40 civilians were killed in shelling of Kharkiv, the regional governor said on Tuesday.

Russia's Foreign Minister Sergei Lavrov said on Monday that Moscow was ready to continue the negotiations.

Comments (3)

reader1
Nothing will change.
"""

ARTICLE_B = """Refugee numbers climb

GENEVA, March 9, 2022 (Wire) - More than 2 million people have fled Ukraine, according to the UN refugee agency.

Ukrainian President Volodymyr Zelenskyy said the West must impose tougher sanctions on Russia.
"""


def write_corpus(root, extra: dict[str, str | bytes] | None = None):
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (root / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    for name, content in (extra or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    return root


def tables(out):
    return {name: read_table(name, out) for name in ("documents", *PER_DOCUMENT_TABLES, "talks", "shifts")}


def assert_same_tables(left, right):
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], check_like=False, obj=name)


def test_build_writes_every_table_with_provenance(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    summary = build(corpus, tmp_path / "out", jobs=1, cache_dir=None)
    result = tables(tmp_path / "out")
    docs = result["documents"].set_index("doc_id")
    assert summary.counts == {"ok": 2}
    assert docs.loc["a.txt", "published"] == "2022-03-08"
    assert "Nothing will change" not in docs.loc["a.txt", "text"]
    assert docs.loc["a.txt", "removed"] > 0
    cas = result["casualties"]
    assert {(r.doc_id, r.value, r.category) for r in cas.itertuples()} >= {("a.txt", 40, "killed"),
                                                                            ("b.txt", 2000000, "refugees")}
    for row in cas.itertuples():
        text = docs.loc[row.doc_id, "text"]
        assert row.sentence in text and text[row.start:row.end] == row.figure


def test_rejected_inputs_are_rows_and_build_goes_on(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"empty.txt": "", "blob.txt": b"\x00\x01\x02" * 100,
                                                "feed.jsonl": '{"id": "x", "text": "Short but fine article text here."}\n{bad\n'})
    summary = build(corpus, tmp_path / "out", jobs=1, cache_dir=None)
    docs = read_table("documents", tmp_path / "out").set_index("doc_id")
    assert docs.loc["empty.txt", "reason"] == "empty file"
    assert docs.loc["blob.txt", "reason"] == "binary file"
    assert docs.loc["feed.jsonl#2", "status"] == "rejected"
    assert docs.loc["feed.jsonl#x", "status"] == "ok"
    assert summary.counts["rejected"] == 3


def test_strict_makes_rejections_an_error(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"empty.txt": ""})
    with pytest.raises(CorpusError, match="empty.txt: empty file"):
        build(corpus, tmp_path / "out", jobs=1, cache_dir=None, strict=True)


def test_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.txt").write_text("")
    with pytest.raises(CorpusError, match="no readable document"):
        build(tmp_path / "c", tmp_path / "out", jobs=1, cache_dir=None)


def test_near_duplicate_is_marked_and_not_extracted(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"copy/a-copy.txt": ARTICLE_A.replace("Talks resume", "Talks resume again")})
    build(corpus, tmp_path / "out", jobs=1, cache_dir=None)
    docs = read_table("documents", tmp_path / "out").set_index("doc_id")
    assert docs.loc["copy/a-copy.txt", "status"] == "duplicate"
    assert docs.loc["copy/a-copy.txt", "duplicate_of"] == "a.txt"
    assert "copy/a-copy.txt" not in set(read_table("casualties", tmp_path / "out")["doc_id"])


def test_metadata_csv_overrides_and_is_not_a_document(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"metadata.csv": "doc_id,published,outlet\nb.txt,2022-03-10,Wire Service\n"})
    build(corpus, tmp_path / "out", jobs=1, cache_dir=None)
    docs = read_table("documents", tmp_path / "out").set_index("doc_id")
    assert "metadata.csv" not in docs.index
    assert (docs.loc["b.txt", "published"], docs.loc["b.txt", "date_basis"], docs.loc["b.txt", "outlet"]) == (
        "2022-03-10", "metadata", "Wire Service")


def test_html_markup_date_beats_a_date_the_text_only_implies(tmp_path):
    body = ("<p>Today marks the fourth anniversary of the full-scale invasion, and the sides met "
            "in Istanbul again, officials said.</p>" + "<p>Russian and Ukrainian delegations held talks in "
            "Istanbul on Monday, officials said.</p>" * 3)
    page = (f"<html><head><title>Talks</title></head><body><article><h1>Talks in Istanbul</h1>"
            f'<time datetime="2026-02-10T09:00">February 10, 2026</time>{body}</article></body></html>')
    corpus = write_corpus(tmp_path / "corpus", {"p.html": page})
    build(corpus, tmp_path / "out", jobs=1, cache_dir=None)
    docs = read_table("documents", tmp_path / "out").set_index("doc_id")
    assert (docs.loc["p.html", "published"], docs.loc["p.html", "date_evidence"]) == ("2026-02-10", "HTML metadata")


def test_parallel_and_cached_builds_equal_plain_build(tmp_path, monkeypatch):
    extra = {f"more/{i:02d}.txt": ARTICLE_A.replace("40", str(41 + i)).replace("March 8", f"March {10 + i}")
             + f"\nA paragraph unique to article {i} about refugees in region number {i}.\n" for i in range(6)}
    corpus = write_corpus(tmp_path / "corpus", extra)
    monkeypatch.setattr(build_module, "MIN_PARALLEL_TASKS", 2)
    monkeypatch.setattr(build_module, "BATCH_SIZE", 2)  # several batches, streamed and pipelined
    monkeypatch.setattr(build_module, "CHUNK_SIZE", 1)
    build(corpus, tmp_path / "plain", jobs=1, cache_dir=None)
    build(corpus, tmp_path / "par", jobs=2, cache_dir=None)
    first = build(corpus, tmp_path / "cached1", jobs=1, cache_dir=tmp_path / "cache")
    second = build(corpus, tmp_path / "cached2", jobs=1, cache_dir=tmp_path / "cache")
    assert first.cached == 0 and second.cached == second.extracted + second.cached and second.extracted == 0
    plain = tables(tmp_path / "plain")
    for other in ("par", "cached2"):
        assert_same_tables(plain, tables(tmp_path / other))
    # one changed file among cached ones: the warm workers take the single miss
    (corpus / "more/03.txt").write_text(extra["more/03.txt"].replace("refugees", "evacuees"), encoding="utf-8")
    rebuilt = build(corpus, tmp_path / "cached3", jobs=2, cache_dir=tmp_path / "cache")
    assert rebuilt.extracted == 1
    build(corpus, tmp_path / "plain2", jobs=1, cache_dir=None)
    assert_same_tables(tables(tmp_path / "plain2"), tables(tmp_path / "cached3"))


def test_failed_build_keeps_previous_tables(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    build(corpus, tmp_path / "out", jobs=1, cache_dir=None)
    before = tables(tmp_path / "out")
    (corpus / "empty.txt").write_text("")
    with pytest.raises(CorpusError):
        build(corpus, tmp_path / "out", jobs=1, cache_dir=None, strict=True)
    assert_same_tables(before, tables(tmp_path / "out"))
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_changed_file_misses_cache_only_for_itself(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    build(corpus, tmp_path / "out", jobs=1, cache_dir=tmp_path / "cache")
    (corpus / "b.txt").write_text(ARTICLE_B.replace("2 million", "3 million"))
    summary = build(corpus, tmp_path / "out", jobs=1, cache_dir=tmp_path / "cache")
    assert (summary.extracted, summary.cached) == (1, 1)
    assert 3000000 in set(read_table("casualties", tmp_path / "out")["value"])


@pytest.mark.slow
def test_dask_local_cluster_equals_plain_build(tmp_path):
    pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "corpus")
    build(corpus, tmp_path / "plain", jobs=1, cache_dir=None)
    build(corpus, tmp_path / "dask", jobs=2, cache_dir=None, scheduler="local")
    assert_same_tables(tables(tmp_path / "plain"), tables(tmp_path / "dask"))


def test_cli_build_summary_and_errors(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "--no-cache", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "documents: 2 ok, 0 duplicate, 0 rejected (2 dated)" in out
    assert main(["build", str(tmp_path / "missing"), "--out", str(tmp_path / "o2")]) == 1
    assert "error: corpus folder" in capsys.readouterr().err
