"""Table-driven detection tests over the team's labelled dev corpus (tests/corpus/{en,de}.jsonl, heldout*_*.jsonl).

Every passage is one test: expected status per listed family and expected attributes. Rows the rules do not
get right yet are listed in tests/corpus/known_failures.txt with a reason; they run as strict xfails, so a row
that starts passing must be taken off the list. The aggregate bar (precision and recall per family) is checked
separately.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_eval import evaluate, evaluate_row, load_corpus

from ghostproof.findings import FAMILIES

CORPUS = Path(__file__).parent / "corpus"
# The dev corpus plus the held-out rows (heldout_<lang>.jsonl, heldout2_<lang>.jsonl: written without the patterns
# in view) and the regression rows (regress_<lang>.jsonl: every example an issue reported, e.g. issue 14's).
ROWS = [
    (lang, row)
    for lang in ("en", "de")
    for name in (f"{lang}.jsonl", f"heldout_{lang}.jsonl", f"heldout2_{lang}.jsonl", f"regress_{lang}.jsonl")
    for row in load_corpus(CORPUS / name)
]


def _known_failures() -> dict[str, str]:
    out: dict[str, str] = {}
    path = CORPUS / "known_failures.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rid, _, reason = line.partition(" ")
                out[rid] = reason.strip()
    return out


KNOWN = _known_failures()


def test_corpus_size() -> None:
    assert len(ROWS) >= 300
    assert {lang for lang, _ in ROWS} == {"en", "de"}


def test_known_failures_name_real_rows() -> None:
    ids = {row["id"] for _, row in ROWS}
    assert set(KNOWN) <= ids


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        pytest.param(lang, row, id=row["id"], marks=pytest.mark.xfail(reason=KNOWN[row["id"]], strict=True))
        if row["id"] in KNOWN
        else pytest.param(lang, row, id=row["id"])
        for lang, row in ROWS
    ],
)
def test_passage(lang: str, row: dict[str, object]) -> None:
    result = evaluate_row(row, lang)  # type: ignore[arg-type]
    assert result.ok, "; ".join(result.errors)


def test_precision_and_recall_per_family() -> None:
    by_lang: dict[str, list[dict[str, object]]] = {"en": [], "de": []}
    for lang, row in ROWS:
        by_lang[lang].append(row)
    report = evaluate(by_lang.items())  # type: ignore[arg-type]
    for fam in FAMILIES:
        score = report.families[fam]
        assert score.tp + score.fn >= 10, f"{fam}: too few positive passages"
        assert score.precision >= 0.93, f"{fam}: precision {score.precision:.3f}"
        assert score.recall >= 0.93, f"{fam}: recall {score.recall:.3f}"
