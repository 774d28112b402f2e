"""Who gives a casualty figure: reporting clauses ("X said", "according to X", "X put …
at", ", the service said") and their subjects, with anaphors ("it said", "she said", "the
office stressed") resolved to the latest earlier claimant of a matching kind.

Subjects are actors from :func:`analysis.actors.find_actors`, places speaking for their
government ("Kyiv had said"), or names the gazetteer lacks ("UNICEF", "International
Organization for Migration"). Public API: :func:`reporting_clauses`, :class:`ClaimHistory`,
:func:`claimant_for`.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors import Actor, find_actors
from .casualty_cues import CLAUSE_STOPS, FUNCTION_WORDS, lower_at
from .gazetteer import Gazetteer

REPORT_VERBS = {
    "said", "says", "say", "saying", "told", "tells", "telling", "reported", "reports", "report",
    "reporting", "claimed", "claims", "claim", "claiming", "estimated", "estimates", "estimate",
    "put", "puts", "putting", "confirmed", "confirms", "confirm", "acknowledged", "acknowledges",
    "acknowledge", "admitted", "admits", "admit", "announced", "announces", "stated", "states",
    "added", "adds", "noted", "notes", "stressed", "stresses", "warned", "warns", "verified",
    "verifies", "recorded", "records", "believe", "believes", "believed", "wrote", "written",
    "writes", "tweeted", "posted", "counted", "documented", "gave", "gives", "give", "cited",
    "insisted", "alleged", "announcing", "adding", "confirming", "show", "shows", "showed",
}
SUBJECT_GAP = {
    "has", "have", "had", "was", "were", "is", "are", "been", "be", "also", "later", "earlier",
    "now", "previously", "then", "separately", "already", "further", "forced", "to", "on", "last",
    "this", "late", "early", "in", "a", "an", "the", "statement", "video", "address", "interview",
    "briefing", "week", "month", "year", "day", "night", "morning", "afternoon", "evening",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "overnight", "again", "repeatedly", "once", "first", "initially", "publicly",
    "recently", "officially", "social", "media", "its", "their", "his", "her", "update", "latest",
    "daily", "not", "who", "which", "apparently", "reportedly", "still", "only", "just", "nightly",
    "regular", "separate", "televised", "online", "x", "telegram",
}
"""Words between a subject and its reporting verb ('NATO last week put', 'the ministry has
been forced to admit', 'Zelenskyy said in a video address')."""
ANAPHORIC_HEADS = {
    "service": "institution", "office": "institution", "ministry": "institution",
    "agency": "institution", "council": "institution", "administration": "institution",
    "officials": "institution", "authorities": "institution", "police": "institution",
    "army": "institution", "military": "institution", "government": "institution",
    "department": "institution", "mission": "institution", "command": "institution",
    "governor": "person", "mayor": "person", "spokesman": "person", "spokeswoman": "person",
    "official": "person", "minister": "person", "chief": "person", "president": "person",
    "ombudsman": "person", "commissioner": "person", "prosecutor": "person", "commander": "person",
    "spokesperson": "person", "envoy": "person", "ambassador": "person", "staff": "institution",
    "prosecutors": "institution", "ministries": "institution", "headquarters": "institution",
    "centre": "institution", "center": "institution",
    "it": "institution", "they": "institution", "she": "person", "he": "person",
}
NAME_CONNECTORS = {"for", "of", "and", "on"}
ORGANISATION_WORDS = {
    "organization", "organisation", "agency", "office", "ministry", "council", "service", "committee",
    "fund", "programme", "program", "institute", "cross", "commission", "bank", "forces", "police",
    "department", "administration", "mission", "command", "court", "group", "network", "watch",
    "foundation", "centre", "center", "union", "unicef", "who", "iom", "osce", "icrc",
}
CALENDAR_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}
SOURCE_NOUNS = set(ANAPHORIC_HEADS) - {"it", "they", "she", "he"} | {
    "witnesses", "sources", "medics", "rescuers", "doctors", "prosecutors", "investigators",
    "estimates", "monitors", "observers", "analysts", "hospitals",
}
DESCRIPTION_OPENERS = {"the", "a", "an", "her", "his", "its", ",", "“", '"'}
SUBORDINATORS = {"as", "while", "after", "when", "because", "and", "but", "that"}
CLOSING_QUOTES = {'"', "”", "’", "'", "»"}
MAX_CLAIM_DISTANCE = 8
"""Sentences back within which 'it said' / 'the service said' finds its claimant."""


@dataclass(frozen=True)
class Clause:
    """A reporting verb at token ``verb`` with its subject: an actor, or an anaphor
    ('it', 'the service') to resolve against earlier claimants."""

    verb: int
    actor: Actor | None
    anaphor: str | None
    subject_start: int
    according: bool = False
    description: Actor | None = None  # 'regional governor' when the anaphor finds no one


