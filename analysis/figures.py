"""Charts for the notebooks: each saved as ``NN-name.png`` with the CSV of its data.

Following the audit-notebook convention, every chart in a report can be checked
against the numbers it plots.
"""
from __future__ import annotations

from pathlib import Path



import matplotlib.pyplot as plt
import pandas as pd

plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "font.size": 9, "svg.hashsalt": "analysis",
                     "figure.figsize": (8, 4)})


def save_figure(fig, data: pd.DataFrame, name: str, figures_dir: str | Path | None) -> Path | None:
    """Write ``name.png`` and ``name.csv`` (the plotted data) into ``figures_dir``."""
    if figures_dir is None:
        return None
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, bbox_inches="tight", metadata={"Software": None})
    data.to_csv(folder / f"{name}.csv", index=False)
    return png


def empty_figure(message: str):
    """A small figure that says there is nothing to plot (keeps reports uniform)."""
    fig, ax = plt.subplots(figsize=(6, 1.5))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return fig
