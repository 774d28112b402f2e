"""Date a document (its publication day) from its own text.

Rules, first that applies wins (:func:`date_document`):

1. ``explicit`` — a printed full date in a stamp line of the header region (the lines
   until :data:`HEADER_LINES` of three words or more have passed, so menus above the
   headline do not push the stamp out): "April 12, 2022 01:09:52 IST", "Published: 03/03/2022
   21:47 CET", "Tue 29 Mar 2022 16.40 BST", "2025-03-12T11:20:00Z", "16.05.2025 · 19:48".
   A stamp line is short and is mostly the date (plus a time, a byline or a keyword such
   as "Published"); a body sentence that mentions a past date is not a stamp.
2. ``explicit`` — a dateline that prints its year ("KYIV, March 3, 2022 (AP) -",
   "MOSCOW, March 3, 2022. /TASS/."); month names may be in capitals in stamps and datelines.
3. ``inferred`` — a dateline without a year ("April 11 (Reuters) -"); the year comes from
   (a) a war-age expression near that date, (b) a weekday the lead names ("said on
   Monday"): the only year in ``INVASION_START.year..LATEST_YEAR`` whose calendar puts the
   dateline's date on that weekday, (c) the latest year in that range printed in the
   text. (The weekday comes before printed years because articles print earlier years —
   "the 2022 invasion" — far more often than their own.)
4. ``inferred`` — a war-age expression: "entered its eighth day", "five-day-old war",
   "Today marks 1,000 days since … invasion": day N of the invasion is
   ``INVASION_START + (N - 1)`` days; or an anniversary: "a year to the day after Russia
   invaded", "marks the second anniversary of the full-scale invasion": N years after
   ``INVASION_START``.
5. ``inferred`` — a dated event N days back: "on Friday, September 30 - four days ago".

A relative stamp ("4 days ago", "Updated 2 hours ago") has no anchor and dates nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator, Literal

from . import config
from .temporal import MONTHS, WEEKDAYS, explicit_date, find_date_expressions

Basis = Literal["explicit", "inferred"]

HEADER_LINES = 12
"""Lines (non-blank, of :data:`HEADER_LINE_MIN_WORDS` words or more) at the top of the
text searched for a printed publication stamp; shorter lines (menu items, "Share",
a bare date) are searched too but not counted."""
HEADER_LINE_MIN_WORDS = 3
MAX_HEADER_SCAN = 80
"""Lines (non-blank, of any length) searched at most."""
DATELINE_LINES = 15
"""Lines (non-blank) at the top searched for a dateline."""
MAX_STAMP_WORDS = 15
MAX_STAMP_CHARS = 200
MAX_STAMP_EXTRA_WORDS = 4
"""Words besides the date, time and stamp keywords that a byline/stamp line may hold."""
MAX_STAMP_BARE_EXTRA_WORDS = 2
"""The same for a line without a byline, time, keyword or separator."""
WAR_AGE_TOLERANCE_DAYS = 31
"""A war-age date fixes a dateline's year only if the two are this close."""


@dataclass(frozen=True)
class DocDate:
    """Publication date (ISO ``YYYY-MM-DD``), how it was found and the text it rests on."""

    published: str | None = None
    basis: Basis | None = None
    evidence: str | None = None


NO_DATE = DocDate()

# --- number words ------------------------------------------------------------------------
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                  "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                  "nineteenth").split()
_NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
_NUMBER_WORDS |= {w: i for i, w in enumerate(_ORDINAL_UNITS)}
_NUMBER_WORDS |= {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
_NUMBER_WORDS |= {w[:-1] + "ieth": 10 * (i + 2) for i, w in enumerate(_TENS)}
_SCALES = {"hundred": 100, "hundredth": 100, "thousand": 1000, "thousandth": 1000}
_WORD_ALT = "|".join(sorted([*_NUMBER_WORDS, *_SCALES], key=len, reverse=True))
NUMBER_RX = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:st|nd|rd|th)?|"
             rf"(?:{_WORD_ALT})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD_ALT}))*")
"""A cardinal or ordinal number in digits or words ("1,000", "8th", "one hundred and fifth")."""


def number_value(phrase: str) -> int | None:
    """Value of a number phrase matched by :data:`NUMBER_RX`; ``None`` if not a number."""
    p = phrase.strip().lower()
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)?", p)
    if m:
        return int(m.group(1).replace(",", ""))
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", p):
        if word == "and":
            continue
        if word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] == 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


