"""Cold start: the command ``ghostproof audit`` on a one-page contract beside ``import spacy; spacy.blank("en")``.

    .venv/bin/python bench/cold_start.py [--runs 7]

Writes two one-page inputs into a temporary folder: a PDF (:mod:`minipdf`: the first page of
``samples/en-software-bare.md``, about 360 words) and the same lines as a ``.txt``. Per input, after one untimed
run of each command (page cache, bytecode), runs A = ``ghostproof audit FILE`` and B = ``python -c "import spacy;
spacy.blank('en')"`` alternately, A B A B ..., ``--runs`` times each, and times each whole process (wall clock,
from start to exit; its CPU time, less disturbed by other load, is shown beside). Prints every pair, the median
times and the median of the per-pair ratios A/B.
Bar: A/B <= 1.5 (median of the per-pair ratios) for both inputs. Exit code 1 if missed.

B runs in the same environment, where spaCy finds ghostproof's ``spacy_factories`` entry point and imports
``ghostproof.detect.pipeline`` inside ``spacy.blank``: B includes that import.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from minipdf import contract_paragraphs, layout, write_pdf

RATIO_BAR = 1.5
BASELINE = [sys.executable, "-c", "import spacy; spacy.blank('en')"]


def ghostproof_command() -> list[str]:
    """The console script of this environment (next to its python), else the one on PATH."""
    script = Path(sys.executable).with_name("ghostproof")
    found = str(script) if script.is_file() else shutil.which("ghostproof")
    if found is None:
        raise SystemExit("the ghostproof command is not installed (run make demo)")
    return [found]


def one_page_inputs(folder: Path) -> list[Path]:
    """A one-page PDF and the same text as .txt, in ``folder``."""
    page = layout(contract_paragraphs("en-software-bare"))[0]
    pdf = write_pdf(folder / "one-page.pdf", [page])
    txt = folder / "one-page.txt"
    txt.write_text("\n".join(page) + "\n", encoding="utf-8")
    return [pdf, txt]


@dataclass
class Run:
    seconds: float  # wall clock, start to exit
    cpu: float  # user + system CPU seconds
    peak_mb: float  # peak resident set size


def measure(command: list[str]) -> Run:
    """Wall time, CPU time and peak RSS of one child process running ``command``; fails loudly if it fails."""
    t0 = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage (RUSAGE_CHILDREN would mix all of them)
    elapsed = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode not in (0, 1):  # audit: 0 ran, 1 = --fail-on hit
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}: {stderr}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux


def compare(audit: list[str], runs: int) -> tuple[list[Run], list[Run]]:
    """A/B alternately, ``runs`` times each, after one untimed run of each."""
    measure(audit)
    measure(BASELINE)
    a_runs: list[Run] = []
    b_runs: list[Run] = []
    for _ in range(runs):
        a_runs.append(measure(audit))
        b_runs.append(measure(BASELINE))
    return a_runs, b_runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs of each command per input")
    args = ap.parse_args(argv)
    command = ghostproof_command()
    ok = True
    with tempfile.TemporaryDirectory(prefix="ghostproof-cold-") as tmp:
        for path in one_page_inputs(Path(tmp)):
            words = len(path.read_text(encoding="utf-8").split()) if path.suffix == ".txt" else None
            a_runs, b_runs = compare([*command, "audit", str(path)], args.runs)
            ratios = [a.seconds / b.seconds for a, b in zip(a_runs, b_runs, strict=True)]
            print(f"{path.name}{f' ({words} words)' if words else ''}: A = ghostproof audit, B = spacy.blank('en')")
            for i, (a, b, r) in enumerate(zip(a_runs, b_runs, ratios, strict=True), 1):
                print(
                    f"  run {i}: A {a.seconds:.3f} s, B {b.seconds:.3f} s, A/B {r:.2f} (CPU {a.cpu:.2f}, {b.cpu:.2f})"
                )
            median = statistics.median(ratios)
            ok &= median <= RATIO_BAR
            a_cpu, b_cpu = statistics.median(a.cpu for a in a_runs), statistics.median(b.cpu for b in b_runs)
            a_s, b_s = statistics.median(a.seconds for a in a_runs), statistics.median(b.seconds for b in b_runs)
            print(
                f"  median: A {a_s:.3f} s, B {b_s:.3f} s; median A/B {median:.2f} (bar <= {RATIO_BAR}); "
                f"CPU A {a_cpu:.2f} s, B {b_cpu:.2f} s, {a_cpu / b_cpu:.2f}x",
                flush=True,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
