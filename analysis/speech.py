"""Who said what: direct quotes and reported speech attributed to named actors
(the statements extractor's attribution; casualty claimants are in :mod:`analysis.claimants`).

There is no dependency parser in the pipeline, so attribution works on tokens, quote
marks and the actors of :mod:`analysis.actors`:

- *speech verbs* (say, tell, add, insist, urge, warn, reject, rule out, accuse,
  complain, call, question, describe, list …) outside quotation marks, not used as nouns
  ("numerous calls") or passives ("was not ruled out");
- the *speaker* is the verb's subject: a name right before it ("Kremlin spokesman Dmitry
  Peskov said"), after it ("…, said Lavrov"), before an appositive ("Vladimir Medinsky,
  the Kremlin aide who led the Russian side, told") or a relative pronoun ("Putin, who
  said"); "he"/"she" and "the minister" are carried to the last named person (with a
  matching role); a participle (", telling reporters") or a coordinated verb ("and
  urged") shares the subject of its clause; an institution speaks only when no person is
  named ("the Kremlin said"); "according to X" counts when nothing else attributes the
  sentence; nominal speech ("calls by Josep Borrell for …", "Zelensky's call for …") is
  attributed to its owner;
- the *content* is the text the verb introduces ("X said (that) …"), or the clause before
  a trailing attribution ("…, Peskov said on Wednesday"), or both around a split one
  ("If that goes well, Trump said, he would …"); a quotation next to the attribution is its
  content even across sentences; an unattributed quotation opening a sentence continues
  the previous speaker's words;
- the *frame* (the attribution words outside the content) is where the statement's own
  date is looked for ("said on Monday").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .actors import ROLE_WORDS, Actor, find_actors
from .gazetteer import Gazetteer, default_gazetteer

# --- lexicon ---------------------------------------------------------------------------------
_SAY = ("said says told tells added adds stated states noted notes wrote writes replied replies responded "
        "explained explains announced announces declared declares confirmed confirms claimed claims asserted "
        "asserts argued argues insisted insists stressed stresses emphasised emphasized emphasises emphasizes "
        "reiterated reiterates repeated remarked acknowledged admitted predicted signalled signaled indicated "
        "suggested suggests proposed proposes offered offers promised promises pledged pledges vowed vows assured "
        "described describes listed lists highlighted highlights called calls warned warns questioned questions asked "
        "asks demanded demands urged urges appealed pleaded begged challenged pressed welcomed welcomes praised "
        "thanked thanks backed backs supported supports refused refuses declined declines rejected rejects "
        "dismissed dismisses denied denies ruled rules mocked expressed expresses")
_ACCUSE = ("accused accuses complained complains criticised criticized criticises criticizes condemned condemns "
           "denounced denounces slammed slams blamed blames hit lashed")
_PARTICIPLES = ("saying telling adding noting writing stressing insisting urging calling warning arguing claiming "
                "declaring describing asking demanding rejecting ruling questioning suggesting proposing offering "
                "promising vowing pledging highlighting reiterating repeating explaining announcing signalling "
                "signaling challenging welcoming thanking dismissing denying refusing declining")
_ACCUSE_PARTICIPLES = "accusing complaining criticising criticizing condemning denouncing blaming slamming"

SPEECH_VERBS: dict[str, str] = {
    **{w: "say" for w in _SAY.split()}, **{w: "accuse" for w in _ACCUSE.split()},
    **{w: "say" for w in _PARTICIPLES.split()}, **{w: "accuse" for w in _ACCUSE_PARTICIPLES.split()},
}
"""Speech-verb forms and their family; ``accuse`` verbs make the content what the speaker condemns."""

AMBIGUOUS_NOUNS = {"calls", "demands", "offers", "questions", "thanks", "claims", "pledges", "promises", "vows",
                   "lists", "backs", "supports", "rules", "states", "notes", "highlights", "warns", "denies"}
"""Forms that are verbs only after a subject ("Trump calls for …") — else nouns ("phone calls")."""
NEEDS_PARTICLE = {"ruled": "out", "rules": "out", "ruling": "out", "hit": "out", "lashed": "out"}
NOUN_MARKERS = {"the", "a", "an", "his", "her", "their", "its", "our", "your", "my", "these", "those", "such",
                "numerous", "many", "repeated", "new", "'s", "’s", "of", "no", "any", "some", "several", "two",
                "whose", "previous", "recent", "latest", "first", "last"}
DOCUMENT_NOUNS = {"decree", "statement", "letter", "resolution", "law", "document", "post", "message", "video",
                  "address", "note", "tweet", "communique", "order", "declaration", "appeal", "speech"}
"""'signed a decree declaring …': a participle after these reports what the document says."""
AUXILIARIES = {"has", "have", "had", "would", "will", "could", "did", "does", "do", "should", "might", "may", "'d"}
PASSIVE_AUX = {"was", "were", "is", "are", "be", "been", "being", "'s", "’s", "get", "got", "gets"}
SKIPPABLE = {"also", "then", "later", "reportedly", "previously", "still", "again", "further", "however", "formally",
             "repeatedly", "once", "now", "had", "has", "have", "would", "will", "could", "did", "does", "do", "not",
             "never", "publicly", "separately", "simply", "just", "quickly", "immediately", "earlier", "recently",
             "had", "'d", "’d", "subsequently", "first", "even", "often"}
CONJUNCTIONS = {"and", "but", "or"}
PARTICIPLE_LEADS = {",", "by", "before", "after", "while", "when", "in", "—", "–", "-"}
PREPOSITIONS = {"with", "to", "by", "from", "for", "of", "against", "about", "on", "at", "between", "among",
                "toward", "towards", "via", "into", "over", "under", "despite", "like", "than", "alongside",
                "including", "behind", "near", "amid", "through", "without", "within", "upon", "in"}
PRONOUNS = {"he", "she"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "spokespeople", "press"}
_NAME_PREFIXES = {"and", "the", "a", "an", "his", "her", "its", "their", "our", "this", "'s", "’s"}
GENERIC_INSTITUTION_HEADS = {"officials", "authorities", "sources", "military", "army", "forces", "police",
                             "intelligence", "government", "administration", "office", "mission", "council",
                             "agency", "navy", "air force"}
NOMINAL_NOUNS = r"(?:calls?|appeals?|demands?|remarks|comments|statement|proposal|offer|push|plea|insistence|refusal|rejection)"
_NOMINAL_END = re.compile(r"\b(?:marked|marks|was|were|is|are|has|have|had|would|will|could|came|comes|drew|showed|"
                          r"prompted|sparked|triggered|angered|met|received|fell|went)\b|[;:.!?]")
_THAT_OR_COLON = re.compile(r"^(?:(?!\bthat\b)[^\"“:;.!?]){0,80}?(?:\bthat\b|:|,\s*(?=[\"“]))", re.I)
_ROLE_NP = re.compile(
    r"^(?:(?:but|and|so|meanwhile|however|yet)\s+)?the\s+(?P<owner>(?:[A-Z][\w.]*|[a-z]+)\s+)?(?:(?:[a-z]+)\s+)?"
    r"(?P<role>foreign minister|prime minister|minister|president|spokesman|spokeswoman|spokesperson|leader|"
    r"chancellor|premier|secretary|envoy|aide|negotiator|diplomat|chief|ambassador)\b", re.I)
_TITLE_WORDS = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|of|the|for|top|senior|former|deputy|foreign|defen[cs]e|interior|state|ministry|regional|"
    r"local|acting|presidential|national|security|military|intelligence|press|vice|first|general|police|city|"
    r"district|provincial|armed|emergency|human|rights|refugee|agency|defence-ministry|"
    r"[a-z]+(?:ese|ian|ish|an)|" + "|".join(sorted(ROLE_WORDS)) + r")\s+)*$")
"""Title and role words before a name ("Russian Foreign Ministry spokesperson Maria Zakharova")."""
_QUOTE_OPEN = {"“", '"'}
_QUOTE_CLOSE = {"”", '"'}
MIN_QUOTE_WORDS = 4
"""Shorter quotations are scare quotes or titles, part of the surrounding reported speech."""


@dataclass
class Attribution:
    """One attributed clause: the speaker; how they were found (``name``, ``pronoun``,
    ``role``, ``relative``, ``participle``, ``coordination``, ``nominal``, ``according_to``,
    ``accused``, ``carried``); the verb; the content ranges (document character offsets);
    the frame ranges (where its date is read); ranges nested inside the content that
    belong to another speaker; the mode (``accusation`` inverts the described action);
    which positions to keep; and, for carried-over speakers, the attribution referred to."""

    speaker: Actor
    how: str
    verb: str
    sent_index: int
    verb_start: int
    verb_end: int
    content: list[tuple[int, int]] = field(default_factory=list)
    frame: list[tuple[int, int]] = field(default_factory=list)
    nested: list[tuple[int, int]] = field(default_factory=list)
    mode: str = "plain"
    keep: str = "all"  # all, evaluative (speaker of an accusation), action (the accused)
    antecedent: "Attribution | None" = None


@dataclass
class _State:
    """Discourse state carried from sentence to sentence."""

    last_person: Actor | None = None
    recent_people: list[Actor] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


# --- quotations ------------------------------------------------------------------------------

def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quotation spans (offsets include the marks). Curly quotes pair up; straight ones
    alternate within a paragraph; an unclosed quotation runs to the end of its paragraph."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        base, line = para.start(), para.group(0)
        open_at = None
        for i, ch in enumerate(line):
            if ch == "“" and open_at is None:
                open_at = i
            elif ch == "”" and open_at is not None:
                spans.append((base + open_at, base + i + 1))
                open_at = None
            elif ch == '"':
                if open_at is None:
                    open_at = i
                else:
                    spans.append((base + open_at, base + i + 1))
                    open_at = None
        if open_at is not None and len(line) - open_at > 1:
            spans.append((base + open_at, base + len(line)))
    return spans


def long_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations of at least :data:`MIN_QUOTE_WORDS` words (direct speech, not scare quotes)."""
    return [(s, e) for s, e in find_quotes(text) if len(re.findall(r"[\w'’-]+", text[s:e])) >= MIN_QUOTE_WORDS]


