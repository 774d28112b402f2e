"""Word lists and token-phrase matching for the casualty extractor (:mod:`analysis.casualties`)
and claimant attribution (:mod:`analysis.claimants`).

Cue tables map lower-cased token sequences to a casualty category; :func:`match_at` and
:func:`match_ending` find their longest entry starting at / ending before a token. The
token helpers take a Doc or its :class:`~analysis.tokens.TokenView` (faster: plain lists).
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from .tokens import TokenView, token_view

QUALIFIERS = {
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("more", "than"): "more_than", ("over",): "more_than", ("just", "over"): "more_than",
    ("upwards", "of"): "more_than", ("in", "excess", "of"): "more_than", ("well", "over"): "more_than",
    ("about",): "about", ("around",): "about", ("some",): "about", ("roughly",): "about",
    ("approximately",): "about", ("approx.",): "about", ("circa",): "about",
    ("up", "to"): "up_to", ("nearly",): "up_to", ("almost",): "up_to", ("just", "under"): "up_to",
    ("as", "many", "as"): "up_to", ("close", "to"): "up_to", ("fewer", "than"): "up_to",
    ("less", "than"): "up_to", ("under",): "up_to", ("at", "most"): "up_to",
    ("an", "estimated"): "estimated", ("estimated",): "estimated",
}
CIVILIAN_NOUNS = {
    "civilians", "civilian", "children", "child", "kids", "babies", "baby", "infants", "toddlers",
    "women", "woman", "girls", "girl", "boys", "boy", "residents", "resident", "inhabitants",
    "passengers", "villagers", "pensioners", "patients", "students", "schoolchildren", "journalists",
    "reporters", "medics", "doctors", "nurses", "teachers", "rescuers", "firefighters", "workers",
    "worshippers", "churchgoers", "shoppers", "commuters", "pedestrians", "miners", "farmers",
    "teenagers", "minors", "orphans", "families", "elderly", "locals", "evacuees", "protesters",
    "demonstrators", "activists", "priests", "monks", "athletes", "tourists", "customers",
    "employees", "staffers", "guests", "diners", "spectators", "pupils",
}
MILITARY_NOUNS = {
    "soldiers", "soldier", "troops", "servicemen", "serviceman", "servicewomen", "servicemembers",
    "fighters", "combatants", "militants", "personnel", "conscripts", "reservists", "marines",
    "paratroopers", "officers", "commanders", "generals", "pilots", "defenders", "guardsmen",
    "guards", "mercenaries", "militiamen", "sappers", "gunners", "recruits", "cadets", "forces",
    "nationalists", "pows", "saboteurs", "infiltrators", "partisans", "insurgents", "separatists",
    "rebels", "spies", "peacekeepers", "snipers", "crewmen", "seamen", "sergeants", "privates",
    "mobilised", "mobilized", "draftees",
}
UNSPECIFIED_NOUNS = {
    "people", "persons", "person", "individuals", "others", "victims", "citizens", "nationals",
    "men", "man", "adults", "members", "crew", "sailors", "volunteers", "lives", "souls",
}
CASUALTY_NOUNS = {
    "deaths": "killed", "dead": "killed", "fatalities": "killed", "bodies": "killed",
    "casualties": "casualties", "losses": "casualties", "injuries": "wounded", "wounded": "wounded",
    "injured": "wounded", "refugees": "refugees", "prisoners": "captured", "prisoner": "captured",
    "pows": "captured", "captives": "captured", "hostages": "captured", "detainees": "captured",
    "displaced": "displaced", "idps": "displaced", "missing": "missing",
}
HEAD_NOUNS = (CIVILIAN_NOUNS | MILITARY_NOUNS | UNSPECIFIED_NOUNS | set(CASUALTY_NOUNS)) - {
    "civilian", "missing", "wounded", "injured", "dead", "displaced"}
"""Nouns that end the counted noun phrase ('people' in 'people remain displaced')."""
EXCHANGE_NOUNS = {"exchange", "exchanges", "swap", "swaps"}
POPULATION_ADJECTIVES = {"civilian": "civilian", "military": "military", "army": "military"}
LEADING_NP_SKIP = {"more", "other", "additional", "further", "extra", "fewer", "own"}
NP_DETERMINERS = {"the", "their", "its", "his", "her", "our", "these", "those", "own", "your"}
POSSESSIVES = {"their", "its", "our", "his", "her"}
PARTITIVE_PRONOUNS = {"them", "whom", "those", "these", "us"}
FUNCTION_WORDS = {
    "and", "or", "but", "have", "has", "had", "were", "was", "are", "is", "be", "been", "being",
    "will", "would", "could", "may", "might", "can", "should", "must", "to", "in", "on", "at",
    "from", "since", "during", "after", "before", "when", "as", "who", "whom", "that", "which",
    "while", "with", "by", "into", "onto", "over", "across", "near", "for", "of", "each", "a",
    "an", "the", "this", "these", "those", "last", "per", "including", "among", "amongst", "than",
    "according", "said", "says", "say", "told", "reportedly", "also", "already", "now", "still",
    "so", "far", "not", "no", "all", "both", "its", "their", "his", "her", "our", "within",
    "without", "inside", "outside", "until", "through", "throughout", "because", "every",
    "yesterday", "today", "overnight", "there", "here", "it", "they", "he", "she", "we", "them",
    "whose", "where", "if", "had", "'s", "’s", "a", "week", "day", "year", "month", "alone",
}
AUX_SKIP = {
    "have", "has", "had", "'ve", "been", "be", "being", "were", "was", "are", "is", "'re", "already",
    "now", "also", "reportedly", "all", "so", "far", "officially", "still", "believed", "feared",
    "thought", "said", "reported", "presumed", "known", "confirmed", "estimated", "expected",
    "likely", "to", "later", "subsequently", "eventually", "either", "both", "since", "allegedly",
    "apparently", "probably", "just", "recently", "initially", "previously", "remain", "remains",
    "remained", "currently", "seriously", "critically", "badly", "severely", "lightly",
    "arbitrarily", "summarily", "illegally", "unlawfully", "forcibly", "brutally", "deliberately",
}
NEGATORS = {"not", "n't", "never", "no"}
MODALS = {"will", "would", "could", "may", "might", "can", "should", "must", "'ll"}
RIGHT_CUES: dict[tuple[str, ...], str] = {
    ("killed", "or", "wounded"): "casualties", ("killed", "or", "injured"): "casualties",
    ("killed", "and", "wounded"): "casualties", ("killed", "and", "injured"): "casualties",
    ("dead", "or", "wounded"): "casualties", ("dead", "and", "wounded"): "casualties",
    ("dead", "or", "injured"): "casualties", ("dead", "and", "injured"): "casualties",
    ("killed",): "killed", ("dead",): "killed", ("died",): "killed", ("perished",): "killed",
    ("slain",): "killed", ("murdered",): "killed", ("executed",): "killed", ("drowned",): "killed",
    ("eliminated",): "killed",
    ("lost", "their", "lives"): "killed", ("lost", "his", "life"): "killed",
    ("lost", "her", "life"): "killed", ("lost", "their", "life"): "killed",
    ("wounded",): "wounded", ("injured",): "wounded", ("hurt",): "wounded", ("maimed",): "wounded",
    ("hospitalised",): "wounded", ("hospitalized",): "wounded",
    ("missing",): "missing", ("unaccounted", "for"): "missing", ("disappeared",): "missing",
    ("captured",): "captured", ("detained",): "captured", ("abducted",): "captured",
    ("imprisoned",): "captured", ("surrendered",): "captured", ("taken", "prisoner"): "captured", ("taken", "captive"): "captured",
    ("taken", "hostage"): "captured", ("held", "captive"): "captured", ("held", "prisoner"): "captured",
    ("held", "hostage"): "captured", ("in", "captivity"): "captured", ("held",): "captured", ("released",): "captured",
    ("freed",): "captured", ("returned",): "captured", ("brought", "home"): "captured",
    ("brought", "back"): "captured", ("exchanged",): "captured", ("swapped",): "captured",
    ("repatriated",): "captured", ("handed", "over"): "captured", ("came", "home"): "captured",
    ("displaced",): "displaced", ("internally", "displaced"): "displaced", ("uprooted",): "displaced",
    ("forced", "from", "their", "homes"): "displaced", ("forced", "out", "of", "their", "homes"): "displaced",
    ("forced", "to", "flee", "their", "homes"): "displaced", ("driven", "from", "their", "homes"): "displaced",
    ("from", "their", "homes"): "displaced", ("out", "of", "their", "homes"): "displaced",
    ("made", "homeless"): "displaced", ("left", "homeless"): "displaced",
    ("left", "their", "homes"): "displaced", ("left", "their", "home"): "displaced",
    ("lost", "their", "homes"): "displaced", ("lost", "their", "home"): "displaced",
    ("leave", "their", "homes"): "displaced", ("leave", "their", "home"): "displaced",
    ("listed", "as", "missing"): "missing", ("registered", "as", "missing"): "missing",
    ("recorded", "as", "refugees"): "refugees", ("registered", "as", "refugees"): "refugees",
    ("living", "as", "refugees"): "refugees", ("registered", "as", "displaced"): "displaced",
    ("registered", "as", "internally", "displaced"): "displaced",
    ("sought", "refuge"): "refugees", ("sought", "asylum"): "refugees", ("crossed", "into"): "refugees",
    ("crossed", "from"): "refugees", ("crossed", "the", "border"): "refugees",
    ("left", "the", "country"): "refugees", ("gone", "abroad"): "refugees", ("moved", "abroad"): "refugees",
    ("fled",): "fled", ("flee",): "fled", ("fleeing",): "fled",
    ("evacuated",): "displaced", ("laid", "down", "their", "arms"): "captured",
    ("gave", "themselves", "up"): "captured",
}
LEFT_CUES: dict[tuple[str, ...], str] = {
    ("killed", "or", "wounded"): "casualties", ("killing", "or", "wounding"): "casualties",
    ("killed", "and", "wounded"): "casualties", ("killing", "and", "wounding"): "casualties",
    ("killed", "or", "injured"): "casualties", ("killing", "or", "injuring"): "casualties",
    ("losses", "of"): "casualties", ("lost",): "casualties", ("lose",): "casualties",
    ("losing",): "casualties", ("loses",): "casualties",
    ("kill",): "killed", ("kills",): "killed", ("killed",): "killed", ("killing",): "killed",
    ("dying",): "killed", ("deaths", "of"): "killed", ("death", "of"): "killed",
    ("bodies", "of"): "killed", ("remains", "of"): "killed", ("lives", "of"): "killed",
    ("executed",): "killed", ("executing",): "killed", ("massacred",): "killed",
    ("eliminated",): "killed", ("eliminating",): "killed",
    ("wounded",): "wounded", ("wounding",): "wounded", ("injured",): "wounded", ("injuring",): "wounded",
    ("captured",): "captured", ("capturing",): "captured", ("capture",): "captured",
    ("holding",): "captured", ("holds",): "captured",
    ("detained",): "captured", ("detaining",): "captured", ("released",): "captured",
    ("releasing",): "captured", ("release",): "captured", ("freed",): "captured", ("freeing",): "captured",
    ("free",): "captured", ("exchanged",): "captured", ("exchanging",): "captured",
    ("exchange",): "captured", ("swapped",): "captured", ("swapping",): "captured", ("swap",): "captured",
    ("returned",): "captured", ("returning",): "captured", ("bringing", "home"): "captured",
    ("got", "back"): "captured", ("get", "back"): "captured", ("getting", "back"): "captured",
    ("swap", "for"): "captured", ("exchange", "for"): "captured", ("exchanged", "for"): "captured",
    ("swapped", "for"): "captured",
    ("brought", "home"): "captured", ("bring", "home"): "captured", ("bringing", "back"): "captured",
    ("brought", "back"): "captured", ("repatriated",): "captured", ("repatriating",): "captured",
    ("displaced",): "displaced", ("displacing",): "displaced", ("uprooted",): "displaced",
    ("uprooting",): "displaced", ("evacuated",): "displaced", ("evacuating",): "displaced",
    ("evacuate",): "displaced",
}
SHELTER_WORDS = {"shelter", "shelters", "basement", "basements", "bunker", "bunkers", "building", "hospital",
                 "hospitals", "metro", "subway"}
"""Places that make an evacuation a moment's safety, not displacement ('evacuated to a shelter')."""
SHELTER_WINDOW = 8
"""Tokens after an evacuation cue searched for a :data:`SHELTER_WORDS` place."""
WINDOW_CUES: dict[tuple[str, ...], str] = {
    ("killed", "or", "wounded"): "casualties", ("killed", "or", "injured"): "casualties",
    ("killed", "and", "wounded"): "casualties", ("killed", "and", "injured"): "casualties",
    ("dead", "and", "wounded"): "casualties", ("casualties",): "casualties", ("casualty",): "casualties",
    ("losses",): "casualties",
    ("killed",): "killed", ("dead",): "killed", ("deaths",): "killed", ("death",): "killed",
    ("died",): "killed", ("fatalities",): "killed", ("toll",): "killed", ("bodies",): "killed",
    ("wounded",): "wounded", ("injured",): "wounded", ("injuries",): "wounded",
    ("missing",): "missing",
    ("prisoners",): "captured", ("captured",): "captured", ("freed",): "captured",
    ("released",): "captured", ("detained",): "captured", ("pows",): "captured",
    ("captives",): "captured", ("exchanged",): "captured", ("returned",): "captured",
    ("displaced",): "displaced", ("uprooted",): "displaced", ("homeless",): "displaced",
    ("refugees",): "refugees", ("fled",): "refugees", ("sought", "refuge"): "refugees",
}
HARM_CATEGORIES = {"killed", "wounded", "casualties", "missing"}
MEASURE_TRIGGERS = {"toll", "number", "total", "tally", "count", "figure", "figures", "estimate",
                    "put", "puts", "putting", "estimated", "estimates", "numbers"}
