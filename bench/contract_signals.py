"""The "does not look like a contract" check (models/document.toml): how many texts of each kind it flags, and
what it costs beside the audit it belongs to.

- samples: the six bundled contracts in every format (Markdown, DOCX, PDF) — none should be flagged;
- CUAD: the 510 expert texts of ../shared/data/cuad/full_contract_txt — none should be flagged;
- non-contracts: tests/data/not_contracts/ (recipes, a novel chapter, a README, an article about contract law …) —
  every one should be flagged.
Cost: on 40 CUAD texts, the check and the whole audit of the same document, in turn, in one process; the median
ratio is printed. The shared folder is ``../shared`` next to the repo, or ``$GHOSTPROOF_SHARED``.

    .venv/bin/python bench/contract_signals.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from ghostproof.detect import audit_document
from ghostproof.detect.structure import contract_signals
from ghostproof.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    env = os.environ.get("GHOSTPROOF_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def flagged(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        document = load_document(path)
        if not contract_signals(document.text, document.lang).looks_like_contract:
            out.append(path.name)
    return out


def main() -> int:
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".md", ".docx", ".pdf"))
    samples = [p for p in samples if p.stem != "README"]
    others = sorted(p for p in (ROOT / "tests" / "data" / "not_contracts").iterdir() if p.name != "README.md")
    cuad = sorted((shared_dir() / "data" / "cuad" / "full_contract_txt").glob("*.txt"))
    bad_samples = flagged(samples)
    print(f"samples:       {len(samples)} files, {len(bad_samples)} flagged {bad_samples or ''}")
    missed = sorted(set(p.name for p in others) - set(flagged(others)))
    print(f"non-contracts: {len(others)} files, {len(others) - len(missed)} flagged; not flagged: {missed or 'none'}")
    if not cuad:
        print(f"CUAD:          not found under {shared_dir()} (set GHOSTPROOF_SHARED)", file=sys.stderr)
        return 0
    bad_cuad = flagged(cuad)
    print(f"CUAD:          {len(cuad)} texts, {len(bad_cuad)} flagged {bad_cuad or ''}")
    ratios = []
    for path in cuad[:40]:
        document = load_document(path)
        audit_document(document)  # warm
        t0 = time.perf_counter()
        contract_signals(document.text, document.lang)
        t1 = time.perf_counter()
        audit_document(document)
        t2 = time.perf_counter()
        ratios.append((t1 - t0) / (t2 - t1))
    print(
        f"cost:          the check takes {statistics.median(ratios):.1%} of the audit's time (median of 40 CUAD texts)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
