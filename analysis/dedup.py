"""Near-duplicate detection with MinHash over word shingles (datasketch).

Documents are considered in the order given (doc_id order in the build); a document
whose estimated Jaccard similarity to an already kept one reaches the threshold is a
duplicate of it. Articles that merely share some wire paragraphs stay apart.
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy
from datasketch import LeanMinHash, MinHash, MinHashLSH

from . import config

NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine32"
"""datasketch's hashing scheme for the signatures (its default; fixed so cached values stay valid)."""
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word n-grams of ``text`` (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    """The MinHash signature of a text's shingles (seeded: deterministic)."""
    signature = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    for shingle in sorted(shingles(text)):
        signature.update(shingle.encode("utf-8"))
    return signature


def signature_values(text: str) -> list[int]:
    """The MinHash signature of ``text`` as plain integers (picklable, JSON-able)."""
    return [int(v) for v in minhash(text).hashvalues]


class NearDuplicateIndex:
    """Streaming near-duplicate detection: documents are offered in order, and each is
    either kept or reported as a duplicate of an earlier kept one."""

    def __init__(self, *, threshold: float = config.NEAR_DUPLICATE_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._kept: dict[str, numpy.ndarray] = {}  # hash values only: a MinHash also holds its permutations

    def offer(self, doc_id: str, signature: MinHash | LeanMinHash | list[int]) -> tuple[str, float] | None:
        """(kept doc_id, estimated similarity) if ``doc_id`` duplicates one, else None (kept)."""
        if not isinstance(signature, (MinHash, LeanMinHash)):
            signature = LeanMinHash(seed=1, hashvalues=signature, scheme=SCHEME)  # no permutations: cheap
        candidates = sorted(self._lsh.query(signature))
        values = signature.hashvalues
        scored = [(float(numpy.count_nonzero(values == self._kept[c])) / NUM_PERM, c) for c in candidates]
        scored = [(s, c) for s, c in scored if s >= self.threshold]
        if scored:
            similarity, original = min(scored, key=lambda sc: (-sc[0], sc[1]))
            return original, round(similarity, 3)
        self._lsh.insert(doc_id, signature)
        self._kept[doc_id] = values
        return None


def find_near_duplicates(docs: Iterable[tuple[str, str]], *,
                         threshold: float = config.NEAR_DUPLICATE_THRESHOLD) -> dict[str, tuple[str, float]]:
    """Map each duplicate doc_id to (kept doc_id, estimated similarity).

    ``docs`` is an iterable of ``(doc_id, text)``; the first of a group is kept.
    """
    index = NearDuplicateIndex(threshold=threshold)
    duplicates: dict[str, tuple[str, float]] = {}
    for doc_id, text in docs:
        found = index.offer(doc_id, minhash(text))
        if found:
            duplicates[doc_id] = found
    return duplicates
