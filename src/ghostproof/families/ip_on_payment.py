"""Rights on payment: the rights in the work pass to the client only once it has paid in full."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from ..model import Document
from ..words import Words
from .base import Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, problem

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class IpOnPaymentAttributes(Attributes):
    """The clause's facts are its status: rights pass on full payment (present), on a partial payment or before
    payment (weak)."""


class IpOnPayment(ClauseFamily[IpOnPaymentAttributes]):
    id = "ip_on_payment"
    attributes = IpOnPaymentAttributes
    problems: ClassVar[tuple[str, ...]] = ("IP_PARTIAL_PAYMENT", "IP_REVOCABLE_ONLY")

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        # "Die gelieferten Möbelteile bleiben bis zur vollständigen Bezahlung Eigentum des Tischlers" under a heading
        # "Eigentumsvorbehalt und Urheberrecht": title to goods, whatever the heading names (its "Urheberrecht" let
        # the unit through the goods veto)
        units = [u for u in units if not ("goods" in u.cue_set(fid) and "ip" not in u.cue_set(fid))]
        if not units:
            return Verdict(IpOnPaymentAttributes(), [], found=False)

        def on_full_payment(u: Unit) -> bool:
            cues = u.cue_set(fid)
            if "full_payment" in cues or {"condition", "paid_word"} <= cues:
                return True
            return "on_payment" in cues and "partial_payment" not in cues

        full = [u for u in units if on_full_payment(u)]
        if full:
            return Verdict(IpOnPaymentAttributes(), [], full + [u for u in units if u not in full])
        if any("partial_payment" in u.cue_set(fid) for u in units):
            return Verdict(IpOnPaymentAttributes(), [problem("IP_PARTIAL_PAYMENT")])
        return Verdict(IpOnPaymentAttributes(), [problem("IP_REVOCABLE_ONLY")])

    def facts(self, attrs: IpOnPaymentAttributes, status: str, w: Words) -> list[str]:
        return [w("fact.full_payment")] if status == "present" else []

    def meaning(self, attrs: IpOnPaymentAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        unbilled = (case.agreed * case.percent_complete / 100) - case.invoiced if case.fee_model == "flat" else 0
        final = case.outstanding + max(Decimal(0), Decimal(unbilled))
        if final <= 0:
            return w("means.ip_on_payment_plain"), None
        return w("means.ip_on_payment", outstanding=w.money(final, case.currency)), None


FAMILY = IpOnPayment()
