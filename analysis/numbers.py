"""Numbers in news text: parse "1,597", "4.5 million", "Eleven", "a dozen", "two hundred",
ranges ("10 to 15", "10-15", "between 10 and 15"), unnumbered plurals ("dozens",
"tens of thousands" → vague, valued at their unit) and reciprocal counts
("a 1,000-for-1,000 swap"); and tell counts of things from measures that are not
counts at all (dates, years, times, ages, distances, durations, money, percentages,
model names such as "S-300" or "Russia 24").

spaCy's ``like_num`` is not enough ("dozen", "tens" are not numbers to it, "49th" is),
so the lexicon is our own.

Public API: :func:`parse_number`, :func:`find_numbers` (→ :class:`NumberMention`),
:func:`non_count_reason`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .tokens import TokenView, token_view

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "mln": 1_000_000, "bn": 1_000_000_000}
VAGUE_PLURALS = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
                 "millions": 1_000_000, "billions": 1_000_000_000}
"""Unnumbered plurals: the value recorded is the unit."""
VAGUE_DETERMINERS = {"several", "few", "many"}
"""'several hundred', 'a few thousand': vague, valued at the unit."""
ARTICLES = {"a", "an"}
NOT_ONE_BEFORE = {"no", "every", "any", "each", "this", "that", "the", "which", "someone", "anyone"}
"""'no one', 'the one who': the pronoun, not the number."""
RANGE_JOINERS = {"to", "-", "–", "—"}
_STARTERS = set(UNITS) | set(TENS) | set(VAGUE_PLURALS) | VAGUE_DETERMINERS | ARTICLES | {"tens", "half"}
"""Words a number phrase can start with (besides digits): a cheap test before parsing."""
_STARTS_KEY = "analysis.numbers.starts"

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGITS_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|mln)$", re.IGNORECASE)
_FOR_NUMBER = re.compile(r"^for-(\d{1,3}(?:,\d{3})+|\d+)$", re.IGNORECASE)
_SUFFIX_SCALE = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "mln": 1_000_000}
_WORD_SPLIT = re.compile(r"[\s-]+")
_YEAR = re.compile(r"(19|20)\d\d")
_CLOCK = re.compile(r"([01]\d|2[0-3])[0-5]\d")
_YEARS_OLD = re.compile(r"-?years?-olds?")
_HYPHEN_WORD = re.compile(r"-\w+")
_NUMBER_WITH_UNIT = re.compile(r"\d+(\.\d+)?(km|m|kg|mm|cm|ft|mi|%)")

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
    "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
}
TIME_WORDS = {"am", "pm", "a.m.", "p.m.", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "et",
              "msk", "eet", "eest", "hrs", "hours", "h", "local", "o'clock"}
UNIT_WORDS = {
    # distance, area, weight, angle
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre",
    "metres", "meter", "meters", "m", "cm", "mm", "ft", "feet", "foot", "yards", "hectares",
    "acres", "sq", "square", "kg", "kilograms", "tonnes", "tons", "tonne", "ton", "lb", "lbs",
    "degrees", "degree", "°", "mph", "km/h", "kph", "knots", "litres", "liters", "barrels",
    # duration
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries", "nights",
    "night", "mins", "hrs",
    # ratios, money
    "%", "percent", "per", "pct", "percentage", "points", "times", "fold",
    "dollars", "dollar", "euros", "euro", "pounds", "roubles", "rubles", "hryvnias", "hryvnia",
    "yuan", "usd", "eur", "gbp",
}
CURRENCY_SIGNS = {"$", "€", "£", "¥", "₴", "₽", "us$", "usd", "eur", "gbp"}
AGE_WORDS_BEFORE = {"aged", "age", "ages", "ageing"}
YEAR_CONTEXT_BEFORE = {"in", "since", "of", "from", "until", "till", "by", "early", "late", "mid",
                       "year", "spring", "summer", "autumn", "fall", "winter", "before", "after",
                       "during", "through", "between", "and", "to"} | MONTHS
NAME_PREFIXES = {"su", "mig", "tu", "mi", "ka", "il", "an", "s", "g", "mh", "covid", "channel",
                 "flight", "article", "section", "resolution", "no", "no.", "number", "apollo",
                 "soyuz", "route", "highway", "gate", "phase", "stage", "chapter", "level",
                 "room", "unit", "brigade", "battalion", "regiment", "division"}
"""Words a number names something after ('Su-24', 'Article 5', 'Brigade 47')."""


@dataclass(frozen=True)
class NumberMention:
    """A number in the text: token span ``[start, end)`` of the doc, character offsets,
    its value (the lower bound of a range, the unit of a vague plural), ``value_high``
    for a range, ``vague`` for unnumbered plurals, ``reciprocal`` for "N-for-N"."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    value: int
    value_high: int | None = None
    vague: bool = False
    reciprocal: bool = False


