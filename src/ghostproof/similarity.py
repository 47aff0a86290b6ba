"""Word-sequence similarity between two texts, for extraction-fidelity checks and parity tests.

``word_similarity(a, b) = 2·M / (|A| + |B|)`` over the word sequences ``A = words(a)``, ``B = words(b)``, where
``M`` is the number of words in matching blocks (as :class:`difflib.SequenceMatcher` would count them). Long
texts are first cut at words that occur exactly once on both sides and in the same order (patience diff), so
only the short stretches in between go through ``SequenceMatcher``: 30k-word documents take milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

__all__ = ["matched_words", "word_similarity", "words"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DROP = re.compile("[\u00ad\ufffe\x02\u200b\u200c\u200d\ufeff]")
# a word: letters/digits, with inner apostrophes kept ("licensee's", "don't"); hyphens and slashes split words
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: below this many cells (|a|·|b|) a stretch goes straight to SequenceMatcher
_SMALL = 40_000


def words(text: str) -> list[str]:
    """Lower-case word tokens: punctuation dropped, typographic apostrophes unified, ligatures expanded.

    Hyphens and slashes separate words ("non-exclusive" -> ``non``, ``exclusive``), so a compound written with
    or without a line-break hyphen and spacing differences compare equal.
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", text)).translate(_APOSTROPHES).lower()
    return _WORD.findall(text)


def _difflib_matches(a: Sequence[int], b: Sequence[int]) -> int:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (pairs sorted by the first, all distinct)."""
    tails: list[int] = []  # tails[k] = smallest b-position ending a chain of length k+1
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)
    for i, (_, bj) in enumerate(pairs):
        k = bisect_left(tails, bj)
        if k == len(tails):
            tails.append(bj)
            tail_idx.append(i)
        else:
            tails[k] = bj
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        chain.append(pairs[i])
        i = prev[i]
    chain.reverse()
    return chain


def _matches(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int) -> int:
    """Matched elements between ``a[alo:ahi]`` and ``b[blo:bhi]``."""
    m = 0
    # common prefix and suffix cost nothing
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        alo, blo, m = alo + 1, blo + 1, m + 1
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi, m = ahi - 1, bhi - 1, m + 1
    if alo == ahi or blo == bhi:
        return m
    if (ahi - alo) * (bhi - blo) <= _SMALL:
        return m + _difflib_matches(a[alo:ahi], b[blo:bhi])
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    pos_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, pos_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in pos_b]
    anchors = _lis(pairs)
    if not anchors:
        return m + _difflib_matches(a[alo:ahi], b[blo:bhi])
    i0, j0 = alo, blo
    for ai, bj in anchors:
        m += _matches(a, b, i0, ai, j0, bj) + 1
        i0, j0 = ai + 1, bj + 1
    return m + _matches(a, b, i0, ahi, j0, bhi)


def matched_words(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words of the sequence ``a`` line up with words of ``b`` (in order)."""
    ids: dict[str, int] = {}
    ia = [ids.setdefault(w, len(ids)) for w in a]
    ib = [ids.setdefault(w, len(ids)) for w in b]
    return _matches(ia, ib, 0, len(ia), 0, len(ib))


def word_similarity(a: str, b: str) -> float:
    """``2·M / (|A| + |B|)`` over the word sequences of ``a`` and ``b``; 1.0 for two texts without words."""
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    return 2.0 * matched_words(wa, wb) / (len(wa) + len(wb))
