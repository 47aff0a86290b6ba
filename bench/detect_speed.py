"""Detection speed over the 510 CUAD contract texts beside bare spaCy tokenisation of the same texts.

Run:  .venv/bin/python bench/detect_speed.py [--limit N] [--rounds 3]
Texts are read into Documents first (not timed). Then, per round, every text is tokenised by
``spacy.blank("en")`` and detected by ghostproof, alternating text by text so drift hits both alike.
Prints words/s of each per round and the median ratio over rounds. Bar: detection >= 0.5x tokenisation.

With ``--baseline REF`` the tree at that git ref is measured too, side by side: each round runs this build and the
baseline in turn, each in its own process (the same texts, the same tokeniser), and the medians of both ratios are
printed with their quotient (this build / baseline; below 1.0 is slower than the baseline).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
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
    parser.add_argument("--baseline", help="git ref to measure side by side with this build")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one round, for --baseline
    args = parser.parse_args()
    if args.baseline:
        return side_by_side(args.baseline, args.limit, args.rounds)
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
    if not args.json:
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
        if args.json:
            print(json.dumps({"texts": len(docs), "words": words, "tokenise": t_tok, "detect": t_det, "ratio": ratio}))
            continue
        print(
            f"round {r}: tokenise {words / t_tok:,.0f} words/s, detect {words / t_det:,.0f} words/s, "
            f"detect/tokenise {ratio:.2f}x"
        )
    median = statistics.median(ratios)
    if not args.json:
        print(f"median detect/tokenise speed: {median:.2f}x (bar 0.5x)")
    return 0 if median >= 0.5 else 1


def _one_round(src: Path, limit: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--rounds", "1", "--json", *(["--limit", str(limit)] if limit else [])]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if not run.stdout.strip():
        raise SystemExit(f"round failed ({src}): {run.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return figures


def side_by_side(ref: str, limit: int, rounds: int) -> int:
    """This build and the tree at ``ref``, round by round in turn, each in a fresh process."""
    from eval_facts import baseline_sources

    here = Path(__file__).resolve().parents[1] / "src"
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline_sources(ref, Path(tmp))
        ours, theirs = [], []
        for r in range(1, rounds + 1):
            a, b = _one_round(here, limit), _one_round(base, limit)
            ours.append(a["ratio"])
            theirs.append(b["ratio"])
            print(
                f"round {r}: this build {a['ratio']:.2f}x ({a['words'] / a['detect']:,.0f} words/s), "
                f"{ref} {b['ratio']:.2f}x ({b['words'] / b['detect']:,.0f} words/s) of tokenisation"
            )
    m_a, m_b = statistics.median(ours), statistics.median(theirs)
    print(f"median detect/tokenise: this build {m_a:.2f}x, {ref} {m_b:.2f}x; this build / {ref} = {m_a / m_b:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