class ClaimHistory:
    """Claimants of earlier sentences, for 'it said' / 'the service said'."""

    def __init__(self) -> None:
        self.sentences: list[list[Actor]] = []

    def add_sentence(self, clauses: list[Clause]) -> None:
        resolved = [c.actor for c in sorted(clauses, key=lambda c: c.verb) if c.actor is not None]
        self.sentences.append(resolved)

    def resolve(self, anaphor: str, earlier_in_sentence: list[Actor]) -> Actor | None:
        """The latest claimant an anaphor can refer to."""
        candidates = [a for s in self.sentences[-MAX_CLAIM_DISTANCE:] for a in s] + earlier_in_sentence
        kind = ANAPHORIC_HEADS.get(anaphor, "institution")
        for actor in reversed(candidates):
            if anaphor in actor.name.lower().split() or anaphor in actor.text.lower().split():
                return actor
        for actor in reversed(candidates):
            if actor.kind == kind or (kind == "institution" and actor.kind == "place"):
                return actor
        return None


def reporting_clauses(sent: Span, gaz: Gazetteer, *, actors: list[Actor] | None = None) -> list[Clause]:
    """Every 'X said', 'according to X', 'it said' in the sentence; ``actors`` are the
    sentence's :func:`~analysis.actors.find_actors` results when already known."""
    doc = sent.doc
    if not any(lower_at(doc, v) in REPORT_VERBS or lower_at(doc, v) == "according" for v in range(sent.start, sent.end)):
        return []
    found = find_actors(sent, gazetteer=gaz) if actors is None else actors
    actors = _drop_overlaps(found + _place_actors(sent, gaz))
    actors = _drop_overlaps(actors + _unknown_organisations(sent, gaz, actors))
    ends = {}
    for actor in actors:
        last = _token_at_char(sent, actor.end - 1)
        if last is not None:
            ends[last] = actor
    clauses = []
    for v in range(sent.start, sent.end):
        low = lower_at(doc, v)
        if low == "according" and lower_at(doc, v + 1) == "to":
            actor = _source_after_according(actors, sent, v + 2) or _described_source(sent, v + 2)
            if actor is not None:
                clauses.append(Clause(v, actor, None, v + 2, according=True))
            continue
        if low not in REPORT_VERBS:
            continue
        clause = _subject_of(doc, v, sent, ends, actors, gaz)
        if clause is not None:
            clauses.append(clause)
    return clauses


def _unknown_organisations(sent: Span, gaz: Gazetteer, known: list[Actor]) -> list[Actor]:
    """Names the gazetteer lacks: acronyms ('UNICEF') and runs of capitalised words
    ('International Organization for Migration', 'Serhiy Lysak')."""
    doc = sent.doc
    covered = {t.i for t in sent for a in known if a.start <= t.idx < a.end}
    out, t = [], sent.start
    while t < sent.end:
        if t in covered or not _name_word(doc[t], gaz):
            t += 1
            continue
        end = t + 1
        while end < sent.end and end not in covered and (_name_word(doc[end], gaz) or (
                lower_at(doc, end) in NAME_CONNECTORS and end + 1 < sent.end and _name_word(doc[end + 1], gaz))):
            end += 1
        words = [doc[k] for k in range(t, end)]
        acronym = any(w.is_upper and len(w.text) >= 2 for w in words)
        if acronym or len([w for w in words if w.text[:1].isupper()]) >= 2 and not (t == sent.start and len(words) < 2):
            kind = "institution" if acronym or any(w.lower_ in ORGANISATION_WORDS for w in words) else "person"
            name = doc[t:end].text
            out.append(Actor(name, None, kind, doc[t].idx, doc[t].idx + len(name), name))
        t = end
    return out


def _name_word(tok: Token, gaz: Gazetteer) -> bool:
    """A capitalised word that can be part of an unknown name (not a place, demonym,
    month, weekday or a shouted headline word)."""
    text = tok.text
    if not text[:1].isupper() or not tok.is_alpha or tok.ent_type_ in ("GPE", "NORP"):
        return False
    if tok.lower_ in FUNCTION_WORDS:
        return False
    if tok.lower_ in CALENDAR_WORDS or tok.lower_ in ANAPHORIC_HEADS:
        return False
    return not (tok.is_upper and len(text) > 8)


