"""Find date expressions in text and resolve them against an anchor (the article's date).

Expressions are found with our own patterns (never ``dateparser.search_dates`` over raw
text, which turns "may" and "march on" into dates); an explicit calendar date is then
parsed with ``dateparser`` with the anchor as ``RELATIVE_BASE``.

A resolved date is a :class:`ResolvedDate`: ISO text (``YYYY-MM-DD`` or ``YYYY-MM``) and
its precision (``day`` or ``month``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Iterator, Literal

Tense = Literal["past", "future", "unknown"]
Precision = Literal["day", "month"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

_MONTH_RX = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
             r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAY_RX = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_RX = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RX = r"(?:19|20)\d{2}"

# Calendar dates: "March 10, 2022", "Feb. 24", "10 March 2022", "24 February", "2022-03-03".
_EXPLICIT_PATTERNS = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR_RX})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:\b|(?=T\d))")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH_RX})\s+(?P<d>{_DAY_RX})\b(?:,?\s+(?P<y>{_YEAR_RX})\b)?")),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY_RX})\s+(?P<mon>{_MONTH_RX})\b(?:,?\s+(?P<y>{_YEAR_RX})\b)?")),
    ("numeric", re.compile(rf"\b(?P<a>[0-3]?\d)[./](?P<b>[0-3]?\d)[./](?P<y>{_YEAR_RX})\b")),
]
_MONTH_ONLY = re.compile(
    rf"\b(?:(?P<part>early|mid|late|earlier in|later in)[\s-]+)?(?P<mon>{_MONTH_RX})(?:\s+(?P<y>{_YEAR_RX}))?\b")
_RELATIVE = re.compile(
    r"\b(?P<rel>later today|earlier today|today|tonight|this morning|this afternoon|this evening|"
    r"yesterday|tomorrow|the day before yesterday|"
    r"(?:last|next|this|earlier this|later this) (?:week|month|year)|"
    r"(?:a|one|two|three) (?:weeks?|months?) ago)\b", re.I)
_WEEKDAY_PREFIXES = ("on", "from", "until", "by", "since", "late", "early", "last", "next", "this", "coming")
_WEEKDAY = re.compile(
    rf"\b(?:(?:{'|'.join(_WEEKDAY_PREFIXES)})\s+)*"
    rf"(?:(?:late|early)\s+)?(?P<wd>{_WEEKDAY_RX})\b", re.I)

# Where the patterns can match (see _ScanWindows).
_ASCII_DIGIT = re.compile(r"[0-9]")
_ANY_DIGIT = re.compile(r"\d")
_MONTH_START = re.compile("|".join(m[:3].capitalize() for m in MONTHS))
"""Every month name of _MONTH_RX starts with one of these."""
_RELATIVE_WORDS = ("today", "tonight", "this", "yesterday", "tomorrow", "last", "next", "ago")
"""Every _RELATIVE match contains one of these (lower-cased)."""
_RELATIVE_LONGEST = len("the day before yesterday")
_MONTH_PART_LONGEST = len("earlier in")

# Words before a bare "May" or "March" that make it a month ("in May", "since March").
_MONTH_CONTEXT_WORDS = ("in", "since", "until", "by", "of", "early", "late", "mid", "last", "next", "this")
_MONTH_CONTEXT = re.compile(rf"\b(?:{'|'.join(_MONTH_CONTEXT_WORDS)})\s+$", re.I)
_MONTH_CONTEXT_LONGEST = max(map(len, _MONTH_CONTEXT_WORDS))

FUTURE_CUES = re.compile(
    r"\b(?:will|would|'ll|shall|is due|are due|due to|is set to|are set to|is expected|are expected|"
    r"expected to|plans? to|planned|scheduled|is to|are to|going to|upcoming|next)\b", re.I)
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|took place|held|met|said|told|ended|began|started|last|ago|"
    r"earlier|yesterday|sat|went|came|spoke|gave|made|took|flew|left|sent|led|broke|brought|saw|stood|"
    r"kept|wrote|ran|won|lost|fell|struck|sought|fought|\w+ed)\b", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    """A date with its precision; ``iso`` is ``YYYY-MM-DD`` or ``YYYY-MM``."""

    value: date
    precision: Precision

    @property
    def iso(self) -> str:
        return self.value.isoformat() if self.precision == "day" else self.value.strftime("%Y-%m")


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in text, with character offsets and its kind."""

    start: int
    end: int
    text: str
    kind: str  # explicit, month, relative, weekday


