"""Named actors in a sentence: people and institutions, with canonical name and side.

Used for statement speakers and for the claimant of a casualty figure. Sources:

1. gazetteer entities (PERSON, ORG) from the pipeline's entity ruler;
2. people missing from the gazetteer, found as two or three capitalised words right
   after a role noun ("police chief Ihor Klymenko", "governor Andrei Vorobyov") or
   followed by an appositive role ("Ihor Terekhov, the mayor of Kharkiv,");
3. institution phrases: an optional country/city owner plus an institution noun
   ("Ukraine's interior ministry", "the UN refugee agency", "Mariupol's city council",
   "city officials", "Ukrainian authorities").

A side comes from the gazetteer, else from the owner ("Ukraine's", "Russian") of the
role or institution phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer, default_gazetteer

ROLE_WORDS = {
    "minister", "ministers", "secretary", "spokesman", "spokeswoman", "spokesperson", "president",
    "chief", "governor", "mayor", "adviser", "advisor", "aide", "envoy", "ambassador", "ombudsman",
    "chancellor", "commander", "general", "admiral", "lawmaker", "negotiator", "official",
    "head", "leader", "premier", "diplomat", "commissioner", "director", "representative",
    "prime", "deputy", "senator", "king", "prince", "pope", "chairman", "chairwoman",
}
INSTITUTION_NOUNS = (
    "defence ministry", "defense ministry", "foreign ministry", "interior ministry", "health ministry",
    "ministry of defence", "ministry of defense", "ministry", "emergency service", "emergency services",
    "state emergency service", "refugee agency", "human rights office", "human rights monitoring mission",
    "city council", "city administration", "regional administration", "military administration",
    "general staff", "air force", "armed forces", "army", "navy", "border guard service",
    "prosecutor general's office", "prosecutor's office", "police", "government", "presidency",
    "officials", "authorities", "security service", "intelligence", "defence intelligence",
    "defense intelligence", "military", "parliament", "council", "agency", "office", "mission",
)
_INSTITUTION_RX = re.compile(
    r"\b(?P<owner>(?:the\s+)?(?:[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?(?:'s|’s)|(?:UN|U\.N\.|United Nations|EU|NATO|"
    r"Russian|Ukrainian|British|American|US|U\.S\.|Belarusian|Turkish|German|French|Kremlin|state|"
    r"city|local|regional|military|[A-Z][a-z]+)\b)\s+)?"
    r"(?P<noun>(?:state\s+)?(?:" + "|".join(sorted((re.escape(n) for n in INSTITUTION_NOUNS), key=len, reverse=True)) + r"))\b",
    re.IGNORECASE)
_CAPITALISED = re.compile(r"^[A-Z][a-zà-ÿ'’-]+$")


@dataclass(frozen=True)
class Actor:
    """An actor mention: canonical ``name``, party-code ``side`` (or None), ``kind``
    (person/institution) and character offsets in the document."""

    name: str
    side: str | None
    kind: str
    start: int
    end: int
    text: str


def find_actors(span: Span | Doc, *, gazetteer: Gazetteer | None = None) -> list[Actor]:
    """Every actor mentioned in ``span``, left to right, without overlaps."""
    gaz = gazetteer or default_gazetteer()
    found = _gazetteer_actors(span, gaz)
    found += [a for a in _role_named_people(span, gaz) if not _overlaps(a, found)]
    found += [a for a in _appositive_people(span, gaz) if not _overlaps(a, found)]
    found += [a for a in _institution_phrases(span, gaz) if not _overlaps(a, found)]
    return sorted(found, key=lambda a: a.start)


def _doc_text(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` read from the tokens around it (``Doc.text`` rebuilds the
    whole text on every access, which made per-sentence calls quadratic)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return doc.text[start:end]
    return span.text[start - span.start_char:end - span.start_char]


def _overlaps(actor: Actor, others: list[Actor]) -> bool:
    return any(actor.start < o.end and o.start < actor.end for o in others)


def _gazetteer_actors(span: Span | Doc, gaz: Gazetteer) -> list[Actor]:
    out = []
    for ent in span.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        entry = gaz.lookup(ent.ent_id_) or gaz.lookup(ent.text)
        if entry is None:
            continue
        start = ent.start_char
        owner = _owner_before(span.doc, ent.start, gaz)
        if entry.kind == "institution" and owner:
            start = owner[1]
        out.append(Actor(entry.name, entry.side, entry.kind, start, ent.end_char,
                         _doc_text(span.doc, start, ent.end_char)))
    return out


def _owner_before(doc: Doc, i: int, gaz: Gazetteer) -> tuple[str, int] | None:
    """'Ukraine's' / 'Russian' just before token ``i``: (party code, char offset)."""
    if i >= 2 and doc[i - 1].text in ("'s", "’s"):
        entry = gaz.lookup(doc[i - 2].text)
        if entry and entry.side:
            return entry.side, doc[i - 2].idx
    if i >= 1:
        code = gaz.party_of_demonym(doc[i - 1].text)
        if code:
            return code, doc[i - 1].idx
    return None


