"""Talk events: the talk mentions of every document merged into one row per negotiation
event (annotation guide §3; table ``talks`` of ``shared/spec/tables.md``).

Mentions come from :func:`analysis.talks.extract_talk_mentions`. Two mentions are the same
event if their dates agree (within :data:`DAY_TOLERANCE` days, or the same month when
one of them is month-precise), they share a party, and neither venue nor round
contradict. This is a corpus-level step: it reads the ``talk_mentions`` table only (no
spaCy), so a rebuild reruns it on cached per-document results.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date, timedelta

import pandas as pd

from .gazetteer import default_gazetteer
from .temporal import ResolvedDate, parse_iso

DAY_TOLERANCE = 1
"""Days two mention dates may differ and still be the same event."""

TALK_COLUMNS = ["talk_id", "date", "status", "venue", "level", "parties", "round", "doc_ids", "evidence",
                "outcome", "n_mentions", "precision"]

def consolidate_talks(mentions: pd.DataFrame) -> pd.DataFrame:
    """Corpus-level events from talk mentions: same event if the dates agree (±1 day, or
    the same month when one side is month-precise), a party is shared and neither venue nor
    round contradict. One row per event, columns per ``shared/spec/tables.md``."""
    rows = [] if mentions is None or len(mentions) == 0 else _normalised_rows(mentions)
    clusters = _ClusterIndex()
    for row in sorted(rows, key=_merge_order):
        target = _best_cluster(row, clusters.candidates(row["when"]))
        if target is None:
            clusters.add(_Cluster(row))
        else:
            target.add(row)
    events = [_event_row(cluster.members) for cluster in clusters.clusters]
    frame = pd.DataFrame(events, columns=TALK_COLUMNS)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in TALK_COLUMNS})
    frame["round"] = frame["round"].astype("Int64")
    frame["n_mentions"] = frame["n_mentions"].astype("Int64")
    return frame.sort_values(["date", "talk_id"], kind="stable").reset_index(drop=True)

class _Cluster:
    """The mentions merged into one event so far, with the facts the merge test reads
    (parties, round, venues of direct mentions) kept up to date."""

    def __init__(self, row: dict):
        self.members: list[dict] = []
        self.anchor: ResolvedDate = row["when"]
        self.parties: set[str] = set()
        self.rounds: Counter = Counter()
        self.round: int | None = None
        """The most frequent round, the lowest on a tie (as :func:`_cluster_round`)."""
        self.strong_venues: set[str | None] = set()
        self.index = -1
        self.add(row)

    def add(self, row: dict) -> None:
        self.members.append(row)
        self.parties.update(row["parties"])
        if row["round"] is not None:
            self.rounds[row["round"]] += 1
            self.round = min(self.rounds.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if not row["weak"]:
            self.strong_venues.add(row["venue"])


class _ClusterIndex:
    """Clusters in creation order, indexed by the date of their first mention so that a
    mention is compared only with clusters whose date can agree (see :func:`_dates_agree`)."""

    def __init__(self):
        self.clusters: list[_Cluster] = []
        self._by_day: dict[date, list[_Cluster]] = {}
        self._by_month: dict[tuple[int, int], list[_Cluster]] = {}
        self._month_anchored: dict[tuple[int, int], list[_Cluster]] = {}

    def add(self, cluster: _Cluster) -> None:
        cluster.index = len(self.clusters)
        self.clusters.append(cluster)
        anchor = cluster.anchor
        month = (anchor.value.year, anchor.value.month)
        self._by_month.setdefault(month, []).append(cluster)
        if anchor.precision == "month":
            self._month_anchored.setdefault(month, []).append(cluster)
        else:
            self._by_day.setdefault(anchor.value, []).append(cluster)

    def candidates(self, when: ResolvedDate) -> list[_Cluster]:
        """Clusters a mention of this date may join: the same month if either date is
        month-precise, else within the day tolerance."""
        month = (when.value.year, when.value.month)
        if when.precision == "month":
            return self._by_month.get(month, [])
        out = list(self._month_anchored.get(month, []))
        for day in _days_around(when.value):
            out.extend(self._by_day.get(day, []))
        return out


def _days_around(day: date) -> list[date]:
    """The days within :data:`DAY_TOLERANCE` of ``day``."""
    out = []
    for shift in range(-DAY_TOLERANCE, DAY_TOLERANCE + 1):
        try:
            out.append(day + timedelta(days=shift))
        except OverflowError:
            continue
    return out


def _normalised_rows(mentions: pd.DataFrame) -> list[dict]:
    """Mention rows as plain dicts with parsed dates; rows without a date are dropped."""
    rows = []
    for record in mentions.to_dict("records"):
        when = parse_iso(_text(record.get("date")))
        if when is None:
            continue
        rows.append({
            "doc_id": _text(record.get("doc_id")) or "", "when": when, "status": _text(record.get("status")) or "held",
            "venue": _text(record.get("venue")), "parties": _as_list(record.get("parties")),
            "level": _text(record.get("level")), "round": _as_int(record.get("round")),
            "outcome": _text(record.get("outcome")), "sentence": _text(record.get("sentence")) or "",
            "start": _as_int(record.get("start")) or 0, "weak": _as_bool(record.get("weak")),
        })
    return rows


def _missing(value) -> bool:
    """None, NaN or pandas' NA (pandas is imported only where frames are consolidated)."""
    from pandas import NA

    return value is None or value is NA or (isinstance(value, float) and value != value)


