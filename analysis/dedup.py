"""Near-duplicate detection with MinHash over word shingles (datasketch).

Documents are considered in the order given (doc_id order in the build); a document
whose estimated Jaccard similarity to an already kept one reaches the threshold is a
duplicate of it. Articles that merely share some wire paragraphs stay apart.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Iterable

import numpy

if TYPE_CHECKING:
    from datasketch import MinHash

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


@functools.cache
def _permutations() -> numpy.ndarray:
    """datasketch's seeded permutations, drawn once per process rather than per signature."""
    from datasketch import MinHash  # imported where used: it loads scipy (about 0.7 s)

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def minhash(text: str) -> MinHash:
    """The MinHash signature of a text's shingles (seeded: deterministic)."""
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    signature.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return signature


def signature_values(text: str) -> list[int]:
    """The MinHash signature of ``text`` as plain integers (picklable, JSON-able)."""
    return minhash(text).hashvalues.tolist()


class NearDuplicateIndex:
    """Streaming near-duplicate detection: documents are offered in order, and each is
    either kept or reported as a duplicate of an earlier kept one.

    Banding follows datasketch's ``MinHashLSH`` for the threshold (same bands and rows),
    but the index is kept compact for corpora of 100,000+ documents: each band of a kept
    signature is one integer key, and the signatures live in one growing ``uint32`` array
    (about 1.5 KB per document instead of datasketch's ~4 KB). Candidates are confirmed
    by their estimated Jaccard similarity, as with datasketch.
    """

    def __init__(self, *, threshold: float = config.NEAR_DUPLICATE_THRESHOLD):
        self.threshold = threshold
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._ranges = lsh.hashranges
        self._bands: list[dict[int, int | list[int]]] = [{} for _ in self._ranges]
        self._ids: list[str] = []
        self._values = numpy.zeros((1024, NUM_PERM), dtype=numpy.uint32)

    def offer(self, doc_id: str, signature: "MinHash | list[int]") -> tuple[str, float] | None:
        """(kept doc_id, estimated similarity) if ``doc_id`` duplicates one, else None (kept)."""
        values = numpy.asarray(getattr(signature, "hashvalues", signature),
                               dtype=numpy.uint64).astype(numpy.uint32)
        keys = [hash(values[lo:hi].tobytes()) for lo, hi in self._ranges]
        candidates = {i for band, key in zip(self._bands, keys) for i in _as_list(band.get(key))}
        scored = [(float(numpy.count_nonzero(values == self._values[i])) / NUM_PERM, self._ids[i])
                  for i in candidates]
        scored = [(s, c) for s, c in scored if s >= self.threshold]
        if scored:
            similarity, original = min(scored, key=lambda sc: (-sc[0], sc[1]))
            return original, round(similarity, 3)
        self._keep(doc_id, values, keys)
        return None

    def _keep(self, doc_id: str, values: numpy.ndarray, keys: list[int]) -> None:
        index = len(self._ids)
        if index == len(self._values):
            self._values = numpy.concatenate([self._values, numpy.zeros_like(self._values)])
        self._values[index] = values
        self._ids.append(doc_id)
        for band, key in zip(self._bands, keys):
            held = band.get(key)
            band[key] = index if held is None else _as_list(held) + [index]


def _as_list(held: int | list[int] | None) -> list[int]:
    if held is None:
        return []
    return held if isinstance(held, list) else [held]


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
