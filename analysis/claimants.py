"""Who gives a casualty figure: reporting clauses ("X said", "according to X", "X put …
at", ", the service said") and their subjects, with anaphors ("it said", "she said", "the
office stressed") resolved to the latest earlier claimant of a matching kind.

Subjects are actors from :func:`analysis.actors.find_actors`, places speaking for their
government ("Kyiv had said"), or names the gazetteer lacks ("UNICEF", "International
Organization for Migration"). Public API: :func:`reporting_clauses`, :func:`may_report`,
:class:`ClaimHistory`, :func:`claimant_for`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .actors import ROLE_WORDS, Actor, find_actors
from .casualty_cues import CLAUSE_STOPS, FUNCTION_WORDS, positions, span_text
from .gazetteer import Gazetteer
from .tokens import TokenView, token_view

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
    "regular", "separate", "televised", "online", "x", "telegram", "itself", "themselves", "himself",
    "herself",
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
ADDRESSEE_VERBS = {"told", "tells", "tell", "telling"}
"""Verbs whose object is who was told (', telling NBC that'), never the source."""
GENERIC_SOURCES = {"officials", "authorities"}
"""Plural descriptions that refer back only to a source with the same word ('Ukrainian
officials said … officials said'), never to another institution."""
NAME_CONNECTORS = {"for", "of", "and", "on"}
ORGANISATION_WORDS = {
    "organization", "organisation", "agency", "office", "ministry", "council", "service", "committee",
    "fund", "programme", "program", "institute", "cross", "commission", "bank", "forces", "police",
    "department", "administration", "mission", "command", "court", "group", "network", "watch",
    "foundation", "centre", "center", "union", "unicef", "who", "iom", "osce", "icrc", "guard", "guards",
    "headquarters", "directorate", "inspectorate", "staff", "corps", "brigade", "group",
}
CALENDAR_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}
SOURCE_NOUNS = set(ANAPHORIC_HEADS) - {"it", "they", "she", "he"} | {"services",
    "witnesses", "sources", "medics", "rescuers", "doctors", "prosecutors", "investigators",
    "estimates", "monitors", "observers", "analysts", "hospitals",
}
DESCRIPTION_OPENERS = {"the", "a", "an", "her", "his", "its", ",", "“", '"'}
SUBORDINATORS = {"as", "while", "after", "when", "because", "and", "but", "that"}
CLOSING_QUOTES = {'"', "”", "’", "'", "»"}
MAX_CLAIM_DISTANCE = 8
"""Sentences back within which 'it said' / 'the service said' finds its claimant."""
_REPORT_CUES = REPORT_VERBS | {"according"}
_COMMA_OR_QUOTE = {","} | CLOSING_QUOTES
_TRAILING_MARKS = {",", ")"} | CLOSING_QUOTES


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
        self._later: dict[int, Callable[[], list[Clause]]] = {}

    def add_sentence(self, clauses: list[Clause]) -> None:
        self.sentences.append(_claimants(clauses))

    def add_sentence_later(self, find_clauses: Callable[[], list[Clause]]) -> None:
        """Add a sentence whose clauses ``find_clauses()`` gives, called only if an
        anaphor looks back this far (most sentences are never looked at)."""
        self._later[len(self.sentences)] = find_clauses
        self.sentences.append([])

    def resolve(self, anaphor: str, earlier_in_sentence: list[Actor], *, described: bool = False) -> Actor | None:
        """The latest claimant an anaphor can refer to; a ``described`` institution ('the
        regional administration', 'Ukrainian prosecutors') only one named with its head noun."""
        for k in range(max(0, len(self.sentences) - MAX_CLAIM_DISTANCE), len(self.sentences)):
            if k in self._later:
                self.sentences[k] = _claimants(self._later.pop(k)())
        candidates = [a for s in self.sentences[-MAX_CLAIM_DISTANCE:] for a in s] + earlier_in_sentence
        kind = ANAPHORIC_HEADS.get(anaphor, "institution")
        for actor in reversed(candidates):
            if anaphor in actor.name.lower().split() or anaphor in actor.text.lower().split():
                return actor
        if anaphor in GENERIC_SOURCES or (described and kind == "institution"):
            return None  # 'officials said' refers back only to officials named before
        for actor in reversed(candidates):
            if actor.kind == kind or (kind == "institution" and actor.kind == "place"):
                return actor
        return None


