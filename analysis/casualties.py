"""Casualty figures (annotation guide §2): numbers of people killed, wounded, missing,
captured, displaced or made refugees, with side, population, qualifier and claimant.

A figure is a number (:mod:`analysis.numbers`) that counts people and is tied to a
casualty cue, found in this order:

1. a verb or adjective after the counted noun phrase ("498 Russian soldiers have been
   killed", "1,597 wounded", "had fled Ukraine"), across an apposition (", one of them
   a child,") and a coordinated noun ("troops and 'nationalists' had been killed");
2. the counted noun itself ("1,151 civilian deaths", "refugees", "prisoners of war");
3. a cue right before the number ("killing at least 34", "the deaths of", "bodies of");
4. a measure phrase ("the death toll … has risen to 12", "the number of wounded rising
   to 90", "put Russian military deaths at an estimated 7,000 to 15,000") or an inverted
   copula ("Among the freed Ukrainians were seven defenders").

Partitive sub-figures ("seven of them children", "including 14 children", "Of those,
659 were children") are rows of their own that take the head figure's category.
Numbers that count things (missiles, kilometres, days) or are not counts at all
(dates, ages, times) are never figures. The same figure stated twice in a document is
one row, merged so that the attributed mention's claimant is kept.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .actors import Actor, document_text, find_actors
from .claimants import Clause, ClaimHistory, claimant_for, may_report, reporting_clauses
from .casualty_cues import (
    AUX_SKIP, CASUALTY_NOUNS, CIVILIAN_NOUNS, CLAUSE_STOPS, COPULA_STOPS, COPULAS, DISPLACED_AFTER_FLEE,
    EXCHANGE_NOUNS, FUNCTION_WORDS, HARM_CATEGORIES, HEAD_NOUNS, LEADING_NP_SKIP, LEFT_CUES, LOSS_VERBS,
    MEASURE_LINKERS, MEASURE_TRIGGERS, TOLL_NOUNS, MEASURE_WINDOW, MILITARY_NOUNS, MODALS, NEGATORS, NP_DETERMINERS,
    PARTITIVE_PRONOUNS, PLACE_NOUNS, PLACE_PREPOSITIONS, POPULATION_ADJECTIVES, POSSESSIVES, QUALIFIERS,
    RECIPROCAL_WORDS, RIGHT_CUES, SKIPPABLE_PUNCT, UNSPECIFIED_NOUNS, WINDOW_CUES, ARTICLES_AND_COPULAS,
    ARMED_GROUPS, ATTACK_ACTIONS, ATTACK_MODIFIERS, ATTACK_NOUNS, ATTACK_VERBS, PASSIVE_AUX, match_at, match_ending,
    APPOSITION_STARTS, INTRANSITIVE_CUES, MAIN_VERBS_AFTER_RELATIVE, RELATIVE_PRONOUNS, REMAIN_VERBS,
    RETURN_DESTINATIONS, SHELTER_WINDOW, SHELTER_WORDS, VICTIM_GROUPS,
)
from .gazetteer import Gazetteer, default_gazetteer
from .numbers import NumberMention, find_numbers, non_count_reason
from .tokens import TokenView, token_view

CASUALTY_COLUMNS = ["doc_id", "value", "value_high", "vague", "category", "side", "population",
                    "qualifier", "claimed_by", "sentence", "start", "end"]
"""Columns of the ``casualties`` table (tables.md), in order; rows also carry ``figure``,
``sentence_start`` and ``sentence_end``."""

SIDE_NAMES = {"RU": "russian", "UA": "ukrainian"}

# ----------------------------------------------------------------------------- page furniture
TEASER_PREFIXES = (
    "also read", "read more", "read next", "read also", "related", "more from", "most read",
    "catch up", "latest from", "previous story", "next story", "don't miss", "don’t miss",
    "recommended", "you may also like", "see also", "more on this", "trending",
)
_COMMENTS_HEADER = re.compile(
    r"^[ \t]*(?:(?:reader\s+)?comments?[ \t]*(?:\(\d+\)|/[ \t]*\d+|\d+)?|\d+[ \t]+comments?\b.*|"
    r"comments are closed.*)[ \t]*$", re.IGNORECASE | re.MULTILINE)
COMMENTS_MIN_POSITION = 0.5
"""Comment headers count only in the second half of a page (navigation bars come first)."""
VICTIM_WORDS = {"injured", "wounded", "dead", "killed", "victims", "missing", "casualties"}
PENDING = "pending"
"""Category of a sub-figure until its head figure is known."""
COORDINATION_GAP = 14
"""Tokens between two figures that can still share a noun ('… killed and 17 injured')."""
_PERSON_NOUNS = CIVILIAN_NOUNS | MILITARY_NOUNS | UNSPECIFIED_NOUNS
_MEASURE_NOUNS = MEASURE_TRIGGERS | TOLL_NOUNS
_CLAUSE_BREAKS = CLAUSE_STOPS | {","}
_COPULA_CLAUSE_BREAKS = _CLAUSE_BREAKS | COPULA_STOPS
_MILITARY_WORDS = MILITARY_NOUNS | {"army", "military"}
_NAME_LIKE = re.compile(r"[A-Za-z][\w.]*")


@dataclass
class _Figure:
    """A casualty figure being analysed; becomes a row when it has a category. Token
    lists hold token indices of the document (read through ``view``)."""

    mention: NumberMention
    sent: Span
    view: TokenView
    qualifier: str = "exact"
    q_start: int = 0
    np_tokens: list[int] = field(default_factory=list)
    np_end: int = 0
    head: str | None = None
    person: bool = False
    category: str | None = None
    population: str | None = None
    side_tokens: list[int] = field(default_factory=list)
    possessive: bool = False
    reciprocal: bool = False
    partitive_of: str | None = None  # "sentence" (head in sentence) or "previous"
    side: str = "unspecified"
    claimant: Actor | None = None
    bare: bool = False
    previous_start: int | None = None  # token where the sentence's previous number starts
    head_figure: "_Figure | None" = None


# ----------------------------------------------------------------------------- public API

def extract_casualties(doc: Doc, *, doc_id: str, published: str | None = None) -> list[dict]:
    """Casualty rows (columns :data:`CASUALTY_COLUMNS` plus ``figure``, ``sentence_start``,
    ``sentence_end``) for one document, in text order; ``published`` is accepted for a
    uniform extractor signature and not needed."""
    gaz = default_gazetteer()
    history = ClaimHistory()
    figures: list[_Figure] = []
    previous_sent: Span | None = None
    view = token_view(doc)
    text = document_text(doc)
    sentences = _sentences(doc)
    clauses_of = _Clauses(doc, view, sentences, gaz)
    for sent in _before_comments(sentences, text):
        found = _sentence_figures(sent, view, gaz)
        if found and not _is_teaser(sent, text):
            clauses = clauses_of(sent)
            for fig in found:
                fig.claimant = claimant_for(fig.mention.start, fig.mention.end, sent, clauses, history)
            _resolve_partitives(found, figures)
            for fig in found:
                if fig.partitive_of is None:
                    fig.side = _side(fig, sent, previous_sent, gaz)
            _inherit_partitive_sides(found)
            figures += [f for f in found if f.category]
            history.add_sentence(clauses)
        else:  # nothing to attribute: its clauses are found only if a later 'it said' looks back
            history.add_sentence_later(lambda sent=sent: clauses_of(sent))
        previous_sent = sent
    rows = [_row(fig, doc_id, text) for fig in figures]
    return _merge_repeats(rows)


# ----------------------------------------------------------------------------- sentences

def _sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, or the whole doc as one when it has no sentence boundaries."""
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]] if len(doc) else []


