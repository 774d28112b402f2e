"""Topic and stance (+1/−1) of an attributed clause, from a documented cue lexicon.

The lexicon (``analysis/resources/stance_lexicon.json``, extendable by a user file
``data/stance_lexicon.json``) lists, per topic of the annotation guide §4, the *terms* a
position can be about ("talks", "a ceasefire", "arming Ukraine") and the *predicates*
that take a position on them ("ready to", "rejected", "was needed", "pointless").

:func:`find_stances` reads one clause (the words a speaker is reported to have said):

1. conditional clauses ("if …", "so long as …") and outcome reports ("no agreement on
   a ceasefire", "the prisoner deal") are masked: they state no position;
2. fixed phrases ("not up for negotiation") give a topic and stance directly;
3. every term is combined with the chain of predicates before it ("was ready to
   continue | talks") and at most one after it ("negotiations | would continue"):
   stance = term polarity × predicate polarities × (−1 per negator), where a negator
   ("not", "no", "never", "without", "cannot") flips the next predicate or term to its
   right inside the same chunk (chunks end at commas, semicolons and "but"), so
   "no reason why we cannot continue the negotiations" is +1 and "will not pause" −1;
4. a term with no predicate is a position only when the lexicon says so ("a ceasefire"
   alone is +1; "no pause" is −1; "I don't see any pressure on Russia" is a complaint: +1);
5. judgements of Western support anywhere in the clause ("dangerous", "escalation")
   give −1, and may take their topic from the preceding text ("This is a signal that
   they want to escalate").

With ``mode="accusation"`` (the speech verb accuses or complains) the described action
is what the speaker condemns: non-evaluative stances are inverted ("accused the West of
arming Ukraine" → −1; "complained that Russia had rejected calls for a ceasefire" → +1).
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import config
from .prefilter import LazyPattern, Prefilter

TOPICS = ("negotiations", "ceasefire", "agreement", "western_support")
LEXICON_PATH = config.RESOURCES_DIR / "stance_lexicon.json"
USER_LEXICON_PATH = config.USER_STANCE_LEXICON_PATH

Mode = Literal["plain", "accusation"]

MAX_CHAIN_GAP = 3
"""Filler words allowed between a predicate and the next predicate or term."""
MAX_INFINITIVE_GAP = 7
"""… when the gap ends with "to" ("urged his counterpart Vladimir Putin to halt attacks")."""
MAX_POST_GAP = 4
"""Filler words allowed between a term and a predicate after it."""
MAX_NEGATOR_GAP = 5
"""Words allowed between a negator and the predicate or term it negates."""

_FILLER = r"(?:[\w'.-]+\s+)"
_CHUNK_BREAK = re.compile(r"[;:()\[\].!?]|,(?!\d)|\s[-–—]+\s|\b(?:but|although|though|whereas|while|however|yet)\b")
_WORD = re.compile(r"[\w'-]+")
_NUMERIC = re.compile(r"(?<![\w'-])\$?[\d.,]+(?:bn|m|k)?(?![\w'-])|\b(?:million|billion|thousand)\b")
"""Amounts do not count as filler words ("send another $800 million in military aid")."""
_CHAIN_BREAKERS = re.compile(r"\b(?:through|by|via|after|before|during|despite|against|since|until|because|than)\b")
"""Prepositions that end a predicate's reach ("ended through a peace agreement")."""
_TO_END = re.compile(r"\bto\s*$")
_IMPERATIVE_LEAD = re.compile(r"^[\s\"']*(?:(?:then|just|so|now|please|and|let's|let us)\s+)*$")
_QUALIFIER_TOPICS = {"peace": "agreement", "ceasefire": "ceasefire", "truce": "ceasefire", "cease-fire": "ceasefire",
                     "armistice": "ceasefire", "negotiation": "negotiations", "negotiating": "negotiations"}


class LexiconError(ValueError):
    """The stance lexicon file is missing or malformed."""


@dataclass(frozen=True)
class TermRule:
    topic: str
    rx: LazyPattern
    polarity: int
    bare: int
    negated_bare: int
    imperative: bool = False
    context_only: bool = False


@dataclass(frozen=True)
class PredicateRule:
    rx: LazyPattern
    polarity: int
    topics: tuple[str, ...]
    position: str = "before"
    evaluative: bool = False
    weak: bool = False


@dataclass(frozen=True)
class PhraseRule:
    rx: LazyPattern
    topic: str
    stance: int