def _claimants(clauses: list[Clause]) -> list[Actor]:
    """The actors of ``clauses`` in text order."""
    return [c.actor for c in sorted(clauses, key=lambda c: c.verb) if c.actor is not None]


def may_report(sent: Span) -> bool:
    """Whether ``sent`` has a reporting verb or 'according' (without one it has no clauses)."""
    view = token_view(sent)
    return not _REPORT_CUES.isdisjoint(view.lower_apos[sent.start:sent.end])


def reporting_clauses(sent: Span, gaz: Gazetteer, *, actors: list[Actor] | None = None) -> list[Clause]:
    """Every 'X said', 'according to X', 'it said' in the sentence; ``actors`` are the
    sentence's :func:`~analysis.actors.find_actors` results when already known."""
    view = token_view(sent)
    lowers = view.lower_apos
    cues = _REPORT_CUES.intersection(lowers[sent.start:sent.end])
    if not cues:
        return []
    found = find_actors(sent, gazetteer=gaz) if actors is None else actors
    actors = _drop_overlaps(found + _place_actors(sent, view, gaz))
    actors = _drop_overlaps(actors + _unknown_organisations(sent, view, gaz, actors))
    ends = {}
    for actor in actors:
        last = _token_at_char(view, sent, actor.end - 1)
        if last is not None:
            ends[last] = actor
    clauses = []
    for v in positions(lowers, cues, sent.start, sent.end):
        low = lowers[v]
        if low == "according":
            if view.lower_at(v + 1) == "to":
                actor = _source_after_according(actors, view, sent, v + 2) or _described_source(view, sent, v + 2)
                if actor is not None:
                    clauses.append(Clause(v, actor, None, v + 2, according=True))
            continue
        clause = _subject_of(view, v, sent, ends, actors, gaz)
        if clause is not None:
            clauses.append(clause)
    return clauses


def _covered_tokens(view: TokenView, sent: Span, actors: list[Actor]) -> set[int]:
    """Tokens of ``sent`` that start inside one of ``actors``."""
    covered: set[int] = set()
    for a in actors:
        first = bisect_left(view.idx, a.start, sent.start, sent.end)
        covered.update(range(first, bisect_left(view.idx, a.end, first, sent.end)))
    return covered


def _unknown_organisations(sent: Span, view: TokenView, gaz: Gazetteer, known: list[Actor]) -> list[Actor]:
    """Names the gazetteer lacks: acronyms ('UNICEF') and runs of capitalised words
    ('International Organization for Migration', 'Serhiy Lysak')."""
    covered = _covered_tokens(view, sent, known)
    text = view.text
    out, end = [], sent.start
    for t in [t for t in range(sent.start, sent.end) if text[t][:1].isupper()]:  # a name starts capitalised
        if t < end or t in covered or not _name_word(view, t):
            continue
        end = t + 1
        while end < sent.end and end not in covered:
            if _name_word(view, end):
                end += 1
            elif view.lower_at(end) in NAME_CONNECTORS and end + 1 < sent.end and _name_word(view, end + 1):
                end += 2
            elif view.lower_at(end) == "of" and view.lower_at(end + 1) == "the" and end + 2 < sent.end \
                    and _name_word(view, end + 2):
                end += 3  # 'International Committee of the Red Cross'
            else:
                break
        words = range(t, end)
        acronym = any(view.is_upper[w] and len(text[w]) >= 2 for w in words)
        if acronym or len([w for w in words if text[w][:1].isupper()]) >= 2 and not (t == sent.start and len(words) < 2):
            kind = "institution" if acronym or any(view.lower[w] in ORGANISATION_WORDS for w in words) else "person"
            name = span_text(view, t, end)
            out.append(Actor(name, None, kind, view.idx[t], view.idx[t] + len(name), name))
    return out


def _name_word(view: TokenView, t: int) -> bool:
    """A capitalised word that can be part of an unknown name (not a place, demonym,
    month, weekday or a shouted headline word)."""
    text = view.text[t]
    if not text[:1].isupper() or not view.is_alpha[t] or view.ent_type[t] in ("GPE", "NORP"):
        return False
    low = view.lower[t]
    if low in FUNCTION_WORDS:
        return False
    if low in CALENDAR_WORDS or low in ANAPHORIC_HEADS or low in ROLE_WORDS:
        return False
    return not (view.is_upper[t] and len(text) > 8)


