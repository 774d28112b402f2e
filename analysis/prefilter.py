"""Regex prefilter: skip the patterns that cannot match a text, by literals they require.

Most lexicon patterns cannot match most clauses, and a pattern that starts with a
look-behind is tried at every position. A pattern's *required literals* (strings one of
which every match contains, read from its parsed form by :func:`required_literals`) are
looked for first, all at once: :class:`Prefilter` reads the literals a text holds as a
bit mask and keeps only the patterns whose requirements that mask meets.
:func:`fold_case` is the text as case-insensitive matching sees it, one character for one.
A :class:`LazyPattern` is compiled only when first used: behind a prefilter, the first
time a text holds its literals.
"""
from __future__ import annotations

import itertools
import math
import re
from re import _casefix, _constants as _sre_constants, _parser as _sre_parser
from typing import Iterable, Iterator

import _sre

class _FoldTable(dict):
    """``str.translate`` table: a character as case-insensitive matching sees it (its
    simple lower case, 'ı' → 'i', 'ſ' → 's')."""

    def __missing__(self, code: int) -> int:
        lower = _sre.unicode_tolower(code)
        folded = min((lower, *_casefix._EXTRA_CASES.get(lower, ())))
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, _sre_constants.POSSESSIVE_REPEAT}


def fold_case(text: str) -> str:
    """``text`` as case-insensitive matching sees it (one character for one)."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def required_literals(rx: re.Pattern | LazyPattern) -> tuple[tuple[str, ...], ...]:
    """Alternatives of lower-cased ASCII strings without whitespace that every match of
    ``rx`` contains: one string of each alternative (most selective first; empty when
    none are known)."""
    if isinstance(rx, LazyPattern):
        return rx.literals
    try:
        parsed = _sre_parser.parse(rx.pattern, rx.flags)
    except (re.error, TypeError, ValueError, IndexError):
        return ()
    return _literals_of(parsed)


def _literals_of(parsed: _sre_parser.SubPattern) -> tuple[tuple[str, ...], ...]:
    """:func:`required_literals` of a parsed pattern."""
    try:
        needs = _needs(parsed.data)
    except (TypeError, ValueError, IndexError):
        needs = []
    needs = [need for need in set(needs) if not any(other < need for other in needs)]  # others imply it
    needs = sorted(needs, key=_selectivity, reverse=True)[:MAX_REQUIREMENTS]
    needs = needs[:1] + [need for need in needs[1:] if min(map(len, need)) >= 3]  # 'of', 'e': no help
    return tuple(tuple(sorted(w for w in need if not any(other != w and other in w for other in need)))
                 for need in needs)


MAX_REQUIREMENTS = 6
"""Alternatives of required literals checked per pattern."""
MAX_BRANCH_COMBINATIONS = 16


def _selectivity(need: frozenset[str]) -> tuple[int, int]:
    return min(map(len, need)), -len(need)


def _branch_needs(alternatives: list[list[frozenset[str]]]) -> list[frozenset[str]]:
    """Requirements of a choice between alternatives: a literal of each alternative's
    requirement, for every combination of their best two (or of their best one)."""
    best = [sorted(needs, key=_selectivity, reverse=True)[:2] for needs in alternatives]
    if math.prod(len(b) for b in best) > MAX_BRANCH_COMBINATIONS:
        best = [b[:1] for b in best]
    return [frozenset().union(*combination) for combination in itertools.product(*best)]


def _needs(items: list) -> list[frozenset[str]]:
    """Required literals of a parsed pattern sequence: its literal runs, and those of its
    groups, alternatives (the best of each) and repeated items."""
    needs: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre_constants.LITERAL and av < 128 and not chr(av).isspace():
            run.append(chr(av).lower())
            continue
        if run:
            needs.append(frozenset(["".join(run)]))
            run = []
        if op is _sre_constants.SUBPATTERN:
            needs += _needs(av[-1])
        elif op is _sre_constants.ATOMIC_GROUP:
            needs += _needs(av)
        elif op is _sre_constants.BRANCH:
            alternatives = [_needs(branch) for branch in av[1]]
            if all(alternatives):
                needs += _branch_needs(alternatives)
        elif op in _REPEATS and av[0] >= 1:
            needs += _needs(av[2])
    if run:
        needs.append(frozenset(["".join(run)]))
    return needs


class LazyPattern:
    """A regex whose source is parsed at once (a syntax error raises :class:`re.error`
    now, and its :func:`required_literals` are known) but compiled only when first used:
    a lexicon's patterns cost little to load, most are never needed in a process. Has
    the :class:`re.Pattern` methods the lexicons use; equal when source and flags are."""

    __slots__ = ("pattern", "flags", "literals", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags
        self.literals = _literals_of(_sre_parser.parse(pattern, flags))
        self._compiled: re.Pattern | None = None

    def compile(self) -> re.Pattern:
        """The compiled regex (compiled on the first call)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: str) -> re.Match | None:
        return self.compile().search(string)

    def finditer(self, string: str) -> Iterator[re.Match]:
        return self.compile().finditer(string)

    def findall(self, string: str) -> list:
        return self.compile().findall(string)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyPattern):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


