"""Evaluate detection on a labelled corpus of clause passages (``tests/corpus/*.jsonl``).

Each row: ``{"id", "text", "expect": {family: status}, "attributes": {family: {name: value}}, "kind", "note"}``.
Families not listed in ``expect`` are not checked.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ghostproof.detect import detect
from ghostproof.findings import FAMILIES, FamilyId, Finding
from ghostproof.ingest import document_from_text


@dataclass
class RowResult:
    id: str
    lang: str
    errors: list[str]
    findings: dict[FamilyId, Finding]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class FamilyScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    status_right: int = 0
    status_total: int = 0
    attr_right: int = 0
    attr_total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    rows: list[RowResult]
    families: dict[str, FamilyScore] = field(default_factory=lambda: defaultdict(FamilyScore))


def load_corpus(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, bool) or expected is None or isinstance(got, bool):
        return expected is got or expected == got
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return abs(float(expected) - float(got)) < 1e-6
    return bool(expected == got)


def evaluate_row(row: dict[str, Any], lang: str, report: Report | None = None) -> RowResult:
    doc = document_from_text(row["text"], lang=lang)  # type: ignore[arg-type]
    findings = {f.clause: f for f in detect(doc)}
    errors: list[str] = []
    for fam, expected in row["expect"].items():
        got = findings[fam]
        score = report.families[fam] if report else FamilyScore()
        exp_pos, got_pos = expected != "missing", got.status != "missing"
        if exp_pos and got_pos:
            score.tp += 1
        elif got_pos:
            score.fp += 1
        elif exp_pos:
            score.fn += 1
        else:
            score.tn += 1
        if exp_pos and got_pos:
            score.status_total += 1
            score.status_right += got.status == expected
        if got.status != expected:
            errors.append(f"{fam}: expected {expected}, got {got.status}")
        for name, value in (row.get("attributes", {}).get(fam) or {}).items():
            if not got_pos:
                continue
            score.attr_total += 1
            have = got.attributes.get(name)
            if _same(value, have):
                score.attr_right += 1
            else:
                errors.append(f"{fam}.{name}: expected {value!r}, got {have!r}")
    return RowResult(row["id"], lang, errors, findings)


def evaluate(corpora: Iterable[tuple[str, list[dict[str, Any]]]]) -> Report:
    report = Report(rows=[])
    for lang, rows in corpora:
        for row in rows:
            report.rows.append(evaluate_row(row, lang, report))
    return report


def format_report(report: Report) -> str:
    lines = [
        f"{'family':20} {'prec':>6} {'recall':>6} {'f1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'status':>9} {'attrs':>9}"
    ]
    for fam in FAMILIES:
        s = report.families.get(fam, FamilyScore())
        lines.append(
            f"{fam:20} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4} "
            f"{s.status_right:4}/{s.status_total:<4} {s.attr_right:4}/{s.attr_total:<4}"
        )
    ok = sum(r.ok for r in report.rows)
    lines.append(f"rows fully right: {ok}/{len(report.rows)}")
    return "\n".join(lines)
