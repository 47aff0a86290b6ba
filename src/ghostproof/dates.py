"""Date arithmetic on a real calendar: calendar days, business days (Monday to Friday: "business days", "working
days", Arbeitstage) and German Werktage (Monday to Saturday), each without the public holidays of a region.

Public holidays come from the `holidays` package (German Länder, Austrian states, Swiss cantons, UK nations, US
states); no table is kept here. A region is written ``CC`` or ``CC-SUB`` as ISO 3166-2 does: ``DE-SN``, ``AT-9``,
``CH-ZH``, ``GB-ENG``, ``US-NY`` (``UK`` is read as ``GB``). Without a region only weekends are skipped, and a
report says so.

A period "within N business days after X" ends on the N-th business day after X (X itself is not counted); the
holidays inside the period are skipped, not only one at its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    from holidays import HolidayBase

DayKind = Literal["calendar", "business", "werktage"]
DAY_KINDS: tuple[str, ...] = ("calendar", "business", "werktage")
#: the countries whose regions the tool knows (the jurisdictions of a case)
COUNTRIES: tuple[str, ...] = ("DE", "AT", "CH", "GB", "US")
#: a period longer than this many days is refused (a date after 2100 cannot be printed either)
MAX_DAYS = 40_000


class RegionError(ValueError):
    """A region the holiday calendars do not know."""


def add_months(start: date, months: int) -> date:
    """The day a period of ``months`` calendar months from ``start`` ends: the same day of the month (8 July + 1 month
    = 8 August), or the last day of a shorter month (31 January + 1 month = 28 or 29 February): § 188 Abs. 2, 3 BGB
    for a period that starts with a day's event, and the corresponding-date rule of English law, alike here."""
    ended: date = start + relativedelta(months=months)
    return ended


def month_end(day: date) -> date:
    """The last day of the month ``day`` is in."""
    ended: date = day + relativedelta(day=31)
    return ended


#: the ends a notice may run to ("zum Monatsende", "to the end of a calendar quarter")
PeriodEnd = Literal["month", "quarter", "year"]