TOLL_NOUNS = {"deaths", "casualties", "losses", "fatalities", "injuries", "dead", "wounded", "injured",
              "refugees", "toll"}
"""Nouns that make '… rose to N' / '… stood at N' a measure without 'number' or 'toll'."""
MEASURE_WINDOW = 22
"""Tokens a measure phrase may span before its figure."""
COPULA_STOPS = {"that", "which", "who", "and", "but", "when"}
MEASURE_LINKERS = {"to", "at", "of", "reached", "hit", "is", "was", "stood", "stands", "topped",
                   "passed", "exceeded", "surpassed", "now", "are", "were", "reach", "reaching"}
COPULAS = {"were", "was", "are", "is"}
ARTICLES_AND_COPULAS = {"a", "an"} | COPULAS
CLAUSE_STOPS = {";", ":", "—", "–"}
LOSS_VERBS = {"lost", "lose", "loses", "losing", "suffered", "suffer", "suffers", "suffering",
              "sustained", "sustain", "sustaining"}
ATTACK_NOUNS = {
    "strike", "strikes", "attack", "attacks", "missile", "missiles", "drone", "drones", "aircraft",
    "jets", "warplanes", "shelling", "bombardment", "rocket", "rockets", "artillery", "shells",
    "airstrike", "airstrikes", "barrage", "offensive", "bombs", "bombing", "invasion",
    "aggression", "fire", "assault", "captivity", "occupiers", "aerial", "raid", "raids",
}
ARMED_GROUPS = {"forces", "troops", "army", "military", "soldiers", "units", "gunners", "pilots"}
PASSIVE_AUX = {"were", "was", "been", "being", "be", "are", "is", "got", "get"}
"""'soldiers were killed' makes the soldiers victims, not attackers."""
ATTACK_ACTIONS = {
    "killed", "killing", "kill", "shelled", "shelling", "struck", "striking", "fired", "firing",
    "bombed", "bombing", "bombarding", "bombarded", "attacked", "attacking", "hit", "hitting",
    "launched", "launching", "targeted", "targeting", "pounded", "pounding", "opened", "executed",
    "massacred", "shot", "shooting", "stormed", "captured", "detained", "abducted",
}
ATTACK_MODIFIERS = {"ballistic", "cruise", "aerial", "heavy", "massive", "guided", "hypersonic",
                    "armed", "ground", "special", "regular", "long", "range", "latest", "new",
                    "overnight", "nightly", "combined", "own", "occupying", "invading"}
