"""Talk rounds: mentions of negotiation events in one document, and their
consolidation into corpus-level events (annotation guide §3).

A *mention* is a trigger (talks, a round of negotiations, a meeting or summit between
the sides, "met", "will meet", "sat across the table", or an elliptical ordinal such as
"the third, on July 23" in a list of rounds) tied to a date expression in the same
sentence that the text fixes relative to the article's date. A date attaches to the
nearest trigger before it ("talks … took place on Monday"), else to the nearest one after
it ("on Monday held talks"), unless a reporting verb, a "that"-clause or a subordinate
clause owns the date ("Peskov said on Wednesday that …"). "X said on Tuesday after talks
in Y" ties the talks to the reporting date only loosely: such mentions are marked
``weak`` and merge into any compatible event instead of founding their own.

Each mention gets parties (gazetteer people, demonyms, countries, institutions of the
event clause), a venue (a place after "in/at/to", "Turkey's Antalya", a landmark, a
generic "the Saudi port city" refined by the dateline), a level from role words, a round
ordinal, and a status (held/planned/cancelled) from the date and tense cues.

:mod:`analysis.talk_events` merges the mentions of all documents into one row per event.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import compress
from typing import NamedTuple

from spacy.tokens import Doc, Span

from .gazetteer import Entry, Gazetteer, default_gazetteer
from .temporal import (PAST_CUES, DateExpression, ResolvedDate, Tense, explicit_date, find_date_expressions,
                       parse_iso, resolve)
from .tokens import Entity, TokenView, token_view

# --- lexicons -----------------------------------------------------------------------------
TALK_NOUNS = {"talks", "negotiations", "consultations"}
NEGOTIATE_VERBS = {"negotiated", "negotiate", "negotiates"}
MEET_WORDS = {"meeting", "summit", "met", "meet", "meets", "convened", "convene", "reconvened", "reconvene", "regrouped"}
ROUND_TALK_NOUNS = {"talks", "negotiations", "consultations", "meetings", "discussions"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}
NON_SPECIFIC = {"subsequent", "further", "future", "any", "more", "possible", "potential", "fresh"}
ELLIPSIS_FOLLOWERS = {",", "of", "on", "in", "was", "were", "took", "held", "lasted", "ended", "yielded",
                      "produced", "brought", "came", "is", "will", ".", ";", ":"}
PHONE_WORDS = {"phone", "telephone", "phoned", "call", "calls", "telephoned"}
NON_TALK_HOSTS = {"g7", "g20", "nato", "eu", "brics", "sco", "osce", "asean", "cabinet", "board", "council",
                  "parliament", "party", "shareholders", "commanders", "staff", "security", "g-7", "g-20",
                  "un", "european"}

SPEECH_WORDS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "announce", "announces", "announced", "announcing", "claim", "claims", "claimed", "claiming",
    "declare", "declares", "declared", "declaring", "write", "writes", "wrote", "writing", "reported",
    "reports", "reporting", "suggest", "suggests", "suggested", "propose", "proposes", "proposed",
    "urge", "urges", "urged", "urging", "warn", "warns", "warned", "warning", "stated", "insist",
    "insists", "insisted", "confirm", "confirms", "confirmed", "deny", "denies", "denied", "accuse",
    "accused", "sign", "signs", "signed", "signing", "replied", "responded", "commented", "stressed",
    "tweeted", "posted", "briefed", "asked", "argued", "acknowledged", "admitted", "explained",
    "spoke", "speaking", "spoken", "talked", "phoned", "phone", "telephone",
}
SUBORDINATORS = {"after", "before", "since", "until", "while", "when", "because", "although", "though",
                 "whereas", "following", "once", "unless"}
CLAUSE_OPENERS = {"the", "he", "she", "they", "it", "we", "i", "both", "its", "their", "his", "her", "a", "an",
                  "there", "this", "that"}
PASSIVE_AUX = {"was", "were", "been", "be", "being", "is", "are"}
NOT_MET_OBJECTS = {"demands", "demand", "deadline", "obligations", "needs", "requirements", "conditions",
                   "criteria", "targets", "goals", "expectations", "resistance", "skepticism", "scepticism",
                   "criticism", "scorn", "fire", "death", "end"}
HOST_VERBS = {"hosted", "hosts", "host", "hosting"}
HOSTED_GROUPS = {"delegations", "negotiators", "ministers", "leaders", "envoys", "teams", "sides"}
FIRST_TALKS_YEAR = "2014"
"""Talks about ending this war are not older than its start (2014): earlier dated
negotiations (the Korean armistice, the Cold War) are comparisons, not events."""
HYPOTHETICAL_TOKENS = 6
"""How far before a trigger :data:`HYPOTHETICAL` words make it no event."""
HYPOTHETICAL = {"ready", "prepared", "willing", "open", "offer", "offered", "offers", "proposal", "idea", "nothing",
                "if", "want", "wants", "wanted", "hope", "hopes", "hoped", "invite", "invited", "invitation",
                "demand", "demanded", "demanding", "urging", "agreed", "agree", "agreeing", "propose",
                "proposes", "proposed", "suggest", "suggests", "suggested"}
RANGE_PREFIX = re.compile(r"\b(?:since|until|till|by|from|through|throughout|between|over|before|after|"
                          r"within|for|during)\s+(?:the\s+)?$", re.I)
DEADLINE_PREFIX = re.compile(r"\b(?:by|until|before|till)\s+(?:the\s+)?(?:end|middle|start|beginning)\s+of\s+$",
                             re.I)
PLAN_WORDS = "scheduled|planned|set|slated|due|expected|fixed|arranged|penciled|pencilled"
"""Participles that set an event for a date ("planned for Thursday")."""
TARGET_PREFIX = re.compile(rf"\b(?:{PLAN_WORDS})\s+for\s+(?:the\s+)?$", re.I)
"""'planned for Thursday' names the event's date, unlike 'for two days' or 'since Monday'."""
CANCEL_RX = re.compile(r"\b(?:postpone[ds]?|postponing|called off|call off|cancell?ed|cancell?ing|scrapped|"
                       r"put off|did not take place|never took place|was not held|were not held)\b", re.I)
FUTURE_RX = re.compile(r"\b(?:will|would|'ll|shall|due|expected|set to|scheduled|planned|upcoming|"
                       r"is to|are to|going to|later today|tomorrow|next week|to take place|to be held|"
                       r"(?:could|might|may) (?:\w+ )?(?:take place|be held|happen|resume|meet|go ahead|convene))\b",
                       re.I)
OUTCOME_RX = re.compile(
    r"\b(?:(?:without|with no|no|failed to (?:reach|agree(?: on)?|produce)|did not (?:reach|produce|bring))"
    r"(?: a| an| any)?(?: \w+)? (?:ceasefire|agreement|breakthrough|progress|deal|truce)"
    r"|agreed (?:to|on) [^,.;]{3,60}|produced [^,.;]{3,60})", re.I)
HOST_RX = re.compile(r"\b(?:host(?:ed|s|ing)?|mediat(?:ed|ing|ion|or)|chair(?:ed|ing)?|brokered|"
                     r"opened the (?:session|talks|meeting))\b", re.I)
PEACE_RX = re.compile(r"\b(?:peace|ceasefire|cease-fire|truce|armistice|end(?:ing)? (?:the|this) war|"
                      r"settle(?:ment|ing)?|negotiat\w*|talks|summit|mediat\w*)\b", re.I)
COLLECTIVE_RX = re.compile(
    r"\b(?:(?:two|both|the two|the) (?:sides|countries|delegations|teams|parties|leaders|presidents|"
    r"ministers|foreign ministers|top diplomats|negotiating teams)|delegations|negotiators|"
    r"three-way|trilateral|bilateral|face-to-face|face to face)\b", re.I)

