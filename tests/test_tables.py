import pandas as pd

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
