"""Client cooperation: the client must supply material and give feedback within a set time."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..model import Document
from ..words import Words
from .base import Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, period_days, periods, problem
from .lexicon import lexicon

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class ClientCooperationAttributes(Attributes):
    response_days: int | None = Field(default=None, description="days the client has to supply or respond")


class ClientCooperation(ClauseFamily[ClientCooperationAttributes]):
    id = "client_cooperation"
    attributes = ClientCooperationAttributes
    problems: ClassVar[tuple[str, ...]] = ("CC_NO_DEADLINE",)

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        lex = lexicon(doc.lang)
        for u in units:
            text = u.text(doc)
            for d in periods(text, doc.lang):
                if lex.deadline_before.search(text, max(0, d.start - 30), d.start):
                    attrs = ClientCooperationAttributes(response_days=period_days(d))
                    source = {"response_days": (u.start + d.start, u.start + d.end)}
                    return Verdict(attrs, [], [u, *[x for x in units if x is not u]], sources=source)
        return Verdict(ClientCooperationAttributes(), [problem("CC_NO_DEADLINE")])

    def facts(self, attrs: ClientCooperationAttributes, status: str, w: Words) -> list[str]:
        if attrs.response_days is None:
            return []
        return [w("fact.response_days", n=w.number(attrs.response_days))]

    def meaning(self, attrs: ClientCooperationAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.response_days is None:
            return w("means.client_cooperation_plain"), None
        due = case.last_contact + timedelta(days=attrs.response_days)
        return w(
            "means.client_cooperation",
            days=attrs.response_days,
            last_contact=w.date(case.last_contact),
            due=w.date(due),
        ), None


FAMILY = ClientCooperation()
