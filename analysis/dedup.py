"""Near-duplicate detection with MinHash over word shingles (datasketch).

Documents are considered in the order given (doc_id order in the build); a document
whose estimated Jaccard similarity to an already kept one reaches the threshold is a
duplicate of it. Articles that merely share some wire paragraphs stay apart.
"""
from __future__ import annotations

import re
from typing import Iterable

from datasketch import MinHash, MinHashLSH

from . import config

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word n-grams of ``text`` (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    """The MinHash signature of a text's shingles (seeded: deterministic)."""
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    for shingle in sorted(shingles(text)):
        signature.update(shingle.encode("utf-8"))
    return signature


def find_near_duplicates(docs: Iterable[tuple[str, str]], *,
                         threshold: float = config.NEAR_DUPLICATE_THRESHOLD) -> dict[str, tuple[str, float]]:
    """Map each duplicate doc_id to (kept doc_id, estimated similarity).

    ``docs`` is an iterable of ``(doc_id, text)``; the first of a group is kept.
    """
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    kept: dict[str, MinHash] = {}
    duplicates: dict[str, tuple[str, float]] = {}
    for doc_id, text in docs:
        signature = minhash(text)
        candidates = sorted(index.query(signature))
        scored = [(signature.jaccard(kept[c]), c) for c in candidates]
        scored = [(s, c) for s, c in scored if s >= threshold]
        if scored:
            similarity, original = min(scored, key=lambda sc: (-sc[0], sc[1]))
            duplicates[doc_id] = (original, round(similarity, 3))
            continue
        index.insert(doc_id, signature)
        kept[doc_id] = signature
    return duplicates
