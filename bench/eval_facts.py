"""Presence and stated facts on real contracts labelled blind (bench/facts/): this build beside a baseline.

Run:  .venv/bin/python bench/eval_facts.py [--set blind|blind2|dev|dev2|dev3|dev4|dev5|dev6|dev7] [--baseline REF]
      [--failures]

The labels (`bench/facts/labels/*.jsonl` and `bench/facts/blind2_labels/*.jsonl` for the two blind sets,
`bench/facts/dev_labels/`, `dev2_labels/`, `dev3_labels/`, `dev4_labels/`, `dev5_labels/` and `dev6_labels/` for the
development sets; dev3 was a third blind set, measured once blind at 0.796 stated-fact precision, then used for
development; dev4 (50 contracts none of the other sets holds, drawn at random) was a fourth, measured once blind at
0.892 (139 facts; 8971df6: 0.668), then used for development; dev5 (50 more, drawn at random from the 150 left) a
fifth, measured once blind at 0.849 (86 facts; 8971df6: 0.610), then used for development; dev6 (the 50 drawn at
random, seed 2028, from the 100 left) a sixth, measured once blind at 0.959 (147 facts; 8971df6: 0.766), then used for
development) were written from `bench/facts/definitions.md` and the contract texts only, by readers who never saw the
rules or the tool's output.
The contracts are CUAD v1 texts (`../shared/data/cuad/full_contract_txt/`, CC BY 4.0).

For each of deemed_acceptance, termination, payment_terms, late_payment and kill_fee it prints

- presence precision, recall and F1 (found = status present or weak; labelled = present);
- stated-fact precision: of the facts the tool states (non-null attributes of a found family), the share that
  the labels confirm (a fact stated for a family the contract does not have is wrong);
- fact recall: of the facts the labels hold (non-null, for a present family), the share the tool states rightly;

for this build and for the baseline (the code at REF, default the commit before issue 14, run from a `git archive`
copy in a subprocess with the same Python), side by side in one run. Bars (issue 14): stated-fact precision
>= 0.97 and presence F1 >= 0.90 for every family.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "bench" / "facts"
BASELINE_REF = "8971df6"  # main before issue 14 (findings a user can trust)
PRECISION_BAR = 0.97
F1_BAR = 0.90

#: the facts labelled per family (attribute names of the audit JSON)
LABELLED: dict[str, tuple[str, ...]] = {
    "deemed_acceptance": ("review_days", "business_days"),
    "termination": ("for_convenience", "who", "notice_days", "pays_for_work_done"),
    "payment_terms": ("net_days",),
    "late_payment": ("rate_percent", "period", "over_base_rate", "flat_fee"),
    "kill_fee": ("percent", "amount"),
}

_DUMP = r"""
import json, sys
from ghostproof.ingest import load_document
from ghostproof.detect import audit_document
out = {}
for path in sys.argv[1:]:
    result = audit_document(load_document(path))
    out[path] = {f.clause: {"status": f.status, "attributes": f.attributes} for f in result.findings}
print(json.dumps(out))
"""


def shared_dir() -> Path:
    return Path(os.environ.get("GHOSTPROOF_SHARED") or ROOT.parent / "shared")


def load_labels(which: str) -> list[dict[str, Any]]:
    folder = (
        FACTS
        / {
            "blind": "labels",
            "dev": "dev_labels",
            "dev2": "dev2_labels",
            "blind2": "blind2_labels",
            "dev3": "dev3_labels",
            "dev4": "dev4_labels",
            "dev5": "dev5_labels",
            "dev6": "dev6_labels",
            "dev7": "dev7_labels",
        }[which]
    )
    rows = [
        json.loads(line) for p in sorted(folder.glob("*.jsonl")) for line in p.open(encoding="utf-8") if line.strip()
    ]
    return sorted(rows, key=lambda r: r["file"])


def predict(paths: list[Path], src: Path | None) -> dict[str, dict[str, Any]]:
    """Findings per contract, by this build (src None) or by the sources in ``src``, in a subprocess."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    run = subprocess.run(
        [sys.executable, "-c", _DUMP, *map(str, paths)], capture_output=True, text=True, env=env, check=False
    )
    if run.returncode != 0:
        raise SystemExit(f"prediction failed ({'baseline' if src else 'this build'}): {run.stderr[-2000:]}")
    found: dict[str, dict[str, Any]] = json.loads(run.stdout)
    return {Path(k).name: v for k, v in found.items()}


def baseline_sources(ref: str, into: Path) -> Path:
    """The tree at ``ref`` unpacked into ``into`` (its src/ on PYTHONPATH finds models/ and clauses/ beside it)."""
    archive = into / "tree.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), ref], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree" / "src"


