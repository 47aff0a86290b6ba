"""PDF extraction fidelity on real contracts: CUAD PDFs against the expert text files (bench/extract_fidelity.py).

All 40 PDFs take about 5 s (the bench adds the pdfplumber speed comparison, which takes minutes).
"""

from __future__ import annotations

import statistics
from types import ModuleType

import pytest
from scripts import load_script
from similarity import matched_words, word_similarity, words


def _bench() -> ModuleType:
    return load_script("bench/extract_fidelity.py", "extract_fidelity")


@pytest.mark.cuad
def test_cuad_pdf_extraction_matches_expert_text() -> None:
    bench = _bench()
    pairs = bench.cuad_pairs()
    if not pairs:
        pytest.skip(f"CUAD PDFs not found under {bench.shared_dir() / 'data' / 'cuad' / 'pdf'}")
    results = [bench.run_file(pdf, txt, speed=False) for pdf, txt in pairs]
    sims = {r.file: round(r.similarity, 4) for r in results}
    assert statistics.median(sims.values()) >= bench.MEDIAN_BAR, sims
    assert min(sims.values()) >= bench.MIN_BAR, sims


def test_words_neutralise_case_punctuation_hyphens_and_apostrophes() -> None:
    assert words("The Licensee’s non-exclusive\nlicence, (a) ﬁnal.") == [
        "the",
        "licensee's",
        "non",
        "exclusive",
        "licence",
        "a",
        "final",
    ]


def test_word_similarity_counts_matching_words() -> None:
    assert word_similarity("a b c d", "a b c d") == 1.0
    assert word_similarity("", "") == 1.0
    assert word_similarity("a b c d", "") == 0.0
    # one word dropped from four: M = 3, 2*3 / (3 + 4)
    assert word_similarity("a b d", "a b c d") == pytest.approx(6 / 7)
    # a moved block counts once
    assert matched_words(["x", "y", "a", "b", "c"], ["a", "b", "c", "x", "y"]) == 3


def test_word_similarity_agrees_with_difflib_on_long_texts() -> None:
    import random
    from difflib import SequenceMatcher

    rng = random.Random(4)
    vocab = [f"w{i}" for i in range(400)] + ["the", "of", "and", "shall"] * 50
    a = [rng.choice(vocab) for _ in range(6000)]
    b = list(a)
    for _ in range(60):  # edits: deletions, insertions, a moved block
        i = rng.randrange(len(b) - 20)
        del b[i : i + rng.randrange(1, 8)]
        b[i:i] = [rng.choice(vocab) for _ in range(rng.randrange(0, 5))]
    b = b[3000:3200] + b[:3000] + b[3200:]
    exact = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    assert abs(matched_words(a, b) - exact) <= 0.01 * exact
