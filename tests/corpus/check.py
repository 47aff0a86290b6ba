"""Validate the labelled clause corpora (en.jsonl, de.jsonl) and print counts per family and kind.

Usage: python tests/corpus/check.py [FILE ...]   (default: en.jsonl and de.jsonl next to this script, if present)
Exit code 0 when every file is valid, 1 when any error was found, 2 when a named file does not exist.
Warnings (an attribute value that does not appear in the text, a passage that looks longer than four sentences)
are printed but do not fail the run.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

ABBREV = {
    "da": "deemed_acceptance",
    "hc": "hourly_conversion",
    "te": "termination",
    "pt": "payment_terms",
    "lp": "late_payment",
    "kf": "kill_fee",
    "cc": "client_cooperation",
    "do": "dormancy",
    "ip": "ip_on_payment",
}
FAMILIES = list(ABBREV.values())
STATUSES = {"present", "weak", "missing"}
KINDS = ("positive", "paraphrase", "weak", "near_miss", "neutral", "regression")
# Status the target family (the one named in the id) must have for each kind.
KIND_STATUS = {"positive": "present", "paraphrase": "present", "weak": "weak", "near_miss": "missing"}
LANGS = {"en", "de"}
# `ho` = held-out rows (heldout_<lang>.jsonl), `rg` = regression rows (regress_<lang>.jsonl: one per example a
# user or an issue found, written from real contract wording, several paragraphs allowed): the target family is
# the first key of `expect`.
ID_RE = re.compile(r"^(en|de)-(da|hc|te|pt|lp|kf|cc|do|ip|neu|ho|rg)-(\d{3})$")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _enum(*values: str) -> Callable[[Any], bool]:
    return lambda v: v in values


def _bool_or_number(v: Any) -> bool:
    return isinstance(v, bool) or _is_number(v)


Check = Callable[[Any], bool]
# Attribute name -> (type check, human description). null is always allowed and means "not stated".
ATTRIBUTES: dict[str, dict[str, tuple[Check, str]]] = {
    "deemed_acceptance": {
        "review_days": (_is_int, "int"),
        "business_days": (_is_bool, "bool"),
        "rejection_in_writing": (_is_bool, "bool"),
        "rejection_needs_defect": (_is_bool, "bool"),
        "consequence_notice": (_is_bool, "bool"),
        "acceptance_by_use": (_is_bool, "bool"),
    },
    "hourly_conversion": {
        "rate": (_is_number, "number"),
        "currency": (_enum("USD", "EUR", "GBP"), '"USD"|"EUR"|"GBP"'),
        "trigger": (_enum("termination", "dormancy", "delay", "other"), '"termination"|"dormancy"|"delay"|"other"'),
        "cap": (_bool_or_number, "bool or number"),
        "rate_per": (_enum("hour", "day"), '"hour"|"day"'),
        "bills_by_time": (_is_bool, "bool"),
    },
    "termination": {
        "for_convenience": (_is_bool, "bool"),
        "notice_days": (_is_int, "int"),
        "pays_for_work_done": (_is_bool, "bool"),
        "non_cooperation_ground": (_is_bool, "bool"),
        "who": (_enum("either", "client", "contractor"), '"either"|"client"|"contractor"'),
        "without_cause_by": (_enum("either", "client", "contractor"), '"either"|"client"|"contractor"'),
    },
    "payment_terms": {"net_days": (_is_int, "int")},
    "late_payment": {
        "rate_percent": (_is_number, "number"),
        "period": (_enum("month", "year"), '"month"|"year"'),
        "over_base_rate": (_is_bool, "bool"),
        "flat_fee": (_is_number, "number"),
    },
    "kill_fee": {"percent": (_is_number, "number"), "amount": (_is_number, "number")},
    "client_cooperation": {"response_days": (_is_int, "int")},
    "dormancy": {"silence_days": (_is_int, "int"), "restart_fee": (_bool_or_number, "bool or number")},
    "ip_on_payment": {},
}
REQUIRED_KEYS = {"id", "text", "expect", "kind"}
OPTIONAL_KEYS = {"attributes", "note"}

_WORDS = {
    "en": (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty"
    ).split(),
    "de": (
        "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
        "siebzehn achtzehn neunzehn zwanzig"
    ).split(),
}
_TENS = {
    "en": {30: "thirty", 40: "forty", 45: "forty-five", 50: "fifty", 60: "sixty", 90: "ninety", 100: "hundred"},
    "de": {30: "dreißig", 40: "vierzig", 45: "fünfundvierzig", 50: "fünfzig", 60: "sechzig", 90: "neunzig"},
}
_WEEK = {"en": "week", "de": "woche"}


def _spellings(value: float, lang: str) -> list[str]:
    """Ways a number may be written in a passage (digits, thousands separators, words, weeks)."""
    out: list[str] = []
    if float(value).is_integer():
        n = int(value)
        out += [str(n), f"{n:,}", f"{n:,}".replace(",", "."), f"{n:,}".replace(",", " ")]
        if n < len(_WORDS[lang]):
            out.append(_WORDS[lang][n])
        if n in _TENS[lang]:
            out.append(_TENS[lang][n])
        if n and n % 7 == 0:
            w = n // 7
            out += [f"{w} {_WEEK[lang]}"] + ([f"{_WORDS[lang][w]} {_WEEK[lang]}"] if w < len(_WORDS[lang]) else [])
    else:
        s = f"{value:g}"
        out += [s, s.replace(".", ",")]
    return out


def _mentions(text: str, value: float, lang: str) -> bool:
    """True if the text writes the number somehow; 0 is usually words ("upon receipt", "without notice")."""
    if value == 0:
        return True
    low = text.lower()
    for s in _spellings(value, lang):
        s = s.lower()
        if re.search(r"(?<![\w.,])" + re.escape(s) + r"(?![\w])", low) or (
            (" " in s or not s[0].isdigit()) and s in low
        ):
            return True
    return False


_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bNo)(?<!\bNr)(?<!\bAbs)(?<!\bSec)[.;!?](?=\s+[A-Z0-9(„\"])")


def check_file(path: Path, seen_ids: dict[str, str]) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    errors: list[str] = []
    warnings: list[str] = []
    rows: list[dict[str, Any]] = []
    stem = path.stem.removeprefix("heldout2_").removeprefix("heldout_")
    lang_of_file = stem if stem in LANGS else None
    with path.open(encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for lineno, line in enumerate(lines, 1):
        where = f"{path.name}:{lineno}"
        if not line.strip():
            errors.append(f"{where}: empty line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            errors.append(f"{where}: a line must be a JSON object")
            continue
        errs = _check_row(row, lang_of_file, warnings, where)
        rid = row.get("id")
        if isinstance(rid, str):
            where = f"{where} ({rid})"
            if rid in seen_ids:
                errs.append(f"duplicate id, first seen at {seen_ids[rid]}")
            else:
                seen_ids[rid] = where
        errors += [f"{where}: {e}" for e in errs]
        if not errs:
            rows.append(row)
    return errors, warnings, rows


def _check_row(row: dict[str, Any], lang_of_file: str | None, warnings: list[str], where: str) -> list[str]:
    errs: list[str] = []
    missing = REQUIRED_KEYS - row.keys()
    if missing:
        return [f"missing key(s): {', '.join(sorted(missing))}"]
    unknown = row.keys() - REQUIRED_KEYS - OPTIONAL_KEYS
    if unknown:
        errs.append(f"unknown key(s): {', '.join(sorted(unknown))}")
    rid, text, expect, kind = row["id"], row["text"], row["expect"], row["kind"]
    m = ID_RE.match(rid) if isinstance(rid, str) else None
    if not m:
        return [*errs, f"id {rid!r} does not match <en|de>-<family abbrev>-NNN"]
    lang, abbrev = m.group(1), m.group(2)
    if abbrev in ("ho", "rg") and isinstance(expect, dict) and expect:
        abbrev = "neu" if kind == "neutral" else {v: k for k, v in ABBREV.items()}.get(next(iter(expect)), "ho")
    if lang_of_file and lang != lang_of_file:
        errs.append(f"id language {lang!r} does not match file {lang_of_file}.jsonl")
    if not isinstance(text, str) or not text.strip():
        errs.append("text must be a non-empty string")
    elif text != text.strip() or ("\n" in text and kind != "regression"):
        errs.append("text has leading/trailing whitespace or a line break")
    if "note" in row and not isinstance(row["note"], str):
        errs.append("note must be a string")
    if kind not in KINDS:
        errs.append(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    if not isinstance(expect, dict) or not expect:
        return [*errs, "expect must be a non-empty object"]
    for fam, status in expect.items():
        if fam not in FAMILIES:
            errs.append(f"unknown family {fam!r} in expect")
        elif status not in STATUSES:
            errs.append(f"unknown status {status!r} for {fam}")
    if abbrev == "neu":
        if kind != "neutral":
            errs.append("neu rows must have kind 'neutral'")
        if set(expect) != set(FAMILIES) or any(s != "missing" for s in expect.values()):
            errs.append("neutral rows must list all nine families as 'missing'")
    else:
        target = ABBREV[abbrev]
        if kind == "neutral":
            errs.append("kind 'neutral' is only for neu rows")
        elif target not in expect:
            errs.append(f"target family {target} (from the id) is not in expect")
        elif kind in KIND_STATUS and expect[target] != KIND_STATUS[kind]:
            errs.append(f"kind {kind!r} needs {target} = {KIND_STATUS[kind]!r}, got {expect[target]!r}")
    attributes = row.get("attributes", {})
    if not isinstance(attributes, dict):
        return [*errs, "attributes must be an object"]
    for fam, attrs in attributes.items():
        if fam not in FAMILIES:
            errs.append(f"attributes for unknown family {fam!r}")
            continue
        if fam not in expect:
            errs.append(f"attributes for {fam}, which is not in expect")
        elif expect[fam] == "missing":
            errs.append(f"attributes for {fam}, which is expected 'missing'")
        if not isinstance(attrs, dict) or not attrs:
            errs.append(f"attributes.{fam} must be a non-empty object")
            continue
        for name, value in attrs.items():
            spec = ATTRIBUTES[fam].get(name)
            if spec is None:
                known = ", ".join(ATTRIBUTES[fam]) or "none"
                errs.append(f"unknown attribute {fam}.{name} (known: {known})")
                continue
            ok, desc = spec
            if value is not None and not ok(value):
                errs.append(f"{fam}.{name} = {value!r} is not {desc} (or null)")
            elif isinstance(text, str) and _is_number(value) and not _mentions(text, value, lang):
                warnings.append(f"{where} ({rid}): {fam}.{name} = {value!r} not found in the text")
    if isinstance(text, str) and len(_SENTENCE_END.findall(text)) + 1 > 4:
        warnings.append(f"{where} ({rid}): looks longer than four sentences")
    return errs


def _table(title: str, counts: Counter[tuple[str, str]], cols: list[str], rows: list[str]) -> str:
    width = max(len(r) for r in [*rows, "total"]) + 2
    head = f"{title:<{width}}" + "".join(f"{c:>11}" for c in cols) + f"{'total':>8}"
    lines = [head, "-" * len(head)]
    for r in [*rows, "total"]:
        vals = [sum(counts[(x, c)] for x in rows) if r == "total" else counts[(r, c)] for c in cols]
        lines.append(f"{r:<{width}}" + "".join(f"{v:>11}" for v in vals) + f"{sum(vals):>8}")
    return "\n".join(lines)


def summarise(name: str, rows: list[dict[str, Any]]) -> str:
    by_kind: Counter[tuple[str, str]] = Counter()
    by_status: Counter[tuple[str, str]] = Counter()
    for row in rows:
        abbrev = row["id"].split("-")[1]
        by_kind[(ABBREV.get(abbrev, "neutral"), row["kind"])] += 1
        for fam, status in row["expect"].items():
            by_status[(fam, status)] += 1
    fam_rows = [*FAMILIES, "neutral"]
    return "\n\n".join(
        [
            f"== {name}: {len(rows)} rows ==",
            _table("target family x kind", by_kind, list(KINDS), fam_rows),
            _table("checked family x status", by_status, ["present", "weak", "missing"], FAMILIES),
        ]
    )


def main(argv: list[str]) -> int:
    default = (
        "en.jsonl",
        "de.jsonl",
        "heldout_en.jsonl",
        "heldout_de.jsonl",
        "heldout2_en.jsonl",
        "heldout2_de.jsonl",
        "regress_en.jsonl",
        "regress_de.jsonl",
    )
    paths = [Path(a) for a in argv] or [p for p in (HERE / name for name in default) if p.exists()]
    if not paths:
        print("check.py: no corpus file found", file=sys.stderr)
        return 2
    seen: dict[str, str] = {}
    failed = False
    for path in paths:
        if not path.is_file():
            print(f"check.py: {path}: no such file", file=sys.stderr)
            return 2
        errors, warnings, rows = check_file(path, seen)
        for w in warnings:
            print(f"warning: {w}", file=sys.stderr)
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        failed = failed or bool(errors)
        print(summarise(path.name, rows))
        print(f"{path.name}: {len(errors)} error(s), {len(warnings)} warning(s)\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