LOCATIVE = {"in", "at", "to", "near", "outside", "inside", "into"}
VENUE_SKIP = {"the", "'s", "’s", "of", "city", "town", "resort", "port", "capital", "village", "northern",
              "southern", "eastern", "western", "central", "coastal", "mediterranean", "black", "sea",
              "seaside", "holiday", "border", "palace", "a", "an"}
PLACE_NOUNS = {"city", "town", "capital", "port", "resort", "village"}
REGION_WORDS = {"region", "oblast", "province", "district", "area", "governorate"}
LANDMARK_ORGS = {"White House": "Washington", "Kremlin": "Moscow"}
LANDMARK_RX = re.compile(r"\b(Dolmabah[cç]e|Elys[ée]e Palace|Downing Street|Mar-a-Lago|Apostolic Palace|Oval Office)\b")
LANDMARK_WORDS = ("Dolmabah", "Elys", "Downing Street", "Mar-a-Lago", "Apostolic Palace", "Oval Office")
"""Literal text every LANDMARK_RX match contains: a cheap test before the regex."""
LANDMARK_CITY = {"dolmabahce": "Istanbul", "dolmabahçe": "Istanbul", "elysee palace": "Paris",
                 "elysée palace": "Paris", "downing street": "London", "mar-a-lago": "Florida",
                 "apostolic palace": "Vatican City", "oval office": "Washington"}
METONYM_CITIES = {"Moscow", "Kyiv", "Washington", "Minsk", "Ankara", "Beijing", "London", "Paris", "Berlin"}
NON_PARTY_NOUNS = {"troops", "forces", "army", "military", "soldiers", "strikes", "attacks", "missiles", "drones",
                   "capital", "city", "territory", "border", "port", "resort", "town", "airspace", "oil",
                   "crude", "people", "civilians", "refugees", "side", "media", "television", "state"}
TOPIC_NOUNS = {"peace", "war", "plan", "deal", "policy", "sanctions", "aid", "conflict", "crisis", "issue",
               "question", "settlement", "reconstruction", "envoy"}
"""'a Ukraine peace plan': the country names the topic, not a participant."""
WARRING = ("RU", "UA")
VALID_CODES = {"RU", "UA", "US", "TR", "BY", "EU", "UK", "FR", "DE", "SA", "UN", "NATO", "CN", "VA", "OTHER"}

LEVEL_WORDS = {
    "delegation": "delegations", "delegations": "delegations", "negotiator": "delegations",
    "negotiators": "delegations", "officials": "delegations", "team": "delegations", "teams": "delegations",
    "envoy": "envoys", "envoys": "envoys", "emissary": "envoys", "emissaries": "envoys",
    "leader": "leaders", "leaders": "leaders", "president": "leaders", "presidents": "leaders",
    "summit": "leaders", "chancellor": "leaders",
}
MINISTER_RX = re.compile(r"^(?:foreign ministers?|top diplomats?|secretary of state|foreign secretary)$", re.I)
MINISTER_INITIALS = "ftsFTSſ"
"""First letters of the MINISTER_RX phrases under ``re.I`` (which also takes ſ for s):
a token starting otherwise cannot open one."""
LEADER_ROLES = ("president", "prime minister", "chancellor", "pope", "crown prince", "king")
NOT_LEADER_ROLES = ("vice president", "commission president", "council president")

MAX_ATTACH_TOKENS = 30
SPEECH_BOUND_TOKENS = 4
"""A date this close after a speech verb dates the speech ("said on Monday")."""
SPEECH_PLACE_TOKENS = 6
"""A place this close after a speech verb is where someone spoke ("spoke to the Kyiv Post in Kyiv")."""
NEAR_EXPLICIT_DAYS = 45
"""A day-month this close to the article's date is that one, whatever the tense cues say."""
PROSPECTIVE_RX = re.compile(rf"\b(?:{PLAN_WORDS}|preparing|prepared|initially|originally)"
                            r"\s+(?:for|to)\b|\bto\s+(?:host|meet|hold|convene)\b", re.I)
"""A plan inside a past clause ("had been preparing to host the summit on October 30")."""
FUTURE_EXPLICIT_LIMIT_DAYS = 60
"""An explicit day-month without a year and without tense cues is taken as past when the
nearest such date lies more than this many days after the article's date."""

ORDINAL_NUMBER_RX = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
OPEN_RANGE_RX = re.compile(r"(?:since|until|by|from)\b", re.I)
YEAR_DIGITS_RX = re.compile(r"\d{4}")
DATELINE_RX = re.compile(r"^\s*(?P<head>[^()\n]{1,80}?)\s*\((?P<agency>[^()\n]{1,40})\)\s*[-–—:]\s")


TRIGGER_WORDS = ({"round", "rounds", "sat", "sit", "sitting"} | TALK_NOUNS | NEGOTIATE_VERBS | MEET_WORDS | HOST_VERBS
                 | set(ORDINALS))
"""Words that can open a trigger (or, "rounds", swallow one): a sentence without any has none."""
TALK_CONTEXT_WORDS = TALK_NOUNS | {"round", "rounds", "meeting", "meetings"}
SERIES_WORDS = TALK_NOUNS | {"round"}
HOST_CONTEXT_WORDS = TALK_NOUNS | MEET_WORDS | {"session"}
CUE_WORDS = TRIGGER_WORDS | TALK_CONTEXT_WORDS | HOST_CONTEXT_WORDS
"""Every word whose sentences the extractor looks up (:meth:`DocContext.sentences_with`)."""
CLAUSE_BREAKS = (";", ":", "—", "–")
POSSESSIVES = ("'s", "’s")


@dataclass(frozen=True)
class Trigger:
    """A negotiation-event phrase: doc token range, kind and the round ordinal it states."""

    start: int
    end: int
    kind: str  # talks, round, ordinal, meeting
    round: int | None = None

    @property
    def ambiguous(self) -> bool:
        """Meetings and "met" need two named sides; talks and rounds do not."""
        return self.kind == "meeting"


@dataclass(frozen=True)
class DateSlot:
    """A date expression found in a sentence, as doc token and char ranges."""

    start: int
    end: int
    expr: DateExpression


class Sentence(NamedTuple):
    """A sentence as its doc token range (all the rules read of a sentence ``Span``)."""

    start: int
    end: int


@dataclass
class DocContext:
    """Document-level facts every mention of the document may use. The document's text,
    entities, dateline and hosts are read once, when first needed (``doc.text``,
    ``doc.ents`` and ``doc[i]`` build new Token and Span objects on every access)."""

    doc: Doc
    doc_id: str
    anchor: date | None
    gaz: Gazetteer
    view: TokenView
    sentences: list[Sentence]

    @property
    def text(self) -> str:
        """``doc.text``."""
        return self.view.doc_text

    def span_text(self, lo: int, hi: int) -> str:
        """``doc[lo:hi].text``."""
        if hi <= lo:
            return ""
        return self.text[self.view.idx[lo]:self.view.end_char(hi - 1)]

    def sentence_text(self, sent: Sentence) -> str:
        return self.span_text(sent.start, sent.end)

    @property
    def ents(self) -> list[Entity]:
        """``doc.ents``."""
        return self.view.ents

    @cached_property
    def persons(self) -> dict[int, Entity]:
        """PERSON entities by first token."""
        return {e.start: e for e in self.ents if e.label_ == "PERSON"}

    def sentence_ents(self, sent: Sentence) -> list[Entity]:
        """``sent.ents``."""
        return self.view.ents_within(sent.start, sent.end)

    @cached_property
    def sent_start_tokens(self) -> set[int]:
        """Tokens whose ``is_sent_start`` is true."""
        starts = set(self.view.sent_starts)
        if len(self.doc) and not self.doc[0].is_sent_start:
            starts.discard(0)
        return starts

    @cached_property
    def cue_tokens(self) -> list[tuple[int, int]]:
        """(token, sentence index) of every token whose lower form is in :data:`CUE_WORDS`."""
        lower = self.view.lower
        starts = [s.start for s in self.sentences]
        cues = compress(range(len(lower)), map(CUE_WORDS.__contains__, lower))
        return [(k, bisect_right(starts, k) - 1) for k in cues]

    def sentences_with(self, words: set[str]) -> dict[int, list[int]]:
        """Token positions of ``words`` (a subset of :data:`CUE_WORDS`) by sentence index,
        in order; only sentences holding one."""
        lower = self.view.lower
        out: dict[int, list[int]] = {}
        for k, i in self.cue_tokens:
            if lower[k] in words:
                out.setdefault(i, []).append(k)
        return out

    @cached_property
    def dateline(self) -> tuple[int, Entry] | None:
        return _dateline_place(self.sentences, self)

    @cached_property
    def hosts(self) -> set[str]:
        return _host_parties(self.sentences, self)


