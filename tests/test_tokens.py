"""The cached token columns agree with spaCy's own Token attributes."""
from __future__ import annotations

from analysis.tokens import token_view

TEXT = ("KYIV, March 8 (Wire) - “We will not stop,” Ukraine’s President said.\n\n"
        "At least 3,000 civilians were killed, officials said. NATO's U.S. envoy arrived.  Twelve wounded")


def test_columns_match_token_attributes(nlp):
    doc = nlp(TEXT)
    view = token_view(doc)
    assert len(view) == len(doc)
    for i, tok in enumerate(doc):
        assert (view.text[i], view.lower[i], view.lemma[i], view.idx[i], view.whitespace[i]) == (
            tok.text, tok.lower_, tok.lemma_, tok.idx, tok.whitespace_)
        assert (view.is_space[i], view.is_punct[i], view.is_alpha[i], view.is_lower[i], view.is_upper[i],
                view.is_title[i], view.is_digit[i], view.like_num[i], view.ent_type[i]) == (
            tok.is_space, tok.is_punct, tok.is_alpha, tok.is_lower, tok.is_upper, tok.is_title, tok.is_digit,
            tok.like_num, tok.ent_type_)
        assert view.lower_apos[i] == tok.lower_.replace("’", "'")
        assert view.ent_id[i] == tok.ent_id_
    assert view.sent_starts == [s.start for s in doc.sents]
    assert view.doc_text == doc.text
    assert view.lower_at(-1) == "" and view.lower_at(len(doc)) == ""


def test_entities_match_doc_ents(nlp):
    doc = nlp(TEXT + " Russian and Ukrainian envoys: Volodymyr Zelensky met Vladimir Putin in Istanbul, Turkey.")
    view = token_view(doc)
    expected = [(e.start, e.end, e.start_char, e.end_char, e.label_, e.ent_id_, e.text) for e in doc.ents]
    assert [tuple(e) for e in view.ents] == expected
    assert {"PERSON", "GPE", "NORP"} <= {e.label_ for e in view.ents}
    assert any(e.end - e.start > 1 for e in view.ents)  # multi-token names are one entity
    for lo, hi in [(0, len(doc)), (3, 12), (len(doc) - 8, len(doc)), (5, 5)]:
        assert [(e.start, e.end) for e in view.ents_within(lo, hi)] == [(e.start, e.end) for e in doc[lo:hi].ents]


def test_view_is_cached_per_doc_and_shared_by_spans(nlp):
    doc = nlp(TEXT)
    assert token_view(doc) is token_view(doc) is token_view(doc[3:6])


def test_empty_doc(nlp):
    view = token_view(nlp(""))
    assert len(view) == 0 and view.doc_text == "" and view.sent_starts == [] and view.ents == []


def test_hash_memo_computes_each_key_once_and_clears_past_its_limit():
    from analysis.tokens import HashMemo

    calls = []
    memo = HashMemo(limit=3)
    assert memo.fill([1, 2, 2], lambda k: calls.append(k) or k * 10) == {1: 10, 2: 20}
    memo.fill([1, 2], lambda k: calls.append(k) or k * 10)
    assert sorted(calls) == [1, 2]
    memo.fill([3, 4], lambda k: k * 10)  # 4 entries: over the limit
    values = memo.fill([5], lambda k: k * 10)
    assert values == {5: 50}