def _before_comments(sentences: list[Span], text: str) -> list[Span]:
    """The sentences before the reader comments (see :func:`_comments_start`)."""
    cutoff = _comments_start(text)
    for k, sent in enumerate(sentences):
        if sent.start_char >= cutoff:
            return sentences[:k]
    return sentences


class _Clauses:
    """Reporting clauses of a document's sentences, found when asked for; the document's
    actors are found once, when a sentence with a reporting verb first needs them."""

    def __init__(self, doc: Doc, view: TokenView, sentences: list[Span], gaz: Gazetteer) -> None:
        self.doc, self.view, self.sentences, self.gaz = doc, view, sentences, gaz
        self.actors: dict[int, list[Actor]] | None = None

    def __call__(self, sent: Span) -> list[Clause]:
        if not may_report(sent):
            return []
        if self.actors is None:
            self.actors = _actors_by_sentence(self.doc, self.view, self.sentences, self.gaz)
        return reporting_clauses(sent, self.gaz, actors=self.actors.get(sent.start, []))


def _actors_by_sentence(doc: Doc, view: TokenView, sentences: list[Span], gaz: Gazetteer) -> dict[int, list[Actor]]:
    """Actors of the whole document (one pass: ``Span.ents`` rescans every entity of the
    document), grouped by the first token of their sentence."""
    out: dict[int, list[Actor]] = {}
    starts = [sent.start for sent in sentences]
    for actor in find_actors(doc, gazetteer=gaz):
        first = _first_token(doc, view, actor.start, actor.end)
        if first is not None and starts:
            out.setdefault(starts[bisect_right(starts, first) - 1], []).append(actor)
    return out


def _first_token(doc: Doc, view: TokenView, start: int, end: int) -> int | None:
    """``doc.char_span(start, end, alignment_mode="expand").start`` (``None`` without a
    span), by bisection when both ends fall inside tokens."""
    idx, text, ws = view.idx, view.text, view.whitespace
    first, last = bisect_right(idx, start) - 1, bisect_right(idx, end - 1) - 1
    if start < end and first >= 0 and start < idx[first] + len(text[first]) and \
            end - 1 < idx[last] + len(text[last]) + len(ws[last]):
        return first
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.start if span is not None else None


def _comments_start(text: str) -> int:
    """Offset of a reader-comments header ('Comments (12)', 'Reader comments (6)',
    '14 Comments | Sign in to comment') in the second half of the text, else its length."""
    if "comment" not in text.lower():  # every header has the word: skip the regex scan
        return len(text)
    for m in _COMMENTS_HEADER.finditer(text):
        if m.start() >= len(text) * COMMENTS_MIN_POSITION:
            return m.start()
    return len(text)


def _is_teaser(sent: Span, text: str) -> bool:
    """Lines that announce other stories ("ALSO READ: …", "READ MORE: …")."""
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    line = text[line_start:sent.end_char].lstrip().lower()
    return line.startswith(TEASER_PREFIXES)


def _sentence_figures(sent: Span, view: TokenView, gaz: Gazetteer) -> list[_Figure]:
    doc = sent.doc
    figures = []
    previous: NumberMention | None = None
    for mention in find_numbers(sent):
        if non_count_reason(doc, mention):
            continue
        fig = _analyse(mention, sent, view, gaz, after_number=previous is not None)
        if fig is not None:
            fig.previous_start = previous.start if previous is not None else None
            figures.append(fig)
        previous = mention
    _share_coordinated(figures)
    return figures


