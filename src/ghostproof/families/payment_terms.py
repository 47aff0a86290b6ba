"""Payment terms: when an invoice falls due ("net 30", "within 14 days of receipt", "binnen acht Tagen")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..findings import Problem
from ..model import Document
from ..quantities import find_durations
from ..words import Words
from .base import Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, days, problem
from .lexicon import Lexicon, lexicon

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit

#: cue combinations that make a firm due date
_FIRM_DUE = (
    frozenset({"due", "deadline", "@duration"}),
    frozenset({"term", "@duration"}),
    frozenset({"net"}),
    frozenset({"due", "on_receipt"}),
    frozenset({"due", "advance"}),
    frozenset({"due", "schedule"}),
    frozenset({"due", "day_of"}),
    frozenset({"due", "on_event"}),
)


def parts(unit: Unit, doc: Document) -> list[str]:
    """The parts of a unit's text: its sentences (the pipeline's), each cut at semicolons."""
    return [doc.text[a:b] for a, b in spans(unit, doc)]


def spans(unit: Unit, doc: Document) -> list[tuple[int, int]]:
    """Where the parts of :func:`parts` are in the document's text."""
    out = []
    for s, e in unit.sentences:
        start = s
        for piece in doc.text[s:e].split(";"):
            if piece.strip():
                out.append((start, start + len(piece)))
            start += len(piece) + 1
    return out


@dataclass(frozen=True)
class Due:
    """A due period read from a part of a clause, and how sure it is to be the general payment term."""

    days: int
    start: int
    end: int
    score: int


def due_periods(unit: Unit, doc: Document, lex: Lexicon) -> list[Due]:
    """Days until payment is due in each part of the unit: "net 30", "within 14 days of the invoice", "binnen acht
    Tagen", "am 20. Kalendertag nach Erhalt" (months are not converted; discount windows are skipped). A part
    about invoices scores higher, one in a section about payment too; a part about a refund, an audit, expenses
    or the end of the contract is not the general term and is left out."""
    heading = " ".join(filter(None, (unit.block.heading, unit.block.section)))
    in_payment_section = lex.payment_heading.search(heading) is not None
    out: list[Due] = []
    for a, b in spans(unit, doc):
        chunk = doc.text[a:b]
        if not _about_paying(lex, chunk):
            continue  # an early-payment discount, a one-off payment, or no payment at all ("deliver a statement")
        found: tuple[int, int, int] | None = None
        if m := lex.net.search(chunk):
            found = (int(m.group("n")), m.start(), m.end())
        else:
            for d in find_durations(chunk, doc.lang):
                if d.unit not in ("day", "week") or d.text.split()[0].lower() in lex.words["articles"]:
                    continue
                n = days(d)
                if lex.other_period_before.search(chunk, max(0, d.start - 40), d.start):
                    continue  # "If I don't hear from you within 10 working days …": a period for an answer
                if lex.counted_back.match(chunk, d.end):
                    continue  # "no later than 5 days before the final date for payment": counted back from a date
                if n is not None and (
                    lex.due_before.search(chunk, max(0, d.start - 30), d.start) or lex.due_after.match(chunk, d.end)
                ):
                    found = (n, d.start, d.end)
                    break
            if found is None and (m := lex.ordinal_day.search(chunk)):
                found = (int(m.group("n")), m.start(), m.end())
        if found is not None:
            out.append(Due(found[0], a + found[1], a + found[2], _score(lex, chunk, in_payment_section)))
    return out


def on_receipt(unit: Unit, doc: Document, lex: Lexicon, fid: str) -> list[Due]:
    """Payment due at once ("payable on receipt of the invoice"): 0 days, read from the part of the unit that says
    so and only where that part is about paying the fees (not a remedy: "if Distributor is delinquent …, exceeds
    the credit line …, NETGEAR may require Distributor to pay cash on delivery")."""
    cues = [s for s, _, label, _ in unit.hits if label == f"{fid}/on_receipt"]
    out: list[Due] = []
    for a, b in spans(unit, doc):
        chunk = doc.text[a:b]
        if not any(a <= c < b for c in cues) or not _about_paying(lex, chunk):
            continue
        out.append(Due(0, a, b, _score(lex, chunk, in_payment_section=False)))
    return out


def _about_paying(lex: Lexicon, chunk: str) -> bool:
    """The part is about paying the fees: not an early-payment discount, a one-off or another kind of payment
    (lexicon discount, not_main), and it speaks of paying (lexicon paying)."""
    return not (lex.discount.search(chunk) or lex.not_main.search(chunk)) and lex.paying.search(chunk) is not None


def _other_debts(lex: Lexicon, unit: Unit, doc: Document) -> bool:
    """Every part of the unit that speaks of paying pays something other than the fees: its debts ("unable to pay its
    debts as they mature"), liabilities, the costs of running something ("shall promptly pay all direct costs and
    expenses incurred in operating …"), transaction costs (lexicon other_debts) — and names no fee, invoice or price
    (lexicon fee_words). Such a unit is no payment term."""
    found = False
    for a, b in spans(unit, doc):
        if lex.paying.search(doc.text, a, b) is None:
            continue
        if lex.other_debts.search(doc.text, a, b) is None or lex.fee_words.search(doc.text, a, b) is not None:
            return False
        found = True
    return found


def _score(lex: Lexicon, chunk: str, in_payment_section: bool) -> int:
    """How surely a due period is the general payment term: 2 for a part about invoices (or the agreed pay), 1 more
    in a section about payment or for words about every invoice."""
    return 2 * bool(lex.invoice.search(chunk)) + bool(in_payment_section or lex.general.search(chunk))


