"""Deemed acceptance: the client's silence for a review period after delivery counts as acceptance of the work."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..dates import add_days
from ..findings import Problem
from ..model import Document
from ..words import Words
from .base import Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, days, first_duration, flags, problem

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class DeemedAcceptanceAttributes(Attributes):
    review_days: int | None = Field(default=None, description="days the client has to review the work")
    business_days: bool | None = Field(default=None, description="true when the review period is in business days")
    rejection_in_writing: bool | None = Field(default=None, description="a rejection must be in writing")
    rejection_needs_defect: bool | None = Field(default=None, description="a rejection must name a defect")
    consequence_notice: bool | None = Field(
        default=None, description="the contractor points out what silence means when the period starts"
    )
    acceptance_by_use: bool | None = Field(
        default=None, description="using the work (going live) counts as accepting it"
    )


class DeemedAcceptance(ClauseFamily[DeemedAcceptanceAttributes]):
    id = "deemed_acceptance"
    attributes = DeemedAcceptanceAttributes
    problems: ClassVar[tuple[str, ...]] = ("DA_NO_PERIOD", "DA_IMMEDIATE", "DA_NO_CONSEQUENCE_NOTICE")
    law: ClassVar[tuple[str, ...]] = ("DE",)

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        # the passage with the fiction itself ("deemed accepted") is cited first, then the one that sets the review
        # period; a hold or reminder clause that merely mentions acceptance and a number of days comes last
        fid = rules.id
        units = sorted(units, key=lambda u: ("fiction" not in u.all_cues(fid), "review" not in u.all_cues(fid)))
        best = units[0]
        period = best
        review_days: int | None = None
        business: bool | None = None
        for u in units:
            d = first_duration(u.text(doc), doc.lang)
            if d is not None:
                review_days, business = days(d), d.business
                period = u
                break
        cited = [best] if period is best else [best, period]
        attrs = DeemedAcceptanceAttributes(review_days=review_days, business_days=business, **flags(rules, cited))
        problems: list[Problem] = []
        cues = set().union(*(u.all_cues(fid) for u in cited))
        if review_days is None and not ("use" in cues and "immediate" not in cues):
            problems.append(problem("DA_IMMEDIATE" if "immediate" in cues else "DA_NO_PERIOD"))
        if doc.lang == "de" and not attrs.consequence_notice:
            problems.append(problem("DA_NO_CONSEQUENCE_NOTICE"))
        return Verdict(attrs, problems, [*cited, *[u for u in units if u not in cited]])

    def facts(self, attrs: DeemedAcceptanceAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.review_days is not None:
            key = "fact.review_business_days" if attrs.business_days else "fact.review_days"
            out.append(w(key, n=w.number(attrs.review_days)))
        for flag in ("rejection_in_writing", "rejection_needs_defect", "consequence_notice", "acceptance_by_use"):
            if getattr(attrs, flag):
                out.append(w(f"fact.{flag}"))
        return out

    def meaning(self, attrs: DeemedAcceptanceAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.review_days is None:
            return w("means.deemed_acceptance_no_period"), None
        unit = w("unit.business") if attrs.business_days else w("unit.days")
        if case.delivered_on is None:
            return w("means.deemed_acceptance_future", days=attrs.review_days, unit=unit), None
        accepted = add_days(case.delivered_on, attrs.review_days, business=bool(attrs.business_days))
        how = (
            "how.defect_writing"
            if attrs.rejection_needs_defect
            else ("how.writing" if attrs.rejection_in_writing else "how.none")
        )
        text = w(
            "means.deemed_acceptance",
            delivered=w.date(case.delivered_on),
            date=w.date(accepted),
            days=attrs.review_days,
            unit=unit,
            how=w(how),
        )
        return text, (accepted, "step.accepted")


FAMILY = DeemedAcceptance()