# --- calendar patterns ---------------------------------------------------------------------
_MONTH_NAMES = sorted([m.capitalize() for m in MONTHS] + [m[:3].capitalize() for m in MONTHS] + ["Sept"],
                      key=len, reverse=True)
MONTH_RX = rf"(?:{'|'.join(dict.fromkeys(_MONTH_NAMES))})"
WEEKDAY_RX = rf"(?:{'|'.join(w.capitalize() for w in WEEKDAYS)})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

_PLACE = (rf"(?!(?:On|In|At|By|From|Since|Until|Before|After|Last|Next|This|Early|Late|{WEEKDAY_RX})\b)"
          r"[A-Z][\w.'’-]*(?:\s+(?:(?:de|del|da|do|of|la|el|al|the|upon|on)\s+)?[A-Z][\w.'’-]*){0,3}")
"""A place name in a dateline: capitalised words ("GOMEL REGION", "Rio de Janeiro")."""
_DATELINE = re.compile(
    rf"^\s*(?:(?P<place>{_PLACE}(?:,\s+{_PLACE}){{0,2}})(?:\s*\[[^\]\n]{{1,40}}\])?,\s+)?"
    rf"(?:(?P<mon>{MONTH_RX})\.?\s+(?P<day>{_DAY})|(?P<day2>{_DAY})\s+(?P<mon2>{MONTH_RX})\.?)"
    rf"(?:,?\s+(?P<year>{_YEAR}))?"
    rf"(?:\s*(?:\((?P<credit>[^()\n]{{1,40}})\)|\[(?P<credit2>[^\]\n]{{1,40}})\])?\s*(?:-|–|—|:)\s"
    rf"|\.\s*/(?P<credit3>[A-Z][\w-]{{1,20}})/\.?\s)")
"""A wire dateline at the start of a line: "GOMEL REGION, Belarus, Feb 28 (Meridian Wire) -",
"MOSCOW, November 21. /TASS/."."""

_CAPITAL_MONTH = re.compile(rf"\b(?:{'|'.join(m.upper() for m in MONTHS)}|{'|'.join(m[:3].upper() for m in MONTHS)}|SEPT)\b")
"""A month name in capitals, as stamps print it ('21 NOV 2024, 14:05')."""
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?", re.I)
_STAMP_KEYWORD = re.compile(r"\b(?:published|updated|posted|first published|last updated|last modified)\b", re.I)
_STAMP_FILLER = re.compile(
    rf"\b(?:{WEEKDAY_RX}|{'|'.join(w[:3].capitalize() for w in WEEKDAYS)}|on|at|[A-Z]{{2,4}}|GMT|UTC|min|read|"
    rf"as it happened|live updates|live)\b")
_WEEKDAY_WORD = re.compile(rf"\b{WEEKDAY_RX}\b")
_PRINTED_YEAR = re.compile(r"\b(20\d{2})\b")
_PRESENT_CUE = re.compile(r"\b(?:today|tonight|now|marks|has been|have passed|it's been|it is|is|enters|entered)\b", re.I)

_WAR = r"(?:war|invasion|conflict|offensive|military operation|special operation)"
_WAR_AGE_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern, needs a present-tense cue in its sentence)
    (re.compile(rf"\b{_WAR}\W{{0,3}}(?:[^.\n]{{0,40}}?\s)?(?:entered|enters|entering|is in|was in|now in|"
                rf"reached|reaches|marks|marked|is on)\s+(?:its|the)\s+(?P<n>{NUMBER_RX})\s+day\b", re.I), False),
    (re.compile(rf"\b(?P<n>{NUMBER_RX})[- ]day[- ]old\s+(?:(?:Russian|full[- ]scale)\s+)?{_WAR}", re.I), False),
    (re.compile(rf"\b(?:the\s+)?(?P<n>{NUMBER_RX})\s+day\s+of\s+(?:the\s+|Russia'?s\s+|Russia’s\s+|this\s+)?"
                rf"(?:full[- ]scale\s+|Russian\s+)?{_WAR}", re.I), True),
    (re.compile(rf"\bday\s+(?P<n>\d{{1,4}})\s+of\s+(?:the\s+|Russia'?s\s+|Russia’s\s+)?(?:full[- ]scale\s+)?{_WAR}",
                re.I), True),
    (re.compile(rf"\b(?P<n>{NUMBER_RX})\s+days\s+(?:since|after|into)\s+[^.\n]{{0,80}}?\b"
                rf"(?:invasion|invaded|{_WAR})", re.I), True),
)
"""Expressions of the war's age in days, with the day number in group ``n``."""

