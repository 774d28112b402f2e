"""What the notebooks show: filtered tables and charts built from the Parquet tables.

Notebooks hold narrative and parameters and call these functions; no spaCy work
happens here (reports read the tables only). Every chart function returns
``(figure, data)`` so the plotted numbers can be saved beside the PNG.
"""
from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .figures import empty_figure
from .params import Params

CATEGORY_COLORS = {"killed": "#b2182b", "wounded": "#ef8a62", "casualties": "#67001f", "missing": "#999999",
                   "captured": "#2166ac", "displaced": "#5aae61", "refugees": "#1b7837"}
STATUS_MARKERS = {"held": "o", "planned": "^", "cancelled": "x"}
LEVEL_SIZES = {"leaders": 140, "ministers": 100, "envoys": 70, "delegations": 55}


# ---------------------------------------------------------------- shared helpers
def to_day(value) -> date | None:
    """First day of a ``YYYY-MM-DD`` / ``YYYY-MM`` string, else ``None``."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    text = str(value)
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text[:7] + "-01")
    except ValueError:
        return None


def in_date_range(values: pd.Series, params: Params) -> pd.Series:
    """Mask of rows whose date (a month-precise date counts as its first day) lies within
    the parameters' start and end; undated rows are kept only when no range is set."""
    if params.start is None and params.end is None:
        return pd.Series(True, index=values.index)
    start, end = params.start or date.min, params.end or date.max
    return values.map(lambda v: (day := to_day(v)) is not None and start <= day <= end).astype(bool)


