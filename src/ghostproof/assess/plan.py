"""From a case and its contract's audit to an :class:`Assessment`: the words and dates every format shows.

All arithmetic is here (money at stake, deemed-acceptance and due dates, the timeline); the renderers only lay
the result out. Dates skip weekends where the contract counts business days, and the timeline's steps always fall
on business days.
"""

from __future__ import annotations

import shlex
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..findings import AuditResult, Finding
from ..words import Words as CatalogueWords
from .case import Case
from .dates import add_business_days, add_days, business_days_between, next_business_day

SCHEMA = "ghostproof.assessment/1"
#: business days between the check-in and the deadline notice ("about a week")
NOTICE_AFTER = 5
#: business days between the deadline notice and the closing date (two weeks: a reasonable deadline)
CLOSE_AFTER = 10
#: a client above this share of revenue gets a line about planning for the gap
SHARE_WARNING = Decimal(25)
#: the families whose clauses matter when a client goes silent, in the order the report discusses them
RELEVANT = (
    "deemed_acceptance",
    "payment_terms",
    "late_payment",
    "termination",
    "hourly_conversion",
    "dormancy",
    "kill_fee",
    "client_cooperation",
    "ip_on_payment",
)
#: statutory fallbacks: family -> jurisdictions with a text in the catalogue (assess.law.<J>.<family>)
LAW = {
    "DE": ("deemed_acceptance", "termination", "late_payment"),
    "UK": ("late_payment",),
    "US": ("hourly_conversion", "late_payment"),
}