# ----------------------------------------------------------------------------- one figure

def _analyse(mention: NumberMention, sent: Span, view: TokenView, gaz: Gazetteer, *,
             after_number: bool) -> _Figure | None:
    """A figure with its category, or ``None`` when the number counts no casualties;
    ``after_number`` tells whether a countable number precedes it in the sentence (a
    partitive needs one: 'among 20 people killed' alone is a plain figure)."""
    fig = _Figure(mention=mention, sent=sent, view=view, reciprocal=mention.reciprocal)
    fig.qualifier, fig.q_start = _qualifier(view, mention, sent.start)
    if _negated_before(view, fig.q_start, sent.start):
        return None
    if _of_the_victims(view, mention.end):
        return None
    partitive = _partitive_kind(view, mention, fig.q_start, sent)
    if partitive == "sentence" and not after_number and view.lower_at(mention.end) != "of":
        partitive = None
    if partitive is not None:
        return _partitive(fig, partitive, gaz)
    _noun_phrase(fig, mention.end, sent.end, gaz)
    if fig.np_tokens and not fig.person:
        return None
    fig.category = _category(fig, gaz)
    if fig.category is None:
        return None
    fig.reciprocal = fig.reciprocal or _reciprocal_after(view, fig.np_end, sent.end)
    fig.population = fig.population or _population_of_noun(fig)
    return fig


def _partitive(fig: _Figure, kind: str, gaz: Gazetteer) -> _Figure | None:
    """A sub-figure ('seven of them children', 'including 14 children', 'Of those, 659
    were children'): its own noun, its category left to the head unless it has a cue."""
    view, sent, m = fig.view, fig.sent, fig.mention
    low = view.lower_at
    fig.partitive_of = kind
    start = m.end
    if low(start) == "of" and low(start + 1) in PARTITIVE_PRONOUNS:
        start += 2
    while start < sent.end and low(start) in ARTICLES_AND_COPULAS:
        start += 1
    _noun_phrase(fig, start, sent.end, gaz)
    if fig.np_tokens and not fig.person:
        return None
    own = _right_cue(view, fig.np_end, sent.end)
    fig.category = own[0] if own else PENDING
    return fig


def _of_the_victims(view: TokenView, i: int) -> bool:
    """'Two of the injured are in serious condition': a detail about victims already
    counted, not a figure of its own."""
    low = view.lower_at
    return low(i) == "of" and low(i + 1) in ("the", "those") and low(i + 2) in VICTIM_WORDS


def _qualifier(view: TokenView, mention: NumberMention, lo: int) -> tuple[str, int]:
    """('at_least', token index where the qualifier starts) or ('exact', mention start)."""
    start = mention.start
    if start - 1 >= lo and view.lower_at(start - 1) == "between":
        return "exact", start - 1
    found = match_ending(view, start, lo, QUALIFIERS)
    if found is None:
        return "exact", start
    qualifier, q_start = found
    if qualifier == "estimated" and q_start - 1 >= lo and view.lower_at(q_start - 1) in ("an", "the"):
        q_start -= 1
    return qualifier, q_start


def _negated_before(view: TokenView, q_start: int, lo: int) -> bool:
    """'none of the 30 passengers', 'not a single one of the'."""
    window = [view.lower_at(k) for k in range(max(lo, q_start - 3), q_start)]
    return "none" in window and "of" in window


def _partitive_kind(view: TokenView, mention: NumberMention, q_start: int, sent: Span) -> str | None:
    """'sentence' for 'seven of them', 'including 14 children', 'among them two';
    'previous' for 'Of those, 659 were children' (head in an earlier sentence)."""
    low = view.lower_at
    nxt, nxt2 = low(mention.end), low(mention.end + 1)
    if nxt == "of" and nxt2 in PARTITIVE_PRONOUNS and mention.end + 1 < sent.end:
        return "sentence"
    prev = low(q_start - 1) if q_start - 1 >= sent.start else ""
    if prev in ("including", "among") or (prev == "them" and low(q_start - 2) == "among"):
        return "sentence"
    lead = [low(k) for k in range(sent.start, min(q_start, sent.start + 2))]
    if lead in (["of", "those"], ["of", "them"], ["of", "these"]) and q_start - sent.start <= 3:
        return "previous"
    return None


def _noun_phrase(fig: _Figure, start: int, hi: int, gaz: Gazetteer) -> None:
    """Read the counted noun phrase after the number ('Russian soldiers', 'of its own
    servicemen', 'prisoners of war') into ``fig``."""
    view = fig.view
    low, lower, text = view.lower_at, view.lower, view.text
    i = start
    if low(i) == "of" and low(i + 1) not in PARTITIVE_PRONOUNS:
        i += 1
        while i < hi and low(i) in NP_DETERMINERS:
            fig.possessive = fig.possessive or low(i) in POSSESSIVES
            i += 1
    while i < hi and low(i) in LEADING_NP_SKIP:
        i += 1
    tokens: list[int] = []
    while i < hi and len(tokens) < 6 and _np_token(view, i, hi):
        tokens.append(i)
        i += 1
        if (lower[tokens[-1]] in HEAD_NOUNS or _demonym_plural(text[tokens[-1]], gaz)) and low(i) not in HEAD_NOUNS:
            break
    if tokens and lower[tokens[-1]] == "prisoners" and low(i) == "of" and low(i + 1) == "war":
        tokens += [i, i + 1]
        i += 2
    fig.np_tokens = tokens
    fig.np_end = i
    fig.side_tokens = list(tokens)
    content = [t for t in tokens if text[t] not in ("-", "–", '"', "“", "”", "'")]
    fig.bare = not content
    if not content:
        return
    head = lower[content[-1]]
    if head == "war" and len(content) >= 3 and lower[content[-3]] == "prisoners":
        head = "pows"
    fig.head = head
    fig.person = _is_person_noun(head, text[content[-1]], gaz) or _is_exchange(fig, content)


