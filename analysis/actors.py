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

from .casualty_cues import positions
from .gazetteer import Gazetteer, default_gazetteer
from .nlp import TITLE_ABBREVIATIONS
from .prefilter import fold_case
from .tokens import TokenView, token_view

ROLE_WORDS = {
    "minister", "ministers", "secretary", "spokesman", "spokeswoman", "spokesperson", "president",
    "chief", "governor", "mayor", "adviser", "advisor", "aide", "envoy", "ambassador", "ombudsman",
    "chancellor", "commander", "general", "admiral", "lawmaker", "negotiator", "official",
    "head", "leader", "premier", "diplomat", "commissioner", "director", "representative",
    "prime", "deputy", "senator", "king", "prince", "pope", "chairman", "chairwoman",
    "lieutenant", "colonel", "major", "captain", "sergeant", "marshal", "mr", "mrs", "ms",
} | {abbreviation.lower() for abbreviation in TITLE_ABBREVIATIONS}
INSTITUTION_NOUNS = (
    "defence ministry", "defense ministry", "foreign ministry", "interior ministry", "health ministry",
    "ministry of defence", "ministry of defense", "ministry", "emergency service", "emergency services",
    "state emergency service", "refugee agency", "migration agency", "human rights office", "human rights monitoring mission",
    "city council", "city administration", "regional administration", "military administration",
    "general staff", "air force", "armed forces", "army", "navy", "border guard service",
    "prosecutor general's office", "prosecutor's office", "police", "government", "presidency",
    "officials", "authorities", "security service", "intelligence", "defence intelligence",
    "defense intelligence", "military", "parliament", "council", "agency", "office", "mission",
)
_NOUNS = "(?:state\\s+)?(?:" + "|".join(sorted((re.escape(n) for n in INSTITUTION_NOUNS), key=len, reverse=True)) + ")"
_INSTITUTION_RX = re.compile(
    r"\b(?P<owner>(?:the\s+)?(?:(?-i:[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?)(?:'s|’s)|(?:UN|U\.N\.|United Nations|EU|NATO|"
    r"Russian|Ukrainian|British|American|US|U\.S\.|Belarusian|Turkish|German|French|Kremlin|state|"
    r"city|local|regional|military|(?-i:[A-Z][a-z]+)-(?:installed|backed|appointed|controlled|led|run)|[A-Z][a-z]+)\b)\s+)?"
    r"(?P<noun>" + _NOUNS + r")\b",
    re.IGNORECASE)
_NOUN_RX = re.compile(r"\b" + _NOUNS + r"\b", re.IGNORECASE)
"""The ``noun`` group of :data:`_INSTITUTION_RX` alone: every match of the whole has one."""
_NOUN_FIRST_WORDS = sorted({re.match(r"[a-z]+", n).group() for n in INSTITUTION_NOUNS} | {"state"})
OWNER_WHITESPACE_RUNS = 3
"""Whitespace runs an owner phrase can span ('the' ␣ 'Red Cross's' ␣ noun: 'Red Cross's' has one)."""


def _capitalised(word: str) -> bool:
    """A capital, then lower-case letters of any script ("Erdoğan", "Šmyhal"; not "NATO")."""
    return len(word) > 1 and word[0].isupper() and all(c.islower() or c in "'’-" for c in word[1:])


_LEADING_THE = re.compile(r"^(?i:the)\s+")
_POSSESSIVE_END = re.compile(r"['’]s$")


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
    """Every actor mentioned in ``span``, left to right, without overlaps (for a whole
    Doc, found once per document and gazetteer: casualties and speech both ask)."""
    gaz = gazetteer or default_gazetteer()
    if isinstance(span, Doc):
        key = ("actors", id(gaz), gaz.version)
        cached = span.user_data.get(key)
        if cached is None or cached[0] != len(span):
            cached = span.user_data[key] = (len(span), tuple(_find_actors(span, gaz)))
        return list(cached[1])
    return _find_actors(span, gaz)


def _find_actors(span: Span | Doc, gaz: Gazetteer) -> list[Actor]:
    tokens = _Tokens(span)
    found = _gazetteer_actors(span, tokens, gaz)
    found += [a for a in _role_named_people(tokens, gaz) if not _overlaps(a, found)]
    found += [a for a in _appositive_people(tokens, gaz) if not _overlaps(a, found)]
    found += [a for a in _institution_phrases(span, tokens, gaz) if not _overlaps(a, found)]
    found += _surname_mentions(tokens, found)
    return sorted(found, key=lambda a: a.start)


def _surname_mentions(tokens: _Tokens, found: list[Actor]) -> list[Actor]:
    """Later mentions of a person by surname alone ('Ihor Terekhov said … Terekhov wrote'),
    after the full name in the same text."""
    view = tokens.view
    first_seen: dict[str, Actor] = {}
    for actor in sorted(found, key=lambda a: a.start):
        words = actor.name.split()
        if actor.kind == "person" and len(words) >= 2 and words[-1][:1].isupper():
            first_seen.setdefault(words[-1], actor)
    if not first_seen:
        return []
    covered = sorted((a.start, a.end) for a in found)
    out = []
    for k in range(tokens.start, tokens.end):
        person = first_seen.get(view.text[k])
        if person is None or view.idx[k] < person.end or view.ent_type[k] in ("GPE", "NORP"):
            continue
        start, end = view.idx[k], view.end_char(k)
        if any(s <= start < e for s, e in covered):
            continue
        if k + 1 < tokens.end and _capitalised(view.text[k + 1]):
            continue  # 'Terekhov Street'
        out.append(Actor(person.name, person.side, "person", start, end, view.text[k]))
    return out


