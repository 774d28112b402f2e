"""Stance shifts (annotation guide §5): changes of position the text reports, and the
corpus-level list of shifts.

:func:`find_shift_cues` finds the words by which a text reports a change of position
("Moscow's position had changed since", "marked a striking change of position", "a
U-turn", "abandoned his call for …", "no longer"), skipping hypotheticals ("wait for
Zelensky to change his position") and denials ("has not changed its position"). Each cue
says where the *old* and the *new* position are described around it.

:func:`find_shifts` applies §5 to the statements table: per speaker (matched by
surname, canonicalised through the gazetteer) and topic, statements in date order; a
month-precision statement takes part only when no day-precision statement of the same
speaker and topic falls in that month; a date with both signs is left out; each change of
sign between consecutive dates is a shift, dated at the first statement of the new sign,
with the documents of the two statements. A shift the text reports is a shift whatever
the statements say; an implicit shift to the same stance within :data:`MERGE_DAYS` of it
is the same shift.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING


from .gazetteer import Gazetteer, default_gazetteer
from .prefilter import Prefilter
from .temporal import find_date_expressions, parse_iso

if TYPE_CHECKING:
    import pandas as pd

SHIFT_COLUMNS = ["speaker", "topic", "date", "from_stance", "to_stance", "explicit", "doc_ids", "evidence"]
MERGE_DAYS = 31
"""An implicit shift this close to a reported one (same speaker, topic, new stance) is merged into it."""

_POSITION = r"(?:position|positions|stance|policy|view|views|approach|line|tune|mind|thinking)"
_CUES: list[tuple[str, re.Pattern]] = [
    ("changed", re.compile(rf"\b{_POSITION}\s+(?:had|has|have|was|is)?\s*(?:since\s+|now\s+|clearly\s+)?"
                           rf"(?:changed|shifted|softened|hardened|evolved|reversed|flipped)\b", re.I)),
    ("changed", re.compile(rf"\b(?:changed|shifted|reversed|softened|hardened|flipped)\s+(?:his|her|its|their)\s+"
                           rf"(?:\w+\s+)?{_POSITION}\b", re.I)),
    ("object", re.compile(r"\b(?:abandon(?:ed|s|ing)?|dropp(?:ed|ing)|drops?|revers(?:ed|es|ing)|backtrack(?:ed|s|ing)?"
                          r"\s+on|back(?:ed|s|ing)?\s+away\s+from|walk(?:ed|s|ing)?\s+back|retreat(?:ed|s|ing)?\s+from|"
                          r"(?:gave|gives|give)\s+up)\s+(?:(?:his|her|its|their|the|an?)\s+)?(?:(?:earlier|previous|"
                          r"long-standing|longstanding|repeated|initial)\s+)?(?P<obj>(?:calls?|demands?|push|insistence|"
                          r"opposition|refusal|support|plan|idea|request|conditions?|preconditions?|objections?|"
                          r"decision|pledge|threat|offer|position|stance|policy)\b)", re.I)),
    ("prefix", re.compile(r"\b(?:in|with)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:change\s+of\s+(?:heart|course|tack)|shift|"
                          r"reversal|u-turn|about-face|turnaround|climbdown|volte-face|turnabout)\b", re.I)),
    ("marked", re.compile(r"\b(?:marked|marks|mark|represents?|represented|signall?ed|signals|amounted\s+to|"
                          r"amounts\s+to|was|is)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:change|shift|reversal|u-turn|"
                          r"about-face|turnaround|climbdown|volte-face|turnabout)\b(?:\s+(?:of|in)\s+(?:position|stance|"
                          r"policy|course|heart|tack|tone))?", re.I)),
    ("marked", re.compile(r"(?:^|[,;:(-]\s*)(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:reversal|u-turn|about-face|climbdown|"
                          r"volte-face|turnabout)\s+(?:of|from|on)\b", re.I)),
    ("no_longer", re.compile(r"\bno\s+longer\b", re.I)),
]
_CUE_FILTER = Prefilter({"cues": [(cue, cue[1]) for cue in _CUES]})
"""Cue patterns are only run on sentences holding their key words ("position", "u-turn" …)."""
_QUOTE_MARKS = re.compile(r"[\"“”]")
_IRREALIS = re.compile(r"\b(?:to|would|could|might|may|will|should|must|if|unless|whether|not|never|n't|cannot)"
                       r"\s+(?:[\w']+\s+){0,1}$", re.I)
_OWNER_BEFORE = re.compile(rf"(?P<owner>[A-Z][\w-]*|his|her|its|their)(?:['’]s)?\s+(?:[\w-]+\s+)?{_POSITION}\b")
_OWNER_AFTER = re.compile(rf"^(?:\s+[\w-]+){{0,4}}?\s+(?:in|from|of|on)\s+(?:the\s+)?(?P<owner>[A-Z][\w-]*)(?:['’]s)?"
                          rf"\s+(?:[\w-]+\s+)?{_POSITION}\b")
_OBJECT_END = re.compile(r"[,;:!?]|\s[-–—]+\s|\.(?:\s|$)|\b(?:and said|saying|but)\b")


@dataclass
class ShiftCue:
    """A reported change of position in one sentence (document offsets)."""

    kind: str  # changed, object, marked, prefix, no_longer
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str
    object_start: int | None = None
    owner: str | None = None
    old_spans: list[tuple[int, int]] = field(default_factory=list)
    new_spans: list[tuple[int, int]] = field(default_factory=list)

    def bind_clause(self, clause_start: int) -> None:
        """Place the old and new position around the cue, given where its clause starts
        (the sentence, or the attributed words that hold it)."""
        clause_start = max(clause_start, self.sentence_start)
        before, after = (clause_start, self.start), (self.end, self.sentence_end)
        if self.kind == "changed":
            self.old_spans, self.new_spans = [before], [after]
        elif self.kind == "object" and re.match(rf"{_POSITION}\b", self.text[(self.object_start or self.end) - self.start:]):
            self.old_spans, self.new_spans = [], [after]  # 'reversed its position and agreed to talks'
        elif self.kind == "object":
            self.old_spans, self.new_spans = [(self.object_start or self.end, self._object_end())], []
        elif self.kind == "marked":
            self.old_spans, self.new_spans = [after], [before]
        elif self.kind == "prefix":
            self.old_spans, self.new_spans = [], [after]  # 'In a U-turn, Zelensky said he was ready …' 
        else:
            self.old_spans, self.new_spans = [], [(self.start, self._object_end(from_pos=self.start))]

    def _object_end(self, from_pos: int | None = None) -> int:
        """End of the object phrase: a comma, dash, clause break or date expression."""
        pos = self.object_start if from_pos is None else from_pos
        pos = self.end if pos is None else pos
        rel = pos - self.sentence_start
        rest = self.sentence[rel:]
        stops = [m.start() for m in _OBJECT_END.finditer(rest) if m.start() > 0]
        stops += [e.start for e in find_date_expressions(rest) if e.start > 0]
        return pos + (min(stops) if stops else len(rest))

    def owner_side(self, gazetteer: Gazetteer | None = None) -> str | None:
        """Party code of whose position it is ("Moscow's position" → RU), if named."""
        if not self.owner or self.owner.lower() in ("his", "her", "its", "their"):
            return None
        gaz = gazetteer or default_gazetteer()
        code = gaz.party_of_demonym(self.owner)
        if code:
            return code
        entry = gaz.lookup(self.owner)
        return entry.side if entry is not None else None


def find_shift_cues(sentence: str, *, offset: int = 0) -> list[ShiftCue]:
    """Reported changes of position in one sentence; ``offset`` is the sentence's
    position in the document."""
    work = _QUOTE_MARKS.sub(" ", sentence)
    cues: list[ShiftCue] = []
    for kind, rx in _CUE_FILTER.candidates("cues", _CUE_FILTER.scan(work)):
        for m in rx.finditer(work):
            if _IRREALIS.search(work[:m.start()]) or any(m.start() < c.end - offset and c.start - offset < m.end()
                                                          for c in cues):
                continue
            obj = m.start("obj") if "obj" in rx.groupindex else None
            cue = ShiftCue(kind, offset + m.start(), offset + m.end(), sentence[m.start():m.end()], offset,
                           offset + len(sentence.rstrip()), sentence,
                           object_start=offset + obj if obj is not None else None,
                           owner=_owner(work, m.start(), m.end()))
            cue.bind_clause(offset)
            cues.append(cue)
    return sorted(cues, key=lambda c: c.start)


def _owner(work: str, start: int, end: int) -> str | None:
    window = work[max(0, start - 40):end]
    found = list(_OWNER_BEFORE.finditer(window))
    if found:
        return found[-1].group("owner")
    m = _OWNER_AFTER.match(work[end:end + 80])
    return m.group("owner") if m else None


# --- corpus level ------------------------------------------------------------------------------

def speaker_key(name: str, *, gazetteer: Gazetteer | None = None) -> str:
    """Identity of a speaker across documents: the gazetteer's canonical name (so that
    Zelensky and Zelenskyy are one person), else the surname (or an institution's name)."""
    gaz = gazetteer or default_gazetteer()
    text = str(name).strip()
    entry = gaz.lookup(text)
    if entry is None and " " in text:
        entry = gaz.lookup(text.split()[-1])
        if entry is not None and entry.kind != "person":
            entry = None
    if entry is not None:
        return entry.name
    words = re.findall(r"[\w'-]+", text)
    return words[-1].lower() if len(words) <= 3 and words else text.lower()


@dataclass
class _Shift:
    key: str
    speaker: str
    topic: str
    when: date
    iso: str
    from_stance: int
    to_stance: int
    explicit: bool
    docs: set[str]
    evidence: str


def find_shifts(statements: pd.DataFrame | None, reported: pd.DataFrame | None) -> pd.DataFrame:
    import pandas as pd  # not at module level: extraction workers never need pandas

    """The corpus-level ``shifts`` table from the statements and the reported shifts."""
    statements = _usable(statements, ("doc_id", "speaker", "topic", "stance", "date"))
    reported = _usable(reported, ("doc_id", "speaker", "topic", "from_stance", "to_stance", "date"))
    implicit = _implicit_shifts(statements)
    explicit = _explicit_shifts(reported, statements)
    shifts = _merge(explicit, implicit)
    rows = [{"speaker": s.speaker, "topic": s.topic, "date": s.iso, "from_stance": s.from_stance,
             "to_stance": s.to_stance, "explicit": s.explicit, "doc_ids": sorted(s.docs), "evidence": s.evidence}
            for s in sorted(shifts, key=lambda s: (s.speaker, s.topic, s.when, s.to_stance))]
    return pd.DataFrame(rows, columns=SHIFT_COLUMNS)


def _usable(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    if frame is None or len(frame) == 0 or any(c not in frame.columns for c in columns):
        return pd.DataFrame(columns=list(columns) + ["sentence"])
    frame = frame.copy()
    if "sentence" not in frame.columns:
        frame["sentence"] = None
    frame = frame[frame["speaker"].notna() & frame["topic"].notna() & frame["date"].notna()]
    return frame


def _dated(frame: pd.DataFrame) -> list[dict]:
    """Rows with a parsed date (``_when``, ``_precision``) and a speaker key."""
    out = []
    for row in frame.to_dict("records"):
        parsed = parse_iso(str(row["date"]))
        if parsed is None:
            continue
        row["_when"], row["_precision"] = parsed.value, parsed.precision
        row["_key"] = speaker_key(row["speaker"])
        out.append(row)
    return out


def _implicit_shifts(statements: pd.DataFrame) -> list[_Shift]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in _dated(statements):
        groups.setdefault((row["_key"], row["topic"]), []).append(row)
    shifts = []
    for (key, topic), rows in sorted(groups.items()):
        dates = _signed_dates(rows)
        for (prev_when, prev_sign, prev_rows), (when, sign, new_rows) in zip(dates, dates[1:]):
            if sign == prev_sign:
                continue
            first = min(new_rows, key=lambda r: (str(r["doc_id"]), r.get("start") or 0))
            shifts.append(_Shift(key, _display_name(rows), topic, when, str(first["date"]), prev_sign, sign, False,
                                 {str(r["doc_id"]) for r in prev_rows + new_rows}, str(first.get("sentence") or "")))
    return shifts


def _signed_dates(rows: list[dict]) -> list[tuple[date, int, list[dict]]]:
    """One entry per date that takes part: month-precision dates only when no day of that
    month is known, dates with both signs left out; in date order."""
    day_months = {(r["_when"].year, r["_when"].month) for r in rows if r["_precision"] == "day"}
    kept = [r for r in rows if r["_precision"] == "day" or (r["_when"].year, r["_when"].month) not in day_months]
    by_date: dict[tuple[date, str], list[dict]] = {}
    for r in kept:
        by_date.setdefault((r["_when"], r["_precision"]), []).append(r)
    out = []
    for (when, _), group in sorted(by_date.items(), key=lambda kv: (kv[0][0], kv[0][1] != "month")):
        signs = {int(r["stance"]) for r in group}
        if len(signs) == 1:
            out.append((when, signs.pop(), group))
    return out


def _display_name(rows: list[dict]) -> str:
    """The speaker name to show: the gazetteer's, else the longest spelling in the rows."""
    key = rows[0]["_key"]
    entry = default_gazetteer().lookup(key)
    if entry is not None:
        return entry.name
    return max((str(r["speaker"]) for r in rows), key=lambda n: (len(n), n))


def _explicit_shifts(reported: pd.DataFrame, statements: pd.DataFrame) -> list[_Shift]:
    stated = _dated(statements)
    shifts: list[_Shift] = []
    for row in sorted(_dated(reported), key=lambda r: (r["_when"], str(r["doc_id"]))):
        to_stance = int(row["to_stance"])
        same = next((s for s in shifts if s.key == row["_key"] and s.topic == row["topic"]
                     and s.to_stance == to_stance and abs((s.when - row["_when"]).days) <= MERGE_DAYS), None)
        if same is not None:
            same.docs.add(str(row["doc_id"]))
            continue
        shifts.append(_Shift(row["_key"], _display_name([row]), row["topic"], row["_when"], str(row["date"]),
                             int(row["from_stance"]), to_stance, True, {str(row["doc_id"])},
                             str(row.get("sentence") or "")))
    for shift in shifts:
        shift.docs |= _evidencing_docs(shift, stated)
    return shifts


def _evidencing_docs(shift: _Shift, stated: list[dict]) -> set[str]:
    """Documents of the last statement of the old stance before the shift and of the new
    stance on its date."""
    mine = [r for r in stated if r["_key"] == shift.key and r["topic"] == shift.topic]
    before = [r for r in mine if int(r["stance"]) == shift.from_stance and r["_when"] < shift.when]
    docs = set()
    if before:
        last = max(r["_when"] for r in before)
        docs |= {str(r["doc_id"]) for r in before if r["_when"] == last}
    docs |= {str(r["doc_id"]) for r in mine if int(r["stance"]) == shift.to_stance and r["_when"] == shift.when}
    return docs


def _merge(explicit: list[_Shift], implicit: list[_Shift]) -> list[_Shift]:
    out = list(explicit)
    for shift in implicit:
        twin = next((e for e in explicit if e.key == shift.key and e.topic == shift.topic
                     and e.to_stance == shift.to_stance and abs((e.when - shift.when).days) <= MERGE_DAYS), None)
        if twin is not None:
            twin.docs |= shift.docs
        else:
            out.append(shift)
    return out