def _demonym_plural(text: str, gaz: Gazetteer) -> bool:
    """'Ukrainians', 'Russians': people named by nationality end the noun phrase."""
    return text.endswith("s") and text[:1].isupper() and gaz.party_of_demonym(text) is not None


def _np_token(view: TokenView, i: int, hi: int) -> bool:
    """Can token ``i`` belong to the counted noun phrase?"""
    text = view.text[i]
    low = view.lower_at(i)
    if text in ("-", "–"):
        return i > 0 and not view.whitespace[i - 1] and not view.whitespace[i] and i + 1 < hi
    if text in ('"', "“", "”"):
        return False
    if not view.is_alpha[i] and not _NAME_LIKE.fullmatch(text):
        return False
    if low in FUNCTION_WORDS or low in REMAIN_VERBS or view.like_num[i]:
        return False
    if (low,) in RIGHT_CUES or low in ("dying", "fleeing"):
        return i + 1 < hi and view.lower_at(i + 1) in _PERSON_NOUNS
    return True


def _is_person_noun(head: str, text: str, gaz: Gazetteer) -> bool:
    if head in CIVILIAN_NOUNS or head in MILITARY_NOUNS or head in UNSPECIFIED_NOUNS or head in CASUALTY_NOUNS:
        return True
    return _demonym_plural(text, gaz)


def _is_exchange(fig: _Figure, content: list[int]) -> bool:
    """'a 1,000-for-1,000 swap', '1,000-for-1,000 prisoner exchange'."""
    lower = fig.view.lower
    if lower[content[-1]] not in EXCHANGE_NOUNS:
        return False
    return fig.reciprocal or any(lower[t] in CASUALTY_NOUNS for t in content[:-1])


def _reciprocal_after(view: TokenView, i: int, hi: int) -> bool:
    """'1,000 prisoners of war each', '… on both sides'."""
    words = [view.lower_at(k) for k in range(i, min(hi, i + 4))]
    return bool(words) and (words[0] in RECIPROCAL_WORDS or words[:3] == ["on", "both", "sides"])


# ----------------------------------------------------------------------------- category

def _category(fig: _Figure, gaz: Gazetteer) -> str | None:
    """The casualty category from the cues around the figure, or ``None``; a bare figure
    also takes side and population words from its measure phrase."""
    view, sent = fig.view, fig.sent
    noun_cat = _noun_category(fig)
    right = _right_cue(view, fig.np_end, sent.end, fig=fig)
    left = _left_cue(view, fig.q_start, sent.start)
    if left is not None and _sheltered(view, left[0], fig.mention.end, sent.end):
        left = None
    window = _measure_window(view, fig.q_start, sent.start, person=fig.person)
    if window is not None and (fig.bare or not (right or noun_cat or left)):
        fig.side_tokens += window[1]
        fig.population = fig.population or _population_in(view, window[1])
    if left is not None and view.lower_at(left[1]) in LOSS_VERBS and fig.bare:
        left = None  # 'lost 3' counts nothing said
    if left is not None and view.lower_at(left[1]) in ("bodies", "remains"):
        return "killed"
    if noun_cat and fig.head in TOLL_NOUNS:
        return noun_cat  # '13,580 civilian deaths, including …, and 34,000 injured': the head says it
    if right is not None and not (right[2] and left is not None):
        cat = right[0]
        return noun_cat if noun_cat and cat not in HARM_CATEGORIES else cat
    if noun_cat == "captured" and left is not None and left[0] in HARM_CATEGORIES:
        return left[0]  # 'killed 50 prisoners of war': what happened to them, not what they were
    if noun_cat:
        return noun_cat
    if left is not None:
        return left[0]
    return window[0] if window is not None else None


def _noun_category(fig: _Figure) -> str | None:
    if not fig.np_tokens:
        return None
    if fig.head in CASUALTY_NOUNS:
        return CASUALTY_NOUNS[fig.head]
    lower = fig.view.lower
    for t in fig.np_tokens:
        low = lower[t]
        if low in CASUALTY_NOUNS and fig.head in EXCHANGE_NOUNS:
            return CASUALTY_NOUNS[low]
        if (low,) in RIGHT_CUES and RIGHT_CUES[(low,)] not in ("fled",):
            return RIGHT_CUES[(low,)]
        if low == "fallen":
            return "killed"
    if fig.head in EXCHANGE_NOUNS:
        return "captured"
    return None


