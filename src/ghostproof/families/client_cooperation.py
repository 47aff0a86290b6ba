"""Client cooperation: the client must supply material and give feedback within a set time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..dates import DayKind
from ..model import Document
from ..words import Words
from .base import Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, period_days, periods, problem
from .lexicon import lexicon

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class ClientCooperationAttributes(Attributes):
    response_days: int | None = Field(default=None, description="days the client has to supply or respond")
    response_day_kind: DayKind | None = Field(
        default=None, description="how those days count: calendar, business (Monday to Friday) or werktage"
    )


class ClientCooperation(ClauseFamily[ClientCooperationAttributes]):
    id = "client_cooperation"
    attributes = ClientCooperationAttributes
    problems: ClassVar[tuple[str, ...]] = ("CC_NO_DEADLINE",)

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        lex = lexicon(doc.lang)
        dated = False  # a deadline counted back from a date ("at least thirty (30) days before the Event Date")
        for u in units:
            text = u.text(doc)
            # where silence accepts the work ("If the Client does neither within that time, the deliverable is deemed
            # approved"): a period in that sentence or the one before it is the review period of deemed acceptance
            fictions = [s for s, _e, label, _ in u.hits if label == "deemed_acceptance/fiction"]
            for d in periods(text, doc.lang):
                k = next((i for i, (a, b) in enumerate(u.sentences) if a <= u.start + d.start < b), None)
                sentence = u.sentences[k] if k is not None else (u.start, u.end)
                if lex.review_duty.search(doc.text, *sentence):
                    continue  # "notify … of any alleged errors or omissions within ten (10) business days": a review
                reach = u.sentences[k + 1][1] if k is not None and k + 1 < len(u.sentences) else sentence[1]
                if any(sentence[0] <= f < reach for f in fictions):
                    continue  # "approve the deliverable or send written comments within five (5) business days"
                if lex.before_event.match(text, d.end):
                    dated = True
                    continue
                if lex.deadline_before.search(text, max(0, d.start - 30), d.start):
                    n = period_days(d)
                    attrs = ClientCooperationAttributes(response_days=n, response_day_kind=d.kind if n else None)
                    at = (u.start + d.start, u.start + d.end)
                    source = {"response_days": at, **({"response_day_kind": at} if n else {})}
                    return Verdict(attrs, [], [u, *[x for x in units if x is not u]], sources=source)
        if dated:  # a deadline by the calendar, though no number of days to respond
            return Verdict(ClientCooperationAttributes(), [])
        return Verdict(ClientCooperationAttributes(), [problem("CC_NO_DEADLINE")])

    def facts(self, attrs: ClientCooperationAttributes, status: str, w: Words) -> list[str]:
        if attrs.response_days is None:
            return []
        key = {"business": "fact.response_business_days", "werktage": "fact.response_werktage"}.get(
            attrs.response_day_kind or "", "fact.response_days"
        )
        return [w(key, n=w.number(attrs.response_days))]

    def meaning(self, attrs: ClientCooperationAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.response_days is None:
            return w("means.client_cooperation_plain"), None
        kind = attrs.response_day_kind or "calendar"
        due = ctx.dates().due(case.last_contact, attrs.response_days, kind)
        return w(
            "means.client_cooperation",
            days=attrs.response_days,
            unit=w(f"unit.{kind}"),
            last_contact=w.date(case.last_contact),
            due=w.date(due.day),
            rule=due.rule,
        ), None


FAMILY = ClientCooperation()