def _inside(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next(((s, e) for s, e in spans if s <= pos < e), None)


# --- the extractor ---------------------------------------------------------------------------

def find_attributions(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in document order."""
    gaz = gazetteer or default_gazetteer()
    finder = _Finder(doc, gaz)
    return finder.run()


class _Finder:
    """One pass over a document's sentences, carrying the discourse state (last named
    person, recent people, earlier attributions) for pronouns and role nouns."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc, self.gaz, self.text = doc, gaz, doc.text
        self.sents = list(doc.sents)
        self.quotes = long_quotes(self.text)
        actors = find_actors(doc, gazetteer=gaz)
        self.actors = [a for a in actors if not _inside(a.start, self.quotes)]
        self.speakers = [a for a in self.actors if is_speaker(a)]
        self.state = _State()

    def run(self) -> list[Attribution]:
        for index, sent in enumerate(self.sents):
            found = self._sentence(index, sent)
            self.state.attributions.extend(found)
            self._update_state(sent, found)
        self._carry_unattributed_quotes()
        self.state.attributions.sort(key=lambda a: (a.sent_index, a.verb_start))
        return self.state.attributions

    # -- per sentence ------------------------------------------------------------------------
    def _sentence(self, index: int, sent: Span) -> list[Attribution]:
        found: list[Attribution] = []
        topic = self._fronted_topic(sent)
        if topic is not None:
            self.state.last_person = topic
        for tok in sent:
            family = self._speech_verb(tok, sent)
            if family is None:
                continue
            speaker, how = self._subject(tok, sent, found)
            if speaker is None:
                continue
            verb_end = self._verb_end(tok)
            att = Attribution(speaker, how, self.text[tok.idx:verb_end], index, tok.idx, verb_end,
                              mode="accusation" if family == "accuse" else "plain")
            if how in ("pronoun", "role", "participle", "coordination", "relative"):
                att.antecedent = self._antecedent(speaker, found)
            found.append(att)
            if speaker.kind == "person":
                self.state.last_person = speaker
        self._set_contents(found, sent)
        found += self._nominal(index, sent, found)
        found += self._according_to(index, sent, found)
        found += self._headline_colon(index, sent, found)
        for att in found:
            self._split_accusation(att, sent, found)
        return found

    def _fronted_topic(self, sent: Span) -> Actor | None:
        """'For Zelenskyy, the offer … : … he signed …': the person a sentence is about."""
        m = re.match(r"\s*(?:For|To|As for)\s+", sent.text)
        if not m:
            return None
        start = sent.start_char + m.end()
        actor = next((a for a in self.speakers if a.kind == "person" and start <= a.start <= start + 25), None)
        if actor is not None and re.match(r"\s*,", self.text[actor.end:actor.end + 3]):
            return actor
        return None

    def _speech_verb(self, tok, sent: Span) -> str | None:
        lower = tok.lower_
        family = SPEECH_VERBS.get(lower)
        if family is None or _inside(tok.idx, self.quotes):
            return None
        particle = NEEDS_PARTICLE.get(lower)
        if particle and (tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != particle):
            return None
        prev = self._previous_words(tok, sent, 3, skip=SKIPPABLE - {"had", "has", "have"})
        if prev and prev[0].lower_ in NOUN_MARKERS and not lower.endswith("ing"):
            return None
        if prev and prev[0].lower_ in PASSIVE_AUX and lower.endswith("ed"):
            return None
        if lower in AMBIGUOUS_NOUNS and prev and not (
                prev[0].text[:1].isupper() or prev[0].lower_ in PRONOUNS | {"it", "they", "who"}
                or prev[0].text in (",", "”", '"') or prev[0].lower_ in ("and", "but")):
            return None  # a noun: "said that calls by …", "after phone calls"
        return family

    def _verb_end(self, tok) -> int:
        """End of the verb, with its particle ("ruled out", "hit out at")."""
        end = tok.idx + len(tok.text)
        j = tok.i + 1
        if tok.lower_ in NEEDS_PARTICLE and j < len(self.doc):
            end = self.doc[j].idx + len(self.doc[j].text)
            if tok.lower_ in ("hit", "lashed") and j + 1 < len(self.doc) and self.doc[j + 1].lower_ == "at":
                end = self.doc[j + 1].idx + 2
        return end

    def _previous_words(self, tok, sent: Span, n: int, *, skip: set[str] = frozenset()) -> list:
        out = []
        for j in range(tok.i - 1, sent.start - 1, -1):
            t = self.doc[j]
            if t.is_space or t.lower_ in skip:
                continue
            out.append(t)
            if len(out) >= n:
                break
        return out

    # -- subjects ----------------------------------------------------------------------------
    def _subject(self, tok, sent: Span, found: list[Attribution]) -> tuple[Actor | None, str]:
        prev = self._previous_words(tok, sent, 2, skip=SKIPPABLE)
        post = self._postposed(tok, sent)
        if post is not None:
            return post, "name"
        if prev and prev[0].lower_ in ("who", "whom"):
            return self._relative_antecedent(prev[0], sent), "relative"
        if tok.lower_.endswith("ing") and (not prev or prev[0].text in PARTICIPLE_LEADS or prev[0].lower_ in PARTICIPLE_LEADS):
            if prev and prev[0].lower_ == "by" and found:
                return None, ""  # 'accused X of … by ruling out …': the manner of the reported act
            return self._clause_subject(tok, sent, found), "participle"
        if prev and prev[0].lower_ in CONJUNCTIONS:
            between = self.text[prev[0].idx + len(prev[0].text):tok.idx].lower().split()
            if any(w in AUXILIARIES for w in between):
                return None, ""  # '… that Russia had rejected … and had still not said …': the inner clause's verb
            return self._clause_subject(tok, sent, found), "coordination"
        if tok.lower_.endswith("ing") and prev and prev[0].lower_ in DOCUMENT_NOUNS:
            return self._clause_subject(tok, sent, found), "participle"  # 'signed a decree declaring …'
        if tok.lower_.endswith("ing"):
            return None, ""
        return self._preceding_subject(tok, sent, found)

    def _postposed(self, tok, sent: Span) -> Actor | None:
        """'…, said Lavrov' / '” asserted Trump': a name right after the verb."""
        before = self._previous_words(tok, sent, 1)
        if (before and before[0].text not in (",", "”", '"')) or tok.lower_.endswith("ing"):
            return None
        limit = self.doc[min(tok.i + 5, sent.end - 1)].idx + 1
        after = [a for a in self.speakers if tok.idx < a.start <= limit and a.start < sent.end_char
                 and not self._possessive(a)]
        if not after:
            return None
        gap = self.text[tok.idx + len(tok.text):after[0].start]
        if not _TITLE_WORDS.fullmatch(gap.strip() + " " if gap.strip() else ""):
            return None  # only titles may stand between the verb and the name ('said Foreign Minister …')
        return after[0]

    def _relative_antecedent(self, who, sent: Span) -> Actor | None:
        cands = [a for a in self.speakers if sent.start_char <= a.start and a.end <= who.idx]
        people = [a for a in cands if a.kind == "person"]
        return (people or cands)[-1] if (people or cands) else None

    def _clause_subject(self, tok, sent: Span, found: list[Attribution]) -> Actor | None:
        """Subject shared by a participle or coordinated verb: the clause's attributed
        speaker, else its first named person."""
        earlier = [a for a in found if a.verb_start < tok.idx]
        if earlier:
            return earlier[-1].speaker
        people = [a for a in self.speakers if sent.start_char <= a.start < tok.idx and a.kind == "person"
                  and not self._prepositional(a) and not self._possessive(a)]
        if people:
            return people[0]
        head = self.text[sent.start_char:tok.idx]
        if re.search(r"(?:^|[,;:]\s*|\b(?:and|but|then)\s+)(?:he|she)\b[^,;:]*$", head, re.I):
            return self.state.last_person  # 'on October 4, he signed a decree declaring …'
        return None

    def _preceding_subject(self, tok, sent: Span, found: list[Attribution]) -> tuple[Actor | None, str]:
        region_start = max([self._region_start(tok, sent)] + [a.verb_end for a in found if a.verb_end <= tok.idx])
        segments = _segments(self.text, region_start, tok.idx)
        k = len(segments) - 1
        while k >= 0:
            seg_start, seg_end = segments[k]
            seg_text = self.text[seg_start:seg_end]
            last_word = [w for w in re.findall(r"[\w'’]+", seg_text) if w.lower() not in SKIPPABLE][-1:]
            if last_word and last_word[0].lower() in PRONOUNS:
                return (self.state.last_person, "pronoun") if self.state.last_person else (None, "")
            if _appositive(seg_text) and k > 0:
                owner = self._actor_ending_at(segments[k - 1][1])
                if owner is not None:
                    return owner, "name"
                k -= 1
                continue
            in_seg = [a for a in self.actors if seg_start <= a.start and a.end <= seg_end]
            free = [a for a in in_seg if is_speaker(a) and not self._prepositional(a) and not self._possessive(a)]
            if free:
                people = [a for a in free if a.kind == "person"]
                return (people or free)[0], "name"
            resolved = self._pronoun_or_role(seg_text)
            if resolved is not None:
                return resolved
            if (in_seg and all(self._prepositional(a) for a in in_seg)) or not seg_text.strip() or _name_list(seg_text):
                k -= 1  # names inside a prepositional phrase or a list of them: keep looking left
                continue
            return None, ""
        return None, ""

    def _region_start(self, tok, sent: Span) -> int:
        """Start of the clause holding the verb's subject: after the last quotation, ';',
        ':', dash or 'that' before the verb."""
        start = max([sent.start_char] + [e for _, e in self.quotes if e <= tok.idx])
        head = self.text[start:tok.idx]
        cut = max([m.end() for m in re.finditer(r"[;:]|\s[-–—]+\s|\bthat\b", head)] or [0])
        return start + cut

    def _actor_ending_at(self, pos: int) -> Actor | None:
        for a in self.speakers:
            if a.end <= pos and not self.text[a.end:pos].strip(" ,") and not self._prepositional(a):
                return a
        return None

    def _pronoun_or_role(self, seg_text: str) -> tuple[Actor | None, str] | None:
        words = [w for w in re.findall(r"[\w'’]+", seg_text) if w.lower() not in SKIPPABLE]
        if words and words[-1].lower() in PRONOUNS and len(words) <= 3:
            return (self.state.last_person, "pronoun") if self.state.last_person else (None, "")
        m = _ROLE_NP.match(seg_text.strip())
        if m and len(words) <= 6:
            person = self._person_with_role(m.group("role").lower(), (m.group("owner") or "").strip())
            return (person, "role") if person else (None, "")
        return None

    def _person_with_role(self, role: str, owner: str) -> Actor | None:
        side = self.gaz.party_of_demonym(owner) if owner else None
        if owner and side is None:
            entry = self.gaz.lookup(owner)
            side = entry.side if entry is not None and entry.kind == "place" else None
        wanted = {"leader": ("president", "prime minister", "chancellor", "premier"),
                  "diplomat": ("foreign", "envoy", "ambassador", "diplomat"),
                  "chief": ("chief", "head")}.get(role, (role,))
        for person in reversed(self.state.recent_people):
            entry = self.gaz.lookup(person.name)
            known_role = (entry.role or "") if entry else ""
            if side and person.side != side:
                continue
            if any(w in known_role for w in wanted):
                return person
        last = self.state.last_person
        if last is not None and self.gaz.lookup(last.name) is None and (not side or last.side == side):
            return last  # unknown role: the last named speaker
        return None

    def _prepositional(self, actor: Actor) -> bool:
        """Whether the name sits in a prepositional phrase ('an interview with TASS',
        'an adviser to President Volodymyr Zelensky', 'with Russia 24, RIA and TASS')."""
        j = self._token_at(actor.start) - 1
        while j >= 0:
            t = self.doc[j]
            if t.text in (",", ";", ":", "(", ")", "-", "–", "—") or t.text in _QUOTE_CLOSE:
                return False
            if t.is_space or t.lower_ in _NAME_PREFIXES or t.is_digit or t.lower_ in ROLE_WORDS:
                j -= 1
                continue
            if t.text[:1].isupper() and t.lower_ not in PREPOSITIONS:
                j -= 1
                continue
            if t.lower_ in ("for", "of", "at") and j > 0 and self.doc[j - 1].lower_ in SPOKESPEOPLE:
                return False  # 'a spokesman for the Kremlin said': the institution speaks
            return t.lower_ in PREPOSITIONS
        return False

    def _possessive(self, actor: Actor) -> bool:
        return bool(re.match(r"['’]s\b", self.text[actor.end:actor.end + 2]))

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _antecedent(self, speaker: Actor, found: list[Attribution]) -> Attribution | None:
        for att in reversed(self.state.attributions + found):
            if att.speaker.name == speaker.name:
                return att
        return None

    # -- contents ----------------------------------------------------------------------------
    def _set_contents(self, found: list[Attribution], sent: Span) -> None:
        """Content and frame of each verb attribution of the sentence."""
        for k, att in enumerate(found):
            nxt = found[k + 1] if k + 1 < len(found) else None
            clause_end = self._subject_start(nxt, sent) if nxt else sent.end_char
            clause_end = max(clause_end, att.verb_end)
            post = (self._negated_verb_start(att, sent), clause_end)
            quote = _inside(att.verb_end + 1, self.quotes) or self._quote_after(att.verb_end, clause_end)
            if quote is not None and quote[1] > clause_end and nxt is None:
                post = (att.verb_start, quote[1])
            pre = self._pre_content(att, sent, found[k - 1] if k else None)
            body_start = self._body_start(att.verb_end, post[1])
            remainder = self.text[att.verb_end:post[1]]
            postposed = att.how == "name" and att.speaker.start > att.verb_start
            if pre is not None and self._quote_before_subject(att, sent) == pre:
                after = self._quote_after(att.verb_end, clause_end)
                att.content = [pre] + ([after] if after else [])
                att.frame = [(self._subject_start(att, sent), after[0] if after else post[1])]
            elif pre is not None and (postposed or _frame_only(remainder)):
                att.content = [pre]
                att.frame = [(self._subject_start(att, sent), post[1])]
            elif pre is not None and remainder.lstrip().startswith(","):
                att.content = [pre, (att.verb_start, post[1])]
                att.frame = [(self._subject_start(att, sent), att.verb_end)]
            else:
                att.content = [post]
                att.frame = [(self._frame_start(att, sent, found[:k]), body_start)]

    def _negated_verb_start(self, att: Attribution, sent: Span) -> int:
        """The verb with a negation right before it ('no longer insists', 'has not ruled out')."""
        head = self.text[sent.start_char:att.verb_start]
        m = re.search(r"(?:\b(?:has|have|had|did|does|do|would|will|could|is|was)\s+)?"
                      r"(?:\bnot|\bnever|\bno\s+longer|n't)\s+(?:\w+ly\s+)?$", head, re.I)
        return sent.start_char + m.start() if m else att.verb_start

    def _frame_start(self, att: Attribution, sent: Span, earlier: list[Attribution]) -> int:
        """A leading attribution's frame starts after the reported words of the attribution
        before it in the sentence, if any, else at the sentence start."""
        ends = [e for a in earlier for s, e in a.content if e <= att.verb_start]
        return max([sent.start_char] + ends)

    def _quote_after(self, pos: int, end: int) -> tuple[int, int] | None:
        for s, e in self.quotes:
            if pos <= s < end and re.fullmatch(r"[^\"“.;!?]{0,60}?[:,]?\s*", self.text[pos:s]):
                return (s, e)
        return None

    def _subject_start(self, att: Attribution, sent: Span) -> int:
        """Where the attribution's frame begins: its speaker mention (with role words)
        when the speaker is named before the verb, else the verb."""
        sp = att.speaker
        if sent.start_char <= sp.start < att.verb_start and att.how == "name":
            start = sp.start
            head = self.text[sent.start_char:start]
            m = _TITLE_WORDS.search(head)
            return sent.start_char + m.start() if m else start
        m = re.search(r"\b(?:he|she|the\s+[\w\s]{0,40}?)\s*$", self.text[sent.start_char:att.verb_start], re.I)
        if att.how in ("pronoun", "role") and m:
            return sent.start_char + m.start()
        return att.verb_start

    def _pre_content(self, att: Attribution, sent: Span, prev: Attribution | None) -> tuple[int, int] | None:
        """The clause or quotation before a trailing attribution ('…, Peskov said')."""
        quote = self._quote_before_subject(att, sent)
        if quote is not None:
            return quote
        cut = self._subject_start(att, sent)  # the verb itself when the name follows it
        head_start = prev.verb_end if prev is not None else sent.start_char
        head = self.text[head_start:cut]
        if cut <= head_start or not re.search(r",\s*$", head):
            return None
        body = head.rstrip().rstrip(",")
        if len(re.findall(r"\w+", body)) < 3:
            return None
        start = head_start + (len(body) - len(body.lstrip()))
        return (start, head_start + len(body))

    def _quote_before_subject(self, att: Attribution, sent: Span) -> tuple[int, int] | None:
        """A quotation ending right before the attribution ('“…,” Lavrov said') that no
        earlier attribution has claimed."""
        anchor = min(self._subject_start(att, sent), att.verb_start)
        claimed = [r for a in self.state.attributions for r in a.content]
        for s, e in self.quotes:
            if e <= anchor and re.fullmatch(r"[\s,]*", self.text[e:anchor]) and (s, e) not in claimed \
                    and not any(cs <= s < ce for cs, ce in claimed):
                return (s, e)
        return None

    def _body_start(self, verb_end: int, end: int) -> int:
        """Where the reported words start after the verb: after 'that', ':' or an opening
        quote near the verb, else right after the verb (and a date phrase after it)."""
        rest = self.text[verb_end:end]
        m = _THAT_OR_COLON.match(rest)
        if m and len(re.findall(r"\w+", m.group(0))) <= 10:
            return verb_end + m.end()
        m = re.match(r"\s*(?:on|in|at|late|early|last|this|earlier)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                     r"Saturday|Sunday|yesterday|today|\w+ \d{1,2}(?:, \d{4})?)\b", rest)
        return verb_end + (m.end() if m else 0)

    # -- other attribution forms -------------------------------------------------------------
    def _nominal(self, index: int, sent: Span, found: list[Attribution]) -> list[Attribution]:
        """'calls by Josep Borrell … for …' and 'Zelensky's call for …'."""
        out = []
        s_text = self.text[sent.start_char:sent.end_char]
        for m in re.finditer(rf"\b{NOMINAL_NOUNS}\s+by\s+", s_text):
            start = sent.start_char + m.start()
            actor = next((a for a in self.speakers if a.start == sent.start_char + m.end()), None)
            if actor is not None:
                out.append(self._nominal_attribution(actor, index, start, sent))
        for actor in self.speakers:
            if not (sent.start_char <= actor.start < sent.end_char):
                continue
            m = re.match(rf"['’]s\s+{NOMINAL_NOUNS}\b", self.text[actor.end:sent.end_char])
            if m:
                out.append(self._nominal_attribution(actor, index, actor.end + m.start(), sent))
        for att in out:
            for outer in found:
                if any(s <= att.content[0][0] < e for s, e in outer.content):
                    outer.nested.append(att.content[0])
        return out

    def _nominal_attribution(self, actor: Actor, index: int, start: int, sent: Span) -> Attribution:
        rest = self.text[start:sent.end_char]
        m = _NOMINAL_END.search(rest, pos=min(len(rest), 5))
        end = start + (m.start() if m else len(rest))
        return Attribution(actor, "nominal", self.text[start:start + 5], index, start, start,
                           content=[(start, end)], frame=[])

    def _according_to(self, index: int, sent: Span, found: list[Attribution]) -> list[Attribution]:
        if found:
            return []
        s_text = self.text[sent.start_char:sent.end_char]
        for m in re.finditer(r"\baccording to\s+", s_text, re.I):
            pos = sent.start_char + m.end()
            actor = next((a for a in self.speakers if pos <= a.start <= pos + 40
                          and not re.search(r"[,;.]", self.text[pos:a.start])), None)
            if actor is None:
                continue
            phrase_end = actor.end
            content = [(sent.start_char, sent.start_char + m.start()), (phrase_end, sent.end_char)]
            return [Attribution(actor, "according_to", "according to", index, sent.start_char + m.start(), phrase_end,
                                content=[c for c in content if c[1] > c[0]],
                                frame=[(sent.start_char + m.start(), phrase_end)])]
        return []

    def _headline_colon(self, index: int, sent: Span, found: list[Attribution]) -> list[Attribution]:
        """'Zelensky: Ukraine ready for talks' — a name opening the sentence, then a colon."""
        if found:
            return []
        first = next((a for a in self.speakers if a.start >= sent.start_char), None)
        if first is None or first.kind != "person" or self.text[sent.start_char:first.start].strip():
            return []
        m = re.match(r"\s*:\s*", self.text[first.end:sent.end_char])
        if not m:
            return []
        begin = first.end + m.end()
        return [Attribution(first, "name", ":", index, first.end, begin, content=[(begin, sent.end_char)],
                            frame=[(sent.start_char, begin)])]

    def _split_accusation(self, att: Attribution, sent: Span, found: list[Attribution]) -> None:
        """'X accused Zelenskyy of …': the action is the accused person's position, the
        accuser keeps only their own judgements."""
        if att.mode != "accusation" or att.how == "accused":
            return
        accused = next((a for a in self.speakers if att.verb_end < a.start <= att.verb_end + 3
                        and a.kind == "person"), None)
        if accused is None:
            return
        m = re.match(r"\s*(?:of|for)\b", self.text[accused.end:accused.end + 6])
        if not m:
            return
        start = accused.end + m.end()
        end = max(e for _, e in att.content)
        found.append(Attribution(accused, "accused", att.verb, att.sent_index, att.verb_start, att.verb_end,
                                 content=[(start, end)], frame=list(att.frame), keep="action"))
        att.keep = "evaluative"

    # -- discourse ---------------------------------------------------------------------------
    def _update_state(self, sent: Span, found: list[Attribution]) -> None:
        people = [a for a in self.actors if sent.start_char <= a.start < sent.end_char and a.kind == "person"]
        self.state.recent_people.extend(people)
        self.state.recent_people = self.state.recent_people[-30:]
        speakers = [a.speaker for a in found if a.speaker.kind == "person" and a.how not in ("nominal", "accused")]
        if speakers:
            self.state.last_person = speakers[-1]
            return
        subjects = [a for a in people if is_speaker(a) and not self._prepositional(a) and not self._possessive(a)]
        if subjects:
            self.state.last_person = subjects[0]

    def _carry_unattributed_quotes(self) -> None:
        """A quotation opening a sentence with no attribution continues the words of the
        speaker attributed just before it (same paragraph, within two sentences)."""
        atts = self.state.attributions
        covered = [r for a in atts for r in a.content]
        starts = [s.start_char for s in self.sents]
        for qs, qe in self.quotes:
            if any(s <= qs < e for s, e in covered):
                continue
            index = max(0, sum(1 for st in starts if st <= qs) - 1)
            sent = self.sents[index]
            if self.text[sent.start_char:qs].strip():
                continue
            prev = [a for a in atts if a.sent_index < index or (a.sent_index == index and a.verb_start < qs)]
            prev = [a for a in prev if a.how not in ("nominal", "accused")]
            if not prev:
                continue
            last = prev[-1]
            last_end = max(e for _, e in last.content) if last.content else last.verb_end
            if index - last.sent_index > 2 or "\n" in self.text[last_end:qs]:
                continue
            atts.append(Attribution(last.speaker, "carried", "", index, qs, qs, content=[(qs, qe)], frame=[],
                                    antecedent=last))


# --- helpers ---------------------------------------------------------------------------------

def is_speaker(actor: Actor) -> bool:
    """People, and named institutions ("the Kremlin", "Russia's defence ministry") — not
    generic plurals ("Russian officials", "Ukrainian authorities")."""
    if actor.kind == "person":
        return True
    if actor.kind != "institution":
        return False
    entry = default_gazetteer().lookup(actor.name)
    if entry is not None:
        return "media" not in actor.name.lower()
    head = actor.name.lower().split()[-1] if actor.name.split() else ""
    return head not in GENERIC_INSTITUTION_HEADS and actor.name.lower() not in GENERIC_INSTITUTION_HEADS


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of ``text[start:end]`` (digit commas kept)."""
    out, pos = [], start
    for m in re.finditer(r",(?!\d)", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def _name_list(seg: str) -> bool:
    """'RIA Novosti and TASS reportedly': the tail of a list of names, not a subject."""
    words = [w for w in re.findall(r"[\w'’.-]+", seg) if w.lower() not in SKIPPABLE]
    return bool(words) and "and" in words and all(w == "and" or w[:1].isupper() or w[:1].isdigit() for w in words)


def _appositive(seg: str) -> bool:
    """'the Kremlin aide who led the Russian side', 'who heads the team', 'an adviser to …',
    'speaking at a meeting of …'."""
    s = seg.strip()
    if re.match(r"(?:who|whose|which|[a-z]+ing)\b", s):
        return True  # a relative clause or a participle phrase ('speaking at a meeting of …')
    m = re.match(r"(?:and\s+)?(?:a|an|the)\s+", s, re.I)
    if not m:
        return False
    words = re.findall(r"[\w-]+", s.lower())[:7]
    return any(w in ROLE_WORDS or w in ("lawmaker", "member", "aide", "head", "leader") for w in words)


def _frame_only(remainder: str) -> bool:
    """Whether what follows a verb only frames it ('said on Wednesday.', 'told reporters')
    rather than reporting words ('said that …', 'said: "…"', 'said Russia would …')."""
    r = remainder.strip()
    if not r or re.fullmatch(r"[\s.!?,;]*", r):
        return True
    if re.match(r"(?:that\b|:|,?\s*[\"“])", r):
        return False
    cleaned = re.sub(r"\b(?:on|in|at|during|after|before|late|early|earlier|later|this|last|to|from|with|by|"
                     r"via|according|told|reporters|journalists|a|an|the|his|her|their|its|news|conference|"
                     r"briefing|interview|statement|press|social|media|television|tv|radio|address|video|"
                     r"evening|morning|afternoon|night|weekly|daily|separately|also|speaking|"
                     r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b", " ", r.lower())
    return len(re.findall(r"[a-z]{3,}", cleaned)) <= 3 and not re.search(r"\b(?:will|would|is|are|was|were|has|had)\b", r.lower())