def _right_cue(view: TokenView, i: int, hi: int, *, fig: _Figure | None = None) -> tuple[str, int, bool] | None:
    """Category of the verb/adjective after the noun phrase (across an apposition and a
    coordinated noun): (category, end, whether a coordinated noun was skipped), or
    ``None`` if absent, negated or hypothetical."""
    j = _skip_post_modifier(view, i, hi)
    j = _skip_apposition(view, j, hi, fig)
    before = j
    j = _skip_coordinated_noun(view, j, hi)
    coordinated = j != before
    relative = _relative_clause(view, j, hi)
    if relative is not None:
        if relative[0] == "fled":  # 'Ukrainians who fled the war'
            return _flee_category(view, relative[1], hi), relative[1], coordinated
        if relative[0] is not None:
            return relative[0], relative[1], coordinated
        j = relative[1]
    negated, modal = False, False
    steps = 0
    while j < hi and steps < 8:
        hit = match_at(view, j, hi, RIGHT_CUES) or _among_victims(view, j, hi)
        if hit is not None:
            cat, end = hit
            if cat == "fled":
                cat = _flee_category(view, end, hi)
            if negated or (modal and cat in HARM_CATEGORIES) or _returned_home(view, cat, end, hi) \
                    or _sheltered(view, cat, end, hi):
                return None
            return cat, end, coordinated
        low = view.lower_at(j)
        if low in NEGATORS:
            negated = True
        elif low in MODALS:
            modal = True
        elif low not in AUX_SKIP:
            return None
        j += 1
        steps += 1
    return None


POST_MODIFIER_WORDS = 4
"""Words of an 'of'/'from' phrase after the counted noun ('residents of the village')."""


def _skip_post_modifier(view: TokenView, i: int, hi: int) -> int:
    """Index after 'of Lyptsi' / 'from the power plant' following the counted noun,
    when the phrase is a short noun phrase; else ``i``."""
    if view.lower_at(i) not in ("of", "from"):
        return i
    k = i + 1
    if view.lower_at(k) in ("the", "a", "an", "one"):
        k += 1
    start = k
    while k < hi and k - start < POST_MODIFIER_WORDS and view.is_alpha[k] and not _ends_post_modifier(view, k, hi):
        k += 1
    return k if k > start else i


def _ends_post_modifier(view: TokenView, k: int, hi: int) -> bool:
    """A function word, auxiliary or casualty cue: not part of 'of the power plant'."""
    low = view.lower_at(k)
    return low in FUNCTION_WORDS or low in AUX_SKIP or low in PARTITIVE_PRONOUNS \
        or match_at(view, k, hi, RIGHT_CUES) is not None


RELATIVE_CLAUSE_WORDS = 10
"""Words a relative clause after the counted noun may span before the main verb."""


def _relative_clause(view: TokenView, i: int, hi: int) -> tuple[str | None, int] | None:
    """A relative clause after the counted noun: (category, end) when its own verb is
    the cue ('who had been held captive', 'who died'); (None, index of the main verb)
    when the cue follows it ('who refused to leave remain missing'); ``None`` if there
    is no relative clause or no main verb after it."""
    low = view.lower_at
    if low(i) not in RELATIVE_PRONOUNS:
        return None
    k, passive = i + 1, False
    while k < hi and low(k) in AUX_SKIP:
        passive = passive or low(k) in PASSIVE_AUX
        k += 1
    hit = match_at(view, k, hi, RIGHT_CUES)
    if hit is not None and (passive or view.lower_at(k) in INTRANSITIVE_CUES):
        return hit
    for k in range(i + 2, min(hi, i + 1 + RELATIVE_CLAUSE_WORDS)):
        if low(k) in CLAUSE_STOPS or low(k) == ",":
            return None
        previous = low(k - 1)
        if previous in AUX_SKIP or previous in RELATIVE_PRONOUNS:
            continue
        if low(k) in MAIN_VERBS_AFTER_RELATIVE or match_at(view, k, hi, RIGHT_CUES) is not None:
            return None, k
    return None


def _among_victims(view: TokenView, j: int, hi: int) -> tuple[str, int] | None:
    """'(were) among the dead' / 'among those injured': (category, end)."""
    if view.lower_at(j) != "among" or view.lower_at(j + 1) not in ("the", "those") or j + 2 >= hi:
        return None
    category = VICTIM_GROUPS.get(view.lower_at(j + 2))
    return (category, j + 3) if category else None


def _returned_home(view: TokenView, category: str, end: int, hi: int) -> bool:
    """'returned to their homes': people coming back after displacement, not freed captives."""
    if category != "captured" or view.lower_at(end - 1) != "returned" or view.lower_at(end) != "to":
        return False
    return any(view.lower_at(k) in RETURN_DESTINATIONS for k in range(end + 1, min(hi, end + 3)))


def _sheltered(view: TokenView, category: str, end: int, hi: int) -> bool:
    """'evacuated from the building to a shelter': people taken to safety for the moment,
    not displaced from their homes."""
    if category != "displaced":
        return False
    return any(view.lower_at(k) in SHELTER_WORDS for k in range(end, min(hi, end + SHELTER_WINDOW)))


def _skip_apposition(view: TokenView, i: int, hi: int, fig: _Figure | None) -> int:
    """Index after ', one of them a child,' / ', including 14 children,' (kept for side)."""
    low = view.lower_at
    if low(i) != ",":
        return i
    k = i + 1
    while k < hi and k - i <= 14 and low(k) not in (",", ";", ".", ":"):
        k += 1
    first = low(i + 1)
    starts = first in APPOSITION_STARTS or (i + 1 < hi and view.like_num[i + 1])
    if not starts or k - i > 14:
        return i
    if fig is not None:
        fig.side_tokens += list(range(i + 1, k))
    if k < hi and low(k) == ",":
        return k + 1
    return k


def _skip_coordinated_noun(view: TokenView, i: int, hi: int) -> int:
    """'2,870 Ukrainian troops and "nationalists" had been killed': skip 'and …'."""
    if view.lower_at(i) not in ("and", "or"):
        return i
    k = i + 1
    while k < hi and k - i <= 6:
        low = view.lower_at(k)
        if low in AUX_SKIP or (low,) in RIGHT_CUES:
            return k if k > i + 1 else i
        if not (view.is_alpha[k] or view.like_num[k] or view.text[k] in ('"', "“", "”", "'", "-")):
            return i
        k += 1
    return i


