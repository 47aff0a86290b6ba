"""Payment terms: when an invoice falls due ("net 30", "within 14 days of receipt", "binnen acht Tagen")."""

from __future__ import annotations

from datetime import timedelta
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
    frozenset({"due", "day_of"}),
    frozenset({"due", "on_event"}),
)


def parts(unit: Unit, doc: Document) -> list[str]:
    """The parts of a unit's text: its sentences (the pipeline's), each cut at semicolons."""
    out = []
    for s, e in unit.sentences:
        out += [p for p in doc.text[s:e].split(";") if p.strip()]
    return out


def due_days(unit: Unit, doc: Document, lex: Lexicon) -> int | None:
    """Days until payment is due: "net 30", "within 14 days of the invoice", "binnen acht Tagen",
    "am 20. Kalendertag nach Erhalt". Periods in months are not converted; discount windows are skipped."""
    if m := lex.net.search(unit.text(doc)):
        return int(m.group("n"))
    for chunk in parts(unit, doc):
        if lex.discount.search(chunk):
            continue
        for d in find_durations(chunk, doc.lang):
            if d.unit not in ("day", "week") or d.text.split()[0].lower() in lex.words["articles"]:
                continue
            if lex.due_before.search(chunk, max(0, d.start - 30), d.start) or lex.due_after.match(chunk, d.end):
                return days(d)
        if m := lex.ordinal_day.search(chunk):
            return int(m.group("n"))
    return None


class PaymentTermsAttributes(Attributes):
    net_days: int | None = Field(
        default=None, description="days after the invoice until payment is due (0: on receipt)"
    )


class PaymentTerms(ClauseFamily[PaymentTermsAttributes]):
    id = "payment_terms"
    attributes = PaymentTermsAttributes
    problems: ClassVar[tuple[str, ...]] = ("PT_NO_DUE_DATE", "PT_PAY_WHEN_PAID")

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        lex = lexicon(doc.lang)
        net: int | None = None
        firm = [u for u in units if any(req <= u.all_cues(fid) for req in _FIRM_DUE)]
        best: Unit | None = None
        for u in firm:
            found = due_days(u, doc, lex)
            if found is None and "on_receipt" in u.cue_set(fid):
                found = 0
            if found is not None:
                net, best = found, u
                break
        problems: list[Problem] = []
        if any("pay_when_paid" in u.cue_set(fid) for u in units):
            problems.append(problem("PT_PAY_WHEN_PAID"))
        elif not firm:
            problems.append(problem("PT_NO_DUE_DATE"))
        ranked = ([best] if best else []) + [u for u in firm if u is not best] + [u for u in units if u not in firm]
        return Verdict(PaymentTermsAttributes(net_days=net), problems, ranked)

    def facts(self, attrs: PaymentTermsAttributes, status: str, w: Words) -> list[str]:
        return [w("fact.net_days", n=w.number(attrs.net_days))] if attrs.net_days is not None else []

    def meaning(self, attrs: PaymentTermsAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.net_days is None:
            return w("means.payment_terms_vague"), None
        if case.invoice_date is None:
            return w("means.payment_terms_no_invoice", days=attrs.net_days), None
        due = case.invoice_date + timedelta(days=attrs.net_days)
        late = (case.on() - due).days
        overdue = w("overdue", days=late) if late > 0 and case.outstanding > 0 else ""
        text = w(
            "means.payment_terms",
            days=attrs.net_days,
            invoice_date=w.date(case.invoice_date),
            due=w.date(due),
            overdue=overdue,
        )
        return text, (due, "step.due")


FAMILY = PaymentTerms()