_DATE_PHRASE = (rf"(?:(?P<wd>{WEEKDAY_RX}),?\s+)?(?P<date>{MONTH_RX}\.?\s+{_DAY}|{_DAY}\s+{MONTH_RX})"
                rf"(?:,?\s+(?P<y>{_YEAR}))?")
_DAYS_AGO = rf"(?:(?:just|only)\s+)?(?P<n>{NUMBER_RX})\s+days?\s+ago|(?P<yest>yesterday)"
_EVENT_DAYS_AGO = (
    re.compile(rf"{_DATE_PHRASE}\s*[-–—,(]*\s*(?:{_DAYS_AGO})\b", re.I),
    re.compile(rf"(?:{_DAYS_AGO})\s*[-–—,(]*\s*(?:on\s+)?{_DATE_PHRASE}", re.I),
)
"""A dated event and how many days back it lies: "Friday, September 30 - four days ago"."""


@dataclass(frozen=True)
class _Line:
    start: int
    text: str


def _top_lines(text: str, n: int) -> list[_Line]:
    """The first ``n`` non-blank lines with their offsets."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            lines.append(_Line(pos, raw.rstrip("\r\n")))
            if len(lines) >= n:
                break
        pos += len(raw)
    return lines


def _month_number(name: str) -> int:
    return [m[:3] for m in MONTHS].index(name.lower()[:3]) + 1


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(d: date) -> str:
    return d.isoformat()


# --- rule 1: a printed stamp ---------------------------------------------------------------

def _is_stamp_line(line: str, date_text: str) -> bool:
    """Short, and mostly the date: besides it only a time, keywords, a short byline."""
    if len(line.split()) > MAX_STAMP_WORDS:
        return False
    if _TIME.search(line) or _STAMP_KEYWORD.search(line):
        return True
    rest = _STAMP_FILLER.sub(" ", line.replace(date_text, " "))
    extra = len(re.findall(r"[A-Za-z]{2,}", rest))
    if re.match(r"\s*(?:by|from|filed by)\s", line, re.I) or re.search(r"\s[|·•]\s", line):
        return extra <= MAX_STAMP_EXTRA_WORDS  # "By Jane Roe · March 3, 2022"
    return extra <= MAX_STAMP_BARE_EXTRA_WORDS  # not a headline that names a date


def stamp_date(line: str) -> tuple[date, str] | None:
    """The publication date printed in a stamp line, with its text; the published date
    is preferred over an "Updated" one on the same line."""
    if len(line) > MAX_STAMP_CHARS or len(line.split()) > MAX_STAMP_WORDS:
        return None
    line = _CAPITAL_MONTH.sub(lambda m: m.group().capitalize(), line)  # '21 NOV 2024', 'FEBRUARY 4, 2023'
    found: list[tuple[date, str, bool]] = []
    for expr in find_date_expressions(line):
        if expr.kind != "explicit":
            continue
        resolved = explicit_date(expr.text, None)
        if resolved is None or not re.search(_YEAR, expr.text):
            continue
        updated = bool(re.search(r"updated\W*$", line[max(0, expr.start - 20):expr.start], re.I))
        found.append((resolved.value, expr.text, updated))
    found.sort(key=lambda f: f[2])  # stable: keeps text order within each group
    for value, date_text, _ in found:
        if _is_stamp_line(line, date_text):
            return value, date_text
    return None


def _header_lines(text: str) -> Iterator[_Line]:
    """The top lines a publication stamp may stand in, menus before the headline included."""
    counted = 0
    for line in _top_lines(text, MAX_HEADER_SCAN):
        yield line
        counted += len(line.text.split()) >= HEADER_LINE_MIN_WORDS
        if counted >= HEADER_LINES:
            return


def _header_stamp(text: str) -> DocDate | None:
    for line in _header_lines(text):
        hit = stamp_date(line.text)
        if hit:
            return DocDate(_iso(hit[0]), "explicit", line.text.strip())
    return None


# --- rule 4: the war's age -----------------------------------------------------------------

_WINDOW_CHARS = 160
"""Characters each side of a keyword searched by the number-led patterns."""


def _keyword_windows(text: str, keyword: re.Pattern[str]) -> list[tuple[int, str]]:
    """Merged stretches of ``text`` around each keyword hit, as (offset, substring): the
    slow number-led patterns run only there."""
    spans: list[list[int]] = []
    for m in keyword.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW_CHARS), min(len(text), m.end() + _WINDOW_CHARS)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return [(lo, text[lo:hi]) for lo, hi in spans]


_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘'(]?[A-Z])|\n")
"""A sentence's end: a full stop before a capital (not "Feb. 28"), or a line break."""
_SENTENCE_SPAN = 400
"""Characters searched on each side for the ends of a sentence."""


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (searched at most :data:`_SENTENCE_SPAN` each side)."""
    left = max(0, start - _SENTENCE_SPAN)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end, end + _SENTENCE_SPAN)
    right = after.start() if after else min(len(text), end + _SENTENCE_SPAN)
    return text[left:right]


_YEAR_JUST_BEFORE = re.compile(rf"\b{_YEAR}\b[^.\n]{{0,12}}$")


def _dated_event_before(text: str, start: int) -> bool:
    """A printed date with its year just before ``start`` ("on Feb. 28, 2022, four days
    after the invasion"): the war-age expression dates that event, not the article."""
    return bool(_YEAR_JUST_BEFORE.search(text, max(0, start - 40), start))


_ANNIVERSARY_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    (re.compile(rf"\b(?P<n>{NUMBER_RX}|a)\s+years?\s+to\s+the\s+day\s+(?:after|since)\s+[^.\n]{{0,60}}?"
                rf"(?:invaded|invasion|{_WAR})", re.I), False),
    (re.compile(rf"\b(?P<n>{NUMBER_RX})\s+anniversary\s+of\s+(?:the\s+|Russia'?s\s+|Russia’s\s+)?"
                rf"(?:full[- ]scale\s+)?(?:Russian\s+)?(?:invasion|{_WAR})", re.I), True),
    (re.compile(rf"\b(?:marks|marking|today)\b[^.\n]{{0,30}}?\b(?P<n>{NUMBER_RX}|a)\s+(?:full\s+)?years?\s+since\s+"
                rf"[^.\n]{{0,50}}?(?:invaded|invasion|{_WAR})", re.I), False),
)
"""Anniversaries of the invasion ("a year to the day after Russia invaded", "the second
anniversary of the full-scale invasion", "as Ukraine marks four years since the invasion"), with the number of years in group ``n``."""