def _flee_category(view: TokenView, i: int, hi: int) -> str:
    """'fled their homes' / 'fled the city' → displaced; 'fled Ukraine', 'fled abroad' → refugees."""
    words = [view.lower_at(k) for k in range(i, min(hi, i + 3))]
    if any(w in DISPLACED_AFTER_FLEE for w in words[:3]):
        return "displaced"
    return "refugees"


def _left_cue(view: TokenView, q_start: int, lo: int) -> tuple[str, int] | None:
    """Cue right before the figure: 'killing at least 34', 'the deaths of', 'DYING, thousands'."""
    end = q_start
    while end - 1 >= lo and view.text[end - 1] in SKIPPABLE_PUNCT:
        end -= 1
    hit = match_ending(view, end, lo, LEFT_CUES)
    if hit is None:
        return None
    cat, start = hit
    before = view.lower_at(start - 1)
    if cat in HARM_CATEGORIES and (before in MODALS or before == "to"):
        return None
    if before in NEGATORS or (before in ("did", "does", "do") and view.lower_at(start - 2) in NEGATORS):
        return None
    return cat, start


def _measure_window(view: TokenView, q_start: int, lo: int, *, person: bool) -> tuple[str, list[int]] | None:
    """'the death toll … has risen to 12', 'put X deaths at N', 'Among the freed Ukrainians
    were seven': (category of the cue nearest the figure, the clause's tokens before it)."""
    low = view.lower_at
    linker = low(q_start - 1)
    if linker not in MEASURE_LINKERS:
        return None
    copula = linker in COPULAS and person
    stops = _COPULA_CLAUSE_BREAKS if copula else _CLAUSE_BREAKS
    k = q_start - 1
    while k - 1 >= lo and q_start - k < MEASURE_WINDOW and low(k - 1) not in stops:
        k -= 1
    window = list(range(k, q_start - 1))
    if not copula and not any(low(t) in _MEASURE_NOUNS for t in window):
        return None
    found, t = None, k
    while t < q_start - 1:
        hit = match_at(view, t, q_start - 1, WINDOW_CUES)
        if hit is not None:
            found, t = hit
        else:
            t += 1
    if found is None:
        return None
    return found, window


# ----------------------------------------------------------------------------- population

def _population_of_noun(fig: _Figure) -> str | None:
    """'civilians' → civilian, 'Russian soldiers' → military, 'civilian deaths' → civilian."""
    head = fig.head
    if head is None:
        return None
    if head in CIVILIAN_NOUNS:
        return "civilian"
    if head in MILITARY_NOUNS:
        return "military"
    found = _population_in(fig.view, fig.np_tokens)
    if found is None and (head in UNSPECIFIED_NOUNS or head in ("prisoners", "prisoner", "refugees")):
        return "unspecified"
    return found


def _population_in(view: TokenView, tokens: list[int]) -> str | None:
    for t in tokens:
        low = view.lower[t]
        if low in POPULATION_ADJECTIVES:
            return POPULATION_ADJECTIVES[low]
        if low in MILITARY_NOUNS:
            return "military"
        if low in CIVILIAN_NOUNS:
            return "civilian"
    return None


def _share_coordinated(figures: list[_Figure]) -> None:
    """'498 Russian soldiers … killed and 1,597 wounded': the bare second figure takes the
    first one's noun (population and side words)."""
    last: _Figure | None = None
    for fig in figures:
        if fig.partitive_of is not None:
            continue
        close = last is not None and fig.q_start - last.np_end <= COORDINATION_GAP
        own_side = any(fig.view.ent_type[t] in ("NORP", "GPE") for t in fig.np_tokens)
        if close and last is not None and not fig.population and not own_side:
            fig.population = last.population
            if fig.bare:
                fig.side_tokens = fig.side_tokens + last.side_tokens
                fig.possessive = fig.possessive or last.possessive
        last = fig


# ----------------------------------------------------------------------------- partitives

def _resolve_partitives(found: list[_Figure], earlier: list[_Figure]) -> None:
    """Give partitive figures their head's category and claimant; drop orphans."""
    by_start = {fig.mention.start: fig for fig in found}
    for fig in found:
        if fig.partitive_of is None:
            continue
        if fig.partitive_of == "sentence":
            source = by_start.get(fig.previous_start) if fig.previous_start is not None else None
        else:
            source = _previous_head(earlier)
        if source is None or source.partitive_of is not None or not source.category:
            fig.category = None
            continue
        if fig.category == PENDING:
            fig.category = source.category
        fig.population = _population_of_noun(fig) or source.population
        fig.claimant = fig.claimant or source.claimant
        fig.head_figure = source


def _previous_head(earlier: list[_Figure]) -> _Figure | None:
    for fig in reversed(earlier):
        if fig.partitive_of is None:
            return fig
    return None


def _inherit_partitive_sides(found: list[_Figure]) -> None:
    """A sub-figure has its head's side unless its own noun names one."""
    for fig in found:
        source = fig.head_figure
        if fig.partitive_of is not None and source is not None:
            own = _side_from_tokens(fig, fig.np_tokens, default_gazetteer())
            fig.side = own if own not in (None, "mixed") else source.side


# ----------------------------------------------------------------------------- side