def parse_number(text: str) -> int | None:
    """The integer a number phrase states ("1,597", "4.5 million", "a dozen", "Eleven",
    "twenty-five", "two hundred and fifty", "thousands" → 1000); ``None`` if it is not one."""
    words = [w for w in _WORD_SPLIT.split(text.strip().lower()) if w]
    if not words:
        return None
    parsed = _parse_words(words, 0)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


def find_numbers(span: Span | Doc) -> list[NumberMention]:
    """Every number mention in ``span``, left to right, not overlapping."""
    view = token_view(span)
    lo, hi = (0, len(span)) if isinstance(span, Doc) else (span.start, span.end)
    starts = _possible_starts(span.doc, view)
    out: list[NumberMention] = []
    i = lo
    for k in range(bisect_left(starts, lo), bisect_left(starts, hi)):
        start = starts[k]
        if start < i:
            continue  # inside the previous mention
        mention = _mention_at(view, start, hi)
        if mention is not None:
            out.append(mention)
            i = mention.end
    return out


def _possible_starts(doc: Doc, view: TokenView) -> list[int]:
    """Tokens of the document a number can start at (digits or a word of :data:`_STARTERS`),
    computed once per document."""
    cached = doc.user_data.get(_STARTS_KEY)
    if cached is None or cached[0] is not view:
        starts = [i for i, word in enumerate(view.lower) if word in _STARTERS or word[:1].isdigit()]
        cached = (view, starts)
        doc.user_data[_STARTS_KEY] = cached
    return cached[1]


def non_count_reason(doc: Doc, mention: NumberMention) -> str | None:
    """Why ``mention`` is not a count of things ("date", "year", "time", "age", "unit",
    "money", "compound", "name"), or ``None`` when it may be one."""
    view = token_view(doc)
    for check in _CHECKS:
        reason = check(view, mention)
        if reason:
            return reason
    return _name_reason(doc, view, mention)


# --------------------------------------------------------------------------- parsing

def _word_value(word: str) -> tuple[str, float] | None:
    """('num', value) for a digit string or number word, ('scale', n) for a scale word."""
    if word in UNITS:
        return "num", UNITS[word]
    if word in TENS:
        return "num", TENS[word]
    if word in SCALES:
        return "scale", SCALES[word]
    if _DIGITS.match(word):
        return "digits", float(word.replace(",", ""))
    m = _DIGITS_SUFFIXED.match(word)
    if m and ("." in m.group(1) or m.group(2).lower() != "m"):
        return "digits", float(m.group(1)) * _SUFFIX_SCALE[m.group(2).lower()]
    return None


def _parse_words(words: list[str], i: int) -> tuple[int, int, bool] | None:
    """Parse a number starting at ``words[i]``: (value, next index, vague) or ``None``."""
    n = len(words)
    if i >= n:
        return None
    w = words[i]
    if w == "tens" or w == "hundreds":
        if i + 2 < n and words[i + 1] == "of" and words[i + 2] in ("thousands", "millions"):
            unit = (10 if w == "tens" else 100) * VAGUE_PLURALS[words[i + 2]]
            return unit, i + 3, True
    if w in VAGUE_PLURALS:
        return VAGUE_PLURALS[w], i + 1, True
    if w in VAGUE_DETERMINERS or (w in ARTICLES and i + 1 < n and words[i + 1] == "few"):
        j = i + 1 if w in VAGUE_DETERMINERS else i + 2
        if j < n and words[j] in ("dozen", "hundred", "thousand", "million"):
            return (12 if words[j] == "dozen" else SCALES[words[j]]), j + 1, True
        return None
    if w == "half" and i + 2 < n and words[i + 1] in ARTICLES and words[i + 2] in ("dozen", "million"):
        return (6 if words[i + 2] == "dozen" else 500_000), i + 3, False
    if w in ARTICLES:
        if i + 1 < n and words[i + 1] == "dozen":
            return 12, i + 2, False
        if i + 1 < n and words[i + 1] in ("hundred", "thousand", "million", "billion"):
            return _parse_cardinal(words, i + 1, start_value=1)
        return None
    return _parse_cardinal(words, i, start_value=None)


