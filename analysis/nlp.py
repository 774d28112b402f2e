"""The one spaCy pipeline every extractor shares: :func:`get_nlp`.

Default: ``spacy.blank("en")`` plus the project's own registered components

- ``news_sentencizer``: sentence boundaries that survive quotes, abbreviations
  ("Mr", "Feb.", "U.S."), ellipses inside quotes, and line breaks (headlines and
  datelines are sentences of their own);
- ``lower_lemmatizer``: lookup lemmas (spacy-lookups-data) of the lower-cased token,
  since the lookup table is case-sensitive ("Killed" → "kill");
- ``entity_ruler``: PERSON, ORG, GPE and NORP entities from the curated gazetteer,
  with the canonical name as the entity id (``ent.ent_id_``).

If a statistical English model is installed and asked for (``model="en_core_web_sm"``),
it is loaded instead of the blank pipeline and the gazetteer ruler runs before its NER.
"""
from __future__ import annotations

import gzip
import json
import logging
from functools import lru_cache
from importlib import resources

import numpy
import spacy
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import Gazetteer, default_gazetteer
from .tokens import HashMemo, strings_of

log = logging.getLogger(__name__)

SENT_END = {".", "!", "?", "…"}
CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
OPENERS = {'"', "“", "‘", "'", "(", "[", "«"}
_CLOSERS_OR_END = CLOSERS | SENT_END
TITLE_ABBREVIATIONS = ("Lt.", "Col.", "Gen.", "Gov.", "Sen.", "Rep.", "Adm.", "Capt.", "Sgt.", "Maj.", "Cpl.",
                       "Pvt.", "Brig.", "Prof.", "Dr.", "Rev.", "Amb.", "Pres.", "Supt.", "Insp.", "Cmdr.")
"""Titles the tokenizer keeps whole, so their period never ends a sentence."""


@Language.component("news_sentencizer")
def news_sentencizer(doc: Doc) -> Doc:
    """Sentence starts after . ! ? (plus closing quotes) before a capital, digit or
    opening quote, and after every line break; whitespace stays with the sentence
    before it."""
    n = len(doc)
    if not n:
        return doc
    columns = doc.to_array([ORTH, SPACY]).T
    texts = strings_of(doc, columns[0].tolist())
    spaces = [" " if v else "" for v in columns[1].tolist()]
    starts = sentence_starts(texts, spaces)
    values = numpy.full((n, 1), -1, dtype="int64")
    values[sorted({0, *(i for i in starts if i < n)})] = 1
    doc.from_array([SENT_START], values.astype("uint64"))  # one pass; per-token assignment is quadratic
    return doc


def sentence_starts(texts: list[str], spaces: list[str]) -> set[int]:
    """Token indices that start a sentence, from token texts and trailing whitespace."""
    n = len(texts)
    is_space = [t.isspace() for t in texts]
    starts: set[int] = set()
    for i, text in enumerate(texts):
        if "\n" in text or "\n" in spaces[i]:
            starts.add(_next_word(is_space, i + 1))
        elif text in SENT_END:
            j = i + 1
            while j < n and texts[j] in _CLOSERS_OR_END and not spaces[j - 1]:
                j += 1
            k = _next_word(is_space, j)
            if k < n and (spaces[j - 1] or k > j) and _starts_sentence(texts[k], is_space[k]):
                starts.add(k)
    return starts


def _next_word(is_space: list[bool], i: int) -> int:
    """Index of the first non-space token at or after ``i`` (``len`` if none)."""
    while i < len(is_space) and is_space[i]:
        i += 1
    return i


def _starts_sentence(text: str, is_space: bool) -> bool:
    if is_space:
        return True
    first = text[0]
    return first.isupper() or first.isdigit() or text in OPENERS or first in OPENERS


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    path = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with path.open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()))


@Language.component("lower_lemmatizer")
def lower_lemmatizer(doc: Doc) -> Doc:
    """Set ``token.lemma_`` from the lookup table, keyed by the lower-cased text
    (one array read and one array write per document)."""
    if not len(doc):
        return doc
    lowers = doc.to_array([LOWER]).tolist()
    table, strings = _lemma_table(), doc.vocab.strings
    lemma_of = _LEMMAS.fill(lowers, lambda h: strings.add(table.get(strings[h], strings[h])))
    lemmas = numpy.fromiter(map(lemma_of.__getitem__, lowers), dtype="uint64", count=len(lowers))
    doc.from_array([LEMMA], lemmas.reshape(-1, 1))
    return doc


_LEMMAS = HashMemo()
"""Lower-case hash → lemma hash, for every document of the process."""


def ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Entity-ruler phrase patterns for every name and alias, longest names first."""
    labels = {"person": "PERSON", "institution": "ORG", "place": "GPE"}
    patterns = []
    for entry in gazetteer.entries.values():
        names = {entry.name, *entry.aliases}
        names |= {n.replace("'", "’") for n in names}
        for alias in sorted(names, key=lambda n: (-len(n), n)):
            patterns.append({"label": labels[entry.kind], "pattern": alias, "id": entry.name})
    for word in gazetteer.demonyms:
        patterns.append({"label": "NORP", "pattern": word, "id": word})
    return patterns


def build_nlp(*, model: str | None = None, gazetteer: Gazetteer | None = None) -> Language:
    """Assemble a fresh pipeline (see the module docstring)."""
    gazetteer = gazetteer or default_gazetteer()
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
            log.info("using statistical model %s", model)
        except OSError as exc:
            raise RuntimeError(f"spaCy model {model!r} is not installed; omit it to use the default pipeline") from exc
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", before=before, config={"phrase_matcher_attr": "ORTH"})
    else:
        nlp = spacy.blank("en")
        for abbreviation in TITLE_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        nlp.add_pipe("news_sentencizer")
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(gazetteer))
    nlp.add_pipe("lower_lemmatizer")
    nlp.max_length = 60_000_000
    return nlp


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Language:
    """The shared pipeline, built once per process and model."""
    return build_nlp(model=model)