class Words(CatalogueWords):
    """The assessment's words (``[assess]`` of the catalogue) in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, "assess")


@dataclass(frozen=True)
class Position:
    """What one clause of the contract means for this case (or that it is missing)."""

    clause: str
    name: str
    status: str
    quote: str | None
    where: str | None
    meaning: str


@dataclass(frozen=True)
class Step:
    day: date
    when: str
    text: str
    key: str


@dataclass(frozen=True)
class Message:
    key: str
    subject: str
    body: str
    send_on: str


@dataclass(frozen=True)
class Assessment:
    lang: str
    title: str
    summary: list[str]
    facts: list[tuple[str, str]]
    positions: list[Position]
    law: list[tuple[str, str]]
    timeline: list[Step]
    timeline_note: str
    messages: list[Message]
    lessons: list[str]
    lessons_intro: str
    lessons_command: str | None
    disclaimer: str
    headings: dict[str, str]
    amounts: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["timeline"] = [{**asdict(s), "day": s.day.isoformat()} for s in self.timeline]
        return {"schema": SCHEMA, **data}


def _quote(text: str, limit: int = 320) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


def _where(finding: Finding, w: Words) -> str | None:
    if not finding.evidence:
        return None
    ev = finding.evidence[0]
    return w.location(ev.page, ev.section, style="prose") or None


def _interest(amount: Decimal, yearly_percent: Decimal, start: date, end: date) -> Decimal:
    days = max(0, (end - start).days)
    return (amount * yearly_percent / 100 * days / 365).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _work_value(case: Case, rate: Decimal | None) -> Decimal | None:
    return (case.hours_invested * rate).quantize(Decimal("0.01")) if rate is not None else None


def assess(case: Case, result: AuditResult, contract_arg: str) -> Assessment:
    """The assessment of ``case`` given its contract's audit (``contract_arg``: the path as the user gives it)."""
    lang = case.language or result.language
    w = Words(lang)
    today = case.on()
    cur = case.currency
    findings: dict[str, Finding] = {f.clause: f for f in result.findings}
    attrs: dict[str, dict[str, Any]] = {f.clause: dict(f.attributes) for f in result.findings}

    # -- money and dates ------------------------------------------------------------------------------------------
    hc = findings["hourly_conversion"]
    contract_rate = attrs["hourly_conversion"].get("rate") if hc.status != "missing" else None
    rate = Decimal(str(contract_rate)) if contract_rate is not None else case.hourly_rate
    work_value = _work_value(case, rate)
    if case.fee_model == "flat":
        share = (case.agreed * case.percent_complete / 100).quantize(Decimal("0.01"))
        unbilled = max(Decimal(0), share - case.invoiced)
        if hc.status != "missing" and work_value is not None:
            capped = min(work_value, case.agreed) if attrs["hourly_conversion"].get("cap") else work_value
            unbilled = max(Decimal(0), capped - case.invoiced)
    else:
        unbilled = max(Decimal(0), (work_value or Decimal(0)) - case.invoiced)
    silent_days = (today - case.last_contact).days
    silent_bdays = business_days_between(case.last_contact, today)

    checkin = next_business_day(today)
    notice = add_business_days(checkin, NOTICE_AFTER)
    closing = add_business_days(notice, CLOSE_AFTER)
    te = attrs["termination"]
    te_ok = findings["termination"].status != "missing" and te.get("who") in ("either", "contractor", None)
    if te_ok and isinstance(te.get("notice_days"), int):
        closing = max(closing, next_business_day(notice + timedelta(days=te["notice_days"])))

    # -- summary --------------------------------------------------------------------------------------------------
    money = {
        "agreed": w.money(case.agreed, cur),
        "invoiced": w.money(case.invoiced, cur),
        "paid": w.money(case.paid, cur),
        "outstanding": w.money(case.outstanding, cur),
        "unbilled": w.money(unbilled, cur),
    }
    if work_value is not None:
        money["work_value"] = w.money(work_value, cur)
    summary = [
        w(
            "silence",
            client=case.client,
            last_contact=w.date(case.last_contact),
            days=silent_days,
            business_days=silent_bdays,
        )
    ]
    stake = []
    if case.outstanding > 0:
        stake.append(w("stake_outstanding", outstanding=money["outstanding"], invoiced=money["invoiced"]))
    if unbilled > 0:
        stake.append(w("stake_unbilled", unbilled=money["unbilled"]))
    summary.append(" ".join(stake) or w("stake_none"))
    summary.append(w(f"goal.{case.goal}"))
    invoiced_stage = case.stage == "final_invoice_sent" and case.outstanding > 0 and case.invoice_date is not None
    path_key = "path_invoiced" if invoiced_stage else "path"
    summary.append(w(path_key, checkin=w.date(checkin), notice=w.date(notice), closing=w.date(closing)))
    if case.revenue_share >= SHARE_WARNING:
        summary.append(w("share_high", share=w.number(case.revenue_share)))

    facts: list[tuple[str, str]] = [
        (w("row.stage"), w(f"stage.{case.stage}")),
        (w("row.complete"), f"{case.percent_complete} %"),
        (w("row.fee"), f"{money['agreed']} ({w(f'fee.{case.fee_model}')})"),
        (w("row.invoiced"), money["invoiced"]),
        (w("row.paid"), money["paid"]),
        (w("row.outstanding"), money["outstanding"]),
    ]
    if work_value is not None and rate is not None:
        facts.append(
            (
                w("row.work_value"),
                w(
                    "work_value",
                    hours=w.number(case.hours_invested),
                    rate=w.money(rate, cur),
                    value=money["work_value"],
                ),
            )
        )
    else:
        facts.append((w("row.work_value"), w("no_rate")))
    facts.append((w("row.unbilled"), money["unbilled"]))
    if case.delivered_on:
        facts.append((w("row.delivered"), w.date(case.delivered_on)))
    facts.append((w("row.last_contact"), w.date(case.last_contact)))
    facts.append((w("row.silence"), w("silence_days", days=silent_days, business_days=silent_bdays)))

    # -- the contract's position, clause by clause ---------------------------------------------------------------
    positions: list[Position] = []
    timeline: list[Step] = []
    family_names = _family_names(lang)
    for fid in RELEVANT:
        f = findings[fid]
        a = attrs[fid]
        if f.status == "missing":
            positions.append(Position(fid, family_names[fid], "missing", None, None, w("clause_missing")))
            continue
        net_days = attrs["payment_terms"].get("net_days") if findings["payment_terms"].status != "missing" else None
        meaning, event = _meaning(fid, a, case, w, money, rate, work_value, notice, net_days)
        if event is not None and event[0] >= today:
            timeline.append(Step(event[0], w.date(event[0]), w(event[1]), event[1].split(".")[-1]))
        quote = _quote(f.evidence[0].text) if f.evidence else None
        positions.append(Position(fid, family_names[fid], f.status, quote, _where(f, w), meaning))

    # -- the law where the contract is silent --------------------------------------------------------------------
    law: list[tuple[str, str]] = []
    missing = {fid for fid, f in findings.items() if f.status == "missing" or f.problems}
    covered = LAW.get(case.jurisdiction, ())
    for fid in covered:
        if fid in missing or (fid == "late_payment" and case.outstanding > 0):
            law.append((family_names[fid], _law(case, fid, w)))
    if case.jurisdiction not in LAW:
        law.append(("", w("law.other")))

    # -- the plan -------------------------------------------------------------------------------------------------
    timeline += [
        Step(checkin, w.date(checkin), w("step.checkin"), "checkin"),
        Step(notice, w.date(notice), w("step.notice", closing=w.date(closing)), "notice"),
        Step(
            closing,
            w.date(closing),
            w("step.closing_invoiced" if case.stage == "final_invoice_sent" else "step.closing"),
            "closing",
        ),
    ]
    timeline.sort(key=lambda s: (s.day, s.key not in ("checkin", "notice", "closing")))

    contact = case.client_contact or case.client
    final_amount = unbilled + case.outstanding
    amount = w("message.notice.amount", amount=w.money(final_amount, cur)) if final_amount > 0 else ""
    # the clause the deadline notice can point to: billing by time, dormancy, or a right to terminate without cause
    basis_clause = next(
        (
            findings[fid]
            for fid in ("hourly_conversion", "dormancy", "termination")
            if findings[fid].status == "present"
            and (fid != "termination" or (te.get("for_convenience") and te.get("who") != "client"))
        ),
        None,
    )
    basis_where = _where(basis_clause, w) if basis_clause is not None else None
    basis = w("message.notice.basis", where=basis_where) if basis_where else ""
    suffix = "_invoiced" if invoiced_stage else ""
    shared = {"contact": contact, "your_name": case.your_name}
    if invoiced_stage:
        assert case.invoice_date is not None
        shared["invoice_date"] = w.date(case.invoice_date)
        amount = w("message.notice.amount", amount=money["outstanding"])
    messages = [
        Message(
            "checkin",
            w("message.checkin.subject"),
            w("message.checkin.body", last_contact=w.date(case.last_contact), **shared),
            w.date(checkin),
        ),
        Message(
            "notice",
            w(f"message.notice{suffix}.subject"),
            w(
                f"message.notice{suffix}.body",
                last_contact=w.date(case.last_contact),
                closing=w.date(closing),
                amount=amount,
                **({} if invoiced_stage else {"basis": basis}),
                **shared,
            ),
            w.date(notice),
        ),
        Message(
            "closing",
            w(f"message.closing{suffix}.subject"),
            w(f"message.closing{suffix}.body", notice=w.date(notice), amount=amount, **shared),
            w.date(closing),
        ),
    ]

    gaps = [fid for fid in RELEVANT if findings[fid].status != "present"]
    lessons = [family_names[fid] for fid in gaps]
    command = f"ghostproof addendum {shlex.quote(contract_arg)}" if gaps else None
    headings = {
        k: w(k)
        for k in (
            "summary_heading",
            "stage_heading",
            "contract_heading",
            "law_heading",
            "timeline_heading",
            "messages_heading",
            "lessons_heading",
            "subject",
            "heading.date",
            "heading.step",
        )
    }
    return Assessment(
        lang=lang,
        title=w("title", client=case.client),
        summary=summary,
        facts=facts,
        positions=positions,
        law=law,
        timeline=timeline,
        timeline_note=w("timeline_note"),
        messages=messages,
        lessons=lessons,
        lessons_intro=w("lessons") if gaps else w("lessons_none"),
        lessons_command=w("lessons_command", command=command) if command else None,
        disclaimer=w("disclaimer"),
        headings=headings,
        amounts=money,
        dates={
            "today": today.isoformat(),
            "checkin": checkin.isoformat(),
            "notice": notice.isoformat(),
            "closing": closing.isoformat(),
        },
    )


