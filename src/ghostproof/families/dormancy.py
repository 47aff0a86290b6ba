"""Dormancy: the project pauses, or is closed, after a period of client silence; a fee to restart it."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from ..dates import DayKind
from ..model import Document
from ..quantities import find_money, find_percents
from ..words import Words
from .base import (
    PER_TIME,
    Attributes,
    ClauseFamily,
    Meaning,
    MeaningContext,
    Verdict,
    number,
    period_days,
    periods,
    problem,
)
from .lexicon import lexicon

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit


class DormancyAttributes(Attributes):
    silence_days: int | None = Field(default=None, description="days of client silence after which the rule applies")
    silence_day_kind: DayKind | None = Field(
        default=None, description="how those days count: calendar, business (Monday to Friday) or werktage"
    )
    restart_fee: bool | int | float | None = Field(
        default=None, description="the fee to restart: an amount, true (charged, no amount) or false (free)"
    )


class Dormancy(ClauseFamily[DormancyAttributes]):
    id = "dormancy"
    attributes = DormancyAttributes
    problems: ClassVar[tuple[str, ...]] = ("DO_NO_PERIOD",)
    notice_basis: ClassVar[int | None] = 2

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        lex = lexicon(doc.lang)
        silence: int | None = None
        kind: DayKind | None = None
        best: Unit | None = None
        sources: dict[str, tuple[int, int]] = {}
        for u in units:
            found = periods(u.text(doc), doc.lang)
            if found:
                silence = period_days(found[0])
                kind = found[0].kind if silence is not None else None
                best = u
                sources["silence_days"] = (u.start + found[0].start, u.start + found[0].end)
                if kind is not None:
                    sources["silence_day_kind"] = sources["silence_days"]
                break
        fee: bool | int | float | None = None
        for u in units:
            if "restart" not in u.all_cues(fid):
                continue
            text = u.text(doc)
            money = [m for m in find_money(text, doc.lang) if m.per not in PER_TIME]
            if lex.no_fee.search(text):
                fee = False
            elif money:
                fee = number(money[0].amount)
                sources["restart_fee"] = (u.start + money[0].start, u.start + money[0].end)
            elif lex.fee.search(text) or find_percents(text, doc.lang):
                fee = True
            break
        problems = [] if best is not None else [problem("DO_NO_PERIOD")]
        best = best or units[0]
        attrs = DormancyAttributes(silence_days=silence, silence_day_kind=kind, restart_fee=fee)
        return Verdict(attrs, problems, [best, *[u for u in units if u is not best]], sources=sources)

    def facts(self, attrs: DormancyAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.silence_days is not None:
            key = {"business": "fact.silence_business_days", "werktage": "fact.silence_werktage"}.get(
                attrs.silence_day_kind or "", "fact.silence_days"
            )
            out.append(w(key, n=w.number(attrs.silence_days)))
        fee = attrs.restart_fee
        if fee is True:
            out.append(w("fact.restart_fee"))
        elif fee is False:
            out.append(w("fact.no_restart_fee"))
        elif fee is not None:
            out.append(w("fact.restart_fee_amount", money=w.money(fee, None)))
        return out

    def meaning(self, attrs: DormancyAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.silence_days is None:
            return w("clause_missing"), None
        kind = attrs.silence_day_kind or "calendar"
        # not a deadline for a declaration: counted, not moved off a weekend
        dated = ctx.dates().count(case.last_contact, attrs.silence_days, kind)
        dormant = dated.day
        fee = attrs.restart_fee
        restart = (
            w("restart", fee=w.money(Decimal(str(fee)), case.currency))
            if isinstance(fee, int | float) and not isinstance(fee, bool)
            else ""
        )
        text = w(
            "means.dormancy",
            days=attrs.silence_days,
            unit=w(f"unit.{kind}"),
            last_contact=w.date(case.last_contact),
            date=w.date(dormant),
            rule=dated.rule,
            restart=restart,
        )
        return text, (dormant, "step.dormant", dated.rule)


FAMILY = Dormancy()
