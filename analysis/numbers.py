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
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

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

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGITS_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|mln)$", re.IGNORECASE)
_FOR_NUMBER = re.compile(r"^for-(\d{1,3}(?:,\d{3})+|\d+)$", re.IGNORECASE)
_SUFFIX_SCALE = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "mln": 1_000_000}

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
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w]
    if not words:
        return None
    parsed = _parse_words(words, 0)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


def find_numbers(span: Span | Doc) -> list[NumberMention]:
    """Every number mention in ``span``, left to right, not overlapping."""
    tokens = span if isinstance(span, Doc) else span.doc
    lo, hi = (0, len(span)) if isinstance(span, Doc) else (span.start, span.end)
    out: list[NumberMention] = []
    i = lo
    while i < hi:
        mention = _mention_at(tokens, i, hi)
        if mention is None:
            i += 1
            continue
        out.append(mention)
        i = mention.end
    return out


def non_count_reason(doc: Doc, mention: NumberMention) -> str | None:
    """Why ``mention`` is not a count of things ("date", "year", "time", "age", "unit",
    "money", "compound", "name"), or ``None`` when it may be one."""
    checks = (_date_reason, _time_reason, _age_reason, _compound_reason, _unit_reason,
              _money_reason, _name_reason)
    for check in checks:
        reason = check(doc, mention)
        if reason:
            return reason
    return None


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


def _token_words(doc: Doc, i: int, hi: int, limit: int = 8) -> list[str]:
    return [doc[k].lower_ for k in range(i, min(hi, i + limit))]


def _mention_at(doc: Doc, i: int, hi: int) -> NumberMention | None:
    """The number mention starting at token ``i`` (range and reciprocal forms included)."""
    tok = doc[i]
    if tok.lower_ == "one" and i > 0 and doc[i - 1].lower_ in NOT_ONE_BEFORE:
        return None
    if tok.lower_ in ARTICLES and not (i + 1 < hi and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "few")):
        return None
    if tok.lower_ in ("few", "many", "several") and i > 0 and doc[i - 1].lower_ in ARTICLES:
        return None
    words = _token_words(doc, i, hi)
    parsed = _parse_words(words, 0)
    if parsed is None:
        return None
    value, used, vague = parsed
    if value <= 0 and not vague:
        return None
    end = i + used
    reciprocal = _reciprocal_end(doc, end, hi, value)
    if reciprocal is not None:
        return _make(doc, i, reciprocal, value, None, vague=False, reciprocal=True)
    if not vague:
        rng = _range_end(doc, i, end, hi, value)
        if rng is not None:
            high_end, high = rng
            return _make(doc, i, high_end, value, high, vague=False)
    return _make(doc, i, end, value, None, vague=vague)


def _make(doc: Doc, start: int, end: int, value: int, high: int | None, *, vague: bool,
          reciprocal: bool = False) -> NumberMention:
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return NumberMention(start, end, start_char, end_char, doc[start:end].text, value,
                         high, vague, reciprocal)


def _reciprocal_end(doc: Doc, end: int, hi: int, value: int) -> int | None:
    """End token of '1,000-for-1,000' (tokenised '1,000' '-' 'for-1,000' or 'for' '-' '1,000')."""
    if end + 1 < hi and doc[end].text == "-" and not doc[end - 1].whitespace_:
        m = _FOR_NUMBER.match(doc[end + 1].text)
        if m and int(m.group(1).replace(",", "")) == value:
            return end + 2
        if doc[end + 1].lower_ == "for" and end + 3 < hi and \
                doc[end + 2].text == "-" and parse_number(doc[end + 3].text) == value:
            return end + 4
    return None


def _range_end(doc: Doc, start: int, end: int, hi: int, low: int) -> tuple[int, int] | None:
    """'10 to 15', '10-15', 'between 10 and 15': (end token, high value)."""
    if end >= hi:
        return None
    joiner = doc[end].lower_
    between = start > 0 and doc[start - 1].lower_ == "between"
    if start > 0 and doc[start - 1].lower_ == "from":
        return None
    if not (joiner in RANGE_JOINERS or (joiner == "and" and between)):
        return None
    if joiner in ("-", "–", "—") and (doc[end - 1].whitespace_ or doc[end].whitespace_):
        return None
    words = _token_words(doc, end + 1, hi)
    parsed = _parse_words(words, 0)
    if parsed is None or parsed[2]:
        return None
    high, used, _ = parsed
    if high <= low:
        return None
    return end + 1 + used, high


# --------------------------------------------------------------------------- exclusions