def _parse_cardinal(words: list[str], i: int, *, start_value: int | None) -> tuple[int, int, bool] | None:
    """Digits or number words with scales: '4.5 million', 'two hundred and fifty', 'twenty-five'."""
    total, current, j = 0.0, float(start_value or 0), i
    seen, digits = start_value is not None, False
    n = len(words)
    while j < n:
        word = words[j]
        kind = _word_value(word)
        if kind is None and digits and word in ("m", "k") and (word == "k" or current != int(current)):
            kind = ("scale", 1_000_000 if word == "m" else 1_000)
        if kind is None:
            if word == "dozen" and seen and current and not digits:
                current *= 12
            elif word == "and" and _and_continues(words, j, current, seen):
                pass
            elif word == "-" and j + 1 < n and words[j + 1] in UNITS and current % 100 >= 20 and current % 10 == 0:
                pass
            else:
                break
        else:
            tag, value = kind
            if tag == "digits":
                if seen:
                    break
                current, digits = value, True
            elif tag == "num":
                if digits or not _word_fits(current, value):
                    break
                current += value
            else:  # scale word
                if not seen or (value == 100 and current >= 100):
                    break
                current = (current or 1) * value
                if value > 100:
                    total, current = total + current, 0.0
        seen = True
        j += 1
    if not seen:
        return None
    value = total + current
    if value != int(value):
        return None
    return int(value), j, False


def _word_fits(current: float, value: int) -> bool:
    """Can number word ``value`` follow ``current`` ('twenty' + 'five' yes, 'two' + 'three' no)?"""
    rest = current % 100
    if value >= 20:
        return rest == 0
    return rest == 0 or (rest >= 20 and rest % 10 == 0 and value < 10)


def _and_continues(words: list[str], j: int, current: float, seen: bool) -> bool:
    """'two hundred and fifty': 'and' inside a number, after hundreds, before a number word."""
    if not seen or not current or current % 100 or j + 1 >= len(words):
        return False
    return words[j + 1] in UNITS or words[j + 1] in TENS


def _mention_at(view: TokenView, i: int, hi: int) -> NumberMention | None:
    """The number mention starting at token ``i`` (range and reciprocal forms included)."""
    lower = view.lower
    word = lower[i]
    if word == "one" and i > 0 and lower[i - 1] in NOT_ONE_BEFORE:
        return None
    if word in ARTICLES and not (i + 1 < hi and lower[i + 1] in ("dozen", "hundred", "thousand", "million", "few")):
        return None
    if word in ("few", "many", "several") and i > 0 and lower[i - 1] in ARTICLES:
        return None
    parsed = _parse_words(lower[i:min(hi, i + 8)], 0)
    if parsed is None:
        return None
    value, used, vague = parsed
    if value <= 0 and not vague:
        return None
    end = i + used
    reciprocal = _reciprocal_end(view, end, hi, value)
    if reciprocal is not None:
        return _make(view, i, reciprocal, value, None, vague=False, reciprocal=True)
    if not vague:
        rng = _range_end(view, i, end, hi, value)
        if rng is not None:
            high_end, high = rng
            return _make(view, i, high_end, value, high, vague=False)
    return _make(view, i, end, value, None, vague=vague)


def _span_text(view: TokenView, start: int, end: int) -> str:
    """``doc[start:end].text`` (no trailing whitespace) from the token columns."""
    if end <= start:
        return ""
    text, ws = view.text, view.whitespace
    return "".join([text[k] + ws[k] for k in range(start, end - 1)]) + text[end - 1]


def _make(view: TokenView, start: int, end: int, value: int, high: int | None, *, vague: bool,
          reciprocal: bool = False) -> NumberMention:
    start_char, end_char = view.idx[start], view.end_char(end - 1)
    return NumberMention(start, end, start_char, end_char, _span_text(view, start, end), value,
                         high, vague, reciprocal)


def _reciprocal_end(view: TokenView, end: int, hi: int, value: int) -> int | None:
    """End token of '1,000-for-1,000' (tokenised '1,000' '-' 'for-1,000' or 'for' '-' '1,000')."""
    text = view.text
    if end + 1 < hi and text[end] == "-" and not view.whitespace[end - 1]:
        m = _FOR_NUMBER.match(text[end + 1])
        if m and int(m.group(1).replace(",", "")) == value:
            return end + 2
        if view.lower[end + 1] == "for" and end + 3 < hi and \
                text[end + 2] == "-" and parse_number(text[end + 3]) == value:
            return end + 4
    return None


def _range_end(view: TokenView, start: int, end: int, hi: int, low: int) -> tuple[int, int] | None:
    """'10 to 15', '10-15', 'between 10 and 15': (end token, high value)."""
    if end >= hi:
        return None
    lower = view.lower
    joiner = lower[end]
    between = start > 0 and lower[start - 1] == "between"
    if start > 0 and lower[start - 1] == "from":
        return None
    if not (joiner in RANGE_JOINERS or (joiner == "and" and between)):
        return None
    if joiner in ("-", "–", "—") and (view.whitespace[end - 1] or view.whitespace[end]):
        return None
    parsed = _parse_words(lower[end + 1:min(hi, end + 9)], 0)
    if parsed is None or parsed[2]:
        return None
    high, used, _ = parsed
    if high <= low:
        return None
    return end + 1 + used, high


# --------------------------------------------------------------------------- exclusions
# Each check reads the token columns; ``before``/``after`` are the token indices around
# the mention (``-1`` / ``len(view)`` when there is none).

