"""Attributes and weak/present verdicts per clause family, from the qualifying units.

Each function gets the qualifying units (best first) and returns attributes and problems. A family with
qualifying units is ``present`` unless a problem makes it ``weak``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..findings import Problem
from ..model import Document
from ..quantities import Duration, Money, find_durations, find_money, find_percents
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
    "KF_NO_AMOUNT": "The cancellation fee has no percentage or amount, so what the client owes is open to dispute.",
    "KF_NO_COUNTERPROOF": "The flat cancellation fee excludes proof of a lower loss; in German standard terms such a "
    "flat sum is void (§ 309 Nr. 5 BGB), so allow the client to prove a lower loss.",
    "PT_NO_DUE_DATE": 'Payment has no fixed due date ("promptly", "within a reasonable time"), so it is hard to '
    "say when an invoice is late.",
    "PT_PAY_WHEN_PAID": "You are paid only after the client's own customer pays them, so your due date may never come.",
    "LP_NO_RATE": "A late-payment charge is mentioned but no interest rate or amount is stated.",
    "LP_NO_COUNTERPROOF": "The flat late-payment charge excludes proof of a lower loss; in German standard terms such "
    "a flat sum is void (§ 309 Nr. 5 BGB), so allow the client to prove a lower loss.",
    "IP_PARTIAL_PAYMENT": "Rights pass on a partial payment (a deposit or first instalment), not on full payment.",
    "IP_REVOCABLE_ONLY": "Rights pass before payment; you can only try to revoke them if the client does not pay.",
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
    # the passage with the fiction itself ("deemed accepted") is cited first, then the one that sets the review
    # period; a hold or reminder clause that merely mentions acceptance and a number of days comes last
    units = sorted(units, key=lambda u: ("fiction" not in u.all_cues(family.id), "review" not in u.all_cues(family.id)))
    best = units[0]
    period = best
    attrs: dict[str, Any] = {"review_days": None, "business_days": None}
    for u in units:
        d = _first_duration(_text(u, doc), doc.lang)
        if d is not None:
            attrs["review_days"], attrs["business_days"] = _days(d), d.business
            period = u
            break
    cited = [best] if period is best else [best, period]
    attrs.update(_flags(family, cited))
    problems: list[Problem] = []
    cues = set().union(*(u.all_cues(family.id) for u in cited))
    if attrs["review_days"] is None and not ("use" in cues and "immediate" not in cues):
        problems.append(problem("DA_IMMEDIATE" if "immediate" in cues else "DA_NO_PERIOD"))
    if doc.lang == "de" and not attrs.get("consequence_notice"):
        problems.append(problem("DA_NO_CONSEQUENCE_NOTICE"))
    return Verdict(attrs, problems, [*cited, *[u for u in units if u not in cited]])


_PER_TIME = ("hour", "day")
#: a cap keyword shortly before an amount: "capped at $8,000", "nicht mehr als 6.000 EUR"
_CAP_BEFORE = re.compile(
    r"(?:exceed|capped|cap|ceiling|maximum|max\.|up\s+to|limited\s+to|no\s+more\s+than|not\s+more\s+than"
    r"|h(?:ö|oe)chstens|maximal|nicht\s+mehr\s+als|begrenzt\s+auf|bis\s+zu|obergrenze|gedeckelt|deckel)"
    r"(?![\w])[^.;\d€$£]{0,25}\Z",
    re.IGNORECASE,
)
#: trigger cue -> attribute value; the first present wins (silence is the cause even where the contract then ends)
_HC_TRIGGERS = (
    ("on_dormancy", "dormancy"),
    ("on_termination", "termination"),
    ("on_delay", "delay"),
    ("on_incomplete", "other"),
)


#: a ceiling on the time-based charge ("not to exceed", "up to the full project price", "höchstens")
_CAP = re.compile(
    r"(?<!\w)(?:(?:shall|will|may|must|cannot|can\s*not|to)\s+(?:not\s+)?exceed|not\s+exceed(?:ing)?|capped|cap\s+of|subject\s+to\s+a"
    r"\s+(?:cap|maximum)|up\s+to\s+(?:a\s+maximum|the\s+(?:full|fixed|project|total|agreed|flat|quoted|contract))|maximum\s+of"
    r"|no\s+more\s+than|not\s+more\s+than|in\s+no\s+event\s+more\s+than|ceiling|h(?:ö|oe)chstens|maximal|nicht\s+mehr\s+als"
    r"|begrenzt\s+auf|bis\s+zur\s+h(?:ö|oe)he|bis\s+zum\s+betrag|gedeckelt|obergrenze|deckelung|h(?:ö|oe)chstbetrag"
    r"|nicht\s+(?:übersteigen|überschreiten)|(?:übersteigt|überschreitet)\s+nicht)(?!\w)",
    re.IGNORECASE,
)
#: an express statement that the charge is not capped
_NO_CAP = re.compile(
    r"(?<!\w)(?:(?:does|shall|will)\s+not\s+limit|not\s+(?:be\s+)?capped|uncapped|no\s+cap|without\s+(?:any\s+)?(?:cap|ceiling)"
    r"|not\s+subject\s+to\s+any\s+cap|not\s+limited\s+by\s+the|(?:regardless|irrespective)\s+of\s+the\s+(?:fixed|flat|quoted)"
    r"|even\s+(?:if|where)\s+(?:this|it|the\s+total)\s+exceeds|may\s+exceed\s+the\s+(?:fixed|flat|quoted|project)"
    r"|nicht\s+(?:begrenzt|gedeckelt)|ohne\s+(?:begrenzung|obergrenze|deckelung)|unabh(?:ä|ae)ngig\s+von\s+der\s+h(?:ö|oe)he"
    r"|(?:übersteigen|überschreiten)\s+kann)(?!\w)",
    re.IGNORECASE,
)


def _in_cap_context(text: str, m: Money) -> bool:
    return _CAP_BEFORE.search(text, max(0, m.start - 60), m.start) is not None


def _number(amount: Decimal) -> float | int:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def hourly_conversion(family: Family, units: list[Unit], doc: Document) -> Verdict:
    attrs: dict[str, Any] = {"rate": None, "currency": None, "trigger": None, "cap": None}
    best = units[0]
    cap_amount: Money | None = None
    for u in units:
        text = _text(u, doc)
        money = find_money(text, doc.lang)
        rates = [m for m in money if m.per in _PER_TIME]
        rates = rates or [m for m in money if m.per is None and not _in_cap_context(text, m)]
        if rates:
            attrs["rate"], attrs["currency"] = _number(rates[0].amount), rates[0].currency
            caps = [m for m in money if m.per in (None, "project") and m is not rates[0] and _in_cap_context(text, m)]
            cap_amount = caps[0] if caps else None
            best = u
            break
    cues = best.all_cues(family.id)
    attrs["trigger"] = next((value for cue, value in _HC_TRIGGERS if cue in cues), "other")
    text = _text(best, doc)
    if _NO_CAP.search(text):
        attrs["cap"] = False
    elif cap_amount is not None:
        attrs["cap"] = _number(cap_amount.amount)
    elif _CAP.search(text):
        attrs["cap"] = True
    problems = [] if attrs["rate"] is not None or "rate_card" in cues else [problem("HC_NO_RATE")]
    return Verdict(attrs, problems, [best, *[u for u in units if u is not best]])


def termination(family: Family, units: list[Unit], doc: Document) -> Verdict:
    """Read every right to terminate clause by clause: keep the real ones, then decide convenience, who holds
    them, the notice period and whether work done is paid."""
    rights = [r for u in units for r in _te_rights(family.id, u, doc)]
    if not rights:
        return Verdict(dict(_TE_EMPTY), [], found=False)
    rights.sort(key=lambda r: not r.convenience)
    attrs: dict[str, Any] = dict(_TE_EMPTY)
    attrs["for_convenience"] = rights[0].convenience
    attrs["notice_days"] = _te_notice_days(rights, doc)
    right_units = list({id(r.unit): r.unit for r in rights}.values())
    cues = set().union(*(u.all_cues(family.id) for u in right_units))
    if "no_pay" in cues:
        attrs["pays_for_work_done"] = False
    elif "pays_work_done" in cues:
        attrs["pays_for_work_done"] = True
    if any("non_cooperation" in r.cues for r in rights) or any(
        "non_cooperation" in u.cues.get(family.id, {}) for u in right_units
    ):
        attrs["non_cooperation_ground"] = True
    parties = {r.party for r in rights if r.party}
    if "either" in parties or {"client", "contractor"} <= parties:
        attrs["who"] = "either"
    elif parties:
        attrs["who"] = parties.pop()
    problems: list[Problem] = []
    if attrs["who"] == "client":
        problems.append(problem("TE_CLIENT_ONLY"))
    if not attrs["pays_for_work_done"]:
        problems.append(problem("TE_NO_PAY_FOR_WORK"))
    return Verdict(attrs, problems, right_units)


_TE_EMPTY: dict[str, Any] = {
    "for_convenience": None,
    "notice_days": None,
    "pays_for_work_done": None,
    "non_cooperation_ground": None,
    "who": None,
}
_TE_PARTY = {"by_either": "either", "by_client": "client", "by_contractor": "contractor"}
#: characters between a ground and the right it qualifies when the ground comes first
_TE_NEAR = 40
#: a sentence ends at a full stop before the next sentence or list item -- not after an abbreviation, a single
#: letter or a number ("No. 5", "Inc. The", "zum 31. Dezember", "(d). Theismann")
_TE_SENT_END = re.compile(
    r"(?<![\s(])(?<!\b[A-Za-z])(?<!\d)[.!?](?=\s+(?:[\"'“„(\[]?[A-ZÄÖÜ0-9§]|\(?[a-z]{1,4}[.)]\s))"
)
_TE_FRAGMENT = re.compile(r"\s*(?:[,;)]|(?![a-z]{1,4}[.)]\s)[a-z])")
_TE_ABBREV = frozenset(
    "inc ltd corp co no nos sec art abs nr ziff bzw vgl ggf etc st mr ms mrs dr para cf approx incl max min "
    "vs jan feb mar apr jun jul aug sep sept oct nov dec u.s e.g i.e z.b u.a d.h".split()
)
#: list markers inside a sentence: "(a)", "(ii)", "(B)", "2)"
_TE_ENUM = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=[:;,]))(?:\((?:[a-z]|[ivx]{2,5}|[A-Z])\)|(?:[a-z]|[ivx]{2,5}|\d)\))(?=\s)"
)
#: a duration is a notice period when "notice", "prior", "in advance" ... follow it, or "Frist von" precedes it;
#: not when it is a cure period, a deadline or a delay ("within 30 days", "mehr als 30 Tage", "Nachfrist von")
_TE_NOTICE_AFTER = re.compile(
    r"\A[\s'’)\]]*(?:s\b)?\W*(?:\w+\W+){0,2}?(?:prior|advance|notice|notification|im\s+voraus|vorher|vorab|zum)\b",
    re.IGNORECASE,
)
_TE_NOTICE_BEFORE = re.compile(
    r"(?:\bfrist|kündigungsfrist|notice\s+period|period\s+of\s+notice|notice\s+of|with\s+notice\s+of)"
    r"\W+(?:\w+\W+){0,3}\Z",
    re.IGNORECASE,
)
_TE_NOT_NOTICE_BEFORE = re.compile(
    r"(?:\bwithin|\bbinnen|\binnerhalb|more\s+than|mehr\s+als|for\s+a\s+period\s+of|\bafter|\bnach|following|"
    r"setzung|nachfrist|frist\s+zur\s+\w+|fristsetzung|excess\s+of|longer\s+than|länger\s+als|exceeding)"
    r"\W+(?:\w+\W+){0,4}\Z",
    re.IGNORECASE,
)

_Hit = tuple[int, int, str]


@dataclass
class _Right:
    unit: Unit
    start: int
    end: int
    #: the stretches of text that bear on this right (its clause, or a list's lead-in plus one item)
    ranges: list[tuple[int, int]]
    cues: set[str]
    convenience: bool
    party: str | None


def _te_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _TE_SENT_END.finditer(text):
        if m.group() == ".":
            word = re.search(r"([\w.]+)\Z", text[start : m.start()])
            if word and word.group(1).lower() in _TE_ABBREV:
                continue
        out.append((offset + start, offset + m.end()))
        start = m.end()
    out.append((offset + start, offset + len(text)))
    return out


def _te_scopes(text: str, sent: tuple[int, int], s: int) -> list[list[tuple[int, int]]]:
    """What a right starting at ``s`` is read with. In a list ("may terminate (i) on 30 days' notice, or (ii) at
    once if ...") each item together with the lead-in is one alternative; otherwise the right's part of the
    sentence between semicolons."""
    a, b = sent
    enums = [m.start() for m in _TE_ENUM.finditer(text, a, b)]
    if enums and s < enums[0] and ";" in text[s : enums[0]]:
        enums = []  # the list belongs to a later part of the sentence ("...; provided that ... unless (a) ...")
    if enums:
        lead = (a, enums[0])
        # an item runs to the next marker or to its own semicolon (a proviso after the last item is no item)
        items = []
        for x, y in zip(enums, [*enums[1:], b], strict=True):
            semi = text.find(";", x, y)
            items.append((x, semi + 1 if semi >= 0 else y))
        if s < enums[0]:
            return [[lead, item] for item in items]
        return [[lead, next((i for i in items if i[0] <= s < i[1]), (enums[-1], b))]]
    cuts = [a, *(a + m.end() for m in re.finditer(";", text[a:b])), b]
    return [[next(((x, y) for x, y in itertools.pairwise(cuts) if x <= s < y), (a, b))]]


def _te_rights(fid: str, unit: Unit, doc: Document) -> list[_Right]:
    prefix = fid + "/"
    hits: list[_Hit] = [(s, e, label[len(prefix) :]) for s, e, label, _ in unit.hits if label.startswith(prefix)]
    sentences = _te_sentences(doc.text[unit.start : unit.end], unit.start)
    out: list[_Right] = []
    for s, e, cue in hits:
        if cue not in ("may_terminate", "implied_right"):
            continue
        sent = next((c for c in sentences if c[0] <= s < c[1]), sentences[-1])
        in_sent = [h for h in hits if h[0] < sent[1] and h[1] > sent[0]]
        if any(c == "no_right" and hs < e and he > s for hs, he, c in in_sent):
            continue  # "may not terminate", "neither party may terminate"
        if any(c == "other_object" and e <= hs <= e + 40 for hs, he, c in in_sent):
            continue  # "may terminate any licence key"
        # a proviso before the right opens a new clause: "..., provided that either party may terminate ..."
        cut = max((he for hs, he, c in in_sent if c == "proviso" and he <= s), default=sent[0])
        # a block that starts mid-sentence ("or other cause beyond ...", "not capable of cure, and X may ...") has
        # its ground in the block before: the right is not read as a bare one
        fragment = sent[0] == unit.start and _TE_FRAGMENT.match(doc.text, unit.start) is not None
        for scope in _te_scopes(doc.text, sent, s):
            ranges = [(max(lo, cut), hi) for lo, hi in scope if hi > cut]
            inside = [h for h in in_sent if any(h[0] < hi and h[1] > lo for lo, hi in ranges)]
            if cue == "implied_right" and any(c == "no_right" for _, _, c in inside):
                continue  # "Termination for Convenience. This Agreement may not be terminated ..."
            # "may terminate ... by written notice as follows:" introduces grounds that are listed elsewhere
            lead_in = len(ranges) == 1 and (
                ":" in doc.text[e : ranges[0][1]] or any(c == "list_intro" for _, _, c in inside)
            )
            verdict = _te_classify(s, e, inside, bare_ok=not (fragment or lead_in))
            if verdict is None:
                continue
            convenience, cues = verdict
            party = _te_party(s, inside) or _te_party(s, [h for h in hits if h[1] <= s])
            if party is None and "non_cooperation" in cues:
                party = "contractor"
            out.append(_Right(unit, s, e, ranges, cues, convenience, party))
    return out


def _te_classify(s: int, e: int, inside: list[_Hit], bare_ok: bool = True) -> tuple[bool, set[str]] | None:
    """(for convenience?, cues) of the right at ``s``..``e`` read with the hits ``inside`` its scope; None when
    it only is a non-renewal. ``bare_ok``: a right with no ground named may count as one for convenience."""
    cues = {c for _, _, c in inside}

    def near(hs: int, he: int) -> bool:  # a ground qualifies this right: after its start, or just before it
        return hs >= s or s - he <= _TE_NEAR

    def within(name: str, hs: int, he: int) -> bool:
        return any(c == name and xs < he and xe > hs for xs, xe, c in inside)

    wishes = [hs for hs, he, c in inside if c == "volition" and hs < e and he > s]

    def is_ground(hs: int, he: int, c: str) -> bool:
        if c in ("cause", "non_cooperation"):
            return True
        if c == "ground_before":  # "in such event X may terminate" (after the right it is a consequence)
            return he <= s
        if c != "condition" or within("exception", hs, he):  # "except as provided in ..."
            return False
        return not any(0 <= w - he <= _TE_NEAR for w in wishes)  # "if / should X wish to terminate"

    grounds = [hs for hs, he, c in inside if is_ground(hs, he, c)]
    near_cues = {c for hs, he, c in inside if near(hs, he)}
    # "for any reason" inside a condition ("... if the supplier declines for any reason", "if X ends the other
    # contract for any reason, Y may terminate") is not the right's ground
    strong = any(
        c == "convenience"
        and near(hs, he)
        and not within("any_termination", hs, he)
        and not any((e <= g if hs >= s else True) and g < hs for g in grounds)
        for hs, he, c in inside
    )
    if "non_renewal" in cues and not (strong or "any_time" in near_cues):
        return None
    bare = bare_ok and not grounds and bool(near_cues & {"any_time", "notice", "immediate"})
    return strong or bare, cues


def _te_party(s: int, hits: list[_Hit]) -> str | None:
    """The party holding the right that starts at ``s``: the party cue nearest to it (before it, or after it as in
    "may be terminated by either party" / "kann der Auftragnehmer ... kündigen"); "either" wins a tie."""
    best: tuple[int, int, int] | None = None
    party = None
    for hs, he, c in hits:
        if c not in _TE_PARTY:
            continue
        dist = s - he if he <= s else hs - s if hs >= s else 0
        key = (dist, 0 if he <= s else 1, -(he - hs))
        if best is None or key < best:
            best, party = key, _TE_PARTY[c]
    return party


def _te_notice_days(rights: list[_Right], doc: Document) -> int | None:
    immediate = False
    for r in rights:
        for lo, hi in r.ranges:
            text = doc.text[lo:hi]
            for d in find_durations(text, doc.lang):
                if d.unit not in ("day", "week", "month") or _days(d) is None:
                    continue
                before, after = text[max(0, d.start - 60) : d.start], text[d.end : d.end + 40]
                if _TE_NOT_NOTICE_BEFORE.search(before):
                    continue
                if _TE_NOTICE_AFTER.search(after) or _TE_NOTICE_BEFORE.search(before):
                    return _days(d)
        immediate = immediate or "immediate" in r.cues
    return 0 if immediate else None


_NET = re.compile(r"\bnet(?:to)?[\s-]*(\d{1,3})\b(?!\s*%)", re.IGNORECASE)
#: a clause part about an early-payment discount (its days are not the due date)
_DISCOUNT = re.compile(r"skonto|discount|rabatt|preisnachlass|early[-\s]payment", re.IGNORECASE)
#: clause parts: split at ";" and at a full stop that ends a sentence (not "p. a.", "Abs. 5", "20. Tag")
_PART_BREAK = re.compile(r";|(?<=[^\W\d_]{2})\.\s+(?=[A-ZÄÖÜ])")


def _parts(text: str) -> list[str]:
    return [p for p in _PART_BREAK.split(text) if p.strip()]


#: "am 20. Kalendertag nach Erhalt der Rechnung", "by the 15th day after the invoice date"
_ORDINAL_DAY = re.compile(
    r"\b(\d{1,3})(?:\.|st|nd|rd|th)\s+(?:(?:kalender|werk|arbeits|bankarbeits|gesch(?:ä|ae)fts)?tag(?:e|es)?"
    r"|(?:(?:calendar|business|working)\s+)?day)\s+(?:nach|ab|after|following|from)\b",
    re.IGNORECASE,
)
#: a due period is introduced by "within"/"net"/... or followed by "after"/"of"/"nach"/"netto"
_DUE_BEFORE = re.compile(
    r"(?:\bwithin|\bin|\bno\s+later\s+than|\bnot\s+later\s+than|\bnet|\bnetto|\binnerhalb(?:\s+von)?|\bbinnen"
    r"|\bsp(?:ä|ae)testens|\bl(?:ä|ae)ngstens|zahlungsziel|zahlungsfrist|payment\s+terms?|\bpayable|\bdue"
    r"|\bzahlbar|\bf(?:ä|ae)llig)\W{0,3}\Z",
    re.IGNORECASE,
)
_DUE_AFTER = re.compile(r"[\s'’)]*(?:after|of|from|following|net|nach|ab|netto|seit)\b", re.IGNORECASE)
_ARTICLE_WORDS = frozenset({"a", "an", "ein", "eine", "einen", "einem", "einer", "eines"})


def _due_days(text: str, lang: str) -> int | None:
    """Days until payment is due: "net 30", "within 14 days of the invoice", "binnen acht Tagen",
    "am 20. Kalendertag nach Erhalt". Periods in months are not converted; discount windows are skipped."""
    if m := _NET.search(text):
        return int(m.group(1))
    for chunk in _parts(text):
        if _DISCOUNT.search(chunk):
            continue
        for d in find_durations(chunk, lang):
            if d.unit not in ("day", "week") or d.text.split()[0].lower() in _ARTICLE_WORDS:
                continue
            if _DUE_BEFORE.search(chunk, max(0, d.start - 30), d.start) or _DUE_AFTER.match(chunk, d.end):
                return _days(d)
        if m := _ORDINAL_DAY.search(chunk):
            return int(m.group(1))
    return None


_FIRM_DUE = (
    frozenset({"due", "deadline", "@duration"}),
    frozenset({"term", "@duration"}),
    frozenset({"net"}),
    frozenset({"due", "on_receipt"}),
    frozenset({"due", "advance"}),
    frozenset({"due", "day_of"}),
    frozenset({"due", "on_event"}),
)


def payment_terms(family: Family, units: list[Unit], doc: Document) -> Verdict:
    fid = family.id
    attrs: dict[str, Any] = {"net_days": None}
    firm = [u for u in units if any(req <= u.all_cues(fid) for req in _FIRM_DUE)]
    best: Unit | None = None
    for u in firm:
        days = _due_days(_text(u, doc), doc.lang)
        if days is None and "on_receipt" in u.cue_set(fid):
            days = 0
        if days is not None:
            attrs["net_days"], best = days, u
            break
    problems: list[Problem] = []
    if any("pay_when_paid" in u.cue_set(fid) for u in units):
        problems.append(problem("PT_PAY_WHEN_PAID"))
    elif not firm:
        problems.append(problem("PT_NO_DUE_DATE"))
    ranked = ([best] if best else []) + [u for u in firm if u is not best] + [u for u in units if u not in firm]
    return Verdict(attrs, problems, ranked)


#: "pro angefangenem Monat", "for each month or part thereof": a monthly rate the percent parser leaves open
_MONTHLY_AFTER = re.compile(
    r"\s*(?:\([^)]{0,20}\)\s*)?(?:(?:pro|je|f(?:ü|ue)r\s+jeden)\s+(?:angefangene[nm]?\s+)?(?:kalender)?monat"
    r"|(?:per|for\s+each|for\s+every|each|for\s+any|a)\s+(?:(?:full\s+or\s+partial\s+)?calendar\s+)?month)",
    re.IGNORECASE,
)


#: a clause part about late payment (its percent is the late rate, its amount the late fee)
_LATE_PART = re.compile(
    r"late|overdue|past[-\s]due|unpaid|delinquen|arrear|default|interest|not\s+paid|fails?\s+to\s+pay|"
    r"finance\s+charge|verzug|zins|mahn|s(?:ä|ae)um|r(?:ü|ue)ckst(?:ä|ae)nd|versp(?:ä|ae)tet|nicht\s+fristgerecht"
    r"|nicht\s+rechtzeitig|(?:ü|ue)berschreitung",
    re.IGNORECASE,
)


def late_payment(family: Family, units: list[Unit], doc: Document) -> Verdict:
    fid = family.id
    attrs: dict[str, Any] = {"rate_percent": None, "period": None, "over_base_rate": None, "flat_fee": None}
    best = units[0]
    for u in units:
        found = [
            (chunk, p)
            for chunk in _parts(_text(u, doc))
            if _LATE_PART.search(chunk) and not _DISCOUNT.search(chunk)
            for p in find_percents(chunk, doc.lang)
        ]
        if found:
            chunk, p = found[0]
            period = p.period
            if period is None and _MONTHLY_AFTER.match(chunk, p.end):
                period = "month"
            attrs.update(rate_percent=p.value, period=period, over_base_rate=p.over_base_rate)
            best = u
            break
    for u in sorted(units, key=lambda x: "flat_fee" not in x.cue_set(fid)):
        money = [
            m
            for chunk in _parts(_text(u, doc))
            if _LATE_PART.search(chunk)
            for m in find_money(chunk, doc.lang)
            if m.per not in _PER_TIME
        ]
        if money:
            attrs["flat_fee"] = float(money[0].amount)
            break
    problems: list[Problem] = []
    statutory = any("statutory" in u.cue_set(fid) for u in units)
    if attrs["rate_percent"] is None and attrs["flat_fee"] is None and not statutory:
        problems.append(problem("LP_NO_RATE"))
    if any("no_counterproof" in u.cue_set(fid) for u in units):
        problems.append(problem("LP_NO_COUNTERPROOF"))
    return Verdict(attrs, problems, [best, *[u for u in units if u is not best]])


_KF_FIGURE = frozenset({"share", "fee_amount", "full_fee"})


def _kf_near_miss(cues: set[str]) -> bool:
    """ "No cancellation fee" / "kostenfrei" without any figure; money refunded to the client ("we refund 100% of
    the fees") with nothing named a fee for cancelling; a subscription price next to "cancel any time"."""
    if "no_fee" in cues and not cues & _KF_FIGURE:
        return True
    if "subscription" in cues and not cues & {"kill", "full_fee", "deposit_kept"}:
        return True
    return "refund" in cues and not cues & {"kill", "fee_amount", "full_fee", "deposit_kept"}


def _list_after(unit: Unit, doc: Document, limit: int = 8) -> str:
    """The list items right after the unit's block: staged fees are often listed below the clause that
    introduces them ("... beträgt folgenden Prozentsatz: - vor Meilenstein 1: 15 Prozent; ...")."""
    blocks = doc.blocks
    i = next((k for k, b in enumerate(blocks) if b is unit.block), None)
    if i is None:
        return ""
    items = []
    for b in blocks[i + 1 : i + 1 + limit]:
        if b.kind != "list_item":
            break
        items.append(b.text)
    return "\n".join(items)


def kill_fee(family: Family, units: list[Unit], doc: Document) -> Verdict:
    fid = family.id
    attrs: dict[str, Any] = {"percent": None, "amount": None}
    units = [u for u in units if not _kf_near_miss(u.cues_and_context(fid))]
    if not units:
        return Verdict(attrs, [], found=False)
    real = [u for u in units if not ("deposit_kept" in u.cue_set(fid) and "kill" not in u.cue_set(fid))]
    best = (real or units)[0]
    for u in real or units:
        text = _text(u, doc)
        if not u.cue_set(fid) & {"share", "fee_amount", "@percent", "@money"}:
            text = f"{text}\n{_list_after(u, doc)}"
        if pcts := find_percents(text, doc.lang):
            attrs["percent"] = pcts[0].value
        elif "full_fee" in u.cue_set(fid):
            attrs["percent"] = 100.0
        if money := [m for m in find_money(text, doc.lang) if m.per not in _PER_TIME]:
            attrs["amount"] = float(money[0].amount)
        if attrs["percent"] is not None or attrs["amount"] is not None:
            best = u
            break
    problems: list[Problem] = []
    if not real:
        problems.append(problem("KF_DEPOSIT_ONLY"))
    elif attrs["percent"] is None and attrs["amount"] is None:
        problems.append(problem("KF_NO_AMOUNT"))
    if any("no_counterproof" in u.cue_set(fid) for u in units):
        problems.append(problem("KF_NO_COUNTERPROOF"))
    return Verdict(attrs, problems, [best, *[u for u in real if u is not best], *[u for u in units if u not in real]])


#: a deadline word right before a duration: "within 5 days", "no later than", "innerhalb von", "binnen", "spätestens"
_DEADLINE_BEFORE = re.compile(
    r"(?:within|later\s+than|latest|innerhalb(?:\s+von)?|binnen|sp(?:ä|ae)testens(?:\s+(?:jedoch|aber))?|l(?:ä|ae)ngstens"
    r"|h(?:ö|oe)chstens|maximal)\s*\Z",
    re.IGNORECASE,
)


def _period_days(d: Duration) -> int | None:
    """Days of a duration (weeks x 7, months x 30); hours only as whole days ("48 hours" = 2), else None."""
    if d.unit == "hour":
        return int(d.value) // 24 if d.value >= 24 and d.value % 24 == 0 else None
    return _days(d)


def _periods(text: str, lang: str) -> list[Duration]:
    return [d for d in find_durations(text, lang) if d.unit in ("day", "week", "month", "hour")]


def client_cooperation(family: Family, units: list[Unit], doc: Document) -> Verdict:
    for u in units:
        text = _text(u, doc)
        for d in _periods(text, doc.lang):
            if _DEADLINE_BEFORE.search(text, max(0, d.start - 30), d.start):
                return Verdict({"response_days": _period_days(d)}, [], [u, *[x for x in units if x is not u]])
    return Verdict({"response_days": None}, [problem("CC_NO_DEADLINE")])


#: a charge for restarting ("restart fee", "costs 15%", "Gebühr", "kostenpflichtig")
_FEE = re.compile(
    r"(?<!\w)(?:fees?|charges?|charged|chargeable|costs?|payable|surcharge|billed|invoiced|geb(?:ü|ue)hr\w*|\w+geb(?:ü|ue)hr"
    r"|kostenpflichtig|pauschale|berechnet|berechnen|in\s+rechnung|kosten|entgelt|aufschlag|zuschlag|verg(?:ü|ue)tet)(?!\w)",
    re.IGNORECASE,
)
#: restarting is free
_NO_FEE = re.compile(
    r"(?<!\w)(?:(?:at\s+)?no\s+(?:additional\s+|extra\s+|further\s+)?(?:charge|cost|fee)|free\s+of\s+(?:charge|cost)"
    r"|without\s+(?:any\s+|additional\s+|extra\s+)?(?:charge|cost|fee)|no\s+(?:restart|reactivation)\s+fee|kostenlos|kostenfrei"
    r"|ohne\s+(?:zus(?:ä|ae)tzliche|weitere)\s+(?:kosten|geb(?:ü|ue)hr)|ohne\s+(?:aufpreis|geb(?:ü|ue)hr)|geb(?:ü|ue)hrenfrei"
    r"|unentgeltlich|keine\s+(?:zus(?:ä|ae)tzlichen\s+)?(?:geb(?:ü|ue)hr|kosten))(?!\w)",
    re.IGNORECASE,
)


def dormancy(family: Family, units: list[Unit], doc: Document) -> Verdict:
    fid = family.id
    attrs: dict[str, Any] = {"silence_days": None, "restart_fee": None}
    best: Unit | None = None
    for u in units:
        periods = _periods(_text(u, doc), doc.lang)
        if periods:
            attrs["silence_days"] = _period_days(periods[0])
            best = u
            break
    for u in units:
        cues = u.all_cues(fid)
        if "restart" not in cues:
            continue
        text = _text(u, doc)
        money = [m for m in find_money(text, doc.lang) if m.per not in _PER_TIME]
        if _NO_FEE.search(text):
            attrs["restart_fee"] = False
        elif money:
            attrs["restart_fee"] = _number(money[0].amount)
        elif _FEE.search(text) or find_percents(text, doc.lang):
            attrs["restart_fee"] = True
        break
    problems = [] if best is not None else [problem("DO_NO_PERIOD")]
    best = best or units[0]
    return Verdict(attrs, problems, [best, *[u for u in units if u is not best]])


def ip_on_payment(family: Family, units: list[Unit], doc: Document) -> Verdict:
    fid = family.id

    def on_full_payment(u: Unit) -> bool:
        cues = u.cue_set(fid)
        if "full_payment" in cues or {"condition", "paid_word"} <= cues:
            return True
        return "on_payment" in cues and "partial_payment" not in cues

    full = [u for u in units if on_full_payment(u)]
    if full:
        return Verdict({}, [], full + [u for u in units if u not in full])
    if any("partial_payment" in u.cue_set(fid) for u in units):
        return Verdict({}, [problem("IP_PARTIAL_PAYMENT")])
    return Verdict({}, [problem("IP_REVOCABLE_ONLY")])


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