def due_days(unit: Unit, doc: Document, lex: Lexicon) -> int | None:
    """The first due period of the unit (see :func:`due_periods`), if any."""
    found = due_periods(unit, doc, lex)
    return found[0].days if found else None


class PaymentTermsAttributes(Attributes):
    net_days: int | None = Field(
        default=None, description="days after the invoice until payment is due (0: on receipt)"
    )
    from_receipt: bool | None = Field(
        default=None, description="the days count from the client's receipt of the invoice (true), else null"
    )


class PaymentTerms(ClauseFamily[PaymentTermsAttributes]):
    id = "payment_terms"
    attributes = PaymentTermsAttributes
    problems: ClassVar[tuple[str, ...]] = ("PT_NO_DUE_DATE", "PT_PAY_WHEN_PAID", "PT_REDACTED")

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        lex = lexicon(doc.lang)
        units = [u for u in units if not _other_debts(lex, u, doc)]
        # "Die Zahlungspflicht der Agentur hängt nicht davon ab, ob und wann die Endkundin die Agentur bezahlt": the
        # opposite of pay-when-paid (a passage that is nothing else is no payment term)
        unpaid_end = {id(u) for u in units if "pay_when_paid" in u.cue_set(fid) and _not_contingent(lex, u, doc)}
        firm = [u for u in units if any(req <= u.all_cues(fid) for req in _FIRM_DUE)]
        units = [u for u in units if id(u) not in unpaid_end or u in firm]
        if not units:
            return Verdict(PaymentTermsAttributes(), [], found=False)
        net: int | None = None
        best: Unit | None = None
        # the general payment term: the due period best tied to invoices (or in a payment section); one that is
        # neither is not stated (it may be a one-off payment's)
        candidates: list[tuple[Due, Unit]] = []
        for u in firm:
            periods = due_periods(u, doc, lex) or on_receipt(u, doc, lex, fid)
            candidates += [(due, u) for due in periods]
        sources: dict[str, tuple[int, int]] = {}
        uncertain: list[str] = []
        if candidates:
            due, best = max(candidates, key=lambda c: (c[0].score, -c[0].start))
            sources["net_days"] = (due.start, due.end)
            tied = {d.days for d, _ in candidates if d.score >= 3}
            days_stated = {d.days for d, _ in candidates}
            # stated only when it is unambiguous: the one period tied to invoices in a section about payment (or
            # about all invoices), or a period tied to invoices that no other period contradicts; any other period
            # may be a one-off payment's (rent, samples, a settlement, a milestone)
            net = (
                due.days if (due.score >= 3 and len(tied) == 1) or (due.score >= 2 and len(days_stated) == 1) else None
            )
            if net is None:
                uncertain.append("net_days")
        problems: list[Problem] = []
        if any("pay_when_paid" in u.cue_set(fid) and id(u) not in unpaid_end for u in units):
            problems.append(problem("PT_PAY_WHEN_PAID"))
        elif not firm and any("redacted_period" in u.cue_set(fid) for u in units):
            problems.append(problem("PT_REDACTED"))  # "within [***] after receipt of the invoice": a period, unread
        elif not firm:
            problems.append(problem("PT_NO_DUE_DATE"))
        # the passage with the blacked-out period first when nothing firmer is there
        rest = sorted((u for u in units if u not in firm), key=lambda u: "redacted_period" not in u.cue_set(fid))
        ranked = ([best] if best else []) + [u for u in firm if u is not best] + rest
        receipt = None
        if net and "net_days" in sources:  # "within thirty (30) days after receipt" / „nach Zugang“
            receipt = lex.from_receipt.match(doc.text, sources["net_days"][1])
            # of the invoice, not of something else ("following the receipt of the reports", „Eingang der Ware“)
            after = doc.text[receipt.end() : receipt.end() + 50] if receipt is not None else ""
            named = re.match(r"\s+(?:of|der|des)\b", after, re.IGNORECASE)
            if receipt is not None and named and not lex.invoice.search(after):
                receipt = None
            if receipt is not None:
                sources["from_receipt"] = receipt.span()
        attrs = PaymentTermsAttributes(net_days=net, from_receipt=True if receipt is not None else None)
        return Verdict(attrs, problems, ranked, sources=sources, uncertain=uncertain)

    def facts(self, attrs: PaymentTermsAttributes, status: str, w: Words) -> list[str]:
        if attrs.net_days is None:
            return []
        if attrs.net_days == 0:  # "payable upon receipt"
            return [w("fact.net_days_on_receipt")]
        key = "fact.net_days_from_receipt" if attrs.from_receipt else "fact.net_days"
        return [w(key, n=w.number(attrs.net_days))]

    def meaning(self, attrs: PaymentTermsAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.net_days is None:
            return w("means.payment_terms_vague"), None
        if case.invoice_date is None:
            key = "means.payment_terms_no_invoice_receipt" if attrs.from_receipt else "means.payment_terms_no_invoice"
            return w(key, days=attrs.net_days), None
        dated = ctx.dates().due(case.invoice_date, attrs.net_days, "calendar")
        due = dated.day
        late = (case.on() - due).days
        overdue = w("overdue", days=late) if late > 0 and case.outstanding > 0 else ""
        text = w(
            "means.payment_terms_receipt" if attrs.from_receipt else "means.payment_terms",
            days=attrs.net_days,
            invoice_date=w.date(case.invoice_date),
            due=w.date(due),
            rule=dated.rule,
            overdue=overdue,
        )
        return text, (due, "step.due", dated.rule)


FAMILY = PaymentTerms()


def _not_contingent(lex: Lexicon, unit: Unit, doc: Document) -> bool:
    """The passage says the client's duty to pay does not wait for the end client's payment."""
    return lex.not_contingent.search(unit.text(doc)) is not None
