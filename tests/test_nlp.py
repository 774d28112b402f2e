from analysis.nlp import build_nlp, ruler_patterns
from analysis.gazetteer import load_gazetteer


def sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_sentences_survive_abbreviations(nlp):
    text = "Mr. Smith met U.S. officials on Feb. 24 in Kyiv. Then they left."
    assert sents(nlp, text) == ["Mr. Smith met U.S. officials on Feb. 24 in Kyiv.", "Then they left."]


def test_military_titles_do_not_end_sentences(nlp):
    assert len(sents(nlp, "Lt. Col. Ivan Petrov and Gov. Serhiy Lysak spoke on Monday.")) == 1


def test_long_documents_segment(nlp):
    doc = nlp("A sentence about the war ends here. " * 20000)
    assert len(list(doc.sents)) == 20000


def test_quote_closing_after_period_stays_with_sentence(nlp):
    text = '"We are ready," he said. "It is over." She left.'
    assert sents(nlp, text) == ['"We are ready," he said.', '"It is over."', "She left."]


def test_ellipsis_before_lowercase_does_not_split(nlp):
    assert len(sents(nlp, "There are still some points... which need work.")) == 1


def test_line_breaks_split_headlines(nlp):
    assert sents(nlp, "Headline without stop\n\nBody sentence here.") == ["Headline without stop", "Body sentence here."]


def test_lemmas_are_case_insensitive(nlp):
    assert [t.lemma_ for t in nlp("Killed Fled wounded")] == ["kill", "flee", "wound"]


def test_gazetteer_entities_carry_canonical_ids(nlp):
    doc = nlp("Sergey Lavrov met Zelensky in Kiev.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Sergey Lavrov", "PERSON", "Sergei Lavrov"), ("Zelensky", "PERSON", "Volodymyr Zelenskyy"),
        ("Kiev", "GPE", "Kyiv")]


def test_curly_apostrophe_variants_match(nlp):
    doc = nlp("Russia’s defence ministry said so.")
    assert [e.ent_id_ for e in doc.ents] == ["Russian defence ministry"]


def test_user_gazetteer_extends_pipeline(tmp_path):
    user = tmp_path / "gazetteer.json"
    user.write_text('{"people": [{"name": "Ivan Testov", "aliases": ["Testov"], "side": "RU", "role": "envoy"}]}')
    gaz = load_gazetteer(user=user)
    assert gaz.lookup("testov").side == "RU"
    nlp = build_nlp(gazetteer=gaz)
    assert [e.ent_id_ for e in nlp("Testov spoke.").ents] == ["Ivan Testov"]
    assert any(p["id"] == "Ivan Testov" for p in ruler_patterns(gaz))


def test_empty_text(nlp):
    assert len(nlp("")) == 0
