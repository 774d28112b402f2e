import json

import pytest

from analysis import config
from analysis.corpus import (CorpusError, check_corpus_dir, decode_bytes, read_metadata, read_records)


def records(root):
    return {r.doc_id: r for r in read_records(root)}


def test_txt_utf8_and_nested_folders(tmp_path):
    (tmp_path / "2022" / "03").mkdir(parents=True)
    (tmp_path / "2022" / "03" / "a.txt").write_text("Talks were held in Belarus on Monday.", encoding="utf-8")
    rec = records(tmp_path)["2022/03/a.txt"]
    assert rec.fmt == "txt" and rec.text.startswith("Talks") and rec.reason is None


@pytest.mark.parametrize("encoding,text", [
    ("utf-16", "Переговоры прошли в понедельник."),
    ("utf-8-sig", "Kyiv said on Monday."),
    ("cp1251", "Переговоры в Стамбуле прошли во вторник, сообщил Кремль."),
    ("latin-1", "Le ministre a déclaré à Genève que les négociations continueraient."),
])
def test_encodings_are_detected(tmp_path, encoding, text):
    (tmp_path / "doc.txt").write_bytes(text.encode(encoding))
    assert records(tmp_path)["doc.txt"].text.lstrip("\ufeff") == text


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"   \n\t  \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
])
def test_unusable_files_are_rejected_with_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    assert records(tmp_path)["bad.txt"].reason == reason


def test_too_large_file_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_text("word " * 100)
    assert records(tmp_path)["big.txt"].reason.startswith("too large")


def test_jsonl_keeps_good_records_and_rejects_malformed_line(tmp_path):
    lines = [json.dumps({"id": "a1", "text": "First article text.", "published": "2022-03-01", "outlet": "X"}),
             "{broken json",
             json.dumps({"text": "Third article without id."}),
             json.dumps({"id": "a4", "text": ""})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    recs = records(tmp_path)
    assert recs["feed.jsonl#a1"].text == "First article text."
    assert recs["feed.jsonl#a1"].fields == {"published": "2022-03-01", "outlet": "X"}
    assert recs["feed.jsonl#2"].reason.startswith("malformed JSON on line 2")
    assert recs["feed.jsonl#3"].text == "Third article without id."
    assert recs["feed.jsonl#a4"].reason == "record has no text"


def test_csv_records_and_missing_text_column(tmp_path):
    (tmp_path / "a.csv").write_text('id,text,title\nx,"Body, with comma.",T\n,Second body.,\n')
    (tmp_path / "b.csv").write_text("id,body\n1,hello\n")
    recs = records(tmp_path)
    assert recs["a.csv#x"].text == "Body, with comma." and recs["a.csv#x"].fields == {"title": "T"}
    assert recs["a.csv#2"].text == "Second body."
    assert recs["b.csv"].reason == "CSV has no 'text' column (columns: id, body)"


def test_html_main_text_is_extracted_offline(tmp_path):
    page = ("<html><head><title>Talks resume</title></head><body><nav>Home | World</nav><article>"
            "<h1>Talks resume in Istanbul</h1>" + "<p>Russian and Ukrainian delegations met in Istanbul on Monday "
            "for a new round of talks, officials said.</p>" * 3 + "</article><script>alert(1)</script></body></html>")
    (tmp_path / "p.html").write_text(page)
    rec = records(tmp_path)["p.html"]
    assert "delegations met in Istanbul" in rec.text
    assert "alert(1)" not in rec.text


def _page(head: str, body: str) -> str:
    return (f"<html><head><title>Talks</title>{head}</head><body><nav>Home | World</nav><article>"
            "<h1>Talks resume in Istanbul</h1>" + body + "<p>Russian and Ukrainian delegations met in Istanbul "
            "on Monday for a new round of talks, officials said.</p>" * 3 + "</article></body></html>")


def test_html_date_comes_from_the_pages_markup(tmp_path):
    (tmp_path / "p.html").write_text(_page("", '<time datetime="2026-02-06T18:21">February 6, 2026</time>'))
    assert records(tmp_path)["p.html"].fields["html_date"] == "2026-02-06"


def test_html_date_is_not_guessed_from_dates_in_the_text(tmp_path):
    (tmp_path / "p.html").write_text(_page("", "<p>A meeting planned for February 17, 2026 in Geneva was called "
                                               "off, after talks on February 10, 2026 failed.</p>"))
    assert "html_date" not in records(tmp_path)["p.html"].fields


def test_unsupported_and_unreadable_files_are_rows(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    recs = records(tmp_path)
    assert recs["notes.docx"].reason == "unsupported file type .docx"
    import os
    if os.geteuid() != 0:  # root can read anything
        assert recs["locked.txt"].reason.startswith("unreadable")


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "a.txt").write_text("Some text here for the article.")
    recs = records(tmp_path)
    assert "sub/a.txt" in recs
    assert recs["sub/loop"].reason == "symbolic link to a folder (not followed)"


def test_metadata_csv_is_not_a_document_and_validates(tmp_path):
    (tmp_path / "a.txt").write_text("Text of the article.")
    (tmp_path / "metadata.csv").write_text("doc_id,published,outlet\na.txt,2025-04-24,TRT\n")
    assert list(records(tmp_path)) == ["a.txt"]
    assert read_metadata(tmp_path) == {"a.txt": {"published": "2025-04-24", "outlet": "TRT"}}
    (tmp_path / "metadata.csv").write_text("doc_id,published\na.txt,24/04/2025\n")
    with pytest.raises(CorpusError, match="metadata.csv, line 2: expected a date as YYYY-MM-DD"):
        read_metadata(tmp_path)
    (tmp_path / "metadata.csv").write_text("doc_id,author\na.txt,me\n")
    with pytest.raises(CorpusError, match="unknown columns"):
        read_metadata(tmp_path)


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        check_corpus_dir(tmp_path / "nope")


def test_decode_bytes_utf16_bom():
    assert decode_bytes("Київ".encode("utf-16")) == ("Київ", None)
