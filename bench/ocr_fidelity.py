"""OCR fidelity on the CUAD PDFs turned into scans: how close the OCR'd text is to the expert text, how fast, and
whether the audit says the same on the scan as on the original.

    .venv/bin/python bench/ocr_fidelity.py [--limit N] [--jobs 2]

Each CUAD PDF (``shared/data/cuad/pdf``, 40 contracts) is made into a scan by tests/scans.py (200 dpi, light skew,
noise, JPEG; seeded by its position), then read by ghostproof (OCR at 300 dpi). Per file: word-sequence
similarity of the OCR text to the expert text file (as bench/extract_fidelity.py measures the text layer), pages/s,
and the status of each clause family on the scan against the original PDF. Prints the per-file table, the median
and minimum similarity, overall pages/s, and the share of (contract, family) pairs with the same status.
Goals: median similarity >= 0.97; the same status for >= 95 % of pairs. Exit 1 if missed, 2 without the data.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from extract_fidelity import cuad_pairs, spread  # noqa: E402
from similarity import word_similarity  # noqa: E402

SIMILARITY_GOAL = 0.97
AGREEMENT_GOAL = 0.95


def one(args: tuple[int, Path, Path, Path]) -> tuple[str, int, float, float, dict[str, str], dict[str, str]]:
    from scans import make_scan

    from ghostproof.detect import audit_document
    from ghostproof.ingest import load_document

    index, pdf, expert, folder = args
    scan = make_scan(pdf, folder / f"{index}.pdf", seed=index)
    started = time.perf_counter()
    scanned = load_document(scan)
    seconds = time.perf_counter() - started
    original = load_document(pdf)
    similarity = word_similarity(expert.read_text(encoding="utf-8", errors="replace"), scanned.text)
    statuses = {f.clause: f.status for f in audit_document(scanned).findings}
    expected = {f.clause: f.status for f in audit_document(original).findings}
    return pdf.name, scanned.pages or 0, similarity, seconds, statuses, expected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="this many PDFs, evenly spread (default: all 40)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    pairs = spread(cuad_pairs(), args.limit)
    if not pairs:
        print("no CUAD PDFs (shared/data/cuad/pdf): nothing to measure")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = [(i, pdf, txt, Path(tmp)) for i, (pdf, txt) in enumerate(pairs)]
        began = time.perf_counter()
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            rows = list(pool.map(one, work))
        wall = time.perf_counter() - began
    same = total = 0
    print(f"{'file':60} {'pages':>5} {'similarity':>10} {'s/page':>7}  differing families")
    for name, pages, similarity, seconds, statuses, expected in rows:
        differ = [f"{k}: {expected[k]}→{statuses[k]}" for k in expected if statuses[k] != expected[k]]
        same += len(expected) - len(differ)
        total += len(expected)
        print(f"{name[:60]:60} {pages:5d} {similarity:10.4f} {seconds / max(pages, 1):7.2f}  {'; '.join(differ)}")
    sims = [r[2] for r in rows]
    pages = sum(r[1] for r in rows)
    agreement = same / total if total else 1.0
    print(
        f"\n{len(rows)} scans, {pages} pages: similarity median {statistics.median(sims):.4f}, minimum "
        f"{min(sims):.4f} (goal median >= {SIMILARITY_GOAL}); {pages / wall:.2f} pages/s with {args.jobs} processes "
        f"({wall:.0f} s); same audit status for {same}/{total} (contract, family) pairs = {agreement:.3f} "
        f"(goal >= {AGREEMENT_GOAL})"
    )
    return 0 if statistics.median(sims) >= SIMILARITY_GOAL and agreement >= AGREEMENT_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
