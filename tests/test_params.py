import pytest

from analysis.params import ParameterError, validate


def test_defaults_and_parsing(tmp_path):
    (tmp_path / "documents.parquet").write_bytes(b"")
    p = validate(tables_dir=str(tmp_path), start="2022-03-01", end="2022-04-30", topics="ceasefire,agreement")
    assert p.tables_dir == tmp_path.resolve() and p.topics == ("ceasefire", "agreement")
    assert str(p.start) == "2022-03-01"


@pytest.mark.parametrize("kwargs,message", [
    ({"topics": ["peace"]}, "topics: unknown value(s) 'peace'"),
    ({"start": "2022-13-01"}, "start: '2022-13-01' is not a date"),
    ({"start": "2022-05-01", "end": "2022-04-01"}, "end: 2022-04-01 is before start 2022-05-01"),
    ({"tables_dir": "/no/such/folder"}, "tables_dir: folder /no/such/folder does not exist"),
    ({"categories": ["dead"]}, "categories: unknown value(s) 'dead'"),
    ({"parties": ["XX"]}, "parties: unknown value(s) 'XX'"),
])
def test_bad_values_name_the_parameter(kwargs, message):
    with pytest.raises(ParameterError) as err:
        validate(**kwargs)
    assert message in str(err.value)


def test_tables_dir_without_tables(tmp_path):
    with pytest.raises(ParameterError, match="has no documents.parquet"):
        validate(tables_dir=str(tmp_path))
