"""Hourly conversion: when the client stalls or the contract ends early, work done is billed by time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..model import Document
from ..quantities import Money, find_money
from ..words import Words
from .base import PER_TIME, Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, number, problem
from .lexicon import lexicon

if TYPE_CHECKING:
    from ..detect.rules import FamilyRules
    from ..detect.units import Unit

#: trigger cue -> attribute value; the first present wins (silence is the cause even where the contract then ends)
_TRIGGERS = (
    ("on_dormancy", "dormancy"),
    ("on_termination", "termination"),
    ("on_delay", "delay"),
    ("on_incomplete", "other"),
)


class HourlyConversionAttributes(Attributes):
    rate: int | float | None = Field(default=None, description="the hourly (or daily) rate")
    currency: str | None = Field(default=None, description="ISO code of the rate's currency")
    trigger: Literal["dormancy", "termination", "delay", "other"] | None = Field(
        default=None, description="what turns the flat fee into billing by time"
    )
    cap: bool | int | float | None = Field(
        default=None,
        description="the ceiling on the time-based charge: an amount, true (capped, e.g. at the flat fee) or false "
        "(expressly not capped)",
    )


class HourlyConversion(ClauseFamily[HourlyConversionAttributes]):
    id = "hourly_conversion"
    attributes = HourlyConversionAttributes
    problems: ClassVar[tuple[str, ...]] = ("HC_NO_RATE",)
    law: ClassVar[tuple[str, ...]] = ("US",)
    notice_basis: ClassVar[int | None] = 1

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        lex = lexicon(doc.lang)
        rate: Money | None = None
        best = units[0]
        cap_amount: Money | None = None
        for u in units:
            text = u.text(doc)
            money = find_money(text, doc.lang)
            rates = [m for m in money if m.per in PER_TIME]
            rates = rates or [m for m in money if m.per is None and not lex.cap_before_amount(text, m.start)]
            if rates:
                rate = rates[0]
                caps = [
                    m
                    for m in money
                    if m.per in (None, "project") and m is not rate and lex.cap_before_amount(text, m.start)
                ]
                cap_amount = caps[0] if caps else None
                best = u
                break
        cues = best.all_cues(rules.id)
        trigger = next((value for cue, value in _TRIGGERS if cue in cues), "other")
        text = best.text(doc)
        cap: bool | int | float | None = None
        sources: dict[str, tuple[int, int]] = {}
        trigger_cue = next((cue for cue, value in _TRIGGERS if value == trigger), None)
        said = [(s, e) for s, e, label, _ in best.hits if label == f"{rules.id}/{trigger_cue}"]
        if said:
            sources["trigger"] = said[0]
        if rate is not None:
            sources["rate"] = sources["currency"] = (best.start + rate.start, best.start + rate.end)
        if m := lex.no_cap.search(text):
            cap = False
            sources["cap"] = (best.start + m.start(), best.start + m.end())
        elif cap_amount is not None:
            cap = number(cap_amount.amount)
            sources["cap"] = (best.start + cap_amount.start, best.start + cap_amount.end)
        elif m := lex.cap.search(text):
            cap = True
            sources["cap"] = (best.start + m.start(), best.start + m.end())
        attrs = HourlyConversionAttributes(
            rate=number(rate.amount) if rate else None,
            currency=rate.currency if rate else None,
            trigger=trigger,  # type: ignore[arg-type]
            cap=cap,
        )
        problems = [] if rate is not None or "rate_card" in cues else [problem("HC_NO_RATE")]
        return Verdict(attrs, problems, [best, *[u for u in units if u is not best]], sources=sources)

    def facts(self, attrs: HourlyConversionAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.rate is not None:
            out.append(w("fact.rate", money=w.money(attrs.rate, attrs.currency)))
        if attrs.trigger:
            out.append(w(f"fact.trigger.{attrs.trigger}"))
        if attrs.cap is False:
            out.append(w("fact.cap_none"))
        elif attrs.cap is True:
            out.append(w("fact.cap"))
        elif attrs.cap is not None:
            out.append(w("fact.cap_amount", money=w.money(attrs.cap, attrs.currency)))
        return out

    def meaning(self, attrs: HourlyConversionAttributes, ctx: MeaningContext) -> Meaning:
        w = ctx.words
        if ctx.rate is None or ctx.work_value is None or attrs.rate is None:
            return w("means.hourly_conversion_no_rate"), None
        cap = w("cap", agreed=ctx.money["agreed"]) if attrs.cap else ""
        text = w(
            "means.hourly_conversion",
            rate=w.money(ctx.rate, ctx.case.currency),
            hours=w.number(ctx.case.hours_invested),
            value=ctx.money["work_value"],
            cap=cap,
        )
        return text, None


FAMILY = HourlyConversion()
