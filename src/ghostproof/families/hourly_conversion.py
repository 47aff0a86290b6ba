"""Hourly conversion: when the client stalls or the contract ends early, work done is billed by time."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..model import Document
from ..quantities import Money, find_money
from ..words import Words
from .base import PER_TIME, Attributes, ClauseFamily, Meaning, MeaningContext, Verdict, number, problem
from .lexicon import Lexicon, lexicon

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


def _while_it_runs(unit: Unit, said: list[tuple[int, int]], doc: Document, lex: Lexicon) -> bool:
    """The client's silence itself switches to billing by time, while the contract runs on: its sentence does not tie
    it to an end of the contract — no ending word after the silence ("reagiert der Kunde nicht, kann der
    Auftragnehmer kündigen und … abrechnen") nor before it without an "or" between ("… wenn der Auftragnehmer
    kündigt, weil Anfragen unbeantwortet bleiben"). "Endet der Vertrag vorzeitig, oder bleiben Anfragen
    unbeantwortet, kann … abgerechnet werden" bills while the contract runs on."""
    if not said:
        return False
    at, end = said[0]
    text = doc.text
    stops = (". ", ".\n", ";")
    start = max(
        [unit.start, *(text.rfind(c, unit.start, at) + len(c) for c in stops if text.rfind(c, unit.start, at) >= 0)]
    )
    stop = min((i for i in (text.find(c, end, unit.end) for c in stops) if i >= 0), default=unit.end)
    if lex.ends.search(text, end, stop):
        return False
    before = list(lex.ends.finditer(text, start, at))
    return not before or lex.alternative.search(text, before[-1].end(), at) is not None


class HourlyConversionAttributes(Attributes):
    rate: int | float | None = Field(default=None, description="the hourly (or daily) rate")
    currency: str | None = Field(default=None, description="ISO code of the rate's currency")
    rate_per: Literal["hour", "day"] | None = Field(default=None, description="the time the rate is charged per")
    trigger: Literal["dormancy", "termination", "delay", "other"] | None = Field(
        default=None, description="what turns the flat fee into billing by time"
    )
    cap: bool | int | float | None = Field(
        default=None,
        description="the ceiling on the time-based charge: an amount, true (capped, e.g. at the flat fee) or false "
        "(expressly not capped)",
    )
    bills_by_time: bool | None = Field(
        default=None,
        description="true: no passage converts a flat fee because the contract pays all work by time (no fixed "
        "price anywhere), so the need is covered",
    )


class HourlyConversion(ClauseFamily[HourlyConversionAttributes]):
    id = "hourly_conversion"
    attributes = HourlyConversionAttributes
    problems: ClassVar[tuple[str, ...]] = ("HC_NO_RATE", "HC_SILENCE_TRIGGER", "HC_DELAY_ONLY")
    law: ClassVar[tuple[str, ...]] = ("US",)
    notice_basis: ClassVar[int | None] = 1

    def can_end_a_silent_project(self, attrs: HourlyConversionAttributes) -> bool:
        """A clause that bills the work done when the project ends early backs the final invoice of a closed project;
        one that bills by time while the project is on hold or delayed ("While on hold, Vendor may invoice all work
        completed to date at the hourly rate") does not say the project may be closed."""
        # (a contract that bills every hour throughout says nothing about closing a project: "95 € je geleisteter
        # Stunde" is no basis for "as our agreement provides")
        return attrs.trigger not in ("dormancy", "delay") and not attrs.bills_by_time

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        lex = lexicon(doc.lang)
        # a clause whose every billing-by-time phrase is denied ("Eine Abrechnung nach Zeitaufwand ist
        # ausgeschlossen", "no time-and-materials billing") rules billing by time out
        units = [u for u in units if not _rate_denied(u, rules.id, doc)]
        if not units:
            return Verdict(HourlyConversionAttributes(), [], found=False)
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
            sources["rate"] = sources["currency"] = sources["rate_per"] = (
                best.start + rate.start,
                best.start + rate.end,
            )
        # the ceiling is often its own sentence or sub-clause right after the rate ("9.2 The amount billed under
        # Section 9.1 will not exceed the Project Fee"): the clause and the next ones of its section are read
        following = sorted((u for u in best.section_units if u.start >= best.end), key=lambda u: u.start)[:3]
        for at, part in [(best.start, text), *((u.start, u.text(doc)) for u in following)]:
            if m := lex.no_cap.search(part):
                cap = False
                sources["cap"] = (at + m.start(), at + m.end())
            elif at == best.start and cap_amount is not None:
                cap = number(cap_amount.amount)
                sources["cap"] = (at + cap_amount.start, at + cap_amount.end)
            elif m := lex.cap.search(part):
                cap = True
                # the ceiling with what it is ("will not exceed the Project Fee"), to the end of its clause
                stop = min((i for i in (part.find(c, m.end()) for c in ".;") if i >= 0), default=len(part))
                sources["cap"] = (at + m.start(), at + min(stop, m.end() + 80))
            if cap is not None:
                break
        attrs = HourlyConversionAttributes(
            rate=number(rate.amount) if rate else None,
            currency=rate.currency if rate else None,
            rate_per=rate.per if rate and rate.per in PER_TIME else None,  # type: ignore[arg-type]
            trigger=trigger,  # type: ignore[arg-type]
            cap=cap,
        )
        problems = [] if rate is not None or "rate_card" in cues else [problem("HC_NO_RATE")]
        if doc.lang == "de" and trigger == "dormancy" and _while_it_runs(best, said, doc, lex):
            problems.append(problem("HC_SILENCE_TRIGGER"))
        if "delay_cost" in cues and not cues & {"conversion", "work_done", "on_termination", "on_dormancy"}:
            # "Mehraufwand, der durch Verzögerungen des Kunden entsteht, wird nach Aufwand … berechnet": the delay's
            # extra work is paid by time, the flat fee stays
            problems.append(problem("HC_DELAY_ONLY"))
        return Verdict(attrs, problems, [best, *[u for u in units if u is not best]], sources=sources)

    def without_clause(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict | None:
        """A contract with no fixed price whose payment clause pays the work by the hour or day ("shall pay
        Consultant for the Services at the rate of €500 per hour") bills by time throughout: nothing to convert."""
        lex = lexicon(doc.lang)
        prefix = rules.id + "/"
        for u in units:
            cues = u.cues.get(rules.id, {})  # the unit's own cues: no quantity parsing for every unit
            if "rate_basis" not in cues:
                continue
            text = u.text(doc)
            where = " ".join(filter(None, (u.block.heading, u.block.section, text[:60])))
            if not lex.payment_heading.search(where):
                continue
            # the sentences that pay by time and name no extra work ("Die Leistungen werden nach Aufwand zu einem
            # Stundensatz von 110 € abgerechnet. Reisezeiten werden zu 50 % … vergütet": the first one)
            labels = [(hs, label[len(prefix) :]) for hs, _he, label, _ in u.hits if label.startswith(prefix)]
            plain = [
                (a, b)
                for a, b in u.sentences
                if any(c == "rate_basis" and a <= hs < b for hs, c in labels)
                and not any(c == "change_request" and a <= hs < b for hs, c in labels)
            ]
            rates = [(a, m) for a, b in plain for m in find_money(doc.text[a:b], doc.lang) if m.per in PER_TIME]
            if rates:
                if _fixed_price(lex, doc.text):  # searched last: it reads the whole contract
                    return None
                at, rate = rates[0]
                attrs = HourlyConversionAttributes(
                    rate=number(rate.amount),
                    currency=rate.currency,
                    rate_per=rate.per,  # type: ignore[arg-type]
                    bills_by_time=True,
                )
                span = (at + rate.start, at + rate.end)
                sources = {"rate": span, "currency": span, "rate_per": span, "bills_by_time": span}
                return Verdict(attrs, [], [u], sources=sources)
        return None

    def facts(self, attrs: HourlyConversionAttributes, status: str, w: Words) -> list[str]:
        out = [w("fact.bills_by_time")] if attrs.bills_by_time else []
        if attrs.rate is not None:
            key = "fact.rate_day" if attrs.rate_per == "day" else "fact.rate" if attrs.rate_per else "fact.rate_amount"
            out.append(w(key, money=w.money(attrs.rate, attrs.currency)))
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
            if attrs.rate is not None and attrs.rate_per == "day":
                # a day rate ("£380 per day") and no hourly rate of yours: the case's hours say nothing of the days
                # worked, so no sum is made; the rate is named (it was "the clause states no rate")
                cap = w("cap", agreed=ctx.money["agreed"]) if attrs.cap else ""
                day_rate = w.money(Decimal(str(attrs.rate)), attrs.currency or ctx.case.currency)
                return w("means.hourly_conversion_day_rate", rate=day_rate, cap=cap), None
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


def _fixed_price(lex: Lexicon, text: str) -> bool:
    """The contract names a fixed price somewhere, not only to deny one ("Die Budgetobergrenze ist kein Festpreis")."""
    return any(
        not lex.fixed_price_negated.search(text, max(0, m.start() - 30), m.start())
        for m in lex.fixed_price.finditer(text)
    )


def _rate_denied(unit: Unit, fid: str, doc: Document) -> bool:
    """Every billing-by-time phrase of the unit is denied by the words just before or after it."""
    lex = lexicon(doc.lang)
    text = doc.text
    spans = [(s, e) for s, e, label, _ in unit.hits if label == f"{fid}/rate_basis"]
    return bool(spans) and all(
        lex.rate_denied_before.search(text[max(unit.start, s - 40) : s]) is not None
        or lex.rate_denied_after.match(text[e : min(unit.end, e + 50)]) is not None
        for s, e in spans
    )