def _sentences(doc: Doc, view: TokenView) -> list[Sentence]:
    """``doc.sents`` as token ranges, from the view's sentence starts (``doc.sents`` itself
    when a hook or missing boundaries make it special)."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [Sentence(s.start, s.end) for s in doc.sents]
    starts = view.sent_starts
    return [Sentence(a, b) for a, b in zip(starts, [*starts[1:], len(view)])]


# --- public API ---------------------------------------------------------------------------
def extract_talk_mentions(doc: Doc, *, doc_id: str, published: str | None) -> list[dict]:
    """Every mention of a dated negotiation event in ``doc`` (see the module docstring)."""
    resolved = parse_iso(published)
    anchor = resolved.value if resolved is not None and resolved.precision == "day" else None
    view = token_view(doc)
    ctx = DocContext(doc=doc, doc_id=doc_id, anchor=anchor, gaz=default_gazetteer(), view=view,
                     sentences=_sentences(doc, view))
    candidates = ctx.sentences_with(TRIGGER_WORDS)
    if not candidates:
        return []
    talky = ctx.sentences_with(TALK_CONTEXT_WORDS)
    mentions: list[dict] = []
    for i, positions in candidates.items():
        sent = ctx.sentences[i]
        talk_context = any(k in talky for k in range(max(0, i - 2), i + 1))
        triggers = _find_triggers(view, sent, talk_context, positions)
        if not triggers:
            continue
        slots = _date_slots(ctx, sent)
        pairs = _attach_dates(view, sent, triggers, slots)
        undated = [t for t in triggers if t not in {p[0] for p in pairs}]
        for trigger, slot, weak in pairs:
            mention = _build_mention(ctx, ctx.sentences, i, trigger, slot, weak)
            if mention is not None and mention["date"][:4] >= FIRST_TALKS_YEAR:  # ISO year, compared as text
                mention["round"] = mention["round"] or _round_nearby(undated)
                mentions.append(mention)
    return mentions


# --- triggers -----------------------------------------------------------------------------
def find_triggers(sent: Span, *, talk_context: bool) -> list[Trigger]:
    """Negotiation-event phrases in a sentence, left to right, without overlaps."""
    view = token_view(sent)
    positions = [k for k in range(sent.start, sent.end) if view.lower[k] in TRIGGER_WORDS]
    return _find_triggers(view, Sentence(sent.start, sent.end), talk_context, positions)


def _find_triggers(view: TokenView, sent: Sentence, talk_context: bool, positions: list[int]) -> list[Trigger]:
    """:func:`find_triggers` given the sentence's trigger-word positions."""
    lower = view.lower
    found: list[Trigger] = []
    consumed: set[int] = set()
    for i in positions:
        if i in consumed:
            continue
        low = lower[i]
        trigger = None
        if low == "round":
            trigger = _round_trigger(view, i, sent, talk_context)
        elif low == "rounds":
            consumed.update(_count_phrase(view, i, sent))
        elif low in TALK_NOUNS or low in NEGOTIATE_VERBS:
            if not _non_specific(view, i, sent):
                trigger = Trigger(i, i + 1, "talks")
        elif low in MEET_WORDS:
            if not _non_talk_meeting(view, i, sent):
                trigger = Trigger(i, i + 1, "meeting")
        elif low in HOST_VERBS and any(lower[j] in HOSTED_GROUPS for j in range(i + 1, min(i + 7, sent.end))):
            trigger = Trigger(i, i + 1, "meeting")
        elif low in ("sat", "sit", "sitting") and _next_lower(view, i, sent) in ("across", "down"):
            trigger = Trigger(i, min(i + 2, sent.end), "meeting")
        elif low in ORDINALS and talk_context and _elliptical_ordinal(view, i, sent):
            trigger = Trigger(i, i + 1, "ordinal", ORDINALS[low])
        if trigger is None or _phone_context(view, trigger, sent):
            continue
        found.append(trigger)
        consumed.update(range(trigger.start, trigger.end))
    return found


def _next_lower(view: TokenView, i: int, sent: Sentence) -> str:
    return view.lower[i + 1] if i + 1 < sent.end else ""


def _prev_lower(view: TokenView, i: int, sent: Sentence, back: int = 1) -> str:
    return view.lower[i - back] if i - back >= sent.start else ""


def _ordinal_value(token_text: str) -> int | None:
    low = token_text.lower()
    if low in ORDINALS:
        return ORDINALS[low]
    m = ORDINAL_NUMBER_RX.fullmatch(low)
    return int(m.group(1)) if m else None


def _round_trigger(view: TokenView, i: int, sent: Sentence, talk_context: bool) -> Trigger | None:
    """'first round of talks', 'the second round', 'round two', 'next round of negotiations'."""
    lower = view.lower
    end = i + 1
    if _next_lower(view, i, sent) == "of":
        j = i + 2
        while j < sent.end and j < i + 6 and lower[j] not in ROUND_TALK_NOUNS:
            if not view.is_alpha[j] and view.text[j] != "-":
                return None
            j += 1
        if j >= sent.end or lower[j] not in ROUND_TALK_NOUNS:
            return None  # "a new round of tension"
        end = j + 1
    elif not talk_context:
        return None
    number = None
    for back in (1, 2, 3):
        value = _ordinal_value(_prev_lower(view, i, sent, back))
        if value is not None:
            number = value
            break
    after = _next_lower(view, i, sent)
    if number is None and (after in NUMBER_WORDS or after.isdigit()):
        number = NUMBER_WORDS.get(after) or int(after)
    prev = _prev_lower(view, i, sent)
    if number is None and prev in NON_SPECIFIC:
        return None
    if number is None and prev not in ("next", "another", "new", "latest", "final", "last", "this", "that",
                                       "a", "the", "fresh") and end == i + 1:
        return None
    return Trigger(i, end, "round", number)


def _count_phrase(view: TokenView, i: int, sent: Sentence) -> list[int]:
    """'three rounds of peace talks': the talks noun is a count, not an event."""
    out = []
    for j in range(i + 1, min(i + 5, sent.end)):
        out.append(j)
        if view.lower[j] in ROUND_TALK_NOUNS:
            return out
    return []


def _non_specific(view: TokenView, i: int, sent: Sentence) -> bool:
    """'further talks', 'any negotiations', 'negotiating table' are no event."""
    return any(_prev_lower(view, i, sent, back) in NON_SPECIFIC for back in (1, 2))