def period_end(day: date, unit: PeriodEnd) -> date:
    """The last day of the month, calendar quarter (31 March, 30 June, 30 September, 31 December) or calendar year
    that ``day`` is in."""
    if unit == "year":
        return date(day.year, 12, 31)
    if unit == "quarter":
        return month_end(date(day.year, (day.month - 1) // 3 * 3 + 3, 1))
    return month_end(day)


def parse_region(region: str) -> tuple[str, str | None]:
    """``"DE-SN"`` → ``("DE", "SN")``, ``"UK"`` → ``("GB", None)``; raises :class:`RegionError` for anything the
    holiday calendars do not know (the message lists what is accepted)."""
    import holidays

    if len(region) > 16:  # no region code is this long; never echo a long value back
        raise RegionError(f"{region[:16]!r}…: not a region code (e.g. DE-SN, US-NY)")
    code = region.strip().upper().replace("_", "-")
    country, _, sub = code.partition("-")
    country = "GB" if country == "UK" else country
    if country not in COUNTRIES:
        raise RegionError(f"{region!r}: the country must be one of {', '.join(COUNTRIES)} (e.g. DE-SN, US-NY)")
    known: tuple[str, ...] = getattr(holidays, country).subdivisions
    if sub and sub not in known:
        raise RegionError(f"{region!r}: {country} has no region {sub!r}; one of {', '.join(known)}")
    return country, sub or None


def normal_region(region: str) -> str:
    """The region as the tool writes it (``"uk-eng"`` → ``"GB-ENG"``)."""
    country, sub = parse_region(region)
    return f"{country}-{sub}" if sub else country


def region_name(region: str) -> str:
    """The region's own name and code: "Sachsen (DE-SN)", "New York (US-NY)", "Germany (DE)"."""
    import holidays

    country, sub = parse_region(region)
    if sub is None:
        return {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz", "GB": "United Kingdom", "US": "USA"}[
            country
        ] + f" ({country})"
    aliases: dict[str, str] = getattr(getattr(holidays, country), "subdivisions_aliases", {}) or {}
    name = next((alias for alias, code in aliases.items() if code == sub and len(alias) > 3), sub)
    return f"{name} ({country}-{sub})"


@lru_cache(maxsize=32)
def _holidays(country: str, sub: str | None, language: str | None) -> HolidayBase:
    import holidays

    cls = getattr(holidays, country)
    lang = language if language in cls.supported_languages else None
    return holidays.country_holidays(country, subdiv=sub, language=lang)


#: the calendar of the days banks close, per country, where it is not the public holidays (the `holidays` package's
#: financial calendars): in the US national banks close on the Federal Reserve's holidays, not the state's own
#: (Columbus Day is a bank holiday and no Texas holiday; Confederate Heroes Day the reverse)
BANK_CALENDARS: dict[str, str] = {"US": "XFED"}


@lru_cache(maxsize=16)
def _bank_holidays(market: str) -> HolidayBase:
    import holidays

    return holidays.financial_holidays(market, language="en_US")


@dataclass(frozen=True)
class Calendar:
    """Weekends plus the public holidays of ``region`` (None: weekends only). ``lang`` names holidays. ``banks``:
    the days banks close instead, where the country has such a calendar (:data:`BANK_CALENDARS`; a contract whose
    business day is "a day on which national banks in Texas are open")."""

    region: str | None = None
    lang: str = "en"
    banks: bool = False

    @property
    def bank_days(self) -> bool:
        """The calendar is that of the days banks close (not the region's public holidays)."""
        return self.banks and self.region is not None and parse_region(self.region)[0] in BANK_CALENDARS

    def _table(self) -> HolidayBase | None:
        if self.region is None:
            return None
        country, sub = parse_region(self.region)
        if self.bank_days:
            return _bank_holidays(BANK_CALENDARS[country])
        return _holidays(country, sub, "de" if self.lang == "de" else ("en_GB" if country == "GB" else "en_US"))

    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on ``day`` in the region, or None."""
        table = self._table()
        if table is None:
            return None
        name = table.get(day)
        return str(name) if name else None

    def counts(self, day: date, kind: DayKind) -> bool:
        """Whether ``day`` counts in a period of ``kind`` days."""
        if kind == "calendar":
            return True
        if day.weekday() > (5 if kind == "werktage" else 4):
            return False
        return self.holiday(day) is None

    def is_business_day(self, day: date) -> bool:
        return self.counts(day, "business")

    def next_business_day(self, day: date) -> date:
        """``day`` itself if it is a business day, else the next one."""
        for _ in range(MAX_DAYS):
            if self.is_business_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("no business day found")

    def add(self, start: date, n: int, kind: DayKind) -> date:
        """The day ``n`` days of ``kind`` after ``start`` (``start`` itself is not counted; ``n`` >= 0)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n > MAX_DAYS:
            raise ValueError(f"n must be at most {MAX_DAYS}")
        if kind == "calendar":
            return start + timedelta(days=n)
        day = start
        while n:
            day += timedelta(days=1)
            if self.counts(day, kind):
                n -= 1
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
        return sum(1 for day in _days_after(start, end) if self.is_business_day(day))

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """The public holidays after ``start`` up to and including ``end`` that fall on a weekday."""
        out = []
        for day in _days_after(start, end):
            name = self.holiday(day)
            if name is not None and day.weekday() < 5:
                out.append((day, name))
        return out


def _days_after(start: date, end: date) -> Iterator[date]:
    days = (end - start).days
    if days > MAX_DAYS:
        raise ValueError(f"more than {MAX_DAYS} days apart")
    for i in range(1, days + 1):
        yield start + timedelta(days=i)


#: weekends only (no region): the calendar of a plan whose case and contract name no country
WEEKENDS = Calendar()