def _family_names(lang: str) -> dict[str, str]:
    rw = CatalogueWords(lang, "report")
    return {fid: rw(f"family.{fid}") for fid in RELEVANT}


def _meaning(
    fid: str,
    a: dict[str, Any],
    case: Case,
    w: Words,
    money: dict[str, str],
    rate: Decimal | None,
    work_value: Decimal | None,
    notice: date,
    net_days: object,
) -> tuple[str, tuple[date, str] | None]:
    cur = case.currency
    if fid == "deemed_acceptance":
        days = a.get("review_days")
        if days is None:
            return w("means.deemed_acceptance_no_period"), None
        unit = w("unit.business") if a.get("business_days") else w("unit.days")
        if case.delivered_on is None:
            return w("means.deemed_acceptance_future", days=days, unit=unit), None
        accepted = add_days(case.delivered_on, int(days), business=bool(a.get("business_days")))
        how = (
            "how.defect_writing"
            if a.get("rejection_needs_defect")
            else ("how.writing" if a.get("rejection_in_writing") else "how.none")
        )
        text = w(
            "means.deemed_acceptance",
            delivered=w.date(case.delivered_on),
            date=w.date(accepted),
            days=days,
            unit=unit,
            how=w(how),
        )
        return text, (accepted, "step.accepted")
    if fid == "payment_terms":
        days = a.get("net_days")
        if days is None:
            return w("means.payment_terms_vague"), None
        if case.invoice_date is None:
            return w("means.payment_terms_no_invoice", days=days), None
        due = case.invoice_date + timedelta(days=int(days))
        late = (case.on() - due).days
        overdue = w("overdue", days=late) if late > 0 and case.outstanding > 0 else ""
        text = w(
            "means.payment_terms", days=days, invoice_date=w.date(case.invoice_date), due=w.date(due), overdue=overdue
        )
        return text, (due, "step.due")
    if fid == "late_payment":
        pct = a.get("rate_percent")
        if pct is None:
            return w("means.late_payment_statutory"), None
        n = w.number(pct)
        if a.get("over_base_rate"):
            label = w("rate.over_base", n=n)
            yearly = (case.base_rate + Decimal(str(pct))) if case.base_rate is not None else None
        elif a.get("period") == "month":
            label, yearly = w("rate.month", n=n), Decimal(str(pct)) * 12
        else:
            label, yearly = w("rate.year", n=n), Decimal(str(pct))
        due_on = _due_date(case, net_days)
        if yearly is None or due_on is None or case.outstanding <= 0:
            return w("means.late_payment_no_amount", rate=label), None
        interest = _interest(case.outstanding, yearly, due_on, case.on())
        return w(
            "means.late_payment", rate=label, outstanding=money["outstanding"], interest=w.money(interest, cur)
        ), None
    if fid == "termination":
        if a.get("who") == "client":
            return w("means.termination_client_only"), None
        if a.get("for_convenience") is False:
            return w("means.termination_cause_only"), None
        nd = a.get("notice_days")
        ends = notice + timedelta(days=int(nd)) if nd else notice
        pays = w("pays") if a.get("pays_for_work_done") else w("pays_unclear")
        coop = w("coop") if a.get("non_cooperation_ground") else ""
        notice_text = w("notice", days=nd) if nd else ""
        text = w("means.termination", notice=notice_text, sent=w.date(notice), ends=w.date(ends), pays=pays, coop=coop)
        return text, None
    if fid == "hourly_conversion":
        if rate is None or work_value is None or a.get("rate") is None:
            return w("means.hourly_conversion_no_rate"), None
        cap = w("cap", agreed=money["agreed"]) if a.get("cap") else ""
        text = w(
            "means.hourly_conversion",
            rate=w.money(rate, cur),
            hours=w.number(case.hours_invested),
            value=money["work_value"],
            cap=cap,
        )
        return text, None
    if fid == "dormancy":
        days = a.get("silence_days")
        if days is None:
            return w("clause_missing"), None
        dormant = case.last_contact + timedelta(days=int(days))
        fee = a.get("restart_fee")
        restart = (
            w("restart", fee=w.money(Decimal(str(fee)), cur))
            if isinstance(fee, int | float) and not isinstance(fee, bool)
            else ""
        )
        text = w(
            "means.dormancy", days=days, last_contact=w.date(case.last_contact), date=w.date(dormant), restart=restart
        )
        return text, (dormant, "step.dormant")
    if fid == "kill_fee":
        pct = a.get("percent")
        if pct is None:
            return w("means.kill_fee_plain"), None
        amount = max(Decimal(0), case.agreed - case.invoiced) * Decimal(str(pct)) / 100
        return w("means.kill_fee", percent=w.number(pct), amount=w.money(amount, cur)), None
    if fid == "client_cooperation":
        days = a.get("response_days")
        if days is None:
            return w("means.client_cooperation_plain"), None
        due = case.last_contact + timedelta(days=int(days))
        return w("means.client_cooperation", days=days, last_contact=w.date(case.last_contact), due=w.date(due)), None
    final = case.outstanding + max(Decimal(0), _unbilled_hint(case))
    if final <= 0:
        return w("means.ip_on_payment_plain"), None
    return w("means.ip_on_payment", outstanding=w.money(final, cur)), None


