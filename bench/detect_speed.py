"""Detection speed over the 510 CUAD contract texts beside bare spaCy tokenisation of the same texts.

Run:  .venv/bin/python bench/detect_speed.py [--limit N] [--rounds 3]
Texts are read into Documents first (not timed). Then, per round, every text is tokenised by
``spacy.blank("en")`` and detected by ghostproof, alternating text by text so drift hits both alike.
Prints words/s of each per round and the median ratio over rounds. Bar: detection >= 0.5x tokenisation.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import spacy

from ghostproof.detect import detect
from ghostproof.detect.pipeline import pipeline
from ghostproof.ingest import load_document


def shared_dir() -> Path:
    return Path(os.environ.get("GHOSTPROOF_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = shared_dir() / "data" / "cuad" / "full_contract_txt"
    if not folder.is_dir():
        print(f"CUAD texts not found at {folder}")
        return 2
    files = sorted(folder.glob("*.txt"))
    if args.limit:
        files = files[:: max(1, len(files) // args.limit)][: args.limit]
    docs = [load_document(f, lang="en") for f in files]
    words = sum(len(d.text.split()) for d in docs)
    tokenizer = spacy.blank("en")
    tokenizer.max_length = 5_000_000
    pipeline("en")  # build (and load the rules) before timing
    detect(docs[0])
    ratios = []
    print(f"{len(docs)} texts, {words:,} words")
    for r in range(1, args.rounds + 1):
        t_tok = t_det = 0.0
        for d in docs:
            t0 = time.perf_counter()
            tokenizer.make_doc(d.text)
            t1 = time.perf_counter()
            detect(d)
            t2 = time.perf_counter()
            t_tok += t1 - t0
            t_det += t2 - t1
        ratio = t_tok / t_det
        ratios.append(ratio)
        print(
            f"round {r}: tokenise {words / t_tok:,.0f} words/s, detect {words / t_det:,.0f} words/s, "
            f"detect/tokenise {ratio:.2f}x"
        )
    median = statistics.median(ratios)
    print(f"median detect/tokenise speed: {median:.2f}x (bar 0.5x)")
    return 0 if median >= 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
