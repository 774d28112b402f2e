"""Title and outlet of a document, from its own text.

- :func:`find_title`: the headline — the first substantial line of the cleaned text that
  is not a date stamp, byline, dateline, liveblog time or site name.
- :func:`find_outlet`: the publishing outlet from textual cues, most specific first
  (:data:`OUTLET_CUES`): the site naming itself ("Trending on GB News"), a source credit
  ("Source: TRT"), a copyright holder ("© NordPress 2025"), "…reports Asian Lite News",
  a dateline credit ("April 11 (Reuters) -", abbreviations like "(NNS)" expanded from a
  name in the page whose initials match), a byline ("By Reuters", "By Meridian Wire
  staff", a byline abbreviation from :data:`BYLINE_ABBREVIATIONS`), and last a masthead
  line whose words name a news outlet ("THE DAILY BANNER"). Cues may sit in boilerplate
  the cleaner removed, so the raw capture is searched as well as the cleaned text.
"""
from __future__ import annotations

import re
from typing import Callable

from .cleaning import is_body_line, word_count
from .dating import stamp_date

MIN_TITLE_WORDS = 4
MAX_TITLE_WORDS = 30
TITLE_SEARCH_LINES = 10
"""Non-blank lines at the top of the cleaned text searched for the headline."""
MAX_OUTLET_WORDS = 6

BYLINE_ABBREVIATIONS: dict[str, str] = {
    "FP Staff": "Firstpost",
    "FP News Desk": "Firstpost",
    "FP Explainers": "Firstpost",
    "ET Online": "The Economic Times",
    "ET Bureau": "The Economic Times",
    "TOI News Desk": "The Times of India",
    "HT News Desk": "Hindustan Times",
    "Express News Service": "The Indian Express",
    "Express Web Desk": "The Indian Express",
    "CNN Staff": "CNN",
    "BBC News": "BBC",
    "AP Staff": "Associated Press",
}
"""House bylines that name their outlet by abbreviation ("FP Staff" is Firstpost's)."""

WIRE_AGENCIES = ("Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg",
                 "TASS", "Xinhua", "Interfax", "RIA Novosti", "Ukrinform", "ANI", "PTI", "IANS",
                 "dpa", "EFE", "Anadolu Agency", "UNN", "Sputnik", "Kyodo", "Yonhap")
"""Agencies that appear as a whole byline ("By Reuters")."""

OUTLET_NAME_WORDS = frozenset("""news press post times daily courier ledger banner blitz brief wire service
herald journal tribune gazette telegraph guardian mail express standard observer chronicle review
monitor independent mirror star sun today report dispatch record bulletin insider pulse desk
network agency media radio tv television broadcasting live signal""".split())
"""Words a masthead line must contain to be taken as the outlet's name."""

_NAME = r"(?-i:[A-Z][\w&.'’-]*(?:\s+(?:of|the|and|&|[A-Z][\w&.'’-]*)){0,5})"
_TRENDING_ON = re.compile(rf"^\s*(?:trending|popular|most read|latest) (?:on|from|at) (?P<name>{_NAME})\s*$",
                          re.I | re.M)
_SOURCE = re.compile(rf"^\s*(?:source|sources|courtesy)\s*:\s*(?P<name>{_NAME})\s*\.?\s*$", re.I | re.M)
_COPYRIGHT = re.compile(
    rf"^\s*(?:copyright|©|\(c\))\s*(?:©\s*)?(?:(?:19|20)\d{{2}}\s*)?(?P<name>{_NAME}?)"
    rf"(?:\s+(?:19|20)\d{{2}})?\s*(?:[.,;|]|\s+all rights|$)", re.I | re.M)
_REPORTS = re.compile(rf"\breports\s+(?P<name>{_NAME})\s*$", re.M)
_BYLINE_AGENCY = re.compile(
    rf"^\s*(?:by|from|filed by)\s+(?:the\s+)?(?P<name>{_NAME}?)\s+"
    rf"(?:staff|correspondents?|reporters?|desk|team|bureaus?|[a-z]+ staff)\b", re.I | re.M)
_BYLINE_WHOLE = re.compile(r"^\s*by\s+(?P<name>[^\n,·|]{2,40}?)\s*$", re.I | re.M)
_DATELINE_CREDIT = re.compile(r"^[^\n]{0,80}?\((?P<credit>[A-Z][\w .&'-]{1,40})\)\s*(?:-|–|—|:)\s", re.M)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){1,5}")


def _lines(text: str) -> list[str]:
    return [l.strip() for l in text.splitlines() if l.strip()]


def _is_title_candidate(line: str) -> bool:
    if word_count(line) < MIN_TITLE_WORDS or stamp_date(line):
        return False
    if re.match(r"^(?:by|from|filed by|written by|updated|published|posted)\b", line, re.I):
        return False
    return not re.fullmatch(r"[\d:.\s]+(?:[A-Z]{2,4})?", line)


