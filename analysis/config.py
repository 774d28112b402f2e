"""Every path and project-wide constant the suite uses, in one place.

Paths default to the project checkout; ``ANALYSIS_PROJECT_ROOT`` points the suite at
another working folder (useful when the package is installed outside the checkout).
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = Path(os.environ.get("ANALYSIS_PROJECT_ROOT", PACKAGE_DIR.parent)).resolve()

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
CACHE_DIR = DATA_DIR / "cache"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"

RESOURCES_DIR = PACKAGE_DIR / "resources"
GAZETTEER_PATH = RESOURCES_DIR / "gazetteer.json"
USER_GAZETTEER_PATH = DATA_DIR / "gazetteer.json"
"""Optional user extension of the gazetteer (same format as the bundled one)."""
USER_STANCE_LEXICON_PATH = DATA_DIR / "stance_lexicon.json"
"""Optional user extension of the stance cue lexicon (resources/stance_lexicon.json format)."""

METADATA_FILENAME = "metadata.csv"
"""A file with this name at the corpus root overrides inferred document metadata."""

TABLE_NAMES = ("documents", "casualties", "talks", "statements", "shifts")

INVASION_START = date(2022, 2, 24)
"""Day one of Russia's full-scale invasion; anchors "the invasion entered its Nth day"."""

LATEST_YEAR = 2026
"""Latest publication year the corpus may hold: an undated dateline ("April 11 (Reuters)")
gets its year from the years INVASION_START.year..LATEST_YEAR."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this are rejected as too large rather than read."""

MIN_TEXT_CHARS = 20
"""A document whose cleaned text is shorter than this is rejected as empty."""

NEAR_DUPLICATE_THRESHOLD = 0.85
"""Estimated Jaccard similarity of word shingles above which a document is a duplicate."""