@dataclass(frozen=True)
class EvaluationRule:
    rx: LazyPattern
    polarity: int
    topics: tuple[str, ...]
    orphan: bool = False


@dataclass(frozen=True)
class StanceLexicon:
    """The cue lexicon (see the module docstring and the JSON file's ``_doc``); each
    pattern is compiled the first time a text holds its literals."""

    negators: LazyPattern
    masks: tuple[LazyPattern, ...]
    terms: tuple[TermRule, ...]
    proposal: LazyPattern
    proposal_default: str
    qualifier_window: int
    predicates: tuple[PredicateRule, ...]
    phrases: tuple[PhraseRule, ...]
    evaluations: tuple[EvaluationRule, ...]
    filters: "Prefilter" = field(init=False, repr=False, compare=False)
    """The lexicon's pattern groups (masks, phrases, terms, predicates, evaluations,
    proposal, negators) as a :class:`Prefilter`."""

    def __post_init__(self) -> None:
        def rules(group: tuple) -> list[tuple[object, LazyPattern]]:
            return [(rule, rule.rx) for rule in group]

        object.__setattr__(self, "filters", Prefilter({
            "masks": [(rx, rx) for rx in self.masks], "phrases": rules(self.phrases), "terms": rules(self.terms),
            "predicates": rules(self.predicates), "evaluations": rules(self.evaluations),
            "proposal": [(self.proposal, self.proposal)], "negators": [(self.negators, self.negators)]}))


@dataclass(frozen=True)
class StanceHit:
    """A position found in a clause: ``topic``, ``stance`` (+1/−1), the ``cue`` text and
    its character offsets in the analysed text; ``evaluative`` when it is the speaker's
    own judgement (never inverted)."""

    topic: str
    stance: int
    cue: str
    start: int
    end: int
    evaluative: bool = False
    kind: str = "term"
    weak: bool = False


@dataclass
class _Item:
    """A term or predicate occurrence inside the analysed text."""

    start: int
    end: int
    kind: str  # term, pred
    rule: object
    topic: str | None = None
    negations: int = 0
    internal_negations: int = 0
    used: bool = False
    absorbed: bool = field(default=False)


# --- lexicon loading ---------------------------------------------------------------------------

def compile_pattern(pattern: str) -> LazyPattern:
    """A lexicon pattern as a regex: spaces match any whitespace, ``{Gn}`` up to n filler
    words, and the whole is wrapped in word boundaries. It is checked now and compiled
    when first used (see :class:`LazyPattern`)."""
    return _checked(_regex_source(pattern), pattern)


def _negator_pattern(pattern: str) -> LazyPattern:
    """Negators as a regex; contracted "n't" also matches glued to its verb ("don't")."""
    return _checked(rf"{_regex_source(pattern)}|n't(?![\w-])", pattern)


def _regex_source(pattern: str) -> str:
    """The regex source of a lexicon pattern (see :func:`compile_pattern`)."""
    body = re.sub(r"(?<!\\) ", r"\\s+", pattern)
    body = re.sub(r"\{G(\d)\}", lambda m: f"{_FILLER}{{0,{m.group(1)}}}?", body)
    return rf"(?<![\w'-])(?:{body})(?![\w-])"


def _checked(source: str, pattern: str) -> LazyPattern:
    """``source`` as a :class:`LazyPattern`, or :class:`LexiconError`. Parsing finds every
    error but a look-behind's width, which only compiling checks: a lexicon pattern with
    a look-behind of its own is compiled at once."""
    try:
        rx = LazyPattern(source, re.IGNORECASE)
        if "(?<" in pattern:
            rx.compile()
    except re.error as exc:
        raise LexiconError(f"bad lexicon pattern {pattern!r}: {exc}") from exc
    return rx


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LexiconError(f"cannot read stance lexicon {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: the lexicon must be a JSON object")
    return data


def _merge(base: dict, extra: dict) -> dict:
    """Append the lists of ``extra`` to those of ``base`` (a user extension file)."""
    out = json.loads(json.dumps(base))
    for topic, rules in extra.get("terms", {}).items():
        out.setdefault("terms", {}).setdefault(topic, []).extend(rules)
    for key in ("predicates", "phrases", "evaluations"):
        out.setdefault(key, []).extend(extra.get(key, []))
    for key, patterns in extra.get("masks", {}).items():
        out.setdefault("masks", {}).setdefault(key, []).extend(patterns)
    if extra.get("negators"):
        out["negators"] = f"{out.get('negators', '')}|{extra['negators']}".strip("|")
    return out


