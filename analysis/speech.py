"""Who said what: direct quotes and reported speech attributed to named actors
(the statements extractor's attribution; casualty claimants are in :mod:`analysis.claimants`).

There is no dependency parser in the pipeline, so attribution works on tokens, quote
marks and the actors of :mod:`analysis.actors`:

- *speech verbs* (say, tell, add, insist, urge, warn, reject, rule out, accuse,
  complain, call, question, describe, list …) outside quotation marks, not used as nouns
  ("numerous calls") or passives ("was not ruled out");
- the *speaker* is the verb's subject: a name right before it ("Kremlin spokesman Dmitry
  Peskov said"), after it ("…, said Lavrov"), before an appositive ("Vladimir Medinsky,
  the Kremlin aide who led the Russian side, told") or a relative pronoun ("Putin, who
  said"); "he"/"she" and "the minister" are carried to the last named person (with a
  matching role); a participle (", telling reporters") or a coordinated verb ("and
  urged") shares the subject of its clause; an institution speaks only when no person is
  named ("the Kremlin said") and does not merely relay a named person's words ("Erdogan
  said …, the Turkish presidency said"); every person of a subject list speaks ("Macron,
  Merz and Tusk demanded …"); "according to X" (or "according to her", "in his words")
  counts when nothing else attributes the sentence; nominal speech ("calls by Josep
  Borrell for …", "Zelensky's call for …") is attributed to its owner; in an interview or
  transcript, a sentence with no attribution of its own belongs to the speaker whose
  label opened the turn (:mod:`analysis.transcripts`);
- the *content* is the text the verb introduces ("X said (that) …"), or the clause before
  a trailing attribution ("…, Peskov said on Wednesday"), or both around a split one
  ("If that goes well, Trump said, he would …"); a quotation next to the attribution is its
  content even across sentences; an unattributed quotation opening a sentence continues
  the previous speaker's words;
- the *frame* (the attribution words outside the content) is where the statement's own
  date is looked for ("said on Monday").
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc

from .actors import ROLE_WORDS, Actor, find_actors
from .gazetteer import Gazetteer, default_gazetteer
from .tokens import token_view
from .transcripts import speaker_turns, turn_at

# --- lexicon ---------------------------------------------------------------------------------
_SAY = ("said says told tells added adds stated states noted notes wrote writes replied replies responded "
        "explained explains announced announces declared declares confirmed confirms claimed claims asserted "
        "asserts argued argues insisted insists stressed stresses emphasised emphasized emphasises emphasizes "
        "reiterated reiterates repeated remarked acknowledged admitted predicted signalled signaled indicated "
        "suggested suggests proposed proposes offered offers promised promises pledged pledges vowed vows assured "
        "described describes listed lists highlighted highlights called calls warned warns questioned questions asked "
        "asks demanded demands urged urges appealed pleaded begged challenged pressed welcomed welcomes praised "
        "thanked thanks backed backs supported supports refused refuses declined declines rejected rejects "
        "dismissed dismisses denied denies ruled rules rule mocked expressed expresses")
_ACCUSE = ("accused accuses complained complains criticised criticized criticises criticizes condemned condemns "
           "denounced denounces slammed slams blamed blames hit lashed")
_PARTICIPLES = ("saying telling adding noting writing stressing insisting urging calling warning arguing claiming "
                "declaring describing asking demanding rejecting ruling questioning suggesting proposing offering "
                "promising vowing pledging highlighting reiterating repeating explaining announcing signalling "
                "signaling challenging welcoming thanking dismissing denying refusing declining")
_ACCUSE_PARTICIPLES = "accusing complaining criticising criticizing condemning denouncing blaming slamming"

SPEECH_VERBS: dict[str, str] = {
    **{w: "say" for w in _SAY.split()}, **{w: "accuse" for w in _ACCUSE.split()},
    **{w: "say" for w in _PARTICIPLES.split()}, **{w: "accuse" for w in _ACCUSE_PARTICIPLES.split()},
}
"""Speech-verb forms and their family; ``accuse`` verbs make the content what the speaker condemns."""

AMBIGUOUS_NOUNS = {"calls", "demands", "offers", "questions", "thanks", "claims", "pledges", "promises", "vows",
                   "lists", "backs", "supports", "rules", "states", "notes", "highlights", "warns", "denies"}
"""Forms that are verbs only after a subject ("Trump calls for …") — else nouns ("phone calls")."""
NEEDS_PARTICLE = {"ruled": "out", "rules": "out", "rule": "out", "ruling": "out", "hit": "out", "lashed": "out"}
NOUN_MARKERS = {"the", "a", "an", "his", "her", "their", "its", "our", "your", "my", "these", "those", "such",
                "numerous", "many", "repeated", "new", "'s", "’s", "of", "no", "any", "some", "several", "two",
                "whose", "previous", "recent", "latest", "first", "last"}
DOCUMENT_NOUNS = {"decree", "statement", "letter", "resolution", "law", "document", "post", "message", "video",
                  "address", "note", "tweet", "communique", "order", "declaration", "appeal", "speech"}
"""'signed a decree declaring …': a participle after these reports what the document says."""
AUXILIARIES = {"has", "have", "had", "would", "will", "could", "did", "does", "do", "should", "might", "may", "'d"}
PASSIVE_AUX = {"was", "were", "is", "are", "be", "been", "being", "'s", "’s", "get", "got", "gets"}
SKIPPABLE = {"also", "then", "later", "reportedly", "previously", "still", "again", "further", "however", "formally",
             "repeatedly", "once", "now", "had", "has", "have", "would", "will", "could", "did", "does", "do", "not",
             "never", "publicly", "separately", "simply", "just", "quickly", "immediately", "earlier", "recently",
             "had", "'d", "’d", "subsequently", "first", "even", "often"}
_SKIPPABLE_BEFORE_VERB = SKIPPABLE - {"had", "has", "have"}
CONJUNCTIONS = {"and", "but", "or"}
PARTICIPLE_LEADS = {",", "by", "before", "after", "while", "when", "in", "—", "–", "-"}
PREPOSITIONS = {"with", "to", "by", "from", "for", "of", "against", "about", "on", "at", "between", "among",
                "toward", "towards", "via", "into", "over", "under", "despite", "like", "than", "alongside",
                "including", "behind", "near", "amid", "through", "without", "within", "upon", "in"}
PRONOUNS = {"he", "she"}
_SUBJECT_PRONOUNS = PRONOUNS | {"it", "they", "who"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "spokespeople", "press"}
_NAME_PREFIXES = {"and", "the", "a", "an", "his", "her", "its", "their", "our", "this", "'s", "’s"}
GENERIC_INSTITUTION_HEADS = {"officials", "authorities", "sources", "military", "army", "forces", "police",
                             "intelligence", "government", "administration", "office", "mission", "council",
                             "agency", "navy", "air force"}
NOMINAL_NOUNS = r"(?:calls?|appeals?|demands?|remarks|comments|statement|proposal|offer|push|plea|insistence|refusal|rejection)"
_NOMINAL_BY = re.compile(rf"\b{NOMINAL_NOUNS}\s+by\s+")
_NOMINAL_POSSESSIVE = re.compile(rf"['’]s\s+{NOMINAL_NOUNS}\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+", re.I)
_ACCORDING_TO_PRONOUN = re.compile(r"\b(?:according to (?:him|her)|in (?:his|her) (?:own )?(?:words|view|opinion|"
                                   r"assessment))\b\s*,?\s*", re.I)
"""'According to her, …', 'In his words, …': the last named person speaks."""
_NOMINAL_END = re.compile(r"\b(?:marked|marks|was|were|is|are|has|have|had|would|will|could|came|comes|drew|showed|"
                          r"prompted|sparked|triggered|angered|met|received|fell|went)\b|[;:.!?]")
_THAT_OR_COLON = re.compile(r"^(?:(?!\bthat\b)[^\"“:;.!?]){0,80}?(?:\bthat\b|:|,\s*(?=[\"“]))", re.I)
_LIST_GAP = re.compile(r"\s*,\s*|\s*,?\s+and\s+")
"""Between two names of a list: a comma, 'and' or ', and'."""
_RELATIVE_WHO = re.compile(r",\s*(?P<who>who)\b", re.I)
_CLAUSE_END_BETWEEN = re.compile(r"[;:—–]|,\s*(?:but|while|whereas)\b")
_ROLE_NOUNS = (r"(?P<role>head of state|head of government|foreign minister|prime minister|minister|president|"
               r"spokesman|spokeswoman|spokesperson|"
               r"leader|chancellor|premier|secretary|envoy|aide|negotiator|diplomat|chief|ambassador)")
_ROLE_NP = re.compile(
    r"^(?:(?:but|and|so|meanwhile|however|yet)\s+)?the\s+(?P<owner>(?:[A-Z][\w.]*|[a-z]+)\s+)?(?:(?:[a-z]+)\s+)?"
    + _ROLE_NOUNS + r"\b", re.I)
_ROLE_NP_TAIL = re.compile(r"(?<=\w)\s+the\s+(?P<owner>(?:[A-Z][\w.]*|[a-z]+)\s+)?(?:(?:[a-z]+)\s+)?" + _ROLE_NOUNS
                           + r"\s*$", re.I)
"""'a territory the US president (said)': a role subject after the noun its clause modifies."""
_TITLE_WORDS = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|of|the|for|top|senior|former|deputy|foreign|defen[cs]e|interior|state|ministry|regional|"
    r"local|acting|presidential|national|security|military|intelligence|press|vice|first|general|police|city|"
    r"district|provincial|armed|emergency|human|rights|refugee|agency|defence-ministry|"
    r"[a-z]+(?:ese|ian|ish|an)|" + "|".join(sorted(ROLE_WORDS)) + r")\s+)*$")
"""Title and role words before a name ("Russian Foreign Ministry spokesperson Maria Zakharova")."""
_NON_TITLE_CHAR = re.compile(r"[^\w.'’\s-]")
"""Characters no match of :data:`_TITLE_WORDS` holds."""
_TITLE_SEARCH_SAFE = all(re.fullmatch(r"[\w\s'’-]*", w) for w in ROLE_WORDS)
"""Whether the role words (spliced into :data:`_TITLE_WORDS` unescaped) keep to those characters."""
_PRONOUN_OR_ROLE_END = re.compile(r"\b(?:he|she|the\s+[\w\s]{0,40}?)\s*$", re.I)
_WORD = re.compile(r"\w+")
_SEGMENT_WORD = re.compile(r"[\w'’]+")
_NAME_WORD = re.compile(r"[\w'’.-]+")
_HYPHEN_WORD = re.compile(r"[\w-]+")
_LONG_WORD = re.compile(r"[a-z]{3,}")
_SEGMENT_COMMA = re.compile(r",(?!\d)")
_POSSESSIVE_S = re.compile(r"['’]s\b")
_LEAD_IN = re.compile(r"[^\"“.;!?]{0,60}?[:,]?\s*")
_TRAILING_COMMA = re.compile(r",\s*$")
_DATE_AFTER_VERB = re.compile(r"\s*(?:on|in|at|late|early|last|this|earlier)?\s*(?:Monday|Tuesday|Wednesday|Thursday|"
                              r"Friday|Saturday|Sunday|yesterday|today|\w+ \d{1,2}(?:, \d{4})?)\b")
_RELATIVE_OR_PARTICIPLE = re.compile(r"(?:who|whose|which|[a-z]+ing)\b")
_ROLE_AT_END = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ROLE_WORDS))) + r")\s*$", re.I)
"""A clause ending in a role word, which the name after it names."""
_ARTICLE_LEAD = re.compile(r"(?:and\s+)?(?:a|an|the)\s+", re.I)
_OWNER_LEAD = re.compile(r"(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?(?:'s|’s)|[A-Z][a-z]+(?:an|ian|ish|ese|i|ch))\s")
"""An apposition led by an owner: "Poland's …", "the EU's …" (after the article), "Ukrainian …"."""
POSTPOSED_NAME_TOKENS = 8
"""Tokens after a speech verb within which a postposed speaker's name starts."""
APPOSITIVE_ROLE_WINDOW = 4
"""Words of an apposition without an article searched for its role word."""
_END_PUNCT_ONLY = re.compile(r"[\s.!?,;]*")
_REPORTED_LEAD = re.compile(r"(?:that\b|:|,?\s*[\"“])")
_FRAME_WORDS = re.compile(
    r"\b(?:on|in|at|during|after|before|late|early|earlier|later|this|last|to|from|with|by|"
    r"via|according|told|reporters|journalists|a|an|the|his|her|their|its|news|conference|"
    r"briefing|interview|statement|press|social|media|television|tv|radio|address|video|"
    r"evening|morning|afternoon|night|weekly|daily|separately|also|speaking|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b")
