"""A period of notice as a clause parameter (``{{ notice }}``): a number of days (of a kind) or calendar months, maybe
to the end of a month, quarter or year — the way the contract wrote it, so that a suggested clause keeps "zwei Monate
zum Monatsende" instead of turning it into "60 Tagen" (new user, round 8)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, cast

from ..dates import PeriodEnd

Unit = Literal["day", "business_day", "werktag", "month"]

#: days a unit stands for when two periods are compared (never for counting a date)
_DAYS: dict[str, Decimal] = {
    "day": Decimal(1),
    "business_day": Decimal("1.4"),
    "werktag": Decimal("1.1667"),
    "month": Decimal(30),
}
#: days a period's end may add at most, for comparing
_END_DAYS: dict[str, Decimal] = {"month": Decimal(30), "quarter": Decimal(91), "year": Decimal(365)}

_UNIT_WORDS: dict[str, Unit] = {
    "day": "day",
    "days": "day",
    "calendar day": "day",
    "calendar days": "day",
    "tag": "day",
    "tage": "day",
    "tagen": "day",
    "kalendertag": "day",
    "kalendertage": "day",
    "kalendertagen": "day",
    "business day": "business_day",
    "business days": "business_day",
    "working day": "business_day",
    "working days": "business_day",
    "arbeitstag": "business_day",
    "arbeitstage": "business_day",
    "arbeitstagen": "business_day",
    "werktag": "werktag",
    "werktage": "werktag",
    "werktagen": "werktag",
    "month": "month",
    "months": "month",
    "monat": "month",
    "monate": "month",
    "monaten": "month",
}
_END_WORDS: dict[str, PeriodEnd] = {"monats": "month", "quartals": "quarter", "jahres": "year"}

_PERIOD = re.compile(
    r"(?P<n>\d+)\s*(?P<unit>[a-zäöü]+(?:\s+days?)?)?"
    r"(?:\s*,?\s*(?:to\s+(?:the\s+)?end\s+of\s+(?:a\s+|the\s+)?(?:calendar\s+)?(?P<end>month|quarter|year)"
    r"|(?:to\s+)?(?P<end2>month|quarter|year)[\s-]end"
    r"|zum\s+(?P<ende>monats|quartals|jahres)ende))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    count: int
    unit: Unit = "day"
    #: the notice runs to the end of a month, calendar quarter or year
    end: PeriodEnd | None = None

    @classmethod
    def parse(cls, raw: object) -> Period:
        """``14``, ``"14 days"``, ``"10 business days"``, ``"2 months to month end"``, ``"2 Monate zum Monatsende"``,
        ``"3 months, to the end of a calendar quarter"``; raises ValueError for anything else."""
        if isinstance(raw, Period):
            return raw
        if isinstance(raw, bool):
            raise ValueError(f"{raw!r} is not a period")
        if isinstance(raw, int):
            text = str(raw)
        else:
            text = " ".join(str(raw).split())
        m = _PERIOD.fullmatch(text)
        if m is None:
            raise ValueError(
                f"{text[:40]!r} is not a period (e.g. 14, 14 days, 10 business days, 2 months to month end)"
            )
        unit = _UNIT_WORDS.get((m["unit"] or "days").lower())
        if unit is None:
            raise ValueError(f"{m['unit']!r} is not a unit (days, business days, months)")
        end_word = m["end"] or m["end2"]
        end = cast(PeriodEnd, end_word.lower()) if end_word else _END_WORDS.get((m["ende"] or "").lower())
        count = int(m["n"])
        if count < 1:
            raise ValueError("must be at least 1")
        return cls(count, unit, end)

    @classmethod
    def from_attributes(
        cls, days: int, months: object = None, kind: object = None, end: object = None
    ) -> Period | None:
        """The period a finding read: calendar months where written so, days of their kind ("business",
        "werktage"), the period's end; None for no period (0 days: immediately)."""
        if days < 1:
            return None
        period_end: PeriodEnd | None = end if end in ("month", "quarter", "year") else None
        if isinstance(months, int) and not isinstance(months, bool) and months > 0:
            return cls(months, "month", period_end)
        unit: Unit = {"business": "business_day", "werktage": "werktag"}.get(str(kind), "day")  # type: ignore[assignment]
        return cls(days, unit, period_end)

    def length(self) -> Decimal:
        """About as many days as the period itself lasts, without the end it runs to (for bounds, never for a date)."""
        return self.count * _DAYS[self.unit]

    def days(self) -> Decimal:
        """About as many days as the period lasts, with half of the end it runs to (for comparing two periods, never
        for a date)."""
        return self.length() + (_END_DAYS[self.end] / 2 if self.end else Decimal(0))

    def format(self, lang: str) -> str:
        """As clause text (words from the catalogue, ``[clauses.period]``): "14 days", "2 months, to the end of a
        month"; German in the dative that follows "Frist von": "14 Tagen", "2 Monaten zum Monatsende"."""
        from ..words import Words

        w = Words(lang, "clauses.period")
        said = w(f"{self.unit}_one" if self.count == 1 else self.unit, n=self.count)
        return said + (w(f"end.{self.end}") if self.end else "")

    def __str__(self) -> str:
        return self.format("en")