def _non_talk_meeting(view: TokenView, i: int, sent: Sentence) -> bool:
    """'G20 summit', 'a meeting of commanders', 'was met with scorn', 'meet the demands'."""
    lower = view.lower
    before = {_prev_lower(view, i, sent, back) for back in (1, 2)}
    if before & NON_TALK_HOSTS:
        return True
    if lower[i] in ("met", "meet") and (_prev_lower(view, i, sent) in PASSIVE_AUX
                                        or not NOT_MET_OBJECTS.isdisjoint(lower[i + 1:min(i + 4, sent.end)])):
        return True
    if _next_lower(view, i, sent) == "of":
        return not NON_TALK_HOSTS.isdisjoint(lower[i + 2:min(i + 5, sent.end)])
    return False


def _elliptical_ordinal(view: TokenView, i: int, sent: Sentence) -> bool:
    """'The third, on July 23, …' / 'the third of which was held …' in a list of rounds."""
    if _prev_lower(view, i, sent) != "the":
        return False
    nxt = _next_lower(view, i, sent)
    if nxt == "of":
        return i + 2 < sent.end and view.lower[i + 2] == "which"
    return nxt in ELLIPSIS_FOLLOWERS or nxt == ""


def _phone_context(view: TokenView, trigger: Trigger, sent: Sentence) -> bool:
    """'phone talks', 'talks by telephone', 'a call' are not talks."""
    lower = view.lower
    lo, hi = max(sent.start, trigger.start - 3), min(sent.end, trigger.end + 3)
    if PHONE_WORDS.isdisjoint(lower[lo:hi]):
        return False
    return any(lower[j] in PHONE_WORDS and not (j + 1 < len(lower) and lower[j + 1] == "off")
               for j in range(lo, hi) if not trigger.start <= j < trigger.end)


