"""From a case and its contract's audit to an :class:`Assessment`: the words and dates every format shows.

All arithmetic is here (money at stake, deemed-acceptance and due dates, the timeline); the renderers only lay
the result out. Dates skip weekends where the contract counts business days, and the timeline's steps always fall
on business days.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..client_type import names_a_company
from ..contract_type import TypeReading
from ..dates import Calendar, normal_region, region_name
from ..families import REGISTRY, MeaningContext, family
from ..families.hourly_conversion import HourlyConversionAttributes
from ..families.termination import TerminationAttributes, contract_ends, notice_runs_to
from ..findings import AuditResult, Finding
from ..regions import ContractRegion
from ..words import Words as CatalogueWords
from .case import Case
from .deadlines import Deadlines

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
    #: how the day was counted, and why it moved ("5 business days after the check-in: Monday to Friday, …")
    rule: str = ""


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


def _work_value(case: Case, rate: Decimal | None) -> Decimal | None:
    return (case.hours_invested * rate).quantize(Decimal("0.01")) if rate is not None else None


#: the country whose nationwide holidays count when neither the case nor the contract names a region
COUNTRY_OF = {"DE": "DE", "AT": "AT", "CH": "CH", "UK": "GB", "US": "US"}


@dataclass(frozen=True)
class ContractContext:
    """What the contract's text says beyond its clauses: the region it names for its deadlines, whether it defines
    its Werktage as Monday to Friday, and what it owes in German law's terms (a result or services)."""

    region: ContractRegion | None = None
    werktage_are_weekdays: bool = False
    type: TypeReading | None = None
    #: the sentence that rules e-mail out for notices ("Kündigungen bedürfen der Schriftform; eine E-Mail genügt
    #: nicht"): a deadline notice that may end the contract goes as a signed letter
    email_not_enough: str | None = None


def contract_context(text: str, lang: str) -> ContractContext:
    """What a contract's text says beyond its clauses (see :class:`ContractContext`)."""
    from ..contract_type import read_type
    from ..regions import contract_region, werktage_are_weekdays

    return ContractContext(
        contract_region(text), werktage_are_weekdays(text), read_type(text, lang), _email_not_enough(text, lang)
    )


def _email_not_enough(text: str, lang: str) -> str | None:
    """The sentence in which the contract says an e-mail is not enough for a notice (the checklist's patterns for
    e-mail notices, cue ``negated``), or None."""
    from ..checklist.patterns import hits as checklist_hits
    from ..detect.pipeline import Analysis
    from ..ingest import document_from_text

    document = document_from_text(text, lang="de" if lang == "de" else "en")
    found = [h for h in checklist_hits(Analysis(document, checklist=True)) if h.item == "email_notice"]
    ruled_out = next((h for h in found if h.cue == "negated"), None)
    if ruled_out is None:
        return None
    sentence = " ".join(document.text[ruled_out.sent_start : ruled_out.sent_end].split())
    # (without a list mark before it or a section sign of the next heading after it: "4) …", "… nicht. §")
    return re.sub(r"\s*§\s*$", "", re.sub(r"^\(?\d+[a-z]?\)\s*", "", sentence))


def contract_kind(case: Case, contract: ContractContext) -> str | None:
    """What the contract owes in German law's terms: the case file's word, else the contract's reading."""
    if case.contract_type is not None:
        return case.contract_type
    return contract.type.type if contract.type is not None else None


def _type_row(case: Case, contract: ContractContext, w: Words) -> str:
    """The contract's type and why, for German law."""
    if case.contract_type is not None:
        return w(f"contract_type.{case.contract_type}") + w("contract_type.from_case")
    reading = contract.type
    if reading is None or reading.type is None:
        return w("contract_type.unknown")
    name = w(f"contract_type.{reading.type}")
    if reading.named:
        return name + w("contract_type.named", words=reading.named)
    shown = {"werkvertrag": reading.result, "dienstvertrag": reading.services}.get(reading.type)
    if shown is not None:
        return name + w("contract_type.words", words=", ".join(shown[:6]))
    return name + w(
        "contract_type.both", result=", ".join(reading.result[:4]), services=", ".join(reading.services[:4])
    )


