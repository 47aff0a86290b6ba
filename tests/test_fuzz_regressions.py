"""Inputs the fuzzer (bench/fuzz.py) once found to crash or hang ghostproof: each must now be read or refused
with a one-line error, quickly."""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest

FOUND = sorted((Path(__file__).parent / "data" / "fuzz_regressions").glob("*-*-*.*"))


def test_the_regression_folder_is_not_empty() -> None:
    assert FOUND, "bench/fuzz.py saves what it finds in tests/data/fuzz_regressions/"


@pytest.mark.parametrize("path", FOUND, ids=lambda p: p.name)
def test_a_fuzzed_input_that_once_failed_is_read_or_refused(path: Path) -> None:
    run = hostile.run_cli(["audit", str(path), "-q"], timeout=20)
    assert run.returncode in (0, 2), run.stderr
    assert "E199" not in run.stderr and "Traceback" not in run.stderr
    if run.returncode == 2:
        assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith("ghostproof: error[E")
    assert run.max_rss_mb < 400