def build_lexicon(data: dict) -> StanceLexicon:
    """Compile a lexicon dictionary (the JSON file's structure)."""
    try:
        terms = tuple(
            TermRule(topic, compile_pattern(r["pattern"]), int(r.get("polarity", 1)), int(r.get("bare", 0)),
                     int(r.get("negated_bare", 0)), bool(r.get("imperative")), bool(r.get("context_only")))
            for topic, rules in data["terms"].items() for r in rules)
        unknown = sorted({t.topic for t in terms} - set(TOPICS))
        if unknown:
            raise LexiconError(f"unknown topics in lexicon: {unknown}")
        predicates = tuple(
            PredicateRule(compile_pattern(r["pattern"]), int(r["polarity"]), tuple(r.get("topics", TOPICS)),
                          r.get("position", "before"), bool(r.get("evaluative")), bool(r.get("weak")))
            for r in data["predicates"])
        phrases = tuple(PhraseRule(compile_pattern(r["pattern"]), r["topic"], int(r["stance"]))
                        for r in data.get("phrases", []))
        evaluations = tuple(EvaluationRule(compile_pattern(r["pattern"]), int(r["polarity"]),
                                           tuple(r.get("topics", ["western_support"])), bool(r.get("orphan")))
                            for r in data.get("evaluations", []))
        masks = tuple(compile_pattern(p) for group in data.get("masks", {}).values() for p in group)
        proposals = data["proposals"]
        return StanceLexicon(
            negators=_negator_pattern(data["negators"]), masks=masks, terms=terms,
            proposal=compile_pattern(proposals["pattern"]), proposal_default=proposals.get("default_topic", "agreement"),
            qualifier_window=int(proposals.get("qualifier_window", 6)), predicates=predicates, phrases=phrases,
            evaluations=evaluations)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, LexiconError):
            raise
        raise LexiconError(f"malformed stance lexicon: {exc!r}") from exc


def load_lexicon(path: Path = LEXICON_PATH, user: Path | None = USER_LEXICON_PATH) -> StanceLexicon:
    """The bundled lexicon, extended by the user's file when it exists."""
    data = _read(path)
    if user is not None and user.exists():
        data = _merge(data, _read(user))
    return build_lexicon(data)


@lru_cache(maxsize=1)
def default_lexicon() -> StanceLexicon:
    """The lexicon the extractor uses (loaded once per process)."""
    return load_lexicon()


# --- text helpers ------------------------------------------------------------------------------

_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"})


def normalise(text: str) -> str:
    """Lower-cased text with straight quotes and dashes, the same length as ``text``."""
    return text.translate(_STRAIGHTEN).lower()


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


class _Words:
    """Word positions of a text, for counting the words between two offsets."""

    def __init__(self, text: str):
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def between(self, start: int, end: int) -> int:
        if end <= start:
            return 0
        return bisect.bisect_left(self.starts, end) - bisect.bisect_left(self.starts, start)