def anniversary_date(text: str) -> tuple[date, str] | None:
    """The date an anniversary of the invasion fixes (2022-02-24 plus N years)."""
    hits: list[tuple[int, date, str]] = []
    for offset, window in _keyword_windows(text, re.compile(r"\b(?:anniversary|to the day|years? since)\b", re.I)):
        for rx, needs_cue in _ANNIVERSARY_PATTERNS:
            for m in rx.finditer(window):
                n = 1 if m.group("n").lower() == "a" else number_value(m.group("n"))
                year = config.INVASION_START.year + n if n else None
                if year is None or year > config.LATEST_YEAR:
                    continue
                start = offset + m.start()
                sentence = _sentence_around(text, start, offset + m.end())
                if needs_cue and not (_PRESENT_CUE.search(sentence) or len(sentence.split()) <= 20):
                    continue
                hits.append((start, config.INVASION_START.replace(year=year), m.group(0)))
    if not hits:
        return None
    _, day, evidence = min(hits, key=lambda h: h[0])
    return day, evidence


def war_age_date(text: str) -> tuple[date, str] | None:
    """The date a war-age expression fixes ("entered its eighth day" → 2022-03-03)."""
    hits: list[tuple[int, date, str]] = []
    max_days = (date(config.LATEST_YEAR, 12, 31) - config.INVASION_START).days + 1
    windows = _keyword_windows(text, re.compile(r"\bday", re.I))
    for rx, needs_cue in _WAR_AGE_PATTERNS:
        for offset, window in windows:
            for m in rx.finditer(window):
                n = number_value(m.group("n"))
                if n is None or not 1 <= n <= max_days:
                    continue
                start, end = offset + m.start(), offset + m.end()
                sentence = _sentence_around(text, start, end)
                if needs_cue and not (_PRESENT_CUE.search(sentence) or len(sentence.split()) <= 20):
                    continue
                if _dated_event_before(text, start):
                    continue
                day = config.INVASION_START + timedelta(days=n - 1)
                if re.search(r"\byesterday\b", text[end:end + 30], re.I):
                    day += timedelta(days=1)
                hits.append((start, day, m.group(0)))
    if not hits:
        return None
    _, day, evidence = min(hits, key=lambda h: h[0])
    return day, evidence


