"""Peak memory, time and pages/s of ``ghostproof audit`` on a 300-page contract PDF, run as a child process.

    .venv/bin/python bench/audit_memory.py [--pages 300] [--runs 3]

Writes the PDF into a temporary folder with :mod:`minipdf`: the text of the three English samples
(``samples/en-*.md``) repeated until 300 pages are full -- the same bytes every time. Then, ``--runs`` times,
runs A = ``ghostproof audit FILE`` and, beside it, B = ``python -c "import spacy; spacy.blank('en')"`` (what any
spaCy process holds), each as a child process, and reads the child's own peak resident set size (``ru_maxrss``
from ``os.wait4``) and its wall time. Prints every run and the medians. Bar: A's peak < 400 MB in every run.
Exit code 1 if missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from cold_start import BASELINE, Run, ghostproof_command, measure
from minipdf import contract_paragraphs, layout, write_pdf

MEMORY_BAR_MB = 400.0
SAMPLES = ("en-consulting-mixed", "en-software-bare", "en-webdesign-hardened")


def big_pdf(folder: Path, pages: int) -> tuple[Path, int]:
    """The test PDF and its word count."""
    laid_out = layout(contract_paragraphs(*SAMPLES), pages=pages)
    words = sum(len(line.split()) for page in laid_out for line in page)
    return write_pdf(folder / f"contract-{pages}-pages.pdf", laid_out), words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if sys.platform != "linux":
        print("ru_maxrss is read as KiB, which holds on Linux only", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ghostproof-memory-") as tmp:
        pdf, words = big_pdf(Path(tmp), args.pages)
        print(f"{pdf.name}: {args.pages} pages, {words:,} words, {pdf.stat().st_size / 1e6:.2f} MB")
        audit = [*ghostproof_command(), "audit", str(pdf)]
        a_runs: list[Run] = []
        b_runs: list[Run] = []
        for i in range(1, args.runs + 1):
            a, b = measure(audit), measure(BASELINE)
            a_runs.append(a)
            b_runs.append(b)
            print(
                f"run {i}: A ghostproof audit {a.peak_mb:.0f} MB peak, {a.seconds:.2f} s, "
                f"{args.pages / a.seconds:.0f} pages/s; B spacy.blank('en') {b.peak_mb:.0f} MB, {b.seconds:.2f} s",
                flush=True,
            )
    peak = max(r.peak_mb for r in a_runs)
    seconds = statistics.median(r.seconds for r in a_runs)
    print(
        f"median: A {statistics.median(r.peak_mb for r in a_runs):.0f} MB peak (max {peak:.0f}, bar < "
        f"{MEMORY_BAR_MB:.0f} MB), {seconds:.2f} s, {args.pages / seconds:.0f} pages/s; "
        f"B {statistics.median(r.peak_mb for r in b_runs):.0f} MB, {statistics.median(r.seconds for r in b_runs):.2f} s"
    )
    return 0 if peak < MEMORY_BAR_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