def _described_source(sent: Span, t: int) -> Actor | None:
    """'according to police', 'according to local officials': the description itself."""
    doc = sent.doc
    if lower_at(doc, t) == "the":
        t += 1
    end = t
    while end < sent.end and end - t < 4 and doc[end].is_alpha and lower_at(doc, end) not in FUNCTION_WORDS:
        end += 1
    if end == t or lower_at(doc, end - 1) not in SOURCE_NOUNS:
        return None
    name = doc[t:end].text
    return Actor(name, None, "institution", doc[t].idx, doc[t].idx + len(name), name)


def _drop_overlaps(actors: list[Actor]) -> list[Actor]:
    kept: list[Actor] = []
    for actor in sorted(actors, key=lambda a: (a.start, -(a.end - a.start))):
        if not any(actor.start < k.end and k.start < actor.end for k in kept):
            kept.append(actor)
    return kept


def _place_actors(sent: Span, gaz: Gazetteer) -> list[Actor]:
    """Capitals and countries speaking for governments ('Kyiv had said', 'Moscow says')."""
    doc, out = sent.doc, []
    for t in range(sent.start, sent.end):
        if doc[t].ent_iob_ != "B" or doc[t].ent_type_ != "GPE":
            continue
        end = t + 1
        while end < sent.end and doc[end].ent_iob_ == "I":
            end += 1
        ent = doc[t:end]
        entry = gaz.lookup(doc[t].ent_id_) or gaz.lookup(ent.text)
        if entry is None or entry.kind != "place":
            continue
        out.append(Actor(entry.name, entry.side, "place", ent.start_char, ent.end_char, ent.text))
    return out


def _token_at_char(sent: Span, char: int) -> int | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok.i
    return None


def _source_after_according(actors: list[Actor], sent: Span, t: int) -> Actor | None:
    """'according to X', 'according to figures released by X', 'according to a statement
    from X': the first actor before the phrase ends."""
    doc = sent.doc
    for k in range(t, min(sent.end, t + 7)):
        if doc[k].is_punct and doc[k].text not in ("'s", "’s"):
            return None
        for actor in actors:
            if actor.start <= doc[k].idx < actor.end:
                return actor
        if not doc[k].is_lower:
            return None
    return None


def _actor_starting(actors: list[Actor], sent: Span, t: int) -> Actor | None:
    doc = sent.doc
    for k in (t, t + 1):
        if k >= sent.end:
            break
        for actor in actors:
            if actor.start <= doc[k].idx < actor.end:
                return actor
    return None


def _subject_of(doc: Doc, v: int, sent: Span, ends: dict[int, Actor], actors: list[Actor],
                gaz: Gazetteer) -> Clause | None:
    """Subject of the reporting verb at ``v``: the actor (or anaphor) before it, across
    adverbials ('on Thursday', 'has been forced to'), a relative clause (', which … ,')
    or an appositive; or the actor right after it (', said X')."""
    p, steps = v - 1, 0
    while p >= sent.start and steps < 30:
        if p in ends:
            actor = ends[p]
            first = _token_at_char(sent, actor.start)
            if actor.kind == "place" and first is not None and lower_at(doc, first - 1) in ("in", "of"):
                p = first - 2
                continue
            person = _appositive_head(doc, first, ends) if first is not None else None
            if person is not None:
                actor, first = person
            return Clause(v, actor, None, first if first is not None else p)
        low = lower_at(doc, p)
        if low in ANAPHORIC_HEADS:
            clause = _anaphoric_subject(doc, v, p, sent, gaz)
            if clause is not None:
                return clause
        if low == "," and (p - 1 in ends or lower_at(doc, p + 1) in ("which", "who")):
            p -= 1
            continue
        if low == ",":
            jump = _jump_parenthetical(doc, p, sent)
            if jump is None:
                break
            p = jump
            steps += 1
            continue
        if low not in SUBJECT_GAP:
            break
        p -= 1
        steps += 1
    if lower_at(doc, v - 1) in {","} | CLOSING_QUOTES:
        actor = _actor_starting(actors, sent, v + 1)
        if actor is not None:
            return Clause(v, actor, None, v + 1)
    return None


def _appositive_head(doc: Doc, first: int, ends: dict[int, Actor]) -> tuple[Actor, int] | None:
    """'Filippo Grandi, the UN High Commissioner for Refugees, said': the person, not the
    office named in the apposition."""
    k = first - 1
    if lower_at(doc, k) in ("the", "a", "an"):
        k -= 1
    if lower_at(doc, k) != "," or k - 1 not in ends or ends[k - 1].kind != "person":
        return None
    person = ends[k - 1]
    start = k - 1
    while start - 1 >= 0 and doc[start - 1].idx >= person.start:
        start -= 1
    return person, start