def _described_source(view: TokenView, sent: Span, t: int) -> Actor | None:
    """'according to police', 'according to local officials': the description itself."""
    if view.lower_at(t) == "the":
        t += 1
    end = t
    while end < sent.end and end - t < 4 and view.is_alpha[end] and view.lower_at(end) not in FUNCTION_WORDS:
        end += 1
    if end == t or view.lower_at(end - 1) not in SOURCE_NOUNS:
        return None
    name = span_text(view, t, end)
    return Actor(name, None, "institution", view.idx[t], view.idx[t] + len(name), name)


def _drop_overlaps(actors: list[Actor]) -> list[Actor]:
    kept: list[Actor] = []
    for actor in sorted(actors, key=lambda a: (a.start, -(a.end - a.start))):
        for k in kept:
            if actor.start < k.end and k.start < actor.end:
                break
        else:
            kept.append(actor)
    return kept


def _place_actors(sent: Span, view: TokenView, gaz: Gazetteer) -> list[Actor]:
    """Capitals and countries speaking for governments ('Kyiv had said', 'Moscow says')."""
    out = []
    starts = view.ent_starts
    for ent in view.ents[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]:
        if ent.label_ != "GPE":
            continue
        t, end = ent.start, min(ent.end, sent.end)
        text = span_text(view, t, end)
        entry = gaz.lookup(ent.ent_id_) or gaz.lookup(text)
        if entry is None or entry.kind != "place":
            continue
        out.append(Actor(entry.name, entry.side, "place", view.idx[t], view.end_char(end - 1), text))
    return out


def _token_at_char(view: TokenView, sent: Span, char: int) -> int | None:
    """The token of ``sent`` whose text covers character ``char``."""
    t = bisect_right(view.idx, char, sent.start, sent.end) - 1
    if t >= sent.start and char < view.end_char(t):
        return t
    return None


MAX_ACCORDING_TOKENS = 12
"""Tokens after 'according to' within which its source is named."""


def _source_after_according(actors: list[Actor], view: TokenView, sent: Span, t: int) -> Actor | None:
    """'according to X', 'according to figures released by X', 'according to a statement
    from X': the first actor before the phrase ends — unless it is a place or institution
    that a role phrase goes on to name a person for ('Kharkiv governor Oleh Syniehubov',
    'the governor of the Zaporizhzhia region, Ivan Fedorov', 'Defence Ministry spokesman
    Lt. Gen. Igor Konashenkov'): then the person."""
    first: Actor | None = None
    role, comma = False, False
    k = t
    while k < min(sent.end, t + MAX_ACCORDING_TOKENS):
        text = view.text[k]
        if text == "," and not comma and (first is not None or role):
            comma = True  # the appositive name after a role: ', Ivan Fedorov'
            k += 1
            continue
        if view.is_punct[k] and text not in ("'s", "’s"):
            break
        actor = _actor_at(actors, view.idx[k])
        if actor is not None:
            if actor.kind == "person" and (first is None or role):
                return actor
            if first is not None:
                break
            first = actor
            while k + 1 < sent.end and view.idx[k + 1] < actor.end:
                k += 1
        elif view.lower[k] in ROLE_WORDS:
            role = True
        elif first is not None and not (view.is_lower[k] or view.is_title[k]):
            break
        k += 1
    return first


def _actor_at(actors: list[Actor], char: int) -> Actor | None:
    """The actor whose text covers character ``char``."""
    for actor in actors:
        if actor.start <= char < actor.end:
            return actor
    return None


def _actor_starting(actors: list[Actor], view: TokenView, sent: Span, t: int) -> Actor | None:
    for k in (t, t + 1):
        if k >= sent.end:
            break
        for actor in actors:
            if actor.start <= view.idx[k] < actor.end:
                return actor
    return None