def _chunks(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for m in _CHUNK_BREAK.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return bounds


def _chunk_index(chunks: list[tuple[int, int]], pos: int) -> int:
    starts = [s for s, _ in chunks]
    return max(0, bisect.bisect_right(starts, pos) - 1)


# --- analysis ----------------------------------------------------------------------------------

def find_stances(text: str, *, context: str = "", mode: Mode = "plain",
                 exclude: tuple[tuple[int, int], ...] = (),
                 lexicon: StanceLexicon | None = None) -> list[StanceHit]:
    """Every (topic, stance) the clause ``text`` takes, left to right. ``context`` is the
    text before it (for "this proposal", "this is escalation"); hits starting inside an
    ``exclude`` span (someone else's words nested in the clause) are left out."""
    if not text or not text.strip():
        return []
    lex = lexicon or default_lexicon()
    work = normalise(text)
    literals = lex.filters.scan(work)
    work, hits = _mask(text, work, lex, literals)
    work = work.replace('"', " ")  # quoted words read on: 'the fighting "must stop"'
    terms = _find_terms(work, lex, literals)
    if terms:
        hits += _term_hits(text, work, terms, context, mode, lex, literals)
    hits = [h for h in hits if not any(s <= h.start < e for s, e in exclude)]
    judged = _evaluation_hits(text, work, terms, hits, context, lex, literals)
    judged_topics = {(h.topic, h.stance) for h in judged}
    hits = [h for h in hits if not (h.weak and (h.topic, -h.stance) in judged_topics)]
    return _dedupe(hits + judged)


def _mask(text: str, work: str, lex: StanceLexicon, literals: int) -> tuple[str, list[StanceHit]]:
    """``work`` with conditional clauses, outcome reports and fixed phrases blanked, and
    the fixed phrases' hits."""
    for rx in lex.filters.candidates("masks", literals):
        for m in rx.finditer(work):
            work = _blank(work, *m.span())
    hits: list[StanceHit] = []
    for rule in lex.filters.candidates("phrases", literals):
        for m in rule.rx.finditer(work):
            hits.append(StanceHit(rule.topic, rule.stance, text[m.start():m.end()], m.start(), m.end(),
                                  evaluative=True, kind="phrase"))
            work = _blank(work, *m.span())
    return work, hits


def _term_hits(text: str, work: str, terms: list[_Item], context: str, mode: Mode, lex: StanceLexicon,
               literals: int) -> list[StanceHit]:
    """The stances of the topic terms (proposals resolved here), from the predicates and
    negators governing them."""
    words = _Words(work)
    _resolve_proposals(terms, work, context, lex, words)
    stated = [t for t in terms if not (t.absorbed or t.topic is None or t.rule.context_only)]
    if not stated:
        return []
    chunks = _chunks(work)
    preds = _find_predicates(work, lex, terms, literals)
    _assign_negators(work, lex, terms, preds, chunks, words, literals)
    hits = []
    for term in stated:
        hit = _term_stance(term, terms, text, work, preds, chunks, words, mode)
        if hit is not None:
            hits.append(hit)
    return hits


def _find_terms(work: str, lex: StanceLexicon, literals: int | None = None) -> list[_Item]:
    """Term occurrences of every topic (longest wins on overlap), then proposal nouns
    where no topic term is. ``literals``: ``lex.filters.scan(work)``, if known."""
    if literals is None:
        literals = lex.filters.scan(work)
    found = []
    for rule in lex.filters.candidates("terms", literals):
        for m in rule.rx.finditer(work):
            if m.end() > m.start():
                found.append(_Item(m.start(), m.end(), "term", rule, rule.topic))
    found.sort(key=lambda it: (-(it.end - it.start), it.start))
    found += [_Item(m.start(), m.end(), "proposal", None, None)
              for m in lex.filters.finditer("proposal", work, literals)]
    kept: list[_Item] = []
    for item in found:
        if not any(item.start < k.end and k.start < item.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda it: it.start)


def _resolve_proposals(terms: list[_Item], work: str, context: str, lex: StanceLexicon, words: _Words) -> None:
    """Give each proposal noun a topic: its qualifier ("ceasefire offer", "idea of a
    three-way meeting"), else the nearest topic term in the preceding text."""
    for item in terms:
        if item.kind != "proposal":
            continue
        words_in = work[item.start:item.end].split()
        topic = next((_QUALIFIER_TOPICS[w] for w in words_in if w in _QUALIFIER_TOPICS), None)
        if topic is None:
            after = [t for t in terms if t.kind == "term" and t.start >= item.end
                     and words.between(item.end, t.start) <= lex.qualifier_window]
            if after:
                topic = after[0].topic
                after[0].absorbed = True
        if topic is None:
            topic = context_topic(context, lexicon=lex)
        if topic is None and re.search(r"\b(?:demands|drafts?|plans?)\b", work[item.start:item.end]):
            topic = lex.proposal_default
        item.topic = topic
        item.rule = TermRule(topic or "agreement", lex.proposal, 1, 0, -1)


def context_topic(context: str, *, lexicon: StanceLexicon | None = None) -> str | None:
    """The topic of the last topic term in ``context`` (what "this proposal" refers to)."""
    if not context:
        return None
    lex = lexicon or default_lexicon()
    work = normalise(context[-1500:])
    literals = lex.filters.scan(work)
    terms = [t for t in _find_terms(work, lex, literals) if t.kind == "term"]
    qualified = []
    for m in lex.filters.finditer("proposal", work, literals):
        topic = next((_QUALIFIER_TOPICS[w] for w in work[m.start():m.end()].split() if w in _QUALIFIER_TOPICS), None)
        if topic:
            qualified.append((m.start(), topic))
    candidates = [(t.start, t.topic) for t in terms] + qualified
    return max(candidates)[1] if candidates else None


def _find_predicates(work: str, lex: StanceLexicon, terms: list[_Item], literals: int) -> list[_Item]:
    preds = []
    for rule in lex.filters.candidates("predicates", literals):
        for m in rule.rx.finditer(work):
            if any(m.start() < t.end and t.start < m.end() for t in terms):
                continue
            item = _Item(m.start(), m.end(), "pred", rule)
            item.internal_negations = len(lex.negators.findall(work[m.start():m.end()]))
            preds.append(item)
    preds.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[_Item] = []
    for p in preds:
        same = [k for k in kept if p.start < k.end and k.start < p.end and k.rule.position == p.rule.position
                and set(k.rule.topics) & set(p.rule.topics)]
        if not same:
            kept.append(p)  # a 'before' reading may share words with an 'after' one, or another topic's
    return kept


def _assign_negators(work: str, lex: StanceLexicon, terms: list[_Item], preds: list[_Item],
                     chunks: list[tuple[int, int]], words: _Words, literals: int) -> None:
    """Each negator negates the nearest predicate or term to its right in its chunk."""
    items = sorted([t for t in terms if not t.absorbed] + preds, key=lambda it: it.start)
    for m in lex.filters.finditer("negators", work, literals):
        inside = next((t for t in terms if t.start <= m.start() < t.end), None)
        if inside is not None:
            inside.negations += 1  # "no plans for talks" read as one proposal term
            continue
        if any(p.start <= m.start() < p.end for p in preds):
            continue
        chunk = _chunk_index(chunks, m.start())
        for item in items:
            if item.start < m.end():
                continue
            if _chunk_index(chunks, item.start) != chunk or words.between(m.end(), item.start) > MAX_NEGATOR_GAP:
                break
            item.negations += 1
            break


def _applies(pred: _Item, topic: str) -> bool:
    return topic in pred.rule.topics


def _term_stance(term: _Item, terms: list[_Item], text: str, work: str, preds: list[_Item],
                 chunks: list[tuple[int, int]], words: _Words, mode: Mode) -> StanceHit | None:
    chunk_no = _chunk_index(chunks, term.start)
    chunk_start = chunks[chunk_no][0]
    same_chunk = [p for p in preds if _chunk_index(chunks, p.start) == chunk_no and _applies(p, term.topic)]
    blockers = [t for t in terms if t is not term and not t.absorbed]
    chain = _predicate_chain(term, [p for p in same_chunk if p.rule.position == "before" and p.end <= term.start],
                             work, words, blockers)
    post = next((p for p in same_chunk if p.rule.position == "after" and p.start >= term.end
                 and words.between(term.end, p.start) <= MAX_POST_GAP), None)
    if post is not None and _crosses(term.end, post.start, blockers):
        post = None
    if not chain and post is None:
        chain = _coordinated_chain(term, terms, work, preds, chunks, words)
    if post is not None and post.rule.evaluative and _AS_JUDGEMENT.match(work[term.end:post.start]):
        chain = []  # 'dismissed the talks as pointless': the judgement is the position
    rule: TermRule = term.rule
    negations = term.negations + sum(p.negations + p.internal_negations for p in chain)
    if post is not None:
        negations += post.negations + post.internal_negations
    governing = chain + ([post] if post is not None else [])
    if governing:
        stance = rule.polarity
        for p in governing:
            stance *= p.rule.polarity
        stance *= -1 if negations % 2 else 1
        evaluative = any(p.rule.evaluative for p in governing)
        weak = all(p.rule.weak for p in governing)
        start = min([term.start] + [p.start for p in governing])
        end = max([term.end] + [p.end for p in governing])
        kind = "predicate"
    elif negations % 2:
        stance, evaluative, start, end, kind, weak = rule.negated_bare, False, term.start, term.end, "negated", False
    elif rule.imperative and _IMPERATIVE_LEAD.match(work[chunk_start:term.start]):
        stance, evaluative, start, end, kind, weak = rule.polarity, False, term.start, term.end, "imperative", False
    else:
        stance, evaluative, start, end, kind, weak = rule.bare, False, term.start, term.end, "bare", True
        if mode == "accusation" and term.topic == "western_support":
            stance = rule.polarity  # the accused action itself; inverted below
    if stance == 0:
        return None
    if mode == "accusation" and not evaluative:
        stance = -stance
    return StanceHit(term.topic, 1 if stance > 0 else -1, text[start:end], start, end, evaluative, kind, weak)


_AS_JUDGEMENT = re.compile(r"^ as (?:[\w'-]+ )?$")
"""Between a term and the judgement that a verb before it gives as its reason: ' as (a) '."""
_COORDINATED = re.compile(r"^\s+(?:[\w'-]+\s+){0,4}?(?:and|or)\s+(?:(?:the|a|an)\s+)?(?:[\w'-]+\s+){0,2}$")
"""Between two conjoined terms: 'a ceasefire | between russia and ukraine and the resumption of | peace talks'."""


def _coordinated_chain(term: _Item, terms: list[_Item], work: str, preds: list[_Item],
                       chunks: list[tuple[int, int]], words: _Words) -> list[_Item]:
    """The predicates of the term this one is conjoined with ('called for a ceasefire and
    the resumption of peace talks'), when they apply to its topic too."""
    earlier = [t for t in terms if t.end <= term.start and not t.absorbed and t.topic is not None]
    if not earlier or not _COORDINATED.match(work[earlier[-1].end:term.start]):
        return []
    first = earlier[-1]
    chunk_no = _chunk_index(chunks, first.start)
    if _chunk_index(chunks, term.start) != chunk_no:
        return []
    before = [p for p in preds if _chunk_index(chunks, p.start) == chunk_no and p.rule.position == "before"
              and p.end <= first.start and _applies(p, first.topic) and _applies(p, term.topic)]
    blockers = [t for t in terms if t is not first and t is not term and not t.absorbed]
    return _predicate_chain(first, before, work, words, blockers)


def _crosses(start: int, end: int, blockers: list[_Item]) -> bool:
    return any(start <= b.start and b.end <= end for b in blockers)


_ADJECTIVE_AND = re.compile(r"(?<=[a-z]) (?:and|or) (?=[a-z]+ )")
"""'a full and immediate truce': the conjunction between two modifiers is not a filler word."""


def _predicate_chain(term: _Item, before: list[_Item], work: str, words: _Words,
                     blockers: list[_Item]) -> list[_Item]:
    """Predicates governing ``term`` from its left, nearest first, each close to the next
    and with no other term in between."""
    chain: list[_Item] = []
    cursor = term.start
    for pred in sorted(before, key=lambda p: -p.end):
        gap_text = work[pred.end:cursor]
        gap = words.between(pred.end, cursor) - len(_NUMERIC.findall(gap_text)) - len(_ADJECTIVE_AND.findall(gap_text))
        limit = MAX_INFINITIVE_GAP if _TO_END.search(gap_text) else MAX_CHAIN_GAP
        if gap > limit or _crosses(pred.end, cursor, blockers) or _CHAIN_BREAKERS.search(gap_text):
            break
        chain.append(pred)
        cursor = pred.start
    return chain


def _evaluation_hits(text: str, work: str, terms: list[_Item], hits: list[StanceHit], context: str,
                     lex: StanceLexicon, literals: int) -> list[StanceHit]:
    """Judgements ('dangerous', 'escalation') of a topic term anywhere in the clause, or
    — for orphan ones — of the topic of the preceding sentence."""
    out = []
    for rule in lex.filters.candidates("evaluations", literals):
        for m in rule.rx.finditer(work):
            for topic in rule.topics:
                present = any(t.topic == topic and not t.rule.context_only for t in terms
                              if t.kind == "term" or (t.kind == "proposal" and t.topic is not None))
                if not present and rule.orphan and context:
                    present = _topic_in(context, topic, lex)
                if not present:
                    continue
                if any(h.topic == topic and h.stance == -rule.polarity and not h.evaluative and not h.weak
                       for h in hits):
                    continue  # the speaker's own stance on the term says otherwise
                out.append(StanceHit(topic, rule.polarity, text[m.start():m.end()], m.start(), m.end(),
                                     evaluative=True, kind="evaluation"))
    return out


def _topic_in(context: str, topic: str, lex: StanceLexicon) -> bool:
    """Whether the last sentence of ``context`` mentions a term of ``topic``."""
    parts = re.split(r"(?<=[.!?])\s+", context.strip())
    last = normalise(parts[-1] if parts else "")
    return any(t.topic == topic for t in _find_terms(last, lex) if t.kind == "term")


def _dedupe(hits: list[StanceHit]) -> list[StanceHit]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        key = (hit.topic, hit.stance, hit.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(hit)
    return out