def _month_number(token: str) -> int:
    return _MONTH_ABBR[token.lower().rstrip(".")[:4] if token.lower().startswith("sept") else token.lower()[:3]]


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def find_date_expressions(text: str) -> list[DateExpression]:
    """All date expressions in ``text``, left to right, longest match first, no overlaps."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, kind: str) -> None:
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(DateExpression(s, e, m.group(0), kind))

    where = _ScanWindows(text)
    for name, rx in _EXPLICIT_PATTERNS:
        if where.digit is None or (name in ("mdy", "dmy") and where.month is None):
            continue
        for m in rx.finditer(text, where.month if name == "mdy" else where.digit):
            if m.groupdict().get("mon") == "May" and not m.group("y") and _looks_like_modal_may(text, m):
                continue
            add(m, "explicit")
    if where.relative:
        for m in _RELATIVE.finditer(text, *where.relative):
            add(m, "relative")
    if where.weekday:
        for m in _WEEKDAY.finditer(text, *where.weekday):
            add(m, "weekday")
    if where.month is not None:
        for m in _MONTH_ONLY.finditer(text, _month_phrase_start(text, where.month)):
            if m.group("mon") in ("May", "March") and not (m.group("y") or m.group("part")):
                if not _month_context_before(text, m.start()):
                    continue
            if len(m.group("mon")) <= 4 and not m.group("mon").endswith(".") and m.group("mon") not in ("May", "June", "July"):
                if not (m.group("y") or m.group("part")):
                    continue  # bare abbreviation such as "Mar" alone is too ambiguous
            add(m, "month")
    found.sort(key=lambda x: x.start)
    return found


class _ScanWindows:
    """Where each pattern family can match ``text``, from cheap substring tests, so the
    regexes scan only that part (``None``: nowhere). Matches start at or after these
    positions, so ``finditer(text, pos, endpos)`` finds exactly what a full scan finds.

    - ``digit``: the first digit, if there is an ASCII one (every explicit date has one;
      "mdy" dates start at ``month``, the others at a digit);
    - ``month``: the first capitalised month abbreviation ("Jan" … "Dec");
    - ``relative``, ``weekday``: ``(pos, endpos)`` around the key words (found in the
      lower-cased text, with ı and ſ, which ``re.I`` takes for i and s, mapped).
    """

    __slots__ = ("digit", "month", "relative", "weekday")

    def __init__(self, text: str):
        self.digit = _ANY_DIGIT.search(text).start() if _ASCII_DIGIT.search(text) else None
        month = _MONTH_START.search(text)
        self.month = month.start() if month else None
        if "İ" in text:  # lower() makes it two characters: positions would shift
            self.relative = self.weekday = (0, len(text))
            return
        folded = text.lower()
        if not folded.isascii():
            folded = folded.replace("ı", "i").replace("ſ", "s")
        self.relative = _keyword_window(folded, _RELATIVE_WORDS, _RELATIVE_LONGEST)
        self.weekday = _weekday_window(folded)


def _occurrences(folded: str, words: tuple[str, ...]) -> tuple[int, int] | None:
    """(first start, last end) of any of ``words`` in ``folded``, or ``None``."""
    spans = [(i, folded.rfind(w) + len(w)) for w in words if (i := folded.find(w)) >= 0]
    if not spans:
        return None
    return min(i for i, _ in spans), max(e for _, e in spans)


def _keyword_window(folded: str, words: tuple[str, ...], longest: int) -> tuple[int, int] | None:
    """(pos, endpos) holding every match of a pattern whose matches contain one of
    ``words`` and are at most ``longest`` characters long (endpos keeps one character
    after the last possible match, for its word-boundary test)."""
    found = _occurrences(folded, words)
    if found is None:
        return None
    first, last_end = found
    return max(0, first - longest), min(len(folded), last_end + longest + 1)


def _weekday_window(folded: str) -> tuple[int, int] | None:
    """(pos, endpos) holding every _WEEKDAY match: from the run of prefix words ("on",
    "last", "early" …) before the first weekday name to just after the last name."""
    found = _occurrences(folded, WEEKDAYS) if "day" in folded else None
    if found is None:
        return None
    first, last_end = found
    return _prefix_run_start(folded, first), min(len(folded), last_end + 1)


def _prefix_run_start(folded: str, start: int) -> int:
    """Start of the run of _WEEKDAY_PREFIXES words, each followed by whitespace, that ends
    at ``start`` (no prefix word ends with another, so the run is unique)."""
    while True:
        j = start
        while j > 0 and folded[j - 1].isspace():
            j -= 1
        word = next((w for w in _WEEKDAY_PREFIXES if j < start and folded.endswith(w, 0, j)), None)
        if word is None:
            return start
        start = j - len(word)


def _month_phrase_start(text: str, month: int) -> int:
    """Earliest start of a _MONTH_ONLY match when the first month name is at ``month``:
    a part word ("early", "later in" …) and spaces or hyphens may come before it."""
    j = month
    while j > 0 and (text[j - 1].isspace() or text[j - 1] == "-"):
        j -= 1
    return max(0, j - _MONTH_PART_LONGEST) if j < month else month


def _month_context_before(text: str, start: int) -> bool:
    """'in May', 'since March' …: whether ``text[:start]`` ends with a word that makes a
    bare May or March a month. Searches only the last word (the match must end there)."""
    head = start
    while head > 0 and text[head - 1].isspace():
        head -= 1
    return _MONTH_CONTEXT.search(text, max(0, head - _MONTH_CONTEXT_LONGEST - 1), start) is not None


def _looks_like_modal_may(text: str, m: re.Match) -> bool:
    """'May 5' is a date but 'may 5' is not; only capitalised May with a day counts."""
    return not m.group(0)[0].isupper()


def explicit_date(expr: str, anchor: date | None, *, tense: Tense = "unknown") -> ResolvedDate | None:
    """Parse a calendar date; a missing year comes from the anchor: the nearest year, or
    with ``tense`` "past" ("future") the latest (earliest) such date on or before (after) it."""
    for kind, rx in _EXPLICIT_PATTERNS:
        m = rx.fullmatch(expr.strip())
        if not m:
            continue
        g = m.groupdict()
        try:
            if kind == "iso":
                return ResolvedDate(date(int(g["y"]), int(g["m"]), int(g["d"])), "day")
            if kind == "numeric":
                a, b = int(g["a"]), int(g["b"])
                day, month = (a, b) if b <= 12 else (b, a)
                return ResolvedDate(date(int(g["y"]), month, day), "day")
            month, day = _month_number(g["mon"]), _day_number(g["d"])
            if g.get("y"):
                return ResolvedDate(date(int(g["y"]), month, day), "day")
            if anchor is None:
                return None
            return ResolvedDate(_year_for_tense(month, day, anchor, tense), "day")
        except ValueError:
            return None
    return _dateparser_fallback(expr, anchor)


def _dates_around(month: int, day: int, anchor: date) -> list[date]:
    """This month and day in the anchor's year and the years either side (valid ones)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return options