class Prefilter:
    """Which patterns of some named groups may match a text: a pattern is skipped when
    the text lacks one of its :func:`required_literals` alternatives. :meth:`scan`
    reads the literals a text holds (each whitespace-separated chunk once per process,
    with a regex finding the longest literal at each position) as a bit mask;
    :meth:`candidates` keeps the items whose requirements it meets. Blanking parts of a
    text with spaces never lets a skipped pattern match."""

    MAX_MEMO = 200_000

    def __init__(self, groups: dict[str, Iterable[tuple[object, re.Pattern | LazyPattern]]]):
        needs = {name: [(item, required_literals(rx)) for item, rx in entries] for name, entries in groups.items()}
        words = sorted({w for entries in needs.values() for _, alternatives in entries
                        for need in alternatives for w in need})
        bits = {w: 1 << k for k, w in enumerate(words)}
        self._masks = {w: _or(bits[w[:k]] for k in range(1, len(w) + 1) if w[:k] in bits) for w in words}
        self._groups = {name: tuple((item, tuple(_or(bits[w] for w in need) for need in alternatives))
                                    for item, alternatives in entries)
                        for name, entries in needs.items()}
        self._rx = re.compile(f"(?=({_trie_pattern(words)}))") if words else None
        self._memo: dict[str, int] = {}

    def scan(self, text: str) -> int:
        """The literals ``text`` holds, as a mask for :meth:`candidates`."""
        found = 0
        memo = self._memo
        for chunk in text.split():
            mask = memo.get(chunk)
            if mask is None:
                mask = self._scan_chunk(chunk)
            found |= mask
        return found

    def _scan_chunk(self, chunk: str) -> int:
        mask = 0
        if self._rx is not None:
            for word in set(self._rx.findall(fold_case(chunk))):
                mask |= self._masks[word]  # with the literals that are its prefixes
        if len(self._memo) >= self.MAX_MEMO:
            self._memo.clear()
        self._memo[chunk] = mask
        return mask

    def candidates(self, group: str, literals: int) -> list:
        """The items of ``group``, in order, that may match a text holding ``literals`` (:meth:`scan`)."""
        out = []
        for item, needs in self._groups[group]:
            for need in needs:
                if not need & literals:
                    break  # no literal of this alternative: no match
            else:
                out.append(item)
        return out

    def finditer(self, group: str, text: str, literals: int) -> Iterator[re.Match]:
        """Matches in ``text`` of each candidate pattern of ``group`` in turn (a group of patterns)."""
        for rx in self.candidates(group, literals):
            yield from rx.finditer(text)


def _or(masks: Iterable[int]) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


def _trie_pattern(words: list[str]) -> str:
    """A regex matching the longest of ``words`` at a position (children before stops)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alternatives = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if "" in node and alternatives:
            return f"(?:{'|'.join(alternatives)}|)"
        if len(alternatives) > 1:
            return f"(?:{'|'.join(alternatives)})"
        return alternatives[0] if alternatives else ""

    return branch(trie)
