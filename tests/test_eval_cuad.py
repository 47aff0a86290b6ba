"""Termination for convenience against CUAD's expert labels, on a fixed spread of 60 contracts (bench/eval_cuad.py).

The full run over all 510 contracts is the bench (bar F1 >= 0.80); this subset keeps the test under 30 s.
"""

from __future__ import annotations

from types import ModuleType

import pytest
from scripts import load_script

SUBSET = 60
F1_BAR = 0.75


def _bench() -> ModuleType:
    return load_script("bench/eval_cuad.py", "eval_cuad")


@pytest.mark.cuad
def test_termination_for_convenience_on_a_cuad_subset() -> None:
    bench = _bench()
    contracts = bench.load_contracts()
    if not contracts:
        pytest.skip(f"CUAD data not found under {bench.cuad_dir()}")
    subset = bench.spread(contracts, SUBSET)
    assert any(c.gold for c in subset) and not all(c.gold for c in subset)
    result = bench.evaluate(subset)
    report = bench.format_report(result) + bench.format_failures(result)
    assert result.ours.f1 >= F1_BAR, report
    # the rules must do clearly better than the naive keyword baseline on the same contracts
    assert result.ours.f1 > result.base.f1, report


def test_keyword_baseline_is_naive() -> None:
    bench = _bench()
    assert bench.baseline("Either party may terminate this Agreement for any reason.")
    assert bench.baseline("The Company may at any time terminate the engagement.")
    assert not bench.baseline("Either party may terminate this Agreement upon a material breach.")


def test_scores() -> None:
    score = _bench().Score()
    for gold, pred in [(True, True), (True, False), (False, True), (False, False), (True, True)]:
        score.add(gold, pred)
    assert (score.tp, score.fp, score.fn, score.tn) == (2, 1, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_failures_of_the_blind_fact_sets_are_never_shown() -> None:
    """The blind fact sets (bench/facts) stay unseen: --failures lists no contract of theirs."""
    bench = _bench()
    blind = sorted(bench.blind_stems())
    assert len(blind) >= 150
    shown_name, hidden_name = "Some Visible Agreement.pdf", blind[0] + ".pdf"
    wrong = dict(gold=True, ours=False, base=False, status="missing", evidence="", gold_clauses=("X may terminate",))
    result = bench.Result(
        predictions=[bench.Prediction(filename=shown_name, **wrong), bench.Prediction(filename=hidden_name, **wrong)],
        ours=bench.Score(),
        base=bench.Score(),
        seconds=0.0,
    )
    text = bench.format_failures(result)
    assert shown_name in text and hidden_name not in text
    assert "(1 failures among the 1 contracts of the blind fact sets are not shown" in text