_FINITE_VERB = re.compile(r"\b(?:will|would|is|are|was|were|has|had)\b")
_COMMA_NEXT = re.compile(r"\s*,")
_CLAUSE_MARK = re.compile(r"[,;.]")
_COLON_NEXT = re.compile(r"\s*:\s*")
_OF_OR_FOR = re.compile(r"\s*(?:of|for)\b")
_NEGATED_VERB = re.compile(r"(?:\b(?:has|have|had|did|does|do|would|will|could|is|was)\s+)?"
                           r"(?:\bnot|\bnever|\bno\s+longer|n't)\s+(?:\w+ly\s+)?$", re.I)
_NEGATED_VERB_WORDS = 5
"""Whitespace-separated words searched for :data:`_NEGATED_VERB` (its matches span at most 4)."""
_FRONTED = re.compile(r"\s*(?:For|To|As for)\s+")
_CLAUSE_PRONOUN = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but|then)\s+)(?:he|she)\b[^,;:]*$", re.I)
_REGION_BREAK = re.compile(r"[;:]|\s[-–—]+\s|\bthat\b")
_CLAUSE_PUNCT = {",", ";", ":", "(", ")", "-", "–", "—"}
_QUOTE_MARK_OR_NEWLINE = re.compile(r'[“”"\n]')
_QUOTE_WORD = re.compile(r"[\w'’-]+")
_QUOTE_OPEN = {"“", '"'}
_QUOTE_CLOSE = {"”", '"'}
MIN_QUOTE_WORDS = 4
"""Shorter quotations are scare quotes or titles, part of the surrounding reported speech."""