ATTACK_VERBS = {"attacked", "struck", "shelled", "bombed", "fired", "launched", "hit", "strikes",
                "attacks", "shells", "bombs", "fires", "launches", "targeted", "pounded"}
PLACE_NOUNS = {"city", "capital", "town", "village", "region", "regions", "territory", "soil",
               "port", "oblast", "province", "border", "cities", "towns", "villages", "district",
               "settlement", "territories"}
PLACE_PREPOSITIONS = {"in", "from", "of", "across", "inside", "within", "fled", "left", "throughout"}
DISPLACED_AFTER_FLEE = {"homes", "home", "city", "town", "region", "village", "area", "fighting",
                        "front", "villages", "towns", "cities"}
RECIPROCAL_WORDS = {"each"}
SKIPPABLE_PUNCT = {",", '"', "“", "”", "'", "‘", "’", "(", ")", "«", "»"}
APPOSITION_STARTS = {"all", "including", "among", "mostly", "most", "many", "a", "an", "both", "some", "one",
                     "mainly", "the", "nearly", "almost", "about", "around", "roughly", "more", "over", "up",
                     "approximately", "close", "just", "well", "at"}
"""First words of an apposition after the counted noun (', one of them a child,';
', nearly a quarter of the population,')."""
RELATIVE_PRONOUNS = {"who", "that", "which"}
MAIN_VERBS_AFTER_RELATIVE = {"were", "was", "are", "is", "have", "has", "had", "remain", "remained", "remains"}
"""Relative pronouns after a counted noun, and the verbs that end the relative clause."""
INTRANSITIVE_CUES = {"died", "perished", "drowned", "disappeared", "missing", "fled", "flee", "fleeing"}
"""Cues that make their subject the victim in the active voice ('who died'), unlike 'who killed'."""
VICTIM_GROUPS = {"dead": "killed", "killed": "killed", "injured": "wounded", "wounded": "wounded",
                 "missing": "missing", "fatalities": "killed", "casualties": "casualties"}
