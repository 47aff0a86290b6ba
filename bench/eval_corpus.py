"""Precision and recall per clause family on the team's labelled dev corpus (tests/corpus/{en,de}.jsonl).

Run:  .venv/bin/python bench/eval_corpus.py [--lang en|de] [--failures] [--heldout | --heldout2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from corpus_eval import evaluate, format_report, load_corpus

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "de"], action="append")
    parser.add_argument("--failures", action="store_true", help="list every row that is not fully right")
    parser.add_argument("--heldout", action="store_true", help="the held-out rows (heldout_<lang>.jsonl) instead")
    parser.add_argument(
        "--heldout2", action="store_true", help="the second held-out batch (heldout2_<lang>.jsonl) instead"
    )
    parser.add_argument("--family", help="only rows whose expect mentions this family")
    args = parser.parse_args()
    corpora = []
    for lang in args.lang or ["en", "de"]:
        prefix = "heldout2_" if args.heldout2 else "heldout_" if args.heldout else ""
        rows = load_corpus(CORPUS / f"{prefix}{lang}.jsonl")
        if args.family:
            rows = [r for r in rows if args.family in r["expect"]]
        corpora.append((lang, rows))
    report = evaluate(corpora)
    for lang, rows in corpora:
        print(f"{lang}: {len(rows)} passages")
    print(format_report(report))
    if args.failures:
        texts = {r["id"]: r["text"] for _, rows in corpora for r in rows}
        for row in report.rows:
            if not row.ok:
                print(f"\n{row.id}: {texts[row.id][:300]}")
                for e in row.errors:
                    print(f"   - {e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