@dataclass
class Attribution:
    """One attributed clause: the speaker; how they were found (``name``, ``pronoun``,
    ``role``, ``relative``, ``participle``, ``coordination``, ``nominal``, ``according_to``,
    ``accused``, ``carried``, ``turn``); the verb; the content ranges (document character offsets);
    the frame ranges (where its date is read); ranges nested inside the content that
    belong to another speaker; the mode (``accusation`` inverts the described action);
    which positions to keep; and, for carried-over speakers, the attribution referred to."""

    speaker: Actor
    how: str
    verb: str
    sent_index: int
    verb_start: int
    verb_end: int
    content: list[tuple[int, int]] = field(default_factory=list)
    frame: list[tuple[int, int]] = field(default_factory=list)
    nested: list[tuple[int, int]] = field(default_factory=list)
    mode: str = "plain"
    keep: str = "all"  # all, evaluative (speaker of an accusation), action (the accused)
    antecedent: "Attribution | None" = None


@dataclass
class _State:
    """Discourse state carried from sentence to sentence."""

    last_person: Actor | None = None
    recent_people: list[Actor] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


# --- quotations ------------------------------------------------------------------------------

def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quotation spans (offsets include the marks). Curly quotes pair up; straight ones
    alternate within a paragraph; an unclosed quotation runs to the end of its paragraph."""
    spans = []
    open_at = None
    for mark in _QUOTE_MARK_OR_NEWLINE.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch == "\n":  # the end of a paragraph
            if open_at is not None and i - open_at > 1:
                spans.append((open_at, i))
            open_at = None
        elif ch == "“" and open_at is None:
            open_at = i
        elif ch == "”" and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        elif ch == '"':
            if open_at is None:
                open_at = i
            else:
                spans.append((open_at, i + 1))
                open_at = None
    if open_at is not None and len(text) - open_at > 1:
        spans.append((open_at, len(text)))
    return spans


def long_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations of at least :data:`MIN_QUOTE_WORDS` words (direct speech, not scare quotes)."""
    return list(_long_quotes(text))


@lru_cache(maxsize=8)
def _long_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`long_quotes`, kept for the few documents in hand (speech and statements both ask)."""
    return tuple((s, e) for s, e in find_quotes(text) if len(_QUOTE_WORD.findall(text, s, e)) >= MIN_QUOTE_WORDS)


def _inside(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next(((s, e) for s, e in spans if s <= pos < e), None)


# --- the extractor ---------------------------------------------------------------------------

def find_attributions(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in document order."""
    gaz = gazetteer or default_gazetteer()
    finder = _Finder(doc, gaz)
    return finder.run()