def calendar_of(case: Case, contract: ContractContext, lang: str) -> tuple[Calendar, str]:
    """The case's calendar and where its region comes from: the case file, the contract, the jurisdiction."""
    # (a contract whose business day is defined by the days banks close counts on their calendar, also where the
    # case file names the same region: the one the contract suggested when the case was written)
    banks = contract.region is not None and contract.region.how == "banks"
    if case.region is not None:
        same = banks and contract.region is not None and normal_region(case.region) == contract.region.region
        return Calendar(case.region, lang, banks=same), "case"
    if contract.region is not None:  # (a business day defined by the days banks close: their calendar)
        return Calendar(contract.region.region, lang, banks=banks), "contract"
    country = COUNTRY_OF.get(case.jurisdiction)
    return Calendar(country, lang), ("jurisdiction" if country else "none")


def assess(case: Case, result: AuditResult, contract_arg: str, contract: ContractContext | None = None) -> Assessment:
    """The assessment of ``case`` given its contract's audit (``contract_arg``: the path as the user gives it;
    ``contract``: what its text says about counting days)."""
    from ..detect import regrade

    # graded for the case's own word on the client (and the contract type, where it gives one)
    result = regrade(result, contract_type=case.contract_type, client_type=case.client_type)
    lang = case.language or result.language
    w = Words(lang)
    today = case.on()
    cur = case.currency
    contract = contract or ContractContext()
    findings: dict[str, Finding] = {f.clause: f for f in result.findings}
    attrs: dict[str, dict[str, Any]] = {f.clause: dict(f.attributes) for f in result.findings}
    if contract.werktage_are_weekdays:  # "Werktage (Montag bis Freitag)": the contract's own definition wins
        for a in attrs.values():
            for key, value in a.items():
                if key.endswith("_day_kind") and value == "werktage":
                    a[key] = "business"
    cal, region_from = calendar_of(case, contract, lang)
    dl = Deadlines(cal, case.jurisdiction, w)

    # -- money and dates ------------------------------------------------------------------------------------------
    hc = findings["hourly_conversion"]
    hc_attrs = HourlyConversionAttributes.model_validate(hc.attributes)
    # a day rate is no hourly rate: the hours worked are priced at the case's own hourly rate then (or not at all)
    contract_rate = hc_attrs.rate if hc.status != "missing" and hc_attrs.rate_per != "day" else None
    rate = Decimal(str(contract_rate)) if contract_rate is not None else case.hourly_rate
    work_value = _work_value(case, rate)
    if case.fee_model == "flat":
        share = (case.agreed * case.percent_complete / 100).quantize(Decimal("0.01"))
        unbilled = max(Decimal(0), share - case.invoiced)
        # billing by time replaces the fixed fee only when the project ends early: delivered work is owed its fee
        ends_early = case.stage not in ("delivered", "final_invoice_sent")
        if hc.status != "missing" and work_value is not None and ends_early:
            capped = min(work_value, case.agreed) if hc_attrs.cap else work_value
            unbilled = max(Decimal(0), capped - case.invoiced)
    else:
        unbilled = max(Decimal(0), (work_value or Decimal(0)) - case.invoiced)
    silent_days = (today - case.last_contact).days
    silent_bdays = cal.business_days_between(case.last_contact, today)

    checkin = cal.next_business_day(today)
    # ("the next business day from today" said of today itself read oddly)
    checkin_rule = w("rule.checkin_today" if checkin == today else "rule.checkin", holidays=dl.holidays_rule())
    notice_at = dl.count(checkin, NOTICE_AFTER, "business", after=w("rule.after_checkin"))
    notice = notice_at.day
    closing_at = dl.count(notice, CLOSE_AFTER, "business", after=w("rule.after_notice"))
    te = TerminationAttributes.model_validate(findings["termination"].attributes)
    te_ok = findings["termination"].status != "missing" and te.who in ("either", "contractor", None)
    # the notice period of a right you hold (not the client's alone: "The Client may terminate … on fifteen (15)
    # Business Days' notice"), in its own days; one that runs to a month's (or quarter's) end: no earlier than the
    # end of the month the period runs into
    te_ok = te_ok and te.without_cause_by != "client"
    runs_to = notice_runs_to(te, notice, cal) if te_ok else None
    if runs_to is not None:
        # a period of notice is not moved by § 193 BGB; the closing step itself falls on a business day. One to a
        # month's end ("zwei Monate zum Monatsende") ends the contract no earlier than the end of the month (calendar
        # quarter, year) the period runs into
        ends_on = contract_ends(te, runs_to)
        ends = cal.next_business_day(ends_on)
        if ends > closing_at.day:
            if te.notice_to_period_end:
                unit = te.notice_period_end or "month"
                what = w("rule.notice_period_end", end=w.date(ends_on), which=w(f"period_end.{unit}"))
            elif te.notice_months:
                one = te.notice_months == 1
                what = w("rule.notice_period_months_one" if one else "rule.notice_period_months", n=te.notice_months)
            else:
                what = w("rule.notice_period", n=te.notice_days)
            closing_at = dl.business_day(ends, what=what)
    closing = closing_at.day

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
    path_at = len(summary)
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
    facts.append((w("row.calendar"), _calendar_row(cal, region_from, contract, w)))
    if case.jurisdiction == "DE":
        facts.append((w("row.contract_type"), _type_row(case, contract, w)))

    family_names = _family_names(lang)

    # -- the law where the contract is silent --------------------------------------------------------------------
    law: list[tuple[str, str]] = []
    with_law: set[str] = set()  # the families the law section speaks of (a clause's meaning may point there)
    missing = {fid for fid, f in findings.items() if f.status == "missing" or f.problems}
    covered = [clause for clause in REGISTRY.values() if case.jurisdiction in clause.law]
    # German law: a Dienstvertrag has no Abnahme and no §§ 643, 645; its own rules replace those lines
    kind = contract_kind(case, contract)
    services = case.jurisdiction == "DE" and kind == "dienstvertrag"
    law_case = case if case.region else case.model_copy(update={"region": cal.region})  # the region in force
    for clause in covered:
        if clause.id in missing or (clause.law_when_unpaid and case.outstanding > 0):
            text = (clause.services_law_text if services else clause.law_text)(case.jurisdiction, law_case, w)
            if text is not None and clause.id not in missing:  # shown beside the contract's own clause
                text = clause.law_beside_clause(case.jurisdiction, law_case, w) + text
            if text is not None:
                law.append((family_names[clause.id], text))
                with_law.add(clause.id)
    if services:
        law.append((w("law.DE.dienst.default_name"), w("law.DE.dienst.default")))
    if not covered:
        law.append(("", w("law.other")))

    # -- the contract's position, clause by clause ---------------------------------------------------------------
    positions: list[Position] = []
    timeline: list[Step] = []
    accepted_on: tuple[date, str | None] | None = None  # the work counts as accepted (deemed), by today
    for fid in RELEVANT:
        f = findings[fid]
        a = attrs[fid]
        if f.status == "missing" and services and family(fid).result_only:
            # a Dienstvertrag has no acceptance: not needed, as the audit says ("– entfällt"), not "✘ not in the
            # contract" (new user, round 6)
            positions.append(Position(fid, family_names[fid], "not_needed", None, None, w("clause_not_needed")))
            continue
        if f.status == "missing" and f.problems and f.evidence:
            # excluded in words ("Client's silence … shall not be deemed approval"): not merely absent
            said = " ".join(w(f"clause_excluded.{p.code}") for p in f.problems if w.has(f"clause_excluded.{p.code}"))
            said = said or w("clause_missing")
            excluded = _quote(f.evidence[0].text)
            positions.append(Position(fid, family_names[fid], "missing", excluded, _where(f, w), said))
            continue
        if f.status == "missing":
            positions.append(Position(fid, family_names[fid], "missing", None, None, w("clause_missing")))
            continue
        net_days = attrs["payment_terms"].get("net_days") if findings["payment_terms"].status != "missing" else None
        clause = family(fid)
        ctx = MeaningContext(case, w, money, rate, work_value, notice, net_days, dl, unbilled, fid in with_law)
        if services and clause.result_only:
            # a Dienstvertrag accepts nothing: "gilt der Text als freigegeben" is an approval, not an Abnahme
            meaning, event = w(f"means.{fid}_services"), None
        else:
            meaning, event = clause.meaning(clause.read(a), ctx)
        if event is not None and event[1] == "step.accepted" and event[0] <= today:
            accepted_on = (event[0], _where(f, w))
        if event is not None and event[0] >= today:
            day, key, rule = event
            timeline.append(Step(day, w.date(day), w(key), key.split(".")[-1], rule))
        quote = _quote(f.evidence[0].text) if f.evidence else None
        positions.append(Position(fid, family_names[fid], f.status, quote, _where(f, w), meaning))

    if accepted_on is not None and case.stage == "delivered" and unbilled > 0:
        # the work counts as accepted already: the rest of the fee can be invoiced now, without ending the contract
        # (new user: a copywriter's plan ended the contract first and sent "the final invoice" a month later)
        day, where = accepted_on
        summary.insert(
            path_at,
            w(
                "invoice_now_at" if where else "invoice_now",
                date=w.date(day),
                where=where or "",
                unbilled=money["unbilled"],
            ),
        )

    # -- the plan -------------------------------------------------------------------------------------------------
    timeline += [
        Step(checkin, w.date(checkin), w("step.checkin"), "checkin", checkin_rule),
        Step(
            notice,
            w.date(notice),
            w("step.notice", closing=w.date(closing))
            + (w("step.notice_letter", quote=_quote(contract.email_not_enough)) if contract.email_not_enough else ""),
            "notice",
            notice_at.rule,
        ),
        Step(
            closing,
            w.date(closing),
            w("step.closing_invoiced" if case.stage == "final_invoice_sent" else "step.closing"),
            "closing",
            closing_at.rule,
        ),
    ]
    timeline.sort(key=lambda s: (s.day, s.key not in ("checkin", "notice", "closing")))

    contact = case.client_contact or case.client
    final_amount = unbilled + case.outstanding
    amount = w("message.notice.amount", amount=w.money(final_amount, cur)) if final_amount > 0 else ""
    # the clause the deadline notice can point to: billing by time, dormancy, or a right to terminate without cause
    bases = sorted((c for c in REGISTRY.values() if c.notice_basis is not None), key=lambda c: c.notice_basis or 0)
    basis_clause = next(
        (
            findings[c.id]
            for c in bases
            if findings[c.id].status == "present" and c.can_end_a_silent_project(c.read(findings[c.id].attributes))
        ),
        None,
    )
    basis_where = _where(basis_clause, w) if basis_clause is not None else None
    basis = w("message.notice.basis", where=basis_where) if basis_where else ""
    # German law, work in progress, nothing in the contract to end it: the deadline notice is the one § 643 BGB asks
    # for (the missing cooperation, the deadline, and that the contract ends if it passes)
    path_643 = (
        case.jurisdiction == "DE"
        and not services
        and not invoiced_stage
        and case.stage in ("not_started", "in_progress")
        and basis_clause is None
    )
    suffix = "_invoiced" if invoiced_stage else ("_643" if path_643 else "")
    closing_suffix = "_invoiced" if invoiced_stage else ""
    if invoiced_stage:
        # the open invoice is what is unpaid of it, not that plus the work not yet invoiced (new user, round 7: "My
        # invoice of 1 June 2026 ($11,000) is still open" for $8,500 unpaid)
        amount = w("message.notice.amount", amount=money["outstanding"])
    notice_amount = amount
    if path_643 and final_amount > 0:
        notice_amount = w("message.notice_643.amount", amount=w.money(final_amount, cur))
    # "Hi Fenwick Garden Supplies Ltd," reads oddly: a company without a contact person gets a plain "Hello,"
    company_only = case.client_contact is None and names_a_company(case.client, lang)
    greeting = w("message.greeting.none") if company_only else w("message.greeting.named", contact=contact)
    shared = {"contact": contact, "your_name": case.your_name, "greeting": greeting}
    if invoiced_stage:
        assert case.invoice_date is not None
        shared["invoice_date"] = w.date(case.invoice_date)
    # an unpaid invoice is named in the check-in too (new user: four cases with the goal "get paid" got "just wanted
    # to check that everything is all right")
    open_invoice = (
        w(
            "message.checkin.open_invoice",
            invoice_date=w.date(case.invoice_date),
            amount=money["outstanding"],
        )
        if case.outstanding > 0 and case.invoice_date is not None
        else ""
    )
    # the plain notice and closing: the final invoice is for the work not yet invoiced; an invoice already sent and
    # unpaid stays due (new user: "send the final invoice for the work done so far (7.600 €)" for work invoiced and
    # overdue since April)
    open_due = case.outstanding > 0 and case.invoice_date is not None
    unbilled_amount = w("message.notice.amount", amount=w.money(unbilled, cur)) if unbilled > 0 else ""
    final_invoice = not (unbilled <= 0 and open_due)
    still_due = (
        w("message.notice.still_due", invoice_date=w.date(case.invoice_date), amount=money["outstanding"])
        if open_due and case.invoice_date is not None
        else ""
    )
    plain = {
        "notice": {
            "invoice": w("message.notice.invoice", amount=unbilled_amount) if final_invoice else "",
            "still_due": still_due,
        },
        "closing": {
            "invoice": w("message.closing.invoice", amount=unbilled_amount) if final_invoice else "",
            "still_due": still_due,
        },
    }
    messages = [
        Message(
            "checkin",
            w("message.checkin.subject"),
            w("message.checkin.body", last_contact=w.date(case.last_contact), open_invoice=open_invoice, **shared),
            w.date(checkin),
        ),
        Message(
            "notice",
            w(f"message.notice{suffix}.subject", closing=w.date(closing)),
            w(
                f"message.notice{suffix}.body",
                last_contact=w.date(case.last_contact),
                closing=w.date(closing),
                **({"amount": notice_amount} if suffix else plain["notice"]),
                **({} if invoiced_stage or path_643 else {"basis": basis}),
                **(
                    {"cooperation": case.missing_cooperation or w("message.notice_643.cooperation")} if path_643 else {}
                ),
                **shared,
            ),
            w.date(notice),
        ),
        Message(
            "closing",
            w(f"message.closing{closing_suffix}.subject"),
            w(
                f"message.closing{closing_suffix}.body",
                notice=w.date(notice),
                **({"amount": amount} if closing_suffix else plain["closing"]),
                **shared,
            ),
            w.date(closing),
        ),
    ]

    # a Dienstvertrag has no acceptance: no deemed-acceptance clause to add
    gaps = [fid for fid in RELEVANT if findings[fid].status != "present" and not (services and family(fid).result_only)]
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


def _calendar_row(cal: Calendar, region_from: str, contract: ContractContext, w: Words) -> str:
    """Whose public holidays the plan skips, and where that comes from."""
    if cal.region is None:
        return w("calendar.none")
    name = region_name(cal.region)
    if contract.region is not None and (region_from == "contract" or cal.bank_days):
        key = "calendar.contract_banks" if cal.bank_days else "calendar.contract"
        return w(key, region=name, words=contract.region.text)
    return w(f"calendar.{region_from}", region=name)


def _family_names(lang: str) -> dict[str, str]:
    rw = CatalogueWords(lang, "report")
    return {fid: rw(f"family.{fid}") for fid in RELEVANT}
