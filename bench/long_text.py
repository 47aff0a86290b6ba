"""Cost of a long contract: ``ghostproof audit`` on Markdown contracts of 0.5 to 4.5 million characters (a sample
contract repeated), one fresh process each, in turn; prints seconds and peak memory per size and the seconds per
million characters of each size against the smallest (1.0x everywhere = linear).

    .venv/bin/python bench/long_text.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile

ROOT = Path(__file__).resolve().parents[1]
SIZES = (500_000, 1_000_000, 2_000_000, 4_500_000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sample = (ROOT / "samples" / "en-consulting-mixed.md").read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for size in SIZES:
            path = Path(tmp) / f"long-{size}.md"
            path.write_text("\n\n".join([sample] * (size // len(sample) + 1))[:size], encoding="utf-8")
            paths.append(path)
        runs: dict[int, list[hostile.Run]] = {s: [] for s in SIZES}
        for _ in range(args.runs):  # sizes in turn, so load on the machine hits them alike
            for size, path in zip(SIZES, paths, strict=True):
                run = hostile.run_cli(["audit", str(path), "-f", "json", "-q"], timeout=300)
                assert run.returncode == 0, run.stderr
                runs[size].append(run)
        base = None
        print(f"{'characters':>11} {'median s':>9} {'s per M chars':>14} {'vs smallest':>12} {'peak MB':>8}")
        for size in SIZES:
            seconds = statistics.median(r.seconds for r in runs[size])
            per_m = seconds / (size / 1e6)
            base = base or per_m
            peak = max(r.max_rss_mb for r in runs[size])
            rows.append((size, seconds, per_m, per_m / base, peak))
            print(f"{size:11,} {seconds:9.2f} {per_m:14.2f} {per_m / base:11.2f}x {peak:8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