def _unbilled_hint(case: Case) -> Decimal:
    """Work done and not yet invoiced, as the flat-fee share (for the rights-on-payment sentence)."""
    if case.fee_model != "flat":
        return Decimal(0)
    return (case.agreed * case.percent_complete / 100) - case.invoiced


def _due_date(case: Case, net_days: object) -> date | None:
    """When the invoice fell due: invoice date plus the contract's payment term (or the invoice date itself)."""
    if case.invoice_date is None:
        return None
    return case.invoice_date + timedelta(days=int(net_days)) if isinstance(net_days, int) else case.invoice_date


def _law(case: Case, fid: str, w: Words) -> str:
    j = case.jurisdiction
    if fid == "late_payment" and j == "DE":
        points = 9 if case.client_type == "business" else 5
        base = (
            w("law.DE.base", base_rate=w.number(case.base_rate), rate=w.number(case.base_rate + points))
            if case.base_rate is not None
            else ""
        )
        flat = w("law.DE.flat") if case.client_type == "business" else ""
        return w("law.DE.late_payment", points=points, base=base, flat=flat)
    if fid == "late_payment" and j == "UK":
        base = (
            w("law.UK.base", base_rate=w.number(case.base_rate), rate=w.number(case.base_rate + 8))
            if case.base_rate is not None
            else ""
        )
        return w("law.UK.late_payment", base=base)
    return w(f"law.{j}.{fid}")