def _role_named_people(span: Span | Doc, gaz: Gazetteer) -> list[Actor]:
    """Unknown people introduced by a role: 'police chief Ihor Klymenko'."""
    out = []
    tokens = list(span)
    for k, tok in enumerate(tokens[:-1]):
        if tok.lower_ not in ROLE_WORDS:
            continue
        names = []
        for nxt in tokens[k + 1:k + 4]:
            if _CAPITALISED.match(nxt.text) and not nxt.ent_type_ in ("GPE", "NORP") and nxt.lower_ not in ROLE_WORDS:
                names.append(nxt)
            else:
                break
        if len(names) < 2:
            continue
        name = " ".join(t.text for t in names)
        entry = gaz.lookup(name)
        side = entry.side if entry else _side_of_role(tokens[max(0, k - 6):k + 1], gaz)
        start, end = names[0].idx, names[-1].idx + len(names[-1].text)
        out.append(Actor(entry.name if entry else name, side, "person", start, end, _doc_text(span.doc, start, end)))
    return out


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}


def _appositive_people(span: Span | Doc, gaz: Gazetteer) -> list[Actor]:
    """Unknown people followed by an appositive role: 'Ihor Terekhov, the mayor of Kharkiv,'."""
    out = []
    tokens = list(span)
    for k, tok in enumerate(tokens):
        if tok.text != "," or k < 2:
            continue
        names = []
        for prev in reversed(tokens[max(0, k - 3):k]):
            if not _name_word(prev):
                break
            names.insert(0, prev)
        after = tokens[k + 1:k + 8]
        if len(names) < 2 or not after or after[0].lower_ not in ("a", "an", "the"):
            continue
        role_at = next((j for j, t in enumerate(after) if t.lower_ in ROLE_WORDS), None)
        if role_at is None or any(t.text in (",", ".", ";") for t in after[:role_at]):
            continue
        name = " ".join(t.text for t in names)
        entry = gaz.lookup(name)
        side = entry.side if entry else _side_of_role(after[role_at:role_at + 5][::-1] + after[:role_at], gaz)
        start, end = names[0].idx, names[-1].idx + len(names[-1].text)
        out.append(Actor(entry.name if entry else name, side, "person", start, end, _doc_text(span.doc, start, end)))
    return out


def _name_word(tok) -> bool:
    """A capitalised word that can be part of an unknown person's name."""
    return bool(_CAPITALISED.match(tok.text)) and tok.ent_type_ not in ("GPE", "NORP", "ORG") \
        and tok.lower_ not in ROLE_WORDS and tok.lower_ not in _CALENDAR and not tok.is_stop


def _side_of_role(role_tokens: list, gaz: Gazetteer) -> str | None:
    """The country a role phrase names: 'Ukraine's police chief' → UA."""
    for tok in reversed(role_tokens):
        code = gaz.party_of_demonym(tok.text)
        if code:
            return code
        entry = gaz.lookup(tok.text)
        if entry is not None and entry.kind == "place":
            return entry.side
    return None


def _institution_phrases(span: Span | Doc, gaz: Gazetteer) -> list[Actor]:
    """'Ukraine's interior ministry', 'the UN refugee agency', 'city officials'."""
    out = []
    base = span.start_char if isinstance(span, Span) else 0
    for m in _INSTITUTION_RX.finditer(span.text):
        owner = (m.group("owner") or "").strip()
        owner_word = re.sub(r"^(?i:the)\s+", "", owner)
        owner_name = re.sub(r"['’]s$", "", owner_word)
        if owner and not (owner_word[:1].isupper() or owner_word.lower() in ("state", "city", "local", "regional", "military")):
            owner, owner_word, owner_name = "", "", ""
        phrase = f"{owner_word.replace('’', chr(39))} {m.group('noun')}" if owner_word else m.group("noun")
        entry = gaz.lookup(m.group(0)) or gaz.lookup(phrase)
        if entry is None and not owner_word:
            continue  # a bare "ministry" or "officials" names no one
        side = entry.side if entry else _side_of_owner(owner_name, gaz)
        start = base + m.start("owner") if owner else base + m.start("noun")
        out.append(Actor(entry.name if entry else phrase, side, "institution", start, base + m.end(),
                         _doc_text(span.doc, start, base + m.end())))
    return out


def _side_of_owner(owner: str, gaz: Gazetteer) -> str | None:
    code = gaz.party_of_demonym(owner)
    if code:
        return code
    entry = gaz.lookup(owner)
    return entry.side if entry is not None else None
