"""The dates a plan prints, each with its rule in words: a period counted on the region's calendar ("5 business
days after 3 Nov 2026: Monday to Friday, public holidays in Sachsen (DE-SN) excluded"), and a deadline of the
client's that ends on a weekend or public holiday moved to the next business day — citing the statute where the law
of the case moves it:

- DE: § 193 BGB (Saturday, Sunday, public holiday at the place of performance);
- AT: § 903 Satz 3 ABGB (Sunday, recognised holiday; a Saturday is not named there);
- CH: Art. 78 Abs. 1 OR (Sunday, recognised holiday at the place of performance; a Saturday counts as a holiday
  only for statutory periods);
- US, New York: N.Y. General Construction Law § 25 (contracts: Saturday, Sunday, public holiday).

Elsewhere (UK, other US states) no general rule moves a contractual deadline; the plan still waits until the next
business day, says it does so to be safe and cites nothing. A notice period that ends a contract is not moved
(BGH: § 193 BGB does not lengthen a period of notice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..dates import Calendar, DayKind, parse_region, region_name
from ..words import Words

#: the law that moves a deadline off a day that is not a business day: (its key in the words, the days it names)
ROLL_LAW: dict[str, tuple[str, frozenset[str]]] = {
    "DE": ("DE", frozenset({"saturday", "sunday", "holiday"})),
    "AT": ("AT", frozenset({"sunday", "holiday"})),
    "CH": ("CH", frozenset({"sunday", "holiday"})),
    "US-NY": ("US-NY", frozenset({"saturday", "sunday", "holiday"})),
}


@dataclass(frozen=True)
class Dated:
    day: date
    rule: str


def _what(cal: Calendar, day: date) -> tuple[str, str | None]:
    """("saturday" | "sunday" | "holiday", the holiday's name)."""
    name = cal.holiday(day)
    if name is not None:
        return "holiday", name
    return ("saturday" if day.weekday() == 5 else "sunday"), None


@dataclass(frozen=True)
class Deadlines:
    """Counts periods on ``calendar`` and moves deadlines as the law of ``jurisdiction`` does."""

    calendar: Calendar
    jurisdiction: str
    words: Words

    def _law(self) -> tuple[str, frozenset[str]] | None:
        region = self.calendar.region
        if self.jurisdiction == "US" and region is not None and parse_region(region) == ("US", "NY"):
            return ROLL_LAW["US-NY"]
        return ROLL_LAW.get(self.jurisdiction)

    def holidays_rule(self) -> str:
        w, region = self.words, self.calendar.region
        if region is None:
            return w("rule.no_holidays")
        if self.calendar.bank_days:
            return w("rule.holidays_banks")
        if parse_region(region)[1] is None and region != "GB":
            return w("rule.holidays_national", region=region_name(region))
        return w("rule.holidays", region=region_name(region))

    def count(self, start: date, n: int, kind: DayKind, *, after: str | None = None) -> Dated:
        """The day ``n`` days of ``kind`` after ``start``; ``after`` names the start ("the check-in")."""
        day = self.calendar.add(start, n, kind)
        w = self.words
        since = after or w("rule.on_date", date=w.date(start))
        if kind == "calendar":
            return Dated(day, w("rule.calendar", n=n, start=since))
        return Dated(day, w(f"rule.{kind}", n=n, start=since, holidays=self.holidays_rule()))

    def due(self, start: date, n: int, kind: DayKind, *, after: str | None = None) -> Dated:
        """A deadline of the client's: counted, then moved off a weekend or holiday (see the module's docstring)."""
        counted = self.count(start, n, kind, after=after)
        return self.moved(counted)

    def moved(self, counted: Dated) -> Dated:
        last = counted.day
        if self.calendar.is_business_day(last):
            return counted
        w = self.words
        what, name = _what(self.calendar, last)
        said = w(f"rule.what.{what}", name=name or "")
        law = self._law()
        moves = law is not None and what in law[1]
        day = self.calendar.next_business_day(last)
        if moves:
            assert law is not None
            text = w("rule.moved_law", last=w.date(last), what=said, day=w.date(day), law=w(f"rule.law.{law[0]}"))
        else:
            text = w("rule.moved_safe", last=w.date(last), what=said, day=w.date(day))
        return Dated(day, f"{counted.rule}; {text}")

    def business_day(self, day: date, *, what: str) -> Dated:
        """The plan's own step on ``day`` or the next business day; ``what`` says why that day."""
        moved = self.calendar.next_business_day(day)
        return Dated(moved, what)