def with_published(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Add each row's article date and outlet (from ``documents``)."""
    meta = documents[["doc_id", "published", "outlet"]]
    return frame.drop(columns=[c for c in ("published", "outlet") if c in frame.columns]).merge(
        meta, on="doc_id", how="left")


# ---------------------------------------------------------------- 00 corpus overview
def document_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One line per input: status, reason, title, outlet, date and its basis, cleaning."""
    cols = ["doc_id", "status", "reason", "duplicate_of", "title", "outlet", "published", "date_basis",
            "n_chars", "removed"]
    return documents[[c for c in cols if c in documents.columns]].sort_values("doc_id").reset_index(drop=True)


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """How many inputs are ok, duplicate or rejected."""
    counts = documents["status"].value_counts().reindex(["ok", "duplicate", "rejected"], fill_value=0)
    return counts.rename_axis("status").reset_index(name="documents")


def removed_lines(documents: pd.DataFrame, *, per_document: int = 5) -> pd.DataFrame:
    """A sample of the boilerplate lines cleaning dropped, per document (for audit)."""
    rows = []
    for doc_id, lines in zip(documents["doc_id"], documents["removed_lines"]):
        for line in list(lines)[:per_document]:
            rows.append({"doc_id": doc_id, "removed line": str(line)[:120]})
    return pd.DataFrame(rows, columns=["doc_id", "removed line"])


def plot_cleaning(documents: pd.DataFrame):
    """Kept vs removed characters per document."""
    data = documents.loc[documents["status"] != "rejected", ["doc_id", "n_chars", "removed"]].copy()
    data = data.rename(columns={"n_chars": "kept"}).sort_values("doc_id").reset_index(drop=True)
    if data.empty:
        return empty_figure("no readable documents"), data
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(data) + 1.2))
    ax.barh(data["doc_id"], data["kept"], color="#4575b4", label="article text kept")
    ax.barh(data["doc_id"], data["removed"], left=data["kept"], color="#d73027", label="boilerplate removed")
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig, data


# ---------------------------------------------------------------- 01 casualty figures
def filter_casualties(casualties: pd.DataFrame, documents: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Casualty rows with article dates, restricted to the parameters."""
    frame = with_published(casualties, documents)
    mask = frame["category"].isin(params.categories) & frame["side"].isin(params.sides)
    mask &= in_date_range(frame["published"], params)
    cols = ["published", "doc_id", "value", "value_high", "vague", "category", "side", "population",
            "qualifier", "claimed_by", "sentence"]
    return frame.loc[mask, cols].sort_values(["published", "doc_id", "category", "value"],
                                             na_position="last").reset_index(drop=True)


def plot_casualties_over_time(figures: pd.DataFrame):
    """Figures over time by category, on a log scale (values span 10 to 10 million)."""
    data = figures.loc[~figures["vague"].astype(bool) & figures["published"].notna(),
                       ["published", "category", "value", "side", "claimed_by"]].copy()
    data = data.sort_values(["published", "category", "value"]).reset_index(drop=True)
    if data.empty:
        return empty_figure("no dated, numbered figures"), data
    fig, ax = plt.subplots(figsize=(8, 4))
    days = pd.to_datetime(data["published"])
    for category in [c for c in CATEGORY_COLORS if c in set(data["category"])]:
        rows = data["category"] == category
        ax.scatter(days[rows], data.loc[rows, "value"], label=category, color=CATEGORY_COLORS[category],
                   alpha=0.8, edgecolors="black", linewidths=0.3)
    ax.set_yscale("log")
    ax.set_ylabel("people (log scale)")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.legend(title="category", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(True, which="major", axis="y", alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig, data


def claims_side_by_side(figures: pd.DataFrame) -> pd.DataFrame:
    """Numbered figures for the same thing (category, side, population) with one column
    per claimant, so competing claims sit side by side."""
    data = figures.loc[~figures["vague"].astype(bool)].copy()
    if data.empty:
        return pd.DataFrame()
    data["claimed_by"] = data["claimed_by"].fillna("(unattributed)")
    data["figure"] = data.apply(_figure_text, axis=1)
    table = data.pivot_table(index=["category", "side", "population"], columns="claimed_by", values="figure",
                             aggfunc=lambda v: "; ".join(sorted(set(v))))
    return table.fillna("").sort_index()


def _figure_text(row) -> str:
    qualifier = "" if row["qualifier"] == "exact" else f"{str(row['qualifier']).replace('_', ' ')} "
    high = row.get("value_high")
    value = f"{int(row['value']):,}" + (f"–{int(high):,}" if pd.notna(high) else "")
    return f"{qualifier}{value} ({row['published'] or 'undated'})"


def vague_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Unnumbered plurals ("thousands", "dozens"), shown apart from counted figures."""
    cols = ["published", "doc_id", "category", "side", "population", "value", "sentence"]
    return figures.loc[figures["vague"].astype(bool), cols].rename(columns={"value": "order of magnitude"}
                                                                   ).reset_index(drop=True)


# ---------------------------------------------------------------- 02 talk rounds
def filter_talks(talks: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Talk events within the date range and involving the chosen parties."""
    mask = in_date_range(talks["date"], params)
    if params.parties:
        mask &= talks["parties"].map(lambda ps: bool(set(ps) & set(params.parties)))
    frame = talks.loc[mask].copy()
    frame["pairing"] = frame["parties"].map(lambda ps: "–".join(sorted(ps)))
    frame["mentioned in"] = frame["doc_ids"].map(lambda ds: ", ".join(ds))
    cols = ["date", "status", "venue", "pairing", "level", "round", "mentioned in", "evidence"]
    return frame.sort_values(["date", "pairing"])[cols].reset_index(drop=True)


def plot_talk_timeline(events: pd.DataFrame):
    """One lane per pairing of parties; marker shape = status, size = level."""
    data = events[["date", "pairing", "status", "level", "venue"]].copy()
    data["day"] = data["date"].map(to_day)
    data = data.dropna(subset=["day"]).reset_index(drop=True)
    if data.empty:
        return empty_figure("no dated talks"), data.drop(columns="day")
    lanes = sorted(data["pairing"].unique())
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(lanes) + 1.8))
    for status, marker in STATUS_MARKERS.items():
        for level, size in LEVEL_SIZES.items():
            rows = (data["status"] == status) & (data["level"] == level)
            if rows.any():
                ax.scatter(pd.to_datetime(data.loc[rows, "day"]), [lanes.index(p) for p in data.loc[rows, "pairing"]],
                           marker=marker, s=size, label=f"{status}, {level}", edgecolors="black", linewidths=0.4)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(True, axis="x", alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig, data.drop(columns="day")


def gaps_between_rounds(events: pd.DataFrame) -> pd.DataFrame:
    """Days between consecutive events of the same pairing."""
    rows = []
    for pairing, group in events.groupby("pairing", sort=True):
        days = sorted(d for d in group["date"].map(to_day) if d is not None)
        for before, after in zip(days, days[1:]):
            rows.append({"pairing": pairing, "from": before.isoformat(), "to": after.isoformat(),
                         "days": (after - before).days})
    return pd.DataFrame(rows, columns=["pairing", "from", "to", "days"])


# ---------------------------------------------------------------- 03 stance shifts
def filter_statements(statements: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Statements on the chosen topics, speakers (surname match) and dates."""
    mask = statements["topic"].isin(params.topics) & in_date_range(statements["date"], params)
    if params.speakers:
        wanted = {s.split()[-1].lower() for s in params.speakers}
        mask &= statements["speaker"].map(lambda s: str(s).split()[-1].lower() in wanted)
    cols = ["date", "speaker", "side", "topic", "stance", "quote", "doc_id", "sentence"]
    return statements.loc[mask, cols].sort_values(["speaker", "topic", "date", "doc_id"]).reset_index(drop=True)


def filter_shifts(shifts: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Shifts on the chosen topics, speakers and dates."""
    mask = shifts["topic"].isin(params.topics) & in_date_range(shifts["date"], params)
    if params.speakers:
        wanted = {s.split()[-1].lower() for s in params.speakers}
        mask &= shifts["speaker"].map(lambda s: str(s).split()[-1].lower() in wanted)
    frame = shifts.loc[mask].copy()
    frame["docs"] = frame["doc_ids"].map(lambda ds: ", ".join(ds))
    cols = ["date", "speaker", "topic", "from_stance", "to_stance", "explicit", "docs", "evidence"]
    return frame[[c for c in cols if c in frame.columns]].sort_values(["date", "speaker"]).reset_index(drop=True)


def plot_stance_timeline(statements: pd.DataFrame, shifts: pd.DataFrame):
    """Dot timeline: one row per speaker × topic, green +1 / red −1, shifts ringed."""
    data = statements[["date", "speaker", "topic", "stance"]].copy()
    data["day"] = data["date"].map(to_day)
    data = data.dropna(subset=["day"]).drop_duplicates().reset_index(drop=True)
    if data.empty:
        return empty_figure("no statements"), data.drop(columns="day")
    data["row"] = data["speaker"] + " · " + data["topic"]
    rows = sorted(data["row"].unique())
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(rows) + 1.6))
    for stance, color, label in ((1, "#1a9850", "+1 (for)"), (-1, "#d73027", "−1 (against)")):
        sel = data["stance"] == stance
        ax.scatter(pd.to_datetime(data.loc[sel, "day"]), [rows.index(r) for r in data.loc[sel, "row"]],
                   color=color, s=40, label=label, edgecolors="black", linewidths=0.3)
    for _, shift in shifts.iterrows():
        row = f"{shift['speaker']} · {shift['topic']}"
        day = to_day(shift["date"])
        if row in rows and day is not None:
            ax.scatter([pd.Timestamp(day)], [rows.index(row)], s=180, facecolors="none", edgecolors="black",
                       linewidths=1.2, label="shift" if "shift" not in ax.get_legend_handles_labels()[1] else None)
    ax.set_yticks(range(len(rows)), rows, fontsize=7)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(True, axis="x", alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig, data.drop(columns=["day"])