def _prev(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 else None


def _next(doc: Doc, i: int) -> Token | None:
    return doc[i] if i < len(doc) else None


def _attached(a: Token, b: Token) -> bool:
    """True when ``a`` and ``b`` are written without space between them."""
    return not a.whitespace_ and a.i + 1 == b.i


def _date_reason(doc: Doc, m: NumberMention) -> str | None:
    before, after = _prev(doc, m.start), _next(doc, m.end)
    if before is not None and before.lower_ in MONTHS and (before.text[0].isupper()) and m.value <= 31:
        return "date"
    if after is not None and after.lower_ in MONTHS and after.text[0].isupper() and m.value <= 31:
        return "date"
    if _looks_like_year(doc, m):
        return "year"
    return None


def _looks_like_year(doc: Doc, m: NumberMention) -> bool:
    if not re.fullmatch(r"(19|20)\d\d", m.text):
        return False
    before, after = _prev(doc, m.start), _next(doc, m.end)
    if before is not None and (before.lower_ in YEAR_CONTEXT_BEFORE or before.text in (",", "(")):
        return True
    return after is None or after.is_punct or after.is_space or after.lower_ in ("and", "to")


def _time_reason(doc: Doc, m: NumberMention) -> str | None:
    after = _next(doc, m.end)
    if after is not None and after.lower_ in TIME_WORDS and after.lower_ not in ("hours", "hrs", "h"):
        return "time"
    if re.fullmatch(r"([01]\d|2[0-3])[0-5]\d", m.text) and after is not None and after.lower_ in TIME_WORDS:
        return "time"
    before = _prev(doc, m.start)
    if before is not None and before.text in (":", ".") and m.start >= 2 and doc[m.start - 2].like_num \
            and _attached(doc[m.start - 2], before) and _attached(before, doc[m.start]):
        return "time"
    return None


def _age_reason(doc: Doc, m: NumberMention) -> str | None:
    k = m.start - 1
    if k >= 0 and doc[k].lower_ == "between":
        k -= 1
    if k >= 0 and doc[k].lower_ in AGE_WORDS_BEFORE:
        return "age"
    words = [doc[j].lower_ for j in range(m.end, min(len(doc), m.end + 4))]
    if words[:3] in (["-", "year", "-"], ["-", "month", "-"], ["-", "week", "-"]) or \
            words[:2] in (["years", "old"], ["year", "old"], ["months", "old"]) or \
            (words[:1] and re.fullmatch(r"-?years?-olds?", words[0] or "")):
        return "age"
    return None


def _compound_reason(doc: Doc, m: NumberMention) -> str | None:
    """'12-member team', '30-day truce', 'S-300', 'Su-24': a modifier or a model name."""
    after = _next(doc, m.end)
    if after is not None and after.text in ("-", "–") and _attached(doc[m.end - 1], after) \
            and m.end + 1 < len(doc) and doc[m.end + 1].is_alpha and not m.reciprocal \
            and doc[m.end + 1].lower_ not in ("plus", "odd"):
        return "compound"
    if after is not None and re.fullmatch(r"-\w+", after.text) and _attached(doc[m.end - 1], after):
        return "compound"
    before = _prev(doc, m.start)
    if before is not None and before.text in ("-", "–") and _attached(before, doc[m.start]) and \
            m.start >= 2 and _attached(doc[m.start - 2], before) and doc[m.start - 2].is_alpha:
        return "name"
    if before is not None and m.text[:1].isdigit() and not before.whitespace_ and before.text[-1:].isalpha():
        return "name"
    return None


def _unit_reason(doc: Doc, m: NumberMention) -> str | None:
    after = _next(doc, m.end)
    if after is None:
        return None
    word = after.lower_
    if word == "m" and m.vague:
        return None
    if word in UNIT_WORDS:
        return "unit"
    if re.fullmatch(r"\d+(\.\d+)?(km|m|kg|mm|cm|ft|mi|%)", doc[m.end - 1].lower_):
        return "unit"
    return None


def _money_reason(doc: Doc, m: NumberMention) -> str | None:
    before = _prev(doc, m.start)
    if before is not None and before.lower_ in CURRENCY_SIGNS:
        return "money"
    return None


def _name_reason(doc: Doc, m: NumberMention) -> str | None:
    """'Russia 24', 'Article 5': a number that is part of a name."""
    before = _prev(doc, m.start)
    if before is None or not before.text[:1].isalpha() or before.is_sent_start and before.is_title:
        return None
    if before.lower_ in NAME_PREFIXES and before.text[:1].isupper():
        return "name"
    after = _next(doc, m.end)
    ends_name = after is None or not after.is_lower or after.is_punct
    if before.ent_type_ in ("GPE", "ORG", "PERSON") and before.whitespace_ in ("", " ") and ends_name:
        return "name"  # 'Russia 24, RIA Novosti' but not 'in Kyiv 3 people died'
    return None
