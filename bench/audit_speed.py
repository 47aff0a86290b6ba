"""End-to-end audit speed over the CUAD PDFs beside pdfplumber's ``extract_text`` alone.

    .venv/bin/python bench/audit_speed.py [--rounds 3] [--limit N]

One process, warmed before timing: one untimed ``audit`` of every PDF (builds the pipeline, loads the rules and
the lemma table, reads the files into the page cache) and one untimed pdfplumber extraction of the first PDF, so
the times are steady state, not cold start (``bench/cold_start.py`` measures that). Then, per round, every PDF of
``shared/data/cuad/pdf/`` is audited with ``ghostproof.audit(path)`` (checks, reading, language, detection,
findings) and extracted with pdfplumber (``page.extract_text()`` of every page), alternating file by file -- and
which of the two goes first -- so drift hits both alike. Prints pages/s of both per round, the overall ratio
(pdfplumber's total time / ghostproof's) and the median of the per-file ratios, the per-file table of the last
round, and the medians over the rounds.
Bar: ghostproof >= 15x pdfplumber's pages/s, overall and per-file median (medians over rounds). Exit code 1 if
missed, 2 without the data. The shared folder is ``../shared`` next to the repo, or ``$GHOSTPROOF_SHARED``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from extract_fidelity import cuad_pairs, pdfplumber_text, shared_dir, spread

from ghostproof import audit

SPEED_BAR = 15.0


@dataclass
class Timing:
    file: str
    pages: int
    ghostproof_s: float
    pdfplumber_s: float

    @property
    def ratio(self) -> float:
        return self.pdfplumber_s / self.ghostproof_s


@dataclass
class Round:
    timings: list[Timing]

    @property
    def pages(self) -> int:
        return sum(t.pages for t in self.timings)

    @property
    def ghostproof_pps(self) -> float:
        return self.pages / sum(t.ghostproof_s for t in self.timings)

    @property
    def pdfplumber_pps(self) -> float:
        return self.pages / sum(t.pdfplumber_s for t in self.timings)

    @property
    def overall(self) -> float:
        return sum(t.pdfplumber_s for t in self.timings) / sum(t.ghostproof_s for t in self.timings)

    @property
    def median(self) -> float:
        return statistics.median(t.ratio for t in self.timings)


def _ghostproof(pdf: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    result = audit(pdf)
    return time.perf_counter() - t0, result.pages or 0


def _pdfplumber(pdf: Path) -> float:
    t0 = time.perf_counter()
    pdfplumber_text(pdf)
    return time.perf_counter() - t0


def run_round(pdfs: list[Path], index: int) -> Round:
    timings = []
    for i, pdf in enumerate(pdfs):
        if (i + index) % 2:
            pl_s = _pdfplumber(pdf)
            gp_s, pages = _ghostproof(pdf)
        else:
            gp_s, pages = _ghostproof(pdf)
            pl_s = _pdfplumber(pdf)
        timings.append(Timing(pdf.name, pages, gp_s, pl_s))
    return Round(timings)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only N PDFs, spread over the sorted list")
    args = ap.parse_args(argv)
    pdfs = [pdf for pdf, _ in spread(cuad_pairs(), args.limit)]
    if not pdfs:
        print(f"no CUAD PDFs under {shared_dir() / 'data/cuad/pdf'} (set GHOSTPROOF_SHARED)", file=sys.stderr)
        return 2
    for pdf in pdfs:  # warm-up, not timed
        audit(pdf)
    pdfplumber_text(pdfs[0])
    rounds: list[Round] = []
    for index in range(args.rounds):
        r = run_round(pdfs, index)
        rounds.append(r)
        print(
            f"round {index + 1}: {len(r.timings)} PDFs, {r.pages} pages; ghostproof audit {r.ghostproof_pps:.1f} "
            f"pages/s, pdfplumber extract_text {r.pdfplumber_pps:.2f} pages/s; ratio overall {r.overall:.1f}x, "
            f"median per file {r.median:.1f}x",
            flush=True,
        )
    print(f"\n{'file (last round)':<60} {'pages':>5} {'gp p/s':>8} {'pl p/s':>7} {'ratio':>6}")
    for t in sorted(rounds[-1].timings, key=lambda t: t.ratio):
        print(
            f"{t.file[:60]:<60} {t.pages:>5} {t.pages / t.ghostproof_s:>8.1f} {t.pages / t.pdfplumber_s:>7.2f} "
            f"{t.ratio:>6.1f}"
        )
    overall = statistics.median(r.overall for r in rounds)
    median = statistics.median(r.median for r in rounds)
    print(
        f"\nmedians over {len(rounds)} rounds: ghostproof audit "
        f"{statistics.median(r.ghostproof_pps for r in rounds):.1f} pages/s, pdfplumber "
        f"{statistics.median(r.pdfplumber_pps for r in rounds):.2f} pages/s; ratio overall {overall:.1f}x, "
        f"median per file {median:.1f}x (bar {SPEED_BAR:.0f}x)"
    )
    return 0 if min(overall, median) >= SPEED_BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
