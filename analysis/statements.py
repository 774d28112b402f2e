"""Statements and stance (annotation guide §4) and the stance changes a text reports (§5).

:func:`extract_statements` turns every attribution of a document (:mod:`analysis.speech`)
into rows: for each position the attributed words take (:mod:`analysis.stance`), one row
per speaker, topic and stance, keeping the first evidence whose date the text states.
A position whose clause has another party as subject belongs to that party: reported by
the speaker, a refusal is the speaker's complaint ("Zakharova said Kyiv had torpedoed the
talks" → +1), anything else is not the speaker's position unless demanded ("Europe
must …").

A statement's date is read from the attribution's own words ("said on Monday" → the
Monday on or before the article's date; "last week" → the month; "on October 4, 2022"),
else carried from the statement a pronoun refers back to ("He added …") or from the
previous statement ("Hours later …"), else the day the lead reports on ("…, an official
said on Tuesday"), else the article's date.

:func:`extract_reported_shifts` finds changes of position the text itself reports
(:func:`analysis.shifts.find_shift_cues`): whose position changed, on which topic, from
which stance to which, and when. The old position a speaker describes while reporting
the change ("Putin had ordered a pause … but Moscow's position had changed since") is
not a statement of that speaker.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .actors import Actor, find_actors
from .gazetteer import default_gazetteer
from .shifts import ShiftCue, find_shift_cues
from .speech import Attribution, Sentence, find_attributions, is_speaker, long_quotes, sentences
from .stance import StanceHit, find_stances
from .temporal import ResolvedDate, find_date_expressions, parse_iso, resolve
from .tokens import token_view

log = logging.getLogger(__name__)

STATEMENT_COLUMNS = ["doc_id", "speaker", "side", "date", "topic", "stance", "quote", "sentence", "start", "end", "cue"]
REPORTED_SHIFT_COLUMNS = ["doc_id", "speaker", "topic", "from_stance", "to_stance", "date", "sentence", "start",
                          "end", "cue", "side"]
LEAD_SENTENCES = 8
"""Sentences from the top searched for the lead (the first full sentence), which sets the story's day."""
CONTEXT_SENTENCES = 6
"""Sentences before a clause searched for what "this proposal" / "this" refers to."""
_DEONTIC = re.compile(r"\b(?:should|must|needs? to|has to|have to|ought to)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:that|but|whether|while|although)\b", re.I)
_SUBJECT_VERB = re.compile(r"\s*(?:\w+ly\s+)?(?:is|are|was|were|had|has|have|would|will|did|does|do|could|can|"
                           r"remain(?:s|ed)?|want(?:s|ed)?|hope[sd]?|seem(?:s|ed)?|appear(?:s|ed)?)\b", re.I)
_SIDE_PHRASE = re.compile(
    r"\bthe\s+(?:(?P<demonym>Ukrainian|Russian|American|European|British|German|French|Turkish|Belarusian|Chinese)"
    r"\s+(?:side|team|delegation|government|leadership|authorities|army|military|forces|negotiators|regime|president)"
    r"|West(?:ern\s+(?:countries|allies|partners|governments|nations))?)\b")
