"""Peak memory and time of ``ghostproof audit`` on scans, beside the same contract as a text PDF, each run as a
child process (its peak resident set size includes Tesseract's, which it runs as a program of its own).

    .venv/bin/python bench/ocr_memory.py [--runs 3]

Inputs, made in a temporary folder from samples/en-consulting-mixed.pdf (the same bytes every time):
  text     the sample itself (4 pages with a text layer): the baseline
  scan     the sample as a scan (tests/scans.py, seed 1): 4 pages read by OCR at 300 dpi
  huge     its first page scanned, on a page of 600 x 780 inches: rendered at the 30 M pixel cap, not at 300 dpi
  image    its first page as a PNG of 99 M pixels, just under the 100 M pixel limit for image files
Each input is audited ``--runs`` times in turn; prints every run, then per input the median peak (MB), the median
wall time and the peak's ratio to the text PDF's. Bar: every peak < 1,500 MB (the limit the README states).
Exit 1 if missed; 2 without Tesseract.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from cold_start import Run, ghostproof_command, measure  # noqa: E402

MEMORY_BAR_MB = 1500.0
SAMPLE = ROOT / "samples" / "en-consulting-mixed.pdf"


def inputs(folder: Path) -> dict[str, Path]:
    import pypdfium2 as pdfium
    from scans import make_scan

    scan = make_scan(SAMPLE, folder / "scan.pdf", seed=1)
    page = pdfium.PdfDocument(str(scan))[0].render(scale=200 / 72, grayscale=True).to_pil()
    huge = folder / "huge.pdf"
    page.resize((6000, 7800)).save(huge, "PDF", resolution=10.0)  # 600 x 780 inches
    image = folder / "image.png"
    page.resize((8700, 11380)).save(image)  # 99.0 M pixels
    return {"text": SAMPLE, "scan": scan, "huge": huge, "image": image}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if sys.platform != "linux":
        print("ru_maxrss is read as KiB, which holds on Linux only", file=sys.stderr)
        return 2
    from ghostproof.ingest.pdf.ocr import tesseract_ready

    if (missing := tesseract_ready()) is not None:
        print(f"{missing}: nothing to measure", file=sys.stderr)
        return 2
    runs: dict[str, list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="ghostproof-ocr-memory-") as tmp:
        files = inputs(Path(tmp))
        for i in range(1, args.runs + 1):
            for name, path in files.items():
                run = measure([*ghostproof_command(), "audit", str(path)])
                runs.setdefault(name, []).append(run)
                print(f"run {i} {name:5}: {run.peak_mb:.0f} MB peak, {run.seconds:.1f} s", flush=True)
    base = statistics.median(r.peak_mb for r in runs["text"])
    for name, done in runs.items():
        peak = statistics.median(r.peak_mb for r in done)
        seconds = statistics.median(r.seconds for r in done)
        print(f"median {name:5}: {peak:.0f} MB peak ({peak / base:.2f}x the text PDF), {seconds:.1f} s")
    worst = max(r.peak_mb for done in runs.values() for r in done)
    print(f"largest peak {worst:.0f} MB (bar < {MEMORY_BAR_MB:.0f} MB)")
    return 0 if worst < MEMORY_BAR_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