def _subject_of(view: TokenView, v: int, sent: Span, ends: dict[int, Actor], actors: list[Actor],
                gaz: Gazetteer) -> Clause | None:
    """Subject of the reporting verb at ``v``: the actor (or anaphor) before it, across
    adverbials ('on Thursday', 'has been forced to'), a relative clause (', which … ,')
    or an appositive; or the actor right after it (', said X')."""
    lower_at = view.lower_at
    p, steps = v - 1, 0
    while p >= sent.start and steps < 30:
        if p in ends:
            actor = ends[p]
            first = _token_at_char(view, sent, actor.start)
            if actor.kind == "place" and first is not None and lower_at(first - 1) in ("in", "of"):
                p = first - 2
                continue
            person = _appositive_head(view, first, ends) if first is not None else None
            if person is not None:
                actor, first = person
            return Clause(v, actor, None, first if first is not None else p)
        low = lower_at(p)
        if low in ANAPHORIC_HEADS:
            clause = _anaphoric_subject(view, v, p, sent, gaz)
            if clause is not None:
                return clause
        if low == "," and (p - 1 in ends or lower_at(p + 1) in ("which", "who")):
            p -= 1
            continue
        if low == ")":
            opening = _opening_bracket(view, p, sent)
            if opening is None:
                break
            p = opening - 1  # 'the UN mission (HRMMU) has verified'
            steps += 1
            continue
        if low == ",":
            jump = _jump_parenthetical(view, p, sent)
            if jump is None:
                break
            p = jump
            steps += 1
            continue
        if low not in SUBJECT_GAP:
            break
        p -= 1
        steps += 1
    if lower_at(v - 1) in _COMMA_OR_QUOTE and lower_at(v) not in ADDRESSEE_VERBS:
        actor = _actor_starting(actors, view, sent, v + 1)
        if actor is not None:
            return Clause(v, actor, None, v + 1)
    return None


APPOSITIVE_ROLE_WORDS = 4
"""Role words between an apposition's comma and the institution it names ('head of the')."""


def _appositive_head(view: TokenView, first: int, ends: dict[int, Actor]) -> tuple[Actor, int] | None:
    """'Filippo Grandi, the UN High Commissioner for Refugees, said', 'Serhiy Lysak, head
    of the regional military administration, said': the person, not the office named in
    the apposition."""
    k = first - 1
    while k > first - 1 - APPOSITIVE_ROLE_WORDS and (view.lower_at(k) in ("the", "a", "an", "of", "for")
                                                      or view.lower_at(k) in ROLE_WORDS):
        k -= 1  # ', the head of | the regional military administration'
    if view.lower_at(k) != "," or k - 1 not in ends or ends[k - 1].kind != "person":
        return None
    person = ends[k - 1]
    start = k - 1
    while start - 1 >= 0 and view.idx[start - 1] >= person.start:
        start -= 1
    return person, start


def _anaphoric_subject(view: TokenView, v: int, p: int, sent: Span, gaz: Gazetteer) -> Clause | None:
    """'it said', 'the service said', ', the regional governor said', 'Officials said',
    ', a Ukrainian commander said'."""
    low = view.lower_at(p)
    start = p
    while start - 1 >= sent.start and p - start < 5 and _description_word(view, start - 1):
        start -= 1
    if view.lower_at(start) == "'s" and start - 1 >= sent.start and view.ent_type[start - 1] == "GPE":
        start -= 1  # "Ukraine's prosecutor general's office"
    before = view.lower_at(start - 1) if start > sent.start else ""
    pronoun = low in ("it", "she", "he", "they")
    if not (pronoun or start == sent.start or before in DESCRIPTION_OPENERS):
        return None
    if before in ("her", "his"):
        low = "she"
    return Clause(v, None, low, start, description=_description(sent.doc, view, start, p, gaz))


def _description_word(view: TokenView, t: int) -> bool:
    """Words of a description before its head: 'regional', "prosecutor's", 'Ukrainian'."""
    low = view.lower_apos[t]
    if view.ent_type[t] == "NORP" or low == "'s":
        return True
    return view.is_lower[t] and view.is_alpha[t] and low not in FUNCTION_WORDS


