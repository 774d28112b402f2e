import json

import pytest

from analysis.gazetteer import GazetteerError, default_gazetteer, load_gazetteer, normalize_name


def test_lookup_by_alias_and_spelling():
    gaz = default_gazetteer()
    assert gaz.lookup("Zelensky").name == "Volodymyr Zelenskyy"
    assert gaz.lookup("kharkov").name == "Kharkiv"
    assert gaz.lookup("Antalya").country == "Turkey"
    assert gaz.party_of_demonym("Russian") == "RU"


def test_normalize_name():
    assert normalize_name("The  Kremlin") == "kremlin"
    assert normalize_name("Russia’s army") == "russia's army"


def test_malformed_user_file_names_the_file(tmp_path):
    bad = tmp_path / "gazetteer.json"
    bad.write_text("{not json")
    with pytest.raises(GazetteerError, match="gazetteer.json: not valid JSON"):
        load_gazetteer(user=bad)
    bad.write_text(json.dumps({"people": [{"aliases": []}]}))
    with pytest.raises(GazetteerError, match=r"people\[0\] needs a non-empty 'name'"):
        load_gazetteer(user=bad)


def test_user_entry_replaces_bundled_one(tmp_path):
    user = tmp_path / "g.json"
    user.write_text(json.dumps({"people": [{"name": "Sergei Lavrov", "aliases": ["Lavrov"], "side": "OTHER"}]}))
    assert load_gazetteer(user=user).lookup("Lavrov").side == "OTHER"


def test_demonym_of_a_party_country_only():
    from analysis.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    assert [gaz.demonym_of_country(n) for n in ("China", "Russia", "Hungary", "Kyiv", "Atlantis")] == [
        "Chinese", "Russian", None, None, None]
