"""Late payment: interest or a fee on overdue amounts ("1.5 % per month", "9 Prozentpunkte über dem
Basiszinssatz", a flat late fee)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..findings import Problem
from ..model import Document
from ..quantities import find_durations, find_money, find_percents
from ..words import Words
from .base import PER_TIME, Attributes, Circumstances, ClauseFamily, Meaning, MeaningContext, Verdict, problem
from .lexicon import Lexicon, lexicon
from .payment_terms import spans

if TYPE_CHECKING:
    from ..assess.case import Case
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


def _added_to_base(chunk: str, start: int, lex: Lexicon) -> bool:
    """The percentage at ``start`` is added to a base rate named before it in its part ("the prime rate ... plus an
    additional 200 basis points (2%)", "Basiszinssatz zuzüglich 9 Prozentpunkte")."""
    return _added_to(lex.base_rate, chunk, start, lex)


def _added_to(rate: re.Pattern[str], chunk: str, start: int, lex: Lexicon) -> bool:
    """The percentage at ``start`` is added to the ``rate`` named before it in its part."""
    return bool(rate.search(chunk, max(0, start - 200), start) and lex.added.search(chunk, max(0, start - 40), start))


def _other_duty(lex: Lexicon, text: str) -> bool:
    """The passage's late fee or interest is for another duty's lateness ("If D2 fails to correct Defects …, LICENSEE
    shall deduct … a 'late fee' for each day past the deadline"), and it says nothing of paying late."""
    return lex.other_duty.search(text) is not None and lex.payment_late.search(text) is None


#: the most characters between a word of interest and one of lateness for them to speak of the same thing
LATE_REACH = 300


def _apart(unit: Unit, fid: str) -> bool:
    """The unit qualifies only on a word of interest and one of lateness that no sentence (or two in a row) holds
    together within :data:`LATE_REACH` characters ("… has defaulted in the payment of principal or interest on any
    outstanding debt obligations …" and "loans past due 90 days" far apart in a paragraph of representations): no
    late-payment clause."""
    if {c for c in unit.cue_set(fid) if not c.startswith("@")} - {"interest", "overdue"}:
        return False
    interest = [s for s, _e, label, _ in unit.hits if label == f"{fid}/interest"]
    overdue = [s for s, _e, label, _ in unit.hits if label == f"{fid}/overdue"]
    sents = unit.sentences or [(unit.start, unit.end)]

    def together(a: int, b: int) -> bool:
        k = next((i for i, (lo, hi) in enumerate(sents) if lo <= a < hi), 0)
        lo, hi = sents[max(0, k - 1)][0], sents[min(k + 1, len(sents) - 1)][1]
        return abs(a - b) <= LATE_REACH and lo <= b < hi

    return not any(together(a, b) for a in interest for b in overdue)


def uk_fixed_sum(debt: Decimal) -> int:
    """The fixed sum of the Late Payment of Commercial Debts (Interest) Act 1998, s. 5A, for a debt in pounds:
    40 under 1,000, 70 under 10,000, else 100."""
    return 40 if debt < 1000 else 70 if debt < 10000 else 100


class LatePaymentAttributes(Attributes):
    rate_percent: float | None = Field(default=None, description="the interest rate in percent")
    period: Literal["year", "month"] | None = Field(default=None, description="the period the rate is per")
    over_base_rate: bool | None = Field(default=None, description="the rate is in points over the base rate")
    flat_fee: float | None = Field(default=None, description="a flat charge for late payment")
    currency: str | None = Field(default=None, description="ISO code of the flat charge's currency")
    business_only: bool | None = Field(
        default=None, description="the rate is set for business clients only (true), else null"
    )
    from_days_after_invoice: int | None = Field(
        default=None,
        description='interest runs only from this many days after the invoice date ("amounts unpaid sixty (60) '
        'days after the invoice date shall bear interest"), where the clause says so',
    )


class LatePayment(ClauseFamily[LatePaymentAttributes]):
    id = "late_payment"
    attributes = LatePaymentAttributes
    problems: ClassVar[tuple[str, ...]] = ("LP_NO_RATE", "LP_NO_COUNTERPROOF", "LP_BUSINESS_ONLY", "LP_BELOW_STATUTORY")
    law: ClassVar[tuple[str, ...]] = ("DE", "UK", "US")
    law_when_unpaid: ClassVar[bool] = True

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        lex = lexicon(doc.lang)
        units = [u for u in units if not _other_duty(lex, u.text(doc)) and not _apart(u, fid)]
        if not units:
            return Verdict(LatePaymentAttributes(), [], found=False)
        rate: dict[str, object] = {}
        best = units[0]
        sources: dict[str, tuple[int, int]] = {}
        uncertain: list[str] = []
        for u in units:
            found = [
                (a, doc.text[a:b], p)
                for a, b in spans(u, doc)
                if lex.late.search(doc.text, a, b) and not lex.discount.search(doc.text, a, b)
                for p in find_percents(doc.text[a:b], doc.lang)
            ]
            if found:
                a, chunk, p = found[0]
                period = p.period
                if period is None and (monthly := lex.monthly_after.match(chunk, p.end)):
                    period = "month"
                    sources["period"] = (a + p.start, a + monthly.end())
                lo = max(0, p.start - 60)
                if period is None and (named := lex.yearly_before.search(chunk, lo, p.start)):
                    period = "year"  # "at a per annum rate of one percent (1%)"
                    sources["period"] = (a + named.start(), a + p.end)
                elif period is None and (named := lex.monthly_before.search(chunk, lo, p.start)):
                    period = "month"  # "at a monthly rate of 1.5%"
                    sources["period"] = (a + named.start(), a + p.end)
                best = u
                if lex.share_of_rate.match(chunk, p.end) or _added_to(lex.statutory_base, chunk, p.start, lex):
                    # "150 % of the prime rate": a multiple, not a rate; "the legal commercial interest rate plus
                    # 1 %": points over a statutory rate, not over the base rate
                    uncertain = ["rate_percent", "period", "over_base_rate"]
                    break
                over = p.over_base_rate or _added_to_base(chunk, p.start, lex)
                rate = {"rate_percent": p.value, "period": period, "over_base_rate": over}
                sources["rate_percent"] = sources["over_base_rate"] = (a + p.start, a + p.end)
                sources.setdefault("period", (a + p.start, a + p.end))
                break
        if rate and _other_rate(units, best, rate, doc):
            # two clauses on late payment state different rates ("12% per annum" in 4.3, "eighteen percent (18%)
            # per annum" in 4.6): which one applies is not stated here
            rate, uncertain = {}, ["rate_percent", "period", "over_base_rate"]
            for key in ("rate_percent", "period", "over_base_rate"):
                sources.pop(key, None)
        flat_fee: float | None = None
        currency: str | None = None
        for u in sorted(units, key=lambda x: "flat_fee" not in x.cue_set(fid)):
            money = [
                (a, m)
                for a, b in spans(u, doc)
                # (a sentence whose late fee is for another duty's lateness: "If you fail to provide us with any
                # report … on or before the date we require it, you agree to pay us a late fee of $250")
                if lex.late.search(doc.text, a, b) and not _other_duty(lex, doc.text[a:b])
                for m in find_money(doc.text[a:b], doc.lang)
                if m.per not in PER_TIME
            ]
            if money:
                at, fee = money[0]
                flat_fee, currency = float(fee.amount), fee.currency
                sources["flat_fee"] = sources["currency"] = (at + fee.start, at + fee.end)
                break
        if (
            flat_fee is not None
            and rate
            and any(
                lex.late.search(doc.text, a, b) and lex.greater_of.search(doc.text, a, b)
                for u in units
                for a, b in spans(u, doc)
            )
        ):
            # "a late fee of $50 or 5% of the overdue amount, whichever is greater": one fee, the greater of two
            # figures — neither an interest rate nor a flat fee on its own
            rate, flat_fee, currency = {}, None, None
            uncertain = sorted({*uncertain, "rate_percent", "period", "over_base_rate", "flat_fee", "currency"})
            for key in ("rate_percent", "period", "over_base_rate", "flat_fee", "currency"):
                sources.pop(key, None)
        # "On business bookings (e.g. corporate events) we reserve the right to claim interest … 8% over the Bank of
        # England base rate": the rate is the client's only where the client is a business (graded_for)
        only = next(
            (
                m.span()
                for a, b in (spans(best, doc) if "rate_percent" in sources else [])
                if a <= sources["rate_percent"][0] < b
                for m in [lex.business_only.search(doc.text, a, b)]
                if m is not None
            ),
            None,
        )
        if only is not None:
            sources["business_only"] = only
        grace = _grace(best, doc, lex) if "rate_percent" in sources else None
        if grace is not None:
            sources["from_days_after_invoice"] = grace[1]
        attrs = LatePaymentAttributes(
            **rate,  # type: ignore[arg-type]
            flat_fee=flat_fee,
            currency=currency,
            business_only=True if only is not None else None,
            from_days_after_invoice=grace[0] if grace is not None else None,
        )
        problems: list[Problem] = []
        statutory = any("statutory" in u.cue_set(fid) for u in units)
        if attrs.rate_percent is None and attrs.flat_fee is None and not statutory and not uncertain:
            problems.append(problem("LP_NO_RATE"))
        if any("no_counterproof" in u.cue_set(fid) for u in units):
            problems.append(problem("LP_NO_COUNTERPROOF"))
        if attrs.business_only:
            problems.append(problem("LP_BUSINESS_ONLY"))
        cited = [best, *[u for u in units if u is not best]]
        return Verdict(attrs, problems, cited, sources=sources, uncertain=uncertain)

    def graded_for(self, attrs: LatePaymentAttributes, problems: list[Problem], who: Circumstances) -> list[Problem]:
        """A rate the contract sets for business clients only is the client's where the client is a business. Under
        German law a rate in points over the base rate below the default interest (§ 288 BGB: 9 points where no
        consumer is involved, else 5) gives you less than the law would: flagged where the client's type is known."""
        # (both re-derived from the attributes on every grading, so that grading again — assess with the case file's
        # client — gives the same, and a problem dropped for one client comes back for another)
        out = [p for p in problems if p.code not in ("LP_BELOW_STATUTORY", "LP_BUSINESS_ONLY")]
        if attrs.business_only and who.client != "business":
            out.append(problem("LP_BUSINESS_ONLY"))
        statutory = {"business": 9, "consumer": 5}.get(who.client or "")
        if (
            who.german
            and statutory is not None
            and attrs.over_base_rate
            and attrs.rate_percent is not None
            and attrs.rate_percent < statutory
        ):
            out.append(problem("LP_BELOW_STATUTORY"))  # "8 Prozentpunkte über dem Basiszinssatz" towards a GmbH
        return out

    def law_beside_clause(self, jurisdiction: str, case: Case, w: Words) -> str:
        """UK, between businesses: the Act's interest replaces a contractual remedy only if that is not substantial
        (ss. 8, 9 of the Late Payment of Commercial Debts (Interest) Act 1998)."""
        if jurisdiction == "UK" and case.client_type == "business":
            return w("law.UK.beside_clause")
        return ""

    def facts(self, attrs: LatePaymentAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.rate_percent is not None:
            n = w.number(attrs.rate_percent)
            if attrs.over_base_rate:
                out.append(w("fact.rate_over_base", n=n))
            elif attrs.period in ("year", "month"):
                out.append(w(f"fact.rate_{attrs.period}", n=n))
            else:
                out.append(w("fact.rate_percent", n=n))
        if attrs.from_days_after_invoice is not None:
            out.append(w("fact.interest_from_day", n=w.number(attrs.from_days_after_invoice)))
        if attrs.flat_fee is not None:
            out.append(w("fact.flat_fee", money=w.money(attrs.flat_fee, attrs.currency)))
        return out

    def law_text(self, jurisdiction: str, case: Case, w: Words) -> str:
        if jurisdiction == "DE":
            points = 9 if case.client_type == "business" else 5
            base = (
                w("law.DE.base", base_rate=w.number(case.base_rate), rate=w.number(case.base_rate + points))
                if case.base_rate is not None
                else ""
            )
            flat = w("law.DE.flat") if case.client_type == "business" else ""
            return w("law.DE.late_payment", points=points, base=base, flat=flat)
        if jurisdiction == "UK":
            if case.client_type == "consumer":
                return w("law.UK.consumer")
            base = (
                w("law.UK.base", base_rate=w.number(case.base_rate), rate=w.number(case.base_rate + 8))
                if case.base_rate is not None
                else ""
            )
            # the fixed sum of s. 5A of the Act, by the size of the debt (known only for a debt in pounds)
            owed = case.outstanding
            fixed = (
                w("law.UK.fixed", amount=w.money(owed, case.currency), sum=uk_fixed_sum(owed))
                if case.currency == "GBP" and owed > 0
                else ""
            )
            return w("law.UK.late_payment", base=base, fixed=fixed)
        if jurisdiction == "US" and case.region == "US-NY":  # the statewide and the city act: New York only
            return w("law.US.late_payment_ny")
        return super().law_text(jurisdiction, case, w)

    def meaning(self, attrs: LatePaymentAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        pct = attrs.rate_percent
        if pct is not None and attrs.business_only and case.client_type == "consumer":
            # "Gegenüber Unternehmern gilt: … neun Prozentpunkte": not this client's rate (new user, round 7: 9 points
            # shown for a consumer)
            return w("means.late_payment_business_only") + ctx.see_law(), None
        if pct is None:
            return w("means.late_payment_statutory") + ctx.see_law(), None
        n = w.number(pct)
        yearly: Decimal | None
        if attrs.over_base_rate:
            label = w("rate.over_base", n=n)
            yearly = (case.base_rate + Decimal(str(pct))) if case.base_rate is not None else None
        elif attrs.period == "month":
            label, yearly = w("rate.month", n=n), Decimal(str(pct)) * 12
        else:
            label, yearly = w("rate.year", n=n), Decimal(str(pct))
        due_on = _due_date(case, ctx.net_days)
        later = attrs.from_days_after_invoice
        if due_on is not None and later is not None and case.invoice_date is not None:
            # "unpaid sixty (60) days after the invoice date": interest from that day, not from the due date
            due_on = max(due_on, case.invoice_date + timedelta(days=later))
        if yearly is None or due_on is None or case.outstanding <= 0:
            return w("means.late_payment_no_amount", rate=label), None
        interest = _interest(case.outstanding, yearly, due_on, case.on())
        return w(
            "means.late_payment",
            rate=label,
            outstanding=ctx.money["outstanding"],
            interest=w.money(interest, case.currency),
        ), None


def _grace(unit: Unit, doc: Document, lex: Lexicon) -> tuple[int, tuple[int, int]] | None:
    """Days after the invoice date from which interest runs, where the late-payment clause counts them ("Amounts
    unpaid sixty (60) days after the invoice date shall bear interest"), with the words they were read from."""
    text = unit.text(doc)
    for d in find_durations(text, doc.lang):
        n = d.days if d.unit == "day" else None
        if n and lex.unpaid_for.search(text[max(0, d.start - 40) : d.start]) and lex.after_invoice.match(text, d.end):
            return n, (unit.start + d.start, unit.start + d.end)
    return None


def _interest(amount: Decimal, yearly_percent: Decimal, start: date, end: date) -> Decimal:
    elapsed = max(0, (end - start).days)
    return (amount * yearly_percent / 100 * elapsed / 365).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _due_date(case: Case, net_days: int | None) -> date | None:
    """When the invoice fell due: invoice date plus the contract's payment term (or the invoice date itself)."""
    if case.invoice_date is None:
        return None
    return case.invoice_date + timedelta(days=net_days) if net_days is not None else case.invoice_date


FAMILY = LatePayment()


def _other_rate(units: list[Unit], best: Unit, rate: dict[str, object], doc: Document) -> bool:
    """Another late-payment clause states a different rate (a percentage a month or a year, or over the base
    rate) than the one read."""
    lex = lexicon(doc.lang)
    for u in units:
        if u is best:
            continue
        for a, b in spans(u, doc):
            if not lex.late.search(doc.text, a, b) or lex.discount.search(doc.text, a, b):
                continue
            found = find_percents(doc.text[a:b], doc.lang)
            if not found or best.start <= a + found[0].start < best.end:
                continue  # none, or the same words read again in an overlapping passage
            other = found[0]
            if other.period is None and not other.over_base_rate:
                continue  # a percentage that states no rate ("if the deficiency exceeds 5%")
            if _yearly(other.value, other.period) != _yearly(rate["rate_percent"], rate["period"]):
                return True
    return False


def _yearly(value: object, period: object) -> object:
    """A rate a month as its rate a year ("1% per month" is "12% per annum"); any other as it is."""
    return round(value * 12, 6) if period == "month" and isinstance(value, float | int) else value