def _description(doc: Doc, view: TokenView, start: int, head: int, gaz: Gazetteer) -> Actor | None:
    """'the regional governor' → Actor('regional governor'), for unresolved anaphors; a
    demonym in it gives the side ('a Ukrainian commander')."""
    if view.lower_at(head) in ("it", "they", "she", "he"):
        return None
    name = span_text(view, start, head + 1)
    a, b = view.idx[start], view.idx[start] + len(name)
    if view.is_title[start] and not view.ent_type[start] and doc[start].is_sent_start:
        name = name[:1].lower() + name[1:]  # 'Officials said' → 'officials'
    ent_type, text = view.ent_type, view.text
    sides = {gaz.party_of_demonym(view.ent_id[k] or text[k]) for k in range(start, head)
             if ent_type[k] == "NORP"}
    sides |= {entry.side for k in range(start, head) if ent_type[k] == "GPE"
              for entry in [gaz.lookup(view.ent_id[k] or text[k])] if entry is not None}
    side = sides.pop() if len(sides) == 1 else None
    return Actor(name, side, ANAPHORIC_HEADS.get(view.lower_at(head), "institution"), a, b, name)


MAX_BRACKETED_TOKENS = 6


def _opening_bracket(view: TokenView, closing: int, sent: Span) -> int | None:
    """The '(' that the ')' at ``closing`` closes, at most :data:`MAX_BRACKETED_TOKENS` back."""
    for k in range(closing - 1, max(sent.start, closing - MAX_BRACKETED_TOKENS) - 1, -1):
        if view.text[k] == "(":
            return k
        if view.text[k] in (")", ",", ";"):
            return None
    return None


PARENTHETICAL_OPENERS = {"which", "who", "the", "a", "an", "in", "on", "at", "after", "during", "citing",
                         "speaking", "meanwhile", "however", "also", "earlier", "later", "separately",
                         "for", "its", "his", "her", "their"}
"""First words of an aside between a subject and its verb (', in its latest update on
Tuesday,'; ', meanwhile,'; ', which …,'; ', the UN High Commissioner for Refugees,')."""


def _jump_parenthetical(view: TokenView, comma: int, sent: Span) -> int | None:
    """Before ', which acknowledged …,' or ', the UN High Commissioner for Refugees,':
    the index just before the opening comma, else ``None``."""
    k = comma - 1
    while k > sent.start and comma - k < 25:
        if view.lower_at(k) == ",":
            first = view.lower_at(k + 1)
            if first in PARENTHETICAL_OPENERS or first in ROLE_WORDS or view.text[k + 1][:1].isupper():
                return k - 1
            return None
        if view.lower_at(k) in CLAUSE_STOPS:
            return None
        k -= 1
    return None


def claimant_for(start: int, end: int, sent: Span, clauses: list[Clause], history: ClaimHistory) -> Actor | None:
    """Who gives the phrase at tokens ``[start, end)`` of ``sent``: 'according to X' first,
    then the nearest reporting clause before it or closing the sentence after it
    (', the service said'); anaphors resolve through ``history``."""
    view = token_view(sent)
    ordered = sorted(clauses, key=lambda c: abs(c.verb - start))
    for clause in [c for c in clauses if c.according] + ordered:
        if not clause.according and clause.verb > start and not _trailing(view, clause, end):
            continue
        if clause.verb < start and ";" in view.lower_apos[clause.verb:start]:
            continue
        if clause.actor is not None:
            return clause.actor
        earlier = [c.actor for c in clauses if c.actor is not None and c.verb < clause.verb]
        described = clause.description is not None and len(clause.description.name.split()) > 1
        resolved = history.resolve(clause.anaphor or "it", earlier, described=described) or clause.description
        if resolved is not None:
            return resolved
    return None


def _trailing(view: TokenView, clause: Clause, end: int) -> bool:
    """A clause after the phrase attributes it only when set off by a comma or quote
    (', officials said', '," Ukraine's emergency service reported'), not 'as Trump says'."""
    lower_at = view.lower_at
    k = clause.subject_start - 1
    while k > end and clause.subject_start - k <= 6 and lower_at(k) not in SUBORDINATORS and (
            view.is_alpha[k] or lower_at(k) in ("'s", ".") or lower_at(k) in ROLE_WORDS):
        k -= 1  # role words and titles: ', regional governor X said', ', Mayor X said', ', Gov. X said'
    if lower_at(k) == "." and k > end:
        return False
    if lower_at(k) == "and" and lower_at(k - 1) == ",":
        return True
    return lower_at(k) in _TRAILING_MARKS