class _Finder:
    """One pass over a document's sentences, carrying the discourse state (last named
    person, recent people, earlier attributions) for pronouns and role nouns. Tokens are
    read by index from the document's :func:`~analysis.tokens.token_view`."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.view = token_view(doc)
        self.doc, self.gaz, self.text = doc, gaz, self.view.doc_text
        self.sents = sentences(doc)
        self.quotes = long_quotes(self.text)
        self.quote_ends = sorted(e for _, e in self.quotes)
        actors = find_actors(doc, gazetteer=gaz)
        self.actors = [a for a in actors if not _inside(a.start, self.quotes)]
        self.speakers = [a for a in self.actors if is_speaker(a)]
        self.actor_starts = [a.start for a in self.actors]  # find_actors: left to right
        self.speaker_starts = [a.start for a in self.speakers]
        self.speaker_ids = {id(a) for a in self.speakers}
        self.people = [a for a in self.speakers if a.kind == "person"]
        self.person_index = {id(a): k for k, a in enumerate(self.people)}
        is_verb = map(SPEECH_VERBS.__contains__, self.view.lower)
        self.verb_positions = list(itertools.compress(itertools.count(), is_verb))  # token indices
        self.turns = speaker_turns(self.text, self.speakers)
        self.state = _State()

    def _speakers_between(self, start: int, end: int) -> list[Actor]:
        """The speakers (in order) whose mention starts in ``[start, end)``."""
        starts = self.speaker_starts
        return self.speakers[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def _actors_between(self, start: int, end: int) -> list[Actor]:
        """The actors (in order) whose mention starts in ``[start, end)``."""
        starts = self.actor_starts
        return self.actors[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def _is_speaker(self, actor: Actor) -> bool:
        """:func:`is_speaker` of one of the document's actors."""
        return id(actor) in self.speaker_ids

    def run(self) -> list[Attribution]:
        for index, sent in enumerate(self.sents):
            found = self._sentence(index, sent) or self._turn(index, sent)
            self.state.attributions.extend(found)
            self._update_state(sent, found)
        self._carry_unattributed_quotes()
        self.state.attributions.sort(key=lambda a: (a.sent_index, a.verb_start))
        return self.state.attributions

    # -- per sentence ------------------------------------------------------------------------
    def _sentence(self, index: int, sent: Sentence) -> list[Attribution]:
        found: list[Attribution] = []
        topic = self._fronted_topic(sent)
        if topic is not None:
            self.state.last_person = topic
        idx, verbs = self.view.idx, self.verb_positions
        for i in verbs[bisect.bisect_left(verbs, sent.start):bisect.bisect_left(verbs, sent.end)]:
            family = self._speech_verb(i, sent)
            if family is None:
                continue
            speaker, how = self._subject(i, sent, found)
            if speaker is None:
                continue
            verb_end = self._verb_end(i)
            att = Attribution(speaker, how, self.text[idx[i]:verb_end], index, idx[i], verb_end,
                              mode="accusation" if family == "accuse" else "plain")
            if how in ("pronoun", "role", "participle", "coordination", "relative"):
                att.antecedent = self._antecedent(speaker, found)
            found.append(att)
            if speaker.kind == "person":
                self.state.last_person = speaker
        self._set_contents(found, sent)
        found = [att for att in found if not _relays(att, found)]
        found += [replace(att, speaker=other) for att in list(found) for other in self._co_speakers(att)]
        found += self._nominal(index, sent, found)
        found += self._according_to(index, sent, found)
        found += self._headline_colon(index, sent, found)
        for att in found:
            self._split_accusation(att, sent, found)
        return found

    def _turn(self, index: int, sent: Sentence) -> list[Attribution]:
        """A sentence of an interview answer or transcript turn with no attribution of its
        own: the turn's speaker says it (:mod:`analysis.transcripts`)."""
        body = self.text[sent.start_char:sent.end_char]
        begin = sent.start_char + len(body) - len(body.lstrip())
        end = sent.start_char + len(body.rstrip())
        turn = turn_at(self.turns, begin) if self.turns else None
        if turn is None or turn.speaker is None:
            return []
        start = max(begin, turn.start)
        if start >= end:
            return []
        return [Attribution(turn.speaker, "turn", "", index, start, start, content=[(start, end)])]

    def _co_speakers(self, att: Attribution) -> list[Actor]:
        """The other people of a list the speaker is named in ('Macron, Merz, Starmer and
        Tusk demanded …'): they share the verb. A list needs an 'and' before its last name."""
        if att.speaker.kind != "person" or att.how not in ("name", "coordination", "relative"):
            return []
        people = self.people
        at = self.person_index.get(id(att.speaker))
        if at is None:
            return []
        lo = hi = at
        while lo > 0 and _LIST_GAP.fullmatch(self.text[people[lo - 1].end:people[lo].start]):
            lo -= 1
        while hi + 1 < len(people) and _LIST_GAP.fullmatch(self.text[people[hi].end:people[hi + 1].start]):
            hi += 1
        if lo == hi or "and" not in self.text[people[hi - 1].end:people[hi].start]:
            return []
        return [p for p in people[lo:hi + 1] if p is not att.speaker and p.name != att.speaker.name]

    def _fronted_topic(self, sent: Sentence) -> Actor | None:
        """'For Zelenskyy, the offer … : … he signed …': the person a sentence is about."""
        m = _FRONTED.match(self.text, sent.start_char, sent.end_char)
        if not m:
            return None
        start = m.end()
        actor = next((a for a in self._speakers_between(start, start + 26) if a.kind == "person"), None)
        if actor is not None and _COMMA_NEXT.match(self.text[actor.end:actor.end + 3]):
            return actor
        return None

    def _speech_verb(self, i: int, sent: Sentence) -> str | None:
        """The family of token ``i`` when it is a speech verb here (not quoted, not a noun
        or a passive)."""
        v = self.view
        lower = v.lower[i]
        family = SPEECH_VERBS.get(lower)
        if family is None or _inside(v.idx[i], self.quotes):
            return None
        particle = NEEDS_PARTICLE.get(lower)
        if particle and (i + 1 >= len(v) or v.lower[i + 1] != particle):
            return None
        prev = self._previous_words(i, sent, 3, skip=_SKIPPABLE_BEFORE_VERB)
        first = v.lower[prev[0]] if prev else None
        if prev and first in NOUN_MARKERS and not lower.endswith("ing"):
            return None
        if prev and first in PASSIVE_AUX and lower.endswith("ed"):
            return None
        if lower in AMBIGUOUS_NOUNS and prev and not (
                v.text[prev[0]][:1].isupper() or first in _SUBJECT_PRONOUNS
                or v.text[prev[0]] in (",", "”", '"') or first in ("and", "but")):
            return None  # a noun: "said that calls by …", "after phone calls"
        return family

    def _verb_end(self, i: int) -> int:
        """End of verb token ``i``, with its particle ("ruled out", "hit out at")."""
        v = self.view
        end = v.end_char(i)
        j = i + 1
        if v.lower[i] in NEEDS_PARTICLE and j < len(v):
            end = v.end_char(j)
            if v.lower[i] in ("hit", "lashed") and j + 1 < len(v) and v.lower[j + 1] == "at":
                end = v.idx[j + 1] + 2
        return end

    def _previous_words(self, i: int, sent: Sentence, n: int, *, skip: set[str] = frozenset()) -> list[int]:
        """Indices of up to ``n`` tokens before token ``i`` in the sentence, nearest first,
        passing over spaces and ``skip`` words."""
        out = []
        is_space, lower = self.view.is_space, self.view.lower
        for j in range(i - 1, sent.start - 1, -1):
            if is_space[j] or lower[j] in skip:
                continue
            out.append(j)
            if len(out) >= n:
                break
        return out

    # -- subjects ----------------------------------------------------------------------------
    def _subject(self, i: int, sent: Sentence, found: list[Attribution]) -> tuple[Actor | None, str]:
        """The speaker of verb token ``i`` and how it was found."""
        v = self.view
        verb_at, participle = v.idx[i], v.lower[i].endswith("ing")
        prev = self._previous_words(i, sent, 2, skip=SKIPPABLE)
        first = v.lower[prev[0]] if prev else None
        post = self._postposed(i, sent)
        if post is not None:
            return post, "name"
        if prev and first in ("who", "whom"):
            return self._relative_antecedent(v.idx[prev[0]], sent), "relative"
        if participle and (not prev or v.text[prev[0]] in PARTICIPLE_LEADS or first in PARTICIPLE_LEADS):
            if prev and first == "by" and found:
                return None, ""  # 'accused X of … by ruling out …': the manner of the reported act
            return self._clause_subject(verb_at, sent, found), "participle"
        if prev and first in CONJUNCTIONS:
            between = self.text[v.end_char(prev[0]):verb_at].lower().split()
            if any(w in AUXILIARIES for w in between):
                return None, ""  # '… that Russia had rejected … and had still not said …': the inner clause's verb
            who = self._relative_opening(verb_at, sent, found)
            if who is not None:  # 'praised Zelensky, who travelled … and said …': the relative's antecedent
                return self._relative_antecedent(who, sent), "relative"
            return self._clause_subject(verb_at, sent, found), "coordination"
        if participle and prev and first in DOCUMENT_NOUNS:
            return self._clause_subject(verb_at, sent, found), "participle"  # 'signed a decree declaring …'
        if participle:
            return None, ""
        return self._preceding_subject(verb_at, sent, found)

    def _postposed(self, i: int, sent: Sentence) -> Actor | None:
        """'…, said Lavrov' / '” asserted Trump': a name right after verb token ``i``."""
        v = self.view
        before = self._previous_words(i, sent, 1)
        if (before and v.text[before[0]] not in (",", "”", '"')) or v.lower[i].endswith("ing"):
            return None
        limit = v.idx[min(i + POSTPOSED_NAME_TOKENS, sent.end - 1)] + 1
        verb_at, sent_end = v.idx[i], sent.end_char
        after = [a for a in self._speakers_between(verb_at + 1, min(limit + 1, sent_end)) if not self._possessive(a)]
        if not after:
            return None
        gap = self.text[v.end_char(i):after[0].start].strip()
        if gap.endswith(",") and any(w in ROLE_WORDS for w in _HYPHEN_WORD.findall(gap.lower())):
            gap = gap[:-1].strip()  # "said Ukraine's defence minister, Rustem Umerov"
        if not _TITLE_WORDS.fullmatch(gap + " " if gap else ""):
            return None  # only titles may stand between the verb and the name ('said Foreign Minister …')
        return after[0]

    def _relative_opening(self, verb_at: int, sent: Sentence, found: list[Attribution]) -> int | None:
        """Offset of ', who' opening the relative clause that a coordinated verb at
        ``verb_at`` belongs to (after the sentence's last attributed verb), if any."""
        start = max([sent.start_char] + [a.verb_end for a in found if a.verb_end <= verb_at])
        m = next(reversed(list(_RELATIVE_WHO.finditer(self.text, start, verb_at))), None)  # the last one
        if m is None or _CLAUSE_END_BETWEEN.search(self.text, m.end(), verb_at):
            return None
        return m.start("who")

    def _relative_antecedent(self, who_at: int, sent: Sentence) -> Actor | None:
        """The speaker a relative pronoun at offset ``who_at`` refers to."""
        cands = [a for a in self._speakers_between(sent.start_char, who_at + 1) if a.end <= who_at]
        people = [a for a in cands if a.kind == "person"]
        return (people or cands)[-1] if (people or cands) else None

    def _clause_subject(self, verb_at: int, sent: Sentence, found: list[Attribution]) -> Actor | None:
        """Subject shared by a participle or coordinated verb (at offset ``verb_at``): the
        clause's attributed speaker, else its first named person."""
        earlier = [a for a in found if a.verb_start < verb_at]
        if earlier:
            return earlier[-1].speaker
        people = [a for a in self._speakers_between(sent.start_char, verb_at) if a.kind == "person"
                  and not self._prepositional(a) and not self._possessive(a)]
        if people:
            return people[0]
        head = self.text[sent.start_char:verb_at]
        if _CLAUSE_PRONOUN.search(head):
            return self.state.last_person  # 'on October 4, he signed a decree declaring …'
        return None

    def _preceding_subject(self, verb_at: int, sent: Sentence, found: list[Attribution]) -> tuple[Actor | None, str]:
        """The subject named before the verb at offset ``verb_at``."""
        region_start = max([self._region_start(verb_at, sent)] + [a.verb_end for a in found if a.verb_end <= verb_at])
        segments = _segments(self.text, region_start, verb_at)
        k = len(segments) - 1
        while k >= 0:
            seg_start, seg_end = segments[k]
            seg_text = self.text[seg_start:seg_end]
            last_word = [w for w in _SEGMENT_WORD.findall(seg_text) if w.lower() not in SKIPPABLE][-1:]
            if last_word and last_word[0].lower() in PRONOUNS:
                return (self.state.last_person, "pronoun") if self.state.last_person else (None, "")
            tail = _ROLE_NP_TAIL.search(seg_text) if k == len(segments) - 1 else None
            if tail is not None:
                person = self._person_with_role(tail.group("role").lower(), (tail.group("owner") or "").strip())
                return (person, "role") if person else (None, "")
            in_seg = [a for a in self._actors_between(seg_start, seg_end + 1) if a.end <= seg_end]
            free = [a for a in in_seg if self._is_speaker(a) and not self._prepositional(a) and not self._possessive(a)]
            if _appositive(seg_text, named=bool(free)) and k > 0:
                owner = self._actor_ending_at(segments[k - 1][1])
                if owner is not None and owner.kind == "person":
                    return owner, "name"
                resolved = self._pronoun_or_role(seg_text) if k == len(segments) - 1 else None
                if resolved is not None and resolved[0] is not None:
                    return resolved  # 'Moscow, the envoy argued, was …': the role is the subject
                if owner is not None:
                    return owner, "name"
                k -= 1
                continue
            if free and k >= 2 and self._names_clause_object(seg_text, free, segments[k - 1]):
                k -= 2  # 'X, speaking alongside the Danish prime minister, Mette Frederiksen, said'
                continue
            if free:
                people = [a for a in free if a.kind == "person"]
                return (people or free)[0], "name"
            resolved = self._pronoun_or_role(seg_text)
            if resolved is not None:
                return resolved
            if (in_seg and all(self._prepositional(a) for a in in_seg)) or not seg_text.strip() or _name_list(seg_text) \
                    or _aside(seg_text):
                k -= 1  # names inside a prepositional phrase or a list of them: keep looking left
                continue
            return None, ""
        return None, ""

    def _names_clause_object(self, seg_text: str, free: list[Actor], previous: tuple[int, int]) -> bool:
        """Whether a segment that is only a name is the apposition of a role ending the
        participle or relative clause before it ('speaking alongside the Danish prime minister')."""
        if len(free) != 1 or seg_text.strip() != free[0].text.strip():
            return False
        clause = self.text[previous[0]:previous[1]].strip()
        return bool(_RELATIVE_OR_PARTICIPLE.match(clause)) and bool(_ROLE_AT_END.search(clause))

    def _region_start(self, verb_at: int, sent: Sentence) -> int:
        """Start of the clause holding the verb's subject: after the last quotation, ';',
        ':', dash or 'that' before the verb (at offset ``verb_at``)."""
        ends = self.quote_ends
        before = bisect.bisect_right(ends, verb_at)
        start = max(sent.start_char, ends[before - 1]) if before else sent.start_char
        head = self.text[start:verb_at]
        cut = max([m.end() for m in _REGION_BREAK.finditer(head)] or [0])
        return start + cut

    def _actor_ending_at(self, pos: int) -> Actor | None:
        for a in self.speakers:
            if a.end <= pos and not self.text[a.end:pos].strip(" ,") and not self._prepositional(a):
                return a
        return None

    def _pronoun_or_role(self, seg_text: str) -> tuple[Actor | None, str] | None:
        words = [w for w in _SEGMENT_WORD.findall(seg_text) if w.lower() not in SKIPPABLE]
        if words and words[-1].lower() in PRONOUNS and len(words) <= 3:
            return (self.state.last_person, "pronoun") if self.state.last_person else (None, "")
        m = _ROLE_NP.match(seg_text.strip())
        if m and len(words) <= 6:
            person = self._person_with_role(m.group("role").lower(), (m.group("owner") or "").strip())
            return (person, "role") if person else (None, "")
        return None

    def _person_with_role(self, role: str, owner: str) -> Actor | None:
        side = self.gaz.party_of_demonym(owner) if owner else None
        if owner and side is None:
            entry = self.gaz.lookup(owner)
            side = entry.side if entry is not None and entry.kind == "place" else None
        wanted = {"leader": ("president", "prime minister", "chancellor", "premier"),
                  "head of state": ("president",), "head of government": ("prime minister", "chancellor", "premier"),
                  "diplomat": ("foreign", "envoy", "ambassador", "diplomat"),
                  "chief": ("chief", "head")}.get(role, (role,))
        last = self.state.last_person
        for person in ([last] if last is not None else []) + self.state.recent_people[::-1]:
            entry = self.gaz.lookup(person.name)
            known_role = (entry.role or "") if entry else ""
            if side and person.side != side:
                continue
            if any(w in known_role for w in wanted):
                return person  # the last speaker first: 'Zelensky said … with Putin. The president thanked …'
        if last is not None and self.gaz.lookup(last.name) is None and (not side or last.side == side):
            return last  # unknown role: the last named speaker
        return None

    def _prepositional(self, actor: Actor) -> bool:
        """Whether the name sits in a prepositional phrase ('an interview with TASS',
        'an adviser to President Volodymyr Zelensky', 'with Russia 24, RIA and TASS')."""
        v = self.view
        j = self._token_at(actor.start) - 1
        while j >= 0:
            text, lower = v.text[j], v.lower[j]
            if text in _CLAUSE_PUNCT or text in _QUOTE_CLOSE or "\n" in text:
                return False  # a line break ends the phrase ('Published On 29 Mar 2022⏎Turkish President …')
            if v.is_space[j] or lower in _NAME_PREFIXES or v.is_digit[j] or lower in ROLE_WORDS:
                j -= 1
                continue
            if text[:1].isupper() and lower not in PREPOSITIONS:
                j -= 1
                continue
            if lower in ("for", "of", "at") and j > 0 and v.lower[j - 1] in SPOKESPEOPLE:
                return False  # 'a spokesman for the Kremlin said': the institution speaks
            if lower in ("of", "for") and j > 0 and (v.lower[j - 1] in ROLE_WORDS or v.is_title[j - 1]):
                j -= 1  # 'Secretary of State for Defence John Healey', 'the head of the delegation Vladimir Medinsky'
                continue
            return lower in PREPOSITIONS
        return False

    def _possessive(self, actor: Actor) -> bool:
        return bool(_POSSESSIVE_S.match(self.text[actor.end:actor.end + 2]))

    def _token_at(self, char: int) -> int:
        """The token holding character ``char`` (the next one for a token's trailing
        space), as ``doc.char_span(char, char + 1, alignment_mode="expand").start``; 0
        outside the text."""
        v = self.view
        i = bisect.bisect_right(v.idx, char) - 1
        if i < 0 or char >= v.end_char(i) + len(v.whitespace[i]):
            return 0
        return i + 1 if char == v.end_char(i) else i

    def _antecedent(self, speaker: Actor, found: list[Attribution]) -> Attribution | None:
        for att in reversed(self.state.attributions + found):
            if att.speaker.name == speaker.name:
                return att
        return None

    # -- contents ----------------------------------------------------------------------------
    def _set_contents(self, found: list[Attribution], sent: Sentence) -> None:
        """Content and frame of each verb attribution of the sentence."""
        subject_starts = [self._subject_start(att, sent) for att in found]
        for k, att in enumerate(found):
            nxt = found[k + 1] if k + 1 < len(found) else None
            clause_end = subject_starts[k + 1] if nxt else sent.end_char
            clause_end = max(clause_end, att.verb_end)
            post = (self._negated_verb_start(att, sent), clause_end)
            quote = _inside(att.verb_end + 1, self.quotes) or self._quote_after(att.verb_end, clause_end)
            if quote is not None and quote[1] > clause_end and nxt is None:
                post = (att.verb_start, quote[1])
            subject_start = subject_starts[k]
            quoted = self._quote_before_subject(att, subject_start)
            pre = self._pre_content(att, sent, found[k - 1] if k else None, subject_start, quoted)
            body_start = self._body_start(att.verb_end, post[1])
            remainder = self.text[att.verb_end:post[1]]
            postposed = att.how == "name" and att.speaker.start > att.verb_start
            if quoted is not None:
                after = self._quote_after(att.verb_end, clause_end)
                att.content = [pre] + ([after] if after else [])
                att.frame = [(subject_start, after[0] if after else post[1])]
            elif pre is not None and (postposed or _frame_only(remainder)):
                att.content = [pre]
                att.frame = [(subject_start, post[1])]
            elif pre is not None and remainder.lstrip().startswith(","):
                att.content = [pre, (att.verb_start, post[1])]
                att.frame = [(subject_start, att.verb_end)]
            else:
                att.content = [post]
                att.frame = [(self._frame_start(att, sent, found[:k]), body_start)]

    def _negated_verb_start(self, att: Attribution, sent: Sentence) -> int:
        """The verb with a negation right before it ('no longer insists', 'has not ruled out')."""
        head = self.text[sent.start_char:att.verb_start]
        last_words = head.rsplit(None, _NEGATED_VERB_WORDS)  # a match spans at most 4 words
        m = _NEGATED_VERB.search(head, len(last_words[0]) if len(last_words) > _NEGATED_VERB_WORDS else 0)
        return sent.start_char + m.start() if m else att.verb_start

    def _frame_start(self, att: Attribution, sent: Sentence, earlier: list[Attribution]) -> int:
        """A leading attribution's frame starts after the reported words of the attribution
        before it in the sentence, if any, else at the sentence start."""
        ends = [e for a in earlier for s, e in a.content if e <= att.verb_start]
        return max([sent.start_char] + ends)

    def _quote_after(self, pos: int, end: int) -> tuple[int, int] | None:
        for s, e in self.quotes:
            if pos <= s < end and _LEAD_IN.fullmatch(self.text[pos:s]):
                return (s, e)
        return None

    def _subject_start(self, att: Attribution, sent: Sentence) -> int:
        """Where the attribution's frame begins: its speaker mention (with role words)
        when the speaker is named before the verb, else the verb."""
        sp = att.speaker
        if sent.start_char <= sp.start < att.verb_start and att.how == "name":
            return _title_start(self.text, sent.start_char, sp.start)
        if att.how in ("pronoun", "role"):
            m = _PRONOUN_OR_ROLE_END.search(self.text[sent.start_char:att.verb_start])
            if m:
                return sent.start_char + m.start()
        return att.verb_start

    def _pre_content(self, att: Attribution, sent: Sentence, prev: Attribution | None, subject_start: int,
                     quoted: tuple[int, int] | None) -> tuple[int, int] | None:
        """The clause or quotation (``quoted``, see :meth:`_quote_before_subject`) before a
        trailing attribution ('…, Peskov said') whose subject starts at ``subject_start``."""
        if quoted is not None:
            return quoted
        cut = subject_start  # the verb itself when the name follows it
        head_start = prev.verb_end if prev is not None else sent.start_char
        head = self.text[head_start:cut]
        if cut <= head_start or not _TRAILING_COMMA.search(head):
            return None
        body = head.rstrip().rstrip(",")
        if len(_WORD.findall(body)) < 3:
            return None
        start = head_start + (len(body) - len(body.lstrip()))
        return (start, head_start + len(body))

    def _quote_before_subject(self, att: Attribution, subject_start: int) -> tuple[int, int] | None:
        """A quotation ending right before the attribution ('“…,” Lavrov said', its subject
        starting at ``subject_start``) that no earlier attribution has claimed."""
        anchor = min(subject_start, att.verb_start)
        gap = anchor  # where the spaces and commas before the anchor begin
        while gap > 0 and (self.text[gap - 1].isspace() or self.text[gap - 1] == ","):
            gap -= 1
        claimed = None
        for s, e in self.quotes:
            if not gap <= e <= anchor:
                continue
            if claimed is None:
                claimed = [r for a in self.state.attributions for r in a.content]
            if (s, e) not in claimed and not any(cs <= s < ce for cs, ce in claimed):
                return (s, e)
        return None

    def _body_start(self, verb_end: int, end: int) -> int:
        """Where the reported words start after the verb: after 'that', ':' or an opening
        quote near the verb, else right after the verb (and a date phrase after it)."""
        rest = self.text[verb_end:end]
        m = _THAT_OR_COLON.match(rest)
        if m and len(_WORD.findall(m.group(0))) <= 10:
            return verb_end + m.end()
        m = _DATE_AFTER_VERB.match(rest)
        return verb_end + (m.end() if m else 0)

    # -- other attribution forms -------------------------------------------------------------
    def _nominal(self, index: int, sent: Sentence, found: list[Attribution]) -> list[Attribution]:
        """'calls by Josep Borrell … for …' and 'Zelensky's call for …'."""
        out = []
        s_text = self.text[sent.start_char:sent.end_char]
        for m in _NOMINAL_BY.finditer(s_text):
            start = sent.start_char + m.start()
            pos = sent.start_char + m.end()
            actor = next(iter(self._speakers_between(pos, pos + 1)), None)
            if actor is not None:
                out.append(self._nominal_attribution(actor, index, start, sent))
        for actor in self._speakers_between(sent.start_char, sent.end_char):
            m = _NOMINAL_POSSESSIVE.match(self.text[actor.end:sent.end_char])
            if m:
                out.append(self._nominal_attribution(actor, index, actor.end + m.start(), sent))
        for att in out:
            for outer in found:
                if any(s <= att.content[0][0] < e for s, e in outer.content):
                    outer.nested.append(att.content[0])
        return out

    def _nominal_attribution(self, actor: Actor, index: int, start: int, sent: Sentence) -> Attribution:
        rest = self.text[start:sent.end_char]
        m = _NOMINAL_END.search(rest, pos=min(len(rest), 5))
        end = start + (m.start() if m else len(rest))
        return Attribution(actor, "nominal", self.text[start:start + 5], index, start, start,
                           content=[(start, end)], frame=[])

    def _according_to(self, index: int, sent: Sentence, found: list[Attribution]) -> list[Attribution]:
        if found:
            return []
        s_text = self.text[sent.start_char:sent.end_char]
        for m in _ACCORDING_TO.finditer(s_text):
            pos = sent.start_char + m.end()
            actor = next((a for a in self._speakers_between(pos, pos + 41)
                          if not _CLAUSE_MARK.search(self.text[pos:a.start])), None)
            if actor is None:
                continue
            phrase_end = actor.end
            content = [(sent.start_char, sent.start_char + m.start()), (phrase_end, sent.end_char)]
            return [Attribution(actor, "according_to", "according to", index, sent.start_char + m.start(), phrase_end,
                                content=[c for c in content if c[1] > c[0]],
                                frame=[(sent.start_char + m.start(), phrase_end)])]
        m = _ACCORDING_TO_PRONOUN.search(s_text)
        if m is not None and self.state.last_person is not None:
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            content = [(sent.start_char, start), (end, sent.end_char)]
            return [Attribution(self.state.last_person, "pronoun", m.group(0).strip(" ,"), index, start, end,
                                content=[c for c in content if c[1] > c[0]], frame=[(start, end)])]
        return []

    def _headline_colon(self, index: int, sent: Sentence, found: list[Attribution]) -> list[Attribution]:
        """'Zelensky: Ukraine ready for talks' — a name opening the sentence, then a colon."""
        if found:
            return []
        first = next(iter(self._speakers_between(sent.start_char, len(self.text) + 1)), None)
        if first is None or first.kind != "person" or self.text[sent.start_char:first.start].strip():
            return []
        m = _COLON_NEXT.match(self.text[first.end:sent.end_char])
        if not m:
            return []
        begin = first.end + m.end()
        return [Attribution(first, "name", ":", index, first.end, begin, content=[(begin, sent.end_char)],
                            frame=[(sent.start_char, begin)])]

    def _split_accusation(self, att: Attribution, sent: Sentence, found: list[Attribution]) -> None:
        """'X accused Zelenskyy of …': the action is the accused person's position, the
        accuser keeps only their own judgements."""
        if att.mode != "accusation" or att.how == "accused":
            return
        accused = next((a for a in self._speakers_between(att.verb_end + 1, att.verb_end + 4)
                        if a.kind == "person"), None)
        if accused is None:
            return
        m = _OF_OR_FOR.match(self.text[accused.end:accused.end + 6])
        if not m:
            return
        start = accused.end + m.end()
        end = max(e for _, e in att.content)
        found.append(Attribution(accused, "accused", att.verb, att.sent_index, att.verb_start, att.verb_end,
                                 content=[(start, end)], frame=list(att.frame), keep="action"))
        att.keep = "evaluative"

    # -- discourse ---------------------------------------------------------------------------
    def _update_state(self, sent: Sentence, found: list[Attribution]) -> None:
        people = [a for a in self._actors_between(sent.start_char, sent.end_char) if a.kind == "person"]
        self.state.recent_people.extend(people)
        self.state.recent_people = self.state.recent_people[-30:]
        speakers = [a.speaker for a in found if a.speaker.kind == "person" and a.how not in ("nominal", "accused")]
        if speakers:
            self.state.last_person = speakers[-1]
            return
        subjects = [a for a in people if self._is_speaker(a) and not self._prepositional(a) and not self._possessive(a)]
        if subjects:
            self.state.last_person = subjects[0]

    def _carry_unattributed_quotes(self) -> None:
        """A quotation opening a sentence with no attribution continues the words of the
        speaker attributed just before it (same paragraph, within two sentences)."""
        atts = self.state.attributions
        covered = [r for a in atts for r in a.content]
        starts = [s.start_char for s in self.sents]
        for qs, qe in self.quotes:
            if any(s <= qs < e for s, e in covered):
                continue
            index = max(0, sum(1 for st in starts if st <= qs) - 1)
            sent = self.sents[index]
            if self.text[sent.start_char:qs].strip():
                continue
            prev = [a for a in atts if a.sent_index < index or (a.sent_index == index and a.verb_start < qs)]
            prev = [a for a in prev if a.how not in ("nominal", "accused")]
            if not prev:
                continue
            last = prev[-1]
            last_end = max(e for _, e in last.content) if last.content else last.verb_end
            if index - last.sent_index > 2 or "\n" in self.text[last_end:qs]:
                continue
            atts.append(Attribution(last.speaker, "carried", "", index, qs, qs, content=[(qs, qe)], frame=[],
                                    antecedent=last))


