"""The benchmark generates varied articles and prints every figure (it asserts no timing)."""
from __future__ import annotations

import pytest

from analysis import bench
from analysis.dedup import find_near_duplicates


def test_generated_articles_are_varied_and_not_near_duplicates(tmp_path):
    paths = bench.generate_corpus(tmp_path, 30)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(texts) == 30 and len(set(texts)) == 30
    assert not find_near_duplicates((p.name, t) for p, t in zip(paths, texts))


def test_stage_times_cover_every_stage_of_the_per_document_work(tmp_path):
    from analysis.extract import EXTRACTORS
    from analysis.nlp import get_nlp

    bench.generate_corpus(tmp_path, 5)
    seconds, reference, n = bench.stage_times(tmp_path, sample=3)
    expected = {"cleaning and dating", "MinHash signature", "spaCy tokenizer",
                *(f"spaCy component {name}" for name in get_nlp().pipe_names),
                *(f"extract {table}" for table in EXTRACTORS)}
    assert n == 3 and set(seconds) == expected
    assert reference > 0 and all(s > 0 for s in seconds.values())


def test_stage_figures_report_ms_per_article_and_the_pipeline_bound(tmp_path):
    bench.generate_corpus(tmp_path, 4)
    rows = dict(bench.stage_figures(tmp_path, 2, sample=4))
    assert "per article, 1 process, first 4 articles" in rows
    assert rows["  extract statements"].endswith(" ms") and rows["  all stages"].endswith(" ms")
    assert rows["throughput / reference, 2 processes, spaCy pipeline alone (bound)"].endswith("×")


@pytest.mark.slow
def test_bench_prints_every_figure(capsys):
    bench.main(12, repeat=2)
    out = capsys.readouterr().out
    for label in ("reference: blank('en') + sentencizer", "full build, 1 process", "throughput / reference",
                  "speed-up on", "run by run", "rebuild, nothing changed", "rebuild, one file changed", "MB PSS", "summed RSS",
                  "extract casualties", "spaCy pipeline alone (bound)"):
        assert label in out, label
