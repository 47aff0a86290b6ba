"""The typed quantities the finders return, with character offsets into the text they were given."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

DurationUnit = Literal["day", "week", "month", "year", "hour"]
RatePer = Literal["hour", "day", "month", "project"]
PercentPeriod = Literal["month", "year"]

_DAYS_PER_UNIT: Final[dict[str, int]] = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time, ``value`` times ``unit``; ``business`` for business/working days (Werktage, Arbeitstage)."""

    value: float
    unit: DurationUnit
    business: bool
    text: str
    start: int
    end: int

    @property
    def kind(self) -> Literal["calendar", "business", "werktage"]:
        """How its days count: calendar days; business days (Monday to Friday: "business", "working", "banking"
        days, Arbeitstage, Geschäftstage); or Werktage (Monday to Saturday in German law)."""
        if not self.business:
            return "calendar"
        return "werktage" if "werk" in self.text.lower() else "business"

    @property
    def days(self) -> int | None:
        """Length in days (week = 7, month = 30, year = 365); business days stay their count.

        ``None`` for hours and for lengths that are not a whole number of days ("1.5 days").
        """
        factor = _DAYS_PER_UNIT.get(self.unit)
        if factor is None:
            return None
        total = self.value * factor
        return int(total) if total.is_integer() else None


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money, ``currency`` as an ISO 4217 code, ``per`` the unit a rate is charged in."""

    amount: Decimal
    currency: str | None
    per: RatePer | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage (or percentage points), ``period`` for interest rates, ``over_base_rate`` when it is added to
    a base/reference rate ("9 Prozentpunkte über dem Basiszinssatz")."""

    value: float
    period: PercentPeriod | None
    over_base_rate: bool
    text: str
    start: int
    end: int