def _date_reason(view: TokenView, m: NumberMention) -> str | None:
    lower, text = view.lower, view.text
    before, after = m.start - 1, m.end
    if before >= 0 and lower[before] in MONTHS and text[before][0].isupper() and m.value <= 31:
        return "date"
    if after < len(lower) and lower[after] in MONTHS and text[after][0].isupper() and m.value <= 31:
        return "date"
    if _looks_like_year(view, m):
        return "year"
    return None


def _looks_like_year(view: TokenView, m: NumberMention) -> bool:
    if not _YEAR.fullmatch(m.text):
        return False
    lower = view.lower
    before, after = m.start - 1, m.end
    if before >= 0 and (lower[before] in YEAR_CONTEXT_BEFORE or view.text[before] in (",", "(")):
        return True
    return after >= len(lower) or view.is_punct[after] or view.is_space[after] or lower[after] in ("and", "to")


def _time_reason(view: TokenView, m: NumberMention) -> str | None:
    lower, text, ws = view.lower, view.text, view.whitespace
    after = lower[m.end] if m.end < len(lower) else None
    if after is not None and after in TIME_WORDS and after not in ("hours", "hrs", "h"):
        return "time"
    if _CLOCK.fullmatch(m.text) and after is not None and after in TIME_WORDS:
        return "time"
    before = m.start - 1
    if before >= 0 and text[before] in (":", ".") and m.start >= 2 and view.like_num[m.start - 2] \
            and not ws[m.start - 2] and not ws[before]:
        return "time"
    return None


def _age_reason(view: TokenView, m: NumberMention) -> str | None:
    lower = view.lower
    k = m.start - 1
    if k >= 0 and lower[k] == "between":
        k -= 1
    if k >= 0 and lower[k] in AGE_WORDS_BEFORE:
        return "age"
    words = lower[m.end:min(len(lower), m.end + 4)]
    if words[:3] in (["-", "year", "-"], ["-", "month", "-"], ["-", "week", "-"]) or \
            words[:2] in (["years", "old"], ["year", "old"], ["months", "old"]) or \
            (words[:1] and _YEARS_OLD.fullmatch(words[0] or "")):
        return "age"
    return None


def _compound_reason(view: TokenView, m: NumberMention) -> str | None:
    """'12-member team', '30-day truce', 'S-300', 'Su-24': a modifier or a model name."""
    text, ws, n = view.text, view.whitespace, len(view.text)
    after, before = m.end, m.start - 1
    attached_after = after < n and not ws[m.end - 1]
    if attached_after and text[after] in ("-", "–") and m.end + 1 < n and view.is_alpha[m.end + 1] \
            and not m.reciprocal and view.lower[m.end + 1] not in ("plus", "odd"):
        return "compound"
    if attached_after and _HYPHEN_WORD.fullmatch(text[after]):
        return "compound"
    if before >= 0 and text[before] in ("-", "–") and not ws[before] and \
            m.start >= 2 and not ws[m.start - 2] and view.is_alpha[m.start - 2]:
        return "name"
    if before >= 0 and m.text[:1].isdigit() and not ws[before] and text[before][-1:].isalpha():
        return "name"
    return None


def _unit_reason(view: TokenView, m: NumberMention) -> str | None:
    if m.end >= len(view.lower):
        return None
    word = view.lower[m.end]
    if word == "m" and m.vague:
        return None
    if word in UNIT_WORDS:
        return "unit"
    if _NUMBER_WITH_UNIT.fullmatch(view.lower[m.end - 1]):
        return "unit"
    return None


def _money_reason(view: TokenView, m: NumberMention) -> str | None:
    if m.start > 0 and view.lower[m.start - 1] in CURRENCY_SIGNS:
        return "money"
    return None


def _name_reason(doc: Doc, view: TokenView, m: NumberMention) -> str | None:
    """'Russia 24', 'Article 5': a number that is part of a name."""
    before, after = m.start - 1, m.end
    if before < 0:
        return None
    text, lower = view.text[before], view.lower[before]
    if not text[:1].isalpha() or view.is_title[before] and doc[before].is_sent_start:
        return None
    if lower in NAME_PREFIXES and text[:1].isupper():
        return "name"
    ends_name = after >= len(view.text) or not view.is_lower[after] or view.is_punct[after]
    if view.ent_type[before] in ("GPE", "ORG", "PERSON") and view.whitespace[before] in ("", " ") and ends_name:
        return "name"  # 'Russia 24, RIA Novosti' but not 'in Kyiv 3 people died'
    return None


_CHECKS = (_date_reason, _time_reason, _age_reason, _compound_reason, _unit_reason, _money_reason)
"""Every exclusion but :func:`_name_reason` (which needs the Doc), in order."""