def _side(fig: _Figure, sent: Span, previous: Span | None, gaz: Gazetteer) -> str:
    """Whose people: the counted noun's own words first, then who lost or inflicted them,
    then the place, the claimant, the preceding sentence and the category's default."""
    if fig.reciprocal:
        return "unspecified"
    skip = _claimant_tokens(fig, sent)
    own = _side_from_tokens(fig, [t for t in fig.side_tokens if t not in skip], gaz)  # not the claimant's 'Ukraine's'
    if own == "mixed":
        return "unspecified"
    if own:
        return own
    if fig.possessive:
        owner = _possessor_party(fig, sent, gaz)
        if owner in SIDE_NAMES:
            return SIDE_NAMES[owner]
    view = fig.view
    loser = _loser_side(fig, sent, gaz, skip)
    if loser:
        return loser
    if fig.category in HARM_CATEGORIES or fig.category == "captured":
        attacker = _attacker_side(view, sent, fig, gaz, skip)
        if attacker:
            return attacker
    place = _place_side(view, sent, fig, gaz, skip)
    if place:
        return place
    if fig.claimant is not None and fig.claimant.side in SIDE_NAMES and fig.population != "military":
        return SIDE_NAMES[fig.claimant.side]
    if previous is not None and _same_paragraph(view, previous, sent):
        context = _attacker_side(view, previous, None, gaz, set()) if fig.category in HARM_CATEGORIES else None
        context = context or _place_side(view, previous, None, gaz, set())
        if context:
            return context
    if fig.category == "refugees" or fig.population == "civilian":
        return "ukrainian"
    return "unspecified"


def _possessor_party(fig: _Figure, sent: Span, gaz: Gazetteer) -> str | None:
    """Whose 'its'/'their' troops: the party named just before the figure ('Russia got back
    82 of its troops'), else the claimant ('the ministry said 498 of its servicemen')."""
    view = fig.view
    claimant_span = _claimant_tokens(fig, sent)
    for t in range(fig.q_start - 1, max(sent.start, fig.q_start - 6) - 1, -1):
        if view.lower_at(t) in _CLAUSE_BREAKS:
            break
        if t in claimant_span:
            break
        if view.ent_type[t] in ("GPE", "NORP", "ORG", "PERSON"):
            code = _token_party(view, t, None, gaz)
            if code:
                return code
    return fig.claimant.side if fig.claimant is not None else None


def _party_side(code: str | None) -> str | None:
    if code is None:
        return None
    return SIDE_NAMES.get(code, "other")


def _token_party(view: TokenView, t: int, claimant: Actor | None, gaz: Gazetteer) -> str | None:
    """Party code token ``t`` names: demonym, country/city, person, or 'its'/'their' (claimant)."""
    ent, text = view.ent_type[t], view.text[t]
    if ent == "NORP":
        return gaz.party_of_demonym(view.ent_id[t] or text)
    if ent in ("GPE", "PERSON", "ORG"):
        entry = gaz.lookup(view.ent_id[t]) or gaz.lookup(text)
        return entry.side if entry is not None else None
    if view.lower[t] in POSSESSIVES and claimant is not None:
        return claimant.side
    return gaz.party_of_demonym(text) if text[:1].isupper() else None


def _side_from_tokens(fig: _Figure, tokens: list[int], gaz: Gazetteer) -> str | None:
    """'russian' / 'ukrainian' / 'other' from demonyms among ``tokens``; 'mixed' if several."""
    view = fig.view
    codes = set()
    for t in tokens:
        ent, text = view.ent_type[t], view.text[t]
        if ent in ("ORG", "PERSON"):
            continue
        if ent == "NORP" or (text[:1].isupper() and gaz.party_of_demonym(text)):
            code = gaz.party_of_demonym(view.ent_id[t] or text)
            if code:
                codes.add(code)
        elif ent == "GPE" and view.lower_at(t + 1) == "'s":
            entry = gaz.lookup(view.ent_id[t]) or gaz.lookup(text)
            if entry is not None and entry.side:
                codes.add(entry.side)  # "Russia's losses"
    if not codes:
        return None
    sides = {_party_side(c) for c in codes}
    return sides.pop() if len(sides) == 1 else "mixed"


def _claimant_tokens(fig: _Figure, sent: Span) -> set[int]:
    if fig.claimant is None:
        return set()
    idx, start, end = fig.view.idx, fig.claimant.start, fig.claimant.end
    return {t for t in range(sent.start, sent.end) if start <= idx[t] < end}


def _loser_side(fig: _Figure, sent: Span, gaz: Gazetteer, skip: set[int]) -> str | None:
    """'Russian forces had lost about 1,500 soldiers', '… had suffered 1.05 million casualties'."""
    view = fig.view
    low = view.lower_at
    for v in range(fig.q_start - 1, max(sent.start, fig.q_start - 8) - 1, -1):
        if low(v) not in LOSS_VERBS:
            continue
        for s in range(v - 1, max(sent.start, v - 6) - 1, -1):
            if s in skip:
                continue
            code = _token_party(view, s, fig.claimant, gaz)
            if code in SIDE_NAMES:
                if fig.population is None and any(low(k) in _MILITARY_WORDS for k in range(s, v)):
                    fig.population = "military"
                return SIDE_NAMES[code]
        return None
    return None


