"""A hostile corpus built end to end, and a build killed midway then rerun."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd

from analysis.build import build
from analysis.cli import main
from analysis.tables import read_table

GOOD = ("KYIV, March 8, 2022 (Wire) - At least 12 people were killed in shelling of Kharkiv, "
        "the regional governor said on Tuesday. Officials said talks would resume next week.\n")


def article(topic: str) -> str:
    """GOOD plus a paragraph of its own, so no two inputs are near-duplicates."""
    return GOOD + f"\nThis report on {topic} carries its own paragraph about {topic} and nothing else.\n"


def hostile_corpus(root):
    root.mkdir()
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "utf16.txt").write_bytes(article("encodings").encode("utf-16"))
    (root / "cp1251.txt").write_bytes("Киев, 8 марта 2022 - Переговоры делегаций продолжатся на следующей неделе, сообщили официальные лица.".encode("cp1251"))
    (root / "latin1.txt").write_bytes("GENÈVE, 8 mars 2022 - Les négociations reprendront la semaine prochaine à Genève, a déclaré le ministre.".encode("latin-1"))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("   \n\n\t ")
    with open(root / "huge.txt", "wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    (root / "page.html").write_text("<html><body><article><h1>Strike</h1>" + f"<p onmouseover='alert(1)'>{article('web pages')}</p>" * 3
                                    + "<script>alert('x')</script></article></body></html>")
    (root / "feed.jsonl").write_text(json.dumps({"id": "g1", "text": article("feeds")}) + "\n{oops\n"
                                    + json.dumps({"id": "g2", "text": article("more feeds")}) + "\n")
    (root / "notext.csv").write_text("id,body\n1,hello\n")
    locked = root / "locked.txt"
    locked.write_text(article("permissions"))
    locked.chmod(0)
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "nested" / "deeper" / "новости-ü.txt").write_text(article("file names"))
    (root / "nested" / "loop").symlink_to(root, target_is_directory=True)
    return root


def test_hostile_corpus_every_input_is_a_row(tmp_path, capsys):
    corpus = hostile_corpus(tmp_path / "corpus")
    assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "--no-cache", "--jobs", "1"]) == 0
    summary = capsys.readouterr().out
    docs = read_table("documents", tmp_path / "out").set_index("doc_id")
    reasons = docs["reason"].to_dict()
    assert reasons["binary.txt"] == "binary file"
    assert reasons["empty.txt"] == reasons["blank.txt"] == "empty file"
    assert reasons["huge.txt"].startswith("too large")
    assert reasons["feed.jsonl#2"].startswith("malformed JSON on line 2")
    assert reasons["notext.csv"].startswith("CSV has no 'text' column")
    assert reasons["nested/loop"] == "symbolic link to a folder (not followed)"
    ok = set(docs.index[docs["status"] == "ok"])
    assert {"utf16.txt", "cp1251.txt", "latin1.txt", "page.html", "feed.jsonl#g1", "nested/deeper/новости-ü.txt"} <= ok
    assert "Переговоры" in docs.loc["cp1251.txt", "text"] and "Genève" in docs.loc["latin1.txt", "text"].replace("GENÈVE", "Genève")
    assert "alert" not in docs.loc["page.html", "text"]
    assert docs["reason"][docs["status"] == "rejected"].notna().all()
    counts = docs["status"].value_counts()
    assert f"{counts.get('ok', 0)} ok" in summary and f"{counts.get('rejected', 0)} rejected" in summary
    assert main(["build", str(corpus), "--out", str(tmp_path / "strict"), "--no-cache", "--strict"]) == 1


def test_build_killed_midway_then_rerun_equals_clean_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(80):
        (corpus / f"a{i:03d}.txt").write_text(GOOD.replace("12", str(20 + i)) + f"\nParagraph unique to article {i}, about region {i * 3}.\n")
    build(corpus, tmp_path / "clean", jobs=1, cache_dir=None)
    command = [sys.executable, "-m", "analysis", "build", str(corpus), "--out", str(tmp_path / "out"),
               "--cache-dir", str(tmp_path / "cache"), "--jobs", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not (tmp_path / "cache" / "extraction.sqlite").exists():
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert subprocess.run(command, capture_output=True).returncode == 0
    for name in ("documents", "casualties", "talks", "statements", "shifts"):
        pd.testing.assert_frame_equal(read_table(name, tmp_path / "clean"), read_table(name, tmp_path / "out"), obj=name)
    assert not list((tmp_path / "out").glob(".*.tmp"))