# --- year resolution -------------------------------------------------------------------------

def candidate_years() -> range:
    """Publication years an undated date may take: the invasion's year to LATEST_YEAR."""
    return range(config.INVASION_START.year, config.LATEST_YEAR + 1)


def years_with_weekday(month: int, day: int, weekday: str) -> list[int]:
    """Candidate years in which month/day falls on ``weekday`` ("Monday")."""
    target = WEEKDAYS.index(weekday.lower())
    return [y for y in candidate_years() if (d := _safe_date(y, month, day)) and d.weekday() == target]


def resolve_year(month: int, day: int, *, text: str, lead: str, weekday: str | None = None,
                 war_age: date | None = None) -> int | None:
    """Year of an undated month/day: attached weekday, war age, weekday named in the lead,
    latest printed year; ``None`` when nothing fixes it."""
    years = [y for y in candidate_years() if _safe_date(y, month, day)]
    if not years:
        return None
    if weekday:
        matches = years_with_weekday(month, day, weekday)
        return matches[0] if len(matches) == 1 else None
    if war_age is not None:
        best = min(years, key=lambda y: abs((date(y, month, day) - war_age).days))
        if abs((date(best, month, day) - war_age).days) <= WAR_AGE_TOLERANCE_DAYS:
            return best
    for named in _WEEKDAY_WORD.findall(lead):
        matches = years_with_weekday(month, day, named)
        if len(matches) == 1:
            return matches[0]
    printed = sorted({int(y) for y in _PRINTED_YEAR.findall(text)} & set(years))
    return printed[-1] if printed else None


# --- rules 2-3: the dateline -------------------------------------------------------------------

def _dateline(text: str) -> tuple[re.Match[str], _Line, str] | None:
    """The first dateline in the top lines, its line and its lead (line plus the next two)."""
    lines = _top_lines(text, DATELINE_LINES)
    for i, line in enumerate(lines):
        m = _DATELINE.match(line.text)
        if m:
            lead = "\n".join(l.text for l in lines[i:i + 3])
            return m, line, lead
    return None


def _dateline_date(text: str, war_age: date | None) -> DocDate | None:
    found = _dateline(text)
    if found is None:
        return None
    m, _, lead = found
    month = _month_number(m.group("mon") or m.group("mon2"))
    day = _day_number(m.group("day") or m.group("day2"))
    evidence = m.group(0).strip()
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
        return DocDate(_iso(d), "explicit", evidence) if d else None
    year = resolve_year(month, day, text=text, lead=lead, war_age=war_age)
    d = _safe_date(year, month, day) if year else None
    return DocDate(_iso(d), "inferred", evidence) if d else None


# --- rule 5: a dated event N days back -------------------------------------------------------

def _event_days_ago(text: str, war_age: date | None) -> DocDate | None:
    windows = _keyword_windows(text, re.compile(r"\b(?:ago|yesterday)\b", re.I))
    hits = sorted(((offset + m.start(), m) for rx in _EVENT_DAYS_AGO for offset, window in windows
                   for m in rx.finditer(window)), key=lambda hit: hit[0])
    for _, m in hits:
        back = 1 if m.group("yest") else number_value(m.group("n") or "")
        if back is None:
            continue
        parts = m.group("date").replace(".", " ").split()
        if parts[0][0].isdigit():
            day, month = _day_number(parts[0]), _month_number(parts[1])
        else:
            month, day = _month_number(parts[0]), _day_number(parts[1])
        if m.group("y"):
            year: int | None = int(m.group("y"))
        else:
            year = resolve_year(month, day, text=text, lead="", weekday=m.group("wd"), war_age=war_age)
        event = _safe_date(year, month, day) if year else None
        if event is not None:
            return DocDate(_iso(event + timedelta(days=back)), "inferred", m.group(0).strip())
    return None


# --- the entry point ---------------------------------------------------------------------------

def date_document(text: str) -> DocDate:
    """Publication date of a cleaned article from its own text (see the module docstring)."""
    if not isinstance(text, str) or not text.strip():
        return NO_DATE
    stamp = _header_stamp(text)
    if stamp:
        return stamp
    war_age = war_age_date(text) or anniversary_date(text)
    dated = _dateline_date(text, war_age[0] if war_age else None)
    if dated:
        return dated
    if war_age:
        return DocDate(_iso(war_age[0]), "inferred", war_age[1])
    return _event_days_ago(text, war_age[0] if war_age else None) or NO_DATE