_DAY_WORDS = re.compile(r"\b(?:today|tonight|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                        re.I)
_WORD = re.compile(r"\w+")
_FULL_STOP_END = re.compile(r"[.!?\"”]\s*$")
_WHETHER = re.compile(r"\bwhether\b", re.I)
_POSSESSIVE_S = re.compile(r"['’]s\b")
_FOLLOW_ON = re.compile(r"\b(?:hours|minutes|moments) later\b|\blater (?:that|the same) day\b|\bthe same day\b|"
                        r"\bshortly (?:after|afterwards)\b|\bsoon after\b", re.I)


@dataclass
class _Analysis:
    """Everything derived from one document, computed once for both public functions."""

    statements: list[dict] = field(default_factory=list)
    shifts: list[dict] = field(default_factory=list)


def extract_statements(doc: Doc, *, doc_id: str, published: str | None) -> list[dict]:
    """Statement rows of one document (columns :data:`STATEMENT_COLUMNS`)."""
    return [dict(r) for r in _analyse(doc, doc_id, published).statements]


def extract_reported_shifts(doc: Doc, *, doc_id: str, published: str | None) -> list[dict]:
    """Stance changes the document reports (columns :data:`REPORTED_SHIFT_COLUMNS`)."""
    return [dict(r) for r in _analyse(doc, doc_id, published).shifts]


def _analyse(doc: Doc, doc_id: str, published: str | None) -> _Analysis:
    key = ("statements_analysis", doc_id, published)
    cached = doc.user_data.get(key)
    if cached is None:
        try:
            cached = _DocumentAnalyser(doc, doc_id, published).run()
        except (ValueError, IndexError, KeyError, AttributeError, TypeError):  # never fail a build on one text
            log.warning("statements of %s skipped", doc_id, exc_info=True)
            cached = _Analysis()
        doc.user_data[key] = cached
    return cached


class _DocumentAnalyser:
    """Attributions, their dates, statement rows and reported shifts of one document."""

    def __init__(self, doc: Doc, doc_id: str, published: str | None):
        self.doc, self.doc_id, self.text = doc, doc_id, token_view(doc).doc_text
        published_date = parse_iso(published)
        self.anchor = published_date.value if published_date is not None else None
        self.published = ResolvedDate(self.anchor, "day") if self.anchor is not None else None
        self.sents = sentences(doc)
        self.sent_starts = [s.start_char for s in self.sents]
        self.sent_texts = [self.text[s.start_char:s.end_char] for s in self.sents]
        self.quotes = long_quotes(self.text)
        self.gaz = default_gazetteer()
        self.party_ents = self._party_entities()
        self.ent_starts = [start for start, _, _ in self.party_ents]
        self.attributions = find_attributions(doc, gazetteer=self.gaz)
        self.dates: dict[int, ResolvedDate | None] = {}
        self.explicit_date: dict[int, bool] = {}
        self.story = self._story_date()

    def run(self) -> _Analysis:
        self._date_attributions()
        cues = self._shift_cues()
        suppressed = [span for cue, att in cues if att is not None for span in cue.old_spans]
        rows = self._statement_rows(suppressed)
        shifts = self._reported_shifts(cues, rows)
        return _Analysis(statements=rows, shifts=shifts)

    # -- dates -------------------------------------------------------------------------------
    def _story_date(self) -> ResolvedDate | None:
        """The day the story reports on, set by its lead ("…, a senior official said on
        Tuesday"): undated statements default to it rather than to the publication date."""
        if self.anchor is None:
            return None
        lead = next((s for s in self.sent_texts[:LEAD_SENTENCES] if len(_WORD.findall(s)) >= 12
                     and _FULL_STOP_END.search(s)), None)
        if lead is None:
            return self.published
        for expr in find_date_expressions(lead):
            if expr.kind in ("weekday", "relative") and _DAY_WORDS.search(expr.text):
                resolved = resolve(expr, self.anchor, "past")
                if resolved is not None and 0 <= (self.anchor - resolved.value).days <= 6:
                    return resolved
        return self.published

    def _date_attributions(self) -> None:
        previous: Attribution | None = None
        for att in self.attributions:
            self.dates[id(att)] = self._own_date(att, previous)
            if att.how == "accused":
                self.explicit_date[id(att)] = False  # 'X on Monday accused Y of …': the date is X's, not Y's
            if att.how not in ("nominal", "accused", "carried"):
                previous = att

    def _own_date(self, att: Attribution, previous: Attribution | None) -> ResolvedDate | None:
        found = self._frame_date(att)
        self.explicit_date[id(att)] = found is not None
        if found is not None:
            return found
        frame_text = " ".join(self.text[s:e] for s, e in att.frame)
        sentence = self.sent_texts[att.sent_index]
        if previous is not None and (_FOLLOW_ON.search(frame_text) or _FOLLOW_ON.search(sentence[:80])):
            return self.dates.get(id(previous))
        if att.antecedent is not None and id(att.antecedent) in self.dates:
            self.explicit_date[id(att)] = self.explicit_date.get(id(att.antecedent), False)
            return self.dates[id(att.antecedent)]
        if att.how in ("nominal", "accused"):
            host = next((a for a in self.attributions if a is not att and a.sent_index == att.sent_index
                         and a.how not in ("nominal", "accused") and id(a) in self.dates), None)
            if host is not None:
                return self.dates[id(host)]
        return self.story

    def _frame_date(self, att: Attribution) -> ResolvedDate | None:
        """The date expression of the attribution's frame nearest to its verb."""
        best: tuple[int, ResolvedDate] | None = None
        for start, end in att.frame:
            for expr in find_date_expressions(self.text[start:end]):
                resolved = resolve(expr, self.anchor, "past")
                if resolved is None:
                    continue
                distance = abs(start + expr.start - att.verb_start)
                if best is None or distance < best[0]:
                    best = (distance, resolved)
        return best[1] if best else None

    # -- statements --------------------------------------------------------------------------
    def _statement_rows(self, suppressed: list[tuple[int, int]]) -> list[dict]:
        """One row per speaker, topic and stance: the first evidence whose date the text
        states (else the first evidence; the speaker's own words before another's account
        of them, 'X accused Y of …'), in document order."""
        best: dict[tuple[str, str, int], tuple[int, int, dict]] = {}
        order = 0
        for att in self.attributions:
            for hit, offset in self._hits(att):
                start = offset + hit.start
                if any(s <= start < e for s, e in suppressed):
                    continue
                key = (att.speaker.name, hit.topic, hit.stance)
                rank = (0 if self.explicit_date.get(id(att)) else 2) + (att.how == "accused")  # own words first
                order += 1
                if key not in best or (rank, order) < best[key][:2]:
                    best[key] = (rank, order, self._row(att, hit, start))
        return [row for _, _, row in sorted(best.values(), key=lambda v: (v[2]["start"], v[1]))]

    def _hits(self, att: Attribution) -> list[tuple[StanceHit, int]]:
        """Positions taken in the attribution's content, with the offset of each piece."""
        out = []
        for start, end in att.content:
            if end <= start:
                continue
            nested = tuple((max(s, start) - start, min(e, end) - start) for s, e in att.nested if s < end and start < e)
            hits = find_stances(self.text[start:end], context=self._context(start), mode=att.mode, exclude=nested)
            for hit in hits:
                if att.keep == "evaluative" and not hit.evaluative:
                    continue
                if att.keep == "action" and hit.evaluative:
                    continue
                if att.mode == "plain" and not hit.evaluative:
                    hit = self._speakers_own(hit, start, att)
                    if hit is None:
                        continue
                out.append((hit, start))
        return sorted(out, key=lambda h: h[1] + h[0].start)

    def _speakers_own(self, hit: StanceHit, offset: int, att: Attribution) -> StanceHit | None:
        """A position whose clause has another party as subject is that party's: a refusal
        reported by the speaker is a complaint (the speaker's +1: "Kyiv had torpedoed the
        talks"), anything else is not the speaker's position — unless the speaker demands
        it ("Europe should lift sanctions")."""
        party = self._subject_party(offset + hit.start, max(offset, self.sents[att.sent_index].start_char))
        if party is None or att.speaker.side is None or party == att.speaker.side or _DEONTIC.search(hit.cue):
            return hit
        if hit.stance < 0:
            return StanceHit(hit.topic, 1, hit.cue, hit.start, hit.end, hit.evaluative, "complaint", hit.weak)
        return None

    def _subject_party(self, cue_pos: int, floor: int) -> str | None:
        """Party code of the subject of the clause ending at ``cue_pos`` ('Kyiv had …'),
        when one is named right before its verb."""
        head = self.text[floor:cue_pos]
        cut = max([m.end() for m in _CLAUSE_BREAK.finditer(head)] or [0])
        if _WHETHER.search(head[max(0, cut - 10):]):
            return None  # 'questioned whether Moscow would agree to …' doubts the other side: the speaker's wish
        clause_start = floor + cut
        for start, end, side in reversed(self._party_mentions(clause_start, cue_pos)):
            between = self.text[end:cue_pos]
            if not between.strip() or _SUBJECT_VERB.match(between):
                return side
        return None

    def _party_mentions(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Named parties in ``[start, end)``: places, people and institutions of the
        gazetteer, "the Ukrainian side", "the West"."""
        out = []
        first = bisect.bisect_left(self.ent_starts, start)
        for ent_start, ent_end, side in self.party_ents[first:]:
            if ent_start >= end:
                break
            if ent_end <= end and not _POSSESSIVE_S.match(self.text[ent_end:ent_end + 2]):
                out.append((ent_start, ent_end, side))
        for m in _SIDE_PHRASE.finditer(self.text, start, end):
            side = self.gaz.party_of_demonym(m.group("demonym")) if m.group("demonym") else "WEST"
            if side:
                out.append((m.start(), m.end(), side))
        return sorted(out)

    def _party_entities(self) -> list[tuple[int, int, str]]:
        """Gazetteer places, people and institutions of the document with their party code."""
        out = []
        for ent in token_view(self.doc).ents:
            if ent.label_ in ("GPE", "PERSON", "ORG"):
                entry = self.gaz.lookup(ent.ent_id_) or self.gaz.lookup(self.text[ent.start_char:ent.end_char])
                if entry is not None and entry.side:
                    out.append((ent.start_char, ent.end_char, entry.side))
        return sorted(out)

    def _context(self, pos: int) -> str:
        index = self._sentence_index(pos)
        first = self.sents[max(0, index - CONTEXT_SENTENCES)].start_char
        return self.text[first:pos]

    def _sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        index = self._sentence_index(pos)
        start = self.sent_starts[index]
        return start, start + len(self.sent_texts[index].rstrip())

    def _row(self, att: Attribution, hit: StanceHit, start: int) -> dict:
        s_start, s_end = self._sentence_bounds(start)
        date = self.dates.get(id(att))
        direct = att.how == "turn" or any(qs <= start < qe for qs, qe in self.quotes)  # answers are own words
        return {"doc_id": self.doc_id, "speaker": att.speaker.name, "side": att.speaker.side,
                "date": date.iso if date else None, "topic": hit.topic, "stance": hit.stance,
                "quote": "direct" if direct else "indirect", "sentence": self.text[s_start:s_end],
                "start": s_start, "end": s_end, "cue": hit.cue}

    # -- reported shifts ---------------------------------------------------------------------
    def _shift_cues(self) -> list[tuple[ShiftCue, Attribution | None]]:
        """Shift cues with the attribution whose content holds them (None: the narrator)."""
        out = []
        for index, sent in enumerate(self.sents):
            for cue in find_shift_cues(self.sent_texts[index], offset=sent.start_char):
                holder = next((a for a in self.attributions if a.how != "nominal"
                               and any(s <= cue.start < e for s, e in a.content)), None)
                if holder is not None:
                    clause_start = min(s for s, e in holder.content if s <= cue.start < e)
                    cue.bind_clause(clause_start)
                else:
                    cue.bind_clause(sent.start_char)
                out.append((cue, holder))
        return out

    def _reported_shifts(self, cues: list[tuple[ShiftCue, Attribution | None]], rows: list[dict]) -> list[dict]:
        out, seen = [], set()
        for cue, att in cues:
            row = self._shift_row(cue, att, rows)
            if row is None:
                continue
            key = (row["speaker"], row["topic"], row["from_stance"], row["to_stance"])
            if key not in seen:
                seen.add(key)
                out.append(row)
        return out

    def _shift_row(self, cue: ShiftCue, att: Attribution | None, rows: list[dict]) -> dict | None:
        holder = self._shift_holder(cue, att, rows)
        if holder is None:
            return None
        old = self._first_hit(cue.old_spans)
        new = self._first_hit(cue.new_spans)
        if old is not None and new is not None and new.topic == old.topic and new.stance != old.stance:
            topic, to_stance = new.topic, new.stance
        elif new is not None:
            topic, to_stance = new.topic, new.stance
        elif old is not None:
            topic, to_stance = old.topic, -old.stance
        elif (whole := self._first_hit([(cue.sentence_start, cue.start), (cue.end, cue.sentence_end)])) is not None:
            topic, to_stance = whole.topic, whole.stance  # the sentence's own position is the new one
        else:
            last = self._last_statement(rows, holder.name, before=cue.start)
            if last is None:
                return None
            topic, to_stance = last["topic"], last["stance"]
        date = self._shift_date(cue, att, holder, topic, to_stance, rows)
        s_start, s_end = self._sentence_bounds(cue.start)
        return {"doc_id": self.doc_id, "speaker": holder.name, "topic": topic, "from_stance": -to_stance,
                "to_stance": to_stance, "date": date, "sentence": self.text[s_start:s_end], "start": s_start,
                "end": s_end, "cue": cue.text, "side": holder.side}

    def _first_hit(self, spans: list[tuple[int, int]]) -> StanceHit | None:
        for start, end in spans:
            if end > start:
                hits = find_stances(self.text[start:end], context=self._context(start))
                if hits:
                    return hits[0]
        return None

    def _shift_holder(self, cue: ShiftCue, att: Attribution | None, rows: list[dict]) -> Actor | None:
        """Whose position changed: the speaker reporting their own side's change, else the
        subject of the narrator's sentence, else the last speaker of the owner's side."""
        owner_side = cue.owner_side()
        if att is not None:
            subject = self._cue_subject(cue)
            if subject is not None and subject.name != att.speaker.name:
                return subject  # 'the White House said Trump no longer insists on …'
            if owner_side is not None and att.speaker.side is not None and owner_side != att.speaker.side:
                return None  # a speaker describing someone else's change of policy
            return att.speaker
        sent = self.sents[self._sentence_index(cue.start)]
        subject = self._narrator_subject(sent, cue.start)
        if subject is not None:
            return subject
        for row in reversed(rows):
            if row["start"] <= cue.start and (owner_side is None or row["side"] == owner_side):
                return Actor(row["speaker"], row["side"], "person", row["start"], row["start"], row["speaker"])
        return None

    def _cue_subject(self, cue: ShiftCue) -> Actor | None:
        """A named person right before the cue in its clause ('Trump no longer insists')."""
        head = self.text[max(cue.sentence_start, cue.start - 60):cue.start]
        clause = re.split(r"[,;:]|\bthat\b", head)[-1]
        if not clause.strip():
            return None
        span = self.doc.char_span(cue.start - len(clause), cue.start, alignment_mode="contract")
        people = [a for a in find_actors(span) if a.kind == "person"] if span is not None else []
        if people and re.fullmatch(r"(?:\s*(?:has|had|have|now|also|since|apparently|reportedly|effectively|"
                                   r"quietly|then|later|finally))*\s*", self.text[people[-1].end:cue.start]):
            return people[-1]
        return None

    def _narrator_subject(self, sent: Sentence, limit: int) -> Actor | None:
        """'For Zelenskyy, …' or the first named person before the cue, not inside a
        prepositional phrase or possessive."""
        actors = [a for a in find_actors(self.doc[sent.start:sent.end])
                  if is_speaker(a) and a.kind == "person" and a.start < limit]
        for actor in actors:
            head = self.text[sent.start_char:actor.start]
            if re.fullmatch(r"\s*for\s+", head, re.I):
                return actor
            before = re.findall(r"[\w'’]+", head)[-1:]
            after = self.text[actor.end:actor.end + 2]
            if (before and before[0].lower() in ("with", "to", "by", "from", "for", "of", "against", "on", "at")) \
                    or re.match(r"['’]s", after):
                continue
            return actor
        return None

    def _last_statement(self, rows: list[dict], speaker: str, *, before: int) -> dict | None:
        earlier = [r for r in rows if r["speaker"] == speaker and r["start"] <= before]
        return earlier[-1] if earlier else None

    def _shift_date(self, cue: ShiftCue, att: Attribution | None, holder: Actor, topic: str, to_stance: int,
                    rows: list[dict]) -> str | None:
        if att is not None:
            date = self.dates.get(id(att))
            return date.iso if date else None
        s_start, s_end = self._sentence_bounds(cue.start)
        for expr in find_date_expressions(self.text[s_start:s_end]):
            pos = s_start + expr.start
            if any(s <= pos < e for s, e in cue.old_spans):
                continue
            resolved = resolve(expr, self.anchor, "past")
            if resolved is not None:
                return resolved.iso
        same = [r for r in rows if r["speaker"] == holder.name and r["topic"] == topic and r["stance"] == to_stance]
        if same:
            return same[-1]["date"]
        return self.published.iso if self.published else None