def _text(value) -> str | None:
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None


def _as_int(value) -> int | None:
    try:
        if _missing(value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def _as_bool(value) -> bool:
    if _missing(value):
        return False
    return bool(value)


def _as_list(value) -> list[str]:
    if _missing(value):
        return []
    if isinstance(value, str):
        return sorted({p.strip() for p in re.split(r"[;,|]", value.strip("[]")) if p.strip().strip("'\"")})
    try:
        return sorted({str(v) for v in value})
    except TypeError:
        return []


def _merge_order(row: dict) -> tuple:
    """Day-precise strong mentions first, then weak ones, then month-precise ones."""
    return (row["when"].precision != "day", row["weak"], row["when"].value, row["doc_id"], row["start"])


def _best_cluster(row: dict, candidates: list[_Cluster]) -> _Cluster | None:
    """The compatible cluster that fits ``row`` best (same round, same venue, nearest
    date, most shared parties, then the oldest), or ``None``."""
    scored = []
    parties = set(row["parties"])
    for cluster in candidates:
        if not _compatible(row, cluster):
            continue
        same_round = row["round"] is not None and row["round"] == cluster.round
        same_venue = row["venue"] is not None and row["venue"] in cluster.strong_venues
        shared = len(parties & cluster.parties)
        scored.append((not same_round, not same_venue, abs((row["when"].value - cluster.anchor.value).days), -shared,
                       cluster.index, cluster))
    return min(scored)[-1] if scored else None


def _compatible(row: dict, cluster: _Cluster) -> bool:
    if not _dates_agree(row["when"], cluster.anchor):
        return False
    if cluster.parties.isdisjoint(row["parties"]):
        return False
    cluster_round = cluster.round
    if row["round"] is not None and cluster_round is not None and row["round"] != cluster_round:
        return False
    if row["weak"]:
        return True
    return all(_venues_agree(row["venue"], venue) for venue in cluster.strong_venues)


def _dates_agree(a: ResolvedDate, b: ResolvedDate) -> bool:
    if a.precision == "month" or b.precision == "month":
        return (a.value.year, a.value.month) == (b.value.year, b.value.month)
    return abs((a.value - b.value).days) <= DAY_TOLERANCE


def _venues_agree(a: str | None, b: str | None) -> bool:
    """Equal, either unknown, or a city and the country it lies in."""
    if not a or not b or a.lower() == b.lower():
        return True
    gaz = default_gazetteer()
    ea, eb = gaz.lookup(a), gaz.lookup(b)
    if ea is None or eb is None:
        return False
    return (ea.place_kind == "country" and eb.country == ea.name) or (eb.place_kind == "country" and ea.country == eb.name)


def _cluster_round(members: list[dict]) -> int | None:
    rounds = Counter(m["round"] for m in members if m["round"] is not None)
    return sorted(rounds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if rounds else None


def _event_row(members: list[dict]) -> dict:
    """One event from its mentions: held if any says so, the day-precise date, the most
    specific venue, the parties and level of its direct mentions."""
    strong = [m for m in members if not m["weak"]] or members
    date_iso = _most_common([m["when"].iso for m in strong if m["when"].precision == "day"]) or strong[0]["when"].iso
    venue = _best_venue([m["venue"] for m in strong if m["venue"]])
    parties = sorted({p for m in strong for p in m["parties"]})
    statuses = {m["status"] for m in members}
    status = "held" if "held" in statuses else "cancelled" if "cancelled" in statuses else "planned"
    evidence = sorted(strong, key=lambda m: (m["when"].precision != "day", m["doc_id"], m["start"]))[0]
    return {
        "talk_id": _talk_id(date_iso, parties, venue), "date": date_iso, "status": status, "venue": venue,
        "level": _most_common([m["level"] for m in strong if m["level"]]), "parties": parties,
        "round": _cluster_round(members), "doc_ids": sorted({m["doc_id"] for m in members}),
        "evidence": evidence["sentence"], "outcome": next((m["outcome"] for m in strong if m["outcome"]), None),
        "n_mentions": len(members), "precision": "day" if len(date_iso) == 10 else "month",
    }


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; ties go to the one seen first."""
    if not values:
        return None
    counts = Counter(values)  # keys in order of first appearance
    first = {v: k for k, v in enumerate(counts)}
    return max(counts, key=lambda v: (counts[v], -first[v]))


def _best_venue(venues: list[str]) -> str | None:
    """A city over a country, then the most frequent."""
    gaz = default_gazetteer()
    cities = [v for v in venues if (gaz.lookup(v) is None or gaz.lookup(v).place_kind != "country")]
    return _most_common(cities or venues)


def _talk_id(date_iso: str, parties: list[str], venue: str | None) -> str:
    key = f"{date_iso}|{','.join(parties)}|{(venue or '').lower()}"
    return "talk-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