def document_text(doc: Doc) -> str:
    """``doc.text``, built once per document from its token columns."""
    return token_view(doc).doc_text


class _Tokens:
    """The token range ``[start, end)`` of a Doc or Span with its document's token
    columns and text."""

    def __init__(self, span: Span | Doc) -> None:
        self.doc = span.doc
        self.view = token_view(self.doc)
        self.start, self.end = (span.start, span.end) if isinstance(span, Span) else (0, len(span))
        self.text = document_text(self.doc)

    def text_between(self, start: int, end: int) -> str:
        """Characters ``[start, end)`` of the document."""
        return self.text[start:end]


def _overlaps(actor: Actor, others: list[Actor]) -> bool:
    return any(actor.start < o.end and o.start < actor.end for o in others)


def _gazetteer_actors(span: Span | Doc, tokens: _Tokens, gaz: Gazetteer) -> list[Actor]:
    out = []
    for ent in tokens.view.ents_within(tokens.start, tokens.end):
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        start, end = ent.start_char, ent.end_char
        entry = gaz.lookup(ent.ent_id_) or gaz.lookup(tokens.text_between(start, end))
        if entry is None:
            continue
        owner = _owner_before(tokens.view, ent.start, gaz)
        if entry.kind == "institution" and owner:
            start = owner[1]
        out.append(Actor(entry.name, entry.side, entry.kind, start, end, tokens.text_between(start, end)))
    return out


def _owner_before(view: TokenView, i: int, gaz: Gazetteer) -> tuple[str, int] | None:
    """'Ukraine's' / 'Russian' just before token ``i``: (party code, char offset)."""
    if i >= 2 and view.text[i - 1] in ("'s", "’s"):
        entry = gaz.lookup(view.text[i - 2])
        if entry and entry.side:
            return entry.side, view.idx[i - 2]
    if i >= 1:
        code = gaz.party_of_demonym(view.text[i - 1])
        if code:
            return code, view.idx[i - 1]
    return None


def _person(tokens: _Tokens, names: list[int], role_words: list[str], gaz: Gazetteer) -> Actor:
    """An unknown person named by tokens ``names``; the side from the gazetteer or the role."""
    view = tokens.view
    name = " ".join(view.text[t] for t in names)
    entry = gaz.lookup(name)
    side = entry.side if entry else _side_of_role(role_words, gaz)
    start, end = view.idx[names[0]], view.end_char(names[-1])
    return Actor(entry.name if entry else name, side, "person", start, end, tokens.text_between(start, end))


def _role_named_people(tokens: _Tokens, gaz: Gazetteer) -> list[Actor]:
    """Unknown people introduced by a role: 'police chief Ihor Klymenko', or by a role
    and a comma when the name closes the apposition: 'China's special envoy, Li Hui, said'."""
    view, lo, hi = tokens.view, tokens.start, tokens.end
    text, lower, ent_type = view.text, view.lower, view.ent_type
    out = []
    for k in [k for k in range(lo, hi - 1) if lower[k] in ROLE_WORDS]:
        comma = text[k + 1] == ","
        first = k + 2 if comma else k + 1
        names = []
        for nxt in range(first, min(hi, first + 3)):
            if _capitalised(text[nxt]) and not ent_type[nxt] in ("GPE", "NORP") and lower[nxt] not in ROLE_WORDS:
                names.append(nxt)
            else:
                break
        if len(names) < 2 or (comma and not _closes_apposition(view, names[-1] + 1, hi)):
            continue
        out.append(_person(tokens, names, text[max(lo, k - 6):k + 1], gaz))
    return out


def _closes_apposition(view: TokenView, k: int, hi: int) -> bool:
    """The token after a name ends an apposition: a comma, a full stop, or the end."""
    return k >= hi or view.text[k] in (",", ".", ";", ")")


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}


def _appositive_people(tokens: _Tokens, gaz: Gazetteer) -> list[Actor]:
    """Unknown people followed by an appositive role: 'Ihor Terekhov, the mayor of Kharkiv,'."""
    view, lo, hi = tokens.view, tokens.start, tokens.end
    text, lower = view.text, view.lower
    out = []
    for k in positions(text, (",",), lo + 2, hi):
        after = range(k + 1, min(hi, k + 8))
        if not after or not _opens_role_apposition(view, after, gaz):
            continue
        names = []
        for prev in range(k - 1, max(lo, k - 3) - 1, -1):
            if not _name_word(tokens, prev):
                break
            names.insert(0, prev)
        if len(names) < 2:
            continue
        role_at = next((j for j, t in enumerate(after) if lower[t] in ROLE_WORDS), None)
        if role_at is None or any(text[t] in (",", ".", ";") for t in after[:role_at]):
            continue
        role_words = [text[t] for t in after[role_at:role_at + 5][::-1]] + [text[t] for t in after[:role_at]]
        out.append(_person(tokens, names, role_words, gaz))
    return out