"""'among the dead', 'among those injured': the group a counted noun belongs to."""
RETURN_DESTINATIONS = {"homes", "home", "areas", "towns", "cities", "villages", "places", "communities"}
"""Where people displaced earlier return to (not freed captives)."""
REMAIN_VERBS = {"remain", "remains", "remained"}
"""Verbs that end a counted noun phrase ('dozens remained missing')."""


def _lowers(doc: Doc | TokenView) -> list[str]:
    """Lower-cased tokens with a straight apostrophe."""
    return doc.lower_apos if isinstance(doc, TokenView) else token_view(doc).lower_apos


def _key(lowers: list[str], start: int, end: int) -> tuple[str, ...]:
    """Tokens ``[start, end)`` as a table key ('' for positions outside the doc)."""
    if 0 <= start and end <= len(lowers):
        return tuple(lowers[start:end])
    return tuple(lowers[k] if 0 <= k < len(lowers) else "" for k in range(start, end))


def _edge_words(table: dict[tuple[str, ...], str]) -> tuple[set[str], set[str]]:
    """First and last words of a cue table's phrases (cached per table and size)."""
    cached = _EDGE_WORDS.get(id(table))
    if cached is None or cached[0] is not table or cached[1] != len(table):
        cached = (table, len(table), {key[0] for key in table}, {key[-1] for key in table})
        _EDGE_WORDS[id(table)] = cached
    return cached[2], cached[3]


