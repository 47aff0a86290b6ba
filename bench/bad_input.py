"""Time and peak memory of ghostproof on every kind of bad input (the rows of tests/test_bad_input.py).

Run:  .venv/bin/python bench/bad_input.py [--runs 5]
Each row runs ``ghostproof extract`` in a fresh process; prints median wall time and peak RSS per row.
The bar: every row under 2 s and 300 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    worst_s = worst_mb = 0.0
    print(f"{'case':40} {'code':6} {'median s':>9} {'max s':>7} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(hostile.CASES):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / case.filename
            if case.build is not None:
                case.build(path)
            runs = [hostile.run_cli(["extract", str(path), *case.args]) for _ in range(args.runs)]
            codes = {r.stderr.split("]")[0].split("[")[-1] for r in runs}
            secs = [r.seconds for r in runs]
            peak = max(r.max_rss_mb for r in runs)
            worst_s, worst_mb = max(worst_s, statistics.median(secs)), max(worst_mb, peak)
            med = statistics.median(secs)
            print(f"{case.name:40} {','.join(sorted(codes)):6} {med:9.2f} {max(secs):7.2f} {peak:8.0f}")
    print(f"\nslowest median: {worst_s:.2f} s (bar 2 s); largest peak: {worst_mb:.0f} MB (bar 300 MB)")
    return 0 if worst_s < 2 and worst_mb < 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
