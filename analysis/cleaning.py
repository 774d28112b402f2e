"""Strip page boilerplate from a plain-text page capture, keeping the article verbatim.

A capture is a web page flattened to text: navigation, teasers of other stories,
advertisements, share prompts, reader comments and site footers surround the article.
:func:`clean_capture` drops those *lines* (article lines are never edited) using general
line features, not strings of particular pages:

- a documented, extendable phrase lexicon (:class:`Lexicon`, :data:`DEFAULT_LEXICON`)
  of whole-line UI text, block headers ("Related coverage", "Most read"), comments
  headers ("Comments (12)"), page-end footers ("Copyright 2022 …") and inline teasers
  ("ALSO READ: …");
- line shape: breadcrumbs ("World | Europe | …"), list markers ("- ", "1. ", "› ",
  ">> "), short mastheads above the headline, photo captions;
- position relative to the body: the body starts at the first full sentence line
  (:func:`is_body_line`). After it, a comments header or a page-end footer ends the
  article; a block header ("also read", "Related", "Previous Story") opens a teaser
  block that is dropped until a full body paragraph resumes. Teaser titles and blurbs
  are not full body lines (no final full stop, or cut off mid-sentence).

``removed`` in the result is ``len(raw) - len(text)``: every character not in the
cleaned text (boilerplate lines plus collapsed blank lines).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["blank", "ui", "teaser", "caption", "nav", "block", "comments", "end", "footer", "text"]


def _rx(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive full-line pattern from alternatives."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# --- the lexicon -----------------------------------------------------------------------
# Each tuple holds regular expressions matched against a whole stripped line (fullmatch,
# case-insensitive) unless noted. Extend a copy with dataclasses.replace(DEFAULT_LEXICON, …).

UI_LINES = (
    r"skip to (?:main )?(?:content|navigation)",
    r"advertisements?|advert|sponsored(?: content)?|paid (?:content|post)|promoted(?: content)?",
    r"story continues below(?: advertisement)?|continue reading(?: below)?|scroll to continue.*",
    r"key events|show key events only|refresh|live updates|load more(?: updates| comments)?",
    r"please (?:turn on|enable) javascript.*",
    r"\d+\s*min(?:ute)?s?\.?\s+(?:read|listen)",
    r"(?:updated|published|posted):?\s*\d+\s*(?:s|m|h|d|w|secs?|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago",
    r"\d+\s*(?:s|m|h|d|w|secs?|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago",
    r"updated date:\s*",
    r"sort by:?.*|reply(?:\s+\d+)?|\d{1,4}|report(?: comment| abuse)?|(?:sign|log) in to (?:comment|reply).*",
    r"print(?: this)?(?: article| page)?|email(?: this)?(?: article)?|save(?: article)?|bookmark",
    r"[\W_]+",  # separators: "___", "***", "• • •"
)
"""Lines that are pure page UI."""

UI_PHRASES = (
    r"\bfollow us on\b", r"\bread all the latest\b", r"\bsubscribe to (?:our|the)\b",
    r"\bsign up (?:for|to) (?:our|the)\b", r"\bdownload (?:the|our) .{0,30}\bapp\b",
    r"\bclick here to\b", r"\bjoin (?:us on|our) (?:telegram|whatsapp|facebook)\b",
    r"\bget the latest .{0,40}\bnewsletter\b",
)
"""Phrases that mark a (short) line as a promotion or share/follow prompt."""

SHARE_WORDS = frozenset("""share this article story post on via facebook twitter x email e-mail whatsapp
linkedin telegram reddit pinterest print copy link save listen min comment comments bookmark gift""".split())
"""A line made only of these words (plus separators and numbers) is a share bar."""
SHARE_TRIGGERS = frozenset("share facebook twitter whatsapp linkedin telegram listen bookmark".split())

BLOCK_HEADERS = (
    r"also read|read also|see also|also see|also on .{1,30}",
    r"related(?: (?:coverage|stories|articles|content|news|links|reading|topics|posts))?",
    r"more (?:from|on|in|about) [\w &'.-]{1,40}|more (?:stories|news|articles)(?: like this)?",
    r"read more|read next|what to read next|up next|catch[ -]?up|in case you missed it",
    r"most (?:read|popular|viewed|shared|watched)(?: (?:stories|articles|news))?|popular(?: now)?",
    r"trending(?: (?:now|stories|news|on .{1,40}))?|latest(?: (?:news|stories|headlines))?",
    r"latest from.{0,40}|previous (?:story|article|post)|next (?:story|article|post)",
    r"don'?t miss|do not miss|editor'?s picks?|recommended(?: (?:for you|stories|reading))?",
    r"you (?:may|might) (?:also )?(?:like|be interested in)|top stories|top news|must read",
)
"""Headers of teaser lists (a line of their own, maybe ending with ":")."""

COMMENTS_HEADERS = (
    r"(?:reader|readers'?|user|your) comments?(?:\s*[(/:]?\s*\d+\s*\)?)?",
    r"comments?(?:\s*[(/:|]?\s*\d+\s*\)?)?(?:\s*[|·]\s*.*)?",
    r"\d+\s+comments?(?:\s*[|·].*)?",
    r"(?:view|show|load|read|see|add|post|leave|write) (?:all )?(?:\d+ )?(?:a |your )?comments?.*",
    r"join the (?:conversation|discussion|debate).*|have your say.*",
)
"""Headers of the reader-comments section: everything after them is dropped."""

PAGE_END_LINES = (
    r"(?:copyright|\(c\)|©).*all rights reserved.*|our standards:.*|(?:go|back) ?to ?top|comments are (?:closed|disabled|turned off).*",
    r"(?:do you have|got) a (?:story|news tip|tip)\b.*|this (?:material|article|content) may not be .*",
)
"""Site footers: after the body, nothing that follows them belongs to the article."""

FOOTER_LINES = (
    r"tags?:.*|topics?:.*|filed under:.*|updated date:.*|more about:.*",
    r"(?:copyright|©|\(c\))\s.{0,60}",
)
"""Softer footers: dropped, and after the body they open a teaser block."""

INLINE_TEASERS = (
    r"(?:also read|read also|read more|see also|also see|related|more|watch|listen|must read|"
    r"don'?t miss|recommended|trending|latest)\s*(?::|\||>>|»|›|-|–)\s*\S.*",
)
"""A teaser of another story on a line of its own ("ALSO READ: Ruble in freefall")."""

CAPTION_LINES = (
    r".{0,200}\((?:photo|image|picture|file photo|video)\s*[/:|][^)]{1,60}\)",
    r"(?:file (?:image|photo|picture)|(?:photo|image|picture)(?: credit)?\s*:).{0,200}",
    r".{0,200}\.\s+(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|ANI|PTI|IANS|Shutterstock)(?: (?:photo|images?))?\.?",
    r".{0,200}(?:photo|image|picture)s?\s*(?:credit)?\s*:\s*[^.]{1,60}",
)
"""Photo captions and credits (only short lines: see :data:`MAX_CAPTION_WORDS`)."""


@dataclass(frozen=True)
class Lexicon:
    """The cue phrases of :func:`clean_capture`, as tuples of regular expressions."""

    ui_lines: tuple[str, ...] = UI_LINES
    ui_phrases: tuple[str, ...] = UI_PHRASES
    block_headers: tuple[str, ...] = BLOCK_HEADERS
    comments_headers: tuple[str, ...] = COMMENTS_HEADERS
    page_end_lines: tuple[str, ...] = PAGE_END_LINES
    footer_lines: tuple[str, ...] = FOOTER_LINES
    inline_teasers: tuple[str, ...] = INLINE_TEASERS
    caption_lines: tuple[str, ...] = CAPTION_LINES
    share_words: frozenset[str] = SHARE_WORDS
    share_triggers: frozenset[str] = SHARE_TRIGGERS


DEFAULT_LEXICON = Lexicon()

MAX_PROMO_WORDS = 40
"""A line with a promotion phrase is dropped only if it is at most this long."""
MAX_CAPTION_WORDS = 30
MAX_HEADER_WORDS = 8
"""Block/comments headers are short; longer lines are never headers."""
MIN_BODY_WORDS = 10
"""A body paragraph line has at least this many words and ends a sentence."""
MAX_MASTHEAD_WORDS = 3
"""Above the headline, lines this short (no digits, not a byline) are site names or sections."""

_LIST_MARKER = re.compile(r"^\s*(?:[-–—•*›»▸►▪]|>>|\d{1,2}[.)])\s+\S")
_BREADCRUMB_SEP = re.compile(r"\s+(?:\||>|›|»|/|·|•)\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]»]*\s*$")
_CUT_OFF = re.compile(r"(?:\.\.\.|…)[\"'”’)\]»]*\s*$")
_BYLINE = re.compile(r"^\s*(?:by|from|filed by|written by|reporting by)\s", re.I)
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class CleanResult:
    """Cleaned article text, the dropped lines (for audit) and ``len(raw) - len(text)``."""

    text: str
    removed_lines: list[str] = field(default_factory=list)
    removed: int = 0


@dataclass(frozen=True)
class _Compiled:
    ui_lines: re.Pattern[str]
    ui_phrases: re.Pattern[str]
    block_headers: re.Pattern[str]
    comments_headers: re.Pattern[str]
    page_end_lines: re.Pattern[str]
    footer_lines: re.Pattern[str]
    inline_teasers: re.Pattern[str]
    caption_lines: re.Pattern[str]
    share_words: frozenset[str]
    share_triggers: frozenset[str]


def _compile(lexicon: Lexicon) -> _Compiled:
    return _Compiled(
        ui_lines=_rx(lexicon.ui_lines), ui_phrases=_rx(lexicon.ui_phrases),
        block_headers=_rx(lexicon.block_headers), comments_headers=_rx(lexicon.comments_headers),
        page_end_lines=_rx(lexicon.page_end_lines), footer_lines=_rx(lexicon.footer_lines),
        inline_teasers=_rx(lexicon.inline_teasers), caption_lines=_rx(lexicon.caption_lines),
        share_words=lexicon.share_words, share_triggers=lexicon.share_triggers)


_DEFAULT_COMPILED = _compile(DEFAULT_LEXICON)


def word_count(line: str) -> int:
    """Number of word tokens in a line."""
    return len(_WORD.findall(line))


def is_body_line(line: str) -> bool:
    """A full body paragraph: enough words, ends a sentence, not cut off with '…'."""
    s = line.strip()
    return (word_count(s) >= MIN_BODY_WORDS and bool(_SENTENCE_END.search(s))
            and not _CUT_OFF.search(s) and not _LIST_MARKER.match(s))


def is_list_item(line: str) -> bool:
    """Starts with a list marker: "- ", "• ", "› ", ">> ", "1. "."""
    return bool(_LIST_MARKER.match(line))


def is_breadcrumb(line: str) -> bool:
    """Short items joined by separators: "World | Europe | Ukraine", "Home > World"."""
    s = line.strip()
    parts = [p for p in _BREADCRUMB_SEP.split(s) if p.strip()]
    if len(parts) < 2 or re.search(r"\d", s) or _BYLINE.match(s):
        return False
    return all(word_count(p) <= 4 and not _SENTENCE_END.search(p) for p in parts)


def _is_share_bar(line: str, lex: _Compiled) -> bool:
    """Only share words (digits aside), one of them a trigger; stops at the first other word."""
    seen = triggered = False
    for match in _WORD.finditer(line):
        word = match.group().lower()
        if word.isdigit():
            continue
        if word not in lex.share_words:
            return False
        seen, triggered = True, triggered or word in lex.share_triggers
    return seen and triggered


def _header_text(line: str) -> str:
    """A header line without decoration: "Related coverage:" → "Related coverage"."""
    return re.sub(r"^[\W_]+|[\s:|>»›.\-–—]+$", "", line.strip())


def classify_line(line: str, *, lexicon: Lexicon = DEFAULT_LEXICON) -> LineKind:
    """The kind of one line, from the lexicon and its shape (position is not used here)."""
    lex = _DEFAULT_COMPILED if lexicon is DEFAULT_LEXICON else _compile(lexicon)
    return _classify(line, lex)


def _classify(line: str, lex: _Compiled) -> LineKind:
    s = line.strip()
    if not s:
        return "blank"
    words = word_count(s)
    head = _header_text(s)
    if words <= MAX_HEADER_WORDS and lex.comments_headers.fullmatch(head or s):
        return "comments"
    if words <= MAX_PROMO_WORDS and lex.page_end_lines.fullmatch(s):
        return "end"
    if words <= MAX_PROMO_WORDS and lex.footer_lines.fullmatch(s):
        return "footer"
    if words <= MAX_HEADER_WORDS and head and lex.block_headers.fullmatch(head):
        return "block"
    if lex.ui_lines.fullmatch(s) or _is_share_bar(s, lex):
        return "ui"
    if words <= MAX_PROMO_WORDS and lex.ui_phrases.search(s):
        return "ui"
    if lex.inline_teasers.fullmatch(s) and not is_body_line(s.split(":", 1)[-1]):
        return "teaser"
    if words <= MAX_CAPTION_WORDS and lex.caption_lines.fullmatch(s):
        return "caption"
    if is_breadcrumb(s):
        return "nav"
    return "text"


def _is_masthead(line: str) -> bool:
    """A site name or section label above the headline ("VALLEY COURIER", "Military")."""
    s = line.strip()
    return word_count(s) <= MAX_MASTHEAD_WORDS and not re.search(r"\d", s) and not _BYLINE.match(s)


@dataclass
class _State:
    body_started: bool = False
    headline_seen: bool = False
    mode: Literal["normal", "block", "end"] = "normal"
    after_top_header: bool = False


def _keep(line: str, kind: LineKind, st: _State) -> bool:
    """Decide one line given the state so far; updates the state."""
    if st.mode == "end":
        return False
    if kind in ("comments", "end"):
        if st.body_started:
            st.mode = "end"
        return False
    if kind in ("block", "footer"):
        if st.body_started:
            st.mode = "block"
        else:
            st.after_top_header = True
        return False
    if kind in ("ui", "teaser", "caption", "nav"):
        return False
    if st.mode == "block":
        if not is_body_line(line):
            return False
        st.mode = "normal"
    if not st.body_started and st.after_top_header and is_list_item(line):
        return False
    if not st.headline_seen:
        if _is_masthead(line):
            return False
        st.headline_seen = True
    if is_body_line(line):
        st.body_started = True
    st.after_top_header = False
    return True


def clean_capture(raw: str, *, lexicon: Lexicon = DEFAULT_LEXICON) -> CleanResult:
    """Drop boilerplate lines from a page capture; kept lines stay verbatim.

    Kept lines are joined with "\\n\\n" where the source had a blank line (or more)
    between them, else with "\\n". ``removed`` is ``len(raw) - len(text)``.
    """
    if not isinstance(raw, str) or not raw:
        return CleanResult("", [], 0)
    lex = _DEFAULT_COMPILED if lexicon is DEFAULT_LEXICON else _compile(lexicon)
    state = _State()
    kept: list[str] = []
    removed_lines: list[str] = []
    pieces: list[str] = []
    gap = False
    for line in raw.splitlines():
        kind = _classify(line, lex)
        if kind == "blank":
            gap = True
            continue
        if _keep(line, kind, state):
            if kept:
                pieces.append("\n\n" if gap else "\n")
            pieces.append(line)
            kept.append(line)
            gap = False
        else:
            removed_lines.append(line)
    text = "".join(pieces)
    return CleanResult(text, removed_lines, len(raw) - len(text))
