import os

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.tables import conform, read_table, write_table


def test_roundtrip_keeps_types_and_lists(tmp_path):
    rows = [{"talk_id": "t1", "date": "2022-03", "status": "held", "parties": ["RU", "UA"], "round": 1,
             "doc_ids": ["a.txt"], "extra": "x"},
            {"talk_id": "t2", "date": "2022-03-10", "status": "planned", "parties": ["RU"], "round": None,
             "doc_ids": []}]
    write_table("talks", rows, tmp_path)
    back = read_table("talks", tmp_path)
    assert back.columns[:3].tolist() == ["talk_id", "date", "status"]
    assert back["parties"].tolist() == [["RU", "UA"], ["RU"]]
    assert back["round"].tolist()[0] == 1 and pd.isna(back["round"].tolist()[1])
    assert back["extra"].tolist()[0] == "x"
    assert not list(tmp_path.glob(".*tmp"))


def test_empty_table_has_schema_columns(tmp_path):
    write_table("casualties", [], tmp_path)
    back = read_table("casualties", tmp_path)
    assert len(back) == 0 and {"value", "claimed_by", "start", "end"} <= set(back.columns)


def test_conform_orders_columns():
    frame = conform("shifts", [{"zzz": 1, "speaker": "A"}])
    assert frame.columns[0] == "speaker" and frame.columns[-1] == "zzz"


def test_table_writer_streams_row_groups_and_commits_atomically(tmp_path):
    from analysis.tables import TableWriter

    write_table("casualties", [{"doc_id": "old", "value": 1}], tmp_path)
    writer = TableWriter("casualties", tmp_path)
    writer.append([{"doc_id": "a", "value": 3, "sentence_start": 0}])
    writer.append([])
    writer.append([{"doc_id": "b", "value": None}])
    assert list(read_table("casualties", tmp_path)["doc_id"]) == ["old"]  # not yet committed
    writer.commit()
    frame = read_table("casualties", tmp_path)
    assert list(frame["doc_id"]) == ["a", "b"] and frame["value"].isna().tolist() == [False, True]
    assert pq.ParquetFile(tmp_path / "casualties.parquet").num_row_groups == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_table_writer_abort_keeps_previous_table_and_rejects_unknown_columns(tmp_path):
    from analysis.tables import TableWriter

    write_table("statements", [{"doc_id": "old"}], tmp_path)
    writer = TableWriter("statements", tmp_path)
    with pytest.raises(ValueError, match="undeclared columns"):
        writer.append([{"doc_id": "a", "surprise": 1}])
    writer.abort()
    assert list(read_table("statements", tmp_path)["doc_id"]) == ["old"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_stale_temporaries_of_dead_builds_are_removed(tmp_path):
    from analysis.tables import remove_stale_temporaries

    dead = tmp_path / ".documents.999999999.abc.tmp"
    alive = tmp_path / f".documents.{os.getpid()}.abc.tmp"
    dead.write_bytes(b"x")
    alive.write_bytes(b"x")
    remove_stale_temporaries(tmp_path)
    assert not dead.exists() and alive.exists()


def test_table_writer_normalises_values_of_the_wrong_type(tmp_path):
    from analysis.tables import TableWriter

    writer = TableWriter("casualties", tmp_path)
    writer.append([{"doc_id": 7, "value": 3.0, "vague": 1, "start": float("nan")},
                   {"doc_id": "b", "value": 4, "vague": False, "start": 2}])
    writer.commit()
    frame = read_table("casualties", tmp_path)
    assert frame["doc_id"].tolist() == ["7", "b"] and frame["value"].tolist() == [3, 4]
    assert frame["vague"].tolist() == [True, False] and pd.isna(frame["start"][0]) and frame["start"][1] == 2
