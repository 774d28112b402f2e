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


@pytest.mark.slow
def test_bench_prints_every_figure(capsys):
    bench.main(12, repeat=2)
    out = capsys.readouterr().out
    for label in ("reference: blank('en') + sentencizer", "full build, 1 process", "throughput / reference",
                  "speed-up on", "run by run", "rebuild, nothing changed", "rebuild, one file changed", "MB PSS", "summed RSS"):
        assert label in out, label