def matches(value: object, gold: object, accept: list[object]) -> bool:
    def same(a: object, b: object) -> bool:
        if isinstance(a, bool) or isinstance(b, bool):
            return a is b
        if isinstance(a, int | float) and isinstance(b, int | float):
            return abs(float(a) - float(b)) < 1e-6
        return a == b

    return same(value, gold) or any(same(value, a) for a in accept)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    stated: int = 0
    stated_right: int = 0
    gold_facts: int = 0
    gold_found: int = 0
    #: fact -> [stated, right]
    per_fact: dict[str, list[int]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def precision(self) -> float | None:
        return self.ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return self.ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return None if p is None or r is None or p + r == 0 else 2 * p * r / (p + r)

    @property
    def fact_precision(self) -> float | None:
        return self.ratio(self.stated_right, self.stated)

    @property
    def fact_recall(self) -> float | None:
        return self.ratio(self.gold_found, self.gold_facts)


def stated(fid: str, fact: str, attributes: dict[str, Any], gold: dict[str, Any]) -> object:
    """The tool's value for a labelled fact. The label's `who` names the holder of the right without cause where
    there is one (the audit's `without_cause_by`; a baseline without it is read from `who`), else of any right."""
    if fid == "termination" and fact == "who" and gold.get("for_convenience"):
        return attributes.get("without_cause_by", attributes.get("who"))
    return attributes.get(fact)


def score(labels: list[dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> dict[str, Score]:
    scores = {fid: Score() for fid in LABELLED}
    for row in labels:
        found = predictions[row["file"]]
        for fid, facts in LABELLED.items():
            s, gold, pred = scores[fid], row.get(fid) or {"present": False}, found[fid]
            is_found = pred["status"] in ("present", "weak")
            labelled = bool(gold.get("present"))
            s.tp += is_found and labelled
            s.fp += is_found and not labelled
            s.fn += labelled and not is_found
            if is_found and not labelled:
                s.wrong.append(f"{row['file']}: {fid} found ({pred['status']}), not in the contract")
            if labelled and not is_found:
                s.wrong.append(f"{row['file']}: {fid} missed ({gold.get('section')}: {str(gold.get('quote'))[:160]})")
            accept = gold.get("accept") or {}
            for fact in facts:
                want, also = gold.get(fact), list(accept.get(fact) or [])
                if fact == "who" and "unclear" in (want, *also):
                    continue
                value = stated(fid, fact, pred["attributes"], gold) if is_found else None
                if value is not None:
                    s.stated += 1
                    tally = s.per_fact.setdefault(fact, [0, 0])
                    tally[0] += 1
                    if labelled and matches(value, want, also):
                        s.stated_right += 1
                        tally[1] += 1
                    else:
                        s.wrong.append(f"{row['file']}: {fid}.{fact} = {value!r}, labelled {want!r} (also {also})")
                if labelled and want is not None and None not in also:
                    s.gold_facts += 1
                    s.gold_found += value is not None and matches(value, want, also)
                    if value is None:
                        s.wrong.append(f"  FN {row['file']}: {fid}.{fact} not stated, labelled {want!r}")
    return scores


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(before: dict[str, Score], after: dict[str, Score], n: int) -> str:
    lines = [
        f"{n} contracts. Columns: before (baseline) -> after (this build).",
        f"{'family':20} {'presence P':>15} {'presence R':>15} {'presence F1':>15} {'fact precision':>22} "
        f"{'fact recall':>22}",
    ]
    total_b, total_a = Score(), Score()
    for fid in LABELLED:
        b, a = before[fid], after[fid]
        for t, s in ((total_b, b), (total_a, a)):
            t.stated += s.stated
            t.stated_right += s.stated_right
            t.gold_facts += s.gold_facts
            t.gold_found += s.gold_found
        lines.append(
            f"{fid:20} {fmt(b.precision)} -> {fmt(a.precision)} {fmt(b.recall)} -> {fmt(a.recall)} "
            f"{fmt(b.f1)} -> {fmt(a.f1)} {fmt(b.fact_precision)} -> {fmt(a.fact_precision)} ({a.stated:3}) "
            f"{fmt(b.fact_recall)} -> {fmt(a.fact_recall)} ({a.gold_facts:3})"
        )
    lines.append(
        f"{'all families':20} {'':>47} {fmt(total_b.fact_precision)} -> {fmt(total_a.fact_precision)} "
        f"({total_a.stated:3}) {fmt(total_b.fact_recall)} -> {fmt(total_a.fact_recall)} ({total_a.gold_facts:3})"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        choices=["blind", "blind2", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7"],
        default="blind",
        dest="which",
    )
    parser.add_argument("--baseline", default=BASELINE_REF, help="git ref of the baseline (default: %(default)s)")
    parser.add_argument("--failures", action="store_true", help="list every wrong finding and fact of this build")
    args = parser.parse_args()
    labels = load_labels(args.which)
    folder = shared_dir() / "data" / "cuad" / "full_contract_txt"
    if not labels or not folder.is_dir():
        print(f"labels or CUAD texts not found ({FACTS}, {folder})")
        return 2
    paths = [folder / r["file"] for r in labels]
    with tempfile.TemporaryDirectory() as tmp:
        before = score(labels, predict(paths, baseline_sources(args.baseline, Path(tmp))))
    after = score(labels, predict(paths, None))
    print(report(before, after, len(labels)))
    print(
        "stated facts right / stated, per fact (this build): "
        + "; ".join(
            f"{fid}.{fact} {right}/{n}" for fid, sc in after.items() for fact, (n, right) in sc.per_fact.items()
        )
    )
    if args.failures:
        for s in after.values():
            for line in s.wrong:
                print(f"  {line}")
    ok = all(
        (s.fact_precision is None or s.fact_precision >= PRECISION_BAR) and (s.f1 or 0) >= F1_BAR
        for s in after.values()
    )
    print(f"bars (fact precision >= {PRECISION_BAR}, presence F1 >= {F1_BAR} per family): {'met' if ok else 'missed'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