def _opens_role_apposition(view: TokenView, after: range, gaz: Gazetteer) -> bool:
    """', the mayor of …', ', Poland's foreign minister', ', Ukrainian lawmaker …',
    ', governor of …': what may follow a name's comma before its role."""
    first = after[0]
    if view.lower[first] in ("a", "an", "the") or view.lower[first] in ROLE_WORDS:
        return True
    if len(after) > 1 and view.text[after[1]] in ("'s", "’s"):
        entry = gaz.lookup(view.text[first])
        return entry is not None and entry.kind in ("place", "institution")
    return gaz.party_of_demonym(view.text[first]) is not None


def _name_word(tokens: _Tokens, t: int) -> bool:
    """A capitalised word that can be part of an unknown person's name."""
    view = tokens.view
    return _capitalised(view.text[t]) and view.ent_type[t] not in ("GPE", "NORP", "ORG") \
        and view.lower[t] not in ROLE_WORDS and view.lower[t] not in _CALENDAR and not tokens.doc[t].is_stop


def _side_of_role(role_words: list[str], gaz: Gazetteer) -> str | None:
    """The country a role phrase names: 'Ukraine's police chief' → UA."""
    for word in reversed(role_words):
        code = gaz.party_of_demonym(word)
        if code:
            return code
        entry = gaz.lookup(word)
        if entry is not None and entry.kind == "place":
            return entry.side
    return None


def _institution_matches(text: str):
    """The matches of ``_INSTITUTION_RX.finditer(text)``, found faster: the full pattern
    is tried only from a few words before each institution noun (a match contains one,
    after an owner that spans at most :data:`OWNER_WHITESPACE_RUNS` whitespace runs)."""
    pos = 0
    for noun in _noun_positions(text):
        if noun < pos:
            continue
        m = _INSTITUTION_RX.search(text, max(pos, _runs_back(text, noun, OWNER_WHITESPACE_RUNS + 1)))
        yield m
        pos = m.end()


def _noun_positions(text: str) -> list[int]:
    """Every offset where :data:`_NOUN_RX` matches, in order: tried only where the
    lower-cased text has a noun's first word (``str.find`` scans fast)."""
    low = fold_case(text)
    candidates = set()
    for word in _NOUN_FIRST_WORDS:
        k = low.find(word)
        while k != -1:
            candidates.add(k)
            k = low.find(word, k + 1)
    return [k for k in sorted(candidates) if _NOUN_RX.match(text, k)]


def _runs_back(text: str, i: int, runs: int) -> int:
    """The offset just after the ``runs``-th whitespace run before offset ``i`` (0 if fewer)."""
    k = i
    while k > 0:
        if text[k - 1].isspace():
            runs -= 1
            if runs == 0:
                return k
            while k > 0 and text[k - 1].isspace():
                k -= 1
        else:
            k -= 1
    return 0


def _institution_phrases(span: Span | Doc, tokens: _Tokens, gaz: Gazetteer) -> list[Actor]:
    """'Ukraine's interior ministry', 'the UN refugee agency', 'city officials'."""
    out = []
    base = span.start_char if isinstance(span, Span) else 0
    if not isinstance(span, Span):
        text = tokens.text
    else:
        text = tokens.text_between(span.start_char, span.end_char) if len(span) else ""
    for m in _institution_matches(text):
        owner = (m.group("owner") or "").strip()
        owner_word = _LEADING_THE.sub("", owner)
        owner_name = _POSSESSIVE_END.sub("", owner_word)
        if owner and not (owner_word[:1].isupper() or owner_word.lower() in ("state", "city", "local", "regional", "military")):
            owner, owner_word, owner_name = "", "", ""
        phrase = f"{owner_word.replace('’', chr(39))} {m.group('noun')}" if owner_word else m.group("noun")
        entry = gaz.lookup(m.group(0)) or gaz.lookup(phrase)
        ministry = entry is None and owner_word != owner_name and "ministry" in m.group("noun").lower()
        adjective = gaz.demonym_of_country(owner_name) if ministry else None
        if adjective:
            phrase = f"{adjective} {m.group('noun')}"  # "China's foreign ministry" → "Chinese foreign ministry"
            entry = gaz.lookup(phrase)
        if entry is None and not owner_word:
            continue  # a bare "ministry" or "officials" names no one
        side = entry.side if entry else _side_of_owner(owner_name, gaz)
        start = base + m.start("owner") if owner else base + m.start("noun")
        out.append(Actor(entry.name if entry else phrase, side, "institution", start, base + m.end(),
                         tokens.text_between(start, base + m.end())))
    return out


def _side_of_owner(owner: str, gaz: Gazetteer) -> str | None:
    code = gaz.party_of_demonym(owner)
    if code:
        return code
    entry = gaz.lookup(owner)
    return entry.side if entry is not None else None