def _attacker_side(view: TokenView, sent: Span, fig: _Figure | None, gaz: Gazetteer, skip: set[int]) -> str | None:
    """Victims of 'Russian strikes', 'its missiles', 'Russia shelled …' are the other side."""
    claimant = fig.claimant if fig is not None else None
    codes = set()
    for t in range(sent.start, sent.end):
        if t in skip or (fig is not None and fig.mention.start <= t < fig.np_end):
            continue
        code = _token_party(view, t, claimant, gaz)
        if code not in SIDE_NAMES:
            continue
        window = [view.lower_at(k) for k in range(t + 1, min(sent.end, t + 6))]
        if view.ent_type[t] == "GPE":
            # a place attacks only as a subject ('Russia shelled') or owner ("Russia's missiles");
            # 'the Zaporizhzhia attack' names where it happened
            if any(w in ATTACK_VERBS for w in window[:2]) or (
                    window[:1] == ["'s"] and _attack_noun_follows(view, t + 2, sent.end)):
                codes.add(code)
        elif _attack_noun_follows(view, t + 1, sent.end) and not _loss_follows(window):
            codes.add(code)
    if len(codes) != 1:
        return None
    code = codes.pop()
    return SIDE_NAMES["UA" if code == "RU" else "RU"]


def _attack_noun_follows(view: TokenView, i: int, hi: int) -> bool:
    """'Russian missile', "its two Iskander-M missiles", 'Russian aerial attacks',
    'Russian troops fired on' (an armed group counts only when it attacks)."""
    low = view.lower_at
    for k in range(i, min(hi, i + 5)):
        word = low(k)
        if word in ATTACK_NOUNS:
            return True
        if word in ARMED_GROUPS:
            return any(low(j) in ATTACK_ACTIONS and low(j - 1) not in PASSIVE_AUX
                       for j in range(k + 1, min(hi, k + 7)))
        text = view.text[k]
        if not (word in ATTACK_MODIFIERS or view.like_num[k] or text in ("-", "–") or text[:1].isupper()):
            return False
    return False


def _loss_follows(window: list[str]) -> bool:
    return any(w in LOSS_VERBS for w in window)


def _place_side(view: TokenView, sent: Span, fig: _Figure | None, gaz: Gazetteer, skip: set[int]) -> str | None:
    """Side of the Russian or Ukrainian place nearest the figure ('in the Moscow region',
    'the Ukrainian city of Sumy', 'fled Ukraine')."""
    anchor = fig.mention.start if fig is not None else sent.end
    best: tuple[int, str] | None = None
    for t in range(sent.start, sent.end):
        if t in skip:
            continue
        code = _place_code(view, t, gaz)
        if code not in SIDE_NAMES:
            continue
        distance = abs(anchor - t)
        if best is None or distance < best[0]:
            best = (distance, SIDE_NAMES[code])
    return best[1] if best else None


def _place_code(view: TokenView, t: int, gaz: Gazetteer) -> str | None:
    ent = view.ent_type[t]
    if ent == "GPE":
        if view.ent_starts[bisect_left(view.ent_starts, t):][:1] != [t]:
            return None
        entry = gaz.lookup(view.ent_id[t]) or gaz.lookup(view.text[t])
        if entry is None or entry.kind != "place":
            return None
        if entry.place_kind == "country" and view.lower_at(t - 1) not in PLACE_PREPOSITIONS:
            if not (view.lower_at(t - 1) == "the" and view.lower_at(t - 2) in PLACE_PREPOSITIONS):
                return None
        return entry.side
    if ent == "NORP" and view.lower_at(t + 1) in PLACE_NOUNS:
        return gaz.party_of_demonym(view.ent_id[t] or view.text[t])
    return None


def _same_paragraph(view: TokenView, previous: Span, sent: Span) -> bool:
    text, ws = view.text, view.whitespace
    return not any("\n" in text[k] or "\n" in ws[k] for k in range(previous.end - 1, sent.start))

# ----------------------------------------------------------------------------- rows

def _row(fig: _Figure, doc_id: str, text: str) -> dict:
    m, sent = fig.mention, fig.sent
    raw = text[sent.start_char:sent.end_char]
    sentence = raw.strip()
    s_start = sent.start_char + (len(raw) - len(raw.lstrip()))
    s_end = s_start + len(sentence)
    return {
        "doc_id": doc_id, "value": m.value, "value_high": m.value_high, "vague": m.vague,
        "category": fig.category, "side": fig.side, "population": fig.population or "unspecified",
        "qualifier": fig.qualifier, "claimed_by": fig.claimant.name if fig.claimant else None,
        "sentence": sentence, "start": m.start_char, "end": m.end_char,
        "figure": m.text, "sentence_start": s_start, "sentence_end": s_end,
    }


def _merge_repeats(rows: list[dict]) -> list[dict]:
    """One row per repeated figure (same value, range, category, vagueness and no
    conflicting sides): the attributed mention, completed from the others."""
    groups: list[list[dict]] = []
    for row in rows:
        for group in groups:
            first = group[0]
            same = all(first[k] == row[k] for k in ("value", "value_high", "category", "vague"))
            sides = {first["side"], row["side"]} - {"unspecified"}
            if same and len(sides) <= 1:
                group.append(row)
                break
        else:
            groups.append([row])
    merged = [_merge_group(group) for group in groups]
    return sorted(merged, key=lambda r: (r["start"], r["end"]))


def _merge_group(group: list[dict]) -> dict:
    base = next((r for r in group if r["claimed_by"]), group[0])
    row = dict(base)
    for other in group:
        if row["qualifier"] == "exact" and other["qualifier"] != "exact":
            row["qualifier"] = other["qualifier"]
        for key in ("side", "population"):
            if row[key] == "unspecified" and other[key] != "unspecified":
                row[key] = other[key]
    return row

