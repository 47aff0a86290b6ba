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
    closes: bool | None = Field(
        default=None, description="after the period the project is closed and the contract ends (false: only paused)"
    )
    from_our_message: bool | None = Field(
        default=None, description="the period runs from the contractor's own last message, not the client's"
    )
    restart_fee: bool | int | float | None = Field(
        default=None, description="the fee to restart: an amount, true (charged, no amount) or false (free)"
    )
    currency: str | None = Field(default=None, description="ISO code of the restart fee's currency")


class Dormancy(ClauseFamily[DormancyAttributes]):
    id = "dormancy"
    attributes = DormancyAttributes
    problems: ClassVar[tuple[str, ...]] = ("DO_NO_PERIOD",)
    notice_basis: ClassVar[int | None] = 2

    def can_end_a_silent_project(self, attrs: DormancyAttributes) -> bool:
        """Only a clause that closes the project: one that pauses it ("Vendor may place the project on hold") lets
        no deadline notice say the project is closed "as our agreement provides"."""
        return attrs.closes is True

    def verdict(self, rules: FamilyRules, units: list[Unit], doc: Document) -> Verdict:
        fid = rules.id
        lex = lexicon(doc.lang)
        silence: int | None = None
        kind: DayKind | None = None
        closes: bool | None = None
        ours: bool | None = None
        best: Unit | None = None
        sources: dict[str, tuple[int, int]] = {}

        # the period of the silence itself: one in a sentence that speaks of the silence ("Reagiert der Kunde … 30
        # Tage lang nicht") before one that only measures the pause ("Ruht das Projekt länger als 60 Tage, dürfen wir
        # es stilllegen"); else the first period, as before
        def silent(u: Unit, at: int) -> bool:
            sent = next(((a, b) for a, b in u.sentences if a <= at < b), (u.start, u.end))
            return any(label == f"{fid}/silence" and sent[0] <= hs < sent[1] for hs, _, label, _ in u.hits)

        ordered = sorted(
            units,
            key=lambda u: not any(silent(u, u.start + d.start) for d in periods(u.text(doc), doc.lang)[:1]),
        )
        for u in ordered:
            found = periods(u.text(doc), doc.lang)
            if found:
                silence = period_days(found[0])
                kind = found[0].kind if silence is not None else None
                best = u
                sources["silence_days"] = (u.start + found[0].start, u.start + found[0].end)
                if kind is not None:
                    sources["silence_day_kind"] = sources["silence_days"]
                # what happens after the period, and from when it runs: read in the period's own sentence
                sent = next(((a, b) for a, b in u.sentences if a <= u.start + found[0].start < b), (u.start, u.end))
                said = doc.text[sent[0] : sent[1]]
                if (m := lex.closes.search(said)) is not None:
                    closes = True
                elif (m := lex.pauses.search(said)) is not None:
                    closes = False
                if m is not None:
                    sources["closes"] = (sent[0] + m.start(), sent[0] + m.end())
                if (m := lex.our_message.search(said)) is not None:
                    ours = True
                    sources["from_our_message"] = (sent[0] + m.start(), sent[0] + m.end())
                break
        fee: bool | int | float | None = None
        currency: str | None = None
        for u in units:
            if "restart" not in u.all_cues(fid):
                continue
            text = u.text(doc)
            # (the sentences that speak of restarting: "Die bis dahin erbrachten Leistungen rechnen wir … nach Aufwand
            # … ab. Die Wiederaufnahme wird als neuer Auftrag behandelt." charges the work done, no restart fee)
            own = [
                (a, b)
                for a, b in u.sentences
                if any(label == f"{fid}/restart" and a <= hs < b for hs, _, label, _ in u.hits)
            ]
            if own:
                lo, hi = own[0][0], own[-1][1]
                text = doc.text[lo:hi]
                base = lo
            else:
                base = u.start
            money = [m for m in find_money(text, doc.lang) if m.per not in PER_TIME]
            if lex.no_fee.search(text):
                fee = False
            elif money:
                fee, currency = number(money[0].amount), money[0].currency
                sources["restart_fee"] = sources["currency"] = (base + money[0].start, base + money[0].end)
            elif lex.fee.search(text) or find_percents(text, doc.lang):
                fee = True
            break
        problems = [] if best is not None else [problem("DO_NO_PERIOD")]
        best = best or units[0]
        attrs = DormancyAttributes(
            silence_days=silence,
            silence_day_kind=kind,
            closes=closes,
            from_our_message=ours,
            restart_fee=fee,
            currency=currency,
        )
        return Verdict(attrs, problems, [best, *[u for u in units if u is not best]], sources=sources)

    def facts(self, attrs: DormancyAttributes, status: str, w: Words) -> list[str]:
        out = []
        if attrs.silence_days is not None:
            verb = "closes" if attrs.closes else "silence"  # "closes after 30 days" / "pauses after 30 days"
            key = {"business": f"fact.{verb}_business_days", "werktage": f"fact.{verb}_werktage"}.get(
                attrs.silence_day_kind or "", f"fact.{verb}_days"
            )
            out.append(w(key, n=w.number(attrs.silence_days)))
            if attrs.from_our_message:
                out.append(w("fact.from_our_message"))
        fee = attrs.restart_fee
        if fee is True:
            out.append(w("fact.restart_fee"))
        elif fee is False:
            out.append(w("fact.no_restart_fee"))
        elif fee is not None:
            out.append(w("fact.restart_fee_amount", money=w.money(fee, attrs.currency)))
        return out

    def meaning(self, attrs: DormancyAttributes, ctx: MeaningContext) -> Meaning:
        w, case = ctx.words, ctx.case
        if attrs.silence_days is None:
            return w("clause_missing"), None
        kind = attrs.silence_day_kind or "calendar"
        # the period runs from the event the clause names: your own last message where it says so
        start, since = case.last_contact, ""
        if attrs.from_our_message:
            if case.last_message is not None:
                start = case.last_message
            else:
                since = w("means.dormancy_from_message_unknown")
        # not a deadline for a declaration: counted, not moved off a weekend
        dated = ctx.dates().count(start, attrs.silence_days, kind)
        dormant = dated.day
        fee = attrs.restart_fee
        restart = (
            w("restart", fee=w.money(Decimal(str(fee)), case.currency))
            if isinstance(fee, int | float) and not isinstance(fee, bool)
            else ""
        )
        action = "unknown" if attrs.closes is None else ("close" if attrs.closes else "pause")
        text = w(
            "means.dormancy",
            days=attrs.silence_days,
            unit=w(f"unit.{kind}"),
            action=w(f"dormancy_action.{action}"),
            date=w.date(dormant),
            rule=dated.rule,
            since=since,
            restart=restart,
        )
        return text, (dormant, f"step.dormant_{action}", dated.rule)


FAMILY = Dormancy()