def find_title(text: str) -> str | None:
    """The headline: first substantial line that is not a stamp, byline or site name.
    ``None`` if the first such line is a body paragraph (the capture lost its headline)."""
    if not isinstance(text, str):
        return None
    for line in _lines(text)[:TITLE_SEARCH_LINES]:
        if not _is_title_candidate(line):
            continue
        if word_count(line) > MAX_TITLE_WORDS or (is_body_line(line) and line.count(". ") >= 1):
            return None
        return line
    return None


# --- outlet ------------------------------------------------------------------------------------

def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"(?:[\s.,;:|]|\b(?:and|of|the|&)\b)+$", "", name.strip())
    if not name or word_count(name) > MAX_OUTLET_WORDS or name.lower() in {"the", "all", "by"}:
        return None
    return name.title() if name.isupper() and len(name) > 4 else name


def initials(phrase: str) -> str:
    """Capital letters of each word: "Northbridge News Service" → "NNS", "NewsLine Asia" → "NLA"."""
    return "".join(c for word in phrase.split() for c in word if c.isupper())


def looks_like_outlet_name(phrase: str) -> bool:
    """Some word holds an outlet word: "Northbridge News Service", "NewsLine Asia"."""
    parts = re.findall(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])", phrase)  # camel case split too
    return any(p.lower() in OUTLET_NAME_WORDS for p in parts)


def expand_abbreviation(abbreviation: str, text: str) -> str | None:
    """An outlet-like capitalised name in ``text`` whose initials spell ``abbreviation``
    ("NNS" → "Northbridge News Service")."""
    if not abbreviation.isupper() or not 2 <= len(abbreviation) <= 6:
        return None
    for m in _CAPITALISED_RUN.finditer(text):
        words = m.group(0).split()
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                phrase = " ".join(words[i:j])
                if initials(phrase) == abbreviation and looks_like_outlet_name(phrase):
                    return phrase.title() if phrase.isupper() else phrase
    return None


def _first(rx: re.Pattern[str], *texts: str) -> str | None:
    for text in texts:
        for m in rx.finditer(text):
            name = _clean_name(m.group("name"))
            if name:
                return name
    return None


def _trending(raw: str, cleaned: str) -> str | None:
    return _first(_TRENDING_ON, raw)


def _source(raw: str, cleaned: str) -> str | None:
    return _first(_SOURCE, cleaned, raw)


def _copyright(raw: str, cleaned: str) -> str | None:
    return _first(_COPYRIGHT, raw)


def _reports(raw: str, cleaned: str) -> str | None:
    return _first(_REPORTS, cleaned, raw)


def _dateline_credit(raw: str, cleaned: str) -> str | None:
    for text in (cleaned, raw):
        for m in _DATELINE_CREDIT.finditer(text):
            credit = m.group("credit").strip()
            if credit.isupper():
                expanded = expand_abbreviation(credit, raw)
                if expanded:
                    return expanded
                continue
            return _clean_name(credit)
    return None


def _byline(raw: str, cleaned: str) -> str | None:
    for text in (cleaned, raw):
        for line in _lines(text)[:15]:
            for abbreviation, outlet in BYLINE_ABBREVIATIONS.items():
                if re.match(rf"(?:by\s+)?{re.escape(abbreviation)}\b", line, re.I):
                    return outlet
        for m in _BYLINE_WHOLE.finditer(text):
            name = m.group("name").strip()
            if name in WIRE_AGENCIES or name.removeprefix("the ") in WIRE_AGENCIES:
                return name
        m = _BYLINE_AGENCY.search(text)
        if m and (name := _clean_name(m.group("name"))) and name.lower() not in {"our", "staff"}:
            if name.isupper():
                return expand_abbreviation(name, raw) or name
            return name
    return None


def _masthead(raw: str, cleaned: str) -> str | None:
    for line in _lines(raw)[:3]:
        first = re.split(r"\s+[|·]\s+", line)[0]
        words = first.split()
        if 1 <= len(words) <= 4 and looks_like_outlet_name(first) and not re.search(r"\d", first):
            return _clean_name(first)
    return None


OUTLET_CUES: tuple[tuple[str, Callable[[str, str], str | None]], ...] = (
    ("site self-reference", _trending),
    ("source credit", _source),
    ("copyright holder", _copyright),
    ("reports credit", _reports),
    ("dateline credit", _dateline_credit),
    ("byline", _byline),
    ("masthead", _masthead),
)
"""Outlet cues, most specific first; each takes (raw, cleaned) and returns a name or None."""


def find_outlet(raw: str, cleaned: str) -> str | None:
    """The outlet that published the capture, from the first cue that names one."""
    raw = raw if isinstance(raw, str) else ""
    cleaned = cleaned if isinstance(cleaned, str) else ""
    for _, cue in OUTLET_CUES:
        name = cue(raw, cleaned)
        if name:
            return name
    return None