def _nearest_year(month: int, day: int, anchor: date) -> date:
    """The date with this month and day closest to ``anchor`` (news refers to nearby days)."""
    return min(_dates_around(month, day, anchor), key=lambda d: abs((d - anchor).days))


def _year_for_tense(month: int, day: int, anchor: date, tense: Tense) -> date:
    """A day-and-month without year placed by tense: past → on or before ``anchor``,
    future → on or after it, unknown → the nearest."""
    if tense not in ("past", "future"):
        return _nearest_year(month, day, anchor)
    options = _dates_around(month, day, anchor)
    if tense == "past":
        before = [d for d in options if d <= anchor]
        return max(before) if before else _nearest_year(month, day, anchor)
    after = [d for d in options if d >= anchor]
    return min(after) if after else _nearest_year(month, day, anchor)


@lru_cache(maxsize=2048)
def _dateparser_fallback(expr: str, anchor: date | None) -> ResolvedDate | None:
    import dateparser  # here, not at module level: rarely needed, and it takes 0.1 s to import

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    return ResolvedDate(parsed.date(), "day") if parsed else None


def weekday_date(weekday: str, anchor: date, tense: Tense, *, strict: bool = False) -> date:
    """'on Monday' in a past clause is the latest Monday on or before the anchor; in a
    future clause the first Monday on or after it; with unknown tense, the nearest one
    (the past on a tie: news mostly reports what happened). ``strict`` ('last Friday',
    'next Friday') never gives the anchor's own day: that is a week before or after."""
    target = WEEKDAYS.index(weekday.lower())
    back = (anchor.weekday() - target) % 7 or (7 if strict else 0)
    forward = (target - anchor.weekday()) % 7 or (7 if strict else 0)
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back) if back <= forward else anchor + timedelta(days=forward)