def _anaphoric_subject(doc: Doc, v: int, p: int, sent: Span, gaz: Gazetteer) -> Clause | None:
    """'it said', 'the service said', ', the regional governor said', 'Officials said',
    ', a Ukrainian commander said'."""
    low = lower_at(doc, p)
    start = p
    while start - 1 >= sent.start and p - start < 5 and _description_word(doc[start - 1]):
        start -= 1
    if lower_at(doc, start) == "'s" and start - 1 >= sent.start and doc[start - 1].ent_type_ == "GPE":
        start -= 1  # "Ukraine's prosecutor general's office"
    before = lower_at(doc, start - 1) if start > sent.start else ""
    pronoun = low in ("it", "she", "he", "they")
    if not (pronoun or start == sent.start or before in DESCRIPTION_OPENERS):
        return None
    if before in ("her", "his"):
        low = "she"
    return Clause(v, None, low, start, description=_description(doc, start, p, gaz))


def _description_word(tok: Token) -> bool:
    """Words of a description before its head: 'regional', "prosecutor's", 'Ukrainian'."""
    low = tok.lower_.replace("’", "'")
    if tok.ent_type_ == "NORP" or low == "'s":
        return True
    return tok.is_lower and tok.is_alpha and low not in FUNCTION_WORDS


def _description(doc: Doc, start: int, head: int, gaz: Gazetteer) -> Actor | None:
    """'the regional governor' → Actor('regional governor'), for unresolved anaphors; a
    demonym in it gives the side ('a Ukrainian commander')."""
    if lower_at(doc, head) in ("it", "they", "she", "he"):
        return None
    name = doc[start:head + 1].text
    a, b = doc[start].idx, doc[start].idx + len(name)
    if doc[start].is_sent_start and doc[start].is_title and not doc[start].ent_type_:
        name = name[:1].lower() + name[1:]  # 'Officials said' → 'officials'
    sides = {gaz.party_of_demonym(doc[k].ent_id_ or doc[k].text) for k in range(start, head)
             if doc[k].ent_type_ == "NORP"}
    sides |= {entry.side for k in range(start, head) if doc[k].ent_type_ == "GPE"
              for entry in [gaz.lookup(doc[k].ent_id_ or doc[k].text)] if entry is not None}
    side = sides.pop() if len(sides) == 1 else None
    return Actor(name, side, ANAPHORIC_HEADS.get(lower_at(doc, head), "institution"), a, b, name)


def _jump_parenthetical(doc: Doc, comma: int, sent: Span) -> int | None:
    """Before ', which acknowledged …,' or ', the UN High Commissioner for Refugees,':
    the index just before the opening comma, else ``None``."""
    k = comma - 1
    while k > sent.start and comma - k < 25:
        if lower_at(doc, k) == ",":
            first = lower_at(doc, k + 1)
            if first in ("which", "who", "the", "a", "an") or doc[k + 1].text[:1].isupper():
                return k - 1
            return None
        if lower_at(doc, k) in CLAUSE_STOPS:
            return None
        k -= 1
    return None


def claimant_for(start: int, end: int, sent: Span, clauses: list[Clause], history: ClaimHistory) -> Actor | None:
    """Who gives the phrase at tokens ``[start, end)`` of ``sent``: 'according to X' first,
    then the nearest reporting clause before it or closing the sentence after it
    (', the service said'); anaphors resolve through ``history``."""
    ordered = sorted(clauses, key=lambda c: abs(c.verb - start))
    for clause in [c for c in clauses if c.according] + ordered:
        if not clause.according and clause.verb > start and not _trailing(clause, end, sent):
            continue
        if clause.verb < start and any(lower_at(sent.doc, k) == ";" for k in range(clause.verb, start)):
            continue
        if clause.actor is not None:
            return clause.actor
        earlier = [c.actor for c in clauses if c.actor is not None and c.verb < clause.verb]
        resolved = history.resolve(clause.anaphor or "it", earlier) or clause.description
        if resolved is not None:
            return resolved
    return None


def _trailing(clause: Clause, end: int, sent: Span) -> bool:
    """A clause after the phrase attributes it only when set off by a comma or quote
    (', officials said', '," Ukraine's emergency service reported'), not 'as Trump says'."""
    doc = sent.doc
    k = clause.subject_start - 1
    while k > end and clause.subject_start - k <= 6 and lower_at(doc, k) not in SUBORDINATORS and (
            doc[k].is_alpha or lower_at(doc, k) in ("'s", ".")):
        k -= 1  # role words and titles: ', regional governor X said', ', Mayor X said'
    if lower_at(doc, k) == "." and k > end:
        return False
    if lower_at(doc, k) == "and" and lower_at(doc, k - 1) == ",":
        return True
    return lower_at(doc, k) in {",", ")"} | CLOSING_QUOTES
