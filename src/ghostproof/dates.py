"""Date arithmetic: calendar days and business days (Monday to Friday).

Public holidays differ by country and region and are not counted here; the report says so where it matters.
"""

from __future__ import annotations

from datetime import date, timedelta


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def next_business_day(day: date) -> date:
    """``day`` itself if it is a business day, else the Monday after."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(start: date, n: int) -> date:
    """The business day ``n`` business days after ``start`` (``n`` >= 0; ``start`` itself is not counted).

    A period that starts on a weekend starts counting on the next business day, as a period "of 10 business
    days from receipt" would."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n:
        day += timedelta(days=1)
        if is_business_day(day):
            n -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if is_business_day(start + timedelta(days=weeks * 7 + i)):
            count += 1
    return count


def add_days(start: date, n: int, *, business: bool) -> date:
    return add_business_days(start, n) if business else start + timedelta(days=n)