def relative_date(phrase: str, anchor: date) -> ResolvedDate | None:
    """Resolve 'today', 'yesterday', 'last week', 'next month', 'two weeks ago' …"""
    p = phrase.lower()
    if p in ("today", "later today", "earlier today", "tonight", "this morning", "this afternoon", "this evening"):
        return ResolvedDate(anchor, "day")
    if p == "yesterday":
        return ResolvedDate(anchor - timedelta(days=1), "day")
    if p == "the day before yesterday":
        return ResolvedDate(anchor - timedelta(days=2), "day")
    if p == "tomorrow":
        return ResolvedDate(anchor + timedelta(days=1), "day")
    m = re.fullmatch(r"(last|next|this|earlier this|later this) (week|month|year)", p)
    if m:
        which, unit = m.groups()
        if unit == "year":
            return None
        shift = {"last": -1, "next": 1}.get(which, 0)
        if unit == "week":
            day = anchor + timedelta(weeks=shift)
        else:
            day = _add_months(anchor, shift)
        return ResolvedDate(day.replace(day=1), "month")
    m = re.fullmatch(r"(a|one|two|three) (weeks?|months?) ago", p)
    if m:
        n = {"a": 1, "one": 1, "two": 2, "three": 3}[m.group(1)]
        day = anchor - timedelta(weeks=n) if m.group(2).startswith("week") else _add_months(anchor, -n)
        return ResolvedDate(day.replace(day=1), "month")
    return None


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def month_date(expr: str, anchor: date | None) -> ResolvedDate | None:
    """'in early August' / 'March 2022' → month precision; the year from the anchor
    (the latest such month not after it) when not given."""
    m = _MONTH_ONLY.fullmatch(expr.strip())
    if not m:
        return None
    month = _month_number(m.group("mon"))
    if m.group("y"):
        return ResolvedDate(date(int(m.group("y")), month, 1), "month")
    if anchor is None:
        return None
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return ResolvedDate(date(year, month, 1), "month")


def resolve(expr: DateExpression, anchor: date | None, tense: Tense = "unknown") -> ResolvedDate | None:
    """Resolve one found expression against the anchor; ``None`` if it cannot be fixed."""
    if expr.kind == "explicit":
        return explicit_date(expr.text, anchor)
    if anchor is None:
        return None
    if expr.kind == "relative":
        return relative_date(expr.text, anchor)
    if expr.kind == "weekday":
        wd = re.search(_WEEKDAY_RX, expr.text, re.I).group(0)
        lowered = expr.text.lower()
        strict = False
        if "last " in lowered:
            tense, strict = "past", True
        elif "next " in lowered or "coming " in lowered:
            tense, strict = "future", "next " in lowered
        return ResolvedDate(weekday_date(wd, anchor, tense, strict=strict), "day")
    if expr.kind == "month":
        return month_date(expr.text, anchor)
    return None


def clause_tense(text: str) -> Tense:
    """Rough tense of a clause from its cue words: future cues win over past ones."""
    if FUTURE_CUES.search(text):
        return "future"
    if PAST_CUES.search(text):
        return "past"
    return "unknown"


class InvalidDate(ValueError):
    """A value that should be a ``YYYY-MM-DD`` date is not one."""


def valid_iso_date(value: str) -> str:
    """``value`` if it is a real ``YYYY-MM-DD`` date, else :class:`InvalidDate`."""
    text = str(value).strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise InvalidDate(f"expected a date as YYYY-MM-DD, got {text!r}") from None
    return text


def parse_iso(value: str | None) -> ResolvedDate | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` back to a :class:`ResolvedDate`."""
    if not value or not isinstance(value, str):
        return None
    try:
        if len(value) >= 10:
            return ResolvedDate(date.fromisoformat(value[:10]), "day")
        y, m = value[:7].split("-")
        return ResolvedDate(date(int(y), int(m), 1), "month")
    except ValueError:
        return None


def iter_resolved(text: str, anchor: date | None, tense: Tense = "unknown") -> Iterator[tuple[DateExpression, ResolvedDate]]:
    """Every expression in ``text`` that resolves, with its resolution."""
    for expr in find_date_expressions(text):
        resolved = resolve(expr, anchor, tense)
        if resolved is not None:
            yield expr, resolved