_EDGE_WORDS: dict[int, tuple[dict, int, set[str], set[str]]] = {}


def match_at(doc: Doc | TokenView, i: int, hi: int, table: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """Longest phrase of ``table`` starting at token ``i``: (category, end index)."""
    lowers = _lowers(doc)
    if i < hi and 0 <= i < len(lowers) and lowers[i] not in _edge_words(table)[0]:
        return None  # no phrase starts with this word
    for size in (5, 4, 3, 2, 1):
        if i + size > hi:
            continue
        key = _key(lowers, i, i + size)
        if key in table:
            return table[key], i + size
    return None


def match_ending(doc: Doc | TokenView, end: int, lo: int, table: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """Longest phrase of ``table`` ending just before token ``end``: (category, start index)."""
    lowers = _lowers(doc)
    if end > lo and 0 < end <= len(lowers) and lowers[end - 1] not in _edge_words(table)[1]:
        return None  # no phrase ends with this word
    for size in (5, 4, 3, 2, 1):
        if end - size < lo:
            continue
        key = _key(lowers, end - size, end)
        if key in table:
            return table[key], end - size
    return None


def positions(column: list[str], words: Iterable[str], lo: int, hi: int) -> list[int]:
    """Sorted indices in ``[lo, hi)`` where ``column`` holds one of ``words`` (``list.index``
    scans in C, faster than testing every token in Python)."""
    out = []
    for word in words:
        k = lo - 1
        try:
            while True:
                k = column.index(word, k + 1, hi)
                out.append(k)
        except ValueError:
            pass
    return sorted(out)


def span_text(view: TokenView, start: int, end: int) -> str:
    """``doc[start:end].text`` (no trailing whitespace) from the token columns."""
    if end <= start:
        return ""
    text, ws = view.text, view.whitespace
    return "".join([text[k] + ws[k] for k in range(start, end - 1)]) + text[end - 1]