# --- dates and attachment -----------------------------------------------------------------
def _date_slots(ctx: DocContext, sent: Sentence) -> list[DateSlot]:
    """Date expressions of the sentence that can date an event (no datelines, no ranges)."""
    text = ctx.sentence_text(sent)
    start_char = ctx.view.idx[sent.start]
    skip_before = _dateline_end(text)
    slots = []
    for expr in find_date_expressions(text):
        before = text[:expr.start]
        ranged = _ends_with(RANGE_PREFIX, before, 2) and not _ends_with(TARGET_PREFIX, before, 3)
        if expr.start < skip_before or ranged or _ends_with(DEADLINE_PREFIX, before, 4):
            continue
        if OPEN_RANGE_RX.match(expr.text):
            continue
        span = ctx.doc.char_span(start_char + expr.start, start_char + expr.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        slots.append(DateSlot(span.start, span.end, expr))
    return slots


def _ends_with(rx: re.Pattern, text: str, words: int) -> bool:
    """``rx.search(text)`` for a pattern anchored at the end (``…$``) whose matches lie
    within the last ``words`` whitespace-separated runs: only that tail is searched."""
    parts = text.rsplit(None, words)
    return rx.search(text, len(parts[0]) if len(parts) > words else 0) is not None


def _dateline_match(text: str) -> re.Match | None:
    """``DATELINE_RX.match(text)``; a dateline needs a "(" (most sentences have none)."""
    return DATELINE_RX.match(text) if "(" in text else None


def _dateline_end(text: str) -> int:
    """Characters of a leading dateline ("ISTANBUL, May 16 (Agency) - "), else 0."""
    m = _dateline_match(text)
    return m.end() if m else 0


def attach_dates(sent: Span, triggers: list[Trigger], slots: list[DateSlot]) -> list[tuple[Trigger, DateSlot, bool]]:
    """(trigger, date, weak) pairs: each date to one trigger, each trigger one date,
    a date after its trigger preferred."""
    return _attach_dates(token_view(sent), Sentence(sent.start, sent.end), triggers, slots)


def _attach_dates(view: TokenView, sent: Sentence, triggers: list[Trigger],
                  slots: list[DateSlot]) -> list[tuple[Trigger, DateSlot, bool]]:
    candidates: dict[Trigger, list[tuple[int, int, DateSlot, bool]]] = {}
    for slot in slots:
        left = [t for t in triggers if t.end <= slot.start]
        right = [t for t in triggers if t.start >= slot.end]
        if left and _left_attachable(view, left[-1], slot):
            candidates.setdefault(left[-1], []).append((0, slot.start - left[-1].end, slot, False))
            continue
        if right:
            weak = _right_attachment(view, sent, slot, right[0])
            if weak is not None:
                candidates.setdefault(right[0], []).append((1 + weak, right[0].start - slot.end, slot, weak))
    pairs = []
    for trigger in triggers:
        options = sorted(candidates.get(trigger, []), key=lambda c: (c[0], c[1]))
        if options:
            pairs.append((trigger, options[0][2], options[0][3]))
    return pairs


def _left_attachable(view: TokenView, trigger: Trigger, slot: DateSlot) -> bool:
    """'talks … took place on Monday': nothing between them owns the date."""
    between = range(trigger.end, slot.start)
    if len(between) > MAX_ATTACH_TOKENS:
        return False
    lower = view.lower
    if any(_is_clause_break(view, k) for k in between):
        return False
    if _held_right_before(view, slot):
        return True  # 'a meeting, which officials had said could take place in Budapest on Thursday'
    return not any(lower[k] in SPEECH_WORDS or lower[k] in SUBORDINATORS for k in between)


EVENT_VERBS_BEFORE_DATE = 5
"""Tokens before a date within which 'take place' / 'be held' makes it the event's date."""


def _held_right_before(view: TokenView, slot: DateSlot) -> bool:
    """'… could take place in Budapest on Thursday', '… would be held on Monday'."""
    lower = view.lower
    for k in range(max(1, slot.start - EVENT_VERBS_BEFORE_DATE), slot.start):
        if (lower[k] == "place" and lower[k - 1] in ("take", "took", "taken", "takes")) or \
                (lower[k] == "held" and lower[k - 1] in ("be", "been", "being", "was", "were", "is", "are")):
            return True
    return False


def _right_attachment(view: TokenView, sent: Sentence, slot: DateSlot, trigger: Trigger) -> bool | None:
    """Date before its trigger: ``False`` strong, ``True`` weak ("said on Tuesday after
    talks"), ``None`` when the date belongs to another verb."""
    lower = view.lower
    between = range(slot.end, trigger.start)
    if len(between) > MAX_ATTACH_TOKENS or any(lower[k] in HYPOTHETICAL for k in between):
        return None
    cut = next((k for k in between if lower[k] in ("after", "following")), None)
    if cut is not None:
        if any(_owns_date(view, k) for k in range(cut + 1, trigger.start)):
            return None
        if any(lower[k] in SPEECH_WORDS for k in range(slot.end, cut)) or _speech_bound(view, sent, slot):
            return True
        return None
    if any(_owns_date(view, k) or lower[k] in SUBORDINATORS for k in between) or _speech_bound(view, sent, slot):
        return None
    if _in_subordinate_clause(view, sent, slot) and any(lower[k] in ("but", "and", "while") for k in between):
        return None  # 'since Moscow launched its invasion two weeks ago, but the talks …'
    return False


def _in_subordinate_clause(view: TokenView, sent: Sentence, slot: DateSlot) -> bool:
    """Whether the date sits in a clause opened by 'since', 'after', 'when' … (scanning
    back to the previous comma or clause break)."""
    for k in range(slot.start - 1, sent.start - 1, -1):
        if view.lower[k] == "," or _is_clause_break(view, k):
            return False
        if view.lower[k] in SUBORDINATORS:
            return True
    return False


def _owns_date(view: TokenView, k: int) -> bool:
    return view.lower[k] in SPEECH_WORDS or view.lower[k] == "that" or _is_clause_break(view, k)


def _is_clause_break(view: TokenView, k: int) -> bool:
    text = view.text[k]
    if text in ("–", "—") and _joins_names(view, k):
        return False  # 'a Trump–Putin summit'
    return text in CLAUSE_BREAKS or (text == "-" and bool(view.whitespace[k]))


def _joins_names(view: TokenView, k: int) -> bool:
    """A dash written without spaces between two capitalised words."""
    return 0 < k < len(view) - 1 and not view.whitespace[k - 1] and not view.whitespace[k] \
        and view.is_title[k - 1] and view.is_title[k + 1]


def _speech_bound(view: TokenView, sent: Sentence, slot: DateSlot) -> bool:
    """'said on Monday', 'told reporters on Monday': the date dates the speech."""
    lo = max(sent.start, slot.start - SPEECH_BOUND_TOKENS)
    return not SPEECH_WORDS.isdisjoint(view.lower[lo:slot.start])


# --- one mention --------------------------------------------------------------------------
def _round_nearby(undated: list[Trigger]) -> int | None:
    """'met in Istanbul on Monday for a second round of talks': the ordinal of an undated
    round phrase in the same sentence belongs to the dated event."""
    rounds = sorted({t.round for t in undated if t.round is not None and t.kind == "round"})
    return rounds[0] if len(rounds) == 1 else None


def _build_mention(ctx: DocContext, sentences: list[Sentence], i: int, trigger: Trigger, slot: DateSlot,
                   weak: bool) -> dict | None:
    """The mention dict for a (trigger, date) pair, or ``None`` when it is no event."""
    sent = sentences[i]
    lo, hi = _window(ctx, sent, trigger, slot, weak)
    window_text = ctx.span_text(lo, hi)
    clause = _predicate_text(ctx, lo, hi, trigger, slot)
    tense = _tense(clause)
    when = _resolve_date(slot.expr, ctx.anchor, tense, prospective=bool(PROSPECTIVE_RX.search(clause)),
                         context=_context_date(ctx, sent, slot))
    if when is None or _hypothetical(ctx.view, trigger, sent):
        return None
    body = _body_start(ctx, sent)
    parties = _parties(ctx, lo, hi) or _parties(ctx, body, sent.end)
    venue = _venue(ctx, lo, hi, trigger, slot)
    if _elliptical(trigger) and not parties and venue is None:
        parties, venue = _series_context(sentences, i, ctx)
    collective = bool(COLLECTIVE_RX.search(window_text))
    if trigger.ambiguous and len(parties) < 2 and not collective:
        return None
    if ctx.dateline is not None and ctx.dateline[0] == i:
        venue = _dateline_venue(venue, when, parties, ctx)
    parties = _final_parties(parties, venue, trigger, ctx, collective=collective)
    if parties is None or not _about_the_war(parties, sentences, i, ctx):
        return None
    text, start, end = _sentence_text(ctx, sent)
    return {
        "doc_id": ctx.doc_id, "date": when.iso, "precision": when.precision,
        "status": _status(when, window_text, tense, ctx.anchor), "venue": venue, "parties": parties,
        "level": _event_level(ctx, (lo, hi), trigger, slot, sent),
        "round": trigger.round, "outcome": _outcome(clause), "sentence": text, "start": start, "end": end,
        "date_text": slot.expr.text, "trigger": ctx.span_text(trigger.start, trigger.end), "weak": weak,
    }  # extras in key order: a cached (key-sorted) row keeps the same columns


def _elliptical(trigger: Trigger) -> bool:
    """'the third, on July 23' or a bare 'The first round, on May 16': a list continuing
    talks named in the sentences before."""
    return trigger.kind == "ordinal" or (trigger.kind == "round" and trigger.end - trigger.start == 1)


def _sentence_text(ctx: DocContext, sent: Sentence) -> tuple[str, int, int]:
    """Verbatim sentence without trailing whitespace, with its offsets in ``doc.text``."""
    text = ctx.sentence_text(sent).rstrip()
    start_char = ctx.view.idx[sent.start]
    return text, start_char, start_char + len(text)


def _window(ctx: DocContext, sent: Sentence, trigger: Trigger, slot: DateSlot, weak: bool) -> tuple[int, int]:
    """Token range of the event clause around trigger and date."""
    view = ctx.view
    lo, hi = (trigger.start, trigger.end) if weak else (min(trigger.start, slot.start), max(trigger.end, slot.end))
    body = _body_start(ctx, sent)
    while lo > body and not _window_boundary(view, lo - 1):
        lo -= 1
    while hi < sent.end and not _window_boundary(view, hi):
        hi += 1
    return lo, hi


def _body_start(ctx: DocContext, sent: Sentence) -> int:
    """First token of the sentence after a leading dateline."""
    cut = _dateline_end(ctx.sentence_text(sent))
    if not cut:
        return sent.start
    start_char = ctx.view.idx[sent.start]
    head = ctx.doc.char_span(start_char, start_char + cut, alignment_mode="expand")
    return min(sent.end, sent.start + len(head)) if head is not None else sent.start


def _window_boundary(view: TokenView, k: int) -> bool:
    low = view.lower[k]
    return _is_clause_break(view, k) or low in SUBORDINATORS or (low == "that" and not _relative_that(view, k))


RELATIVE_HEADS = HOSTED_GROUPS | TALK_NOUNS | {"negotiators", "meeting", "meetings", "round", "rounds", "summit",
                                               "delegation", "team", "officials"}
"""Nouns a relative 'that' follows ('the delegations that met …'): it opens no new clause."""


def _relative_that(view: TokenView, k: int) -> bool:
    return k > 0 and view.lower[k - 1] in RELATIVE_HEADS


def _predicate_text(ctx: DocContext, lo: int, hi: int, trigger: Trigger, slot: DateSlot) -> str:
    """The event's own predicate: the window up to trigger and date, then on to the next
    comma or conjunction ("Talks on Monday ended without agreement, and … will …")."""
    end = max(trigger.end, slot.end)
    while end < hi and not _clause_joint(ctx.view, end):
        end += 1
    return ctx.span_text(lo, end)


def _clause_joint(view: TokenView, i: int) -> bool:
    """A comma, 'but', 'while', or 'and' opening a new clause ('and the sides will …')."""
    low = view.lower[i]
    if view.text[i] in (",", ";") or low in ("but", "while", "whereas"):
        return True
    return low == "and" and i + 1 < len(view.lower) and view.lower[i + 1] in CLAUSE_OPENERS


def _tense(text: str) -> Tense:
    """Future on our future cues ("will", "due to", "later today"; not a noun "plan to"),
    else past on the shared past cues."""
    if FUTURE_RX.search(text):
        return "future"
    return "past" if PAST_CUES.search(text) else "unknown"


def _resolve_date(expr: DateExpression, anchor: date | None, tense: Tense, *, prospective: bool = False,
                  context: tuple[date, bool] | None = None) -> ResolvedDate | None:
    """Resolve against the article date; an explicit day-month without tense cues is the
    nearest one, unless that lies far ahead (then the past one). A day-month within
    :data:`NEAR_EXPLICIT_DAYS` of the article's date is that one when the tense points to
    the far one ("talks planned for February 17 were called off" said on the 24th; "had
    been preparing to host the summit on October 30" said on the 22nd). With a dated
    ``context`` (the last full date printed just before, and whether "of that year"
    follows) a day-month takes that date's year when "that year" says so, or when a past
    narrative goes on from it ("talks on Feb. 28, 2022 … A second round followed on March 3")."""
    if expr.kind == "month":
        return _future_month(resolve(expr, anchor, tense), expr, anchor, tense)
    if expr.kind != "explicit":
        return resolve(expr, anchor, tense)
    when = explicit_date(expr.text, anchor, tense=tense)
    if when is None or anchor is None or YEAR_DIGITS_RX.search(expr.text):
        return when
    if context is not None:
        previous, that_year = context
        continued = _with_year(when, previous.year)
        if that_year or (tense != "future" and continued is not None
                         and 0 <= (continued.value - previous).days <= NARRATIVE_DAYS):
            return continued
    if tense == "unknown" and (when.value - anchor).days > FUTURE_EXPLICIT_LIMIT_DAYS:
        return explicit_date(expr.text, anchor, tense="past")
    if tense == "future" or (tense == "past" and prospective):
        nearest = explicit_date(expr.text, anchor, tense="unknown")
        if nearest is not None and abs((nearest.value - anchor).days) <= NEAR_EXPLICIT_DAYS:
            return nearest
    return when


def _with_year(when: ResolvedDate, year: int) -> ResolvedDate | None:
    try:
        return ResolvedDate(when.value.replace(year=year), when.precision)
    except ValueError:  # 29 February
        return None


THAT_YEAR_RX = re.compile(r"^\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)
PRINTED_YEAR_RX = re.compile(r"\b(?:19|20)\d{2}\b")
CONTEXT_LOOKBACK_CHARS = 300
"""How far before its sentence a day-month looks for the full date it continues (about one sentence)."""
NARRATIVE_DAYS = 120
"""A past day-month this soon after the full date printed before it continues that date's year."""


def _context_date(ctx: DocContext, sent: Sentence, slot: DateSlot) -> tuple[date, bool] | None:
    """What a day-month continues, from the text before it (its sentence and the one
    before): with "of that year" after it, the last year printed (as 1 January), else the
    last full date printed; and whether "of that year" follows."""
    if slot.expr.kind != "explicit" or YEAR_DIGITS_RX.search(slot.expr.text):
        return None  # only a day-month without its year needs one
    view, text = ctx.view, ctx.doc.text
    before = text[max(0, view.idx[sent.start] - CONTEXT_LOOKBACK_CHARS):view.idx[slot.start]]
    after_char = view.idx[slot.end - 1] + len(view.text[slot.end - 1])
    if THAT_YEAR_RX.match(text[after_char:after_char + 30]):
        years = PRINTED_YEAR_RX.findall(before)
        return (date(int(years[-1]), 1, 1), True) if years else None
    dated = [e for e in find_date_expressions(before) if e.kind == "explicit" and YEAR_DIGITS_RX.search(e.text)]
    last = explicit_date(dated[-1].text, None) if dated else None
    return (last.value, False) if last is not None else None


def _future_month(when: ResolvedDate | None, expr: DateExpression, anchor: date | None,
                  tense: Tense) -> ResolvedDate | None:
    """'talks will be held in August' (said in July) is next August, not last year's."""
    if when is None or anchor is None or tense != "future" or YEAR_DIGITS_RX.search(expr.text):
        return when
    if (when.value.year, when.value.month) < (anchor.year, anchor.month):
        return ResolvedDate(when.value.replace(year=when.value.year + 1), "month")
    return when


def _hypothetical(view: TokenView, trigger: Trigger, sent: Sentence) -> bool:
    """'ready to hold talks', 'the idea of a meeting', 'proposed talks', 'offered again on
    Monday to host talks', 'nothing to negotiate'."""
    lo = max(sent.start, trigger.start - HYPOTHETICAL_TOKENS)
    return not HYPOTHETICAL.isdisjoint(view.lower[lo:trigger.start])


def _status(when: ResolvedDate, text: str, tense: Tense, anchor: date | None) -> str:
    """cancelled on cancellation cues in the clause; else planned when ahead of the
    article's date (or on it with future cues), held otherwise."""
    if CANCEL_RX.search(text):
        return "cancelled"
    if anchor is not None:
        ahead = _compare(when, anchor)
        if ahead != 0:
            return "planned" if ahead > 0 else "held"
    return "planned" if tense == "future" else "held"


def _compare(when: ResolvedDate, anchor: date) -> int:
    """Sign of (event date − article date) at the event's precision."""
    if when.precision == "month":
        a, b = (when.value.year, when.value.month), (anchor.year, anchor.month)
    else:
        a, b = when.value, anchor
    return (a > b) - (a < b)


def _outcome(text: str) -> str | None:
    m = OUTCOME_RX.search(text)
    return m.group(0) if m else None


# --- parties --------------------------------------------------------------------------------
def _parties(ctx: DocContext, lo: int, hi: int) -> list[str]:
    """Party codes of the actors named in tokens [lo, hi): people, demonyms, countries
    and capitals not used as a place, institutions."""
    codes = set()
    reporting = _speaker_tokens(ctx, lo, hi)
    for ent in ctx.view.ents_within(lo, hi):
        if ent.start in reporting:
            continue
        code = _entity_party(ctx, ent)
        if code in VALID_CODES:
            codes.add(code)
    return sorted(codes)


def _speaker_tokens(ctx: DocContext, lo: int, hi: int) -> set[int]:
    """Tokens of the reporting source ("…, Turkish Foreign Minister Hakan Fidan said"):
    the speaking name and its title back to the previous comma."""
    view, starts = ctx.view, ctx.sent_start_tokens
    out: set[int] = set()
    for ent in ctx.view.ents_within(lo, hi):
        if ent.label_ not in ("PERSON", "ORG") or not _is_speaker(view, ent):
            continue
        j = ent.start
        while j > lo and ent.start - j < 6 and view.text[j - 1] not in (",", ";", ":") and j - 1 not in starts:
            j -= 1
        out.update(range(j, ent.end))
    return out


def _entity_party(ctx: DocContext, ent: Entity) -> str | None:
    view, gaz = ctx.view, ctx.gaz
    if ent.label_ == "NORP":
        nxt = view.lower[ent.end] if ent.end < len(view) else ""
        code = gaz.party_of_demonym(ent.text)
        return None if nxt in NON_PARTY_NOUNS or code == "OTHER" else code
    entry = gaz.lookup(ent.ent_id_ or ent.text)
    if entry is None:
        return None
    if entry.kind == "place":
        nxt = view.lower[ent.end] if ent.end < len(view) else ""
        if _governor(view, ent) in LOCATIVE or _is_venue_modifier(ctx, ent) or nxt in TOPIC_NOUNS:
            return None
        if entry.place_kind == "country" or entry.name in METONYM_CITIES:
            return entry.side
        return None
    if entry.kind == "institution" and _governor(view, ent) in LOCATIVE:
        return None
    return entry.side


def _governor(view: TokenView, ent: Entity) -> str:
    """The word governing a name, skipping articles, possessives, conjuncts and other names
    ("in Belarus", "to Turkey's Antalya", "of Ukraine and Russia")."""
    lower, ent_type = view.lower, view.ent_type
    j = ent.start - 1
    steps = 0
    while j >= 0 and steps < 8:
        low = lower[j]
        if ent_type[j] in ("GPE", "NORP") or low in VENUE_SKIP or low in ("and", ","):
            j -= 1
            steps += 1
            continue
        return low
    return ""


def _is_venue_modifier(ctx: DocContext, ent: Entity) -> bool:
    """'Turkey's Antalya', 'Istanbul's Dolmabahce Palace': the owner names a place."""
    view = ctx.view
    if ent.end + 1 >= len(view) or view.text[ent.end] not in POSSESSIVES:
        return False
    nxt = ent.end + 1
    return view.ent_type[nxt] == "GPE" or bool(LANDMARK_RX.match(ctx.text, view.idx[nxt]))


def _final_parties(parties: list[str], venue: str | None, trigger: Trigger, ctx: DocContext, *,
                   collective: bool = False) -> list[str] | None:
    """Add a host named in the document for talks in its country; complete a one-sided
    list with the other warring side; ``None`` when no warring side takes part."""
    codes = set(parties)
    if not codes and (collective or not trigger.ambiguous):
        codes = set(WARRING)
    entry = ctx.gaz.lookup(venue) if venue else None
    if entry is not None and entry.side in ctx.hosts:
        codes.add(entry.side)
    present = codes & set(WARRING)
    if not present and collective and codes <= ctx.hosts:
        codes |= set(WARRING)  # 'the delegations met …, with Turkey's foreign minister in the chair'
        present = set(WARRING)
    if not present:
        return None
    if len(present) == 1 and codes - set(WARRING) <= ctx.hosts:
        codes |= set(WARRING)
    return sorted(codes)


def _about_the_war(parties: list[str], sentences: list[Sentence], i: int, ctx: DocContext) -> bool:
    """Talks of one warring side with a third party count only when about ending the war:
    Russia–US talks always, others with a peace cue in the sentence or a talks context
    in the two before (a Zelensky–ally meeting on arms is no negotiation)."""
    codes = set(parties)
    if set(WARRING) <= codes or {"RU", "US"} <= codes:
        return True
    if PEACE_RX.search(ctx.sentence_text(sentences[i])):
        return True
    lower = ctx.view.lower
    return any(PEACE_RX.search(ctx.sentence_text(s)) or not MEET_WORDS.isdisjoint(lower[s.start:s.end])
               for s in sentences[max(0, i - 2):i])


def _host_parties(sentences: list[Sentence], ctx: DocContext) -> set[str]:
    """Third parties the document says hosted, mediated or chaired talks."""
    hosts: set[str] = set()
    for i in ctx.sentences_with(HOST_CONTEXT_WORDS):
        sent = sentences[i]
        if not HOST_RX.search(ctx.sentence_text(sent)):
            continue
        for ent in ctx.sentence_ents(sent):
            code = _host_code(ent, ctx.gaz)
            if code and code not in WARRING:
                hosts.add(code)
    return hosts


def _host_code(ent: Entity, gaz: Gazetteer) -> str | None:
    if ent.label_ == "NORP":
        return gaz.party_of_demonym(ent.text)
    entry = gaz.lookup(ent.ent_id_ or ent.text)
    if entry is None or (entry.kind == "place" and entry.place_kind != "country"):
        return None
    return entry.side


# --- venue ---------------------------------------------------------------------------------
def _venue(ctx: DocContext, lo: int, hi: int, trigger: Trigger, slot: DateSlot) -> str | None:
    """The place of the event: the candidate nearest to trigger and date, a city winning
    a tie."""
    focus = (min(trigger.start, slot.start), max(trigger.end, slot.end))
    best: tuple[int, int, str] | None = None
    for position, name, is_city in _venue_candidates(ctx, lo, hi):
        distance = 0 if focus[0] <= position < focus[1] else min(abs(position - focus[0]), abs(position - focus[1]))
        key = (distance, 0 if is_city else 1, name)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _venue_candidates(ctx: DocContext, lo: int, hi: int) -> list[tuple[int, str, bool]]:
    """(token position, venue name, is city) for every place phrase in [lo, hi)."""
    gaz, view = ctx.gaz, ctx.view
    out = []
    previous: tuple[int, Entry] | None = None  # the last place's end and entry
    for ent in ctx.view.ents_within(lo, hi):
        if ent.label_ == "GPE":
            entry = gaz.lookup(ent.ent_id_ or ent.text)
            if entry is None or entry.kind != "place":
                continue
            within = _within_previous(view, ent, entry, previous)
            previous = (ent.end, entry)
            if within:
                continue
            located = _governor(view, ent) in LOCATIVE and not _is_venue_modifier(ctx, ent) \
                and not _places_another_event(view, ent)
            if located or _is_landmark_owner(ctx, ent) or _names_the_talks(view, ent):
                out.append((ent.start, *_place_name(view, ent, entry)))
        elif ent.label_ == "ORG" and ent.ent_id_ in LANDMARK_ORGS and _governor(view, ent) in LOCATIVE:
            out.append((ent.start, LANDMARK_ORGS[ent.ent_id_], True))
        elif ent.label_ == "NORP":
            place = _generic_place(view, ent, gaz)
            if place:
                out.append((ent.start, place, gaz.lookup(place).place_kind == "city"))
    out.extend(_landmark_venues(ctx, lo, hi))
    return out


ATTRIBUTIVE_TALK_NOUNS = TALK_NOUNS | {"meeting", "meetings", "summit", "round", "rounds", "session"}
"""'the Istanbul meeting', 'the Jeddah talks': a place before these names the venue."""
NON_TALK_EVENTS = {"war", "killings", "killing", "massacre", "atrocities", "strike", "strikes", "attack", "attacks",
                   "fighting", "offensive", "shelling", "invasion", "conflict", "bombing", "explosion", "blast",
                   "crisis", "occupation", "counteroffensive", "battle", "siege", "front", "deaths"}
"""Heads whose 'in <place>' locates something other than the talks ('the killings in Bucha')."""


def _names_the_talks(view: TokenView, ent: Entity) -> bool:
    """'the Istanbul meeting', 'the Jeddah talks'."""
    return ent.end < len(view) and view.lower[ent.end] in ATTRIBUTIVE_TALK_NOUNS and ent.start > 0 \
        and view.lower[ent.start - 1] in ("the", "a", "an")


def _places_another_event(view: TokenView, ent: Entity) -> bool:
    """'the killings in Bucha', 'ending the war in Ukraine': the place locates another
    event (unless that event only dates the talks: 'the first talks of the war in Riyadh')."""
    j = ent.start - 1
    while j >= 0 and view.lower[j] in {"the", "a", "an"} | PLACE_NOUNS:
        j -= 1
    if j < 1 or view.lower[j] not in LOCATIVE or view.lower[j - 1] not in NON_TALK_EVENTS:
        return False
    k = j - 2
    while k >= 0 and view.lower[k] in ("the", "this"):
        k -= 1
    return k < 0 or view.lower[k] != "of"  # 'the first talks of the war in Riyadh' are in Riyadh


def _landmark_venues(ctx: DocContext, lo: int, hi: int) -> list[tuple[int, str, bool]]:
    """Landmarks named in [lo, hi) ("at the Dolmabahce Palace") as their city."""
    span_text = ctx.span_text(lo, hi)
    out = []
    if not any(word in span_text for word in LANDMARK_WORDS):
        return out
    start_char = ctx.view.idx[lo]
    for m in LANDMARK_RX.finditer(span_text):
        city = LANDMARK_CITY.get(m.group(1).lower())
        token = ctx.doc.char_span(start_char + m.start(), start_char + m.end(), alignment_mode="expand")
        if city and token is not None:
            out.append((token.start, city, True))
    return out


def _is_landmark_owner(ctx: DocContext, ent: Entity) -> bool:
    """'at Istanbul's Dolmabahce Palace': the owner city is the venue."""
    view = ctx.view
    return (_governor(view, ent) in LOCATIVE and ent.end + 1 < len(view) and view.text[ent.end] in POSSESSIVES
            and bool(LANDMARK_RX.match(ctx.text, view.idx[ent.end + 1])))


def _within_previous(view: TokenView, ent: Entity, entry: Entry, previous: tuple[int, Entry] | None) -> bool:
    """'in Anchorage, Alaska', 'in Jeddah, Saudi Arabia': a place right after a comma that
    only locates the place before it (same country) is no venue of its own."""
    if previous is None or ent.start != previous[0] + 1 or view.text[previous[0]] != ",":
        return False
    return entry.country is not None and entry.country == previous[1].country and entry.name != previous[1].name


def _place_name(view: TokenView, ent: Entity, entry: Entry) -> tuple[str, bool]:
    """The entry's name; its country's for "the Gomel region"."""
    nxt = view.lower[ent.end] if ent.end < len(view) else ""
    if nxt in REGION_WORDS and entry.country and entry.place_kind != "country":
        return entry.country, False
    return entry.name, entry.place_kind == "city"


def _generic_place(view: TokenView, ent: Entity, gaz: Gazetteer) -> str | None:
    """'in the Saudi port city', 'on the Belarusian side of the border' → the country;
    'in the Saudi capital' → its capital."""
    following = view.lower[ent.end:ent.end + 4]
    generic = bool(following and (following[0] in PLACE_NOUNS or following[:2] in (["port", "city"],)
                                  or following[:3] == ["side", "of", "the"]))
    if not generic or _governor(view, ent) not in LOCATIVE | {"on"} or _names_its_place(view, ent.end):
        return None
    code = gaz.party_of_demonym(ent.text)
    return (following[0] == "capital" and gaz.capital_of(code)) or _country_of_code(gaz, code)


def _names_its_place(view: TokenView, i: int) -> bool:
    """'(the Turkish) resort city of Antalya': the phrase from token ``i`` goes on to name
    the place, which is the venue rather than the country."""
    k = i
    while k < len(view) and k - i < 4 and view.lower[k] in VENUE_SKIP and view.lower[k] != "of":
        k += 1
    return k > i and k + 1 < len(view) and view.lower[k] == "of" and view.ent_type[k + 1] == "GPE"


def _country_of_code(gaz: Gazetteer, code: str | None) -> str | None:
    if not code or code == "OTHER":
        return None
    names = sorted(e.name for e in gaz.places() if e.place_kind == "country" and e.side == code)
    return names[0] if len(names) == 1 else None


def _dateline_place(sentences: list[Sentence], ctx: DocContext) -> tuple[int, Entry] | None:
    """The sentence index and place of the document's dateline ("JEDDAH, Saudi Arabia
    (NNS) -"), if any."""
    gaz = ctx.gaz
    for index, sent in enumerate(sentences[:40]):
        m = _dateline_match(ctx.sentence_text(sent))
        if not m:
            continue
        for part in re.split(r"[,\[\]]", m.group("head")):
            words = part.split()
            region = bool(words) and words[-1].lower() in REGION_WORDS
            entry = gaz.lookup(" ".join(words[:-1] if region else words))
            if entry is not None and entry.kind == "place":
                if region and entry.place_kind != "country":
                    entry = gaz.lookup(entry.country or "") or entry
                return index, entry
        return None
    return None


def _dateline_venue(venue: str | None, when: ResolvedDate, parties: list[str], ctx: DocContext) -> str | None:
    """A talk the lede reports as held on the dateline's day, with no venue of its own or
    only the dateline's country, took place at the dateline. A dateline in a warring
    country counts only for talks with an outside party (a visiting envoy)."""
    place = ctx.dateline[1] if ctx.dateline else None
    if place is None or ctx.anchor is None or when.precision != "day":
        return venue
    if place.side in WARRING and set(parties) <= set(WARRING):
        return venue
    if not 0 <= (ctx.anchor - when.value).days <= 1:
        return venue
    if venue is None:
        return place.name
    entry = ctx.gaz.lookup(venue)
    if entry is not None and entry.place_kind == "country" and place.country == entry.name:
        return place.name
    return venue


def _series_context(sentences: list[Sentence], i: int, ctx: DocContext) -> tuple[list[str], str | None]:
    """Parties and venue of the talks a list of rounds continues ("Direct talks between
    Russia and Ukraine, mediated by Turkey, resumed in Istanbul. The first round, on …"):
    the place nearest to the talks' noun, not where someone spoke ("told reporters in Kyiv")."""
    lower = ctx.view.lower
    for sent in reversed(sentences[max(0, i - 3):i]):
        if SERIES_WORDS.isdisjoint(lower[sent.start:sent.end]):
            continue
        parties = _parties(ctx, sent.start, sent.end)
        for ent in ctx.sentence_ents(sent):
            if ent.label_ == "GPE" and _host_verb_before(ctx.view, ent):
                parties = sorted(set(parties) | {_host_code(ent, ctx.gaz) or ""} - {""})
        places = [p for p in _venue_candidates(ctx, sent.start, sent.end)
                  if SPEECH_WORDS.isdisjoint(lower[max(sent.start, p[0] - SPEECH_PLACE_TOKENS):p[0]])]
        talk_words = [k for k in range(sent.start, sent.end) if lower[k] in SERIES_WORDS]
        venue = min(places, key=lambda p: (min(abs(p[0] - k) for k in talk_words), not p[2], p[0]))[1] \
            if places else None
        if parties or venue:
            return parties, venue
    return [], None


def _host_verb_before(view: TokenView, ent: Entity) -> bool:
    """'mediated by Turkey', 'hosted by Turkey'."""
    return ent.start >= 2 and view.lower[ent.start - 1] == "by" and view.lower[ent.start - 2] in (
        "mediated", "hosted", "chaired", "brokered")


# --- level ---------------------------------------------------------------------------------
def _event_level(ctx: DocContext, window: tuple[int, int], trigger: Trigger, slot: DateSlot, sent: Sentence) -> str:
    """Level from a group noun between trigger and date ("talks between Russian and
    Ukrainian negotiators in late February"), else the first role cue of the clause, then
    of the sentence; default delegations (leaders for a summit)."""
    if trigger.end <= slot.start:
        level = _level(ctx, trigger.end, slot.start, people=False)
        if level:
            return level
    return (_level(ctx, *window) or _level(ctx, sent.start, sent.end)
            or ("leaders" if ctx.view.lower[trigger.start] == "summit" else "delegations"))


def _level(ctx: DocContext, lo: int, hi: int, *, people: bool = True) -> str | None:
    """The level of the first role cue in [lo, hi): a role word or (with ``people``) the
    role of a named participant (not a possessor or the speaker)."""
    view, lower, persons = ctx.view, ctx.view.lower, ctx.persons
    j = lo
    while j < hi:
        if j in persons:
            ent = persons[j]
            level = None
            if people and not _possessive(view, ent.end) and not _is_speaker(view, ent):
                level = _role_level(ctx.gaz.lookup(ent.ent_id_ or ent.text))
            if level:
                return level
            j = ent.end
            continue
        low = lower[j]
        if low[:1] in MINISTER_INITIALS and _minister_phrase(lower, j, hi):
            return "ministers"
        if low in LEVEL_WORDS and not (low.startswith("president") and _pair(lower, j, hi).endswith("'s")):
            return LEVEL_WORDS[low]
        j += 1
    return None


def _pair(lower: list[str], j: int, hi: int) -> str:
    """Tokens j and j + 1 (below ``hi``) joined by a space, else ''."""
    return f"{lower[j]} {lower[j + 1]}" if j + 1 < hi else ""


def _minister_phrase(lower: list[str], j: int, hi: int) -> bool:
    """'foreign ministers', 'top diplomat', 'secretary of state' at token j."""
    pair = _pair(lower, j, hi)
    triple = f"{pair} {lower[j + 2]}" if j + 2 < hi else ""
    return bool(MINISTER_RX.match(triple) or MINISTER_RX.match(pair))


def _is_speaker(view: TokenView, ent: Entity) -> bool:
    """'Mr Lavrov confirmed', 'said Peskov': the name reports, it does not negotiate."""
    before = view.lower[ent.start - 1] if ent.start > 0 else ""
    after = view.lower[ent.end] if ent.end < len(view) else ""
    return before in SPEECH_WORDS or after in SPEECH_WORDS


def _possessive(view: TokenView, i: int) -> bool:
    return i < len(view) and view.text[i] in POSSESSIVES


def _role_level(entry: Entry | None) -> str | None:
    role = (entry.role or "").lower() if entry else ""
    if not role:
        return None
    if "envoy" in role:
        return "envoys"
    if MINISTER_RX.match(role):
        return "ministers"
    if "negotiator" in role:
        return "delegations"
    if any(r in role for r in NOT_LEADER_ROLES):
        return None
    if any(role == r or role.endswith(r) for r in LEADER_ROLES):
        return "leaders"
    return None
