"""Attributes and weak/present verdicts per clause family, from the qualifying units.

Each function gets the qualifying units (best first) and returns attributes and problems. A family with
qualifying units is ``present`` unless a problem makes it ``weak``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..findings import Problem
from ..model import Document
from ..quantities import Duration, find_durations, find_money, find_percents
from .rules import Family
from .units import Unit


@dataclass
class Verdict:
    attributes: dict[str, Any]
    problems: list[Problem]
    #: the units to cite, best first (defaults to the qualifying units)
    evidence: list[Unit] | None = None
    #: False when a closer look finds that none of the qualifying units really is the clause (status missing)
    found: bool = True


MESSAGES = {
    "DA_NO_PERIOD": "No review period is stated, so it is unclear when silence turns into acceptance.",
    "DA_IMMEDIATE": "Acceptance is immediate (on delivery); a court may not accept a fiction without a fair "
    "chance to review the work.",
    "DA_NO_CONSEQUENCE_NOTICE": "German standard terms: silence can only count as acceptance if you commit to "
    "point out this consequence when the period starts (§ 308 Nr. 5 BGB); the clause does not.",
    "HC_NO_RATE": "No hourly or day rate (or rate card) is stated, so the time spent cannot be priced.",
    "TE_CLIENT_ONLY": "Only the client may terminate; you have no way to end a stalled project.",
    "TE_NO_PAY_FOR_WORK": "Termination does not say that work done up to the termination date is paid.",
    "CC_NO_DEADLINE": "The client's duty to cooperate has no deadline, so delays have no consequence.",
    "DO_NO_PERIOD": "No number of days of silence is stated, so it is unclear when the project pauses.",
    "KF_DEPOSIT_ONLY": "Only a non-refundable deposit protects you; there is no fee scaled to the work lost.",
}


def problem(code: str) -> Problem:
    return Problem(code=code, message=MESSAGES[code])


def _text(u: Unit, doc: Document) -> str:
    return u.text(doc)


def _days(d: Duration) -> int | None:
    return d.days if d.unit != "hour" else None


def _first_duration(text: str, lang: str) -> Duration | None:
    for d in find_durations(text, lang):
        if d.unit in ("day", "week", "month") and _days(d):
            return d
    return None


def _flags(family: Family, units: list[Unit]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for attr, cue in family.flags.items():
        out[attr] = True if any(cue in u.all_cues(family.id) for u in units) else None
    return out


def deemed_acceptance(family: Family, units: list[Unit], doc: Document) -> Verdict:
    best = units[0]
    attrs: dict[str, Any] = {"review_days": None, "business_days": None}
    for u in units:
        d = _first_duration(_text(u, doc), doc.lang)
        if d is not None:
            attrs["review_days"], attrs["business_days"] = _days(d), d.business
            best = u
            break
    attrs.update(_flags(family, [best]))
    problems: list[Problem] = []
    cues = best.all_cues(family.id)
    if attrs["review_days"] is None and not ("use" in cues and "immediate" not in cues):
        problems.append(problem("DA_IMMEDIATE" if "immediate" in cues else "DA_NO_PERIOD"))
    if doc.lang == "de" and not attrs.get("consequence_notice"):
        problems.append(problem("DA_NO_CONSEQUENCE_NOTICE"))
    return Verdict(attrs, problems, [best, *[u for u in units if u is not best]])


_PER_TIME = ("hour", "day")


def hourly_conversion(family: Family, units: list[Unit], doc: Document) -> Verdict:
    attrs: dict[str, Any] = {"rate": None, "currency": None, "trigger": None, "cap": None}
    best = units[0]
    for u in units:
        text = _text(u, doc)
        money = [m for m in find_money(text, doc.lang) if m.per in _PER_TIME] or find_money(text, doc.lang)
        if money:
            attrs["rate"] = float(money[0].amount) if isinstance(money[0].amount, Decimal) else money[0].amount
            attrs["currency"] = money[0].currency
            best = u
            break
    cues = best.all_cues(family.id)
    for cue, trigger in (("on_termination", "termination"), ("on_dormancy", "dormancy"), ("on_delay", "delay")):
        if cue in cues:
            attrs["trigger"] = trigger
            break
    else:
        attrs["trigger"] = "other"
    attrs["cap"] = True if "cap" in cues else None
    problems = [] if attrs["rate"] is not None or "rate_card" in cues else [problem("HC_NO_RATE")]
    return Verdict(attrs, problems, [best, *[u for u in units if u is not best]])


def termination(family: Family, units: list[Unit], doc: Document) -> Verdict:
    fid = family.id
    convenience = [u for u in units if "convenience" in u.cue_set(fid) or _notice_without_cause(u, fid)]
    attrs: dict[str, Any] = {
        "for_convenience": bool(convenience),
        "notice_days": None,
        "pays_for_work_done": None,
        "non_cooperation_ground": None,
        "who": None,
    }
    ranked = convenience + [u for u in units if u not in convenience]
    for u in ranked:
        d = _first_duration(_text(u, doc), doc.lang)
        if d is not None:
            attrs["notice_days"] = _days(d)
            break
    if any("pays_work_done" in u.all_cues(fid) for u in units):
        attrs["pays_for_work_done"] = True
    if any("non_cooperation" in u.cue_set(fid) for u in units):
        attrs["non_cooperation_ground"] = True
    parties: set[str] = set()
    for u in convenience or units:
        cues = u.cue_set(fid)
        if "by_either" in cues:
            parties.add("either")
        if "by_client" in cues:
            parties.add("client")
        if "by_contractor" in cues:
            parties.add("contractor")
    if "either" in parties or {"client", "contractor"} <= parties:
        attrs["who"] = "either"
    elif parties:
        attrs["who"] = parties.pop()
    problems: list[Problem] = []
    if attrs["who"] == "client":
        problems.append(problem("TE_CLIENT_ONLY"))
    if not attrs["pays_for_work_done"]:
        problems.append(problem("TE_NO_PAY_FOR_WORK"))
    return Verdict(attrs, problems, ranked)


def _notice_without_cause(u: Unit, fid: str) -> bool:
    cues = u.cue_set(fid)
    return "notice" in cues and "@duration" in cues and "cause" not in cues and "non_cooperation" not in cues


_NET = re.compile(r"\bnet(?:to)?\s*(\d{1,3})\b", re.IGNORECASE)


def payment_terms(family: Family, units: list[Unit], doc: Document) -> Verdict:
    attrs: dict[str, Any] = {"net_days": None}
    for u in units:
        text = _text(u, doc)
        if m := _NET.search(text):
            attrs["net_days"] = int(m.group(1))
            return Verdict(attrs, [], [u, *[x for x in units if x is not u]])
        d = _first_duration(text, doc.lang)
        if d is not None:
            attrs["net_days"] = _days(d)
            return Verdict(attrs, [], [u, *[x for x in units if x is not u]])
        if "on_receipt" in u.cue_set(family.id):
            attrs["net_days"] = 0
            return Verdict(attrs, [], [u, *[x for x in units if x is not u]])
    return Verdict(attrs, [])


def late_payment(family: Family, units: list[Unit], doc: Document) -> Verdict:
    attrs: dict[str, Any] = {"rate_percent": None, "period": None, "over_base_rate": None, "flat_fee": None}
    best = units[0]
    for u in units:
        pcts = find_percents(_text(u, doc), doc.lang)
        if pcts:
            p = pcts[0]
            attrs.update(rate_percent=p.value, period=p.period, over_base_rate=p.over_base_rate or None)
            best = u
            break
    for u in units:
        if "flat_fee" in u.cue_set(family.id):
            money = find_money(_text(u, doc), doc.lang)
            if money:
                attrs["flat_fee"] = float(money[0].amount)
                break
    return Verdict(attrs, [], [best, *[u for u in units if u is not best]])


def kill_fee(family: Family, units: list[Unit], doc: Document) -> Verdict:
    attrs: dict[str, Any] = {"percent": None, "amount": None}
    real = [u for u in units if u.cue_set(family.id) - {"deposit_kept"}]
    for u in real or units:
        text = _text(u, doc)
        if pcts := find_percents(text, doc.lang):
            attrs["percent"] = pcts[0].value
        if money := find_money(text, doc.lang):
            attrs["amount"] = float(money[0].amount)
        if attrs["percent"] is not None or attrs["amount"] is not None:
            break
    problems = [] if real else [problem("KF_DEPOSIT_ONLY")]
    return Verdict(attrs, problems, real + [u for u in units if u not in real])


def client_cooperation(family: Family, units: list[Unit], doc: Document) -> Verdict:
    for u in units:
        d = _first_duration(_text(u, doc), doc.lang)
        if d is not None:
            return Verdict({"response_days": _days(d)}, [], [u, *[x for x in units if x is not u]])
    return Verdict({"response_days": None}, [problem("CC_NO_DEADLINE")])


def dormancy(family: Family, units: list[Unit], doc: Document) -> Verdict:
    attrs: dict[str, Any] = {"silence_days": None, "restart_fee": None}
    best = units[0]
    for u in units:
        d = _first_duration(_text(u, doc), doc.lang)
        if d is not None:
            attrs["silence_days"] = _days(d)
            best = u
            break
    for u in units:
        if "restart" in u.cue_set(family.id):
            money = find_money(_text(u, doc), doc.lang)
            attrs["restart_fee"] = float(money[0].amount) if money else True
            break
    problems = [] if attrs["silence_days"] is not None else [problem("DO_NO_PERIOD")]
    return Verdict(attrs, problems, [best, *[u for u in units if u is not best]])


def ip_on_payment(family: Family, units: list[Unit], doc: Document) -> Verdict:
    return Verdict({}, [])


VERDICTS: dict[str, Callable[[Family, list[Unit], Document], Verdict]] = {
    "deemed_acceptance": deemed_acceptance,
    "hourly_conversion": hourly_conversion,
    "termination": termination,
    "payment_terms": payment_terms,
    "late_payment": late_payment,
    "kill_fee": kill_fee,
    "client_cooperation": client_cooperation,
    "dormancy": dormancy,
    "ip_on_payment": ip_on_payment,
}

EMPTY_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "deemed_acceptance": {
        "review_days": None,
        "business_days": None,
        "rejection_in_writing": None,
        "rejection_needs_defect": None,
        "consequence_notice": None,
        "acceptance_by_use": None,
    },
    "hourly_conversion": {"rate": None, "currency": None, "trigger": None, "cap": None},
    "termination": {
        "for_convenience": None,
        "notice_days": None,
        "pays_for_work_done": None,
        "non_cooperation_ground": None,
        "who": None,
    },
    "payment_terms": {"net_days": None},
    "late_payment": {"rate_percent": None, "period": None, "over_base_rate": None, "flat_fee": None},
    "kill_fee": {"percent": None, "amount": None},
    "client_cooperation": {"response_days": None},
    "dormancy": {"silence_days": None, "restart_fee": None},
    "ip_on_payment": {},
}