# --- helpers ---------------------------------------------------------------------------------

class Sentence:
    """A sentence of a document: its token range and character offsets, as in its
    ``doc.sents`` span (``doc[sent.start:sent.end]``), without building tokens."""

    __slots__ = ("start", "end", "start_char", "end_char")

    def __init__(self, start: int, end: int, start_char: int, end_char: int):
        self.start, self.end, self.start_char, self.end_char = start, end, start_char, end_char


def sentences(doc: Doc) -> list[Sentence]:
    """The sentences of ``doc`` (``doc.sents``), from the token view's sentence starts."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [Sentence(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    view = token_view(doc)
    starts = view.sent_starts
    ends = starts[1:] + [len(view)]
    return [Sentence(start, end, view.idx[start], view.end_char(end - 1)) for start, end in zip(starts, ends)]


def is_speaker(actor: Actor) -> bool:
    """People, and named institutions ("the Kremlin", "Russia's defence ministry") — not
    generic plurals ("Russian officials", "Ukrainian authorities")."""
    if actor.kind == "person":
        return True
    if actor.kind != "institution":
        return False
    entry = default_gazetteer().lookup(actor.name)
    if entry is not None:
        return "media" not in actor.name.lower()
    head = actor.name.lower().split()[-1] if actor.name.split() else ""
    return head not in GENERIC_INSTITUTION_HEADS and actor.name.lower() not in GENERIC_INSTITUTION_HEADS


def _title_start(text: str, start: int, end: int) -> int:
    """Start of the title and role words ending at ``end`` (``start + _TITLE_WORDS.search(
    text[start:end]).start()``), searched from the last character that cannot be one."""
    pos = start
    if _TITLE_SEARCH_SAFE:
        for m in _NON_TITLE_CHAR.finditer(text, start, end):
            pos = m.end()
    return _TITLE_WORDS.search(text, pos, end).start()


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of ``text[start:end]`` (digit commas kept)."""
    out, pos = [], start
    for m in _SEGMENT_COMMA.finditer(text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def _relays(att: Attribution, found: list[Attribution]) -> bool:
    """Whether an institution only relays words a person of the sentence is given
    ('Erdogan said Ankara was ready …, the Turkish presidency said'): the person speaks."""
    return att.speaker.kind != "person" and any(
        other.speaker.kind == "person" and any(s < oe and os < e for s, e in att.content for os, oe in other.content)
        for other in found)


def _name_list(seg: str) -> bool:
    """'RIA Novosti and TASS reportedly': the tail of a list of names, not a subject."""
    words = [w for w in _NAME_WORD.findall(seg) if w.lower() not in SKIPPABLE]
    return bool(words) and "and" in words and all(w == "and" or w[:1].isupper() or w[:1].isdigit() for w in words)


ASIDE_WORDS = SKIPPABLE | {"meanwhile", "though", "too", "instead", "in", "turn", "for", "his", "her", "its", "their",
                          "part", "response", "return", "particular", "addition", "contrast", "the", "meantime"}
"""Words of a comma-set aside between a subject and its verb (', meanwhile,'; ', for his
part,'; ', has' after an appositive)."""


def _aside(seg: str) -> bool:
    """', meanwhile,' / ', in turn,' / ' has' (after an appositive): no subject of its own."""
    words = [w.lower() for w in _SEGMENT_WORD.findall(seg)]
    return bool(words) and len(words) <= 3 and all(w in ASIDE_WORDS for w in words)


def _appositive(seg: str, *, named: bool = False) -> bool:
    """'the Kremlin aide who led the Russian side', 'who heads the team', 'an adviser to …',
    'speaking at a meeting of …'; without an article only when it names nobody (``named``):
    "Poland's foreign minister", 'governor of Kharkiv region'."""
    s = seg.strip()
    if _RELATIVE_OR_PARTICIPLE.match(s):
        return True  # a relative clause or a participle phrase ('speaking at a meeting of …')
    words = _HYPHEN_WORD.findall(_POSSESSIVE_S.sub("", s.lower()))  # "Putin's foreign policy aide": 4 words
    if _ARTICLE_LEAD.match(s):
        window = words[:7]
    elif not named and (_OWNER_LEAD.match(s) or (words and words[0] in ROLE_WORDS)):
        window = words[:APPOSITIVE_ROLE_WINDOW]  # "Poland's foreign minister", "governor of …" (no name in it)
    else:
        return False
    return any(w in ROLE_WORDS or w in ("lawmaker", "member", "aide", "head", "leader") for w in window)


def _frame_only(remainder: str) -> bool:
    """Whether what follows a verb only frames it ('said on Wednesday.', 'told reporters')
    rather than reporting words ('said that …', 'said: "…"', 'said Russia would …')."""
    r = remainder.strip()
    if not r or _END_PUNCT_ONLY.fullmatch(r):
        return True
    if _REPORTED_LEAD.match(r):
        return False
    lower = r.lower()
    cleaned = _FRAME_WORDS.sub(" ", lower)
    return len(_LONG_WORD.findall(cleaned)) <= 3 and not _FINITE_VERB.search(lower)
